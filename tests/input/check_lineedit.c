/*
 * check_lineedit.c - the readline line editor, fed keys without a terminal.
 */
#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <curses.h>

#include "input/lineedit.h"
#include "tests/suites.h"

Suite *lineedit_suite(void);

/* The key a peek function reports (-1: none pending). */
static int peek_key = -1;

/* Peek stub: hands out PEEK_KEY once. */
static int
peek_stub(void *arg)
{
	int k = peek_key;

	(void)arg;
	peek_key = -1;
	return k;
}

/* Feeds every byte of S; returns the status after the last one. */
static enum le_status
feed_str(const char *s)
{
	enum le_status st = LE_EDITING;

	while (*s != '\0')
		st = le_feed((unsigned char)*s++, peek_stub, NULL);
	return st;
}

/* The buffer being edited. */
static const char *
view_buf(void)
{
	const char *p, *b, *n;
	int pt;

	le_view(&p, &b, &pt, &n);
	return b;
}

/* The cursor's byte offset. */
static int
view_point(void)
{
	const char *p, *b, *n;
	int pt;

	le_view(&p, &b, &pt, &n);
	return pt;
}

/* The note. */
static const char *
view_note(void)
{
	const char *p, *b, *n;
	int pt;

	le_view(&p, &b, &pt, &n);
	return n;
}

/* Enters LINE into history H. */
static void
enter_line(const char *line, enum le_history h)
{
	le_start("> ", NULL, h, NULL, NULL);
	feed_str(line);
	ck_assert_int_eq(le_feed('\r', peek_stub, NULL), LE_DONE);
}

/* Completion stub: offers "goto" and "grid" for what starts with them. */
static char **
complete_stub(const char *line, int start, int end, void *arg)
{
	static const char *const words[] = { "goto", "grid" };
	char **list = calloc(3, sizeof(char *));
	int i, n = 0;

	(void)line;
	(void)arg;
	for (i = 0; i < 2 && list != NULL; i++)
		if (strncmp(words[i], line + start, (size_t)(end - start)) == 0)
			list[n++] = strdup(words[i]);
	return list;
}

static void
setup(void)
{
	if (setlocale(LC_ALL, "") == NULL ||
	    strstr(setlocale(LC_CTYPE, NULL), "UTF") == NULL)
		setlocale(LC_CTYPE, "C.UTF-8");
	peek_key = -1;
	le_init();
}

static void
teardown(void)
{
	le_done();
}

START_TEST(test_type_enter)
{
	const char *p, *b, *n;
	int pt;

	le_start("value: ", NULL, LE_HIST_CELL, NULL, NULL);
	ck_assert(le_active());
	ck_assert_int_eq(feed_str("abc"), LE_EDITING);
	le_view(&p, &b, &pt, &n);
	ck_assert_str_eq(p, "value: ");
	ck_assert_str_eq(b, "abc");
	ck_assert_int_eq(pt, 3);
	ck_assert_int_eq(le_feed(KEY_ENTER, peek_stub, NULL), LE_DONE);
	ck_assert(!le_active());
	ck_assert_str_eq(le_result(), "abc");
}
END_TEST

START_TEST(test_prefill_backspace)
{
	le_start("> ", "0.5", LE_HIST_CELL, NULL, NULL);
	ck_assert_str_eq(view_buf(), "0.5");
	ck_assert_int_eq(view_point(), 3);
	le_feed(KEY_BACKSPACE, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "0.");
	le_feed('7', peek_stub, NULL);
	ck_assert_int_eq(le_feed('\n', peek_stub, NULL), LE_DONE);
	ck_assert_str_eq(le_result(), "0.7");
}
END_TEST

START_TEST(test_arrows_delete)
{
	le_start("> ", "hello", LE_HIST_CELL, NULL, NULL);
	le_feed(KEY_LEFT, peek_stub, NULL);
	le_feed(KEY_LEFT, peek_stub, NULL);
	ck_assert_int_eq(view_point(), 3);
	le_feed('X', peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "helXlo");
	le_feed(KEY_RIGHT, peek_stub, NULL);
	ck_assert_int_eq(view_point(), 5);
	le_feed(KEY_HOME, peek_stub, NULL);
	ck_assert_int_eq(view_point(), 0);
	le_feed(KEY_DC, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "elXlo");
	le_feed(KEY_END, peek_stub, NULL);
	ck_assert_int_eq(view_point(), 5);
	ck_assert_int_eq(le_feed('\r', peek_stub, NULL), LE_DONE);
	ck_assert_str_eq(le_result(), "elXlo");
}
END_TEST

START_TEST(test_emacs_keys)
{
	le_start("> ", "one two", LE_HIST_CELL, NULL, NULL);
	le_feed(1, peek_stub, NULL);			/* Ctrl-A */
	ck_assert_int_eq(view_point(), 0);
	le_feed(5, peek_stub, NULL);			/* Ctrl-E */
	ck_assert_int_eq(view_point(), 7);
	le_feed(1, peek_stub, NULL);
	le_feed(6, peek_stub, NULL);			/* Ctrl-F */
	le_feed(6, peek_stub, NULL);
	le_feed(6, peek_stub, NULL);
	le_feed(11, peek_stub, NULL);			/* Ctrl-K */
	ck_assert_str_eq(view_buf(), "one");
	le_feed(25, peek_stub, NULL);			/* Ctrl-Y yanks back */
	ck_assert_str_eq(view_buf(), "one two");
	ck_assert_int_eq(le_feed('\r', peek_stub, NULL), LE_DONE);
	ck_assert_str_eq(le_result(), "one two");
}
END_TEST

START_TEST(test_lone_esc_cancels)
{
	le_start("> ", "draft", LE_HIST_CELL, NULL, NULL);
	feed_str("xy");
	peek_key = -1;
	ck_assert_int_eq(le_feed(27, peek_stub, NULL), LE_CANCELLED);
	ck_assert(!le_active());
	ck_assert_str_eq(le_result(), "");
	/* A cancelled line is not in the history. */
	le_start("> ", NULL, LE_HIST_CELL, NULL, NULL);
	le_feed(KEY_UP, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "");
}
END_TEST

START_TEST(test_esc_b_is_meta)
{
	le_start("> ", "alpha beta", LE_HIST_CELL, NULL, NULL);
	peek_key = 'b';
	ck_assert_int_eq(le_feed(27, peek_stub, NULL), LE_EDITING);
	ck_assert(le_active());
	ck_assert_int_eq(view_point(), 6);
	ck_assert_str_eq(view_buf(), "alpha beta");
	peek_key = 'f';					/* Alt-f */
	le_feed(27, peek_stub, NULL);
	ck_assert_int_eq(view_point(), 10);
}
END_TEST

START_TEST(test_ctrl_g_ctrl_c_cancel)
{
	le_start("> ", "abc", LE_HIST_COMMAND, NULL, NULL);
	ck_assert_int_eq(le_feed(7, peek_stub, NULL), LE_CANCELLED);
	ck_assert(!le_active());
	le_start("> ", "abc", LE_HIST_COMMAND, NULL, NULL);
	ck_assert_int_eq(le_feed(3, peek_stub, NULL), LE_CANCELLED);
	ck_assert(!le_active());
	/* Cancel in the middle of a Ctrl-X prefix, then edit normally. */
	le_start("> ", "abc", LE_HIST_COMMAND, NULL, NULL);
	le_feed(24, peek_stub, NULL);
	ck_assert_int_eq(le_feed(7, peek_stub, NULL), LE_CANCELLED);
	le_start("> ", NULL, LE_HIST_COMMAND, NULL, NULL);
	feed_str("ok");
	ck_assert_int_eq(le_feed('\r', peek_stub, NULL), LE_DONE);
	ck_assert_str_eq(le_result(), "ok");
}
END_TEST

START_TEST(test_history_up)
{
	enter_line("first", LE_HIST_CELL);
	enter_line("second", LE_HIST_CELL);
	enter_line("second", LE_HIST_CELL);		/* a repeat */
	enter_line("", LE_HIST_CELL);			/* empty */
	le_start("> ", NULL, LE_HIST_CELL, NULL, NULL);
	le_feed(KEY_UP, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "second");
	le_feed(KEY_UP, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "first");
	le_feed(KEY_DOWN, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "second");
	ck_assert_int_eq(le_feed('\r', peek_stub, NULL), LE_DONE);
	ck_assert_str_eq(le_result(), "second");
}
END_TEST

START_TEST(test_history_separate)
{
	enter_line("1.5", LE_HIST_CELL);
	enter_line("set step 2", LE_HIST_COMMAND);
	le_start(":", NULL, LE_HIST_COMMAND, NULL, NULL);
	le_feed(KEY_UP, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "set step 2");
	le_feed(KEY_UP, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "set step 2");	/* nothing older */
	le_feed(7, peek_stub, NULL);
	le_start("> ", NULL, LE_HIST_CELL, NULL, NULL);
	le_feed(KEY_UP, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "1.5");
	le_feed(KEY_UP, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "1.5");
	le_feed(27, peek_stub, NULL);
}
END_TEST

START_TEST(test_history_edit_reverted)
{
	enter_line("keep", LE_HIST_CELL);
	/* Edit a recalled line, then cancel: the entry stays as it was. */
	le_start("> ", NULL, LE_HIST_CELL, NULL, NULL);
	le_feed(KEY_UP, peek_stub, NULL);
	feed_str("XX");
	ck_assert_str_eq(view_buf(), "keepXX");
	le_feed(KEY_DOWN, peek_stub, NULL);
	le_feed(3, peek_stub, NULL);
	le_start("> ", NULL, LE_HIST_CELL, NULL, NULL);
	le_feed(KEY_UP, peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "keep");
}
END_TEST

START_TEST(test_complete_ambiguous)
{
	le_start(":", NULL, LE_HIST_COMMAND, complete_stub, NULL);
	le_feed('g', peek_stub, NULL);
	le_feed('\t', peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "g");
	ck_assert_str_eq(view_note(), "goto  grid");
	le_feed('o', peek_stub, NULL);			/* clears the note */
	ck_assert_str_eq(view_note(), "");
	le_feed('\t', peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "goto ");
	ck_assert_int_eq(view_point(), 5);
	ck_assert_str_eq(view_note(), "");
}
END_TEST

START_TEST(test_complete_unique)
{
	le_start(":", "go", LE_HIST_COMMAND, complete_stub, NULL);
	le_feed('\t', peek_stub, NULL);
	ck_assert_str_eq(view_buf(), "goto ");
	le_feed(KEY_HOME, peek_stub, NULL);
	le_feed('x', peek_stub, NULL);
	le_feed('\t', peek_stub, NULL);			/* "xgoto": no match */
	ck_assert_str_eq(view_buf(), "xgoto ");
	ck_assert_int_eq(le_feed('\r', peek_stub, NULL), LE_DONE);
	ck_assert_str_eq(le_result(), "xgoto ");
}
END_TEST

START_TEST(test_utf8)
{
	le_start("> ", NULL, LE_HIST_CELL, NULL, NULL);
	feed_str("a\xe7\x8c\xab");			/* "a猫" */
	ck_assert_str_eq(view_buf(), "a\xe7\x8c\xab");
	ck_assert_int_eq(view_point(), 4);
	le_feed(KEY_LEFT, peek_stub, NULL);	/* over the whole char */
	ck_assert_int_eq(view_point(), 1);
	le_feed(KEY_END, peek_stub, NULL);
	feed_str("\xe7\x8c\xab");
	le_feed(KEY_BACKSPACE, peek_stub, NULL);	/* removes 3 bytes */
	ck_assert_str_eq(view_buf(), "a\xe7\x8c\xab");
	ck_assert_int_eq(le_feed('\r', peek_stub, NULL), LE_DONE);
	ck_assert_str_eq(le_result(), "a\xe7\x8c\xab");
}
END_TEST

START_TEST(test_restart_while_active)
{
	le_start("> ", "old", LE_HIST_CELL, NULL, NULL);
	le_start("> ", "new", LE_HIST_CELL, NULL, NULL);
	ck_assert_str_eq(view_buf(), "new");
	ck_assert_int_eq(le_feed('\r', peek_stub, NULL), LE_DONE);
	ck_assert_str_eq(le_result(), "new");
	ck_assert_int_eq(le_feed('x', peek_stub, NULL), LE_CANCELLED);
}
END_TEST

Suite *
lineedit_suite(void)
{
	Suite *s = suite_create("lineedit");
	TCase *tc = tcase_create("lineedit");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_type_enter);
	tcase_add_test(tc, test_prefill_backspace);
	tcase_add_test(tc, test_arrows_delete);
	tcase_add_test(tc, test_emacs_keys);
	tcase_add_test(tc, test_lone_esc_cancels);
	tcase_add_test(tc, test_esc_b_is_meta);
	tcase_add_test(tc, test_ctrl_g_ctrl_c_cancel);
	tcase_add_test(tc, test_history_up);
	tcase_add_test(tc, test_history_separate);
	tcase_add_test(tc, test_history_edit_reverted);
	tcase_add_test(tc, test_complete_ambiguous);
	tcase_add_test(tc, test_complete_unique);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_restart_while_active);
	suite_add_tcase(s, tc);
	return s;
}
