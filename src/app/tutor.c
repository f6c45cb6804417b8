/*
 * tutor.c - lessons on the controller; see tutor.h.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/keys.h"
#include "app/tutor.h"
#include "core/expr.h"
#include "core/num.h"
#include "core/plot.h"
#include "io/defaults.h"
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

static void tutor_hooks(struct tutor *t, struct ctl *c);

/* ------------------------------------------------------------------ */
/* Life                                                               */
/* ------------------------------------------------------------------ */

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
	goal_free(t->predict.value);
	free(t->slug);
	free(t->passed);
	free(t->next);
	free(t->progress_err);
	free(t);
}

void
tutor_attach(struct tutor *t, struct ctl *c)
{
	c->tutor = t;
	tutor_hooks(t, c);
}

struct goal_cursor
tutor_cursor(const struct ctl *c)
{
	struct goal_cursor cur = { c->row, -1 };

	if (layout_per_class(c->g) || c->view == VIEW_EXAMPLE)
		cur.k = c->k;
	return cur;
}

/* Marks step N passed and saves the progress. */
static void
tutor_pass(struct tutor *t, int n)
{
	if (t->passed[n])
		return;
	t->passed[n] = 1;
	if (t->keep)
		progress_save(t->slug, t->passed, t->l->nsteps);
}

void
tutor_check(struct tutor *t, struct ctl *c)
{
	struct goal_cursor cur = tutor_cursor(c);

	if (t->building)
		return;
	if (t->goal == NULL || t->ended) {
		t->met = 0;
		return;
	}
	t->met = goal_met(t->goal, c->s, &cur);
	if (t->met)
		tutor_pass(t, t->step);
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
				snprintf(bad, badlen, "unknown key name %.*s (Enter, "
				    "Esc, Space, Up, Down, Left, Right, PgUp, PgDn, "
				    "Home, End, Tab, C-r, C-u, BS, lt)",
				    (int)(close - s + 1 < 60 ? close - s + 1 : 60),
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

/* Runs one script line: a command (a leading ':' optional when COMMANDS
 * is set), or keys.  The sandbox counts what it refused, however the
 * command was reached (typed keys included). */
static int
tutor_line(struct ctl *c, struct replay *r, const char *s, int commands,
    char *bad, size_t badlen)
{
	long refused = c->refused;
	int rc;

	if (*s == ':' || commands)
		rc = ctl_command(c, s);
	else
		rc = tutor_keys_line(c, r, s, bad, badlen) < 0 ? -2 : 0;
	if (c->refused != refused)
		snprintf(bad, badlen, "%s", c->msg);
	else if (rc == -1)
		snprintf(bad, badlen, "'%s' failed: %s", s, c->msg);
	return c->refused != refused || rc < 0 ? -1 : 0;
}

/* Runs every line of SCRIPT in the sandbox; COMMANDS: lines are commands
 * (setup). */
static int
tutor_script(struct ctl *c, const char *file, const char *script, long line0,
    int commands, char *err, size_t errlen)
{
	struct replay r = { "", 0 };
	char line[1024], bad[900];
	const char *p = script;
	int sandbox = c->sandbox, rc = 0;
	size_t n;
	long ln;

	c->sandbox = 1;
	for (ln = line0; *p != '\0' && rc == 0; ln++) {
		n = strcspn(p, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
		line[strcspn(line, "\r")] = '\0';
		if (line[strspn(line, " \t")] == '\0')
			continue;
		if (tutor_line(c, &r, line + strspn(line, " \t"), commands,
		    bad, sizeof(bad)) < 0)
			rc = tutor_fail(err, errlen, file, ln, "%s", bad);
	}
	c->sandbox = sandbox;
	return rc;
}

int
tutor_replay(struct ctl *c, const char *file, const char *script,
    long line0, char *err, size_t errlen)
{
	return tutor_script(c, file, script, line0, 0, err, errlen);
}

/* ------------------------------------------------------------------ */
/* Building a step's state                                            */
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

/* The built-in sheet, for a lesson whose first steps bring none. */
static int
tutor_default_sheet(struct tutor *t, struct ctl *c, char *err, size_t errlen)
{
	struct sheetfile_info info;
	struct sheet *s;

	s = sheetfile_load_mem(DEFAULTS_NAME, defaults_sheet,
	    strlen(defaults_sheet), &info, err, errlen);
	if (s == NULL)
		return -1;
	sheet_set_title(s, t->l->title);
	ctl_set_sheet(c, s, NULL, info.set.step);
	sheetfile_info_free(&info);
	return 0;
}

/* Sets step N up on the state there is: its sheet, then its setup. */
static int
tutor_setup(struct tutor *t, struct ctl *c, int n, char *err, size_t errlen)
{
	const struct lesson_step *st = &t->l->steps[n];

	if (st->block[LB_SHEET] != NULL && tutor_sheet(t, c, st, err,
	    errlen) < 0)
		return -1;
	if (st->block[LB_SETUP] == NULL)
		return 0;
	return tutor_script(c, t->l->path, st->block[LB_SETUP],
	    st->block_line[LB_SETUP], 1, err, errlen);
}

int
tutor_solve(struct tutor *t, struct ctl *c, int n, char *err, size_t errlen)
{
	const struct lesson_step *st = &t->l->steps[n];

	if (st->block[LB_SOLUTION] == NULL)
		return 0;
	return tutor_replay(c, t->l->path, st->block[LB_SOLUTION],
	    st->block_line[LB_SOLUTION], err, errlen);
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

/* Runs "show NAME" (SHOW) or "hide NAME" for every group in MASK. */
static void
tutor_show(struct ctl *c, unsigned mask, int show)
{
	char cmd[64];
	int g;

	for (g = 0; g < G_NGROUPS; g++)
		if (mask & (1u << g)) {
			snprintf(cmd, sizeof(cmd), "%s %s", show ? "show" :
			    "hide", layout_group_name(g));
			ctl_command(c, cmd);
		}
}

/* Parses step ST's prediction into T, and hides what it names. */
static int
tutor_predict_begin(struct tutor *t, struct ctl *c,
    const struct lesson_step *st, char *err, size_t errlen)
{
	const struct lesson_predict *pr = &st->predict;
	struct tutor_predict *tp = &t->predict;
	char msg[512], name[64];
	const char *h;
	int g;
	size_t n;

	goal_free(tp->value);
	memset(tp, 0, sizeof(*tp));
	if (st->block[LB_PREDICT] == NULL)
		return 0;
	if ((tp->value = goal_parse(pr->value, msg, sizeof(msg))) == NULL)
		return tutor_fail(err, errlen, t->l->path, pr->line[1],
		    "value: %s", msg);
	for (h = pr->hide ? pr->hide : ""; *(h += strspn(h, " ,")); h += n) {
		n = strcspn(h, " ,");
		snprintf(name, sizeof(name), "%.*s", (int)n, h);
		if ((g = layout_group_index(name)) < 0 || g == G_ACT)
			return tutor_fail(err, errlen, t->l->path, pr->line[3],
			    "hide: no column '%s' (target exp sum softmax naive "
			    "nll pred loss if_form flags)", name);
		tp->hidden |= 1u << g;
	}
	tp->restore = tp->hidden & ~c->hidden;
	tutor_show(c, tp->hidden, 0);
	return 0;
}

/* The plot of step N: the last plot directive at or before it, else
 * none; -1 when the lesson has no directive at all (the pane is then the
 * learner's own business). */
static int
tutor_plot_of(const struct lesson *l, int n)
{
	int i;

	for (i = n; i >= 0; i--)
		if (l->steps[i].plot >= 0)
			return l->steps[i].plot;
	for (i = n + 1; i < l->nsteps; i++)
		if (l->steps[i].plot >= 0)
			return PLOT_OFF;
	return -1;
}

/* Enters step N once its state is built: a clean start, the plot, the
 * goal, the prediction, the message. */
static int
tutor_begin(struct tutor *t, struct ctl *c, int n, char *err, size_t errlen)
{
	const struct lesson_step *st = &t->l->steps[n];

	t->step = n;
	t->ended = 0;
	t->hint = 0;
	t->scroll = 0;
	if (tutor_goal(t, st, err, errlen) < 0 ||
	    tutor_predict_begin(t, c, st, err, errlen) < 0)
		return -1;
	ctl_mark_start(c);
	if (tutor_plot_of(t->l, n) >= 0)
		ctl_plot(c, (enum plot_kind)tutor_plot_of(t->l, n));
	if (t->goal == NULL)
		tutor_pass(t, n);
	tutor_check(t, c);
	ctl_msg(c, 0, "Step %d of %d: %s", n + 1, t->l->nsteps, st->heading);
	return 0;
}

int
tutor_advance(struct tutor *t, struct ctl *c, int n, char *err,
    size_t errlen)
{
	int rc;

	/* Leaving a step shows what its unanswered prediction hid. */
	if (tutor_predict_pending(t))
		tutor_show(c, t->predict.restore, 1);
	t->building = 1;
	rc = tutor_setup(t, c, n, err, errlen);
	t->building = 0;
	return rc < 0 ? -1 : tutor_begin(t, c, n, err, errlen);
}

int
tutor_goto(struct tutor *t, struct ctl *c, int n, char *err, size_t errlen)
{
	int b = n, i, rc = 0;

	while (b >= 0 && t->l->steps[b].block[LB_SHEET] == NULL)
		b--;
	t->building = 1;
	if (b < 0) {
		rc = tutor_default_sheet(t, c, err, errlen);
		b = 0;
	}
	for (i = b; i < n && rc == 0; i++)
		if ((rc = tutor_setup(t, c, i, err, errlen)) == 0)
			rc = tutor_solve(t, c, i, err, errlen);
	if (rc == 0)
		rc = tutor_setup(t, c, n, err, errlen);
	t->building = 0;
	return rc < 0 ? -1 : tutor_begin(t, c, n, err, errlen);
}

/* ------------------------------------------------------------------ */
/* Predictions                                                        */
/* ------------------------------------------------------------------ */

int
tutor_predict_pending(const struct tutor *t)
{
	return t->predict.value != NULL && !t->predict.answered && !t->ended;
}

char *
tutor_predict_verdict(const struct tutor *t, char *buf, size_t len)
{
	const struct tutor_predict *p = &t->predict;
	double gap = p->truth - p->guess;
	char g[NUM_BUFSZ], v[NUM_BUFSZ], d[NUM_BUFSZ];

	num_format_round(g, sizeof(g), p->guess, 4);
	num_format_round(v, sizeof(v), p->truth, 4);
	num_format_round(d, sizeof(d), fabs(gap), 3);
	if (isnan(p->truth))
		snprintf(buf, len, "You guessed %s; the true value is not a "
		    "number (NaN) here.", g);
	else if (fabs(gap) <= t->l->steps[t->step].predict.within)
		snprintf(buf, len, "You guessed %s and it is %s: well "
		    "predicted.", g, v);
	else if (isinf(gap))
		snprintf(buf, len, "You guessed %s, but it is %s: no finite "
		    "guess was enough.", g, v);
	else
		snprintf(buf, len, "You guessed %s, but it is %s: %s %s than "
		    "you thought.", g, v, d, gap > 0 ? "more" : "less");
	return buf;
}

/* The learner typed TEXT as their guess. */
static void
tutor_on_predict(struct ctl *c, void *arg, const char *text)
{
	struct tutor *t = arg;
	struct tutor_predict *p = &t->predict;
	struct goal_cursor cur = tutor_cursor(c);
	char err[256], verdict[256];

	if (!tutor_predict_pending(t))
		return;
	if (expr_eval(text, &p->guess, err, sizeof(err)) < 0) {
		ctl_msg(c, 1, "'%s' is not a number (%s): p to guess again.",
		    text, err);
		return;
	}
	p->truth = goal_eval(p->value, c->s, &cur);
	p->answered = 1;
	if (t->keep)
		progress_guess(t->slug, t->step, p->guess, p->truth);
	tutor_show(c, p->hidden, 1);
	ctl_msg(c, 0, "%s", tutor_predict_verdict(t, verdict,
	    sizeof(verdict)));
}

/* ------------------------------------------------------------------ */
/* Keys                                                               */
/* ------------------------------------------------------------------ */

/* The next lesson on the search path, for the end screen. */
static void
tutor_find_next(struct tutor *t)
{
	struct lesson_entry *e;
	int n = lessondir_list(&e), i;
	char buf[512];

	free(t->next);
	t->next = NULL;
	for (i = 0; i + 1 < n && strcmp(e[i].slug, t->slug) != 0; i++)
		;
	if (i + 1 < n) {
		if (e[i + 1].number > 0)
			snprintf(buf, sizeof(buf), "lesson %d, %s (xent lesson "
			    "%d)", e[i + 1].number, e[i + 1].title,
			    e[i + 1].number);
		else
			snprintf(buf, sizeof(buf), "%s (xent lesson %s)",
			    e[i + 1].title, e[i + 1].slug);
		t->next = strdup(buf);
	}
	lessondir_free(e, n);
}

/* Moves DIR steps; past the last one, the end screen. */
static void
tutor_move(struct tutor *t, struct ctl *c, int dir)
{
	char err[1024];
	int n = t->ended ? (dir < 0 ? t->l->nsteps - 1 : t->l->nsteps) :
	    t->step + dir;

	if (n < 0) {
		ctl_msg(c, 0, "This is the first step.");
		return;
	}
	if (n >= t->l->nsteps) {
		if (!t->ended)
			tutor_find_next(t);
		t->ended = 1;
		t->met = 0;
		ctl_msg(c, 0, "The end of the lesson.");
		return;
	}
	if (tutor_goto(t, c, n, err, sizeof(err)) < 0)
		ctl_msg(c, 1, "%s", err);
}

/* Scrolls the text a page (DIR 1 down, -1 up); 0 when there is no more
 * that way, so that a clicker then changes step. */
static int
tutor_page(struct tutor *t, const struct ctl *c, int dir)
{
	int lines = c->geom.text_lines, page = lines > 2 ? lines - 1 : 1;
	int last = c->geom.text_total - lines;

	if (t->ended)
		return 0;
	if (dir > 0 && t->scroll < last) {
		t->scroll = t->scroll + page < last ? t->scroll + page : last;
		return 1;
	}
	if (dir < 0 && t->scroll > 0) {
		t->scroll = t->scroll > page ? t->scroll - page : 0;
		return 1;
	}
	return 0;
}

/* { and }: three lines at a time, never past the end. */
static void
tutor_scroll(struct tutor *t, const struct ctl *c, int dir)
{
	int last = c->geom.text_total - c->geom.text_lines;

	t->scroll += dir * 3;
	if (t->scroll > last)
		t->scroll = last;
	if (t->scroll < 0)
		t->scroll = 0;
}

/* H: the hint, or why there is none. */
static void
tutor_hint(struct tutor *t, struct ctl *c)
{
	t->hint = !t->hint;
	if (t->l->steps[t->step].block[LB_HINT] == NULL)
		ctl_msg(c, 0, "This step has no hint.");
}

/* The lesson's keys, ahead of the grid's; 1 when KEY was one. */
static int
tutor_on_key(struct ctl *c, void *arg, int key)
{
	struct tutor *t = arg;
	int fwd = c->present && (key == ' ' || key == K_PGDN ||
	    key == K_RIGHT);
	int back = c->present && (key == K_PGUP || key == K_LEFT);

	if (key == ']' || (fwd && !tutor_page(t, c, 1)))
		tutor_move(t, c, 1);
	else if (key == '[' || (back && !tutor_page(t, c, -1)))
		tutor_move(t, c, -1);
	else if (fwd || back)
		;			/* paged */
	else if (key == '}' || key == '{')
		tutor_scroll(t, c, key == '}' ? 1 : -1);
	else if (key == 'H' && !t->ended)
		tutor_hint(t, c);
	else if (key == 'p' && tutor_predict_pending(t))
		ctl_ask_line(c, LINE_PREDICT, "Your guess: ", "");
	else
		return 0;
	return 1;
}

/* :reset - the step's state, built afresh. */
static int
tutor_on_reset(struct ctl *c, void *arg)
{
	struct tutor *t = arg;
	char err[1024];

	if (tutor_goto(t, c, t->ended ? t->l->nsteps - 1 : t->step, err,
	    sizeof(err)) < 0) {
		ctl_msg(c, 1, "%s", err);
		return -1;
	}
	ctl_msg(c, 0, "Step %d starts afresh.", t->step + 1);
	return 0;
}

/* After every key and change: the goal. */
static void
tutor_on_check(struct ctl *c, void *arg)
{
	tutor_check(arg, c);
}

/* Fills C's lesson hooks with T's. */
static void
tutor_hooks(struct tutor *t, struct ctl *c)
{
	c->lesson.key = tutor_on_key;
	c->lesson.reset = tutor_on_reset;
	c->lesson.check = tutor_on_check;
	c->lesson.predict = tutor_on_predict;
	c->lesson.arg = t;
}
