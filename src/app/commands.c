/*
 * commands.c - the `:` commands: one table that dispatch, Tab completion,
 * the help screen and the lesson sandbox all read; and the key hint.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/ctl.h"
#include "app/ctl_int.h"
#include "core/num.h"
#include "core/utf8.h"
#include "io/defaults.h"
#include "io/npy.h"
#include "io/recover.h"
#include "io/save.h"
#include "io/sheetfile.h"
#include "io/svg.h"

/* ------------------------------------------------------------------ */
/* Files                                                              */
/* ------------------------------------------------------------------ */

/* :w to PATH, a NumPy file, which is never overwritten: with no name
 * typed (NAMED 0), asks for a CSV name, offering the arrays' name ending
 * in .csv; with one, says to name a CSV file. */
static int
cmd_write_numpy(struct ctl *c, int named, const char *path)
{
	char line[4200];
	size_t n;

	if (named) {
		ctl_msg(c, 1, "Not saved: %s is a NumPy file; :w FILE.csv saves "
		    "the sheet as CSV.", path);
		return -1;
	}
	n = strlen(c->path);
	if (n > 4 && (strcmp(c->path + n - 4, ".npy") == 0 ||
	    strcmp(c->path + n - 4, ".npz") == 0))
		n -= 4;
	snprintf(line, sizeof(line), "w %.*s.csv", (int)n, c->path);
	ctl_ask_line(c, LINE_COMMAND, ":", line);
	ctl_msg(c, 0, "This sheet came from NumPy arrays: it is saved as "
	    "CSV. Enter saves it under this name, or edit it.");
	return -1;
}

/* The sheet and step a :w writes. */
struct cmd_save {
	const struct sheet	*s;
	double			 step;
};

/* save_writer for :w. */
static int
cmd_save_write(FILE *f, void *arg)
{
	const struct cmd_save *sv = arg;

	return sheetfile_write(f, sv->s, sv->step);
}

/* Says why saving to PATH failed (RC from save_file, ERR its message). */
static void
cmd_write_failed(struct ctl *c, const char *path, int rc, const char *err)
{
	if (rc == SAVE_CHANGED)
		ctl_msg(c, 1, "Not saved: %s changed on disk since xent read "
		    "it. :w! overwrites, :e! %s reloads.", path, path);
	else if (rc == SAVE_READONLY)
		ctl_msg(c, 1, "Not saved: %s is read-only. :w! writes it "
		    "anyway.", path);
	else
		ctl_msg(c, 1, "Not saved: %s. Your edits are still here.", err);
}

/* After saving to PATH: a sheet without a file, or read from NumPy
 * arrays, takes PATH as its file (its edits are in PATH now, not owed to
 * the arrays, so their recovery file goes). Returns whether it did. */
static int
cmd_write_adopt(struct ctl *c, const char *path, struct save_stamp *stamp)
{
	char rec[4096];

	if (c->path != NULL && !npy_is_numpy(c->path))
		return 0;
	if (c->path != NULL && recover_find(c->path, rec, sizeof(rec)))
		unlink(rec);
	free(c->path);
	if ((c->path = strdup(path)) == NULL)
		return 0;
	save_stamp(c->path, stamp);
	return 1;
}

/* 1, with a message, when PATH is a file of its own that :w FILE would
 * replace: another file is overwritten only with :w!, as in vim.  (A
 * device or a dangling link's target is written as asked.) */
static int
cmd_write_exists(struct ctl *c, const char *path)
{
	struct stat sb;

	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
		return 0;
	ctl_msg(c, 1, "Not saved: %s exists. :w! %s overwrites it.", path,
	    path);
	return 1;
}

/* :w [FILE], :w! - save safely (io/save.h); the sheet keeps its name unless
 * it had none.  Saving to its own file refuses, unless forced, when that
 * file changed on disk since it was opened or saved, or is read-only. */
static int
cmd_write(struct ctl *c, char *args, int bang)
{
	const char *path = *args ? args : c->path;
	int own = c->path != NULL && strcmp(path != NULL ? path : "",
	    c->path) == 0;
	struct cmd_save sv = { c->s, c->step };
	struct save_stamp stamp;
	char err[1024], rec[4096];
	int rc;

	if (path == NULL) {
		ctl_msg(c, 1, "This sheet has no file yet: :w FILE names one.");
		return -1;
	}
	if (npy_is_numpy(path))
		return cmd_write_numpy(c, *args != '\0', path);
	if (!own && !bang && cmd_write_exists(c, path))
		return -1;
	stamp = c->stamp;
	rc = save_file(path, cmd_save_write, &sv, bang ? SAVE_FORCE : 0,
	    own ? &stamp : NULL, err, sizeof(err));
	if (rc < 0) {
		cmd_write_failed(c, path, rc, err);
		return -1;
	}
	if (cmd_write_adopt(c, path, &stamp))
		own = 1;
	if (own) {
		c->stamp = stamp;
		c->dirty = 0;
		c->clean_pos = c->undo.pos;
		if (recover_find(c->path, rec, sizeof(rec)))
			unlink(rec);
	}
	ctl_msg(c, 0, "Wrote %ld rows to %s.", sheet_rows(c->s), path);
	return 0;
}

/* :q, :q! - quit, asking first when there are unsaved changes. */
static int
cmd_quit(struct ctl *c, char *args, int bang)
{
	(void)args;
	if (c->dirty && !bang) {
		c->ask = ASK_QUIT;
		ctl_msg(c, 1, "Unsaved changes. Quit and lose them? (y/n) "
		    "- :w saves, :wq saves and quits");
		return 0;
	}
	c->quit = 1;
	return 0;
}

/* :wq, :x - save, then quit when the save worked. */
static int
cmd_wq(struct ctl *c, char *args, int bang)
{
	if (cmd_write(c, args, bang) < 0)
		return -1;
	c->quit = 1;
	return 0;
}

void
ctl_set_sheet(struct ctl *c, struct sheet *s, const char *path, double step)
{
	sheet_free(c->s);
	c->s = s;
	free(c->path);
	c->path = path ? strdup(path) : NULL;
	save_stamp(c->path, &c->stamp);
	c->step = step;
	c->pending = 0;
	c->nudged = 0;
	c->help = 0;
	ctl_mark_start(c);
	ctl_reset_view(c);
	ctl_plot_stale(c);
	ctl_tell_lesson(c);
}

struct ctl *
ctl_new_default(void)
{
	struct sheetfile_info info;
	struct sheet *s;
	struct ctl *c;
	char err[512];

	s = sheetfile_load_mem(DEFAULTS_NAME, defaults_sheet,
	    strlen(defaults_sheet), &info, err, sizeof(err));
	if (s == NULL)
		return NULL;
	sheetfile_info_free(&info);
	if ((c = ctl_new(s, NULL, 0)) == NULL)
		sheet_free(s);
	return c;
}

/* :e FILE, :e! FILE - open another sheet. */
static int
cmd_edit(struct ctl *c, char *args, int bang)
{
	struct sheetfile_info info;
	struct sheet *s;
	char err[1024];

	if (*args == '\0') {
		ctl_msg(c, 1, "Usage: :e FILE");
		return -1;
	}
	if (c->dirty && !bang) {
		ctl_msg(c, 1, "Unsaved changes: :w first, or :e! %s drops them.",
		    args);
		return -1;
	}
	if ((s = sheetfile_load(args, &info, err, sizeof(err))) == NULL) {
		ctl_msg(c, 1, "%s", err);
		return -1;
	}
	ctl_set_sheet(c, s, args, info.set.step);
	sheetfile_info_free(&info);
	ctl_msg(c, 0, "Opened %s: %ld rows, %d classes.", args,
	    sheet_rows(s), sheet_classes(s));
	return 0;
}

void
ctl_recover_answer(struct ctl *c, int yes)
{
	struct ctl_change ch = { .op = OP_REPLACE };
	struct sheetfile_info info;
	char err[1024];

	if (c->recover == NULL)
		return;
	if (!yes) {
		unlink(c->recover);
		ctl_msg(c, 0, "Discarded the recovered edits.");
	} else if ((ch.sheet = sheetfile_load(c->recover, &info, err,
	    sizeof(err))) == NULL)
		ctl_msg(c, 1, "Cannot restore: %s", err);
	else {
		/* One undo step, so that u goes back to the file's version. */
		ch.v = info.set.step;
		sheetfile_info_free(&info);
		if (ctl_apply(c, &ch) == 0) {
			unlink(c->recover);
			ctl_msg(c, 0, "Restored the unsaved edits (u undoes; :w "
			    "saves).");
		}
	}
	free(c->recover);
	c->recover = NULL;
}

void
ctl_offer_recovery(struct ctl *c, const char *recover)
{
	free(c->recover);
	if ((c->recover = strdup(recover)) == NULL)
		return;
	c->ask = ASK_RECOVER;
	ctl_msg(c, 1, "Unsaved edits to this sheet were saved when xent was "
	    "stopped. Restore them? (y/n)");
}

/* ------------------------------------------------------------------ */
/* Settings                                                           */
/* ------------------------------------------------------------------ */

/* Applies setting NAME = VALUE as one change. */
int
ctl_setting(struct ctl *c, const char *name, const char *value)
{
	struct ctl_change ch = { .op = OP_SETTING };
	struct sheetfile_settings set;
	char err[512];
	int rc = -1;

	memset(&set, 0, sizeof(set));
	ch.key = sheetfile_key(name);
	ch.set = &set;
	if (ch.key == SF_TITLE && utf8_check_name(value, err, sizeof(err)) < 0)
		ctl_msg(c, 1, "Not a title: %s.", err);
	else if (ch.key < 0)
		ctl_msg(c, 1, "No setting '%s': temperature, label-smoothing, "
		    "weights, confident, step, mode, base, title.", name);
	else if (sheetfile_setting(&set, ch.key, value, err, sizeof(err)) < 0)
		ctl_msg(c, 1, "%s", err);
	else if ((rc = ctl_apply(c, &ch)) == 0)
		ctl_msg(c, 0, "%s = %s", name, value);
	sheetfile_settings_free(&set);
	return rc;
}

/* :set NAME VALUE */
static int
cmd_set(struct ctl *c, char *args, int bang)
{
	char *value = args;

	(void)bang;
	while (*value != '\0' && !isspace((unsigned char)*value))
		value++;
	if (*value != '\0')
		*value++ = '\0';
	while (isspace((unsigned char)*value))
		value++;
	if (*args == '\0' || *value == '\0') {
		ctl_msg(c, 1, "Usage: :set NAME VALUE, e.g. :set temperature 2");
		return -1;
	}
	return ctl_setting(c, args, value);
}

/* :base e|2|10 */
static int
cmd_base(struct ctl *c, char *args, int bang)
{
	(void)bang;
	return ctl_setting(c, "base", args);
}

/* :mode logits|probs - the same numbers read another way. */
static int
cmd_mode(struct ctl *c, char *args, int bang)
{
	(void)bang;
	return ctl_setting(c, "mode", args);
}

/* ------------------------------------------------------------------ */
/* Moving and editing                                                 */
/* ------------------------------------------------------------------ */

/* The class named or numbered by TEXT, or -1 with a message. */
static int
ctl_class_arg(struct ctl *c, const char *text)
{
	int k = sheet_class_index(c->s, text);
	char *end;
	long v;

	if (k >= 0)
		return k;
	v = strtol(text, &end, 10);
	if (*text != '\0' && *end == '\0' && v >= 0 && v < sheet_classes(c->s))
		return (int)v;
	ctl_msg(c, 1, "No class '%s'. Classes: %s ... (Tab completes)", text,
	    sheet_class_name(c->s, 0));
	return -1;
}

/* :goto ROW [CLASS] - to that row's activation cell for CLASS. */
static int
cmd_goto(struct ctl *c, char *args, int bang)
{
	char *cls = NULL;
	long row = strtol(args, &cls, 10);
	int k = c->k;

	(void)bang;
	if (cls == args || row < 1 || row > sheet_rows(c->s)) {
		ctl_msg(c, 1, "No row '%s': rows go from 1 to %ld.", args,
		    sheet_rows(c->s));
		return -1;
	}
	if (rowview_pos(&c->rows, row - 1) < 0) {
		ctl_msg(c, 1, "Row %ld is not among the rows shown: :filter off "
		    "shows them all.", row);
		return -1;
	}
	while (isspace((unsigned char)*cls))
		cls++;
	if (*cls != '\0' && (k = ctl_class_arg(c, cls)) < 0)
		return -1;
	c->row = row - 1;
	c->g = G_ACT;
	c->k = k < 0 ? 0 : k;
	ctl_clamp(c);
	return 0;
}

/* :target CLASS - the current row's one-hot target. */
static int
cmd_target(struct ctl *c, char *args, int bang)
{
	struct ctl_change ch = { .op = OP_TARGET };

	(void)bang;
	if (sheet_is_binary(c->s) && strncmp(args, "not_", 4) == 0 &&
	    strcmp(args + 4, sheet_class_name(c->s, 0)) == 0)
		ch.k = 1;
	else if ((ch.k = ctl_class_arg(c, args)) < 0)
		return -1;
	ch.row = c->row;
	if (ctl_apply(c, &ch) < 0)
		return -1;
	ctl_msg(c, 0, "Row %ld's target is %s.", c->row + 1, args);
	return 0;
}

/* :normalize - divide the current row by its sum. */
static int
cmd_normalize(struct ctl *c, char *args, int bang)
{
	struct ctl_change ch = { .op = OP_NORMALIZE };

	(void)args;
	(void)bang;
	if (sheet_opts(c->s)->mode != SHEET_PROBS) {
		ctl_msg(c, 1, "In logits mode softmax already adds up to 1; "
		    ":normalize is for probabilities.");
		return -1;
	}
	ch.row = c->row;
	if (ctl_apply(c, &ch) < 0)
		return -1;
	ctl_msg(c, 0, "Row %ld divided by its sum; it now adds up to 1.",
	    c->row + 1);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Columns and classes                                                */
/* ------------------------------------------------------------------ */

/* :show GROUP|all and :hide GROUP|all (SHOW says which). */
static int
ctl_show(struct ctl *c, const char *args, int show)
{
	int g = layout_group_index(args);

	if (strcmp(args, "all") == 0) {
		c->hidden = show ? 0 : ~(1u << G_ACT) & ((1u << G_NGROUPS) - 1);
	} else if (g < 0 || g == G_ACT) {
		ctl_msg(c, 1, g == G_ACT ? "The outputs always show." :
		    "No column '%s': target exp sum softmax naive nll label "
		    "p_label pred p_pred loss if_form flags, or all.", args);
		return -1;
	} else if (show)
		c->hidden &= ~(1u << g);
	else
		c->hidden |= 1u << g;
	ctl_clamp(c);
	ctl_msg(c, 0, "%s %s.", show ? "Showing" : "Hiding", args);
	return 0;
}

static int
cmd_show(struct ctl *c, char *args, int bang)
{
	(void)bang;
	return ctl_show(c, args, 1);
}

static int
cmd_hide(struct ctl *c, char *args, int bang)
{
	(void)bang;
	return ctl_show(c, args, 0);
}

/* :addclass NAME */
static int
cmd_addclass(struct ctl *c, char *args, int bang)
{
	struct ctl_change ch = { .op = OP_ADD_CLASS };
	char why[128];

	(void)bang;
	if (utf8_check_name(args, why, sizeof(why)) < 0) {
		ctl_msg(c, 1, "Not a class name: %s.", why);
		return -1;
	}
	if (*args == '\0' || sheet_class_index(c->s, args) >= 0 ||
	    sheetfile_reserved(args)) {
		ctl_msg(c, 1, "Usage: :addclass NAME, a new class name (not id, "
		    "label, sum, loss, if_form, flags, pred, is_*, exp_*, p_*).");
		return -1;
	}
	ch.name = args;
	if (ctl_apply(c, &ch) < 0)
		return -1;
	ctl_msg(c, 0, "Added class %s.", args);
	return 0;
}

/* :delclass NAME */
static int
cmd_delclass(struct ctl *c, char *args, int bang)
{
	struct ctl_change ch = { .op = OP_DELETE_CLASS };
	long orphans;

	(void)bang;
	ch.k = sheet_class_index(c->s, args);
	if (ch.k < 0 || sheet_classes(c->s) <= 1) {
		ctl_msg(c, 1, sheet_classes(c->s) <= 1 ? "The last class stays." :
		    "No class '%s'.", args);
		return -1;
	}
	orphans = sheet_class_target_rows(c->s, ch.k);
	if (ctl_apply(c, &ch) < 0)
		return -1;
	if (orphans > 0)
		ctl_msg(c, 0, "Deleted class %s; %ld row%s had it as target and "
		    "now %s none (u undoes).", args, orphans, orphans == 1 ?
		    "" : "s", orphans == 1 ? "has" : "have");
	else
		ctl_msg(c, 0, "Deleted class %s (u undoes).", args);
	return 0;
}

/* :help */
static int
cmd_help(struct ctl *c, char *args, int bang)
{
	(void)args;
	(void)bang;
	c->help = 1;
	c->help_top = 0;
	return 0;
}

/* :reset - the lesson step's state, built afresh. */
static int
cmd_reset(struct ctl *c, char *args, int bang)
{
	(void)args;
	(void)bang;
	if (c->lesson.reset == NULL) {
		ctl_msg(c, 1, ":reset restarts a lesson step; no lesson is open.");
		return -1;
	}
	return c->lesson.reset(c, c->lesson.arg);
}

/* :view batch|example, or :view NAME for a screen over the whole set. */
static int
cmd_view(struct ctl *c, char *args, int bang)
{
	int kind = ctl_screen_kind(args);

	(void)bang;
	if (kind >= 0)
		return ctl_screen_open(c, kind);
	if (strcmp(args, "batch") == 0)
		c->view = VIEW_BATCH;
	else if (strcmp(args, "example") == 0)
		c->view = VIEW_EXAMPLE;
	else if (*args == '\0')
		c->view = c->view == VIEW_BATCH ? VIEW_EXAMPLE : VIEW_BATCH;
	else {
		ctl_msg(c, 1, "Usage: :view batch|example, or top, confusion, "
		    "classes, calibration, issues");
		return -1;
	}
	ctl_screen_close(c);
	ctl_clamp(c);
	return 0;
}

/* :plot KIND [--svg FILE] - the plot pane, and the picture as SVG. */
static int
cmd_plot(struct ctl *c, char *args, int bang)
{
	char *svg = strstr(args, "--svg"), err[1024];
	size_t n;
	int k;

	(void)bang;
	if (svg != NULL) {
		*svg = '\0';
		svg += 5 + strspn(svg + 5, " \t");
	}
	for (n = strlen(args); n > 0 && isspace((unsigned char)args[n - 1]); n--)
		args[n - 1] = '\0';
	k = *args == '\0' && svg != NULL ? (int)c->plot.kind :
	    plot_kind_index(args);
	if (k < 0 || (svg != NULL && (*svg == '\0' || k == PLOT_OFF))) {
		ctl_msg(c, 1, "Usage: :plot curve|bars|hist|reliability|off "
		    "[--svg FILE.svg] (P cycles the plots)");
		return -1;
	}
	ctl_plot(c, (enum plot_kind)k);
	if (svg != NULL) {
		if (svg_save(svg, c->s, (enum plot_kind)k, c->row,
		    c->plot.hist_ok ? &c->plot.hist : NULL, err,
		    sizeof(err)) < 0) {
			ctl_msg(c, 1, "No picture written: %s", err);
			return -1;
		}
		ctl_msg(c, 0, "Wrote the %s of row %ld to %s.", plot_kind_name(k),
		    c->row + 1, svg);
	} else if (k == PLOT_OFF)
		ctl_msg(c, 0, "Plot closed.");
	else
		ctl_msg(c, 0, "Plot: %s (P for the next, :plot off closes).",
		    plot_kind_name(k));
	return 0;
}

/* ------------------------------------------------------------------ */
/* The table                                                          */
/* ------------------------------------------------------------------ */

const struct ctl_cmd ctl_cmds[] = {
	{ "w", "write", cmd_write, CMD_FILE, ARG_FILE,
	    ":w [FILE]  :w!", "save (refuses a file changed on disk, "
	    "read-only, or another that exists; ! writes)" },
	{ "e", "edit", cmd_edit, CMD_FILE, ARG_FILE,
	    ":e FILE  :e! FILE", "open another sheet (! drops edits)" },
	{ "q", "quit", cmd_quit, CMD_QUIT, ARG_NONE,
	    ":q  :q!", "quit (asks about unsaved edits; ! does not)" },
	{ "wq", "x", cmd_wq, CMD_FILE | CMD_QUIT, ARG_FILE,
	    ":wq [FILE]  :x  :wq!", "save, then quit (! as :w!)" },
	{ "goto", NULL, cmd_goto, 0, ARG_ROW_CLASS,
	    ":goto ROW [CLASS]", "to that row's output cell" },
	{ "target", NULL, cmd_target, 0, ARG_CLASS,
	    ":target CLASS", "the current row's target" },
	{ "base", NULL, cmd_base, 0, ARG_BASE,
	    ":base e|2|10", "the log base of the loss" },
	{ "mode", NULL, cmd_mode, 0, ARG_MODE,
	    ":mode logits|probs", "what the outputs are" },
	{ "set", NULL, cmd_set, 0, ARG_SETTING,
	    ":set NAME VALUE", "temperature label-smoothing weights "
	    "confident step title" },
	{ "normalize", NULL, cmd_normalize, 0, ARG_NONE,
	    ":normalize", "divide the row by its sum (probs)" },
	{ "show", NULL, cmd_show, 0, ARG_GROUP,
	    ":show COLUMN", "target exp sum softmax naive nll label p_label" },
	{ "hide", NULL, cmd_hide, 0, ARG_GROUP,
	    ":hide COLUMN", "pred p_pred loss if_form flags, or all" },
	{ "addclass", NULL, cmd_addclass, 0, ARG_TEXT,
	    ":addclass NAME", "add a class" },
	{ "delclass", NULL, cmd_delclass, 0, ARG_CLASS,
	    ":delclass NAME", "remove a class" },
	{ "sort", NULL, cmd_sort, 0, ARG_SORT,
	    ":sort KEY [asc|desc]", "loss p margin conf label pred id a[C] row" },
	{ "filter", NULL, cmd_filter, 0, ARG_FILTER,
	    ":filter EXPR  :filter off", "only the rows where EXPR holds" },
	{ "view", NULL, cmd_view, 0, ARG_VIEW,
	    ":view NAME", "batch example (v), top confusion classes "
	    "calibration issues" },
	{ "fit", NULL, cmd_fit, 0, ARG_FIT,
	    ":fit temperature", "the temperature of least NLL, applied" },
	{ "reset", NULL, cmd_reset, CMD_LESSON, ARG_NONE,
	    ":reset", "start the lesson step afresh" },
	{ "help", NULL, cmd_help, 0, ARG_NONE,
	    ":help", "every key and command (as ?)" },
	{ "plot", NULL, cmd_plot, CMD_FILE, ARG_PLOT,
	    ":plot KIND [--svg F]", "curve bars hist reliability off (P cycles)" },
	{ NULL, NULL, NULL, 0, ARG_NONE, NULL, NULL }
};

const struct ctl_cmd *
ctl_cmd_find(const char *name)
{
	const struct ctl_cmd *t;

	for (t = ctl_cmds; t->name != NULL; t++)
		if (strcmp(name, t->name) == 0 ||
		    (t->alias != NULL && strcmp(name, t->alias) == 0))
			return t;
	return NULL;
}

/* Refuses command CMD (typed as NAME) while a lesson's script drives the
 * controller: opening or linting a lesson never touches a file. */
static int
ctl_refuse(struct ctl *c, const struct ctl_cmd *cmd, const char *name)
{
	c->refused++;
	ctl_msg(c, 1, "':%s' is not allowed in a lesson's setup or solution: "
	    "a lesson may not %s", name, cmd->flags & CMD_FILE ?
	    "read or write files" : cmd->flags & CMD_QUIT ? "quit xent" :
	    "move its own steps");
	return -1;
}

int
ctl_command(struct ctl *c, const char *line)
{
	const struct ctl_cmd *cmd;
	char buf[1024], *name, *args;
	size_t n;
	int bang = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (name = buf; *name == ':' || isspace((unsigned char)*name); name++)
		;
	for (args = name; *args && !isspace((unsigned char)*args); args++)
		;
	if (*args != '\0')
		*args++ = '\0';
	while (isspace((unsigned char)*args))
		args++;
	for (n = strlen(args); n > 0 && isspace((unsigned char)args[n - 1]); n--)
		args[n - 1] = '\0';
	if ((n = strlen(name)) > 1 && name[n - 1] == '!') {
		name[n - 1] = '\0';
		bang = 1;
	}
	if ((cmd = ctl_cmd_find(name)) == NULL) {
		ctl_msg(c, 1, "Unknown command ':%s' - :help lists them.", name);
		return -1;
	}
	if (c->sandbox && (cmd->flags & CMD_UNSAFE))
		return ctl_refuse(c, cmd, name);
	return cmd->run(c, args, bang);
}

/* ------------------------------------------------------------------ */
/* Help                                                               */
/* ------------------------------------------------------------------ */

/* The help screen before the commands. */
static const char *const help_keys[] = {
	"xent - softmax and cross-entropy, live",
	"",
	"Moving",
	"  arrows, h j k l     move between cells",
	"  PgUp PgDn           a screen of rows (example view: the previous/next row)",
	"  g G, Home End       first / last row",
	"  n N                 next / previous flagged row (in the order shown)",
	"  /TEXT               the next row whose id or text has TEXT",
	"  mouse               click a cell; the wheel scrolls",
	"",
	"Editing",
	"  Enter, e            edit the cell (Esc or Ctrl-G cancels)",
	"  0-9 .               start typing a new value; - or + first for a sign",
	"                      values: numbers, inf, -inf, nan, or + - * / ^ ( )",
	"                      exp ln log (base 10) sqrt e pi, e.g. 1/3 or ln(2)",
	"  + -                 nudge the output by a step (hold to repeat)",
	"  Space               on a target cell: make it the row's target",
	"  o  Y  dd            add a row / duplicate it / delete it",
	"  u  Ctrl-R           undo / redo any change",
	"",
	"Viewing",
	"  v                   switch between batch and example view",
	"  >                   reveal the next hidden column group",
	"  P                   cycle the plot: curve, bars, hist, reliability, off",
	"  ?                   this help (any other key closes it)",
	"  q                   quit, as :q (asks when there are unsaved changes)",
	"  Ctrl-Z              suspend (fg brings xent back)",
	"",
	"Commands (type : first; Tab completes)",
	NULL
};

/* The help screen after the commands. */
static const char *const help_rest[] = {
	"",
	"Lessons (xent lesson, xent FILE.md)",
	"  ]  [                next / previous step",
	"  H                   show or hide the step's hint",
	"  { }                 scroll the lesson text up / down",
	"  p                   answer the step's prediction",
	"  :reset              start the step afresh",
	"  with --present      Space PgDn Right: more text, then the next step;",
	"                      PgUp Left: back; h j k l still move",
	"",
	"Flags (the flags column spells them out; the status line explains)",
	"  not_normalized   probabilities do not add up to 1",
	"  out_of_range     a probability below 0 or above 1",
	"  not_one_hot      a soft target",
	"  log_zero         the target's probability is 0: infinite loss",
	"  forms_disagree   the IF form and the cross-entropy form differ",
	"  confident_wrong  the top class is wrong and p >= 0.8",
	"  overflow         exp overflows (or the sum underflows to 0)",
	"  nan              not a number somewhere",
	NULL
};

#define HELP_MAX 128
#define HELP_LINE 96

/* Appends the NULL-terminated LINES to OUT (count *N, room HELP_MAX). */
static void
help_append(const char **out, int *n, const char *const *lines)
{
	for (; *lines != NULL && *n < HELP_MAX - 1; lines++)
		out[(*n)++] = *lines;
}

const char *const *
ctl_help_lines(void)
{
	static char cmds[HELP_MAX][HELP_LINE];
	static const char *lines[HELP_MAX];
	static int n;
	int i;

	if (n > 0)
		return lines;
	help_append(lines, &n, help_keys);
	for (i = 0; ctl_cmds[i].name != NULL && n < HELP_MAX - 1; i++) {
		snprintf(cmds[i], HELP_LINE, "  %-22s%s", ctl_cmds[i].usage,
		    ctl_cmds[i].help);
		lines[n++] = cmds[i];
	}
	help_append(lines, &n, help_rest);
	lines[n] = NULL;
	return lines;
}

int
ctl_help_count(void)
{
	const char *const *l = ctl_help_lines();
	int n = 0;

	while (l[n] != NULL)
		n++;
	return n;
}

const char *
ctl_hint(const struct ctl *c)
{
	if (c->ask != ASK_NONE)
		return "y yes  n no";
	if (c->help)
		return "j/k scroll  any other key closes help";
	if (c->screen.kind != SCREEN_NONE)
		return c->screen.matrix ? "arrows move  Enter the rows of that "
		    "cell  Esc/q back to the grid  :view NAME another" :
		    "j/k move  Enter the rows behind it  Esc/q back to the grid  "
		    ":view NAME another";
	if (c->tutor != NULL)
		return "] next step  [ back  H hint  { } scroll text  Enter edit  "
		    "+/- nudge  u undo  :reset  ? help  :q quit";
	return "Enter edit  +/- nudge  Space target  u undo  v view  "
	    "> reveal  :w save  :q quit  ? help";
}
