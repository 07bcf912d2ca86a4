/*
 * Raster pictures browsers do not show (TIFF) or that the output keeps as
 * PNG (BMP), re-encoded as PNG at conversion time, and the PNG encoder
 * itself for decoded pixels (PICT's bitmaps). Internal to the renderer.
 */
#ifndef PPJ_HTML_RASTER_H
#define PPJ_HTML_RASTER_H

#include <stddef.h>
#include <stdint.h>

#define RASTER_IN_MAX ((size_t)32 << 20)	/* bytes we try to decode */
#define RASTER_SIDE_MAX 32768u			/* pixels a side */
#define RASTER_PIXELS_MAX 100000000u		/* pixels in all */

enum raster_format { RASTER_TIFF, RASTER_BMP, RASTER_WDP };

/* The reason given for a picture whose size is refused. */
#define RASTER_TOO_BIG "too many pixels"

/*
 * Decodes data as format and encodes it as PNG: returns the PNG bytes
 * (malloc'd, *len set) or NULL with *why set to a short static reason.
 * The same input always gives the same bytes. Never prints.
 */
unsigned char *raster_to_png(enum raster_format format, const void *data,
			     size_t n, size_t *len, const char **why);

/*
 * Encodes w x h pixels (R, G, B, A bytes, top row first) as PNG, RGB when
 * all are opaque: returns the bytes (malloc'd, *len set) or NULL. The
 * same pixels always give the same bytes.
 */
unsigned char *raster_rgba_to_png(const unsigned char *rgba, uint32_t w,
				  uint32_t h, size_t *len);

#endif
