/*
 * numconv.cc - std::from_chars and std::to_chars behind a C interface; see
 * numconv.h.  The only C++ in xent: it is here because libstdc++'s
 * conversions are exact and several times faster than strtod and printf,
 * which take the locale and, for printf, parse a format on every call.
 */
#include <charconv>
#include <cmath>
#include <cstring>
#include <system_error>

#include "core/numconv.h"

/* 1 for the bytes a decimal number can begin with. */
static bool
numconv_digit(char c)
{
	return c >= '0' && c <= '9';
}

extern "C" enum numconv_status
numconv_read(const char *s, size_t n, double *out, size_t *used)
{
	double v;

	*used = 0;
	/* from_chars would also take '-', "inf" and "nan": the caller
	 * handles signs and words, so refuse anything but a number here. */
	if (n == 0 || !(numconv_digit(s[0]) ||
	    (s[0] == '.' && n > 1 && numconv_digit(s[1]))))
		return NUMCONV_NONE;
	std::from_chars_result r = std::from_chars(s, s + n, v,
	    std::chars_format::general);
	*used = static_cast<size_t>(r.ptr - s);
	if (r.ec == std::errc::result_out_of_range)
		return NUMCONV_RANGE;
	if (r.ec != std::errc())
		return NUMCONV_NONE;
	*out = v;
	return NUMCONV_OK;
}

/* numconv_digits' shortest case, the one every table cell takes: the
 * scientific text "d.ddde+XX" cut into digits and exponent with two
 * copies, not a look at every byte.  X is finite and > 0. */
static int
numconv_shortest(double x, char dig[NUMCONV_DIGROOM], int *exp10)
{
	char b[32];
	std::to_chars_result r = std::to_chars(b, b + sizeof(b), x,
	    std::chars_format::scientific);
	const char *e = r.ptr - 4, *p;
	int k = 1, v = 0;

	/* The exponent has two digits, or three: "e+XX", "e-XXX". */
	if (*e != 'e')
		e--;
	dig[0] = b[0];
	/* 16 bytes whatever the count: one move, not a call. */
	std::memcpy(dig + 1, b + 2, 16);
	if (e > b + 2)
		k += static_cast<int>(e - (b + 2));
	for (p = e + 2; p < r.ptr; p++)
		v = v * 10 + (*p - '0');
	*exp10 = e[1] == '-' ? -v : v;
	return k;
}

extern "C" size_t
numconv_sci(double x, char out[NUMCONV_DIGROOM])
{
	std::to_chars_result r = std::to_chars(out, out + NUMCONV_DIGROOM, x,
	    std::chars_format::scientific);

	return static_cast<size_t>(r.ptr - out);
}

extern "C" int
numconv_digits(double x, int ndig, char dig[NUMCONV_DIGROOM], int *exp10)
{
	char b[32];
	const char *p;
	int k = 0, e = 0, neg;

	if (!(x > 0) || !std::isfinite(x) || ndig < 0 || ndig > 17)
		return 0;
	if (ndig == 0)
		return numconv_shortest(x, dig, exp10);
	/* Scientific, so the digits come out whole, one before the point:
	 * "d.ddde+XX" (fixed would write 1e22 as 23 digits). */
	std::to_chars_result r = ndig == 0 ?
	    std::to_chars(b, b + sizeof(b), x, std::chars_format::scientific) :
	    std::to_chars(b, b + sizeof(b), x, std::chars_format::scientific,
	    ndig - 1);
	for (p = b; p < r.ptr && *p != 'e'; p++)
		if (*p != '.' && k < 17)
			dig[k++] = *p;
	while (ndig == 0 && k > 1 && dig[k - 1] == '0')
		k--;
	neg = p + 1 < r.ptr && p[1] == '-';
	for (p += 2; p < r.ptr; p++)
		e = e * 10 + (*p - '0');
	*exp10 = neg ? -e : e;
	return k;
}
