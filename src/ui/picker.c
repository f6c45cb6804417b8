/*
 * picker.c - the lesson picker of `xent lesson`.
 */
#include <stdio.h>

#include "io/lessondir.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

void
ui_draw_picker(const struct lesson_entry *e, int n, const int *done, int sel)
{
	char line[512], mark[32];
	int i, y, top = sel >= LINES - 4 ? sel - (LINES - 5) : 0;

	erase();
	curs_set(0);
	ui_put(0, 0, COLS, " xent lessons: pick one", 0, ui_attr(UI_TITLE));
	for (i = top, y = 2; i < n && y < LINES - 2; i++, y++) {
		if (done[i] >= e[i].nsteps && e[i].nsteps > 0)
			snprintf(mark, sizeof(mark), "%s done",
			    ui_utf8() ? "\xe2\x9c\x93" : "[x]");
		else
			snprintf(mark, sizeof(mark), "%d/%d steps", done[i],
			    e[i].nsteps);
		snprintf(line, sizeof(line), " %2d  %-44s %s", e[i].number,
		    e[i].title, mark);
		ui_put(y, 0, COLS, line, 0, i == sel ? ui_attr(UI_CURSOR) :
		    A_NORMAL);
	}
	ui_put(LINES - 1, 0, COLS, "j/k or arrows choose  Enter open  q quit",
	    0, ui_attr(UI_DIM));
	refresh();
}
