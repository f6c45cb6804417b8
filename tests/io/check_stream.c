/*
 * check_stream.c - sheet files read a block of rows at a time
 * (sheetfile_open, sheetfile_read): the table and the summary come out as
 * from the whole sheet loaded at once, for every kind of sheet and any
 * block size; settings are in force before the first row; errors keep
 * their order and lines.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sheet.h"
#include "io/defaults.h"
#include "io/sheetfile.h"
#include "io/sheetrun.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* Every kind of sheet the other tests use, and a few more. */
static const char *const stt_sheets[] = {
	/* binary, probs, base 10 */
	"# mode: probs\n# base: 10\nis_cat,cat\n1,0.5\n1,0.98\n0,0.9\n0,0.5\n"
	"1,0.9\n",
	/* binary logits, labels as names and indices, one without target */
	"label,cat\n1,0.3\n0,-2\ncat,1\nnot_cat,4\n,0.5\n1,-40\n",
	/* five classes, the lecture's example */
	"label,cat,dog,plane,fish,building\n"
	"fish,2.1789294543326676E-2,-2.4880559194860128,-1.7505557283129267,"
	"2.0704092459877179,1.2502573466234175\n"
	"dog,1,2,3,4,5\ncat,-1,0,1,0,-1\n",
	/* soft targets */
	"is_a,is_b,is_c,a,b,c\n0.2,0.3,0.5,1,2,3\n1,0,0,0.5,0.1,-1\n"
	",,,1,1,1\n0,0.5,0.5,3,-2,0.25\n0.1,0.1,0.1,0,0,0\n",
	/* weights, one-hot */
	"# weights: 1,2,0.5\nlabel,a,b,c\na,1,2,3\nb,0.5,0.25,4\nc,-1,2,0\n"
	"b,7,1,1\nc,0,0,0\n",
	/* weights with a soft target: divided by the row count */
	"# weights: 1,3\nis_a,is_b,a,b\n1,0,1,2\n0.5,0.5,2,1\n0,1,0,3\n",
	/* label smoothing */
	"# label-smoothing: 0.1\nlabel,a,b,c\na,1,2,3\nc,3,2,1\nb,0,9,0\n",
	/* temperature, and a title */
	"# temperature: 2.5\n# title: warm\nlabel,a,b\nb,1,2\na,10,-10\n"
	"a,800,0\n",
	/* probs with every kind of flag */
	"# mode: probs\nlabel,a,b\na,0.5,0.6\nb,0,1\na,0,1\n,0.3,0.7\n"
	"b,1.5,-0.5\na,0.95,0.05\nb,0.95,0.05\n",
	/* row labels, quoted */
	"id,label,a,b\nr1,a,1,2\n\"r,2\",b,3,1\n,a,0,0\n",
	/* no targets */
	"a,b\n1,2\n3,3\n",
	/* infinities and NaN */
	"label,a,b\na,inf,1\nb,nan,2\na,-inf,0\nb,1e308,1e308\n",
	/* CRLF and a BOM */
	"\xEF\xBB\xBFlabel,x,w\r\nx,1,2\r\nw,2,1\r\n",
};

/* Block sizes: one row, a few, and more than any sheet here. */
static const long stt_blocks[] = { 1, 2, 3, 5, SHEETFILE_BLOCK };

/* The settings of a command line: none, or base 2 with confident 0.6. */
static void
stt_cli(struct sheetfile_settings *cli, int which)
{
	char err[256];

	memset(cli, 0, sizeof(*cli));
	if (which == 0)
		return;
	ck_assert_int_eq(sheetfile_setting(cli, SF_BASE, "2", err,
	    sizeof(err)), 0);
	ck_assert_int_eq(sheetfile_setting(cli, SF_CONFIDENT, "0.6", err,
	    sizeof(err)), 0);
}

/* The whole-file path: load TEXT, then apply CLI over its settings. */
static struct sheet *
stt_whole(const char *text, const struct sheetfile_settings *cli,
    struct sheetfile_info *info)
{
	char err[1024] = "";
	struct sheet *s = sheetfile_load_mem("t.csv", text, strlen(text), info,
	    err, sizeof(err));

	ck_assert_msg(s != NULL, "load failed: %s", err);
	ck_assert_msg(sheetfile_apply(s, cli, "t.csv", err, sizeof(err)) == 0,
	    "%s", err);
	return s;
}

/* What the stream writes for TEXT in blocks of MAX rows: the table in
 * FMT into *TABLE, the summary into *SUM (both malloc'd). */
static void
stt_stream(const char *text, const struct sheetfile_settings *cli, long max,
    enum sheetfile_format fmt, char **table, char **sum)
{
	struct sheetfile_totals t;
	struct sheetfile_info info;
	struct sheetfile_stream *st;
	struct sheet *s;
	char err[1024] = "";
	size_t tn, sn;
	FILE *tf = open_memstream(table, &tn), *sf = open_memstream(sum, &sn);
	long n;

	memset(&t, 0, sizeof(t));
	st = sheetfile_open_mem("t.csv", text, strlen(text), cli, &info, err,
	    sizeof(err));
	ck_assert_msg(st != NULL, "open failed: %s", err);
	ck_assert_ptr_nonnull(s = sheetfile_block(st));
	ck_assert_int_eq(sheetfile_write_head(tf, s, &info, fmt), 0);
	while ((n = sheetfile_read(st, s, max, err, sizeof(err))) > 0) {
		ck_assert_int_le(n, max);
		ck_assert_int_eq(sheet_rows(s), n);
		ck_assert_int_eq(sheetfile_write_rows(tf, s, &info, fmt), 0);
		sheetfile_totals_add(&t, s);
		sheet_free(s);
		ck_assert_ptr_nonnull(s = sheetfile_block(st));
	}
	ck_assert_msg(n == 0, "read failed: %s", err);
	sheet_free(s);
	ck_assert_int_eq(sheetfile_write_totals(sf, &t), 0);
	sheetfile_close(st);
	sheetfile_info_free(&info);
	fclose(tf);
	fclose(sf);
}

/* Summaries WANT and GOT agree line by line; the mean exactly when
 * EXACT, else to 1e-12 relative (blocks add their sums in another
 * order than one sheet's tree does). */
static void
stt_same_summary(const char *want, const char *got, int exact)
{
	const char *w = want, *g = got;
	size_t wn, gn;

	if (exact) {
		ck_assert_str_eq(got, want);
		return;
	}
	while (*w != '\0' && *g != '\0') {
		wn = strcspn(w, "\n");
		gn = strcspn(g, "\n");
		if (strncmp(w, "mean_loss=", 10) == 0 && wn > 10 && gn > 10 &&
		    strncmp(g, "mean_loss=", 10) == 0) {
			double a = strtod(w + 10, NULL), b = strtod(g + 10, NULL);

			if (!(isnan(a) && isnan(b)) && a != b)
				ck_assert_msg(fabs(a - b) <= 1e-12 * fabs(a),
				    "mean %.17g, whole-file %.17g", b, a);
		} else
			ck_assert_msg(wn == gn && strncmp(w, g, wn) == 0,
			    "summary line '%.*s', whole-file '%.*s'", (int)gn,
			    g, (int)wn, w);
		w += wn + (w[wn] != '\0');
		g += gn + (g[gn] != '\0');
	}
	ck_assert_str_eq(g, w);
}

/* Streams TEXT in every block size and format and compares with the
 * whole sheet. */
static void
stt_compare(const char *text, int which_cli)
{
	static const enum sheetfile_format fmts[] = { SF_CSV, SF_TSV, SF_MD };
	struct sheetfile_settings cli;
	struct sheetfile_info info;
	char *want, *wsum, *table, *sum;
	size_t wn, sn, b, f;
	struct sheet *s;
	FILE *wf, *ws;

	stt_cli(&cli, which_cli);
	s = stt_whole(text, &cli, &info);
	ws = open_memstream(&wsum, &sn);
	ck_assert_int_eq(sheetfile_write_summary(ws, s), 0);
	fclose(ws);
	for (f = 0; f < 3; f++) {
		wf = open_memstream(&want, &wn);
		ck_assert_int_eq(sheetfile_write_table(wf, s, &info, fmts[f]), 0);
		fclose(wf);
		for (b = 0; b < sizeof(stt_blocks) / sizeof(stt_blocks[0]); b++) {
			stt_stream(text, &cli, stt_blocks[b], fmts[f], &table,
			    &sum);
			ck_assert_msg(strcmp(table, want) == 0, "block %ld:\n%s\n"
			    "whole-file:\n%s", stt_blocks[b], table, want);
			stt_same_summary(wsum, sum,
			    stt_blocks[b] >= sheet_rows(s));
			free(table);
			free(sum);
		}
		free(want);
	}
	free(wsum);
	sheet_free(s);
	sheetfile_info_free(&info);
	sheetfile_settings_free(&cli);
}

/* Each sheet, streamed, writes what the whole sheet writes. */
START_TEST(test_stream_equals_whole)
{
	stt_compare(stt_sheets[_i], 0);
}
END_TEST

/* The same with settings from the command line over the file's. */
START_TEST(test_stream_equals_whole_cli)
{
	stt_compare(stt_sheets[_i], 1);
}
END_TEST

/* The built-in sheet too. */
START_TEST(test_stream_defaults)
{
	stt_compare(defaults_sheet, 0);
}
END_TEST

/* A block sheet has every setting, the command line's too, before its
 * first row: rows are computed once, with them. */
START_TEST(test_stream_settings_first)
{
	static const char text[] = "# label-smoothing: 0.2\n# title: t\n"
	    "label,a,b,c\na,1,2,3\n";
	struct sheetfile_settings cli;
	struct sheetfile_info info;
	struct sheetfile_stream *st;
	struct sheet *s;
	char err[256];

	memset(&cli, 0, sizeof(cli));
	ck_assert_int_eq(sheetfile_setting(&cli, SF_TEMPERATURE, "4", err,
	    sizeof(err)), 0);
	ck_assert_int_eq(sheetfile_setting(&cli, SF_WEIGHTS, "1,2,3", err,
	    sizeof(err)), 0);
	st = sheetfile_open_mem("t.csv", text, strlen(text), &cli, &info, err,
	    sizeof(err));
	ck_assert_ptr_nonnull(st);
	ck_assert_ptr_nonnull(s = sheetfile_block(st));
	ck_assert_int_eq(sheet_rows(s), 0);
	ck_assert_double_eq(sheet_opts(s)->temperature, 4);
	ck_assert_double_eq(sheet_opts(s)->smoothing, 0.2);
	ck_assert_ptr_nonnull(sheet_opts(s)->weights);
	ck_assert_double_eq(sheet_opts(s)->weights[2], 3);
	ck_assert_str_eq(sheet_title(s), "t");
	ck_assert_int_eq(sheet_target_style(s), SHEET_TARGET_LABEL);
	ck_assert_int_eq(sheetfile_read(st, s, 10, err, sizeof(err)), 1);
	ck_assert_int_eq(sheetfile_read(st, s, 10, err, sizeof(err)), 0);
	sheet_free(s);
	sheetfile_close(st);
	sheetfile_info_free(&info);
	sheetfile_settings_free(&cli);
}
END_TEST

/* Opens TEXT with CLI and reads it to the end in blocks of 2: returns the
 * message (static), with *USAGE from sheetfile_usage_error. */
static const char *
stt_error(const char *text, const struct sheetfile_settings *cli,
    int *usage)
{
	static char err[1024];
	struct sheetfile_info info;
	struct sheetfile_stream *st;
	struct sheet *s;
	long n;

	err[0] = '\0';
	*usage = 0;
	st = sheetfile_open_mem("t.csv", text, strlen(text), cli, &info, err,
	    sizeof(err));
	if (st == NULL)
		return err;
	ck_assert_ptr_nonnull(s = sheetfile_block(st));
	while ((n = sheetfile_read(st, s, 2, err, sizeof(err))) > 0)
		;
	ck_assert_int_eq(n, -1);
	*usage = sheetfile_usage_error(st);
	sheet_free(s);
	sheetfile_close(st);
	sheetfile_info_free(&info);
	return err;
}

/* A setting that does not fit is told after the rows, as a whole-file
 * load tells it: a bad row, or no rows at all, comes first. */
START_TEST(test_stream_error_order)
{
	struct sheetfile_settings cli;
	char e[256];
	int usage;

	ck_assert_str_eq(stt_error("# mode: probs\n# temperature: 2\na,b\n"
	    "1,2\n3,4\n5,6\n", NULL, &usage),
	    "t.csv:2: temperature applies to logits mode only");
	ck_assert_int_eq(usage, 0);
	ck_assert_str_eq(stt_error("# mode: probs\n# temperature: 2\na,b\n"
	    "1,2\n3,4\n1\n", NULL, &usage),
	    "t.csv:6: this row has 1 fields, the header has 2");
	ck_assert_ptr_nonnull(strstr(stt_error("# mode: probs\n# temperature: "
	    "2\na,b\n", NULL, &usage), "t.csv:3: no rows under the header"));
	/* A clash the file causes alone is the file's, with its line; one
	 * the command line takes part in is a usage error, without one. */
	memset(&cli, 0, sizeof(cli));
	ck_assert_int_eq(sheetfile_setting(&cli, SF_MODE, "probs", e,
	    sizeof(e)), 0);
	ck_assert_str_eq(stt_error("# temperature: 2\na,b\n1,2\n", &cli,
	    &usage), "temperature applies to logits mode only");
	ck_assert_int_eq(usage, 1);
	ck_assert_str_eq(stt_error("# label-smoothing: 0.5\nlabel,a\n1,2\n",
	    &cli, &usage), "t.csv:1: weights and label-smoothing do not "
	    "apply to a binary sheet (one activation column)");
	ck_assert_int_eq(usage, 0);
	sheetfile_settings_free(&cli);
	ck_assert_int_eq(sheetfile_setting(&cli, SF_TEMPERATURE, "2", e,
	    sizeof(e)), 0);
	ck_assert_str_eq(stt_error("# mode: probs\na,b\n1,2\n", &cli, &usage),
	    "temperature applies to logits mode only");
	ck_assert_int_eq(usage, 1);
	sheetfile_settings_free(&cli);
}
END_TEST

/* Block sizes: a power of two, 4096 for narrow sheets, smaller for wide
 * ones so that a block stays a few megabytes. */
START_TEST(test_stream_block_rows)
{
	int k;

	ck_assert_int_eq(sheetfile_block_rows(1), SHEETFILE_BLOCK);
	ck_assert_int_eq(sheetfile_block_rows(10), SHEETFILE_BLOCK);
	ck_assert_int_lt(sheetfile_block_rows(1000), SHEETFILE_BLOCK);
	for (k = 1; k <= 100000; k *= 3) {
		long n = sheetfile_block_rows(k);

		ck_assert_int_ge(n, 1);
		ck_assert_int_eq(n & (n - 1), 0);
		ck_assert(n == 1 || n * k <= 16L * SHEETFILE_BLOCK);
	}
}
END_TEST

/* --- sheetrun: two threads ----------------------------------------- */

/* What a run saw: the table's rows and the totals, in hand-over order. */
struct stt_run {
	const struct sheetfile_info *info;
	FILE			*f;
	char			*text;
	size_t			 len;
	struct sheetfile_totals	 t;
	long			 blocks, rows;
	int			 bad_blocks;
	long			 bad_rows;	/* rows of the bad block */
};

static int
stt_each(void *arg, int thread, struct sheet *block,
    const struct sheetrun_block *bi)
{
	struct stt_run *R = arg;
	int bad = bi->bad;

	(void)thread;
	ck_assert_int_eq(sheetfile_write_rows(R->f, block, R->info, SF_CSV), 0);
	sheetfile_totals_add(&R->t, block);
	R->blocks++;
	R->rows += sheet_rows(block);
	if (bad) {
		R->bad_blocks++;
		R->bad_rows = sheet_rows(block);
	}
	return 0;
}

/* Runs TEXT through sheetrun with THREADS threads and blocks of ROWS
 * into R; returns sheetrun's result, the message in ERR. */
static int
stt_run(const char *text, int threads, long rows, struct stt_run *R,
    char *err, size_t errlen)
{
	static const struct sheetrun_fns fns = { NULL, stt_each };
	struct sheetfile_info info;
	struct sheetfile_stream *st;
	int rc;

	memset(R, 0, sizeof(*R));
	st = sheetfile_open_mem("t.csv", text, strlen(text), NULL, &info, err,
	    errlen);
	ck_assert_msg(st != NULL, "%s", err);
	R->info = &info;
	ck_assert_ptr_nonnull(R->f = open_memstream(&R->text, &R->len));
	rc = sheetrun(st, threads, rows, &fns, R, err, errlen);
	fclose(R->f);
	sheetfile_close(st);
	sheetfile_info_free(&info);
	return rc;
}

/* A sheet of N rows with soft and hard targets, smoothing and weights,
 * every row different; BAD1 and BAD2 (1-based rows, 0: none) are bad. */
static char *
stt_varied(long n, long bad1, long bad2)
{
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	unsigned long x = 777;
	long i;
	int k;

	ck_assert_ptr_nonnull(f);
	fputs("# label-smoothing: 0.05\n# weights: 1,2,0.5\n"
	    "is_a,is_b,is_c,a,b,c\n", f);
	for (i = 1; i <= n; i++) {
		if (i == bad1 || i == bad2) {
			fputs("1,0,0,1,2\n", f);
			continue;
		}
		fputs(i % 7 == 0 ? "0.2,0.3,0.5" : i % 3 == 0 ? "0,1,0" :
		    "1,0,0", f);
		for (k = 0; k < 3; k++) {
			x = x * 6364136223846793005ul + 1442695040888963407ul;
			fprintf(f, ",%.9f", (double)(x >> 11) /
			    9007199254740992.0 * 20 - 10);
		}
		fputc('\n', f);
	}
	fclose(f);
	return text;
}

/* Two threads give, bit for bit, what one gives and what reading the
 * blocks one after the other gives: the same table and the same
 * compensated sums, for files that end inside and at a block's end. */
START_TEST(test_run_same_as_sequential)
{
	static const long sizes[] = { 1, 255, 256, 257, 5000 };
	char *text = stt_varied(sizes[_i], 0, 0), err[1024];
	struct stt_run one, two;

	ck_assert_int_eq(stt_run(text, 1, 256, &one, err, sizeof(err)), 0);
	ck_assert_int_eq(stt_run(text, 2, 256, &two, err, sizeof(err)), 0);
	ck_assert_int_eq(one.rows, sizes[_i]);
	ck_assert_int_eq(two.blocks, (sizes[_i] + 255) / 256);
	ck_assert_uint_eq(one.len, two.len);
	ck_assert(memcmp(one.text, two.text, one.len) == 0);
	ck_assert(memcmp(&one.t, &two.t, sizeof(one.t)) == 0);
	ck_assert_int_eq(two.bad_blocks, 0);
	free(one.text);
	free(two.text);
	free(text);
}
END_TEST

/* The same run read block by block with sheetfile_read: the same sums. */
START_TEST(test_run_same_as_read)
{
	char *text = stt_varied(3000, 0, 0), err[1024];
	struct sheetfile_totals t;
	struct sheetfile_info info;
	struct sheetfile_stream *st;
	struct stt_run two;
	struct sheet *s;
	long n;

	memset(&t, 0, sizeof(t));
	st = sheetfile_open_mem("t.csv", text, strlen(text), NULL, &info, err,
	    sizeof(err));
	ck_assert_ptr_nonnull(st);
	while ((s = sheetfile_block(st)) != NULL &&
	    (n = sheetfile_read(st, s, 128, err, sizeof(err))) > 0) {
		sheetfile_totals_add(&t, s);
		sheet_free(s);
	}
	ck_assert_int_eq(n, 0);
	sheet_free(s);
	sheetfile_close(st);
	sheetfile_info_free(&info);
	ck_assert_int_eq(stt_run(text, 2, 128, &two, err, sizeof(err)), 0);
	ck_assert(memcmp(&t, &two.t, sizeof(t)) == 0);
	free(two.text);
	free(text);
}
END_TEST

/* Bad rows at a block's first row, its last, and just past a block:
 * the first in the file is told, with its line, after the rows before it
 * (and only those) were handed on; a second bad row in a later block,
 * which the other thread may already have parsed, is never told. */
START_TEST(test_run_first_error_wins)
{
	static const long bad[] = { 1, 256, 257, 512, 4000 };
	char *text = stt_varied(5000, bad[_i], bad[_i] + 300), err[1024];
	char want[64];
	struct stt_run one, two;
	int t;

	for (t = 1; t <= 2; t++) {
		struct stt_run *R = t == 1 ? &one : &two;

		ck_assert_int_eq(stt_run(text, t, 256, R, err, sizeof(err)), -1);
		snprintf(want, sizeof(want), "t.csv:%ld: this row has 5 fields",
		    bad[_i] + 3);
		ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "%s", err);
		ck_assert_int_eq(R->rows, bad[_i] - 1);
		ck_assert_int_eq(R->bad_blocks, 1);
		ck_assert_int_eq(R->bad_rows, (bad[_i] - 1) % 256);
	}
	ck_assert_uint_eq(one.len, two.len);
	ck_assert(memcmp(one.text, two.text, one.len) == 0);
	free(one.text);
	free(two.text);
	free(text);
}
END_TEST

/* Cells spelt every way: the table writes some as they are ("-3.865694",
 * "0.0001", "1200") and others otherwise ("1.50", "+2", ".5", "-0",
 * "1e3", " 7 ", 16 digits). */
static const char stt_spellings[] =
    "label,a,b,c\n"
    "a,1.50,+2,0.5\n"
    "b,.5,-0,1e3\n"
    "c,0.00001,-3.865694,1200\n"
    "a, 7 ,0.0001,123456789012345\n"
    "b,1234567890123456,0.1234567890123456,12345678901234.5\n"
    "c,0,-0.000123,100000000000000000\n"
    "a,inf,NaN,-1.389110\n";

/* A run whose blocks are formatted with their batches, as xent eval
 * formats them. */
struct stt_echo {
	const struct sheetfile_info *info;
	enum sheetfile_format	 fmt;
	char			*buf[2];
	size_t			 len[2], cap[2];
	FILE			*f;
};

static int
stt_echo_work(void *arg, int thread, struct sheet *block,
    const struct sheetfile_batch *batch)
{
	struct stt_echo *E = arg;

	E->len[thread] = 0;
	ck_assert_int_eq(sheetfile_format_rows(&E->buf[thread],
	    &E->len[thread], &E->cap[thread], block, batch, E->info, E->fmt),
	    0);
	return 0;
}

static int
stt_echo_each(void *arg, int thread, struct sheet *block,
    const struct sheetrun_block *bi)
{
	struct stt_echo *E = arg;

	(void)block;
	(void)bi;
	fwrite(E->buf[thread], 1, E->len[thread], E->f);
	return 0;
}

/* The table of TEXT in FMT as xent eval streams it: the batches keep
 * the cells' texts, on two threads, in blocks of ROWS (malloc'd). */
static char *
stt_echo_table(const char *text, long rows, enum sheetfile_format fmt)
{
	static const struct sheetrun_fns fns = { stt_echo_work, stt_echo_each };
	struct sheetfile_info info;
	struct sheetfile_stream *st;
	struct stt_echo E;
	struct sheet *s;
	char err[1024], *out;
	size_t n;

	memset(&E, 0, sizeof(E));
	st = sheetfile_open_mem("t.csv", text, strlen(text), NULL, &info, err,
	    sizeof(err));
	ck_assert_msg(st != NULL, "%s", err);
	ck_assert_ptr_nonnull(E.f = open_memstream(&out, &n));
	E.info = &info;
	E.fmt = fmt;
	ck_assert_ptr_nonnull(s = sheetfile_block(st));
	ck_assert_int_eq(sheetfile_write_head(E.f, s, &info, fmt), 0);
	sheet_free(s);
	sheetfile_for_table(st);
	ck_assert_msg(sheetrun(st, 2, rows, &fns, &E, err, sizeof(err)) == 0,
	    "%s", err);
	fclose(E.f);
	free(E.buf[0]);
	free(E.buf[1]);
	sheetfile_close(st);
	sheetfile_info_free(&info);
	return out;
}

/* Copying the cells' own texts writes, byte for byte, the table the
 * numbers write: for every sheet above, the spellings, and a sheet of
 * random logits, in each format and block size. */
START_TEST(test_echo_same_table)
{
	static const enum sheetfile_format fmts[] = { SF_CSV, SF_TSV, SF_MD };
	size_t nsheets = sizeof(stt_sheets) / sizeof(*stt_sheets);
	const char *text = (size_t)_i < nsheets ? stt_sheets[_i] :
	    (size_t)_i == nsheets ? stt_spellings : NULL;
	char *varied = text == NULL ? stt_varied(3000, 0, 0) : NULL, *want;
	char *got;
	struct sheetfile_settings cli;
	struct sheetfile_info info;
	struct sheet *s;
	size_t f, b, wn;
	FILE *wf;

	if (varied != NULL)
		text = varied;
	stt_cli(&cli, 0);
	s = stt_whole(text, &cli, &info);
	for (f = 0; f < 3; f++) {
		ck_assert_ptr_nonnull(wf = open_memstream(&want, &wn));
		ck_assert_int_eq(sheetfile_write_table(wf, s, &info, fmts[f]), 0);
		fclose(wf);
		for (b = 0; b < sizeof(stt_blocks) / sizeof(*stt_blocks); b++) {
			got = stt_echo_table(text, stt_blocks[b], fmts[f]);
			ck_assert_msg(strcmp(got, want) == 0, "block %ld:\n%s\n"
			    "from the numbers:\n%s", stt_blocks[b], got, want);
			free(got);
		}
		free(want);
	}
	sheet_free(s);
	sheetfile_info_free(&info);
	free(varied);
}
END_TEST

Suite *
stream_suite(void)
{
	Suite *s = suite_create("stream");
	TCase *eq = tcase_create("equal"), *rd = tcase_create("read");
	int n = (int)(sizeof(stt_sheets) / sizeof(stt_sheets[0]));

	tcase_add_loop_test(eq, test_stream_equals_whole, 0, n);
	tcase_add_loop_test(eq, test_stream_equals_whole_cli, 0, n);
	tcase_add_test(eq, test_stream_defaults);
	tcase_add_test(rd, test_stream_settings_first);
	tcase_add_test(rd, test_stream_error_order);
	tcase_add_test(rd, test_stream_block_rows);
	tcase_add_loop_test(rd, test_run_same_as_sequential, 0, 5);
	tcase_add_test(rd, test_run_same_as_read);
	tcase_add_loop_test(rd, test_run_first_error_wins, 0, 5);
	tcase_add_loop_test(rd, test_echo_same_table, 0, n + 2);
	suite_add_tcase(s, eq);
	suite_add_tcase(s, rd);
	return s;
}
