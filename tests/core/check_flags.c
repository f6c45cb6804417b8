/*
 * check_flags.c - the thresholds and tie-breaks that lessons and lectures
 * rely on, each pinned by a test that fails when it moves.
 */
#include "core/sheet.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *two[] = { "cat", "dog" };
static const char *three[] = { "cat", "dog", "fish" };

/* A probability row within 1e-6 of summing to 1 is normalised; one just
 * past it is not. */
START_TEST(test_sum_tolerance)
{
	struct sheet *s = tu_sheet(2, two, 1, 0);

	tu_row(s, (double[]){ 0.6, 0.4 + 0.9e-6 }, 0);
	tu_row(s, (double[]){ 0.6, 0.4 - 0.9e-6 }, 0);
	tu_row(s, (double[]){ 0.6, 0.4 + 1.1e-6 }, 0);
	tu_row(s, (double[]){ 0.6, 0.4 - 1.1e-6 }, 0);
	ck_assert(!(sheet_flags(s, 0) & FLAG_NOT_NORMALIZED));
	ck_assert(!(sheet_flags(s, 1) & FLAG_NOT_NORMALIZED));
	ck_assert(sheet_flags(s, 2) & FLAG_NOT_NORMALIZED);
	ck_assert(sheet_flags(s, 3) & FLAG_NOT_NORMALIZED);
	sheet_free(s);
}
END_TEST

/* Ties go to the first class, as torch.argmax does: for the prediction
 * and for a soft target's hard class. */
START_TEST(test_argmax_ties)
{
	struct sheet *s = tu_sheet(3, three, 0, 0);
	double y[] = { 0.25, 0.5, 0.5 };

	tu_row(s, (double[]){ 1, 1, 1 }, 2);
	tu_row(s, (double[]){ 0, 3, 3 }, 0);
	ck_assert_int_eq(sheet_pred(s, 0), 0);
	ck_assert_int_eq(sheet_pred(s, 1), 1);
	sheet_set_y(s, 1, 0, y[0]);
	sheet_set_y(s, 1, 1, y[1]);
	sheet_set_y(s, 1, 2, y[2]);
	ck_assert_int_eq(sheet_target(s, 1), 1);
	sheet_free(s);
}
END_TEST

/* confident_wrong needs the wrong top class at the threshold or above. */
START_TEST(test_confident_threshold)
{
	struct sheet *s = tu_sheet(2, two, 1, 0);

	tu_row(s, (double[]){ 0.8, 0.2 }, 1);
	tu_row(s, (double[]){ 0.79, 0.21 }, 1);
	ck_assert(sheet_flags(s, 0) & FLAG_CONFIDENT_WRONG);
	ck_assert(!(sheet_flags(s, 1) & FLAG_CONFIDENT_WRONG));
	sheet_free(s);
}
END_TEST

Suite *
flags_suite(void)
{
	Suite *s = suite_create("flags");
	TCase *tc = tcase_create("flags");

	tcase_add_test(tc, test_sum_tolerance);
	tcase_add_test(tc, test_argmax_ties);
	tcase_add_test(tc, test_confident_threshold);
	suite_add_tcase(s, tc);
	return s;
}
