/*
 * fuzz_sheetfile.c - the sheet file loader on any bytes.  Read a block of
 * 1 to 8 rows at a time (the first byte says how many), it must give what
 * the whole-file load gives, or fail where it fails; a sheet it accepts,
 * saved, must open again to the same numbers (a save never writes what
 * xent refuses to open); and its table as xent eval streams it (the
 * cells' own text copied where it is what would be written) must be the
 * table the whole sheet's numbers write.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/sheetfile.h"
#include "io/sheetrun.h"
#include "tests/fuzz/fuzz.h"

/* 1 when X and Y are the same number as a file keeps it: -0 reads back
 * as 0, and every NaN is NaN. */
static int
same_value(double x, double y)
{
	if (isnan(x) || isnan(y))
		return isnan(x) && isnan(y);
	return x == y;
}

/* Aborts unless A and B hold the same classes, labels and inputs. */
static void
same_inputs(const struct sheet *a, const struct sheet *b)
{
	int k, n = sheet_classes(a);
	long r;

	if (sheet_classes(b) != n || sheet_rows(b) != sheet_rows(a) ||
	    strcmp(sheet_title(a), sheet_title(b)) != 0)
		abort();
	for (k = 0; k < n; k++)
		if (strcmp(sheet_class_name(a, k), sheet_class_name(b, k)) != 0)
			abort();
	for (r = 0; r < sheet_rows(a); r++) {
		if (strcmp(sheet_id(a, r), sheet_id(b, r)) != 0 ||
		    sheet_has_target(a, r) != sheet_has_target(b, r))
			abort();
		for (k = 0; k < n; k++)
			if (!same_value(sheet_act(a, r, k), sheet_act(b, r, k)) ||
			    (sheet_has_target(a, r) &&
			    !same_value(sheet_y(a, r, k), sheet_y(b, r, k))))
				abort();
	}
}

/* Reads DATA in blocks of MAX rows into one sheet; NULL when it fails. */
static struct sheet *
read_blocks(const char *data, size_t size, long max)
{
	struct sheetfile_info info;
	struct sheetfile_stream *st;
	struct sheet *s = NULL;
	char err[1024];
	long n;

	st = sheetfile_open_mem("f.csv", data, size, NULL, &info, err,
	    sizeof(err));
	if (st == NULL)
		return NULL;
	if ((s = sheetfile_block(st)) == NULL)
		abort();
	while ((n = sheetfile_read(st, s, max, err, sizeof(err))) > 0)
		;
	if (n < 0) {
		sheet_free(s);
		s = NULL;
	}
	sheetfile_close(st);
	sheetfile_info_free(&info);
	return s;
}

/* Saves S (with STEP) to memory and opens that again: it must open, to
 * the same inputs. */
static void
save_and_reopen(const struct sheet *s, double step)
{
	struct sheetfile_info info;
	struct sheet *t;
	char err[1024], *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL || sheetfile_write(f, s, step) < 0)
		abort();
	fclose(f);
	t = sheetfile_load_mem("saved.csv", buf, len, &info, err, sizeof(err));
	if (t == NULL) {
		fprintf(stderr, "a saved sheet does not open: %s\n", err);
		abort();
	}
	same_inputs(s, t);
	sheet_free(t);
	sheetfile_info_free(&info);
	free(buf);
}

/* The table as xent eval streams it, into a memory stream. */
struct echo_run {
	const struct sheetfile_info *info;
	FILE	*f;
	char	*buf;
	size_t	 len, cap;
};

static int
echo_work(void *arg, int thread, struct sheet *block,
    const struct sheetfile_batch *batch)
{
	struct echo_run *E = arg;

	(void)thread;
	E->len = 0;
	if (sheetfile_format_rows(&E->buf, &E->len, &E->cap, block, batch,
	    E->info, SF_CSV) < 0)
		abort();
	return 0;
}

static int
echo_each(void *arg, int thread, struct sheet *block,
    const struct sheetrun_block *bi)
{
	struct echo_run *E = arg;

	(void)thread;
	(void)block;
	(void)bi;
	fwrite(E->buf, 1, E->len, E->f);
	return 0;
}

/* DATA's table streamed in blocks of MAX rows must be WANT's table. */
static void
same_table(const char *data, size_t size, long max,
    const struct sheet *want, const struct sheetfile_info *winfo)
{
	static const struct sheetrun_fns fns = { echo_work, echo_each };
	struct sheetfile_info info;
	struct sheetfile_stream *st;
	struct echo_run E = { NULL, NULL, NULL, 0, 0 };
	struct sheet *s;
	char err[1024], *got = NULL, *exp = NULL;
	size_t gn = 0, en = 0;
	FILE *wf = open_memstream(&exp, &en);

	st = sheetfile_open_mem("f.csv", data, size, NULL, &info, err,
	    sizeof(err));
	if (st == NULL || wf == NULL || (E.f = open_memstream(&got, &gn)) ==
	    NULL || (s = sheetfile_block(st)) == NULL)
		abort();
	E.info = &info;
	if (sheetfile_write_head(E.f, s, &info, SF_CSV) < 0)
		abort();
	sheet_free(s);
	sheetfile_for_table(st);
	if (sheetrun(st, 1, max, &fns, &E, err, sizeof(err)) != 0)
		abort();
	fclose(E.f);
	if (sheetfile_write_table(wf, want, winfo, SF_CSV) < 0)
		abort();
	fclose(wf);
	if (gn != en || memcmp(got, exp, gn) != 0) {
		fprintf(stderr, "streamed table:\n%s\nfrom the numbers:\n%s\n",
		    got, exp);
		abort();
	}
	free(got);
	free(exp);
	free(E.buf);
	sheetfile_close(st);
	sheetfile_info_free(&info);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheetfile_info info;
	struct sheet *whole, *blocks;
	const char *text = (const char *)data + 1;
	char err[1024];
	long max;

	if (size == 0)
		return 0;
	max = 1 + data[0] % 8;
	size--;
	whole = sheetfile_load_mem("f.csv", text, size, &info, err,
	    sizeof(err));
	blocks = read_blocks(text, size, max);
	if ((whole == NULL) != (blocks == NULL))
		abort();
	if (whole != NULL) {
		same_inputs(whole, blocks);
		save_and_reopen(whole, info.set.step);
		same_table(text, size, max, whole, &info);
		sheetfile_info_free(&info);
	}
	sheet_free(whole);
	sheet_free(blocks);
	return 0;
}
