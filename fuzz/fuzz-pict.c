/*
 * fuzz-pict: one input is a QuickDraw picture (PICT), played by the
 * renderer's pict.c into SVG. The whole-deck targets reach it only
 * through a picture part, one in many inputs; this one spends all its
 * time on the opcodes, the bitmaps and their unpacking.
 *
 * Aborts when a picture is refused without a reason, or when the SVG
 * is not one NUL-terminated document of the length given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html/pict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	size_t len = 0;
	char *svg = pict_to_svg(data, size, &len, &why);

	if (!svg) {
		if (!why || !*why)
			abort();
		return 0;
	}
	if (len == 0 || strlen(svg) != len || !strstr(svg, "<svg") ||
	    !strstr(svg, "</svg>"))
		abort();
	free(svg);
	return 0;
}
