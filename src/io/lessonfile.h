/*
 * lessonfile.h - lesson files: Markdown with machinery in fenced blocks.
 *
 * "# Title", then a step per "## Heading"; prose paragraphs; fenced
 * blocks tagged sheet, setup, goal, hint and solution (lessons/README.md
 * has the whole format).  Parsing only: nothing here runs a lesson.
 */
#ifndef XENT_IO_LESSONFILE_H
#define XENT_IO_LESSONFILE_H

#include <stddef.h>

/* The blocks a step may carry. */
enum lesson_block { LB_SHEET, LB_SETUP, LB_GOAL, LB_HINT, LB_SOLUTION, LB_N };

struct lesson_step {
	char	*heading;		/* text after "## " */
	long	 line;			/* line of the heading */
	char	*text;			/* prose, paragraphs split by "\n\n" */
	char	*block[LB_N];		/* block contents, or NULL */
	long	 block_line[LB_N];	/* line of each block's first content
					 * line (the fence's line + 1) */
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
 * first step. */
struct lesson *lesson_parse(const char *name, const char *buf, size_t len,
    char *err, size_t errlen);

/* Reads and parses PATH; NULL with a message in ERR on failure. */
struct lesson *lesson_load(const char *path, char *err, size_t errlen);

void lesson_free(struct lesson *l);

#endif
