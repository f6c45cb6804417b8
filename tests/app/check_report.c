/*
 * check_report.c - `xent eval --report/--sort/--top/--filter/--format
 * json` run as a real process ($XENT, or ./xent), each output compared
 * with the core functions run here on the same file (stats, rowkey,
 * rowfilter) and with values worked by hand; every JSON line checked by
 * a small validator below; files over one block, so --top's heap and the
 * filter run across blocks; and the usage errors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rowfilter.h"
#include "core/rowkey.h"
#include "core/sheet.h"
#include "core/stats.h"
#include "io/sheetfile.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* What one run left: status and both streams. */
struct rp_res {
	int	 status;
	char	*out, *err;
};

/* Runs "xent eval ARGS" through the shell. */
static void
rp_run(struct rp_res *r, const char *args)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "%s eval %s", tu_xent(), args);
	r->status = tu_run(cmd, NULL, &r->out, &r->err);
	ck_assert_ptr_nonnull(r->out);
	ck_assert_ptr_nonnull(r->err);
}

static void
rp_free(struct rp_res *r)
{
	free(r->out);
	free(r->err);
}

/* A random validation set of N rows over K classes (a, b, c, ...) with
 * ids r0, r1, ..., labels by name, logits scaled by SCALE; every 50th
 * row has no label.  Returns the file's path (static). */
static const char *
rp_csv(int n, int k, double scale, unsigned long seed)
{
	static char path[512];
	size_t len = 0, cap = (size_t)n * (k + 2) * 26 + 256;
	char *buf = malloc(cap);
	int i, c, y;
	double z;

	ck_assert_ptr_nonnull(buf);
	len += snprintf(buf + len, cap - len, "id,label");
	for (c = 0; c < k; c++)
		len += snprintf(buf + len, cap - len, ",%c", 'a' + c);
	for (i = 0; i < n; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		y = (int)((seed >> 33) % k);
		len += snprintf(buf + len, cap - len, "\nr%d,", i);
		if (i % 50 != 49)
			len += snprintf(buf + len, cap - len, "%c", 'a' + y);
		for (c = 0; c < k; c++) {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			z = scale * ((double)(seed >> 11) / 9007199254740992.0 *
			    2 - 1 + (c == y ? 0.9 : 0));
			len += snprintf(buf + len, cap - len, ",%.17g", z);
		}
	}
	snprintf(buf + len, cap - len, "\n");
	snprintf(path, sizeof(path), "%s", tu_write_temp("val.csv", buf));
	free(buf);
	return path;
}

/* The sheet of PATH, loaded here. */
static struct sheet *
rp_load(const char *path)
{
	struct sheetfile_info info;
	char err[512];
	struct sheet *s = sheetfile_load(path, &info, err, sizeof(err));

	ck_assert_msg(s != NULL, "%s", err);
	sheetfile_info_free(&info);
	return s;
}

/* ------------------------------------------------------------------ */
/* A small JSON validator                                             */
/* ------------------------------------------------------------------ */

static const char *js_value(const char *p, int depth);

/* Skips white space. */
static const char *
js_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* A string; NULL when malformed. */
static const char *
js_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				if (strspn(p + 1, "0123456789abcdefABCDEF") < 4)
					return NULL;
				p += 4;
			} else if (strchr("\"\\/bfnrt", *p) == NULL ||
			    *p == '\0')
				return NULL;
		}
	}
	return p + 1;
}

/* A number in JSON's grammar (no inf, nan, leading '+' or zeros). */
static const char *
js_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		p += strspn(p, "0123456789");
	else
		return NULL;
	if (*p == '.') {
		if (strspn(++p, "0123456789") == 0)
			return NULL;
		p += strspn(p, "0123456789");
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (strspn(p, "0123456789") == 0)
			return NULL;
		p += strspn(p, "0123456789");
	}
	return p;
}

/* The members of an object or the items of a list, CLOSE ending it. */
static const char *
js_items(const char *p, char close, int depth)
{
	p = js_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (close == '}') {
			if ((p = js_string(js_ws(p))) == NULL)
				return NULL;
			if (*(p = js_ws(p)) != ':')
				return NULL;
			p++;
		}
		if ((p = js_value(p, depth + 1)) == NULL)
			return NULL;
		p = js_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *
js_value(const char *p, int depth)
{
	p = js_ws(p);
	if (depth > 64)
		return NULL;
	if (*p == '{' || *p == '[')
		return js_items(p, *p == '{' ? '}' : ']', depth);
	if (*p == '"')
		return js_string(p);
	if (strncmp(p, "null", 4) == 0 || strncmp(p, "true", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	return js_number(p);
}

/* Asserts that LINE (up to a newline) is exactly one JSON object. */
static void
js_check(const char *line)
{
	const char *end;

	ck_assert_msg(*js_ws(line) == '{', "not an object: %.60s", line);
	end = js_value(line, 0);
	ck_assert_msg(end != NULL, "bad JSON: %.200s", line);
	while (*end == ' ')
		end++;
	ck_assert_msg(*end == '\0' || *end == '\n', "after JSON: %.60s", end);
}

/* The number after "KEY": in TEXT (its first occurrence); NaN for null. */
static double
js_num(const char *text, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\": ", key);
	p = strstr(text, pat);
	ck_assert_msg(p != NULL, "no %s", key);
	p += strlen(pat);
	return strncmp(p, "null", 4) == 0 ? NAN : strtod(p, NULL);
}

/* The value of "KEY=" on a line of TEXT; NaN when empty. */
static double
kv_num(const char *text, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\n%s=", key);
	p = strncmp(text, pat + 1, strlen(pat + 1)) == 0 ? text - 1 :
	    strstr(text, pat);
	ck_assert_msg(p != NULL, "no %s=", key);
	p += strlen(pat);
	return *p == '\n' ? NAN : strtod(p, NULL);
}

/* The first field of each line of a CSV table after its header, joined
 * by spaces ("r3 r1 r7"). */
static char *
ids_of(const char *out)
{
	size_t n = strlen(out) + 1, len = 0, f;
	char *ids = calloc(n, 1);
	const char *p = strchr(out, '\n');

	ck_assert_ptr_nonnull(ids);
	while (p != NULL && p[1] != '\0') {
		p++;
		f = strcspn(p, ",\n");
		len += snprintf(ids + len, n - len, "%s%.*s", len ? " " : "",
		    (int)f, p);
		p = strchr(p, '\n');
	}
	return ids;
}

/* The ids of rows ROWS[0..N) of S, joined as ids_of joins them. */
static char *
ids_want(const struct sheet *s, const long *rows, long n)
{
	size_t cap = (size_t)n * 16 + 1, len = 0;
	char *ids = calloc(cap, 1);
	long i;

	ck_assert_ptr_nonnull(ids);
	for (i = 0; i < n; i++)
		len += snprintf(ids + len, cap - len, "%s%s", i ? " " : "",
		    sheet_id(s, rows[i]));
	return ids;
}

/* The rows of S in KEY's order, kept by FILTER (NULL: all): *N of them. */
static long *
order_of(const struct sheet *s, const char *key, const char *filter, long *n)
{
	struct rowfilter *f = NULL;
	long *rows = malloc(sheet_rows(s) * sizeof(long)), r;
	struct rowkey k;
	char err[256];

	ck_assert_int_eq(rowkey_parse(s, key, &k, err, sizeof(err)), 0);
	if (filter != NULL)
		ck_assert_ptr_nonnull(f = rowfilter_parse(s, filter, err,
		    sizeof(err)));
	for (*n = 0, r = 0; r < sheet_rows(s); r++)
		if (f == NULL || rowfilter_match(f, s, r))
			rows[(*n)++] = r;
	ck_assert_int_eq(rowkey_sort(s, &k, rows, *n), 0);
	rowfilter_free(f);
	return rows;
}

/* ------------------------------------------------------------------ */
/* --report                                                           */
/* ------------------------------------------------------------------ */

/* JSON: valid, every key, and each figure as the stats functions give
 * it on the same file. */
START_TEST(test_report_json)
{
	const char *path = rp_csv(600, 4, 3, 5);
	struct sheet *s = rp_load(path);
	struct stats_calib c, after;
	struct stats_class k[4];
	struct stats_issue *l;
	struct rp_res r;
	char args[600];
	double t, nb, na;
	long issues;
	static const char *keys[] = { "rows", "accuracy", "mean_loss", "nll",
	    "brier", "ece", "mce", "bins", "temperature", "nll_after",
	    "ece_after", "classes", "confused", "label_issues" };
	size_t i;

	snprintf(args, sizeof(args), "--report --format json %s", path);
	rp_run(&r, args);
	ck_assert_msg(r.status == 0, "%s", r.err);
	js_check(r.out);
	ck_assert_ptr_eq(strchr(r.out, '\n'), r.out + strlen(r.out) - 1);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char pat[64];

		snprintf(pat, sizeof(pat), "\"%s\": ", keys[i]);
		ck_assert_msg(strstr(r.out, pat) != NULL, "no %s", keys[i]);
	}
	ck_assert_int_eq(stats_calibration(s, 15, &c), 0);
	ck_assert_int_eq(stats_fit_temperature(s, &t, &nb, &na), 0);
	ck_assert_int_eq(stats_calibration_at(s, 15, t, &after), 0);
	issues = stats_label_issues(s, &l);
	free(l);
	ck_assert_int_eq(js_num(r.out, "rows"), 600);
	ck_assert_int_eq(js_num(r.out, "scored"), 588);
	ck_assert_close(js_num(r.out, "accuracy"), sheet_accuracy(s), 0);
	ck_assert_close(js_num(r.out, "mean_loss"), sheet_mean_loss(s), 0);
	ck_assert_close(js_num(r.out, "nll"), c.nll, 0);
	ck_assert_close(js_num(r.out, "brier"), c.brier, 0);
	ck_assert_close(js_num(r.out, "ece"), c.ece, 0);
	ck_assert_close(js_num(r.out, "mce"), c.mce, 0);
	ck_assert_close(js_num(r.out, "temperature"), t, 0);
	ck_assert_close(js_num(r.out, "nll_after"), na, 0);
	ck_assert_close(js_num(r.out, "ece_after"), after.ece, 1e-9);
	ck_assert_int_eq(js_num(r.out, "label_issues"), issues);
	ck_assert_int_eq(stats_classes(s, k), 4);
	ck_assert_int_eq(js_num(strstr(r.out, "\"name\": \"c\""), "support"),
	    k[2].support);
	ck_assert_close(js_num(strstr(r.out, "\"name\": \"c\""), "precision"),
	    k[2].precision, 0);
	ck_assert(na < nb);
	stats_calib_free(&c);
	stats_calib_free(&after);
	rp_free(&r);
	sheet_free(s);
}
END_TEST

/* The hand-worked probs sheet over 5 bins: ECE 0.42, MCE 0.45, Brier
 * 0.58; an empty bin has count 0 and null figures; no temperature in
 * probs mode. */
static const char rp_hand[] =
    "# mode: probs\n"
    "label,a,b,c\n"
    "a,0.9,0.05,0.05\n"
    "b,0.9,0.1,0\n"
    "a,0.5,0.3,0.2\n"
    "c,0.2,0.2,0.6\n"
    "b,0.4,0.35,0.25\n";

START_TEST(test_report_hand)
{
	const char *path = tu_write_temp("hand.csv", rp_hand);
	struct rp_res r;
	char args[600];

	snprintf(args, sizeof(args), "--report --bins 5 --format json %s", path);
	rp_run(&r, args);
	ck_assert_msg(r.status == 0, "%s", r.err);
	js_check(r.out);
	ck_assert_close(js_num(r.out, "ece"), 0.42, 1e-14);
	ck_assert_close(js_num(r.out, "mce"), 0.45, 1e-14);
	ck_assert_close(js_num(r.out, "brier"), 0.58, 1e-14);
	ck_assert_close(js_num(r.out, "accuracy"), 0.6, 1e-15);
	ck_assert(isnan(js_num(r.out, "temperature")));
	ck_assert(isnan(js_num(r.out, "ece_after")));
	ck_assert_ptr_nonnull(strstr(r.out, "{\"lo\": 0, \"hi\": 0.2, "
	    "\"count\": 0, \"confidence\": null, \"accuracy\": null}"));
	ck_assert_ptr_nonnull(strstr(r.out, "{\"lo\": 0.4, \"hi\": 0.6, "
	    "\"count\": 2, \"confidence\": 0.55, \"accuracy\": 1}"));
	ck_assert_ptr_nonnull(strstr(r.out, "\"confused\": [{\"label\": \"b\", "
	    "\"pred\": \"a\", \"count\": 2}]"));
	ck_assert_ptr_nonnull(strstr(r.out, "{\"name\": \"b\", \"support\": 2, "
	    "\"accuracy\": 0, \"precision\": null"));
	rp_free(&r);
	snprintf(args, sizeof(args), "--report --bins 5 %s", path);
	rp_run(&r, args);
	ck_assert_int_eq(r.status, 0);
	ck_assert_close(kv_num(r.out, "ece"), 0.42, 1e-14);
	ck_assert_close(kv_num(r.out, "brier"), 0.58, 1e-14);
	ck_assert_int_eq(kv_num(r.out, "rows"), 5);
	ck_assert(isnan(kv_num(r.out, "temperature")));
	ck_assert_ptr_nonnull(strstr(r.out, "\nlo   hi   count  confidence  "
	    "accuracy  gap\n0    0.2  0      -           -         -\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nb      a     2\n"));
	rp_free(&r);
	snprintf(args, sizeof(args), "--report --bins 5 --format md %s", path);
	rp_run(&r, args);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "| figure | value |\n| --- | ---: |\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "| ece | 0.42 |\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "| 0.4 | 0.6 | 2 | 0.55 | 1 | 0.45 |\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "| b | a | 2 |\n"));
	rp_free(&r);
}
END_TEST

/* The text form's key=value lines agree with the JSON's. */
START_TEST(test_report_text)
{
	const char *path = rp_csv(300, 3, 2, 9);
	static const char *keys[] = { "accuracy", "mean_loss", "nll", "brier",
	    "ece", "mce", "temperature", "nll_after", "ece_after",
	    "label_issues" };
	struct rp_res j, t;
	char args[600];
	size_t i;

	snprintf(args, sizeof(args), "--report --format json %s", path);
	rp_run(&j, args);
	snprintf(args, sizeof(args), "--report %s", path);
	rp_run(&t, args);
	ck_assert(j.status == 0 && t.status == 0);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		ck_assert_close(kv_num(t.out, keys[i]), js_num(j.out, keys[i]),
		    0);
	rp_free(&j);
	rp_free(&t);
}
END_TEST

/* --filter picks the report's rows. */
START_TEST(test_report_filter)
{
	const char *path = rp_csv(300, 3, 2, 4);
	struct rp_res r;
	char args[600];

	snprintf(args, sizeof(args), "--report --filter 'label == b' --format "
	    "json %s", path);
	rp_run(&r, args);
	ck_assert_msg(r.status == 0, "%s", r.err);
	js_check(r.out);
	ck_assert_int_eq(js_num(strstr(r.out, "\"name\": \"a\""), "support"), 0);
	ck_assert_int_eq(js_num(r.out, "rows"),
	    js_num(strstr(r.out, "\"name\": \"b\""), "support"));
	rp_free(&r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Rows: --top, --sort, --filter, JSON Lines                          */
/* ------------------------------------------------------------------ */

/* Runs "ARGS PATH" and asserts the ids in the table are WANT's. */
static void
same_ids(const char *args, const char *path, const char *want)
{
	struct rp_res r;
	char cmd[1024], *got;

	snprintf(cmd, sizeof(cmd), "%s %s", args, path);
	rp_run(&r, cmd);
	ck_assert_msg(r.status == 0, "%s: %s", args, r.err);
	got = ids_of(r.out);
	ck_assert_msg(strcmp(got, want) == 0, "%s:\n got %.300s\nwant %.300s",
	    args, got, want);
	free(got);
	rp_free(&r);
}

/* --top N is the first N of the sort, across blocks (10,000 rows). */
START_TEST(test_top)
{
	static const char *keys[] = { "loss", "p", "margin desc", "conf",
	    "a[b]", "id desc", "label" };
	const char *path = rp_csv(10000, 3, 2, 21);
	struct sheet *s = rp_load(path);
	char args[256], *want;
	long *rows, n;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		rows = order_of(s, keys[i], NULL, &n);
		want = ids_want(s, rows, 20);
		snprintf(args, sizeof(args), "--top 20 --sort '%s'", keys[i]);
		same_ids(args, path, want);
		free(want);
		free(rows);
	}
	rows = order_of(s, "loss", "pred != label", &n);
	want = ids_want(s, rows, 5);
	same_ids("--top 5 --filter 'pred != label'", path, want);
	free(want);
	free(rows);
	/* past the heap's first slots, which grow as rows come */
	rows = order_of(s, "p", NULL, &n);
	want = ids_want(s, rows, 3000);
	same_ids("--top 3000 --sort p", path, want);
	free(want);
	free(rows);
	sheet_free(s);
}
END_TEST

/* --top more than the rows: all of them, in order; ties in file order. */
START_TEST(test_top_small)
{
	const char *path = tu_write_temp("t.csv", "id,label,a,b\n"
	    "x,a,0,0\ny,a,1,0\nz,b,0,0\nw,,5,5\nv,a,0,0\n");

	same_ids("--top 10", path, "x z v y w");
	same_ids("--top 2", path, "x z");
	same_ids("--top 1 --sort row", path, "x");
	same_ids("--top 10 --sort 'p desc'", path, "y x z v w");
}
END_TEST

/* --top, --sort and --filter echo each row's text cells with it, the
 * rows copied from block to block and through the heap alike. */
START_TEST(test_rows_text)
{
	const char *path = tu_write_temp("tx.csv", "# text: path\n"
	    "id,path,label,a,b\nx,p/x,a,0,0\ny,p/y,a,1,0\nz,p/z,b,3,0\n");
	const char *args[] = { "--top 2", "--sort loss", "--filter 'loss > 1'" };
	const char *want[] = { "z,p/z,", "z,p/z,", "z,p/z," };
	char cmd[1024];
	struct rp_res r;
	size_t i;

	for (i = 0; i < sizeof(args) / sizeof(*args); i++) {
		snprintf(cmd, sizeof(cmd), "%s %s", args[i], path);
		rp_run(&r, cmd);
		ck_assert_int_eq(r.status, 0);
		ck_assert_msg(strstr(r.out, "\nz,p/z,") != NULL, "%s: %s",
		    args[i], r.out);
		ck_assert_msg(strncmp(strchr(r.out, '\n') + 1, want[i],
		    strlen(want[i])) == 0, "%s: %s", args[i], r.out);
		rp_free(&r);
	}
	snprintf(cmd, sizeof(cmd), "--top 3 --sort row %s", path);
	rp_run(&r, cmd);
	ck_assert_msg(strstr(r.out, "\nx,p/x,") != NULL &&
	    strstr(r.out, "\ny,p/y,") != NULL, "%s", r.out);
	rp_free(&r);
}
END_TEST

/* --sort alone: every row in the key's order (20,000 rows: five chunks,
 * made on two threads and written in order), and with --filter. */
START_TEST(test_sort)
{
	const char *path = rp_csv(20000, 4, 3, 8);
	struct sheet *s = rp_load(path);
	char *want;
	long *rows, n;

	rows = order_of(s, "margin", NULL, &n);
	ck_assert_int_eq(n, 20000);
	want = ids_want(s, rows, n);
	same_ids("--sort margin", path, want);
	free(want);
	free(rows);
	rows = order_of(s, "a[d] asc", "label == c and loss > 1", &n);
	want = ids_want(s, rows, n);
	same_ids("--sort 'a[d] asc' --filter 'label == c and loss > 1'", path,
	    want);
	free(want);
	free(rows);
	sheet_free(s);
}
END_TEST

/* --filter streams (10,000 rows: three blocks) and keeps exactly the
 * rows the row filter keeps, in file order; with --summary, their
 * figures. */
START_TEST(test_filter)
{
	const char *path = rp_csv(10000, 3, 4, 2);
	struct sheet *s = rp_load(path);
	struct rp_res r;
	char args[600], *want;
	long *rows, n;

	rows = order_of(s, "row", "confident_wrong", &n);
	ck_assert_int_gt(n, 50);
	want = ids_want(s, rows, n);
	same_ids("--filter confident_wrong", path, want);
	free(want);
	free(rows);
	snprintf(args, sizeof(args), "--filter confident_wrong --summary %s",
	    path);
	rp_run(&r, args);
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(kv_num(r.out, "rows"), n);
	ck_assert_int_eq(kv_num(r.out, "confident_wrong"), n);
	ck_assert_int_eq(kv_num(r.out, "accuracy"), 0);
	rp_free(&r);
	same_ids("--filter 'loss > 1e9'", path, "");
	sheet_free(s);
}
END_TEST

/* JSON Lines: one valid object a row, the table's keys, null for what a
 * row without a target lacks, flags as a list. */
START_TEST(test_json_rows)
{
	const char *path = tu_write_temp("j.csv", "id,label,a,b\n"
	    "x,a,0,0\n\"q\"\"t\",b,9,0\nw,,5,5\n");
	struct rp_res r;
	char args[600];
	const char *line;
	int n = 0;

	snprintf(args, sizeof(args), "--format json %s", path);
	rp_run(&r, args);
	ck_assert_msg(r.status == 0, "%s", r.err);
	for (line = r.out; *line != '\0'; line = strchr(line, '\n') + 1) {
		js_check(line);
		n++;
	}
	ck_assert_int_eq(n, 3);
	ck_assert_ptr_nonnull(strstr(r.out, "{\"id\": \"x\", \"label\": \"a\", "
	    "\"a\": 0, \"b\": 0, \"exp_a\": 1, \"exp_b\": 1, \"sum\": 2, "
	    "\"p_a\": 0.5, \"p_b\": 0.5, \"pred\": \"a\", \"loss\": "
	    "0.6931471805599453, \"if_form\": 0.6931471805599453, "
	    "\"flags\": []}\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "\"id\": \"q\\\"t\""));
	ck_assert_ptr_nonnull(strstr(r.out, "\"flags\": [\"confident_wrong\"]"));
	ck_assert_ptr_nonnull(strstr(r.out, "\"label\": null"));
	ck_assert_ptr_nonnull(strstr(r.out, "\"loss\": null, \"if_form\": null"));
	rp_free(&r);
	snprintf(args, sizeof(args), "--format json --summary %s", path);
	rp_run(&r, args);
	js_check(r.out);
	ck_assert_int_eq(js_num(r.out, "rows"), 3);
	ck_assert_int_eq(js_num(r.out, "confident_wrong"), 1);
	rp_free(&r);
	snprintf(args, sizeof(args), "--format json --top 1 %s", path);
	rp_run(&r, args);
	js_check(r.out);
	ck_assert_ptr_nonnull(strstr(r.out, "{\"id\": \"q\\\"t\""));
	rp_free(&r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Errors                                                             */
/* ------------------------------------------------------------------ */

/* Runs ARGS on a small file: exit STATUS, MSG on stderr, nothing out. */
static void
fails(const char *args, int status, const char *msg)
{
	const char *path = tu_write_temp("e.csv", "label,a,b\na,1,2\nb,x,1\n");
	struct rp_res r;
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "%s %s", args, path);
	rp_run(&r, cmd);
	ck_assert_msg(r.status == status, "%s: status %d", args, r.status);
	ck_assert_msg(strstr(r.err, msg) != NULL, "%s: %s", args, r.err);
	ck_assert_str_eq(r.out, "");
	rp_free(&r);
}

START_TEST(test_errors)
{
	fails("--sort lost", 2, "xent: eval: --sort: unknown sort key 'lost'");
	fails("--filter 'label == dgo'", 2,
	    "xent: eval: --filter: unknown class 'dgo'\n");
	fails("--top 0", 2, "xent: --top: expected a whole number from 1 to "
	    "100000000, not '0'\n");
	fails("--top 3x", 2, "not '3x'");
	fails("--bins 5", 2, "xent: eval: --bins goes with --report\n");
	fails("--report --sort loss", 2, "--report is about the whole set");
	fails("--summary --top 3", 2, "--summary does not go with");
	fails("--format xml", 2, "(csv, tsv, md or json)");
	fails("--filter 'loss > 0'", 1, ":3: 'x' in column 'a' is not a "
	    "number");
	fails("--top 2", 1, ":3: 'x' in column 'a' is not a number");
	fails("--report", 1, ":3: 'x' in column 'a' is not a number");
	fails("--sort p", 1, ":3: 'x' in column 'a' is not a number");
	fails("--format json", 1, ":3: 'x' in column 'a' is not a number");
}
END_TEST

/* --help names the new flags. */
START_TEST(test_help)
{
	struct rp_res r;

	rp_run(&r, "--help");
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "[--sort KEY] [--top N] "
	    "[--filter EXPR]"));
	ck_assert_ptr_nonnull(strstr(r.out, "--report [--bins N]"));
	ck_assert_ptr_nonnull(strstr(r.out, "md|json"));
	rp_free(&r);
}
END_TEST

Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *t = tcase_create("report");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, test_report_json);
	tcase_add_test(t, test_report_hand);
	tcase_add_test(t, test_report_text);
	tcase_add_test(t, test_report_filter);
	tcase_add_test(t, test_top);
	tcase_add_test(t, test_top_small);
	tcase_add_test(t, test_rows_text);
	tcase_add_test(t, test_sort);
	tcase_add_test(t, test_filter);
	tcase_add_test(t, test_json_rows);
	tcase_add_test(t, test_errors);
	tcase_add_test(t, test_help);
	suite_add_tcase(s, t);
	return s;
}
