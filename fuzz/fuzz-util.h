/*
 * Helpers shared by the fuzz targets: the library reads decks from a
 * path, so each input goes to a file first. Files live in one private
 * directory made at start-up (under /dev/shm when there is one, so that
 * the round trip stays in memory) and are reused for every input.
 */
#ifndef PPJ_FUZZ_UTIL_H
#define PPJ_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "ppj/ppj.h"

/* The input file's path, the output zip's path (both fixed per process). */
const char *fuzz_in_path(void);
const char *fuzz_out_path(void);

/* Writes data to fuzz_in_path(); aborts when it cannot (a setup bug). */
void fuzz_write_input(const uint8_t *data, size_t size);

/*
 * Options with limits small enough that one input runs in well under a
 * second and a few hundred MiB, far below libFuzzer's -rss_limit_mb: the
 * fuzzers look for crashes, not for the default limits' edges.
 */
void fuzz_options(struct ppj_options *opts);

/* Runs ppj_convert_file() on fuzz_in_path() into a zip, then removes it. */
void fuzz_convert(void);

#endif
