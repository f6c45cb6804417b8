/*
 * main.c - xent: a terminal grid that teaches softmax and cross-entropy.
 *
 * Dispatches to the front ends: `xent eval` (no terminal needed) and the
 * interactive grid.
 */
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "app/eval.h"

static const char main_usage[] =
    "usage: xent [FILE.csv]            open a sheet in the grid\n"
    "       xent eval [options] FILE|-  print the computed table\n"
    "       xent --help | --version\n"
    "\n"
    "Sheet options (eval and the grid): --mode logits|probs, --base e|2|10,\n"
    "--temperature T, --label-smoothing E, --weights W1,...,WK, --confident P.\n"
    "`xent eval --help` lists eval's own options.\n";

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "eval") == 0)
		return eval_main(argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(main_usage, stdout);
		return XENT_EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("xent %s\n", XENT_VERSION);
		return XENT_EXIT_OK;
	}
	/* Until the grid lands, show the sheet through eval. */
	{
		char *args[4] = { "eval", "--format", "md", NULL };
		char *path = argc >= 2 ? argv[1] : NULL;

		if (path == NULL) {
			cli_error("the interactive grid is not built yet; try "
			    "`xent eval FILE`");
			return XENT_EXIT_USAGE;
		}
		args[3] = path;
		return eval_main(4, args);
	}
}
