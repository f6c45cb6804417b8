/*
 * num_old.c - num_parse and num_format as they were before <charconv>
 * (strtod_l, and printf's 17 digits cut back while they read back), kept
 * verbatim but renamed so that the tests and the bench can compare the
 * new path with the old one text for text and bit for bit.  Not linked
 * into xent.
 */
#define _GNU_SOURCE
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "tests/core/num_old.h"

/* The C locale, made once: newlocale() is too slow to call per number. */
static locale_t
num_old_c_locale(void)
{
	static locale_t c;

	if (c == (locale_t)0)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c;
}

/* Trims blanks in place: returns the first non-blank, cuts trailing ones. */
static const char *
num_old_trim(const char *s, size_t *len)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

/* Words strtod would take but a sheet should not: hex floats, "nan(...)". */
static int
num_old_suspicious(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == 'x' || s[i] == 'X' || s[i] == '(' || s[i] == 'p' ||
		    s[i] == 'P')
			return 1;
	return 0;
}

int
num_old_parse(const char *text, double *out)
{
	char buf[512], *end;
	const char *s;
	size_t n;
	double v;

	s = num_old_trim(text, &n);
	if (n == 0 || n >= sizeof(buf) || num_old_suspicious(s, n))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	v = strtod_l(buf, &end, num_old_c_locale());
	if (end != buf + n)
		return -1;
	if (isnan(v))
		v = NAN;	/* "-nan" reads as plain nan */
	*out = v;
	return 0;
}

/* Writes the words used for values that have no digits. */
static int
num_old_special(char *buf, size_t len, double x)
{
	if (isnan(x))
		snprintf(buf, len, "nan");
	else if (isinf(x))
		snprintf(buf, len, x > 0 ? "inf" : "-inf");
	else if (x == 0)
		snprintf(buf, len, "0");
	else
		return 0;
	return 1;
}


/* Writes the first P digits of DIG (exponent E, sign NEG) the way %g
 * would: plain for 1e-4 <= |x| < 1e(P), else with an exponent, and no
 * trailing zeros. */
static void
num_old_emit(char *buf, size_t len, int neg, const char *dig, int p, int e)
{
	char m[48];	/* sign, "0.", 4 zeros, 17 digits: 24 at most */
	int n = p, i, o = 0;

	while (n > 1 && dig[n - 1] == '0')
		n--;
	if (e < -4 || e >= p) {
		m[0] = dig[0];
		if (n > 1) {
			m[1] = '.';
			memcpy(m + 2, dig + 1, n - 1);
		}
		m[n > 1 ? n + 1 : 1] = '\0';
		snprintf(buf, len, "%s%se%c%02d", neg ? "-" : "", m,
		    e < 0 ? '-' : '+', e < 0 ? -e : e);
		return;
	}
	if (neg)
		m[o++] = '-';
	if (e < 0) {
		m[o++] = '0';
		m[o++] = '.';
		for (i = -1; i > e; i--)
			m[o++] = '0';
	}
	for (i = 0; i < n || i <= e; i++) {
		if (i == e + 1 && e >= 0 && i < n)
			m[o++] = '.';
		m[o++] = i < n ? dig[i] : '0';
	}
	m[o] = '\0';
	snprintf(buf, len, "%s", m);
}

/* Cuts the 17 digits DIG to P digits in OUT, rounding up when UP is set,
 * carrying into the exponent *E when 9.99... becomes 10. */
static void
num_old_round_digits(const char *dig, int p, int up, char *out, int *e)
{
	int i, carry = up;

	memcpy(out, dig, 17);
	for (i = p - 1; i >= 0 && carry; i--) {
		out[i] = out[i] == '9' ? '0' : out[i] + 1;
		carry = out[i] == '0';
	}
	if (carry) {
		out[0] = '1';
		(*e)++;
	}
	memset(out + p, '0', 17 - p);
}

char *
num_old_format(char *buf, size_t len, double x)
{
	char sci[40], dig[17], r[17];
	double back;
	int e, p, re, up, try, tail, lim, neg = signbit(x) != 0;

	if (num_old_special(buf, len, x))
		return buf;
	/* One conversion to 17 digits; shorter forms are made from those
	 * digits and kept when they read back to the same double. */
	num_snprintf(sci, sizeof(sci), "%.16e", fabs(x));
	dig[0] = sci[0];
	memcpy(dig + 1, sci + 2, 16);
	e = atoi(sci + 19);
	/* Fifteen digits can only read back when the last two of the 17 lie
	 * within half an ulp of a multiple of 100; half an ulp is at most
	 * 2.3 m units of the 17th digit, m the leading digit plus one.  Skip
	 * the attempt otherwise: the common case for computed values. */
	tail = (dig[15] - '0') * 10 + (dig[16] - '0');
	lim = 3 * (dig[0] - '0' + 1) + 2;
	/* (Subnormals have fewer bits, so they always get the attempt.) */
	if (tail <= lim || tail >= 100 - lim || fabs(x) < DBL_MIN)
		p = 15;
	else
		p = 16;
	for (; p < 17; p++) {
		/* Nearest first; then the other neighbour, since rounding the
		 * 17 digits again can miss the one that reads back. */
		for (up = dig[p] >= '5', try = 0; try < 2; try++, up = !up) {
			re = e;
			num_old_round_digits(dig, p, up, r, &re);
			num_old_emit(buf, len, neg, r, p, re);
			if (num_old_parse(buf, &back) == 0 && back == x)
				return buf;
		}
	}
	num_old_emit(buf, len, neg, dig, 17, e);
	return buf;
}

