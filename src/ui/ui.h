/*
 * ui.h - the screen: draws the controller's state with ncursesw.
 *
 * Only this layer and src/input include curses.  It reads struct ctl and
 * never changes the sheet; clicks are turned back into cells by ui_hit.
 */
#ifndef XENT_UI_UI_H
#define XENT_UI_UI_H

#include <stddef.h>

#include "app/ctl.h"

/* Starts curses: raw keys, a short Esc delay, the mouse, colours unless
 * NO_COLOR is set, UTF-8 glyphs when the locale has them.  -1 with a
 * sentence in ERR (for the caller to print) when the terminal cannot be
 * used: TERM unset or unknown, or no cursor addressing (TERM=dumb); the
 * terminal is then left as it was. */
int ui_init(char *err, size_t errlen);

/* Restores the terminal; safe to call twice and from any exit path. */
void ui_done(void);

/* Restores the terminal from a signal handler after a crash: only
 * write(2) and tcsetattr, with bytes worked out when curses started.
 * Curses is not used again after it. */
void ui_emergency(void);

/* Draws everything for C: title, grid, lesson pane, explanation, message
 * or edit line, key hint, and the help screen when it is open.  EDIT_*
 * describe the line being edited (NULL prompt: none); NOTE is a one-line
 * extra (may be NULL).  GEOM gets what the frame showed, for the
 * controller's paging keys; nothing of C is changed. */
void ui_draw(const struct ctl *c, const char *edit_prompt,
    const char *edit_buf, int edit_point, const char *note,
    struct ctl_geom *geom);

/* The cell drawn at screen position Y, X: 1 with its row, group and class,
 * or 0 when nothing editable or selectable is there. */
int ui_hit(int y, int x, long *row, enum group *g, int *k);

struct lesson_entry;

/* Draws the lesson picker: every lesson E[0..N) with its title and the
 * steps DONE[i] passed, the entry SEL highlighted. */
void ui_draw_picker(const struct lesson_entry *e, int n, const int *done,
    int sel);

/* 1 when the terminal shows UTF-8 glyphs (else the ASCII fallback). */
int ui_utf8(void);

#endif
