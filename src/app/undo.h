/*
 * undo.h - undo and redo of every change: cells, rows, classes, settings.
 *
 * Row edits store the row before and after (O(K) each).  Adding a class
 * stores its name; deleting one stores what went: the class's column of
 * activations and targets (each held as one value when the whole column
 * is alike, as a class just added is) and, when some rows lost their
 * target with it, those rows' target bits.  Only replacing the whole
 * sheet (restoring a recovery file) keeps the other version whole.
 *
 * The history holds at most UNDO_BUDGET bytes: the oldest entries go first
 * (undo_dropped tells how many), though the newest is always kept, so that
 * the last change can be undone.  Pure: no terminal.
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
	int	  k;		/* classes */
};

/* The settings an undo step can restore. */
struct undo_settings {
	struct sheet_opts o;	/* weights owned (K doubles) or NULL */
	double		  step;	/* nudge step, 0 = automatic */
	char		 *title;	/* the sheet's title (owned) */
	int		  k;		/* classes (weights held) */
};

/* What deleting a class removes, captured before it goes. */
struct undo_class {
	int		 k;		/* the class's index */
	char		*name;		/* its name (owned) */
	long		 n;		/* rows */
	double		*a;		/* n activations, or NULL: all a0 */
	double		 a0;
	double		*y;		/* n target weights, or NULL: all 0 */
	unsigned char	*bits;		/* n rows' SHEET_ROW_* bits, or NULL
					 * when no row loses its target */
	struct undo_settings set;	/* settings (weights, smoothing) */
};

/* The history's memory budget: 256 MiB.  A delete of a class takes about
 * 16 bytes a row, so a million-row sheet keeps about sixteen of them. */
#define UNDO_BUDGET ((size_t)256 << 20)

struct undo_entry;

struct undo {
	struct undo_entry *e;	/* entries, oldest first */
	int		   n;	/* entries held */
	int		   pos;	/* entries [0, pos) are done; the rest redo */
	int		   cap;
	size_t		   bytes;	/* what the entries hold */
	size_t		   budget;	/* most bytes held; 0: UNDO_BUDGET */
	int		   dropped;	/* oldest entries dropped, untold */
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

/* Fills C with what deleting class K of S removes; -1 when out of memory
 * (C then holds nothing). */
int undo_class_capture(const struct sheet *s, int k, struct undo_class *c);

/* Records that the last class of S was just added; -1 when out of memory. */
int undo_push_add_class(struct undo *u, const struct sheet *s, double step);

/* Records that class BEFORE->k was deleted; BEFORE (from
 * undo_class_capture, taken over) holds what went. */
int undo_push_delete_class(struct undo *u, struct undo_class *before);

/* Records a change to the whole sheet; BEFORE (taken over) is a copy of it
 * from before the change. */
int undo_push_sheet(struct undo *u, struct sheet *before);

/* Records a change of settings from BEFORE (taken over) to S's and STEP. */
int undo_push_settings(struct undo *u, const struct sheet *s, double step,
    struct undo_settings *before);

/* Undoes the last change on *S (which may be replaced) and *STEP.
 * Returns the row it touched (0 when none in particular), -1 when there is
 * nothing to undo, or -2 when out of memory (nothing changed). */
long undo_undo(struct undo *u, struct sheet **s, double *step);

/* Redoes the last undone change; as undo_undo. */
long undo_redo(struct undo *u, struct sheet **s, double *step);

/* Forgets every undone change, so that it can no longer be redone (after
 * undo_undo, this takes a change back without a trace). */
void undo_drop_redo(struct undo *u);

/* Bytes the history's entries hold. */
size_t undo_bytes(const struct undo *u);

/* Entries dropped for the budget since the last call, which resets it. */
int undo_dropped(struct undo *u);

/* Frees what a capture holds. */
void undo_row_free(struct undo_row *r);
void undo_settings_free(struct undo_settings *t);
void undo_class_free(struct undo_class *c);

#endif
