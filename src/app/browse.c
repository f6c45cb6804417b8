/*
 * browse.c - finding one's way in a big sheet: `:sort`, `:filter` and
 * `/TEXT` build the view the grid shows (rowview.h), and the rows behind
 * an entry of a whole-set screen become a filter the same way.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "app/ctl_int.h"
#include "core/num.h"
#include "core/rowfilter.h"
#include "core/rowkey.h"

/* ------------------------------------------------------------------ */
/* Building the view                                                  */
/* ------------------------------------------------------------------ */

/* N with thousands separators ("1,234,567") into BUF. */
char *
ctl_count_text(char *buf, size_t len, long n)
{
	char digits[32];
	size_t i, nd, o = 0;

	nd = (size_t)snprintf(digits, sizeof(digits), "%ld", n < 0 ? -n : n);
	if (n < 0 && o + 1 < len)
		buf[o++] = '-';
	for (i = 0; i < nd && o + 2 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* Every sheet row in the file's order, malloc'd; NULL when out of memory. */
static long *
browse_all_rows(const struct ctl *c, long *n)
{
	long *rows, r;

	*n = sheet_rows(c->s);
	if ((rows = malloc((*n > 0 ? *n : 1) * sizeof(long))) == NULL)
		return NULL;
	for (r = 0; r < *n; r++)
		rows[r] = r;
	return rows;
}

/* Shows ROWS[0..N) (taken over), sorted by the key in force, or in the
 * order given when none: a filter described by WHAT, or every row when
 * WHAT is NULL.  The cursor goes to the first row, the grid to the top.
 * -1 with the reason in c->msg. */
static int
browse_show(struct ctl *c, long *rows, long n, const char *what)
{
	if (rows == NULL || (c->sorted[0] && rowkey_sort(c->s, &c->sort, rows,
	    n) < 0)) {
		free(rows);
		ctl_msg(c, 1, "Out of memory: the view is as it was.");
		return -1;
	}
	if (what == NULL && !c->sorted[0]) {
		/* Every row in the file's order: the identity, which is free. */
		free(rows);
		rowview_clear(&c->rows);
	} else if (rowview_set(&c->rows, c->s, rows, n, what != NULL) < 0) {
		c->filter[0] = '\0';
		ctl_msg(c, 1, "Out of memory: every row shows.");
		return -1;
	}
	snprintf(c->filter, sizeof(c->filter), "%s", what ? what : "");
	c->row = n > 0 ? ctl_view_row(c, 0) : 0;
	return 0;
}

int
ctl_show_rows(struct ctl *c, long *rows, long n, const char *what)
{
	char a[32], b[32];

	if (n <= 0) {
		free(rows);
		ctl_msg(c, 1, "No row there: the view is as it was.");
		return -1;
	}
	if (browse_show(c, rows, n, what) < 0)
		return -1;
	ctl_msg(c, 0, "%s of %s rows: %s (:filter off shows all).",
	    ctl_count_text(a, sizeof(a), n),
	    ctl_count_text(b, sizeof(b), sheet_rows(c->s)), what);
	return 0;
}

/* The rows shown now, malloc'd, in the view's order. */
static long *
browse_shown_rows(const struct ctl *c, long *n)
{
	long *rows, i;

	*n = ctl_view_count(c);
	if ((rows = malloc((*n > 0 ? *n : 1) * sizeof(long))) == NULL)
		return NULL;
	for (i = 0; i < *n; i++)
		rows[i] = ctl_view_row(c, i);
	return rows;
}

/* ------------------------------------------------------------------ */
/* :sort                                                              */
/* ------------------------------------------------------------------ */

/* :sort KEY [asc|desc] - the rows shown, in KEY's order; `:sort row` is
 * the file's. */
int
cmd_sort(struct ctl *c, char *args, int bang)
{
	struct rowkey k;
	char err[256], what[sizeof(c->filter)];
	long *rows, n;

	(void)bang;
	if (*args == '\0') {
		ctl_msg(c, 1, "Usage: :sort KEY [asc|desc], KEY one of loss p "
		    "margin conf label pred id a[CLASS] row");
		return -1;
	}
	if (rowkey_parse(c->s, args, &k, err, sizeof(err)) < 0) {
		ctl_msg(c, 1, "%s", err);
		return -1;
	}
	snprintf(what, sizeof(what), "%s", c->filter);
	rows = browse_shown_rows(c, &n);
	c->sort = k;
	/* The file's order, ascending, is no sort at all. */
	snprintf(c->sorted, sizeof(c->sorted), "%s",
	    k.kind == ROWKEY_ROW && !k.desc ? "" : args);
	if (browse_show(c, rows, n, what[0] ? what : NULL) < 0)
		return -1;
	ctl_screen_close(c);
	if (c->sorted[0])
		ctl_msg(c, 0, "Sorted by %s (:sort row for the file's order).",
		    args);
	else
		ctl_msg(c, 0, "In the file's order.");
	return 0;
}

/* ------------------------------------------------------------------ */
/* :filter                                                            */
/* ------------------------------------------------------------------ */

/* The rows of the sheet where F holds, in the file's order; NULL when
 * out of memory. */
static long *
browse_matches(const struct ctl *c, const struct rowfilter *f, long *n)
{
	long *rows, r, rn = sheet_rows(c->s);

	*n = 0;
	if ((rows = malloc((rn > 0 ? rn : 1) * sizeof(long))) == NULL)
		return NULL;
	for (r = 0; r < rn; r++)
		if (rowfilter_match(f, c->s, r))
			rows[(*n)++] = r;
	return rows;
}

/* :filter EXPR - only the rows where EXPR holds; :filter off - all. */
int
cmd_filter(struct ctl *c, char *args, int bang)
{
	struct rowfilter *f;
	char err[512];
	long *rows, n;

	(void)bang;
	if (*args == '\0') {
		ctl_msg(c, 1, "Usage: :filter EXPR (e.g. confident_wrong, loss > "
		    "2, label == cat and pred == dog), or :filter off");
		return -1;
	}
	if (strcmp(args, "off") == 0) {
		rows = browse_all_rows(c, &n);
		if (browse_show(c, rows, n, NULL) < 0)
			return -1;
		ctl_screen_close(c);
		ctl_msg(c, 0, "Every row shows.");
		return 0;
	}
	if ((f = rowfilter_parse(c->s, args, err, sizeof(err))) == NULL) {
		ctl_msg(c, 1, "%s", err);
		return -1;
	}
	rows = browse_matches(c, f, &n);
	rowfilter_free(f);
	if (rows != NULL && n == 0) {
		free(rows);
		ctl_msg(c, 1, "No row has %s: the view is as it was.", args);
		return -1;
	}
	if (ctl_show_rows(c, rows, n, args) < 0)
		return -1;
	ctl_screen_close(c);
	return 0;
}

/* ------------------------------------------------------------------ */
/* /TEXT                                                              */
/* ------------------------------------------------------------------ */

/* 1 when row R's label (its id, or its number when it has none) or
 * one of its text cells (a --text column: a file name, a caption)
 * contains TEXT. */
static int
browse_row_has(const struct ctl *c, long r, const char *text)
{
	const char *id = sheet_id(c->s, r);
	char num[32];
	int j;

	if (*id == '\0') {
		snprintf(num, sizeof(num), "%ld", r + 1);
		id = num;
	}
	if (strstr(id, text) != NULL)
		return 1;
	for (j = 0; j < sheet_texts(c->s); j++)
		if (strstr(sheet_text(c->s, r, j), text) != NULL)
			return 1;
	return 0;
}

void
ctl_find(struct ctl *c, const char *text)
{
	long n = ctl_view_count(c), p = ctl_view_pos(c), i, at;

	if (*text == '\0')
		return;
	for (i = 1; i <= n; i++) {
		at = (p + i) % n;
		if (browse_row_has(c, ctl_view_row(c, at), text)) {
			c->row = ctl_view_row(c, at);
			ctl_msg(c, 0, "/%s: row %ld%s", text, c->row + 1,
			    at <= p ? " (from the top again)" : "");
			return;
		}
	}
	ctl_msg(c, 1, "/%s: no row%s has that in its id%s.", text,
	    c->filter[0] ? " shown" : "", sheet_texts(c->s) > 0 ?
	    " or text" : "");
}
