/*
 * numconv.cc - the fast exact conversions of a double behind a C
 * interface; see numconv.h.  The only C++ in xent: std::from_chars reads
 * (exact, and several times faster than strtod, which also takes the
 * locale), and libfmt's Dragonbox finds the shortest digits to write
 * (exact, and twice as fast as std::to_chars, which is Ryu and would
 * then be printed and read back as text).
 */
#include <charconv>
#include <cstring>
#include <system_error>

/* Header-only, so that the digit search is inlined here rather than
 * called through libfmt.so, and xent has no run-time dependency on it. */
#define FMT_HEADER_ONLY
#include <fmt/format.h>

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

extern "C" void
numconv_shortest(double x, uint64_t *sig, int *exp10)
{
	/* Dragonbox lives in fmt's detail namespace, but libfmt exports it
	 * (FMT_API) and has kept its signature since fmt 7: it is the
	 * shortest-digits step of every "{}" fmt writes.  Ties go to the even
	 * digit, as in Ryu, so the digits are std::to_chars' own. */
	fmt::detail::dragonbox::decimal_fp<double> d =
	    fmt::detail::dragonbox::to_decimal(x);
	uint64_t s = d.significand;
	int e = d.exponent;

	/* Dragonbox strips the zeros on its usual paths; this is for the
	 * rest, and costs a multiplication when there are none. */
	while (s % 10 == 0) {
		s /= 10;
		e++;
	}
	*sig = s;
	*exp10 = e;
}
