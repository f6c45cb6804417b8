/*
 * cli.h - what every command-line front end shares: the settings flags
 * and loading a sheet with them, with errors reported the same way.
 */
#ifndef XENT_APP_CLI_H
#define XENT_APP_CLI_H

#include "io/sheetfile.h"

#define XENT_VERSION "0.1.0"

/* Exit statuses shared by the front ends. */
#define XENT_EXIT_OK	0
#define XENT_EXIT_INPUT	1	/* bad input file or value */
#define XENT_EXIT_USAGE	2	/* bad command line */
#define XENT_EXIT_CANCEL 130	/* the person cancelled (Ctrl-C) */

/* The sheet settings as getopt_long entries (from <getopt.h>) that
 * return VAL, each known by its long name to sheetfile_setting: first
 * those of the numbers, which every command takes, then those that
 * shape a file's columns. */
#define CLI_NUMBER_OPTIONS(val) \
	{ "mode", required_argument, NULL, (val) }, \
	{ "base", required_argument, NULL, (val) }, \
	{ "temperature", required_argument, NULL, (val) }, \
	{ "label-smoothing", required_argument, NULL, (val) }, \
	{ "weights", required_argument, NULL, (val) }, \
	{ "confident", required_argument, NULL, (val) }
#define CLI_COLUMN_OPTIONS(val) \
	{ "label-column", required_argument, NULL, (val) }, \
	{ "text", required_argument, NULL, (val) }, \
	{ "labels", required_argument, NULL, (val) }, \
	{ "classes", required_argument, NULL, (val) }

/* Prints "xent: MESSAGE" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Records `--NAME VALUE` for setting NAME into SET.  Returns 0; -1 after
 * printing a usage message when the value is bad. */
int cli_setting(struct sheetfile_settings *set, const char *name,
    const char *value);

/* Loads PATH (NULL: the built-in default sheet) for the grid with the
 * file's own settings, then CLI's over them, in force before the first
 * row is computed.  PATH must be a regular file within
 * sheetfile_max_bytes().  On failure prints one message and returns NULL
 * with *STATUS set to XENT_EXIT_INPUT or XENT_EXIT_USAGE. */
struct sheet *cli_load(const char *path, const struct sheetfile_settings *cli,
    struct sheetfile_info *info, int *status);

/* Told how a load goes: bytes and rows read so far.  Nonzero cancels. */
typedef int (*cli_watch)(void *arg, unsigned long long bytes, long rows);

/* cli_load, calling WATCH (may be NULL) every few tens of thousands of
 * rows; when it returns nonzero the load stops, nothing is printed and
 * *STATUS is XENT_EXIT_CANCEL. */
struct sheet *cli_load_watched(const char *path,
    const struct sheetfile_settings *cli, struct sheetfile_info *info,
    int *status, cli_watch watch, void *arg);

/* Opens PATH (NULL: the built-in default sheet) for reading in blocks,
 * with CLI's settings over the file's.  On failure prints one message and
 * returns NULL with *STATUS set to XENT_EXIT_INPUT. */
struct sheetfile_stream *cli_open(const char *path,
    const struct sheetfile_settings *cli, struct sheetfile_info *info,
    int *status);

/* cli_open, for the grid when GRID (sheetfile_open_capped), else for
 * streaming (any size, pipes and FIFOs too). */
struct sheetfile_stream *cli_open_as(const char *path,
    const struct sheetfile_settings *cli, struct sheetfile_info *info,
    int *status, int grid);

/* Prints ERR, an error of sheetfile_read on ST, and sets *STATUS to
 * XENT_EXIT_USAGE when the command line caused it, else XENT_EXIT_INPUT. */
void cli_read_error(const struct sheetfile_stream *st, const char *err,
    int *status);

/* The note for a logits sheet whose rows all look like HINT
 * (SHEET_LOOKS_* bits, from sheet_input_hint): softmax applied already,
 * or log_softmax.  For the grid's status line with GRID, else the text
 * after "xent: FILE: " on eval's stderr.  NULL when there is none. */
const char *cli_hint_text(unsigned hint, int grid);

/* `xent plot curve|bars|hist|reliability [--row R] [settings] FILE --svg
 * OUT.svg`: writes the picture as SVG (ARGV[0] is "plot").  Returns the
 * exit status, after one message on stderr when it is not 0. */
int cli_plot_main(int argc, char **argv);

#endif
