/*
 * bench_load.c - the grid's load path without a terminal, for make bench.
 *
 *   bench_load FILE           loads FILE as `xent FILE` does before the
 *                             screen opens (cli_load, then ctl_new, as
 *                             main.c's main_ctl), prints the seconds to
 *                             that point and the peak resident memory,
 *                             then frees
 *   bench_load ops FILE       loads FILE so, then times what a person
 *                             does on a validation set in the grid
 *                             (:sort, :filter, each :view screen, :fit,
 *                             a nudge and its undo) through the
 *                             controller, one line `op=NAME s=SECONDS`
 *                             each
 *   bench_load gen ROWS K     writes a benchmark sheet to standard output:
 *                             a label column (class index) and K logit
 *                             columns c0..c(K-1), uniform in [-4, 4) with
 *                             6 decimals
 *
 * The generator uses its own PRNG and formats digits itself, so the same
 * ROWS and K give the same bytes on any machine and C library.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "app/cli.h"
#include "app/ctl.h"
#include "core/sheet.h"

/* Seconds since an arbitrary start, monotonic. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* splitmix64: small, fast and fully specified. */
static uint64_t
next(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n well below 2^32. */
static uint32_t
below(uint64_t *x, uint32_t n)
{
	return (uint32_t)(((next(x) >> 32) * (uint64_t)n) >> 32);
}

/* Writes the decimal digits of V (< 10^10) at P; returns the end. */
static char *
put_uint(char *p, uint32_t v)
{
	char tmp[12];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

static int
gen(long rows, int k)
{
	static char buf[1 << 16];
	uint64_t x = 7;
	char line[16 * 4096 + 32], *p;
	long r;
	int j;

	if (rows < 0 || k < 1 || k > 4096) {
		fputs("bench_load: gen ROWS K (0 <= ROWS, 1 <= K <= 4096)\n",
		    stderr);
		return 2;
	}
	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	p = line;
	p += sprintf(p, "label");
	for (j = 0; j < k; j++)
		p += sprintf(p, ",c%d", j);
	*p++ = '\n';
	fwrite(line, 1, (size_t)(p - line), stdout);
	for (r = 0; r < rows; r++) {
		p = put_uint(line, below(&x, (uint32_t)k));
		for (j = 0; j < k; j++) {
			/* micro-units in [-4000000, 4000000) */
			int32_t u = (int32_t)below(&x, 8000000) - 4000000;
			uint32_t a, frac;
			int d;

			*p++ = ',';
			if (u < 0)
				*p++ = '-';
			a = (uint32_t)(u < 0 ? -u : u);
			p = put_uint(p, a / 1000000);
			*p++ = '.';
			frac = a % 1000000;
			for (d = 5; d >= 0; d--) {
				p[d] = (char)('0' + frac % 10);
				frac /= 10;
			}
			p += 6;
		}
		*p++ = '\n';
		fwrite(line, 1, (size_t)(p - line), stdout);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("bench_load: writing");
		return 1;
	}
	return 0;
}

/* Loads PATH as main.c's main_ctl does; NULL after a message, with the
 * exit status in *STATUS. */
static struct ctl *
open_ctl(const char *path, int *status)
{
	struct sheetfile_settings set;
	struct sheetfile_info info;
	struct sheet *s;
	struct ctl *c;

	memset(&set, 0, sizeof(set));
	if ((s = cli_load(path, &set, &info, status)) == NULL)
		return NULL;
	c = ctl_new(s, path, info.set.step);
	sheetfile_info_free(&info);
	if (c == NULL) {
		sheet_free(s);
		cli_error("out of memory");
		*status = XENT_EXIT_INPUT;
	}
	return c;
}

static int
load(const char *path)
{
	struct rusage ru;
	struct ctl *c;
	double t0 = now(), t;
	int status = 0;

	if ((c = open_ctl(path, &status)) == NULL)
		return status;
	t = now() - t0;
	getrusage(RUSAGE_SELF, &ru);
	printf("load_s=%.3f rows=%ld peak_rss_kb=%ld\n", t, sheet_rows(c->s),
	    (long)ru.ru_maxrss);
	ctl_free(c);
	return 0;
}

/* The grid's whole-set commands, timed in this order; a screen is left
 * with q before the next. */
static const char *const ops[] = {
	"sort loss", "filter confident_wrong", "filter off", "sort row",
	"view top", "view confusion", "view classes", "view calibration",
	"view issues", "fit temperature"
};

static int
run_ops(const char *path)
{
	struct ctl *c;
	double t0;
	size_t i;
	int status = 0;

	if ((c = open_ctl(path, &status)) == NULL)
		return status;
	for (i = 0; i < sizeof(ops) / sizeof(*ops); i++) {
		t0 = now();
		if (ctl_command(c, ops[i]) < 0)
			fprintf(stderr, "bench_load: :%s: %s\n", ops[i], c->msg);
		printf("op=%s s=%.4f\n", ops[i], now() - t0);
		if (c->screen.kind != SCREEN_NONE)
			ctl_key(c, 'q');
	}
	t0 = now();
	ctl_key(c, '+');
	ctl_key(c, 'u');
	printf("op=nudge+undo s=%.6f\n", now() - t0);
	ctl_free(c);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "gen") == 0)
		return gen(atol(argv[2]), atoi(argv[3]));
	if (argc == 3 && strcmp(argv[1], "ops") == 0)
		return run_ops(argv[2]);
	if (argc == 2)
		return load(argv[1]);
	fputs("usage: bench_load FILE | bench_load ops FILE | "
	    "bench_load gen ROWS K\n", stderr);
	return 2;
}
