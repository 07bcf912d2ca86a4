/*
 * The parts a slide stands on: themes, slide masters and slide layouts,
 * loaded once and kept for the whole read, and the chain slide -> layout
 * -> master -> theme with the colour map in force on each.
 *
 * Also the placeholder look-up used to inherit from layout and master.
 */
#include <stdlib.h>
#include <string.h>

#include "pptxInt.h"

char *pptx_str(struct pptx *px, const char *s)
{
	return s ? ppj_arena_strdup(px->arena, s) : NULL;
}

int pptx_oom(struct pptx *px)
{
	return ppj__error(px->err, PPJ_ENOMEM, "out of memory (the model "
			  "passed its limit)");
}

int pptx_count_shape(struct pptx *px)
{
	if (++px->nshapes > px->lim->max_shapes)
		return ppj__error(px->err, PPJ_ETOOLARGE, "more than %u "
				  "shapes in the deck", px->lim->max_shapes);
	return 0;
}

static void index_placeholders(struct part *p);

/* ---- themes ---- */

static const char *const slot_names[CLR_COUNT] = {
	"dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3",
	"accent4", "accent5", "accent6", "hlink", "folHlink",
};

static void theme_defaults(struct theme *t)
{
	static const uint32_t office[CLR_COUNT] = {
		0x000000, 0xFFFFFF, 0x1F497D, 0xEEECE1, 0x4F81BD, 0xC0504D,
		0x9BBB59, 0x8064A2, 0x4BACC6, 0xF79646, 0x0000FF, 0x800080,
	};

	for (int i = 0; i < CLR_COUNT; i++)
		t->scheme[i] = ppj_rgb((uint8_t)(office[i] >> 16),
				       (uint8_t)(office[i] >> 8),
				       (uint8_t)office[i]);
}

static void theme_fonts(struct pptx *px, xmlNode *font, const char **out)
{
	static const char *const kinds[3] = { "latin", "ea", "cs" };

	for (int i = 0; i < 3; i++) {
		const char *f = ppj__xml_attr(ppj__xml_child(font, NS_A,
							     kinds[i]),
					      "typeface");

		out[i] = f && *f ? pptx_str(px, f) : NULL;
	}
}

/* The colours of a:clrScheme cs over t's (slots cs leaves out stay). */
static void scheme_colors(xmlNode *cs, struct theme *t)
{
	struct cctx cc = { NULL, NULL, NULL };

	for (int i = 0; i < CLR_COUNT; i++)
		pptx_color_in(&cc, ppj__xml_child(cs, NS_A, slot_names[i]),
			      &t->scheme[i]);
}

/* The major and minor fonts of an override's a:fontScheme, if any. */
static void override_fonts(struct pptx *px, xmlNode *fs, struct theme *t)
{
	if (ppj__xml_child(fs, NS_A, "majorFont"))
		theme_fonts(px, ppj__xml_child(fs, NS_A, "majorFont"),
			    t->major);
	if (ppj__xml_child(fs, NS_A, "minorFont"))
		theme_fonts(px, ppj__xml_child(fs, NS_A, "minorFont"),
			    t->minor);
}

static void read_theme(struct pptx *px, struct theme *t)
{
	xmlNode *el = ppj__xml_child(xmlDocGetRootElement(t->doc), NS_A,
				     "themeElements");
	xmlNode *cs = ppj__xml_child(el, NS_A, "clrScheme");
	xmlNode *fs = ppj__xml_child(el, NS_A, "fontScheme");
	xmlNode *fmt = ppj__xml_child(el, NS_A, "fmtScheme");

	scheme_colors(cs, t);
	theme_fonts(px, ppj__xml_child(fs, NS_A, "majorFont"), t->major);
	theme_fonts(px, ppj__xml_child(fs, NS_A, "minorFont"), t->minor);
	t->fill_styles = ppj__xml_child(fmt, NS_A, "fillStyleLst");
	t->line_styles = ppj__xml_child(fmt, NS_A, "lnStyleLst");
	t->effect_styles = ppj__xml_child(fmt, NS_A, "effectStyleLst");
	t->bg_styles = ppj__xml_child(fmt, NS_A, "bgFillStyleLst");
}

int pptx_optional_xml(struct pptx *px, const struct ppj_rel *r,
		      xmlDoc **doc, struct ppj_error *why)
{
	int rc;

	*doc = NULL;
	if (!r || r->external || !r->target ||
	    !ppj__opc_has(px->opc, r->target))
		return 0;
	rc = ppj__opc_xml(px->opc, r->target, doc, why);
	if (rc == PPJ_ETOOLARGE || rc == PPJ_ENOMEM)
		return ppj__error(px->err, rc, "%s", why->msg);
	if (rc)
		*doc = NULL;
	return 0;
}

/*
 * The theme a chart part draws with: base, or a copy of it with the
 * colours and fonts of the part's theme override (a:themeOverride, which
 * PowerPoint writes for a chart pasted from another deck). A missing or
 * unreadable override leaves base; only size and memory limits fail.
 */
int pptx_theme_override(struct pptx *px, const struct theme *base,
			const char *part, const struct theme **out)
{
	const struct ppj_rels *rels = ppj__opc_rels(px->opc, part, px->err);
	struct ppj_error local = { 0 };
	struct theme *t;
	xmlNode *root;
	xmlDoc *doc;
	int rc;

	*out = base;
	if (!rels)
		return pptx_oom(px);
	if (!base)
		return 0;
	rc = pptx_optional_xml(px, ppj__rel_by_type(rels, "themeOverride"),
			       &doc, &local);
	if (rc || !doc)
		return rc;

	t = ppj_arena_alloc(px->arena, sizeof(*t));
	if (!t) {
		xmlFreeDoc(doc);
		return pptx_oom(px);
	}
	*t = *base;
	t->next = NULL;
	root = xmlDocGetRootElement(doc);
	scheme_colors(ppj__xml_child(root, NS_A, "clrScheme"), t);
	override_fonts(px, ppj__xml_child(root, NS_A, "fontScheme"), t);
	xmlFreeDoc(doc);
	*out = t;
	return 0;
}

/*
 * The theme of part name, loaded once. A theme that cannot be read gives
 * the Office defaults and a warning. Only size and memory limits fail.
 */
int pptx_load_theme(struct pptx *px, const char *name, struct theme **out)
{
	struct ppj_error local = { 0 };
	struct theme *t;
	int rc;

	for (t = px->themes; t; t = t->next)
		if (ppj_streq(t->name, name)) {
			*out = t;
			return 0;
		}
	t = ppj_arena_alloc(px->arena, sizeof(*t));
	if (!t)
		return pptx_oom(px);
	t->name = pptx_str(px, name ? name : "");
	theme_defaults(t);
	rc = name ? ppj__opc_xml(px->opc, name, &t->doc, &local) : 1;
	if (rc == PPJ_ETOOLARGE || rc == PPJ_ENOMEM)
		return ppj__error(px->err, rc, "%s", local.msg);
	if (rc)
		ppj_warn(px->deck, NULL, "bad-theme", "theme '%s' not read; "
			 "Office colours used", name ? name : "(none)");
	else
		read_theme(px, t);

	/* Pictures in the theme's fill lists use the theme's rels. */
	t->owner = ppj_arena_alloc(px->arena, sizeof(*t->owner));
	if (!t->owner)
		return pptx_oom(px);
	t->owner->name = t->name;
	t->owner->kind = PART_NOTES;
	t->owner->rels = ppj__opc_rels(px->opc, name ? name : "", px->err);
	if (!t->owner->rels)
		return pptx_oom(px);
	t->next = px->themes;
	px->themes = t;
	*out = t;
	return 0;
}

/* ---- slides, layouts, masters ---- */

void pptx_free_part(struct part *p)
{
	if (!p)
		return;
	xmlFreeDoc(p->doc);
	free(p);
}

void pptx_free_parts(struct pptx *px)
{
	while (px->parts) {
		struct part *next = px->parts->next;

		pptx_free_part(px->parts);
		px->parts = next;
	}
	for (struct theme *t = px->themes; t; t = t->next) {
		xmlFreeDoc(t->doc);
		t->doc = NULL;
	}
}

/*
 * Parses a part into a new struct part (freed with pptx_free_part).
 * Returns 0, 1 when unreadable (warned), or a fatal negative error.
 */
int pptx_parse_part(struct pptx *px, const char *name, enum part_kind kind,
		    struct part **out)
{
	struct ppj_error local = { 0 };
	struct part *p = calloc(1, sizeof(*p));
	int rc;

	*out = NULL;
	if (!p)
		return pptx_oom(px);
	p->kind = kind;
	p->name = pptx_str(px, name);
	rc = ppj__opc_xml(px->opc, name, &p->doc, &local);
	if (rc) {
		free(p);
		if (rc == PPJ_ETOOLARGE || rc == PPJ_ENOMEM)
			return ppj__error(px->err, rc, "%s", local.msg);
		ppj_warn(px->deck, NULL, "bad-part", "%s", local.msg);
		return 1;
	}
	p->root = xmlDocGetRootElement(p->doc);
	p->csld = ppj__xml_child(p->root, NS_P, "cSld");
	p->sptree = ppj__xml_child(p->csld, NS_P, "spTree");
	p->show_master_sp = ppj__xml_bool(p->root, "showMasterSp", true);
	if (kind == PART_LAYOUT || kind == PART_MASTER)
		index_placeholders(p);
	p->rels = ppj__opc_rels(px->opc, name, px->err);
	if (!p->rels) {
		pptx_free_part(p);
		return pptx_oom(px);
	}
	pptx_clrmap_default(p->clrmap);
	*out = p;
	return 0;
}

static const char *target_of(const struct part *p, const char *kind)
{
	const struct ppj_rel *r = ppj__rel_by_type(p->rels, kind);

	return r && !r->external ? r->target : NULL;
}

/* Warns about layouts of the master that have no relationships. */
static int check_layouts(struct pptx *px, struct part *m)
{
	for (size_t i = 0; i < m->rels->n; i++) {
		const struct ppj_rel *r = &m->rels->v[i];
		const struct ppj_rels *lr;

		if (!ppj__rel_is(r, "slideLayout") || r->external ||
		    !r->target || !ppj__opc_has(px->opc, r->target))
			continue;
		lr = ppj__opc_rels(px->opc, r->target, px->err);
		if (!lr)
			return pptx_oom(px);
		if (lr->missing)
			ppj_warn(px->deck, NULL, "layout-no-rels", "layout "
				 "'%s' has no relationships", r->target);
	}
	return 0;
}

/* Fills in the master's theme and colour map. */
static int setup_master(struct pptx *px, struct part *m)
{
	int rc = pptx_load_theme(px, target_of(m, "theme"), &m->theme);

	pptx_clrmap_apply(ppj__xml_child(m->root, NS_P, "clrMap"),
			  m->clrmap);
	return rc ? rc : check_layouts(px, m);
}

/* Inherits the parent's theme and map, then applies clrMapOvr. */
static void inherit_map(struct pptx *px, struct part *p)
{
	xmlNode *ovr = ppj__xml_child(p->root, NS_P, "clrMapOvr");

	if (p->parent) {
		p->theme = p->parent->theme;
		memcpy(p->clrmap, p->parent->clrmap, sizeof(p->clrmap));
	} else {
		p->theme = px->pres_theme;
	}
	pptx_clrmap_apply(ppj__xml_child(ovr, NS_A, "overrideClrMapping"),
			  p->clrmap);
}

/*
 * Loads a layout or master (cached in px->parts; never freed by the
 * caller). Returns 0 with *out set, 1 when the part is unreadable (a
 * warning is recorded, *out NULL), or a negative error.
 */
int pptx_load_part(struct pptx *px, const char *name, enum part_kind kind,
		   struct part **out)
{
	struct part *p;
	int rc;

	*out = NULL;
	if (!name)
		return 1;
	for (p = px->parts; p; p = p->next)
		if (p->kind == kind && strcmp(p->name, name) == 0) {
			*out = p->doc ? p : NULL;
			return p->doc ? 0 : 1;
		}
	rc = pptx_parse_part(px, name, kind, &p);
	if (rc > 0) {
		/* Remember the failure: the next slide must not re-read it. */
		p = calloc(1, sizeof(*p));
		if (!p || !(p->name = pptx_str(px, name))) {
			free(p);
			return pptx_oom(px);
		}
		p->kind = kind;
		p->next = px->parts;
		px->parts = p;
		return 1;
	}
	if (rc)
		return rc;
	p->next = px->parts;
	px->parts = p;

	if (kind == PART_MASTER) {
		rc = setup_master(px, p);
	} else if (kind == PART_LAYOUT) {
		if (p->rels->missing)
			ppj_warn(px->deck, NULL, "layout-no-rels", "layout "
				 "'%s' has no relationships; the first master "
				 "is used", name);
		rc = pptx_load_part(px, target_of(p, "slideMaster"),
				    PART_MASTER, &p->parent);
		if (rc > 0)
			p->parent = px->first_master;
		rc = rc < 0 ? rc : 0;
		inherit_map(px, p);
	}
	*out = p;
	return rc < 0 ? rc : 0;
}

/*
 * Links a freshly parsed slide (or notes slide) to its layout and master
 * and sets its theme and colour map. A missing layout is a warning.
 */
int pptx_part_chain(struct pptx *px, struct part *s, struct ppj_slide *ms)
{
	const char *lname = target_of(s, "slideLayout");
	struct part *layout = NULL;
	int rc = 0;

	if (s->kind == PART_SLIDE) {
		rc = pptx_load_part(px, lname, PART_LAYOUT, &layout);
		if (rc < 0)
			return rc;
		if (rc > 0 || !layout)
			ppj_warn(px->deck, ms, "no-layout", "slide has no "
				 "readable layout");
	}
	if (!layout && px->first_master && s->kind == PART_SLIDE) {
		/* Stand in for the layout with the first master. */
		s->parent = NULL;
		s->theme = px->first_master->theme;
		memcpy(s->clrmap, px->first_master->clrmap,
		       sizeof(s->clrmap));
		pptx_clrmap_apply(ppj__xml_child(ppj__xml_child(s->root, NS_P,
			"clrMapOvr"), NS_A, "overrideClrMapping"), s->clrmap);
		return 0;
	}
	s->parent = layout;
	inherit_map(px, s);
	return 0;
}

/* ---- placeholders ---- */

xmlNode *pptx_ph_of(xmlNode *shape)
{
	xmlNode *nv = ppj__xml_first(shape);

	return ppj__xml_child(ppj__xml_child(nv, NS_P, "nvPr"), NS_P, "ph");
}

const char *pptx_ph_type(xmlNode *ph)
{
	const char *t = ppj__xml_attr(ph, "type");

	return t ? t : "body";
}

/* The type a master uses for a layout's placeholder type. */
static const char *base_type(const char *t)
{
	if (strcmp(t, "ctrTitle") == 0)
		return "title";
	if (strcmp(t, "subTitle") == 0 || strcmp(t, "obj") == 0)
		return "body";
	return t;
}

/* Indexes the first PH_INDEX_MAX placeholders of a layout or master. */
static void index_placeholders(struct part *p)
{
	for (xmlNode *c = ppj__xml_first(p->sptree);
	     c && p->nph < PH_INDEX_MAX; c = ppj__xml_next(c)) {
		xmlNode *ph = pptx_ph_of(c);
		struct ph_entry *e = &p->ph[p->nph];

		if (!ph)
			continue;
		e->shape = c;
		e->type = pptx_ph_type(ph);
		e->has_idx = ppj__xml_has(ph, "idx");
		e->idx = (int)ppj__xml_int(ph, "idx", -1);
		p->nph++;
	}
}

static xmlNode *find_by(const struct part *p, const char *type, int idx,
			int how)
{
	for (size_t i = 0; i < p->nph; i++) {
		const struct ph_entry *e = &p->ph[i];

		if (how == 0 && e->has_idx && e->idx == idx)
			return e->shape;
		if (how == 1 && strcmp(e->type, type) == 0)
			return e->shape;
		if (how == 2 && strcmp(base_type(e->type),
				       base_type(type)) == 0)
			return e->shape;
	}
	return NULL;
}

/*
 * The shape of part p that a placeholder of this type and idx inherits
 * from: matched by idx, then by type, then by the type's base kind.
 */
xmlNode *pptx_find_ph(const struct part *p, const char *type, int idx,
		      bool has_idx)
{
	xmlNode *c = NULL;

	if (!p || !p->sptree)
		return NULL;
	if (has_idx)
		c = find_by(p, type, idx, 0);
	if (!c)
		c = find_by(p, type, idx, 1);
	if (!c)
		c = find_by(p, type, idx, 2);
	return c;
}
