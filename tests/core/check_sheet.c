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

Suite *
sheet_suite(void)
{
	Suite *s = suite_create("sheet");
	TCase *m = tcase_create("maths"), *f = tcase_create("flags");
	TCase *t = tcase_create("torch"), *e = tcase_create("edits");

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
	suite_add_tcase(s, m);
	suite_add_tcase(s, f);
	suite_add_tcase(s, t);
	suite_add_tcase(s, e);
	return s;
}
