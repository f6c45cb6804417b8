/*
 * check_rowkey.c - sort keys: every key word and its default order, asc
 * and desc, a[CLASS] by name and index (a class called loss included),
 * every parse error, stability on ties, NaN last both ways, ids in
 * natural order, sorting a subset, and the detached item comparison
 * agreeing with the sort.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/rowkey.h"
#include "core/sheet.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *abc[] = { "a", "b", "c" };

/* Appends a row with id ID, logits A and target T (-1: none). */
static void
add(struct sheet *s, const char *id, const double *a, int t)
{
	double y[3] = { 0, 0, 0 };

	if (t >= 0)
		y[t] = 1;
	ck_assert_int_ge(sheet_append(s, id, a, t >= 0 ? y : NULL, 0), 0);
}

/* Six rows with known keys (logits over a, b, c; targets as noted):
 *   0 "r10" (2,0,0) t=a   right, confident
 *   1 "r9"  (0,3,0) t=a   wrong, big loss
 *   2 "r2"  (0,0,0) t=c   flat: a tie of loss with row 4
 *   3 "x"   (1,1,5) none  no target: NaN loss, p, margin
 *   4 "r02" (0,0,0) t=b   flat, same loss as row 2
 *   5 "r1"  (0,1,2) t=c
 */
static struct sheet *
six(void)
{
	struct sheet *s = tu_sheet(3, abc, 0, 0);
	static const double a[6][3] = {
		{ 2, 0, 0 }, { 0, 3, 0 }, { 0, 0, 0 }, { 1, 1, 5 },
		{ 0, 0, 0 }, { 0, 1, 2 },
	};
	static const char *ids[6] = { "r10", "r9", "r2", "x", "r02", "r1" };
	static const int t[6] = { 0, 0, 2, -1, 1, 2 };
	int i;

	for (i = 0; i < 6; i++)
		add(s, ids[i], a[i], t[i]);
	return s;
}

/* Parses TEXT on S, asserting success. */
static struct rowkey
key(const struct sheet *s, const char *text)
{
	struct rowkey k;
	char err[256] = "";

	ck_assert_msg(rowkey_parse(s, text, &k, err, sizeof(err)) == 0,
	    "%s: %s", text, err);
	return k;
}

/* Sorts every row of S by TEXT and asserts the order WANT (N rows). */
static void
order(const struct sheet *s, const char *text, const long *want, long n)
{
	struct rowkey k = key(s, text);
	long rows[16], i;

	ck_assert_int_eq(sheet_rows(s), n);
	for (i = 0; i < n; i++)
		rows[i] = i;
	ck_assert_int_eq(rowkey_sort(s, &k, rows, n), 0);
	for (i = 0; i < n; i++)
		ck_assert_msg(rows[i] == want[i], "%s: place %ld is row %ld, "
		    "expected %ld", text, i, rows[i], want[i]);
}

/* Asserts that TEXT fails on S with message MSG. */
static void
bad(const struct sheet *s, const char *text, const char *msg)
{
	struct rowkey k = { ROWKEY_ROW, -7, 0 };
	char err[256] = "";

	ck_assert_int_eq(rowkey_parse(s, text, &k, err, sizeof(err)), -1);
	ck_assert_str_eq(err, msg);
	ck_assert_int_eq(k.cls, -7);
}

START_TEST(test_parse_defaults)
{
	struct sheet *s = six();
	struct rowkey k;

	k = key(s, "loss");
	ck_assert(k.kind == ROWKEY_LOSS && k.desc == 1);
	k = key(s, "p");
	ck_assert(k.kind == ROWKEY_P && k.desc == 0);
	k = key(s, "margin");
	ck_assert(k.kind == ROWKEY_MARGIN && k.desc == 0);
	k = key(s, "conf");
	ck_assert(k.kind == ROWKEY_CONF && k.desc == 1);
	k = key(s, "label");
	ck_assert(k.kind == ROWKEY_LABEL && k.desc == 0);
	k = key(s, "pred");
	ck_assert(k.kind == ROWKEY_PRED && k.desc == 0);
	k = key(s, "id");
	ck_assert(k.kind == ROWKEY_ID && k.desc == 0);
	k = key(s, "row");
	ck_assert(k.kind == ROWKEY_ROW && k.desc == 0);
	k = key(s, "a[b]");
	ck_assert(k.kind == ROWKEY_ACT && k.desc == 1 && k.cls == 1);
	k = key(s, "a[2]");
	ck_assert(k.kind == ROWKEY_ACT && k.cls == 2);
	k = key(s, "  loss   asc ");
	ck_assert(k.kind == ROWKEY_LOSS && k.desc == 0);
	k = key(s, "p desc");
	ck_assert(k.kind == ROWKEY_P && k.desc == 1);
	k = key(s, "a[c] asc");
	ck_assert(k.kind == ROWKEY_ACT && k.desc == 0 && k.cls == 2);
	sheet_free(s);
}
END_TEST

/* A class called loss (or 2) is reached as a[loss] (a[2] by name first). */
START_TEST(test_parse_class_words)
{
	static const char *odd[] = { "loss", "2", "x y" };
	struct sheet *s = tu_sheet(3, odd, 0, 0);
	struct rowkey k;

	k = key(s, "loss");
	ck_assert(k.kind == ROWKEY_LOSS);
	k = key(s, "a[loss]");
	ck_assert(k.kind == ROWKEY_ACT && k.cls == 0);
	k = key(s, "a[2]");
	ck_assert(k.kind == ROWKEY_ACT && k.cls == 1);
	k = key(s, "a[x y] asc");
	ck_assert(k.kind == ROWKEY_ACT && k.cls == 2 && k.desc == 0);
	sheet_free(s);
}
END_TEST

START_TEST(test_parse_errors)
{
	struct sheet *s = six();

	bad(s, "", "sort needs a key (loss, p, margin, conf, label, pred, "
	    "id, a[CLASS] or row)");
	bad(s, "   ", "sort needs a key (loss, p, margin, conf, label, pred, "
	    "id, a[CLASS] or row)");
	bad(s, "lost", "unknown sort key 'lost' (loss, p, margin, conf, "
	    "label, pred, id, a[CLASS] or row)");
	bad(s, "LOSS", "unknown sort key 'LOSS' (loss, p, margin, conf, "
	    "label, pred, id, a[CLASS] or row)");
	bad(s, "a[dog]", "unknown class 'dog'");
	bad(s, "a[3]", "unknown class '3'");
	bad(s, "a[]", "unknown class ''");
	bad(s, "a[b", "expected ']' after 'a[b'");
	bad(s, "a[b]x", "unknown sort key 'a[b]x'");
	bad(s, "loss up", "expected asc or desc, not 'up'");
	bad(s, "loss asc desc", "trailing text 'desc'");
	ck_assert_int_eq(rowkey_parse(s, NULL, &(struct rowkey){ 0, 0, 0 },
	    NULL, 0), -1);
	sheet_free(s);
}
END_TEST

/* Values: each key against the sheet's own numbers. */
START_TEST(test_values)
{
	struct sheet *s = six();
	struct rowkey k;
	double e = exp(1), p1;

	k = key(s, "loss");
	ck_assert_close(rowkey_value(s, &k, 0), sheet_loss(s, 0), 0);
	ck_assert(isnan(rowkey_value(s, &k, 3)));
	k = key(s, "p");
	ck_assert_close(rowkey_value(s, &k, 0), e * e / (e * e + 2), 1e-15);
	ck_assert(isnan(rowkey_value(s, &k, 3)));
	k = key(s, "conf");
	ck_assert_close(rowkey_value(s, &k, 3), sheet_p(s, 3, 2), 0);
	ck_assert_close(rowkey_value(s, &k, 2), 1.0 / 3, 1e-15);
	k = key(s, "margin");
	p1 = 1 / (e * e * e + 2);
	ck_assert_close(rowkey_value(s, &k, 1), p1 - e * e * e * p1, 1e-14);
	ck_assert_close(rowkey_value(s, &k, 0),
	    (e * e - 1) / (e * e + 2), 1e-14);
	ck_assert(fabs(rowkey_value(s, &k, 2)) < 1e-16);
	ck_assert(isnan(rowkey_value(s, &k, 3)));
	k = key(s, "label");
	ck_assert(rowkey_value(s, &k, 4) == 1);
	ck_assert(isnan(rowkey_value(s, &k, 3)));
	k = key(s, "pred");
	ck_assert(rowkey_value(s, &k, 1) == 1 && rowkey_value(s, &k, 3) == 2);
	k = key(s, "a[b]");
	ck_assert(rowkey_value(s, &k, 1) == 3);
	k = key(s, "row");
	ck_assert(rowkey_value(s, &k, 5) == 5);
	k = key(s, "id");
	ck_assert(isnan(rowkey_value(s, &k, 0)));
	sheet_free(s);
}
END_TEST

/* Every key's order; ties (rows 2 and 4) keep the file order in both
 * directions, and NaN (row 3) is last in both. */
START_TEST(test_orders)
{
	struct sheet *s = six();
	static const long loss[] = { 1, 2, 4, 5, 0, 3 };
	static const long loss_asc[] = { 0, 5, 2, 4, 1, 3 };
	static const long p[] = { 1, 2, 4, 5, 0, 3 };
	static const long p_desc[] = { 0, 5, 2, 4, 1, 3 };
	static const long margin[] = { 1, 2, 4, 5, 0, 3 };
	static const long conf[] = { 3, 1, 0, 5, 2, 4 };
	static const long conf_asc[] = { 2, 4, 5, 0, 1, 3 };
	static const long label[] = { 0, 1, 4, 2, 5, 3 };
	static const long label_desc[] = { 2, 5, 4, 0, 1, 3 };
	static const long pred[] = { 0, 2, 4, 1, 3, 5 };
	static const long id[] = { 5, 2, 4, 1, 0, 3 };
	static const long id_desc[] = { 3, 0, 1, 2, 4, 5 };
	static const long act[] = { 1, 3, 5, 0, 2, 4 };
	static const long act_asc[] = { 0, 2, 4, 3, 5, 1 };
	static const long row[] = { 0, 1, 2, 3, 4, 5 };
	static const long row_desc[] = { 5, 4, 3, 2, 1, 0 };

	order(s, "loss", loss, 6);
	order(s, "loss asc", loss_asc, 6);
	order(s, "p", p, 6);
	order(s, "p desc", p_desc, 6);
	order(s, "margin", margin, 6);
	order(s, "conf", conf, 6);
	order(s, "conf asc", conf_asc, 6);
	order(s, "label", label, 6);
	order(s, "label desc", label_desc, 6);
	order(s, "pred", pred, 6);
	order(s, "id", id, 6);
	order(s, "id desc", id_desc, 6);
	order(s, "a[b]", act, 6);
	order(s, "a[b] asc", act_asc, 6);
	order(s, "row", row, 6);
	order(s, "row desc", row_desc, 6);
	sheet_free(s);
}
END_TEST

/* Plain-number ids (the pandas index) sort as numbers. */
START_TEST(test_numeric_ids)
{
	struct sheet *s = tu_sheet(3, abc, 0, 0);
	static const char *ids[] = { "10", "9", "100", "0", "09" };
	static const long want[] = { 3, 1, 4, 0, 2 };
	static const long desc[] = { 2, 0, 1, 4, 3 };
	double a[3] = { 0, 0, 0 };
	int i;

	for (i = 0; i < 5; i++)
		add(s, ids[i], a, 0);
	order(s, "id", want, 5);
	order(s, "id desc", desc, 5);
	ck_assert(rowkey_value(s, &(struct rowkey){ ROWKEY_ID, -1, 0 }, 2) ==
	    100);
	ck_assert_int_lt(rowkey_id_cmp("img_9", "img_10"), 0);
	ck_assert_int_lt(rowkey_id_cmp("a", "b"), 0);
	ck_assert_int_gt(rowkey_id_cmp("ab", "a"), 0);
	ck_assert_int_eq(rowkey_id_cmp("x007y", "x7y"), 0);
	ck_assert_int_lt(rowkey_id_cmp("x7a", "x7b"), 0);
	ck_assert_int_lt(rowkey_id_cmp("", "0"), 0);
	sheet_free(s);
}
END_TEST

/* Many equal keys: a stable sort keeps every tie in file order. */
START_TEST(test_stability)
{
	struct sheet *s = tu_sheet(3, abc, 0, 0);
	struct rowkey k;
	long rows[300], i;
	double a[3];

	for (i = 0; i < 300; i++) {
		a[0] = (double)(i % 3);
		a[1] = a[2] = 0;
		add(s, NULL, a, 0);
	}
	k = key(s, "loss");
	for (i = 0; i < 300; i++)
		rows[i] = i;
	ck_assert_int_eq(rowkey_sort(s, &k, rows, 300), 0);
	for (i = 0; i < 300; i++) {
		ck_assert_int_eq(rows[i] % 3, i / 100);
		if (i % 100 != 0)
			ck_assert_int_lt(rows[i - 1], rows[i]);
	}
	sheet_free(s);
}
END_TEST

/* A subset (a filtered view) sorts among itself; ties by row index. */
START_TEST(test_subset)
{
	struct sheet *s = six();
	struct rowkey k = key(s, "loss");
	long rows[] = { 5, 4, 2, 0 };

	ck_assert_int_eq(rowkey_sort(s, &k, rows, 4), 0);
	ck_assert(rows[0] == 2 && rows[1] == 4 && rows[2] == 5 &&
	    rows[3] == 0);
	ck_assert_int_eq(rowkey_sort(s, &k, rows, 0), 0);
	ck_assert_int_eq(rowkey_sort(s, &k, rows, 1), 0);
	ck_assert_int_eq(rows[0], 2);
	sheet_free(s);
}
END_TEST

/* The detached items order rows exactly as the sort does. */
START_TEST(test_items)
{
	static const char *keys[] = {
		"loss", "loss asc", "p", "p desc", "margin", "conf", "label",
		"pred desc", "id", "id desc", "a[a]", "a[c] asc", "row desc",
	};
	struct sheet *s = six();
	struct rowkey_item it[6];
	struct rowkey k;
	long rows[6];
	size_t i;
	int j;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		k = key(s, keys[i]);
		for (j = 0; j < 6; j++) {
			rows[j] = j;
			rowkey_item_of(s, &k, j, j, &it[j]);
		}
		ck_assert_int_eq(rowkey_sort(s, &k, rows, 6), 0);
		for (j = 1; j < 6; j++)
			ck_assert_msg(rowkey_item_cmp(&k, &it[rows[j - 1]],
			    &it[rows[j]]) < 0, "%s at %d", keys[i], j);
		ck_assert_int_eq(rowkey_item_cmp(&k, &it[2], &it[2]), 0);
	}
	sheet_free(s);
}
END_TEST

/* Signs, zeros, infinities and NaN in the radix sort's mapping. */
START_TEST(test_signs)
{
	struct sheet *s = tu_sheet(3, abc, 0, 0);
	static const double v[] = { 3, -2, NAN, -INFINITY, 0, INFINITY, -0.0,
	    -1e-300, 1e-300 };
	static const long asc[] = { 3, 1, 7, 4, 6, 8, 0, 5, 2 };
	static const long desc[] = { 5, 0, 8, 4, 6, 7, 1, 3, 2 };
	double a[3] = { 0, 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		a[0] = v[i];
		add(s, NULL, a, 1);
	}
	order(s, "a[a] asc", asc, 9);
	order(s, "a[a]", desc, 9);
	sheet_free(s);
}
END_TEST

/* A binary sheet: p, conf and margin over the class and its other. */
START_TEST(test_binary)
{
	static const char *cat[] = { "cat" };
	struct sheet *s = tu_sheet(1, cat, 1, 0);
	double a[1] = { 0.9 }, y1[1] = { 1 }, y0[1] = { 0 };

	ck_assert_int_ge(sheet_append(s, NULL, a, y1, 0), 0);
	ck_assert_int_ge(sheet_append(s, NULL, a, y0, 0), 0);
	ck_assert_close(rowkey_target_p(s, 0), 0.9, 1e-15);
	ck_assert_close(rowkey_target_p(s, 1), 0.1, 1e-14);
	ck_assert_close(rowkey_conf(s, 1), 0.9, 1e-15);
	ck_assert_close(rowkey_margin(s, 0), 0.8, 1e-14);
	ck_assert_close(rowkey_margin(s, 1), -0.8, 1e-14);
	ck_assert(isnan(rowkey_outcome_p(s, 0, -1)));
	sheet_free(s);
}
END_TEST

Suite *
rowkey_suite(void)
{
	Suite *s = suite_create("rowkey");
	TCase *t = tcase_create("rowkey");

	tcase_add_test(t, test_parse_defaults);
	tcase_add_test(t, test_parse_class_words);
	tcase_add_test(t, test_parse_errors);
	tcase_add_test(t, test_values);
	tcase_add_test(t, test_orders);
	tcase_add_test(t, test_numeric_ids);
	tcase_add_test(t, test_stability);
	tcase_add_test(t, test_subset);
	tcase_add_test(t, test_items);
	tcase_add_test(t, test_signs);
	tcase_add_test(t, test_binary);
	suite_add_tcase(s, t);
	return s;
}
