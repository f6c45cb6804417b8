/*
 * report.h - `xent eval --report` (the whole-set views of a validation
 * set: accuracy, calibration, the fitted temperature, per-class figures,
 * the most confused pairs and the count of likely label errors) in text,
 * Markdown or JSON, and the table's rows as JSON Lines.
 *
 * The figures are the stats module's (src/core/stats.h); this module only
 * gathers and writes them.  JSON has no inf or NaN: such values are
 * written as null.
 */
#ifndef XENT_APP_REPORT_H
#define XENT_APP_REPORT_H

#include <stdio.h>

#include "core/stats.h"
#include "io/sheetfile.h"

/* The most confused pairs a report lists. */
#define REPORT_PAIRS	20

enum report_format { REPORT_TEXT, REPORT_MD, REPORT_JSON };

/* Every figure of one report. */
struct report {
	long			 rows;		/* the sheet's rows */
	double			 accuracy;	/* as --summary gives them */
	double			 mean_loss;
	struct stats_calib	 calib;		/* at the sheet's settings */
	int			 fitted;	/* 1: the three below are set */
	double			 temperature;	/* logits mode only */
	double			 nll_after;
	struct stats_calib	 after;		/* at that temperature */
	int			 k;		/* stats_outcomes */
	struct stats_class	*classes;	/* k of them */
	long			 npairs;
	struct stats_pair	 pairs[REPORT_PAIRS];
	long			 issues;	/* likely label errors */
};

/* Computes R for S with NBINS calibration bins.  0, or -1 when out of
 * memory (R freed). */
int report_compute(const struct sheet *s, int nbins, struct report *r);

/* Frees what R holds; R itself is the caller's. */
void report_free(struct report *r);

/* Writes R (computed from S) to F in FMT.  -1 on a write error. */
int report_write(FILE *f, const struct sheet *s, const struct report *r,
    enum report_format fmt);

/* Writes each row of S as one JSON object on a line: the input columns of
 * INFO (id and label as text, a label given as an index as a number),
 * then exp_CLASS (logits mode), sum, p_CLASS, pred, loss, if_form and
 * flags (a list of names).  -1 on a write error. */
int report_json_rows(FILE *f, const struct sheet *s,
    const struct sheetfile_info *info);

/* Writes `--summary`'s figures as one JSON object: rows, mean_loss,
 * accuracy, and each flag's count.  -1 on a write error. */
int report_json_totals(FILE *f, const struct sheetfile_totals *t);

/* Writes S as a JSON string, escaped. */
void report_json_str(FILE *f, const char *s);

/* Writes X in the shortest form that reads back the same, or null when X
 * is inf or NaN. */
void report_json_num(FILE *f, double x);

#endif
