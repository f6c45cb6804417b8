/*
 * sheetfile.c - sheet files in and out; see sheetfile.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/num.h"
#include "io/csv.h"
#include "io/npy.h"
#include "io/save.h"
#include "io/sheetfile.h"

static const char *sf_key_names[SF_NKEYS] = {
	"mode", "base", "title", "temperature", "label-smoothing",
	"weights", "confident", "step",
};

/* Column names a class may not take, because the output uses them. */
static const char *sf_reserved[] = {
	"id", "label", "target", "labels", "y", "sum", "loss", "if_form",
	"flags", "pred", NULL
};

/* The names a label column goes by, unless label-column names another. */
static const char *sf_label_names[] = {
	"label", "target", "labels", "y", NULL
};

static const char *sf_hkey_names[SF_NHKEYS] = {
	"label-column", "text", "labels", "classes",
};

/* ------------------------------------------------------------------ */
/* Settings                                                           */
/* ------------------------------------------------------------------ */

int
sheetfile_key(const char *name)
{
	int i;

	for (i = 0; i < SF_NKEYS; i++)
		if (strcmp(name, sf_key_names[i]) == 0)
			return i;
	return -1;
}

const char *
sheetfile_key_name(int key)
{
	return key >= 0 && key < SF_NKEYS ? sf_key_names[key] : "?";
}

/* Parses a comma-separated list of weights into SET; an empty entry
 * ("1,,2") is an error, not skipped. */
static int
sf_weights(struct sheetfile_settings *set, const char *value, char *err,
    size_t errlen)
{
	const char *p = value, *comma;
	double *w = NULL, *nw, v;
	char tok[128];
	int n = 0;

	for (;;) {
		comma = strchr(p, ',');
		snprintf(tok, sizeof(tok), "%.*s", (int)(comma ? comma - p :
		    (long)strlen(p)), p);
		if (num_parse(tok, &v) < 0 || !(v >= 0) || isinf(v)) {
			snprintf(err, errlen, "weights: '%s' is not a number "
			    ">= 0 (give one per class: w1,...,wK)", tok);
			free(w);
			return -1;
		}
		if ((nw = realloc(w, (n + 1) * sizeof(double))) == NULL) {
			free(w);
			return -1;
		}
		w = nw;
		w[n++] = v;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	free(set->o.weights);
	set->o.weights = w;
	set->nweights = n;
	return 0;
}

/* Parses a number setting and checks its range. */
static int
sf_number(int key, const char *value, double *out, char *err, size_t errlen)
{
	double v;
	int ok;

	if (num_parse(value, &v) < 0) {
		snprintf(err, errlen, "%s: '%s' is not a number",
		    sf_key_names[key], value);
		return -1;
	}
	switch (key) {
	case SF_SMOOTHING:
		ok = v >= 0 && v <= 1;
		break;
	case SF_CONFIDENT:
		ok = v > 0 && v <= 1;
		break;
	default:	/* temperature, step */
		ok = v > 0 && !isinf(v);
		break;
	}
	if (!ok) {
		snprintf(err, errlen, "%s: %s is out of range (%s)",
		    sf_key_names[key], value, key == SF_SMOOTHING ? "0 to 1" :
		    key == SF_CONFIDENT ? "above 0, at most 1" : "above 0");
		return -1;
	}
	*out = v;
	return 0;
}

/* Parses mode or base. */
static int
sf_word(struct sheetfile_settings *set, int key, const char *v, char *err,
    size_t errlen)
{
	if (key == SF_MODE && strcmp(v, "logits") == 0)
		set->o.mode = SHEET_LOGITS;
	else if (key == SF_MODE && strcmp(v, "probs") == 0)
		set->o.mode = SHEET_PROBS;
	else if (key == SF_BASE && strcmp(v, "e") == 0)
		set->o.base = 0;
	else if (key == SF_BASE && (strcmp(v, "2") == 0 || strcmp(v, "10") == 0))
		set->o.base = atoi(v);
	else {
		snprintf(err, errlen, key == SF_MODE ? "mode: unknown mode '%s' "
		    "(logits or probs)" : "base: unknown base '%s' (e, 2 or 10)",
		    v);
		return -1;
	}
	return 0;
}

int
sheetfile_setting(struct sheetfile_settings *set, int key, const char *value,
    char *err, size_t errlen)
{
	double *dst = NULL;
	char *t;

	if (set->given == 0)
		sheet_opts_init(&set->o);
	switch (key) {
	case SF_MODE:
	case SF_BASE:
		if (sf_word(set, key, value, err, errlen) < 0)
			return -1;
		break;
	case SF_TITLE:
		if ((t = strdup(value)) == NULL)
			return -1;
		free(set->title);
		set->title = t;
		break;
	case SF_WEIGHTS:
		if (sf_weights(set, value, err, errlen) < 0)
			return -1;
		break;
	default:
		dst = key == SF_TEMPERATURE ? &set->o.temperature :
		    key == SF_SMOOTHING ? &set->o.smoothing :
		    key == SF_CONFIDENT ? &set->o.confident : &set->step;
		if (sf_number(key, value, dst, err, errlen) < 0)
			return -1;
	}
	set->given |= 1u << key;
	set->line[key] = 0;
	return 0;
}

/* Copies one setting KEY from FROM to TO. */
static int
sf_copy_key(struct sheetfile_settings *to, const struct sheetfile_settings *f,
    int key)
{
	double *w;

	switch (key) {
	case SF_MODE: to->o.mode = f->o.mode; break;
	case SF_BASE: to->o.base = f->o.base; break;
	case SF_TEMPERATURE: to->o.temperature = f->o.temperature; break;
	case SF_SMOOTHING: to->o.smoothing = f->o.smoothing; break;
	case SF_CONFIDENT: to->o.confident = f->o.confident; break;
	case SF_STEP: to->step = f->step; break;
	case SF_TITLE:
		free(to->title);
		to->title = f->title != NULL ? strdup(f->title) : NULL;
		break;
	case SF_WEIGHTS:
		if ((w = malloc(f->nweights * sizeof(double))) == NULL)
			return -1;
		memcpy(w, f->o.weights, f->nweights * sizeof(double));
		free(to->o.weights);
		to->o.weights = w;
		to->nweights = f->nweights;
		break;
	}
	return 0;
}

int
sheetfile_settings_merge(struct sheetfile_settings *to,
    const struct sheetfile_settings *from)
{
	int key;

	if (to->given == 0)
		sheet_opts_init(&to->o);
	for (key = 0; key < SF_NKEYS; key++) {
		if (!(from->given & (1u << key)))
			continue;
		if (sf_copy_key(to, from, key) < 0)
			return -1;
		to->given |= 1u << key;
		to->line[key] = from->line[key];
	}
	return 0;
}

int
sheetfile_hkey(const char *name)
{
	int i;

	for (i = 0; i < SF_NHKEYS; i++)
		if (strcmp(name, sf_hkey_names[i]) == 0)
			return i;
	return -1;
}

int
sheetfile_hsetting(struct sheetfile_settings *set, int key,
    const char *value, char *err, size_t errlen)
{
	char **dst = key == SF_H_LABEL_COLUMN ? &set->label_column :
	    key == SF_H_TEXT ? &set->text : key == SF_H_LABELS ?
	    &set->labels : &set->classes;
	char *v;

	if (*value == '\0') {
		snprintf(err, errlen, "%s: give a value", sf_hkey_names[key]);
		return -1;
	}
	if ((v = strdup(value)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	free(*dst);
	*dst = v;
	return 0;
}

void
sheetfile_settings_free(struct sheetfile_settings *set)
{
	free(set->label_column);
	free(set->text);
	free(set->labels);
	free(set->classes);
	free(set->o.weights);
	free(set->title);
	memset(set, 0, sizeof(*set));
}

/* Key order of the checks: mode first, since others depend on it. */
static const int sf_check_order[] = {
	SF_MODE, SF_BASE, SF_TEMPERATURE, SF_SMOOTHING, SF_WEIGHTS,
	SF_CONFIDENT, -1
};

/* Prefixes ERR with "SRC:LINE: " when the culprit came from a file. */
static void
sf_locate(char *err, size_t errlen, const char *src, long line)
{
	char msg[512];

	if (src == NULL || line <= 0)
		return;
	snprintf(msg, sizeof(msg), "%s", err);
	snprintf(err, errlen, "%s:%ld: %s", src, line, msg);
}

int
sheetfile_apply(struct sheet *s, const struct sheetfile_settings *set,
    const char *src, char *err, size_t errlen)
{
	struct sheet_opts o = *sheet_opts(s);
	int i, key;

	for (i = 0; (key = sf_check_order[i]) >= 0; i++) {
		if (!(set->given & (1u << key)))
			continue;
		o.mode = key == SF_MODE ? set->o.mode : o.mode;
		o.base = key == SF_BASE ? set->o.base : o.base;
		if (key == SF_TEMPERATURE) o.temperature = set->o.temperature;
		if (key == SF_SMOOTHING) o.smoothing = set->o.smoothing;
		if (key == SF_CONFIDENT) o.confident = set->o.confident;
		if (key == SF_WEIGHTS) {
			if (set->nweights != sheet_classes(s)) {
				snprintf(err, errlen, "weights: %d given, but "
				    "the sheet has %d classes", set->nweights,
				    sheet_classes(s));
				sf_locate(err, errlen, src, set->line[key]);
				return -1;
			}
			o.weights = set->o.weights;
		}
		if (sheet_opts_check(s, &o, err, errlen) < 0) {
			sf_locate(err, errlen, src, set->line[key]);
			return -1;
		}
	}
	if (set->given & (1u << SF_TITLE))
		sheet_set_title(s, set->title);
	return sheet_set_opts(s, &o, err, errlen);
}

/* ------------------------------------------------------------------ */
/* Reading                                                            */
/* ------------------------------------------------------------------ */

/* State of one load. */
struct sf_load {
	struct csv_reader	*r;
	struct sheetfile_info	*info;
	struct sheet		*s;		/* no rows: classes, settings */
	char			*err;
	size_t			 errlen;
	long			 line;		/* current record's line */
	int			 k;		/* classes */
	int			 has_label;	/* a label column exists */
	int			 nis;		/* is_ columns */
	double			*a, *y;		/* one row's inputs */
	const struct sheetfile_settings *cli;	/* the command line's, or
						 * NULL */
	int			 label_col;	/* the label column, or -1 */
	int			 ntext;		/* text columns */
	const char		*name;		/* NumPy input's name (R NULL) */
	double			*ra, *ry;	/* where this row's inputs go:
						 * a batch's row, or a, y */
	struct sheetfile_batch	*batch;		/* where rows go; NULL: they
						 * are only checked */
	int			 digit_names;	/* 0 not known yet, 1 no class
						 * name is all digits, 2 some */
};

/* Formats "NAME:LINE: message" into the load's error buffer. */
static int
sf_fail(struct sf_load *L, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
sf_fail(struct sf_load *L, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (L->r == NULL)	/* NumPy input has no lines */
		snprintf(L->err, L->errlen, "%s: %s", L->name, msg);
	else
		snprintf(L->err, L->errlen, "%s:%ld: %s", csv_name(L->r),
		    L->line, msg);
	return -1;
}

/* Trims blanks at both ends, in place. */
static char *
sf_trim(char *t)
{
	size_t n;

	while (*t == ' ' || *t == '\t')
		t++;
	n = strlen(t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		t[--n] = '\0';
	return t;
}

/* Trims blanks at both ends of T, N bytes long, in place. */
static char *
sf_trim_n(char *t, size_t n)
{
	while (n > 0 && (*t == ' ' || *t == '\t')) {
		t++;
		n--;
	}
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	t[n] = '\0';
	return t;
}

/* One '#' line before the header: "key: value", or a plain comment. */
static int
sf_comment(struct sf_load *L, char *text)
{
	char *colon, *key, msg[400];
	size_t i;
	int k;

	text = sf_trim(text);
	if ((colon = strchr(text, ':')) == NULL)
		return 0;	/* prose, not a setting */
	*colon = '\0';
	key = sf_trim(text);
	for (i = 0; key[i] != '\0'; i++)
		if (!isalnum((unsigned char)key[i]) && key[i] != '-' &&
		    key[i] != '_')
			return 0;
	if ((k = sheetfile_hkey(key)) == SF_H_LABEL_COLUMN || k == SF_H_TEXT) {
		if (sheetfile_hsetting(&L->info->set, k, sf_trim(colon + 1), msg,
		    sizeof(msg)) < 0)
			return sf_fail(L, "%s", msg);
		return 0;
	}
	if ((k = sheetfile_key(key)) < 0)
		return sf_fail(L, "unknown setting '%s' (known: mode, base, "
		    "title, temperature, label-smoothing, weights, confident, "
		    "step, label-column, text)", key);
	if (sheetfile_setting(&L->info->set, k, sf_trim(colon + 1), msg,
	    sizeof(msg)) < 0)
		return sf_fail(L, "%s", msg);
	L->info->set.line[k] = L->line;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The header                                                         */
/* ------------------------------------------------------------------ */

/* The header's names in a hash set (open addressing), so that a header
 * of a million columns is checked in linear time. */
/* A header column's k before its role is known. */
#define SF_UNPLACED	(-2)

struct sf_names {
	int		*slot;		/* column index + 1; 0: empty */
	size_t		 mask;		/* slots - 1, a power of two less 1 */
	const struct sheetfile_col *cols;
};

/* FNV-1a of T. */
static size_t
sf_hash(const char *t)
{
	uint32_t h = 2166136261u;

	for (; *t != '\0'; t++)
		h = (h ^ (unsigned char)*t) * 16777619u;
	return h;
}

/* Room for N names at most half full; -1 on ENOMEM. */
static int
sf_names_init(struct sf_names *h, const struct sheetfile_col *cols, int n)
{
	size_t size = 16;

	while (size < 2 * (size_t)n)
		size *= 2;
	h->cols = cols;
	h->mask = size - 1;
	return (h->slot = calloc(size, sizeof(int))) != NULL ? 0 : -1;
}

/* The slot where NAME is, or the empty one where it would go. */
static size_t
sf_names_slot(const struct sf_names *h, const char *name)
{
	size_t i = sf_hash(name) & h->mask;

	while (h->slot[i] != 0 && strcmp(h->cols[h->slot[i] - 1].name,
	    name) != 0)
		i = (i + 1) & h->mask;
	return i;
}

/* The column named NAME, or -1. */
static int
sf_names_find(const struct sf_names *h, const char *name)
{
	return h->slot[sf_names_slot(h, name)] - 1;
}

/* Adds column I; the earlier column of the same name, or -1. */
static int
sf_names_add(struct sf_names *h, int i)
{
	size_t at = sf_names_slot(h, h->cols[i].name);

	if (h->slot[at] != 0)
		return h->slot[at] - 1;
	h->slot[at] = i + 1;
	return -1;
}

/* 1 when NAME is one of LIST. */
static int
sf_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

int
sheetfile_reserved(const char *name)
{
	return sf_in(name, sf_reserved) || strncmp(name, "exp_", 4) == 0 ||
	    strncmp(name, "p_", 2) == 0 || strncmp(name, "is_", 3) == 0;
}

/* NAME as the header means it: trimmed, and an is_ name's class part
 * trimmed too ("is_ a" is is_a).  Malloc'd, or NULL. */
static char *
sf_norm_name(char *name)
{
	char *t = sf_trim(name), *out;

	if (strncmp(t, "is_", 3) != 0)
		return strdup(t);
	t = sf_trim(t + 3);
	if ((out = malloc(strlen(t) + 4)) != NULL)
		snprintf(out, strlen(t) + 4, "is_%s", t);
	return out;
}

/* Checks header field I, its name normalised into C; QUOTED when it was
 * written in quotes. */
static int
sf_name_check(struct sf_load *L, struct sheetfile_col *c, char *field,
    int i, int quoted)
{
	if ((c->name = sf_norm_name(field)) == NULL)
		return sf_fail(L, "out of memory");
	c->k = 0;
	if (*c->name == '\0' && i == 0) {
		/* pandas' to_csv writes the index under an empty name. */
		c->role = SF_COL_ID;
		return 0;
	}
	if (*c->name == '\0')
		return sf_fail(L, "a column has no name");
	if (strchr(c->name, '\r') != NULL && quoted)
		return sf_fail(L, "a CR (carriage return) inside the quoted "
		    "column name '%.*s...': a name is one line",
		    (int)strcspn(c->name, "\r"), c->name);
	if (strchr(c->name, '\r') != NULL)
		return sf_fail(L, "bare CR line ends (an old Mac file?): save it "
		    "with LF or CRLF line ends");
	if (strncmp(c->name, "\xef\xbb\xbf", 3) == 0)
		return sf_fail(L, "a byte-order mark in the middle of the file: "
		    "it may only open the file");
	c->k = SF_UNPLACED;	/* its role is given below */
	return 0;
}

/* The label-column and text settings in force: the command line's over
 * the file's. */
static const char *
sf_hvalue(const struct sf_load *L, int key)
{
	const struct sheetfile_settings *f = &L->info->set, *c = L->cli;

	if (key == SF_H_LABEL_COLUMN)
		return c && c->label_column ? c->label_column : f->label_column;
	return c && c->text ? c->text : f->text;
}

/* Marks the columns the text setting names as text, numbered in file
 * order; -1 when it names no column. */
static int
sf_mark_text(struct sf_load *L, const struct sf_names *h)
{
	const char *list = sf_hvalue(L, SF_H_TEXT), *p = list;
	char name[512], *n;
	int i, j;

	while (p != NULL) {
		csv_list_next(&p, name, sizeof(name));
		if ((n = sf_norm_name(name)) == NULL)
			return sf_fail(L, "out of memory");
		i = *n != '\0' ? sf_names_find(h, n) : -1;
		free(n);
		if (i < 0)
			return sf_fail(L, "text: no column '%s' to keep as "
			    "text%s", sf_trim(name), strchr(list, '"') == NULL &&
			    strchr(list, ',') != NULL ? " (a name with a comma "
			    "goes in double quotes)" : "");
		L->info->cols[i].role = SF_COL_TEXT;
		L->info->cols[i].k = 0;
	}
	for (i = 0, j = 0; i < L->info->ncols; i++)
		if (L->info->cols[i].role == SF_COL_TEXT)
			L->info->cols[i].k = j++;
	L->ntext = j;
	return 0;
}

/* Marks the column the label-column setting names; -1 when there is
 * none of that name. */
static int
sf_mark_label(struct sf_load *L, const struct sf_names *h)
{
	const char *name = sf_hvalue(L, SF_H_LABEL_COLUMN);
	int i;

	if (name == NULL)
		return 0;
	if ((i = sf_names_find(h, name)) < 0)
		return sf_fail(L, "label-column: no column '%s'", name);
	if (L->info->cols[i].role == SF_COL_TEXT)
		return sf_fail(L, "'%s' is named both as the label column and "
		    "as text", name);
	L->info->cols[i].role = SF_COL_LABEL;
	L->info->cols[i].k = 0;
	L->label_col = i;
	return 0;
}

/* Gives column C, not yet placed by a setting, its role; classes are
 * numbered as they come. */
static int
sf_header_role(struct sf_load *L, struct sheetfile_col *c, int i)
{
	int named = sf_hvalue(L, SF_H_LABEL_COLUMN) != NULL;

	if (strcmp(c->name, "id") == 0)
		c->role = SF_COL_ID;
	else if (!named && sf_in(c->name, sf_label_names)) {
		if (L->label_col >= 0)
			return sf_fail(L, "two label columns, '%s' and '%s': "
			    "--label-column NAME (or # label-column: NAME) "
			    "says which is the label, --text keeps the other",
			    L->info->cols[L->label_col].name, c->name);
		c->role = SF_COL_LABEL;
		L->label_col = i;
	} else if (strncmp(c->name, "is_", 3) == 0) {
		c->role = SF_COL_IS;
		L->nis++;
	} else if (strncmp(c->name, "Unnamed: ", 9) == 0)
		/* pd.read_csv without index_col=0, then to_csv: the old
		 * index would pass for a class. */
		return sf_fail(L, "'%s' is a pandas index read back as a "
		    "column (read_csv(..., index_col=0) avoids it): drop it, "
		    "or --text keeps it", c->name);
	else if (sheetfile_reserved(c->name))
		return sf_fail(L, "'%s' is a reserved column name%s", c->name,
		    sf_in(c->name, sf_label_names) ? " (a label name; the "
		    "label column is another): --text keeps it as text" : "");
	else {
		c->role = SF_COL_ACT;
		c->k = L->k++;
	}
	return 0;
}

/* Resolves the is_ columns to their classes and checks the targets. */
static int
sf_header_targets(struct sf_load *L, const struct sf_names *h)
{
	struct sheetfile_col *c = L->info->cols;
	int i, j, n = L->info->ncols;

	if (L->k == 0)
		return sf_fail(L, "no class columns: every column other than "
		    "id, label and is_* holds one class's activations");
	if (L->has_label && L->nis)
		return sf_fail(L, "give targets either as a label column or "
		    "as is_* columns, not both");
	for (i = 0; i < n; i++) {
		if (c[i].role != SF_COL_IS)
			continue;
		j = sf_names_find(h, c[i].name + 3);
		if (j < 0 || c[j].role != SF_COL_ACT)
			return sf_fail(L, "'%s' names no class column '%s'",
			    c[i].name, c[i].name + 3);
		c[i].k = c[j].k;
	}
	if (L->nis && L->nis != L->k)
		return sf_fail(L, "%d is_* columns for %d classes: give one "
		    "per class", L->nis, L->k);
	return 0;
}

/* Gives every column of the header its role: names unique, settings
 * first, then the names' own meaning, then the targets checked. */
static int
sf_header_roles(struct sf_load *L, const struct csv_record *rec)
{
	struct sheetfile_col *c = L->info->cols;
	struct sf_names h;
	int i, j, nid = 0, rc = -1;

	if (sf_names_init(&h, c, L->info->ncols) < 0)
		return sf_fail(L, "out of memory");
	for (i = 0; i < L->info->ncols; i++) {
		if (sf_name_check(L, &c[i], rec->fields[i], i,
		    csv_field_quoted(L->r, i)) < 0)
			goto done;
		if ((j = sf_names_add(&h, i)) >= 0) {
			sf_fail(L, "column '%s' appears twice", c[i].name);
			goto done;
		}
	}
	if (sf_mark_text(L, &h) < 0 || sf_mark_label(L, &h) < 0)
		goto done;
	for (i = 0; i < L->info->ncols; i++)
		if (c[i].k == SF_UNPLACED && sf_header_role(L, &c[i], i) < 0)
			goto done;
	for (i = 0; i < L->info->ncols; i++)
		nid += c[i].role == SF_COL_ID;
	if (nid > 1) {
		sf_fail(L, "two id columns: the first column has no name (a "
		    "pandas index, the row id) and another is 'id'");
		goto done;
	}
	L->has_label = L->label_col >= 0;
	rc = sf_header_targets(L, &h);
done:
	free(h.slot);
	return rc;
}

/* Reads the header record into INFO and makes the empty sheet. */
static int
sf_header(struct sf_load *L, const struct csv_record *rec)
{
	const char **names;
	size_t i;
	int rc = 0;

	L->info->cols = calloc(rec->nfields, sizeof(struct sheetfile_col));
	if (L->info->cols == NULL)
		return sf_fail(L, "out of memory");
	L->info->ncols = rec->nfields;
	L->label_col = -1;
	if (sf_header_roles(L, rec) < 0)
		return -1;
	if ((names = calloc(L->k, sizeof(char *))) == NULL)
		return sf_fail(L, "out of memory");
	for (i = 0; i < rec->nfields; i++)
		if (L->info->cols[i].role == SF_COL_ACT)
			names[L->info->cols[i].k] = L->info->cols[i].name;
	L->s = sheet_new(L->k, names);
	free(names);
	for (i = 0; L->s != NULL && i < rec->nfields; i++)
		if (L->info->cols[i].role == SF_COL_TEXT &&
		    sheet_add_text(L->s, L->info->cols[i].name) < 0)
			rc = -1;
	L->a = calloc(L->k, sizeof(double));
	L->y = calloc(L->k, sizeof(double));
	if (rc < 0 || L->s == NULL || L->a == NULL || L->y == NULL)
		rc = sf_fail(L, "out of memory");
	return rc;
}

/* Parses a whole non-negative decimal integer, or -1. */
static long
sf_index(const char *t)
{
	long v = 0;

	if (*t == '\0')
		return -1;
	for (; *t != '\0'; t++) {
		if (!isdigit((unsigned char)*t) || v > 100000000)
			return -1;
		v = v * 10 + (*t - '0');
	}
	return v;
}

/* 1 when T is a whole decimal integer, as sf_index reads one. */
static int
sf_all_digits(const char *t)
{
	if (*t == '\0')
		return 0;
	while (isdigit((unsigned char)*t))
		t++;
	return *t == '\0';
}

/* The class named T, or -1: a label given as an index, the usual case,
 * skips the search by name when no class name is all digits. */
static int
sf_label_class(struct sf_load *L, const char *t)
{
	int k;

	if (L->digit_names == 0) {
		L->digit_names = 1;
		for (k = 0; k < sheet_classes(L->s); k++)
			if (sf_all_digits(sheet_class_name(L->s, k)))
				L->digit_names = 2;
	}
	if (L->digit_names == 1 && sf_all_digits(t))
		return -1;
	return sheet_class_index(L->s, t);
}

/* A label cell: a class name first, else a 0-based index.  Sets Y and
 * *IDX (1 when given as an index).  Returns 1 with a target, 0 without. */
static int
sf_label(struct sf_load *L, const char *t, int *idx)
{
	int k = sheet_classes(L->s), c = sf_label_class(L, t);
	long v;

	memset(L->ry, 0, k * sizeof(double));
	*idx = 0;
	if (*t == '\0')
		return 0;
	if (k == 1) {
		if (c == 0 || ((v = sf_index(t)) == 1 && (*idx = 1))) {
			L->ry[0] = 1;
			return 1;
		}
		if ((strncmp(t, "not_", 4) == 0 &&
		    strcmp(t + 4, sheet_class_name(L->s, 0)) == 0) ||
		    (v == 0 && (*idx = 1)))
			return 1;
		return sf_fail(L, "unknown label '%s': a binary sheet's label "
		    "is 1 or 0, %s or not_%s", t, sheet_class_name(L->s, 0),
		    sheet_class_name(L->s, 0));
	}
	if (c < 0) {
		if ((v = sf_index(t)) < 0)
			return sf_fail(L, "unknown label '%s': not a class name "
			    "or a class index", t);
		if (v >= k)
			return sf_fail(L, "label %ld is out of range: class "
			    "indices go from 0 to %d", v, k - 1);
		c = (int)v;
		*idx = 1;
	}
	L->ry[c] = 1;
	return 1;
}

/* Parses a number cell of column NAME. */
static int
sf_cell(struct sf_load *L, const char *t, const char *name, double *out)
{
	if (*t == '\0')
		return sf_fail(L, "column '%s' is empty", name);
	if (num_parse(t, out) < 0)
		return sf_fail(L, "'%.40s' in column '%s' is not a number",
		    t, name);
	return 0;
}

/* Rows parsed but not yet computed: their inputs as sheet_append takes
 * them, so that parsing (in file order) and computing (on any thread)
 * can be apart. */
struct sheetfile_batch {
	int	 k;
	long	 n, cap;	/* rows held, rows allocated */
	double	*a, *y;		/* cap * k: activations and targets */
	long	*line;		/* each row's line, for messages */
	uint8_t	*bits;		/* SF_ROW_* */
	size_t	*idoff;		/* each row's label in pool, + 1; 0: none */
	int	 ntext;		/* text columns */
	size_t	*txoff;		/* cap * ntext: each text cell in pool, + 1 */
	char	*pool;		/* labels, NUL-terminated */
	size_t	 poollen, poolcap;
	int	 onehot;	/* the rows' targets come from is_ cells */
	/* sheetfile_for_table's copies of activation cells: ECHO's
	 * NUM_ECHO_MAX bytes a cell, ECHOLEN's length (0: none). */
	char	*echo;
	uint8_t	*echolen;
};

#define SF_ROW_TARGET	0x01	/* the row has a target */
#define SF_ROW_INDEX	0x02	/* given as a class index */

/* Copies label ID into B's pool; returns its offset + 1, 0 on ENOMEM. */
static size_t
sf_batch_id(struct sheetfile_batch *b, const char *id)
{
	size_t n = strlen(id) + 1, cap = b->poolcap ? b->poolcap : 4096;
	char *np;

	if (b->poollen + n > b->poolcap) {
		while (cap < b->poollen + n)
			cap *= 2;
		if ((np = realloc(b->pool, cap)) == NULL)
			return 0;
		b->pool = np;
		b->poolcap = cap;
	}
	memcpy(b->pool + b->poollen, id, n);
	b->poollen += n;
	return b->poollen - n + 1;
}

/* Keeps record REC's text cells in B's row N; -1 when out of memory. */
static int
sf_keep_text(struct sf_load *L, const struct csv_record *rec)
{
	struct sheetfile_batch *b = L->batch;
	size_t *off = b->txoff + (size_t)b->n * b->ntext;
	int i;

	for (i = 0; i < L->info->ncols; i++)
		if (L->info->cols[i].role == SF_COL_TEXT &&
		    (off[L->info->cols[i].k] = sf_batch_id(b,
		    rec->fields[i])) == 0)
			return -1;
	return 0;
}

/* Keeps the row just parsed from REC (its inputs already in B's row N). */
static int
sf_keep(struct sf_load *L, const struct csv_record *rec, const char *id,
    int has, int idx)
{
	struct sheetfile_batch *b = L->batch;

	b->line[b->n] = L->line;
	b->bits[b->n] = (has ? SF_ROW_TARGET : 0) | (idx ? SF_ROW_INDEX : 0);
	b->idoff[b->n] = 0;
	if ((id != NULL && *id != '\0' &&
	    (b->idoff[b->n] = sf_batch_id(b, id)) == 0) ||
	    (b->ntext > 0 && sf_keep_text(L, rec) < 0))
		return sf_fail(L, "out of memory");
	b->n++;
	return 0;
}

/* Keeps the text T (N bytes) of the activation cell of class K in B's
 * row N, which num_parse_same found the table would write for its
 * number; notes that there is none when T is NULL (or B keeps none). */
static void
sf_echo(struct sheetfile_batch *b, int k, const char *t, size_t n)
{
	size_t at;

	if (b == NULL || b->echo == NULL)
		return;
	at = (size_t)b->n * b->k + k;
	b->echolen[at] = 0;
	if (t != NULL && n <= NUM_ECHO_MAX) {
		memcpy(b->echo + at * NUM_ECHO_MAX, t, n);
		b->echolen[at] = (uint8_t)n;
	}
}

/* One data record: parse every cell into L->ra and L->ry and keep the row
 * in L->batch when there is one, for sheetfile_batch_put to compute. */
static int
sf_row(struct sf_load *L, const struct csv_record *rec)
{
	const char *id = NULL;
	char *t;
	int i, has = 0, idx = 0, nis_empty = 0, same;
	struct sheetfile_col *c;

	if ((int)rec->nfields != L->info->ncols)
		return sf_fail(L, "this row has %zu fields, the header has %d",
		    rec->nfields, L->info->ncols);
	for (i = 0; i < L->info->ncols; i++) {
		c = &L->info->cols[i];
		if (c->role == SF_COL_TEXT)
			continue;
		if (c->role == SF_COL_ID) {
			id = rec->fields[i];
			continue;
		}
		/* A plain number, the usual cell, needs no trimming. */
		if (c->role == SF_COL_ACT && num_parse_same(rec->fields[i],
		    rec->lens[i], &L->ra[c->k], &same) == 0) {
			sf_echo(L->batch, c->k, same ? rec->fields[i] : NULL,
			    rec->lens[i]);
			continue;
		}
		t = sf_trim_n(rec->fields[i], rec->lens[i]);
		if (c->role == SF_COL_ACT) {
			sf_echo(L->batch, c->k, NULL, 0);
			if (sf_cell(L, t, c->name, &L->ra[c->k]) < 0)
				return -1;
		} else if (c->role == SF_COL_LABEL) {
			if ((has = sf_label(L, t, &idx)) < 0)
				return -1;
		} else if (*t == '\0')
			nis_empty++;
		else if (sf_cell(L, t, c->name, &L->ry[c->k]) < 0)
			return -1;
	}
	if (L->nis) {
		if (nis_empty != 0 && nis_empty != L->nis)
			return sf_fail(L, "some is_* cells are empty: fill all "
			    "of a row's targets or none");
		has = nis_empty == 0;
	}
	return L->batch != NULL ? sf_keep(L, rec, id, has, idx) : 0;
}

/* A sheet file being read: the load, and what is known of its rows. */
struct sheetfile_stream {
	struct sf_load	 L;
	char		 err[1024];	/* L's message buffer */
	long		 rows;		/* rows read so far */
	char		*late;		/* a setting that does not fit, told
					 * after the rows (NULL: none) */
	int		 late_usage;	/* ... and it is the command line's */
	int		 usage;		/* the last error is the command
					 * line's fault */
	int		 ended;		/* the last row has been read */
	struct npy_source *np;		/* NumPy input (L.r NULL), or NULL */
	char		*npname;	/* its name */
	struct sheetfile_batch *own;	/* sheetfile_read's batch */
	int		 for_table;	/* sheetfile_for_table: batches keep
					 * their cells' text, blocks exps */
};

/* Reads the '#' settings and the header, up to the first row. */
static int
sf_read_head(struct sf_load *L)
{
	struct csv_record rec;
	int rc;

	while ((rc = csv_next(L->r, &rec, L->err, L->errlen)) > 0) {
		L->line = rec.line;
		if (!rec.comment)
			break;
		if (sf_comment(L, rec.fields[0]) < 0)
			return -1;
	}
	if (rc < 0)
		return -1;
	if (rc == 0) {
		L->line = L->line ? L->line : 1;
		return sf_fail(L, "no header line (the file is empty)");
	}
	if (sf_header(L, &rec) < 0)
		return -1;
	csv_set_comments(L->r, 0);
	return 0;
}

/* Keeps the first settings error ERR, to be told once the rows have been
 * read: a bad row before it, or a file without rows, is told first. */
static void
sf_defer(struct sheetfile_stream *st, const char *err, int usage)
{
	if (st->late == NULL && (st->late = strdup(err)) != NULL)
		st->late_usage = usage;
}

/* Applies the file's settings, then CLI's over them, to the empty sheet,
 * so that every row is computed once, as a whole-file load would: a
 * clash the command line causes is its own (a usage error), one the file
 * causes alone is the file's, with its line.  SRC names the file in
 * messages about the merged settings. */
static void
sf_settle(struct sheetfile_stream *st, const struct sheetfile_settings *cli,
    const char *src)
{
	struct sf_load *L = &st->L;
	struct sheetfile_settings merged;
	char err[1024];

	sheet_set_target_style(L->s, L->has_label ? SHEET_TARGET_LABEL :
	    L->nis ? SHEET_TARGET_ONEHOT : SHEET_TARGET_NONE);
	if (sheetfile_apply(L->s, &L->info->set, L->r ? csv_name(L->r) :
	    L->name, err,
	    sizeof(err)) < 0) {
		sf_defer(st, err, 0);
		return;
	}
	if (cli == NULL)
		return;
	memset(&merged, 0, sizeof(merged));
	if (sheetfile_settings_merge(&merged, &L->info->set) < 0 ||
	    sheetfile_settings_merge(&merged, cli) < 0)
		sf_defer(st, "out of memory", 0);
	else if (sheetfile_apply(L->s, &merged, src, err, sizeof(err)) < 0)
		sf_defer(st, err, strncmp(err, src, strlen(src)) != 0);
	sheetfile_settings_free(&merged);
}

/* Frees the stream; the reader too, which may be NULL. */
void
sheetfile_close(struct sheetfile_stream *st)
{
	if (st == NULL)
		return;
	csv_close(st->L.r);
	npy_source_close(st->np);
	free(st->npname);
	sheet_free(st->L.s);
	free(st->L.a);
	free(st->L.y);
	free(st->late);
	sheetfile_batch_free(st->own);
	free(st);
}

/* Reads the start of R into a new stream; NULL (R closed, INFO freed)
 * with the message in ERR on failure. */
static struct sheetfile_stream *
sf_open(struct csv_reader *r, const struct sheetfile_settings *cli,
    const char *src, struct sheetfile_info *info, char *err, size_t errlen)
{
	struct sheetfile_stream *st = calloc(1, sizeof(*st));

	memset(info, 0, sizeof(*info));
	if (st == NULL) {
		snprintf(err, errlen, "%s: out of memory", csv_name(r));
		csv_close(r);
		return NULL;
	}
	st->L.r = r;
	st->L.cli = cli;
	st->L.info = info;
	st->L.err = st->err;
	st->L.errlen = sizeof(st->err);
	if (sf_read_head(&st->L) < 0) {
		snprintf(err, errlen, "%s", st->err);
		sheetfile_close(st);
		sheetfile_info_free(info);
		return NULL;
	}
	sf_settle(st, cli, src);
	st->L.cli = NULL;	/* only the header needed it */
	return st;
}

/* The columns of NumPy input SRC into INFO: the label, then the classes,
 * and the empty sheet they make in L; -1 when out of memory. */
static int
sf_numpy_cols(struct sf_load *L, const struct npy_source *src)
{
	int k = npy_source_classes(src), lab = npy_source_has_labels(src), i;
	const char **names = calloc(k, sizeof(char *));
	struct sheetfile_info *info = L->info;

	info->cols = calloc(k + lab, sizeof(*info->cols));
	if (names == NULL || info->cols == NULL) {
		free(names);
		return -1;
	}
	info->ncols = k + lab;
	if (lab)
		info->cols[0] = (struct sheetfile_col){ SF_COL_LABEL, 0,
		    strdup("label") };
	for (i = 0; i < k; i++) {
		names[i] = npy_source_class_name(src, i);
		info->cols[lab + i] = (struct sheetfile_col){ SF_COL_ACT, i,
		    strdup(names[i]) };
	}
	for (i = 0; i < info->ncols; i++)
		if (info->cols[i].name == NULL)
			k = -1;
	L->k = k;
	L->has_label = lab;
	L->s = k > 0 ? sheet_new(k, names) : NULL;
	free(names);
	L->a = calloc(k > 0 ? k : 1, sizeof(double));
	L->y = calloc(k > 0 ? k : 1, sizeof(double));
	return L->s != NULL && L->a != NULL && L->y != NULL ? 0 : -1;
}

/* Opens NumPy input PATH (see npy.h) as a stream whose rows come from
 * the arrays: CLI's labels and classes, and probs mode when the array
 * was named probs (the command line's mode over it). */
static struct sheetfile_stream *
sf_open_numpy(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, char *err, size_t errlen)
{
	struct sheetfile_stream *st = calloc(1, sizeof(*st));
	char msg[256];

	if (st == NULL || (st->npname = strdup(path)) == NULL) {
		free(st);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	st->L.name = st->npname;
	st->L.info = info;
	st->L.err = st->err;
	st->L.errlen = sizeof(st->err);
	st->np = npy_source_open(path, cli ? cli->labels : NULL,
	    cli ? cli->classes : NULL, err, errlen);
	if (st->np == NULL) {
		sheetfile_close(st);
		return NULL;
	}
	if (sf_numpy_cols(&st->L, st->np) < 0 || (npy_source_probs(st->np) &&
	    sheetfile_setting(&info->set, SF_MODE, "probs", msg,
	    sizeof(msg)) < 0)) {
		snprintf(err, errlen, "%s: out of memory", path);
		sheetfile_close(st);
		sheetfile_info_free(info);
		return NULL;
	}
	sf_settle(st, cli, path);
	return st;
}

/* Reads up to MAX rows of NumPy input into B; as sheetfile_parse. */
static long
sf_numpy_parse(struct sheetfile_stream *st, struct sheetfile_batch *b,
    long max, char *err, size_t errlen)
{
	long n, r, first = st->rows;

	if (st->late != NULL) {
		/* As sf_end: a setting that does not fit fails the read. */
		st->ended = 1;
		snprintf(err, errlen, "%s", st->late);
		st->usage = st->late_usage;
		return -1;
	}
	n = npy_source_fill(st->np, b->a, b->y, max);
	for (r = 0; r < n; r++) {
		b->line[r] = first + r + 1;
		b->bits[r] = npy_source_has_labels(st->np) ? SF_ROW_TARGET : 0;
		b->idoff[r] = 0;
	}
	b->n = n;
	st->rows += n;
	st->ended = n == 0;
	return n;
}

struct sheetfile_stream *
sheetfile_open(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, char *err, size_t errlen)
{
	struct csv_reader *r;

	memset(info, 0, sizeof(*info));
	if (npy_is_numpy(path))
		return sf_open_numpy(path, cli, info, err, errlen);
	if ((r = csv_open_file(path, err, errlen)) == NULL)
		return NULL;
	return sf_open(r, cli, path, info, err, errlen);
}

/* The grid's limit given by --max-bytes; 0: the default. */
static unsigned long long sf_max_bytes;

void
sheetfile_set_max_bytes(unsigned long long n)
{
	sf_max_bytes = n;
}

unsigned long long
sheetfile_max_bytes(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	unsigned long long phys;

	if (sf_max_bytes > 0)
		return sf_max_bytes;
	if (pages <= 0 || size <= 0)
		return SHEETFILE_MAX_FLOOR;
	phys = (unsigned long long)pages * (unsigned long long)size;
	return phys / SHEETFILE_MAX_SHARE > SHEETFILE_MAX_FLOOR ?
	    phys / SHEETFILE_MAX_SHARE : SHEETFILE_MAX_FLOOR;
}

struct sheetfile_stream *
sheetfile_open_capped(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, char *err, size_t errlen)
{
	struct csv_reader *r;

	memset(info, 0, sizeof(*info));
	if (npy_is_numpy(path))
		return sf_open_numpy(path, cli, info, err, errlen);
	if ((r = csv_open_regular(path, sheetfile_max_bytes(), err,
	    errlen)) == NULL)
		return NULL;
	return sf_open(r, cli, path, info, err, errlen);
}

struct sheetfile_stream *
sheetfile_open_mem(const char *name, const char *buf, size_t len,
    const struct sheetfile_settings *cli, struct sheetfile_info *info,
    char *err, size_t errlen)
{
	struct csv_reader *r;

	memset(info, 0, sizeof(*info));
	if ((r = csv_open_mem(name, buf, len)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", name);
		return NULL;
	}
	return sf_open(r, cli, name, info, err, errlen);
}

struct sheet *
sheetfile_block(const struct sheetfile_stream *st)
{
	const struct sheet *t = st->L.s;
	const char **names = calloc(sheet_classes(t), sizeof(char *));
	struct sheet *s = NULL;
	int k;

	for (k = 0; names != NULL && k < sheet_classes(t); k++)
		names[k] = sheet_class_name(t, k);
	if (names != NULL)
		s = sheet_new(sheet_classes(t), names);
	free(names);
	if (s == NULL)
		return NULL;
	for (k = 0; k < sheet_texts(t); k++)
		if (sheet_add_text(s, sheet_text_name(t, k)) < 0) {
			sheet_free(s);
			return NULL;
		}
	sheet_set_title(s, sheet_title(t));
	sheet_set_target_style(s, sheet_target_style(t));
	if (sheet_set_opts(s, sheet_opts(t), NULL, 0) < 0 ||
	    (st->for_table && sheet_keep_exp(s) < 0)) {
		sheet_free(s);
		return NULL;
	}
	return s;
}

long
sheetfile_block_rows(int k)
{
	long n = SHEETFILE_BLOCK;

	/* About 2 MB of a block's per-class arrays, at most. */
	while (n > 1 && n * (long)k > (SHEETFILE_BLOCK * 16L))
		n /= 2;
	return n;
}

/* The end of the input: a file without rows, or a deferred settings
 * error, fails now. */
static long
sf_end(struct sheetfile_stream *st, long n, char *err, size_t errlen)
{
	st->ended = 1;
	if (st->rows == 0) {
		sf_fail(&st->L, "no rows under the header: a sheet needs at "
		    "least one");
		snprintf(err, errlen, "%s", st->err);
		return -1;
	}
	if (st->late != NULL) {
		snprintf(err, errlen, "%s", st->late);
		st->usage = st->late_usage;
		return -1;
	}
	return n;
}

struct sheetfile_batch *
sheetfile_batch_new(const struct sheetfile_stream *st, long max)
{
	struct sheetfile_batch *b = calloc(1, sizeof(*b));
	size_t k = (size_t)st->L.k;

	if (b == NULL)
		return NULL;
	b->k = st->L.k;
	b->cap = max > 0 ? max : 1;
	b->onehot = st->L.nis > 0;
	b->a = malloc(b->cap * k * sizeof(double));
	b->y = malloc(b->cap * k * sizeof(double));
	b->line = malloc(b->cap * sizeof(long));
	b->bits = malloc(b->cap);
	b->idoff = malloc(b->cap * sizeof(size_t));
	b->ntext = st->L.ntext;
	b->txoff = malloc((b->cap * b->ntext + 1) * sizeof(size_t));
	if (st->for_table && st->np == NULL) {
		b->echo = malloc(b->cap * k * NUM_ECHO_MAX);
		b->echolen = malloc(b->cap * k);
		if (!b->echo || !b->echolen) {
			sheetfile_batch_free(b);
			return NULL;
		}
	}
	if (!b->a || !b->y || !b->line || !b->bits || !b->idoff || !b->txoff) {
		sheetfile_batch_free(b);
		return NULL;
	}
	return b;
}

void
sheetfile_batch_free(struct sheetfile_batch *b)
{
	if (b == NULL)
		return;
	free(b->a);
	free(b->y);
	free(b->line);
	free(b->bits);
	free(b->idoff);
	free(b->txoff);
	free(b->pool);
	free(b->echo);
	free(b->echolen);
	free(b);
}

/* Puts B's row R's text cells into row AT of S; -1 when out of memory. */
static int
sf_batch_texts(const struct sheetfile_batch *b, long r, struct sheet *s,
    long at)
{
	const size_t *off = b->txoff + (size_t)r * b->ntext;
	int j;

	for (j = 0; j < b->ntext; j++)
		if (sheet_set_text(s, at, j, b->pool + off[j] - 1) < 0)
			return -1;
	return 0;
}

long
sheetfile_batch_rows(const struct sheetfile_batch *b)
{
	return b->n;
}

/* Points the next row's inputs at B's row N (is_ targets start at 0,
 * as cells left out of the header read), or at the load's own. */
static void
sf_row_dest(struct sf_load *L, struct sheetfile_batch *b)
{
	if (b == NULL) {
		L->ra = L->a;
		L->ry = L->y;
		return;
	}
	L->ra = b->a + (size_t)b->n * b->k;
	L->ry = b->y + (size_t)b->n * b->k;
	if (b->onehot)
		memset(L->ry, 0, b->k * sizeof(double));
}

long
sheetfile_parse(struct sheetfile_stream *st, struct sheetfile_batch *b,
    long max, char *err, size_t errlen)
{
	struct sf_load *L = &st->L;
	struct csv_record rec;
	int rc;

	b->n = 0;
	b->poollen = 0;
	if (st->ended)
		return 0;
	if (max > b->cap)
		max = b->cap;
	if (st->np != NULL)
		return sf_numpy_parse(st, b, max, err, errlen);
	/* Once a setting is known not to fit, rows are only checked. */
	L->batch = st->late == NULL ? b : NULL;
	while (b->n < max) {
		if ((rc = csv_next(L->r, &rec, err, errlen)) == 0)
			return sf_end(st, b->n, err, errlen);
		if (rc < 0)
			return -1;
		L->line = rec.line;
		sf_row_dest(L, L->batch);
		if (sf_row(L, &rec) < 0) {
			snprintf(err, errlen, "%s", st->err);
			return -1;
		}
		st->rows++;
	}
	return b->n;
}

int
sheetfile_batch_put(const struct sheetfile_stream *st,
    const struct sheetfile_batch *b, struct sheet *s, char *err,
    size_t errlen)
{
	const double *a, *y;
	long r, at;
	int has;

	for (r = 0; r < b->n; r++) {
		a = b->a + (size_t)r * b->k;
		y = b->y + (size_t)r * b->k;
		has = (b->bits[r] & SF_ROW_TARGET) != 0;
		if ((at = sheet_append(s, b->idoff[r] ? b->pool + b->idoff[r] -
		    1 : NULL, a, has ? y : NULL, (b->bits[r] & SF_ROW_INDEX) !=
		    0)) < 0 || sf_batch_texts(b, r, s, at) < 0) {
			snprintf(err, errlen, "%s:%ld: out of memory",
			    st->np != NULL ? st->npname : csv_name(st->L.r),
			    b->line[r]);
			return -1;
		}
	}
	return 0;
}

/* Rows parsed into one batch at a time by sheetfile_read. */
#define SF_READ_BATCH 1024L

long
sheetfile_read(struct sheetfile_stream *st, struct sheet *s, long max,
    char *err, size_t errlen)
{
	long n = 0, got, want;

	if (st->own == NULL &&
	    (st->own = sheetfile_batch_new(st, SF_READ_BATCH)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", csv_name(st->L.r));
		return -1;
	}
	while (n < max) {
		want = max - n < SF_READ_BATCH ? max - n : SF_READ_BATCH;
		got = sheetfile_parse(st, st->own, want, err, errlen);
		if (st->own->n > 0 &&
		    sheetfile_batch_put(st, st->own, s, err, errlen) < 0)
			return -1;
		if (got < 0)
			return -1;
		n += got;
		if (got < want)
			break;
	}
	return n;
}

void
sheetfile_for_table(struct sheetfile_stream *st)
{
	st->for_table = 1;
}

long
sheetfile_rows_read(const struct sheetfile_stream *st, unsigned long long *bytes)
{
	if (st->np != NULL)
		return npy_source_rows_read(st->np, bytes);
	*bytes = csv_bytes(st->L.r);
	return st->rows;
}

int
sheetfile_usage_error(const struct sheetfile_stream *st)
{
	return st->usage;
}

struct sheet *
sheetfile_read_all(struct sheetfile_stream *st, char *err, size_t errlen)
{
	struct sheet *s = sheetfile_block(st);
	long n;

	if (s == NULL) {
		snprintf(err, errlen, "%s: out of memory", st->L.r ?
		    csv_name(st->L.r) : st->npname);
		return NULL;
	}
	while ((n = sheetfile_read(st, s, LONG_MAX, err, errlen)) > 0)
		;
	if (n < 0) {
		sheet_free(s);
		return NULL;
	}
	return s;
}

/* Loads an opened stream whole; NULL and INFO freed on failure. */
static struct sheet *
sf_load_all(struct sheetfile_stream *st, struct sheetfile_info *info,
    char *err, size_t errlen)
{
	struct sheet *s;

	if (st == NULL)
		return NULL;
	s = sheetfile_read_all(st, err, errlen);
	sheetfile_close(st);
	if (s == NULL)
		sheetfile_info_free(info);
	return s;
}

struct sheet *
sheetfile_load(const char *path, struct sheetfile_info *info, char *err,
    size_t errlen)
{
	return sf_load_all(sheetfile_open_capped(path, NULL, info, err, errlen),
	    info, err, errlen);
}

struct sheet *
sheetfile_load_mem(const char *name, const char *buf, size_t len,
    struct sheetfile_info *info, char *err, size_t errlen)
{
	return sf_load_all(sheetfile_open_mem(name, buf, len, NULL, info, err,
	    errlen), info, err, errlen);
}

void
sheetfile_info_free(struct sheetfile_info *info)
{
	int i;

	for (i = 0; i < info->ncols; i++)
		free(info->cols[i].name);
	free(info->cols);
	sheetfile_settings_free(&info->set);
	memset(info, 0, sizeof(*info));
}

/* ------------------------------------------------------------------ */
/* Writing                                                            */
/* ------------------------------------------------------------------ */

/* A table being written: its text built in memory, written to the stream
 * with one fwrite (stdio per cell costs more than formatting the number),
 * the format, and the cell count. */
struct sf_out {
	FILE			*f;
	enum sheetfile_format	 fmt;
	int			 ncell;		/* cells on this line so far */
	char			*b;		/* the text so far */
	size_t			 len, cap;
	int			 oom;		/* an allocation failed */
	/* The batch the rows came from, whose kept activation texts are
	 * copied rather than formatted again; NULL: none. */
	const struct sheetfile_batch *echo;
	size_t			 numat;		/* where the last number
						 * sf_putnum wrote begins */
};

/* Makes room for N more bytes; 0, or -1 (noted) when out of memory. */
static int
sf_room(struct sf_out *o, size_t n)
{
	size_t cap = o->cap ? o->cap : 1 << 16;
	char *nb;

	if (o->len + n <= o->cap)
		return 0;
	while (cap < o->len + n)
		cap *= 2;
	if ((nb = realloc(o->b, cap)) == NULL) {
		o->oom = 1;
		return -1;
	}
	o->b = nb;
	o->cap = cap;
	return 0;
}

/* Appends the N bytes at P (which may be NULL when N is 0). */
static void
sf_bytes(struct sf_out *o, const char *p, size_t n)
{
	if (n > 0 && sf_room(o, n) == 0) {
		memcpy(o->b + o->len, p, n);
		o->len += n;
	}
}

/* Appends the string P. */
static void
sf_str(struct sf_out *o, const char *p)
{
	sf_bytes(o, p, strlen(p));
}

/* Writes what O holds to its stream, once it holds a good deal or at
 * once with FORCE.  -1 on a write error or after an allocation failed. */
static int
sf_out_flush(struct sf_out *o, int force)
{
	if (o->f == NULL || (!force && o->len < (1u << 20)))
		return 0;
	if (!o->oom && o->len > 0 && fwrite(o->b, 1, o->len, o->f) != o->len)
		o->oom = 1;
	o->len = 0;
	return o->oom ? -1 : 0;
}

/* Writes what O holds and frees it: -1 on a write error or after an
 * allocation failed. */
static int
sf_out_end(struct sf_out *o)
{
	int rc = sf_out_flush(o, 1);

	free(o->b);
	o->b = NULL;
	o->cap = 0;
	return rc == 0 && !ferror(o->f) ? 0 : -1;
}

/* Writes the separator before the next cell. */
static void
sf_sep(struct sf_out *o)
{
	if (o->ncell++ == 0) {
		if (o->fmt == SF_MD)
			sf_bytes(o, "| ", 2);
	} else if (o->fmt == SF_CSV)
		sf_bytes(o, ",", 1);
	else if (o->fmt == SF_TSV)
		sf_bytes(o, "\t", 1);
	else
		sf_bytes(o, " | ", 3);
}

/* Writes one text cell, escaped for the format. */
static void
sf_put(struct sf_out *o, const char *text)
{
	char small[256], *q;
	size_t need;
	const char *t;

	sf_sep(o);
	if (o->fmt == SF_CSV) {
		need = csv_quote(small, sizeof(small), text);
		q = need < sizeof(small) ? small : malloc(need + 1);
		if (q == NULL) {
			o->oom = 1;
			return;
		}
		if (q != small)
			csv_quote(q, need + 1, text);
		sf_bytes(o, q, need);
		if (q != small)
			free(q);
		return;
	}
	for (t = text; *t != '\0'; t++) {
		if (*t == '\t' || *t == '\n' || *t == '\r')
			sf_bytes(o, " ", 1);
		else if (*t == '|' && o->fmt == SF_MD)
			sf_bytes(o, "\\|", 2);
		else
			sf_bytes(o, t, 1);
	}
}

/* Writes one number cell: full precision, or rounded in Markdown. */
static void
sf_putnum(struct sf_out *o, double x)
{
	char buf[NUM_BUFSZ];

	/* A number never needs quoting or escaping in any format. */
	if (o->fmt == SF_MD) {
		num_format_round(buf, sizeof(buf), x, 5);
		sf_sep(o);
		sf_str(o, buf);
		return;
	}
	if (sf_room(o, NUM_BUFSZ + 1) < 0)
		return;
	if (o->ncell++ > 0)
		o->b[o->len++] = o->fmt == SF_CSV ? ',' : '\t';
	o->numat = o->len;
	o->len += num_format_n(o->b + o->len, x);
}

/* Writes X, which follows the number cell just written for PREV: when
 * the two are the same double (the if-form most often equals the loss),
 * that cell's text again, not a second formatting. */
static void
sf_putnum_again(struct sf_out *o, double x, double prev)
{
	size_t n = o->len - o->numat;

	if (o->fmt == SF_MD || memcmp(&x, &prev, sizeof(x)) != 0 ||
	    n >= NUM_BUFSZ || sf_room(o, NUM_BUFSZ + 1) < 0) {
		sf_putnum(o, x);
		return;
	}
	o->ncell++;
	o->b[o->len++] = o->fmt == SF_CSV ? ',' : '\t';
	memcpy(o->b + o->len, o->b + o->numat, n);
	o->numat = o->len;
	o->len += n;
}

/* Writes activation cell K of row R: the batch's copy of its text when
 * there is one (the bytes num_format_n would write), else the number. */
static void
sf_putact(struct sf_out *o, const struct sheet *s, long r, int k)
{
	const struct sheetfile_batch *b = o->echo;
	size_t at, n;

	if (b == NULL || (n = b->echolen[at = (size_t)r * b->k + k]) == 0) {
		sf_putnum(o, sheet_act(s, r, k));
		return;
	}
	if (sf_room(o, NUM_ECHO_MAX + 1) < 0)
		return;
	if (o->ncell++ > 0)
		o->b[o->len++] = o->fmt == SF_CSV ? ',' : '\t';
	/* The whole slot at once: a fixed-size move, not a call. */
	memcpy(o->b + o->len, b->echo + at * NUM_ECHO_MAX, NUM_ECHO_MAX);
	o->len += n;
}

/* Ends a line; Markdown closes the row and, after the header, rules it. */
static void
sf_endline(struct sf_out *o, int header)
{
	int i, n = o->ncell;

	sf_str(o, o->fmt == SF_MD ? " |\n" : "\n");
	o->ncell = 0;
	if (o->fmt != SF_MD || !header)
		return;
	for (i = 0; i < n; i++)
		sf_str(o, "|---");
	sf_str(o, "|\n");
}

/* Writes the cell PREFIX followed by NAME, however long NAME is. */
static void
sf_put_joined(struct sf_out *o, const char *prefix, const char *name)
{
	size_t n = strlen(prefix) + strlen(name) + 1;
	char *cell = malloc(n);

	if (cell == NULL)
		return;
	snprintf(cell, n, "%s%s", prefix, name);
	sf_put(o, cell);
	free(cell);
}

/* Writes "PREFIX<class>" for every class. */
static void
sf_put_prefixed(struct sf_out *o, const struct sheet *s, const char *prefix)
{
	int k;

	for (k = 0; k < sheet_classes(s); k++)
		sf_put_joined(o, prefix, sheet_class_name(s, k));
}

/* The canonical input columns of S, for writing without file order. */
static int
sf_canonical(const struct sheet *s, struct sheetfile_col *c, int withid,
    enum sheet_targets t)
{
	int n = 0, k;

	if (withid)
		c[n++] = (struct sheetfile_col){ SF_COL_ID, 0, "id" };
	for (k = 0; k < sheet_texts(s); k++)
		c[n++] = (struct sheetfile_col){ SF_COL_TEXT, k, NULL };
	if (t == SHEET_TARGET_LABEL)
		c[n++] = (struct sheetfile_col){ SF_COL_LABEL, 0, "label" };
	for (k = 0; t == SHEET_TARGET_ONEHOT && k < sheet_classes(s); k++)
		c[n++] = (struct sheetfile_col){ SF_COL_IS, k, NULL };
	for (k = 0; k < sheet_classes(s); k++)
		c[n++] = (struct sheetfile_col){ SF_COL_ACT, k, NULL };
	return n;
}

/* Writes the header names of input columns C. */
static void
sf_put_header(struct sf_out *o, const struct sheet *s,
    const struct sheetfile_col *c, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (c[i].role == SF_COL_IS)
			sf_put_joined(o, "is_", sheet_class_name(s, c[i].k));
		else if (c[i].role == SF_COL_ACT)
			sf_put(o, sheet_class_name(s, c[i].k));
		else if (c[i].role == SF_COL_TEXT)
			sf_put(o, sheet_text_name(s, c[i].k));
		else
			sf_put(o, c[i].name);
	}
}

/* Writes the name of outcome C (as sheet_outcome_name gives it) without
 * a copy for the usual case, a class's own name. */
static void
sf_put_outcome(struct sf_out *o, const struct sheet *s, int c)
{
	if (c < 0)
		sf_put(o, "");
	else if (sheet_is_binary(s) && c == 1)
		sf_put_joined(o, "not_", sheet_class_name(s, 0));
	else
		sf_put(o, sheet_class_name(s, c));
}

/* Writes the whole number V >= 0 as a cell, without printf. */
static void
sf_put_index(struct sf_out *o, int v)
{
	char buf[16];
	int i = (int)sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && i > 0);
	sf_put(o, buf + i);
}

/* Writes row R's label cell as it was given: name, index, or empty. */
static void
sf_put_label(struct sf_out *o, const struct sheet *s, long r)
{
	int t = sheet_target(s, r);

	if (!sheet_has_target(s, r) || t < 0)
		sf_put(o, "");
	else if (sheet_label_index(s, r))
		/* Binary labels say whether the row is the class: 1 or 0. */
		sf_put_index(o, sheet_is_binary(s) ? t == 0 : t);
	else
		sf_put_outcome(o, s, t);
}

/* Writes row R's input cells in the order of C. */
static void
sf_put_inputs(struct sf_out *o, const struct sheet *s, long r,
    const struct sheetfile_col *c, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (c[i].role == SF_COL_ID)
			sf_put(o, sheet_id(s, r));
		else if (c[i].role == SF_COL_LABEL)
			sf_put_label(o, s, r);
		else if (c[i].role == SF_COL_ACT)
			sf_putact(o, s, r, c[i].k);
		else if (c[i].role == SF_COL_TEXT)
			sf_put(o, sheet_text(s, r, c[i].k));
		else if (sheet_has_target(s, r))
			sf_putnum(o, sheet_y(s, r, c[i].k));
		else
			sf_put(o, "");
	}
}

/* Writes the derived header: exp_*, sum, p_*, pred, loss, if_form, flags. */
static void
sf_put_derived_header(struct sf_out *o, const struct sheet *s)
{
	if (sheet_opts(s)->mode == SHEET_LOGITS)
		sf_put_prefixed(o, s, "exp_");
	sf_put(o, "sum");
	sf_put_prefixed(o, s, "p_");
	sf_put(o, "pred");
	sf_put(o, "loss");
	sf_put(o, "if_form");
	sf_put(o, "flags");
}

/* Writes row R's derived cells. */
static void
sf_put_derived(struct sf_out *o, const struct sheet *s, long r)
{
	char buf[512];
	int k, has = sheet_has_target(s, r);

	for (k = 0; sheet_opts(s)->mode == SHEET_LOGITS &&
	    k < sheet_classes(s); k++)
		sf_putnum(o, sheet_exp(s, r, k));
	sf_putnum(o, sheet_sum(s, r));
	for (k = 0; k < sheet_classes(s); k++)
		sf_putnum(o, sheet_p(s, r, k));
	sf_put_outcome(o, s, sheet_pred(s, r));
	if (has) {
		sf_putnum(o, sheet_loss(s, r));
		sf_putnum_again(o, sheet_if_form(s, r), sheet_loss(s, r));
	} else {
		sf_put(o, "");
		sf_put(o, "");
	}
	sf_put(o, sheet_flags_format(buf, sizeof(buf), sheet_flags(s, r)));
}

/* 1 when some row of S has a label. */
static int
sf_any_id(const struct sheet *s)
{
	long r;

	for (r = 0; r < sheet_rows(s); r++)
		if (*sheet_id(s, r) != '\0')
			return 1;
	return 0;
}

/* Where a column of role R goes in the table: ids, text, the rest. */
static int
sf_table_rank(enum sheetfile_role r)
{
	return r == SF_COL_ID ? 0 : r == SF_COL_TEXT ? 1 : 2;
}

/* INFO's columns with the text ones moved right after the id (malloc'd;
 * NULL when out of memory), as the table shows them. */
static struct sheetfile_col *
sf_text_first(const struct sheetfile_info *info, int *n)
{
	struct sheetfile_col *c = malloc(info->ncols * sizeof(*c));
	int i, m = 0, rank;

	if (c == NULL)
		return NULL;
	for (rank = 0; rank < 3; rank++)
		for (i = 0; i < info->ncols; i++)
			if (sf_table_rank(info->cols[i].role) == rank)
				c[m++] = info->cols[i];
	*n = m;
	return c;
}

/* The input columns of the table: INFO's, or (*OWNED set, for the caller
 * to free) S's canonical ones.  NULL when out of memory. */
static const struct sheetfile_col *
sf_table_cols(const struct sheet *s, const struct sheetfile_info *info,
    int *n, struct sheetfile_col **owned)
{
	*owned = NULL;
	if (info != NULL && info->ncols > 0 && sheet_texts(s) > 0)
		return *owned = sf_text_first(info, n);
	if (info != NULL && info->ncols > 0) {
		*n = info->ncols;
		return info->cols;
	}
	if ((*owned = calloc(2 * sheet_classes(s) + 2 + sheet_texts(s),
	    sizeof(**owned))) == NULL)
		return NULL;
	*n = sf_canonical(s, *owned, sf_any_id(s), sheet_target_style(s));
	return *owned;
}

/* Puts S's rows into O, writing them out a megabyte at a time when O
 * has a file.  -1 when out of memory for the columns. */
static int
sf_put_rows(struct sf_out *o, const struct sheet *s,
    const struct sheetfile_info *info)
{
	const struct sheetfile_col *c;
	struct sheetfile_col *owned;
	int n;
	long r;

	if ((c = sf_table_cols(s, info, &n, &owned)) == NULL)
		return -1;
	for (r = 0; r < sheet_rows(s); r++) {
		sf_put_inputs(o, s, r, c, n);
		sf_put_derived(o, s, r);
		sf_endline(o, 0);
		sf_out_flush(o, 0);
	}
	free(owned);
	return 0;
}

int
sheetfile_write_head(FILE *f, const struct sheet *s,
    const struct sheetfile_info *info, enum sheetfile_format fmt)
{
	struct sf_out o = { f, fmt, 0, NULL, 0, 0, 0, NULL, 0 };
	const struct sheetfile_col *c;
	struct sheetfile_col *owned;
	int n;

	if ((c = sf_table_cols(s, info, &n, &owned)) == NULL)
		return -1;
	sf_put_header(&o, s, c, n);
	sf_put_derived_header(&o, s);
	sf_endline(&o, 1);
	free(owned);
	return sf_out_end(&o);
}

int
sheetfile_write_rows(FILE *f, const struct sheet *s,
    const struct sheetfile_info *info, enum sheetfile_format fmt)
{
	struct sf_out o = { f, fmt, 0, NULL, 0, 0, 0, NULL, 0 };

	if (sf_put_rows(&o, s, info) < 0)
		return -1;
	return sf_out_end(&o);
}

int
sheetfile_format_rows(char **buf, size_t *len, size_t *cap,
    const struct sheet *s, const struct sheetfile_batch *b,
    const struct sheetfile_info *info, enum sheetfile_format fmt)
{
	struct sf_out o = { NULL, fmt, 0, *buf, *len, *cap, 0, NULL, 0 };

	/* Markdown rounds its numbers, so it has nothing to copy. */
	if (b != NULL && b->echo != NULL && b->n == sheet_rows(s) &&
	    fmt != SF_MD)
		o.echo = b;

	if (sf_put_rows(&o, s, info) < 0)
		return -1;
	*buf = o.b;
	*len = o.len;
	*cap = o.cap;
	return o.oom ? -1 : 0;
}

int
sheetfile_write_table(FILE *f, const struct sheet *s,
    const struct sheetfile_info *info, enum sheetfile_format fmt)
{
	if (sheetfile_write_head(f, s, info, fmt) < 0 ||
	    sheetfile_write_rows(f, s, info, fmt) < 0)
		return -1;
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* Writes "name=value" with a number in full precision. */
static void
sf_kv(FILE *f, const char *name, double v)
{
	char buf[NUM_BUFSZ];

	fprintf(f, "%s=%s\n", name, num_format(buf, sizeof(buf), v));
}

/* Writes the summary lines from their figures; COUNT[i] is flag i's. */
static int
sf_summary(FILE *f, long rows, long targeted, double mean, double accuracy,
    const long *count)
{
	int i;

	fprintf(f, "rows=%ld\n", rows);
	if (targeted > 0) {
		sf_kv(f, "mean_loss", mean);
		sf_kv(f, "accuracy", accuracy);
	} else
		fputs("mean_loss=\naccuracy=\n", f);
	for (i = 0; i < SHEET_NFLAGS; i++)
		fprintf(f, "%s=%ld\n", sheet_flag_name(i), count[i]);
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

int
sheetfile_write_summary(FILE *f, const struct sheet *s)
{
	long count[SHEET_NFLAGS];
	int i;

	for (i = 0; i < SHEET_NFLAGS; i++)
		count[i] = sheet_flag_count(s, 1u << i);
	return sf_summary(f, sheet_rows(s), sheet_target_rows(s),
	    sheet_mean_loss(s), sheet_accuracy(s), count);
}

/* Adds X to the compensated sum (*SUM, *C) (Neumaier's variant of Kahan's,
 * which also holds when X outweighs the running sum). */
static void
sf_neumaier(double *sum, double *c, double x)
{
	double t = *sum + x;

	if (fabs(*sum) >= fabs(x))
		*c += (*sum - t) + x;
	else
		*c += (x - t) + *sum;
	*sum = t;
}

/* The compensated sum's value.  An infinite or NaN sum is kept as it is
 * (its correction is NaN), and a zero correction leaves the sum's bits,
 * so that a single block gives exactly the whole sheet's figure. */
static double
sf_compensated(double sum, double c)
{
	return isfinite(sum) && c != 0 ? sum + c : sum;
}

void
sheetfile_totals_add(struct sheetfile_totals *t, const struct sheet *s)
{
	struct sheet_sums b;
	int i;

	sheet_loss_sums(s, &b);
	t->rows += sheet_rows(s);
	t->targeted += b.targeted;
	t->soft += b.soft;
	t->correct += b.correct;
	sf_neumaier(&t->sum, &t->sum_c, b.sum);
	sf_neumaier(&t->wsum, &t->wsum_c, b.wsum);
	for (i = 0; i < SHEET_NFLAGS; i++)
		t->count[i] += sheet_flag_count(s, 1u << i);
}

double
sheetfile_totals_mean(const struct sheetfile_totals *t)
{
	double den;

	if (t->targeted == 0)
		return NAN;
	/* As sheet_mean_loss: by the weights when every target is one-hot,
	 * by the row count when any is soft. */
	den = t->soft > 0 ? (double)t->targeted :
	    sf_compensated(t->wsum, t->wsum_c);
	return sf_compensated(t->sum, t->sum_c) / den;
}

int
sheetfile_write_totals(FILE *f, const struct sheetfile_totals *t)
{
	return sf_summary(f, t->rows, t->targeted, sheetfile_totals_mean(t),
	    t->targeted ? (double)t->correct / (double)t->targeted : NAN,
	    t->count);
}

/* Writes PREFIX and NAME as a name of a comma list (csv_list_next):
 * quoted as a CSV field when it holds a comma, a quote or edge blanks. */
static void
sf_put_listed(FILE *f, const char *prefix, const char *name)
{
	char small[256], *q;
	size_t need = csv_quote(small, sizeof(small), name);

	q = need < sizeof(small) ? small : malloc(need + 1);
	if (q != small && q != NULL)
		csv_quote(q, need + 1, name);
	fprintf(f, "%s%s", prefix, q != NULL ? q : name);
	if (q != small)
		free(q);
}

/* Writes the '#' settings lines that differ from the defaults. */
static void
sf_write_settings(FILE *f, const struct sheet *s, double step)
{
	const struct sheet_opts *o = sheet_opts(s);
	char buf[NUM_BUFSZ];
	int k;

	fprintf(f, "# mode: %s\n", o->mode == SHEET_PROBS ? "probs" : "logits");
	fprintf(f, "# base: %s\n", o->base == 2 ? "2" : o->base == 10 ? "10" :
	    "e");
	if (*sheet_title(s) != '\0')
		/* A line break would end the setting early. */
		fprintf(f, "# title: %.*s\n", (int)strcspn(sheet_title(s),
		    "\r\n"), sheet_title(s));
	if (o->temperature != 1)
		fprintf(f, "# temperature: %s\n",
		    num_format(buf, sizeof(buf), o->temperature));
	if (o->smoothing != 0)
		fprintf(f, "# label-smoothing: %s\n",
		    num_format(buf, sizeof(buf), o->smoothing));
	if (o->confident != 0.8)
		fprintf(f, "# confident: %s\n",
		    num_format(buf, sizeof(buf), o->confident));
	for (k = 0; o->weights != NULL && k < sheet_classes(s); k++)
		fprintf(f, "%s%s", k ? "," : "# weights: ",
		    num_format(buf, sizeof(buf), o->weights[k]));
	if (o->weights != NULL)
		fputc('\n', f);
	if (step > 0)
		fprintf(f, "# step: %s\n", num_format(buf, sizeof(buf), step));
	for (k = 0; k < sheet_texts(s); k++)
		sf_put_listed(f, k ? "," : "# text: ", sheet_text_name(s, k));
	if (sheet_texts(s) > 0)
		fputc('\n', f);
}

/* The target style a save can honour: a label column holds only one-hot
 * rows, so a soft target anywhere turns it into is_* columns. */
static enum sheet_targets
sf_save_style(const struct sheet *s)
{
	enum sheet_targets t = sheet_target_style(s);
	long r;

	for (r = 0; r < sheet_rows(s); r++) {
		if (!sheet_has_target(s, r))
			continue;
		if (t == SHEET_TARGET_NONE)
			t = SHEET_TARGET_LABEL;
		if (sheet_flags(s, r) & FLAG_NOT_ONE_HOT)
			return SHEET_TARGET_ONEHOT;
	}
	return t;
}

int
sheetfile_write(FILE *f, const struct sheet *s, double step)
{
	struct sf_out o = { f, SF_CSV, 0, NULL, 0, 0, 0, NULL, 0 };
	struct sheetfile_col *c;
	int n;
	long r;

	if ((c = calloc(2 * sheet_classes(s) + 2 + sheet_texts(s),
	    sizeof(*c))) == NULL)
		return -1;
	n = sf_canonical(s, c, sf_any_id(s), sf_save_style(s));
	sf_write_settings(f, s, step);
	sf_put_header(&o, s, c, n);
	sf_endline(&o, 0);
	for (r = 0; r < sheet_rows(s); r++) {
		sf_put_inputs(&o, s, r, c, n);
		sf_endline(&o, 0);
		sf_out_flush(&o, 0);
	}
	free(c);
	if (sf_out_end(&o) < 0)
		return -1;
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* The sheet and step a save writes. */
struct sf_save {
	const struct sheet	*s;
	double			 step;
};

/* save_writer for sheetfile_save. */
static int
sf_save_write(FILE *f, void *arg)
{
	const struct sf_save *sv = arg;

	return sheetfile_write(f, sv->s, sv->step);
}

int
sheetfile_save(const char *path, const struct sheet *s, double step,
    char *err, size_t errlen)
{
	struct sf_save sv = { s, step };

	return save_file(path, sf_save_write, &sv, SAVE_FORCE, NULL, err,
	    errlen);
}
