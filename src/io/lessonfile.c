/*
 * lessonfile.c - the lesson parser; see lessonfile.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "core/plot.h"
#include "core/utf8.h"
#include "io/lessonfile.h"
#include "io/rfile.h"

static const char *lesson_blocks[LB_N] = {
	"sheet", "setup", "goal", "hint", "solution", "predict"
};

/* The keys of a predict block, in the order of lesson_predict.line. */
static const char *lesson_predict_keys[] = { "ask", "value", "within", "hide" };

/* Fenced blocks that are just prose (examples, code to read). */
static const char *lesson_prose_langs[] = {
	"", "text", "txt", "console", "sh", "shell", "python", "csv", "c",
	NULL
};

/* Parser state: the lesson so far and where we are. */
struct lp {
	struct lesson	*l;
	const char	*name;
	long		 line;
	long		 title_line;	/* where "# " stood */
	char		**dst;		/* string appended to last */
	size_t		 len, cap;	/* its length and allocation */
	int		 blank;		/* the last prose line was blank */
	int		 in_task;	/* prose goes to the step's task */
	char		*err;
	size_t		 errlen;
};

const char *
lesson_block_name(enum lesson_block b)
{
	return b < LB_N ? lesson_blocks[b] : "?";
}

/* Formats "NAME:LINE: message" and returns -1. */
static int
lp_fail(struct lp *p, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
lp_fail(struct lp *p, long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%ld: %s", p->name, line, msg);
	return -1;
}

/* Appends LINE (LEN bytes) and a newline to the malloc'd string *DST.
 * Appends come in runs to one string, so its length and room are kept
 * in P: a long lesson parses in linear time. */
static int
lp_append(struct lp *p, char **dst, const char *line, size_t len)
{
	size_t cap;
	char *n;

	if (dst != p->dst) {
		p->dst = dst;
		p->len = *dst ? strlen(*dst) : 0;
		p->cap = p->len + 1;
	}
	if (p->len + len + 2 > p->cap) {
		for (cap = p->cap * 2 + 64; cap < p->len + len + 2; cap *= 2)
			;
		if ((n = realloc(*dst, cap)) == NULL)
			return -1;
		*dst = n;
		p->cap = cap;
	}
	memcpy(*dst + p->len, line, len);
	p->len += len;
	(*dst)[p->len++] = '\n';
	(*dst)[p->len] = '\0';
	return 0;
}

/* A copy of LINE[0..LEN) without surrounding blanks. */
static char *
lp_strip(const char *line, size_t len)
{
	char *s;

	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
	    line[len - 1] == '\r'))
		len--;
	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(s, line, len);
	s[len] = '\0';
	return s;
}

/* Length of LINE[0..LEN) without blanks: 0 for a blank line. */
static size_t
lp_strip_len(const char *line, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			n++;
	return n;
}

/* Adds a step headed HEADING at the current line. */
static int
lp_step(struct lp *p, const char *heading, size_t len)
{
	struct lesson *l = p->l;
	struct lesson_step *ns;

	p->dst = NULL;		/* the steps may move */
	ns = realloc(l->steps, (l->nsteps + 1) * sizeof(*ns));
	if (ns == NULL)
		return lp_fail(p, p->line, "out of memory");
	l->steps = ns;
	memset(&ns[l->nsteps], 0, sizeof(*ns));
	ns[l->nsteps].line = p->line;
	ns[l->nsteps].plot = -1;
	ns[l->nsteps].heading = lp_strip(heading, len);
	l->nsteps++;
	p->blank = 1;
	p->in_task = 0;
	if (ns[l->nsteps - 1].heading[0] == '\0')
		return lp_fail(p, p->line, "a step heading ('## ') needs text");
	return 0;
}

/* Where prose goes now: the current step's text, or the introduction. */
static char **
lp_prose(struct lp *p)
{
	struct lesson *l = p->l;

	return l->nsteps ? &l->steps[l->nsteps - 1].text : &l->intro;
}

/* 1 when INFO names a fenced block that is only prose. */
static int
lp_is_prose(const char *info)
{
	int i;

	for (i = 0; lesson_prose_langs[i] != NULL; i++)
		if (strcmp(info, lesson_prose_langs[i]) == 0)
			return 1;
	return 0;
}

/* Opens a fence with info string INFO: returns where its lines go. */
static char **
lp_open_fence(struct lp *p, const char *info)
{
	struct lesson_step *st;
	int b;

	if (lp_is_prose(info))
		return lp_prose(p);
	for (b = 0; b < LB_N && strcmp(info, lesson_blocks[b]) != 0; b++)
		;
	if (b == LB_N) {
		lp_fail(p, p->line, "unknown block '%s' (sheet, setup, goal, "
		    "hint, solution or predict)", info);
		return NULL;
	}
	if (p->l->nsteps == 0) {
		lp_fail(p, p->line, "a '%s' block before the first step "
		    "('## Heading')", info);
		return NULL;
	}
	st = &p->l->steps[p->l->nsteps - 1];
	if (st->block[b] != NULL) {
		lp_fail(p, p->line, "a second '%s' block in this step", info);
		return NULL;
	}
	st->block[b] = calloc(1, 1);
	st->block_line[b] = p->line + 1;
	return &st->block[b];
}

/* 1 when the line S (N bytes) opens a task: "Try it:", maybe in bold. */
static int
lp_is_task(const char *s, size_t n)
{
	while (n > 0 && (*s == '*' || *s == '_')) {
		s++;
		n--;
	}
	return n >= 7 && strncmp(s, "Try it:", 7) == 0;
}

/* A prose line: the step's task when a paragraph opens with "Try it:"
 * (kept apart, so the pane can keep it in view), else the text. */
static int
lp_prose_line(struct lp *p, const char *s, size_t n)
{
	struct lesson_step *st = p->l->nsteps ?
	    &p->l->steps[p->l->nsteps - 1] : NULL;
	int blank = lp_strip_len(s, n) == 0;

	if (blank)
		p->in_task = 0;
	else if (p->blank && st != NULL && lp_is_task(s, n)) {
		if (st->task != NULL)
			return lp_fail(p, p->line, "a second 'Try it:' paragraph "
			    "in this step (the first is at line %ld): a step "
			    "has one task", st->task_line);
		p->in_task = 1;
		st->task_line = p->line;
	}
	p->blank = blank;
	if (p->in_task)
		return lp_append(p, &st->task, s, n);
	return lp_append(p, lp_prose(p), s, n);
}

/* One line outside a fence: a title, a step, a fence, or prose. */
static int
lp_line(struct lp *p, const char *s, size_t n, char ***fence, int *prose)
{
	char *info, why[128];

	if (n >= 3 && strncmp(s, "```", 3) == 0) {
		p->in_task = 0;
		p->blank = 1;
		if ((info = lp_strip(s + 3, n - 3)) == NULL)
			return -1;
		*prose = lp_is_prose(info);
		*fence = lp_open_fence(p, info);
		free(info);
		return *fence == NULL ? -1 : 0;
	}
	if (n >= 3 && strncmp(s, "## ", 3) == 0)
		return lp_step(p, s + 3, n - 3);
	if (n >= 2 && strncmp(s, "# ", 2) == 0) {
		if (p->l->title != NULL)
			return lp_fail(p, p->line, "a second title ('# '); "
			    "steps start with '## '");
		p->l->title = lp_strip(s + 2, n - 2);
		p->title_line = p->line;
		if (p->l->title != NULL && utf8_check_name(p->l->title, why,
		    sizeof(why)) < 0)
			return lp_fail(p, p->line, "the title has %s", why);
		return 0;
	}
	if (p->l->title == NULL && lp_strip_len(s, n) > 0)
		return lp_fail(p, p->line, "the file must start with a "
		    "'# Title' line");
	return lp_prose_line(p, s, n);
}

/* Appends a line inside a fence; prose code is indented, so that the
 * pane keeps it apart from the paragraphs. */
static int
lp_fenced(struct lp *p, char **dst, const char *s, size_t n, int prose)
{
	char *tmp;
	int rc;

	if (!prose)
		return lp_append(p, dst, s, n);
	if ((tmp = malloc(n + 5)) == NULL)
		return -1;
	memcpy(tmp, "    ", 4);
	memcpy(tmp + 4, s, n);
	rc = lp_append(p, dst, tmp, n + 4);
	free(tmp);
	return rc;
}

/* Stores VALUE (LEN bytes) of predict key KEY into PR. */
static int
lp_predict_key(struct lp *p, struct lesson_predict *pr, int key,
    const char *value, size_t len)
{
	char *v = lp_strip(value, len), **dst[] = { &pr->ask, &pr->value,
	    NULL, &pr->hide };

	if (v == NULL)
		return lp_fail(p, p->line, "out of memory");
	if (pr->line[key] != 0) {
		free(v);
		return lp_fail(p, p->line, "a second '%s:' in this predict "
		    "block", lesson_predict_keys[key]);
	}
	pr->line[key] = p->line;
	if (key == 2) {
		int bad = num_parse(v, &pr->within) < 0 || !(pr->within >= 0);

		free(v);
		return bad ? lp_fail(p, p->line, "within: a tolerance, a number "
		    "0 or above, e.g. within: 0.1") : 0;
	}
	*dst[key] = v;
	return 0;
}

/* Parses step ST's predict block ("key: value" lines) into st->predict. */
static int
lp_predict(struct lp *p, struct lesson_step *st)
{
	struct lesson_predict *pr = &st->predict;
	const char *s = st->block[LB_PREDICT], *colon;
	size_t n, klen;
	int key;

	for (p->line = st->block_line[LB_PREDICT]; *s != '\0';
	    s += n + (s[n] == '\n'), p->line++) {
		n = strcspn(s, "\n");
		if (lp_strip_len(s, n) == 0)
			continue;
		colon = memchr(s, ':', n);
		klen = colon ? (size_t)(colon - s) : 0;
		for (key = 0; key < 4 && (klen != strlen(lesson_predict_keys[key])
		    || strncmp(s, lesson_predict_keys[key], klen) != 0); key++)
			;
		if (key == 4)
			return lp_fail(p, p->line, "a predict block has 'ask:', "
			    "'value:', 'within:' and 'hide:' lines");
		if (lp_predict_key(p, pr, key, colon + 1, n - klen - 1) < 0)
			return -1;
	}
	for (key = 0; key < 3; key++)
		if (pr->line[key] == 0)
			return lp_fail(p, st->block_line[LB_PREDICT], "this predict "
			    "block has no '%s:' line", lesson_predict_keys[key]);
	return 0;
}

/* Takes the plot directive LINE (N bytes, "plot KIND" or ":plot KIND")
 * of step ST's setup; 0 when LINE is none, 1 when it was one, -1. */
static int
lp_plot_line(struct lp *p, struct lesson_step *st, char *line, size_t n)
{
	char kind[32];
	size_t i = strspn(line, " \t:"), k;
	int idx;

	if (n < i + 4 || strncmp(line + i, "plot", 4) != 0 ||
	    (n > i + 4 && line[i + 4] != ' ' && line[i + 4] != '\t'))
		return 0;
	i += 4;
	i += strspn(line + i, " \t");
	k = lp_strip_len(line + i, n - i);
	snprintf(kind, sizeof(kind), "%.*s", (int)(k < 31 ? k : 31), line + i);
	if ((idx = plot_kind_index(kind)) < 0 || k >= 31)
		return lp_fail(p, p->line, "plot: curve, bars, hist, reliability "
		    "or off (a lesson's plot writes no file)");
	if (st->plot >= 0)
		return lp_fail(p, p->line, "a second plot directive in this "
		    "setup (the first is on line %ld)", st->plot_line);
	st->plot = idx;
	st->plot_line = p->line;
	memset(line, ' ', n);
	return 1;
}

/* Takes the plot directive out of step ST's setup block. */
static int
lp_plot(struct lp *p, struct lesson_step *st)
{
	char *s = st->block[LB_SETUP];
	size_t n;

	for (p->line = st->block_line[LB_SETUP]; *s != '\0';
	    s += n + (s[n] == '\n'), p->line++) {
		n = strcspn(s, "\n");
		if (lp_plot_line(p, st, s, n) < 0)
			return -1;
	}
	return 0;
}

/* Checks the finished lesson: a title, a step, no open fence; parses the
 * predict blocks and the plot directives. */
static int
lp_finish(struct lp *p, long fence_line)
{
	int i;

	if (fence_line > 0)
		return lp_fail(p, fence_line, "this ``` block is never closed");
	if (p->l->title == NULL)
		return lp_fail(p, 1, "no '# Title' line");
	if (p->l->nsteps == 0)
		return lp_fail(p, p->title_line, "this lesson has no steps: "
		    "each step starts with '## Heading'");
	for (i = 0; i < p->l->nsteps; i++)
		if (p->l->steps[i].block[LB_PREDICT] != NULL &&
		    lp_predict(p, &p->l->steps[i]) < 0)
			return -1;
	for (i = 0; i < p->l->nsteps; i++)
		if (p->l->steps[i].block[LB_SETUP] != NULL &&
		    lp_plot(p, &p->l->steps[i]) < 0)
			return -1;
	return 0;
}

/* The line of BUF that byte AT is on, counted from 1. */
static long
lp_line_of(const char *buf, size_t at)
{
	long line = 1;
	size_t i;

	for (i = 0; i < at; i++)
		line += buf[i] == '\n';
	return line;
}

/* Splits BUF into lines and feeds them through the parser. */
static int
lp_run(struct lp *p, const char *buf, size_t len)
{
	const char *s = buf, *end = buf + len, *nl;
	char **fence = NULL;
	long fence_line = 0;
	int prose = 0;
	size_t n, bad;

	/* Editors on some systems start a UTF-8 file with a BOM. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
		s = buf;
		end = buf + len;
	}
	if (memchr(buf, '\0', len) != NULL)
		return lp_fail(p, 1, "NUL byte in the file (is it binary?)");
	if ((bad = utf8_first_bad(buf, len)) < len)
		return lp_fail(p, lp_line_of(buf, bad), "invalid UTF-8 (is the "
		    "file saved as UTF-8?)");
	for (p->line = 1; s < end; s = nl + 1, p->line++) {
		nl = memchr(s, '\n', end - s);
		nl = nl ? nl : end;
		n = nl - s;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (fence != NULL) {
			if (n >= 3 && strncmp(s, "```", 3) == 0 &&
			    lp_strip_len(s + 3, n - 3) == 0) {
				fence = NULL;
				fence_line = 0;
			} else if (lp_fenced(p, fence, s, n, prose) < 0)
				return lp_fail(p, p->line, "out of memory");
			continue;
		}
		if (lp_line(p, s, n, &fence, &prose) < 0)
			return -1;
		if (fence != NULL)
			fence_line = p->line;
	}
	return lp_finish(p, fence_line);
}

struct lesson *
lesson_parse(const char *name, const char *buf, size_t len, char *err,
    size_t errlen)
{
	struct lp p = { .name = name, .blank = 1, .err = err, .errlen = errlen };

	if ((p.l = calloc(1, sizeof(*p.l))) == NULL ||
	    (p.l->path = strdup(name)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", name);
		lesson_free(p.l);
		return NULL;
	}
	if (lp_run(&p, buf, len) < 0) {
		lesson_free(p.l);
		return NULL;
	}
	return p.l;
}

/* Reads PATH whole into a malloc'd buffer; -1 with a message on failure. */
static int
lesson_read(const char *path, char **buf, size_t *len, char *err,
    size_t errlen)
{
	FILE *f = rfile_open(path);
	size_t cap = 8192, n;
	char *b = NULL, *nb;

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, rfile_error(errno));
		return -1;
	}
	*len = 0;
	while ((nb = realloc(b, cap)) != NULL) {
		b = nb;
		n = fread(b + *len, 1, cap - *len, f);
		*len += n;
		if (*len < cap || *len > (8u << 20))
			break;
		cap *= 2;
	}
	if (nb == NULL || ferror(f) || *len > (8u << 20)) {
		snprintf(err, errlen, "%s: %s", path, ferror(f) ?
		    strerror(errno) : "too large or out of memory");
		fclose(f);
		free(b);
		return -1;
	}
	fclose(f);
	*buf = b;
	return 0;
}

struct lesson *
lesson_load(const char *path, char *err, size_t errlen)
{
	struct lesson *l;
	char *buf;
	size_t len;

	if (lesson_read(path, &buf, &len, err, errlen) < 0)
		return NULL;
	l = lesson_parse(path, buf, len, err, errlen);
	free(buf);
	return l;
}

void
lesson_free(struct lesson *l)
{
	int i, b;

	if (l == NULL)
		return;
	for (i = 0; i < l->nsteps; i++) {
		free(l->steps[i].heading);
		free(l->steps[i].text);
		free(l->steps[i].task);
		free(l->steps[i].predict.ask);
		free(l->steps[i].predict.value);
		free(l->steps[i].predict.hide);
		for (b = 0; b < LB_N; b++)
			free(l->steps[i].block[b]);
	}
	free(l->steps);
	free(l->path);
	free(l->title);
	free(l->intro);
	free(l);
}
