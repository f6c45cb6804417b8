/*
 * lineedit.h - one line of input through GNU readline, inside ncurses.
 *
 * Uses readline's callback interface: the caller reads keys (wgetch codes,
 * one byte or one KEY_* at a time) and feeds them here; readline edits its
 * buffer with its emacs keys and history.  Readline's own terminal
 * preparation, signal handling (rl_catch_signals, rl_catch_sigwinch) and
 * environment changes (rl_change_environment) are off, so ncurses keeps
 * the terminal and resizing stays correct.  Nothing is drawn here: the
 * screen code asks le_view() what to show.
 */
#ifndef XENT_INPUT_LINEEDIT_H
#define XENT_INPUT_LINEEDIT_H

#include <stddef.h>

enum le_status { LE_EDITING, LE_DONE, LE_CANCELLED };

/* Separate histories, so cell values and commands do not mix. */
enum le_history { LE_HIST_CELL, LE_HIST_COMMAND, LE_HIST_FIND, LE_NHIST };

/* Completion: for the word LINE[START..END) of the line LINE, return a
 * malloc'd NULL-terminated array of malloc'd candidates, or NULL to fall
 * back to file-name completion. */
typedef char **(*le_complete_fn)(const char *line, int start, int end,
    void *arg);

/* Returns the next pending key without waiting, or -1 when none is
 * pending; lets le_feed tell a lone Esc from an Alt/Meta sequence. */
typedef int (*le_peek_fn)(void *arg);

/* Sets readline up for callback use; call once at start. */
void le_init(void);

/* Starts editing a line after PROMPT, prefilled with PREFILL (may be NULL)
 * with the cursor at its end, using history H.  FN (may be NULL) completes
 * on Tab. */
void le_start(const char *prompt, const char *prefill, enum le_history h,
    le_complete_fn fn, void *arg);

/* Feeds one key: a byte (UTF-8 bytes one by one) or an ncurses KEY_* code
 * (arrows, Home, End, Delete, Backspace are translated for readline).
 * Enter finishes (LE_DONE, the line added to history when not empty and
 * not a repeat); a lone Esc, Ctrl-G or Ctrl-C cancels (LE_CANCELLED).
 * Esc followed at once by another key (PEEK says so) is an Alt/Meta
 * sequence and goes to readline.  Anything else returns LE_EDITING. */
enum le_status le_feed(int key, le_peek_fn peek, void *arg);

/* The finished line after LE_DONE, valid until the next le_start. */
const char *le_result(void);

/* What to draw while editing: the prompt, the buffer, the cursor's byte
 * offset in the buffer, and a one-line note (completion candidates, or
 * ""). */
void le_view(const char **prompt, const char **buf, int *point,
    const char **note);

/* 1 while a line is being edited. */
int le_active(void);

/* Frees readline's state; call once at exit. */
void le_done(void);

#endif
