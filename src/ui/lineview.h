/*
 * lineview.h - draws the line being edited on one screen line.
 */
#ifndef XENT_UI_LINEVIEW_H
#define XENT_UI_LINEVIEW_H

#include <curses.h>

/* Draws PROMPT then the UTF-8 BUF in WIDTH columns from (Y, X) of W,
 * scrolled sideways so the cursor (byte offset POINT in BUF) stays in view,
 * blanks the rest of the width and leaves W's cursor at the cursor. */
void lineview_draw(WINDOW *w, int y, int x, int width, const char *prompt,
    const char *buf, int point);

#endif
