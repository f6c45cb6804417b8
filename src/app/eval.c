/*
 * eval.c - `xent eval`: compute a sheet file without a terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "app/eval.h"

static const char eval_usage[] =
    "usage: xent eval [--mode logits|probs] [--base e|2|10] [--temperature T]\n"
    "                 [--label-smoothing E] [--weights W1,...,WK] [--confident P]\n"
    "                 [--format csv|tsv|md] [--summary] FILE|-\n";

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

int
eval_main(int argc, char **argv)
{
	struct sheetfile_info info;
	struct eval_args a;
	struct sheet *s;
	int rc, status = XENT_EXIT_OK;

	memset(&a, 0, sizeof(a));
	if ((rc = eval_parse(argc, argv, &a)) != 0) {
		sheetfile_settings_free(&a.set);
		if (rc > 0)
			fputs(eval_usage, stdout);
		return rc > 0 ? XENT_EXIT_OK : XENT_EXIT_USAGE;
	}
	s = cli_load(a.path, &a.set, &info, &status);
	sheetfile_settings_free(&a.set);
	if (s == NULL)
		return status;
	rc = a.summary ? sheetfile_write_summary(stdout, s) :
	    sheetfile_write_table(stdout, s, &info, a.fmt);
	if (rc < 0) {
		cli_error("eval: cannot write the output");
		status = XENT_EXIT_INPUT;
	}
	sheet_free(s);
	sheetfile_info_free(&info);
	return status;
}
