/*
 * chrome.c - everything around the grid: title bar, the explanation of
 * the current row, the message or edit line, the key hint, help.
 */
#include <stdio.h>
#include <string.h>

#include "core/explain.h"
#include "ui/lineview.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

/* Smallest screen that still shows a grid. */
#define UI_MIN_W 20
#define UI_MIN_H 6

/* The title bar: file, modified mark, mode and base, and the sheet-wide
 * summary with the mean loss, always in view. */
static void
ui_title(const struct ctl *c)
{
	const struct sheet_opts *o = sheet_opts(c->s);
	char left[512], right[512], sum[384];
	int rw;

	snprintf(left, sizeof(left), " xent  %s%s  %s", c->path ? c->path :
	    "(default sheet)", c->dirty ? " [+]" : "", sheet_title(c->s));
	explain_sheet(c->s, sum, sizeof(sum), ui_utf8());
	snprintf(right, sizeof(right), "%s  %s %s ", sum,
	    o->mode == SHEET_PROBS ? "probs" : "logits",
	    o->base == 2 ? "log2" : o->base == 10 ? "log10" : "ln");
	/* The file name keeps at least 40% of the bar. */
	rw = ui_width(right);
	if (rw > COLS * 6 / 10)
		rw = COLS * 6 / 10;
	ui_put(0, 0, COLS - rw, left, 0, ui_attr(UI_TITLE));
	ui_put(0, COLS - rw, rw, right, 1, ui_attr(UI_TITLE));
}

/* Word-wraps TEXT onto lines Y .. Y+N-1. */
static void
ui_wrap(int y, int n, const char *text, attr_t a)
{
	char line[1024];
	const char *p = text, *brk;
	int i, len;

	for (i = 0; i < n; i++) {
		len = (int)strlen(p);
		if (ui_width(p) > COLS && i < n - 1) {
			/* Break at the last space that fits, by bytes. */
			for (brk = p + (len < COLS ? len : COLS); brk > p &&
			    *brk != ' '; brk--)
				;
			len = brk > p ? (int)(brk - p) : COLS;
		}
		snprintf(line, sizeof(line), "%.*s", len, p);
		ui_put(y + i, 0, COLS, line, 0, a);
		p += len;
		while (*p == ' ')
			p++;
	}
}

/* The bottom lines: explanation, message or edit line, key hint. */
static void
ui_bottom(const struct ctl *c, const char *prompt, const char *buf, int point,
    const char *note)
{
	char why[1024];
	int nexp = LINES >= 24 ? 3 : LINES >= 12 ? 2 : 1;

	explain_row(c->s, c->row, why, sizeof(why));
	if (note != NULL && *note != '\0')
		ui_wrap(LINES - 2 - nexp, nexp, note, ui_attr(UI_DIM));
	else
		ui_wrap(LINES - 2 - nexp, nexp, why, A_NORMAL);
	/* Presenting keeps the screen for the class: errors only, no hints. */
	if (prompt != NULL || (c->present && !c->msg_error))
		ui_put(LINES - 2, 0, COLS, "", 0, A_NORMAL);
	else
		ui_put(LINES - 2, 0, COLS, c->msg, 0,
		    ui_attr(c->msg_error ? UI_ERROR : UI_NORMAL));
	if (!c->present)
		ui_put(LINES - 1, 0, COLS, ctl_hint(c), 0, ui_attr(UI_DIM));
	if (prompt != NULL)
		lineview_draw(stdscr, LINES - 2, 0, COLS, prompt, buf, point);
}

/* The help screen over everything, from line C->help_top. */
static void
ui_help(struct ctl *c)
{
	int i, n = 0, y;

	while (ctl_help_lines[n] != NULL)
		n++;
	/* Never scroll past the point where the last line is at the bottom. */
	if (c->help_top > n - (LINES - 1))
		c->help_top = n - (LINES - 1) > 0 ? n - (LINES - 1) : 0;
	for (y = 0, i = c->help_top; y < LINES - 1; y++, i++)
		ui_put(y, 0, COLS, i < n ? ctl_help_lines[i] : "", 0,
		    i == 0 ? ui_attr(UI_TITLE) : A_NORMAL);
	c->page = LINES - 2;
	ui_put(LINES - 1, 0, COLS, ctl_hint(c), 0, ui_attr(UI_DIM));
}

/* Gives the lesson pane its room: beside the grid on a wide screen, below
 * it on a narrow one.  Returns the pane's rectangle. */
static struct ui_rect
ui_split(struct ui_rect *grid)
{
	struct ui_rect pane = *grid;

	if (COLS >= 110) {
		/* Enough to read comfortably, the rest for the grid. */
		pane.w = COLS * 35 / 100 < 40 ? 40 : COLS * 35 / 100;
		pane.w = pane.w > 64 ? 64 : pane.w;
		pane.x = COLS - pane.w;
		grid->w -= pane.w;
	} else {
		pane.h = grid->h / 2;
		grid->h -= pane.h;
		pane.y = grid->y + grid->h;
	}
	return pane;
}

void
ui_draw(struct ctl *c, const char *prompt, const char *buf, int point,
    const char *note)
{
	struct ui_rect grid, pane;
	int nexp = LINES >= 24 ? 3 : LINES >= 12 ? 2 : 1;

	erase();
	ui_nhits = 0;
	curs_set(0);
	if (COLS < UI_MIN_W || LINES < UI_MIN_H) {
		/* Short words first: the window may be a few columns wide. */
		ui_put(0, 0, COLS, "too small", 0, A_BOLD);
		ui_put(1, 0, COLS, "for xent:", 0, A_NORMAL);
		ui_put(2, 0, COLS, "enlarge me", 0, A_NORMAL);
		refresh();
		return;
	}
	if (c->help) {
		ui_help(c);
		refresh();
		return;
	}
	ui_title(c);
	grid = (struct ui_rect){ 1, 0, LINES - 3 - nexp, COLS };
	if (c->tutor != NULL)
		pane = ui_split(&grid);
	ui_clip(grid);
	if (c->view == VIEW_EXAMPLE)
		ui_draw_example(c, grid);
	else
		ui_draw_batch(c, grid);
	ui_unclip();
	if (c->tutor != NULL)
		ui_draw_pane(c, pane);
	ui_bottom(c, prompt, buf, point, note);
	if (prompt != NULL)
		curs_set(1);
	refresh();
}
