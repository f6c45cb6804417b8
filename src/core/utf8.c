/*
 * utf8.c - well-formed UTF-8; see utf8.h.
 */
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

size_t
utf8_char_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t k, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		k = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		k = 3;
		/* No overlong forms, no surrogates. */
		lo = c == 0xE0 ? 0xA0 : lo;
		hi = c == 0xED ? 0x9F : hi;
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 4;
		lo = c == 0xF0 ? 0x90 : lo;
		hi = c == 0xF4 ? 0x8F : hi;
	} else
		return 0;
	if (n < k || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return k;
}

size_t
utf8_first_bad(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if ((k = utf8_char_len(u + i, n - i)) == 0)
			return i;
		i += k;
	}
	return n;
}

int
utf8_check_name(const char *s, char *why, size_t whylen)
{
	size_t n = strlen(s), bad = utf8_first_bad(s, n), i;

	if (bad < n) {
		snprintf(why, whylen, "invalid UTF-8 at byte %zu", bad + 1);
		return -1;
	}
	if (strstr(s, "\xef\xbb\xbf") != NULL) {
		snprintf(why, whylen, "a byte-order mark (U+FEFF) in it");
		return -1;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
			snprintf(why, whylen, "a control character in it");
			return -1;
		}
	return 0;
}
