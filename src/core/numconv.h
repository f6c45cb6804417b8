/*
 * numconv.h - the C++17 <charconv> conversions of a double, for C:
 * std::from_chars to read one and the shortest round-trip std::to_chars to
 * write one.  They never look at the locale, never allocate and never
 * throw.  num.c wraps them in xent's own rules (blanks, signs, the IEEE
 * words, the %g layout); nothing else should call them.
 */
#ifndef XENT_CORE_NUMCONV_H
#define XENT_CORE_NUMCONV_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What numconv_read found. */
enum numconv_status {
	NUMCONV_OK,	/* a number, stored */
	NUMCONV_NONE,	/* no digits where a number should begin */
	NUMCONV_RANGE	/* a number that rounds to 0 or past DBL_MAX */
};

/* Reads the unsigned decimal number (digits, '.', an exponent) at the start
 * of the N bytes at S and stores the bytes it used in *USED.  Returns
 * NUMCONV_OK with *OUT set, NUMCONV_NONE when S does not start with a
 * digit or '.' followed by one, or NUMCONV_RANGE (*OUT untouched). */
enum numconv_status numconv_read(const char *s, size_t n, double *out,
    size_t *used);

/* Room numconv_digits needs at DIG: 17 digits, and past them bytes it may
 * overwrite, so that the digits are copied in one fixed-size move. */
#define NUMCONV_DIGROOM 40

/* Writes significant digits of X (finite, > 0) to DIG and the power of ten
 * of the first to *EXP10 (X ~ D.DDD x 10^*EXP10): when NDIG is 0, those of
 * the shortest decimal that reads back to X and is nearest it (at most 17,
 * no trailing zeros); else NDIG (1 to 17) correctly rounded digits.
 * Returns the number written, 0 when X or NDIG is out of range. */
int numconv_digits(double x, int ndig, char dig[NUMCONV_DIGROOM],
    int *exp10);

/* Writes X (finite, > 0) at OUT as the shortest scientific text that
 * reads back to it, "d.ddde+XX" (the digits numconv_digits gives);
 * returns its length (at most 24), unterminated. */
size_t numconv_sci(double x, char out[NUMCONV_DIGROOM]);

#ifdef __cplusplus
}
#endif

#endif
