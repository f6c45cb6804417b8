/*
 * lineview.c - the edit line: prompt and buffer on one screen line,
 * scrolled sideways to keep the cursor visible, measured in columns.
 */
#include <string.h>
#include <wchar.h>

#include "ui/lineview.h"

/* One character of a UTF-8 string. */
struct lv_char {
	int len;	/* bytes */
	int width;	/* columns */
	int bad;	/* invalid or unprintable: shown as '?' */
};

/* Measures the character at S (N bytes left). */
static struct lv_char
lv_next(const char *s, size_t n)
{
	struct lv_char c = { 1, 1, 1 };
	mbstate_t st;
	wchar_t wc;
	size_t r;
	int wd;

	memset(&st, 0, sizeof(st));
	r = mbrtowc(&wc, s, n, &st);
	if (r == (size_t)-1 || r == (size_t)-2 || r == 0)
		return c;
	if ((wd = wcwidth(wc)) < 0)
		return c;
	c.len = (int)r;
	c.width = wd;
	c.bad = 0;
	return c;
}

/* Display width of the first N bytes of S. */
static int
lv_width(const char *s, size_t n)
{
	struct lv_char c;
	size_t i = 0;
	int w = 0;

	while (i < n) {
		c = lv_next(s + i, n - i);
		w += c.width;
		i += (size_t)c.len;
	}
	return w;
}

/* Draws S from column LEFT of its own, in at most AVAIL columns; returns
 * the columns used. */
static int
lv_put(WINDOW *w, const char *s, int left, int avail)
{
	struct lv_char c;
	size_t i = 0, n = strlen(s);
	int col = 0, used = 0;

	while (i < n) {
		c = lv_next(s + i, n - i);
		if (col + c.width > left + avail)
			break;
		if (col >= left) {
			if (c.bad)
				waddch(w, '?');
			else
				waddnstr(w, s + i, c.len);
			used += c.width;
		} else if (col + c.width > left) {
			waddch(w, ' ');		/* wide char cut at the left */
			used++;
		}
		col += c.width;
		i += (size_t)c.len;
	}
	return used;
}

/* First column of BUF to show in AVAIL columns so the cursor at byte
 * POINT (column *CUR) and the character under it fit. */
static int
lv_left(const char *buf, size_t blen, int point, int avail, int *cur)
{
	int cw = 1;

	*cur = lv_width(buf, (size_t)point);
	if ((size_t)point < blen)
		cw = lv_next(buf + point, blen - (size_t)point).width;
	if (cw < 1)
		cw = 1;
	if (*cur + cw <= avail)
		return 0;
	return *cur + cw - avail < *cur ? *cur + cw - avail : *cur;
}

void
lineview_draw(WINDOW *w, int y, int x, int width, const char *prompt,
    const char *buf, int point)
{
	int pw, cur, left, used;
	size_t blen;

	if (width < 1)
		return;
	prompt = prompt != NULL ? prompt : "";
	buf = buf != NULL ? buf : "";
	blen = strlen(buf);
	if (point < 0 || (size_t)point > blen)
		point = (int)blen;
	pw = lv_width(prompt, strlen(prompt));
	if (pw > width / 2 && pw > width - 8)
		pw = width / 2;			/* a long prompt gives way */
	left = lv_left(buf, blen, point, width - pw, &cur);
	wmove(w, y, x);
	for (used = lv_put(w, prompt, 0, pw); used < pw; used++)
		waddch(w, ' ');
	used += lv_put(w, buf, left, width - used);
	while (used++ < width)
		waddch(w, ' ');
	wmove(w, y, x + pw + (cur - left));
}
