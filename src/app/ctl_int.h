/*
 * ctl_int.h - what ctl.c and commands.c share inside the controller.
 */
#ifndef XENT_APP_CTL_INT_H
#define XENT_APP_CTL_INT_H

#include "app/ctl.h"

/* The kinds of change to the sheet; ctl_apply runs every one of them. */
enum ctl_op {
	OP_CELL,	 /* cell (row, g, k) = v, g being G_ACT or G_TARGET */
	OP_TARGET,	 /* class k becomes row's one-hot target */
	OP_NORMALIZE,	 /* row divided by its sum */
	OP_INSERT_ROW,	 /* a row before `row`: a copy of `from`, or fresh */
	OP_DELETE_ROW,	 /* row removed */
	OP_ADD_CLASS,	 /* class `name` added */
	OP_DELETE_CLASS, /* class k removed */
	OP_SETTING,	 /* setting `key` as parsed into `set` */
	OP_REPLACE,	 /* the sheet becomes `sheet` (taken over), nudge v */
};

/* One change; only the members its op names are read. */
struct ctl_change {
	enum ctl_op		 op;
	long			 row;
	enum group		 g;
	int			 k;
	double			 v;
	long			 from;
	const char		*name;
	int			 key;
	const struct sheetfile_settings *set;
	struct sheet		*sheet;
};

/* The one path of every change: captures what undo needs, changes the
 * model, records the undo step, keeps the cursor inside the sheet, marks
 * the sheet modified and tells the lesson.  Returns 0; -1 with the reason
 * in c->msg when the change could not be made (the sheet is as before). */
int ctl_apply(struct ctl *c, const struct ctl_change *ch);

/* Cursor home, view and hidden groups suited to the sheet's size. */
void ctl_reset_view(struct ctl *c);

/* Keeps the cursor inside the sheet and on a visible column. */
void ctl_clamp(struct ctl *c);

/* The histogram no longer counts the sheet: recounted now when it shows,
 * else when it is next opened. */
void ctl_plot_stale(struct ctl *c);

/* Tells the lesson that something may have changed (goal re-check). */
void ctl_tell_lesson(struct ctl *c);

/* u (DIR -1) and Ctrl-R (DIR 1): one change back or forth, said in
 * c->msg. */
void ctl_undo(struct ctl *c, int dir);

/* :sort and :filter (browse.c). */
int cmd_sort(struct ctl *c, char *args, int bang);
int cmd_filter(struct ctl *c, char *args, int bang);

/* Shows only ROWS[0..N) (sheet rows, taken over), described by WHAT for
 * the title, in the order of the sort in force; the cursor to the first.
 * -1 with the reason in c->msg (none, or out of memory). */
int ctl_show_rows(struct ctl *c, long *rows, long n, const char *what);

/* The screen named NAME (ctl_screen_name), or -1. */
int ctl_screen_kind(const char *name);

/* Opens screen KIND over the sheet as it is; -1 with the reason in
 * c->msg (no row with a hard target, out of memory). */
int ctl_screen_open(struct ctl *c, enum ctl_screen_kind kind);

/* Closes the screen open, if any. */
void ctl_screen_close(struct ctl *c);

/* Works the open screen's figures out again after a change. */
void ctl_screen_reload(struct ctl *c);

/* A key while a screen is open. */
void ctl_screen_key(struct ctl *c, int key);

/* :fit temperature (screens.c). */
int cmd_fit(struct ctl *c, char *args, int bang);

/* Applies setting NAME = VALUE as one change (commands.c); 0, or -1 with
 * the reason in c->msg. */
int ctl_setting(struct ctl *c, const char *name, const char *value);

/* The user said yes (1) or no (0) to restoring the recovery file. */
void ctl_recover_answer(struct ctl *c, int yes);

#endif
