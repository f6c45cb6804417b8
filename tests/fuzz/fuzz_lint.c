/*
 * fuzz_lint.c - a lesson of any content, entered step by step with its
 * setups and solutions replayed, as `xent lint` does: the sandbox must
 * keep it from writing, reading or quitting, whatever it says.
 */
#include <stdlib.h>
#include <unistd.h>

#include "app/ctl.h"
#include "app/tutor.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	struct lesson *l = lesson_parse("fuzz.md", (const char *)data, size,
	    err, sizeof(err));
	struct tutor *t;
	struct ctl *c;
	int n;

	if (l == NULL || l->nsteps > 16)
		goto out;
	t = tutor_new(l, 0);
	c = fuzz_ctl();
	tutor_attach(t, c);
	for (n = 0; n < l->nsteps; n++)
		if (tutor_goto(t, c, n, err, sizeof(err)) == 0)
			tutor_solve(t, c, n, err, sizeof(err));
	if (c->quit || c->path != NULL)
		abort();		/* a lesson quit or opened a file */
	ctl_free(c);
	tutor_free(t);
	return 0;
out:
	lesson_free(l);
	return 0;
}
