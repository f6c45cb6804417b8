/*
 * check_reference.c - xent reproduces both published spreadsheets.
 *
 * The expected values are read at test time from the cell dumps in
 * tests/reference (Excel's cached values; see tests/reference/SOURCE), so
 * no number is copied by hand.  Excel rounds differently from glibc, hence 1e-12 relative.  The
 * sheets' own slips (a total that negates the losses) are not reproduced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sheet.h"
#include "io/csv.h"
#include "tests/suites.h"
#include "tests/testutil.h"

#define REL 1e-12
#define V3 "entropy_example-course-v3-2019.cells.txt"
#define C22 "entropy_example-course22-2022.cells.txt"

/* Excel's cached value of CELL on sheet TAB in dump FILE. */
static double
ref(const char *file, const char *tab, const char *cell)
{
	char path[1024], line[512], want[64], cur[64] = "", *arrow;
	FILE *f;
	double v = NAN;

	snprintf(path, sizeof(path), "%s/%s", tu_reference(), file);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	snprintf(want, sizeof(want), "%s ", cell);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "== sheet '%63[^']'", cur) == 1)
			continue;
		if (strcmp(cur, tab) == 0 &&
		    strncmp(line, want, strlen(want)) == 0 &&
		    (arrow = strstr(line, "-> ")) != NULL) {
			v = strtod(arrow + 3, NULL);
			break;
		}
	}
	fclose(f);
	ck_assert_msg(!isnan(v), "no cell %s!%s in %s", tab, cell, file);
	return v;
}

/* ref() for column COL, row ROW. */
static double
refc(const char *file, const char *tab, char col, int row)
{
	char cell[16];

	snprintf(cell, sizeof(cell), "%c%d", col, row);
	return ref(file, tab, cell);
}

static const char *five[] = { "cat", "dog", "plane", "fish", "building" };

/* A one-row five-class logits sheet from column COL, rows FIRST.. of the
 * softmax tab, with target T. */
static struct sheet *
softmax_sheet(const char *file, char col, int first, int t)
{
	struct sheet *s = sheet_new(5, five);
	double a[5], y[5] = { 0 };
	int k;

	for (k = 0; k < 5; k++)
		a[k] = refc(file, "softmax", col, first + k);
	y[t] = 1;
	ck_assert_int_eq(sheet_append(s, NULL, a, y, 0), 0);
	return s;
}

/* course-v3, Image 1 and 2: exp, sum, softmax and its total. */
START_TEST(test_v3_softmax)
{
	const char cols[2][4] = { "BCD", "GHI" };
	int img, k;

	for (img = 0; img < 2; img++) {
		struct sheet *s = softmax_sheet(V3, cols[img][0], 3, 3);
		double total = 0;

		for (k = 0; k < 5; k++) {
			ck_assert_close(sheet_exp(s, 0, k),
			    refc(V3, "softmax", cols[img][1], 3 + k), REL);
			ck_assert_close(sheet_p(s, 0, k),
			    refc(V3, "softmax", cols[img][2], 3 + k), REL);
			ck_assert_close(sheet_naive_p(s, 0, k),
			    refc(V3, "softmax", cols[img][2], 3 + k), REL);
			total += sheet_p(s, 0, k);
		}
		ck_assert_close(sheet_sum(s, 0),
		    refc(V3, "softmax", cols[img][1], 8), REL);
		ck_assert_close(total, refc(V3, "softmax", cols[img][2], 8),
		    REL);
		ck_assert_int_eq(sheet_pred(s, 0), 3);	/* fish */
		sheet_free(s);
	}
}
END_TEST

/* course-v3: the "binary" columns are sigmoid(logit) of each class. */
START_TEST(test_v3_sigmoid)
{
	const char *one[] = { "x" };
	const char src[2] = { 'B', 'G' }, dst[2] = { 'K', 'L' };
	int img, r;

	for (img = 0; img < 2; img++) {
		struct sheet *s = sheet_new(1, one);

		for (r = 0; r < 5; r++) {
			double a = refc(V3, "softmax", src[img], 3 + r);

			sheet_append(s, NULL, &a, NULL, 0);
			ck_assert_close(sheet_p(s, r, 0),
			    refc(V3, "softmax", dst[img], 3 + r), REL);
			ck_assert_close(sheet_sum(s, r),
			    1 + refc(V3, "softmax", src[img] + 1, 3 + r), REL);
		}
		sheet_free(s);
	}
}
END_TEST

/* A binary probs sheet in base 10 from the is/pred columns of TAB. */
static struct sheet *
binary_sheet(const char *file, const char *tab, char iscol, char pcol,
    int first, int n)
{
	const char *one[] = { "cat" };
	struct sheet *s = sheet_new(1, one);
	struct sheet_opts o;
	char err[256];
	int r;

	sheet_opts_init(&o);
	o.mode = SHEET_PROBS;
	o.base = 10;
	ck_assert_int_eq(sheet_set_opts(s, &o, err, sizeof(err)), 0);
	for (r = 0; r < n; r++) {
		double y = refc(file, tab, iscol, first + r);
		double p = refc(file, tab, pcol, first + r);

		sheet_append(s, NULL, &p, &y, 0);
	}
	return s;
}

/* course-v3 entropy tab: cross-entropy (D) and IF (E) forms, base 10. */
START_TEST(test_v3_entropy)
{
	struct sheet *s = binary_sheet(V3, "entropy", 'B', 'C', 2, 5);
	int r;

	for (r = 0; r < 5; r++) {
		ck_assert_close(sheet_loss(s, r),
		    refc(V3, "entropy", 'D', 2 + r), REL);
		ck_assert_close(sheet_plain(s, r),
		    refc(V3, "entropy", 'D', 2 + r), REL);
		ck_assert_close(sheet_if_form(s, r),
		    refc(V3, "entropy", 'E', 2 + r), REL);
		ck_assert(!(sheet_flags(s, r) & FLAG_FORMS_DISAGREE));
	}
	/* Row 4 (0 vs 0.9) is the lecture's confident-but-wrong example. */
	ck_assert(sheet_flags(s, 2) & FLAG_CONFIDENT_WRONG);
	ck_assert_int_eq(sheet_flag_count(s, FLAG_CONFIDENT_WRONG), 1);
	sheet_free(s);
}
END_TEST

/* A two-class probs sheet in base 10: targets from columns Y0/Y1, the
 * first probability from P0 and the second from P1 (or 1 - P0 when P1 is
 * 0, as the sheet computes it). */
static struct sheet *
two_sheet(const char *file, const char *tab, const char *cols, int first,
    int n)
{
	const char *two[] = { "cat", "dog" };
	struct sheet *s = sheet_new(2, two);
	struct sheet_opts o;
	char err[256];
	int r;

	sheet_opts_init(&o);
	o.mode = SHEET_PROBS;
	o.base = 10;
	ck_assert_int_eq(sheet_set_opts(s, &o, err, sizeof(err)), 0);
	for (r = 0; r < n; r++) {
		double y[2], a[2];

		y[0] = refc(file, tab, cols[0], first + r);
		y[1] = refc(file, tab, cols[1], first + r);
		a[0] = refc(file, tab, cols[2], first + r);
		a[1] = cols[3] ? refc(file, tab, cols[3], first + r) : 1 - a[0];
		sheet_append(s, NULL, a, y, 0);
	}
	return s;
}

/* course-v3 log_entropy tab: logs (E, F), NLL (G), MATCH (H), OFFSET (I). */
START_TEST(test_v3_log_entropy)
{
	struct sheet *s = two_sheet(V3, "log_entropy", "BCD", 2, 5);
	int r, t;

	for (r = 0; r < 5; r++) {
		const char *L = "log_entropy";

		ck_assert_close(-sheet_neglog(s, r, 0), refc(V3, L, 'E', 2 + r),
		    REL);
		ck_assert_close(-sheet_neglog(s, r, 1), refc(V3, L, 'F', 2 + r),
		    REL);
		ck_assert_close(sheet_loss(s, r), refc(V3, L, 'G', 2 + r), REL);
		t = sheet_target(s, r);
		ck_assert_int_eq(t + 1, (int)refc(V3, L, 'H', 2 + r));
		ck_assert_close(-sheet_neglog(s, r, t), refc(V3, L, 'I', 2 + r),
		    REL);
		ck_assert_close(-sheet_if_form(s, r), refc(V3, L, 'I', 2 + r),
		    REL);
	}
	sheet_free(s);
}
END_TEST

/* course22 softmax tab: exp, sum, softmax, and the index column. */
START_TEST(test_c22_softmax)
{
	struct sheet *s = softmax_sheet(C22, 'B', 2, 1);
	double total = 0;
	int k;

	for (k = 0; k < 5; k++) {
		ck_assert_close(sheet_exp(s, 0, k), refc(C22, "softmax", 'C',
		    2 + k), REL);
		ck_assert_close(sheet_p(s, 0, k), refc(C22, "softmax", 'D',
		    2 + k), REL);
		ck_assert_close(sheet_y(s, 0, k), refc(C22, "softmax", 'E',
		    2 + k), REL);
		ck_assert_int_eq(k, (int)refc(C22, "softmax", 'F', 2 + k));
		total += sheet_p(s, 0, k);
	}
	ck_assert_close(sheet_sum(s, 0), refc(C22, "softmax", 'C', 7), REL);
	ck_assert_close(total, refc(C22, "softmax", 'D', 7), REL);
	ck_assert_int_eq(sheet_target(s, 0), 1);	/* dog */
	sheet_free(s);
}
END_TEST

/* course22 entropy tab, top: one-hot times log per class, and the loss. */
START_TEST(test_c22_entropy_onehot)
{
	struct sheet *s = sheet_new(5, five);
	struct sheet_opts o;
	double a[5], y[5];
	char err[256];
	int k;

	sheet_opts_init(&o);
	o.mode = SHEET_PROBS;
	o.base = 10;
	ck_assert_int_eq(sheet_set_opts(s, &o, err, sizeof(err)), 0);
	for (k = 0; k < 5; k++) {
		a[k] = refc(C22, "entropy", 'B', 2 + k);
		y[k] = refc(C22, "entropy", 'C', 2 + k);
	}
	sheet_append(s, NULL, a, y, 0);
	for (k = 0; k < 5; k++)
		ck_assert_close(y[k] == 0 ? 0 : -y[k] * sheet_neglog(s, 0, k),
		    refc(C22, "entropy", 'D', 2 + k), REL);
	ck_assert_close(sheet_loss(s, 0), refc(C22, "entropy", 'D', 7), REL);
	ck_assert_close(sheet_if_form(s, 0), refc(C22, "entropy", 'D', 7), REL);
	ck_assert_close(sheet_mean_loss(s), refc(C22, "entropy", 'D', 7), REL);
	sheet_free(s);
}
END_TEST

/* course22 entropy tab, bottom: isCat/isNotCat against PredCat/PredNotCat;
 * F is the cross-entropy form, G the IF form.  F32 negates the total, a
 * slip of the sheet: xent's total is positive. */
START_TEST(test_c22_entropy_binary)
{
	struct sheet *s = two_sheet(C22, "entropy", "BCDE", 27, 5);
	double total = 0;
	int r;

	for (r = 0; r < 5; r++) {
		ck_assert_close(sheet_loss(s, r), refc(C22, "entropy", 'F',
		    27 + r), REL);
		ck_assert_close(sheet_if_form(s, r), refc(C22, "entropy", 'G',
		    27 + r), REL);
		ck_assert(!(sheet_flags(s, r) & FLAG_FORMS_DISAGREE));
		total += sheet_loss(s, r);
	}
	ck_assert_close(total, -refc(C22, "entropy", 'F', 32), REL);
	ck_assert_close(sheet_mean_loss(s), -refc(C22, "entropy", 'F', 32) / 5,
	    REL);
	sheet_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The same numbers through `xent eval`                               */
/* ------------------------------------------------------------------ */

/* The output of one eval run, split into cells. */
struct table {
	char	*cell[16][32];	/* [row 0 = header][column] */
	int	 rows, cols;
};

/* Runs `xent eval` on SHEET (file text) and parses its CSV output. */
static void
eval_table(const char *sheet, struct table *t)
{
	struct csv_reader *r;
	struct csv_record rec;
	char cmd[1024], *out, *err, msg[256];
	const char *path = tu_write_temp("ref.csv", sheet);
	size_t i;

	snprintf(cmd, sizeof(cmd), "%s eval '%s'", tu_xent(), path);
	ck_assert_int_eq(tu_run(cmd, NULL, &out, &err), 0);
	ck_assert_str_eq(err, "");
	r = csv_open_mem("out", out, strlen(out));
	memset(t, 0, sizeof(*t));
	while (csv_next(r, &rec, msg, sizeof(msg)) > 0 && t->rows < 16) {
		for (i = 0; i < rec.nfields && i < 32; i++)
			t->cell[t->rows][i] = strdup(rec.fields[i]);
		t->cols = (int)rec.nfields;
		t->rows++;
	}
	csv_close(r);
	free(out);
	free(err);
}

/* The number in data row ROW (1-based) under header NAME. */
static double
cellv(const struct table *t, int row, const char *name)
{
	int c;

	for (c = 0; c < t->cols; c++)
		if (strcmp(t->cell[0][c], name) == 0)
			return strtod(t->cell[row][c], NULL);
	ck_abort_msg("no column %s", name);
	return NAN;
}

/* Frees the cells. */
static void
table_free(struct table *t)
{
	int r, c;

	for (r = 0; r < 16; r++)
		for (c = 0; c < 32; c++)
			free(t->cell[r][c]);
}

/* course-v3 Images 1 and 2 through eval: exp_*, sum and p_* columns. */
START_TEST(test_eval_v3_softmax)
{
	const char cols[2][4] = { "BCD", "GHI" };
	char sheet[2048], name[32];
	struct table t;
	int i, k, n;

	n = snprintf(sheet, sizeof(sheet), "id,label,cat,dog,plane,fish,"
	    "building\n");
	for (i = 0; i < 2; i++) {
		n += snprintf(sheet + n, sizeof(sheet) - n, "Image %d,fish", i + 1);
		for (k = 0; k < 5; k++)
			n += snprintf(sheet + n, sizeof(sheet) - n, ",%.17g",
			    refc(V3, "softmax", cols[i][0], 3 + k));
		n += snprintf(sheet + n, sizeof(sheet) - n, "\n");
	}
	eval_table(sheet, &t);
	ck_assert_int_eq(t.rows, 3);
	for (i = 0; i < 2; i++) {
		for (k = 0; k < 5; k++) {
			snprintf(name, sizeof(name), "exp_%s", five[k]);
			ck_assert_close(cellv(&t, 1 + i, name),
			    refc(V3, "softmax", cols[i][1], 3 + k), REL);
			snprintf(name, sizeof(name), "p_%s", five[k]);
			ck_assert_close(cellv(&t, 1 + i, name),
			    refc(V3, "softmax", cols[i][2], 3 + k), REL);
		}
		ck_assert_close(cellv(&t, 1 + i, "sum"),
		    refc(V3, "softmax", cols[i][1], 8), REL);
	}
	/* Image 2 is Image 1 shifted: same loss, and pred fish. */
	ck_assert_close(cellv(&t, 1, "loss"), cellv(&t, 2, "loss"), REL);
	ck_assert_str_eq(t.cell[1][t.cols - 4], "fish");
	table_free(&t);
}
END_TEST

/* course-v3 entropy tab through eval: loss and if_form, base 10. */
START_TEST(test_eval_v3_entropy)
{
	char sheet[1024];
	struct table t;
	int r, n;

	n = snprintf(sheet, sizeof(sheet), "# mode: probs\n# base: 10\n"
	    "is_cat,cat\n");
	for (r = 0; r < 5; r++)
		n += snprintf(sheet + n, sizeof(sheet) - n, "%.17g,%.17g\n",
		    refc(V3, "entropy", 'B', 2 + r),
		    refc(V3, "entropy", 'C', 2 + r));
	eval_table(sheet, &t);
	ck_assert_int_eq(t.rows, 6);
	for (r = 0; r < 5; r++) {
		ck_assert_close(cellv(&t, 1 + r, "loss"),
		    refc(V3, "entropy", 'D', 2 + r), REL);
		ck_assert_close(cellv(&t, 1 + r, "if_form"),
		    refc(V3, "entropy", 'E', 2 + r), REL);
	}
	ck_assert_str_eq(t.cell[3][t.cols - 1], "confident_wrong");
	table_free(&t);
}
END_TEST

/* course22 entropy tab (bottom) through eval, as a two-class sheet. */
START_TEST(test_eval_c22_entropy)
{
	char sheet[1024];
	struct table t;
	int r, n;

	n = snprintf(sheet, sizeof(sheet), "# mode: probs\n# base: 10\n"
	    "is_cat,is_notcat,cat,notcat\n");
	for (r = 0; r < 5; r++)
		n += snprintf(sheet + n, sizeof(sheet) - n,
		    "%.17g,%.17g,%.17g,%.17g\n",
		    refc(C22, "entropy", 'B', 27 + r),
		    refc(C22, "entropy", 'C', 27 + r),
		    refc(C22, "entropy", 'D', 27 + r),
		    refc(C22, "entropy", 'E', 27 + r));
	eval_table(sheet, &t);
	for (r = 0; r < 5; r++) {
		ck_assert_close(cellv(&t, 1 + r, "loss"),
		    refc(C22, "entropy", 'F', 27 + r), REL);
		ck_assert_close(cellv(&t, 1 + r, "if_form"),
		    refc(C22, "entropy", 'G', 27 + r), REL);
		/* Only row 3 (not a cat, 0.9 cat) is flagged. */
		ck_assert_str_eq(t.cell[1 + r][t.cols - 1],
		    r == 2 ? "confident_wrong" : "");
	}
	table_free(&t);
}
END_TEST

/* course22 softmax tab through eval with an index label. */
START_TEST(test_eval_c22_softmax)
{
	char sheet[1024], name[32];
	struct table t;
	int k, n;

	n = snprintf(sheet, sizeof(sheet), "label,cat,dog,plane,fish,building\n1");
	for (k = 0; k < 5; k++)
		n += snprintf(sheet + n, sizeof(sheet) - n, ",%.17g",
		    refc(C22, "softmax", 'B', 2 + k));
	snprintf(sheet + n, sizeof(sheet) - n, "\n");
	eval_table(sheet, &t);
	for (k = 0; k < 5; k++) {
		snprintf(name, sizeof(name), "exp_%s", five[k]);
		ck_assert_close(cellv(&t, 1, name), refc(C22, "softmax", 'C',
		    2 + k), REL);
		snprintf(name, sizeof(name), "p_%s", five[k]);
		ck_assert_close(cellv(&t, 1, name), refc(C22, "softmax", 'D',
		    2 + k), REL);
	}
	ck_assert_close(cellv(&t, 1, "sum"), refc(C22, "softmax", 'C', 7), REL);
	ck_assert_str_eq(t.cell[1][0], "1");	/* the label as it was read */
	table_free(&t);
}
END_TEST

Suite *
reference_suite(void)
{
	Suite *s = suite_create("reference");
	TCase *core = tcase_create("core"), *ev = tcase_create("eval");

	tcase_add_test(core, test_v3_softmax);
	tcase_add_test(core, test_v3_sigmoid);
	tcase_add_test(core, test_v3_entropy);
	tcase_add_test(core, test_v3_log_entropy);
	tcase_add_test(core, test_c22_softmax);
	tcase_add_test(core, test_c22_entropy_onehot);
	tcase_add_test(core, test_c22_entropy_binary);
	tcase_add_test(ev, test_eval_v3_softmax);
	tcase_add_test(ev, test_eval_v3_entropy);
	tcase_add_test(ev, test_eval_c22_entropy);
	tcase_add_test(ev, test_eval_c22_softmax);
	suite_add_tcase(s, core);
	suite_add_tcase(s, ev);
	return s;
}
