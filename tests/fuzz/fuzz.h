/*
 * fuzz.h - what the fuzz harnesses share.  Each fuzz_*.c defines
 * LLVMFuzzerTestOneInput; libFuzzer drives it under `make fuzz`, and
 * replay.c feeds it the kept inputs under `make check`.
 */
#ifndef XENT_TESTS_FUZZ_H
#define XENT_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated, malloc'd copy of DATA[0..SIZE) (never NULL). */
char *fuzz_string(const uint8_t *data, size_t size);

/* A controller over the built-in sheet (never NULL). */
struct ctl *fuzz_ctl(void);

#endif
