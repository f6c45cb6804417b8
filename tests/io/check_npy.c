/*
 * check_npy.c - NumPy input in src/io/npy.c: every dtype and header
 * version, .npz archives stored and deflated (zip64 local headers that
 * differ from the central directory, zip64 sizes and records), every
 * malformed file with its one-line message, and the arrays as rows of a
 * sheet through sheetfile_open.  The files are built byte by byte here,
 * as NumPy writes them, so no Python is needed.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "app/ctl.h"
#include "core/sheet.h"
#include "io/npy.h"
#include "io/sheetfile.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* A growing byte buffer. */
struct nt_buf {
	unsigned char	*p;
	size_t		 n, cap;
};

/* Appends LEN bytes of DATA to B. */
static void
nt_put(struct nt_buf *b, const void *data, size_t len)
{
	if (b->n + len > b->cap) {
		b->cap = (b->n + len) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		ck_assert_ptr_nonnull(b->p);
	}
	if (len > 0)
		memcpy(b->p + b->n, data, len);
	b->n += len;
}

/* Appends V as N little-endian bytes. */
static void
nt_le(struct nt_buf *b, uint64_t v, int n)
{
	unsigned char c[8];
	int i;

	for (i = 0; i < n; i++)
		c[i] = (unsigned char)(v >> (8 * i));
	nt_put(b, c, n);
}

/* A .npy file as NumPy writes it: version MAJOR.0, the dict of DESCR,
 * FORTRAN and SHAPE ("(2, 3)"), padded with spaces to a multiple of 64
 * and ended by a newline, then DATA. */
static struct nt_buf
nt_npy(int major, const char *descr, int fortran, const char *shape,
    const void *data, size_t len)
{
	struct nt_buf b = { NULL, 0, 0 };
	char dict[256];
	size_t start = major == 1 ? 10 : 12, dl;

	snprintf(dict, sizeof(dict), "{'descr': '%s', 'fortran_order': %s, "
	    "'shape': %s, }", descr, fortran ? "True" : "False", shape);
	dl = strlen(dict);
	while ((start + dl + 1) % 64 != 0)
		dict[dl++] = ' ';
	dict[dl++] = '\n';
	nt_put(&b, "\x93NUMPY", 6);
	nt_le(&b, major, 1);
	nt_le(&b, 0, 1);
	nt_le(&b, dl, major == 1 ? 2 : 4);
	nt_put(&b, dict, dl);
	nt_put(&b, data, len);
	return b;
}

/* float32 and float64 bytes, little-endian. */
static void
nt_f4(unsigned char *out, float v)
{
	uint32_t u;
	int i;

	memcpy(&u, &v, 4);
	for (i = 0; i < 4; i++)
		out[i] = (unsigned char)(u >> (8 * i));
}

static void
nt_f8(unsigned char *out, double v)
{
	uint64_t u;
	int i;

	memcpy(&u, &v, 8);
	for (i = 0; i < 8; i++)
		out[i] = (unsigned char)(u >> (8 * i));
}

/* Writes B to a file NAME in the tests' folder; returns its path (static,
 * one of four in turn). */
static const char *
nt_file(const char *name, const struct nt_buf *b)
{
	static char paths[4][1024];
	static int turn;
	char *path = paths[turn++ % 4];
	FILE *f;

	snprintf(path, 1024, "%s/npy-%ld-%s", tu_tmp(), (long)getpid(), name);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(b->p, 1, b->n, f), b->n);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

/* --- zip archives --- */

/* One member of an archive to build. */
struct nt_member {
	const char	*name;
	struct nt_buf	 data;
	int		 deflate;	/* compress it (raw deflate) */
	int		 zip64_local;	/* zip64 extra in the local header */
	int		 zip64_central;	/* ... and in the central directory */
};

/* Raw-deflates B. */
static struct nt_buf
nt_deflate(const struct nt_buf *in)
{
	struct nt_buf out = { NULL, 0, 0 };
	z_stream z;

	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, -15, 8,
	    Z_DEFAULT_STRATEGY), Z_OK);
	out.cap = deflateBound(&z, in->n) + 16;
	ck_assert_ptr_nonnull(out.p = malloc(out.cap));
	z.next_in = in->p;
	z.avail_in = in->n;
	z.next_out = out.p;
	z.avail_out = out.cap;
	ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	out.n = z.total_out;
	deflateEnd(&z);
	return out;
}

/* A zip archive of the N members M, as Python's zipfile writes it (with
 * the zip64 end records when ZIP64_END). */
static struct nt_buf
nt_zip(struct nt_member *m, int n, int zip64_end)
{
	struct nt_buf b = { NULL, 0, 0 }, body[8];
	size_t off[8], cd, cdlen;
	uint32_t crc[8];
	int i, big;

	for (i = 0; i < n; i++) {
		crc[i] = crc32(0, m[i].data.p, m[i].data.n);
		body[i] = m[i].deflate ? nt_deflate(&m[i].data) : m[i].data;
		off[i] = b.n;
		nt_le(&b, 0x04034b50, 4);
		nt_le(&b, m[i].zip64_local ? 45 : 20, 2);
		nt_le(&b, 0, 2);
		nt_le(&b, m[i].deflate ? 8 : 0, 2);
		nt_le(&b, 0, 4);			/* time, date */
		nt_le(&b, crc[i], 4);
		nt_le(&b, m[i].zip64_local ? 0xffffffff : body[i].n, 4);
		nt_le(&b, m[i].zip64_local ? 0xffffffff : m[i].data.n, 4);
		nt_le(&b, strlen(m[i].name), 2);
		nt_le(&b, m[i].zip64_local ? 20 : 0, 2);
		nt_put(&b, m[i].name, strlen(m[i].name));
		if (m[i].zip64_local) {
			nt_le(&b, 1, 2);
			nt_le(&b, 16, 2);
			nt_le(&b, m[i].data.n, 8);
			nt_le(&b, body[i].n, 8);
		}
		nt_put(&b, body[i].p, body[i].n);
	}
	cd = b.n;
	for (i = 0; i < n; i++) {
		big = m[i].zip64_central;
		nt_le(&b, 0x02014b50, 4);
		nt_le(&b, 45, 2);
		nt_le(&b, big ? 45 : 20, 2);
		nt_le(&b, 0, 2);
		nt_le(&b, m[i].deflate ? 8 : 0, 2);
		nt_le(&b, 0, 4);
		nt_le(&b, crc[i], 4);
		nt_le(&b, big ? 0xffffffff : body[i].n, 4);
		nt_le(&b, big ? 0xffffffff : m[i].data.n, 4);
		nt_le(&b, strlen(m[i].name), 2);
		nt_le(&b, big ? 28 : 0, 2);
		nt_le(&b, 0, 2);			/* comment */
		nt_le(&b, 0, 2);			/* disk */
		nt_le(&b, 0, 2);
		nt_le(&b, 0, 4);
		nt_le(&b, big ? 0xffffffff : off[i], 4);
		nt_put(&b, m[i].name, strlen(m[i].name));
		if (big) {
			nt_le(&b, 1, 2);
			nt_le(&b, 24, 2);
			nt_le(&b, m[i].data.n, 8);
			nt_le(&b, body[i].n, 8);
			nt_le(&b, off[i], 8);
		}
		if (m[i].deflate)
			free(body[i].p);
	}
	cdlen = b.n - cd;
	if (zip64_end) {
		size_t z = b.n;

		nt_le(&b, 0x06064b50, 4);
		nt_le(&b, 44, 8);
		nt_le(&b, 45, 2);
		nt_le(&b, 45, 2);
		nt_le(&b, 0, 4);
		nt_le(&b, 0, 4);
		nt_le(&b, n, 8);
		nt_le(&b, n, 8);
		nt_le(&b, cdlen, 8);
		nt_le(&b, cd, 8);
		nt_le(&b, 0x07064b50, 4);
		nt_le(&b, 0, 4);
		nt_le(&b, z, 8);
		nt_le(&b, 1, 4);
	}
	nt_le(&b, 0x06054b50, 4);
	nt_le(&b, 0, 2);
	nt_le(&b, 0, 2);
	nt_le(&b, zip64_end ? 0xffff : n, 2);
	nt_le(&b, zip64_end ? 0xffff : n, 2);
	nt_le(&b, zip64_end ? 0xffffffff : cdlen, 4);
	nt_le(&b, zip64_end ? 0xffffffff : cd, 4);
	nt_le(&b, 0, 2);
	return b;
}

/* --- the arrays used --- */

/* 2 x 3 float32 logits. */
static const float nt_logits[6] = { 2.5f, 0.5f, -1.0f, 0.25f, 3.0f, 0.125f };

/* Their .npy bytes (version MAJOR). */
static struct nt_buf
nt_logits_npy(int major)
{
	unsigned char d[24];
	int i;

	for (i = 0; i < 6; i++)
		nt_f4(d + 4 * i, nt_logits[i]);
	return nt_npy(major, "<f4", 0, "(2, 3)", d, sizeof(d));
}

/* Labels 0 and 1 as int64 (or int32 with I4). */
static struct nt_buf
nt_labels_npy(int i4, long l0, long l1)
{
	unsigned char d[16];
	struct nt_buf tmp = { NULL, 0, 0 };

	nt_le(&tmp, (uint64_t)l0, i4 ? 4 : 8);
	nt_le(&tmp, (uint64_t)l1, i4 ? 4 : 8);
	memcpy(d, tmp.p, tmp.n);
	free(tmp.p);
	return nt_npy(1, i4 ? "<i4" : "<i8", 0, "(2,)", d, i4 ? 8 : 16);
}

/* Parses B as .npy, insisting that it parses. */
static void
nt_parse_ok(const struct nt_buf *b, struct npy_array *a)
{
	char err[512] = "";

	ck_assert_msg(npy_parse("t.npy", b->p, b->n, a, err, sizeof(err)) == 0,
	    "%s", err);
}

/* Parses B as .npy, which must fail with "t.npy: ..." holding WANT. */
static void
nt_parse_fails(const struct nt_buf *b, const char *want)
{
	struct npy_array a;
	char err[512] = "";

	ck_assert_int_eq(npy_parse("t.npy", b->p, b->n, &a, err, sizeof(err)),
	    -1);
	ck_assert_msg(strncmp(err, "t.npy: ", 7) == 0, "'%s'", err);
	ck_assert_msg(strstr(err, want) != NULL, "'%s' lacks '%s'", err, want);
	ck_assert_ptr_null(strchr(err, '\n'));
}

/* Opens the logits PATH with LABELS (may be NULL) and CLASSES through
 * sheetfile_open and reads every row; NULL with ERR when refused. */
static struct sheet *
nt_load(const char *path, const char *labels, const char *classes,
    struct sheetfile_info *info, char *err, size_t errlen)
{
	struct sheetfile_settings cli;
	struct sheetfile_stream *st;
	struct sheet *s = NULL;

	memset(&cli, 0, sizeof(cli));
	cli.labels = labels ? strdup(labels) : NULL;
	cli.classes = classes ? strdup(classes) : NULL;
	st = sheetfile_open(path, &cli, info, err, errlen);
	if (st != NULL) {
		s = sheetfile_read_all(st, err, errlen);
		sheetfile_close(st);
		if (s == NULL)
			sheetfile_info_free(info);
	}
	sheetfile_settings_free(&cli);
	return s;
}

/* Opening PATH with LABELS must fail with one line "FILE: ..." holding
 * WANT, FILE being WHO. */
static void
nt_load_fails(const char *path, const char *labels, const char *classes,
    const char *who, const char *want)
{
	struct sheetfile_info info;
	char err[1024] = "", prefix[1100];
	struct sheet *s = nt_load(path, labels, classes, &info, err,
	    sizeof(err));

	ck_assert_msg(s == NULL, "loaded what should fail (%s)", want);
	snprintf(prefix, sizeof(prefix), "%s: ", who);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0,
	    "'%s' does not start '%s'", err, prefix);
	ck_assert_msg(strstr(err, want) != NULL, "'%s' lacks '%s'", err, want);
	ck_assert_ptr_null(strchr(err, '\n'));
	ck_assert_ptr_null(info.cols);
}

/* --- the tests --- */

/* float16, float32 and float64 read to their exact values; int32 and
 * int64 labels, negative ones too. */
START_TEST(test_every_dtype)
{
	/* float16: 1, -2, 1/3 rounded, the smallest subnormal, inf, NaN. */
	static const uint16_t h[6] = { 0x3c00, 0xc000, 0x3555, 0x0001,
	    0x7c00, 0x7e00 };
	unsigned char d[48];
	struct nt_buf b, t = { NULL, 0, 0 };
	struct npy_array a;
	int i;

	for (i = 0; i < 6; i++)
		nt_le(&t, h[i], 2);
	b = nt_npy(1, "<f2", 0, "(2, 3)", t.p, t.n);
	nt_parse_ok(&b, &a);
	ck_assert_int_eq(a.dtype, NPY_F2);
	ck_assert_int_eq(a.rows, 2);
	ck_assert_int_eq(a.cols, 3);
	ck_assert_double_eq(npy_float(&a, 0, 0), 1.0);
	ck_assert_double_eq(npy_float(&a, 0, 1), -2.0);
	ck_assert_double_eq(npy_float(&a, 0, 2), 0.333251953125);
	ck_assert_double_eq(npy_float(&a, 1, 0), ldexp(1, -24));
	ck_assert(isinf(npy_float(&a, 1, 1)) && npy_float(&a, 1, 1) > 0);
	ck_assert(isnan(npy_float(&a, 1, 2)));
	free(b.p);
	free(t.p);

	b = nt_logits_npy(1);
	nt_parse_ok(&b, &a);
	ck_assert_int_eq(a.dtype, NPY_F4);
	for (i = 0; i < 6; i++)
		ck_assert_double_eq(npy_float(&a, i / 3, i % 3), nt_logits[i]);
	free(b.p);

	nt_f8(d, 0.1);
	nt_f8(d + 8, -1e300);
	nt_f8(d + 16, 5e-324);
	b = nt_npy(1, "<f8", 0, "(3, 1)", d, 24);
	nt_parse_ok(&b, &a);
	ck_assert_int_eq(a.dtype, NPY_F8);
	ck_assert_double_eq(npy_float(&a, 0, 0), 0.1);
	ck_assert_double_eq(npy_float(&a, 1, 0), -1e300);
	ck_assert_double_eq(npy_float(&a, 2, 0), 5e-324);
	free(b.p);

	b = nt_labels_npy(1, 7, -3);
	nt_parse_ok(&b, &a);
	ck_assert_int_eq(a.dtype, NPY_I4);
	ck_assert_int_eq(a.ndim, 1);
	ck_assert_int_eq(npy_int(&a, 0), 7);
	ck_assert_int_eq(npy_int(&a, 1), -3);
	free(b.p);
	b = nt_labels_npy(0, 5000000000L, -1);
	nt_parse_ok(&b, &a);
	ck_assert_int_eq(a.dtype, NPY_I8);
	ck_assert(npy_int(&a, 0) == 5000000000LL);
	ck_assert_int_eq(npy_int(&a, 1), -1);
	free(b.p);
}
END_TEST

/* Header versions 1.0, 2.0 and 3.0 read alike; a one-byte type may say
 * '|' for its byte order. */
START_TEST(test_versions)
{
	struct npy_array a;
	struct nt_buf b;
	int v;

	for (v = 1; v <= 3; v++) {
		b = nt_logits_npy(v);
		nt_parse_ok(&b, &a);
		ck_assert_int_eq(a.rows, 2);
		ck_assert_double_eq(npy_float(&a, 1, 1), 3.0);
		free(b.p);
	}
}
END_TEST

/* Every malformed .npy: one line saying what is wrong. */
START_TEST(test_malformed_npy)
{
	unsigned char d[64] = { 0 };
	struct nt_buf b;

	b = nt_logits_npy(1);
	b.p[0] = 'X';
	nt_parse_fails(&b, "not a .npy file");
	b.p[0] = 0x93;
	b.p[6] = 4;
	nt_parse_fails(&b, "unknown .npy version 4.0");
	b.p[6] = 1;
	nt_parse_fails(&(struct nt_buf){ b.p, b.n - 1, 0 }, "truncated");
	nt_parse_fails(&(struct nt_buf){ b.p, 40, 0 }, "truncated");
	nt_parse_fails(&(struct nt_buf){ b.p, 8, 0 }, "truncated");
	free(b.p);
	b = nt_npy(1, "<f4", 0, "(2, 3)", d, 25);
	nt_parse_fails(&b, "1 bytes after the array's data");
	free(b.p);
	b = nt_npy(1, "<f4", 1, "(2, 3)", d, 24);
	nt_parse_fails(&b, "Fortran order");
	free(b.p);
	b = nt_npy(1, ">f4", 0, "(2, 3)", d, 24);
	nt_parse_fails(&b, "big-endian");
	free(b.p);
	b = nt_npy(1, ">i8", 0, "(2,)", d, 16);
	nt_parse_fails(&b, "big-endian");
	free(b.p);
	b = nt_npy(1, "<f4", 0, "(2, 2, 2)", d, 32);
	nt_parse_fails(&b, "a 3-D array");
	free(b.p);
	b = nt_npy(1, "<f4", 0, "()", d, 4);
	nt_parse_fails(&b, "a 0-D array");
	free(b.p);
	b = nt_npy(1, "<c8", 0, "(2,)", d, 16);
	nt_parse_fails(&b, "dtype '<c8' is not");
	free(b.p);
	b = nt_npy(1, "|b1", 0, "(2,)", d, 2);
	nt_parse_fails(&b, "dtype '|b1' is not");
	free(b.p);
	b = nt_npy(1, "<f4", 0, "(2, x)", d, 8);
	nt_parse_fails(&b, "bad .npy header");
	free(b.p);
	b = nt_npy(1, "<f4", 0, "(99999999999, 99999999999)", d, 8);
	nt_parse_fails(&b, "too large");
	free(b.p);
}
END_TEST

/* A .npy pair opens as a sheet: the classes 0..K-1 or as named, the
 * labels as targets, every number as the array has it. */
START_TEST(test_npy_sheet)
{
	struct nt_buf lg = nt_logits_npy(1), lb = nt_labels_npy(0, 2, 1);
	const char *lp = nt_file("l.npy", &lg), *bp = nt_file("b.npy", &lb);
	struct sheetfile_info info;
	char err[1024] = "";
	struct sheet *s = nt_load(lp, bp, NULL, &info, err, sizeof(err));
	double m, z;

	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_rows(s), 2);
	ck_assert_int_eq(sheet_classes(s), 3);
	ck_assert_str_eq(sheet_class_name(s, 0), "0");
	ck_assert_str_eq(sheet_class_name(s, 2), "2");
	ck_assert_double_eq(sheet_act(s, 1, 2), 0.125);
	ck_assert_int_eq(sheet_target(s, 0), 2);
	ck_assert_int_eq(sheet_target(s, 1), 1);
	/* Row 0's loss, -log softmax(2.5, 0.5, -1)[2], by hand. */
	m = 2.5;
	z = log(exp(2.5 - m) + exp(0.5 - m) + exp(-1 - m)) + m;
	ck_assert_close(sheet_loss(s, 0), z + 1, 1e-15);
	ck_assert_int_eq(info.ncols, 4);
	ck_assert_int_eq(info.cols[0].role, SF_COL_LABEL);
	ck_assert_int_eq(sheet_target_style(s), SHEET_TARGET_LABEL);
	sheet_free(s);
	sheetfile_info_free(&info);

	s = nt_load(lp, bp, "cat,dog,bird", &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_str_eq(sheet_class_name(s, 2), "bird");
	sheet_free(s);
	sheetfile_info_free(&info);

	/* Without labels, no targets. */
	s = nt_load(lp, NULL, NULL, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_has_target(s, 0), 0);
	ck_assert_int_eq(info.ncols, 3);
	sheet_free(s);
	sheetfile_info_free(&info);
	free(lg.p);
	free(lb.p);
}
END_TEST

/* --classes FILE: one name a line, a CRLF file and a final newline too;
 * and the comma list's own checks. */
START_TEST(test_classes_file)
{
	struct nt_buf lg = nt_logits_npy(1);
	struct nt_buf names = { (unsigned char *)"cat\r\n dog \r\nbird\n", 17,
	    0 };
	const char *lp = nt_file("l.npy", &lg), *np = nt_file("names", &names);
	struct sheetfile_info info;
	char err[1024] = "";
	struct sheet *s = nt_load(lp, NULL, np, &info, err, sizeof(err));

	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_str_eq(sheet_class_name(s, 0), "cat");
	ck_assert_str_eq(sheet_class_name(s, 1), "dog");
	ck_assert_str_eq(sheet_class_name(s, 2), "bird");
	sheet_free(s);
	sheetfile_info_free(&info);
	nt_load_fails(lp, NULL, "a,b", "--classes", "2 names for the 3");
	nt_load_fails(lp, NULL, "a,b,a", "--classes", "class 'a' is named "
	    "twice");
	nt_load_fails(lp, NULL, "a,,b", "--classes", "an empty class name");
	nt_load_fails(lp, NULL, "a,label,b", "--classes", "reserved");
	/* A name with a comma, quoted as in CSV; blanks around names go. */
	s = nt_load(lp, NULL, "\"x, y\", b ,\"say \"\"hi\"\"\"", &info, err,
	    sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_str_eq(sheet_class_name(s, 0), "x, y");
	ck_assert_str_eq(sheet_class_name(s, 1), "b");
	ck_assert_str_eq(sheet_class_name(s, 2), "say \"hi\"");
	sheet_free(s);
	sheetfile_info_free(&info);
	free(lg.p);
}
END_TEST

/* Every malformed pair of files: one line "FILE: what is wrong". */
START_TEST(test_malformed_pairs)
{
	unsigned char d[64] = { 0 };
	struct nt_buf lg = nt_logits_npy(1), b;
	char who[1024], lp[1024];
	const char *bp;

	snprintf(lp, sizeof(lp), "%s", nt_file("l.npy", &lg));

	b = nt_labels_npy(0, 0, 3);
	bp = nt_file("b.npy", &b);
	snprintf(who, sizeof(who), "%s", bp);
	nt_load_fails(lp, bp, NULL, who, "label 3 (at index 1) is out of "
	    "range: class indices go from 0 to 2");
	free(b.p);
	b = nt_labels_npy(1, -1, 0);
	bp = nt_file("b.npy", &b);
	nt_load_fails(lp, bp, NULL, who, "label -1 (at index 0)");
	free(b.p);
	b = nt_npy(1, "<i8", 0, "(3,)", d, 24);
	bp = nt_file("b.npy", &b);
	nt_load_fails(lp, bp, NULL, who, "3 labels for 2 rows of logits");
	free(b.p);
	b = nt_npy(1, "<f4", 0, "(2,)", d, 8);
	bp = nt_file("b.npy", &b);
	nt_load_fails(lp, bp, NULL, who, "the labels are floats");
	free(b.p);
	b = nt_npy(1, "<i8", 0, "(2, 1)", d, 16);
	bp = nt_file("b.npy", &b);
	nt_load_fails(lp, bp, NULL, who, "the labels are 2-D");
	free(b.p);
	/* Logits of the wrong kind. */
	snprintf(who, sizeof(who), "%s", lp);
	free(lg.p);
	lg = nt_npy(1, "<i8", 0, "(2, 3)", d, 48);
	nt_file("l.npy", &lg);
	nt_load_fails(lp, NULL, NULL, who, "the logits are integers");
	free(lg.p);
	lg = nt_npy(1, "<f4", 0, "(6,)", d, 24);
	nt_file("l.npy", &lg);
	nt_load_fails(lp, NULL, NULL, who, "the logits are 1-D");
	free(lg.p);
	lg = nt_npy(1, "<f4", 0, "(0, 3)", d, 0);
	nt_file("l.npy", &lg);
	nt_load_fails(lp, NULL, NULL, who, "no rows");
	free(lg.p);
	lg = nt_npy(1, "<f4", 0, "(2, 2, 1)", d, 16);
	nt_file("l.npy", &lg);
	nt_load_fails(lp, NULL, NULL, who, "a 3-D array");
	free(lg.p);
	lg = nt_npy(1, "<f4", 1, "(2, 3)", d, 24);
	nt_file("l.npy", &lg);
	nt_load_fails(lp, NULL, NULL, who, "Fortran order");
	free(lg.p);
	lg = nt_npy(1, ">f8", 0, "(2, 3)", d, 48);
	nt_file("l.npy", &lg);
	nt_load_fails(lp, NULL, NULL, who, "big-endian");
	free(lg.p);
	lg = (struct nt_buf){ (unsigned char *)"label,a\n", 8, 0 };
	nt_file("l.npy", &lg);
	nt_load_fails(lp, NULL, NULL, who, "not a NumPy file");
	lg = (struct nt_buf){ (unsigned char *)"", 0, 0 };
	nt_file("l.npy", &lg);
	nt_load_fails(lp, NULL, NULL, who, "an empty file");
	lg = nt_logits_npy(1);
	lg.n -= 3;
	nt_file("l.npy", &lg);
	nt_load_fails(lp, NULL, NULL, who, "truncated");
	free(lg.p);
	snprintf(who, sizeof(who), "%s/npy-none.npy", tu_tmp());
	nt_load_fails(who, NULL, NULL, who, "No such file");
}
END_TEST

/* .npz archives: stored (np.savez) and deflated (np.savez_compressed),
 * the zip64 local header of NumPy 1.24 differing from the central
 * directory, zip64 sizes in the central directory, and the zip64 end
 * records; each reads the same numbers. */
START_TEST(test_npz_kinds)
{
	static const int kinds[][4] = {
		/* deflate, zip64 local, zip64 central, zip64 end */
		{ 0, 0, 0, 0 }, { 1, 0, 0, 0 }, { 0, 1, 0, 0 },
		{ 1, 1, 0, 0 }, { 0, 1, 1, 0 }, { 1, 1, 1, 1 },
	};
	struct nt_member m[2];
	struct sheetfile_info info;
	struct nt_buf z;
	char err[1024] = "";
	struct sheet *s;
	size_t i;
	int j;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		m[0] = (struct nt_member){ "logits.npy", nt_logits_npy(1),
		    kinds[i][0], kinds[i][1], kinds[i][2] };
		m[1] = (struct nt_member){ "labels.npy",
		    nt_labels_npy(1, 0, 2), kinds[i][0], kinds[i][1],
		    kinds[i][2] };
		z = nt_zip(m, 2, kinds[i][3]);
		s = nt_load(nt_file("v.npz", &z), NULL, NULL, &info, err,
		    sizeof(err));
		ck_assert_msg(s != NULL, "kind %zu: %s", i, err);
		ck_assert_int_eq(sheet_rows(s), 2);
		for (j = 0; j < 6; j++)
			ck_assert_double_eq(sheet_act(s, j / 3, j % 3),
			    nt_logits[j]);
		ck_assert_int_eq(sheet_target(s, 0), 0);
		ck_assert_int_eq(sheet_target(s, 1), 2);
		ck_assert_int_eq(sheet_opts(s)->mode, SHEET_LOGITS);
		sheet_free(s);
		sheetfile_info_free(&info);
		free(m[0].data.p);
		free(m[1].data.p);
		free(z.p);
	}
}
END_TEST

/* An array named probs implies probs mode; labels from another file go
 * over the archive's own; an archive without logits names what it has. */
START_TEST(test_npz_names)
{
	unsigned char d[24];
	struct nt_member m[2];
	struct sheetfile_info info;
	struct nt_buf z, lb = nt_labels_npy(0, 1, 1);
	char err[1024] = "";
	const char *zp, *bp = nt_file("b.npy", &lb);
	struct sheet *s;
	int i;

	for (i = 0; i < 6; i++)
		nt_f4(d + 4 * i, i < 3 ? 0.25f + 0.25f * (i == 0) : 1.0f / 3);
	m[0] = (struct nt_member){ "probs.npy",
	    nt_npy(1, "<f4", 0, "(2, 3)", d, 24), 1, 1, 0 };
	m[1] = (struct nt_member){ "labels.npy", nt_labels_npy(0, 0, 2),
	    1, 1, 0 };
	z = nt_zip(m, 2, 0);
	zp = nt_file("p.npz", &z);
	s = nt_load(zp, NULL, NULL, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_opts(s)->mode, SHEET_PROBS);
	ck_assert_close(sheet_loss(s, 0), -log(0.5), 1e-7);
	ck_assert_int_eq(sheet_target(s, 1), 2);
	sheet_free(s);
	sheetfile_info_free(&info);
	s = nt_load(zp, bp, NULL, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_target(s, 0), 1);
	ck_assert_int_eq(sheet_target(s, 1), 1);
	sheet_free(s);
	sheetfile_info_free(&info);
	free(z.p);
	m[0].name = "x.npy";
	m[1].name = "y.npy";
	z = nt_zip(m, 2, 0);
	zp = nt_file("n.npz", &z);
	nt_load_fails(zp, NULL, NULL, zp, "no array named logits or probs "
	    "(it has: x, y)");
	free(z.p);
	free(m[0].data.p);
	free(m[1].data.p);
	free(lb.p);
}
END_TEST

/* Every malformed archive: truncated, a member cut short, a corrupt
 * deflate stream, a CRC that does not match, an unknown method. */
START_TEST(test_npz_malformed)
{
	struct nt_member m[1];
	struct nt_buf z, cut;
	const char *zp;
	char who[1100];

	m[0] = (struct nt_member){ "logits.npy", nt_logits_npy(1), 1, 1, 0 };
	z = nt_zip(m, 1, 0);
	cut = (struct nt_buf){ z.p, z.n - 30, 0 };
	zp = nt_file("t.npz", &cut);
	nt_load_fails(zp, NULL, NULL, zp, "not a .npz file");
	cut = (struct nt_buf){ z.p, 8, 0 };
	zp = nt_file("t.npz", &cut);
	nt_load_fails(zp, NULL, NULL, zp, "not a .npz file");
	/* Corrupt the deflate stream's first byte (after the local header
	 * of 30 + 10 + 20 bytes): an invalid block type. */
	z.p[60] = 0xff;
	zp = nt_file("t.npz", &z);
	snprintf(who, sizeof(who), "%s: logits.npy", zp);
	nt_load_fails(zp, NULL, NULL, who, "corrupt");
	free(z.p);
	/* A stored member whose bytes changed: the CRC catches it. */
	m[0].deflate = 0;
	z = nt_zip(m, 1, 0);
	z.p[60 + 66] ^= 1;	/* a byte of the array's data */
	zp = nt_file("t.npz", &z);
	snprintf(who, sizeof(who), "%s: logits.npy", zp);
	nt_load_fails(zp, NULL, NULL, who, "CRC-32 does not match");
	z.p[60 + 66] ^= 1;
	z.p[8] = 12;	/* bzip2, in the local header only: the central
			 * directory's method rules */
	zp = nt_file("t.npz", &z);
	{
		struct sheetfile_info info;
		char err[1024];
		struct sheet *s = nt_load(zp, NULL, NULL, &info, err,
		    sizeof(err));

		ck_assert_msg(s != NULL, "%s", err);
		sheet_free(s);
		sheetfile_info_free(&info);
	}
	free(z.p);
	/* A deflated member claiming more than deflate can give: refused
	 * before anything is allocated (the entry's size at 24). */
	m[0].deflate = 1;
	m[0].zip64_local = 0;
	z = nt_zip(m, 1, 0);
	memcpy(z.p + z.n - 22 - 56 + 24, "\0\0\0\xf0", 4);
	zp = nt_file("t.npz", &z);
	nt_load_fails(zp, NULL, NULL, who, "cannot inflate to 4026531840");
	free(z.p);
	m[0].deflate = 0;
	/* A local header offset past the end. */
	z = nt_zip(m, 1, 0);
	/* The entry's local header offset (46 + 10 bytes of entry before
	 * the end record; the offset at 42), high byte. */
	z.p[z.n - 22 - 56 + 45] = 0x7f;
	zp = nt_file("t.npz", &z);
	nt_load_fails(zp, NULL, NULL, who, "past the end");
	free(z.p);
	free(m[0].data.p);
}
END_TEST

/* A fixture made by NumPy 1.24 itself (np.savez_compressed, whose local
 * headers carry zip64 extras that the central directory lacks). */
START_TEST(test_numpy_fixture)
{
	struct sheetfile_info info;
	char err[1024] = "";
	struct sheet *s = nt_load("tests/io/data/val-np124.npz", NULL, NULL,
	    &info, err, sizeof(err));

	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_rows(s), 4);
	ck_assert_int_eq(sheet_classes(s), 3);
	ck_assert_double_eq(sheet_act(s, 0, 0), 2.0);
	ck_assert_double_eq(sheet_act(s, 3, 2), -0.5);
	ck_assert_int_eq(sheet_target(s, 0), 0);
	ck_assert_int_eq(sheet_target(s, 3), 2);
	sheet_free(s);
	sheetfile_info_free(&info);
}
END_TEST

/* The NumPy source streams in blocks like a CSV: the same rows whatever
 * the block size, and a binary model's N x 1 logits with 0/1 labels. */
START_TEST(test_stream_blocks)
{
	unsigned char d[80];
	struct nt_buf lg, lb = { NULL, 0, 0 }, lbn;
	struct sheetfile_settings cli;
	struct sheetfile_stream *st;
	struct sheetfile_info info;
	struct sheet *s;
	char err[1024] = "";
	long n, total = 0;
	int i;

	for (i = 0; i < 10; i++) {
		nt_f8(d + 8 * i, i - 4.5);
		nt_le(&lb, i % 2, 8);
	}
	lg = nt_npy(1, "<f8", 0, "(10, 1)", d, 80);
	lbn = nt_npy(1, "<i8", 0, "(10,)", lb.p, lb.n);
	memset(&cli, 0, sizeof(cli));
	cli.labels = strdup(nt_file("b.npy", &lbn));
	st = sheetfile_open(nt_file("l.npy", &lg), &cli, &info, err,
	    sizeof(err));
	ck_assert_msg(st != NULL, "%s", err);
	while ((s = sheetfile_block(st)) != NULL &&
	    (n = sheetfile_read(st, s, 3, err, sizeof(err))) > 0) {
		ck_assert_int_le(n, 3);
		ck_assert(sheet_is_binary(s));
		for (i = 0; i < n; i++) {
			ck_assert_double_eq(sheet_act(s, i, 0),
			    total + i - 4.5);
			ck_assert_double_eq(sheet_y(s, i, 0), (total + i) % 2);
		}
		total += n;
		sheet_free(s);
	}
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(total, 10);
	sheet_free(s);
	sheetfile_close(st);
	sheetfile_info_free(&info);
	sheetfile_settings_free(&cli);
	free(lg.p);
	free(lb.p);
	free(lbn.p);
}
END_TEST

/* npy_is_numpy: by name, then by the first bytes; never standard input. */
START_TEST(test_is_numpy)
{
	struct nt_buf lg = nt_logits_npy(1), csv = { (unsigned char *)"a,b\n",
	    4, 0 };

	ck_assert_int_eq(npy_is_numpy("-"), 0);
	ck_assert_int_eq(npy_is_numpy("x.npy"), 1);
	ck_assert_int_eq(npy_is_numpy("x.npz"), 1);
	ck_assert_int_eq(npy_is_numpy("x.csv"), 0);
	ck_assert_int_eq(npy_is_numpy(nt_file("logits.bin", &lg)), 1);
	ck_assert_int_eq(npy_is_numpy(nt_file("plain.bin", &csv)), 0);
	free(lg.p);
}
END_TEST

/* :w of a sheet from NumPy arrays never overwrites them: it asks for a
 * .csv name, prefilled, and the sheet is the CSV's from then on; a .npy
 * name is refused. */
START_TEST(test_write_asks_csv)
{
	struct nt_buf lg = nt_logits_npy(1), lb = nt_labels_npy(0, 2, 1);
	struct sheetfile_info info;
	char lp[1024], want[1100], err[1024] = "", *before;
	struct sheet *s, *back;
	struct ctl *c;
	FILE *f;

	snprintf(lp, sizeof(lp), "%s", nt_file("logits.npy", &lg));
	s = nt_load(lp, nt_file("labels.npy", &lb), "cat,dog,bird", &info, err,
	    sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	sheetfile_info_free(&info);
	ck_assert_ptr_nonnull(c = ctl_new(s, lp, 0));
	ck_assert_int_eq(ctl_command(c, "w"), -1);
	ck_assert_int_eq(c->line, LINE_COMMAND);
	snprintf(want, sizeof(want), "w %.*s.csv", (int)strlen(lp) - 4, lp);
	ck_assert_str_eq(c->prefill, want);
	ck_assert_int_eq(ctl_command(c, "w other.npz"), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, "NumPy"));
	before = strdup(c->prefill);
	ctl_line_done(c, before);
	ck_assert_msg(strcmp(c->path, want + 2) == 0, "%s", c->msg);
	ck_assert_int_eq(c->dirty, 0);
	/* The arrays are as they were; the CSV holds the sheet. */
	ck_assert_ptr_nonnull(f = fopen(lp, "rb"));
	ck_assert_uint_eq(fread(want, 1, sizeof(want), f), lg.n);
	fclose(f);
	ck_assert_int_eq(memcmp(want, lg.p, lg.n), 0);
	back = sheetfile_load(c->path, &info, err, sizeof(err));
	ck_assert_msg(back != NULL, "%s", err);
	ck_assert_str_eq(sheet_class_name(back, 2), "bird");
	ck_assert_int_eq(sheet_target(back, 0), 2);
	ck_assert_double_eq(sheet_act(back, 1, 2), 0.125);
	sheet_free(back);
	sheetfile_info_free(&info);
	free(before);
	ctl_free(c);
	free(lg.p);
	free(lb.p);
}
END_TEST

/* `xent eval logits.npy --labels labels.npy` (options after the file
 * too) prints the table; a malformed file is one line and exit 1; the
 * arrays named probs in a .npz imply probs mode. */
START_TEST(test_eval_numpy)
{
	struct nt_buf lg = nt_logits_npy(1), lb = nt_labels_npy(1, 0, 2), bad;
	char lp[1024], bp[1024], cmd[4096], *out, *err;
	int rc;

	snprintf(lp, sizeof(lp), "%s", nt_file("l.npy", &lg));
	snprintf(bp, sizeof(bp), "%s", nt_file("b.npy", &lb));
	snprintf(cmd, sizeof(cmd), "%s eval '%s' --labels '%s' --classes "
	    "cat,dog,bird", tu_xent(), lp, bp);
	rc = tu_run(cmd, NULL, &out, &err);
	ck_assert_msg(rc == 0, "%d: %s", rc, err);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(strncmp(out, "label,cat,dog,bird,exp_cat,", 27), 0);
	ck_assert_ptr_nonnull(strstr(out, "\ncat,2.5,0.5,-1,"));
	ck_assert_ptr_nonnull(strstr(out, "\nbird,0.25,3,0.125,"));
	free(out);
	free(err);
	bad = nt_labels_npy(1, 0, 9);
	snprintf(bp, sizeof(bp), "%s", nt_file("b.npy", &bad));
	snprintf(cmd, sizeof(cmd), "%s eval --summary '%s' --labels '%s'",
	    tu_xent(), lp, bp);
	rc = tu_run(cmd, NULL, &out, &err);
	ck_assert_int_eq(rc, 1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(strncmp(err, "xent: ", 6), 0);
	ck_assert_ptr_nonnull(strstr(err, "b.npy: label 9 (at index 1)"));
	ck_assert_ptr_eq(strchr(err, '\n'), err + strlen(err) - 1);
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s eval --labels '%s' x.csv", tu_xent(),
	    bp);
	ck_assert_int_eq(tu_run(cmd, NULL, &out, &err), 2);
	ck_assert_ptr_nonnull(strstr(err, "--labels goes with NumPy input"));
	free(out);
	free(err);
	free(lg.p);
	free(lb.p);
	free(bad.p);
}
END_TEST

Suite *
npy_suite(void)
{
	Suite *s = suite_create("npy");
	TCase *npy = tcase_create("npy"), *npz = tcase_create("npz");
	TCase *sheet = tcase_create("sheet");

	tcase_add_test(npy, test_every_dtype);
	tcase_add_test(npy, test_versions);
	tcase_add_test(npy, test_malformed_npy);
	tcase_add_test(npy, test_is_numpy);
	tcase_add_test(npz, test_npz_kinds);
	tcase_add_test(npz, test_npz_names);
	tcase_add_test(npz, test_npz_malformed);
	tcase_add_test(npz, test_numpy_fixture);
	tcase_add_test(sheet, test_npy_sheet);
	tcase_add_test(sheet, test_classes_file);
	tcase_add_test(sheet, test_malformed_pairs);
	tcase_add_test(sheet, test_stream_blocks);
	tcase_add_test(sheet, test_write_asks_csv);
	tcase_add_test(sheet, test_eval_numpy);
	suite_add_tcase(s, npy);
	suite_add_tcase(s, npz);
	suite_add_tcase(s, sheet);
	return s;
}
