/*
 * check_tutor.c - lessons without a terminal: steps, goals, hints,
 * presenting keys, replayed solutions, and `xent lint`'s verdicts.
 */
#include <glob.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/keys.h"
#include "app/tutor.h"
#include "io/defaults.h"
#include "io/sheetfile.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *lesson_text =
    "# Test lesson\n"			/* 1 */
    "## Make cat win\n"			/* 2 */
    "```sheet\n"			/* 3 */
    "label,cat,dog\n"			/* 4 */
    "dog,0,1\n"				/* 5 */
    "```\n"				/* 6 */
    "```goal\n"				/* 7 */
    "pred[1] == class[cat]\n"		/* 8 */
    "```\n"				/* 9 */
    "```hint\n"				/* 10 */
    "Type 5 into cat.\n"		/* 11 */
    "```\n"				/* 12 */
    "```solution\n"			/* 13 */
    ":goto 1 cat\n"			/* 14 */
    "5<Enter>\n"			/* 15 */
    "```\n"				/* 16 */
    "**Try it:** type 5 into cat.\n"	/* 17: the task */
    "## Read\n"				/* 18 */
    "Prose only.\n"			/* 19 */
    "## Base ten\n"			/* 20 */
    "```setup\n"			/* 21 */
    "hide all\n"			/* 22 */
    "```\n"				/* 23 */
    "```goal\n"				/* 24 */
    "base == 10 and flag[1] has confident_wrong\n"	/* 25 */
    "```\n"				/* 26 */
    "```solution\n"			/* 27 */
    ":base 10\n"			/* 28 */
    "```\n"				/* 29 */
    "Try it: switch to base 10.\n";	/* 30 */

/* A controller over the built-in sheet with TEXT's lesson attached. */
static struct ctl *
mk(const char *text, struct tutor **tp)
{
	struct sheetfile_info info;
	char err[512];
	struct sheet *s = sheetfile_load_mem("d", defaults_sheet,
	    strlen(defaults_sheet), &info, err, sizeof(err));
	struct lesson *l = lesson_parse("t.md", text, strlen(text), err,
	    sizeof(err));
	struct ctl *c = ctl_new(s, NULL, 0);

	ck_assert_msg(l != NULL, "%s", err);
	sheetfile_info_free(&info);
	*tp = tutor_new(l, 0);
	tutor_attach(*tp, c);
	return c;
}

/* Steps load their sheets; the goal flips as the learner works. */
START_TEST(test_steps_and_goal)
{
	struct tutor *t;
	struct ctl *c = mk(lesson_text, &t);
	char err[512];

	ck_assert_int_eq(tutor_goto(t, c, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(sheet_classes(c->s), 2);
	ck_assert_int_eq(t->met, 0);
	ck_assert_int_eq(c->dirty, 0);
	ctl_command(c, "goto 1 cat");
	ctl_key(c, '5');
	ctl_line_done(c, "5");
	ck_assert_int_eq(t->met, 1);
	ck_assert_int_eq(t->passed[0], 1);
	ctl_key(c, 'u');
	ck_assert_int_eq(t->met, 0);
	ck_assert_int_eq(t->passed[0], 1);	/* passed stays passed */
	ck_assert_int_eq(tutor_resume_step(t), 1);
	ctl_free(c);
	tutor_free(t);
}
END_TEST

/* ] [ H move and hint, through the controller's one key path; a prose
 * step counts as passed on sight; a step without a sheet is built on the
 * last one; past the last step, the end screen. */
START_TEST(test_keys)
{
	struct tutor *t;
	struct ctl *c = mk(lesson_text, &t);
	char err[512];

	tutor_goto(t, c, 0, err, sizeof(err));
	ctl_key(c, 'H');
	ck_assert_int_eq(t->hint, 1);
	ctl_key(c, ']');
	ck_assert_int_eq(t->step, 1);
	ck_assert_int_eq(t->hint, 0);
	ck_assert_int_eq(t->passed[1], 1);
	ctl_key(c, ']');
	ck_assert_int_eq(t->step, 2);
	ck_assert(c->hidden & (1u << G_EXP));
	ck_assert_int_eq(sheet_classes(c->s), 2);
	/* Step 1's solution was replayed on the way, though never typed. */
	ck_assert(sheet_act(c->s, 0, 0) == 5);
	ck_assert_int_eq(t->passed[0], 0);
	ck_assert_int_eq(c->dirty, 0);
	ctl_key(c, ']');
	ck_assert_int_eq(t->ended, 1);
	ctl_key(c, '[');
	ck_assert_int_eq(t->ended, 0);
	ck_assert_int_eq(t->step, 2);
	ctl_key(c, '[');
	ck_assert_int_eq(t->step, 1);
	/* Outside presenting, Space and arrows stay the grid's. */
	ctl_key(c, ' ');
	ctl_key(c, K_RIGHT);
	ck_assert_int_eq(t->step, 1);
	ctl_free(c);
	tutor_free(t);
}
END_TEST

/* Presenting: clicker keys page through long text, then step; h/l still
 * move. */
START_TEST(test_present)
{
	struct ctl_geom g = { 10, 20, 4, 9 };
	struct tutor *t;
	struct ctl *c = mk(lesson_text, &t);
	char err[512];

	c->present = 1;
	tutor_goto(t, c, 0, err, sizeof(err));
	ctl_set_geom(c, &g);
	ctl_key(c, ' ');		/* 9 lines, 4 shown: a page down */
	ck_assert_int_eq(t->step, 0);
	ck_assert_int_eq(t->scroll, 3);
	ctl_key(c, K_PGDN);		/* to the last page */
	ck_assert_int_eq(t->scroll, 5);
	ctl_key(c, K_PGUP);
	ck_assert_int_eq(t->scroll, 2);
	ctl_key(c, K_PGUP);
	ck_assert_int_eq(t->scroll, 0);
	ctl_key(c, K_PGUP);		/* at the top: the step before */
	ck_assert_int_eq(t->step, 0);
	ck_assert_ptr_nonnull(strstr(c->msg, "first step"));
	ctl_key(c, K_RIGHT);
	ctl_key(c, K_RIGHT);
	ctl_key(c, K_RIGHT);		/* all shown: the next step */
	ck_assert_int_eq(t->step, 1);
	ck_assert_int_eq(t->scroll, 0);
	g.text_total = 2;
	ctl_set_geom(c, &g);
	ctl_key(c, K_LEFT);
	ck_assert_int_eq(t->step, 0);
	ctl_key(c, K_PGDN);
	ctl_key(c, K_PGDN);
	ctl_key(c, K_PGDN);
	ck_assert_int_eq(t->ended, 1);
	ctl_key(c, K_PGUP);
	ck_assert_int_eq(t->step, 2);
	ctl_key(c, 'l');
	ck_assert_int_eq(t->step, 2);
	ctl_free(c);
	tutor_free(t);
}
END_TEST

/* Solutions replay keys and commands; bad ones say where. */
START_TEST(test_replay)
{
	struct tutor *t;
	struct ctl *c = mk(lesson_text, &t);
	char err[512];

	tutor_goto(t, c, 0, err, sizeof(err));
	ck_assert_int_eq(tutor_replay(c, "t.md", ":goto 1 cat\n0-5<Enter>\n",
	    14, err, sizeof(err)), 0);
	ck_assert(sheet_act(c->s, 0, 0) == -5);
	ck_assert_int_eq(tutor_replay(c, "t.md", "e<C-u>1/4<Enter>\n", 3, err,
	    sizeof(err)), 0);
	ck_assert(sheet_act(c->s, 0, 0) == 0.25);
	ck_assert_int_eq(tutor_replay(c, "t.md", "\n:goto 9 cat\n", 20, err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "t.md:21: "));
	ck_assert_int_eq(tutor_replay(c, "t.md", "<Bogus>\n", 30, err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "t.md:30: unknown key name <Bogus>"));
	ctl_free(c);
	tutor_free(t);
}
END_TEST

/* :reset reloads the step's sheet. */
START_TEST(test_reset)
{
	struct tutor *t;
	struct ctl *c = mk(lesson_text, &t);
	char err[512];

	tutor_goto(t, c, 0, err, sizeof(err));
	ctl_command(c, "goto 1 cat");
	ctl_key(c, '+');
	ck_assert(sheet_act(c->s, 0, 0) != 0);
	ck_assert_int_eq(ctl_command(c, "reset"), 0);
	ck_assert(sheet_act(c->s, 0, 0) == 0);
	ctl_free(c);
	tutor_free(t);
}
END_TEST

/* Runs `xent lint` on TEXT; returns its status, stderr in *ERR. */
static int
lint(const char *text, char **err)
{
	const char *path = tu_write_temp("l.md", text);
	char cmd[1024], *out;
	int rc;

	snprintf(cmd, sizeof(cmd), "%s lint '%s'", tu_xent(), path);
	rc = tu_run(cmd, NULL, &out, err);
	free(out);
	return rc;
}

/* lint passes a good lesson, and catches goals met too early, goals never
 * met, unknown classes, and broken sheets, each at its line. */
START_TEST(test_lint)
{
	char *err, text[2048];

	ck_assert_int_eq(lint(lesson_text, &err), 0);
	ck_assert_str_eq(err, "");
	free(err);
	/* The goal already holds: cat already wins. */
	snprintf(text, sizeof(text), "%s", lesson_text);
	memcpy(strstr(text, "dog,0,1"), "dog,9,1", 7);
	ck_assert_int_eq(lint(text, &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":8: the goal already holds"));
	free(err);
	/* The solution does not reach it. */
	snprintf(text, sizeof(text), "%s", lesson_text);
	memcpy(strstr(text, "5<Enter>"), "0<Enter>", 8);
	ck_assert_int_eq(lint(text, &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":8: the goal does not hold"));
	free(err);
	ck_assert_int_eq(lint("# T\n## S\n```goal\np[1,fsh] > 0\n```\n"
	    "```solution\n+\n```\nTry it: +.\n", &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":4: goal: "));
	ck_assert_ptr_nonnull(strstr(err, "fsh"));
	free(err);
	ck_assert_int_eq(lint("# T\n## S\n```sheet\nlabel,a,b\nc,1,2\n```\n",
	    &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":5: unknown label 'c'"));
	free(err);
	ck_assert_int_eq(lint("# T\n## S\n```goal\nrows >> 1\n```\n"
	    "```solution\n+\n```\nTry it: +.\n", &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":4: goal: "));
	free(err);
	/* A goal needs a task that says what to do. */
	ck_assert_int_eq(lint("# T\n## S\n```goal\nrows > 1\n```\n"
	    "```solution\no\n```\n", &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":2: this step has a goal but no "
	    "task"));
	free(err);
}
END_TEST

/* Setup and solution lines that try to reach a file or quit: each way of
 * typing it, and where it is typed (in the lesson's own line numbers). */
static const struct { const char *block, *line; } bypasses[] = {
	{ "setup", "w FILE" },			/* plain */
	{ "setup", ": w FILE" },		/* a colon and a space */
	{ "solution", "::w FILE" },		/* two colons */
	{ "solution", "<Esc>:w FILE<Enter>" },	/* keys that open the line */
	{ "solution", "5<Enter>:wq FILE<Enter>" }, /* a key line, then : */
	{ "solution", ":e! FILE" },		/* reading */
	{ "setup", "q!" },			/* quitting */
	{ "solution", "q" },			/* the q key */
	{ "setup", "reset" },			/* the lesson moving itself */
};

/* A one-step lesson whose BLOCK holds LINE (FILE replaced by PATH) at
 * line 8. */
static void
bypass_lesson(char *buf, size_t len, const char *block, const char *line,
    const char *path)
{
	char l[512], *f;

	snprintf(l, sizeof(l), "%s", line);
	if ((f = strstr(l, "FILE")) != NULL)
		snprintf(f, sizeof(l) - (f - l), "%s%s", path, strstr(line,
		    "FILE") + 4);
	snprintf(buf, len, "# T\n## S\nTry it: make cat win.\n"
	    "```sheet\nlabel,cat,dog\ndog,0,1\n```\n"	/* 4-7 */
	    "```%s\n%s\n```\n"				/* 8-10 */
	    "```goal\npred[1] == class[cat]\n```\n", block, l);
	if (strcmp(block, "solution") != 0)
		strcat(buf, "```solution\n:goto 1 cat\n5<Enter>\n```\n");
}

/* Each bypass is refused where commands run: by lint (the real binary)
 * and when the lesson is opened, with the lesson's FILE:LINE; no file
 * is written. */
START_TEST(test_sandbox)
{
	char text[2048], path[512], *err;
	struct lesson *l;
	struct tutor *t;
	struct ctl *c;
	size_t i;

	snprintf(path, sizeof(path), "%s/clobbered.csv", tu_tmp());
	for (i = 0; i < sizeof(bypasses) / sizeof(bypasses[0]); i++) {
		bypass_lesson(text, sizeof(text), bypasses[i].block,
		    bypasses[i].line, path);
		ck_assert_msg(lint(text, &err) == 1, "lint passed %s",
		    bypasses[i].line);
		ck_assert_msg(strstr(err, "l.md:9: ") != NULL &&
		    strstr(err, "not allowed in a lesson") != NULL,
		    "%s: %s", bypasses[i].line, err);
		free(err);
		ck_assert_int_eq(access(path, F_OK), -1);
		/* Live: opening the lesson builds step 1 and runs its setup;
		 * entering the step after it replays the solution. */
		c = mk("# T\n## A\n", &t);
		tutor_free(t);
		l = lesson_parse("t.md", text, strlen(text), (char[256]){0},
		    256);
		ck_assert_ptr_nonnull(l);
		t = tutor_new(l, 0);
		tutor_attach(t, c);
		if (strcmp(bypasses[i].block, "setup") == 0)
			ck_assert_int_eq(tutor_goto(t, c, 0, text, 512), -1);
		else
			ck_assert_int_eq(tutor_solve(t, c, 0, text, 512), -1);
		ck_assert_msg(strstr(text, "t.md:9: ") != NULL, "%s", text);
		ck_assert_int_eq(c->quit, 0);
		ck_assert_int_eq(access(path, F_OK), -1);
		/* The learner's own typing is not restricted. */
		ck_assert_int_eq(c->sandbox, 0);
		ck_assert_int_eq(ctl_command(c, "help"), 0);
		ctl_free(c);
		tutor_free(t);
	}
}
END_TEST

/* 1 when controllers A and B hold the same sheet, settings, view and
 * cursor; says what differs. */
static int
same_state(const struct ctl *a, const struct ctl *b, const char *where)
{
	const struct sheet_opts *oa = sheet_opts(a->s), *ob = sheet_opts(b->s);
	long r;
	int k;

	ck_assert_msg(sheet_rows(a->s) == sheet_rows(b->s) &&
	    sheet_classes(a->s) == sheet_classes(b->s), "%s: shape", where);
	for (k = 0; k < sheet_classes(a->s); k++)
		ck_assert_msg(strcmp(sheet_class_name(a->s, k),
		    sheet_class_name(b->s, k)) == 0, "%s: class %d", where, k);
	for (r = 0; r < sheet_rows(a->s); r++) {
		ck_assert_msg(strcmp(sheet_id(a->s, r), sheet_id(b->s, r)) == 0
		    && sheet_has_target(a->s, r) == sheet_has_target(b->s, r),
		    "%s: row %ld", where, r + 1);
		for (k = 0; k < sheet_classes(a->s); k++)
			ck_assert_msg(sheet_act(a->s, r, k) == sheet_act(b->s,
			    r, k) && sheet_y(a->s, r, k) == sheet_y(b->s, r, k),
			    "%s: cell %ld,%d", where, r + 1, k);
	}
	ck_assert_msg(oa->mode == ob->mode && oa->base == ob->base &&
	    oa->temperature == ob->temperature &&
	    oa->smoothing == ob->smoothing && oa->confident == ob->confident &&
	    (oa->weights == NULL) == (ob->weights == NULL) &&
	    strcmp(sheet_title(a->s), sheet_title(b->s)) == 0 &&
	    a->step == b->step, "%s: settings", where);
	ck_assert_msg(a->view == b->view && a->hidden == b->hidden &&
	    a->row == b->row && a->g == b->g && a->k == b->k,
	    "%s: view or cursor", where);
	return 1;
}

/* Every step of every shipped lesson: entered directly (as resuming, ]
 * or a clicker do, even from a later step with edits of the learner's
 * own) it is the state that solving every step before it gives; its goal
 * is false there and true after its solution. */
START_TEST(test_direct_equals_replay)
{
	struct ctl *seq, *dir, *messy;
	struct lesson *l;
	struct tutor *t;
	glob_t g;
	char err[1024], where[512];
	size_t f;
	int n;

	ck_assert_int_eq(glob("lessons/[0-9]*.md", 0, NULL, &g), 0);
	ck_assert_uint_ge(g.gl_pathc, 8);
	for (f = 0; f < g.gl_pathc; f++) {
		l = lesson_load(g.gl_pathv[f], err, sizeof(err));
		ck_assert_msg(l != NULL, "%s", err);
		t = tutor_new(l, 0);
		seq = tu_ctl_default();
		dir = tu_ctl_default();
		messy = tu_ctl_default();
		for (n = 0; n < l->nsteps; n++) {
			snprintf(where, sizeof(where), "%s step %d",
			    g.gl_pathv[f], n + 1);
			tutor_attach(t, seq);
			ck_assert_msg(tutor_advance(t, seq, n, err,
			    sizeof(err)) == 0, "%s: %s", where, err);
			tutor_attach(t, messy);
			ck_assert_int_eq(tutor_goto(t, messy, l->nsteps - 1, err,
			    sizeof(err)), 0);
			ctl_key(messy, '+');
			ctl_key(messy, 'v');
			ck_assert_msg(tutor_goto(t, messy, n, err, sizeof(err)) ==
			    0, "%s: %s", where, err);
			tutor_attach(t, dir);
			ck_assert_msg(tutor_goto(t, dir, n, err, sizeof(err)) == 0,
			    "%s: %s", where, err);
			same_state(seq, dir, where);
			same_state(messy, dir, where);
			ck_assert_msg(t->goal == NULL || !t->met, "%s: goal holds "
			    "on entry", where);
			ck_assert_int_eq(tutor_solve(t, dir, n, err, sizeof(err)),
			    0);
			ck_assert_msg(t->goal == NULL || t->met, "%s: goal not "
			    "met by the solution", where);
			tutor_attach(t, seq);
			ck_assert_int_eq(tutor_solve(t, seq, n, err, sizeof(err)),
			    0);
		}
		ctl_free(seq);
		ctl_free(dir);
		ctl_free(messy);
		tutor_free(t);
	}
	globfree(&g);
}
END_TEST

/* A learner who passed step 1 of a lesson whose step 2 has no sheet of
 * its own resumes at step 2, on step 1's sheet, and can solve it. */
START_TEST(test_resume)
{
	struct tutor *t;
	struct ctl *c = mk(lesson_text, &t);
	char err[512];

	t->passed[0] = 1;
	t->passed[1] = 1;
	ck_assert_int_eq(tutor_resume_step(t), 2);
	ck_assert_int_eq(tutor_goto(t, c, tutor_resume_step(t), err,
	    sizeof(err)), 0);
	ck_assert_int_eq(sheet_classes(c->s), 2);
	ck_assert_int_eq(t->met, 0);
	ck_assert_int_eq(ctl_command(c, "base 10"), 0);
	ck_assert_int_eq(t->met, 1);
	ctl_free(c);
	tutor_free(t);
}
END_TEST

static const char *predict_text =
    "# P\n"
    "## Guess\n"
    "Try it: look.\n"
    "```sheet\n"
    "# mode: probs\n"
    "is_cat,cat\n"
    "0,0.9\n"
    "```\n"
    "```predict\n"
    "ask: What is the loss?\n"
    "value: loss[1]\n"
    "within: 0.1\n"
    "hide: loss, flags\n"
    "```\n"
    "## Next\n"
    "Prose.\n";

/* A prediction hides its columns until a number is guessed, then shows
 * them with a verdict; leaving the step shows them too. */
START_TEST(test_predict)
{
	struct tutor *t;
	struct ctl *c = mk(predict_text, &t);
	char err[512], v[256];

	ck_assert_int_eq(tutor_goto(t, c, 0, err, sizeof(err)), 0);
	ck_assert(c->hidden & (1u << G_LOSS));
	ck_assert(c->hidden & (1u << G_FLAGS));
	ck_assert(tutor_predict_pending(t));
	ctl_key(c, 'j');			/* grid keys still work */
	ctl_key(c, 'p');
	ck_assert_int_eq(c->line, LINE_PREDICT);
	ctl_line_done(c, "zebra");
	ck_assert(tutor_predict_pending(t));
	ck_assert(c->msg_error);
	ctl_key(c, 'p');
	ctl_line_done(c, "1");
	ck_assert(!tutor_predict_pending(t));
	ck_assert(!(c->hidden & (1u << G_LOSS)));
	ck_assert_close(t->predict.truth, log(10), 1e-12);
	ck_assert_ptr_nonnull(strstr(tutor_predict_verdict(t, v, sizeof(v)),
	    "it is 2.303: 1.3 more"));
	ck_assert_int_eq(tutor_goto(t, c, 0, err, sizeof(err)), 0);
	ck_assert(c->hidden & (1u << G_LOSS));
	ctl_key(c, ']');
	ck_assert_int_eq(t->step, 1);
	ck_assert(!(c->hidden & (1u << G_LOSS)));
	ctl_free(c);
	tutor_free(t);
}
END_TEST

Suite *
tutor_suite(void)
{
	Suite *s = suite_create("tutor");
	TCase *tc = tcase_create("tutor");

	tcase_add_test(tc, test_steps_and_goal);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_present);
	tcase_add_test(tc, test_replay);
	tcase_add_test(tc, test_reset);
	tcase_add_test(tc, test_lint);
	tcase_add_test(tc, test_sandbox);
	tcase_add_test(tc, test_direct_equals_replay);
	tcase_add_test(tc, test_resume);
	tcase_add_test(tc, test_predict);
	suite_add_tcase(s, tc);
	return s;
}
