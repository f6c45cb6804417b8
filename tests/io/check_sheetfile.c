/*
 * check_sheetfile.c - sheet files in src/io/sheetfile.c: settings, header
 * roles, every refused input with its physical line, and saving that
 * reopens to the same bits.
 */
#include <dirent.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/num.h"
#include "core/sheet.h"
#include "io/sheetfile.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* Loads TEXT (named "t.csv") and insists that it loads. */
static struct sheet *
sft_load(const char *text, struct sheetfile_info *info)
{
	char err[1024] = "";
	struct sheet *s = sheetfile_load_mem("t.csv", text, strlen(text), info,
	    err, sizeof(err));

	ck_assert_msg(s != NULL, "load failed: %s", err);
	return s;
}

/* Frees a sheet with its info. */
static void
sft_free(struct sheet *s, struct sheetfile_info *info)
{
	sheet_free(s);
	sheetfile_info_free(info);
}

/* Loads BUF[0..LEN), which must fail with "t.csv:LINE: ..." holding WANT. */
static void
sft_fails_len(const char *buf, size_t len, long line, const char *want)
{
	struct sheetfile_info info;
	char err[1024] = "", prefix[64];
	struct sheet *s = sheetfile_load_mem("t.csv", buf, len, &info, err,
	    sizeof(err));

	ck_assert_msg(s == NULL, "loaded what should fail (%s)", want);
	snprintf(prefix, sizeof(prefix), "t.csv:%ld: ", line);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0,
	    "message '%s' does not start '%s'", err, prefix);
	ck_assert_msg(strstr(err, want) != NULL, "message '%s' lacks '%s'",
	    err, want);
	ck_assert_ptr_null(strchr(err, '\n'));
	ck_assert_ptr_null(info.cols);
	ck_assert_int_eq(info.ncols, 0);
}

/* The same for a NUL-terminated TEXT. */
static void
sft_fails(const char *text, long line, const char *want)
{
	sft_fails_len(text, strlen(text), line, want);
}

/* 1 when A and B are the same bits. */
static int
sft_same(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/* Makes a fresh temporary folder into DIR (at least 64 bytes). */
static void
sft_mkdir(char *dir)
{
	strcpy(dir, "/tmp/xent-sf-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Counts the entries of folder DIR; with RM, removes them and DIR. */
static int
sft_clean(const char *dir, int rm)
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
	if (rm)
		rmdir(dir);
	return n;
}

/* S written as a sheet file (STEP 0), or its table when FMT >= 0. */
static char *
sft_text(const struct sheet *s, const struct sheetfile_info *info, int fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fmt < 0 ? sheetfile_write(f, s, 0) :
	    sheetfile_write_table(f, s, info, fmt), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

/* Writes TEXT to PATH. */
static void
sft_put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* The contents of PATH, malloc'd. */
static char *
sft_get(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 1 << 20);
	size_t n;

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(buf);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Every setting line is read, applied to the sheet and located. */
START_TEST(test_settings_applied)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("# About pets: prose with a colon\n"
	    "# mode: logits\n# base: 10\n# title:  Pets, again \n"
	    "# temperature: 2.5\n# label-smoothing: 0.1\n# weights: 1, 2,0.5\n"
	    "# confident: 0.9\n# step: 0.25\n# just some prose\n"
	    "label,a,b,c\nb,1,2,3\n", &info);
	const struct sheet_opts *o = sheet_opts(s);

	ck_assert_int_eq(o->mode, SHEET_LOGITS);
	ck_assert_int_eq(o->base, 10);
	ck_assert_double_eq(o->temperature, 2.5);
	ck_assert_double_eq(o->smoothing, 0.1);
	ck_assert_double_eq(o->confident, 0.9);
	ck_assert_ptr_nonnull(o->weights);
	ck_assert_double_eq(o->weights[0], 1);
	ck_assert_double_eq(o->weights[1], 2);
	ck_assert_double_eq(o->weights[2], 0.5);
	ck_assert_str_eq(sheet_title(s), "Pets, again");
	ck_assert_double_eq(info.set.step, 0.25);
	ck_assert_int_eq(info.set.line[SF_MODE], 2);
	ck_assert_int_eq(info.set.line[SF_WEIGHTS], 7);
	ck_assert_int_eq(info.set.line[SF_STEP], 9);
	ck_assert_uint_eq(info.set.given, (1u << SF_NKEYS) - 1);
	ck_assert_int_eq(sheet_classes(s), 3);
	ck_assert_int_eq(sheet_target(s, 0), 1);
	sft_free(s, &info);
}
END_TEST

/* Bad settings are refused on their own line. */
START_TEST(test_settings_refused)
{
	sft_fails("# title: x\n# colour: red\na,b\n1,2\n", 2,
	    "unknown setting 'colour'");
	sft_fails("# mode: softmax\na,b\n1,2\n", 1, "unknown mode 'softmax'");
	sft_fails("#\n# base: 3\na,b\n1,2\n", 2, "unknown base '3'");
	sft_fails("# temperature: 0\na,b\n1,2\n", 1, "temperature");
	sft_fails("# label-smoothing: 1.5\na,b\n1,2\n", 1, "label-smoothing");
	sft_fails("# confident: x\na,b\n1,2\n", 1, "not a number");
	sft_fails("# weights: 1,-2\na,b\n1,2\n", 1, "weights");
	/* Settings that do not fit the sheet name the line that set them. */
	sft_fails("# mode: probs\n# x\n# temperature: 2\na,b\n0.5,0.5\n", 3,
	    "");
	sft_fails("# base: 2\n# weights: 1,2,3\nlabel,a,b\na,1,2\n", 2,
	    "weights: 3 given, but the sheet has 2 classes");
}
END_TEST

/* Key names, one setting at a time, and the command line winning a merge. */
START_TEST(test_settings_api)
{
	struct sheetfile_settings file, cli;
	char err[256];

	ck_assert_int_eq(sheetfile_key("label-smoothing"), SF_SMOOTHING);
	ck_assert_int_eq(sheetfile_key("nope"), -1);
	ck_assert_str_eq(sheetfile_key_name(SF_WEIGHTS), "weights");
	memset(&file, 0, sizeof(file));
	memset(&cli, 0, sizeof(cli));
	ck_assert_int_eq(sheetfile_setting(&file, SF_BASE, "10", err,
	    sizeof(err)), 0);
	ck_assert_int_eq(sheetfile_setting(&file, SF_TITLE, "t", err,
	    sizeof(err)), 0);
	ck_assert_int_eq(sheetfile_setting(&cli, SF_BASE, "e", err,
	    sizeof(err)), 0);
	ck_assert_int_eq(sheetfile_setting(&cli, SF_WEIGHTS, "1,3", err,
	    sizeof(err)), 0);
	ck_assert_int_eq(sheetfile_settings_merge(&file, &cli), 0);
	ck_assert_int_eq(file.o.base, 0);
	ck_assert_str_eq(file.title, "t");
	ck_assert_int_eq(file.nweights, 2);
	ck_assert_double_eq(file.o.weights[1], 3);
	sheetfile_settings_free(&file);
	sheetfile_settings_free(&cli);
	ck_assert_ptr_null(file.o.weights);
}
END_TEST

/* CRLF endings and a BOM read like LF; the id column is kept. */
START_TEST(test_crlf_bom)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("\xEF\xBB\xBF# base: 2\r\n"
	    "id,label,a,b\r\nr1,b,1,2\r\nr2,,3,4\r\n", &info);

	ck_assert_int_eq(info.ncols, 4);
	ck_assert_str_eq(info.cols[0].name, "id");
	ck_assert_int_eq(info.cols[0].role, SF_COL_ID);
	ck_assert_int_eq(info.cols[1].role, SF_COL_LABEL);
	ck_assert_str_eq(sheet_class_name(s, 1), "b");
	ck_assert_str_eq(sheet_id(s, 1), "r2");
	ck_assert_int_eq(sheet_opts(s)->base, 2);
	ck_assert_close(sheet_loss(s, 0), log2(1 + exp(-1)), 1e-15);
	ck_assert_int_eq(sheet_target(s, 0), 1);
	ck_assert_int_eq(sheet_has_target(s, 1), 0);
	ck_assert_double_eq(sheet_act(s, 1, 1), 4);
	sft_free(s, &info);
	sft_fails("a,b\r\n1,2\r\n1,2,3\r\n", 3, "3 fields");
}
END_TEST

/* Quoted class names keep their commas and quotes; labels find them. */
START_TEST(test_quoted_names)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("label,\"a,b\",\"say \"\"hi\"\"\",c\n"
	    "\"say \"\"hi\"\"\",1,2,3\n\"a,b\",4,5,6\n", &info);

	ck_assert_int_eq(sheet_classes(s), 3);
	ck_assert_str_eq(sheet_class_name(s, 0), "a,b");
	ck_assert_str_eq(sheet_class_name(s, 1), "say \"hi\"");
	ck_assert_int_eq(sheet_target(s, 0), 1);
	ck_assert_int_eq(sheet_target(s, 1), 0);
	ck_assert_int_eq(sheet_label_index(s, 0), 0);
	sft_free(s, &info);
}
END_TEST

/* UTF-8 class names, in labels and is_ columns. */
START_TEST(test_utf8_names)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("label,猫,犬\n犬,0.5,1.5\n", &info);

	ck_assert_str_eq(sheet_class_name(s, 0), "猫");
	ck_assert_int_eq(sheet_class_index(s, "犬"), 1);
	ck_assert_int_eq(sheet_target(s, 0), 1);
	sft_free(s, &info);
	s = sft_load("is_猫,is_犬,犬,猫\n1,0,2,3\n", &info);
	ck_assert_int_eq(sheet_target_style(s), SHEET_TARGET_ONEHOT);
	ck_assert_double_eq(sheet_y(s, 0, 1), 1);	/* 猫 is class 1 */
	ck_assert_double_eq(sheet_y(s, 0, 0), 0);
	sft_free(s, &info);
}
END_TEST

/* A label is a class name first and a 0-based index otherwise. */
START_TEST(test_label_name_or_index)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("label,x,1,w\n1,0,0,0\n2,0,0,0\n0,0,0,0\n"
	    "w,0,0,0\n", &info);

	ck_assert_int_eq(sheet_target(s, 0), 1);	/* the class "1" */
	ck_assert_int_eq(sheet_label_index(s, 0), 0);
	ck_assert_int_eq(sheet_target(s, 1), 2);	/* index 2 */
	ck_assert_int_ne(sheet_label_index(s, 1), 0);
	ck_assert_int_eq(sheet_target(s, 2), 0);
	ck_assert_int_eq(sheet_target(s, 3), 2);
	ck_assert_int_eq(sheet_target_style(s), SHEET_TARGET_LABEL);
	sft_free(s, &info);
}
END_TEST

/* Binary sheets: one activation column, label 1/0/cat/not_cat or is_cat;
 * a save writes the labels as they were read. */
START_TEST(test_binary)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("# mode: probs\nlabel,cat\n1,0.9\n0,0.8\n"
	    "cat,0.7\nnot_cat,0.6\n,0.5\n", &info);
	char *buf;

	ck_assert_int_eq(sheet_is_binary(s), 1);
	ck_assert_int_eq(sheet_opts(s)->mode, SHEET_PROBS);
	ck_assert_int_eq(sheet_target(s, 0), 0);
	ck_assert_int_eq(sheet_target(s, 1), 1);
	ck_assert_int_eq(sheet_target(s, 2), 0);
	ck_assert_int_eq(sheet_target(s, 3), 1);
	ck_assert_int_eq(sheet_has_target(s, 4), 0);
	ck_assert_double_eq(sheet_y(s, 1, 0), 0);
	ck_assert_close(sheet_loss(s, 1), -log(0.2), 1e-15);
	buf = sft_text(s, NULL, -1);	/* saved as read */
	ck_assert_ptr_nonnull(strstr(buf, "# mode: probs\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nlabel,cat\n1,0.9\n0,0.8\n"
	    "cat,0.7\nnot_cat,0.6\n,0.5\n"));
	free(buf);
	sft_free(s, &info);
	s = sft_load("# mode: probs\nis_cat,cat\n1,0.25\n0,0.25\n", &info);
	ck_assert_int_eq(sheet_target_style(s), SHEET_TARGET_ONEHOT);
	ck_assert_close(sheet_loss(s, 0), -log(0.25), 1e-15);
	ck_assert_close(sheet_loss(s, 1), -log(0.75), 1e-15);
	sft_free(s, &info);
	sft_fails("label,cat\ndog,1\n", 2, "unknown label 'dog'");
	sft_fails("label,cat\n2,1\n", 2, "unknown label '2'");
}
END_TEST

/* Without a label or is_ columns no row has a target. */
START_TEST(test_no_targets)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("id,a,b\nx,1,2\ny,3,4\n", &info);

	ck_assert_int_eq(sheet_target_style(s), SHEET_TARGET_NONE);
	ck_assert_int_eq(sheet_target_rows(s), 0);
	ck_assert_int_eq(sheet_has_target(s, 1), 0);
	ck_assert(isnan(sheet_loss(s, 0)));
	ck_assert(isnan(sheet_mean_loss(s)));
	sft_free(s, &info);
}
END_TEST

/* Found in review: a header without rows, old Mac CR line ends, a
 * byte-order mark past the start, and "1,,2" weights are all refused. */
START_TEST(test_review_refusals)
{
	sft_fails("# mode: probs\nid,label,cat,dog\n", 2, "no rows");
	sft_fails("label,a,b\ra,1,2\rb,2,3\r", 1, "bare CR");
	sft_fails("# title: x\n\xef\xbb\xbflabel,a,b\na,1,2\n", 2,
	    "byte-order mark");
	sft_fails("# weights: 1,,2\nlabel,a,b\na,1,2\n", 1,
	    "weights: '' is not a number");
}
END_TEST

/* inf, -inf and nan are activations, flagged rather than refused. */
START_TEST(test_inf_nan_values)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("label,a,b\na,inf,1\nb,-inf,1\na,nan,0\n"
	    "b, -0.0 ,1e-300\n", &info);

	ck_assert(isinf(sheet_act(s, 0, 0)) && sheet_act(s, 0, 0) > 0);
	ck_assert(isinf(sheet_act(s, 1, 0)) && sheet_act(s, 1, 0) < 0);
	ck_assert(isnan(sheet_act(s, 2, 0)));
	ck_assert_uint_ne(sheet_flags(s, 0) & FLAG_OVERFLOW, 0);
	ck_assert_uint_ne(sheet_flags(s, 2) & FLAG_NAN, 0);
	ck_assert_close(sheet_p(s, 1, 1), 1, 0);
	ck_assert(sft_same(sheet_act(s, 3, 1), 1e-300));
	ck_assert_double_eq(sheet_act(s, 3, 0), 0);
	sft_free(s, &info);
}
END_TEST

/* Messages give physical lines: blank lines and quoted newlines count. */
START_TEST(test_physical_lines)
{
	sft_fails("# mode: probs\n# base: 2\na,b\n1,2\n1,2,3\n", 5, "3 fields");
	sft_fails("a,b\n\n\n1,2,3\n", 4, "this row has 3 fields, the header "
	    "has 2");
	sft_fails("id,a,b\n\"two\nlines\",1,2\n1,2\n", 4, "2 fields");
	sft_fails("id,a,b\r\n\"x\r\ny\",1,2\r\nz,1,q\r\n", 4, "'q'");
}
END_TEST

/* Bad header and row contents and empty files, one message each. */
START_TEST(test_bad_content)
{
	sft_fails("a,b\n1,two\n", 2, "'two' in column 'b' is not a number");
	sft_fails("a,b\n1,\n", 2, "column 'b' is empty");
	sft_fails("label,a,b\nc,1,2\n", 2, "unknown label 'c'");
	sft_fails("label,a,b\n0,1,2\n2,1,2\n", 3, "label 2 is out of range");
	sft_fails("is_a,is_c,a,b\n1,0,1,2\n", 1, "'is_c' names no class");
	sft_fails("is_a,a,b\n1,1,2\n", 1, "1 is_* columns for 2 classes");
	sft_fails("a,b,a\n1,2,3\n", 1, "column 'a' appears twice");
	sft_fails("id,label\nx,0\n", 1, "no class columns");
	sft_fails("id,a,,b\nx,1,2,3\n", 1, "no name");
	sft_fails("label,is_a,a\n1,1,2\n", 1, "not both");
	sft_fails("is_a,is_b,a,b\n1,0,1,2\n1,,1,2\n", 3, "some is_* cells are "
	    "empty");
	sft_fails("is_a,is_b,a,b\n1,0,1,2\n0,x,1,2\n", 3, "'x'");
	sft_fails("", 1, "no header");
	sft_fails("# mode: probs\n# just a note\n", 2, "no header");
}
END_TEST

/* Every name the output uses is refused as a class. */
START_TEST(test_reserved_names)
{
	static const char *names[] = { "sum", "loss", "if_form", "flags",
	    "pred", "exp_a", "p_a", "p_", NULL };
	/* The label names are reserved for a class too (seen when another
	 * column is the label). */
	static const char *labels[] = { "target", "labels", "y", NULL };
	char text[128];
	int i;

	for (i = 0; names[i] != NULL; i++) {
		snprintf(text, sizeof(text), "a,%s\n1,2\n", names[i]);
		sft_fails(text, 1, "reserved");
	}
	for (i = 0; labels[i] != NULL; i++) {
		snprintf(text, sizeof(text), "# label-column: l\nl,a,%s\n"
		    "a,2,3\n", labels[i]);
		sft_fails(text, 2, "reserved");
	}
	sft_fails("id,id,a\n1,2,3\n", 1, "twice");
	sft_fails("label,label,a\n1,2,3\n", 1, "");
}
END_TEST

/* Opens TEXT through the stream with the command line's label-column
 * LABEL and text TEXTCOLS (either may be NULL) and reads it whole; NULL
 * with ERR when refused. */
static struct sheet *
sft_open_cli(const char *text, const char *label, const char *textcols,
    struct sheetfile_info *info, char *err, size_t errlen)
{
	struct sheetfile_settings cli;
	struct sheetfile_stream *st;
	struct sheet *s = NULL;

	memset(&cli, 0, sizeof(cli));
	if (label != NULL)
		ck_assert_int_eq(sheetfile_hsetting(&cli, SF_H_LABEL_COLUMN,
		    label, err, errlen), 0);
	if (textcols != NULL)
		ck_assert_int_eq(sheetfile_hsetting(&cli, SF_H_TEXT, textcols,
		    err, errlen), 0);
	st = sheetfile_open_mem("t.csv", text, strlen(text), &cli, info, err,
	    errlen);
	if (st != NULL) {
		s = sheetfile_read_all(st, err, errlen);
		sheetfile_close(st);
		if (s == NULL)
			sheetfile_info_free(info);
	}
	sheetfile_settings_free(&cli);
	return s;
}

/* pandas' default to_csv: the index under an empty first name is the
 * row id; an empty name elsewhere is still refused. */
START_TEST(test_pandas_index)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load(",cat,dog,label\nimg_1.jpg,2.5,0.5,cat\n"
	    "img_2.jpg,0.1,1.5,dog\n", &info);
	char *out;

	ck_assert_int_eq(sheet_rows(s), 2);
	ck_assert_int_eq(sheet_classes(s), 2);
	ck_assert_str_eq(sheet_id(s, 0), "img_1.jpg");
	ck_assert_str_eq(sheet_id(s, 1), "img_2.jpg");
	ck_assert_int_eq(info.cols[0].role, SF_COL_ID);
	ck_assert_str_eq(info.cols[0].name, "");
	ck_assert_int_eq(sheet_target(s, 1), 1);
	/* The table echoes the file's own header; a save names it id. */
	out = sft_text(s, &info, SF_CSV);
	ck_assert_int_eq(strncmp(out, ",cat,dog,label,exp_cat,", 23), 0);
	free(out);
	out = sft_text(s, NULL, -1);
	ck_assert_ptr_nonnull(strstr(out, "\nid,label,cat,dog\nimg_1.jpg,cat,"));
	free(out);
	sft_free(s, &info);
	/* A RangeIndex: the ids are 0, 1, ... */
	s = sft_load(",a,b\n0,1,2\n1,3,4\n", &info);
	ck_assert_str_eq(sheet_id(s, 1), "1");
	sft_free(s, &info);
	sft_fails("a,,b\n1,2,3\n", 1, "a column has no name");
	sft_fails(",id,a\nx,y,1\n", 1, "two id columns");
	sft_fails(", ,a\nx,y,1\n", 1, "a column has no name");
	/* An index written twice by pandas is never taken for a class. */
	sft_fails(",Unnamed: 0,a,b\n0,0,1,2\n", 1, "'Unnamed: 0' is a pandas "
	    "index read back as a column");
}
END_TEST

/* The label column: label, target, labels or y; or named by
 * label-column, from the command line or the file; its cells are class
 * names, else class indices. */
START_TEST(test_label_columns)
{
	static const char *names[] = { "label", "target", "labels", "y" };
	struct sheetfile_info info;
	char text[256], err[1024] = "";
	struct sheet *s;
	size_t i;

	for (i = 0; i < 4; i++) {
		snprintf(text, sizeof(text), "cat,%s,dog\n1,dog,2\n1,0,2\n",
		    names[i]);
		s = sft_load(text, &info);
		ck_assert_int_eq(sheet_classes(s), 2);
		ck_assert_str_eq(sheet_class_name(s, 1), "dog");
		ck_assert_int_eq(sheet_target(s, 0), 1);
		ck_assert_int_eq(sheet_target(s, 1), 0);
		ck_assert_int_eq(sheet_label_index(s, 1), 1);
		sft_free(s, &info);
		snprintf(text, sizeof(text), "%s,id\nx,1\n", names[i]);
		sft_fails(text, 1, "no class columns");
	}
	sft_fails("label,target,a,b\na,b,1,2\n", 1, "two label columns, "
	    "'label' and 'target'");
	/* label-column from the file, and the command line's over it. */
	s = sft_load("# label-column: truth\ntruth,a,b\nb,1,2\n", &info);
	ck_assert_int_eq(sheet_target(s, 0), 1);
	ck_assert_int_eq(info.cols[0].role, SF_COL_LABEL);
	sft_free(s, &info);
	s = sft_open_cli("# label-column: truth\ntruth,gold,a,b\nb,a,1,2\n",
	    "gold", "truth", &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_target(s, 0), 0);
	ck_assert_str_eq(sheet_text(s, 0, 0), "b");
	sft_free(s, &info);
	/* With label-column naming another, the label names are reserved:
	 * kept as text, or refused. */
	s = sft_open_cli("target,label,a,b\na,b,1,2\n", "label", "target",
	    &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_target(s, 0), 1);
	sft_free(s, &info);
	ck_assert_ptr_null(sft_open_cli("target,label,a,b\na,b,1,2\n", "label",
	    NULL, &info, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "t.csv:1: 'target' is a reserved "
	    "column name"));
	ck_assert_ptr_nonnull(strstr(err, "--text keeps it as text"));
	sft_fails("# label-column: gold\nlabel,a,b\na,1,2\n", 2,
	    "label-column: no column 'gold'");
	sft_fails("# label-column: a\n# text: a\na,b,c\n1,2,3\n", 3,
	    "both as the label column and as text");
}
END_TEST

/* Text columns: named by text (file or command line), kept per row,
 * echoed right after the id, saved and reopened; a column named neither
 * is still an error. */
START_TEST(test_text_columns)
{
	struct sheetfile_info info, info2;
	char dir[64], path[128], err[1024] = "", *out;
	struct sheet *s, *back;

	s = sft_load("# text: path, split\nlabel,cat,path,dog,split,id\n"
	    "cat,2,\"/d/a,1.png\",1,val,r1\ndog,0,/d/b.png,3,,r2\n", &info);
	ck_assert_int_eq(sheet_classes(s), 2);
	ck_assert_int_eq(sheet_texts(s), 2);
	ck_assert_str_eq(sheet_text_name(s, 0), "path");
	ck_assert_str_eq(sheet_text_name(s, 1), "split");
	ck_assert_str_eq(sheet_text(s, 0, 0), "/d/a,1.png");
	ck_assert_str_eq(sheet_text(s, 0, 1), "val");
	ck_assert_str_eq(sheet_text(s, 1, 1), "");
	out = sft_text(s, &info, SF_CSV);
	ck_assert_int_eq(strncmp(out, "id,path,split,label,cat,dog,exp_cat", 35),
	    0);
	ck_assert_ptr_nonnull(strstr(out, "\nr1,\"/d/a,1.png\",val,cat,2,1,"));
	free(out);
	sft_mkdir(dir);
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	ck_assert_int_eq(sheetfile_save(path, s, 0, err, sizeof(err)), 0);
	back = sheetfile_load(path, &info2, err, sizeof(err));
	ck_assert_msg(back != NULL, "%s", err);
	ck_assert_int_eq(sheet_texts(back), 2);
	ck_assert_str_eq(sheet_text(back, 0, 0), "/d/a,1.png");
	ck_assert_str_eq(sheet_text(back, 1, 0), "/d/b.png");
	ck_assert_str_eq(sheet_id(back, 1), "r2");
	ck_assert_int_eq(sheet_target(back, 1), 1);
	sft_free(back, &info2);
	sft_clean(dir, 1);
	sft_free(s, &info);
	s = sft_open_cli("path,a,b\n/x,1,2\n", NULL, "path", &info, err,
	    sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_str_eq(sheet_text(s, 0, 0), "/x");
	sft_free(s, &info);
	sft_fails("path,a,b\n/x,1,2\n", 2, "'/x' in column 'path' is not a "
	    "number");
	sft_fails("# text: pth\npath,a,b\n/x,1,2\n", 2, "text: no column "
	    "'pth' to keep as text");
	sft_fails("# text:\na,b\n1,2\n", 1, "text: give a value");
	sft_fails("# text: file, name\n\"file, name\",a,b\n/x,1,2\n", 2,
	    "text: no column 'file' to keep as text (a name with a comma "
	    "goes in double quotes)");
}
END_TEST

/* A text column whose name holds a comma or a quote is named quoted, as
 * a CSV field is, in the setting and on the command line, and a save
 * writes it so, so that the file opens again. */
START_TEST(test_text_quoted_names)
{
	struct sheetfile_info info, info2;
	char dir[64], path[128], err[1024] = "";
	struct sheet *s, *back;

	s = sft_load("# text: \"file, name\" , \"say \"\"hi\"\"\",split\n"
	    "\"file, name\",split,\"say \"\"hi\"\"\",label,a,b\n"
	    "\"x,y\",val,q,a,1,2\n", &info);
	ck_assert_int_eq(sheet_texts(s), 3);
	ck_assert_str_eq(sheet_text_name(s, 0), "file, name");
	ck_assert_str_eq(sheet_text_name(s, 2), "say \"hi\"");
	ck_assert_str_eq(sheet_text(s, 0, 0), "x,y");
	sft_mkdir(dir);
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	ck_assert_int_eq(sheetfile_save(path, s, 0, err, sizeof(err)), 0);
	back = sheetfile_load(path, &info2, err, sizeof(err));
	ck_assert_msg(back != NULL, "%s", err);
	ck_assert_int_eq(sheet_texts(back), 3);
	ck_assert_str_eq(sheet_text_name(back, 0), "file, name");
	ck_assert_str_eq(sheet_text_name(back, 2), "say \"hi\"");
	ck_assert_str_eq(sheet_text(back, 0, 2), "q");
	sft_free(back, &info2);
	sft_clean(dir, 1);
	sft_free(s, &info);
	s = sft_open_cli("\"file, name\",a,b\n/x,1,2\n", NULL,
	    "\"file, name\"", &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_str_eq(sheet_text(s, 0, 0), "/x");
	sft_free(s, &info);
}
END_TEST

/* Text survives the sheet's own row moves: a copied row, a deleted and
 * re-inserted one, a clone. */
START_TEST(test_text_rows)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("# text: f\nf,a,b\nx,1,2\ny,3,4\n", &info),
	    *t;

	ck_assert_int_eq(sheet_insert_row(s, 0, 1), 0);
	ck_assert_str_eq(sheet_text(s, 0, 0), "y");
	ck_assert_str_eq(sheet_text(s, 1, 0), "x");
	ck_assert_int_eq(sheet_insert_row(s, 3, -1), 0);
	ck_assert_str_eq(sheet_text(s, 3, 0), "");
	sheet_delete_row(s, 0);
	ck_assert_str_eq(sheet_text(s, 0, 0), "x");
	ck_assert_str_eq(sheet_text(s, 1, 0), "y");
	ck_assert_int_eq(sheet_set_text(s, 2, 0, "z"), 0);
	ck_assert_ptr_nonnull(t = sheet_clone(s));
	ck_assert_str_eq(sheet_text(t, 2, 0), "z");
	ck_assert_str_eq(sheet_text_name(t, 0), "f");
	ck_assert_int_eq(sheet_set_text(s, 5, 0, "out"), -1);
	sheet_free(t);
	sft_free(s, &info);
}
END_TEST

/* is_ names are trimmed like the others; a CR inside a quoted name is
 * told as such, bare CR line ends as before. */
START_TEST(test_header_names)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("\"is_ a\",is_b,\" a\",b\n1,0,2,3\n", &info);

	ck_assert_int_eq(sheet_classes(s), 2);
	ck_assert_str_eq(sheet_class_name(s, 0), "a");
	ck_assert_int_eq(sheet_target(s, 0), 0);
	ck_assert_int_eq(sheet_target_style(s), SHEET_TARGET_ONEHOT);
	sft_free(s, &info);
	sft_fails("\"is_ a\",is_a,a\n1,0,2\n", 1, "column 'is_a' appears twice");
	sft_fails("\"a\rb\",c\n1,2\n", 1, "a CR (carriage return) inside the "
	    "quoted column name 'a...'");
	sft_fails("a,b\r1,2\r3,4\n", 1, "bare CR line ends");
}
END_TEST

/* Duplicate names are found with a hash set: 100,000 columns load in
 * well under the 19 s the pairwise check took (bounded here by CPU time,
 * generously, so a loaded machine does not fail it), and a duplicate at
 * the far end is named. */
START_TEST(test_wide_header)
{
	enum { NCOL = 100000 };
	struct sheetfile_info info;
	size_t cap = (size_t)NCOL * 16, n = 0, mid;
	char *text = malloc(cap), err[1024];
	struct sheet *s;
	clock_t t0 = clock();
	int i;

	ck_assert_ptr_nonnull(text);
	for (i = 0; i < NCOL; i++)
		n += snprintf(text + n, cap - n, "%sc%d", i ? "," : "", i);
	mid = n;
	text[n++] = '\n';
	for (i = 0; i < NCOL; i++)
		n += snprintf(text + n, cap - n, "%s%d", i ? "," : "", i % 7);
	text[n++] = '\n';
	s = sheetfile_load_mem("w.csv", text, n, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_classes(s), NCOL);
	ck_assert_str_eq(sheet_class_name(s, NCOL - 1), "c99999");
	sft_free(s, &info);
	/* The last name repeats the first. */
	memcpy(text + mid - 6, "c0,c0\n", 6);
	ck_assert_ptr_null(sheetfile_load_mem("w.csv", text, n, &info, err,
	    sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "column 'c0' appears twice"));
	ck_assert_msg((double)(clock() - t0) / CLOCKS_PER_SEC < 5,
	    "the header check is not linear");
	free(text);
}
END_TEST

/* Broken CSV: quotes, NUL bytes, binary garbage, invalid UTF-8, huge fields. */
START_TEST(test_bad_bytes)
{
	static const char nul[] = "a,b\n1,2\n3,\0" "4\n";
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"
	    "\x03\0>\0\x01\0\0\0";
	static const char latin1[] = "label,caf\xe9,b\n";
	size_t n = 70000, i;
	char *big = malloc(n + 32);

	sft_fails("a,b\n1,2\n\"3,4\n5,6\n", 3, "unterminated");
	sft_fails_len(nul, sizeof(nul) - 1, 3, "NUL");
	sft_fails_len(elf, sizeof(elf) - 1, 1, "");
	sft_fails(latin1, 1, "UTF-8");
	ck_assert_ptr_nonnull(big);
	for (i = 0; i < 2; i++) {
		memcpy(big, i ? "a,b\n1,\"" : "a,b\n1,", 6 + i);
		memset(big + 6 + i, '9', n);
		strcpy(big + 6 + i + n, i ? "\"\n" : "\n");
		sft_fails(big, 2, "longer than 65536");
	}
	free(big);
}
END_TEST

/* Files that cannot be read: missing, a directory, no permission. */
START_TEST(test_unreadable_files)
{
	struct sheetfile_info info;
	char dir[64], path[128], err[1024];
	struct sheet *s;

	sft_mkdir(dir);
	snprintf(path, sizeof(path), "%s/missing.csv", dir);
	ck_assert_ptr_null(sheetfile_load(path, &info, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, path));
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
	ck_assert_ptr_null(sheetfile_load(dir, &info, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "is a directory"));
	snprintf(path, sizeof(path), "%s/locked.csv", dir);
	sft_put(path, "a,b\n1,2\n");
	ck_assert_int_eq(chmod(path, 0), 0);
	s = sheetfile_load(path, &info, err, sizeof(err));
	if (geteuid() != 0) {
		ck_assert_ptr_null(s);
		ck_assert_ptr_nonnull(strstr(err, "Permission denied"));
	} else if (s != NULL)
		sft_free(s, &info);	/* root reads anything: no crash */
	snprintf(path, sizeof(path), "%s/good.csv", dir);
	sft_put(path, "label,a,b\nb,1,2\n");
	s = sheetfile_load(path, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_target(s, 0), 1);
	sft_free(s, &info);
	sft_clean(dir, 1);
}
END_TEST

/* The grid's loads refuse what is not a regular file, at once: a FIFO
 * (opening one used to wait for a writer, forever), a device such as
 * /dev/zero, standard input; and a file past the size limit, which
 * --max-bytes sets.  The alarm ends the test if open() waits. */
START_TEST(test_grid_refuses)
{
	struct sheetfile_info info;
	char dir[64], path[128], err[1024];
	struct sheet *s;

	alarm(5);
	sft_mkdir(dir);
	snprintf(path, sizeof(path), "%s/pipe", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_ptr_null(sheetfile_load(path, &info, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "pipe: not a regular file"));
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_ptr_null(sheetfile_load("/dev/zero", &info, err,
	    sizeof(err)));
	ck_assert_str_eq(err, "/dev/zero: not a regular file (a pipe or a "
	    "device): the grid opens files; xent eval reads pipes");
	ck_assert_ptr_null(sheetfile_load("-", &info, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
	snprintf(path, sizeof(path), "%s/big.csv", dir);
	sft_put(path, "label,a,b\nb,1,2\na,2,1\n");	/* 22 bytes */
	sheetfile_set_max_bytes(21);
	ck_assert_ptr_null(sheetfile_load(path, &info, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "big.csv: 22 bytes, more than the "
	    "grid's limit of 21 (xent --max-bytes N raises it"));
	sheetfile_set_max_bytes(22);
	s = sheetfile_load(path, &info, err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_int_eq(sheet_rows(s), 2);
	sft_free(s, &info);
	sheetfile_set_max_bytes(0);
	ck_assert_uint_ge(sheetfile_max_bytes(), SHEETFILE_MAX_FLOOR);
	sft_clean(dir, 1);
	alarm(0);
}
END_TEST

/* Saves and reloads: every activation and target the same bits, settings
 * and labels as they were, -0 read back as 0. */
START_TEST(test_save_round_trip)
{
	static const char *names[] = { "a,b", "猫", "say \"hi\"" };
	double rows[4][3] = {
		{ 0.1, 1 / 3.0, 1e-300 },
		{ 12345.678901234567, -0.0, 5e-324 },
		{ DBL_MAX, -DBL_MIN, 2.5e-17 },
		{ INFINITY, -INFINITY, NAN },
	};
	double y[3] = { 0, 1, 0 }, w[3] = { 1, 2.5, 0.1 };
	struct sheet *s = sheet_new(3, names), *t;
	struct sheetfile_info info;
	struct sheet_opts o;
	char dir[64], path[128], err[1024];
	int r, k;

	sheet_opts_init(&o);
	o.base = 2;
	o.temperature = 1.5;
	o.smoothing = 0.05;
	o.confident = 0.7;
	o.weights = w;
	ck_assert_int_eq(sheet_set_opts(s, &o, err, sizeof(err)), 0);
	sheet_set_title(s, "Round trip");
	sheet_set_target_style(s, SHEET_TARGET_LABEL);
	for (r = 0; r < 4; r++)
		sheet_append(s, r == 1 ? "id, with comma" : NULL, rows[r],
		    r == 2 ? NULL : y, r == 3);
	sft_mkdir(dir);
	snprintf(path, sizeof(path), "%s/s.csv", dir);
	ck_assert_msg(sheetfile_save(path, s, 0.125, err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_int_eq(sft_clean(dir, 0), 1);
	t = sheetfile_load(path, &info, err, sizeof(err));
	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_int_eq(sheet_rows(t), 4);
	for (r = 0; r < 4; r++)
		for (k = 0; k < 3; k++) {
			ck_assert_str_eq(sheet_class_name(t, k), names[k]);
			if (isnan(rows[r][k]))
				ck_assert(isnan(sheet_act(t, r, k)));
			else
				ck_assert_msg(sft_same(sheet_act(t, r, k),
				    rows[r][k] == 0 ? 0.0 : rows[r][k]),
				    "row %d class %d: %.17g", r, k,
				    sheet_act(t, r, k));
			ck_assert(sft_same(sheet_y(t, r, k), sheet_y(s, r, k)));
		}
	ck_assert_int_eq(signbit(sheet_act(t, 1, 1)), 0);
	ck_assert_int_eq(sheet_has_target(t, 2), 0);
	ck_assert_int_eq(sheet_target(t, 0), 1);
	ck_assert_int_ne(sheet_label_index(t, 3), 0);
	ck_assert_str_eq(sheet_id(t, 1), "id, with comma");
	ck_assert_str_eq(sheet_title(t), "Round trip");
	ck_assert_int_eq(sheet_target_style(t), SHEET_TARGET_LABEL);
	ck_assert_int_eq(sheet_opts(t)->base, 2);
	ck_assert(sft_same(sheet_opts(t)->temperature, 1.5));
	ck_assert(sft_same(sheet_opts(t)->smoothing, 0.05));
	ck_assert(sft_same(sheet_opts(t)->confident, 0.7));
	ck_assert(sft_same(sheet_opts(t)->weights[2], 0.1));
	ck_assert(sft_same(info.set.step, 0.125));
	sft_free(t, &info);
	sheet_free(s);
	sft_clean(dir, 1);
}
END_TEST

/* A soft target on a label sheet cannot be a label: it saves as is_*. */
START_TEST(test_save_soft_targets)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("label,a,b,c\nb,1,2,3\nc,4,5,6\n", &info);
	struct sheet *t;
	char *buf;

	sheet_set_y(s, 0, 0, 0.5);
	buf = sft_text(s, NULL, -1);
	ck_assert_ptr_nonnull(strstr(buf, "\nis_a,is_b,is_c,a,b,c\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\n0.5,1,0,1,2,3\n"));
	sheetfile_info_free(&info);
	t = sft_load(buf, &info);
	ck_assert_int_eq(sheet_target_style(t), SHEET_TARGET_ONEHOT);
	ck_assert_double_eq(sheet_y(t, 0, 0), 0.5);
	ck_assert_double_eq(sheet_y(t, 1, 2), 1);
	ck_assert_uint_ne(sheet_flags(t, 0) & FLAG_NOT_ONE_HOT, 0);
	sft_free(t, &info);
	sheet_free(s);
	free(buf);
}
END_TEST

/* Saving over a file replaces it; a failed save leaves it whole and no
 * temporary file behind. */
START_TEST(test_save_failures)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("label,a,b\nb,1,2\n", &info), *big;
	char dir[64], path[128], err[1024], *text;
	struct rlimit old, lim;
	void (*oldsig)(int);
	double a[2] = { 0.1, 1 / 3.0 };
	int r;

	sft_mkdir(dir);
	snprintf(path, sizeof(path), "%s/nodir/s.csv", dir);
	ck_assert_int_eq(sheetfile_save(path, s, 0, err, sizeof(err)), -1);
	ck_assert_msg(strncmp(err, path, strlen(path)) == 0 &&
	    err[strlen(path)] == ':', "%s", err);
	ck_assert_int_eq(sheetfile_save("/dev/full", s, 0, err, sizeof(err)),
	    -1);
	ck_assert_msg(strncmp(err, "/dev/full: ", 11) == 0, "%s", err);
	snprintf(path, sizeof(path), "%s/s.csv", dir);
	sft_put(path, "old contents\n");
	ck_assert_int_eq(sheetfile_save(path, s, 0, err, sizeof(err)), 0);
	text = sft_get(path);
	ck_assert_ptr_nonnull(strstr(text, "\nlabel,a,b\nb,1,2\n"));
	free(text);
	/* A file size limit makes the next, larger save fail midway. */
	big = sheet_clone(s);
	for (r = 0; r < 5000; r++)
		sheet_append(big, NULL, a, NULL, 0);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 4096;
	oldsig = signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	r = sheetfile_save(path, big, 0, err, sizeof(err));
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, oldsig);
	ck_assert_int_eq(r, -1);
	ck_assert_msg(strncmp(err, path, strlen(path)) == 0, "%s", err);
	text = sft_get(path);
	ck_assert_ptr_nonnull(strstr(text, "\nlabel,a,b\nb,1,2\n"));
	ck_assert_uint_lt(strlen(text), 100);
	free(text);
	ck_assert_int_eq(sft_clean(dir, 0), 1);
	sheet_free(big);
	sft_free(s, &info);
	sft_clean(dir, 1);
}
END_TEST

/* A decimal-comma locale neither breaks reading nor writing. */
START_TEST(test_locale)
{
	char *old = strdup(setlocale(LC_ALL, NULL)), buf[NUM_BUFSZ], *out;
	struct sheetfile_info info;
	struct sheet *s;

	ck_assert_ptr_nonnull(old);
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	s = sft_load("# temperature: 0.5\nlabel,a,b\na,0.5,1.25\n", &info);
	ck_assert_double_eq(sheet_act(s, 0, 0), 0.5);
	ck_assert_double_eq(sheet_opts(s)->temperature, 0.5);
	ck_assert_str_eq(num_format(buf, sizeof(buf), 0.5), "0.5");
	out = sft_text(s, NULL, -1);
	ck_assert_ptr_nonnull(strstr(out, "\na,0.5,1.25\n"));
	ck_assert_ptr_nonnull(strstr(out, "# temperature: 0.5\n"));
	setlocale(LC_ALL, old);
	free(old);
	free(out);
	sft_free(s, &info);
}
END_TEST

/* The computed table: the input columns in file order (or canonical
 * without INFO), then the derived ones. */
START_TEST(test_write_table)
{
	struct sheetfile_info info;
	struct sheet *s = sft_load("a,label,b\n1,b,-0.0\n", &info);
	char *out = sft_text(s, &info, SF_CSV);

	ck_assert_ptr_eq(strstr(out, "a,label,b,exp_a,exp_b,sum,p_a,p_b,pred,"
	    "loss,if_form,flags\n1,b,0,2.718281828459045,1,"), out);
	free(out);
	out = sft_text(s, NULL, SF_MD);
	ck_assert_ptr_eq(strstr(out, "| label | a | b | exp_a |"), out);
	ck_assert_ptr_nonnull(strstr(out, "|\n|---|---|"));
	free(out);
	sft_free(s, &info);
}
END_TEST

Suite *
sheetfile_suite(void)
{
	Suite *s = suite_create("sheetfile");
	TCase *set = tcase_create("settings"), *rd = tcase_create("read");
	TCase *bad = tcase_create("errors"), *save = tcase_create("save");
	TCase *out = tcase_create("output");

	tcase_add_test(set, test_settings_applied);
	tcase_add_test(set, test_settings_refused);
	tcase_add_test(set, test_settings_api);
	tcase_add_test(rd, test_crlf_bom);
	tcase_add_test(rd, test_quoted_names);
	tcase_add_test(rd, test_utf8_names);
	tcase_add_test(rd, test_label_name_or_index);
	tcase_add_test(rd, test_binary);
	tcase_add_test(rd, test_no_targets);
	tcase_add_test(rd, test_inf_nan_values);
	tcase_add_test(bad, test_physical_lines);
	tcase_add_test(bad, test_bad_content);
	tcase_add_test(bad, test_review_refusals);
	tcase_add_test(bad, test_reserved_names);
	tcase_add_test(rd, test_pandas_index);
	tcase_add_test(rd, test_label_columns);
	tcase_add_test(rd, test_text_columns);
	tcase_add_test(rd, test_text_quoted_names);
	tcase_add_test(rd, test_text_rows);
	tcase_add_test(rd, test_header_names);
	tcase_add_test(rd, test_wide_header);
	tcase_add_test(bad, test_bad_bytes);
	tcase_add_test(bad, test_unreadable_files);
	tcase_add_test(bad, test_grid_refuses);
	tcase_add_test(save, test_save_round_trip);
	tcase_add_test(save, test_save_soft_targets);
	tcase_add_test(save, test_save_failures);
	tcase_add_test(out, test_locale);
	tcase_add_test(out, test_write_table);
	tcase_set_timeout(save, 30);
	suite_add_tcase(s, set);
	suite_add_tcase(s, rd);
	suite_add_tcase(s, bad);
	suite_add_tcase(s, save);
	suite_add_tcase(s, out);
	return s;
}
