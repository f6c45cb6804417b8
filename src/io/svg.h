/*
 * svg.h - the pictures of src/core/plot.h as SVG 1.1 files, for slides
 * and notes: text labels, the curve one <polyline> per branch, each bar
 * and each histogram bucket one <rect> (class "bar", "bucket").  No
 * curses; numbers in the C locale whatever the process locale says.
 */
#ifndef XENT_IO_SVG_H
#define XENT_IO_SVG_H

#include <stddef.h>
#include <stdio.h>

#include "core/plot.h"

/* Writes picture K of sheet S, about row R, to F.  H is the histogram
 * (NULL: counted here).  0, or -1 with the reason in ERR (PLOT_OFF, a
 * picture that needs what this build lacks, a write error). */
int svg_write(FILE *f, const struct sheet *s, enum plot_kind k, long r,
    const struct plot_hist *h, char *err, size_t errlen);

/* svg_write into PATH atomically: a temporary file beside it, then a
 * rename, so PATH is the old file or the whole new one.  0, or -1 with
 * "PATH: why" in ERR. */
int svg_save(const char *path, const struct sheet *s, enum plot_kind k,
    long r, const struct plot_hist *h, char *err, size_t errlen);

#endif
