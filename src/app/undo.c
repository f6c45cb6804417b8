/*
 * undo.c - the undo history; see undo.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app/undo.h"

enum undo_kind { UNDO_ROW, UNDO_INSERT, UNDO_DELETE, UNDO_SHEET, UNDO_SET };

struct undo_entry {
	enum undo_kind		kind;
	long			row;
	struct undo_row		before, after;	/* ROW, INSERT, DELETE */
	struct sheet	       *other;		/* SHEET: the other version */
	struct undo_settings	sb, sa;		/* SET: before and after */
};

void
undo_row_free(struct undo_row *r)
{
	int j;

	free(r->a);
	free(r->y);
	free(r->id);
	for (j = 0; j < r->ntext; j++)
		free(r->text[j]);
	free(r->text);
	memset(r, 0, sizeof(*r));
}

void
undo_settings_free(struct undo_settings *t)
{
	free(t->o.weights);
	free(t->title);
	t->o.weights = NULL;
	t->title = NULL;
}

/* Frees what entry E holds. */
static void
undo_entry_free(struct undo_entry *e)
{
	undo_row_free(&e->before);
	undo_row_free(&e->after);
	sheet_free(e->other);
	undo_settings_free(&e->sb);
	undo_settings_free(&e->sa);
}

void
undo_clear(struct undo *u)
{
	int i;

	for (i = 0; i < u->n; i++)
		undo_entry_free(&u->e[i]);
	free(u->e);
	memset(u, 0, sizeof(*u));
}

/* Copies row ROW's text cells into R; -1 (R freed) when out of memory. */
static int
undo_text_capture(const struct sheet *s, long row, struct undo_row *r)
{
	int n = sheet_texts(s);

	if (n == 0)
		return 0;
	if ((r->text = calloc(n, sizeof(char *))) == NULL) {
		undo_row_free(r);
		return -1;
	}
	for (r->ntext = 0; r->ntext < n; r->ntext++)
		if ((r->text[r->ntext] = strdup(sheet_text(s, row,
		    r->ntext))) == NULL) {
			undo_row_free(r);
			return -1;
		}
	return 0;
}

int
undo_row_capture(const struct sheet *s, long row, struct undo_row *r)
{
	int k = sheet_classes(s);

	r->text = NULL;
	r->ntext = 0;
	r->a = malloc(k * sizeof(double));
	r->y = malloc(k * sizeof(double));
	r->id = strdup(sheet_id(s, row));
	if (r->a == NULL || r->y == NULL || r->id == NULL) {
		undo_row_free(r);
		return -1;
	}
	r->bits = sheet_row_get(s, row, r->a, r->y);
	return undo_text_capture(s, row, r);
}

int
undo_settings_capture(const struct sheet *s, double step,
    struct undo_settings *t)
{
	const struct sheet_opts *o = sheet_opts(s);
	size_t n = sheet_classes(s) * sizeof(double);

	t->o = *o;
	t->step = step;
	t->o.weights = NULL;
	if ((t->title = strdup(sheet_title(s))) == NULL)
		return -1;
	if (o->weights != NULL) {
		if ((t->o.weights = malloc(n)) == NULL)
			return -1;
		memcpy(t->o.weights, o->weights, n);
	}
	return 0;
}

void
undo_drop_redo(struct undo *u)
{
	while (u->n > u->pos)
		undo_entry_free(&u->e[--u->n]);
}

/* Drops the redo tail and makes room for one entry; NULL on ENOMEM. */
static struct undo_entry *
undo_new(struct undo *u, enum undo_kind kind, long row)
{
	struct undo_entry *ne;
	int cap;

	undo_drop_redo(u);
	if (u->n == u->cap) {
		cap = u->cap ? u->cap * 2 : 64;
		if ((ne = realloc(u->e, cap * sizeof(*ne))) == NULL)
			return NULL;
		u->e = ne;
		u->cap = cap;
	}
	ne = &u->e[u->n];
	memset(ne, 0, sizeof(*ne));
	ne->kind = kind;
	ne->row = row;
	u->n++;
	u->pos = u->n;
	return ne;
}

/* Forgets the entry just made, when filling it in failed. */
static int
undo_drop(struct undo *u)
{
	undo_entry_free(&u->e[--u->n]);
	u->pos = u->n;
	return -1;
}

int
undo_push_row(struct undo *u, const struct sheet *s, long row,
    struct undo_row *before)
{
	struct undo_entry *e = undo_new(u, UNDO_ROW, row);

	if (e == NULL) {
		undo_row_free(before);
		return -1;
	}
	e->before = *before;
	memset(before, 0, sizeof(*before));
	return undo_row_capture(s, row, &e->after) < 0 ? undo_drop(u) : 0;
}

int
undo_push_insert(struct undo *u, const struct sheet *s, long row)
{
	struct undo_entry *e = undo_new(u, UNDO_INSERT, row);

	if (e == NULL)
		return -1;
	return undo_row_capture(s, row, &e->after) < 0 ? undo_drop(u) : 0;
}

int
undo_push_delete(struct undo *u, long row, struct undo_row *before)
{
	struct undo_entry *e = undo_new(u, UNDO_DELETE, row);

	if (e == NULL) {
		undo_row_free(before);
		return -1;
	}
	e->before = *before;
	memset(before, 0, sizeof(*before));
	return 0;
}

int
undo_push_sheet(struct undo *u, struct sheet *before)
{
	struct undo_entry *e = undo_new(u, UNDO_SHEET, 0);

	if (e == NULL) {
		sheet_free(before);
		return -1;
	}
	e->other = before;
	return 0;
}

int
undo_push_settings(struct undo *u, const struct sheet *s, double step,
    struct undo_settings *before)
{
	struct undo_entry *e = undo_new(u, UNDO_SET, 0);

	if (e == NULL) {
		undo_settings_free(before);
		return -1;
	}
	e->sb = *before;
	before->o.weights = NULL;
	before->title = NULL;
	return undo_settings_capture(s, step, &e->sa) < 0 ? undo_drop(u) : 0;
}

/* Puts row state R back at ROW (inserting a row first when INSERT). */
static void
undo_put_row(struct sheet *s, long row, const struct undo_row *r, int insert)
{
	if (insert)
		sheet_insert_row(s, row, -1);
	int j;

	sheet_row_set(s, row, r->a, r->y, r->bits);
	sheet_set_id(s, row, r->id);
	for (j = 0; j < r->ntext; j++)
		sheet_set_text(s, row, j, r->text[j]);
}

/* Applies entry E backwards (DIR -1) or forwards (DIR 1). */
static long
undo_apply(struct undo_entry *e, struct sheet **s, double *step, int dir)
{
	struct sheet *t;
	struct undo_settings *st = dir < 0 ? &e->sb : &e->sa;

	switch (e->kind) {
	case UNDO_ROW:
		undo_put_row(*s, e->row, dir < 0 ? &e->before : &e->after, 0);
		break;
	case UNDO_INSERT:
	case UNDO_DELETE:
		if ((e->kind == UNDO_INSERT) == (dir < 0))
			sheet_delete_row(*s, e->row);
		else
			undo_put_row(*s, e->row, e->kind == UNDO_INSERT ?
			    &e->after : &e->before, 1);
		break;
	case UNDO_SHEET:
		t = *s;
		*s = e->other;
		e->other = t;
		break;
	case UNDO_SET:
		sheet_set_opts(*s, &st->o, NULL, 0);
		sheet_set_title(*s, st->title);
		*step = st->step;
		break;
	}
	return e->row;
}

long
undo_undo(struct undo *u, struct sheet **s, double *step)
{
	if (u->pos == 0)
		return -1;
	return undo_apply(&u->e[--u->pos], s, step, -1);
}

long
undo_redo(struct undo *u, struct sheet **s, double *step)
{
	if (u->pos == u->n)
		return -1;
	return undo_apply(&u->e[u->pos++], s, step, 1);
}
