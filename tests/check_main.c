/*
 * check_main.c - runs every Check suite of xent.
 */
#include <check.h>
#include <stdlib.h>

#include "tests/suites.h"

int
main(void)
{
	Suite *(*suites[])(void) = {
		num_suite, sheet_suite, expr_suite, explain_suite,
		reference_suite, csv_suite, sheetfile_suite, eval_suite,
		ctl_suite, lineedit_suite, goal_suite, lessonfile_suite,
		tutor_suite, recover_suite,
	};
	SRunner *sr;
	size_t i;
	int failed;

	sr = srunner_create(suites[0]());
	for (i = 1; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
