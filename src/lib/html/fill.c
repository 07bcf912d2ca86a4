/*
 * Fills and lines as SVG paint: solid colours, linear and radial
 * gradients, the 54 preset patterns as 8x8 <pattern> tiles, picture fills
 * as <pattern><image>, strokes with PowerPoint's dash presets, caps,
 * joins and arrowheads as markers. Also the CSS form of a fill for slide
 * backgrounds and table cells.
 */
#include <math.h>
#include <string.h>

#include "render-int.h"

/* ---- preset patterns ---- */

struct patt {
	const char *name;
	unsigned char rows[8];	/* bit 7 is the leftmost pixel */
};

static const struct patt patterns[] = {
	{ "pct5", { 0x80, 0, 0, 0, 0x08, 0, 0, 0 } },
	{ "pct10", { 0x80, 0, 0x08, 0, 0x80, 0, 0x08, 0 } },
	{ "pct20", { 0x88, 0, 0x22, 0, 0x88, 0, 0x22, 0 } },
	{ "pct25", { 0x88, 0x22, 0x88, 0x22, 0x88, 0x22, 0x88, 0x22 } },
	{ "pct30", { 0xaa, 0x44, 0xaa, 0x11, 0xaa, 0x44, 0xaa, 0x11 } },
	{ "pct40", { 0xaa, 0x55, 0xaa, 0x51, 0xaa, 0x55, 0xaa, 0x15 } },
	{ "pct50", { 0xaa, 0x55, 0xaa, 0x55, 0xaa, 0x55, 0xaa, 0x55 } },
	{ "pct60", { 0xee, 0x55, 0xbb, 0x55, 0xee, 0x55, 0xbb, 0x55 } },
	{ "pct70", { 0x77, 0xbb, 0xee, 0xbb, 0x77, 0xbb, 0xee, 0xbb } },
	{ "pct75", { 0x77, 0xdd, 0x77, 0xdd, 0x77, 0xdd, 0x77, 0xdd } },
	{ "pct80", { 0x77, 0xff, 0xdd, 0xff, 0x77, 0xff, 0xdd, 0xff } },
	{ "pct90", { 0x7f, 0xff, 0xf7, 0xff, 0x7f, 0xff, 0xf7, 0xff } },
	{ "horz", { 0xff, 0, 0, 0, 0, 0, 0, 0 } },
	{ "vert", { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80 } },
	{ "ltHorz", { 0xff, 0, 0, 0, 0xff, 0, 0, 0 } },
	{ "ltVert", { 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88 } },
	{ "dkHorz", { 0xff, 0xff, 0, 0, 0xff, 0xff, 0, 0 } },
	{ "dkVert", { 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc } },
	{ "narHorz", { 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0 } },
	{ "narVert", { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa } },
	{ "dashHorz", { 0xf0, 0, 0, 0, 0x0f, 0, 0, 0 } },
	{ "dashVert", { 0x80, 0x80, 0x80, 0x80, 0x08, 0x08, 0x08, 0x08 } },
	{ "cross", { 0xff, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80 } },
	{ "dnDiag", { 0x88, 0x44, 0x22, 0x11, 0x88, 0x44, 0x22, 0x11 } },
	{ "upDiag", { 0x11, 0x22, 0x44, 0x88, 0x11, 0x22, 0x44, 0x88 } },
	{ "ltDnDiag", { 0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01 } },
	{ "ltUpDiag", { 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80 } },
	{ "dkDnDiag", { 0xcc, 0x66, 0x33, 0x99, 0xcc, 0x66, 0x33, 0x99 } },
	{ "dkUpDiag", { 0x33, 0x66, 0xcc, 0x99, 0x33, 0x66, 0xcc, 0x99 } },
	{ "wdDnDiag", { 0xc1, 0xe0, 0x70, 0x38, 0x1c, 0x0e, 0x07, 0x83 } },
	{ "wdUpDiag", { 0x83, 0x07, 0x0e, 0x1c, 0x38, 0x70, 0xe0, 0xc1 } },
	{ "dashDnDiag", { 0x88, 0x44, 0x22, 0x11, 0, 0, 0, 0 } },
	{ "dashUpDiag", { 0x11, 0x22, 0x44, 0x88, 0, 0, 0, 0 } },
	{ "diagCross", { 0x81, 0x42, 0x24, 0x18, 0x18, 0x24, 0x42, 0x81 } },
	{ "smCheck", { 0x99, 0x66, 0x66, 0x99, 0x99, 0x66, 0x66, 0x99 } },
	{ "lgCheck", { 0xf0, 0xf0, 0xf0, 0xf0, 0x0f, 0x0f, 0x0f, 0x0f } },
	{ "smGrid", { 0xff, 0x88, 0x88, 0x88, 0xff, 0x88, 0x88, 0x88 } },
	{ "lgGrid", { 0xff, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80 } },
	{ "dotGrid", { 0xaa, 0, 0x80, 0, 0x80, 0, 0x80, 0 } },
	{ "smConfetti", { 0x80, 0x04, 0x40, 0x02, 0x20, 0x01, 0x10, 0x08 } },
	{ "lgConfetti", { 0xc0, 0xc6, 0x18, 0x18, 0x03, 0x63, 0x60, 0x0c } },
	{ "horzBrick", { 0xff, 0x80, 0x80, 0x80, 0xff, 0x08, 0x08, 0x08 } },
	{ "diagBrick", { 0x80, 0x40, 0x20, 0x10, 0x28, 0x44, 0x82, 0x01 } },
	{ "solidDmnd", { 0x08, 0x1c, 0x3e, 0x7f, 0x3e, 0x1c, 0x08, 0 } },
	{ "openDmnd", { 0x80, 0x41, 0x22, 0x14, 0x08, 0x14, 0x22, 0x41 } },
	{ "dotDmnd", { 0x80, 0, 0x22, 0, 0x08, 0, 0x22, 0 } },
	{ "plaid", { 0xaa, 0x55, 0xaa, 0x55, 0xf0, 0xf0, 0xf0, 0xf0 } },
	{ "sphere", { 0x77, 0x98, 0xf8, 0xf8, 0x77, 0x89, 0x8f, 0x8f } },
	{ "weave", { 0x88, 0x54, 0x22, 0x45, 0x88, 0x14, 0x22, 0x51 } },
	{ "divot", { 0, 0x08, 0x04, 0x08, 0, 0x80, 0x40, 0x80 } },
	{ "shingle", { 0x03, 0x84, 0x48, 0x30, 0x0c, 0x02, 0x01, 0x01 } },
	{ "wave", { 0, 0x18, 0xa4, 0x03, 0, 0x18, 0xa4, 0x03 } },
	{ "trellis", { 0xff, 0x66, 0xff, 0x99, 0xff, 0x66, 0xff, 0x99 } },
	{ "zigZag", { 0x81, 0x42, 0x24, 0x18, 0x81, 0x42, 0x24, 0x18 } },
};

static const struct patt *patt_find(const char *name)
{
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		if (ppj_streq(patterns[i].name, name))
			return &patterns[i];
	return &patterns[6];	/* pct50 */
}

/* Appends SVG path data of the set pixels of an 8x8 tile. */
static void patt_path(struct ppj_buf *b, const struct patt *p)
{
	for (int y = 0; y < 8; y++) {
		for (int x = 0; x < 8; x++) {
			int run = 0;

			while (x + run < 8 &&
			       (p->rows[y] & (0x80 >> (x + run))))
				run++;
			if (run) {
				ppj_buf_printf(b, "M%d %dh%dv1h-%dz", x, y, run,
					       run);
				x += run;
			}
		}
	}
}

/* ---- paint servers ---- */

static void stops(struct ppj_buf *defs, const struct ppj_fill *f)
{
	size_t n = f->nstops > 64 ? 64 : f->nstops;

	for (size_t i = 0; i < n; i++) {
		const struct ppj_grad_stop *s = &f->stops[i];

		ppj_buf_adds(defs, "<stop offset=\"");
		ppj_buf_add_num(defs, s->pos < 0 ? 0 : s->pos > 1 ? 1 : s->pos,
				4);
		ppj_buf_adds(defs, "\" stop-color=\"");
		render_hex(defs, s->color);
		ppj_buf_adds(defs, "\"");
		if (s->color.alpha < 0.999) {
			ppj_buf_adds(defs, " stop-opacity=\"");
			ppj_buf_add_num(defs, s->color.alpha, 3);
			ppj_buf_adds(defs, "\"");
		}
		ppj_buf_adds(defs, "/>");
	}
}

/*
 * A linear gradient along grad_angle. Its ends are where the lines at
 * right angles to the direction touch the box's far corners, as in
 * DrawingML. Scaled gradients take the angle in the unit square.
 */
static void linear(struct ppj_buf *defs, const struct ppj_fill *f,
		   double w, double h, int id)
{
	double a = f->grad_angle * M_PI / 180.0;
	double dx = cos(a), dy = sin(a), half;
	double bw = f->grad_scaled ? 1 : w, bh = f->grad_scaled ? 1 : h;

	half = (fabs(bw * dx) + fabs(bh * dy)) / 2;
	ppj_buf_printf(defs, "<linearGradient id=\"g%d\" gradientUnits=\"%s\""
		       " x1=\"", id, f->grad_scaled ? "objectBoundingBox" :
		       "userSpaceOnUse");
	render_num(defs, bw / 2 - dx * half);
	ppj_buf_adds(defs, "\" y1=\"");
	render_num(defs, bh / 2 - dy * half);
	ppj_buf_adds(defs, "\" x2=\"");
	render_num(defs, bw / 2 + dx * half);
	ppj_buf_adds(defs, "\" y2=\"");
	render_num(defs, bh / 2 + dy * half);
	ppj_buf_adds(defs, "\">");
	stops(defs, f);
	ppj_buf_adds(defs, "</linearGradient>");
}

/* A path gradient from the focus rectangle out to the box's corners. */
static void radial(struct ppj_buf *defs, const struct ppj_fill *f, int id)
{
	double cx = (f->fill_to.l + 1 - f->fill_to.r) / 2;
	double cy = (f->fill_to.t + 1 - f->fill_to.b) / 2;
	double rx = fmax(cx, 1 - cx), ry = fmax(cy, 1 - cy);
	double r = sqrt(rx * rx + ry * ry);

	if (f->grad_path == PPJ_GRAD_RECT || f->grad_path == PPJ_GRAD_SHAPE)
		r = fmax(rx, ry);
	ppj_buf_printf(defs, "<radialGradient id=\"g%d\" cx=\"", id);
	ppj_buf_add_num(defs, cx, 3);
	ppj_buf_adds(defs, "\" cy=\"");
	ppj_buf_add_num(defs, cy, 3);
	ppj_buf_adds(defs, "\" r=\"");
	ppj_buf_add_num(defs, r, 3);
	ppj_buf_adds(defs, "\">");
	stops(defs, f);
	ppj_buf_adds(defs, "</radialGradient>");
}

static void pattern(struct ppj_buf *defs, const struct ppj_fill *f, int id)
{
	ppj_buf_printf(defs, "<pattern id=\"g%d\" patternUnits=\"userSpaceOn"
		       "Use\" width=\"8\" height=\"8\"><rect width=\"8\" "
		       "height=\"8\" fill=\"", id);
	render_css_color(defs, f->bg);
	ppj_buf_adds(defs, "\"/><path fill=\"");
	render_css_color(defs, f->fg);
	ppj_buf_adds(defs, "\" d=\"");
	patt_path(defs, patt_find(f->pattern));
	ppj_buf_adds(defs, "\"/></pattern>");
}

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* A channel's table of a duotone: from where black goes to white's. */
static void duo_channel(struct ppj_buf *defs, char ch, double a, double b)
{
	ppj_buf_printf(defs, "<feFunc%c type=\"table\" tableValues=\"", ch);
	ppj_buf_add_num(defs, a / 255, 4);
	ppj_buf_addc(defs, ' ');
	ppj_buf_add_num(defs, b / 255, 4);
	ppj_buf_adds(defs, "\"/>");
}

/* Brightness and contrast as one linear map of each channel. */
static void lum_part(struct ppj_buf *defs, const struct ppj_fill *f)
{
	double k = f->contrast >= 0 ? 1 / fmax(1 - f->contrast, 0.01) :
		   1 + f->contrast;
	double off = 0.5 - 0.5 * k + f->bright;
	const char *ch = "RGB";

	ppj_buf_adds(defs, "<feComponentTransfer>");
	for (int i = 0; i < 3; i++) {
		ppj_buf_printf(defs, "<feFunc%c type=\"linear\" slope=\"",
			       ch[i]);
		ppj_buf_add_num(defs, k, 4);
		ppj_buf_adds(defs, "\" intercept=\"");
		ppj_buf_add_num(defs, off, 4);
		ppj_buf_adds(defs, "\"/>");
	}
	ppj_buf_adds(defs, "</feComponentTransfer>");
}

/* Brightness or contrast changed (a:lum). */
static bool lum_changed(const struct ppj_fill *f)
{
	return fabs(f->bright) > 0.001 || fabs(f->contrast) > 0.001;
}

bool render_recolored(const struct ppj_fill *f)
{
	return f->kind == PPJ_FILL_PICTURE &&
	       (f->recolor != PPJ_RECOLOR_NONE || lum_changed(f));
}

int render_recolor_filter(struct rctx *c, const struct ppj_fill *f,
			  struct ppj_buf *defs)
{
	bool lum = lum_changed(f);
	int id;

	if (!render_recolored(f))
		return 0;
	id = ++c->uid;
	ppj_buf_printf(defs, "<filter id=\"g%d\" color-interpolation-"
		       "filters=\"sRGB\">", id);
	if (lum)
		lum_part(defs, f);
	if (f->recolor == PPJ_RECOLOR_GRAY)
		ppj_buf_adds(defs, "<feColorMatrix type=\"saturate\" "
			     "values=\"0\"/>");
	if (f->recolor == PPJ_RECOLOR_DUOTONE) {
		/* Each channel becomes the luminance (Rec. 709), then maps. */
		ppj_buf_adds(defs, "<feColorMatrix type=\"matrix\" values=\"");
		for (int i = 0; i < 3; i++)
			ppj_buf_adds(defs, "0.2126 0.7152 0.0722 0 0 ");
		ppj_buf_adds(defs, "0 0 0 1 0\"/><feComponentTransfer>");
		duo_channel(defs, 'R', f->duo[0].r, f->duo[1].r);
		duo_channel(defs, 'G', f->duo[0].g, f->duo[1].g);
		duo_channel(defs, 'B', f->duo[0].b, f->duo[1].b);
		ppj_buf_adds(defs, "</feComponentTransfer>");
	}
	ppj_buf_adds(defs, "</filter>");
	return id;
}

/*
 * A picture stretched into the fill rectangle (crop applied by placing
 * the whole image so that only the cropped part lands there), or tiled
 * at its own size times the tile scale.
 */
static bool picture(struct rctx *c, struct ppj_buf *defs,
		    const struct ppj_fill *f, double w, double h, int id)
{
	const char *path = f->media ? render_media(c, f->media) : NULL;
	double x, y, iw, ih, cw, ch;
	int filter;

	if (!path)
		return false;

	/* The filter goes before the pattern that uses it. */
	filter = render_recolor_filter(c, f, defs);
	if (f->tile) {
		iw = (f->media->px_w > 0 ? (double)f->media->px_w : w / 4) *
			(f->tile_sx > 0 ? f->tile_sx : 1);
		ih = (f->media->px_h > 0 ? (double)f->media->px_h : h / 4) *
			(f->tile_sy > 0 ? f->tile_sy : 1);
		iw = fmax(iw, 1);
		ih = fmax(ih, 1);
		ppj_buf_printf(defs, "<pattern id=\"g%d\" patternUnits=\"user"
			       "SpaceOnUse\" x=\"", id);
		render_px(defs, f->tile_tx);
		ppj_buf_adds(defs, "\" y=\"");
		render_px(defs, f->tile_ty);
		x = y = 0;
	} else {
		x = w * f->stretch.l;
		y = h * f->stretch.t;
		cw = w * (1 - f->stretch.l - f->stretch.r);
		ch = h * (1 - f->stretch.t - f->stretch.b);
		iw = cw / fmax(1 - f->crop.l - f->crop.r, 0.01);
		ih = ch / fmax(1 - f->crop.t - f->crop.b, 0.01);
		x -= iw * f->crop.l;
		y -= ih * f->crop.t;
		ppj_buf_printf(defs, "<pattern id=\"g%d\" patternUnits=\"user"
			       "SpaceOnUse\" x=\"0\" y=\"0", id);
		iw = fmax(iw, 0.01);
		ih = fmax(ih, 0.01);
	}
	ppj_buf_adds(defs, "\" width=\"");
	render_num(defs, f->tile ? iw : fmax(w, 0.01));
	ppj_buf_adds(defs, "\" height=\"");
	render_num(defs, f->tile ? ih : fmax(h, 0.01));
	ppj_buf_adds(defs, "\"><image preserveAspectRatio=\"none\" x=\"");
	render_num(defs, x);
	ppj_buf_adds(defs, "\" y=\"");
	render_num(defs, y);
	ppj_buf_adds(defs, "\" width=\"");
	render_num(defs, iw);
	ppj_buf_adds(defs, "\" height=\"");
	render_num(defs, ih);
	ppj_buf_adds(defs, "\" href=\"../assets/");
	ppj_buf_add_html(defs, path);
	ppj_buf_adds(defs, "\"");
	if (filter)
		ppj_buf_printf(defs, " filter=\"url(#g%d)\"", filter);
	if (f->pic_alpha > 0 && f->pic_alpha < 0.999) {
		ppj_buf_adds(defs, " opacity=\"");
		ppj_buf_add_num(defs, clamp01(f->pic_alpha), 3);
		ppj_buf_adds(defs, "\"");
	}
	ppj_buf_adds(defs, "/></pattern>");
	return true;
}

void render_paint(struct rctx *c, const struct ppj_fill *fill,
		  double w, double h, struct ppj_buf *defs,
		  struct ppj_buf *paint, double *opacity)
{
	int id;

	*opacity = 1;
	switch (fill->kind) {
	case PPJ_FILL_SOLID:
		render_hex(paint, fill->color);
		*opacity = clamp01(fill->color.alpha);
		return;
	case PPJ_FILL_GRADIENT:
		if (!fill->nstops || !fill->stops)
			break;
		id = ++c->uid;
		if (fill->grad_path == PPJ_GRAD_LINEAR)
			linear(defs, fill, w, h, id);
		else
			radial(defs, fill, id);
		ppj_buf_printf(paint, "url(#g%d)", id);
		return;
	case PPJ_FILL_PATTERN:
		id = ++c->uid;
		pattern(defs, fill, id);
		ppj_buf_printf(paint, "url(#g%d)", id);
		return;
	case PPJ_FILL_PICTURE:
		id = ++c->uid;
		if (!picture(c, defs, fill, w, h, id))
			break;
		ppj_buf_printf(paint, "url(#g%d)", id);
		return;
	default:
		break;
	}
	ppj_buf_adds(paint, "none");
}

/* A colour that stands for a fill where only one colour fits. */
static bool fill_color(const struct ppj_fill *f, struct ppj_color *out)
{
	switch (f->kind) {
	case PPJ_FILL_SOLID:
		*out = f->color;
		return true;
	case PPJ_FILL_GRADIENT:
		if (!f->nstops || !f->stops)
			return false;
		*out = f->stops[0].color;
		return true;
	case PPJ_FILL_PATTERN:
		*out = f->fg;
		return true;
	default:
		return false;
	}
}

/* ---- CSS fills ---- */

static void css_gradient(const struct ppj_fill *f, struct ppj_buf *b)
{
	size_t n = f->nstops > 64 ? 64 : f->nstops;

	if (f->grad_path == PPJ_GRAD_LINEAR) {
		ppj_buf_adds(b, "background:linear-gradient(");
		render_num(b, f->grad_angle + 90);
		ppj_buf_adds(b, "deg");
	} else {
		ppj_buf_adds(b, "background:radial-gradient(farthest-corner "
			     "at ");
		render_num(b, (f->fill_to.l + 1 - f->fill_to.r) * 50);
		ppj_buf_adds(b, "% ");
		render_num(b, (f->fill_to.t + 1 - f->fill_to.b) * 50);
		ppj_buf_adds(b, "%");
	}
	for (size_t i = 0; i < n; i++) {
		ppj_buf_adds(b, ",");
		render_css_color(b, f->stops[i].color);
		ppj_buf_adds(b, " ");
		render_num(b, clamp01(f->stops[i].pos) * 100);
		ppj_buf_adds(b, "%");
	}
	ppj_buf_adds(b, ");");
}

void render_css_fill(struct rctx *c, const struct ppj_fill *fill,
		     struct ppj_buf *b)
{
	struct ppj_color col;
	const char *path;

	if (fill->kind == PPJ_FILL_GRADIENT && fill->nstops && fill->stops) {
		css_gradient(fill, b);
		return;
	}
	if (fill->kind == PPJ_FILL_PICTURE && fill->media &&
	    (path = render_media(c, fill->media))) {
		ppj_buf_adds(b, "background:url(&quot;../assets/");
		ppj_buf_add_html(b, path);
		ppj_buf_adds(b, fill->tile ? "&quot;);" :
			     "&quot;) 0 0/100% 100% no-repeat;");
		return;
	}
	if (fill_color(fill, &col)) {
		ppj_buf_adds(b, "background:");
		render_css_color(b, col);
		ppj_buf_adds(b, ";");
	}
}

/* ---- lines ---- */

struct dash_preset {
	const char *name;
	const char *pattern;	/* in line widths */
	double v[6];
	int n;
};

static const struct dash_preset dashes[] = {
	{ "dash", NULL, { 4, 3 }, 2 },
	{ "dashDot", NULL, { 4, 3, 1, 3 }, 4 },
	{ "dot", NULL, { 1, 3 }, 2 },
	{ "lgDash", NULL, { 8, 3 }, 2 },
	{ "lgDashDot", NULL, { 8, 3, 1, 3 }, 4 },
	{ "lgDashDotDot", NULL, { 8, 3, 1, 3, 1, 3 }, 6 },
	{ "sysDash", NULL, { 3, 1 }, 2 },
	{ "sysDot", NULL, { 1, 1 }, 2 },
	{ "sysDashDot", NULL, { 3, 1, 1, 1 }, 4 },
	{ "sysDashDotDot", NULL, { 3, 1, 1, 1, 1, 1 }, 6 },
};

static void dash_attr(const struct ppj_line *l, double lw,
		      struct ppj_buf *b)
{
	const double *v = NULL;
	size_t n = 0;

	if (l->ndash && l->dashes) {
		v = l->dashes;
		n = l->ndash * 2 > 32 ? 32 : l->ndash * 2;
	} else if (l->dash && !ppj_streq(l->dash, "solid")) {
		for (size_t i = 0; i < sizeof(dashes) / sizeof(dashes[0]); i++)
			if (ppj_streq(dashes[i].name, l->dash)) {
				v = dashes[i].v;
				n = (size_t)dashes[i].n;
			}
	}
	if (!v)
		return;
	ppj_buf_adds(b, " stroke-dasharray=\"");
	for (size_t i = 0; i < n; i++) {
		if (i)
			ppj_buf_addc(b, ' ');
		render_num(b, fmax(v[i], 0.01) * lw);
	}
	ppj_buf_adds(b, "\"");
}

/*
 * An arrowhead as a marker in stroke-width units: PowerPoint sizes heads
 * at 2, 3 or 5 line widths for small, medium and large.
 */
static int marker(struct rctx *c, const struct ppj_arrow *a,
		  struct ppj_color col, bool start, struct ppj_buf *defs)
{
	static const double sz[3] = { 2, 3, 5 };
	double w = sz[a->w < 0 || a->w > 2 ? 1 : a->w];
	double l = sz[a->len < 0 || a->len > 2 ? 1 : a->len];
	int id = ++c->uid;

	ppj_buf_printf(defs, "<marker id=\"g%d\" markerUnits=\"strokeWidth\""
		       " orient=\"%s\" overflow=\"visible\" refX=\"", id,
		       start ? "auto-start-reverse" : "auto");
	render_num(defs, a->type == PPJ_END_DIAMOND ||
		   a->type == PPJ_END_OVAL ? l / 2 : l * 0.9);
	ppj_buf_adds(defs, "\" refY=\"");
	render_num(defs, w / 2);
	ppj_buf_adds(defs, "\" markerWidth=\"");
	render_num(defs, l);
	ppj_buf_adds(defs, "\" markerHeight=\"");
	render_num(defs, w);
	ppj_buf_adds(defs, "\">");
	switch (a->type) {
	case PPJ_END_OVAL:
		ppj_buf_adds(defs, "<ellipse cx=\"");
		render_num(defs, l / 2);
		ppj_buf_adds(defs, "\" cy=\"");
		render_num(defs, w / 2);
		ppj_buf_adds(defs, "\" rx=\"");
		render_num(defs, l / 2);
		ppj_buf_adds(defs, "\" ry=\"");
		render_num(defs, w / 2);
		ppj_buf_adds(defs, "\"");
		break;
	case PPJ_END_DIAMOND:
		ppj_buf_printf(defs, "<path d=\"M0 %gL%g 0L%g %gL%g %gZ\"",
			       w / 2, l / 2, l, w / 2, l / 2, w);
		break;
	case PPJ_END_STEALTH:
		ppj_buf_printf(defs, "<path d=\"M0 0L%g %gL0 %gL%g %gZ\"",
			       l, w / 2, w, l * 0.3, w / 2);
		break;
	case PPJ_END_ARROW:
		ppj_buf_printf(defs, "<path fill=\"none\" stroke-width=\"1\" "
			       "stroke=\"#%02x%02x%02x\" d=\"M0 0L%g %gL0 %g\"",
			       col.r, col.g, col.b, l, w / 2, w);
		break;
	default:
		ppj_buf_printf(defs, "<path d=\"M0 0L%g %gL0 %gZ\"", l, w / 2,
			       w);
		break;
	}
	ppj_buf_adds(defs, " fill=\"");
	if (a->type == PPJ_END_ARROW)
		ppj_buf_adds(defs, "none");
	else
		render_hex(defs, col);
	ppj_buf_adds(defs, "\"/></marker>");
	return id;
}

double render_line_px(const struct ppj_line *l)
{
	return l->width > 0 ? (double)l->width / PPJ_EMU_PER_PX : 1;
}

void render_stroke_attrs(struct rctx *c, const struct ppj_line *line,
			 struct ppj_buf *defs, double w, double h,
			 struct ppj_buf *b, bool markers)
{
	static const char *caps[] = { "butt", "round", "square" };
	static const char *joins[] = { "round", "bevel", "miter" };
	struct ppj_color col;
	double op, lw;

	if (line->fill.kind == PPJ_FILL_NONE) {
		ppj_buf_adds(b, " stroke=\"none\"");
		return;
	}
	lw = render_line_px(line);
	ppj_buf_adds(b, " stroke=\"");
	render_paint(c, &line->fill, w, h, defs, b, &op);
	ppj_buf_adds(b, "\" stroke-width=\"");
	render_num(b, lw);
	ppj_buf_adds(b, "\"");
	if (op < 0.999) {
		ppj_buf_adds(b, " stroke-opacity=\"");
		ppj_buf_add_num(b, op, 3);
		ppj_buf_adds(b, "\"");
	}
	ppj_buf_printf(b, " stroke-linecap=\"%s\" stroke-linejoin=\"%s\"",
		       caps[(unsigned)line->cap % 3],
		       joins[(unsigned)line->join % 3]);
	dash_attr(line, lw, b);
	if (!markers || !fill_color(&line->fill, &col))
		return;
	if (line->head.type != PPJ_END_NONE)
		ppj_buf_printf(b, " marker-start=\"url(#g%d)\"",
			       marker(c, &line->head, col, true, defs));
	if (line->tail.type != PPJ_END_NONE)
		ppj_buf_printf(b, " marker-end=\"url(#g%d)\"",
			       marker(c, &line->tail, col, false, defs));
}
