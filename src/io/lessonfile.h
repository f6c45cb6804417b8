/*
 * lessonfile.h - lesson files: Markdown with machinery in fenced blocks.
 *
 * "# Title", then a step per "## Heading"; prose paragraphs, one of which
 * may be the step's task ("Try it: ..."); fenced blocks tagged sheet,
 * setup, goal, hint, solution and predict (lessons/README.md has the whole
 * format).  Parsing only: nothing here runs a lesson.
 */
#ifndef XENT_IO_LESSONFILE_H
#define XENT_IO_LESSONFILE_H

#include <stddef.h>

/* The blocks a step may carry. */
enum lesson_block {
	LB_SHEET, LB_SETUP, LB_GOAL, LB_HINT, LB_SOLUTION, LB_PREDICT, LB_N
};

/* A ```predict block: a question whose answer the learner types before
 * the columns it names are shown. */
struct lesson_predict {
	char	*ask;			/* the question */
	char	*value;			/* goal-language expression: the answer */
	double	 within;		/* a guess this close counts as right */
	char	*hide;			/* column groups hidden until then */
	long	 line[4];		/* lines of ask, value, within, hide */
};

struct lesson_step {
	char	*heading;		/* text after "## " */
	long	 line;			/* line of the heading */
	char	*text;			/* prose, paragraphs split by "\n\n" */
	char	*task;			/* the "Try it:" paragraph, or NULL */
	long	 task_line;		/* its first line */
	char	*block[LB_N];		/* block contents, or NULL */
	long	 block_line[LB_N];	/* line of each block's first content
					 * line (the fence's line + 1) */
	struct lesson_predict predict;	/* parsed LB_PREDICT, when there */
	int	 plot;			/* the setup's plot directive ("plot
					 * curve"): an enum plot_kind, or -1 */
	long	 plot_line;		/* its line */
};

struct lesson {
	char			*path;		/* file it came from */
	char			*title;		/* text after "# " */
	char			*intro;		/* prose before the first step */
	struct lesson_step	*steps;
	int			 nsteps;
};

/* The info-string name of block B ("sheet", ...). */
const char *lesson_block_name(enum lesson_block b);

/* Parses BUF (LEN bytes) as lesson NAME.  NULL with "NAME:LINE: what is
 * wrong" in ERR on a malformed file: no title, no step, an unterminated
 * or unknown fenced block, a block twice in one step, a block before the
 * first step, two tasks in a step, a predict block without its ask, value
 * or within, or with a key it does not know, a setup with two plot
 * directives or one naming no plot.  A setup's plot directive is taken
 * out of its text (the line is left blank), since it is the step's state
 * and not a command to replay. */
struct lesson *lesson_parse(const char *name, const char *buf, size_t len,
    char *err, size_t errlen);

/* Reads and parses PATH; NULL with a message in ERR on failure. */
struct lesson *lesson_load(const char *path, char *err, size_t errlen);

void lesson_free(struct lesson *l);

#endif
