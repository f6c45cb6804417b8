/*
 * expr.c - the arithmetic a cell accepts; see expr.h for the grammar.
 *
 * A recursive-descent evaluator, one function per level:
 *
 *	sum    := term (('+' | '-') term)*
 *	term   := unary (('*' | '/') unary)*
 *	unary  := ('+' | '-') unary | power
 *	power  := atom ('^' unary)?		right-associative: 2^3^2 = 512
 *	atom   := number | name | name '(' sum ')' | '(' sum ')'
 *
 * Characters are classed by hand rather than with <ctype.h>, and numbers
 * are converted by num_parse in the C locale, so the process locale changes
 * nothing.  Every bracket, call, sign and exponent counts as one level of
 * nesting and the levels are capped, so the C stack stays small whatever
 * is typed.  Only the first error is kept: later ones would only confuse.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/expr.h"
#include "core/num.h"

#define EXPR_MAXLEN	1024	/* longest input, in bytes */
#define EXPR_MAXDEPTH	64	/* deepest nesting */
#define EXPR_NUMLEN	256	/* room for the longest number */
#define EXPR_NAMELEN	16	/* room for any known name */
#define EXPR_SHOWLEN	24	/* most bytes of a token quoted in an error */

#define EXPR_E		2.71828182845904523536
#define EXPR_PI		3.14159265358979323846

/* A function a cell may call. */
typedef double (*expr_fn)(double);

/* Parser state: the text, the position, the nesting and the first error. */
struct expr_p {
	const char	*s;
	size_t		 pos;
	int		 depth;
	char		*err;
	size_t		 errlen;
	int		 failed;
};

static double expr_sum(struct expr_p *p);
static double expr_unary(struct expr_p *p);

/* 1 when C is an ASCII digit. */
static int
expr_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 when C may start a name: an ASCII letter. */
static int
expr_isalpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 1 when C may continue a name. */
static int
expr_isname(char c)
{
	return expr_isalpha(c) || expr_isdigit(c) || c == '_';
}

/* 1 when C is white space, in the C locale's sense. */
static int
expr_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/* Records the first error: WHAT, then up to LEN bytes of TOK in quotes. */
static double
expr_fail(struct expr_p *p, const char *what, const char *tok, size_t len)
{
	if (p->failed)
		return NAN;
	p->failed = 1;
	if (p->err == NULL || p->errlen == 0)
		return NAN;
	if (len > EXPR_SHOWLEN)
		len = EXPR_SHOWLEN;
	if (tok == NULL)
		snprintf(p->err, p->errlen, "%s", what);
	else
		snprintf(p->err, p->errlen, "%s '%.*s'", what, (int)len, tok);
	return NAN;
}

/* Length of the token at S worth quoting: a word, or one UTF-8 character. */
static size_t
expr_toklen(const char *s)
{
	size_t n = 1;

	if (expr_isname(*s)) {
		while (expr_isname(s[n]))
			n++;
		return n;
	}
	while (n < 4 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Fails on whatever is at the current position. */
static double
expr_unexpected(struct expr_p *p)
{
	const char *s = p->s + p->pos;
	unsigned char c = (unsigned char)*s;
	char hex[8];

	if (c == '\0')
		return expr_fail(p, "unexpected end of input", NULL, 0);
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xc0) || c >= 0xf8) {
		snprintf(hex, sizeof(hex), "0x%02x", c);
		return expr_fail(p, "unexpected byte", hex, strlen(hex));
	}
	return expr_fail(p, "unexpected", s, expr_toklen(s));
}

/* Skips white space and returns the next character without taking it. */
static char
expr_peek(struct expr_p *p)
{
	while (expr_isspace(p->s[p->pos]))
		p->pos++;
	return p->s[p->pos];
}

/* Goes one level deeper: 0, or -1 (and the error) past EXPR_MAXDEPTH.
 * The caller steps back up with depth-- either way. */
static int
expr_enter(struct expr_p *p)
{
	if (++p->depth <= EXPR_MAXDEPTH)
		return 0;
	expr_fail(p, "nested too deeply", NULL, 0);
	return -1;
}

/* Length of the number at S: digits and points, then an exponent when one
 * follows in full ("2e" is 2 and a stray 'e').  Counts DOTS and DIGITS. */
static size_t
expr_numlen(const char *s, int *dots, int *digits)
{
	size_t n, k;

	for (n = 0; expr_isdigit(s[n]) || s[n] == '.'; n++) {
		*dots += s[n] == '.';
		*digits += s[n] != '.';
	}
	if (s[n] != 'e' && s[n] != 'E')
		return n;
	k = n + 1;
	if (s[k] == '+' || s[k] == '-')
		k++;
	if (!expr_isdigit(s[k]))
		return n;
	while (expr_isdigit(s[k]))
		k++;
	return k;
}

/* A number, checked here and converted by num_parse in the C locale. */
static double
expr_number(struct expr_p *p)
{
	const char *s = p->s + p->pos;
	char buf[EXPR_NUMLEN];
	int dots = 0, digits = 0;
	size_t n = expr_numlen(s, &dots, &digits);
	double v;

	if (dots > 1 || digits == 0)
		return expr_fail(p, "bad number", s, n);
	if (n >= sizeof(buf))
		return expr_fail(p, "number too long", NULL, 0);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (num_parse(buf, &v) < 0)
		return expr_fail(p, "bad number", s, n);
	p->pos += n;
	return v;
}

/* The function called NAME (in lower case), or NULL. */
static expr_fn
expr_lookup_fn(const char *name)
{
	static const struct {
		const char	*name;
		expr_fn		 fn;
	} tab[] = {
		{ "exp", exp }, { "ln", log }, { "log", log10 }, { "sqrt", sqrt },
	};
	size_t i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(name, tab[i].name) == 0)
			return tab[i].fn;
	return NULL;
}

/* Sets *V to the constant called NAME (in lower case): 0, or -1 if none. */
static int
expr_lookup_const(const char *name, double *v)
{
	static const struct {
		const char	*name;
		double		 v;
	} tab[] = {
		{ "e", EXPR_E }, { "pi", EXPR_PI }, { "inf", INFINITY },
		{ "infinity", INFINITY }, { "nan", NAN },
	};
	size_t i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(name, tab[i].name) == 0) {
			*v = tab[i].v;
			return 0;
		}
	return -1;
}

/* Copies the N-byte name at S into BUF in lower case; a name too long for
 * BUF becomes "", which matches nothing. */
static void
expr_lower(char *buf, size_t len, const char *s, size_t n)
{
	size_t i;

	if (n >= len)
		n = 0;
	for (i = 0; i < n; i++)
		buf[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i];
	buf[n] = '\0';
}

/* A bracketed sum, '(' being next; one level of nesting. */
static double
expr_group(struct expr_p *p)
{
	double x = NAN;

	p->pos++;
	if (expr_enter(p) == 0)
		x = expr_sum(p);
	p->depth--;
	if (p->failed)
		return NAN;
	if (expr_peek(p) == '\0')
		return expr_fail(p, "missing ')'", NULL, 0);
	if (p->s[p->pos] != ')')
		return expr_unexpected(p);
	p->pos++;
	return x;
}

/* A name: a function applied to a bracketed sum, or a constant. */
static double
expr_name(struct expr_p *p)
{
	const char *s = p->s + p->pos;
	char name[EXPR_NAMELEN];
	size_t n = expr_toklen(s);
	expr_fn fn;
	double v;

	expr_lower(name, sizeof(name), s, n);
	p->pos += n;
	fn = expr_lookup_fn(name);
	if (fn != NULL && expr_peek(p) != '(')
		return expr_fail(p, "missing '(' after", s, n);
	if (fn != NULL) {
		v = expr_group(p);
		return p->failed ? NAN : fn(v);
	}
	if (expr_lookup_const(name, &v) == 0)
		return v;
	if (expr_peek(p) == '(')
		return expr_fail(p, "unknown function", s, n);
	return expr_fail(p, "unknown name", s, n);
}

/* An atom: a number, a name, or a bracketed sum. */
static double
expr_atom(struct expr_p *p)
{
	char c = expr_peek(p);

	if (expr_isdigit(c) || c == '.')
		return expr_number(p);
	if (expr_isalpha(c))
		return expr_name(p);
	if (c == '(')
		return expr_group(p);
	return expr_unexpected(p);
}

/* An atom raised to a power: 2^3^2 is 2^(3^2), and 2^-1 is allowed. */
static double
expr_power(struct expr_p *p)
{
	double base = expr_atom(p), x = NAN;

	if (p->failed || expr_peek(p) != '^')
		return base;
	p->pos++;
	if (expr_enter(p) == 0)
		x = expr_unary(p);
	p->depth--;
	return p->failed ? NAN : pow(base, x);
}

/* Signs bind looser than ^, as in maths: -2^2 is -4. */
static double
expr_unary(struct expr_p *p)
{
	char c = expr_peek(p);
	double x = NAN;

	if (c != '-' && c != '+')
		return expr_power(p);
	p->pos++;
	if (expr_enter(p) == 0)
		x = expr_unary(p);
	p->depth--;
	return c == '-' ? -x : x;
}

/* Products and quotients, left to right. */
static double
expr_term(struct expr_p *p)
{
	double x = expr_unary(p), y;
	char c;

	while (!p->failed && ((c = expr_peek(p)) == '*' || c == '/')) {
		p->pos++;
		y = expr_unary(p);
		x = c == '*' ? x * y : x / y;
	}
	return x;
}

/* Sums and differences, left to right. */
static double
expr_sum(struct expr_p *p)
{
	double x = expr_term(p), y;
	char c;

	while (!p->failed && ((c = expr_peek(p)) == '+' || c == '-')) {
		p->pos++;
		y = expr_term(p);
		x = c == '+' ? x + y : x - y;
	}
	return x;
}

/* Evaluates all of TEXT; see expr.h. */
int
expr_eval(const char *text, double *out, char *err, size_t errlen)
{
	struct expr_p p = { text != NULL ? text : "", 0, 0, err, errlen, 0 };
	double x = NAN;

	if (strlen(p.s) > EXPR_MAXLEN)
		expr_fail(&p, "input too long", NULL, 0);
	else if (expr_peek(&p) == '\0')
		expr_fail(&p, "empty input", NULL, 0);
	else
		x = expr_sum(&p);
	if (!p.failed && expr_peek(&p) != '\0')
		expr_unexpected(&p);
	if (p.failed)
		return -1;
	*out = x;
	return 0;
}
