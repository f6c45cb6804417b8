/*
 * explain.c - plain words for what a row's numbers mean; see explain.h.
 *
 * Every sentence is built from the row's own values through the sheet's
 * accessors and rounded for reading.  explain_row writes plain ASCII (only
 * the class names may carry other characters), so it reads on any screen;
 * the flag tags and the sheet line have a UTF-8 variant.  Text that does
 * not fit is cut at a character boundary and always terminated.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/explain.h"
#include "core/num.h"
#include "core/sheet.h"

/* Significant digits of every number in the text. */
#define EXPLAIN_DIGITS	4
/* Relative difference below which two losses read as the same. */
#define EXPLAIN_SAME	1e-9
/* Room for a class name with its p( ) or 1 - p( ) around it. */
#define EXPLAIN_LABELSZ	256

/* Where the text goes: BUF of LEN bytes, USED of them written. */
struct explain_out {
	char	*buf;
	size_t	 len;
	size_t	 used;
	int	 full;		/* cut short: nothing more is added */
};

/* The row being explained and where its words go. */
struct explain_ctx {
	const struct sheet	*s;
	long			 r;
	int			 k;	/* classes; 1 = binary sheet */
	int			 nout;	/* outcomes: k, or 2 on a binary sheet */
	const char		*log;	/* "ln", "log2" or "log10" */
	struct explain_out	*o;
};

/* A number rounded for reading, returned by value for use in one call;
 * room for "exp(-" and ")" around one too. */
struct explain_num {
	char	s[NUM_BUFSZ + 8];
};

/* One flag's sentence writer, in order of importance. */
struct explain_rule {
	unsigned	bit;
	void		(*say)(const struct explain_ctx *x);
};

/* Short tags by flag bit number: ASCII, then UTF-8. */
static const char *const explain_tags[2][SHEET_NFLAGS] = {
	{ "SUM!=1", "RANGE", "SOFT", "LOG0", "FORMS", "CONF-WR", "OVFL",
	    "NAN" },
	{ "\xce\xa3\xe2\x89\xa0" "1", "\xe2\x88\x89[0,1]", "soft", "log0",
	    "forms\xe2\x89\xa0", "\xe2\x9c\x97" "conf", "exp\xe2\x88\x9e",
	    "NaN" },
};

static void explain_fmt(struct explain_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Cuts O's text back so that it ends on a whole UTF-8 character. */
static void
explain_cut(struct explain_out *o, size_t from)
{
	size_t i = o->len - 1, need;
	unsigned char c;

	o->buf[i] = '\0';
	o->full = 1;
	while (i > from && ((unsigned char)o->buf[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == from)
		return;
	c = (unsigned char)o->buf[i - 1];
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if ((o->len - 1) - (i - 1) < need)
		o->buf[i - 1] = '\0';
	o->used = strlen(o->buf);
}

/* Appends printf-style text to O; what does not fit is dropped. */
static void
explain_fmt(struct explain_out *o, const char *fmt, ...)
{
	size_t room = o->len - o->used;
	va_list ap;
	int n;

	if (o->full || room <= 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->used, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		o->buf[o->used] = '\0';
	else if ((size_t)n < room)
		o->used += (size_t)n;
	else
		explain_cut(o, o->used);
}

/* X rounded to EXPLAIN_DIGITS significant digits, C locale, no "-0". */
static struct explain_num
explain_n(double x)
{
	struct explain_num n;

	num_format_round(n.s, sizeof(n.s), x, EXPLAIN_DIGITS);
	return n;
}

/* The name of the sheet's logarithm. */
static const char *
explain_logname(const struct sheet *s)
{
	int base = sheet_opts(s)->base;

	return base == 2 ? "log2" : base == 10 ? "log10" : "ln";
}

/* The natural log of the sheet's base, to turn nats into its unit. */
static double
explain_lnbase(const struct sheet *s)
{
	int base = sheet_opts(s)->base;

	return base == 2 ? log(2.0) : base == 10 ? log(10.0) : 1.0;
}

/* Probability P for reading; when it underflows to 0 while its -log NL
 * is finite, as exp(-nats), so that "-ln p = loss" still reads right. */
static struct explain_num
explain_pn(const struct sheet *s, double p, double nl)
{
	struct explain_num n;
	char nats[NUM_BUFSZ];

	if (p != 0 || !isfinite(nl))
		return explain_n(p);
	num_format_round(nats, sizeof(nats), nl * explain_lnbase(s),
	    EXPLAIN_DIGITS);
	snprintf(n.s, sizeof(n.s), "exp(-%s)", nats);
	return n;
}

/* -log of outcome C in the sheet's base (binary C 1: of 1 - p). */
static double
explain_neglog(const struct explain_ctx *x, int c)
{
	const struct sheet_opts *op = sheet_opts(x->s);
	double a;

	if (x->k >= 2 || c == 0)
		return sheet_neglog(x->s, x->r, c);
	a = sheet_act(x->s, x->r, 0);
	if (op->mode == SHEET_PROBS)
		return -log1p(-a) / explain_lnbase(x->s);
	return num_softplus(a / op->temperature) / explain_lnbase(x->s);
}

/* The probability of outcome C (binary C 1: 1 - p, kept exact). */
static double
explain_p(const struct explain_ctx *x, int c)
{
	if (x->k >= 2 || c == 0)
		return sheet_p(x->s, x->r, c);
	if (sheet_opts(x->s)->mode == SHEET_PROBS)
		return 1 - sheet_p(x->s, x->r, 0);
	return exp(-explain_neglog(x, 1) * explain_lnbase(x->s));
}

/* Writes "p(cat)", or "1 - p(cat)" for a binary sheet's other outcome. */
static const char *
explain_label(const struct explain_ctx *x, int c, char *buf, size_t len)
{
	int other = x->k == 1 && c == 1;

	snprintf(buf, len, "%sp(%s)", other ? "1 - " : "",
	    sheet_class_name(x->s, x->k == 1 ? 0 : c));
	return buf;
}

/* Writes "-ln p(cat)" or "-ln(1 - p(cat))" for outcome C. */
static const char *
explain_logof(const struct explain_ctx *x, int c, char *buf, size_t len)
{
	const char *name = sheet_class_name(x->s, x->k == 1 ? 0 : c);

	if (x->k == 1 && c == 1)
		snprintf(buf, len, "-%s(1 - p(%s))", x->log, name);
	else
		snprintf(buf, len, "-%s p(%s)", x->log, name);
	return buf;
}

/* Ends a sentence about a NaN: whether the loss is NaN too. */
static void
explain_nan_loss(const struct explain_ctx *x)
{
	double loss = sheet_loss(x->s, x->r);

	if (!sheet_has_target(x->s, x->r))
		explain_fmt(x->o, ".");
	else if (isnan(loss))
		explain_fmt(x->o, ", and so is the loss.");
	else
		explain_fmt(x->o, "; the loss does not use it and is %s.",
		    explain_n(loss).s);
}

/* nan from activation K, which is NaN: what it spoils depends on the
 * mode, since a NaN logit spoils the whole softmax. */
static void
explain_nan_act(const struct explain_ctx *x, int k)
{
	const char *name = sheet_class_name(x->s, k);

	if (sheet_opts(x->s)->mode == SHEET_PROBS)
		explain_fmt(x->o, "p(%s) is NaN (not a number), so %s is NaN "
		    "too", name, x->k == 1 ? "1 - p" : "the sum");
	else if (x->k == 1)
		explain_fmt(x->o, "The logit for %s is NaN (not a number), so "
		    "p(%s) is NaN too", name, name);
	else
		explain_fmt(x->o, "The logit for %s is NaN (not a number), "
		    "which makes the softmax undefined: every probability is "
		    "NaN", name);
	explain_nan_loss(x);
}

/* nan, part one: an input that is not a number; 1 when one was named. */
static int
explain_nan_input(const struct explain_ctx *x)
{
	int k;

	for (k = 0; k < x->k; k++)
		if (isnan(sheet_act(x->s, x->r, k))) {
			explain_nan_act(x, k);
			return 1;
		}
	if (!sheet_has_target(x->s, x->r))
		return 0;
	for (k = 0; k < x->k; k++)
		if (isnan(sheet_y(x->s, x->r, k))) {
			explain_fmt(x->o, "The target for %s is NaN (not a "
			    "number), so the loss is NaN too.",
			    sheet_class_name(x->s, k));
			return 1;
		}
	return 0;
}

/* The first class whose logit is V (inf or -inf), or -1; N gets how
 * many there are. */
static int
explain_logit_is(const struct explain_ctx *x, double v, int *n)
{
	int k, first = -1;

	*n = 0;
	for (k = 0; k < x->k; k++)
		if (sheet_act(x->s, x->r, k) == v) {
			if (first < 0)
				first = k;
			(*n)++;
		}
	return first;
}

/* nan from infinite logits, whose softmax has no value; 1 when said. */
static int
explain_nan_infinite(const struct explain_ctx *x)
{
	int n, k = explain_logit_is(x, INFINITY, &n);

	if (x->k == 1 || sheet_opts(x->s)->mode != SHEET_LOGITS)
		return 0;
	if (k >= 0)
		explain_fmt(x->o, "%s of inf (%s's%s) make%s the softmax "
		    "undefined: subtracting the largest logit gives inf - inf, "
		    "so every probability is NaN (not a number)",
		    n > 1 ? "Logits" : "A logit", sheet_class_name(x->s, k),
		    n > 1 ? " and others" : "", n > 1 ? "" : "s");
	else if (explain_logit_is(x, -INFINITY, &n) >= 0 && n == x->k)
		explain_fmt(x->o, "Every logit is -inf, which makes the "
		    "softmax undefined: every exp is 0, and subtracting the "
		    "largest logit gives -inf - (-inf), so every probability "
		    "is NaN (not a number)");
	else
		return 0;
	explain_nan_loss(x);
	return 1;
}

/* nan: which input, or which computed number, is not a number. */
static void
explain_nan(const struct explain_ctx *x)
{
	char lab[EXPLAIN_LABELSZ];
	double p;
	int c;

	if (explain_nan_input(x) || explain_nan_infinite(x))
		return;
	for (c = 0; c < x->nout; c++) {
		p = explain_p(x, c);
		explain_label(x, c, lab, sizeof(lab));
		if (p < 0) {
			explain_fmt(x->o, "%s = %s is negative and has no "
			    "logarithm, so the loss is NaN (not a number).",
			    lab, explain_n(p).s);
			return;
		}
		if (isnan(p)) {
			explain_fmt(x->o, "%s came out NaN (not a number).",
			    lab);
			return;
		}
	}
	explain_fmt(x->o, "The loss came out NaN (not a number).");
}

/* 1 when the stable probabilities are NaN too, so that no stable form
 * saves the row. */
static int
explain_p_nan(const struct explain_ctx *x)
{
	return x->k >= 2 && isnan(sheet_p(x->s, x->r, 0));
}

/* overflow when no single exp is inf: the sum, or every exp, is off. */
static void
explain_overflow_sum(const struct explain_ctx *x, const char *fix)
{
	int n;

	if (sheet_sum(x->s, x->r) != 0)
		explain_fmt(x->o, "The exps add up past the largest double "
		    "(about 1.8e308), so the sum is inf and the naive softmax "
		    "exp/sum gives 0s; %s", fix);
	else if (explain_logit_is(x, -INFINITY, &n) >= 0 && n == x->k)
		explain_fmt(x->o, "Every exp is 0 (the logits are all -inf), "
		    "so the sum is 0 and the naive softmax exp/sum gives 0/0 "
		    "= NaN; %s", fix);
	else
		explain_fmt(x->o, "Every exp underflows to 0 (the logits are "
		    "all below about -745), so the sum is 0 and the naive "
		    "softmax exp/sum gives 0/0 = NaN; %s", fix);
}

/* overflow: exp too large (or too small) for a double, and the way out
 * (or why there is none). */
static void
explain_overflow(const struct explain_ctx *x)
{
	const char *fix = x->k == 1 ?
	    "xent uses a stable form (softplus) and stays exact." :
	    explain_p_nan(x) ?
	    "the stable softmax, which subtracts the largest logit first, "
	    "is NaN here too." :
	    "xent's probabilities subtract the largest logit first "
	    "(log-sum-exp) and stay exact.";
	const char *naive = x->k == 1 ? "sigmoid exp/(1 + exp)" :
	    "softmax exp/sum";
	double t = sheet_opts(x->s)->temperature, z;
	int k;

	for (k = 0; k < x->k; k++) {
		if (!isinf(sheet_exp(x->s, x->r, k)))
			continue;
		z = sheet_act(x->s, x->r, k) / t;
		if (isinf(z))
			explain_fmt(x->o, "exp(inf) is inf, so the sum is inf "
			    "and the naive %s gives NaN; %s", naive, fix);
		else
			explain_fmt(x->o, "exp(%s) overflows a double (above "
			    "about exp(709.78)), so exp and sum are inf and the "
			    "naive %s gives NaN; %s", explain_n(z).s, naive,
			    fix);
		return;
	}
	explain_overflow_sum(x, fix);
}

/* The outcome whose -log is infinite and counts in the loss, or -1. */
static int
explain_zero_outcome(const struct explain_ctx *x)
{
	int c, t = sheet_target(x->s, x->r);
	double w;

	for (c = 0; c < x->nout; c++) {
		if (x->k == 1)
			w = c == 0 ? sheet_y(x->s, x->r, 0) :
			    1 - sheet_y(x->s, x->r, 0);
		else
			w = sheet_y(x->s, x->r, c);
		if ((w != 0 || c == t) && explain_neglog(x, c) == INFINITY)
			return c;
	}
	return -1;
}

/* Why outcome C's probability is exactly 0 in logits mode: an infinite
 * logit ("" in probs mode, where 0 was given). */
static const char *
explain_zero_why(const struct explain_ctx *x, int c)
{
	double a = sheet_act(x->s, x->r, x->k == 1 ? 0 : c);

	if (sheet_opts(x->s)->mode != SHEET_LOGITS)
		return "";
	if (x->k == 1 && c == 1)
		return a == INFINITY ? " (the logit is inf)" : "";
	return a == -INFINITY ? " (its logit is -inf)" : "";
}

/* log_zero: the probability that is 0 and what that does to the loss. */
static void
explain_log_zero(const struct explain_ctx *x)
{
	char lab[EXPLAIN_LABELSZ], lg[EXPLAIN_LABELSZ];
	int c = explain_zero_outcome(x);

	if (c >= 0) {
		explain_fmt(x->o, "%s is 0%s, so %s is infinite%s",
		    explain_label(x, c, lab, sizeof(lab)), explain_zero_why(x, c),
		    explain_logof(x, c, lg, sizeof(lg)),
		    sheet_loss(x->s, x->r) == INFINITY ?
		    ", and so is the loss." : ": the IF form is infinite.");
		return;
	}
	if (x->k == 2 && sheet_if_form(x->s, x->r) == INFINITY) {
		explain_fmt(x->o, "1 - p(%s) is 0, so the IF form's -%s(1 - "
		    "p(%s)) is infinite.", sheet_class_name(x->s, 0), x->log,
		    sheet_class_name(x->s, 0));
		return;
	}
	for (c = 0; c < x->nout; c++)
		if (explain_neglog(x, c) == INFINITY)
			break;
	explain_fmt(x->o, "%s is 0, and label smoothing gives every class "
	    "some weight, so the loss is infinite.",
	    explain_label(x, c < x->nout ? c : 0, lab, sizeof(lab)));
}

/* out_of_range: the first probability outside [0, 1]. */
static void
explain_out_of_range(const struct explain_ctx *x)
{
	char lab[EXPLAIN_LABELSZ];
	double p;
	int k;

	for (k = 0; k < x->k; k++) {
		p = sheet_p(x->s, x->r, k);
		if (!(p < 0 || p > 1))
			continue;
		explain_label(x, k, lab, sizeof(lab));
		if (p == INFINITY)
			explain_fmt(x->o, "%s = inf is not a probability, and "
			    "-%s inf = -inf.", lab, x->log);
		else if (p > 1)
			explain_fmt(x->o, "%s = %s is above 1: not a "
			    "probability, and -%s of a number above 1 is "
			    "negative.", lab, explain_n(p).s, x->log);
		else
			explain_fmt(x->o, "%s = %s is below 0: not a "
			    "probability, and a negative number has no "
			    "logarithm.", lab, explain_n(p).s);
		return;
	}
	explain_fmt(x->o, "A probability is outside 0 to 1.");
}

/* not_normalized: what the probabilities add up to, and the remedy. */
static void
explain_not_normalized(const struct explain_ctx *x)
{
	double sum = 0;
	int k;

	for (k = 0; k < x->k; k++)
		sum += sheet_p(x->s, x->r, k);
	/* :normalize divides by the sum, so it cannot mend these. */
	if (sum == 0 || !isfinite(sum))
		explain_fmt(x->o, "The probabilities add up to %s, not 1, so "
		    "this loss means little, and :normalize cannot divide by "
		    "%s: change the values, or switch to logits (softmax makes "
		    "every row add up to 1).", explain_n(sum).s,
		    explain_n(sum).s);
	else
		explain_fmt(x->o, "The probabilities add up to %s, not 1, so "
		    "this loss means little: use :normalize, or switch to "
		    "logits (softmax makes every row add up to 1).",
		    explain_n(sum).s);
}

/* forms_disagree on a two-class probs row whose target is the second. */
static void
explain_forms_pair(const struct explain_ctx *x)
{
	const char *c0 = sheet_class_name(x->s, 0);
	const char *c1 = sheet_class_name(x->s, 1);

	explain_fmt(x->o, "The IF form used 1 - p(%s) = %s where the "
	    "cross-entropy form used p(%s) = %s (losses %s and %s).", c0,
	    explain_n(1 - sheet_p(x->s, x->r, 0)).s, c1,
	    explain_n(sheet_p(x->s, x->r, 1)).s,
	    explain_n(sheet_if_form(x->s, x->r)).s,
	    explain_n(sheet_plain(x->s, x->r)).s);
}

/* forms_disagree: what the IF form and the cross-entropy form each used. */
static void
explain_forms_disagree(const struct explain_ctx *x)
{
	unsigned f = sheet_flags(x->s, x->r);
	int t = sheet_target(x->s, x->r);
	char name[EXPLAIN_LABELSZ];

	if (!(f & FLAG_NOT_ONE_HOT) && x->k == 2 && t == 1 &&
	    sheet_opts(x->s)->mode == SHEET_PROBS) {
		explain_forms_pair(x);
		return;
	}
	if (f & FLAG_NOT_ONE_HOT) {
		explain_fmt(x->o, "The IF form looks only at the hard target "
		    "%s and gives %s; the cross-entropy form weighs every "
		    "class by its target and gives %s.",
		    sheet_outcome_name(x->s, t, name, sizeof(name)),
		    explain_n(sheet_if_form(x->s, x->r)).s,
		    explain_n(sheet_plain(x->s, x->r)).s);
		return;
	}
	explain_fmt(x->o, "The IF form gives %s but the cross-entropy form "
	    "gives %s.", explain_n(sheet_if_form(x->s, x->r)).s,
	    explain_n(sheet_plain(x->s, x->r)).s);
}

/* not_one_hot: how the soft target is spread. */
static void
explain_not_one_hot(const struct explain_ctx *x)
{
	double y, sum = 0;
	int k, n = 0;

	if (x->k == 1) {
		explain_fmt(x->o, "The target %s is neither 0 nor 1: a soft "
		    "target, so the loss mixes -%s p(%s) and -%s(1 - p(%s)).",
		    explain_n(sheet_y(x->s, x->r, 0)).s, x->log,
		    sheet_class_name(x->s, 0), x->log,
		    sheet_class_name(x->s, 0));
		return;
	}
	for (k = 0; k < x->k; k++) {
		y = sheet_y(x->s, x->r, k);
		sum += y;
		n += y != 0;
	}
	explain_fmt(x->o, "The target is not one-hot (it sums to %s over %d "
	    "class%s): a soft target, so the loss adds -%s p of each class "
	    "times its weight.", explain_n(sum).s, n, n == 1 ? "" : "es",
	    x->log);
}

/* confident_wrong: the confident prediction against the target. */
static void
explain_confident_wrong(const struct explain_ctx *x)
{
	int pred = sheet_pred(x->s, x->r), t = sheet_target(x->s, x->r);
	char pn[EXPLAIN_LABELSZ], tn[EXPLAIN_LABELSZ];
	struct explain_num pt;
	double nl;

	if (pred < 0 || t < 0) {
		explain_fmt(x->o, "Confident and wrong.");
		return;
	}
	nl = explain_neglog(x, t);
	pt = explain_pn(x->s, explain_p(x, t), nl);
	explain_fmt(x->o, "Confident and wrong: it predicts %s with p = %s, "
	    "but the target is %s (p = %s), so -%s %s = %s and the loss is "
	    "%s.", sheet_outcome_name(x->s, pred, pn, sizeof(pn)),
	    explain_n(explain_p(x, pred)).s,
	    sheet_outcome_name(x->s, t, tn, sizeof(tn)), pt.s, x->log, pt.s,
	    explain_n(nl).s, nl == INFINITY ? "infinite" : "large");
}

/* After the plain loss: options that change it, and a wrong prediction. */
static void
explain_plain_extra(const struct explain_ctx *x, int t, double nl)
{
	const struct sheet_opts *op = sheet_opts(x->s);
	double loss = sheet_loss(x->s, x->r);
	int pred = sheet_pred(x->s, x->r);
	char name[EXPLAIN_LABELSZ];

	if (num_differ(loss, nl, EXPLAIN_SAME))
		explain_fmt(x->o, " With %s the loss is %s.",
		    op->smoothing > 0 && op->weights != NULL ?
		    "label smoothing and class weights" :
		    op->smoothing > 0 ? "label smoothing" :
		    op->weights != NULL ? "class weights" : "the options",
		    explain_n(loss).s);
	if (pred >= 0 && pred != t)
		explain_fmt(x->o, " It predicts %s (p = %s), so the row counts "
		    "as wrong.", sheet_outcome_name(x->s, pred, name,
		    sizeof(name)), explain_n(explain_p(x, pred)).s);
}

/* An unflagged row: what its loss is made of, or its prediction. */
static void
explain_plain(const struct explain_ctx *x)
{
	int t = sheet_target(x->s, x->r), pred = sheet_pred(x->s, x->r);
	char name[EXPLAIN_LABELSZ], lab[EXPLAIN_LABELSZ];
	struct explain_num p;
	double nl;

	if (!sheet_has_target(x->s, x->r) || t < 0) {
		explain_fmt(x->o, "No target for this row: no loss");
		if (pred >= 0)
			explain_fmt(x->o, "; predicted %s (p = %s)",
			    sheet_outcome_name(x->s, pred, name, sizeof(name)),
			    explain_n(explain_p(x, pred)).s);
		explain_fmt(x->o, ".");
		return;
	}
	nl = explain_neglog(x, t);
	p = explain_pn(x->s, explain_p(x, t), nl);
	explain_fmt(x->o, "Target %s: %s = %s, loss = -%s %s = %s.",
	    sheet_outcome_name(x->s, t, name, sizeof(name)),
	    explain_label(x, t, lab, sizeof(lab)), p.s, x->log, p.s,
	    explain_n(nl).s);
	explain_plain_extra(x, t, nl);
}

/* The flags in order of importance, with what each one says. */
static const struct explain_rule explain_rules[] = {
	{ FLAG_NAN,		explain_nan },
	{ FLAG_OVERFLOW,	explain_overflow },
	{ FLAG_LOG_ZERO,	explain_log_zero },
	{ FLAG_OUT_OF_RANGE,	explain_out_of_range },
	{ FLAG_NOT_NORMALIZED,	explain_not_normalized },
	{ FLAG_FORMS_DISAGREE,	explain_forms_disagree },
	{ FLAG_NOT_ONE_HOT,	explain_not_one_hot },
	{ FLAG_CONFIDENT_WRONG,	explain_confident_wrong },
};

/* Says the one or two most important of row X's flags; 0 when none. */
static int
explain_flags(const struct explain_ctx *x)
{
	unsigned f = sheet_flags(x->s, x->r);
	size_t i;
	int said = 0;

	for (i = 0; i < sizeof(explain_rules) / sizeof(explain_rules[0]) &&
	    said < 2; i++) {
		if (!(f & explain_rules[i].bit))
			continue;
		if (said++)
			explain_fmt(x->o, " ");
		explain_rules[i].say(x);
	}
	return said;
}

/* See explain.h: the row's top flags in words, or its plain loss. */
char *
explain_row(const struct sheet *s, long r, char *buf, size_t len)
{
	struct explain_out o = { buf, len, 0, 0 };
	struct explain_ctx x;

	if (buf == NULL || len == 0)
		return buf;
	buf[0] = '\0';
	if (s == NULL || r < 0 || r >= sheet_rows(s)) {
		explain_fmt(&o, "No such row.");
		return buf;
	}
	x.s = s;
	x.r = r;
	x.k = sheet_classes(s);
	x.nout = x.k == 1 ? 2 : x.k;
	x.log = explain_logname(s);
	x.o = &o;
	if (!explain_flags(&x))
		explain_plain(&x);
	return buf;
}

/* See explain.h: the short tag of flag bit I. */
const char *
explain_flag_tag(int i, int utf8)
{
	if (i < 0 || i >= SHEET_NFLAGS)
		return "?";
	return explain_tags[utf8 != 0][i];
}

/* The sheet line's loss and accuracy part (rows with targets only). */
static void
explain_sheet_loss(const struct sheet *s, struct explain_out *o,
    const char *sep)
{
	long n = sheet_rows(s), nt = sheet_target_rows(s);
	struct explain_num acc;

	if (nt == 0) {
		explain_fmt(o, "%sno targets", sep);
		return;
	}
	if (nt < n)
		explain_fmt(o, "%s%ld with targets", sep, nt);
	num_format_round(acc.s, sizeof(acc.s), 100 * sheet_accuracy(s), 3);
	explain_fmt(o, "%smean loss %s%saccuracy %s%%", sep,
	    explain_n(sheet_mean_loss(s)).s, sep, acc.s);
}

/* See explain.h: rows, mean loss, accuracy and flag counts. */
char *
explain_sheet(const struct sheet *s, char *buf, size_t len, int utf8)
{
	struct explain_out o = { buf, len, 0, 0 };
	const char *sep = utf8 ? " \xc2\xb7 " : " | ";
	long n, c;
	int i;

	if (buf == NULL || len == 0)
		return buf;
	buf[0] = '\0';
	if (s == NULL)
		return buf;
	n = sheet_rows(s);
	explain_fmt(&o, "%ld row%s", n, n == 1 ? "" : "s");
	explain_sheet_loss(s, &o, sep);
	for (i = 0; i < SHEET_NFLAGS; i++) {
		c = sheet_flag_count(s, 1u << i);
		if (c > 0)
			explain_fmt(&o, "%s%ld %s", sep, c, sheet_flag_name(i));
	}
	return buf;
}
