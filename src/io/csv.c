/*
 * csv.c - an RFC 4180 record reader with line numbers.
 *
 * The whole input lives in one buffer.  It is checked once at open time for
 * NUL bytes and invalid UTF-8; the offset of the first bad byte becomes a
 * hard limit for the tokenizer, which reports it (with the line it has
 * counted so far) only when a record actually reaches it.  Fields are
 * unquoted into one reusable buffer, so a record costs no allocation once
 * the buffers have grown to the largest record seen.
 */
#include "io/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CSV_STR2(x)	#x
#define CSV_STR(x)	CSV_STR2(x)

#define CSV_MSG_QUOTE	"unterminated quoted field"
#define CSV_MSG_NUL	"NUL byte in input (is this a binary file?)"
#define CSV_MSG_UTF8	"invalid UTF-8 (is the file saved as UTF-8?)"
#define CSV_MSG_LONG	"field longer than " CSV_STR(CSV_FIELD_MAX) " bytes"
#define CSV_MSG_STRAY	"stray quote in unquoted field"
#define CSV_MSG_AFTER	"text after closing quote"
#define CSV_MSG_NOMEM	"out of memory"

struct csv_reader {
	char		*name;
	char		*data;		/* the whole input, owned */
	size_t		 len;
	size_t		 pos;		/* next byte to read */
	size_t		 lim;		/* first NUL / bad UTF-8 byte, or len */
	int		 badnul;	/* the byte at lim is a NUL */
	long		 line;		/* line of the byte at pos */
	int		 comments;
	const char	*emsg;		/* sticky error, NULL while healthy */
	long		 eline;
	char		*buf;		/* unquoted fields, NUL-separated */
	size_t		 blen, bcap;
	size_t		*offs;		/* field starts in buf (buf may move) */
	char		**fields;
	size_t		 nf, fcap;
};

/* Bytes that end an unquoted field or need a closer look. */
static const unsigned char csv_special[256] = {
	[','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1,
};

/* Formats the sticky error so every later call can repeat it. */
static void csv_report(const struct csv_reader *r, char *err, size_t errlen)
{
	if (err && errlen)
		snprintf(err, errlen, "%s:%ld: %s", r->name, r->eline, r->emsg);
}

/* Records an error at LINE; returns -1 for the caller to pass up. */
static int csv_fail(struct csv_reader *r, char *err, size_t errlen,
    long line, const char *msg)
{
	r->emsg = msg;
	r->eline = line;
	csv_report(r, err, errlen);
	return -1;
}

/* The tokenizer reached the bad byte found at open time. */
static int csv_fail_bad(struct csv_reader *r, char *err, size_t errlen)
{
	return csv_fail(r, err, errlen, r->line,
	    r->badnul ? CSV_MSG_NUL : CSV_MSG_UTF8);
}

/* Length of the multi-byte UTF-8 sequence at S, 0 when it is invalid
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t csv_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t k, i;

	if (c >= 0xC2 && c <= 0xDF) {
		k = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		k = 3;
		lo = c == 0xE0 ? 0xA0 : lo;
		hi = c == 0xED ? 0x9F : hi;
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 4;
		lo = c == 0xF0 ? 0x90 : lo;
		hi = c == 0xF4 ? 0x8F : hi;
	} else {
		return 0;
	}
	if (n < k || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return k;
}

/* Length of the run of non-NUL ASCII at S, eight bytes at a time because
 * this pass touches every byte of possibly huge inputs. */
static size_t csv_ascii_run(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w & highs) || ((w - ones) & ~w & highs))
			break;
	}
	while (i < n && s[i] && s[i] < 0x80)
		i++;
	return i;
}

/* Offset of the first NUL or invalid UTF-8 byte in S (N when none). */
static size_t csv_first_bad(const unsigned char *s, size_t n, int *isnul)
{
	size_t i = 0, k;

	*isnul = 0;
	while (i < n) {
		i += csv_ascii_run(s + i, n - i);
		if (i >= n)
			break;
		if (!s[i]) {
			*isnul = 1;
			return i;
		}
		k = csv_utf8_seq(s + i, n - i);
		if (!k)
			return i;
		i += k;
	}
	return n;
}

/* Copies NAME, since callers may pass a temporary string. */
static char *csv_strdup(const char *name)
{
	size_t n = strlen(name) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, name, n);
	return p;
}

/* Builds a reader that takes ownership of DATA (freed on failure too). */
static struct csv_reader *csv_adopt(const char *name, char *data, size_t len)
{
	struct csv_reader *r = calloc(1, sizeof(*r));

	if (!r || !(r->name = csv_strdup(name))) {
		free(r);
		free(data);
		return NULL;
	}
	r->data = data;
	r->len = len;
	r->line = 1;
	r->comments = 1;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		r->pos = 3;
	r->lim = r->pos + csv_first_bad((const unsigned char *)data + r->pos,
	    len - r->pos, &r->badnul);
	return r;
}

/* Copies the caller's bytes so the reader owns everything it points into. */
struct csv_reader *csv_open_mem(const char *name, const char *buf, size_t len)
{
	char *data = malloc(len ? len : 1);

	if (!data)
		return NULL;
	if (len)
		memcpy(data, buf, len);
	return csv_adopt(name, data, len);
}

/* Writes "PATH: reason"; EISDIR gets the wording the header promises. */
static struct csv_reader *csv_open_fail(const char *path, int e, char *err,
    size_t errlen)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", path,
		    e == EISDIR ? "is a directory" : strerror(e));
	return NULL;
}

/* Reads FD to its end into one growing buffer; HINT (the file size when
 * known) lets a regular file arrive in a single read.  0 or an errno. */
static int csv_slurp(int fd, size_t hint, char **out, size_t *outlen)
{
	size_t cap = hint ? hint + 1 : 1 << 16, len = 0;
	char *buf = malloc(cap), *nb;
	ssize_t n;
	int e;

	while (buf) {
		if (len == cap) {
			nb = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				return ENOMEM;
			}
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len);
		if (n == 0) {
			*out = buf;
			*outlen = len;
			return 0;
		}
		if (n > 0) {
			len += (size_t)n;
		} else if (errno != EINTR) {
			e = errno;
			free(buf);
			return e;
		}
	}
	return ENOMEM;
}

/* Reads PATH whole; stdin is left open since it is not ours to close. */
struct csv_reader *csv_open_file(const char *path, char *err, size_t errlen)
{
	int stdin_ = !strcmp(path, "-");
	int fd = stdin_ ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct csv_reader *r;
	struct stat st;
	size_t len = 0;
	char *data = NULL;
	int e = 0;

	if (fd < 0)
		return csv_open_fail(path, errno, err, errlen);
	if (fstat(fd, &st) < 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	else
		e = csv_slurp(fd, S_ISREG(st.st_mode) && st.st_size > 0 ?
		    (size_t)st.st_size : 0, &data, &len);
	if (!stdin_)
		close(fd);
	if (e)
		return csv_open_fail(path, e, err, errlen);
	r = csv_adopt(stdin_ ? "<stdin>" : path, data, len);
	return r ? r : csv_open_fail(path, ENOMEM, err, errlen);
}

/* The caller switches comments off once the header has been read. */
void csv_set_comments(struct csv_reader *r, int on)
{
	r->comments = on != 0;
}

/* For callers that build their own messages about a record. */
const char *csv_name(const struct csv_reader *r)
{
	return r->name;
}

/* Frees the input, the name and the reusable record buffers. */
void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->name);
	free(r->data);
	free(r->buf);
	free(r->offs);
	free(r->fields);
	free(r);
}

/* Whether the CR at P ends a line (CRLF, or CR as the very last byte);
 * a bare CR elsewhere is kept as data. */
static int csv_cr_eol(const struct csv_reader *r, size_t p)
{
	return p + 1 == r->len || r->data[p + 1] == '\n';
}

/* Skips lines with no bytes at all (a lone CR counts as none). */
static void csv_skip_blank(struct csv_reader *r)
{
	while (r->pos < r->lim) {
		if (r->data[r->pos] == '\n')
			r->pos++;
		else if (r->data[r->pos] == '\r' && csv_cr_eol(r, r->pos))
			r->pos += r->pos + 1 < r->len ? 2 : 1;
		else
			break;
		r->line++;
	}
}

/* Appends N bytes to the field buffer, doubling it when short. */
static int csv_put(struct csv_reader *r, const char *s, size_t n)
{
	size_t cap = r->bcap ? r->bcap : 256;
	char *nb;

	if (n + 1 > r->bcap - r->blen) {
		while (cap - r->blen < n + 1)
			cap *= 2;
		nb = realloc(r->buf, cap);
		if (!nb)
			return -1;
		r->buf = nb;
		r->bcap = cap;
	}
	memcpy(r->buf + r->blen, s, n);
	r->blen += n;
	return 0;
}

/* Notes where the next field starts, growing the field arrays together. */
static int csv_begin_field(struct csv_reader *r)
{
	size_t cap = r->fcap ? r->fcap * 2 : 16;
	size_t *no;
	char **nf;

	if (r->nf == r->fcap) {
		no = realloc(r->offs, cap * sizeof(*no));
		if (!no)
			return -1;
		r->offs = no;
		nf = realloc(r->fields, cap * sizeof(*nf));
		if (!nf)
			return -1;
		r->fields = nf;
		r->fcap = cap;
	}
	r->offs[r->nf] = r->blen;
	return 0;
}

/* Terminates the current field; the buffer always has room for the NUL. */
static int csv_end_field(struct csv_reader *r)
{
	if (csv_put(r, "", 1) < 0)
		return -1;
	r->nf++;
	return 0;
}

/* Appends bytes to the field that started at FS, refusing overlong ones. */
static int csv_put_field(struct csv_reader *r, size_t fs, const char *s,
    size_t n, long line, char *err, size_t errlen)
{
	if (r->blen - fs + n > CSV_FIELD_MAX)
		return csv_fail(r, err, errlen, line, CSV_MSG_LONG);
	if (csv_put(r, s, n) < 0)
		return csv_fail(r, err, errlen, line, CSV_MSG_NOMEM);
	return 0;
}

/* Reads an unquoted field: everything up to a comma or line end. */
static int csv_unquoted(struct csv_reader *r, char *err, size_t errlen)
{
	const unsigned char *d = (const unsigned char *)r->data;
	size_t p = r->pos, q = p;

	for (;;) {
		while (q < r->lim && !csv_special[d[q]])
			q++;
		if (q < r->lim && d[q] == '\r' && !csv_cr_eol(r, q)) {
			q++;
			continue;
		}
		break;
	}
	if (q < r->lim && d[q] == '"')
		return csv_fail(r, err, errlen, r->line, CSV_MSG_STRAY);
	r->pos = q;
	return csv_put_field(r, r->blen, r->data + p, q - p, r->line, err,
	    errlen);
}

/* Reads a quoted field starting at the opening quote; "" is one quote and
 * newlines inside are data (but still counted as lines). */
static int csv_quoted(struct csv_reader *r, char *err, size_t errlen)
{
	const char *d = r->data;
	size_t fs = r->blen, q = r->pos + 1, run = q;
	long open = r->line;

	for (;;) {
		while (q < r->lim && d[q] != '"' && d[q] != '\n')
			q++;
		if (q >= r->lim)
			break;
		if (d[q] == '\n') {
			r->line++;
			q++;
			continue;
		}
		if (csv_put_field(r, fs, d + run, q - run, open, err,
		    errlen) < 0)
			return -1;
		if (q + 1 >= r->lim || d[q + 1] != '"') {
			r->pos = q + 1;
			return 0;
		}
		/* "" stands for one quote: keep the second as data. */
		q += 2;
		run = q - 1;
	}
	if (r->lim < r->len)
		return csv_fail_bad(r, err, errlen);
	return csv_fail(r, err, errlen, open, CSV_MSG_QUOTE);
}

/* After a field: 1 when a comma announces another, 0 at the record's end,
 * -1 when something else follows a closing quote. */
static int csv_field_end(struct csv_reader *r, char *err, size_t errlen)
{
	size_t p = r->pos;

	if (p == r->len)
		return 0;
	if (p == r->lim)
		return csv_fail_bad(r, err, errlen);
	if (r->data[p] == ',') {
		r->pos++;
		return 1;
	}
	if (r->data[p] == '\n' || (r->data[p] == '\r' && csv_cr_eol(r, p))) {
		r->pos += r->data[p] == '\r' && p + 1 < r->len ? 2 : 1;
		r->line++;
		return 0;
	}
	return csv_fail(r, err, errlen, r->line, CSV_MSG_AFTER);
}

/* Splits one record into fields. */
static int csv_fields(struct csv_reader *r, char *err, size_t errlen)
{
	int rc;

	do {
		if (csv_begin_field(r) < 0)
			return csv_fail(r, err, errlen, r->line, CSV_MSG_NOMEM);
		if (r->pos < r->lim && r->data[r->pos] == '"')
			rc = csv_quoted(r, err, errlen);
		else
			rc = csv_unquoted(r, err, errlen);
		if (rc < 0)
			return -1;
		if (csv_end_field(r) < 0)
			return csv_fail(r, err, errlen, r->line, CSV_MSG_NOMEM);
		rc = csv_field_end(r, err, errlen);
	} while (rc > 0);
	return rc;
}

/* Returns a '#' line whole as one field, without the '#' and line end. */
static int csv_comment(struct csv_reader *r, char *err, size_t errlen)
{
	const char *d = r->data;
	size_t p = r->pos + 1, q = p, e;

	while (q < r->lim && d[q] != '\n')
		q++;
	if (q == r->lim && q < r->len)
		return csv_fail_bad(r, err, errlen);
	e = q > p && d[q - 1] == '\r' ? q - 1 : q;
	if (csv_begin_field(r) < 0)
		return csv_fail(r, err, errlen, r->line, CSV_MSG_NOMEM);
	if (csv_put_field(r, r->blen, d + p, e - p, r->line, err, errlen) < 0)
		return -1;
	if (csv_end_field(r) < 0)
		return csv_fail(r, err, errlen, r->line, CSV_MSG_NOMEM);
	r->pos = q < r->len ? q + 1 : q;
	r->line++;
	return 0;
}

/* Skips blank lines, then returns one comment or field record. */
int csv_next(struct csv_reader *r, struct csv_record *rec, char *err,
    size_t errlen)
{
	long start;
	int comment;
	size_t i;

	if (r->emsg) {
		csv_report(r, err, errlen);
		return -1;
	}
	csv_skip_blank(r);
	if (r->pos >= r->lim)
		return r->pos < r->len ? csv_fail_bad(r, err, errlen) : 0;
	start = r->line;
	r->blen = 0;
	r->nf = 0;
	comment = r->comments && r->data[r->pos] == '#';
	if ((comment ? csv_comment : csv_fields)(r, err, errlen) < 0)
		return -1;
	for (i = 0; i < r->nf; i++)
		r->fields[i] = r->buf + r->offs[i];
	rec->nfields = r->nf;
	rec->fields = r->fields;
	rec->line = start;
	rec->comment = comment;
	return 1;
}

/* Whether FIELD of length N must be quoted to survive a round trip. */
static int csv_needs_quotes(const char *field, size_t n)
{
	/* A leading '#' would read back as a settings line. */
	if (n && (field[0] == ' ' || field[0] == '\t' || field[0] == '#' ||
	    field[n - 1] == ' ' || field[n - 1] == '\t'))
		return 1;
	return strpbrk(field, ",\"\r\n") != NULL;
}

/* Stores C at *OUT when it fits, always counting it. */
static void csv_emit(char *buf, size_t buflen, size_t *out, char c)
{
	if (*out + 1 < buflen)
		buf[*out] = c;
	(*out)++;
}

/* Counts every byte it would write so callers can size BUF, snprintf-style. */
size_t csv_quote(char *buf, size_t buflen, const char *field)
{
	size_t n = strlen(field), out = 0, i;
	int q = csv_needs_quotes(field, n);

	if (q)
		csv_emit(buf, buflen, &out, '"');
	for (i = 0; i < n; i++) {
		if (q && field[i] == '"')
			csv_emit(buf, buflen, &out, '"');
		csv_emit(buf, buflen, &out, field[i]);
	}
	if (q)
		csv_emit(buf, buflen, &out, '"');
	if (buflen)
		buf[out < buflen ? out : buflen - 1] = '\0';
	return out;
}
