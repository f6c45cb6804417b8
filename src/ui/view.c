/*
 * view.c - the screens over the whole set (`:view top`, `confusion`,
 * `classes`, `calibration`, `issues`): a heading with the figures, a
 * table of entries with the selected one highlighted, scrolled to keep it
 * in view.  Reads the controller's screen (ctl.h); works nothing out.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/explain.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

static long view_top;		/* first entry shown, kept between frames */
static int view_left;		/* first matrix column shown */

/* One column of a screen's table. */
struct view_col {
	const char	*title;
	int		 w;		/* columns wide */
	int		 right;		/* right-aligned */
};

/* A share as a percentage ("72.5%"), or "-" for NaN. */
static char *
view_pct(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f%%", 100 * v);
	return buf;
}

/* A figure for W columns, or "-" for NaN. */
static char *
view_num(char *buf, size_t len, double v, int w)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else
		ui_num(buf, len, v, w);
	return buf;
}

/* Keeps entry SEL within the H entries shown. */
static void
view_scroll(long sel, long n, int h)
{
	view_top = ui_scroll(view_top, sel, n, h);
}

/* Draws the titles of COLS[0..N) at Y from X. */
static void
view_titles(const struct view_col *cols, int n, int y, int x)
{
	int i;

	for (i = 0; i < n; i++) {
		ui_put(y, x, cols[i].w, cols[i].title, cols[i].right,
		    ui_attr(UI_HEADER));
		x += cols[i].w + 1;
	}
}

/* Draws one entry: CELLS[i] in COLS[i], each with attribute ATTR[i]
 * (NULL: plain), the whole line highlighted when SEL. */
static void
view_line(const struct view_col *cols, int n, char cells[][64],
    const attr_t *attr, int sel, int y, struct ui_rect r)
{
	attr_t on = sel ? ui_attr(UI_CURSOR) : 0;
	int i, x = r.x;

	ui_put(y, r.x, r.w, "", 0, on);
	for (i = 0; i < n; i++) {
		ui_put(y, x, cols[i].w, cells[i], cols[i].right,
		    (attr ? attr[i] : 0) | on);
		x += cols[i].w + 1;
	}
}

/* The id column's width W widened to row R's id, within limits. */
static int
view_id_width(const struct sheet *s, long r, int w)
{
	char num[32];
	int iw = ui_width(ui_row_label(s, r, num, sizeof(num)));

	iw = iw > 16 ? 16 : iw;
	return iw > w ? iw : w;
}

/* Row R's id, or its number when it has none, into BUF. */
static void
view_id(const struct sheet *s, long r, char *buf, size_t len)
{
	char num[32];

	snprintf(buf, len, "%s", ui_row_label(s, r, num, sizeof(num)));
}

/* A grid cell of row R (group G) as text, with its emphasis. */
static void
view_cell(const struct ctl *c, long r, enum group g, char *buf, size_t len,
    int w, attr_t *a)
{
	enum ui_style st;

	ui_cell(c, r, g, -1, buf, len, w, &st);
	*a = ui_attr(st);
}

/* ------------------------------------------------------------------ */
/* top and issues: a row an entry                                     */
/* ------------------------------------------------------------------ */

/* top: rank, id, label, p(label), pred, p(pred), loss, flags. */
static int
view_top_losses(const struct ctl *c, struct ui_rect r)
{
	const struct ctl_screen *sc = &c->screen;
	struct view_col cols[] = {
		{ "rank", 6, 1 }, { "id", 3, 0 }, { "label", 10, 0 },
		{ "p(label)", 9, 1 }, { "pred", 10, 0 }, { "p(pred)", 9, 1 },
		{ "loss", 9, 1 }, { "flags", 24, 0 },
	};
	static const enum group g[] = {
		G_LABEL, G_PLABEL, G_PRED, G_PPRED, G_LOSS, G_FLAGS,
	};
	char cells[8][64], head[256], n[32];
	attr_t attr[8] = { 0 };
	int body = r.h - 2, i, j;
	long e, row;

	ctl_count_text(n, sizeof(n), sc->n);
	snprintf(head, sizeof(head), "Top losses: the %s rows with a target, "
	    "largest loss first", n);
	ui_put(r.y, r.x, r.w, head, 0, ui_attr(UI_HEADER));
	view_scroll(sc->sel, sc->n, body);
	cols[1].w = 3;
	for (i = 0; i < body && view_top + i < sc->n; i++)
		cols[1].w = view_id_width(c->s, sc->rows[view_top + i],
		    cols[1].w);
	view_titles(cols, 8, r.y + 1, r.x);
	for (i = 0; i < body && view_top + i < sc->n; i++) {
		e = view_top + i;
		row = sc->rows[e];
		snprintf(cells[0], 64, "%ld", e + 1);
		view_id(c->s, row, cells[1], 64);
		for (j = 0; j < 6; j++)
			view_cell(c, row, g[j], cells[j + 2], 64, cols[j + 2].w,
			    &attr[j + 2]);
		view_line(cols, 8, cells, attr, e == sc->sel, r.y + 2 + i, r);
	}
	return body;
}

/* issues: rank, id, label, the class suggested, p(label), loss. */
static int
view_issues(const struct ctl *c, struct ui_rect r)
{
	const struct ctl_screen *sc = &c->screen;
	struct view_col cols[] = {
		{ "rank", 6, 1 }, { "id", 3, 0 }, { "label", 12, 0 },
		{ "suggested", 12, 0 }, { "p(label)", 9, 1 }, { "pred", 12, 0 },
		{ "loss", 9, 1 },
	};
	char cells[7][64], head[256], n[32], m[32];
	attr_t attr[7] = { 0 };
	int body = r.h - 2, i;
	long e, row;

	ctl_count_text(n, sizeof(n), sc->n);
	ctl_count_text(m, sizeof(m), sc->counted);
	snprintf(head, sizeof(head), "Likely label errors (confident "
	    "learning): %s of %s rows, least self-confident first", n, m);
	ui_put(r.y, r.x, r.w, head, 0, ui_attr(UI_HEADER));
	if (sc->n == 0) {
		ui_put(r.y + 2, r.x, r.w, "None: every row's label is one the "
		    "model finds plausible.", 0, A_NORMAL);
		return body;
	}
	view_scroll(sc->sel, sc->n, body);
	cols[1].w = 3;
	for (i = 0; i < body && view_top + i < sc->n; i++)
		cols[1].w = view_id_width(c->s, sc->issues[view_top + i].row,
		    cols[1].w);
	view_titles(cols, 7, r.y + 1, r.x);
	for (i = 0; i < body && view_top + i < sc->n; i++) {
		e = view_top + i;
		row = sc->issues[e].row;
		snprintf(cells[0], 64, "%ld", e + 1);
		view_id(c->s, row, cells[1], 64);
		view_cell(c, row, G_LABEL, cells[2], 64, 12, &attr[2]);
		sheet_outcome_name(c->s, sc->issues[e].suggested, cells[3], 64);
		view_num(cells[4], 64, sc->issues[e].self_conf, 9);
		view_cell(c, row, G_PRED, cells[5], 64, 12, &attr[5]);
		view_cell(c, row, G_LOSS, cells[6], 64, 9, &attr[6]);
		view_line(cols, 7, cells, attr, e == sc->sel, r.y + 2 + i, r);
	}
	return body;
}

/* ------------------------------------------------------------------ */
/* confusion                                                          */
/* ------------------------------------------------------------------ */

/* NAME for a column W wide: whole when it fits, else its end after a
 * marker, since class names often differ only there (cat_9, cat_10). */
static const char *
view_tail(const char *name, int w, char *buf, size_t len)
{
	const char *p = name;

	if (ui_width(name) <= w || w < 2)
		return name;
	/* The first character boundary whose rest fits beside the marker. */
	while (*p != '\0' && (((unsigned char)*p & 0xc0) == 0x80 ||
	    ui_width(p) > w - 1))
		p++;
	snprintf(buf, len, "%s%s", ui_utf8() ? "\xe2\x80\xa6" : "~", p);
	return buf;
}

/* The width of a matrix cell: the largest count, at least 6. */
static int
view_cell_width(const struct ctl_screen *sc)
{
	char num[32];
	long i, max = 0;
	int w;

	for (i = 0; i < (long)sc->k * sc->k; i++)
		max = sc->counts[i] > max ? sc->counts[i] : max;
	w = (int)strlen(ctl_count_text(num, sizeof(num), max)) + 1;
	return w < 6 ? 6 : w;
}

/* The emphasis of matrix cell (I, J) holding N. */
static attr_t
view_matrix_attr(const struct ctl_screen *sc, int i, int j, long n)
{
	if (i == sc->sel && j == sc->col)
		return ui_attr(UI_CURSOR);
	if (i == j)
		return ui_attr(UI_TARGET);
	return n == 0 ? ui_attr(UI_DIM) : ui_attr(UI_WARN);
}

/* confusion as K x K: a row per label, a column per prediction. */
static int
view_matrix(const struct ctl *c, struct ui_rect r)
{
	const struct ctl_screen *sc = &c->screen;
	char name[256], num[32], cut[260];
	int cw = view_cell_width(sc), lw = 5, i, j, nc, x, w, body = r.h - 3;
	long n;

	for (i = 0; i < sc->k; i++) {
		w = ui_width(sheet_outcome_name(c->s, i, name, sizeof(name)));
		lw = w > lw ? w : lw;
	}
	lw = lw > 14 ? 14 : lw;
	nc = (r.w - lw - 1) / (cw + 1);
	nc = nc < 1 ? 1 : nc > sc->k ? sc->k : nc;
	view_left = (int)ui_scroll(view_left, sc->col, sc->k, nc);
	view_scroll(sc->sel, sc->n, body);
	ui_put(r.y, r.x, r.w, "Confusion: a row per label, a column per "
	    "prediction, the diagonal right", 0, ui_attr(UI_HEADER));
	ui_put(r.y + 1, r.x + lw + 1, r.w - lw - 1, "predicted", 0,
	    ui_attr(UI_DIM));
	ui_put(r.y + 2, r.x, lw, "label", 0, ui_attr(UI_HEADER));
	for (j = view_left, x = r.x + lw + 1; j < view_left + nc; j++) {
		sheet_outcome_name(c->s, j, name, sizeof(name));
		ui_put(r.y + 2, x, cw, view_tail(name, cw, cut, sizeof(cut)), 1,
		    ui_attr(UI_HEADER) | (j == sc->col ? A_UNDERLINE : 0));
		x += cw + 1;
	}
	for (i = 0; i < body && view_top + i < sc->n; i++) {
		int li = (int)(view_top + i);

		ui_put(r.y + 3 + i, r.x, lw, sheet_outcome_name(c->s, li, name,
		    sizeof(name)), 0, ui_attr(UI_HEADER) | (li == sc->sel ?
		    A_UNDERLINE : 0));
		for (j = view_left, x = r.x + lw + 1; j < view_left + nc; j++) {
			n = sc->counts[li * sc->k + j];
			ui_put(r.y + 3 + i, x, cw, ctl_count_text(num,
			    sizeof(num), n), 1, view_matrix_attr(sc, li, j, n));
			x += cw + 1;
		}
	}
	return body;
}

/* confusion for many classes: the most confused pairs, largest first. */
static int
view_pairs(const struct ctl *c, struct ui_rect r)
{
	const struct ctl_screen *sc = &c->screen;
	struct view_col cols[] = {
		{ "rank", 6, 1 }, { "label", 16, 0 }, { "predicted", 16, 0 },
		{ "count", 10, 1 },
	};
	char cells[4][64], head[256];
	int body = r.h - 2, i;
	long e;

	snprintf(head, sizeof(head), "Most confused: %d classes, so the "
	    "(label, predicted) pairs, largest count first", sc->k);
	ui_put(r.y, r.x, r.w, head, 0, ui_attr(UI_HEADER));
	view_scroll(sc->sel, sc->n, body);
	view_titles(cols, 4, r.y + 1, r.x);
	for (i = 0; i < body && view_top + i < sc->n; i++) {
		e = view_top + i;
		snprintf(cells[0], 64, "%ld", e + 1);
		sheet_outcome_name(c->s, sc->pairs[e].label, cells[1], 64);
		sheet_outcome_name(c->s, sc->pairs[e].pred, cells[2], 64);
		ctl_count_text(cells[3], 64, sc->pairs[e].count);
		view_line(cols, 4, cells, NULL, e == sc->sel, r.y + 2 + i, r);
	}
	return body;
}

/* ------------------------------------------------------------------ */
/* classes and calibration                                            */
/* ------------------------------------------------------------------ */

/* classes: support, accuracy (recall), precision, mean loss, loss share,
 * mean confidence. */
static int
view_classes(const struct ctl *c, struct ui_rect r)
{
	const struct ctl_screen *sc = &c->screen;
	struct view_col cols[] = {
		{ "class", 14, 0 }, { "support", 9, 1 }, { "accuracy", 9, 1 },
		{ "precision", 10, 1 }, { "mean loss", 10, 1 },
		{ "loss share", 11, 1 }, { "mean conf", 10, 1 },
	};
	const struct stats_class *k;
	char cells[7][64], head[256], n[32];
	int body = r.h - 2, i;
	long e;

	ctl_count_text(n, sizeof(n), sc->counted);
	snprintf(head, sizeof(head), "Classes: %s rows with a hard target; "
	    "accuracy is the class's recall", n);
	ui_put(r.y, r.x, r.w, head, 0, ui_attr(UI_HEADER));
	view_scroll(sc->sel, sc->n, body);
	view_titles(cols, 7, r.y + 1, r.x);
	for (i = 0; i < body && view_top + i < sc->n; i++) {
		e = view_top + i;
		k = &sc->classes[e];
		sheet_outcome_name(c->s, (int)e, cells[0], 64);
		ctl_count_text(cells[1], 64, k->support);
		view_pct(cells[2], 64, k->recall);
		view_pct(cells[3], 64, k->precision);
		view_num(cells[4], 64, k->mean_loss, 10);
		view_pct(cells[5], 64, k->loss_share);
		view_num(cells[6], 64, k->mean_conf, 10);
		view_line(cols, 7, cells, NULL, e == sc->sel, r.y + 2 + i, r);
	}
	return body;
}

/* calibration: the figures, then the reliability table. */
static int
view_calibration(const struct ctl *c, struct ui_rect r)
{
	const struct ctl_screen *sc = &c->screen;
	const struct stats_calib *cal = &sc->calib;
	struct view_col cols[] = {
		{ "confidence", 18, 0 }, { "count", 9, 1 }, { "mean conf", 10, 1 },
		{ "accuracy", 9, 1 }, { "gap", 9, 1 },
	};
	const struct stats_bin *b;
	char cells[5][64], head[512], f[5][32], n[32];
	int body = r.h - 3, i;
	long e;

	ctl_count_text(n, sizeof(n), cal->rows);
	snprintf(head, sizeof(head), "Calibration over %s rows: ECE %s  MCE "
	    "%s  NLL %s  Brier %s  accuracy %s", n,
	    view_num(f[0], 32, cal->ece, 7), view_num(f[1], 32, cal->mce, 7),
	    view_num(f[2], 32, cal->nll, 7), view_num(f[3], 32, cal->brier, 7),
	    view_pct(f[4], 32, cal->accuracy));
	ui_put(r.y, r.x, r.w, head, 0, ui_attr(UI_HEADER));
	ui_put(r.y + 1, r.x, r.w, "Confidence is the top probability; gap = "
	    "accuracy - confidence (below 0: over-confident)", 0,
	    ui_attr(UI_DIM));
	view_scroll(sc->sel, sc->n, body);
	view_titles(cols, 5, r.y + 2, r.x);
	for (i = 0; i < body && view_top + i < sc->n; i++) {
		e = view_top + i;
		b = &cal->bins[e];
		snprintf(cells[0], 64, "%s%.4g, %.4g]", e == 0 ? "[" : "(",
		    b->lo, b->hi);
		ctl_count_text(cells[1], 64, b->count);
		view_num(cells[2], 64, b->conf, 10);
		view_num(cells[3], 64, b->acc, 9);
		view_num(cells[4], 64, b->acc - b->conf, 9);
		view_line(cols, 5, cells, NULL, e == sc->sel, r.y + 3 + i, r);
	}
	return body;
}

int
ui_draw_screen(const struct ctl *c, struct ui_rect r)
{
	if (r.h < 4)
		return 1;
	switch (c->screen.kind) {
	case SCREEN_TOP: return view_top_losses(c, r);
	case SCREEN_CONFUSION: return c->screen.matrix ? view_matrix(c, r) :
	    view_pairs(c, r);
	case SCREEN_CLASSES: return view_classes(c, r);
	case SCREEN_CALIBRATION: return view_calibration(c, r);
	case SCREEN_ISSUES: return view_issues(c, r);
	case SCREEN_NONE: break;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* The line under the screen                                          */
/* ------------------------------------------------------------------ */

/* What the selected confusion cell or pair holds. */
static void
view_cell_note(const struct ctl *c, char *buf, size_t len)
{
	const struct ctl_screen *sc = &c->screen;
	char a[128], b[128], n[32];
	int label = sc->matrix ? (int)sc->sel : sc->pairs[sc->sel].label;
	int pred = sc->matrix ? sc->col : sc->pairs[sc->sel].pred;
	long count = sc->matrix ? sc->counts[label * sc->k + pred] :
	    sc->pairs[sc->sel].count;

	sheet_outcome_name(c->s, label, a, sizeof(a));
	sheet_outcome_name(c->s, pred, b, sizeof(b));
	ctl_count_text(n, sizeof(n), count);
	snprintf(buf, len, "Labelled %s, predicted %s: %s row%s%s.", a, b, n,
	    count == 1 ? "" : "s", count > 0 ? " (Enter shows them)" : "");
}

const char *
ui_screen_note(const struct ctl *c, char *buf, size_t len)
{
	const struct ctl_screen *sc = &c->screen;
	const struct stats_bin *b;
	char n[32], f[3][32];

	buf[0] = '\0';
	if (sc->n <= 0)
		return buf;
	switch (sc->kind) {
	case SCREEN_TOP:
		return explain_row(c->s, sc->rows[sc->sel], buf, len);
	case SCREEN_ISSUES:
		return explain_row(c->s, sc->issues[sc->sel].row, buf, len);
	case SCREEN_CONFUSION:
		view_cell_note(c, buf, len);
		break;
	case SCREEN_CLASSES:
		sheet_outcome_name(c->s, (int)sc->sel, f[0], sizeof(f[0]));
		snprintf(buf, len, "%s: %s row%s labelled so (Enter shows them).",
		    f[0], ctl_count_text(n, sizeof(n),
		    sc->classes[sc->sel].support),
		    sc->classes[sc->sel].support == 1 ? "" : "s");
		break;
	case SCREEN_CALIBRATION:
		b = &sc->calib.bins[sc->sel];
		snprintf(buf, len, "%s row%s with confidence in this bin: mean "
		    "confidence %s, accuracy %s, gap %s (Enter shows them).",
		    ctl_count_text(n, sizeof(n), b->count), b->count == 1 ? "" :
		    "s",
		    view_num(f[0], 32, b->conf, 6), view_num(f[1], 32, b->acc, 6),
		    view_num(f[2], 32, b->acc - b->conf, 6));
		break;
	case SCREEN_NONE:
		break;
	}
	return buf;
}
