/*
 * complete.c - Tab completion of commands and their arguments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "app/layout.h"
#include "input/complete.h"

static const char *const complete_bases[] = { "e", "2", "10", NULL };
static const char *const complete_modes[] = { "logits", "probs", NULL };
static const char *const complete_views[] = { "batch", "example", "top",
	"confusion", "classes", "calibration", "issues", NULL };
static const char *const complete_fits[] = { "temperature", NULL };
static const char *const complete_sorts[] = { "loss", "p", "margin", "conf",
	"label", "pred", "id", "row", "asc", "desc", NULL };
static const char *const complete_filters[] = { "off", "loss", "p", "margin",
	"conf", "label", "pred", "and", "or", "not", NULL };

/* Adds WORD to the list LIST (count *N) when it starts with PREFIX. */
static void
complete_add(char ***list, int *n, const char *word, const char *prefix,
    size_t plen)
{
	char **nl;

	if (strncmp(word, prefix, plen) != 0)
		return;
	if ((nl = realloc(*list, (*n + 2) * sizeof(char *))) == NULL)
		return;
	*list = nl;
	if ((nl[*n] = strdup(word)) != NULL)
		(*n)++;
	nl[*n] = NULL;
}

/* Candidates from a NULL-terminated table. */
static void
complete_table(char ***list, int *n, const char *const *t, const char *p,
    size_t plen)
{
	for (; *t != NULL; t++)
		complete_add(list, n, *t, p, plen);
}

/* :sort's keys, a[CLASS] for each class, and the orders. */
static void
complete_sort(const struct ctl *c, char ***list, int *n, const char *p,
    size_t plen)
{
	char word[256];
	int k;

	complete_table(list, n, complete_sorts, p, plen);
	for (k = 0; k < sheet_classes(c->s); k++) {
		snprintf(word, sizeof(word), "a[%s]", sheet_class_name(c->s, k));
		complete_add(list, n, word, p, plen);
	}
}

/* :filter's words: the row quantities, the flags and the classes. */
static void
complete_filter(const struct ctl *c, char ***list, int *n, const char *p,
    size_t plen)
{
	int k;

	complete_table(list, n, complete_filters, p, plen);
	for (k = 0; k < SHEET_NFLAGS; k++)
		complete_add(list, n, sheet_flag_name(k), p, plen);
	for (k = 0; k < sheet_classes(c->s); k++)
		complete_add(list, n, sheet_class_name(c->s, k), p, plen);
}

/* Candidates for the argument of command NAME, as its table row says. */
static int
complete_arg(const struct ctl *c, const char *name, char ***list, int *n,
    const char *p, size_t plen)
{
	const struct ctl_cmd *cmd;
	char base[64];
	int k;

	/* :e! FILE completes as :e FILE. */
	snprintf(base, sizeof(base), "%s", name);
	base[strcspn(base, "!")] = '\0';
	if ((cmd = ctl_cmd_find(base)) == NULL)
		return 0;
	switch (cmd->arg) {
	case ARG_FILE:
		return -1;	/* readline completes file names itself */
	case ARG_CLASS: case ARG_ROW_CLASS:
		for (k = 0; k < sheet_classes(c->s); k++)
			complete_add(list, n, sheet_class_name(c->s, k), p, plen);
		break;
	case ARG_GROUP:
		for (k = 0; k < G_NGROUPS; k++)
			if (k != G_ACT)
				complete_add(list, n, layout_group_name(k), p,
				    plen);
		complete_add(list, n, "all", p, plen);
		break;
	case ARG_SETTING:
		for (k = 0; k < SF_NKEYS; k++)
			complete_add(list, n, sheetfile_key_name(k), p, plen);
		break;
	case ARG_BASE: complete_table(list, n, complete_bases, p, plen); break;
	case ARG_MODE: complete_table(list, n, complete_modes, p, plen); break;
	case ARG_VIEW: complete_table(list, n, complete_views, p, plen); break;
	case ARG_SORT: complete_sort(c, list, n, p, plen); break;
	case ARG_FIT: complete_table(list, n, complete_fits, p, plen); break;
	case ARG_FILTER: complete_filter(c, list, n, p, plen); break;
	case ARG_PLOT:
		for (k = 0; k < PLOT_NKINDS; k++)
			complete_add(list, n, plot_kind_name(k), p, plen);
		break;
	default: break;
	}
	return 0;
}

/* Every command name and alias that starts with P. */
static void
complete_names(char ***list, int *n, const char *p, size_t plen)
{
	const struct ctl_cmd *t;

	for (t = ctl_cmds; t->name != NULL; t++) {
		complete_add(list, n, t->name, p, plen);
		if (t->alias != NULL)
			complete_add(list, n, t->alias, p, plen);
	}
}

char **
complete_command(const char *line, int start, int end, void *arg)
{
	const struct ctl *c = arg;
	char cmd[64], prefix[256], **list = NULL;
	size_t clen;
	int n = 0;

	snprintf(prefix, sizeof(prefix), "%.*s", end - start, line + start);
	while (*line == ' ' || *line == ':')
		line++, start--;
	clen = strcspn(line, " ");
	if (start <= 0 || clen >= (size_t)start)
		complete_names(&list, &n, prefix, strlen(prefix));
	else {
		snprintf(cmd, sizeof(cmd), "%.*s", (int)clen, line);
		if (complete_arg(c, cmd, &list, &n, prefix, strlen(prefix)) < 0)
			return NULL;
	}
	if (list == NULL)
		list = calloc(1, sizeof(char *));
	return list;
}
