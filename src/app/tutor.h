/*
 * tutor.h - a lesson running on the controller: steps that set up the
 * sheet, goals checked after every change, hints, progress, and replaying
 * solutions without a terminal (for xent lint).
 */
#ifndef XENT_APP_TUTOR_H
#define XENT_APP_TUTOR_H

#include "app/ctl.h"
#include "core/goal.h"
#include "io/lessonfile.h"

struct tutor {
	struct lesson	*l;		/* the lesson (owned) */
	char		*slug;		/* its progress key */
	int		 step;		/* current step, 0-based */
	struct goal	*goal;		/* its goal, or NULL */
	int		 met;		/* the goal holds now */
	unsigned char	*passed;	/* per step: its goal was met */
	int		 hint;		/* the hint is showing */
	int		 scroll;	/* pane lines scrolled past ({ and }) */
	int		 keep;		/* save progress (not in lint) */
	char		*progress_err;	/* why the saved progress was set
					 * aside ("FILE:LINE: ..."), or NULL */
};

/* A tutor over lesson L (taken over); progress is loaded and kept when
 * KEEP is set.  A progress file that is not one is set aside: the lesson
 * starts afresh, PROGRESS_ERR says why, and the first step passed
 * replaces the file.  NULL when out of memory. */
struct tutor *tutor_new(struct lesson *l, int keep);

void tutor_free(struct tutor *t);

/* Attaches T to C: C's change hook re-checks the goal. */
void tutor_attach(struct tutor *t, struct ctl *c);

/* Begins step N: loads its sheet (a step without one keeps the sheet as
 * it is), runs its setup, parses its goal.  -1 with "FILE:LINE: ..." in
 * ERR when the step is broken. */
int tutor_goto(struct tutor *t, struct ctl *c, int n, char *err,
    size_t errlen);

/* Re-evaluates the goal (after a change or a move); a goal met for the
 * first time marks the step passed. */
void tutor_check(struct tutor *t, struct ctl *c);

/* The first step not yet passed (0 when all are). */
int tutor_resume_step(const struct tutor *t);

/* Lesson keys: ] [ H, { } (scroll the text), and in presenting mode
 * Space, PgDn, Right, PgUp, Left.  Returns 1 when KEY was one of them. */
int tutor_key(struct tutor *t, struct ctl *c, int key);

/* Runs SCRIPT on C as a learner would: each line a :command or keys
 * (<Enter>, <Esc>, <Space>, <Up> ..., <C-u>); LINE0 is the script's first
 * line in FILE, for messages.  -1 with "FILE:LINE: ..." in ERR when a
 * command fails or a key name is unknown. */
int tutor_replay(struct ctl *c, const char *file, const char *script,
    long line0, char *err, size_t errlen);

/* Where the cursor is, for goals. */
struct goal_cursor tutor_cursor(const struct ctl *c);

#endif
