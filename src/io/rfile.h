/*
 * rfile.h - opening a small file to read whole (a lesson, a progress
 * file) without ever blocking: a FIFO in its place would make open(2)
 * wait for a writer, beyond the reach of Ctrl-C.
 */
#ifndef XENT_IO_RFILE_H
#define XENT_IO_RFILE_H

#include <stdio.h>
#include <sys/stat.h>

/* Opens PATH read-only with O_NONBLOCK, so that a FIFO does not make
 * open(2) wait, and fills *ST with what it is.  The descriptor, or -1
 * with errno set. */
int rfile_open_fd(const char *path, struct stat *st);

/* Makes reads on FD wait again, as a stream needs.  -1 with errno. */
int rfile_wait_reads(int fd);

/* Opens PATH for reading when it is a regular file: opened with
 * O_NONBLOCK, checked with fstat, then made to wait on reads again.
 * NULL with errno set on failure (EINVAL for a FIFO, a device or a
 * folder, so that strerror names no other cause; ENOENT when missing). */
FILE *rfile_open(const char *path);

/* The message for rfile_open's failure on PATH with ERRNO E: "not a
 * regular file" for EINVAL, else strerror(E). */
const char *rfile_error(int e);

#endif
