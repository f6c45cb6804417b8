/*
 * main.c - xent: a terminal grid that teaches softmax and cross-entropy.
 *
 * Wires the layers together: the command line picks a front end, `xent
 * eval` (no terminal needed) or the interactive grid.
 */
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/cli.h"
#include "app/ctl.h"
#include "app/eval.h"
#include "app/lint.h"
#include "app/tutor.h"
#include "input/loop.h"
#include "io/lessondir.h"
#include "io/progress.h"
#include "io/recover.h"

static const char main_usage[] =
    "usage: xent [options] [FILE.csv]     open a sheet in the grid\n"
    "       xent [options] LOGITS.npy|VAL.npz [--labels LABELS.npy]\n"
    "       xent [--present] FILE.md       open a lesson file\n"
    "       xent lesson [NAME|N]           pick a lesson, or open one\n"
    "       xent lesson --present [NAME|N] the same, for a lecture (also\n"
    "                                      xent --present lesson [NAME|N])\n"
    "       xent lesson --reset NAME|N     forget a lesson's progress\n"
    "       xent eval [options] FILE|-     print the computed table\n"
    "       xent lint FILE...              check lesson and sheet files\n"
    "       xent plot KIND [--row R] FILE --svg OUT.svg\n"
    "                                      a picture (curve bars hist\n"
    "                                      reliability) as SVG\n"
    "       xent --help | --version\n"
    "\n"
    "With no FILE the grid opens the built-in five-class example.\n"
    "Options (the grid and eval; a file's own '#' settings are overridden):\n"
    "  --mode logits|probs      what the activation columns hold\n"
    "  --base e|2|10            the log base of the loss (10 is Excel's LOG)\n"
    "  --temperature T          divide logits by T\n"
    "  --label-smoothing E      PyTorch's label_smoothing\n"
    "  --weights W1,...,WK      PyTorch's class weights\n"
    "  --confident P            threshold of the confident_wrong flag (0.8)\n"
    "  --label-column NAME      the CSV column of class labels (default: label,\n"
    "                           target, labels or y)\n"
    "  --text COL,...           CSV columns kept as text (a path, a split)\n"
    "  --labels FILE.npy        the labels of NumPy logits (FILE.npy or .npz)\n"
    "  --classes a,b,c|FILE     the class names of NumPy logits (else 0..K-1)\n"
    "  --present                a lesson for a lecture: clicker keys, no hints\n"
    "  --max-bytes N[K|M|G]     the grid opens sheet files up to N bytes (by\n"
    "                           default an eighth of this machine's memory)\n"
    "`xent eval --help` lists eval's own options; in the grid, ? shows keys.\n";

static const struct option main_opts[] = {
	CLI_NUMBER_OPTIONS('s'),
	CLI_COLUMN_OPTIONS('s'),
	{ "present", no_argument, NULL, 'p' },
	{ "max-bytes", required_argument, NULL, 'm' },
	{ "reset", no_argument, NULL, 'r' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* What the command line asked for. */
struct main_args {
	struct sheetfile_settings set;	/* settings flags */
	const char		 *path;	/* sheet, lesson, or NULL */
	int			  present;	/* --present */
	int			  reset;	/* --reset (after "lesson") */
	int			  lesson;	/* the "lesson" command */
};

/* Parses --max-bytes' value: a whole number of bytes, or of KiB, MiB or
 * GiB with a K, M or G after it.  -1 after a message when it is not. */
static int
main_max_bytes(const char *v)
{
	unsigned long long n = 0, unit = 1;
	const char *p = v;

	for (; *p >= '0' && *p <= '9' && n < (1ull << 50); p++)
		n = n * 10 + (unsigned)(*p - '0');
	unit = *p == 'K' ? 1ull << 10 : *p == 'M' ? 1ull << 20 :
	    *p == 'G' ? 1ull << 30 : 1;
	if (unit > 1)
		p++;
	if (p == v || *p != '\0' || n == 0 || n >= (1ull << 50)) {
		cli_error("--max-bytes: '%s' is not a size (bytes, or a number "
		    "with K, M or G after it)", v);
		return -1;
	}
	sheetfile_set_max_bytes(n * unit);
	return 0;
}

/* Parses the options of ARGV[0..ARGC) into A, from ARGV[1]: up to the
 * first other word with FIRST set (the top level, where "lesson" may
 * follow), else all of them, words and options mixed (after "lesson").
 * Sets optind to the first word left.  -1: usage error; 1: --help or
 * --version was answered. */
static int
main_parse(int argc, char **argv, struct main_args *a, int first)
{
	int ch, idx = 0;

	opterr = 0;
	optind = 0;	/* starts afresh, permutation state included */
	while ((ch = getopt_long(argc, argv, first ? "+hV" : "hV", main_opts,
	    &idx)) != -1) {
		if (ch == 's') {
			if (cli_setting(&a->set, main_opts[idx].name, optarg) < 0)
				return -1;
		} else if (ch == 'p')
			a->present = 1;
		else if (ch == 'm') {
			if (main_max_bytes(optarg) < 0)
				return -1;
		}
		else if (ch == 'r')
			a->reset = 1;
		else if (ch == 'h') {
			fputs(main_usage, stdout);
			return 1;
		} else if (ch == 'V') {
			printf("xent %s\n", XENT_VERSION);
			return 1;
		} else {
			cli_error("unknown or incomplete option '%s'",
			    argv[optind - 1]);
			return -1;
		}
	}
	if (optind == 0)
		optind = 1;
	return 0;
}

/* Checks the words left after the options, ARGV[0..ARGC), and how they go
 * with the options; sets A->path.  -1 after one usage message. */
static int
main_check(int argc, char **argv, struct main_args *a)
{
	const char *what = a->lesson ? "lesson NAME or number" : "FILE";

	a->path = argc > 0 ? argv[0] : NULL;
	if (argc > 1)
		cli_error("%sgive at most one %s", a->lesson ? "lesson: " : "",
		    what);
	else if (a->reset && !a->lesson)
		cli_error("--reset goes with lesson: xent lesson --reset NAME");
	else if (a->reset && a->present)
		cli_error("lesson: --reset and --present do not go together");
	else if (a->reset && a->set.given != 0)
		cli_error("lesson: --reset takes no settings, only a NAME");
	else if (a->reset && a->path == NULL)
		cli_error("lesson: --reset needs a lesson NAME or number");
	else if (a->present && !a->lesson && a->path == NULL)
		cli_error("--present needs a lesson: xent --present lesson N, "
		    "or xent --present FILE.md");
	else
		return 0;
	return -1;
}

/* 1 when stdin and stdout are a terminal; else says so. */
static int
main_tty(void)
{
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return 1;
	cli_error("the grid needs a terminal; `xent eval FILE` prints the "
	    "table, `xent lint FILE.md` checks a lesson");
	return 0;
}

/* Files this big get a progress line while they load. */
#define MAIN_SHOW_BYTES	(4u << 20)

static volatile sig_atomic_t main_interrupted;	/* Ctrl-C during a load */

/* Notes a Ctrl-C; the load stops at its next look. */
static void
main_on_interrupt(int sig)
{
	(void)sig;
	main_interrupted = 1;
}

/* What the progress line needs. */
struct main_watch {
	const char	*path;
	int		 show;		/* the file is big and stderr a tty */
	int		 shown;		/* a line is on the terminal */
};

/* The load's watcher: the progress line, and Ctrl-C cancelling. */
static int
main_watch(void *arg, unsigned long long bytes, long rows)
{
	struct main_watch *w = arg;

	if (main_interrupted)
		return 1;
	if (w->show) {
		fprintf(stderr, "\rxent: loading %s: %.1f MB, %ld rows "
		    "(Ctrl-C stops)", w->path, bytes / 1e6, rows);
		w->shown = 1;
	}
	return 0;
}

/* Loads PATH with SET, a progress line on stderr for a big file, and
 * Ctrl-C cancelling the load cleanly (exit status 130). */
static struct sheet *
main_load(const char *path, const struct sheetfile_settings *set,
    struct sheetfile_info *info, int *status)
{
	struct main_watch w = { path, 0, 0 };
	struct sigaction sa, old;
	struct stat st;
	struct sheet *s;

	w.show = path != NULL && isatty(STDERR_FILENO) &&
	    stat(path, &st) == 0 && st.st_size >= (off_t)MAIN_SHOW_BYTES;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = main_on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	main_interrupted = 0;
	s = cli_load_watched(path, set, info, status, main_watch, &w);
	sigaction(SIGINT, &old, NULL);
	if (w.shown)
		fputs("\r\033[K", stderr);
	if (s == NULL && *status == XENT_EXIT_CANCEL)
		cli_error("%s: loading cancelled", path);
	return s;
}

/* Says on the status line, once, when every row of a logits sheet looks
 * like probabilities (softmax applied twice?) or log-probabilities. */
static void
main_hint(struct ctl *c)
{
	const char *note = NULL;

	if (sheet_opts(c->s)->mode == SHEET_LOGITS)
		note = cli_hint_text(sheet_input_hint(c->s, SHEET_LOOKS_PROBS |
		    SHEET_LOOKS_LOGPROBS), 1);
	if (note != NULL)
		ctl_msg(c, 1, "%s", note);
}

/* A controller over PATH (NULL: the built-in sheet) with SET; NULL after
 * printing why, with *STATUS set. */
static struct ctl *
main_ctl(const char *path, const struct sheetfile_settings *set,
    int *status)
{
	struct sheetfile_info info;
	struct sheet *s;
	struct ctl *c;

	if ((s = main_load(path, set, &info, status)) == NULL)
		return NULL;
	c = ctl_new(s, path, info.set.step);
	sheetfile_info_free(&info);
	if (c == NULL) {
		sheet_free(s);
		cli_error("out of memory");
		*status = XENT_EXIT_INPUT;
	} else
		main_hint(c);
	return c;
}

/* Opens the grid on sheet PATH (NULL: the built-in sheet). */
static int
main_grid(const struct main_args *a)
{
	struct ctl *c;
	char rec[4096];
	int status = 0;

	if (!main_tty())
		return XENT_EXIT_USAGE;
	if ((c = main_ctl(a->path, &a->set, &status)) == NULL)
		return status;
	if (recover_find(a->path, rec, sizeof(rec)))
		ctl_offer_recovery(c, rec);
	status = loop_run(c);
	ctl_free(c);
	return status;
}

/* Opens lesson file PATH: at the first step not yet passed, or at the
 * start when presenting. */
static int
main_lesson(const char *path, const struct main_args *a)
{
	struct lesson *l;
	struct tutor *t;
	struct ctl *c;
	char err[1024];
	int status = 0;

	if (!main_tty())
		return XENT_EXIT_USAGE;
	if ((l = lesson_load(path, err, sizeof(err))) == NULL) {
		cli_error("%s", err);
		return XENT_EXIT_INPUT;
	}
	if ((t = tutor_new(l, 1)) == NULL ||
	    (c = main_ctl(NULL, &a->set, &status)) == NULL) {
		tutor_free(t);
		return status ? status : XENT_EXIT_INPUT;
	}
	tutor_attach(t, c);
	c->present = a->present;
	progress_set_last(t->slug);
	if (tutor_goto(t, c, a->present ? 0 : tutor_resume_step(t), err,
	    sizeof(err)) < 0) {
		cli_error("%s", err);
		status = XENT_EXIT_INPUT;
	} else {
		if (t->progress_err != NULL)
			ctl_msg(c, 1, "%s; starting at step 1 (xent lesson "
			    "--reset %s forgets it)", t->progress_err, t->slug);
		status = loop_run(c);
	}
	ctl_free(c);
	tutor_free(t);
	return status;
}

/* Steps passed per lesson, for the picker; a broken progress file counts
 * none here, and the lesson says what is wrong with it when opened. */
static int *
main_done(const struct lesson_entry *e, int n)
{
	unsigned char buf[4096];
	char err[4400];
	int *done = calloc(n ? n : 1, sizeof(int)), i;

	for (i = 0; done != NULL && i < n; i++) {
		done[i] = progress_load(e[i].slug, buf, e[i].nsteps < 4096 ?
		    e[i].nsteps : 4096, err, sizeof(err));
		if (done[i] < 0)
			done[i] = 0;
	}
	return done;
}

/* The picker: every lesson, the last one opened preselected. */
static int
main_pick(const struct main_args *a)
{
	struct lesson_entry *e;
	char last[256];
	int n = lessondir_list(&e), *done, sel = 0, i, rc = XENT_EXIT_OK;

	if (n == 0) {
		cli_error("no lessons found in $XENT_LESSONS, ./lessons or "
		    XENT_SHARE "/lessons");
		return XENT_EXIT_INPUT;
	}
	if (!main_tty() || (done = main_done(e, n)) == NULL) {
		lessondir_free(e, n);
		return XENT_EXIT_USAGE;
	}
	if (progress_last(last, sizeof(last)))
		for (i = 0; i < n; i++)
			if (strcmp(e[i].slug, last) == 0)
				sel = i;
	if ((sel = loop_pick(e, n, done, sel)) >= 0)
		rc = main_lesson(e[sel].path, a);
	else if (sel == LOOP_NO_TERMINAL)
		rc = XENT_EXIT_INPUT;
	free(done);
	lessondir_free(e, n);
	return rc;
}

/* Forgets the progress of lesson file PATH, or says why it cannot. */
static int
main_reset(const char *path)
{
	char *slug = lessondir_slug(path), err[4400];
	int rc = XENT_EXIT_OK;

	if (slug == NULL) {
		cli_error("out of memory");
		return XENT_EXIT_INPUT;
	}
	if (progress_reset(slug, err, sizeof(err)) < 0) {
		cli_error("lesson --reset: %s", err);
		rc = XENT_EXIT_INPUT;
	} else
		printf("xent: forgot the progress of lesson %s\n", slug);
	free(slug);
	return rc;
}

/* `xent lesson [--present|--reset] [NAME|N]`, after main_check. */
static int
main_lesson_cmd(const struct main_args *a)
{
	char *path;
	int rc;

	if (a->path == NULL)
		return main_pick(a);
	if ((path = lessondir_find(a->path)) == NULL) {
		cli_error("lesson: %s: no such lesson (xent lesson lists them)",
		    a->path);
		return XENT_EXIT_INPUT;
	}
	rc = a->reset ? main_reset(path) : main_lesson(path, a);
	free(path);
	return rc;
}

/* `xent FILE.md` or `xent --present NAME`: a lesson by path or name. */
static int
main_lesson_path(const struct main_args *a)
{
	char *path = lessondir_find(a->path);
	int rc;

	if (path == NULL) {
		cli_error("%s: no such lesson file or lesson name", a->path);
		return XENT_EXIT_INPUT;
	}
	rc = main_lesson(path, a);
	free(path);
	return rc;
}

/* 1 when PATH names a lesson file (.md). */
static int
main_is_lesson(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	return n > 3 && strcmp(path + n - 3, ".md") == 0;
}

/* Runs what the command line A asked for, after main_check. */
static int
main_run(const struct main_args *a)
{
	if (a->lesson)
		return main_lesson_cmd(a);
	if (main_is_lesson(a->path) || a->present)
		return main_lesson_path(a);
	return main_grid(a);
}

int
main(int argc, char **argv)
{
	struct main_args a;
	int rc, words;

	/* Wide characters for the grid; numbers stay in the C locale, which
	 * the number code uses whatever this says. */
	setlocale(LC_ALL, "");
	if (argc >= 2 && strcmp(argv[1], "eval") == 0)
		return eval_main(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "lint") == 0)
		return lint_main(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "plot") == 0)
		return cli_plot_main(argc - 1, argv + 1);
	memset(&a, 0, sizeof(a));
	/* Options, then perhaps "lesson" and its own options and NAME, in
	 * any order: xent --present lesson 3, xent lesson --present 3. */
	rc = main_parse(argc, argv, &a, 1);
	if (rc == 0 && optind < argc && strcmp(argv[optind], "lesson") == 0) {
		a.lesson = 1;
		argc -= optind;
		argv += optind;
		rc = main_parse(argc, argv, &a, 0);
	} else if (rc == 0 && optind < argc) {
		/* Options may follow the FILE too: xent l.npy --labels b.npy. */
		argc -= optind - 1;
		argv += optind - 1;
		rc = main_parse(argc, argv, &a, 0);
	}
	words = argc - optind;
	if (rc == 0)
		rc = main_check(words, argv + optind, &a) < 0 ? -1 : 0;
	if (rc != 0)
		rc = rc > 0 ? XENT_EXIT_OK : XENT_EXIT_USAGE;
	else
		rc = main_run(&a);
	sheetfile_settings_free(&a.set);
	return rc;
}
