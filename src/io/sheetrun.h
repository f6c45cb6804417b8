/*
 * sheetrun.h - a sheet file's rows read on two threads, handed on in file
 * order.
 *
 * Blocks of rows are parsed one at a time, in file order, by whichever
 * thread is free; each thread then computes the block it parsed (the
 * exp, log-softmax and flags that are most of the work), and the blocks
 * are handed to the caller strictly in file order.  The results are the
 * same, bit for bit, as reading the blocks one after the other: the same
 * blocks, computed by the same code, handed on in the same order; the
 * first bad row in the file is the one told.
 */
#ifndef XENT_IO_SHEETRUN_H
#define XENT_IO_SHEETRUN_H

#include <stddef.h>

#include "io/sheetfile.h"

/* What is known of a block as it is handed on. */
struct sheetrun_block {
	int			bad;	/* 1: the block ends at a bad row (it
					 * holds the rows before it) */
	unsigned long long	bytes;	/* input read when it was parsed */
};

/* What the caller does with each block.  THREAD is 0 or 1, for scratch
 * kept per thread. */
struct sheetrun_fns {
	/* On the block's thread, blocks in any order (NULL: nothing),
	 * with the batch the block was put from.  Nonzero stops the run,
	 * as from EACH. */
	int	(*work)(void *arg, int thread, struct sheet *block,
		    const struct sheetfile_batch *batch);
	/* Every block in file order, one at a time; the last is BI->bad
	 * when the file has a bad row.  Nonzero stops the run, which
	 * returns that value. */
	int	(*each)(void *arg, int thread, struct sheet *block,
		    const struct sheetrun_block *bi);
};

/* Threads sheetrun uses on this machine: 2 with two processors or more,
 * else 1. */
int sheetrun_threads(void);

/* Reads ST's remaining rows in blocks of ROWS (sheetfile_block_rows) on
 * THREADS threads (1 or 2; the caller's own is one), calling FNS with
 * ARG.  Returns 0 after the last row, -1 with "FILE:LINE: message" in ERR
 * for a bad row or file (after EACH has had the rows before it), or the
 * nonzero value a callback returned.  ST is used up either way. */
int sheetrun(struct sheetfile_stream *st, int threads, long rows,
    const struct sheetrun_fns *fns, void *arg, char *err, size_t errlen);

#endif
