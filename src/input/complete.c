/*
 * complete.c - Tab completion of commands and their arguments.
 */
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "app/layout.h"
#include "input/complete.h"

static const char *const complete_settings[] = {
	"temperature", "label-smoothing", "weights", "confident", "step",
	"mode", "base", "title", NULL
};
static const char *const complete_bases[] = { "e", "2", "10", NULL };
static const char *const complete_modes[] = { "logits", "probs", NULL };
static const char *const complete_views[] = { "batch", "example", NULL };

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

/* Candidates for the argument of command CMD. */
static int
complete_arg(const struct ctl *c, const char *cmd, char ***list, int *n,
    const char *p, size_t plen)
{
	int k;

	if (!strcmp(cmd, "w") || !strcmp(cmd, "e") || !strcmp(cmd, "wq") ||
	    !strcmp(cmd, "e!") || !strcmp(cmd, "write") || !strcmp(cmd, "edit"))
		return -1;	/* file names */
	if (!strcmp(cmd, "target") || !strcmp(cmd, "delclass") ||
	    !strcmp(cmd, "goto"))
		for (k = 0; k < sheet_classes(c->s); k++)
			complete_add(list, n, sheet_class_name(c->s, k), p, plen);
	else if (!strcmp(cmd, "show") || !strcmp(cmd, "hide")) {
		for (k = 0; k < G_NGROUPS; k++)
			if (k != G_ACT)
				complete_add(list, n, layout_group_name(k), p,
				    plen);
		complete_add(list, n, "all", p, plen);
	} else if (!strcmp(cmd, "set"))
		complete_table(list, n, complete_settings, p, plen);
	else if (!strcmp(cmd, "base"))
		complete_table(list, n, complete_bases, p, plen);
	else if (!strcmp(cmd, "mode"))
		complete_table(list, n, complete_modes, p, plen);
	else if (!strcmp(cmd, "view"))
		complete_table(list, n, complete_views, p, plen);
	return 0;
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
		complete_table(&list, &n, ctl_command_names, prefix,
		    strlen(prefix));
	else {
		snprintf(cmd, sizeof(cmd), "%.*s", (int)clen, line);
		if (complete_arg(c, cmd, &list, &n, prefix, strlen(prefix)) < 0)
			return NULL;
	}
	if (list == NULL)
		list = calloc(1, sizeof(char *));
	return list;
}
