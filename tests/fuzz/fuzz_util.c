/*
 * fuzz_util.c - helpers of the fuzz harnesses; see fuzz.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "io/defaults.h"
#include "io/sheetfile.h"
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
	struct sheetfile_info info;
	struct sheet *s;
	struct ctl *c;
	char err[256];

	s = sheetfile_load_mem(DEFAULTS_NAME, defaults_sheet,
	    strlen(defaults_sheet), &info, err, sizeof(err));
	if (s == NULL || (c = ctl_new(s, NULL, 0)) == NULL)
		abort();
	sheetfile_info_free(&info);
	return c;
}
