/*
 * undo.c - the undo history; see undo.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app/undo.h"

enum undo_kind {
	UNDO_ROW, UNDO_INSERT, UNDO_DELETE, UNDO_SHEET, UNDO_SET,
	UNDO_ADD_CLASS, UNDO_DEL_CLASS
};

struct undo_entry {
	enum undo_kind		kind;
	long			row;
	struct undo_row		before, after;	/* ROW, INSERT, DELETE */
	struct sheet	       *other;		/* SHEET: the other version */
	struct undo_settings	sb, sa;		/* SET: before and after */
	struct undo_class	cls;		/* ADD_CLASS (k, name, set),
						 * DEL_CLASS: what went */
	size_t			bytes;		/* what the entry holds */
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

void
undo_class_free(struct undo_class *c)
{
	free(c->name);
	free(c->a);
	free(c->y);
	free(c->bits);
	undo_settings_free(&c->set);
	memset(c, 0, sizeof(*c));
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
	undo_class_free(&e->cls);
}

/* Bytes of a string held, or 0 for NULL. */
static size_t
undo_str_bytes(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

/* Bytes row state R holds. */
static size_t
undo_row_bytes(const struct undo_row *r)
{
	size_t n = (r->a != NULL ? 2 * r->k * sizeof(double) : 0) +
	    undo_str_bytes(r->id) + r->ntext * sizeof(char *);
	int j;

	for (j = 0; j < r->ntext; j++)
		n += undo_str_bytes(r->text[j]);
	return n;
}

/* Bytes settings T hold. */
static size_t
undo_settings_bytes(const struct undo_settings *t)
{
	return (t->o.weights != NULL ? t->k * sizeof(double) : 0) +
	    undo_str_bytes(t->title);
}

/* Bytes entry E holds. */
static size_t
undo_entry_bytes(const struct undo_entry *e)
{
	const struct undo_class *c = &e->cls;
	size_t n = sizeof(*e) + undo_row_bytes(&e->before) +
	    undo_row_bytes(&e->after) + undo_settings_bytes(&e->sb) +
	    undo_settings_bytes(&e->sa);

	if (e->other != NULL)
		n += sheet_bytes(e->other);
	n += undo_str_bytes(c->name) + undo_settings_bytes(&c->set);
	n += (c->a != NULL ? c->n * sizeof(double) : 0) +
	    (c->y != NULL ? c->n * sizeof(double) : 0) +
	    (c->bits != NULL ? (size_t)c->n : 0);
	return n;
}

size_t
undo_bytes(const struct undo *u)
{
	return u->bytes;
}

int
undo_dropped(struct undo *u)
{
	int n = u->dropped;

	u->dropped = 0;
	return n;
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
	r->k = k;
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
	t->k = sheet_classes(s);
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
	while (u->n > u->pos) {
		u->bytes -= u->e[--u->n].bytes;
		undo_entry_free(&u->e[u->n]);
	}
}

/* Counts the bytes of the entry just filled in, then drops the oldest
 * entries while the history is over its budget, keeping the newest one
 * whatever its size. */
static int
undo_done(struct undo *u)
{
	size_t budget = u->budget ? u->budget : UNDO_BUDGET;
	struct undo_entry *e = &u->e[u->n - 1];
	int drop = 0;

	e->bytes = undo_entry_bytes(e);
	u->bytes += e->bytes;
	while (u->n - drop > 1 && u->bytes > budget) {
		u->bytes -= u->e[drop].bytes;
		undo_entry_free(&u->e[drop++]);
	}
	if (drop > 0) {
		memmove(u->e, u->e + drop, (u->n - drop) * sizeof(*u->e));
		u->n -= drop;
		u->pos = u->n;
		u->dropped += drop;
	}
	return 0;
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
	if (undo_row_capture(s, row, &e->after) < 0)
		return undo_drop(u);
	return undo_done(u);
}

int
undo_push_insert(struct undo *u, const struct sheet *s, long row)
{
	struct undo_entry *e = undo_new(u, UNDO_INSERT, row);

	if (e == NULL)
		return -1;
	if (undo_row_capture(s, row, &e->after) < 0)
		return undo_drop(u);
	return undo_done(u);
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
	return undo_done(u);
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
	return undo_done(u);
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
	if (undo_settings_capture(s, step, &e->sa) < 0)
		return undo_drop(u);
	return undo_done(u);
}

/* 1 when doubles X and Y have the same bits (so -0, NaN payloads and
 * all keep what they were). */
static int
undo_same(double x, double y)
{
	return memcmp(&x, &y, sizeof(x)) == 0;
}

/* Fills C's activation column for class K of S: one value when they are
 * all alike. */
static int
undo_class_acts(const struct sheet *s, int k, struct undo_class *c)
{
	long r;

	c->a0 = c->n > 0 ? sheet_act(s, 0, k) : 0;
	for (r = 1; r < c->n && undo_same(sheet_act(s, r, k), c->a0); r++)
		;
	if (r >= c->n)
		return 0;
	if ((c->a = malloc(c->n * sizeof(double))) == NULL)
		return -1;
	for (r = 0; r < c->n; r++)
		c->a[r] = sheet_act(s, r, k);
	return 0;
}

/* Fills C's target column for class K of S: none when all are +0. */
static int
undo_class_targets(const struct sheet *s, int k, struct undo_class *c)
{
	long r;

	for (r = 0; r < c->n && undo_same(sheet_y(s, r, k), 0.0); r++)
		;
	if (r >= c->n)
		return 0;
	if ((c->y = malloc(c->n * sizeof(double))) == NULL)
		return -1;
	for (r = 0; r < c->n; r++)
		c->y[r] = sheet_y(s, r, k);
	return 0;
}

/* Fills C's row bits, when deleting class K takes some row's target. */
static int
undo_class_bits(const struct sheet *s, int k, struct undo_class *c)
{
	long r;

	if (sheet_class_target_rows(s, k) == 0)
		return 0;
	if ((c->bits = malloc(c->n)) == NULL)
		return -1;
	for (r = 0; r < c->n; r++)
		c->bits[r] = (sheet_has_target(s, r) ? SHEET_ROW_TARGET : 0) |
		    (sheet_label_index(s, r) ? SHEET_ROW_INDEX : 0);
	return 0;
}

int
undo_class_capture(const struct sheet *s, int k, struct undo_class *c)
{
	memset(c, 0, sizeof(*c));
	c->k = k;
	c->n = sheet_rows(s);
	if ((c->name = strdup(sheet_class_name(s, k))) == NULL ||
	    undo_settings_capture(s, 0, &c->set) < 0 ||
	    undo_class_acts(s, k, c) < 0 || undo_class_targets(s, k, c) < 0 ||
	    undo_class_bits(s, k, c) < 0) {
		undo_class_free(c);
		return -1;
	}
	return 0;
}

int
undo_push_add_class(struct undo *u, const struct sheet *s, double step)
{
	struct undo_entry *e = undo_new(u, UNDO_ADD_CLASS, 0);
	int k = sheet_classes(s) - 1;

	if (e == NULL)
		return -1;
	e->cls.k = k;
	if ((e->cls.name = strdup(sheet_class_name(s, k))) == NULL ||
	    undo_settings_capture(s, step, &e->cls.set) < 0)
		return undo_drop(u);
	return undo_done(u);
}

int
undo_push_delete_class(struct undo *u, struct undo_class *before)
{
	struct undo_entry *e = undo_new(u, UNDO_DEL_CLASS, 0);

	if (e == NULL) {
		undo_class_free(before);
		return -1;
	}
	e->cls = *before;
	memset(before, 0, sizeof(*before));
	return undo_done(u);
}

/* Row R of S into A and Y with C's column put back at C->k (INSERT), or
 * with the last class left out; returns the row's SHEET_ROW_* bits. */
static unsigned
undo_class_row(const struct sheet *s, long r, const struct undo_class *c,
    int insert, double *a, double *y)
{
	int j, k = sheet_classes(s);
	unsigned bits = sheet_row_get(s, r, a, y);

	if (!insert)
		return bits;
	for (j = k; j > c->k; j--) {
		a[j] = a[j - 1];
		y[j] = y[j - 1];
	}
	a[c->k] = c->a != NULL ? c->a[r] : c->a0;
	y[c->k] = c->y != NULL ? c->y[r] : 0;
	return c->bits != NULL ? c->bits[r] : bits;
}

/* The names of S's classes with C's put back (INSERT) or the last left
 * out, into the new sheet T's class list NAMES (*NK of them). */
static void
undo_class_names(const struct sheet *s, const struct undo_class *c,
    int insert, const char **names, int *nk)
{
	int j, n = 0, k = sheet_classes(s);

	for (j = 0; j < k; j++) {
		if (insert && j == c->k)
			names[n++] = c->name;
		if (insert || j < k - 1)
			names[n++] = sheet_class_name(s, j);
	}
	if (insert && c->k == k)
		names[n++] = c->name;
	*nk = n;
}

/* 1 when some of the N weights Y is not +0. */
static int
undo_any(const double *y, int n)
{
	int j;

	for (j = 0; j < n; j++)
		if (!undo_same(y[j], 0.0))
			return 1;
	return 0;
}

/* Appends S's rows to T, class C put back or the last left out. */
static int
undo_class_rows(const struct sheet *s, struct sheet *t,
    const struct undo_class *c, int insert)
{
	int k = sheet_classes(s) + 1;
	double *a = malloc(k * sizeof(double)), *y = malloc(k * sizeof(double));
	unsigned bits;
	long r;
	int rc = 0;

	if (a == NULL || y == NULL)
		rc = -1;
	for (r = 0; rc == 0 && r < sheet_rows(s); r++) {
		bits = undo_class_row(s, r, c, insert, a, y);
		if (sheet_append(t, *sheet_id(s, r) ? sheet_id(s, r) : NULL, a,
		    (bits & SHEET_ROW_TARGET) ? y : NULL,
		    (bits & SHEET_ROW_INDEX) != 0) < 0)
			rc = -1;
		/* A row without a target may still hold target weights (a
		 * binary row's complement): they come back too. */
		else if (!(bits & SHEET_ROW_TARGET) && undo_any(y, sheet_classes(t)) &&
		    sheet_row_set(t, r, a, y, bits) < 0)
			rc = -1;
	}
	free(a);
	free(y);
	return rc;
}

/* S rebuilt with class C put back at C->k (INSERT), or without its last
 * class, under C's settings: what sheet_delete_class cannot do in place.
 * NULL when out of memory. */
static struct sheet *
undo_class_rebuild(const struct sheet *s, const struct undo_class *c,
    int insert)
{
	const char **names = malloc((sheet_classes(s) + 1) * sizeof(char *));
	struct sheet *t = NULL;
	int nk;

	if (names == NULL)
		return NULL;
	undo_class_names(s, c, insert, names, &nk);
	if ((t = sheet_new(nk, names)) != NULL) {
		sheet_set_title(t, c->set.title);
		sheet_set_target_style(t, sheet_target_style(s));
		if (sheet_set_opts(t, &c->set.o, NULL, 0) < 0 ||
		    undo_class_rows(s, t, c, insert) < 0) {
			sheet_free(t);
			t = NULL;
		}
	}
	free(names);
	return t;
}

/* Applies a class entry E backwards (DIR -1) or forwards; -2 when out
 * of memory, the sheet as it was. */
static long
undo_apply_class(struct undo_entry *e, struct sheet **s, int dir)
{
	int add = e->kind == UNDO_ADD_CLASS;
	struct sheet *t;

	if (dir > 0)
		return (add ? sheet_add_class(*s, e->cls.name) :
		    sheet_delete_class(*s, e->cls.k)) < 0 ? -2 : 0;
	/* Taking back an add in place is exact, except that a binary sheet
	 * given a second class has targets that the delete would drop. */
	if (add && e->cls.k > 1)
		return sheet_delete_class(*s, e->cls.k) < 0 ? -2 : 0;
	if ((t = undo_class_rebuild(*s, &e->cls, !add)) == NULL)
		return -2;
	sheet_free(*s);
	*s = t;
	return 0;
}

/* Puts row state R back at ROW (inserting a row first when INSERT). */
static void
undo_put_row(struct sheet *s, long row, const struct undo_row *r, int insert)
{
	int j;

	if (insert)
		sheet_insert_row(s, row, -1);
	sheet_row_set(s, row, r->a, r->y, r->bits);
	sheet_set_id(s, row, r->id);
	for (j = 0; j < r->ntext; j++)
		sheet_set_text(s, row, j, r->text[j]);
}

/* Applies entry E of U backwards (DIR -1) or forwards (DIR 1); -2 when
 * out of memory. */
static long
undo_apply(struct undo *u, struct undo_entry *e, struct sheet **s,
    double *step, int dir)
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
		u->bytes -= e->bytes;
		e->bytes = undo_entry_bytes(e);
		u->bytes += e->bytes;
		break;
	case UNDO_SET:
		sheet_set_opts(*s, &st->o, NULL, 0);
		sheet_set_title(*s, st->title);
		*step = st->step;
		break;
	case UNDO_ADD_CLASS:
	case UNDO_DEL_CLASS:
		return undo_apply_class(e, s, dir);
	}
	return e->row;
}

long
undo_undo(struct undo *u, struct sheet **s, double *step)
{
	long r;

	if (u->pos == 0)
		return -1;
	if ((r = undo_apply(u, &u->e[u->pos - 1], s, step, -1)) != -2)
		u->pos--;
	return r;
}

long
undo_redo(struct undo *u, struct sheet **s, double *step)
{
	long r;

	if (u->pos == u->n)
		return -1;
	if ((r = undo_apply(u, &u->e[u->pos], s, step, 1)) != -2)
		u->pos++;
	return r;
}
