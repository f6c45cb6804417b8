/*
 * testutil.h - helpers shared by the Check suites.
 */
#ifndef XENT_TESTS_TESTUTIL_H
#define XENT_TESTS_TESTUTIL_H

#include <check.h>
#include <math.h>

/* Asserts that A and B agree within REL relative (absolute near zero);
 * infinities must match exactly and NaN only matches NaN. */
#define ck_assert_close(a, b, rel) do {					\
	double ca_ = (a), cb_ = (b), cm_ = fmax(fabs(ca_), fabs(cb_));	\
	if (isnan(ca_) || isnan(cb_))					\
		ck_assert_msg(isnan(ca_) && isnan(cb_),			\
		    "%s = %.17g, expected %.17g", #a, ca_, cb_);	\
	else if (isinf(ca_) || isinf(cb_))				\
		ck_assert_msg(ca_ == cb_,				\
		    "%s = %.17g, expected %.17g", #a, ca_, cb_);	\
	else								\
		ck_assert_msg(fabs(ca_ - cb_) <= (rel) * fmax(cm_, 1e-300), \
		    "%s = %.17g, expected %.17g", #a, ca_, cb_);	\
} while (0)

struct sheet;
struct ctl;

/* A controller over the built-in default sheet; asserts it could be made. */
struct ctl *tu_ctl_default(void);

/* A K-class sheet named NAMES in MODE (0 logits, 1 probs) and BASE (0 for
 * e, 2, 10), with no rows; asserts that it could be made. */
struct sheet *tu_sheet(int k, const char *const *names, int mode, int base);

/* Appends activations A (K of them) with one-hot target T (-1: none);
 * returns the new row's index. */
long tu_row(struct sheet *s, const double *a, int t);

/* Sets option NAME (base, temperature, smoothing, confident) of S to V
 * through a copy of its options; returns what sheet_set_opts does. */
int tu_opt(struct sheet *s, const char *name, double v);

/* Runs CMD through the shell with INPUT (may be NULL) on its standard
 * input; fills malloc'd OUT and ERR and returns the exit status (-1 when it
 * could not run). */
int tu_run(const char *cmd, const char *input, char **out, char **err);

/* Path of the xent binary under test: $XENT, or ./xent. */
const char *tu_xent(void);

/* The folder of the spreadsheets' cell dumps: $XENT_REFERENCE, or
 * tests/reference (make check runs from the top of the tree). */
const char *tu_reference(void);

/* The folder for the tests' files: $XENT_TEST_TMP (which the runner makes
 * and removes), or /tmp. */
const char *tu_tmp(void);

/* Writes TEXT to a new file in a fresh temporary folder; returns its path
 * (static storage, overwritten by the next call). */
const char *tu_write_temp(const char *name, const char *text);

/* The whole of file PATH as a string to free (asserts it can be read). */
char *tu_read_file(const char *path);

#endif
