/*
 * example.c - the example view: one example with the classes down the
 * rows, laid out like the lecture's spreadsheet (output | exp | softmax |
 * target | -log p), the sum under exp, and the loss and IF form below.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

#define EX_COLW 14

static int ex_top;		/* first class shown, kept between frames */

/* The line above the table: which row, its label and target. */
static void
ex_title(const struct ctl *c, int y, int x, int w)
{
	char buf[512], t[256];
	const char *id = sheet_id(c->s, c->row);

	sheet_outcome_name(c->s, sheet_target(c->s, c->row), t, sizeof(t));
	snprintf(buf, sizeof(buf), "Example %ld of %ld%s%s  target: %s%s",
	    c->row + 1, sheet_rows(c->s), *id ? ": " : "", id,
	    *t ? t : "none", sheet_rows(c->s) > 1 && !c->present ?
	    "   (PgUp/PgDn: other rows, v: batch view)" : "");
	ui_put(y, x, w, buf, 0, ui_attr(UI_HEADER));
}

/* The column headings. */
static void
ex_header(const struct ctl *c, const struct column *cols, int n, int y,
    int x, int cw)
{
	int i;

	ui_put(y, x, cw + 1, "class", 0, ui_attr(UI_HEADER));
	for (i = 0; i < n; i++)
		ui_put(y, x + cw + 1 + i * (EX_COLW + 1), EX_COLW,
		    ui_group_title(c->s, cols[i].g), 1, ui_attr(UI_HEADER));
}

/* One class's line: its name and a cell per column. */
static void
ex_class(const struct ctl *c, const struct column *cols, int n, int k, int y,
    int x, int cw)
{
	char buf[256];
	enum ui_style st;
	attr_t a;
	int i, cx;

	a = k == sheet_target(c->s, c->row) ? ui_attr(UI_TARGET) : A_NORMAL;
	ui_put(y, x, cw, sheet_class_name(c->s, k), 0, a | (k == c->k ?
	    ui_attr(UI_HEADER) : 0));
	for (i = 0; i < n; i++) {
		cx = x + cw + 1 + i * (EX_COLW + 1);
		ui_cell(c, c->row, cols[i].g, k, buf, sizeof(buf), EX_COLW, &st);
		a = ui_attr(st);
		if (k == c->k && cols[i].g == c->g)
			a |= ui_attr(UI_CURSOR);
		ui_put(y, cx, EX_COLW, buf, 1, a);
		ui_add_hit(y, cx, EX_COLW, c->row, cols[i].g, k);
	}
}

/* The value of group G in the complement line of a binary sheet. */
static double
ex_other(const struct sheet *s, long r, enum group g)
{
	struct sheet_other o;

	sheet_other(s, r, &o);
	switch (g) {
	case G_ACT: return o.act;
	case G_EXP: return o.exp;
	case G_P: return o.p;
	case G_NAIVE: return o.naive;
	case G_TARGET: return o.y;
	case G_NLL: return o.neglog;
	default: return NAN;
	}
}

/* A binary sheet's second line: not_<class>, computed, not editable. */
static void
ex_complement(const struct ctl *c, const struct column *cols, int n, int y,
    int x, int cw)
{
	char name[256], buf[64];
	int i;

	sheet_outcome_name(c->s, 1, name, sizeof(name));
	ui_put(y, x, cw, name, 0, ui_attr(UI_DIM));
	for (i = 0; i < n; i++) {
		ui_num(buf, sizeof(buf), ex_other(c->s, c->row, cols[i].g),
		    EX_COLW);
		ui_put(y, x + cw + 1 + i * (EX_COLW + 1), EX_COLW, buf, 1,
		    ui_attr(UI_DIM));
	}
}

/* The sum line under the table: the exp sum and the probability sum. */
static void
ex_sums(const struct ctl *c, const struct column *cols, int n, int y, int x,
    int cw)
{
	char buf[64];
	enum ui_style st;
	int i;

	ui_put(y, x, cw, "sum", 0, ui_attr(UI_HEADER));
	for (i = 0; i < n; i++) {
		if (cols[i].g == G_EXP || (cols[i].g == G_ACT &&
		    sheet_opts(c->s)->mode == SHEET_PROBS)) {
			ui_cell(c, c->row, G_SUM, -1, buf, sizeof(buf), EX_COLW,
			    &st);
		} else if (cols[i].g == G_P) {
			ui_num(buf, sizeof(buf), sheet_p_total(c->s, c->row),
			    EX_COLW);
			st = UI_NORMAL;
		} else
			continue;
		ui_put(y, x + cw + 1 + i * (EX_COLW + 1), EX_COLW, buf, 1,
		    ui_attr(st));
	}
}

/* The loss line: the loss with what it is made of, the IF form, pred. */
static void
ex_loss(const struct ctl *c, int y, int x, int w)
{
	char buf[512], l[64], f[64], p[256];
	enum ui_style st, sf;

	ui_cell(c, c->row, G_LOSS, -1, l, sizeof(l), 12, &st);
	ui_cell(c, c->row, G_IFF, -1, f, sizeof(f), 12, &sf);
	sheet_outcome_name(c->s, sheet_pred(c->s, c->row), p, sizeof(p));
	snprintf(buf, sizeof(buf), "loss (cross-entropy form) %s%s%s   pred %s",
	    l, c->hidden & (1u << G_IFF) ? "" : "   if-form ",
	    c->hidden & (1u << G_IFF) ? "" : f, p);
	ui_put(y, x, w, buf, 0, ui_attr(st == UI_NORMAL ? UI_HEADER : st));
}

/* The flags line: the row's flags spelled out. */
static void
ex_flags(const struct ctl *c, int y, int x, int w)
{
	char buf[512], tags[256];
	enum ui_style st;

	ui_cell(c, c->row, G_FLAGS, -1, tags, sizeof(tags), 200, &st);
	snprintf(buf, sizeof(buf), "flags: %s", *tags ? tags : "none");
	ui_put(y, x, w, buf, 0, ui_attr(*tags ? st : UI_DIM));
}

/* Lines under the classes: the complement, sum, loss and flags lines. */
static int
ex_extra(const struct ctl *c)
{
	return sheet_is_binary(c->s) + !(c->hidden & (1u << G_SUM)) +
	    !(c->hidden & (1u << G_LOSS)) + !(c->hidden & (1u << G_FLAGS));
}

int
ui_example_height(const struct ctl *c)
{
	return 2 + sheet_classes(c->s) + ex_extra(c);
}

/* The width of the class name column. */
static int
ex_name_width(const struct ctl *c)
{
	int k, cw = 5;

	for (k = 0; k < sheet_classes(c->s); k++)
		if (ui_width(sheet_class_name(c->s, k)) > cw)
			cw = ui_width(sheet_class_name(c->s, k));
	if (sheet_is_binary(c->s))
		cw += 4;	/* room for "not_" */
	return cw > 16 ? 16 : cw;
}

int
ui_draw_example(const struct ctl *c, struct ui_rect r)
{
	struct column cols[G_NGROUPS];
	int n = layout_example(c->s, c->hidden, cols, G_NGROUPS);
	int kk = sheet_classes(c->s), body = r.h - 2 - ex_extra(c);
	int cw = ex_name_width(c), k, i, y;

	if (body < 1)
		body = 1;
	if (c->k < ex_top)
		ex_top = c->k;
	if (c->k >= ex_top + body)
		ex_top = c->k - body + 1;
	/* After the window grows, use the room again. */
	if (ex_top > kk - body)
		ex_top = kk - body > 0 ? kk - body : 0;
	ex_title(c, r.y, r.x, r.w);
	ex_header(c, cols, n, r.y + 1, r.x, cw);
	for (i = 0, k = ex_top; k < kk && i < body; k++, i++)
		ex_class(c, cols, n, k, r.y + 2 + i, r.x, cw);
	y = r.y + 2 + i;
	if (sheet_is_binary(c->s))
		ex_complement(c, cols, n, y++, r.x, cw);
	/* Hidden with their groups, so a lecture can build the sheet up. */
	if (!(c->hidden & (1u << G_SUM)))
		ex_sums(c, cols, n, y++, r.x, cw);
	if (!(c->hidden & (1u << G_LOSS)))
		ex_loss(c, y++, r.x, r.w);
	if (!(c->hidden & (1u << G_FLAGS)))
		ex_flags(c, y, r.x, r.w);
	return body;
}
