/*
 * Unit tests of the PPTX reader: decks written in code by deckgen cover
 * inheritance, colours, placeholders, groups, tables, bullets, Strict
 * namespaces and hostile packages; the shared corpus (when present) must
 * read without error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "deckgen.h"
#include "model/text.h"
#include "pptx/pptx.h"
#include "unit.h"

#define SP(id, xml) "<p:sp><p:nvSpPr><p:cNvPr id=\"" #id "\" name=\"s" #id \
	"\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"0\" " \
	"y=\"0\"/><a:ext cx=\"100\" cy=\"100\"/></a:xfrm><a:prstGeom " \
	"prst=\"rect\"/>" xml "</p:spPr></p:sp>"
#define TX(id, body) "<p:sp><p:nvSpPr><p:cNvPr id=\"" #id "\" name=\"t" #id \
	"\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr/>" \
	"<p:txBody><a:bodyPr/><a:lstStyle/>" body "</p:txBody></p:sp>"

static const char *tmp_deck(void)
{
	static char path[700];

	snprintf(path, sizeof(path), "%s/deck.pptx", unit_tmpdir());
	return path;
}

/* Writes a deck and reads it back with the given limits (NULL: none). */
static struct ppj_deck *roundtrip(const struct deckgen *g,
				  const struct deckgen_slide *s, size_t n,
				  const struct ppj_limits *lim, int *rc,
				  struct ppj_error *err)
{
	struct ppj_options opts;
	struct ppj_deck *deck = NULL;
	const char *path = tmp_deck();

	memset(&opts, 0, sizeof(opts));
	if (lim)
		opts.limits = *lim;
	if (deckgen_write(path, g, s, n) != 0) {
		*rc = -100;
		return NULL;
	}
	*rc = ppj__pptx_read(path, &opts, &deck, err);
	return deck;
}

static struct ppj_deck *read_one(const struct deckgen *g,
				 const char *sptree)
{
	struct deckgen_slide s = { .sptree = sptree };
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(g, &s, 1, NULL, &rc, &err);
	if (rc)
		fprintf(stderr, "read failed: %d %s\n", rc, err.msg);
	return rc ? NULL : d;
}

static bool has_warning(const struct ppj_deck *d, const char *code)
{
	for (size_t i = 0; i < d->nwarnings; i++)
		if (strcmp(d->warnings[i].code, code) == 0)
			return true;
	for (size_t s = 0; s < d->nslides; s++)
		for (size_t i = 0; i < d->slides[s].nwarnings; i++)
			if (strcmp(d->slides[s].warnings[i].code, code) == 0)
				return true;
	return false;
}

static bool color_is(struct ppj_color c, unsigned rgb)
{
	int r = (int)(rgb >> 16), g = (int)((rgb >> 8) & 255),
	    b = (int)(rgb & 255);
	bool ok = abs(c.r - r) <= 1 && abs(c.g - g) <= 1 && abs(c.b - b) <= 1;

	if (!ok)
		fprintf(stderr, "colour %02X%02X%02X, expected %06X\n", c.r,
			c.g, c.b, rgb);
	return ok;
}

/* The slide's own shape with this name. */
static const struct ppj_shape *shape(const struct ppj_slide *s,
				     const char *name)
{
	for (size_t i = 0; i < s->nshapes; i++)
		if (s->shapes[i].name && strcmp(s->shapes[i].name, name) == 0)
			return &s->shapes[i];
	return NULL;
}

/* ---- the corpus ---- */

static bool skip_deck(const char *notes)
{
	return strstr(notes, "malformed") || strstr(notes, "encrypted") ||
	       strstr(notes, "misnamed");
}

TEST(corpus_reads)
{
	const char *src = getenv("PPJ_SOURCE");
	char path[1024], line[4096];
	int n = 0, failed = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/../shared/corpus/SOURCES.tsv",
		 src ? src : ".");
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "corpus absent: skipped\n");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *cols[10] = { 0 }, *save = NULL, *t = line;
		struct ppj_error err = { 0 };
		struct ppj_deck *deck = NULL;
		int k = 0, rc;
		clock_t t0;

		for (t = strtok_r(line, "\t\n", &save); t && k < 10;
		     t = strtok_r(NULL, "\t\n", &save))
			cols[k++] = t;
		if (k < 9 || strcmp(cols[7], "pptx") != 0 ||
		    skip_deck(cols[8]))
			continue;
		snprintf(path, sizeof(path), "%s/../shared/corpus/%s",
			 src ? src : ".", cols[0]);
		t0 = clock();
		rc = ppj__pptx_read(path, NULL, &deck, &err);
		if (rc) {
			fprintf(stderr, "%s: %d %s\n", cols[0], rc, err.msg);
			failed++;
		} else if (getenv("PPJ_VERBOSE")) {
			fprintf(stderr, "%s: %zu slides, %.3fs\n", cols[0],
				deck->nslides,
				(double)(clock() - t0) / CLOCKS_PER_SEC);
		}
		ppj_deck_free(deck);
		n++;
	}
	fclose(f);
	CHECK(n > 0);
	CHECK_INT(failed, 0);
}

/* ---- inheritance and placeholders ---- */

TEST(placeholders_inherit_from_master)
{
	char *t = deckgen_title_sp(2, "Hello");
	char *b = deckgen_body_sp(3, "Body");
	char tree[4096];
	const struct ppj_shape *ts, *bs;
	const struct ppj_run *r;
	struct ppj_deck *d;

	snprintf(tree, sizeof(tree), "%s%s", t, b);
	free(t);
	free(b);
	d = read_one(NULL, tree);
	REQUIRE(d);
	REQUIRE(d->nslides == 1);
	CHECK_INT(d->width, 9144000);
	CHECK_STR(d->slides[0].title, "Hello");
	ts = shape(&d->slides[0], "title 2");
	bs = shape(&d->slides[0], "Body 3");
	REQUIRE(ts && bs && ts->text && bs->text);

	/* Position from the master (the layout has no xfrm). */
	CHECK_INT(ts->xf.x, 457200);
	CHECK_INT(ts->xf.y, 274638);
	CHECK_INT(bs->xf.y, 1600200);
	CHECK_STR(ts->placeholder, "title");
	CHECK_STR(bs->placeholder, "body");

	/* titleStyle: 44 pt, centred, major font, tx1 -> dk1. */
	r = &ts->text->paras[0].runs[0];
	CHECK(r->size == 44);
	CHECK_STR(r->font, "Calibri Light");
	CHECK(color_is(r->fill.color, 0x000000));
	CHECK_INT(ts->text->paras[0].align, PPJ_ALIGN_CENTER);

	/* bodyStyle level 1: 32 pt, bullet, margins. */
	r = &bs->text->paras[0].runs[0];
	CHECK(r->size == 32);
	CHECK_STR(r->font, "Calibri");
	CHECK_INT(bs->text->paras[0].bullet.kind, PPJ_BULLET_CHAR);
	CHECK_STR(bs->text->paras[0].bullet.text, "\xe2\x80\xa2");
	CHECK_INT(bs->text->paras[0].margin_left, 342900);
	CHECK_INT(bs->text->paras[0].indent, -342900);
	ppj_deck_free(d);
}

/*
 * Masters number their footer placeholders with the small idx values that
 * layouts give to bodies: a layout's body idx 3 must not inherit the
 * master's footer idx 3 (poi/layouts.pptx drew its bodies grey and
 * centred that way).
 */
TEST(layout_placeholders_match_the_master_by_type)
{
	static const char ftr[] =
		"<p:sp><p:nvSpPr><p:cNvPr id=\"9\" name=\"Footer\"/>"
		"<p:cNvSpPr/><p:nvPr><p:ph type=\"ftr\" sz=\"quarter\" "
		"idx=\"3\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>"
		"<a:off x=\"3124200\" y=\"6356350\"/><a:ext cx=\"2895600\" "
		"cy=\"365125\"/></a:xfrm></p:spPr><p:txBody><a:bodyPr/>"
		"<a:lstStyle><a:lvl1pPr algn=\"ctr\"><a:defRPr sz=\"1200\">"
		"<a:solidFill><a:srgbClr val=\"898989\"/></a:solidFill>"
		"</a:defRPr></a:lvl1pPr></a:lstStyle><a:p/></p:txBody></p:sp>";
	static const char body3[] =
		"<p:sp><p:nvSpPr><p:cNvPr id=\"7\" name=\"Half\"/>"
		"<p:cNvSpPr/><p:nvPr><p:ph type=\"body\" sz=\"quarter\" "
		"idx=\"3\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>"
		"<a:off x=\"4645025\" y=\"1535113\"/><a:ext cx=\"4041775\" "
		"cy=\"639762\"/></a:xfrm></p:spPr><p:txBody><a:bodyPr/>"
		"<a:lstStyle/><a:p/></p:txBody></p:sp>";
	static const char slide[] =
		"<p:sp><p:nvSpPr><p:cNvPr id=\"4\" name=\"File\"/>"
		"<p:cNvSpPr/><p:nvPr><p:ph type=\"body\" sz=\"quarter\" "
		"idx=\"3\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody>"
		"<a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>file2</a:t></a:r>"
		"</a:p></p:txBody></p:sp>";
	struct deckgen g = { .master_sptree = ftr, .layout_sptree = body3 };
	const struct ppj_shape *sh;
	const struct ppj_run *r;
	struct ppj_deck *d = read_one(&g, slide);

	REQUIRE(d);
	sh = shape(&d->slides[0], "File");
	REQUIRE(sh && sh->text && sh->text->nparas == 1);
	CHECK_INT(sh->xf.x, 4645025);
	CHECK_INT(sh->text->paras[0].align, PPJ_ALIGN_LEFT);
	r = &sh->text->paras[0].runs[0];
	CHECK(r->size == 32);
	CHECK(color_is(r->fill.color, 0x000000));
	ppj_deck_free(d);
}

TEST(text_property_order)
{
	/* Level 2 of a body placeholder: bodyStyle lvl2 (28 pt, en dash),
	 * then the shape's lstStyle (bold), then pPr, then rPr. */
	static const char tree[] =
		"<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"B\"/><p:cNvSpPr/>"
		"<p:nvPr><p:ph idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/>"
		"<p:txBody><a:bodyPr><a:normAutofit fontScale=\"62500\" "
		"lnSpcReduction=\"20000\"/></a:bodyPr><a:lstStyle>"
		"<a:lvl2pPr><a:defRPr b=\"1\"/></a:lvl2pPr></a:lstStyle>"
		"<a:p><a:pPr lvl=\"1\" algn=\"r\"/><a:r><a:rPr lang=\"en-US\""
		"/><a:t>two</a:t></a:r></a:p>"
		"<a:p><a:pPr lvl=\"1\"/><a:r><a:rPr sz=\"1000\" i=\"1\" "
		"u=\"sng\" strike=\"sngStrike\" baseline=\"30000\" "
		"spc=\"200\"><a:solidFill><a:srgbClr val=\"FF0000\"/>"
		"</a:solidFill><a:latin typeface=\"Courier New\"/></a:rPr>"
		"<a:t>small</a:t></a:r><a:br/><a:fld id=\"{1}\" "
		"type=\"slidenum\"><a:t>&#8249;#&#8250;</a:t></a:fld>"
		"<a:r><a:rPr><a:latin typeface=\"Symbol\"/></a:rPr>"
		"<a:t>ab</a:t></a:r>"
		"<a:endParaRPr sz=\"900\"/></a:p></p:txBody></p:sp>";
	const struct ppj_text *t;
	const struct ppj_para *p;
	struct ppj_deck *d = read_one(NULL, tree);

	REQUIRE(d);
	REQUIRE(d->slides[0].nshapes == 1);
	t = d->slides[0].shapes[0].text;
	REQUIRE(t && t->nparas == 2);
	CHECK_INT(t->autofit, PPJ_FIT_NORMAL);
	CHECK(fabs(t->font_scale - 0.625) < 1e-9);
	CHECK(fabs(t->line_reduction - 0.2) < 1e-9);

	p = &t->paras[0];
	CHECK_INT(p->level, 1);
	CHECK_INT(p->align, PPJ_ALIGN_RIGHT);
	CHECK_INT(p->margin_left, 742950);
	CHECK_STR(p->bullet.text, "\xe2\x80\x93");
	CHECK(p->runs[0].size == 28);	/* not scaled by fontScale */
	CHECK(p->runs[0].bold);
	CHECK_STR(p->runs[0].lang, "en-US");

	p = &t->paras[1];
	REQUIRE(p->nruns == 4);
	CHECK_STR(p->runs[3].text, "\xce\xb1\xce\xb2");	/* Greek */
	CHECK(p->runs[0].size == 10);
	CHECK(p->runs[0].bold && p->runs[0].italic);
	CHECK_INT(p->runs[0].underline, PPJ_U_SINGLE);
	CHECK_INT(p->runs[0].strike, PPJ_STRIKE_SINGLE);
	CHECK(p->runs[0].baseline == 30);
	CHECK(p->runs[0].spacing == 2);
	CHECK(color_is(p->runs[0].fill.color, 0xFF0000));
	CHECK_STR(p->runs[0].font, "Courier New");
	CHECK_INT(p->runs[1].kind, PPJ_RUN_BREAK);
	CHECK_INT(p->runs[2].kind, PPJ_RUN_FIELD);
	CHECK_STR(p->runs[2].field, "slidenum");
	CHECK_STR(p->runs[2].text, "1");
	CHECK(p->end.size == 9);
	ppj_deck_free(d);
}

TEST(master_shapes_and_show_master_sp)
{
	struct deckgen g = { .master_sptree = SP(10, "") };
	struct deckgen_slide s[2] = {
		{ .sptree = SP(4, "") },
		{ .sptree = SP(4, ""), .attrs = "showMasterSp=\"0\"" },
	};
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, s, 2, NULL, &rc, &err);
	REQUIRE(rc == 0);
	REQUIRE(d->slides[0].nshapes == 2);
	CHECK_STR(d->slides[0].shapes[0].name, "s10");
	CHECK(d->slides[0].shapes[0].from_master);
	CHECK(!d->slides[0].shapes[1].from_master);
	CHECK_INT(d->slides[1].nshapes, 1);
	ppj_deck_free(d);

	/* A layout that hides master shapes. */
	g.layout_attrs = "showMasterSp=\"0\"";
	d = roundtrip(&g, s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	CHECK_INT(d->slides[0].nshapes, 1);
	ppj_deck_free(d);
}

TEST(hidden_slides_notes_and_background)
{
	struct deckgen_slide s[2] = {
		{ .attrs = "show=\"0\"", .notes = "first line\nsecond",
		  .sptree = SP(2, "<a:gradFill><a:gsLst>"
			"<a:gs pos=\"100000\"><a:srgbClr val=\"0000FF\"/>"
			"</a:gs>"
			"<a:gs pos=\"0\"><a:srgbClr val=\"FF0000\"/></a:gs>"
			"<a:gs pos=\"50000\"><a:srgbClr val=\"00FF00\"/></a:gs>"
			"</a:gsLst><a:lin ang=\"5400000\"/></a:gradFill>") },
		{ .bg = "<p:bgPr><a:solidFill><a:srgbClr val=\"00FF00\"/>"
		  "</a:solidFill><a:effectLst/></p:bgPr>",
		  .sptree = "<p:sp useBgFill=\"1\"><p:nvSpPr><p:cNvPr id=\"3\" "
			"name=\"bgf\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
			"<p:spPr/></p:sp>" },
	};
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(NULL, s, 2, NULL, &rc, &err);
	REQUIRE(rc == 0);
	CHECK(d->slides[0].hidden);
	CHECK(!d->slides[1].hidden);
	CHECK_STR(d->slides[0].notes, "first line\nsecond");
	CHECK_STR(d->slides[0].notes_html, "<p>first line</p><p>second</p>");
	CHECK(d->slides[1].notes == NULL);
	/* Slide 1: the master's bgRef 1001 with bg1 (white). */
	CHECK_INT(d->slides[0].background.kind, PPJ_FILL_SOLID);
	CHECK(color_is(d->slides[0].background.color, 0xFFFFFF));
	CHECK(color_is(d->slides[1].background.color, 0x00FF00));
	REQUIRE(d->slides[1].nshapes == 1);
	CHECK(color_is(d->slides[1].shapes[0].fill.color, 0x00FF00));
	REQUIRE(d->slides[0].nshapes == 1);
	CHECK_INT(d->slides[0].shapes[0].fill.kind, PPJ_FILL_GRADIENT);
	REQUIRE(d->slides[0].shapes[0].fill.nstops == 3);
	CHECK(d->slides[0].shapes[0].fill.stops[0].pos == 0);
	CHECK(d->slides[0].shapes[0].fill.stops[2].pos == 1);
	CHECK(color_is(d->slides[0].shapes[0].fill.stops[1].color, 0x00FF00));
	ppj_deck_free(d);
}

/* ---- colours ---- */

#define FILL(id, clr) SP(id, "<a:solidFill>" clr "</a:solidFill>")

static const char colour_tree[] =
	FILL(1, "<a:schemeClr val=\"accent1\"><a:lumMod val=\"60000\"/>"
		"<a:lumOff val=\"40000\"/></a:schemeClr>")
	FILL(2, "<a:srgbClr val=\"FFFFFF\"><a:shade val=\"50000\"/>"
		"</a:srgbClr>")
	FILL(3, "<a:srgbClr val=\"000000\"><a:tint val=\"50000\"/>"
		"</a:srgbClr>")
	FILL(4, "<a:srgbClr val=\"FF0000\"><a:alpha val=\"50000\"/>"
		"<a:alphaMod val=\"50000\"/></a:srgbClr>")
	FILL(5, "<a:srgbClr val=\"FF0000\"><a:comp/></a:srgbClr>")
	FILL(6, "<a:srgbClr val=\"102030\"><a:inv/></a:srgbClr>")
	FILL(7, "<a:srgbClr val=\"FF0000\"><a:gray/></a:srgbClr>")
	FILL(8, "<a:srgbClr val=\"FF0000\"><a:hueOff val=\"7200000\"/>"
		"</a:srgbClr>")
	FILL(9, "<a:srgbClr val=\"FF0000\"><a:satMod val=\"0\"/>"
		"</a:srgbClr>")
	FILL(10, "<a:srgbClr val=\"FF0000\"><a:green val=\"100000\"/>"
		 "</a:srgbClr>")
	FILL(11, "<a:prstClr val=\"dkBlue\"/>")
	FILL(12, "<a:sysClr val=\"windowText\" lastClr=\"123456\"/>")
	FILL(13, "<a:scrgbClr r=\"100000\" g=\"0\" b=\"0\"/>")
	FILL(14, "<a:hslClr hue=\"0\" sat=\"100000\" lum=\"50000\"/>")
	FILL(15, "<a:schemeClr val=\"tx1\"/>")
	FILL(16, "<a:srgbClr val=\"808080\"><a:lumMod val=\"50000\"/>"
		 "<a:lumOff val=\"50000\"/></a:srgbClr>")
	FILL(17, "<a:schemeClr val=\"bg2\"/>")
	FILL(18, "<a:srgbClr val=\"FF0000\"><a:redMod val=\"0\"/>"
		 "<a:blueOff val=\"100000\"/></a:srgbClr>")
	FILL(19, "<a:sysClr val=\"btnFace\"/>");

TEST(colour_forms_and_transforms)
{
	static const struct { const char *name; unsigned rgb; } want[] = {
		{ "s1", 0x95B3D7 }, { "s2", 0xBCBCBC }, { "s3", 0xBCBCBC },
		{ "s5", 0x00FFFF }, { "s6", 0xEFDFCF }, { "s7", 0x4D4D4D },
		{ "s8", 0x00FF00 }, { "s9", 0x808080 }, { "s10", 0xFFFF00 },
		{ "s11", 0x00008B }, { "s12", 0x123456 }, { "s13", 0xFF0000 },
		{ "s14", 0xFF0000 }, { "s15", 0x000000 }, { "s16", 0xC0C0C0 },
		{ "s17", 0xEEECE1 }, { "s18", 0x0000FF }, { "s19", 0xF0F0F0 },
	};
	struct ppj_deck *d = read_one(NULL, colour_tree);
	const struct ppj_shape *s;

	REQUIRE(d);
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		s = shape(&d->slides[0], want[i].name);
		REQUIRE(s);
		CHECK_INT(s->fill.kind, PPJ_FILL_SOLID);
		if (!color_is(s->fill.color, want[i].rgb))
			CHECK(!want[i].name);
	}
	s = shape(&d->slides[0], "s4");
	REQUIRE(s);
	CHECK(fabs(s->fill.color.alpha - 0.25) < 1e-9);
	ppj_deck_free(d);
}

TEST(colour_map_override)
{
	struct deckgen_slide sl = {
		.sptree = FILL(1, "<a:schemeClr val=\"tx1\"/>")
			  FILL(2, "<a:schemeClr val=\"bg1\"/>"),
		.clrmap_ovr = "<a:overrideClrMapping bg1=\"dk1\" tx1=\"lt1\" "
			"bg2=\"dk2\" tx2=\"lt2\" accent1=\"accent1\" "
			"accent2=\"accent2\" accent3=\"accent3\" "
			"accent4=\"accent4\" accent5=\"accent5\" "
			"accent6=\"accent6\" hlink=\"hlink\" "
			"folHlink=\"folHlink\"/>",
	};
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(NULL, &sl, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	CHECK(color_is(shape(&d->slides[0], "s1")->fill.color, 0xFFFFFF));
	CHECK(color_is(shape(&d->slides[0], "s2")->fill.color, 0x000000));
	/* The master's background (bg1) follows the slide's map. */
	CHECK(color_is(d->slides[0].background.color, 0x000000));
	ppj_deck_free(d);
}

TEST(shadow_scale_and_anchor)
{
	static const char tree[] =
		"<p:sp><p:nvSpPr><p:cNvPr id=\"5\" name=\"sh\"/>"
		"<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:prstGeom "
		"prst=\"rect\"><a:avLst/></a:prstGeom><a:effectLst>"
		"<a:outerShdw sx=\"101000\" sy=\"99000\" algn=\"tr\">"
		"<a:srgbClr val=\"BFBFBF\"/></a:outerShdw></a:effectLst>"
		"</p:spPr><p:txBody><a:bodyPr/><a:p><a:r><a:t>x</a:t></a:r>"
		"</a:p></p:txBody></p:sp>";
	struct ppj_deck *d = read_one(NULL, tree);
	const struct ppj_shadow *sh;

	REQUIRE(d);
	REQUIRE(shape(&d->slides[0], "sh"));
	sh = &shape(&d->slides[0], "sh")->effects.shadow;
	CHECK(sh->present && !sh->inner);
	CHECK(fabs(sh->sx - 1.01) < 1e-9 && fabs(sh->sy - 0.99) < 1e-9);
	CHECK(sh->ox == 1 && sh->oy == 0);
	CHECK(color_is(sh->color, 0xBFBFBF));
	ppj_deck_free(d);
}

/* PowerPoint's "tight reflection": a mirror fading out by a third. */
TEST(reflection_is_read)
{
	static const char tree[] =
		"<p:sp><p:nvSpPr><p:cNvPr id=\"5\" name=\"r\"/>"
		"<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:prstGeom "
		"prst=\"rect\"><a:avLst/></a:prstGeom><a:effectLst>"
		"<a:reflection blurRad=\"6350\" stA=\"52000\" "
		"endA=\"300\" endPos=\"35000\" dist=\"12700\" "
		"dir=\"5400000\" sy=\"-100000\" algn=\"bl\" "
		"rotWithShape=\"0\"/></a:effectLst></p:spPr></p:sp>"
		"<p:sp><p:nvSpPr><p:cNvPr id=\"6\" name=\"up\"/>"
		"<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:prstGeom "
		"prst=\"rect\"><a:avLst/></a:prstGeom><a:effectLst>"
		"<a:reflection stA=\"52000\"/></a:effectLst></p:spPr>"
		"</p:sp>";
	struct ppj_deck *d = read_one(NULL, tree);
	const struct ppj_reflection *r;

	REQUIRE(d);
	r = &shape(&d->slides[0], "r")->effects.reflection;
	CHECK(r->present);
	CHECK(fabs(r->start_alpha - 0.52) < 1e-9);
	CHECK(fabs(r->end_alpha - 0.003) < 1e-9);
	CHECK(r->start_pos == 0);
	CHECK(fabs(r->end_pos - 0.35) < 1e-9);
	CHECK_INT(r->dist, 12700);

	/* Without a mirror (sy >= 0) it is no reflection we draw. */
	CHECK(!shape(&d->slides[0], "up")->effects.reflection.present);
	ppj_deck_free(d);
}

TEST(style_references)
{
	static const char tree[] =
		"<p:sp><p:nvSpPr><p:cNvPr id=\"5\" name=\"styled\"/>"
		"<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:prstGeom "
		"prst=\"ellipse\"><a:avLst><a:gd name=\"adj\" fmla=\"val 5\"/>"
		"</a:avLst></a:prstGeom><a:ln w=\"50800\"/></p:spPr>"
		"<p:style><a:lnRef idx=\"2\"><a:schemeClr val=\"accent2\">"
		"<a:shade val=\"50000\"/></a:schemeClr></a:lnRef>"
		"<a:fillRef idx=\"1\"><a:schemeClr val=\"accent2\"/>"
		"</a:fillRef><a:effectRef idx=\"3\"><a:schemeClr "
		"val=\"accent2\"/></a:effectRef><a:fontRef idx=\"minor\">"
		"<a:schemeClr val=\"lt1\"/></a:fontRef></p:style>"
		"<p:txBody><a:bodyPr anchor=\"ctr\" wrap=\"none\" "
		"vert=\"vert270\" lIns=\"0\"><a:prstTxWarp prst=\"textArchUp\">"
		"<a:avLst/></a:prstTxWarp></a:bodyPr><a:p><a:r><a:t>x</a:t>"
		"</a:r></a:p></p:txBody></p:sp>";
	struct ppj_deck *d = read_one(NULL, tree);
	const struct ppj_shape *s;

	REQUIRE(d);
	s = shape(&d->slides[0], "styled");
	REQUIRE(s && s->text);
	CHECK_STR(s->geom.preset, "ellipse");
	REQUIRE(s->geom.nadj == 1);
	CHECK_STR(s->geom.adj[0].fmla, "val 5");
	CHECK(color_is(s->fill.color, 0xC0504D));
	CHECK_INT(s->line.width, 50800);	/* the shape's own ln wins */
	CHECK_INT(s->line.fill.kind, PPJ_FILL_SOLID);
	CHECK(s->effects.shadow.present);
	CHECK(fabs(s->effects.shadow.color.alpha - 0.35) < 1e-9);
	/* No sx, sy or algn in the theme's shadow: 100%, bottom. */
	CHECK(s->effects.shadow.sx == 1 && s->effects.shadow.sy == 1);
	CHECK(s->effects.shadow.ox == 0.5 && s->effects.shadow.oy == 1);
	CHECK(color_is(s->text->paras[0].runs[0].fill.color, 0xFFFFFF));
	CHECK_STR(s->text->paras[0].runs[0].font, "Calibri");
	CHECK_INT(s->text->anchor, PPJ_ANCHOR_MIDDLE);
	CHECK(!s->text->wrap);
	CHECK_INT(s->text->vert, PPJ_VERT_VERT270);
	CHECK_INT(s->text->inset_l, 0);
	CHECK_INT(s->text->inset_r, 91440);
	CHECK(s->text->warped);			/* WordArt's arch */
	ppj_deck_free(d);
}

/* ---- groups, tables, bullets ---- */

TEST(nested_groups_scale_children)
{
	static const char tree[] =
		"<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"2\" name=\"g\"/>"
		"<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>"
		"<a:off x=\"1000\" y=\"1000\"/><a:ext cx=\"2000\" cy=\"2000\"/>"
		"<a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"1000\" cy=\"1000\"/>"
		"</a:xfrm><a:solidFill><a:srgbClr val=\"00FF00\"/>"
		"</a:solidFill></p:grpSpPr>"
		"<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"c\"/><p:cNvSpPr/>"
		"<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm rot=\"5400000\" "
		"flipH=\"1\"><a:off x=\"100\" y=\"100\"/><a:ext cx=\"200\" "
		"cy=\"200\"/></a:xfrm><a:grpFill/></p:spPr></p:sp>"
		"<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"4\" name=\"g2\"/>"
		"<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>"
		"<a:off x=\"500\" y=\"500\"/><a:ext cx=\"100\" cy=\"100\"/>"
		"<a:chOff x=\"10\" y=\"10\"/><a:chExt cx=\"10\" cy=\"10\"/>"
		"</a:xfrm></p:grpSpPr>"
		"<p:sp><p:nvSpPr><p:cNvPr id=\"5\" name=\"cc\"/><p:cNvSpPr/>"
		"<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"15\" "
		"y=\"10\"/><a:ext cx=\"5\" cy=\"5\"/></a:xfrm></p:spPr></p:sp>"
		"</p:grpSp></p:grpSp>";
	struct ppj_deck *d = read_one(NULL, tree);
	const struct ppj_shape *g, *c, *g2, *cc;

	REQUIRE(d);
	REQUIRE(d->slides[0].nshapes == 1);
	g = &d->slides[0].shapes[0];
	CHECK_INT(g->kind, PPJ_SHAPE_GROUP);
	CHECK_INT(g->xf.x, 1000);
	REQUIRE(g->nchildren == 2);
	c = &g->children[0];
	CHECK_INT(c->xf.x, 200);
	CHECK_INT(c->xf.y, 200);
	CHECK_INT(c->xf.cx, 400);
	CHECK(c->xf.rot == 90);
	CHECK(c->xf.flip_h);
	CHECK(color_is(c->fill.color, 0x00FF00));	/* grpFill */
	g2 = &g->children[1];
	CHECK_INT(g2->xf.x, 1000);
	CHECK_INT(g2->xf.cx, 200);
	REQUIRE(g2->nchildren == 1);
	cc = &g2->children[0];
	CHECK_INT(cc->xf.x, 100);	/* (15 - 10) * 200 / 10 */
	CHECK_INT(cc->xf.y, 0);
	CHECK_INT(cc->xf.cx, 100);
	ppj_deck_free(d);
}

TEST(group_depth_is_bounded)
{
	char *tree = malloc(200000), *p = tree;
	struct ppj_deck *d = NULL;
	struct ppj_limits lim = { .max_depth = 8 };
	struct deckgen_slide s = { 0 };
	struct ppj_error err = { 0 };
	int rc;

	REQUIRE(tree);
	for (int i = 0; i < 12; i++)
		p += sprintf(p, "<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"%d\" "
			     "name=\"g\"/><p:cNvGrpSpPr/><p:nvPr/>"
			     "</p:nvGrpSpPr><p:grpSpPr/>", i + 2);
	for (int i = 0; i < 12; i++)
		p += sprintf(p, "</p:grpSp>");
	s.sptree = tree;
	d = roundtrip(NULL, &s, 1, &lim, &rc, &err);
	CHECK_INT(rc, PPJ_ETOOLARGE);
	CHECK(d == NULL);
	free(tree);
}

#define TC(x) "<a:tc" x "><a:txBody><a:bodyPr/><a:p><a:r><a:t>c</a:t>" \
	"</a:r></a:p></a:txBody><a:tcPr/></a:tc>"

static const char table_styles[] =
	"<?xml version=\"1.0\"?><a:tblStyleLst xmlns:a=\"http://schemas."
	"openxmlformats.org/drawingml/2006/main\" def=\"{S1}\">"
	"<a:tblStyle styleId=\"{S1}\" styleName=\"Test\"><a:wholeTbl>"
	"<a:tcTxStyle><a:schemeClr val=\"dk1\"/></a:tcTxStyle><a:tcStyle>"
	"<a:tcBdr><a:insideH><a:ln w=\"12700\"><a:solidFill><a:srgbClr "
	"val=\"0000FF\"/></a:solidFill></a:ln></a:insideH></a:tcBdr>"
	"<a:fill><a:solidFill><a:srgbClr val=\"EEEEEE\"/></a:solidFill>"
	"</a:fill></a:tcStyle></a:wholeTbl><a:firstRow><a:tcTxStyle b=\"on\">"
	"<a:schemeClr val=\"lt1\"/></a:tcTxStyle><a:tcStyle><a:fill>"
	"<a:solidFill><a:schemeClr val=\"accent1\"/></a:solidFill></a:fill>"
	"</a:tcStyle></a:firstRow></a:tblStyle></a:tblStyleLst>";

TEST(tables_with_merges_and_styles)
{
	static const char tree[] =
		"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"4\" "
		"name=\"T\"/><p:cNvGraphicFramePr/><p:nvPr/>"
		"</p:nvGraphicFramePr><p:xfrm><a:off x=\"10\" y=\"20\"/>"
		"<a:ext cx=\"3000\" cy=\"2000\"/></p:xfrm><a:graphic>"
		"<a:graphicData uri=\"http://schemas.openxmlformats.org/"
		"drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\">"
		"<a:tableStyleId>{S1}</a:tableStyleId></a:tblPr><a:tblGrid>"
		"<a:gridCol w=\"1000\"/><a:gridCol w=\"1000\"/>"
		"<a:gridCol w=\"1000\"/></a:tblGrid>"
		"<a:tr h=\"500\">" TC(" gridSpan=\"2\"") TC(" hMerge=\"1\"")
		TC("") "</a:tr>"
		"<a:tr h=\"600\">" TC(" rowSpan=\"2\"") TC("")
		"<a:tc><a:txBody><a:bodyPr/><a:p/></a:txBody><a:tcPr "
		"marL=\"0\" anchor=\"ctr\" vert=\"vert270\"><a:solidFill>"
		"<a:srgbClr val=\"FF0000\"/></a:solidFill></a:tcPr></a:tc>"
		"</a:tr>"
		"<a:tr h=\"700\">" TC(" vMerge=\"1\"") TC("") TC("") "</a:tr>"
		"</a:tbl></a:graphicData></a:graphic></p:graphicFrame>";
	struct deckgen g = { .table_styles = table_styles };
	struct ppj_deck *d = read_one(&g, tree);
	const struct ppj_table *t;
	const struct ppj_shape *s;

	REQUIRE(d);
	s = shape(&d->slides[0], "T");
	REQUIRE(s && s->kind == PPJ_SHAPE_TABLE && s->table);
	t = s->table;
	CHECK_INT(s->xf.cx, 3000);
	REQUIRE(t->ncols == 3 && t->nrows == 3);
	CHECK_INT(t->col_w[1], 1000);
	CHECK_INT(t->row_h[2], 700);
	CHECK_INT(t->cells[0].grid_span, 2);
	CHECK(t->cells[1].h_merge);
	CHECK_INT(t->cells[3].row_span, 2);
	CHECK(t->cells[6].v_merge);
	/* firstRow over wholeTbl: accent1 fill, bold white text. */
	CHECK(color_is(t->cells[0].fill.color, 0x4F81BD));
	REQUIRE(t->cells[0].text);
	CHECK(t->cells[0].text->paras[0].runs[0].bold);
	CHECK(color_is(t->cells[0].text->paras[0].runs[0].fill.color,
		       0xFFFFFF));
	CHECK(color_is(t->cells[3].fill.color, 0xEEEEEE));
	CHECK(!t->cells[3].text->paras[0].runs[0].bold);
	CHECK(color_is(t->cells[3].border_t.fill.color, 0x0000FF));
	CHECK_INT(t->cells[3].border_t.width, 12700);
	/* The cell's own tcPr wins. */
	CHECK(color_is(t->cells[5].fill.color, 0xFF0000));
	CHECK_INT(t->cells[5].text->inset_l, 0);
	CHECK_INT(t->cells[5].text->anchor, PPJ_ANCHOR_MIDDLE);
	CHECK_INT(t->cells[5].text->vert, PPJ_VERT_VERT270);
	ppj_deck_free(d);
}

/* A 2 x 3 table with first row and banded rows in the style id. */
#define STYLED_TABLE(id) \
	"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"4\" " \
	"name=\"T\"/><p:cNvGraphicFramePr/><p:nvPr/>" \
	"</p:nvGraphicFramePr><p:xfrm><a:off x=\"0\" y=\"0\"/>" \
	"<a:ext cx=\"2000\" cy=\"1500\"/></p:xfrm><a:graphic>" \
	"<a:graphicData uri=\"http://schemas.openxmlformats.org/" \
	"drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\" " \
	"bandRow=\"1\"><a:tableStyleId>" id "</a:tableStyleId></a:tblPr>" \
	"<a:tblGrid><a:gridCol w=\"1000\"/><a:gridCol w=\"1000\"/>" \
	"</a:tblGrid><a:tr h=\"500\">" TC("") TC("") "</a:tr>" \
	"<a:tr h=\"500\">" TC("") TC("") "</a:tr>" \
	"<a:tr h=\"500\">" TC("") TC("") "</a:tr>" \
	"</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"

/*
 * A deck may name one of PowerPoint's built-in styles without defining
 * it: Medium Style 2 (what every new table gets) is known.
 */
TEST(built_in_table_style)
{
	static const char accent1[] =
		STYLED_TABLE("{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}");
	static const char accent2[] =
		STYLED_TABLE("{21E4AEA4-8DFA-4A89-87EB-49C32662AFE0}");
	static const char unknown[] =
		STYLED_TABLE("{00000000-0000-0000-0000-000000000000}");
	struct ppj_deck *d = read_one(NULL, accent1);
	const struct ppj_table *t;

	REQUIRE(d);
	t = shape(&d->slides[0], "T")->table;
	REQUIRE(t && t->nrows == 3 && t->ncols == 2);

	/* First row: the accent, bold white text, a thick white rule. */
	CHECK(color_is(t->cells[0].fill.color, 0x4F81BD));
	CHECK(t->cells[0].text->paras[0].runs[0].bold);
	CHECK(color_is(t->cells[0].text->paras[0].runs[0].fill.color,
		       0xFFFFFF));
	CHECK_INT(t->cells[0].border_b.width, 38100);

	/* Banded rows: 40% and 20% tints of it, thin white rules. */
	CHECK(color_is(t->cells[2].fill.color, 0xD0D8E8));
	CHECK(color_is(t->cells[4].fill.color, 0xE9EDF4));
	CHECK(!t->cells[4].text->paras[0].runs[0].bold);
	CHECK(color_is(t->cells[4].border_l.fill.color, 0xFFFFFF));
	CHECK_INT(t->cells[4].border_l.width, 12700);
	ppj_deck_free(d);

	d = read_one(NULL, accent2);
	REQUIRE(d);
	t = shape(&d->slides[0], "T")->table;
	CHECK(color_is(t->cells[1].fill.color, 0xC0504D));
	ppj_deck_free(d);

	d = read_one(NULL, unknown);
	REQUIRE(d);
	t = shape(&d->slides[0], "T")->table;
	CHECK(t->cells[0].fill.kind == PPJ_FILL_NONE);
	ppj_deck_free(d);
}

#define PARA(ppr, text) "<a:p><a:pPr" ppr "</a:pPr><a:r><a:t>" text \
	"</a:t></a:r></a:p>"

TEST(bullets_numbering_and_symbols)
{
	static const char tree[] = TX(2,
		PARA(" marL=\"0\"><a:buAutoNum type=\"arabicPeriod\" "
		     "startAt=\"3\"/>", "a")
		PARA("><a:buAutoNum type=\"arabicPeriod\" startAt=\"3\"/>",
		     "b")
		PARA(" lvl=\"1\"><a:buAutoNum type=\"romanUcParenR\"/>", "c")
		PARA(" lvl=\"1\"><a:buAutoNum type=\"romanUcParenR\"/>", "d")
		PARA("><a:buAutoNum type=\"arabicPeriod\" startAt=\"3\"/>",
		     "e")
		PARA("><a:buAutoNum type=\"alphaLcParenBoth\"/>", "f")
		"<a:p><a:pPr><a:buAutoNum type=\"alphaLcParenBoth\"/></a:pPr>"
		"</a:p>"
		PARA("><a:buAutoNum type=\"alphaLcParenBoth\"/>", "g")
		PARA("><a:buFont typeface=\"Wingdings\"/><a:buChar "
		     "char=\"&#167;\"/>", "h")
		PARA("><a:buFont typeface=\"Wingdings\"/><a:buChar char=\"l\""
		     "/><a:buClr><a:srgbClr val=\"FF0000\"/></a:buClr>"
		     "<a:buSzPct val=\"75000\"/>", "i")
		PARA("><a:buFont typeface=\"Symbol\"/><a:buChar "
		     "char=\"&#183;\"/><a:buSzPts val=\"1200\"/>", "j")
		PARA("><a:buNone/>", "k"));
	static const char *const want[] = { "3.", "4.", "I)", "II)", "5.",
		"(a)", NULL, "(b)", "\xe2\x96\xaa", "\xe2\x97\x8f",
		"\xe2\x80\xa2", NULL };
	struct ppj_deck *d = read_one(NULL, tree);
	const struct ppj_text *t;

	REQUIRE(d);
	t = d->slides[0].shapes[0].text;
	REQUIRE(t && t->nparas == 12);
	for (size_t i = 0; i < 12; i++) {
		if (!want[i]) {
			CHECK_INT(t->paras[i].bullet.kind, PPJ_BULLET_NONE);
			continue;
		}
		CHECK_STR(t->paras[i].bullet.text, want[i]);
	}
	CHECK_INT(t->paras[0].bullet.kind, PPJ_BULLET_AUTONUM);
	CHECK_INT(t->paras[8].bullet.kind, PPJ_BULLET_CHAR);
	CHECK(t->paras[8].bullet.font == NULL);
	CHECK(t->paras[9].bullet.has_color);
	CHECK(color_is(t->paras[9].bullet.color, 0xFF0000));
	CHECK(t->paras[9].bullet.size_pct == 75);
	CHECK(t->paras[10].bullet.size_pts == 12);
	ppj_deck_free(d);
}

TEST(autonum_labels_and_symbol_maps)
{
	char b[32];

	CHECK_STR(ppj_autonum_label("arabicPeriod", 7, b, sizeof(b)), "7.");
	CHECK_STR(ppj_autonum_label("arabicParenR", 2, b, sizeof(b)), "2)");
	CHECK_STR(ppj_autonum_label("arabicParenBoth", 2, b, sizeof(b)),
		  "(2)");
	CHECK_STR(ppj_autonum_label("arabicPlain", 12, b, sizeof(b)), "12");
	CHECK_STR(ppj_autonum_label("romanLcPeriod", 14, b, sizeof(b)),
		  "xiv.");
	CHECK_STR(ppj_autonum_label("romanUcPeriod", 1994, b, sizeof(b)),
		  "MCMXCIV.");
	CHECK_STR(ppj_autonum_label("alphaUcPeriod", 28, b, sizeof(b)),
		  "BB.");
	CHECK_STR(ppj_autonum_label("alphaLcParenR", 1, b, sizeof(b)), "a)");
	CHECK_STR(ppj_autonum_label("ea1JpnChsDbPeriod", 3, b, sizeof(b)),
		  "3.");
	CHECK_STR(ppj_autonum_label("circleNumDbPlain", 2, b, sizeof(b)),
		  "\xe2\x91\xa1");
	CHECK_STR(ppj_autonum_label("nonsense", 5, b, sizeof(b)), "5.");
	CHECK_STR(ppj_autonum_label(NULL, 5, b, 3), "5.");

	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 'l'), 0x25CF);
	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 0xF06C), 0x25CF);
	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 'n'), 0x25A0);
	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 'q'), 0x2751);
	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 'u'), 0x25C6);
	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 'v'), 0x2756);
	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 'w'), 0x2B25);
	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 0xA7), 0x25AA);
	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 0xD8), 0x27A2);
	CHECK_INT(ppj_symbol_to_unicode("Wingdings", 0xFC), 0x2714);
	CHECK_INT(ppj_symbol_to_unicode("Symbol", 0xB7), 0x2022);
	CHECK_INT(ppj_symbol_to_unicode("Symbol", 'a'), 0x03B1);
	CHECK_INT(ppj_symbol_to_unicode("Symbol", '5'), '5');
	CHECK_INT(ppj_symbol_to_unicode("Arial", 'l'), 'l');
	CHECK(ppj_is_symbol_font("wingdings 2"));
	CHECK(!ppj_is_symbol_font("Calibri"));
}

/* ---- pictures, links, charts, alternate content ---- */

/* A PNG header of 3 x 2 pixels: enough for the reader. */
static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
	'I', 'H', 'D', 'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0,
	0, 0, 0, 0,
};

#define PIC(id, blip, extra) "<p:pic><p:nvPicPr><p:cNvPr id=\"" #id "\" " \
	"name=\"p" #id "\" descr=\"alt\"/><p:cNvPicPr/><p:nvPr>" extra \
	"</p:nvPr></p:nvPicPr><p:blipFill>" blip "<a:srcRect l=\"10000\" " \
	"b=\"25000\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>" \
	"<p:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"10\" " \
	"cy=\"10\"/></a:xfrm><a:prstGeom prst=\"rect\"/></p:spPr></p:pic>"

#define REL(id, type, target) "<Relationship Id=\"" id "\" Type=\"http://" \
	"schemas.openxmlformats.org/officeDocument/2006/relationships/" \
	type "\" Target=\"" target "\"/>"

TEST(pictures_media_and_svg)
{
	static const struct deckgen_part parts[] = {
		{ "ppt/media/image1.png", NULL, png, sizeof(png) },
		{ "ppt/media/image2.svg", NULL, "<svg/>", 0 },
	};
	struct deckgen g = { .nparts = 2, .parts = parts };
	struct deckgen_slide s = {
		.sptree = PIC(2, "<a:blip r:embed=\"rP\"/>", "")
			  PIC(3, "<a:blip r:embed=\"rP\"/>", "")
			  PIC(4, "<a:blip r:embed=\"rP\"><a:extLst><a:ext "
			      "uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\">"
			      "<asvg:svgBlip xmlns:asvg=\"http://schemas."
			      "microsoft.com/office/drawing/2016/SVG/main\" "
			      "r:embed=\"rS\"/></a:ext></a:extLst></a:blip>",
			      "")
			  PIC(5, "<a:blip r:embed=\"rP\"/>",
			      "<a:videoFile r:link=\"rV\"/>")
			  PIC(6, "<a:blip r:embed=\"rNone\"/>", ""),
		.rels = REL("rP", "image", "../media/image1.png")
			REL("rS", "image", "../media/image2.svg")
			"<Relationship Id=\"rV\" Type=\"http://schemas."
			"openxmlformats.org/officeDocument/2006/relationships/"
			"video\" Target=\"http://example.com/v.mp4\" "
			"TargetMode=\"External\"/>",
	};
	struct ppj_error err = { 0 };
	const struct ppj_shape *p;
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	p = shape(&d->slides[0], "p2");
	REQUIRE(p && p->kind == PPJ_SHAPE_PICTURE);
	REQUIRE(p->picture.kind == PPJ_FILL_PICTURE && p->picture.media);
	CHECK_STR(p->picture.media->content_type, "image/png");
	CHECK_STR(p->picture.media->name, "image1.png");
	CHECK_INT(p->picture.media->len, sizeof(png));
	CHECK_INT(p->picture.media->px_w, 3);
	CHECK_INT(p->picture.media->px_h, 2);
	CHECK(fabs(p->picture.crop.l - 0.1) < 1e-9);
	CHECK(fabs(p->picture.crop.b - 0.25) < 1e-9);
	CHECK_STR(p->descr, "alt");
	/* The same part twice is one media. */
	CHECK(shape(&d->slides[0], "p3")->picture.media == p->picture.media);
	CHECK_STR(shape(&d->slides[0], "p4")->picture.media->content_type,
		  "image/svg+xml");
	p = shape(&d->slides[0], "p5");
	CHECK_INT(p->kind, PPJ_SHAPE_MEDIA);
	CHECK(p->is_video);
	REQUIRE(p->media);
	CHECK_STR(p->media->external, "http://example.com/v.mp4");
	CHECK(p->media->data == NULL);
	CHECK(has_warning(d, "linked-media"));
	CHECK(has_warning(d, "missing-picture"));
	CHECK_INT(shape(&d->slides[0], "p6")->picture.kind, PPJ_FILL_NONE);
	ppj_deck_free(d);
}

TEST(hyperlinks)
{
	struct deckgen_slide s[2] = { {
		.sptree = TX(2, "<a:p><a:r><a:rPr><a:hlinkClick r:id=\"rU\" "
			     "tooltip=\"tip\"/></a:rPr><a:t>web</a:t></a:r>"
			     "<a:r><a:rPr><a:hlinkClick r:id=\"rS\" action=\""
			     "ppaction://hlinksldjump\"/></a:rPr><a:t>two"
			     "</a:t></a:r><a:r><a:rPr><a:hlinkClick r:id=\"\""
			     " action=\"ppaction://hlinkshowjump?jump="
			     "lastslide\"/></a:rPr><a:t>last</a:t></a:r>"
			     "</a:p>")
			  "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"btn\">"
			  "<a:hlinkClick r:id=\"rU\"/></p:cNvPr><p:cNvSpPr/>"
			  "<p:nvPr/></p:nvSpPr><p:spPr/></p:sp>",
		.rels = "<Relationship Id=\"rU\" Type=\"http://schemas."
			"openxmlformats.org/officeDocument/2006/relationships/"
			"hyperlink\" Target=\"https://example.com/a?b=c\" "
			"TargetMode=\"External\"/>"
			REL("rS", "slide", "slide2.xml"),
	}, { 0 } };
	struct ppj_error err = { 0 };
	const struct ppj_run *r;
	struct ppj_deck *d;
	int rc;

	d = roundtrip(NULL, s, 2, NULL, &rc, &err);
	REQUIRE(rc == 0);
	REQUIRE(d->slides[0].nshapes == 2);
	r = d->slides[0].shapes[0].text->paras[0].runs;
	CHECK_STR(r[0].link.url, "https://example.com/a?b=c");
	CHECK(color_is(r[0].fill.color, 0x0000FF));	/* theme hlink */
	CHECK_INT(r[0].underline, PPJ_U_SINGLE);
	CHECK_STR(r[0].link.tooltip, "tip");
	CHECK_INT(r[1].link.slide, 2);
	CHECK(r[1].link.url == NULL);
	CHECK_INT(r[2].link.slide, 2);
	CHECK_STR(d->slides[0].shapes[1].link.url,
		  "https://example.com/a?b=c");
	ppj_deck_free(d);
}

static const char chart_xml[] =
	"<?xml version=\"1.0\"?><c:chartSpace xmlns:c=\"http://schemas."
	"openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas."
	"openxmlformats.org/drawingml/2006/main\"><c:chart><c:title><c:tx>"
	"<c:rich><a:bodyPr/><a:p><a:r><a:rPr sz=\"1862\"/><a:t>Sales</a:t>"
	"</a:r></a:p></c:rich>"
	"</c:tx></c:title><c:plotArea><c:barChart><c:barDir val=\"bar\"/>"
	"<c:grouping val=\"stacked\"/><c:ser><c:idx val=\"0\"/><c:tx>"
	"<c:strRef><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>"
	"East</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr>"
	"<a:solidFill><a:srgbClr val=\"123456\"/></a:solidFill></c:spPr>"
	"<c:cat><c:strRef><c:strCache><c:ptCount val=\"3\"/><c:pt idx=\"0\">"
	"<c:v>Q1</c:v></c:pt><c:pt idx=\"2\"><c:v>Q3</c:v></c:pt>"
	"<c:pt idx=\"9\"><c:v>bad</c:v></c:pt></c:strCache></c:strRef>"
	"</c:cat><c:val><c:numRef><c:numCache><c:ptCount val=\"3\"/>"
	"<c:pt idx=\"0\"><c:v>1.5</c:v></c:pt><c:pt idx=\"2\"><c:v>3</c:v>"
	"</c:pt></c:numCache></c:numRef></c:val></c:ser><c:ser><c:tx><c:v>"
	"West</c:v></c:tx><c:val><c:numRef><c:numCache><c:ptCount "
	"val=\"3\"/><c:pt idx=\"1\"><c:v>2</c:v></c:pt></c:numCache>"
	"</c:numRef></c:val></c:ser><c:ser><c:cat><c:numRef><c:numCache>"
	"<c:formatCode>yyyy\\-mm\\-dd \"(\"mmm\")\"</c:formatCode>"
	"<c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>37261</c:v></c:pt>"
	"</c:numCache></c:numRef></c:cat><c:val><c:numRef><c:numCache>"
	"<c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>7</c:v></c:pt>"
	"</c:numCache></c:numRef></c:val></c:ser>"
	"</c:barChart><c:valAx><c:majorGridlines/>"
	"</c:valAx></c:plotArea><c:legend><c:legendPos val=\"b\"/></c:legend>"
	"</c:chart><c:spPr><a:noFill/><a:ln><a:solidFill><a:srgbClr "
	"val=\"ED7D31\"/></a:solidFill></a:ln></c:spPr></c:chartSpace>";

TEST(charts_from_cached_values)
{
	static const struct deckgen_part parts[] = {
		{ "ppt/charts/chart1.xml", "application/vnd.openxmlformats-"
		  "officedocument.drawingml.chart+xml", chart_xml, 0 },
	};
	struct deckgen g = { .nparts = 1, .parts = parts };
	struct deckgen_slide s = {
		.sptree = "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr "
			"id=\"2\" name=\"C\"/><p:cNvGraphicFramePr/><p:nvPr/>"
			"</p:nvGraphicFramePr><p:xfrm><a:off x=\"0\" y=\"0\"/>"
			"<a:ext cx=\"10\" cy=\"10\"/></p:xfrm><a:graphic>"
			"<a:graphicData uri=\"http://schemas.openxmlformats."
			"org/drawingml/2006/chart\"><c:chart xmlns:c=\"http://"
			"schemas.openxmlformats.org/drawingml/2006/chart\" "
			"r:id=\"rC\"/></a:graphicData></a:graphic>"
			"</p:graphicFrame>",
		.rels = REL("rC", "chart", "../charts/chart1.xml"),
	};
	struct ppj_error err = { 0 };
	const struct ppj_chart *c;
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	REQUIRE(d->slides[0].nshapes == 1);
	CHECK_INT(d->slides[0].shapes[0].kind, PPJ_SHAPE_CHART);
	c = d->slides[0].shapes[0].chart;
	REQUIRE(c);
	CHECK_INT(c->kind, PPJ_CHART_BAR);
	CHECK_INT(c->grouping, PPJ_GROUP_STACKED);
	CHECK_STR(c->title, "Sales");
	CHECK(fabs(c->title_pt - 18.62) < 1e-9);
	CHECK_INT(c->space_fill.kind, PPJ_FILL_NONE);
	CHECK_INT(c->space_line.fill.kind, PPJ_FILL_SOLID);
	CHECK(color_is(c->space_line.fill.color, 0xED7D31));
	CHECK_INT(c->space_line.width, 9525);
	CHECK(c->legend);
	CHECK_INT(c->legend_pos, 'b');
	CHECK(c->legend_pt == 0);		/* the chart's */
	CHECK(c->gridlines);
	REQUIRE(c->nseries == 3);
	REQUIRE(c->series[2].npts == 1);
	CHECK_STR(c->series[2].cats[0], "2002-01-05 (Jan)");
	CHECK_STR(c->series[0].name, "East");
	REQUIRE(c->series[0].npts == 3);
	CHECK_STR(c->series[0].cats[0], "Q1");
	CHECK(c->series[0].cats[1] == NULL);
	CHECK(c->series[0].vals[0] == 1.5);
	CHECK(!c->series[0].has_val[1]);
	CHECK(c->series[0].vals[2] == 3);
	CHECK(color_is(c->series[0].fill.color, 0x123456));
	CHECK_STR(c->series[1].name, "West");
	CHECK(color_is(c->series[1].fill.color, 0xC0504D));
	ppj_deck_free(d);
}

#define CHART_HEAD "<?xml version=\"1.0\"?><c:chartSpace xmlns:c=\"http:" \
	"//schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http:" \
	"//schemas.openxmlformats.org/drawingml/2006/main\"><c:chart>" \
	"<c:plotArea>"
#define CHART_NUMS(el, a, b) "<c:" el "><c:numRef><c:numCache><c:ptCount " \
	"val=\"2\"/><c:pt idx=\"0\"><c:v>" a "</c:v></c:pt><c:pt idx=\"1\">" \
	"<c:v>" b "</c:v></c:pt></c:numCache></c:numRef></c:" el ">"
#define CHART_FRAME(id, rid) "<p:graphicFrame><p:nvGraphicFramePr>" \
	"<p:cNvPr id=\"" #id "\" name=\"C\"/><p:cNvGraphicFramePr/><p:nvPr/>" \
	"</p:nvGraphicFramePr><p:xfrm><a:off x=\"0\" y=\"0\"/><a:ext " \
	"cx=\"10\" cy=\"10\"/></p:xfrm><a:graphic><a:graphicData uri=\"http:" \
	"//schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart " \
	"xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" " \
	"r:id=\"" rid "\"/></a:graphicData></a:graphic></p:graphicFrame>"

#define CHART_TYPE "application/vnd.openxmlformats-officedocument." \
	"drawingml.chart+xml"

/*
 * A one-slide deck of n chart frames (ids 2..), each showing its chart
 * part (ppt/charts/chartK.xml of xml[K-1]), read back; NULL on failure.
 */
static struct ppj_deck *chart_deck(const char *const *xml, size_t n)
{
	struct deckgen_part parts[4];
	char names[4][32], tree[4 * 1024], rels[4 * 256];
	struct deckgen g = { .nparts = n, .parts = parts };
	struct deckgen_slide s = { .sptree = tree, .rels = rels };
	struct ppj_error err = { 0 };
	size_t t = 0, r = 0;
	int rc;

	if (n > 4)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		snprintf(names[k], sizeof(names[k]), "ppt/charts/chart%zu.xml",
			 k + 1);
		parts[k] = (struct deckgen_part){ names[k], CHART_TYPE,
						  xml[k], 0 };
		t += (size_t)snprintf(tree + t, sizeof(tree) - t,
			"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr "
			"id=\"%zu\" name=\"C\"/><p:cNvGraphicFramePr/>"
			"<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x=\"0\" "
			"y=\"0\"/><a:ext cx=\"10\" cy=\"10\"/></p:xfrm>"
			"<a:graphic><a:graphicData uri=\"http://schemas."
			"openxmlformats.org/drawingml/2006/chart\"><c:chart "
			"xmlns:c=\"http://schemas.openxmlformats.org/"
			"drawingml/2006/chart\" r:id=\"r%zu\"/>"
			"</a:graphicData></a:graphic></p:graphicFrame>",
			k + 2, k + 1);
		r += (size_t)snprintf(rels + r, sizeof(rels) - r,
			REL("r%zu", "chart", "../charts/chart%zu.xml"),
			k + 1, k + 1);
	}
	return roundtrip(&g, &s, 1, NULL, &rc, &err);
}

/* The chart of a one-chart deck of part xml, read back; NULL on failure. */
static const struct ppj_chart *read_chart(const char *xml,
					  struct ppj_deck **d)
{
	const char *const parts[] = { xml };

	*d = chart_deck(parts, 1);
	return *d && (*d)->slides[0].nshapes ?
	       (*d)->slides[0].shapes[0].chart : NULL;
}

/* A scatter: markers only (a:ln noFill), then a smooth line, no marker. */
static const char scatter_xml[] = CHART_HEAD
	"<c:scatterChart><c:scatterStyle val=\"lineMarker\"/><c:ser>"
	"<c:spPr><a:ln w=\"47625\"><a:noFill/></a:ln></c:spPr>"
	CHART_NUMS("xVal", "0.5", "2") CHART_NUMS("yVal", "1", "3")
	"<c:smooth val=\"0\"/></c:ser><c:ser><c:marker><c:symbol "
	"val=\"none\"/></c:marker>"
	CHART_NUMS("xVal", "0.5", "2") CHART_NUMS("yVal", "2", "1")
	"<c:smooth val=\"1\"/></c:ser></c:scatterChart>"
	"<c:valAx><c:axPos val=\"b\"/><c:majorGridlines/></c:valAx>"
	"<c:valAx><c:axPos val=\"l\"/><c:delete val=\"1\"/></c:valAx>"
	"</c:plotArea></c:chart></c:chartSpace>";

static const char bubble_xml[] = CHART_HEAD
	"<c:bubbleChart><c:ser>" CHART_NUMS("xVal", "1", "2")
	CHART_NUMS("yVal", "3", "4") CHART_NUMS("bubbleSize", "10", "2.5")
	"</c:ser><c:bubbleScale val=\"50\"/></c:bubbleChart>"
	"</c:plotArea></c:chart></c:chartSpace>";

static const char radar_xml[] = CHART_HEAD
	"<c:radarChart><c:radarStyle val=\"filled\"/><c:ser>"
	CHART_NUMS("val", "1", "2") "</c:ser></c:radarChart>"
	"<c:catAx><c:majorGridlines/></c:catAx><c:valAx/>"
	"</c:plotArea></c:chart></c:chartSpace>";

/* A chart's theme override recolours its series (accent2 is green). */
TEST(chart_theme_override)
{
	static const char *type = "application/vnd.openxmlformats-"
		"officedocument.drawingml.chart+xml";
	static const char rels[] = "<?xml version=\"1.0\"?><Relationships "
		"xmlns=\"http://schemas.openxmlformats.org/package/2006/"
		"relationships\">"
		REL("o1", "themeOverride", "../theme/themeOverride1.xml")
		"</Relationships>";
	static const char over[] = "<?xml version=\"1.0\"?>"
		"<a:themeOverride xmlns:a=\"http://schemas.openxmlformats.org/"
		"drawingml/2006/main\"><a:clrScheme name=\"o\"><a:accent2>"
		"<a:srgbClr val=\"00FF00\"/></a:accent2></a:clrScheme>"
		"</a:themeOverride>";
	const struct deckgen_part parts[] = {
		{ "ppt/charts/chart1.xml", type, scatter_xml, 0 },
		{ "ppt/charts/chart2.xml", type, scatter_xml, 0 },
		{ "ppt/charts/_rels/chart1.xml.rels", "application/"
		  "vnd.openxmlformats-package.relationships+xml", rels, 0 },
		{ "ppt/theme/themeOverride1.xml", "application/vnd."
		  "openxmlformats-officedocument.themeOverride+xml", over, 0 },
	};
	struct deckgen g = { .nparts = 4, .parts = parts };
	struct deckgen_slide s = {
		.sptree = CHART_FRAME(2, "r1") CHART_FRAME(3, "r2"),
		.rels = REL("r1", "chart", "../charts/chart1.xml")
			REL("r2", "chart", "../charts/chart2.xml"),
	};
	struct ppj_error err = { 0 };
	const struct ppj_series *over1, *plain;
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	REQUIRE(d->slides[0].nshapes == 2);
	over1 = &d->slides[0].shapes[0].chart->series[1];
	plain = &d->slides[0].shapes[1].chart->series[1];
	CHECK(color_is(over1->line.fill.color, 0x00FF00));
	CHECK(color_is(plain->line.fill.color, 0xC0504D));
	ppj_deck_free(d);
}

TEST(scatter_bubble_and_radar_styles)
{
	static const char *const xml[] = { scatter_xml, bubble_xml,
					   radar_xml };
	const struct ppj_chart *c;
	struct ppj_deck *d;

	d = chart_deck(xml, 3);
	REQUIRE(d && d->slides[0].nshapes == 3);

	c = d->slides[0].shapes[0].chart;
	REQUIRE(c && c->nseries == 2);
	CHECK_INT(c->kind, PPJ_CHART_SCATTER);
	CHECK(c->series[0].no_line);
	CHECK(c->series[0].marker);
	CHECK(!c->series[0].smooth);
	CHECK(!c->series[1].no_line);
	CHECK(!c->series[1].marker);
	CHECK(c->series[1].smooth);
	CHECK(c->series[1].xvals && c->series[1].xvals[1] == 2);
	CHECK(c->title_pt == 0);
	CHECK_INT(c->space_line.fill.kind, PPJ_FILL_NONE);
	CHECK(c->cat_grid);
	CHECK(c->cat_labels);
	CHECK(!c->gridlines);
	CHECK(!c->val_labels);

	c = d->slides[0].shapes[1].chart;
	REQUIRE(c && c->nseries == 1);
	CHECK_INT(c->kind, PPJ_CHART_BUBBLE);
	CHECK_INT(c->bubble_scale, 50);
	REQUIRE(c->series[0].sizes);
	CHECK(c->series[0].sizes[0] == 10);
	CHECK(c->series[0].sizes[1] == 2.5);

	c = d->slides[0].shapes[2].chart;
	REQUIRE(c && c->nseries == 1);
	CHECK_INT(c->kind, PPJ_CHART_RADAR);
	CHECK(c->filled);
	CHECK(!c->series[0].marker);
	CHECK(c->cat_grid);
	CHECK(!c->gridlines);
	ppj_deck_free(d);
}

/*
 * Two plots in one chart: columns and a line share the plot area, each
 * series coloured by its c:idx; a pie with a line cannot be drawn, so
 * its line is reported.
 */
static const char combo_xml[] = CHART_HEAD
	"<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"stacked\"/>"
	"<c:ser><c:idx val=\"0\"/>" CHART_NUMS("val", "1", "2") "</c:ser>"
	"<c:gapWidth val=\"80\"/></c:barChart>"
	"<c:lineChart><c:grouping val=\"standard\"/><c:ser><c:idx "
	"val=\"2\"/>" CHART_NUMS("val", "3", "4") "</c:ser><c:ser><c:idx "
	"val=\"-5\"/>" CHART_NUMS("val", "5", "6") "</c:ser></c:lineChart>"
	"</c:plotArea></c:chart></c:chartSpace>";

static const char pie_combo_xml[] = CHART_HEAD
	"<c:pieChart><c:ser>" CHART_NUMS("val", "1", "2") "</c:ser>"
	"</c:pieChart><c:lineChart><c:ser>" CHART_NUMS("val", "3", "4")
	"</c:ser></c:lineChart></c:plotArea></c:chart></c:chartSpace>";

static bool same_rgb(struct ppj_color a, struct ppj_color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static bool warned_of(const struct ppj_slide *sl, const char *code)
{
	for (size_t i = 0; i < sl->nwarnings; i++)
		if (strcmp(sl->warnings[i].code, code) == 0)
			return true;
	return false;
}

TEST(combination_chart_keeps_every_plot)
{
	static const char *type = "application/vnd.openxmlformats-"
		"officedocument.drawingml.chart+xml";
	const struct deckgen_part parts[] = {
		{ "ppt/charts/chart1.xml", type, combo_xml, 0 },
		{ "ppt/charts/chart2.xml", type, pie_combo_xml, 0 },
	};
	struct deckgen g = { .nparts = 2, .parts = parts };
	struct deckgen_slide s[2] = {
		{ .sptree = CHART_FRAME(2, "r1"),
		  .rels = REL("r1", "chart", "../charts/chart1.xml") },
		{ .sptree = CHART_FRAME(2, "r1"),
		  .rels = REL("r1", "chart", "../charts/chart2.xml") },
	};
	struct ppj_error err = { 0 };
	const struct ppj_chart *c;
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, s, 2, NULL, &rc, &err);
	REQUIRE(rc == 0);
	REQUIRE(d->slides[0].nshapes == 1 && d->slides[0].shapes[0].chart);
	c = d->slides[0].shapes[0].chart;
	CHECK_INT(c->kind, PPJ_CHART_COLUMN);
	CHECK_INT(c->grouping, PPJ_GROUP_STACKED);
	CHECK_INT(c->gap_width, 80);
	REQUIRE(c->nplots == 2 && c->nseries == 3);
	CHECK_INT(c->plots[0].kind, PPJ_CHART_COLUMN);
	CHECK_INT(c->plots[0].first, 0);
	CHECK_INT(c->plots[0].count, 1);
	CHECK_INT(c->plots[1].kind, PPJ_CHART_LINE);
	CHECK_INT(c->plots[1].grouping, PPJ_GROUP_STANDARD);
	CHECK_INT(c->plots[1].gap_width, 150);
	CHECK_INT(c->plots[1].first, 1);
	CHECK_INT(c->plots[1].count, 2);
	CHECK(c->series[1].vals[1] == 4);
	/*
	 * Accent 3 for c:idx 2 (not 2, its place), and for the bad c:idx
	 * of the third series, which falls back to its place.
	 */
	CHECK(same_rgb(c->series[1].fill.color, c->series[2].fill.color));
	CHECK(!same_rgb(c->series[0].fill.color, c->series[1].fill.color));
	CHECK(!warned_of(&d->slides[0], "chart-combined"));

	REQUIRE(d->nslides == 2 && d->slides[1].shapes[0].chart);
	c = d->slides[1].shapes[0].chart;
	CHECK_INT(c->kind, PPJ_CHART_PIE);
	CHECK_INT(c->nplots, 1);
	CHECK_INT(c->nseries, 1);
	CHECK(warned_of(&d->slides[1], "chart-combined"));
	ppj_deck_free(d);
}

/*
 * Columns on the left axis, a line on a second value axis at the right
 * (its own number format), an area whose axis ids name nothing.
 */
static const char secondary_xml[] = CHART_HEAD
	"<c:barChart><c:barDir val=\"col\"/><c:ser><c:val><c:numRef>"
	"<c:numCache><c:formatCode>#,##0</c:formatCode><c:ptCount val=\"1\"/>"
	"<c:pt idx=\"0\"><c:v>5</c:v></c:pt></c:numCache></c:numRef></c:val>"
	"</c:ser><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>"
	"<c:lineChart><c:ser>" CHART_NUMS("val", "300", "400") "</c:ser>"
	"<c:axId val=\"3\"/><c:axId val=\"4\"/></c:lineChart>"
	"<c:areaChart><c:ser>" CHART_NUMS("val", "3", "4") "</c:ser>"
	"<c:axId val=\"98\"/><c:axId val=\"99\"/></c:areaChart>"
	"<c:catAx><c:axId val=\"1\"/><c:axPos val=\"b\"/></c:catAx>"
	"<c:valAx><c:axId val=\"2\"/><c:axPos val=\"l\"/><c:numFmt "
	"formatCode=\"General\" sourceLinked=\"1\"/></c:valAx>"
	"<c:catAx><c:axId val=\"3\"/><c:delete val=\"1\"/></c:catAx>"
	"<c:valAx><c:axId val=\"4\"/><c:axPos val=\"r\"/><c:numFmt "
	"formatCode=\"0.0%\" sourceLinked=\"0\"/><c:crosses "
	"val=\"max\"/></c:valAx></c:plotArea></c:chart></c:chartSpace>";

/* Horizontal bars on two value axes: the second one at the top. */
static const char bar2_xml[] = CHART_HEAD
	"<c:barChart><c:barDir val=\"bar\"/><c:ser>"
	CHART_NUMS("val", "1", "2") "</c:ser><c:axId val=\"1\"/>"
	"<c:axId val=\"2\"/></c:barChart><c:barChart><c:barDir "
	"val=\"bar\"/><c:ser>" CHART_NUMS("val", "300", "400") "</c:ser>"
	"<c:axId val=\"3\"/><c:axId val=\"4\"/></c:barChart>"
	"<c:catAx><c:axId val=\"1\"/><c:axPos val=\"l\"/></c:catAx>"
	"<c:valAx><c:axId val=\"2\"/><c:axPos val=\"b\"/></c:valAx>"
	"<c:catAx><c:axId val=\"3\"/><c:delete val=\"1\"/></c:catAx>"
	"<c:valAx><c:axId val=\"4\"/><c:axPos val=\"t\"/></c:valAx>"
	"</c:plotArea></c:chart></c:chartSpace>";

TEST(secondary_axis_of_horizontal_bars_is_read)
{
	const struct ppj_chart *c;
	struct ppj_deck *d;

	c = read_chart(bar2_xml, &d);
	REQUIRE(c);
	CHECK_INT(c->kind, PPJ_CHART_BAR);
	REQUIRE(c->nplots == 2);
	CHECK(!c->plots[0].secondary && c->plots[1].secondary);
	CHECK(c->val2_labels);
	ppj_deck_free(d);
}

TEST(secondary_value_axis_is_read)
{
	const struct ppj_chart *c;
	struct ppj_deck *d;

	c = read_chart(secondary_xml, &d);
	REQUIRE(c);
	REQUIRE(c->nplots == 3);
	CHECK(color_is(c->text_color, 0x000000));	/* none says */
	CHECK(!c->plots[0].secondary);
	CHECK(c->plots[1].secondary);
	CHECK(!c->plots[2].secondary);
	CHECK(c->val_labels && c->val2_labels && c->cat_labels);
	CHECK_STR(c->val_ax.fmt, "#,##0");
	CHECK_STR(c->val2_ax.fmt, "0.0%");
	CHECK(c->cat_ax.fmt == NULL);
	ppj_deck_free(d);
}

/* Dates as categories: a date axis, and a text one for General numbers. */
#define DATE_CATS(fmt) "<c:cat><c:numRef><c:numCache><c:formatCode>" fmt \
	"</c:formatCode><c:ptCount val=\"2\"/><c:pt idx=\"0\"><c:v>40000" \
	"</c:v></c:pt><c:pt idx=\"1\"><c:v>40031</c:v></c:pt></c:numCache>" \
	"</c:numRef></c:cat>"
#define DATE_AXIS(more) "<c:dateAx><c:axId val=\"1\"/><c:numFmt " \
	"formatCode=\"m/d/yy\" sourceLinked=\"1\"/>" more "</c:dateAx>" \
	"<c:valAx><c:axId val=\"2\"/></c:valAx>"
static const char date_xml[] = CHART_HEAD
	"<c:lineChart><c:ser>" DATE_CATS("d-mmm") CHART_NUMS("val", "1", "2")
	"</c:ser><c:axId val=\"1\"/><c:axId val=\"2\"/></c:lineChart>"
	DATE_AXIS("<c:baseTimeUnit val=\"months\"/><c:majorUnit "
		  "val=\"2\"/><c:majorTimeUnit val=\"years\"/>")
	"</c:plotArea></c:chart></c:chartSpace>";
static const char nodate_xml[] = CHART_HEAD
	"<c:lineChart><c:ser>" DATE_CATS("General")
	CHART_NUMS("val", "1", "2") "</c:ser><c:axId val=\"1\"/><c:axId "
	"val=\"2\"/></c:lineChart>" DATE_AXIS("")
	"</c:plotArea></c:chart></c:chartSpace>";

TEST(date_axis_is_read)
{
	static const char *const xml[] = { date_xml, nodate_xml };
	const struct ppj_chart *c;
	struct ppj_deck *d;

	d = chart_deck(xml, 2);
	REQUIRE(d && d->slides[0].nshapes == 2);
	c = d->slides[0].shapes[0].chart;
	REQUIRE(c && c->series[0].xvals && c->series[0].cats);
	CHECK(c->series[0].xvals[1] == 40031);
	CHECK_STR(c->series[0].cats[0], "6-Jul");
	CHECK_STR(c->cat_ax.fmt, "d-mmm");
	CHECK_INT(c->date_base, 'm');
	CHECK_INT(c->date_unit, 'y');
	CHECK(c->date_step == 2);
	c = d->slides[0].shapes[1].chart;
	REQUIRE(c);
	CHECK_INT(c->date_base, 0);
	ppj_deck_free(d);
}

/* Axis titles: rich text and its size; an empty title; a deleted axis. */
static const char axis_titles_xml[] = CHART_HEAD
	"<c:lineChart><c:ser>" CHART_NUMS("val", "1", "2") "</c:ser>"
	"<c:axId val=\"1\"/><c:axId val=\"2\"/></c:lineChart>"
	"<c:lineChart><c:ser>" CHART_NUMS("val", "1", "2") "</c:ser>"
	"<c:axId val=\"3\"/><c:axId val=\"4\"/></c:lineChart>"
	"<c:catAx><c:axId val=\"1\"/><c:title/><c:txPr><a:bodyPr/><a:p>"
	"<a:pPr><a:defRPr><a:solidFill><a:srgbClr val=\"7F7F7F\"/>"
	"</a:solidFill></a:defRPr></a:pPr></a:p></c:txPr></c:catAx>"
	"<c:valAx><c:axId val=\"2\"/><c:title><c:tx><c:rich><a:bodyPr "
	"rot=\"0\" vert=\"horz\"/><a:p><a:r><a:rPr sz=\"1200\" b=\"0\"/>"
	"<a:t>Sales</a:t></a:r><a:r><a:t> (k)</a:t>"
	"</a:r></a:p></c:rich></c:tx></c:title></c:valAx>"
	"<c:catAx><c:axId val=\"3\"/><c:delete val=\"1\"/></c:catAx>"
	"<c:valAx><c:axId val=\"4\"/><c:axPos val=\"r\"/><c:delete "
	"val=\"1\"/><c:title><c:tx><c:rich><a:p><a:r><a:t>Hidden</a:t></a:r>"
	"</a:p></c:rich></c:tx></c:title></c:valAx>"
	"</c:plotArea></c:chart></c:chartSpace>";

TEST(axis_titles_are_read)
{
	const struct ppj_chart *c;
	struct ppj_deck *d;

	c = read_chart(axis_titles_xml, &d);
	REQUIRE(c);
	CHECK_STR(c->val_ax.title, "Sales (k)");
	CHECK(c->val_ax.title_pt == 12);
	CHECK(c->val_ax.title_level && !c->val_ax.title_bold);
	CHECK_STR(c->cat_ax.title, "Axis Title");
	CHECK(c->cat_ax.title_pt == 0);
	/* Titles that do not say are bold and turned. */
	CHECK(c->cat_ax.title_bold && !c->cat_ax.title_level);
	/* The text takes the colour an axis' c:txPr gives. */
	CHECK(color_is(c->text_color, 0x7F7F7F));
	CHECK(c->plots[1].secondary);
	CHECK(c->val2_ax.title == NULL);
	CHECK(!c->val2_labels);
	ppj_deck_free(d);
}

#define EDGES "<c:xMode val=\"edge\"/><c:yMode val=\"edge\"/>"

/*
 * Manual layouts: an inner plot, a title and an axis title by their
 * corners, a legend by factors (no size then), and values out of range.
 */
static const char placed_xml[] = "<?xml version=\"1.0\"?><c:chartSpace "
	"xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
	"xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
	"<c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>T</a:t></a:r></a:p>"
	"</c:rich></c:tx><c:layout><c:manualLayout>" EDGES "<c:x val=\"0.2\"/>"
	"<c:y val=\"0.05\"/></c:manualLayout></c:layout></c:title>"
	"<c:plotArea><c:layout><c:manualLayout><c:layoutTarget "
	"val=\"inner\"/>" EDGES "<c:wMode val=\"edge\"/><c:x val=\"0.1\"/>"
	"<c:y val=\"0.3\"/><c:w val=\"0.9\"/><c:h val=\"0.5\"/>"
	"</c:manualLayout></c:layout><c:barChart><c:ser>"
	CHART_NUMS("val", "1", "2") "</c:ser></c:barChart>"
	"<c:catAx><c:title><c:layout><c:manualLayout>" EDGES
	"<c:x val=\"0.5\"/><c:y val=\"1e9\"/></c:manualLayout></c:layout>"
	"</c:title></c:catAx><c:valAx><c:title><c:layout><c:manualLayout>"
	EDGES "<c:x val=\"0.01\"/><c:y val=\"0.25\"/></c:manualLayout>"
	"</c:layout></c:title></c:valAx></c:plotArea><c:legend><c:layout>"
	"<c:manualLayout><c:x val=\"-0.05\"/><c:y val=\"0.1\"/><c:w "
	"val=\"0.2\"/><c:h val=\"0.2\"/></c:manualLayout></c:layout>"
	"<c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"900\"/></a:pPr>"
	"</a:p></c:txPr></c:legend></c:chart></c:chartSpace>";

TEST(manual_layouts_and_legend_size_are_read)
{
	const struct ppj_chart_place *pl;
	const struct ppj_chart *c;
	struct ppj_deck *d;

	c = read_chart(placed_xml, &d);
	REQUIRE(c);

	/* The plot's right edge (wMode edge) becomes its width. */
	pl = &c->plot_place;
	CHECK(pl->set && pl->sized && pl->inner);
	CHECK(!pl->x_factor && !pl->y_factor);
	CHECK(fabs(pl->x - 0.1) < 1e-9 && fabs(pl->w - 0.8) < 1e-9);
	CHECK(fabs(pl->y - 0.3) < 1e-9 && fabs(pl->h - 0.5) < 1e-9);

	pl = &c->title_place;
	CHECK(pl->set && !pl->sized && fabs(pl->x - 0.2) < 1e-9);
	pl = &c->val_ax.title_place;
	CHECK(pl->set && fabs(pl->y - 0.25) < 1e-9);

	/* A y far outside the chart is no place at all. */
	CHECK(!c->cat_ax.title_place.set);

	/* Factors (the default mode) move; they give no rectangle. */
	pl = &c->legend_place;
	CHECK(pl->set && pl->x_factor && pl->y_factor && !pl->sized);

	/* The legend's own text size. */
	CHECK(fabs(c->legend_pt - 9) < 1e-9);
	ppj_deck_free(d);
}

#define INK_MC(rid) "<mc:AlternateContent xmlns:mc=\"http://schemas." \
	"openxmlformats.org/markup-compatibility/2006\"><mc:Choice " \
	"xmlns:p14=\"http://schemas.microsoft.com/office/powerpoint/2010/" \
	"main\" Requires=\"p14\"><p:contentPart p14:bwMode=\"auto\" r:id=\"" \
	rid "\"><p14:nvContentPartPr><p14:cNvPr id=\"50\" name=\"Ink 49\"/>" \
	"</p14:nvContentPartPr><p14:xfrm><a:off x=\"1000\" y=\"2000\"/>" \
	"<a:ext cx=\"18360\" cy=\"36360\"/></p14:xfrm></p:contentPart>" \
	"</mc:Choice><mc:Fallback><p:pic><p:nvPicPr><p:cNvPr id=\"50\" " \
	"name=\"Ink 49\"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill/>" \
	"<p:spPr/></p:pic></mc:Fallback></mc:AlternateContent>"
#define INKML "<inkml:ink xmlns:inkml=\"http://www.w3.org/2003/InkML\">" \
	"<inkml:definitions><inkml:context xml:id=\"ctx0\"><inkml:inkSource>" \
	"<inkml:traceFormat><inkml:channel name=\"X\"/><inkml:channel " \
	"name=\"Y\"/><inkml:channel name=\"F\"/></inkml:traceFormat>" \
	"</inkml:inkSource></inkml:context><inkml:brush xml:id=\"br0\">" \
	"<inkml:brushProperty name=\"width\" value=\"0.1\" units=\"cm\"/>" \
	"<inkml:brushProperty name=\"color\" value=\"#FF0000\"/>" \
	"</inkml:brush><inkml:brush xml:id=\"br1\"><inkml:brushProperty " \
	"name=\"width\" value=\"0.5\" units=\"mm\"/></inkml:brush>" \
	"</inkml:definitions><inkml:traceGroup>"

/* Trendlines: a polynomial with its line, one hidden, one out of range. */
static const char trend_xml[] = CHART_HEAD
	"<c:scatterChart><c:ser><c:trendline><c:spPr><a:ln w=\"12700\">"
	"<a:solidFill><a:srgbClr val=\"FF0000\"/></a:solidFill>"
	"<a:prstDash val=\"sysDot\"/></a:ln></c:spPr><c:trendlineType "
	"val=\"poly\"/><c:order val=\"3\"/><c:forward val=\"1.5\"/>"
	"<c:dispRSqr val=\"0\"/><c:dispEq val=\"1\"/></c:trendline>"
	CHART_NUMS("xVal", "1", "2") CHART_NUMS("yVal", "1", "3")
	"</c:ser><c:ser><c:trendline><c:spPr>"
	"<a:ln><a:noFill/></a:ln></c:spPr><c:trendlineType val=\"linear\"/>"
	"</c:trendline>" CHART_NUMS("yVal", "1", "3") "</c:ser><c:ser>"
	"<c:trendline><c:trendlineType val=\"movingAvg\"/><c:period "
	"val=\"999\"/></c:trendline>" CHART_NUMS("yVal", "1", "3")
	"</c:ser></c:scatterChart></c:plotArea></c:chart></c:chartSpace>";

TEST(trendlines_are_read)
{
	const struct ppj_trendline *t;
	const struct ppj_chart *c;
	struct ppj_deck *d;

	c = read_chart(trend_xml, &d);
	REQUIRE(c);
	REQUIRE(c->nseries == 3);
	t = &c->series[0].trend;
	CHECK_INT(t->kind, PPJ_TREND_POLY);
	CHECK_INT(t->order, 3);
	CHECK(fabs(t->forward - 1.5) < 1e-9 && t->backward == 0);
	CHECK(t->line.width == 12700 && color_is(t->line.fill.color,
						  0xFF0000));
	CHECK_STR(t->line.dash, "sysDot");
	CHECK(t->show_eq && !t->show_r2);

	/* A trendline without a line is not drawn at all. */
	CHECK_INT(c->series[1].trend.kind, PPJ_TREND_NONE);

	/* A period out of range falls back to 2; no line: 1.5 pt. */
	t = &c->series[2].trend;
	CHECK_INT(t->kind, PPJ_TREND_MOVING_AVG);
	CHECK_INT(t->period, 2);
	CHECK(t->line.width == 19050 && t->line.fill.kind == PPJ_FILL_NONE);
	ppj_deck_free(d);
}

/* A deck whose slide holds the ink part ink, read back; NULL on failure. */
static struct ppj_deck *ink_deck(const char *ink)
{
	struct deckgen_part part = { "ppt/ink/ink1.xml",
				     "application/inkml+xml", ink, 0 };
	struct deckgen g = { .nparts = 1, .parts = &part };
	struct deckgen_slide sl = {
		.sptree = INK_MC("rInk"),
		.rels = REL("rInk", "customXml", "../ink/ink1.xml"),
	};
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, &sl, 1, NULL, &rc, &err);
	return rc ? NULL : d;
}

/* The path op's command and coordinates, EMU. */
static bool op_is(const struct ppj_path_op *op, enum ppj_path_cmd cmd,
		  const char *x, const char *y)
{
	return op->cmd == cmd && !strcmp(op->arg[0], x) &&
	       !strcmp(op->arg[1], y);
}

/*
 * Ink: a stroke of the red brush (explicit, first and second differences
 * of its points) and a dot of the black one, a shape each, in the box.
 */
TEST(ink_is_drawn)
{
	static const char ink[] = INKML
		"<inkml:trace brushRef=\"#br0\">100 200 7, '10 '0 '0,"
		"\"5\"0 9</inkml:trace></inkml:traceGroup><inkml:trace "
		"brushRef=\"#br1\">150 300 0</inkml:trace></inkml:ink>";
	const struct ppj_path *p;
	const struct ppj_shape *s;
	struct ppj_deck *d;

	d = ink_deck(ink);
	REQUIRE(d && d->slides[0].nshapes == 2);
	CHECK(!has_warning(d, "ink"));

	/* 1 mm wide, so the box reaches half of that past the points. */
	s = &d->slides[0].shapes[0];
	CHECK_INT(s->id, 50);
	CHECK_STR(s->name, "Ink 49");
	CHECK(s->xf.x == 1000 - 18000 && s->xf.y == 2000 - 18000);
	CHECK(s->xf.cx == 9000 + 36000 + 1 && s->xf.cy == 36001);
	CHECK(s->fill.kind == PPJ_FILL_NONE && s->line.width == 36000);
	CHECK(color_is(s->line.fill.color, 0xFF0000));
	CHECK(s->line.cap == PPJ_CAP_ROUND);
	REQUIRE(s->geom.custom && s->geom.custom->npaths == 1);
	p = &s->geom.custom->paths[0];
	CHECK(p->w == s->xf.cx && p->fill == PPJ_PFILL_NONE && p->stroke);
	REQUIRE(p->nops == 3);
	CHECK(op_is(&p->ops[0], PPJ_PATH_MOVE, "18000", "18000"));
	CHECK(op_is(&p->ops[1], PPJ_PATH_LINE, "21600", "18000"));
	CHECK(op_is(&p->ops[2], PPJ_PATH_LINE, "27000", "18000"));

	/* A lone point: a line of no length, which round caps make a dot. */
	s = &d->slides[0].shapes[1];
	CHECK(s->xf.x == 19000 - 9000 && s->xf.y == 38000 - 9000);
	CHECK(color_is(s->line.fill.color, 0) && s->line.width == 18000);
	p = &s->geom.custom->paths[0];
	REQUIRE(p->nops == 2);
	CHECK(op_is(&p->ops[0], PPJ_PATH_MOVE, "9000", "9000"));
	CHECK(op_is(&p->ops[1], PPJ_PATH_LINE, "9000", "9000"));
	ppj_deck_free(d);
}

/* Junk in a trace costs its point only; a bad brush falls back. */
TEST(ink_junk_is_skipped)
{
	static const char ink[] = INKML
		"<inkml:trace brushRef=\"#nope\">x y,1e999 5,,,- -,'3,"
		"10 20 1 2 3 4 5 6 7 8 9,\"</inkml:trace><inkml:trace/>"
		"</inkml:traceGroup></inkml:ink>";
	const struct ppj_shape *s;
	struct ppj_deck *d;

	d = ink_deck(ink);
	REQUIRE(d && d->slides[0].nshapes == 1);
	s = &d->slides[0].shapes[0];
	CHECK(color_is(s->line.fill.color, 0xFF0000));	/* br0 */
	REQUIRE(s->geom.custom && s->geom.custom->npaths == 1);
	CHECK_INT(s->geom.custom->paths[0].nops, 2);	/* (10, 20) */
	ppj_deck_free(d);
}

/* Ink whose part is missing is reported, not drawn as its Fallback. */
TEST(unreadable_ink_is_reported)
{
	struct ppj_deck *d = read_one(NULL, INK_MC("rInk"));

	REQUIRE(d);
	CHECK_INT(d->slides[0].nshapes, 0);
	CHECK(warned_of(&d->slides[0], "ink"));
	CHECK(!warned_of(&d->slides[0], "missing-picture"));
	ppj_deck_free(d);
}

TEST(alternate_content_and_custom_geometry)
{
	static const char tree[] =
		"<mc:AlternateContent xmlns:mc=\"http://schemas."
		"openxmlformats.org/markup-compatibility/2006\">"
		"<mc:Choice xmlns:c=\"http://schemas.openxmlformats.org/"
		"drawingml/2006/chart\" Requires=\"c\">" SP(2, "")
		"</mc:Choice><mc:Fallback>" SP(3, "") "</mc:Fallback>"
		"</mc:AlternateContent>"
		"<mc:AlternateContent xmlns:mc=\"http://schemas."
		"openxmlformats.org/markup-compatibility/2006\">"
		"<mc:Choice xmlns:a14=\"http://schemas.microsoft.com/office/"
		"drawing/2010/main\" Requires=\"a14\">" SP(7, "")
		"</mc:Choice><mc:Fallback>" SP(8, "") "</mc:Fallback>"
		"</mc:AlternateContent>"
		"<mc:AlternateContent xmlns:mc=\"http://schemas."
		"openxmlformats.org/markup-compatibility/2006\">"
		"<mc:Choice xmlns:zz=\"urn:unknown\" Requires=\"zz\">"
		SP(4, "") "</mc:Choice><mc:Fallback>" SP(5, "")
		"</mc:Fallback></mc:AlternateContent>"
		SP(9, "<a:sp3d><a:bevelT/></a:sp3d>")
		SP(10, "<a:scene3d><a:camera prst=\"orthographicFront\"/>"
		       "<a:lightRig rig=\"threePt\" dir=\"t\"/></a:scene3d>"
		       "<a:sp3d/>")
		"<p:sp><p:nvSpPr><p:cNvPr id=\"6\" name=\"free\"/><p:cNvSpPr/>"
		"<p:nvPr/></p:nvSpPr><p:spPr><a:custGeom><a:avLst/><a:gdLst>"
		"<a:gd name=\"g1\" fmla=\"*/ w 1 2\"/></a:gdLst><a:rect l=\"0\""
		" t=\"0\" r=\"r\" b=\"b\"/><a:pathLst><a:path w=\"100\" "
		"h=\"100\" stroke=\"0\"><a:moveTo><a:pt x=\"0\" y=\"0\"/>"
		"</a:moveTo><a:lnTo><a:pt x=\"g1\" y=\"100\"/></a:lnTo>"
		"<a:arcTo wR=\"10\" hR=\"10\" stAng=\"0\" swAng=\"5400000\"/>"
		"<a:cubicBezTo><a:pt x=\"1\" y=\"2\"/><a:pt x=\"3\" y=\"4\"/>"
		"<a:pt x=\"5\" y=\"6\"/></a:cubicBezTo><a:close/></a:path>"
		"</a:pathLst></a:custGeom><a:ln w=\"9525\" cap=\"rnd\" "
		"cmpd=\"dbl\"><a:solidFill><a:srgbClr val=\"000000\"/>"
		"</a:solidFill><a:custDash><a:ds d=\"300000\" sp=\"100000\"/>"
		"</a:custDash><a:bevel/><a:tailEnd type=\"triangle\" "
		"w=\"lg\"/></a:ln></p:spPr></p:sp>";
	struct ppj_deck *d = read_one(NULL, tree);
	const struct ppj_shape *f;
	const struct ppj_path *p;

	REQUIRE(d);
	CHECK(shape(&d->slides[0], "s2") != NULL);
	CHECK(shape(&d->slides[0], "s3") == NULL);
	CHECK(shape(&d->slides[0], "s4") == NULL);
	CHECK(shape(&d->slides[0], "s5") != NULL);
	CHECK(shape(&d->slides[0], "s7") == NULL);
	CHECK(shape(&d->slides[0], "s9")->effects.has_3d);
	CHECK(!shape(&d->slides[0], "s10")->effects.has_3d);
	CHECK(has_warning(d, "3d-flat"));
	CHECK(shape(&d->slides[0], "s8") != NULL);
	f = shape(&d->slides[0], "free");
	REQUIRE(f && f->geom.custom);
	CHECK(f->geom.preset == NULL);
	CHECK_INT(f->geom.custom->ngd, 1);
	CHECK_STR(f->geom.custom->rect[2], "r");
	REQUIRE(f->geom.custom->npaths == 1);
	p = &f->geom.custom->paths[0];
	CHECK_INT(p->w, 100);
	CHECK(!p->stroke);
	REQUIRE(p->nops == 5);
	CHECK_INT(p->ops[1].cmd, PPJ_PATH_LINE);
	CHECK_STR(p->ops[1].arg[0], "g1");
	CHECK_INT(p->ops[2].cmd, PPJ_PATH_ARC);
	CHECK_STR(p->ops[2].arg[3], "5400000");
	CHECK_STR(p->ops[3].arg[5], "6");
	CHECK_INT(p->ops[4].cmd, PPJ_PATH_CLOSE);
	CHECK_INT(f->line.cap, PPJ_CAP_ROUND);
	CHECK_INT(f->line.compound, PPJ_CMPD_DOUBLE);
	CHECK_INT(f->line.join, PPJ_JOIN_BEVEL);
	REQUIRE(f->line.ndash == 1);
	CHECK(f->line.dashes[0] == 3 && f->line.dashes[1] == 1);
	CHECK_INT(f->line.tail.type, PPJ_END_TRIANGLE);
	CHECK_INT(f->line.tail.w, 2);
	ppj_deck_free(d);
}

/* ---- namespaces, broken and hostile packages ---- */

TEST(strict_namespaces)
{
	char *t = deckgen_title_sp(2, "Strict");
	char tree[4096];
	struct deckgen g = { .strict = true };
	struct deckgen_slide s = { .sptree = tree, .notes = "n" };
	struct ppj_error err = { 0 };
	const struct ppj_shape *ts;
	struct ppj_deck *d;
	int rc;

	snprintf(tree, sizeof(tree), "%s%s", t,
		 FILL(5, "<a:schemeClr val=\"accent2\"/>"));
	free(t);
	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	CHECK_STR(d->slides[0].title, "Strict");
	CHECK_STR(d->slides[0].notes, "n");
	ts = shape(&d->slides[0], "title 2");
	REQUIRE(ts && ts->text);
	CHECK(ts->text->paras[0].runs[0].size == 44);
	CHECK_INT(ts->xf.y, 274638);
	CHECK(color_is(shape(&d->slides[0], "s5")->fill.color, 0xC0504D));
	ppj_deck_free(d);
}

TEST(layout_without_rels_uses_first_master)
{
	char *t = deckgen_title_sp(2, "T");
	struct deckgen g = { .layout_no_rels = true };
	struct deckgen_slide s = { .sptree = t };
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	free(t);
	REQUIRE(rc == 0);
	CHECK(has_warning(d, "layout-no-rels"));
	REQUIRE(d->slides[0].nshapes == 1);
	CHECK_INT(d->slides[0].shapes[0].xf.y, 274638);
	ppj_deck_free(d);
}

TEST(bad_and_traversing_relationships)
{
	struct deckgen_slide s = {
		.sptree = PIC(2, "<a:blip r:embed=\"r1\"/>", "")
			  PIC(3, "<a:blip r:embed=\"r2\"/>", "")
			  PIC(4, "<a:blip r:embed=\"r3\"/>", ""),
		.rels = REL("r1", "image", "../../../../../../etc/passwd")
			REL("r2", "image", "/etc/passwd")
			REL("r3", "image", "..%2F..%2F..%2Fetc%2Fpasswd"),
	};
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(NULL, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	CHECK(has_warning(d, "missing-picture"));
	CHECK_INT(d->nmedia, 0);
	for (size_t i = 0; i < d->slides[0].nshapes; i++)
		CHECK(d->slides[0].shapes[i].picture.media == NULL);
	ppj_deck_free(d);
}

TEST(zip_bomb_parts_are_refused)
{
	size_t big = 4 << 20;
	char *zeros = calloc(1, big);
	struct deckgen_part part = { "ppt/media/image1.png", NULL, zeros,
				     big };
	struct deckgen g = { .nparts = 1, .parts = &part };
	struct deckgen_slide s = {
		.sptree = PIC(2, "<a:blip r:embed=\"r1\"/>", ""),
		.rels = REL("r1", "image", "../media/image1.png"),
	};
	struct ppj_limits lim = { .max_part_bytes = 1 << 20 };
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	REQUIRE(zeros);
	d = roundtrip(&g, &s, 1, &lim, &rc, &err);
	CHECK_INT(rc, PPJ_ETOOLARGE);
	CHECK(d == NULL);
	CHECK(strstr(err.msg, "image1.png") != NULL);

	/* The total of all parts is capped too. */
	memset(&err, 0, sizeof(err));
	lim.max_part_bytes = 0;
	lim.max_total_bytes = 2 << 20;
	d = roundtrip(&g, &s, 1, &lim, &rc, &err);
	CHECK_INT(rc, PPJ_ETOOLARGE);
	CHECK(d == NULL);
	free(zeros);
}

TEST(entity_expansion_is_refused_fast)
{
	static const char laughs[] =
		"<?xml version=\"1.0\"?><!DOCTYPE p:sld ["
		"<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
		"<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
		"<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
		"<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
		"<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
		"<!ENTITY x SYSTEM \"file:///etc/passwd\">"
		"]><p:sld xmlns:a=\"http://schemas.openxmlformats.org/"
		"drawingml/2006/main\" xmlns:p=\"http://schemas.openxmlformats"
		".org/presentationml/2006/main\"><p:cSld><p:spTree>"
		"<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"x\"/><p:cNvSpPr/>"
		"<p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p><a:r>"
		"<a:t>&h;&x;</a:t></a:r></a:p></p:txBody></p:sp>"
		"</p:spTree></p:cSld></p:sld>";
	struct deckgen_slide s[2] = { { .raw = laughs }, { 0 } };
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(NULL, s, 2, NULL, &rc, &err);
	REQUIRE(rc == 0);
	CHECK_INT(d->nslides, 2);
	CHECK_INT(d->slides[0].nshapes, 0);
	CHECK(has_warning(d, "bad-slide"));
	ppj_deck_free(d);
}

TEST(damaged_and_foreign_packages)
{
	const char *path = tmp_deck();
	struct ppj_error err = { 0 };
	struct ppj_deck *d = NULL;
	FILE *f = fopen(path, "wb");
	zip_t *z;
	int zerr;

	REQUIRE(f);
	fputs("PK\x03\x04 this is not really a zip file", f);
	fclose(f);
	CHECK_INT(ppj__pptx_read(path, NULL, &d, &err), PPJ_EDAMAGED);
	CHECK(strstr(err.msg, "damaged zip") != NULL);
	CHECK(d == NULL);

	/* A valid zip without a presentation. */
	memset(&err, 0, sizeof(err));
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	REQUIRE(z);
	zip_file_add(z, "hello.txt", zip_source_buffer(z, "hi", 2, 0), 0);
	REQUIRE(zip_close(z) == 0);
	CHECK_INT(ppj__pptx_read(path, NULL, &d, &err), PPJ_ENOTDECK);
	CHECK(d == NULL);
}

TEST(slide_and_shape_limits)
{
	struct deckgen_slide s[3] = { { .sptree = SP(2, "") SP(3, "") },
		{ .sptree = SP(2, "") }, { 0 } };
	struct ppj_limits lim = { .max_slides = 2 };
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(NULL, s, 3, &lim, &rc, &err);
	CHECK_INT(rc, PPJ_ETOOLARGE);
	CHECK(d == NULL);

	memset(&err, 0, sizeof(err));
	lim.max_slides = 0;
	lim.max_shapes = 2;
	d = roundtrip(NULL, s, 3, &lim, &rc, &err);
	CHECK_INT(rc, PPJ_ETOOLARGE);
	CHECK(strstr(err.msg, "shapes") != NULL);

	/* A tiny model cap ends in PPJ_ENOMEM, not a crash. */
	memset(&err, 0, sizeof(err));
	lim.max_shapes = 0;
	lim.max_model_bytes = 4096;
	d = roundtrip(NULL, s, 3, &lim, &rc, &err);
	CHECK_INT(rc, PPJ_ENOMEM);
	CHECK(d == NULL);
}

TEST(inherited_picture_fill_uses_the_layouts_relationships)
{
	static const struct deckgen_part parts[] = {
		{ "ppt/media/image1.png", NULL, png, sizeof(png) },
	};
	struct deckgen g = {
		.nparts = 1, .parts = parts,
		.layout_sptree = "<p:sp><p:nvSpPr><p:cNvPr id=\"9\" "
			"name=\"lp\"/><p:cNvSpPr/><p:nvPr><p:ph type=\"pic\" "
			"idx=\"7\"/></p:nvPr></p:nvSpPr><p:spPr><a:blipFill>"
			"<a:blip r:embed=\"rL\"/><a:stretch/></a:blipFill>"
			"</p:spPr></p:sp>",
		.layout_rels = REL("rL", "image", "../media/image1.png"),
	};
	struct deckgen_slide s = {
		.sptree = "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"sp\"/>"
			"<p:cNvSpPr/><p:nvPr><p:ph type=\"pic\" idx=\"7\"/>"
			"</p:nvPr></p:nvSpPr><p:spPr/></p:sp>",
		.rels = REL("rL", "image", "../media/none.png"),
	};
	struct ppj_error err = { 0 };
	const struct ppj_shape *sp;
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	sp = shape(&d->slides[0], "sp");
	REQUIRE(sp);
	CHECK_INT(sp->fill.kind, PPJ_FILL_PICTURE);
	REQUIRE(sp->fill.media);
	CHECK_STR(sp->fill.media->name, "image1.png");
	CHECK(!has_warning(d, "missing-picture"));
	ppj_deck_free(d);
}

TEST(truncated_packages_fail_cleanly)
{
	char *t = deckgen_title_sp(2, "cut");
	struct deckgen_slide s[3] = { { .sptree = t }, { .sptree = t },
		{ .sptree = t } };
	const char *path = tmp_deck();
	struct ppj_error err = { 0 };
	struct ppj_deck *d = NULL;
	char *buf;
	long len;
	FILE *f;

	REQUIRE(deckgen_write(path, NULL, s, 3) == 0);
	free(t);
	f = fopen(path, "rb");
	REQUIRE(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len);
	REQUIRE(buf && fread(buf, 1, (size_t)len, f) == (size_t)len);
	fclose(f);

	/* Every cut either fails with a code or reads; never crashes. */
	for (long cut = 0; cut < len; cut += len / 16 + 1) {
		int rc;

		f = fopen(path, "wb");
		REQUIRE(f);
		fwrite(buf, 1, (size_t)cut, f);
		fclose(f);
		memset(&err, 0, sizeof(err));
		rc = ppj__pptx_read(path, NULL, &d, &err);
		CHECK(rc == 0 || rc == PPJ_EDAMAGED || rc == PPJ_ENOTDECK);
		CHECK(rc != 0 || d != NULL);
		ppj_deck_free(d);
		d = NULL;
	}
	free(buf);
}

TEST(many_relationships_resolve_by_id)
{
	static const struct deckgen_part parts[] = {
		{ "ppt/media/image1.png", NULL, png, sizeof(png) },
	};
	struct deckgen g = { .nparts = 1, .parts = parts };
	struct deckgen_slide s = { 0 };
	size_t n = 300, cap = n * 400 + 1;
	char *rels = calloc(1, cap), *tree = calloc(1, cap), *r = rels;
	char *t = tree;
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	REQUIRE(rels && tree);
	/* Ids in reverse order; only r7 names a picture that exists. */
	for (size_t i = n; i-- > 0;)
		r += sprintf(r, "<Relationship Id=\"r%zu\" Type=\"http://"
			     "schemas.openxmlformats.org/officeDocument/2006/"
			     "relationships/image\" Target=\"../media/%s\"/>",
			     i, i == 7 ? "image1.png" : "none.png");
	for (size_t i = 0; i < 20; i++)
		t += sprintf(t, "<p:pic><p:nvPicPr><p:cNvPr id=\"%zu\" "
			     "name=\"p%zu\"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>"
			     "<p:blipFill><a:blip r:embed=\"r%zu\"/>"
			     "</p:blipFill><p:spPr/></p:pic>", i + 2, i,
			     i == 3 ? (size_t)7 : i + 100);
	s.rels = rels;
	s.sptree = tree;
	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	REQUIRE(d->slides[0].nshapes == 20);
	CHECK_INT(d->nmedia, 1);
	CHECK(shape(&d->slides[0], "p3")->picture.media != NULL);
	CHECK(shape(&d->slides[0], "p4")->picture.media == NULL);
	ppj_deck_free(d);
	free(rels);
	free(tree);
}

static const char dgm_data[] =
	"<?xml version=\"1.0\"?><dgm:dataModel xmlns:dgm=\"http://schemas."
	"openxmlformats.org/drawingml/2006/diagram\" xmlns:a=\"http://"
	"schemas.openxmlformats.org/drawingml/2006/main\"><dgm:ptLst/>"
	"<dgm:extLst><a:ext uri=\"http://schemas.microsoft.com/office/"
	"drawing/2008/diagram\"><dsp:dataModelExt xmlns:dsp=\"http://"
	"schemas.microsoft.com/office/drawing/2008/diagram\" relId=\"rDr\" "
	"minVer=\"x\"/></a:ext></dgm:extLst></dgm:dataModel>";

static const char dgm_drawing[] =
	"<?xml version=\"1.0\"?><dsp:drawing xmlns:dsp=\"http://schemas."
	"microsoft.com/office/drawing/2008/diagram\" xmlns:a=\"http://"
	"schemas.openxmlformats.org/drawingml/2006/main\"><dsp:spTree>"
	"<dsp:nvGrpSpPr><dsp:cNvPr id=\"0\" name=\"\"/><dsp:cNvGrpSpPr/>"
	"</dsp:nvGrpSpPr><dsp:grpSpPr/><dsp:sp modelId=\"{1}\"><dsp:nvSpPr>"
	"<dsp:cNvPr id=\"0\" name=\"\"/><dsp:cNvSpPr/></dsp:nvSpPr><dsp:spPr>"
	"<a:xfrm><a:off x=\"10\" y=\"20\"/><a:ext cx=\"100\" cy=\"50\"/>"
	"</a:xfrm><a:prstGeom prst=\"ellipse\"/><a:solidFill><a:schemeClr "
	"val=\"accent1\"/></a:solidFill></dsp:spPr><dsp:txBody><a:bodyPr/>"
	"<a:p><a:r><a:t>node</a:t></a:r></a:p></dsp:txBody><dsp:txXfrm>"
	"<a:off x=\"30\" y=\"25\"/><a:ext cx=\"60\" cy=\"40\"/></dsp:txXfrm>"
	"</dsp:sp></dsp:spTree></dsp:drawing>";

TEST(smartart_from_its_drawing)
{
	static const struct deckgen_part parts[] = {
		{ "ppt/diagrams/data1.xml", NULL, dgm_data, 0 },
		{ "ppt/diagrams/drawing1.xml", NULL, dgm_drawing, 0 },
	};
	struct deckgen g = { .nparts = 2, .parts = parts };
	struct deckgen_slide s = {
		.sptree = "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr "
			"id=\"2\" name=\"D\"/><p:cNvGraphicFramePr/><p:nvPr/>"
			"</p:nvGraphicFramePr><p:xfrm><a:off x=\"1000\" "
			"y=\"2000\"/><a:ext cx=\"500\" cy=\"500\"/></p:xfrm>"
			"<a:graphic><a:graphicData uri=\"http://schemas."
			"openxmlformats.org/drawingml/2006/diagram\">"
			"<dgm:relIds xmlns:dgm=\"http://schemas.openxmlformats"
			".org/drawingml/2006/diagram\" r:dm=\"rDm\" r:lo=\"x\" "
			"r:qs=\"y\" r:cs=\"z\"/></a:graphicData></a:graphic>"
			"</p:graphicFrame>",
		.rels = REL("rDm", "diagramData", "../diagrams/data1.xml")
			"<Relationship Id=\"rDr\" Type=\"http://schemas."
			"microsoft.com/office/2007/relationships/"
			"diagramDrawing\" "
			"Target=\"../diagrams/drawing1.xml\"/>",
	};
	struct ppj_error err = { 0 };
	const struct ppj_shape *gr;
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	gr = shape(&d->slides[0], "D");
	REQUIRE(gr && gr->kind == PPJ_SHAPE_GROUP);
	CHECK_INT(gr->xf.x, 1000);
	REQUIRE(gr->nchildren == 2);
	CHECK_STR(gr->children[0].geom.preset, "ellipse");
	CHECK(color_is(gr->children[0].fill.color, 0x4F81BD));
	CHECK_INT(gr->children[0].xf.x, 10);
	CHECK(gr->children[0].text == NULL);
	REQUIRE(gr->children[1].text);
	CHECK_INT(gr->children[1].xf.x, 30);
	CHECK_INT(gr->children[1].xf.cx, 60);
	CHECK_STR(gr->children[1].text->paras[0].runs[0].text, "node");
	ppj_deck_free(d);
}

TEST(text_boxes_start_from_default_text_style)
{
	struct deckgen g = {
		.default_text_style = "<a:lvl1pPr><a:defRPr sz=\"1400\">"
			"<a:latin typeface=\"Arial\"/></a:defRPr></a:lvl1pPr>",
	};
	struct ppj_deck *d = read_one(&g, TX(2, "<a:p><a:r><a:t>box</a:t>"
					      "</a:r></a:p>")
		"<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"num\"/><p:cNvSpPr/>"
		"<p:nvPr><p:ph type=\"sldNum\" idx=\"12\"/></p:nvPr>"
		"</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p><a:r>"
		"<a:t>n</a:t></a:r></a:p></p:txBody></p:sp>");
	const struct ppj_run *r;

	REQUIRE(d);
	r = &shape(&d->slides[0], "t2")->text->paras[0].runs[0];
	CHECK(r->size == 14);
	CHECK_STR(r->font, "Arial");
	CHECK_INT(shape(&d->slides[0], "t2")->text->paras[0].bullet.kind,
		  PPJ_BULLET_NONE);
	/* A slide number placeholder: otherStyle (18 pt) over it. */
	r = &shape(&d->slides[0], "num")->text->paras[0].runs[0];
	CHECK(r->size == 18);
	CHECK_STR(r->font, "Arial");
	ppj_deck_free(d);
}

TEST(broken_layout_falls_back_to_the_master)
{
	char *t = deckgen_title_sp(2, "T");
	struct deckgen g = { .layout_sptree = "<p:sp>" };	/* unclosed */
	struct deckgen_slide s[2] = { { .sptree = t }, { .sptree = t } };
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, s, 2, NULL, &rc, &err);
	free(t);
	REQUIRE(rc == 0);
	CHECK(has_warning(d, "bad-part"));
	CHECK(has_warning(d, "no-layout"));
	for (size_t i = 0; i < 2; i++) {
		REQUIRE(d->slides[i].nshapes == 1);
		CHECK_INT(d->slides[i].shapes[0].xf.y, 274638);
		CHECK(d->slides[i].shapes[0].text->paras[0].runs[0].size == 44);
	}
	ppj_deck_free(d);
}

/* A 3x2 PNG at 75 dpi (pHYs 2953 pixels a metre) and a JFIF at 48 dpi. */
static const unsigned char png75[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
	'I', 'H', 'D', 'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 9, 'p', 'H', 'Y', 's', 0, 0, 0x0B, 0x89,
	0, 0, 0x0B, 0x89, 1, 0, 0, 0, 0,
};
static const unsigned char jpg48[] = {
	0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 1,
	0, 48, 0, 96, 0, 0, 0xFF, 0xD9,
};

TEST(tiled_pictures_take_their_resolution)
{
	static const struct deckgen_part parts[] = {
		{ "ppt/media/a.png", NULL, png75, sizeof(png75) },
		{ "ppt/media/b.jpeg", NULL, jpg48, sizeof(jpg48) },
	};
	struct deckgen g = { .nparts = 2, .parts = parts };
	struct deckgen_slide s = {
		.sptree = SP(2, "<a:blipFill><a:blip r:embed=\"rA\"/><a:tile "
			     "sx=\"50000\" sy=\"100000\"/></a:blipFill>")
			  SP(3, "<a:blipFill><a:blip r:embed=\"rB\"/><a:tile/>"
			     "</a:blipFill>")
			  SP(4, "<a:blipFill><a:blip r:embed=\"rA\"/>"
			     "<a:stretch/></a:blipFill>"),
		.rels = REL("rA", "image", "../media/a.png")
			REL("rB", "image", "../media/b.jpeg"),
	};
	struct ppj_error err = { 0 };
	const struct ppj_fill *f;
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	/* 2953 px/m is 75.0 dpi: a tile 96/75 times its pixel size. */
	f = &shape(&d->slides[0], "s2")->fill;
	REQUIRE(f->kind == PPJ_FILL_PICTURE && f->tile);
	CHECK(fabs(f->tile_sx - 0.5 * 96 / 75.0062) < 1e-3);
	CHECK(fabs(f->tile_sy - 96 / 75.0062) < 1e-3);
	f = &shape(&d->slides[0], "s3")->fill;
	REQUIRE(f->kind == PPJ_FILL_PICTURE && f->tile);
	CHECK(fabs(f->tile_sx - 2) < 1e-9);
	CHECK(fabs(f->tile_sy - 1) < 1e-9);
	/* A stretched picture keeps its scale. */
	f = &shape(&d->slides[0], "s4")->fill;
	CHECK(!f->tile);
	ppj_deck_free(d);
}

/* A blip's duotone, greyscale and brightness reach the model. */
TEST(blip_colour_changes_are_read)
{
	static const struct deckgen_part parts[] = {
		{ "ppt/media/a.png", NULL, png75, sizeof(png75) },
	};
	struct deckgen g = { .nparts = 1, .parts = parts };
	struct deckgen_slide s = {
		.sptree = SP(2, "<a:blipFill><a:blip r:embed=\"rA\"><a:duotone>"
			     "<a:prstClr val=\"black\"/><a:srgbClr "
			     "val=\"FF8000\"/></a:duotone></a:blip>"
			     "<a:stretch/></a:blipFill>")
			  SP(3, "<a:blipFill><a:blip r:embed=\"rA\">"
			     "<a:grayscl/><a:lum bright=\"70000\" "
			     "contrast=\"-250000\"/></a:blip><a:stretch/>"
			     "</a:blipFill>")
			  SP(4, "<a:blipFill><a:blip r:embed=\"rA\"><a:duotone>"
			     "<a:srgbClr val=\"FF0000\"/></a:duotone></a:blip>"
			     "<a:stretch/></a:blipFill>"),
		.rels = REL("rA", "image", "../media/a.png"),
	};
	struct ppj_error err = { 0 };
	const struct ppj_fill *f;
	struct ppj_deck *d;
	int rc;

	d = roundtrip(&g, &s, 1, NULL, &rc, &err);
	REQUIRE(rc == 0);
	f = &shape(&d->slides[0], "s2")->fill;
	CHECK_INT(f->recolor, PPJ_RECOLOR_DUOTONE);
	CHECK(f->duo[0].r == 0 && f->duo[0].g == 0 && f->duo[0].b == 0);
	CHECK(f->duo[1].r == 255 && f->duo[1].g == 128 && f->duo[1].b == 0);

	/* Greyscale; brightness as a fraction, contrast clamped to -1. */
	f = &shape(&d->slides[0], "s3")->fill;
	CHECK_INT(f->recolor, PPJ_RECOLOR_GRAY);
	CHECK(fabs(f->bright - 0.7) < 1e-9);
	CHECK(fabs(f->contrast + 1) < 1e-9);

	/* A duotone with one colour is not one. */
	f = &shape(&d->slides[0], "s4")->fill;
	CHECK_INT(f->recolor, PPJ_RECOLOR_NONE);
	ppj_deck_free(d);
}
