/*
 * Unit tests of fonts, reader to output: decks written by deckgen embed
 * Carlito obfuscated (ODTTF, key from the part name) and wrapped in an
 * XOR-encrypted EOT; the reader must restore the exact file, the renderer
 * must ship it subset and as WOFF2 under the deck's family name. The
 * shipped WOFF2 files are unpacked here (Brotli, null transforms) and
 * read back with HarfBuzz to see which characters they still hold.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <brotli/decode.h>
#include <hb.h>

#include "deckgen.h"
#include "html/render.h"
#include "model/model.h"
#include "pack/sink.h"
#include "pptx/pptx.h"
#include "unit.h"

#define CARLITO "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"
#define GUID "0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0"
#define CT_FONT "application/x-fontdata"
#define REL_FONT "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships/font"

/* ---- small helpers ---- */

static void put32le(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static int hex(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* The font with its first 32 bytes XORed with the reversed GUID. */
static unsigned char *obfuscate(const unsigned char *d, size_t len)
{
	unsigned char *o = malloc(len), key[16];
	int n = 0;

	for (const char *g = GUID; *g && n < 16;) {
		if (*g == '-') {
			g++;
			continue;
		}
		key[15 - n++] = (unsigned char)(hex(g[0]) << 4 | hex(g[1]));
		g += 2;
	}
	memcpy(o, d, len);
	for (int i = 0; i < 32; i++)
		o[i] ^= key[i % 16];
	return o;
}

/*
 * An EOT 2.1 around the font, names empty, font data XOR-encrypted with
 * 0x50 (TTEMBED_XORENCRYPTDATA) and not compressed.
 */
static unsigned char *eot_wrap(const unsigned char *d, size_t len,
			       size_t *out_len)
{
	size_t head = 100, total = head + len;
	unsigned char *o = calloc(1, total);

	put32le(o, (uint32_t)total);
	put32le(o + 4, (uint32_t)len);
	put32le(o + 8, 0x00020001);
	put32le(o + 12, 0x10000000);
	o[26] = 1;			/* charset */
	put32le(o + 28, 400);		/* weight */
	o[34] = 0x4c;			/* magic 0x504C */
	o[35] = 0x50;
	for (size_t i = 0; i < len; i++)
		o[head + i] = d[i] ^ 0x50;
	*out_len = total;
	return o;
}

/* ---- the deck ---- */

#define BROKEN_RUN "<a:p><a:r><a:rPr lang=\"en-US\" sz=\"2400\"><a:latin " \
	"typeface=\"Broken\"/></a:rPr><a:t>q</a:t></a:r></a:p>"

/* The deck's text; one_family leaves out the run in "Broken". */
#define TREE(extra) \
	"<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"t\"/><p:cNvSpPr " \
	"txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"0\" " \
	"y=\"0\"/><a:ext cx=\"5000000\" cy=\"1000000\"/></a:xfrm>" \
	"<a:prstGeom prst=\"rect\"/></p:spPr><p:txBody><a:bodyPr/>" \
	"<a:lstStyle/><a:p><a:r><a:rPr lang=\"en-US\" sz=\"2400\">" \
	"<a:latin typeface=\"Embedded Sans\"/></a:rPr><a:t>Hi there</a:t>" \
	"</a:r><a:r><a:rPr lang=\"en-US\" sz=\"2400\" b=\"1\"><a:latin " \
	"typeface=\"Embedded Sans\"/></a:rPr><a:t>!</a:t></a:r></a:p>" \
	"<a:p><a:r><a:rPr lang=\"en-US\" sz=\"2400\" cap=\"all\"><a:latin " \
	"typeface=\"Calibri\"/></a:rPr><a:t>calm</a:t></a:r></a:p>" \
	extra "</p:txBody></p:sp>"

static const char *tree = TREE(BROKEN_RUN);
static const char *const one_family = TREE("");

static const char fonts_xml[] =
	"<p:embeddedFont><p:font typeface=\"Embedded Sans\"/>"
	"<p:regular r:id=\"rId100\"/><p:bold r:id=\"rId101\"/>"
	"</p:embeddedFont><p:embeddedFont><p:font typeface=\"Broken\"/>"
	"<p:regular r:id=\"rId102\"/><p:italic r:id=\"rId103\"/>"
	"</p:embeddedFont>";

static const char fonts_rels[] =
	"<Relationship Id=\"rId100\" Type=\"" REL_FONT "\" "
	"Target=\"fonts/{" GUID "}.odttf\"/>"
	"<Relationship Id=\"rId101\" Type=\"" REL_FONT "\" "
	"Target=\"fonts/font2.fntdata\"/>"
	"<Relationship Id=\"rId102\" Type=\"" REL_FONT "\" "
	"Target=\"fonts/font3.fntdata\"/>"
	"<Relationship Id=\"rId103\" Type=\"" REL_FONT "\" "
	"Target=\"fonts/missing.fntdata\"/>";

static unsigned char *carlito;
static size_t carlito_len;

/* The third font part (the "Broken" family's regular face). */
static const void *part3 = "not a font at all, not an EOT either";
static size_t part3_len;

/* Writes the deck with its three font parts; returns its path. */
static const char *write_deck(void)
{
	static char path[800];
	struct deckgen_part parts[3];
	struct deckgen g;
	struct deckgen_slide s = { .sptree = tree };
	unsigned char *odttf, *eot;
	size_t eot_len;
	int rc;

	carlito = (unsigned char *)unit_read(CARLITO, NULL, &carlito_len);
	if (!carlito)
		return NULL;
	odttf = obfuscate(carlito, carlito_len);
	eot = eot_wrap(carlito, carlito_len, &eot_len);
	parts[0] = (struct deckgen_part){ "ppt/fonts/{" GUID "}.odttf",
		"application/vnd.openxmlformats-officedocument."
		"obfuscatedFont", odttf, carlito_len };
	parts[1] = (struct deckgen_part){ "ppt/fonts/font2.fntdata", CT_FONT,
		eot, eot_len };
	parts[2] = (struct deckgen_part){ "ppt/fonts/font3.fntdata", CT_FONT,
		part3, part3_len };
	memset(&g, 0, sizeof(g));
	g.embedded_fonts = fonts_xml;
	g.pres_rels = fonts_rels;
	g.parts = parts;
	g.nparts = 3;
	snprintf(path, sizeof(path), "%s/fonts.pptx", unit_tmpdir());
	rc = deckgen_write(path, &g, &s, 1);
	free(odttf);
	free(eot);
	return rc ? NULL : path;
}

static struct ppj_deck *read_deck(void)
{
	const char *path = write_deck();
	struct ppj_error err = { 0 };
	struct ppj_deck *d = NULL;

	if (!path)
		return NULL;
	if (ppj__pptx_read(path, NULL, &d, &err)) {
		fprintf(stderr, "read: %s\n", err.msg);
		return NULL;
	}
	return d;
}

static int render_to(struct ppj_deck *d, const char *dir)
{
	struct ppj_options o;
	struct ppj_sink *s;
	struct ppj_error err = { 0 };

	memset(&o, 0, sizeof(o));
	o.embed_fonts = 1;
	if (ppj_sink_open_dir(&s, dir, &err))
		return -100;
	if (ppj__render_deck(d, s, &o, &err)) {
		fprintf(stderr, "render: %s\n", err.msg);
		ppj_sink_abort(s);
		return -1;
	}
	return ppj_sink_finish(s, &err);
}

/* ---- reading WOFF2 back ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		(uint32_t)p[2] << 8 | p[3];
}

static void put_be(unsigned char *p, uint32_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * (n - 1 - i)));
}

/*
 * Unpacks a WOFF2 of null-transformed tables with explicit tags (what
 * woff2.c writes) into an sfnt. NULL if it is anything else.
 */
static unsigned char *unwoff2(const unsigned char *w, size_t len,
			      size_t *out_len)
{
	uint32_t tags[64], lens[64], total = 0;
	size_t n, o = 48, dlen, off;
	unsigned char *data, *sfnt;

	if (len < 48 || memcmp(w, "wOF2", 4) != 0 || be32(w + 8) != len)
		return NULL;
	n = (size_t)(w[12] << 8 | w[13]);
	if (n == 0 || n > 64)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		uint32_t v = 0;

		if ((w[o] & 63) != 63)
			return NULL;
		o++;
		tags[i] = be32(w + o);
		o += 4;
		do
			v = v << 7 | (w[o] & 0x7f);
		while (w[o++] & 0x80);
		lens[i] = v;
		total += v;
	}
	dlen = total;
	data = malloc(total);
	if (BrotliDecoderDecompress(be32(w + 20), w + o, &dlen, data) !=
	    BROTLI_DECODER_RESULT_SUCCESS || dlen != total) {
		free(data);
		return NULL;
	}
	*out_len = 12 + 16 * n + total + 4 * n;
	sfnt = calloc(1, *out_len);
	memcpy(sfnt, w + 4, 4);
	put_be(sfnt + 4, (uint32_t)n, 2);
	off = 12 + 16 * n;
	for (size_t i = 0, d = 0; i < n; i++) {
		unsigned char *e = sfnt + 12 + 16 * i;

		put_be(e, tags[i], 4);
		put_be(e + 8, (uint32_t)off, 4);
		put_be(e + 12, lens[i], 4);
		memcpy(sfnt + off, data + d, lens[i]);
		d += lens[i];
		off += (lens[i] + 3) & ~3u;
	}
	free(data);
	return sfnt;
}

/* What a font file holds: its glyph count. */
struct held {
	unsigned glyphs;
};

static bool font_has(const unsigned char *f, size_t len, const char *want,
		     struct held *h)
{
	hb_blob_t *b = hb_blob_create((const char *)f, (unsigned)len,
				      HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *face = hb_face_create(b, 0);
	hb_font_t *font = hb_font_create(face);
	bool all = true;

	h->glyphs = hb_face_get_glyph_count(face);
	for (const char *c = want; *c; c++) {
		hb_codepoint_t g;

		all &= hb_font_get_nominal_glyph(font, (unsigned char)*c, &g);
	}
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(b);
	return all;
}

static bool font_has_cp(const unsigned char *f, size_t len, uint32_t cp)
{
	hb_blob_t *b = hb_blob_create((const char *)f, (unsigned)len,
				      HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *face = hb_face_create(b, 0);
	hb_font_t *font = hb_font_create(face);
	hb_codepoint_t g;
	bool has = hb_font_get_nominal_glyph(font, cp, &g);

	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(b);
	return has;
}

/* A shipped WOFF2, unpacked; NULL (and a failure) if it is not one. */
static unsigned char *shipped(const char *dir, const char *rel, size_t *n)
{
	size_t len = 0;
	unsigned char *w = (unsigned char *)unit_read(dir, rel, &len), *f = NULL;

	CHECK(w && len > 4 && memcmp(w, "wOF2", 4) == 0);
	if (w)
		f = unwoff2(w, len, n);
	CHECK(f != NULL);
	free(w);
	return f;
}

/* ---- tests ---- */

TEST(embedded_faces_are_restored)
{
	struct ppj_deck *d = read_deck();
	bool warned = false;

	REQUIRE(d);
	REQUIRE(d->nfonts == 2);
	CHECK_STR(d->fonts[0].family, "Embedded Sans");
	CHECK_INT(d->fonts[0].face[PPJ_FACE_REGULAR].len, carlito_len);
	CHECK(d->fonts[0].face[PPJ_FACE_REGULAR].data &&
	      memcmp(d->fonts[0].face[PPJ_FACE_REGULAR].data, carlito,
		     carlito_len) == 0);
	CHECK_INT(d->fonts[0].face[PPJ_FACE_BOLD].len, carlito_len);
	CHECK(d->fonts[0].face[PPJ_FACE_BOLD].data &&
	      memcmp(d->fonts[0].face[PPJ_FACE_BOLD].data, carlito,
		     carlito_len) == 0);
	CHECK(!d->fonts[0].face[PPJ_FACE_ITALIC].data);

	/* Junk and a missing part: warnings, no faces, no error. */
	CHECK_STR(d->fonts[1].family, "Broken");
	CHECK(!d->fonts[1].face[PPJ_FACE_REGULAR].data);
	CHECK(!d->fonts[1].face[PPJ_FACE_ITALIC].data);
	for (size_t i = 0; i < d->nwarnings; i++)
		warned |= strcmp(d->warnings[i].code, "embedded-font") == 0;
	CHECK(warned);
	ppj_deck_free(d);
	free(carlito);
}

/* A family that no text uses is not restored (nor decoded). */
TEST(unused_embedded_family_is_skipped)
{
	struct ppj_deck *d;

	tree = one_family;
	d = read_deck();
	REQUIRE(d);
	CHECK_INT(d->nfonts, 1);
	CHECK_STR(d->fonts[0].family, "Embedded Sans");
	CHECK(d->fonts[0].face[PPJ_FACE_REGULAR].data != NULL);
	for (size_t i = 0; i < d->nwarnings; i++)
		CHECK(strcmp(d->warnings[i].code, "embedded-font") != 0);
	ppj_deck_free(d);
	free(carlito);
}

/*
 * MTX data libeot cannot decode makes it jump through an unset jmp_buf:
 * the decoding runs in a child process, so the read goes on with a
 * warning. Here the MTX stream is ten zero bytes.
 */
TEST(broken_mtx_is_a_warning_not_a_crash)
{
	static unsigned char eot[110];
	struct ppj_deck *d;
	bool warned = false;

	put32le(eot, sizeof(eot));
	put32le(eot + 4, 10);
	put32le(eot + 8, 0x00020001);
	put32le(eot + 12, 0x4);		/* TTEMBED_TTCOMPRESSED */
	eot[34] = 0x4c;
	eot[35] = 0x50;
	part3 = eot;
	part3_len = sizeof(eot);
	d = read_deck();
	REQUIRE(d);
	CHECK(d->fonts[0].face[PPJ_FACE_REGULAR].data != NULL);
	CHECK(!d->fonts[1].face[PPJ_FACE_REGULAR].data);
	for (size_t i = 0; i < d->nwarnings; i++)
		warned |= strstr(d->warnings[i].message, "MTX") != NULL;
	CHECK(warned);
	ppj_deck_free(d);
	free(carlito);
}

TEST(embedded_font_is_shipped_subset_and_declared)
{
	struct ppj_deck *d = read_deck();
	const char *dir = unit_out_dir("o");
	unsigned char *css, *f;
	struct held h, full;
	size_t n = 0, len;

	REQUIRE(d);
	REQUIRE(render_to(d, dir) == 0);
	css = (unsigned char *)unit_read(dir, "assets/ppj.css", &len);
	REQUIRE(css);
	CHECK(strstr((char *)css, "font-family:'Embedded Sans';src:url(\""
		     "fonts/embedded1-Regular.woff2\");font-weight:normal"));
	CHECK(strstr((char *)css, "font-family:'Embedded Sans';src:url(\""
		     "fonts/embedded1-Bold.woff2\");font-weight:bold"));
	/* LibreOffice's line metrics, whatever the face's own. */
	CHECK(strstr((char *)css, "fonts/embedded1-Regular.woff2\");"
		     "font-weight:normal;font-style:normal;ascent-override:"
		     "100%;descent-override:20%;line-gap-override:0%}"));
	/* The embedded faces replace the substitutes' (none is mapped). */
	CHECK(!strstr((char *)css, "'Embedded Sans';src:local"));
	free(css);

	f = shipped(dir, "assets/fonts/embedded1-Regular.woff2", &n);
	REQUIRE(f);
	font_has(carlito, carlito_len, "", &full);
	CHECK(font_has(f, n, "Hi ther", &h));
	CHECK(!font_has(f, n, "Z", &h) && !font_has(f, n, "x", &h));
	CHECK(h.glyphs > 6 && h.glyphs < 40 && full.glyphs > 1000);
	CHECK(n < carlito_len / 10);
	free(f);

	/* The bold run's '!' is in the bold face's subset too. */
	f = shipped(dir, "assets/fonts/embedded1-Bold.woff2", &n);
	CHECK(f && font_has(f, n, "!Hi", &h));
	free(f);
	ppj_deck_free(d);
	free(carlito);
}

TEST(substitutes_are_subset_with_caps_and_bullets)
{
	struct ppj_deck *d = read_deck();
	const char *dir = unit_out_dir("s");
	struct held h;
	unsigned char *f;
	size_t n = 0;

	REQUIRE(d);

	/* A bullet in Calibri: its character counts too. */
	d->slides[0].shapes[0].text->paras[1].bullet.kind = PPJ_BULLET_CHAR;
	d->slides[0].shapes[0].text->paras[1].bullet.text = "\xe2\x80\xa2";
	REQUIRE(render_to(d, dir) == 0);
	f = shipped(dir, "assets/fonts/Carlito-Regular.woff2", &n);
	REQUIRE(f);

	/* "calm" in all caps: both cases; nothing else of the alphabet. */
	CHECK(font_has(f, n, "calmCALM", &h));
	CHECK(!font_has(f, n, "H", &h));
	CHECK(font_has_cp(f, n, 0x2022));
	CHECK(n < carlito_len / 10);
	free(f);
	ppj_deck_free(d);
	free(carlito);
}

/* Every "file" of the manifest's fonts exists in the tree. */
TEST(manifest_fonts_point_at_files)
{
	struct ppj_deck *d = read_deck();
	const char *dir = unit_out_dir("m");
	unsigned char *m, *fonts;
	size_t len, files = 0;
	char *p;

	REQUIRE(d);
	REQUIRE(render_to(d, dir) == 0);
	m = (unsigned char *)unit_read(dir, "manifest.json", &len);
	REQUIRE(m);
	fonts = (unsigned char *)strstr((char *)m, "\"fonts\": [");
	REQUIRE(fonts);
	for (p = (char *)fonts; (p = strstr(p, "\"file\": \"")); files++) {
		char rel[256];
		size_t k = 0, flen;
		unsigned char *data;

		for (p += 9; *p && *p != '"' && k < sizeof(rel) - 1; p++)
			rel[k++] = *p;
		rel[k] = 0;
		data = (unsigned char *)unit_read(dir, rel, &flen);
		CHECK(data && flen > 0);
		free(data);
	}
	CHECK(files >= 2);
	CHECK(strstr((char *)fonts, "\"file\": \"assets/fonts/embedded1-"
		     "Regular.woff2\""));
	free(m);
	ppj_deck_free(d);
	free(carlito);
}

/* Same deck, same bytes: the subsets and WOFF2 files are stable. */
TEST(font_files_are_deterministic)
{
	struct ppj_deck *d = read_deck();
	const char *a = unit_out_dir("a"), *b = unit_out_dir("b");
	static const char *rels[] = { "assets/ppj.css",
		"assets/fonts/embedded1-Regular.woff2",
		"assets/fonts/embedded1-Bold.woff2",
		"assets/fonts/Carlito-Regular.woff2",
		"assets/fonts/Carlito-Bold.woff2" };

	REQUIRE(d);
	REQUIRE(render_to(d, a) == 0);
	REQUIRE(render_to(d, b) == 0);
	for (size_t i = 0; i < sizeof(rels) / sizeof(rels[0]); i++) {
		size_t la = 0, lb = 0;
		unsigned char *x = (unsigned char *)unit_read(a, rels[i], &la);
		unsigned char *y = (unsigned char *)unit_read(b, rels[i], &lb);

		CHECK(x && y && la == lb && memcmp(x, y, la) == 0);
		free(x);
		free(y);
	}
	ppj_deck_free(d);
	free(carlito);
}

/*
 * Arial Narrow goes where fontconfig sends it, Nimbus Sans Narrow of
 * fonts-urw-base35 (OpenType CFF), shipped under both names.
 */
TEST(urw_substitute_is_shipped)
{
	struct ppj_deck *d = read_deck();
	const char *dir = unit_out_dir("u");
	struct ppj_text *t;
	unsigned char *f;
	char *css;
	size_t n = 0;
	struct held h;

	REQUIRE(d);
	t = d->slides[0].shapes[0].text;
	for (size_t p = 0; p < t->nparas; p++)
		for (size_t r = 0; r < t->paras[p].nruns; r++)
			t->paras[p].runs[r].font = "Arial Narrow";
	REQUIRE(render_to(d, dir) == 0);

	css = unit_read(dir, "assets/ppj.css", NULL);
	REQUIRE(css);
	CHECK(strstr(css, "font-family:'Arial Narrow';src:url(\"fonts/"
		      "NimbusSansNarrow-Regular.woff2\")"));
	CHECK(strstr(css, "font-family:'Nimbus Sans Narrow';src:url(\""
		      "fonts/NimbusSansNarrow-Regular.woff2\");font-weight:"
		      "normal;font-style:normal;ascent-override:100%;"
		      "descent-override:20%;line-gap-override:0%}"));
	free(css);

	f = shipped(dir, "assets/fonts/NimbusSansNarrow-Regular.woff2", &n);
	REQUIRE(f);
	CHECK(font_has(f, n, "Hi", &h));
	free(f);
	ppj_deck_free(d);
	free(carlito);
}

/*
 * A deck whose only text is s in Calibri, bold when lang ends in "!",
 * read back; NULL on failure.
 */
static struct ppj_deck *text_deck(const char *s, const char *lang)
{
	static char path[800], sp[1024];
	struct deckgen g;
	struct deckgen_slide sl = { .sptree = sp };
	struct ppj_error err = { 0 };
	struct ppj_deck *d = NULL;

	snprintf(sp, sizeof(sp), "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" "
		 "name=\"T\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>"
		 "<p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang=\"%.5s\" "
		 "b=\"%d\" sz=\"2400\"><a:latin typeface=\"Calibri\"/>"
		 "</a:rPr><a:t>%s</a:t></a:r></a:p></p:txBody></p:sp>", lang,
		 strchr(lang, '!') != NULL, s);
	memset(&g, 0, sizeof(g));
	snprintf(path, sizeof(path), "%s/cjk.pptx", unit_tmpdir());
	if (deckgen_write(path, &g, &sl, 1) ||
	    ppj__pptx_read(path, NULL, &d, &err))
		return NULL;
	return d;
}

/*
 * CJK text: Noto Sans CJK ships cut down to the characters written (and
 * its bold face, as here, when some is bold), named in the font stack
 * before the generic family; no warning then. A deck without such text
 * gets none of it.
 */
TEST(cjk_face_is_shipped_subset)
{
	/* "A", then U+65E5 U+672C (Japan). */
	struct ppj_deck *d = text_deck("A\xe6\x97\xa5\xe6\x9c\xac", "ja-JP!");
	const char *dir = unit_out_dir("cjk");
	char *css, *page, *m;
	unsigned char *f;
	size_t n = 0;

	REQUIRE(d);
	REQUIRE(render_to(d, dir) == 0);
	f = shipped(dir, "assets/fonts/NotoSansCJK-Regular.woff2", &n);
	REQUIRE(f);
	CHECK(font_has_cp(f, n, 0x65E5) && font_has_cp(f, n, 0x672C));
	CHECK(!font_has_cp(f, n, 0x4E2D));		/* 中, not written */
	CHECK(!font_has_cp(f, n, 'A'));
	CHECK(n < 20000);
	free(f);
	f = shipped(dir, "assets/fonts/NotoSansCJK-Bold.woff2", &n);
	CHECK(f && font_has_cp(f, n, 0x65E5));
	free(f);

	css = unit_read(dir, "assets/ppj.css", NULL);
	REQUIRE(css);
	CHECK(strstr(css, "@font-face{font-family:'Noto Sans CJK JP';src:url("
		      "\"fonts/NotoSansCJK-Regular.woff2\"),local("));
	free(css);
	page = unit_read(dir, "slides/1.html", NULL);
	REQUIRE(page);
	CHECK(strstr(page, "'Carlito','Noto Sans CJK JP',sans-serif"));
	free(page);
	m = unit_read(dir, "manifest.json", NULL);
	CHECK(m && !strstr(m, "cjk-font"));
	free(m);
	ppj_deck_free(d);

	/* Traditional Chinese text takes the collection's TC face. */
	d = text_deck("\xe6\x97\xa5", "zh-TW");
	dir = unit_out_dir("cjk-tc");
	REQUIRE(d && render_to(d, dir) == 0);
	css = unit_read(dir, "assets/ppj.css", NULL);
	CHECK(css && strstr(css, "font-family:'Noto Sans CJK TC';src:url("
			    "\"fonts/NotoSansCJK-Regular.woff2\"),local("
			    "\"NotoSansCJKtc-Regular\")"));
	free(css);
	m = unit_read(dir, "assets/fonts/NotoSansCJK-Bold.woff2", NULL);
	CHECK(m == NULL);			/* nothing bold */
	free(m);
	ppj_deck_free(d);

	d = text_deck("Latin only", "en-US");
	dir = unit_out_dir("nocjk");
	REQUIRE(d && render_to(d, dir) == 0);
	page = unit_read(dir, "slides/1.html", NULL);
	CHECK(page && !strstr(page, "CJK"));
	free(page);
	css = unit_read(dir, "assets/ppj.css", NULL);
	CHECK(css && !strstr(css, "CJK"));
	free(css);
	ppj_deck_free(d);
}
