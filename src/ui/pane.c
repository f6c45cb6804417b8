/*
 * pane.c - the lesson pane: the title with step n of N, the heading, the
 * hint when asked for, the step's prose scrolling in what room is left,
 * the prediction, the task ("Try it: ...") and the goal's state, which
 * never scroll away.  After the last step, the end screen.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/tutor.h"
#include "ui/lineview.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

/* Where text goes: lines are counted from Y on, and drawn only when
 * they fall in [TOP, BOTTOM); measuring draws nothing. */
struct pane_out {
	int	y;		/* the next line */
	int	top, bottom;	/* the lines that are drawn */
	int	x, w;
};

/* A pane_out that only counts lines, for width W. */
static struct pane_out
pane_measure(int w)
{
	struct pane_out o = { 0, INT_MAX, INT_MAX, 0, w };

	return o;
}

/* Puts one line S at the next line of O, when it is in view. */
static void
pane_line(struct pane_out *o, const char *s, attr_t a)
{
	if (o->y >= o->top && o->y < o->bottom)
		ui_put(o->y, o->x, o->w, s, 0, a);
	o->y++;
}

/* Copies prose TEXT into OUT with Markdown's emphasis and code marks
 * dropped, which is all the rendering a terminal pane needs. */
static void
pane_plain(const char *text, char *out, size_t len)
{
	const char *t;
	size_t o = 0;
	int lone;

	for (t = text; *t != '\0' && o + 1 < len; t++) {
		/* A '*' between spaces is arithmetic; any other marks up. */
		lone = (t == text || t[-1] == ' ') && (t[1] == ' ' ||
		    t[1] == '\0');
		if (*t == '`' || (*t == '*' && !lone))
			continue;
		out[o++] = *t;
	}
	out[o] = '\0';
}

/* Word-wraps one paragraph P onto O, all of it in ATTR. */
static void
pane_para(const char *p, struct pane_out *o, attr_t attr)
{
	char line[1024], word[512];
	size_t n;
	int lw = 0, ww;

	line[0] = '\0';
	while (*p != '\0') {
		p += strspn(p, " \n");
		if ((n = strcspn(p, " \n")) == 0)
			break;
		snprintf(word, sizeof(word), "%.*s", (int)n, p);
		p += n;
		ww = ui_width(word);
		if (lw > 0 && lw + 1 + ww > o->w) {
			pane_line(o, line, attr);
			line[0] = '\0';
			lw = 0;
		}
		if (lw > 0 && strlen(line) + 1 < sizeof(line)) {
			strcat(line, " ");
			lw++;
		}
		if (strlen(line) + n + 1 < sizeof(line))
			strcat(line, word);
		lw += ww;
	}
	if (lw > 0)
		pane_line(o, line, attr);
}

/* 1 when LINE starts a line of its own: code, a list item, a heading. */
static int
pane_own_line(const char *line)
{
	size_t d = strspn(line, "0123456789");

	/* "3. " is a numbered item; "0.652," is a number mid-sentence. */
	return strncmp(line, "    ", 4) == 0 || strncmp(line, "- ", 2) == 0 ||
	    strncmp(line, "#", 1) == 0 || (d > 0 && line[d] == '.' &&
	    line[d + 1] == ' ');
}

/* Draws the paragraph gathered in PARA and empties it. */
static void
pane_flush(char *para, struct pane_out *o, attr_t attr)
{
	if (*para != '\0')
		pane_para(para, o, attr);
	*para = '\0';
}

/* Draws prose TEXT onto O: lines joined into paragraphs, which blank
 * lines separate (and show as one, but never at the end); code lines and
 * list items keep lines of their own. */
static void
pane_prose(const char *text, struct pane_out *o, attr_t attr)
{
	size_t len = strlen(text) + 1;
	char *plain = malloc(len), *para = malloc(len), *p, *nl;
	int gap = 0, any = 0;

	if (plain == NULL || para == NULL)
		goto out;
	pane_plain(text, plain, len);
	*para = '\0';
	for (p = plain; p != NULL; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		if (*p == '\0' || pane_own_line(p))
			pane_flush(para, o, attr);
		gap |= *p == '\0' && any;
		if (*p != '\0' && *para == '\0' && gap) {
			o->y++;
			gap = 0;
		}
		any |= *p != '\0';
		if (strncmp(p, "    ", 4) == 0)
			pane_line(o, p, ui_attr(UI_HEADER));
		else if (*p != '\0') {
			if (*para != '\0')
				strcat(para, " ");
			strcat(para, p);
		}
	}
	pane_flush(para, o, attr);
out:
	free(plain);
	free(para);
}

/* Lines TEXT takes at width W. */
static int
pane_height(const char *text, int w, attr_t attr)
{
	struct pane_out o = pane_measure(w);

	if (text != NULL)
		pane_prose(text, &o, attr);
	return o.y;
}

/* The step's scrolling text: on step 1 the introduction, then the prose
 * (the task is drawn apart). */
static void
pane_text(const struct tutor *t, const struct lesson_step *st,
    struct pane_out *o)
{
	int y0 = o->y;

	if (t->step == 0 && t->l->intro != NULL)
		pane_prose(t->l->intro, o, A_NORMAL);
	/* A blank line between the two, when both have something. */
	if (o->y > y0 && st->text != NULL && pane_height(st->text, o->w,
	    A_NORMAL) > 0)
		o->y++;
	if (st->text != NULL)
		pane_prose(st->text, o, A_NORMAL);
}

/* The title line: the lesson's title, shortened, then "  (n/N)", which
 * is never cut. */
static void
pane_head(const struct tutor *t, int y, int x, int w)
{
	char count[32];
	int cw, tw;

	if (t->ended)
		snprintf(count, sizeof(count), "  (end)");
	else
		snprintf(count, sizeof(count), "  (%d/%d)", t->step + 1,
		    t->l->nsteps);
	cw = ui_width(count);
	if (cw > w)
		cw = w;
	tw = ui_width(t->l->title);
	tw = tw < w - cw ? tw : w - cw;
	ui_put(y, x, w, "", 0, ui_attr(UI_TITLE));
	ui_put(y, x, tw, t->l->title, 0, ui_attr(UI_TITLE));
	ui_put(y, x + tw, cw, count, 0, ui_attr(UI_TITLE));
}

/* The goal line: met or not, and what to press next. */
static void
pane_goal(const struct ctl *c, const struct tutor *t, int y, int x, int w)
{
	const char *next = c->present ? "Space: next step" : "]: next step";
	char buf[256];

	if (t->goal == NULL)
		snprintf(buf, sizeof(buf), "%s", next);
	else if (t->met)
		snprintf(buf, sizeof(buf), "%s Goal met! %s", ui_utf8() ?
		    "\xe2\x9c\x93" : "[x]", next);
	else
		snprintf(buf, sizeof(buf), "%s Goal not met yet%s", ui_utf8() ?
		    "\xe2\x9c\x97" : "[ ]", c->present ? "" : " (H: hint)");
	ui_put(y, x, w, buf, 0, ui_attr(t->met ? UI_TARGET : UI_HEADER) |
	    (t->met ? A_REVERSE : 0));
}

/* The prediction's lines at O: the question, then the prompt, what to
 * press, or the verdict.  PROMPT etc. are the line being edited. */
static void
pane_predict(const struct ctl *c, const struct tutor *t, struct pane_out *o,
    struct ui_edit *ed)
{
	const struct lesson_step *st = &t->l->steps[t->step];
	char buf[512];

	if (st->block[LB_PREDICT] == NULL)
		return;
	snprintf(buf, sizeof(buf), "Predict: %s", st->predict.ask);
	pane_prose(buf, o, ui_attr(UI_HEADER));
	if (tutor_predict_pending(t) && c->line == LINE_PREDICT &&
	    ed->prompt != NULL) {
		if (o->y >= o->top && o->y < o->bottom) {
			lineview_draw(stdscr, o->y, o->x, o->w, ed->prompt,
			    ed->buf, ed->point);
			getyx(stdscr, ed->y, ed->x);
		}
		o->y++;
	} else if (tutor_predict_pending(t))
		pane_line(o, "p: type your guess; the hidden columns appear "
		    "then", ui_attr(UI_DIM));
	else
		pane_prose(tutor_predict_verdict(t, buf, sizeof(buf)), o,
		    ui_attr(UI_TARGET));
}

/* Lines the prediction takes at width W. */
static int
pane_predict_height(const struct ctl *c, const struct tutor *t, int w)
{
	struct pane_out o = pane_measure(w);
	struct ui_edit none = { NULL, NULL, 0, -1, -1 };

	pane_predict(c, t, &o, &none);
	return o.y;
}

/* After the last step: what was done, and where to go next. */
static void
pane_end(const struct ctl *c, const struct tutor *t, struct ui_rect r)
{
	struct pane_out o = { r.y + 1, r.y + 1, r.y + r.h, r.x + 1, r.w - 2 };
	char buf[512];
	int i, passed = 0;

	for (i = 0; i < t->l->nsteps; i++)
		passed += t->passed[i];
	pane_line(&o, "The end of this lesson.", ui_attr(UI_HEADER));
	snprintf(buf, sizeof(buf), "Steps passed: %d of %d.", passed,
	    t->l->nsteps);
	pane_prose(buf, &o, A_NORMAL);
	o.y++;
	if (t->next != NULL)
		snprintf(buf, sizeof(buf), "Next: %s.", t->next);
	else
		snprintf(buf, sizeof(buf), "xent lesson lists every lesson.");
	pane_prose(buf, &o, ui_attr(UI_TARGET));
	o.y++;
	pane_prose(c->present ? "PgUp goes back to the last step." :
	    "[ goes back to the last step; :q leaves.", &o, ui_attr(UI_DIM));
}

/* Lines the step's text takes at width W. */
static int
pane_text_height(const struct tutor *t, const struct lesson_step *st, int w)
{
	struct pane_out o = pane_measure(w);

	pane_text(t, st, &o);
	return o.y;
}

void
ui_draw_pane(const struct ctl *c, struct ui_rect r, struct ui_edit *ed,
    struct ctl_geom *geom, int plot)
{
	const struct tutor *t = c->tutor;
	const struct lesson_step *st = &t->l->steps[t->step];
	int x = r.x + 1, w = r.w - 2, y = r.y, ymax = r.y + r.h - 1;
	int task, pred, room, total;
	struct pane_out o;

	for (y = r.y; y < r.y + r.h; y++)
		ui_put(y, r.x, 1, ui_utf8() ? "\xe2\x94\x82" : "|", 0,
		    ui_attr(UI_DIM));
	pane_head(t, r.y, x, w);
	if (t->ended) {
		pane_end(c, t, r);
		return;
	}
	y = r.y + 1;
	ui_put(y++, x, w, st->heading, 0, ui_attr(UI_HEADER));
	/* The hint goes first, so that it shows however long the text. */
	if (t->hint && st->block[LB_HINT] != NULL && y < ymax) {
		o = (struct pane_out){ y, y, ymax, x, w };
		pane_line(&o, "Hint:", ui_attr(UI_TARGET));
		pane_prose(st->block[LB_HINT], &o, A_NORMAL);
		y = o.y < ymax ? o.y : ymax;
	}
	/* Task and prediction stay in view; the text gets what is left, and
	 * they follow it closely when it is short. */
	task = pane_height(st->task, w, A_BOLD);
	pred = pane_predict_height(c, t, w);
	total = plot ? 0 : pane_text_height(t, st, w);
	room = ymax - y - task - pred;
	room = room < 0 ? 0 : total + 1 < room && !plot ? total + 1 : room;
	geom->text_lines = room;
	geom->text_total = total;
	if (plot)
		ui_draw_plot(c, (struct ui_rect){ y, x, room, w }, 0);
	o = (struct pane_out){ y - t->scroll, y, y + room, x, w };
	if (!plot)
		pane_text(t, st, &o);
	if (!c->present && total > t->scroll + room)
		ui_put(r.y + 1, x + w - 12, 12, "} for more", 1,
		    ui_attr(UI_DIM) | A_REVERSE);
	o = (struct pane_out){ y + room, y + room, ymax, x, w };
	pane_predict(c, t, &o, ed);
	if (st->task != NULL)
		pane_prose(st->task, &o, A_BOLD);
	pane_goal(c, t, ymax, x, w);
}
