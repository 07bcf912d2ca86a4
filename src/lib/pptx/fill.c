/*
 * DrawingML drawing properties into the model: fills (solid, gradient,
 * pattern, picture, group), lines, effects, geometry (preset or custom),
 * pictures and other media, backgrounds and click actions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pptxInt.h"

static double frac(const xmlNode *n, const char *attr, double def)
{
	if (!ppj__xml_has(n, attr))
		return def;
	return ppj__xml_int(n, attr, 0) / 100000.0;
}

static bool is_fill(const xmlNode *c)
{
	static const char *const names[] = { "noFill", "solidFill",
		"gradFill", "blipFill", "pattFill", "grpFill" };

	if (!c || ppj__ns_of(c) != NS_A)
		return false;
	for (size_t i = 0; i < 6; i++)
		if (strcmp((const char *)c->name, names[i]) == 0)
			return true;
	return false;
}

/* The first fill element among the children of parent, or NULL. */
xmlNode *pptx_find_fill(xmlNode *parent)
{
	size_t k = 0;

	for (xmlNode *c = ppj__xml_first(parent); c && k < PROPS_MAX;
	     c = ppj__xml_next(c), k++)
		if (is_fill(c))
			return c;
	return NULL;
}

/* Gradient stops by position; equal positions keep document order. */
static void sort_stops(struct ppj_grad_stop *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct ppj_grad_stop x = v[i];
		size_t j = i;

		for (; j > 0 && v[j - 1].pos > x.pos; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static int grad_fill(struct sctx *sc, xmlNode *el, struct ppj_fill *f)
{
	xmlNode *gs = ppj__xml_child(el, NS_A, "gsLst");
	xmlNode *lin = ppj__xml_child(el, NS_A, "lin");
	xmlNode *path = ppj__xml_child(el, NS_A, "path");
	size_t cap = 0;

	f->kind = PPJ_FILL_GRADIENT;
	f->rot_with_shape = ppj__xml_bool(el, "rotWithShape", true);
	for (xmlNode *s = ppj__xml_first(gs); s; s = ppj__xml_next(s)) {
		struct ppj_grad_stop *st;

		if (!ppj__xml_is(s, NS_A, "gs"))
			continue;
		st = ppj_arena_push(sc->px->arena, &f->stops, &f->nstops,
				    &cap, sizeof(*st));
		if (!st)
			return pptx_oom(sc->px);
		st->pos = fmin(1, fmax(0, frac(s, "pos", 0)));
		st->color = ppj_rgb(0, 0, 0);
		pptx_color_in(&sc->cc, s, &st->color);
	}
	sort_stops(f->stops, f->nstops);
	if (path) {
		const char *p = ppj__xml_attr(path, "path");
		xmlNode *r = ppj__xml_child(path, NS_A, "fillToRect");

		f->grad_path = ppj_streq(p, "rect") ? PPJ_GRAD_RECT :
			ppj_streq(p, "shape") ? PPJ_GRAD_SHAPE :
			PPJ_GRAD_CIRCLE;
		f->fill_to = (struct ppj_rel_rect){ frac(r, "l", 0),
			frac(r, "t", 0), frac(r, "r", 0), frac(r, "b", 0) };
	} else {
		f->grad_path = PPJ_GRAD_LINEAR;
		f->grad_angle = ppj__xml_int(lin, "ang", 0) / 60000.0;
		f->grad_scaled = ppj__xml_bool(lin, "scaled", false);
	}
	return 0;
}

static void patt_fill(struct sctx *sc, xmlNode *el, struct ppj_fill *f)
{
	f->kind = PPJ_FILL_PATTERN;
	f->pattern = pptx_str(sc->px, ppj__xml_attr(el, "prst"));
	if (!f->pattern)
		f->pattern = "pct5";
	f->fg = ppj_rgb(0, 0, 0);
	f->bg = ppj_rgb(255, 255, 255);
	pptx_color_in(&sc->cc, ppj__xml_child(el, NS_A, "fgClr"), &f->fg);
	pptx_color_in(&sc->cc, ppj__xml_child(el, NS_A, "bgClr"), &f->bg);
	f->color = f->fg;
}

static struct ppj_rel_rect rel_rect(const xmlNode *r)
{
	return (struct ppj_rel_rect){ frac(r, "l", 0), frac(r, "t", 0),
		frac(r, "r", 0), frac(r, "b", 0) };
}

static double dpi_scale(const struct ppj_media *m, bool vert);

/* A signed fraction (-1..1) of thousandths of a percent. */
static double signed_frac(const xmlNode *n, const char *attr)
{
	double v = ppj__xml_int(n, attr, 0) / 100000.0;

	return v < -1 ? -1 : v > 1 ? 1 : v;
}

/*
 * The colour changes of a blip: a duotone (its two colours, of which the
 * first is where black goes), greyscale, and brightness and contrast
 * (a:lum). Other effects (a:biLevel, a:clrChange, ...) are not kept.
 */
static void blip_effects(struct sctx *sc, xmlNode *blip, struct ppj_fill *f)
{
	xmlNode *duo = ppj__xml_child(blip, NS_A, "duotone");
	xmlNode *lum = ppj__xml_child(blip, NS_A, "lum");
	xmlNode *c0 = ppj__xml_first(duo), *c1 = ppj__xml_next(c0);

	if (c0 && c1 && pptx_color(&sc->cc, c0, &f->duo[0]) &&
	    pptx_color(&sc->cc, c1, &f->duo[1]))
		f->recolor = PPJ_RECOLOR_DUOTONE;
	else if (ppj__xml_child(blip, NS_A, "grayscl"))
		f->recolor = PPJ_RECOLOR_GRAY;
	f->bright = signed_frac(lum, "bright");
	f->contrast = signed_frac(lum, "contrast");
}

static int blip_fill(struct sctx *sc, xmlNode *el, struct ppj_fill *f)
{
	xmlNode *blip = ppj__xml_child(el, NS_A, "blip");
	xmlNode *tile = ppj__xml_child(el, NS_A, "tile");
	xmlNode *stretch = ppj__xml_child(el, NS_A, "stretch");
	xmlNode *amf = ppj__xml_child(blip, NS_A, "alphaModFix");
	int rc;

	f->kind = PPJ_FILL_PICTURE;
	f->pic_alpha = amf ? frac(amf, "amt", 1) : 1;
	blip_effects(sc, blip, f);
	f->crop = rel_rect(ppj__xml_child(el, NS_A, "srcRect"));
	f->stretch = rel_rect(ppj__xml_child(stretch, NS_A, "fillRect"));
	if (tile) {
		f->tile = true;
		f->tile_tx = ppj__xml_int(tile, "tx", 0);
		f->tile_ty = ppj__xml_int(tile, "ty", 0);
		f->tile_sx = frac(tile, "sx", 1);
		f->tile_sy = frac(tile, "sy", 1);
	}
	rc = pptx_blip_media(sc, blip, &f->media);
	if (rc)
		return rc;
	if (!f->media)
		f->kind = PPJ_FILL_NONE;
	if (f->tile) {
		f->tile_sx *= dpi_scale(f->media, false);
		f->tile_sy *= dpi_scale(f->media, true);
	}
	return 0;
}

/*
 * Reads the fill element el (noFill, solidFill, ...) into out, which is
 * reset first. Returns 0 or a fatal negative error.
 */
int pptx_fill(struct sctx *sc, xmlNode *el, struct ppj_fill *out)
{
	const char *n = el ? (const char *)el->name : "";

	memset(out, 0, sizeof(*out));
	out->pic_alpha = 1;
	if (strcmp(n, "solidFill") == 0) {
		out->kind = PPJ_FILL_SOLID;
		out->color = ppj_rgb(0, 0, 0);
		pptx_color_in(&sc->cc, el, &out->color);
	} else if (strcmp(n, "gradFill") == 0) {
		return grad_fill(sc, el, out);
	} else if (strcmp(n, "pattFill") == 0) {
		patt_fill(sc, el, out);
	} else if (strcmp(n, "blipFill") == 0) {
		return blip_fill(sc, el, out);
	} else if (strcmp(n, "grpFill") == 0 && sc->group_fill) {
		*out = *sc->group_fill;
	}
	return 0;
}

/* ---- lines ---- */

static enum ppj_line_end end_type(const char *t)
{
	static const char *const names[] = { "none", "triangle", "stealth",
		"diamond", "oval", "arrow" };

	for (int i = 0; t && i < 6; i++)
		if (strcmp(t, names[i]) == 0)
			return (enum ppj_line_end)i;
	return PPJ_END_NONE;
}

static int end_size(const char *s, int def)
{
	if (ppj_streq(s, "sm"))
		return 0;
	if (ppj_streq(s, "med"))
		return 1;
	if (ppj_streq(s, "lg"))
		return 2;
	return def;
}

static void line_end(xmlNode *e, struct ppj_arrow *a)
{
	if (!e)
		return;
	a->type = end_type(ppj__xml_attr(e, "type"));
	a->w = end_size(ppj__xml_attr(e, "w"), 1);
	a->len = end_size(ppj__xml_attr(e, "len"), 1);
}

static int cust_dash(struct sctx *sc, xmlNode *cd, struct ppj_line *l)
{
	size_t n = 0, cap = 0;
	double *v = NULL;

	for (xmlNode *d = ppj__xml_first(cd); d; d = ppj__xml_next(d)) {
		double *p;

		if (!ppj__xml_is(d, NS_A, "ds"))
			continue;
		for (int k = 0; k < 2; k++) {
			p = ppj_arena_push(sc->px->arena, &v, &n, &cap,
					   sizeof(*p));
			if (!p)
				return pptx_oom(sc->px);
			*p = ppj__xml_int(d, k ? "sp" : "d", 0) / 100000.0;
		}
	}
	l->dashes = v;
	l->ndash = n / 2;
	l->dash = NULL;
	return 0;
}

/*
 * Applies an a:ln element over *out: only what ln sets changes, so a
 * theme line style can be refined by the shape's own ln.
 */
int pptx_line(struct sctx *sc, xmlNode *ln, struct ppj_line *out)
{
	static const char *const cmpd[] = { "sng", "dbl", "thickThin",
		"thinThick", "tri" };
	const char *cap = ppj__xml_attr(ln, "cap");
	const char *cm = ppj__xml_attr(ln, "cmpd");
	xmlNode *fill = pptx_find_fill(ln);
	xmlNode *dash;
	int rc;

	if (!ln)
		return 0;
	if (ppj__xml_has(ln, "w"))
		out->width = ppj__xml_int(ln, "w", 0);
	if (out->width < 0 || out->width > 20116800)	/* 1584 pt */
		out->width = out->width < 0 ? 0 : 20116800;
	if (cap)
		out->cap = ppj_streq(cap, "rnd") ? PPJ_CAP_ROUND :
			ppj_streq(cap, "sq") ? PPJ_CAP_SQUARE : PPJ_CAP_FLAT;
	for (int i = 0; cm && i < 5; i++)
		if (strcmp(cm, cmpd[i]) == 0)
			out->compound = (enum ppj_compound)i;
	if (fill) {
		rc = pptx_fill(sc, fill, &out->fill);
		if (rc)
			return rc;
	}
	if ((dash = ppj__xml_child(ln, NS_A, "prstDash"))) {
		const char *v = ppj__xml_attr(dash, "val");

		out->dash = v && strcmp(v, "solid") ? pptx_str(sc->px, v)
						     : NULL;
		out->ndash = 0;
	} else if ((dash = ppj__xml_child(ln, NS_A, "custDash"))) {
		rc = cust_dash(sc, dash, out);
		if (rc)
			return rc;
	}
	if (ppj__xml_child(ln, NS_A, "round"))
		out->join = PPJ_JOIN_ROUND;
	else if (ppj__xml_child(ln, NS_A, "bevel"))
		out->join = PPJ_JOIN_BEVEL;
	else if (ppj__xml_child(ln, NS_A, "miter"))
		out->join = PPJ_JOIN_MITER;
	line_end(ppj__xml_child(ln, NS_A, "headEnd"), &out->head);
	line_end(ppj__xml_child(ln, NS_A, "tailEnd"), &out->tail);
	return 0;
}

/* ---- effects ---- */

/* Where a shadow's scale is anchored (algn; bottom when absent). */
static void shadow_origin(const char *algn, struct ppj_shadow *s)
{
	const char *a = algn ? algn : "b";

	s->ox = strchr(a, 'l') ? 0 : strchr(a, 'r') && strcmp(a, "ctr") ?
		1 : 0.5;
	s->oy = a[0] == 't' ? 0 : a[0] == 'b' ? 1 : 0.5;
}

static void shadow(struct sctx *sc, xmlNode *e, bool inner,
		   struct ppj_shadow *s)
{
	s->present = true;
	s->inner = inner;
	s->color = ppj_rgb(0, 0, 0);
	pptx_color_in(&sc->cc, e, &s->color);
	s->blur = ppj__xml_int(e, "blurRad", 0);
	s->dist = ppj__xml_int(e, "dist", 0);
	s->dir = ppj__xml_int(e, "dir", 0) / 60000.0;
	s->sx = ppj__xml_int(e, "sx", 100000) / 100000.0;
	s->sy = ppj__xml_int(e, "sy", 100000) / 100000.0;
	if (!(s->sx >= 0.01 && s->sx <= 10))
		s->sx = 1;
	if (!(s->sy >= 0.01 && s->sy <= 10))
		s->sy = 1;
	shadow_origin(ppj__xml_attr(e, "algn"), s);
}

/* The farthest gap we keep: a slide of PowerPoint's largest size. */
#define REFLECTION_DIST_MAX 51206400

static double fraction(const xmlNode *e, const char *name, int64_t def)
{
	double v = ppj__xml_int(e, name, def) / 100000.0;

	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/*
 * An a:reflection that mirrors the shape (a negative vertical scale, as
 * every one of PowerPoint's presets has): its fade and its distance.
 */
static void reflection(const xmlNode *e, struct ppj_reflection *r)
{
	if (ppj__xml_int(e, "sy", 100000) >= 0)
		return;
	r->present = true;
	r->start_alpha = fraction(e, "stA", 100000);
	r->end_alpha = fraction(e, "endA", 0);
	r->start_pos = fraction(e, "stPos", 0);
	r->end_pos = fraction(e, "endPos", 100000);
	r->dist = ppj__xml_int(e, "dist", 0);
	if (r->dist < 0 || r->dist > REFLECTION_DIST_MAX)
		r->dist = 0;
}

/* Reads an a:effectLst into out (cleared first, 3-D flag kept). */
void pptx_effects(struct sctx *sc, xmlNode *lst, struct ppj_effects *out)
{
	bool has_3d = out->has_3d;
	size_t k = 0;

	memset(out, 0, sizeof(*out));
	out->has_3d = has_3d;
	for (xmlNode *e = ppj__xml_first(lst); e && k++ < PROPS_MAX;
	     e = ppj__xml_next(e)) {
		if (ppj__xml_is(e, NS_A, "outerShdw") ||
		    ppj__xml_is(e, NS_A, "prstShdw"))
			shadow(sc, e, false, &out->shadow);
		else if (ppj__xml_is(e, NS_A, "innerShdw") &&
			 !out->shadow.present)
			shadow(sc, e, true, &out->shadow);
		else if (ppj__xml_is(e, NS_A, "glow")) {
			out->glow = true;
			out->glow_rad = ppj__xml_int(e, "rad", 0);
			out->glow_color = ppj_rgb(0, 0, 0);
			pptx_color_in(&sc->cc, e, &out->glow_color);
		} else if (ppj__xml_is(e, NS_A, "softEdge")) {
			out->soft_edge = ppj__xml_int(e, "rad", 0);
		} else if (ppj__xml_is(e, NS_A, "reflection")) {
			reflection(e, &out->reflection);
		}
	}
}

/* Entry idx (1..) of a theme style list, or NULL. */
xmlNode *pptx_style_entry(xmlNode *list, int64_t idx)
{
	int64_t i = 1;

	if (idx < 1 || idx > 999)
		return NULL;
	for (xmlNode *c = ppj__xml_first(list); c; c = ppj__xml_next(c), i++)
		if (i == idx)
			return c;
	return NULL;
}

/* ---- geometry ---- */

static int guides(struct sctx *sc, xmlNode *lst, struct ppj_guide **out,
		  size_t *n)
{
	size_t cap = 0;

	for (xmlNode *g = ppj__xml_first(lst); g; g = ppj__xml_next(g)) {
		struct ppj_guide *gd;

		if (!ppj__xml_is(g, NS_A, "gd"))
			continue;
		gd = ppj_arena_push(sc->px->arena, out, n, &cap, sizeof(*gd));
		if (!gd)
			return pptx_oom(sc->px);
		gd->name = pptx_str(sc->px, ppj__xml_attr(g, "name"));
		gd->fmla = pptx_str(sc->px, ppj__xml_attr(g, "fmla"));
		if (!gd->name || !gd->fmla)
			gd->name = gd->fmla = "";
	}
	return 0;
}

static const char *coord(struct sctx *sc, xmlNode *pt, const char *a)
{
	const char *v = ppj__xml_attr(pt, a);

	return pptx_str(sc->px, v ? v : "0");
}

static int path_op(struct sctx *sc, xmlNode *c, struct ppj_path_op *op)
{
	static const char *const arc[4] = { "wR", "hR", "stAng", "swAng" };
	const char *n = (const char *)c->name;
	int k = 0;

	if (strcmp(n, "moveTo") == 0)
		op->cmd = PPJ_PATH_MOVE;
	else if (strcmp(n, "lnTo") == 0)
		op->cmd = PPJ_PATH_LINE;
	else if (strcmp(n, "quadBezTo") == 0)
		op->cmd = PPJ_PATH_QUAD;
	else if (strcmp(n, "cubicBezTo") == 0)
		op->cmd = PPJ_PATH_CUBIC;
	else if (strcmp(n, "close") == 0)
		op->cmd = PPJ_PATH_CLOSE;
	else if (strcmp(n, "arcTo") == 0) {
		op->cmd = PPJ_PATH_ARC;
		for (int i = 0; i < 4; i++)
			op->arg[i] = coord(sc, c, arc[i]);
		return 0;
	} else
		return 1;
	for (xmlNode *pt = ppj__xml_first(c); pt && k < 6;
	     pt = ppj__xml_next(pt)) {
		op->arg[k++] = coord(sc, pt, "x");
		op->arg[k++] = coord(sc, pt, "y");
	}
	return 0;
}

static int one_path(struct sctx *sc, xmlNode *p, struct ppj_path *out)
{
	static const char *const fills[] = { "norm", "none", "lighten",
		"lightenLess", "darken", "darkenLess" };
	const char *f = ppj__xml_attr(p, "fill");
	struct ppj_path_op *ops = NULL;
	size_t cap = 0;

	out->w = ppj__xml_int(p, "w", 0);
	out->h = ppj__xml_int(p, "h", 0);
	out->stroke = ppj__xml_bool(p, "stroke", true);
	for (int i = 0; f && i < 6; i++)
		if (strcmp(f, fills[i]) == 0)
			out->fill = (enum ppj_path_fill)i;
	for (xmlNode *c = ppj__xml_first(p); c; c = ppj__xml_next(c)) {
		struct ppj_path_op op = { 0 }, *slot;

		if (path_op(sc, c, &op))
			continue;
		slot = ppj_arena_push(sc->px->arena, &ops, &out->nops, &cap,
				      sizeof(*slot));
		if (!slot)
			return pptx_oom(sc->px);
		*slot = op;
	}
	out->ops = ops;
	return 0;
}

static int cust_geom(struct sctx *sc, xmlNode *cg, struct ppj_geom *g)
{
	struct ppj_geom_def *d = ppj_arena_alloc(sc->px->arena, sizeof(*d));
	xmlNode *rect = ppj__xml_child(cg, NS_A, "rect");
	struct ppj_guide *av = NULL, *gd = NULL;
	struct ppj_path *paths = NULL;
	size_t cap = 0;
	int rc;

	if (!d)
		return pptx_oom(sc->px);
	rc = guides(sc, ppj__xml_child(cg, NS_A, "avLst"), &av, &d->nav);
	if (!rc)
		rc = guides(sc, ppj__xml_child(cg, NS_A, "gdLst"), &gd,
			    &d->ngd);
	if (rc)
		return rc;
	d->av = av;
	d->gd = gd;
	if (rect) {
		static const char *const lt[4] = { "l", "t", "r", "b" };

		for (int i = 0; i < 4; i++)
			d->rect[i] = coord(sc, rect, lt[i]);
	}
	for (xmlNode *p = ppj__xml_first(ppj__xml_child(cg, NS_A, "pathLst"));
	     p; p = ppj__xml_next(p)) {
		struct ppj_path *slot;

		if (!ppj__xml_is(p, NS_A, "path"))
			continue;
		slot = ppj_arena_push(sc->px->arena, &paths, &d->npaths, &cap,
				      sizeof(*slot));
		if (!slot || (rc = one_path(sc, p, slot)))
			return slot ? rc : pptx_oom(sc->px);
	}
	d->paths = paths;
	g->custom = d;
	g->preset = NULL;
	return 0;
}

/*
 * Reads the geometry of an spPr: a:prstGeom (name and adjust values) or
 * a:custGeom. Returns 1 when spPr has neither (out untouched).
 */
int pptx_geom(struct sctx *sc, xmlNode *sppr, struct ppj_geom *out)
{
	xmlNode *pg = ppj__xml_child(sppr, NS_A, "prstGeom");
	xmlNode *cg = ppj__xml_child(sppr, NS_A, "custGeom");

	if (pg) {
		memset(out, 0, sizeof(*out));
		out->preset = pptx_str(sc->px, ppj__xml_attr(pg, "prst"));
		if (!out->preset)
			out->preset = "rect";
		return guides(sc, ppj__xml_child(pg, NS_A, "avLst"),
			      &out->adj, &out->nadj);
	}
	if (cg) {
		memset(out, 0, sizeof(*out));
		return cust_geom(sc, cg, out);
	}
	return 1;
}

/* ---- media ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Pixel size of PNG, GIF and JPEG data; 0 when unknown. */
static void pixel_size(struct ppj_media *m)
{
	const unsigned char *d = m->data;
	size_t n = m->len;

	if (n >= 24 && memcmp(d, "\x89PNG", 4) == 0) {
		m->px_w = be32(d + 16);
		m->px_h = be32(d + 20);
	} else if (n >= 10 && memcmp(d, "GIF8", 4) == 0) {
		m->px_w = d[6] | d[7] << 8;
		m->px_h = d[8] | d[9] << 8;
	} else if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8) {
		size_t i = 2;

		while (i + 9 < n && d[i] == 0xFF) {
			unsigned mk = d[i + 1];
			size_t len = (size_t)d[i + 2] << 8 | d[i + 3];

			if (mk >= 0xC0 && mk <= 0xCF && mk != 0xC4 &&
			    mk != 0xC8 && mk != 0xCC) {
				m->px_h = d[i + 5] << 8 | d[i + 6];
				m->px_w = d[i + 7] << 8 | d[i + 8];
				return;
			}
			i += 2 + len;
		}
	}
}

/* The PNG pHYs resolution in dots per inch; 0 when absent. */
static double png_dpi(const unsigned char *d, size_t n, bool vert)
{
	size_t i = 8;

	for (int k = 0; k < 64 && i + 12 <= n; k++) {
		uint32_t len = be32(d + i);

		if (memcmp(d + i + 4, "IDAT", 4) == 0 || len > n - i - 12)
			return 0;
		if (memcmp(d + i + 4, "pHYs", 4) == 0 && len >= 9 &&
		    d[i + 16] == 1)
			return be32(d + i + 8 + (vert ? 4 : 0)) * 0.0254;
		i += 12 + (size_t)len;
	}
	return 0;
}

/* The JFIF density in dots per inch; 0 when absent or only an aspect. */
static double jpeg_dpi(const unsigned char *d, size_t n, bool vert)
{
	unsigned v;

	if (n < 18 || d[2] != 0xFF || d[3] != 0xE0 ||
	    memcmp(d + 6, "JFIF", 5) != 0)
		return 0;
	v = vert ? (unsigned)(d[16] << 8 | d[17]) :
		(unsigned)(d[14] << 8 | d[15]);
	return d[13] == 1 ? v : d[13] == 2 ? v * 2.54 : 0;
}

/*
 * The scale that turns a picture's pixels (taken as CSS pixels, 96 to
 * the inch) into its natural size, which its own resolution sets: a
 * 75 dpi picture is 96/75 times larger. 1 when the resolution is
 * unknown or implausible.
 */
static double dpi_scale(const struct ppj_media *m, bool vert)
{
	double dpi = 0;

	if (!m || !m->data)
		return 1;
	if (m->len >= 8 && memcmp(m->data, "\x89PNG", 4) == 0)
		dpi = png_dpi(m->data, m->len, vert);
	else if (m->len >= 4 && m->data[0] == 0xFF && m->data[1] == 0xD8)
		dpi = jpeg_dpi(m->data, m->len, vert);
	return dpi >= 10 && dpi <= 10000 ? 96 / dpi : 1;
}

static const char *guess_type(const char *name)
{
	static const char *const map[][2] = {
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
		{ ".svg", "image/svg+xml" }, { ".emf", "image/x-emf" },
		{ ".wmf", "image/x-wmf" }, { ".bmp", "image/bmp" },
		{ ".tif", "image/tiff" }, { ".tiff", "image/tiff" },
		{ ".pict", "image/x-pict" }, { ".pct", "image/x-pict" },
		{ ".mp4", "video/mp4" }, { ".mp3", "audio/mpeg" },
		{ ".wav", "audio/wav" },
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof(map) / sizeof(*map); i++)
		if (strcasecmp(dot, map[i][0]) == 0)
			return map[i][1];
	return "application/octet-stream";
}

static unsigned media_bucket(const char *name)
{
	unsigned h = 5381;

	for (; *name; name++)
		h = h * 33 + (unsigned char)*name;
	return h % MEDIA_BUCKETS;
}

/*
 * A new media entry in the deck. key (a part name) makes it findable
 * with find_media; external media pass NULL.
 */
static struct ppj_media *new_media(struct pptx *px, const char *key)
{
	struct ppj_media **slot, *m;

	m = ppj_arena_alloc(px->arena, sizeof(*m));
	slot = ppj_arena_push(px->arena, &px->deck->media, &px->deck->nmedia,
			      &px->cmedia, sizeof(*slot));
	if (!m || !slot)
		return NULL;
	*slot = m;
	m->id = (int)px->deck->nmedia;
	if (key) {
		struct media_key *k = ppj_arena_alloc(px->arena, sizeof(*k));
		unsigned h = media_bucket(key);

		if (!k || !(k->part = pptx_str(px, key)))
			return NULL;
		k->media = m;
		k->next = px->media_hash[h];
		px->media_hash[h] = k;
	}
	return m;
}

static struct ppj_media *find_media(struct pptx *px, const char *name)
{
	for (struct media_key *k = px->media_hash[media_bucket(name)]; k;
	     k = k->next)
		if (strcmp(k->part, name) == 0)
			return k->media;
	return NULL;
}

static bool is_svg(struct pptx *px, const char *name)
{
	const char *type = ppj__opc_content_type(px->opc, name);

	if (!type || strcmp(type, "application/octet-stream") == 0)
		type = guess_type(name);
	return strcmp(type, "image/svg+xml") == 0;
}

/* Replaces *data with the SVG picture less what could run or fetch. */
static int clean_svg(const char *name, unsigned char **data, size_t *len,
		     struct ppj_error *err)
{
	unsigned char *clean;
	size_t n;
	int rc = ppj__svg_clean(*data, *len, name, &clean, &n, err);

	free(*data);
	*data = clean;
	*len = n;
	return rc;
}

static int read_media(struct pptx *px, const char *name,
		      struct ppj_media **out, struct ppj_slide *ms)
{
	struct ppj_error local = { 0 };
	const char *slash = strrchr(name, '/');
	struct ppj_media *m;
	unsigned char *data, *copy;
	size_t len;
	int rc;

	rc = ppj__opc_read(px->opc, name, &data, &len, &local);
	if (!rc && is_svg(px, name))
		rc = clean_svg(name, &data, &len, &local);
	if (rc == PPJ_ETOOLARGE || rc == PPJ_ENOMEM)
		return ppj__error(px->err, rc, "%s", local.msg);
	if (rc) {
		ppj_warn(px->deck, ms, "missing-picture", "%s", local.msg);
		return 0;
	}
	copy = ppj_arena_alloc(px->arena, len + 1);
	m = copy ? new_media(px, name) : NULL;
	if (copy)
		memcpy(copy, data, len);
	free(data);
	if (!m)
		return pptx_oom(px);
	m->data = copy;
	m->len = len;
	m->name = pptx_str(px, slash ? slash + 1 : name);
	m->content_type = pptx_str(px, ppj__opc_content_type(px->opc, name));
	if (!m->content_type || strcmp(m->content_type,
				       "application/octet-stream") == 0)
		m->content_type = guess_type(name);
	pixel_size(m);
	*out = m;
	return 0;
}

/*
 * The media a relationship id of the current part points to, read once
 * per part. A missing or external target is a warning and *out NULL
 * (external media get an entry with only the address, never fetched).
 */
int pptx_media(struct sctx *sc, const char *rid, struct ppj_media **out)
{
	struct pptx *px = sc->px;
	const struct ppj_rel *rel = ppj__rel_by_id(sc->owner->rels, rid);

	*out = NULL;
	if (!rid)
		return 0;
	if (rel && rel->external) {
		struct ppj_media *m = new_media(px, NULL);

		if (!m)
			return pptx_oom(px);
		m->external = pptx_str(px, rel->target);
		m->name = "";
		m->content_type = guess_type(rel->target);
		ppj_warn(px->deck, sc->slide, "linked-media", "linked media "
			 "'%s' is not fetched", rel->target);
		*out = m;
		return 0;
	}
	if (!rel || !rel->target || !ppj__opc_has(px->opc, rel->target)) {
		ppj_warn(px->deck, sc->slide, "missing-picture", "picture "
			 "'%s' of '%s' is missing", rid, sc->owner->name);
		return 0;
	}
	*out = find_media(px, rel->target);
	if (*out)
		return 0;
	return read_media(px, rel->target, out, sc->slide);
}

/*
 * The part whose relationships a node's r:ids refer to: the part whose
 * document holds the node. A fill inherited from a layout placeholder, a
 * bullet picture of the master's text styles or a theme's picture fill
 * all name relationships of their own part, not of the slide.
 */
static struct part *rels_owner(struct sctx *sc, const xmlNode *n)
{
	const struct theme *th = sc->cc.theme;

	if (!n || !n->doc || (sc->owner && sc->owner->doc == n->doc))
		return sc->owner;
	for (struct part *p = sc->slide_part; p; p = p->parent)
		if (p->doc == n->doc)
			return p;
	if (th && th->doc == n->doc && th->owner)
		return th->owner;
	return sc->owner;
}

/* The picture of an a:blip, preferring its SVG version when it has one. */
int pptx_blip_media(struct sctx *sc_in, xmlNode *blip,
		    struct ppj_media **out)
{
	xmlNode *ext = ppj__xml_child(blip, NS_A, "extLst");
	struct sctx scl = *sc_in, *sc = &scl;
	const char *rid;

	*out = NULL;
	if (!blip)
		return 0;
	sc->owner = rels_owner(sc_in, blip);
	for (xmlNode *e = ppj__xml_first(ext); e; e = ppj__xml_next(e))
		for (xmlNode *s = ppj__xml_first(e); s; s = ppj__xml_next(s)) {
			if (ppj__ns_of(s) != PPJ_NS_ASVG ||
			    strcmp((const char *)s->name, "svgBlip") != 0)
				continue;
			rid = ppj__xml_attr_ns(s, NS_R, "embed");
			if (rid && ppj__rel_by_id(sc->owner->rels, rid))
				return pptx_media(sc, rid, out);
		}
	rid = ppj__xml_attr_ns(blip, NS_R, "embed");
	if (!rid)
		rid = ppj__xml_attr_ns(blip, NS_R, "link");
	if (!rid) {
		ppj_warn(sc->px->deck, sc->slide, "missing-picture", "a "
			 "picture without a reference");
		return 0;
	}
	return pptx_media(sc, rid, out);
}

/* ---- background ---- */

static int bg_ref(struct sctx *sc, xmlNode *ref, struct ppj_fill *out)
{
	const struct theme *th = sc->cc.theme;
	int64_t idx = ppj__xml_int(ref, "idx", 0);
	struct ppj_color ph = ppj_rgb(255, 255, 255);
	struct sctx sub = *sc;
	xmlNode *el;

	pptx_color_in(&sc->cc, ref, &ph);
	sub.cc.ph = &ph;
	if (th)
		sub.owner = th->owner;
	el = idx >= 1001 ? pptx_style_entry(th ? th->bg_styles : NULL,
					     idx - 1000)
			 : pptx_style_entry(th ? th->fill_styles : NULL, idx);
	if (!el) {
		out->kind = PPJ_FILL_SOLID;
		out->color = ph;
		return 0;
	}
	return pptx_fill(&sub, el, out);
}

/* The background of the slide: slide, then layout, then master. */
int pptx_bg(struct sctx *sc, struct ppj_fill *out)
{
	struct part *saved = sc->owner;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->kind = PPJ_FILL_SOLID;
	out->color = ppj_rgb(255, 255, 255);
	for (struct part *p = sc->slide_part; p; p = p->parent) {
		xmlNode *bg = ppj__xml_child(p->csld, NS_P, "bg");
		xmlNode *pr = ppj__xml_child(bg, NS_P, "bgPr");
		xmlNode *ref = ppj__xml_child(bg, NS_P, "bgRef");

		if (!pr && !ref)
			continue;
		sc->owner = p;
		if (pr && pptx_find_fill(pr))
			rc = pptx_fill(sc, pptx_find_fill(pr), out);
		else if (ref)
			rc = bg_ref(sc, ref, out);
		break;
	}
	sc->owner = saved;
	return rc;
}

/* ---- click actions ---- */

/*
 * The number (1..) of the first slide stored in part name, or 0: a lower
 * bound in the sorted slide list.
 */
static int slide_of_part(struct pptx *px, const char *name)
{
	size_t lo = 0, hi = px->nslide_names;

	if (!name || !px->slide_sorted)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(px->slide_sorted[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < px->nslide_names &&
	    strcmp(px->slide_sorted[lo].name, name) == 0)
		return px->slide_sorted[lo].number;
	return 0;
}

/* Reads an a:hlinkClick into a link (left empty when unusable). */
void pptx_link(struct sctx *sc, xmlNode *h, struct ppj_link *out)
{
	const char *action = ppj__xml_attr(h, "action");
	const char *rid = ppj__xml_attr_ns(h, NS_R, "id");
	const struct ppj_rel *rel = ppj__rel_by_id(sc->owner->rels, rid);
	int cur = sc->slide ? sc->slide->number : 0;
	int n = (int)sc->px->nslide_names;

	memset(out, 0, sizeof(*out));
	if (!h)
		return;
	out->tooltip = pptx_str(sc->px, ppj__xml_attr(h, "tooltip"));
	if (action && strstr(action, "hlinksldjump")) {
		out->slide = rel ? slide_of_part(sc->px, rel->target) : 0;
	} else if (action && strstr(action, "jump=firstslide")) {
		out->slide = 1;
	} else if (action && strstr(action, "jump=lastslide")) {
		out->slide = n;
	} else if (action && strstr(action, "jump=nextslide")) {
		out->slide = cur < n ? cur + 1 : 0;
	} else if (action && strstr(action, "jump=previousslide")) {
		out->slide = cur > 1 ? cur - 1 : 0;
	} else if (rel && rel->external) {
		out->url = pptx_str(sc->px, rel->target);
	}
}
