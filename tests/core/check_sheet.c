/*
 * check_sheet.c - the model's arithmetic: identities, extremes, every flag
 * raised and not raised, and PyTorch's options against values derived by
 * hand from their definitions.
 */
#include <stdlib.h>
#include <string.h>

#include "core/sheet.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *abc[] = { "a", "b", "c", "d", "e" };

/* A K-class sheet in MODE (base e) with no rows. */
static struct sheet *
mk(int k, enum sheet_mode mode)
{
	return tu_sheet(k, abc, mode == SHEET_PROBS, 0);
}

/* Appends a row with activations A and one-hot target T (-1: none). */
static long
row(struct sheet *s, const double *a, int t)
{
	return tu_row(s, a, t);
}

/* Sets one option through a copy of the current ones. */
static int
opt(struct sheet *s, const char *name, double v)
{
	return tu_opt(s, name, v);
}

/* log(sum(exp(a))) written out for three values, the hand derivation. */
static double
lse3(const double *a)
{
	return log(exp(a[0]) + exp(a[1]) + exp(a[2]));
}

/* ------------------------------------------------------------------ */

/* Softmax sums to 1 and is unchanged by adding a constant. */
START_TEST(test_softmax_identities)
{
	struct sheet *s = mk(5, SHEET_LOGITS);
	double a[5], b[5], total;
	int i, k;

	srand(42);
	for (i = 0; i < 50; i++) {
		for (k = 0; k < 5; k++) {
			a[k] = (rand() / (double)RAND_MAX - 0.5) * 20;
			b[k] = a[k] + 37.25;
		}
		row(s, a, i % 5);
		row(s, b, i % 5);
		total = 0;
		for (k = 0; k < 5; k++) {
			total += sheet_p(s, 2 * i, k);
			ck_assert_close(sheet_p(s, 2 * i + 1, k),
			    sheet_p(s, 2 * i, k), 1e-12);
			ck_assert(sheet_p(s, 2 * i, k) > 0);
			ck_assert(sheet_p(s, 2 * i, k) < 1);
		}
		ck_assert_close(total, 1, 1e-15);
		ck_assert_close(sheet_loss(s, 2 * i + 1), sheet_loss(s, 2 * i),
		    1e-12);
		/* On normalised one-hot rows the IF form is the loss. */
		ck_assert_close(sheet_if_form(s, 2 * i), sheet_loss(s, 2 * i),
		    1e-15);
		ck_assert_int_eq(sheet_flags(s, 2 * i) & ~FLAG_CONFIDENT_WRONG,
		    0);
	}
	sheet_free(s);
}
END_TEST

/* Loss in base 2 and 10 is the loss in nats over ln 2 and ln 10. */
START_TEST(test_base_conversion)
{
	struct sheet *s = mk(3, SHEET_LOGITS);
	double a[3] = { 1, 2, 3 }, nats;

	row(s, a, 0);
	nats = sheet_loss(s, 0);
	ck_assert_close(nats, lse3(a) - 1, 1e-15);
	ck_assert_int_eq(opt(s, "base", 2), 0);
	ck_assert_close(sheet_loss(s, 0), nats / log(2), 1e-15);
	ck_assert_close(sheet_if_form(s, 0), nats / log(2), 1e-15);
	ck_assert_int_eq(opt(s, "base", 10), 0);
	ck_assert_close(sheet_loss(s, 0), nats / log(10), 1e-15);
	ck_assert_close(sheet_mean_loss(s), nats / log(10), 1e-15);
	ck_assert_int_eq(opt(s, "base", 3), -1);
	sheet_free(s);
}
END_TEST

/* Extreme logits: the naive columns overflow, the stable ones do not. */
START_TEST(test_extreme_logits)
{
	struct sheet *s = mk(2, SHEET_LOGITS);
	double big[2] = { 1000, -1000 }, spread[2] = { 0, 1e4 };
	double low[2] = { -1000, -1000 };

	row(s, big, 0);
	row(s, big, 1);
	row(s, spread, 0);
	row(s, low, 0);
	ck_assert(sheet_p(s, 0, 0) == 1 && sheet_p(s, 0, 1) == 0);
	ck_assert(sheet_loss(s, 0) == 0);
	ck_assert_close(sheet_loss(s, 1), 2000, 1e-15);
	ck_assert(isinf(sheet_exp(s, 0, 0)) && isinf(sheet_sum(s, 0)));
	ck_assert(isnan(sheet_naive_p(s, 0, 0)));
	ck_assert(sheet_flags(s, 0) & FLAG_OVERFLOW);
	ck_assert(!(sheet_flags(s, 0) & (FLAG_NAN | FLAG_LOG_ZERO)));
	ck_assert_close(sheet_loss(s, 2), 1e4, 1e-15);
	ck_assert(!(sheet_flags(s, 2) & FLAG_NAN));
	/* exp underflows to 0, the sum is 0: naive 0/0, stable 0.5. */
	ck_assert(sheet_sum(s, 3) == 0);
	ck_assert(sheet_flags(s, 3) & FLAG_OVERFLOW);
	ck_assert_close(sheet_p(s, 3, 0), 0.5, 1e-15);
	ck_assert_close(sheet_loss(s, 3), log(2), 1e-15);
	sheet_free(s);
}
END_TEST

/* A binary sheet in logits mode is a stable sigmoid with softplus loss. */
START_TEST(test_binary_logits)
{
	const char *one[] = { "cat" };
	struct sheet *s = sheet_new(1, one);
	double a0 = 0, a1 = 800, y1 = 1, y0 = 0;

	sheet_append(s, NULL, &a0, &y1, 0);
	sheet_append(s, NULL, &a1, &y1, 0);
	sheet_append(s, NULL, &a1, &y0, 0);
	ck_assert_close(sheet_p(s, 0, 0), 0.5, 1e-15);
	ck_assert_close(sheet_loss(s, 0), log(2), 1e-15);
	ck_assert(sheet_loss(s, 1) == 0);
	ck_assert_close(sheet_loss(s, 2), 800, 1e-15);
	ck_assert_close(sheet_if_form(s, 2), 800, 1e-15);
	ck_assert(sheet_flags(s, 1) & FLAG_OVERFLOW);
	ck_assert(sheet_flags(s, 2) & FLAG_CONFIDENT_WRONG);
	ck_assert_int_eq(sheet_pred(s, 2), 0);
	ck_assert_int_eq(sheet_target(s, 2), 1);
	ck_assert_close(sheet_accuracy(s), 2.0 / 3, 1e-15);
	sheet_free(s);
}
END_TEST

/* Each flag is raised by the case it names, and not by its neighbour. */
START_TEST(test_flags_probs)
{
	struct sheet *s = mk(2, SHEET_PROBS);
	double unnorm[2] = { 0.5, 0.7 }, ok[2] = { 0.5, 0.5 };
	double range[2] = { 1.2, -0.2 }, zero[2] = { 0, 1 };
	double typed[2] = { 0.6, 0.3 };

	row(s, unnorm, 0);		/* 0 */
	row(s, ok, 0);			/* 1 */
	row(s, range, 0);		/* 2 */
	row(s, zero, 0);		/* 3: log(0) */
	row(s, zero, 1);		/* 4 */
	row(s, typed, 1);		/* 5: IF uses 1 - 0.6, CE uses 0.3 */
	row(s, typed, 0);		/* 6 */
	ck_assert(sheet_flags(s, 0) & FLAG_NOT_NORMALIZED);
	ck_assert_int_eq(sheet_flags(s, 1), 0);
	ck_assert(sheet_flags(s, 2) & FLAG_OUT_OF_RANGE);
	ck_assert(!(sheet_flags(s, 2) & FLAG_NOT_NORMALIZED));
	ck_assert(sheet_flags(s, 3) & FLAG_LOG_ZERO);
	ck_assert(isinf(sheet_loss(s, 3)));
	ck_assert(!(sheet_flags(s, 4) & FLAG_LOG_ZERO));
	ck_assert(sheet_flags(s, 5) & FLAG_FORMS_DISAGREE);
	ck_assert_close(sheet_if_form(s, 5), -log(0.4), 1e-15);
	ck_assert_close(sheet_loss(s, 5), -log(0.3), 1e-15);
	ck_assert(!(sheet_flags(s, 6) & FLAG_FORMS_DISAGREE));
	ck_assert_int_eq(sheet_flag_count(s, FLAG_NOT_NORMALIZED), 3);
	/* A probability above 1 makes the loss negative. */
	ck_assert(sheet_loss(s, 2) < 0);
	sheet_free(s);
}
END_TEST

/* not_one_hot, confident_wrong (and its threshold), nan. */
START_TEST(test_flags_targets)
{
	struct sheet *s = mk(2, SHEET_LOGITS);
	double a[2] = { 5, 0 }, soft[2] = { 0.5, 0.5 }, bad[2] = { NAN, 1 };

	row(s, a, 1);			/* 0: p(a) = 0.993, target b */
	row(s, a, 0);			/* 1 */
	sheet_append(s, NULL, a, soft, 0);	/* 2 */
	row(s, bad, 0);			/* 3 */
	row(s, a, -1);			/* 4: no target */
	ck_assert(sheet_flags(s, 0) & FLAG_CONFIDENT_WRONG);
	ck_assert(!(sheet_flags(s, 1) & FLAG_CONFIDENT_WRONG));
	ck_assert(sheet_flags(s, 2) & FLAG_NOT_ONE_HOT);
	ck_assert(!(sheet_flags(s, 1) & FLAG_NOT_ONE_HOT));
	ck_assert(sheet_flags(s, 3) & FLAG_NAN);
	ck_assert(!(sheet_flags(s, 1) & FLAG_NAN));
	ck_assert_int_eq(sheet_flags(s, 4), 0);
	ck_assert(isnan(sheet_loss(s, 4)));
	ck_assert_int_eq(sheet_target_rows(s), 4);
	ck_assert_int_eq(opt(s, "confident", 0.999), 0);
	ck_assert(!(sheet_flags(s, 0) & FLAG_CONFIDENT_WRONG));
	ck_assert_int_eq(sheet_flag_count(s, FLAG_CONFIDENT_WRONG), 0);
	sheet_free(s);
}
END_TEST

/* PyTorch: F.cross_entropy([[1., 2., 3.]], [2]) = 0.4076059644443803. */
START_TEST(test_torch_plain)
{
	struct sheet *s = mk(3, SHEET_LOGITS);
	double a[3] = { 1, 2, 3 };

	row(s, a, 2);
	ck_assert_close(sheet_loss(s, 0), 0.4076059644443803, 1e-13);
	ck_assert_close(sheet_mean_loss(s), lse3(a) - 3, 1e-15);
	sheet_free(s);
}
END_TEST

/* weight=w: per row w_t * nll; the mean divides by the sum of w_t. */
START_TEST(test_torch_weights)
{
	struct sheet *s = mk(3, SHEET_LOGITS);
	double a[3] = { 1, 2, 3 }, w[3] = { 1, 2, 3 };
	struct sheet_opts o = *sheet_opts(s);
	char err[256];

	row(s, a, 2);
	row(s, a, 0);
	o.weights = w;
	ck_assert_int_eq(sheet_set_opts(s, &o, err, sizeof(err)), 0);
	ck_assert_close(sheet_loss(s, 0), 3 * (lse3(a) - 3), 1e-15);
	ck_assert_close(sheet_loss(s, 1), 1 * (lse3(a) - 1), 1e-15);
	ck_assert_close(sheet_mean_loss(s),
	    (3 * (lse3(a) - 3) + (lse3(a) - 1)) / (3 + 1), 1e-15);
	/* The IF form ignores weights. */
	ck_assert_close(sheet_if_form(s, 0), lse3(a) - 3, 1e-15);
	sheet_free(s);
}
END_TEST

/* label_smoothing=e: (1-e) w_t nll + e/K sum_k w_k (-log p_k). */
START_TEST(test_torch_smoothing_weights)
{
	struct sheet *s = mk(3, SHEET_LOGITS);
	double a[3] = { 1, 2, 3 }, w[3] = { 1, 2, 3 }, e = 0.1, l = lse3(a);
	double smooth_u = (l - 1) + (l - 2) + (l - 3);
	double smooth_w = 1 * (l - 1) + 2 * (l - 2) + 3 * (l - 3);
	struct sheet_opts o = *sheet_opts(s);
	char err[256];

	row(s, a, 2);
	row(s, a, 0);
	ck_assert_int_eq(opt(s, "smoothing", e), 0);
	ck_assert_close(sheet_loss(s, 0), (1 - e) * (l - 3) + e / 3 * smooth_u,
	    1e-15);
	o = *sheet_opts(s);
	o.weights = w;
	ck_assert_int_eq(sheet_set_opts(s, &o, err, sizeof(err)), 0);
	ck_assert_close(sheet_loss(s, 0),
	    (1 - e) * 3 * (l - 3) + e / 3 * smooth_w, 1e-15);
	ck_assert_close(sheet_loss(s, 1),
	    (1 - e) * 1 * (l - 1) + e / 3 * smooth_w, 1e-15);
	ck_assert_close(sheet_mean_loss(s), (sheet_loss(s, 0) +
	    sheet_loss(s, 1)) / 4, 1e-15);
	sheet_free(s);
}
END_TEST

/* Base 2, a weighted, smoothed row whose logits are 1.5e308 apart: the
 * smoothing term's -log p is finite in nats (1.5e308) but past DBL_MAX in
 * bits.  The loss is summed in nats and divided by ln 2 once, so it stays
 * finite and the row is not flagged log_zero. */
START_TEST(test_base2_weighted_far_logits)
{
	struct sheet *s = mk(2, SHEET_LOGITS);
	double a[2] = { 0, -1.5e308 }, w[2] = { 0.5, 0.5 }, e = 0.1;
	double want = (0.5 * (e / 2) * 1.5e308) / M_LN2;
	struct sheet_opts o;
	char err[256];

	row(s, a, 0);
	o = *sheet_opts(s);
	o.base = 2;
	o.smoothing = e;
	o.weights = w;
	ck_assert_int_eq(sheet_set_opts(s, &o, err, sizeof(err)), 0);
	ck_assert_msg(isfinite(sheet_loss(s, 0)), "loss %g", sheet_loss(s, 0));
	ck_assert_close(sheet_loss(s, 0), want, 1e-15);
	ck_assert_uint_eq(sheet_flags(s, 0) & FLAG_LOG_ZERO, 0);
	ck_assert_double_eq(sheet_if_form(s, 0), 0);
	sheet_free(s);
}
END_TEST

/* Probability targets: y' = (1-e) y + e/K; the mean divides by N. */
START_TEST(test_torch_soft_targets)
{
	struct sheet *s = mk(3, SHEET_LOGITS);
	double a[3] = { 1, 2, 3 }, w[3] = { 1, 2, 3 }, y[3] = { .2, .3, .5 };
	double e = 0.1, l = lse3(a), want = 0;
	struct sheet_opts o = *sheet_opts(s);
	char err[256];
	int k;

	row(s, a, 2);
	sheet_append(s, NULL, a, y, 0);
	o.weights = w;
	o.smoothing = e;
	ck_assert_int_eq(sheet_set_opts(s, &o, err, sizeof(err)), 0);
	for (k = 0; k < 3; k++)
		want += w[k] * ((1 - e) * y[k] + e / 3) * (l - a[k]);
	ck_assert_close(sheet_loss(s, 1), want, 1e-15);
	ck_assert_close(sheet_mean_loss(s), (sheet_loss(s, 0) + want) / 2,
	    1e-15);
	/* IF uses the hard target, argmax y = c. */
	ck_assert_close(sheet_if_form(s, 1), l - 3, 1e-15);
	sheet_free(s);
}
END_TEST

/* Temperature divides the logits, exp column included. */
START_TEST(test_torch_temperature)
{
	struct sheet *s = mk(3, SHEET_LOGITS);
	double a[3] = { 1, 2, 3 }, h[3] = { 0.5, 1, 1.5 };

	row(s, a, 0);
	ck_assert_int_eq(opt(s, "temperature", 2), 0);
	ck_assert_close(sheet_exp(s, 0, 2), exp(1.5), 1e-15);
	ck_assert_close(sheet_loss(s, 0), lse3(h) - 0.5, 1e-15);
	ck_assert_close(sheet_p(s, 0, 0), exp(0.5 - lse3(h)), 1e-15);
	ck_assert_int_eq(opt(s, "temperature", 0), -1);
	sheet_free(s);
}
END_TEST

/* Options that do not apply are refused, and leave the sheet as it was. */
START_TEST(test_opts_refused)
{
	const char *one[] = { "cat" };
	struct sheet *p = mk(3, SHEET_PROBS), *b = sheet_new(1, one);
	struct sheet_opts o;
	double w[1] = { 2 };
	char err[256];

	ck_assert_int_eq(opt(p, "temperature", 2), -1);
	ck_assert(sheet_opts(p)->temperature == 1);
	ck_assert_int_eq(opt(p, "smoothing", 1.5), -1);
	ck_assert_int_eq(opt(b, "smoothing", 0.1), -1);
	sheet_opts_init(&o);
	o.weights = w;
	ck_assert_int_eq(sheet_opts_check(b, &o, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "binary"));
	sheet_free(p);
	sheet_free(b);
}
END_TEST

/* The mean from scratch, to compare with the incremental one. */
static double
slow_mean(const struct sheet *s)
{
	double sum = 0;
	long r, n = 0;

	for (r = 0; r < sheet_rows(s); r++)
		if (sheet_has_target(s, r)) {
			sum += sheet_loss(s, r);
			n++;
		}
	return sum / n;
}

/* Edits recompute the row, and the mean follows without drift. */
START_TEST(test_edits_and_mean)
{
	struct sheet *s = mk(3, SHEET_LOGITS);
	double a[3] = { 1, 2, 3 }, before;
	int i;

	for (i = 0; i < 1000; i++)
		row(s, a, i % 3);
	before = sheet_mean_loss(s);
	ck_assert_close(before, slow_mean(s), 1e-12);
	sheet_set_act(s, 10, 0, 50);
	ck_assert_close(sheet_mean_loss(s), slow_mean(s), 1e-12);
	ck_assert(sheet_mean_loss(s) > before);
	sheet_set_act(s, 10, 0, INFINITY);
	ck_assert(isnan(sheet_mean_loss(s)));
	sheet_set_act(s, 10, 0, a[0]);
	ck_assert_close(sheet_mean_loss(s), before, 1e-12);
	sheet_set_target(s, 10, 2);
	ck_assert_int_eq(sheet_target(s, 10), 2);
	sheet_set_y(s, 10, 0, 0.5);
	ck_assert(sheet_flags(s, 10) & FLAG_NOT_ONE_HOT);
	sheet_set_target(s, 10, -1);
	ck_assert(!sheet_has_target(s, 10));
	ck_assert_int_eq(sheet_target_rows(s), 999);
	ck_assert_close(sheet_mean_loss(s), slow_mean(s), 1e-12);
	sheet_free(s);
}
END_TEST

/* Rows are inserted, copied and deleted with the totals kept right. */
START_TEST(test_rows)
{
	struct sheet *s = mk(2, SHEET_PROBS);
	double a[2] = { 0.9, 0.1 }, b[2] = { 0.2, 0.8 };

	row(s, a, 0);
	row(s, b, 0);
	ck_assert_int_eq(sheet_insert_row(s, 1, 0), 0);	/* copy of 0 */
	ck_assert_int_eq(sheet_rows(s), 3);
	ck_assert(sheet_act(s, 1, 0) == 0.9);
	ck_assert(sheet_act(s, 2, 0) == 0.2);
	ck_assert_int_eq(sheet_insert_row(s, 3, -1), 0);	/* fresh */
	ck_assert(sheet_act(s, 3, 0) == 0.5);
	ck_assert_int_eq(sheet_target(s, 3), 0);
	sheet_delete_row(s, 0);
	ck_assert_int_eq(sheet_rows(s), 3);
	ck_assert(sheet_act(s, 1, 0) == 0.2);
	ck_assert_close(sheet_mean_loss(s), slow_mean(s), 1e-15);
	ck_assert_int_eq(sheet_insert_row(s, 0, 1), 0);	/* copy of b */
	ck_assert(sheet_act(s, 0, 1) == 0.8);
	ck_assert(sheet_act(s, 2, 1) == 0.8);
	sheet_free(s);
}
END_TEST

/* Classes are added and deleted; a binary sheet grows into softmax. */
START_TEST(test_classes)
{
	const char *one[] = { "cat" };
	struct sheet *s = sheet_new(1, one);
	double a = 1.5, y = 0;
	double p;

	sheet_append(s, NULL, &a, &y, 0);
	p = sheet_p(s, 0, 0);
	ck_assert_int_eq(sheet_add_class(s, "dog"), 0);
	ck_assert_int_eq(sheet_add_class(s, "dog"), -1);
	ck_assert_int_eq(sheet_classes(s), 2);
	ck_assert_str_eq(sheet_class_name(s, 1), "dog");
	/* sigmoid(1.5) == softmax(1.5, 0)[0]; the target is "not cat". */
	ck_assert_close(sheet_p(s, 0, 0), p, 1e-15);
	ck_assert_int_eq(sheet_target(s, 0), 1);
	ck_assert_int_eq(sheet_add_class(s, "fish"), 0);
	ck_assert(sheet_act(s, 0, 2) == 0);
	ck_assert_int_eq(sheet_delete_class(s, 0), 0);
	ck_assert_str_eq(sheet_class_name(s, 0), "dog");
	ck_assert_int_eq(sheet_class_index(s, "fish"), 1);
	ck_assert_int_eq(sheet_target(s, 0), 0);
	ck_assert_close(sheet_p(s, 0, 0), 0.5, 1e-15);
	ck_assert_int_eq(sheet_delete_class(s, 0), 0);
	ck_assert_int_eq(sheet_delete_class(s, 0), -1);
	ck_assert(sheet_is_binary(s));
	sheet_free(s);
}
END_TEST

/* :delclass of a row's one-hot target leaves it without one: loss NaN,
 * out of the mean, not "the first class with loss 0". */
START_TEST(test_delete_target_class)
{
	struct sheet *s = mk(3, SHEET_LOGITS);
	double a[3] = { 1, 2, 3 };
	double mean;

	row(s, a, 2);
	row(s, a, 0);
	row(s, a, 2);
	row(s, a, -1);
	ck_assert_int_eq(sheet_class_target_rows(s, 2), 2);
	ck_assert_int_eq(sheet_class_target_rows(s, 0), 1);
	ck_assert_int_eq(sheet_class_target_rows(s, 1), 0);
	ck_assert_int_eq(sheet_class_target_rows(s, 3), 0);
	ck_assert_int_eq(sheet_delete_class(s, 2), 0);
	ck_assert(!sheet_has_target(s, 0));
	ck_assert(!sheet_has_target(s, 2));
	ck_assert(sheet_has_target(s, 1));
	ck_assert_int_eq(sheet_target(s, 0), -1);
	ck_assert(isnan(sheet_loss(s, 0)));
	ck_assert(isnan(sheet_if_form(s, 0)));
	ck_assert_int_eq(sheet_flags(s, 0) & FLAG_NAN, 0);
	ck_assert_int_eq(sheet_target_rows(s), 1);
	mean = sheet_mean_loss(s);
	ck_assert_close(mean, sheet_loss(s, 1), 1e-15);
	ck_assert_close(mean, log(1 + exp(1.0)), 1e-15);
	ck_assert_int_eq(sheet_class_target_rows(s, 1), 0);
	sheet_free(s);
}
END_TEST

/* A soft target loses the deleted class's weight; with nothing left it
 * has no target. */
START_TEST(test_delete_class_soft)
{
	struct sheet *s = mk(3, SHEET_PROBS);
	double a[3] = { 0.2, 0.3, 0.5 };
	double soft[3] = { 0.25, 0, 0.75 }, alone[3] = { 0, 0, 0.5 };
	double none[3] = { 0, 0, 0 };

	sheet_append(s, NULL, a, soft, 0);
	sheet_append(s, NULL, a, alone, 0);
	sheet_append(s, NULL, a, none, 0);
	ck_assert_int_eq(sheet_class_target_rows(s, 2), 1);
	ck_assert_int_eq(sheet_delete_class(s, 2), 0);
	ck_assert(sheet_has_target(s, 0));
	ck_assert(sheet_y(s, 0, 0) == 0.25);
	ck_assert_close(sheet_loss(s, 0), -0.25 * log(0.2), 1e-15);
	ck_assert(!sheet_has_target(s, 1));
	ck_assert(isnan(sheet_loss(s, 1)));
	/* A target that was already all zero is no business of the delete. */
	ck_assert(sheet_has_target(s, 2));
	ck_assert_int_eq(sheet_target_rows(s), 2);
	sheet_free(s);
}
END_TEST

/* Down to one class, a row whose target was the deleted class has none;
 * the other class's rows keep theirs; a clone carries the change. */
START_TEST(test_delete_class_to_binary)
{
	struct sheet *s = mk(2, SHEET_LOGITS), *t;
	double a[2] = { 0.5, 0 };

	row(s, a, 1);
	row(s, a, 0);
	ck_assert_int_eq(sheet_delete_class(s, 1), 0);
	ck_assert(sheet_is_binary(s));
	ck_assert(!sheet_has_target(s, 0));
	ck_assert(isnan(sheet_loss(s, 0)));
	ck_assert_int_eq(sheet_target(s, 1), 0);
	ck_assert_close(sheet_mean_loss(s), log1p(exp(-0.5)), 1e-15);
	t = sheet_clone(s);
	ck_assert(!sheet_has_target(t, 0));
	ck_assert_int_eq(sheet_target_rows(t), 1);
	sheet_free(t);
	sheet_free(s);
}
END_TEST

/* normalize divides a probs row by its sum, fixing not_normalized. */
START_TEST(test_normalize)
{
	struct sheet *s = mk(2, SHEET_PROBS);
	double a[2] = { 0.6, 0.6 }, z[2] = { 0, 0 };

	row(s, a, 0);
	row(s, z, 0);
	ck_assert(sheet_flags(s, 0) & FLAG_NOT_NORMALIZED);
	ck_assert_int_eq(sheet_normalize_row(s, 0), 0);
	ck_assert(sheet_act(s, 0, 0) == 0.5);
	ck_assert(!(sheet_flags(s, 0) & FLAG_NOT_NORMALIZED));
	ck_assert_int_eq(sheet_normalize_row(s, 1), -1);
	sheet_free(s);
}
END_TEST

/* Flag names are the interface's. */
START_TEST(test_flag_names)
{
	char buf[128];

	ck_assert_str_eq(sheet_flag_name(0), "not_normalized");
	ck_assert_str_eq(sheet_flag_name(7), "nan");
	ck_assert_uint_eq(sheet_flag_bit("log_zero"), FLAG_LOG_ZERO);
	ck_assert_uint_eq(sheet_flag_bit("nope"), 0);
	ck_assert_str_eq(sheet_flags_format(buf, sizeof(buf),
	    FLAG_OVERFLOW | FLAG_NOT_ONE_HOT), "not_one_hot;overflow");
	ck_assert_str_eq(sheet_flags_format(buf, sizeof(buf), 0), "");
}
END_TEST

/* The binary complement line and the probability total come from the
 * core, at full precision. */
START_TEST(test_other_outcome)
{
	const char *names[] = { "cat" };
	struct sheet *s = tu_sheet(1, names, 0, 0);
	struct sheet_other o;
	double a[] = { 2 };

	tu_row(s, a, 0);
	sheet_other(s, 0, &o);
	ck_assert_close(o.p, 1 / (1 + exp(2)), 1e-15);
	ck_assert_close(o.neglog, log1p(exp(2)), 1e-15);
	ck_assert(o.act == 0 && o.exp == 1 && o.y == 0);
	ck_assert_close(o.naive, 1 / (1 + exp(2)), 1e-15);
	ck_assert_close(sheet_p_total(s, 0), 1, 1e-15);
	sheet_set_act(s, 0, 0, 40);		/* 1 - p cancels; softplus not */
	sheet_other(s, 0, &o);
	ck_assert_close(o.neglog, 40 + log1p(exp(-40)), 1e-15);
	sheet_free(s);
	s = tu_sheet(2, (const char *[]){ "a", "b" }, 1, 0);
	tu_row(s, (double[]){ 0.7, 0.5 }, 0);
	ck_assert_close(sheet_p_total(s, 0), 1.2, 1e-15);
	sheet_other(s, 0, &o);
	ck_assert(isnan(o.p));
	sheet_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The layout: every cell as the five-array sheet computed it          */
/* ------------------------------------------------------------------ */

/*
 * The reference below is the row computation of the sheet that stored
 * exp, p and log p for every cell (before derived columns were computed on
 * demand), copied with only its storage changed, and its segment tree over
 * single rows.  The sheet must give the same doubles, bit for bit.
 */
#include <dirent.h>
#include <stdint.h>

#include "core/num.h"
#include "io/defaults.h"
#include "io/lessonfile.h"
#include "io/sheetfile.h"

#define REF_MAXK 64

/* One row as the reference computes it. */
struct ref_row {
	double	 ex[REF_MAXK], p[REF_MAXK], lp[REF_MAXK];
	double	 sum, loss, iff, plain;
	int	 pred, tgt;
	unsigned flags;
	int	 soft, correct;
};

/* The inputs and options the reference reads. */
struct ref_in {
	const struct sheet_opts *o;
	int		 k;
	const double	*a, *y;
	int		 has;
};

/* Natural log of the base (the reference's sheet_lnbase). */
static double
ref_lnbase(const struct sheet_opts *o)
{
	return o->base == 2 ? M_LN2 : o->base == 10 ? M_LN10 : 1.0;
}

/* The reference's sheet_w. */
static double
ref_w(const struct sheet_opts *o, int k)
{
	return o->weights != NULL ? o->weights[k] : 1.0;
}

/* The reference's sheet_row_logits. */
static void
ref_logits(const struct ref_in *in, struct ref_row *w)
{
	const double *a = in->a;
	double *ex = w->ex, *p = w->p, *lp = w->lp, t = in->o->temperature;
	double sum = 0, m = -INFINITY, acc = 0, lse;
	int k, nan = 0;

	for (k = 0; k < in->k; k++) {
		ex[k] = exp(a[k] / t);
		sum += ex[k];
		if (isnan(a[k]))
			nan = 1;
		else if (a[k] / t > m)
			m = a[k] / t;
	}
	for (k = 0; k < in->k; k++)
		acc += exp(a[k] / t - m);
	lse = nan ? NAN : log(acc);
	for (k = 0; k < in->k; k++) {
		lp[k] = (a[k] / t - m) - lse;
		p[k] = exp(lp[k]);
	}
	w->sum = sum;
}

/* The reference's sheet_row_probs. */
static void
ref_probs(const struct ref_in *in, struct ref_row *w)
{
	double sum = 0;
	int k;

	for (k = 0; k < in->k; k++) {
		w->ex[k] = NAN;
		w->p[k] = in->a[k];
		w->lp[k] = log(in->a[k]);
		sum += in->a[k];
	}
	w->sum = sum;
}

/* The reference's sheet_binary_nats. */
static void
ref_binary_nats(const struct ref_in *in, double *np, double *nq)
{
	double a = in->a[0];

	if (in->o->mode == SHEET_PROBS) {
		*np = -log(a);
		*nq = -log1p(-a);
	} else {
		*np = num_softplus(-a / in->o->temperature);
		*nq = num_softplus(a / in->o->temperature);
	}
}

/* The reference's sheet_row_binary. */
static void
ref_binary(const struct ref_in *in, struct ref_row *w)
{
	double np, nq, a = in->a[0];

	ref_binary_nats(in, &np, &nq);
	w->lp[0] = -np;
	if (in->o->mode == SHEET_PROBS) {
		w->ex[0] = NAN;
		w->p[0] = a;
		w->sum = a + (1 - a);
	} else {
		w->ex[0] = exp(a / in->o->temperature);
		w->p[0] = exp(-np);
		w->sum = 1 + w->ex[0];
	}
}

/* The reference's sheet_argmax. */
static int
ref_argmax(const double *v, int n)
{
	int i, best = -1;

	for (i = 0; i < n; i++)
		if (!isnan(v[i]) && (best < 0 || v[i] > v[best]))
			best = i;
	return best;
}

/* The reference's sheet_onehot. */
static int
ref_onehot(const double *y, int n)
{
	int i, ones = 0;

	for (i = 0; i < n; i++) {
		if (y[i] == 1)
			ones++;
		else if (y[i] != 0)
			return 0;
	}
	return ones == 1;
}

/* The reference's sheet_row_loss. */
static void
ref_loss(const struct ref_in *in, struct ref_row *w)
{
	const double *y = in->y, *lp = w->lp;
	double lb = ref_lnbase(in->o), eps = in->o->smoothing;
	double loss = 0, plain = 0, c;
	int k, t;

	w->pred = ref_argmax(w->p, in->k);
	if (!in->has) {
		w->tgt = -1;
		w->loss = w->iff = w->plain = NAN;
		return;
	}
	t = w->tgt = ref_argmax(y, in->k);
	for (k = 0; k < in->k; k++) {
		c = ref_w(in->o, k) * ((1 - eps) * y[k] + eps / in->k);
		if (c != 0)
			loss += c * -lp[k];	/* in nats, divided once */
		if (y[k] != 0)
			plain += y[k] * (-lp[k] / lb);
	}
	w->loss = loss / lb;
	w->plain = plain;
	if (t < 0)
		w->iff = NAN;
	else if (in->k == 2 && t == 1 && in->o->mode == SHEET_PROBS)
		w->iff = -log1p(-in->a[0]) / lb;
	else
		w->iff = -lp[t] / lb;
}

/* The reference's sheet_row_binary_loss. */
static void
ref_binary_loss(const struct ref_in *in, struct ref_row *w)
{
	double np, nq, y = in->y[0], lb = ref_lnbase(in->o), loss = 0;

	w->pred = isnan(w->p[0]) ? -1 : w->p[0] >= 0.5 ? 0 : 1;
	if (!in->has) {
		w->tgt = -1;
		w->loss = w->iff = w->plain = NAN;
		return;
	}
	ref_binary_nats(in, &np, &nq);
	w->tgt = isnan(y) ? -1 : y >= 0.5 ? 0 : 1;
	if (y != 0)
		loss += y * np;
	if (1 - y != 0)
		loss += (1 - y) * nq;
	w->loss = w->plain = loss / lb;
	w->iff = w->tgt < 0 ? NAN : (w->tgt == 0 ? np : nq) / lb;
}

/* The reference's sheet_prob_flags. */
static unsigned
ref_prob_flags(const struct ref_in *in, const struct ref_row *w)
{
	int k, logits = in->o->mode == SHEET_LOGITS;
	double psum = 0;
	unsigned f = 0;

	for (k = 0; k < in->k; k++) {
		if (w->p[k] < 0 || w->p[k] > 1)
			f |= FLAG_OUT_OF_RANGE;
		if (isnan(in->a[k]) || isnan(w->p[k]))
			f |= FLAG_NAN;
		if (logits && isinf(w->ex[k]))
			f |= FLAG_OVERFLOW;
		psum += w->p[k];
	}
	if (logits && (isinf(w->sum) || w->sum == 0))
		f |= FLAG_OVERFLOW;
	if (in->k >= 2 && fabs(psum - 1) > 1e-6)
		f |= FLAG_NOT_NORMALIZED;
	return f;
}

/* The reference's sheet_top_p. */
static double
ref_top_p(const struct ref_in *in, const struct ref_row *w)
{
	if (w->pred < 0)
		return NAN;
	if (in->k == 1)
		return w->pred == 0 ? w->p[0] : 1 - w->p[0];
	return w->p[w->pred];
}

/* The reference's sheet_target_flags. */
static unsigned
ref_target_flags(const struct ref_in *in, const struct ref_row *w)
{
	const double *y = in->y;
	unsigned f = 0;
	int k;

	if (!in->has)
		return 0;
	for (k = 0; k < in->k; k++)
		if (isnan(y[k]))
			f |= FLAG_NAN;
	if (in->k == 1 ? (y[0] != 0 && y[0] != 1) : !ref_onehot(y, in->k))
		f |= FLAG_NOT_ONE_HOT;
	if (w->loss == INFINITY || w->iff == INFINITY)
		f |= FLAG_LOG_ZERO;
	if (num_differ(w->iff, w->plain, 1e-9))
		f |= FLAG_FORMS_DISAGREE;
	if (w->pred >= 0 && w->tgt >= 0 && w->pred != w->tgt &&
	    ref_top_p(in, w) >= in->o->confident)
		f |= FLAG_CONFIDENT_WRONG;
	if (isnan(w->loss) || isnan(w->iff))
		f |= FLAG_NAN;
	return f;
}

/* The reference's sheet_row_compute. */
static void
ref_compute(const struct ref_in *in, struct ref_row *w)
{
	if (in->k == 1) {
		ref_binary(in, w);
		ref_binary_loss(in, w);
	} else {
		if (in->o->mode == SHEET_LOGITS)
			ref_logits(in, w);
		else
			ref_probs(in, w);
		ref_loss(in, w);
	}
	w->flags = ref_prob_flags(in, w) | ref_target_flags(in, w);
	w->soft = (w->flags & FLAG_NOT_ONE_HOT) != 0;
	w->correct = w->tgt >= 0 && w->pred == w->tgt;
}

/* The reference's mean numerator: a segment tree over single rows. */
static double
ref_tree_root(const double *leaf, long n)
{
	long leaves = 1, i;
	double *t, root;

	while (leaves < n)
		leaves *= 2;
	if ((t = calloc(2 * leaves, sizeof(double))) == NULL)
		ck_abort_msg("out of memory");
	for (i = 0; i < n; i++)
		t[leaves + i] = leaf[i];
	for (i = leaves - 1; i >= 1; i--)
		t[i] = t[2 * i] + t[2 * i + 1];
	root = t[1];
	free(t);
	return root;
}

/* Asserts that doubles A and B have the same bits (WHAT, R, K say where),
 * -0 and 0 told apart.  Any NaN matches any NaN: C leaves the sign of a
 * NaN result unspecified, the compiler's operand order decides it, and
 * the screen shows every NaN as "nan". */
#define ck_assert_same(a, b, what, r, k) do {				\
	double sa_ = (a), sb_ = (b);					\
	if (!(isnan(sa_) && isnan(sb_)) &&				\
	    memcmp(&sa_, &sb_, sizeof(double)) != 0)			\
		ck_abort_msg("%s row %ld class %d: %.17g, expected %.17g", \
		    (what), (long)(r), (int)(k), sa_, sb_);		\
} while (0)

/* Asserts that integers A and B are equal; like ck_assert_same, silent
 * (no Check bookkeeping) when they are, since it runs for every cell. */
#define ck_assert_same_int(a, b, what, r) do {				\
	long ia_ = (long)(a), ib_ = (long)(b);				\
	if (ia_ != ib_)							\
		ck_abort_msg("%s row %ld: %ld, expected %ld", (what),	\
		    (long)(r), ia_, ib_);				\
} while (0)

/* Row R's cells against the reference (W from its inputs). */
static void
ref_check_cells(const struct sheet *s, long r, const struct ref_in *in,
    const struct ref_row *w)
{
	double lb = ref_lnbase(in->o);
	int k, logits = in->o->mode == SHEET_LOGITS;

	for (k = 0; k < in->k; k++) {
		ck_assert_same(sheet_exp(s, r, k), w->ex[k], "exp", r, k);
		ck_assert_same(sheet_p(s, r, k), w->p[k], "p", r, k);
		ck_assert_same(sheet_naive_p(s, r, k),
		    logits ? w->ex[k] / w->sum : w->p[k], "naive_p", r, k);
		ck_assert_same(sheet_neglog(s, r, k), -w->lp[k] / lb,
		    "neglog", r, k);
		ck_assert_same(sheet_act(s, r, k), in->a[k], "act", r, k);
	}
	ck_assert_same(sheet_sum(s, r), w->sum, "sum", r, -1);
	ck_assert_same(sheet_loss(s, r), w->loss, "loss", r, -1);
	ck_assert_same(sheet_if_form(s, r), w->iff, "if_form", r, -1);
	ck_assert_same(sheet_plain(s, r), w->plain, "plain", r, -1);
	ck_assert_same_int(sheet_flags(s, r), w->flags, "flags", r);
	ck_assert_same_int(sheet_pred(s, r), w->pred, "pred", r);
	ck_assert_same_int(sheet_target(s, r), w->tgt, "target", r);
}

/* A binary row's other outcome and every row's p total, as the reference
 * computed them from its stored p and sum. */
static void
ref_check_other(const struct sheet *s, long r, const struct ref_in *in,
    const struct ref_row *w)
{
	struct sheet_other o;
	double total = 0, np, nq;
	int k, probs = in->o->mode == SHEET_PROBS;

	for (k = 0; k < in->k; k++)
		total += w->p[k];
	if (in->k == 1)
		total = total + (1 - w->p[0]);
	ck_assert_same(sheet_p_total(s, r), total, "p_total", r, -1);
	if (in->k != 1)
		return;
	sheet_other(s, r, &o);
	ref_binary_nats(in, &np, &nq);
	ck_assert_same(o.act, probs ? 1 - in->a[0] : 0, "other.act", r, 1);
	ck_assert_same(o.exp, probs ? NAN : 1, "other.exp", r, 1);
	ck_assert_same(o.p, 1 - w->p[0], "other.p", r, 1);
	ck_assert_same(o.naive, probs ? 1 - w->p[0] : 1 / w->sum,
	    "other.naive", r, 1);
	ck_assert_same(o.y, 1 - in->y[0], "other.y", r, 1);
	ck_assert_same(o.neglog, nq / ref_lnbase(in->o), "other.neglog", r, 1);
}

/* The totals the reference keeps. */
struct ref_totals {
	long	flag[SHEET_NFLAGS], target, soft, correct, nclass[REF_MAXK];
	double	*leaf;
};

/* Adds row W (with target HAS) to T, as the reference's sheet_count. */
static void
ref_count(struct ref_totals *t, long r, int has, int k,
    const struct ref_row *w)
{
	int i;

	for (i = 0; i < SHEET_NFLAGS; i++)
		t->flag[i] += (w->flags >> i) & 1;
	t->leaf[r] = has ? w->loss : 0;
	if (!has)
		return;
	t->target++;
	if (w->soft)
		t->soft++;
	else if (k >= 2 && w->tgt >= 0)
		t->nclass[w->tgt]++;
	t->correct += w->correct;
}

/* The sheet's totals against T. */
static void
ref_check_totals(const struct sheet *s, const struct ref_totals *t)
{
	const struct sheet_opts *o = sheet_opts(s);
	double root = ref_tree_root(t->leaf, sheet_rows(s)), den = 0;
	struct sheet_sums sums;
	int i, k = sheet_classes(s);

	for (i = 0; i < SHEET_NFLAGS; i++)
		ck_assert_int_eq(sheet_flag_count(s, 1u << i), t->flag[i]);
	ck_assert_int_eq(sheet_target_rows(s), t->target);
	if (t->soft > 0 || o->weights == NULL || k == 1)
		den = (double)t->target;
	else
		for (i = 0; i < k; i++)
			den += o->weights[i] * (double)t->nclass[i];
	ck_assert_same(sheet_mean_loss(s), t->target ? root / den : NAN,
	    "mean", -1, -1);
	ck_assert_same(sheet_accuracy(s), t->target ?
	    (double)t->correct / (double)t->target : NAN, "accuracy", -1, -1);
	sheet_loss_sums(s, &sums);
	ck_assert_same(sums.sum, t->target ? root : 0, "sums.sum", -1, -1);
	ck_assert_int_eq(sums.soft, t->soft);
	ck_assert_int_eq(sums.correct, t->correct);
}

/* Every cell and total of S against the reference computed from S's
 * inputs. */
static void
ref_check(const struct sheet *s)
{
	int k = sheet_classes(s);
	double *a = malloc(k * sizeof(double)), *y = malloc(k * sizeof(double));
	struct ref_totals t;
	struct ref_row w;
	struct ref_in in = { sheet_opts(s), k, a, y, 0 };
	long r;

	memset(&t, 0, sizeof(t));
	t.leaf = malloc((sheet_rows(s) + 1) * sizeof(double));
	ck_assert(a != NULL && y != NULL && t.leaf != NULL && k <= REF_MAXK);
	for (r = 0; r < sheet_rows(s); r++) {
		in.has = (sheet_row_get(s, r, a, y) & SHEET_ROW_TARGET) != 0;
		ck_assert_same_int(sheet_has_target(s, r), in.has, "has", r);
		ref_compute(&in, &w);
		ref_check_cells(s, r, &in, &w);
		ref_check_other(s, r, &in, &w);
		ref_count(&t, r, in.has, k, &w);
	}
	ref_check_totals(s, &t);
	free(t.leaf);
	free(a);
	free(y);
}

/* Values that break naive arithmetic, for activations and targets. */
static const double ref_odd[] = {
	0, -0.0, 1, -1, 0.5, 2, -0.2, 1.2, 1000, -1000, 1e4, 709.8, -745.2,
	INFINITY, -INFINITY, NAN, 1e-310, 0.98, 0.02, 37.25,
};
#define REF_NODD (sizeof(ref_odd) / sizeof(ref_odd[0]))

/* A random activation: mostly ordinary, now and then an odd one. */
static double
ref_rand_act(int probs)
{
	int c = rand() % 10;

	if (c == 0)
		return ref_odd[rand() % REF_NODD];
	if (probs)
		return rand() / (double)RAND_MAX;
	return (rand() / (double)RAND_MAX - 0.5) * (c < 5 ? 8 : 60);
}

/* Random targets for K classes into Y: one-hot mostly, else soft, NaN,
 * all zero, a typed -0 or odd; returns whether the row has a target. */
static int
ref_rand_y(double *y, int k)
{
	int c = rand() % 12, j, has = 1;

	for (j = 0; j < k; j++)
		y[j] = 0;
	if (c < 6)
		y[rand() % k] = 1;
	else if (c == 6)
		has = 0;
	else if (c == 7)
		for (j = 0; j < k; j++)
			y[j] = rand() / (double)RAND_MAX;
	else if (c == 8)
		y[rand() % k] = NAN;
	else if (c == 9) {
		y[rand() % k] = 1;
		y[rand() % k] = -0.0;
	} else if (c == 10)
		y[rand() % k] = ref_odd[rand() % REF_NODD];
	return has;
}

/* Sets S's options to variant V of the handful each test sheet is read
 * under; 0 when V does not apply to S (and S is left as it was). */
static int
ref_variant(struct sheet *s, int v, int mode)
{
	struct sheet_opts o;
	double w[REF_MAXK];
	char err[256];
	int k, n = sheet_classes(s);

	sheet_opts_init(&o);
	o.mode = mode;
	o.base = (int[]){ 0, 2, 10 }[v % 3];
	if (v / 3 == 1)
		o.temperature = 2;
	else if (v / 3 == 2)
		o.temperature = 0.37;
	else if (v / 3 == 3)
		o.smoothing = 0.1;
	else if (v / 3 == 4) {
		for (k = 0; k < n && k < REF_MAXK; k++)
			w[k] = (k % 3) + 0.5;
		o.weights = w;
		o.smoothing = v % 2 ? 0.25 : 0;
		o.confident = 0.5;
	}
	return sheet_set_opts(s, &o, err, sizeof(err)) == 0;
}
#define REF_VARIANTS 15

/* S (taken over) read under every variant and mode that applies. */
static void
ref_check_variants(struct sheet *s)
{
	int v, mode;

	ref_check(s);
	for (mode = 0; mode < 2; mode++)
		for (v = 0; v < REF_VARIANTS; v++)
			if (ref_variant(s, v, mode))
				ref_check(s);
	sheet_free(s);
}

/* Every cell of random and odd sheets of 1 to 12 classes, in both modes
 * and under the options, is what the five-array sheet computed. */
START_TEST(test_layout_same_values)
{
	static const char *names[12] = { "a", "b", "c", "d", "e", "f", "g",
	    "h", "i", "j", "k", "l" };
	const int ks[] = { 1, 2, 3, 5, 10, 12 };
	double a[12], y[12];
	struct sheet *s;
	unsigned i;
	int mode, j, r, has;

	srand(20240611);
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++)
		for (mode = 0; mode < 2; mode++) {
			s = tu_sheet(ks[i], names, mode, 0);
			for (r = 0; r < 150; r++) {
				for (j = 0; j < ks[i]; j++)
					a[j] = ref_rand_act(mode);
				has = ref_rand_y(y, ks[i]);
				ck_assert_int_eq(sheet_append(s, NULL, a,
				    has ? y : NULL, r % 2), r);
			}
			ref_check_variants(s);
		}
}
END_TEST

/* Sheet-file text BUF (LEN bytes, named NAME) checked under every
 * variant. */
static void
ref_check_text(const char *name, const char *buf, size_t len)
{
	struct sheetfile_info info;
	struct sheet *s;
	char err[512];

	memset(&info, 0, sizeof(info));
	s = sheetfile_load_mem(name, buf, len, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s: %s", name, err);
	sheetfile_info_free(&info);
	ref_check_variants(s);
}

/* The shipped lessons' sheets and the default sheet give every cell as
 * the five-array sheet computed it. */
START_TEST(test_layout_lesson_sheets)
{
	struct dirent *e;
	struct lesson *l;
	char path[1024], err[512];
	DIR *d = opendir("lessons");
	int i, sheets = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9' ||
		    strstr(e->d_name, ".md") == NULL)
			continue;
		snprintf(path, sizeof(path), "lessons/%s", e->d_name);
		l = lesson_load(path, err, sizeof(err));
		ck_assert_msg(l != NULL, "%s", err);
		for (i = 0; i < l->nsteps; i++) {
			if (l->steps[i].block[LB_SHEET] == NULL)
				continue;
			ref_check_text(path, l->steps[i].block[LB_SHEET],
			    strlen(l->steps[i].block[LB_SHEET]));
			sheets++;
		}
		lesson_free(l);
	}
	closedir(d);
	ck_assert_int_ge(sheets, 8);
	ref_check_text(DEFAULTS_NAME, defaults_sheet, strlen(defaults_sheet));
}
END_TEST

/* The inputs a sheet should hold, kept by hand beside it. */
struct mirror {
	int	 k;
	long	 n;
	double	 a[400][REF_MAXK], y[400][REF_MAXK];
	int	 has[400], idx[400];
	char	 id[400][8];
};

/* The sheet's inputs against M's, bit for bit. */
static void
mirror_check(const struct sheet *s, const struct mirror *m)
{
	long r;
	int k, alone, j;

	ck_assert_int_eq(sheet_rows(s), m->n);
	ck_assert_int_eq(sheet_classes(s), m->k);
	for (r = 0; r < m->n; r++) {
		for (k = 0; k < m->k; k++) {
			ck_assert_same(sheet_act(s, r, k), m->a[r][k], "act",
			    r, k);
			ck_assert_same(sheet_y(s, r, k), m->y[r][k], "y", r, k);
		}
		ck_assert_same_int(sheet_has_target(s, r), m->has[r], "has", r);
		ck_assert_same_int(sheet_label_index(s, r), m->idx[r],
		    "label_index", r);
		if (strcmp(sheet_id(s, r), m->id[r]) != 0)
			ck_abort_msg("row %ld id '%s', expected '%s'", r,
			    sheet_id(s, r), m->id[r]);
	}
	for (k = 0; k < m->k; k++) {
		long want = 0;

		for (r = 0; r < m->n; r++) {
			alone = m->has[r] && m->y[r][k] != 0;
			for (j = 0; j < m->k; j++)
				alone &= j == k || m->y[r][j] == 0;
			want += alone;
		}
		ck_assert_same_int(sheet_class_target_rows(s, k), want,
		    "class_target_rows", k);
	}
	ref_check(s);
}

/* Random inputs for row R of M (K classes, MODE). */
static void
mirror_rand_row(struct mirror *m, long r, int mode)
{
	int k;

	for (k = 0; k < m->k; k++)
		m->a[r][k] = ref_rand_act(mode);
	m->has[r] = ref_rand_y(m->y[r], m->k);
	m->idx[r] = m->has[r] && rand() % 2;
	snprintf(m->id[r], sizeof(m->id[r]), "%s", rand() % 3 ? "" : "id");
}

/* Inserts a row before AT in S and M: a copy of FROM, or a fresh one. */
static void
mirror_insert(struct sheet *s, struct mirror *m, long at, long from)
{
	int k, mode = sheet_opts(s)->mode;

	ck_assert_int_eq(sheet_insert_row(s, at, from), 0);
	memmove(m->a + at + 1, m->a + at, (m->n - at) * sizeof(m->a[0]));
	memmove(m->y + at + 1, m->y + at, (m->n - at) * sizeof(m->y[0]));
	memmove(m->has + at + 1, m->has + at, (m->n - at) * sizeof(int));
	memmove(m->idx + at + 1, m->idx + at, (m->n - at) * sizeof(int));
	memmove(m->id + at + 1, m->id + at, (m->n - at) * sizeof(m->id[0]));
	m->n++;
	if (from >= at)
		from++;
	if (from >= 0 && from < m->n) {
		memcpy(m->a[at], m->a[from], sizeof(m->a[0]));
		memcpy(m->y[at], m->y[from], sizeof(m->y[0]));
		m->has[at] = m->has[from];
		m->idx[at] = m->idx[from];
		memcpy(m->id[at], m->id[from], sizeof(m->id[0]));
		return;
	}
	for (k = 0; k < m->k; k++) {
		m->a[at][k] = mode == SHEET_PROBS ? 1.0 / m->k : 0;
		m->y[at][k] = k == 0;
	}
	m->has[at] = 1;
	m->idx[at] = 0;
	m->id[at][0] = '\0';
}

/* Deletes row R from S and M. */
static void
mirror_delete(struct sheet *s, struct mirror *m, long r)
{
	sheet_delete_row(s, r);
	m->n--;
	memmove(m->a + r, m->a + r + 1, (m->n - r) * sizeof(m->a[0]));
	memmove(m->y + r, m->y + r + 1, (m->n - r) * sizeof(m->y[0]));
	memmove(m->has + r, m->has + r + 1, (m->n - r) * sizeof(int));
	memmove(m->idx + r, m->idx + r + 1, (m->n - r) * sizeof(int));
	memmove(m->id + r, m->id + r + 1, (m->n - r) * sizeof(m->id[0]));
}

/* Adds a class to S and M; a binary sheet's new class is "not the
 * first". */
static void
mirror_add_class(struct sheet *s, struct mirror *m, const char *name)
{
	int probs = sheet_opts(s)->mode == SHEET_PROBS;
	long r;

	ck_assert_int_eq(sheet_add_class(s, name), 0);
	for (r = 0; r < m->n; r++) {
		m->a[r][m->k] = m->k == 1 ? (probs ? 1 - m->a[r][0] : 0) : 0;
		m->y[r][m->k] = m->k == 1 ? 1 - m->y[r][0] : 0;
	}
	m->k++;
}

/* Deletes class C from S and M: a row whose target was C alone has none. */
static void
mirror_delete_class(struct sheet *s, struct mirror *m, int c)
{
	int j, alone;
	long r;

	ck_assert_int_eq(sheet_delete_class(s, c), 0);
	for (r = 0; r < m->n; r++) {
		alone = m->has[r] && m->y[r][c] != 0;
		for (j = 0; j < m->k; j++)
			alone &= j == c || m->y[r][j] == 0;
		if (alone)
			m->has[r] = m->idx[r] = 0;
		memmove(m->a[r] + c, m->a[r] + c + 1,
		    (m->k - c - 1) * sizeof(double));
		memmove(m->y[r] + c, m->y[r] + c + 1,
		    (m->k - c - 1) * sizeof(double));
	}
	m->k--;
}

/* One random edit of row R of S and M through the edit calls. */
static void
mirror_edit_row(struct sheet *s, struct mirror *m, long r, int op)
{
	int k = rand() % m->k, t, j;
	double v = ref_rand_act(sheet_opts(s)->mode), sum = 0;

	if (op == 0) {
		sheet_set_act(s, r, k, v);
		m->a[r][k] = v;
	} else if (op == 1) {
		v = rand() % 2 ? ref_odd[rand() % REF_NODD] : rand() % 2;
		ck_assert_int_eq(sheet_set_y(s, r, k, v), 0);
		m->y[r][k] = v;
		m->has[r] = 1;
		m->idx[r] = 0;
	} else if (op == 2) {
		t = rand() % (m->k + (m->k == 1) + 1) - 1;
		sheet_set_target(s, r, t);
		for (j = 0; j < m->k; j++)
			m->y[r][j] = m->k == 1 ? t == 0 : j == t;
		m->has[r] = t >= 0;
		m->idx[r] = 0;
	} else if (op == 3) {
		mirror_rand_row(m, r, sheet_opts(s)->mode);
		ck_assert_int_eq(sheet_row_set(s, r, m->a[r], m->y[r],
		    (m->has[r] ? SHEET_ROW_TARGET : 0) |
		    (m->idx[r] ? SHEET_ROW_INDEX : 0)), 0);
		ck_assert_int_eq(sheet_set_id(s, r, m->id[r]), 0);
	} else {
		for (j = 0; j < m->k; j++)
			sum += m->a[r][j];
		ck_assert_int_eq(sheet_normalize_row(s, r),
		    sum == 0 || !isfinite(sum) ? -1 : 0);
		for (j = 0; sum != 0 && isfinite(sum) && j < m->k; j++)
			m->a[r][j] /= sum;
	}
}

/* Random edits of every kind, each followed by a comparison of every
 * input with a copy kept by hand and of every cell with the reference. */
START_TEST(test_layout_edits)
{
	static const char *names[] = { "c0", "c1", "c2" };
	static struct mirror m;
	struct sheet *s, *t;
	char name[16];
	int i, op, mode = _i % 2, ncls = 3;
	long r;

	srand(977 + _i);
	m.k = 1 + _i / 2 % 3;
	m.n = 0;
	s = tu_sheet(m.k, names, mode, 0);
	for (r = 0; r < 130; r++) {
		mirror_rand_row(&m, r, mode);
		ck_assert_int_eq(sheet_append(s, m.id[r], m.a[r],
		    m.has[r] ? m.y[r] : NULL, m.idx[r]), r);
		if (!m.has[r])
			memset(m.y[r], 0, sizeof(m.y[r]));
		m.n++;
	}
	mirror_check(s, &m);
	for (i = 0; i < 400; i++) {
		op = rand() % 20;
		r = m.n > 0 ? rand() % m.n : 0;
		if (op < 10 && m.n > 0)
			mirror_edit_row(s, &m, r, op % 5);
		else if (op < 13 && m.n < 399)
			mirror_insert(s, &m, rand() % (m.n + 1),
			    rand() % (m.n + 2) - 1);
		else if (op < 15 && m.n > 0)
			mirror_delete(s, &m, r);
		else if (op == 15 && m.k < 8) {
			snprintf(name, sizeof(name), "c%d", ncls++);
			mirror_add_class(s, &m, name);
		} else if (op == 16 && m.k > 1)
			mirror_delete_class(s, &m, rand() % m.k);
		else if (op == 17) {
			t = sheet_clone(s);
			ck_assert_ptr_nonnull(t);
			sheet_free(s);
			s = t;
		} else if (op == 18)
			ref_variant(s, rand() % REF_VARIANTS, mode);
		else
			(void)sheet_mean_loss(s);	/* the tree built */
		mirror_check(s, &m);
	}
	sheet_free(s);
}
END_TEST

/* The mean over thousands of rows has the bits of the tree over single
 * rows after a load, edits, moves and a recompute. */
START_TEST(test_layout_mean_blocks)
{
	struct sheet *s = mk(3, SHEET_LOGITS);
	double a[3];
	long r;
	int k;

	srand(5);
	for (r = 0; r < 5000; r++) {
		for (k = 0; k < 3; k++)
			a[k] = ref_rand_act(0);
		row(s, a, r % 4 == 3 ? -1 : (int)(r % 3));
	}
	ref_check(s);
	for (r = 0; r < 300; r++)
		sheet_set_act(s, (r * 7919) % 5000, r % 3, r * 0.01);
	ref_check(s);
	sheet_delete_row(s, 64);
	sheet_insert_row(s, 4095, 10);
	ref_check(s);
	sheet_recompute(s);
	ref_check(s);
	sheet_free(s);
}
END_TEST

/* What a row costs: K activations and 42 bytes of scalars; a label
 * offset and a side-table slot only once a row needs them. */
START_TEST(test_layout_bytes)
{
	struct sheet *s = mk(5, SHEET_LOGITS);
	double a[5] = { 1, 2, 3, 4, 5 }, soft[5] = { .5, .5, 0, 0, 0 };
	size_t empty = sheet_bytes(s), hard;
	long r, rows = 4096;

	for (r = 0; r < rows; r++)
		row(s, a, (int)(r % 5));
	hard = sheet_bytes(s) - empty;
	ck_assert_uint_le(hard, rows * (5 * 8 + 42) + 2048);
	sheet_set_y(s, 7, 1, 0.5);
	ck_assert_uint_le(sheet_bytes(s) - empty,
	    hard + rows * 4 + 16 * (5 * 8 + 4));
	ck_assert_int_eq(sheet_set_id(s, 9, "nine"), 0);
	ck_assert_uint_le(sheet_bytes(s) - empty,
	    hard + rows * 8 + 16 * (5 * 8 + 4));
	ck_assert_str_eq(sheet_id(s, 9), "nine");
	ck_assert_str_eq(sheet_id(s, 8), "");
	sheet_append(s, NULL, a, soft, 0);
	ck_assert(sheet_y(s, 7, 1) == 0.5 && sheet_y(s, rows, 1) == 0.5);
	sheet_free(s);
}
END_TEST

/* Every exp of A (K a row) on S and T agree bit for bit. */
static void
sheet_test_same_exps(const struct sheet *s, const struct sheet *t)
{
	long r;
	int k;
	double a, b;

	ck_assert_int_eq(sheet_rows(s), sheet_rows(t));
	for (r = 0; r < sheet_rows(s); r++)
		for (k = 0; k < sheet_classes(s); k++) {
			a = sheet_exp(s, r, k);
			b = sheet_exp(t, r, k);
			if (memcmp(&a, &b, sizeof(a)) != 0)
				ck_abort_msg("row %ld class %d: kept %a, "
				    "computed %a", r, k, a, b);
		}
}

/* A sheet that keeps its exps gives the exps one that computes them
 * gives, through appends past its first allocation, edits, a new
 * temperature, row moves, and a class added and deleted; and it only
 * starts keeping them empty. */
START_TEST(test_keep_exp)
{
	static const char *const names[] = { "a", "b", "c" };
	struct sheet *s = sheet_new(3, names), *t = sheet_new(3, names);
	struct sheet_opts o;
	const char *bcd[] = { "b", "c", "d" };
	double a[3];
	long r;
	int j;

	ck_assert_int_eq(sheet_keep_exp(s), 0);
	for (r = 0; r < 100; r++) {
		for (j = 0; j < 3; j++)
			a[j] = (double)((r * 7 + j * 13) % 29) / 3 - 4;
		ck_assert_int_ge(sheet_append(s, NULL, a, NULL, 0), 0);
		ck_assert_int_ge(sheet_append(t, NULL, a, NULL, 0), 0);
	}
	ck_assert_int_eq(sheet_keep_exp(t), -1);
	sheet_test_same_exps(s, t);
	sheet_set_act(s, 42, 1, 800.5);
	sheet_set_act(t, 42, 1, 800.5);
	ck_assert(isinf(sheet_exp(s, 42, 1)));
	o = *sheet_opts(s);
	o.temperature = 2.5;
	ck_assert_int_eq(sheet_set_opts(s, &o, NULL, 0), 0);
	ck_assert_int_eq(sheet_set_opts(t, &o, NULL, 0), 0);
	sheet_delete_row(s, 3);
	sheet_delete_row(t, 3);
	ck_assert_int_eq(sheet_insert_row(s, 10, 50), 0);
	ck_assert_int_eq(sheet_insert_row(t, 10, 50), 0);
	sheet_test_same_exps(s, t);
	ck_assert_int_eq(sheet_add_class(s, "d"), 0);
	ck_assert_int_eq(sheet_add_class(t, "d"), 0);
	sheet_set_act(s, 5, 3, 1.25);
	sheet_set_act(t, 5, 3, 1.25);
	sheet_test_same_exps(s, t);
	ck_assert_int_eq(sheet_delete_class(s, 0), 0);
	ck_assert_int_eq(sheet_delete_class(t, 0), 0);
	sheet_test_same_exps(s, t);
	/* Rows appended from a sheet that keeps none, and from one that
	 * keeps them. */
	sheet_free(s);
	s = sheet_new(3, bcd);
	ck_assert_int_eq(sheet_keep_exp(s), 0);
	ck_assert_int_eq(sheet_set_opts(s, sheet_opts(t), NULL, 0), 0);
	ck_assert_int_eq(sheet_append_sheet(s, t), 0);
	sheet_test_same_exps(s, t);
	ck_assert_int_eq(sheet_append_row(s, t, 7), sheet_rows(t));
	for (j = 0; j < 3; j++)
		ck_assert(sheet_exp(s, sheet_rows(t), j) == sheet_exp(t, 7, j));
	sheet_free(s);
	sheet_free(t);
}
END_TEST

Suite *
sheet_suite(void)
{
	Suite *s = suite_create("sheet");
	TCase *m = tcase_create("maths"), *f = tcase_create("flags");
	TCase *t = tcase_create("torch"), *e = tcase_create("edits");
	TCase *l = tcase_create("layout");

	tcase_add_test(m, test_other_outcome);
	tcase_add_test(m, test_softmax_identities);
	tcase_add_test(m, test_base_conversion);
	tcase_add_test(m, test_extreme_logits);
	tcase_add_test(m, test_binary_logits);
	tcase_add_test(f, test_flags_probs);
	tcase_add_test(f, test_flags_targets);
	tcase_add_test(f, test_flag_names);
	tcase_add_test(t, test_torch_plain);
	tcase_add_test(t, test_torch_weights);
	tcase_add_test(t, test_torch_smoothing_weights);
	tcase_add_test(t, test_base2_weighted_far_logits);
	tcase_add_test(t, test_torch_soft_targets);
	tcase_add_test(t, test_torch_temperature);
	tcase_add_test(t, test_opts_refused);
	tcase_add_test(e, test_edits_and_mean);
	tcase_add_test(e, test_rows);
	tcase_add_test(e, test_classes);
	tcase_add_test(e, test_delete_target_class);
	tcase_add_test(e, test_delete_class_soft);
	tcase_add_test(e, test_delete_class_to_binary);
	tcase_add_test(e, test_normalize);
	tcase_add_test(e, test_keep_exp);
	suite_add_tcase(s, m);
	suite_add_tcase(s, f);
	suite_add_tcase(s, t);
	tcase_add_test(l, test_layout_same_values);
	tcase_add_test(l, test_layout_lesson_sheets);
	tcase_add_loop_test(l, test_layout_edits, 0, 6);
	tcase_add_test(l, test_layout_mean_blocks);
	tcase_add_test(l, test_layout_bytes);
	tcase_set_timeout(l, 60);
	suite_add_tcase(s, e);
	suite_add_tcase(s, l);
	return s;
}
