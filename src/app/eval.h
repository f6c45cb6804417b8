/*
 * eval.h - `xent eval`: a sheet file in, the computed table out.
 */
#ifndef XENT_APP_EVAL_H
#define XENT_APP_EVAL_H

/* Runs `xent eval` with ARGV[0] = "eval"; returns the exit status.  Errors
 * go to stderr as one "xent: ..." line, results to stdout. */
int eval_main(int argc, char **argv);

#endif
