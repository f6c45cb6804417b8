/*
 * check_stats.c - the whole-set figures against values computed another
 * way: a small reference implementation below (plain loops from the
 * definitions, its own softmax from the raw logits, bins found by testing
 * each interval, the temperature by golden-section search on log T), a
 * hand-worked five-row sheet, a closed-form temperature (1/ln 2), and a
 * sheet built so that confident learning's answer is known row by row.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sheet.h"
#include "core/stats.h"
#include "tests/suites.h"
#include "tests/testutil.h"

#define REF_K	4	/* classes of the random sheets */
#define REF_N	300	/* their rows */

static const char *abc[] = { "A", "B", "C", "D" };

/* ------------------------------------------------------------------ */
/* The reference: plain loops over a copy of the logits               */
/* ------------------------------------------------------------------ */

/* A small deterministic generator (numbers in [0, 1)). */
static double
ref_rand(unsigned long *st)
{
	*st = *st * 6364136223846793005UL + 1442695040888963407UL;
	return (double)(*st >> 11) / 9007199254740992.0;
}

/* A random validation set: N rows of K logits, labels mostly the class
 * with the biggest logit, all scaled by SCALE (over-confident above 1). */
struct ref_set {
	int	 n, k;
	double	 z[REF_N][REF_K];
	int	 y[REF_N];
};

static void
ref_make(struct ref_set *d, unsigned long seed, double scale)
{
	int i, c;

	d->n = REF_N;
	d->k = REF_K;
	for (i = 0; i < d->n; i++) {
		d->y[i] = (int)(ref_rand(&seed) * REF_K);
		for (c = 0; c < REF_K; c++)
			d->z[i][c] = scale * (2 * ref_rand(&seed) - 1 +
			    (c == d->y[i] ? 0.8 : 0));
	}
}

/* softmax(z / T) by the textbook formula, max shifted. */
static void
ref_softmax(const double *z, int k, double t, double *p)
{
	double m = z[0] / t, sum = 0;
	int c;

	for (c = 1; c < k; c++)
		if (z[c] / t > m)
			m = z[c] / t;
	for (c = 0; c < k; c++)
		sum += p[c] = exp(z[c] / t - m);
	for (c = 0; c < k; c++)
		p[c] /= sum;
}

/* The reference figures at temperature T. */
struct ref_calib {
	double	ece, mce, nll, brier, acc;
	long	count[32];
	double	conf[32], hit[32];
};

/* The bin of C by testing each interval ((m-1)/M, m/M], 0 in the first. */
static int
ref_bin(double c, int m)
{
	int i;

	for (i = 1; i <= m; i++)
		if ((c > (double)(i - 1) / m || (i == 1 && c >= 0)) &&
		    c <= (double)i / m)
			return i - 1;
	return c > 1 ? m - 1 : 0;
}

static void
ref_calib(const struct ref_set *d, double t, int m, struct ref_calib *r)
{
	double p[REF_K], gap;
	int i, c, top;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < d->n; i++) {
		ref_softmax(d->z[i], d->k, t, p);
		top = 0;
		for (c = 1; c < d->k; c++)
			if (p[c] > p[top])
				top = c;
		r->count[ref_bin(p[top], m)]++;
		r->conf[ref_bin(p[top], m)] += p[top];
		r->hit[ref_bin(p[top], m)] += top == d->y[i];
		r->acc += top == d->y[i];
		r->nll -= log(p[d->y[i]]);
		for (c = 0; c < d->k; c++)
			r->brier += (p[c] - (c == d->y[i])) *
			    (p[c] - (c == d->y[i]));
	}
	for (i = 0; i < m; i++) {
		if (r->count[i] == 0)
			continue;
		gap = fabs(r->hit[i] / r->count[i] - r->conf[i] / r->count[i]);
		r->ece += (double)r->count[i] / d->n * gap;
		if (gap > r->mce)
			r->mce = gap;
	}
	r->acc /= d->n;
	r->nll /= d->n;
	r->brier /= d->n;
}

/* The reference NLL at temperature T. */
static double
ref_nll(const struct ref_set *d, double t)
{
	double p[REF_K], sum = 0;
	int i;

	for (i = 0; i < d->n; i++) {
		ref_softmax(d->z[i], d->k, t, p);
		sum -= log(p[d->y[i]]);
	}
	return sum / d->n;
}

/* The temperature by golden-section search on log T in [0.01, 100]. */
static double
ref_fit(const struct ref_set *d)
{
	double lo = log(0.01), hi = log(100), g = (sqrt(5) - 1) / 2;
	double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
	double fa = ref_nll(d, exp(a)), fb = ref_nll(d, exp(b));

	while (hi - lo > 1e-12) {
		if (fa < fb) {
			hi = b;
			b = a;
			fb = fa;
			a = hi - g * (hi - lo);
			fa = ref_nll(d, exp(a));
		} else {
			lo = a;
			a = b;
			fa = fb;
			b = lo + g * (hi - lo);
			fb = ref_nll(d, exp(b));
		}
	}
	return exp((lo + hi) / 2);
}

/* The sheet of D (logits mode). */
static struct sheet *
ref_sheet(const struct ref_set *d)
{
	struct sheet *s = tu_sheet(d->k, abc, 0, 0);
	int i;

	for (i = 0; i < d->n; i++)
		ck_assert_int_ge(tu_row(s, d->z[i], d->y[i]), 0);
	return s;
}

/* ------------------------------------------------------------------ */
/* Calibration                                                        */
/* ------------------------------------------------------------------ */

/* Asserts that OUT matches the reference R over M bins. */
static void
same_calib(const struct stats_calib *out, const struct ref_calib *r, int m)
{
	int i;

	ck_assert_int_eq(out->nbins, m);
	ck_assert_int_eq(out->rows, REF_N);
	ck_assert_close(out->ece, r->ece, 1e-12);
	ck_assert_close(out->mce, r->mce, 1e-12);
	ck_assert_close(out->nll, r->nll, 1e-12);
	ck_assert_close(out->brier, r->brier, 1e-12);
	ck_assert_close(out->accuracy, r->acc, 1e-15);
	for (i = 0; i < m; i++) {
		ck_assert_int_eq(out->bins[i].count, r->count[i]);
		ck_assert_close(out->bins[i].lo, (double)i / m, 1e-15);
		ck_assert_close(out->bins[i].hi, (double)(i + 1) / m, 1e-15);
		if (r->count[i] == 0) {
			ck_assert(isnan(out->bins[i].conf));
			ck_assert(isnan(out->bins[i].acc));
			continue;
		}
		ck_assert_close(out->bins[i].conf, r->conf[i] / r->count[i],
		    1e-12);
		ck_assert_close(out->bins[i].acc, r->hit[i] / r->count[i],
		    1e-15);
	}
}

/* ECE, MCE, NLL, Brier and the bins against the reference, at 15 bins
 * and others, over- and under-confident sets, and at a trial T. */
START_TEST(test_calibration_reference)
{
	static const double scales[] = { 0.3, 1, 4 };
	static const int bins[] = { 15, 1, 7, 20 };
	struct ref_set d;
	struct ref_calib r;
	struct stats_calib out;
	struct sheet *s;
	size_t i, j;

	for (i = 0; i < sizeof(scales) / sizeof(scales[0]); i++) {
		ref_make(&d, 7 + i, scales[i]);
		s = ref_sheet(&d);
		for (j = 0; j < sizeof(bins) / sizeof(bins[0]); j++) {
			ref_calib(&d, 1, bins[j], &r);
			ck_assert_int_eq(stats_calibration(s, bins[j], &out),
			    0);
			same_calib(&out, &r, bins[j]);
			stats_calib_free(&out);
		}
		ref_calib(&d, 2.5, 15, &r);
		ck_assert_int_eq(stats_calibration_at(s, 15, 2.5, &out), 0);
		same_calib(&out, &r, 15);
		stats_calib_free(&out);
		ck_assert_int_eq(tu_opt(s, "temperature", 2.5), 0);
		ck_assert_int_eq(stats_calibration(s, 15, &out), 0);
		same_calib(&out, &r, 15);
		stats_calib_free(&out);
		sheet_free(s);
	}
}
END_TEST

/* The five probs rows worked by hand over 5 bins (0.6 and 0.4 sit on bin
 * edges, and go in the bins below them). */
static struct sheet *
hand_sheet(void)
{
	struct sheet *s = tu_sheet(3, abc, 1, 0);
	static const double p[5][3] = {
		{ 0.9, 0.05, 0.05 }, { 0.9, 0.1, 0.0 }, { 0.5, 0.3, 0.2 },
		{ 0.2, 0.2, 0.6 }, { 0.4, 0.35, 0.25 },
	};
	static const int y[5] = { 0, 1, 0, 2, 1 };
	int i;

	for (i = 0; i < 5; i++)
		ck_assert_int_ge(tu_row(s, p[i], y[i]), 0);
	return s;
}

START_TEST(test_calibration_hand)
{
	struct sheet *s = hand_sheet();
	struct stats_calib c;

	ck_assert_int_eq(stats_calibration(s, 5, &c), 0);
	ck_assert_int_eq(c.rows, 5);
	ck_assert_int_eq(c.bins[0].count, 0);
	ck_assert_int_eq(c.bins[1].count, 1);
	ck_assert_int_eq(c.bins[2].count, 2);
	ck_assert_int_eq(c.bins[3].count, 0);
	ck_assert_int_eq(c.bins[4].count, 2);
	ck_assert_close(c.bins[1].conf, 0.4, 1e-15);
	ck_assert_close(c.bins[2].conf, 0.55, 1e-15);
	ck_assert_close(c.bins[4].conf, 0.9, 1e-15);
	ck_assert(c.bins[1].acc == 0 && c.bins[2].acc == 1 &&
	    c.bins[4].acc == 0.5);
	ck_assert(isnan(c.bins[3].conf) && isnan(c.bins[3].acc));
	ck_assert_close(c.ece, 0.42, 1e-14);
	ck_assert_close(c.mce, 0.45, 1e-14);
	ck_assert_close(c.accuracy, 0.6, 1e-15);
	ck_assert_close(c.brier, 0.58, 1e-14);
	ck_assert_close(c.nll, -(log(0.9) + log(0.1) + log(0.5) + log(0.6) +
	    log(0.35)) / 5, 1e-14);
	stats_calib_free(&c);
	ck_assert_int_eq(stats_calibration(s, 0, &c), -1);
	ck_assert_ptr_null(c.bins);
	ck_assert_int_eq(stats_calibration_at(s, 15, 1, &c), -1);
	stats_calib_free(&c);
	stats_calib_free(NULL);
	sheet_free(s);
}
END_TEST

/* Asserts that figures A and B, over N bins, are the same doubles. */
static void
same_figures(const struct stats_calib *a, const struct stats_calib *b,
    int n)
{
	int m;

	ck_assert_int_eq(a->nbins, n);
	ck_assert_int_eq(a->rows, b->rows);
	for (m = 0; m < n; m++) {
		ck_assert_int_eq(a->bins[m].count, b->bins[m].count);
		ck_assert(a->bins[m].lo == b->bins[m].lo &&
		    a->bins[m].hi == b->bins[m].hi);
		ck_assert(a->bins[m].conf == b->bins[m].conf ||
		    (isnan(a->bins[m].conf) && isnan(b->bins[m].conf)));
		ck_assert(a->bins[m].acc == b->bins[m].acc ||
		    (isnan(a->bins[m].acc) && isnan(b->bins[m].acc)));
	}
	ck_assert(a->ece == b->ece && a->mce == b->mce &&
	    a->accuracy == b->accuracy);
}

/* The bin rule at and around its edges as doubles. */
START_TEST(test_bin_of)
{
	ck_assert_int_eq(stats_bin_of(0, 15), 0);
	ck_assert_int_eq(stats_bin_of(-0.5, 15), 0);
	ck_assert_int_eq(stats_bin_of(NAN, 15), 0);
	ck_assert_int_eq(stats_bin_of(1.0 / 15, 15), 0);
	ck_assert_int_eq(stats_bin_of(nextafter(1.0 / 15, 1), 15), 1);
	ck_assert_int_eq(stats_bin_of(14.0 / 15, 15), 13);
	ck_assert_int_eq(stats_bin_of(1, 15), 14);
	ck_assert_int_eq(stats_bin_of(1.5, 15), 14);
	/* 0.7 * 10 is 7.000000000000001: ceil alone would say bin 7. */
	ck_assert_int_eq(stats_bin_of(0.7, 10), 6);
	ck_assert_int_eq(stats_bin_of(0.6, 5), 2);
	ck_assert_int_eq(stats_bin_of(0.3, 1), 0);
}
END_TEST

/* The sums give stats_calibration's figures, and a row's part taken out
 * and put back leaves them as they were. */
START_TEST(test_sums)
{
	struct sheet *s = hand_sheet();
	struct stats_bin bins[5];
	struct stats_calib c, fig = { .bins = bins };
	struct stats_sums k;
	struct stats_part p, none = { 0, 0, 0 };

	ck_assert_int_eq(stats_sums_init(&k, 0), -1);
	ck_assert_ptr_null(k.bins);
	ck_assert_int_eq(stats_sums_init(&k, 5), 0);
	stats_sums_build(&k, s);
	stats_sums_figures(&k, &fig);
	ck_assert_int_eq(stats_calibration(s, 5, &c), 0);
	same_figures(&fig, &c, 5);
	ck_assert(isnan(fig.nll) && isnan(fig.brier));
	/* Row 2: p 0.5 for its label 0, right, in bin 2 with 0.6. */
	p = stats_part(s, 2);
	ck_assert(p.counts && p.conf == 0.5 && p.correct);
	stats_sums_move(&k, p, none);
	stats_sums_figures(&k, &fig);
	ck_assert_int_eq(fig.rows, 4);
	ck_assert_int_eq(fig.bins[2].count, 1);
	ck_assert_close(fig.bins[2].conf, 0.6, 1e-15);
	ck_assert(fig.bins[2].acc == 1);
	stats_sums_add(&k, p, 1);
	stats_sums_figures(&k, &fig);
	same_figures(&fig, &c, 5);
	/* A row without a target has no part. */
	sheet_set_target(s, 4, -1);
	p = stats_part(s, 4);
	ck_assert_int_eq(p.counts, 0);
	stats_calib_free(&c);
	stats_sums_free(&k);
	stats_sums_free(NULL);
	sheet_free(s);
}
END_TEST

/* The NLL is in nats whatever the base. */
START_TEST(test_nll_nats)
{
	struct sheet *s = hand_sheet();
	struct stats_calib a, b;

	ck_assert_int_eq(stats_calibration(s, 15, &a), 0);
	ck_assert_int_eq(tu_opt(s, "base", 10), 0);
	ck_assert_int_eq(stats_calibration(s, 15, &b), 0);
	ck_assert_close(a.nll, b.nll, 1e-14);
	stats_calib_free(&a);
	stats_calib_free(&b);
	sheet_free(s);
}
END_TEST

/* Rows without a target, with a soft target, or all-NaN are left out:
 * the figures are those of the sheet without them. */
START_TEST(test_rows_left_out)
{
	struct sheet *s = hand_sheet(), *t = hand_sheet();
	static const double a[3] = { 0.3, 0.3, 0.4 }, n[3] = { NAN, NAN, NAN };
	static const double soft[3] = { 0.5, 0.5, 0 };
	struct stats_calib cs, ct;
	struct stats_class ks[3], kt[3];
	long *ms, *mt;
	int i;

	ck_assert_int_ge(tu_row(t, a, -1), 0);
	ck_assert_int_ge(sheet_append(t, NULL, a, soft, 0), 0);
	ck_assert_int_ge(tu_row(t, n, 1), 0);
	ck_assert_int_eq(sheet_rows(t), 8);
	ck_assert_int_eq(stats_rows(t), 5);
	ck_assert_int_eq(stats_row_counts(t, 6), 0);
	ck_assert_int_eq(stats_calibration(s, 15, &cs), 0);
	ck_assert_int_eq(stats_calibration(t, 15, &ct), 0);
	ck_assert(cs.ece == ct.ece && cs.nll == ct.nll &&
	    cs.brier == ct.brier && ct.rows == 5);
	ck_assert_int_eq(stats_classes(s, ks), 3);
	ck_assert_int_eq(stats_classes(t, kt), 3);
	for (i = 0; i < 3; i++)
		ck_assert(ks[i].support == kt[i].support &&
		    ks[i].mean_conf == kt[i].mean_conf);
	ms = stats_confusion(s);
	mt = stats_confusion(t);
	ck_assert_int_eq(memcmp(ms, mt, 9 * sizeof(long)), 0);
	free(ms);
	free(mt);
	stats_calib_free(&cs);
	stats_calib_free(&ct);
	sheet_free(s);
	sheet_free(t);
}
END_TEST

/* No row counts: the figures are NaN and the bins empty. */
START_TEST(test_empty)
{
	struct sheet *s = tu_sheet(3, abc, 0, 0);
	struct stats_calib c;
	struct stats_issue *l = (struct stats_issue *)&c;
	double t, nb, na;

	ck_assert_int_eq(stats_calibration(s, 15, &c), 0);
	ck_assert(c.rows == 0 && isnan(c.ece) && isnan(c.mce) &&
	    isnan(c.nll) && isnan(c.brier) && isnan(c.accuracy));
	ck_assert(c.bins[0].count == 0 && isnan(c.bins[0].conf));
	stats_calib_free(&c);
	ck_assert_int_eq(stats_label_issues(s, &l), 0);
	ck_assert_ptr_null(l);
	ck_assert_int_eq(stats_most_confused(s, NULL, 0), 0);
	ck_assert_int_eq(stats_fit_temperature(s, &t, &nb, &na), -1);
	sheet_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Classes and confusion                                              */
/* ------------------------------------------------------------------ */

START_TEST(test_classes_hand)
{
	struct sheet *s = hand_sheet();
	struct stats_class k[3];
	double l0 = -log(0.9) - log(0.5), l1 = -log(0.1) - log(0.35);
	double l2 = -log(0.6), total = l0 + l1 + l2;

	ck_assert_int_eq(stats_classes(s, k), 3);
	ck_assert(k[0].support == 2 && k[1].support == 2 && k[2].support == 1);
	ck_assert(k[0].recall == 1 && k[1].recall == 0 && k[2].recall == 1);
	ck_assert(k[0].precision == 0.5 && isnan(k[1].precision) &&
	    k[2].precision == 1);
	ck_assert_close(k[0].mean_loss, l0 / 2, 1e-14);
	ck_assert_close(k[1].mean_loss, l1 / 2, 1e-14);
	ck_assert_close(k[2].mean_loss, l2, 1e-14);
	ck_assert_close(k[0].loss_share, l0 / total, 1e-14);
	ck_assert_close(k[1].loss_share, l1 / total, 1e-14);
	ck_assert_close(k[0].loss_share + k[1].loss_share + k[2].loss_share,
	    1, 1e-15);
	ck_assert_close(k[0].mean_conf, 0.7, 1e-15);
	ck_assert_close(k[1].mean_conf, 0.65, 1e-15);
	ck_assert_close(k[2].mean_conf, 0.6, 1e-15);
	sheet_free(s);
}
END_TEST

/* Confusion and its pairs against the reference's counts. */
START_TEST(test_confusion)
{
	struct ref_set d;
	struct sheet *s;
	struct stats_pair pairs[16];
	long ref[REF_K][REF_K], *m, n, i;
	double p[REF_K];
	int r, c, top;

	ref_make(&d, 3, 1);
	s = ref_sheet(&d);
	memset(ref, 0, sizeof(ref));
	for (r = 0; r < d.n; r++) {
		ref_softmax(d.z[r], d.k, 1, p);
		for (top = 0, c = 1; c < d.k; c++)
			if (p[c] > p[top])
				top = c;
		ref[d.y[r]][top]++;
	}
	m = stats_confusion(s);
	ck_assert_ptr_nonnull(m);
	for (r = 0; r < REF_K; r++)
		for (c = 0; c < REF_K; c++)
			ck_assert_int_eq(m[r * REF_K + c], ref[r][c]);
	n = stats_most_confused(s, pairs, 16);
	ck_assert_int_eq(n, stats_confused_pairs(s));
	ck_assert_int_le(n, 12);
	for (i = 0; i < n; i++) {
		ck_assert_int_ne(pairs[i].label, pairs[i].pred);
		ck_assert_int_eq(pairs[i].count,
		    ref[pairs[i].label][pairs[i].pred]);
		ck_assert_int_gt(pairs[i].count, 0);
		if (i > 0)
			ck_assert(pairs[i - 1].count > pairs[i].count ||
			    (pairs[i - 1].count == pairs[i].count &&
			    pairs[i - 1].label * 10 + pairs[i - 1].pred <
			    pairs[i].label * 10 + pairs[i].pred));
	}
	ck_assert_int_eq(stats_most_confused(s, pairs, 2), n < 2 ? n : 2);
	free(m);
	sheet_free(s);
}
END_TEST

START_TEST(test_confused_hand)
{
	struct sheet *s = hand_sheet();
	struct stats_pair p[4];
	long *m = stats_confusion(s);

	ck_assert(m[0] == 2 && m[3] == 2 && m[8] == 1);
	ck_assert(m[1] + m[2] + m[4] + m[5] + m[6] + m[7] == 0);
	ck_assert_int_eq(stats_most_confused(s, p, 4), 1);
	ck_assert(p[0].label == 1 && p[0].pred == 0 && p[0].count == 2);
	free(m);
	sheet_free(s);
}
END_TEST

/* A binary sheet is two outcomes: the class and not_CLASS. */
START_TEST(test_binary_outcomes)
{
	static const char *cat[] = { "cat" };
	struct sheet *s = tu_sheet(1, cat, 1, 0);
	double a[1], y[1];
	struct stats_calib c;
	struct stats_class k[2];
	long *m;
	static const double p[4] = { 0.9, 0.8, 0.3, 0.4 };
	static const double t[4] = { 1, 0, 0, 1 };
	int i;

	for (i = 0; i < 4; i++) {
		a[0] = p[i];
		y[0] = t[i];
		ck_assert_int_ge(sheet_append(s, NULL, a, y, 0), 0);
	}
	ck_assert_int_eq(stats_outcomes(s), 2);
	ck_assert_int_eq(stats_calibration(s, 10, &c), 0);
	ck_assert_close(c.accuracy, 0.5, 0);
	ck_assert_close(c.brier, 2 * (0.01 + 0.64 + 0.09 + 0.36) / 4, 1e-14);
	ck_assert_close(c.nll, -(log(0.9) + log(0.2) + log(0.7) + log(0.4)) /
	    4, 1e-14);
	stats_calib_free(&c);
	m = stats_confusion(s);
	ck_assert(m[0] == 1 && m[1] == 1 && m[2] == 1 && m[3] == 1);
	free(m);
	ck_assert_int_eq(stats_classes(s, k), 2);
	ck_assert(k[0].support == 2 && k[1].support == 2);
	sheet_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Confident learning                                                 */
/* ------------------------------------------------------------------ */

/* Fourteen probs rows over A, B, C whose thresholds are 0.376, 0.59 and
 * 0.55; see each row's comment for what it tests. */
static struct sheet *
cl_sheet(void)
{
	struct sheet *s = tu_sheet(3, abc, 1, 0);
	static const double p[14][3] = {
		{ 0.8, 0.1, 0.1 },	/* A passes alone: fine */
		{ 0.6, 0.3, 0.1 },	/* A alone: fine */
		{ 0.1, 0.85, 0.05 },	/* B alone, argmax B: issue */
		{ 0, 0.65, 0.35 },	/* B alone: issue, self 0 */
		{ 0.38, 0.62, 0 },	/* A and B pass, argmax B: issue */
		{ 0.2, 0.7, 0.1 },	/* B alone: fine */
		{ 0.1, 0.8, 0.1 },	/* fine */
		{ 0.1, 0.3, 0.6 },	/* C alone: issue */
		{ 0.45, 0.55, 0 },	/* A alone, argmax B = label: fine */
		{ 0.4, 0.6, 0 },	/* A and B pass, argmax B: fine */
		{ 0.1, 0.1, 0.8 },	/* fine */
		{ 0.2, 0.1, 0.7 },	/* fine */
		{ 0.3, 0.3, 0.4 },	/* nothing passes: not counted */
		{ 0.7, 0, 0.3 },	/* A alone, argmax A: issue */
	};
	static const int y[14] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2 };
	int i;

	for (i = 0; i < 14; i++)
		ck_assert_int_ge(tu_row(s, p[i], y[i]), 0);
	return s;
}

START_TEST(test_confident_learning)
{
	struct sheet *s = cl_sheet();
	struct stats_issue *l;
	static const long rows[] = { 3, 2, 7, 13, 4 };
	static const int sugg[] = { 1, 1, 2, 0, 1 };
	static const double self[] = { 0, 0.1, 0.3, 0.3, 0.38 };
	double t[3];
	long n, i;

	ck_assert_int_eq(stats_thresholds(s, t), 0);
	ck_assert_close(t[0], 0.376, 1e-15);
	ck_assert_close(t[1], 0.59, 1e-15);
	ck_assert_close(t[2], 0.55, 1e-15);
	n = stats_label_issues(s, &l);
	ck_assert_int_eq(n, 5);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(l[i].row, rows[i]);
		ck_assert_int_eq(l[i].suggested, sugg[i]);
		ck_assert_close(l[i].self_conf, self[i], 1e-15);
	}
	free(l);
	sheet_free(s);
}
END_TEST

/* The 1e-6 slack: a probability 5e-7 under its class's threshold passes,
 * 2e-6 under does not; a class no row is labelled with never passes. */
START_TEST(test_cl_slack)
{
	struct sheet *s = tu_sheet(3, abc, 1, 0);
	static const double p[6][3] = {
		{ 0.8, 0.2, 0 }, { 0.6, 0.4, 0 },	/* t_A = 0.5 */
		{ 0.3, 0.7 - 5e-7, 0 },		/* passes B: issue */
		{ 0.3, 0.7 - 2e-6, 0 },		/* passes none */
		{ 0.3, 0.7, 0 }, { 0.1, 0.7, 0.2 },	/* t_B = 0.7 */
	};
	static const int y[6] = { 0, 0, 0, 0, 1, 1 };
	struct stats_issue *l;
	double t[3];
	int i;

	for (i = 0; i < 6; i++)
		ck_assert_int_ge(tu_row(s, p[i], y[i]), 0);
	ck_assert_int_eq(stats_thresholds(s, t), 0);
	ck_assert_close(t[0], 0.5, 1e-15);
	ck_assert_close(t[1], 0.7, 1e-15);
	ck_assert(isnan(t[2]));
	ck_assert_int_eq(stats_label_issues(s, &l), 1);
	ck_assert(l[0].row == 2 && l[0].suggested == 1);
	free(l);
	sheet_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Temperature                                                        */
/* ------------------------------------------------------------------ */

/* Against golden-section search of the reference NLL. */
START_TEST(test_fit_reference)
{
	static const double scales[] = { 0.2, 1, 3, 8 };
	struct ref_set d;
	struct sheet *s;
	double t, nb, na, want;
	size_t i;

	for (i = 0; i < sizeof(scales) / sizeof(scales[0]); i++) {
		ref_make(&d, 11 + i, scales[i]);
		s = ref_sheet(&d);
		want = ref_fit(&d);
		ck_assert_int_eq(stats_fit_temperature(s, &t, &nb, &na), 0);
		ck_assert_close(t, want, 1e-6);
		ck_assert_close(nb, ref_nll(&d, 1), 1e-12);
		ck_assert_close(na, ref_nll(&d, t), 1e-12);
		ck_assert(na <= nb);
		ck_assert(na <= ref_nll(&d, t * (1 + 1e-4)));
		ck_assert(na <= ref_nll(&d, t * (1 - 1e-4)));
		/* the sheet's own temperature changes the NLL before, not T */
		ck_assert_int_eq(tu_opt(s, "temperature", 3), 0);
		ck_assert_int_eq(stats_fit_temperature(s, &want, &nb, NULL), 0);
		ck_assert_close(want, t, 1e-6);
		ck_assert_close(nb, ref_nll(&d, 3), 1e-12);
		sheet_free(s);
	}
}
END_TEST

/* The calibration the fit gives from its last pass is the calibration at
 * the temperature it returns. */
START_TEST(test_fit_calibrated)
{
	static const double scales[] = { 0.5, 2, 6 };
	struct stats_calib a, b;
	struct ref_set d;
	struct sheet *s;
	double t, t2, nb, na;
	size_t i;
	int m;

	for (i = 0; i < sizeof(scales) / sizeof(scales[0]); i++) {
		ref_make(&d, 40 + i, scales[i]);
		s = ref_sheet(&d);
		ck_assert_int_eq(stats_fit_calibrated(s, 15, &t, &nb, &na, &a),
		    0);
		ck_assert_int_eq(stats_fit_temperature(s, &t2, NULL, NULL), 0);
		ck_assert(t == t2);
		ck_assert_int_eq(stats_calibration_at(s, 15, t, &b), 0);
		ck_assert_int_eq(a.rows, b.rows);
		ck_assert_close(a.ece, b.ece, 1e-12);
		ck_assert_close(a.mce, b.mce, 1e-12);
		ck_assert_close(a.brier, b.brier, 1e-12);
		ck_assert_close(a.nll, na, 1e-12);
		ck_assert_close(a.accuracy, b.accuracy, 0);
		for (m = 0; m < 15; m++)
			ck_assert_int_eq(a.bins[m].count, b.bins[m].count);
		stats_calib_free(&a);
		stats_calib_free(&b);
		sheet_free(s);
	}
	s = hand_sheet();
	ck_assert_int_eq(stats_fit_calibrated(s, 15, &t, &nb, &na, &a), -1);
	ck_assert_ptr_null(a.bins);
	sheet_free(s);
}
END_TEST

/* Three rows of logits (1, 0), two labelled with the first class: the
 * best p is 2/3, so T = 1/ln 2, and then the ECE is 0.  The same as a
 * binary sheet. */
START_TEST(test_fit_closed_form)
{
	static const char *cat[] = { "cat" };
	struct sheet *s = tu_sheet(2, abc, 0, 0), *b = tu_sheet(1, cat, 0, 0);
	double a[2] = { 1, 0 }, y1[1] = { 1 }, y0[1] = { 0 }, t, nb, na;
	double want = 1 / log(2), nll = -(2 * log(2.0 / 3) + log(1.0 / 3)) / 3;
	struct stats_calib c;

	ck_assert_int_ge(tu_row(s, a, 0), 0);
	ck_assert_int_ge(tu_row(s, a, 0), 0);
	ck_assert_int_ge(tu_row(s, a, 1), 0);
	ck_assert_int_eq(stats_fit_temperature(s, &t, &nb, &na), 0);
	ck_assert_close(t, want, 1e-7);
	ck_assert_close(na, nll, 1e-12);
	ck_assert_int_eq(stats_calibration_at(s, 15, t, &c), 0);
	ck_assert(fabs(c.ece) < 1e-7);
	ck_assert_int_eq(c.bins[9].count + c.bins[10].count, 3);
	ck_assert_close(c.bins[c.bins[9].count ? 9 : 10].conf, 2.0 / 3, 1e-7);
	stats_calib_free(&c);
	ck_assert_int_ge(sheet_append(b, NULL, a, y1, 0), 0);
	ck_assert_int_ge(sheet_append(b, NULL, a, y1, 0), 0);
	ck_assert_int_ge(sheet_append(b, NULL, a, y0, 0), 0);
	ck_assert_int_eq(stats_fit_temperature(b, &t, NULL, &na), 0);
	ck_assert_close(t, want, 1e-7);
	ck_assert_close(na, nll, 1e-12);
	sheet_free(s);
	sheet_free(b);
}
END_TEST

/* A row with an infinite logit is left out of the fit and of the
 * calibration at a trial temperature (whatever the sheet makes of it). */
START_TEST(test_infinite_logit)
{
	struct sheet *t = tu_sheet(3, abc, 0, 0);
	double a[3] = { INFINITY, 0, 0 }, b[3] = { 1, 0, 0 }, c3[3] = { 0, 2, 0 };
	struct stats_calib c;
	double temp, nb, na;

	ck_assert_int_ge(tu_row(t, a, 0), 0);
	ck_assert_int_ge(tu_row(t, b, 0), 0);
	ck_assert_int_ge(tu_row(t, c3, 0), 0);
	ck_assert_int_eq(stats_calibration(t, 15, &c), 0);
	ck_assert_int_eq(c.rows, stats_rows(t));
	stats_calib_free(&c);
	ck_assert_int_eq(stats_calibration_at(t, 15, 2, &c), 0);
	ck_assert_int_eq(c.rows, 2);
	stats_calib_free(&c);
	ck_assert_int_eq(stats_fit_temperature(t, &temp, &nb, &na), 0);
	ck_assert(isfinite(na) && na <= nb);
	sheet_free(t);
}
END_TEST

/* Always right: sharper is better, so T stops at 0.01; always wrong:
 * flatter is better, T stops at 100; probs mode has no temperature. */
START_TEST(test_fit_bounds)
{
	struct sheet *s = tu_sheet(2, abc, 0, 0), *w = tu_sheet(2, abc, 0, 0);
	struct sheet *p = hand_sheet();
	double a[2] = { 2, 0 }, b[2] = { 0, 3 }, t;

	ck_assert_int_ge(tu_row(s, a, 0), 0);
	ck_assert_int_ge(tu_row(s, b, 1), 0);
	ck_assert_int_ge(tu_row(w, a, 1), 0);
	ck_assert_int_ge(tu_row(w, b, 0), 0);
	ck_assert_int_eq(stats_fit_temperature(s, &t, NULL, NULL), 0);
	ck_assert_close(t, 0.01, 1e-12);
	ck_assert_int_eq(stats_fit_temperature(w, &t, NULL, NULL), 0);
	ck_assert_close(t, 100, 1e-12);
	ck_assert_int_eq(stats_fit_temperature(p, &t, NULL, NULL), -1);
	sheet_free(s);
	sheet_free(w);
	sheet_free(p);
}
END_TEST

Suite *
stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *t = tcase_create("stats");

	tcase_add_test(t, test_calibration_reference);
	tcase_add_test(t, test_calibration_hand);
	tcase_add_test(t, test_bin_of);
	tcase_add_test(t, test_sums);
	tcase_add_test(t, test_nll_nats);
	tcase_add_test(t, test_rows_left_out);
	tcase_add_test(t, test_empty);
	tcase_add_test(t, test_classes_hand);
	tcase_add_test(t, test_confusion);
	tcase_add_test(t, test_confused_hand);
	tcase_add_test(t, test_binary_outcomes);
	tcase_add_test(t, test_confident_learning);
	tcase_add_test(t, test_cl_slack);
	tcase_add_test(t, test_fit_reference);
	tcase_add_test(t, test_fit_closed_form);
	tcase_add_test(t, test_fit_calibrated);
	tcase_add_test(t, test_fit_bounds);
	tcase_add_test(t, test_infinite_logit);
	suite_add_tcase(s, t);
	return s;
}
