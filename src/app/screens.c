/*
 * screens.c - the views over the whole set (`:view top`, `confusion`,
 * `classes`, `calibration`, `issues`): each a screen of its own, its
 * figures from core/stats.h, left with Esc or q; Enter on an entry
 * filters the grid to the rows behind it.  And `:fit temperature`.
 * Nothing here computes a figure: stats.h does, and ui/view.c draws.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "app/ctl_int.h"
#include "app/keys.h"
#include "app/tutor.h"
#include "core/num.h"
#include "core/rowkey.h"
#include "core/stats.h"

/* Classes up to which the confusion screen is a K x K matrix. */
#define SCREEN_MATRIX_MAX 20

static const char *const screen_names[] = {
	"", "top", "confusion", "classes", "calibration", "issues",
};

const char *
ctl_screen_name(enum ctl_screen_kind kind)
{
	return kind <= SCREEN_ISSUES ? screen_names[kind] : "";
}

int
ctl_screen_kind(const char *name)
{
	int i;

	for (i = SCREEN_TOP; i <= SCREEN_ISSUES; i++)
		if (strcmp(name, screen_names[i]) == 0)
			return i;
	return -1;
}

/* Frees what screen SC holds and leaves it closed. */
static void
screen_free(struct ctl_screen *sc)
{
	free(sc->rows);
	free(sc->counts);
	free(sc->pairs);
	free(sc->classes);
	stats_calib_free(&sc->calib);
	free(sc->issues);
	memset(sc, 0, sizeof(*sc));
}

void
ctl_screen_close(struct ctl *c)
{
	screen_free(&c->screen);
}

/* ------------------------------------------------------------------ */
/* Opening: the figures                                               */
/* ------------------------------------------------------------------ */

/* Room for every row of S, malloc'd; NULL when out of memory. */
static long *
screen_room(const struct sheet *s)
{
	return malloc((sheet_rows(s) + 1) * sizeof(long));
}

/* top: the rows with a target, by loss, largest first. */
static int
screen_top(const struct sheet *s, struct ctl_screen *sc)
{
	struct rowkey k;
	char err[128];
	long r;

	if (rowkey_parse(s, "loss", &k, err, sizeof(err)) < 0 ||
	    (sc->rows = screen_room(s)) == NULL)
		return -1;
	for (r = 0; r < sheet_rows(s); r++)
		if (sheet_has_target(s, r))
			sc->rows[sc->n++] = r;
	return rowkey_sort(s, &k, sc->rows, sc->n);
}

/* The matrix's largest cell off the diagonal, selected to begin with. */
static void
screen_worst_cell(struct ctl_screen *sc)
{
	long best = 0;
	int i, j;

	for (i = 0; i < sc->k; i++)
		for (j = 0; j < sc->k; j++)
			if (i != j && sc->counts[i * sc->k + j] > best) {
				best = sc->counts[i * sc->k + j];
				sc->sel = i;
				sc->col = j;
			}
}

/* confusion: K x K counts, or the most confused pairs for many classes. */
static int
screen_confusion(const struct sheet *s, struct ctl_screen *sc)
{
	long np;

	sc->matrix = sc->k <= SCREEN_MATRIX_MAX;
	if (sc->matrix) {
		if ((sc->counts = stats_confusion(s)) == NULL)
			return -1;
		sc->n = sc->k;
		screen_worst_cell(sc);
		return 0;
	}
	if ((np = stats_confused_pairs(s)) < 0 ||
	    (sc->pairs = malloc((np + 1) * sizeof(*sc->pairs))) == NULL)
		return -1;
	sc->n = stats_most_confused(s, sc->pairs, np);
	return sc->n < 0 ? -1 : 0;
}

/* Works out the figures of screen KIND into SC; -1 when out of memory. */
static int
screen_build(const struct sheet *s, enum ctl_screen_kind kind,
    struct ctl_screen *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->kind = kind;
	sc->k = stats_outcomes(s);
	sc->counted = stats_rows(s);
	switch (kind) {
	case SCREEN_TOP:
		return screen_top(s, sc);
	case SCREEN_CONFUSION:
		return screen_confusion(s, sc);
	case SCREEN_CLASSES:
		if ((sc->classes = malloc(sc->k * sizeof(*sc->classes))) ==
		    NULL)
			return -1;
		sc->n = stats_classes(s, sc->classes);
		return sc->n < 0 ? -1 : 0;
	case SCREEN_CALIBRATION:
		if (stats_calibration(s, STATS_BINS, &sc->calib) < 0)
			return -1;
		sc->n = sc->calib.nbins;
		/* The first bin with rows in it, to begin with. */
		while (sc->sel < sc->n - 1 && sc->calib.bins[sc->sel].count == 0)
			sc->sel++;
		return 0;
	case SCREEN_ISSUES:
		sc->n = stats_label_issues(s, &sc->issues);
		return sc->n < 0 ? -1 : 0;
	case SCREEN_NONE:
		break;
	}
	return -1;
}

int
ctl_screen_open(struct ctl *c, enum ctl_screen_kind kind)
{
	struct ctl_screen sc;

	/* The figures would give a prediction's answer away. */
	if (c->tutor != NULL && tutor_predict_pending(c->tutor)) {
		ctl_msg(c, 1, "Predict first: press p and type your guess.");
		return -1;
	}
	if (stats_rows(c->s) == 0) {
		ctl_msg(c, 1, ":view %s is over the rows with a hard target and "
		    "this sheet has none.", ctl_screen_name(kind));
		return -1;
	}
	if (screen_build(c->s, kind, &sc) < 0) {
		screen_free(&sc);
		ctl_msg(c, 1, "Out of memory: no %s view.",
		    ctl_screen_name(kind));
		return -1;
	}
	screen_free(&c->screen);
	c->screen = sc;
	c->msg[0] = '\0';
	return 0;
}

void
ctl_screen_reload(struct ctl *c)
{
	long sel = c->screen.sel;
	int col = c->screen.col;

	if (c->screen.kind == SCREEN_NONE)
		return;
	if (ctl_screen_open(c, c->screen.kind) < 0) {
		ctl_screen_close(c);
		return;
	}
	c->screen.sel = sel < c->screen.n ? sel : c->screen.n - 1;
	c->screen.col = col < c->screen.k ? col : c->screen.k - 1;
	if (c->screen.sel < 0)
		c->screen.sel = 0;
}

/* ------------------------------------------------------------------ */
/* Enter: the rows behind an entry                                    */
/* ------------------------------------------------------------------ */

/* Class or outcome C as the row filter writes it: bare when it is a plain
 * word, else quoted. */
static void
screen_class_word(const struct sheet *s, int c, char *buf, size_t len)
{
	char name[256];
	const char *p;

	sheet_outcome_name(s, c, name, sizeof(name));
	for (p = name; *p != '\0' && (*p == '_' || *p == '-' || *p == '.' ||
	    (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
	    (*p >= 'A' && *p <= 'Z')); p++)
		;
	if (*p == '\0' && *name != '\0')
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, strchr(name, '\'') ? "\"%s\"" : "'%s'", name);
}

/* The counted rows labelled LABEL (and predicted PRED, unless -1), in the
 * file's order, into *ROWS; returns the count, -1 when out of memory. */
static long
screen_class_rows(const struct sheet *s, int label, int pred, long **rows)
{
	long r, n = 0;

	if ((*rows = screen_room(s)) == NULL)
		return -1;
	for (r = 0; r < sheet_rows(s); r++)
		if (stats_row_counts(s, r) && sheet_target(s, r) == label &&
		    (pred < 0 || sheet_pred(s, r) == pred))
			(*rows)[n++] = r;
	return n;
}

/* The counted rows whose confidence falls in bin M of C, by stats' own
 * bin rule (stats_bin_of). */
static long
screen_bin_rows(const struct sheet *s, const struct stats_calib *cal, int m,
    long **rows)
{
	long r, n = 0;

	if ((*rows = screen_room(s)) == NULL)
		return -1;
	for (r = 0; r < sheet_rows(s); r++)
		if (stats_row_counts(s, r) &&
		    stats_bin_of(rowkey_conf(s, r), cal->nbins) == m)
			(*rows)[n++] = r;
	return n;
}

/* "label == A and pred == B" for the rows of a confusion cell. */
static long
screen_cell_rows(const struct sheet *s, int label, int pred, long **rows,
    char *what, size_t len)
{
	char a[260], b[260];

	screen_class_word(s, label, a, sizeof(a));
	screen_class_word(s, pred, b, sizeof(b));
	snprintf(what, len, "label == %s and pred == %s", a, b);
	return screen_class_rows(s, label, pred, rows);
}

/* The rows of the issues list, in its order. */
static long
screen_issue_rows(const struct sheet *s, const struct ctl_screen *sc,
    long **rows)
{
	long i;

	if ((*rows = screen_room(s)) == NULL)
		return -1;
	for (i = 0; i < sc->n; i++)
		(*rows)[i] = sc->issues[i].row;
	return sc->n;
}

/* The rows behind the selected entry into *ROWS (malloc'd), described by
 * WHAT; *AT gets the row the cursor should go to (-1: the first).
 * Returns the count, or -1 when out of memory. */
static long
screen_entry_rows(const struct ctl *c, long **rows, char *what, size_t len,
    long *at)
{
	const struct ctl_screen *sc = &c->screen;
	const struct sheet *s = c->s;
	char a[260], id[64];
	long r;

	*at = -1;
	switch (sc->kind) {
	case SCREEN_TOP:
		r = sc->rows[sc->sel];
		snprintf(id, sizeof(id), "%ld", r + 1);
		snprintf(what, len, "top loss #%ld, row %s", sc->sel + 1,
		    *sheet_id(s, r) ? sheet_id(s, r) : id);
		if ((*rows = screen_room(s)) == NULL)
			return -1;
		(*rows)[0] = r;
		return 1;
	case SCREEN_CONFUSION:
		if (sc->matrix)
			return screen_cell_rows(s, (int)sc->sel, sc->col, rows,
			    what, len);
		return screen_cell_rows(s, sc->pairs[sc->sel].label,
		    sc->pairs[sc->sel].pred, rows, what, len);
	case SCREEN_CLASSES:
		screen_class_word(s, (int)sc->sel, a, sizeof(a));
		snprintf(what, len, "label == %s", a);
		return screen_class_rows(s, (int)sc->sel, -1, rows);
	case SCREEN_CALIBRATION:
		snprintf(what, len, "confidence in %s%.4g, %.4g]",
		    sc->sel == 0 ? "[" : "(", sc->calib.bins[sc->sel].lo,
		    sc->calib.bins[sc->sel].hi);
		return screen_bin_rows(s, &sc->calib, (int)sc->sel, rows);
	case SCREEN_ISSUES:
		snprintf(what, len, "likely label errors");
		*at = sc->issues[sc->sel].row;
		return screen_issue_rows(s, sc, rows);
	case SCREEN_NONE:
		break;
	}
	*rows = NULL;
	return 0;
}

/* Enter: the grid shows the rows behind the entry, and the screen closes;
 * an entry with no rows leaves it open. */
static void
screen_enter(struct ctl *c)
{
	char what[sizeof(c->filter)];
	long *rows = NULL, n, at;

	if (c->screen.n <= 0) {
		ctl_msg(c, 0, "Nothing listed: Esc or q goes back.");
		return;
	}
	if ((n = screen_entry_rows(c, &rows, what, sizeof(what), &at)) < 0) {
		free(rows);
		ctl_msg(c, 1, "Out of memory: the view is as it was.");
		return;
	}
	if (ctl_show_rows(c, rows, n, what) < 0)
		return;
	if (at >= 0)
		c->row = at;
	c->view = VIEW_BATCH;
	ctl_clamp(c);
	ctl_screen_close(c);
}

/* ------------------------------------------------------------------ */
/* Keys                                                               */
/* ------------------------------------------------------------------ */

/* Moves the selection by DROWS entries and DCOLS matrix columns, kept
 * inside the list. */
static void
screen_move(struct ctl_screen *sc, long drows, int dcols)
{
	sc->sel += drows;
	sc->col += dcols;
	if (sc->sel >= sc->n)
		sc->sel = sc->n - 1;
	if (sc->sel < 0)
		sc->sel = 0;
	if (sc->col >= sc->k)
		sc->col = sc->k - 1;
	if (sc->col < 0 || !sc->matrix)
		sc->col = 0;
}

void
ctl_screen_key(struct ctl *c, int key)
{
	struct ctl_screen *sc = &c->screen;
	long page = c->geom.page > 1 ? c->geom.page - 1 : 1;

	c->msg[0] = '\0';
	switch (key) {
	case K_ESC: case 'q': ctl_screen_close(c); break;
	case 'j': case K_DOWN: screen_move(sc, 1, 0); break;
	case 'k': case K_UP: screen_move(sc, -1, 0); break;
	case 'h': case K_LEFT: screen_move(sc, 0, -1); break;
	case 'l': case K_RIGHT: screen_move(sc, 0, 1); break;
	case K_WHEEL_DOWN: screen_move(sc, 3, 0); break;
	case K_WHEEL_UP: screen_move(sc, -3, 0); break;
	case K_PGDN: case ' ': screen_move(sc, page, 0); break;
	case K_PGUP: screen_move(sc, -page, 0); break;
	case 'g': case K_HOME: screen_move(sc, -sc->n, 0); break;
	case 'G': case K_END: screen_move(sc, sc->n, 0); break;
	case K_ENTER: screen_enter(c); break;
	/* A change made from here (:fit) can be taken back from here. */
	case 'u': ctl_undo(c, -1); break;
	case K_CTRL('r'): ctl_undo(c, 1); break;
	case ':': ctl_ask_line(c, LINE_COMMAND, ":", ""); break;
	case '?': case K_F1: c->help = 1; c->help_top = 0; break;
	case K_CTRL('l'): break;
	default:
		ctl_msg(c, 0, "Enter shows the rows behind the entry; Esc or q "
		    "goes back to the grid.");
	}
}

/* ------------------------------------------------------------------ */
/* :fit temperature                                                   */
/* ------------------------------------------------------------------ */

/* The ECE of S's probabilities as they are, or -1 when out of memory. */
static double
screen_ece(const struct sheet *s)
{
	struct stats_calib cal;
	double ece;

	if (stats_calibration(s, STATS_BINS, &cal) < 0)
		return -1;
	ece = cal.ece;
	stats_calib_free(&cal);
	return ece;
}

/* :fit temperature - the temperature that minimises the mean NLL, applied
 * as the temperature setting (one undo step), with the NLL and ECE before
 * and after. */
int
cmd_fit(struct ctl *c, char *args, int bang)
{
	char t[NUM_BUFSZ], nb[NUM_BUFSZ], na[NUM_BUFSZ], eb[NUM_BUFSZ];
	char ea[NUM_BUFSZ];
	struct stats_calib cal;
	double temp, before, after, ece_b, ece_a;

	(void)bang;
	if (strcmp(args, "temperature") != 0) {
		ctl_msg(c, 1, "Usage: :fit temperature");
		return -1;
	}
	if (sheet_opts(c->s)->mode != SHEET_LOGITS) {
		ctl_msg(c, 1, "A temperature divides logits: :fit temperature "
		    "needs logits mode.");
		return -1;
	}
	if ((ece_b = screen_ece(c->s)) < 0) {
		ctl_msg(c, 1, "Out of memory: nothing changed.");
		return -1;
	}
	/* The fit's last pass gives the calibration after it, too. */
	if (stats_fit_calibrated(c->s, STATS_BINS, &temp, &before, &after,
	    &cal) < 0) {
		ctl_msg(c, 1, "No row with a hard target to fit the temperature "
		    "to.");
		return -1;
	}
	ece_a = cal.ece;
	stats_calib_free(&cal);
	if (ctl_setting(c, "temperature", num_format(t, sizeof(t), temp)) < 0)
		return -1;
	ctl_msg(c, 0, "temperature = %s: NLL %s -> %s, ECE %s -> %s (u undoes)",
	    num_format_round(t, sizeof(t), temp, 5),
	    num_format_round(nb, sizeof(nb), before, 4),
	    num_format_round(na, sizeof(na), after, 4),
	    num_format_round(eb, sizeof(eb), ece_b, 3),
	    num_format_round(ea, sizeof(ea), ece_a, 3));
	return 0;
}
