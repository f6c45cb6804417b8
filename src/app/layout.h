/*
 * layout.h - which columns a view shows, in which order.
 *
 * Columns come in groups that a lecturer hides and reveals one at a time
 * (`:hide exp`, `:show exp`, `>`).  The controller moves the cursor over
 * this list and the screen code draws it, so both agree on what is where.
 * Pure: no terminal.
 */
#ifndef XENT_APP_LAYOUT_H
#define XENT_APP_LAYOUT_H

#include "core/sheet.h"

enum view { VIEW_BATCH, VIEW_EXAMPLE };

/* Column groups, in display order. */
enum group {
	G_TARGET,	/* one-hot (or soft) targets, one cell per class */
	G_ACT,		/* logits or probabilities as typed */
	G_EXP,		/* naive exp(a/T) (logits mode) */
	G_SUM,		/* the exp sum or probability sum */
	G_P,		/* stable softmax, or the probabilities */
	G_NAIVE,	/* exp/sum, which turns NaN on overflow */
	G_NLL,		/* -log p per class */
	G_LABEL,	/* the hard target's class name */
	G_PLABEL,	/* p(label): the target's probability */
	G_PRED,		/* predicted class */
	G_PPRED,	/* p(pred): the top probability */
	G_LOSS,		/* per-row loss */
	G_IFF,		/* the IF form */
	G_FLAGS,	/* flag tags */
	G_NGROUPS
};

/* One column of a view: a group and, for per-class groups, the class. */
struct column {
	enum group	g;
	int		k;	/* class, or -1 for per-row groups */
};

/* Groups hidden when a sheet opens: the naive softmax always, and -log p
 * per class in the batch view, where the loss column says it already.  The
 * label columns show instead of the one-hot targets on a sheet of hard
 * labels (layout_hard_labels), and are hidden on any other. */
#define LAYOUT_LABELS		((1u << G_LABEL) | (1u << G_PLABEL) | \
				 (1u << G_PPRED))
#define LAYOUT_HIDDEN_EXAMPLE	((1u << G_NAIVE) | LAYOUT_LABELS)
#define LAYOUT_HIDDEN_BATCH	((1u << G_NAIVE) | (1u << G_NLL) | \
				 LAYOUT_LABELS)
#define LAYOUT_HIDDEN_LABELED	((1u << G_NAIVE) | (1u << G_NLL) | \
				 (1u << G_TARGET))

/* The `:show`/`:hide` name of group G ("exp", "softmax", ...). */
const char *layout_group_name(enum group g);

/* The group named NAME (aliases such as "p" for softmax allowed), or -1. */
int layout_group_index(const char *name);

/* 1 when group G is per class. */
int layout_per_class(enum group g);

/* 1 when G applies to S at all (exp, softmax and naive only in logits
 * mode: in probs mode the outputs are the probabilities). */
int layout_group_applies(const struct sheet *s, enum group g);

/* 1 when the user may type into G (activations and targets). */
int layout_editable(enum group g);

/* Fills COLS (room for MAX) with the batch view's visible columns for S
 * with groups HIDDEN hidden; returns the count. */
int layout_batch(const struct sheet *s, unsigned hidden, struct column *cols,
    int max);

/* Fills COLS with the example view's visible columns: the per-class groups
 * in the spreadsheet's order (output, exp, softmax, naive, target, -log p),
 * one column each with k = -1, since the rows are the classes. */
int layout_example(const struct sheet *s, unsigned hidden,
    struct column *cols, int max);

/* 1 when S's targets are hard labels given by a label column (several
 * classes, no soft target): the batch view then shows the label and
 * p(label) instead of K one-hot columns. */
int layout_hard_labels(const struct sheet *s);

/* The groups hidden when S opens in view V. */
unsigned layout_hidden_default(const struct sheet *s, enum view v);

/* The next hidden group (in display order) that applies to S, or -1. */
int layout_next_hidden(const struct sheet *s, unsigned hidden);

/* A rectangle of the screen: first line and column, lines and columns. */
struct layout_box {
	int y, x, h, w;
};

/* Where one frame puts the grid, the lesson pane and the plot pane. */
struct layout_frame {
	struct layout_box grid;		/* the sheet */
	struct layout_box pane;		/* the lesson pane (h 0: none) */
	struct layout_box plot;		/* the plot pane (h 0: none of its own) */
	int plot_in_pane;		/* no room for all three: the plot takes
					 * the place of the lesson's prose */
};

#define LAYOUT_PANE_MIN	7	/* lines of a lesson pane below the grid */
#define LAYOUT_PLOT_MIN	8	/* lines of a plot pane below the grid */
#define LAYOUT_GRID_MIN	4	/* lines the grid keeps beside a plot */
#define LAYOUT_PANE_PLOT 9	/* a lesson pane's lines below a plot */

/* Splits BODY (the lines between the title bar and the explanation)
 * among the grid, which needs NEED lines to show every row, the lesson
 * pane (LESSON) and the plot (PLOT).  Panes go beside the grid on a wide
 * screen, below it on a narrow one; the grid keeps a few lines however
 * small the screen, so the current cell stays in view. */
void layout_frame(struct layout_box body, long need, int lesson, int plot,
    struct layout_frame *f);

#endif
