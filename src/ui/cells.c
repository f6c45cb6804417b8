/*
 * cells.c - what each cell shows and how it is emphasised.
 *
 * A flag lights up the cells it is about (the sum when a row does not add
 * up to 1, the loss when a log hits 0 ...), and the flags column spells it
 * out in words, so nothing rests on colour alone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/explain.h"
#include "core/num.h"
#include "core/rowkey.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

const char *
ui_group_title(const struct sheet *s, enum group g)
{
	int probs = sheet_opts(s)->mode == SHEET_PROBS;

	switch (g) {
	case G_TARGET: return "target";
	case G_ACT: return probs ? "prob" : "output";
	case G_EXP: return "exp";
	case G_SUM: return "sum";
	case G_P: return probs ? "p" : sheet_is_binary(s) ? "sigmoid" :
	    "softmax";
	case G_NAIVE: return "exp/sum";
	case G_NLL: return "-log p";
	case G_LABEL: return "label";
	case G_PLABEL: return "p(label)";
	case G_PRED: return "pred";
	case G_PPRED: return "p(pred)";
	case G_LOSS: return "loss";
	case G_IFF: return "if-form";
	case G_FLAGS: return "flags";
	default: return "";
	}
}

const char *
ui_row_label(const struct sheet *s, long r, char *buf, size_t len)
{
	const char *id = sheet_id(s, r);

	if (*id)
		return id;
	snprintf(buf, len, "%ld", r + 1);
	return buf;
}

long
ui_scroll(long top, long sel, long n, long h)
{
	if (sel < top)
		top = sel;
	if (sel >= top + h)
		top = sel - h + 1;
	/* After the window grows, use the room again. */
	if (top > n - h)
		top = n - h;
	return top < 0 ? 0 : top;
}

/* The flag tags of row R, space-separated. */
static void
ui_flag_text(const struct sheet *s, long r, char *buf, size_t len)
{
	unsigned f = sheet_flags(s, r);
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < SHEET_NFLAGS && used < len; i++)
		if (f & (1u << i))
			used += snprintf(buf + used, len - used, "%s%s",
			    used ? " " : "", explain_flag_tag(i, ui_utf8()));
}

/* Emphasis of a per-class cell (R, G, K) from the row's flags. */
static enum ui_style
ui_class_style(const struct sheet *s, long r, enum group g, int k)
{
	unsigned f = sheet_flags(s, r);
	double p = sheet_p(s, r, k);
	int t = sheet_target(s, r);

	if ((g == G_P || g == G_ACT) && (p < 0 || p > 1))
		return UI_WARN;
	if ((g == G_EXP && isinf(sheet_exp(s, r, k))) ||
	    (g == G_NAIVE && isnan(sheet_naive_p(s, r, k))))
		return UI_WARN;
	if ((f & FLAG_LOG_ZERO) && k == t && (g == G_P || g == G_NLL))
		return UI_BAD;
	if ((f & FLAG_CONFIDENT_WRONG) && k == sheet_pred(s, r) && g == G_P)
		return UI_BAD;
	if (g == G_TARGET && sheet_y(s, r, k) != 0)
		return UI_TARGET;
	if (k == t && !sheet_is_binary(s) && (g == G_P || g == G_ACT))
		return UI_TARGET;
	return UI_NORMAL;
}

/* Emphasis of a per-row cell of group G. */
static enum ui_style
ui_row_style(const struct sheet *s, long r, enum group g)
{
	unsigned f = sheet_flags(s, r);

	if (g == G_SUM && (f & (FLAG_NOT_NORMALIZED | FLAG_OVERFLOW)))
		return UI_WARN;
	if ((g == G_LOSS || g == G_IFF) && (f & FLAG_FORMS_DISAGREE))
		return UI_WARN;
	if (g == G_LOSS && (f & (FLAG_LOG_ZERO | FLAG_CONFIDENT_WRONG)))
		return UI_BAD;
	if (g == G_FLAGS && f != 0)
		return f & (FLAG_CONFIDENT_WRONG | FLAG_LOG_ZERO) ? UI_BAD :
		    UI_WARN;
	if ((g == G_PRED || g == G_PPRED) && (f & FLAG_CONFIDENT_WRONG))
		return UI_BAD;
	if (g == G_PLABEL && (f & FLAG_LOG_ZERO))
		return UI_BAD;
	if (g == G_LABEL)
		return UI_TARGET;
	return UI_NORMAL;
}

/* The number shown in a per-class cell. */
static double
ui_class_value(const struct sheet *s, long r, enum group g, int k)
{
	switch (g) {
	case G_TARGET: return sheet_y(s, r, k);
	case G_ACT: return sheet_act(s, r, k);
	case G_EXP: return sheet_exp(s, r, k);
	case G_P: return sheet_p(s, r, k);
	case G_NAIVE: return sheet_naive_p(s, r, k);
	case G_NLL: return sheet_neglog(s, r, k);
	default: return NAN;
	}
}

void
ui_cell(const struct ctl *c, long r, enum group g, int k, char *buf,
    size_t len, int w, enum ui_style *style)
{
	const struct sheet *s = c->s;
	int has = sheet_has_target(s, r);

	*style = k >= 0 ? ui_class_style(s, r, g, k) : ui_row_style(s, r, g);
	if (k >= 0) {
		if (g == G_TARGET && !has)
			snprintf(buf, len, "-");
		else
			ui_num(buf, len, ui_class_value(s, r, g, k), w);
		return;
	}
	switch (g) {
	case G_SUM: ui_num(buf, len, sheet_sum(s, r), w); break;
	case G_LOSS: has ? ui_num(buf, len, sheet_loss(s, r), w) :
	    (void)snprintf(buf, len, "-"); break;
	case G_IFF: has ? ui_num(buf, len, sheet_if_form(s, r), w) :
	    (void)snprintf(buf, len, "-"); break;
	case G_PRED: sheet_outcome_name(s, sheet_pred(s, r), buf, len); break;
	case G_LABEL: has ? (void)sheet_outcome_name(s, sheet_target(s, r),
	    buf, len) : (void)snprintf(buf, len, "-"); break;
	case G_PLABEL: has ? ui_num(buf, len, rowkey_target_p(s, r), w) :
	    (void)snprintf(buf, len, "-"); break;
	case G_PPRED: ui_num(buf, len, rowkey_conf(s, r), w); break;
	case G_FLAGS: ui_flag_text(s, r, buf, len); break;
	default: buf[0] = '\0';
	}
}
