/*
 * npy.h - NumPy arrays in: .npy files and the .npz archives of np.savez
 * and np.savez_compressed, as a validation set's logits and labels.
 *
 * An array is a 2-D float16/32/64 (N x K, C order, little-endian) or a
 * 1-D int32/int64, as NumPy writes it (header versions 1.0, 2.0 and 3.0).
 * A .npy file, and a stored .npz member, is read where it lies in a
 * memory map; a deflated member is inflated once into memory.  Every
 * message is one line, "FILE: what is wrong".  No curses, no printing.
 */
#ifndef XENT_IO_NPY_H
#define XENT_IO_NPY_H

#include <stddef.h>

#include "core/sheet.h"

/* Element types read. */
enum npy_dtype { NPY_F2, NPY_F4, NPY_F8, NPY_I4, NPY_I8 };

/* One array, its bytes in a map or buffer that it may own. */
struct npy_array {
	enum npy_dtype	 dtype;
	int		 ndim;		/* 1 or 2 */
	long		 rows;		/* shape[0] */
	long		 cols;		/* shape[1]; 1 for a 1-D array */
	const unsigned char *data;	/* rows * cols elements */
	void		*map;		/* owned memory map, or NULL */
	size_t		 maplen;
	void		*heap;		/* owned buffer, or NULL */
};

/* 1 when PATH names NumPy input: a .npy or .npz name, or a file that
 * starts as one does; 0 otherwise (and for "-"). */
int npy_is_numpy(const char *path);

/* Parses the .npy bytes BUF[0..LEN) into A, its data pointing into BUF
 * (A owns nothing).  -1 with "NAME: what is wrong" in ERR: wrong magic,
 * an unknown version, a bad header, Fortran order, big-endian, a dtype
 * other than float16/32/64 or int32/64, 0-D or 3-D and up, or data
 * shorter or longer than the shape says. */
int npy_parse(const char *name, const void *buf, size_t len,
    struct npy_array *a, char *err, size_t errlen);

/* Finds the member MEMBER ("logits.npy") of the .npz (zip) bytes
 * BUF[0..LEN) named NAME, and parses it into A: a stored member in
 * place, a deflated one inflated into A->heap.  1 when found, 0 when
 * there is no such member, -1 with "NAME: what is wrong" in ERR.  Sizes
 * and offsets come from the central directory (zip64 included); the
 * data starts after the local header's own name and extra field. */
int npz_member(const char *name, const void *buf, size_t len,
    const char *member, struct npy_array *a, char *err, size_t errlen);

/* Frees what A owns and clears it. */
void npy_free(struct npy_array *a);

/* Element (I, J) of a float array as a double. */
double npy_float(const struct npy_array *a, long i, long j);

/* Element I of an integer array. */
long long npy_int(const struct npy_array *a, long i);

/* --- a validation set as rows of a sheet --- */

/* Logits (or probabilities) and labels being read a block at a time. */
struct npy_source;

/* Opens the logits PATH (.npy, or .npz with an array named logits or
 * probs, and perhaps labels) with the labels LABELS (.npy or .npz; NULL:
 * the .npz's own, or none) and the class names CLASSES ("a,b,c", a file
 * of one name a line, or NULL for 0..K-1).  Every label is checked here.
 * NULL with "FILE: what is wrong" in ERR. */
struct npy_source *npy_source_open(const char *path, const char *labels,
    const char *classes, char *err, size_t errlen);

/* The classes, their names, and whether the array was named probs. */
int npy_source_classes(const struct npy_source *src);
const char *npy_source_class_name(const struct npy_source *src, int k);
int npy_source_probs(const struct npy_source *src);
int npy_source_has_labels(const struct npy_source *src);

/* Copies up to MAX of the next rows into A and Y (MAX * K doubles each,
 * row-major): the activations, and the label as a one-hot target (a
 * binary sheet's: 1 or 0) when there are labels.  Returns the count, 0
 * after the last row. */
long npy_source_fill(struct npy_source *src, double *a, double *y, long max);

/* Rows read so far; the bytes of logits behind them in *BYTES. */
long npy_source_rows_read(const struct npy_source *src,
    unsigned long long *bytes);

/* Frees SRC; NULL is allowed. */
void npy_source_close(struct npy_source *src);

#endif
