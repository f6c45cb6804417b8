/*
 * fuzz_util.c - helpers of the fuzz harnesses; see fuzz.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "tests/fuzz/fuzz.h"

char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

struct ctl *
fuzz_ctl(void)
{
	struct ctl *c = ctl_new_default();

	if (c == NULL)
		abort();
	return c;
}
