/*
 * bench_core.c - times the model on a million rows of ten classes: the
 * bulk load, a full recompute, and single-cell edits (which must cost
 * O(K) plus O(log N), not a pass over the sheet); then number I/O,
 * num_parse and num_format against the strtod/printf code they replaced.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/num.h"
#include "core/sheet.h"
#include "tests/core/num_old.h"

#define ROWS 1000000
#define K 10
#define NUMS 1000000	/* distinct numbers; each timing makes 10M calls */
#define PASSES 10

/* Seconds since an arbitrary start, monotonic. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* NUMS doubles of one kind: KIND 0 a sheet's ("%.6f" logits), 1 computed
 * (softmax outputs, full precision), 2 any bit pattern that is finite. */
static void
fill(double *x, int kind)
{
	unsigned long long u = 88172645463325252ULL + (unsigned)kind;
	long i;

	for (i = 0; i < NUMS; i++) {
		u ^= u << 13;
		u ^= u >> 7;
		u ^= u << 17;
		if (kind == 0)
			x[i] = round(((double)(u >> 11) / 9007199254740992.0 -
			    0.5) * 8e6) / 1e6;
		else if (kind == 1)
			x[i] = exp(-(double)(u >> 11) / 9007199254740992.0 * 20);
		else
			memcpy(&x[i], &u, sizeof(x[i]));
		if (!isfinite(x[i]))
			x[i] = 1;
	}
}

/* Nanoseconds a call of FMT (old or new num_format) over X, leaving its
 * texts in TXT; when DIFFER is not NULL, first counts there the texts that
 * differ from those TXT held (the other one's). */
static double
time_format(char *(*fmt)(char *, size_t, double), const double *x,
    char (*txt)[NUM_BUFSZ], long *differ)
{
	char buf[NUM_BUFSZ];
	double t0;
	long i, p;

	for (i = 0; differ != NULL && i < NUMS; i++)
		*differ += strcmp(fmt(buf, sizeof(buf), x[i]), txt[i]) != 0;
	t0 = now();
	for (p = 0; p < PASSES; p++)
		for (i = 0; i < NUMS; i++)
			fmt(p == 0 ? txt[i] : buf, NUM_BUFSZ, x[i]);
	return (now() - t0) / ((double)NUMS * PASSES) * 1e9;
}

/* Nanoseconds a call of PARSE (old or new num_parse) over TXT; counts
 * the texts that do not read back to X in *BAD. */
static double
time_parse(int (*parse)(const char *, double *), const double *x,
    char (*txt)[NUM_BUFSZ], long *bad)
{
	double t0 = now(), v, sum = 0;
	long i, p;

	*bad = 0;
	for (p = 0; p < PASSES; p++)
		for (i = 0; i < NUMS; i++) {
			if (parse(txt[i], &v) != 0 || (v != x[i] && x[i] != 0))
				(*bad)++;
			sum += v;
		}
	t0 = (now() - t0) / ((double)NUMS * PASSES) * 1e9;
	return sum == 42 ? 0 : t0;	/* keeps the loop from being dropped */
}

/* Times num_parse and num_format, old and new, on each kind of number. */
static void
bench_num(void)
{
	static const char *const kinds[] = { "sheet %.6f", "computed",
	    "any bits" };
	double *x = malloc(NUMS * sizeof(*x));
	char (*txt)[NUM_BUFSZ] = malloc(NUMS * sizeof(*txt));
	double fo, fn, po, pn;
	long diff, bad_o, bad_n;
	int kind;

	if (x == NULL || txt == NULL)
		goto out;
	printf("   number I/O, ns a call (%d calls each; old = strtod_l and "
	    "printf):\n", NUMS * PASSES);
	for (kind = 0; kind < 3; kind++) {
		fill(x, kind);
		diff = 0;
		fo = time_format(num_old_format, x, txt, NULL);
		fn = time_format(num_format, x, txt, &diff);
		po = time_parse(num_old_parse, x, txt, &bad_o);
		pn = time_parse(num_parse, x, txt, &bad_n);
		printf("   %-11s format old %6.0f new %5.0f (x%.1f, %ld of %d "
		    "texts differ)\n", kinds[kind], fo, fn, fo / fn, diff, NUMS);
		printf("   %-11s parse  old %6.0f new %5.0f (x%.1f, %ld/%ld "
		    "misread)\n", "", po, pn, po / pn, bad_o, bad_n);
	}
out:
	free(txt);
	free(x);
}

int
main(void)
{
	const char *names[K] = { "c0", "c1", "c2", "c3", "c4", "c5", "c6",
	    "c7", "c8", "c9" };
	struct sheet *s = sheet_new(K, names);
	double a[K], y[K], t0;
	long r, edits = 100000;
	int k;

	srand(7);
	t0 = now();
	for (r = 0; r < ROWS; r++) {
		for (k = 0; k < K; k++) {
			a[k] = (rand() / (double)RAND_MAX - 0.5) * 8;
			y[k] = k == r % K;
		}
		sheet_append(s, NULL, a, y, 0);
	}
	printf("   append %d rows:      %.3f s\n", ROWS, now() - t0);
	t0 = now();
	sheet_recompute(s);
	printf("   full recompute:       %.3f s\n", now() - t0);
	t0 = now();
	for (r = 0; r < edits; r++)
		sheet_set_act(s, (r * 7919) % ROWS, r % K, r * 1e-6);
	printf("   one edit + mean:      %.2f us (average of %ld)\n",
	    (now() - t0) / edits * 1e6, edits);
	printf("   mean loss %.6f, accuracy %.4f\n", sheet_mean_loss(s),
	    sheet_accuracy(s));
	sheet_free(s);
	bench_num();
	return 0;
}
