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
 * Then number I/O: num_parse and num_format against the strtod/printf
 * code they replaced.  Prints figures; asserts nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/num.h"
#include "core/sheet.h"
#include "tests/core/num_old.h"

#define NUMS 1000000	/* distinct numbers; each timing makes 10M calls */
#define PASSES 10

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

/* NUMS doubles of one kind: KIND 0 a sheet's ("%.6f" logits), 1 computed
 * (softmax outputs, full precision), 2 any bit pattern that is finite. */
static void
fill(double *x, int kind)
{
	unsigned long long u = 88172645463325252ULL + (unsigned)kind;
	long i;

	for (i = 0; i < NUMS; i++) {
		u ^= u << 13;
		u ^= u >> 7;
		u ^= u << 17;
		if (kind == 0)
			x[i] = round(((double)(u >> 11) / 9007199254740992.0 -
			    0.5) * 8e6) / 1e6;
		else if (kind == 1)
			x[i] = exp(-(double)(u >> 11) / 9007199254740992.0 * 20);
		else
			memcpy(&x[i], &u, sizeof(x[i]));
		if (!isfinite(x[i]))
			x[i] = 1;
	}
}

/* Nanoseconds a call of FMT (old or new num_format) over X, leaving its
 * texts in TXT; when DIFFER is not NULL, first counts there the texts that
 * differ from those TXT held (the other one's). */
static double
time_format(char *(*fmt)(char *, size_t, double), const double *x,
    char (*txt)[NUM_BUFSZ], long *differ)
{
	char buf[NUM_BUFSZ];
	double t0;
	long i, p;

	for (i = 0; differ != NULL && i < NUMS; i++)
		*differ += strcmp(fmt(buf, sizeof(buf), x[i]), txt[i]) != 0;
	t0 = now();
	for (p = 0; p < PASSES; p++)
		for (i = 0; i < NUMS; i++)
			fmt(p == 0 ? txt[i] : buf, NUM_BUFSZ, x[i]);
	return (now() - t0) / ((double)NUMS * PASSES) * 1e9;
}

/* Nanoseconds a call of PARSE (old or new num_parse) over TXT; counts
 * the texts that do not read back to X in *BAD. */
static double
time_parse(int (*parse)(const char *, double *), const double *x,
    char (*txt)[NUM_BUFSZ], long *bad)
{
	double t0 = now(), v, sum = 0;
	long i, p;

	*bad = 0;
	for (p = 0; p < PASSES; p++)
		for (i = 0; i < NUMS; i++) {
			if (parse(txt[i], &v) != 0 || (v != x[i] && x[i] != 0))
				(*bad)++;
			sum += v;
		}
	t0 = (now() - t0) / ((double)NUMS * PASSES) * 1e9;
	return sum == 42 ? 0 : t0;	/* keeps the loop from being dropped */
}

/* Times num_parse and num_format, old and new, on each kind of number. */
static void
bench_num(void)
{
	static const char *const kinds[] = { "sheet %.6f", "computed",
	    "any bits" };
	double *x = malloc(NUMS * sizeof(*x));
	char (*txt)[NUM_BUFSZ] = malloc(NUMS * sizeof(*txt));
	double fo, fn, po, pn;
	long diff, bad_o, bad_n;
	int kind;

	if (x == NULL || txt == NULL)
		goto out;
	printf("   number I/O, ns a call (%d calls each; old = strtod_l and "
	    "printf):\n", NUMS * PASSES);
	for (kind = 0; kind < 3; kind++) {
		fill(x, kind);
		diff = 0;
		fo = time_format(num_old_format, x, txt, NULL);
		fn = time_format(num_format, x, txt, &diff);
		po = time_parse(num_old_parse, x, txt, &bad_o);
		pn = time_parse(num_parse, x, txt, &bad_n);
		printf("   %-11s format old %6.0f new %5.0f (x%.1f, %ld of %d "
		    "texts differ)\n", kinds[kind], fo, fn, fo / fn, diff, NUMS);
		printf("   %-11s parse  old %6.0f new %5.0f (x%.1f, %ld/%ld "
		    "misread)\n", "", po, pn, po / pn, bad_o, bad_n);
	}
out:
	free(txt);
	free(x);
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
	bench_num();
	return 0;
}
