/*
 * loop.h - the interactive main loop: keys in, controller, screen out.
 */
#ifndef XENT_INPUT_LOOP_H
#define XENT_INPUT_LOOP_H

#include "app/ctl.h"

/* Runs the grid on the terminal until the user quits or a SIGTERM,
 * SIGHUP or SIGINT arrives (unsaved edits then go to a recovery file,
 * named on stderr).  The terminal is restored on every way out.  Returns
 * the exit status: 1, after saying why on stderr, when the terminal cannot
 * show the grid (TERM=dumb). */
int loop_run(struct ctl *c);

struct lesson_entry;

/* loop_pick's answer when the terminal cannot show it. */
#define LOOP_NO_TERMINAL	(-2)

/* Shows the lesson picker over E[0..N) (DONE: steps passed per lesson),
 * starting on SEL.  Returns the chosen index, -1 when the user left, or
 * LOOP_NO_TERMINAL after saying on stderr why the terminal cannot show
 * it. */
int loop_pick(const struct lesson_entry *e, int n, const int *done, int sel);

#endif
