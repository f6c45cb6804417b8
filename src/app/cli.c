/*
 * cli.c - settings flags and sheet loading shared by the front ends.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "io/defaults.h"
#include "io/sheetrun.h"

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
	return cli_open_as(path, cli, info, status, 0);
}

struct sheetfile_stream *
cli_open_as(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, int *status, int grid)
{
	struct sheetfile_stream *st;
	char err[1024];

	st = path && grid ? sheetfile_open_capped(path, cli, info, err,
	    sizeof(err)) :
	    path ? sheetfile_open(path, cli, info, err, sizeof(err)) :
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
	return cli_load_watched(path, cli, info, status, NULL, NULL);
}

/* Cells read between two calls of the watcher: a tenth of a second or
 * so, whatever the width. */
#define CLI_WATCH_CELLS (1L << 20)

/* A grid load: the blocks, computed on two threads, gathered into one
 * sheet in file order. */
struct cli_gather {
	struct sheet	*s;
	cli_watch	 watch;
	void		*arg;
	long		 step;		/* rows between two calls of watch */
	long		 next;		/* when to call it next */
	unsigned long long bytes;	/* input read so far */
	long		 told;		/* rows told to watch so far */
};

/* Appends BLOCK and tells the watcher every step or so; 1 when it
 * cancels, 2 when out of memory. */
static int
cli_gather(void *arg, int thread, struct sheet *block,
    const struct sheetrun_block *bi)
{
	struct cli_gather *G = arg;

	(void)thread;
	if (sheet_append_sheet(G->s, block) < 0)
		return 2;
	G->bytes = bi->bytes;
	if (G->watch == NULL || sheet_rows(G->s) < G->next)
		return 0;
	G->next = sheet_rows(G->s) + G->step;
	G->told = sheet_rows(G->s);
	return G->watch(G->arg, G->bytes, G->told) != 0;
}

/* Reads every row of ST into S, telling WATCH (may be NULL) as it goes.
 * Returns 0, -1 with ERR on a bad file, 1 when the watcher cancelled. */
static int
cli_read_watched(struct sheetfile_stream *st, struct sheet *s,
    cli_watch watch, void *arg, char *err, size_t errlen)
{
	static const struct sheetrun_fns fns = { NULL, cli_gather };
	struct cli_gather G;
	int rc;

	memset(&G, 0, sizeof(G));
	G.s = s;
	G.watch = watch;
	G.arg = arg;
	G.step = CLI_WATCH_CELLS / sheet_classes(s);
	G.step = G.next = G.step > 0 ? G.step : 1;
	rc = sheetrun(st, sheetrun_threads(),
	    sheetfile_block_rows(sheet_classes(s)), &fns, &G, err, errlen);
	if (rc == 2) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* The last rows are told too, as the load ends. */
	if (rc == 0 && watch != NULL && G.told != sheet_rows(s) &&
	    watch(arg, G.bytes, sheet_rows(s)) != 0)
		return 1;
	return rc;
}

struct sheet *
cli_load_watched(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, int *status, cli_watch watch, void *arg)
{
	struct sheetfile_stream *st = cli_open_as(path, cli, info, status, 1);
	struct sheet *s;
	char err[1024];
	int rc;

	if (st == NULL)
		return NULL;
	if ((s = sheetfile_block(st)) == NULL) {
		cli_error("%s: out of memory", path ? path : "sheet");
		*status = XENT_EXIT_INPUT;
	} else if ((rc = cli_read_watched(st, s, watch, arg, err,
	    sizeof(err))) != 0) {
		if (rc < 0)
			cli_read_error(st, err, status);
		else
			*status = XENT_EXIT_CANCEL;
		sheet_free(s);
		s = NULL;
	}
	if (s == NULL)
		sheetfile_info_free(info);
	sheetfile_close(st);
	return s;
}
