/*
 * npy.c - NumPy .npy and .npz arrays in; see npy.h.
 *
 * The formats: a .npy file is the magic (0x93, "NUMPY"), a version, a header
 * length and a Python dict literal ({'descr': '<f4', 'fortran_order':
 * False, 'shape': (N, K), }), then the raw elements.  A .npz is a zip
 * archive of .npy members, stored (np.savez) or raw-deflated
 * (np.savez_compressed).  NumPy 1.24 and later write every member with
 * force_zip64: the local header carries a zip64 extra field that the
 * central directory may not, so the data offset is taken from the local
 * header's own name and extra lengths, and the sizes from the central
 * directory.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/utf8.h"
#include "io/csv.h"
#include "io/npy.h"
#include "io/rfile.h"
#include "io/sheetfile.h"

/* The first six bytes of a .npy file: 0x93, then "NUMPY". */
static const char npy_magic[6] = { (char)0x93, 'N', 'U', 'M', 'P', 'Y' };

/* ------------------------------------------------------------------ */
/* Bytes                                                              */
/* ------------------------------------------------------------------ */

/* Little-endian reads of 2, 4 and 8 bytes at P. */
static uint16_t
npy_le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
npy_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
npy_le64(const unsigned char *p)
{
	return (uint64_t)npy_le32(p) | (uint64_t)npy_le32(p + 4) << 32;
}

/* Formats "NAME: message" into ERR; returns -1. */
static int
npy_fail(char *err, size_t errlen, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
npy_fail(char *err, size_t errlen, const char *name, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s: %s", name, msg);
	return -1;
}

/* ------------------------------------------------------------------ */
/* The .npy header                                                    */
/* ------------------------------------------------------------------ */

/* A cursor over the header's dict literal. */
struct npy_hdr {
	const char	*p, *end;
};

/* Skips blanks. */
static void
npy_ws(struct npy_hdr *h)
{
	while (h->p < h->end && (*h->p == ' ' || *h->p == '\t' ||
	    *h->p == '\n'))
		h->p++;
}

/* Takes character C (after blanks); 0 when it is not next. */
static int
npy_take(struct npy_hdr *h, char c)
{
	npy_ws(h);
	if (h->p < h->end && *h->p == c) {
		h->p++;
		return 1;
	}
	return 0;
}

/* Reads a quoted Python string into BUF; -1 when there is none. */
static int
npy_str(struct npy_hdr *h, char *buf, size_t len)
{
	char q;
	size_t n = 0;

	npy_ws(h);
	if (h->p >= h->end || (*h->p != '\'' && *h->p != '"'))
		return -1;
	q = *h->p++;
	while (h->p < h->end && *h->p != q) {
		/* Only printable ASCII, since messages may quote it. */
		if (n + 1 < len)
			buf[n++] = *h->p >= ' ' && *h->p <= '~' ? *h->p : '?';
		h->p++;
	}
	buf[n] = '\0';
	if (h->p >= h->end)
		return -1;
	h->p++;
	return 0;
}

/* Reads True or False; -1 otherwise. */
static int
npy_bool(struct npy_hdr *h, int *v)
{
	npy_ws(h);
	if (h->end - h->p >= 4 && memcmp(h->p, "True", 4) == 0) {
		h->p += 4;
		*v = 1;
	} else if (h->end - h->p >= 5 && memcmp(h->p, "False", 5) == 0) {
		h->p += 5;
		*v = 0;
	} else
		return -1;
	return 0;
}

/* Reads a shape tuple "(N, K)" into DIM (up to 3 kept), *NDIM the count;
 * -1 when it is not a tuple of whole numbers. */
static int
npy_shape(struct npy_hdr *h, long long *dim, int *ndim)
{
	long long v;

	*ndim = 0;
	if (!npy_take(h, '('))
		return -1;
	for (;;) {
		if (npy_take(h, ')'))
			return 0;
		npy_ws(h);
		if (h->p >= h->end || *h->p < '0' || *h->p > '9')
			return -1;
		for (v = 0; h->p < h->end && *h->p >= '0' && *h->p <= '9';
		    h->p++) {
			if (v > (LLONG_MAX - 9) / 10)
				return -1;
			v = v * 10 + (*h->p - '0');
		}
		if (*ndim < 3)
			dim[*ndim] = v;
		(*ndim)++;
		if (!npy_take(h, ',') && !(npy_ws(h), h->p < h->end &&
		    *h->p == ')'))
			return -1;
	}
}

/* The element type DESCR names; -1 with the reason. */
static int
npy_dtype_of(const char *name, const char *descr, enum npy_dtype *t,
    char *err, size_t errlen)
{
	static const struct { const char *d; enum npy_dtype t; } known[] = {
		{ "f2", NPY_F2 }, { "f4", NPY_F4 }, { "f8", NPY_F8 },
		{ "i4", NPY_I4 }, { "i8", NPY_I8 },
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcmp(descr + (*descr != '\0'), known[i].d) != 0)
			continue;
		if (descr[0] == '>')
			return npy_fail(err, errlen, name, "big-endian data "
			    "('%s'): save it little-endian, "
			    "arr.astype('<%s')", descr, known[i].d);
		if (descr[0] != '<' && descr[0] != '|')
			break;
		*t = known[i].t;
		return 0;
	}
	return npy_fail(err, errlen, name, "dtype '%s' is not float16, "
	    "float32, float64, int32 or int64", descr);
}

/* Bytes of one element of type T. */
static size_t
npy_itemsize(enum npy_dtype t)
{
	return t == NPY_F2 ? 2 : t == NPY_F4 || t == NPY_I4 ? 4 : 8;
}

/* Parses the dict literal H into A's type and shape. */
static int
npy_dict(const char *name, struct npy_hdr *h, struct npy_array *a,
    long long *dim, char *err, size_t errlen)
{
	char key[32], descr[64] = "";
	int fortran = 0, have = 0, ndim = 0;

	if (!npy_take(h, '{'))
		return npy_fail(err, errlen, name, "bad .npy header: no dict");
	while (!npy_take(h, '}')) {
		if (npy_str(h, key, sizeof(key)) < 0 || !npy_take(h, ':'))
			return npy_fail(err, errlen, name, "bad .npy header");
		if (strcmp(key, "descr") == 0 && npy_str(h, descr,
		    sizeof(descr)) == 0)
			have |= 1;
		else if (strcmp(key, "fortran_order") == 0 &&
		    npy_bool(h, &fortran) == 0)
			have |= 2;
		else if (strcmp(key, "shape") == 0 &&
		    npy_shape(h, dim, &ndim) == 0)
			have |= 4;
		else
			return npy_fail(err, errlen, name, "bad .npy header "
			    "near '%s'%s", key, strcmp(key, "descr") == 0 ?
			    " (a structured dtype?)" : "");
		npy_take(h, ',');
	}
	if (have != 7)
		return npy_fail(err, errlen, name, "bad .npy header: descr, "
		    "fortran_order and shape are needed");
	if (npy_dtype_of(name, descr, &a->dtype, err, errlen) < 0)
		return -1;
	if (fortran)
		return npy_fail(err, errlen, name, "Fortran order "
		    "(fortran_order: True): save a C-order array, "
		    "np.ascontiguousarray(arr)");
	if (ndim == 0 || ndim > 2)
		return npy_fail(err, errlen, name, "a %d-D array: give N x K "
		    "logits (2-D) and N labels (1-D)", ndim);
	a->ndim = ndim;
	return 0;
}

/* Checks that the shape DIM fits the LEFT bytes after the header. */
static int
npy_size(const char *name, struct npy_array *a, const long long *dim,
    size_t left, char *err, size_t errlen)
{
	unsigned long long rows = dim[0], cols = a->ndim == 2 ? dim[1] : 1;
	unsigned long long item = npy_itemsize(a->dtype), need;

	if (rows > LONG_MAX || cols > INT32_MAX ||
	    (cols > 0 && rows > (unsigned long long)SIZE_MAX / item / cols))
		return npy_fail(err, errlen, name, "the shape is too large");
	need = rows * cols * item;
	if (need > left)
		return npy_fail(err, errlen, name, "truncated: the shape needs "
		    "%llu bytes of data, the file has %zu", need, left);
	if (need < left)
		return npy_fail(err, errlen, name, "%llu bytes after the "
		    "array's data", (unsigned long long)(left - need));
	a->rows = (long)rows;
	a->cols = (long)cols;
	return 0;
}

int
npy_parse(const char *name, const void *buf, size_t len, struct npy_array *a,
    char *err, size_t errlen)
{
	const unsigned char *b = buf;
	size_t hlen, start;
	struct npy_hdr h;
	long long dim[3] = { 0, 0, 0 };

	memset(a, 0, sizeof(*a));
	if (len < 10 || memcmp(b, npy_magic, 6) != 0)
		return npy_fail(err, errlen, name, len < 10 &&
		    memcmp(b, npy_magic, len < 6 ? len : 6) == 0 ?
		    "truncated: the .npy header is cut short" :
		    "not a .npy file (it does not start with the .npy magic, "
		    "0x93 NUMPY)");
	if (b[6] < 1 || b[6] > 3 || b[7] != 0)
		return npy_fail(err, errlen, name, "unknown .npy version "
		    "%d.%d (1.0, 2.0 and 3.0 are read)", b[6], b[7]);
	if (b[6] > 1 && len < 12)
		return npy_fail(err, errlen, name, "truncated: the .npy "
		    "header is cut short");
	hlen = b[6] == 1 ? npy_le16(b + 8) : npy_le32(b + 8);
	start = b[6] == 1 ? 10 : 12;
	if (hlen > len - start)
		return npy_fail(err, errlen, name, "truncated: the .npy "
		    "header is cut short");
	h.p = (const char *)b + start;
	h.end = h.p + hlen;
	if (npy_dict(name, &h, a, dim, err, errlen) < 0 ||
	    npy_size(name, a, dim, len - start - hlen, err, errlen) < 0)
		return -1;
	a->data = b + start + hlen;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The .npz (zip) archive                                             */
/* ------------------------------------------------------------------ */

/* Where a member lies, from the central directory. */
struct npz_entry {
	const unsigned char *name;
	size_t		 namelen;
	int		 method;
	int		 flags;
	uint32_t	 crc;
	uint64_t	 csize, usize, off;
};

/* The central directory's place: its offset and entry count. */
struct npz_dir {
	uint64_t	 off, size, count;
};

/* Finds the end of central directory record and, for zip64, its zip64
 * record; -1 when BUF is not a zip archive. */
static int
npz_find_dir(const unsigned char *b, size_t len, struct npz_dir *d)
{
	size_t i, stop, z;
	uint64_t z64;

	if (len < 22)
		return -1;
	/* The record ends the file, after a comment of up to 64 KB. */
	stop = len - 22 > 65535 ? len - 22 - 65535 : 0;
	for (i = len - 22; npy_le32(b + i) != 0x06054b50; i--)
		if (i == stop)
			return -1;
	d->count = npy_le16(b + i + 10);
	d->size = npy_le32(b + i + 12);
	d->off = npy_le32(b + i + 16);
	if (d->count != 0xffff && d->size != 0xffffffff &&
	    d->off != 0xffffffff)
		return 0;
	/* zip64: a locator just before, pointing at the zip64 record. */
	if (i < 20 || npy_le32(b + i - 20) != 0x07064b50)
		return -1;
	z64 = npy_le64(b + i - 12);
	if (len < 56 || z64 > len - 56)
		return -1;
	z = (size_t)z64;
	if (npy_le32(b + z) != 0x06064b50)
		return -1;
	d->count = npy_le64(b + z + 32);
	d->size = npy_le64(b + z + 40);
	d->off = npy_le64(b + z + 48);
	return 0;
}

/* Reads the zip64 extra field (id 1) of a central directory entry:
 * the sizes and offset that its fixed fields mark 0xffffffff. */
static int
npz_zip64(const unsigned char *x, size_t n, struct npz_entry *e)
{
	size_t p = 0, sz, q;

	while (p + 4 <= n) {
		sz = npy_le16(x + p + 2);
		if (p + 4 + sz > n)
			return -1;
		if (npy_le16(x + p) == 1) {
			q = p + 4;
			if (e->usize == 0xffffffff && (q += 8) <= p + 4 + sz)
				e->usize = npy_le64(x + q - 8);
			if (e->csize == 0xffffffff && (q += 8) <= p + 4 + sz)
				e->csize = npy_le64(x + q - 8);
			if (e->off == 0xffffffff && (q += 8) <= p + 4 + sz)
				e->off = npy_le64(x + q - 8);
			return q <= p + 4 + sz ? 0 : -1;
		}
		p += 4 + sz;
	}
	return 0;
}

/* Reads the central directory entry at *P into E and moves *P past it;
 * -1 when it is cut short or malformed. */
static int
npz_entry_at(const unsigned char *b, size_t len, size_t *p,
    struct npz_entry *e)
{
	size_t at = *p, nl, xl, cl;

	if (at > len || len - at < 46 || npy_le32(b + at) != 0x02014b50)
		return -1;
	nl = npy_le16(b + at + 28);
	xl = npy_le16(b + at + 30);
	cl = npy_le16(b + at + 32);
	if (len - at - 46 < nl + xl + cl)
		return -1;
	e->flags = npy_le16(b + at + 8);
	e->method = npy_le16(b + at + 10);
	e->crc = npy_le32(b + at + 16);
	e->csize = npy_le32(b + at + 20);
	e->usize = npy_le32(b + at + 24);
	e->off = npy_le32(b + at + 42);
	e->name = b + at + 46;
	e->namelen = nl;
	*p = at + 46 + nl + xl + cl;
	return npz_zip64(b + at + 46 + nl, xl, e);
}

/* Calls FN on every entry of the archive until it returns nonzero;
 * returns that, 0 after the last, -1 for a malformed directory. */
static int
npz_each(const unsigned char *b, size_t len,
    int (*fn)(const struct npz_entry *, void *), void *arg)
{
	struct npz_dir d;
	struct npz_entry e;
	uint64_t i;
	size_t p;
	int rc;

	if (npz_find_dir(b, len, &d) < 0 || d.off > len)
		return -1;
	p = (size_t)d.off;
	for (i = 0; i < d.count; i++) {
		if (npz_entry_at(b, len, &p, &e) < 0)
			return -1;
		if ((rc = fn(&e, arg)) != 0)
			return rc;
	}
	return 0;
}

/* What npz_match looks for, and where it puts it. */
struct npz_want {
	const char	*member;
	struct npz_entry e;
};

/* Stops at the entry named W->member. */
static int
npz_match(const struct npz_entry *e, void *arg)
{
	struct npz_want *w = arg;

	if (e->namelen != strlen(w->member) ||
	    memcmp(e->name, w->member, e->namelen) != 0)
		return 0;
	w->e = *e;
	return 1;
}

/* Inflates the raw deflate stream IN[0..E->csize) into a new buffer of
 * E->usize bytes; NULL with the reason in ERR. */
static unsigned char *
npz_inflate(const char *name, const unsigned char *in,
    const struct npz_entry *e, char *err, size_t errlen)
{
	unsigned char *out;
	uint64_t left_in = e->csize, left_out = e->usize;
	z_stream z;
	int rc = Z_OK;

	/* Deflate expands at most about 1032 to 1: a bigger claim is a
	 * corrupt (or hostile) size, not worth allocating. */
	if (e->usize / 1032 > e->csize + 64) {
		npy_fail(err, errlen, name, "a compressed member is corrupt: "
		    "%llu bytes cannot inflate to %llu",
		    (unsigned long long)e->csize,
		    (unsigned long long)e->usize);
		return NULL;
	}
	if ((out = malloc(e->usize ? e->usize : 1)) == NULL) {
		npy_fail(err, errlen, name, "out of memory for a %llu-byte "
		    "member", (unsigned long long)e->usize);
		return NULL;
	}
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, -15) != Z_OK) {
		free(out);
		npy_fail(err, errlen, name, "cannot start zlib");
		return NULL;
	}
	z.next_in = (unsigned char *)in;
	z.next_out = out;
	while (rc == Z_OK) {
		/* zlib counts in 32 bits: feed a member of any size in
		 * pieces. */
		if (z.avail_in == 0) {
			z.avail_in = left_in > (1u << 30) ? 1u << 30 :
			    (uInt)left_in;
			left_in -= z.avail_in;
		}
		if (z.avail_out == 0) {
			z.avail_out = left_out > (1u << 30) ? 1u << 30 :
			    (uInt)left_out;
			left_out -= z.avail_out;
		}
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc == Z_BUF_ERROR && (left_in > 0 || left_out > 0))
			rc = Z_OK;
	}
	if (rc != Z_STREAM_END || z.total_out != e->usize ||
	    z.avail_out != 0 || left_out != 0) {
		inflateEnd(&z);
		free(out);
		npy_fail(err, errlen, name, "a compressed member is corrupt "
		    "or truncated");
		return NULL;
	}
	inflateEnd(&z);
	return out;
}

/* The start of entry E's data, from its local header's own name and
 * extra lengths; NULL when it does not fit BUF. */
static const unsigned char *
npz_data(const unsigned char *b, size_t len, const struct npz_entry *e)
{
	size_t at;

	if (e->off > len || len - e->off < 30 ||
	    npy_le32(b + e->off) != 0x04034b50)
		return NULL;
	at = e->off + 30 + npy_le16(b + e->off + 26) +
	    npy_le16(b + e->off + 28);
	if (at > len || len - at < e->csize)
		return NULL;
	return b + at;
}

int
npz_member(const char *name, const void *buf, size_t len, const char *member,
    struct npy_array *a, char *err, size_t errlen)
{
	struct npz_want w = { member, { 0 } };
	const unsigned char *b = buf, *data;
	unsigned char *heap = NULL;
	char mname[512];
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = npz_each(b, len, npz_match, &w)) < 0)
		return npy_fail(err, errlen, name, "not a .npz file: the zip "
		    "directory is missing, truncated or malformed");
	if (rc == 0)
		return 0;
	snprintf(mname, sizeof(mname), "%s: %s", name, member);
	if ((data = npz_data(b, len, &w.e)) == NULL)
		return npy_fail(err, errlen, mname, "truncated: the member "
		    "lies past the end of the archive");
	if (w.e.flags & 1)
		return npy_fail(err, errlen, mname, "encrypted");
	if (w.e.method == 8) {
		if ((heap = npz_inflate(mname, data, &w.e, err, errlen)) ==
		    NULL)
			return -1;
		data = heap;
	} else if (w.e.method != 0 || w.e.csize != w.e.usize)
		return npy_fail(err, errlen, mname, "compression method %d "
		    "(stored and deflate are read)", w.e.method);
	if (crc32_z(0, data, w.e.usize) != w.e.crc) {
		free(heap);
		return npy_fail(err, errlen, mname, "corrupt: its CRC-32 "
		    "does not match");
	}
	if (npy_parse(mname, data, w.e.usize, a, err, errlen) < 0) {
		free(heap);
		return -1;
	}
	a->heap = heap;
	return 1;
}

/* Appends entry E's name to the list in ARG (a struct npz_list). */
struct npz_list {
	char	buf[256];
	size_t	n;
};

static int
npz_list_add(const struct npz_entry *e, void *arg)
{
	struct npz_list *l = arg;
	size_t nl = e->namelen;

	if (nl >= 4 && memcmp(e->name + nl - 4, ".npy", 4) == 0)
		nl -= 4;	/* np.savez's name for the array */
	if (l->n < sizeof(l->buf))
		l->n += snprintf(l->buf + l->n, sizeof(l->buf) - l->n, "%s%.*s",
		    l->n ? ", " : "", (int)nl, (const char *)e->name);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Arrays                                                             */
/* ------------------------------------------------------------------ */

void
npy_free(struct npy_array *a)
{
	if (a->map != NULL)
		munmap(a->map, a->maplen);
	free(a->heap);
	memset(a, 0, sizeof(*a));
}

/* A float16's value. */
static double
npy_half(uint16_t h)
{
	int e = (h >> 10) & 0x1f, m = h & 0x3ff;
	double v;

	if (e == 0)
		v = ldexp(m, -24);
	else if (e == 31)
		v = m ? NAN : INFINITY;
	else
		v = ldexp(m + 1024, e - 25);
	return h & 0x8000 ? -v : v;
}

double
npy_float(const struct npy_array *a, long i, long j)
{
	const unsigned char *p = a->data + ((size_t)i * a->cols + j) *
	    npy_itemsize(a->dtype);
	union { uint32_t u; float f; } f4;
	union { uint64_t u; double d; } f8;

	switch (a->dtype) {
	case NPY_F2:
		return npy_half(npy_le16(p));
	case NPY_F4:
		f4.u = npy_le32(p);
		return f4.f;
	case NPY_F8:
		f8.u = npy_le64(p);
		return f8.d;
	default:
		return (double)npy_int(a, (size_t)i * a->cols + j);
	}
}

long long
npy_int(const struct npy_array *a, long i)
{
	const unsigned char *p = a->data + (size_t)i * npy_itemsize(a->dtype);

	if (a->dtype == NPY_I4)
		return (int32_t)npy_le32(p);
	if (a->dtype == NPY_I8)
		return (long long)(int64_t)npy_le64(p);
	return 0;	/* a float array has no integers */
}

/* A file mapped whole into memory. */
struct npy_map {
	void	*p;
	size_t	 len;
};

/* Maps PATH; -1 with "PATH: reason" in ERR.  Opened without blocking, so
 * that a FIFO is refused rather than waited on. */
static int
npy_map_file(const char *path, struct npy_map *m, char *err, size_t errlen)
{
	struct stat st;
	int fd = rfile_open_fd(path, &st);

	m->p = NULL;
	m->len = 0;
	if (fd < 0)
		return npy_fail(err, errlen, path, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return npy_fail(err, errlen, path, "%s", S_ISDIR(st.st_mode) ?
		    "is a directory" : "not a regular file");
	}
	if (st.st_size == 0) {
		close(fd);
		return npy_fail(err, errlen, path, "an empty file, not a "
		    "NumPy array");
	}
	m->len = (size_t)st.st_size;
	m->p = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m->p == MAP_FAILED) {
		m->p = NULL;
		return npy_fail(err, errlen, path, "%s", strerror(errno));
	}
	posix_madvise(m->p, m->len, POSIX_MADV_SEQUENTIAL);
	return 0;
}

/* 1 when the bytes at P (LEN of them) start a zip archive. */
static int
npy_is_zip(const unsigned char *p, size_t len)
{
	return len >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6));
}

/* 1 when PATH ends in SUFFIX. */
static int
npy_ends(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);

	return n >= m && strcmp(path + n - m, suffix) == 0;
}

int
npy_is_numpy(const char *path)
{
	unsigned char head[6];
	struct stat st;
	ssize_t n;
	int fd;

	if (strcmp(path, "-") == 0)
		return 0;
	if (npy_ends(path, ".npy") || npy_ends(path, ".npz"))
		return 1;
	/* Looked at before it is opened: a FIFO opened, even without
	 * waiting, would let its writer in and then leave it to a SIGPIPE. */
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (fd = rfile_open_fd(path, &st)) < 0)
		return 0;
	n = read(fd, head, sizeof(head));
	close(fd);
	return (n == 6 && memcmp(head, npy_magic, 6) == 0) ||
	    (n >= 4 && npy_is_zip(head, (size_t)n));
}

/* ------------------------------------------------------------------ */
/* The validation set                                                 */
/* ------------------------------------------------------------------ */

struct npy_source {
	struct npy_map	 lmap, bmap;	/* the logits' and labels' files */
	struct npy_array logits, labels;
	int		 has_labels;
	int		 probs;		/* the array was named probs */
	char		**names;	/* k class names */
	int		 k;
	long		 next;		/* next row to read */
};

/* Reads array A from the mapped file M named PATH: a .npy, or the first
 * of MEMBERS (NULL-ended) found in a .npz, its index in *WHICH.  0 when
 * a .npz has none of them (ERR says so, naming what it has), -1 on a
 * malformed file, 1 with the array. */
static int
npy_read_any(const char *path, const struct npy_map *m,
    const char *const *members, int *which, struct npy_array *a, char *err,
    size_t errlen)
{
	struct npz_list l;
	int i, rc;

	*which = 0;
	if (!npy_is_zip(m->p, m->len))
		return npy_parse(path, m->p, m->len, a, err, errlen) < 0 ?
		    -1 : 1;
	for (i = 0; members[i] != NULL; i++) {
		if ((rc = npz_member(path, m->p, m->len, members[i], a, err,
		    errlen)) != 0) {
			*which = i;
			return rc;
		}
	}
	memset(&l, 0, sizeof(l));
	npz_each(m->p, m->len, npz_list_add, &l);
	npy_fail(err, errlen, path, "no array named %.*s%s (it has: %s): "
	    "save them by name, np.savez(FILE, logits=..., labels=...)",
	    (int)strcspn(members[0], "."), members[0], members[1] ?
	    " or probs" : "", l.n ? l.buf : "none");
	return 0;
}

/* Checks the logits' shape and type. */
static int
npy_check_logits(const char *path, const struct npy_array *a, char *err,
    size_t errlen)
{
	if (a->dtype != NPY_F2 && a->dtype != NPY_F4 && a->dtype != NPY_F8)
		return npy_fail(err, errlen, path, "the logits are integers "
		    "(%s): give float16, float32 or float64",
		    a->dtype == NPY_I4 ? "int32" : "int64");
	if (a->ndim != 2)
		return npy_fail(err, errlen, path, "the logits are 1-D (N,): "
		    "give N x K (a binary model's as N x 1, "
		    "logits.reshape(-1, 1))");
	if (a->rows == 0)
		return npy_fail(err, errlen, path, "no rows: the logits are "
		    "0 x %ld", a->cols);
	if (a->cols == 0)
		return npy_fail(err, errlen, path, "no classes: the logits "
		    "are %ld x 0", a->rows);
	return 0;
}

/* Checks the labels against the logits: 1-D integers, one a row, each
 * a class index (a binary sheet's 0 or 1). */
static int
npy_check_labels(const char *path, const struct npy_source *src, char *err,
    size_t errlen)
{
	const struct npy_array *b = &src->labels;
	long i, top = src->k == 1 ? 1 : src->k - 1;
	long long v;

	if (b->dtype != NPY_I4 && b->dtype != NPY_I8)
		return npy_fail(err, errlen, path, "the labels are floats: "
		    "give int32 or int64 class indices, "
		    "labels.astype('int64')");
	if (b->ndim != 1)
		return npy_fail(err, errlen, path, "the labels are 2-D (%ld x "
		    "%ld): give a 1-D array, labels.ravel()", b->rows, b->cols);
	if (b->rows != src->logits.rows)
		return npy_fail(err, errlen, path, "%ld labels for %ld rows "
		    "of logits: give one label a row", b->rows,
		    src->logits.rows);
	for (i = 0; i < b->rows; i++)
		if ((v = npy_int(b, i)) < 0 || v > top)
			return npy_fail(err, errlen, path, "label %lld (at "
			    "index %ld) is out of range: class indices go "
			    "from 0 to %ld", v, i, top);
	return 0;
}

/* Opens the logits at PATH into SRC, and the labels of a .npz. */
static int
npy_open_logits(struct npy_source *src, const char *path, int want_labels,
    char *err, size_t errlen)
{
	static const char *const lnames[] = { "logits.npy", "probs.npy",
		NULL };
	static const char *const bnames[] = { "labels.npy", NULL };
	int which, rc;

	if (npy_map_file(path, &src->lmap, err, errlen) < 0)
		return -1;
	if (!npy_is_zip(src->lmap.p, src->lmap.len) && src->lmap.len >= 6 &&
	    memcmp(src->lmap.p, npy_magic, 6) != 0)
		return npy_fail(err, errlen, path, "not a NumPy file: neither "
		    "a .npy array nor a .npz (zip) archive");
	if (npy_read_any(path, &src->lmap, lnames, &which, &src->logits, err,
	    errlen) <= 0)
		return -1;
	src->probs = which == 1;
	if (npy_check_logits(path, &src->logits, err, errlen) < 0)
		return -1;
	if (!want_labels || !npy_is_zip(src->lmap.p, src->lmap.len))
		return 0;
	if ((rc = npy_read_any(path, &src->lmap, bnames, &which,
	    &src->labels, err, errlen)) < 0)
		return -1;
	src->has_labels = rc > 0;
	return 0;
}

/* Opens the labels file PATH into SRC. */
static int
npy_open_labels(struct npy_source *src, const char *path, char *err,
    size_t errlen)
{
	static const char *const bnames[] = { "labels.npy", NULL };
	int which;

	if (npy_map_file(path, &src->bmap, err, errlen) < 0)
		return -1;
	if (npy_read_any(path, &src->bmap, bnames, &which, &src->labels, err,
	    errlen) <= 0)
		return -1;
	src->has_labels = 1;
	return 0;
}

/* Adds class name NAME (of ORIGIN, for messages) to SRC. */
static int
npy_add_name(struct npy_source *src, const char *origin, const char *name,
    char *err, size_t errlen)
{
	char **nn, why[256];

	if (*name == '\0')
		return npy_fail(err, errlen, origin, "an empty class name");
	if (utf8_check_name(name, why, sizeof(why)) < 0)
		return npy_fail(err, errlen, origin, "class name '%s': %s",
		    name, why);
	if (sheetfile_reserved(name))
		return npy_fail(err, errlen, origin, "'%s' is a reserved "
		    "name, not a class name", name);
	if ((nn = realloc(src->names, (src->k + 1) * sizeof(*nn))) == NULL)
		return npy_fail(err, errlen, origin, "out of memory");
	src->names = nn;
	if ((nn[src->k] = strdup(name)) == NULL)
		return npy_fail(err, errlen, origin, "out of memory");
	src->k++;
	return 0;
}

/* Adds the names of TEXT, a file of one a line (blanks and CRs trimmed,
 * a final empty line dropped). */
static int
npy_split_names(struct npy_source *src, const char *origin, char *text,
    char *err, size_t errlen)
{
	char *p = text, *end, *t;
	size_t n;

	while (p != NULL) {
		if ((end = strchr(p, '\n')) != NULL)
			*end = '\0';
		for (t = p; *t == ' ' || *t == '\t'; t++)
			;
		n = strlen(t);
		while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t' ||
		    t[n - 1] == '\r'))
			t[--n] = '\0';
		if (end == NULL && *t == '\0')
			break;
		if (npy_add_name(src, origin, t, err, errlen) < 0)
			return -1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

/* Adds the names of the comma list LIST (--classes a,b,c; a name with
 * a comma quoted, as in CSV). */
static int
npy_list_names(struct npy_source *src, const char *list, char *err,
    size_t errlen)
{
	const char *p = list;
	char name[1024], *t;
	size_t n;

	while (p != NULL) {
		csv_list_next(&p, name, sizeof(name));
		for (t = name; *t == ' ' || *t == '\t'; t++)
			;
		n = strlen(t);
		while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
			t[--n] = '\0';
		if (npy_add_name(src, "--classes", t, err, errlen) < 0)
			return -1;
	}
	return 0;
}

/* Reads the class names of CLASSES: a file of one name a line when one
 * is there by that name and it holds no comma, else a comma list. */
static int
npy_read_classes(struct npy_source *src, const char *classes, char *err,
    size_t errlen)
{
	struct stat st;
	char *text;
	FILE *f;
	size_t n;
	int rc, e;

	if (strchr(classes, ',') == NULL && stat(classes, &st) == 0 &&
	    S_ISREG(st.st_mode)) {
		/* Opened without waiting and looked at again through the
		 * descriptor: the name may be a FIFO by now. */
		if ((f = rfile_open(classes)) == NULL)
			return npy_fail(err, errlen, classes, "%s",
			    rfile_error(errno));
		e = fstat(fileno(f), &st) < 0 ? errno : 0;
		if (e != 0 || st.st_size > (16 << 20)) {
			fclose(f);
			return npy_fail(err, errlen, classes, "%s", e != 0 ?
			    strerror(e) : "too large for a list of class names");
		}
		if ((text = malloc(st.st_size + 1)) == NULL) {
			fclose(f);
			return npy_fail(err, errlen, classes, "out of memory");
		}
		n = fread(text, 1, st.st_size, f);
		fclose(f);
		text[n] = '\0';
		rc = npy_split_names(src, classes, text, err, errlen);
		free(text);
		return rc;
	}
	return npy_list_names(src, classes, err, errlen);
}

/* Compares two class names, for the duplicate check. */
static int
npy_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names the classes: CLASSES, checked against the logits' width and for
 * duplicates, or 0..K-1. */
static int
npy_name_classes(struct npy_source *src, const char *path,
    const char *classes, char *err, size_t errlen)
{
	char num[32], **sorted;
	long k;
	int dup = 0;

	if (classes == NULL) {
		for (k = 0; k < src->logits.cols; k++) {
			snprintf(num, sizeof(num), "%ld", k);
			if (npy_add_name(src, path, num, err, errlen) < 0)
				return -1;
		}
		return 0;
	}
	if (npy_read_classes(src, classes, err, errlen) < 0)
		return -1;
	if (src->k != src->logits.cols)
		return npy_fail(err, errlen, "--classes", "%d names for the %ld "
		    "classes (columns) of %s", src->k, src->logits.cols, path);
	if ((sorted = malloc(src->k * sizeof(*sorted))) == NULL)
		return npy_fail(err, errlen, path, "out of memory");
	memcpy(sorted, src->names, src->k * sizeof(*sorted));
	qsort(sorted, src->k, sizeof(*sorted), npy_cmp_names);
	for (k = 1; k < src->k && !dup; k++)
		dup = strcmp(sorted[k - 1], sorted[k]) == 0 ? (int)k : 0;
	if (dup)
		npy_fail(err, errlen, "--classes", "class '%s' is named twice",
		    sorted[dup]);
	free(sorted);
	return dup ? -1 : 0;
}

struct npy_source *
npy_source_open(const char *path, const char *labels, const char *classes,
    char *err, size_t errlen)
{
	struct npy_source *src = calloc(1, sizeof(*src));

	if (src == NULL) {
		npy_fail(err, errlen, path, "out of memory");
		return NULL;
	}
	if (npy_open_logits(src, path, labels == NULL, err, errlen) < 0 ||
	    (labels != NULL && npy_open_labels(src, labels, err, errlen) < 0))
		goto fail;
	if (npy_name_classes(src, path, classes, err, errlen) < 0 ||
	    (src->has_labels && npy_check_labels(labels ? labels : path, src,
	    err, errlen) < 0))
		goto fail;
	return src;
fail:
	npy_source_close(src);
	return NULL;
}

int npy_source_classes(const struct npy_source *src) { return src->k; }
int npy_source_probs(const struct npy_source *src) { return src->probs; }

int
npy_source_has_labels(const struct npy_source *src)
{
	return src->has_labels;
}

const char *
npy_source_class_name(const struct npy_source *src, int k)
{
	return k >= 0 && k < src->k ? src->names[k] : "";
}

long
npy_source_fill(struct npy_source *src, double *a, double *y, long max)
{
	long n = 0, r;
	long long t;
	int k;

	for (r = src->next; r < src->logits.rows && n < max; r++, n++) {
		for (k = 0; k < src->k; k++)
			a[k] = npy_float(&src->logits, r, k);
		if (src->has_labels) {
			memset(y, 0, src->k * sizeof(double));
			t = npy_int(&src->labels, r);
			/* A binary sheet's label says whether the row is
			 * the class: 1 or 0. */
			if (src->k > 1 || t == 1)
				y[src->k > 1 ? t : 0] = 1;
		}
		a += src->k;
		y += src->k;
	}
	src->next = r;
	return n;
}

long
npy_source_rows_read(const struct npy_source *src, unsigned long long *bytes)
{
	*bytes = (unsigned long long)src->next * src->logits.cols *
	    npy_itemsize(src->logits.dtype);
	return src->next;
}

void
npy_source_close(struct npy_source *src)
{
	int k;

	if (src == NULL)
		return;
	npy_free(&src->logits);
	npy_free(&src->labels);
	if (src->lmap.p != NULL)
		munmap(src->lmap.p, src->lmap.len);
	if (src->bmap.p != NULL)
		munmap(src->bmap.p, src->bmap.len);
	for (k = 0; k < src->k; k++)
		free(src->names[k]);
	free(src->names);
	free(src);
}
