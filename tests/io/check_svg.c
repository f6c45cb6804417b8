/*
 * check_svg.c - the SVG writer: every picture is well-formed XML (checked
 * by a small parser here: tags nest and close, attributes are quoted,
 * entities are known), an SVG 1.1 root, and it has the expected number
 * of marks: a polyline per branch of the curve, a rect per bar and per
 * populated histogram bucket.  Saving is atomic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/stats.h"
#include "io/svg.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *five[] = { "cat", "dog", "pl<a>ne & \"co\"", "fish",
    "building" };
static const char *one[] = { "cat" };

/* What the checker found. */
struct xml_count {
	int	ok;		/* well formed */
	int	root_svg;	/* the root is <svg ... version="1.1"> */
	int	polylines, rects, texts, circles;
	int	cls_bar, cls_bucket;	/* rects of class "bar", "bucket" */
};

/* 1 when S (up to ';') is one of XML's five entities or a character
 * reference; sets *LEN to its length with the ';'. */
static int
xml_entity(const char *s, size_t *len)
{
	static const char *names[] = { "amp;", "lt;", "gt;", "quot;", "apos;" };
	size_t i;

	for (i = 0; i < 5; i++)
		if (strncmp(s, names[i], strlen(names[i])) == 0) {
			*len = strlen(names[i]);
			return 1;
		}
	if (*s == '#' && (i = strspn(s + 1, "0123456789")) > 0 &&
	    s[i + 1] == ';') {
		*len = i + 2;
		return 1;
	}
	return 0;
}

/* Checks text from P up to the next '<': no stray '&' or '>'. */
static const char *
xml_text(const char *p, int *ok)
{
	size_t n;

	for (; *p != '\0' && *p != '<'; p++)
		if (*p == '&') {
			if (!xml_entity(p + 1, &n))
				*ok = 0;
			else
				p += n;
		} else if (*p == '>')
			*ok = 0;
	return p;
}

/* Parses the attributes of a tag from P to its '>' or "/>"; counts the
 * class and version it finds.  Returns the end, or NULL when malformed. */
static const char *
xml_attrs(const char *p, char *cls, size_t clen, char *version)
{
	const char *name, *v;
	size_t n, nl;

	*cls = *version = '\0';
	for (;;) {
		p += strspn(p, " \t\n");
		if (*p == '>' || (p[0] == '/' && p[1] == '>'))
			return p;
		name = p;
		nl = strspn(p, "abcdefghijklmnopqrstuvwxyz-:0123456789"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		if (nl == 0 || p[nl] != '=' || p[nl + 1] != '"')
			return NULL;
		v = p + nl + 2;
		if ((p = strchr(v, '"')) == NULL)
			return NULL;
		n = (size_t)(p - v);
		if (memchr(v, '<', n) != NULL)
			return NULL;
		if (nl == 5 && strncmp(name, "class", 5) == 0)
			snprintf(cls, clen, "%.*s", (int)n, v);
		if (nl == 7 && strncmp(name, "version", 7) == 0)
			snprintf(version, 16, "%.*s", (int)(n < 15 ? n : 15), v);
		p++;
	}
}

/* Counts element NAME with class CLS into C. */
static void
xml_note(struct xml_count *c, const char *name, const char *cls)
{
	if (strcmp(name, "polyline") == 0)
		c->polylines++;
	if (strcmp(name, "rect") == 0) {
		c->rects++;
		c->cls_bar += strcmp(cls, "bar") == 0;
		c->cls_bucket += strcmp(cls, "bucket") == 0;
	}
	if (strcmp(name, "text") == 0)
		c->texts++;
	if (strcmp(name, "circle") == 0)
		c->circles++;
}

/* Checks that DOC is well-formed XML and counts its elements. */
static struct xml_count
xml_check(const char *doc)
{
	struct xml_count c = { 1, 0, 0, 0, 0, 0, 0, 0 };
	char stack[32][32], name[32], cls[64], version[16];
	const char *p = doc;
	int depth = 0, roots = 0;
	size_t n;

	if (strncmp(p, "<?xml ", 6) == 0 && (p = strstr(p, "?>")) != NULL)
		p += 2;
	while (c.ok && p != NULL && *p != '\0') {
		p = xml_text(p, &c.ok);
		if (*p == '\0')
			break;
		p++;
		if (*p == '/') {
			n = strcspn(p + 1, ">");
			if (depth == 0 || strlen(stack[depth - 1]) != n ||
			    strncmp(stack[depth - 1], p + 1, n) != 0)
				c.ok = 0;
			depth--;
			p += n + 2;
			continue;
		}
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz");
		if (n == 0 || n >= sizeof(name)) {
			c.ok = 0;
			break;
		}
		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		if ((p = xml_attrs(p + n, cls, sizeof(cls), version)) == NULL) {
			c.ok = 0;
			break;
		}
		if (depth == 0) {
			roots++;
			c.root_svg = strcmp(name, "svg") == 0 &&
			    strcmp(version, "1.1") == 0;
		}
		xml_note(&c, name, cls);
		if (*p == '/') {
			p += 2;
			continue;
		}
		if (depth == 32) {
			c.ok = 0;
			break;
		}
		snprintf(stack[depth++], sizeof(stack[0]), "%s", name);
		p++;
	}
	if (depth != 0 || roots != 1)
		c.ok = 0;
	return c;
}

/* Picture K of S about row R, as text (malloc'd); asserts it was made. */
static char *
svg_of(const struct sheet *s, enum plot_kind k, long r)
{
	char *buf = NULL, err[256];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_msg(svg_write(f, s, k, r, NULL, err, sizeof(err)) == 0, "%s",
	    err);
	fclose(f);
	return buf;
}

/* The checker itself catches what it must. */
START_TEST(test_checker)
{
	ck_assert_int_eq(xml_check("<svg version=\"1.1\"><a/></svg>").ok, 1);
	ck_assert_int_eq(xml_check("<svg><a></svg>").ok, 0);
	ck_assert_int_eq(xml_check("<svg><a x=1/></svg>").ok, 0);
	ck_assert_int_eq(xml_check("<svg>a & b</svg>").ok, 0);
	ck_assert_int_eq(xml_check("<svg>a &amp; b</svg><svg/>").ok, 0);
	ck_assert_int_eq(xml_check("<svg>a &lt; b</svg>").ok, 1);
}
END_TEST

START_TEST(test_curve)
{
	struct sheet *s = tu_sheet(5, five, 0, 10);
	double a[] = { 0.02, -2.49, -1.75, 2.07, 1.25 }, y = 0, p = 0.9;
	struct xml_count n;
	char *doc;

	tu_row(s, a, 2);
	doc = svg_of(s, PLOT_CURVE, 0);
	n = xml_check(doc);
	ck_assert_int_eq(n.ok, 1);
	ck_assert_int_eq(n.root_svg, 1);
	ck_assert_int_eq(n.polylines, 1);
	ck_assert_int_eq(n.circles, 1);
	ck_assert_ptr_nonnull(strstr(doc, "log\xe2\x82\x81\xe2\x82\x80"));
	/* The class name is escaped in the marker's label. */
	ck_assert_ptr_nonnull(strstr(doc, "pl&lt;a&gt;ne &amp; &quot;co&quot;"));
	free(doc);
	sheet_free(s);
	/* A binary sheet: both branches. */
	s = tu_sheet(1, one, 1, 0);
	ck_assert_int_ge(sheet_append(s, NULL, &p, &y, 0), 0);
	doc = svg_of(s, PLOT_CURVE, 0);
	n = xml_check(doc);
	ck_assert_int_eq(n.ok, 1);
	ck_assert_int_eq(n.polylines, 2);
	free(doc);
	sheet_free(s);
}
END_TEST

START_TEST(test_bars)
{
	struct sheet *s = tu_sheet(5, five, 0, 0);
	double a[] = { 0.02, -2.49, -1.75, 2.07, 1.25 };
	struct xml_count n;
	char *doc;

	tu_row(s, a, 3);
	doc = svg_of(s, PLOT_BARS, 0);
	n = xml_check(doc);
	ck_assert_int_eq(n.ok, 1);
	ck_assert_int_eq(n.cls_bar, 5);
	ck_assert_int_eq(n.rects, 5);
	ck_assert_ptr_nonnull(strstr(doc, "T target"));
	free(doc);
	sheet_free(s);
}
END_TEST

/* A five-class sheet of 300 rows whose losses and confidences spread
 * over many buckets and bins; A gets the last row's logits. */
static struct sheet *
spread_sheet(double *a)
{
	struct sheet *s = tu_sheet(5, five, 0, 0);
	int i, k;

	for (i = 0; i < 300; i++) {
		for (k = 0; k < 5; k++)
			a[k] = ((i * 7 + k * 13) % 40) / 10.0;
		tu_row(s, a, i % 5);
	}
	return s;
}

START_TEST(test_hist)
{
	double a[5];
	struct sheet *s = spread_sheet(a);
	struct plot_hist h;
	struct xml_count n;
	int i, buckets = 0;
	char *doc;

	a[0] = 30;		/* one confident miss */
	tu_row(s, a, 1);
	plot_hist_build(&h, s);
	for (i = 0; i < PLOT_HIST_BUCKETS; i++)
		buckets += h.count[i] > 0;
	doc = svg_of(s, PLOT_HIST, 3);
	n = xml_check(doc);
	ck_assert_int_eq(n.ok, 1);
	ck_assert_int_eq(n.cls_bucket, buckets);
	ck_assert_int_gt(buckets, 3);
	ck_assert_ptr_nonnull(strstr(doc, "log scale"));
	ck_assert_ptr_nonnull(strstr(doc, "mean "));
	free(doc);
	sheet_free(s);
}
END_TEST

/* The reliability diagram: a rect per non-empty bin and one for its gap. */
START_TEST(test_reliability)
{
	double a[5];
	struct sheet *s = spread_sheet(a);
	struct stats_calib k;
	struct xml_count n;
	int i, bins = 0;
	char *doc;

	ck_assert_int_eq(stats_calibration(s, STATS_BINS, &k), 0);
	for (i = 0; i < k.nbins; i++)
		bins += k.bins[i].count > 0;
	stats_calib_free(&k);
	doc = svg_of(s, PLOT_RELIABILITY, 0);
	n = xml_check(doc);
	ck_assert_int_eq(n.ok, 1);
	ck_assert_int_gt(bins, 2);
	ck_assert_int_eq(n.rects, 2 * bins);
	/* STATS_BINS bins: each 520 / 15 wide less 2 apart, not 520 / 10. */
	ck_assert_ptr_nonnull(strstr(doc, "width=\"32.7\""));
	ck_assert_ptr_null(strstr(doc, "width=\"50.0\""));
	ck_assert_ptr_nonnull(strstr(doc, "ECE "));
	free(doc);
	sheet_free(s);
}
END_TEST

/* svg_save: the whole file or none, no temporary left; refusals. */
START_TEST(test_save)
{
	struct sheet *s = tu_sheet(5, five, 0, 0);
	double a[] = { 0.02, -2.49, -1.75, 2.07, 1.25 };
	char path[512], dir[512], err[512], buf[600];
	struct stat st;
	FILE *f;

	tu_row(s, a, 3);
	snprintf(path, sizeof(path), "%s", tu_write_temp("old.svg", "old"));
	snprintf(dir, sizeof(dir), "%.*s", (int)(strrchr(path, '/') - path),
	    path);
	ck_assert_int_eq(svg_save(path, s, PLOT_CURVE, 0, NULL, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_gt(st.st_size, 500);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "<?xml"));
	/* A refusal leaves the old file as it was and nothing beside it. */
	ck_assert_int_eq(svg_save(path, s, PLOT_OFF, 0, NULL, err,
	    sizeof(err)), -1);
	ck_assert_int_eq(svg_save(path, s, PLOT_BARS, 5, NULL, err,
	    sizeof(err)), -1);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_gt(st.st_size, 500);
	snprintf(buf, sizeof(buf), "ls %s | wc -l", dir);
	f = popen(buf, "r");
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
	pclose(f);
	ck_assert_int_eq(atoi(buf), 1);
	/* A folder that is not there. */
	ck_assert_int_eq(svg_save("/nonexistent/x.svg", s, PLOT_CURVE, 0, NULL,
	    err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/x.svg: "));
	sheet_free(s);
}
END_TEST

/* `xent plot`: the picture from the command line, and its refusals. */
START_TEST(test_cli)
{
	char cmd[2048], out[600], *o = NULL, *e = NULL, *doc;
	const char *csv = tu_write_temp("p.csv", "label,a,b,c\na,2,1,0\n"
	    "b,0,3,0.5\nc,1,1,1\nb,9,0,0\n");
	struct xml_count n;
	FILE *f;
	long len;

	snprintf(out, sizeof(out), "%.*s/out.svg", (int)(strrchr(csv, '/') -
	    csv), csv);
	snprintf(cmd, sizeof(cmd), "%s plot curve --row 4 --base 2 %s --svg %s",
	    tu_xent(), csv, out);
	ck_assert_int_eq(tu_run(cmd, NULL, &o, &e), 0);
	ck_assert_str_eq(e, "");
	free(o);
	free(e);
	f = fopen(out, "r");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	doc = calloc(1, len + 1);
	ck_assert_int_eq((long)fread(doc, 1, len, f), len);
	fclose(f);
	n = xml_check(doc);
	ck_assert_int_eq(n.ok, 1);
	ck_assert_int_eq(n.polylines, 1);
	ck_assert_ptr_nonnull(strstr(doc, "row 4: p(b)"));
	ck_assert_ptr_nonnull(strstr(doc, "log\xe2\x82\x82"));
	free(doc);
	snprintf(cmd, sizeof(cmd), "%s plot curve --row 5 %s --svg %s",
	    tu_xent(), csv, out);
	ck_assert_int_eq(tu_run(cmd, NULL, &o, &e), 2);
	ck_assert_ptr_nonnull(strstr(e, "no row 5"));
	free(o);
	free(e);
	snprintf(cmd, sizeof(cmd), "%s plot pie %s --svg %s", tu_xent(), csv,
	    out);
	ck_assert_int_eq(tu_run(cmd, NULL, &o, &e), 2);
	ck_assert_ptr_nonnull(strstr(e, "usage: xent plot"));
	free(o);
	free(e);
	snprintf(cmd, sizeof(cmd), "%s plot hist %s", tu_xent(), csv);
	ck_assert_int_eq(tu_run(cmd, NULL, &o, &e), 2);
	free(o);
	free(e);
}
END_TEST

Suite *
svg_suite(void)
{
	Suite *s = suite_create("svg");
	TCase *tc = tcase_create("svg");

	tcase_add_test(tc, test_checker);
	tcase_add_test(tc, test_curve);
	tcase_add_test(tc, test_bars);
	tcase_add_test(tc, test_hist);
	tcase_add_test(tc, test_reliability);
	tcase_add_test(tc, test_save);
	tcase_add_test(tc, test_cli);
	suite_add_tcase(s, tc);
	return s;
}
