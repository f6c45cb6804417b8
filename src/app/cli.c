/*
 * cli.c - settings flags and sheet loading shared by the front ends.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "io/defaults.h"
#include "io/npy.h"

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

	if (key < 0 && (key = sheetfile_hkey(name)) >= 0) {
		if (sheetfile_hsetting(set, key, value, err, sizeof(err)) == 0)
			return 0;
		cli_error("--%s", err);
		return -1;
	}
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

/* Checks that the input options fit the input PATH: --labels and
 * --classes go with NumPy arrays, --label-column and --text with a CSV.
 * -1 after a usage message. */
static int
cli_input_options(const char *path, const struct sheetfile_settings *cli)
{
	int numpy = path != NULL && npy_is_numpy(path);

	if (cli == NULL)
		return 0;
	if (!numpy && (cli->labels != NULL || cli->classes != NULL)) {
		cli_error("--%s goes with NumPy input (FILE.npy or FILE.npz)",
		    cli->labels != NULL ? "labels" : "classes");
		return -1;
	}
	if (numpy && (cli->label_column != NULL || cli->text != NULL)) {
		cli_error("--%s goes with a CSV file, not NumPy arrays",
		    cli->text != NULL ? "text" : "label-column");
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

	if (cli_input_options(path, cli) < 0) {
		*status = XENT_EXIT_USAGE;
		return NULL;
	}
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
	return cli_load_watched(path, cli, info, status, NULL, NULL);
}

/* Cells read between two calls of the watcher: a tenth of a second or
 * so, whatever the width. */
#define CLI_WATCH_CELLS (1L << 20)

/* Reads every row of ST into S, telling WATCH (may be NULL) as it goes.
 * Returns 0, -1 with ERR on a bad file, 1 when the watcher cancelled. */
static int
cli_read_watched(struct sheetfile_stream *st, struct sheet *s,
    cli_watch watch, void *arg, char *err, size_t errlen)
{
	long step = CLI_WATCH_CELLS / sheet_classes(s), n, rows;
	unsigned long long bytes;

	while ((n = sheetfile_read(st, s, step > 0 ? step : 1, err,
	    errlen)) > 0) {
		rows = sheetfile_rows_read(st, &bytes);
		if (watch != NULL && watch(arg, bytes, rows) != 0)
			return 1;
	}
	return n < 0 ? -1 : 0;
}

struct sheet *
cli_load_watched(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, int *status, cli_watch watch, void *arg)
{
	struct sheetfile_stream *st = cli_open(path, cli, info, status);
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

const char *
cli_hint_text(unsigned hint, int grid)
{
	if (hint & SHEET_LOOKS_PROBS)
		/* The grid's fits an 80-column status line. */
		return grid ? "Rows look like probabilities (in [0, 1], sum 1): "
		    "softmax twice? :set mode probs" :
		    "these outputs look like probabilities (each row is in "
		    "[0, 1] and sums to 1): was softmax applied twice? use "
		    "--mode probs";
	if (hint & SHEET_LOOKS_LOGPROBS)
		return grid ? "Rows look like log-probabilities (log-sum-exp "
		    "0): the same loss as the logits." :
		    "these outputs look like log-probabilities (every row's "
		    "log-sum-exp is 0): the loss is the same as from the "
		    "logits";
	return NULL;
}
