/*
 * sheetrun.c - two threads over one sheet file; see sheetrun.h.
 *
 * Two locks: one for the reader (parsing a block takes a ticket, the
 * block's place in the file), one for the hand-over, where a thread
 * waits until every block before its ticket has been handed on.  Nothing
 * is held while a block is computed, so one thread computes while the
 * other parses.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/num.h"
#include "io/sheetrun.h"

/* One thread's block. */
struct sheetrun_job {
	struct sheetfile_batch	*batch;
	struct sheet		*block;
	long			 ticket;
	int			 bad;		/* ends at a bad row */
	unsigned long long	 bytes;		/* input read by then */
	int			 rc;		/* work's result, when nonzero */
	char			 err[1024];
};

/* What the threads share. */
struct sheetrun {
	struct sheetfile_stream	  *st;
	const struct sheetrun_fns *fns;
	void			  *arg;
	long			   rows;	/* per block */

	pthread_mutex_t		   parse;	/* the reader and below */
	long			   next;	/* ticket of the next block */
	int			   done;	/* no more blocks to parse */

	pthread_mutex_t		   turn_lock;	/* the hand-over and below */
	pthread_cond_t		   turn_cv;
	long			   turn;	/* ticket to be handed on */
	int			   stopped;	/* nothing more is handed on */
	int			   rc;		/* the run's result */
	char			   err[1024];	/* its message */
	struct sheetrun_job	  *job;		/* one a thread */
};

int
sheetrun_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n >= 2 ? 2 : 1;
}

/* Stops parsing: no thread takes another ticket. */
static void
sheetrun_halt(struct sheetrun *R)
{
	pthread_mutex_lock(&R->parse);
	R->done = 1;
	pthread_mutex_unlock(&R->parse);
}

/* Parses the next block into J under the reader's lock.  0 with a
 * ticket, 1 when there is nothing left. */
static int
sheetrun_take(struct sheetrun *R, struct sheetrun_job *J)
{
	long n;

	pthread_mutex_lock(&R->parse);
	if (R->done) {
		pthread_mutex_unlock(&R->parse);
		return 1;
	}
	n = sheetfile_parse(R->st, J->batch, R->rows, J->err, sizeof(J->err));
	J->bad = n < 0;
	sheetfile_rows_read(R->st, &J->bytes);
	if (n <= 0)
		R->done = 1;
	if (n == 0) {
		pthread_mutex_unlock(&R->parse);
		return 1;
	}
	J->ticket = R->next++;
	pthread_mutex_unlock(&R->parse);
	return 0;
}

/* Computes J's rows into a new block and runs the caller's work on it;
 * a failure makes the block bad, with its message. */
static void
sheetrun_compute(struct sheetrun *R, int thread, struct sheetrun_job *J)
{
	int rc;

	J->rc = 0;
	J->block = sheetfile_block(R->st);
	if (J->block == NULL) {
		snprintf(J->err, sizeof(J->err), "out of memory");
		J->bad = 1;
		return;
	}
	if (sheetfile_batch_put(R->st, J->batch, J->block, J->err,
	    sizeof(J->err)) < 0) {
		J->bad = 1;
		return;
	}
	if (R->fns->work != NULL &&
	    (rc = R->fns->work(R->arg, thread, J->block, J->batch)) != 0)
		J->rc = rc;
}

/* Waits for J's turn, hands J on (unless the run has stopped), and lets
 * the next ticket go. */
static void
sheetrun_hand(struct sheetrun *R, int thread, struct sheetrun_job *J)
{
	struct sheetrun_block bi = { J->bad, J->bytes };
	int rc = 0;

	pthread_mutex_lock(&R->turn_lock);
	while (R->turn != J->ticket)
		pthread_cond_wait(&R->turn_cv, &R->turn_lock);
	if (!R->stopped) {
		if (J->rc != 0)
			rc = J->rc;
		else if (J->block != NULL)
			rc = R->fns->each(R->arg, thread, J->block, &bi);
		if (rc == 0 && J->bad == 1) {
			rc = -1;
			snprintf(R->err, sizeof(R->err), "%s", J->err);
		}
		if (rc != 0) {
			R->stopped = 1;
			R->rc = rc;
			sheetrun_halt(R);
		}
	}
	R->turn++;
	pthread_cond_broadcast(&R->turn_cv);
	pthread_mutex_unlock(&R->turn_lock);
}

/* One thread's loop: parse, compute, hand on, until the end. */
static void
sheetrun_loop(struct sheetrun *R, int thread)
{
	struct sheetrun_job *J = &R->job[thread];

	while (sheetrun_take(R, J) == 0) {
		sheetrun_compute(R, thread, J);
		sheetrun_hand(R, thread, J);
		sheet_free(J->block);
		J->block = NULL;
	}
}

/* The second thread's start. */
static void *
sheetrun_thread(void *p)
{
	sheetrun_loop(p, 1);
	return NULL;
}

int
sheetrun(struct sheetfile_stream *st, int threads, long rows,
    const struct sheetrun_fns *fns, void *arg, char *err, size_t errlen)
{
	struct sheetrun_job job[2];
	struct sheetrun R;
	pthread_t t;
	int two, i;

	memset(&R, 0, sizeof(R));
	memset(job, 0, sizeof(job));
	R.job = job;
	R.st = st;
	R.fns = fns;
	R.arg = arg;
	R.rows = rows > 0 ? rows : 1;
	for (i = 0; i < 2; i++)
		if ((job[i].batch = sheetfile_batch_new(st, R.rows)) == NULL) {
			sheetfile_batch_free(job[0].batch);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	num_init();
	pthread_mutex_init(&R.parse, NULL);
	pthread_mutex_init(&R.turn_lock, NULL);
	pthread_cond_init(&R.turn_cv, NULL);
	two = threads >= 2 && pthread_create(&t, NULL, sheetrun_thread, &R) == 0;
	sheetrun_loop(&R, 0);
	if (two)
		pthread_join(t, NULL);
	pthread_cond_destroy(&R.turn_cv);
	pthread_mutex_destroy(&R.turn_lock);
	pthread_mutex_destroy(&R.parse);
	for (i = 0; i < 2; i++)
		sheetfile_batch_free(job[i].batch);
	if (R.rc == -1)
		snprintf(err, errlen, "%s", R.err);
	return R.rc;
}
