/*
 * num_old.h - the number I/O xent had before <charconv>, for comparison
 * only (tests and bench); see num_old.c.
 */
#ifndef XENT_TESTS_CORE_NUM_OLD_H
#define XENT_TESTS_CORE_NUM_OLD_H

#include <stddef.h>

/* num_parse through strtod_l: the same contract, the old path. */
int num_old_parse(const char *text, double *out);

/* num_format through printf's "%.16e" cut back to the shortest form that
 * reads back: the same contract, the old path. */
char *num_old_format(char *buf, size_t len, double x);

#endif
