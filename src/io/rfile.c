/*
 * rfile.c - see rfile.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/rfile.h"

FILE *
rfile_open(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), fl, e;
	struct stat st;
	FILE *f;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (fl = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 ||
	    (f = fdopen(fd, "rb")) == NULL) {
		e = errno;
		if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode))
			e = EINVAL;
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
