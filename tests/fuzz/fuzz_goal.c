/*
 * fuzz_goal.c - the goal language: parse any text, then check and
 * evaluate it on the built-in sheet; the same text in the row form (and
 * as a row filter and a sort key) too.
 */
#include <stdlib.h>

#include "app/ctl.h"
#include "core/goal.h"
#include "core/rowfilter.h"
#include "core/rowkey.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ctl *c;
	struct goal_cursor cur = { 0, 1 };
	char err[512], *text = fuzz_string(data, size);
	struct goal *g;
	struct rowfilter *f;
	struct rowkey k;

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
	if ((f = rowfilter_parse(c->s, text, err, sizeof(err))) != NULL) {
		rowfilter_match(f, c->s, 0);
		rowfilter_free(f);
	}
	if (rowkey_parse(c->s, text, &k, err, sizeof(err)) == 0)
		rowkey_value(c->s, &k, 0);
	free(text);
	return 0;
}
