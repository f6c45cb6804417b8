/*
 * explain.h - plain words for what a row's numbers mean.
 *
 * The grid's status line reads these out, so a lecturer can point at the
 * screen and the class can read why a loss is screwy.  Pure: no I/O.
 */
#ifndef XENT_CORE_EXPLAIN_H
#define XENT_CORE_EXPLAIN_H

#include <stddef.h>

#include "core/sheet.h"

/* Writes one to three sentences about row R of S into BUF (always
 * terminated, truncated to LEN): the most important flag first, with the
 * row's own numbers, or for an unflagged row what its loss is made of.
 * Numbers are rounded for reading (about 4 significant digits); the log is
 * named for the sheet's base (ln, log2, log10).  Returns BUF. */
char *explain_row(const struct sheet *s, long r, char *buf, size_t len);

/* A short tag for flag bit number I, for the flags column: a word such as
 * "SUM!=1" in ASCII, or with a symbol when UTF8 is set ("Σ≠1").  Never
 * colour alone: the tag itself carries the meaning. */
const char *explain_flag_tag(int i, int utf8);

/* One line about the whole sheet: rows, mean loss, accuracy, and how many
 * rows carry each raised flag, e.g. "5 rows · mean loss 0.331 · ...". */
char *explain_sheet(const struct sheet *s, char *buf, size_t len, int utf8);

#endif
