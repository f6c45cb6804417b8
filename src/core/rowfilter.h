/*
 * rowfilter.h - the row form of the goal language, for `:filter` and
 * `xent eval --filter`: an expression over each row's quantities that
 * keeps the rows where it holds.
 *
 *	loss > 2                        confident_wrong
 *	not_normalized or log_zero      label == dog and pred == cat
 *	p < 0.1 and not (pred == label) a[cat] > 5 or margin < 0
 *
 * The quantities are the goal language's row quantities without [ROW]
 * (loss if_form sum plain p p[CLASS] a[CLASS] exp[CLASS] y[CLASS]
 * nll[CLASS] naive[CLASS] margin conf label pred flag, and the settings),
 * a bare flag name meaning "flag has NAME", label and pred compared with
 * class names, and/or/not, comparisons, arithmetic and brackets; goal.h
 * has the grammar.  A row where the expression is NaN (the loss of a row
 * without a target compared with anything) is not kept.  Pure: no I/O.
 */
#ifndef XENT_CORE_ROWFILTER_H
#define XENT_CORE_ROWFILTER_H

#include <stddef.h>

#include "core/sheet.h"

struct rowfilter;

/* Parses TEXT against S's classes (an unknown class is an error here, not
 * a filter that keeps nothing).  NULL with a one-line reason in ERR. */
struct rowfilter *rowfilter_parse(const struct sheet *s, const char *text,
    char *err, size_t errlen);

/* 1 when F holds on row R of S, else 0.  S may be another sheet with the
 * same classes (the next block of a stream). */
int rowfilter_match(const struct rowfilter *f, const struct sheet *s,
    long r);

/* The text F was parsed from. */
const char *rowfilter_text(const struct rowfilter *f);

/* Frees F; NULL is allowed. */
void rowfilter_free(struct rowfilter *f);

#endif
