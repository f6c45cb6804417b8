/*
 * csv.c - an RFC 4180 record reader with line numbers.
 *
 * The input is read in big chunks into one window, which only ever holds
 * the record being read and what follows it: when a record runs past the
 * bytes read so far, the window keeps that record, reads more, and the
 * record is tokenized again from its start.  New bytes are checked for
 * NUL bytes and invalid UTF-8 as they arrive; the first bad byte becomes a
 * hard limit for the tokenizer, which reports it (with the line it has
 * counted so far) only when a record actually reaches it.
 *
 * Fields are slices of the window.  A record is first delimited (which is
 * where every error is found), then its fields are terminated in place
 * and quoted ones unquoted in place (never longer than their quoted text),
 * so a plain field costs no copy and is never measured twice.
 */
#include "core/utf8.h"
#include "io/csv.h"
#include "io/rfile.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CSV_STR2(x)	#x
#define CSV_STR(x)	CSV_STR2(x)

#define CSV_MSG_QUOTE	"unterminated quoted field"
#define CSV_MSG_NUL	"NUL byte in input (is this a binary file?)"
#define CSV_MSG_UTF8	"invalid UTF-8 (is the file saved as UTF-8?)"
#define CSV_MSG_LONG	"field longer than " CSV_STR(CSV_FIELD_MAX) " bytes"
#define CSV_MSG_STRAY	"stray quote in unquoted field"
#define CSV_MSG_AFTER	"text after closing quote"
#define CSV_MSG_NOMEM	"out of memory"
#define CSV_MSG_RECORD	"record longer than " CSV_STR(CSV_RECORD_MAX) " bytes"
#define CSV_MSG_CAP	"more bytes than the grid's limit (xent --max-bytes N " \
			"raises it; xent eval streams any size)"

/* Bytes asked of read() at a time. */
#define CSV_CHUNK	(1u << 20)

/* Returned inside the tokenizer when a record runs past the bytes read:
 * the record is read again from its start once more are in. */
#define CSV_MORE	(-2)

/* One field of the record being read: a slice of the window. */
struct csv_span {
	size_t	off;		/* first byte (the opening quote if quoted) */
	size_t	n;		/* bytes up to the field's end */
	int	quoted;
};

struct csv_reader {
	char		*name;
	int		 fd;		/* input; -1 from memory or once ended */
	int		 ownfd;		/* ours to close (not standard input) */
	size_t		 chunk;		/* bytes per read */
	char		*data;		/* the window */
	size_t		 cap;		/* its size, always > len: a terminator
					 * fits after the last byte */
	size_t		 len;		/* bytes in the window */
	size_t		 pos;		/* next byte to read */
	size_t		 vend;		/* bytes before this are checked */
	size_t		 lim;		/* the tokenizer stops here */
	size_t		 end;		/* len once the input has ended, with
					 * no bad byte; else SIZE_MAX */
	int		 bad;		/* the byte at lim is NUL or bad UTF-8 */
	int		 badnul;	/* ... and it is a NUL */
	int		 eof;		/* every byte of the input is in */
	long		 line;		/* line of the byte at pos */
	unsigned long long total;	/* bytes read from the input so far */
	int		 comments;
	unsigned long long max;		/* most bytes to read; 0: no limit */
	const char	*emsg;		/* sticky error, NULL while healthy */
	long		 eline;		/* its line; 0 for a read error */
	struct csv_span	*sp;		/* the record's fields */
	char		**fields;
	size_t		*lens;
	size_t		 nf, fcap;
};

/* Bytes that end an unquoted field or need a closer look. */
static const unsigned char csv_special[256] = {
	[','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1,
};

/* Formats the sticky error so every later call can repeat it. */
static void csv_report(const struct csv_reader *r, char *err, size_t errlen)
{
	if (!err || !errlen)
		return;
	if (r->eline > 0)
		snprintf(err, errlen, "%s:%ld: %s", r->name, r->eline, r->emsg);
	else
		snprintf(err, errlen, "%s: %s", r->name, r->emsg);
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

/* The tokenizer reached the limit: the bad byte found on reading it, or
 * the end of the bytes read so far (CSV_MORE). */
static int csv_fail_bad(struct csv_reader *r, char *err, size_t errlen)
{
	if (!r->bad)
		return CSV_MORE;
	return csv_fail(r, err, errlen, r->line,
	    r->badnul ? CSV_MSG_NUL : CSV_MSG_UTF8);
}

/* Whether reaching the limit means that more input must be read. */
static int csv_more(const struct csv_reader *r)
{
	return !r->bad && !r->eof;
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

/* Checks the bytes read since the last call; a multi-byte sequence cut
 * by the end of what has been read waits for the next read. */
static void csv_check(struct csv_reader *r)
{
	const unsigned char *s = (const unsigned char *)r->data;
	size_t i = r->vend, n = r->len, k;

	while (!r->bad && i < n) {
		i += csv_ascii_run(s + i, n - i);
		if (i >= n)
			break;
		if (!s[i]) {
			r->bad = r->badnul = 1;
			break;
		}
		if ((k = utf8_char_len(s + i, n - i)) == 0) {
			if (!r->eof && n - i < 4)
				break;
			r->bad = 1;
			break;
		}
		i += k;
	}
	r->vend = i;
	/* One byte is held back until the input ends, so that the tokenizer
	 * can always look at the byte after a CR. */
	r->lim = r->bad || r->eof ? i : i > 0 ? i - 1 : 0;
	r->end = r->eof && !r->bad ? r->len : SIZE_MAX;
}

/* Reads once into the window after its LEN bytes, growing it when less
 * than a chunk is free.  0 (at the end too), or an errno. */
static int csv_read(struct csv_reader *r)
{
	size_t room = r->cap - 1 - r->len, cap;
	ssize_t n;
	char *nd;

	if (room == 0 || room < r->chunk / 2) {
		cap = r->cap * 2 > r->len + r->chunk + 1 ? r->cap * 2 :
		    r->len + r->chunk + 1;
		if ((nd = realloc(r->data, cap)) == NULL)
			return ENOMEM;
		r->data = nd;
		r->cap = cap;
	}
	room = r->cap - 1 - r->len;
	do
		n = read(r->fd, r->data + r->len, room < r->chunk ? room :
		    r->chunk);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno;
	if (n == 0) {
		r->eof = 1;
		if (r->ownfd)
			close(r->fd);
		r->fd = -1;
	}
	r->len += (size_t)n;
	r->total += (unsigned long long)n;
	return 0;
}

/* Drops the window's bytes before KEEP (records already handed out). */
static void csv_compact(struct csv_reader *r, size_t keep)
{
	memmove(r->data, r->data + keep, r->len - keep);
	r->len -= keep;
	r->pos -= keep;
	r->vend -= keep;
}

/* Makes more input available after a CSV_MORE; -1 with the read error,
 * or when the record being read (all the window holds) is past
 * CSV_RECORD_MAX or the input past the reader's limit: an input that
 * never ends gives an error instead of eating memory. */
static int csv_refill(struct csv_reader *r, char *err, size_t errlen)
{
	int e;

	csv_compact(r, r->pos);
	if (r->len > CSV_RECORD_MAX)
		return csv_fail(r, err, errlen, r->line, CSV_MSG_RECORD);
	if (r->max > 0 && r->total > r->max)
		return csv_fail(r, err, errlen, 0, CSV_MSG_CAP);
	if ((e = csv_read(r)) != 0)
		return csv_fail(r, err, errlen, 0, e == ENOMEM ? CSV_MSG_NOMEM :
		    strerror(e));
	csv_check(r);
	return 0;
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

/* A reader named NAME with an empty window of CAP bytes. */
static struct csv_reader *csv_alloc(const char *name, size_t cap)
{
	struct csv_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->name = csv_strdup(name);
	r->data = malloc(cap);
	if (!r->name || !r->data) {
		free(r->name);
		free(r->data);
		free(r);
		return NULL;
	}
	r->cap = cap;
	r->fd = -1;
	r->line = 1;
	r->comments = 1;
	return r;
}

/* Skips a leading BOM and checks the first bytes. */
static void csv_start(struct csv_reader *r)
{
	if (r->len >= 3 && !memcmp(r->data, "\xEF\xBB\xBF", 3))
		r->pos = r->vend = 3;
	csv_check(r);
}

/* Copies the caller's bytes so the reader owns everything it points into. */
struct csv_reader *csv_open_mem(const char *name, const char *buf, size_t len)
{
	struct csv_reader *r = csv_alloc(name, len + 1);

	if (!r)
		return NULL;
	if (len)
		memcpy(r->data, buf, len);
	r->len = len;
	r->eof = 1;
	csv_start(r);
	return r;
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

/* Reads the first bytes (enough to see a BOM), so that a file that cannot
 * be read at all fails here, at open time. */
static int csv_first_read(struct csv_reader *r)
{
	int e = 0;

	while (!r->eof && r->len < 3 && (e = csv_read(r)) == 0)
		;
	return e;
}

/* A reader over FD named NAME in messages; open errors name ERRNAME. */
static struct csv_reader *csv_from_fd(const char *name, const char *errname,
    int fd, int own, size_t chunk, char *err, size_t errlen)
{
	struct csv_reader *r = NULL;
	struct stat st;
	int e = 0;

	chunk = chunk ? chunk : CSV_CHUNK;
	if (fstat(fd, &st) < 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	else if ((r = csv_alloc(name, chunk + 1)) == NULL)
		e = ENOMEM;
	if (e) {
		if (own)
			close(fd);
		return csv_open_fail(errname, e, err, errlen);
	}
	r->fd = fd;
	r->ownfd = own;
	r->chunk = chunk;
	if ((e = csv_first_read(r)) != 0) {
		csv_close(r);
		return csv_open_fail(errname, e, err, errlen);
	}
	csv_start(r);
	return r;
}

struct csv_reader *csv_open_fd(const char *name, int fd, int own,
    size_t chunk, char *err, size_t errlen)
{
	return csv_from_fd(name, name, fd, own, chunk, err, errlen);
}

/* Waits until FIFO FD has bytes or a writer has come and gone, as any
 * reader of a FIFO waits for its writer: before one comes, a read would
 * say the input had ended.  -1 with errno on failure. */
static int csv_wait_writer(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	int n;

	while ((n = poll(&p, 1, -1)) < 0 && errno == EINTR)
		;
	return n < 0 ? -1 : 0;
}

/* Standard input is read but left open, since it is not ours to close;
 * its messages name it "<stdin>", while open errors name PATH.  A FIFO is
 * streamed: opened without waiting, then waited on for its writer. */
struct csv_reader *csv_open_file(const char *path, char *err, size_t errlen)
{
	int stdin_ = !strcmp(path, "-");
	struct stat st;
	int fd = stdin_ ? STDIN_FILENO : rfile_open_fd(path, &st);

	if (fd >= 0 && !stdin_ && (rfile_wait_reads(fd) < 0 ||
	    (S_ISFIFO(st.st_mode) && csv_wait_writer(fd) < 0))) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		return csv_open_fail(path, errno, err, errlen);
	return csv_from_fd(stdin_ ? "<stdin>" : path, path, fd, !stdin_, 0,
	    err, errlen);
}

struct csv_reader *csv_open_regular(const char *path, unsigned long long max,
    char *err, size_t errlen)
{
	struct csv_reader *r;
	struct stat st;
	int fd = strcmp(path, "-") ? rfile_open_fd(path, &st) : -2;

	if (fd == -1)
		return csv_open_fail(path, errno, err, errlen);
	if (fd == -2 || (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))) {
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen, "%s: not a regular file (a pipe or a "
		    "device): the grid opens files; xent eval reads pipes",
		    path);
		return NULL;
	}
	if (max > 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > max) {
		close(fd);
		snprintf(err, errlen, "%s: %llu bytes, more than the grid's "
		    "limit of %llu (xent --max-bytes N raises it; xent eval "
		    "streams any size)", path,
		    (unsigned long long)st.st_size, max);
		return NULL;
	}
	if (rfile_wait_reads(fd) < 0) {
		close(fd);
		return csv_open_fail(path, errno, err, errlen);
	}
	if ((r = csv_from_fd(path, path, fd, 1, 0, err, errlen)) != NULL)
		r->max = max;
	return r;
}

/* The caller switches comments off once the header has been read. */
void csv_set_comments(struct csv_reader *r, int on)
{
	r->comments = on != 0;
}

/* For callers that build their own messages about a record. */
unsigned long long csv_bytes(const struct csv_reader *r)
{
	return r->total;
}

const char *csv_name(const struct csv_reader *r)
{
	return r->name;
}

/* Frees the window, the name and the field arrays; closes the file. */
void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->ownfd && r->fd >= 0)
		close(r->fd);
	free(r->name);
	free(r->data);
	free(r->sp);
	free(r->fields);
	free(r->lens);
	free(r);
}

/* ------------------------------------------------------------------ */
/* The tokenizer: every function returns CSV_MORE when it reaches the   */
/* end of the bytes read so far.                                        */
/* ------------------------------------------------------------------ */

/* Whether the CR at P ends a line (CRLF, or CR as the very last byte);
 * a bare CR elsewhere is kept as data.  P is below lim, so the byte after
 * it is in the window. */
static int csv_cr_eol(const struct csv_reader *r, size_t p)
{
	return p + 1 == r->end || r->data[p + 1] == '\n';
}

/* Bytes of the line end at P: 2 for CRLF, else 1. */
static size_t csv_eol_len(const struct csv_reader *r, size_t p)
{
	return r->data[p] == '\r' && p + 1 != r->end ? 2 : 1;
}

/* Skips lines with no bytes at all (a lone CR counts as none). */
static void csv_skip_blank(struct csv_reader *r)
{
	while (r->pos < r->lim) {
		if (r->data[r->pos] != '\n' && !(r->data[r->pos] == '\r' &&
		    csv_cr_eol(r, r->pos)))
			break;
		r->pos += csv_eol_len(r, r->pos);
		r->line++;
	}
}

/* Notes a field of the record at OFF, growing the field arrays. */
static int csv_span(struct csv_reader *r, size_t off, size_t n, int quoted)
{
	size_t cap = r->fcap ? r->fcap * 2 : 16;
	struct csv_span *ns;
	char **nf;
	size_t *nl;

	if (r->nf == r->fcap) {
		if ((ns = realloc(r->sp, cap * sizeof(*ns))) == NULL)
			return -1;
		r->sp = ns;
		if ((nf = realloc(r->fields, cap * sizeof(*nf))) == NULL)
			return -1;
		r->fields = nf;
		if ((nl = realloc(r->lens, cap * sizeof(*nl))) == NULL)
			return -1;
		r->lens = nl;
		r->fcap = cap;
	}
	r->sp[r->nf++] = (struct csv_span){ off, n, quoted };
	return 0;
}

/* Notes a field, failing on overlong ones (unquoted length N) and ENOMEM. */
static int csv_add_field(struct csv_reader *r, size_t off, size_t raw,
    size_t n, int quoted, long line, char *err, size_t errlen)
{
	if (n > CSV_FIELD_MAX)
		return csv_fail(r, err, errlen, line, CSV_MSG_LONG);
	if (csv_span(r, off, raw, quoted) < 0)
		return csv_fail(r, err, errlen, line, CSV_MSG_NOMEM);
	return 0;
}

/* Delimits an unquoted field: everything up to a comma or line end. */
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
	if (q == r->lim && csv_more(r))
		return CSV_MORE;
	if (q < r->lim && d[q] == '"')
		return csv_fail(r, err, errlen, r->line, CSV_MSG_STRAY);
	r->pos = q;
	return csv_add_field(r, p, q - p, q - p, 0, r->line, err, errlen);
}

/* Delimits a quoted field starting at the opening quote; "" is one quote
 * and newlines inside are data (but still counted as lines).  N counts
 * the unquoted bytes at each quote, as the limit on length is checked. */
static int csv_quoted(struct csv_reader *r, char *err, size_t errlen)
{
	const char *d = r->data;
	size_t at = r->pos, q = at + 1, run = q, n = 0;
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
		n += q - run;
		if (n > CSV_FIELD_MAX)
			return csv_fail(r, err, errlen, open, CSV_MSG_LONG);
		if (q + 1 >= r->lim && csv_more(r))
			return CSV_MORE;
		if (q + 1 >= r->lim || d[q + 1] != '"') {
			r->pos = q + 1;
			return csv_add_field(r, at, q - at, n, 1, open, err,
			    errlen);
		}
		/* "" stands for one quote: keep the second as data. */
		q += 2;
		run = q - 1;
	}
	if (csv_more(r))
		return CSV_MORE;
	if (r->bad)
		return csv_fail_bad(r, err, errlen);
	return csv_fail(r, err, errlen, open, CSV_MSG_QUOTE);
}

/* After a field: 1 when a comma announces another, 0 at the record's end,
 * -1 when something else follows a closing quote. */
static int csv_field_end(struct csv_reader *r, char *err, size_t errlen)
{
	size_t p = r->pos;

	if (p == r->end)
		return 0;
	if (p == r->lim)
		return csv_fail_bad(r, err, errlen);
	if (r->data[p] == ',') {
		r->pos++;
		return 1;
	}
	if (r->data[p] == '\n' || (r->data[p] == '\r' && csv_cr_eol(r, p))) {
		r->pos += csv_eol_len(r, p);
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
		if (r->pos < r->lim && r->data[r->pos] == '"')
			rc = csv_quoted(r, err, errlen);
		else
			rc = csv_unquoted(r, err, errlen);
		if (rc < 0)
			return rc;
		rc = csv_field_end(r, err, errlen);
	} while (rc > 0);
	return rc;
}

/* Delimits a '#' line whole as one field, without the '#' and line end. */
static int csv_comment(struct csv_reader *r, char *err, size_t errlen)
{
	const char *d = r->data;
	size_t p = r->pos + 1, q, e;
	const char *nl = memchr(d + p, '\n', r->lim - p);

	q = nl ? (size_t)(nl - d) : r->lim;
	if (q == r->lim && r->lim != r->end)
		return csv_fail_bad(r, err, errlen);
	e = q > p && d[q - 1] == '\r' ? q - 1 : q;
	if (csv_add_field(r, p, e - p, e - p, 0, r->line, err, errlen) < 0)
		return -1;
	r->pos = q < r->lim ? q + 1 : q;
	r->line++;
	return 0;
}

/* Unquotes in place the quoted field at OFF whose closing quote is RAW
 * bytes on; inside, quotes only come doubled.  Returns its length. */
static size_t csv_unquote(char *d, size_t off, size_t raw)
{
	size_t src = off + 1, stop = off + raw, dst = off;

	while (src < stop) {
		if (d[src] == '"')
			src++;
		d[dst++] = d[src++];
	}
	return dst - off;
}

/* Turns the delimited fields into NUL-terminated strings in the window. */
static void csv_finish(struct csv_reader *r)
{
	size_t i, n;

	for (i = 0; i < r->nf; i++) {
		n = r->sp[i].quoted ? csv_unquote(r->data, r->sp[i].off,
		    r->sp[i].n) :
		    r->sp[i].n;
		r->data[r->sp[i].off + n] = '\0';
		r->fields[i] = r->data + r->sp[i].off;
		r->lens[i] = n;
	}
}

/* The index of the first ',', LF, CR or '"' at or after P, or LIM. */
static size_t
csv_find_special(const unsigned char *d, size_t p, size_t lim)
{
#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n');
	const __m128i cr = _mm_set1_epi8('\r'), qt = _mm_set1_epi8('"');
	__m128i v, m;
	unsigned bits;

	for (; p + 16 <= lim; p += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(d + p));
		m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma),
		    _mm_cmpeq_epi8(v, lf)), _mm_or_si128(_mm_cmpeq_epi8(v, cr),
		    _mm_cmpeq_epi8(v, qt)));
		if ((bits = (unsigned)_mm_movemask_epi8(m)) != 0)
			return p + (size_t)__builtin_ctz(bits);
	}
#endif
	while (p < lim && !csv_special[d[p]])
		p++;
	return p;
}

/* The usual record, delimited fast: unquoted fields, no bare CR, ending
 * in LF or CRLF within the bytes read so far.  1 with the record's fields
 * noted and pos and line past it; 0 (nothing moved) when the record is
 * anything else, for the careful path, which finds every error. */
static int
csv_plain(struct csv_reader *r)
{
	const unsigned char *d = (const unsigned char *)r->data;
	size_t p = r->pos, q;

	for (;;) {
		q = csv_find_special(d, p, r->lim);
		if (q >= r->lim || d[q] == '"' || q - p > CSV_FIELD_MAX)
			return 0;
		if (d[q] == '\r' && (q + 1 >= r->lim || d[q + 1] != '\n'))
			return 0;
		if (r->nf < r->fcap)
			r->sp[r->nf++] = (struct csv_span){ p, q - p, 0 };
		else if (csv_span(r, p, q - p, 0) < 0)
			return 0;
		if (d[q] != ',')
			break;
		p = q + 1;
	}
	r->pos = q + (d[q] == '\r' ? 2 : 1);
	r->line++;
	return 1;
}

/* Skips blank lines, then delimits one comment or field record: 1, 0 at
 * the end, -1 on an error, CSV_MORE (at the record's start again). */
static int csv_record(struct csv_reader *r, int *comment, long *start,
    char *err, size_t errlen)
{
	size_t at;
	int rc;

	csv_skip_blank(r);
	if (r->pos >= r->lim) {
		if (csv_more(r))
			return CSV_MORE;
		return r->bad ? csv_fail_bad(r, err, errlen) : 0;
	}
	at = r->pos;
	*start = r->line;
	r->nf = 0;
	*comment = r->comments && r->data[r->pos] == '#';
	if (!*comment && csv_plain(r))
		return 1;
	r->nf = 0;
	rc = (*comment ? csv_comment : csv_fields)(r, err, errlen);
	if (rc == CSV_MORE) {
		r->pos = at;
		r->line = *start;
	}
	return rc < 0 ? rc : 1;
}

/* Reads until a whole record is in the window, then hands it out. */
int csv_next(struct csv_reader *r, struct csv_record *rec, char *err,
    size_t errlen)
{
	long start = 0;
	int comment = 0, rc;

	if (r->emsg) {
		csv_report(r, err, errlen);
		return -1;
	}
	while ((rc = csv_record(r, &comment, &start, err, errlen)) == CSV_MORE)
		if (csv_refill(r, err, errlen) < 0)
			return -1;
	if (rc <= 0)
		return rc;
	csv_finish(r);
	rec->nfields = r->nf;
	rec->fields = r->fields;
	rec->lens = r->lens;
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
	/* A leading BOM would be skipped as the file's first bytes. */
	if (strncmp(field, "\xef\xbb\xbf", 3) == 0)
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

int
csv_field_quoted(const struct csv_reader *r, size_t i)
{
	return i < r->nf && r->sp[i].quoted;
}

void
csv_list_next(const char **p, char *name, size_t len)
{
	const char *s = *p, *q = s;
	size_t n = 0;

	while (*q == ' ' || *q == '\t')
		q++;
	if (*q == '"') {
		/* Up to the closing quote, a doubled one kept once. */
		for (s = q + 1; *s != '\0'; s++) {
			if (*s == '"' && s[1] != '"')
				break;
			s += *s == '"';
			if (n + 1 < len)
				name[n++] = *s;
		}
		s += *s == '"';
		while (*s != '\0' && *s != ',')	/* blanks after it */
			s++;
	} else
		for (; *s != '\0' && *s != ','; s++)
			if (n + 1 < len)
				name[n++] = *s;
	name[n] = '\0';
	*p = *s == ',' ? s + 1 : NULL;
}
