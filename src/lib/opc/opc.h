/*
 * The OPC layer: an Open Packaging Conventions package (the zip of a .pptx)
 * as parts, content types and relationships, with every size capped.
 *
 * Part names here never start with a slash: "ppt/slides/slide1.xml". They
 * are compared case-insensitively, as OPC says.
 *
 * XML helpers: elements are matched by local name and a namespace class,
 * never by prefix, so Transitional and Strict documents read the same.
 */
#ifndef PPJ_OPC_H
#define PPJ_OPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "util/util.h"

struct ppj_opc;

/* One relationship of a part. */
struct ppj_rel {
	const char *id;
	const char *type;	/* the full URI */
	const char *target;	/* resolved part name, or the raw URI when
				   external; NULL when the target was refused */
	bool external;
};

/* The relationships of one part; owned by the package, never freed. */
struct ppj_rels {
	size_t n;
	struct ppj_rel *v;
	bool missing;		/* the part had no rels part */
	const struct ppj_rel **by_id;	/* v sorted by id, for look-ups */
};

/*
 * Opens the package at path. Limits come from lim (all set, as after
 * the defaults are filled). Finds the main part through _rels/.rels.
 * Returns 0 with *out set (free with ppj__opc_close), or PPJ_EDAMAGED
 * (the zip cannot be opened), PPJ_ENOTDECK (no officeDocument part),
 * PPJ_ETOOLARGE or PPJ_ENOMEM.
 */
int ppj__opc_open(const char *path, const struct ppj_limits *lim,
		  struct ppj_opc **out, struct ppj_error *err);
void ppj__opc_close(struct ppj_opc *opc);

/* The main part (target of the officeDocument relationship). */
const char *ppj__opc_main(const struct ppj_opc *opc);

/* True when the package has this part. */
bool ppj__opc_has(struct ppj_opc *opc, const char *name);

/*
 * Reads a whole part into a malloc'd buffer (*data, NUL-terminated, freed
 * by the caller). Checks the part and total caps against the bytes really
 * inflated. Returns 0, PPJ_EDAMAGED (missing or unreadable part),
 * PPJ_ETOOLARGE or PPJ_ENOMEM.
 */
int ppj__opc_read(struct ppj_opc *opc, const char *name,
		  unsigned char **data, size_t *len, struct ppj_error *err);

/*
 * Reads and parses a part as XML (no network, no entity expansion, no
 * DTD, depth capped). *doc is freed by the caller with xmlFreeDoc.
 */
int ppj__opc_xml(struct ppj_opc *opc, const char *name, xmlDoc **doc,
		 struct ppj_error *err);

/* Parses XML from memory with the same rules (used by the tests too). */
int ppj__xml_parse(const unsigned char *data, size_t len, const char *name,
		   uint32_t max_depth, xmlDoc **doc, struct ppj_error *err);

/*
 * An SVG picture rewritten without scripts, handlers, foreign content and
 * links that leave it (*out malloc'd, NUL-terminated). PPJ_EDAMAGED when
 * it is not a safe-to-parse SVG document.
 */
int ppj__svg_clean(const unsigned char *data, size_t len, const char *name,
		   unsigned char **out, size_t *out_len,
		   struct ppj_error *err);

/* Content type of a part ([Content_Types].xml), or NULL. */
const char *ppj__opc_content_type(struct ppj_opc *opc, const char *name);

/*
 * The relationships of a part, loaded once and cached in the package.
 * Never NULL unless out of memory (an absent rels part gives n == 0 and
 * missing set). A target that leaves the package gets target NULL.
 */
const struct ppj_rels *ppj__opc_rels(struct ppj_opc *opc, const char *part,
				     struct ppj_error *err);

/* The relationship with this id, or NULL. */
const struct ppj_rel *ppj__rel_by_id(const struct ppj_rels *rels,
				     const char *id);

/*
 * The first relationship whose type ends with "/" kind (e.g. "slide",
 * "slideLayout", "theme"), or NULL. Matches Transitional and Strict.
 */
const struct ppj_rel *ppj__rel_by_type(const struct ppj_rels *rels,
				       const char *kind);
bool ppj__rel_is(const struct ppj_rel *rel, const char *kind);

/*
 * Resolves target (relative, with ".." allowed) against the folder of
 * part, into a normalised part name (malloc'd, caller frees). Percent
 * escapes are decoded. NULL when the result would leave the package.
 */
char *ppj__opc_resolve(const char *part, const char *target);

/* ---- XML by namespace class ---- */

enum ppj_ns {
	PPJ_NS_OTHER = 0,
	PPJ_NS_P,		/* presentationml main */
	PPJ_NS_A,		/* drawingml main */
	PPJ_NS_R,		/* officeDocument relationships */
	PPJ_NS_C,		/* drawingml chart */
	PPJ_NS_PIC,		/* drawingml picture */
	PPJ_NS_MC,		/* markup compatibility */
	PPJ_NS_PKG_RELS,	/* package relationships */
	PPJ_NS_PKG_CT,		/* package content types */
	PPJ_NS_ASVG,		/* Office 2016 SVG blip */
	PPJ_NS_P14,		/* PowerPoint 2010 extensions */
	PPJ_NS_A14,		/* DrawingML 2010 extensions */
	PPJ_NS_DGM,		/* diagrams (SmartArt) */
	PPJ_NS_INKML,		/* W3C InkML, handwritten ink */
	PPJ_NS_CORE,		/* known but unused by us: v, o, w... */
};

enum ppj_ns ppj__ns_of_uri(const char *uri);
enum ppj_ns ppj__ns_of(const xmlNode *n);

/* True when n is an element of class ns with this local name. */
bool ppj__xml_is(const xmlNode *n, enum ppj_ns ns, const char *local);

/*
 * First element child of n of class ns and name local, or NULL. Only
 * the first PPJ_XML_SCAN_MAX children are looked at: the elements we
 * look up come early in their parent, and a shared node with a million
 * children must not make every look-up long. ppj__xml_child_any looks
 * at all of them, for parents read once.
 */
#define PPJ_XML_SCAN_MAX 256
xmlNode *ppj__xml_child(const xmlNode *n, enum ppj_ns ns,
			const char *local);
xmlNode *ppj__xml_child_any(const xmlNode *n, enum ppj_ns ns,
			    const char *local);
/* First element child, whatever it is, and the next element sibling. */
xmlNode *ppj__xml_first(const xmlNode *n);
xmlNode *ppj__xml_next(const xmlNode *n);

/* Follows a path of a-namespace names: ppj__xml_path(n, NS, "a", "b"). */
xmlNode *ppj__xml_path(const xmlNode *n, enum ppj_ns ns, const char *a,
		       const char *b);

/*
 * An attribute without namespace (ns PPJ_NS_OTHER) or of class ns, as a
 * pointer into the tree (valid while the doc lives), or NULL.
 */
const char *ppj__xml_attr(const xmlNode *n, const char *name);
const char *ppj__xml_attr_ns(const xmlNode *n, enum ppj_ns ns,
			     const char *name);

/* Attribute as a number; def when absent or not a number. */
int64_t ppj__xml_int(const xmlNode *n, const char *name, int64_t def);
/* Attribute as an xsd:boolean ("1", "true", "0", "false"). */
bool ppj__xml_bool(const xmlNode *n, const char *name, bool def);
/* True when the attribute is present. */
bool ppj__xml_has(const xmlNode *n, const char *name);

/* The text of the element (its text children), "" when none. */
const char *ppj__xml_text(const xmlNode *n);

#endif
