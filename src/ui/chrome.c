/*
 * chrome.c - everything around the grid: title bar, the explanation of
 * the current row, the message or edit line, the key hint, help.
 */
#include <stdio.h>
#include <string.h>

#include "app/tutor.h"
#include "core/explain.h"
#include "ui/lineview.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

/* Smallest screen that still shows a grid. */
#define UI_MIN_W 20
#define UI_MIN_H 6

/* 1 while a prediction waits: what would give its answer away (the mean
 * loss, the row's explanation) waits too. */
static int
ui_predicting(const struct ctl *c)
{
	return c->tutor != NULL && tutor_predict_pending(c->tutor);
}

/* What the title bar names: the lesson, else the file, then the sheet's
 * own title when it says more. */
static void
ui_title_left(const struct ctl *c, char *buf, size_t len)
{
	const char *name = c->tutor != NULL ? c->tutor->l->title :
	    c->path ? c->path : "(default sheet)";
	const char *title = sheet_title(c->s);

	if (*title == '\0' || strcmp(title, name) == 0)
		snprintf(buf, len, " xent  %s", name);
	else
		snprintf(buf, len, " xent  %s  %s", name, title);
}

/* The summary of a sorted or filtered view into BUF: how many rows show
 * of how many, their mean loss beside the sheet's, the filter and the
 * sort; SHORTLY, for a narrow screen, the counts and means alone (or the
 * sort and the mean).  0 when the view is every row in the file's order. */
static int
ui_view_summary(const struct ctl *c, char *buf, size_t len, int shortly)
{
	const char *dot = ui_utf8() ? " \xc2\xb7 " : " - ";
	char n[32], all[32], vm[32], sm[32], sheet[384];
	int w = shortly ? 6 : 8;

	if (!c->filter[0] && !c->sorted[0])
		return 0;
	ui_num(vm, sizeof(vm), ctl_view_mean(c), w);
	ui_num(sm, sizeof(sm), sheet_mean_loss(c->s), w);
	if (!c->filter[0]) {
		if (shortly)
			snprintf(sheet, sizeof(sheet), "mean loss %s", sm);
		else
			explain_sheet(c->s, sheet, sizeof(sheet), ui_utf8());
		snprintf(buf, len, "sorted by %s%s%s", c->sorted, dot, sheet);
		return 1;
	}
	ctl_count_text(n, sizeof(n), ctl_view_count(c));
	ctl_count_text(all, sizeof(all), sheet_rows(c->s));
	if (shortly)
		snprintf(buf, len, "%s of %s rows%smean loss %s (all %s)", n, all,
		    dot, vm, sm);
	else
		snprintf(buf, len, "%s: %s of %s rows%smean loss %s (all rows "
		    "%s)%s%s%s", c->filter, n, all, dot, vm, sm,
		    c->sorted[0] ? dot : "", c->sorted[0] ? "sorted by " : "",
		    c->sorted);
	return 1;
}

/* The title bar: the lesson or file and title, the sheet-wide summary
 * with the mean loss, and the modified mark, mode and base, which are
 * never cut: the title gives way first, then the summary. */
static void
ui_title(const struct ctl *c)
{
	const struct sheet_opts *o = sheet_opts(c->s);
	char left[512], sum[1024], fixed[64], num[32];
	int fw, lw, sw, avail, keep;

	ui_title_left(c, left, sizeof(left));
	if (ui_predicting(c))
		snprintf(sum, sizeof(sum), "(the numbers wait for your guess)");
	else if (!ui_view_summary(c, sum, sizeof(sum), 0))
		explain_sheet(c->s, sum, sizeof(sum), ui_utf8());
	snprintf(fixed, sizeof(fixed), "%s  %s %s ", c->dirty ? "  [+]" : "",
	    o->mode == SHEET_PROBS ? "probs" : "logits",
	    o->base == 2 ? "log2" : o->base == 10 ? "log10" : "ln");
	fw = ui_width(fixed);
	avail = COLS - fw > 0 ? COLS - fw : 0;
	/* The title keeps up to 40%, then a gap of two; a summary that does
	 * not fit beside it is cut down to the mean loss. */
	lw = ui_width(left);
	sw = ui_width(sum);
	keep = lw < avail * 4 / 10 ? lw : avail * 4 / 10;
	/* A sorted or filtered view's figures matter more than the name. */
	if ((c->filter[0] || c->sorted[0]) && keep > 14)
		keep = 14;
	if (keep + 2 + sw > avail && !ui_predicting(c)) {
		if (!ui_view_summary(c, sum, sizeof(sum), 1))
			snprintf(sum, sizeof(sum), "mean loss %s", ui_num(num,
			    sizeof(num), sheet_mean_loss(c->s), 8));
		sw = ui_width(sum);
	}
	if (lw + 2 + sw > avail)
		lw = avail - 2 - sw > keep ? avail - 2 - sw : keep;
	sw = avail - lw - 2 > 0 ? avail - lw - 2 : 0;
	ui_put(0, 0, COLS, "", 0, ui_attr(UI_TITLE));
	ui_put(0, 0, lw, left, 0, ui_attr(UI_TITLE));
	ui_put(0, lw + 2, sw, sum, 1, ui_attr(UI_TITLE));
	ui_put(0, COLS - fw, fw, fixed, 1, ui_attr(UI_TITLE));
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

/* Lines for the explanation of the current row: fewer when a lesson
 * shares a small screen. */
static int
ui_explain_lines(const struct ctl *c)
{
	if (c->tutor != NULL && LINES < 30)
		return LINES >= 12 ? 2 : 1;
	return LINES >= 24 ? 3 : LINES >= 12 ? 2 : 1;
}

/* The bottom lines: explanation, message or edit line, key hint.  A
 * prediction's line is drawn in the lesson pane instead. */
static void
ui_bottom(const struct ctl *c, struct ui_edit *ed, const char *note)
{
	const char *prompt = c->line == LINE_PREDICT && c->tutor != NULL ?
	    NULL : ed->prompt;
	char why[1024];
	int nexp = ui_explain_lines(c);

	if (ui_predicting(c))
		snprintf(why, sizeof(why), "Predict first: the lesson pane asks "
		    "a question; press p and type your guess.");
	else
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
	if (prompt != NULL) {
		lineview_draw(stdscr, LINES - 2, 0, COLS, prompt, ed->buf,
		    ed->point);
		getyx(stdscr, ed->y, ed->x);
	}
}

/* The help screen over everything, from line C->help_top. */
static void
ui_help(const struct ctl *c, struct ctl_geom *geom)
{
	const char *const *lines = ctl_help_lines();
	int n = ctl_help_count(), top = c->help_top, y, i;

	geom->help_lines = LINES - 1;
	if (top > n - (LINES - 1))
		top = n - (LINES - 1) > 0 ? n - (LINES - 1) : 0;
	for (y = 0, i = top; y < LINES - 1; y++, i++)
		ui_put(y, 0, COLS, i < n ? lines[i] : "", 0,
		    i == 0 ? ui_attr(UI_TITLE) : A_NORMAL);
	ui_put(LINES - 1, 0, COLS, ctl_hint(c), 0, ui_attr(UI_DIM));
}

/* Where this frame puts the grid, the lesson pane and the plot, in the
 * lines GRID would have alone. */
static struct layout_frame
ui_frame(const struct ctl *c, struct ui_rect grid)
{
	struct layout_box body = { grid.y, grid.x, grid.h, grid.w };
	struct layout_frame f;
	long need = c->view == VIEW_EXAMPLE ? ui_example_height(c) :
	    ui_batch_height(c);

	layout_frame(body, need, c->tutor != NULL, c->plot.kind != PLOT_OFF,
	    &f);
	return f;
}

/* A layout box as a screen rectangle. */
static struct ui_rect
ui_rect_of(struct layout_box b)
{
	return (struct ui_rect){ b.y, b.x, b.h, b.w };
}

void
ui_draw(const struct ctl *c, const char *prompt, const char *buf, int point,
    const char *note, struct ctl_geom *geom)
{
	struct ui_edit ed = { prompt, buf, point, -1, -1 };
	struct layout_frame f;
	struct ui_rect grid;
	char about[1024];

	erase();
	ui_nhits = 0;
	curs_set(0);
	*geom = c->geom;
	if (COLS < UI_MIN_W || LINES < UI_MIN_H) {
		/* Short words first: the window may be a few columns wide. */
		ui_put(0, 0, COLS, "too small", 0, A_BOLD);
		ui_put(1, 0, COLS, "for xent:", 0, A_NORMAL);
		ui_put(2, 0, COLS, "enlarge me", 0, A_NORMAL);
		refresh();
		return;
	}
	if (c->help) {
		ui_help(c, geom);
		refresh();
		return;
	}
	ui_title(c);
	grid = (struct ui_rect){ 1, 0, LINES - 3 - ui_explain_lines(c), COLS };
	f = ui_frame(c, grid);
	grid = ui_rect_of(f.grid);
	ui_clip(grid);
	if (c->screen.kind != SCREEN_NONE) {
		geom->page = ui_draw_screen(c, grid);
		if (note == NULL || *note == '\0')
			note = ui_screen_note(c, about, sizeof(about));
	} else
		geom->page = c->view == VIEW_EXAMPLE ?
		    ui_draw_example(c, grid) : ui_draw_batch(c, grid);
	ui_unclip();
	ui_bottom(c, &ed, note);
	if (f.plot.h > 0)
		ui_draw_plot(c, ui_rect_of(f.plot), f.plot.x > f.grid.x);
	if (c->tutor != NULL)
		ui_draw_pane(c, ui_rect_of(f.pane), &ed, geom, f.plot_in_pane);
	if (prompt != NULL) {
		/* The edit line leaves the cursor where typing goes. */
		if (ed.y >= 0)
			move(ed.y, ed.x);
		curs_set(1);
	}
	refresh();
}
