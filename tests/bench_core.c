/*
 * bench_core.c - times the model at a practitioner's scale: a million rows
 * of ten classes and 50,000 rows of a thousand.  For each: the bulk load
 * and the memory it leaves resident, a full recompute, single-cell edits
 * (which must cost O(K) plus O(log N), not a pass over the sheet) each
 * followed by the mean, and a screenful of derived cells.
 *
 *   build/bench_core             both shapes, one after the other
 *   build/bench_core ROWS K      one shape (a fresh process measures its
 *                                resident memory best)
 *
 * Prints figures; asserts nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/sheet.h"

/* Seconds since an arbitrary start, monotonic. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The /proc/self/status figure FIELD ("VmRSS:", "VmHWM:") in MiB, or -1. */
static double
mem_mib(const char *field)
{
	char line[256];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, field, strlen(field)) == 0)
			kib = strtol(line + strlen(field), NULL, 10);
	fclose(f);
	return kib < 0 ? -1 : kib / 1024.0;
}

/* A sheet of K classes named c0, c1, ...; NULL when out of memory. */
static struct sheet *
bench_sheet(int k)
{
	char **names = malloc(k * sizeof(char *));
	struct sheet *s = NULL;
	int i;

	if (names == NULL)
		return NULL;
	for (i = 0; i < k; i++) {
		names[i] = malloc(16);
		snprintf(names[i], 16, "c%d", i);
	}
	s = sheet_new(k, (const char *const *)names);
	for (i = 0; i < k; i++)
		free(names[i]);
	free(names);
	return s;
}

/* Reads a screenful (40 rows of every column) of derived cells. */
static double
bench_screen(const struct sheet *s, long top)
{
	double acc = 0;
	long r;
	int k;

	for (r = top; r < top + 40 && r < sheet_rows(s); r++) {
		for (k = 0; k < sheet_classes(s); k++)
			acc += sheet_exp(s, r, k) + sheet_p(s, r, k) +
			    sheet_neglog(s, r, k) + sheet_naive_p(s, r, k) +
			    sheet_y(s, r, k);
		acc += sheet_loss(s, r) + sheet_if_form(s, r);
	}
	return acc;
}

/* Loads ROWS x K random logits with one-hot targets and times the rest. */
static void
bench_shape(long rows, int k)
{
	double *a = malloc(k * sizeof(double)), *y = malloc(k * sizeof(double));
	double rss0 = mem_mib("VmRSS:"), t0, sink = 0;
	struct sheet *s = bench_sheet(k);
	long r, edits = 100000, screens = 1000;
	int j;

	if (a == NULL || y == NULL || s == NULL) {
		fprintf(stderr, "bench_core: out of memory\n");
		exit(1);
	}
	printf("== %ld rows x %d classes\n", rows, k);
	srand(7);
	t0 = now();
	for (r = 0; r < rows; r++) {
		for (j = 0; j < k; j++) {
			a[j] = (rand() / (double)RAND_MAX - 0.5) * 8;
			y[j] = j == r % k;
		}
		sheet_append(s, NULL, a, y, 0);
	}
	printf("   append:               %.3f s\n", now() - t0);
	t0 = now();
	sink += sheet_mean_loss(s);
	printf("   first mean:           %.3f ms\n", (now() - t0) * 1e3);
	printf("   resident:             %.1f MiB (sheet %.1f MiB, %.0f B/row;"
	    " peak %.1f MiB)\n", mem_mib("VmRSS:"), mem_mib("VmRSS:") - rss0,
	    (mem_mib("VmRSS:") - rss0) * 1048576 / rows, mem_mib("VmHWM:"));
	t0 = now();
	sheet_recompute(s);
	printf("   full recompute:       %.3f s\n", now() - t0);
	t0 = now();
	for (r = 0; r < edits; r++) {
		sheet_set_act(s, (r * 7919) % rows, r % k, r * 1e-6);
		sink += sheet_mean_loss(s);
	}
	printf("   one edit + mean:      %.2f us (average of %ld)\n",
	    (now() - t0) / edits * 1e6, edits);
	t0 = now();
	for (r = 0; r < screens; r++)
		sink += bench_screen(s, (r * 7919) % rows);
	printf("   screen of 40 rows:    %.1f us (average of %ld)\n",
	    (now() - t0) / screens * 1e6, screens);
	printf("   mean loss %.6f, accuracy %.4f%s\n", sheet_mean_loss(s),
	    sheet_accuracy(s), sink == 42 ? " " : "");
	sheet_free(s);
	free(a);
	free(y);
}

int
main(int argc, char **argv)
{
	if (argc == 3) {
		bench_shape(atol(argv[1]), atoi(argv[2]));
		return 0;
	}
	bench_shape(1000000, 10);
	bench_shape(50000, 1000);
	return 0;
}
