/*
 * check_rowfilter.c - the row form of the goal language: the issue's
 * examples, every row quantity, bare flag names, label and pred against
 * class names (quoted, by index, a binary sheet's not_CLASS), label
 * against pred, precedence, a filter used on another block, the lesson
 * form's margin[ROW] and conf[ROW], and every error word for word.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/goal.h"
#include "core/rowfilter.h"
#include "core/sheet.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *pets[] = { "cat", "dog", "fish" };

/* Five logits rows over cat, dog, fish:
 *   0 (10,0,0) t=dog   confidently wrong (cat), loss about 10
 *   1 (0,3,0)  t=dog   right, conf 0.909
 *   2 (0,0,5)  t=cat   confidently wrong (fish, 0.987)
 *   3 (1,1,1)  none    no target
 *   4 (0,2,0)  t=cat   wrong (dog at 0.787, under the 0.8 threshold)
 */
static struct sheet *
pets_sheet(void)
{
	struct sheet *s = tu_sheet(3, pets, 0, 0);
	static const double a[5][3] = {
		{ 10, 0, 0 }, { 0, 3, 0 }, { 0, 0, 5 }, { 1, 1, 1 }, { 0, 2, 0 },
	};
	static const int t[5] = { 1, 1, 0, -1, 0 };
	int i;

	for (i = 0; i < 5; i++)
		ck_assert_int_ge(tu_row(s, a[i], t[i]), 0);
	return s;
}

/* The rows of S where TEXT holds, as a string of digits ("024"). */
static const char *
kept(const struct sheet *s, const char *text)
{
	static char out[64];
	struct rowfilter *f;
	char err[256] = "";
	long r;
	size_t n = 0;

	f = rowfilter_parse(s, text, err, sizeof(err));
	ck_assert_msg(f != NULL, "%s: %s", text, err);
	ck_assert_str_eq(rowfilter_text(f), text);
	for (r = 0; r < sheet_rows(s) && n + 1 < sizeof(out); r++)
		if (rowfilter_match(f, s, r))
			out[n++] = (char)('0' + r);
	out[n] = '\0';
	rowfilter_free(f);
	return out;
}

/* Asserts that TEXT fails on S with message MSG. */
static void
bad(const struct sheet *s, const char *text, const char *msg)
{
	char err[256] = "";

	ck_assert_ptr_null(rowfilter_parse(s, text, err, sizeof(err)));
	ck_assert_str_eq(err, msg);
}

/* The examples. */
START_TEST(test_examples)
{
	struct sheet *s = pets_sheet();
	struct sheet *q = tu_sheet(3, pets, 1, 0);
	static const double pr[3][3] = {
		{ 0.5, 0.5, 0 }, { 0.2, 0.2, 0.2 }, { 0.7, 0.2, 0.1 },
	};
	int i;

	ck_assert_str_eq(kept(s, "confident_wrong"), "02");
	ck_assert_str_eq(kept(s, "label == dog and pred == cat"), "0");
	ck_assert_str_eq(kept(s, "loss > 2"), "024");
	for (i = 0; i < 3; i++)
		ck_assert_int_ge(tu_row(q, pr[i], i == 0 ? 2 : 0), 0);
	ck_assert_str_eq(kept(q, "not_normalized or log_zero"), "01");
	ck_assert_str_eq(kept(q, "log_zero"), "0");
	ck_assert_str_eq(kept(q, "not_normalized"), "1");
	sheet_free(q);
	sheet_free(s);
}
END_TEST

/* Each row quantity, against values worked out by hand. */
START_TEST(test_quantities)
{
	struct sheet *s = pets_sheet();

	ck_assert_str_eq(kept(s, "p < 0.5"), "024");
	ck_assert_str_eq(kept(s, "p > 0.9"), "1");
	ck_assert_str_eq(kept(s, "p[cat] > 0.5"), "0");
	ck_assert_str_eq(kept(s, "p[2] > 0.5"), "2");
	ck_assert_str_eq(kept(s, "a[fish] >= 5"), "2");
	ck_assert_str_eq(kept(s, "a[dog] == 1"), "3");
	ck_assert_str_eq(kept(s, "margin < 0"), "024");
	ck_assert_str_eq(kept(s, "margin > 0.8"), "1");
	ck_assert_str_eq(kept(s, "conf > 0.9"), "012");
	ck_assert_str_eq(kept(s, "conf < 0.5"), "3");
	ck_assert_str_eq(kept(s, "if_form ~= loss"), "0124");
	ck_assert_str_eq(kept(s, "sum > 1000"), "0");
	ck_assert_str_eq(kept(s, "exp[fish] > 100"), "2");
	ck_assert_str_eq(kept(s, "y[cat] == 1"), "24");
	ck_assert_str_eq(kept(s, "nll[dog] < 0.1"), "1");
	ck_assert_str_eq(kept(s, "naive[cat] > 0.99"), "0");
	ck_assert_str_eq(kept(s, "plain > 5"), "02");
	ck_assert_str_eq(kept(s, "loss > 2 * confident + 1"), "02");
	ck_assert_str_eq(kept(s, "logits and temperature == 1"), "01234");
	ck_assert_str_eq(kept(s, "loss == loss"), "0124");
	ck_assert_str_eq(kept(s, "flag"), "02");
	ck_assert_str_eq(kept(s, "flag has confident_wrong"), "02");
	ck_assert_str_eq(kept(s, "nan"), "");
	sheet_free(s);
}
END_TEST

/* label and pred with class names, indices, quotes and each other. */
START_TEST(test_classes)
{
	static const char *odd[] = { "big dog", "3", "x)" };
	struct sheet *s = pets_sheet(), *o = tu_sheet(3, odd, 0, 0);
	double a[3] = { 0, 0, 1 };

	ck_assert_str_eq(kept(s, "label == cat"), "24");
	ck_assert_str_eq(kept(s, "label != cat"), "01");
	ck_assert_str_eq(kept(s, "pred == fish"), "2");
	ck_assert_str_eq(kept(s, "label == 'dog'"), "01");
	ck_assert_str_eq(kept(s, "label == \"dog\""), "01");
	ck_assert_str_eq(kept(s, "label == 1"), "01");
	ck_assert_str_eq(kept(s, "pred == label"), "1");
	ck_assert_str_eq(kept(s, "pred != label"), "024");
	ck_assert_str_eq(kept(s, "label == pred or pred == fish"), "12");
	ck_assert_str_eq(kept(s, "(label == dog)"), "01");
	ck_assert_str_eq(kept(s, "not (pred == cat)"), "124");
	ck_assert_str_eq(kept(s, "label==cat and loss>3"), "2");
	ck_assert_int_ge(tu_row(o, a, 0), 0);
	ck_assert_int_ge(tu_row(o, a, 1), 0);
	ck_assert_str_eq(kept(o, "label == 'big dog'"), "0");
	ck_assert_str_eq(kept(o, "label == 3"), "1");
	ck_assert_str_eq(kept(o, "pred == 'x)'"), "01");
	ck_assert_str_eq(kept(o, "label == 0"), "0");
	sheet_free(o);
	sheet_free(s);
}
END_TEST

/* A binary sheet: the other outcome is not_CLASS. */
START_TEST(test_binary)
{
	static const char *cat[] = { "cat" };
	struct sheet *s = tu_sheet(1, cat, 1, 0);
	double a[1] = { 0.9 }, y1[1] = { 1 }, y0[1] = { 0 };

	ck_assert_int_ge(sheet_append(s, NULL, a, y1, 0), 0);
	ck_assert_int_ge(sheet_append(s, NULL, a, y0, 0), 0);
	ck_assert_str_eq(kept(s, "label == not_cat"), "1");
	ck_assert_str_eq(kept(s, "label == cat and pred == cat"), "0");
	ck_assert_str_eq(kept(s, "p < 0.5"), "1");
	ck_assert_str_eq(kept(s, "confident_wrong"), "1");
	sheet_free(s);
}
END_TEST

/* A filter parsed on one block holds on the next (same classes), and on
 * a row past the sheet's end it never holds. */
START_TEST(test_other_block)
{
	struct sheet *s = pets_sheet(), *t = tu_sheet(3, pets, 0, 0);
	double a[3] = { 0, 0, 9 };
	struct rowfilter *f = rowfilter_parse(s, "pred == fish and p < 0.1",
	    NULL, 0);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(tu_row(t, a, 1), 0);
	ck_assert_int_eq(rowfilter_match(f, t, 0), 1);
	ck_assert_int_eq(rowfilter_match(f, t, 1), 0);
	ck_assert_int_eq(rowfilter_match(f, s, 1), 0);
	rowfilter_free(f);
	rowfilter_free(NULL);
	sheet_free(t);
	sheet_free(s);
}
END_TEST

/* The lesson form gains margin[ROW] and conf[ROW], and keeps its own
 * words: a bare flag name is no quantity there. */
START_TEST(test_lesson_form)
{
	struct sheet *s = pets_sheet();
	char err[256] = "";
	struct goal *g = goal_parse("margin[2] > 0.8 and conf[3] > 0.98",
	    err, sizeof(err));

	ck_assert_msg(g != NULL, "%s", err);
	ck_assert(goal_met(g, s, NULL));
	goal_free(g);
	g = goal_parse("margin[1] ~= p[1,dog] - p[1,cat]", err, sizeof(err));
	ck_assert(goal_met(g, s, NULL));
	goal_free(g);
	ck_assert_ptr_null(goal_parse("confident_wrong", err, sizeof(err)));
	ck_assert_str_eq(err, "unknown quantity 'confident_wrong'");
	ck_assert_ptr_null(goal_parse("margin > 0", err, sizeof(err)));
	ck_assert_str_eq(err, "expected '[' after 'margin'");
	sheet_free(s);
}
END_TEST

START_TEST(test_errors)
{
	struct sheet *s = pets_sheet();

	bad(s, "", "empty filter");
	bad(s, "  ", "empty filter");
	bad(s, NULL, "empty filter");
	bad(s, "label == dgo", "unknown class 'dgo'");
	bad(s, "p[dgo] > 0", "unknown class 'dgo'");
	bad(s, "a[7] > 0", "unknown class '7' (indices run from 0 to 2)");
	bad(s, "loss[2] > 1", "a filter's quantities are each row's: no "
	    "[ROW] after 'loss'");
	bad(s, "mean_loss > 1", "unknown quantity 'mean_loss'");
	bad(s, "confident_wrongg", "unknown quantity 'confident_wrongg'");
	bad(s, "label ==", "expected a class after 'label =='");
	bad(s, "label == \"dog", "unterminated class name '\"dog'");
	bad(s, "loss > 2 and", "expected a number or quantity after "
	    "'loss > 2 and'");
	bad(s, "loss = 2", "unknown operator '=' (use '==')");
	bad(s, "(loss > 2", "expected ')' after '(loss > 2'");
	bad(s, "loss > 2 dog", "trailing text 'dog'");
	bad(s, "loss has log_zero", "expected flag[ROW] before 'has'");
	sheet_free(s);
}
END_TEST

Suite *
rowfilter_suite(void)
{
	Suite *s = suite_create("rowfilter");
	TCase *t = tcase_create("rowfilter");

	tcase_add_test(t, test_examples);
	tcase_add_test(t, test_quantities);
	tcase_add_test(t, test_classes);
	tcase_add_test(t, test_binary);
	tcase_add_test(t, test_other_block);
	tcase_add_test(t, test_lesson_form);
	tcase_add_test(t, test_errors);
	suite_add_tcase(s, t);
	return s;
}
