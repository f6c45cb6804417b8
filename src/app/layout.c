/*
 * layout.c - visible columns of each view; see layout.h.
 */
#include <string.h>

#include "app/layout.h"

static const char *layout_names[G_NGROUPS] = {
	"target", "output", "exp", "sum", "softmax", "naive", "nll", "label",
	"p_label", "pred", "p_pred", "loss", "if_form", "flags",
};

/* Other names a person may reach for. */
static const struct { const char *alias; enum group g; } layout_aliases[] = {
	{ "targets", G_TARGET }, { "act", G_ACT }, { "logits", G_ACT },
	{ "p", G_P }, { "prob", G_P }, { "probs", G_P }, { "neglog", G_NLL },
	{ "if", G_IFF }, { "flag", G_FLAGS }, { "iff", G_IFF },
	{ "p(label)", G_PLABEL }, { "p(pred)", G_PPRED },
};

const char *
layout_group_name(enum group g)
{
	return g < G_NGROUPS ? layout_names[g] : "?";
}

int
layout_group_index(const char *name)
{
	size_t i;

	for (i = 0; i < G_NGROUPS; i++)
		if (strcmp(name, layout_names[i]) == 0)
			return (int)i;
	for (i = 0; i < sizeof(layout_aliases) / sizeof(layout_aliases[0]); i++)
		if (strcmp(name, layout_aliases[i].alias) == 0)
			return layout_aliases[i].g;
	return -1;
}

int
layout_per_class(enum group g)
{
	return g == G_TARGET || g == G_ACT || g == G_EXP || g == G_P ||
	    g == G_NAIVE || g == G_NLL;
}

int
layout_group_applies(const struct sheet *s, enum group g)
{
	/* In probs mode the probabilities are the outputs as given: a p
	 * column would show them twice. */
	if (g == G_EXP || g == G_NAIVE || g == G_P)
		return sheet_opts(s)->mode == SHEET_LOGITS;
	return 1;
}

int
layout_editable(enum group g)
{
	return g == G_ACT || g == G_TARGET;
}

/* 1 when group G is on screen: it applies and is not hidden (the
 * activations can never be hidden). */
static int
layout_visible(const struct sheet *s, unsigned hidden, enum group g)
{
	if (g == G_ACT)
		return 1;
	return layout_group_applies(s, g) && !(hidden & (1u << g));
}

int
layout_batch(const struct sheet *s, unsigned hidden, struct column *cols,
    int max)
{
	int n = 0, g, k, kk = sheet_classes(s);

	for (g = 0; g < G_NGROUPS; g++) {
		if (!layout_visible(s, hidden, g))
			continue;
		if (!layout_per_class(g)) {
			if (n < max)
				cols[n] = (struct column){ g, -1 };
			n++;
			continue;
		}
		for (k = 0; k < kk; k++, n++)
			if (n < max)
				cols[n] = (struct column){ g, k };
	}
	return n < max ? n : max;
}

int
layout_example(const struct sheet *s, unsigned hidden, struct column *cols,
    int max)
{
	/* The spreadsheet's order: output | exp | softmax | target | -log p. */
	static const enum group order[] = {
		G_ACT, G_EXP, G_P, G_NAIVE, G_TARGET, G_NLL,
	};
	size_t i;
	int n = 0;

	for (i = 0; i < sizeof(order) / sizeof(order[0]) && n < max; i++)
		if (layout_visible(s, hidden, order[i]))
			cols[n++] = (struct column){ order[i], -1 };
	return n;
}

int
layout_hard_labels(const struct sheet *s)
{
	struct sheet_sums sums;

	if (sheet_is_binary(s) || sheet_target_style(s) != SHEET_TARGET_LABEL)
		return 0;
	sheet_loss_sums(s, &sums);
	return sums.targeted > 0 && sums.soft == 0;
}

unsigned
layout_hidden_default(const struct sheet *s, enum view v)
{
	if (v == VIEW_EXAMPLE)
		return LAYOUT_HIDDEN_EXAMPLE;
	return layout_hard_labels(s) ? LAYOUT_HIDDEN_LABELED :
	    LAYOUT_HIDDEN_BATCH;
}

int
layout_next_hidden(const struct sheet *s, unsigned hidden)
{
	int g;

	for (g = 0; g < G_NGROUPS; g++)
		if ((hidden & (1u << g)) && layout_group_applies(s, g))
			return g;
	return -1;
}

/* ------------------------------------------------------------------ */
/* The screen's panes                                                 */
/* ------------------------------------------------------------------ */

/* V held to LO .. HI (LO wins when they cross). */
static int
layout_clamp(long v, int lo, int hi)
{
	if (v > hi)
		v = hi;
	return v < lo ? lo : (int)v;
}

/* Takes the W columns on the right of *BOX off it; returns them. */
static struct layout_box
layout_take_right(struct layout_box *box, int w)
{
	struct layout_box right = *box;

	right.w = w;
	right.x = box->x + box->w - w;
	box->w -= w;
	return right;
}

/* Takes the lines of *BOX below its first H; returns them. */
static struct layout_box
layout_take_below(struct layout_box *box, int h)
{
	struct layout_box below = *box;

	below.y = box->y + h;
	below.h = box->h - h;
	box->h = h;
	return below;
}

/* Lines the grid gets above a pane of at least MIN lines (or a share
 * SHARE percent of BOX when the grid needs more than there is). */
static int
layout_grid_lines(const struct layout_box *box, long need, int min,
    int share)
{
	int pane = box->h * share / 100 > min ? box->h * share / 100 : min;

	return layout_clamp(need, LAYOUT_GRID_MIN, box->h - pane);
}

/* A lesson (and perhaps a plot) on a screen of 110 columns or more: the
 * lesson beside, the plot below the grid when the grid leaves it room. */
static void
layout_lesson_wide(struct layout_box body, long need, int plot,
    struct layout_frame *f)
{
	f->pane = layout_take_right(&body, layout_clamp(body.w * 35 / 100,
	    40, 64));
	f->grid = body;
	if (!plot)
		return;
	if (body.h < LAYOUT_GRID_MIN + LAYOUT_PLOT_MIN) {
		f->plot_in_pane = 1;
		return;
	}
	f->plot = layout_take_below(&f->grid, layout_grid_lines(&body, need,
	    LAYOUT_PLOT_MIN, 40));
}

/* A lesson below the grid; a plot between them when the three fit, else
 * in the lesson pane, in place of the prose. */
static void
layout_lesson_narrow(struct layout_box body, long need, int plot,
    struct layout_frame *f)
{
	int g, rest;

	f->grid = body;
	if (plot) {
		/* Three panes only when the grid keeps its rows (or ten of
		 * them, on a long sheet). */
		g = layout_clamp(need, LAYOUT_GRID_MIN, body.h - LAYOUT_PLOT_MIN -
		    LAYOUT_PANE_PLOT);
		rest = body.h - g;
		if (g >= (need < 10 ? need : 10) &&
		    rest >= LAYOUT_PLOT_MIN + LAYOUT_PANE_PLOT) {
			f->plot = layout_take_below(&f->grid, g);
			g = rest / 2 > LAYOUT_PANE_PLOT ? rest / 2 :
			    LAYOUT_PANE_PLOT;
			f->pane = layout_take_below(&f->plot, rest - g);
			return;
		}
		f->plot_in_pane = 1;
	}
	/* The grid takes what its rows need; the pane keeps PANE_MIN lines,
	 * or half the screen when the grid needs more. */
	if (need > body.h - LAYOUT_PANE_MIN)
		need = body.h - LAYOUT_PANE_MIN > body.h / 2 ? body.h -
		    LAYOUT_PANE_MIN : body.h / 2;
	f->pane = layout_take_below(&f->grid, (int)need);
}

void
layout_frame(struct layout_box body, long need, int lesson, int plot,
    struct layout_frame *f)
{
	memset(f, 0, sizeof(*f));
	f->grid = body;
	if (lesson && body.w >= 110)
		layout_lesson_wide(body, need, plot, f);
	else if (lesson)
		layout_lesson_narrow(body, need, plot, f);
	else if (plot && body.w >= 100)
		f->plot = layout_take_right(&f->grid, layout_clamp(body.w * 2 / 5,
		    36, 72));
	else if (plot && body.h >= LAYOUT_GRID_MIN + 4)
		f->plot = layout_take_below(&f->grid, layout_grid_lines(&body,
		    need, LAYOUT_PLOT_MIN, 40));
}
