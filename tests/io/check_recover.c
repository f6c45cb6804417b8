/*
 * check_recover.c - the state folder, recovery file names and lesson
 * progress files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/lessonfile.h"
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

/* A FIFO where a progress file or a lesson belongs is refused at once:
 * opening it never waits for a writer (this would hang, then time out). */
START_TEST(test_fifo_not_waited_on)
{
	unsigned char back[5];
	char path[600], err[4400];
	const char *dir = fresh_state();
	struct lesson *l;

	snprintf(path, sizeof(path), "%s/xent", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/xent/progress", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/xent/progress/01-x.txt", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(progress_load("01-x", back, 5, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "not a regular file") != NULL, "%s", err);
	l = lesson_load(path, err, sizeof(err));
	ck_assert_ptr_null(l);
	ck_assert_msg(strstr(err, "not a regular file") != NULL, "%s", err);
}
END_TEST

/* Progress is kept per lesson, and the last lesson is remembered. */
START_TEST(test_progress)
{
	unsigned char passed[5] = { 1, 0, 1, 0, 0 }, back[5];
	char last[64], err[4400];

	fresh_state();
	ck_assert_int_eq(progress_load("01-x", back, 5, err, sizeof(err)), 0);
	ck_assert_int_eq(progress_save("01-x", passed, 5), 0);
	ck_assert_int_eq(progress_load("01-x", back, 5, err, sizeof(err)), 2);
	ck_assert_mem_eq(back, passed, 5);
	ck_assert_int_eq(progress_last(last, sizeof(last)), 0);
	progress_set_last("01-x");
	ck_assert_int_eq(progress_last(last, sizeof(last)), 1);
	ck_assert_str_eq(last, "01-x");
	ck_assert_int_eq(progress_reset("01-x", err, sizeof(err)), 0);
	ck_assert_int_eq(progress_load("01-x", back, 5, err, sizeof(err)), 0);
	ck_assert_int_eq(progress_reset("01-x", err, sizeof(err)), 0);
	ck_assert_int_eq(progress_save("../evil", passed, 5), -1);
}
END_TEST

/* Writes TEXT (LEN bytes) as the file NAME of the state folder's SUB. */
static void
put_state(const char *sub, const char *name, const char *text, size_t len)
{
	char path[8192], err[256];
	FILE *f;

	ck_assert_int_eq(state_dir(sub, path, sizeof(path), err, sizeof(err)),
	    0);
	strcat(path, "/");
	strcat(path, name);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* A lesson may be called "last" (or anything else): the record of the
 * last lesson opened lives where no lesson's progress can. */
START_TEST(test_progress_last_slug)
{
	unsigned char passed[3] = { 1, 1, 0 }, back[3];
	char last[64], err[4400];

	fresh_state();
	ck_assert_int_eq(progress_save("last", passed, 3), 0);
	ck_assert_int_eq(progress_save("last-lesson", passed, 3), 0);
	progress_set_last("03-x");
	ck_assert_int_eq(progress_load("last", back, 3, err, sizeof(err)), 2);
	ck_assert_int_eq(progress_load("last-lesson", back, 3, err,
	    sizeof(err)), 2);
	ck_assert_int_eq(progress_last(last, sizeof(last)), 1);
	ck_assert_str_eq(last, "03-x");
	progress_set_last("last");
	ck_assert_int_eq(progress_last(last, sizeof(last)), 1);
	ck_assert_str_eq(last, "last");
	ck_assert_int_eq(progress_load("last", back, 3, err, sizeof(err)), 2);
}
END_TEST

/* The old record, progress/last.txt, is read until a new one is made,
 * which drops it; a lesson "last"'s own progress is never taken for it. */
START_TEST(test_progress_old_last)
{
	unsigned char back[3];
	char last[64], err[4400];

	fresh_state();
	put_state("progress", "last.txt", "02-old\n", 7);
	ck_assert_int_eq(progress_last(last, sizeof(last)), 1);
	ck_assert_str_eq(last, "02-old");
	progress_set_last("04-new");
	ck_assert_int_eq(progress_last(last, sizeof(last)), 1);
	ck_assert_str_eq(last, "04-new");
	ck_assert_int_eq(progress_load("last", back, 3, err, sizeof(err)), 0);
	fresh_state();
	put_state("progress", "last.txt", "passed 1\n", 9);
	ck_assert_int_eq(progress_last(last, sizeof(last)), 0);
	progress_set_last("04-new");
	ck_assert_int_eq(progress_load("last", back, 3, err, sizeof(err)), 1);
}
END_TEST

/* Files that are not progress files are reported, naming the file and
 * line, and never half-read; the ones xent writes, and harmless
 * variations, are read. */
START_TEST(test_progress_malformed)
{
	static const struct { const char *text; size_t len; int line; }
	    bad[] = {
		{ "", 0, 1 }, { "hello\n", 6, 1 }, { "passed1\n", 8, 1 },
		{ "Passed 1\n", 9, 1 }, { "passed 1 x\n", 11, 1 },
		{ "passed 0\n", 9, 1 }, { "passed 6\n", 9, 1 },
		{ "passed -1\n", 10, 1 }, { "passed 1.5\n", 11, 1 },
		{ "passed 99999999999999999999\n", 28, 1 },
		{ "passed 1 2\ngarbage\n", 19, 2 },
		{ "passed 1\n\n3\n", 12, 3 }, { "passed 1\0 2\n", 12, 0 },
		{ "\xff\xfe", 2, 1 },
	};
	static const struct { const char *text; int count; } good[] = {
		{ "passed\n", 0 }, { "passed", 0 }, { "passed 1 3\n", 2 },
		{ "passed 1 3", 2 }, { "passed 1 1 3\n", 2 },
		{ "passed 1 3\r\n", 2 }, { "passed\t2 5 \n\n", 2 },
	};
	unsigned char back[5];
	char err[4400], want[32], *big;
	size_t i;

	fresh_state();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		put_state("progress", "03-x.txt", bad[i].text, bad[i].len);
		memset(back, 7, sizeof(back));
		err[0] = '\0';
		ck_assert_msg(progress_load("03-x", back, 5, err,
		    sizeof(err)) == -1, "case %zu was read", i);
		ck_assert_msg(strstr(err, "/progress/03-x.txt") != NULL,
		    "case %zu: %s", i, err);
		snprintf(want, sizeof(want), ".txt:%d: ", bad[i].line);
		ck_assert_msg(bad[i].line == 0 || strstr(err, want) != NULL,
		    "case %zu: %s", i, err);
		ck_assert_mem_eq(back, "\0\0\0\0\0", 5);
	}
	ck_assert_ptr_nonnull(strstr(err, "not a"));
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		put_state("progress", "03-x.txt", good[i].text,
		    strlen(good[i].text));
		ck_assert_int_eq(progress_load("03-x", back, 5, err,
		    sizeof(err)), good[i].count);
	}
	ck_assert_ptr_nonnull(big = malloc(100000));
	memset(big, ' ', 100000);
	memcpy(big, "passed 1", 8);
	put_state("progress", "03-x.txt", big, 100000);
	free(big);
	ck_assert_int_eq(progress_load("03-x", back, 5, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "too long"));
	/* Passing a step writes a good file over the bad one. */
	ck_assert_int_eq(progress_save("03-x", back, 5), 0);
	ck_assert_int_eq(progress_load("03-x", back, 5, err, sizeof(err)), 0);
}
END_TEST

/* A reset that cannot remove the file says so, naming it. */
START_TEST(test_progress_reset_fails)
{
	char path[8192], err[4400];

	fresh_state();
	ck_assert_int_eq(state_dir("progress/03-x.txt/inside", path,
	    sizeof(path), err, sizeof(err)), 0);
	err[0] = '\0';
	ck_assert_int_eq(progress_reset("03-x", err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "/progress/03-x.txt: cannot be "
	    "removed"));
	ck_assert_int_eq(progress_reset("../x", err, sizeof(err)), -1);
	setenv("XDG_STATE_HOME", "/dev/null/state", 1);
	err[0] = '\0';
	ck_assert_int_eq(progress_reset("03-x", err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "/dev/null/state"));
	fresh_state();
}
END_TEST

/* Guesses are recorded a line each, and a reset forgets them. */
START_TEST(test_progress_guesses)
{
	char path[8192], err[4400], line[256];
	FILE *f;

	fresh_state();
	ck_assert_int_eq(progress_guess("07-x", 3, 0.5, 0.9048), 0);
	ck_assert_int_eq(progress_guess("07-x", 3, 1, 0.9048), 0);
	ck_assert_int_eq(state_dir("progress", path, sizeof(path), err,
	    sizeof(err)), 0);
	strcat(path, "/07-x.guesses");
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	ck_assert_str_eq(line, "step 4 guess 0.5 true 0.9048\n");
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	ck_assert_str_eq(line, "step 4 guess 1 true 0.9048\n");
	fclose(f);
	ck_assert_int_eq(progress_reset("07-x", err, sizeof(err)), 0);
	ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

/* A state folder that cannot be made: recovery files go to a folder of
 * this user's under $TMPDIR, and are found there again. */
START_TEST(test_recover_fallback)
{
	char tmp[512], want[600], path[8192], found[8192], err[256];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s/tmpdir-XXXXXX", tu_tmp());
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	setenv("TMPDIR", tmp, 1);
	setenv("XDG_STATE_HOME", "/dev/null/state", 1);
	ck_assert_int_eq(recover_find("/a/sheet.csv", found, sizeof(found)), 0);
	ck_assert_int_eq(recover_path("/a/sheet.csv", path, sizeof(path), err,
	    sizeof(err)), 0);
	snprintf(want, sizeof(want), "%s/xent-%ld-recover/", tmp,
	    (long)getuid());
	ck_assert_msg(strncmp(path, want, strlen(want)) == 0, "%s", path);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fclose(f);
	ck_assert_int_eq(recover_find("/a/sheet.csv", found, sizeof(found)), 1);
	ck_assert_str_eq(found, path);
	unlink(path);
	unsetenv("TMPDIR");
	fresh_state();
}
END_TEST

Suite *
recover_suite(void)
{
	Suite *s = suite_create("recover");
	TCase *tc = tcase_create("state");

	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_progress);
	tcase_add_test(tc, test_fifo_not_waited_on);
	tcase_add_test(tc, test_progress_last_slug);
	tcase_add_test(tc, test_progress_old_last);
	tcase_add_test(tc, test_progress_malformed);
	tcase_add_test(tc, test_progress_guesses);
	tcase_add_test(tc, test_recover_fallback);
	tcase_add_test(tc, test_progress_reset_fails);
	suite_add_tcase(s, tc);
	return s;
}
