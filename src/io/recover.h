/*
 * recover.h - where xent keeps state between runs: recovery files for
 * unsaved edits (written on SIGTERM or SIGHUP) and lesson progress.
 *
 * The folder is $XDG_STATE_HOME/xent, or ~/.local/state/xent.
 */
#ifndef XENT_IO_RECOVER_H
#define XENT_IO_RECOVER_H

#include <stddef.h>

/* Writes the state folder's path plus SUB (e.g. "recover") into BUF and
 * creates it (mode 0700).  -1 with a message in ERR on failure. */
int state_dir(const char *sub, char *buf, size_t len, char *err,
    size_t errlen);

/* Writes the recovery file's path for sheet PATH (NULL: the built-in
 * sheet) into BUF: in the state folder, or when that cannot be written in
 * a folder of this user's under $TMPDIR (or /tmp).  -1 with a message in
 * ERR when neither can be used. */
int recover_path(const char *path, char *buf, size_t len, char *err,
    size_t errlen);

/* 1 when a recovery file exists for PATH, in either place, its path in
 * BUF; else 0. */
int recover_find(const char *path, char *buf, size_t len);

#endif
