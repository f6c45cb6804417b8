/*
 * utf8.h - checking text that xent will save or show: well-formed UTF-8
 * (no overlong forms, surrogates or code points past U+10FFFF), and for
 * names and titles no byte-order mark and no control characters, so that
 * whatever is typed reopens from the file it is saved to.  Pure.
 */
#ifndef XENT_CORE_UTF8_H
#define XENT_CORE_UTF8_H

#include <stddef.h>

/* The length of the well-formed UTF-8 character at S (N bytes left), 1 to
 * 4; 0 when the bytes there start no valid character (an ASCII byte is a
 * character of length 1, NUL included). */
size_t utf8_char_len(const unsigned char *s, size_t n);

/* The offset of the first byte of S[0..N) that is not part of a valid
 * UTF-8 character, or N when there is none. */
size_t utf8_first_bad(const char *s, size_t n);

/* 0 when S may be a name or a title: valid UTF-8, no BOM, no control
 * characters; else -1 with the reason in WHY ("invalid UTF-8 at byte 3",
 * "a byte-order mark", "a control character"). */
int utf8_check_name(const char *s, char *why, size_t whylen);

#endif
