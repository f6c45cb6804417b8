/*
 * sheet.c - the model and its arithmetic; see sheet.h for the contract.
 *
 * What a row stores is what its derived columns cannot be cheaply had
 * from: the K activations, and a few scalars (the exp sum, the
 * log-softmax's shift and log-sum-exp, the loss, the prediction and hard
 * target, flags).  exp, p, log p and the two loss forms are computed when
 * asked for, by the same expressions that fill the scalars, so that a cell
 * reads the same whether the screen or the row computation asks.  A target
 * is stored as its class index; a row whose targets are anything but what
 * that index implies (soft, NaN, typed zeros) keeps its K weights in a
 * side table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "core/sheet.h"

/* Row info bits. */
#define INFO_LABEL_INDEX	0x01	/* target was given as a class index */
#define INFO_HAS_TARGET		0x02	/* the row has a target at all */
#define INFO_SOFT		0x04	/* the target is not exactly one-hot */
#define INFO_CORRECT		0x08	/* pred == target */
#define INFO_ORPHAN		0x10	/* loses its target with a class */

/* Tolerance of the not_normalized flag. */
#define SHEET_SUM_TOL	1e-6
/* Relative tolerance of the forms_disagree flag. */
#define SHEET_FORM_TOL	1e-9

/* Rows per leaf of the loss tree: a power of two, so that a block is a
 * subtree of the tree over single rows and sums to the same bits. */
#define SHEET_BLOCK	64

/* The mean's numerator: a segment tree over blocks of rows.  Behind a
 * pointer because it is a cache: a reader (sheet_mean_loss) brings it up
 * to date after bulk changes, which only mark it stale. */
struct sheet_tree {
	double		 *node;		/* 2 * leaves; node 1 is the root */
	long		  leaves;	/* power of two >= the block count */
	int		  stale;	/* rows changed since the last build */
};

struct sheet {
	int		  k;		/* classes; 1 = binary sheet */
	char		**names;	/* k class names */
	long		  n;		/* rows */
	long		  cap;		/* rows allocated */

	/* n*k, row-major */
	double		 *a;		/* activations as given */

	/* n */
	double		 *sum;		/* exp sum or probability sum */
	double		 *max;		/* largest a/T: the log-softmax shift */
	double		 *lse;		/* log of the shifted exp sum */
	double		 *loss;		/* per-row loss, all options */
	uint8_t		 *flags;	/* FLAG_* bits */
	uint8_t		 *info;		/* INFO_* bits */
	int32_t		 *pred;		/* argmax p */
	int32_t		 *tgt;		/* argmax y, -1 without target */

	/* n*k, NULL unless sheet_keep_exp: each logit's exp(a/T), kept
	 * when the naive sum is made, for a writer of every cell */
	double		 *ex;

	/* n, NULL until some row needs them */
	uint32_t	 *idoff;	/* row label offsets into pool */
	int32_t		 *yslot;	/* soft target's slot in ysoft, or -1 */

	/* Targets that are not what the hard target implies. */
	double		 *ysoft;	/* slotcap * k weights */
	int32_t		 *yfree;	/* slotcap: freed slots, a stack */
	long		  nslot;	/* slots ever handed out */
	long		  nfree;	/* of those, on the free stack */
	long		  slotcap;	/* slots allocated */
	double		 *yrow;		/* k: one row's targets, scratch */
	double		 *lprow;	/* lpcap * 2: a row's log p and p,
					 * scratch of sheet_row_fast */
	int		  lpcap;

	char		 *pool;		/* row labels, NUL-separated */
	size_t		  poollen;
	size_t		  poolcap;

	struct sheet_opts o;		/* settings in force */
	char		 *title;
	enum sheet_targets tstyle;

	/* Totals, kept current by every row change. */
	struct sheet_tree *tree;	/* targeted losses */
	long		  nflag[SHEET_NFLAGS];
	long		  ntarget;	/* rows with targets */
	long		  nsoft;	/* of those, not one-hot */
	long		  ncorrect;	/* of those, predicted right */
	long		 *nclass;	/* k: one-hot rows per target class */

	/* Text columns carried along with the rows (a file path, a split). */
	struct sheet_textcol *text;	/* ntext columns */
	int		  ntext;
};

/* One text column: its name, and per row an offset into its own string
 * arena (offset 0 is the empty string), so a column costs 4 bytes a row
 * plus its text. */
struct sheet_textcol {
	char		 *name;
	uint32_t	 *off;		/* cap offsets */
	char		 *pool;		/* NUL-separated strings */
	size_t		  len, cap;	/* pool bytes used, allocated */
};

static int sheet_text_reserve(struct sheet *s, long cap);
static void sheet_text_blank(struct sheet *s, long r);

static const char *sheet_flag_names[SHEET_NFLAGS] = {
	"not_normalized", "out_of_range", "not_one_hot", "log_zero",
	"forms_disagree", "confident_wrong", "overflow", "nan",
};

/* ------------------------------------------------------------------ */
/* Options and flag names                                             */
/* ------------------------------------------------------------------ */

void
sheet_opts_init(struct sheet_opts *o)
{
	o->mode = SHEET_LOGITS;
	o->base = 0;
	o->temperature = 1;
	o->smoothing = 0;
	o->confident = 0.8;
	o->weights = NULL;
}

const char *
sheet_flag_name(int i)
{
	return i >= 0 && i < SHEET_NFLAGS ? sheet_flag_names[i] : "?";
}

unsigned
sheet_flag_bit(const char *name)
{
	int i;

	for (i = 0; i < SHEET_NFLAGS; i++)
		if (strcmp(name, sheet_flag_names[i]) == 0)
			return 1u << i;
	return 0;
}

char *
sheet_flags_format(char *buf, size_t len, unsigned flags)
{
	size_t used = 0;
	int i;

	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < SHEET_NFLAGS; i++) {
		if (!(flags & (1u << i)) || used >= len)
			continue;
		used += snprintf(buf + used, len - used, "%s%s",
		    used ? ";" : "", sheet_flag_names[i]);
	}
	return buf;
}

/* ------------------------------------------------------------------ */
/* Storage                                                            */
/* ------------------------------------------------------------------ */

/* One row-indexed array: where it lives, its bytes per row, and whether it
 * is optional (left NULL until a row needs it; FILL is the byte its unused
 * rows hold). */
struct sheet_col {
	void	**ptr;
	size_t	  width;
	int	  optional;
	int	  fill;
};

/* Lists every row-indexed array, so growth and moves treat them alike. */
static int
sheet_cols(struct sheet *s, struct sheet_col *c)
{
	size_t dk = sizeof(double) * s->k;
	int i = 0;

	c[i++] = (struct sheet_col){ (void **)&s->a, dk, 0, 0 };
	c[i++] = (struct sheet_col){ (void **)&s->sum, sizeof(double), 0, 0 };
	c[i++] = (struct sheet_col){ (void **)&s->max, sizeof(double), 0, 0 };
	c[i++] = (struct sheet_col){ (void **)&s->lse, sizeof(double), 0, 0 };
	c[i++] = (struct sheet_col){ (void **)&s->loss, sizeof(double), 0, 0 };
	c[i++] = (struct sheet_col){ (void **)&s->flags, sizeof(uint8_t), 0, 0 };
	c[i++] = (struct sheet_col){ (void **)&s->info, sizeof(uint8_t), 0, 0 };
	c[i++] = (struct sheet_col){ (void **)&s->pred, sizeof(int32_t), 0, 0 };
	c[i++] = (struct sheet_col){ (void **)&s->tgt, sizeof(int32_t), 0, 0 };
	c[i++] = (struct sheet_col){ (void **)&s->idoff, sizeof(uint32_t), 1,
	    0 };
	c[i++] = (struct sheet_col){ (void **)&s->yslot, sizeof(int32_t), 1,
	    0xff };
	c[i++] = (struct sheet_col){ (void **)&s->ex, dk, 1, 0 };
	return i;
}
#define SHEET_MAXCOLS 16

/* Grows every row array there is to hold at least WANT rows; -1 on ENOMEM. */
static int
sheet_reserve(struct sheet *s, long want)
{
	struct sheet_col c[SHEET_MAXCOLS];
	long cap = s->cap ? s->cap : 16;
	int i, nc;
	void *np;

	if (want <= s->cap)
		return 0;
	while (cap < want)
		cap *= 2;
	nc = sheet_cols(s, c);
	for (i = 0; i < nc; i++) {
		if (c[i].optional && *c[i].ptr == NULL)
			continue;
		if ((np = realloc(*c[i].ptr, c[i].width * cap)) == NULL)
			return -1;
		*c[i].ptr = np;
	}
	if (sheet_text_reserve(s, cap) < 0)
		return -1;
	s->cap = cap;
	return 0;
}

/* Allocates optional column PTR (WIDTH bytes a row) the first time a row
 * needs it, every row holding FILL bytes; -1 on ENOMEM. */
static int
sheet_col_need(struct sheet *s, void **ptr, size_t width, int fill)
{
	long cap = s->cap ? s->cap : 1;

	if (*ptr != NULL)
		return 0;
	if ((*ptr = malloc(width * cap)) == NULL)
		return -1;
	memset(*ptr, fill, width * cap);
	return 0;
}

/* Gives new row R (at or past the end) the optional columns' empty
 * values: no label, no side-table slot. */
static void
sheet_row_blank(struct sheet *s, long r)
{
	if (s->idoff != NULL)
		s->idoff[r] = 0;
	if (s->yslot != NULL)
		s->yslot[r] = -1;
	sheet_text_blank(s, r);
}

/* Copies STR into the label pool; returns its offset or (size_t)-1.  The
 * offsets are 32-bit: 4 GiB of labels, far past a million rows of them. */
static size_t
sheet_pool_add(struct sheet *s, const char *str)
{
	size_t len = strlen(str) + 1, off, cap;
	char *np;

	if (s->poollen + len > UINT32_MAX)
		return (size_t)-1;
	if (s->poollen + len > s->poolcap) {
		cap = s->poolcap ? s->poolcap : 256;
		while (cap < s->poollen + len)
			cap *= 2;
		if ((np = realloc(s->pool, cap)) == NULL)
			return (size_t)-1;
		s->pool = np;
		s->poolcap = cap;
	}
	off = s->poollen;
	memcpy(s->pool + off, str, len);
	s->poollen += len;
	return off;
}

/* Sets row R's label to ID (NULL or "" for none; an empty label costs no
 * storage while no row has one); -1 on ENOMEM. */
static int
sheet_id_put(struct sheet *s, long r, const char *id)
{
	size_t off;

	if (id == NULL || *id == '\0') {
		if (s->idoff != NULL)
			s->idoff[r] = 0;
		return 0;
	}
	if (sheet_col_need(s, (void **)&s->idoff, sizeof(uint32_t), 0) < 0 ||
	    (off = sheet_pool_add(s, id)) == (size_t)-1)
		return -1;
	s->idoff[r] = (uint32_t)off;
	return 0;
}

/* Makes sure a side-table slot can be taken without allocating, and that
 * the slot column exists; -1 on ENOMEM. */
static int
sheet_slot_room(struct sheet *s)
{
	long cap = s->slotcap ? s->slotcap * 2 : 16;
	double *ny;
	int32_t *nf;

	if (sheet_col_need(s, (void **)&s->yslot, sizeof(int32_t), 0xff) < 0)
		return -1;
	if (s->nfree > 0 || s->nslot < s->slotcap)
		return 0;
	if (cap > INT32_MAX)
		return -1;
	if ((ny = realloc(s->ysoft, cap * s->k * sizeof(double))) == NULL)
		return -1;
	s->ysoft = ny;
	if ((nf = realloc(s->yfree, cap * sizeof(int32_t))) == NULL)
		return -1;
	s->yfree = nf;
	s->slotcap = cap;
	return 0;
}

/* A free slot, after sheet_slot_room. */
static int32_t
sheet_slot_take(struct sheet *s)
{
	if (s->nfree > 0)
		return s->yfree[--s->nfree];
	return (int32_t)s->nslot++;
}

/* Gives back row R's side-table slot, if it has one. */
static void
sheet_slot_drop(struct sheet *s, long r)
{
	if (s->yslot == NULL || s->yslot[r] < 0)
		return;
	s->yfree[s->nfree++] = s->yslot[r];
	s->yslot[r] = -1;
}

/* ------------------------------------------------------------------ */
/* Text columns                                                       */
/* ------------------------------------------------------------------ */

/* Grows every text column's offsets to CAP rows; -1 on ENOMEM. */
static int
sheet_text_reserve(struct sheet *s, long cap)
{
	uint32_t *np;
	int j;

	for (j = 0; j < s->ntext; j++) {
		if ((np = realloc(s->text[j].off, cap * sizeof(uint32_t))) ==
		    NULL)
			return -1;
		s->text[j].off = np;
	}
	return 0;
}

/* Empties every text cell of row R. */
static void
sheet_text_blank(struct sheet *s, long r)
{
	int j;

	for (j = 0; j < s->ntext; j++)
		s->text[j].off[r] = 0;
}

/* Opens (DIR 1) or closes (DIR -1) a gap at AT in the text offsets, as
 * sheet_shift does for the other row arrays (S->n rows before). */
static void
sheet_text_shift(struct sheet *s, long at, int dir)
{
	uint32_t *o;
	int j;

	for (j = 0; j < s->ntext; j++) {
		o = s->text[j].off;
		if (dir > 0)
			memmove(o + at + 1, o + at, (s->n - at) * sizeof(*o));
		else
			memmove(o + at, o + at + 1, (s->n - at - 1) *
			    sizeof(*o));
	}
}

/* Copies STR into column T's arena; its offset, or (size_t)-1. */
static size_t
sheet_text_store(struct sheet_textcol *t, const char *str)
{
	size_t len = strlen(str) + 1, off, cap;
	char *np;

	if (t->len + len > UINT32_MAX)
		return (size_t)-1;
	if (t->len + len > t->cap) {
		cap = t->cap ? t->cap : 256;
		while (cap < t->len + len)
			cap *= 2;
		if ((np = realloc(t->pool, cap)) == NULL)
			return (size_t)-1;
		t->pool = np;
		t->cap = cap;
	}
	off = t->len;
	memcpy(t->pool + off, str, len);
	t->len += len;
	return off;
}

/* Frees every text column of S. */
static void
sheet_text_free(struct sheet *s)
{
	int j;

	for (j = 0; j < s->ntext; j++) {
		free(s->text[j].name);
		free(s->text[j].off);
		free(s->text[j].pool);
	}
	free(s->text);
	s->text = NULL;
	s->ntext = 0;
}

int
sheet_add_text(struct sheet *s, const char *name)
{
	struct sheet_textcol *nt, *t;
	long cap = s->cap ? s->cap : 1;

	if ((nt = realloc(s->text, (s->ntext + 1) * sizeof(*nt))) == NULL)
		return -1;
	s->text = nt;
	t = &nt[s->ntext];
	memset(t, 0, sizeof(*t));
	t->name = strdup(name);
	t->off = calloc(cap, sizeof(uint32_t));
	if (t->name == NULL || t->off == NULL ||
	    sheet_text_store(t, "") == (size_t)-1) {
		free(t->name);
		free(t->off);
		free(t->pool);
		return -1;
	}
	return s->ntext++;
}

int
sheet_texts(const struct sheet *s)
{
	return s->ntext;
}

const char *
sheet_text_name(const struct sheet *s, int j)
{
	return j >= 0 && j < s->ntext ? s->text[j].name : "";
}

const char *
sheet_text(const struct sheet *s, long r, int j)
{
	if (j < 0 || j >= s->ntext || r < 0 || r >= s->n)
		return "";
	return s->text[j].pool + s->text[j].off[r];
}

int
sheet_set_text(struct sheet *s, long r, int j, const char *v)
{
	size_t off = 0;

	if (j < 0 || j >= s->ntext || r < 0 || r >= s->n)
		return -1;
	if (v != NULL && *v != '\0' &&
	    (off = sheet_text_store(&s->text[j], v)) == (size_t)-1)
		return -1;
	s->text[j].off[r] = (uint32_t)off;
	return 0;
}

/* Gives T (a clone of S, without text columns yet) S's text columns;
 * -1 on ENOMEM. */
static int
sheet_text_clone(const struct sheet *s, struct sheet *t)
{
	struct sheet_textcol *d;
	int j;

	for (j = 0; j < s->ntext; j++) {
		if (sheet_add_text(t, s->text[j].name) < 0)
			return -1;
		d = &t->text[j];
		free(d->pool);
		if ((d->pool = malloc(s->text[j].cap)) == NULL)
			return -1;
		memcpy(d->pool, s->text[j].pool, s->text[j].len);
		d->len = s->text[j].len;
		d->cap = s->text[j].cap;
		if (s->n > 0)
			memcpy(d->off, s->text[j].off, s->n * sizeof(uint32_t));
	}
	return 0;
}

/* Bytes S's text columns hold. */
static size_t
sheet_text_bytes(const struct sheet *s)
{
	size_t b = 0;
	int j;

	for (j = 0; j < s->ntext; j++)
		b += s->text[j].cap + s->cap * sizeof(uint32_t);
	return b;
}

/* A new tree with one leaf; NULL on ENOMEM. */
static struct sheet_tree *
sheet_tree_new(void)
{
	struct sheet_tree *t = calloc(1, sizeof(*t));

	if (t != NULL && (t->node = calloc(2, sizeof(double))) == NULL) {
		free(t);
		return NULL;
	}
	if (t != NULL)
		t->leaves = 1;
	return t;
}

/* Grows the tree to hold ROWS rows (its contents then stale); -1 on
 * ENOMEM.  It never shrinks: extra leaves hold 0 and add nothing. */
static int
sheet_tree_fit(struct sheet *s, long rows)
{
	struct sheet_tree *t = s->tree;
	long blocks = (rows + SHEET_BLOCK - 1) / SHEET_BLOCK, leaves = 1;
	double *np;

	if (blocks <= t->leaves)
		return 0;
	while (leaves < blocks)
		leaves *= 2;
	if ((np = realloc(t->node, 2 * leaves * sizeof(double))) == NULL)
		return -1;
	t->node = np;
	t->leaves = leaves;
	t->stale = 1;
	return 0;
}

struct sheet *
sheet_new(int k, const char *const *names)
{
	struct sheet *s;
	int i;

	if (k < 1 || (s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->k = k;
	sheet_opts_init(&s->o);
	s->names = calloc(k, sizeof(char *));
	s->nclass = calloc(k, sizeof(long));
	s->yrow = calloc(k, sizeof(double));
	s->tree = sheet_tree_new();
	if (s->names == NULL || s->nclass == NULL || s->yrow == NULL ||
	    s->tree == NULL || sheet_pool_add(s, "") == (size_t)-1)
		goto fail;
	for (i = 0; i < k; i++)
		if ((s->names[i] = strdup(names[i])) == NULL)
			goto fail;
	return s;
fail:
	sheet_free(s);
	return NULL;
}

void
sheet_free(struct sheet *s)
{
	struct sheet_col c[SHEET_MAXCOLS];
	int i, nc;

	if (s == NULL)
		return;
	nc = sheet_cols(s, c);
	for (i = 0; i < nc; i++)
		free(*c[i].ptr);
	for (i = 0; s->names != NULL && i < s->k; i++)
		free(s->names[i]);
	free(s->names);
	free(s->nclass);
	free(s->ysoft);
	free(s->yfree);
	free(s->yrow);
	free(s->lprow);
	free(s->pool);
	if (s->tree != NULL)
		free(s->tree->node);
	free(s->tree);
	free(s->title);
	free(s->o.weights);
	sheet_text_free(s);
	free(s);
}

size_t
sheet_bytes(const struct sheet *s)
{
	struct sheet_col c[SHEET_MAXCOLS];
	size_t bytes = sizeof(*s) + s->poolcap;
	int i, nc = sheet_cols((struct sheet *)s, c);

	for (i = 0; i < nc; i++)
		if (*c[i].ptr != NULL)
			bytes += c[i].width * s->cap;
	bytes += s->slotcap * (s->k * sizeof(double) + sizeof(int32_t));
	bytes += 2 * s->tree->leaves * sizeof(double);
	bytes += sheet_text_bytes(s);
	return bytes;
}

/* ------------------------------------------------------------------ */
/* Targets                                                            */
/* ------------------------------------------------------------------ */

/* Index of the largest of V[0..N), first on ties, NaNs skipped; -1 if all
 * are NaN. */
static int
sheet_argmax(const double *v, int n)
{
	int i, best = -1;

	for (i = 0; i < n; i++)
		if (!isnan(v[i]) && (best < 0 || v[i] > v[best]))
			best = i;
	return best;
}

/* The hard target of targets Y[K]: argmax y (binary: 0 when y >= 0.5,
 * else 1); -1 when HAS is 0 or every weight is NaN. */
static int
sheet_tgt_of(const double *y, int k, int has)
{
	if (!has)
		return -1;
	if (k == 1)
		return isnan(y[0]) ? -1 : y[0] >= 0.5 ? 0 : 1;
	return sheet_argmax(y, k);
}

/* Weight J of the targets that HAS and hard target T imply: none, all 0;
 * one-hot, 1 on T (binary: 1 for T 0, 0 for the other outcome). */
static double
sheet_y_hard(int k, int has, int t, int j)
{
	if (!has)
		return 0;
	if (k == 1)
		return t == 0 ? 1 : 0;
	return j == t ? 1 : 0;
}

/* 1 when Y[K] is bit for bit what HAS and T imply (a typed -0 or a NaN is
 * not), so the row needs no side-table slot. */
static int
sheet_y_is_hard(const double *y, int k, int has, int t)
{
	int j;

	for (j = 0; j < k; j++)
		if (!(y[j] == sheet_y_hard(k, has, t, j)) || signbit(y[j]))
			return 0;
	return 1;
}

/* Sets row R's targets to Y[K] (which may be S's scratch row) and whether
 * it has one: its hard target, and a slot when Y is not what that
 * implies.  -1 (nothing changed) on ENOMEM. */
static int
sheet_store_y(struct sheet *s, long r, const double *y, int has)
{
	int t = sheet_tgt_of(y, s->k, has);
	int32_t slot;

	if (sheet_y_is_hard(y, s->k, has, t)) {
		sheet_slot_drop(s, r);
		s->tgt[r] = t;
		return 0;
	}
	if ((s->yslot == NULL || s->yslot[r] < 0) && sheet_slot_room(s) < 0)
		return -1;
	if ((slot = s->yslot[r]) < 0)
		slot = s->yslot[r] = sheet_slot_take(s);
	memmove(s->ysoft + (size_t)slot * s->k, y, s->k * sizeof(double));
	s->tgt[r] = t;
	return 0;
}

double
sheet_y(const struct sheet *s, long r, int k)
{
	if (s->yslot != NULL && s->yslot[r] >= 0)
		return s->ysoft[(size_t)s->yslot[r] * s->k + k];
	return sheet_y_hard(s->k, sheet_has_target(s, r), s->tgt[r], k);
}

/* Copies row R's K targets into Y. */
static void
sheet_y_get(const struct sheet *s, long r, double *y)
{
	int k, has = sheet_has_target(s, r);

	if (s->yslot != NULL && s->yslot[r] >= 0) {
		for (k = 0; k < s->k; k++)
			y[k] = sheet_y(s, r, k);
		return;
	}
	if (s->k == 1) {
		y[0] = sheet_y_hard(1, has, s->tgt[r], 0);
		return;
	}
	memset(y, 0, s->k * sizeof(double));
	if (has && s->tgt[r] >= 0)
		y[s->tgt[r]] = 1;
}

/* Row R's K targets: its side-table slot, or else BUF filled in. */
static const double *
sheet_y_view(const struct sheet *s, long r, double *buf)
{
	if (s->yslot != NULL && s->yslot[r] >= 0)
		return s->ysoft + (size_t)s->yslot[r] * s->k;
	sheet_y_get(s, r, buf);
	return buf;
}

/* ------------------------------------------------------------------ */
/* Per-row arithmetic                                                 */
/* ------------------------------------------------------------------ */

/* Natural log of the base, the divisor that converts nats. */
static double
sheet_lnbase(const struct sheet *s)
{
	return s->o.base == 2 ? M_LN2 : s->o.base == 10 ? M_LN10 : 1.0;
}

/* Weight of class K (1 without weights). */
static double
sheet_w(const struct sheet *s, int k)
{
	return s->o.weights != NULL ? s->o.weights[k] : 1.0;
}

/* -log p of a binary row, in nats. */
static double
sheet_binary_np(const struct sheet *s, long r)
{
	double a = s->a[r];

	if (s->o.mode == SHEET_PROBS)
		return -log(a);
	return num_softplus(-a / s->o.temperature);
}

/* -log p and -log(1 - p) of a binary row, in nats. */
static void
sheet_binary_nats(const struct sheet *s, long r, double *np, double *nq)
{
	double a = s->a[r];

	*np = sheet_binary_np(s, r);
	if (s->o.mode == SHEET_PROBS)
		*nq = -log1p(-a);
	else
		*nq = num_softplus(a / s->o.temperature);
}

/* Natural log p of (R, K), from the row's stored shift and log-sum-exp
 * (logits), the typed probability (probs), or softplus (binary). */
static double
sheet_lp(const struct sheet *s, long r, int k)
{
	double a = s->a[r * s->k + k];

	if (s->k == 1)
		return -sheet_binary_np(s, r);
	if (s->o.mode == SHEET_PROBS)
		return log(a);
	/* (z - m) - log(acc), not z - (m + log(acc)): the latter cancels
	 * catastrophically when m is large. */
	return (a / s->o.temperature - s->max[r]) - s->lse[r];
}

double
sheet_exp(const struct sheet *s, long r, int k)
{
	if (s->o.mode == SHEET_PROBS)
		return NAN;
	if (s->ex != NULL)
		return s->ex[r * s->k + k];
	return exp(s->a[r * s->k + k] / s->o.temperature);
}

int
sheet_keep_exp(struct sheet *s)
{
	if (s->n != 0 || s->ex != NULL)
		return s->n != 0 ? -1 : 0;
	/* The optional arrays grow with the rest once they exist. */
	if (sheet_reserve(s, 16) < 0 ||
	    (s->ex = malloc(s->cap * sizeof(double) * s->k)) == NULL)
		return -1;
	return 0;
}

double
sheet_p(const struct sheet *s, long r, int k)
{
	if (s->o.mode == SHEET_PROBS)
		return s->a[r * s->k + k];
	return exp(sheet_lp(s, r, k));
}

double
sheet_naive_p(const struct sheet *s, long r, int k)
{
	if (s->o.mode == SHEET_PROBS)
		return sheet_p(s, r, k);
	return sheet_exp(s, r, k) / s->sum[r];
}

double
sheet_neglog(const struct sheet *s, long r, int k)
{
	return -sheet_lp(s, r, k) / sheet_lnbase(s);
}

/* Softmax of one row of logits: the naive exp sum, and the shift and
 * log-sum-exp from which sheet_lp gives log p.  Returns FLAG_OVERFLOW when
 * a naive exp overflowed. */
static unsigned
sheet_row_logits(struct sheet *s, long r)
{
	const double *a = s->a + r * s->k;
	double t = s->o.temperature, sum = 0, m = -INFINITY, acc = 0, ex;
	int k, nan = 0;
	unsigned f = 0;

	for (k = 0; k < s->k; k++) {
		ex = exp(a[k] / t);
		if (s->ex != NULL)
			s->ex[r * s->k + k] = ex;
		sum += ex;
		if (isinf(ex))
			f |= FLAG_OVERFLOW;
		if (isnan(a[k]))
			nan = 1;
		else if (a[k] / t > m)
			m = a[k] / t;
	}
	for (k = 0; k < s->k; k++)
		acc += exp(a[k] / t - m);
	s->sum[r] = sum;
	s->max[r] = m;
	s->lse[r] = nan ? NAN : log(acc);
	return f;
}

/* Probabilities as given: nothing is renormalised. */
static unsigned
sheet_row_probs(struct sheet *s, long r)
{
	const double *a = s->a + r * s->k;
	double sum = 0;
	int k;

	for (k = 0; k < s->k; k++)
		sum += a[k];
	s->sum[r] = sum;
	s->max[r] = s->lse[r] = NAN;
	return 0;
}

/* The sum of a binary row (its two outcomes); FLAG_OVERFLOW as above. */
static unsigned
sheet_row_binary(struct sheet *s, long r)
{
	double ex;

	s->max[r] = s->lse[r] = NAN;
	if (s->o.mode == SHEET_PROBS) {
		s->sum[r] = s->a[r] + (1 - s->a[r]);
		return 0;
	}
	ex = exp(s->a[r] / s->o.temperature);
	if (s->ex != NULL)
		s->ex[r] = ex;
	s->sum[r] = 1 + ex;
	return isinf(ex) ? FLAG_OVERFLOW : 0;
}

/* The prediction, and the flags that look at the probabilities alone. */
static unsigned
sheet_row_scan(struct sheet *s, long r)
{
	const double *a = s->a + r * s->k;
	int k, best = -1, logits = s->o.mode == SHEET_LOGITS;
	double psum = 0, p, bestp = 0;
	unsigned f = 0;

	for (k = 0; k < s->k; k++) {
		p = sheet_p(s, r, k);
		if (p < 0 || p > 1)
			f |= FLAG_OUT_OF_RANGE;
		if (isnan(a[k]) || isnan(p))
			f |= FLAG_NAN;
		if (!isnan(p) && (best < 0 || p > bestp)) {
			best = k;
			bestp = p;
		}
		psum += p;
	}
	if (s->k == 1)
		best = best < 0 ? -1 : bestp >= 0.5 ? 0 : 1;
	s->pred[r] = best;
	if (logits && (isinf(s->sum[r]) || s->sum[r] == 0))
		f |= FLAG_OVERFLOW;
	if (s->k >= 2 && fabs(psum - 1) > SHEET_SUM_TOL)
		f |= FLAG_NOT_NORMALIZED;
	return f;
}

/* The loss of row R, whose targets are Y, with every option (NaN without
 * a target). */
static double
sheet_row_loss(const struct sheet *s, long r, const double *y)
{
	double lb = sheet_lnbase(s), eps = s->o.smoothing, loss = 0, c;
	double np, nq;
	int k;

	if (!sheet_has_target(s, r))
		return NAN;
	if (s->k == 1) {
		sheet_binary_nats(s, r, &np, &nq);
		if (y[0] != 0)
			loss += y[0] * np;
		if (1 - y[0] != 0)
			loss += (1 - y[0]) * nq;
		return loss / lb;
	}
	/* In nats, divided once: a term's -log p can be finite in nats and
	 * past DBL_MAX in bits, where its weight would bring it back. */
	for (k = 0; k < s->k; k++) {
		c = sheet_w(s, k) * ((1 - eps) * y[k] + eps / s->k);
		if (c != 0)
			loss += c * -sheet_lp(s, r, k);
	}
	return loss / lb;
}

double
sheet_if_form(const struct sheet *s, long r)
{
	double lb = sheet_lnbase(s), np, nq;
	int t = s->tgt[r];

	if (!sheet_has_target(s, r) || t < 0)
		return NAN;
	if (s->k == 1) {
		sheet_binary_nats(s, r, &np, &nq);
		return (t == 0 ? np : nq) / lb;
	}
	if (s->k == 2 && t == 1 && s->o.mode == SHEET_PROBS)
		return -log1p(-s->a[r * 2]) / lb;
	return -sheet_lp(s, r, t) / lb;
}

/* The plain form of row R whose targets are Y (NULL: read them). */
static double
sheet_plain_of(const struct sheet *s, long r, const double *y)
{
	double lb = sheet_lnbase(s), plain = 0, yk;
	int k;

	if (!sheet_has_target(s, r))
		return NAN;
	if (s->k == 1)
		return s->loss[r];
	for (k = 0; k < s->k; k++)
		if ((yk = y != NULL ? y[k] : sheet_y(s, r, k)) != 0)
			plain += yk * (-sheet_lp(s, r, k) / lb);
	return plain;
}

double
sheet_plain(const struct sheet *s, long r)
{
	return sheet_plain_of(s, r, NULL);
}

/* 1 when Y[0..N) is exactly one 1 and zeros elsewhere. */
static int
sheet_onehot(const double *y, int n)
{
	int i, ones = 0;

	for (i = 0; i < n; i++) {
		if (y[i] == 1)
			ones++;
		else if (y[i] != 0)
			return 0;
	}
	return ones == 1;
}

/* The predicted class's probability, binary sheets included. */
static double
sheet_top_p(const struct sheet *s, long r)
{
	if (s->pred[r] < 0)
		return NAN;
	if (s->k == 1)
		return s->pred[r] == 0 ? sheet_p(s, r, 0) : 1 - sheet_p(s, r, 0);
	return sheet_p(s, r, s->pred[r]);
}

/* Flags that need a target; Y is row R's. */
static unsigned
sheet_target_flags(const struct sheet *s, long r, const double *y)
{
	unsigned f = 0;
	double iff;
	int k;

	if (!sheet_has_target(s, r))
		return 0;
	for (k = 0; k < s->k; k++)
		if (isnan(y[k]))
			f |= FLAG_NAN;
	if (s->k == 1 ? (y[0] != 0 && y[0] != 1) : !sheet_onehot(y, s->k))
		f |= FLAG_NOT_ONE_HOT;
	iff = sheet_if_form(s, r);
	if (s->loss[r] == INFINITY || iff == INFINITY)
		f |= FLAG_LOG_ZERO;
	if (num_differ(iff, sheet_plain_of(s, r, y), SHEET_FORM_TOL))
		f |= FLAG_FORMS_DISAGREE;
	if (s->pred[r] >= 0 && s->tgt[r] >= 0 && s->pred[r] != s->tgt[r] &&
	    sheet_top_p(s, r) >= s->o.confident)
		f |= FLAG_CONFIDENT_WRONG;
	if (isnan(s->loss[r]) || isnan(iff))
		f |= FLAG_NAN;
	return f;
}

/* The scan of sheet_row_scan over a row of logits whose log p are LP:
 * stores each p in P and the prediction; returns the flags. */
static unsigned
sheet_fast_scan(struct sheet *s, long r, const double *a, const double *lp,
    double *p)
{
	double psum = 0, bestp = 0;
	int k, best = -1;
	unsigned f = 0;

	for (k = 0; k < s->k; k++) {
		p[k] = exp(lp[k]);
		if (p[k] < 0 || p[k] > 1)
			f |= FLAG_OUT_OF_RANGE;
		if (isnan(a[k]) || isnan(p[k]))
			f |= FLAG_NAN;
		if (!isnan(p[k]) && (best < 0 || p[k] > bestp)) {
			best = k;
			bestp = p[k];
		}
		psum += p[k];
	}
	s->pred[r] = best;
	if (isinf(s->sum[r]) || s->sum[r] == 0)
		f |= FLAG_OVERFLOW;
	if (fabs(psum - 1) > SHEET_SUM_TOL)
		f |= FLAG_NOT_NORMALIZED;
	return f;
}

/* The loss and target flags of sheet_row_loss and sheet_target_flags on
 * a row of logits whose log p are LP and p are P: the same expressions,
 * each log p and p computed once. */
static unsigned
sheet_fast_target(struct sheet *s, long r, const double *y, const double *lp,
    const double *p)
{
	double lb = sheet_lnbase(s), eps = s->o.smoothing, nats = 0, c;
	double iff, plain = 0;
	int k, t = s->tgt[r];
	unsigned f = 0;

	if (!sheet_has_target(s, r)) {
		s->loss[r] = NAN;
		return 0;
	}
	for (k = 0; k < s->k; k++) {
		c = sheet_w(s, k) * ((1 - eps) * y[k] + eps / s->k);
		if (c != 0)
			nats += c * -lp[k];
		if (y[k] != 0)
			plain += y[k] * (-lp[k] / lb);
		if (isnan(y[k]))
			f |= FLAG_NAN;
	}
	s->loss[r] = nats / lb;
	if (!sheet_onehot(y, s->k))
		f |= FLAG_NOT_ONE_HOT;
	iff = t < 0 ? NAN : -lp[t] / lb;
	if (s->loss[r] == INFINITY || iff == INFINITY)
		f |= FLAG_LOG_ZERO;
	if (num_differ(iff, plain, SHEET_FORM_TOL))
		f |= FLAG_FORMS_DISAGREE;
	if (s->pred[r] >= 0 && t >= 0 && s->pred[r] != t &&
	    p[s->pred[r]] >= s->o.confident)
		f |= FLAG_CONFIDENT_WRONG;
	if (isnan(s->loss[r]) || isnan(iff))
		f |= FLAG_NAN;
	return f;
}

/* Makes room for sheet_row_fast's scratch; -1 on ENOMEM. */
static int
sheet_lp_room(struct sheet *s)
{
	double *np;

	if (s->lpcap >= s->k)
		return 0;
	if ((np = realloc(s->lprow, 2 * sizeof(double) * s->k)) == NULL)
		return -1;
	s->lprow = np;
	s->lpcap = s->k;
	return 0;
}

/* sheet_row_logits, sheet_row_scan, sheet_row_loss and
 * sheet_target_flags in one pass for a row of logits (K >= 2): each
 * log p (as sheet_lp gives it) and each p computed once, so every value
 * and flag is the same, bit for bit, as the separate functions give. */
static unsigned
sheet_row_fast(struct sheet *s, long r, const double *y)
{
	const double *a = s->a + r * s->k;
	double *lp = s->lprow, *p = s->lprow + s->k;
	double m, lse;
	int k;
	unsigned f = sheet_row_logits(s, r);

	m = s->max[r];
	lse = s->lse[r];
	for (k = 0; k < s->k; k++)
		lp[k] = (a[k] / s->o.temperature - m) - lse;
	f |= sheet_fast_scan(s, r, a, lp, p);
	return f | sheet_fast_target(s, r, y, lp, p);
}

/* Every stored derived value of row R, from its inputs and the options. */
static void
sheet_row_compute(struct sheet *s, long r)
{
	const double *y = sheet_y_view(s, r, s->yrow);
	unsigned f;

	if (s->k >= 2 && s->o.mode == SHEET_LOGITS && sheet_lp_room(s) == 0)
		f = sheet_row_fast(s, r, y);
	else {
		if (s->k == 1)
			f = sheet_row_binary(s, r);
		else if (s->o.mode == SHEET_LOGITS)
			f = sheet_row_logits(s, r);
		else
			f = sheet_row_probs(s, r);
		f |= sheet_row_scan(s, r);
		s->loss[r] = sheet_row_loss(s, r, y);
		f |= sheet_target_flags(s, r, y);
	}
	s->flags[r] = (uint8_t)f;
	s->info[r] &= ~(INFO_SOFT | INFO_CORRECT);
	if (f & FLAG_NOT_ONE_HOT)
		s->info[r] |= INFO_SOFT;
	if (s->tgt[r] >= 0 && s->pred[r] == s->tgt[r])
		s->info[r] |= INFO_CORRECT;
}

/* ------------------------------------------------------------------ */
/* Totals                                                             */
/* ------------------------------------------------------------------ */

/* Adds (SIGN 1) or removes (SIGN -1) row R's share of the counts. */
static void
sheet_count(struct sheet *s, long r, int sign)
{
	int i;

	for (i = 0; i < SHEET_NFLAGS; i++)
		if (s->flags[r] & (1u << i))
			s->nflag[i] += sign;
	if (!(s->info[r] & INFO_HAS_TARGET))
		return;
	s->ntarget += sign;
	if (s->info[r] & INFO_SOFT)
		s->nsoft += sign;
	else if (s->k >= 2 && s->tgt[r] >= 0)
		s->nclass[s->tgt[r]] += sign;
	if (s->info[r] & INFO_CORRECT)
		s->ncorrect += sign;
}

/* Row R's share of the mean's numerator. */
static double
sheet_leaf(const struct sheet *s, long r)
{
	return (s->info[r] & INFO_HAS_TARGET) ? s->loss[r] : 0;
}

/* Block B's losses summed pairwise, as the subtree over single rows would
 * (rows past the end count 0), so the root has the same bits as a tree
 * over rows and does not depend on the order of edits. */
static double
sheet_block_sum(const struct sheet *s, long b)
{
	double v[SHEET_BLOCK];
	long r0 = b * SHEET_BLOCK, i;
	int w;

	for (i = 0; i < SHEET_BLOCK; i++)
		v[i] = r0 + i < s->n ? sheet_leaf(s, r0 + i) : 0;
	for (w = SHEET_BLOCK / 2; w >= 1; w /= 2)
		for (i = 0; i < w; i++)
			v[i] = v[2 * i] + v[2 * i + 1];
	return v[0];
}

/* Recomputes every block and node of the loss tree from the rows: O(N). */
static void
sheet_tree_build(const struct sheet *s)
{
	struct sheet_tree *t = s->tree;
	long blocks = (s->n + SHEET_BLOCK - 1) / SHEET_BLOCK, i;

	for (i = 0; i < t->leaves; i++)
		t->node[t->leaves + i] = i < blocks ? sheet_block_sum(s, i) : 0;
	for (i = t->leaves - 1; i >= 1; i--)
		t->node[i] = t->node[2 * i] + t->node[2 * i + 1];
	t->stale = 0;
}

/* Redoes row R's block and its ancestors: O(SHEET_BLOCK + log N), and no
 * drift, since each node is recomputed from its children.  A stale tree
 * waits for its rebuild instead. */
static void
sheet_tree_set(struct sheet *s, long r)
{
	struct sheet_tree *t = s->tree;
	long i = t->leaves + r / SHEET_BLOCK;

	if (t->stale)
		return;
	t->node[i] = sheet_block_sum(s, r / SHEET_BLOCK);
	for (i /= 2; i >= 1; i /= 2)
		t->node[i] = t->node[2 * i] + t->node[2 * i + 1];
}

/* The targeted losses added, building the tree first if rows changed in
 * bulk since (once after a load, not once a row). */
static double
sheet_tree_root(const struct sheet *s)
{
	if (s->tree->stale)
		sheet_tree_build(s);
	return s->tree->node[1];
}

/* Takes row R out of the totals, before its inputs change. */
static void
sheet_row_begin(struct sheet *s, long r)
{
	sheet_count(s, r, -1);
}

/* Recomputes row R after its inputs changed and puts it back in. */
static void
sheet_row_end(struct sheet *s, long r)
{
	sheet_row_compute(s, r);
	sheet_count(s, r, 1);
	sheet_tree_set(s, r);
}

void
sheet_recompute(struct sheet *s)
{
	long r;

	memset(s->nflag, 0, sizeof(s->nflag));
	memset(s->nclass, 0, s->k * sizeof(long));
	s->ntarget = s->nsoft = s->ncorrect = 0;
	for (r = 0; r < s->n; r++) {
		sheet_row_compute(s, r);
		sheet_count(s, r, 1);
	}
	sheet_tree_build(s);
}

/* The mean's denominator: the targeted rows, or their classes' weights. */
static double
sheet_wsum(const struct sheet *s)
{
	double den = 0;
	int k;

	if (s->o.weights == NULL || s->k == 1)
		return (double)s->ntarget;
	for (k = 0; k < s->k; k++)
		den += s->o.weights[k] * (double)s->nclass[k];
	return den;
}

double
sheet_mean_loss(const struct sheet *s)
{
	if (s->ntarget == 0)
		return NAN;
	return sheet_tree_root(s) /
	    (s->nsoft > 0 ? (double)s->ntarget : sheet_wsum(s));
}

void
sheet_loss_sums(const struct sheet *s, struct sheet_sums *out)
{
	out->sum = s->ntarget ? sheet_tree_root(s) : 0;
	out->targeted = s->ntarget;
	out->soft = s->nsoft;
	out->correct = s->ncorrect;
	out->wsum = sheet_wsum(s);
}

double
sheet_accuracy(const struct sheet *s)
{
	return s->ntarget ? (double)s->ncorrect / (double)s->ntarget : NAN;
}

long
sheet_target_rows(const struct sheet *s)
{
	return s->ntarget;
}

long
sheet_flag_count(const struct sheet *s, unsigned flag)
{
	int i;

	for (i = 0; i < SHEET_NFLAGS; i++)
		if (flag == (1u << i))
			return s->nflag[i];
	return 0;
}

/* ------------------------------------------------------------------ */
/* Rows and classes                                                   */
/* ------------------------------------------------------------------ */

long
sheet_append(struct sheet *s, const char *id, const double *a,
    const double *y, int label_index)
{
	long r = s->n;

	if (sheet_reserve(s, r + 1) < 0 || sheet_tree_fit(s, r + 1) < 0)
		return -1;
	sheet_row_blank(s, r);
	if (y == NULL) {
		memset(s->yrow, 0, s->k * sizeof(double));
		y = s->yrow;
	}
	if (sheet_id_put(s, r, id) < 0 ||
	    sheet_store_y(s, r, y, y != s->yrow) < 0)
		return -1;
	memcpy(s->a + r * s->k, a, s->k * sizeof(double));
	s->info[r] = (y != s->yrow ? INFO_HAS_TARGET : 0) |
	    (label_index ? INFO_LABEL_INDEX : 0);
	s->n++;
	sheet_row_compute(s, r);
	sheet_count(s, r, 1);
	/* The tree is built when the mean is next asked for, so that a load
	 * pays O(1) a row for it. */
	s->tree->stale = 1;
	return r;
}

/* Copies row R of T (computed under the same options) to new row AT of
 * S: its label and soft targets, which live apart; -1 on ENOMEM. */
static int
sheet_copy_extras(struct sheet *s, long at, const struct sheet *t, long r)
{
	const double *y;

	sheet_row_blank(s, at);
	if (t->idoff != NULL && sheet_id_put(s, at, sheet_id(t, r)) < 0)
		return -1;
	if (t->yslot == NULL || t->yslot[r] < 0)
		return 0;
	y = t->ysoft + (size_t)t->yslot[r] * t->k;
	if (sheet_slot_room(s) < 0)
		return -1;
	s->yslot[at] = sheet_slot_take(s);
	memcpy(s->ysoft + (size_t)s->yslot[at] * s->k, y, s->k * sizeof(double));
	return 0;
}

/* Copies the text cells of T's rows [FROM, FROM + N) to S's rows from AT
 * on, which S already has; -1 on ENOMEM. */
static int
sheet_texts_copy(struct sheet *s, long at, const struct sheet *t, long from,
    long n)
{
	long r;
	int j;

	for (j = 0; j < s->ntext; j++)
		for (r = 0; r < n; r++)
			if (sheet_set_text(s, at + r, j,
			    sheet_text(t, from + r, j)) < 0)
				return -1;
	return 0;
}

/* Fills S's kept exps of rows AT.. from T's rows FROM.. (N of them): T's
 * own when it keeps them too, else computed as sheet_exp would. */
static void
sheet_copy_exps(struct sheet *s, long at, const struct sheet *t, long from,
    long n)
{
	long r;
	int k;

	if (t->ex != NULL) {
		memcpy(s->ex + at * s->k, t->ex + from * s->k,
		    n * s->k * sizeof(double));
		return;
	}
	for (r = 0; r < n; r++)
		for (k = 0; k < s->k; k++)
			s->ex[(at + r) * s->k + k] = exp(t->a[(from + r) *
			    s->k + k] / t->o.temperature);
}

/* Copies T's rows [FROM, FROM + N), cells and all, to S's rows from AT on
 * (reserved, beyond S's rows); the counts and the mean are the caller's.
 * -1 on ENOMEM. */
static int
sheet_copy_rows(struct sheet *s, long at, const struct sheet *t, long from,
    long n)
{
	long r;

	for (r = 0; r < n; r++)
		if (sheet_copy_extras(s, at + r, t, from + r) < 0)
			return -1;
	memcpy(s->a + at * s->k, t->a + from * s->k, n * s->k * sizeof(double));
	memcpy(s->sum + at, t->sum + from, n * sizeof(double));
	memcpy(s->max + at, t->max + from, n * sizeof(double));
	memcpy(s->lse + at, t->lse + from, n * sizeof(double));
	memcpy(s->loss + at, t->loss + from, n * sizeof(double));
	memcpy(s->flags + at, t->flags + from, n);
	memcpy(s->info + at, t->info + from, n);
	memcpy(s->pred + at, t->pred + from, n * sizeof(int32_t));
	memcpy(s->tgt + at, t->tgt + from, n * sizeof(int32_t));
	if (s->ex != NULL)
		sheet_copy_exps(s, at, t, from, n);
	return 0;
}

int
sheet_append_sheet(struct sheet *s, const struct sheet *t)
{
	long n = s->n;
	int i;

	if (t->k != s->k || t->ntext != s->ntext ||
	    sheet_reserve(s, n + t->n) < 0 ||
	    sheet_tree_fit(s, n + t->n) < 0 ||
	    sheet_copy_rows(s, n, t, 0, t->n) < 0)
		return -1;
	for (i = 0; i < SHEET_NFLAGS; i++)
		s->nflag[i] += t->nflag[i];
	for (i = 0; i < s->k; i++)
		s->nclass[i] += t->nclass[i];
	s->ntarget += t->ntarget;
	s->nsoft += t->nsoft;
	s->ncorrect += t->ncorrect;
	s->n += t->n;
	s->tree->stale = 1;
	return sheet_texts_copy(s, n, t, 0, t->n);
}

long
sheet_append_row(struct sheet *s, const struct sheet *t, long r)
{
	long at = s->n;

	if (t->k != s->k || t->ntext != s->ntext || r < 0 || r >= t->n ||
	    sheet_reserve(s, at + 1) < 0 || sheet_tree_fit(s, at + 1) < 0 ||
	    sheet_copy_rows(s, at, t, r, 1) < 0)
		return -1;
	s->n++;
	sheet_count(s, at, 1);
	s->tree->stale = 1;
	return sheet_texts_copy(s, at, t, r, 1) < 0 ? -1 : at;
}

/* Opens (DIR 1) or closes (DIR -1) a gap of one row at AT in every row
 * array there is. */
static void
sheet_shift(struct sheet *s, long at, int dir)
{
	struct sheet_col c[SHEET_MAXCOLS];
	int i, nc = sheet_cols(s, c);
	char *base;
	size_t w;

	for (i = 0; i < nc; i++) {
		if ((base = *c[i].ptr) == NULL)
			continue;
		w = c[i].width;
		if (dir > 0)
			memmove(base + (at + 1) * w, base + at * w,
			    (s->n - at) * w);
		else
			memmove(base + at * w, base + (at + 1) * w,
			    (s->n - at - 1) * w);
	}
	sheet_text_shift(s, at, dir);
}

/* The inputs of a fresh row into A and S's scratch targets: zero
 * activations (1/K in probs mode), the first class as target. */
static void
sheet_fresh_row(struct sheet *s, double *a)
{
	int k;

	for (k = 0; k < s->k; k++)
		a[k] = s->o.mode == SHEET_PROBS ? 1.0 / s->k : 0;
	memset(s->yrow, 0, s->k * sizeof(double));
	s->yrow[0] = 1;
}

int
sheet_insert_row(struct sheet *s, long at, long from)
{
	int copy = from >= 0 && from < s->n, has, j;
	uint8_t info = INFO_HAS_TARGET;
	uint32_t id = 0;

	if (at < 0 || at > s->n || sheet_reserve(s, s->n + 1) < 0 ||
	    sheet_tree_fit(s, s->n + 1) < 0)
		return -1;
	if (copy) {
		sheet_y_get(s, from, s->yrow);
		info = s->info[from] & (INFO_HAS_TARGET | INFO_LABEL_INDEX);
		id = s->idoff != NULL ? s->idoff[from] : 0;
	}
	has = (info & INFO_HAS_TARGET) != 0;
	/* Room for a slot first: nothing may fail once the rows move. */
	if (copy && !sheet_y_is_hard(s->yrow, s->k,
	    has, sheet_tgt_of(s->yrow, s->k, has)) && sheet_slot_room(s) < 0)
		return -1;
	if (from >= at)
		from++;
	sheet_shift(s, at, 1);
	s->n++;
	sheet_row_blank(s, at);
	if (copy)
		memcpy(s->a + at * s->k, s->a + from * s->k,
		    s->k * sizeof(double));
	else
		sheet_fresh_row(s, s->a + at * s->k);
	sheet_store_y(s, at, s->yrow, has);
	s->info[at] = info;
	if (s->idoff != NULL)
		s->idoff[at] = id;
	for (j = 0; copy && j < s->ntext; j++)
		s->text[j].off[at] = s->text[j].off[from];
	sheet_row_compute(s, at);
	sheet_count(s, at, 1);
	s->tree->stale = 1;
	return 0;
}

void
sheet_delete_row(struct sheet *s, long r)
{
	if (r < 0 || r >= s->n)
		return;
	sheet_count(s, r, -1);
	sheet_slot_drop(s, r);
	sheet_shift(s, r, -1);
	s->n--;
	s->tree->stale = 1;
}

/* Old class feeding new class J when class DROP is removed (DROP < 0: a
 * zero column is appended instead). */
static int
sheet_map(const struct sheet *s, int j, int drop)
{
	if (drop < 0)
		return j < s->k ? j : -1;
	return j < drop ? j : j + 1;
}

/* Row R's inputs with NEWK classes (class DROP gone, or one more when DROP
 * < 0) into A and Y; returns whether it keeps a target.  The new class is
 * all zero, except that a binary row gaining a second class keeps its
 * meaning: the new class is "not the first", so sigmoid(a) becomes
 * softmax(a, 0). */
static int
sheet_restride_row(const struct sheet *s, long r, int drop, int newk,
    double *a, double *y)
{
	int j, src, binary = drop < 0 && s->k == 1;

	for (j = 0; j < newk; j++) {
		if ((src = sheet_map(s, j, drop)) >= 0) {
			a[j] = s->a[r * s->k + src];
			y[j] = sheet_y(s, r, src);
		} else if (binary) {
			a[j] = s->o.mode == SHEET_PROBS ? 1 - s->a[r] : 0;
			y[j] = 1 - sheet_y(s, r, 0);
		} else
			a[j] = y[j] = 0;
	}
	return (s->info[r] & INFO_HAS_TARGET) && !(s->info[r] & INFO_ORPHAN);
}

/* The new class-wide arrays that sheet_restride swaps in. */
struct sheet_wide {
	double	*a;		/* cap * newk activations */
	double	*yrow;		/* newk scratch targets */
	double	*ysoft;		/* side-table slots of newk */
	int32_t	*yfree;		/* their free stack */
	int32_t	*yslot;		/* cap, or NULL when no row needs a slot */
	long	 nside;		/* rows that need a slot */
};

/* Frees what W holds. */
static void
sheet_wide_free(struct sheet_wide *w)
{
	free(w->a);
	free(w->yrow);
	free(w->ysoft);
	free(w->yfree);
	free(w->yslot);
}

/* Allocates W for NEWK classes, counting the rows that will need a slot;
 * -1 on ENOMEM. */
static int
sheet_wide_alloc(const struct sheet *s, int drop, int newk,
    struct sheet_wide *w)
{
	long r, cap = s->cap ? s->cap : 1;
	int has;

	memset(w, 0, sizeof(*w));
	if ((w->a = malloc(cap * newk * sizeof(double))) == NULL ||
	    (w->yrow = calloc(newk, sizeof(double))) == NULL)
		return -1;
	for (r = 0; r < s->n; r++) {
		has = sheet_restride_row(s, r, drop, newk, w->a + r * newk,
		    w->yrow);
		w->nside += !sheet_y_is_hard(w->yrow, newk, has,
		    sheet_tgt_of(w->yrow, newk, has));
	}
	if (w->nside == 0)
		return 0;
	if (w->nside > INT32_MAX ||
	    (w->ysoft = malloc(w->nside * newk * sizeof(double))) == NULL ||
	    (w->yfree = malloc(w->nside * sizeof(int32_t))) == NULL ||
	    (w->yslot = malloc(cap * sizeof(int32_t))) == NULL)
		return -1;
	return 0;
}

/* Rebuilds the activations and targets without class DROP, or with one
 * more class at the end when DROP < 0; the hard targets follow, and rows
 * marked INFO_ORPHAN lose theirs.  -1 (nothing changed) on ENOMEM. */
static int
sheet_restride(struct sheet *s, int drop)
{
	int newk = drop < 0 ? s->k + 1 : s->k - 1, has, t;
	struct sheet_wide w;
	long r, slot = 0;

	/* Kept exps go with the old width; sheet_exp computes them again. */
	free(s->ex);
	s->ex = NULL;

	if (sheet_wide_alloc(s, drop, newk, &w) < 0) {
		sheet_wide_free(&w);
		return -1;
	}
	for (r = 0; r < s->n; r++) {
		has = sheet_restride_row(s, r, drop, newk, w.a + r * newk,
		    w.yrow);
		t = s->tgt[r] = sheet_tgt_of(w.yrow, newk, has);
		if (w.yslot == NULL)
			continue;
		w.yslot[r] = -1;
		if (sheet_y_is_hard(w.yrow, newk, has, t))
			continue;
		memcpy(w.ysoft + slot * newk, w.yrow, newk * sizeof(double));
		w.yslot[r] = (int32_t)slot++;
	}
	free(s->a);
	free(s->yrow);
	free(s->ysoft);
	free(s->yfree);
	free(s->yslot);
	s->a = w.a;
	s->yrow = w.yrow;
	s->ysoft = w.ysoft;
	s->yfree = w.yfree;
	s->yslot = w.yslot;
	s->nslot = s->slotcap = w.nside;
	s->nfree = 0;
	return 0;
}

/* Resizes the per-class side arrays (names, counts, weights) to NEWK. */
static int
sheet_resize_classes(struct sheet *s, int newk)
{
	void *np;

	if ((np = realloc(s->names, newk * sizeof(char *))) == NULL)
		return -1;
	s->names = np;
	if ((np = realloc(s->nclass, newk * sizeof(long))) == NULL)
		return -1;
	s->nclass = np;
	if (s->o.weights != NULL) {
		if ((np = realloc(s->o.weights, newk * sizeof(double))) == NULL)
			return -1;
		s->o.weights = np;
	}
	return 0;
}

int
sheet_add_class(struct sheet *s, const char *name)
{
	int oldk = s->k;
	char *copy;

	if (sheet_class_index(s, name) >= 0 || (copy = strdup(name)) == NULL)
		return -1;
	if (sheet_resize_classes(s, oldk + 1) < 0 ||
	    sheet_restride(s, -1) < 0) {
		free(copy);
		return -1;
	}
	s->names[oldk] = copy;
	if (s->o.weights != NULL)
		s->o.weights[oldk] = 1;
	s->k = oldk + 1;
	sheet_recompute(s);
	return 0;
}

/* 1 when row R has a target whose weight is all on class K: every other
 * class's weight is 0 and K's is not. */
static int
sheet_target_alone(const struct sheet *s, long r, int k)
{
	int j;

	if (!(s->info[r] & INFO_HAS_TARGET) || sheet_y(s, r, k) == 0)
		return 0;
	if (s->yslot == NULL || s->yslot[r] < 0)
		return 1;	/* one-hot on k, or a binary 1 */
	for (j = 0; j < s->k; j++)
		if (j != k && sheet_y(s, r, j) != 0)
			return 0;
	return 1;
}

long
sheet_class_target_rows(const struct sheet *s, int k)
{
	long r, n = 0;

	if (k < 0 || k >= s->k)
		return 0;
	for (r = 0; r < s->n; r++)
		n += sheet_target_alone(s, r, k);
	return n;
}

/* Marks with INFO_ORPHAN the rows whose target is class K alone, which
 * lose their target when K goes. */
static void
sheet_mark_orphans(struct sheet *s, int k)
{
	long r;

	for (r = 0; r < s->n; r++)
		if (sheet_target_alone(s, r, k))
			s->info[r] |= INFO_ORPHAN;
}

/* Takes the target from the rows marked INFO_ORPHAN (DROP: or only clears
 * the mark): an all-zero target would read as the first class with a loss
 * of 0. */
static void
sheet_orphan_targets(struct sheet *s, int drop)
{
	long r;

	for (r = 0; r < s->n; r++) {
		if (!(s->info[r] & INFO_ORPHAN))
			continue;
		s->info[r] &= ~INFO_ORPHAN;
		if (drop)
			s->info[r] &= ~(INFO_HAS_TARGET | INFO_LABEL_INDEX);
	}
}

int
sheet_delete_class(struct sheet *s, int k)
{
	if (s->k <= 1 || k < 0 || k >= s->k)
		return -1;
	sheet_mark_orphans(s, k);
	if (sheet_restride(s, k) < 0) {
		sheet_orphan_targets(s, 0);
		return -1;
	}
	sheet_orphan_targets(s, 1);
	free(s->names[k]);
	memmove(s->names + k, s->names + k + 1, (s->k - k - 1) * sizeof(char *));
	if (s->o.weights != NULL)
		memmove(s->o.weights + k, s->o.weights + k + 1,
		    (s->k - k - 1) * sizeof(double));
	s->k--;
	if (s->k == 1) {
		/* Binary sheets take neither weights nor smoothing. */
		free(s->o.weights);
		s->o.weights = NULL;
		s->o.smoothing = 0;
	}
	sheet_recompute(s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Options                                                            */
/* ------------------------------------------------------------------ */

/* Checks the scalar options' ranges. */
static int
sheet_opts_range(const struct sheet_opts *o, char *err, size_t errlen)
{
	if (o->base != 0 && o->base != 2 && o->base != 10)
		snprintf(err, errlen, "base must be e, 2 or 10");
	else if (!(o->temperature > 0) || isinf(o->temperature))
		snprintf(err, errlen, "temperature must be a number above 0");
	else if (!(o->smoothing >= 0 && o->smoothing <= 1))
		snprintf(err, errlen, "label-smoothing must be between 0 and 1");
	else if (!(o->confident > 0 && o->confident <= 1))
		snprintf(err, errlen, "confident must be above 0 and at most 1");
	else
		return 0;
	return -1;
}

int
sheet_opts_check(const struct sheet *s, const struct sheet_opts *o,
    char *err, size_t errlen)
{
	int k;

	if (sheet_opts_range(o, err, errlen) < 0)
		return -1;
	if (o->mode == SHEET_PROBS && o->temperature != 1) {
		snprintf(err, errlen, "temperature applies to logits mode only");
		return -1;
	}
	if (s->k == 1 && (o->weights != NULL || o->smoothing != 0)) {
		snprintf(err, errlen, "weights and label-smoothing do not apply "
		    "to a binary sheet (one activation column)");
		return -1;
	}
	for (k = 0; o->weights != NULL && k < s->k; k++)
		if (!(o->weights[k] >= 0) || isinf(o->weights[k])) {
			snprintf(err, errlen, "weights must be numbers >= 0");
			return -1;
		}
	return 0;
}

/* 1 when O is bit for bit the options in force, so that recomputing
 * would give every row the values it has (a file without settings then
 * computes each row once, on its append). */
static int
sheet_opts_same(const struct sheet *s, const struct sheet_opts *o)
{
	const struct sheet_opts *p = &s->o;

	if (o->mode != p->mode || o->base != p->base ||
	    memcmp(&o->temperature, &p->temperature, sizeof(double)) != 0 ||
	    memcmp(&o->smoothing, &p->smoothing, sizeof(double)) != 0 ||
	    memcmp(&o->confident, &p->confident, sizeof(double)) != 0 ||
	    (o->weights == NULL) != (p->weights == NULL))
		return 0;
	return o->weights == NULL ||
	    memcmp(o->weights, p->weights, s->k * sizeof(double)) == 0;
}

int
sheet_set_opts(struct sheet *s, const struct sheet_opts *o, char *err,
    size_t errlen)
{
	double *w = NULL;

	if (sheet_opts_check(s, o, err, errlen) < 0)
		return -1;
	if (sheet_opts_same(s, o))
		return 0;
	if (o->weights != NULL) {
		if ((w = malloc(s->k * sizeof(double))) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		memcpy(w, o->weights, s->k * sizeof(double));
	}
	free(s->o.weights);
	s->o = *o;
	s->o.weights = w;
	sheet_recompute(s);
	return 0;
}

const struct sheet_opts *
sheet_opts(const struct sheet *s)
{
	return &s->o;
}

void
sheet_set_title(struct sheet *s, const char *title)
{
	char *t = title != NULL ? strdup(title) : NULL;

	free(s->title);
	s->title = t;
}

const char *
sheet_title(const struct sheet *s)
{
	return s->title != NULL ? s->title : "";
}

void
sheet_set_target_style(struct sheet *s, enum sheet_targets t)
{
	s->tstyle = t;
}

enum sheet_targets
sheet_target_style(const struct sheet *s)
{
	return s->tstyle;
}

/* ------------------------------------------------------------------ */
/* Edits                                                              */
/* ------------------------------------------------------------------ */

void
sheet_set_act(struct sheet *s, long r, int k, double v)
{
	sheet_row_begin(s, r);
	s->a[r * s->k + k] = v;
	sheet_row_end(s, r);
}

/* Replaces row R's targets with Y (and HAS) between sheet_row_begin and
 * sheet_row_end, the label-index bit taken from INDEX; -1 (row as it was)
 * on ENOMEM. */
static int
sheet_targets_set(struct sheet *s, long r, const double *y, int has,
    int index)
{
	sheet_row_begin(s, r);
	if (sheet_store_y(s, r, y, has) < 0) {
		sheet_count(s, r, 1);
		return -1;
	}
	s->info[r] &= ~(INFO_HAS_TARGET | INFO_LABEL_INDEX);
	s->info[r] |= (has ? INFO_HAS_TARGET : 0) |
	    (index ? INFO_LABEL_INDEX : 0);
	sheet_row_end(s, r);
	return 0;
}

int
sheet_set_y(struct sheet *s, long r, int k, double v)
{
	sheet_y_get(s, r, s->yrow);
	s->yrow[k] = v;
	return sheet_targets_set(s, r, s->yrow, 1, 0);
}

void
sheet_set_target(struct sheet *s, long r, int k)
{
	memset(s->yrow, 0, s->k * sizeof(double));
	/* A binary sheet's "other outcome" is target 0. */
	if (k >= 0)
		s->yrow[s->k == 1 ? 0 : k] = s->k == 1 && k == 1 ? 0 : 1;
	/* One-hot or none: what the hard target implies, so no slot is
	 * needed and this cannot fail. */
	sheet_targets_set(s, r, s->yrow, k >= 0, 0);
}

int
sheet_normalize_row(struct sheet *s, long r)
{
	double *a = s->a + r * s->k, sum = 0;
	int k;

	for (k = 0; k < s->k; k++)
		sum += a[k];
	if (sum == 0 || !isfinite(sum))
		return -1;
	sheet_row_begin(s, r);
	for (k = 0; k < s->k; k++)
		a[k] /= sum;
	sheet_row_end(s, r);
	return 0;
}

unsigned
sheet_row_get(const struct sheet *s, long r, double *a, double *y)
{
	memcpy(a, s->a + r * s->k, s->k * sizeof(double));
	sheet_y_get(s, r, y);
	return ((s->info[r] & INFO_HAS_TARGET) ? SHEET_ROW_TARGET : 0) |
	    ((s->info[r] & INFO_LABEL_INDEX) ? SHEET_ROW_INDEX : 0);
}

int
sheet_row_set(struct sheet *s, long r, const double *a, const double *y,
    unsigned bits)
{
	int has = (bits & SHEET_ROW_TARGET) != 0;

	sheet_row_begin(s, r);
	if (sheet_store_y(s, r, y, has) < 0) {
		sheet_count(s, r, 1);
		return -1;
	}
	memcpy(s->a + r * s->k, a, s->k * sizeof(double));
	s->info[r] = (has ? INFO_HAS_TARGET : 0) |
	    ((bits & SHEET_ROW_INDEX) ? INFO_LABEL_INDEX : 0);
	sheet_row_end(s, r);
	return 0;
}

int
sheet_set_id(struct sheet *s, long r, const char *id)
{
	return sheet_id_put(s, r, id);
}

/* Copies N bytes of SRC into a new allocation; NULL stays NULL. */
static void *
sheet_dup(const void *src, size_t n)
{
	void *d;

	if (src == NULL || (d = malloc(n ? n : 1)) == NULL)
		return NULL;
	return memcpy(d, src, n);
}

/* Copies S's rows (every row array there is) and side table into T,
 * which has none yet; -1 on ENOMEM. */
static int
sheet_clone_rows(const struct sheet *s, struct sheet *t)
{
	struct sheet_col c[SHEET_MAXCOLS], d[SHEET_MAXCOLS];
	int i, nc;

	if (sheet_reserve(t, s->n) < 0)
		return -1;
	nc = sheet_cols((struct sheet *)s, c);
	sheet_cols(t, d);
	for (i = 0; i < nc; i++) {
		if (*c[i].ptr == NULL)
			continue;
		if (d[i].optional &&
		    sheet_col_need(t, d[i].ptr, d[i].width, d[i].fill) < 0)
			return -1;
		if (s->n > 0)
			memcpy(*d[i].ptr, *c[i].ptr, c[i].width * s->n);
	}
	if (s->slotcap > 0 &&
	    ((t->ysoft = sheet_dup(s->ysoft, s->slotcap * s->k *
	    sizeof(double))) == NULL ||
	    (t->yfree = sheet_dup(s->yfree, s->slotcap * sizeof(int32_t))) ==
	    NULL))
		return -1;
	t->nslot = s->nslot;
	t->nfree = s->nfree;
	t->slotcap = s->slotcap;
	t->n = s->n;
	return 0;
}

/* The derived values are copied, not recomputed: they are a function of
 * the inputs and options, which are copied too. */
struct sheet *
sheet_clone(const struct sheet *s)
{
	struct sheet *t;

	if ((t = sheet_new(s->k, (const char *const *)s->names)) == NULL)
		return NULL;
	if (sheet_clone_rows(s, t) < 0 || sheet_tree_fit(t, s->n) < 0 ||
	    sheet_text_clone(s, t) < 0)
		goto fail;
	free(t->pool);
	if ((t->pool = sheet_dup(s->pool, s->poolcap)) == NULL)
		goto fail;
	t->poollen = s->poollen;
	t->poolcap = s->poolcap;
	t->tstyle = s->tstyle;
	sheet_set_title(t, s->title);
	t->o = s->o;
	t->o.weights = sheet_dup(s->o.weights, s->k * sizeof(double));
	if (s->o.weights != NULL && t->o.weights == NULL)
		goto fail;
	memcpy(t->nflag, s->nflag, sizeof(t->nflag));
	memcpy(t->nclass, s->nclass, s->k * sizeof(long));
	t->ntarget = s->ntarget;
	t->nsoft = s->nsoft;
	t->ncorrect = s->ncorrect;
	t->tree->stale = 1;
	return t;
fail:
	sheet_free(t);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                          */
/* ------------------------------------------------------------------ */

long sheet_rows(const struct sheet *s) { return s->n; }
int sheet_classes(const struct sheet *s) { return s->k; }
int sheet_is_binary(const struct sheet *s) { return s->k == 1; }

const char *
sheet_class_name(const struct sheet *s, int k)
{
	return k >= 0 && k < s->k ? s->names[k] : "";
}

int
sheet_class_index(const struct sheet *s, const char *name)
{
	int k;

	for (k = 0; k < s->k; k++)
		if (strcmp(s->names[k], name) == 0)
			return k;
	return -1;
}

const char *
sheet_id(const struct sheet *s, long r)
{
	return s->pool + (s->idoff != NULL ? s->idoff[r] : 0);
}

int
sheet_label_index(const struct sheet *s, long r)
{
	return (s->info[r] & INFO_LABEL_INDEX) != 0;
}

double sheet_act(const struct sheet *s, long r, int k)
{ return s->a[r * s->k + k]; }
double sheet_sum(const struct sheet *s, long r) { return s->sum[r]; }
double sheet_loss(const struct sheet *s, long r) { return s->loss[r]; }
unsigned sheet_flags(const struct sheet *s, long r) { return s->flags[r]; }
int sheet_pred(const struct sheet *s, long r) { return s->pred[r]; }
int sheet_target(const struct sheet *s, long r) { return s->tgt[r]; }

int
sheet_has_target(const struct sheet *s, long r)
{
	return (s->info[r] & INFO_HAS_TARGET) != 0;
}

void
sheet_other(const struct sheet *s, long r, struct sheet_other *o)
{
	double np, nq;

	if (s->k != 1) {
		*o = (struct sheet_other){ NAN, NAN, NAN, NAN, NAN, NAN };
		return;
	}
	sheet_binary_nats(s, r, &np, &nq);
	o->act = s->o.mode == SHEET_PROBS ? 1 - s->a[r] : 0;
	o->exp = s->o.mode == SHEET_PROBS ? NAN : 1;
	o->p = 1 - sheet_p(s, r, 0);
	o->naive = s->o.mode == SHEET_PROBS ? o->p : 1 / s->sum[r];
	o->y = 1 - sheet_y(s, r, 0);
	o->neglog = nq / sheet_lnbase(s);
}

double
sheet_p_total(const struct sheet *s, long r)
{
	double total = 0;
	int k;

	for (k = 0; k < s->k; k++)
		total += sheet_p(s, r, k);
	return s->k == 1 ? total + (1 - sheet_p(s, r, 0)) : total;
}

const char *
sheet_outcome_name(const struct sheet *s, int c, char *buf, size_t len)
{
	if (c < 0)
		snprintf(buf, len, "%s", "");
	else if (s->k == 1 && c == 1)
		snprintf(buf, len, "not_%s", s->names[0]);
	else
		snprintf(buf, len, "%s", sheet_class_name(s, c));
	return buf;
}

/* ------------------------------------------------------------------ */
/* What the activations look like                                     */
/* ------------------------------------------------------------------ */

/* Tolerance of the probabilities-passed-as-logits hints. */
#define SHEET_HINT_TOL	1e-6

/* 1 when row R's activations lie in [0, 1] and sum to 1. */
static int
sheet_row_probs_like(const struct sheet *s, long r)
{
	const double *a = s->a + r * s->k;
	double sum = 0;
	int k;

	for (k = 0; k < s->k; k++) {
		if (!(a[k] >= 0 && a[k] <= 1))
			return 0;
		sum += a[k];
	}
	return fabs(sum - 1) <= SHEET_HINT_TOL;
}

/* 1 when row R's activations have a log-sum-exp of 0. */
static int
sheet_row_logprobs_like(const struct sheet *s, long r)
{
	const double *a = s->a + r * s->k;
	double m = -INFINITY, acc = 0;
	int k;

	for (k = 0; k < s->k; k++)
		if (a[k] > m)
			m = a[k];
	if (!isfinite(m))
		return 0;
	for (k = 0; k < s->k; k++)
		acc += exp(a[k] - m);
	return fabs(m + log(acc)) <= SHEET_HINT_TOL;
}

unsigned
sheet_input_hint(const struct sheet *s, unsigned still)
{
	long r;

	if (s->k < 2)
		return 0;
	/* Each bit is dropped at the first row that breaks it, so real
	 * logits cost a row or two. */
	for (r = 0; r < s->n && still != 0; r++) {
		if ((still & SHEET_LOOKS_PROBS) && !sheet_row_probs_like(s, r))
			still &= ~SHEET_LOOKS_PROBS;
		if ((still & SHEET_LOOKS_LOGPROBS) &&
		    !sheet_row_logprobs_like(s, r))
			still &= ~SHEET_LOOKS_LOGPROBS;
	}
	return still;
}
