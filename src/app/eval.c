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
#include "app/eval_int.h"
#include "app/evalrows.h"
#include "io/sheetrun.h"

static const char eval_usage[] =
    "usage: xent eval [--mode logits|probs] [--base e|2|10] [--temperature T]\n"
    "                 [--label-smoothing E] [--weights W1,...,WK] [--confident P]\n"
    "                 [--format csv|tsv|md|json] [--summary] FILE|-\n"
    "       xent eval [--sort KEY] [--top N] [--filter EXPR] FILE|-\n"
    "       xent eval --report [--bins N] [--filter EXPR] [--format md|json] FILE|-\n"
    "       xent eval [options] LOGITS.npy [--labels LABELS.npy]\n"
    "                 [--classes a,b,c|FILE]\n"
    "       xent eval [options] VAL.npz     (arrays logits or probs, labels)\n"
    "\n"
    "--sort KEY [asc|desc]: loss (largest first), p (the target's\n"
    "probability, smallest first), margin (p minus the largest other p,\n"
    "smallest first), conf (the top probability, largest first), label,\n"
    "pred, id, a[CLASS] (largest first) or row.  --top N: the first N rows\n"
    "of that order (default loss).  --filter EXPR keeps the rows where EXPR\n"
    "holds: loss > 2, confident_wrong, label == dog and pred == cat.\n"
    "--report: accuracy, mean loss, calibration (ECE, MCE, NLL, Brier over\n"
    "--bins N confidence bins, default 15), the fitted temperature with the\n"
    "NLL and ECE after it, per-class figures, the most confused pairs and\n"
    "the count of likely label errors.  --format json: one object a row\n"
    "(JSON Lines), or one object for --report.\n"
    "\n"
    "A CSV's label column is label, target, labels or y, or the one named\n"
    "by --label-column NAME; --text COL,... keeps other columns as text,\n"
    "echoed after the id.\n"
    "\n"
    "Reads FILE (- for standard input) a block of rows at a time, so any\n"
    "size fits in a few megabytes.  The table is held back until 4 MB of it\n"
    "have built up or the input ends: a bad file smaller than that writes\n"
    "nothing to standard output.  Past that, a bad row ends the table where\n"
    "it is, with the error on standard error and exit status 1.\n"
    "\n"
    "Numbers are written so that they read back to the same double, in csv\n"
    "and tsv; tsv turns a tab inside a name into a space, and md rounds to 5\n"
    "significant digits, for reading.\n";

enum { OPT_FORMAT = 256, OPT_SUMMARY, OPT_HELP, OPT_SETTING, OPT_ROWS };

static const struct option eval_opts[] = {
	CLI_NUMBER_OPTIONS(OPT_SETTING),
	CLI_COLUMN_OPTIONS(OPT_SETTING),
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "sort", required_argument, NULL, OPT_ROWS },
	{ "top", required_argument, NULL, OPT_ROWS },
	{ "filter", required_argument, NULL, OPT_ROWS },
	{ "report", no_argument, NULL, OPT_ROWS },
	{ "bins", required_argument, NULL, OPT_ROWS },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 }
};

/* What the command line asked for. */
struct eval_args {
	struct sheetfile_settings set;	/* settings flags */
	enum sheetfile_format	  fmt;
	int			  summary;
	const char		 *path;
	struct evalrows_args	  rows;		/* --sort --top --filter ... */
};

/* Parses --format's value; json is evalrows' own. */
static int
eval_format(const char *v, enum sheetfile_format *fmt, int *json)
{
	*json = strcmp(v, "json") == 0;
	if (*json)
		*fmt = SF_CSV;
	else if (strcmp(v, "csv") == 0)
		*fmt = SF_CSV;
	else if (strcmp(v, "tsv") == 0)
		*fmt = SF_TSV;
	else if (strcmp(v, "md") == 0)
		*fmt = SF_MD;
	else {
		cli_error("--format: unknown format '%s' (csv, tsv, md or json)",
		    v);
		return -1;
	}
	return 0;
}

/* A whole number from 1 to MAX for --top or --bins, or -1 after the
 * message. */
static long
eval_count(const char *name, const char *v, long max)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v < '0' || *v > '9' || *end != '\0' || n < 1 || n > max) {
		cli_error("--%s: expected a whole number from 1 to %ld, not "
		    "'%s'", name, max, v);
		return -1;
	}
	return n;
}

/* Records one of evalrows' flags, NAME with value V, in R. */
static int
eval_rows_opt(struct evalrows_args *r, const char *name, const char *v)
{
	if (strcmp(name, "sort") == 0)
		r->sort = v;
	else if (strcmp(name, "filter") == 0)
		r->filter = v;
	else if (strcmp(name, "report") == 0)
		r->report = 1;
	else if (strcmp(name, "top") == 0)
		return (r->top = eval_count(name, v, 100000000L)) < 0 ? -1 : 0;
	else
		return (r->bins = (int)eval_count(name, v, 10000)) < 0 ? -1 : 0;
	return 0;
}

/* Fills A from ARGV; returns -1 for a usage error, 1 after --help. */
static int
eval_parse(int argc, char **argv, struct eval_args *a)
{
	int c, idx = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", eval_opts, &idx)) != -1) {
		if (c == OPT_SETTING) {
			if (cli_setting(&a->set, eval_opts[idx].name, optarg) < 0)
				return -1;
		} else if (c == OPT_FORMAT) {
			if (eval_format(optarg, &a->fmt, &a->rows.json) < 0)
				return -1;
		} else if (c == OPT_ROWS) {
			if (eval_rows_opt(&a->rows, eval_opts[idx].name,
			    optarg) < 0)
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
	a->rows.summary = a->summary;
	a->rows.fmt = a->fmt;
	return evalrows_check(&a->rows);
}

int
eval_out_open(struct eval_out *o)
{
	o->buf = NULL;
	o->len = 0;
	o->held = 1;
	o->f = open_memstream(&o->buf, &o->len);
	return o->f != NULL ? 0 : -1;
}

int
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

void
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
	unsigned			 hint[2];	/* a thread's blocks'
							 * sheet_input_hint */
	long				 rows;		/* rows read */
};

/* Formats BLOCK's rows of the table into THREAD's buffer (in parallel). */
static int
eval_work(void *arg, int thread, struct sheet *block,
    const struct sheetfile_batch *batch)
{
	struct eval_run *E = arg;

	E->hint[thread] = sheet_input_hint(block, E->hint[thread]);
	if (E->a->summary)
		return 0;
	E->len[thread] = 0;
	if (sheetfile_format_rows(&E->buf[thread], &E->len[thread],
	    &E->cap[thread], block, batch, E->info, E->a->fmt) < 0)
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

	E->rows += sheet_rows(block);
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
	unsigned hint;
	int rc, logits = s && sheet_opts(s)->mode == SHEET_LOGITS;

	memset(&E, 0, sizeof(E));
	E.a = a;
	E.info = info;
	E.hint[0] = E.hint[1] = SHEET_LOOKS_PROBS | SHEET_LOOKS_LOGPROBS;
	if (s == NULL || eval_out_open(&E.out) < 0) {
		sheet_free(s);
		eval_run_close(&E);
		cli_error("eval: out of memory");
		return XENT_EXIT_INPUT;
	}
	rc = a->summary ? 0 : sheetfile_write_head(E.out.f, s, info, a->fmt);
	if (!a->summary)
		sheetfile_for_table(st);
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
	hint = E.hint[0] & E.hint[1];
	if (logits && E.rows > 0 && cli_hint_text(hint, 0) != NULL)
		cli_error("%s: %s", strcmp(a->path, "-") == 0 ? "<stdin>" :
		    a->path, cli_hint_text(hint, 0));
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
	if (evalrows_wanted(&a.rows))
		status = evalrows_run(&a.rows, st, &info);
	else
		status = eval_stream(&a, st, &info);
	sheetfile_close(st);
	sheetfile_info_free(&info);
	return status;
}
