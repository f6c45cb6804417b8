/*
 * lineedit.c - one line of input through GNU readline's callback interface.
 *
 * Readline never touches the terminal here: its terminal preparation,
 * signal handling and redisplay are turned off, it writes to /dev/null and
 * reads bytes from a small queue that le_feed fills.  The caller's screen
 * code draws what le_view returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>
#include <readline/history.h>
#include <curses.h>

#include "input/lineedit.h"

#define LE_QMAX		32	/* bytes queued for readline at most */
#define LE_NOTEMAX	200	/* completion note length at most */
#define LE_HISTMAX	500	/* entries kept in each history */

/* Module state. */
static int le_ready;			/* le_init has run */
static int le_on;			/* a line is being edited */
static int le_cancelling;		/* the accept in progress is a cancel */
static enum le_status le_status = LE_CANCELLED;
static FILE *le_null;			/* readline's output, /dev/null */
static char *le_prompt;			/* the prompt shown by le_view */
static char *le_line;			/* the finished line */
static char le_note[LE_NOTEMAX + 8];	/* completion candidates */
static unsigned char le_q[LE_QMAX];	/* bytes waiting for readline */
static int le_qh, le_qn;		/* queue head and end */
static le_complete_fn le_fn;		/* completion callback */
static void *le_fn_arg;			/* and its argument */
static char **le_cands;			/* candidates being handed out */
static int le_ci;			/* next candidate to hand out */
static HISTORY_STATE le_hist[LE_NHIST];	/* histories not in use */
static int le_hcur;			/* history readline holds now */

/* Readline must not prepare the terminal: ncurses owns it. */
static void
le_prep(int meta)
{
	(void)meta;
}

/* Nor restore it. */
static void
le_deprep(void)
{
}

/* Nor draw: the screen code draws what le_view returns. */
static void
le_redisplay(void)
{
}

/* Readline's input: the next queued byte, or EOF when none is queued. */
static int
le_getc(FILE *in)
{
	(void)in;
	return le_qh < le_qn ? le_q[le_qh++] : EOF;
}

/* Tells readline whether more queued input is waiting. */
static int
le_avail(void)
{
	return le_qh < le_qn;
}

/* Queues one byte for readline. */
static void
le_push(int c)
{
	if (le_qn < LE_QMAX)
		le_q[le_qn++] = (unsigned char)c;
}

/* The bytes readline expects for an ncurses key code, or NULL. */
static const char *
le_keyseq(int key)
{
	switch (key) {
	case KEY_LEFT:		return "\033[D";
	case KEY_RIGHT:		return "\033[C";
	case KEY_UP:		return "\033[A";
	case KEY_DOWN:		return "\033[B";
	case KEY_HOME:		return "\033[H";
	case KEY_END:		return "\033[F";
	case KEY_DC:		return "\033[3~";
	case KEY_BACKSPACE:
	case 127:
	case 8:			return "\177";
	case KEY_ENTER:
	case '\r':
	case '\n':		return "\r";
	default:		return NULL;
	}
}

/* Queues the bytes of KEY; other ncurses codes are dropped. */
static void
le_push_key(int key)
{
	const char *s = le_keyseq(key);

	if (s != NULL)
		while (*s != '\0')
			le_push(*s++);
	else if (key >= 0 && key < 256)
		le_push(key);
}

/* Lets readline consume the queue, one byte per call. */
static void
le_run(void)
{
	int guard = 0;

	while (le_on && (le_qh < le_qn || rl_pending_input) &&
	    guard++ < 4 * LE_QMAX)
		rl_callback_read_char();
	le_qh = le_qn = 0;
}

/* Saves the history readline holds and gives it history H instead. */
static void
le_hist_use(int h)
{
	HISTORY_STATE *st;

	if (h < 0 || h >= LE_NHIST)
		h = LE_HIST_CELL;
	if (h == le_hcur)
		return;
	if ((st = history_get_history_state()) != NULL) {
		le_hist[le_hcur] = *st;
		free(st);
	}
	history_set_history_state(&le_hist[h]);
	le_hcur = h;
}

/* Adds LINE to the current history unless empty or a repeat. */
static void
le_hist_add(const char *line)
{
	HIST_ENTRY **l = history_list();

	if (*line == '\0')
		return;
	if (l != NULL && history_length > 0 &&
	    strcmp(l[history_length - 1]->line, line) == 0)
		return;
	add_history(line);
}

/* Frees every history, entries and arrays. */
static void
le_hist_free(void)
{
	HISTORY_STATE *st;
	int h;

	for (h = 0; h < LE_NHIST; h++) {
		le_hist_use(h);
		clear_history();
		if ((st = history_get_history_state()) != NULL) {
			free(st->entries);
			free(st);
		}
		memset(&le_hist[h], 0, sizeof(le_hist[h]));
		history_set_history_state(&le_hist[h]);
	}
}

/* Readline's line handler: the line is finished (NULL on end of file). */
static void
le_handler(char *line)
{
	rl_callback_handler_remove();
	le_on = 0;
	if (line == NULL || le_cancelling) {
		free(line);
		le_status = LE_CANCELLED;
		return;
	}
	le_hist_add(line);
	free(le_line);
	le_line = line;
	le_status = LE_DONE;
}

/* Abandons the line: readline finishes it as usual, so that its undo
 * lists and edited history lines are put back, and the handler drops it. */
static void
le_cancel(void)
{
	rl_callback_sigcleanup();
	le_cancelling = 1;
	le_qh = le_qn = 0;
	le_push('\r');
	le_run();
	if (le_on) {
		rl_callback_handler_remove();
		le_on = 0;
	}
	le_cancelling = 0;
	le_status = LE_CANCELLED;
	le_note[0] = '\0';
}

/* Completion generator: hands out the caller's candidates in turn. */
static char *
le_gen(const char *text, int state)
{
	(void)text;
	if (state == 0)
		le_ci = 0;
	if (le_cands == NULL || le_cands[le_ci] == NULL)
		return NULL;
	return le_cands[le_ci++];
}

/* Readline's completion hook: the caller's candidates, or NULL for file
 * names when the caller has none to offer. */
static char **
le_attempt(const char *text, int start, int end)
{
	char **m;
	int i;

	if (le_fn == NULL) {
		rl_attempted_completion_over = 1;
		return NULL;
	}
	if ((le_cands = le_fn(rl_line_buffer, start, end, le_fn_arg)) == NULL)
		return NULL;
	rl_attempted_completion_over = 1;
	m = rl_completion_matches(text, le_gen);
	for (i = le_ci; le_cands[i] != NULL; i++)
		free(le_cands[i]);
	free(le_cands);
	le_cands = NULL;
	return m;
}

/* Readline's match display: keeps the candidates for the note instead. */
static void
le_show(char **matches, int n, int maxlen)
{
	size_t len = 0, ml;
	int i;

	(void)maxlen;
	le_note[0] = '\0';
	for (i = 1; i <= n && matches[i] != NULL; i++) {
		ml = strlen(matches[i]);
		if (len + ml + 2 > LE_NOTEMAX) {
			strcpy(le_note + len, len > 0 ? "  ..." : "...");
			return;
		}
		if (len > 0) {
			memcpy(le_note + len, "  ", 2);
			len += 2;
		}
		memcpy(le_note + len, matches[i], ml + 1);
		len += ml;
	}
}

/* Binds the sequences le_feed sends for ncurses keys, unless the user's
 * inputrc already did, and makes Alt-Enter accept instead of vi mode. */
static void
le_bind(void)
{
	static const struct {
		const char *seq;
		rl_command_func_t *fn;
	} keys[] = {
		{ "\033[D", rl_backward_char }, { "\033[C", rl_forward_char },
		{ "\033[A", rl_get_previous_history },
		{ "\033[B", rl_get_next_history },
		{ "\033[H", rl_beg_of_line }, { "\033[F", rl_end_of_line },
		{ "\033[3~", rl_delete },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		rl_bind_keyseq_if_unbound_in_map(keys[i].seq, keys[i].fn,
		    emacs_standard_keymap);
	rl_bind_keyseq_in_map("\033\r", rl_newline, emacs_standard_keymap);
	rl_bind_keyseq_in_map("\033\n", rl_newline, emacs_standard_keymap);
}

/* Settings that must hold whatever the user's inputrc says. */
static void
le_settings(void)
{
	rl_variable_bind("editing-mode", "emacs");
	rl_variable_bind("bell-style", "none");
	rl_variable_bind("show-all-if-ambiguous", "on");
	rl_variable_bind("revert-all-at-newline", "on");
	rl_variable_bind("enable-bracketed-paste", "off");
	rl_variable_bind("input-meta", "on");
	rl_variable_bind("output-meta", "on");
	rl_variable_bind("convert-meta", "off");
}

void
le_init(void)
{
	if (le_ready)
		return;
	if (le_null == NULL)
		le_null = fopen("/dev/null", "w");
	rl_readline_name = "xent";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = le_prep;
	rl_deprep_term_function = le_deprep;
	rl_redisplay_function = le_redisplay;
	rl_getc_function = le_getc;
	rl_input_available_hook = le_avail;
	rl_outstream = le_null;
	rl_attempted_completion_function = le_attempt;
	rl_completion_display_matches_hook = le_show;
	rl_initialize();
	le_settings();
	le_bind();
	stifle_history(LE_HISTMAX);
	le_ready = 1;
}

void
le_start(const char *prompt, const char *prefill, enum le_history h,
    le_complete_fn fn, void *arg)
{
	le_init();
	if (le_on)
		le_cancel();
	free(le_line);
	le_line = NULL;
	free(le_prompt);
	le_prompt = strdup(prompt != NULL ? prompt : "");
	le_fn = fn;
	le_fn_arg = arg;
	le_note[0] = '\0';
	le_hist_use((int)h);
	le_status = LE_EDITING;
	le_on = 1;
	rl_callback_handler_install("", le_handler);
	if (prefill != NULL && *prefill != '\0')
		rl_insert_text(prefill);
}

/* Keys that abandon the line: Esc, Ctrl-G, Ctrl-C. */
static int
le_is_cancel(int key)
{
	return key == 27 || key == 7 || key == 3;
}

enum le_status
le_feed(int key, le_peek_fn peek, void *arg)
{
	int next;

	if (!le_on)
		return LE_CANCELLED;
	if (key != '\t')
		le_note[0] = '\0';
	if (key == 27) {
		next = peek != NULL ? peek(arg) : -1;
		if (next < 0 || le_is_cancel(next)) {
			le_cancel();
			return le_status;
		}
		le_push(27);
		le_push_key(next);
	} else if (le_is_cancel(key)) {
		le_cancel();
		return le_status;
	} else {
		le_push_key(key);
	}
	le_run();
	return le_status;
}

const char *
le_result(void)
{
	return le_line != NULL ? le_line : "";
}

void
le_view(const char **prompt, const char **buf, int *point,
    const char **note)
{
	const char *p = le_prompt != NULL ? le_prompt : "";

	if (le_on && RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH) &&
	    rl_display_prompt != NULL)
		p = rl_display_prompt;
	if (prompt != NULL)
		*prompt = p;
	if (buf != NULL)
		*buf = le_on && rl_line_buffer != NULL ? rl_line_buffer : "";
	if (point != NULL)
		*point = le_on ? rl_point : 0;
	if (note != NULL)
		*note = le_note;
}

int
le_active(void)
{
	return le_on;
}

void
le_done(void)
{
	if (!le_ready)
		return;
	if (le_on)
		le_cancel();
	le_hist_free();
	free(le_line);
	le_line = NULL;
	free(le_prompt);
	le_prompt = NULL;
	le_fn = NULL;
	le_fn_arg = NULL;
	if (le_null != NULL) {
		rl_outstream = NULL;
		fclose(le_null);
		le_null = NULL;
	}
	le_ready = 0;
}
