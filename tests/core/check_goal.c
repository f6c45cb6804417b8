/*
 * check_goal.c - the goal language: every quantity against the sheet's own
 * numbers, every operator and its precedence, "~=" at the edge of its
 * tolerance, flags, classes by name and index, rows and classes that do not
 * exist, every parse error word for word, and hostile nesting.
 */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/goal.h"
#include "core/sheet.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *pets[] = { "cat", "dog", "plane", "fish", "building" };

/* The lecture's five-class logits row, whose target is fish. */
static const double lesson[] = {
	0.021789294543326676, -2.4880559194860128, -1.7505557283129267,
	2.0704092459877179, 1.2502573466234175,
};

/* A K-class sheet named NAMES in MODE with no rows. */
static struct sheet *
mk(int k, const char *const *names, enum sheet_mode mode)
{
	return tu_sheet(k, names, mode == SHEET_PROBS, 0);
}

/* Appends activations A with one-hot target T (-1: none). */
static void
row(struct sheet *s, const double *a, int t)
{
	ck_assert_int_ge(tu_row(s, a, t), 0);
}

/* The pets sheet: row 1 the lesson row (target fish), row 2 confidently
 * wrong (cat at 10, target dog), row 3 without a target. */
static struct sheet *
pets_sheet(void)
{
	struct sheet *s = mk(5, pets, SHEET_LOGITS);
	double wrong[5] = { 10, 0, 0, 0, 0 }, flat[5] = { 0 };

	row(s, lesson, 3);
	row(s, wrong, 1);
	row(s, flat, -1);
	return s;
}

/* Sets one option of S through a copy of the current ones. */
static void
opt(struct sheet *s, const char *name, double v)
{
	ck_assert_int_eq(tu_opt(s, name, v), 0);
}

/* Parses TEXT, asserting success. */
static struct goal *
parse(const char *text)
{
	char err[256] = "";
	struct goal *g = goal_parse(text, err, sizeof(err));

	ck_assert_msg(g != NULL, "'%.60s': %s", text, err);
	return g;
}

/* The value of TEXT on S with the cursor at CUR (may be NULL). */
static double
evc(const char *text, const struct sheet *s, const struct goal_cursor *cur)
{
	struct goal *g = parse(text);
	double v = goal_eval(g, s, cur);

	goal_free(g);
	return v;
}

/* The value of TEXT on S, no cursor. */
static double
ev(const char *text, const struct sheet *s)
{
	return evc(text, s, NULL);
}

/* Whether TEXT holds on S, no cursor. */
static int
met(const char *text, const struct sheet *s)
{
	struct goal *g = parse(text);
	int m = goal_met(g, s, NULL);

	goal_free(g);
	return m;
}

/* Asserts that TEXT is refused with exactly the message WANT. */
static void
bad(const char *text, const char *want)
{
	char err[256] = "";
	struct goal *g = goal_parse(text, err, sizeof(err));

	ck_assert_msg(g == NULL, "'%.60s' parsed", text);
	ck_assert_msg(strcmp(err, want) == 0, "'%.60s': got \"%s\", want \"%s\"",
	    text, err, want);
}

/* Asserts that TEXT parses but goal_check on S says exactly WANT. */
static void
lint(const char *text, const struct sheet *s, const char *want)
{
	struct goal *g = parse(text);
	char err[256] = "";

	ck_assert_int_eq(goal_check(g, s, err, sizeof(err)), -1);
	ck_assert_msg(strcmp(err, want) == 0, "'%s': got \"%s\", want \"%s\"",
	    text, err, want);
	ck_assert_msg(!goal_met(g, s, NULL), "'%s' met", text);
	ck_assert(isnan(goal_eval(g, s, NULL)));
	goal_free(g);
}

/* Asserts that TEXT parses and goal_check on S finds nothing wrong. */
static void
lint_ok(const char *text, const struct sheet *s)
{
	struct goal *g = parse(text);
	char err[256] = "untouched";

	ck_assert_msg(goal_check(g, s, err, sizeof(err)) == 0, "'%s': %s",
	    text, err);
	goal_free(g);
}

/* ------------------------------------------------------------------ */

/* The per-row quantities are the sheet's own, and the lecture's numbers. */
START_TEST(test_row_quantities)
{
	struct sheet *s = pets_sheet();

	ck_assert_close(ev("p[1,fish]", s), 0.62435136718346718, 1e-12);
	ck_assert_close(ev("sum[1]", s), 12.698085405662953, 1e-12);
	ck_assert_close(ev("loss[1]", s), 0.4710, 1e-3);
	ck_assert(ev("loss[1]", s) == sheet_loss(s, 0));
	ck_assert(ev("if_form[1]", s) == sheet_if_form(s, 0));
	ck_assert(ev("plain[1]", s) == sheet_plain(s, 0));
	ck_assert(ev("sum[2]", s) == sheet_sum(s, 1));
	ck_assert(ev("loss[2]", s) == sheet_loss(s, 1));
	ck_assert(ev("loss[2]", s) > 9);
	ck_assert(ev("pred[1]", s) == 3);
	ck_assert(ev("target[1]", s) == 3);
	ck_assert(ev("pred[2]", s) == 0);
	ck_assert(ev("target[2]", s) == 1);
	ck_assert(ev("flag[1]", s) == 0);
	ck_assert(ev("flag[2]", s) == sheet_flags(s, 1));
	ck_assert(ev("flag[2]", s) != 0);
	sheet_free(s);
}
END_TEST

/* Cell quantities, by class name and by 0-based index. */
START_TEST(test_cell_quantities)
{
	struct sheet *s = pets_sheet();

	ck_assert(ev("p[1,fish]", s) == sheet_p(s, 0, 3));
	ck_assert(ev("p[1,3]", s) == sheet_p(s, 0, 3));
	ck_assert(ev("a[1,dog]", s) == -2.4880559194860128);
	ck_assert(ev("exp[1,cat]", s) == sheet_exp(s, 0, 0));
	ck_assert(ev("y[1,fish]", s) == 1);
	ck_assert(ev("y[1,cat]", s) == 0);
	ck_assert(ev("nll[1,fish]", s) == sheet_neglog(s, 0, 3));
	ck_assert(ev("nll[1,plane]", s) == sheet_neglog(s, 0, 2));
	ck_assert(ev("naive[1,building]", s) == sheet_naive_p(s, 0, 4));
	ck_assert(ev("p[2,0]", s) == sheet_p(s, 1, 0));
	ck_assert(ev("p[ 2 , cat ]", s) == sheet_p(s, 1, 0));
	ck_assert_close(ev("p[1,cat] + p[1,dog] + p[1,plane] + p[1,fish] + "
	    "p[1,building]", s), 1, 1e-15);
	sheet_free(s);
}
END_TEST

/* Sheet-wide quantities and settings. */
START_TEST(test_sheet_quantities)
{
	struct sheet *s = pets_sheet(), *q = mk(5, pets, SHEET_PROBS);

	ck_assert(ev("mean_loss", s) == sheet_mean_loss(s));
	ck_assert(ev("accuracy", s) == 0.5);
	ck_assert(ev("rows", s) == 3);
	ck_assert(ev("classes", s) == 5);
	ck_assert_close(ev("base", s), exp(1), 1e-15);
	ck_assert(ev("temperature", s) == 1);
	ck_assert(ev("label_smoothing", s) == 0);
	ck_assert(ev("confident", s) == 0.8);
	ck_assert(ev("logits", s) == 1 && ev("probs", s) == 0);
	ck_assert(ev("logits", q) == 0 && ev("probs", q) == 1);
	opt(s, "base", 2);
	ck_assert(ev("base", s) == 2);
	ck_assert_close(ev("loss[1]", s), 0.4710 / log(2), 1e-3);
	opt(s, "base", 10);
	ck_assert(met("base == 10", s));
	opt(s, "temperature", 2.5);
	opt(s, "smoothing", 0.1);
	opt(s, "confident", 0.95);
	ck_assert(ev("temperature", s) == 2.5);
	ck_assert(ev("label_smoothing", s) == 0.1);
	ck_assert(ev("confident", s) == 0.95);
	ck_assert(ev("rows", q) == 0);
	ck_assert(isnan(ev("mean_loss", q)));
	sheet_free(s);
	sheet_free(q);
}
END_TEST

/* cursor_row counts from 1; cursor[R,C] is 1 only on that cell. */
START_TEST(test_cursor)
{
	struct sheet *s = pets_sheet();
	struct goal_cursor on_fish = { 0, 3 }, on_row = { 1, -1 };

	ck_assert(evc("cursor_row", s, &on_fish) == 1);
	ck_assert(evc("cursor_row", s, &on_row) == 2);
	ck_assert(isnan(evc("cursor_row", s, NULL)));
	ck_assert(evc("cursor[1,fish]", s, &on_fish) == 1);
	ck_assert(evc("cursor[1,3]", s, &on_fish) == 1);
	ck_assert(evc("cursor[1,cat]", s, &on_fish) == 0);
	ck_assert(evc("cursor[2,fish]", s, &on_fish) == 0);
	ck_assert(evc("cursor[2,cat]", s, &on_row) == 0);
	ck_assert(evc("cursor[1,fish]", s, NULL) == 0);
	ck_assert(evc("cursor_row == 2 and not cursor[2,dog]", s, &on_row) == 1);
	ck_assert(isnan(evc("cursor[9,fish]", s, &on_fish)));
	sheet_free(s);
}
END_TEST

/* class[NAME] against pred and target, by name and by index. */
START_TEST(test_class)
{
	struct sheet *s = pets_sheet();

	ck_assert(ev("class[cat]", s) == 0);
	ck_assert(ev("class[building]", s) == 4);
	ck_assert(ev("class[ fish ]", s) == 3);
	ck_assert(ev("class[2]", s) == 2);
	ck_assert(met("pred[1] == class[fish]", s));
	ck_assert(met("pred[1] == target[1]", s));
	ck_assert(met("pred[2] == class[cat] and target[2] == class[dog]", s));
	ck_assert(!met("pred[2] == target[2]", s));
	ck_assert(met("pred[2] != target[2]", s));
	ck_assert(isnan(ev("class[zebra]", s)));
	ck_assert(isnan(ev("class[5]", s)));
	ck_assert(!met("class[zebra] == class[zebra]", s));
	sheet_free(s);
}
END_TEST

/* A name wins over an index; the index is the fallback. */
START_TEST(test_class_name_first)
{
	static const char *odd[] = { "2", "b", "c" };
	struct sheet *s = mk(3, odd, SHEET_LOGITS);
	double a[3] = { 1, 2, 3 };

	row(s, a, 2);
	ck_assert(ev("class[2]", s) == 0);
	ck_assert(ev("a[1,2]", s) == 1);
	ck_assert(ev("a[1,1]", s) == 2);
	ck_assert(ev("a[1,c]", s) == 3);
	ck_assert(ev("a[1,0]", s) == 1);
	lint_ok("a[1,2] + a[1,1] + a[1,0] > 0", s);
	sheet_free(s);
}
END_TEST

/* Class names with spaces and UTF-8. */
START_TEST(test_utf8_class)
{
	static const char *odd[] = { "猫", "hot dog", "ü" };
	struct sheet *s = mk(3, odd, SHEET_LOGITS);
	double a[3] = { 0.5, 1.5, -1 };

	row(s, a, 0);
	ck_assert(ev("p[1, 猫]", s) == sheet_p(s, 0, 0));
	ck_assert(ev("p[1,猫]", s) == sheet_p(s, 0, 0));
	ck_assert(ev("a[1,  hot dog  ]", s) == 1.5);
	ck_assert(ev("a[1,ü]", s) == -1);
	ck_assert(ev("class[hot dog]", s) == 1);
	ck_assert(met("target[1] == class[猫] and pred[1] == class[hot dog]", s));
	lint("a[1,hot  dog] > 0", s, "unknown class 'hot  dog'");
	lint("p[1, 犬] > 0", s, "unknown class '犬'");
	sheet_free(s);
}
END_TEST

/* A binary sheet: one class; pred and target outcomes 0 and 1. */
START_TEST(test_binary)
{
	static const char *one[] = { "spam" };
	struct sheet *s = mk(1, one, SHEET_LOGITS);
	double a[1] = { -2 }, y[1] = { 1 };

	ck_assert_int_eq(sheet_append(s, NULL, a, y, 0), 0);
	ck_assert(ev("p[1,spam]", s) == sheet_p(s, 0, 0));
	ck_assert(ev("class[spam]", s) == 0);
	ck_assert(ev("class[not_spam]", s) == 1);
	ck_assert(ev("class[1]", s) == 1);
	ck_assert(met("pred[1] == class[not_spam]", s));
	ck_assert(met("target[1] == class[spam]", s));
	lint("p[1,not_spam] > 0", s, "unknown class 'not_spam'");
	lint("p[1,1] > 0", s, "unknown class '1' (indices run from 0 to 0)");
	lint("class[2] == 0", s, "unknown class '2' (indices run from 0 to 1)");
	sheet_free(s);
}
END_TEST

/* Arithmetic: precedence, associativity, signs, division. */
START_TEST(test_arithmetic)
{
	struct sheet *s = pets_sheet();

	ck_assert(ev("1 + 2 * 3", s) == 7);
	ck_assert(ev("(1 + 2) * 3", s) == 9);
	ck_assert(ev("2 - 3 - 4", s) == -5);
	ck_assert(ev("2 - (3 - 4)", s) == 3);
	ck_assert(ev("8 / 4 / 2", s) == 1);
	ck_assert(ev("1 + 8 / 4 * 2 - 1", s) == 4);
	ck_assert(ev("-2 * -3", s) == 6);
	ck_assert(ev("--1", s) == 1);
	ck_assert(ev("- (1 + 2)", s) == -3);
	ck_assert(ev("0.5", s) == 0.5);
	ck_assert(ev(".25", s) == 0.25);
	ck_assert(ev("1e-3", s) == 1e-3);
	ck_assert(ev("2.5E+2", s) == 250);
	ck_assert(isinf(ev("1 / 0", s)));
	ck_assert(isinf(ev("inf", s)) && ev("-inf", s) < 0);
	ck_assert(isnan(ev("nan", s)));
	ck_assert(ev("2 * loss[1] - loss[1]", s) == sheet_loss(s, 0));
	ck_assert(ev("\t1\n+\r2 ", s) == 3);
	sheet_free(s);
}
END_TEST

/* Every comparison, true and false, giving exactly 1 or 0. */
START_TEST(test_comparisons)
{
	struct sheet *s = pets_sheet();

	ck_assert(ev("1 < 2", s) == 1 && ev("2 < 2", s) == 0);
	ck_assert(ev("2 <= 2", s) == 1 && ev("3 <= 2", s) == 0);
	ck_assert(ev("3 > 2", s) == 1 && ev("2 > 2", s) == 0);
	ck_assert(ev("2 >= 2", s) == 1 && ev("1 >= 2", s) == 0);
	ck_assert(ev("2 == 2", s) == 1 && ev("2 == 3", s) == 0);
	ck_assert(ev("2 != 3", s) == 1 && ev("2 != 2", s) == 0);
	ck_assert(ev("1+1 == 2", s) == 1);
	ck_assert(ev("1 < 2 + 0.5 * 2", s) == 1);
	ck_assert(ev("(1 < 2) + (3 < 4)", s) == 2);
	ck_assert(ev("p[1,fish] > 0.6", s) == 1);
	ck_assert(ev("p[1,fish] > 0.9", s) == 0);
	ck_assert(ev("1<2", s) == 1 && ev("2>=3", s) == 0);
	sheet_free(s);
}
END_TEST

/* Comparisons with a computed NaN are false; it is only a value. */
START_TEST(test_nan_values)
{
	struct sheet *s = pets_sheet();

	ck_assert(ev("nan == nan", s) == 0);
	ck_assert(ev("nan != 1", s) == 0);
	ck_assert(ev("nan < 1", s) == 0 && ev("nan >= 1", s) == 0);
	ck_assert(ev("nan ~= nan", s) == 0);
	ck_assert(ev("nan and 1", s) == 0 && ev("nan or 1", s) == 1);
	ck_assert(ev("not nan", s) == 1);
	/* Row 3 has no target: loss and target NaN, but the row exists. */
	ck_assert(isnan(ev("loss[3]", s)));
	ck_assert(isnan(ev("target[3]", s)));
	ck_assert(!met("loss[3] > 0", s));
	ck_assert(met("not (loss[3] > 0)", s));
	ck_assert(!met("target[3] == target[3]", s));
	lint_ok("loss[3] > 0", s);
	sheet_free(s);
}
END_TEST

/* and, or, not: values and precedence. */
START_TEST(test_logic)
{
	struct sheet *s = pets_sheet();

	ck_assert(ev("1 and 1", s) == 1 && ev("1 and 0", s) == 0);
	ck_assert(ev("0 or 1", s) == 1 && ev("0 or 0", s) == 0);
	ck_assert(ev("not 0", s) == 1 && ev("not 3", s) == 0);
	ck_assert(ev("2 and 3", s) == 1);
	/* and binds tighter than or, either way round. */
	ck_assert(ev("1 or 1 and 0", s) == 1);
	ck_assert(ev("0 and 0 or 1", s) == 1);
	ck_assert(ev("(1 or 1) and 0", s) == 0);
	/* not binds tighter than and, looser than comparisons. */
	ck_assert(ev("not 1 and 0", s) == 0);
	ck_assert(ev("not 0 and 1", s) == 1);
	ck_assert(ev("not 1 or 1", s) == 1);
	ck_assert(ev("not 1 < 0", s) == 1);
	ck_assert(ev("not 2 - 2", s) == 1);
	ck_assert(ev("not not 5", s) == 1);
	ck_assert(ev("not (1 and 0)", s) == 1);
	ck_assert(ev("loss[2] > 2 and pred[2] != target[2] or 0", s) == 1);
	/* Keywords are whole words. */
	ck_assert(ev("not(0)", s) == 1);
	ck_assert(ev("(1)and(1)", s) == 1);
	sheet_free(s);
}
END_TEST

/* ~= holds within 1e-9 relative, 1e-12 absolute. */
START_TEST(test_approx)
{
	struct sheet *s = pets_sheet();

	ck_assert(met("1 ~= 1", s));
	ck_assert(met("1 ~= 1.0000000005", s));
	ck_assert(!met("1 ~= 1.000000002", s));
	ck_assert(met("1e20 ~= 1.0000000005e20", s));
	ck_assert(!met("1e20 ~= 1.000000002e20", s));
	ck_assert(met("0 ~= 5e-13", s));
	ck_assert(met("-5e-13 ~= 4e-13", s));
	ck_assert(!met("0 ~= 2e-12", s));
	ck_assert(met("inf ~= inf", s));
	ck_assert(!met("inf ~= -inf", s));
	ck_assert(!met("inf ~= 1e308", s));
	ck_assert(!met("0.1 + 0.2 == 0.3", s));
	ck_assert(met("0.1 + 0.2 ~= 0.3", s));
	ck_assert(met("if_form[1] ~= loss[1]", s));
	ck_assert(met("p[1,fish] ~= 0.62435136718346718", s));
	ck_assert(met("sum[1] ~= 12.698085405662953", s));
	sheet_free(s);
}
END_TEST

/* flag[R] has NAME, raised and not. */
START_TEST(test_has)
{
	struct sheet *s = pets_sheet(), *q = mk(3, pets, SHEET_PROBS);
	double half[3] = { 0.5, 0.6, 0 }, zero[3] = { 1, 0, 0 };

	ck_assert(sheet_flags(s, 1) & FLAG_CONFIDENT_WRONG);
	ck_assert(met("flag[2] has confident_wrong", s));
	ck_assert(!met("flag[1] has confident_wrong", s));
	ck_assert(met("not (flag[1] has not_normalized)", s));
	ck_assert(met("not flag[1] has nan", s));
	ck_assert(met("loss[2] > 2 and flag[2] has confident_wrong", s));
	ck_assert(met("(flag[2]) has confident_wrong", s));
	ck_assert(met("flag[2]", s) && !met("flag[1]", s));
	row(q, half, 0);
	row(q, zero, 2);
	ck_assert(met("flag[1] has not_normalized", q));
	ck_assert(!met("flag[2] has not_normalized", q));
	ck_assert(met("flag[2] has log_zero and loss[2] == inf", q));
	ck_assert(!met("flag[1] has log_zero", q));
	ck_assert(!met("flag[9] has log_zero", q));
	ck_assert(!met("not (flag[9] has log_zero)", q));
	sheet_free(s);
	sheet_free(q);
}
END_TEST

/* count(NAME) follows the sheet's counts as rows change. */
START_TEST(test_count)
{
	struct sheet *s = pets_sheet();
	double big[5] = { 1000, 0, 0, 0, 0 };

	ck_assert(ev("count(confident_wrong)", s) == 1);
	ck_assert(ev("count( overflow )", s) == 0);
	ck_assert(!met("count(overflow) >= 1", s));
	row(s, big, 0);
	ck_assert(sheet_flags(s, 3) & FLAG_OVERFLOW);
	ck_assert(met("count(overflow) >= 1", s));
	ck_assert(ev("count(overflow)", s) ==
	    sheet_flag_count(s, FLAG_OVERFLOW));
	ck_assert(met("flag[4] has overflow", s));
	sheet_set_act(s, 3, 0, 1);
	ck_assert(!met("count(overflow) >= 1", s));
	sheet_free(s);
}
END_TEST

/* A row or class that does not exist spoils the whole goal, and lint
 * names it. */
START_TEST(test_missing)
{
	struct sheet *s = pets_sheet(), *e = mk(5, pets, SHEET_LOGITS);

	ck_assert(isnan(ev("p[1,fsh]", s)));
	ck_assert(isnan(ev("loss[4]", s)));
	lint("p[1,fsh] > 0.5", s, "unknown class 'fsh'");
	lint("not (p[1,fsh] > 0.5)", s, "unknown class 'fsh'");
	lint("1 or p[1,fsh] > 0.5", s, "unknown class 'fsh'");
	lint("p[1,fish] > 0.5 and loss[7] < 1", s,
	    "row 7 is past the last row (3)");
	lint("p[1,7] > 0", s, "unknown class '7' (indices run from 0 to 4)");
	lint("class[Cat] == pred[1]", s, "unknown class 'Cat'");
	lint("cursor[4,cat]", s, "row 4 is past the last row (3)");
	lint("flag[5] has nan", s, "row 5 is past the last row (3)");
	lint("loss[9] > 0 or p[1,fsh] > 0", s, "row 9 is past the last row (3)");
	lint("loss[1] > 0", e, "row 1 does not exist: the sheet has no rows");
	lint_ok("p[1,fish] > 0.5 and loss[3] != 1 and class[4] == 4 and "
	    "cursor[3,building] == 0 and count(nan) == 0 and mean_loss > 0", s);
	ck_assert_int_eq(goal_check(NULL, s, NULL, 0), -1);
	sheet_free(s);
	sheet_free(e);
}
END_TEST

/* Classes are looked up when the goal is evaluated, not when parsed. */
START_TEST(test_late_binding)
{
	struct sheet *s = pets_sheet();
	struct goal *g = parse("p[1,bird] >= 0 and rows == 4");
	double a[6] = { 0 };
	char err[128];

	ck_assert(!goal_met(g, s, NULL));
	ck_assert_int_eq(goal_check(g, s, err, sizeof(err)), -1);
	ck_assert_int_eq(sheet_add_class(s, "bird"), 0);
	ck_assert(!goal_met(g, s, NULL));
	ck_assert_int_eq(sheet_append(s, NULL, a, NULL, 0), 3);
	ck_assert(goal_met(g, s, NULL));
	ck_assert_int_eq(goal_check(g, s, err, sizeof(err)), 0);
	goal_free(g);
	sheet_free(s);
}
END_TEST

/* Met means neither 0 nor NaN. */
START_TEST(test_met)
{
	struct sheet *s = pets_sheet();

	ck_assert(met("2", s) && met("-1", s) && met("inf", s));
	ck_assert(!met("0", s) && !met("-0", s) && !met("nan", s));
	ck_assert(met("1e-300", s));
	ck_assert(isnan(goal_eval(NULL, s, NULL)));
	ck_assert(!goal_met(NULL, s, NULL));
	sheet_free(s);
}
END_TEST

/* Every parse error, word for word. */
START_TEST(test_errors)
{
	bad("", "empty goal");
	bad(" \t\n ", "empty goal");
	bad(NULL, "empty goal");
	bad("lost[1] > 0", "unknown quantity 'lost'");
	bad("Loss[1] > 0", "unknown quantity 'Loss'");
	bad("infinity > 0", "unknown quantity 'infinity'");
	bad("p[1,fish", "expected ']' after 'p[1,fish'");
	bad("p[1,fish,2] > 0", "expected ']' after 'p[1,fish'");
	bad("p[1 , fish > 0.5", "expected ']' after 'p[1 , fish > 0.5'");
	bad("loss[1] > 0 xyz", "trailing text 'xyz'");
	bad("1 AND 1", "trailing text 'AND 1'");
	bad("1 < 2 < 3", "trailing text '< 3'");
	bad("2>=1==1", "trailing text '==1'");
	bad("(1))", "trailing text ')'");
	bad("loss > 1", "expected '[' after 'loss'");
	bad("loss", "expected '[' after 'loss'");
	bad("loss[] > 1", "expected a row number after 'loss['");
	bad("loss[x] > 1", "expected a row number after 'loss['");
	bad("loss[-1] > 1", "expected a row number after 'loss['");
	bad("loss[0] > 1", "rows count from 1, not '0'");
	bad("loss[1 > 1", "expected ']' after 'loss[1'");
	bad("loss[1.5] > 1", "expected ']' after 'loss[1'");
	bad("loss[1234567890]", "row number too large '1234567890'");
	bad("p[1] > 0", "expected ',' after 'p[1'");
	bad("p[1,] > 0", "expected a class after 'p[1,'");
	bad("p[1,  ]", "expected a class after 'p[1,'");
	bad("class[] == 1", "expected a class after 'class['");
	bad("class[a,b] == 1", "expected ']' after 'class[a'");
	bad("flag[1] has log0", "unknown flag 'log0'");
	bad("flag[1] has LOG_ZERO", "unknown flag 'LOG_ZERO'");
	bad("flag[1] has", "expected a flag name after 'flag[1] has'");
	bad("flag[1] has (nan)", "expected a flag name after 'flag[1] has'");
	bad("loss[1] has nan", "expected flag[ROW] before 'has'");
	bad("flag[1] + 0 has nan", "expected flag[ROW] before 'has'");
	bad("count(log0) > 0", "unknown flag 'log0'");
	bad("count > 0", "expected '(' after 'count'");
	bad("count(nan > 0", "expected ')' after 'count(nan'");
	bad("count() > 0", "expected a flag name after 'count('");
	bad("(1 + 2", "expected ')' after '(1 + 2'");
	bad("(1 + 2 3)", "expected ')' after '(1 + 2'");
	bad("loss[1] <", "expected a number or quantity after 'loss[1] <'");
	bad("1 and", "expected a number or quantity after '1 and'");
	bad("not", "expected a number or quantity after 'not'");
	bad("-", "expected a number or quantity after '-'");
	bad("loss[1] < )", "expected a number or quantity at ')'");
	bad("+1", "expected a number or quantity at '+'");
	bad("é > 1", "expected a number or quantity at 'é'");
	bad("\x01", "expected a number or quantity at byte '0x01'");
	bad("1 < \xff", "expected a number or quantity at byte '0xff'");
	bad("and 1", "unexpected 'and'");
	bad("1 + has", "unexpected 'has'");
	bad("1 = 1", "unknown operator '=' (use '==')");
	bad("1 ! 1", "unknown operator '!' (use '!=' or 'not')");
	bad("1 ~ 1", "unknown operator '~' (use '~=')");
	bad("1.2.3", "bad number '1.2.3'");
	bad(". > 1", "bad number '.'");
}
END_TEST

/* Long inputs: quoted in part, refused past the limit, C stack safe. */
START_TEST(test_long)
{
	char buf[8192], err[256];
	struct goal *g;

	memset(buf, ' ', sizeof(buf));
	buf[0] = '1';
	buf[4096] = '\0';
	g = parse(buf);
	ck_assert(strlen(goal_text(g)) == 4096);
	goal_free(g);
	buf[4096] = ' ';
	buf[4097] = '\0';
	bad(buf, "goal too long (over 4096 bytes)");
	bad("loss[1] > 0 0123456789012345678901234567890123456789",
	    "trailing text '01234567890123456789012345678901...'");
	bad("1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 +",
	    "expected a number or quantity after '...+ 6 + 7 + 8 + 9 + 10 + 11 "
	    "+ 12 +'");
	memset(buf, '1', 100);
	buf[100] = '\0';
	ck_assert_ptr_null(goal_parse(buf, err, sizeof(err)));
	ck_assert_msg(strncmp(err, "number too long '1111", 21) == 0, "%s", err);
	/* A UTF-8 character is never cut in half. */
	bad("1 x猫猫猫猫猫猫猫猫猫猫猫猫猫猫猫猫",
	    "trailing text 'x猫猫猫猫猫猫猫猫猫猫...'");
}
END_TEST

/* Nesting is capped at 100 levels of brackets, not and minus. */
START_TEST(test_depth)
{
	const char *why = "goal nested too deeply (over 100 levels)";
	char buf[4200];
	struct sheet *s = pets_sheet();
	int i, n;

	for (n = 100; n <= 101; n++) {
		for (i = 0; i < n; i++) {
			buf[i] = '(';
			buf[n + 1 + i] = ')';
		}
		buf[n] = '1';
		buf[2 * n + 1] = '\0';
		if (n == 100)
			ck_assert(ev(buf, s) == 1);
		else
			bad(buf, why);
	}
	for (i = 0; i < 101; i++)
		memcpy(buf + 4 * i, "not ", 4);
	strcpy(buf + 4 * 101, "0");
	bad(buf, why);
	ck_assert(ev(buf + 4, s) == 0);
	ck_assert(ev(buf + 8, s) == 1);
	memset(buf, '-', 101);
	strcpy(buf + 101, "2");
	bad(buf, why);
	ck_assert(ev(buf + 1, s) == 2);
	memset(buf, '(', 4000);
	buf[4000] = '\0';
	bad(buf, why);
	for (i = 0; i < 2048; i++)
		memcpy(buf + 2 * i, "1+", 2);
	buf[2 * 2048 - 1] = '\0';
	ck_assert(ev(buf, s) == 2048);
	sheet_free(s);
}
END_TEST

/* goal_text gives back the text as written; errors fit any buffer. */
START_TEST(test_text_and_buffers)
{
	const char *text = "  p[1, fish] > 0.9 \t";
	char small[12], text_copy[64];
	struct goal *g;

	strcpy(text_copy, text);
	g = goal_parse(text_copy, NULL, 0);
	ck_assert_ptr_nonnull(g);
	memset(text_copy, 'x', strlen(text_copy));
	ck_assert_str_eq(goal_text(g), text);
	goal_free(g);
	ck_assert_str_eq(goal_text(NULL), "");
	goal_free(NULL);
	ck_assert_ptr_null(goal_parse("lost > 1", NULL, 0));
	ck_assert_ptr_null(goal_parse("lost > 1", small, 0));
	ck_assert_ptr_null(goal_parse("lost > 1", small, sizeof(small)));
	ck_assert_str_eq(small, "unknown qua");
}
END_TEST

/* Numbers read in the C locale whatever the process locale is. */
START_TEST(test_locale)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "C.UTF-8", "C",
	};
	struct sheet *s = pets_sheet();
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (setlocale(LC_ALL, names[i]) != NULL)
			break;
	ck_assert(ev("0.5 + 0.25", s) == 0.75);
	ck_assert(met("p[1,fish] ~= 0.62435136718346718", s));
	bad("0,5 > 0", "trailing text ',5 > 0'");
	setlocale(LC_ALL, "C");
	sheet_free(s);
}
END_TEST

Suite *
goal_suite(void)
{
	Suite *s = suite_create("goal");
	TCase *t = tcase_create("goal");

	tcase_add_test(t, test_row_quantities);
	tcase_add_test(t, test_cell_quantities);
	tcase_add_test(t, test_sheet_quantities);
	tcase_add_test(t, test_cursor);
	tcase_add_test(t, test_class);
	tcase_add_test(t, test_class_name_first);
	tcase_add_test(t, test_utf8_class);
	tcase_add_test(t, test_binary);
	tcase_add_test(t, test_arithmetic);
	tcase_add_test(t, test_comparisons);
	tcase_add_test(t, test_nan_values);
	tcase_add_test(t, test_logic);
	tcase_add_test(t, test_approx);
	tcase_add_test(t, test_has);
	tcase_add_test(t, test_count);
	tcase_add_test(t, test_missing);
	tcase_add_test(t, test_late_binding);
	tcase_add_test(t, test_met);
	tcase_add_test(t, test_errors);
	tcase_add_test(t, test_long);
	tcase_add_test(t, test_depth);
	tcase_add_test(t, test_text_and_buffers);
	tcase_add_test(t, test_locale);
	suite_add_tcase(s, t);
	return s;
}
