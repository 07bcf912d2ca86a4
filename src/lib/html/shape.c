/*
 * Shapes: each one a positioned box (div) at its x, y, w, h relative to
 * its parent, rotated about its centre by CSS, holding an inline <svg>
 * with the evaluated geometry (flips applied to the geometry) and the
 * text box on top. Groups nest their children inside their own box; a
 * flipped group mirrors its children's placement instead of mirroring
 * pixels, so text inside stays readable as in PowerPoint.
 */
#include <math.h>
#include <string.h>

#include "render-int.h"

/* A flip inherited from enclosing groups. */
struct flip {
	bool h, v;
	double pw, ph;		/* parent box, px */
};

static double px(int64_t emu)
{
	return (double)emu / PPJ_EMU_PER_PX;
}

/*
 * The shape's placement in px after the parent's flips: a mirrored
 * parent moves the child to the mirrored place, toggles its flip and
 * turns its rotation the other way.
 */
struct place {
	double x, y, w, h, rot;
	bool flip_h, flip_v;
};

static struct place place_of(const struct ppj_xform *xf,
			     const struct flip *pf)
{
	struct place p = {
		px(xf->x), px(xf->y), px(xf->cx), px(xf->cy), xf->rot,
		xf->flip_h, xf->flip_v,
	};

	if (!isfinite(p.rot))
		p.rot = 0;
	if (pf && pf->h) {
		p.x = pf->pw - p.x - p.w;
		p.flip_h = !p.flip_h;
		p.rot = -p.rot;
	}
	if (pf && pf->v) {
		p.y = pf->ph - p.y - p.h;
		p.flip_v = !p.flip_v;
		p.rot = -p.rot;
	}
	p.rot = fmod(p.rot, 360);
	if (p.w < 0)
		p.w = 0;
	if (p.h < 0)
		p.h = 0;
	return p;
}

/*
 * A reflection as CSS box-reflect, which mirrors the whole box (shape,
 * picture and text, as PowerPoint does) and fades it with a mask laid
 * over the box before it is turned: its bottom is the mirror's near end.
 */
static void reflection(struct ppj_buf *b, const struct ppj_reflection *r)
{
	ppj_buf_adds(b, ";-webkit-box-reflect:below ");
	render_num(b, px(r->dist));
	ppj_buf_adds(b, "px linear-gradient(to top,rgba(0,0,0,");
	ppj_buf_add_num(b, r->start_alpha, 3);
	ppj_buf_adds(b, ") ");
	ppj_buf_add_num(b, r->start_pos * 100, 2);
	ppj_buf_adds(b, "%,rgba(0,0,0,");
	ppj_buf_add_num(b, r->end_alpha, 3);
	ppj_buf_adds(b, ") ");
	ppj_buf_add_num(b, r->end_pos * 100, 2);
	ppj_buf_adds(b, "%)");
}

static void box_open(struct rctx *c, const struct place *p,
		     const char *cls, const struct ppj_shape *s)
{
	struct ppj_buf *b = c->b;

	ppj_buf_printf(b, "<div class=\"%s\" data-id=\"%d\" style=\"left:",
		       cls, s->id);
	render_num(b, p->x);
	ppj_buf_adds(b, "px;top:");
	render_num(b, p->y);
	ppj_buf_adds(b, "px;width:");
	render_num(b, p->w);
	ppj_buf_adds(b, "px;height:");
	render_num(b, p->h);
	ppj_buf_adds(b, "px");
	if (fabs(p->rot) > 0.001) {
		ppj_buf_adds(b, ";transform:rotate(");
		render_num(b, p->rot);
		ppj_buf_adds(b, "deg)");
	}
	if (s->effects.reflection.present)
		reflection(b, &s->effects.reflection);
	ppj_buf_adds(b, "\">");
}

/* ---- effects ---- */

/* The shape's alpha grown (dilate) or shrunk (erode) by r/2, blurred. */
static void alpha_spread(struct ppj_buf *defs, const char *op, double r,
			 const char *out)
{
	ppj_buf_printf(defs, "<feMorphology in=\"SourceAlpha\" "
		       "operator=\"%s\" result=\"%s0\" radius=\"", op, out);
	render_num(defs, r / 2);
	ppj_buf_printf(defs, "\"/><feGaussianBlur in=\"%s0\" result=\"%s\" "
		       "stdDeviation=\"", out, out);
	render_num(defs, r / 4);
	ppj_buf_adds(defs, "\"/>");
}

static void glow_part(const struct ppj_effects *e, struct ppj_buf *defs)
{
	alpha_spread(defs, "dilate", px(e->glow_rad), "b");
	ppj_buf_adds(defs, "<feFlood result=\"f\" flood-color=\"");
	render_hex(defs, e->glow_color);
	ppj_buf_adds(defs, "\" flood-opacity=\"");
	ppj_buf_add_num(defs, e->glow_color.alpha, 3);
	ppj_buf_adds(defs, "\"/><feComposite in=\"f\" in2=\"b\" "
		     "operator=\"in\" result=\"glow\"/>");
}

/* Soft edges: the graphic faded out over rad inside its outline. */
static void soft_part(const struct ppj_effects *e, struct ppj_buf *defs)
{
	alpha_spread(defs, "erode", px(e->soft_edge), "sm");
	ppj_buf_adds(defs, "<feComposite in=\"SourceGraphic\" in2=\"sm\" "
		     "operator=\"in\" result=\"src\"/>");
}

/* A shadow's offset in px. */
static void shadow_dxdy(const struct ppj_shadow *sh, double *dx, double *dy)
{
	double a = sh->dir * M_PI / 180;

	*dx = px(sh->dist) * cos(a);
	*dy = px(sh->dist) * sin(a);
}

static void shadow_offset(struct ppj_buf *defs, const struct ppj_shadow *sh)
{
	double dx, dy;

	shadow_dxdy(sh, &dx, &dy);
	ppj_buf_adds(defs, " dx=\"");
	render_num(defs, dx);
	ppj_buf_adds(defs, "\" dy=\"");
	render_num(defs, dy);
	ppj_buf_adds(defs, "\"");
}

static void shadow_flood(struct ppj_buf *defs, const struct ppj_shadow *sh)
{
	ppj_buf_adds(defs, " flood-color=\"");
	render_hex(defs, sh->color);
	ppj_buf_adds(defs, "\" flood-opacity=\"");
	ppj_buf_add_num(defs, sh->color.alpha, 3);
	ppj_buf_adds(defs, "\"");
}

static void outer_part(const struct ppj_shadow *sh, const char *src,
		       struct ppj_buf *defs)
{
	ppj_buf_adds(defs, "<feDropShadow");
	shadow_offset(defs, sh);
	ppj_buf_adds(defs, " stdDeviation=\"");
	render_num(defs, px(sh->blur) / 2);
	ppj_buf_adds(defs, "\"");
	shadow_flood(defs, sh);
	ppj_buf_printf(defs, " in=\"%s\" result=\"sh\"/>", src);
}

/*
 * An inner shadow: the outside of the shape, moved and blurred, seen
 * only inside it.
 */
static void inner_part(const struct ppj_shadow *sh, const char *src,
		       struct ppj_buf *defs)
{
	ppj_buf_printf(defs, "<feComponentTransfer in=\"%s\" result=\"out\">"
		       "<feFuncA type=\"table\" tableValues=\"1 0\"/>"
		       "</feComponentTransfer><feOffset in=\"out\" "
		       "result=\"off\"", src);
	shadow_offset(defs, sh);
	ppj_buf_adds(defs, "/><feGaussianBlur in=\"off\" result=\"ib\" "
		     "stdDeviation=\"");
	render_num(defs, px(sh->blur) / 2);
	ppj_buf_adds(defs, "\"/><feFlood result=\"if\"");
	shadow_flood(defs, sh);
	ppj_buf_printf(defs, "/><feComposite in=\"if\" in2=\"ib\" "
		       "operator=\"in\" result=\"is\"/><feComposite "
		       "in=\"is\" in2=\"%s\" operator=\"in\" "
		       "result=\"inner\"/>", src);
}

int render_effect_filter(struct rctx *c, const struct ppj_effects *e,
			 struct ppj_buf *defs)
{
	const struct ppj_shadow *sh = &e->shadow;
	bool outer = sh->present && !sh->inner, inner = sh->present &&
		     sh->inner, soft = e->soft_edge > 0;
	const char *src = soft ? "src" : "SourceGraphic";
	int id;

	if (!outer && !inner && !e->glow && !soft)
		return 0;
	id = ++c->uid;
	ppj_buf_printf(defs, "<filter id=\"g%d\" x=\"-50%%\" y=\"-50%%\" "
		       "width=\"200%%\" height=\"200%%\">", id);
	if (e->glow)
		glow_part(e, defs);
	if (soft)
		soft_part(e, defs);
	if (outer)
		outer_part(sh, src, defs);
	if (inner)
		inner_part(sh, src, defs);

	ppj_buf_adds(defs, "<feMerge>");
	if (e->glow)
		ppj_buf_adds(defs, "<feMergeNode in=\"glow\"/>");
	ppj_buf_printf(defs, "<feMergeNode in=\"%s\"/>", outer ? "sh" : src);
	if (inner)
		ppj_buf_adds(defs, "<feMergeNode in=\"inner\"/>");
	ppj_buf_adds(defs, "</feMerge></filter>");
	return id;
}

/* ---- geometry ---- */

static const char *shade_overlay(enum ppj_path_fill m, double *op)
{
	switch (m) {
	case PPJ_PFILL_LIGHTEN: *op = 0.4; return "#fff";
	case PPJ_PFILL_LIGHTEN_LESS: *op = 0.2; return "#fff";
	case PPJ_PFILL_DARKEN: *op = 0.4; return "#000";
	case PPJ_PFILL_DARKEN_LESS: *op = 0.2; return "#000";
	default: return NULL;
	}
}

/*
 * A mask of the stroke widths a compound line keeps (white) and cuts
 * (black), in thirds or fifths of its width, centred: thick-thin and
 * thin-thick lines are drawn as double lines.
 */
static void compound_mask(const struct ppj_svg_path *p, double lw,
			  const struct place *pl, enum ppj_compound cmpd,
			  struct ppj_buf *defs, int id)
{
	static const double tri[] = { 1, 0.6, 0.2 }, dbl[] = { 1, 1.0 / 3 };
	const double *k = cmpd == PPJ_CMPD_TRIPLE ? tri : dbl;
	int n = cmpd == PPJ_CMPD_TRIPLE ? 3 : 2;

	ppj_buf_printf(defs, "<mask id=\"g%d\" maskUnits=\"userSpaceOnUse\" "
		       "x=\"", id);
	render_num(defs, -lw - 10);
	ppj_buf_adds(defs, "\" y=\"");
	render_num(defs, -lw - 10);
	ppj_buf_adds(defs, "\" width=\"");
	render_num(defs, pl->w + 2 * lw + 20);
	ppj_buf_adds(defs, "\" height=\"");
	render_num(defs, pl->h + 2 * lw + 20);
	ppj_buf_adds(defs, "\">");
	for (int i = 0; i < n; i++) {
		ppj_buf_adds(defs, "<path fill=\"none\" d=\"");
		ppj_buf_add_html(defs, p->d ? p->d : "");
		ppj_buf_printf(defs, "\" stroke=\"%s\" stroke-width=\"",
			       i % 2 ? "#000" : "#fff");
		render_num(defs, lw * k[i]);
		ppj_buf_adds(defs, "\"/>");
	}
	ppj_buf_adds(defs, "</mask>");
}

/*
 * The stroke of a path with a compound line (double, thick-thin,
 * triple) as a separate element, its gaps cut out by a mask.
 */
static void compound_stroke(struct rctx *c, const struct ppj_shape *s,
			    const struct ppj_svg_path *p,
			    struct ppj_buf *defs, struct ppj_buf *body,
			    const struct place *pl)
{
	double lw = render_line_px(&s->line);
	int id = ++c->uid;

	compound_mask(p, lw, pl, s->line.compound, defs, id);
	ppj_buf_adds(body, "<path d=\"");
	ppj_buf_add_html(body, p->d ? p->d : "");
	ppj_buf_printf(body, "\" fill=\"none\" mask=\"url(#g%d)\"", id);
	render_stroke_attrs(c, &s->line, defs, pl->w, pl->h, body,
			    !p->closed);
	ppj_buf_adds(body, "/>");
}

/* Lines under 3 px have no room for a gap: they stay single. */
static bool is_compound(const struct ppj_line *l)
{
	return l->compound != PPJ_CMPD_SINGLE &&
	       l->fill.kind != PPJ_FILL_NONE && render_line_px(l) >= 3;
}

/* One path of the geometry: fill, stroke, then a shade overlay. */
static void svg_path(struct rctx *c, const struct ppj_shape *s,
		     const struct ppj_svg_path *p, const char *fill,
		     double fill_op, struct ppj_buf *defs, struct ppj_buf *body,
		     const struct place *pl)
{
	const char *shade;
	double sop = 0;
	bool filled = p->fill && strcmp(fill, "none") != 0;
	bool cmpd = p->stroke && is_compound(&s->line);

	ppj_buf_adds(body, "<path d=\"");
	ppj_buf_add_html(body, p->d ? p->d : "");
	ppj_buf_printf(body, "\" fill=\"%s\"", filled ? fill : "none");
	if (filled && fill_op < 0.999) {
		ppj_buf_adds(body, " fill-opacity=\"");
		ppj_buf_add_num(body, fill_op, 3);
		ppj_buf_adds(body, "\"");
	}
	if (p->stroke && !cmpd)
		render_stroke_attrs(c, &s->line, defs, pl->w, pl->h, body,
				    !p->closed);
	else
		ppj_buf_adds(body, " stroke=\"none\"");
	ppj_buf_adds(body, "/>");
	if (cmpd)
		compound_stroke(c, s, p, defs, body, pl);

	shade = shade_overlay(p->shade, &sop);
	if (shade && filled) {
		ppj_buf_adds(body, "<path d=\"");
		ppj_buf_add_html(body, p->d ? p->d : "");
		ppj_buf_printf(body, "\" fill=\"%s\" fill-opacity=\"", shade);
		ppj_buf_add_num(body, sop, 2);
		ppj_buf_adds(body, "\" stroke=\"none\"/>");
	}
}

static bool has_visible_paint(const struct ppj_shape *s)
{
	return s->fill.kind != PPJ_FILL_NONE ||
		s->line.fill.kind != PPJ_FILL_NONE;
}

/*
 * The shape's fill as the geometry is painted: a linear gradient that
 * does not turn with the shape (rotWithShape="0") gets the angle that
 * undoes the shape's rotation and flips. A group's rotation is not
 * undone.
 */
static struct ppj_fill painted_fill(const struct ppj_shape *s,
				    const struct place *pl)
{
	struct ppj_fill f = s->fill;

	if (f.kind != PPJ_FILL_GRADIENT || f.rot_with_shape ||
	    f.grad_path != PPJ_GRAD_LINEAR)
		return f;
	f.grad_angle -= pl->rot;
	if (pl->flip_h)
		f.grad_angle = 180 - f.grad_angle;
	if (pl->flip_v)
		f.grad_angle = -f.grad_angle;
	f.grad_angle = fmod(fmod(f.grad_angle, 360) + 360, 360);
	return f;
}

/* The <svg> of a shape's geometry, flips applied inside. */
static int svg_geometry(struct rctx *c, const struct ppj_shape *s,
			const struct place *pl, struct ppj_geom_result *g)
{
	struct ppj_buf defs = PPJ_BUF_INIT, body = PPJ_BUF_INIT;
	struct ppj_buf fill = PPJ_BUF_INIT;
	struct ppj_fill paint;
	double op;
	int filter;

	ppj_buf_init(&defs, RENDER_PAGE_CAP);
	ppj_buf_init(&body, RENDER_PAGE_CAP);
	paint = painted_fill(s, pl);
	render_paint(c, &paint, pl->w, pl->h, &defs, &fill, &op);
	filter = render_effect_filter(c, &s->effects, &defs);
	for (size_t i = 0; i < g->npaths; i++)
		svg_path(c, s, &g->paths[i], fill.data ? fill.data : "none",
			 op, &defs, &body, pl);

	ppj_buf_adds(c->b, "<svg class=\"g\" width=\"");
	render_num(c->b, fmax(pl->w, 1));
	ppj_buf_adds(c->b, "\" height=\"");
	render_num(c->b, fmax(pl->h, 1));
	ppj_buf_adds(c->b, "\">");
	if (defs.len) {
		ppj_buf_adds(c->b, "<defs>");
		ppj_buf_add(c->b, defs.data, defs.len);
		ppj_buf_adds(c->b, "</defs>");
	}
	ppj_buf_adds(c->b, "<g");
	if (filter)
		ppj_buf_printf(c->b, " filter=\"url(#g%d)\"", filter);
	if (pl->flip_h || pl->flip_v) {
		ppj_buf_printf(c->b, " transform=\"matrix(%d 0 0 %d ",
			       pl->flip_h ? -1 : 1, pl->flip_v ? -1 : 1);
		render_num(c->b, pl->flip_h ? pl->w : 0);
		ppj_buf_addc(c->b, ' ');
		render_num(c->b, pl->flip_v ? pl->h : 0);
		ppj_buf_adds(c->b, ")\"");
	}
	ppj_buf_adds(c->b, ">");
	if (body.data)
		ppj_buf_add(c->b, body.data, body.len);
	ppj_buf_adds(c->b, "</g></svg>");

	if (defs.failed || body.failed)
		c->b->failed = true;
	ppj_buf_release(&defs);
	ppj_buf_release(&body);
	ppj_buf_release(&fill);
	return 0;
}

/* The text rectangle in the shape's box after the flips. */
static void text_rect(const struct ppj_geom_result *g,
		      const struct place *pl, double r[4])
{
	r[0] = g->text_l;
	r[1] = g->text_t;
	r[2] = g->text_r;
	r[3] = g->text_b;
	if (pl->flip_h) {
		r[0] = pl->w - g->text_r;
		r[2] = pl->w - g->text_l;
	}
	if (pl->flip_v) {
		r[1] = pl->h - g->text_b;
		r[3] = pl->h - g->text_t;
	}
}

static bool link_ok(const char *url)
{
	static const char *schemes[] = { "http:", "https:", "mailto:",
		"ftp:", "tel:" };

	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (url && strncasecmp(url, schemes[i], strlen(schemes[i]))
		    == 0)
			return true;
	return false;
}

/* A click action covering the shape's box. */
static void shape_link(struct rctx *c, const struct ppj_link *l)
{
	if (l->slide > 0) {
		ppj_buf_printf(c->b, "<a class=\"lk\" href=\"%d.html\" "
			       "data-slide=\"%d\"></a>", l->slide, l->slide);
	} else if (link_ok(l->url)) {
		ppj_buf_adds(c->b, "<a class=\"lk\" target=\"_blank\" "
			     "rel=\"noopener\" href=\"");
		ppj_buf_add_html(c->b, l->url);
		ppj_buf_adds(c->b, "\"></a>");
	}
}

/*
 * PowerPoint casts the outer shadow of a shape with neither fill nor line
 * from its text: a copy of the text in the shadow's colour, scaled about
 * the shadow's anchor, moved and blurred, under the text itself. The
 * copy is hidden from screen readers and selection.
 */
static int text_shadow(struct rctx *c, const struct ppj_shape *s,
		       const double *r, bool flip_v)
{
	const struct ppj_shadow *sh = &s->effects.shadow;
	double dx, dy;
	int rc;

	if (!sh->present || sh->inner)
		return 0;
	shadow_dxdy(sh, &dx, &dy);
	ppj_buf_adds(c->b, "<div class=\"shd\" aria-hidden=\"true\" "
		     "style=\"--shc:");
	render_css_color(c->b, sh->color);
	ppj_buf_adds(c->b, ";transform-origin:");
	render_num(c->b, (sh->sx > 0 ? sh->ox : 0.5) * 100);
	ppj_buf_adds(c->b, "% ");
	render_num(c->b, (sh->sx > 0 ? sh->oy : 0.5) * 100);
	ppj_buf_adds(c->b, "%;transform:translate(");
	render_num(c->b, dx);
	ppj_buf_adds(c->b, "px,");
	render_num(c->b, dy);
	ppj_buf_adds(c->b, "px) scale(");
	render_num(c->b, sh->sx > 0 ? sh->sx : 1);
	ppj_buf_adds(c->b, ",");
	render_num(c->b, sh->sy > 0 ? sh->sy : 1);
	ppj_buf_adds(c->b, ")");
	if (sh->blur > 0) {
		ppj_buf_adds(c->b, ";filter:blur(");
		render_num(c->b, px(sh->blur) / 2);
		ppj_buf_adds(c->b, "px)");
	}
	ppj_buf_adds(c->b, "\">");
	rc = render_text(c, s->text, r[0], r[1], r[2] - r[0], r[3] - r[1],
			 flip_v);
	ppj_buf_adds(c->b, "</div>");
	return rc;
}

static int render_sp(struct rctx *c, const struct ppj_shape *s,
		     const struct place *pl)
{
	struct ppj_geom_result g;
	double r[4];
	int rc;

	rc = ppj_geom_eval(&s->geom, pl->w, pl->h, &g, c->err);
	if (rc < 0)
		return rc;
	if (rc == 1)
		render_warn(c, "unknown-geometry", "shape %d: geometry "
			    "\"%s\" drawn as a rectangle", s->id,
			    s->geom.preset ? s->geom.preset : "custom");
	box_open(c, pl, "s", s);
	if (has_visible_paint(s) || s->effects.glow ||
	    s->effects.shadow.present)
		svg_geometry(c, s, pl, &g);
	text_rect(&g, pl, r);
	rc = 0;
	if (s->text && !has_visible_paint(s))
		rc = text_shadow(c, s, r, pl->flip_v);
	if (s->text && rc == 0)
		rc = render_text(c, s->text, r[0], r[1], r[2] - r[0],
				 r[3] - r[1], pl->flip_v);
	if (s->link.url || s->link.slide)
		shape_link(c, &s->link);
	ppj_buf_adds(c->b, "</div>\n");
	ppj_geom_result_release(&g);
	return rc;
}

static int shape_at(struct rctx *c, const struct ppj_shape *s,
		    const struct flip *pf);

static int render_group(struct rctx *c, const struct ppj_shape *s,
			const struct place *pl)
{
	struct flip f = { pl->flip_h, pl->flip_v, pl->w, pl->h };
	int rc = 0;

	if (c->depth >= RENDER_MAX_DEPTH) {
		render_warn(c, "deep-group", "groups nested deeper than %d "
			    "are not drawn", RENDER_MAX_DEPTH);
		return 0;
	}
	c->depth++;
	box_open(c, pl, "s grp", s);
	ppj_buf_adds(c->b, "\n");
	for (size_t i = 0; i < s->nchildren && !rc; i++)
		rc = shape_at(c, &s->children[i], &f);
	ppj_buf_adds(c->b, "</div>\n");
	c->depth--;
	return rc;
}

/* Wraps a table, chart, picture or media in its positioned box. */
static int render_boxed(struct rctx *c, const struct ppj_shape *s,
			const struct place *pl)
{
	int rc;

	c->box_w = pl->w;
	c->box_h = pl->h;
	c->box_fh = pl->flip_h;
	c->box_fv = pl->flip_v;
	box_open(c, pl, "s", s);
	switch (s->kind) {
	case PPJ_SHAPE_TABLE:
		rc = render_table(c, s);
		break;
	case PPJ_SHAPE_CHART:
		rc = render_chart(c, s);
		break;
	case PPJ_SHAPE_MEDIA:
		rc = render_media_shape(c, s);
		break;
	default:
		rc = render_picture(c, s);
		break;
	}
	if (!rc && s->kind == PPJ_SHAPE_PICTURE && s->text) {
		struct ppj_geom_result g;

		if (ppj_geom_eval(&s->geom, pl->w, pl->h, &g, c->err) >= 0) {
			double r[4];

			text_rect(&g, pl, r);
			rc = render_text(c, s->text, r[0], r[1], r[2] - r[0],
					 r[3] - r[1], pl->flip_v);
			ppj_geom_result_release(&g);
		}
	}
	if (s->link.url || s->link.slide)
		shape_link(c, &s->link);
	ppj_buf_adds(c->b, "</div>\n");
	return rc;
}

static int shape_at(struct rctx *c, const struct ppj_shape *s,
		    const struct flip *pf)
{
	struct place pl = place_of(&s->xf, pf);

	if (s->effects.has_3d)
		render_warn(c, "3d-flat", "3-D effects are drawn flat");
	if (c->b->failed)
		return 0;
	switch (s->kind) {
	case PPJ_SHAPE_SP:
		return render_sp(c, s, &pl);
	case PPJ_SHAPE_GROUP:
		return render_group(c, s, &pl);
	default:
		return render_boxed(c, s, &pl);
	}
}

int render_shape(struct rctx *c, const struct ppj_shape *s)
{
	return shape_at(c, s, NULL);
}
