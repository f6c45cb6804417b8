/*
 * main.c - xent: a terminal grid that teaches softmax and cross-entropy.
 *
 * Wires the layers together: the command line picks a front end, `xent
 * eval` (no terminal needed) or the interactive grid.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/cli.h"
#include "app/ctl.h"
#include "app/eval.h"
#include "input/loop.h"
#include "io/recover.h"

static const char main_usage[] =
    "usage: xent [options] [FILE.csv]     open a sheet in the grid\n"
    "       xent eval [options] FILE|-     print the computed table\n"
    "       xent --help | --version\n"
    "\n"
    "With no FILE the grid opens the built-in five-class example.\n"
    "Options (the grid and eval; a file's own '#' settings are overridden):\n"
    "  --mode logits|probs      what the activation columns hold\n"
    "  --base e|2|10            the log base of the loss (10 is Excel's LOG)\n"
    "  --temperature T          divide logits by T\n"
    "  --label-smoothing E      PyTorch's label_smoothing\n"
    "  --weights W1,...,WK      PyTorch's class weights\n"
    "  --confident P            threshold of the confident_wrong flag (0.8)\n"
    "`xent eval --help` lists eval's own options; in the grid, ? shows keys.\n";

static const struct option main_opts[] = {
	{ "mode", required_argument, NULL, 's' },
	{ "base", required_argument, NULL, 's' },
	{ "temperature", required_argument, NULL, 's' },
	{ "label-smoothing", required_argument, NULL, 's' },
	{ "weights", required_argument, NULL, 's' },
	{ "confident", required_argument, NULL, 's' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Parses the grid's options into SET; sets *PATH.  -1: usage error; 1:
 * --help or --version was answered. */
static int
main_parse(int argc, char **argv, struct sheetfile_settings *set,
    const char **path)
{
	int ch, idx = 0;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+hV", main_opts, &idx)) != -1) {
		if (ch == 's') {
			if (cli_setting(set, main_opts[idx].name, optarg) < 0)
				return -1;
		} else if (ch == 'h') {
			fputs(main_usage, stdout);
			return 1;
		} else if (ch == 'V') {
			printf("xent %s\n", XENT_VERSION);
			return 1;
		} else {
			cli_error("unknown or incomplete option '%s'",
			    argv[optind - 1]);
			return -1;
		}
	}
	if (argc - optind > 1) {
		cli_error("give at most one FILE");
		return -1;
	}
	*path = optind < argc ? argv[optind] : NULL;
	return 0;
}

/* Opens the grid on PATH (NULL: the built-in sheet) with settings SET. */
static int
main_grid(const char *path, const struct sheetfile_settings *set)
{
	struct sheetfile_info info;
	struct sheet *s;
	struct ctl *c;
	char rec[4096];
	int status = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the grid needs a terminal; `xent eval FILE` prints "
		    "the table instead");
		return XENT_EXIT_USAGE;
	}
	if ((s = cli_load(path, set, &info, &status)) == NULL)
		return status;
	c = ctl_new(s, path, info.set.step);
	sheetfile_info_free(&info);
	if (c == NULL) {
		sheet_free(s);
		cli_error("out of memory");
		return XENT_EXIT_INPUT;
	}
	if (recover_find(path, rec, sizeof(rec)))
		ctl_offer_recovery(c, rec);
	status = loop_run(c);
	ctl_free(c);
	return status;
}

int
main(int argc, char **argv)
{
	struct sheetfile_settings set;
	const char *path = NULL;
	int rc;

	/* Wide characters for the grid; numbers stay in the C locale, which
	 * the number code uses whatever this says. */
	setlocale(LC_ALL, "");
	if (argc >= 2 && strcmp(argv[1], "eval") == 0)
		return eval_main(argc - 1, argv + 1);
	memset(&set, 0, sizeof(set));
	rc = main_parse(argc, argv, &set, &path);
	if (rc == 0)
		rc = main_grid(path, &set);
	else
		rc = rc > 0 ? XENT_EXIT_OK : XENT_EXIT_USAGE;
	sheetfile_settings_free(&set);
	return rc;
}
