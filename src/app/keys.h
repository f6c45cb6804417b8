/*
 * keys.h - key codes the controller understands, independent of curses.
 *
 * Printable keys are their character; control keys their ASCII code; the
 * rest live above Unicode, so they never collide with a character.  The
 * input layer translates the terminal's codes into these.
 */
#ifndef XENT_APP_KEYS_H
#define XENT_APP_KEYS_H

#define K_CTRL(c)	((c) & 0x1f)
#define K_ESC		27
#define K_ENTER		'\r'
#define K_TAB		'\t'
#define K_BACKSPACE	127

enum {
	K_UP = 0x110000, K_DOWN, K_LEFT, K_RIGHT, K_PGUP, K_PGDN, K_HOME,
	K_END, K_DEL, K_WHEEL_UP, K_WHEEL_DOWN, K_F1,
};

#endif
