/*
 * Internals of the PPTX reader, shared by its files only.
 *
 * The reader keeps the XML of themes, masters and layouts alive for the
 * whole read and parses each slide in turn. Inheritance is resolved by
 * applying property nodes from the least to the most specific (defaults,
 * presentation, master, layout, slide, paragraph, run), each overwriting
 * what it sets, so a shape in the model carries final values only.
 */
#ifndef PPJ_PPTX_INT_H
#define PPJ_PPTX_INT_H

#include <libxml/tree.h>

#include "model/model.h"
#include "opc/opc.h"
#include "pptx.h"

#define NS_P PPJ_NS_P
#define NS_A PPJ_NS_A
#define NS_R PPJ_NS_R
#define NS_C PPJ_NS_C

/*
 * Property nodes (pPr, rPr, spPr, ln, a colour and its transforms...)
 * have a handful of children; loops over them stop after this many, so
 * a shared node stuffed with junk costs each shape little.
 */
#define PROPS_MAX 64

/* Scheme colour slots of a theme, in this order. */
enum { CLR_DK1, CLR_LT1, CLR_DK2, CLR_LT2, CLR_ACCENT1, CLR_HLINK = 10,
	CLR_FOLHLINK, CLR_COUNT };

struct theme {
	const char *name;		/* part name */
	xmlDoc *doc;
	struct ppj_color scheme[CLR_COUNT];
	const char *major[3], *minor[3];	/* latin, ea, cs; arena */
	xmlNode *fill_styles, *line_styles, *effect_styles, *bg_styles;
	struct part *owner;		/* for pictures in the style lists */
	struct theme *next;
};

enum part_kind { PART_SLIDE, PART_LAYOUT, PART_MASTER, PART_NOTES,
	PART_DRAWING };

/*
 * Placeholders of a layout or master, indexed once. Real parts have a
 * dozen; the cap keeps a hostile part from making every look-up long.
 */
#define PH_INDEX_MAX 64

struct ph_entry {
	xmlNode *shape;
	const char *type;	/* pptx_ph_type(): never NULL */
	int idx;
	bool has_idx;
};

/* A slide, layout, master or notes slide, parsed. */
struct part {
	const char *name;		/* arena */
	enum part_kind kind;
	xmlDoc *doc;
	xmlNode *root, *csld, *sptree;
	const struct ppj_rels *rels;
	struct part *parent;		/* slide -> layout -> master */
	struct theme *theme;		/* the master's theme */
	int clrmap[CLR_COUNT];		/* bg1.. folHlink -> scheme slot */
	bool show_master_sp;
	size_t nph;
	struct ph_entry ph[PH_INDEX_MAX];
	struct part *next;
};

#define MEDIA_BUCKETS 512

/* A slide part and its number, sorted by name for hyperlinks. */
struct slide_ref {
	const char *name;
	int number;
};

/* A media entry read from a part, found again by the part's name. */
struct media_key {
	const char *part;
	struct ppj_media *media;
	struct media_key *next;
};

#define PPTX_BUILTIN_STYLES 7	/* Medium Style 2 and its accents */

/* The whole read. */
struct pptx {
	struct ppj_opc *opc;
	struct ppj_deck *deck;
	struct ppj_arena *arena;	/* &deck->arena */
	const struct ppj_limits *lim;
	struct ppj_error *err;
	const char *main;		/* presentation part name */
	xmlDoc *pres;
	xmlNode *default_text_style;
	xmlDoc *table_styles;
	xmlDoc *builtin_styles[PPTX_BUILTIN_STYLES];	/* tblstyle.c */
	struct theme *themes;
	struct theme *pres_theme;	/* theme of the first master */
	struct part *parts;		/* masters and layouts */
	struct part *first_master;
	const char **slide_names;	/* part names, for slide jumps */
	size_t nslide_names;
	struct slide_ref *slide_sorted;	/* by name, for look-ups */
	uint64_t nshapes;
	/* media cache: part name -> media, in deck->media */
	size_t cmedia;
	struct media_key *media_hash[MEDIA_BUCKETS];	/* by part name */
};

/* Colour resolution context: theme, colour map and placeholder colour. */
struct cctx {
	const struct theme *theme;
	const int *map;
	const struct ppj_color *ph;	/* phClr, or NULL */
};

/* Reading shapes of one slide. */
struct sctx {
	struct pptx *px;
	struct ppj_slide *slide;
	struct part *owner;		/* whose relationships apply */
	struct part *slide_part;	/* the slide being built */
	struct cctx cc;
	const struct ppj_fill *group_fill;
	bool in_group;			/* children of a group: scale */
	int64_t ch_x, ch_y;		/* the group's chOff */
	double sx, sy;			/* ext / chExt */
	int depth;
	bool from_master;
};

/* ---- parts.c ---- */
int pptx_load_part(struct pptx *px, const char *name, enum part_kind kind,
		   struct part **out);
int pptx_parse_part(struct pptx *px, const char *name, enum part_kind kind,
		    struct part **out);
void pptx_free_part(struct part *p);
int pptx_part_chain(struct pptx *px, struct part *slide,
		    struct ppj_slide *ms);
void pptx_free_parts(struct pptx *px);
/*
 * Parses the internal part r points at, if any: 0 with *doc set; 0 with
 * *doc NULL when there is none or it cannot be read (why says why when
 * it could not be); negative only past a size or memory limit.
 */
int pptx_optional_xml(struct pptx *px, const struct ppj_rel *r,
		      xmlDoc **doc, struct ppj_error *why);
int pptx_theme_override(struct pptx *px, const struct theme *base,
			const char *part, const struct theme **out);
int pptx_load_theme(struct pptx *px, const char *name, struct theme **out);
void pptx_clrmap_apply(xmlNode *map, int *clrmap);
void pptx_clrmap_default(int *clrmap);
xmlNode *pptx_find_ph(const struct part *p, const char *type, int idx,
		      bool has_idx);
const char *pptx_ph_type(xmlNode *ph);
xmlNode *pptx_ph_of(xmlNode *shape);
char *pptx_str(struct pptx *px, const char *s);
int pptx_oom(struct pptx *px);
int pptx_count_shape(struct pptx *px);

/* ---- ink.c ---- */

/* Shapes one ink part may give: one per brush. */
#define INK_MAX_BRUSHES 16

/*
 * The handwritten ink of a p:contentPart (its InkML part) as up to
 * INK_MAX_BRUSHES stroked shapes in out, one per brush, placed in box
 * (its p14:xfrm). Returns 0 with *count set (0 when there is nothing to
 * draw, warned), or a fatal negative error.
 */
int pptx_ink(struct sctx *sc, xmlNode *part, const struct ppj_xform *box,
	     struct ppj_shape *out, size_t *count);

/* ---- color.c ---- */
bool pptx_color(const struct cctx *cc, xmlNode *el, struct ppj_color *out);
bool pptx_color_in(const struct cctx *cc, xmlNode *parent,
		   struct ppj_color *out);
bool pptx_is_color(const xmlNode *el);
bool pptx_prst_color(const char *name, struct ppj_color *out);

/* ---- fill.c ---- */
xmlNode *pptx_find_fill(xmlNode *parent);
int pptx_fill(struct sctx *sc, xmlNode *el, struct ppj_fill *out);
int pptx_line(struct sctx *sc, xmlNode *ln, struct ppj_line *out);
void pptx_effects(struct sctx *sc, xmlNode *lst, struct ppj_effects *out);
xmlNode *pptx_style_entry(xmlNode *list, int64_t idx);
int pptx_geom(struct sctx *sc, xmlNode *sppr, struct ppj_geom *out);
int pptx_media(struct sctx *sc, const char *rid, struct ppj_media **out);
int pptx_blip_media(struct sctx *sc, xmlNode *blip, struct ppj_media **out);
int pptx_bg(struct sctx *sc, struct ppj_fill *out);
void pptx_link(struct sctx *sc, xmlNode *hlink, struct ppj_link *out);

/* ---- shapes.c ---- */
int pptx_shapes(struct sctx *sc, xmlNode *tree, struct ppj_shape **shapes,
		size_t *n, size_t *cap, bool skip_ph);
xmlNode *pptx_alt_content(xmlNode *mc);

/* ---- font.c ---- */

/* Reads p:embeddedFontLst into deck->fonts, restoring each face. */
int pptx_embedded_fonts(struct pptx *px, xmlNode *root,
			const struct ppj_rels *rels);

/* ---- diagram.c ---- */
int pptx_diagram(struct sctx *sc, xmlNode *relids, struct ppj_shape *s);

/* ---- text.c ---- */

/* The sources of a shape's text properties, least specific first. */
struct text_chain {
	xmlNode *lists[5];	/* lstStyle-like nodes with lvlNpPr */
	size_t nlists;
	xmlNode *bodies[3];	/* bodyPr nodes: master, layout, shape */
	size_t nbodies;
	xmlNode *font_ref;	/* p:style fontRef of the shape, or NULL */
	xmlNode *cell_styles[8];	/* a:tcTxStyle of a table style */
	size_t ncell_styles;
};

int pptx_text(struct sctx *sc, xmlNode *txbody, const struct text_chain *ch,
	      struct ppj_text **out);
char *pptx_plain_text(struct pptx *px, xmlNode *txbody, const char *sep);
char *pptx_notes_html(struct pptx *px, xmlNode *txbody);

/* ---- table.c ---- */
int pptx_table(struct sctx *sc, xmlNode *tbl, struct ppj_table **out);

/*
 * PowerPoint's built-in table style of that GUID, for decks that name
 * it without defining it; NULL when it is not one we know.
 */
xmlNode *pptx_builtin_table_style(struct pptx *px, const char *id);
void pptx_builtin_styles_free(struct pptx *px);

/* ---- chart.c ---- */
int pptx_chart(struct sctx *sc, const char *rid, struct ppj_chart **out);

#endif
