/*
 * check_text.c - the ASCII stand-ins: the characters the brief names, byte
 * lengths and broken UTF-8, whole strings, and every non-ASCII character
 * that src/ and lessons/ hold, literal or escaped.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/text.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* A character and the stand-in it must get. */
struct want {
	const char *utf8, *ascii;
};

static const struct want wants[] = {
	{ "\xe2\x88\x92", "-" },	/* minus sign */
	{ "\xc3\x97", "x" },		/* multiplication sign */
	{ "\xc2\xb7", "." },		/* middle dot */
	{ "\xe2\x8b\x85", "." },	/* dot operator */
	{ "\xe2\x89\x88", "~=" },
	{ "\xe2\x89\xa0", "!=" },
	{ "\xe2\x89\xa5", ">=" },
	{ "\xe2\x89\xa4", "<=" },
	{ "\xce\xa3", "sum" },		/* capital sigma */
	{ "\xe2\x88\x91", "sum" },	/* n-ary summation */
	{ "\xe2\x82\x80", "0" }, { "\xe2\x82\x81", "1" },
	{ "\xe2\x82\x82", "2" }, { "\xe2\x82\x83", "3" },
	{ "\xe2\x82\x84", "4" }, { "\xe2\x82\x85", "5" },
	{ "\xe2\x82\x86", "6" }, { "\xe2\x82\x87", "7" },
	{ "\xe2\x82\x88", "8" }, { "\xe2\x82\x89", "9" },
	{ "\xe2\x81\xb0", "0" }, { "\xc2\xb9", "1" },
	{ "\xc2\xb2", "2" }, { "\xc2\xb3", "3" },
	{ "\xe2\x81\xb4", "4" }, { "\xe2\x81\xb5", "5" },
	{ "\xe2\x81\xb6", "6" }, { "\xe2\x81\xb7", "7" },
	{ "\xe2\x81\xb8", "8" }, { "\xe2\x81\xb9", "9" },
	{ "\xe2\x81\xbb", "-" },	/* superscript minus */
	{ "\xe2\x9c\x93", "[x]" },	/* check mark */
	{ "\xe2\x9c\x97", "[ ]" },	/* ballot x */
	{ "\xe2\x86\x92", "->" }, { "\xe2\x86\x90", "<-" },
	{ "\xe2\x86\x91", "^" }, { "\xe2\x86\x93", "v" },
	{ "\xe2\x94\x82", "|" }, { "\xe2\x94\x80", "-" },
	{ "\xe2\x94\xbc", "+" }, { "\xe2\x94\x8c", "+" },
	{ "\xe2\x95\x90", "-" }, { "\xe2\x95\x91", "|" },
	{ "\xe2\x95\xad", "+" },
	{ "\xe2\x80\xa6", "..." },
	{ "\xe2\x80\x98", "'" }, { "\xe2\x80\x99", "'" },
	{ "\xe2\x80\x9c", "\"" }, { "\xe2\x80\x9d", "\"" },
	{ "\xe2\x80\x93", "-" }, { "\xe2\x80\x94", "-" },
	{ "\xc2\xa0", " " },		/* no-break space */
	{ "\xce\xb5", "eps" },
	{ "\xe2\x88\x89", "!in" },	/* not an element of */
	{ "\xe2\x88\x9e", "inf" },
	{ "\xef\xbb\xbf", "" },		/* byte order mark */
};

/* The characters the brief lists, and the ones xent's own text uses. */
START_TEST(test_table)
{
	const char *got;
	size_t i;
	int len;

	for (i = 0; i < sizeof(wants) / sizeof(wants[0]); i++) {
		got = text_ascii(wants[i].utf8, &len);
		ck_assert_msg(got != NULL, "%s: no stand-in", wants[i].utf8);
		ck_assert_msg(strcmp(got, wants[i].ascii) == 0,
		    "%s: \"%s\", expected \"%s\"", wants[i].utf8, got,
		    wants[i].ascii);
		ck_assert_int_eq(len, (int)strlen(wants[i].utf8));
	}
}
END_TEST

/* ASCII passes through; broken or unknown characters are one '?' each,
 * however many bytes they take. */
START_TEST(test_lengths)
{
	static const struct { const char *s; const char *ascii; int len; }
	    cases[] = {
		{ "\xe4\xb8\xad", "?", 3 },	/* a Chinese character */
		{ "\xf0\x9f\x98\x80", "?", 4 },	/* an emoji */
		{ "\x80", "?", 1 },		/* a lone continuation */
		{ "\xc0\x80", "?", 1 },		/* overlong NUL */
		{ "\xe0\x80\xaf", "?", 1 },	/* overlong '/' */
		{ "\xed\xa0\x80", "?", 1 },	/* a surrogate */
		{ "\xe2\x82", "?", 1 },		/* cut short */
		{ "\xf5\x80\x80\x80", "?", 1 },	/* past U+10FFFF */
		{ "\xff", "?", 1 },
	};
	size_t i;
	int len;

	ck_assert_ptr_null(text_ascii("a", &len));
	ck_assert_int_eq(len, 1);
	ck_assert_ptr_null(text_ascii("", &len));
	ck_assert_int_eq(len, 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_str_eq(text_ascii(cases[i].s, &len), cases[i].ascii);
		ck_assert_int_eq(len, cases[i].len);
	}
}
END_TEST

/* Whole strings: a lesson's log10, a formula, and a cut at a whole
 * stand-in. */
START_TEST(test_to_ascii)
{
	char buf[64];

	ck_assert_str_eq(text_to_ascii(buf, sizeof(buf),
	    "log\xe2\x82\x81\xe2\x82\x80(0.1) = \xe2\x88\x92" "1"),
	    "log10(0.1) = -1");
	ck_assert_str_eq(text_to_ascii(buf, sizeof(buf),
	    "(1 \xe2\x88\x92 \xce\xb5)\xc2\xb7(\xe2\x88\x92log p) "
	    "\xe2\x89\x88 e\xe2\x81\xb4"), "(1 - eps).(-log p) ~= e4");
	ck_assert_str_eq(text_to_ascii(buf, 6, "ab\xe2\x80\xa6"), "ab...");
	ck_assert_str_eq(text_to_ascii(buf, 5, "ab\xe2\x80\xa6"), "ab");
	ck_assert_str_eq(text_to_ascii(buf, 1, "ab"), "");
	ck_assert_str_eq(text_to_ascii(buf, sizeof(buf), "\xe4\xb8\xad!"),
	    "?!");
}
END_TEST

/* Reads file PATH into a malloc'd string; NULL when it cannot. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc(n + 1)) != NULL) {
		buf[fread(buf, 1, n, f)] = '\0';
	}
	fclose(f);
	return buf;
}

/* Asserts that every non-ASCII character of TEXT (from WHERE) has a
 * stand-in; returns how many there were. */
static int
covered(const char *text, const char *where)
{
	const char *sub;
	int len, n = 0;

	while (*text != '\0') {
		sub = text_ascii(text, &len);
		if (sub != NULL) {
			ck_assert_msg(strcmp(sub, "?") != 0, "%s: no ASCII "
			    "stand-in for \"%.*s\"", where, len, text);
			n++;
		}
		text += len;
	}
	return n;
}

/* Decodes the runs of \xHH escapes in C source TEXT into OUT (LEN bytes),
 * a space between runs, so that escaped UTF-8 is checked as well. */
static void
unescape(const char *text, char *out, size_t len)
{
	size_t o = 0;
	unsigned v;

	for (; *text != '\0' && o + 2 < len; text++) {
		if (text[0] != '\\' || text[1] != 'x' ||
		    sscanf(text + 2, "%2x", &v) != 1)
			continue;
		out[o++] = (char)v;
		text += 3;
		if (text[1] != '\\' || text[2] != 'x')
			out[o++] = ' ';
	}
	out[o] = '\0';
}

/* Checks every file of folder DIR whose name ends in one of EXTS; returns
 * the non-ASCII characters seen. */
static int
check_dir(const char *dir, const char *const *exts)
{
	char path[1024], esc[65536], *text;
	struct dirent *d;
	DIR *dp = opendir(dir);
	size_t n, e;
	int seen = 0;

	ck_assert_msg(dp != NULL, "cannot open %s (run from the top)", dir);
	while ((d = readdir(dp)) != NULL) {
		n = strlen(d->d_name);
		for (e = 0; exts[e] != NULL; e++)
			if (n > strlen(exts[e]) &&
			    strcmp(d->d_name + n - strlen(exts[e]), exts[e]) == 0)
				break;
		if (exts[e] == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		ck_assert_ptr_nonnull(text = slurp(path));
		seen += covered(text, path);
		unescape(text, esc, sizeof(esc));
		seen += covered(esc, path);
		free(text);
	}
	closedir(dp);
	return seen;
}

/* Every non-ASCII character in xent's sources and lessons has a stand-in,
 * so LANG=C never shows a '?' for xent's own text. */
START_TEST(test_sources_covered)
{
	static const char *const md[] = { ".md", NULL };
	static const char *const c[] = { ".c", ".h", NULL };
	static const char *const dirs[] = { "src", "src/core", "src/io",
	    "src/app", "src/ui", "src/input" };
	size_t i;
	int seen;

	seen = check_dir("lessons", md);
	ck_assert_int_gt(seen, 50);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		seen += check_dir(dirs[i], c);
	ck_assert_int_gt(seen, 70);
}
END_TEST

Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *t = tcase_create("ascii");

	tcase_add_test(t, test_table);
	tcase_add_test(t, test_lengths);
	tcase_add_test(t, test_to_ascii);
	tcase_add_test(t, test_sources_covered);
	suite_add_tcase(s, t);
	return s;
}
