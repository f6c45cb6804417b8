/*
 * eval_int.h - what eval.c and evalrows.c share: the table's output, held
 * in memory until EVAL_HOLD bytes of it have built up, so that a bad file
 * of ordinary size writes nothing but its message.
 */
#ifndef XENT_APP_EVAL_INT_H
#define XENT_APP_EVAL_INT_H

#include <stddef.h>
#include <stdio.h>

/* Bytes of table held back before any is written. */
#define EVAL_HOLD	(4u << 20)

/* The table's destination: held in memory while HELD, then stdout. */
struct eval_out {
	FILE	*f;		/* the memory stream, then stdout */
	char	*buf;		/* what is held */
	size_t	 len;
	int	 held;
};

/* Starts holding the output; -1 when out of memory. */
int eval_out_open(struct eval_out *o);

/* Writes what is held to stdout and stops holding, once EVAL_HOLD bytes
 * have built up, or at once with FORCE.  -1 on a write error. */
int eval_out_spill(struct eval_out *o, int force);

/* Drops what is held (after an error) and stops holding. */
void eval_out_drop(struct eval_out *o);

#endif
