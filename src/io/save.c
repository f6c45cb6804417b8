/*
 * save.c - safe saves; see save.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/save.h"

/* Room for a path and the suffixes added to it. */
#define SAVE_PATH 4096

/* Links followed before giving up, as the kernel's own limit. */
#define SAVE_LINKS 40

/* What one save is about: where, what to write, what went wrong. */
struct save_job {
	const char	*path;		/* as the caller named it */
	char		 target[SAVE_PATH]; /* symbolic links followed */
	char		 dir[SAVE_PATH];    /* the target's folder */
	struct stat	 st;		/* the target as it is */
	int		 exists;	/* 0: the target is new */
	save_writer	 write;
	void		*arg;
	unsigned	 flags;
	struct stat	 done;		/* the file written, for the stamp */
	char		*err;
	size_t		 errlen;
};

/* Sets the message "PATH: WHAT" (WHAT NULL: errno's text); returns -1. */
static int
save_fail(struct save_job *j, const char *what)
{
	snprintf(j->err, j->errlen, "%s: %s", j->path,
	    what != NULL ? what : errno ? strerror(errno) : "write failed");
	return -1;
}

/* ------------------------------------------------------------------ */
/* Identity                                                           */
/* ------------------------------------------------------------------ */

/* The stamp of a file described by ST. */
static void
save_stamp_of(const struct stat *st, struct save_stamp *out)
{
	memset(out, 0, sizeof(*out));
	out->exists = 1;
	out->dev = st->st_dev;
	out->ino = st->st_ino;
	out->size = st->st_size;
	out->mtime = st->st_mtim;
}

void
save_stamp(const char *path, struct save_stamp *st)
{
	struct stat sb;

	if (path != NULL && stat(path, &sb) == 0)
		save_stamp_of(&sb, st);
	else
		memset(st, 0, sizeof(*st));
}

int
save_stamp_same(const struct save_stamp *a, const struct save_stamp *b)
{
	if (!a->exists || !b->exists)
		return a->exists == b->exists;
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec;
}

/* ------------------------------------------------------------------ */
/* Where the save goes                                                */
/* ------------------------------------------------------------------ */

/* Puts the folder part of PATH ("." when none) into DIR. */
static void
save_dirname(const char *path, char *dir, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(dir, len, ".");
	else if (slash == path)
		snprintf(dir, len, "/");
	else
		snprintf(dir, len, "%.*s", (int)(slash - path), path);
}

/* Follows the symbolic links from j->path to the file they name, which
 * need not exist (a dangling link's target is created); fills target, dir,
 * st and exists.  -1 with the message on a loop or an error. */
static int
save_resolve(struct save_job *j)
{
	char link[SAVE_PATH], next[SAVE_PATH], dir[SAVE_PATH];
	ssize_t n;
	int i;

	if (snprintf(j->target, sizeof(j->target), "%s", j->path) >=
	    (int)sizeof(j->target))
		return save_fail(j, "name too long");
	for (i = 0; i < SAVE_LINKS; i++) {
		if (lstat(j->target, &j->st) < 0) {
			if (errno != ENOENT)
				return save_fail(j, NULL);
			j->exists = 0;
			break;
		}
		if (!S_ISLNK(j->st.st_mode)) {
			j->exists = 1;
			break;
		}
		if ((n = readlink(j->target, link, sizeof(link) - 1)) < 0)
			return save_fail(j, NULL);
		link[n] = '\0';
		save_dirname(j->target, dir, sizeof(dir));
		if (snprintf(next, sizeof(next), "%s%s%s", link[0] == '/' ? "" :
		    dir, link[0] == '/' ? "" : "/", link) >= (int)sizeof(next))
			return save_fail(j, "name too long");
		memcpy(j->target, next, sizeof(next));
	}
	if (i == SAVE_LINKS)
		return save_fail(j, strerror(ELOOP));
	save_dirname(j->target, j->dir, sizeof(j->dir));
	return 0;
}

/* The refusals of save.h, in the order of what matters most: another
 * program's version would be lost, then a read-only file. */
static int
save_check(struct save_job *j, const struct save_stamp *stamp)
{
	struct save_stamp now;

	if ((j->flags & SAVE_FORCE) || !j->exists || !S_ISREG(j->st.st_mode))
		return 0;
	save_stamp_of(&j->st, &now);
	if (stamp != NULL && !save_stamp_same(stamp, &now)) {
		save_fail(j, "the file changed on disk since it was read or "
		    "last saved");
		return SAVE_CHANGED;
	}
	if (!(j->st.st_mode & S_IWUSR)) {
		save_fail(j, "the file is read-only");
		return SAVE_READONLY;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Writing                                                            */
/* ------------------------------------------------------------------ */

/* Writes the contents into open descriptor FD from its start (TRUNCATE:
 * then cuts what an older, longer file left after them), syncs it, fills
 * j->done and closes FD.  -1 on any error, errno set. */
static int
save_write_fd(struct save_job *j, int fd, int truncate)
{
	FILE *f = fdopen(fd, "w");
	off_t end;
	int rc, e;

	if (f == NULL) {
		close(fd);
		return -1;
	}
	errno = 0;
	rc = j->write(f, j->arg);
	if (rc == 0 && fflush(f) != 0)
		rc = -1;
	if (rc == 0 && truncate && ((end = ftello(f)) < 0 ||
	    ftruncate(fd, end) < 0))
		rc = -1;
	if (rc == 0 && (fsync(fd) < 0 || fstat(fd, &j->done) < 0))
		rc = -1;
	e = errno;
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	errno = e;
	return rc;
}

/* Syncs folder DIR, so that a rename in it survives a crash.  Failing to
 * is no reason to call the save failed: the file is already in place. */
static void
save_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* A device or pipe (such as /dev/full) cannot be replaced by a regular
 * file: it is written as it is. */
static int
save_special(struct save_job *j)
{
	int fd = open(j->target, O_WRONLY | O_TRUNC);

	if (fd < 0 || save_write_fd(j, fd, 0) < 0) {
		/* fsync of a device or pipe may say EINVAL: not a failure
		 * of the write itself. */
		if (fd >= 0 && errno == EINVAL)
			return 0;
		return save_fail(j, NULL);
	}
	return 0;
}

/* The temporary file's name beside the target, into TMP. */
static int
save_temp_name(const struct save_job *j, const char *suffix, const char *dir,
    char *tmp, size_t len)
{
	const char *slash = strrchr(j->target, '/');
	const char *base = slash ? slash + 1 : j->target;

	return snprintf(tmp, len, "%s/.%s.%sXXXXXX", dir, base, suffix) >=
	    (int)len ? -1 : 0;
}

/* Gives temporary file FD the target's owner and group, so that root
 * saving someone's file leaves it theirs.  -1 when it cannot. */
static int
save_keep_owner(const struct save_job *j, int fd)
{
	struct stat ts;

	if (fstat(fd, &ts) < 0)
		return -1;
	if (ts.st_uid == j->st.st_uid && ts.st_gid == j->st.st_gid)
		return 0;
	return fchown(fd, j->st.st_uid, j->st.st_gid);
}

/* The mode of the file written: the old one's, or 0666 less the umask. */
static mode_t
save_mode(const struct save_job *j)
{
	mode_t um;

	if (j->exists)
		return j->st.st_mode & 07777;
	um = umask(0);
	umask(um);
	return 0666 & ~um;
}

/* Replaces the target by a temporary file renamed over it.  Returns 0, -1
 * with the message, or 1 when the replacement would lose the owner or the
 * folder takes no new file: then the caller writes in place. */
static int
save_atomic(struct save_job *j)
{
	char tmp[SAVE_PATH];
	int fd;

	if (save_temp_name(j, "", j->dir, tmp, sizeof(tmp)) < 0)
		return save_fail(j, "name too long");
	if ((fd = mkstemp(tmp)) < 0) {
		if (j->exists && (errno == EACCES || errno == EPERM))
			return 1;
		return save_fail(j, NULL);
	}
	if (j->exists && save_keep_owner(j, fd) < 0) {
		close(fd);
		unlink(tmp);
		return 1;
	}
	if (fchmod(fd, save_mode(j)) < 0 || save_write_fd(j, fd, 0) < 0 ||
	    rename(tmp, j->target) < 0) {
		save_fail(j, NULL);
		unlink(tmp);
		return -1;
	}
	save_sync_dir(j->dir);
	return 0;
}

/* Copies everything readable from FROM to TO; -1 on an error. */
static int
save_copy(int from, int to)
{
	char buf[65536];
	ssize_t n, w, off;

	for (;;) {
		if ((n = read(from, buf, sizeof(buf))) < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return (int)n;
		for (off = 0; off < n; off += w)
			if ((w = write(to, buf + off, n - off)) < 0) {
				if (errno != EINTR)
					return -1;
				w = 0;
			}
	}
}

/* Makes a synced copy of the target into a new file named in BACKUP:
 * beside it when the folder allows, else in $TMPDIR or /tmp. */
static int
save_backup(struct save_job *j, char *backup, size_t len)
{
	const char *dirs[3] = { j->dir, getenv("TMPDIR"), "/tmp" };
	int i, fd = -1, in, rc;

	for (i = 0; i < 3 && fd < 0; i++)
		if (dirs[i] != NULL && *dirs[i] != '\0' &&
		    save_temp_name(j, "xent-backup.", dirs[i], backup, len) == 0)
			fd = mkstemp(backup);
	if (fd < 0)
		return save_fail(j, "no folder takes a backup copy, so it "
		    "cannot be overwritten safely");
	if ((in = open(j->target, O_RDONLY)) < 0) {
		save_fail(j, NULL);
		close(fd);
		unlink(backup);
		return -1;
	}
	rc = save_copy(in, fd) < 0 || fsync(fd) < 0 ? -1 : 0;
	if (rc < 0)
		save_fail(j, NULL);
	close(in);
	if (close(fd) < 0 && rc == 0)
		rc = save_fail(j, NULL);
	if (rc < 0)
		unlink(backup);
	return rc;
}

/* Opens the target for writing in place.  A read-only file that :w!
 * writes and that we own is made writable for the time of the save:
 * *RESTORE is then set. */
static int
save_open_in_place(struct save_job *j, int *restore)
{
	int fd = open(j->target, O_WRONLY);

	*restore = 0;
	if (fd >= 0 || errno != EACCES || !(j->flags & SAVE_FORCE) ||
	    j->st.st_uid != geteuid())
		return fd;
	if (chmod(j->target, (j->st.st_mode & 07777) | S_IWUSR) < 0)
		return -1;
	*restore = 1;
	if ((fd = open(j->target, O_WRONLY)) < 0)
		(void)chmod(j->target, j->st.st_mode & 07777);
	return fd;
}

/* Overwrites the target in place (its inode, links, owner and mode stay),
 * after a backup copy that goes once the new contents are on disk. */
static int
save_in_place(struct save_job *j)
{
	char backup[SAVE_PATH];
	int fd, restore, rc;

	if (save_backup(j, backup, sizeof(backup)) < 0)
		return -1;
	if ((fd = save_open_in_place(j, &restore)) < 0) {
		save_fail(j, NULL);
		unlink(backup);
		return -1;
	}
	rc = save_write_fd(j, fd, 1);
	if (restore)
		(void)chmod(j->target, j->st.st_mode & 07777);
	if (rc < 0) {
		snprintf(j->err, j->errlen, "%s: %s; the old contents are kept "
		    "in %s", j->path, errno ? strerror(errno) : "write failed",
		    backup);
		return -1;
	}
	unlink(backup);
	return 0;
}

/* 1 when the target must be written in place: other hard links would
 * be broken by a rename, or its folder takes no new file. */
static int
save_needs_in_place(const struct save_job *j)
{
	return j->exists && (j->st.st_nlink > 1 || access(j->dir, W_OK) < 0);
}

int
save_file(const char *path, save_writer write, void *arg, unsigned flags,
    struct save_stamp *stamp, char *err, size_t errlen)
{
	struct save_job *j = calloc(1, sizeof(*j));
	int rc;

	if (j == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
		return -1;
	}
	j->path = path;
	j->write = write;
	j->arg = arg;
	j->flags = flags;
	j->err = err;
	j->errlen = errlen;
	if ((rc = save_resolve(j)) == 0 && (rc = save_check(j, stamp)) == 0) {
		if (j->exists && !S_ISREG(j->st.st_mode))
			rc = save_special(j);
		else if (save_needs_in_place(j) ||
		    (rc = save_atomic(j)) == 1)
			rc = save_in_place(j);
		if (rc == 0 && stamp != NULL && S_ISREG(j->done.st_mode))
			save_stamp_of(&j->done, stamp);
		else if (rc == 0 && stamp != NULL)
			save_stamp(j->target, stamp);
	}
	free(j);
	return rc;
}
