/*
 * num.c - C-locale number I/O and careful primitives; see num.h.
 */
#define _GNU_SOURCE
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/num.h"

/* The C locale, made once: newlocale() is too slow to call per number. */
static locale_t
num_c_locale(void)
{
	static locale_t c;

	if (c == (locale_t)0)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c;
}

/* Trims blanks in place: returns the first non-blank, cuts trailing ones. */
static const char *
num_trim(const char *s, size_t *len)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

/* Words strtod would take but a sheet should not: hex floats, "nan(...)". */
static int
num_suspicious(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == 'x' || s[i] == 'X' || s[i] == '(' || s[i] == 'p' ||
		    s[i] == 'P')
			return 1;
	return 0;
}

int
num_parse(const char *text, double *out)
{
	char buf[512], *end;
	const char *s;
	size_t n;
	double v;

	s = num_trim(text, &n);
	if (n == 0 || n >= sizeof(buf) || num_suspicious(s, n))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	v = strtod_l(buf, &end, num_c_locale());
	if (end != buf + n)
		return -1;
	if (isnan(v))
		v = NAN;	/* "-nan" reads as plain nan */
	*out = v;
	return 0;
}

/* Writes the words used for values that have no digits. */
static int
num_special(char *buf, size_t len, double x)
{
	if (isnan(x))
		snprintf(buf, len, "nan");
	else if (isinf(x))
		snprintf(buf, len, x > 0 ? "inf" : "-inf");
	else if (x == 0)
		snprintf(buf, len, "0");
	else
		return 0;
	return 1;
}

int
num_snprintf(char *buf, size_t len, const char *fmt, ...)
{
	locale_t old;
	va_list ap;
	int n;

	old = uselocale(num_c_locale());
	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	uselocale(old);
	return n;
}

char *
num_format(char *buf, size_t len, double x)
{
	double back;
	int prec;

	if (num_special(buf, len, x))
		return buf;
	/* The shortest of 15, 16, 17 digits that reads back exactly. */
	for (prec = 15; prec <= 17; prec++) {
		num_snprintf(buf, len, "%.*g", prec, x);
		if (num_parse(buf, &back) == 0 && back == x)
			break;
	}
	return buf;
}

char *
num_format_round(char *buf, size_t len, double x, int digits)
{
	if (!num_special(buf, len, x))
		num_snprintf(buf, len, "%.*g", digits, x);
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, len, "0");
	return buf;
}

double
num_softplus(double x)
{
	if (x > 0)
		return x + log1p(exp(-x));
	return log1p(exp(x));
}

int
num_differ(double a, double b, double rel)
{
	double m;

	if (isnan(a) || isnan(b))
		return !isnan(a) != !isnan(b) && (isfinite(a) || isfinite(b));
	if (isfinite(a) != isfinite(b))
		return 1;
	if (!isfinite(a))
		return a != b;
	m = fmax(fabs(a), fabs(b));
	return fabs(a - b) > rel * m;
}
