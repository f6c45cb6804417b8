/*
 * suites.h - one Check suite per module; check_main.c runs them all.
 */
#ifndef XENT_TESTS_SUITES_H
#define XENT_TESTS_SUITES_H

#include <check.h>

Suite *num_suite(void);
Suite *sheet_suite(void);
Suite *expr_suite(void);
Suite *reference_suite(void);
Suite *csv_suite(void);
Suite *sheetfile_suite(void);
Suite *stream_suite(void);
Suite *eval_suite(void);
Suite *explain_suite(void);
Suite *ctl_suite(void);
Suite *lineedit_suite(void);
Suite *goal_suite(void);
Suite *lessonfile_suite(void);
Suite *tutor_suite(void);
Suite *recover_suite(void);
Suite *layout_suite(void);
Suite *flags_suite(void);
Suite *utf8_suite(void);
Suite *text_suite(void);
Suite *view_suite(void);
Suite *rowkey_suite(void);
Suite *rowfilter_suite(void);
Suite *stats_suite(void);
Suite *report_suite(void);
Suite *npy_suite(void);
Suite *save_suite(void);
Suite *plot_suite(void);
Suite *svg_suite(void);

#endif
