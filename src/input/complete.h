/*
 * complete.h - Tab completion for the `:` command line.
 */
#ifndef XENT_INPUT_COMPLETE_H
#define XENT_INPUT_COMPLETE_H

/* Completes the word LINE[START..END) for the command line of the
 * controller ARG (a struct ctl *): command names first, then class names,
 * column groups, setting names or values as the command takes; NULL for
 * file names (:w, :e), which readline completes itself. */
char **complete_command(const char *line, int start, int end, void *arg);

#endif
