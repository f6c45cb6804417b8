/*
 * progress.h - which lesson steps a learner has passed, kept between runs
 * in the state folder (see recover.h), and which lesson was open last.
 */
#ifndef XENT_IO_PROGRESS_H
#define XENT_IO_PROGRESS_H

#include <stddef.h>

/* Fills PASSED[0..N) with 1 for each step of lesson SLUG passed before
 * (0 elsewhere).  Returns the count passed; 0 when nothing is recorded. */
int progress_load(const char *slug, unsigned char *passed, int n);

/* Records PASSED[0..N) for lesson SLUG.  -1 when it cannot be written. */
int progress_save(const char *slug, const unsigned char *passed, int n);

/* Forgets lesson SLUG's progress.  0 also when there was none. */
int progress_reset(const char *slug);

/* Remembers SLUG as the lesson opened last. */
void progress_set_last(const char *slug);

/* The lesson opened last into BUF; 0 when there is none. */
int progress_last(char *buf, size_t len);

#endif
