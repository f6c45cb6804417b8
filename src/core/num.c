/*
 * num.c - C-locale number I/O and careful primitives; see num.h.
 */
#define _GNU_SOURCE
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "core/numconv.h"

/* The C locale, made once: newlocale() is too slow to call per number. */
static locale_t
num_c_locale(void)
{
	static locale_t c;

	if (c == (locale_t)0)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c;
}

void
num_init(void)
{
	(void)num_c_locale();
}

/* Longest text num_parse looks at, blanks trimmed: as before <charconv>,
 * when the text went through a 512-byte copy for strtod. */
#define NUM_TEXT_MAX 511

/* Trims blanks in place: returns the first non-blank, cuts trailing ones. */
static const char *
num_trim(const char *s, size_t *len)
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
num_suspicious(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == 'x' || s[i] == 'X' || s[i] == '(' || s[i] == 'p' ||
		    s[i] == 'P')
			return 1;
	return 0;
}

/* Skips the C locale's spaces.  num_trim takes only blanks and tabs, but
 * strtod skipped all six before the number, so "\n1" has always read as
 * 1 and must go on doing so. */
static const char *
num_skip_space(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || (*s >= '\t' && *s <= '\r')))
		s++;
	return s;
}

/* 1 when the N bytes at S spell WORD (lower case) in any case.  ASCII
 * only, never the locale's: in a Turkish locale "INF" must stay inf. */
static int
num_word(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (word[i] == '\0' || (s[i] | 0x20) != word[i])
			return 0;
	return word[n] == '\0';
}

/* strtod_l in the C locale on the N bytes at S (N <= NUM_TEXT_MAX), for
 * the texts from_chars reports out of range: it leaves the value alone,
 * where strtod gives what num_parse has always given (+-inf past DBL_MAX,
 * +-0 below half the smallest subnormal). */
static double
num_strtod(const char *s, size_t n)
{
	char buf[NUM_TEXT_MAX + 1];

	memcpy(buf, s, n);
	buf[n] = '\0';
	return strtod_l(buf, NULL, num_c_locale());
}

/* Reads the unsigned number or word filling the N bytes at S into *V:
 * returns NUMCONV_OK, NUMCONV_RANGE, or NUMCONV_NONE for anything else. */
static enum numconv_status
num_read_unsigned(const char *s, size_t n, double *v)
{
	enum numconv_status st;
	size_t used;

	if (num_word(s, n, "inf") || num_word(s, n, "infinity")) {
		*v = INFINITY;
		return NUMCONV_OK;
	}
	if (num_word(s, n, "nan")) {
		*v = NAN;	/* strtod's sign of a NaN is dropped below */
		return NUMCONV_OK;
	}
	st = numconv_read(s, n, v, &used);
	return used == n ? st : NUMCONV_NONE;
}

/* Exact powers of ten: every one up to 1e22 is a double. */
static const double num_pow10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* The N bytes at P as "DIGITS[.DIGITS]" of at most 19 digits in all:
 * the digits as one integer in *M, the digits before the point in
 * *WHOLE and after it in *FRAC.  0, or -1 for any other text (an
 * exponent, too many digits). */
static int
num_scan_decimal(const char *p, size_t n, uint64_t *m, int *whole,
    int *frac)
{
	const char *q = p, *e = p + n, *dot;
	uint64_t v = 0;
	unsigned d;

	if (n == 0 || n > 20)
		return -1;
	while (q < e && (d = (unsigned)(*q - '0')) <= 9) {
		v = v * 10 + d;
		q++;
	}
	dot = q;
	*whole = (int)(dot - p);
	*frac = 0;
	if (q < e) {
		if (*q++ != '.' || q == e)
			return -1;
		while (q < e && (d = (unsigned)(*q - '0')) <= 9) {
			v = v * 10 + d;
			q++;
		}
		if (q != e)
			return -1;
		*frac = (int)(e - dot - 1);
		n--;
	}
	if (n > 19)
		return -1;
	*m = v;
	return 0;
}

/* 1 when the plain decimal at P (N bytes: digits M, WHOLE before the
 * point and FRAC after it; NEG when a '-' came before) is what
 * num_format_n writes for it: 15 significant digits or fewer (DBL_DIG:
 * then no shorter text reads back to the same double, so they are the
 * shortest's own), no zero in front but the one of "0.5", none at the
 * end of a fraction, and from 1e-4 ("0.000d") to below 1e15, the range
 * %.15g writes without an exponent.  Zero is "0" alone. */
static int
num_same(const char *p, size_t n, uint64_t m, int whole, int frac, int neg)
{
	if (m == 0)
		return !neg && n == 1;
	if (whole == 0 || m >= 1000000000000000ull ||
	    (whole > 1 && p[0] == '0') || (frac > 0 && p[n - 1] == '0'))
		return 0;
	/* "0.000" and more zeros: M has FRAC digits less the zeros. */
	return p[0] != '0' || frac <= 4 || m >= (uint64_t)num_pow10[frac - 4];
}

/* Clinger's fast path: digits M below 2^53 over 10^FRAC (FRAC <= 22)
 * are two exact doubles, so one division rounds correctly, as strtod
 * and from_chars do.  0 with *OUT set (and *SAME, when not NULL, as
 * num_same), else -1. */
static int
num_fast_decimal(const char *p, size_t n, double *out, int neg, int *same)
{
	uint64_t m;
	int whole, frac;

	if (num_scan_decimal(p, n, &m, &whole, &frac) < 0 ||
	    m > (1ull << 53) || frac > 22)
		return -1;
	*out = (double)m / num_pow10[frac];
	if (same != NULL)
		*same = num_same(p, n, m, whole, frac, neg);
	return 0;
}

/* The common case, a plain decimal such as "-2.488" or "1e-5" with
 * nothing around it: Clinger's fast path, else straight to from_chars.
 * 0 when the N bytes at TEXT are one, with *OUT set; -1 sends it the
 * careful way.  *SAME as num_parse_same, when not NULL. */
static int
num_parse_plain(const char *text, size_t n, double *out, int *same)
{
	int neg = text[0] == '-';
	const char *p = text + neg;
	size_t used;
	double v;

	n -= (size_t)neg;
	if (n == 0 || ((unsigned)(p[0] - '0') > 9 && p[0] != '.'))
		return -1;
	if (num_fast_decimal(p, n, &v, neg, same) == 0) {
		*out = neg ? -v : v;
		return 0;
	}
	if ((unsigned)(p[0] - '0') > 9)
		return -1;
	if (n > NUM_TEXT_MAX || numconv_read(p, n, &v, &used) != NUMCONV_OK ||
	    used != n)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

static int num_parse_careful(const char *text, double *out);

int
num_parse(const char *text, double *out)
{
	return num_parse_n(text, strlen(text), out);
}

int
num_parse_same(const char *text, size_t len, double *out, int *same)
{
	*same = 0;	/* num_parse_plain sets it only for the fast path */
	if (len > 0 && num_parse_plain(text, len, out, same) == 0)
		return 0;
	return num_parse_careful(text, out);
}

int
num_parse_n(const char *text, size_t len, double *out)
{
	if (len > 0 && num_parse_plain(text, len, out, NULL) == 0)
		return 0;
	return num_parse_careful(text, out);
}

/* num_parse_n for the text num_parse_plain sent the careful way
 * (blanks, '+', the IEEE words, out-of-range values), measured again:
 * it is NUL-terminated. */
static int
num_parse_careful(const char *text, double *out)
{
	const char *s, *p, *end;
	enum numconv_status st;
	size_t n;
	double v;
	int neg;

	s = num_trim(text, &n);
	if (n == 0 || n > NUM_TEXT_MAX || num_suspicious(s, n))
		return -1;
	end = s + n;
	p = num_skip_space(s, end);
	/* One sign, which from_chars would refuse ('+') or could take twice
	 * ("--1" once the first is stripped): it is handled here. */
	neg = p < end && *p == '-';
	if (p < end && (*p == '-' || *p == '+'))
		p++;
	st = num_read_unsigned(p, (size_t)(end - p), &v);
	if (st == NUMCONV_NONE)
		return -1;
	if (st == NUMCONV_RANGE)
		v = num_strtod(s, n);
	else if (neg && !isnan(v))	/* "-nan" reads as plain nan */
		v = -v;
	*out = v;
	return 0;
}

/* Copies the N bytes at S to BUF as snprintf("%s") would: cut to fit LEN,
 * always terminated when LEN > 0. */
static void
num_put(char *buf, size_t len, const char *s, size_t n)
{
	if (len == 0)
		return;
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* Writes the words used for values that have no digits. */
static int
num_special(char *buf, size_t len, double x)
{
	if (isnan(x))
		num_put(buf, len, "nan", 3);
	else if (isinf(x))
		num_put(buf, len, x > 0 ? "inf" : "-inf", x > 0 ? 3 : 4);
	else if (x == 0)
		num_put(buf, len, "0", 1);
	else
		return 0;
	return 1;
}

int
num_snprintf(char *buf, size_t len, const char *fmt, ...)
{
	locale_t old;
	va_list ap;
	int n;

	old = uselocale(num_c_locale());
	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	uselocale(old);
	return n;
}

/* Writes "e+XX" or "e-XXX" at M as %e does (two digits at least) and
 * returns the bytes written. */
static size_t
num_emit_exp(char *m, int e)
{
	size_t o = 0;
	int a = e < 0 ? -e : e;

	m[o++] = 'e';
	m[o++] = e < 0 ? '-' : '+';
	if (a >= 100)
		m[o++] = (char)('0' + a / 100);
	m[o++] = (char)('0' + a / 10 % 10);
	m[o++] = (char)('0' + a % 10);
	return o;
}

/* The 8 decimal digits of N (< 10^8), leading zeros kept, as 8 bytes in
 * memory order: each step splits every lane in two at once (4+4 digits,
 * then 2+2, then 1+1), multiplying by a scaled reciprocal instead of
 * dividing, which is exact for lanes this small.  A number's digits are
 * then short chains in registers, not 8 divisions one after another;
 * inlined, so that a number's two chains overlap. */
static inline __attribute__((always_inline)) uint64_t
num_digits8(uint32_t n)
{
	uint64_t m = (uint64_t)(n / 10000) | (uint64_t)(n % 10000) << 32;
	uint64_t t = (m * 10486 >> 20) & 0x0000007F0000007FULL;
	uint64_t h = (m - 100 * t) << 16 | t;
	uint64_t d = (h * 103 >> 10) & 0x000F000F000F000FULL;

	d += (h - 10 * d) << 8;
	d |= 0x3030303030303030ULL;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	d = __builtin_bswap64(d);
#endif
	return d;
}

/* Sixteen digits as they lie in memory, held in a register. */
typedef unsigned __int128 num_digits16;

/* The two words of 8 digits, FIRST before SECOND in memory. */
static num_digits16
num_join(uint64_t first, uint64_t second)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (num_digits16)first << 64 | second;
#else
	return (num_digits16)second << 64 | first;
#endif
}

/* T without its first N bytes (N < 16), the rest moved up to the front. */
static num_digits16
num_skip(num_digits16 t, int n)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return t << 8 * n;
#else
	return t >> 8 * n;
#endif
}

/* The shortest digits of A (finite, > 0) that read back to it, nearest
 * it: *K of them (1 to 17), the first in *FIRST and the other 16 in *REST
 * (zeros past the K-th), and the power of ten of the first in *E10 (A ~
 * D.DDD x 10^*E10). */
static void
num_digits(double a, char *first, num_digits16 *rest, int *k, int *e10)
{
	static const uint64_t pow10[18] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000, 10000000, 100000000, 1000000000, 10000000000ull,
	    100000000000ull, 1000000000000ull, 10000000000000ull,
	    100000000000000ull, 1000000000000000ull, 10000000000000000ull,
	    100000000000000000ull };
	uint64_t sig, hi;
	int e, n;

	numconv_shortest(a, &sig, &e);
	/* log10 from the bit length (1233/4096 ~ log10 2), one short at
	 * most, which the table mends. */
	n = (64 - __builtin_clzll(sig)) * 1233 >> 12;
	n += sig >= pow10[n];
	/* 17 digits, the number's first: its own, then zeros. */
	sig *= pow10[17 - n];
	hi = sig / 100000000;
	*first = (char)('0' + hi / 100000000);
	*rest = num_join(num_digits8((uint32_t)(hi % 100000000)),
	    num_digits8((uint32_t)(sig % 100000000)));
	*k = n;
	*e10 = e + n - 1;
}

/* Writes 16 digits at M (unaligned; one store). */
static void
num_store16(char *m, num_digits16 t)
{
	memcpy(m, &t, sizeof(t));
}

/* Writes the digits of num_digits (sign NEG) to M as "%.*g" with
 * precision P would: plain for 1e-4 <= |x| < 1e(P), else with an
 * exponent.  P is 15, or the digits when more: the layout xent has always
 * written, so saved files keep their shape.  Returns the length, at most
 * 24 (sign, "0.", 4 zeros, 17 digits), unterminated; M may be written up
 * to byte 34.  The digits are stored from registers, never read back
 * from memory, where a 16-byte load over the small stores that made them
 * would stall. */
static size_t
num_emit_to(char *m, int neg, char first, num_digits16 rest, int k, int p,
    int e)
{
	size_t o = neg != 0;

	m[0] = '-';
	if (e < -4 || e >= p) {
		m[o] = first;
		m[o + 1] = '.';
		num_store16(m + o + 2, rest);
		o += k > 1 ? (size_t)k + 1 : 1;
		return o + num_emit_exp(m + o, e);
	}
	if (e < 0) {
		/* "0.", zeros up to the first digit, the digits. */
		memcpy(m + o, "0.000", 5);
		o += (size_t)(1 - e);
		m[o] = first;
		num_store16(m + o + 1, rest);
		return o + (size_t)k;
	}
	m[o] = first;
	num_store16(m + o + 1, rest);
	if (k <= e + 1)		/* whole: the digits and zeros up to the point */
		return o + (size_t)e + 1;
	/* The digits after the point go one byte right, past a '.'. */
	num_store16(m + o + e + 2, num_skip(rest, e));
	m[o + e + 1] = '.';
	return o + (size_t)k + 1;
}

char *
num_format(char *buf, size_t len, double x)
{
	char m[48];

	if (num_special(buf, len, x))
		return buf;
	num_put(buf, len, m, num_format_n(m, x));
	return buf;
}

size_t
num_format_n(char buf[NUM_BUFSZ], double x)
{
	num_digits16 rest;
	char first;
	int k, e;

	if (num_special(buf, NUM_BUFSZ, x))
		return strlen(buf);
	num_digits(fabs(x), &first, &rest, &k, &e);
	/* %.15g's layout, or %.16g's and %.17g's for the longer digits. */
	return num_emit_to(buf, signbit(x) != 0, first, rest, k,
	    k > 15 ? k : 15, e);
}

char *
num_format_round(char *buf, size_t len, double x, int digits)
{
	if (!num_special(buf, len, x))
		num_snprintf(buf, len, "%.*g", digits, x);
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, len, "0");
	return buf;
}

double
num_softplus(double x)
{
	if (x > 0)
		return x + log1p(exp(-x));
	return log1p(exp(x));
}

int
num_differ(double a, double b, double rel)
{
	double m;

	if (isnan(a) || isnan(b))
		return !isnan(a) != !isnan(b) && (isfinite(a) || isfinite(b));
	if (isfinite(a) != isfinite(b))
		return 1;
	if (!isfinite(a))
		return a != b;
	m = fmax(fabs(a), fabs(b));
	return fabs(a - b) > rel * m;
}
