/*
 * check_ctl.c - the controller without a terminal: keys and commands in,
 * sheet changes and messages out, undo and redo included.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/ctl.h"
#include "app/keys.h"
#include "io/defaults.h"
#include "io/sheetfile.h"
#include "tests/suites.h"
#include "tests/testutil.h"

/* A controller over sheet file TEXT, saved under a temporary name. */
static struct ctl *
mk_text(const char *text)
{
	struct sheetfile_info info;
	char err[512];
	const char *path = tu_write_temp("sheet.csv", text);
	struct sheet *s = sheetfile_load(path, &info, err, sizeof(err));

	ck_assert_msg(s != NULL, "%s", err);
	sheetfile_info_free(&info);
	return ctl_new(s, path, 0);
}

/* Types each character of KEYS as a key. */
static void
type(struct ctl *c, const char *keys)
{
	for (; *keys; keys++)
		ctl_key(c, (unsigned char)*keys);
}

/* Runs a command and asserts it worked. */
static void
cmd_ok(struct ctl *c, const char *cmd)
{
	ck_assert_msg(ctl_command(c, cmd) == 0, ":%s failed: %s", cmd, c->msg);
}

static const char *batch =
    "# mode: probs\n"
    "id,label,cat,dog\n"
    "a,cat,0.9,0.1\n"
    "b,dog,0.3,0.7\n"
    "c,cat,0.2,0.8\n";

/* The default sheet opens in the example view on cat's output. */
START_TEST(test_open_default)
{
	struct ctl *c = tu_ctl_default();

	ck_assert_int_eq(c->view, VIEW_EXAMPLE);
	ck_assert_int_eq(c->g, G_ACT);
	ck_assert_int_eq(c->k, 0);
	ck_assert_close(sheet_sum(c->s, 0), 12.698085405662953, 1e-12);
	ck_assert_int_eq(c->dirty, 0);
	ctl_free(c);
}
END_TEST

/* Enter edits with a full-precision prefill; the typed value commits. */
START_TEST(test_edit_cell)
{
	struct ctl *c = tu_ctl_default();
	double before = sheet_loss(c->s, 0);

	ctl_key(c, K_DOWN);			/* dog */
	ctl_key(c, K_ENTER);
	ck_assert_int_eq(c->line, LINE_CELL);
	/* The prefill is the full double: it reads back to the same value. */
	ck_assert(strtod(c->prefill, NULL) == sheet_act(c->s, 0, 1));
	ctl_line_done(c, "5");
	ck_assert_int_eq(c->line, LINE_NONE);
	ck_assert(sheet_act(c->s, 0, 1) == 5);
	ck_assert(sheet_loss(c->s, 0) > before);
	ck_assert(c->dirty);
	/* A digit starts an edit with that digit; expressions work. */
	ctl_key(c, '1');
	ck_assert_str_eq(c->prefill, "1");
	ctl_line_done(c, "ln(2)");
	ck_assert_close(sheet_act(c->s, 0, 1), log(2), 1e-15);
	/* Garbage leaves the cell as it was, with a reason. */
	ctl_key(c, 'e');
	ctl_line_done(c, "fish");
	ck_assert_close(sheet_act(c->s, 0, 1), log(2), 1e-15);
	ck_assert(c->msg_error);
	ck_assert_ptr_nonnull(strstr(c->msg, "unchanged"));
	ctl_key(c, 'e');
	ctl_line_cancel(c);
	ck_assert_int_eq(c->line, LINE_NONE);
	ctl_free(c);
}
END_TEST

/* + and - nudge by the step; undo and redo walk back and forth. */
START_TEST(test_nudge_undo_redo)
{
	struct ctl *c = tu_ctl_default();
	double a = sheet_act(c->s, 0, 0), mean = sheet_mean_loss(c->s);

	type(c, "+++");
	ck_assert_close(sheet_act(c->s, 0, 0), a + 0.3, 1e-12);
	ck_assert(sheet_mean_loss(c->s) > mean);
	ctl_key(c, '-');
	ck_assert_close(sheet_act(c->s, 0, 0), a + 0.2, 1e-12);
	type(c, "uuuu");
	ck_assert(sheet_act(c->s, 0, 0) == a);
	ck_assert(sheet_mean_loss(c->s) == mean);
	ck_assert_int_eq(c->dirty, 0);
	ctl_key(c, 'u');
	ck_assert_ptr_nonnull(strstr(c->msg, "Nothing to undo"));
	ctl_key(c, K_CTRL('r'));
	ck_assert_close(sheet_act(c->s, 0, 0), a + 0.1, 1e-12);
	ck_assert(c->dirty);
	cmd_ok(c, "set step 1");
	ctl_key(c, '+');
	ck_assert_close(sheet_act(c->s, 0, 0), a + 1.1, 1e-12);
	ctl_free(c);
}
END_TEST

/* Space on a target cell sets the one-hot target; :target too. */
START_TEST(test_targets)
{
	struct ctl *c = mk_text(batch);

	ck_assert_int_eq(c->view, VIEW_BATCH);
	/* Hard labels show as a label column: the one-hot cells on demand. */
	ck_assert(c->hidden & (1u << G_TARGET));
	cmd_ok(c, "show target");
	ctl_key(c, K_LEFT);			/* from output cat to target dog */
	ck_assert_int_eq(c->g, G_TARGET);
	ck_assert_int_eq(c->k, 1);
	ctl_key(c, ' ');
	ck_assert_int_eq(sheet_target(c->s, 0), 1);
	cmd_ok(c, "target cat");
	ck_assert_int_eq(sheet_target(c->s, 0), 0);
	ck_assert_int_eq(ctl_command(c, "target fish"), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, "fish"));
	/* Typing into a target cell gives a soft target. */
	ctl_key(c, 'e');
	ctl_line_done(c, "0.5");
	ck_assert(sheet_flags(c->s, 0) & FLAG_NOT_ONE_HOT);
	ctl_key(c, 'u');
	ctl_key(c, 'u');
	ctl_key(c, 'u');
	ck_assert_int_eq(sheet_target(c->s, 0), 0);
	ck_assert_int_eq(c->dirty, 0);
	ctl_free(c);
}
END_TEST

/* o adds, Y duplicates, dd deletes; all undo. */
START_TEST(test_rows)
{
	struct ctl *c = mk_text(batch);

	ctl_key(c, 'o');
	ck_assert_int_eq(sheet_rows(c->s), 4);
	ck_assert_int_eq(c->row, 1);
	ctl_key(c, 'Y');
	ck_assert_int_eq(sheet_rows(c->s), 5);
	type(c, "dd");
	ck_assert_int_eq(sheet_rows(c->s), 4);
	type(c, "uuu");
	ck_assert_int_eq(sheet_rows(c->s), 3);
	ck_assert_str_eq(sheet_id(c->s, 1), "b");
	type(c, "ggdd");
	ck_assert_str_eq(sheet_id(c->s, 0), "b");
	ctl_key(c, 'u');
	ck_assert_str_eq(sheet_id(c->s, 0), "a");
	ck_assert(sheet_act(c->s, 0, 0) == 0.9);
	ctl_free(c);
}
END_TEST

/* Movement: hjkl, g/G, n/N to flagged rows, :goto. */
START_TEST(test_moves)
{
	struct ctl *c = mk_text(batch);

	type(c, "jj");
	ck_assert_int_eq(c->row, 2);
	ctl_key(c, 'j');
	ck_assert_int_eq(c->row, 2);
	type(c, "g");
	ck_assert_int_eq(c->row, 0);
	ctl_key(c, 'n');			/* row c is confidently wrong */
	ck_assert_int_eq(c->row, 2);
	cmd_ok(c, "goto 2 dog");
	ck_assert_int_eq(c->row, 1);
	ck_assert_int_eq(c->k, 1);
	ck_assert_int_eq(c->g, G_ACT);
	ck_assert_int_eq(ctl_command(c, "goto 9 dog"), -1);
	ctl_key(c, 'l');
	ck_assert_int_eq(c->g, G_SUM);
	ctl_free(c);
}
END_TEST

/* :w saves at full precision; :q asks when there are unsaved changes. */
START_TEST(test_write_quit)
{
	struct ctl *c = mk_text(batch);
	struct sheetfile_info info;
	struct sheet *back;
	char err[512], path[600];

	cmd_ok(c, "goto 1 cat");
	ctl_key(c, 'e');
	ctl_line_done(c, "1/3");
	cmd_ok(c, "q");
	ck_assert_int_eq(c->ask, ASK_QUIT);
	ck_assert_int_eq(c->quit, 0);
	ctl_key(c, 'n');
	ck_assert_int_eq(c->quit, 0);
	ck_assert_int_eq(c->ask, ASK_NONE);
	cmd_ok(c, "w");
	ck_assert_int_eq(c->dirty, 0);
	back = sheetfile_load(c->path, &info, err, sizeof(err));
	ck_assert_ptr_nonnull(back);
	ck_assert(sheet_act(back, 0, 0) == 1.0 / 3);
	ck_assert_int_eq(sheet_opts(back)->mode, SHEET_PROBS);
	sheet_free(back);
	sheetfile_info_free(&info);
	snprintf(path, sizeof(path), "%s.copy", c->path);
	cmd_ok(c, "q");
	ck_assert_int_eq(c->quit, 1);
	c->quit = 0;
	ck_assert_int_eq(ctl_command(c, "w /nonexistent-dir/x.csv"), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, "Not saved"));
	ck_assert_int_eq(ctl_command(c, "w /dev/full"), -1);
	ck_assert(c->msg_error);
	ctl_free(c);
}
END_TEST

/* Settings go through :set, :mode and :base, and undo. */
/* Text columns go through the grid's edits: a deleted row comes back
 * with its text on undo, and :w saves them to reopen the same. */
START_TEST(test_text_columns_write)
{
	struct ctl *c = mk_text("# text: path\nid,path,label,cat,dog\n"
	    "a,/x/1.png,cat,1,2\nb,/x/2.png,dog,3,1\n");
	struct sheetfile_info info;
	struct sheet *back;
	char err[512];

	ck_assert_int_eq(sheet_texts(c->s), 1);
	type(c, "dd");
	ck_assert_int_eq(sheet_rows(c->s), 1);
	ck_assert_str_eq(sheet_text(c->s, 0, 0), "/x/2.png");
	type(c, "u");
	ck_assert_int_eq(sheet_rows(c->s), 2);
	ck_assert_str_eq(sheet_text(c->s, 0, 0), "/x/1.png");
	cmd_ok(c, "w");
	back = sheetfile_load(c->path, &info, err, sizeof(err));
	ck_assert_msg(back != NULL, "%s", err);
	ck_assert_int_eq(sheet_texts(back), 1);
	ck_assert_str_eq(sheet_text_name(back, 0), "path");
	ck_assert_str_eq(sheet_text(back, 0, 0), "/x/1.png");
	ck_assert_str_eq(sheet_text(back, 1, 0), "/x/2.png");
	ck_assert_str_eq(sheet_id(back, 1), "b");
	sheet_free(back);
	sheetfile_info_free(&info);
	ctl_free(c);
}
END_TEST

START_TEST(test_settings)
{
	struct ctl *c = tu_ctl_default();
	double nats = sheet_loss(c->s, 0);

	cmd_ok(c, "base 10");
	ck_assert_close(sheet_loss(c->s, 0), nats / log(10), 1e-14);
	cmd_ok(c, "set temperature 2");
	ck_assert(sheet_opts(c->s)->temperature == 2);
	ck_assert_int_eq(ctl_command(c, "mode probs"), -1);	/* T != 1 */
	ck_assert_int_eq(ctl_command(c, "set weights 1,2"), -1);
	cmd_ok(c, "set weights 1,2,3,4,5");
	cmd_ok(c, "set label-smoothing 0.1");
	cmd_ok(c, "set confident 0.5");
	ck_assert_int_eq(ctl_command(c, "set nonsense 1"), -1);
	type(c, "uuuuu");
	ck_assert(sheet_opts(c->s)->temperature == 1);
	ck_assert_int_eq(sheet_opts(c->s)->base, 0);
	ck_assert_ptr_null(sheet_opts(c->s)->weights);
	ck_assert(sheet_loss(c->s, 0) == nats);
	cmd_ok(c, "mode probs");
	ck_assert(sheet_flags(c->s, 0) & FLAG_NOT_NORMALIZED);
	ck_assert_int_eq(ctl_command(c, "frobnicate"), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, "Unknown command"));
	/* The title is a setting too, and undoes like one. */
	cmd_ok(c, "set title Renamed");
	ck_assert_str_eq(sheet_title(c->s), "Renamed");
	ctl_key(c, 'u');
	ck_assert_str_ne(sheet_title(c->s), "Renamed");
	ctl_free(c);
}
END_TEST

/* :normalize fixes a probs row; in logits mode it explains instead. */
START_TEST(test_normalize)
{
	struct ctl *c = mk_text("# mode: probs\nlabel,cat,dog\ncat,0.9,0.3\n");

	ck_assert(sheet_flags(c->s, 0) & FLAG_NOT_NORMALIZED);
	cmd_ok(c, "normalize");
	ck_assert(!(sheet_flags(c->s, 0) & FLAG_NOT_NORMALIZED));
	ck_assert_close(sheet_act(c->s, 0, 0), 0.75, 1e-15);
	ctl_key(c, 'u');
	ck_assert(sheet_act(c->s, 0, 0) == 0.9);
	cmd_ok(c, "mode logits");
	ck_assert(!(sheet_flags(c->s, 0) & FLAG_NOT_NORMALIZED));
	ck_assert_int_eq(ctl_command(c, "normalize"), -1);
	ctl_free(c);
}
END_TEST

/* Column groups hide, show and reveal one at a time. */
START_TEST(test_show_hide)
{
	struct ctl *c = tu_ctl_default();

	ck_assert(c->hidden & (1u << G_NAIVE));
	cmd_ok(c, "hide exp");
	ck_assert(c->hidden & (1u << G_EXP));
	ctl_key(c, '>');
	ck_assert(!(c->hidden & (1u << G_EXP)));
	ctl_key(c, '>');
	ck_assert(!(c->hidden & (1u << G_NAIVE)));
	cmd_ok(c, "hide all");
	ck_assert(c->hidden & (1u << G_LOSS));
	cmd_ok(c, "show softmax");
	ck_assert(!(c->hidden & (1u << G_P)));
	ck_assert_int_eq(ctl_command(c, "show bogus"), -1);
	ck_assert_int_eq(ctl_command(c, "hide output"), -1);
	ctl_free(c);
}
END_TEST

/* :addclass and :delclass change the sheet's shape, and undo. */
START_TEST(test_classes)
{
	struct ctl *c = tu_ctl_default();

	cmd_ok(c, "addclass horse");
	ck_assert_int_eq(sheet_classes(c->s), 6);
	cmd_ok(c, "delclass cat");
	ck_assert_int_eq(sheet_classes(c->s), 5);
	ck_assert_str_eq(sheet_class_name(c->s, 0), "dog");
	ck_assert_int_eq(ctl_command(c, "delclass cat"), -1);
	ck_assert_int_eq(ctl_command(c, "addclass dog"), -1);
	ck_assert_int_eq(ctl_command(c, "addclass label"), -1);
	ck_assert_int_eq(ctl_command(c, "addclass p_x"), -1);
	type(c, "uu");
	ck_assert_int_eq(sheet_classes(c->s), 5);
	ck_assert_str_eq(sheet_class_name(c->s, 0), "cat");
	ck_assert_close(sheet_sum(c->s, 0), 12.698085405662953, 1e-12);
	ctl_key(c, K_CTRL('r'));
	ck_assert_int_eq(sheet_classes(c->s), 6);
	ctl_free(c);
}
END_TEST

/* :delclass of the rows' target class leaves them without one; u gives
 * the class and the targets back. */
START_TEST(test_delclass_target)
{
	struct ctl *c = mk_text(batch);

	ck_assert_int_eq(sheet_class_target_rows(c->s, 0), 2);
	cmd_ok(c, "delclass cat");
	ck_assert_int_eq(sheet_classes(c->s), 1);
	ck_assert(!sheet_has_target(c->s, 0));
	ck_assert(sheet_has_target(c->s, 1));
	ck_assert(!sheet_has_target(c->s, 2));
	ck_assert(isnan(sheet_loss(c->s, 0)));
	ck_assert_int_eq(sheet_target_rows(c->s), 1);
	ctl_key(c, 'u');
	ck_assert_int_eq(sheet_classes(c->s), 2);
	ck_assert_int_eq(sheet_target(c->s, 0), 0);
	ck_assert_int_eq(sheet_target(c->s, 2), 0);
	ck_assert_int_eq(sheet_target_rows(c->s), 3);
	ck_assert_close(sheet_loss(c->s, 0), -log(0.9), 1e-15);
	ctl_key(c, K_CTRL('r'));
	ck_assert(!sheet_has_target(c->s, 0));
	ctl_free(c);
}
END_TEST

/* Help opens and closes; the view switches; Ctrl-C never quits. */
START_TEST(test_help_view_ctrl_c)
{
	struct ctl *c = tu_ctl_default();

	ctl_key(c, '?');
	ck_assert(c->help);
	ctl_key(c, 'j');
	ck_assert_int_eq(c->help_top, 1);
	ctl_key(c, 'x');
	ck_assert(!c->help);
	ctl_key(c, 'v');
	ck_assert_int_eq(c->view, VIEW_BATCH);
	ctl_key(c, K_CTRL('c'));
	ck_assert_int_eq(c->quit, 0);
	ck_assert_ptr_nonnull(strstr(c->msg, ":q"));
	ctl_key(c, ':');
	ck_assert_int_eq(c->line, LINE_COMMAND);
	ctl_line_done(c, "q");
	ck_assert_int_eq(c->quit, 1);
	ctl_free(c);
}
END_TEST

/* A recovery file on offer restores the edits on y, and u undoes that. */
START_TEST(test_recovery)
{
	struct ctl *c = mk_text(batch);
	const char *rec = tu_write_temp("rec.csv",
	    "# mode: probs\nid,label,cat,dog\na,cat,0.5,0.5\n");

	/* Ctrl-C or Esc only dismisses the question: the file stays. */
	ctl_offer_recovery(c, rec);
	ctl_key(c, K_CTRL('c'));
	ck_assert_int_eq(c->ask, ASK_NONE);
	ck_assert_int_eq(access(rec, F_OK), 0);
	ck_assert_int_eq(sheet_rows(c->s), 3);
	ctl_offer_recovery(c, rec);
	ck_assert_int_eq(c->ask, ASK_RECOVER);
	ctl_key(c, 'y');
	ck_assert_int_eq(sheet_rows(c->s), 1);
	ck_assert(c->dirty);
	ck_assert_int_eq(access(rec, F_OK), -1);
	ctl_key(c, 'u');
	ck_assert_int_eq(sheet_rows(c->s), 3);
	ctl_free(c);
}
END_TEST

/* - or + then a digit starts a signed number: the nudge is taken back
 * without an undo entry; held, - still nudges. */
START_TEST(test_signed_entry)
{
	struct ctl *c = tu_ctl_default();
	double a = sheet_act(c->s, 0, 0);

	type(c, "-1");
	ck_assert_int_eq(c->line, LINE_CELL);
	ck_assert_str_eq(c->prefill, "-1");
	ck_assert(sheet_act(c->s, 0, 0) == a);
	ck_assert_int_eq(c->undo.pos, 0);
	ck_assert_int_eq(c->dirty, 0);
	ctl_line_done(c, "-10");
	ck_assert(sheet_act(c->s, 0, 0) == -10);
	ctl_key(c, 'u');
	ck_assert(sheet_act(c->s, 0, 0) == a);
	ctl_key(c, 'u');
	ck_assert_ptr_nonnull(strstr(c->msg, "Nothing to undo"));
	type(c, "+.");
	ck_assert_str_eq(c->prefill, "+.");
	ctl_line_cancel(c);
	type(c, "--");
	ck_assert_close(sheet_act(c->s, 0, 0), a - 0.2, 1e-12);
	ctl_key(c, K_DOWN);
	type(c, "5");			/* not straight after the nudge */
	ck_assert_str_eq(c->prefill, "5");
	ctl_free(c);
}
END_TEST

/* The command table feeds dispatch, help and the sandbox: every command
 * has its usage in the help, runs by name and alias, and the unsafe ones
 * are refused inside a lesson's script, counted, and nothing else is. */
START_TEST(test_command_table)
{
	const char *const *help = ctl_help_lines();
	const struct ctl_cmd *t;
	struct ctl *c = tu_ctl_default();
	int i, found;

	for (t = ctl_cmds; t->name != NULL; t++) {
		ck_assert_ptr_eq(ctl_cmd_find(t->name), t);
		if (t->alias != NULL)
			ck_assert_ptr_eq(ctl_cmd_find(t->alias), t);
		for (found = 0, i = 0; help[i] != NULL; i++)
			found |= strstr(help[i], t->usage) != NULL;
		ck_assert_msg(found, "%s is not in the help", t->usage);
	}
	ck_assert_ptr_null(ctl_cmd_find("zap"));
	c->sandbox = 1;
	ck_assert_int_eq(ctl_command(c, "write /tmp/x"), -1);
	ck_assert_int_eq(ctl_command(c, " :: e! /dev/zero"), -1);
	ck_assert_int_eq(ctl_command(c, "x"), -1);
	ck_assert_int_eq(ctl_command(c, "reset"), -1);
	ck_assert_int_eq(c->refused, 4);
	ck_assert_ptr_nonnull(strstr(c->msg, "not allowed in a lesson"));
	ctl_key(c, 'q');
	ck_assert_int_eq(c->quit, 0);
	ck_assert_int_eq(c->refused, 5);
	ck_assert_int_eq(ctl_command(c, "goto 1 dog"), 0);
	ck_assert_int_eq(ctl_command(c, "base 10"), 0);
	ck_assert_int_eq(c->refused, 5);
	c->sandbox = 0;
	ck_assert_int_eq(ctl_command(c, "q!"), 0);
	ck_assert_int_eq(c->quit, 1);
	ctl_free(c);
}
END_TEST

/* Undo back past the saved state, then a new edit: the sheet is
 * modified even though the undo position is the saved one again. */
START_TEST(test_dirty_after_undo_and_edit)
{
	struct ctl *c = mk_text(batch);

	type(c, "+");
	cmd_ok(c, "w");
	ck_assert_int_eq(c->dirty, 0);
	ctl_key(c, 'u');
	ck_assert_int_eq(c->dirty, 1);
	ctl_key(c, K_CTRL('r'));
	ck_assert_int_eq(c->dirty, 0);	/* back at the saved state */
	ctl_key(c, 'u');
	type(c, "-");			/* the saved position, other content */
	ck_assert_int_eq(c->undo.pos, 1);
	ck_assert_int_eq(c->dirty, 1);
	ctl_key(c, 'u');
	ck_assert_int_eq(c->dirty, 1);
	ctl_key(c, K_CTRL('r'));	/* position 1 again, still not saved */
	ck_assert_int_eq(c->dirty, 1);
	ctl_free(c);
}
END_TEST

/* A sheet keeps one row; computed cells refuse edits. */
START_TEST(test_guards)
{
	struct ctl *c = tu_ctl_default();

	type(c, "dd");
	ck_assert_int_eq(sheet_rows(c->s), 1);
	ck_assert(c->msg_error);
	ck_assert_ptr_nonnull(strstr(c->msg, "at least one row"));
	ctl_key(c, K_RIGHT);		/* exp */
	ck_assert_int_eq(c->g, G_EXP);
	ctl_key(c, K_ENTER);
	ck_assert_int_eq(c->line, LINE_NONE);
	ck_assert(c->msg_error);
	ck_assert_ptr_nonnull(strstr(c->msg, "is computed"));
	type(c, "5");
	ck_assert_int_eq(c->line, LINE_NONE);
	ck_assert_int_eq(c->undo.pos, 0);
	ctl_free(c);
}
END_TEST

/* :e asks before it drops unsaved edits; :e! does not; :wq and :x save
 * and quit, and a failed save does not quit. */
START_TEST(test_edit_and_wq)
{
	struct ctl *c = tu_ctl_default();
	const char *other = tu_write_temp("other.csv", "label,a,b\na,1,2\n");
	char path[600], out[700];

	snprintf(path, sizeof(path), "%s", other);
	type(c, "+");
	ck_assert_int_eq(ctl_command(c, "e x.csv"), -1);
	ck_assert_int_eq(ctl_command(c, "e"), -1);
	ck_assert_int_eq(sheet_classes(c->s), 5);
	snprintf(out, sizeof(out), "e %s", path);
	ck_assert_int_eq(ctl_command(c, out), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, ":e!"));
	ck_assert_int_eq(sheet_classes(c->s), 5);
	snprintf(out, sizeof(out), "e! %s", path);
	cmd_ok(c, out);
	ck_assert_int_eq(sheet_classes(c->s), 2);
	ck_assert_int_eq(c->dirty, 0);
	ck_assert_int_eq(ctl_command(c, "wq /dev/null/x.csv"), -1);
	ck_assert_int_eq(c->quit, 0);
	type(c, "+");
	cmd_ok(c, "x");
	ck_assert_int_eq(c->quit, 1);
	ck_assert_int_eq(c->dirty, 0);
	ctl_free(c);
}
END_TEST

/* n on a recovery question discards the file; the sheet stays. */
START_TEST(test_recovery_discard)
{
	struct ctl *c = mk_text(batch);
	const char *rec = tu_write_temp("rec2.csv",
	    "# mode: probs\nid,label,cat,dog\na,cat,0.5,0.5\n");

	ctl_offer_recovery(c, rec);
	ctl_key(c, 'n');
	ck_assert_int_eq(access(rec, F_OK), -1);
	ck_assert_int_eq(sheet_rows(c->s), 3);
	ck_assert_int_eq(c->dirty, 0);
	ck_assert_ptr_nonnull(strstr(c->msg, "Discarded"));
	ctl_free(c);
}
END_TEST

/* Text that a save could not reopen is refused where it is typed. */
START_TEST(test_bad_text_refused)
{
	struct ctl *c = tu_ctl_default();

	ck_assert_int_eq(ctl_command(c, "addclass ca\xfft"), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, "invalid UTF-8"));
	ck_assert_int_eq(ctl_command(c, "addclass \xef\xbb\xbf" "car"), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, "byte-order mark"));
	ck_assert_int_eq(ctl_command(c, "set title caf\xe9"), -1);
	ck_assert_ptr_nonnull(strstr(c->msg, "Not a title"));
	ck_assert_int_eq(sheet_classes(c->s), 5);
	ck_assert_int_eq(c->undo.pos, 0);
	ck_assert_int_eq(ctl_command(c, "addclass caf\xc3\xa9"), 0);
	ck_assert_int_eq(ctl_command(c, "set title \xe2\x88\x92 one"), 0);
	ctl_free(c);
}
END_TEST

/* The manual page names every command of the table. */
START_TEST(test_man_page)
{
	const struct ctl_cmd *t;
	char *man, want[64];
	FILE *f = fopen("xent.1", "r");
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	man = calloc(1, n + 1);
	ck_assert_int_eq(fread(man, 1, n, f), n);
	fclose(f);
	for (t = ctl_cmds; t->name != NULL; t++) {
		snprintf(want, sizeof(want), ":%s", t->name);
		ck_assert_msg(strstr(man, want) != NULL, "xent.1 lacks %s", want);
	}
	ck_assert_ptr_nonnull(strstr(man, "NO_COLOR"));
	ck_assert_ptr_nonnull(strstr(man, "XENT_LESSONS"));
	free(man);
}
END_TEST

/* Deleting the class that is a row's target says that the row lost it. */
START_TEST(test_delclass_message)
{
	struct ctl *c = tu_ctl_default();

	ck_assert_int_eq(ctl_command(c, "delclass fish"), 0);
	ck_assert_ptr_nonnull(strstr(c->msg, "1 row had it as target"));
	ck_assert(!sheet_has_target(c->s, 0));
	ctl_key(c, 'u');
	ck_assert_int_eq(sheet_classes(c->s), 5);
	ck_assert_int_eq(sheet_target(c->s, 0), 3);
	ck_assert_int_eq(ctl_command(c, "delclass cat"), 0);
	ck_assert_ptr_null(strstr(c->msg, "target"));
	ctl_free(c);
}
END_TEST

/* 1 when doubles X and Y have the same bits. */
static int
same_bits(double x, double y)
{
	return memcmp(&x, &y, sizeof(x)) == 0;
}

/* Asserts that sheets A and B are the same sheet: classes, settings,
 * title, and every row's label, inputs, target bits and results, bit for
 * bit.  WHAT says which comparison failed. */
static void
same_sheet(const struct sheet *a, const struct sheet *b, const char *what)
{
	const struct sheet_opts *oa = sheet_opts(a), *ob = sheet_opts(b);
	int k, n = sheet_classes(a);
	long r;

	ck_assert_msg(sheet_classes(b) == n, "%s: classes", what);
	ck_assert_msg(sheet_rows(b) == sheet_rows(a), "%s: rows", what);
	for (k = 0; k < n; k++)
		ck_assert_str_eq(sheet_class_name(a, k), sheet_class_name(b, k));
	ck_assert_str_eq(sheet_title(a), sheet_title(b));
	ck_assert_int_eq(sheet_target_style(a), sheet_target_style(b));
	ck_assert(oa->mode == ob->mode && oa->base == ob->base);
	ck_assert(same_bits(oa->temperature, ob->temperature));
	ck_assert(same_bits(oa->smoothing, ob->smoothing));
	ck_assert(same_bits(oa->confident, ob->confident));
	ck_assert_msg((oa->weights == NULL) == (ob->weights == NULL),
	    "%s: weights", what);
	for (k = 0; oa->weights != NULL && k < n; k++)
		ck_assert(same_bits(oa->weights[k], ob->weights[k]));
	for (r = 0; r < sheet_rows(a); r++) {
		ck_assert_str_eq(sheet_id(a, r), sheet_id(b, r));
		ck_assert_msg(sheet_has_target(a, r) == sheet_has_target(b, r) &&
		    sheet_label_index(a, r) == sheet_label_index(b, r) &&
		    sheet_target(a, r) == sheet_target(b, r) &&
		    sheet_pred(a, r) == sheet_pred(b, r) &&
		    sheet_flags(a, r) == sheet_flags(b, r) &&
		    same_bits(sheet_loss(a, r), sheet_loss(b, r)),
		    "%s: row %ld", what, r);
		for (k = 0; k < n; k++)
			ck_assert_msg(same_bits(sheet_act(a, r, k),
			    sheet_act(b, r, k)) && same_bits(sheet_y(a, r, k),
			    sheet_y(b, r, k)), "%s: row %ld class %d", what, r, k);
	}
	ck_assert(same_bits(sheet_mean_loss(a), sheet_mean_loss(b)));
}

/* A K-class sheet of N rows with every kind of target: none, soft (some
 * on class 2), one-hot on class 2 given as an index (which deleting class
 * 2 takes away), one-hot elsewhere; labels on some rows; -0 and NaN. */
static struct sheet *
mk_varied(int k, long n)
{
	static const char *names[] = {
		"cat", "dog", "fox", "owl", "elk", "yak", "emu", "gnu"
	};
	char buf[32], *name[64];
	struct sheet *s;
	double a[64], y[64];
	long r;
	int j;

	ck_assert(k >= 3 && k <= 64);
	for (j = 0; j < k; j++) {
		snprintf(buf, sizeof(buf), "%s%d", names[j % 8], j / 8);
		name[j] = strdup(buf);
	}
	s = tu_sheet(k, (const char *const *)name, 0, 0);
	for (j = 0; j < k; j++)
		free(name[j]);
	for (r = 0; r < n; r++) {
		memset(y, 0, sizeof(y));
		for (j = 0; j < k; j++)
			a[j] = sin(0.37 * r + 1.3 * j) * 4;
		if (r % 5 == 1) {
			y[1] = 0.25;
			y[2] = 0.75;
		} else if (r % 5 == 2 || r % 5 == 3)
			y[r % 5 == 2 ? 2 : 0] = 1;
		else if (r % 5 == 4)
			y[0] = y[1] = 0.5;
		if (r == 7)
			a[2] = -0.0;
		snprintf(buf, sizeof(buf), "row %ld", r);
		ck_assert_int_ge(sheet_append(s, r % 3 ? buf : NULL, a,
		    r % 5 ? y : NULL, r % 5 == 2), 0);
	}
	sheet_set_title(s, "Undo me");
	return s;
}

/* Undo and redo of :addclass and :delclass give back the sheet exactly:
 * labels, activations, targets soft and hard, class names, settings. */
START_TEST(test_class_undo_exact)
{
	struct sheet *s = mk_varied(5, 200), *v[4];
	double w[5] = { 1, 2, 0.5, 1, 3 };
	struct sheet_opts o;
	struct ctl *c;
	char err[256];
	int i;

	o = *sheet_opts(s);
	o.weights = w;
	o.smoothing = 0.1;
	ck_assert_msg(sheet_set_opts(s, &o, err, sizeof(err)) == 0, "%s", err);
	c = ctl_new(s, NULL, 0);
	v[0] = sheet_clone(c->s);
	cmd_ok(c, "delclass fox0");			/* orphans rows */
	ck_assert_int_eq(sheet_rows(c->s), 200);
	ck_assert(!sheet_has_target(c->s, 2));
	v[1] = sheet_clone(c->s);
	cmd_ok(c, "addclass horse");
	v[2] = sheet_clone(c->s);
	cmd_ok(c, "delclass cat0");			/* the first */
	v[3] = sheet_clone(c->s);
	for (i = 3; i > 0; i--) {
		ctl_key(c, 'u');
		same_sheet(c->s, v[i - 1], "undo");
	}
	for (i = 1; i <= 3; i++) {
		ctl_key(c, K_CTRL('r'));
		same_sheet(c->s, v[i], "redo");
	}
	for (i = 0; i < 3; i++)
		ctl_key(c, 'u');
	same_sheet(c->s, v[0], "undo all");
	ck_assert(!c->dirty);
	for (i = 0; i < 4; i++)
		sheet_free(v[i]);
	ctl_free(c);
}
END_TEST

/* A binary sheet given a second class, and a two-class sheet made binary,
 * come back exactly, targets of 0 included. */
START_TEST(test_class_undo_binary)
{
	static const char *bin =
	    "id,cat,is_cat\n"
	    "a,0.9,1\n"
	    "b,0.2,0\n"
	    "c,0.4,\n"
	    "d,-0,0.25\n";
	struct ctl *c = mk_text(bin);
	struct sheet *v0 = sheet_clone(c->s), *v1;

	ck_assert_int_eq(sheet_classes(c->s), 1);
	ck_assert(sheet_has_target(c->s, 1));
	cmd_ok(c, "addclass dog");
	ck_assert_int_eq(sheet_classes(c->s), 2);
	v1 = sheet_clone(c->s);
	ctl_key(c, 'u');
	same_sheet(c->s, v0, "binary: undo add");
	ctl_key(c, K_CTRL('r'));
	same_sheet(c->s, v1, "binary: redo add");
	cmd_ok(c, "delclass dog");
	ctl_key(c, 'u');
	same_sheet(c->s, v1, "undo of the delete that made it binary");
	sheet_free(v0);
	sheet_free(v1);
	ctl_free(c);
	c = mk_text(batch);
	v0 = sheet_clone(c->s);
	cmd_ok(c, "delclass dog");
	ck_assert_int_eq(sheet_classes(c->s), 1);
	ctl_key(c, 'u');
	same_sheet(c->s, v0, "two classes: undo delete");
	sheet_free(v0);
	ctl_free(c);
}
END_TEST

/* The bytes the undo history holds after :addclass, and after :delclass
 * of the class just added, on a sheet of N rows and K classes; the bytes
 * of deleting class 2 (a real one) in *DEL. */
static void
class_undo_bytes(int k, long n, size_t *add, size_t *del0, size_t *del)
{
	struct ctl *c = ctl_new(mk_varied(k, n), NULL, 0);
	size_t b = undo_bytes(&c->undo);

	cmd_ok(c, "addclass horse");
	*add = undo_bytes(&c->undo) - b;
	b = undo_bytes(&c->undo);
	cmd_ok(c, "delclass horse");
	*del0 = undo_bytes(&c->undo) - b;
	b = undo_bytes(&c->undo);
	cmd_ok(c, "delclass fox0");
	*del = undo_bytes(&c->undo) - b;
	ctl_free(c);
}

/* What undo keeps for :addclass does not grow with the rows, nor for
 * :delclass of a class whose column is alike; a real delete keeps its one
 * column (about 16 bytes a row), whatever the number of classes, where a
 * copy of the sheet would take its every column. */
START_TEST(test_class_undo_memory)
{
	size_t add[3], del0[3], del[3];
	struct sheet *big = mk_varied(4, 50000);

	class_undo_bytes(4, 500, &add[0], &del0[0], &del[0]);
	class_undo_bytes(4, 50000, &add[1], &del0[1], &del[1]);
	class_undo_bytes(40, 50000, &add[2], &del0[2], &del[2]);
	ck_assert_uint_eq(add[0], add[1]);
	ck_assert_uint_lt(add[0], 1024);
	ck_assert_uint_eq(del0[0], del0[1]);
	ck_assert_uint_lt(del0[0], 1024);
	ck_assert_uint_le(del[1], 17 * 50000 + 1024);
	ck_assert_uint_ge(del[1], 8 * 50000);
	/* Forty classes: only the per-class settings grow. */
	ck_assert_uint_lt(del[2] - del[1], 1024);
	ck_assert_uint_lt(del[1], sheet_bytes(big) / 2);
	sheet_free(big);
}
END_TEST

/* Over the budget the oldest undo steps go, the status line says so, and
 * a saved state among them no longer counts as clean. */
START_TEST(test_undo_budget)
{
	struct ctl *c = ctl_new(mk_varied(6, 40000), NULL, 0);
	int i;

	c->undo.budget = (size_t)1 << 20;
	cmd_ok(c, "delclass fox0");
	ck_assert_ptr_null(strstr(c->msg, "Undo history full"));
	cmd_ok(c, "delclass cat0");
	ck_assert_msg(strstr(c->msg, "Deleted class cat0") == c->msg &&
	    strstr(c->msg, "Undo history full (1 MiB): the oldest 1 change "
	    "can no longer be undone.") != NULL, "%s", c->msg);
	ck_assert_uint_le(undo_bytes(&c->undo), c->undo.budget);
	ck_assert_int_eq(c->undo.n, 1);
	/* The next key's message is its own. */
	ctl_key(c, 'j');
	ck_assert_ptr_null(strstr(c->msg, "Undo history full"));
	ctl_key(c, 'u');
	ck_assert_int_eq(sheet_classes(c->s), 5);
	ck_assert_int_eq(sheet_class_index(c->s, "cat0"), 0);
	ctl_key(c, 'u');
	ck_assert_ptr_nonnull(strstr(c->msg, "Nothing to undo"));
	ck_assert_int_eq(sheet_classes(c->s), 5);
	ck_assert(c->dirty);
	/* Small steps: many fit, the oldest go first, the bytes stay in. */
	for (i = 0; i < 20000; i++)
		ctl_key(c, '+');
	ck_assert_uint_le(undo_bytes(&c->undo), c->undo.budget);
	ck_assert_int_gt(c->undo.n, 1000);
	ctl_free(c);
}
END_TEST

Suite *
ctl_suite(void)
{
	Suite *s = suite_create("ctl");
	TCase *k = tcase_create("keys"), *m = tcase_create("commands");

	tcase_add_test(k, test_open_default);
	tcase_add_test(k, test_edit_cell);
	tcase_add_test(k, test_nudge_undo_redo);
	tcase_add_test(k, test_targets);
	tcase_add_test(k, test_rows);
	tcase_add_test(k, test_moves);
	tcase_add_test(k, test_help_view_ctrl_c);
	tcase_add_test(m, test_write_quit);
	tcase_add_test(m, test_settings);
	tcase_add_test(m, test_normalize);
	tcase_add_test(m, test_show_hide);
	tcase_add_test(m, test_classes);
	tcase_add_test(m, test_delclass_target);
	tcase_add_test(m, test_recovery);
	tcase_add_test(k, test_signed_entry);
	tcase_add_test(m, test_command_table);
	tcase_add_test(m, test_delclass_message);
	tcase_add_test(m, test_man_page);
	tcase_add_test(m, test_bad_text_refused);
	tcase_add_test(k, test_dirty_after_undo_and_edit);
	tcase_add_test(k, test_guards);
	tcase_add_test(m, test_edit_and_wq);
	tcase_add_test(m, test_recovery_discard);
	tcase_add_test(m, test_text_columns_write);
	tcase_add_test(m, test_class_undo_exact);
	tcase_add_test(m, test_class_undo_binary);
	tcase_add_test(m, test_class_undo_memory);
	tcase_add_test(m, test_undo_budget);
	suite_add_tcase(s, k);
	suite_add_tcase(s, m);
	return s;
}
