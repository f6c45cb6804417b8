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
};

/* Role of one input column. */
enum sheetfile_role { SF_COL_ID, SF_COL_LABEL, SF_COL_ACT, SF_COL_IS };

struct sheetfile_col {
	enum sheetfile_role role;
	int		    k;		/* class, for ACT and IS */
	char		   *name;	/* header text as read */
};

/* What a file said beyond the numbers. */
struct sheetfile_info {
	struct sheetfile_settings set;	/* from the '#' lines */
	struct sheetfile_col	*cols;	/* input columns in file order */
	int			 ncols;
};

/* 1 when NAME may not be a class: id, label, sum, loss, if_form, flags,
 * pred, and names starting is_, exp_ or p_, which the output uses. */
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

/* Reads PATH ("-" for standard input) into a new sheet with the file's
 * settings applied, filling INFO (which the caller frees with
 * sheetfile_info_free).  NULL with "PATH:LINE: message" in ERR on any bad
 * input; nothing is leaked then. */
struct sheet *sheetfile_load(const char *path, struct sheetfile_info *info,
    char *err, size_t errlen);

/* The same from memory: NAME is used in messages. */
struct sheet *sheetfile_load_mem(const char *name, const char *buf,
    size_t len, struct sheetfile_info *info, char *err, size_t errlen);

void sheetfile_info_free(struct sheetfile_info *info);

/* Output formats of the computed table. */
enum sheetfile_format { SF_CSV, SF_TSV, SF_MD };

/* Writes the computed table of S to F: the input columns in INFO's order
 * (or a canonical order when INFO is NULL), then exp_*, sum, p_*, pred,
 * loss, if_form and flags.  -1 on a write error. */
int sheetfile_write_table(FILE *f, const struct sheet *s,
    const struct sheetfile_info *info, enum sheetfile_format fmt);

/* Writes `--summary` key=value lines.  -1 on a write error. */
int sheetfile_write_summary(FILE *f, const struct sheet *s);

/* Writes S as a sheet file: settings as '#' lines (STEP too when > 0), then
 * the header and every row at full precision.  -1 on a write error. */
int sheetfile_write(FILE *f, const struct sheet *s, double step);

/* Saves S to PATH atomically: a temporary file in the same folder, fsync,
 * then rename, so PATH is either the old file or the whole new one.  -1 with
 * "PATH: reason" in ERR on failure, the old file intact. */
int sheetfile_save(const char *path, const struct sheet *s, double step,
    char *err, size_t errlen);

#endif
