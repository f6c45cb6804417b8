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

int
recover_path(const char *path, char *buf, size_t len, char *err,
    size_t errlen)
{
	char dir[4096], abs[8192], name[8192];
	size_t i, o = 0;

	if (state_dir("recover", dir, sizeof(dir), err, errlen) < 0)
		return -1;
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
recover_find(const char *path, char *buf, size_t len)
{
	char err[256];
	struct stat st;

	if (recover_path(path, buf, len, err, sizeof(err)) < 0)
		return 0;
	return stat(buf, &st) == 0 && S_ISREG(st.st_mode);
}
