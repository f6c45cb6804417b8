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

struct sheetfile_stream *
cli_open(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, int *status)
{
	struct sheetfile_stream *st;
	char err[1024];

	st = path ? sheetfile_open(path, cli, info, err, sizeof(err)) :
	    sheetfile_open_mem(DEFAULTS_NAME, defaults_sheet,
	    strlen(defaults_sheet), cli, info, err, sizeof(err));
	if (st == NULL) {
		cli_error("%s", err);
		*status = XENT_EXIT_INPUT;
	}
	return st;
}

void
cli_read_error(const struct sheetfile_stream *st, const char *err,
    int *status)
{
	cli_error("%s", err);
	*status = sheetfile_usage_error(st) ? XENT_EXIT_USAGE : XENT_EXIT_INPUT;
}

struct sheet *
cli_load(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, int *status)
{
	struct sheetfile_stream *st = cli_open(path, cli, info, status);
	struct sheet *s;
	char err[1024];

	if (st == NULL)
		return NULL;
	if ((s = sheetfile_read_all(st, err, sizeof(err))) == NULL) {
		cli_read_error(st, err, status);
		sheetfile_info_free(info);
	}
	sheetfile_close(st);
	return s;
}
