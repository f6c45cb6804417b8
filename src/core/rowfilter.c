/*
 * rowfilter.c - row filters: the goal language's row form, checked
 * against the sheet's classes once, then evaluated row by row.
 *
 * The parser and the evaluator are goal.c's (goal_parse_row and
 * goal_eval_row), so a filter and a lesson goal read the same words the
 * same way; this module adds the check that every class named exists.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/goal.h"
#include "core/rowfilter.h"

struct rowfilter {
	struct goal	*g;
};

struct rowfilter *
rowfilter_parse(const struct sheet *s, const char *text, char *err,
    size_t errlen)
{
	struct rowfilter *f;
	struct goal *g;
	size_t i;

	for (i = 0; text != NULL && strchr(" \t\n\r\v\f", text[i]) != NULL &&
	    text[i] != '\0'; i++)
		;
	if (text == NULL || text[i] == '\0') {
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "empty filter");
		return NULL;
	}
	if ((g = goal_parse_row(text, err, errlen)) == NULL)
		return NULL;
	if (s != NULL && goal_check(g, s, err, errlen) < 0) {
		goal_free(g);
		return NULL;
	}
	if ((f = malloc(sizeof(*f))) == NULL) {
		goal_free(g);
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "out of memory");
		return NULL;
	}
	f->g = g;
	return f;
}

int
rowfilter_match(const struct rowfilter *f, const struct sheet *s, long r)
{
	double v = goal_eval_row(f->g, s, r);

	return !isnan(v) && v != 0;
}

const char *
rowfilter_text(const struct rowfilter *f)
{
	return goal_text(f != NULL ? f->g : NULL);
}

void
rowfilter_free(struct rowfilter *f)
{
	if (f == NULL)
		return;
	goal_free(f->g);
	free(f);
}
