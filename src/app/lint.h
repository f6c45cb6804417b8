/*
 * lint.h - `xent lint FILE...`: check lesson and sheet files, and replay
 * every lesson's solutions without a terminal.
 */
#ifndef XENT_APP_LINT_H
#define XENT_APP_LINT_H

/* Runs `xent lint` with ARGV[0] = "lint".  Problems go to stderr as
 * "FILE:LINE: what is wrong", a line per good file to stdout.  Returns 0
 * when every file is clean, 1 otherwise, 2 on a usage error. */
int lint_main(int argc, char **argv);

#endif
