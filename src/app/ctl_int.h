/*
 * ctl_int.h - what ctl.c and commands.c share inside the controller.
 */
#ifndef XENT_APP_CTL_INT_H
#define XENT_APP_CTL_INT_H

#include "app/ctl.h"

/* Cursor home, view and hidden groups suited to the sheet's size. */
void ctl_reset_view(struct ctl *c);

/* Marks a change made and tells the hook; every change calls it once. */
void ctl_changed(struct ctl *c);

/* Keeps the cursor inside the sheet and on a visible column. */
void ctl_clamp(struct ctl *c);

/* Sets an activation (G_ACT) or target (G_TARGET) cell, with undo. */
void ctl_set_cell(struct ctl *c, long r, enum group g, int k, double v);

/* Makes class K row R's one-hot target, with undo. */
void ctl_set_target(struct ctl *c, long r, int k);

/* Asks the input layer for a line of KIND. */
void ctl_ask_line(struct ctl *c, enum ctl_line kind, const char *prompt,
    const char *prefill);

/* The user said yes (1) or no (0) to restoring the recovery file. */
void ctl_recover_answer(struct ctl *c, int yes);

#endif
