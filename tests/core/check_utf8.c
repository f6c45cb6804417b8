/*
 * check_utf8.c - what counts as well-formed UTF-8, and as a name.
 */
#include <string.h>

#include "core/utf8.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* Valid characters of every length; overlong forms, surrogates, code
 * points past U+10FFFF, stray and cut continuation bytes are not. */
START_TEST(test_char_len)
{
	static const struct { const char *s; size_t len; } cases[] = {
		{ "a", 1 }, { "\xc3\xa9", 2 }, { "\xe2\x88\x92", 3 },
		{ "\xf0\x9f\x98\x80", 4 }, { "\xc0\xaf", 0 }, { "\xe0\x80\xaf", 0 },
		{ "\xed\xa0\x80", 0 }, { "\xf4\x90\x80\x80", 0 }, { "\x80", 0 },
		{ "\xe2\x88", 0 }, { "\xff", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(utf8_char_len((const unsigned char *)cases[i].s,
		    strlen(cases[i].s)) == cases[i].len, "case %zu", i);
	ck_assert_uint_eq(utf8_first_bad("ok \xe2\x88\x92 \xff x", 10), 7);
	ck_assert_uint_eq(utf8_first_bad("caf\xc3\xa9", 5), 5);
}
END_TEST

/* A name is valid UTF-8 with no BOM and no control characters. */
START_TEST(test_names)
{
	char why[128];

	ck_assert_int_eq(utf8_check_name("caf\xc3\xa9 \xe2\x88\x92", why,
	    sizeof(why)), 0);
	ck_assert_int_eq(utf8_check_name("ca\xfft", why, sizeof(why)), -1);
	ck_assert_str_eq(why, "invalid UTF-8 at byte 3");
	ck_assert_int_eq(utf8_check_name("\xef\xbb\xbf" "cat", why,
	    sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "byte-order mark"));
	ck_assert_int_eq(utf8_check_name("c\tat", why, sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "control"));
}
END_TEST

Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("utf8");

	tcase_add_test(tc, test_char_len);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return s;
}
