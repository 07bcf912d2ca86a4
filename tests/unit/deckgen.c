/*
 * deckgen: builds minimal .pptx packages with libzip (see deckgen.h).
 *
 * Every part is written as Transitional XML first; a Strict deck is the
 * same text with the Transitional namespace and relationship URIs swapped
 * for their Strict forms, which is all that differs at this size.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "deckgen.h"

#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define XMLDECL "<?xml version=\"1.0\" encoding=\"UTF-8\" " \
	"standalone=\"yes\"?>\n"
#define NSDECL "xmlns:a=\"" NS_A "\" xmlns:r=\"" NS_R "\" xmlns:p=\"" \
	NS_P "\""
#define CT_PML "application/vnd.openxmlformats-officedocument." \
	"presentationml."
#define CT_THEME "application/vnd.openxmlformats-officedocument.theme+xml"

static const char *const strict_map[][2] = {
	{ "http://schemas.openxmlformats.org/presentationml/2006/main",
	  "http://purl.oclc.org/ooxml/presentationml/main" },
	{ "http://schemas.openxmlformats.org/drawingml/2006/main",
	  "http://purl.oclc.org/ooxml/drawingml/main" },
	{ "http://schemas.openxmlformats.org/drawingml/2006/chart",
	  "http://purl.oclc.org/ooxml/drawingml/chart" },
	{ "http://schemas.openxmlformats.org/officeDocument/2006/"
	  "relationships",
	  "http://purl.oclc.org/ooxml/officeDocument/relationships" },
};

static char *xprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static char *xprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		fprintf(stderr, "deckgen: out of memory\n");
		abort();
	}
	va_end(ap);
	return s;
}

/* Replaces every `from` in s by `to`; frees s and returns the result. */
static char *replace_all(char *s, const char *from, const char *to)
{
	size_t lf = strlen(from), lt = strlen(to), n = 0;
	char *out, *o;
	const char *p;

	for (p = s; (p = strstr(p, from)); p += lf)
		n++;
	if (!n)
		return s;
	out = malloc(strlen(s) + n * lt + 1);
	if (!out)
		abort();
	o = out;
	for (p = s;;) {
		const char *q = strstr(p, from);

		if (!q) {
			strcpy(o, p);
			break;
		}
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, to, lt);
		o += lt;
		p = q + lf;
	}
	free(s);
	return out;
}

/* Adds a part that takes ownership of the malloc'd text. */
static int add_text(zip_t *z, const struct deckgen *g, const char *name,
		    char *text)
{
	zip_source_t *src;

	if (g->strict)
		for (size_t i = 0; i < sizeof(strict_map) /
		     sizeof(strict_map[0]); i++)
			text = replace_all(text, strict_map[i][0],
					   strict_map[i][1]);
	src = zip_source_buffer(z, text, strlen(text), 1);
	if (!src || zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0) {
		fprintf(stderr, "deckgen: %s: %s\n", name, zip_strerror(z));
		zip_source_free(src);
		return -1;
	}
	return 0;
}

static int add_bytes(zip_t *z, const struct deckgen_part *p)
{
	size_t len = p->len ? p->len : strlen(p->data);
	void *copy = malloc(len ? len : 1);
	zip_source_t *src;

	if (!copy)
		abort();
	memcpy(copy, p->data, len);
	src = zip_source_buffer(z, copy, len, 1);
	if (!src || zip_file_add(z, p->name, src, ZIP_FL_OVERWRITE) < 0) {
		fprintf(stderr, "deckgen: %s: %s\n", p->name,
			zip_strerror(z));
		zip_source_free(src);
		return -1;
	}
	return 0;
}

static char *content_types(const struct deckgen *g, size_t n)
{
	char *s = xprintf(XMLDECL "<Types xmlns=\"" NS_CT "\">"
		"<Default Extension=\"rels\" ContentType=\"application/"
		"vnd.openxmlformats-package.relationships+xml\"/>"
		"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		"<Default Extension=\"png\" ContentType=\"image/png\"/>"
		"<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
		"<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>"
		"<Override PartName=\"/ppt/presentation.xml\" ContentType=\""
		CT_PML "presentation.main+xml\"/>"
		"<Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" "
		"ContentType=\"" CT_PML "slideMaster+xml\"/>"
		"<Override PartName=\"/ppt/slideLayouts/slideLayout1.xml\" "
		"ContentType=\"" CT_PML "slideLayout+xml\"/>"
		"<Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\""
		CT_THEME "\"/>");

	for (size_t i = 0; i < n; i++) {
		char *t = xprintf("%s<Override PartName=\"/ppt/slides/slide%zu"
				  ".xml\" ContentType=\"" CT_PML
				  "slide+xml\"/>", s, i + 1);
		free(s);
		s = t;
	}
	for (size_t i = 0; i < g->nparts; i++) {
		char *t;

		if (!g->parts[i].content_type)
			continue;
		t = xprintf("%s<Override PartName=\"/%s\" ContentType=\"%s\"/>",
			    s, g->parts[i].name, g->parts[i].content_type);
		free(s);
		s = t;
	}
	char *t = xprintf("%s</Types>", s);

	free(s);
	return t;
}

static char *pkg_rels(const struct deckgen *g)
{
	const char *type = g->main_rel_type ? g->main_rel_type :
		NS_R "/officeDocument";

	return xprintf(XMLDECL "<Relationships xmlns=\"" NS_PKG "\">"
		       "<Relationship Id=\"rId1\" Type=\"%s\" "
		       "Target=\"ppt/presentation.xml\"/></Relationships>",
		       type);
}

static char *presentation(const struct deckgen *g, size_t n)
{
	long long cx = g->cx ? g->cx : 9144000, cy = g->cy ? g->cy : 6858000;
	char *ids = xprintf("%s", "");

	for (size_t i = 0; i < n; i++) {
		char *t = xprintf("%s<p:sldId id=\"%zu\" r:id=\"rId%zu\"/>",
				  ids, 256 + i, 10 + i);
		free(ids);
		ids = t;
	}
	char *s = xprintf(XMLDECL "<p:presentation " NSDECL ">"
		"<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" "
		"r:id=\"rId1\"/></p:sldMasterIdLst>"
		"<p:sldIdLst>%s</p:sldIdLst>"
		"<p:sldSz cx=\"%lld\" cy=\"%lld\"/>"
		"<p:notesSz cx=\"6858000\" cy=\"9144000\"/>"
		"%s%s%s"
		"<p:defaultTextStyle>%s</p:defaultTextStyle>"
		"</p:presentation>", ids, cx, cy,
		g->embedded_fonts ? "<p:embeddedFontLst>" : "",
		g->embedded_fonts ? g->embedded_fonts : "",
		g->embedded_fonts ? "</p:embeddedFontLst>" : "",
		g->default_text_style ? g->default_text_style :
		"<a:lvl1pPr marL=\"0\" algn=\"l\"><a:defRPr sz=\"1800\">"
		"<a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>"
		"<a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr>"
		"<a:lvl2pPr marL=\"457200\"><a:defRPr sz=\"1800\"/>"
		"</a:lvl2pPr>");

	free(ids);
	return s;
}

static char *pres_rels(const struct deckgen *g, size_t n)
{
	char *s = xprintf(XMLDECL "<Relationships xmlns=\"" NS_PKG "\">"
		"<Relationship Id=\"rId1\" Type=\"" NS_R "/slideMaster\" "
		"Target=\"slideMasters/slideMaster1.xml\"/>"
		"<Relationship Id=\"rId2\" Type=\"" NS_R "/theme\" "
		"Target=\"theme/theme1.xml\"/>%s%s",
		g->table_styles ? "<Relationship Id=\"rId3\" Type=\"" NS_R
		"/tableStyles\" Target=\"tableStyles.xml\"/>" : "",
		g->pres_rels ? g->pres_rels : "");

	for (size_t i = 0; i < n; i++) {
		char *t = xprintf("%s<Relationship Id=\"rId%zu\" Type=\""
				  NS_R "/slide\" Target=\"slides/slide%zu.xml"
				  "\"/>", s, 10 + i, i + 1);
		free(s);
		s = t;
	}
	char *t = xprintf("%s</Relationships>", s);
	free(s);
	return t;
}

static const char theme_xml[] = XMLDECL
	"<a:theme xmlns:a=\"" NS_A "\" name=\"Test\"><a:themeElements>"
	"<a:clrScheme name=\"Office\">"
	"<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>"
	"<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>"
	"<a:dk2><a:srgbClr val=\"1F497D\"/></a:dk2>"
	"<a:lt2><a:srgbClr val=\"EEECE1\"/></a:lt2>"
	"<a:accent1><a:srgbClr val=\"4F81BD\"/></a:accent1>"
	"<a:accent2><a:srgbClr val=\"C0504D\"/></a:accent2>"
	"<a:accent3><a:srgbClr val=\"9BBB59\"/></a:accent3>"
	"<a:accent4><a:srgbClr val=\"8064A2\"/></a:accent4>"
	"<a:accent5><a:srgbClr val=\"4BACC6\"/></a:accent5>"
	"<a:accent6><a:srgbClr val=\"F79646\"/></a:accent6>"
	"<a:hlink><a:srgbClr val=\"0000FF\"/></a:hlink>"
	"<a:folHlink><a:srgbClr val=\"800080\"/></a:folHlink>"
	"</a:clrScheme>"
	"<a:fontScheme name=\"Office\">"
	"<a:majorFont><a:latin typeface=\"Calibri Light\"/>"
	"<a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>"
	"<a:minorFont><a:latin typeface=\"Calibri\"/>"
	"<a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont>"
	"</a:fontScheme>"
	"<a:fmtScheme name=\"Office\"><a:fillStyleLst>"
	"<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
	"<a:solidFill><a:schemeClr val=\"phClr\"><a:tint val=\"50000\"/>"
	"</a:schemeClr></a:solidFill>"
	"<a:solidFill><a:schemeClr val=\"phClr\"><a:shade val=\"50000\"/>"
	"</a:schemeClr></a:solidFill></a:fillStyleLst>"
	"<a:lnStyleLst>"
	"<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
	"</a:solidFill></a:ln>"
	"<a:ln w=\"25400\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
	"</a:solidFill></a:ln>"
	"<a:ln w=\"38100\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
	"</a:solidFill></a:ln></a:lnStyleLst>"
	"<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle>"
	"<a:effectStyle><a:effectLst/></a:effectStyle>"
	"<a:effectStyle><a:effectLst><a:outerShdw blurRad=\"40000\" "
	"dist=\"23000\" dir=\"5400000\"><a:srgbClr val=\"000000\">"
	"<a:alpha val=\"35000\"/></a:srgbClr></a:outerShdw></a:effectLst>"
	"</a:effectStyle></a:effectStyleLst>"
	"<a:bgFillStyleLst>"
	"<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
	"<a:solidFill><a:schemeClr val=\"phClr\"><a:tint val=\"50000\"/>"
	"</a:schemeClr></a:solidFill>"
	"<a:solidFill><a:schemeClr val=\"phClr\"><a:shade val=\"50000\"/>"
	"</a:schemeClr></a:solidFill></a:bgFillStyleLst>"
	"</a:fmtScheme></a:themeElements></a:theme>";

#define GRP "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/>" \
	"<p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>"

static char *ph_sp(int id, const char *type, int idx, long long y,
		   const char *text)
{
	char idxs[32] = "", xfrm[256] = "";

	if (idx >= 0)
		snprintf(idxs, sizeof(idxs), " idx=\"%d\"", idx);
	if (y >= 0)
		snprintf(xfrm, sizeof(xfrm), "<a:xfrm><a:off x=\"457200\" "
			 "y=\"%lld\"/><a:ext cx=\"8229600\" cy=\"1143000\"/>"
			 "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/>"
			 "</a:prstGeom>", y);
	return xprintf("<p:sp><p:nvSpPr><p:cNvPr id=\"%d\" name=\"%s %d\"/>"
		"<p:cNvSpPr/><p:nvPr><p:ph%s%s%s%s/></p:nvPr></p:nvSpPr>"
		"<p:spPr>%s</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>"
		"%s</p:txBody></p:sp>", id, type ? type : "Body", id,
		type ? " type=\"" : "", type ? type : "", type ? "\"" : "",
		idxs, xfrm, text);
}

static char *master(const struct deckgen *g)
{
	char *title = ph_sp(2, "title", -1, 274638,
			    "<a:p><a:r><a:t>Master title</a:t></a:r></a:p>");
	char *body = ph_sp(3, "body", 1, 1600200,
			   "<a:p><a:r><a:t>Master text</a:t></a:r></a:p>");
	char *s = xprintf(XMLDECL "<p:sldMaster " NSDECL "><p:cSld>"
		"<p:bg>%s</p:bg><p:spTree>" GRP "%s%s%s</p:spTree></p:cSld>"
		"<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" "
		"accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" "
		"accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" "
		"hlink=\"hlink\" folHlink=\"folHlink\"/>"
		"<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" "
		"r:id=\"rId1\"/></p:sldLayoutIdLst><p:txStyles>"
		"<p:titleStyle><a:lvl1pPr algn=\"ctr\"><a:defRPr sz=\"4400\">"
		"<a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>"
		"<a:latin typeface=\"+mj-lt\"/></a:defRPr></a:lvl1pPr>"
		"</p:titleStyle><p:bodyStyle>"
		"<a:lvl1pPr marL=\"342900\" indent=\"-342900\" algn=\"l\">"
		"<a:buFont typeface=\"Arial\"/><a:buChar char=\"&#8226;\"/>"
		"<a:defRPr sz=\"3200\"><a:solidFill><a:schemeClr val=\"tx1\"/>"
		"</a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr>"
		"</a:lvl1pPr><a:lvl2pPr marL=\"742950\" indent=\"-285750\">"
		"<a:buFont typeface=\"Arial\"/><a:buChar char=\"&#8211;\"/>"
		"<a:defRPr sz=\"2800\"/></a:lvl2pPr></p:bodyStyle>"
		"<p:otherStyle><a:lvl1pPr><a:defRPr sz=\"1800\"/></a:lvl1pPr>"
		"</p:otherStyle></p:txStyles></p:sldMaster>",
		g->master_bg ? g->master_bg : "<p:bgRef idx=\"1001\">"
		"<a:schemeClr val=\"bg1\"/></p:bgRef>", title, body,
		g->master_sptree ? g->master_sptree : "");

	free(title);
	free(body);
	return s;
}

static char *layout(const struct deckgen *g)
{
	char *title = ph_sp(2, "title", -1, -1, "<a:p/>");
	char *body = ph_sp(3, NULL, 1, -1, "<a:p/>");
	char *s = xprintf(XMLDECL "<p:sldLayout " NSDECL " %s><p:cSld "
		"name=\"Title and Content\"><p:spTree>" GRP "%s%s%s</p:spTree>"
		"</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
		"</p:sldLayout>", g->layout_attrs ? g->layout_attrs : "",
		title, body, g->layout_sptree ? g->layout_sptree : "");

	free(title);
	free(body);
	return s;
}

static char *slide_xml(const struct deckgen_slide *s)
{
	if (s->raw)
		return xprintf("%s", s->raw);
	return xprintf(XMLDECL "<p:sld " NSDECL " %s><p:cSld>%s%s%s"
		"<p:spTree>" GRP "%s</p:spTree></p:cSld>"
		"<p:clrMapOvr>%s</p:clrMapOvr></p:sld>",
		s->attrs ? s->attrs : "", s->bg ? "<p:bg>" : "",
		s->bg ? s->bg : "", s->bg ? "</p:bg>" : "",
		s->sptree ? s->sptree : "",
		s->clrmap_ovr ? s->clrmap_ovr : "<a:masterClrMapping/>");
}

static char *slide_rels(const struct deckgen_slide *s, size_t i)
{
	char notes[256] = "";

	if (s->notes)
		snprintf(notes, sizeof(notes), "<Relationship Id=\"rIdN\" "
			 "Type=\"" NS_R "/notesSlide\" Target=\"../notesSlides"
			 "/notesSlide%zu.xml\"/>", i + 1);
	return xprintf(XMLDECL "<Relationships xmlns=\"" NS_PKG "\">"
		"<Relationship Id=\"rIdL\" Type=\"" NS_R "/slideLayout\" "
		"Target=\"../slideLayouts/slideLayout1.xml\"/>%s%s"
		"</Relationships>", notes, s->rels ? s->rels : "");
}

static char *notes_xml(const char *text)
{
	char *paras = xprintf("%s", "");
	const char *p = text;

	/* One paragraph per line of the text. */
	for (;;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		char *t = xprintf("%s<a:p><a:r><a:t>%.*s</a:t></a:r></a:p>",
				  paras, len, p);

		free(paras);
		paras = t;
		if (!nl)
			break;
		p = nl + 1;
	}
	char *s = xprintf(XMLDECL "<p:notes " NSDECL "><p:cSld><p:spTree>"
		GRP "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Notes\"/>"
		"<p:cNvSpPr/><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr>"
		"</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>%s</p:txBody></p:sp>"
		"</p:spTree></p:cSld></p:notes>", paras);

	free(paras);
	return s;
}

static int add_slides(zip_t *z, const struct deckgen *g,
		      const struct deckgen_slide *slides, size_t n)
{
	char name[96];

	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "ppt/slides/slide%zu.xml", i + 1);
		if (add_text(z, g, name, slide_xml(&slides[i])))
			return -1;
		snprintf(name, sizeof(name), "ppt/slides/_rels/slide%zu.xml"
			 ".rels", i + 1);
		if (!slides[i].no_rels &&
		    add_text(z, g, name, slide_rels(&slides[i], i)))
			return -1;
		if (!slides[i].notes)
			continue;
		snprintf(name, sizeof(name), "ppt/notesSlides/notesSlide%zu"
			 ".xml", i + 1);
		if (add_text(z, g, name, notes_xml(slides[i].notes)))
			return -1;
	}
	return 0;
}

static int add_frame(zip_t *z, const struct deckgen *g, size_t n)
{
	int rc = 0;

	rc |= add_text(z, g, "[Content_Types].xml",
		       content_types(g, n));
	rc |= add_text(z, g, "_rels/.rels", pkg_rels(g));
	rc |= add_text(z, g, "ppt/presentation.xml", presentation(g, n));
	rc |= add_text(z, g, "ppt/_rels/presentation.xml.rels",
		       pres_rels(g, n));
	rc |= add_text(z, g, "ppt/theme/theme1.xml",
		       xprintf("%s", theme_xml));
	rc |= add_text(z, g, "ppt/slideMasters/slideMaster1.xml", master(g));
	rc |= add_text(z, g, "ppt/slideMasters/_rels/slideMaster1.xml.rels",
		xprintf(XMLDECL "<Relationships xmlns=\"" NS_PKG "\">"
			"<Relationship Id=\"rId1\" Type=\"" NS_R
			"/slideLayout\" Target=\"../slideLayouts/"
			"slideLayout1.xml\"/><Relationship Id=\"rId2\" "
			"Type=\"" NS_R "/theme\" Target=\"../theme/"
			"theme1.xml\"/></Relationships>"));
	rc |= add_text(z, g, "ppt/slideLayouts/slideLayout1.xml", layout(g));
	if (!g->layout_no_rels)
		rc |= add_text(z, g, "ppt/slideLayouts/_rels/slideLayout1.xml"
			".rels", xprintf(XMLDECL "<Relationships xmlns=\""
			NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_R
			"/slideMaster\" Target=\"../slideMasters/"
			"slideMaster1.xml\"/>%s</Relationships>",
			g->layout_rels ? g->layout_rels : ""));
	if (g->table_styles)
		rc |= add_text(z, g, "ppt/tableStyles.xml",
			       xprintf("%s", g->table_styles));
	return rc ? -1 : 0;
}

int deckgen_write(const char *path, const struct deckgen *g,
		  const struct deckgen_slide *slides, size_t nslides)
{
	static const struct deckgen plain;
	zip_t *z;
	int zerr = 0;
	int rc;

	if (!g)
		g = &plain;
	remove(path);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		fprintf(stderr, "deckgen: cannot create %s\n", path);
		return -1;
	}
	rc = add_frame(z, g, nslides);
	if (!rc)
		rc = add_slides(z, g, slides, nslides);
	for (size_t i = 0; !rc && i < g->nparts; i++)
		rc = add_bytes(z, &g->parts[i]);
	if (rc) {
		zip_discard(z);
		return -1;
	}
	if (zip_close(z) < 0) {
		fprintf(stderr, "deckgen: %s: %s\n", path, zip_strerror(z));
		zip_discard(z);
		return -1;
	}
	return 0;
}

char *deckgen_title_sp(int id, const char *text)
{
	char *runs = xprintf("<a:p><a:r><a:rPr lang=\"en-US\"/><a:t>%s</a:t>"
			     "</a:r></a:p>", text);
	char *s = ph_sp(id, "title", -1, -1, runs);

	free(runs);
	return s;
}

char *deckgen_body_sp(int id, const char *text)
{
	char *runs = xprintf("<a:p><a:r><a:rPr lang=\"en-US\"/><a:t>%s</a:t>"
			     "</a:r></a:p>", text);
	char *s = ph_sp(id, NULL, 1, -1, runs);

	free(runs);
	return s;
}
