/*
 * SVG pictures of a deck (a:svgBlip) are shipped in the output, where a
 * browser may open them on their own: a script inside one would run with
 * the output's origin. They are parsed under the same rules as every
 * part and written back without what can run or fetch: script and
 * foreignObject elements, event handler attributes, links that leave the
 * picture, style sheets that import, and animations that set a link or a
 * handler.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "opc/opc.h"

#define SVG_MAX_DEPTH 256

static bool name_is(const xmlChar *name, const char *want)
{
	return name && strcasecmp((const char *)name, want) == 0;
}

/* A link is kept when it stays inside the picture or is inline raster. */
static bool safe_link(const xmlChar *v)
{
	const char *s = (const char *)v;

	if (!s)
		return true;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '#' || strncasecmp(s, "data:image/png", 14) == 0 ||
	       strncasecmp(s, "data:image/jpeg", 15) == 0 ||
	       strncasecmp(s, "data:image/gif", 14) == 0;
}

/* Attributes that run code or fetch: on*, and links that leave. */
static bool unsafe_attr(const xmlAttr *a)
{
	xmlChar *v;
	bool bad;

	if (a->name && strncasecmp((const char *)a->name, "on", 2) == 0)
		return true;
	if (!name_is(a->name, "href") && !name_is(a->name, "src"))
		return false;
	v = xmlNodeGetContent((const xmlNode *)a);
	bad = !safe_link(v);
	xmlFree(v);
	return bad;
}

/* animate/set elements that would write a link or a handler later. */
static bool unsafe_animation(const xmlNode *n)
{
	xmlChar *to;
	bool bad;

	if (!name_is(n->name, "set") && !name_is(n->name, "animate"))
		return false;
	to = xmlGetProp(n, (const xmlChar *)"attributeName");
	bad = to && (strcasestr((const char *)to, "href") ||
		     strncasecmp((const char *)to, "on", 2) == 0);
	xmlFree(to);
	return bad;
}

static bool unsafe_style(const xmlNode *n)
{
	xmlChar *text;
	bool bad;

	if (!name_is(n->name, "style"))
		return false;
	text = xmlNodeGetContent(n);
	bad = text && (strcasestr((const char *)text, "@import") ||
		       strcasestr((const char *)text, "url(http") ||
		       strcasestr((const char *)text, "url(//"));
	xmlFree(text);
	return bad;
}

static bool unsafe_element(const xmlNode *n)
{
	return name_is(n->name, "script") ||
	       name_is(n->name, "foreignObject") ||
	       name_is(n->name, "iframe") || name_is(n->name, "embed") ||
	       name_is(n->name, "object") || unsafe_animation(n) ||
	       unsafe_style(n);
}

static void strip_attrs(xmlNode *n)
{
	xmlAttr *a = n->properties;

	while (a) {
		xmlAttr *next = a->next;

		if (unsafe_attr(a))
			xmlRemoveProp(a);
		a = next;
	}
}

/* Walks the tree without recursion, removing what is unsafe. */
static void strip_tree(xmlNode *root)
{
	xmlNode *n = root;

	while (n) {
		xmlNode *next;

		if (n->type == XML_ELEMENT_NODE && n != root &&
		    unsafe_element(n)) {
			next = n->next;
			for (xmlNode *up = n->parent; !next && up && up != root;
			     up = up->parent)
				next = up->next;
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			n = next;
			continue;
		}
		if (n->type == XML_ELEMENT_NODE)
			strip_attrs(n);
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		n = n && n != root ? n->next : NULL;
	}
}

int ppj__svg_clean(const unsigned char *data, size_t len, const char *name,
		   unsigned char **out, size_t *out_len, struct ppj_error *err)
{
	xmlDoc *doc;
	xmlNode *root;
	xmlChar *mem = NULL;
	int n = 0, rc;

	*out = NULL;
	*out_len = 0;
	rc = ppj__xml_parse(data, len, name, SVG_MAX_DEPTH, &doc, err);
	if (rc)
		return rc;

	root = xmlDocGetRootElement(doc);
	if (!name_is(root->name, "svg") || unsafe_element(root)) {
		xmlFreeDoc(doc);
		return ppj__error(err, PPJ_EDAMAGED, "picture '%s' is not an "
				  "SVG document", name);
	}
	strip_tree(root);

	/* Drop the DOCTYPE: an internal subset is never needed to draw. */
	if (doc->intSubset) {
		xmlDtd *dtd = doc->intSubset;

		xmlUnlinkNode((xmlNode *)dtd);
		xmlFreeDtd(dtd);
	}
	xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
	xmlFreeDoc(doc);
	if (!mem || n <= 0) {
		xmlFree(mem);
		return ppj__error(err, PPJ_ENOMEM, "out of memory writing "
				  "picture '%s'", name);
	}
	*out = malloc((size_t)n + 1);
	if (*out) {
		memcpy(*out, mem, (size_t)n);
		(*out)[n] = 0;
		*out_len = (size_t)n;
	}
	xmlFree(mem);
	return *out ? 0 : ppj__error(err, PPJ_ENOMEM, "out of memory");
}
