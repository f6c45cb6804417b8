/*
 * grid.c - the batch view: a row per example, the columns of every group,
 * scrolling both ways with the row label (and the loss) kept in view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "ui/ui_int.h"

/* Scroll position, kept between frames. */
static long grid_top;		/* first view position shown */
static int grid_left;		/* first scrolling column shown */
static int grid_name_w = 8;	/* the label and pred columns' width */

/* Width of a column of group G. */
static int
grid_col_width(const struct sheet *s, enum group g)
{
	(void)s;
	switch (g) {
	case G_TARGET: return 6;
	case G_FLAGS: return 18;
	case G_PRED: case G_LABEL: return grid_name_w;
	default: return 9;
	}
}

/* The label and pred columns' width for S: its longest outcome name (a
 * binary sheet's not_CLASS too), from 8 to 16, measured once a frame. */
static int
grid_names_width(const struct sheet *s)
{
	char buf[256];
	int k, w = 8, n = sheet_is_binary(s) ? 2 : sheet_classes(s), cw;

	for (k = 0; k < n && w < 16; k++)
		if ((cw = ui_width(sheet_outcome_name(s, k, buf,
		    sizeof(buf)))) > w)
			w = cw;
	return w > 16 ? 16 : w;
}

/* Width of the row label column: the widest label on screen, within limits. */
static int
grid_label_width(const struct ctl *c, long top, long n)
{
	char num[32];
	int w = 3, lw;
	long i;

	for (i = top; i < top + n && i < ctl_view_count(c); i++) {
		lw = ui_width(ui_row_label(c->s, ctl_view_row(c, i), num,
		    sizeof(num)));
		if (lw > w)
			w = lw;
	}
	return w > 16 ? 16 : w;
}

/* Width of text column J: its name or its widest cell among the N rows
 * the view shows from TOP, within limits. */
static int
grid_text_width(const struct ctl *c, int j, long top, long n)
{
	int w = ui_width(sheet_text_name(c->s, j)), cw;
	long v;

	for (v = top; v < top + n && v < ctl_view_count(c); v++)
		if ((cw = ui_width(sheet_text(c->s, ctl_view_row(c, v), j))) > w)
			w = cw;
	return w < 4 ? 4 : w > 20 ? 20 : w;
}

/* The text columns (a path, a split), kept in view after the row label:
 * row R's cells, or with R < 0 their names, from X at Y in widths TW.
 * Returns the x after them. */
static int
grid_texts(const struct ctl *c, long r, int y, int x, const int *tw)
{
	attr_t a = r < 0 ? ui_attr(UI_HEADER) : A_NORMAL;
	int j;

	for (j = 0; j < sheet_texts(c->s); j++) {
		ui_put(y, x, tw[j], r < 0 ? sheet_text_name(c->s, j) :
		    sheet_text(c->s, r, j), 0, a);
		x += tw[j] + 1;
	}
	return x;
}

/* Keeps row C->row within the H rows shown. */
static void
grid_scroll_rows(const struct ctl *c, int h)
{
	grid_top = ui_scroll(grid_top, ctl_view_pos(c), ctl_view_count(c), h);
}

/* Index of the cursor's column in COLS, or 0. */
static int
grid_cursor_col(const struct ctl *c, const struct column *cols, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (cols[i].g == c->g && (cols[i].k == c->k || cols[i].k < 0))
			return i;
	return 0;
}

/* Scrolls sideways so column CI is inside width W; returns the index one
 * past the last column that fits. */
static int
grid_scroll_cols(const struct ctl *c, const struct column *cols, int n,
    int ci, int w)
{
	int used, i;

	if (ci < grid_left)
		grid_left = ci;
	for (;;) {
		for (used = 0, i = grid_left; i < n; i++) {
			used += grid_col_width(c->s, cols[i].g) + 1;
			if (used > w)
				break;
		}
		if (i > ci || grid_left >= ci)
			return i;
		grid_left++;
	}
}

/* Columns of the group starting at COLS[I] (up to TO), less a space. */
static int
grid_group_width(const struct ctl *c, const struct column *cols, int i,
    int to)
{
	int w = 0, j;

	for (j = i; j < to && cols[j].g == cols[i].g; j++)
		w += grid_col_width(c->s, cols[j].g) + 1;
	return w - 1;
}

/* The header lines: group titles over their first column, class names. */
static void
grid_header(const struct ctl *c, const struct column *cols, int from, int to,
    int y, int x)
{
	attr_t a = ui_attr(UI_HEADER);
	int i, w;

	for (i = from; i < to; i++) {
		w = grid_col_width(c->s, cols[i].g);
		/* A group's title may run over its later columns, never into
		 * the next group's. */
		if (i == from || cols[i].g != cols[i - 1].g)
			ui_put(y, x, grid_group_width(c, cols, i, to),
			    ui_group_title(c->s, cols[i].g), 0, a);
		if (cols[i].k >= 0)
			ui_put(y + 1, x, w, sheet_class_name(c->s, cols[i].k),
			    1, a);
		else
			ui_put(y + 1, x, w, "", 1, a);
		x += w + 1;
	}
}

/* One cell of row R in column COL at Y, X. */
static void
grid_cell(const struct ctl *c, long r, const struct column *col, int y,
    int x)
{
	char buf[256];
	enum ui_style st;
	int w = grid_col_width(c->s, col->g);
	attr_t a;

	ui_cell(c, r, col->g, col->k, buf, sizeof(buf), w, &st);
	a = ui_attr(st);
	if (r == c->row && col->g == c->g && (col->k == c->k || col->k < 0))
		a |= ui_attr(UI_CURSOR);
	ui_put(y, x, w, buf, col->g != G_FLAGS && col->g != G_PRED &&
	    col->g != G_LABEL, a);
	ui_add_hit(y, x, w, r, col->g, col->k);
}

/* The row's marker (cursor and flag) and label, LW wide, at Y, X. */
static void
grid_label(const struct ctl *c, long r, int y, int x, int lw)
{
	char num[32];
	/* The mark goes with the flags column, so a lecture can hold it back. */
	unsigned f = c->hidden & (1u << G_FLAGS) ? 0 : sheet_flags(c->s, r);
	attr_t a = r == c->row ? ui_attr(UI_HEADER) : A_NORMAL;

	ui_put(y, x, 1, r == c->row ? ">" : " ", 0, a);
	ui_put(y, x + 1, 1, f ? "!" : " ", 0,
	    f ? ui_attr(f & (FLAG_CONFIDENT_WRONG | FLAG_LOG_ZERO) ? UI_BAD :
	    UI_WARN) : A_NORMAL);
	ui_put(y, x + 2, lw, ui_row_label(c->s, r, num, sizeof(num)), 0, a);
}

/* The per-row groups kept in view at the right when scrolled away, the
 * most wanted first: the loss always, then the label and prediction as
 * room allows. */
static const enum group grid_pinnable[] = {
	G_LOSS, G_LABEL, G_PRED, G_PLABEL, G_PPRED,
};
#define GRID_NPIN (int)(sizeof(grid_pinnable) / sizeof(*grid_pinnable))

/* Index of group G's column in COLS, or -1 when it is hidden. */
static int
grid_group_col(const struct column *cols, int n, enum group g)
{
	int i;

	for (i = 0; i < n; i++)
		if (cols[i].g == g)
			return i;
	return -1;
}

/* Fills PIN (room for the pinnable groups) with the columns to keep in
 * view: pinnable, outside [grid_left, END), not the cursor's CI, within
 * half of W but for the loss LI.  Returns the count, in display order;
 * *PW gets their width with spaces. */
static int
grid_pins(const struct ctl *c, const struct column *cols, int n, int ci,
    int li, int end, int w, int *pin, int *pw)
{
	int np = 0, i, j, col, cw;

	*pw = 0;
	for (i = 0; i < GRID_NPIN; i++) {
		col = grid_group_col(cols, n, grid_pinnable[i]);
		if (col < 0 || col == ci || (col >= grid_left && col < end))
			continue;
		cw = grid_col_width(c->s, cols[col].g) + 1;
		if (col != li && *pw + cw > w / 2)
			continue;
		for (j = np++; j > 0 && pin[j - 1] > col; j--)
			pin[j] = pin[j - 1];
		pin[j] = col;
		*pw += cw;
	}
	return np;
}

/* The pinned columns PIN[0..NP) from X at Y: row R's cells, or with R < 0
 * their headers. */
static void
grid_pinned(const struct ctl *c, const struct column *cols, const int *pin,
    int np, long r, int y, int x)
{
	int j;

	for (j = 0; j < np; j++) {
		if (r < 0)
			grid_header(c, cols, pin[j], pin[j] + 1, y, x);
		else
			grid_cell(c, r, &cols[pin[j]], y, x);
		x += grid_col_width(c->s, cols[pin[j]].g) + 1;
	}
}

long
ui_batch_height(const struct ctl *c)
{
	return 2 + ctl_view_count(c);
}

int
ui_draw_batch(const struct ctl *c, struct ui_rect r)
{
	int n, max = (sheet_classes(c->s) + 1) * G_NGROUPS, lw, ci, end, li;
	int x0, wl, pin = 0, i, x, body = r.h - 2, nt = sheet_texts(c->s);
	struct column *cols = malloc(max * sizeof(*cols));
	int *tw = malloc((nt + 1) * sizeof(int));
	long row;
	int pins[GRID_NPIN];

	if (cols == NULL || tw == NULL || body < 1) {
		free(cols);
		free(tw);
		return 1;
	}
	grid_name_w = grid_names_width(c->s);
	n = layout_batch(c->s, c->hidden, cols, max);
	grid_scroll_rows(c, body);
	lw = grid_label_width(c, grid_top, body);
	x0 = r.x + lw + 3;
	/* The text takes at most half the width, so the numbers show. */
	for (i = 0; i < nt; i++) {
		tw[i] = grid_text_width(c, i, grid_top, body);
		if (tw[i] > (r.w / 2 - lw - 3) / nt - 1)
			tw[i] = (r.w / 2 - lw - 3) / nt - 1;
		if (tw[i] < 4)
			tw[i] = 4;
		x0 += tw[i] + 1;
	}
	ci = grid_cursor_col(c, cols, n);
	li = grid_group_col(cols, n, G_LOSS);
	end = grid_scroll_cols(c, cols, n, ci, r.w - (x0 - r.x));
	/* The loss stays in view: pinned at the right when scrolled away,
	 * and the label and prediction beside it as room allows. */
	pin = grid_pins(c, cols, n, ci, li, end, r.w - (x0 - r.x), pins, &wl);
	if (pin > 0)
		end = grid_scroll_cols(c, cols, n, ci, r.w - (x0 - r.x) - wl);
	ui_put(r.y, r.x, lw + 3, "", 0, ui_attr(UI_HEADER));
	ui_put(r.y + 1, r.x, lw + 3, "  row", 0, ui_attr(UI_HEADER));
	if (nt > 0) {
		ui_put(r.y, r.x + lw + 3, x0 - r.x - lw - 3, "", 0,
		    ui_attr(UI_HEADER));
		grid_texts(c, -1, r.y + 1, r.x + lw + 3, tw);
	}
	grid_header(c, cols, grid_left, end, r.y, x0);
	grid_pinned(c, cols, pins, pin, -1, r.y, r.x + r.w - wl);
	for (i = 0; i < body && grid_top + i < ctl_view_count(c); i++) {
		row = ctl_view_row(c, grid_top + i);
		grid_label(c, row, r.y + 2 + i, r.x, lw);
		grid_texts(c, row, r.y + 2 + i, r.x + lw + 3, tw);
		for (x = x0, ci = grid_left; ci < end; ci++) {
			grid_cell(c, row, &cols[ci], r.y + 2 + i, x);
			x += grid_col_width(c->s, cols[ci].g) + 1;
		}
		grid_pinned(c, cols, pins, pin, row, r.y + 2 + i,
		    r.x + r.w - wl);
	}
	free(cols);
	free(tw);
	return body;
}
