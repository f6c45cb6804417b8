/*
 * ctl.h - the controller: keys and commands become changes to the sheet.
 *
 * Every change to the model passes through one function, ctl_apply (see
 * ctl_int.h): it is recorded for undo, marks the sheet modified, and tells
 * the lesson.  Every key, lesson keys included, enters through ctl_key, so
 * a lesson replayed by `xent lint` takes the same path as a person typing.
 * Nothing here draws or reads the terminal; the input layer feeds keys
 * (keys.h) and finished lines, the screen code reads this state and draws
 * it.
 */
#ifndef XENT_APP_CTL_H
#define XENT_APP_CTL_H

#include "app/layout.h"
#include "app/rowview.h"
#include "app/undo.h"
#include "core/rowkey.h"
#include "core/stats.h"
#include "io/save.h"
#include "core/plot.h"
#include "core/stats.h"
#include "io/sheetfile.h"

/* A yes/no question waiting for an answer. */
enum ctl_ask { ASK_NONE, ASK_QUIT, ASK_RECOVER };

/* A line of input the controller is waiting for. */
enum ctl_line { LINE_NONE, LINE_CELL, LINE_COMMAND, LINE_PREDICT, LINE_FIND };

/* The screens over the whole set (`:view NAME`). */
enum ctl_screen_kind {
	SCREEN_NONE, SCREEN_TOP, SCREEN_CONFUSION, SCREEN_CLASSES,
	SCREEN_CALIBRATION, SCREEN_ISSUES
};

/* The screen open, its figures (worked out when it opened, from the
 * sheet as it was) and the entry selected.  Only the members its kind
 * names are set. */
struct ctl_screen {
	enum ctl_screen_kind kind;
	long		 n;		/* entries: rows of its table */
	long		 sel;		/* the entry selected */
	int		 col;		/* confusion matrix: prediction selected */
	int		 k;		/* classes the figures index */
	int		 matrix;	/* confusion: K x K (else the pairs) */
	long		 counted;	/* rows the figures are over */
	long		*rows;		/* top: rows by loss, largest first */
	long		*counts;	/* confusion: [label * k + pred] */
	struct stats_pair *pairs;	/* confusion: most confused pairs */
	struct stats_class *classes;	/* classes: k of them */
	struct stats_calib calib;	/* calibration: the bins and figures */
	struct stats_issue *issues;	/* issues: by self-confidence */
};

struct ctl;
struct tutor;

/* What a lesson hooks into the controller.  Any member may be NULL. */
struct ctl_lesson {
	/* A key not taken by a question, help or a pending line: 1 when it
	 * was the lesson's (], [, H ...). */
	int	(*key)(struct ctl *c, void *arg, int key);
	/* :reset: rebuilds the step; -1 with the reason in c->msg. */
	int	(*reset)(struct ctl *c, void *arg);
	/* After every key, line and change: re-check the goal. */
	void	(*check)(struct ctl *c, void *arg);
	/* A line asked for with LINE_PREDICT was entered as TEXT. */
	void	(*predict)(struct ctl *c, void *arg, const char *text);
	void	*arg;
};

/* What the screen measured when it last drew; the input layer passes it
 * on, so that paging keys move by what the person actually sees. */
struct ctl_geom {
	int	page;		/* grid rows (example view: classes) shown */
	int	help_lines;	/* help lines shown */
	int	text_lines;	/* lesson text lines the pane shows */
	int	text_total;	/* lesson text lines there are */
};

/* One row of the command table, which dispatch, Tab completion, help and
 * the lesson sandbox all read. */
enum ctl_arg {
	ARG_NONE, ARG_FILE, ARG_CLASS, ARG_ROW_CLASS, ARG_GROUP, ARG_SETTING,
	ARG_BASE, ARG_MODE, ARG_VIEW, ARG_TEXT, ARG_SORT, ARG_FILTER, ARG_FIT,
	ARG_PLOT
};
#define CMD_FILE	0x01	/* reads or writes a file */
#define CMD_QUIT	0x02	/* leaves xent */
#define CMD_LESSON	0x04	/* moves the lesson itself */
#define CMD_UNSAFE	(CMD_FILE | CMD_QUIT | CMD_LESSON)

struct ctl_cmd {
	const char	*name;		/* as typed after ':' */
	const char	*alias;		/* a longer spelling, or NULL */
	int		(*run)(struct ctl *c, char *args, int bang);
	unsigned	 flags;		/* CMD_* */
	enum ctl_arg	 arg;		/* what its argument completes to */
	const char	*usage;		/* ":w [FILE]" */
	const char	*help;		/* what it does, a few words */
};

/* The command table, ended by a NULL name. */
extern const struct ctl_cmd ctl_cmds[];

/* The command named NAME (or its alias), or NULL. */
const struct ctl_cmd *ctl_cmd_find(const char *name);

/* The plot pane: which picture (`:plot`, P), and the histogram of every
 * row's loss and the reliability bins' sums (STATS_BINS of them, as
 * `:view calibration` has them), which ctl_apply keeps edit by edit. */
struct ctl_plot {
	enum plot_kind	 kind;		/* PLOT_OFF: no pane */
	struct plot_hist hist;		/* the losses, counted */
	int		 hist_ok;	/* hist counts the sheet as it is */
	long		 recounts;	/* full recounts so far */
	struct stats_sums sums;		/* the reliability bins' sums */
	struct stats_bin bins[STATS_BINS];
	struct stats_calib calib;	/* their figures (bins: the above) */
	int		 calib_ok;	/* sums and calib are the sheet's */
};

struct ctl {
	struct sheet	*s;		/* the model */
	char		*path;		/* file it came from; NULL: built in */
	int		 dirty;		/* changed since the last save */
	struct save_stamp stamp;	/* path's file as last read or saved:
					 * :w refuses when it changed since */
	double		 step;		/* nudge step; 0: 0.1 logits, 0.01 probs */

	enum view	 view;		/* batch or example */
	long		 row;		/* cursor: sheet row (one the view shows) */
	enum group	 g;		/* cursor: column group */
	int		 k;		/* cursor: class (-1: per-row group) */
	unsigned	 hidden;	/* hidden groups, 1 << G_* */
	struct ctl_geom	 geom;		/* what the last frame showed */
	struct rowview	 rows;		/* the rows shown and their order */
	struct rowkey	 sort;		/* the :sort key in force ... */
	char		 sorted[64];	/* ... as typed; "" for the file's order */
	char		 filter[640];	/* what :filter kept, "" for all */
	struct ctl_screen screen;	/* the :view screen open, if any */

	struct undo	 undo;		/* every change, for u and Ctrl-R */
	int		 clean_pos;	/* undo position of the saved state,
					 * -1 once it cannot come back */
	int		 undo_note;	/* undo steps this key's change dropped
					 * for the budget, told in msg */
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
	int		 nudged;	/* the last key nudged: its sign, or 0 */
	int		 help;		/* the help screen is open */
	int		 help_top;	/* its first line shown */
	int		 quit;		/* leave the main loop */
	char		*recover;	/* recovery file on offer (ASK_RECOVER) */

	struct ctl_lesson lesson;	/* hooks of the lesson open */
	const struct tutor *tutor;	/* the lesson open, for the screen */
	int		 present;	/* presenting: no hints or chatter */
	int		 sandbox;	/* a lesson's script drives: no files,
					 * no quitting, no lesson moves */
	long		 refused;	/* commands the sandbox refused */
	struct ctl_plot	 plot;		/* the plot pane */
};

/* A controller over S (taken over), read from PATH (NULL: the built-in
 * sheet) with nudge STEP (0: automatic).  NULL when out of memory. */
struct ctl *ctl_new(struct sheet *s, const char *path, double step);

/* A controller over the built-in five-class sheet; NULL when out of
 * memory. */
struct ctl *ctl_new_default(void);

void ctl_free(struct ctl *c);

/* Handles one key (keys.h codes or a character), lesson keys included. */
void ctl_key(struct ctl *c, int key);

/* The line asked for (c->line) was entered as TEXT. */
void ctl_line_done(struct ctl *c, const char *text);

/* The line asked for was cancelled (Esc, Ctrl-G, Ctrl-C). */
void ctl_line_cancel(struct ctl *c);

/* Runs one `:` command (without the colon).  Returns 0, or -1 when it
 * failed or the sandbox refused it, with the reason in c->msg either way. */
int ctl_command(struct ctl *c, const char *cmd);

/* Asks the input layer for a line of KIND after PROMPT, prefilled with
 * PREFILL (may be NULL). */
void ctl_ask_line(struct ctl *c, enum ctl_line kind, const char *prompt,
    const char *prefill);

/* Moves the cursor to ROW, group G, class K (a mouse click). */
void ctl_click(struct ctl *c, long row, enum group g, int k);

/* Records what the screen showed in its last frame. */
void ctl_set_geom(struct ctl *c, const struct ctl_geom *g);

/* Replaces the sheet with S (taken over) from PATH (may be NULL) with
 * nudge STEP: a fresh start, undo history and cursor included. */
void ctl_set_sheet(struct ctl *c, struct sheet *s, const char *path,
    double step);

/* Makes the sheet as it is the clean starting point: the undo history is
 * dropped and nothing counts as unsaved (a lesson step once set up). */
void ctl_mark_start(struct ctl *c);

/* Offers the recovery file RECOVER (asks y/n before restoring). */
void ctl_offer_recovery(struct ctl *c, const char *recover);

/* Opens plot K (PLOT_OFF closes the pane), counting the losses afresh
 * for the histogram. */
void ctl_plot(struct ctl *c, enum plot_kind k);

/* The nudge step in force. */
double ctl_step(const struct ctl *c);

/* Sets the message line (printf-style); ERROR marks a failure. */
void ctl_msg(struct ctl *c, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Help text: lines for the help screen, NULL-terminated; the commands'
 * lines come from the command table. */
const char *const *ctl_help_lines(void);

/* The number of help lines. */
int ctl_help_count(void);

/* The rows the grid shows: all, or those :filter kept. */
long ctl_view_count(const struct ctl *c);

/* The sheet row shown at position I of the view. */
long ctl_view_row(const struct ctl *c, long i);

/* The cursor's position in the view. */
long ctl_view_pos(const struct ctl *c);

/* The mean loss of the rows shown (the sheet's when not filtered). */
double ctl_view_mean(const struct ctl *c);

/* The name of screen KIND as `:view` takes it ("top", "confusion" ...). */
const char *ctl_screen_name(enum ctl_screen_kind kind);

/* N with thousands separators ("1,234,567") into BUF; returns BUF. */
char *ctl_count_text(char *buf, size_t len, long n);

/* /TEXT: the cursor to the next row shown whose id contains TEXT. */
void ctl_find(struct ctl *c, const char *text);

/* The one-line key hint for the bottom of the screen. */
const char *ctl_hint(const struct ctl *c);

#endif
