/*
 * plot.c - the maths of the pictures; see plot.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "core/plot.h"

static const char *plot_names[PLOT_NKINDS] = {
	"off", "curve", "bars", "hist", "reliability",
};

const char *
plot_kind_name(enum plot_kind k)
{
	return k < PLOT_NKINDS ? plot_names[k] : "?";
}

int
plot_kind_index(const char *name)
{
	int i;

	for (i = 0; i < PLOT_NKINDS; i++)
		if (strcmp(name, plot_names[i]) == 0)
			return i;
	return -1;
}

const char *
plot_log_name(int base)
{
	return base == 2 ? "log\xe2\x82\x82" : base == 10 ?
	    "log\xe2\x82\x81\xe2\x82\x80" : "ln";
}

enum plot_kind
plot_kind_next(enum plot_kind k)
{
	return (enum plot_kind)((k + 1) % PLOT_NKINDS);
}

/* ------------------------------------------------------------------ */
/* Axes                                                               */
/* ------------------------------------------------------------------ */

/* The round step (1, 2, 5 or 10 times a power of ten) at or above RAW. */
static double
plot_nice_step(double raw)
{
	double mag = pow(10, floor(log10(raw))), f = raw / mag;

	/* A hair of slack, so that 0.2 computed as 0.2000000001 stays 0.2. */
	if (f <= 1 + 1e-9)
		return mag;
	if (f <= 2 + 1e-9)
		return 2 * mag;
	if (f <= 5 + 1e-9)
		return 5 * mag;
	return 10 * mag;
}

/* Ticks of STEP from LO to HI into AX; the count, or 0 when too many. */
static int
plot_ticks_at(double lo, double hi, double step, struct plot_axis *ax)
{
	double first = floor(lo / step + 1e-9) * step;
	double last = ceil(hi / step - 1e-9) * step;
	int n = (int)floor((last - first) / step + 0.5) + 1, i;

	if (n < 2)
		n = 2;
	if (n > PLOT_MAXTICKS)
		return 0;
	for (i = 0; i < n; i++) {
		ax->t[i] = first + i * step;
		/* No "-0", and no 1e-17 where 0 is meant. */
		if (fabs(ax->t[i]) < step * 1e-9)
			ax->t[i] = 0;
	}
	ax->n = n;
	ax->step = step;
	ax->lo = ax->t[0];
	ax->hi = ax->t[n - 1];
	return n;
}

int
plot_ticks(double lo, double hi, int want, struct plot_axis *ax)
{
	double step;

	if (!isfinite(lo))
		lo = 0;
	if (!isfinite(hi) || hi <= lo)
		hi = lo + 1;
	if (want < 1)
		want = 1;
	if (want > PLOT_MAXTICKS - 1)
		want = PLOT_MAXTICKS - 1;
	step = plot_nice_step((hi - lo) / want);
	while (plot_ticks_at(lo, hi, step, ax) == 0)
		step = plot_nice_step(step * 1.5);
	return ax->n;
}

char *
plot_tick_label(char *buf, size_t len, double v, double step)
{
	int dec = step > 0 ? (int)-floor(log10(step) + 1e-9) : 0;
	size_t n;

	if (dec < 0)
		dec = 0;
	num_snprintf(buf, len, "%.*f", dec, v);
	/* "1.0" reads better as "1" beside "0.5". */
	if (strchr(buf, '.') != NULL) {
		n = strlen(buf);
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, len, "0");
	return buf;
}

/* ------------------------------------------------------------------ */
/* Braille                                                            */
/* ------------------------------------------------------------------ */

/* The bit of each dot in a cell, by row and column (Unicode's dots 1-8). */
static const unsigned char plot_dot_bit[4][2] = {
	{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
};

int
plot_canvas_new(struct plot_canvas *cv, int w, int h)
{
	cv->w = w > 0 ? w : 0;
	cv->h = h > 0 ? h : 0;
	cv->bits = calloc((size_t)cv->w * cv->h + 1, 1);
	return cv->bits != NULL ? 0 : -1;
}

void
plot_canvas_free(struct plot_canvas *cv)
{
	free(cv->bits);
	cv->bits = NULL;
}

void
plot_canvas_dot(struct plot_canvas *cv, int x, int y)
{
	if (x < 0 || y < 0 || x >= 2 * cv->w || y >= 4 * cv->h)
		return;
	cv->bits[(y / 4) * cv->w + x / 2] |= plot_dot_bit[y % 4][x % 2];
}

void
plot_canvas_line(struct plot_canvas *cv, int x0, int y0, int x1, int y1)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0);
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy, e2;

	for (;;) {
		plot_canvas_dot(cv, x0, y0);
		if (x0 == x1 && y0 == y1)
			return;
		e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

/* Position of V on an axis of N dots from LO (dot 0) to HI (dot N - 1),
 * held within a canvas' width either side. */
static int
plot_dot_pos(double v, double lo, double hi, int n)
{
	double d = (v - lo) / (hi - lo) * (n - 1);

	if (!(d > -n))
		return -n;
	if (d > 2.0 * n)
		return 2 * n;
	return (int)floor(d + 0.5);
}

int
plot_dot_x(double x, double lo, double hi, int n)
{
	return plot_dot_pos(x, lo, hi, n);
}

int
plot_dot_y(double y, double lo, double hi, int n)
{
	return n - 1 - plot_dot_pos(y, lo, hi, n);
}

void
plot_canvas_polyline(struct plot_canvas *cv, const double *xs,
    const double *ys, int n, double xlo, double xhi, double ylo, double yhi)
{
	int i, px = 0, py = 0, have = 0, x, y;

	for (i = 0; i < n; i++) {
		if (!isfinite(xs[i]) || !isfinite(ys[i])) {
			have = 0;
			continue;
		}
		x = plot_dot_x(xs[i], xlo, xhi, 2 * cv->w);
		y = plot_dot_y(ys[i], ylo, yhi, 4 * cv->h);
		if (have)
			plot_canvas_line(cv, px, py, x, y);
		else
			plot_canvas_dot(cv, x, y);
		px = x;
		py = y;
		have = 1;
	}
}

unsigned
plot_canvas_bits(const struct plot_canvas *cv, int cx, int cy)
{
	if (cx < 0 || cy < 0 || cx >= cv->w || cy >= cv->h)
		return 0;
	return cv->bits[cy * cv->w + cx];
}

unsigned
plot_braille(unsigned bits)
{
	return 0x2800 + (bits & 0xff);
}

/* Mean row (0 top .. 3 bottom) of the dots of BITS in column COL; -1
 * when the column is empty. */
static double
plot_col_row(unsigned bits, int col)
{
	int r, n = 0, sum = 0;

	for (r = 0; r < 4; r++)
		if (bits & plot_dot_bit[r][col]) {
			sum += r;
			n++;
		}
	return n > 0 ? (double)sum / n : -1;
}

char
plot_ascii(unsigned bits)
{
	int r, top = -1, bottom = -1;
	double left, right, mean;

	for (r = 0; r < 4; r++)
		if (bits & (plot_dot_bit[r][0] | plot_dot_bit[r][1])) {
			if (top < 0)
				top = r;
			bottom = r;
		}
	if (top < 0)
		return ' ';
	left = plot_col_row(bits, 0);
	right = plot_col_row(bits, 1);
	if (bottom - top >= 2) {
		/* Steep: which way it leans. */
		if (left >= 0 && right >= 0 && left < right)
			return '\\';
		if (left >= 0 && right >= 0 && left > right)
			return '/';
		return '|';
	}
	mean = (top + bottom) / 2.0;
	return mean < 1 ? '\'' : mean < 2.25 ? '-' : bottom == 3 &&
	    top == 3 ? '_' : '.';
}

char *
plot_utf8(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		out[1] = '\0';
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		out[2] = '\0';
	} else {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		out[3] = '\0';
	}
	return out;
}

unsigned
plot_block_left(int eighths)
{
	if (eighths <= 0)
		return 0;
	return eighths >= 8 ? 0x2588 : 0x2590 - (unsigned)eighths;
}

unsigned
plot_block_low(int eighths)
{
	if (eighths <= 0)
		return 0;
	return eighths >= 8 ? 0x2588 : 0x2580 + (unsigned)eighths;
}

/* ------------------------------------------------------------------ */
/* The penalty curve                                                  */
/* ------------------------------------------------------------------ */

/* The smallest p the loss axis shows: its top is the first round tick
 * at or above -log of this, the same for every row of a base. */
#define PLOT_CURVE_PMIN 0.003

/* ln of base B (0: e). */
static double
plot_ln_base(int b)
{
	return b == 0 ? 1.0 : log((double)b);
}

double
plot_curve_loss(const struct plot_curve *c, int branch, double p)
{
	double l = branch == PLOT_Y1 ? -log(p) : -log1p(-p);

	return l / plot_ln_base(c->base);
}

/* Places C's marker on row R of S. */
static void
plot_curve_mark(const struct sheet *s, long r, struct plot_curve *c)
{
	c->row = r;
	c->target = r >= 0 && r < sheet_rows(s) ? sheet_target(s, r) : -1;
	if (c->target < 0)
		return;
	c->mark_loss = sheet_loss(s, r);
	if (isnan(c->mark_loss))
		return;
	if (c->binary) {
		c->mark_p = sheet_p(s, r, 0);
		c->mark_branch = c->target == 0 ? PLOT_Y1 : PLOT_Y0;
	} else {
		c->mark_p = sheet_p(s, r, c->target);
		c->mark_branch = PLOT_Y1;
	}
	c->mark = !isnan(c->mark_p);
}

void
plot_curve_make(const struct sheet *s, long r, struct plot_curve *c)
{
	const struct sheet_opts *o = sheet_opts(s);

	memset(c, 0, sizeof(*c));
	c->base = o->base;
	c->binary = sheet_is_binary(s);
	plot_ticks(0, 1, 5, &c->x);
	plot_ticks(0, -log(PLOT_CURVE_PMIN) / plot_ln_base(c->base), 4, &c->y);
	/* Another outcome at `confident` or more leaves the target at most
	 * 1 - confident; on the y = 0 branch the x axis is the other one. */
	c->conf_lo[PLOT_Y1] = 0;
	c->conf_hi[PLOT_Y1] = 1 - o->confident;
	c->conf_lo[PLOT_Y0] = o->confident;
	c->conf_hi[PLOT_Y0] = 1;
	plot_curve_mark(s, r, c);
}

int
plot_curve_sample(const struct plot_curve *c, int branch, double *xs,
    double *ys, int max)
{
	double pmin = exp(-c->y.hi * plot_ln_base(c->base)), u, p;
	int i;

	if (max < 2)
		return 0;
	for (i = 0; i < max; i++) {
		/* Quadratic spacing: fine where the curve is steep. */
		u = (double)i / (max - 1);
		p = pmin + (1 - pmin) * u * u;
		xs[i] = branch == PLOT_Y1 ? p : 1 - p;
		ys[i] = plot_curve_loss(c, PLOT_Y1, p);
	}
	return max;
}

/* ------------------------------------------------------------------ */
/* The loss histogram                                                 */
/* ------------------------------------------------------------------ */

/* Rounds H's range out from the finite losses LO .. HI. */
static void
plot_hist_range(struct plot_hist *h, double lo, double hi)
{
	if (!(lo <= hi)) {
		lo = 0;
		hi = 1;
	}
	if (lo > 0)
		lo = 0;
	if (hi <= lo)
		hi = lo + 1;
	plot_ticks(lo, hi, 5, &h->axis);
}

int
plot_hist_bucket(const struct plot_hist *h, double loss)
{
	double lo = h->axis.lo, hi = h->axis.hi;
	int b;

	if (isinf(loss) && loss > 0)
		return PLOT_HIST_INF;
	if (!isfinite(loss))
		return PLOT_HIST_NONE;
	if (loss < lo || loss > hi)
		return PLOT_HIST_OUT;
	b = (int)((loss - lo) / (hi - lo) * PLOT_HIST_BUCKETS);
	/* The top edge belongs to the last bucket. */
	return b >= PLOT_HIST_BUCKETS ? PLOT_HIST_BUCKETS - 1 : b;
}

/* Adds DELTA to the count of bucket B. */
static void
plot_hist_add(struct plot_hist *h, int b, long delta)
{
	if (b >= 0)
		h->count[b] += delta;
	else if (b == PLOT_HIST_INF)
		h->inf += delta;
	else if (b == PLOT_HIST_NONE)
		h->none += delta;
}

void
plot_hist_build(struct plot_hist *h, const struct sheet *s)
{
	long n = sheet_rows(s), r;
	double lo = INFINITY, hi = -INFINITY, v;

	memset(h, 0, sizeof(*h));
	for (r = 0; r < n; r++) {
		v = sheet_loss(s, r);
		if (isfinite(v)) {
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	}
	plot_hist_range(h, lo, hi);
	for (r = 0; r < n; r++)
		plot_hist_add(h, plot_hist_bucket(h, sheet_loss(s, r)), 1);
	h->rows = n;
}

/* 1 when the populated buckets fill so little of the range that a
 * recount would round it in. */
static int
plot_hist_too_wide(const struct plot_hist *h)
{
	struct plot_axis ax;
	int top = PLOT_HIST_BUCKETS - 1, bottom = 0;
	double w = (h->axis.hi - h->axis.lo) / PLOT_HIST_BUCKETS;

	while (top >= 0 && h->count[top] == 0)
		top--;
	if (top < 0)
		return 0;
	while (h->count[bottom] == 0)
		bottom++;
	if (top - bottom >= PLOT_HIST_BUCKETS / 4)
		return 0;
	plot_ticks(h->axis.lo + bottom * w < 0 ? h->axis.lo + bottom * w : 0,
	    h->axis.lo + (top + 1) * w, 5, &ax);
	return ax.hi < h->axis.hi || ax.lo > h->axis.lo;
}

int
plot_hist_move(struct plot_hist *h, double before, double after)
{
	int b = plot_hist_bucket(h, before), a = plot_hist_bucket(h, after);

	if (b == PLOT_HIST_OUT || a == PLOT_HIST_OUT)
		return 1;
	if (a == b)
		return 0;
	plot_hist_add(h, b, -1);
	plot_hist_add(h, a, 1);
	return plot_hist_too_wide(h);
}

long
plot_hist_merge(const struct plot_hist *h, int m, long *out)
{
	int f = m > 0 ? PLOT_HIST_BUCKETS / m : PLOT_HIST_BUCKETS, j, i;
	long max = 0;

	for (j = 0; j < m; j++) {
		out[j] = 0;
		for (i = j * f; i < (j + 1) * f && i < PLOT_HIST_BUCKETS; i++)
			out[j] += h->count[i];
		max = out[j] > max ? out[j] : max;
	}
	return max;
}

int
plot_hist_log(const long *out, int m)
{
	long max = 0, min = 0;
	int j;

	for (j = 0; j < m; j++) {
		if (out[j] > max)
			max = out[j];
		if (out[j] > 0 && (min == 0 || out[j] < min))
			min = out[j];
	}
	return min > 0 && max > 40 * min;
}

int
plot_hist_level(long count, long max, int log_scale, int levels)
{
	double f;
	int l;

	if (count <= 0 || max <= 0 || levels <= 0)
		return 0;
	f = log_scale ? log1p((double)count) / log1p((double)max) :
	    (double)count / max;
	l = (int)ceil(f * levels - 1e-9);
	return l < 1 ? 1 : l > levels ? levels : l;
}

/* ------------------------------------------------------------------ */
/* The distribution of one row                                        */
/* ------------------------------------------------------------------ */

/* Outcome C of row R as a bar. */
static struct plot_bar
plot_bar_of(const struct sheet *s, long r, int c, int t, int pd)
{
	struct plot_bar b = { c, NAN, NAN, c == t, c == pd };
	struct sheet_other o;

	if (sheet_is_binary(s) && c == 1) {
		sheet_other(s, r, &o);
		b.p = o.p;
		b.act = o.act;
	} else {
		b.p = sheet_p(s, r, c);
		b.act = sheet_act(s, r, c);
	}
	return b;
}

/* P as a sort key: NaN below everything. */
static double
plot_bar_key(double p)
{
	return isnan(p) ? -INFINITY : p;
}

/* Inserts B into the N bars of TOP, kept most probable first, when it
 * belongs among the first MAX; returns the new count. */
static int
plot_bar_insert(struct plot_bar *top, int n, int max, struct plot_bar b)
{
	int i = n < max ? n : max;

	if (i == max && plot_bar_key(top[max - 1].p) >= plot_bar_key(b.p))
		return n;
	if (i == max)
		i--;
	while (i > 0 && plot_bar_key(top[i - 1].p) < plot_bar_key(b.p)) {
		top[i] = top[i - 1];
		i--;
	}
	top[i] = b;
	return n < max ? n + 1 : n;
}

int
plot_bars_make(const struct sheet *s, long r, struct plot_bar *out,
    int max, int *hidden)
{
	int n = sheet_is_binary(s) ? 2 : sheet_classes(s);
	int t = sheet_target(s, r), pd = sheet_pred(s, r), c, got = 0;

	*hidden = 0;
	if (max < 2)
		return 0;
	if (n <= max) {
		for (c = 0; c < n; c++)
			out[c] = plot_bar_of(s, r, c, t, pd);
		return n;
	}
	for (c = 0; c < n; c++)
		got = plot_bar_insert(out, got, max, plot_bar_of(s, r, c, t,
		    pd));
	/* The target takes the last place when it is not among them; when
	 * it is, that place goes to the next most probable. */
	for (c = 0; c < got && !out[c].target; c++)
		;
	if (c == got && t >= 0)
		out[got - 1] = plot_bar_of(s, r, t, t, pd);
	*hidden = n - got;
	return got;
}

int
plot_bar_eighths(double p, int w)
{
	if (!(p > 0) || w <= 0)
		return 0;
	if (p > 1)
		p = 1;
	return (int)floor(p * w * 8 + 0.5);
}
