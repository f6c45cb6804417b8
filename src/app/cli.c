/*
 * cli.c - settings flags and sheet loading shared by the front ends.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "io/defaults.h"

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("xent: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_setting(struct sheetfile_settings *set, const char *name,
    const char *value)
{
	char err[512];
	int key = sheetfile_key(name);

	if (key < 0) {
		cli_error("--%s: no such setting", name);
		return -1;
	}
	if (sheetfile_setting(set, key, value, err, sizeof(err)) < 0) {
		cli_error("--%s", err);
		return -1;
	}
	return 0;
}

struct sheet *
cli_load(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, int *status)
{
	struct sheetfile_settings merged;
	struct sheet *s;
	char err[1024];
	const char *name = path ? path : DEFAULTS_NAME;
	int rc;

	s = path ? sheetfile_load(path, info, err, sizeof(err)) :
	    sheetfile_load_mem(name, defaults_sheet, strlen(defaults_sheet),
	    info, err, sizeof(err));
	if (s == NULL) {
		cli_error("%s", err);
		*status = XENT_EXIT_INPUT;
		return NULL;
	}
	/* The command line wins; a clash it causes is a usage error, one that
	 * the file causes alone is the file's, with its line. */
	memset(&merged, 0, sizeof(merged));
	rc = sheetfile_settings_merge(&merged, &info->set);
	if (rc == 0)
		rc = sheetfile_settings_merge(&merged, cli);
	if (rc == 0 && sheetfile_apply(s, &merged, name, err, sizeof(err)) < 0) {
		cli_error("%s", err);
		*status = strncmp(err, name, strlen(name)) == 0 ?
		    XENT_EXIT_INPUT : XENT_EXIT_USAGE;
		rc = -1;
	}
	sheetfile_settings_free(&merged);
	if (rc < 0) {
		sheet_free(s);
		sheetfile_info_free(info);
		return NULL;
	}
	return s;
}
