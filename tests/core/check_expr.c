/*
 * check_expr.c - the arithmetic a cell accepts.
 */
#include <locale.h>
#include <string.h>

#include "core/expr.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* Evaluates TEXT, asserting success; returns the value. */
static double
ev(const char *text)
{
	char err[128] = "";
	double v = -12345;

	ck_assert_msg(expr_eval(text, &v, err, sizeof(err)) == 0, "%s: %s",
	    text, err);
	return v;
}

/* Asserts that TEXT is refused with a message containing WANT. */
static void
bad(const char *text, const char *want)
{
	char err[128] = "";
	double v = 42;

	ck_assert_int_eq(expr_eval(text, &v, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, want) != NULL, "%s: '%s' lacks '%s'", text,
	    err, want);
	ck_assert(v == 42);
}

START_TEST(test_numbers)
{
	ck_assert(ev("0.5") == 0.5);
	ck_assert(ev(".5") == 0.5);
	ck_assert(ev("5.") == 5);
	ck_assert(ev("1e-3") == 1e-3);
	ck_assert(ev("2.5E+2") == 250);
	ck_assert(ev("  7 ") == 7);
	ck_assert(isinf(ev("inf")) && ev("inf") > 0);
	ck_assert(isinf(ev("-inf")) && ev("-INF") < 0);
	ck_assert(isnan(ev("nan")));
	ck_assert(ev("-2.4880559194860128") == -2.4880559194860128);
}
END_TEST

START_TEST(test_arithmetic)
{
	ck_assert(ev("1/3") == 1.0 / 3);
	ck_assert(ev("1+2*3") == 7);
	ck_assert(ev("(1+2)*3") == 9);
	ck_assert(ev("2^3^2") == 512);
	ck_assert(ev("-2^2") == -4);
	ck_assert(ev("2^-1") == 0.5);
	ck_assert(ev("--3") == 3);
	ck_assert(ev("10-4-3") == 3);
	ck_assert(ev("8/4/2") == 1);
	ck_assert(isinf(ev("1/0")));
}
END_TEST

START_TEST(test_functions)
{
	ck_assert(ev("ln(2)") == log(2.0));
	ck_assert(ev("log(1000)") == 3);
	ck_assert(ev("LOG(0.5)") == log10(0.5));
	ck_assert(ev("exp(1)") == exp(1.0));
	ck_assert(ev("sqrt(16)") == 4);
	ck_assert(ev("e") == exp(1.0));
	ck_assert(ev("Pi") == M_PI);
	ck_assert(ev("-ln(0.02)") == -log(0.02));
	ck_assert(isnan(ev("ln(-1)")));
}
END_TEST

START_TEST(test_errors)
{
	char deep[4000];

	bad("", "empty");
	bad("   ", "empty");
	bad("fish", "unknown name 'fish'");
	bad("foo(2)", "unknown function 'foo'");
	bad("(1+2", "missing ')'");
	bad("1+", "ends too soon");
	bad("2x", "unexpected text at 'x'");
	bad("1)", "unexpected text at ')'");
	bad("1.2.3", "bad number");
	bad("0,5", "unexpected text");
	memset(deep, '(', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	bad(deep, "input too long");
	memset(deep, '(', 500);
	strcpy(deep + 500, "1");
	bad(deep, "nested too deeply");
}
END_TEST

START_TEST(test_locale)
{
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	ck_assert(ev("0.5") == 0.5);
	ck_assert(ev("1.5*2") == 3);
	setlocale(LC_ALL, "C");
}
END_TEST

Suite *
expr_suite(void)
{
	Suite *s = suite_create("expr");
	TCase *tc = tcase_create("expr");

	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_arithmetic);
	tcase_add_test(tc, test_functions);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_locale);
	suite_add_tcase(s, tc);
	return s;
}
