/*
 * stats.c - calibration, per-class figures, confusion, confident learning
 * and temperature scaling over the rows with a hard target.
 *
 * Every figure is one or two passes over the rows, reading each row's
 * probabilities once into a small buffer (a "view"), from the sheet (its
 * stored log-sum-exp) or, for a trial temperature, from a softmax of the
 * raw activations computed here.  A binary sheet's row is seen as two
 * outcomes, the class and not_CLASS, so no figure special-cases it.
 *
 * The temperature fit works on beta = 1/T, where the mean NLL
 * f(beta) = mean(logsumexp(beta z) - beta z_y) is convex, with
 * f' = mean(E_p[z] - z_y) and f'' = mean(Var_p(z)): Newton's method
 * converges in a handful of passes, and a bracket of the points seen on
 * either side of the minimum (shrunk by a geometric midpoint when a step
 * leaves it) keeps it safe when the curvature is small.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/rowkey.h"
#include "core/stats.h"

#define STATS_TMIN	0.01	/* the temperatures tried */
#define STATS_TMAX	100.0
#define STATS_TOL	1e-8	/* relative Newton step at which the fit stops */
#define STATS_SAMPLE	200000	/* cells (rows x classes) of the fit's
				 * first, rough pass */
#define STATS_ITERS	200	/* a bound the fit never reaches */
#define STATS_PASS_EPS	1e-6	/* confident learning's slack */

/* One row seen as probabilities over the outcomes. */
struct stats_view {
	double	*p;		/* stats_outcomes of them */
	int	 pred;		/* argmax p, first on ties */
	int	 label;		/* the hard target */
	double	 nll;		/* -ln p(label) */
};

/* ------------------------------------------------------------------ */
/* Rows                                                               */
/* ------------------------------------------------------------------ */

int
stats_outcomes(const struct sheet *s)
{
	return sheet_is_binary(s) ? 2 : sheet_classes(s);
}

int
stats_row_counts(const struct sheet *s, long r)
{
	return sheet_has_target(s, r) && sheet_target(s, r) >= 0 &&
	    sheet_pred(s, r) >= 0 &&
	    (sheet_flags(s, r) & FLAG_NOT_ONE_HOT) == 0;
}

long
stats_rows(const struct sheet *s)
{
	long r, n = 0;

	for (r = 0; r < sheet_rows(s); r++)
		n += stats_row_counts(s, r);
	return n;
}

/* Natural log of S's base, which turns its -log p back into nats. */
static double
stats_lnbase(const struct sheet *s)
{
	int b = sheet_opts(s)->base;

	return b == 2 ? M_LN2 : b == 10 ? M_LN10 : 1.0;
}

/* -ln p of outcome C of row R, from the sheet's stable log-softmax. */
static double
stats_nats(const struct sheet *s, long r, int c)
{
	struct sheet_other o;

	if (sheet_is_binary(s) && c == 1) {
		sheet_other(s, r, &o);
		return o.neglog * stats_lnbase(s);
	}
	return sheet_neglog(s, r, c) * stats_lnbase(s);
}

/* The activation of outcome C of row R as a logit (binary: a, then 0). */
static double
stats_logit(const struct sheet *s, long r, int c)
{
	if (sheet_is_binary(s))
		return c == 0 ? sheet_act(s, r, 0) : 0;
	return sheet_act(s, r, c);
}

/* Row R as the sheet computes it. */
static void
stats_view_sheet(const struct sheet *s, long r, struct stats_view *v)
{
	int c, n = stats_outcomes(s);

	for (c = 0; c < n; c++)
		v->p[c] = rowkey_outcome_p(s, r, c);
	v->pred = sheet_pred(s, r);
	v->label = sheet_target(s, r);
	v->nll = stats_nats(s, r, v->label);
}

/* Row R with p = softmax(a / T) of its raw activations (read once into
 * V->p, then turned into probabilities there). */
static void
stats_view_at(const struct sheet *s, long r, double t, struct stats_view *v)
{
	int c, n = stats_outcomes(s);
	double m = -INFINITY, sum = 0, zy;

	for (c = 0; c < n; c++)
		if ((v->p[c] = stats_logit(s, r, c) / t) > m)
			m = v->p[c];
	v->label = sheet_target(s, r);
	zy = v->p[v->label];
	for (c = 0; c < n; c++)
		sum += (v->p[c] = exp(v->p[c] - m));
	v->pred = -1;
	for (c = 0; c < n; c++) {
		v->p[c] /= sum;
		if (!isnan(v->p[c]) && (v->pred < 0 || v->p[c] > v->p[v->pred]))
			v->pred = c;
	}
	v->nll = m + log(sum) - zy;
}

/* Row R seen through T (0: the sheet's own probabilities). */
static void
stats_view(const struct sheet *s, long r, double t, struct stats_view *v)
{
	if (t > 0)
		stats_view_at(s, r, t, v);
	else
		stats_view_sheet(s, r, v);
}

/* 1 when row R can be seen through a trial temperature (the fit, and
 * calibration at a temperature): it counts, and its activations are
 * finite. */
static int
stats_fit_row(const struct sheet *s, long r)
{
	int c, k = sheet_classes(s);

	if (!stats_row_counts(s, r))
		return 0;
	for (c = 0; c < k; c++)
		if (!isfinite(sheet_act(s, r, c)))
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Calibration                                                        */
/* ------------------------------------------------------------------ */

/* The sums behind a stats_calib: the bins', and those of the NLL and the
 * Brier score, which need the whole row rather than its part. */
struct stats_acc {
	struct stats_sums sums;
	double		  nll, brier;
};

/* ceil(C N) - 1, moved to agree with the edges m/N as doubles, and
 * clamped. */
int
stats_bin_of(double c, int n)
{
	double x = ceil(c * n) - 1;
	int m = !(x > 0) ? 0 : x > n - 1 ? n - 1 : (int)x;	/* NaN: 0 */

	while (m > 0 && c <= (double)m / n)
		m--;
	while (m < n - 1 && c > (double)(m + 1) / n)
		m++;
	return m;
}

/* The part of a row with top probability CONF for prediction PRED (-1:
 * none, and the row does not count) and label LABEL. */
static struct stats_part
stats_part_of(double conf, int pred, int label)
{
	struct stats_part p = { 0, 0, 0 };

	if (pred < 0)
		return p;
	p.counts = 1;
	p.conf = conf;
	p.correct = pred == label;
	return p;
}

struct stats_part
stats_part(const struct sheet *s, long r)
{
	if (!stats_row_counts(s, r))
		return stats_part_of(NAN, -1, -1);
	return stats_part_of(rowkey_conf(s, r), sheet_pred(s, r),
	    sheet_target(s, r));
}

int
stats_sums_init(struct stats_sums *k, int nbins)
{
	memset(k, 0, sizeof(*k));
	if (nbins < 1 || (k->bins = calloc(nbins, sizeof(*k->bins))) == NULL)
		return -1;
	k->nbins = nbins;
	return 0;
}

void
stats_sums_free(struct stats_sums *k)
{
	if (k == NULL)
		return;
	free(k->bins);
	k->bins = NULL;
	k->nbins = 0;
	k->rows = 0;
}

/* Empties K's bins. */
static void
stats_sums_clear(struct stats_sums *k)
{
	memset(k->bins, 0, k->nbins * sizeof(*k->bins));
	k->rows = 0;
}

void
stats_sums_build(struct stats_sums *k, const struct sheet *s)
{
	long r;

	stats_sums_clear(k);
	for (r = 0; r < sheet_rows(s); r++)
		stats_sums_add(k, stats_part(s, r), 1);
}

void
stats_sums_add(struct stats_sums *k, struct stats_part p, int sign)
{
	struct stats_sum *b;

	if (!p.counts)
		return;
	b = &k->bins[stats_bin_of(p.conf, k->nbins)];
	b->count += sign;
	b->conf += sign * p.conf;
	b->correct += sign * p.correct;
	k->rows += sign;
	/* A sum of doubles that lost every row goes back to exactly 0. */
	if (b->count == 0)
		b->conf = 0;
}

void
stats_sums_move(struct stats_sums *k, struct stats_part before,
    struct stats_part after)
{
	stats_sums_add(k, before, -1);
	stats_sums_add(k, after, 1);
}

void
stats_sums_figures(const struct stats_sums *k, struct stats_calib *out)
{
	struct stats_bin *b;
	double n = (double)k->rows, gap;
	long correct = 0;
	int m;

	out->nbins = k->nbins;
	out->rows = k->rows;
	out->ece = out->mce = 0;
	out->nll = out->brier = NAN;
	for (m = 0; m < k->nbins; m++) {
		b = &out->bins[m];
		b->lo = (double)m / k->nbins;
		b->hi = (double)(m + 1) / k->nbins;
		b->count = k->bins[m].count;
		correct += k->bins[m].correct;
		b->conf = b->acc = NAN;
		if (b->count == 0)
			continue;
		b->conf = k->bins[m].conf / b->count;
		b->acc = (double)k->bins[m].correct / b->count;
		gap = fabs(b->acc - b->conf);
		out->ece += b->count / n * gap;
		out->mce = fmax(out->mce, gap);
	}
	out->accuracy = k->rows > 0 ? correct / n : NAN;
	if (k->rows == 0)
		out->ece = out->mce = NAN;
}

/* Adds row view V (a prediction, K outcomes) to A. */
static void
stats_acc_add(struct stats_acc *a, const struct stats_view *v, int k)
{
	double d;
	int c;

	stats_sums_add(&a->sums, stats_part_of(v->p[v->pred], v->pred,
	    v->label), 1);
	a->nll += v->nll;
	for (c = 0; c < k; c++) {
		d = v->p[c] - (c == v->label);
		a->brier += d * d;
	}
}

/* Empties A. */
static void
stats_acc_reset(struct stats_acc *a)
{
	stats_sums_clear(&a->sums);
	a->nll = a->brier = 0;
}

/* OUT's figures from A's sums. */
static void
stats_acc_finish(const struct stats_acc *a, struct stats_calib *out)
{
	stats_sums_figures(&a->sums, out);
	if (a->sums.rows == 0)
		return;
	out->nll = a->nll / a->sums.rows;
	out->brier = a->brier / a->sums.rows;
}

/* OUT with room for NBINS bins and A with NBINS empty ones; -1 (OUT
 * and A zeroed) when out of memory or NBINS is below 1. */
static int
stats_calib_begin(struct stats_calib *out, struct stats_acc *a, int nbins)
{
	memset(out, 0, sizeof(*out));
	memset(a, 0, sizeof(*a));
	if (stats_sums_init(&a->sums, nbins) < 0 ||
	    (out->bins = calloc(nbins, sizeof(*out->bins))) == NULL) {
		stats_sums_free(&a->sums);
		return -1;
	}
	out->nbins = nbins;
	return 0;
}

/* The calibration of S seen through T (0: as the sheet has it). */
static int
stats_calib_run(const struct sheet *s, int nbins, double t,
    struct stats_calib *out)
{
	int k = stats_outcomes(s);
	struct stats_view v;
	struct stats_acc a;
	long r;

	if (stats_calib_begin(out, &a, nbins) < 0)
		return -1;
	if ((v.p = malloc(k * sizeof(double))) == NULL) {
		stats_sums_free(&a.sums);
		stats_calib_free(out);
		return -1;
	}
	for (r = 0; r < sheet_rows(s); r++) {
		if (!(t > 0 ? stats_fit_row(s, r) : stats_row_counts(s, r)))
			continue;
		stats_view(s, r, t, &v);
		if (v.pred >= 0)
			stats_acc_add(&a, &v, k);
	}
	free(v.p);
	stats_acc_finish(&a, out);
	stats_sums_free(&a.sums);
	return 0;
}

int
stats_calibration(const struct sheet *s, int nbins, struct stats_calib *out)
{
	return stats_calib_run(s, nbins, 0, out);
}

int
stats_calibration_at(const struct sheet *s, int nbins, double t,
    struct stats_calib *out)
{
	memset(out, 0, sizeof(*out));
	if (sheet_opts(s)->mode != SHEET_LOGITS || !(t > 0) || isinf(t))
		return -1;
	return stats_calib_run(s, nbins, t, out);
}

void
stats_calib_free(struct stats_calib *c)
{
	if (c == NULL)
		return;
	free(c->bins);
	c->bins = NULL;
	c->nbins = 0;
}

/* ------------------------------------------------------------------ */
/* Classes and confusion                                              */
/* ------------------------------------------------------------------ */

/* Sums into OUT[K] and PREDICTED[K] (rows predicted as each, right or
 * wrong); the figures' sums, turned into means by stats_classes. */
static double
stats_class_sums(const struct sheet *s, struct stats_class *out,
    long *predicted)
{
	double total = 0, loss;
	long r;
	int t, p;

	for (r = 0; r < sheet_rows(s); r++) {
		if (!stats_row_counts(s, r))
			continue;
		t = sheet_target(s, r);
		p = sheet_pred(s, r);
		loss = sheet_loss(s, r);
		out[t].support++;
		out[t].recall += p == t;
		out[p].precision += p == t;
		out[t].mean_loss += loss;
		out[t].mean_conf += rowkey_conf(s, r);
		predicted[p]++;
		total += loss;
	}
	return total;
}

/* A / B, NaN when B is 0. */
static double
stats_div(double a, double b)
{
	return b != 0 ? a / b : NAN;
}

int
stats_classes(const struct sheet *s, struct stats_class *out)
{
	int c, k = stats_outcomes(s);
	long *predicted = calloc(k, sizeof(long));
	double total;

	if (predicted == NULL)
		return -1;
	memset(out, 0, k * sizeof(*out));
	total = stats_class_sums(s, out, predicted);
	for (c = 0; c < k; c++) {
		out[c].loss_share = stats_div(out[c].mean_loss, total);
		out[c].recall = stats_div(out[c].recall, out[c].support);
		out[c].precision = stats_div(out[c].precision, predicted[c]);
		out[c].mean_loss = stats_div(out[c].mean_loss, out[c].support);
		out[c].mean_conf = stats_div(out[c].mean_conf, out[c].support);
	}
	free(predicted);
	return k;
}

long *
stats_confusion(const struct sheet *s)
{
	size_t k = stats_outcomes(s);
	long *m = calloc(k * k, sizeof(long)), r;

	if (m == NULL)
		return NULL;
	for (r = 0; r < sheet_rows(s); r++)
		if (stats_row_counts(s, r))
			m[sheet_target(s, r) * k + sheet_pred(s, r)]++;
	return m;
}

/* qsort's order of pairs: count descending, then label, then pred. */
static int
stats_pair_cmp(const void *pa, const void *pb)
{
	const struct stats_pair *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->label != b->label)
		return a->label < b->label ? -1 : 1;
	return (a->pred > b->pred) - (a->pred < b->pred);
}

/* Every non-empty off-diagonal cell, sorted, into a malloc'd *OUT (NULL
 * when none); the count, or -1. */
static long
stats_pairs(const struct sheet *s, struct stats_pair **out)
{
	long k = stats_outcomes(s), *m = stats_confusion(s), n = 0, i, j;
	struct stats_pair *p;

	*out = NULL;
	if (m == NULL)
		return -1;
	for (i = 0; i < k * k; i++)
		n += m[i] > 0 && i / k != i % k;
	if (n > 0 && (p = malloc(n * sizeof(*p))) == NULL) {
		free(m);
		return -1;
	}
	for (i = 0, j = 0; n > 0 && i < k * k; i++)
		if (m[i] > 0 && i / k != i % k)
			p[j++] = (struct stats_pair){ i / k, i % k, m[i] };
	free(m);
	if (n > 0) {
		qsort(p, n, sizeof(*p), stats_pair_cmp);
		*out = p;
	}
	return n;
}

long
stats_most_confused(const struct sheet *s, struct stats_pair *out,
    long max)
{
	struct stats_pair *p;
	long n = stats_pairs(s, &p);

	if (n < 0)
		return -1;
	if (n > max)
		n = max > 0 ? max : 0;
	if (n > 0)
		memcpy(out, p, n * sizeof(*p));
	free(p);
	return n;
}

long
stats_confused_pairs(const struct sheet *s)
{
	struct stats_pair *p;
	long n = stats_pairs(s, &p);

	free(p);
	return n;
}

/* ------------------------------------------------------------------ */
/* Confident learning                                                 */
/* ------------------------------------------------------------------ */

int
stats_thresholds(const struct sheet *s, double *t)
{
	int c, k = stats_outcomes(s);
	long *n = calloc(k, sizeof(long)), r;

	if (n == NULL)
		return -1;
	for (c = 0; c < k; c++)
		t[c] = 0;
	for (r = 0; r < sheet_rows(s); r++)
		if (stats_row_counts(s, r)) {
			c = sheet_target(s, r);
			t[c] += rowkey_outcome_p(s, r, c);
			n[c]++;
		}
	for (c = 0; c < k; c++)
		t[c] = stats_div(t[c], n[c]);
	free(n);
	return 0;
}

/* The class confident learning suggests for row R, or -1 when no class
 * passes its threshold in T. */
static int
stats_suggest(const struct sheet *s, long r, const double *t)
{
	int c, k = stats_outcomes(s), passed = 0, only = -1;

	for (c = 0; c < k && passed < 2; c++)	/* two are as good as all */
		if (rowkey_outcome_p(s, r, c) >= t[c] - STATS_PASS_EPS) {
			passed++;
			only = c;
		}
	if (passed == 0)
		return -1;
	return passed == 1 ? only : sheet_pred(s, r);
}

/* qsort's order of issues: self-confidence ascending, then row. */
static int
stats_issue_cmp(const void *pa, const void *pb)
{
	const struct stats_issue *a = pa, *b = pb;

	if (a->self_conf != b->self_conf)
		return a->self_conf < b->self_conf ? -1 : 1;
	return (a->row > b->row) - (a->row < b->row);
}

/* Appends (R, C, P) to the growing list *L of *N (room *CAP). */
static int
stats_issue_push(struct stats_issue **l, long *n, long *cap, long r, int c,
    double p)
{
	struct stats_issue *nl;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		if ((nl = realloc(*l, *cap * sizeof(**l))) == NULL)
			return -1;
		*l = nl;
	}
	(*l)[(*n)++] = (struct stats_issue){ r, c, p };
	return 0;
}

/* The likely label errors into a malloc'd *OUT (OUT NULL: only counted);
 * their count, or -1. */
static long
stats_issues_run(const struct sheet *s, struct stats_issue **out)
{
	double *t = malloc(stats_outcomes(s) * sizeof(double));
	struct stats_issue *l = NULL;
	long r, n = 0, cap = 0;
	int c, i;

	if (t == NULL || stats_thresholds(s, t) < 0)
		goto fail;
	for (r = 0; r < sheet_rows(s); r++) {
		if (!stats_row_counts(s, r))
			continue;
		/* A row predicted right is never an issue: skip its pass. */
		if ((i = sheet_target(s, r)) == sheet_pred(s, r))
			continue;
		if ((c = stats_suggest(s, r, t)) < 0 || c == i)
			continue;
		if (out == NULL)
			n++;
		else if (stats_issue_push(&l, &n, &cap, r, c,
		    rowkey_outcome_p(s, r, i)) < 0)
			goto fail;
	}
	free(t);
	if (n > 0 && out != NULL)
		qsort(l, n, sizeof(*l), stats_issue_cmp);
	if (out != NULL)
		*out = l;
	return n;
fail:
	free(t);
	free(l);
	return -1;
}

long
stats_label_issues(const struct sheet *s, struct stats_issue **out)
{
	*out = NULL;
	return stats_issues_run(s, out);
}

long
stats_label_issue_count(const struct sheet *s)
{
	return stats_issues_run(s, NULL);
}

/* ------------------------------------------------------------------ */
/* Temperature                                                        */
/* ------------------------------------------------------------------ */

/* The mean NLL at BETA and its first two derivatives. */
struct stats_fit {
	double	f, g, h;
};

/* Adds a row seen through the trial temperature to CAL: W[K] its
 * probabilities times S0, Y its label, F its NLL. */
static void
stats_fit_bin(struct stats_acc *cal, double *w, double s0, int y,
    double f, int k)
{
	struct stats_view v = { w, 0, y, f };
	int c;

	for (c = 0; c < k; c++) {
		w[c] /= s0;
		if (w[c] > w[v.pred])
			v.pred = c;
	}
	stats_acc_add(cal, &v, k);
}

/* Adds row R's NLL at BETA and its derivatives to OUT, and with CAL the
 * row's calibration at BETA to CAL's sums; D and W are room
 * for K doubles each.  Everything is taken relative to the target's
 * logit (d_k = z_k - z_y), so that a row the model gets right by a wide
 * margin still has a tiny negative slope rather than 0 from
 * cancellation, and the fit walks on to T = 0.01. */
static void
stats_fit_add(const struct sheet *s, long r, double beta, double *d,
    double *w, struct stats_fit *out, struct stats_acc *cal)
{
	int c, k = stats_outcomes(s), y = sheet_target(s, r);
	double zy = stats_logit(s, r, y), m = 0, s0 = 0, s1 = 0, var = 0, e;
	double f;

	for (c = 0; c < k; c++) {
		d[c] = stats_logit(s, r, c) - zy;
		m = fmax(m, beta * d[c]);
	}
	for (c = 0; c < k; c++) {
		w[c] = exp(beta * d[c] - m);
		s1 += w[c] * d[c];
		if (c != y || m != 0)
			s0 += w[c];	/* the target's 1 goes to log1p */
	}
	out->f += (f = m == 0 ? log1p(s0) : m + log(s0));
	s0 += m == 0;
	e = s1 / s0;		/* E_p[z] - z_y */
	for (c = 0; c < k; c++)
		var += w[c] * (d[c] - e) * (d[c] - e);
	out->g += e;
	out->h += var / s0;
	if (cal != NULL)
		stats_fit_bin(cal, w, s0, y, f, k);
}

/* The mean NLL and derivatives at BETA over every STRIDE-th row that USE
 * marks, and with CAL the calibration at BETA; D holds room for 2 K
 * doubles. */
static struct stats_fit
stats_fit_eval(const struct sheet *s, const unsigned char *use, long stride,
    double beta, double *d, struct stats_acc *cal)
{
	struct stats_fit out = { 0, 0, 0 };
	int k = stats_outcomes(s);
	long r, n = 0;

	if (cal != NULL)
		stats_acc_reset(cal);
	for (r = 0; r < sheet_rows(s); r += stride)
		if (use[r]) {
			stats_fit_add(s, r, beta, d, d + k, &out, cal);
			n++;
		}
	if (n == 0)
		n = 1;	/* a sample that missed every row: f = g = 0 */
	out.f /= n;
	out.g /= n;
	out.h /= n;
	return out;
}

/* The next beta after B with value F, inside [LO, HI]: Newton's step,
 * or the boundary when it leaves a side not yet bracketed (LOK, HOK
 * say which are), or the geometric midpoint. */
static double
stats_fit_step(double b, struct stats_fit f, double lo, double hi, int lok,
    int hok)
{
	double nb = f.h > 0 ? b - f.g / f.h : f.g < 0 ? hi : lo;

	if (fabs(nb - b) <= STATS_TOL * b || (nb > lo && nb < hi))
		return nb;
	if (nb >= hi && !hok)
		return hi;
	if (nb <= lo && !lok)
		return lo;
	return sqrt(lo * hi);
}

/* Minimises the NLL over beta in [1/TMAX, 1/TMIN] from START, over
 * every STRIDE-th row; *NLL gets the NLL at the beta returned, and CAL
 * (when not NULL) the sums of the calibration there. */
static double
stats_fit_beta(const struct sheet *s, const unsigned char *use, long stride,
    double start, double *d, double *nll, struct stats_acc *cal)
{
	double lo = 1 / STATS_TMAX, hi = 1 / STATS_TMIN, b = start, nb;
	struct stats_fit f;
	int it, lok = 0, hok = 0;

	for (it = 0;; it++) {
		f = stats_fit_eval(s, use, stride, b, d, cal);
		*nll = f.f;
		if (it == STATS_ITERS || f.g == 0 || (b >= hi && f.g < 0) ||
		    (b <= lo && f.g > 0))
			break;
		if (f.g < 0) {
			lo = b;
			lok = 1;
		} else {
			hi = b;
			hok = 1;
		}
		nb = stats_fit_step(b, f, lo, hi, lok, hok);
		/* Near the minimum Newton's step is B's distance from it, so
		 * B is then good to 1e-8, and every figure is B's own. */
		if (fabs(nb - b) <= STATS_TOL * b || hi - lo <= STATS_TOL * lo)
			break;
		b = nb;
	}
	return b;
}

int
stats_fit_temperature(const struct sheet *s, double *t, double *nll_before,
    double *nll_after)
{
	return stats_fit_calibrated(s, 0, t, nll_before, nll_after, NULL);
}

/* Marks in USE the rows the fit uses; their count, and the sum of their
 * NLL at the sheet's temperature in *BEFORE. */
static long
stats_fit_mark(const struct sheet *s, unsigned char *use, double *before)
{
	long r, n = 0;

	*before = 0;
	for (r = 0; r < sheet_rows(s); r++)
		if ((use[r] = (unsigned char)stats_fit_row(s, r)) != 0) {
			n++;
			*before += stats_nats(s, r, sheet_target(s, r));
		}
	return n;
}

/* The fitted beta over the rows USE marks (D: room for 2 K doubles),
 * from the sheet's temperature; *NLL and AFTER's sums at it. */
static double
stats_fit_run(const struct sheet *s, const unsigned char *use, double *d,
    double *nll, struct stats_acc *after)
{
	double start = 1 / sheet_opts(s)->temperature;
	double cells = (double)sheet_rows(s) * stats_outcomes(s);

	start = fmin(fmax(start, 1 / STATS_TMAX), 1 / STATS_TMIN);
	/* A rough fit on a sample first, so that the passes over every row
	 * start near the minimum, where Newton's steps shrink fastest.  A
	 * pass costs a row's classes, so the sample is counted in cells:
	 * every 50th row of 1M x 10, every 250th of 50k x 1000. */
	if (cells > 5 * STATS_SAMPLE)
		start = stats_fit_beta(s, use, (long)(cells / STATS_SAMPLE),
		    start, d, nll, NULL);
	return stats_fit_beta(s, use, 1, start, d, nll, after);
}

int
stats_fit_calibrated(const struct sheet *s, int nbins, double *t,
    double *nll_before, double *nll_after, struct stats_calib *after)
{
	unsigned char *use = NULL;
	double nll = NAN, beta = 1, before = 0, *d = NULL;
	struct stats_acc acc = { { 0, NULL, 0 }, 0, 0 };
	long n = 0;

	if (after != NULL)
		memset(after, 0, sizeof(*after));
	if (sheet_opts(s)->mode != SHEET_LOGITS || sheet_rows(s) == 0 ||
	    (after != NULL && stats_calib_begin(after, &acc, nbins) < 0))
		return -1;
	use = malloc(sheet_rows(s));
	d = malloc(2 * stats_outcomes(s) * sizeof(double));
	if (use != NULL && d != NULL)
		n = stats_fit_mark(s, use, &before);
	if (n > 0)
		beta = stats_fit_run(s, use, d, &nll, after != NULL ? &acc :
		    NULL);
	free(use);
	free(d);
	if (n > 0 && after != NULL)
		stats_acc_finish(&acc, after);
	stats_sums_free(&acc.sums);
	if (n == 0) {
		stats_calib_free(after);
		return -1;
	}
	if (t != NULL)
		*t = 1 / beta;
	if (nll_before != NULL)
		*nll_before = before / n;
	if (nll_after != NULL)
		*nll_after = nll;
	return 0;
}
