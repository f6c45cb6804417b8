/*
 * bench_load.c - the grid's load path without a terminal, for make bench.
 *
 *   bench_load FILE           loads FILE as `xent FILE` does before the
 *                             screen opens (cli_load, then ctl_new, as
 *                             main.c's main_ctl), prints the seconds to
 *                             that point and the peak resident memory,
 *                             then frees
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

static int
load(const char *path)
{
	struct sheetfile_settings set;
	struct sheetfile_info info;
	struct rusage ru;
	struct sheet *s;
	struct ctl *c;
	double t0, t;
	int status = 0;
	long rows;

	memset(&set, 0, sizeof(set));
	t0 = now();
	/* As main.c's main_ctl. */
	if ((s = cli_load(path, &set, &info, &status)) == NULL)
		return status;
	c = ctl_new(s, path, info.set.step);
	sheetfile_info_free(&info);
	if (c == NULL) {
		sheet_free(s);
		cli_error("out of memory");
		return XENT_EXIT_INPUT;
	}
	t = now() - t0;
	rows = sheet_rows(c->s);
	getrusage(RUSAGE_SELF, &ru);
	printf("load_s=%.3f rows=%ld peak_rss_kb=%ld\n", t, rows,
	    (long)ru.ru_maxrss);
	ctl_free(c);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "gen") == 0)
		return gen(atol(argv[2]), atoi(argv[3]));
	if (argc == 2)
		return load(argv[1]);
	fputs("usage: bench_load FILE | bench_load gen ROWS K\n", stderr);
	return 2;
}
