/*
 * fuzz_csv.c - the CSV reader on any bytes: from memory, and from a file
 * read in chunks of 1 to 64 bytes (the first byte says how many), the
 * records and the error must be the same; every field is what its length
 * says, and quoting a field then reading it back gives it again.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csv.h"
#include "tests/fuzz/fuzz.h"

/* What a reader gave: every record flattened, then the error. */
struct seen {
	char	*buf;
	size_t	 len;
	FILE	*f;
};

/* Checks one record's shape and appends it to S. */
static void
record(const struct csv_record *rec, long *line, FILE *out)
{
	size_t i;

	if (rec->nfields < 1 || rec->line < *line)
		abort();
	*line = rec->line;
	fprintf(out, "%ld%c%zu", rec->line, rec->comment ? '#' : ':',
	    rec->nfields);
	for (i = 0; i < rec->nfields; i++) {
		if (strlen(rec->fields[i]) != rec->lens[i] ||
		    rec->lens[i] > CSV_FIELD_MAX)
			abort();
		fprintf(out, "\x1f%s", rec->fields[i]);
	}
	fputc('\x1e', out);
}

/* Reads everything from R into S, then closes R. */
static void
drain(struct csv_reader *r, struct seen *s)
{
	struct csv_record rec;
	char err[1024];
	long line = 0;
	int rc;

	if (r == NULL)
		abort();
	s->f = open_memstream(&s->buf, &s->len);
	while ((rc = csv_next(r, &rec, err, sizeof(err))) == 1)
		record(&rec, &line, s->f);
	fprintf(s->f, "rc=%d %s", rc, rc < 0 ? err : "");
	fclose(s->f);
	csv_close(r);
}

/* A file holding DATA, open for reading; -1 when it cannot be made. */
static int
temp_file(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/xent-fuzz-csv-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	unlink(path);
	if (size > 0 && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* Quoting every field of the first record and reading it back gives the
 * same field. */
static void
quote_back(const uint8_t *data, size_t size)
{
	struct csv_reader *r = csv_open_mem("q", (const char *)data, size), *q;
	struct csv_record rec, back;
	char err[1024], *buf;
	size_t n;

	csv_set_comments(r, 0);
	if (csv_next(r, &rec, err, sizeof(err)) == 1 && rec.lens[0] > 0) {
		n = csv_quote(NULL, 0, rec.fields[0]);
		if ((buf = malloc(n + 2)) == NULL)
			abort();
		csv_quote(buf, n + 1, rec.fields[0]);
		q = csv_open_mem("back", buf, n);
		csv_set_comments(q, 0);
		if (csv_next(q, &back, err, sizeof(err)) != 1 ||
		    back.nfields != 1 || back.lens[0] != rec.lens[0] ||
		    memcmp(back.fields[0], rec.fields[0], rec.lens[0]) != 0)
			abort();
		csv_close(q);
		free(buf);
	}
	csv_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen mem, file;
	char err[1024];
	size_t chunk;
	int fd;

	if (size == 0)
		return 0;
	chunk = 1 + data[0] % 64;
	data++;
	size--;
	drain(csv_open_mem("f.csv", (const char *)data, size), &mem);
	if ((fd = temp_file(data, size)) >= 0) {
		drain(csv_open_fd("f.csv", fd, 1, chunk, err, sizeof(err)),
		    &file);
		if (mem.len != file.len || memcmp(mem.buf, file.buf, mem.len)) {
			fprintf(stderr, "memory: %s\nfile, chunks of %zu: %s\n",
			    mem.buf, chunk, file.buf);
			abort();
		}
		free(file.buf);
	}
	free(mem.buf);
	quote_back(data, size);
	return 0;
}
