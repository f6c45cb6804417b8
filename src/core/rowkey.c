/*
 * rowkey.c - sort keys: parsing "KEY [asc|desc]", a row's key value, and
 * a stable sort of row indices.
 *
 * The sort computes every key once, maps it to 64 bits whose unsigned order
 * is the key's order (NaN the largest), and radix-sorts (key, row) pairs
 * least significant digit first: a million rows take a few passes over
 * 16 MB instead of twenty million comparisons.  Radix sorting is stable,
 * so the rows are first put in file order (when they are not already) and
 * ties keep it.  Descending order negates the values, so NaN stays last
 * either way.  Ids are compared as text with digit runs as numbers (qsort,
 * the row breaking ties); when every id is a plain number (the pandas
 * index) they are sorted as numbers instead, the same order and faster.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rowkey.h"

#define ROWKEY_SHOWLEN	32	/* most bytes of input quoted in an error */
#define ROWKEY_NUMLEN	15	/* digits a double holds exactly */
#define ROWKEY_DIGIT	16	/* bits per radix pass */
#define ROWKEY_BUCKETS	(1u << ROWKEY_DIGIT)

/* A key's word, kind and default direction. */
struct rowkey_def {
	const char		*name;
	enum rowkey_kind	 kind;
	int			 desc;
};

static const struct rowkey_def rowkey_defs[] = {
	{ "loss", ROWKEY_LOSS, 1 }, { "p", ROWKEY_P, 0 },
	{ "margin", ROWKEY_MARGIN, 0 }, { "conf", ROWKEY_CONF, 1 },
	{ "label", ROWKEY_LABEL, 0 }, { "pred", ROWKEY_PRED, 0 },
	{ "id", ROWKEY_ID, 0 }, { "row", ROWKEY_ROW, 0 },
};

static const char rowkey_list[] =
    "loss, p, margin, conf, label, pred, id, a[CLASS] or row";

/* A pair the radix sort orders: the mapped key and the row. */
struct rowkey_bits {
	uint64_t	 key;
	long		 row;
};

/* A pair the text sort orders: the id and the row. */
struct rowkey_pair {
	const char	*id;
	long		 row;
};

/* ------------------------------------------------------------------ */
/* Row quantities                                                     */
/* ------------------------------------------------------------------ */

double
rowkey_outcome_p(const struct sheet *s, long r, int c)
{
	if (c < 0)
		return NAN;
	if (sheet_is_binary(s))
		return c == 0 ? sheet_p(s, r, 0) : 1 - sheet_p(s, r, 0);
	return sheet_p(s, r, c);
}

double
rowkey_target_p(const struct sheet *s, long r)
{
	return rowkey_outcome_p(s, r, sheet_target(s, r));
}

double
rowkey_conf(const struct sheet *s, long r)
{
	return rowkey_outcome_p(s, r, sheet_pred(s, r));
}

double
rowkey_margin(const struct sheet *s, long r)
{
	int t = sheet_target(s, r), c, n = sheet_classes(s);
	double best = NAN, p;

	if (t < 0)
		return NAN;
	if (n == 1)
		n = 2;
	for (c = 0; c < n; c++) {
		p = rowkey_outcome_p(s, r, c);
		if (c != t && !isnan(p) && (isnan(best) || p > best))
			best = p;
	}
	return rowkey_outcome_p(s, r, t) - best;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                            */
/* ------------------------------------------------------------------ */

/* 1 when C is white space. */
static int
rowkey_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/* Writes "WHAT 'TOK'" (TOK LEN bytes, shortened) into ERR; returns -1. */
static int
rowkey_fail(char *err, size_t errlen, const char *what, const char *tok,
    size_t len)
{
	if (err == NULL || errlen == 0)
		return -1;
	if (len > ROWKEY_SHOWLEN)
		snprintf(err, errlen, "%s '%.*s...'", what, ROWKEY_SHOWLEN,
		    tok);
	else
		snprintf(err, errlen, "%s '%.*s'", what, (int)len, tok);
	return -1;
}

/* The class TEXT (LEN bytes) names: a class name, else a 0-based index;
 * -1 when neither. */
static int
rowkey_class(const struct sheet *s, const char *text, size_t len)
{
	char buf[256];
	size_t i;
	int k;

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	if ((k = sheet_class_index(s, buf)) >= 0)
		return k;
	for (i = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++)
		;
	if (i == 0 || i != len || i > 9)
		return -1;
	k = atoi(buf);
	return k < sheet_classes(s) ? k : -1;
}

/* Reads "a[CLASS]" at T (LEN bytes up to the first space after the ']');
 * *END gets the byte after ']'.  0 or -1 with the reason. */
static int
rowkey_act(const struct sheet *s, const char *t, struct rowkey *k,
    const char **end, char *err, size_t errlen)
{
	const char *close = strchr(t + 2, ']');

	if (close == NULL)
		return rowkey_fail(err, errlen, "expected ']' after", t,
		    strlen(t));
	k->kind = ROWKEY_ACT;
	k->desc = 1;
	k->cls = rowkey_class(s, t + 2, close - (t + 2));
	if (k->cls < 0)
		return rowkey_fail(err, errlen, "unknown class", t + 2,
		    close - (t + 2));
	*end = close + 1;
	return 0;
}

/* Reads the key word at T into K; *END gets the byte after it. */
static int
rowkey_word(const struct sheet *s, const char *t, struct rowkey *k,
    const char **end, char *err, size_t errlen)
{
	size_t len = 0, i;

	if (t[0] == 'a' && t[1] == '[')
		return rowkey_act(s, t, k, end, err, errlen);
	while (t[len] != '\0' && !rowkey_isspace(t[len]))
		len++;
	for (i = 0; i < sizeof(rowkey_defs) / sizeof(rowkey_defs[0]); i++)
		if (strlen(rowkey_defs[i].name) == len &&
		    strncmp(rowkey_defs[i].name, t, len) == 0) {
			k->kind = rowkey_defs[i].kind;
			k->desc = rowkey_defs[i].desc;
			k->cls = -1;
			*end = t + len;
			return 0;
		}
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "unknown sort key '%.*s%s' (%s)",
		    len > ROWKEY_SHOWLEN ? ROWKEY_SHOWLEN : (int)len, t,
		    len > ROWKEY_SHOWLEN ? "..." : "", rowkey_list);
	return -1;
}

/* Reads the optional direction at T (spaces skipped) into K. */
static int
rowkey_dir(const char *t, struct rowkey *k, char *err, size_t errlen)
{
	size_t len = 0;

	while (rowkey_isspace(*t))
		t++;
	while (t[len] != '\0' && !rowkey_isspace(t[len]))
		len++;
	if (len == 0)
		return 0;
	if (len == 3 && strncmp(t, "asc", 3) == 0)
		k->desc = 0;
	else if (len == 4 && strncmp(t, "desc", 4) == 0)
		k->desc = 1;
	else
		return rowkey_fail(err, errlen, "expected asc or desc, not",
		    t, strlen(t));
	for (t += len; rowkey_isspace(*t); t++)
		;
	if (*t != '\0')
		return rowkey_fail(err, errlen, "trailing text", t, strlen(t));
	return 0;
}

int
rowkey_parse(const struct sheet *s, const char *text, struct rowkey *k,
    char *err, size_t errlen)
{
	struct rowkey out;
	const char *t = text != NULL ? text : "", *end;

	while (rowkey_isspace(*t))
		t++;
	if (*t == '\0') {
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "sort needs a key (%s)",
			    rowkey_list);
		return -1;
	}
	if (rowkey_word(s, t, &out, &end, err, errlen) < 0)
		return -1;
	if (*end != '\0' && !rowkey_isspace(*end))
		return rowkey_fail(err, errlen, "unknown sort key", t,
		    strcspn(t, " \t\n\r\v\f"));
	if (rowkey_dir(end, &out, err, errlen) < 0)
		return -1;
	*k = out;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Values and comparison                                              */
/* ------------------------------------------------------------------ */

/* The number a plain id of digits is, else NaN. */
static double
rowkey_id_number(const char *id)
{
	size_t i;

	for (i = 0; id[i] >= '0' && id[i] <= '9'; i++)
		;
	if (i == 0 || i > ROWKEY_NUMLEN || id[i] != '\0')
		return NAN;
	return strtod(id, NULL);
}

/* A class or target index, NaN for -1 (none). */
static double
rowkey_index(int c)
{
	return c < 0 ? NAN : c;
}

double
rowkey_value(const struct sheet *s, const struct rowkey *k, long r)
{
	switch (k->kind) {
	case ROWKEY_LOSS:
		return sheet_loss(s, r);
	case ROWKEY_P:
		return rowkey_target_p(s, r);
	case ROWKEY_MARGIN:
		return rowkey_margin(s, r);
	case ROWKEY_CONF:
		return rowkey_conf(s, r);
	case ROWKEY_LABEL:
		return rowkey_index(sheet_target(s, r));
	case ROWKEY_PRED:
		return rowkey_index(sheet_pred(s, r));
	case ROWKEY_ID:
		return rowkey_id_number(sheet_id(s, r));
	case ROWKEY_ACT:
		return sheet_act(s, r, k->cls);
	case ROWKEY_ROW:
		return r;
	}
	return NAN;
}

/* Length of the run of digits at S. */
static size_t
rowkey_digits(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/* Compares the digit runs at *A and *B as numbers (leading zeros aside)
 * and steps past them. */
static int
rowkey_num_cmp(const char **a, const char **b)
{
	size_t la, lb;
	int c;

	while (**a == '0' && (*a)[1] >= '0' && (*a)[1] <= '9')
		(*a)++;
	while (**b == '0' && (*b)[1] >= '0' && (*b)[1] <= '9')
		(*b)++;
	la = rowkey_digits(*a);
	lb = rowkey_digits(*b);
	if (la != lb)
		return la < lb ? -1 : 1;
	c = memcmp(*a, *b, la);
	*a += la;
	*b += lb;
	return c;
}

int
rowkey_id_cmp(const char *a, const char *b)
{
	int c;

	while (*a != '\0' && *b != '\0') {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			if ((c = rowkey_num_cmp(&a, &b)) != 0)
				return c;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a != '\0' ? 1 : *b != '\0' ? -1 : 0;
}

/* Orders signed values: NaN last, then ascending. */
static int
rowkey_v_cmp(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) - isnan(b);
	return a < b ? -1 : a > b;
}

/* qsort's order of id pairs, ascending. */
static int
rowkey_idpair_asc(const void *pa, const void *pb)
{
	const struct rowkey_pair *a = pa, *b = pb;
	int c = rowkey_id_cmp(a->id, b->id);

	if (c != 0)
		return c;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* qsort's order of id pairs, descending (ties still by row). */
static int
rowkey_idpair_desc(const void *pa, const void *pb)
{
	const struct rowkey_pair *a = pa, *b = pb;
	int c = rowkey_id_cmp(b->id, a->id);

	if (c != 0)
		return c;
	return a->row < b->row ? -1 : a->row > b->row;
}

void
rowkey_item_of(const struct sheet *s, const struct rowkey *k, long r,
    long row, struct rowkey_item *it)
{
	it->v = rowkey_value(s, k, r);
	it->id = k->kind == ROWKEY_ID ? sheet_id(s, r) : NULL;
	it->row = row;
}

int
rowkey_item_cmp(const struct rowkey *k, const struct rowkey_item *a,
    const struct rowkey_item *b)
{
	int c;

	if (k->kind == ROWKEY_ID)
		c = k->desc ? rowkey_id_cmp(b->id, a->id) :
		    rowkey_id_cmp(a->id, b->id);
	else
		c = k->desc ? rowkey_v_cmp(-a->v, -b->v) :
		    rowkey_v_cmp(a->v, b->v);
	if (c != 0)
		return c;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* 1 when every row of ROWS has a plain number for its id. */
static int
rowkey_ids_numeric(const struct sheet *s, const long *rows, long n)
{
	long i;

	for (i = 0; i < n; i++)
		if (isnan(rowkey_id_number(sheet_id(s, rows[i]))))
			return 0;
	return 1;
}

/* V mapped to 64 bits in the same order: NaN largest, -0 as 0. */
static uint64_t
rowkey_map(double v)
{
	uint64_t u;

	if (isnan(v))
		return UINT64_MAX;
	if (v == 0)
		v = 0;
	memcpy(&u, &v, sizeof(u));
	return u >> 63 ? ~u : u | (UINT64_C(1) << 63);
}

/* One stable counting pass of P[0..N) into T by the key digit at SHIFT,
 * COUNT holding each bucket's size. */
static void
rowkey_pass(const struct rowkey_bits *p, struct rowkey_bits *t, long n,
    int shift, long *count)
{
	long i, at = 0, c;
	unsigned b;

	for (b = 0; b < ROWKEY_BUCKETS; b++) {
		c = count[b];
		count[b] = at;
		at += c;
	}
	for (i = 0; i < n; i++)
		t[count[(p[i].key >> shift) & (ROWKEY_BUCKETS - 1)]++] = p[i];
}

/* Radix-sorts *P (N pairs, T as room) by key, stably; the sorted pairs end
 * in *P (the two pointers may swap).  -1 when out of memory. */
static int
rowkey_radix(struct rowkey_bits **p, struct rowkey_bits **t, long n)
{
	long *count = calloc(ROWKEY_BUCKETS, sizeof(long));
	struct rowkey_bits *swap;
	long i;
	int shift;

	if (count == NULL)
		return -1;
	for (shift = 0; shift < 64; shift += ROWKEY_DIGIT) {
		memset(count, 0, ROWKEY_BUCKETS * sizeof(long));
		for (i = 0; i < n; i++)
			count[((*p)[i].key >> shift) & (ROWKEY_BUCKETS - 1)]++;
		if (count[((*p)[0].key >> shift) & (ROWKEY_BUCKETS - 1)] == n)
			continue;	/* every key shares this digit */
		rowkey_pass(*p, *t, n, shift, count);
		swap = *p;
		*p = *t;
		*t = swap;
	}
	free(count);
	return 0;
}

/* Puts P[0..N) (keys ignored) in row order when it is not already. */
static int
rowkey_by_row(struct rowkey_bits **p, struct rowkey_bits **t, long n)
{
	long i;

	for (i = 1; i < n && (*p)[i - 1].row < (*p)[i].row; i++)
		;
	if (i == n)
		return 0;
	for (i = 0; i < n; i++)
		(*p)[i].key = (uint64_t)(*p)[i].row;
	return rowkey_radix(p, t, n);
}

/* Sorts ROWS by a numeric key through the radix sort. */
static int
rowkey_sort_numeric(const struct sheet *s, const struct rowkey *k,
    long *rows, long n)
{
	struct rowkey_bits *a = malloc((size_t)n * sizeof(*a));
	struct rowkey_bits *b = malloc((size_t)n * sizeof(*b));
	struct rowkey_bits *p = a, *t = b;
	int rc = -1;
	long i;
	double v;

	if (a == NULL || b == NULL)
		goto out;
	for (i = 0; i < n; i++)
		p[i].row = rows[i];
	if (rowkey_by_row(&p, &t, n) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		v = rowkey_value(s, k, p[i].row);
		p[i].key = rowkey_map(k->desc ? -v : v);
	}
	if (rowkey_radix(&p, &t, n) < 0)
		goto out;
	for (i = 0; i < n; i++)
		rows[i] = p[i].row;
	rc = 0;
out:
	free(a);
	free(b);
	return rc;
}

/* Sorts ROWS by their ids as text. */
static int
rowkey_sort_text(const struct sheet *s, const struct rowkey *k, long *rows,
    long n)
{
	struct rowkey_pair *p = malloc((size_t)n * sizeof(*p));
	long i;

	if (p == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		p[i].row = rows[i];
		p[i].id = sheet_id(s, rows[i]);
	}
	qsort(p, n, sizeof(*p), k->desc ? rowkey_idpair_desc :
	    rowkey_idpair_asc);
	for (i = 0; i < n; i++)
		rows[i] = p[i].row;
	free(p);
	return 0;
}

int
rowkey_sort(const struct sheet *s, const struct rowkey *k, long *rows,
    long n)
{
	if (n <= 1)
		return 0;
	if (k->kind == ROWKEY_ID && !rowkey_ids_numeric(s, rows, n))
		return rowkey_sort_text(s, k, rows, n);
	return rowkey_sort_numeric(s, k, rows, n);
}
