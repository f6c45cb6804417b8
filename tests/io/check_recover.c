/*
 * check_recover.c - the state folder and recovery file names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/progress.h"
#include "io/recover.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* Points XDG_STATE_HOME at a fresh folder; returns it. */
static const char *
fresh_state(void)
{
	static char dir[256];

	snprintf(dir, sizeof(dir), "%s/xent-state-XXXXXX", tu_tmp());
	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("XDG_STATE_HOME", dir, 1);
	return dir;
}

/* The folder is made under XDG_STATE_HOME; names differ per sheet, even
 * when two long paths share their first hundreds of bytes. */
START_TEST(test_names)
{
	const char *dir = fresh_state();
	char a[8192], b[8192], d[8192], err[256], p1[600], p2[600];
	struct stat st;

	ck_assert_int_eq(state_dir("recover", d, sizeof(d), err, sizeof(err)),
	    0);
	ck_assert(strncmp(d, dir, strlen(dir)) == 0);
	ck_assert_int_eq(stat(d, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	memset(p1, 'd', 300);
	strcpy(p1 + 300, "/x1.csv");
	memset(p2, 'd', 300);
	strcpy(p2 + 300, "/x2.csv");
	p1[0] = p2[0] = '/';
	ck_assert_int_eq(recover_path(p1, a, sizeof(a), err, sizeof(err)), 0);
	ck_assert_int_eq(recover_path(p2, b, sizeof(b), err, sizeof(err)), 0);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(recover_path(NULL, a, sizeof(a), err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(a, "(default)"));
	ck_assert_int_eq(recover_find("/no/such/sheet.csv", a, sizeof(a)), 0);
}
END_TEST

/* Progress is kept per lesson, and the last lesson is remembered. */
START_TEST(test_progress)
{
	unsigned char passed[5] = { 1, 0, 1, 0, 0 }, back[5];
	char last[64];

	fresh_state();
	ck_assert_int_eq(progress_load("01-x", back, 5), 0);
	ck_assert_int_eq(progress_save("01-x", passed, 5), 0);
	ck_assert_int_eq(progress_load("01-x", back, 5), 2);
	ck_assert_mem_eq(back, passed, 5);
	ck_assert_int_eq(progress_last(last, sizeof(last)), 0);
	progress_set_last("01-x");
	ck_assert_int_eq(progress_last(last, sizeof(last)), 1);
	ck_assert_str_eq(last, "01-x");
	ck_assert_int_eq(progress_reset("01-x"), 0);
	ck_assert_int_eq(progress_load("01-x", back, 5), 0);
	ck_assert_int_eq(progress_save("../evil", passed, 5), -1);
}
END_TEST

Suite *
recover_suite(void)
{
	Suite *s = suite_create("recover");
	TCase *tc = tcase_create("state");

	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_progress);
	suite_add_tcase(s, tc);
	return s;
}
