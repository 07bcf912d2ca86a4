/*
 * Pictures and media: each media entry is written once to
 * assets/media/<id>.<ext> with its original bytes when a browser shows
 * them (PNG, JPEG, GIF, SVG, WebP, ICO; audio and video as they are).
 * EMF is turned into SVG with libemf2svg, WMF with libwmf's SVG device
 * and PICT with pict.c, TIFF and BMP into PNG (raster.c); what cannot be
 * shown (WDP) leaves an empty box and a warning.
 *
 * A picture shape is an overflow:hidden box holding an <img> scaled and
 * offset so that only the cropped part shows.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <emf2svg.h>
#include <libwmf/api.h>
#include <libwmf/svg.h>

#include "pict.h"
#include "raster.h"
#include "render-int.h"

#define META_MAX ((size_t)32 << 20)	/* EMF/WMF we try to convert */
#define SVG_MAX ((size_t)64 << 20)	/* SVG we accept from them */

enum kind {
	K_UNKNOWN, K_SHOW, K_EMF, K_WMF, K_PICT, K_TIFF, K_BMP, K_WDP,
	K_NOSHOW
};

struct ctype {
	const char *type;
	const char *ext;
	enum kind kind;
};

static const struct ctype ctypes[] = {
	{ "image/png", "png", K_SHOW },
	{ "image/jpeg", "jpg", K_SHOW },
	{ "image/jpg", "jpg", K_SHOW },
	{ "image/pjpeg", "jpg", K_SHOW },
	{ "image/gif", "gif", K_SHOW },
	{ "image/svg+xml", "svg", K_SHOW },
	{ "image/webp", "webp", K_SHOW },
	{ "image/bmp", "bmp", K_BMP },
	{ "image/x-bmp", "bmp", K_BMP },
	{ "image/x-ms-bmp", "bmp", K_BMP },
	{ "image/x-icon", "ico", K_SHOW },
	{ "image/x-emf", "emf", K_EMF },
	{ "image/emf", "emf", K_EMF },
	{ "image/x-wmf", "wmf", K_WMF },
	{ "image/wmf", "wmf", K_WMF },
	{ "image/tiff", "tif", K_TIFF },
	{ "image/vnd.ms-photo", "wdp", K_WDP },
	{ "image/x-pict", "pct", K_PICT },
	{ "image/pict", "pct", K_PICT },
	{ "video/mp4", "mp4", K_SHOW },
	{ "video/x-m4v", "m4v", K_SHOW },
	{ "video/quicktime", "mov", K_SHOW },
	{ "video/webm", "webm", K_SHOW },
	{ "video/ogg", "ogv", K_SHOW },
	{ "video/x-ms-wmv", "wmv", K_SHOW },
	{ "video/avi", "avi", K_SHOW },
	{ "video/x-msvideo", "avi", K_SHOW },
	{ "video/mpeg", "mpg", K_SHOW },
	{ "audio/mpeg", "mp3", K_SHOW },
	{ "audio/mp4", "m4a", K_SHOW },
	{ "audio/x-m4a", "m4a", K_SHOW },
	{ "audio/wav", "wav", K_SHOW },
	{ "audio/x-wav", "wav", K_SHOW },
	{ "audio/ogg", "ogg", K_SHOW },
	{ "audio/x-ms-wma", "wma", K_SHOW },
	{ "audio/midi", "mid", K_SHOW },
};

/* Kind and extension from the bytes first, the content type second. */
static enum kind sniff(const struct ppj_media *m, const char **ext)
{
	const unsigned char *d = m->data;
	size_t n = m->len;

	if (n >= 8 && memcmp(d, "\x89PNG", 4) == 0)
		return *ext = "png", K_SHOW;
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return *ext = "jpg", K_SHOW;
	if (n >= 6 && memcmp(d, "GIF8", 4) == 0)
		return *ext = "gif", K_SHOW;
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 &&
	    memcmp(d + 8, "WEBP", 4) == 0)
		return *ext = "webp", K_SHOW;
	if (n >= 44 && d[0] == 1 && d[1] == 0 && d[2] == 0 && d[3] == 0 &&
	    memcmp(d + 40, " EMF", 4) == 0)
		return *ext = "emf", K_EMF;
	if (n >= 4 && memcmp(d, PPJ_WMF_KEY, 4) == 0)
		return *ext = "wmf", K_WMF;
	if (n >= 4 && (memcmp(d, "II*", 4) == 0 || memcmp(d, "MM\0*", 4) == 0))
		return *ext = "tif", K_TIFF;
	if (n >= 4 && memcmp(d, "II\xbc", 3) == 0)
		return *ext = "wdp", K_WDP;
	for (size_t i = 0; i < sizeof(ctypes) / sizeof(ctypes[0]); i++)
		if (m->content_type &&
		    strcasecmp(ctypes[i].type, m->content_type) == 0)
			return *ext = ctypes[i].ext, ctypes[i].kind;
	if (n >= 2 && d[0] == 'B' && d[1] == 'M')
		return *ext = "bmp", K_BMP;
	*ext = "bin";
	return K_UNKNOWN;
}

/* ---- metafiles ---- */

/* The number after name=" inside the tag [tag, end), or -1. */
static double attr_num(const char *tag, const char *end, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = tag; p + n + 2 < end; p++)
		if (memcmp(p, name, n) == 0 && p[n] == '=' && p[n + 1] == '"')
			return strtod(p + n + 2, NULL);
	return -1;
}

/* Whether the tag [tag, end) has the attribute name="...". */
static bool has_attr(const char *tag, const char *end, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = tag; p + n + 2 < end; p++)
		if (memcmp(p, name, n) == 0 && p[n] == '=' && p[-1] == ' ')
			return true;
	return false;
}

/*
 * Fixes the root <svg> of a converted metafile for browsers: a viewBox
 * (libemf2svg and libwmf write only width and height), so that an <img>
 * scales it to the picture's box instead of clipping it, and the SVG and
 * XLink namespaces (libwmf declares neither, and a browser shows nothing
 * of an <img> whose root is not in the SVG namespace). Takes over svg;
 * returns the new text (malloc'd) or svg itself.
 */
static char *fix_svg_root(char *svg, size_t *len)
{
	char *tag = NULL, *end, *out;
	char ins[256];
	double w, h;
	size_t n = 0, at;

	for (char *p = svg; p + 4 < svg + *len && p < svg + 4096; p++)
		if (memcmp(p, "<svg", 4) == 0 && (p[4] == ' ' ||
						  p[4] == '\n')) {
			tag = p;
			break;
		}
	if (!tag || !(end = memchr(tag, '>', *len - (size_t)(tag - svg))))
		return svg;

	w = attr_num(tag, end, "width");
	h = attr_num(tag, end, "height");
	ins[0] = '\0';
	if (w > 0 && h > 0 && w <= 1e7 && h <= 1e7 &&
	    !has_attr(tag, end, "viewBox"))
		n += (size_t)snprintf(ins + n, sizeof(ins) - n,
				      " viewBox=\"0 0 %.4f %.4f\" "
				      "preserveAspectRatio=\"none\"", w, h);
	if (!has_attr(tag, end, "xmlns"))
		n += (size_t)snprintf(ins + n, sizeof(ins) - n,
				      " xmlns=\"http://www.w3.org/2000/svg\"");
	if (!has_attr(tag, end, "xmlns:xlink"))
		n += (size_t)snprintf(ins + n, sizeof(ins) - n,
				      " xmlns:xlink=\"http://www.w3.org/1999/"
				      "xlink\"");
	if (n == 0)
		return svg;

	at = (size_t)(tag - svg) + 4;
	out = malloc(*len + n + 1);
	if (!out)
		return svg;
	memcpy(out, svg, at);
	memcpy(out + at, ins, n);
	memcpy(out + at + n, svg + at, *len - at);
	out[*len + n] = 0;
	*len += n;
	free(svg);
	return out;
}

static char *emf_to_svg(const struct ppj_media *m, size_t *len)
{
	generatorOptions o = { 0 };
	char *out = NULL;
	size_t n = 0;

	o.nameSpace = NULL;
	o.emfplus = true;
	o.svgDelimiter = true;
	if (m->len > META_MAX)
		return NULL;
	if (!emf2svg((char *)m->data, m->len, &out, &n, &o) || !out ||
	    n == 0 || n > SVG_MAX) {
		free(out);
		return NULL;
	}
	*len = n;
	return out;
}

/* Where a record's DIB starts, from the record's start; 0 for none. */
static size_t wmf_dib_at(unsigned int fn, uint32_t words)
{
	switch (fn) {
	case 0x0F43:			/* StretchDIB */
		return 28;
	case 0x0B41:			/* DIBStretchBlt, with a bitmap */
		return words > 12 ? 26 : 0;
	case 0x0940:			/* DIBBitBlt, with a bitmap */
		return words > 10 ? 22 : 0;
	case 0x0D33:			/* SetDIBToDev */
		return 24;
	case 0x0142:			/* DIBCreatePatternBrush */
		return 10;
	default:
		return 0;
	}
}

/*
 * A palette DIB whose header says 0 colours used has 2^bits of them;
 * libwmf reads no palette then and shifts every pixel. Writes the count
 * when fix; says whether the DIB at p (n bytes) needs it.
 */
static bool wmf_fix_palette(unsigned char *p, size_t n, bool fix)
{
	unsigned int bits;

	if (n < 40 || ppj_le16(p) != 40 || ppj_le16(p + 2) != 0 ||
	    ppj_le16(p + 32) != 0 || ppj_le16(p + 34) != 0)
		return false;
	bits = ppj_le16(p + 14);
	if (bits != 1 && bits != 4 && bits != 8)
		return false;
	if (fix)
		ppj_put_le16(p + 32, (uint16_t)(1u << bits));
	return true;
}

struct wmf_walk {
	int org_x, org_y, ext_x, ext_y;
	bool palettes;		/* a DIB needs wmf_fix_palette */
};

/* Walks the records after the header at d + at; fixes palettes if fix. */
static void wmf_records(unsigned char *d, size_t len, size_t at,
			struct wmf_walk *w, bool fix)
{
	bool window = false;

	while (at + 10 <= len) {
		uint32_t words = ppj_le16(d + at) |
				 (uint32_t)ppj_le16(d + at + 2) << 16;
		unsigned int fn = ppj_le16(d + at + 4);
		size_t dib = wmf_dib_at(fn, words);

		if (words < 3 || fn == 0 || words > (len - at) / 2)
			break;
		if (fn == 0x020B && !window) {
			w->org_y = (int16_t)ppj_le16(d + at + 6);
			w->org_x = (int16_t)ppj_le16(d + at + 8);
		} else if (fn == 0x020C && !window) {
			w->ext_y = (int16_t)ppj_le16(d + at + 6);
			w->ext_x = (int16_t)ppj_le16(d + at + 8);
			window = true;
		}
		if (dib && dib < (size_t)words * 2 &&
		    wmf_fix_palette(d + at + dib, words * 2 - dib, fix))
			w->palettes = true;
		at += (size_t)words * 2;
	}
}

/*
 * Works around two faults of libwmf. A metafile without the placeable
 * header ([MS-WMF] 2.3.2.3) has no bounds, so libwmf assumes a square
 * of 1024 units and stretches bitmaps out of it: such a file gets a
 * header made from its first window (SetWindowOrg, SetWindowExt) at 96
 * units an inch. And palette DIBs that count 0 colours get their count
 * (wmf_fix_palette). Returns the fixed copy, or NULL when none is needed
 * or possible.
 */
static unsigned char *wmf_prepare(const unsigned char *d, size_t len,
				  size_t *out_len)
{
	struct wmf_walk w = { 0 };
	bool placeable = len >= PPJ_WMF_PLACEABLE &&
			 memcmp(d, PPJ_WMF_KEY, 4) == 0;
	size_t head = placeable ? PPJ_WMF_PLACEABLE : 0;
	size_t add = placeable ? 0 : PPJ_WMF_PLACEABLE;
	unsigned char *out;

	if (len < head + 18 || ppj_le16(d + head + 2) != 9)
		return NULL;
	wmf_records((unsigned char *)d, len, head + 18, &w, false);
	if (!placeable && (w.ext_x <= 0 || w.ext_y <= 0))
		return NULL;
	if (placeable && !w.palettes)
		return NULL;
	if (!(out = malloc(len + add)))
		return NULL;

	memcpy(out + add, d, len);
	wmf_records(out, len + add, add + head + 18, &w, true);
	if (!placeable)
		ppj_wmf_placeable(out, w.org_x, w.org_y, w.org_x + w.ext_x,
				  w.org_y + w.ext_y, 96);
	*out_len = len + add;
	return out;
}

static char *wmf_to_svg(const struct ppj_media *m, size_t *len)
{
	unsigned long flags = WMF_OPT_FUNCTION | WMF_OPT_IGNORE_NONFATAL |
		WMF_OPT_NO_ERROR | WMF_OPT_NO_DEBUG;
	wmfAPI_Options o;
	wmfAPI *api = NULL;
	wmfD_Rect bbox;
	wmf_svg_t *dd;
	unsigned int w = 0, h = 0;
	char *buf = NULL, *out = NULL;
	unsigned long n = 0;
	size_t dlen = m->len;
	unsigned char *fixed, *data = (unsigned char *)m->data;

	if (m->len > META_MAX)
		return NULL;
	if ((fixed = wmf_prepare(data, m->len, &dlen)))
		data = fixed;
	memset(&o, 0, sizeof(o));
	o.function = wmf_svg_function;
	if (wmf_api_create(&api, flags, &o) != wmf_E_None)
		goto out;
	if (wmf_mem_open(api, data, (long)dlen) !=
	    wmf_E_None || wmf_scan(api, 0, &bbox) != wmf_E_None ||
	    wmf_display_size(api, &w, &h, 96, 96) != wmf_E_None)
		goto out;
	if (w == 0 || h == 0 || w > 100000 || h > 100000)
		goto out;
	dd = WMF_SVG_GetData(api);
	dd->out = wmf_stream_create(api, NULL);
	dd->Description = (char *)"ppj";
	dd->bbox = bbox;
	dd->width = w;
	dd->height = h;
	dd->flags |= WMF_SVG_INLINE_IMAGES;
	if (wmf_play(api, 0, &bbox) == wmf_E_None) {
		wmf_stream_destroy(api, dd->out, &buf, &n);
		if (buf && n > 0 && n <= SVG_MAX && (out = malloc(n)))
			memcpy(out, buf, n);
		*len = n;
	}
out:
	if (api)
		wmf_api_destroy(api);
	free(fixed);
	return out;
}

/* ---- shipping ---- */

static struct rmedia *slot_of(struct rctx *c, const struct ppj_media *m)
{
	const struct ppj_deck *d = c->deck;

	if (m->id >= 1 && (size_t)m->id <= d->nmedia &&
	    d->media[m->id - 1] == m)
		return &c->media[m->id - 1];
	for (size_t i = 0; i < d->nmedia; i++)
		if (d->media[i] == m)
			return &c->media[i];
	return NULL;
}

/*
 * A metafile as SVG or a raster picture as PNG (*ext updated); NULL and
 * a warning when it cannot be converted.
 */
static char *convert(struct rctx *c, const struct ppj_media *m, enum kind k,
		     const char **ext, size_t *len)
{
	const char *name = m->name ? m->name : "?", *why = NULL;
	char *out;

	if (k == K_EMF || k == K_WMF) {
		out = k == K_EMF ? emf_to_svg(m, len) : wmf_to_svg(m, len);
		if (out)
			out = fix_svg_root(out, len);
		if (!out)
			render_warn(c, "metafile", "could not convert %s "
				    "picture \"%s\"", *ext, name);
		else
			*ext = "svg";
		return out;
	}
	if (k == K_PICT) {
		out = pict_to_svg(m->data, m->len, len, &why);
		if (!out)
			render_warn(c, "picture-format", "could not convert "
				    "PICT picture \"%s\" to SVG: %s", name,
				    why);
		else
			*ext = "svg";
		return out;
	}

	if (k == K_WDP && c->child_decodes++ >= RENDER_MAX_CHILD_DECODES) {
		render_warn(c, "picture-format", "JPEG XR picture \"%s\" "
			    "not converted: over %d in the deck", name,
			    RENDER_MAX_CHILD_DECODES);
		return NULL;
	}
	out = (char *)raster_to_png(k == K_TIFF ? RASTER_TIFF :
				    k == K_WDP ? RASTER_WDP : RASTER_BMP,
				    m->data, m->len, len, &why);
	if (out) {
		*ext = "png";
		return out;
	}

	/* A BMP stb_image cannot read (RLE) ships as it is: browsers can. */
	if (k == K_BMP && strcmp(why, RASTER_TOO_BIG) != 0 &&
	    (out = malloc(m->len))) {
		*len = m->len;
		return memcpy(out, m->data, m->len);
	}
	render_warn(c, "picture-format", "could not convert %s picture "
		    "\"%s\" to PNG: %s", *ext, name, why);
	return NULL;
}

/* Writes m (converted if need be); returns its path or NULL. */
static char *ship(struct rctx *c, const struct ppj_media *m)
{
	const char *ext = "bin";
	enum kind k;
	char rel[128], *conv = NULL;
	const void *data = m->data;
	size_t len = m->len;

	if (m->external || !m->data || !m->len) {
		render_warn(c, "missing-picture", "media \"%s\" is linked or "
			    "missing", m->name ? m->name : "?");
		return NULL;
	}
	k = sniff(m, &ext);
	if (k == K_NOSHOW || k == K_UNKNOWN) {
		render_warn(c, "picture-format", "picture \"%s\" (%s) cannot "
			    "be shown by a browser", m->name ? m->name : "?",
			    m->content_type ? m->content_type : ext);
		return NULL;
	}
	if (k != K_SHOW) {
		conv = convert(c, m, k, &ext, &len);
		if (!conv)
			return NULL;
		data = conv;
	}
	snprintf(rel, sizeof(rel), "assets/media/%d.%s", m->id, ext);
	if (!ppj_sink_has(c->sink, rel) &&
	    ppj_sink_write(c->sink, rel, data, len, c->err) != 0) {
		free(conv);
		return NULL;
	}
	free(conv);
	return strdup(rel + strlen("assets/"));
}

const char *render_media(struct rctx *c, const struct ppj_media *m)
{
	struct rmedia *slot = slot_of(c, m);
	char *path;

	if (slot && slot->tried)
		return slot->path;
	path = ship(c, m);
	if (slot) {
		slot->tried = true;
		slot->path = path;
		return path;
	}
	/* Not in the deck's list: the context keeps the path. */
	if (path && c->nextra < 4096) {
		char **nl = realloc(c->extra, (c->nextra + 1) * sizeof(*nl));

		if (nl) {
			c->extra = nl;
			c->extra[c->nextra++] = path;
			return path;
		}
	}
	free(path);
	return NULL;
}

/* ---- picture shapes ---- */

/*
 * Writes the filter id made in defs into an empty inline SVG, where CSS
 * of the page can refer to it; returns id, or 0 when there is none.
 */
static int inline_filter(struct rctx *c, int id, struct ppj_buf *defs)
{
	if (id && !defs->failed) {
		ppj_buf_adds(c->b, "<svg class=\"fx\" width=\"0\" "
			     "height=\"0\"><defs>");
		ppj_buf_add(c->b, defs->data, defs->len);
		ppj_buf_adds(c->b, "</defs></svg>");
	} else {
		id = 0;
	}
	ppj_buf_release(defs);
	return id;
}

/* The picture's colour changes, a filter its <img> refers to; or 0. */
static int recolor(struct rctx *c, const struct ppj_fill *f)
{
	struct ppj_buf defs = PPJ_BUF_INIT;

	return inline_filter(c, render_recolor_filter(c, f, &defs), &defs);
}

static void img_tag(struct rctx *c, const struct ppj_fill *f,
		    const char *path, const char *alt)
{
	struct ppj_buf *b = c->b;
	double w = c->box_w, h = c->box_h;
	double cl = f->crop.l, ct = f->crop.t;
	double fw = fmax(1 - cl - f->crop.r, 0.001);
	double fh = fmax(1 - ct - f->crop.b, 0.001);
	double iw = w / fw, ih = h / fh;
	int filter = recolor(c, f);

	ppj_buf_adds(b, "<img alt=\"");
	ppj_buf_add_html(b, alt ? alt : "");
	ppj_buf_adds(b, "\" src=\"../assets/");
	ppj_buf_add_html(b, path);
	ppj_buf_adds(b, "\" style=\"left:");
	render_num(b, -cl * iw);
	ppj_buf_adds(b, "px;top:");
	render_num(b, -ct * ih);
	ppj_buf_adds(b, "px;width:");
	render_num(b, iw);
	ppj_buf_adds(b, "px;height:");
	render_num(b, ih);
	ppj_buf_adds(b, "px");
	if (f->pic_alpha > 0 && f->pic_alpha < 0.999) {
		ppj_buf_adds(b, ";opacity:");
		ppj_buf_add_num(b, f->pic_alpha, 3);
	}
	if (filter)
		ppj_buf_printf(b, ";filter:url(#g%d)", filter);
	ppj_buf_adds(b, "\">");
}

/* The geometry's first path as a clip, for non-rectangular pictures. */
static void clip_style(struct rctx *c, const struct ppj_shape *s)
{
	struct ppj_geom_result g;
	struct ppj_error e = { 0 };

	if (!s->geom.custom && (!s->geom.preset ||
				ppj_streq(s->geom.preset, "rect")))
		return;
	if (ppj_geom_eval(&s->geom, c->box_w, c->box_h, &g, &e) < 0)
		return;
	if (g.npaths && g.paths[0].d && !strpbrk(g.paths[0].d, "'\"<>&\\")) {
		ppj_buf_adds(c->b, "clip-path:path('");
		ppj_buf_adds(c->b, g.paths[0].d);
		ppj_buf_adds(c->b, "');");
	}
	ppj_geom_result_release(&g);
}

/*
 * A picture's shadow, glow or soft edges: the SVG filter of shapes on a
 * layer around the picture's box (a filter on the box itself would be
 * cut by its clip-path). 1 when opened.
 */
static int effects_open(struct rctx *c, const struct ppj_shape *s)
{
	struct ppj_buf defs = PPJ_BUF_INIT;
	int id = inline_filter(c, render_effect_filter(c, &s->effects,
						       &defs), &defs);

	if (id)
		ppj_buf_printf(c->b, "<div class=\"pfx\" style=\"filter:"
			       "url(#g%d)\">", id);
	return id != 0;
}

/* A stroke around a picture, drawn with the shape's geometry. */
static void pic_outline(struct rctx *c, const struct ppj_shape *s)
{
	struct ppj_geom_result g;
	struct ppj_error e = { 0 };
	struct ppj_buf defs = PPJ_BUF_INIT, attrs = PPJ_BUF_INIT;

	if (s->line.fill.kind == PPJ_FILL_NONE ||
	    ppj_geom_eval(&s->geom, c->box_w, c->box_h, &g, &e) < 0)
		return;
	render_stroke_attrs(c, &s->line, &defs, c->box_w, c->box_h, &attrs,
			    false);
	ppj_buf_adds(c->b, "<svg class=\"g\" style=\"position:absolute;"
		     "left:0;top:0;overflow:visible\" width=\"");
	render_num(c->b, fmax(c->box_w, 1));
	ppj_buf_adds(c->b, "\" height=\"");
	render_num(c->b, fmax(c->box_h, 1));
	ppj_buf_adds(c->b, "\">");
	if (defs.len) {
		ppj_buf_adds(c->b, "<defs>");
		ppj_buf_add(c->b, defs.data, defs.len);
		ppj_buf_adds(c->b, "</defs>");
	}
	for (size_t i = 0; i < g.npaths; i++) {
		if (!g.paths[i].stroke)
			continue;
		ppj_buf_adds(c->b, "<path fill=\"none\" d=\"");
		ppj_buf_add_html(c->b, g.paths[i].d ? g.paths[i].d : "");
		ppj_buf_adds(c->b, "\"");
		if (attrs.data)
			ppj_buf_add(c->b, attrs.data, attrs.len);
		ppj_buf_adds(c->b, "/>");
	}
	ppj_buf_adds(c->b, "</svg>");
	ppj_buf_release(&defs);
	ppj_buf_release(&attrs);
	ppj_geom_result_release(&g);
}

int render_picture(struct rctx *c, const struct ppj_shape *s)
{
	const struct ppj_fill *f = &s->picture;
	const char *path = NULL;
	int fx;

	if (f->kind == PPJ_FILL_PICTURE && f->media)
		path = render_media(c, f->media);
	if (path) {
		fx = effects_open(c, s);
		ppj_buf_adds(c->b, "<div class=\"pic\" style=\"");
		if (c->box_fh || c->box_fv)
			ppj_buf_printf(c->b, "transform:scale(%d,%d);",
				       c->box_fh ? -1 : 1, c->box_fv ? -1 : 1);
		clip_style(c, s);
		ppj_buf_adds(c->b, "\">");
		img_tag(c, f, path, s->descr);
		ppj_buf_adds(c->b, fx ? "</div></div>" : "</div>");
	} else if (f->kind != PPJ_FILL_PICTURE) {
		render_warn(c, "missing-picture", "picture shape %d has no "
			    "picture", s->id);
	}
	pic_outline(c, s);
	return 0;
}

int render_media_shape(struct rctx *c, const struct ppj_shape *s)
{
	const char *poster = NULL, *src = NULL;
	struct ppj_buf *b = c->b;

	if (s->picture.kind == PPJ_FILL_PICTURE && s->picture.media)
		poster = render_media(c, s->picture.media);
	if (s->media)
		src = render_media(c, s->media);
	if (!src) {
		render_warn(c, "media", "audio or video of shape %d not "
			    "available; its poster is shown", s->id);
		return render_picture(c, s);
	}
	ppj_buf_adds(b, s->is_video ? "<video class=\"media\" controls "
		     "preload=\"none\"" : "<audio class=\"media\" controls "
		     "preload=\"none\"");
	if (poster && s->is_video) {
		ppj_buf_adds(b, " poster=\"../assets/");
		ppj_buf_add_html(b, poster);
		ppj_buf_adds(b, "\"");
	}
	ppj_buf_adds(b, " src=\"../assets/");
	ppj_buf_add_html(b, src);
	ppj_buf_adds(b, s->is_video ? "\"></video>" : "\"></audio>");
	if (!s->is_video && poster)
		render_picture(c, s);
	return 0;
}
