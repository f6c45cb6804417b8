/*
 * tutor.c - lessons on the controller; see tutor.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/keys.h"
#include "app/tutor.h"
#include "io/lessondir.h"
#include "io/progress.h"
#include "io/sheetfile.h"

/* Names a solution may use for keys. */
static const struct { const char *name; int key; } tutor_keys[] = {
	{ "Enter", K_ENTER }, { "Esc", K_ESC }, { "Space", ' ' },
	{ "Up", K_UP }, { "Down", K_DOWN }, { "Left", K_LEFT },
	{ "Right", K_RIGHT }, { "PgUp", K_PGUP }, { "PgDn", K_PGDN },
	{ "Home", K_HOME }, { "End", K_END }, { "Tab", K_TAB },
	{ "C-r", K_CTRL('r') }, { "C-u", K_CTRL('u') },
	{ "BS", K_BACKSPACE }, { "lt", '<' },
};

struct tutor *
tutor_new(struct lesson *l, int keep)
{
	struct tutor *t = calloc(1, sizeof(*t));
	char err[4400];

	if (t == NULL)
		return NULL;
	t->l = l;
	t->keep = keep;
	t->slug = lessondir_slug(l->path);
	t->passed = calloc(l->nsteps, 1);
	if (t->slug == NULL || t->passed == NULL) {
		tutor_free(t);
		return NULL;
	}
	if (keep && progress_load(t->slug, t->passed, l->nsteps, err,
	    sizeof(err)) < 0 && (t->progress_err = strdup(err)) == NULL) {
		tutor_free(t);
		return NULL;
	}
	return t;
}

void
tutor_free(struct tutor *t)
{
	if (t == NULL)
		return;
	lesson_free(t->l);
	goal_free(t->goal);
	free(t->slug);
	free(t->passed);
	free(t->progress_err);
	free(t);
}

/* The change hook: every change re-checks the goal. */
static void
tutor_on_change(struct ctl *c, void *arg)
{
	tutor_check(arg, c);
}

void
tutor_attach(struct tutor *t, struct ctl *c)
{
	c->tutor = t;
	c->on_change = tutor_on_change;
	c->hook_arg = t;
}

struct goal_cursor
tutor_cursor(const struct ctl *c)
{
	struct goal_cursor cur = { c->row, -1 };

	if (layout_per_class(c->g) || c->view == VIEW_EXAMPLE)
		cur.k = c->k;
	return cur;
}

void
tutor_check(struct tutor *t, struct ctl *c)
{
	struct goal_cursor cur = tutor_cursor(c);

	if (t->goal == NULL) {
		t->met = 0;
		return;
	}
	t->met = goal_met(t->goal, c->s, &cur);
	if (t->met && !t->passed[t->step]) {
		t->passed[t->step] = 1;
		if (t->keep)
			progress_save(t->slug, t->passed, t->l->nsteps);
	}
}

int
tutor_resume_step(const struct tutor *t)
{
	int i;

	for (i = 0; i < t->l->nsteps; i++)
		if (!t->passed[i])
			return i;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Replaying keys and commands                                        */
/* ------------------------------------------------------------------ */

/* A line being typed during a replay, standing in for readline. */
struct replay {
	char	buf[1024];
	int	open;
};

/* Feeds one key: to the stand-in line editor while a line is asked for,
 * else to the controller. */
static void
tutor_feed(struct ctl *c, struct replay *r, int key)
{
	size_t n;

	if (c->line == LINE_NONE) {
		r->open = 0;
		ctl_key(c, key);
		return;
	}
	if (!r->open) {
		snprintf(r->buf, sizeof(r->buf), "%s", c->prefill);
		r->open = 1;
	}
	n = strlen(r->buf);
	if (key == K_ENTER) {
		r->open = 0;
		ctl_line_done(c, r->buf);
	} else if (key == K_ESC) {
		r->open = 0;
		ctl_line_cancel(c);
	} else if (key == K_CTRL('u'))
		r->buf[0] = '\0';
	else if (key == K_BACKSPACE && n > 0)
		r->buf[n - 1] = '\0';
	else if (key >= ' ' && key < 256 && n + 1 < sizeof(r->buf)) {
		r->buf[n] = (char)key;
		r->buf[n + 1] = '\0';
	}
}

/* The key named by NAME (between < and >), or -1. */
static int
tutor_key_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(tutor_keys) / sizeof(tutor_keys[0]); i++)
		if (strlen(tutor_keys[i].name) == len &&
		    strncmp(tutor_keys[i].name, name, len) == 0)
			return tutor_keys[i].key;
	return -1;
}

/* Types the keys of one solution line; -1 at an unknown <Name>. */
static int
tutor_keys_line(struct ctl *c, struct replay *r, const char *s, char *bad,
    size_t badlen)
{
	const char *close;
	int key;

	for (; *s != '\0'; s++) {
		if (*s == '<' && (close = strchr(s, '>')) != NULL) {
			if ((key = tutor_key_name(s + 1, close - s - 1)) < 0) {
				snprintf(bad, badlen, "%.*s", (int)(close - s + 1),
				    s);
				return -1;
			}
			tutor_feed(c, r, key);
			s = close;
		} else
			tutor_feed(c, r, (unsigned char)*s);
	}
	return 0;
}

/* Formats "FILE:LINE: message" into ERR and returns -1. */
static int
tutor_fail(char *err, size_t errlen, const char *file, long line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
tutor_fail(char *err, size_t errlen, const char *file, long line,
    const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%ld: %s", file, line, msg);
	return -1;
}

/* Commands a lesson may not run: opening a lesson, or linting it, must
 * never write, open or quit anything. */
static const char *const tutor_forbidden[] = {
	"w", "write", "wq", "x", "e", "edit", "q", "quit", NULL
};

/* 1 when command line CMD (no colon) is one a lesson may run. */
static int
tutor_allowed(const char *cmd)
{
	size_t n = strcspn(cmd, " \t!");
	int i;

	for (i = 0; tutor_forbidden[i] != NULL; i++)
		if (strlen(tutor_forbidden[i]) == n &&
		    strncmp(cmd, tutor_forbidden[i], n) == 0)
			return 0;
	return 1;
}

/* Runs one script line: a command (a leading ':' optional when COMMANDS
 * is set), or keys. */
static int
tutor_line(struct ctl *c, struct replay *r, const char *s, int commands,
    char *bad, size_t badlen)
{
	if ((*s == ':' || commands) && !tutor_allowed(s + (*s == ':'))) {
		snprintf(bad, badlen, "'%s' is not allowed in a lesson: lessons "
		    "do not write, open or quit", s);
		return -1;
	}
	if (*s == ':' || commands) {
		if (ctl_command(c, *s == ':' ? s + 1 : s) < 0) {
			snprintf(bad, badlen, "'%s' failed: %s", s, c->msg);
			return -1;
		}
		return 0;
	}
	if (tutor_keys_line(c, r, s, bad, badlen) < 0) {
		char name[64];

		snprintf(name, sizeof(name), "%.60s", bad);
		snprintf(bad, badlen, "unknown key name %s (Enter, Esc, Space, "
		    "Up, Down, Left, Right, PgUp, PgDn, Home, End, Tab, C-r, "
		    "C-u, BS, lt)", name);
		return -1;
	}
	return 0;
}

/* Runs every line of SCRIPT; COMMANDS: lines are commands (setup). */
static int
tutor_script(struct ctl *c, const char *file, const char *script, long line0,
    int commands, char *err, size_t errlen)
{
	struct replay r = { "", 0 };
	char line[1024], bad[900];
	const char *p = script;
	size_t n;
	long ln;

	for (ln = line0; *p != '\0'; ln++) {
		n = strcspn(p, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
		line[strcspn(line, "\r")] = '\0';
		if (line[strspn(line, " \t")] == '\0')
			continue;
		if (tutor_line(c, &r, line + strspn(line, " \t"), commands,
		    bad, sizeof(bad)) < 0)
			return tutor_fail(err, errlen, file, ln, "%s", bad);
	}
	return 0;
}

int
tutor_replay(struct ctl *c, const char *file, const char *script,
    long line0, char *err, size_t errlen)
{
	return tutor_script(c, file, script, line0, 0, err, errlen);
}

/* ------------------------------------------------------------------ */
/* Steps                                                              */
/* ------------------------------------------------------------------ */

/* Loads step ST's sheet block onto C, with line numbers of the lesson. */
static int
tutor_sheet(struct tutor *t, struct ctl *c, const struct lesson_step *st,
    char *err, size_t errlen)
{
	const char *text = st->block[LB_SHEET];
	long pad = st->block_line[LB_SHEET] - 1;
	struct sheetfile_info info;
	struct sheet *s;
	size_t len = strlen(text);
	char *buf;

	/* Blank lines in front make the reader count the lesson's lines. */
	if ((buf = malloc(pad + len + 1)) == NULL)
		return tutor_fail(err, errlen, t->l->path, st->line,
		    "out of memory");
	memset(buf, '\n', pad);
	memcpy(buf + pad, text, len + 1);
	s = sheetfile_load_mem(t->l->path, buf, pad + len, &info, err, errlen);
	free(buf);
	if (s == NULL)
		return -1;
	if (*sheet_title(s) == '\0')
		sheet_set_title(s, t->l->title);
	ctl_set_sheet(c, s, NULL, info.set.step);
	sheetfile_info_free(&info);
	return 0;
}

/* Parses step ST's goal into T. */
static int
tutor_goal(struct tutor *t, const struct lesson_step *st, char *err,
    size_t errlen)
{
	char msg[512];

	goal_free(t->goal);
	t->goal = NULL;
	if (st->block[LB_GOAL] == NULL)
		return 0;
	if ((t->goal = goal_parse(st->block[LB_GOAL], msg, sizeof(msg))) ==
	    NULL)
		return tutor_fail(err, errlen, t->l->path,
		    st->block_line[LB_GOAL], "goal: %s", msg);
	return 0;
}

int
tutor_goto(struct tutor *t, struct ctl *c, int n, char *err, size_t errlen)
{
	const struct lesson_step *st = &t->l->steps[n];

	goal_free(t->goal);
	t->goal = NULL;
	t->step = n;
	t->hint = 0;
	t->scroll = 0;
	if (st->block[LB_SHEET] != NULL && tutor_sheet(t, c, st, err,
	    errlen) < 0)
		return -1;
	if (st->block[LB_SETUP] != NULL && tutor_script(c, t->l->path,
	    st->block[LB_SETUP], st->block_line[LB_SETUP], 1, err,
	    errlen) < 0)
		return -1;
	/* The step starts clean: nothing to undo, nothing unsaved. */
	undo_clear(&c->undo);
	c->clean_pos = 0;
	c->dirty = 0;
	if (tutor_goal(t, st, err, errlen) < 0)
		return -1;
	if (t->goal == NULL && !t->passed[n]) {
		t->passed[n] = 1;
		if (t->keep)
			progress_save(t->slug, t->passed, t->l->nsteps);
	}
	tutor_check(t, c);
	ctl_msg(c, 0, "Step %d of %d: %s", n + 1, t->l->nsteps, st->heading);
	return 0;
}

/* Moves DIR steps, saying why not at either end. */
static void
tutor_move(struct tutor *t, struct ctl *c, int dir)
{
	char err[1024];
	int n = t->step + dir;

	if (n < 0 || n >= t->l->nsteps) {
		ctl_msg(c, 0, n < 0 ? "This is the first step." :
		    "That was the last step: well done. :q leaves.");
		return;
	}
	if (tutor_goto(t, c, n, err, sizeof(err)) < 0)
		ctl_msg(c, 1, "%s", err);
}

int
tutor_key(struct tutor *t, struct ctl *c, int key)
{
	if (key == ']' || (c->present && (key == ' ' || key == K_PGDN ||
	    key == K_RIGHT)))
		tutor_move(t, c, 1);
	else if (key == '[' || (c->present && (key == K_PGUP ||
	    key == K_LEFT)))
		tutor_move(t, c, -1);
	else if (key == '}')
		t->scroll += 3;
	else if (key == '{')
		t->scroll = t->scroll > 3 ? t->scroll - 3 : 0;
	else if (key == 'H') {
		t->hint = !t->hint;
		if (t->l->steps[t->step].block[LB_HINT] == NULL)
			ctl_msg(c, 0, "This step has no hint.");
	} else
		return 0;
	return 1;
}
