/*
 * fuzz_keys.c - the controller driven by any key sequence (inside the
 * lesson sandbox, so no file is touched), with an oracle: undoing every
 * change gives back the sheet it started from, cell for cell.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "app/keys.h"
#include "app/tutor.h"
#include "tests/fuzz/fuzz.h"

/* 1 when the inputs and settings of A and B are the same. */
static int
same(const struct sheet *a, const struct sheet *b)
{
	long r;
	int k;

	if (sheet_rows(a) != sheet_rows(b) || sheet_classes(a) != sheet_classes(b)
	    || memcmp(sheet_opts(a), sheet_opts(b), offsetof(struct sheet_opts,
	    weights)) != 0)
		return 0;
	for (r = 0; r < sheet_rows(a); r++)
		for (k = 0; k < sheet_classes(a); k++)
			if (memcmp(&(double){ sheet_act(a, r, k) },
			    &(double){ sheet_act(b, r, k) }, sizeof(double)) ||
			    sheet_y(a, r, k) != sheet_y(b, r, k))
				return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctl *c = fuzz_ctl(), *orig = fuzz_ctl();
	char err[512], *script;
	int i;

	/* Lines of keys and commands, as a lesson's solution types them. */
	script = fuzz_string(data, size < 4096 ? size : 4096);
	tutor_replay(c, "fuzz", script, 1, err, sizeof(err));
	if (c->line != LINE_NONE)
		ctl_line_cancel(c);
	c->ask = ASK_NONE;
	c->help = 0;
	for (i = 0; i < 100000 && c->undo.pos > 0; i++)
		ctl_key(c, 'u');
	if (!same(c->s, orig->s) || c->dirty)
		__builtin_trap();
	ctl_free(c);
	ctl_free(orig);
	free(script);
	return 0;
}
