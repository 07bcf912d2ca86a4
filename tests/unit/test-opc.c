/*
 * Unit tests of the OPC layer: part names and relationship targets,
 * content types, relationships, namespace classes and safe XML parsing.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deckgen.h"
#include "opc/opc.h"
#include "unit.h"

static const struct ppj_limits limits = {
	.max_part_bytes = 1 << 20, .max_total_bytes = 8 << 20,
	.max_slides = 100, .max_shapes = 1000, .max_depth = 64,
	.max_model_bytes = 64 << 20,
};

static void check_resolve(const char *part, const char *target,
			  const char *want)
{
	char *s = ppj__opc_resolve(part, target);

	if (want)
		CHECK_STR(s, want);
	else if (s)
		fprintf(stderr, "'%s' from '%s' gave '%s'\n", target, part, s);
	if (!want)
		CHECK(s == NULL);
	free(s);
}

TEST(resolve_targets)
{
	check_resolve("ppt/slides/slide1.xml", "../media/image1.png",
		      "ppt/media/image1.png");
	check_resolve("ppt/presentation.xml", "slides/slide1.xml",
		      "ppt/slides/slide1.xml");
	check_resolve("ppt/presentation.xml", "./slides/./a.xml",
		      "ppt/slides/a.xml");
	check_resolve("ppt/slides/slide1.xml", "/ppt/media/x.png",
		      "ppt/media/x.png");
	check_resolve("ppt/slides/slide1.xml", "../media/a%20b.png",
		      "ppt/media/a b.png");
	check_resolve("ppt/slides/slide1.xml", "slide2.xml#frag",
		      "ppt/slides/slide2.xml");
	check_resolve(NULL, "ppt/presentation.xml", "ppt/presentation.xml");
	check_resolve("ppt/slides/slide1.xml", "..\\media\\b.png",
		      "ppt/media/b.png");

	/* Leaving the package, or smuggling a NUL or a climb. */
	check_resolve("ppt/slides/slide1.xml", "../../../etc/passwd", NULL);
	check_resolve("ppt/slides/slide1.xml", "/../etc/passwd", NULL);
	check_resolve("ppt/slides/slide1.xml", "..%2F..%2F..%2Fetc", NULL);
	check_resolve("ppt/slides/slide1.xml", "a%00b", NULL);
	check_resolve("ppt/slides/slide1.xml", "", NULL);
	check_resolve("ppt/slides/slide1.xml", "..", "ppt");
}

TEST(namespace_classes)
{
	CHECK_INT(ppj__ns_of_uri("http://schemas.openxmlformats.org/"
				 "presentationml/2006/main"), PPJ_NS_P);
	CHECK_INT(ppj__ns_of_uri("http://purl.oclc.org/ooxml/presentationml/"
				 "main"), PPJ_NS_P);
	CHECK_INT(ppj__ns_of_uri("http://purl.oclc.org/ooxml/drawingml/"
				 "main"), PPJ_NS_A);
	CHECK_INT(ppj__ns_of_uri("http://purl.oclc.org/ooxml/officeDocument/"
				 "relationships"), PPJ_NS_R);
	CHECK_INT(ppj__ns_of_uri("http://schemas.openxmlformats.org/"
				 "drawingml/2006/chart"), PPJ_NS_C);
	CHECK_INT(ppj__ns_of_uri("http://schemas.openxmlformats.org/"
				 "markup-compatibility/2006"), PPJ_NS_MC);
	CHECK_INT(ppj__ns_of_uri("urn:something:else"), PPJ_NS_OTHER);
	CHECK_INT(ppj__ns_of_uri(NULL), PPJ_NS_OTHER);
}

static int parse(const char *xml, uint32_t depth, xmlDoc **doc,
		 struct ppj_error *err)
{
	return ppj__xml_parse((const unsigned char *)xml, strlen(xml), "t",
			      depth, doc, err);
}

TEST(xml_helpers_by_namespace_not_prefix)
{
	static const char xml[] =
		"<x:root xmlns:x=\"http://purl.oclc.org/ooxml/drawingml/main\" "
		"xmlns:q=\"http://schemas.openxmlformats.org/officeDocument/"
		"2006/relationships\" n=\"42\" b=\"true\" q:id=\"rId7\">"
		"<x:child>text &amp; more</x:child><other/></x:root>";
	struct ppj_error err = { 0 };
	xmlDoc *doc;
	xmlNode *root, *c;

	REQUIRE(parse(xml, 64, &doc, &err) == 0);
	root = xmlDocGetRootElement(doc);
	CHECK(ppj__xml_is(root, PPJ_NS_A, "root"));
	CHECK(!ppj__xml_is(root, PPJ_NS_P, "root"));
	CHECK_INT(ppj__xml_int(root, "n", 0), 42);
	CHECK_INT(ppj__xml_int(root, "missing", -5), -5);
	CHECK(ppj__xml_bool(root, "b", false));
	CHECK_STR(ppj__xml_attr_ns(root, PPJ_NS_R, "id"), "rId7");
	CHECK(ppj__xml_attr(root, "id") == NULL);
	c = ppj__xml_child(root, PPJ_NS_A, "child");
	REQUIRE(c);
	CHECK_STR(ppj__xml_text(c), "text & more");
	CHECK(ppj__xml_child(root, PPJ_NS_A, "other") == NULL);
	xmlFreeDoc(doc);
}

TEST(xml_refuses_entities_and_depth)
{
	static const char laughs[] =
		"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><r>&b;</r>";
	static const char xxe[] =
		"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM "
		"\"file:///etc/passwd\">]><r>&x;</r>";
	char deep[4096] = "";
	struct ppj_error err = { 0 };
	xmlDoc *doc = NULL;

	CHECK_INT(parse(laughs, 64, &doc, &err), PPJ_EDAMAGED);
	CHECK(doc == NULL);
	CHECK(strstr(err.msg, "entities") != NULL);
	memset(&err, 0, sizeof(err));
	CHECK_INT(parse(xxe, 64, &doc, &err), PPJ_EDAMAGED);
	memset(&err, 0, sizeof(err));
	CHECK_INT(parse("<r><unclosed></r>", 64, &doc, &err), PPJ_EDAMAGED);

	for (int i = 0; i < 100; i++)
		strcat(deep, "<a>");
	for (int i = 0; i < 100; i++)
		strcat(deep, "</a>");
	memset(&err, 0, sizeof(err));
	CHECK_INT(parse(deep, 64, &doc, &err), PPJ_ETOOLARGE);
	CHECK(doc == NULL);
	memset(&err, 0, sizeof(err));
	REQUIRE(parse(deep, 128, &doc, &err) == 0);
	xmlFreeDoc(doc);
}

/* The bytes fd 2 receives while a part parses, into out (size n). */
static size_t stderr_of_parse(const char *xml, char *out, size_t n)
{
	struct ppj_error err = { 0 };
	int saved = dup(2), pipefd[2];
	xmlDoc *doc = NULL;
	ssize_t got;

	if (saved < 0 || pipe(pipefd))
		return (size_t)-1;
	fflush(stderr);
	dup2(pipefd[1], 2);
	close(pipefd[1]);
	parse(xml, 64, &doc, &err);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	xmlFreeDoc(doc);
	fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	got = read(pipefd[0], out, n - 1);
	close(pipefd[0]);
	out[got > 0 ? got : 0] = '\0';
	return got > 0 ? (size_t)got : 0;
}

/* libxml2's messages (a repeated xml:id, broken markup) stay unprinted. */
TEST(xml_parse_prints_nothing)
{
	char out[512];

	CHECK_INT(stderr_of_parse("<r><a xml:id=\"x\"/><a xml:id=\"x\"/></r>",
				  out, sizeof(out)), 0);
	CHECK_STR(out, "");
	CHECK_INT(stderr_of_parse("<r><a></r>", out, sizeof(out)), 0);
	CHECK_INT(stderr_of_parse("<r xml:id=\"1\"/>", out, sizeof(out)), 0);
}

TEST(package_parts_types_and_relationships)
{
	static const struct deckgen_part parts[] = {
		{ "ppt/media/image1.png", NULL, "png bytes", 0 },
		{ "ppt/big.bin", "application/x-big", NULL, 0 },
	};
	char path[700];
	char *big = calloc(1, 2 << 20);
	struct deckgen_part p2[2] = { parts[0], parts[1] };
	struct deckgen g = { .nparts = 2, .parts = p2 };
	struct deckgen_slide s = {
		.rels = "<Relationship Id=\"rX\" Type=\"http://schemas."
			"openxmlformats.org/officeDocument/2006/relationships/"
			"hyperlink\" Target=\"http://example.com/\" "
			"TargetMode=\"External\"/><Relationship Id=\"rE\" "
			"Type=\"http://schemas.openxmlformats.org/"
			"officeDocument/2006/relationships/image\" "
			"Target=\"../../../../x\"/>",
	};
	struct ppj_error err = { 0 };
	const struct ppj_rels *rels;
	const struct ppj_rel *r;
	struct ppj_opc *opc;
	unsigned char *data;
	size_t len;

	REQUIRE(big);
	p2[1].data = big;
	p2[1].len = 2 << 20;
	snprintf(path, sizeof(path), "%s/p.pptx", unit_tmpdir());
	REQUIRE(deckgen_write(path, &g, &s, 1) == 0);
	free(big);
	REQUIRE(ppj__opc_open(path, &limits, &opc, &err) == 0);
	CHECK_STR(ppj__opc_main(opc), "ppt/presentation.xml");
	CHECK(ppj__opc_has(opc, "PPT/Presentation.XML"));
	CHECK_STR(ppj__opc_content_type(opc, "ppt/media/image1.png"),
		  "image/png");
	CHECK_STR(ppj__opc_content_type(opc, "ppt/big.bin"),
		  "application/x-big");
	CHECK(ppj__opc_content_type(opc, "ppt/none") == NULL);

	REQUIRE(ppj__opc_read(opc, "ppt/media/image1.png", &data, &len,
			      &err) == 0);
	CHECK_INT(len, 9);
	CHECK(memcmp(data, "png bytes", 9) == 0);
	free(data);
	CHECK_INT(ppj__opc_read(opc, "ppt/missing", &data, &len, &err),
		  PPJ_EDAMAGED);
	memset(&err, 0, sizeof(err));
	CHECK_INT(ppj__opc_read(opc, "ppt/big.bin", &data, &len, &err),
		  PPJ_ETOOLARGE);

	rels = ppj__opc_rels(opc, "ppt/slides/slide1.xml", &err);
	REQUIRE(rels);
	CHECK(!rels->missing);
	r = ppj__rel_by_type(rels, "slideLayout");
	REQUIRE(r);
	CHECK_STR(r->target, "ppt/slideLayouts/slideLayout1.xml");
	r = ppj__rel_by_id(rels, "rX");
	REQUIRE(r);
	CHECK(r->external);
	CHECK_STR(r->target, "http://example.com/");
	r = ppj__rel_by_id(rels, "rE");
	REQUIRE(r);
	CHECK(r->target == NULL);
	CHECK(ppj__opc_rels(opc, "ppt/slides/slide1.xml", &err) == rels);
	rels = ppj__opc_rels(opc, "ppt/media/image1.png", &err);
	REQUIRE(rels);
	CHECK(rels->missing && rels->n == 0);
	ppj__opc_close(opc);
}

TEST(open_errors)
{
	char path[700];
	struct ppj_error err = { 0 };
	struct ppj_opc *opc = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "%s/bad.pptx", unit_tmpdir());
	f = fopen(path, "wb");
	REQUIRE(f);
	fputs("not a zip at all", f);
	fclose(f);
	CHECK_INT(ppj__opc_open(path, &limits, &opc, &err), PPJ_EDAMAGED);
	CHECK(strncmp(err.msg, "damaged zip", 11) == 0);
	CHECK(opc == NULL);
}

static char *clean(const char *svg, int *rc)
{
	struct ppj_error err = { 0 };
	unsigned char *out = NULL;
	size_t n = 0;

	*rc = ppj__svg_clean((const unsigned char *)svg, strlen(svg), "a.svg",
			     &out, &n, &err);
	CHECK(*rc == 0 || err.msg[0]);
	return (char *)out;
}

TEST(svg_pictures_lose_scripts_and_outside_links)
{
	static const char svg[] =
		"<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"xmlns:xlink=\"http://www.w3.org/1999/xlink\" onload=\"x()\">"
		"<script>alert(1)</script>"
		"<g onclick=\"y()\"><rect width=\"5\" height=\"6\" "
		"fill=\"url(#g)\"/><script>z()</script></g>"
		"<a xlink:href=\"javascript:alert(2)\"><text>keep me</text></a>"
		"<use href=\"#g\"/><image href=\"http://evil/x.png\"/>"
		"<image href=\"data:image/png;base64,AAAA\"/>"
		"<foreignObject><div>html</div></foreignObject>"
		"<set attributeName=\"href\" to=\"javascript:q()\"/>"
		"<style>@import url(http://evil/s.css);</style></svg>";
	char *out;
	int rc;

	out = clean(svg, &rc);
	REQUIRE(rc == 0 && out);
	CHECK(strstr(out, "<rect") != NULL);
	CHECK(strstr(out, "keep me") != NULL);
	CHECK(strstr(out, "href=\"#g\"") != NULL);
	CHECK(strstr(out, "data:image/png") != NULL);
	CHECK(strstr(out, "script") == NULL);
	CHECK(strstr(out, "onload") == NULL && strstr(out, "onclick") == NULL);
	CHECK(strstr(out, "javascript") == NULL);
	CHECK(strstr(out, "evil") == NULL);
	CHECK(strstr(out, "foreignObject") == NULL);
	free(out);
}

TEST(svg_pictures_refused_when_unsafe_or_not_svg)
{
	int rc;

	CHECK(clean("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM "
		    "\"file:///etc/passwd\">]><svg>&x;</svg>", &rc) == NULL);
	CHECK_INT(rc, PPJ_EDAMAGED);
	CHECK(clean("<html><script>1</script></html>", &rc) == NULL);
	CHECK_INT(rc, PPJ_EDAMAGED);
	CHECK(clean("<svg><g>", &rc) == NULL);
	CHECK_INT(rc, PPJ_EDAMAGED);
}
