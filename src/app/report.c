/*
 * report.c - the whole-set report of `xent eval --report`, and JSON.
 *
 * report_compute gathers the stats module's figures once; the writers
 * only format them.  Text starts with key=value lines at full precision
 * (as --summary writes, so a script can grep them), then three tables
 * rounded to 5 significant digits for reading; Markdown writes the same
 * tables; JSON writes one object.  A table is built as cells first, so
 * that the text form can size its columns and both forms share it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/report.h"
#include "core/num.h"

#define REPORT_DIGITS	5	/* significant digits in the tables */

/* A table being built: cells row by row, NCOLS a row. */
struct rtab {
	int	  ncols;
	size_t	  n, cap;
	char	**cells;
	int	  failed;	/* out of memory on the way */
};

/* ------------------------------------------------------------------ */
/* Figures                                                            */
/* ------------------------------------------------------------------ */

/* The temperature fit and the calibration after it, when S has one
 * (without one the report says so). */
static void
report_fit(const struct sheet *s, int nbins, struct report *r)
{
	/* -1 is no temperature to fit: probs mode, or no row to fit it on */
	if (stats_fit_calibrated(s, nbins, &r->temperature, NULL,
	    &r->nll_after, &r->after) == 0)
		r->fitted = 1;
}

int
report_compute(const struct sheet *s, int nbins, struct report *r)
{
	memset(r, 0, sizeof(*r));
	r->rows = sheet_rows(s);
	r->accuracy = sheet_accuracy(s);
	r->mean_loss = sheet_mean_loss(s);
	r->k = stats_outcomes(s);
	r->classes = calloc(r->k, sizeof(*r->classes));
	if (r->classes == NULL || stats_calibration(s, nbins, &r->calib) < 0 ||
	    stats_classes(s, r->classes) < 0)
		goto fail;
	report_fit(s, nbins, r);
	r->npairs = stats_most_confused(s, r->pairs, REPORT_PAIRS);
	r->issues = stats_label_issue_count(s);
	if (r->npairs < 0 || r->issues < 0)
		goto fail;
	return 0;
fail:
	report_free(r);
	return -1;
}

void
report_free(struct report *r)
{
	stats_calib_free(&r->calib);
	stats_calib_free(&r->after);
	free(r->classes);
	r->classes = NULL;
}

/* ------------------------------------------------------------------ */
/* Tables                                                             */
/* ------------------------------------------------------------------ */

/* Adds the cell TEXT to T. */
static void
rtab_add(struct rtab *t, const char *text)
{
	char **nc;

	if (t->failed)
		return;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		if ((nc = realloc(t->cells, t->cap * sizeof(*nc))) == NULL) {
			t->failed = 1;
			return;
		}
		t->cells = nc;
	}
	if ((t->cells[t->n] = strdup(text)) == NULL) {
		t->failed = 1;
		return;
	}
	t->n++;
}

/* Adds X rounded for reading, or "-" when it is NaN. */
static void
rtab_num(struct rtab *t, double x)
{
	char buf[NUM_BUFSZ];

	rtab_add(t, isnan(x) ? "-" : num_format_round(buf, sizeof(buf), x,
	    REPORT_DIGITS));
}

/* Adds the count N. */
static void
rtab_count(struct rtab *t, long n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", n);
	rtab_add(t, buf);
}

/* Frees T's cells. */
static void
rtab_free(struct rtab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
}

/* Writes T as aligned columns, two spaces apart. */
static void
rtab_text(FILE *f, const struct rtab *t)
{
	size_t *w = calloc(t->ncols, sizeof(size_t)), i, len;
	int c;

	if (w == NULL)
		return;
	for (i = 0; i < t->n; i++)
		if ((len = strlen(t->cells[i])) > w[i % t->ncols])
			w[i % t->ncols] = len;
	for (i = 0; i < t->n; i++) {
		c = (int)(i % t->ncols);
		if (c == t->ncols - 1)
			fprintf(f, "%s\n", t->cells[i]);
		else
			fprintf(f, "%-*s  ", (int)w[c], t->cells[i]);
	}
	free(w);
}

/* Writes one Markdown cell, '|' escaped. */
static void
rtab_md_cell(FILE *f, const char *s)
{
	fputs("| ", f);
	for (; *s != '\0'; s++) {
		if (*s == '|' || *s == '\\')
			fputc('\\', f);
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
	fputc(' ', f);
}

/* Writes T as a Markdown table, its first row the header. */
static void
rtab_md(FILE *f, const struct rtab *t)
{
	size_t i;
	int c;

	for (i = 0; i < t->n; i++) {
		rtab_md_cell(f, t->cells[i]);
		if ((int)(i % t->ncols) != t->ncols - 1)
			continue;
		fputs("|\n", f);
		for (c = 0; i + 1 == (size_t)t->ncols && c < t->ncols; c++)
			fputs(c == 0 ? "| --- " : "| ---: ", f);
		if (i + 1 == (size_t)t->ncols)
			fputs("|\n", f);
	}
}

/* Writes T in FMT (text or Markdown), then frees it. */
static void
rtab_write(FILE *f, struct rtab *t, enum report_format fmt)
{
	if (!t->failed) {
		if (fmt == REPORT_MD)
			rtab_md(f, t);
		else
			rtab_text(f, t);
	}
	rtab_free(t);
}

/* The header cells NAMES (NCOLS of them) of a new table T. */
static void
rtab_start(struct rtab *t, int ncols, const char *const *names)
{
	int c;

	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	for (c = 0; c < ncols; c++)
		rtab_add(t, names[c]);
}

/* ------------------------------------------------------------------ */
/* Text and Markdown                                                  */
/* ------------------------------------------------------------------ */

/* The figures at the top: key=value at full precision (text), or a
 * two-column table (Markdown). */
static void
report_head(FILE *f, const struct report *r, enum report_format fmt)
{
	static const char *const names[] = { "figure", "value" };
	const char *key[] = { "accuracy", "mean_loss", "nll", "brier", "ece",
	    "mce", "temperature", "nll_after", "ece_after" };
	double v[] = { r->accuracy, r->mean_loss, r->calib.nll, r->calib.brier,
	    r->calib.ece, r->calib.mce, r->fitted ? r->temperature : NAN,
	    r->fitted ? r->nll_after : NAN, r->fitted ? r->after.ece : NAN };
	char buf[NUM_BUFSZ];
	struct rtab t;
	size_t i;

	if (fmt == REPORT_TEXT) {
		fprintf(f, "rows=%ld\nscored=%ld\n", r->rows, r->calib.rows);
		for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
			fprintf(f, "%s=%s\n", key[i], isnan(v[i]) ? "" :
			    num_format(buf, sizeof(buf), v[i]));
		fprintf(f, "label_issues=%ld\n", r->issues);
		return;
	}
	rtab_start(&t, 2, names);
	rtab_add(&t, "rows");
	rtab_count(&t, r->rows);
	rtab_add(&t, "scored");
	rtab_count(&t, r->calib.rows);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		rtab_add(&t, key[i]);
		rtab_num(&t, v[i]);
	}
	rtab_add(&t, "label_issues");
	rtab_count(&t, r->issues);
	rtab_write(f, &t, fmt);
}

/* The reliability table. */
static void
report_bins(FILE *f, const struct report *r, enum report_format fmt)
{
	static const char *const names[] = { "lo", "hi", "count",
	    "confidence", "accuracy", "gap" };
	const struct stats_bin *b;
	struct rtab t;
	int m;

	rtab_start(&t, 6, names);
	for (m = 0; m < r->calib.nbins; m++) {
		b = &r->calib.bins[m];
		rtab_num(&t, b->lo);
		rtab_num(&t, b->hi);
		rtab_count(&t, b->count);
		rtab_num(&t, b->conf);
		rtab_num(&t, b->acc);
		rtab_num(&t, b->acc - b->conf);
	}
	rtab_write(f, &t, fmt);
}

/* The per-class table. */
static void
report_classes(FILE *f, const struct sheet *s, const struct report *r,
    enum report_format fmt)
{
	static const char *const names[] = { "class", "support", "accuracy",
	    "precision", "mean_loss", "loss_share", "mean_conf" };
	const struct stats_class *c;
	char buf[512];
	struct rtab t;
	int k;

	rtab_start(&t, 7, names);
	for (k = 0; k < r->k; k++) {
		c = &r->classes[k];
		rtab_add(&t, sheet_outcome_name(s, k, buf, sizeof(buf)));
		rtab_count(&t, c->support);
		rtab_num(&t, c->recall);
		rtab_num(&t, c->precision);
		rtab_num(&t, c->mean_loss);
		rtab_num(&t, c->loss_share);
		rtab_num(&t, c->mean_conf);
	}
	rtab_write(f, &t, fmt);
}

/* The most confused pairs. */
static void
report_pairs(FILE *f, const struct sheet *s, const struct report *r,
    enum report_format fmt)
{
	static const char *const names[] = { "label", "pred", "count" };
	char buf[512];
	struct rtab t;
	long i;

	rtab_start(&t, 3, names);
	for (i = 0; i < r->npairs; i++) {
		rtab_add(&t, sheet_outcome_name(s, r->pairs[i].label, buf,
		    sizeof(buf)));
		rtab_add(&t, sheet_outcome_name(s, r->pairs[i].pred, buf,
		    sizeof(buf)));
		rtab_count(&t, r->pairs[i].count);
	}
	rtab_write(f, &t, fmt);
}

/* The report as text or Markdown: the figures, then the three tables
 * under a title each. */
static void
report_tables(FILE *f, const struct sheet *s, const struct report *r,
    enum report_format fmt)
{
	const char *h = fmt == REPORT_MD ? "## " : "";
	const char *gap = fmt == REPORT_MD ? "\n\n" : "\n";

	if (fmt == REPORT_MD)
		fprintf(f, "## Report%s", gap);
	report_head(f, r, fmt);
	fprintf(f, "\n%sCalibration: %d bins of the top probability%s", h,
	    r->calib.nbins, gap);
	report_bins(f, r, fmt);
	fprintf(f, "\n%sClasses%s", h, gap);
	report_classes(f, s, r, fmt);
	fprintf(f, "\n%sMost confused (label, predicted)%s", h, gap);
	if (r->npairs == 0)
		fprintf(f, "none: every prediction is right\n");
	else
		report_pairs(f, s, r, fmt);
}

/* ------------------------------------------------------------------ */
/* JSON                                                               */
/* ------------------------------------------------------------------ */

/* Writes S escaped for the inside of a JSON string, without quotes:
 * each run of plain bytes in one write, a key or a name most often. */
static void
report_json_chars(FILE *f, const char *s)
{
	unsigned char c;
	size_t n;

	while (*s != '\0') {
		for (n = 0; (c = (unsigned char)s[n]) >= 0x20 && c != 0x7f &&
		    c != '"' && c != '\\'; n++)
			;
		fwrite(s, 1, n, f);
		if ((c = (unsigned char)s[n]) == '\0')
			break;
		s += n + 1;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else
			fprintf(f, "\\u%04x", c);
	}
}

void
report_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	report_json_chars(f, s);
	fputc('"', f);
}

void
report_json_num(FILE *f, double x)
{
	char buf[NUM_BUFSZ];

	if (isfinite(x))
		fwrite(buf, 1, num_format_n(buf, x), f);
	else
		fputs("null", f);
}

/* Writes "KEY": X after a comma (FIRST: without). */
static void
report_json_kv(FILE *f, const char *key, double x, int first)
{
	fprintf(f, "%s\"%s\": ", first ? "" : ", ", key);
	report_json_num(f, x);
}

/* The bins as a list of {lo, hi, count, confidence, accuracy}. */
static void
report_json_bins(FILE *f, const struct stats_calib *c)
{
	int m;

	fputs(", \"bins\": [", f);
	for (m = 0; m < c->nbins; m++) {
		fputs(m ? ", {" : "{", f);
		report_json_kv(f, "lo", c->bins[m].lo, 1);
		report_json_kv(f, "hi", c->bins[m].hi, 0);
		fprintf(f, ", \"count\": %ld", c->bins[m].count);
		report_json_kv(f, "confidence", c->bins[m].conf, 0);
		report_json_kv(f, "accuracy", c->bins[m].acc, 0);
		fputc('}', f);
	}
	fputc(']', f);
}

/* The classes as a list of {name, support, accuracy, precision,
 * mean_loss, loss_share, mean_confidence}. */
static void
report_json_classes(FILE *f, const struct sheet *s, const struct report *r)
{
	const struct stats_class *c;
	char buf[512];
	int k;

	fputs(", \"classes\": [", f);
	for (k = 0; k < r->k; k++) {
		c = &r->classes[k];
		fputs(k ? ", {\"name\": " : "{\"name\": ", f);
		report_json_str(f, sheet_outcome_name(s, k, buf, sizeof(buf)));
		fprintf(f, ", \"support\": %ld", c->support);
		report_json_kv(f, "accuracy", c->recall, 0);
		report_json_kv(f, "precision", c->precision, 0);
		report_json_kv(f, "mean_loss", c->mean_loss, 0);
		report_json_kv(f, "loss_share", c->loss_share, 0);
		report_json_kv(f, "mean_confidence", c->mean_conf, 0);
		fputc('}', f);
	}
	fputc(']', f);
}

/* The most confused pairs as a list of {label, pred, count}. */
static void
report_json_pairs(FILE *f, const struct sheet *s, const struct report *r)
{
	char buf[512];
	long i;

	fputs(", \"confused\": [", f);
	for (i = 0; i < r->npairs; i++) {
		fputs(i ? ", {\"label\": " : "{\"label\": ", f);
		report_json_str(f, sheet_outcome_name(s, r->pairs[i].label,
		    buf, sizeof(buf)));
		fputs(", \"pred\": ", f);
		report_json_str(f, sheet_outcome_name(s, r->pairs[i].pred,
		    buf, sizeof(buf)));
		fprintf(f, ", \"count\": %ld}", r->pairs[i].count);
	}
	fputc(']', f);
}

/* The report as one JSON object on one line. */
static void
report_json(FILE *f, const struct sheet *s, const struct report *r)
{
	fprintf(f, "{\"rows\": %ld, \"scored\": %ld", r->rows, r->calib.rows);
	report_json_kv(f, "accuracy", r->accuracy, 0);
	report_json_kv(f, "mean_loss", r->mean_loss, 0);
	report_json_kv(f, "nll", r->calib.nll, 0);
	report_json_kv(f, "brier", r->calib.brier, 0);
	report_json_kv(f, "ece", r->calib.ece, 0);
	report_json_kv(f, "mce", r->calib.mce, 0);
	report_json_bins(f, &r->calib);
	report_json_kv(f, "temperature", r->fitted ? r->temperature : NAN, 0);
	report_json_kv(f, "nll_after", r->fitted ? r->nll_after : NAN, 0);
	report_json_kv(f, "ece_after", r->fitted ? r->after.ece : NAN, 0);
	report_json_classes(f, s, r);
	report_json_pairs(f, s, r);
	fprintf(f, ", \"label_issues\": %ld}\n", r->issues);
}

int
report_write(FILE *f, const struct sheet *s, const struct report *r,
    enum report_format fmt)
{
	if (fmt == REPORT_JSON)
		report_json(f, s, r);
	else
		report_tables(f, s, r, fmt);
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Table rows as JSON Lines                                           */
/* ------------------------------------------------------------------ */

/* Writes "PREFIXNAME": as a key, after a comma unless FIRST (escaped a
 * part at a time: no copy for each key of each row). */
static void
report_json_key(FILE *f, const char *prefix, const char *name, int first)
{
	fputs(first ? "\"" : ", \"", f);
	report_json_chars(f, prefix);
	report_json_chars(f, name);
	fputs("\": ", f);
}

/* Row R's label as given: a class name, an index (a number), or null. */
static void
report_json_label(FILE *f, const struct sheet *s, long r)
{
	char buf[512];
	int t = sheet_target(s, r);

	if (!sheet_has_target(s, r) || t < 0)
		fputs("null", f);
	else if (sheet_label_index(s, r))
		fprintf(f, "%d", sheet_is_binary(s) ? t == 0 : t);
	else
		report_json_str(f, sheet_outcome_name(s, t, buf, sizeof(buf)));
}

/* The keys of a JSON row, quoted, escaped and with their separators
 * (", \"p_cat\": "), made once for all the rows of a call: a row then
 * writes each with one fputs. */
struct report_keys {
	char	**in;		/* INFO's columns */
	char	**exp, **p;	/* K each; EXP NULL in probs mode */
	char	 *sum;
	int	  nin, k;
};

/* The text report_json_key writes for PREFIX and NAME (malloc'd; NULL
 * when out of memory). */
static char *
report_key_text(const char *prefix, const char *name, int first)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		return NULL;
	report_json_key(f, prefix, name, first);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static void
report_keys_free(struct report_keys *K)
{
	int i;

	for (i = 0; K->in != NULL && i < K->nin; i++)
		free(K->in[i]);
	for (i = 0; i < K->k; i++) {
		if (K->exp != NULL)
			free(K->exp[i]);
		free(K->p[i]);
	}
	free(K->in);
	free(K->exp);
	free(K->p);
	free(K->sum);
}

/* Makes S's keys under INFO's columns; -1 when out of memory. */
static int
report_keys_make(struct report_keys *K, const struct sheet *s,
    const struct sheetfile_info *info)
{
	const struct sheetfile_col *c;
	int i, logits = sheet_opts(s)->mode == SHEET_LOGITS, ok = 1;

	memset(K, 0, sizeof(*K));
	K->nin = info->ncols;
	K->k = sheet_classes(s);
	K->in = calloc(K->nin + 1, sizeof(char *));
	K->p = calloc(K->k, sizeof(char *));
	K->exp = logits ? calloc(K->k, sizeof(char *)) : NULL;
	if (K->in == NULL || K->p == NULL || (logits && K->exp == NULL)) {
		report_keys_free(K);
		return -1;
	}
	for (i = 0; i < K->nin; i++) {
		c = &info->cols[i];
		ok &= (K->in[i] = report_key_text(c->role == SF_COL_IS ?
		    "is_" : "", c->role == SF_COL_IS || c->role == SF_COL_ACT ?
		    sheet_class_name(s, c->k) : c->name, !i)) != NULL;
	}
	for (i = 0; i < K->k; i++) {
		if (logits)
			ok &= (K->exp[i] = report_key_text("exp_",
			    sheet_class_name(s, i), K->nin == 0 && i == 0)) != NULL;
		ok &= (K->p[i] = report_key_text("p_", sheet_class_name(s, i),
		    0)) != NULL;
	}
	ok &= (K->sum = report_key_text("", "sum", K->nin == 0 &&
	    !logits)) != NULL;
	if (!ok) {
		report_keys_free(K);
		return -1;
	}
	return 0;
}

/* Row R's input columns, in INFO's order. */
static void
report_json_inputs(FILE *f, const struct sheet *s, long r,
    const struct sheetfile_info *info, const struct report_keys *K)
{
	const struct sheetfile_col *c;
	int i;

	for (i = 0; i < info->ncols; i++) {
		c = &info->cols[i];
		fputs(K->in[i], f);
		if (c->role == SF_COL_ID)
			report_json_str(f, sheet_id(s, r));
		else if (c->role == SF_COL_LABEL)
			report_json_label(f, s, r);
		else if (c->role == SF_COL_ACT)
			report_json_num(f, sheet_act(s, r, c->k));
		else if (sheet_has_target(s, r))
			report_json_num(f, sheet_y(s, r, c->k));
		else
			fputs("null", f);
	}
}

/* Row R's flags as a list of names. */
static void
report_json_flags(FILE *f, unsigned flags)
{
	int i, n = 0;

	fputc('[', f);
	for (i = 0; i < SHEET_NFLAGS; i++)
		if (flags & (1u << i)) {
			fputs(n++ ? ", " : "", f);
			report_json_str(f, sheet_flag_name(i));
		}
	fputc(']', f);
}

/* Row R's computed columns. */
static void
report_json_derived(FILE *f, const struct sheet *s, long r,
    const struct report_keys *K)
{
	int k, has = sheet_has_target(s, r);
	char buf[512];

	for (k = 0; K->exp != NULL && k < K->k; k++) {
		fputs(K->exp[k], f);
		report_json_num(f, sheet_exp(s, r, k));
	}
	fputs(K->sum, f);
	report_json_num(f, sheet_sum(s, r));
	for (k = 0; k < K->k; k++) {
		fputs(K->p[k], f);
		report_json_num(f, sheet_p(s, r, k));
	}
	fputs(", \"pred\": ", f);
	if (sheet_pred(s, r) < 0)
		fputs("null", f);
	else
		report_json_str(f, sheet_outcome_name(s, sheet_pred(s, r), buf,
		    sizeof(buf)));
	report_json_kv(f, "loss", has ? sheet_loss(s, r) : NAN, 0);
	report_json_kv(f, "if_form", has ? sheet_if_form(s, r) : NAN, 0);
	fputs(", \"flags\": ", f);
	report_json_flags(f, sheet_flags(s, r));
}

int
report_json_rows(FILE *f, const struct sheet *s,
    const struct sheetfile_info *info)
{
	struct report_keys K;
	long r;

	if (report_keys_make(&K, s, info) < 0)
		return -1;
	/* Held once: with a second thread running, stdio would otherwise
	 * take the stream's lock for every character written. */
	flockfile(f);
	for (r = 0; r < sheet_rows(s); r++) {
		fputc('{', f);
		report_json_inputs(f, s, r, info, &K);
		report_json_derived(f, s, r, &K);
		fputs("}\n", f);
	}
	funlockfile(f);
	report_keys_free(&K);
	return ferror(f) ? -1 : 0;
}

int
report_json_totals(FILE *f, const struct sheetfile_totals *t)
{
	int i;

	fprintf(f, "{\"rows\": %ld", t->rows);
	report_json_kv(f, "mean_loss", sheetfile_totals_mean(t), 0);
	report_json_kv(f, "accuracy", t->targeted ?
	    (double)t->correct / (double)t->targeted : NAN, 0);
	for (i = 0; i < SHEET_NFLAGS; i++)
		fprintf(f, ", \"%s\": %ld", sheet_flag_name(i), t->count[i]);
	fputs("}\n", f);
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
