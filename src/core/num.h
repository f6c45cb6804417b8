/*
 * num.h - numbers in and out, in the C locale, and the numerically careful
 * primitives the sheet is built from.
 *
 * Sheets are written with '.' decimals whatever LC_ALL says: the grid calls
 * setlocale() for wide characters, and a German locale must not turn "0.5"
 * into an error.  Nothing here allocates, prints or exits.
 */
#ifndef XENT_CORE_NUM_H
#define XENT_CORE_NUM_H

#include <stddef.h>

/* Room for any number num_format writes, terminator included. */
#define NUM_BUFSZ 40

/* Makes ready what the functions below share (the C locale), so that
 * they may then be called on several threads at once. */
void num_init(void);

/* Parses all of TEXT (leading/trailing blanks allowed) as a double in the C
 * locale; "inf", "-inf", "infinity" and "nan" in any case are accepted.
 * Returns 0, or -1 when TEXT is empty or has anything else in it. */
int num_parse(const char *text, double *out);

/* The same on TEXT of LEN bytes (TEXT[LEN] is NUL: the text is a C
 * string whose length the caller knows, so it is not measured again). */
int num_parse_n(const char *text, size_t len, double *out);

/* num_parse_n, and *SAME set to 1 when num_format_n writes the number
 * read as these very LEN bytes, so that a writer may copy the text
 * instead: a plain decimal of 15 significant digits or fewer, from 1e-4
 * to below 1e15, with no '+', no zero in front but the one of "0.5" and
 * none at the end of a fraction ("-3.865694", "0.001", "1200", "0").
 * *SAME is 0 for any other text, though some of those are written the
 * same too (a 16-digit one may be). */
int num_parse_same(const char *text, size_t len, double *out, int *same);

/* Writes X to BUF in the shortest form that reads back to the same double
 * (at most 17 significant digits), as "inf", "-inf" or "nan" (never "-nan"),
 * and 0 for -0.  Returns BUF. */
char *num_format(char *buf, size_t len, double x);

/* num_format into NUM_BUFSZ bytes at BUF, unterminated (bytes past the
 * length may be written too): returns the length, for writers that build
 * a line in place. */
size_t num_format_n(char buf[NUM_BUFSZ], double x);

/* Longest text num_parse_same calls the same, with room to spare: a
 * writer may copy this many bytes of it at once. */
#define NUM_ECHO_MAX 24

/* Writes X rounded to DIGITS significant digits for reading ("%.*g" in the C
 * locale, with the same inf/nan/-0 rules).  Returns BUF. */
char *num_format_round(char *buf, size_t len, double x, int digits);

/* snprintf in the C locale, whatever the process locale is. */
int num_snprintf(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* log(1 + exp(x)) without overflow or loss of precision. */
double num_softplus(double x);

/* 1 when A and B differ by more than REL relative to the larger magnitude,
 * or exactly one of them is finite; NaNs never differ from each other. */
int num_differ(double a, double b, double rel);

#endif
