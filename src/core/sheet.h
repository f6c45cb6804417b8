/*
 * sheet.h - the model: activations and targets in, every derived column out.
 *
 * A sheet is N rows of K classes held in a handful of contiguous arrays:
 * each row stores its K activations, its target as a class index (K
 * weights only when the target is soft), and a few scalars; exp, p and
 * log p are computed when a cell is asked for.  A million rows of ten
 * classes take about 122 bytes each.  Every change goes through a
 * sheet_set_* call, which recomputes the one row it touched in O(K) and
 * the sheet-wide mean in O(log N).  Settings that affect every row (mode,
 * base, options) recompute the sheet.
 *
 * Numbers follow PyTorch: the probabilities and the loss come from a stable
 * log-softmax; exp and sum are the naive, spreadsheet columns, which may
 * overflow.  The core never prints, never exits, and knows nothing of
 * terminals or files.
 */
#ifndef XENT_CORE_SHEET_H
#define XENT_CORE_SHEET_H

#include <stddef.h>
#include <stdint.h>

enum sheet_mode { SHEET_LOGITS, SHEET_PROBS };

/* How the file gave the targets; kept so that a save writes the same. */
enum sheet_targets {
	SHEET_TARGET_NONE, SHEET_TARGET_LABEL, SHEET_TARGET_ONEHOT
};

/* Row flags, one bit each; sheet_flag_name() gives the interface names. */
enum sheet_flag {
	FLAG_NOT_NORMALIZED	= 1 << 0,
	FLAG_OUT_OF_RANGE	= 1 << 1,
	FLAG_NOT_ONE_HOT	= 1 << 2,
	FLAG_LOG_ZERO		= 1 << 3,
	FLAG_FORMS_DISAGREE	= 1 << 4,
	FLAG_CONFIDENT_WRONG	= 1 << 5,
	FLAG_OVERFLOW		= 1 << 6,
	FLAG_NAN		= 1 << 7,
};
#define SHEET_NFLAGS 8

/* Every setting a sheet file or the command line can give. */
struct sheet_opts {
	enum sheet_mode	mode;		/* logits (softmax applied) or probs */
	int		base;		/* log base: 0 for e, 2 or 10 */
	double		temperature;	/* logits divided by this; 1 = off */
	double		smoothing;	/* label smoothing epsilon in [0, 1] */
	double		confident;	/* confident_wrong threshold */
	double	       *weights;	/* K class weights, or NULL for all 1 */
};

/* The defaults: logits, base e, T 1, no smoothing, confident 0.8. */
void sheet_opts_init(struct sheet_opts *o);

/* The interface name of flag bit number I (0-based), e.g. "log_zero". */
const char *sheet_flag_name(int i);

/* The bit for NAME, or 0 when NAME is no flag. */
unsigned sheet_flag_bit(const char *name);

/* Writes "a;b" style flag names for FLAGS into BUF; returns BUF. */
char *sheet_flags_format(char *buf, size_t len, unsigned flags);

struct sheet;

/* A sheet of K >= 1 classes named NAMES and no rows, with default options;
 * K == 1 is a binary sheet.  NULL when out of memory. */
struct sheet *sheet_new(int k, const char *const *names);

/* Frees S; NULL is allowed. */
void sheet_free(struct sheet *s);

/* Appends a row with label ID (NULL for none), activations A[K] and
 * targets Y[K] (NULL: no target).  LABEL_INDEX remembers that the file gave
 * the target as a class index, for echoing.  The row is recomputed.
 * Returns its index, or -1 when out of memory. */
long sheet_append(struct sheet *s, const char *id, const double *a,
    const double *y, int label_index);

/* Appends every row of T, which has S's classes and options (a block
 * read apart, on another thread), as they were computed there: the same
 * cells and totals as appending them one by one.  -1 when out of memory
 * or the classes or text columns differ (S keeps its rows as they
 * were, unless memory for the text cells ran out after them). */
int sheet_append_sheet(struct sheet *s, const struct sheet *t);

/* Appends a copy of row R of T, which has S's classes, options and text
 * columns, as it was computed there (its id, targets and text too).
 * Returns the new row's index, or -1 when out of memory or they differ. */
long sheet_append_row(struct sheet *s, const struct sheet *t, long r);

/* Inserts a copy of row FROM (or, with FROM < 0, a row of zero activations
 * and the first class as target) before row AT.  Returns 0, -1 on ENOMEM. */
int sheet_insert_row(struct sheet *s, long at, long from);

/* Deletes row R. */
void sheet_delete_row(struct sheet *s, long r);

/* Adds class NAME after the last one, with activation 0 and target 0 in
 * every row.  -1 when out of memory or NAME exists. */
int sheet_add_class(struct sheet *s, const char *name);

/* Deletes class K; refused (-1) when it is the last class.  A row whose
 * target was class K alone (one-hot on K) has no target afterwards; a soft
 * target just loses K's weight. */
int sheet_delete_class(struct sheet *s, int k);

/* Rows whose target is class K alone (one-hot on K): those that
 * sheet_delete_class(S, K) leaves without a target.  0 for a bad K. */
long sheet_class_target_rows(const struct sheet *s, int k);

/* --- options (each recomputes the whole sheet, when it changes one) --- */

/* Validates O against S: message in ERR and -1 when an option is out of
 * range or does not apply (temperature in probs mode, weights or smoothing
 * on a binary sheet, weights of the wrong count). */
int sheet_opts_check(const struct sheet *s, const struct sheet_opts *o,
    char *err, size_t errlen);

/* Replaces the options after sheet_opts_check; weights are copied. */
int sheet_set_opts(struct sheet *s, const struct sheet_opts *o, char *err,
    size_t errlen);

/* The options in force; the weights pointer belongs to S. */
const struct sheet_opts *sheet_opts(const struct sheet *s);

void sheet_set_title(struct sheet *s, const char *title);
const char *sheet_title(const struct sheet *s);

void sheet_set_target_style(struct sheet *s, enum sheet_targets t);
enum sheet_targets sheet_target_style(const struct sheet *s);

/* --- edits (recompute one row) --- */

/* Sets activation (R, K) to V. */
void sheet_set_act(struct sheet *s, long r, int k, double v);

/* Sets target weight (R, K) to V; other classes keep theirs (soft targets).
 * -1, and the row as it was, when out of memory. */
int sheet_set_y(struct sheet *s, long r, int k, double v);

/* Makes class K the one-hot target of row R; K < 0 removes the target. */
void sheet_set_target(struct sheet *s, long r, int k);

/* Row input bits for sheet_row_get/set. */
#define SHEET_ROW_TARGET	0x01	/* the row has a target */
#define SHEET_ROW_INDEX		0x02	/* the target was given as an index */

/* Copies row R's inputs into A[K] and Y[K]; returns its SHEET_ROW_* bits. */
unsigned sheet_row_get(const struct sheet *s, long r, double *a, double *y);

/* Replaces row R's inputs (for undo) and recomputes it.  -1, and the row
 * as it was, when out of memory. */
int sheet_row_set(struct sheet *s, long r, const double *a, const double *y,
    unsigned bits);

/* Sets row R's label; -1 when out of memory. */
int sheet_set_id(struct sheet *s, long r, const char *id);

/* A deep copy of S, or NULL when out of memory. */
struct sheet *sheet_clone(const struct sheet *s);

/* Divides row R's activations by their sum (probs mode): -1 if the sum is 0
 * or not finite. */
int sheet_normalize_row(struct sheet *s, long r);

/* --- text columns: per-row strings carried along, never computed --- */

/* Adds text column NAME, empty in every row.  Returns its index, or -1
 * when out of memory.  Rows inserted or appended start empty; a copied
 * row (sheet_insert_row with FROM) copies its text. */
int sheet_add_text(struct sheet *s, const char *name);

/* The number of text columns, and the name of column J ("" for a bad J). */
int sheet_texts(const struct sheet *s);
const char *sheet_text_name(const struct sheet *s, int j);

/* Row R's text in column J ("" when empty or out of range). */
const char *sheet_text(const struct sheet *s, long r, int j);

/* Sets row R's text in column J to V (NULL: empty); -1 when out of memory
 * or out of range. */
int sheet_set_text(struct sheet *s, long r, int j, const char *v);

/* --- shape and inputs --- */

long sheet_rows(const struct sheet *s);
int sheet_classes(const struct sheet *s);
int sheet_is_binary(const struct sheet *s);
const char *sheet_class_name(const struct sheet *s, int k);

/* The class named NAME, or -1. */
int sheet_class_index(const struct sheet *s, const char *name);

/* Row R's label ("" when it has none). */
const char *sheet_id(const struct sheet *s, long r);
int sheet_label_index(const struct sheet *s, long r);

double sheet_act(const struct sheet *s, long r, int k);
double sheet_y(const struct sheet *s, long r, int k);
int sheet_has_target(const struct sheet *s, long r);

/* --- derived columns --- */

/* exp(a/T), the naive spreadsheet column (logits mode; NaN in probs). */
double sheet_exp(const struct sheet *s, long r, int k);

/* Makes S, while empty, keep each logit's exp(a/T) as its rows are
 * computed, for sheet_exp to read rather than compute again: for a
 * writer of every cell (xent eval's table), at K doubles a row, which
 * the grid does not spend.  Dropped when a class is added or deleted.
 * -1 when out of memory or S has rows. */
int sheet_keep_exp(struct sheet *s);

/* The naive softmax exp_k / sum, which turns NaN when exp overflows. */
double sheet_naive_p(const struct sheet *s, long r, int k);

/* Probability of class K (for binary sheets: of the one class). */
double sheet_p(const struct sheet *s, long r, int k);

/* The row's exp sum (logits) or probability sum (probs). */
double sheet_sum(const struct sheet *s, long r);

/* -log p_k in the sheet's base: the penalty if K were the target. */
double sheet_neglog(const struct sheet *s, long r, int k);

/* Per-row loss with every option (PyTorch reduction='none'); NaN when the
 * row has no target. */
double sheet_loss(const struct sheet *s, long r);

/* The IF form on the hard target, without smoothing or weights. */
double sheet_if_form(const struct sheet *s, long r);

/* The plain sum-of-one-hot-times-log form, without smoothing or weights. */
double sheet_plain(const struct sheet *s, long r);

unsigned sheet_flags(const struct sheet *s, long r);

/* Predicted class: argmax p (for binary sheets 0 = the class, 1 = not);
 * -1 when every probability is NaN. */
int sheet_pred(const struct sheet *s, long r);

/* The hard target: argmax y (binary: 0 = the class, 1 = not); -1: none. */
int sheet_target(const struct sheet *s, long r);

/* A binary sheet's other outcome (not_<class>), as softmax(a, 0) sees
 * it: computed, never typed. */
struct sheet_other {
	double	act;		/* 1 - a in probs mode; 0, the pinned logit */
	double	exp;		/* exp(0) = 1 (NaN in probs mode) */
	double	p;		/* 1 - p */
	double	naive;		/* 1 / the exp sum */
	double	y;		/* 1 - the target */
	double	neglog;		/* -log(1 - p), computed without cancelling */
};

/* Fills O for row R of binary sheet S; every member NaN on a sheet with
 * more than one class. */
void sheet_other(const struct sheet *s, long r, struct sheet_other *o);

/* The probabilities of row R added up (a binary sheet's other outcome
 * included): 1 in logits mode, whatever was typed in probs mode. */
double sheet_p_total(const struct sheet *s, long r);

/* Name of the predicted/target class index C as returned above ("not_cat"
 * for a binary sheet's other outcome). */
const char *sheet_outcome_name(const struct sheet *s, int c, char *buf,
    size_t len);

/* --- the whole sheet --- */

/* PyTorch reduction='mean' over the rows that have targets; NaN when none. */
double sheet_mean_loss(const struct sheet *s);

/* The parts of the mean loss and accuracy, so that sheets holding blocks
 * of one file combine into that file's figures. */
struct sheet_sums {
	double	sum;		/* the targeted rows' losses, added */
	double	wsum;		/* their targets' class weights, added (the
				 * row count without weights) */
	long	targeted;	/* rows with a target */
	long	soft;		/* of those, not one-hot */
	long	correct;	/* of those, predicted right */
};

/* Fills OUT for S.  The mean is sum / (soft > 0 ? targeted : wsum), as
 * sheet_mean_loss gives it; the accuracy correct / targeted. */
void sheet_loss_sums(const struct sheet *s, struct sheet_sums *out);

/* Share of targeted rows whose prediction is the target; NaN when none. */
double sheet_accuracy(const struct sheet *s);

/* Rows with targets. */
long sheet_target_rows(const struct sheet *s);

/* Rows carrying flag bit FLAG. */
long sheet_flag_count(const struct sheet *s, unsigned flag);

/* Recomputes every row and the totals (after bulk changes). */
void sheet_recompute(struct sheet *s);

/* What the activations of every row look like, for a warning in logits
 * mode: outputs passed through softmax already, or log_softmax. */
#define SHEET_LOOKS_PROBS	0x01	/* in [0, 1], summing to 1 (1e-6) */
#define SHEET_LOOKS_LOGPROBS	0x02	/* a log-sum-exp of 0 (1e-6) */

/* The bits of STILL (SHEET_LOOKS_*) that every row of S keeps: STILL for
 * a sheet without rows, 0 for a binary sheet.  A file read in blocks
 * passes each block what the blocks before it left. */
unsigned sheet_input_hint(const struct sheet *s, unsigned still);

/* Bytes S holds in memory (its arrays at their allocated size). */
size_t sheet_bytes(const struct sheet *s);

#endif
