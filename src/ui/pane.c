/*
 * pane.c - the lesson pane: title, step n of N, the step's prose wrapped
 * to fit, the hint when asked for, and the goal's state (a check mark the
 * moment it holds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/tutor.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

/* Lines above this are scrolled away, and lines at or past pane_bottom
 * are beyond the pane: drawing there is skipped. */
static int pane_top, pane_bottom = 1 << 30;

/* ui_put, but only inside the pane's visible lines. */
static void
pane_put(int y, int x, int w, const char *s, attr_t a)
{
	if (y >= pane_top && y < pane_bottom)
		ui_put(y, x, w, s, 0, a);
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

/* Draws one paragraph P word-wrapped at width W from line *Y, not past
 * line YMAX; ATTR for all of it. */
static void
pane_para(const char *p, int *y, int ymax, int x, int w, attr_t attr)
{
	char line[1024], word[512];
	size_t n;
	int lw = 0, ww;

	line[0] = '\0';
	while (*p != '\0' && *y < ymax) {
		p += strspn(p, " \n");
		n = strcspn(p, " \n");
		if (n == 0)
			break;
		snprintf(word, sizeof(word), "%.*s", (int)n, p);
		p += n;
		ww = ui_width(word);
		if (lw > 0 && lw + 1 + ww > w) {
			pane_put((*y)++, x, w, line, attr);
			line[0] = '\0';
			lw = 0;
		}
		if (*y >= ymax)
			return;
		if (lw > 0 && strlen(line) + 1 < sizeof(line))
			strcat(line, " "), lw++;
		if (strlen(line) + n + 1 < sizeof(line))
			strcat(line, word);
		lw += ww;
	}
	if (lw > 0 && *y < ymax)
		pane_put((*y)++, x, w, line, attr);
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
pane_flush(char *para, int *y, int ymax, int x, int w)
{
	if (*para != '\0')
		pane_para(para, y, ymax, x, w, A_NORMAL);
	*para = '\0';
}

/* Draws prose TEXT: lines joined into paragraphs, which blank lines
 * separate; code lines and list items keep lines of their own. */
static void
pane_prose(const char *text, int *y, int ymax, int x, int w)
{
	size_t len = strlen(text) + 1;
	char *plain = malloc(len), *para = malloc(len), *p, *nl;

	if (plain == NULL || para == NULL)
		goto out;
	pane_plain(text, plain, len);
	*para = '\0';
	for (p = plain; p != NULL && *y < ymax; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		if (*p == '\0' && *para != '\0') {
			/* A blank line ends a paragraph and shows as one. */
			pane_flush(para, y, ymax, x, w);
			(*y)++;
		} else if (strncmp(p, "    ", 4) == 0 || pane_own_line(p))
			pane_flush(para, y, ymax, x, w);
		if (strncmp(p, "    ", 4) == 0)
			pane_put((*y)++, x, w, p, ui_attr(UI_HEADER));
		else if (*p != '\0') {
			if (*para != '\0')
				strcat(para, " ");
			strcat(para, p);
		}
	}
	pane_flush(para, y, ymax, x, w);
out:
	free(plain);
	free(para);
}

/* The goal line: met or not, and what to press next. */
static void
pane_goal(const struct ctl *c, const struct tutor *t, int y, int x, int w)
{
	const char *next = c->present ? "Space: next step" : "]: next step";
	char buf[256];

	if (t->goal == NULL)
		snprintf(buf, sizeof(buf), "%s", t->step + 1 < t->l->nsteps ?
		    next : "The end of the lesson.");
	else if (t->met)
		snprintf(buf, sizeof(buf), "%s Goal met! %s", ui_utf8() ?
		    "\xe2\x9c\x93" : "[x]", t->step + 1 < t->l->nsteps ? next :
		    "That was the last step.");
	else
		snprintf(buf, sizeof(buf), "%s Goal not met yet%s", ui_utf8() ?
		    "\xe2\x9c\x97" : "[ ]", c->present ? "" : " (H: hint)");
	ui_put(y, x, w, buf, 0, ui_attr(t->met ? UI_TARGET : UI_HEADER) |
	    (t->met ? A_REVERSE : 0));
}

/* The step's prose (and on step 1 the introduction), scrolled up by the
 * lines the learner skipped with }; says when more follows below. */
static void
pane_body(const struct tutor *t, const struct lesson_step *st, int *y,
    int ymax, int x, int w)
{
	int y0 = *y, more;

	pane_top = y0;
	*y = y0 - t->scroll;
	if (t->step == 0 && t->l->intro != NULL)
		pane_prose(t->l->intro, y, ymax + 1000, x, w);
	if (st->text != NULL)
		pane_prose(st->text, y, ymax + 1000, x, w);
	more = *y > ymax;
	pane_top = 0;
	if (more)
		ui_put(ymax, x + w - 12, 12, "} for more", 1,
		    ui_attr(UI_DIM) | A_REVERSE);
}

/* Draws the lesson pane of C's tutor in R. */
void
ui_draw_pane(const struct ctl *c, struct ui_rect r)
{
	const struct tutor *t = c->tutor;
	const struct lesson_step *st = &t->l->steps[t->step];
	int y = r.y, ymax = r.y + r.h - 1, x = r.x + 1, w = r.w - 2;
	char head[512];

	for (y = r.y; y < r.y + r.h; y++)
		ui_put(y, r.x, 1, ui_utf8() ? "\xe2\x94\x82" : "|", 0,
		    ui_attr(UI_DIM));
	y = r.y;
	snprintf(head, sizeof(head), "%s  (%d/%d)", t->l->title, t->step + 1,
	    t->l->nsteps);
	ui_put(y++, x, w, head, 0, ui_attr(UI_TITLE));
	ui_put(y++, x, w, st->heading, 0, ui_attr(UI_HEADER));
	/* The hint goes first, so that it shows however long the text. */
	if (t->hint && st->block[LB_HINT] != NULL && y < ymax - 1) {
		ui_put(y++, x, w, "Hint:", 0, ui_attr(UI_TARGET));
		pane_prose(st->block[LB_HINT], &y, ymax - 1, x, w);
	}
	pane_bottom = ymax - 1;
	pane_body(t, st, &y, ymax - 1, x, w);
	pane_bottom = 1 << 30;
	pane_goal(c, t, ymax, x, w);
}
