/*
 * check_num.c - number I/O in the C locale and the careful primitives.
 */
#define _GNU_SOURCE
#include <float.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/num.h"
#include "tests/core/num_old.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* The next of a xorshift sequence: the same doubles on every run. */
static unsigned long long
num_test_next(unsigned long long *u)
{
	*u ^= *u << 13;
	*u ^= *u >> 7;
	*u ^= *u << 17;
	return *u;
}

/* The Ith of a mix of doubles from the next random number: whole bit
 * patterns (every magnitude and NaNs), subnormals, integers, and short
 * decimals like a sheet's, all of either sign. */
static double
num_test_double(unsigned long long *u, long i)
{
	static const double ten[16] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	unsigned long long r = num_test_next(u);
	double x;

	switch (i % 5) {
	case 0:
		memcpy(&x, &r, sizeof(x));
		return x;
	case 1:
		r &= 0x800fffffffffffffULL;	/* exponent 0: subnormal */
		memcpy(&x, &r, sizeof(x));
		return x;
	case 2:
		return (double)(long long)(r >> (r % 64));
	case 3:
		return (double)(r % 1000000) / ten[r >> 40 & 15] *
		    (r >> 63 ? -1 : 1);
	default:
		return (double)(r % 100000000) / 1000.0 * (r >> 62 & 1 ? -1 : 1);
	}
}

/* CPU seconds of this process, for the timings the tests print (wall
 * time says more about the other jobs on the machine). */
static double
num_test_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parsing accepts numbers and the IEEE words, and nothing else. */
START_TEST(test_parse)
{
	double v = 7;

	ck_assert_int_eq(num_parse("0.5", &v), 0);
	ck_assert(v == 0.5);
	ck_assert_int_eq(num_parse("  -1e-3\t", &v), 0);
	ck_assert(v == -1e-3);
	ck_assert_int_eq(num_parse("inf", &v), 0);
	ck_assert(isinf(v) && v > 0);
	ck_assert_int_eq(num_parse("-Infinity", &v), 0);
	ck_assert(isinf(v) && v < 0);
	ck_assert_int_eq(num_parse("NaN", &v), 0);
	ck_assert(isnan(v) && !signbit(v));
	ck_assert_int_eq(num_parse("-nan", &v), 0);
	ck_assert(isnan(v) && !signbit(v));
	v = 7;
	ck_assert_int_eq(num_parse("", &v), -1);
	ck_assert_int_eq(num_parse("  ", &v), -1);
	ck_assert_int_eq(num_parse("0,5", &v), -1);
	ck_assert_int_eq(num_parse("1.5x", &v), -1);
	ck_assert_int_eq(num_parse("0x10", &v), -1);
	ck_assert_int_eq(num_parse("nan(1)", &v), -1);
	ck_assert_int_eq(num_parse("abc", &v), -1);
	ck_assert_int_eq(num_parse("--1", &v), -1);
	ck_assert_int_eq(num_parse("+-1", &v), -1);
	ck_assert_int_eq(num_parse("- 1", &v), -1);
	ck_assert_int_eq(num_parse("1e", &v), -1);
	ck_assert_int_eq(num_parse("infinit", &v), -1);
	ck_assert_int_eq(num_parse("1\n", &v), -1);
	ck_assert(v == 7);
	ck_assert_int_eq(num_parse("+1", &v), 0);
	ck_assert(v == 1);
	ck_assert_int_eq(num_parse("\n 2.5 \r", &v), 0);	/* as strtod did */
	ck_assert(v == 2.5);
	ck_assert_int_eq(num_parse("-0", &v), 0);
	ck_assert(v == 0 && signbit(v));
	ck_assert_int_eq(num_parse("1e400", &v), 0);
	ck_assert(isinf(v) && v > 0);
	ck_assert_int_eq(num_parse("-1e-400", &v), 0);
	ck_assert(v == 0 && signbit(v));
	ck_assert_int_eq(num_parse("4.9e-324", &v), 0);
	ck_assert(v == 5e-324);
}
END_TEST

/* Texts for the parse corpus: the edges of from_chars, every spelling xent
 * takes, and garbage; each must read as strtod_l read it, or be refused
 * as before. */
static const char *const num_test_corpus[] = {
	"0", "-0", "+0", "0.0", "-0.0", ".5", "5.", "-.5", "+.5", "1", "+1",
	"-1", "0.98", "0.1", "1e5", "1E5", "1e+5", "1e-5", "1.5e-3", "00012",
	"1e400", "-1e400", "1e-400", "-1e-400", "1e99999999999999999999",
	"1e-99999999999999999999", "0e99999999999999999999",
	"2.4703282292062327e-324", "-2.4703282292062327e-324",
	"2.4703282292062328e-324", "2.4703282292062327208828439643e-324",
	"4.9e-324", "-4.9e-324", "5e-324", "1e-323", "2.225073858507201e-308",
	"2.2250738585072011e-308", "2.2250738585072014e-308", "1e-310",
	"1.7976931348623157e308", "1.7976931348623158e308",
	"1.7976931348623159e308", "-1.7976931348623159e308",
	"179769313486231580793728971405303415079934132710037826936173778980444"
	"968292764750946649017977587207096330286416692887910946555547851940402"
	"630657488671505820681908902000708383676273854845817711531764475730270"
	"069855571366959622842914819860834936475292719074168444365510704342711"
	"559699508093042880177904174497791.9999999999",
	"0.30000000000000004", "0.3000000000000000444089209850062616169452667",
	"123456789012345678901234567890", "1.23456789012345678901234567890e-300",
	"9007199254740993", "9007199254740992.9999999999999999999999999999",
	"0.000000000000000000000000000000000000000000000000000000000000000001",
	"  1", "1  ", "\t-1\t", " 1 \r", "\n1", "\v\f1", "\r1",
	"inf", "INF", "Inf", "-inf", "+inf", "infinity", "INFINITY", "-Infinity",
	"+iNfInItY", "nan", "NaN", "NAN", "-nan", "+nan", "-NaN",
	"", " ", "\t", "+", "-", ".", "-.", "e5", ".e5", "1e", "1e+", "1e-",
	"1.5x", "0,5", "1,000", "abc", "--1", "++1", "+-1", "-+1", "- 1", "1 2",
	"1..2", "1.2.3", "1e5e5", "1e5.5", "0x10", "0X1p3", "0x1.8p1", "1p3",
	"nan(1)", "nan()", "NAN(0x1)", "inf(1)", "infinit", "infinityy", "in",
	"nana", "-", "1\n", "1\v", "1\f", "\n", "1_000", "1e5 x", "x1",
};

/* Every corpus text is accepted or refused as before, and when accepted
 * reads to strtod_l's double bit for bit (NaN: the one plain NaN). */
START_TEST(test_parse_corpus)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	double v, old;
	char *end;
	size_t i;
	int r;

	ck_assert(c != (locale_t)0);
	for (i = 0; i < sizeof(num_test_corpus) / sizeof(*num_test_corpus);
	    i++) {
		const char *t = num_test_corpus[i];

		v = 7;
		r = num_parse(t, &v);
		ck_assert_msg(r == num_old_parse(t, &old),
		    "\"%s\": %d, but %d before", t, r, !r ? -1 : 0);
		if (r != 0) {
			ck_assert_msg(v == 7, "\"%s\" changed *out", t);
			continue;
		}
		old = strtod_l(t, &end, c);
		if (isnan(old))
			old = NAN;
		ck_assert_msg(memcmp(&v, &old, sizeof(v)) == 0,
		    "\"%s\" reads %a, strtod_l %a", t, v, old);
	}
	freelocale(c);
}
END_TEST

/* Random texts of number-like bytes, and random doubles written with 1 to
 * 30 digits: accepted or refused as before, and read to the same bits. */
START_TEST(test_parse_fuzz)
{
	static const char al[] = "0123456789000..eE+-+- \t\n\r\vinfatyINFATY";
	unsigned long long u = 2463534242ULL;
	char t[64];
	double a, b, x;
	long i, accepted = 0;
	int n, j, ra, rb;

	for (i = 0; i < 300000; i++) {
		n = (int)(num_test_next(&u) % 12);
		for (j = 0; j < n; j++)
			t[j] = al[num_test_next(&u) % (sizeof(al) - 1)];
		t[n] = '\0';
		if (i % 2) {
			x = num_test_double(&u, i / 2);
			snprintf(t, sizeof(t), "%.*e",
			    (int)(num_test_next(&u) % 30), x);
		}
		a = b = 7;
		ra = num_parse(t, &a);
		rb = num_old_parse(t, &b);
		/* No ck_assert per text: Check reports each one to the runner
		 * through a pipe, which costs more than the parsing. */
		if (ra != rb)
			ck_abort_msg("\"%s\": %d, but %d before", t, ra, rb);
		if (memcmp(&a, &b, sizeof(a)) != 0)
			ck_abort_msg("\"%s\" reads %a, before %a", t, a, b);
		accepted += ra == 0;
	}
	ck_assert_int_gt(accepted, 150000);
}
END_TEST

/* Plain decimals of 1 to 21 digits, the texts the fast path takes
 * (digits below 2^53 over a power of ten up to 1e22) and its edges
 * (2^53 + 1, 19 and 20 digits, 22 and 23 decimals): each reads to
 * strtod_l's double bit for bit, through num_parse and num_parse_n. */
START_TEST(test_parse_plain)
{
	static const char *const edge[] = {
		"9007199254740992", "9007199254740993", "-9007199254740993",
		"9007199254740.993", "0.9007199254740993", "1234567890123456789",
		"12345678901234567890", "1.234567890123456789", "0.1", "-0.0",
		"0.0000000000000000000001", "0.00000000000000000000001",
		"4503599627370497.5", ".000", "-.9", "18446744073709551615",
	};
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	unsigned long long u = 99991ULL;
	char t[64];
	double v, w, old;
	long i;
	int n, j, dot, neg;

	ck_assert(c != (locale_t)0);
	for (i = 0; i < 400000; i++) {
		if (i < (long)(sizeof(edge) / sizeof(*edge)))
			snprintf(t, sizeof(t), "%s", edge[i]);
		else {
			n = 1 + (int)(num_test_next(&u) % 21);
			dot = (int)(num_test_next(&u) % (n + 1));
			neg = (int)(num_test_next(&u) % 2);
			j = 0;
			if (neg)
				t[j++] = '-';
			for (int d = 0; d < n; d++) {
				if (d == dot && dot > 0)
					t[j++] = '.';
				t[j++] = (char)('0' + num_test_next(&u) % 10);
			}
			t[j] = '\0';
		}
		old = strtod_l(t, NULL, c);
		if (num_parse(t, &v) != 0 || num_parse_n(t, strlen(t), &w) != 0)
			ck_abort_msg("\"%s\" is refused", t);
		if (memcmp(&v, &old, sizeof(v)) != 0 ||
		    memcmp(&w, &old, sizeof(w)) != 0)
			ck_abort_msg("\"%s\" reads %a, strtod_l %a", t, v, old);
	}
	freelocale(c);
}
END_TEST

/* The significant digits of the number text S (sign, point, exponent
 * and leading and trailing zeros left out), to DIG. */
static void
num_test_sigdigits(const char *s, char *dig)
{
	size_t n = 0;

	for (; *s != '\0' && *s != 'e'; s++)
		if (*s >= '0' && *s <= '9' && (n > 0 || *s != '0'))
			dig[n++] = *s;
	while (n > 1 && dig[n - 1] == '0')
		n--;
	dig[n] = '\0';
}

/* num_format_n writes what num_format writes, for the mix of all doubles
 * the other tests use and for short decimals of every length and scale.
 * A decimal Y / 10^S of at most 15 digits has no shorter text that reads
 * back to the same double (DBL_DIG), so its digits must be Y's: a check
 * of the shortest digits that owns no printer of its own. */
START_TEST(test_format_short)
{
	static const double edge[] = {
		1e15, 999999999999999.0, 1e15 - 0.5, 123456789012345.6, 1e-4,
		1e-5, 0.1, 0.30000000000000004, 5e-324, 2.2250738585072014e-308,
		1.7976931348623157e308, 9007199254740992.0, 1e-15, 1.5e-15,
		123456.789, 100, 1e22, 0.000123456789012345, -2.5, 1 / 3.0,
	};
	unsigned long long u = 4242ULL, y;
	char a[NUM_BUFSZ], b[NUM_BUFSZ], want[32], got[32];
	double x;
	long i;
	size_t n;

	for (i = 0; i < 600000; i++) {
		y = 0;
		if (i < (long)(sizeof(edge) / sizeof(*edge)))
			x = edge[i];
		else if (i % 2)
			x = num_test_double(&u, i / 2);
		else {
			/* Y / 10^S for Y of 1 to 15 digits, S up to 20: one
			 * correctly rounded division of two exact doubles. */
			y = num_test_next(&u) % 1000000000000000ULL >>
			    (num_test_next(&u) % 50);
			x = (double)y / pow(10, (double)(num_test_next(&u) % 21));
			if (num_test_next(&u) % 2)
				x = -x;
		}
		num_format(b, sizeof(b), x);
		n = num_format_n(a, x);
		a[n] = '\0';
		if (strcmp(a, b) != 0)
			ck_abort_msg("%a: num_format_n '%s', num_format '%s'", x,
			    a, b);
		if (y == 0)
			continue;
		snprintf(a, sizeof(a), "%llu", y);
		num_test_sigdigits(a, want);
		num_test_sigdigits(b, got);
		if (strcmp(want, got) != 0)
			ck_abort_msg("%a: '%s', not the digits of %s", x, b, a);
	}
}
END_TEST

/* A random text in the shapes a number cell takes: a sign, whole
 * digits, a point, more digits (zeros often, so that leading and
 * trailing ones come up), sometimes an exponent or a stray byte. */
static void
num_test_text(unsigned long long *u, char *t, size_t cap)
{
	size_t n = 0, i, w = num_test_next(u) % 18, f = num_test_next(u) % 19;

	if (num_test_next(u) % 3 == 0)
		t[n++] = num_test_next(u) % 4 ? '-' : '+';
	for (i = 0; i < w && n + 1 < cap; i++)
		t[n++] = (char)('0' + (num_test_next(u) % 3 ? num_test_next(u) %
		    10 : 0));
	if (num_test_next(u) % 4 && n + 1 < cap)
		t[n++] = '.';
	for (i = 0; i < f && n + 1 < cap; i++)
		t[n++] = (char)('0' + (num_test_next(u) % 3 ? num_test_next(u) %
		    10 : 0));
	if (num_test_next(u) % 20 == 0 && n + 4 < cap)
		n += (size_t)snprintf(t + n, cap - n, "e%d",
		    (int)(num_test_next(u) % 7) - 3);
	if (num_test_next(u) % 50 == 0 && n + 1 < cap)
		t[n++] = " x"[num_test_next(u) % 2];
	t[n] = '\0';
}

/* Significant digits of the plain decimal T (first to last nonzero). */
static int
num_test_sig(const char *t)
{
	const char *nz = NULL, *last = NULL, *p;
	int k = 0;

	for (p = t; *p != '\0'; p++)
		if (*p >= '1' && *p <= '9') {
			nz = nz ? nz : p;
			last = p;
		}
	for (p = nz; p != NULL && p <= last; p++)
		k += *p >= '0' && *p <= '9';
	return k;
}

/* num_parse_same calls a text the same only when num_format_n writes
 * that very text for its number, and calls every such text of at most
 * 15 significant digits without an exponent so; it reads what
 * num_parse_n reads.  Tried on the listed edges and half a million
 * random texts. */
START_TEST(test_parse_same)
{
	static const struct { const char *t; int want; } known[] = {
		{ "-3.865694", 1 }, { "0.5", 1 }, { "0", 1 }, { "1200", 1 },
		{ "0.0001", 1 }, { "-0.000123", 1 }, { "123456789012345", 1 },
		{ "0.123456789012345", 1 }, { "12345678901234.5", 1 },
		{ "-1.389110", 0 }, { "-0", 0 }, { ".5", 0 }, { "5.", 0 },
		{ "+1", 0 }, { "007", 0 }, { "00.5", 0 }, { "0.00001", 0 },
		{ "1e5", 0 }, { "1234567890123456", 0 }, { "0.0", 0 },
		{ "1.1234567890123456", 0 }, { " 1", 0 }, { "", 0 }, { "-", 0 },
		{ "nan", 0 }, { "inf", 0 }, { "1.5 ", 0 },
	};
	unsigned long long u = 0xD1B54A32D192ED03ULL;
	char t[64], out[NUM_BUFSZ + 8];
	double x, y;
	size_t i, n;
	long passed = 0;
	int is, same;

	for (i = 0; i < sizeof(known) / sizeof(*known); i++)
		if ((num_parse_same(known[i].t, strlen(known[i].t), &x,
		    &is) == 0 && is) != known[i].want)
			ck_abort_msg("num_parse_same(\"%s\") is not %d",
			    known[i].t, known[i].want);
	for (i = 0; i < 500000; i++) {
		num_test_text(&u, t, sizeof(t));
		if (num_parse_same(t, strlen(t), &x, &is) != 0) {
			if (is || num_parse(t, &y) == 0)
				ck_abort_msg("\"%s\" is refused", t);
			continue;
		}
		if (num_parse(t, &y) != 0 || memcmp(&x, &y, sizeof(x)) != 0)
			ck_abort_msg("\"%s\" reads %a, num_parse %a", t, x, y);
		n = num_format_n(out, x);
		same = n == strlen(t) && memcmp(out, t, n) == 0;
		if (is && !same)
			ck_abort_msg("\"%s\" passes, but is written %.*s", t,
			    (int)n, out);
		if (!is && same && strchr(t, 'e') == NULL &&
		    num_test_sig(t) <= 15)
			ck_abort_msg("\"%s\" is its own shortest text, but is "
			    "refused", t);
		passed += is;
	}
	/* The shapes above make plenty of both. */
	ck_assert_int_gt(passed, 20000);
}
END_TEST

/* Formatting is the shortest text that reads back to the same double. */
START_TEST(test_format_roundtrip)
{
	double vals[] = { 0.1, 1.0 / 3, 0.98, 1e-300, 12.698085405662953,
	    -2.4880559194860128, 5e-324, 1.7976931348623157e308, 123456789 };
	char buf[NUM_BUFSZ];
	double back;
	size_t i;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		num_format(buf, sizeof(buf), vals[i]);
		ck_assert_int_eq(num_parse(buf, &back), 0);
		ck_assert_msg(back == vals[i], "%s", buf);
	}
	ck_assert_str_eq(num_format(buf, sizeof(buf), 0.98), "0.98");
	ck_assert_str_eq(num_format(buf, sizeof(buf), 0.1 + 0.2),
	    "0.30000000000000004");
	ck_assert_str_eq(num_format(buf, sizeof(buf), -0.0), "0");
	ck_assert_str_eq(num_format(buf, sizeof(buf), INFINITY), "inf");
	ck_assert_str_eq(num_format(buf, sizeof(buf), -INFINITY), "-inf");
	ck_assert_str_eq(num_format(buf, sizeof(buf), -NAN), "nan");
	ck_assert_str_eq(num_format_round(buf, sizeof(buf), 12.698085, 5),
	    "12.698");
	ck_assert_str_eq(num_format_round(buf, sizeof(buf), -0.0, 5), "0");
}
END_TEST

/* Significant digits of a formatted number: its digits before any
 * exponent, less leading zeros. */
static int
num_sig_digits(const char *s)
{
	int n = 0, lead = 1;

	for (; *s != '\0' && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (*s == '0' && lead)
			continue;
		lead = 0;
		n++;
	}
	return n;
}

/* Random doubles of every magnitude, subnormals included, read back
 * exactly, with no more than the 17 significant digits %.17g uses. */
START_TEST(test_format_random)
{
	unsigned long long u = 88172645463325252ULL;
	char buf[NUM_BUFSZ];
	double x, back;
	long i, checked = 0;

	for (i = 0; i < 200000; i++) {
		u ^= u << 13;
		u ^= u >> 7;
		u ^= u << 17;
		memcpy(&x, &u, sizeof(x));
		if (i % 2)
			x = (double)(u % 100000000) / 1000.0;
		if (!isfinite(x))
			continue;
		num_format(buf, sizeof(buf), x);
		ck_assert_int_eq(num_parse(buf, &back), 0);
		ck_assert_msg(back == x || (x == 0 && back == 0),
		    "%s does not read back as %.17g", buf, x);
		ck_assert_msg(num_sig_digits(buf) <= 17, "%s has more than 17 "
		    "significant digits", buf);
		checked++;
	}
	ck_assert_int_gt(checked, 190000);
}
END_TEST

/* Length of the shortest of "%.15g", "%.16g" and "%.17g" that reads back
 * to X: what a printf-based writer would give. */
static size_t
num_test_printf_len(double x)
{
	char buf[NUM_BUFSZ];
	double back;
	int p;

	for (p = 15; p < 17; p++) {
		snprintf(buf, sizeof(buf), "%.*g", p, x);	/* C locale */
		if (num_parse(buf, &back) == 0 && back == x)
			return strlen(buf);
	}
	return (size_t)snprintf(buf, sizeof(buf), "%.17g", x);
}

/* Three million doubles of every kind read back to the same bits (-0 as
 * 0), and are never longer than printf's shortest of 15 to 17 digits.
 * printf takes two thirds of the time. */
START_TEST(test_format_3m)
{
	unsigned long long u = 0x2545F4914F6CDD1DULL, bx, bb;
	char buf[NUM_BUFSZ];
	double x, back, t0 = num_test_now();
	long i, checked = 0;

	/* Plain ifs in the loop: Check sends every passing ck_assert to the
	 * runner through a pipe, a system call each. */
	for (i = 0; i < 3000000; i++) {
		x = num_test_double(&u, i);
		if (!isfinite(x))
			continue;
		num_format(buf, sizeof(buf), x);
		back = 7;
		if (num_parse(buf, &back) != 0)
			ck_abort_msg("%s (%a) does not read back", buf, x);
		if (x == 0)
			x = 0;	/* num_format writes -0 as 0 */
		memcpy(&bx, &x, sizeof(bx));
		memcpy(&bb, &back, sizeof(bb));
		if (bx != bb)
			ck_abort_msg("%s reads back as %a, not %a", buf, back, x);
		if (strlen(buf) > num_test_printf_len(x))
			ck_abort_msg("%s is longer than printf's %.17g", buf, x);
		checked++;
	}
	ck_assert_int_gt(checked, 2900000);
	fprintf(stderr, "num: 3,000,000 formatted, read back and measured "
	    "in %.2f s of CPU\n", num_test_now() - t0);
}
END_TEST

/* num_format keeps printf's %g layout, writes the shortest digits that
 * read back, and of those the nearest to the double (as Ryu and
 * Dragonbox choose): never longer than the printf-based code, and where
 * it differs from it, no farther from the double's exact value.  The
 * listed 16-digit and subnormal values are where the old code rounded
 * twice and picked another last digit. */
START_TEST(test_format_nearest)
{
	static const struct { double x; const char *s; } known[] = {
		{ 0x0.14999f8114bd4p-1022, "1.790496950977345e-309" },
		{ 0x1.958ef94e1a3eep+59, "9.132365358092756e+17" },
		{ -0x0.06d64b9048e6p-1022, "-5.94259037512363e-310" },
		{ -0x1.9fc9ab0ff5a97p+969, "-8.103964692389592e+291" },
		{ 1e15, "1e+15" }, { 1e14, "100000000000000" },
		{ 1234567890123456.0, "1234567890123456" },
		{ 12345678901234567.0, "12345678901234568" },
		{ 1e16, "1e+16" }, { 1e-5, "1e-05" }, { 1e-4, "0.0001" },
		{ 1e300, "1e+300" }, { 5e-324, "5e-324" },
		{ 123456789, "123456789" }, { 0.98, "0.98" },
	};
	unsigned long long u = 0x9E3779B97F4A7C15ULL;
	char buf[NUM_BUFSZ], old[NUM_BUFSZ];
	long double dn, dold;
	double x, a, b;
	size_t k;
	long i, differ = 0;

	for (k = 0; k < sizeof(known) / sizeof(*known); k++)
		ck_assert_str_eq(num_format(buf, sizeof(buf), known[k].x),
		    known[k].s);
	for (i = 0; i < 300000; i++) {
		x = num_test_double(&u, i);
		num_format(buf, sizeof(buf), x);
		num_old_format(old, sizeof(old), x);
		if (strcmp(buf, old) == 0)
			continue;
		differ++;
		if (!(strlen(buf) <= strlen(old) && num_parse(buf, &a) == 0 &&
		    num_parse(old, &b) == 0 && a == x && b == x))
			ck_abort_msg("%a: %s, but %s before", x, buf, old);
		/* Same length: the new digits are the nearer ones. */
		dn = fabsl(strtold(buf, NULL) - (long double)x);
		dold = fabsl(strtold(old, NULL) - (long double)x);
		if (strlen(buf) == strlen(old) && dn > dold)
			ck_abort_msg("%a: %s is farther than %s", x, buf, old);
	}
	ck_assert_int_lt(differ, 6000);		/* about 0.4 to 1% */
}
END_TEST

/* The locale a test found, restored after the German one. */
static char num_test_locale[256];

/* Remembers the locale (a checked fixture: it runs however a test ends). */
static void
num_locale_setup(void)
{
	const char *l = setlocale(LC_ALL, NULL);

	snprintf(num_test_locale, sizeof(num_test_locale), "%s", l ? l : "C");
}

/* Puts back the locale num_locale_setup saw, and the system's locales. */
static void
num_locale_teardown(void)
{
	unsetenv("LOCPATH");
	setlocale(LC_ALL, num_test_locale);
}

/* Switches to de_DE.UTF-8, generating it when it is missing: with
 * localedef into the system's locales (root), else into the tests' folder
 * through LOCPATH.  Returns 0, or -1 when neither works. */
static int
num_locale_german(void)
{
	char cmd[1024];

	if (setlocale(LC_ALL, "de_DE.UTF-8") != NULL)
		return 0;
	if (system("localedef -i de_DE -f UTF-8 de_DE.UTF-8 2>/dev/null") == 0
	    && setlocale(LC_ALL, "de_DE.UTF-8") != NULL)
		return 0;
	/* glibc maps the locale archive once: if this process looked before
	 * localedef wrote it, only a folder of its own will do. */
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/locale' && localedef -i de_DE "
	    "-f UTF-8 '%s/locale/de_DE.UTF-8'", tu_tmp(), tu_tmp());
	if (system(cmd) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "%s/locale", tu_tmp());
	setenv("LOCPATH", cmd, 1);
	return setlocale(LC_ALL, "de_DE.UTF-8") != NULL ? 0 : -1;
}

/* A comma-decimal locale changes neither reading nor writing.  It fails,
 * never skips, without de_DE: a skipped locale test proves nothing. */
START_TEST(test_locale)
{
	char buf[NUM_BUFSZ];
	double v = 0;

	ck_assert_msg(num_locale_german() == 0, "no de_DE.UTF-8 locale, and "
	    "localedef could not make one (sh .ci/deps.sh test installs it)");
	ck_assert_str_eq(setlocale(LC_NUMERIC, NULL), "de_DE.UTF-8");
	ck_assert_str_eq(localeconv()->decimal_point, ",");
	ck_assert_int_eq(num_parse("0.5", &v), 0);
	ck_assert(v == 0.5);
	ck_assert_int_eq(num_parse("0,5", &v), -1);
	ck_assert_int_eq(num_parse("1e400", &v), 0);	/* the strtod path */
	ck_assert(isinf(v));
	ck_assert_str_eq(num_format(buf, sizeof(buf), 0.5), "0.5");
	ck_assert_str_eq(num_format(buf, sizeof(buf), 2.5), "2.5");
	ck_assert_str_eq(num_format(buf, sizeof(buf), -1.25e-7), "-1.25e-07");
	num_snprintf(buf, sizeof(buf), "%.2f", 0.25);
	ck_assert_str_eq(buf, "0.25");
}
END_TEST

/* softplus is log(1 + e^x) without overflow at either end. */
START_TEST(test_softplus)
{
	ck_assert_close(num_softplus(0), log(2.0), 1e-15);
	ck_assert_close(num_softplus(1), log1p(exp(1)), 1e-15);
	ck_assert_close(num_softplus(-1), log1p(exp(-1)), 1e-15);
	ck_assert(num_softplus(1000) == 1000);
	ck_assert(num_softplus(-1000) == 0);
	ck_assert(isfinite(num_softplus(710)));
}
END_TEST

/* num_differ: relative tolerance, finiteness, NaN. */
START_TEST(test_differ)
{
	ck_assert_int_eq(num_differ(1, 1 + 1e-12, 1e-9), 0);
	ck_assert_int_eq(num_differ(1, 1.001, 1e-9), 1);
	ck_assert_int_eq(num_differ(0, 0, 1e-9), 0);
	ck_assert_int_eq(num_differ(INFINITY, 1, 1e-9), 1);
	ck_assert_int_eq(num_differ(INFINITY, INFINITY, 1e-9), 0);
	ck_assert_int_eq(num_differ(NAN, 1, 1e-9), 1);
	ck_assert_int_eq(num_differ(NAN, NAN, 1e-9), 0);
	ck_assert_int_eq(num_differ(NAN, INFINITY, 1e-9), 0);
}
END_TEST

Suite *
num_suite(void)
{
	Suite *s = suite_create("num");
	TCase *tc = tcase_create("num");

	TCase *bulk = tcase_create("num bulk");
	TCase *loc = tcase_create("num locale");

	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_parse_corpus);
	tcase_add_test(tc, test_format_roundtrip);
	tcase_add_test(tc, test_softplus);
	tcase_add_test(tc, test_differ);
	suite_add_tcase(s, tc);
	/* Millions of values: a second or two here, more under a sanitizer
	 * than Check's default 4 s allow. */
	tcase_set_timeout(bulk, 120);
	tcase_add_test(bulk, test_format_random);
	tcase_add_test(bulk, test_format_3m);
	tcase_add_test(bulk, test_format_nearest);
	tcase_add_test(bulk, test_parse_fuzz);
	tcase_add_test(bulk, test_parse_plain);
	tcase_add_test(bulk, test_format_short);
	tcase_add_test(bulk, test_parse_same);
	suite_add_tcase(s, bulk);
	tcase_add_checked_fixture(loc, num_locale_setup, num_locale_teardown);
	tcase_add_test(loc, test_locale);
	suite_add_tcase(s, loc);
	return s;
}
