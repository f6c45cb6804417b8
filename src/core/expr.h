/*
 * expr.h - the small arithmetic a cell accepts.
 *
 * Grammar: numbers (C locale, "1e-3" included), inf, -inf, nan, the
 * constants e and pi, + - * / ^ (right-associative, binding tighter than
 * unary minus, as in maths: -2^2 = -4), parentheses, and the functions
 * exp, ln, log (base 10, as in Excel), sqrt.  Case-insensitive names,
 * white space anywhere.  Pure: no I/O, no globals, no locale dependence.
 */
#ifndef XENT_CORE_EXPR_H
#define XENT_CORE_EXPR_H

#include <stddef.h>

/* Evaluates TEXT into *OUT.  Returns 0 on success; -1 with a one-line reason
 * in ERR ("unknown name 'foo'", "missing ')'", "empty input", "trailing
 * input at 'x'") on failure, leaving *OUT untouched.  Inputs longer than
 * 1024 bytes or nested deeper than 64 are refused, never overflow the
 * stack.  The result may be inf or nan (1/0, ln(-1)): that is not an error. */
int expr_eval(const char *text, double *out, char *err, size_t errlen);

#endif
