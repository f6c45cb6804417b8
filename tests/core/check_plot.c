/*
 * check_plot.c - the maths of the pictures: the braille rasteriser, axis
 * ticks, the penalty curve, the bars, and the loss histogram with its
 * update after edits checked against a full recount (in the core, and
 * through the controller's one change path).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/ctl.h"
#include "app/ctl_int.h"
#include "app/tutor.h"
#include "core/plot.h"
#include "core/stats.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *five[] = { "cat", "dog", "plane", "fish", "building" };
static const char *one[] = { "cat" };

/* Appends a binary row: p (or logit) A, target Y (1: the class). */
static void
bin_row(struct sheet *s, double a, double y)
{
	ck_assert_int_ge(sheet_append(s, NULL, &a, &y, 0), 0);
}

/* ------------------------------------------------------------------ */
/* Braille                                                            */
/* ------------------------------------------------------------------ */

/* A diagonal, a horizontal and a vertical line to their known dots. */
START_TEST(test_braille_lines)
{
	struct plot_canvas cv;
	char buf[8];

	ck_assert_int_eq(plot_canvas_new(&cv, 2, 1), 0);
	/* (0,0) (1,1) in cell 0: dots 1 and 5; (2,2) (3,3): dots 3 and 8. */
	plot_canvas_line(&cv, 0, 0, 3, 3);
	ck_assert_uint_eq(plot_canvas_bits(&cv, 0, 0), 0x11);
	ck_assert_uint_eq(plot_canvas_bits(&cv, 1, 0), 0x84);
	ck_assert_uint_eq(plot_braille(0x11), 0x2811);
	ck_assert_str_eq(plot_utf8(plot_braille(0x84), buf), "\xe2\xa2\x84");
	plot_canvas_free(&cv);

	ck_assert_int_eq(plot_canvas_new(&cv, 2, 2), 0);
	plot_canvas_line(&cv, 0, 7, 3, 7);	/* the bottom row of dots */
	plot_canvas_line(&cv, 3, 0, 3, 3);	/* the top right column */
	ck_assert_uint_eq(plot_canvas_bits(&cv, 0, 1), 0xc0);
	ck_assert_uint_eq(plot_canvas_bits(&cv, 1, 1), 0xc0);
	ck_assert_uint_eq(plot_canvas_bits(&cv, 1, 0), 0x08 | 0x10 | 0x20 |
	    0x80);
	ck_assert_uint_eq(plot_canvas_bits(&cv, 0, 0), 0);
	/* Outside the canvas: ignored, and reads as blank. */
	plot_canvas_dot(&cv, -1, 0);
	plot_canvas_dot(&cv, 4, 0);
	plot_canvas_dot(&cv, 0, 8);
	ck_assert_uint_eq(plot_canvas_bits(&cv, 2, 0), 0);
	ck_assert_uint_eq(plot_canvas_bits(&cv, 0, 0), 0);
	plot_canvas_free(&cv);
}
END_TEST

/* A known curve, y = |x| on [-1, 1] over 4 x 4 dots, to its dots. */
START_TEST(test_braille_curve)
{
	double xs[] = { -1, -0.5, 0, 0.5, 1 }, ys[] = { 1, 0.5, 0, 0.5, 1 };
	struct plot_canvas cv;

	ck_assert_int_eq(plot_canvas_new(&cv, 2, 1), 0);
	plot_canvas_polyline(&cv, xs, ys, 5, -1, 1, 0, 1);
	/* The points fall on dots (0,0) (1,1) (2,3) (2,1) (3,0): x -1 -0.5 0
	 * 0.5 1 at 0 .. 3 across (halves round up), y 1 0.5 0 at rows 0 1 3.
	 * The lines between add (2,2): the left cell has dots 1 and 5, the
	 * right one 2, 3, 7 (its left column below the top) and 4. */
	ck_assert_uint_eq(plot_canvas_bits(&cv, 0, 0), 0x01 | 0x10);
	ck_assert_uint_eq(plot_canvas_bits(&cv, 1, 0), 0x02 | 0x04 | 0x40 |
	    0x08);
	plot_canvas_free(&cv);
	/* ASCII stand-ins keep the shape. */
	ck_assert_int_eq(plot_ascii(0), ' ');
	ck_assert_int_eq(plot_ascii(0xc0), '_');
	ck_assert_int_eq(plot_ascii(0x09), '\'');
	ck_assert_int_eq(plot_ascii(0x12), '-');
	ck_assert_int_eq(plot_ascii(0x01 | 0x10 | 0x20 | 0x80), '\\');
	ck_assert_int_eq(plot_ascii(0x40 | 0x20 | 0x10 | 0x08), '/');
	/* Block elements: eighths from the left and from the bottom. */
	ck_assert_uint_eq(plot_block_left(1), 0x258f);
	ck_assert_uint_eq(plot_block_left(7), 0x2589);
	ck_assert_uint_eq(plot_block_left(8), 0x2588);
	ck_assert_uint_eq(plot_block_low(1), 0x2581);
	ck_assert_uint_eq(plot_block_low(0), 0);
	ck_assert_int_eq(plot_bar_eighths(0.5, 10), 40);
	ck_assert_int_eq(plot_bar_eighths(1.5, 10), 80);
	ck_assert_int_eq(plot_bar_eighths(NAN, 10), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Axes                                                               */
/* ------------------------------------------------------------------ */

START_TEST(test_ticks)
{
	struct plot_axis a;
	char buf[32];

	/* The loss axis of base e: -ln 0.003 = 5.81 -> 0 2 4 6. */
	ck_assert_int_eq(plot_ticks(0, 5.81, 4, &a), 4);
	ck_assert_close(a.step, 2, 1e-12);
	ck_assert_close(a.hi, 6, 1e-12);
	/* p from 0 to 1 in fifths, labels without trailing zeros. */
	ck_assert_int_eq(plot_ticks(0, 1, 5, &a), 6);
	ck_assert_str_eq(plot_tick_label(buf, sizeof(buf), a.t[1], a.step),
	    "0.2");
	ck_assert_str_eq(plot_tick_label(buf, sizeof(buf), a.t[5], a.step), "1");
	ck_assert_str_eq(plot_tick_label(buf, sizeof(buf), a.t[0], a.step), "0");
	/* Base 10: 2.52 -> 0 1 2 3; a range across 0 rounds out both ways. */
	ck_assert_int_eq(plot_ticks(0, 2.52, 4, &a), 4);
	ck_assert_close(a.hi, 3, 1e-12);
	ck_assert_int_eq(plot_ticks(-0.3, 1.1, 5, &a), 5);
	ck_assert_close(a.lo, -0.5, 1e-12);
	ck_assert_close(a.hi, 1.5, 1e-12);
	ck_assert_str_eq(plot_tick_label(buf, sizeof(buf), a.t[0], a.step),
	    "-0.5");
	ck_assert_close(a.t[1], 0, 0);
	/* Large and tiny ranges, and the degenerate ones. */
	plot_ticks(0, 123456, 5, &a);
	ck_assert_close(a.step, 50000, 1e-12);
	ck_assert_close(a.hi, 150000, 1e-12);
	plot_ticks(0, 0.0042, 4, &a);
	ck_assert_close(a.step, 0.002, 1e-9);
	ck_assert_str_eq(plot_tick_label(buf, sizeof(buf), a.t[1], a.step),
	    "0.002");
	ck_assert_int_eq(plot_ticks(1, 1, 4, &a) >= 2, 1);
	ck_assert_close(a.lo, 1, 0);
	ck_assert_int_eq(a.hi >= 2, 1);
	plot_ticks(NAN, INFINITY, 4, &a);
	ck_assert_close(a.lo, 0, 0);
	ck_assert_close(a.hi, 1, 0);
	/* Asking for too many never overflows the table. */
	ck_assert_int_le(plot_ticks(0, 1000, 100, &a), PLOT_MAXTICKS);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The curve and the bars                                             */
/* ------------------------------------------------------------------ */

START_TEST(test_curve)
{
	struct sheet *s = tu_sheet(1, one, 1, 0);
	double a[] = { 0.9 }, xs[64], ys[64];
	struct plot_curve c;
	int n;

	bin_row(s, 0.9, 1);		/* a cat at 0.9 */
	bin_row(s, 0.9, 0);		/* not a cat, called cat at 0.9 */
	plot_curve_make(s, 1, &c);
	ck_assert_int_eq(c.binary, 1);
	ck_assert_int_eq(c.mark, 1);
	ck_assert_int_eq(c.mark_branch, PLOT_Y0);
	ck_assert_close(c.mark_p, 0.9, 1e-12);
	ck_assert_close(c.mark_loss, -log(0.1), 1e-12);
	ck_assert_close(plot_curve_loss(&c, PLOT_Y0, 0.9), -log(0.1), 1e-12);
	ck_assert_close(c.y.hi, 6, 0);
	ck_assert_close(c.conf_hi[PLOT_Y1], 1 - 0.8, 1e-12);
	ck_assert_close(c.conf_lo[PLOT_Y0], 0.8, 1e-12);
	/* The y = 1 branch from the top of the axis down to p = 1. */
	n = plot_curve_sample(&c, PLOT_Y1, xs, ys, 64);
	ck_assert_int_eq(n, 64);
	ck_assert_close(ys[0], c.y.hi, 1e-9);
	ck_assert_close(xs[63], 1, 0);
	ck_assert_close(ys[63], 0, 0);
	ck_assert_close(ys[10], -log(xs[10]), 1e-12);
	/* The y = 0 branch is its mirror. */
	plot_curve_sample(&c, PLOT_Y0, xs, ys, 64);
	ck_assert_close(xs[63], 0, 1e-15);
	ck_assert_close(ys[10], -log1p(-xs[10]), 1e-9);
	plot_curve_make(s, 0, &c);
	ck_assert_int_eq(c.mark_branch, PLOT_Y1);
	/* Base 10 and no target: the axis and no marker. */
	tu_opt(s, "base", 10);
	tu_row(s, a, -1);
	plot_curve_make(s, 2, &c);
	ck_assert_int_eq(c.mark, 0);
	ck_assert_close(c.y.hi, 3, 0);
	sheet_free(s);
}
END_TEST

START_TEST(test_bars)
{
	struct sheet *s = tu_sheet(5, five, 0, 0);
	double a[] = { 0.02, -2.49, -1.75, 2.07, 1.25 };
	struct plot_bar b[8];
	int hidden, n;

	tu_row(s, a, 1);		/* target dog, prediction fish */
	n = plot_bars_make(s, 0, b, 8, &hidden);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(hidden, 0);
	ck_assert_int_eq(b[1].target, 1);
	ck_assert_int_eq(b[3].pred, 1);
	ck_assert_close(b[3].p, sheet_p(s, 0, 3), 0);
	ck_assert_close(b[3].act, 2.07, 0);
	/* Three of five: the two most probable, then the target. */
	n = plot_bars_make(s, 0, b, 3, &hidden);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(hidden, 2);
	ck_assert_int_eq(b[0].c, 3);
	ck_assert_int_eq(b[1].c, 4);
	ck_assert_int_eq(b[2].c, 1);
	ck_assert_int_eq(b[2].target, 1);
	/* Two of five when the target is the most probable: the target
	 * and the next, not the target alone. */
	sheet_set_target(s, 0, 3);
	n = plot_bars_make(s, 0, b, 2, &hidden);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(hidden, 3);
	ck_assert_int_eq(b[0].c, 3);
	ck_assert(b[0].target && b[0].pred);
	ck_assert_int_eq(b[1].c, 4);
	sheet_free(s);
	/* A binary sheet: the class and its complement. */
	s = tu_sheet(1, one, 1, 0);
	bin_row(s, 0.3, 1);
	n = plot_bars_make(s, 0, b, 8, &hidden);
	ck_assert_int_eq(n, 2);
	ck_assert_close(b[1].p, 0.7, 1e-12);
	ck_assert_int_eq(b[0].target, 1);
	ck_assert_int_eq(b[1].pred, 1);
	sheet_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The histogram                                                      */
/* ------------------------------------------------------------------ */

/* Asserts that H counts every row of S in the buckets of its own range. */
static void
check_recount(const struct plot_hist *h, const struct sheet *s)
{
	long count[PLOT_HIST_BUCKETS] = { 0 }, inf = 0, none = 0, r;
	int b, i;

	for (r = 0; r < sheet_rows(s); r++) {
		b = plot_hist_bucket(h, sheet_loss(s, r));
		ck_assert_int_ne(b, PLOT_HIST_OUT);
		if (b >= 0)
			count[b]++;
		else if (b == PLOT_HIST_INF)
			inf++;
		else
			none++;
	}
	for (i = 0; i < PLOT_HIST_BUCKETS; i++)
		ck_assert_int_eq(h->count[i], count[i]);
	ck_assert_int_eq(h->inf, inf);
	ck_assert_int_eq(h->none, none);
}

START_TEST(test_hist_buckets)
{
	struct sheet *s = tu_sheet(1, one, 1, 0);
	double ps[] = { 0.9, 0.5, 0.5, 0.01, 0 }, a[1];
	struct plot_hist h;
	long m[8];
	int i;

	for (i = 0; i < 5; i++) {
		a[0] = ps[i];
		tu_row(s, a, 0);
	}
	a[0] = 0.5;
	tu_row(s, a, -1);
	plot_hist_build(&h, s);
	/* Losses 0.105 0.693 0.693 4.605 inf and none: the axis 0 .. 5. */
	ck_assert_close(h.axis.lo, 0, 0);
	ck_assert_close(h.axis.hi, 5, 0);
	ck_assert_int_eq(h.rows, 6);
	ck_assert_int_eq(h.inf, 1);
	ck_assert_int_eq(h.none, 1);
	ck_assert_int_eq(plot_hist_bucket(&h, -log(0.5)),
	    (int)(-log(0.5) / 5 * PLOT_HIST_BUCKETS));
	ck_assert_int_eq(h.count[plot_hist_bucket(&h, -log(0.5))], 2);
	ck_assert_int_eq(plot_hist_bucket(&h, 5), PLOT_HIST_BUCKETS - 1);
	ck_assert_int_eq(plot_hist_bucket(&h, 5.01), PLOT_HIST_OUT);
	ck_assert_int_eq(plot_hist_bucket(&h, NAN), PLOT_HIST_NONE);
	ck_assert_int_eq(plot_hist_bucket(&h, INFINITY), PLOT_HIST_INF);
	check_recount(&h, s);
	/* Merged into 8 columns of 8 buckets: the confident miss is alone
	 * in the last populated one. */
	ck_assert_int_eq(plot_hist_merge(&h, 8, m), 2);
	ck_assert_int_eq(m[0], 1);
	ck_assert_int_eq(m[1], 2);
	ck_assert_int_eq(m[7], 1);
	ck_assert_int_eq(m[2] + m[3] + m[4] + m[5] + m[6], 0);
	/* 2 against 1 is no tail; a million against 1 is. */
	ck_assert_int_eq(plot_hist_log(m, 8), 0);
	m[0] = 1000000;
	ck_assert_int_eq(plot_hist_log(m, 8), 1);
	ck_assert_int_eq(plot_hist_level(1, 1000000, 1, 80) >= 1, 1);
	ck_assert_int_eq(plot_hist_level(1, 1000000, 0, 80), 1);
	ck_assert_int_eq(plot_hist_level(1000000, 1000000, 1, 80), 80);
	ck_assert_int_eq(plot_hist_level(0, 1000000, 1, 80), 0);
	sheet_free(s);
}
END_TEST

/* Random edits, each moved into the counts as ctl_apply does, match a
 * full recount after every one; a move past the range asks for a
 * rebuild, and only then is one made. */
START_TEST(test_hist_incremental)
{
	struct sheet *s = tu_sheet(5, five, 0, 0);
	double a[5], before;
	struct plot_hist h;
	int i, k, rebuilds = 0;
	long r;

	srand(7);
	for (r = 0; r < 500; r++) {
		for (k = 0; k < 5; k++)
			a[k] = (rand() % 2000) / 500.0 - 2;
		tu_row(s, a, (int)(r % 5));
	}
	plot_hist_build(&h, s);
	for (i = 0; i < 1000; i++) {
		r = rand() % 500;
		k = rand() % 5;
		before = sheet_loss(s, r);
		/* Now and then a wild logit, far outside the range. */
		sheet_set_act(s, r, k, i % 97 == 0 ? 80.0 : (rand() % 2000) /
		    400.0 - 2.5);
		if (plot_hist_move(&h, before, sheet_loss(s, r)) != 0) {
			plot_hist_build(&h, s);
			rebuilds++;
		}
		check_recount(&h, s);
	}
	/* Incremental: most edits moved one count. */
	ck_assert_int_lt(rebuilds, 100);
	ck_assert_int_gt(rebuilds, 0);
	sheet_free(s);
}
END_TEST

/* The controller's one change path keeps the counts: edits, targets and
 * undo through ctl_apply and the keys, each checked against a recount;
 * an edit inside the range is no recount. */
START_TEST(test_hist_ctl)
{
	struct ctl *c = tu_ctl_default();
	struct ctl_change ch = { .op = OP_INSERT_ROW, .from = 0 };
	long recounts;
	int i;

	for (i = 0; i < 50; i++) {
		ch.row = i + 1;
		ck_assert_int_eq(ctl_apply(c, &ch), 0);
	}
	ctl_plot(c, PLOT_HIST);
	ck_assert_int_eq(c->plot.hist_ok, 1);
	check_recount(&c->plot.hist, c->s);
	recounts = c->plot.recounts;
	/* Fish, the target, a little surer: a smaller loss, in the range. */
	ch = (struct ctl_change){ .op = OP_CELL, .row = 7, .g = G_ACT, .k = 3,
	    .v = 2.5 };
	ck_assert_int_eq(ctl_apply(c, &ch), 0);
	check_recount(&c->plot.hist, c->s);
	ck_assert_int_eq(c->plot.recounts, recounts);
	ch = (struct ctl_change){ .op = OP_TARGET, .row = 9, .k = 1 };
	ck_assert_int_eq(ctl_apply(c, &ch), 0);
	check_recount(&c->plot.hist, c->s);
	/* A logit of 60 for the wrong class: far past the range. */
	ch = (struct ctl_change){ .op = OP_CELL, .row = 12, .g = G_ACT, .k = 0,
	    .v = 60 };
	ck_assert_int_eq(ctl_apply(c, &ch), 0);
	check_recount(&c->plot.hist, c->s);
	ck_assert_int_eq(c->plot.hist.axis.hi >= sheet_loss(c->s, 12), 1);
	ctl_key(c, 'u');
	check_recount(&c->plot.hist, c->s);
	ck_assert_int_eq(ctl_command(c, "set temperature 2"), 0);
	check_recount(&c->plot.hist, c->s);
	/* Closed, the counts go stale, and come back when it opens. */
	ctl_plot(c, PLOT_CURVE);
	ck_assert_int_eq(ctl_command(c, "set temperature 3"), 0);
	ck_assert_int_eq(c->plot.hist_ok, 0);
	ctl_key(c, 'P');
	ck_assert_int_eq(c->plot.kind, PLOT_BARS);
	ctl_key(c, 'P');
	ck_assert_int_eq(c->plot.kind, PLOT_HIST);
	check_recount(&c->plot.hist, c->s);
	ctl_free(c);
}
END_TEST

/* Asserts that figures K match stats_calibration's over S. */
static void
check_calib(const struct stats_calib *k, const struct sheet *s)
{
	struct stats_calib want;
	int m;

	ck_assert_int_eq(stats_calibration(s, STATS_BINS, &want), 0);
	ck_assert_int_eq(k->rows, want.rows);
	ck_assert_int_eq(k->nbins, STATS_BINS);
	for (m = 0; m < STATS_BINS; m++) {
		ck_assert_int_eq(k->bins[m].count, want.bins[m].count);
		ck_assert_close(k->bins[m].conf, want.bins[m].conf, 1e-9);
		ck_assert_close(k->bins[m].acc, want.bins[m].acc, 1e-12);
	}
	ck_assert_close(k->ece, want.ece, 1e-9);
	ck_assert_close(k->mce, want.mce, 1e-9);
	ck_assert_close(k->accuracy, want.accuracy, 1e-12);
	stats_calib_free(&want);
}

/* The reliability sums after random edits, each moved as ctl_apply
 * does, give stats_calibration's figures, a recount; and so do the
 * controller's, through ctl_apply, undo and settings. */
START_TEST(test_calib_incremental)
{
	struct sheet *s = tu_sheet(5, five, 0, 0);
	struct stats_bin bins[STATS_BINS];
	struct stats_calib fig = { .bins = bins };
	struct stats_part before;
	struct stats_sums k;
	struct ctl *c;
	struct ctl_change ch;
	double a[5];
	int i, kk;
	long r;

	srand(11);
	for (r = 0; r < 400; r++) {
		for (kk = 0; kk < 5; kk++)
			a[kk] = (rand() % 2000) / 300.0 - 3;
		tu_row(s, a, r % 7 == 0 ? -1 : (int)(r % 5));
	}
	ck_assert_int_eq(stats_sums_init(&k, STATS_BINS), 0);
	stats_sums_build(&k, s);
	stats_sums_figures(&k, &fig);
	check_calib(&fig, s);
	for (i = 0; i < 500; i++) {
		r = rand() % 400;
		before = stats_part(s, r);
		if (i % 3 == 0)
			sheet_set_target(s, r, rand() % 5);
		else
			sheet_set_act(s, r, rand() % 5, (rand() % 2000) / 200.0 - 5);
		stats_sums_move(&k, before, stats_part(s, r));
	}
	stats_sums_figures(&k, &fig);
	check_calib(&fig, s);
	stats_sums_free(&k);
	/* The controller keeps them through ctl_apply, undo and settings. */
	c = ctl_new(s, NULL, 0);
	ck_assert_ptr_nonnull(c);
	ctl_plot(c, PLOT_RELIABILITY);
	ck_assert_int_eq(c->plot.calib_ok, 1);
	for (i = 0; i < 50; i++) {
		ch = (struct ctl_change){ .op = OP_CELL, .row = rand() % 400,
		    .g = G_ACT, .k = rand() % 5, .v = (rand() % 100) / 10.0 };
		ck_assert_int_eq(ctl_apply(c, &ch), 0);
	}
	check_calib(&c->plot.calib, c->s);
	ctl_key(c, 'u');
	check_calib(&c->plot.calib, c->s);
	ck_assert_int_eq(ctl_command(c, "set temperature 2"), 0);
	check_calib(&c->plot.calib, c->s);
	ctl_free(c);
}
END_TEST

/* A lesson with plot directives in its steps' setups. */
static const char plot_lesson[] =
    "# Plots\n"
    "\n"
    "## One\n"
    "\n"
    "No plot yet.\n"
    "\n"
    "## Two\n"
    "\n"
    "```setup\n"
    "goto 1 fish\n"
    ":plot curve\n"
    "```\n"
    "\n"
    "## Three\n"
    "\n"
    "The curve still.\n"
    "\n"
    "```sheet\n"
    "label,a,b\n"
    "a,1,2\n"
    "```\n"
    "\n"
    "## Four\n"
    "\n"
    "```setup\n"
    "plot bars\n"
    "```\n";

/* The directive is parsed out of the setup (its line left blank), and
 * what is wrong with one is said with its line. */
START_TEST(test_lesson_directive)
{
	char err[512], bad[600];
	struct lesson *l = lesson_parse("p.md", plot_lesson,
	    strlen(plot_lesson), err, sizeof(err));

	ck_assert_msg(l != NULL, "%s", err);
	ck_assert_int_eq(l->nsteps, 4);
	ck_assert_int_eq(l->steps[0].plot, -1);
	ck_assert_int_eq(l->steps[1].plot, PLOT_CURVE);
	ck_assert_int_eq(l->steps[1].plot_line, 11);
	ck_assert_ptr_null(strstr(l->steps[1].block[LB_SETUP], "plot"));
	ck_assert_ptr_nonnull(strstr(l->steps[1].block[LB_SETUP], "goto 1"));
	ck_assert_int_eq(l->steps[2].plot, -1);
	ck_assert_int_eq(l->steps[3].plot, PLOT_BARS);
	lesson_free(l);
	snprintf(bad, sizeof(bad), "%s", plot_lesson);
	memcpy(strstr(bad, "plot bars"), "plot barz", 9);
	ck_assert_ptr_null(lesson_parse("p.md", bad, strlen(bad), err,
	    sizeof(err)));
	ck_assert_str_eq(err, "p.md:26: plot: curve, bars, hist, reliability "
	    "or off (a lesson's plot writes no file)");
	snprintf(bad, sizeof(bad), "%s", plot_lesson);
	memcpy(strstr(bad, "goto 1 fish"), "plot hist  ", 11);
	ck_assert_ptr_null(lesson_parse("p.md", bad, strlen(bad), err,
	    sizeof(err)));
	ck_assert_str_eq(err, "p.md:11: a second plot directive in this setup "
	    "(the first is on line 10)");
}
END_TEST

/* A step's plot is the same however it is reached: in order, directly,
 * backwards, or after the learner changed it. */
START_TEST(test_lesson_plot_state)
{
	char err[512];
	struct lesson *l = lesson_parse("p.md", plot_lesson,
	    strlen(plot_lesson), err, sizeof(err));
	struct tutor *t = tutor_new(l, 0);
	struct ctl *c = tu_ctl_default();
	int n, i;
	static const int want[] = { PLOT_OFF, PLOT_CURVE, PLOT_CURVE,
	    PLOT_BARS };

	ck_assert_ptr_nonnull(t);
	tutor_attach(t, c);
	ctl_plot(c, PLOT_HIST);
	ck_assert_int_eq(tutor_goto(t, c, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(c->plot.kind, PLOT_OFF);
	for (n = 1; n < 4; n++) {
		ck_assert_msg(tutor_advance(t, c, n, err, sizeof(err)) == 0, "%s",
		    err);
		ck_assert_int_eq(c->plot.kind, want[n]);
	}
	for (i = 0; i < 8; i++) {
		n = (i * 3) % 4;
		ctl_key(c, 'P');
		ck_assert_int_eq(tutor_goto(t, c, n, err, sizeof(err)), 0);
		ck_assert_int_eq(c->plot.kind, want[n]);
	}
	/* :plot in a script is refused; the directive is how a lesson
	 * opens one. */
	ck_assert_int_eq(tutor_replay(c, "p.md", ":plot hist\n", 1, err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "read or write files"));
	ctl_free(c);
	tutor_free(t);
}
END_TEST

/* :plot's arguments, and the lesson sandbox refusing it. */
START_TEST(test_plot_command)
{
	struct ctl *c = tu_ctl_default();

	ck_assert_int_eq(ctl_command(c, "plot curve"), 0);
	ck_assert_int_eq(c->plot.kind, PLOT_CURVE);
	ck_assert_int_eq(ctl_command(c, "plot nonsense"), -1);
	ck_assert_int_eq(c->plot.kind, PLOT_CURVE);
	ck_assert_int_eq(ctl_command(c, "plot off --svg"), -1);
	ck_assert_int_eq(ctl_command(c, "plot off"), 0);
	ck_assert_int_eq(c->plot.kind, PLOT_OFF);
	c->sandbox = 1;
	ck_assert_int_eq(ctl_command(c, "plot bars --svg x.svg"), -1);
	ck_assert_int_eq(c->plot.kind, PLOT_OFF);
	ck_assert_int_eq(access("x.svg", F_OK), -1);
	ctl_free(c);
	ck_assert_str_eq(plot_kind_name(plot_kind_next(PLOT_RELIABILITY)),
	    "off");
	ck_assert_int_eq(plot_kind_index("hist"), PLOT_HIST);
}
END_TEST

Suite *
plot_suite(void)
{
	Suite *s = suite_create("plot");
	TCase *tc = tcase_create("plot");

	tcase_add_test(tc, test_braille_lines);
	tcase_add_test(tc, test_braille_curve);
	tcase_add_test(tc, test_ticks);
	tcase_add_test(tc, test_curve);
	tcase_add_test(tc, test_bars);
	tcase_add_test(tc, test_hist_buckets);
	tcase_add_test(tc, test_hist_incremental);
	tcase_add_test(tc, test_hist_ctl);
	tcase_add_test(tc, test_calib_incremental);
	tcase_add_test(tc, test_lesson_directive);
	tcase_add_test(tc, test_lesson_plot_state);
	tcase_add_test(tc, test_plot_command);
	suite_add_tcase(s, tc);
	return s;
}
