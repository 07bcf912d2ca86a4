/*
 * XML for the OPC layer: safe parsing from memory and small helpers that
 * match elements by namespace class and local name.
 *
 * Parsing refuses a DOCTYPE that declares entities before libxml2 sees
 * it (billion laughs, external entities), never loads DTDs or touches the
 * network, and refuses trees deeper than the caller's cap.
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#include "opc.h"

struct ns_name {
	const char *suffix;	/* URI after the Transitional/Strict base */
	enum ppj_ns ns;
};

/* Transitional bases are .../2006/..., Strict ones have no year. */
static const struct ns_name ns_names[] = {
	{ "presentationml/2006/main", PPJ_NS_P },
	{ "presentationml/main", PPJ_NS_P },
	{ "drawingml/2006/main", PPJ_NS_A },
	{ "drawingml/main", PPJ_NS_A },
	{ "officeDocument/2006/relationships", PPJ_NS_R },
	{ "officeDocument/relationships", PPJ_NS_R },
	{ "drawingml/2006/chart", PPJ_NS_C },
	{ "drawingml/chart", PPJ_NS_C },
	{ "drawingml/2006/picture", PPJ_NS_PIC },
	{ "drawingml/picture", PPJ_NS_PIC },
	{ "markup-compatibility/2006", PPJ_NS_MC },
	{ "package/2006/relationships", PPJ_NS_PKG_RELS },
	{ "package/2006/content-types", PPJ_NS_PKG_CT },
	{ "drawingml/2006/diagram", PPJ_NS_DGM },
	{ "drawingml/diagram", PPJ_NS_DGM },
};

static const char *const bases[] = {
	"http://schemas.openxmlformats.org/",
	"http://purl.oclc.org/ooxml/",
};

enum ppj_ns ppj__ns_of_uri(const char *uri)
{
	if (!uri)
		return PPJ_NS_OTHER;
	for (size_t b = 0; b < 2; b++) {
		size_t lb = strlen(bases[b]);

		if (strncmp(uri, bases[b], lb) != 0)
			continue;
		for (size_t i = 0; i < sizeof(ns_names) / sizeof(*ns_names);
		     i++)
			if (strcmp(uri + lb, ns_names[i].suffix) == 0)
				return ns_names[i].ns;
		return PPJ_NS_OTHER;
	}
	/*
	 * The cached drawing of a SmartArt diagram writes PresentationML's
	 * shape vocabulary (sp, spPr, txBody...) in a namespace of its own;
	 * it is read as p.
	 */
	if (strcmp(uri, "http://schemas.microsoft.com/office/drawing/2008/"
		   "diagram") == 0)
		return PPJ_NS_P;
	if (strcmp(uri, "http://schemas.microsoft.com/office/drawing/2016/"
		   "SVG/main") == 0)
		return PPJ_NS_ASVG;
	if (strcmp(uri, "http://schemas.microsoft.com/office/powerpoint/"
		   "2010/main") == 0)
		return PPJ_NS_P14;
	if (strcmp(uri, "http://schemas.microsoft.com/office/drawing/2010/"
		   "main") == 0)
		return PPJ_NS_A14;
	if (strcmp(uri, "http://www.w3.org/2003/InkML") == 0)
		return PPJ_NS_INKML;
	return PPJ_NS_OTHER;
}

enum ppj_ns ppj__ns_of(const xmlNode *n)
{
	if (!n || !n->ns)
		return PPJ_NS_OTHER;
	return ppj__ns_of_uri((const char *)n->ns->href);
}

bool ppj__xml_is(const xmlNode *n, enum ppj_ns ns, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, local) == 0 &&
	       ppj__ns_of(n) == ns;
}

xmlNode *ppj__xml_first(const xmlNode *n)
{
	if (!n)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *ppj__xml_next(const xmlNode *n)
{
	for (xmlNode *c = n ? n->next : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *ppj__xml_child(const xmlNode *n, enum ppj_ns ns, const char *local)
{
	size_t seen = 0;

	for (xmlNode *c = ppj__xml_first(n); c && seen < PPJ_XML_SCAN_MAX;
	     c = ppj__xml_next(c), seen++)
		if (ppj__xml_is(c, ns, local))
			return c;
	return NULL;
}

xmlNode *ppj__xml_child_any(const xmlNode *n, enum ppj_ns ns,
			    const char *local)
{
	for (xmlNode *c = ppj__xml_first(n); c; c = ppj__xml_next(c))
		if (ppj__xml_is(c, ns, local))
			return c;
	return NULL;
}

xmlNode *ppj__xml_path(const xmlNode *n, enum ppj_ns ns, const char *a,
		       const char *b)
{
	xmlNode *c = ppj__xml_child(n, ns, a);

	return b ? ppj__xml_child(c, ns, b) : c;
}

static const char *attr_value(const xmlAttr *a)
{
	if (a->children && a->children->type == XML_TEXT_NODE &&
	    a->children->content)
		return (const char *)a->children->content;
	return "";
}

const char *ppj__xml_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && strcmp((const char *)a->name, name) == 0)
			return attr_value(a);
	return NULL;
}

const char *ppj__xml_attr_ns(const xmlNode *n, enum ppj_ns ns,
			     const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->ns && strcmp((const char *)a->name, name) == 0 &&
		    ppj__ns_of_uri((const char *)a->ns->href) == ns)
			return attr_value(a);
	return NULL;
}

int64_t ppj__xml_int(const xmlNode *n, const char *name, int64_t def)
{
	const char *s = ppj__xml_attr(n, name);
	char *end;
	long long v;

	if (!s || !*s)
		return def;
	v = strtoll(s, &end, 10);
	/* Tolerate "12.0" and the like: keep the integer part. */
	if (end == s)
		return def;
	return v;
}

bool ppj__xml_bool(const xmlNode *n, const char *name, bool def)
{
	const char *s = ppj__xml_attr(n, name);

	if (!s)
		return def;
	if (strcmp(s, "1") == 0 || strcasecmp(s, "true") == 0 ||
	    strcasecmp(s, "on") == 0)
		return true;
	if (strcmp(s, "0") == 0 || strcasecmp(s, "false") == 0 ||
	    strcasecmp(s, "off") == 0)
		return false;
	return def;
}

bool ppj__xml_has(const xmlNode *n, const char *name)
{
	return ppj__xml_attr(n, name) != NULL;
}

const char *ppj__xml_text(const xmlNode *n)
{
	if (!n)
		return "";
	for (xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) && c->content)
			return (const char *)c->content;
	return "";
}

/* ---- parsing ---- */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
	xmlInitParser();
}

/*
 * A DOCTYPE that declares entities is refused outright: real parts never
 * have one, and refusing is cheaper and safer than trusting the parser's
 * own amplification checks.
 */
static bool declares_entities(const unsigned char *data, size_t len)
{
	if (!memmem(data, len, "<!DOCTYPE", 9))
		return false;
	return memmem(data, len, "<!ENTITY", 8) != NULL;
}

/* True when the element tree under root is deeper than max levels. */
static bool too_deep(xmlNode *root, uint32_t max)
{
	xmlNode *n = root;
	uint32_t d = 1;

	for (;;) {
		if (d > max)
			return true;
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			d++;
			continue;
		}
		for (;;) {
			if (n == root)
				return false;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			d--;
		}
	}
}

static void drop_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/*
 * Parses with the thread's error handler silenced: XML_PARSE_NOERROR
 * does not reach every message (libxml2 2.9 prints a repeated xml:id to
 * stderr through the generic handler), and the library never prints.
 */
static xmlDoc *read_quietly(const unsigned char *data, int len,
			    const char *name, int opts)
{
	xmlStructuredErrorFunc old = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlDoc *doc;

	xmlSetStructuredErrorFunc(NULL, drop_error);
	doc = xmlReadMemory((const char *)data, len, name, NULL, opts);
	xmlSetStructuredErrorFunc(old_ctx, old);
	return doc;
}

int ppj__xml_parse(const unsigned char *data, size_t len, const char *name,
		   uint32_t max_depth, xmlDoc **doc, struct ppj_error *err)
{
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	xmlNode *root;

	*doc = NULL;
	pthread_once(&init_once, init_libxml);
	if (declares_entities(data, len))
		return ppj__error(err, PPJ_EDAMAGED, "part '%s' declares XML "
				  "entities; refused", name);
	if (len > INT_MAX)
		return ppj__error(err, PPJ_ETOOLARGE, "part '%s' is too large "
				  "to parse", name);

	*doc = read_quietly(data, (int)len, name, opts);
	if (!*doc)
		return ppj__error(err, PPJ_EDAMAGED, "part '%s' is not "
				  "well-formed XML", name);
	root = xmlDocGetRootElement(*doc);
	if (!root) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		return ppj__error(err, PPJ_EDAMAGED, "part '%s' is empty",
				  name);
	}
	if (max_depth && too_deep(root, max_depth)) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		return ppj__error(err, PPJ_ETOOLARGE, "part '%s' nests deeper "
				  "than %u levels", name, max_depth);
	}
	return 0;
}
