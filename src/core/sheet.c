/*
 * sheet.c - the model and its arithmetic; see sheet.h for the contract.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "core/sheet.h"

/* Row info bits. */
#define INFO_LABEL_INDEX	0x01	/* target was given as a class index */
#define INFO_HAS_TARGET		0x02	/* the row has a target at all */
#define INFO_SOFT		0x04	/* the target is not exactly one-hot */
#define INFO_CORRECT		0x08	/* pred == target */
#define INFO_ORPHAN		0x10	/* loses its target with a class */

/* Tolerance of the not_normalized flag. */
#define SHEET_SUM_TOL	1e-6
/* Relative tolerance of the forms_disagree flag. */
#define SHEET_FORM_TOL	1e-9

struct sheet {
	int		  k;		/* classes; 1 = binary sheet */
	char		**names;	/* k class names */
	long		  n;		/* rows */
	long		  cap;		/* rows allocated */

	/* n*k, row-major */
	double		 *a;		/* activations as given */
	double		 *y;		/* targets (one-hot or soft) */
	double		 *ex;		/* naive exp(a/T) (logits mode) */
	double		 *p;		/* stable probabilities */
	double		 *lp;		/* natural log probabilities */

	/* n */
	double		 *sum;		/* exp sum or probability sum */
	double		 *loss;		/* per-row loss, all options */
	double		 *iff;		/* IF form */
	double		 *plain;	/* sum of one-hot times log */
	uint8_t		 *flags;	/* FLAG_* bits */
	uint8_t		 *info;		/* INFO_* bits */
	int32_t		 *pred;		/* argmax p */
	int32_t		 *tgt;		/* argmax y, -1 without target */
	size_t		 *idoff;	/* row label offsets into pool */

	char		 *pool;		/* row labels, NUL-separated */
	size_t		  poollen;
	size_t		  poolcap;

	struct sheet_opts o;		/* settings in force */
	char		 *title;
	enum sheet_targets tstyle;

	/* Totals, kept current by every row change. */
	double		 *tree;		/* segment tree of targeted losses */
	long		  leaves;	/* power of two >= n */
	long		  nflag[SHEET_NFLAGS];
	long		  ntarget;	/* rows with targets */
	long		  nsoft;	/* of those, not one-hot */
	long		  ncorrect;	/* of those, predicted right */
	long		 *nclass;	/* k: one-hot rows per target class */
};

static const char *sheet_flag_names[SHEET_NFLAGS] = {
	"not_normalized", "out_of_range", "not_one_hot", "log_zero",
	"forms_disagree", "confident_wrong", "overflow", "nan",
};

/* ------------------------------------------------------------------ */
/* Options and flag names                                             */
/* ------------------------------------------------------------------ */

void
sheet_opts_init(struct sheet_opts *o)
{
	o->mode = SHEET_LOGITS;
	o->base = 0;
	o->temperature = 1;
	o->smoothing = 0;
	o->confident = 0.8;
	o->weights = NULL;
}

const char *
sheet_flag_name(int i)
{
	return i >= 0 && i < SHEET_NFLAGS ? sheet_flag_names[i] : "?";
}

unsigned
sheet_flag_bit(const char *name)
{
	int i;

	for (i = 0; i < SHEET_NFLAGS; i++)
		if (strcmp(name, sheet_flag_names[i]) == 0)
			return 1u << i;
	return 0;
}

char *
sheet_flags_format(char *buf, size_t len, unsigned flags)
{
	size_t used = 0;
	int i;

	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < SHEET_NFLAGS; i++) {
		if (!(flags & (1u << i)) || used >= len)
			continue;
		used += snprintf(buf + used, len - used, "%s%s",
		    used ? ";" : "", sheet_flag_names[i]);
	}
	return buf;
}

/* ------------------------------------------------------------------ */
/* Storage                                                            */
/* ------------------------------------------------------------------ */

/* One row-indexed array: where it lives, and its bytes per row. */
struct sheet_col {
	void	**ptr;
	size_t	  width;
};

/* Lists every row-indexed array, so growth and moves treat them alike. */
static int
sheet_cols(struct sheet *s, struct sheet_col *c)
{
	size_t dk = sizeof(double) * s->k;
	int i = 0;

	c[i++] = (struct sheet_col){ (void **)&s->a, dk };
	c[i++] = (struct sheet_col){ (void **)&s->y, dk };
	c[i++] = (struct sheet_col){ (void **)&s->ex, dk };
	c[i++] = (struct sheet_col){ (void **)&s->p, dk };
	c[i++] = (struct sheet_col){ (void **)&s->lp, dk };
	c[i++] = (struct sheet_col){ (void **)&s->sum, sizeof(double) };
	c[i++] = (struct sheet_col){ (void **)&s->loss, sizeof(double) };
	c[i++] = (struct sheet_col){ (void **)&s->iff, sizeof(double) };
	c[i++] = (struct sheet_col){ (void **)&s->plain, sizeof(double) };
	c[i++] = (struct sheet_col){ (void **)&s->flags, sizeof(uint8_t) };
	c[i++] = (struct sheet_col){ (void **)&s->info, sizeof(uint8_t) };
	c[i++] = (struct sheet_col){ (void **)&s->pred, sizeof(int32_t) };
	c[i++] = (struct sheet_col){ (void **)&s->tgt, sizeof(int32_t) };
	c[i++] = (struct sheet_col){ (void **)&s->idoff, sizeof(size_t) };
	return i;
}
#define SHEET_MAXCOLS 16

/* Grows every row array to hold at least WANT rows; -1 on ENOMEM. */
static int
sheet_reserve(struct sheet *s, long want)
{
	struct sheet_col c[SHEET_MAXCOLS];
	long cap = s->cap ? s->cap : 16;
	int i, nc;
	void *np;

	if (want <= s->cap)
		return 0;
	while (cap < want)
		cap *= 2;
	nc = sheet_cols(s, c);
	for (i = 0; i < nc; i++) {
		np = realloc(*c[i].ptr, c[i].width * cap);
		if (np == NULL)
			return -1;
		*c[i].ptr = np;
	}
	s->cap = cap;
	return 0;
}

/* Copies STR into the label pool; returns its offset or (size_t)-1. */
static size_t
sheet_pool_add(struct sheet *s, const char *str)
{
	size_t len = strlen(str) + 1, off, cap;
	char *np;

	if (s->poollen + len > s->poolcap) {
		cap = s->poolcap ? s->poolcap : 256;
		while (cap < s->poollen + len)
			cap *= 2;
		if ((np = realloc(s->pool, cap)) == NULL)
			return (size_t)-1;
		s->pool = np;
		s->poolcap = cap;
	}
	off = s->poollen;
	memcpy(s->pool + off, str, len);
	s->poollen += len;
	return off;
}

struct sheet *
sheet_new(int k, const char *const *names)
{
	struct sheet *s;
	int i;

	if (k < 1 || (s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->k = k;
	sheet_opts_init(&s->o);
	s->names = calloc(k, sizeof(char *));
	s->nclass = calloc(k, sizeof(long));
	if (s->names == NULL || s->nclass == NULL ||
	    sheet_pool_add(s, "") == (size_t)-1)
		goto fail;
	for (i = 0; i < k; i++)
		if ((s->names[i] = strdup(names[i])) == NULL)
			goto fail;
	return s;
fail:
	sheet_free(s);
	return NULL;
}

void
sheet_free(struct sheet *s)
{
	struct sheet_col c[SHEET_MAXCOLS];
	int i, nc;

	if (s == NULL)
		return;
	nc = sheet_cols(s, c);
	for (i = 0; i < nc; i++)
		free(*c[i].ptr);
	for (i = 0; s->names != NULL && i < s->k; i++)
		free(s->names[i]);
	free(s->names);
	free(s->nclass);
	free(s->pool);
	free(s->tree);
	free(s->title);
	free(s->o.weights);
	free(s);
}

/* ------------------------------------------------------------------ */
/* Per-row arithmetic                                                 */
/* ------------------------------------------------------------------ */

/* Natural log of the base, the divisor that converts nats. */
static double
sheet_lnbase(const struct sheet *s)
{
	return s->o.base == 2 ? M_LN2 : s->o.base == 10 ? M_LN10 : 1.0;
}

/* Weight of class K (1 without weights). */
static double
sheet_w(const struct sheet *s, int k)
{
	return s->o.weights != NULL ? s->o.weights[k] : 1.0;
}

/* Softmax of one row of logits: naive exp and sum, stable log p and p. */
static void
sheet_row_logits(struct sheet *s, long r)
{
	const double *a = s->a + r * s->k;
	double *ex = s->ex + r * s->k, *p = s->p + r * s->k;
	double *lp = s->lp + r * s->k, t = s->o.temperature;
	double sum = 0, m = -INFINITY, acc = 0, lse;
	int k, nan = 0;

	for (k = 0; k < s->k; k++) {
		ex[k] = exp(a[k] / t);
		sum += ex[k];
		if (isnan(a[k]))
			nan = 1;
		else if (a[k] / t > m)
			m = a[k] / t;
	}
	for (k = 0; k < s->k; k++)
		acc += exp(a[k] / t - m);
	/* (z - m) - log(acc), not z - (m + log(acc)): the latter cancels
	 * catastrophically when m is large. */
	lse = nan ? NAN : log(acc);
	for (k = 0; k < s->k; k++) {
		lp[k] = (a[k] / t - m) - lse;
		p[k] = exp(lp[k]);
	}
	s->sum[r] = sum;
}

/* Probabilities as given: nothing is renormalised. */
static void
sheet_row_probs(struct sheet *s, long r)
{
	const double *a = s->a + r * s->k;
	double sum = 0;
	int k;

	for (k = 0; k < s->k; k++) {
		s->ex[r * s->k + k] = NAN;
		s->p[r * s->k + k] = a[k];
		s->lp[r * s->k + k] = log(a[k]);
		sum += a[k];
	}
	s->sum[r] = sum;
}

/* -log p and -log(1 - p) of a binary row, in nats. */
static void
sheet_binary_nats(const struct sheet *s, long r, double *np, double *nq)
{
	double a = s->a[r];

	if (s->o.mode == SHEET_PROBS) {
		*np = -log(a);
		*nq = -log1p(-a);
	} else {
		*np = num_softplus(-a / s->o.temperature);
		*nq = num_softplus(a / s->o.temperature);
	}
}

/* The one probability of a binary row: as given, or a stable sigmoid. */
static void
sheet_row_binary(struct sheet *s, long r)
{
	double np, nq;

	sheet_binary_nats(s, r, &np, &nq);
	s->lp[r] = -np;
	if (s->o.mode == SHEET_PROBS) {
		s->ex[r] = NAN;
		s->p[r] = s->a[r];
		s->sum[r] = s->a[r] + (1 - s->a[r]);
	} else {
		s->ex[r] = exp(s->a[r] / s->o.temperature);
		s->p[r] = exp(-np);
		s->sum[r] = 1 + s->ex[r];
	}
}

/* Index of the largest of V[0..N), first on ties, NaNs skipped; -1 if all
 * are NaN. */
static int
sheet_argmax(const double *v, int n)
{
	int i, best = -1;

	for (i = 0; i < n; i++)
		if (!isnan(v[i]) && (best < 0 || v[i] > v[best]))
			best = i;
	return best;
}

/* 1 when Y[0..N) is exactly one 1 and zeros elsewhere. */
static int
sheet_onehot(const double *y, int n)
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

/* Target, prediction and the three loss forms of a K >= 2 row. */
static void
sheet_row_loss(struct sheet *s, long r)
{
	const double *y = s->y + r * s->k, *lp = s->lp + r * s->k;
	double lb = sheet_lnbase(s), eps = s->o.smoothing;
	double loss = 0, plain = 0, c;
	int k, t;

	s->pred[r] = sheet_argmax(s->p + r * s->k, s->k);
	if (!(s->info[r] & INFO_HAS_TARGET)) {
		s->tgt[r] = -1;
		s->loss[r] = s->iff[r] = s->plain[r] = NAN;
		return;
	}
	t = s->tgt[r] = sheet_argmax(y, s->k);
	for (k = 0; k < s->k; k++) {
		c = sheet_w(s, k) * ((1 - eps) * y[k] + eps / s->k);
		if (c != 0)
			loss += c * (-lp[k] / lb);
		if (y[k] != 0)
			plain += y[k] * (-lp[k] / lb);
	}
	s->loss[r] = loss;
	s->plain[r] = plain;
	if (t < 0)
		s->iff[r] = NAN;
	else if (s->k == 2 && t == 1 && s->o.mode == SHEET_PROBS)
		s->iff[r] = -log1p(-s->a[r * 2]) / lb;
	else
		s->iff[r] = -lp[t] / lb;
}

/* Target, prediction and loss of a binary row (0 = the class, 1 = not). */
static void
sheet_row_binary_loss(struct sheet *s, long r)
{
	double np, nq, y = s->y[r], lb = sheet_lnbase(s), loss = 0;

	s->pred[r] = isnan(s->p[r]) ? -1 : s->p[r] >= 0.5 ? 0 : 1;
	if (!(s->info[r] & INFO_HAS_TARGET)) {
		s->tgt[r] = -1;
		s->loss[r] = s->iff[r] = s->plain[r] = NAN;
		return;
	}
	sheet_binary_nats(s, r, &np, &nq);
	s->tgt[r] = isnan(y) ? -1 : y >= 0.5 ? 0 : 1;
	if (y != 0)
		loss += y * np;
	if (1 - y != 0)
		loss += (1 - y) * nq;
	s->loss[r] = s->plain[r] = loss / lb;
	s->iff[r] = s->tgt[r] < 0 ? NAN : (s->tgt[r] == 0 ? np : nq) / lb;
}

/* Flags that look at the probabilities alone. */
static unsigned
sheet_prob_flags(const struct sheet *s, long r)
{
	const double *p = s->p + r * s->k, *a = s->a + r * s->k;
	const double *ex = s->ex + r * s->k;
	int k, logits = s->o.mode == SHEET_LOGITS;
	double psum = 0;
	unsigned f = 0;

	for (k = 0; k < s->k; k++) {
		if (p[k] < 0 || p[k] > 1)
			f |= FLAG_OUT_OF_RANGE;
		if (isnan(a[k]) || isnan(p[k]))
			f |= FLAG_NAN;
		if (logits && isinf(ex[k]))
			f |= FLAG_OVERFLOW;
		psum += p[k];
	}
	if (logits && (isinf(s->sum[r]) || s->sum[r] == 0))
		f |= FLAG_OVERFLOW;
	if (s->k >= 2 && fabs(psum - 1) > SHEET_SUM_TOL)
		f |= FLAG_NOT_NORMALIZED;
	return f;
}

/* The predicted class's probability, binary sheets included. */
static double
sheet_top_p(const struct sheet *s, long r)
{
	if (s->pred[r] < 0)
		return NAN;
	if (s->k == 1)
		return s->pred[r] == 0 ? s->p[r] : 1 - s->p[r];
	return s->p[r * s->k + s->pred[r]];
}

/* Flags that need a target. */
static unsigned
sheet_target_flags(const struct sheet *s, long r)
{
	const double *y = s->y + r * s->k;
	unsigned f = 0;
	int k;

	if (!(s->info[r] & INFO_HAS_TARGET))
		return 0;
	for (k = 0; k < s->k; k++)
		if (isnan(y[k]))
			f |= FLAG_NAN;
	if (s->k == 1 ? (y[0] != 0 && y[0] != 1) : !sheet_onehot(y, s->k))
		f |= FLAG_NOT_ONE_HOT;
	if (s->loss[r] == INFINITY || s->iff[r] == INFINITY)
		f |= FLAG_LOG_ZERO;
	if (num_differ(s->iff[r], s->plain[r], SHEET_FORM_TOL))
		f |= FLAG_FORMS_DISAGREE;
	if (s->pred[r] >= 0 && s->tgt[r] >= 0 && s->pred[r] != s->tgt[r] &&
	    sheet_top_p(s, r) >= s->o.confident)
		f |= FLAG_CONFIDENT_WRONG;
	if (isnan(s->loss[r]) || isnan(s->iff[r]))
		f |= FLAG_NAN;
	return f;
}

/* Every derived value of row R, from its inputs and the options. */
static void
sheet_row_compute(struct sheet *s, long r)
{
	unsigned f;

	if (s->k == 1) {
		sheet_row_binary(s, r);
		sheet_row_binary_loss(s, r);
	} else {
		if (s->o.mode == SHEET_LOGITS)
			sheet_row_logits(s, r);
		else
			sheet_row_probs(s, r);
		sheet_row_loss(s, r);
	}
	f = sheet_prob_flags(s, r) | sheet_target_flags(s, r);
	s->flags[r] = (uint8_t)f;
	s->info[r] &= ~(INFO_SOFT | INFO_CORRECT);
	if (f & FLAG_NOT_ONE_HOT)
		s->info[r] |= INFO_SOFT;
	if (s->tgt[r] >= 0 && s->pred[r] == s->tgt[r])
		s->info[r] |= INFO_CORRECT;
}

/* ------------------------------------------------------------------ */
/* Totals                                                             */
/* ------------------------------------------------------------------ */

/* Adds (SIGN 1) or removes (SIGN -1) row R's share of the counts. */
static void
sheet_count(struct sheet *s, long r, int sign)
{
	int i;

	for (i = 0; i < SHEET_NFLAGS; i++)
		if (s->flags[r] & (1u << i))
			s->nflag[i] += sign;
	if (!(s->info[r] & INFO_HAS_TARGET))
		return;
	s->ntarget += sign;
	if (s->info[r] & INFO_SOFT)
		s->nsoft += sign;
	else if (s->k >= 2 && s->tgt[r] >= 0)
		s->nclass[s->tgt[r]] += sign;
	if (s->info[r] & INFO_CORRECT)
		s->ncorrect += sign;
}

/* Row R's share of the mean's numerator. */
static double
sheet_leaf(const struct sheet *s, long r)
{
	return (s->info[r] & INFO_HAS_TARGET) ? s->loss[r] : 0;
}

/* Sets leaf R of the loss tree and redoes its ancestors: O(log N), and no
 * drift, since each node is recomputed from its children. */
static void
sheet_tree_set(struct sheet *s, long r)
{
	long i = s->leaves + r;

	s->tree[i] = sheet_leaf(s, r);
	for (i /= 2; i >= 1; i /= 2)
		s->tree[i] = s->tree[2 * i] + s->tree[2 * i + 1];
}

/* Rebuilds the loss tree for the current row count; -1 on ENOMEM. */
static int
sheet_tree_build(struct sheet *s)
{
	long leaves = 1, i;
	double *t;

	while (leaves < s->n)
		leaves *= 2;
	if (leaves != s->leaves || s->tree == NULL) {
		if ((t = realloc(s->tree, 2 * leaves * sizeof(double))) == NULL)
			return -1;
		s->tree = t;
		s->leaves = leaves;
	}
	for (i = 0; i < leaves; i++)
		s->tree[leaves + i] = i < s->n ? sheet_leaf(s, i) : 0;
	for (i = leaves - 1; i >= 1; i--)
		s->tree[i] = s->tree[2 * i] + s->tree[2 * i + 1];
	return 0;
}

/* Takes row R out of the totals, before its inputs change. */
static void
sheet_row_begin(struct sheet *s, long r)
{
	sheet_count(s, r, -1);
}

/* Recomputes row R after its inputs changed and puts it back in. */
static void
sheet_row_end(struct sheet *s, long r)
{
	sheet_row_compute(s, r);
	sheet_count(s, r, 1);
	sheet_tree_set(s, r);
}

void
sheet_recompute(struct sheet *s)
{
	long r;

	memset(s->nflag, 0, sizeof(s->nflag));
	memset(s->nclass, 0, s->k * sizeof(long));
	s->ntarget = s->nsoft = s->ncorrect = 0;
	for (r = 0; r < s->n; r++) {
		sheet_row_compute(s, r);
		sheet_count(s, r, 1);
	}
	sheet_tree_build(s);
}

double
sheet_mean_loss(const struct sheet *s)
{
	double den = 0;
	int k;

	if (s->ntarget == 0)
		return NAN;
	if (s->nsoft > 0 || s->o.weights == NULL || s->k == 1)
		den = (double)s->ntarget;
	else
		for (k = 0; k < s->k; k++)
			den += s->o.weights[k] * (double)s->nclass[k];
	return s->tree[1] / den;
}

void
sheet_loss_sums(const struct sheet *s, struct sheet_sums *out)
{
	int k;

	out->sum = s->ntarget ? s->tree[1] : 0;
	out->targeted = s->ntarget;
	out->soft = s->nsoft;
	out->correct = s->ncorrect;
	out->wsum = 0;
	if (s->o.weights == NULL || s->k == 1)
		out->wsum = (double)s->ntarget;
	else
		for (k = 0; k < s->k; k++)
			out->wsum += s->o.weights[k] * (double)s->nclass[k];
}

double
sheet_accuracy(const struct sheet *s)
{
	return s->ntarget ? (double)s->ncorrect / (double)s->ntarget : NAN;
}

long
sheet_target_rows(const struct sheet *s)
{
	return s->ntarget;
}

long
sheet_flag_count(const struct sheet *s, unsigned flag)
{
	int i;

	for (i = 0; i < SHEET_NFLAGS; i++)
		if (flag == (1u << i))
			return s->nflag[i];
	return 0;
}

/* ------------------------------------------------------------------ */
/* Rows and classes                                                   */
/* ------------------------------------------------------------------ */

/* Fills row R's inputs; Y NULL means no target. */
static void
sheet_fill(struct sheet *s, long r, const double *a, const double *y,
    int label_index)
{
	memcpy(s->a + r * s->k, a, s->k * sizeof(double));
	if (y != NULL)
		memcpy(s->y + r * s->k, y, s->k * sizeof(double));
	else
		memset(s->y + r * s->k, 0, s->k * sizeof(double));
	s->info[r] = (y != NULL ? INFO_HAS_TARGET : 0) |
	    (label_index ? INFO_LABEL_INDEX : 0);
	s->flags[r] = 0;
}

long
sheet_append(struct sheet *s, const char *id, const double *a,
    const double *y, int label_index)
{
	long r = s->n;
	size_t off = 0;

	if (sheet_reserve(s, r + 1) < 0)
		return -1;
	if (id != NULL && *id != '\0' &&
	    (off = sheet_pool_add(s, id)) == (size_t)-1)
		return -1;
	sheet_fill(s, r, a, y, label_index);
	s->idoff[r] = off;
	s->n++;
	sheet_row_compute(s, r);
	sheet_count(s, r, 1);
	if (s->n > s->leaves || s->tree == NULL) {
		if (sheet_tree_build(s) < 0) {
			sheet_count(s, r, -1);
			s->n--;
			return -1;
		}
	} else
		sheet_tree_set(s, r);
	return r;
}

/* Opens a gap of one row before AT in every row array. */
static void
sheet_shift(struct sheet *s, long at, int dir)
{
	struct sheet_col c[SHEET_MAXCOLS];
	int i, nc = sheet_cols(s, c);
	char *base;
	size_t w;

	for (i = 0; i < nc; i++) {
		base = *c[i].ptr;
		w = c[i].width;
		if (dir > 0)
			memmove(base + (at + 1) * w, base + at * w,
			    (s->n - at) * w);
		else
			memmove(base + at * w, base + (at + 1) * w,
			    (s->n - at - 1) * w);
	}
}

int
sheet_insert_row(struct sheet *s, long at, long from)
{
	double *row;
	int k;

	if (at < 0 || at > s->n || sheet_reserve(s, s->n + 1) < 0)
		return -1;
	if (from >= at)
		from++;
	sheet_shift(s, at, 1);
	s->n++;
	if (from >= 0 && from < s->n) {
		memcpy(s->a + at * s->k, s->a + from * s->k,
		    s->k * sizeof(double));
		memcpy(s->y + at * s->k, s->y + from * s->k,
		    s->k * sizeof(double));
		s->info[at] = s->info[from];
		s->idoff[at] = s->idoff[from];
	} else {
		row = s->a + at * s->k;
		for (k = 0; k < s->k; k++)
			row[k] = s->o.mode == SHEET_PROBS ? 1.0 / s->k : 0;
		memset(s->y + at * s->k, 0, s->k * sizeof(double));
		s->y[at * s->k] = 1;
		s->info[at] = INFO_HAS_TARGET;
		s->idoff[at] = 0;
	}
	if (sheet_tree_build(s) < 0)
		return -1;
	sheet_recompute(s);
	return 0;
}

void
sheet_delete_row(struct sheet *s, long r)
{
	if (r < 0 || r >= s->n)
		return;
	sheet_shift(s, r, -1);
	s->n--;
	sheet_recompute(s);
}

/* Old class feeding new class J when class DROP is removed (DROP < 0: a
 * zero column is appended instead). */
static int
sheet_map(const struct sheet *s, int j, int drop)
{
	if (drop < 0)
		return j < s->k ? j : -1;
	return j < drop ? j : j + 1;
}

/* Rebuilds the per-class arrays without class DROP, or with one more class
 * at the end when DROP < 0; all-zero for the new class. */
static int
sheet_restride(struct sheet *s, int drop)
{
	int newk = drop < 0 ? s->k + 1 : s->k - 1, src;
	double **arr[5] = { &s->a, &s->y, &s->ex, &s->p, &s->lp };
	double *nv[5];
	long r, cap = s->cap ? s->cap : 1;
	int i, j;

	for (i = 0; i < 5; i++)
		if ((nv[i] = calloc(cap * newk, sizeof(double))) == NULL) {
			while (i-- > 0)
				free(nv[i]);
			return -1;
		}
	for (i = 0; i < 5; i++) {
		for (r = 0; r < s->n; r++)
			for (j = 0; j < newk; j++)
				if ((src = sheet_map(s, j, drop)) >= 0)
					nv[i][r * newk + j] =
					    (*arr[i])[r * s->k + src];
		free(*arr[i]);
		*arr[i] = nv[i];
	}
	return 0;
}

/* Resizes the per-class side arrays (names, counts, weights) to NEWK. */
static int
sheet_resize_classes(struct sheet *s, int newk)
{
	void *np;

	if ((np = realloc(s->names, newk * sizeof(char *))) == NULL)
		return -1;
	s->names = np;
	if ((np = realloc(s->nclass, newk * sizeof(long))) == NULL)
		return -1;
	s->nclass = np;
	if (s->o.weights != NULL) {
		if ((np = realloc(s->o.weights, newk * sizeof(double))) == NULL)
			return -1;
		s->o.weights = np;
	}
	return 0;
}

/* A binary row that gains a second class keeps its meaning: the new class
 * is "not the first", so sigmoid(a) becomes softmax(a, 0). */
static void
sheet_from_binary(struct sheet *s)
{
	long r;

	for (r = 0; r < s->n; r++) {
		s->a[r * 2 + 1] = s->o.mode == SHEET_PROBS ? 1 - s->a[r * 2] : 0;
		s->y[r * 2 + 1] = 1 - s->y[r * 2];
	}
}

int
sheet_add_class(struct sheet *s, const char *name)
{
	int oldk = s->k;
	char *copy;

	if (sheet_class_index(s, name) >= 0 || (copy = strdup(name)) == NULL)
		return -1;
	if (sheet_resize_classes(s, oldk + 1) < 0 ||
	    sheet_restride(s, -1) < 0) {
		free(copy);
		return -1;
	}
	s->names[oldk] = copy;
	if (s->o.weights != NULL)
		s->o.weights[oldk] = 1;
	s->k = oldk + 1;
	if (oldk == 1)
		sheet_from_binary(s);
	sheet_recompute(s);
	return 0;
}

/* 1 when row R has a target whose weight is all on class K: every other
 * class's weight is 0 and K's is not. */
static int
sheet_target_alone(const struct sheet *s, long r, int k)
{
	const double *y = s->y + r * s->k;
	int j;

	if (!(s->info[r] & INFO_HAS_TARGET) || y[k] == 0)
		return 0;
	for (j = 0; j < s->k; j++)
		if (j != k && y[j] != 0)
			return 0;
	return 1;
}

long
sheet_class_target_rows(const struct sheet *s, int k)
{
	long r, n = 0;

	if (k < 0 || k >= s->k)
		return 0;
	for (r = 0; r < s->n; r++)
		n += sheet_target_alone(s, r, k);
	return n;
}

/* Marks with INFO_ORPHAN the rows whose target is class K alone, which
 * lose their target when K goes. */
static void
sheet_mark_orphans(struct sheet *s, int k)
{
	long r;

	for (r = 0; r < s->n; r++)
		if (sheet_target_alone(s, r, k))
			s->info[r] |= INFO_ORPHAN;
}

/* Takes the target from the rows marked INFO_ORPHAN (DROP: or only clears
 * the mark): an all-zero target would read as the first class with a loss
 * of 0. */
static void
sheet_orphan_targets(struct sheet *s, int drop)
{
	long r;

	for (r = 0; r < s->n; r++) {
		if (!(s->info[r] & INFO_ORPHAN))
			continue;
		s->info[r] &= ~INFO_ORPHAN;
		if (drop)
			s->info[r] &= ~(INFO_HAS_TARGET | INFO_LABEL_INDEX);
	}
}

int
sheet_delete_class(struct sheet *s, int k)
{
	if (s->k <= 1 || k < 0 || k >= s->k)
		return -1;
	sheet_mark_orphans(s, k);
	if (sheet_restride(s, k) < 0) {
		sheet_orphan_targets(s, 0);
		return -1;
	}
	sheet_orphan_targets(s, 1);
	free(s->names[k]);
	memmove(s->names + k, s->names + k + 1, (s->k - k - 1) * sizeof(char *));
	if (s->o.weights != NULL)
		memmove(s->o.weights + k, s->o.weights + k + 1,
		    (s->k - k - 1) * sizeof(double));
	s->k--;
	if (s->k == 1) {
		/* Binary sheets take neither weights nor smoothing. */
		free(s->o.weights);
		s->o.weights = NULL;
		s->o.smoothing = 0;
	}
	sheet_recompute(s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Options                                                            */
/* ------------------------------------------------------------------ */

/* Checks the scalar options' ranges. */
static int
sheet_opts_range(const struct sheet_opts *o, char *err, size_t errlen)
{
	if (o->base != 0 && o->base != 2 && o->base != 10)
		snprintf(err, errlen, "base must be e, 2 or 10");
	else if (!(o->temperature > 0) || isinf(o->temperature))
		snprintf(err, errlen, "temperature must be a number above 0");
	else if (!(o->smoothing >= 0 && o->smoothing <= 1))
		snprintf(err, errlen, "label-smoothing must be between 0 and 1");
	else if (!(o->confident > 0 && o->confident <= 1))
		snprintf(err, errlen, "confident must be above 0 and at most 1");
	else
		return 0;
	return -1;
}

int
sheet_opts_check(const struct sheet *s, const struct sheet_opts *o,
    char *err, size_t errlen)
{
	int k;

	if (sheet_opts_range(o, err, errlen) < 0)
		return -1;
	if (o->mode == SHEET_PROBS && o->temperature != 1) {
		snprintf(err, errlen, "temperature applies to logits mode only");
		return -1;
	}
	if (s->k == 1 && (o->weights != NULL || o->smoothing != 0)) {
		snprintf(err, errlen, "weights and label-smoothing do not apply "
		    "to a binary sheet (one activation column)");
		return -1;
	}
	for (k = 0; o->weights != NULL && k < s->k; k++)
		if (!(o->weights[k] >= 0) || isinf(o->weights[k])) {
			snprintf(err, errlen, "weights must be numbers >= 0");
			return -1;
		}
	return 0;
}

int
sheet_set_opts(struct sheet *s, const struct sheet_opts *o, char *err,
    size_t errlen)
{
	double *w = NULL;

	if (sheet_opts_check(s, o, err, errlen) < 0)
		return -1;
	if (o->weights != NULL) {
		if ((w = malloc(s->k * sizeof(double))) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		memcpy(w, o->weights, s->k * sizeof(double));
	}
	free(s->o.weights);
	s->o = *o;
	s->o.weights = w;
	sheet_recompute(s);
	return 0;
}

const struct sheet_opts *
sheet_opts(const struct sheet *s)
{
	return &s->o;
}

void
sheet_set_title(struct sheet *s, const char *title)
{
	char *t = title != NULL ? strdup(title) : NULL;

	free(s->title);
	s->title = t;
}

const char *
sheet_title(const struct sheet *s)
{
	return s->title != NULL ? s->title : "";
}

void
sheet_set_target_style(struct sheet *s, enum sheet_targets t)
{
	s->tstyle = t;
}

enum sheet_targets
sheet_target_style(const struct sheet *s)
{
	return s->tstyle;
}

/* ------------------------------------------------------------------ */
/* Edits                                                              */
/* ------------------------------------------------------------------ */

void
sheet_set_act(struct sheet *s, long r, int k, double v)
{
	sheet_row_begin(s, r);
	s->a[r * s->k + k] = v;
	sheet_row_end(s, r);
}

void
sheet_set_y(struct sheet *s, long r, int k, double v)
{
	sheet_row_begin(s, r);
	s->y[r * s->k + k] = v;
	s->info[r] |= INFO_HAS_TARGET;
	s->info[r] &= ~INFO_LABEL_INDEX;
	sheet_row_end(s, r);
}

void
sheet_set_target(struct sheet *s, long r, int k)
{
	double *y = s->y + r * s->k;

	sheet_row_begin(s, r);
	memset(y, 0, s->k * sizeof(double));
	s->info[r] &= ~INFO_LABEL_INDEX;
	if (k < 0)
		s->info[r] &= ~INFO_HAS_TARGET;
	else {
		/* A binary sheet's "other outcome" is target 0. */
		y[s->k == 1 ? 0 : k] = s->k == 1 && k == 1 ? 0 : 1;
		s->info[r] |= INFO_HAS_TARGET;
	}
	sheet_row_end(s, r);
}

int
sheet_normalize_row(struct sheet *s, long r)
{
	double *a = s->a + r * s->k, sum = 0;
	int k;

	for (k = 0; k < s->k; k++)
		sum += a[k];
	if (sum == 0 || !isfinite(sum))
		return -1;
	sheet_row_begin(s, r);
	for (k = 0; k < s->k; k++)
		a[k] /= sum;
	sheet_row_end(s, r);
	return 0;
}

unsigned
sheet_row_get(const struct sheet *s, long r, double *a, double *y)
{
	memcpy(a, s->a + r * s->k, s->k * sizeof(double));
	memcpy(y, s->y + r * s->k, s->k * sizeof(double));
	return ((s->info[r] & INFO_HAS_TARGET) ? SHEET_ROW_TARGET : 0) |
	    ((s->info[r] & INFO_LABEL_INDEX) ? SHEET_ROW_INDEX : 0);
}

void
sheet_row_set(struct sheet *s, long r, const double *a, const double *y,
    unsigned bits)
{
	sheet_row_begin(s, r);
	memcpy(s->a + r * s->k, a, s->k * sizeof(double));
	memcpy(s->y + r * s->k, y, s->k * sizeof(double));
	s->info[r] = ((bits & SHEET_ROW_TARGET) ? INFO_HAS_TARGET : 0) |
	    ((bits & SHEET_ROW_INDEX) ? INFO_LABEL_INDEX : 0);
	sheet_row_end(s, r);
}

int
sheet_set_id(struct sheet *s, long r, const char *id)
{
	size_t off = 0;

	if (id != NULL && *id != '\0' &&
	    (off = sheet_pool_add(s, id)) == (size_t)-1)
		return -1;
	s->idoff[r] = off;
	return 0;
}

/* Copies N bytes of SRC into a new allocation; NULL stays NULL. */
static void *
sheet_dup(const void *src, size_t n)
{
	void *d;

	if (src == NULL || (d = malloc(n ? n : 1)) == NULL)
		return NULL;
	return memcpy(d, src, n);
}

struct sheet *
sheet_clone(const struct sheet *s)
{
	struct sheet_col c[SHEET_MAXCOLS], d[SHEET_MAXCOLS];
	struct sheet *t;
	int i, nc;

	if ((t = sheet_new(s->k, (const char *const *)s->names)) == NULL)
		return NULL;
	if (sheet_reserve(t, s->n) < 0)
		goto fail;
	nc = sheet_cols((struct sheet *)s, c);
	sheet_cols(t, d);
	for (i = 0; i < nc && s->n > 0; i++)
		memcpy(*d[i].ptr, *c[i].ptr, c[i].width * s->n);
	free(t->pool);
	if ((t->pool = sheet_dup(s->pool, s->poolcap)) == NULL)
		goto fail;
	t->poollen = s->poollen;
	t->poolcap = s->poolcap;
	t->n = s->n;
	t->tstyle = s->tstyle;
	sheet_set_title(t, s->title);
	if (sheet_set_opts(t, &s->o, NULL, 0) < 0)
		goto fail;
	return t;
fail:
	sheet_free(t);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                          */
/* ------------------------------------------------------------------ */

long sheet_rows(const struct sheet *s) { return s->n; }
int sheet_classes(const struct sheet *s) { return s->k; }
int sheet_is_binary(const struct sheet *s) { return s->k == 1; }

const char *
sheet_class_name(const struct sheet *s, int k)
{
	return k >= 0 && k < s->k ? s->names[k] : "";
}

int
sheet_class_index(const struct sheet *s, const char *name)
{
	int k;

	for (k = 0; k < s->k; k++)
		if (strcmp(s->names[k], name) == 0)
			return k;
	return -1;
}

const char *
sheet_id(const struct sheet *s, long r)
{
	return s->pool + s->idoff[r];
}

int
sheet_label_index(const struct sheet *s, long r)
{
	return (s->info[r] & INFO_LABEL_INDEX) != 0;
}

double sheet_act(const struct sheet *s, long r, int k)
{ return s->a[r * s->k + k]; }
double sheet_y(const struct sheet *s, long r, int k)
{ return s->y[r * s->k + k]; }
double sheet_exp(const struct sheet *s, long r, int k)
{ return s->ex[r * s->k + k]; }
double sheet_p(const struct sheet *s, long r, int k)
{ return s->p[r * s->k + k]; }
double sheet_sum(const struct sheet *s, long r) { return s->sum[r]; }
double sheet_loss(const struct sheet *s, long r) { return s->loss[r]; }
double sheet_if_form(const struct sheet *s, long r) { return s->iff[r]; }
double sheet_plain(const struct sheet *s, long r) { return s->plain[r]; }
unsigned sheet_flags(const struct sheet *s, long r) { return s->flags[r]; }
int sheet_pred(const struct sheet *s, long r) { return s->pred[r]; }
int sheet_target(const struct sheet *s, long r) { return s->tgt[r]; }

int
sheet_has_target(const struct sheet *s, long r)
{
	return (s->info[r] & INFO_HAS_TARGET) != 0;
}

double
sheet_naive_p(const struct sheet *s, long r, int k)
{
	if (s->o.mode == SHEET_PROBS)
		return s->p[r * s->k + k];
	return s->ex[r * s->k + k] / s->sum[r];
}

double
sheet_neglog(const struct sheet *s, long r, int k)
{
	return -s->lp[r * s->k + k] / sheet_lnbase(s);
}

void
sheet_other(const struct sheet *s, long r, struct sheet_other *o)
{
	double np, nq;

	if (s->k != 1) {
		*o = (struct sheet_other){ NAN, NAN, NAN, NAN, NAN, NAN };
		return;
	}
	sheet_binary_nats(s, r, &np, &nq);
	o->act = s->o.mode == SHEET_PROBS ? 1 - s->a[r] : 0;
	o->exp = s->o.mode == SHEET_PROBS ? NAN : 1;
	o->p = 1 - s->p[r];
	o->naive = s->o.mode == SHEET_PROBS ? o->p : 1 / s->sum[r];
	o->y = 1 - s->y[r];
	o->neglog = nq / sheet_lnbase(s);
}

double
sheet_p_total(const struct sheet *s, long r)
{
	double total = 0;
	int k;

	for (k = 0; k < s->k; k++)
		total += s->p[r * s->k + k];
	return s->k == 1 ? total + (1 - s->p[r]) : total;
}

const char *
sheet_outcome_name(const struct sheet *s, int c, char *buf, size_t len)
{
	if (c < 0)
		snprintf(buf, len, "%s", "");
	else if (s->k == 1 && c == 1)
		snprintf(buf, len, "not_%s", s->names[0]);
	else
		snprintf(buf, len, "%s", sheet_class_name(s, c));
	return buf;
}
