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
 * the digits as one integer in *M and the digits after the point in
 * *FRAC.  0, or -1 for any other text (an exponent, too many digits). */
static int
num_scan_decimal(const char *p, size_t n, uint64_t *m, int *frac)
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

/* Clinger's fast path: digits M below 2^53 over 10^FRAC (FRAC <= 22)
 * are two exact doubles, so one division rounds correctly, as strtod
 * and from_chars do.  0 with *OUT set, else -1. */
static int
num_fast_decimal(const char *p, size_t n, double *out)
{
	uint64_t m;
	int frac;

	if (num_scan_decimal(p, n, &m, &frac) < 0 || m > (1ull << 53) ||
	    frac > 22)
		return -1;
	*out = (double)m / num_pow10[frac];
	return 0;
}

/* The common case, a plain decimal such as "-2.488" or "1e-5" with
 * nothing around it: Clinger's fast path, else straight to from_chars.
 * 0 when the N bytes at TEXT are one, with *OUT set; -1 sends it the
 * careful way. */
static int
num_parse_plain(const char *text, size_t n, double *out)
{
	int neg = text[0] == '-';
	const char *p = text + neg;
	size_t used;
	double v;

	n -= (size_t)neg;
	if (n == 0 || ((unsigned)(p[0] - '0') > 9 && p[0] != '.'))
		return -1;
	if (num_fast_decimal(p, n, &v) == 0) {
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

int
num_parse(const char *text, double *out)
{
	return num_parse_n(text, strlen(text), out);
}

int
num_parse_n(const char *text, size_t len, double *out)
{
	const char *s, *p, *end;
	enum numconv_status st;
	size_t n;
	double v;
	int neg;

	if (len > 0 && num_parse_plain(text, len, out) == 0)
		return 0;
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

/* Copies 17 bytes: digits, and whatever follows them, which the caller
 * overwrites or ignores; one fixed-size move is cheaper than a call to
 * memcpy for a count known only at run time. */
static void
num_copy17(char *dst, const char *src)
{
	memcpy(dst, src, 17);
}

/* Writes the K digits DIG (no trailing zeros; exponent E, sign NEG) to M
 * as "%.*g" with precision P would: plain for 1e-4 <= |x| < 1e(P), else
 * with an exponent.  P is 15, or the digits when more: the layout xent
 * has always written, so saved files keep their shape.  Returns the
 * length, at most 24 (sign, "0.", 4 zeros, 17 digits), unterminated;
 * M may be written up to byte 34, and DIG is read up to byte 33. */
static size_t
num_emit_to(char *m, int neg, const char *dig, int k, int p, int e)
{
	size_t o = 0;
	int i;

	if (neg)
		m[o++] = '-';
	if (e < -4 || e >= p) {
		m[o++] = dig[0];
		if (k > 1) {
			m[o++] = '.';
			num_copy17(m + o, dig + 1);
			o += (size_t)k - 1;
		}
		o += num_emit_exp(m + o, e);
	} else if (e < 0) {
		m[o++] = '0';
		m[o++] = '.';
		for (i = -1; i > e; i--)
			m[o++] = '0';
		num_copy17(m + o, dig);
		o += (size_t)k;
	} else if (k <= e + 1) {
		/* A whole number: the digits, then zeros up to the point. */
		num_copy17(m + o, dig);
		o += (size_t)k;
		for (i = k; i <= e; i++)
			m[o++] = '0';
	} else {
		num_copy17(m + o, dig);
		o += (size_t)e + 1;
		m[o++] = '.';
		num_copy17(m + o, dig + e + 1);
		o += (size_t)(k - e - 1);
	}
	return o;
}

/* num_emit_to, then copied to BUF as snprintf would. */
static void
num_emit(char *buf, size_t len, int neg, const char *dig, int k, int p,
    int e)
{
	char m[48];

	num_put(buf, len, m, num_emit_to(m, neg, dig, k, p, e));
}

char *
num_format(char *buf, size_t len, double x)
{
	char dig[NUMCONV_DIGROOM];
	int k, e;
	double a = fabs(x);

	if (num_special(buf, len, x))
		return buf;
	/* The shortest digits that read back, and of those the nearest. */
	k = numconv_digits(a, 0, dig, &e);
	num_emit(buf, len, signbit(x) != 0, dig, k, k > 15 ? k : 15, e);
	return buf;
}

/* "00" to "99", for writing two digits at a time. */
static const char num_pairs[] =
    "0001020304050607080910111213141516171819"
    "2021222324252627282930313233343536373839"
    "4041424344454647484950515253545556575859"
    "6061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Writes the decimal digits of V (0 < V < 10^16) at D; returns their
 * count. */
static int
num_put_uint(char *d, uint64_t v)
{
	static const uint64_t pow10[16] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000, 10000000, 100000000, 1000000000, 10000000000ull,
	    100000000000ull, 1000000000000ull, 10000000000000ull,
	    100000000000000ull, 1000000000000000ull };
	int n = 1, i;
	uint64_t q;

	while (n < 16 && v >= pow10[n])
		n++;
	for (i = n; v >= 100; v = q) {
		q = v / 100;
		i -= 2;
		memcpy(d + i, num_pairs + 2 * (v - q * 100), 2);
	}
	if (v >= 10)
		memcpy(d + i - 2, num_pairs + 2 * v, 2);
	else
		d[i - 1] = (char)('0' + v);
	return n;
}

/* The shortest digits of A (> 0, finite) when it is a decimal of at most
 * 15 significant digits with at most 15 after the point, found without
 * to_chars: the first S with A * 10^S a whole Y below 10^15 whose Y /
 * 10^S is A again.  That division is exact Clinger, so Y's digits read
 * back to A; and no other decimal of 15 digits or fewer reads to the
 * same double (DBL_DIG), so they are to_chars' shortest, nearest digits.
 * Returns their count, with the exponent in *E10; 0 when A is none. */
static int
num_short_digits(double a, char dig[NUMCONV_DIGROOM], int *e10)
{
	double y = a, p;
	uint64_t v;
	int s, n;

	for (s = 0; s <= 15 && y < 1e15; s++, y = a * num_pow10[s]) {
		/* Whole when it survives the trip to an integer (y < 2^63). */
		v = (uint64_t)(int64_t)y;
		p = (double)(int64_t)v;
		if (p != y || v == 0 || p / num_pow10[s] != a)
			continue;
		for (; v % 10 == 0; v /= 10, s--)
			;
		n = num_put_uint(dig, v);
		*e10 = n - 1 - s;
		return n;
	}
	return 0;
}

size_t
num_format_typed(char buf[NUM_BUFSZ], double x)
{
	char dig[NUMCONV_DIGROOM];
	int k, e;

	if (num_special(buf, NUM_BUFSZ, x))
		return strlen(buf);
	if ((k = num_short_digits(fabs(x), dig, &e)) == 0)
		return num_format_n(buf, x);
	return num_emit_to(buf, signbit(x) != 0, dig, k, 15, e);
}

/* num_format_n straight from to_chars' scientific text, which is
 * already the layout when an exponent is written; else its digits are
 * made contiguous in place (the first over the point) for num_emit_to.
 * X is finite and not 0. */
static size_t
num_format_sci(char buf[NUM_BUFSZ], double x)
{
	char b[64];
	size_t n = numconv_sci(fabs(x), b + 1);
	const char *ep = b + 1 + n - 4, *p;
	int neg = signbit(x) != 0, k, e = 0;

	/* The exponent has two digits, or three: "e+XX", "e-XXX". */
	if (*ep != 'e')
		ep--;
	k = ep > b + 3 ? (int)(ep - (b + 3)) + 1 : 1;
	for (p = ep + 2; p < b + 1 + n; p++)
		e = e * 10 + (*p - '0');
	if (ep[1] == '-')
		e = -e;
	if (e < -4 || e >= (k > 15 ? k : 15)) {
		buf[0] = '-';
		memcpy(buf + neg, b + 1, 32);
		return (size_t)neg + n;
	}
	b[2] = b[1];
	return num_emit_to(buf, neg, b + 2, k, k > 15 ? k : 15, e);
}

size_t
num_format_n(char buf[NUM_BUFSZ], double x)
{
	if (num_special(buf, NUM_BUFSZ, x))
		return strlen(buf);
	return num_format_sci(buf, x);
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
