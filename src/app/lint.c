/*
 * lint.c - checks lesson and sheet files; see lint.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "app/lint.h"
#include "app/tutor.h"
#include "io/defaults.h"
#include "io/sheetfile.h"

/* Checks that a goal and a solution come together, so lint can replay. */
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
	return 0;
}

/* Replays step N: its goal must be false at the start and true after the
 * solution.  Returns 1 when a goal was replayed, 0 when the step has none,
 * -1 on a problem (reported). */
static int
lint_step(struct tutor *t, struct ctl *c, int n)
{
	const struct lesson_step *st = &t->l->steps[n];
	const char *path = t->l->path;
	char err[1024];

	if (lint_pairs(path, st) < 0)
		return -1;
	if (tutor_goto(t, c, n, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (t->goal == NULL)
		return 0;
	if (goal_check(t->goal, c->s, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s:%ld: goal: %s\n", path,
		    st->block_line[LB_GOAL], err);
		return -1;
	}
	if (t->met) {
		fprintf(stderr, "%s:%ld: the goal already holds when the step "
		    "begins: the learner has nothing to do\n", path,
		    st->block_line[LB_GOAL]);
		return -1;
	}
	if (tutor_replay(c, path, st->block[LB_SOLUTION],
	    st->block_line[LB_SOLUTION], err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	tutor_check(t, c);
	if (!t->met) {
		fprintf(stderr, "%s:%ld: the goal does not hold after the "
		    "solution\n", path, st->block_line[LB_GOAL]);
		return -1;
	}
	return 1;
}

/* A controller over the built-in sheet, for a lesson to start from. */
static struct ctl *
lint_ctl(void)
{
	struct sheetfile_info info;
	struct sheet *s;
	char err[512];

	s = sheetfile_load_mem(DEFAULTS_NAME, defaults_sheet,
	    strlen(defaults_sheet), &info, err, sizeof(err));
	if (s == NULL)
		return NULL;
	sheetfile_info_free(&info);
	return ctl_new(s, NULL, 0);
}

/* Lints one lesson; 0 when clean. */
static int
lint_lesson(const char *path)
{
	struct lesson *l;
	struct tutor *t;
	struct ctl *c;
	char err[1024];
	int n, rc, bad = 0, goals = 0;

	if ((l = lesson_load(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	t = tutor_new(l, 0);
	c = lint_ctl();
	if (t == NULL || c == NULL) {
		fprintf(stderr, "%s: out of memory\n", path);
		tutor_free(t);
		ctl_free(c);
		return 1;
	}
	tutor_attach(t, c);
	for (n = 0; n < l->nsteps && !bad; n++) {
		if ((rc = lint_step(t, c, n)) < 0)
			bad = 1;
		goals += rc > 0;
	}
	if (!bad)
		printf("%s: ok, %d steps, %d goals replayed\n", path,
		    l->nsteps, goals);
	ctl_free(c);
	tutor_free(t);
	return bad;
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
