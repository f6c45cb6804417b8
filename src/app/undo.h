/*
 * undo.h - undo and redo of every change: cells, rows, classes, settings.
 *
 * Row edits store the row before and after (O(K) each); structural changes
 * to classes keep a copy of the whole sheet.  The history is unbounded, as
 * far back as the session goes.  Pure: no terminal.
 */
#ifndef XENT_APP_UNDO_H
#define XENT_APP_UNDO_H

#include "core/sheet.h"

/* One row's inputs. */
struct undo_row {
	double	 *a, *y;	/* K activations, K targets */
	unsigned  bits;		/* SHEET_ROW_* */
	char	 *id;		/* row label */
	char	**text;		/* its text columns' cells */
	int	  ntext;
};

/* The settings an undo step can restore. */
struct undo_settings {
	struct sheet_opts o;	/* weights owned (K doubles) or NULL */
	double		  step;	/* nudge step, 0 = automatic */
	char		 *title;	/* the sheet's title (owned) */
};

struct undo_entry;

struct undo {
	struct undo_entry *e;	/* entries, oldest first */
	int		   n;	/* entries held */
	int		   pos;	/* entries [0, pos) are done; the rest redo */
	int		   cap;
};

/* Frees every entry. */
void undo_clear(struct undo *u);

/* Fills R with row ROW of S; -1 when out of memory. */
int undo_row_capture(const struct sheet *s, long row, struct undo_row *r);

/* Fills T with S's options, title and STEP; -1 when out of memory. */
int undo_settings_capture(const struct sheet *s, double step,
    struct undo_settings *t);

/* Records that row ROW changed from BEFORE (taken over) to what it is now. */
int undo_push_row(struct undo *u, const struct sheet *s, long row,
    struct undo_row *before);

/* Records that row ROW was inserted and is now as it is. */
int undo_push_insert(struct undo *u, const struct sheet *s, long row);

/* Records that row ROW was deleted; BEFORE (taken over) held it. */
int undo_push_delete(struct undo *u, long row, struct undo_row *before);

/* Records a change to the whole sheet; BEFORE (taken over) is a copy of it
 * from before the change. */
int undo_push_sheet(struct undo *u, struct sheet *before);

/* Records a change of settings from BEFORE (taken over) to S's and STEP. */
int undo_push_settings(struct undo *u, const struct sheet *s, double step,
    struct undo_settings *before);

/* Undoes the last change on *S (which may be replaced) and *STEP.
 * Returns the row it touched (0 when none in particular), or -1 when there
 * is nothing to undo. */
long undo_undo(struct undo *u, struct sheet **s, double *step);

/* Redoes the last undone change; as undo_undo. */
long undo_redo(struct undo *u, struct sheet **s, double *step);

/* Forgets every undone change, so that it can no longer be redone (after
 * undo_undo, this takes a change back without a trace). */
void undo_drop_redo(struct undo *u);

/* Frees what a capture holds. */
void undo_row_free(struct undo_row *r);
void undo_settings_free(struct undo_settings *t);

#endif
