/*
 * eval.c - `xent eval`: compute a sheet file without a terminal.
 *
 * The file streams through a block of rows at a time (sheetfile_read into
 * a small sheet, written, freed), so memory does not grow with the row
 * count; the summary adds up each block's parts of the mean.  The table is
 * held in memory until EVAL_HOLD bytes of it have built up, so that a bad
 * file of ordinary size still writes nothing but its message; past that,
 * a bad row ends the table where it is.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "app/eval.h"
#include "io/sheetrun.h"

static const char eval_usage[] =
    "usage: xent eval [--mode logits|probs] [--base e|2|10] [--temperature T]\n"
    "                 [--label-smoothing E] [--weights W1,...,WK] [--confident P]\n"
    "                 [--format csv|tsv|md] [--summary] FILE|-\n"
    "\n"
    "Reads FILE (- for standard input) a block of rows at a time, so any\n"
    "size fits in a few megabytes.  The table is held back until 4 MB of it\n"
    "have built up or the input ends: a bad file smaller than that writes\n"
    "nothing to standard output.  Past that, a bad row ends the table where\n"
    "it is, with the error on standard error and exit status 1.\n";

/* Bytes of table held back before any is written. */
#define EVAL_HOLD	(4u << 20)

enum { OPT_FORMAT = 256, OPT_SUMMARY, OPT_HELP, OPT_SETTING };

static const struct option eval_opts[] = {
	{ "mode", required_argument, NULL, OPT_SETTING },
	{ "base", required_argument, NULL, OPT_SETTING },
	{ "temperature", required_argument, NULL, OPT_SETTING },
	{ "label-smoothing", required_argument, NULL, OPT_SETTING },
	{ "weights", required_argument, NULL, OPT_SETTING },
	{ "confident", required_argument, NULL, OPT_SETTING },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 }
};

/* What the command line asked for. */
struct eval_args {
	struct sheetfile_settings set;	/* settings flags */
	enum sheetfile_format	  fmt;
	int			  summary;
	const char		 *path;
};

/* Parses --format's value. */
static int
eval_format(const char *v, enum sheetfile_format *fmt)
{
	if (strcmp(v, "csv") == 0)
		*fmt = SF_CSV;
	else if (strcmp(v, "tsv") == 0)
		*fmt = SF_TSV;
	else if (strcmp(v, "md") == 0)
		*fmt = SF_MD;
	else {
		cli_error("--format: unknown format '%s' (csv, tsv or md)", v);
		return -1;
	}
	return 0;
}

/* Fills A from ARGV; returns -1 for a usage error, 1 after --help. */
static int
eval_parse(int argc, char **argv, struct eval_args *a)
{
	int c, idx = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", eval_opts, &idx)) != -1) {
		if (c == OPT_SETTING) {
			if (cli_setting(&a->set, eval_opts[idx].name, optarg) < 0)
				return -1;
		} else if (c == OPT_FORMAT) {
			if (eval_format(optarg, &a->fmt) < 0)
				return -1;
		} else if (c == OPT_SUMMARY)
			a->summary = 1;
		else if (c == OPT_HELP || c == 'h')
			return 1;
		else {
			cli_error("eval: unknown or incomplete option '%s' "
			    "(xent eval --help lists them)", argv[optind - 1]);
			return -1;
		}
	}
	if (optind != argc - 1) {
		cli_error("eval: give exactly one FILE, or - for standard input "
		    "(xent eval --help)");
		return -1;
	}
	a->path = argv[optind];
	return 0;
}

/* The table's destination: held in memory while HELD, then stdout. */
struct eval_out {
	FILE	*f;		/* the memory stream, then stdout */
	char	*buf;		/* what is held */
	size_t	 len;
	int	 held;
};

/* Starts holding the output; -1 when out of memory. */
static int
eval_out_open(struct eval_out *o)
{
	o->buf = NULL;
	o->len = 0;
	o->held = 1;
	o->f = open_memstream(&o->buf, &o->len);
	return o->f != NULL ? 0 : -1;
}

/* Writes what is held to stdout and stops holding, once EVAL_HOLD bytes
 * have built up, or at once with FORCE.  -1 on a write error. */
static int
eval_out_spill(struct eval_out *o, int force)
{
	int rc = 0;

	if (!o->held)
		return 0;
	if (fflush(o->f) != 0)
		rc = -1;
	if (rc == 0 && !force && o->len < EVAL_HOLD)
		return 0;
	if (rc == 0 && fwrite(o->buf, 1, o->len, stdout) != o->len)
		rc = -1;
	fclose(o->f);
	free(o->buf);
	o->f = stdout;
	o->held = 0;
	return rc;
}

/* Drops what is held (after an error) and stops holding. */
static void
eval_out_drop(struct eval_out *o)
{
	if (o->held) {
		fclose(o->f);
		free(o->buf);
		o->f = stdout;
		o->held = 0;
	}
}

/* One run of the table or summary over the blocks of a file. */
struct eval_run {
	const struct eval_args		*a;
	const struct sheetfile_info	*info;
	struct eval_out			 out;
	struct sheetfile_totals		 t;
	char				*buf[2];	/* a thread's block, */
	size_t				 len[2], cap[2];	/* formatted */
	int				 werr;		/* a write failed */
};

/* Formats BLOCK's rows of the table into THREAD's buffer (in parallel). */
static int
eval_work(void *arg, int thread, struct sheet *block)
{
	struct eval_run *E = arg;

	if (E->a->summary)
		return 0;
	E->len[thread] = 0;
	if (sheetfile_format_rows(&E->buf[thread], &E->len[thread],
	    &E->cap[thread], block, E->info, E->a->fmt) < 0)
		E->werr = 1;
	return 0;
}

/* Takes BLOCK in file order: adds it to the summary, or writes the
 * table's rows THREAD formatted.  A bad row's block: the rows before it
 * are written if the table is already going out, else nothing is. */
static int
eval_each(void *arg, int thread, struct sheet *block,
    const struct sheetrun_block *bi)
{
	struct eval_run *E = arg;
	int bad = bi->bad;

	if (E->a->summary) {
		sheetfile_totals_add(&E->t, block);
		return 0;
	}
	if (bad && E->out.held) {
		eval_out_drop(&E->out);
		return 0;
	}
	if (E->len[thread] > 0 && fwrite(E->buf[thread], 1, E->len[thread],
	    E->out.f) != E->len[thread])
		E->werr = 1;
	if (bad)
		fflush(stdout);
	else if (eval_out_spill(&E->out, 0) < 0)
		E->werr = 1;
	return 0;
}

/* Frees the per-thread buffers of the table. */
static void
eval_run_close(struct eval_run *E)
{
	free(E->buf[0]);
	free(E->buf[1]);
}

/* Streams ST to stdout: the table or the summary.  Returns the status. */
static int
eval_stream(const struct eval_args *a, struct sheetfile_stream *st,
    const struct sheetfile_info *info)
{
	static const struct sheetrun_fns fns = { eval_work, eval_each };
	struct eval_run E;
	struct sheet *s = sheetfile_block(st);
	char err[1024];
	int rc;

	memset(&E, 0, sizeof(E));
	E.a = a;
	E.info = info;
	if (s == NULL || eval_out_open(&E.out) < 0) {
		sheet_free(s);
		eval_run_close(&E);
		cli_error("eval: out of memory");
		return XENT_EXIT_INPUT;
	}
	rc = a->summary ? 0 : sheetfile_write_head(E.out.f, s, info, a->fmt);
	if (rc == 0)
		rc = sheetrun(st, sheetrun_threads(),
		    sheetfile_block_rows(sheet_classes(s)), &fns, &E, err,
		    sizeof(err));
	sheet_free(s);
	eval_run_close(&E);
	if (rc == -1 && !E.werr) {
		eval_out_drop(&E.out);
		cli_read_error(st, err, &rc);
		return rc;
	}
	if (rc == 0 && !E.werr)
		rc = a->summary ? sheetfile_write_totals(E.out.f, &E.t) : 0;
	if (eval_out_spill(&E.out, 1) < 0 || fflush(stdout) != 0 || rc != 0 ||
	    E.werr) {
		cli_error("eval: cannot write the output");
		return XENT_EXIT_INPUT;
	}
	return XENT_EXIT_OK;
}

int
eval_main(int argc, char **argv)
{
	struct sheetfile_stream *st;
	struct sheetfile_info info;
	struct eval_args a;
	int rc, status = XENT_EXIT_OK;

	memset(&a, 0, sizeof(a));
	if ((rc = eval_parse(argc, argv, &a)) != 0) {
		sheetfile_settings_free(&a.set);
		if (rc > 0)
			fputs(eval_usage, stdout);
		return rc > 0 ? XENT_EXIT_OK : XENT_EXIT_USAGE;
	}
	st = cli_open(a.path, &a.set, &info, &status);
	sheetfile_settings_free(&a.set);
	if (st == NULL)
		return status;
	status = eval_stream(&a, st, &info);
	sheetfile_close(st);
	sheetfile_info_free(&info);
	return status;
}
