/*
 * cli.c - settings flags and sheet loading shared by the front ends.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "core/plot.h"
#include "io/defaults.h"
#include "io/npy.h"
#include "io/svg.h"
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
	return cli_open_as(path, cli, info, status, 0);
}

struct sheetfile_stream *
cli_open_as(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, int *status, int grid)
{
	struct sheetfile_stream *st;
	char err[1024];

	if (cli_input_options(path, cli) < 0) {
		*status = XENT_EXIT_USAGE;
		return NULL;
	}
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

/* ------------------------------------------------------------------ */
/* xent plot                                                          */
/* ------------------------------------------------------------------ */

static const char cli_plot_usage[] =
    "usage: xent plot curve|bars|hist|reliability [--row R] [options] FILE "
    "--svg OUT.svg\n"
    "Writes the picture the grid's :plot shows as an SVG 1.1 file, for\n"
    "slides and notes: about row R (from 1; default 1) of FILE.\n"
    "Options: --mode --base --temperature --label-smoothing --weights\n"
    "--confident, as for the grid.\n";

static const struct option cli_plot_opts[] = {
	{ "row", required_argument, NULL, 'r' },
	{ "svg", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	CLI_NUMBER_OPTIONS('s'),
	{ NULL, 0, NULL, 0 }
};

/* What `xent plot` was asked for. */
struct cli_plot_args {
	struct sheetfile_settings set;
	long		 row;		/* 1-based */
	const char	*svg;
	const char	*path;
	int		 kind;
};

/* Parses ARGV into A; 0, 1 after --help, or -1 after a usage message. */
static int
cli_plot_parse(int argc, char **argv, struct cli_plot_args *a)
{
	char *end;
	int ch, idx = 0;

	opterr = 0;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", cli_plot_opts, &idx)) != -1) {
		if (ch == 's' && cli_setting(&a->set, cli_plot_opts[idx].name,
		    optarg) < 0)
			return -1;
		else if (ch == 'r' && ((a->row = strtol(optarg, &end, 10)) < 1 ||
		    *end != '\0')) {
			cli_error("plot: --row takes a row number from 1, not '%s'",
			    optarg);
			return -1;
		} else if (ch == 'o')
			a->svg = optarg;
		else if (ch == 'h') {
			fputs(cli_plot_usage, stdout);
			return 1;
		} else if (ch == '?' || ch == ':') {
			cli_error("plot: unknown or incomplete option '%s'",
			    argv[optind - 1]);
			return -1;
		}
	}
	if (optind + 2 != argc || (a->kind = plot_kind_index(argv[optind])) <= 0
	    || a->svg == NULL) {
		fputs(cli_plot_usage, stderr);
		return -1;
	}
	a->path = argv[optind + 1];
	return 0;
}

int
cli_plot_main(int argc, char **argv)
{
	struct cli_plot_args a = { .row = 1 };
	struct sheetfile_info info;
	struct sheet *s;
	char err[1024];
	int rc, status = XENT_EXIT_OK;

	memset(&a.set, 0, sizeof(a.set));
	if ((rc = cli_plot_parse(argc, argv, &a)) != 0) {
		sheetfile_settings_free(&a.set);
		return rc > 0 ? XENT_EXIT_OK : XENT_EXIT_USAGE;
	}
	s = cli_load(a.path, &a.set, &info,
	    &status);
	sheetfile_settings_free(&a.set);
	if (s == NULL)
		return status;
	sheetfile_info_free(&info);
	if (a.row > sheet_rows(s)) {
		cli_error("plot: no row %ld: %s has rows 1 to %ld", a.row, a.path,
		    sheet_rows(s));
		status = XENT_EXIT_USAGE;
	} else if (svg_save(a.svg, s, (enum plot_kind)a.kind, a.row - 1, NULL,
	    err, sizeof(err)) < 0) {
		cli_error("plot: %s", err);
		status = XENT_EXIT_INPUT;
	}
	sheet_free(s);
	return status;
}
