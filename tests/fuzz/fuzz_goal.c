/*
 * fuzz_goal.c - the goal language: parse any text, then check and
 * evaluate it on the built-in sheet; the same text in the row form too.
 */
#include <stdlib.h>

#include "app/ctl.h"
#include "core/goal.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ctl *c;
	struct goal_cursor cur = { 0, 1 };
	char err[512], *text = fuzz_string(data, size);
	struct goal *g;

	if (c == NULL)
		c = fuzz_ctl();
	if ((g = goal_parse(text, err, sizeof(err))) != NULL) {
		goal_check(g, c->s, err, sizeof(err));
		goal_eval(g, c->s, &cur);
		goal_free(g);
	}
	if ((g = goal_parse_row(text, err, sizeof(err))) != NULL) {
		goal_check(g, c->s, err, sizeof(err));
		goal_eval_row(g, c->s, 0);
		goal_eval_row(g, c->s, -1);
		goal_free(g);
	}
	free(text);
	return 0;
}
