/*
 * The PPTX reader: an OOXML PresentationML package (.pptx, .pptm, .ppsx,
 * .potx, Transitional or Strict) into the model.
 *
 * The presentation part gives the slide size, the slide list in order,
 * the default text style and the first master. Each slide is then parsed,
 * linked to its layout and master, and its background, master and layout
 * shapes (when shown), own shapes, title and notes are read. A broken
 * slide or picture becomes a warning; only a package we cannot open, a
 * missing presentation part, a passed limit or memory stop the read.
 */
#include <stdlib.h>
#include <string.h>

#include "pptxInt.h"

#define DEFAULT_CX 9144000
#define DEFAULT_CY 6858000
#define MAX_SLIDE_EMU 51206400	/* 56 inches, PowerPoint's maximum */

static void fill_limits(struct ppj_limits *l)
{
	if (!l->max_part_bytes)
		l->max_part_bytes = (uint64_t)64 << 20;
	if (!l->max_total_bytes)
		l->max_total_bytes = (uint64_t)512 << 20;
	if (!l->max_slides)
		l->max_slides = 5000;
	if (!l->max_shapes)
		l->max_shapes = 500000;
	if (!l->max_depth)
		l->max_depth = 64;
	if (!l->max_model_bytes)
		l->max_model_bytes = (uint64_t)1 << 30;
}

static int64_t size_or(int64_t v, int64_t def)
{
	return v > 0 && v <= MAX_SLIDE_EMU ? v : def;
}

/* ---- the presentation part ---- */

static int load_table_styles(struct pptx *px, const struct ppj_rels *rels)
{
	struct ppj_error local = { 0 };
	int rc = pptx_optional_xml(px, ppj__rel_by_type(rels, "tableStyles"),
				   &px->table_styles, &local);

	if (!rc && !px->table_styles && local.msg[0])
		ppj_warn(px->deck, NULL, "bad-table-styles", "%s", local.msg);
	return rc;
}

static int load_masters(struct pptx *px, xmlNode *root,
			const struct ppj_rels *rels)
{
	xmlNode *lst = ppj__xml_child(root, NS_P, "sldMasterIdLst");
	const struct ppj_rel *th = ppj__rel_by_type(rels, "theme");
	int rc;

	for (xmlNode *m = ppj__xml_first(lst); m; m = ppj__xml_next(m)) {
		const struct ppj_rel *r = ppj__rel_by_id(rels,
			ppj__xml_attr_ns(m, NS_R, "id"));

		if (!r || r->external)
			continue;
		rc = pptx_load_part(px, r->target, PART_MASTER,
				    &px->first_master);
		if (rc < 0)
			return rc;
		if (px->first_master)
			break;
	}
	if (!px->first_master) {
		const struct ppj_rel *r = ppj__rel_by_type(rels,
							   "slideMaster");

		rc = pptx_load_part(px, r && !r->external ? r->target : NULL,
				    PART_MASTER, &px->first_master);
		if (rc < 0)
			return rc;
	}
	if (px->first_master) {
		px->pres_theme = px->first_master->theme;
		return 0;
	}
	ppj_warn(px->deck, NULL, "no-master", "the deck has no readable "
		 "slide master");
	return pptx_load_theme(px, th && !th->external ? th->target : NULL,
			       &px->pres_theme);
}

static int cmp_ref(const void *a, const void *b)
{
	const struct slide_ref *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : x->number - y->number;
}

/* The slide parts sorted by name, for hyperlinks to slides. */
static int index_slides(struct pptx *px)
{
	size_t n = px->nslide_names;

	px->slide_sorted = ppj_arena_calloc(px->arena, n + 1,
					    sizeof(*px->slide_sorted));
	if (!px->slide_sorted)
		return pptx_oom(px);
	for (size_t i = 0; i < n; i++) {
		px->slide_sorted[i].name = px->slide_names[i];
		px->slide_sorted[i].number = (int)i + 1;
	}
	qsort(px->slide_sorted, n, sizeof(*px->slide_sorted), cmp_ref);
	return 0;
}

static int slide_list(struct pptx *px, xmlNode *root,
		      const struct ppj_rels *rels)
{
	xmlNode *lst = ppj__xml_child(root, NS_P, "sldIdLst");
	size_t n = 0, cap = 0;

	for (xmlNode *s = ppj__xml_first(lst); s; s = ppj__xml_next(s)) {
		const struct ppj_rel *r = ppj__rel_by_id(rels,
			ppj__xml_attr_ns(s, NS_R, "id"));
		const char **slot;

		if (!ppj__xml_is(s, NS_P, "sldId"))
			continue;
		if (!r || r->external || !r->target) {
			ppj_warn(px->deck, NULL, "missing-slide", "a slide "
				 "of the list has no part");
			continue;
		}
		if (n >= px->lim->max_slides)
			return ppj__error(px->err, PPJ_ETOOLARGE, "more than "
					  "%u slides", px->lim->max_slides);
		slot = ppj_arena_push(px->arena, &px->slide_names, &n, &cap,
				      sizeof(*slot));
		if (!slot)
			return pptx_oom(px);
		*slot = r->target;
	}
	px->nslide_names = n;
	return index_slides(px);
}

static int read_presentation(struct pptx *px, xmlDoc **doc)
{
	const struct ppj_rels *rels;
	xmlNode *root, *sz;
	int rc;

	rc = ppj__opc_xml(px->opc, px->main, doc, px->err);
	if (rc)
		return rc == PPJ_ETOOLARGE || rc == PPJ_ENOMEM ? rc :
			ppj__error(px->err, PPJ_EDAMAGED, "unreadable "
				   "presentation part");
	root = xmlDocGetRootElement(*doc);
	if (!ppj__xml_is(root, NS_P, "presentation"))
		return ppj__error(px->err, PPJ_ENOTDECK, "the main part is "
				  "not a presentation");
	sz = ppj__xml_child(root, NS_P, "sldSz");
	px->deck->width = size_or(ppj__xml_int(sz, "cx", 0), DEFAULT_CX);
	px->deck->height = size_or(ppj__xml_int(sz, "cy", 0), DEFAULT_CY);
	px->default_text_style = ppj__xml_child(root, NS_P,
						"defaultTextStyle");
	rels = ppj__opc_rels(px->opc, px->main, px->err);
	if (!rels)
		return pptx_oom(px);
	rc = load_masters(px, root, rels);
	if (!rc)
		rc = load_table_styles(px, rels);
	return rc ? rc : slide_list(px, root, rels);
}

/* After the slides: only the families their text uses are restored. */
static int read_fonts(struct pptx *px, xmlDoc *pres)
{
	const struct ppj_rels *rels = ppj__opc_rels(px->opc, px->main,
						    px->err);

	if (!rels)
		return pptx_oom(px);
	return pptx_embedded_fonts(px, xmlDocGetRootElement(pres), rels);
}

/* ---- one slide ---- */

static xmlNode *find_ph_shape(xmlNode *tree, const char *t1, const char *t2)
{
	for (xmlNode *c = ppj__xml_first(tree); c; c = ppj__xml_next(c)) {
		const char *t;

		if (!ppj__xml_is(c, NS_P, "sp") || !pptx_ph_of(c))
			continue;
		t = pptx_ph_type(pptx_ph_of(c));
		if (strcmp(t, t1) == 0 || (t2 && strcmp(t, t2) == 0))
			return c;
	}
	return NULL;
}

static int read_notes(struct pptx *px, struct part *s, struct ppj_slide *ms)
{
	const struct ppj_rel *r = ppj__rel_by_type(s->rels, "notesSlide");
	struct part *n;
	xmlNode *body;
	int rc;

	if (!r || r->external || !r->target)
		return 0;
	rc = pptx_parse_part(px, r->target, PART_NOTES, &n);
	if (rc)
		return rc < 0 ? rc : 0;
	body = find_ph_shape(n->sptree, "body", NULL);
	if (body) {
		xmlNode *tb = ppj__xml_child(body, NS_P, "txBody");

		ms->notes = pptx_plain_text(px, tb, "\n");
		ms->notes_html = pptx_notes_html(px, tb);
		if (!ms->notes || !ms->notes_html)
			rc = pptx_oom(px);
	}
	pptx_free_part(n);
	return rc;
}

/* Master and layout shapes, drawn first when the slide shows them. */
static int master_shapes(struct sctx *sc, struct ppj_slide *ms, size_t *cap)
{
	struct part *s = sc->slide_part;
	struct part *layout = s->parent;
	struct part *master = layout ? layout->parent : sc->px->first_master;
	struct sctx sub = *sc;
	int rc = 0;

	if (!s->show_master_sp)
		return 0;
	sub.from_master = true;
	if (master && master->sptree && (!layout || layout->show_master_sp)) {
		sub.owner = master;
		rc = pptx_shapes(&sub, master->sptree, &ms->shapes,
				 &ms->nshapes, cap, true);
	}
	if (!rc && layout && layout->sptree) {
		sub.owner = layout;
		rc = pptx_shapes(&sub, layout->sptree, &ms->shapes,
				 &ms->nshapes, cap, true);
	}
	return rc;
}

static int slide_body(struct pptx *px, struct part *s, struct ppj_slide *ms)
{
	struct sctx sc;
	size_t cap = 0;
	xmlNode *title;
	int rc;

	memset(&sc, 0, sizeof(sc));
	sc.px = px;
	sc.slide = ms;
	sc.owner = s;
	sc.slide_part = s;
	sc.cc.theme = s->theme;
	sc.cc.map = s->clrmap;

	ms->hidden = !ppj__xml_bool(s->root, "show", true);
	rc = pptx_bg(&sc, &ms->background);
	if (!rc)
		rc = master_shapes(&sc, ms, &cap);
	if (!rc)
		rc = pptx_shapes(&sc, s->sptree, &ms->shapes, &ms->nshapes,
				 &cap, false);
	if (rc)
		return rc;
	title = find_ph_shape(s->sptree, "title", "ctrTitle");
	if (title) {
		ms->title = pptx_plain_text(px, ppj__xml_child(title, NS_P,
							       "txBody"), " ");
		if (!ms->title)
			return pptx_oom(px);
	}
	return read_notes(px, s, ms);
}

static int read_slide(struct pptx *px, size_t i, struct ppj_slide *ms)
{
	struct part *s;
	int rc;

	ms->number = (int)i + 1;
	ms->background.kind = PPJ_FILL_SOLID;
	ms->background.color = ppj_rgb(255, 255, 255);
	rc = pptx_parse_part(px, px->slide_names[i], PART_SLIDE, &s);
	if (rc > 0) {
		ppj_warn(px->deck, ms, "bad-slide", "slide %zu could not be "
			 "read", i + 1);
		return 0;
	}
	if (rc < 0)
		return rc;
	rc = pptx_part_chain(px, s, ms);
	if (!rc)
		rc = slide_body(px, s, ms);
	pptx_free_part(s);
	return rc;
}

/* ---- document title ---- */

static int read_core_title(struct pptx *px)
{
	const struct ppj_rels *rels = ppj__opc_rels(px->opc, "", px->err);
	struct ppj_error local = { 0 };
	xmlDoc *doc;
	int rc = pptx_optional_xml(px, ppj__rel_by_type(rels,
							"core-properties"),
				   &doc, &local);

	if (rc || !doc)
		return rc;
	for (xmlNode *c = ppj__xml_first(xmlDocGetRootElement(doc)); c;
	     c = ppj__xml_next(c))
		if (strcmp((const char *)c->name, "title") == 0 &&
		    *ppj__xml_text(c))
			px->deck->title = pptx_str(px, ppj__xml_text(c));
	xmlFreeDoc(doc);
	return 0;
}

/* ---- the whole ---- */

static int read_slides(struct pptx *px, const struct ppj_options *opts)
{
	struct ppj_deck *deck = px->deck;
	int total = (int)px->nslide_names;

	deck->slides = ppj_arena_calloc(px->arena, px->nslide_names + 1,
					sizeof(*deck->slides));
	if (!deck->slides)
		return pptx_oom(px);
	for (size_t i = 0; i < px->nslide_names; i++) {
		int rc = read_slide(px, i, &deck->slides[i]);

		if (rc)
			return rc;
		deck->nslides = i + 1;
		if (px->arena->failed)
			return pptx_oom(px);
		if (opts && opts->progress &&
		    opts->progress(opts->progress_ctx, PPJ_STAGE_READING,
				   (int)i + 1, total))
			return ppj__error(px->err, PPJ_EINTERNAL,
					  "cancelled");
	}
	return 0;
}

int ppj__pptx_read(const char *path, const struct ppj_options *opts,
		   struct ppj_deck **out, struct ppj_error *err)
{
	struct ppj_limits lim;
	struct pptx px;
	xmlDoc *pres = NULL;
	int rc;

	*out = NULL;
	memset(&px, 0, sizeof(px));
	memset(&lim, 0, sizeof(lim));
	if (opts)
		lim = opts->limits;
	fill_limits(&lim);
	px.lim = &lim;
	px.err = err;
	px.deck = ppj_deck_new((size_t)lim.max_model_bytes);
	if (!px.deck)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	px.arena = &px.deck->arena;
	px.deck->source_format = "pptx";

	rc = ppj__opc_open(path, &lim, &px.opc, err);
	if (!rc) {
		px.main = ppj__opc_main(px.opc);
		rc = read_presentation(&px, &pres);
	}
	if (!rc)
		rc = read_core_title(&px);
	if (!rc)
		rc = read_slides(&px, opts);
	if (!rc)
		rc = read_fonts(&px, pres);

	pptx_free_parts(&px);
	xmlFreeDoc(px.table_styles);
	pptx_builtin_styles_free(&px);
	xmlFreeDoc(pres);
	ppj__opc_close(px.opc);
	if (rc) {
		ppj_deck_free(px.deck);
		return rc;
	}
	*out = px.deck;
	return 0;
}
