/*
 * check_eval.c - `xent eval` run as a real process ($XENT, or ./xent):
 * output columns and numbers, formats, the summary, settings from the
 * command line, and one located message for every bad input.
 */
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/cli.h"
#include "core/sheet.h"
#include "io/sheetfile.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* What one run of xent left behind. */
struct ev_res {
	int	 status;	/* exit status, -1 when killed */
	char	*out;		/* standard output */
	char	*err;		/* standard error */
};

static char ev_dir[64];

/* The per-test temporary folder. */
static void
ev_setup(void)
{
	strcpy(ev_dir, "/tmp/xent-eval-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(ev_dir));
}

/* Removes the folder and every file in it. */
static void
ev_teardown(void)
{
	char path[512];
	struct dirent *e;
	DIR *d = opendir(ev_dir);

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", ev_dir, e->d_name);
		unlink(path);
	}
	if (d != NULL)
		closedir(d);
	rmdir(ev_dir);
}

/* Writes BUF[0..LEN) to the file PATH. */
static void
ev_write(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(buf, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Writes BUF[0..LEN) to NAME in the folder; returns the path (a ring of
 * static buffers, so the last few stay valid). */
static const char *
ev_file_len(const char *name, const char *buf, size_t len)
{
	static char paths[4][256];
	static int next;
	char *p = paths[next++ % 4];

	snprintf(p, sizeof(paths[0]), "%s/%s", ev_dir, name);
	ev_write(p, buf, len);
	return p;
}

/* The same for a NUL-terminated TEXT. */
static const char *
ev_file(const char *name, const char *text)
{
	return ev_file_len(name, text, strlen(text));
}

/* Reads the whole file PATH into a malloc'd string. */
static char *
ev_slurp(const char *path)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	char *buf;

	ck_assert(f != NULL && fstat(fileno(f), &st) == 0);
	ck_assert_ptr_nonnull(buf = malloc(st.st_size + 1));
	buf[fread(buf, 1, st.st_size, f)] = '\0';
	fclose(f);
	return buf;
}

/* Runs xent with the NULL-terminated arguments after IN (text for its
 * standard input, or NULL for an empty one), capturing both streams. */
static void
ev_run(struct ev_res *res, const char *in, ...)
{
	const char *argv[16];
	char ipath[128], opath[128], epath[128];
	va_list ap;
	int n = 0, st;
	pid_t pid;

	argv[n++] = tu_xent();
	va_start(ap, in);
	while (n < 15 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	snprintf(ipath, sizeof(ipath), "%s/.stdin", ev_dir);
	ev_write(ipath, in != NULL ? in : "", in != NULL ? strlen(in) : 0);
	snprintf(opath, sizeof(opath), "%s/.stdout", ev_dir);
	snprintf(epath, sizeof(epath), "%s/.stderr", ev_dir);
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fi = open(ipath, O_RDONLY);
		int fo = open(opath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int fe = open(epath, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (fi < 0 || fo < 0 || fe < 0 || dup2(fi, 0) < 0 ||
		    dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
			_exit(126);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	res->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	ck_assert_msg(res->status != 127, "cannot run %s", argv[0]);
	res->out = ev_slurp(opath);
	res->err = ev_slurp(epath);
}

/* Frees what a run captured. */
static void
ev_free(struct ev_res *res)
{
	free(res->out);
	free(res->err);
}

/* Asserts a successful run with silent standard error. */
static void
ev_ok(const struct ev_res *res)
{
	ck_assert_msg(res->status == 0, "exit %d: %s", res->status, res->err);
	ck_assert_str_eq(res->err, "");
}

/* Asserts a refused input: exit 1, no output, one line "xent: PATH:LINE:"
 * (LINE 0: "xent: PATH: "). */
static void
ev_refused(const struct ev_res *res, const char *path, long line)
{
	char want[512];
	size_t n;

	if (line > 0)
		snprintf(want, sizeof(want), "xent: %s:%ld: ", path, line);
	else
		snprintf(want, sizeof(want), "xent: %s: ", path);
	n = strlen(res->err);
	ck_assert_msg(res->status == 1, "exit %d", res->status);
	ck_assert_str_eq(res->out, "");
	ck_assert_msg(strncmp(res->err, want, strlen(want)) == 0,
	    "stderr '%s' does not start '%s'", res->err, want);
	ck_assert_msg(n > strlen(want) && res->err[n - 1] == '\n' &&
	    strchr(res->err, '\n') == res->err + n - 1,
	    "stderr is not one line: '%s'", res->err);
}

/* Cell NAME of line ROW (0 = header) of CSV TEXT whose cells are not
 * quoted; valid until the next call. */
static const char *
ev_text(const char *text, int row, const char *name)
{
	static char buf[256];
	const char *h = text, *p = text;
	size_t n = strlen(name);
	int col = 0, i;

	while (strncmp(h, name, n) != 0 || (h[n] != ',' && h[n] != '\n')) {
		h += strcspn(h, ",\n");
		ck_assert_msg(*h++ == ',', "no column %s", name);
		col++;
	}
	for (i = 0; i < row; i++) {
		ck_assert_msg((p = strchr(p, '\n')) != NULL && p[1] != '\0',
		    "no row %d", row);
		p++;
	}
	for (i = 0; i < col; i++) {
		p += strcspn(p, ",\n");
		ck_assert_msg(*p++ == ',', "row %d is short", row);
	}
	n = strcspn(p, ",\n");
	ck_assert_uint_lt(n, sizeof(buf));
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

/* Cell NAME of data row ROW as a number; all of it must parse. */
static double
ev_num(const char *text, int row, const char *name)
{
	const char *t = ev_text(text, row, name);
	char *end;
	double v = strtod(t, &end);

	ck_assert_msg(*t != '\0' && *end == '\0', "row %d %s: '%s'", row,
	    name, t);
	return v;
}

/* Asserts that printed X is EXPECTED to the bit (a -0 prints as 0). */
static void
ev_bits(double x, double expected, const char *what)
{
	if (expected == 0)
		expected = 0.0;
	if (isnan(expected))
		ck_assert_msg(isnan(x), "%s: %.17g, expected nan", what, x);
	else
		ck_assert_msg(memcmp(&x, &expected, sizeof(x)) == 0,
		    "%s: %.17g, expected %.17g", what, x, expected);
}

/* Number of lines in TEXT. */
static int
ev_lines(const char *text)
{
	int n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

static const char binary_sheet[] =
    "# mode: probs\n# base: 10\nis_cat,cat\n1,0.5\n1,0.98\n0,0.9\n0,0.5\n"
    "1,0.9\n";

static const char five_sheet[] =
    "label,cat,dog,plane,fish,building\n"
    "fish,2.1789294543326676E-2,-2.4880559194860128,-1.7505557283129267,"
    "2.0704092459877179,1.2502573466234175\n";

/* --help, --version and eval --help succeed on standard output. */
START_TEST(test_help_version)
{
	struct ev_res r;

	ev_run(&r, NULL, "--help", NULL);
	ev_ok(&r);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: xent"));
	ev_free(&r);
	ev_run(&r, NULL, "--version", NULL);
	ev_ok(&r);
	ck_assert_str_eq(r.out, "xent " XENT_VERSION "\n");
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--help", NULL);
	ev_ok(&r);
	ck_assert_ptr_nonnull(strstr(r.out, "--summary"));
	ev_free(&r);
}
END_TEST

/* Usage errors exit 2 with a message and no output. */
START_TEST(test_usage_errors)
{
	static const char *cases[][5] = {
		{ "--bogus" }, { NULL }, { "F", "F" },
		{ "--format", "xml", "F" },
		{ "--mode", "soft", "F" }, { "--base", "3", "F" },
		{ "--temperature", "0", "F" }, { "--weights", "1,2,3", "F" },
		{ "--mode", "probs", "--temperature", "2", "F" },
		{ "F", "--summary", "--format" },
	};
	const char *f = ev_file("s.csv", "label,a,b\na,0.5,0.5\n"), *a[5];
	struct ev_res r;
	size_t i, j;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (j = 0; j < 5; j++)
			a[j] = cases[i][j] != NULL && strcmp(cases[i][j], "F")
			    == 0 ? f : cases[i][j];
		ev_run(&r, NULL, "eval", a[0], a[1], a[2], a[3], a[4], NULL);
		ck_assert_msg(r.status == 2, "case %zu: exit %d", i, r.status);
		ck_assert_str_eq(r.out, "");
		ck_assert_msg(strncmp(r.err, "xent: ", 6) == 0, "case %zu: %s",
		    i, r.err);
		ev_free(&r);
	}
}
END_TEST

/* The binary probs sheet in base 10: the known losses and one flag. */
START_TEST(test_binary_numbers)
{
	static const double loss[] = { 0.3010299956639812,
	    8.7739243075051505E-3, 1, 0.3010299956639812,
	    4.5757490560675115E-2 };
	const char *f = ev_file("b.csv", binary_sheet);
	struct ev_res r;
	int i;

	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	ck_assert_ptr_eq(strstr(r.out, "is_cat,cat,sum,p_cat,pred,loss,"
	    "if_form,flags\n"), r.out);
	ck_assert_int_eq(ev_lines(r.out), 6);
	for (i = 0; i < 5; i++) {
		ck_assert_close(ev_num(r.out, i + 1, "loss"), loss[i], 1e-12);
		ck_assert_close(ev_num(r.out, i + 1, "if_form"), loss[i],
		    1e-12);
		ck_assert_str_eq(ev_text(r.out, i + 1, "flags"),
		    i == 2 ? "confident_wrong" : "");
	}
	ck_assert_str_eq(ev_text(r.out, 3, "pred"), "cat");
	ck_assert_str_eq(ev_text(r.out, 2, "cat"), "0.98");
	ev_free(&r);
}
END_TEST

/* The five-class logits row: the known sum and probabilities. */
START_TEST(test_five_class_numbers)
{
	const char *f = ev_file("f.csv", five_sheet);
	struct ev_res r;

	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	ck_assert_ptr_eq(strstr(r.out, "label,cat,dog,plane,fish,building,"
	    "exp_cat,exp_dog,exp_plane,exp_fish,exp_building,sum,p_cat,p_dog,"
	    "p_plane,p_fish,p_building,pred,loss,if_form,flags\n"), r.out);
	ck_assert_close(ev_num(r.out, 1, "sum"), 12.698085405662953, 1e-12);
	ck_assert_close(ev_num(r.out, 1, "p_fish"), 0.62435136718346718, 1e-12);
	ck_assert_close(ev_num(r.out, 1, "p_cat"), 8.0486812158452201E-2,
	    1e-12);
	ck_assert_close(ev_num(r.out, 1, "loss"), -log(0.62435136718346718),
	    1e-12);
	ev_bits(ev_num(r.out, 1, "cat"), 2.1789294543326676E-2, "cat");
	ck_assert_str_eq(ev_text(r.out, 1, "pred"), "fish");
	ck_assert_str_eq(ev_text(r.out, 1, "label"), "fish");
	ev_free(&r);
}
END_TEST

/* Every printed number reads back to the library's double, bit for bit. */
START_TEST(test_numbers_round_trip)
{
	static const char text[] =
	    "# label-smoothing: 0.1\n# temperature: 0.7\n"
	    "id,label,a,b,c\n"
	    "r1,a,0.1,0.2,0.3\nr2,2,1e-300,-7.25,12345.678901234567\n"
	    "r3,,3,1,-2\nr4,b,700,710,-700\n"
	    "r5,c,-0.0,1e-5,0.3333333333333333\n";
	static const char *names[] = { "exp_", "p_" };
	const char *f = ev_file("n.csv", text);
	struct sheetfile_info info;
	struct sheet *s;
	struct ev_res r;
	char col[32], err[512], flags[256];
	long row;
	int k, j;

	s = sheetfile_load(f, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	ck_assert_int_eq(ev_lines(r.out), 6);
	for (row = 0; row < sheet_rows(s); row++) {
		for (k = 0; k < 3; k++) {
			for (j = 0; j < 2; j++) {
				snprintf(col, sizeof(col), "%s%s", names[j],
				    sheet_class_name(s, k));
				ev_bits(ev_num(r.out, row + 1, col), j == 0 ?
				    sheet_exp(s, row, k) : sheet_p(s, row, k),
				    col);
			}
			ev_bits(ev_num(r.out, row + 1, sheet_class_name(s, k)),
			    sheet_act(s, row, k), "activation");
		}
		ev_bits(ev_num(r.out, row + 1, "sum"), sheet_sum(s, row),
		    "sum");
		if (sheet_has_target(s, row)) {
			ev_bits(ev_num(r.out, row + 1, "loss"),
			    sheet_loss(s, row), "loss");
			ev_bits(ev_num(r.out, row + 1, "if_form"),
			    sheet_if_form(s, row), "if_form");
		} else
			ck_assert_str_eq(ev_text(r.out, row + 1, "loss"), "");
		sheet_flags_format(flags, sizeof(flags), sheet_flags(s, row));
		ck_assert_str_eq(ev_text(r.out, row + 1, "flags"), flags);
	}
	ck_assert_str_eq(ev_text(r.out, 2, "label"), "2");
	ck_assert_str_eq(ev_text(r.out, 2, "id"), "r2");
	ck_assert_str_eq(ev_text(r.out, 4, "flags"), "overflow");
	sheet_free(s);
	sheetfile_info_free(&info);
	ev_free(&r);
}
END_TEST

/* inf, -inf and nan are printed so; never "-nan", never "-0". */
START_TEST(test_special_values)
{
	const char *f = ev_file("i.csv", "label,a,b\na,inf,1\nb,-inf,1\n"
	    "a,nan,0\nb,-0.0,-0\n");
	struct ev_res r;

	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	ck_assert_str_eq(ev_text(r.out, 1, "a"), "inf");
	ck_assert_str_eq(ev_text(r.out, 1, "exp_a"), "inf");
	ck_assert_str_eq(ev_text(r.out, 2, "a"), "-inf");
	ck_assert_str_eq(ev_text(r.out, 2, "exp_a"), "0");
	ck_assert_str_eq(ev_text(r.out, 3, "a"), "nan");
	ck_assert_str_eq(ev_text(r.out, 4, "a"), "0");
	ck_assert_str_eq(ev_text(r.out, 4, "b"), "0");
	ck_assert_ptr_nonnull(strstr(ev_text(r.out, 1, "flags"), "overflow"));
	ck_assert_ptr_nonnull(strstr(ev_text(r.out, 3, "flags"), "nan"));
	ck_assert_ptr_null(strstr(r.out, "-nan"));
	ck_assert_ptr_null(strstr(r.out, ",-0,"));
	ck_assert_ptr_null(strstr(r.out, ",-0\n"));
	ev_free(&r);
}
END_TEST

/* --format md: a header row, a |---| rule, a row per sheet row; --format
 * tsv: the CSV table with tabs. */
START_TEST(test_formats)
{
	const char *f = ev_file("f.csv", five_sheet);
	struct ev_res r, c;
	char *p;

	ev_run(&r, NULL, "eval", "--format", "md", f, NULL);
	ev_ok(&r);
	ck_assert_ptr_eq(strstr(r.out, "| label | cat | dog |"), r.out);
	ck_assert_ptr_nonnull(strstr(r.out, " | flags |\n|---|---|"));
	ck_assert_ptr_nonnull(strstr(r.out, "---|\n| fish | "));
	ck_assert_ptr_nonnull(strstr(r.out, " | fish | 0.47104 | "));
	ck_assert_int_eq(ev_lines(r.out), 3);
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--format", "tsv", f, NULL);
	ev_ok(&r);
	ev_run(&c, NULL, "eval", "--format", "csv", f, NULL);
	ev_ok(&c);
	ck_assert_ptr_null(strchr(r.out, ','));
	ck_assert_ptr_eq(strstr(r.out, "label\tcat\tdog\t"), r.out);
	ck_assert_ptr_nonnull(strstr(r.out,
	    "\tflags\nfish\t0.021789294543326676\t"));
	ck_assert_int_eq(ev_lines(r.out), 2);
	for (p = c.out; *p != '\0'; p++)
		if (*p == ',')
			*p = '\t';
	ck_assert_str_eq(r.out, c.out);
	ev_free(&r);
	ev_free(&c);
}
END_TEST

/* --summary: rows, mean loss, accuracy, then every flag's count. */
START_TEST(test_summary)
{
	const char *f = ev_file("b.csv", binary_sheet);
	struct sheetfile_info info;
	char want[1024], err[512], mean[64];
	struct sheet *s;
	struct ev_res r;

	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	ev_ok(&r);
	s = sheetfile_load(f, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sscanf(r.out, "rows=5\nmean_loss=%63s", mean), 1);
	ev_bits(strtod(mean, NULL), sheet_mean_loss(s), "mean_loss");
	ck_assert_close(strtod(mean, NULL), (2 * 0.3010299956639812 +
	    8.7739243075051505E-3 + 1 + 4.5757490560675115E-2) / 5, 1e-12);
	snprintf(want, sizeof(want), "rows=5\nmean_loss=%s\naccuracy=0.6\n"
	    "not_normalized=0\nout_of_range=0\nnot_one_hot=0\nlog_zero=0\n"
	    "forms_disagree=0\nconfident_wrong=1\noverflow=0\nnan=0\n", mean);
	ck_assert_str_eq(r.out, want);
	sheet_free(s);
	sheetfile_info_free(&info);
	ev_free(&r);
}
END_TEST

/* Summary flag counts agree with the library on a sheet that trips many. */
START_TEST(test_summary_flags)
{
	const char *f = ev_file("p.csv", "# mode: probs\nis_a,is_b,a,b\n"
	    "1,0,0.5,0.6\n1,0,1.5,-0.5\n0.5,0.5,0.5,0.5\n1,0,0,1\n1,0,nan,1\n"
	    "0,1,0.3,0.7\n");
	struct sheetfile_info info;
	struct sheet *s;
	struct ev_res r;
	char want[64], err[512];
	int i;

	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	ev_ok(&r);
	s = sheetfile_load(f, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_ptr_eq(strstr(r.out, "rows=6\n"), r.out);
	for (i = 0; i < SHEET_NFLAGS; i++) {
		snprintf(want, sizeof(want), "\n%s=%ld\n", sheet_flag_name(i),
		    sheet_flag_count(s, 1u << i));
		ck_assert_msg(strstr(r.out, want) != NULL, "no '%s' in %s",
		    want + 1, r.out);
	}
	ck_assert_ptr_nonnull(strstr(r.out, "\nnot_one_hot=1\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nlog_zero=1\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nnan=1\n"));
	ck_assert_ptr_null(strstr(r.out, "\nout_of_range=0\n"));
	ck_assert_int_eq(ev_lines(r.out), 3 + SHEET_NFLAGS);
	sheet_free(s);
	sheetfile_info_free(&info);
	ev_free(&r);
}
END_TEST

/* "-" reads standard input, named <stdin> in messages. */
START_TEST(test_stdin)
{
	struct ev_res r, b;
	const char *f = ev_file("b.csv", binary_sheet);

	ev_run(&r, binary_sheet, "eval", "-", NULL);
	ev_ok(&r);
	ev_run(&b, NULL, "eval", f, NULL);
	ck_assert_str_eq(r.out, b.out);
	ev_free(&r);
	ev_free(&b);
	ev_run(&r, "a,b\n1,2\n1\n", "eval", "-", NULL);
	ev_refused(&r, "<stdin>", 3);
	ev_free(&r);
}
END_TEST

/* Command-line settings override the file's: base 10 becomes base e. */
START_TEST(test_cli_overrides_file)
{
	const char *f = ev_file("b.csv", binary_sheet);
	struct ev_res r;

	ev_run(&r, NULL, "eval", "--base", "e", f, NULL);
	ev_ok(&r);
	ck_assert_close(ev_num(r.out, 1, "loss"), log(2), 1e-15);
	ck_assert_close(ev_num(r.out, 3, "loss"), log(10), 1e-15);
	ev_free(&r);
	f = ev_file("l.csv", "# mode: probs\nlabel,a,b\na,0.25,0.75\n");
	ev_run(&r, NULL, "eval", "--mode", "logits", "--base", "2", f, NULL);
	/* Probabilities read as logits: computed, with the warning. */
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "look like probabilities"));
	ck_assert_ptr_nonnull(strstr(r.out, ",exp_a,exp_b,"));
	ck_assert_close(ev_num(r.out, 1, "loss"), log2(1 + exp(0.5)), 1e-14);
	ev_free(&r);
}
END_TEST

/* Probabilities passed as logits: told once on stderr, exactly, when
 * every row is in [0, 1] and sums to 1; log-probabilities get a note;
 * one row that breaks it, probs mode, or a binary sheet, and nothing is
 * said.  Decided at the end, over every block. */
START_TEST(test_probs_as_logits)
{
	static const char warn[] = ": these outputs look like probabilities "
	    "(each row is in [0, 1] and sums to 1): was softmax applied "
	    "twice? use --mode probs\n";
	size_t cap = 6000 * 40, n = 0;
	char *big = malloc(cap), want[600];
	const char *f;
	struct ev_res r;
	int i;

	f = ev_file("p.csv", "label,a,b,c\na,0.2,0.3,0.5\nb,1,0,0\n");
	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	ck_assert_int_eq(r.status, 0);
	snprintf(want, sizeof(want), "xent: %s%s", f, warn);
	ck_assert_str_eq(r.err, want);
	ck_assert_ptr_nonnull(strstr(r.out, "rows=2\n"));
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--mode", "probs", f, NULL);
	ev_ok(&r);
	ev_free(&r);
	f = ev_file("q.csv", "label,a,b,c\na,0.2,0.3,0.5\nb,1,0,0.1\n");
	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	ev_free(&r);
	ev_run(&r, "a,b\n0.5,0.5\n", "eval", "-", NULL);
	snprintf(want, sizeof(want), "xent: <stdin>%s", warn);
	ck_assert_str_eq(r.err, want);
	ev_free(&r);
	/* log_softmax output: ln 0.25, ln 0.75. */
	f = ev_file("l.csv", "label,a,b\nb,-1.3862943611198906,"
	    "-0.2876820724517809\n");
	ev_run(&r, NULL, "eval", f, NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "look like log-probabilities "
	    "(every row's log-sum-exp is 0): the loss is the same as from "
	    "the logits\n"));
	/* One line. */
	ck_assert_ptr_null(strchr(r.err, '\n')[1] ? r.err : NULL);
	ev_free(&r);
	/* A binary sheet says nothing: one column is no distribution. */
	f = ev_file("b.csv", "label,cat\n1,0.5\n");
	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	ev_free(&r);
	/* Over several blocks: all probabilities, then one logit row at
	 * the very end. */
	ck_assert_ptr_nonnull(big);
	n = snprintf(big, cap, "a,b\n");
	for (i = 0; i < 5000; i++)
		n += snprintf(big + n, cap - n, "0.25,0.75\n");
	f = ev_file_len("m.csv", big, n);
	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	snprintf(want, sizeof(want), "xent: %s%s", f, warn);
	ck_assert_str_eq(r.err, want);
	ev_free(&r);
	n += snprintf(big + n, cap - n, "2,3\n");
	f = ev_file_len("m.csv", big, n);
	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	ev_ok(&r);
	ev_free(&r);
	free(big);
}
END_TEST

/* A sheet without targets: empty loss and if_form, an empty mean. */
START_TEST(test_no_targets)
{
	const char *f = ev_file("n.csv", "a,b\n1,2\n3,3\n");
	struct ev_res r;

	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	ck_assert_str_eq(ev_text(r.out, 1, "loss"), "");
	ck_assert_str_eq(ev_text(r.out, 2, "if_form"), "");
	ck_assert_str_eq(ev_text(r.out, 1, "pred"), "b");
	ck_assert_close(ev_num(r.out, 2, "p_a"), 0.5, 0);
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	ev_ok(&r);
	ck_assert_ptr_eq(strstr(r.out, "rows=2\nmean_loss=\naccuracy=\n"),
	    r.out);
	ev_free(&r);
}
END_TEST

/* CRLF, a BOM, quoted and UTF-8 names come through to the output. */
START_TEST(test_names_in_output)
{
	const char *f = ev_file("q.csv", "\xEF\xBB\xBFlabel,\"a,b\",猫,"
	    "\"say \"\"hi\"\"\"\r\n猫,1,2,3\r\n");
	struct ev_res r;

	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	ck_assert_ptr_eq(strstr(r.out, "label,\"a,b\",猫,\"say \"\"hi\"\"\","
	    "\"exp_a,b\",exp_猫,\"exp_say \"\"hi\"\"\",sum,\"p_a,b\",p_猫,"
	    "\"p_say \"\"hi\"\"\",pred,loss,if_form,flags\n猫,1,2,3,"), r.out);
	ck_assert_ptr_null(strchr(r.out, '\r'));
	ck_assert_int_eq(ev_lines(r.out), 2);
	ev_free(&r);
}
END_TEST

/* One refused input: its text and the line the message must name. */
struct ev_bad {
	const char	*text;
	size_t		 len;		/* 0: strlen(text) */
	long		 line;
};

#define ELF "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\x03\0>\0"

static const struct ev_bad ev_bad_inputs[] = {
	{ "", 0, 1 },
	{ "# mode: probs\n# base: 2\na,b\n1,2\n1,2,3\n", 0, 5 },
	{ "a,b\r\n1,2\r\n3\r\n", 0, 3 },
	{ "a,b\n1,2\n1,two\n", 0, 3 },
	{ "label,a,b\na,1,2\nz,1,2\n", 0, 3 },
	{ "label,a,b\n5,1,2\n", 0, 2 },
	{ "is_a,is_z,a,b\n1,0,1,2\n", 0, 1 },
	{ "# title: t\nis_a,a,b\n1,1,2\n", 0, 2 },
	{ "a,b,a\n1,2,3\n", 0, 1 },
	{ "id,label\nx,0\n", 0, 1 },
	{ "a,b\n1,2\n\"3,4\n5,6\n", 0, 3 },
	{ "a,b\n1,2\n3,4\0\n", sizeof("a,b\n1,2\n3,4\0\n") - 1, 3 },
	{ ELF, sizeof(ELF) - 1, 1 },
	{ "a,b\n\xff\xfe\n", 0, 2 },
	{ "# mode: soft\na,b\n1,2\n", 0, 1 },
	{ "# title: t\n# base: 3\na,b\n1,2\n", 0, 2 },
	{ "a,loss\n1,2\n", 0, 1 },
	{ "a,p_b\n1,2\n", 0, 1 },
	{ "label,is_a,a,b\n0,1,1,2\n", 0, 1 },
	{ "is_a,is_b,a,b\n1,0,1,2\n\n,0,1,2\n", 0, 4 },
	{ "# color: red\na,b\n1,2\n", 0, 1 },
	{ "# mode: logits\n# weights: 1,2,3\nlabel,a,b\na,1,2\n", 0, 2 },
	{ "# mode: probs\n# temperature: 2\na,b\n1,2\n", 0, 2 },
	{ "label,cat\ndog,0.5\n", 0, 2 },
};

/* Each bad input: exit 1, no output, one located message. */
START_TEST(test_bad_input)
{
	const struct ev_bad *b = &ev_bad_inputs[_i];
	const char *f = ev_file_len("bad.csv", b->text,
	    b->len ? b->len : strlen(b->text));
	struct ev_res r;

	ev_run(&r, NULL, "eval", f, NULL);
	ev_refused(&r, f, b->line);
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--summary", "--format", "md", f, NULL);
	ev_refused(&r, f, b->line);
	ev_free(&r);
}
END_TEST

/* Missing files, directories, unreadable files and a field over 65536
 * bytes: one message, exit 1. */
START_TEST(test_unreadable)
{
	char missing[128], *buf = malloc(70000 + 64);
	const char *f;
	struct ev_res r;

	snprintf(missing, sizeof(missing), "%s/missing.csv", ev_dir);
	ev_run(&r, NULL, "eval", missing, NULL);
	ev_refused(&r, missing, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "No such file"));
	ev_free(&r);
	ev_run(&r, NULL, "eval", ev_dir, NULL);
	ev_refused(&r, ev_dir, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "is a directory"));
	ev_free(&r);
	f = ev_file("locked.csv", "a,b\n1,2\n");
	ck_assert_int_eq(chmod(f, 0), 0);
	ev_run(&r, NULL, "eval", f, NULL);
	if (geteuid() != 0) {
		ev_refused(&r, f, 0);
		ck_assert_ptr_nonnull(strstr(r.err, "Permission denied"));
	} else
		ck_assert_int_eq(r.status, 0);	/* root reads it anyway */
	ev_free(&r);
	ck_assert_ptr_nonnull(buf);
	strcpy(buf, "# mode: probs\na,b\n1,\"");
	memset(buf + 21, '7', 70000);
	strcpy(buf + 21 + 70000, "\"\n");
	f = ev_file("long.csv", buf);
	free(buf);
	ev_run(&r, NULL, "eval", f, NULL);
	ev_refused(&r, f, 3);
	ck_assert_ptr_nonnull(strstr(r.err, "65536"));
	ev_free(&r);
}
END_TEST

/* Writes a sheet file NAME of a HEAD line, ROW repeated N times, then
 * TAIL (may be ""), quickly; returns its path. */
static const char *
ev_repeat(const char *name, const char *head, const char *row, long n,
    const char *tail)
{
	static char path[256];
	size_t len = strlen(row);
	FILE *f;
	long i;

	snprintf(path, sizeof(path), "%s/%s", ev_dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	fputs(head, f);
	for (i = 0; i < n; i++)
		fwrite(row, 1, len, f);
	fputs(tail, f);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

/* A sheet of N rows of three classes whose every row differs, with a
 * setting LINE ("" for none); returns its text (malloc'd). */
static char *
ev_varied(long n, const char *line)
{
	static const char *const labels[] = { "a", "b", "c", "1", "" };
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	unsigned long x = 12345;
	long i;
	int k;

	ck_assert_ptr_nonnull(f);
	fprintf(f, "%sid,label,a,b,c\n", line);
	for (i = 0; i < n; i++) {
		fprintf(f, "r%ld,%s", i, labels[i % 5]);
		for (k = 0; k < 3; k++) {
			x = x * 6364136223846793005ul + 1442695040888963407ul;
			fprintf(f, ",%.6f", (double)(x >> 11) / 9007199254740992.0
			    * 16 - 8);
		}
		fputc('\n', f);
	}
	fclose(f);
	return text;
}

/* The whole-file path: PATH loaded at once, ARGS' setting applied over
 * the file's (NAME NULL: none), written as a table (TABLE) or summary. */
static char *
ev_whole(const char *path, const char *name, const char *value, int table)
{
	struct sheetfile_settings cli;
	struct sheetfile_info info;
	char err[1024], *out;
	size_t len;
	struct sheet *s;
	FILE *f;

	memset(&cli, 0, sizeof(cli));
	s = sheetfile_load(path, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	if (name != NULL) {
		ck_assert_int_eq(sheetfile_setting(&cli, sheetfile_key(name),
		    value, err, sizeof(err)), 0);
		ck_assert_int_eq(sheetfile_apply(s, &cli, path, err,
		    sizeof(err)), 0);
	}
	ck_assert_ptr_nonnull(f = open_memstream(&out, &len));
	if (table)
		ck_assert_int_eq(sheetfile_write_table(f, s, &info, SF_CSV), 0);
	else
		ck_assert_int_eq(sheetfile_write_summary(f, s), 0);
	fclose(f);
	sheet_free(s);
	sheetfile_info_free(&info);
	sheetfile_settings_free(&cli);
	return out;
}

/* Summaries agree; the mean exactly when EXACT, else to 1e-12 relative,
 * since blocks add their losses in another order than one sheet does. */
static void
ev_same_summary(const char *got, const char *want, int exact)
{
	const char *g = strstr(got, "mean_loss="), *w = strstr(want,
	    "mean_loss=");
	double a, b;

	if (exact || g == NULL || w == NULL) {
		ck_assert_str_eq(got, want);
		return;
	}
	a = strtod(g + 10, NULL);
	b = strtod(w + 10, NULL);
	ck_assert_msg(fabs(a - b) <= 1e-12 * fabs(b), "mean %.17g, whole %.17g",
	    a, b);
	ck_assert_int_eq(g - got, w - want);
	ck_assert_int_eq(strncmp(got, want, g - got), 0);
	ck_assert_str_eq(strchr(g, '\n'), strchr(w, '\n'));
}

/* Files of 1, 4095, 4096, 4097 and 8193 rows: block boundaries change
 * nothing in the table or the summary, with or without settings. */
START_TEST(test_stream_block_boundaries)
{
	static const long sizes[] = { 1, 4095, 4096, 4097, 8193 };
	long n = sizes[_i];
	char *text = ev_varied(n, "# weights: 1,2,0.5\n"), *want;
	const char *f = ev_file("blocks.csv", text);
	struct ev_res r;

	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	want = ev_whole(f, NULL, NULL, 1);
	ck_assert_int_eq(ev_lines(r.out), n + 1);
	ck_assert_msg(strcmp(r.out, want) == 0, "%ld rows: tables differ", n);
	free(want);
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	ev_ok(&r);
	want = ev_whole(f, NULL, NULL, 0);
	ev_same_summary(r.out, want, n <= SHEETFILE_BLOCK);
	free(want);
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--summary", "--label-smoothing", "0.1", f,
	    NULL);
	ev_ok(&r);
	want = ev_whole(f, "label-smoothing", "0.1", 0);
	ev_same_summary(r.out, want, n <= SHEETFILE_BLOCK);
	free(want);
	ev_free(&r);
	free(text);
}
END_TEST

/* Standard input streams too: the same table and summary as the file. */
START_TEST(test_stream_stdin_large)
{
	char *text = ev_varied(10000, "# temperature: 1.5\n"), *want;
	const char *f = ev_file("in.csv", text);
	struct ev_res r;

	ev_run(&r, text, "eval", "-", NULL);
	ev_ok(&r);
	want = ev_whole(f, NULL, NULL, 1);
	ck_assert(strcmp(r.out, want) == 0);
	free(want);
	ev_free(&r);
	ev_run(&r, text, "eval", "--summary", "-", NULL);
	ev_ok(&r);
	want = ev_whole(f, NULL, NULL, 0);
	ev_same_summary(r.out, want, 0);
	free(want);
	ev_free(&r);
	free(text);
}
END_TEST

/* Every sheet of these tests gives, streamed by the binary, what the
 * whole sheet gives in memory. */
START_TEST(test_stream_equals_memory)
{
	static const char *const sheets[] = {
		binary_sheet, five_sheet,
		"is_a,is_b,a,b\n0.3,0.7,1,2\n1,0,2,1\n",
		"# label-smoothing: 0.2\nlabel,a,b,c\nc,1,2,3\na,0,0,9\n",
		"# mode: probs\nlabel,a,b\na,0.5,0.6\nb,0,1\n,0.2,0.8\n",
		"# temperature: 3\n# weights: 2,1\nlabel,a,b\nb,4,1\na,1,1\n",
		"label,cat\n1,0.25\n0,3\n",
	};
	const char *f = ev_file("m.csv", sheets[_i]);
	struct ev_res r;
	char *want;

	ev_run(&r, NULL, "eval", f, NULL);
	ev_ok(&r);
	want = ev_whole(f, NULL, NULL, 1);
	ck_assert_str_eq(r.out, want);
	free(want);
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	ev_ok(&r);
	want = ev_whole(f, NULL, NULL, 0);
	ck_assert_str_eq(r.out, want);
	free(want);
	ev_free(&r);
}
END_TEST

/* A bad row at line 900,000 is told with its line, exit 1, and the
 * summary writes nothing. */
START_TEST(test_stream_far_bad_row)
{
	const char *f = ev_repeat("far.csv", "a,b\n", "1,2\n", 899998, "1\n");
	struct ev_res r;

	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	ev_refused(&r, f, 900000);
	ck_assert_ptr_nonnull(strstr(r.err, "this row has 1 fields"));
	ev_free(&r);
}
END_TEST

/* Past 4 MB of table, a bad row ends the table where it is: every row
 * before it is written, whole, then the message and exit 1. */
START_TEST(test_stream_bad_row_after_output)
{
	const char *f = ev_repeat("late.csv", "cat\n", "0.5\n", 100000, "x\n");
	struct ev_res r;
	size_t n;

	ev_run(&r, NULL, "eval", f, NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, ":100002: 'x' in column 'cat' is "
	    "not a number"));
	n = strlen(r.out);
	ck_assert_uint_gt(n, 4u << 20);
	ck_assert_int_eq(r.out[n - 1], '\n');
	ck_assert_int_eq(ev_lines(r.out), 100001);
	ev_free(&r);
}
END_TEST

/* The same for --filter and JSON Lines, whose rows are picked on two
 * threads and written in order; --top and --sort, which write at the
 * end, write nothing. */
START_TEST(test_rows_bad_row_after_output)
{
	const char *f = ev_repeat("late2.csv", "cat\n", "0.5\n", 100000,
	    "x\n");
	static const char *const stream[][3] = {
		{ "--filter", "sum > 0", NULL },
		{ "--format", "json", NULL },
	};
	struct ev_res r;
	size_t i, n;

	for (i = 0; i < 2; i++) {
		ev_run(&r, NULL, "eval", stream[i][0], stream[i][1], f, NULL);
		ck_assert_int_eq(r.status, 1);
		ck_assert_ptr_nonnull(strstr(r.err, ":100002: 'x' in column "
		    "'cat' is not a number"));
		n = strlen(r.out);
		ck_assert_uint_gt(n, 4u << 20);
		ck_assert_int_eq(r.out[n - 1], '\n');
		ck_assert_int_eq(ev_lines(r.out), i == 0 ? 100001 : 100000);
		ev_free(&r);
	}
	ev_run(&r, NULL, "eval", "--top", "3", f, NULL);
	ev_refused(&r, f, 100002);
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--sort", "loss", f, NULL);
	ev_refused(&r, f, 100002);
	ev_free(&r);
}
END_TEST

/* A bad row in a file of ordinary size writes nothing to stdout, late in
 * the file or not, table or summary. */
START_TEST(test_stream_small_bad_writes_nothing)
{
	const char *f = ev_repeat("small.csv", "label,a,b\n", "a,1,2\n", 20000,
	    "c,1,2\n");
	struct ev_res r;

	ev_run(&r, NULL, "eval", f, NULL);
	ev_refused(&r, f, 20002);
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--format", "md", f, NULL);
	ev_refused(&r, f, 20002);
	ev_free(&r);
	ev_run(&r, NULL, "eval", "--summary", f, NULL);
	ev_refused(&r, f, 20002);
	ev_free(&r);
}
END_TEST

/* eval streams what the grid refuses: /dev/zero stops at once at its
 * first byte with one clear message, and a FIFO is read to its end once
 * a writer comes (the alarm ends the test if either hangs). */
START_TEST(test_stream_devices)
{
	char fifo[256];
	struct ev_res r;
	pid_t pid;
	int fd, st;

	alarm(20);
	ev_run(&r, NULL, "eval", "--summary", "/dev/zero", NULL);
	ev_refused(&r, "/dev/zero", 1);
	ck_assert_ptr_nonnull(strstr(r.err, "NUL byte in input"));
	ev_free(&r);
	snprintf(fifo, sizeof(fifo), "%s/fifo", ev_dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	fflush(NULL);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		fd = open(fifo, O_WRONLY);
		if (fd < 0 || write(fd, "label,a,b\nb,1,2\n", 16) != 16)
			_exit(1);
		_exit(close(fd) != 0);
	}
	ev_run(&r, NULL, "eval", "--summary", fifo, NULL);
	ev_ok(&r);
	ck_assert_ptr_nonnull(strstr(r.out, "rows=1\n"));
	ev_free(&r);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_int_eq(st, 0);
	unlink(fifo);
	alarm(0);
}
END_TEST

/* Counts the watcher's calls; cancels at call CANCEL_AT (0: never). */
struct watch_count {
	int			calls, cancel_at;
	unsigned long long	bytes;
	long			rows;
};

static int
watch_count(void *arg, unsigned long long bytes, long rows)
{
	struct watch_count *w = arg;

	ck_assert(bytes >= w->bytes && rows >= w->rows);
	w->bytes = bytes;
	w->rows = rows;
	return ++w->calls == w->cancel_at;
}

/* The grid's load tells its watcher the bytes and rows so far, and stops
 * cleanly, status 130, when the watcher cancels. */
START_TEST(test_load_watched)
{
	struct sheetfile_settings set;
	struct sheetfile_info info;
	struct watch_count w = { 0, 0, 0, 0 };
	char path[600];
	struct sheet *s;
	FILE *f;
	long r;
	int status = 0;

	memset(&set, 0, sizeof(set));
	snprintf(path, sizeof(path), "%s/watched.csv", tu_tmp());
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("label,a,b,c,d\n", f);
	for (r = 0; r < 600000; r++)
		fputs("a,1,2,3,4\n", f);
	fclose(f);
	s = cli_load_watched(path, &set, &info, &status, watch_count, &w);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(sheet_rows(s), 600000);
	ck_assert_int_ge(w.calls, 2);
	ck_assert_int_eq(w.rows, 600000);
	ck_assert_int_gt(w.bytes, 5000000);
	sheet_free(s);
	sheetfile_info_free(&info);
	w = (struct watch_count){ 0, 1, 0, 0 };
	status = 0;
	ck_assert_ptr_null(cli_load_watched(path, &set, &info, &status,
	    watch_count, &w));
	ck_assert_int_eq(status, XENT_EXIT_CANCEL);
	unlink(path);
}
END_TEST

Suite *
eval_suite(void)
{
	Suite *s = suite_create("eval");
	TCase *cli = tcase_create("cli"), *num = tcase_create("numbers");
	TCase *fmt = tcase_create("formats"), *bad = tcase_create("errors");
	TCase *str = tcase_create("stream");
	TCase *all[] = { cli, num, fmt, bad, str };
	size_t i;

	tcase_add_test(cli, test_help_version);
	tcase_add_test(cli, test_usage_errors);
	tcase_add_test(cli, test_stdin);
	tcase_add_test(str, test_load_watched);
	tcase_add_test(str, test_stream_devices);
	tcase_add_test(cli, test_cli_overrides_file);
	tcase_add_test(cli, test_probs_as_logits);
	tcase_add_test(num, test_binary_numbers);
	tcase_add_test(num, test_five_class_numbers);
	tcase_add_test(num, test_numbers_round_trip);
	tcase_add_test(num, test_special_values);
	tcase_add_test(num, test_no_targets);
	tcase_add_test(fmt, test_formats);
	tcase_add_test(fmt, test_summary);
	tcase_add_test(fmt, test_summary_flags);
	tcase_add_test(fmt, test_names_in_output);
	tcase_add_loop_test(bad, test_bad_input, 0,
	    sizeof(ev_bad_inputs) / sizeof(ev_bad_inputs[0]));
	tcase_add_test(bad, test_unreadable);
	tcase_add_loop_test(str, test_stream_block_boundaries, 0, 5);
	tcase_add_test(str, test_stream_stdin_large);
	tcase_add_loop_test(str, test_stream_equals_memory, 0, 7);
	tcase_add_test(str, test_stream_far_bad_row);
	tcase_add_test(str, test_stream_bad_row_after_output);
	tcase_add_test(str, test_rows_bad_row_after_output);
	tcase_add_test(str, test_stream_small_bad_writes_nothing);
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		tcase_add_checked_fixture(all[i], ev_setup, ev_teardown);
		tcase_set_timeout(all[i], 60);
		suite_add_tcase(s, all[i]);
	}
	return s;
}
