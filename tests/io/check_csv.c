/*
 * check_csv.c - tests for the RFC 4180 reader in src/io/csv.c.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv.h"

/* Opens a reader over a string literal, named "t.csv" in messages. */
static struct csv_reader *csvt_open(const char *s)
{
	struct csv_reader *r = csv_open_mem("t.csv", s, strlen(s));

	ck_assert_ptr_nonnull(r);
	return r;
}

/* Reads the next record and insists that one is there. */
static void csvt_next(struct csv_reader *r, struct csv_record *rec)
{
	char err[256] = "";
	int rc = csv_next(r, rec, err, sizeof(err));

	ck_assert_msg(rc == 1, "csv_next returned %d: %s", rc, err);
}

/* Reads records until csv_next fails and returns its message. */
static int csvt_error(const char *buf, size_t len, char *err, size_t errlen)
{
	struct csv_reader *r = csv_open_mem("t.csv", buf, len);
	struct csv_record rec;
	int rc, guard = 0;

	ck_assert_ptr_nonnull(r);
	err[0] = '\0';
	while ((rc = csv_next(r, &rec, err, errlen)) == 1 && guard < 1000)
		guard++;
	/* Once broken, the reader keeps saying so. */
	if (rc < 0) {
		char again[256];

		ck_assert_int_eq(csv_next(r, &rec, again, sizeof(again)), -1);
		ck_assert_str_eq(again, err);
	}
	csv_close(r);
	return rc;
}

/* The message for a string literal input that must fail. */
static void csvt_fails(const char *s, const char *want)
{
	char err[256];

	ck_assert_int_eq(csvt_error(s, strlen(s), err, sizeof(err)), -1);
	ck_assert_str_eq(err, want);
}

/* Asserts that the reader is at its end, and stays there. */
static void csvt_end(struct csv_reader *r)
{
	struct csv_record rec;
	char err[64];

	ck_assert_int_eq(csv_next(r, &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(csv_next(r, &rec, err, sizeof(err)), 0);
}

START_TEST(test_simple)
{
	struct csv_reader *r = csvt_open("a,b,c\n1,2,3\n");
	struct csv_record rec;

	ck_assert_str_eq(csv_name(r), "t.csv");
	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 3);
	ck_assert_str_eq(rec.fields[0], "a");
	ck_assert_str_eq(rec.fields[1], "b");
	ck_assert_str_eq(rec.fields[2], "c");
	ck_assert_int_eq(rec.line, 1);
	ck_assert_int_eq(rec.comment, 0);
	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 3);
	ck_assert_str_eq(rec.fields[2], "3");
	ck_assert_int_eq(rec.line, 2);
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_empty_fields)
{
	struct csv_reader *r = csvt_open(",a,\n,\n\"\"\n");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 3);
	ck_assert_str_eq(rec.fields[0], "");
	ck_assert_str_eq(rec.fields[1], "a");
	ck_assert_str_eq(rec.fields[2], "");
	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_int_eq(rec.line, 2);
	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 1);
	ck_assert_str_eq(rec.fields[0], "");
	ck_assert_int_eq(rec.line, 3);
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_quoted)
{
	struct csv_reader *r =
	    csvt_open("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\",\" x \"\n");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 4);
	ck_assert_str_eq(rec.fields[0], "a,b");
	ck_assert_str_eq(rec.fields[1], "say \"hi\"");
	ck_assert_str_eq(rec.fields[2], "\"");
	ck_assert_str_eq(rec.fields[3], " x ");
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_quoted_newlines)
{
	struct csv_reader *r =
	    csvt_open("x,\"l1\nl2\n\nl4\",y\nz,\"a\r\nb\"\r\nlast\n");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 3);
	ck_assert_str_eq(rec.fields[1], "l1\nl2\n\nl4");
	ck_assert_str_eq(rec.fields[2], "y");
	ck_assert_int_eq(rec.line, 1);
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "z");
	ck_assert_str_eq(rec.fields[1], "a\r\nb");
	ck_assert_int_eq(rec.line, 5);
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "last");
	ck_assert_int_eq(rec.line, 7);
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_crlf)
{
	struct csv_reader *r = csvt_open("a,b\r\n\"c\",d\r\ne\r");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_str_eq(rec.fields[1], "b");
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "c");
	ck_assert_str_eq(rec.fields[1], "d");
	ck_assert_int_eq(rec.line, 2);
	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 1);
	ck_assert_str_eq(rec.fields[0], "e");
	ck_assert_int_eq(rec.line, 3);
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_bare_cr_is_data)
{
	struct csv_reader *r = csvt_open("a\rb,c\n");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_str_eq(rec.fields[0], "a\rb");
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_bom)
{
	struct csv_reader *r = csvt_open("\xEF\xBB\xBFname,x\nb,y\n");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "name");
	ck_assert_int_eq(rec.line, 1);
	csvt_next(r, &rec);
	ck_assert_int_eq(rec.line, 2);
	csvt_end(r);
	csv_close(r);

	r = csvt_open("\xEF\xBB\xBF#c\n");
	csvt_next(r, &rec);
	ck_assert_int_eq(rec.comment, 1);
	ck_assert_str_eq(rec.fields[0], "c");
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_comments)
{
	struct csv_reader *r =
	    csvt_open("# lesson 1\r\n#\nname,v\n#x,y\n\"#q\"\n");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_int_eq(rec.comment, 1);
	ck_assert_uint_eq(rec.nfields, 1);
	ck_assert_str_eq(rec.fields[0], " lesson 1");
	ck_assert_int_eq(rec.line, 1);
	csvt_next(r, &rec);
	ck_assert_int_eq(rec.comment, 1);
	ck_assert_str_eq(rec.fields[0], "");
	ck_assert_int_eq(rec.line, 2);
	csvt_next(r, &rec);
	ck_assert_int_eq(rec.comment, 0);
	ck_assert_str_eq(rec.fields[0], "name");
	ck_assert_int_eq(rec.line, 3);
	csv_set_comments(r, 0);
	csvt_next(r, &rec);
	ck_assert_int_eq(rec.comment, 0);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_str_eq(rec.fields[0], "#x");
	ck_assert_str_eq(rec.fields[1], "y");
	ck_assert_int_eq(rec.line, 4);
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "#q");
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_comment_keeps_commas)
{
	struct csv_reader *r = csvt_open("#a,\"b\nc");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_int_eq(rec.comment, 1);
	ck_assert_str_eq(rec.fields[0], "a,\"b");
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "c");
	ck_assert_int_eq(rec.line, 2);
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_blank_lines)
{
	struct csv_reader *r = csvt_open("\n\na\n\r\n\nb\n\r\n\n");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "a");
	ck_assert_int_eq(rec.line, 3);
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "b");
	ck_assert_int_eq(rec.line, 6);
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_empty_input)
{
	struct csv_reader *r = csv_open_mem("e.csv", "", 0);

	ck_assert_ptr_nonnull(r);
	csvt_end(r);
	csv_close(r);
	r = csvt_open("\xEF\xBB\xBF");
	csvt_end(r);
	csv_close(r);
	r = csvt_open("\n\r\n\n");
	csvt_end(r);
	csv_close(r);
	csv_close(NULL);
}
END_TEST

START_TEST(test_utf8)
{
	struct csv_reader *r = csvt_open("猫,\"🐱,é\"\nß,x\n");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "猫");
	ck_assert_str_eq(rec.fields[1], "🐱,é");
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "ß");
	ck_assert_int_eq(rec.line, 2);
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_no_final_newline)
{
	struct csv_reader *r = csvt_open("a,b\nc,d");
	struct csv_record rec;

	csvt_next(r, &rec);
	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_str_eq(rec.fields[1], "d");
	ck_assert_int_eq(rec.line, 2);
	csvt_end(r);
	csv_close(r);

	r = csvt_open("x,\"q\"");
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[1], "q");
	csvt_end(r);
	csv_close(r);

	r = csvt_open("x,");
	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_str_eq(rec.fields[1], "");
	csvt_end(r);
	csv_close(r);
}
END_TEST

START_TEST(test_many_fields)
{
	char buf[4096], want[8];
	size_t n = 0, i;
	struct csv_reader *r;
	struct csv_record rec;

	for (i = 0; i < 500; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%zu",
		    i ? "," : "", i);
	r = csvt_open(buf);
	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 500);
	for (i = 0; i < 500; i++) {
		snprintf(want, sizeof(want), "%zu", i);
		ck_assert_str_eq(rec.fields[i], want);
	}
	csv_close(r);
}
END_TEST

START_TEST(test_err_unterminated)
{
	csvt_fails("a\nb,\"open\nmore\n\n", "t.csv:2: unterminated quoted field");
	csvt_fails("\"", "t.csv:1: unterminated quoted field");
	csvt_fails("\"x\"\"", "t.csv:1: unterminated quoted field");
}
END_TEST

START_TEST(test_err_nul)
{
	static const char in1[] = "a\nb\nc\0d\n";
	static const char in2[] = "a,\"x\ny\0\"\n";
	static const char in3[] = "a\n\0";
	char err[256];

	ck_assert_int_eq(csvt_error(in1, sizeof(in1) - 1, err, sizeof(err)),
	    -1);
	ck_assert_str_eq(err,
	    "t.csv:3: NUL byte in input (is this a binary file?)");
	ck_assert_int_eq(csvt_error(in2, sizeof(in2) - 1, err, sizeof(err)),
	    -1);
	ck_assert_str_eq(err,
	    "t.csv:2: NUL byte in input (is this a binary file?)");
	ck_assert_int_eq(csvt_error(in3, sizeof(in3) - 1, err, sizeof(err)),
	    -1);
	ck_assert_str_eq(err,
	    "t.csv:2: NUL byte in input (is this a binary file?)");
}
END_TEST

START_TEST(test_err_nul_after_good_records)
{
	static const char in[] = "a,b\n#c\n\0";
	struct csv_reader *r = csv_open_mem("n.csv", in, sizeof(in) - 1);
	struct csv_record rec;
	char err[128];

	ck_assert_ptr_nonnull(r);
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[1], "b");
	csvt_next(r, &rec);
	ck_assert_int_eq(rec.comment, 1);
	ck_assert_int_eq(csv_next(r, &rec, err, sizeof(err)), -1);
	ck_assert_str_eq(err,
	    "n.csv:3: NUL byte in input (is this a binary file?)");
	csv_close(r);
}
END_TEST

START_TEST(test_err_utf8)
{
	const char *msg = "invalid UTF-8 (is the file saved as UTF-8?)";
	char want[128];

	snprintf(want, sizeof(want), "t.csv:3: %s", msg);
	csvt_fails("ok\n\"x\ny\xff\"\n", want);
	csvt_fails("ok\n\n\xC0\xAF\n", want);		/* overlong '/' */
	csvt_fails("ok\n\n\xED\xA0\x80\n", want);	/* surrogate */
	csvt_fails("ok\n\n\xF4\x90\x80\x80\n", want);	/* > U+10FFFF */
	csvt_fails("ok\n\n#\xE7\x8C", want);		/* cut short */
	snprintf(want, sizeof(want), "t.csv:1: %s", msg);
	csvt_fails("caf\xE9,1\n", want);		/* Latin-1 */
	csvt_fails("\xEF\xBB\xBF\x80", want);
}
END_TEST

START_TEST(test_err_too_long)
{
	size_t n = CSV_FIELD_MAX + 1;
	char *buf = malloc(2 * n + 16), err[256];
	struct csv_reader *r;
	struct csv_record rec;

	ck_assert_ptr_nonnull(buf);
	/* Exactly the limit is fine, quoted or not. */
	memcpy(buf, "h\n\"", 3);
	memset(buf + 3, 'x', CSV_FIELD_MAX);
	memcpy(buf + 3 + CSV_FIELD_MAX, "\",", 2);
	memset(buf + 5 + CSV_FIELD_MAX, 'y', CSV_FIELD_MAX);
	r = csv_open_mem("t.csv", buf, 5 + 2 * (size_t)CSV_FIELD_MAX);
	ck_assert_ptr_nonnull(r);
	csvt_next(r, &rec);
	csvt_next(r, &rec);
	ck_assert_uint_eq(strlen(rec.fields[0]), CSV_FIELD_MAX);
	ck_assert_uint_eq(strlen(rec.fields[1]), CSV_FIELD_MAX);
	csv_close(r);
	free(buf);

	buf = malloc(n + 16);
	ck_assert_ptr_nonnull(buf);
	memcpy(buf, "h\n\n", 3);
	memset(buf + 3, 'x', n);
	ck_assert_int_eq(csvt_error(buf, n + 3, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "t.csv:3: field longer than 65536 bytes");
	memcpy(buf, "h\n\"", 3);
	memset(buf + 3, '\n', 2);
	memcpy(buf + n + 3, "\"\n", 2);
	ck_assert_int_eq(csvt_error(buf, n + 5, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "t.csv:2: field longer than 65536 bytes");
	free(buf);
}
END_TEST

START_TEST(test_err_stray_quote)
{
	csvt_fails("a\nab\"c,d\n", "t.csv:2: stray quote in unquoted field");
	csvt_fails("a,b\n x,\"y\"\n z,\"w\"x\n",
	    "t.csv:3: text after closing quote");
	csvt_fails("\"multi\nline\" ,x\n", "t.csv:2: text after closing quote");
	csvt_fails("\"a\"\rb\n", "t.csv:1: text after closing quote");
}
END_TEST

START_TEST(test_err_small_buffer)
{
	struct csv_reader *r = csvt_open("\"x");
	struct csv_record rec;
	char err[8];

	ck_assert_int_eq(csv_next(r, &rec, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "t.csv:1");
	ck_assert_int_eq(csv_next(r, &rec, NULL, 0), -1);
	csv_close(r);
}
END_TEST

START_TEST(test_open_missing)
{
	char err[256] = "";

	ck_assert_ptr_null(csv_open_file("/nonexistent/no.csv", err,
	    sizeof(err)));
	ck_assert_str_eq(err, "/nonexistent/no.csv: No such file or directory");
}
END_TEST

START_TEST(test_open_directory)
{
	char dir[] = "/tmp/check_csv_XXXXXX", want[64], err[256] = "";

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_ptr_null(csv_open_file(dir, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: is a directory", dir);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_open_permission)
{
	char path[] = "/tmp/check_csv_XXXXXX", want[96], err[256] = "";
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(chmod(path, 0), 0);
	if (geteuid() != 0) {
		ck_assert_ptr_null(csv_open_file(path, err, sizeof(err)));
		snprintf(want, sizeof(want), "%s: Permission denied", path);
		ck_assert_str_eq(err, want);
	}
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

START_TEST(test_open_file)
{
	static const char text[] = "\xEF\xBB\xBF# sheet\r\nname,p\r\n"
	    "猫,\"0,5\"\r\n";
	char path[] = "/tmp/check_csv_XXXXXX", err[256] = "";
	int fd = mkstemp(path);
	struct csv_reader *r;
	struct csv_record rec;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, sizeof(text) - 1),
	    (int)sizeof(text) - 1);
	close(fd);
	r = csv_open_file(path, err, sizeof(err));
	ck_assert_msg(r != NULL, "open failed: %s", err);
	ck_assert_str_eq(csv_name(r), path);
	csvt_next(r, &rec);
	ck_assert_int_eq(rec.comment, 1);
	ck_assert_str_eq(rec.fields[0], " sheet");
	csv_set_comments(r, 0);
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[1], "p");
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "猫");
	ck_assert_str_eq(rec.fields[1], "0,5");
	ck_assert_int_eq(rec.line, 3);
	csvt_end(r);
	csv_close(r);
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

START_TEST(test_open_large_file)
{
	char path[] = "/tmp/check_csv_XXXXXX", err[256] = "";
	int fd = mkstemp(path);
	FILE *f;
	struct csv_reader *r;
	struct csv_record rec;
	long i, n = 0;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < 50000; i++)
		fprintf(f, "%ld,\"q,%ld\",x\n", i, i);
	ck_assert_int_eq(fclose(f), 0);
	r = csv_open_file(path, err, sizeof(err));
	ck_assert_msg(r != NULL, "open failed: %s", err);
	while (csv_next(r, &rec, err, sizeof(err)) == 1) {
		ck_assert_int_eq(rec.line, n + 1);
		ck_assert_uint_eq(rec.nfields, 3);
		n++;
	}
	ck_assert_int_eq(n, 50000);
	ck_assert_str_eq(rec.fields[1], "q,49999");
	csv_close(r);
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

START_TEST(test_quote)
{
	char buf[64];

	ck_assert_uint_eq(csv_quote(buf, sizeof(buf), "abc"), 3);
	ck_assert_str_eq(buf, "abc");
	ck_assert_uint_eq(csv_quote(buf, sizeof(buf), ""), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(csv_quote(buf, sizeof(buf), "猫"), strlen("猫"));
	ck_assert_str_eq(buf, "猫");
	ck_assert_uint_eq(csv_quote(buf, sizeof(buf), "a,b"), 5);
	ck_assert_str_eq(buf, "\"a,b\"");
	csv_quote(buf, sizeof(buf), "say \"hi\"");
	ck_assert_str_eq(buf, "\"say \"\"hi\"\"\"");
	csv_quote(buf, sizeof(buf), "x\ny");
	ck_assert_str_eq(buf, "\"x\ny\"");
	csv_quote(buf, sizeof(buf), "x\ry");
	ck_assert_str_eq(buf, "\"x\ry\"");
	csv_quote(buf, sizeof(buf), " lead");
	ck_assert_str_eq(buf, "\" lead\"");
	csv_quote(buf, sizeof(buf), "trail ");
	ck_assert_str_eq(buf, "\"trail \"");
	csv_quote(buf, sizeof(buf), "in side");
	ck_assert_str_eq(buf, "in side");
}
END_TEST

START_TEST(test_quote_truncates)
{
	char buf[4] = "zzz";

	ck_assert_uint_eq(csv_quote(buf, sizeof(buf), "a,b"), 5);
	ck_assert_str_eq(buf, "\"a,");
	ck_assert_uint_eq(csv_quote(buf, 1, "abc"), 3);
	ck_assert_str_eq(buf, "");
	buf[0] = 'z';
	ck_assert_uint_eq(csv_quote(buf, 0, "\""), 4);
	ck_assert_int_eq(buf[0], 'z');
	ck_assert_uint_eq(csv_quote(NULL, 0, "a\"b"), 6);
}
END_TEST

START_TEST(test_quote_round_trip)
{
	static const char *const cases[] = {
		"plain", "a,b", "\"", "\"\"x\"", "two\nlines", "crlf\r\n",
		" pad ", "猫, 🐱",
	};
	char line[512];
	size_t i, n = 0;
	struct csv_reader *r;
	struct csv_record rec;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (i)
			line[n++] = ',';
		n += csv_quote(line + n, sizeof(line) - n, cases[i]);
	}
	r = csvt_open(line);
	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, sizeof(cases) / sizeof(cases[0]));
	for (i = 0; i < rec.nfields; i++)
		ck_assert_str_eq(rec.fields[i], cases[i]);
	csvt_end(r);
	csv_close(r);
}
END_TEST


/* Every record (or the error) of a reader, flattened into one string. */
static char *csvt_dump(struct csv_reader *r)
{
	struct csv_record rec;
	char err[256], *out = NULL;
	size_t n = 0, i;
	int rc, comments = 1;
	FILE *f = open_memstream(&out, &n);

	ck_assert_ptr_nonnull(f);
	while ((rc = csv_next(r, &rec, err, sizeof(err))) == 1) {
		fprintf(f, "%ld%s:", rec.line, rec.comment ? "#" : "");
		for (i = 0; i < rec.nfields; i++) {
			ck_assert_uint_eq(rec.lens[i], strlen(rec.fields[i]));
			fprintf(f, "[%s]", rec.fields[i]);
		}
		fputc('\n', f);
		/* Comments stop after the first plain record, as for sheets. */
		if (!rec.comment && comments) {
			csv_set_comments(r, 0);
			comments = 0;
		}
	}
	fprintf(f, "rc=%d %s\n", rc, rc < 0 ? err : "");
	fclose(f);
	return out;
}

/* Inputs whose records or errors cross any window boundary. */
static const char *const csvt_window_cases[] = {
	"a,b,c\n1,2,3\n", ",a,\n,\n\"\"\n",
	"\"a,b\",\"say \"\"hi\"\"\",\"\"\"\",\" x \"\n",
	"x,\"l1\nl2\n\nl4\",y\nz,\"a\r\nb\"\r\nlast\n",
	"a,b\r\n\"c\",d\r\ne\r", "a\rb,c\n", "\xEF\xBB\xBFname,x\nb,y\n",
	"\xEF\xBB\xBF", "\xEF\xBB", "# one\n#two\r\nh,k\n#not,a,comment\n",
	"\n\na\n\r\n\nb\n\r\n\n", "猫,\"🐱,é\"\nß,x\n", "a,b\nc,d",
	"a\nb,\"open\nmore\n\n", "\"", "\"x\"\"", "ok\n\"x\ny\xff\"\n",
	"ok\n\n\xC0\xAF\n", "ok\n\n#\xE7\x8C", "caf\xE9,1\n",
	"\xEF\xBB\xBF\x80", "a\nab\"c,d\n", "a,b\n x,\"y\"\n z,\"w\"x\n",
	"\"multi\nline\" ,x\n", "\"a\"\rb\n", "x\r", "\"q\"\r", "a,\"b\"",
	"h\n1,2\n3,4\r\n5,6",
	/* Fields longer than the fast path's 16-byte steps. */
	"0123456789abcdefghij,0123456789abcdefghijklmnopqrstuv\r\n"
	"xxxxxxxxxxxxxxxxxxxxx\rmore,yy\n\"zzzzzzzzzzzzzzzzzz\",w\n"
	"-1.2345678901234567,2.5,,3\nabcdefghijklmnopq\"r,s\n",
};

START_TEST(test_window_boundaries)
{
	static const size_t chunks[] = { 1, 2, 3, 5, 64 };
	const char *in = csvt_window_cases[_i];
	char path[] = "/tmp/check_csv_XXXXXX", err[256];
	int fd = mkstemp(path);
	size_t len = strlen(in), c;
	struct csv_reader *r;
	char *want, *got;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, in, len), (int)len);
	close(fd);
	r = csv_open_mem(path, in, len);
	want = csvt_dump(r);
	csv_close(r);
	for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		fd = open(path, O_RDONLY);
		r = csv_open_fd(path, fd, 1, chunks[c], err, sizeof(err));
		ck_assert_msg(r != NULL, "%s", err);
		got = csvt_dump(r);
		ck_assert_msg(strcmp(got, want) == 0, "chunk %zu of case %d:\n"
		    "%s\nwanted\n%s", chunks[c], _i, got, want);
		free(got);
		csv_close(r);
	}
	free(want);
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

/* Lengths come with the fields, and unquoting happens in place. */
START_TEST(test_window_lens_in_place)
{
	struct csv_reader *r = csvt_open("ab,\"c\"\"d\",\ne\n");
	struct csv_record rec;

	csvt_next(r, &rec);
	ck_assert_uint_eq(rec.nfields, 3);
	ck_assert_uint_eq(rec.lens[0], 2);
	ck_assert_uint_eq(rec.lens[1], 3);
	ck_assert_str_eq(rec.fields[1], "c\"d");
	ck_assert_uint_eq(rec.lens[2], 0);
	csvt_next(r, &rec);
	ck_assert_str_eq(rec.fields[0], "e");
	csvt_end(r);
	csv_close(r);
}
END_TEST

/* A setting's comma list: bare names as they are, quoted ones with
 * their commas and doubled quotes, an unclosed quote to the end, an
 * empty name after a last comma, and a name cut to the room given. */
START_TEST(test_list_next)
{
	static const struct { const char *in; const char *out[4]; } t[] = {
		{ "a,b", { "a", "b" } },
		{ " a , b", { " a ", " b" } },
		{ "\"x, y\" , z", { "x, y", " z" } },
		{ "\"say \"\"hi\"\"\"", { "say \"hi\"" } },
		{ "\"open, end", { "open, end" } },
		{ "a,", { "a", "" } },
		{ "\"\"", { "" } },
	};
	char name[12];
	const char *p;
	size_t i, j;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++) {
		for (p = t[i].in, j = 0; p != NULL; j++) {
			ck_assert_msg(j < 4 && t[i].out[j] != NULL,
			    "'%s': more names than %zu", t[i].in, j);
			csv_list_next(&p, name, sizeof(name));
			ck_assert_str_eq(name, t[i].out[j]);
		}
		ck_assert_msg(j == 4 || t[i].out[j] == NULL, "'%s': %zu names",
		    t[i].in, j);
	}
	p = "abcdefghijklmn,l";
	csv_list_next(&p, name, sizeof(name));
	ck_assert_str_eq(name, "abcdefghijk");
	ck_assert_str_eq(p, "l");
}
END_TEST

Suite *csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *read = tcase_create("read");
	TCase *err = tcase_create("errors");
	TCase *file = tcase_create("file");
	TCase *quote = tcase_create("quote");

	tcase_add_test(read, test_simple);
	tcase_add_test(read, test_empty_fields);
	tcase_add_test(read, test_quoted);
	tcase_add_test(read, test_quoted_newlines);
	tcase_add_test(read, test_crlf);
	tcase_add_test(read, test_bare_cr_is_data);
	tcase_add_test(read, test_bom);
	tcase_add_test(read, test_comments);
	tcase_add_test(read, test_comment_keeps_commas);
	tcase_add_test(read, test_blank_lines);
	tcase_add_test(read, test_empty_input);
	tcase_add_test(read, test_utf8);
	tcase_add_test(read, test_no_final_newline);
	tcase_add_test(read, test_many_fields);
	tcase_add_test(err, test_err_unterminated);
	tcase_add_test(err, test_err_nul);
	tcase_add_test(err, test_err_nul_after_good_records);
	tcase_add_test(err, test_err_utf8);
	tcase_add_test(err, test_err_too_long);
	tcase_add_test(err, test_err_stray_quote);
	tcase_add_test(err, test_err_small_buffer);
	tcase_add_test(file, test_open_missing);
	tcase_add_test(file, test_open_directory);
	tcase_add_test(file, test_open_permission);
	tcase_add_test(file, test_open_file);
	tcase_add_test(file, test_open_large_file);
	tcase_add_loop_test(file, test_window_boundaries, 0,
	    (int)(sizeof(csvt_window_cases) / sizeof(csvt_window_cases[0])));
	tcase_add_test(read, test_window_lens_in_place);
	tcase_add_test(quote, test_quote);
	tcase_add_test(quote, test_quote_truncates);
	tcase_add_test(quote, test_quote_round_trip);
	tcase_add_test(quote, test_list_next);
	tcase_set_timeout(file, 30);
	suite_add_tcase(s, read);
	suite_add_tcase(s, err);
	suite_add_tcase(s, file);
	suite_add_tcase(s, quote);
	return s;
}
