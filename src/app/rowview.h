/*
 * rowview.h - the rows the grid shows, in the order it shows them.
 *
 * A view is either every row of the sheet in the file's order (the
 * identity, which costs nothing and needs no upkeep), or a list of sheet
 * rows: the rows a filter kept, in the order of a sort key.  The
 * controller keeps the list in step with the sheet: an edited row stays
 * where it is, an inserted row shows where it was inserted, a deleted row
 * goes; only the next :sort or :filter builds the list afresh.  Row
 * indices are the sheet's (its file order); positions are the view's.
 *
 * A filtered view keeps the mean loss of its rows by blocks of positions,
 * each recomputed from its rows when one of them changes, so an edit
 * costs a block and the figure never drifts.  Pure: no terminal.
 */
#ifndef XENT_APP_ROWVIEW_H
#define XENT_APP_ROWVIEW_H

#include "core/sheet.h"

struct rowview_block;

struct rowview {
	long			*order;	  /* position -> sheet row; NULL: all
					   * rows in the file's order */
	long			*pos;	  /* sheet row -> position, or -1 */
	long			 n;	  /* rows listed */
	long			 cap;	  /* room in order */
	long			 poscap;  /* room in pos */
	int			 filtered; /* a subset: its mean is kept */
	struct rowview_block	*blocks;  /* the mean's parts, by position */
	long			 nblocks;
};

/* Makes V the identity view, freeing its list. */
void rowview_clear(struct rowview *v);

/* Makes V list ROWS[0..N) (sheet rows of S, each once; taken over, malloc'd)
 * in that order; FILTERED says the list is a subset, whose mean is then
 * kept.  -1 when out of memory (V is then the identity; ROWS freed). */
int rowview_set(struct rowview *v, const struct sheet *s, long *rows,
    long n, int filtered);

/* 1 when V lists rows of its own (sorted or filtered). */
int rowview_listed(const struct rowview *v);

/* The rows V shows. */
long rowview_count(const struct rowview *v, const struct sheet *s);

/* The sheet row at position I (0 <= I < rowview_count). */
long rowview_row(const struct rowview *v, long i);

/* The position of sheet row R, or -1 when V does not show it. */
long rowview_pos(const struct rowview *v, long r);

/* Sheet row R was just inserted into S (the rows from R on moved down
 * one): V shows it at position AT (clamped to the list).  -1 when out of
 * memory (V is then the identity). */
int rowview_insert(struct rowview *v, const struct sheet *s, long r,
    long at);

/* Sheet row R was just deleted from S: V drops it and renumbers the rows
 * after it.  Returns the position it had, or -1 when V did not show it. */
long rowview_delete(struct rowview *v, const struct sheet *s, long r);

/* Row R's values changed: its share of the mean is recomputed. */
void rowview_touch(struct rowview *v, const struct sheet *s, long r);

/* Every row's values changed (a setting, a class): the mean is rebuilt. */
void rowview_refresh(struct rowview *v, const struct sheet *s);

/* The mean loss of V's rows by PyTorch's rule (as sheet_mean_loss): NaN
 * when none has a target.  The sheet's mean for an unfiltered view. */
double rowview_mean(const struct rowview *v, const struct sheet *s);

#endif
