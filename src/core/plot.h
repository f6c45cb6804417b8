/*
 * plot.h - the maths of the pictures: the penalty curve sampled in the
 * sheet's log base, round axis ticks, the loss histogram and its update
 * after one row changes, a row's distribution as bars, and a braille
 * rasteriser (a dot bitmap, 2 x 4 dots a character cell, and the code
 * point of each cell).  The screen (src/ui/plot.c) and the SVG writer
 * (src/io/svg.c) draw what these compute.  Pure: no curses, no files.
 */
#ifndef XENT_CORE_PLOT_H
#define XENT_CORE_PLOT_H

#include <stddef.h>

#include "core/sheet.h"

/* The pictures, in the order the cycling key goes through them. */
enum plot_kind {
	PLOT_OFF, PLOT_CURVE, PLOT_BARS, PLOT_HIST, PLOT_RELIABILITY,
	PLOT_NKINDS
};

/* The name of kind K as `:plot` takes it ("off", "curve", ...). */
const char *plot_kind_name(enum plot_kind k);

/* The kind named NAME, or -1. */
int plot_kind_index(const char *name);

/* The name of log base BASE (0: e) as the axes write it: "ln", "log₂",
 * "log₁₀" (UTF-8; the screen spells it in ASCII where it must). */
const char *plot_log_name(int base);

/* The kind after K in the cycle (off, curve, bars, hist, reliability). */
enum plot_kind plot_kind_next(enum plot_kind k);

/* ------------------------------------------------------------------ */
/* Axes                                                               */
/* ------------------------------------------------------------------ */

#define PLOT_MAXTICKS 16

/* Round ticks (1, 2 or 5 times a power of ten apart) covering a range. */
struct plot_axis {
	double	lo, hi;			/* the first and last tick */
	double	step;			/* between ticks */
	int	n;			/* ticks, 2 .. PLOT_MAXTICKS */
	double	t[PLOT_MAXTICKS];
};

/* Ticks from one at or below LO to one at or above HI, about WANT
 * intervals apart (fewer, never more than PLOT_MAXTICKS - 1).  An empty
 * or non-finite range gets [LO, LO + 1].  Returns the tick count. */
int plot_ticks(double lo, double hi, int want, struct plot_axis *ax);

/* Tick V written with the decimals STEP needs ("0.25", "2", "-0.5"). */
char *plot_tick_label(char *buf, size_t len, double v, double step);

/* ------------------------------------------------------------------ */
/* Braille                                                            */
/* ------------------------------------------------------------------ */

/* A bitmap of W x H character cells, each 2 dots wide and 4 high; dot
 * (0, 0) is the top left. */
struct plot_canvas {
	int		 w, h;		/* cells */
	unsigned char	*bits;		/* w * h braille patterns */
};

/* A blank canvas of W x H cells; 0, or -1 when out of memory. */
int plot_canvas_new(struct plot_canvas *cv, int w, int h);

void plot_canvas_free(struct plot_canvas *cv);

/* Sets dot X, Y; dots outside the canvas are ignored. */
void plot_canvas_dot(struct plot_canvas *cv, int x, int y);

/* Sets the dots of the straight line between two dots (Bresenham). */
void plot_canvas_line(struct plot_canvas *cv, int x0, int y0, int x1,
    int y1);

/* Dot column of X on an axis from LO to HI over N dots, and dot row of Y
 * (upwards: HI is row 0).  Far outside values are held a little outside
 * the canvas, so lines towards them still leave it at the right angle. */
int plot_dot_x(double x, double lo, double hi, int n);
int plot_dot_y(double y, double lo, double hi, int n);

/* Draws the polyline through (XS[i], YS[i]), i < N, in data coordinates
 * with X from XLO to XHI across and Y from YLO to YHI up; non-finite
 * points break the line. */
void plot_canvas_polyline(struct plot_canvas *cv, const double *xs,
    const double *ys, int n, double xlo, double xhi, double ylo, double yhi);

/* The braille pattern of cell CX, CY: bit 0 is dot 1 (top left), as in
 * Unicode's U+2800 block; 0 outside the canvas. */
unsigned plot_canvas_bits(const struct plot_canvas *cv, int cx, int cy);

/* The code point of braille pattern BITS: U+2800 + BITS. */
unsigned plot_braille(unsigned bits);

/* An ASCII character with roughly pattern BITS' shape (' ' when blank). */
char plot_ascii(unsigned bits);

/* Writes code point CP as UTF-8 into OUT (room for 5); returns OUT. */
char *plot_utf8(unsigned cp, char *out);

/* The block of EIGHTHS (1 .. 8) of a cell from the left (U+258F ..
 * U+2588), and from the bottom (U+2581 .. U+2588); 0 for 0. */
unsigned plot_block_left(int eighths);
unsigned plot_block_low(int eighths);

/* ------------------------------------------------------------------ */
/* The penalty curve                                                  */
/* ------------------------------------------------------------------ */

/* Branches of the curve: the loss when the outcome on the x axis is the
 * target (y = 1), and when it is not (y = 0, binary sheets). */
#define PLOT_Y1 1
#define PLOT_Y0 0

/* The penalty curve of a sheet and where one row sits on it. */
struct plot_curve {
	int		base;		/* 0 (e), 2 or 10, as the sheet's */
	int		binary;		/* two branches, x = p(class) */
	struct plot_axis x, y;		/* p from 0 to 1; loss from 0 up */
	double		conf_lo[2], conf_hi[2];	/* per branch: the p range
					 * flagged confident_wrong */
	int		mark;		/* the row has a marker */
	int		mark_branch;	/* PLOT_Y1 or PLOT_Y0 */
	double		mark_p;		/* its x: p(target), or binary p */
	double		mark_loss;	/* its y: the row's loss */
	long		row;
	int		target;		/* the row's target (outcome index) */
};

/* The curve of S with row R's marker (no marker when R has no target or
 * its loss is NaN).  The loss axis is the same for every row of a base,
 * so the marker moves on a still picture. */
void plot_curve_make(const struct sheet *s, long r, struct plot_curve *c);

/* The loss on BRANCH at p: -log p (PLOT_Y1) or -log(1 - p), in C's base. */
double plot_curve_loss(const struct plot_curve *c, int branch, double p);

/* Samples BRANCH from where it leaves the top of the loss axis to its
 * end, denser where it is steep: N points (at most MAX) into XS, YS. */
int plot_curve_sample(const struct plot_curve *c, int branch, double *xs,
    double *ys, int max);

/* ------------------------------------------------------------------ */
/* The loss histogram                                                 */
/* ------------------------------------------------------------------ */

#define PLOT_HIST_BUCKETS 64	/* fine buckets; the screen merges them */
#define PLOT_HIST_INF	(-2)	/* plot_hist_bucket: an infinite loss */
#define PLOT_HIST_NONE	(-1)	/* no loss (no target, NaN) */
#define PLOT_HIST_OUT	(-3)	/* a finite loss outside the range */

/* Every row's loss counted in buckets over [lo, hi). */
struct plot_hist {
	struct plot_axis axis;		/* lo .. hi, round */
	long		 count[PLOT_HIST_BUCKETS];
	long		 inf;		/* rows with an infinite loss */
	long		 none;		/* rows without a loss */
	long		 rows;
};

/* Counts every row of S afresh, the range rounded out from the losses. */
void plot_hist_build(struct plot_hist *h, const struct sheet *s);

/* The bucket of LOSS: 0 .. PLOT_HIST_BUCKETS - 1, or PLOT_HIST_INF,
 * PLOT_HIST_NONE or PLOT_HIST_OUT. */
int plot_hist_bucket(const struct plot_hist *h, double loss);

/* One row's loss went from BEFORE to AFTER: the counts follow in O(1).
 * Returns 0, or 1 when the range no longer suits (AFTER outside it, or
 * the populated buckets shrunk to a corner of it): plot_hist_build then. */
int plot_hist_move(struct plot_hist *h, double before, double after);

/* Merges the buckets into M columns (M divides PLOT_HIST_BUCKETS) into
 * OUT[M]; returns the largest. */
long plot_hist_merge(const struct plot_hist *h, int m, long *out);

/* 1 when counts OUT[0..M) span so much that a linear scale would hide
 * the tail: the largest over 40 times the smallest non-zero one. */
int plot_hist_log(const long *out, int m);

/* Height of COUNT in LEVELS steps against MAX, on a log scale when LOG:
 * 0 only for 0, so that one row among millions still shows. */
int plot_hist_level(long count, long max, int log, int levels);

/* ------------------------------------------------------------------ */
/* The distribution of one row                                        */
/* ------------------------------------------------------------------ */

/* One bar: an outcome of the row (a class; on a binary sheet 0 is the
 * class and 1 its complement). */
struct plot_bar {
	int	c;			/* outcome index */
	double	p;			/* its probability */
	double	act;			/* its activation (logit or p) */
	int	target, pred;		/* it is the row's target, prediction */
};

/* Row R's bars into OUT (room for MAX >= 2): every outcome in order when
 * they fit, else the MAX most probable, the last of them given up to
 * the target when it is not among them (it then comes after them).
 * *HIDDEN gets the outcomes left out. */
int plot_bars_make(const struct sheet *s, long r, struct plot_bar *out,
    int max, int *hidden);

/* Eighths of a cell that a bar of P takes in W cells (P held to 0 .. 1). */
int plot_bar_eighths(double p, int w);

#endif
