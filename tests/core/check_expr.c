/*
 * check_expr.c - the arithmetic a cell accepts.
 */
#include <check.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "core/expr.h"
#include "tests/suites.h"

#define PI	3.14159265358979323846

/* Evaluates TEXT, asserting success; returns the value. */
static double
ev(const char *text)
{
	char err[128] = "";
	double v = -12345;

	ck_assert_msg(expr_eval(text, &v, err, sizeof(err)) == 0, "'%s': %s",
	    text, err);
	return v;
}

/* Asserts that TEXT is refused with exactly the message WANT, leaving the
 * output alone. */
static void
bad(const char *text, const char *want)
{
	char err[128] = "";
	double v = 42;

	ck_assert_int_eq(expr_eval(text, &v, err, sizeof(err)), -1);
	ck_assert_msg(strcmp(err, want) == 0, "'%.40s': got \"%s\", want \"%s\"",
	    text, err, want);
	ck_assert(v == 42);
}

START_TEST(test_numbers)
{
	ck_assert(ev("0") == 0);
	ck_assert(ev("42") == 42);
	ck_assert(ev("0.5") == 0.5);
	ck_assert(ev(".5") == 0.5);
	ck_assert(ev("5.") == 5);
	ck_assert(ev("1e-3") == 1e-3);
	ck_assert(ev("1E3") == 1000);
	ck_assert(ev("2.5e+2") == 250);
	ck_assert(ev("5.e1") == 50);
	ck_assert(ev("0.1") == 0.1);
	ck_assert(ev("-2.4880559194860128") == -2.4880559194860128);
	ck_assert(ev("1e-320") == 1e-320);
	ck_assert(isinf(ev("1e999")));
}
END_TEST

START_TEST(test_special)
{
	double v = ev("inf");

	ck_assert(isinf(v) && v > 0);
	v = ev("-inf");
	ck_assert(isinf(v) && v < 0);
	v = ev("Infinity");
	ck_assert(isinf(v) && v > 0);
	v = ev("-INF");
	ck_assert(isinf(v) && v < 0);
	ck_assert(isnan(ev("nan")));
	ck_assert(isnan(ev("NaN")));
	v = ev("1/0");
	ck_assert(isinf(v) && v > 0);
	v = ev("-1/0");
	ck_assert(isinf(v) && v < 0);
	ck_assert(isnan(ev("0/0")));
	ck_assert(isnan(ev("inf-inf")));
	ck_assert(isnan(ev("ln(-1)")));
	v = ev("ln(0)");
	ck_assert(isinf(v) && v < 0);
}
END_TEST

START_TEST(test_precedence)
{
	ck_assert(ev("1+2*3") == 7);
	ck_assert(ev("2*3+1") == 7);
	ck_assert(ev("(1+2)*3") == 9);
	ck_assert(ev("10-4-3") == 3);
	ck_assert(ev("8/4/2") == 1);
	ck_assert(ev("2*3^2") == 18);
	ck_assert(ev("1/3") == 1.0 / 3);
	ck_assert(ev("2/3*3") == 2.0 / 3 * 3);
	ck_assert(ev("0.1+0.2") == 0.1 + 0.2);
}
END_TEST

START_TEST(test_power)
{
	ck_assert(ev("2^3^2") == 512);
	ck_assert(ev("(2^3)^2") == 64);
	ck_assert(ev("2^-1") == 0.5);
	ck_assert(ev("2^+3") == 8);
	ck_assert(ev("-2^2") == -4);
	ck_assert(ev("(-2)^2") == 4);
	ck_assert(ev("2^-2^2") == 0.0625);
	ck_assert(ev("4^0.5") == 2);
}
END_TEST

START_TEST(test_unary)
{
	ck_assert(ev("-3") == -3);
	ck_assert(ev("+3") == 3);
	ck_assert(ev("--3") == 3);
	ck_assert(ev("-+-3") == 3);
	ck_assert(ev("2*-3") == -6);
	ck_assert(ev("2--3") == 5);
	ck_assert(ev("-(1+2)") == -3);
	ck_assert(signbit(ev("-0")));
}
END_TEST

START_TEST(test_parentheses)
{
	ck_assert(ev("(1)") == 1);
	ck_assert(ev("((((2))))") == 2);
	ck_assert(ev("(1+(2*(3+4)))") == 15);
	ck_assert(ev("( 1 + 2 ) / ( 4 - 1 )") == 1);
}
END_TEST

START_TEST(test_functions)
{
	ck_assert(ev("ln(2)") == log(2.0));
	ck_assert(ev("log(1000)") == 3);
	ck_assert(ev("log(0.5)") == log10(0.5));
	ck_assert(ev("exp(1)") == exp(1.0));
	ck_assert(ev("exp(-0.5)") == exp(-0.5));
	ck_assert(ev("sqrt(16)") == 4);
	ck_assert(ev("sqrt(2)") == sqrt(2.0));
	ck_assert(isnan(ev("sqrt(-1)")));
	ck_assert(ev("-ln(0.02)") == -log(0.02));
	ck_assert(ev("exp(ln(2)+ln(3))") == exp(log(2.0) + log(3.0)));
	ck_assert(ev("sqrt(2)^2") == pow(sqrt(2.0), 2));
	ck_assert(ev("-sqrt(4)^2") == -4);
}
END_TEST

START_TEST(test_constants)
{
	ck_assert(ev("e") == exp(1.0));
	ck_assert(ev("pi") == PI);
	ck_assert(ev("2*pi") == 2 * PI);
	ck_assert(ev("ln(e)") == 1);
	ck_assert(ev("e^2") == pow(exp(1.0), 2));
}
END_TEST

START_TEST(test_whitespace)
{
	ck_assert(ev("  7 ") == 7);
	ck_assert(ev("\t1 +\t2 ") == 3);
	ck_assert(ev(" - 2 ^ 2 ") == -4);
	ck_assert(ev("sqrt (  9 )") == 3);
	ck_assert(ev("1\n+2\r\n") == 3);
}
END_TEST

START_TEST(test_case)
{
	ck_assert(ev("LN(2)") == log(2.0));
	ck_assert(ev("Log(100)") == 2);
	ck_assert(ev("EXP(0)") == 1);
	ck_assert(ev("SqRt(25)") == 5);
	ck_assert(ev("PI") == PI);
	ck_assert(ev("E") == exp(1.0));
	ck_assert(ev("2E2") == 200);
}
END_TEST

START_TEST(test_errors)
{
	bad("", "empty input");
	bad("   \t", "empty input");
	bad("foo", "unknown name 'foo'");
	bad("1+fish*2", "unknown name 'fish'");
	bad("foo(2)", "unknown function 'foo'");
	bad("log10(2)", "unknown function 'log10'");
	bad("sqrt", "missing '(' after 'sqrt'");
	bad("ln 2", "missing '(' after 'ln'");
	bad("(1+2", "missing ')'");
	bad("sqrt(4", "missing ')'");
	bad("((1)", "missing ')'");
	bad("1)", "unexpected ')'");
	bad(")", "unexpected ')'");
	bad("()", "unexpected ')'");
	bad("2x", "unexpected 'x'");
	bad("2pi", "unexpected 'pi'");
	bad("2(3)", "unexpected '('");
	bad("(2)(3)", "unexpected '('");
	bad("pi(2)", "unexpected '('");
	bad("2 3", "unexpected '3'");
	bad("(2 3)", "unexpected '3'");
	bad("1+", "unexpected end of input");
	bad("2^", "unexpected end of input");
	bad("-", "unexpected end of input");
	bad("1+*2", "unexpected '*'");
	bad("*2", "unexpected '*'");
	bad("1,5", "unexpected ','");
	bad("2e", "unexpected 'e'");
	bad("1.2.3", "bad number '1.2.3'");
	bad(".", "bad number '.'");
	bad("0x10", "unexpected 'x10'");
	bad("1 \xc3\xa4", "unexpected '\xc3\xa4'");
	bad("1\x01", "unexpected byte '0x01'");
}
END_TEST

START_TEST(test_long_names)
{
	char err[16];
	double v = 7;

	bad("averyveryveryverylongnamethatgoeson",
	    "unknown name 'averyveryveryverylongnam'");
	/* A short buffer gets a truncated but terminated message. */
	ck_assert_int_eq(expr_eval("nosuchthing", &v, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "unknown name 'n");
	/* No buffer at all is allowed. */
	ck_assert_int_eq(expr_eval("nosuchthing", &v, NULL, 0), -1);
	ck_assert(v == 7);
}
END_TEST

START_TEST(test_too_long)
{
	static char text[20000];

	memset(text, '(', 10000);
	text[10000] = '\0';
	bad(text, "input too long");
	memset(text, '1', 1025);
	text[1025] = '\0';
	bad(text, "input too long");
	memset(text, ' ', 1023);
	strcpy(text + 1023, "7");
	ck_assert(ev(text) == 7);
	memset(text, '-', 10000);
	strcpy(text + 10000, "1");
	bad(text, "input too long");
}
END_TEST

START_TEST(test_too_deep)
{
	char text[512];
	int i;

	/* 64 levels are fine, 65 are not. */
	for (i = 0; i < 64; i++)
		text[i] = '(';
	text[64] = '1';
	for (i = 0; i < 64; i++)
		text[65 + i] = ')';
	text[129] = '\0';
	ck_assert(ev(text) == 1);
	memset(text, '(', 65);
	strcpy(text + 65, "1");
	bad(text, "nested too deeply");
	memset(text, '(', 500);
	text[500] = '\0';
	bad(text, "nested too deeply");
	memset(text, '-', 65);
	strcpy(text + 65, "1");
	bad(text, "nested too deeply");
	for (i = 0; i < 100; i++)
		memcpy(text + 2 * i, "1^", 2);
	strcpy(text + 200, "1");
	bad(text, "nested too deeply");
	for (i = 0; i < 70; i++)
		memcpy(text + 5 * i, "sqrt(", 5);
	strcpy(text + 350, "1");
	bad(text, "nested too deeply");
}
END_TEST

START_TEST(test_locale)
{
	static const char *names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "ru_RU.UTF-8",
		"C.UTF-8",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL &&
		    strcmp(localeconv()->decimal_point, ",") == 0)
			break;
	ck_assert(ev("0.5") == 0.5);
	ck_assert(ev("1.5*2") == 3);
	ck_assert(ev("2.5e-1") == 0.25);
	bad("0,5", "unexpected ','");
	setlocale(LC_NUMERIC, "C");
}
END_TEST

START_TEST(test_untouched)
{
	char err[64] = "before";
	double v = 3;

	ck_assert_int_eq(expr_eval("1+1", &v, err, sizeof(err)), 0);
	ck_assert(v == 2);
	ck_assert_int_eq(expr_eval("1+", &v, err, sizeof(err)), -1);
	ck_assert(v == 2);
	ck_assert_int_eq(expr_eval(NULL, &v, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "empty input");
}
END_TEST

/* The expr suite: every test above in one case. */
Suite *
expr_suite(void)
{
	Suite *s = suite_create("expr");
	TCase *tc = tcase_create("expr");

	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_special);
	tcase_add_test(tc, test_precedence);
	tcase_add_test(tc, test_power);
	tcase_add_test(tc, test_unary);
	tcase_add_test(tc, test_parentheses);
	tcase_add_test(tc, test_functions);
	tcase_add_test(tc, test_constants);
	tcase_add_test(tc, test_whitespace);
	tcase_add_test(tc, test_case);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_long_names);
	tcase_add_test(tc, test_too_long);
	tcase_add_test(tc, test_too_deep);
	tcase_add_test(tc, test_locale);
	tcase_add_test(tc, test_untouched);
	suite_add_tcase(s, tc);
	return s;
}
