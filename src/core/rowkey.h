/*
 * rowkey.h - the sort keys of `:sort` and `xent eval --sort`, and the few
 * row quantities (the target's probability, the top probability, the
 * margin) that the sort, the row filter and the whole-set figures share.
 *
 * Keys and their default orders: loss (largest first), p (the target's
 * probability, smallest first), margin (p(label) minus the largest other
 * p, smallest first), conf (the top probability, largest first), label and
 * pred (class order), id (in order: runs of digits compare as numbers, so
 * 9 comes before 10), a[CLASS] (that class's activation, largest first),
 * row (the file's order).  A key's value that is NaN (a row without a
 * target, say) sorts last in either direction; ties keep the file's order.
 * Pure: no I/O.
 */
#ifndef XENT_CORE_ROWKEY_H
#define XENT_CORE_ROWKEY_H

#include <stddef.h>

#include "core/sheet.h"

enum rowkey_kind { ROWKEY_LOSS, ROWKEY_P, ROWKEY_MARGIN, ROWKEY_CONF,
	ROWKEY_LABEL, ROWKEY_PRED, ROWKEY_ID, ROWKEY_ACT, ROWKEY_ROW };

struct rowkey {
	enum rowkey_kind kind;
	int		 cls;	/* ROWKEY_ACT's class */
	int		 desc;	/* 1 = descending */
};

/* "KEY [asc|desc]" (loss p margin conf label pred id a[CLASS] row), the
 * default orders above; 0, or -1 with a one-line reason in ERR. */
int rowkey_parse(const struct sheet *s, const char *text, struct rowkey *k,
    char *err, size_t errlen);

/* The row's key value (label/pred: class index; id: its number when the id
 * is one, else NaN: ids compare as text, see rowkey_item_cmp). */
double rowkey_value(const struct sheet *s, const struct rowkey *k, long r);

/* Stable sort of rows[0..n) (sheet row indices) by K: ties keep the
 * sheet's (file) order.  0, or -1 (no memory, ROWS unchanged). */
int rowkey_sort(const struct sheet *s, const struct rowkey *k, long *rows,
    long n);

/* The key of one row, detached from its sheet (for `--top`, which keeps
 * rows from blocks already gone). */
struct rowkey_item {
	double		 v;	/* rowkey_value */
	const char	*id;	/* ROWKEY_ID's text (the caller keeps it) */
	long		 row;	/* the row's place in the file */
};

/* Fills IT for row R of S, which is row ROW of the file. */
void rowkey_item_of(const struct sheet *s, const struct rowkey *k, long r,
    long row, struct rowkey_item *it);

/* <0 when A comes before B in K's order, >0 after; never 0 for two
 * different rows (the file's order breaks ties). */
int rowkey_item_cmp(const struct rowkey *k, const struct rowkey_item *a,
    const struct rowkey_item *b);

/* Compares ids A and B with runs of digits taken as numbers. */
int rowkey_id_cmp(const char *a, const char *b);

/* The probability of outcome C of row R (binary sheets: 1 = not the
 * class); NaN for C < 0. */
double rowkey_outcome_p(const struct sheet *s, long r, int c);

/* The probability of row R's hard target; NaN without a target. */
double rowkey_target_p(const struct sheet *s, long r);

/* The top probability of row R (the predicted class's); NaN when none. */
double rowkey_conf(const struct sheet *s, long r);

/* p(target) minus the largest other probability; NaN without a target. */
double rowkey_margin(const struct sheet *s, long r);

#endif
