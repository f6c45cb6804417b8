/*
 * text.c - ASCII stand-ins for non-ASCII characters; see text.h.
 *
 * The table holds every non-ASCII character found in src/ and lessons/
 * (tests/app/check_text.c checks that it stays so), the usual maths and
 * typography around them, and the box-drawing block by rule.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/text.h"

/* One character and what stands in for it. */
struct text_sub {
	uint32_t	 cp;	/* Unicode code point */
	const char	*ascii;	/* its stand-in */
};

/* Sorted by code point, for the binary search. */
static const struct text_sub text_subs[] = {
	{ 0x00a0, " " },	/* no-break space */
	{ 0x00a1, "!" },
	{ 0x00a2, "c" },	/* cent */
	{ 0x00a3, "GBP" },
	{ 0x00a7, "S" },	/* section */
	{ 0x00a9, "(c)" },
	{ 0x00ab, "<<" },
	{ 0x00ac, "!" },	/* not */
	{ 0x00ad, "" },		/* soft hyphen */
	{ 0x00ae, "(R)" },
	{ 0x00b0, "deg" },
	{ 0x00b1, "+-" },
	{ 0x00b2, "2" },	/* superscripts two, three */
	{ 0x00b3, "3" },
	{ 0x00b4, "'" },
	{ 0x00b5, "u" },	/* micro */
	{ 0x00b6, "P" },	/* pilcrow */
	{ 0x00b7, "." },	/* middle dot */
	{ 0x00b9, "1" },
	{ 0x00bb, ">>" },
	{ 0x00bc, "1/4" },
	{ 0x00bd, "1/2" },
	{ 0x00be, "3/4" },
	{ 0x00bf, "?" },
	{ 0x00d7, "x" },	/* multiplication sign */
	{ 0x00f7, "/" },	/* division sign */
	{ 0x0393, "Gamma" },
	{ 0x0394, "Delta" },
	{ 0x0398, "Theta" },
	{ 0x039b, "Lambda" },
	{ 0x03a0, "Pi" },
	{ 0x03a3, "sum" },	/* capital sigma */
	{ 0x03a6, "Phi" },
	{ 0x03a9, "Omega" },
	{ 0x03b1, "alpha" },
	{ 0x03b2, "beta" },
	{ 0x03b3, "gamma" },
	{ 0x03b4, "delta" },
	{ 0x03b5, "eps" },	/* epsilon */
	{ 0x03b6, "zeta" },
	{ 0x03b7, "eta" },
	{ 0x03b8, "theta" },
	{ 0x03ba, "kappa" },
	{ 0x03bb, "lambda" },
	{ 0x03bc, "mu" },
	{ 0x03bd, "nu" },
	{ 0x03be, "xi" },
	{ 0x03c0, "pi" },
	{ 0x03c1, "rho" },
	{ 0x03c3, "sigma" },
	{ 0x03c4, "tau" },
	{ 0x03c6, "phi" },
	{ 0x03c7, "chi" },
	{ 0x03c8, "psi" },
	{ 0x03c9, "omega" },
	{ 0x03f5, "eps" },	/* lunate epsilon */
	{ 0x2002, " " },	/* en, em, thin and other spaces */
	{ 0x2003, " " },
	{ 0x2009, " " },
	{ 0x200a, " " },
	{ 0x200b, "" },		/* zero-width space */
	{ 0x2010, "-" },	/* hyphens and dashes */
	{ 0x2011, "-" },
	{ 0x2012, "-" },
	{ 0x2013, "-" },	/* en dash */
	{ 0x2014, "-" },	/* em dash */
	{ 0x2015, "-" },
	{ 0x2016, "||" },
	{ 0x2018, "'" },	/* single quotes */
	{ 0x2019, "'" },
	{ 0x201a, "," },
	{ 0x201c, "\"" },	/* double quotes */
	{ 0x201d, "\"" },
	{ 0x201e, "\"" },
	{ 0x2020, "+" },	/* dagger */
	{ 0x2022, "*" },	/* bullet */
	{ 0x2026, "..." },	/* ellipsis */
	{ 0x202f, " " },	/* narrow no-break space */
	{ 0x2030, "o/oo" },
	{ 0x2032, "'" },	/* primes */
	{ 0x2033, "\"" },
	{ 0x2039, "<" },
	{ 0x203a, ">" },
	{ 0x2044, "/" },	/* fraction slash */
	{ 0x2070, "0" },	/* superscript digits and signs */
	{ 0x2071, "i" },
	{ 0x2074, "4" },
	{ 0x2075, "5" },
	{ 0x2076, "6" },
	{ 0x2077, "7" },
	{ 0x2078, "8" },
	{ 0x2079, "9" },
	{ 0x207a, "+" },
	{ 0x207b, "-" },
	{ 0x207c, "=" },
	{ 0x207d, "(" },
	{ 0x207e, ")" },
	{ 0x207f, "n" },
	{ 0x2080, "0" },	/* subscript digits and signs */
	{ 0x2081, "1" },
	{ 0x2082, "2" },
	{ 0x2083, "3" },
	{ 0x2084, "4" },
	{ 0x2085, "5" },
	{ 0x2086, "6" },
	{ 0x2087, "7" },
	{ 0x2088, "8" },
	{ 0x2089, "9" },
	{ 0x208a, "+" },
	{ 0x208b, "-" },
	{ 0x208c, "=" },
	{ 0x208d, "(" },
	{ 0x208e, ")" },
	{ 0x20ac, "EUR" },
	{ 0x2113, "l" },	/* script l */
	{ 0x2122, "(TM)" },
	{ 0x2190, "<-" },	/* arrows */
	{ 0x2191, "^" },
	{ 0x2192, "->" },
	{ 0x2193, "v" },
	{ 0x2194, "<->" },
	{ 0x2195, "^v" },
	{ 0x21a6, "|->" },	/* maps to */
	{ 0x21b5, "<-'" },	/* return */
	{ 0x21d0, "<=" },
	{ 0x21d1, "^" },
	{ 0x21d2, "=>" },
	{ 0x21d3, "v" },
	{ 0x21d4, "<=>" },
	{ 0x2200, "for all" },	/* mathematical operators */
	{ 0x2202, "d" },	/* partial */
	{ 0x2203, "exists" },
	{ 0x2205, "{}" },
	{ 0x2206, "Delta" },
	{ 0x2207, "grad" },
	{ 0x2208, "in" },
	{ 0x2209, "!in" },	/* not an element of */
	{ 0x220f, "prod" },
	{ 0x2211, "sum" },
	{ 0x2212, "-" },	/* minus sign */
	{ 0x2213, "-+" },
	{ 0x2215, "/" },
	{ 0x2217, "*" },
	{ 0x2218, "o" },
	{ 0x2219, "." },
	{ 0x221a, "sqrt" },
	{ 0x221d, "~" },	/* proportional to */
	{ 0x221e, "inf" },
	{ 0x2223, "|" },
	{ 0x2227, "and" },
	{ 0x2228, "or" },
	{ 0x2229, "cap" },
	{ 0x222a, "cup" },
	{ 0x222b, "int" },
	{ 0x2234, "so" },
	{ 0x223c, "~" },
	{ 0x2243, "~=" },
	{ 0x2245, "~=" },
	{ 0x2248, "~=" },	/* almost equal */
	{ 0x2260, "!=" },
	{ 0x2261, "==" },
	{ 0x2264, "<=" },
	{ 0x2265, ">=" },
	{ 0x226a, "<<" },
	{ 0x226b, ">>" },
	{ 0x2282, "subset" },
	{ 0x2286, "subset=" },
	{ 0x22c5, "." },	/* dot operator */
	{ 0x22ef, "..." },
	{ 0x2308, "ceil(" },
	{ 0x2309, ")" },
	{ 0x230a, "floor(" },
	{ 0x230b, ")" },
	{ 0x2580, "#" },	/* block elements */
	{ 0x2584, "#" },
	{ 0x2588, "#" },
	{ 0x2591, "#" },
	{ 0x2592, "#" },
	{ 0x2593, "#" },
	{ 0x25a0, "#" },	/* geometric shapes */
	{ 0x25a1, "[]" },
	{ 0x25aa, "*" },
	{ 0x25b2, "^" },
	{ 0x25b6, ">" },
	{ 0x25b8, ">" },
	{ 0x25ba, ">" },
	{ 0x25bc, "v" },
	{ 0x25c0, "<" },
	{ 0x25c2, "<" },
	{ 0x25c4, "<" },
	{ 0x25c6, "*" },
	{ 0x25cb, "o" },
	{ 0x25cf, "*" },
	{ 0x2605, "*" },	/* stars */
	{ 0x2606, "*" },
	{ 0x2610, "[ ]" },	/* ballot boxes */
	{ 0x2611, "[x]" },
	{ 0x2612, "[x]" },
	{ 0x2713, "[x]" },	/* check marks */
	{ 0x2714, "[x]" },
	{ 0x2715, "x" },
	{ 0x2716, "x" },
	{ 0x2717, "[ ]" },	/* ballot x: "not yet" */
	{ 0x2718, "[ ]" },
	{ 0x27e8, "<" },	/* angle brackets */
	{ 0x27e9, ">" },
	{ 0x27f5, "<-" },	/* long arrows */
	{ 0x27f6, "->" },
	{ 0x27f7, "<->" },
	{ 0x2a2f, "x" },	/* vector cross product */
	{ 0xfeff, "" },		/* byte order mark */
};

/* Decodes the UTF-8 character at S into *CP; returns its length, or 0
 * when S starts no valid character (overlong, surrogate, cut short). */
static int
text_decode(const unsigned char *s, uint32_t *cp)
{
	static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	int n, i;

	n = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 :
	    s[0] >= 0xc2 ? 2 : 0;
	if (n == 0 || (s[0] >= 0xf0 && n != 4))
		return 0;
	*cp = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if (*cp < min[n] || *cp > 0x10ffff ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

/* The box-drawing block (U+2500 to U+257F) by shape: lines across "-",
 * lines down "|", diagonals, and every corner, tee and cross "+". */
static const char *
text_box(uint32_t cp)
{
	static const uint32_t across[] = { 0x2500, 0x2501, 0x2504, 0x2505,
	    0x2508, 0x2509, 0x254c, 0x254d, 0x2550, 0x2574, 0x2576, 0x2578,
	    0x257a, 0x257c, 0x257e };
	static const uint32_t down[] = { 0x2502, 0x2503, 0x2506, 0x2507,
	    0x250a, 0x250b, 0x254e, 0x254f, 0x2551, 0x2575, 0x2577, 0x2579,
	    0x257b, 0x257d, 0x257f };
	size_t i;

	for (i = 0; i < sizeof(across) / sizeof(across[0]); i++) {
		if (cp == across[i])
			return "-";
		if (cp == down[i])
			return "|";
	}
	if (cp == 0x2571)
		return "/";
	if (cp == 0x2572)
		return "\\";
	return cp == 0x2573 ? "X" : "+";
}

/* Orders text_subs entries for bsearch. */
static int
text_cmp(const void *key, const void *elem)
{
	uint32_t a = *(const uint32_t *)key;
	uint32_t b = ((const struct text_sub *)elem)->cp;

	return a < b ? -1 : a > b;
}

/* The stand-in for code point CP, or "?" when it has none. */
static const char *
text_lookup(uint32_t cp)
{
	const struct text_sub *e;

	if (cp >= 0x2500 && cp <= 0x257f)
		return text_box(cp);
	e = bsearch(&cp, text_subs, sizeof(text_subs) / sizeof(text_subs[0]),
	    sizeof(text_subs[0]), text_cmp);
	return e != NULL ? e->ascii : "?";
}

const char *
text_ascii(const char *s, int *len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;

	*len = *u != '\0';
	if (*u < 0x80)
		return NULL;
	if ((*len = text_decode(u, &cp)) == 0) {
		*len = 1;
		return "?";
	}
	return text_lookup(cp);
}

char *
text_to_ascii(char *out, size_t len, const char *s)
{
	const char *sub;
	size_t o = 0, n;
	int cl;

	if (len == 0)
		return out;
	while (*s != '\0') {
		sub = text_ascii(s, &cl);
		n = sub != NULL ? strlen(sub) : 1;
		if (o + n >= len)
			break;
		memcpy(out + o, sub != NULL ? sub : s, n);
		o += n;
		s += cl;
	}
	out[o] = '\0';
	return out;
}
