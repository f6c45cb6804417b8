/*
 * loop.c - the main loop: read a key, hand it to the line editor or the
 * controller, draw.  Signal handlers only set a flag; the loop acts on it.
 */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/keys.h"
#include "app/tutor.h"
#include "input/complete.h"
#include "input/lineedit.h"
#include "input/loop.h"
#include "io/recover.h"
#include "io/sheetfile.h"
#include "ui/ui.h"

static volatile sig_atomic_t loop_signal;	/* the signal that arrived */

/* Notes which signal arrived; the loop does the rest. */
static void
loop_on_signal(int sig)
{
	loop_signal = sig;
}

/* Catches the signals that end a session, without SA_RESTART, so a
 * waiting read returns. */
static void
loop_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = loop_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* Restores the terminal and, when there are unsaved edits, writes them to
 * the recovery file and says where.  Returns the exit status. */
static int
loop_terminate(struct ctl *c, int sig)
{
	char path[4096], err[1024];

	ui_done();
	if (c->tutor != NULL) {
		/* A lesson's steps rebuild its sheets; progress is on disk. */
		fprintf(stderr, "xent: %s: lesson progress is saved\n",
		    strsignal(sig));
		return 128 + sig;
	}
	if (!c->dirty)
		return 128 + sig;
	if (recover_path(c->path, path, sizeof(path), err, sizeof(err)) < 0 ||
	    sheetfile_save(path, c->s, c->step, err, sizeof(err)) < 0) {
		fprintf(stderr, "xent: %s: could not save the unsaved edits: "
		    "%s\n", strsignal(sig), err);
		return 128 + sig;
	}
	fprintf(stderr, "xent: %s: unsaved edits written to %s; open %s "
	    "again to restore them\n", strsignal(sig), path,
	    c->path ? c->path : "the default sheet");
	return 128 + sig;
}

/* Translates a curses key into the controller's codes. */
static int
loop_translate(int ch)
{
	switch (ch) {
	case KEY_UP: return K_UP;
	case KEY_DOWN: return K_DOWN;
	case KEY_LEFT: return K_LEFT;
	case KEY_RIGHT: return K_RIGHT;
	case KEY_PPAGE: return K_PGUP;
	case KEY_NPAGE: return K_PGDN;
	case KEY_HOME: return K_HOME;
	case KEY_END: return K_END;
	case KEY_DC: return K_DEL;
	case KEY_F(1): return K_F1;
	case KEY_ENTER: case '\n': case '\r': return K_ENTER;
	case KEY_BACKSPACE: return K_BACKSPACE;
	default: return ch;
	}
}

/* A mouse event: a click selects a cell, the wheel scrolls. */
static void
loop_mouse(struct ctl *c)
{
	MEVENT ev;
	enum group g;
	long row;
	int k;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		ctl_key(c, K_WHEEL_UP);
	else if (ev.bstate & BUTTON5_PRESSED)
		ctl_key(c, K_WHEEL_DOWN);
	else if (ui_hit(ev.y, ev.x, &row, &g, &k))
		ctl_click(c, row, g, k);
}

/* The next key if one is already waiting, else -1 (for Esc vs Alt). */
static int
loop_peek(void *arg)
{
	int ch;

	(void)arg;
	nodelay(stdscr, TRUE);
	ch = getch();
	nodelay(stdscr, FALSE);
	return ch == ERR ? -1 : ch;
}

/* Feeds a key to the line being edited and passes the result on. */
static void
loop_line_key(struct ctl *c, int ch)
{
	switch (le_feed(ch, loop_peek, NULL)) {
	case LE_DONE:
		ctl_line_done(c, le_result());
		break;
	case LE_CANCELLED:
		ctl_line_cancel(c);
		break;
	default:
		break;
	}
}

/* Ctrl-Z: the terminal back to the shell, the process stopped; fg
 * brings it back, redrawn. */
static void
loop_suspend(void)
{
	char err[256];

	ui_done();
	kill(getpid(), SIGTSTP);
	ui_init(err, sizeof(err));	/* curses is started: only resumes */
	clearok(curscr, TRUE);
}

/* Starts the line editor when the controller asks for a line. */
static void
loop_start_line(struct ctl *c)
{
	if (c->line == LINE_NONE || le_active())
		return;
	le_start(c->prompt, c->prefill, c->line == LINE_COMMAND ?
	    LE_HIST_COMMAND : LE_HIST_CELL, c->line == LINE_COMMAND ?
	    complete_command : NULL, c);
}

/* Draws the frame, with the line being edited if there is one. */
static void
loop_draw(struct ctl *c)
{
	const char *prompt = NULL, *buf = NULL, *note = NULL;
	struct ctl_geom geom;
	int point = 0;

	if (le_active())
		le_view(&prompt, &buf, &point, &note);
	ui_draw(c, prompt, buf, point, note, &geom);
	ctl_set_geom(c, &geom);
}

int
loop_run(struct ctl *c)
{
	char err[512];
	int ch;

	loop_signals();
	if (ui_init(err, sizeof(err)) < 0) {
		fprintf(stderr, "xent: %s\n", err);
		return 1;
	}
	le_init();
	/* Wake up now and then, so a signal is acted on promptly. */
	timeout(200);
	while (!c->quit && !loop_signal) {
		loop_start_line(c);
		loop_draw(c);
		if ((ch = getch()) == ERR || ch == KEY_RESIZE)
			continue;
		if (ch == K_CTRL('z'))
			loop_suspend();
		else if (le_active())
			loop_line_key(c, ch);
		else if (ch == KEY_MOUSE)
			loop_mouse(c);
		else
			ctl_key(c, loop_translate(ch));
	}
	le_done();
	if (loop_signal)
		return loop_terminate(c, loop_signal);
	ui_done();
	return 0;
}

int
loop_pick(const struct lesson_entry *e, int n, const int *done, int sel)
{
	char err[512];
	int ch, pick = -2;

	loop_signals();
	if (ui_init(err, sizeof(err)) < 0) {
		fprintf(stderr, "xent: %s\n", err);
		return LOOP_NO_TERMINAL;
	}
	timeout(200);
	while (pick == -2 && !loop_signal) {
		ui_draw_picker(e, n, done, sel);
		ch = getch();
		if (ch == 'j' || ch == KEY_DOWN)
			sel = sel + 1 < n ? sel + 1 : sel;
		else if (ch == 'k' || ch == KEY_UP)
			sel = sel > 0 ? sel - 1 : 0;
		else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER)
			pick = sel;
		else if (ch == 'q' || ch == 27 || ch == 3)
			pick = -1;
	}
	ui_done();
	return loop_signal ? -1 : pick;
}
