/*
 * check_tutor.c - lessons without a terminal: steps, goals, hints,
 * presenting keys, replayed solutions, and `xent lint`'s verdicts.
 */
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
    "## Read\n"				/* 17 */
    "Prose only.\n"			/* 18 */
    "## Base ten\n"			/* 19 */
    "```setup\n"			/* 20 */
    "hide all\n"			/* 21 */
    "```\n"				/* 22 */
    "```goal\n"				/* 23 */
    "base == 10 and flag[1] has confident_wrong\n"	/* 24 */
    "```\n"				/* 25 */
    "```solution\n"			/* 26 */
    ":base 10\n"			/* 27 */
    "```\n";				/* 28 */

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

/* ] [ H move and hint; a prose step counts as passed on sight; a step
 * without a sheet keeps the one before, setup runs. */
START_TEST(test_keys)
{
	struct tutor *t;
	struct ctl *c = mk(lesson_text, &t);
	char err[512];

	tutor_goto(t, c, 0, err, sizeof(err));
	ck_assert_int_eq(tutor_key(t, c, 'H'), 1);
	ck_assert_int_eq(t->hint, 1);
	ck_assert_int_eq(tutor_key(t, c, ']'), 1);
	ck_assert_int_eq(t->step, 1);
	ck_assert_int_eq(t->hint, 0);
	ck_assert_int_eq(t->passed[1], 1);
	ck_assert_int_eq(tutor_key(t, c, ']'), 1);
	ck_assert_int_eq(t->step, 2);
	ck_assert(c->hidden & (1u << G_EXP));
	ck_assert_int_eq(sheet_classes(c->s), 2);
	ck_assert_int_eq(tutor_key(t, c, ']'), 1);
	ck_assert_int_eq(t->step, 2);
	ck_assert_ptr_nonnull(strstr(c->msg, "last step"));
	ck_assert_int_eq(tutor_key(t, c, '['), 1);
	ck_assert_int_eq(t->step, 1);
	/* Outside presenting, Space and arrows stay the grid's. */
	ck_assert_int_eq(tutor_key(t, c, ' '), 0);
	ck_assert_int_eq(tutor_key(t, c, K_RIGHT), 0);
	ctl_free(c);
	tutor_free(t);
}
END_TEST

/* Presenting: clicker keys step through; h/l still move. */
START_TEST(test_present)
{
	struct tutor *t;
	struct ctl *c = mk(lesson_text, &t);
	char err[512];

	c->present = 1;
	tutor_goto(t, c, 0, err, sizeof(err));
	ck_assert_int_eq(tutor_key(t, c, ' '), 1);
	ck_assert_int_eq(t->step, 1);
	ck_assert_int_eq(tutor_key(t, c, K_PGDN), 1);
	ck_assert_int_eq(tutor_key(t, c, K_LEFT), 1);
	ck_assert_int_eq(t->step, 1);
	ck_assert_int_eq(tutor_key(t, c, K_PGUP), 1);
	ck_assert_int_eq(t->step, 0);
	ck_assert_int_eq(tutor_key(t, c, K_RIGHT), 1);
	ck_assert_int_eq(t->step, 1);
	ck_assert_int_eq(tutor_key(t, c, 'l'), 0);
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
	    "```solution\n+\n```\n", &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":4: goal: "));
	ck_assert_ptr_nonnull(strstr(err, "fsh"));
	free(err);
	ck_assert_int_eq(lint("# T\n## S\n```sheet\nlabel,a,b\nc,1,2\n```\n",
	    &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":5: unknown label 'c'"));
	free(err);
	/* A lesson may not write, open or quit. */
	ck_assert_int_eq(lint("# T\n## S\n```setup\nw /tmp/xent-clobbered\n"
	    "```\n", &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":4: 'w /tmp/xent-clobbered' is not "
	    "allowed"));
	ck_assert_int_eq(access("/tmp/xent-clobbered", F_OK), -1);
	free(err);
	ck_assert_int_eq(lint("# T\n## S\n```goal\nrows >> 1\n```\n"
	    "```solution\n+\n```\n", &err), 1);
	ck_assert_ptr_nonnull(strstr(err, ":4: goal: "));
	free(err);
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
	suite_add_tcase(s, tc);
	return s;
}
