/*
 * tutor.h - a lesson running on the controller: steps whose state is built
 * from the lesson alone, goals checked after every change, hints,
 * predictions, progress, and solutions replayed without a terminal.
 *
 * A step's state is a function of the step.  Entering step S by any route
 * (opening or resuming a lesson, ] and [, a clicker, :reset) loads the last
 * sheet block at or before S, replays the setup and solution of every step
 * from that block up to S-1, then runs S's own setup.  Scripts (setups and
 * solutions) drive the controller in its sandbox: no command that reads or
 * writes a file, quits, or moves the lesson runs there, however it was
 * typed.
 */
#ifndef XENT_APP_TUTOR_H
#define XENT_APP_TUTOR_H

#include "app/ctl.h"
#include "core/goal.h"
#include "io/lessonfile.h"

/* The state of the current step's prediction. */
struct tutor_predict {
	struct goal	*value;		/* the answer's expression, or NULL */
	unsigned	 hidden;	/* groups it hides, 1 << G_* */
	unsigned	 restore;	/* of those, the ones the step showed */
	int		 answered;	/* the learner has guessed */
	double		 guess;		/* what they typed */
	double		 truth;		/* the value when they did */
};

struct tutor {
	struct lesson	*l;		/* the lesson (owned) */
	char		*slug;		/* its progress key */
	int		 step;		/* current step, 0-based */
	int		 ended;		/* past the last step: the end screen */
	struct goal	*goal;		/* its goal, or NULL */
	int		 met;		/* the goal holds now */
	unsigned char	*passed;	/* per step: its goal was met */
	int		 hint;		/* the hint is showing */
	int		 scroll;	/* text lines scrolled past */
	int		 keep;		/* save progress (not in lint) */
	int		 building;	/* replaying earlier steps: no checks */
	struct tutor_predict predict;	/* the step's prediction */
	char		*next;		/* the next lesson, for the end screen
					 * (malloc'd; NULL: none found) */
	char		*progress_err;	/* why the saved progress was set
					 * aside ("FILE:LINE: ..."), or NULL */
};

/* A tutor over lesson L (taken over); progress is loaded and kept when
 * KEEP is set.  A progress file that is not one is set aside: the lesson
 * starts afresh, PROGRESS_ERR says why, and the first step passed
 * replaces the file.  NULL when out of memory. */
struct tutor *tutor_new(struct lesson *l, int keep);

void tutor_free(struct tutor *t);

/* Attaches T to C: C's lesson hooks become T's keys, checks, :reset and
 * predictions. */
void tutor_attach(struct tutor *t, struct ctl *c);

/* Enters step N, its state built from the lesson alone (see above), as a
 * clean starting point.  -1 with "FILE:LINE: ..." in ERR when the lesson
 * is broken on the way. */
int tutor_goto(struct tutor *t, struct ctl *c, int n, char *err,
    size_t errlen);

/* Enters step N on top of the state there is: its sheet if it has one,
 * then its setup (what a learner who solved step N-1 sees; lint's
 * sequential replay).  -1 with "FILE:LINE: ..." in ERR. */
int tutor_advance(struct tutor *t, struct ctl *c, int n, char *err,
    size_t errlen);

/* Replays step N's solution in the sandbox.  0 also when it has none; -1
 * with "FILE:LINE: ..." in ERR when a line fails or is refused. */
int tutor_solve(struct tutor *t, struct ctl *c, int n, char *err,
    size_t errlen);

/* Re-evaluates the goal (after a change or a move); a goal met for the
 * first time marks the step passed and saves the progress. */
void tutor_check(struct tutor *t, struct ctl *c);

/* The first step not yet passed (0 when all are). */
int tutor_resume_step(const struct tutor *t);

/* Runs SCRIPT on C in the sandbox as a learner would type it: each line a
 * :command or keys (<Enter>, <Esc>, <Space>, <Up> ..., <C-u>); LINE0 is the
 * script's first line in FILE, for messages.  -1 with "FILE:LINE: ..." in
 * ERR when a command fails or is refused, or a key name is unknown. */
int tutor_replay(struct ctl *c, const char *file, const char *script,
    long line0, char *err, size_t errlen);

/* Where the cursor is, for goals. */
struct goal_cursor tutor_cursor(const struct ctl *c);

/* 1 while the step's prediction waits for a guess. */
int tutor_predict_pending(const struct tutor *t);

/* One sentence on the guess against the true value, into BUF. */
char *tutor_predict_verdict(const struct tutor *t, char *buf, size_t len);

#endif
