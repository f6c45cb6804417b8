/*
 * rowview.c - the rows the grid shows; see rowview.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/rowview.h"

/* Positions per block of the mean: an edit recomputes this many rows. */
#define RV_BLOCK 1024

/* The parts of the mean loss over one block of positions. */
struct rowview_block {
	double	sum;		/* the targeted rows' losses, added */
	double	wsum;		/* their targets' class weights (hard targets) */
	long	targeted;	/* rows with a target */
	long	soft;		/* of those, not one-hot */
};

void
rowview_clear(struct rowview *v)
{
	free(v->order);
	free(v->pos);
	free(v->blocks);
	memset(v, 0, sizeof(*v));
}

int
rowview_listed(const struct rowview *v)
{
	return v->order != NULL;
}

long
rowview_count(const struct rowview *v, const struct sheet *s)
{
	return v->order != NULL ? v->n : sheet_rows(s);
}

long
rowview_row(const struct rowview *v, long i)
{
	return v->order != NULL ? v->order[i] : i;
}

long
rowview_pos(const struct rowview *v, long r)
{
	if (v->order == NULL)
		return r;
	return r >= 0 && r < v->poscap ? v->pos[r] : -1;
}

/* Recomputes block B from its rows. */
static void
rv_block(struct rowview *v, const struct sheet *s, long b)
{
	const double *w = sheet_opts(s)->weights;
	struct rowview_block *bl = &v->blocks[b];
	long i, r, end = (b + 1) * RV_BLOCK < v->n ? (b + 1) * RV_BLOCK : v->n;
	int t;

	memset(bl, 0, sizeof(*bl));
	for (i = b * RV_BLOCK; i < end; i++) {
		r = v->order[i];
		if (!sheet_has_target(s, r))
			continue;
		bl->sum += sheet_loss(s, r);
		bl->targeted++;
		t = sheet_target(s, r);
		if (sheet_flags(s, r) & FLAG_NOT_ONE_HOT)
			bl->soft++;
		else
			bl->wsum += w != NULL && !sheet_is_binary(s) && t >= 0 ?
			    w[t] : 1;
	}
}

/* Rebuilds the inverse map and, when filtered, every block: O(N).  -1
 * when out of memory. */
static int
rv_rebuild(struct rowview *v, const struct sheet *s)
{
	long rows = sheet_rows(s), i, nb;
	void *p;

	if (rows > v->poscap) {
		if ((p = realloc(v->pos, rows * sizeof(long))) == NULL)
			return -1;
		v->pos = p;
		v->poscap = rows;
	}
	for (i = 0; i < v->poscap; i++)
		v->pos[i] = -1;
	for (i = 0; i < v->n; i++)
		v->pos[v->order[i]] = i;
	if (!v->filtered)
		return 0;
	nb = (v->n + RV_BLOCK - 1) / RV_BLOCK;
	if (nb > v->nblocks || v->blocks == NULL) {
		if ((p = realloc(v->blocks, (nb + 1) * sizeof(*v->blocks))) ==
		    NULL)
			return -1;
		v->blocks = p;
	}
	v->nblocks = nb;
	for (i = 0; i < nb; i++)
		rv_block(v, s, i);
	return 0;
}

int
rowview_set(struct rowview *v, const struct sheet *s, long *rows, long n,
    int filtered)
{
	rowview_clear(v);
	if (rows == NULL)
		return -1;
	v->order = rows;
	v->n = v->cap = n;
	v->filtered = filtered;
	if (rv_rebuild(v, s) < 0) {
		rowview_clear(v);
		return -1;
	}
	return 0;
}

int
rowview_insert(struct rowview *v, const struct sheet *s, long r, long at)
{
	long i;
	void *p;

	if (v->order == NULL)
		return 0;
	if (v->n == v->cap) {
		if ((p = realloc(v->order, (v->cap * 2 + 16) * sizeof(long))) ==
		    NULL) {
			rowview_clear(v);
			return -1;
		}
		v->order = p;
		v->cap = v->cap * 2 + 16;
	}
	for (i = 0; i < v->n; i++)
		if (v->order[i] >= r)
			v->order[i]++;
	at = at < 0 ? 0 : at > v->n ? v->n : at;
	memmove(v->order + at + 1, v->order + at, (v->n - at) * sizeof(long));
	v->order[at] = r;
	v->n++;
	if (rv_rebuild(v, s) < 0) {
		rowview_clear(v);
		return -1;
	}
	return 0;
}

long
rowview_delete(struct rowview *v, const struct sheet *s, long r)
{
	long at, i;

	if (v->order == NULL)
		return r;
	at = rowview_pos(v, r);
	if (at >= 0) {
		memmove(v->order + at, v->order + at + 1,
		    (v->n - at - 1) * sizeof(long));
		v->n--;
	}
	for (i = 0; i < v->n; i++)
		if (v->order[i] > r)
			v->order[i]--;
	/* Shrinking needs no memory: the arrays only get shorter. */
	(void)rv_rebuild(v, s);
	return at;
}

void
rowview_touch(struct rowview *v, const struct sheet *s, long r)
{
	long at = rowview_pos(v, r);

	if (v->order != NULL && v->filtered && at >= 0)
		rv_block(v, s, at / RV_BLOCK);
}

void
rowview_refresh(struct rowview *v, const struct sheet *s)
{
	long i;

	if (v->order == NULL || !v->filtered)
		return;
	for (i = 0; i < v->nblocks; i++)
		rv_block(v, s, i);
}

double
rowview_mean(const struct rowview *v, const struct sheet *s)
{
	struct rowview_block t = { 0, 0, 0, 0 };
	long i;

	if (v->order == NULL || !v->filtered)
		return sheet_mean_loss(s);
	for (i = 0; i < v->nblocks; i++) {
		t.sum += v->blocks[i].sum;
		t.wsum += v->blocks[i].wsum;
		t.targeted += v->blocks[i].targeted;
		t.soft += v->blocks[i].soft;
	}
	if (t.targeted == 0)
		return NAN;
	return t.sum / (t.soft > 0 ? (double)t.targeted : t.wsum);
}
