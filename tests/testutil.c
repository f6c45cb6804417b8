/*
 * testutil.c - helpers shared by the Check suites.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/ctl.h"
#include "core/sheet.h"
#include "tests/testutil.h"

/* Reads all of FD into a malloc'd, NUL-terminated string. */
static char *
tu_slurp(int fd)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *nb;
	ssize_t n;

	while (buf != NULL && (n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += n;
		if (cap - len < 2) {
			if ((nb = realloc(buf, cap * 2)) == NULL) {
				free(buf);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (buf != NULL)
		buf[len] = '\0';
	return buf;
}

int
tu_run(const char *cmd, const char *input, char **out, char **err)
{
	char in[] = "/tmp/xent-in-XXXXXX", o[] = "/tmp/xent-out-XXXXXX";
	char e[] = "/tmp/xent-err-XXXXXX", *full;
	int fi = mkstemp(in), fo = mkstemp(o), fe = mkstemp(e), st;
	size_t len;

	if (fi < 0 || fo < 0 || fe < 0)
		return -1;
	if (input != NULL && write(fi, input, strlen(input)) < 0)
		return -1;
	len = strlen(cmd) + 3 * sizeof(in) + 32;
	full = malloc(len);
	snprintf(full, len, "%s <%s >%s 2>%s", cmd, in, o, e);
	st = system(full);
	free(full);
	*out = tu_slurp(fo);
	*err = tu_slurp(fe);
	close(fi);
	close(fo);
	close(fe);
	unlink(in);
	unlink(o);
	unlink(e);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

const char *
tu_xent(void)
{
	const char *x = getenv("XENT");

	return x != NULL ? x : "./xent";
}

const char *
tu_reference(void)
{
	const char *s = getenv("XENT_REFERENCE");

	return s != NULL ? s : "tests/reference";
}

const char *
tu_tmp(void)
{
	const char *t = getenv("XENT_TEST_TMP");

	return t != NULL ? t : "/tmp";
}

const char *
tu_write_temp(const char *name, const char *text)
{
	static char path[512];
	char dir[256];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/xent-test-XXXXXX", tu_tmp());
	if (mkdtemp(dir) == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

char *
tu_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cap = 4096, got;
	char *buf = malloc(cap);

	ck_assert_msg(f != NULL && buf != NULL, "cannot read %s", path);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0)
		if ((n += got) + 1 == cap) {
			buf = realloc(buf, cap *= 2);
			ck_assert_ptr_nonnull(buf);
		}
	fclose(f);
	buf[n] = '\0';
	return buf;
}

struct sheet *
tu_sheet(int k, const char *const *names, int mode, int base)
{
	struct sheet *s = sheet_new(k, names);
	struct sheet_opts o;
	char err[256];

	ck_assert_ptr_nonnull(s);
	sheet_opts_init(&o);
	o.mode = mode ? SHEET_PROBS : SHEET_LOGITS;
	o.base = base;
	ck_assert_msg(sheet_set_opts(s, &o, err, sizeof(err)) == 0, "%s", err);
	return s;
}

long
tu_row(struct sheet *s, const double *a, int t)
{
	double *y = calloc(sheet_classes(s), sizeof(double));
	long r;

	ck_assert_ptr_nonnull(y);
	if (t >= 0)
		y[t] = 1;
	r = sheet_append(s, NULL, a, t >= 0 ? y : NULL, 0);
	free(y);
	return r;
}

int
tu_opt(struct sheet *s, const char *name, double v)
{
	struct sheet_opts o = *sheet_opts(s);
	char err[256];

	if (strcmp(name, "base") == 0)
		o.base = (int)v;
	else if (strcmp(name, "temperature") == 0)
		o.temperature = v;
	else if (strcmp(name, "smoothing") == 0)
		o.smoothing = v;
	else if (strcmp(name, "confident") == 0)
		o.confident = v;
	return sheet_set_opts(s, &o, err, sizeof(err));
}

struct ctl *
tu_ctl_default(void)
{
	struct ctl *c = ctl_new_default();

	ck_assert_ptr_nonnull(c);
	return c;
}
