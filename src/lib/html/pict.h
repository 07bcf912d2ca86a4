/*
 * Apple QuickDraw pictures (PICT, version 1 and 2) to SVG. Internal to
 * the renderer.
 */
#ifndef PPJ_HTML_PICT_H
#define PPJ_HTML_PICT_H

#include <stddef.h>

#define PICT_IN_MAX ((size_t)32 << 20)		/* bytes we try to read */
#define PICT_SVG_MAX ((size_t)64 << 20)		/* SVG we write */
#define PICT_OPS_MAX 1000000u			/* opcodes we play */

/*
 * Plays the picture data (n bytes, with or without the 512-byte file
 * header) into an SVG whose viewBox is the picture's frame: returns the
 * text (malloc'd, NUL-terminated, *len set) or NULL with *why set to a
 * short static reason. The same input always gives the same bytes.
 * Never prints.
 */
char *pict_to_svg(const void *data, size_t n, size_t *len, const char **why);

#endif
