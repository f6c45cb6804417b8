/*
 * loop.c - the main loop: read a key, hand it to the line editor or the
 * controller, draw.  Signal handlers only set a flag; the loop acts on it.
 */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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

/* What a crash needs, made ready while it is safe to. */
static struct ctl *loop_ctl;		/* the controller running */
static char loop_rec[4096];		/* its recovery file, or "" */

/* Notes which signal arrived; the loop does the rest. */
static void
loop_on_signal(int sig)
{
	loop_signal = sig;
}

/* Writes STR to standard error; async-signal-safe. */
static void
loop_say(const char *str)
{
	ssize_t w = write(STDERR_FILENO, str, strlen(str));

	(void)w;
}

/* In a crash: a child process writes the unsaved edits to the recovery
 * file, so that this process never touches a heap that may be broken; it
 * waits two seconds at most.  1 when the file was written. */
static int
loop_rescue(void)
{
	struct timespec tick = { 0, 10000000 };
	char err[256];
	int st, i;
	pid_t pid;

	if (loop_ctl == NULL || !loop_ctl->dirty || loop_rec[0] == '\0')
		return 0;
	if ((pid = fork()) == 0)
		_exit(sheetfile_save(loop_rec, loop_ctl->s, loop_ctl->step, err,
		    sizeof(err)) == 0 ? 0 : 1);
	for (i = 0; pid > 0 && i < 200; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) && WEXITSTATUS(st) == 0;
		nanosleep(&tick, NULL);
	}
	if (pid > 0)
		kill(pid, SIGKILL);
	return 0;
}

/* SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGABRT: the terminal back, the edits
 * to the recovery file, then the signal's own action (a core dump). */
static void
loop_on_fatal(int sig)
{
	ui_emergency();
	if (loop_rescue()) {
		loop_say("xent: crashed; unsaved edits written to ");
		loop_say(loop_rec);
		loop_say("\n");
	} else
		loop_say("xent: crashed\n");
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Catches the signals that end a session, without SA_RESTART, so a
 * waiting read returns; and the fatal ones, on a stack of their own so
 * that a stack overflow is caught too. */
static void
loop_signals(void)
{
	static const int fatal[] = { SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = loop_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaltstack(&ss, NULL);
	sa.sa_handler = loop_on_fatal;
	sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaction(fatal[i], &sa, NULL);
}

/* Makes ready what a crash needs for C: its recovery file's path (none in
 * a lesson, whose steps rebuild). */
static void
loop_prepare_rescue(struct ctl *c)
{
	char err[256];

	loop_ctl = c;
	loop_rec[0] = '\0';
	if (c->tutor == NULL && recover_path(c->path, loop_rec,
	    sizeof(loop_rec), err, sizeof(err)) < 0)
		loop_rec[0] = '\0';
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
	    LE_HIST_COMMAND : c->line == LINE_FIND ? LE_HIST_FIND :
	    LE_HIST_CELL, c->line == LINE_COMMAND ? complete_command : NULL, c);
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
	loop_prepare_rescue(c);
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
