/*
 * fuzz_recover.c - recovery files.  The input's first line names a sheet,
 * the rest is its recovery file.  The name must map to one flat file in
 * the recovery folder, found again by recover_find; restoring the file
 * either fails and leaves the sheet alone, or replaces it in one undo
 * step that u takes back to the sheet as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/ctl.h"
#include "io/recover.h"
#include "io/sheetfile.h"
#include "tests/fuzz/fuzz.h"

static char root[] = "/tmp/xent-fuzz-rec-XXXXXX";
static char dir[4096];

/* Removes the state folder made for the runs. */
static void
cleanup(void)
{
	char sub[4200];

	rmdir(dir);
	snprintf(sub, sizeof(sub), "%s/xent", root);
	rmdir(sub);
	rmdir(root);
}

/* Sheet S as a sheet file, malloc'd, to compare two sheets by. */
static char *
text_of(const struct ctl *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL || sheetfile_write(f, c->s, c->step) < 0)
		abort();
	fclose(f);
	return buf;
}

/* Makes the state folder, once. */
static void
setup(void)
{
	char err[4400];

	if (dir[0] != '\0')
		return;
	if (mkdtemp(root) == NULL)
		abort();
	setenv("XDG_STATE_HOME", root, 1);
	if (state_dir("recover", dir, sizeof(dir), err, sizeof(err)) < 0)
		abort();
	atexit(cleanup);
}

/* Checks the name of NAME's recovery file; returns it (static). */
static const char *
rec_name(const char *name)
{
	static char path[8192];
	char found[8192], err[4400];
	size_t n = strlen(dir);
	FILE *f;

	if (recover_path(name, path, sizeof(path), err, sizeof(err)) < 0)
		return NULL;
	if (strncmp(path, dir, n) != 0 || path[n] != '/' ||
	    strchr(path + n + 1, '/') != NULL)
		abort();
	if (recover_find(name, found, sizeof(found)))
		abort();		/* nothing was left behind */
	if ((f = fopen(path, "wb")) == NULL)
		return NULL;
	fclose(f);
	if (!recover_find(name, found, sizeof(found)) ||
	    strcmp(found, path) != 0)
		abort();
	return path;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_string(data, size), *nl = strchr(in, '\n');
	char *rest = nl != NULL ? nl + 1 : in + strlen(in), *before, *after;
	const char *path;
	struct ctl *c;
	FILE *f;

	setup();
	if (nl != NULL)
		*nl = '\0';
	if ((path = rec_name(in)) == NULL) {
		free(in);
		return 0;
	}
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	fwrite(rest, 1, nl != NULL ? size - (size_t)(rest - in) : 0, f);
	fclose(f);
	c = fuzz_ctl();
	before = text_of(c);
	ctl_offer_recovery(c, path);
	ctl_key(c, 'y');
	after = text_of(c);
	if (strcmp(before, after) != 0 || c->dirty) {
		/* Restored: the file is used up, and u brings back the sheet. */
		if (access(path, F_OK) == 0)
			abort();
		ctl_key(c, 'u');
		free(after);
		after = text_of(c);
		if (strcmp(before, after) != 0)
			abort();
	}
	unlink(path);
	free(before);
	free(after);
	ctl_free(c);
	free(in);
	return 0;
}
