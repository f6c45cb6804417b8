/*
 * expr.c - a recursive-descent evaluator for what a cell accepts; see
 * expr.h for the grammar.
 *
 *	expr   := term (('+' | '-') term)*
 *	term   := unary (('*' | '/') unary)*
 *	unary  := ('+' | '-') unary | power
 *	power  := atom ('^' unary)?		right-associative
 *	atom   := number | name | name '(' expr ')' | '(' expr ')'
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/expr.h"
#include "core/num.h"

#define EXPR_MAXLEN	1024
#define EXPR_MAXDEPTH	64

/* Parser state: the text, the position, and the first error. */
struct expr_p {
	const char	*s;
	size_t		 pos;
	int		 depth;
	char		*err;
	size_t		 errlen;
	int		 failed;
};

static double expr_sum(struct expr_p *p);

/* Records the first error only, WHAT followed by 'ARG' when ARG is not
 * NULL; later errors would only confuse. */
static double
expr_fail(struct expr_p *p, const char *what, const char *arg)
{
	if (!p->failed && arg != NULL)
		snprintf(p->err, p->errlen, "%s '%s'", what, arg);
	else if (!p->failed)
		snprintf(p->err, p->errlen, "%s", what);
	p->failed = 1;
	return NAN;
}

/* Skips blanks and returns the next character without taking it. */
static char
expr_peek(struct expr_p *p)
{
	while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')
		p->pos++;
	return p->s[p->pos];
}

/* A number: digits, a point, an exponent; converted in the C locale. */
static double
expr_number(struct expr_p *p)
{
	const char *s = p->s + p->pos;
	char buf[128];
	size_t n = 0;
	double v;

	while (isdigit((unsigned char)s[n]) || s[n] == '.')
		n++;
	if ((s[n] == 'e' || s[n] == 'E') && (isdigit((unsigned char)s[n + 1]) ||
	    ((s[n + 1] == '+' || s[n + 1] == '-') &&
	    isdigit((unsigned char)s[n + 2]))))
		for (n += 2; isdigit((unsigned char)s[n]); n++)
			;
	if (n >= sizeof(buf))
		return expr_fail(p, "number too long", NULL);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (num_parse(buf, &v) < 0)
		return expr_fail(p, "bad number", buf);
	p->pos += n;
	return v;
}

/* Applies function NAME to X. */
static double
expr_call(struct expr_p *p, const char *name, double x)
{
	if (strcasecmp(name, "exp") == 0)
		return exp(x);
	if (strcasecmp(name, "ln") == 0)
		return log(x);
	if (strcasecmp(name, "log") == 0)
		return log10(x);
	if (strcasecmp(name, "sqrt") == 0)
		return sqrt(x);
	return expr_fail(p, "unknown function", name);
}

/* A constant: e, pi, inf, infinity, nan. */
static double
expr_const(struct expr_p *p, const char *name)
{
	if (strcasecmp(name, "e") == 0)
		return M_E;
	if (strcasecmp(name, "pi") == 0)
		return M_PI;
	if (strcasecmp(name, "inf") == 0 || strcasecmp(name, "infinity") == 0)
		return INFINITY;
	if (strcasecmp(name, "nan") == 0)
		return NAN;
	return expr_fail(p, "unknown name", name);
}

/* A name: a constant, or a function applied to a parenthesised expr. */
static double
expr_name(struct expr_p *p)
{
	char name[32];
	size_t n = 0;
	double x;

	while (isalpha((unsigned char)p->s[p->pos]) && n < sizeof(name) - 1)
		name[n++] = p->s[p->pos++];
	name[n] = '\0';
	if (expr_peek(p) != '(')
		return expr_const(p, name);
	p->pos++;
	x = expr_sum(p);
	if (expr_peek(p) != ')')
		return expr_fail(p, "missing ')'", NULL);
	p->pos++;
	return expr_call(p, name, x);
}

/* An atom: a number, a name, or a parenthesised expression. */
static double
expr_atom(struct expr_p *p)
{
	char c = expr_peek(p), tok[2] = { c, '\0' };
	double x;

	if (isdigit((unsigned char)c) || c == '.')
		return expr_number(p);
	if (isalpha((unsigned char)c))
		return expr_name(p);
	if (c == '(') {
		p->pos++;
		x = expr_sum(p);
		if (expr_peek(p) != ')')
			return expr_fail(p, "missing ')'", NULL);
		p->pos++;
		return x;
	}
	if (c == '\0')
		return expr_fail(p, "the expression ends too soon", NULL);
	return expr_fail(p, "unexpected", tok);
}

static double expr_unary(struct expr_p *p);

/* An atom, raised to a power: 2^3^2 is 2^(3^2), and 2^-1 is allowed. */
static double
expr_power(struct expr_p *p)
{
	double base = expr_atom(p);

	if (p->failed || expr_peek(p) != '^')
		return base;
	p->pos++;
	return pow(base, expr_unary(p));
}

/* Signs bind looser than ^, as in maths: -2^2 is -4. */
static double
expr_unary(struct expr_p *p)
{
	char c = expr_peek(p);
	double x;

	if (++p->depth > EXPR_MAXDEPTH)
		return expr_fail(p, "nested too deeply", NULL);
	if (c == '-' || c == '+') {
		p->pos++;
		x = expr_unary(p);
		x = c == '-' ? -x : x;
	} else
		x = expr_power(p);
	p->depth--;
	return x;
}

/* Products and quotients, left to right. */
static double
expr_term(struct expr_p *p)
{
	double x = expr_unary(p);
	char c;

	while (!p->failed && ((c = expr_peek(p)) == '*' || c == '/')) {
		p->pos++;
		x = c == '*' ? x * expr_unary(p) : x / expr_unary(p);
	}
	return x;
}

/* Sums and differences, left to right. */
static double
expr_sum(struct expr_p *p)
{
	double x;
	char c;

	if (++p->depth > EXPR_MAXDEPTH)
		return expr_fail(p, "nested too deeply", NULL);
	x = expr_term(p);
	while (!p->failed && ((c = expr_peek(p)) == '+' || c == '-')) {
		p->pos++;
		x = c == '+' ? x + expr_term(p) : x - expr_term(p);
	}
	p->depth--;
	return x;
}

int
expr_eval(const char *text, double *out, char *err, size_t errlen)
{
	struct expr_p p = { text, 0, 0, err, errlen, 0 };
	double x;

	if (strlen(text) > EXPR_MAXLEN) {
		snprintf(err, errlen, "input too long");
		return -1;
	}
	if (expr_peek(&p) == '\0') {
		snprintf(err, errlen, "empty input");
		return -1;
	}
	x = expr_sum(&p);
	if (!p.failed && expr_peek(&p) != '\0')
		expr_fail(&p, "unexpected text at", text + p.pos);
	if (p.failed)
		return -1;
	*out = x;
	return 0;
}
