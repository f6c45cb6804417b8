/*
 * stats.h - the whole-set figures of a validation set: calibration (Guo
 * et al. 2017), per-class figures, the confusion matrix and its most
 * confused pairs, likely label errors by confident learning (Northcutt et
 * al. 2021), and the temperature that minimises the NLL.
 *
 * Every figure is over the rows with a hard target and a prediction: a
 * one-hot target (or a class index), and probabilities that are not all
 * NaN.  Rows without a target, rows whose target is soft (not one-hot:
 * flag not_one_hot, which label smoothing as an option is not) and rows
 * whose probabilities are all NaN are left out of everything here, since
 * a soft target has no one true class to be right or wrong about; the
 * sheet's own mean loss still counts soft rows (sheet_mean_loss).
 * stats_rows() gives how many rows the figures are over.
 *
 * The classes are the sheet's K, or on a binary sheet its two outcomes:
 * the class (0) and not_CLASS (1).  stats_outcomes() gives that count;
 * arrays indexed by class have that many entries.  Probabilities are the
 * sheet's, with its temperature (probs mode: as typed, never
 * renormalised).  The NLL is in nats whatever the base, and is the plain
 * -ln p(label), without label smoothing or class weights.  Pure: no I/O.
 */
#ifndef XENT_CORE_STATS_H
#define XENT_CORE_STATS_H

#include <stddef.h>

#include "core/sheet.h"

/* The default number of confidence bins. */
#define STATS_BINS	15

/* The number of classes the figures index: K, or 2 on a binary sheet. */
int stats_outcomes(const struct sheet *s);

/* 1 when row R counts here: a hard target and a prediction. */
int stats_row_counts(const struct sheet *s, long r);

/* The number of rows that count. */
long stats_rows(const struct sheet *s);

/* One confidence bin: confidences in (lo, hi] (the first also lo). */
struct stats_bin {
	double	lo, hi;
	long	count;
	double	conf, acc;	/* means; NAN when count == 0 */
};

/* The reliability table and the figures that go with it. */
struct stats_calib {
	int		  nbins;
	struct stats_bin *bins;		/* nbins of them */
	long		  rows;		/* rows that count */
	double		  accuracy;	/* NaN when rows == 0, as all below */
	double		  ece;		/* sum_m |B_m|/n |acc - conf| */
	double		  mce;		/* max over non-empty bins */
	double		  nll;		/* mean -ln p(label), nats */
	double		  brier;	/* mean sum_k (p_k - y_k)^2 */
};

/* Fills OUT over NBINS (>= 1) equal-width bins of the top probability,
 * bin m holding ((m-1)/M, m/M] and the first also 0 (a confidence past 1,
 * in probs mode, goes in the last; below 0 in the first).  0, or -1 (no
 * memory, or NBINS < 1; OUT zeroed). */
int stats_calibration(const struct sheet *s, int nbins,
    struct stats_calib *out);

/* The same figures with the probabilities softmax(a / T) of the raw
 * activations, as if the temperature setting were T (logits mode; -1 in
 * probs mode), over the rows the temperature fit uses (those with a
 * non-finite activation left out). */
int stats_calibration_at(const struct sheet *s, int nbins, double t,
    struct stats_calib *out);

/* Frees C's bins (C itself is the caller's); NULL is allowed. */
void stats_calib_free(struct stats_calib *c);

/* The bin of confidence C among N (>= 1) equal-width bins, by the rule
 * above: bin m holds ((m-1)/N, m/N] with the edges as doubles, the first
 * also at or below 0 (and NaN), the last also past 1. */
int stats_bin_of(double c, int n);

/* One row's part in the reliability bins. */
struct stats_part {
	int	counts;		/* the row counts (stats_row_counts) */
	double	conf;		/* its top probability */
	int	correct;	/* predicted right */
};

/* Row R's part, with the sheet's probabilities. */
struct stats_part stats_part(const struct sheet *s, long r);

/* One bin's sums. */
struct stats_sum {
	long	count;
	double	conf;		/* of the confidences */
	long	correct;
};

/* The bins' sums over the rows that count, from which stats_calibration
 * makes its bins, accuracy, ECE and MCE: an edit moves one row's part in
 * O(1), so a picture of them can follow every edit. */
struct stats_sums {
	int		  nbins;
	struct stats_sum *bins;		/* nbins of them */
	long		  rows;
};

/* K with NBINS empty bins; 0, or -1 (no memory, or NBINS < 1; K zeroed). */
int stats_sums_init(struct stats_sums *k, int nbins);

/* Frees K's bins (K itself is the caller's); NULL is allowed. */
void stats_sums_free(struct stats_sums *k);

/* Empties K's bins and sums every row of S into them. */
void stats_sums_build(struct stats_sums *k, const struct sheet *s);

/* Adds part P to K SIGN times (1, or -1 to take it out again). */
void stats_sums_add(struct stats_sums *k, struct stats_part p, int sign);

/* One row's part went from BEFORE to AFTER. */
void stats_sums_move(struct stats_sums *k, struct stats_part before,
    struct stats_part after);

/* The figures of K into OUT, whose bins (OUT->bins) have room for
 * K->nbins: the bins, rows, accuracy, ECE and MCE; OUT's nll and brier,
 * which are not sums of parts, are NaN. */
void stats_sums_figures(const struct stats_sums *k, struct stats_calib *out);

/* One class's figures (NaN where a count under it is 0). */
struct stats_class {
	long	support;	/* rows labelled with it */
	double	recall;		/* of those, predicted right: its accuracy */
	double	precision;	/* of the rows predicted as it, right */
	double	mean_loss;	/* the sheet's loss, over its rows */
	double	loss_share;	/* its rows' loss / every counted row's */
	double	mean_conf;	/* the top probability, over its rows */
};

/* Fills OUT[stats_outcomes(S)]; returns that count, or -1 (no memory). */
int stats_classes(const struct sheet *s, struct stats_class *out);

/* The K x K counts, [label * K + pred] with K = stats_outcomes(S), in a
 * malloc'd array the caller frees; NULL when out of memory. */
long *stats_confusion(const struct sheet *s);

/* One off-diagonal cell of the confusion matrix. */
struct stats_pair {
	int	label, pred;
	long	count;
};

/* Writes up to MAX non-empty pairs with label != pred into OUT, largest
 * count first (ties: label, then pred, ascending); returns how many, or
 * -1 (no memory).  stats_confused_pairs gives how many there are. */
long stats_most_confused(const struct sheet *s, struct stats_pair *out,
    long max);

/* The number of non-empty off-diagonal cells; -1 (no memory). */
long stats_confused_pairs(const struct sheet *s);

/* A likely label error. */
struct stats_issue {
	long	row;		/* the sheet's row */
	int	suggested;	/* the class the model suggests */
	double	self_conf;	/* p(label) */
};

/* Confident learning (cleanlab's filter_by='confident_learning'): per
 * class j the threshold t_j is the mean of p_j over the rows labelled j
 * (no such row: no class passes it).  For a row labelled i the classes
 * with p_j >= t_j - 1e-6 pass; none: the row is not counted; one: that is
 * the suggested class; several: the row's argmax over all classes is.
 * The row is a likely error when the suggested class and the argmax are
 * both not i.  *OUT gets a malloc'd list by self_conf ascending (ties in
 * row order; NULL when empty), to free; returns its length, or -1 (no
 * memory, *OUT NULL). */
long stats_label_issues(const struct sheet *s, struct stats_issue **out);

/* The number of rows stats_label_issues lists, without the list; -1 (no
 * memory). */
long stats_label_issue_count(const struct sheet *s);

/* The thresholds t_j above into T[stats_outcomes(S)]; 0 or -1. */
int stats_thresholds(const struct sheet *s, double *t);

/* The temperature T in [0.01, 100] that minimises the mean NLL of
 * softmax(a / T) over the counted rows (logits mode; rows with a
 * non-finite activation are left out), to 1e-6 relative: Newton's method
 * on 1/T, where the NLL is convex, kept inside a shrinking bracket.
 * *NLL_BEFORE is the NLL at the sheet's temperature, *NLL_AFTER at T (any
 * may be NULL).  0, or -1 (probs mode, no row, no memory). */
int stats_fit_temperature(const struct sheet *s, double *t,
    double *nll_before, double *nll_after);

/* stats_fit_temperature, and into AFTER the calibration over NBINS bins
 * at the temperature found (the rows of stats_calibration_at, from the
 * fit's own last pass: no pass more).  -1 as stats_fit_temperature, with
 * AFTER zeroed. */
int stats_fit_calibrated(const struct sheet *s, int nbins, double *t,
    double *nll_before, double *nll_after, struct stats_calib *after);

#endif
