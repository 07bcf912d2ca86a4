/*
 * SmartArt diagrams: PowerPoint keeps a drawing of each diagram (the
 * diagramDrawing part, dsp namespace) beside its data model. We read
 * that drawing as a group of ordinary shapes placed in the graphic
 * frame's box; the diagram layout itself is never evaluated.
 */
#include <string.h>

#include "pptxInt.h"

/* The relId of dsp:dataModelExt in the data part's extension list. */
static const char *drawing_rel(xmlNode *root)
{
	xmlNode *ext = ppj__xml_child(root, PPJ_NS_DGM, "extLst");

	for (xmlNode *e = ppj__xml_first(ext); e; e = ppj__xml_next(e))
		for (xmlNode *d = ppj__xml_first(e); d; d = ppj__xml_next(d))
			if (strcmp((const char *)d->name, "dataModelExt") == 0)
				return ppj__xml_attr(d, "relId");
	return NULL;
}

/*
 * The drawing part of the diagram whose data relationship is dm_id:
 * through the data part's dataModelExt, else the slide's first
 * diagramDrawing relationship. The name lives in the package.
 */
static const char *find_drawing(struct sctx *sc, const char *dm_id)
{
	const struct ppj_rel *dm = ppj__rel_by_id(sc->owner->rels, dm_id);
	const struct ppj_rel *dr = NULL;
	struct ppj_error local = { 0 };
	xmlDoc *doc = NULL;

	if (dm && !dm->external && dm->target &&
	    ppj__opc_xml(sc->px->opc, dm->target, &doc, &local) == 0) {
		dr = ppj__rel_by_id(sc->owner->rels,
				    drawing_rel(xmlDocGetRootElement(doc)));
		xmlFreeDoc(doc);
	}
	if (!dr)
		dr = ppj__rel_by_type(sc->owner->rels, "diagramDrawing");
	return dr && !dr->external ? dr->target : NULL;
}

/* Reads the diagram of a graphic frame (dgm:relIds) as a group. */
int pptx_diagram(struct sctx *sc, xmlNode *relids, struct ppj_shape *s)
{
	const char *name = find_drawing(sc, ppj__xml_attr_ns(relids, NS_R,
							     "dm"));
	struct sctx sub = *sc;
	struct part *dr = NULL;
	size_t cap = 0;
	int rc;

	if (!name || !ppj__opc_has(sc->px->opc, name) ||
	    (rc = pptx_parse_part(sc->px, name, PART_DRAWING, &dr)) > 0) {
		ppj_warn(sc->px->deck, sc->slide, "smartart", "a SmartArt "
			 "diagram without its drawing is not drawn");
		return 1;
	}
	if (rc < 0)
		return rc;
	if (!dr->sptree)
		dr->sptree = ppj__xml_child(dr->root, NS_P, "spTree");

	s->kind = PPJ_SHAPE_GROUP;
	s->fill.kind = PPJ_FILL_NONE;
	sub.owner = dr;
	sub.in_group = true;
	sub.ch_x = sub.ch_y = 0;
	sub.sx = sub.sy = 1;
	sub.group_fill = NULL;
	sub.depth++;
	rc = pptx_shapes(&sub, dr->sptree, &s->children, &s->nchildren, &cap,
			 false);
	pptx_free_part(dr);
	return rc;
}
