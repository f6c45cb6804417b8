/*
 * save.h - writing a file without losing anything, with vim's manners.
 *
 * A save replaces the file atomically where it can: a temporary file in
 * the same folder with the old file's mode, owner and group, fsync, rename
 * over the old one, fsync of the folder.  Where that would break something
 * (the file has other hard links, the folder is not writable, the owner
 * cannot be kept) it writes in place instead, safely: a backup copy first
 * (beside the file, else in $TMPDIR or /tmp), fsync, then the overwrite
 * and fsync, then the backup goes.  A symbolic link is followed to its
 * target, which is created when the link dangles.  A device or pipe is
 * written as it is.  The caller remembers the file's identity (its
 * stamp): a save refuses, unless forced, when the file changed on disk
 * since, or when it is read-only.  Nothing here includes curses.
 */
#ifndef XENT_IO_SAVE_H
#define XENT_IO_SAVE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

/* What tells one version of a file from another. */
struct save_stamp {
	int		exists;		/* 0: there was no file */
	dev_t		dev;
	ino_t		ino;
	off_t		size;
	struct timespec	mtime;		/* to the nanosecond */
};

/* Writes the contents to F; -1 on a write error. */
typedef int (*save_writer)(FILE *f, void *arg);

/* save_file's flags. */
#define SAVE_FORCE	0x01	/* :w! - overwrite a changed or read-only file */

/* save_file's refusals (without SAVE_FORCE), besides -1 for a failure. */
#define SAVE_CHANGED	(-2)	/* the file changed on disk since STAMP */
#define SAVE_READONLY	(-3)	/* its owner may not write it */

/* Fills ST with the identity of PATH's file, symbolic links followed;
 * ST->exists is 0 when there is no file. */
void save_stamp(const char *path, struct save_stamp *st);

/* 1 when A and B are the same version of a file (or both no file). */
int save_stamp_same(const struct save_stamp *a, const struct save_stamp *b);

/* Saves what WRITE(F, ARG) writes to PATH as described above.  STAMP (NULL:
 * no check) is what the caller last knew of PATH: a file that exists and is
 * not that version is SAVE_CHANGED; a file whose owner has no write
 * permission is SAVE_READONLY; SAVE_FORCE in FLAGS writes either way.  On
 * success returns 0 and updates STAMP to the file written.  Otherwise
 * returns -1, SAVE_CHANGED or SAVE_READONLY with "PATH: reason" in ERR,
 * and the old file is intact (or, after a failed overwrite in place, its
 * backup is kept and ERR names it). */
int save_file(const char *path, save_writer write, void *arg, unsigned flags,
    struct save_stamp *stamp, char *err, size_t errlen);

#endif
