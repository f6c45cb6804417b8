/*
 * evalrows.h - the row selections and whole-set views of `xent eval`:
 * --sort KEY, --top N, --filter EXPR, --report [--bins N] and
 * --format json.  eval.c parses the flags into struct evalrows_args and
 * hands the opened file here when any of them is given.
 */
#ifndef XENT_APP_EVALROWS_H
#define XENT_APP_EVALROWS_H

#include "io/sheetfile.h"

/* What the command line asked for beyond eval's own table. */
struct evalrows_args {
	const char		*sort;		/* --sort KEY, or NULL */
	long			 top;		/* --top N; 0: not given */
	const char		*filter;	/* --filter EXPR, or NULL */
	int			 report;	/* --report */
	int			 bins;		/* --bins N; 0: not given */
	int			 json;		/* --format json */
	int			 summary;	/* --summary (eval's) */
	enum sheetfile_format	 fmt;		/* eval's --format otherwise */
};

/* 1 when A asks for anything this module does. */
int evalrows_wanted(const struct evalrows_args *a);

/* Checks that A's flags go together: -1 after printing a usage message
 * when they do not. */
int evalrows_check(const struct evalrows_args *a);

/* Reads ST (opened with INFO) and writes what A asks for to stdout;
 * returns the exit status.  Errors are one "xent: ..." line on stderr. */
int evalrows_run(const struct evalrows_args *a, struct sheetfile_stream *st,
    const struct sheetfile_info *info);

#endif
