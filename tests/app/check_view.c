/*
 * check_view.c - the view over the rows in the controller: :sort,
 * :filter and /TEXT, with edits, inserts, deletes and undo in a sorted or
 * filtered view, and :w writing the file's own order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "app/keys.h"
#include "io/sheetfile.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* Six rows whose losses are -ln of the target's probability:
 * a 0.105, b 0.357, c 1.609 and d 2.996 (both confidently wrong),
 * e 0.511, f 0.693. */
static const char *six =
    "# mode: probs\n"
    "id,label,cat,dog\n"
    "a,cat,0.9,0.1\n"
    "b,dog,0.3,0.7\n"
    "c,cat,0.2,0.8\n"
    "d,dog,0.95,0.05\n"
    "e,cat,0.6,0.4\n"
    "f,dog,0.5,0.5\n";

/* A controller over sheet file TEXT, saved under a temporary name. */
static struct ctl *
mk(const char *text)
{
	struct sheetfile_info info;
	char err[512];
	const char *path = tu_write_temp("view.csv", text);
	struct sheet *s = sheetfile_load(path, &info, err, sizeof(err));

	ck_assert_msg(s != NULL, "%s", err);
	sheetfile_info_free(&info);
	return ctl_new(s, path, 0);
}

/* Runs a command and asserts it worked. */
static void
cmd_ok(struct ctl *c, const char *cmd)
{
	ck_assert_msg(ctl_command(c, cmd) == 0, ":%s failed: %s", cmd, c->msg);
}

/* Types each character of KEYS as a key. */
static void
type(struct ctl *c, const char *keys)
{
	for (; *keys; keys++)
		ctl_key(c, (unsigned char)*keys);
}

/* Asserts that the view shows exactly the ids IDS ("dcfeba"), in order. */
static void
assert_ids(const struct ctl *c, const char *ids)
{
	long i, n = (long)strlen(ids);

	ck_assert_int_eq(ctl_view_count(c), n);
	for (i = 0; i < n; i++)
		ck_assert_msg(sheet_id(c->s, ctl_view_row(c, i))[0] == ids[i],
		    "position %ld shows %s, not %c", i,
		    sheet_id(c->s, ctl_view_row(c, i)), ids[i]);
}

/* The mean loss of the rows shown, added up here from the rows. */
static double
shown_mean(const struct ctl *c)
{
	double sum = 0;
	long i;

	for (i = 0; i < ctl_view_count(c); i++)
		sum += sheet_loss(c->s, ctl_view_row(c, i));
	return sum / ctl_view_count(c);
}

/* :sort loss puts the worst row on top with the cursor on it; :w writes
 * the file's own order; :sort row is the file's order again. */
START_TEST(test_sort_write)
{
	struct ctl *c = mk(six);
	struct sheetfile_info info;
	struct sheet *back;
	char err[512];
	long i;

	type(c, "jjj");
	cmd_ok(c, "sort loss");
	assert_ids(c, "dcfeba");
	ck_assert_str_eq(sheet_id(c->s, c->row), "d");
	ck_assert_int_eq(ctl_view_pos(c), 0);
	cmd_ok(c, "sort loss asc");
	assert_ids(c, "abefcd");
	cmd_ok(c, "sort p");			/* the target's p, smallest first */
	assert_ids(c, "dcfeba");
	ctl_key(c, '+');			/* d's cat: an edit, so :w writes */
	cmd_ok(c, "w");
	back = sheetfile_load(c->path, &info, err, sizeof(err));
	ck_assert_msg(back != NULL, "%s", err);
	for (i = 0; i < 6; i++)
		ck_assert_int_eq(sheet_id(back, i)[0], "abcdef"[i]);
	ck_assert_close(sheet_act(back, 3, 0), 0.96, 1e-12);
	sheet_free(back);
	sheetfile_info_free(&info);
	cmd_ok(c, "sort row");
	ck_assert(c->sorted[0] == '\0');
	assert_ids(c, "abcdef");
	ck_assert_int_eq(ctl_command(c, "sort lost"), -1);
	ck_assert(c->msg_error);
	assert_ids(c, "abcdef");
	ctl_free(c);
}
END_TEST

/* An edited row stays where it is until the next :sort; undo puts the
 * value back and keeps the cursor on the row. */
START_TEST(test_edit_stays)
{
	struct ctl *c = mk(six);

	cmd_ok(c, "sort loss");
	ctl_key(c, 'j');			/* c, loss 1.609 */
	ck_assert_str_eq(sheet_id(c->s, c->row), "c");
	ctl_key(c, 'e');
	ctl_line_done(c, "0.99");		/* c's cat: now the best row */
	ck_assert(sheet_loss(c->s, 2) < 0.05);
	assert_ids(c, "dcfeba");
	ck_assert_int_eq(ctl_view_pos(c), 1);
	ctl_key(c, 'u');
	ck_assert(sheet_act(c->s, 2, 0) == 0.2);
	assert_ids(c, "dcfeba");
	ck_assert_str_eq(sheet_id(c->s, c->row), "c");
	ctl_key(c, K_CTRL('r'));
	cmd_ok(c, "sort loss");
	assert_ids(c, "dfebac");
	ctl_free(c);
}
END_TEST

/* :filter keeps the rows where it holds and the mean of those; an edit
 * and its undo keep that mean exact, and a setting renews it. */
START_TEST(test_filter_mean)
{
	struct ctl *c = mk(six);
	double before;

	cmd_ok(c, "filter confident_wrong");
	assert_ids(c, "cd");
	ck_assert_str_eq(c->filter, "confident_wrong");
	ck_assert_close(ctl_view_mean(c), (-log(0.2) - log(0.05)) / 2, 1e-12);
	before = ctl_view_mean(c);
	ctl_key(c, '+');			/* c's cat 0.2 -> 0.21 */
	ck_assert_close(ctl_view_mean(c), shown_mean(c), 1e-12);
	ck_assert(ctl_view_mean(c) < before);
	ctl_key(c, 'u');
	ck_assert(ctl_view_mean(c) == before);
	cmd_ok(c, "base 2");
	ck_assert_close(ctl_view_mean(c), before / log(2), 1e-12);
	ctl_key(c, 'u');
	ck_assert_close(ctl_view_mean(c), before, 1e-15);
	/* The sheet's own mean is untouched by the view. */
	ck_assert_close(sheet_mean_loss(c->s), (-log(0.9) - log(0.7) -
	    log(0.2) - log(0.05) - log(0.6) - log(0.5)) / 6, 1e-12);
	/* A filter after a sort keeps the sort's order. */
	cmd_ok(c, "filter off");
	cmd_ok(c, "sort loss");
	cmd_ok(c, "filter loss > 0.4");
	assert_ids(c, "dcfe");
	cmd_ok(c, "filter off");
	assert_ids(c, "dcfeba");
	ctl_free(c);
}
END_TEST

/* A row inserted in a filtered view shows where it was inserted; a
 * deleted one goes with the cursor keeping its place; undo and redo
 * bring both back where they were. */
START_TEST(test_filter_rows)
{
	struct ctl *c = mk(six);

	cmd_ok(c, "filter confident_wrong");
	ctl_key(c, 'Y');			/* a copy of c, after it */
	ck_assert_int_eq(sheet_rows(c->s), 7);
	ck_assert_int_eq(ctl_view_count(c), 3);
	ck_assert_int_eq(c->row, 3);
	ck_assert_int_eq(ctl_view_pos(c), 1);
	ck_assert_str_eq(sheet_id(c->s, ctl_view_row(c, 2)), "d");
	type(c, "dd");				/* the copy goes */
	assert_ids(c, "cd");
	ck_assert_int_eq(ctl_view_pos(c), 1);
	ck_assert_int_eq(c->row, 3);
	ctl_key(c, 'u');			/* back between c and d */
	assert_ids(c, "ccd");
	ck_assert_int_eq(c->row, 3);
	ck_assert_int_eq(ctl_view_pos(c), 1);
	type(c, "jdd");				/* d, the last, goes */
	assert_ids(c, "cc");
	ck_assert_int_eq(ctl_view_pos(c), 1);
	ctl_key(c, 'u');			/* and comes back last */
	assert_ids(c, "ccd");
	ck_assert_str_eq(sheet_id(c->s, c->row), "d");
	ctl_key(c, 'u');			/* the copy goes */
	assert_ids(c, "cd");
	ck_assert_int_eq(sheet_rows(c->s), 6);
	ctl_key(c, K_CTRL('r'));		/* the copy again */
	ck_assert_int_eq(ctl_view_count(c), 3);
	ck_assert_close(ctl_view_mean(c), shown_mean(c), 1e-12);
	ck_assert_int_eq(c->dirty, 1);
	ctl_free(c);
}
END_TEST

/* Deleting the last row a filter kept shows every row again; a filter
 * that keeps nothing, or does not parse, leaves the view as it was. */
START_TEST(test_filter_edges)
{
	struct ctl *c = mk(six);

	ck_assert_int_eq(ctl_command(c, "filter loss > 100"), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, "No row"));
	ck_assert_int_eq(ctl_view_count(c), 6);
	ck_assert_int_eq(ctl_command(c, "filter lsos > 1"), -1);
	ck_assert(c->msg_error);
	ck_assert_int_eq(ctl_command(c, "filter label == bird"), -1);
	cmd_ok(c, "filter label == dog and loss > 2");
	assert_ids(c, "d");
	ck_assert_int_eq(ctl_command(c, "goto 1"), -1);
	cmd_ok(c, "goto 4");
	type(c, "dd");
	ck_assert_int_eq(sheet_rows(c->s), 5);
	ck_assert_int_eq(ctl_view_count(c), 5);
	ck_assert(c->filter[0] == '\0');
	ck_assert(c->msg_error);
	ctl_key(c, 'u');
	ck_assert_int_eq(ctl_view_count(c), 6);
	ck_assert_str_eq(sheet_id(c->s, c->row), "d");
	ctl_free(c);
}
END_TEST

/* /TEXT finds the next row shown whose id contains TEXT, wrapping; n and
 * N go through the flagged rows in the order shown. */
START_TEST(test_find_and_flags)
{
	struct ctl *c = mk(six);

	cmd_ok(c, "sort loss");			/* d c f e b a */
	ctl_key(c, '/');
	ck_assert_int_eq(c->line, LINE_FIND);
	ctl_line_done(c, "b");
	ck_assert_str_eq(sheet_id(c->s, c->row), "b");
	ctl_find(c, "d");
	ck_assert_str_eq(sheet_id(c->s, c->row), "d");
	ck_assert_ptr_nonnull(strstr(c->msg, "top again"));
	ctl_find(c, "zz");
	ck_assert(c->msg_error);
	ck_assert_str_eq(sheet_id(c->s, c->row), "d");
	ctl_key(c, 'n');
	ck_assert_str_eq(sheet_id(c->s, c->row), "c");
	ctl_key(c, 'n');
	ck_assert_str_eq(sheet_id(c->s, c->row), "d");
	ctl_key(c, 'N');
	ck_assert_str_eq(sheet_id(c->s, c->row), "c");
	/* j and G move in the view's order. */
	ctl_key(c, 'j');
	ck_assert_str_eq(sheet_id(c->s, c->row), "f");
	ctl_key(c, 'G');
	ck_assert_str_eq(sheet_id(c->s, c->row), "a");
	ctl_free(c);
}
END_TEST

/* /TEXT looks in the text columns too: a file name finds its row. */
START_TEST(test_find_text)
{
	struct ctl *c = mk("# text: path\nid,path,label,a,b\n"
	    "r1,img/cat_01.png,a,1,2\nr2,img/dog_07.png,b,0,1\n"
	    "r3,img/cat_02.png,a,3,1\n");

	ck_assert_int_eq(sheet_texts(c->s), 1);
	ctl_find(c, "dog_07");
	ck_assert_msg(!c->msg_error, "%s", c->msg);
	ck_assert_str_eq(sheet_id(c->s, c->row), "r2");
	ctl_find(c, "cat_");
	ck_assert_str_eq(sheet_id(c->s, c->row), "r3");
	ctl_find(c, "r1");
	ck_assert_str_eq(sheet_id(c->s, c->row), "r1");
	ctl_find(c, "bird");
	ck_assert(c->msg_error);
	ck_assert_ptr_nonnull(strstr(c->msg, "in its id or text"));
	ctl_free(c);
}
END_TEST

/* Hard labels show as a label column; one-hot columns stay as they are. */
START_TEST(test_label_columns)
{
	struct ctl *c = mk(six);

	ck_assert(c->hidden & (1u << G_TARGET));
	ck_assert(!(c->hidden & (1u << G_LABEL)));
	ck_assert(!(c->hidden & (1u << G_PLABEL)));
	ck_assert(!(c->hidden & (1u << G_PPRED)));
	cmd_ok(c, "show target");
	ck_assert(!(c->hidden & (1u << G_TARGET)));
	ctl_free(c);
	c = mk("# mode: probs\nid,is_cat,is_dog,cat,dog\na,1,0,0.9,0.1\n"
	    "b,0,1,0.3,0.7\n");
	ck_assert(!(c->hidden & (1u << G_TARGET)));
	ck_assert(c->hidden & (1u << G_LABEL));
	ctl_free(c);
}
END_TEST

/* :view top, Enter: the grid shows that one row; q and Esc go back. */
START_TEST(test_screen_top)
{
	struct ctl *c = mk(six);

	cmd_ok(c, "view top");
	ck_assert_int_eq(c->screen.kind, SCREEN_TOP);
	ck_assert_int_eq(c->screen.n, 6);
	ck_assert_str_eq(sheet_id(c->s, c->screen.rows[0]), "d");
	ck_assert_str_eq(sheet_id(c->s, c->screen.rows[5]), "a");
	ctl_key(c, 'q');
	ck_assert_int_eq(c->screen.kind, SCREEN_NONE);
	cmd_ok(c, "view top");
	ctl_key(c, 'j');
	ctl_key(c, K_ENTER);
	ck_assert_int_eq(c->screen.kind, SCREEN_NONE);
	assert_ids(c, "c");
	ck_assert_ptr_nonnull(strstr(c->filter, "#2"));
	ck_assert_str_eq(sheet_id(c->s, c->row), "c");
	/* Keys in a screen never reach the grid. */
	cmd_ok(c, "view top");
	ctl_key(c, '+');
	ck_assert(sheet_act(c->s, 2, 0) == 0.2);
	ctl_key(c, K_ESC);
	ck_assert_int_eq(c->screen.kind, SCREEN_NONE);
	ctl_free(c);
}
END_TEST

/* :view confusion starts on the worst cell; Enter shows its rows;
 * :view classes, Enter: the rows with that label. */
START_TEST(test_screen_confusion_classes)
{
	struct ctl *c = mk(six);
	const long *m;

	cmd_ok(c, "view confusion");
	ck_assert(c->screen.matrix);
	m = c->screen.counts;
	/* a, e right; c cat as dog; d, f dog as cat; b right. */
	ck_assert_int_eq(m[0], 2);
	ck_assert_int_eq(m[1], 1);
	ck_assert_int_eq(m[2], 2);
	ck_assert_int_eq(m[3], 1);
	ck_assert_int_eq(c->screen.sel, 1);
	ck_assert_int_eq(c->screen.col, 0);
	ctl_key(c, K_ENTER);
	assert_ids(c, "df");
	ck_assert_str_eq(c->filter, "label == dog and pred == cat");
	/* The filter it names is the one that :filter would build. */
	cmd_ok(c, "filter label == dog and pred == cat");
	assert_ids(c, "df");
	cmd_ok(c, "view confusion");
	ctl_key(c, 'k');
	ctl_key(c, 'l');			/* cat as dog */
	ctl_key(c, K_ENTER);
	assert_ids(c, "c");
	cmd_ok(c, "view classes");
	ck_assert_int_eq(c->screen.n, 2);
	ck_assert_int_eq(c->screen.classes[1].support, 3);
	ctl_key(c, 'j');
	ctl_key(c, K_ENTER);
	assert_ids(c, "bdf");
	ck_assert_str_eq(c->filter, "label == dog");
	ctl_free(c);
}
END_TEST

/* Calibration: Enter on each bin shows as many rows as it counts; an
 * empty bin keeps the screen open.  Issues: the likely label errors, the
 * cursor on the one chosen. */
START_TEST(test_screen_calibration_issues)
{
	struct ctl *c = mk(six);
	long m, count, seen = 0;

	cmd_ok(c, "view calibration");
	ck_assert_int_eq(c->screen.n, 15);
	ck_assert_int_eq(c->screen.sel, 7);	/* f's 0.5, the first used */
	for (m = 0; m < 15; m++) {
		cmd_ok(c, "view calibration");
		c->screen.sel = m;
		count = c->screen.calib.bins[m].count;
		ctl_key(c, K_ENTER);
		if (count == 0) {
			ck_assert_int_eq(c->screen.kind, SCREEN_CALIBRATION);
			continue;
		}
		ck_assert_int_eq(c->screen.kind, SCREEN_NONE);
		ck_assert_int_eq(ctl_view_count(c), count);
		seen += count;
	}
	ck_assert_int_eq(seen, 6);
	cmd_ok(c, "view calibration");
	c->screen.sel = 13;			/* (0.8667, 0.9333]: a's 0.9 */
	ctl_key(c, K_ENTER);
	assert_ids(c, "a");
	cmd_ok(c, "view issues");
	ck_assert_int_eq(c->screen.n, 2);
	ck_assert_str_eq(sheet_id(c->s, c->screen.issues[0].row), "d");
	ck_assert_str_eq(sheet_id(c->s, c->screen.issues[1].row), "c");
	ctl_key(c, 'j');
	ctl_key(c, K_ENTER);
	assert_ids(c, "dc");
	ck_assert_str_eq(sheet_id(c->s, c->row), "c");
	ck_assert_int_eq(ctl_command(c, "view nothing"), -1);
	ctl_free(c);
}
END_TEST

/* More than 20 classes: the confusion screen lists the most confused
 * pairs, largest first, and Enter shows a pair's rows. */
START_TEST(test_screen_pairs)
{
	char text[4096], *p = text;
	struct ctl *c;
	int k, i;

	p += sprintf(p, "id,label");
	for (k = 0; k < 21; k++)
		p += sprintf(p, ",k%d", k);
	p += sprintf(p, "\n");
	/* Rows labelled k0 predicted k5 (three), k1 as k2 (one), k3 right. */
	for (i = 0; i < 5; i++) {
		int label = i < 3 ? 0 : i == 3 ? 1 : 3;
		int top = i < 3 ? 5 : i == 3 ? 2 : 3;

		p += sprintf(p, "r%d,k%d", i, label);
		for (k = 0; k < 21; k++)
			p += sprintf(p, ",%d", k == top ? 4 : 0);
		p += sprintf(p, "\n");
	}
	c = mk(text);
	cmd_ok(c, "view confusion");
	ck_assert(!c->screen.matrix);
	ck_assert_int_eq(c->screen.n, 2);
	ck_assert_int_eq(c->screen.pairs[0].label, 0);
	ck_assert_int_eq(c->screen.pairs[0].pred, 5);
	ck_assert_int_eq(c->screen.pairs[0].count, 3);
	ctl_key(c, 'l');			/* no columns to move across */
	ck_assert_int_eq(c->screen.col, 0);
	ctl_key(c, K_ENTER);
	assert_ids(c, "rrr");
	ck_assert_str_eq(c->filter, "label == k0 and pred == k5");
	cmd_ok(c, "view confusion");
	ctl_key(c, 'j');
	ctl_key(c, K_ENTER);
	ck_assert_int_eq(ctl_view_count(c), 1);
	ck_assert_str_eq(sheet_id(c->s, c->row), "r3");
	ctl_free(c);
}
END_TEST

/* :fit temperature applies the fitted temperature as one undo step; it
 * lowers the NLL, and needs logits. */
START_TEST(test_fit_temperature)
{
	struct ctl *c = mk("id,label,cat,dog,fish\n"
	    "a,cat,4,0,0\nb,dog,0,5,1\nc,fish,3,0,1\nd,cat,0,4,0\n"
	    "e,fish,1,0,6\n");
	double before = sheet_mean_loss(c->s), t, nll;

	cmd_ok(c, "fit temperature");
	t = sheet_opts(c->s)->temperature;
	ck_assert(t != 1);
	ck_assert(sheet_mean_loss(c->s) < before);
	ck_assert_ptr_nonnull(strstr(c->msg, "NLL"));
	ck_assert_ptr_nonnull(strstr(c->msg, "ECE"));
	ck_assert(c->dirty);
	ctl_key(c, 'u');
	ck_assert(sheet_opts(c->s)->temperature == 1);
	ck_assert(sheet_mean_loss(c->s) == before);
	ck_assert_int_eq(c->dirty, 0);
	ck_assert_int_eq(ctl_command(c, "fit"), -1);
	/* From the calibration screen: its figures follow, and u there
	 * takes the fit back. */
	cmd_ok(c, "view calibration");
	nll = c->screen.calib.nll;
	cmd_ok(c, "fit temperature");
	ck_assert_int_eq(c->screen.kind, SCREEN_CALIBRATION);
	ck_assert(c->screen.calib.nll < nll);
	ctl_key(c, 'u');
	ck_assert(sheet_opts(c->s)->temperature == 1);
	ck_assert(c->screen.calib.nll == nll);
	ctl_free(c);
	c = mk(six);
	ck_assert_int_eq(ctl_command(c, "fit temperature"), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, "logits"));
	ctl_free(c);
}
END_TEST

Suite *
view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *t = tcase_create("rows");

	tcase_add_test(t, test_sort_write);
	tcase_add_test(t, test_edit_stays);
	tcase_add_test(t, test_filter_mean);
	tcase_add_test(t, test_filter_rows);
	tcase_add_test(t, test_filter_edges);
	tcase_add_test(t, test_find_and_flags);
	tcase_add_test(t, test_find_text);
	tcase_add_test(t, test_label_columns);
	tcase_add_test(t, test_screen_top);
	tcase_add_test(t, test_screen_confusion_classes);
	tcase_add_test(t, test_screen_calibration_issues);
	tcase_add_test(t, test_screen_pairs);
	tcase_add_test(t, test_fit_temperature);
	suite_add_tcase(s, t);
	return s;
}
