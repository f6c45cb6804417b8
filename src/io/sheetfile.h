/*
 * sheetfile.h - sheet files (CSV with '#' settings) in and out.
 *
 * Reading turns a file into a struct sheet plus what the file said about
 * itself (settings, column order).  Writing produces either the computed
 * table of `xent eval` or a sheet file that reopens to the same numbers.
 * Every message is one line, "FILE:LINE: what is wrong" where a line is
 * known.  Nothing here includes curses or readline.
 */
#ifndef XENT_IO_SHEETFILE_H
#define XENT_IO_SHEETFILE_H

#include <stdio.h>

#include "core/sheet.h"

/* Settings a file or command line can name; bit i = key i was given. */
enum sheetfile_key {
	SF_MODE, SF_BASE, SF_TITLE, SF_TEMPERATURE, SF_SMOOTHING,
	SF_WEIGHTS, SF_CONFIDENT, SF_STEP, SF_NKEYS
};

/* Settings as given: which keys were set, their values, and the line. */
struct sheetfile_settings {
	unsigned	  given;		/* 1 << SF_* per key set */
	struct sheet_opts o;			/* values (weights malloc'd) */
	int		  nweights;		/* count in o.weights */
	double		  step;			/* grid nudge step; 0 = default */
	char		 *title;		/* malloc'd, or NULL */
	long		  line[SF_NKEYS];	/* where each key was set */

	/* How the header is read (a file's '#' lines or the command line,
	 * never :set); malloc'd or NULL, and not merged. */
	char		 *label_column;		/* label-column: NAME */
	char		 *text;			/* text: COL,... */
	/* The command line's alone: NumPy input. */
	char		 *labels;		/* --labels FILE */
	char		 *classes;		/* --classes a,b,c or FILE */
};

/* Header settings, apart from SF_*: they say how the header's columns
 * are read, so they take effect when a file is opened. */
enum sheetfile_hkey { SF_H_LABEL_COLUMN, SF_H_TEXT, SF_H_LABELS,
	SF_H_CLASSES, SF_NHKEYS };

/* The header setting named NAME ("label-column", "text", and for the
 * command line alone "labels", "classes"), or -1. */
int sheetfile_hkey(const char *name);

/* Records header setting KEY = VALUE into SET.  -1 with a message (no
 * location) in ERR when VALUE is empty. */
int sheetfile_hsetting(struct sheetfile_settings *set, int key,
    const char *value, char *err, size_t errlen);

/* Role of one input column. */
enum sheetfile_role { SF_COL_ID, SF_COL_LABEL, SF_COL_ACT, SF_COL_IS,
	SF_COL_TEXT };

struct sheetfile_col {
	enum sheetfile_role role;
	int		    k;		/* class, for ACT and IS; text
					 * column, for TEXT */
	char		   *name;	/* header text as read */
};

/* What a file said beyond the numbers. */
struct sheetfile_info {
	struct sheetfile_settings set;	/* from the '#' lines */
	struct sheetfile_col	*cols;	/* input columns in file order */
	int			 ncols;
};

/* 1 when NAME may not be a class: id, the label names (label, target,
 * labels, y), sum, loss, if_form, flags, pred, and names starting is_,
 * exp_ or p_, which the output uses. */
int sheetfile_reserved(const char *name);

/* The setting named NAME ("label-smoothing", ...), or -1. */
int sheetfile_key(const char *name);

/* The name of setting KEY. */
const char *sheetfile_key_name(int key);

/* Parses VALUE for setting KEY into SET (replacing an earlier value).
 * -1 with a message (no location) in ERR when VALUE is not valid for KEY. */
int sheetfile_setting(struct sheetfile_settings *set, int key,
    const char *value, char *err, size_t errlen);

/* Copies every setting given in FROM over TO (command line over file). */
int sheetfile_settings_merge(struct sheetfile_settings *to,
    const struct sheetfile_settings *from);

/* Frees what SET owns and clears it. */
void sheetfile_settings_free(struct sheetfile_settings *set);

/* Applies SET on top of S's options (mode, base, options, title).  -1 with
 * a message in ERR when they do not fit the sheet; the message starts
 * "SRC:LINE: " when the setting at fault came from line LINE of file SRC. */
int sheetfile_apply(struct sheet *s, const struct sheetfile_settings *set,
    const char *src, char *err, size_t errlen);

/* Reads regular file PATH of at most sheetfile_max_bytes() bytes into a
 * new sheet with the file's settings applied, filling INFO (which the
 * caller frees with sheetfile_info_free).  NULL with "PATH:LINE: message"
 * (or "PATH: reason") in ERR on any bad input, a pipe, a FIFO (never
 * waited on), a device or a file past the limit; nothing is leaked. */
struct sheet *sheetfile_load(const char *path, struct sheetfile_info *info,
    char *err, size_t errlen);

/* The same from memory: NAME is used in messages. */
struct sheet *sheetfile_load_mem(const char *name, const char *buf,
    size_t len, struct sheetfile_info *info, char *err, size_t errlen);

/* --- reading a block of rows at a time --- */

/* A sheet file being read.  Its settings (the file's, then the command
 * line's over them) are applied before the first row, so that every row
 * is computed once, and the reader holds a window of the file, never the
 * whole of it. */
struct sheetfile_stream;

/* Rows in a block of sheetfile_block_rows (fewer for wide sheets). */
#define SHEETFILE_BLOCK 4096

/* Opens PATH ("-": standard input) and reads its '#' settings and header
 * into INFO (the caller frees it, after sheetfile_close); CLI's settings
 * (NULL: none) go over the file's, its label-column and text shape the
 * header.  NumPy input (npy_is_numpy: a .npy or .npz) is read from its
 * arrays instead, with CLI's labels and classes: INFO then holds a label
 * column (when there are labels) and the classes, and the rows come the
 * same way, a block at a time.  NULL with "PATH:LINE: message" in
 * ERR when the file cannot be opened or its start is bad, INFO freed
 * then.  A setting that does not fit the sheet is told by sheetfile_read
 * once every row has been read, as a whole-file load tells it. */
struct sheetfile_stream *sheetfile_open(const char *path,
    const struct sheetfile_settings *cli, struct sheetfile_info *info,
    char *err, size_t errlen);

/* A grid's file, which the whole sheet is made of, so must fit in memory:
 * files up to a share of physical memory open, bigger ones and inputs
 * that might never end are refused. */
#define SHEETFILE_MAX_SHARE	8		/* an eighth of memory */
#define SHEETFILE_MAX_FLOOR	(64ull << 20)	/* but at least 64 MiB */

/* Sets the grid's limit to N bytes (--max-bytes); 0 restores the
 * default. */
void sheetfile_set_max_bytes(unsigned long long n);

/* The grid's limit: what --max-bytes gave, else an eighth of physical
 * memory (at least 64 MiB). */
unsigned long long sheetfile_max_bytes(void);

/* sheetfile_open for the grid: PATH must be a regular file of at most
 * sheetfile_max_bytes() bytes (checked at open and as it is read);
 * opening never waits on a FIFO.  NULL with "PATH: reason" otherwise. */
struct sheetfile_stream *sheetfile_open_capped(const char *path,
    const struct sheetfile_settings *cli, struct sheetfile_info *info,
    char *err, size_t errlen);

/* The same from memory: NAME is used in messages. */
struct sheetfile_stream *sheetfile_open_mem(const char *name, const char *buf,
    size_t len, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, char *err, size_t errlen);

/* A new sheet without rows, with the file's classes, title, target style
 * and every setting in force: where a block of rows goes.  NULL when out
 * of memory. */
struct sheet *sheetfile_block(const struct sheetfile_stream *st);

/* Rows per block for a sheet of K classes: SHEETFILE_BLOCK, halved until a
 * block's per-class arrays stay within about 2 MB; a power of two. */
long sheetfile_block_rows(int k);

/* Appends up to MAX rows to S (from sheetfile_block), each computed once.
 * Returns the count, 0 after the last row; -1 with "FILE:LINE: message"
 * in ERR on a bad row (the rows before it stay in S), on a file without
 * rows, or for a setting that does not fit.  After -1, only
 * sheetfile_usage_error and sheetfile_close. */
long sheetfile_read(struct sheetfile_stream *st, struct sheet *s, long max,
    char *err, size_t errlen);

/* Rows parsed in file order but not yet computed, so that parsing and
 * computing can happen on different threads. */
struct sheetfile_batch;

/* A batch for up to MAX rows of ST's file; NULL when out of memory. */
struct sheetfile_batch *sheetfile_batch_new(const struct sheetfile_stream *st,
    long max);

/* Frees B; NULL is allowed. */
void sheetfile_batch_free(struct sheetfile_batch *b);

/* The rows B holds. */
long sheetfile_batch_rows(const struct sheetfile_batch *b);

/* sheetfile_read's first half: parses up to MAX rows (at most B's size)
 * into B, replacing what it held.  Returns as sheetfile_read does; after
 * -1, B holds the rows before the bad one. */
long sheetfile_parse(struct sheetfile_stream *st, struct sheetfile_batch *b,
    long max, char *err, size_t errlen);

/* The second half: appends B's rows to S (from sheetfile_block), each
 * computed once; safe on any thread while ST is not being closed.  -1
 * with "FILE:LINE: out of memory" in ERR. */
int sheetfile_batch_put(const struct sheetfile_stream *st,
    const struct sheetfile_batch *b, struct sheet *s, char *err,
    size_t errlen);

/* Every remaining row in one new sheet; NULL with the message in ERR. */
struct sheet *sheetfile_read_all(struct sheetfile_stream *st, char *err,
    size_t errlen);

/* Readies ST for a writer of its whole table, from now on: batches keep
 * the text of each activation cell that is written just as the table
 * writes its number (num_parse_same), for sheetfile_format_rows to copy,
 * and blocks keep each logit's exp (sheet_keep_exp): a file of typed
 * logits then formats a third fewer numbers and takes a quarter fewer
 * exps.  Costs NUM_ECHO_MAX + 1 bytes and a double a cell of a batch
 * and a block; NumPy input keeps no text. */
void sheetfile_for_table(struct sheetfile_stream *st);

/* The rows read from ST so far; the bytes read from its file in *BYTES,
 * for a progress line. */
long sheetfile_rows_read(const struct sheetfile_stream *st,
    unsigned long long *bytes);

/* 1 when the last error is a clash of the command line's settings (a
 * usage error), 0 when it is the file's. */
int sheetfile_usage_error(const struct sheetfile_stream *st);

/* Closes the file and frees the stream; NULL is allowed. */
void sheetfile_close(struct sheetfile_stream *st);

void sheetfile_info_free(struct sheetfile_info *info);

/* Output formats of the computed table. */
enum sheetfile_format { SF_CSV, SF_TSV, SF_MD };

/* Writes the computed table of S to F: the input columns in INFO's order
 * (or a canonical order when INFO is NULL), then exp_*, sum, p_*, pred,
 * loss, if_form and flags.  -1 on a write error. */
int sheetfile_write_table(FILE *f, const struct sheet *s,
    const struct sheetfile_info *info, enum sheetfile_format fmt);

/* The table's header line alone (Markdown: and its rule), as
 * sheetfile_write_table begins.  -1 on a write error. */
int sheetfile_write_head(FILE *f, const struct sheet *s,
    const struct sheetfile_info *info, enum sheetfile_format fmt);

/* The table's lines for S's rows alone, for a table written a block at a
 * time; unflushed.  -1 on a write error. */
int sheetfile_write_rows(FILE *f, const struct sheet *s,
    const struct sheetfile_info *info, enum sheetfile_format fmt);

/* The same lines appended to the LEN bytes of *BUF (CAP allocated,
 * grown with realloc; *BUF may be NULL), for a table formatted on one
 * thread and written on another.  B (may be NULL) is the batch S's rows
 * were put from: the activation texts it kept are copied, not formatted
 * again, for the same bytes.  -1 when out of memory. */
int sheetfile_format_rows(char **buf, size_t *len, size_t *cap,
    const struct sheet *s, const struct sheetfile_batch *b,
    const struct sheetfile_info *info, enum sheetfile_format fmt);

/* Writes `--summary` key=value lines.  -1 on a write error. */
int sheetfile_write_summary(FILE *f, const struct sheet *s);

/* The `--summary` figures of a file read in blocks, added up block by
 * block; all zero to begin. */
struct sheetfile_totals {
	long	rows;
	long	targeted;		/* rows with a target */
	long	soft;			/* of those, not one-hot */
	long	correct;		/* of those, predicted right */
	double	sum, sum_c;		/* their losses: sum and its
					 * compensation (Neumaier) */
	double	wsum, wsum_c;		/* their target weights, likewise */
	long	count[SHEET_NFLAGS];	/* rows per flag bit */
};

/* Adds block S's figures to T. */
void sheetfile_totals_add(struct sheetfile_totals *t, const struct sheet *s);

/* T's mean loss, as sheet_mean_loss gives it for one sheet; NaN when no
 * row has a target. */
double sheetfile_totals_mean(const struct sheetfile_totals *t);

/* Writes T as sheetfile_write_summary writes a sheet.  -1 on a write
 * error. */
int sheetfile_write_totals(FILE *f, const struct sheetfile_totals *t);

/* Writes S as a sheet file: settings as '#' lines (STEP too when > 0), then
 * the header and every row at full precision.  -1 on a write error. */
int sheetfile_write(FILE *f, const struct sheet *s, double step);

/* Saves S to PATH through save_file (io/save.h), forced and without an
 * identity check (the recovery file): atomic where it can be, so PATH is
 * either the old file or the whole new one.  -1 with "PATH: reason" in ERR
 * on failure, the old file intact. */
int sheetfile_save(const char *path, const struct sheet *s, double step,
    char *err, size_t errlen);

#endif
