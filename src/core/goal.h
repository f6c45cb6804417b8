/*
 * goal.h - the small language of lesson goals, checked after every change.
 *
 *	goal    := or
 *	or      := and ("or" and)*
 *	and     := not ("and" not)*
 *	not     := "not" not | compare
 *	compare := sum [op sum] | sum "has" FLAG
 *	op      := "<" | "<=" | ">" | ">=" | "==" | "!=" | "~="
 *	sum     := term (("+" | "-") term)*
 *	term    := unary (("*" | "/") unary)*
 *	unary   := "-" unary | atom
 *	atom    := NUMBER | "(" or ")" | quantity
 *
 * Quantities (ROW counts from 1; CLASS is a class name, or a 0-based
 * index when no class has that name):
 *	loss[ROW]  if_form[ROW]  sum[ROW]  plain[ROW]  pred[ROW]  target[ROW]
 *	p[ROW,CLASS]  a[ROW,CLASS]  exp[ROW,CLASS]  y[ROW,CLASS]
 *	nll[ROW,CLASS]  naive[ROW,CLASS]
 *	flag[ROW]            the row's flags, for "has": flag[3] has log_zero
 *	mean_loss  accuracy  rows  classes  count(FLAG)
 *	base (2.718.. for e, 2, 10)  temperature  label_smoothing  confident
 *	probs (1 in probs mode, else 0)  logits (the opposite)
 *	cursor_row (1-based)  cursor[ROW,CLASS] (1 when the cursor is there)
 *	pred[ROW] and target[ROW] are class indices; compare them with
 *	class[NAME], the index of class NAME.
 * Comparisons and and/or/not give 1 or 0.  "~=" is equality within 1e-9
 * relative (absolute 1e-12 near zero).  A goal holds when its value is
 * neither 0 nor NaN.  Names and keywords are lower case.  Pure: no I/O.
 *	margin[ROW]  p(target) - the largest other p
 *	conf[ROW]    the top probability
 *
 * The row form (goal_parse_row; filters over rows, see rowfilter.h) has
 * the same grammar over each row's quantities, without [ROW]:
 *	loss  if_form  sum  plain  pred  label  flag  margin  conf
 *	p (the target's probability)  p[CLASS]  a[CLASS]  exp[CLASS]
 *	y[CLASS]  nll[CLASS]  naive[CLASS]
 *	base  temperature  label_smoothing  confident  probs  logits
 *	class[NAME]
 * and two words of its own: a bare flag name means "flag has NAME" (so
 * "nan" is the flag, not the number), and after "label ==", "label !=",
 * "pred ==" or "pred !=" comes a class name ('quoted' or "quoted" when it
 * has spaces or brackets; a 0-based index when no class has that name),
 * or label or pred themselves: "label == dog and pred != label".
 */
#ifndef XENT_CORE_GOAL_H
#define XENT_CORE_GOAL_H

#include <stddef.h>

#include "core/sheet.h"

struct goal;

/* Where the cursor is, for cursor_row and cursor[...]: 0-based row and
 * class (-1 when on no class). */
struct goal_cursor {
	long	row;
	int	k;
};

/* Parses TEXT.  NULL with a message in ERR ("unknown quantity 'lost'",
 * "expected ']' at ...", "unknown flag 'log0'") on failure.  Class names
 * are kept as text and looked up when the goal is evaluated. */
struct goal *goal_parse(const char *text, char *err, size_t errlen);

/* Checks that every class and row the goal names exists in S: -1 with a
 * message ("unknown class 'fsh'", "row 7 is past the last row (5)") when
 * not, for lint. */
int goal_check(const struct goal *g, const struct sheet *s, char *err,
    size_t errlen);

/* Evaluates G on S with cursor CUR: the value (NaN when a named row or
 * class does not exist). */
double goal_eval(const struct goal *g, const struct sheet *s,
    const struct goal_cursor *cur);

/* 1 when the goal holds (value neither 0 nor NaN). */
int goal_met(const struct goal *g, const struct sheet *s,
    const struct goal_cursor *cur);

/* Parses TEXT in the row form (see above); errors as goal_parse, plus
 * "a filter's quantities are each row's: no [ROW] after 'loss'". */
struct goal *goal_parse_row(const char *text, char *err, size_t errlen);

/* Evaluates row-form goal G on row R (0-based) of S: NaN when a class it
 * names or the row does not exist. */
double goal_eval_row(const struct goal *g, const struct sheet *s, long r);

/* The text it was parsed from. */
const char *goal_text(const struct goal *g);

void goal_free(struct goal *g);

#endif
