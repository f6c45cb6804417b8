/*
 * check_layout.c - which columns each view shows, and the lesson search
 * path (lessondir), both pure enough to test without a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/layout.h"
#include "io/lessondir.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *three[] = { "cat", "dog", "fish" };

/* The batch view: groups in order, a column per class where per class. */
START_TEST(test_batch)
{
	struct sheet *s = tu_sheet(3, three, 0, 0);
	struct column cols[64];
	int n = layout_batch(s, LAYOUT_HIDDEN_BATCH, cols, 64);

	/* target 3, output 3, exp 3, sum, softmax 3, pred, loss, if, flags */
	ck_assert_int_eq(n, 3 + 3 + 3 + 1 + 3 + 1 + 1 + 1 + 1);
	ck_assert_int_eq(cols[0].g, G_TARGET);
	ck_assert_int_eq(cols[3].g, G_ACT);
	ck_assert_int_eq(cols[3].k, 0);
	ck_assert_int_eq(cols[9].g, G_SUM);
	ck_assert_int_eq(cols[9].k, -1);
	ck_assert_int_eq(cols[n - 1].g, G_FLAGS);
	/* Hiding everything leaves the outputs, which never hide. */
	n = layout_batch(s, ~0u, cols, 64);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(cols[0].g, G_ACT);
	/* MAX bounds what is written. */
	ck_assert_int_eq(layout_batch(s, 0, cols, 4), 4);
	sheet_free(s);
}
END_TEST

/* Probs mode has no exp or naive columns; > reveals in display order. */
START_TEST(test_probs_and_reveal)
{
	struct sheet *s = tu_sheet(3, three, 1, 0);
	struct column cols[64];
	int n, i;

	n = layout_batch(s, 0, cols, 64);
	for (i = 0; i < n; i++)
		ck_assert(cols[i].g != G_EXP && cols[i].g != G_NAIVE);
	ck_assert_int_eq(layout_next_hidden(s, (1u << G_EXP) |
	    (1u << G_LOSS)), G_LOSS);
	ck_assert_int_eq(layout_next_hidden(s, 0), -1);
	sheet_free(s);
}
END_TEST

/* The example view follows the spreadsheet: output, exp, softmax, target,
 * -log p. */
START_TEST(test_example)
{
	struct sheet *s = tu_sheet(3, three, 0, 0);
	struct column cols[G_NGROUPS];
	int n = layout_example(s, LAYOUT_HIDDEN_EXAMPLE, cols, G_NGROUPS);

	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(cols[0].g, G_ACT);
	ck_assert_int_eq(cols[1].g, G_EXP);
	ck_assert_int_eq(cols[2].g, G_P);
	ck_assert_int_eq(cols[3].g, G_TARGET);
	ck_assert_int_eq(cols[4].g, G_NLL);
	ck_assert_int_eq(layout_group_index("softmax"), G_P);
	ck_assert_int_eq(layout_group_index("p"), G_P);
	ck_assert_int_eq(layout_group_index("bogus"), -1);
	ck_assert_str_eq(layout_group_name(G_IFF), "if_form");
	sheet_free(s);
}
END_TEST

/* Writes a lesson titled TITLE at DIR/NAME. */
static void
put_lesson(const char *dir, const char *name, const char *title)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "# %s\n\n## Step\n\nText.\n", title);
	fclose(f);
}

/* $XENT_LESSONS comes first and hides the same name further on; lessons
 * are found by number, slug, or slug without its number. */
START_TEST(test_lessondir)
{
	char a[300], b[300], env[700], *p;
	struct lesson_entry *e;
	int n, i;

	snprintf(a, sizeof(a), "%s/la", tu_tmp());
	snprintf(b, sizeof(b), "%s/lb", tu_tmp());
	mkdir(a, 0700);
	mkdir(b, 0700);
	put_lesson(a, "02-two.md", "Two from a");
	put_lesson(b, "02-two.md", "Two from b");
	put_lesson(b, "01-one.md", "One");
	put_lesson(b, "README.md", "Not a lesson");
	snprintf(env, sizeof(env), "%s:%s", a, b);
	setenv("XENT_LESSONS", env, 1);
	n = lessondir_list(&e);
	for (i = 0; i < n && strcmp(e[i].slug, "02-two") != 0; i++)
		ck_assert_str_ne(e[i].slug, "README");
	ck_assert_int_lt(i, n);
	ck_assert_str_eq(e[i].title, "Two from a");
	ck_assert_int_eq(e[i].number, 2);
	ck_assert_int_eq(e[i].nsteps, 1);
	/* Sorted by name, so NN- prefixes give the order. */
	ck_assert_int_gt(i, 0);
	ck_assert_int_lt(strcmp(e[i - 1].slug, e[i].slug), 0);
	lessondir_free(e, n);
	p = lessondir_find("2");
	ck_assert_ptr_nonnull(strstr(p, "/la/02-two.md"));
	free(p);
	p = lessondir_find("one");
	ck_assert_ptr_nonnull(strstr(p, "/lb/01-one.md"));
	free(p);
	ck_assert_ptr_null(lessondir_find("nine"));
	unsetenv("XENT_LESSONS");
}
END_TEST

Suite *
layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");

	tcase_add_test(tc, test_batch);
	tcase_add_test(tc, test_probs_and_reveal);
	tcase_add_test(tc, test_example);
	tcase_add_test(tc, test_lessondir);
	suite_add_tcase(s, tc);
	return s;
}
