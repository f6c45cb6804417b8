/*
 * term.c - curses set-up and tear-down, styles, and width-aware text.
 */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "app/text.h"
#include "core/num.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

/* Last, for setupterm: it names a macro after every capability. */
#include <term.h>

struct ui_hit ui_hits[UI_MAXHIT];
int ui_nhits;

static int ui_active;		/* curses is running */
static struct termios ui_tty;	/* the terminal as it was before curses */
static int ui_tty_saved;	/* ui_tty holds it */
static char ui_reset[256];	/* bytes that undo curses' screen modes */
static size_t ui_reset_len;
static struct ui_rect ui_clip_r = { 0, 0, 1 << 20, 1 << 20 };	/* ui_put's limits */
static int ui_is_utf8;		/* the locale speaks UTF-8 */
static attr_t ui_styles[UI_NSTYLES];

/* Colour pairs, chosen from a palette that colour-blind eyes tell apart
 * (Okabe and Ito): orange for warnings, reddish purple for bad, blue for
 * targets.  Each style also has a plain attribute. */
static void
ui_colors(void)
{
	int rich = COLORS >= 256;

	start_color();
	use_default_colors();
	init_pair(1, rich ? 208 : COLOR_YELLOW, -1);	/* orange */
	init_pair(2, rich ? 162 : COLOR_MAGENTA, -1);	/* reddish purple */
	init_pair(3, rich ? 32 : COLOR_BLUE, -1);	/* blue */
	init_pair(4, rich ? 245 : COLOR_WHITE, -1);	/* grey */
	ui_styles[UI_WARN] |= COLOR_PAIR(1);
	ui_styles[UI_BAD] |= COLOR_PAIR(2);
	ui_styles[UI_ERROR] |= COLOR_PAIR(2);
	ui_styles[UI_TARGET] |= COLOR_PAIR(3);
	ui_styles[UI_DIM] |= COLOR_PAIR(4);
}

/* Plain attributes every style has, colour or not. */
static void
ui_plain_styles(void)
{
	ui_styles[UI_NORMAL] = A_NORMAL;
	ui_styles[UI_HEADER] = A_BOLD;
	ui_styles[UI_TITLE] = A_REVERSE;
	ui_styles[UI_CURSOR] = A_REVERSE;
	ui_styles[UI_WARN] = A_BOLD;
	ui_styles[UI_BAD] = A_BOLD | A_UNDERLINE;
	ui_styles[UI_TARGET] = A_BOLD;
	ui_styles[UI_DIM] = A_DIM;
	ui_styles[UI_ERROR] = A_BOLD;
}

/* 1 when terminfo capability NAME is a string the terminal has. */
static int
ui_has_cap(const char *name)
{
	char *v = tigetstr(name);

	return v != NULL && v != (char *)-1 && *v != '\0';
}

/* The reason given for a terminal that cannot address the cursor. */
static const char ui_no_cup[] = "this terminal (TERM=%s) cannot move the "
    "cursor; the grid needs one such as xterm-256color. xent eval FILE "
    "prints the table without one.";

/* Checks, before curses touches it, that the terminal can show the grid:
 * known to terminfo, and able to move the cursor and clear the screen.
 * Reads the description only, so a refused terminal is left as it was.
 * -1 with the reason in ERR. */
static int
ui_check_term(char *err, size_t errlen)
{
	const char *term = getenv("TERM");
	int rc = 0, e = 0;

	if (term == NULL || *term == '\0') {
		snprintf(err, errlen, "TERM is not set, so the grid cannot "
		    "draw; set it to your terminal's type, such as "
		    "xterm-256color. xent eval FILE prints the table without "
		    "one.");
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &e) != OK) {
		/* 1: a hardcopy terminal; 0 or -1: no description of it. */
		if (e == 1)
			snprintf(err, errlen, ui_no_cup, term);
		else
			snprintf(err, errlen, "this terminal (TERM=%s) is "
			    "unknown to terminfo; try TERM=xterm-256color. xent "
			    "eval FILE prints the table without one.", term);
		return -1;
	}
	if (!ui_has_cap("cup") || !ui_has_cap("clear")) {
		snprintf(err, errlen, ui_no_cup, term);
		rc = -1;
	}
	del_curterm(cur_term);
	return rc;
}

/* Appends capability CAP's string, if the terminal has one, to the reset
 * bytes. */
static void
ui_reset_add(const char *cap)
{
	const char *v = tigetstr(cap);
	size_t n;

	if (v == NULL || v == (char *)-1)
		return;
	n = strlen(v);
	if (ui_reset_len + n < sizeof(ui_reset)) {
		memcpy(ui_reset + ui_reset_len, v, n);
		ui_reset_len += n;
	}
}

/* Works out, while it is safe to, what ui_emergency writes: attributes
 * off, the cursor back, the mouse off, the normal screen. */
static void
ui_prepare_reset(void)
{
	static const char mouse_off[] = "\033[?1000l\033[?1002l\033[?1006l";

	ui_reset_len = 0;
	ui_reset_add("sgr0");
	ui_reset_add("cnorm");
	ui_reset_add("rmkx");
	memcpy(ui_reset + ui_reset_len, mouse_off, sizeof(mouse_off) - 1);
	ui_reset_len += sizeof(mouse_off) - 1;
	ui_reset_add("rmcup");
}

void
ui_emergency(void)
{
	ssize_t w;

	if (!ui_active)
		return;
	ui_active = 0;
	w = write(STDOUT_FILENO, ui_reset, ui_reset_len);
	(void)w;
	if (ui_tty_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &ui_tty);
}

int
ui_init(char *err, size_t errlen)
{
	const char *nc = getenv("NO_COLOR");

	static int started;

	if (started) {
		/* curses allows one initscr: come back after endwin instead. */
		refresh();
		ui_active = 1;
		return 0;
	}
	ui_is_utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (ui_check_term(err, errlen) < 0)
		return -1;
	set_escdelay(25);
	ui_tty_saved = tcgetattr(STDIN_FILENO, &ui_tty) == 0;
	/* newterm, not initscr, which would exit on its own words. */
	if (newterm(NULL, stdout, stdin) == NULL) {
		snprintf(err, errlen, "cannot start curses on this terminal "
		    "(TERM=%s)", getenv("TERM"));
		return -1;
	}
	started = 1;
	ui_active = 1;
	ui_prepare_reset();
	/* Any exit() after this, an error path included, restores the
	 * terminal. */
	atexit(ui_done);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	ui_plain_styles();
	if (has_colors() && (nc == NULL || *nc == '\0'))
		ui_colors();
	return 0;
}

void
ui_done(void)
{
	if (!ui_active)
		return;
	ui_active = 0;
	endwin();
}

int
ui_utf8(void)
{
	return ui_is_utf8;
}

attr_t
ui_attr(enum ui_style style)
{
	return style < UI_NSTYLES ? ui_styles[style] : A_NORMAL;
}

/* One character of a string as the screen shows it. */
struct ui_glyph {
	int		 len;	/* bytes it takes in the string */
	const char	*out;	/* what is drawn: the bytes, a stand-in or "?" */
	int		 outlen;	/* bytes of OUT */
	int		 width;	/* columns */
};

/* A glyph drawn as ASCII text OUT in place of LEN bytes. */
static struct ui_glyph
ui_glyph_ascii(int len, const char *out)
{
	int n = (int)strlen(out);

	return (struct ui_glyph){ len, out, n, n };
}

/* Decodes one character of S: in a UTF-8 locale itself, elsewhere its
 * ASCII stand-in (text_ascii), so that "log₁₀" reads "log10", not "log??".
 * Widths are those of what is drawn, so ui_width and ui_fit agree. */
static struct ui_glyph
ui_char(const char *s)
{
	const char *sub;
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int w, len;

	if ((unsigned char)*s < 0x80) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return ui_glyph_ascii(1, "?");
		return (struct ui_glyph){ 1, s, 1, 1 };
	}
	sub = text_ascii(s, &len);
	if (!ui_is_utf8)
		return ui_glyph_ascii(len, sub);
	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
		return ui_glyph_ascii(1, "?");
	/* A character the terminal cannot show still gets its stand-in. */
	if ((w = wcwidth(wc)) < 0)
		return ui_glyph_ascii((int)n, sub);
	return (struct ui_glyph){ (int)n, s, (int)n, w };
}

int
ui_width(const char *s)
{
	struct ui_glyph g;
	int total = 0;

	for (; *s != '\0'; s += g.len) {
		g = ui_char(s);
		total += g.width;
	}
	return total;
}

/* Copies as much of S as fits in W columns into OUT (room for LEN bytes),
 * each character as ui_char shows it.  Returns the columns used; *CUT says
 * whether S did not fit. */
static int
ui_fit(const char *s, int w, char *out, size_t len, int *cut)
{
	struct ui_glyph g;
	int used = 0;
	size_t o = 0;

	*cut = 0;
	for (; *s != '\0'; s += g.len) {
		g = ui_char(s);
		if (used + g.width > w || o + g.outlen + 4 >= len) {
			*cut = 1;
			break;
		}
		memcpy(out + o, g.out, g.outlen);
		o += g.outlen;
		used += g.width;
	}
	out[o] = '\0';
	return used;
}

void
ui_clip(struct ui_rect r)
{
	ui_clip_r = r;
}

void
ui_unclip(void)
{
	ui_clip_r = (struct ui_rect){ 0, 0, 1 << 20, 1 << 20 };
}

void
ui_put(int y, int x, int w, const char *s, int right, attr_t attr)
{
	const struct ui_rect *c = &ui_clip_r;
	char buf[1024];
	int used, cut, pad;

	if (y < c->y || y >= c->y + c->h || x < c->x)
		return;
	if (x + w > c->x + c->w)
		w = c->x + c->w - x;
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + w > COLS)
		w = COLS - x;
	used = ui_fit(s, w, buf, sizeof(buf), &cut);
	if (cut) {
		used = ui_fit(s, w - 1, buf, sizeof(buf) - 4, &cut);
		strcat(buf, ui_is_utf8 ? "\xe2\x80\xa6" : "~");
		used++;
	}
	pad = w - used;
	attron(attr);
	if (right)
		mvprintw(y, x, "%*s%s", pad, "", buf);
	else
		mvprintw(y, x, "%s%*s", buf, pad, "");
	attroff(attr);
}

void
ui_add_hit(int y, int x, int w, long row, enum group g, int k)
{
	if (ui_nhits >= UI_MAXHIT)
		return;
	ui_hits[ui_nhits++] = (struct ui_hit){ y, x, w, row, g, k };
}

int
ui_hit(int y, int x, long *row, enum group *g, int *k)
{
	int i;

	for (i = 0; i < ui_nhits; i++)
		if (ui_hits[i].y == y && x >= ui_hits[i].x &&
		    x < ui_hits[i].x + ui_hits[i].w) {
			*row = ui_hits[i].row;
			*g = ui_hits[i].g;
			*k = ui_hits[i].k;
			return 1;
		}
	return 0;
}

char *
ui_num(char *buf, size_t len, double v, int w)
{
	int d;

	/* Fewer digits rather than a cut number, which would mislead. */
	for (d = 5; d > 1; d--)
		if ((int)strlen(num_format_round(buf, len, v, d)) <= w)
			break;
	if (d == 1)
		num_format_round(buf, len, v, 1);
	return buf;
}
