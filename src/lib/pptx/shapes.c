/*
 * The shape tree of a slide, layout or master into ppj_shape: p:sp,
 * p:cxnSp, p:pic, p:grpSp, p:graphicFrame (tables, charts, OLE previews)
 * and mc:AlternateContent.
 *
 * A placeholder on a slide inherits from the matching placeholder of its
 * layout and, through that, of the master: position, geometry, fill,
 * line, body properties and list styles. The three nodes are kept as a
 * chain (master, layout, slide) and each property takes the most
 * specific one that sets it.
 */
#include <math.h>
#include <string.h>

#include "pptxInt.h"

/* The nodes a shape inherits from, least specific first. */
struct chain {
	xmlNode *n[3];		/* master ph, layout ph, the shape */
	const char *ph_type;	/* NULL: not a placeholder */
};

/*
 * Ink: PowerPoint writes a pen's strokes as a p14 Choice holding a
 * p:contentPart (an InkML part), and a Fallback with an empty picture.
 */
static xmlNode *ink_part(xmlNode *mc)
{
	for (xmlNode *c = ppj__xml_first(mc); c; c = ppj__xml_next(c))
		if (ppj__xml_is(c, PPJ_NS_MC, "Choice") &&
		    ppj__xml_is(ppj__xml_first(c), NS_P, "contentPart"))
			return ppj__xml_first(c);
	return NULL;
}

static int read_shape(struct sctx *sc, xmlNode *c, struct ppj_shape **v,
		      size_t *n, size_t *cap, bool skip_ph);

/* ---- mc:AlternateContent ---- */

static bool known_prefix(xmlNode *n, const char *prefix, size_t len)
{
	char buf[64];
	xmlNs *ns;
	enum ppj_ns k;

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, prefix, len);
	buf[len] = '\0';
	ns = xmlSearchNs(n->doc, n, (const xmlChar *)buf);
	if (!ns)
		return false;
	k = ppj__ns_of_uri((const char *)ns->href);
	return k == PPJ_NS_P || k == PPJ_NS_A || k == PPJ_NS_R ||
	       k == PPJ_NS_C || k == PPJ_NS_PIC || k == PPJ_NS_MC;
}

static bool choice_ok(xmlNode *choice)
{
	const char *req = ppj__xml_attr(choice, "Requires");

	if (!req)
		return false;
	while (*req) {
		size_t len = strcspn(req, " \t\r\n");

		if (len && !known_prefix(choice, req, len))
			return false;
		req += len;
		req += strspn(req, " \t\r\n");
	}
	return true;
}

/*
 * The Choice we understand, else the Fallback, else NULL. A Choice is
 * understood when all the namespaces it requires are ones whose content
 * we read; extensions such as p14 and a14 are not (a14 choices hold
 * equations, whose Fallback is a picture of them; p14 ones ink).
 */
xmlNode *pptx_alt_content(xmlNode *mc)
{
	for (xmlNode *c = ppj__xml_first(mc); c; c = ppj__xml_next(c)) {
		if (ppj__xml_is(c, PPJ_NS_MC, "Choice") && choice_ok(c))
			return c;
		if (ppj__xml_is(c, PPJ_NS_MC, "Fallback"))
			return c;
	}
	return NULL;
}

/* ---- common pieces ---- */

static xmlNode *sppr_of(xmlNode *shape)
{
	xmlNode *s = ppj__xml_child(shape, NS_P, "spPr");

	return s ? s : ppj__xml_child(shape, NS_P, "grpSpPr");
}

static xmlNode *xfrm_of(xmlNode *shape)
{
	xmlNode *x = ppj__xml_child(sppr_of(shape), NS_A, "xfrm");

	return x ? x : ppj__xml_child(shape, NS_P, "xfrm");
}

/*
 * Coordinates are clamped to +-2^40 EMU (about 30 km), far beyond any
 * slide, so that the arithmetic on them here and in the renderer cannot
 * overflow whatever the deck says.
 */
#define COORD_MAX ((int64_t)1 << 40)

static int64_t coord_of(const xmlNode *n, const char *attr, bool size)
{
	int64_t v = ppj__xml_int(n, attr, 0);

	if (size && v < 0)
		return 0;
	return v > COORD_MAX ? COORD_MAX : v < -COORD_MAX ? -COORD_MAX : v;
}

static int64_t clamp_coord(double v)
{
	if (!(v > -(double)COORD_MAX))
		return -COORD_MAX;
	return v < (double)COORD_MAX ? llround(v) : COORD_MAX;
}

static void read_xfrm(xmlNode *x, struct ppj_xform *xf)
{
	xmlNode *off = ppj__xml_child(x, NS_A, "off");
	xmlNode *ext = ppj__xml_child(x, NS_A, "ext");

	xf->x = coord_of(off, "x", false);
	xf->y = coord_of(off, "y", false);
	xf->cx = coord_of(ext, "cx", true);
	xf->cy = coord_of(ext, "cy", true);
	xf->rot = ppj__xml_int(x, "rot", 0) / 60000.0;
	xf->flip_h = ppj__xml_bool(x, "flipH", false);
	xf->flip_v = ppj__xml_bool(x, "flipV", false);
}

/* Maps a box from a group's child space to the group's box. */
static void to_group(const struct sctx *sc, struct ppj_xform *xf)
{
	if (!sc->in_group)
		return;
	xf->x = clamp_coord((double)(xf->x - sc->ch_x) * sc->sx);
	xf->y = clamp_coord((double)(xf->y - sc->ch_y) * sc->sy);
	xf->cx = clamp_coord((double)xf->cx * sc->sx);
	xf->cy = clamp_coord((double)xf->cy * sc->sy);
}

static void place(const struct sctx *sc, const struct chain *ch,
		  struct ppj_xform *xf)
{
	for (int i = 2; i >= 0; i--) {
		xmlNode *x = ch->n[i] ? xfrm_of(ch->n[i]) : NULL;

		if (x && ppj__xml_child(x, NS_A, "ext")) {
			read_xfrm(x, xf);
			break;
		}
	}
	to_group(sc, xf);
}

static void identity(struct sctx *sc, xmlNode *shape, struct ppj_shape *s)
{
	xmlNode *nv = ppj__xml_first(shape);
	xmlNode *c = ppj__xml_child(nv, NS_P, "cNvPr");

	s->id = (int)ppj__xml_int(c, "id", 0);
	s->name = pptx_str(sc->px, ppj__xml_attr(c, "name"));
	s->descr = pptx_str(sc->px, ppj__xml_attr(c, "descr"));
	pptx_link(sc, ppj__xml_child(c, NS_A, "hlinkClick"), &s->link);
	s->from_master = sc->from_master;
}

static bool hidden(xmlNode *shape)
{
	xmlNode *c = ppj__xml_child(ppj__xml_first(shape), NS_P, "cNvPr");

	return ppj__xml_bool(c, "hidden", false);
}

static struct part *master_of(struct sctx *sc)
{
	struct part *p = sc->slide_part;

	while (p && p->kind != PART_MASTER)
		p = p->parent;
	return p ? p : sc->px->first_master;
}

/* Finds the layout and master placeholders a slide placeholder uses. */
static void find_chain(struct sctx *sc, xmlNode *shape, bool skip_ph,
		       struct chain *ch)
{
	xmlNode *ph = pptx_ph_of(shape);
	struct part *layout = NULL, *master = master_of(sc);
	const char *type;
	bool has_idx;
	int idx;

	memset(ch, 0, sizeof(*ch));
	ch->n[2] = shape;
	if (!ph)
		return;
	type = pptx_ph_type(ph);
	ch->ph_type = type;
	if (skip_ph || sc->owner->kind == PART_MASTER)
		return;
	if (sc->owner->kind == PART_SLIDE)
		layout = sc->owner->parent;
	else if (sc->owner->kind == PART_LAYOUT)
		layout = sc->owner;
	has_idx = ppj__xml_has(ph, "idx");
	idx = (int)ppj__xml_int(ph, "idx", 0);
	if (layout && layout != sc->owner) {
		ch->n[1] = pptx_find_ph(layout, type, idx, has_idx);
		if (ch->n[1]) {
			ph = pptx_ph_of(ch->n[1]);
			type = pptx_ph_type(ph);
			has_idx = ppj__xml_has(ph, "idx");
			idx = (int)ppj__xml_int(ph, "idx", 0);
		}
	}
	/*
	 * A layout's placeholder inherits from the master's by type alone:
	 * masters number their date, footer and slide number placeholders
	 * with the same small idx values that layouts give to bodies.
	 */
	if (master && sc->owner->kind != PART_NOTES)
		ch->n[0] = pptx_find_ph(master, type, idx, false);
}

/* ---- fill, line, effects through the chain ---- */

static xmlNode *style_of(const struct chain *ch, int i)
{
	return ch->n[i] ? ppj__xml_child(ch->n[i], NS_P, "style") : NULL;
}

/* A fill, line or effect style reference of p:style, with its colour. */
static int style_ref(struct sctx *sc, xmlNode *ref, int what,
		     struct ppj_shape *s)
{
	const struct theme *th = sc->cc.theme;
	int64_t idx = ppj__xml_int(ref, "idx", 0);
	struct ppj_color ph = ppj_rgb(0, 0, 0);
	struct sctx sub = *sc;
	xmlNode *el;

	if (!ref || !th)
		return 0;
	pptx_color_in(&sc->cc, ref, &ph);
	sub.cc.ph = &ph;
	sub.owner = th->owner;
	if (what == 0) {
		el = idx > 1000 ? pptx_style_entry(th->bg_styles, idx - 1000)
				: pptx_style_entry(th->fill_styles, idx);
		return el ? pptx_fill(&sub, el, &s->fill) : 0;
	}
	if (what == 1) {
		el = pptx_style_entry(th->line_styles, idx);
		memset(&s->line, 0, sizeof(s->line));
		return el ? pptx_line(&sub, el, &s->line) : 0;
	}
	el = pptx_style_entry(th->effect_styles, idx);
	pptx_effects(&sub, ppj__xml_child(el, NS_A, "effectLst"),
		     &s->effects);
	return 0;
}

static int resolve_fill(struct sctx *sc, const struct chain *ch,
			struct ppj_shape *s)
{
	for (int i = 2; i >= 0; i--) {
		xmlNode *f = ch->n[i] ? pptx_find_fill(sppr_of(ch->n[i]))
				      : NULL;
		xmlNode *st = style_of(ch, i);

		if (f)
			return pptx_fill(sc, f, &s->fill);
		if (st && ppj__xml_child(st, NS_A, "fillRef"))
			return style_ref(sc, ppj__xml_child(st, NS_A,
						"fillRef"), 0, s);
	}
	return 0;
}

static int resolve_line(struct sctx *sc, const struct chain *ch,
			struct ppj_shape *s)
{
	int rc = 0;

	for (int i = 0; i < 3 && !rc; i++) {
		xmlNode *st = style_of(ch, i);

		if (st && ppj__xml_child(st, NS_A, "lnRef"))
			rc = style_ref(sc, ppj__xml_child(st, NS_A, "lnRef"),
				       1, s);
		if (!rc && ch->n[i])
			rc = pptx_line(sc, ppj__xml_child(sppr_of(ch->n[i]),
							  NS_A, "ln"),
				       &s->line);
	}
	return rc;
}

/*
 * True when spPr asks for a visible 3-D look. PowerPoint writes an empty
 * sp3d and a front orthographic camera on many flat shapes; those do not
 * count.
 */
static bool is_3d(xmlNode *sppr)
{
	xmlNode *scene = ppj__xml_child(sppr, NS_A, "scene3d");
	xmlNode *cam = ppj__xml_child(scene, NS_A, "camera");
	xmlNode *sp3d = ppj__xml_child(sppr, NS_A, "sp3d");
	const char *prst = ppj__xml_attr(cam, "prst");

	if (cam && ((prst && strcmp(prst, "orthographicFront") != 0) ||
		    ppj__xml_child(cam, NS_A, "rot")))
		return true;
	return ppj__xml_int(sp3d, "extrusionH", 0) > 0 ||
	       ppj__xml_int(sp3d, "contourW", 0) > 0 ||
	       ppj__xml_child(sp3d, NS_A, "bevelT") ||
	       ppj__xml_child(sp3d, NS_A, "bevelB");
}

static void resolve_effects(struct sctx *sc, const struct chain *ch,
			    struct ppj_shape *s)
{
	xmlNode *sppr = sppr_of(ch->n[2]);

	if (is_3d(sppr)) {
		s->effects.has_3d = true;
		ppj_warn(sc->px->deck, sc->slide, "3d-flat", "3-D effects "
			 "are drawn flat");
	}
	for (int i = 2; i >= 0; i--) {
		xmlNode *lst = ch->n[i] ? ppj__xml_child(sppr_of(ch->n[i]),
							 NS_A, "effectLst")
					: NULL;
		xmlNode *st = style_of(ch, i);

		if (lst) {
			pptx_effects(sc, lst, &s->effects);
			return;
		}
		if (st && ppj__xml_child(st, NS_A, "effectRef")) {
			style_ref(sc, ppj__xml_child(st, NS_A, "effectRef"), 2,
				  s);
			return;
		}
	}
}

static int resolve_geom(struct sctx *sc, const struct chain *ch,
			struct ppj_shape *s)
{
	for (int i = 2; i >= 0; i--) {
		int rc = ch->n[i] ? pptx_geom(sc, sppr_of(ch->n[i]), &s->geom)
				  : 1;

		if (rc <= 0)
			return rc;
	}
	s->geom.preset = "rect";
	return 0;
}

/* ---- text ---- */

/*
 * The master text style a placeholder's text starts from: titleStyle for
 * titles, otherStyle for dates, footers and slide numbers, bodyStyle for
 * every other placeholder. Shapes that are not placeholders use none:
 * PowerPoint styles text boxes from the presentation's defaultTextStyle
 * alone. SmartArt drawings and notes use none either.
 */
static xmlNode *tx_style(struct sctx *sc, const char *type)
{
	struct part *m = master_of(sc);
	xmlNode *ts = m ? ppj__xml_child(m->root, NS_P, "txStyles") : NULL;
	const char *which = "bodyStyle";

	if (!type || sc->owner->kind == PART_NOTES ||
	    sc->owner->kind == PART_DRAWING)
		return NULL;
	if (strcmp(type, "dt") == 0 || strcmp(type, "ftr") == 0 ||
	    strcmp(type, "sldNum") == 0)
		which = "otherStyle";
	else if (strcmp(type, "title") == 0 || strcmp(type, "ctrTitle") == 0)
		which = "titleStyle";
	return ppj__xml_child(ts, NS_P, which);
}

static xmlNode *txbody_of(xmlNode *shape)
{
	return ppj__xml_child(shape, NS_P, "txBody");
}

static int resolve_text(struct sctx *sc, const struct chain *ch,
			struct ppj_shape *s)
{
	xmlNode *tb = txbody_of(ch->n[2]);
	xmlNode *st = style_of(ch, 2);
	struct text_chain tc;

	if (!tb)
		return 0;
	memset(&tc, 0, sizeof(tc));
	tc.lists[tc.nlists++] = sc->px->default_text_style;
	tc.lists[tc.nlists++] = tx_style(sc, ch->ph_type);
	for (int i = 0; i < 2; i++) {
		if (!ch->n[i])
			continue;
		tc.lists[tc.nlists++] = ppj__xml_child(txbody_of(ch->n[i]),
						       NS_A, "lstStyle");
		tc.bodies[tc.nbodies++] = ppj__xml_child(txbody_of(ch->n[i]),
							 NS_A, "bodyPr");
	}
	tc.lists[tc.nlists++] = ppj__xml_child(tb, NS_A, "lstStyle");
	tc.font_ref = st ? ppj__xml_child(st, NS_A, "fontRef") : NULL;
	return pptx_text(sc, tb, &tc, &s->text);
}

/* ---- shape kinds ---- */

static int read_sp(struct sctx *sc, xmlNode *c, bool skip_ph,
		   struct ppj_shape *s)
{
	struct chain ch;
	int rc;

	find_chain(sc, c, skip_ph, &ch);
	if (ch.ph_type && skip_ph)
		return 1;
	s->kind = PPJ_SHAPE_SP;
	s->placeholder = pptx_str(sc->px, ch.ph_type);
	identity(sc, c, s);
	place(sc, &ch, &s->xf);
	rc = resolve_geom(sc, &ch, s);
	if (!rc)
		rc = resolve_fill(sc, &ch, s);
	if (!rc && ppj__xml_bool(c, "useBgFill", false) && sc->slide)
		s->fill = sc->slide->background;
	if (!rc)
		rc = resolve_line(sc, &ch, s);
	if (!rc) {
		resolve_effects(sc, &ch, s);
		rc = resolve_text(sc, &ch, s);
	}
	return rc;
}

static int read_media_link(struct sctx *sc, xmlNode *nvpr,
			   struct ppj_shape *s)
{
	static const char *const kinds[] = { "videoFile", "audioFile",
		"quickTimeFile", "wavAudioFile" };

	for (size_t i = 0; i < 4; i++) {
		xmlNode *m = ppj__xml_child(nvpr, NS_A, kinds[i]);
		const char *rid = ppj__xml_attr_ns(m, NS_R, "link");

		if (!m)
			continue;
		if (!rid)
			rid = ppj__xml_attr_ns(m, NS_R, "embed");
		s->kind = PPJ_SHAPE_MEDIA;
		s->is_video = i == 0 || i == 2;
		return pptx_media(sc, rid, &s->media);
	}
	return 0;
}

static int read_pic(struct sctx *sc, xmlNode *c, bool skip_ph,
		    struct ppj_shape *s)
{
	xmlNode *bf = ppj__xml_child(c, NS_P, "blipFill");
	xmlNode *nvpr = ppj__xml_child(ppj__xml_first(c), NS_P, "nvPr");
	struct chain ch;
	int rc;

	find_chain(sc, c, skip_ph, &ch);
	if (ch.ph_type && skip_ph)
		return 1;
	s->kind = PPJ_SHAPE_PICTURE;
	s->placeholder = pptx_str(sc->px, ch.ph_type);
	identity(sc, c, s);
	place(sc, &ch, &s->xf);
	rc = resolve_geom(sc, &ch, s);
	if (!rc)
		rc = resolve_line(sc, &ch, s);
	if (!rc && pptx_find_fill(sppr_of(c)))
		rc = pptx_fill(sc, pptx_find_fill(sppr_of(c)), &s->fill);
	if (rc)
		return rc;
	resolve_effects(sc, &ch, s);
	if (bf)
		rc = pptx_fill(sc, bf, &s->picture);
	else
		ppj_warn(sc->px->deck, sc->slide, "missing-picture", "picture "
			 "'%s' has no image", s->name ? s->name : "");
	return rc ? rc : read_media_link(sc, nvpr, s);
}

static int read_children(struct sctx *sc, xmlNode *parent,
			 struct ppj_shape *s, bool skip_ph)
{
	size_t cap = 0;
	int rc = 0;

	for (xmlNode *k = ppj__xml_first(parent); k && rc >= 0;
	     k = ppj__xml_next(k))
		rc = read_shape(sc, k, &s->children, &s->nchildren, &cap,
				skip_ph);
	return rc < 0 ? rc : 0;
}

static int read_group(struct sctx *sc, xmlNode *c, bool skip_ph,
		      struct ppj_shape *s)
{
	xmlNode *x = xfrm_of(c);
	xmlNode *choff = ppj__xml_child(x, NS_A, "chOff");
	xmlNode *chext = ppj__xml_child(x, NS_A, "chExt");
	struct sctx sub = *sc;
	int64_t cw, chh;
	int rc;

	if (sc->depth + 1 > (int)sc->px->lim->max_depth)
		return ppj__error(sc->px->err, PPJ_ETOOLARGE, "groups nest "
				  "deeper than %u", sc->px->lim->max_depth);
	s->kind = PPJ_SHAPE_GROUP;
	identity(sc, c, s);
	read_xfrm(x, &s->xf);
	to_group(sc, &s->xf);

	rc = pptx_fill(sc, pptx_find_fill(sppr_of(c)), &s->fill);
	if (rc)
		return rc;
	cw = ppj__xml_int(chext, "cx", 0);
	chh = ppj__xml_int(chext, "cy", 0);
	sub.depth++;
	sub.in_group = true;
	sub.group_fill = &s->fill;
	sub.ch_x = coord_of(choff, "x", false);
	sub.ch_y = coord_of(choff, "y", false);
	sub.sx = cw > 0 ? (double)s->xf.cx / (double)cw : 1;
	sub.sy = chh > 0 ? (double)s->xf.cy / (double)chh : 1;
	rc = read_children(&sub, c, s, skip_ph);
	s->fill.kind = PPJ_FILL_NONE;
	return rc;
}

/* p:oleObj: its preview picture (p:pic inside), else a warning. */
static int read_ole(struct sctx *sc, xmlNode *ole, struct ppj_shape *s)
{
	xmlNode *pic = ppj__xml_child(ole, NS_P, "pic");
	xmlNode *bf = ppj__xml_child(pic, NS_P, "blipFill");

	if (!bf) {
		ppj_warn(sc->px->deck, sc->slide, "ole-no-preview", "an "
			 "embedded object without a preview picture");
		return 1;
	}
	s->kind = PPJ_SHAPE_PICTURE;
	s->geom.preset = "rect";
	return pptx_fill(sc, bf, &s->picture);
}

static int read_graphic(struct sctx *sc, xmlNode *gd, struct ppj_shape *s)
{
	for (xmlNode *k = ppj__xml_first(gd); k; k = ppj__xml_next(k)) {
		if (ppj__xml_is(k, NS_A, "tbl")) {
			s->kind = PPJ_SHAPE_TABLE;
			return pptx_table(sc, k, &s->table);
		}
		if (ppj__xml_is(k, NS_C, "chart")) {
			s->kind = PPJ_SHAPE_CHART;
			return pptx_chart(sc, ppj__xml_attr_ns(k, NS_R, "id"),
					  &s->chart);
		}
		if (ppj__xml_is(k, NS_P, "oleObj"))
			return read_ole(sc, k, s);
		if (ppj__xml_is(k, PPJ_NS_DGM, "relIds"))
			return pptx_diagram(sc, k, s);
		if (ppj__xml_is(k, PPJ_NS_MC, "AlternateContent")) {
			xmlNode *alt = pptx_alt_content(k);

			if (alt)
				return read_graphic(sc, alt, s);
		}
	}
	ppj_warn(sc->px->deck, sc->slide, "unknown-graphic", "a graphic "
		 "frame of kind '%s' is not drawn",
		 ppj__xml_attr(gd, "uri") ? ppj__xml_attr(gd, "uri") : "?");
	return 1;
}

static int read_frame(struct sctx *sc, xmlNode *c, bool skip_ph,
		      struct ppj_shape *s)
{
	xmlNode *gd = ppj__xml_path(c, NS_A, "graphic", "graphicData");
	struct chain ch;

	find_chain(sc, c, skip_ph, &ch);
	if (ch.ph_type && skip_ph)
		return 1;
	identity(sc, c, s);
	place(sc, &ch, &s->xf);
	s->geom.preset = "rect";
	return read_graphic(sc, gd, s);
}

/* ---- the tree ---- */

static int push_shape(struct sctx *sc, struct ppj_shape **v, size_t *n,
		      size_t *cap, const struct ppj_shape *s)
{
	struct ppj_shape *slot;
	int rc = pptx_count_shape(sc->px);

	if (rc)
		return rc;
	slot = ppj_arena_push(sc->px->arena, v, n, cap, sizeof(*slot));
	if (!slot)
		return pptx_oom(sc->px);
	*slot = *s;
	return 0;
}

/*
 * A SmartArt shape whose text has a box of its own (dsp:txXfrm): the
 * shape without its text, then a text-only shape on that box.
 */
static int push_split(struct sctx *sc, xmlNode *c, struct ppj_shape **v,
		      size_t *n, size_t *cap, struct ppj_shape *s)
{
	struct ppj_shape t;
	int rc;

	memset(&t, 0, sizeof(t));
	t.kind = PPJ_SHAPE_SP;
	t.id = s->id;
	t.name = s->name;
	t.geom.preset = "rect";
	t.text = s->text;
	t.from_master = s->from_master;
	read_xfrm(ppj__xml_child(c, NS_P, "txXfrm"), &t.xf);
	to_group(sc, &t.xf);
	s->text = NULL;
	rc = push_shape(sc, v, n, cap, s);
	return rc ? rc : push_shape(sc, v, n, cap, &t);
}

/* Handwritten ink: its strokes, a shape per brush, named as the part. */
static int read_ink(struct sctx *sc, xmlNode *part, struct ppj_shape **v,
		    size_t *n, size_t *cap)
{
	xmlNode *nv = ppj__xml_child(part, PPJ_NS_P14, "nvContentPartPr");
	xmlNode *id = ppj__xml_child(nv, PPJ_NS_P14, "cNvPr");
	struct ppj_shape out[INK_MAX_BRUSHES];
	struct ppj_xform box;
	size_t count;
	int rc;

	if (ppj__xml_bool(id, "hidden", false))
		return 0;
	memset(&box, 0, sizeof(box));
	read_xfrm(ppj__xml_child(part, PPJ_NS_P14, "xfrm"), &box);
	rc = pptx_ink(sc, part, &box, out, &count);
	for (size_t i = 0; !rc && i < count; i++) {
		out[i].id = (int)ppj__xml_int(id, "id", 0);
		out[i].name = pptx_str(sc->px, ppj__xml_attr(id, "name"));
		out[i].from_master = sc->from_master;
		to_group(sc, &out[i].xf);
		rc = push_shape(sc, v, n, cap, &out[i]);
	}
	return rc;
}

/*
 * Reads one element of a shape tree and appends what it gives to v.
 * Returns 0, 1 when skipped, or a fatal negative error.
 */
static int read_shape(struct sctx *sc, xmlNode *c, struct ppj_shape **v,
		      size_t *n, size_t *cap, bool skip_ph)
{
	struct ppj_shape s;
	int rc;

	memset(&s, 0, sizeof(s));
	if (ppj__xml_is(c, PPJ_NS_MC, "AlternateContent")) {
		xmlNode *ink = ink_part(c), *alt;

		if (ink)
			return read_ink(sc, ink, v, n, cap);
		alt = pptx_alt_content(c);
		for (xmlNode *k = ppj__xml_first(alt); k; k = ppj__xml_next(k))
			if ((rc = read_shape(sc, k, v, n, cap, skip_ph)) < 0)
				return rc;
		return 0;
	}
	if (ppj__ns_of(c) != NS_P || hidden(c))
		return 1;
	if (ppj__xml_is(c, NS_P, "sp") || ppj__xml_is(c, NS_P, "cxnSp")) {
		rc = read_sp(sc, c, skip_ph, &s);
		if (!rc && s.text && ppj__xml_child(c, NS_P, "txXfrm"))
			return push_split(sc, c, v, n, cap, &s);
	}
	else if (ppj__xml_is(c, NS_P, "pic"))
		rc = read_pic(sc, c, skip_ph, &s);
	else if (ppj__xml_is(c, NS_P, "grpSp"))
		rc = read_group(sc, c, skip_ph, &s);
	else if (ppj__xml_is(c, NS_P, "graphicFrame"))
		rc = read_frame(sc, c, skip_ph, &s);
	else
		return 1;
	if (rc)
		return rc;
	return push_shape(sc, v, n, cap, &s);
}

/*
 * Appends the shapes of a p:spTree (or any group-like node) to the
 * array *shapes (*n used, *cap room). skip_ph leaves placeholders out, as
 * for master and layout shapes drawn under a slide.
 */
int pptx_shapes(struct sctx *sc, xmlNode *tree, struct ppj_shape **shapes,
		size_t *n, size_t *cap, bool skip_ph)
{
	for (xmlNode *c = ppj__xml_first(tree); c; c = ppj__xml_next(c)) {
		int rc = read_shape(sc, c, shapes, n, cap, skip_ph);

		if (rc < 0)
			return rc;
	}
	return 0;
}
