/*
 * Tests of the legacy .ppt reader (src/lib/ppt): small decks written in
 * code with pptgen (records assembled one by one into an OLE2 file), then
 * the damaged variants a hostile file may show, then the corpus decks
 * when /work/shared/corpus is there.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ppt/ppt.h"
#include "pptgen.h"
#include "unit.h"

static void limits(struct ppj_options *o)
{
	memset(o, 0, sizeof(*o));
	o->limits.max_part_bytes = 64u << 20;
	o->limits.max_total_bytes = 512u << 20;
	o->limits.max_slides = 5000;
	o->limits.max_shapes = 500000;
	o->limits.max_depth = 64;
	o->limits.max_model_bytes = 256u << 20;
}

static int read_spec(const struct pg_spec *s, struct ppj_deck **deck,
		     struct ppj_error *err)
{
	char path[512];
	struct ppj_options o;

	snprintf(path, sizeof(path), "%s/t.ppt", unit_tmpdir());
	if (pg_write_deck(path, s))
		return -100;
	limits(&o);
	memset(err, 0, sizeof(*err));
	return ppj__ppt_read(path, &o, deck, err);
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

/* ---- writers of slide content ---- */

static void text_shape(struct pg_buf *b, unsigned ph, uint32_t ref,
		       int l, int t, int r, int bm)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a, cd;
	static const uint32_t fopt[] = { 0x1BF, 0x100000, 0x1FF, 0x80000 };

	a = pg_begin(b, 2, 1, 0xF00A);
	pg_u32(b, 1025 + ref);
	pg_u32(b, 0xA20);
	pg_end(b, a);
	pg_fopt(b, fopt, 2);
	a = pg_atom_begin(b, 0, 0xF010);
	pg_u16(b, (unsigned)t);
	pg_u16(b, (unsigned)l);
	pg_u16(b, (unsigned)r);
	pg_u16(b, (unsigned)bm);
	pg_end(b, a);
	cd = pg_begin(b, 0xF, 0, 0xF011);
	a = pg_atom_begin(b, 0, 0x0BC3);
	pg_u32(b, ref);
	pg_u8(b, ph);
	pg_u8(b, 0);
	pg_u16(b, 0);
	pg_end(b, a);
	pg_end(b, cd);
	cd = pg_begin(b, 0xF, 0, 0xF00D);
	a = pg_atom_begin(b, 0, 0x0F9E);
	pg_u32(b, ref);
	pg_end(b, a);
	pg_end(b, cd);
	pg_end(b, sp);
}

static void title_body_shapes(struct pg_buf *b, void *arg)
{
	(void)arg;
	text_shape(b, 13, 0, 576, 288, 5184, 1008);
	text_shape(b, 14, 1, 576, 1152, 5184, 4032);
}

static void chars(struct pg_buf *b, unsigned type, const char *s)
{
	size_t a = pg_atom_begin(b, 0, 0x0F9F);

	pg_u32(b, type);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0x0FA0);
	pg_utf16(b, s);
	pg_end(b, a);
}

static void title_body_text(struct pg_buf *b, void *arg)
{
	size_t a;

	(void)arg;
	chars(b, 0, "Hello\vthere");
	chars(b, 1, "One\rTwo");
	a = pg_atom_begin(b, 0, 0x0FA1);
	/* paragraph runs: "One\r" level 0; "Two" + mark level 1, right */
	pg_u32(b, 4);
	pg_u16(b, 0);
	pg_u32(b, 0);
	pg_u32(b, 4);
	pg_u16(b, 1);
	pg_u32(b, 0x800);
	pg_u16(b, 2);
	/* character runs: "One" bold red 20 pt; the rest inherited */
	pg_u32(b, 3);
	pg_u32(b, 0x1 | 0x20000 | 0x40000);
	pg_u16(b, 1);
	pg_u16(b, 20);
	pg_u32(b, 0xFE0000FFu);
	pg_u32(b, 5);
	pg_u32(b, 0);
	pg_end(b, a);
}

/* ---- good decks ---- */

TEST(one_slide_with_text)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_shape *t;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	CHECK_STR(d->source_format, "ppt");
	CHECK_INT(d->width, 9144000);
	CHECK_INT(d->height, 6858000);
	REQUIRE(d->nslides == 1);
	CHECK_STR(d->slides[0].title, "Hello there");
	REQUIRE(d->slides[0].nshapes == 2);
	t = &d->slides[0].shapes[0];
	CHECK_STR(t->placeholder, "title");
	CHECK_INT(t->xf.x, 576 * 1587.5);
	CHECK_INT(t->xf.cx, (5184 - 576) * 1587.5);
	CHECK(t->fill.kind == PPJ_FILL_NONE);
	CHECK(t->line.fill.kind == PPJ_FILL_NONE);
	REQUIRE(t->text && t->text->nparas == 1);
	REQUIRE(t->text->paras[0].nruns == 3);
	CHECK_STR(t->text->paras[0].runs[0].text, "Hello");
	CHECK(t->text->paras[0].runs[1].kind == PPJ_RUN_BREAK);
	CHECK_STR(t->text->paras[0].runs[2].text, "there");
	/* from the master's title style */
	CHECK_STR(t->text->paras[0].runs[0].font, "Arial");
	CHECK(t->text->paras[0].runs[0].size == 44);
	CHECK(t->text->paras[0].runs[0].bold);
	CHECK(t->text->paras[0].bullet.kind == PPJ_BULLET_NONE);
	ppj_deck_free(d);
}

TEST(bullets_and_styles)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_text *t;
	const struct ppj_run *r;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	REQUIRE(d->nslides == 1 && d->slides[0].nshapes == 2);
	t = d->slides[0].shapes[1].text;
	REQUIRE(t && t->nparas == 2);
	CHECK_INT(t->paras[0].level, 0);
	CHECK_INT(t->paras[1].level, 1);
	CHECK(t->paras[1].align == PPJ_ALIGN_RIGHT);
	CHECK(t->paras[0].bullet.kind == PPJ_BULLET_CHAR);
	CHECK_STR(t->paras[0].bullet.text, "\xe2\x80\xa2");
	REQUIRE(t->paras[0].nruns == 1);
	r = &t->paras[0].runs[0];
	CHECK_STR(r->text, "One");
	CHECK(r->bold);
	CHECK(r->size == 20);
	CHECK_INT(r->fill.color.r, 255);
	CHECK_INT(r->fill.color.g, 0);
	REQUIRE(t->paras[1].nruns == 1);
	r = &t->paras[1].runs[0];
	CHECK_STR(r->text, "Two");
	CHECK(r->size == 28);		/* body level 2 of the master */
	CHECK_INT(r->fill.color.r, 0);	/* scheme text colour */
	ppj_deck_free(d);
}

static void filled_shapes(struct pg_buf *b, void *arg)
{
	static const uint32_t rect[] = {
		0x181, 0x0000FF, 0x1C0, 0xFF0000, 0x1CB, 25400,
		0x1CE, 6, 0x1D1, 1,
	};
	static const uint32_t ell[] = {
		0x181, 0x08000004, 0x4, 90u << 16, 0x1BF, 0x100010,
	};

	(void)arg;
	pg_shape(b, 1, 0, 0, 576, 288, rect, 5);
	pg_shape(b, 3, 1000, 1000, 1400, 1200, ell, 3);
	pg_shape(b, 999, 0, 0, 10, 10, NULL, 0);
}

TEST(shape_fill_and_line)
{
	struct pg_spec s = { .shapes = filled_shapes };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_shape *r, *el;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	REQUIRE(d->nslides == 1 && d->slides[0].nshapes == 3);
	r = &d->slides[0].shapes[0];
	CHECK_STR(r->geom.preset, "rect");
	REQUIRE(r->fill.kind == PPJ_FILL_SOLID);
	CHECK_INT(r->fill.color.r, 255);
	CHECK_INT(r->fill.color.b, 0);
	REQUIRE(r->line.fill.kind == PPJ_FILL_SOLID);
	CHECK_INT(r->line.fill.color.b, 255);
	CHECK_INT(r->line.width, 25400);
	CHECK_STR(r->line.dash, "dash");
	CHECK(r->line.tail.type == PPJ_END_TRIANGLE);
	CHECK(r->line.head.type == PPJ_END_NONE);

	el = &d->slides[0].shapes[1];
	CHECK_STR(el->geom.preset, "ellipse");
	CHECK(el->fill.kind == PPJ_FILL_SOLID);
	CHECK_INT(el->fill.color.r, 0);	/* scheme 4: 0,204,153 */
	CHECK_INT(el->fill.color.g, 204);
	CHECK(el->xf.rot == 90);
	/* a 400 x 200 anchor turned 90 degrees is a 200 x 400 box */
	CHECK_INT(el->xf.cx, 200 * 1587.5);
	CHECK_INT(el->xf.cy, 400 * 1587.5);
	CHECK_INT(el->xf.x, 1100 * 1587.5);

	CHECK_STR(d->slides[0].shapes[2].geom.preset, "rect");
	CHECK(has_warning(d, "ppt-shape-type"));
	ppj_deck_free(d);
}

static void child(struct pg_buf *b, int l, int t, int r, int bm)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a;

	a = pg_begin(b, 2, 1, 0xF00A);
	pg_u32(b, 1030);
	pg_u32(b, 0xA02);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0xF00F);
	pg_u32(b, (uint32_t)l);
	pg_u32(b, (uint32_t)t);
	pg_u32(b, (uint32_t)r);
	pg_u32(b, (uint32_t)bm);
	pg_end(b, a);
	pg_end(b, sp);
}

static void group_shapes(struct pg_buf *b, void *arg)
{
	size_t gr = pg_begin(b, 0xF, 0, 0xF003), sp, a;

	(void)arg;
	sp = pg_begin(b, 0xF, 0, 0xF004);
	a = pg_atom_begin(b, 0, 0xF009);
	pg_u32(b, 0);
	pg_u32(b, 0);
	pg_u32(b, 1000);
	pg_u32(b, 2000);
	pg_end(b, a);
	a = pg_begin(b, 2, 0, 0xF00A);
	pg_u32(b, 1029);
	pg_u32(b, 0x201);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0xF010);
	pg_u16(b, 576);		/* top */
	pg_u16(b, 576);		/* left */
	pg_u16(b, 1152);	/* right: 576 wide */
	pg_u16(b, 1728);	/* bottom: 1152 high */
	pg_end(b, a);
	pg_end(b, sp);
	child(b, 0, 0, 500, 1000);
	child(b, 500, 1000, 1000, 2000);
	pg_end(b, gr);
}

TEST(group_maps_children)
{
	struct pg_spec s = { .shapes = group_shapes };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_shape *g;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	REQUIRE(d->nslides == 1 && d->slides[0].nshapes == 1);
	g = &d->slides[0].shapes[0];
	REQUIRE(g->kind == PPJ_SHAPE_GROUP);
	CHECK_INT(g->xf.x, 914400);
	CHECK_INT(g->xf.cx, 914400);
	CHECK_INT(g->xf.cy, 1828800);
	REQUIRE(g->nchildren == 2);
	CHECK_INT(g->children[0].xf.x, 0);
	CHECK_INT(g->children[0].xf.cx, 457200);
	CHECK_INT(g->children[0].xf.cy, 914400);
	CHECK_INT(g->children[1].xf.x, 457200);
	CHECK_INT(g->children[1].xf.y, 914400);
	ppj_deck_free(d);
}

/* A PNG BLIP in the Pictures stream and a DIB inside its FBSE. */
static const uint8_t png[] = {
	0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
	0, 0, 0, 7, 0, 0, 0, 5, 8, 2, 0, 0, 0, 1, 2, 3, 4,
};

static void fbse(struct pg_buf *b, unsigned type, uint32_t off,
		 const struct pg_buf *blip)
{
	size_t a = pg_begin(b, 2, type, 0xF007);

	pg_u8(b, type);
	pg_u8(b, type);
	for (int i = 0; i < 16; i++)
		pg_u8(b, 0);
	pg_u16(b, 0xFF);
	pg_u32(b, 100);
	pg_u32(b, 1);
	pg_u32(b, off);
	pg_u32(b, 0);
	if (blip)
		pg_bytes(b, blip->d, blip->len);
	pg_end(b, a);
}

static void blip_dib(struct pg_buf *b)
{
	size_t a = pg_atom_begin(b, 0x7A8, 0xF01F);

	for (int i = 0; i < 17; i++)
		pg_u8(b, 0);
	pg_u32(b, 40);		/* BITMAPINFOHEADER */
	pg_u32(b, 2);
	pg_u32(b, 2);
	pg_u16(b, 1);
	pg_u16(b, 24);
	for (int i = 0; i < 6; i++)
		pg_u32(b, 0);
	for (int i = 0; i < 16; i++)
		pg_u8(b, 0x80);
	pg_end(b, a);
}

static void pic_bstore(struct pg_buf *b, void *arg)
{
	struct pg_buf dib = { 0 };

	(void)arg;
	fbse(b, 6, 0, NULL);
	blip_dib(&dib);
	fbse(b, 7, 0xFFFFFFFFu, &dib);
	pg_free(&dib);
}

static void pic_shapes(struct pg_buf *b, void *arg)
{
	static const uint32_t p1[] = { 0x104, 1, 0x100, 0x8000 };
	static const uint32_t p2[] = { 0x104, 2 };
	static const uint32_t p3[] = { 0x104, 9 };

	(void)arg;
	pg_shape(b, 75, 0, 0, 576, 576, p1, 2);
	pg_shape(b, 75, 0, 0, 576, 576, p2, 1);
	pg_shape(b, 75, 0, 0, 576, 576, p3, 1);
}

TEST(pictures_from_the_blip_store)
{
	struct pg_buf pics = { 0 };
	struct pg_spec s = { .shapes = pic_shapes, .bstore = pic_bstore,
			     .pictures = &pics };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_shape *sh;
	size_t a = pg_atom_begin(&pics, 0x6E0, 0xF01E);

	for (int i = 0; i < 17; i++)
		pg_u8(&pics, 0);
	pg_bytes(&pics, png, sizeof(png));
	pg_end(&pics, a);

	REQUIRE(read_spec(&s, &d, &e) == 0);
	REQUIRE(d->nslides == 1 && d->slides[0].nshapes == 3);
	sh = &d->slides[0].shapes[0];
	REQUIRE(sh->kind == PPJ_SHAPE_PICTURE && sh->picture.media);
	CHECK_STR(sh->picture.media->content_type, "image/png");
	CHECK_INT(sh->picture.media->len, sizeof(png));
	CHECK(memcmp(sh->picture.media->data, png, sizeof(png)) == 0);
	CHECK_INT(sh->picture.media->px_w, 7);
	CHECK(sh->picture.crop.t == 0.5);

	sh = &d->slides[0].shapes[1];
	REQUIRE(sh->kind == PPJ_SHAPE_PICTURE && sh->picture.media);
	CHECK_STR(sh->picture.media->content_type, "image/bmp");
	CHECK(sh->picture.media->data[0] == 'B');
	CHECK_INT(sh->picture.media->len, 14 + 40 + 16);
	CHECK_INT(sh->picture.media->data[10], 54);	/* bits offset */

	CHECK(d->slides[0].shapes[2].kind == PPJ_SHAPE_SP);
	CHECK(has_warning(d, "missing-picture") == false ||
	      d->slides[0].shapes[2].picture.media == NULL);
	CHECK_INT(d->nmedia, 2);
	ppj_deck_free(d);
	pg_free(&pics);
}

/* ---- damaged and hostile decks ---- */

TEST(truncated_streams_never_crash)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text };
	struct pg_buf doc, cu;
	size_t full;

	pg_build(&s, &doc, &cu);
	full = doc.len;
	pg_free(&doc);
	pg_free(&cu);
	for (size_t cut = 1; cut < full; cut += 7) {
		struct ppj_deck *d = NULL;
		struct ppj_error e;
		int rc;

		s.cut = cut;
		rc = read_spec(&s, &d, &e);
		CHECK(rc == 0 || rc == PPJ_EDAMAGED);
		CHECK((rc == 0) == (d != NULL));
		if (rc)
			CHECK(e.msg[0] != 0);
		ppj_deck_free(d);
	}
}

TEST(looping_edit_chain_warns)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text,
			     .damage = PG_LOOP_EDIT };
	struct ppj_deck *d = NULL;
	struct ppj_error e;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	CHECK_INT(d->nslides, 1);
	CHECK(has_warning(d, "ppt-edit-loop"));
	CHECK_STR(d->slides[0].title, "Hello there");
	ppj_deck_free(d);
}

TEST(damaged_persist_directory_is_scanned)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text,
			     .damage = PG_LOOP_DIR };
	struct ppj_deck *d = NULL;
	struct ppj_error e;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	CHECK_INT(d->nslides, 1);
	CHECK(has_warning(d, "ppt-persist-damaged"));
	CHECK_STR(d->slides[0].title, "Hello there");
	ppj_deck_free(d);
}

TEST(persist_cycle_slide_is_document)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text,
			     .damage = PG_SLIDE_IS_DOC };
	struct ppj_deck *d = NULL;
	struct ppj_error e;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	CHECK_INT(d->nslides, 1);
	CHECK(has_warning(d, "ppt-slide-missing"));
	ppj_deck_free(d);
}

/* Every length field of the stream made to lie, one at a time. */
TEST(lying_lengths_never_crash)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text };
	struct pg_buf doc, cu;
	const char *names[] = { "Current User", "PowerPoint Document" };
	char path[512];
	struct ppj_options o;

	snprintf(path, sizeof(path), "%s/lie.ppt", unit_tmpdir());
	limits(&o);
	pg_build(&s, &doc, &cu);
	for (size_t at = 4; at + 4 <= doc.len; at += 4) {
		static const uint32_t lies[] = { 0xFFFFFFFFu, 0x7FFFFFF0u, 3 };

		for (size_t k = 0; k < 3; k++) {
			const struct pg_buf *bufs[] = { &cu, &doc };
			struct ppj_deck *d = NULL;
			struct ppj_error e = { 0 };
			uint8_t keep[4];
			int rc;

			memcpy(keep, doc.d + at, 4);
			memcpy(doc.d + at, &lies[k], 4);
			REQUIRE(pg_write_ole(path, names, bufs, 2) == 0);
			rc = ppj__ppt_read(path, &o, &d, &e);
			CHECK(rc <= 0);
			CHECK((rc == 0) == (d != NULL));
			ppj_deck_free(d);
			memcpy(doc.d + at, keep, 4);
		}
	}
	pg_free(&doc);
	pg_free(&cu);
}

TEST(encrypted_decks)
{
	struct pg_spec s = { .damage = PG_ENCRYPT_EDIT };
	struct ppj_deck *d = NULL;
	struct ppj_error e;

	CHECK_INT(read_spec(&s, &d, &e), PPJ_EENCRYPTED);
	CHECK(d == NULL);
	CHECK(strstr(e.msg, "password protected") != NULL);
	s.damage = PG_ENCRYPT_TOKEN;
	CHECK_INT(read_spec(&s, &d, &e), PPJ_EENCRYPTED);
	CHECK(d == NULL);
}

TEST(powerpoint95_lookalike)
{
	struct pg_spec s = { .damage = PG_PP95 };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	struct pg_buf pp40 = { 0 };
	const char *names[] = { "PP40" };
	const struct pg_buf *bufs[] = { &pp40 };
	char path[512];
	struct ppj_options o;

	CHECK_INT(read_spec(&s, &d, &e), PPJ_EUNSUPPORTED);
	CHECK(strstr(e.msg, "unsupported old PowerPoint format") != NULL);
	CHECK(d == NULL);

	pg_u32(&pp40, 0);
	snprintf(path, sizeof(path), "%s/pp40.ppt", unit_tmpdir());
	REQUIRE(pg_write_ole(path, names, bufs, 1) == 0);
	limits(&o);
	memset(&e, 0, sizeof(e));
	CHECK_INT(ppj__ppt_read(path, &o, &d, &e), PPJ_EUNSUPPORTED);
	pg_free(&pp40);
}

TEST(shape_limit_is_enforced)
{
	struct pg_spec s = { .shapes = filled_shapes };
	struct ppj_deck *d = NULL;
	struct ppj_error e = { 0 };
	struct ppj_options o;
	char path[512];

	snprintf(path, sizeof(path), "%s/lim.ppt", unit_tmpdir());
	REQUIRE(pg_write_deck(path, &s) == 0);
	limits(&o);
	o.limits.max_shapes = 2;
	CHECK_INT(ppj__ppt_read(path, &o, &d, &e), PPJ_ETOOLARGE);
	CHECK(d == NULL);
}

/* ---- the corpus ---- */

static const char *corpus(const char *name, char *buf, size_t n)
{
	const char *src = getenv("PPJ_SOURCE");

	snprintf(buf, n, "%s/../shared/corpus/%s", src ? src : ".", name);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

TEST(corpus_decks)
{
	static const struct {
		const char *name;
		int rc;
	} decks[] = {
		{ "poi/customGeo.ppt", 0 },
		{ "poi/54880_chinese.ppt", 0 },
		{ "poi/pictures.ppt", 0 },
		{ "poi/table_test.ppt", 0 },
		{ "poi/WithLinks.ppt", 0 },
		{ "format-corpus/ecdl_paris2001.ppt", 0 },
		{ "poi/57272_corrupted_usereditatom.ppt", 0 },
		{ "poi/PPT95.ppt", PPJ_EUNSUPPORTED },
		{ "format-corpus/ecdl_paris.ppt", PPJ_EUNSUPPORTED },
		{ "poi/Password_Protected-hello.ppt", PPJ_EENCRYPTED },
	};
	struct ppj_options o;
	char buf[1024];

	limits(&o);
	for (size_t i = 0; i < sizeof(decks) / sizeof(decks[0]); i++) {
		const char *p = corpus(decks[i].name, buf, sizeof(buf));
		struct ppj_deck *d = NULL;
		struct ppj_error e = { 0 };
		int rc;

		if (!p) {
			fprintf(stderr, "skip: %s (no corpus)\n",
				decks[i].name);
			continue;
		}
		rc = ppj__ppt_read(p, &o, &d, &e);
		if (rc != decks[i].rc)
			fprintf(stderr, "%s: %d %s\n", decks[i].name, rc,
				e.msg);
		CHECK_INT(rc, decks[i].rc);
		if (!rc)
			CHECK(d && d->nslides > 0);
		ppj_deck_free(d);
	}
}

TEST(corpus_links_and_notes)
{
	struct ppj_options o;
	struct ppj_deck *d = NULL;
	struct ppj_error e = { 0 };
	char buf[1024];
	const char *p = corpus("poi/WithLinks.ppt", buf, sizeof(buf));
	bool url = false;

	if (!p)
		return;
	limits(&o);
	REQUIRE(ppj__ppt_read(p, &o, &d, &e) == 0);
	REQUIRE(d->nslides == 2);
	CHECK_STR(d->slides[0].title, "I am the title of the first page");
	CHECK(d->slides[0].notes && strstr(d->slides[0].notes, "notes"));
	CHECK(d->slides[0].notes_html &&
	      strncmp(d->slides[0].notes_html, "<p>", 3) == 0);
	for (size_t s = 0; s < d->nslides; s++)
		for (size_t k = 0; k < d->slides[s].nshapes; k++) {
			const struct ppj_text *t = d->slides[s].shapes[k].text;

			for (size_t i = 0; t && i < t->nparas; i++)
				for (size_t r = 0; r < t->paras[i].nruns; r++)
					if (t->paras[i].runs[r].link.url)
						url = true;
		}
	CHECK(url);
	ppj_deck_free(d);
}

/* ---- more content ---- */

static void field_shape(struct pg_buf *b, void *arg)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a, tb;

	(void)arg;
	a = pg_begin(b, 2, 202, 0xF00A);
	pg_u32(b, 1040);
	pg_u32(b, 0xA00);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0xF010);
	pg_u16(b, 0);
	pg_u16(b, 0);
	pg_u16(b, 100);
	pg_u16(b, 100);
	pg_end(b, a);
	tb = pg_begin(b, 0xF, 0, 0xF00D);
	a = pg_atom_begin(b, 0, 0x0F9F);
	pg_u32(b, 4);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0x0FA8);	/* Latin-1 bytes */
	pg_bytes(b, "p. * caf\xe9", 9);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0x0FD8);	/* slide number at 3 */
	pg_u32(b, 3);
	pg_end(b, a);
	pg_end(b, tb);
	pg_end(b, sp);
}

TEST(fields_and_latin1_text)
{
	struct pg_spec s = { .shapes = field_shape };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_para *p;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	REQUIRE(d->nslides == 1 && d->slides[0].nshapes == 1);
	REQUIRE(d->slides[0].shapes[0].text);
	CHECK(d->slides[0].shapes[0].line.fill.kind == PPJ_FILL_NONE);
	p = &d->slides[0].shapes[0].text->paras[0];
	REQUIRE(p->nruns == 3);
	CHECK_STR(p->runs[0].text, "p. ");
	CHECK(p->runs[1].kind == PPJ_RUN_FIELD);
	CHECK_STR(p->runs[1].field, "slidenum");
	CHECK_STR(p->runs[1].text, "1");
	CHECK_STR(p->runs[2].text, " caf\xc3\xa9");
	ppj_deck_free(d);
}

/* Bytes of the stream changed at random (a fixed seed): never a crash. */
TEST(random_damage_never_crashes)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text };
	struct pg_buf doc, cu;
	const char *names[] = { "Current User", "PowerPoint Document" };
	const struct pg_buf *bufs[] = { NULL, NULL };
	char path[512];
	struct ppj_options o;
	uint32_t seed = 12345;

	snprintf(path, sizeof(path), "%s/rnd.ppt", unit_tmpdir());
	limits(&o);
	pg_build(&s, &doc, &cu);
	bufs[0] = &cu;
	bufs[1] = &doc;
	for (int round = 0; round < 300; round++) {
		uint8_t *copy = malloc(doc.len);
		struct ppj_deck *d = NULL;
		struct ppj_error e = { 0 };
		int rc;

		REQUIRE(copy);
		memcpy(copy, doc.d, doc.len);
		for (int k = 0; k < 1 + round % 8; k++) {
			seed = seed * 1103515245u + 12345u;
			doc.d[(seed >> 8) % doc.len] = (uint8_t)(seed >> 24);
		}
		REQUIRE(pg_write_ole(path, names, bufs, 2) == 0);
		rc = ppj__ppt_read(path, &o, &d, &e);
		CHECK(rc <= 0);
		CHECK((rc == 0) == (d != NULL));
		ppj_deck_free(d);
		memcpy(doc.d, copy, doc.len);
		free(copy);
	}
	pg_free(&doc);
	pg_free(&cu);
}

/* A title placeholder without an anchor, text from the slide list. */
static void unanchored_title(struct pg_buf *b, void *arg)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a, cd;

	(void)arg;
	a = pg_begin(b, 2, 1, 0xF00A);
	pg_u32(b, 1050);
	pg_u32(b, 0x820);
	pg_end(b, a);
	cd = pg_begin(b, 0xF, 0, 0xF011);
	a = pg_atom_begin(b, 0, 0x0BC3);
	pg_u32(b, 0);
	pg_u8(b, 13);
	pg_u8(b, 0);
	pg_u16(b, 0);
	pg_end(b, a);
	pg_end(b, cd);
	cd = pg_begin(b, 0xF, 0, 0xF00D);
	a = pg_atom_begin(b, 0, 0x0F9E);
	pg_u32(b, 0);
	pg_end(b, a);
	pg_end(b, cd);
	pg_end(b, sp);
}

TEST(placeholder_takes_the_master_box)
{
	struct pg_spec s = { .shapes = unanchored_title,
			     .list_text = title_body_text };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_shape *t;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	REQUIRE(d->nslides == 1);
	/* the master's title placeholder itself is not drawn */
	REQUIRE(d->slides[0].nshapes == 1);
	t = &d->slides[0].shapes[0];
	CHECK_STR(t->placeholder, "title");
	CHECK_INT(t->xf.x, 100 * 1587.5);
	CHECK_INT(t->xf.y, 50 * 1587.5);
	CHECK_INT(t->xf.cx, 1000 * 1587.5);
	CHECK_INT(t->xf.cy, 200 * 1587.5);
	CHECK_STR(d->slides[0].title, "Hello there");
	ppj_deck_free(d);
}

TEST(headers_and_footers)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text,
			     .footer = "Confidential" };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_slide *sl;
	bool num = false, foot = false;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	REQUIRE(d->nslides == 1);
	sl = &d->slides[0];
	CHECK_INT(sl->nshapes, 4);
	for (size_t i = 0; i < sl->nshapes; i++) {
		const struct ppj_shape *sh = &sl->shapes[i];
		const struct ppj_run *r;

		if (!sh->text || !sh->text->nparas ||
		    !sh->text->paras[0].nruns)
			continue;
		r = &sh->text->paras[0].runs[0];
		if (ppj_streq(sh->placeholder, "sldNum")) {
			num = true;
			CHECK_STR(r->text, "1");
			CHECK_STR(r->field, "slidenum");
		}
		if (ppj_streq(sh->placeholder, "ftr")) {
			foot = true;
			CHECK_STR(r->text, "Confidential");
		}
	}
	CHECK(num);
	CHECK(foot);
	ppj_deck_free(d);
}

/*
 * Today's date in the footers: a field in the HeadersFootersAtom's
 * format (index 4, datetime5), left for the page to fill in.
 */
TEST(headers_and_footers_today)
{
	struct pg_spec s = { .shapes = title_body_shapes,
			     .list_text = title_body_text,
			     .footer = "Confidential", .today_date = 5 };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_slide *sl;
	bool date = false;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	sl = &d->slides[0];
	CHECK_INT(sl->nshapes, 5);
	for (size_t i = 0; i < sl->nshapes; i++) {
		const struct ppj_shape *sh = &sl->shapes[i];
		const struct ppj_run *r;

		if (!ppj_streq(sh->placeholder, "dt"))
			continue;
		REQUIRE(sh->text && sh->text->nparas &&
			sh->text->paras[0].nruns);
		r = &sh->text->paras[0].runs[0];
		date = true;
		CHECK_INT(r->kind, PPJ_RUN_FIELD);
		CHECK_STR(r->field, "datetime5");
		CHECK_STR(r->text, "");
	}
	CHECK(date);
	ppj_deck_free(d);
}

/* WordArt: its text in the geometry text property 0xC0 (complex). */
static void wordart_shape(struct pg_buf *b, void *arg)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a;
	static const char text[] = "W\0o\0w\0";

	(void)arg;
	a = pg_begin(b, 2, 136, 0xF00A);
	pg_u32(b, 1060);
	pg_u32(b, 0xA00);
	pg_end(b, a);
	a = pg_begin(b, 3, 3, 0xF00B);
	pg_u16(b, 0x80C0);		/* gtextUNICODE, complex */
	pg_u32(b, 6);
	pg_u16(b, 0x00C3);		/* gtextSize: 40 pt */
	pg_u32(b, 40u << 16);
	pg_u16(b, 0x0181);		/* fill colour */
	pg_u32(b, 0x00FF00);
	pg_bytes(b, text, 6);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0xF010);
	pg_u16(b, 0);
	pg_u16(b, 0);
	pg_u16(b, 1000);
	pg_u16(b, 500);
	pg_end(b, a);
	pg_end(b, sp);
}

TEST(wordart_as_text)
{
	struct pg_spec s = { .shapes = wordart_shape };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_shape *sh;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	REQUIRE(d->nslides == 1 && d->slides[0].nshapes == 1);
	sh = &d->slides[0].shapes[0];
	REQUIRE(sh->text && sh->text->nparas == 1);
	REQUIRE(sh->text->paras[0].nruns == 1);
	CHECK_STR(sh->text->paras[0].runs[0].text, "Wow");
	/* stretched over its 125 x 62.5 pt box, as PowerPoint draws it */
	CHECK(sh->text->paras[0].runs[0].size > 30);
	CHECK(sh->text->paras[0].runs[0].size < 62.5);
	CHECK_INT(sh->text->paras[0].runs[0].fill.color.g, 255);
	CHECK(sh->fill.kind == PPJ_FILL_NONE);
	CHECK(!sh->text->warped);		/* 136: plain, no warp */
	CHECK(!has_warning(d, "ppt-shape-type"));
	ppj_deck_free(d);
}

/* A body text whose runs name entry 1 of the shape's StyleTextProp9. */
static void numbered_shape(struct pg_buf *b, void *arg)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a, cd, tags, tag, blob;

	(void)arg;
	a = pg_begin(b, 2, 1, 0xF00A);
	pg_u32(b, 1070);
	pg_u32(b, 0xA00);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0xF010);
	pg_u16(b, 0);
	pg_u16(b, 0);
	pg_u16(b, 1000);
	pg_u16(b, 1000);
	pg_end(b, a);
	cd = pg_begin(b, 0xF, 0, 0xF011);
	tags = pg_begin(b, 0xF, 0, 0x1388);
	tag = pg_begin(b, 0xF, 0, 0x138A);
	a = pg_atom_begin(b, 0, 0x0FBA);
	pg_utf16(b, "___PPT9");
	pg_end(b, a);
	blob = pg_atom_begin(b, 0, 0x138B);
	a = pg_atom_begin(b, 0, 0x0FAC);
	for (int i = 0; i < 3; i++)	/* entry 0: nothing */
		pg_u32(b, 0);
	pg_u32(b, 0x3000000);		/* entry 1: numbered, "(a)" from 3 */
	pg_u16(b, 1);
	pg_u16(b, 8);
	pg_u16(b, 3);
	pg_u32(b, 0);
	pg_u32(b, 0);
	pg_end(b, a);
	pg_end(b, blob);
	pg_end(b, tag);
	pg_end(b, tags);
	pg_end(b, cd);
	cd = pg_begin(b, 0xF, 0, 0xF00D);
	chars(b, 1, "One\rTwo\rThree");
	a = pg_atom_begin(b, 0, 0x0FA1);
	pg_u32(b, 14);			/* one paragraph run, level 0 */
	pg_u16(b, 0);
	pg_u32(b, 0);
	pg_u32(b, 14);			/* one character run: pp9rt 1 */
	pg_u32(b, 0x3C00);
	pg_u16(b, 1 << 10);
	pg_end(b, a);
	pg_end(b, cd);
	pg_end(b, sp);
}

TEST(automatic_numbering)
{
	struct pg_spec s = { .shapes = numbered_shape };
	struct ppj_deck *d = NULL;
	struct ppj_error e;
	const struct ppj_text *t;

	REQUIRE(read_spec(&s, &d, &e) == 0);
	REQUIRE(d->nslides == 1 && d->slides[0].nshapes == 1);
	t = d->slides[0].shapes[0].text;
	REQUIRE(t && t->nparas == 3);
	for (size_t i = 0; i < 3; i++)
		CHECK(t->paras[i].bullet.kind == PPJ_BULLET_AUTONUM);
	CHECK_STR(t->paras[0].bullet.text, "(c)");
	CHECK_STR(t->paras[1].bullet.text, "(d)");
	CHECK_STR(t->paras[2].bullet.text, "(e)");
	ppj_deck_free(d);
}
