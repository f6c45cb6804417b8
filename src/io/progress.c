/*
 * progress.c - lesson progress files: "passed 1 2 5" in
 * STATE/progress/SLUG.txt, and the last lesson in STATE/last-lesson; see
 * progress.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/num.h"
#include "io/progress.h"
#include "io/rfile.h"
#include "io/recover.h"

/* A progress file is one short line; anything longer is not one. */
#define PROGRESS_MAXLEN	65536

/* Where the last lesson was kept before: a name a slug could take. */
#define PROGRESS_OLD_LAST	"last"

/* The path of file NAME in state subfolder SUB ("" for the state folder
 * itself) into BUF; -1 with the reason in ERR. */
static int
progress_file(const char *sub, const char *name, char *buf, size_t len,
    char *err, size_t errlen)
{
	char dir[4096];
	size_t n;

	if (strchr(name, '/') != NULL) {
		snprintf(err, errlen, "%s: not a lesson name", name);
		return -1;
	}
	if (state_dir(sub, dir, sizeof(dir), err, errlen) < 0)
		return -1;
	n = strlen(dir);
	if (n > 0 && dir[n - 1] == '/')
		dir[n - 1] = '\0';
	if ((size_t)snprintf(buf, len, "%s/%s", dir, name) >= len) {
		snprintf(err, errlen, "%s/%s: name too long", dir, name);
		return -1;
	}
	return 0;
}

/* The path of lesson SLUG's file with suffix EXT (".txt": its progress,
 * ".guesses": its predictions) into BUF; -1 as above. */
static int
progress_slug_file(const char *slug, const char *ext, char *buf, size_t len,
    char *err, size_t errlen)
{
	char name[1024];

	if ((size_t)snprintf(name, sizeof(name), "%s%s", slug, ext) >=
	    sizeof(name)) {
		snprintf(err, errlen, "%.40s...: lesson name too long", slug);
		return -1;
	}
	return progress_file("progress", name, buf, len, err, errlen);
}

/* Reads file PATH whole into a malloc'd string in *TEXT: 1 when read, 0
 * when there is no such file, -1 with "PATH: why" in ERR (a NUL byte
 * inside, which would hide what follows it, counts as unreadable). */
static int
progress_read(const char *path, char **text, char *err, size_t errlen)
{
	FILE *f = rfile_open(path);
	size_t n;

	*text = NULL;
	if (f == NULL) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, rfile_error(errno));
		return -1;
	}
	if ((*text = malloc(PROGRESS_MAXLEN + 1)) == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	n = fread(*text, 1, PROGRESS_MAXLEN + 1, f);
	(*text)[n > PROGRESS_MAXLEN ? PROGRESS_MAXLEN : n] = '\0';
	if (ferror(f) || n > PROGRESS_MAXLEN || strlen(*text) != n) {
		snprintf(err, errlen, "%s: %s", path, ferror(f) ?
		    "cannot be read" : n > PROGRESS_MAXLEN ?
		    "too long for a progress file" : "not a text file");
		fclose(f);
		free(*text);
		*text = NULL;
		return -1;
	}
	fclose(f);
	return 1;
}

/* The line of TEXT that P points into, counted from 1. */
static int
progress_line(const char *text, const char *p)
{
	int line = 1;

	for (; text < p; text++)
		line += *text == '\n';
	return line;
}

/* 1 when P starts a number: a digit, or a sign and a digit. */
static int
progress_number(const char *p)
{
	if (*p == '-' || *p == '+')
		p++;
	return isdigit((unsigned char)*p);
}

/* Parses TEXT, "passed" and step numbers, into PASSED[0..N); the count,
 * or -1 with "LINE: what is wrong" in ERR. */
static int
progress_parse(const char *text, unsigned char *passed, int n, char *err,
    size_t errlen)
{
	const char *p = text;
	char *end;
	long step;
	int count = 0;

	if (strncmp(p, "passed", 6) != 0 ||
	    (p[6] != '\0' && !isspace((unsigned char)p[6]))) {
		snprintf(err, errlen, "1: not a progress file");
		return -1;
	}
	for (p += 6; ; p = end) {
		p += strspn(p, " \t");
		if (!progress_number(p))
			break;
		errno = 0;
		step = strtol(p, &end, 10);
		if (errno != 0 || step < 1 || step > n) {
			snprintf(err, errlen, "1: step %.*s is not one of the "
			    "lesson's %d", (int)(end - p < 20 ? end - p : 20), p,
			    n);
			return -1;
		}
		count += !passed[step - 1];
		passed[step - 1] = 1;
	}
	p += strspn(p, " \t\r\n");
	if (*p != '\0') {
		snprintf(err, errlen, "%d: not a progress file (more than "
		    "step numbers)", progress_line(text, p));
		return -1;
	}
	return count;
}

int
progress_load(const char *slug, unsigned char *passed, int n, char *err,
    size_t errlen)
{
	char path[4200], why[256], *text;
	int rc;

	memset(passed, 0, n);
	if (progress_slug_file(slug, ".txt", path, sizeof(path), err, errlen) < 0)
		return 0;
	if ((rc = progress_read(path, &text, err, errlen)) <= 0)
		return rc;
	rc = progress_parse(text, passed, n, why, sizeof(why));
	free(text);
	if (rc < 0) {
		memset(passed, 0, n);
		snprintf(err, errlen, "%s:%s", path, why);
	}
	return rc;
}

/* Writes TEXT to PATH through a temporary file and a rename, so that a
 * crash leaves the old file or the new, never half of one. */
static int
progress_write(const char *path, const char *text)
{
	char tmp[4300];
	FILE *f;
	int rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL)
		return -1;
	fputs(text, f);
	rc = fclose(f) == 0 ? rename(tmp, path) : -1;
	if (rc < 0)
		unlink(tmp);
	return rc;
}

int
progress_save(const char *slug, const unsigned char *passed, int n)
{
	char path[4200], err[256], *text;
	size_t len = 8 + (size_t)n * 12, o;
	int i, rc;

	if (progress_slug_file(slug, ".txt", path, sizeof(path), err, sizeof(err)) < 0 ||
	    (text = malloc(len)) == NULL)
		return -1;
	o = (size_t)snprintf(text, len, "passed");
	for (i = 0; i < n; i++)
		if (passed[i])
			o += (size_t)snprintf(text + o, len - o, " %d", i + 1);
	snprintf(text + o, len - o, "\n");
	rc = progress_write(path, text);
	free(text);
	return rc;
}

int
progress_guess(const char *slug, int step, double guess, double truth)
{
	char path[4200], err[256], g[NUM_BUFSZ], v[NUM_BUFSZ];
	FILE *f;
	int rc;

	if (progress_slug_file(slug, ".guesses", path, sizeof(path), err,
	    sizeof(err)) < 0 || (f = fopen(path, "a")) == NULL)
		return -1;
	/* The numbers in the C locale, whatever the grid's locale says. */
	rc = fprintf(f, "step %d guess %s true %s\n", step + 1,
	    num_format(g, sizeof(g), guess), num_format(v, sizeof(v),
	    truth)) < 0;
	return fclose(f) != 0 || rc ? -1 : 0;
}

int
progress_reset(const char *slug, char *err, size_t errlen)
{
	char path[4200];

	if (progress_slug_file(slug, ".guesses", path, sizeof(path), err, errlen) == 0)
		unlink(path);
	if (progress_slug_file(slug, ".txt", path, sizeof(path), err, errlen) < 0)
		return -1;
	if (unlink(path) == 0 || errno == ENOENT)
		return 0;
	snprintf(err, errlen, "%s: cannot be removed: %s", path,
	    strerror(errno));
	return -1;
}

/* The old record of the last lesson, progress/last.txt, into BUF when
 * it is one (a progress file of a lesson named "last" is not); 0 if
 * not. */
static int
progress_old_last(char *buf, size_t len)
{
	char path[4200], err[256], *text;
	int ok;

	if (progress_slug_file(PROGRESS_OLD_LAST, ".txt", path, sizeof(path), err,
	    sizeof(err)) < 0 || progress_read(path, &text, err,
	    sizeof(err)) <= 0)
		return 0;
	ok = strncmp(text, "passed", 6) != 0 && strlen(text) < len;
	if (ok) {
		strcpy(buf, text);
		buf[strcspn(buf, "\r\n")] = '\0';
	}
	free(text);
	return ok && *buf != '\0';
}

void
progress_set_last(const char *slug)
{
	char path[4200], err[256], line[1100], old[1100];

	if (progress_file("", "last-lesson", path, sizeof(path), err,
	    sizeof(err)) < 0 || (size_t)snprintf(line, sizeof(line), "%s\n",
	    slug) >= sizeof(line) || progress_write(path, line) < 0)
		return;
	/* The old record is replaced: drop it, but never a lesson's file. */
	if (progress_old_last(old, sizeof(old)) &&
	    progress_slug_file(PROGRESS_OLD_LAST, ".txt", path, sizeof(path), err,
	    sizeof(err)) == 0)
		unlink(path);
}

int
progress_last(char *buf, size_t len)
{
	char path[4200], err[256], *text;
	int rc;

	if (len == 0 || progress_file("", "last-lesson", path, sizeof(path),
	    err, sizeof(err)) < 0)
		return 0;
	if ((rc = progress_read(path, &text, err, sizeof(err))) == 0)
		return progress_old_last(buf, len);
	if (rc < 0)
		return 0;
	snprintf(buf, len, "%s", text);
	buf[strcspn(buf, "\r\n")] = '\0';
	free(text);
	return *buf != '\0';
}
