/*
 * bench_core.c - times the model on a million rows of ten classes: the
 * bulk load, a full recompute, and single-cell edits (which must cost
 * O(K) plus O(log N), not a pass over the sheet).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/sheet.h"

#define ROWS 1000000
#define K 10

/* Seconds since an arbitrary start, monotonic. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(void)
{
	const char *names[K] = { "c0", "c1", "c2", "c3", "c4", "c5", "c6",
	    "c7", "c8", "c9" };
	struct sheet *s = sheet_new(K, names);
	double a[K], y[K], t0;
	long r, edits = 100000;
	int k;

	srand(7);
	t0 = now();
	for (r = 0; r < ROWS; r++) {
		for (k = 0; k < K; k++) {
			a[k] = (rand() / (double)RAND_MAX - 0.5) * 8;
			y[k] = k == r % K;
		}
		sheet_append(s, NULL, a, y, 0);
	}
	printf("   append %d rows:      %.3f s\n", ROWS, now() - t0);
	t0 = now();
	sheet_recompute(s);
	printf("   full recompute:       %.3f s\n", now() - t0);
	t0 = now();
	for (r = 0; r < edits; r++)
		sheet_set_act(s, (r * 7919) % ROWS, r % K, r * 1e-6);
	printf("   one edit + mean:      %.2f us (average of %ld)\n",
	    (now() - t0) / edits * 1e6, edits);
	printf("   mean loss %.6f, accuracy %.4f\n", sheet_mean_loss(s),
	    sheet_accuracy(s));
	sheet_free(s);
	return 0;
}
