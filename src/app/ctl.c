/*
 * ctl.c - keys become changes to the sheet; see ctl.h.  The `:` commands
 * live in commands.c.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "app/ctl_int.h"
#include "app/keys.h"
#include "core/expr.h"
#include "core/num.h"

/* ------------------------------------------------------------------ */
/* State                                                              */
/* ------------------------------------------------------------------ */

/* Puts the cursor on the first class's activation of row 0, and picks the
 * view and hidden groups that suit the sheet's size. */
void
ctl_reset_view(struct ctl *c)
{
	c->row = 0;
	c->g = G_ACT;
	c->k = 0;
	rowview_clear(&c->rows);
	ctl_screen_close(c);
	c->sorted[0] = '\0';
	c->filter[0] = '\0';
	c->view = sheet_rows(c->s) == 1 ? VIEW_EXAMPLE : VIEW_BATCH;
	c->hidden = layout_hidden_default(c->s, c->view);
}

struct ctl *
ctl_new(struct sheet *s, const char *path, double step)
{
	struct ctl *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->s = s;
	c->path = path ? strdup(path) : NULL;
	save_stamp(c->path, &c->stamp);
	c->step = step;
	c->geom.page = 20;
	c->geom.help_lines = 20;
	ctl_reset_view(c);
	return c;
}

void
ctl_free(struct ctl *c)
{
	if (c == NULL)
		return;
	sheet_free(c->s);
	undo_clear(&c->undo);
	rowview_clear(&c->rows);
	ctl_screen_close(c);
	stats_sums_free(&c->plot.sums);
	free(c->path);
	free(c->prefill);
	free(c->recover);
	free(c);
}

void
ctl_msg(struct ctl *c, int error, const char *fmt, ...)
{
	va_list ap;
	size_t n, budget = c->undo.budget ? c->undo.budget : UNDO_BUDGET;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	c->msg_error = error;
	/* The change of this key dropped old undo steps: say so, after
	 * whatever else the key reports. */
	if (c->undo_note > 0) {
		n = strlen(c->msg);
		snprintf(c->msg + n, sizeof(c->msg) - n, "%sUndo history full "
		    "(%zu %s): the oldest %d change%s can no longer be undone.",
		    n > 0 ? " " : "", budget >> (budget >> 20 ? 20 : 10),
		    budget >> 20 ? "MiB" : "KiB", c->undo_note,
		    c->undo_note == 1 ? "" : "s");
	}
}

double
ctl_step(const struct ctl *c)
{
	if (c->step > 0)
		return c->step;
	return sheet_opts(c->s)->mode == SHEET_PROBS ? 0.01 : 0.1;
}

void
ctl_set_geom(struct ctl *c, const struct ctl_geom *g)
{
	c->geom = *g;
}

void
ctl_tell_lesson(struct ctl *c)
{
	if (c->lesson.check != NULL)
		c->lesson.check(c, c->lesson.arg);
}

void
ctl_mark_start(struct ctl *c)
{
	undo_clear(&c->undo);
	c->clean_pos = 0;
	c->dirty = 0;
}

/* Keeps the cursor inside the sheet after rows or classes change. */
void
ctl_clamp(struct ctl *c)
{
	long n = sheet_rows(c->s);
	int k = sheet_classes(c->s);

	if (c->row >= n)
		c->row = n - 1;
	if (c->row < 0)
		c->row = 0;
	/* A row the view does not show gives way to the view's first. */
	if (rowview_pos(&c->rows, c->row) < 0 && ctl_view_count(c) > 0)
		c->row = ctl_view_row(c, 0);
	if (c->k >= k)
		c->k = k - 1;
	if (c->k < 0 && (layout_per_class(c->g) || c->view == VIEW_EXAMPLE))
		c->k = 0;
	if (!layout_group_applies(c->s, c->g) || (c->hidden & (1u << c->g)))
		c->g = G_ACT;
}

/* ------------------------------------------------------------------ */
/* The rows shown                                                     */
/* ------------------------------------------------------------------ */

long
ctl_view_count(const struct ctl *c)
{
	return rowview_count(&c->rows, c->s);
}

long
ctl_view_row(const struct ctl *c, long i)
{
	return rowview_row(&c->rows, i);
}

long
ctl_view_pos(const struct ctl *c)
{
	long p = rowview_pos(&c->rows, c->row);

	return p < 0 ? 0 : p;
}

double
ctl_view_mean(const struct ctl *c)
{
	return rowview_mean(&c->rows, c->s);
}

/* Where the cursor was before a change, for the view to follow. */
struct ctl_where {
	long	row;		/* its sheet row */
	long	pos;		/* its place in the view */
	long	rows;		/* the sheet's rows */
	struct sheet *s;	/* the sheet itself (undo may replace it) */
	struct sheet_opts o;	/* its options (weights: see below) */
	uintptr_t weights;	/* the weights' address, which every change of
				 * options renews (they may be freed since) */
};

/* Notes where the cursor is now. */
static void
ctl_where_now(const struct ctl *c, struct ctl_where *w)
{
	w->row = c->row;
	w->pos = ctl_view_pos(c);
	w->rows = sheet_rows(c->s);
	w->s = c->s;
	w->o = *sheet_opts(c->s);
	w->weights = (uintptr_t)w->o.weights;
}

/* The view gives up its list: every row shows again, in the file's
 * order, and WHY says so. */
static void
ctl_view_lost(struct ctl *c, const char *why)
{
	rowview_clear(&c->rows);
	c->sorted[0] = '\0';
	c->filter[0] = '\0';
	ctl_msg(c, 1, "%s", why);
}

/* Sheet row R was inserted: it shows beside the cursor, after it when it
 * follows the cursor's row in the file (o), else in its place (undoing a
 * deletion). */
static void
ctl_view_inserted(struct ctl *c, long r, const struct ctl_where *w)
{
	if (c->row >= r)
		c->row++;
	if (rowview_insert(&c->rows, c->s, r, w->pos + (w->row < r)) < 0)
		ctl_view_lost(c, "Out of memory: every row shows again.");
}

/* Sheet row R was deleted: the cursor keeps its place in the view. */
static void
ctl_view_deleted(struct ctl *c, long r, const struct ctl_where *w)
{
	long n;

	rowview_delete(&c->rows, c->s, r);
	if (c->row > r)
		c->row--;
	else if (c->row == r && (n = ctl_view_count(c)) > 0)
		c->row = ctl_view_row(c, w->pos < n ? w->pos : n - 1);
	else if (c->row == r)
		ctl_view_lost(c, "The filter's last row is gone: every row "
		    "shows again.");
}

/* Keeps the view in step with change CH, just made, with the cursor as
 * W saw it: an edited row stays where it is. */
static void
ctl_view_follow(struct ctl *c, const struct ctl_change *ch,
    const struct ctl_where *w)
{
	switch (ch->op) {
	case OP_CELL: case OP_TARGET: case OP_NORMALIZE:
		rowview_touch(&c->rows, c->s, ch->row);
		break;
	case OP_INSERT_ROW:
		ctl_view_inserted(c, ch->row, w);
		break;
	case OP_DELETE_ROW:
		ctl_view_deleted(c, ch->row, w);
		break;
	case OP_ADD_CLASS: case OP_DELETE_CLASS: case OP_SETTING:
		rowview_refresh(&c->rows, c->s);
		break;
	case OP_REPLACE:
		if (rowview_listed(&c->rows))
			ctl_view_lost(c, "Another sheet: every row shows.");
		break;
	}
}

/* 1 when the options changed since W: a change every row's loss feels. */
static int
ctl_opts_changed(const struct ctl *c, const struct ctl_where *w)
{
	const struct sheet_opts *o = sheet_opts(c->s);

	return o->mode != w->o.mode || o->base != w->o.base ||
	    o->temperature != w->o.temperature ||
	    o->smoothing != w->o.smoothing || o->confident != w->o.confident ||
	    (uintptr_t)o->weights != w->weights;
}

/* Keeps the view in step with an undo or redo that touched row R, with
 * the cursor as W saw it. */
static void
ctl_view_history(struct ctl *c, long r, const struct ctl_where *w)
{
	long n = sheet_rows(c->s);

	if (c->s != w->s && n != w->rows) {
		if (rowview_listed(&c->rows))
			ctl_view_lost(c, "Another sheet: every row shows.");
	} else if (c->s != w->s)
		rowview_refresh(&c->rows, c->s);
	else if (n == w->rows + 1)
		ctl_view_inserted(c, r, w);
	else if (n == w->rows - 1)
		ctl_view_deleted(c, r, w);
	else if (ctl_opts_changed(c, w))
		rowview_refresh(&c->rows, c->s);
	else
		rowview_touch(&c->rows, c->s, r);
}

/* ------------------------------------------------------------------ */
/* Changes: the one path                                              */
/* ------------------------------------------------------------------ */

/* Undo material captured before a change. */
struct ctl_before {
	struct undo_row		 row;
	struct undo_settings	 set;
	struct undo_class	 cls;
	struct sheet		*sheet;
};

/* Captures into B what undoing CH will need; -1 when out of memory. */
static int
ctl_capture(const struct ctl *c, const struct ctl_change *ch,
    struct ctl_before *b)
{
	memset(b, 0, sizeof(*b));
	switch (ch->op) {
	case OP_CELL: case OP_TARGET: case OP_NORMALIZE: case OP_DELETE_ROW:
		return undo_row_capture(c->s, ch->row, &b->row);
	case OP_INSERT_ROW: case OP_ADD_CLASS:
	case OP_REPLACE:	/* a replaced sheet is itself the old version */
		return 0;
	case OP_DELETE_CLASS:
		return undo_class_capture(c->s, ch->k, &b->cls);
	case OP_SETTING:
		return undo_settings_capture(c->s, c->step, &b->set);
	}
	return 0;
}

/* Frees what B still holds. */
static void
ctl_release(struct ctl_before *b)
{
	undo_row_free(&b->row);
	undo_settings_free(&b->set);
	undo_class_free(&b->cls);
	sheet_free(b->sheet);
	b->sheet = NULL;
}

/* Applies a setting change. */
static int
ctl_do_setting(struct ctl *c, const struct ctl_change *ch)
{
	char err[512];

	if (ch->key == SF_STEP) {
		c->step = ch->set->step;
		return 0;
	}
	if (sheetfile_apply(c->s, ch->set, NULL, err, sizeof(err)) < 0) {
		ctl_msg(c, 1, "%s", err);
		return -1;
	}
	return 0;
}

/* Makes change CH on the model; -1 with c->msg when it cannot. */
static int
ctl_do(struct ctl *c, const struct ctl_change *ch, struct ctl_before *b)
{
	switch (ch->op) {
	case OP_CELL:
		if (ch->g == G_TARGET)
			sheet_set_y(c->s, ch->row, ch->k, ch->v);
		else
			sheet_set_act(c->s, ch->row, ch->k, ch->v);
		return 0;
	case OP_TARGET:
		sheet_set_target(c->s, ch->row, ch->k);
		return 0;
	case OP_NORMALIZE:
		if (sheet_normalize_row(c->s, ch->row) == 0)
			return 0;
		ctl_msg(c, 1, "Row %ld's sum is 0 or not finite: nothing to "
		    "divide by.", ch->row + 1);
		return -1;
	case OP_INSERT_ROW:
		if (sheet_insert_row(c->s, ch->row, ch->from) == 0)
			return 0;
		break;
	case OP_DELETE_ROW:
		sheet_delete_row(c->s, ch->row);
		return 0;
	case OP_ADD_CLASS:
		if (sheet_add_class(c->s, ch->name) == 0)
			return 0;
		break;
	case OP_DELETE_CLASS:
		if (sheet_delete_class(c->s, ch->k) == 0)
			return 0;
		break;
	case OP_SETTING:
		return ctl_do_setting(c, ch);
	case OP_REPLACE:
		b->sheet = c->s;
		c->s = ch->sheet;
		c->step = ch->v;
		return 0;
	}
	ctl_msg(c, 1, "Out of memory: nothing changed.");
	return -1;
}

/* Records the undo step of change CH, made; B's material is taken. */
static int
ctl_record(struct ctl *c, const struct ctl_change *ch, struct ctl_before *b)
{
	struct sheet *old = b->sheet;

	switch (ch->op) {
	case OP_CELL: case OP_TARGET: case OP_NORMALIZE:
		return undo_push_row(&c->undo, c->s, ch->row, &b->row);
	case OP_INSERT_ROW:
		return undo_push_insert(&c->undo, c->s, ch->row);
	case OP_DELETE_ROW:
		return undo_push_delete(&c->undo, ch->row, &b->row);
	case OP_REPLACE:
		b->sheet = NULL;
		return undo_push_sheet(&c->undo, old);
	case OP_SETTING:
		return undo_push_settings(&c->undo, c->s, c->step, &b->set);
	case OP_ADD_CLASS:
		return undo_push_add_class(&c->undo, c->s, c->step);
	case OP_DELETE_CLASS:
		return undo_push_delete_class(&c->undo, &b->cls);
	}
	return 0;
}

/* Marks a change made: modified, and the lesson told.  DROPPED oldest
 * undo entries went for the budget: the positions after them move down,
 * and a saved state among them can no longer come back. */
static void
ctl_changed(struct ctl *c, int dropped)
{
	/* A new change drops the redo tail: a saved state there is gone. */
	if (c->clean_pos >= c->undo.pos + dropped)
		c->clean_pos = -1;
	else if (c->clean_pos >= 0 && (c->clean_pos -= dropped) < 0)
		c->clean_pos = -1;
	c->dirty = 1;
	/* A screen open shows figures of the sheet as it is. */
	ctl_screen_reload(c);
	if (dropped > 0) {
		c->undo_note = dropped;
		ctl_msg(c, 0, "%s", "");
	}
	ctl_tell_lesson(c);
}

/* ------------------------------------------------------------------ */
/* The plot pane                                                      */
/* ------------------------------------------------------------------ */

/* The histogram counted afresh when it shows, else marked stale. */
static void
ctl_plot_hist(struct ctl *c)
{
	c->plot.hist_ok = 0;
	if (c->plot.kind != PLOT_HIST)
		return;
	plot_hist_build(&c->plot.hist, c->s);
	c->plot.hist_ok = 1;
	c->plot.recounts++;
}

/* The reliability bins summed afresh when they show, else marked stale:
 * a pass over every row, made only for the diagram (the sums' bins are
 * made the first time; without memory for them the diagram says so). */
static void
ctl_plot_calib(struct ctl *c)
{
	c->plot.calib_ok = 0;
	if (c->plot.kind != PLOT_RELIABILITY || (c->plot.sums.bins == NULL &&
	    stats_sums_init(&c->plot.sums, STATS_BINS) < 0))
		return;
	stats_sums_build(&c->plot.sums, c->s);
	c->plot.calib.bins = c->plot.bins;
	stats_sums_figures(&c->plot.sums, &c->plot.calib);
	c->plot.calib_ok = 1;
}

void
ctl_plot_stale(struct ctl *c)
{
	ctl_plot_hist(c);
	ctl_plot_calib(c);
}

void
ctl_plot(struct ctl *c, enum plot_kind k)
{
	c->plot.kind = k;
	if (k == PLOT_HIST && !c->plot.hist_ok)
		ctl_plot_hist(c);
	if (k == PLOT_RELIABILITY && !c->plot.calib_ok)
		ctl_plot_calib(c);
}

/* 1 when change CH touches its row's loss alone. */
static int
ctl_plot_one_row(const struct ctl_change *ch)
{
	return ch->op == OP_CELL || ch->op == OP_TARGET ||
	    ch->op == OP_NORMALIZE;
}

/* What the plots knew of a row before a change to it. */
struct ctl_plot_row {
	double			loss;	/* for the histogram */
	struct stats_part	cal;	/* for the reliability bins */
};

/* The row change CH is about to touch, as the plots have it. */
static struct ctl_plot_row
ctl_plot_before(const struct ctl *c, const struct ctl_change *ch)
{
	struct ctl_plot_row b = { NAN, { 0, 0, 0 } };

	if (!ctl_plot_one_row(ch))
		return b;
	if (c->plot.hist_ok)
		b.loss = sheet_loss(c->s, ch->row);
	if (c->plot.calib_ok)
		b.cal = stats_part(c->s, ch->row);
	return b;
}

/* After change CH: one row moves in the plots' counts, or they are made
 * afresh. */
static void
ctl_plot_after(struct ctl *c, const struct ctl_change *ch,
    const struct ctl_plot_row *b)
{
	int one = ctl_plot_one_row(ch);

	if (c->plot.hist_ok && (!one || plot_hist_move(&c->plot.hist,
	    b->loss, sheet_loss(c->s, ch->row)) != 0))
		ctl_plot_hist(c);
	if (c->plot.calib_ok && one) {
		stats_sums_move(&c->plot.sums, b->cal, stats_part(c->s,
		    ch->row));
		stats_sums_figures(&c->plot.sums, &c->plot.calib);
	} else if (c->plot.calib_ok)
		ctl_plot_calib(c);
}

int
ctl_apply(struct ctl *c, const struct ctl_change *ch)
{
	struct ctl_before b;
	struct ctl_plot_row before = ctl_plot_before(c, ch);
	struct ctl_where w;
	int lost = 0;

	ctl_where_now(c, &w);
	if (ctl_capture(c, ch, &b) < 0) {
		ctl_release(&b);
		ctl_msg(c, 1, "Out of memory: nothing changed.");
		return -1;
	}
	if (ctl_do(c, ch, &b) < 0) {
		ctl_release(&b);
		return -1;
	}
	ctl_plot_after(c, ch, &before);
	/* The redo tail goes even when recording fails: it no longer fits. */
	if (ctl_record(c, ch, &b) < 0) {
		undo_drop_redo(&c->undo);
		lost = 1;
	}
	ctl_release(&b);
	ctl_view_follow(c, ch, &w);
	ctl_clamp(c);
	ctl_changed(c, undo_dropped(&c->undo));
	if (lost)
		ctl_msg(c, 1, "Out of memory: this change cannot be undone.");
	return 0;
}

/* Undoes (DIR -1) or redoes (DIR 1) one change; -1 when there is none,
 * -2 when out of memory (nothing changed). */
static int
ctl_step_history(struct ctl *c, int dir)
{
	struct ctl_where w;
	long r;

	ctl_where_now(c, &w);
	r = dir < 0 ? undo_undo(&c->undo, &c->s, &c->step) :
	    undo_redo(&c->undo, &c->s, &c->step);
	if (r < 0)
		return (int)r;
	ctl_plot_stale(c);
	ctl_view_history(c, r, &w);
	/* To the row undone, when the view shows it. */
	if (r < sheet_rows(c->s) && rowview_pos(&c->rows, r) >= 0)
		c->row = r;
	ctl_clamp(c);
	c->dirty = c->undo.pos != c->clean_pos;
	ctl_screen_reload(c);
	ctl_tell_lesson(c);
	return 0;
}

/* u and Ctrl-R. */
void
ctl_undo(struct ctl *c, int dir)
{
	int rc = ctl_step_history(c, dir);

	if (rc == -2)
		ctl_msg(c, 1, "Out of memory: %s nothing.", dir < 0 ?
		    "undid" : "redid");
	else if (rc < 0)
		ctl_msg(c, 0, dir < 0 ? "Nothing to undo." :
		    "Nothing to redo.");
	else
		ctl_msg(c, 0, dir < 0 ? "Undone (Ctrl-R redoes)." : "Redone.");
}

/* ------------------------------------------------------------------ */
/* Cursor                                                             */
/* ------------------------------------------------------------------ */

/* The visible columns of the current view, malloc'd; count in *N. */
static struct column *
ctl_columns(const struct ctl *c, int *n)
{
	int max = (sheet_classes(c->s) + 1) * G_NGROUPS;
	struct column *cols = malloc(max * sizeof(*cols));

	if (cols == NULL) {
		*n = 0;
		return NULL;
	}
	*n = c->view == VIEW_BATCH ? layout_batch(c->s, c->hidden, cols, max) :
	    layout_example(c->s, c->hidden, cols, max);
	return cols;
}

/* Moves the cursor DELTA columns across the visible ones. */
static void
ctl_move_col(struct ctl *c, int delta)
{
	struct column *cols;
	int n, i, at = -1;

	if ((cols = ctl_columns(c, &n)) == NULL || n == 0) {
		free(cols);
		return;
	}
	for (i = 0; i < n && at < 0; i++)
		if (cols[i].g == c->g && (c->view == VIEW_EXAMPLE ||
		    cols[i].k == c->k || cols[i].k < 0))
			at = i;
	at = at < 0 ? 0 : at + delta;
	at = at < 0 ? 0 : at >= n ? n - 1 : at;
	c->g = cols[at].g;
	if (c->view == VIEW_BATCH && cols[at].k >= 0)
		c->k = cols[at].k;
	free(cols);
}

/* Puts the cursor on the row at view position P, kept inside the view. */
static void
ctl_move_to(struct ctl *c, long p)
{
	long n = ctl_view_count(c);

	if (n <= 0)
		return;
	c->row = ctl_view_row(c, p < 0 ? 0 : p >= n ? n - 1 : p);
}

/* Moves the cursor DELTA rows down the view, or classes in the example. */
static void
ctl_move_row(struct ctl *c, long delta)
{
	if (c->view == VIEW_EXAMPLE) {
		long k = c->k + delta;

		c->k = k < 0 ? 0 : k >= sheet_classes(c->s) ?
		    sheet_classes(c->s) - 1 : (int)k;
		return;
	}
	ctl_move_to(c, ctl_view_pos(c) + delta);
}

/* Jumps to the next (DIR 1) or previous (DIR -1) flagged row in the
 * view's order, wrapping. */
static void
ctl_next_flagged(struct ctl *c, int dir)
{
	long n = ctl_view_count(c), p = ctl_view_pos(c), i, r;

	for (i = 1; i <= n; i++) {
		r = ctl_view_row(c, ((p + dir * i) % n + n) % n);
		if (sheet_flags(c->s, r) == 0)
			continue;
		c->row = r;
		if (rowview_listed(&c->rows))
			ctl_msg(c, 0, "Row %ld is flagged (%ld of %ld shown).",
			    r + 1, ((p + dir * i) % n + n) % n + 1, n);
		else
			ctl_msg(c, 0, "Row %ld of %ld is flagged.", r + 1, n);
		return;
	}
	ctl_msg(c, 0, "No row is flagged.");
}

void
ctl_click(struct ctl *c, long row, enum group g, int k)
{
	c->row = row;
	c->g = g;
	if (k >= 0)
		c->k = k;
	ctl_clamp(c);
	ctl_tell_lesson(c);
}

/* ------------------------------------------------------------------ */
/* Editing                                                            */
/* ------------------------------------------------------------------ */

/* The class the cursor's cell belongs to, or -1. */
static int
ctl_cell_class(const struct ctl *c)
{
	return layout_per_class(c->g) || c->view == VIEW_EXAMPLE ? c->k : -1;
}

/* Asks the input layer for a line: PROMPT, prefilled with PREFILL. */
void
ctl_ask_line(struct ctl *c, enum ctl_line kind, const char *prompt,
    const char *prefill)
{
	free(c->prefill);
	c->prefill = strdup(prefill ? prefill : "");
	snprintf(c->prompt, sizeof(c->prompt), "%s", prompt);
	c->line = kind;
}

/* Starts editing the cursor's cell with the line prefilled by TYPED (what
 * the person began typing), or, when NULL, the value in full precision. */
static void
ctl_edit(struct ctl *c, const char *typed)
{
	int k = ctl_cell_class(c);
	char prompt[256], val[NUM_BUFSZ];
	double v;

	if (!layout_editable(c->g) || k < 0) {
		ctl_msg(c, 1, "%s is computed: edit the output (activation) or "
		    "target cells.", layout_group_name(c->g));
		return;
	}
	v = c->g == G_TARGET ? sheet_y(c->s, c->row, k) :
	    sheet_act(c->s, c->row, k);
	snprintf(prompt, sizeof(prompt), "%s %s, row %ld = ",
	    c->g == G_TARGET ? "target" : "output", sheet_class_name(c->s, k),
	    c->row + 1);
	if (typed != NULL)
		snprintf(val, sizeof(val), "%s", typed);
	else
		num_format(val, sizeof(val), v);
	c->edit_row = c->row;
	c->edit_g = c->g;
	c->edit_k = k;
	ctl_ask_line(c, LINE_CELL, prompt, val);
}

/* Commits the text typed into a cell, or says why it cannot. */
static void
ctl_edit_done(struct ctl *c, const char *text)
{
	struct ctl_change ch = { .op = OP_CELL };
	char err[256], buf[NUM_BUFSZ];
	double v;

	if (expr_eval(text, &v, err, sizeof(err)) < 0) {
		ctl_msg(c, 1, "'%s' left the cell unchanged: %s", text, err);
		return;
	}
	if (c->edit_row >= sheet_rows(c->s) ||
	    c->edit_k >= sheet_classes(c->s))
		return;
	ch.row = c->edit_row;
	ch.g = c->edit_g;
	ch.k = c->edit_k;
	ch.v = v;
	if (ctl_apply(c, &ch) < 0)
		return;
	ctl_msg(c, 0, "%s %s, row %ld = %s", c->edit_g == G_TARGET ? "target" :
	    "output", sheet_class_name(c->s, c->edit_k), c->edit_row + 1,
	    num_format(buf, sizeof(buf), v));
}

/* Nudges the cursor's activation by SIGN steps. */
static void
ctl_nudge(struct ctl *c, int sign)
{
	struct ctl_change ch = { .op = OP_CELL, .g = G_ACT };
	int k = ctl_cell_class(c);

	if (k < 0) {
		ctl_msg(c, 1, "Put the cursor on a class's cell to nudge it.");
		return;
	}
	ch.row = c->row;
	ch.k = k;
	ch.v = sheet_act(c->s, c->row, k) + sign * ctl_step(c);
	if (ctl_apply(c, &ch) < 0)
		return;
	c->nudged = sign;
	ctl_msg(c, 0, "output %s, row %ld: %+g step", sheet_class_name(c->s, k),
	    c->row + 1, sign * ctl_step(c));
}

/* A digit or '.' right after a nudge: the person was typing a signed
 * number, so the nudge is taken back without a trace and the line opens
 * with the sign and KEY. */
static void
ctl_signed_entry(struct ctl *c, int sign, int key)
{
	char typed[3] = { sign < 0 ? '-' : '+', (char)key, '\0' };

	if (ctl_step_history(c, -1) == 0)
		undo_drop_redo(&c->undo);
	ctl_edit(c, typed);
}

/* Space: on a target cell, make that class the one-hot target. */
static void
ctl_space(struct ctl *c)
{
	struct ctl_change ch = { .op = OP_TARGET };
	int k = ctl_cell_class(c);

	if (c->g != G_TARGET || k < 0) {
		ctl_msg(c, 0, "Space on a target cell makes it the target.");
		return;
	}
	ch.row = c->row;
	/* One column on a binary sheet: Space flips between the class and
	 * its complement. */
	ch.k = sheet_is_binary(c->s) ? sheet_target(c->s, c->row) == 0 : k;
	ctl_apply(c, &ch);
}

/* Inserts a row after the cursor's, a copy of it when COPY is set. */
static void
ctl_insert_row(struct ctl *c, int copy)
{
	struct ctl_change ch = { .op = OP_INSERT_ROW };

	ch.row = c->row + 1;
	ch.from = copy ? c->row : -1;
	if (ctl_apply(c, &ch) < 0)
		return;
	c->row = ch.row;
	ctl_msg(c, 0, copy ? "Duplicated as row %ld." : "Added row %ld.",
	    ch.row + 1);
}

/* Deletes the cursor's row, keeping at least one. */
static void
ctl_delete_row(struct ctl *c)
{
	struct ctl_change ch = { .op = OP_DELETE_ROW };

	if (sheet_rows(c->s) <= 1) {
		ctl_msg(c, 1, "A sheet keeps at least one row.");
		return;
	}
	ch.row = c->row;
	/* Unless the view had to say something of its own. */
	if (ctl_apply(c, &ch) == 0 && c->msg[0] == '\0')
		ctl_msg(c, 0, "Deleted row %ld (u undoes).", ch.row + 1);
}

void
ctl_line_done(struct ctl *c, const char *text)
{
	enum ctl_line kind = c->line;

	c->undo_note = 0;
	c->line = LINE_NONE;
	if (kind == LINE_CELL)
		ctl_edit_done(c, text);
	else if (kind == LINE_COMMAND && *text != '\0')
		ctl_command(c, text);
	else if (kind == LINE_FIND)
		ctl_find(c, text);
	else if (kind == LINE_PREDICT && c->lesson.predict != NULL)
		c->lesson.predict(c, c->lesson.arg, text);
	ctl_tell_lesson(c);
}

void
ctl_line_cancel(struct ctl *c)
{
	c->line = LINE_NONE;
	ctl_msg(c, 0, "Cancelled.");
}

/* ------------------------------------------------------------------ */
/* Keys                                                               */
/* ------------------------------------------------------------------ */

/* Answers the y/n question being asked. */
static void
ctl_answer(struct ctl *c, int key)
{
	enum ctl_ask ask = c->ask;

	if (key != 'y' && key != 'Y' && key != 'n' && key != 'N' &&
	    key != K_ESC && key != K_CTRL('c') && key != K_CTRL('g'))
		return;		/* keep asking */
	c->ask = ASK_NONE;
	if (ask == ASK_QUIT && (key == 'y' || key == 'Y'))
		c->quit = 1;
	else if (ask == ASK_RECOVER && (key == 'y' || key == 'Y' ||
	    key == 'n' || key == 'N'))
		ctl_recover_answer(c, key == 'y' || key == 'Y');
	else if (ask == ASK_RECOVER)
		/* Only a plain no discards: Esc or Ctrl-C keeps the file. */
		ctl_msg(c, 0, "Kept the recovered edits; they are offered again "
		    "next time.");
	else
		ctl_msg(c, 0, "Not quitting.");
}

/* Keys of the help screen: scroll, or anything else closes it. */
static void
ctl_help_key(struct ctl *c, int key)
{
	int page = c->geom.help_lines > 1 ? c->geom.help_lines - 1 : 1;
	int last = ctl_help_count() - c->geom.help_lines;

	if (key == 'j' || key == K_DOWN || key == K_PGDN || key == ' ')
		c->help_top += key == K_PGDN || key == ' ' ? page : 1;
	else if (key == 'k' || key == K_UP || key == K_PGUP)
		c->help_top -= key == K_PGUP ? page : 1;
	else
		c->help = 0;
	/* Never past the point where the last line is at the bottom. */
	if (c->help_top > last)
		c->help_top = last;
	if (c->help_top < 0)
		c->help_top = 0;
}

/* Two-key commands: dd deletes the row. */
static int
ctl_pending_key(struct ctl *c, int key)
{
	int first = c->pending;

	c->pending = 0;
	if (first == 'd' && key == 'd') {
		ctl_delete_row(c);
		return 1;
	}
	return 0;
}

/* Movement keys; returns 1 when KEY was one. */
static int
ctl_move_key(struct ctl *c, int key)
{
	long n = ctl_view_count(c), p = ctl_view_pos(c);
	long page = c->view == VIEW_EXAMPLE ? 1 : c->geom.page > 0 ?
	    c->geom.page : 1;

	switch (key) {
	case 'h': case K_LEFT: ctl_move_col(c, -1); break;
	case 'l': case K_RIGHT: ctl_move_col(c, 1); break;
	case 'k': case K_UP: ctl_move_row(c, -1); break;
	case 'j': case K_DOWN: ctl_move_row(c, 1); break;
	case K_WHEEL_UP: ctl_move_row(c, -3); break;
	case K_WHEEL_DOWN: ctl_move_row(c, 3); break;
	case K_PGUP: ctl_move_to(c, p - page); break;
	case K_PGDN: ctl_move_to(c, p + page); break;
	case 'g': case K_HOME: ctl_move_to(c, 0); break;
	case 'G': case K_END: ctl_move_to(c, n - 1); break;
	case 'n': ctl_next_flagged(c, 1); break;
	case 'N': ctl_next_flagged(c, -1); break;
	default: return 0;
	}
	ctl_clamp(c);
	return 1;
}

/* Reveals the next hidden column group, as a lecture builds up a sheet. */
static void
ctl_reveal(struct ctl *c)
{
	int g = layout_next_hidden(c->s, c->hidden);

	if (g < 0) {
		ctl_msg(c, 0, "Every column is showing.");
		return;
	}
	c->hidden &= ~(1u << g);
	ctl_msg(c, 0, "Showing %s.", layout_group_name(g));
}

/* Keys that change the sheet or the view; returns 1 when KEY was one. */
static int
ctl_edit_key(struct ctl *c, int key)
{
	switch (key) {
	case K_ENTER: case 'e': ctl_edit(c, NULL); break;
	case '+': case '=': ctl_nudge(c, 1); break;
	case '-': case '_': ctl_nudge(c, -1); break;
	case ' ': ctl_space(c); break;
	case 'o': ctl_insert_row(c, 0); break;
	case 'Y': ctl_insert_row(c, 1); break;
	case 'd': c->pending = 'd'; break;
	case 'u': ctl_undo(c, -1); break;
	case K_CTRL('r'): ctl_undo(c, 1); break;
	case 'v':
		c->view = c->view == VIEW_BATCH ? VIEW_EXAMPLE : VIEW_BATCH;
		ctl_clamp(c);
		break;
	case '>': ctl_reveal(c); break;
	case 'P':
		ctl_plot(c, plot_kind_next(c->plot.kind));
		if (c->plot.kind == PLOT_OFF)
			ctl_msg(c, 0, "Plot closed (P opens the curve again).");
		else
			ctl_msg(c, 0, "Plot: %s (P for the next, :plot off "
			    "closes).", plot_kind_name(c->plot.kind));
		break;
	default: return 0;
	}
	return 1;
}

/* Keys with the grid in front: lesson keys first, then the grid's. */
static void
ctl_grid_key(struct ctl *c, int key)
{
	int nudged = c->nudged;

	c->msg[0] = '\0';
	c->nudged = 0;
	if (c->pending && ctl_pending_key(c, key))
		return;
	/* A lesson's own script never moves the lesson. */
	if (!c->sandbox && c->lesson.key != NULL &&
	    c->lesson.key(c, c->lesson.arg, key))
		return;
	if (((key >= '0' && key <= '9') || key == '.') && nudged)
		ctl_signed_entry(c, nudged, key);
	else if ((key >= '0' && key <= '9') || key == '.') {
		char typed[2] = { (char)key, '\0' };

		ctl_edit(c, typed);
	} else if (key == ':')
		ctl_ask_line(c, LINE_COMMAND, ":", "");
	else if (key == '/')
		ctl_ask_line(c, LINE_FIND, "/", "");
	else if (key == '?' || key == K_F1) {
		c->help = 1;
		c->help_top = 0;
	} else if (key == 'q')
		ctl_command(c, "q");
	else if (key == K_CTRL('c'))
		ctl_msg(c, 0, "Ctrl-C does not quit: use :q, or :q! to drop "
		    "unsaved changes.");
	else if (!ctl_move_key(c, key) && !ctl_edit_key(c, key) &&
	    key != K_ESC && key != K_CTRL('l'))
		ctl_msg(c, 1, "That key does nothing here: ? lists the keys.");
}

void
ctl_key(struct ctl *c, int key)
{
	c->undo_note = 0;
	if (c->ask != ASK_NONE)
		ctl_answer(c, key);
	else if (c->help)
		ctl_help_key(c, key);
	else if (c->screen.kind != SCREEN_NONE)
		ctl_screen_key(c, key);
	else
		ctl_grid_key(c, key);
	/* Goals may be about the cursor, which moves without a change. */
	ctl_tell_lesson(c);
}
