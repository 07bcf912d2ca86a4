/*
 * deckgen: writes small but valid .pptx packages from C, for the tests and
 * for the mkdeck tool. The caller gives the inside of each slide's spTree
 * (and optionally notes, extra relationships and parts); deckgen adds the
 * package around it: content types, package and presentation
 * relationships, one theme, one master and one layout.
 */
#ifndef PPJ_DECKGEN_H
#define PPJ_DECKGEN_H

#include <stdbool.h>
#include <stddef.h>

/* One slide. Every field may be NULL. */
struct deckgen_slide {
	const char *sptree;	/* shapes inside p:spTree, after grpSpPr */
	const char *notes;	/* plain text of the speaker notes */
	const char *rels;	/* extra <Relationship .../> elements */
	const char *attrs;	/* attributes of p:sld, e.g. show="0" */
	const char *bg;		/* the inside of p:bg */
	const char *clrmap_ovr;	/* the inside of p:clrMapOvr */
	const char *raw;	/* whole slide XML, replaces everything */
	bool no_rels;		/* write no rels part for the slide */
};

/* An extra part: name without leading slash, e.g. "ppt/media/a.png". */
struct deckgen_part {
	const char *name;
	const char *content_type;	/* an Override; NULL: none */
	const void *data;
	size_t len;			/* 0: strlen(data) */
};

/* The deck as a whole. A zeroed struct gives a plain Transitional deck. */
struct deckgen {
	bool strict;			/* Strict namespaces everywhere */
	const char *master_sptree;	/* extra master shapes */
	const char *layout_sptree;	/* extra layout shapes */
	const char *layout_attrs;	/* e.g. showMasterSp="0" */
	const char *master_bg;		/* the inside of the master's p:bg */
	const char *table_styles;	/* whole ppt/tableStyles.xml */
	const char *default_text_style;	/* inside of p:defaultTextStyle */
	const char *pres_rels;		/* extra presentation relationships */
	const char *embedded_fonts;	/* inside of p:embeddedFontLst */
	const char *main_rel_type;	/* override officeDocument rel type */
	bool layout_no_rels;		/* drop the layout's rels part */
	const char *layout_rels;	/* extra layout relationships */
	long long cx, cy;		/* slide size, 0: 9144000 x 6858000 */
	size_t nparts;
	const struct deckgen_part *parts;
};

/*
 * Writes the deck to path (replacing it). Returns 0, or -1 with a
 * message on stderr (this is test code).
 */
int deckgen_write(const char *path, const struct deckgen *g,
		  const struct deckgen_slide *slides, size_t nslides);

/* Shape XML for a title placeholder and for a body placeholder. */
char *deckgen_title_sp(int id, const char *text);	/* caller frees */
char *deckgen_body_sp(int id, const char *text);	/* caller frees */

#endif
