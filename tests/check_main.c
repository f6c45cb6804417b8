/*
 * check_main.c - runs every Check suite of xent.
 */
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests/suites.h"

/* Removes one entry of the tests' folder (nftw, depth first). */
static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

int
main(void)
{
	Suite *(*suites[])(void) = {
		num_suite, sheet_suite, expr_suite, explain_suite,
		reference_suite, csv_suite, sheetfile_suite, stream_suite,
		eval_suite, ctl_suite, lineedit_suite, goal_suite,
		lessonfile_suite, tutor_suite, recover_suite, layout_suite,
		flags_suite, utf8_suite, text_suite, npy_suite, save_suite,
		rowkey_suite, rowfilter_suite, stats_suite, report_suite,
		view_suite,
		plot_suite, svg_suite,
	};
	SRunner *sr;
	char root[] = "/tmp/xent-check-XXXXXX";
	size_t i;
	int failed;

	/* One folder for every file the tests write, removed at the end;
	 * the state folder too, so no test touches the user's. */
	if (mkdtemp(root) != NULL) {
		setenv("XENT_TEST_TMP", root, 1);
		setenv("XDG_STATE_HOME", root, 1);
	}
	sr = srunner_create(suites[0]());
	for (i = 1; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
