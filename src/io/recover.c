/*
 * recover.c - the state folder and recovery file names; see recover.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/recover.h"

/* Creates every folder along PATH (like mkdir -p), mode 0700. */
static int
recover_mkdirs(char *path)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(path, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

int
state_dir(const char *sub, char *buf, size_t len, char *err, size_t errlen)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(buf, len, "%s/xent/%s", xdg, sub);
	else if (home != NULL && home[0] == '/')
		n = snprintf(buf, len, "%s/.local/state/xent/%s", home, sub);
	else {
		snprintf(err, errlen, "neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	if (n < 0 || (size_t)n >= len) {
		snprintf(err, errlen, "state folder name too long");
		return -1;
	}
	if (recover_mkdirs(buf) < 0) {
		snprintf(err, errlen, "%s: %s", buf, strerror(errno));
		return -1;
	}
	return 0;
}

/* The absolute form of PATH, which need not exist yet. */
static void
recover_absolute(const char *path, char *buf, size_t len)
{
	char *real = realpath(path, NULL), cwd[4096];

	if (real != NULL)
		snprintf(buf, len, "%s", real);
	else if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		snprintf(buf, len, "%s/%s", cwd, path);
	else
		snprintf(buf, len, "%s", path);
	free(real);
}

/* FNV-1a, 64 bits: a short, stable fingerprint of a path. */
static unsigned long long
recover_hash(const char *s)
{
	unsigned long long h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The folder for recovery files when the state folder cannot be written:
 * $TMPDIR (or /tmp), in a folder of this user's. */
static int
recover_fallback_dir(char *buf, size_t len, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	struct stat st;

	if (tmp == NULL || tmp[0] != '/')
		tmp = "/tmp";
	if ((size_t)snprintf(buf, len, "%s/xent-%ld-recover", tmp,
	    (long)getuid()) >= len) {
		snprintf(err, errlen, "recovery folder name too long");
		return -1;
	}
	/* Another user's folder of that name is never used. */
	if ((mkdir(buf, 0700) < 0 && errno != EEXIST) || lstat(buf, &st) < 0 ||
	    !S_ISDIR(st.st_mode) || st.st_uid != getuid()) {
		snprintf(err, errlen, "%s: cannot be used", buf);
		return -1;
	}
	return 0;
}

/* The folder of recovery files: the state folder's, or when that cannot
 * be written, the fallback in $TMPDIR. */
static int
recover_dir(char *buf, size_t len, char *err, size_t errlen)
{
	if (state_dir("recover", buf, len, err, errlen) == 0 &&
	    access(buf, W_OK | X_OK) == 0)
		return 0;
	return recover_fallback_dir(buf, len, err, errlen);
}

/* Writes the name of PATH's recovery file in folder DIR into BUF. */
static int
recover_name(const char *dir, const char *path, char *buf, size_t len,
    char *err, size_t errlen)
{
	char abs[8192], name[8192];
	size_t i, o = 0;

	if (path == NULL)
		snprintf(abs, sizeof(abs), "(default)");
	else
		recover_absolute(path, abs, sizeof(abs));
	/* One flat file name per sheet: '/' and '%' escaped as %2F, %25. */
	for (i = 0; abs[i] != '\0' && o + 4 < sizeof(name); i++) {
		if (abs[i] == '/' || abs[i] == '%')
			o += snprintf(name + o, sizeof(name) - o, "%%%02X",
			    (unsigned char)abs[i]);
		else
			name[o++] = abs[i];
	}
	name[o] = '\0';
	/* Long names are cut, so a hash of the whole path keeps two sheets
	 * that share the first 150 bytes apart. */
	if ((size_t)snprintf(buf, len, "%s/%.150s-%016llx.csv", dir, name,
	    recover_hash(abs)) >= len) {
		snprintf(err, errlen, "recovery file name too long");
		return -1;
	}
	return 0;
}

int
recover_path(const char *path, char *buf, size_t len, char *err,
    size_t errlen)
{
	char dir[4096];

	if (recover_dir(dir, sizeof(dir), err, errlen) < 0)
		return -1;
	return recover_name(dir, path, buf, len, err, errlen);
}

/* 1 when FILE exists as a regular file. */
static int
recover_is_file(const char *file)
{
	struct stat st;

	return stat(file, &st) == 0 && S_ISREG(st.st_mode);
}

int
recover_find(const char *path, char *buf, size_t len)
{
	char err[256], dir[4096];

	if (state_dir("recover", dir, sizeof(dir), err, sizeof(err)) == 0 &&
	    recover_name(dir, path, buf, len, err, sizeof(err)) == 0 &&
	    recover_is_file(buf))
		return 1;
	return recover_fallback_dir(dir, sizeof(dir), err, sizeof(err)) == 0 &&
	    recover_name(dir, path, buf, len, err, sizeof(err)) == 0 &&
	    recover_is_file(buf);
}
