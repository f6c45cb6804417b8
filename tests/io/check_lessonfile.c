/*
 * check_lessonfile.c - the lesson parser: a good file, and a catalogue of
 * malformed ones, each with its message and line number.
 */
#include <stdio.h>
#include <string.h>

#include "io/lessonfile.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *good =
    "# Softmax\n"
    "\n"
    "Intro line one\n"
    "and two.\n"
    "\n"
    "## First step\n"
    "Some *prose* with `code`.\n"
    "\n"
    "```sheet\n"
    "# mode: logits\n"
    "label,cat,dog\n"
    "cat,1,2\n"
    "```\n"
    "```goal\n"
    "p[1,cat] > 0.9\n"
    "```\n"
    "```text\n"
    "an example\n"
    "```\n"
    "## Second\n"
    "```setup\n"
    "hide all\n"
    "```\n"
    "```hint\n"
    "Press +.\n"
    "```\n"
    "```solution\n"
    ":goto 1 cat\n"
    "+++\n"
    "```\n";

/* Parses TEXT, asserting success. */
static struct lesson *
parse_ok(const char *text)
{
	char err[512] = "";
	struct lesson *l = lesson_parse("t.md", text, strlen(text), err,
	    sizeof(err));

	ck_assert_msg(l != NULL, "%s", err);
	return l;
}

/* Asserts that TEXT fails with a message starting "t.md:LINE:" and
 * containing WANT. */
static void
parse_bad(const char *text, long line, const char *want)
{
	char err[512] = "", prefix[32];
	struct lesson *l = lesson_parse("t.md", text, strlen(text), err,
	    sizeof(err));

	ck_assert_ptr_null(l);
	snprintf(prefix, sizeof(prefix), "t.md:%ld: ", line);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0,
	    "'%s' does not start with '%s'", err, prefix);
	ck_assert_msg(strstr(err, want) != NULL, "'%s' lacks '%s'", err, want);
}

START_TEST(test_good)
{
	struct lesson *l = parse_ok(good);

	ck_assert_str_eq(l->title, "Softmax");
	ck_assert_ptr_nonnull(strstr(l->intro, "Intro line one\nand two."));
	ck_assert_int_eq(l->nsteps, 2);
	ck_assert_str_eq(l->steps[0].heading, "First step");
	ck_assert_int_eq(l->steps[0].line, 6);
	ck_assert_ptr_nonnull(strstr(l->steps[0].text, "*prose*"));
	ck_assert_ptr_nonnull(strstr(l->steps[0].text, "    an example"));
	ck_assert_str_eq(l->steps[0].block[LB_SHEET],
	    "# mode: logits\nlabel,cat,dog\ncat,1,2\n");
	ck_assert_int_eq(l->steps[0].block_line[LB_SHEET], 10);
	ck_assert_str_eq(l->steps[0].block[LB_GOAL], "p[1,cat] > 0.9\n");
	ck_assert_int_eq(l->steps[0].block_line[LB_GOAL], 15);
	ck_assert_ptr_null(l->steps[0].block[LB_HINT]);
	ck_assert_str_eq(l->steps[1].block[LB_SETUP], "hide all\n");
	ck_assert_str_eq(l->steps[1].block[LB_SOLUTION], ":goto 1 cat\n+++\n");
	ck_assert_int_eq(l->steps[1].block_line[LB_SOLUTION], 28);
	lesson_free(l);
}
END_TEST

/* CRLF line ends parse the same. */
START_TEST(test_crlf)
{
	struct lesson *l = parse_ok("# T\r\n## S\r\n```goal\r\nrows > 1\r\n"
	    "```\r\n");

	ck_assert_str_eq(l->title, "T");
	ck_assert_str_eq(l->steps[0].heading, "S");
	ck_assert_str_eq(l->steps[0].block[LB_GOAL], "rows > 1\n");
	lesson_free(l);
}
END_TEST

/* The catalogue of malformed lessons. */
START_TEST(test_malformed)
{
	parse_bad("", 1, "no '# Title'");
	parse_bad("\n\n", 1, "no '# Title'");
	parse_bad("hello\n# T\n## S\n", 1, "must start with a '# Title'");
	parse_bad("# T\nprose only\n", 1, "no steps");
	parse_bad("# T\n# U\n## S\n", 2, "a second title");
	parse_bad("# T\n## \n", 2, "needs text");
	parse_bad("# T\n```goal\nrows > 1\n```\n## S\n", 2,
	    "'goal' block before the first step");
	parse_bad("# T\n## S\n```gaol\nrows\n```\n", 3, "unknown block 'gaol'");
	parse_bad("# T\n## S\n```goal\na\n```\n```goal\nb\n```\n", 6,
	    "a second 'goal' block");
	parse_bad("# T\n## S\n\n```sheet\nlabel,a\n", 4, "never closed");
	parse_bad("# T\n## S\nna\xefve\n", 3, "invalid UTF-8");
	parse_bad("# T\xc3\n## S\n", 1, "invalid UTF-8");
	parse_bad("# \xef\xbb\xbfT\n## S\n", 1, "the title has a byte-order");
	parse_bad("# T\n## S\nTry it: a.\n\nTry it: b.\n", 5,
	    "a second 'Try it:'");
	parse_bad("# T\n## S\n```predict\nask: q\nvalue: rows\n```\n", 4,
	    "no 'within:' line");
	parse_bad("# T\n## S\n```predict\nask: q\nvalue: rows\nwithin: -1\n"
	    "```\n", 6, "within: a tolerance");
	parse_bad("# T\n## S\n```predict\nask: q\nguess: 1\n```\n", 5,
	    "'ask:', 'value:', 'within:' and 'hide:'");
	parse_bad("# T\n## S\n```predict\nask: q\nask: r\n```\n", 5,
	    "a second 'ask:'");
}
END_TEST

/* A leading BOM is passed over; the task paragraph and a prediction are
 * kept apart from the text. */
START_TEST(test_task_and_predict)
{
	static const char text[] = "\xef\xbb\xbf# T\n## S\nFirst.\n\n"
	    "**Try it:** type\n5 now.\n\nAfter.\n```predict\nask: What?\n"
	    "value: loss[1]\nwithin: 0.25\nhide: loss, nll\n```\n";
	char err[512] = "";
	struct lesson *l = lesson_parse("t.md", text, strlen(text), err,
	    sizeof(err));

	ck_assert_msg(l != NULL, "%s", err);
	ck_assert_str_eq(l->title, "T");
	ck_assert_str_eq(l->steps[0].task, "**Try it:** type\n5 now.\n");
	ck_assert_int_eq(l->steps[0].task_line, 5);
	ck_assert_ptr_null(strstr(l->steps[0].text, "Try it"));
	ck_assert_ptr_nonnull(strstr(l->steps[0].text, "After."));
	ck_assert_str_eq(l->steps[0].predict.ask, "What?");
	ck_assert_str_eq(l->steps[0].predict.value, "loss[1]");
	ck_assert(l->steps[0].predict.within == 0.25);
	ck_assert_str_eq(l->steps[0].predict.hide, "loss, nll");
	lesson_free(l);
}
END_TEST

/* A NUL byte means a binary file, refused with a message. */
START_TEST(test_nul)
{
	static const char bin[] = "# T\n## S\nx\0y\n";
	char err[512] = "";

	ck_assert_ptr_null(lesson_parse("t.md", bin, sizeof(bin) - 1, err,
	    sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "NUL byte"));
}
END_TEST

/* A missing file and a folder fail with the path in the message. */
START_TEST(test_load_errors)
{
	char err[512];

	ck_assert_ptr_null(lesson_load("/nonexistent/x.md", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/x.md: "));
	ck_assert_ptr_null(lesson_load("/tmp", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "/tmp: "));
}
END_TEST

Suite *
lessonfile_suite(void)
{
	Suite *s = suite_create("lessonfile");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_good);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_nul);
	tcase_add_test(tc, test_task_and_predict);
	tcase_add_test(tc, test_load_errors);
	suite_add_tcase(s, tc);
	return s;
}
