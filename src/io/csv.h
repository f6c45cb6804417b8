/*
 * csv.h - an RFC 4180 record reader with line numbers.
 *
 * The reader holds only a window of the input (big chunks, read as needed,
 * so a file of any size costs about a megabyte plus its longest record) and
 * hands out one record at a time, its fields slices of that window.  It
 * never prints; every failure comes back as a message of the form
 * "NAME:LINE: what is wrong" for the caller to show.
 */
#ifndef XENT_IO_CSV_H
#define XENT_IO_CSV_H

#include <stddef.h>

/* Longest field accepted, in bytes: anything longer is refused as garbage. */
#define CSV_FIELD_MAX 65536

/* Longest record accepted, in bytes: a line that never ends (a stream of
 * commas) is refused once it is this long, instead of eating memory. */
#define CSV_RECORD_MAX 67108864

struct csv_reader;

/* One record.  fields[i] is NUL-terminated, lens[i] long, and both are
 * valid until the next call; the caller may change the bytes in place. */
struct csv_record {
	size_t	  nfields;	/* number of fields, >= 1 */
	char	**fields;	/* field texts, unquoted */
	size_t	 *lens;		/* their lengths */
	long	  line;		/* 1-based line on which the record starts */
	int	  comment;	/* 1: a '#' line; fields[0] is the text after '#' */
};

/* Opens PATH ("-" is standard input, named "<stdin>" in messages) and
 * reads its first chunk; NULL and a message in ERR ("PATH: No such file
 * or directory", "PATH: is a directory", ...) on failure.  A leading
 * UTF-8 BOM is skipped.  A read that fails later is a "NAME: reason"
 * error of csv_next. */
struct csv_reader *csv_open_file(const char *path, char *err, size_t errlen);

/* The same for a file that must be regular (not "-", a pipe, a FIFO or a
 * device: opening never waits on a FIFO) and of at most MAX bytes (0: no
 * limit), at open time and as it is read.  NULL with "PATH: reason". */
struct csv_reader *csv_open_regular(const char *path, unsigned long long max,
    char *err, size_t errlen);

/* The same over the open descriptor FD, named NAME, read CHUNK bytes at a
 * time (0: the default megabyte); the reader closes FD if OWN (on failure
 * too).  NULL with "NAME: reason" in ERR. */
struct csv_reader *csv_open_fd(const char *name, int fd, int own,
    size_t chunk, char *err, size_t errlen);

/* Reads from a copy of BUF[0..LEN); NAME is used in messages.  Never NULL
 * unless out of memory. */
struct csv_reader *csv_open_mem(const char *name, const char *buf, size_t len);

/* While on (the default), a line whose first byte is '#' is returned whole as
 * a comment record instead of being split into fields. */
void csv_set_comments(struct csv_reader *r, int on);

/* Reads the next record into REC: 1 on success, 0 at end of input, -1 on a
 * malformed input with "NAME:LINE: message" in ERR (unterminated quote, NUL
 * byte, invalid UTF-8, field longer than CSV_FIELD_MAX, stray quote).
 * Blank lines (no bytes at all) are skipped.  LF and CRLF both end a line. */
int csv_next(struct csv_reader *r, struct csv_record *rec, char *err,
    size_t errlen);

/* 1 when field I of the record csv_next last returned was quoted. */
int csv_field_quoted(const struct csv_reader *r, size_t i);

/* Bytes read from the input so far (from a file or descriptor; 0 when
 * reading from memory). */
unsigned long long csv_bytes(const struct csv_reader *r);

/* The name given at open time, for messages. */
const char *csv_name(const struct csv_reader *r);

/* Frees the reader and everything it handed out, and closes a file it
 * opened.  NULL is allowed. */
void csv_close(struct csv_reader *r);

/* Writes FIELD to BUF as a CSV field, quoting it when it holds a comma,
 * quote, CR or LF (or leading/trailing space).  Returns the length it needed,
 * snprintf-style; the output is truncated but terminated when BUFLEN is
 * short. */
size_t csv_quote(char *buf, size_t buflen, const char *field);

/* Copies the next name of the comma list at *P (a setting's value, not
 * a file's line) to NAME (LEN bytes, cut to fit) and moves *P past its
 * comma, or to NULL after the last.  A name may be quoted as a CSV field
 * is, so that it can hold a comma: "file, name" (a quote inside
 * doubled); blanks around the quotes go, those of a bare name stay. */
void csv_list_next(const char **p, char *name, size_t len);

#endif
