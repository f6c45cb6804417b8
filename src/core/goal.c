/*
 * goal.c - the small language of lesson goals; see goal.h for the grammar.
 *
 * goal_parse builds a tree of tagged nodes by recursive descent, one
 * function per level of the grammar; goal_eval walks it.  The row form
 * (goal_parse_row, for filters) is the same parser over another table of
 * quantities, whose row is the one being evaluated (goal_eval_row), plus
 * two words of its own: a bare flag name is a "has" node, and the right
 * side of label/pred == or != is read as a class name.  Class names stay
 * text in the tree and are looked up on every evaluation, so a goal parsed
 * before its sheet exists (or before a class is added) still works.
 *
 * Brackets, "not" and unary minus each count as one level of nesting and
 * the levels are capped, and the input length is capped, so the C stack
 * stays small whatever is typed.  Numbers go through num_parse, in the C
 * locale.  Only the first error is kept.
 *
 * A row or class the sheet lacks makes the whole goal NaN, whatever the
 * "not"s and "or"s around it, so such a goal is never met.  A NaN the sheet
 * computes (the loss of a row without target) is only a value: comparisons
 * with it give 0.  flag[ROW] on its own is the row's flag bits, so "flag[2]"
 * holds when row 2 has any flag; pred and target give NaN when the row has
 * no prediction or target.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/goal.h"
#include "core/num.h"
#include "core/rowkey.h"

#define GOAL_MAXLEN	4096	/* longest goal, in bytes */
#define GOAL_MAXDEPTH	100	/* deepest nesting of ( , not and - */
#define GOAL_NUMLEN	64	/* room for the longest number */
#define GOAL_NAMELEN	32	/* room for any known name */
#define GOAL_INTLEN	9	/* most digits in a row or class index */
#define GOAL_SHOWLEN	32	/* most bytes of input quoted in an error */

#define GOAL_E		2.71828182845904523536

/* What a node is. */
enum goal_kind {
	GOAL_NUM,	/* a number: num */
	GOAL_NEG,	/* -l */
	GOAL_NOT,	/* not l */
	GOAL_BIN,	/* l op r */
	GOAL_HAS,	/* l has flag; l is a flag[ROW] node */
	GOAL_QUANT,	/* a quantity: def, row, cls, flag */
};

/* Binary operators, loosest last. */
enum goal_op {
	GOAL_ADD, GOAL_SUB, GOAL_MUL, GOAL_DIV,
	GOAL_LT, GOAL_LE, GOAL_GT, GOAL_GE, GOAL_EQ, GOAL_NE, GOAL_APPROX,
	GOAL_AND, GOAL_OR,
};

/* The quantities. */
enum goal_q {
	GOAL_Q_LOSS, GOAL_Q_IF_FORM, GOAL_Q_SUM, GOAL_Q_PLAIN, GOAL_Q_PRED,
	GOAL_Q_TARGET, GOAL_Q_FLAG, GOAL_Q_P, GOAL_Q_A, GOAL_Q_EXP, GOAL_Q_Y,
	GOAL_Q_NLL, GOAL_Q_NAIVE, GOAL_Q_CURSOR, GOAL_Q_MEAN_LOSS,
	GOAL_Q_ACCURACY, GOAL_Q_ROWS, GOAL_Q_CLASSES, GOAL_Q_BASE,
	GOAL_Q_TEMPERATURE, GOAL_Q_SMOOTHING, GOAL_Q_CONFIDENT, GOAL_Q_PROBS,
	GOAL_Q_LOGITS, GOAL_Q_CURSOR_ROW, GOAL_Q_COUNT, GOAL_Q_CLASS,
	GOAL_Q_MARGIN, GOAL_Q_CONF, GOAL_Q_TARGET_P,
};

/* What follows a quantity's name. */
enum goal_args {
	GOAL_ARG_NONE,	/* nothing */
	GOAL_ARG_ROW,	/* [ROW] */
	GOAL_ARG_CELL,	/* [ROW,CLASS] */
	GOAL_ARG_FLAG,	/* (FLAG) */
	GOAL_ARG_CLASS,	/* [CLASS] */
	GOAL_ARG_HERE,	/* row form: nothing, the evaluated row */
	GOAL_ARG_HERE_CLASS,	/* row form: [CLASS] of the evaluated row */
	GOAL_ARG_HERE_OPT,	/* row form: [CLASS], or nothing (p) */
};

/* A quantity's name, identity and arguments. */
struct goal_qdef {
	const char	*name;
	enum goal_q	 q;
	enum goal_args	 args;
};

static const struct goal_qdef goal_qdefs[] = {
	{ "loss", GOAL_Q_LOSS, GOAL_ARG_ROW },
	{ "if_form", GOAL_Q_IF_FORM, GOAL_ARG_ROW },
	{ "sum", GOAL_Q_SUM, GOAL_ARG_ROW },
	{ "plain", GOAL_Q_PLAIN, GOAL_ARG_ROW },
	{ "pred", GOAL_Q_PRED, GOAL_ARG_ROW },
	{ "target", GOAL_Q_TARGET, GOAL_ARG_ROW },
	{ "flag", GOAL_Q_FLAG, GOAL_ARG_ROW },
	{ "p", GOAL_Q_P, GOAL_ARG_CELL },
	{ "a", GOAL_Q_A, GOAL_ARG_CELL },
	{ "exp", GOAL_Q_EXP, GOAL_ARG_CELL },
	{ "y", GOAL_Q_Y, GOAL_ARG_CELL },
	{ "nll", GOAL_Q_NLL, GOAL_ARG_CELL },
	{ "naive", GOAL_Q_NAIVE, GOAL_ARG_CELL },
	{ "cursor", GOAL_Q_CURSOR, GOAL_ARG_CELL },
	{ "mean_loss", GOAL_Q_MEAN_LOSS, GOAL_ARG_NONE },
	{ "accuracy", GOAL_Q_ACCURACY, GOAL_ARG_NONE },
	{ "rows", GOAL_Q_ROWS, GOAL_ARG_NONE },
	{ "classes", GOAL_Q_CLASSES, GOAL_ARG_NONE },
	{ "base", GOAL_Q_BASE, GOAL_ARG_NONE },
	{ "temperature", GOAL_Q_TEMPERATURE, GOAL_ARG_NONE },
	{ "label_smoothing", GOAL_Q_SMOOTHING, GOAL_ARG_NONE },
	{ "confident", GOAL_Q_CONFIDENT, GOAL_ARG_NONE },
	{ "probs", GOAL_Q_PROBS, GOAL_ARG_NONE },
	{ "logits", GOAL_Q_LOGITS, GOAL_ARG_NONE },
	{ "cursor_row", GOAL_Q_CURSOR_ROW, GOAL_ARG_NONE },
	{ "count", GOAL_Q_COUNT, GOAL_ARG_FLAG },
	{ "class", GOAL_Q_CLASS, GOAL_ARG_CLASS },
	{ "margin", GOAL_Q_MARGIN, GOAL_ARG_ROW },
	{ "conf", GOAL_Q_CONF, GOAL_ARG_ROW },
	{ NULL, 0, 0 },
};

/* The row form's quantities: the evaluated row's, and the settings (the
 * sheet-wide figures are left out: a block of a stream has its own). */
static const struct goal_qdef goal_row_qdefs[] = {
	{ "loss", GOAL_Q_LOSS, GOAL_ARG_HERE },
	{ "if_form", GOAL_Q_IF_FORM, GOAL_ARG_HERE },
	{ "sum", GOAL_Q_SUM, GOAL_ARG_HERE },
	{ "plain", GOAL_Q_PLAIN, GOAL_ARG_HERE },
	{ "pred", GOAL_Q_PRED, GOAL_ARG_HERE },
	{ "label", GOAL_Q_TARGET, GOAL_ARG_HERE },
	{ "flag", GOAL_Q_FLAG, GOAL_ARG_HERE },
	{ "margin", GOAL_Q_MARGIN, GOAL_ARG_HERE },
	{ "conf", GOAL_Q_CONF, GOAL_ARG_HERE },
	{ "p", GOAL_Q_P, GOAL_ARG_HERE_OPT },
	{ "a", GOAL_Q_A, GOAL_ARG_HERE_CLASS },
	{ "exp", GOAL_Q_EXP, GOAL_ARG_HERE_CLASS },
	{ "y", GOAL_Q_Y, GOAL_ARG_HERE_CLASS },
	{ "nll", GOAL_Q_NLL, GOAL_ARG_HERE_CLASS },
	{ "naive", GOAL_Q_NAIVE, GOAL_ARG_HERE_CLASS },
	{ "base", GOAL_Q_BASE, GOAL_ARG_NONE },
	{ "temperature", GOAL_Q_TEMPERATURE, GOAL_ARG_NONE },
	{ "label_smoothing", GOAL_Q_SMOOTHING, GOAL_ARG_NONE },
	{ "confident", GOAL_Q_CONFIDENT, GOAL_ARG_NONE },
	{ "probs", GOAL_Q_PROBS, GOAL_ARG_NONE },
	{ "logits", GOAL_Q_LOGITS, GOAL_ARG_NONE },
	{ "class", GOAL_Q_CLASS, GOAL_ARG_CLASS },
	{ NULL, 0, 0 },
};

/* Words that are never quantities. */
static const char *const goal_keywords[] = { "and", "or", "not", "has" };

/* One node of the tree. */
struct goal_node {
	enum goal_kind		 kind;
	enum goal_op		 op;	/* GOAL_BIN */
	double			 num;	/* GOAL_NUM */
	const struct goal_qdef	*def;	/* GOAL_QUANT */
	long			 row;	/* 1-based, as written */
	char			*cls;	/* class text, trimmed */
	unsigned		 flag;	/* GOAL_HAS, count() */
	struct goal_node	*l, *r;
};

struct goal {
	char			*text;
	struct goal_node	*root;
};

/* Parser state: the text, the position, the nesting, the first error and
 * the quantities of the form being read (ROWFORM: the row form's). */
struct goal_p {
	const char		*s;
	size_t			 pos;
	int			 depth;
	char			*err;
	size_t			 errlen;
	int			 failed;
	int			 rowform;
	const struct goal_qdef	*defs;
};

/* Evaluation state: a named row or class was MISSING from the sheet; ROW
 * is the row form's row (0-based). */
struct goal_ev {
	const struct sheet		*s;
	const struct goal_cursor	*cur;
	int				 missing;
	long				 row;
};

static struct goal_node *goal_or(struct goal_p *p);
static struct goal_node *goal_not(struct goal_p *p);
static struct goal_node *goal_unary(struct goal_p *p);
static double goal_ev_node(struct goal_ev *e, const struct goal_node *n);

/* 1 when C is an ASCII digit. */
static int
goal_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 when C may be part of a name: an ASCII letter, digit or '_'. */
static int
goal_isname(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    goal_isdigit(c) || c == '_';
}

/* 1 when C is white space, in the C locale's sense. */
static int
goal_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/* 1 when C is a UTF-8 continuation byte. */
static int
goal_iscont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/* Marks P failed; 1 when this is the first error and there is room for it. */
static int
goal_claim(struct goal_p *p)
{
	if (p->failed)
		return 0;
	p->failed = 1;
	return p->err != NULL && p->errlen > 0;
}

/* Fails with WHAT, then up to GOAL_SHOWLEN bytes of TOK (LEN long) quoted
 * when TOK is not NULL.  Returns NULL for the caller to pass on. */
static struct goal_node *
goal_fail(struct goal_p *p, const char *what, const char *tok, size_t len)
{
	const char *more = "";

	if (!goal_claim(p))
		return NULL;
	if (tok == NULL) {
		snprintf(p->err, p->errlen, "%s", what);
		return NULL;
	}
	if (len > GOAL_SHOWLEN) {
		len = GOAL_SHOWLEN;
		while (len > 0 && goal_iscont(tok[len]))
			len--;
		more = "...";
	}
	snprintf(p->err, p->errlen, "%s '%.*s%s'", what, (int)len, tok, more);
	return NULL;
}

/* Fails with "expected WHAT after '...'", quoting the input from FROM to
 * here (its last GOAL_SHOWLEN bytes when longer). */
static struct goal_node *
goal_after(struct goal_p *p, const char *what, size_t from)
{
	size_t start = from, end = p->pos;
	const char *more = "";

	if (!goal_claim(p))
		return NULL;
	while (end > start && goal_isspace(p->s[end - 1]))
		end--;
	while (start < end && goal_isspace(p->s[start]))
		start++;
	if (end - start > GOAL_SHOWLEN) {
		start = end - GOAL_SHOWLEN;
		while (start < end && goal_iscont(p->s[start]))
			start++;
		more = "...";
	}
	if (start == end)
		snprintf(p->err, p->errlen, "expected %s", what);
	else
		snprintf(p->err, p->errlen, "expected %s after '%s%.*s'", what,
		    more, (int)(end - start), p->s + start);
	return NULL;
}

/* Skips white space and returns the next character without taking it. */
static char
goal_peek(struct goal_p *p)
{
	while (goal_isspace(p->s[p->pos]))
		p->pos++;
	return p->s[p->pos];
}

/* Length of the name at S (0 when none starts there). */
static size_t
goal_namelen(const char *s)
{
	size_t n = 0;

	while (goal_isname(s[n]))
		n++;
	return n;
}

/* 1 when the word W comes next, as a whole word (not taken). */
static int
goal_at_word(struct goal_p *p, const char *w)
{
	size_t n = strlen(w);

	goal_peek(p);
	return strncmp(p->s + p->pos, w, n) == 0 &&
	    !goal_isname(p->s[p->pos + n]);
}

/* Takes the keyword W when it comes next as a whole word: 1, else 0. */
static int
goal_word(struct goal_p *p, const char *w)
{
	if (!goal_at_word(p, w))
		return 0;
	p->pos += strlen(w);
	return 1;
}

/* Takes the character C when it comes next: 1, else 0. */
static int
goal_take(struct goal_p *p, char c)
{
	if (goal_peek(p) != c)
		return 0;
	p->pos++;
	return 1;
}

/* Goes one level deeper: 0, or -1 (and the error) past GOAL_MAXDEPTH.
 * The caller steps back up with depth-- either way. */
static int
goal_enter(struct goal_p *p)
{
	if (++p->depth <= GOAL_MAXDEPTH)
		return 0;
	goal_fail(p, "goal nested too deeply (over 100 levels)", NULL, 0);
	return -1;
}

/* Frees the tree under N; NULL is allowed. */
static void
goal_node_free(struct goal_node *n)
{
	if (n == NULL)
		return;
	goal_node_free(n->l);
	goal_node_free(n->r);
	free(n->cls);
	free(n);
}

/* A zeroed node of KIND over L and R, or NULL (both freed) when out of
 * memory or when L or R is NULL after an error. */
static struct goal_node *
goal_node(struct goal_p *p, enum goal_kind kind, struct goal_node *l,
    struct goal_node *r)
{
	struct goal_node *n = NULL;

	if (!p->failed)
		n = calloc(1, sizeof(*n));
	if (n == NULL) {
		goal_fail(p, "out of memory", NULL, 0);
		goal_node_free(l);
		goal_node_free(r);
		return NULL;
	}
	n->kind = kind;
	n->l = l;
	n->r = r;
	return n;
}

/* L OP R, or NULL when either side failed. */
static struct goal_node *
goal_bin(struct goal_p *p, enum goal_op op, struct goal_node *l,
    struct goal_node *r)
{
	struct goal_node *n;

	if (l == NULL || r == NULL) {
		goal_node_free(l);
		goal_node_free(r);
		return NULL;
	}
	n = goal_node(p, GOAL_BIN, l, r);
	if (n != NULL)
		n->op = op;
	return n;
}

/* A number; num_parse converts it in the C locale. */
static struct goal_node *
goal_number(struct goal_p *p)
{
	const char *s = p->s + p->pos;
	char buf[GOAL_NUMLEN];
	size_t n = 0, k;
	int dots = 0, digits = 0;
	struct goal_node *node;
	double v;

	for (; goal_isdigit(s[n]) || s[n] == '.'; n++) {
		dots += s[n] == '.';
		digits += s[n] != '.';
	}
	k = n + (s[n] == 'e' || s[n] == 'E');
	k += k > n && (s[k] == '+' || s[k] == '-');
	if (k > n && goal_isdigit(s[k]))
		for (n = k; goal_isdigit(s[n]); n++)
			;
	if (n >= sizeof(buf))
		return goal_fail(p, "number too long", s, n);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (dots > 1 || digits == 0 || num_parse(buf, &v) < 0)
		return goal_fail(p, "bad number", s, n);
	if ((node = goal_node(p, GOAL_NUM, NULL, NULL)) == NULL)
		return NULL;
	node->num = v;
	p->pos += n;
	return node;
}

/* The quantity of table DEFS called NAME (N bytes), or NULL. */
static const struct goal_qdef *
goal_lookup(const struct goal_qdef *defs, const char *name, size_t n)
{
	size_t i;

	for (i = 0; defs[i].name != NULL; i++)
		if (strlen(defs[i].name) == n &&
		    strncmp(defs[i].name, name, n) == 0)
			return &defs[i];
	return NULL;
}

/* 1 when the N bytes at NAME are a keyword. */
static int
goal_is_keyword(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(goal_keywords) / sizeof(goal_keywords[0]); i++)
		if (strlen(goal_keywords[i]) == n &&
		    strncmp(goal_keywords[i], name, n) == 0)
			return 1;
	return 0;
}

/* Reads a row number (counting from 1) into N->row; FROM starts the
 * quantity, for messages. */
static int
goal_row(struct goal_p *p, struct goal_node *n, size_t from)
{
	const char *s;
	size_t len = 0;

	goal_peek(p);
	s = p->s + p->pos;
	while (goal_isdigit(s[len]))
		len++;
	if (len == 0)
		return goal_after(p, "a row number", from), -1;
	if (len > GOAL_INTLEN)
		return goal_fail(p, "row number too large", s, len), -1;
	n->row = strtol(s, NULL, 10);
	if (n->row == 0)
		return goal_fail(p, "rows count from 1, not", s, len), -1;
	p->pos += len;
	return 0;
}

/* Reads a class: everything up to ',' or ']', trimmed, kept in N->cls. */
static int
goal_class(struct goal_p *p, struct goal_node *n, size_t from)
{
	size_t start, end;

	goal_peek(p);
	start = end = p->pos;
	while (p->s[end] != '\0' && p->s[end] != ',' && p->s[end] != ']')
		end++;
	p->pos = end;
	while (end > start && goal_isspace(p->s[end - 1]))
		end--;
	if (end == start)
		return goal_after(p, "a class", from), -1;
	n->cls = malloc(end - start + 1);
	if (n->cls == NULL)
		return goal_fail(p, "out of memory", NULL, 0), -1;
	memcpy(n->cls, p->s + start, end - start);
	n->cls[end - start] = '\0';
	return 0;
}

/* Reads a flag name into *BIT: it must name a flag. */
static int
goal_flagname(struct goal_p *p, unsigned *bit, size_t from)
{
	char name[GOAL_NAMELEN];
	const char *s;
	size_t len;

	goal_peek(p);
	s = p->s + p->pos;
	len = goal_namelen(s);
	if (len == 0)
		return goal_after(p, "a flag name", from), -1;
	*bit = 0;
	if (len < sizeof(name)) {
		memcpy(name, s, len);
		name[len] = '\0';
		*bit = sheet_flag_bit(name);
	}
	if (*bit == 0)
		return goal_fail(p, "unknown flag", s, len), -1;
	p->pos += len;
	return 0;
}

/* Takes the character C, or fails with "expected 'C' after ...". */
static int
goal_expect(struct goal_p *p, char c, size_t from)
{
	char what[4] = { '\'', c, '\'', '\0' };

	if (goal_take(p, c))
		return 0;
	goal_after(p, what, from);
	return -1;
}

/* Reads the arguments N->def asks for; FROM starts the quantity. */
static int
goal_args(struct goal_p *p, struct goal_node *n, size_t from)
{
	switch (n->def->args) {
	case GOAL_ARG_NONE:
		return 0;
	case GOAL_ARG_ROW:
		return goal_expect(p, '[', from) || goal_row(p, n, from) ||
		    goal_expect(p, ']', from) ? -1 : 0;
	case GOAL_ARG_CELL:
		return goal_expect(p, '[', from) || goal_row(p, n, from) ||
		    goal_expect(p, ',', from) || goal_class(p, n, from) ||
		    goal_expect(p, ']', from) ? -1 : 0;
	case GOAL_ARG_FLAG:
		return goal_expect(p, '(', from) ||
		    goal_flagname(p, &n->flag, from) ||
		    goal_expect(p, ')', from) ? -1 : 0;
	case GOAL_ARG_HERE_OPT:
		if (goal_peek(p) != '[')
			return 0;
		/* FALLTHROUGH */
	case GOAL_ARG_CLASS:
	case GOAL_ARG_HERE_CLASS:
		return goal_expect(p, '[', from) || goal_class(p, n, from) ||
		    goal_expect(p, ']', from) ? -1 : 0;
	case GOAL_ARG_HERE:
		if (goal_peek(p) != '[')
			return 0;
		goal_fail(p, "a filter's quantities are each row's: no [ROW] "
		    "after", n->def->name, strlen(n->def->name));
		return -1;
	}
	return -1;
}

/* The row form's bare flag name (BIT), as "flag has NAME". */
static struct goal_node *
goal_bare_flag(struct goal_p *p, unsigned bit, size_t len)
{
	struct goal_node *l = goal_node(p, GOAL_QUANT, NULL, NULL), *n;

	if (l == NULL)
		return NULL;
	l->def = goal_lookup(p->defs, "flag", 4);
	if ((n = goal_node(p, GOAL_HAS, l, NULL)) != NULL) {
		n->flag = bit;
		p->pos += len;
	}
	return n;
}

/* The flag bit the N bytes at S name, or 0. */
static unsigned
goal_flag_at(const char *s, size_t n)
{
	char name[GOAL_NAMELEN];

	if (n >= sizeof(name))
		return 0;
	memcpy(name, s, n);
	name[n] = '\0';
	return sheet_flag_bit(name);
}

/* A name: a quantity with its arguments, or inf or nan. */
static struct goal_node *
goal_name(struct goal_p *p)
{
	size_t from = p->pos, len = goal_namelen(p->s + from);
	const char *s = p->s + from;
	const struct goal_qdef *def = goal_lookup(p->defs, s, len);
	struct goal_node *n;
	unsigned bit;

	if (def == NULL && goal_is_keyword(s, len))
		return goal_fail(p, "unexpected", s, len);
	if (def == NULL && p->rowform && (bit = goal_flag_at(s, len)) != 0)
		return goal_bare_flag(p, bit, len);
	if (def == NULL && ((len == 3 && strncmp(s, "inf", 3) == 0) ||
	    (len == 3 && strncmp(s, "nan", 3) == 0))) {
		if ((n = goal_node(p, GOAL_NUM, NULL, NULL)) != NULL)
			n->num = s[0] == 'i' ? INFINITY : NAN;
		p->pos += len;
		return n;
	}
	if (def == NULL)
		return goal_fail(p, "unknown quantity", s, len);
	if ((n = goal_node(p, GOAL_QUANT, NULL, NULL)) == NULL)
		return NULL;
	n->def = def;
	p->pos += len;
	if (goal_args(p, n, from) < 0) {
		goal_node_free(n);
		return NULL;
	}
	return n;
}

/* Fails on whatever is at the current position, where an atom should be. */
static struct goal_node *
goal_unexpected(struct goal_p *p)
{
	const char *s = p->s + p->pos;
	unsigned char c = (unsigned char)*s;
	char hex[8];
	size_t n = 1;

	if (c == '\0')
		return goal_after(p, "a number or quantity", 0);
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xc0) || c >= 0xf8) {
		snprintf(hex, sizeof(hex), "0x%02x", c);
		return goal_fail(p, "expected a number or quantity at byte",
		    hex, strlen(hex));
	}
	while (n < 4 && goal_iscont(s[n]))
		n++;
	return goal_fail(p, "expected a number or quantity at", s, n);
}

/* A bracketed goal, '(' being next; one level of nesting. */
static struct goal_node *
goal_group(struct goal_p *p)
{
	size_t from = p->pos;
	struct goal_node *n = NULL;

	p->pos++;
	if (goal_enter(p) == 0)
		n = goal_or(p);
	p->depth--;
	if (n != NULL && goal_expect(p, ')', from) < 0) {
		goal_node_free(n);
		return NULL;
	}
	return n;
}

/* An atom: a number, a bracketed goal or a quantity. */
static struct goal_node *
goal_atom(struct goal_p *p)
{
	char c = goal_peek(p);

	if (goal_isdigit(c) || c == '.')
		return goal_number(p);
	if (c == '(')
		return goal_group(p);
	if (goal_isname(c))
		return goal_name(p);
	return goal_unexpected(p);
}

/* A negation or an atom; each '-' is one level of nesting. */
static struct goal_node *
goal_unary(struct goal_p *p)
{
	struct goal_node *n = NULL;

	if (!goal_take(p, '-'))
		return goal_atom(p);
	if (goal_enter(p) == 0)
		n = goal_unary(p);
	p->depth--;
	return n != NULL ? goal_node(p, GOAL_NEG, n, NULL) : NULL;
}

/* Products and quotients, left to right. */
static struct goal_node *
goal_term(struct goal_p *p)
{
	struct goal_node *n = goal_unary(p);
	char c;

	while (n != NULL && ((c = goal_peek(p)) == '*' || c == '/')) {
		p->pos++;
		n = goal_bin(p, c == '*' ? GOAL_MUL : GOAL_DIV, n,
		    goal_unary(p));
	}
	return n;
}

/* Sums and differences, left to right. */
static struct goal_node *
goal_sum(struct goal_p *p)
{
	struct goal_node *n = goal_term(p);
	char c;

	while (n != NULL && ((c = goal_peek(p)) == '+' || c == '-')) {
		p->pos++;
		n = goal_bin(p, c == '+' ? GOAL_ADD : GOAL_SUB, n,
		    goal_term(p));
	}
	return n;
}

/* Takes a comparison operator into *OP: 1, 0 when none comes next, -1 on
 * a lone '=', '!' or '~'. */
static int
goal_cmpop(struct goal_p *p, enum goal_op *op)
{
	static const struct {
		const char	*text;
		enum goal_op	 op;
	} tab[] = {
		{ "<=", GOAL_LE }, { ">=", GOAL_GE }, { "==", GOAL_EQ },
		{ "!=", GOAL_NE }, { "~=", GOAL_APPROX }, { "<", GOAL_LT },
		{ ">", GOAL_GT },
	};
	const char *s;
	size_t i, n;

	goal_peek(p);
	s = p->s + p->pos;
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		n = strlen(tab[i].text);
		if (strncmp(s, tab[i].text, n) == 0) {
			p->pos += n;
			*op = tab[i].op;
			return 1;
		}
	}
	if (*s != '=' && *s != '!' && *s != '~')
		return 0;
	goal_fail(p, *s == '=' ? "unknown operator '=' (use '==')" :
	    *s == '!' ? "unknown operator '!' (use '!=' or 'not')" :
	    "unknown operator '~' (use '~=')", NULL, 0);
	return -1;
}

/* The right side of "has": L must be flag[ROW]; FROM starts the left. */
static struct goal_node *
goal_has(struct goal_p *p, struct goal_node *l, size_t from)
{
	struct goal_node *n;

	if (l->kind != GOAL_QUANT || l->def->q != GOAL_Q_FLAG) {
		goal_node_free(l);
		return goal_fail(p, "expected flag[ROW] before 'has'", NULL, 0);
	}
	if ((n = goal_node(p, GOAL_HAS, l, NULL)) == NULL)
		return NULL;
	if (goal_flagname(p, &n->flag, from) < 0) {
		goal_node_free(n);
		return NULL;
	}
	return n;
}

/* 1 when N is the row form's label or pred, which compare with classes. */
static int
goal_is_outcome(const struct goal_node *n)
{
	return n->kind == GOAL_QUANT && n->def->args == GOAL_ARG_HERE &&
	    (n->def->q == GOAL_Q_TARGET || n->def->q == GOAL_Q_PRED);
}

/* The row form's class after label/pred == or !=: a name in quotes, or
 * the bytes up to white space or a bracket; label and pred themselves are
 * read as quantities.  A class[NAME] node. */
static struct goal_node *
goal_outcome_class(struct goal_p *p)
{
	const char *s;
	size_t len = 0, skip = 0;
	struct goal_node *n;
	char q;

	if (goal_at_word(p, "label") || goal_at_word(p, "pred"))
		return goal_sum(p);
	s = p->s + p->pos;
	q = *s;
	if (q == '\'' || q == '"') {
		while (s[1 + len] != '\0' && s[1 + len] != q)
			len++;
		if (s[1 + len] != q)
			return goal_fail(p, "unterminated class name", s,
			    strlen(s));
		s++;
		skip = 2;
	} else
		while (s[len] != '\0' && !goal_isspace(s[len]) &&
		    s[len] != '(' && s[len] != ')')
			len++;
	if (len == 0)
		return goal_after(p, "a class", 0);
	if ((n = goal_node(p, GOAL_QUANT, NULL, NULL)) == NULL)
		return NULL;
	n->def = goal_lookup(p->defs, "class", 5);
	if ((n->cls = malloc(len + 1)) == NULL) {
		goal_node_free(n);
		return goal_fail(p, "out of memory", NULL, 0);
	}
	memcpy(n->cls, s, len);
	n->cls[len] = '\0';
	p->pos += len + skip;
	return n;
}

/* A sum, compared with another or tested with "has". */
static struct goal_node *
goal_compare(struct goal_p *p)
{
	size_t from = p->pos;
	struct goal_node *l = goal_sum(p);
	enum goal_op op = GOAL_EQ;
	int r;

	if (l == NULL)
		return NULL;
	if (goal_word(p, "has"))
		return goal_has(p, l, from);
	r = goal_cmpop(p, &op);
	if (r < 0)
		goal_node_free(l);
	if (r <= 0)
		return r < 0 ? NULL : l;
	if (p->rowform && goal_is_outcome(l) && (op == GOAL_EQ ||
	    op == GOAL_NE))
		return goal_bin(p, op, l, goal_outcome_class(p));
	return goal_bin(p, op, l, goal_sum(p));
}

/* "not" and what it negates; each "not" is one level of nesting. */
static struct goal_node *
goal_not(struct goal_p *p)
{
	struct goal_node *n = NULL;

	if (!goal_word(p, "not"))
		return goal_compare(p);
	if (goal_enter(p) == 0)
		n = goal_not(p);
	p->depth--;
	return n != NULL ? goal_node(p, GOAL_NOT, n, NULL) : NULL;
}

/* Conjunctions, left to right. */
static struct goal_node *
goal_and(struct goal_p *p)
{
	struct goal_node *n = goal_not(p);

	while (n != NULL && goal_word(p, "and"))
		n = goal_bin(p, GOAL_AND, n, goal_not(p));
	return n;
}

/* Disjunctions, left to right: "and" binds tighter. */
static struct goal_node *
goal_or(struct goal_p *p)
{
	struct goal_node *n = goal_and(p);

	while (n != NULL && goal_word(p, "or"))
		n = goal_bin(p, GOAL_OR, n, goal_and(p));
	return n;
}

/* Parses all of P's text into a tree, or NULL with the error. */
static struct goal_node *
goal_top(struct goal_p *p)
{
	struct goal_node *n;

	if (strnlen(p->s, GOAL_MAXLEN + 1) > GOAL_MAXLEN)
		return goal_fail(p, "goal too long (over 4096 bytes)", NULL, 0);
	if (goal_peek(p) == '\0')
		return goal_fail(p, "empty goal", NULL, 0);
	n = goal_or(p);
	if (n != NULL && goal_peek(p) != '\0') {
		goal_node_free(n);
		return goal_fail(p, "trailing text", p->s + p->pos,
		    strlen(p->s + p->pos));
	}
	return n;
}

/* Parses TEXT in the form ROWFORM selects. */
static struct goal *
goal_parse_form(const char *text, int rowform, char *err, size_t errlen)
{
	struct goal_p p = { text != NULL ? text : "", 0, 0, err, errlen, 0,
	    rowform, rowform ? goal_row_qdefs : goal_qdefs };
	struct goal *g;
	struct goal_node *root = goal_top(&p);

	if (root == NULL)
		return NULL;
	g = malloc(sizeof(*g));
	if (g == NULL || (g->text = strdup(p.s)) == NULL) {
		free(g);
		goal_node_free(root);
		goal_fail(&p, "out of memory", NULL, 0);
		return NULL;
	}
	g->root = root;
	return g;
}

struct goal *
goal_parse(const char *text, char *err, size_t errlen)
{
	return goal_parse_form(text, 0, err, errlen);
}

struct goal *
goal_parse_row(const char *text, char *err, size_t errlen)
{
	return goal_parse_form(text, 1, err, errlen);
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                         */
/* ------------------------------------------------------------------ */

/* The 0-based index TEXT names in S, or -1: a class name first, then (for
 * OUTCOME, class[...]) a binary sheet's "not_NAME", then a 0-based index. */
static int
goal_resolve_class(const struct sheet *s, const char *text, int outcome)
{
	int k = sheet_class_index(s, text), limit = sheet_classes(s);
	size_t i;

	if (k >= 0)
		return k;
	if (outcome && limit == 1) {
		limit = 2;
		if (strncmp(text, "not_", 4) == 0 &&
		    strcmp(text + 4, sheet_class_name(s, 0)) == 0)
			return 1;
	}
	for (i = 0; goal_isdigit(text[i]); i++)
		;
	if (i == 0 || i > GOAL_INTLEN || text[i] != '\0')
		return -1;
	k = (int)strtol(text, NULL, 10);
	return k < limit ? k : -1;
}

/* A class or target index, NaN for -1 (none). */
static double
goal_index(int c)
{
	return c < 0 ? NAN : c;
}

/* A quantity without arguments. */
static double
goal_ev_global(const struct goal_ev *e, enum goal_q q)
{
	const struct sheet_opts *o = sheet_opts(e->s);

	switch (q) {
	case GOAL_Q_MEAN_LOSS:
		return sheet_mean_loss(e->s);
	case GOAL_Q_ACCURACY:
		return sheet_accuracy(e->s);
	case GOAL_Q_ROWS:
		return sheet_rows(e->s);
	case GOAL_Q_CLASSES:
		return sheet_classes(e->s);
	case GOAL_Q_BASE:
		return o->base == 0 ? GOAL_E : o->base;
	case GOAL_Q_TEMPERATURE:
		return o->temperature;
	case GOAL_Q_SMOOTHING:
		return o->smoothing;
	case GOAL_Q_CONFIDENT:
		return o->confident;
	case GOAL_Q_PROBS:
		return o->mode == SHEET_PROBS;
	case GOAL_Q_LOGITS:
		return o->mode == SHEET_LOGITS;
	case GOAL_Q_CURSOR_ROW:
		return e->cur != NULL ? e->cur->row + 1.0 : NAN;
	default:
		return NAN;
	}
}

/* A quantity of row R (0-based). */
static double
goal_ev_row(const struct sheet *s, enum goal_q q, long r)
{
	switch (q) {
	case GOAL_Q_LOSS:
		return sheet_loss(s, r);
	case GOAL_Q_IF_FORM:
		return sheet_if_form(s, r);
	case GOAL_Q_SUM:
		return sheet_sum(s, r);
	case GOAL_Q_PLAIN:
		return sheet_plain(s, r);
	case GOAL_Q_PRED:
		return goal_index(sheet_pred(s, r));
	case GOAL_Q_TARGET:
		return goal_index(sheet_target(s, r));
	case GOAL_Q_FLAG:
		return sheet_flags(s, r);
	case GOAL_Q_MARGIN:
		return rowkey_margin(s, r);
	case GOAL_Q_CONF:
		return rowkey_conf(s, r);
	case GOAL_Q_TARGET_P:
		return rowkey_target_p(s, r);
	default:
		return NAN;
	}
}

/* A quantity of cell (R, K), both 0-based. */
static double
goal_ev_cell(const struct goal_ev *e, enum goal_q q, long r, int k)
{
	switch (q) {
	case GOAL_Q_P:
		return sheet_p(e->s, r, k);
	case GOAL_Q_A:
		return sheet_act(e->s, r, k);
	case GOAL_Q_EXP:
		return sheet_exp(e->s, r, k);
	case GOAL_Q_Y:
		return sheet_y(e->s, r, k);
	case GOAL_Q_NLL:
		return sheet_neglog(e->s, r, k);
	case GOAL_Q_NAIVE:
		return sheet_naive_p(e->s, r, k);
	case GOAL_Q_CURSOR:
		return e->cur != NULL && e->cur->row == r && e->cur->k == k;
	default:
		return NAN;
	}
}

/* A quantity node: resolves its row and class, NaN (and MISSING) when the
 * sheet lacks them. */
static double
goal_ev_quant(struct goal_ev *e, const struct goal_node *n)
{
	enum goal_args args = n->def->args;
	int k = -1;

	if ((args == GOAL_ARG_ROW || args == GOAL_ARG_CELL) &&
	    n->row > sheet_rows(e->s))
		e->missing = 1;
	if ((args == GOAL_ARG_HERE || args == GOAL_ARG_HERE_CLASS ||
	    args == GOAL_ARG_HERE_OPT) &&
	    (e->row < 0 || e->row >= sheet_rows(e->s)))
		e->missing = 1;
	if (n->cls != NULL) {
		k = goal_resolve_class(e->s, n->cls, args == GOAL_ARG_CLASS);
		e->missing |= k < 0;
	}
	if (e->missing)
		return NAN;
	switch (args) {
	case GOAL_ARG_NONE:
		return goal_ev_global(e, n->def->q);
	case GOAL_ARG_ROW:
		return goal_ev_row(e->s, n->def->q, n->row - 1);
	case GOAL_ARG_CELL:
		return goal_ev_cell(e, n->def->q, n->row - 1, k);
	case GOAL_ARG_FLAG:
		return sheet_flag_count(e->s, n->flag);
	case GOAL_ARG_CLASS:
		return k;
	case GOAL_ARG_HERE:
		return goal_ev_row(e->s, n->def->q, e->row);
	case GOAL_ARG_HERE_CLASS:
		return goal_ev_cell(e, n->def->q, e->row, k);
	case GOAL_ARG_HERE_OPT:
		if (n->cls == NULL)
			return goal_ev_row(e->s, GOAL_Q_TARGET_P, e->row);
		return goal_ev_cell(e, n->def->q, e->row, k);
	}
	return NAN;
}

/* 1 when X holds: neither 0 nor NaN. */
static int
goal_true(double x)
{
	return !isnan(x) && x != 0;
}

/* A ~= B: equal within 1e-9 relative, or 1e-12 absolute near zero; an
 * infinity only equals itself, NaN nothing. */
static int
goal_approx(double a, double b)
{
	double d = fabs(a - b);

	if (a == b)
		return 1;
	if (!isfinite(a) || !isfinite(b))
		return 0;
	return d <= 1e-9 * fmax(fabs(a), fabs(b)) || d <= 1e-12;
}

/* A OP B; comparisons with NaN give 0. */
static double
goal_ev_bin(enum goal_op op, double a, double b)
{
	int nan = isnan(a) || isnan(b);

	switch (op) {
	case GOAL_ADD:
		return a + b;
	case GOAL_SUB:
		return a - b;
	case GOAL_MUL:
		return a * b;
	case GOAL_DIV:
		return a / b;
	case GOAL_LT:
		return !nan && a < b;
	case GOAL_LE:
		return !nan && a <= b;
	case GOAL_GT:
		return !nan && a > b;
	case GOAL_GE:
		return !nan && a >= b;
	case GOAL_EQ:
		return !nan && a == b;
	case GOAL_NE:
		return !nan && a != b;
	case GOAL_APPROX:
		return goal_approx(a, b);
	case GOAL_AND:
		return goal_true(a) && goal_true(b);
	case GOAL_OR:
		return goal_true(a) || goal_true(b);
	}
	return NAN;
}

/* The value of N; both sides are always evaluated, so that a missing row
 * or class anywhere is noticed. */
static double
goal_ev_node(struct goal_ev *e, const struct goal_node *n)
{
	double v;

	switch (n->kind) {
	case GOAL_NUM:
		return n->num;
	case GOAL_NEG:
		return -goal_ev_node(e, n->l);
	case GOAL_NOT:
		return !goal_true(goal_ev_node(e, n->l));
	case GOAL_BIN:
		v = goal_ev_node(e, n->l);
		return goal_ev_bin(n->op, v, goal_ev_node(e, n->r));
	case GOAL_HAS:
		v = goal_ev_node(e, n->l);
		return isnan(v) ? NAN : ((unsigned)v & n->flag) != 0;
	case GOAL_QUANT:
		return goal_ev_quant(e, n);
	}
	return NAN;
}

/* G's value in state E: NaN when G or E's sheet is NULL, or when a row
 * or class it names is missing. */
static double
goal_ev_root(const struct goal *g, struct goal_ev *e)
{
	double v;

	if (g == NULL || e->s == NULL)
		return NAN;
	v = goal_ev_node(e, g->root);
	return e->missing ? NAN : v;
}

double
goal_eval(const struct goal *g, const struct sheet *s,
    const struct goal_cursor *cur)
{
	struct goal_ev e = { s, cur, 0, -1 };

	return goal_ev_root(g, &e);
}

double
goal_eval_row(const struct goal *g, const struct sheet *s, long r)
{
	struct goal_ev e = { s, NULL, 0, r };

	return goal_ev_root(g, &e);
}

int
goal_met(const struct goal *g, const struct sheet *s,
    const struct goal_cursor *cur)
{
	return goal_true(goal_eval(g, s, cur));
}

/* ------------------------------------------------------------------ */
/* Checking against a sheet                                           */
/* ------------------------------------------------------------------ */

/* Describes why row N->row does not exist in S. */
static int
goal_check_row(const struct goal_node *n, const struct sheet *s, char *err,
    size_t errlen)
{
	long rows = sheet_rows(s);

	if (n->row <= rows)
		return 0;
	if (err == NULL || errlen == 0)
		return -1;
	if (rows == 0)
		snprintf(err, errlen, "row %ld does not exist: the sheet has "
		    "no rows", n->row);
	else
		snprintf(err, errlen, "row %ld is past the last row (%ld)",
		    n->row, rows);
	return -1;
}

/* Describes why class N->cls does not exist in S. */
static int
goal_check_class(const struct goal_node *n, const struct sheet *s,
    char *err, size_t errlen)
{
	int outcome = n->def->args == GOAL_ARG_CLASS;
	int last = sheet_classes(s) - 1;
	size_t i;

	if (goal_resolve_class(s, n->cls, outcome) >= 0)
		return 0;
	if (err == NULL || errlen == 0)
		return -1;
	if (outcome && last == 0)
		last = 1;
	for (i = 0; goal_isdigit(n->cls[i]); i++)
		;
	if (i > 0 && n->cls[i] == '\0')
		snprintf(err, errlen, "unknown class '%.*s' (indices run from "
		    "0 to %d)", GOAL_SHOWLEN, n->cls, last);
	else
		snprintf(err, errlen, "unknown class '%.*s'", GOAL_SHOWLEN,
		    n->cls);
	return -1;
}

/* Checks N and everything under it, left to right; -1 at the first
 * problem. */
static int
goal_check_node(const struct goal_node *n, const struct sheet *s, char *err,
    size_t errlen)
{
	enum goal_args args;

	if (n == NULL)
		return 0;
	if (n->kind == GOAL_QUANT) {
		args = n->def->args;
		if ((args == GOAL_ARG_ROW || args == GOAL_ARG_CELL) &&
		    goal_check_row(n, s, err, errlen) < 0)
			return -1;
		if (n->cls != NULL && goal_check_class(n, s, err, errlen) < 0)
			return -1;
	}
	if (goal_check_node(n->l, s, err, errlen) < 0)
		return -1;
	return goal_check_node(n->r, s, err, errlen);
}

int
goal_check(const struct goal *g, const struct sheet *s, char *err,
    size_t errlen)
{
	if (g == NULL || s == NULL)
		return -1;
	return goal_check_node(g->root, s, err, errlen);
}

const char *
goal_text(const struct goal *g)
{
	return g != NULL ? g->text : "";
}

void
goal_free(struct goal *g)
{
	if (g == NULL)
		return;
	goal_node_free(g->root);
	free(g->text);
	free(g);
}
