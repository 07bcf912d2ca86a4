/*
 * PowerPoint's built-in table styles.
 *
 * A table names its style by GUID (a:tableStyleId). PowerPoint copies a
 * style's definition into ppt/tableStyles.xml when a deck uses it, but
 * other writers (and hand-trimmed decks) leave it out and count on the
 * reader knowing the built-in set. The family every new table gets,
 * "Medium Style 2" in its plain and six accent variants, is known here:
 * its definition is one template, written in the same DrawingML a deck
 * would hold, with the colour of the variant filled in, and parsed by
 * the same safe parser as the parts.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "pptxInt.h"

struct builtin {
	const char *id;
	const char *color;	/* the variant's scheme colour */
};

static const struct builtin builtins[] = {
	{ "{073A0DAA-6AF3-43AB-8588-CEC1D06C72B9}", "dk1" },
	{ "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}", "accent1" },
	{ "{21E4AEA4-8DFA-4A89-87EB-49C32662AFE0}", "accent2" },
	{ "{F5AB1C69-6EDB-4FF4-983F-18BD219EF322}", "accent3" },
	{ "{00A15C55-8517-42AA-B614-E9B94910E393}", "accent4" },
	{ "{7DF18680-E054-41AD-8BC1-D1AEF772440D}", "accent5" },
	{ "{93296810-A885-4BE3-A3E7-6D5BEEA58F35}", "accent6" },
};

_Static_assert(sizeof(builtins) / sizeof(*builtins) == PPTX_BUILTIN_STYLES,
	       "one parsed document per built-in style");

/* White rules between the cells; "%1$s" is the variant's colour. */
#define LN(w) "<a:ln w=\"" #w "\"><a:solidFill><a:schemeClr val=\"lt1\"/>" \
	"</a:solidFill></a:ln>"
#define FILL(mod) "<a:fill><a:solidFill><a:schemeClr val=\"%1$s\">" mod \
	"</a:schemeClr></a:solidFill></a:fill>"
#define BOLD_LT1 "<a:tcTxStyle b=\"on\"><a:fontRef idx=\"minor\"/>" \
	"<a:schemeClr val=\"lt1\"/></a:tcTxStyle>"
#define EDGE(part) "<a:" #part "><a:tcStyle><a:tcBdr/>" FILL("") \
	"</a:tcStyle></a:" #part ">"

static const char medium2[] =
	"<a:tblStyle xmlns:a=\"http://schemas.openxmlformats.org/"
	"drawingml/2006/main\">"
	"<a:wholeTbl><a:tcTxStyle><a:fontRef idx=\"minor\"/>"
	"<a:schemeClr val=\"dk1\"/></a:tcTxStyle><a:tcStyle><a:tcBdr>"
	"<a:left>" LN(12700) "</a:left><a:right>" LN(12700) "</a:right>"
	"<a:top>" LN(12700) "</a:top><a:bottom>" LN(12700) "</a:bottom>"
	"<a:insideH>" LN(12700) "</a:insideH>"
	"<a:insideV>" LN(12700) "</a:insideV></a:tcBdr>"
	FILL("<a:tint val=\"20000\"/>") "</a:tcStyle></a:wholeTbl>"
	"<a:band1H><a:tcStyle><a:tcBdr/>" FILL("<a:tint val=\"40000\"/>")
	"</a:tcStyle></a:band1H>"
	"<a:band1V><a:tcStyle><a:tcBdr/>" FILL("<a:tint val=\"40000\"/>")
	"</a:tcStyle></a:band1V>"
	"<a:lastCol>" BOLD_LT1 "<a:tcStyle><a:tcBdr/>" FILL("")
	"</a:tcStyle></a:lastCol>"
	"<a:firstCol>" BOLD_LT1 "<a:tcStyle><a:tcBdr/>" FILL("")
	"</a:tcStyle></a:firstCol>"
	"<a:lastRow>" BOLD_LT1 "<a:tcStyle><a:tcBdr><a:top>" LN(38100)
	"</a:top></a:tcBdr>" FILL("") "</a:tcStyle></a:lastRow>"
	"<a:firstRow>" BOLD_LT1 "<a:tcStyle><a:tcBdr><a:bottom>" LN(38100)
	"</a:bottom></a:tcBdr>" FILL("") "</a:tcStyle></a:firstRow>"
	"</a:tblStyle>";

/* The parsed definition of built-in style k, made once per deck. */
static xmlNode *builtin_doc(struct pptx *px, size_t k)
{
	char xml[sizeof(medium2) + 64];
	int n;

	if (px->builtin_styles[k])
		return xmlDocGetRootElement(px->builtin_styles[k]);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	n = snprintf(xml, sizeof(xml), medium2, builtins[k].color);
#pragma GCC diagnostic pop
	if (n < 0 || (size_t)n >= sizeof(xml) ||
	    ppj__xml_parse((const unsigned char *)xml, (size_t)n,
			   "built-in table style", 16,
			   &px->builtin_styles[k], NULL) != 0)
		return NULL;
	return xmlDocGetRootElement(px->builtin_styles[k]);
}

xmlNode *pptx_builtin_table_style(struct pptx *px, const char *id)
{
	for (size_t k = 0; k < PPTX_BUILTIN_STYLES; k++)
		if (id && strcasecmp(id, builtins[k].id) == 0)
			return builtin_doc(px, k);
	return NULL;
}

void pptx_builtin_styles_free(struct pptx *px)
{
	for (size_t k = 0; k < PPTX_BUILTIN_STYLES; k++) {
		xmlFreeDoc(px->builtin_styles[k]);
		px->builtin_styles[k] = NULL;
	}
}
