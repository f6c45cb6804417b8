/*
 * fuzz_expr.c - the arithmetic a cell accepts, on any text.
 */
#include <stdlib.h>

#include "core/expr.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256], *text = fuzz_string(data, size);
	double v;

	expr_eval(text, &v, err, sizeof(err));
	free(text);
	return 0;
}
