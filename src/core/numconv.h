/*
 * numconv.h - the exact, fast conversions of a double, for C:
 * std::from_chars to read one and Dragonbox's shortest digits (from
 * libfmt) to write one.  They never look at the locale, never allocate
 * and never throw.  num.c wraps them in xent's own rules (blanks, signs,
 * the IEEE words, the %g layout); nothing else should call them.
 */
#ifndef XENT_CORE_NUMCONV_H
#define XENT_CORE_NUMCONV_H

#include <stddef.h>
#include <stdint.h>

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

/* Finds the shortest decimal that reads back to X (finite, > 0) and, of
 * those, the nearest to it (ties to even): X ~ *SIG x 10^*EXP10, with
 * *SIG of 1 to 17 digits and no trailing zeros. */
void numconv_shortest(double x, uint64_t *sig, int *exp10);

#ifdef __cplusplus
}
#endif

#endif
