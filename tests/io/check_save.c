/*
 * check_save.c - safe saves (src/io/save.c): the identity check, read-only
 * files, mode and owner kept, hard and symbolic links kept, and writing in
 * place where the folder takes no new file.  Cases about permissions run
 * as the unprivileged user nobody when the tests run as root.
 */
#define _DEFAULT_SOURCE		/* setgroups */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/save.h"
#include "tests/suites.h"

/* save_writer: writes the string ARG. */
static int
sv_text(FILE *f, void *arg)
{
	return fputs(arg, f) < 0 ? -1 : 0;
}

/* Saves TEXT to PATH with FLAGS and STAMP; returns what save_file does. */
static int
sv_save(const char *path, const char *text, unsigned flags,
    struct save_stamp *stamp, char *err, size_t errlen)
{
	return save_file(path, sv_text, (void *)text, flags, stamp, err,
	    errlen);
}

/* A fresh folder in DIR (64 bytes), readable by everyone. */
static void
sv_mkdir(char *dir)
{
	strcpy(dir, "/tmp/xent-save-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(chmod(dir, 0755), 0);
}

/* Writes TEXT to PATH by plain stdio. */
static void
sv_put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Asserts that PATH holds exactly TEXT. */
static void
sv_is(const char *path, const char *text)
{
	char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_msg(f != NULL, "%s missing", path);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	ck_assert_str_eq(buf, text);
}

/* Entries in folder DIR (with RM: removes them, and DIR). */
static int
sv_clean(const char *dir, int rm)
{
	char path[512];
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		n++;
		if (rm)
			unlink(path);
	}
	closedir(d);
	if (rm) {
		chmod(dir, 0755);
		rmdir(dir);
	}
	return n;
}

/* The user nobody, whom the permission cases run as under root. */
static const struct passwd *
sv_nobody(void)
{
	const struct passwd *pw = getpwnam("nobody");

	ck_assert_msg(pw != NULL, "no user nobody to run as");
	return pw;
}

/* In a child process: gives up root for nobody (when root). */
static void
sv_drop_root(void)
{
	const struct passwd *pw;

	if (geteuid() != 0)
		return;
	pw = getpwnam("nobody");
	if (pw == NULL || setgroups(0, NULL) < 0 || setgid(pw->pw_gid) < 0 ||
	    setuid(pw->pw_uid) < 0)
		_exit(99);
}

/* Makes PATH belong to the user the permission cases run as. */
static void
sv_give(const char *path)
{
	const struct passwd *pw;

	if (geteuid() != 0)
		return;
	pw = sv_nobody();
	ck_assert_int_eq(lchown(path, pw->pw_uid, pw->pw_gid), 0);
}

/* Runs save of TEXT to PATH (FLAGS, no stamp) in a child without root;
 * returns its save_file result, or 99 when it could not drop root. */
static int
sv_save_unprivileged(const char *path, const char *text, unsigned flags)
{
	char err[1024];
	pid_t pid;
	int st, rc;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		sv_drop_root();
		rc = sv_save(path, text, flags, NULL, err, sizeof(err));
		_exit(rc == 0 ? 0 : rc == -1 ? 1 : -rc);
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	rc = WEXITSTATUS(st);
	ck_assert_int_ne(rc, 99);
	return rc == 0 ? 0 : rc == 1 ? -1 : -rc;
}

/* A file changed on disk since its stamp was taken is refused, down to a
 * change of the mtime's nanoseconds alone; :w! (SAVE_FORCE) overwrites. */
START_TEST(test_save_changed)
{
	char dir[64], path[128], err[1024];
	struct save_stamp st, old;
	struct timespec t[2];

	sv_mkdir(dir);
	snprintf(path, sizeof(path), "%s/s.csv", dir);
	sv_put(path, "one\n");
	save_stamp(path, &st);
	ck_assert_int_eq(st.exists, 1);
	ck_assert_int_eq(sv_save(path, "two\n", 0, &st, err, sizeof(err)), 0);
	sv_is(path, "two\n");
	/* The stamp now is the file written: a second save goes through. */
	ck_assert_int_eq(sv_save(path, "three\n", 0, &st, err, sizeof(err)),
	    0);
	/* Another program writes the file. */
	sv_put(path, "theirs\n");
	old = st;
	ck_assert_int_eq(sv_save(path, "mine\n", 0, &st, err, sizeof(err)),
	    SAVE_CHANGED);
	ck_assert_msg(strstr(err, path) != NULL && strstr(err, "changed") !=
	    NULL, "%s", err);
	sv_is(path, "theirs\n");
	ck_assert(save_stamp_same(&st, &old));
	ck_assert_int_eq(sv_save(path, "mine\n", SAVE_FORCE, &st, err,
	    sizeof(err)), 0);
	sv_is(path, "mine\n");
	/* Same inode, same size: only the nanoseconds of mtime differ. */
	ck_assert_int_eq(clock_gettime(CLOCK_REALTIME, &t[0]), 0);
	t[1].tv_sec = st.mtime.tv_sec;
	t[1].tv_nsec = (st.mtime.tv_nsec + 1) % 1000000000;
	ck_assert_int_eq(utimensat(AT_FDCWD, path, t, 0), 0);
	ck_assert_int_eq(sv_save(path, "mine\n", 0, &st, err, sizeof(err)),
	    SAVE_CHANGED);
	/* A file deleted since has nothing to lose: the save writes it. */
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(sv_save(path, "back\n", 0, &st, err, sizeof(err)), 0);
	sv_is(path, "back\n");
	ck_assert_int_eq(sv_clean(dir, 0), 1);
	sv_clean(dir, 1);
}
END_TEST

/* A file without write permission for its owner is read-only, for root
 * too: refused without SAVE_FORCE; with it, written and still read-only. */
START_TEST(test_save_readonly)
{
	char dir[64], path[128], err[1024];
	struct save_stamp st;
	struct stat sb;

	sv_mkdir(dir);
	snprintf(path, sizeof(path), "%s/s.csv", dir);
	sv_put(path, "old\n");
	ck_assert_int_eq(chmod(path, 0400), 0);
	save_stamp(path, &st);
	ck_assert_int_eq(sv_save(path, "new\n", 0, &st, err, sizeof(err)),
	    SAVE_READONLY);
	ck_assert_msg(strstr(err, "read-only") != NULL, "%s", err);
	ck_assert_int_eq(sv_save(path, "new\n", 0, NULL, err, sizeof(err)),
	    SAVE_READONLY);
	sv_is(path, "old\n");
	ck_assert_int_eq(sv_save(path, "new\n", SAVE_FORCE, &st, err,
	    sizeof(err)), 0);
	sv_is(path, "new\n");
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, 0400);
	ck_assert_int_eq(sv_clean(dir, 0), 1);
	sv_clean(dir, 1);
}
END_TEST

/* The mode is kept, and the save is atomic: a new inode, no file left. */
START_TEST(test_save_mode)
{
	char dir[64], path[128], err[1024];
	struct stat a, b;

	sv_mkdir(dir);
	snprintf(path, sizeof(path), "%s/s.csv", dir);
	sv_put(path, "old\n");
	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(stat(path, &a), 0);
	ck_assert_int_eq(sv_save(path, "new\n", 0, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(stat(path, &b), 0);
	ck_assert_int_eq(b.st_mode & 07777, 0640);
	ck_assert(a.st_ino != b.st_ino);
	sv_is(path, "new\n");
	ck_assert_int_eq(sv_clean(dir, 0), 1);
	sv_clean(dir, 1);
}
END_TEST

/* Root saving someone else's file leaves it theirs. */
START_TEST(test_save_owner)
{
	char dir[64], path[128], err[1024];
	const struct passwd *pw;
	struct stat sb;

	if (geteuid() != 0)
		return;		/* only root may give a file away */
	pw = sv_nobody();
	sv_mkdir(dir);
	snprintf(path, sizeof(path), "%s/s.csv", dir);
	sv_put(path, "old\n");
	ck_assert_int_eq(chown(path, pw->pw_uid, pw->pw_gid), 0);
	ck_assert_int_eq(chmod(path, 0604), 0);
	ck_assert_int_eq(sv_save(path, "new\n", 0, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_uid, pw->pw_uid);
	ck_assert_int_eq(sb.st_gid, pw->pw_gid);
	ck_assert_int_eq(sb.st_mode & 07777, 0604);
	sv_is(path, "new\n");
	ck_assert_int_eq(sv_clean(dir, 0), 1);
	sv_clean(dir, 1);
}
END_TEST

/* A file with another hard link is written in place: both names keep
 * one inode and see the new contents; the backup is gone after. */
START_TEST(test_save_hard_link)
{
	char dir[64], path[128], other[128], err[1024];
	struct stat a, b;

	sv_mkdir(dir);
	snprintf(path, sizeof(path), "%s/s.csv", dir);
	snprintf(other, sizeof(other), "%s/other.csv", dir);
	sv_put(path, "old contents, longer than the new\n");
	ck_assert_int_eq(link(path, other), 0);
	ck_assert_int_eq(stat(path, &a), 0);
	ck_assert_int_eq(sv_save(path, "new\n", 0, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(stat(other, &b), 0);
	ck_assert(a.st_ino == b.st_ino);
	ck_assert_int_eq(b.st_nlink, 2);
	sv_is(path, "new\n");
	sv_is(other, "new\n");
	ck_assert_int_eq(sv_clean(dir, 0), 2);
	/* A read-only one, forced, is made writable for the time of it. */
	ck_assert_int_eq(chmod(path, 0444), 0);
	ck_assert_int_eq(sv_save(path, "forced\n", SAVE_FORCE, NULL, err,
	    sizeof(err)), 0);
	sv_is(other, "forced\n");
	ck_assert_int_eq(stat(other, &b), 0);
	ck_assert_int_eq(b.st_mode & 07777, 0444);
	ck_assert_int_eq(b.st_nlink, 2);
	ck_assert_int_eq(sv_clean(dir, 0), 2);
	sv_clean(dir, 1);
}
END_TEST

/* An overwrite in place that fails midway keeps the backup and names it. */
START_TEST(test_save_in_place_fails)
{
	char dir[64], path[128], other[128], err[1024], *big, *bk, *end;
	struct rlimit old, lim;
	void (*oldsig)(int);
	int rc;

	sv_mkdir(dir);
	snprintf(path, sizeof(path), "%s/s.csv", dir);
	snprintf(other, sizeof(other), "%s/other.csv", dir);
	sv_put(path, "old\n");
	ck_assert_int_eq(link(path, other), 0);
	big = malloc(20000);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 19999);
	big[19999] = '\0';
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 4096;
	oldsig = signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	rc = sv_save(path, big, 0, NULL, err, sizeof(err));
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, oldsig);
	free(big);
	ck_assert_int_eq(rc, -1);
	bk = strstr(err, "kept in ");
	ck_assert_msg(bk != NULL, "%s", err);
	bk += strlen("kept in ");
	for (end = bk; *end != '\0' && *end != ' '; end++)
		;
	*end = '\0';
	sv_is(bk, "old\n");
	ck_assert_int_eq(unlink(bk), 0);
	sv_clean(dir, 1);
}
END_TEST

/* A symbolic link stays a link and its target changes; a dangling link's
 * target is created. */
START_TEST(test_save_symlink)
{
	char dir[64], path[128], target[128], err[1024];
	struct save_stamp st;
	struct stat sb;

	sv_mkdir(dir);
	snprintf(path, sizeof(path), "%s/link.csv", dir);
	snprintf(target, sizeof(target), "%s/real.csv", dir);
	sv_put(target, "old\n");
	ck_assert_int_eq(symlink("real.csv", path), 0);
	save_stamp(path, &st);
	ck_assert_int_eq(sv_save(path, "new\n", 0, &st, err, sizeof(err)), 0);
	ck_assert_int_eq(lstat(path, &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	sv_is(target, "new\n");
	/* The stamp follows the link: a second save is not "changed". */
	ck_assert_int_eq(sv_save(path, "again\n", 0, &st, err, sizeof(err)),
	    0);
	sv_is(target, "again\n");
	ck_assert_int_eq(unlink(target), 0);
	ck_assert_int_eq(sv_save(path, "created\n", 0, NULL, err, sizeof(err)),
	    0);
	ck_assert_int_eq(lstat(path, &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	sv_is(target, "created\n");
	/* A link to a link, by an absolute path. */
	snprintf(target, sizeof(target), "%s/link2.csv", dir);
	ck_assert_int_eq(symlink(path, target), 0);
	ck_assert_int_eq(sv_save(target, "twice\n", 0, NULL, err,
	    sizeof(err)), 0);
	snprintf(target, sizeof(target), "%s/real.csv", dir);
	sv_is(target, "twice\n");
	ck_assert_int_eq(sv_clean(dir, 0), 3);
	/* A loop of links is an error, not a hang. */
	snprintf(target, sizeof(target), "%s/loop", dir);
	ck_assert_int_eq(symlink("loop", target), 0);
	ck_assert_int_eq(sv_save(target, "x\n", 0, NULL, err, sizeof(err)),
	    -1);
	ck_assert_msg(strstr(err, "symbolic links") != NULL, "%s", err);
	sv_clean(dir, 1);
}
END_TEST

/* A folder that takes no new file: the save writes in place (run as an
 * unprivileged user, since root may write any folder). */
START_TEST(test_save_folder_readonly)
{
	char dir[64], path[128], fresh[128];
	struct stat a, b;

	sv_mkdir(dir);
	snprintf(path, sizeof(path), "%s/s.csv", dir);
	snprintf(fresh, sizeof(fresh), "%s/fresh.csv", dir);
	sv_put(path, "old contents\n");
	ck_assert_int_eq(chmod(path, 0644), 0);
	sv_give(path);
	sv_give(dir);
	ck_assert_int_eq(chmod(dir, 0555), 0);
	ck_assert_int_eq(stat(path, &a), 0);
	ck_assert_int_eq(sv_save_unprivileged(path, "new\n", 0), 0);
	ck_assert_int_eq(stat(path, &b), 0);
	ck_assert(a.st_ino == b.st_ino);
	sv_is(path, "new\n");
	ck_assert_int_eq(sv_clean(dir, 0), 1);
	/* A new file there cannot be made: a failure, nothing written. */
	ck_assert_int_eq(sv_save_unprivileged(fresh, "new\n", 0), -1);
	ck_assert_int_eq(access(fresh, F_OK), -1);
	/* A file nobody may write, in that folder: refused, kept whole. */
	ck_assert_int_eq(chmod(path, 0444), 0);
	ck_assert_int_eq(sv_save_unprivileged(path, "x\n", 0), SAVE_READONLY);
	sv_is(path, "new\n");
	ck_assert_int_eq(sv_clean(dir, 0), 1);
	sv_clean(dir, 1);
}
END_TEST

/* Devices are written as they are; a missing folder is an error. */
START_TEST(test_save_special)
{
	char err[1024];

	ck_assert_int_eq(sv_save("/dev/null", "x\n", 0, NULL, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(sv_save("/dev/full", "x\n", 0, NULL, err,
	    sizeof(err)), -1);
	ck_assert_msg(strncmp(err, "/dev/full: ", 11) == 0, "%s", err);
	ck_assert_int_eq(sv_save("/nonexistent-xent/s.csv", "x\n", 0, NULL,
	    err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "No such file") != NULL, "%s", err);
}
END_TEST

Suite *
save_suite(void)
{
	Suite *s = suite_create("save");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_save_changed);
	tcase_add_test(tc, test_save_readonly);
	tcase_add_test(tc, test_save_mode);
	tcase_add_test(tc, test_save_owner);
	tcase_add_test(tc, test_save_hard_link);
	tcase_add_test(tc, test_save_in_place_fails);
	tcase_add_test(tc, test_save_symlink);
	tcase_add_test(tc, test_save_folder_readonly);
	tcase_add_test(tc, test_save_special);
	suite_add_tcase(s, tc);
	return s;
}
