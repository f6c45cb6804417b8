/*
 * svg.c - the pictures as SVG 1.1; see svg.h.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/num.h"
#include "core/stats.h"
#include "io/svg.h"

/* The page and the plotting area inside it, in user units (pixels). */
#define SVG_W	640
#define SVG_H	400
#define SVG_L	80
#define SVG_R	600
#define SVG_T	50
#define SVG_B	330

/* Colours that stay apart for colour-blind eyes (Okabe and Ito). */
#define SVG_BLUE	"#0072b2"
#define SVG_ORANGE	"#e69f00"
#define SVG_PURPLE	"#cc79a7"
#define SVG_GREY	"#999999"

#define SVG_CURVE_SAMPLES 240
#define SVG_MAX_BARS 24

/* ------------------------------------------------------------------ */
/* Writing                                                            */
/* ------------------------------------------------------------------ */

/* A coordinate with one decimal, in the C locale. */
static const char *
svg_num(char *buf, size_t len, double v)
{
	num_snprintf(buf, len, "%.1f", v);
	return buf;
}

/* X of V on an axis from LO to HI across the plotting area. */
static double
svg_x(double v, double lo, double hi)
{
	return SVG_L + (v - lo) / (hi - lo) * (SVG_R - SVG_L);
}

/* Y of V on an axis from LO (bottom) to HI (top). */
static double
svg_y(double v, double lo, double hi)
{
	return SVG_B - (v - lo) / (hi - lo) * (SVG_B - SVG_T);
}

/* Writes S with XML's five special characters escaped. */
static void
svg_escape(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* A <text> TEXT at X, Y, anchored ANCHOR ("start", "middle", "end"). */
static void
svg_text(FILE *f, double x, double y, const char *anchor, const char *text)
{
	char a[32], b[32];

	fprintf(f, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\">",
	    svg_num(a, sizeof(a), x), svg_num(b, sizeof(b), y), anchor);
	svg_escape(f, text);
	fputs("</text>\n", f);
}

/* A <line> from X0, Y0 to X1, Y1 in COLOUR, dashed when DASH is set. */
static void
svg_line(FILE *f, double x0, double y0, double x1, double y1,
    const char *colour, int dash)
{
	char a[32], b[32], c[32], d[32];

	fprintf(f, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
	    "stroke=\"%s\"%s/>\n", svg_num(a, sizeof(a), x0),
	    svg_num(b, sizeof(b), y0), svg_num(c, sizeof(c), x1),
	    svg_num(d, sizeof(d), y1), colour,
	    dash ? " stroke-dasharray=\"4 3\"" : "");
}

/* A <rect> of class CLS from X0, Y0 (top left) to X1, Y1 in COLOUR. */
static void
svg_rect(FILE *f, const char *cls, double x0, double y0, double x1,
    double y1, const char *colour)
{
	char a[32], b[32], c[32], d[32];

	fprintf(f, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" "
	    "height=\"%s\" fill=\"%s\"/>\n", cls, svg_num(a, sizeof(a), x0),
	    svg_num(b, sizeof(b), y0), svg_num(c, sizeof(c), x1 - x0),
	    svg_num(d, sizeof(d), y1 - y0), colour);
}

/* The document's start, with TITLE on top. */
static void
svg_begin(FILE *f, const char *title)
{
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"sans-serif\" font-size=\"13\">\n<title>", SVG_W,
	    SVG_H, SVG_W, SVG_H);
	svg_escape(f, title);
	fputs("</title>\n", f);
	svg_text(f, SVG_W / 2.0, 24, "middle", title);
}

/* Both axes with their ticks and labels; XA or YA may be NULL. */
static void
svg_axes(FILE *f, const struct plot_axis *xa, const struct plot_axis *ya,
    const char *xlabel, const char *ylabel)
{
	char buf[64];
	double p;
	int i;

	svg_line(f, SVG_L, SVG_B, SVG_R, SVG_B, "black", 0);
	svg_line(f, SVG_L, SVG_B, SVG_L, SVG_T, "black", 0);
	for (i = 0; xa != NULL && i < xa->n; i++) {
		p = svg_x(xa->t[i], xa->lo, xa->hi);
		svg_line(f, p, SVG_B, p, SVG_B + 5, "black", 0);
		svg_text(f, p, SVG_B + 19, "middle", plot_tick_label(buf,
		    sizeof(buf), xa->t[i], xa->step));
	}
	for (i = 0; ya != NULL && i < ya->n; i++) {
		p = svg_y(ya->t[i], ya->lo, ya->hi);
		svg_line(f, SVG_L - 5, p, SVG_L, p, "black", 0);
		svg_text(f, SVG_L - 8, p + 4, "end", plot_tick_label(buf,
		    sizeof(buf), ya->t[i], ya->step));
	}
	svg_text(f, (SVG_L + SVG_R) / 2.0, SVG_B + 40, "middle", xlabel);
	svg_text(f, 12, SVG_T - 14, "start", ylabel);
}

/* ------------------------------------------------------------------ */
/* The penalty curve                                                  */
/* ------------------------------------------------------------------ */

/* One branch of the curve as a <polyline>. */
static void
svg_branch(FILE *f, const struct plot_curve *c, int branch)
{
	double xs[SVG_CURVE_SAMPLES], ys[SVG_CURVE_SAMPLES];
	char a[32], b[32];
	int n = plot_curve_sample(c, branch, xs, ys, SVG_CURVE_SAMPLES), i;

	fprintf(f, "<polyline class=\"curve\" fill=\"none\" stroke=\"%s\" "
	    "stroke-width=\"2\" points=\"", branch == PLOT_Y1 ? SVG_BLUE :
	    SVG_ORANGE);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s,%s", i ? " " : "", svg_num(a, sizeof(a),
		    svg_x(xs[i], c->x.lo, c->x.hi)), svg_num(b, sizeof(b),
		    svg_y(ys[i], c->y.lo, c->y.hi)));
	fputs("\"/>\n", f);
}

/* The confident_wrong stretch of BRANCH's x axis, shaded. */
static void
svg_region(FILE *f, const struct plot_curve *c, int branch)
{
	double x0 = svg_x(c->conf_lo[branch], 0, 1);
	double x1 = svg_x(c->conf_hi[branch], 0, 1);

	svg_rect(f, "region", x0, SVG_T, x1, SVG_B, "#f3e3ee");
	svg_text(f, (x0 + x1) / 2, SVG_T + 14, "middle", "confident_wrong");
}

/* The row's marker, with its numbers beside it. */
static void
svg_marker(FILE *f, const struct sheet *s, const struct plot_curve *c)
{
	char a[32], b[32], pv[NUM_BUFSZ], lv[NUM_BUFSZ], text[160];
	double y = c->mark_loss > c->y.hi ? c->y.hi : c->mark_loss;
	double x = svg_x(c->mark_p, 0, 1), py = svg_y(y, c->y.lo, c->y.hi);
	char name[64];

	fprintf(f, "<circle class=\"marker\" cx=\"%s\" cy=\"%s\" r=\"5\" "
	    "fill=\"%s\"/>\n", svg_num(a, sizeof(a), x), svg_num(b,
	    sizeof(b), py), SVG_PURPLE);
	snprintf(text, sizeof(text), "row %ld: p(%s) = %s, loss = %s%s",
	    c->row + 1, sheet_outcome_name(s, c->binary ? 0 : c->target, name,
	    sizeof(name)), num_format_round(pv, sizeof(pv), c->mark_p, 4),
	    num_format_round(lv, sizeof(lv), c->mark_loss, 5),
	    c->mark_loss > c->y.hi ? " (off the top)" : "");
	svg_text(f, x < (SVG_L + SVG_R) / 2.0 ? x + 10 : x - 10, py - 8,
	    x < (SVG_L + SVG_R) / 2.0 ? "start" : "end", text);
}

/* The penalty curve of S with row R's marker. */
static int
svg_curve(FILE *f, const struct sheet *s, long r)
{
	struct plot_curve c;
	char title[128], xl[160], yl[64];

	plot_curve_make(s, r, &c);
	snprintf(title, sizeof(title), "Penalty: loss = \xe2\x88\x92%s p",
	    plot_log_name(c.base));
	if (c.binary)
		snprintf(xl, sizeof(xl), "p(%s); y = 1: \xe2\x88\x92%s p, "
		    "y = 0: \xe2\x88\x92%s (1 \xe2\x88\x92 p)",
		    sheet_class_name(s, 0), plot_log_name(c.base),
		    plot_log_name(c.base));
	else
		snprintf(xl, sizeof(xl), "p(target)");
	snprintf(yl, sizeof(yl), "loss (%s)", plot_log_name(c.base));
	svg_begin(f, title);
	svg_region(f, &c, PLOT_Y1);
	if (c.binary)
		svg_region(f, &c, PLOT_Y0);
	svg_axes(f, &c.x, &c.y, xl, yl);
	svg_branch(f, &c, PLOT_Y1);
	if (c.binary) {
		svg_branch(f, &c, PLOT_Y0);
		svg_text(f, svg_x(0.08, 0, 1), SVG_T + 34, "start", "y = 1");
		svg_text(f, svg_x(0.92, 0, 1), SVG_T + 34, "end", "y = 0");
	}
	if (c.mark)
		svg_marker(f, s, &c);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The distribution of one row                                        */
/* ------------------------------------------------------------------ */

/* The label right of bar B: its p, its logit, its marks. */
static void
svg_bar_label(const struct sheet *s, const struct plot_bar *b, char *buf,
    size_t len)
{
	char p[NUM_BUFSZ], a[NUM_BUFSZ];

	num_format_round(p, sizeof(p), b->p, 4);
	num_format_round(a, sizeof(a), b->act, 4);
	snprintf(buf, len, "%s%s%s%s%s", p, sheet_opts(s)->mode == SHEET_LOGITS
	    ? "  logit " : "", sheet_opts(s)->mode == SHEET_LOGITS ? a : "",
	    b->target ? "  \xe2\x97\x80 T target" : "",
	    b->pred ? "  \xe2\x97\x8f P prediction" : "");
}

/* Row R's distribution, a bar per outcome. */
static int
svg_bars(FILE *f, const struct sheet *s, long r)
{
	struct plot_bar bars[SVG_MAX_BARS];
	struct plot_axis xa;
	char title[128], name[128], label[256];
	int hidden, n = plot_bars_make(s, r, bars, SVG_MAX_BARS, &hidden), i;
	double h = (SVG_B - SVG_T) / (double)(n > 0 ? n : 1), y, w;

	if (h > 28)
		h = 28;
	plot_ticks(0, 1, 5, &xa);
	snprintf(title, sizeof(title), "Row %ld: p per class", r + 1);
	svg_begin(f, title);
	svg_axes(f, &xa, NULL, hidden > 0 ? "p (the most probable classes and "
	    "the target)" : "p", "");
	for (i = 0; i < n; i++) {
		y = SVG_T + i * h;
		w = plot_bar_eighths(bars[i].p, 1000) / 8000.0;
		svg_rect(f, "bar", SVG_L, y + 3, SVG_L + w * (SVG_R - SVG_L),
		    y + h - 3, bars[i].target ? SVG_BLUE : SVG_GREY);
		sheet_outcome_name(s, bars[i].c, name, sizeof(name));
		svg_text(f, SVG_L - 6, y + h / 2 + 4, "end", name);
		svg_bar_label(s, &bars[i], label, sizeof(label));
		svg_text(f, SVG_L + w * (SVG_R - SVG_L) + 6, y + h / 2 + 4,
		    "start", label);
	}
	if (hidden > 0) {
		snprintf(label, sizeof(label), "(%d more classes not shown)",
		    hidden);
		svg_text(f, SVG_L, SVG_B - 4, "start", label);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The loss histogram                                                 */
/* ------------------------------------------------------------------ */

/* The buckets as rects; the infinite losses in a column of their own. */
static void
svg_buckets(FILE *f, const struct plot_hist *h, int log_scale, long max)
{
	double bw = (SVG_R - SVG_L) / (PLOT_HIST_BUCKETS + 2.0), x, top;
	int i;

	for (i = 0; i <= PLOT_HIST_BUCKETS; i++) {
		long n = i < PLOT_HIST_BUCKETS ? h->count[i] : h->inf;

		if (n == 0)
			continue;
		x = SVG_L + (i < PLOT_HIST_BUCKETS ? i : i + 1) * bw;
		top = SVG_B - plot_hist_level(n, max, log_scale, 1000) / 1000.0 *
		    (SVG_B - SVG_T);
		svg_rect(f, "bucket", x + 0.5, top, x + bw - 0.5, SVG_B,
		    i < PLOT_HIST_BUCKETS ? SVG_BLUE : SVG_PURPLE);
	}
	if (h->inf > 0)
		svg_text(f, SVG_L + (PLOT_HIST_BUCKETS + 1.5) * bw, SVG_B + 19,
		    "middle", "inf");
}

/* A dashed line at loss V labelled LABEL, on H's axis (the inf column
 * for an infinite V). */
static void
svg_hist_mark(FILE *f, const struct plot_hist *h, double v, double ty,
    const char *label)
{
	double bw = (SVG_R - SVG_L) / (PLOT_HIST_BUCKETS + 2.0);
	double w = PLOT_HIST_BUCKETS * bw, x;

	if (!(v == v) || v < h->axis.lo)
		return;
	x = isinf(v) ? SVG_L + (PLOT_HIST_BUCKETS + 1.5) * bw :
	    SVG_L + (v - h->axis.lo) / (h->axis.hi - h->axis.lo) * w;
	svg_line(f, x, SVG_T, x, SVG_B, SVG_PURPLE, 1);
	svg_text(f, x + 4, ty, "start", label);
}

/* The loss axis' ticks, on the finite buckets left of the inf column. */
static void
svg_hist_ticks(FILE *f, const struct plot_axis *xa)
{
	char buf[32];
	double x;
	int i;

	for (i = 0; i < xa->n; i++) {
		x = SVG_L + (xa->t[i] - xa->lo) / (xa->hi - xa->lo) *
		    PLOT_HIST_BUCKETS * (SVG_R - SVG_L) / (PLOT_HIST_BUCKETS + 2.0);
		svg_line(f, x, SVG_B, x, SVG_B + 5, "black", 0);
		svg_text(f, x, SVG_B + 19, "middle", plot_tick_label(buf,
		    sizeof(buf), xa->t[i], xa->step));
	}
}

/* Every row's loss, counted; the mean and row R marked. */
static int
svg_hist(FILE *f, const struct sheet *s, long r, const struct plot_hist *hh)
{
	struct plot_hist own;
	const struct plot_hist *h = hh;
	long max = 0;
	char buf[96], num[NUM_BUFSZ];
	int i, log_scale;
	long all[PLOT_HIST_BUCKETS + 1];

	if (h == NULL) {
		plot_hist_build(&own, s);
		h = &own;
	}
	for (i = 0; i < PLOT_HIST_BUCKETS; i++)
		all[i] = h->count[i];
	all[PLOT_HIST_BUCKETS] = h->inf;
	for (i = 0; i <= PLOT_HIST_BUCKETS; i++)
		max = all[i] > max ? all[i] : max;
	log_scale = plot_hist_log(all, PLOT_HIST_BUCKETS + 1);
	snprintf(buf, sizeof(buf), "Loss of each row (%ld rows)", h->rows);
	svg_begin(f, buf);
	svg_axes(f, NULL, NULL, "loss", log_scale ? "rows (log scale)" :
	    "rows");
	svg_hist_ticks(f, &h->axis);
	snprintf(buf, sizeof(buf), "%ld", max);
	svg_text(f, SVG_L - 8, SVG_T + 4, "end", buf);
	svg_text(f, SVG_L - 8, SVG_B + 4, "end", "0");
	svg_buckets(f, h, log_scale, max);
	snprintf(buf, sizeof(buf), "mean %s", num_format_round(num,
	    sizeof(num), sheet_mean_loss(s), 4));
	svg_hist_mark(f, h, sheet_mean_loss(s), SVG_T + 14, buf);
	if (r >= 0 && r < sheet_rows(s)) {
		snprintf(buf, sizeof(buf), "row %ld: %s", r + 1,
		    num_format_round(num, sizeof(num), sheet_loss(s, r), 4));
		svg_hist_mark(f, h, sheet_loss(s, r), SVG_T + 30, buf);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The reliability diagram                                            */
/* ------------------------------------------------------------------ */

/* Bin B as a rect of its accuracy and one of the gap to its confidence. */
static void
svg_bin(FILE *f, const struct stats_bin *b)
{
	double x0 = svg_x(b->lo, 0, 1) + 1, x1 = svg_x(b->hi, 0, 1) - 1;
	double ya = svg_y(b->acc, 0, 1), yc = svg_y(b->conf, 0, 1);

	svg_rect(f, "bin", x0, ya, x1, SVG_B, SVG_BLUE);
	svg_rect(f, "gap", x0, ya < yc ? ya : yc, x1, ya < yc ? yc : ya,
	    SVG_ORANGE);
}

/* Accuracy against confidence per bin (STATS_BINS of them, the bins of
 * `:view calibration` and the pane's), with the diagonal. */
static int
svg_reliability(FILE *f, const struct sheet *s)
{
	struct stats_calib k;
	struct plot_axis a;
	char buf[160], e[NUM_BUFSZ], m[NUM_BUFSZ];
	int i;

	if (stats_calibration(s, STATS_BINS, &k) < 0)
		return -1;
	plot_ticks(0, 1, 5, &a);
	svg_begin(f, "Reliability: accuracy per confidence bin");
	svg_axes(f, &a, &a, "confidence (the top class's p)", "accuracy");
	for (i = 0; i < k.nbins; i++)
		if (k.bins[i].count > 0)
			svg_bin(f, &k.bins[i]);
	svg_line(f, SVG_L, SVG_B, SVG_R, SVG_T, SVG_GREY, 1);
	snprintf(buf, sizeof(buf), "ECE %s, MCE %s, %ld rows",
	    num_format_round(e, sizeof(e), k.ece, 4), num_format_round(m,
	    sizeof(m), k.mce, 4), k.rows);
	svg_text(f, SVG_L + 10, SVG_T + 14, "start", buf);
	svg_text(f, SVG_L + 10, SVG_T + 30, "start", "blue: accuracy; orange: "
	    "the gap to the bin's confidence; dashed: perfect calibration");
	stats_calib_free(&k);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Files                                                              */
/* ------------------------------------------------------------------ */

int
svg_write(FILE *f, const struct sheet *s, enum plot_kind k, long r,
    const struct plot_hist *h, char *err, size_t errlen)
{
	int rc;

	if (r < 0 || r >= sheet_rows(s)) {
		snprintf(err, errlen, "no row %ld: rows go from 1 to %ld", r + 1,
		    sheet_rows(s));
		return -1;
	}
	switch (k) {
	case PLOT_CURVE: rc = svg_curve(f, s, r); break;
	case PLOT_BARS: rc = svg_bars(f, s, r); break;
	case PLOT_HIST: rc = svg_hist(f, s, r, h); break;
	case PLOT_RELIABILITY: rc = svg_reliability(f, s); break;
	default:
		snprintf(err, errlen, "no picture to write: curve, bars, hist "
		    "or reliability");
		return -1;
	}
	fputs("</svg>\n", f);
	if (rc < 0 || ferror(f)) {
		snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

int
svg_save(const char *path, const struct sheet *s, enum plot_kind k, long r,
    const struct plot_hist *h, char *err, size_t errlen)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 8), why[256];
	FILE *f = NULL;
	mode_t mask;
	int fd, rc = -1;

	if (tmp == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	snprintf(tmp, n + 8, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	/* mkstemp makes the file private; a picture is as public as the
	 * umask says. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	errno = 0;
	if (svg_write(f, s, k, r, h, why, sizeof(why)) < 0)
		snprintf(err, errlen, "%s: %s", path, why);
	else if (fflush(f) != 0 || fsync(fd) != 0)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else
		rc = 0;
	if (fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
