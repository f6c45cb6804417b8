/*
 * replay.c - runs a fuzz harness on kept inputs, without libFuzzer: every
 * file named, or every file in each folder named.  `make check` replays
 * the seeds and every input that ever crashed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/fuzz/fuzz.h"

/* Feeds file PATH to the harness; -1 when it cannot be read. */
static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0) {
		if (f != NULL)
			fclose(f);
		return -1;
	}
	rewind(f);
	if ((buf = malloc(n + 1)) == NULL || fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

/* Replays PATH, a file or a folder of files; returns the files run. */
static int
replay_path(const char *path)
{
	char sub[4096];
	struct dirent *d;
	struct stat st;
	int n = 0;
	DIR *dp;

	if (stat(path, &st) < 0)
		return 0;		/* no such folder: nothing kept yet */
	if (!S_ISDIR(st.st_mode))
		return replay_file(path) == 0;
	if ((dp = opendir(path)) == NULL)
		return 0;
	while ((d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, d->d_name);
		n += replay_path(sub);
	}
	closedir(dp);
	return n;
}

int
main(int argc, char **argv)
{
	int i, n = 0;

	for (i = 1; i < argc; i++)
		n += replay_path(argv[i]);
	printf("%s: %d inputs replayed\n", argv[0], n);
	return 0;
}
