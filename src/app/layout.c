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
