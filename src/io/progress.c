/*
 * progress.c - lesson progress files: "passed 1 2 5" under
 * STATE/progress/SLUG.txt, the last lesson in STATE/progress/last.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/progress.h"
#include "io/recover.h"

/* The path of progress file NAME (a slug, or "last") into BUF. */
static int
progress_path(const char *name, char *buf, size_t len)
{
	char dir[4096], err[256];

	if (strchr(name, '/') != NULL || state_dir("progress", dir,
	    sizeof(dir), err, sizeof(err)) < 0)
		return -1;
	return (size_t)snprintf(buf, len, "%s/%s.txt", dir, name) < len ?
	    0 : -1;
}

int
progress_load(const char *slug, unsigned char *passed, int n)
{
	char path[4200];
	FILE *f;
	int step, count = 0;

	memset(passed, 0, n);
	if (progress_path(slug, path, sizeof(path)) < 0 ||
	    (f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "passed") == 0)
		while (fscanf(f, "%d", &step) == 1)
			if (step >= 1 && step <= n && !passed[step - 1]) {
				passed[step - 1] = 1;
				count++;
			}
	fclose(f);
	return count;
}

int
progress_save(const char *slug, const unsigned char *passed, int n)
{
	char path[4200], tmp[4300];
	FILE *f;
	int i, rc;

	if (progress_path(slug, path, sizeof(path)) < 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL)
		return -1;
	fputs("passed", f);
	for (i = 0; i < n; i++)
		if (passed[i])
			fprintf(f, " %d", i + 1);
	fputc('\n', f);
	rc = fclose(f) == 0 ? rename(tmp, path) : -1;
	if (rc < 0)
		unlink(tmp);
	return rc;
}

int
progress_reset(const char *slug)
{
	char path[4200];

	if (progress_path(slug, path, sizeof(path)) < 0)
		return -1;
	return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

void
progress_set_last(const char *slug)
{
	char path[4200];
	FILE *f;

	if (progress_path("last", path, sizeof(path)) < 0 ||
	    (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%s\n", slug);
	fclose(f);
}

int
progress_last(char *buf, size_t len)
{
	char path[4200];
	FILE *f;
	int ok;

	if (progress_path("last", path, sizeof(path)) < 0 ||
	    (f = fopen(path, "r")) == NULL)
		return 0;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok && *buf != '\0';
}
