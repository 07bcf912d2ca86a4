/*
 * Font files for assets/fonts/: a face is cut down to the code points the
 * deck writes in it (HarfBuzz's hb-subset, which keeps what the layout
 * tables reach from them: ligatures, alternates, kerning) and packed as
 * WOFF2 (woff2.c). A face hb-subset cannot read or cut ships whole, as
 * TTF: only hb-subset's well-formed output is repacked.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-subset.h>

#include "render-int.h"

/*
 * Face index of data (not copied; a collection holds several); NULL if
 * HarfBuzz finds no glyphs.
 */
static hb_face_t *face_at(const unsigned char *data, size_t len,
			  unsigned index)
{
	hb_blob_t *blob;
	hb_face_t *face;

	if (!data || len == 0 || len > UINT_MAX)
		return NULL;
	blob = hb_blob_create_or_fail((const char *)data, (unsigned)len,
				      HB_MEMORY_MODE_READONLY, NULL, NULL);
	if (!blob)
		return NULL;
	face = hb_face_create(blob, index);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(face) == 0) {
		hb_face_destroy(face);
		return NULL;
	}
	return face;
}

static hb_face_t *face_of(const unsigned char *data, size_t len)
{
	return face_at(data, len, 0);
}

/* The subset as a malloc'd sfnt, or NULL when hb-subset fails. */
static unsigned char *subset(const unsigned char *data, size_t len,
			     unsigned index, const hb_set_t *cps,
			     size_t *out_len)
{
	hb_face_t *face = face_at(data, len, index), *sub = NULL;
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	unsigned char *out = NULL;

	if (face && in) {
		hb_set_union(hb_subset_input_unicode_set(in), cps);
		sub = hb_subset_or_fail(face, in);
	}
	if (sub) {
		hb_blob_t *b = hb_face_reference_blob(sub);
		unsigned n = 0;
		const char *d = hb_blob_get_data(b, &n);

		if (d && n >= 12 && (out = malloc(n))) {
			memcpy(out, d, n);
			*out_len = n;
		}
		hb_blob_destroy(b);
		hb_face_destroy(sub);
	}
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	return out;
}

static unsigned char *whole(const unsigned char *data, size_t len,
			    size_t *out_len)
{
	unsigned char *out = malloc(len ? len : 1);

	if (out) {
		memcpy(out, data, len);
		*out_len = len;
	}
	return out;
}

unsigned char *render_font_pack(const unsigned char *data, size_t len,
				const struct hb_set_t *cps, size_t *out_len,
				const char **ext)
{
	return render_font_pack_face(data, len, 0, cps, out_len, ext);
}

unsigned char *render_font_pack_face(const unsigned char *data, size_t len,
				     unsigned index,
				     const struct hb_set_t *cps,
				     size_t *out_len, const char **ext)
{
	unsigned char *sub, *w;
	size_t n = 0, wn = 0;

	*ext = "ttf";
	sub = subset(data, len, index, cps, &n);
	if (!sub)
		return whole(data, len, out_len);

	if (ppj__woff2_encode(sub, n, &w, &wn) == 0) {
		free(sub);
		*ext = "woff2";
		*out_len = wn;
		return w;
	}
	*out_len = n;
	return sub;
}

bool render_font_metrics(const unsigned char *data, size_t len,
			 double *ascent, double *descent)
{
	hb_face_t *face = data ? face_of(data, len) : NULL;
	hb_font_extents_t e;
	hb_font_t *font;
	unsigned upem;
	bool ok;

	if (!face)
		return false;
	upem = hb_face_get_upem(face);
	font = hb_font_create(face);
	hb_font_set_scale(font, (int)upem, (int)upem);
	ok = hb_font_get_h_extents(font, &e) && upem > 0;
	hb_font_destroy(font);
	hb_face_destroy(face);
	if (!ok)
		return false;
	*ascent = (double)e.ascender / upem;
	*descent = -(double)e.descender / upem;
	return *ascent > 0 && *ascent < 4 && *descent >= 0 && *descent < 4;
}
