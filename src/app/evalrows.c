/*
 * evalrows.c - `xent eval --filter/--top/--sort/--report/--format json`.
 *
 * Four ways through the file, chosen by the flags:
 *   - streaming (--filter, --format json, --summary with --filter): a
 *     block at a time, the rows that pass copied into a small sheet and
 *     written, with eval's held-back output (nothing written for a bad
 *     file under EVAL_HOLD bytes of table);
 *   - --top N: a block at a time into a heap of the N rows that come
 *     first in the --sort order (default loss), each kept as a copy of
 *     its inputs, so memory stays N rows however long the file;
 *   - --sort without --top, and --report: the whole (filtered) file in
 *     one sheet, then sorted row indices or the whole-set figures.
 * The rows written are always a sheet's, through the table writers, so
 * they are the numbers `xent eval` writes for the same rows.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "app/eval_int.h"
#include "app/evalrows.h"
#include "app/report.h"
#include "core/rowfilter.h"
#include "core/rowkey.h"
#include "io/sheetrun.h"

/* What a run needs besides its flags. */
struct evalrows_run {
	const struct evalrows_args	*a;
	struct sheetfile_stream		*st;
	const struct sheetfile_info	*info;
	struct rowkey			 key;
	struct rowfilter		*filter;	/* NULL: every row */
	int				 k;		/* classes */
	char				 err[1024];
};

/* One row kept by --top: its key and a copy of its inputs. */
struct evalrows_held {
	struct rowkey_item	 it;
	char			*id;
	char			**text;		/* its text cells (ntext) */
	unsigned		 bits;		/* sheet_row_get's */
	double			*a, *y;		/* K each, in the slab */
};

int
evalrows_wanted(const struct evalrows_args *a)
{
	return a->sort != NULL || a->top > 0 || a->filter != NULL ||
	    a->report || a->bins > 0 || a->json;
}

int
evalrows_check(const struct evalrows_args *a)
{
	if (a->report && (a->sort != NULL || a->top > 0)) {
		cli_error("eval: --report is about the whole set: it does not "
		    "go with --sort or --top (--filter picks the rows)");
		return -1;
	}
	if (a->summary && (a->sort != NULL || a->top > 0 || a->report)) {
		cli_error("eval: --summary does not go with --sort, --top or "
		    "--report");
		return -1;
	}
	if (a->bins > 0 && !a->report) {
		cli_error("eval: --bins goes with --report");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Output                                                             */
/* ------------------------------------------------------------------ */

/* The table's head, for the formats that have one. */
static int
evalrows_head(FILE *f, const struct evalrows_run *x, const struct sheet *s)
{
	if (x->a->json || x->a->summary)
		return 0;
	return sheetfile_write_head(f, s, x->info, x->a->fmt);
}

/* S's rows in the table's format. */
static int
evalrows_put(FILE *f, const struct evalrows_run *x, const struct sheet *s)
{
	if (x->a->json)
		return report_json_rows(f, s, x->info);
	return sheetfile_write_rows(f, s, x->info, x->a->fmt);
}

/* The end of the output; -1 (after the message) on a write error. */
static int
evalrows_done(int rc)
{
	if (rc < 0 || fflush(stdout) != 0) {
		cli_error("eval: cannot write the output");
		return XENT_EXIT_INPUT;
	}
	return XENT_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Rows                                                               */
/* ------------------------------------------------------------------ */

/* 1 when row R of S passes the filter (every row does without one). */
static int
evalrows_passes(const struct evalrows_run *x, const struct sheet *s, long r)
{
	return x->filter == NULL || rowfilter_match(x->filter, s, r);
}

/* Copies the rows of S that pass the filter into TO; -1 (no memory). */
static int
evalrows_select_into(struct evalrows_run *x, struct sheet *to,
    const struct sheet *s)
{
	long r;

	for (r = 0; r < sheet_rows(s); r++)
		if (evalrows_passes(x, s, r) && sheet_append_row(to, s, r) < 0)
			return -1;
	return 0;
}

/* The rows of block S that pass the filter: S itself without a filter,
 * else a new sheet; NULL when out of memory. */
static struct sheet *
evalrows_select(struct evalrows_run *x, struct sheet *s)
{
	struct sheet *t;

	if (x->filter == NULL)
		return s;
	if ((t = sheetfile_block(x->st)) == NULL)
		return NULL;
	if (evalrows_select_into(x, t, s) < 0) {
		sheet_free(t);
		return NULL;
	}
	return t;
}

/* The message for a read that ended with N (-1 or -2); the status. */
static int
evalrows_fail(struct evalrows_run *x, long n)
{
	int status = XENT_EXIT_INPUT;

	if (n == -2)
		cli_error("eval: out of memory");
	else
		cli_read_error(x->st, x->err, &status);
	return status;
}

/* What evalrows_each does with block S, whose first row is row FIRST of
 * the file; -1 when out of memory. */
typedef int (*evalrows_block_fn)(struct evalrows_run *x, void *arg,
    const struct sheet *s, long first);

/* evalrows_each's run: the step and where the file has got to. */
struct evalrows_walk {
	struct evalrows_run	*x;
	evalrows_block_fn	 fn;
	void			*arg;
	long			 first;
};

/* sheetrun's step, block by block in file order: FN, but not on a
 * block that ends at a bad row (the rows before it are not given).
 * 2 when FN ran out of memory. */
static int
evalrows_walk_each(void *arg, int thread, struct sheet *block,
    const struct sheetrun_block *bi)
{
	struct evalrows_walk *W = arg;

	(void)thread;
	if (bi->bad)
		return 0;
	if (W->fn(W->x, W->arg, block, W->first) < 0)
		return 2;
	W->first += sheet_rows(block);
	return 0;
}

/* The rows a block of X's file holds. */
static long
evalrows_block_rows(const struct evalrows_run *x)
{
	return sheetfile_block_rows(x->k);
}

/* Reads the rest of the file a block at a time into FN with ARG, parsed
 * and computed on two threads (sheetrun), handed to FN in file order.
 * 0 at the end; else, for evalrows_fail, -1 (a bad row: the rows before
 * it are not given) or -2 (out of memory). */
static long
evalrows_each(struct evalrows_run *x, evalrows_block_fn fn, void *arg)
{
	static const struct sheetrun_fns fns = { NULL, evalrows_walk_each };
	struct evalrows_walk W = { x, fn, arg, 0 };
	int rc = sheetrun(x->st, sheetrun_threads(), evalrows_block_rows(x),
	    &fns, &W, x->err, sizeof(x->err));

	return rc == 0 ? 0 : rc == 2 ? -2 : -1;
}

/* ------------------------------------------------------------------ */
/* Streaming                                                          */
/* ------------------------------------------------------------------ */

/* A stream's run: the output, the summary, and each thread's block:
 * the rows it picked (for the summary) or their text. */
struct evalrows_flow {
	struct evalrows_run	*x;
	struct eval_out		 o;
	struct sheetfile_totals	 t;
	struct sheet		*sel[2];	/* a thread's pick; may be
						 * its block itself */
	char			*buf[2];	/* a thread's rows, written */
	size_t			 len[2], cap[2];
	FILE			*mf[2];		/* JSON: a thread's memory
						 * stream, over JBUF */
	char			*jbuf[2];
	size_t			 jlen[2];
	int			 werr;		/* a write failed */
};

/* Frees THREAD's pick, unless it is BLOCK itself. */
static void
evalrows_flow_drop(struct evalrows_flow *F, int thread,
    const struct sheet *block)
{
	if (F->sel[thread] != block)
		sheet_free(F->sel[thread]);
	F->sel[thread] = NULL;
}

/* Writes SEL's rows into THREAD's buffer: JSON Lines (through the
 * thread's memory stream, rewound for each block), or the table
 * (copying BATCH's kept texts: SEL is then the block they came from, or
 * BATCH is NULL).  -1 when out of memory. */
static int
evalrows_flow_format(struct evalrows_flow *F, int thread,
    const struct sheet *sel, const struct sheetfile_batch *batch)
{
	FILE *f = F->mf[thread];

	F->len[thread] = 0;
	if (!F->x->a->json)
		return sheetfile_format_rows(&F->buf[thread], &F->len[thread],
		    &F->cap[thread], sel, batch, F->x->info, F->x->a->fmt);
	if (f == NULL && (f = F->mf[thread] = open_memstream(&F->jbuf[thread],
	    &F->jlen[thread])) == NULL)
		return -1;
	if (fseeko(f, 0, SEEK_SET) != 0 ||
	    report_json_rows(f, sel, F->x->info) < 0 || fflush(f) != 0)
		return -1;
	/* Valid after the flush: the stream's buffer, up to its position. */
	F->buf[thread] = F->jbuf[thread];
	F->len[thread] = F->jlen[thread];
	return 0;
}

/* sheetrun's work, on the block's thread: the rows that pass, and
 * unless they are for the summary, their text. */
static int
evalrows_flow_work(void *arg, int thread, struct sheet *block,
    const struct sheetfile_batch *batch)
{
	struct evalrows_flow *F = arg;
	int rc;

	if ((F->sel[thread] = evalrows_select(F->x, block)) == NULL)
		return 2;
	if (F->x->a->summary)
		return 0;
	rc = evalrows_flow_format(F, thread, F->sel[thread],
	    F->sel[thread] == block ? batch : NULL);
	evalrows_flow_drop(F, thread, block);
	return rc < 0 ? 2 : 0;
}

/* sheetrun's step, in file order: the rows written, or the pick added
 * to the summary.  A block that ends at a bad row goes out only when
 * the table is already going out; then the run ends with the message. */
static int
evalrows_flow_each(void *arg, int thread, struct sheet *block,
    const struct sheetrun_block *bi)
{
	struct evalrows_flow *F = arg;

	if (F->x->a->summary) {
		sheetfile_totals_add(&F->t, F->sel[thread]);
		evalrows_flow_drop(F, thread, block);
	} else if (bi->bad && F->o.held)
		eval_out_drop(&F->o);
	else if ((F->len[thread] > 0 && fwrite(F->buf[thread], 1,
	    F->len[thread], F->o.f) != F->len[thread]) ||
	    (!bi->bad && eval_out_spill(&F->o, 0) < 0))
		F->werr = 1;
	if (bi->bad)
		fflush(stdout);
	return F->werr ? 3 : 0;
}

/* --filter, --format json, --summary --filter: block by block, the rows
 * picked on two threads and written in file order. */
static int
evalrows_stream(struct evalrows_run *x, const struct sheet *probe)
{
	static const struct sheetrun_fns fns = { evalrows_flow_work,
	    evalrows_flow_each };
	struct evalrows_flow F;
	int rc, i;

	memset(&F, 0, sizeof(F));
	F.x = x;
	if (eval_out_open(&F.o) < 0)
		return evalrows_fail(x, -2);
	rc = evalrows_head(F.o.f, x, probe);
	/* Every row written: copy the logits' own text, keep the exps. */
	if (!x->a->summary && x->filter == NULL)
		sheetfile_for_table(x->st);
	if (rc == 0)
		rc = sheetrun(x->st, sheetrun_threads(), evalrows_block_rows(x),
		    &fns, &F, x->err, sizeof(x->err));
	/* A pick made but never handed on (the run stopped first); without
	 * a filter it was the block, which sheetrun has freed. */
	if (x->filter != NULL) {
		sheet_free(F.sel[0]);
		sheet_free(F.sel[1]);
	}
	for (i = 0; i < 2; i++) {
		if (F.mf[i] != NULL)
			fclose(F.mf[i]);
		free(F.mf[i] != NULL ? F.jbuf[i] : F.buf[i]);
	}
	if (rc != 0 || F.werr) {
		if (F.o.held || x->a->summary || rc == 2)
			eval_out_drop(&F.o);
		if (F.werr)
			return evalrows_done(-1);
		return evalrows_fail(x, rc == 2 ? -2 : -1);
	}
	if (x->a->summary)
		rc = x->a->json ? report_json_totals(F.o.f, &F.t) :
		    sheetfile_write_totals(F.o.f, &F.t);
	if (eval_out_spill(&F.o, 1) < 0)
		rc = -1;
	return evalrows_done(rc);
}

/* ------------------------------------------------------------------ */
/* The whole file in one sheet                                        */
/* ------------------------------------------------------------------ */

/* evalrows_each's step for evalrows_whole: S's rows that pass into ALL
 * (all of them at once without a filter). */
static int
evalrows_gather(struct evalrows_run *x, void *all, const struct sheet *s,
    long first)
{
	(void)first;
	if (x->filter == NULL)
		return sheet_append_sheet(all, s);
	return evalrows_select_into(x, all, s);
}

/* Every row of the file that passes the filter, in one new sheet; NULL
 * after the message, with *STATUS. */
static struct sheet *
evalrows_whole(struct evalrows_run *x, int *status)
{
	struct sheet *all;
	long n;

	if ((all = sheetfile_block(x->st)) == NULL) {
		*status = evalrows_fail(x, -2);
		return NULL;
	}
	if ((n = evalrows_each(x, evalrows_gather, all)) < 0) {
		sheet_free(all);
		*status = evalrows_fail(x, n);
		return NULL;
	}
	return all;
}

/* A sorted write: the rows of S in the order ROWS, formatted a chunk
 * of MAX rows at a time, the odd chunks on a second thread while the
 * caller's makes and writes the even ones, all written in order. */
struct evalrows_order {
	struct evalrows_run	*x;
	const struct sheet	*s;
	const long		*rows;
	long			 n, max, chunks;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cv;
	long			 ready;		/* the worker's chunk made: its
						 * number, else -1 */
	int			 stop;		/* the writer gives up */
	char			*text;		/* the worker's chunk */
	size_t			 len;
	int			 rc;		/* ... and how its making went */
};

/* Formats chunk C of O into *TEXT (malloc'd, *LEN bytes); 0 or -1. */
static int
evalrows_chunk(struct evalrows_order *O, long c, char **text, size_t *len)
{
	struct sheet *b = sheetfile_block(O->x->st);
	long i = c * O->max, end = i + O->max < O->n ? i + O->max : O->n;
	FILE *f = NULL;
	int rc = -1;

	*text = NULL;
	*len = 0;
	if (b != NULL && (f = open_memstream(text, len)) != NULL) {
		while (i < end && sheet_append_row(b, O->s, O->rows[i]) >= 0)
			i++;
		rc = i < end ? -1 : evalrows_put(f, O->x, b);
		if (fclose(f) != 0)
			rc = -1;
	}
	sheet_free(b);
	return rc;
}

/* The second thread: the odd chunks, each once the writer has taken
 * the one before. */
static void *
evalrows_order_worker(void *arg)
{
	struct evalrows_order *O = arg;
	char *text;
	size_t len;
	long c;
	int rc;

	for (c = 1; c < O->chunks; c += 2) {
		rc = evalrows_chunk(O, c, &text, &len);
		pthread_mutex_lock(&O->lock);
		while (O->ready >= 0 && !O->stop)
			pthread_cond_wait(&O->cv, &O->lock);
		if (O->stop) {
			pthread_mutex_unlock(&O->lock);
			free(text);
			break;
		}
		O->text = text;
		O->len = len;
		O->rc = rc;
		O->ready = c;
		pthread_cond_broadcast(&O->cv);
		pthread_mutex_unlock(&O->lock);
	}
	return NULL;
}

/* Chunk C for the writer: made here, or (TWO) taken from the worker. */
static int
evalrows_take(struct evalrows_order *O, long c, int two, char **text,
    size_t *len)
{
	int rc;

	if (!two || c % 2 == 0)
		return evalrows_chunk(O, c, text, len);
	pthread_mutex_lock(&O->lock);
	while (O->ready != c)
		pthread_cond_wait(&O->cv, &O->lock);
	*text = O->text;
	*len = O->len;
	rc = O->rc;
	O->ready = -1;
	pthread_cond_broadcast(&O->cv);
	pthread_mutex_unlock(&O->lock);
	return rc;
}

/* Writes rows ROWS[0..N) of S in that order, after the head. */
static int
evalrows_write_order(struct evalrows_run *x, const struct sheet *s,
    const long *rows, long n)
{
	struct evalrows_order O;
	pthread_t t;
	char *text;
	size_t len;
	long c;
	int rc = evalrows_head(stdout, x, s), two;

	memset(&O, 0, sizeof(O));
	O.x = x;
	O.s = s;
	O.rows = rows;
	O.n = n;
	O.max = sheetfile_block_rows(sheet_classes(s));
	O.chunks = (n + O.max - 1) / O.max;
	O.ready = -1;
	pthread_mutex_init(&O.lock, NULL);
	pthread_cond_init(&O.cv, NULL);
	two = rc == 0 && O.chunks > 1 && sheetrun_threads() > 1 &&
	    pthread_create(&t, NULL, evalrows_order_worker, &O) == 0;
	for (c = 0; rc == 0 && c < O.chunks; c++) {
		rc = evalrows_take(&O, c, two, &text, &len);
		if (rc == 0 && fwrite(text, 1, len, stdout) != len)
			rc = -1;
		free(text);
	}
	if (two) {
		pthread_mutex_lock(&O.lock);
		O.stop = 1;
		pthread_cond_broadcast(&O.cv);
		pthread_mutex_unlock(&O.lock);
		pthread_join(t, NULL);
		if (O.ready >= 0)
			free(O.text);
	}
	pthread_cond_destroy(&O.cv);
	pthread_mutex_destroy(&O.lock);
	return rc;
}

/* --sort without --top: every row, sorted. */
static int
evalrows_sorted(struct evalrows_run *x)
{
	int status = XENT_EXIT_OK, rc = -1;
	struct sheet *s = evalrows_whole(x, &status);
	long *rows, i, n;

	if (s == NULL)
		return status;
	n = sheet_rows(s);
	if ((rows = malloc((n > 0 ? n : 1) * sizeof(long))) != NULL) {
		for (i = 0; i < n; i++)
			rows[i] = i;
		if (rowkey_sort(s, &x->key, rows, n) == 0)
			rc = evalrows_write_order(x, s, rows, n);
	}
	free(rows);
	sheet_free(s);
	return evalrows_done(rc);
}

/* --report: the whole-set figures. */
static int
evalrows_report(struct evalrows_run *x)
{
	int status = XENT_EXIT_OK, rc = -1;
	struct sheet *s = evalrows_whole(x, &status);
	struct report r;
	enum report_format fmt = x->a->json ? REPORT_JSON :
	    x->a->fmt == SF_MD ? REPORT_MD : REPORT_TEXT;

	if (s == NULL)
		return status;
	if (report_compute(s, x->a->bins > 0 ? x->a->bins : STATS_BINS,
	    &r) == 0) {
		rc = report_write(stdout, s, &r, fmt);
		report_free(&r);
	} else
		cli_error("eval: out of memory");
	sheet_free(s);
	return evalrows_done(rc);
}

/* ------------------------------------------------------------------ */
/* --top: a heap of N rows                                            */
/* ------------------------------------------------------------------ */

/* The heap of --top: LEN rows in CAP slots (grown up to MAX, so a big N
 * costs only the rows there are), the one that comes last in the order
 * at the root. */
struct evalrows_heap {
	struct evalrows_held	*h;
	long			 len, cap, max;
	double			*slab;		/* each slot's 2 K inputs */
	int			 k;
	int			 ntext;		/* text columns */
};

/* Slots to begin with. */
#define EVALROWS_SLOTS	1024

/* 1 when A comes after B in the order (A belongs nearer the root). */
static int
evalrows_later(const struct evalrows_run *x, const struct evalrows_held *a,
    const struct evalrows_held *b)
{
	return rowkey_item_cmp(&x->key, &a->it, &b->it) > 0;
}

/* Swaps slots I and J. */
static void
evalrows_swap(struct evalrows_heap *hp, long i, long j)
{
	struct evalrows_held t = hp->h[i];

	hp->h[i] = hp->h[j];
	hp->h[j] = t;
}

/* Moves slot I up to its place. */
static void
evalrows_up(const struct evalrows_run *x, struct evalrows_heap *hp, long i)
{
	while (i > 0 && evalrows_later(x, &hp->h[i], &hp->h[(i - 1) / 2])) {
		evalrows_swap(hp, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

/* Moves slot I down to its place among the first LEN. */
static void
evalrows_down(const struct evalrows_run *x, struct evalrows_heap *hp, long i,
    long len)
{
	long c;

	while ((c = 2 * i + 1) < len) {
		if (c + 1 < len && evalrows_later(x, &hp->h[c + 1], &hp->h[c]))
			c++;
		if (!evalrows_later(x, &hp->h[c], &hp->h[i]))
			break;
		evalrows_swap(hp, i, c);
		i = c;
	}
}

/* Grows the heap's slots (double, at most MAX); the rows keep their
 * inputs, which move with the slab.  -1 when out of memory. */
static int
evalrows_heap_grow(struct evalrows_heap *hp)
{
	long cap = hp->cap ? 2 * hp->cap : EVALROWS_SLOTS, i;
	size_t row = 2 * (size_t)hp->k;
	struct evalrows_held *h;
	double *slab;

	if (cap > hp->max)
		cap = hp->max;
	if ((h = realloc(hp->h, cap * sizeof(*h))) == NULL)
		return -1;
	hp->h = h;
	if ((slab = malloc(cap * row * sizeof(double))) == NULL)
		return -1;
	for (i = 0; i < hp->len; i++) {
		memcpy(slab + i * row, h[i].a, row * sizeof(double));
		h[i].a = slab + i * row;
		h[i].y = h[i].a + hp->k;
	}
	for (; i < cap; i++) {
		h[i] = (struct evalrows_held){ { 0, NULL, 0 }, NULL, NULL, 0,
		    slab + i * row, slab + i * row + hp->k };
	}
	free(hp->slab);
	hp->slab = slab;
	hp->cap = cap;
	return 0;
}

/* An empty heap for up to N rows of K classes and NTEXT text columns. */
static void
evalrows_heap_new(struct evalrows_heap *hp, long n, int k, int ntext)
{
	memset(hp, 0, sizeof(*hp));
	hp->k = k;
	hp->ntext = ntext;
	hp->max = n;
}

/* Frees the text cells slot E holds (N of them). */
static void
evalrows_text_free(struct evalrows_held *e, int n)
{
	int j;

	for (j = 0; e->text != NULL && j < n; j++)
		free(e->text[j]);
	free(e->text);
	e->text = NULL;
}

/* Replaces the text cells slot E holds by row R of S's. */
static int
evalrows_keep_text(struct evalrows_held *e, const struct sheet *s, long r)
{
	int j, n = sheet_texts(s);
	char **t;

	if (n == 0)
		return 0;
	if ((t = calloc(n, sizeof(char *))) == NULL)
		return -1;
	for (j = 0; j < n; j++)
		if ((t[j] = strdup(sheet_text(s, r, j))) == NULL) {
			e->text = t;
			evalrows_text_free(e, n);
			return -1;
		}
	evalrows_text_free(e, n);
	e->text = t;
	return 0;
}

/* Stores row R of S (row ROW of the file, key IT) in slot E. */
static int
evalrows_keep(struct evalrows_held *e, const struct sheet *s, long r,
    const struct rowkey_item *it)
{
	char *id = strdup(sheet_id(s, r));

	if (id == NULL || evalrows_keep_text(e, s, r) < 0) {
		free(id);
		return -1;
	}
	free(e->id);
	e->id = id;
	e->it = *it;
	if (e->it.id != NULL)
		e->it.id = e->id;
	e->bits = sheet_row_get(s, r, e->a, e->y);
	return 0;
}

/* Offers row R of S (row ROW of the file) to the heap. */
static int
evalrows_offer(struct evalrows_run *x, struct evalrows_heap *hp,
    const struct sheet *s, long r, long row)
{
	struct rowkey_item it;
	struct evalrows_held probe;

	rowkey_item_of(s, &x->key, r, row, &it);
	if (hp->len == hp->cap && hp->cap < hp->max &&
	    evalrows_heap_grow(hp) < 0)
		return -1;
	if (hp->len < hp->cap) {
		if (evalrows_keep(&hp->h[hp->len], s, r, &it) < 0)
			return -1;
		evalrows_up(x, hp, hp->len++);
		return 0;
	}
	probe.it = it;
	if (!evalrows_later(x, &hp->h[0], &probe))
		return 0;
	if (evalrows_keep(&hp->h[0], s, r, &it) < 0)
		return -1;
	evalrows_down(x, hp, 0, hp->len);
	return 0;
}

/* Frees the heap. */
static void
evalrows_heap_free(struct evalrows_heap *hp)
{
	long i;

	for (i = 0; hp->h != NULL && i < hp->len; i++) {
		free(hp->h[i].id);
		evalrows_text_free(&hp->h[i], hp->ntext);
	}
	free(hp->h);
	free(hp->slab);
}

/* Appends held row E (with its NTEXT text cells) to B; -1 (no memory). */
static int
evalrows_put_held(struct sheet *b, const struct evalrows_held *e, int ntext)
{
	long at = sheet_append(b, *e->id ? e->id : NULL, e->a,
	    e->bits & SHEET_ROW_TARGET ? e->y : NULL,
	    (e->bits & SHEET_ROW_INDEX) != 0);
	int j;

	for (j = 0; at >= 0 && j < ntext; j++)
		if (sheet_set_text(b, at, j, e->text[j]) < 0)
			return -1;
	return at < 0 ? -1 : 0;
}

/* Writes the heap's rows in order (a heap sort: the root, the last, goes
 * to the end each time). */
static int
evalrows_heap_write(struct evalrows_run *x, struct evalrows_heap *hp,
    const struct sheet *probe)
{
	long i, len, max = sheetfile_block_rows(hp->k);
	struct sheet *b = NULL;
	int rc = evalrows_head(stdout, x, probe);

	for (len = hp->len; len > 1; len--) {
		evalrows_swap(hp, 0, len - 1);
		evalrows_down(x, hp, 0, len - 1);
	}
	for (i = 0; rc == 0 && i < hp->len; i++) {
		if (b == NULL && (b = sheetfile_block(x->st)) == NULL)
			return -1;
		rc = evalrows_put_held(b, &hp->h[i], hp->ntext);
		if (rc == 0 && (sheet_rows(b) == max || i + 1 == hp->len)) {
			rc = evalrows_put(stdout, x, b);
			sheet_free(b);
			b = NULL;
		}
	}
	sheet_free(b);
	return rc;
}

/* evalrows_each's step for --top: offers every row of block S that
 * passes the filter to heap HP; FIRST is the file's row number of S's
 * first row. */
static int
evalrows_top_block(struct evalrows_run *x, void *hp, const struct sheet *s,
    long first)
{
	long r;

	for (r = 0; r < sheet_rows(s); r++)
		if (evalrows_passes(x, s, r) &&
		    evalrows_offer(x, hp, s, r, first + r) < 0)
			return -1;
	return 0;
}

/* --top N: the first N rows of the order, in constant memory. */
static int
evalrows_top(struct evalrows_run *x, const struct sheet *probe)
{
	struct evalrows_heap hp;
	long n;
	int rc;

	evalrows_heap_new(&hp, x->a->top, sheet_classes(probe),
	    sheet_texts(probe));
	if ((n = evalrows_each(x, evalrows_top_block, &hp)) < 0) {
		evalrows_heap_free(&hp);
		return evalrows_fail(x, n);
	}
	rc = evalrows_heap_write(x, &hp, probe);
	evalrows_heap_free(&hp);
	return evalrows_done(rc);
}

/* ------------------------------------------------------------------ */
/* Entry                                                              */
/* ------------------------------------------------------------------ */

/* Parses --sort and --filter against PROBE's classes; -1 after the
 * message (a usage error). */
static int
evalrows_parse(struct evalrows_run *x, const struct sheet *probe)
{
	const struct evalrows_args *a = x->a;

	if ((a->sort != NULL || a->top > 0) && rowkey_parse(probe,
	    a->sort != NULL ? a->sort : "loss", &x->key, x->err,
	    sizeof(x->err)) < 0) {
		cli_error("eval: --sort: %s", x->err);
		return -1;
	}
	if (a->filter != NULL && (x->filter = rowfilter_parse(probe,
	    a->filter, x->err, sizeof(x->err))) == NULL) {
		cli_error("eval: --filter: %s", x->err);
		return -1;
	}
	return 0;
}

/* Runs the way through the file that A asks for. */
static int
evalrows_dispatch(struct evalrows_run *x, const struct sheet *probe)
{
	if (x->a->report)
		return evalrows_report(x);
	if (x->a->top > 0)
		return evalrows_top(x, probe);
	if (x->a->sort != NULL)
		return evalrows_sorted(x);
	return evalrows_stream(x, probe);
}

int
evalrows_run(const struct evalrows_args *a, struct sheetfile_stream *st,
    const struct sheetfile_info *info)
{
	struct evalrows_run x;
	struct sheet *probe = sheetfile_block(st);
	int status;

	memset(&x, 0, sizeof(x));
	x.a = a;
	x.st = st;
	x.info = info;
	x.k = probe != NULL ? sheet_classes(probe) : 1;
	if (probe == NULL)
		status = evalrows_fail(&x, -2);
	else if (evalrows_parse(&x, probe) < 0)
		status = XENT_EXIT_USAGE;
	else
		status = evalrows_dispatch(&x, probe);
	rowfilter_free(x.filter);
	sheet_free(probe);
	return status;
}
