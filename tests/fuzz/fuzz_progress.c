/*
 * fuzz_progress.c - a progress file of any content is read, refused or
 * replaced, never half-read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/progress.h"
#include "io/recover.h"
#include "tests/fuzz/fuzz.h"

static char root[] = "/tmp/xent-fuzz-XXXXXX";
static char dir[4096], path[4200];

/* Removes the state folder made for the runs. */
static void
cleanup(void)
{
	char sub[4200];

	unlink(path);
	rmdir(dir);
	snprintf(sub, sizeof(sub), "%s/xent", root);
	rmdir(sub);
	rmdir(root);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char passed[16];
	char err[4400];
	FILE *f;
	int i, n;

	if (dir[0] == '\0') {
		if (mkdtemp(root) == NULL)
			abort();
		setenv("XDG_STATE_HOME", root, 1);
		if (state_dir("progress", dir, sizeof(dir), err, sizeof(err)) < 0)
			abort();
		atexit(cleanup);
		snprintf(path, sizeof(path), "%s/f.txt", dir);
	}
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	n = progress_load("f", passed, 16, err, sizeof(err));
	/* Never half-read: refused means nothing passed. */
	for (i = 0; n < 0 && i < 16; i++)
		if (passed[i])
			abort();
	return 0;
}
