/*
 * Where a conversion's output tree goes: a directory or a zip file.
 *
 * Files are written by relative path ("slides/1.html"). Nothing is
 * visible at the destination until ppj_sink_finish() succeeds: a directory
 * is built under a temporary name and renamed, a zip is written to a
 * temporary file and renamed. ppj_sink_abort() removes every trace.
 */
#ifndef PPJ_SINK_H
#define PPJ_SINK_H

#include <stddef.h>

#include "ppj/ppj.h"

struct ppj_sink;

int ppj_sink_open_dir(struct ppj_sink **out, const char *dir,
		      struct ppj_error *err);
int ppj_sink_open_zip(struct ppj_sink **out, const char *path,
		      struct ppj_error *err);

/*
 * Writes one file. rel must be a relative path of safe characters (no
 * "..", no leading "/"); parent directories are made as needed. The data
 * is copied. Writing the same path twice is an error.
 */
int ppj_sink_write(struct ppj_sink *s, const char *rel, const void *data,
		   size_t len, struct ppj_error *err);

/* True if rel was written already (for shared assets). */
int ppj_sink_has(const struct ppj_sink *s, const char *rel);

/* Commits the output and frees s. On failure nothing is left behind. */
int ppj_sink_finish(struct ppj_sink *s, struct ppj_error *err);

/* Removes what was written and frees s. */
void ppj_sink_abort(struct ppj_sink *s);

#endif
