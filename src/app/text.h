/*
 * text.h - ASCII stand-ins for the non-ASCII characters xent and its
 * lessons print, for screens outside a UTF-8 locale.
 *
 * A stand-in spells the character in ASCII ("-" for the minus sign, "~="
 * for approximately equal, "2" for a subscript two), so that "log₁₀ 0.5"
 * reads "log10 0.5" instead of "log?? 0.5".  Its width is its length: a
 * stand-in is plain ASCII, one column a byte.  Pure: no locale, no
 * terminal; the UTF-8 is decoded here.
 */
#ifndef XENT_APP_TEXT_H
#define XENT_APP_TEXT_H

#include <stddef.h>

/* The ASCII stand-in for the character at S, a UTF-8 string, with the
 * character's length in bytes in *LEN (1 for an ASCII byte or a byte that
 * starts no valid character; 0 at the terminating NUL).  Returns NULL for
 * an ASCII character (S itself is its own stand-in), "?" for a character
 * or byte with no stand-in; "" for one that shows nothing (a BOM). */
const char *text_ascii(const char *s, int *len);

/* Writes S with every non-ASCII character replaced by its stand-in (ASCII
 * is copied as it is) into OUT of LEN bytes, always terminated and cut
 * before a stand-in that does not fit.  Returns OUT. */
char *text_to_ascii(char *out, size_t len, const char *s);

#endif
