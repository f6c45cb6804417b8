/*
 * lint.c - checks lesson and sheet files; see lint.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "app/lint.h"
#include "app/tutor.h"
#include "io/sheetfile.h"

/* Checks that a goal, its solution and a task come together, so that
 * lint can replay the step and the pane can show what to do. */
static int
lint_pairs(const char *path, const struct lesson_step *st)
{
	if (st->block[LB_GOAL] != NULL && st->block[LB_SOLUTION] == NULL) {
		fprintf(stderr, "%s:%ld: this goal has no solution block, so "
		    "lint cannot check that it can be reached\n", path,
		    st->block_line[LB_GOAL]);
		return -1;
	}
	if (st->block[LB_SOLUTION] != NULL && st->block[LB_GOAL] == NULL) {
		fprintf(stderr, "%s:%ld: a solution without a goal\n", path,
		    st->block_line[LB_SOLUTION]);
		return -1;
	}
	if (st->block[LB_GOAL] != NULL && st->task == NULL) {
		fprintf(stderr, "%s:%ld: this step has a goal but no task: "
		    "start the paragraph that asks the learner to act with "
		    "'**Try it:**'\n", path, st->line);
		return -1;
	}
	return 0;
}

/* Checks the step's prediction against the sheet it starts on. */
static int
lint_predict(const struct tutor *t, const struct ctl *c,
    const struct lesson_step *st)
{
	char err[512];

	if (t->predict.value == NULL ||
	    goal_check(t->predict.value, c->s, err, sizeof(err)) == 0)
		return 0;
	fprintf(stderr, "%s:%ld: value: %s\n", t->l->path,
	    st->predict.line[1], err);
	return -1;
}

/* Step N has just been entered (ROUTE says how): its goal must be false,
 * and true after its solution.  Returns 1 when a goal was replayed, 0
 * when the step has none, -1 on a problem (reported). */
static int
lint_solve(struct tutor *t, struct ctl *c, int n, const char *route)
{
	const struct lesson_step *st = &t->l->steps[n];
	const char *path = t->l->path;
	char err[1024];

	if (lint_predict(t, c, st) < 0)
		return -1;
	if (t->goal == NULL)
		return 0;
	if (goal_check(t->goal, c->s, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s:%ld: goal: %s\n", path,
		    st->block_line[LB_GOAL], err);
		return -1;
	}
	if (t->met) {
		fprintf(stderr, "%s:%ld: the goal already holds when the step "
		    "begins%s: the learner has nothing to do\n", path,
		    st->block_line[LB_GOAL], route);
		return -1;
	}
	if (tutor_solve(t, c, n, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s%s\n", err, route);
		return -1;
	}
	tutor_check(t, c);
	if (!t->met) {
		fprintf(stderr, "%s:%ld: the goal does not hold after the "
		    "solution%s\n", path, st->block_line[LB_GOAL], route);
		return -1;
	}
	return 1;
}

/* Walks every step in order, each on the state the solution before it
 * left, as a learner who solves everything sees them.  Returns the goals
 * replayed, or -1. */
static int
lint_in_order(struct tutor *t, struct ctl *c)
{
	char err[1024];
	int n, rc, goals = 0;

	for (n = 0; n < t->l->nsteps; n++) {
		if (lint_pairs(t->l->path, &t->l->steps[n]) < 0)
			return -1;
		if (tutor_advance(t, c, n, err, sizeof(err)) < 0) {
			fprintf(stderr, "%s\n", err);
			return -1;
		}
		if ((rc = lint_solve(t, c, n, "")) < 0)
			return -1;
		goals += rc;
	}
	return goals;
}

/* Enters every step directly, as resuming, ] or a clicker do. */
static int
lint_direct(struct tutor *t, struct ctl *c)
{
	const char *route = " (when the step is entered directly: resumed, "
	    "or reached by ] or a clicker)";
	char err[1024];
	int n;

	for (n = 0; n < t->l->nsteps; n++) {
		if (tutor_goto(t, c, n, err, sizeof(err)) < 0) {
			fprintf(stderr, "%s%s\n", err, route);
			return -1;
		}
		if (lint_solve(t, c, n, route) < 0)
			return -1;
	}
	return 0;
}

/* Lints one lesson; 0 when clean. */
static int
lint_lesson(const char *path)
{
	struct lesson *l;
	struct tutor *t;
	struct ctl *c = NULL, *d = NULL;
	char err[1024];
	int goals = -1;

	if ((l = lesson_load(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if ((t = tutor_new(l, 0)) == NULL || (c = ctl_new_default()) == NULL ||
	    (d = ctl_new_default()) == NULL) {
		fprintf(stderr, "%s: out of memory\n", path);
		goto out;
	}
	tutor_attach(t, c);
	goals = lint_in_order(t, c);
	tutor_attach(t, d);
	if (goals >= 0 && lint_direct(t, d) < 0)
		goals = -1;
	if (goals >= 0)
		printf("%s: ok, %d steps, %d goals replayed in order and from "
		    "each step\n", path, l->nsteps, goals);
out:
	ctl_free(c);
	ctl_free(d);
	if (t != NULL)
		tutor_free(t);
	else
		lesson_free(l);
	return goals < 0;
}

/* Lints one sheet file; 0 when it loads. */
static int
lint_sheet(const char *path)
{
	struct sheetfile_info info;
	struct sheet *s;
	char err[1024];

	if ((s = sheetfile_load(path, &info, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("%s: ok, %ld rows, %d classes\n", path, sheet_rows(s),
	    sheet_classes(s));
	sheet_free(s);
	sheetfile_info_free(&info);
	return 0;
}

int
lint_main(int argc, char **argv)
{
	size_t n;
	int i, bad = 0;

	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs("usage: xent lint FILE...   check lesson (.md) and sheet "
		    "files\n", argc < 2 ? stderr : stdout);
		return argc < 2 ? XENT_EXIT_USAGE : XENT_EXIT_OK;
	}
	for (i = 1; i < argc; i++) {
		n = strlen(argv[i]);
		if (n > 3 && strcmp(argv[i] + n - 3, ".md") == 0)
			bad |= lint_lesson(argv[i]);
		else
			bad |= lint_sheet(argv[i]);
	}
	return bad ? XENT_EXIT_INPUT : XENT_EXIT_OK;
}
