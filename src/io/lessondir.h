/*
 * lessondir.h - finding lessons: $XENT_LESSONS (folders separated by
 * colons, like PATH), then ./lessons, then the installed share folder.
 */
#ifndef XENT_IO_LESSONDIR_H
#define XENT_IO_LESSONDIR_H

/* Where `make install` puts lessons (the Makefile sets it from PREFIX). */
#ifndef XENT_SHARE
#define XENT_SHARE "/usr/local/share/xent"
#endif

/* One lesson found on the search path. */
struct lesson_entry {
	char	*path;		/* file */
	char	*slug;		/* file name without ".md": "01-softmax" */
	char	*title;		/* its "# " title, or the slug */
	int	 number;	/* its NN- prefix, or 0 */
	int	 nsteps;	/* steps, 0 when it does not parse */
	int	 dir;		/* its folder's place on the search path */
};

/* Lists every lesson (*.md but README.md), sorted by file name; a name
 * found in an earlier folder hides the same name in a later one.  Returns
 * the count (0 when none), the array in *OUT (free with lessondir_free). */
int lessondir_list(struct lesson_entry **out);

/* The path of lesson NAME: a file path, a number (3 or 03), a slug
 * ("03-binary-cross-entropy") or a slug without its number; when several
 * answer, the one in the earliest folder of the search path.  NULL when
 * there is no such lesson; malloc'd otherwise. */
char *lessondir_find(const char *name);

/* The slug of the lesson file PATH, malloc'd. */
char *lessondir_slug(const char *path);

void lessondir_free(struct lesson_entry *e, int n);

#endif
