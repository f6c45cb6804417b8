/*
 * rfile.c - see rfile.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/rfile.h"

int
rfile_open_fd(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), e;

	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
rfile_wait_reads(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
}

FILE *
rfile_open(const char *path)
{
	struct stat st;
	int fd = rfile_open_fd(path, &st), e;
	FILE *f;

	if (fd < 0)
		return NULL;
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	if (rfile_wait_reads(fd) < 0 || (f = fdopen(fd, "rb")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	return f;
}

const char *
rfile_error(int e)
{
	return e == EINVAL ? "not a regular file" : strerror(e);
}
