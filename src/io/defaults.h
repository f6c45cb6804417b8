/*
 * defaults.h - the sheet xent opens when given no file.
 */
#ifndef XENT_IO_DEFAULTS_H
#define XENT_IO_DEFAULTS_H

/* The course-v3 spreadsheet's five-class example (Image 1, target fish),
 * as sheet-file text.  Its name in messages is DEFAULTS_NAME. */
extern const char defaults_sheet[];
#define DEFAULTS_NAME "(default sheet)"

#endif
