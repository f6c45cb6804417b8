/*
 * check_num.c - number I/O in the C locale and the careful primitives.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "tests/suites.h"
#include "tests/testutil.h"

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
	ck_assert(v == 7);
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

/* A comma-decimal locale changes neither reading nor writing. */
START_TEST(test_locale)
{
	char buf[NUM_BUFSZ];
	double v = 0;

	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	ck_assert_int_eq(num_parse("0.5", &v), 0);
	ck_assert(v == 0.5);
	ck_assert_str_eq(num_format(buf, sizeof(buf), 2.5), "2.5");
	num_snprintf(buf, sizeof(buf), "%.2f", 0.25);
	ck_assert_str_eq(buf, "0.25");
	setlocale(LC_ALL, "C");
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

	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_format_roundtrip);
	tcase_add_test(tc, test_format_random);
	tcase_add_test(tc, test_locale);
	tcase_add_test(tc, test_softplus);
	tcase_add_test(tc, test_differ);
	suite_add_tcase(s, tc);
	return s;
}
