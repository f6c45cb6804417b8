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

/* The frame's panes for BODY W x H at line 1, NEED grid lines. */
static struct layout_frame
frame(int w, int h, long need, int lesson, int plot)
{
	struct layout_box body = { 1, 0, h, w };
	struct layout_frame f;

	layout_frame(body, need, lesson, plot, &f);
	return f;
}

/* 1 when boxes A and B share a cell. */
static int
overlap(struct layout_box a, struct layout_box b)
{
	return a.h > 0 && b.h > 0 && a.w > 0 && b.w > 0 && a.y < b.y + b.h &&
	    b.y < a.y + a.h && a.x < b.x + b.w && b.x < a.x + a.w;
}

/* Where the grid, the lesson pane and the plot go. */
START_TEST(test_frame)
{
	struct layout_frame f;

	f = frame(100, 24, 9, 0, 0);
	ck_assert_int_eq(f.grid.h, 24);
	ck_assert_int_eq(f.plot.h, 0);
	/* Wide: the plot beside, 40% of the width. */
	f = frame(120, 34, 9, 0, 1);
	ck_assert_int_eq(f.plot.w, 48);
	ck_assert_int_eq(f.plot.x, 72);
	ck_assert_int_eq(f.grid.w, 72);
	ck_assert_int_eq(f.grid.h, 34);
	/* Narrow (80x24 leaves 18 lines): the grid's 9, the plot below. */
	f = frame(80, 18, 9, 0, 1);
	ck_assert_int_eq(f.grid.h, 9);
	ck_assert_int_eq(f.plot.y, 10);
	ck_assert_int_eq(f.plot.h, 9);
	/* A long sheet keeps the plot its 40%. */
	f = frame(80, 18, 1000000, 0, 1);
	ck_assert_int_eq(f.plot.h, 8);
	ck_assert_int_eq(f.grid.h, 10);
	/* A lesson at 80x24 (19 lines): no room for three, so the plot
	 * takes the prose's place in the pane. */
	f = frame(80, 19, 7, 1, 1);
	ck_assert_int_eq(f.plot_in_pane, 1);
	ck_assert_int_eq(f.plot.h, 0);
	ck_assert_int_eq(f.grid.h, 7);
	ck_assert_int_eq(f.pane.y, 8);
	ck_assert_int_eq(f.pane.h, 12);
	/* 100x30: grid, plot, then the pane, all below each other. */
	f = frame(100, 24, 7, 1, 1);
	ck_assert_int_eq(f.plot_in_pane, 0);
	ck_assert_int_eq(f.grid.h, 7);
	ck_assert_int_eq(f.plot.y, 8);
	ck_assert_int_eq(f.plot.h, 8);
	ck_assert_int_eq(f.pane.y, 16);
	ck_assert_int_eq(f.pane.h, 9);
	/* Wide with a lesson: the pane beside, the plot under the grid. */
	f = frame(120, 34, 7, 1, 1);
	ck_assert_int_eq(f.pane.x, 78);
	ck_assert_int_eq(f.pane.h, 34);
	ck_assert_int_eq(f.grid.w, 78);
	ck_assert_int_eq(f.grid.h, 7);
	ck_assert_int_eq(f.plot.y, 8);
	ck_assert_int_eq(f.plot.h, 27);
	/* Without a plot a lesson is laid out as it always was. */
	f = frame(80, 19, 7, 1, 0);
	ck_assert_int_eq(f.grid.h, 7);
	ck_assert_int_eq(f.pane.h, 12);
	f = frame(80, 19, 40, 1, 0);
	ck_assert_int_eq(f.pane.h, 7);
}
END_TEST

/* Every size: the panes stay inside the body and apart, and the grid
 * keeps lines for the current cell. */
START_TEST(test_frame_sizes)
{
	struct layout_frame f;
	struct layout_box *b[3];
	int w, h, lesson, plot, i;
	long need;

	for (w = 20; w <= 200; w += 7)
		for (h = 3; h <= 60; h++)
			for (need = 3; need < 100; need += 24)
				for (lesson = 0; lesson < 2; lesson++)
					for (plot = 0; plot < 2; plot++) {
		f = frame(w, h, need, lesson, plot);
		b[0] = &f.grid;
		b[1] = &f.pane;
		b[2] = &f.plot;
		for (i = 0; i < 3; i++)
			if (b[i]->h > 0)
				ck_assert_msg(b[i]->y >= 1 && b[i]->y + b[i]->h <= h + 1 &&
				    b[i]->x >= 0 && b[i]->x + b[i]->w <= w,
				    "%dx%d: box %d outside", w, h, i);
		ck_assert_msg(!overlap(f.grid, f.pane) && !overlap(f.grid, f.plot)
		    && !overlap(f.pane, f.plot), "%dx%d: panes overlap", w, h);
		ck_assert_msg(f.grid.h >= (h < LAYOUT_GRID_MIN ? h :
		    LAYOUT_GRID_MIN > need ? need : LAYOUT_GRID_MIN) || (lesson &&
		    f.grid.h >= h / 2) || (lesson && !plot), "%dx%d: grid of %d lines",
		    w, h, f.grid.h);
		ck_assert_int_eq(f.plot_in_pane && !lesson, 0);
	}
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
	tcase_add_test(tc, test_frame);
	tcase_add_test(tc, test_frame_sizes);
	suite_add_tcase(s, tc);
	return s;
}
