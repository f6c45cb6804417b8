/*
 * plot.c - the plot pane: the penalty curve in braille with the current
 * row's marker, the row's distribution as bars, the loss histogram, and
 * the reliability diagram.  It draws what src/core/plot.c computes and
 * what the controller keeps (c->plot); in ASCII outside a UTF-8 locale.
 * Marks are letters and symbols, so nothing rests on colour.
 */
#include <stdio.h>
#include <string.h>

#include "app/tutor.h"
#include "core/num.h"
#include "core/plot.h"
#include "core/stats.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

/* Glyphs, UTF-8 then ASCII. */
#define G_VBAR		(ui_utf8() ? "\xe2\x94\x82" : "|")
#define G_HBAR		(ui_utf8() ? "\xe2\x94\x80" : "-")
#define G_YTICK		(ui_utf8() ? "\xe2\x94\xa4" : "+")
#define G_XTICK		(ui_utf8() ? "\xe2\x94\xac" : "+")
#define G_CORNER	(ui_utf8() ? "\xe2\x94\x94" : "+")
#define G_MARK		(ui_utf8() ? "\xe2\x97\x8f" : "O")
#define G_UP		(ui_utf8() ? "\xe2\x96\xb2" : "^")
#define G_TARGET	(ui_utf8() ? "\xe2\x97\x80" : "<")
#define G_PRED		(ui_utf8() ? "\xe2\x97\x86" : "*")
#define G_MEAN		(ui_utf8() ? "\xce\xbc" : "m")

/* The most bars a pane shows. */
#define UI_MAX_BARS 64

/* ------------------------------------------------------------------ */
/* Pieces                                                             */
/* ------------------------------------------------------------------ */

/* A one-line message in R, for a plot that cannot be drawn there. */
static void
ui_plot_note(struct ui_rect r, const char *text)
{
	if (r.h > 0)
		ui_put(r.y, r.x, r.w, text, 0, ui_attr(UI_DIM));
}

/* Draws cell CX, CY of canvas CV at line Y, column X (nothing when the
 * cell is blank): braille, or an ASCII shape outside UTF-8. */
static void
ui_plot_cell(const struct plot_canvas *cv, int cx, int cy, int y, int x,
    attr_t a)
{
	char buf[8];
	unsigned bits;

	if ((bits = plot_canvas_bits(cv, cx, cy)) == 0)
		return;
	if (ui_utf8())
		plot_utf8(plot_braille(bits), buf);
	else {
		buf[0] = plot_ascii(bits);
		buf[1] = '\0';
	}
	ui_put(y, x, 1, buf, 0, a);
}

/* Draws the cells of canvas CV whose screen columns are X0 .. X1 - 1,
 * the canvas' top left being at Y, X. */
static void
ui_plot_canvas_cols(const struct plot_canvas *cv, int y, int x, int x0,
    int x1, attr_t a)
{
	int cx, cy;

	for (cy = 0; cy < cv->h; cy++)
		for (cx = x0 - x; cx < x1 - x; cx++)
			ui_plot_cell(cv, cx, cy, y + cy, x + cx, a);
}

/* Draws the cells of canvas CV with their top left at Y, X. */
static void
ui_plot_canvas(const struct plot_canvas *cv, int y, int x, attr_t a)
{
	ui_plot_canvas_cols(cv, y, x, x, x + cv->w, a);
}

/* The loss axis: labels right-aligned in LW columns left of column AX,
 * the axis line from line Y for H lines, a tick at each label. */
static void
ui_plot_yaxis(const struct plot_axis *ya, int y, int h, int ax, int lw)
{
	char buf[32];
	int i, row;

	for (i = 0; i < h; i++)
		ui_put(y + i, ax, 1, G_VBAR, 0, ui_attr(UI_DIM));
	for (i = 0; i < ya->n; i++) {
		row = plot_dot_y(ya->t[i], ya->lo, ya->hi, 4 * h) / 4;
		ui_put(y + row, ax - lw, lw, plot_tick_label(buf, sizeof(buf),
		    ya->t[i], ya->step), 1, A_NORMAL);
		ui_put(y + row, ax, 1, G_YTICK, 0, ui_attr(UI_DIM));
	}
}

/* The p axis under a canvas W cells wide at column X: the line at Y with
 * a tick per label, the labels on the line below when LABELS is set. */
static void
ui_plot_xaxis(const struct plot_axis *xa, int y, int x, int w, int labels)
{
	char buf[32];
	int i, col, lw, next = x - 1;

	ui_put(y, x - 1, 1, G_CORNER, 0, ui_attr(UI_DIM));
	for (i = 0; i < w; i++)
		ui_put(y, x + i, 1, G_HBAR, 0, ui_attr(UI_DIM));
	for (i = 0; i < xa->n; i++) {
		col = plot_dot_x(xa->t[i], xa->lo, xa->hi, 2 * w) / 2;
		ui_put(y, x + col, 1, G_XTICK, 0, ui_attr(UI_DIM));
		plot_tick_label(buf, sizeof(buf), xa->t[i], xa->step);
		lw = (int)strlen(buf);
		col = x + col - lw / 2;
		if (col + lw > x + w)
			col = x + w - lw;
		if (col < x - 1)
			col = x - 1;
		/* Labels that would run into the one before are left out. */
		if (labels && col >= next) {
			ui_put(y + 1, col, lw, buf, 0, A_NORMAL);
			next = col + lw + 1;
		}
	}
}

/* "└─ TEXT ─┘" under columns X0 .. X1 at line Y; TEXT goes beside a
 * bracket too short for it, on its LEFT when set, else on its right. */
static void
ui_plot_bracket(int y, int x0, int x1, const char *text, int left)
{
	char buf[128];
	int w = x1 - x0 + 1, tw = (int)strlen(text), i;

	if (w < 2)
		return;
	for (i = 0; i < w; i++)
		ui_put(y, x0 + i, 1, G_HBAR, 0, ui_attr(UI_WARN));
	ui_put(y, x0, 1, ui_utf8() ? "\xe2\x94\x94" : "[", 0, ui_attr(UI_WARN));
	ui_put(y, x1, 1, ui_utf8() ? "\xe2\x94\x98" : "]", 0, ui_attr(UI_WARN));
	/* The words inside the bracket, or after it when it is short. */
	if (tw == 0)
		return;
	if (tw + 2 <= w - 2) {
		snprintf(buf, sizeof(buf), " %s ", text);
		ui_put(y, x0 + (w - tw - 2) / 2, tw + 2, buf, 0,
		    ui_attr(UI_WARN));
	} else if (left)
		ui_put(y, x0 - 1 - tw, tw, text, 0, ui_attr(UI_WARN));
	else
		ui_put(y, x1 + 2, tw, text, 0, ui_attr(UI_WARN));
}

/* ------------------------------------------------------------------ */
/* The penalty curve                                                  */
/* ------------------------------------------------------------------ */

#define UI_CURVE_SAMPLES 400

/* The curve's title line. */
static void
ui_curve_title(const struct ctl *c, const struct plot_curve *pc,
    struct ui_rect r)
{
	const char *ln = plot_log_name(pc->base);
	char buf[256];

	if (pc->binary)
		snprintf(buf, sizeof(buf), "Penalty: y=1 \xe2\x88\x92%s p(%s), "
		    "y=0 \xe2\x88\x92%s(1\xe2\x88\x92p)", ln,
		    sheet_class_name(c->s, 0), ln);
	else
		snprintf(buf, sizeof(buf), "Penalty: loss = \xe2\x88\x92%s "
		    "p(target)", ln);
	ui_put(r.y, r.x, r.w, buf, 0, ui_attr(UI_HEADER));
}

/* Rasterises PC's branches into CV. */
static void
ui_curve_raster(const struct plot_curve *pc, struct plot_canvas *cv)
{
	double xs[UI_CURVE_SAMPLES], ys[UI_CURVE_SAMPLES];
	int n, b;

	for (b = PLOT_Y1; b >= (pc->binary ? PLOT_Y0 : PLOT_Y1); b--) {
		n = plot_curve_sample(pc, b, xs, ys, UI_CURVE_SAMPLES);
		plot_canvas_polyline(cv, xs, ys, n, pc->x.lo, pc->x.hi,
		    pc->y.lo, pc->y.hi);
	}
}

/* The marker of PC's row on a canvas W x H cells at Y, X, with its
 * numbers beside it. */
static void
ui_curve_marker(const struct ctl *c, const struct plot_curve *pc, int y,
    int x, int w, int h)
{
	char buf[128], pv[32], lv[32], name[64];
	int over = pc->mark_loss > pc->y.hi, mx, my, tw;

	mx = plot_dot_x(pc->mark_p, pc->x.lo, pc->x.hi, 2 * w) / 2;
	my = over ? 0 : plot_dot_y(pc->mark_loss, pc->y.lo, pc->y.hi, 4 * h) /
	    4;
	mx = mx < 0 ? 0 : mx >= w ? w - 1 : mx;
	my = my < 0 ? 0 : my >= h ? h - 1 : my;
	ui_put(y + my, x + mx, 1, over ? G_UP : G_MARK, 0,
	    ui_attr(UI_BAD) | A_BOLD);
	sheet_outcome_name(c->s, pc->binary ? 0 : pc->target, name,
	    sizeof(name));
	snprintf(buf, sizeof(buf), "p(%s)=%s loss=%s", name, ui_num(pv,
	    sizeof(pv), pc->mark_p, 8), ui_num(lv, sizeof(lv), pc->mark_loss,
	    8));
	tw = ui_width(buf);
	if (tw > w)
		snprintf(buf, sizeof(buf), "loss=%s", lv);
	tw = ui_width(buf);
	/* Right of the marker when it fits, else left of it, else on the
	 * line below (above, at the bottom), never over the marker. */
	if (mx + 2 + tw <= w)
		ui_put(y + my, x + mx + 2, tw, buf, 0, ui_attr(UI_BAD));
	else if (mx - 1 - tw >= 0)
		ui_put(y + my, x + mx - 1 - tw, tw, buf, 0, ui_attr(UI_BAD));
	else {
		mx = mx - tw / 2 < 0 ? 0 : mx - tw / 2 + tw > w ? w - tw : mx -
		    tw / 2;
		ui_put(y + (my + 1 < h ? my + 1 : my - 1), x + (mx > 0 ? mx : 0),
		    tw, buf, 0, ui_attr(UI_BAD));
	}
}

/* Brackets the confident_wrong stretches of the p axis at line Y; on a
 * binary sheet both, with their name once between them. */
static void
ui_curve_regions(const struct plot_curve *pc, int y, int x, int w)
{
	const char *name = "confident_wrong";
	int b, x0[2], x1[2], room, tw;

	for (b = PLOT_Y1; b >= (pc->binary ? PLOT_Y0 : PLOT_Y1); b--) {
		x0[b] = x + plot_dot_x(pc->conf_lo[b], 0, 1, 2 * w) / 2;
		x1[b] = x + plot_dot_x(pc->conf_hi[b], 0, 1, 2 * w) / 2;
		ui_plot_bracket(y, x0[b], x1[b], pc->binary ? "" : name, 0);
	}
	if (!pc->binary)
		return;
	room = x0[PLOT_Y0] - x1[PLOT_Y1] - 3;
	if ((tw = (int)strlen(name)) > room)
		tw = (int)strlen(name = "conf. wrong");
	if (tw <= room)
		ui_put(y, x1[PLOT_Y1] + 2 + (room - tw) / 2, tw, name, 0,
		    ui_attr(UI_WARN));
}

/* The p axis' name on line Y under a canvas W wide at X: right-aligned,
 * or between the two brackets of a binary sheet. */
static void
ui_curve_axis_name(const struct ctl *c, const struct plot_curve *pc, int y,
    int x, int w)
{
	char buf[96];
	int tw;

	if (pc->binary)
		snprintf(buf, sizeof(buf), "p(%s)", sheet_class_name(c->s, 0));
	else
		snprintf(buf, sizeof(buf), "p(target)");
	tw = ui_width(buf);
	ui_put(y, pc->binary ? x + (w - tw) / 2 : x + w - tw, tw, buf, 0,
	    A_NORMAL);
}

/* Marks the confident_wrong stretches on the p axis line itself at Y,
 * when there is no line for the brackets. */
static void
ui_curve_regions_inline(const struct plot_curve *pc, int y, int x, int w)
{
	int b, x0, x1, i;

	for (b = PLOT_Y1; b >= (pc->binary ? PLOT_Y0 : PLOT_Y1); b--) {
		x0 = plot_dot_x(pc->conf_lo[b], 0, 1, 2 * w) / 2;
		x1 = plot_dot_x(pc->conf_hi[b], 0, 1, 2 * w) / 2;
		for (i = x0; i <= x1 && i < w; i++)
			ui_put(y, x + i, 1, ui_utf8() ? "\xe2\x95\x90" : "=", 0,
			    ui_attr(UI_WARN));
	}
}

/* The penalty curve in R; on a short pane the title, then the brackets
 * and tick labels give way to the curve. */
static void
ui_draw_curve(const struct ctl *c, struct ui_rect r)
{
	struct plot_curve pc;
	struct plot_canvas cv;
	int title = r.h >= 10, labels = r.h >= 5, bracket = r.h >= 8;
	int lw, cw, ch, i, ax, top = r.y + title;
	char buf[32];

	plot_curve_make(c->s, c->row, &pc);
	if (title)
		ui_curve_title(c, &pc, r);
	for (lw = 1, i = 0; i < pc.y.n; i++)
		if ((int)strlen(plot_tick_label(buf, sizeof(buf), pc.y.t[i],
		    pc.y.step)) > lw)
			lw = (int)strlen(buf);
	ax = r.x + lw;
	cw = r.w - lw - 2;
	ch = r.h - title - 1 - labels - bracket;
	if (cw < 8 || ch < 2 || plot_canvas_new(&cv, cw, ch) < 0) {
		ui_plot_note(r, "(no room for the curve)");
		return;
	}
	ui_curve_raster(&pc, &cv);
	ui_plot_canvas(&cv, top, ax + 1, A_NORMAL);
	plot_canvas_free(&cv);
	ui_plot_yaxis(&pc.y, top, ch, ax, lw);
	ui_plot_xaxis(&pc.x, top + ch, ax + 1, cw, labels);
	if (bracket) {
		if (!pc.binary)
			ui_curve_axis_name(c, &pc, top + ch + 2, ax + 1, cw);
		ui_curve_regions(&pc, top + ch + 2, ax + 1, cw);
	} else
		ui_curve_regions_inline(&pc, top + ch, ax + 1, cw);
	if (pc.binary) {
		ui_put(top, ax + 3, 3, "y=1", 0, ui_attr(UI_DIM));
		ui_put(top, ax + cw - 4, 3, "y=0", 0, ui_attr(UI_DIM));
	}
	if (pc.mark)
		ui_curve_marker(c, &pc, top, ax + 1, cw, ch);
}

/* ------------------------------------------------------------------ */
/* The distribution of one row                                        */
/* ------------------------------------------------------------------ */

/* A bar of EIGHTHS eighths of a cell at Y, X. */
static void
ui_bar(int y, int x, int eighths, attr_t a)
{
	char buf[8];
	int i;

	for (i = 0; i < eighths / 8; i++)
		ui_put(y, x + i, 1, ui_utf8() ? "\xe2\x96\x88" : "#", 0, a);
	if (eighths % 8 == 0)
		return;
	if (ui_utf8())
		plot_utf8(plot_block_left(eighths % 8), buf);
	else
		snprintf(buf, sizeof(buf), "%s", eighths % 8 >= 4 ? "+" : "");
	ui_put(y, x + i, 1, buf, 0, a);
}

/* Columns of the widest outcome name among B[0..N), within limits. */
static int
ui_bars_name_width(const struct ctl *c, const struct plot_bar *b, int n)
{
	char name[128];
	int w = 4, i, nw;

	for (i = 0; i < n; i++) {
		nw = ui_width(sheet_outcome_name(c->s, b[i].c, name,
		    sizeof(name)));
		w = nw > w ? nw : w;
	}
	return w > 12 ? 12 : w;
}

/* One bar's line at Y: marks, name, bar, p, the logit, symbols. */
static void
ui_bars_line(const struct ctl *c, const struct plot_bar *b, int y,
    struct ui_rect r, int nw, int bw)
{
	int logits = sheet_opts(c->s)->mode == SHEET_LOGITS;
	char name[128], num[32], tail[64];
	attr_t a = b->target ? ui_attr(UI_TARGET) : b->pred ?
	    ui_attr(UI_WARN) : A_NORMAL;
	int x = r.x;

	ui_put(y, x, 2, b->target && b->pred ? "TP" : b->target ? "T " :
	    b->pred ? "P " : "", 0, a);
	ui_put(y, x + 3, nw, sheet_outcome_name(c->s, b->c, name,
	    sizeof(name)), 0, a);
	x += 4 + nw;
	ui_bar(y, x, plot_bar_eighths(b->p, bw), a);
	x += bw + 1;
	ui_put(y, x, 6, ui_num(num, sizeof(num), b->p, 6), 1, a);
	x += 6;
	if (logits) {
		ui_put(y, x + 1, 6, ui_num(num, sizeof(num), b->act, 6), 1,
		    A_NORMAL);
		x += 7;
	}
	snprintf(tail, sizeof(tail), "%s%s", b->target ? G_TARGET : "",
	    b->pred ? G_PRED : "");
	ui_put(y, x + 1, r.x + r.w - x - 1, tail, 0, a);
}

/* Row C->row's distribution in R, a bar per outcome. */
static void
ui_draw_bars(const struct ctl *c, struct ui_rect r)
{
	struct plot_bar bars[UI_MAX_BARS];
	int logits = sheet_opts(c->s)->mode == SHEET_LOGITS;
	int max = r.h - 1 > UI_MAX_BARS ? UI_MAX_BARS : r.h - 1, hidden, n, nw;
	int bw, i;
	char buf[160];

	snprintf(buf, sizeof(buf), "Row %ld: p%s  T%s target  P%s prediction",
	    c->row + 1, logits ? ", logit" : "", G_TARGET, G_PRED);
	ui_put(r.y, r.x, r.w, buf, 0, ui_attr(UI_HEADER));
	n = plot_bars_make(c->s, c->row, bars, max, &hidden);
	if (hidden > 0)
		n = plot_bars_make(c->s, c->row, bars, max - 1, &hidden);
	nw = ui_bars_name_width(c, bars, n);
	bw = r.w - 4 - nw - 1 - 6 - (logits ? 7 : 0) - 3;
	if (n < 1 || bw < 4) {
		ui_plot_note((struct ui_rect){ r.y + 1, r.x, 1, r.w },
		    "(no room for the bars)");
		return;
	}
	for (i = 0; i < n; i++)
		ui_bars_line(c, &bars[i], r.y + 1 + i, r, nw, bw);
	if (hidden > 0) {
		snprintf(buf, sizeof(buf), "... and %d more classes (the most "
		    "probable and the target shown)", hidden);
		ui_put(r.y + 1 + n, r.x, r.w, buf, 0, ui_attr(UI_DIM));
	}
}

/* ------------------------------------------------------------------ */
/* The loss histogram                                                 */
/* ------------------------------------------------------------------ */

/* Columns of the histogram for W columns of room: a divisor of the fine
 * buckets, as many as fit. */
static int
ui_hist_columns(int w)
{
	int m = PLOT_HIST_BUCKETS;

	while (m > 4 && m > w)
		m /= 2;
	return m;
}

/* A column of LEVEL eighths standing on line BOTTOM at column X. */
static void
ui_hist_column(int bottom, int x, int level, attr_t a)
{
	char buf[8];
	int i;

	for (i = 0; i < level / 8; i++)
		ui_put(bottom - i, x, 1, ui_utf8() ? "\xe2\x96\x88" : "#", 0, a);
	if (level % 8 == 0)
		return;
	if (ui_utf8())
		plot_utf8(plot_block_low(level % 8), buf);
	else
		snprintf(buf, sizeof(buf), "%s", level % 8 >= 4 ? "#" : "_");
	ui_put(bottom - i, x, 1, buf, 0, a);
}

/* The display column of LOSS among M (the inf column being M + 1). */
static int
ui_hist_col_of(const struct plot_hist *h, double loss, int m)
{
	int b = plot_hist_bucket(h, loss);

	if (b == PLOT_HIST_INF)
		return m + 1;
	return b >= 0 ? b / (PLOT_HIST_BUCKETS / m) : -1;
}

/* The tick labels of H's loss axis under M columns at line Y. */
static void
ui_hist_ticks(const struct plot_hist *h, int y, int x, int m)
{
	const struct plot_axis *a = &h->axis;
	char buf[32];
	int i, col, lw, next = x;

	for (i = 0; i < a->n; i++) {
		/* M + 1 places, one a column edge, from lo to hi. */
		col = x + plot_dot_x(a->t[i], a->lo, a->hi, m + 1);
		plot_tick_label(buf, sizeof(buf), a->t[i], a->step);
		lw = (int)strlen(buf);
		if (col + lw > x + m + 1)
			col = x + m + 1 - lw;
		if (col >= next) {
			ui_put(y, col, lw, buf, 0, A_NORMAL);
			next = col + lw + 1;
		}
	}
	if (h->inf > 0)
		ui_put(y, x + m + 1, 3, "inf", 0, A_NORMAL);
}

/* The line of marks under the histogram: the row's bucket and the
 * mean's, then what they are. */
static void
ui_hist_marks(const struct ctl *c, const struct plot_hist *h, int y, int x,
    int m, int w, int legend)
{
	double mean = sheet_mean_loss(c->s), loss = sheet_loss(c->s, c->row);
	int rc = ui_hist_col_of(h, loss, m), mc = ui_hist_col_of(h, mean, m);
	char buf[160], a[32], b[32];

	snprintf(buf, sizeof(buf), "%s row %ld: %s  %s mean %s", G_UP,
	    c->row + 1, ui_num(a, sizeof(a), loss, 8), G_MEAN, ui_num(b,
	    sizeof(b), mean, 8));
	if (legend)
		ui_put(y + 1, x, w, buf, 0, ui_attr(UI_DIM));
	if (mc >= 0)
		ui_put(y, x + mc, 1, G_MEAN, 0, ui_attr(UI_WARN));
	if (rc >= 0)
		ui_put(y, x + rc, 1, G_UP, 0, ui_attr(UI_BAD) | A_BOLD);
}

/* The histogram's title line. */
static void
ui_hist_title(const struct ctl *c, int log_scale, struct ui_rect r)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "Loss of each row: %ld rows, counts %s",
	    sheet_rows(c->s), log_scale ? "on a log scale" : "linear");
	ui_put(r.y, r.x, r.w, buf, 0, ui_attr(UI_HEADER));
}

/* The loss histogram of every row in R, kept by the controller. */
static void
ui_draw_hist(const struct ctl *c, struct ui_rect r)
{
	const struct plot_hist *h = &c->plot.hist;
	long cols[PLOT_HIST_BUCKETS + 2], max;
	char buf[32];
	int title = r.h >= 8, legend = r.h >= 7, top = r.y + title;
	int lw, m, ch, j, log_scale, x, bottom;

	lw = snprintf(buf, sizeof(buf), "%ld", h->rows > 0 ? h->rows : 1L);
	m = ui_hist_columns(r.w - lw - 1 - (h->inf > 0 ? 4 : 0));
	max = plot_hist_merge(h, m, cols);
	if (h->inf > max)
		max = h->inf;
	cols[m] = 0;
	cols[m + 1] = h->inf;
	log_scale = plot_hist_log(cols, m + 2);
	if (title)
		ui_hist_title(c, log_scale, r);
	ch = r.h - title - 3 - legend;
	if (!c->plot.hist_ok || ch < 1 || r.w < lw + 1 + m) {
		ui_plot_note(r, "(no room for the histogram)");
		return;
	}
	x = r.x + lw + 1;
	bottom = top + ch - 1;
	snprintf(buf, sizeof(buf), "%ld", max);
	ui_put(top, r.x, lw, buf, 1, A_NORMAL);
	if (ch > 1)
		ui_put(bottom, r.x, lw, "0", 1, A_NORMAL);
	for (j = 0; j < ch; j++)
		ui_put(top + j, x - 1, 1, G_VBAR, 0, ui_attr(UI_DIM));
	for (j = 0; j < m + 2; j++)
		ui_hist_column(bottom, x + j, plot_hist_level(cols[j], max,
		    log_scale, ch * 8), j == m + 1 ? ui_attr(UI_BAD) :
		    ui_attr(UI_TARGET));
	ui_put(bottom + 1, x - 1, 1, G_CORNER, 0, ui_attr(UI_DIM));
	for (j = 0; j < m + (h->inf > 0 ? 2 : 0); j++)
		ui_put(bottom + 1, x + j, 1, G_HBAR, 0, ui_attr(UI_DIM));
	ui_hist_ticks(h, bottom + 2, x, m);
	ui_hist_marks(c, h, bottom + 3, x, m, r.x + r.w - x, legend);
}

/* ------------------------------------------------------------------ */
/* The reliability diagram                                            */
/* ------------------------------------------------------------------ */

/* Bin B's column from X0 to X1 (exclusive), standing on line BOTTOM, CH
 * lines high: the accuracy as a bar, the gap to the bin's confidence
 * shaded, the diagonal above both. */
static void
ui_rel_bin(const struct stats_bin *b, int bottom, int x0, int x1, int ch,
    const struct plot_canvas *diag, int top, int dx)
{
	int acc = plot_bar_eighths(b->acc, ch), conf = plot_bar_eighths(b->conf,
	    ch), x, row, hi;
	const char *shade = ui_utf8() ? "\xe2\x96\x91" : ":";

	hi = acc > conf ? acc : conf;
	for (x = x0; x < x1; x++) {
		/* A bin's last column stays open (the diagonal shows through
		 * it), so that neighbours of one height still read as two. */
		if (x == x1 - 1 && x1 - x0 > 1) {
			for (row = 0; row < ch; row++)
				ui_plot_cell(diag, x - dx, bottom - row - top,
				    bottom - row, x, ui_attr(UI_DIM));
			continue;
		}
		ui_hist_column(bottom, x, acc, ui_attr(UI_TARGET));
		/* The gap between the bar and the confidence: shaded above
		 * the bar (overconfident), darker inside it (underconfident). */
		for (row = (acc + 7) / 8; row < (conf + 4) / 8; row++)
			ui_put(bottom - row, x, 1, shade, 0, ui_attr(UI_WARN));
		for (row = (conf + 4) / 8; row < acc / 8; row++)
			ui_put(bottom - row, x, 1, ui_utf8() ? "\xe2\x96\x93" :
			    "%", 0, ui_attr(UI_WARN));
		for (row = (hi + 7) / 8; row < ch; row++)
			ui_plot_cell(diag, x - dx, bottom - row - top, bottom - row,
			    x, ui_attr(UI_DIM));
	}
}

/* The diagram's title line, with its figures. */
static void
ui_rel_title(const struct stats_calib *k, struct ui_rect r)
{
	char buf[200], e[32], m[32];

	snprintf(buf, sizeof(buf), "Reliability (ECE %s, MCE %s, %ld rows)",
	    ui_num(e, sizeof(e), k->ece, 6), ui_num(m, sizeof(m), k->mce, 6),
	    k->rows);
	ui_put(r.y, r.x, r.w, buf, 0, ui_attr(UI_HEADER));
}

/* The diagram's legend. */
static void
ui_rel_legend(int y, int x, int w)
{
	char buf[200];

	snprintf(buf, sizeof(buf), "%s accuracy per confidence bin  %s%s gap "
	    "to its confidence", ui_utf8() ? "\xe2\x96\x88" : "#",
	    ui_utf8() ? "\xe2\x96\x91" : ":", ui_utf8() ? "\xe2\x96\x93" :
	    "%");
	ui_put(y, x, w, buf, 0, ui_attr(UI_DIM));
}

/* The reliability diagram in R: per confidence bin, the accuracy against
 * the diagonal of perfect calibration. */
static void
ui_draw_reliability(const struct ctl *c, struct ui_rect r)
{
	const struct stats_calib *k = &c->plot.calib;
	int title = r.h >= 8, top = r.y + title, lw = 3, cw, ch, m, x0, x1;
	struct plot_axis ax;
	struct plot_canvas cv;

	if (title)
		ui_rel_title(k, r);
	cw = r.w - lw - 2;
	ch = r.h - title - 3;
	if (!c->plot.calib_ok || k->rows == 0) {
		ui_plot_note((struct ui_rect){ top, r.x, 1, r.w },
		    !c->plot.calib_ok ? "(out of memory: no diagram)" :
		    "(no row with a hard target: no calibration to draw)");
		return;
	}
	if (cw < 2 * k->nbins || ch < 2 || plot_canvas_new(&cv, cw, ch) < 0) {
		ui_plot_note((struct ui_rect){ top, r.x, 1, r.w },
		    "(no room for the diagram)");
		return;
	}
	plot_canvas_line(&cv, 0, 4 * ch - 1, 2 * cw - 1, 0);
	plot_ticks(0, 1, 2, &ax);
	ui_plot_yaxis(&ax, top, ch, r.x + lw, lw);
	for (m = 0; m < k->nbins; m++) {
		x0 = r.x + lw + 1 + m * cw / k->nbins;
		x1 = r.x + lw + 1 + (m + 1) * cw / k->nbins;
		if (k->bins[m].count > 0)
			ui_rel_bin(&k->bins[m], top + ch - 1, x0, x1, ch, &cv, top,
			    r.x + lw + 1);
		else
			ui_plot_canvas_cols(&cv, top, r.x + lw + 1, x0, x1,
			    ui_attr(UI_DIM));
	}
	plot_canvas_free(&cv);
	plot_ticks(0, 1, 5, &ax);
	ui_plot_xaxis(&ax, top + ch, r.x + lw + 1, cw, 1);
	ui_rel_legend(top + ch + 2, r.x, r.w);
}

/* ------------------------------------------------------------------ */
/* The pane                                                           */
/* ------------------------------------------------------------------ */

void
ui_draw_plot(const struct ctl *c, struct ui_rect r, int border)
{
	int i;

	if (r.h < 1 || r.w < 4)
		return;
	/* A pane beside the grid gets a border; one below, a title line. */
	if (border) {
		for (i = 0; i < r.h; i++)
			ui_put(r.y + i, r.x, 1, G_VBAR, 0, ui_attr(UI_DIM));
		r.x += 2;
		r.w -= 3;
	}
	ui_clip(r);
	/* A guess still to make: the picture would give the answer away. */
	if (c->tutor != NULL && tutor_predict_pending(c->tutor))
		ui_plot_note(r, "(the plot waits for your guess: press p)");
	else switch (c->plot.kind) {
	case PLOT_CURVE: ui_draw_curve(c, r); break;
	case PLOT_BARS: ui_draw_bars(c, r); break;
	case PLOT_HIST: ui_draw_hist(c, r); break;
	case PLOT_RELIABILITY: ui_draw_reliability(c, r); break;
	default: break;
	}
	ui_unclip();
}
