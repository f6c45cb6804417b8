/*
 * fuzz_lesson.c - the lesson parser on any bytes.
 */
#include "io/lessonfile.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct lesson *l = lesson_parse("fuzz.md", (const char *)data, size,
	    err, sizeof(err));

	lesson_free(l);
	return 0;
}
