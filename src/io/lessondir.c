/*
 * lessondir.c - the lesson search path; see lessondir.h.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/lessondir.h"
#include "io/lessonfile.h"


char *
lessondir_slug(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;
	char *s;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".md") == 0)
		n -= 3;
	if ((s = malloc(n + 1)) != NULL) {
		memcpy(s, base, n);
		s[n] = '\0';
	}
	return s;
}

/* 1 when an entry named SLUG is already in E[0..N). */
static int
lessondir_seen(const struct lesson_entry *e, int n, const char *slug)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(e[i].slug, slug) == 0)
			return 1;
	return 0;
}

/* Fills entry E for the lesson file PATH. */
static int
lessondir_entry(struct lesson_entry *e, const char *path)
{
	struct lesson *l;
	char err[512];

	memset(e, 0, sizeof(*e));
	e->path = strdup(path);
	e->slug = lessondir_slug(path);
	if (e->path == NULL || e->slug == NULL)
		return -1;
	e->number = atoi(e->slug);
	if ((l = lesson_load(path, err, sizeof(err))) != NULL) {
		e->title = strdup(l->title);
		e->nsteps = l->nsteps;
		lesson_free(l);
	}
	if (e->title == NULL)
		e->title = strdup(e->slug);
	return e->title != NULL ? 0 : -1;
}

/* Adds the lessons of folder DIR, number RANK on the path, to *E. */
static void
lessondir_scan(const char *dir, int rank, struct lesson_entry **e, int *n)
{
	struct lesson_entry *ne;
	struct dirent *d;
	char path[4096], *slug;
	size_t len;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((d = readdir(dp)) != NULL) {
		len = strlen(d->d_name);
		if (len < 4 || strcmp(d->d_name + len - 3, ".md") != 0 ||
		    strcmp(d->d_name, "README.md") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		slug = lessondir_slug(path);
		if (slug == NULL || lessondir_seen(*e, *n, slug) ||
		    (ne = realloc(*e, (*n + 1) * sizeof(*ne))) == NULL) {
			free(slug);
			continue;
		}
		free(slug);
		*e = ne;
		if (lessondir_entry(&ne[*n], path) == 0) {
			ne[*n].dir = rank;
			(*n)++;
		}
	}
	closedir(dp);
}

/* Orders entries by slug, so NN- prefixes give the lesson order. */
static int
lessondir_cmp(const void *a, const void *b)
{
	return strcmp(((const struct lesson_entry *)a)->slug,
	    ((const struct lesson_entry *)b)->slug);
}

int
lessondir_list(struct lesson_entry **out)
{
	const char *env = getenv("XENT_LESSONS");
	char *copy = env ? strdup(env) : NULL, *dir, *save = NULL;
	int n = 0, rank = 0;

	*out = NULL;
	for (dir = copy ? strtok_r(copy, ":", &save) : NULL; dir != NULL;
	    dir = strtok_r(NULL, ":", &save))
		lessondir_scan(dir, rank++, out, &n);
	free(copy);
	lessondir_scan("lessons", rank++, out, &n);
	lessondir_scan(XENT_SHARE "/lessons", rank, out, &n);
	if (n > 0)
		qsort(*out, n, sizeof(**out), lessondir_cmp);
	return n;
}

/* 1 when entry E answers to NAME: number, slug, or slug less number. */
static int
lessondir_match(const struct lesson_entry *e, const char *name)
{
	const char *dash = strchr(e->slug, '-');
	char *end;
	long v = strtol(name, &end, 10);

	if (*name != '\0' && *end == '\0')
		return e->number == v;
	return strcmp(e->slug, name) == 0 ||
	    (dash != NULL && strcmp(dash + 1, name) == 0);
}

char *
lessondir_find(const char *name)
{
	struct lesson_entry *e;
	struct stat st;
	char *path;
	int i, n, best = -1;

	if (strchr(name, '/') != NULL || (stat(name, &st) == 0 &&
	    S_ISREG(st.st_mode)))
		return strdup(name);
	n = lessondir_list(&e);
	for (i = 0; i < n; i++)
		if (lessondir_match(&e[i], name) && (best < 0 ||
		    e[i].dir < e[best].dir))
			best = i;
	path = best >= 0 ? strdup(e[best].path) : NULL;
	lessondir_free(e, n);
	return path;
}

void
lessondir_free(struct lesson_entry *e, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(e[i].path);
		free(e[i].slug);
		free(e[i].title);
	}
	free(e);
}
