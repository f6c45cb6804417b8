/*
 * ctl.h - the controller: keys and commands become changes to the sheet.
 *
 * Every change to the model passes through here, once: it is recorded for
 * undo, marks the sheet modified, and calls the change hook (lessons check
 * their goals there).  Nothing here draws or reads the terminal; the input
 * layer feeds keys (keys.h) and finished lines, the screen code reads this
 * state and draws it.
 */
#ifndef XENT_APP_CTL_H
#define XENT_APP_CTL_H

#include "app/layout.h"
#include "app/undo.h"
#include "io/sheetfile.h"

/* A yes/no question waiting for an answer. */
enum ctl_ask { ASK_NONE, ASK_QUIT, ASK_RECOVER };

/* A line of input the controller is waiting for. */
enum ctl_line { LINE_NONE, LINE_CELL, LINE_COMMAND };

struct ctl;
struct tutor;
typedef void (*ctl_hook)(struct ctl *c, void *arg);

struct ctl {
	struct sheet	*s;		/* the model */
	char		*path;		/* file it came from; NULL: built in */
	int		 dirty;		/* changed since the last save */
	double		 step;		/* nudge step; 0: 0.1 logits, 0.01 probs */

	enum view	 view;		/* batch or example */
	long		 row;		/* cursor: sheet row */
	enum group	 g;		/* cursor: column group */
	int		 k;		/* cursor: class (-1: per-row group) */
	unsigned	 hidden;	/* hidden groups, 1 << G_* */
	int		 page;		/* rows per screen, set by the screen */

	struct undo	 undo;		/* every change, for u and Ctrl-R */
	int		 clean_pos;	/* undo position of the saved state,
					 * -1 once it cannot come back */
	char		 msg[512];	/* message for the status line */
	int		 msg_error;	/* 1: msg reports a failure */
	enum ctl_ask	 ask;		/* question being asked */
	enum ctl_line	 line;		/* line wanted from the input layer */
	char		 prompt[256];	/* its prompt */
	char		*prefill;	/* its initial text (malloc'd) */
	long		 edit_row;	/* cell being edited */
	enum group	 edit_g;
	int		 edit_k;
	int		 pending;	/* first key of a two-key command */
	int		 help;		/* the help screen is open */
	int		 help_top;	/* its first line shown */
	int		 quit;		/* leave the main loop */
	char		*recover;	/* recovery file on offer (ASK_RECOVER) */

	ctl_hook	 on_change;	/* called after every change */
	void		*hook_arg;
	struct tutor	*tutor;		/* the lesson open, or NULL */
	int		 present;	/* presenting: no hints or chatter */
};

/* A controller over S (taken over), read from PATH (NULL: the built-in
 * sheet) with nudge STEP (0: automatic).  NULL when out of memory. */
struct ctl *ctl_new(struct sheet *s, const char *path, double step);

void ctl_free(struct ctl *c);

/* Handles one key (keys.h codes or a character). */
void ctl_key(struct ctl *c, int key);

/* The line asked for (c->line) was entered as TEXT. */
void ctl_line_done(struct ctl *c, const char *text);

/* The line asked for was cancelled (Esc, Ctrl-G, Ctrl-C). */
void ctl_line_cancel(struct ctl *c);

/* Runs one `:` command (without the colon).  Returns 0, or -1 when it
 * failed, with the reason in c->msg either way. */
int ctl_command(struct ctl *c, const char *cmd);

/* Moves the cursor to ROW, group G, class K (a mouse click). */
void ctl_click(struct ctl *c, long row, enum group g, int k);

/* Replaces the sheet with S (taken over) from PATH (may be NULL) with
 * nudge STEP: a fresh start, undo history and cursor included. */
void ctl_set_sheet(struct ctl *c, struct sheet *s, const char *path,
    double step);

/* Offers the recovery file RECOVER (asks y/n before restoring). */
void ctl_offer_recovery(struct ctl *c, const char *recover);

/* The nudge step in force. */
double ctl_step(const struct ctl *c);

/* Sets the message line (printf-style); ERROR marks a failure. */
void ctl_msg(struct ctl *c, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Help text: lines for the help screen, NULL-terminated. */
extern const char *const ctl_help_lines[];

/* The one-line key hint for the bottom of the screen. */
const char *ctl_hint(const struct ctl *c);

/* Command names, NULL-terminated, for tab completion. */
extern const char *const ctl_command_names[];

#endif
