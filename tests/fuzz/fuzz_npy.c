/*
 * fuzz_npy.c - bytes of any content, read as a .npy array and as a .npz
 * archive, are parsed or refused with a message, and every element a
 * parse accepts can be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/npy.h"
#include "tests/fuzz/fuzz.h"

/* Reads every element of A, as the sheet would. */
static double
touch(const struct npy_array *a)
{
	double sum = 0;
	long i, j;

	for (i = 0; i < a->rows && i < 4096; i++)
		for (j = 0; j < a->cols && j < 64; j++)
			sum += a->dtype == NPY_I4 || a->dtype == NPY_I8 ?
			    (double)npy_int(a, i * a->cols + j) :
			    npy_float(a, i, j);
	return sum;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const members[] = { "logits.npy", "probs.npy",
		"labels.npy" };
	struct npy_array a;
	char err[1024];
	volatile double sink = 0;
	size_t i;

	/* The parsers read only the bytes they are given: a copy of just
	 * that size lets the sanitizer see any read past the end. */
	uint8_t *copy = malloc(size ? size : 1);

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	if (npy_parse("f.npy", copy, size, &a, err, sizeof(err)) == 0)
		sink += touch(&a);
	else if (strchr(err, '\n') != NULL || strncmp(err, "f.npy: ", 7) != 0)
		abort();
	for (i = 0; i < sizeof(members) / sizeof(members[0]); i++) {
		if (npz_member("f.npz", copy, size, members[i], &a, err,
		    sizeof(err)) == 1) {
			sink += touch(&a);
			npy_free(&a);
		}
	}
	(void)sink;
	free(copy);
	return 0;
}
