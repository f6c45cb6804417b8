/*
 * progress.h - which lesson steps a learner has passed, kept between runs
 * in the state folder (see recover.h), and which lesson was open last.
 *
 * A lesson's progress is STATE/progress/SLUG.txt, one line: the word
 * "passed" and the numbers (1-based) of the steps passed, e.g.
 * "passed 1 2 5".  The last lesson opened is STATE/last-lesson, outside
 * that folder, so that no lesson's slug can name it.
 */
#ifndef XENT_IO_PROGRESS_H
#define XENT_IO_PROGRESS_H

#include <stddef.h>

/* Fills PASSED[0..N) with 1 for each step of lesson SLUG passed before
 * (0 elsewhere).  Returns the count passed; 0 when nothing is recorded.
 * A file that is not a progress file (not "passed" and step numbers from
 * 1 to N, something after them, or unreadable) is never half-read: -1
 * with "FILE:LINE: what is wrong" in ERR, and PASSED all 0, so that the
 * lesson starts afresh; the next progress_save replaces the file. */
int progress_load(const char *slug, unsigned char *passed, int n,
    char *err, size_t errlen);

/* Records PASSED[0..N) for lesson SLUG.  -1 when it cannot be written. */
int progress_save(const char *slug, const unsigned char *passed, int n);

/* Appends the guess GUESS a learner typed at step STEP (0-based) of
 * lesson SLUG, and the true value TRUTH, to STATE/progress/SLUG.guesses:
 * "step 3 guess 0.5 true 1", a line each.  -1 when it cannot be written. */
int progress_guess(const char *slug, int step, double guess, double truth);

/* Forgets lesson SLUG's progress and its guesses: 0 also when there was none; -1 with
 * "FILE: why" in ERR when the file cannot be removed. */
int progress_reset(const char *slug, char *err, size_t errlen);

/* Remembers SLUG as the lesson opened last (best effort). */
void progress_set_last(const char *slug);

/* The lesson opened last into BUF; 0 when there is none. */
int progress_last(char *buf, size_t len);

#endif
