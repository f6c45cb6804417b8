/*
 * ui_int.h - what the screen modules share: drawing primitives, the
 * attributes of each kind of cell, and where the last frame put things.
 */
#ifndef XENT_UI_UI_INT_H
#define XENT_UI_UI_INT_H

#include <curses.h>

#include "app/ctl.h"

/* Kinds of emphasis; each maps to a colour pair and a plain attribute, so
 * nothing depends on colour alone. */
enum ui_style {
	UI_NORMAL, UI_HEADER, UI_TITLE, UI_CURSOR, UI_WARN, UI_BAD,
	UI_TARGET, UI_DIM, UI_ERROR, UI_NSTYLES
};

/* A screen rectangle. */
struct ui_rect {
	int y, x, h, w;
};

/* Where the last frame drew each clickable cell. */
#define UI_MAXHIT 4096
struct ui_hit {
	int		y, x, w;
	long		row;
	enum group	g;
	int		k;
};

extern struct ui_hit ui_hits[UI_MAXHIT];
extern int ui_nhits;

/* The curses attribute for STYLE. */
attr_t ui_attr(enum ui_style style);

/* Display width of the UTF-8 string S as ui_put draws it: unprintable
 * characters count as one '?', and outside a UTF-8 locale each non-ASCII
 * character as its ASCII stand-in (text_ascii: "~=" for U+2248 is 2). */
int ui_width(const char *s);

/* Draws S at Y, X in exactly W columns: cut (with a marker) or padded,
 * right-aligned when RIGHT is set. */
void ui_put(int y, int x, int w, const char *s, int right, attr_t attr);

/* Limits every ui_put to R until ui_unclip, so that a view drawn in R
 * can never spill into the panes beside it. */
void ui_clip(struct ui_rect r);
void ui_unclip(void);

/* Remembers a clickable cell. */
void ui_add_hit(int y, int x, int w, long row, enum group g, int k);

/* Formats a cell value for the grid in at most W columns: 5 significant
 * digits, fewer when W is tight, inf and nan by name. */
char *ui_num(char *buf, size_t len, double v, int w);

/* The line being edited: prompt (NULL: none), text, cursor's byte; and
 * where its drawing left the screen's cursor (-1: not drawn yet). */
struct ui_edit {
	const char	*prompt;
	const char	*buf;
	int		 point;
	int		 y, x;
};

/* Draws the batch view (a row per example) in R; returns the rows shown
 * (what PgDn moves by). */
int ui_draw_batch(const struct ctl *c, struct ui_rect r);

/* The lines the batch view would use to show every row. */
long ui_batch_height(const struct ctl *c);

/* Draws the example view (classes down, columns across) in R; returns
 * the classes shown. */
int ui_draw_example(const struct ctl *c, struct ui_rect r);

/* The lines the example view needs to show every class and its sums. */
int ui_example_height(const struct ctl *c);

/* Draws the screen over the whole set that C has open in R; returns the
 * entries shown (what PgDn moves by). */
int ui_draw_screen(const struct ctl *c, struct ui_rect r);

/* A sentence about the screen's selected entry for the line under it,
 * into BUF; returns BUF. */
const char *ui_screen_note(const struct ctl *c, char *buf, size_t len);

/* Draws the lesson pane of C's tutor in R, with the line ED being edited
 * when it is the prediction's; fills GEOM's text_lines and text_total.
 * With PLOT set the plot pane takes the place of the step's prose. */
void ui_draw_pane(const struct ctl *c, struct ui_rect r,
    struct ui_edit *ed, struct ctl_geom *geom, int plot);

/* Draws the plot pane of C (the picture c->plot.kind names) in R, with a
 * border on its left when BORDER is set. */
void ui_draw_plot(const struct ctl *c, struct ui_rect r, int border);

/* The value of cell (ROW, G, K) as text for W columns, and its emphasis. */
void ui_cell(const struct ctl *c, long row, enum group g, int k, char *buf,
    size_t len, int w, enum ui_style *style);

/* Row R's label: its id, or its number from 1 when it has none (written
 * into BUF); returns the label. */
const char *ui_row_label(const struct sheet *s, long r, char *buf,
    size_t len);

/* The first of N entries to show in H lines so that entry SEL is among
 * them, moving TOP as little as it can and using all the lines. */
long ui_scroll(long top, long sel, long n, long h);

/* Column heading for group G (short, e.g. "softmax", "-log p"). */
const char *ui_group_title(const struct sheet *s, enum group g);

#endif
