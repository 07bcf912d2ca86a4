/*
 * The test .ppt writer (see pptgen.h). The deck it builds is the smallest
 * that PowerPoint's structure allows: a DocumentContainer (persist id 1),
 * a main master (2) with a colour scheme and title/body text styles, one
 * slide (3), a persist directory, a UserEditAtom and a Current User
 * stream pointing at it.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-stdio.h>

#include "pptgen.h"

void pg_free(struct pg_buf *b)
{
	free(b->d);
	memset(b, 0, sizeof(*b));
}

void pg_bytes(struct pg_buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n)
			cap *= 2;
		b->d = realloc(b->d, cap);
		if (!b->d)
			abort();
		b->cap = cap;
	}
	if (n)
		memcpy(b->d + b->len, p, n);
	b->len += n;
}

void pg_u8(struct pg_buf *b, unsigned v)
{
	uint8_t x = (uint8_t)v;

	pg_bytes(b, &x, 1);
}

void pg_u16(struct pg_buf *b, unsigned v)
{
	pg_u8(b, v & 0xFF);
	pg_u8(b, (v >> 8) & 0xFF);
}

void pg_u32(struct pg_buf *b, uint32_t v)
{
	pg_u16(b, v & 0xFFFF);
	pg_u16(b, v >> 16);
}

void pg_utf16(struct pg_buf *b, const char *s)
{
	for (; *s; s++)
		pg_u16(b, (unsigned char)*s);
}

size_t pg_begin(struct pg_buf *b, unsigned ver, unsigned inst,
		unsigned type)
{
	size_t at = b->len;

	pg_u16(b, (ver & 0xF) | inst << 4);
	pg_u16(b, type);
	pg_u32(b, 0);
	return at;
}

size_t pg_atom_begin(struct pg_buf *b, unsigned inst, unsigned type)
{
	return pg_begin(b, 0, inst, type);
}

void pg_end(struct pg_buf *b, size_t at)
{
	uint32_t n = (uint32_t)(b->len - at - 8);

	b->d[at + 4] = n & 0xFF;
	b->d[at + 5] = (n >> 8) & 0xFF;
	b->d[at + 6] = (n >> 16) & 0xFF;
	b->d[at + 7] = n >> 24;
}

void pg_atom(struct pg_buf *b, unsigned inst, unsigned type,
	     const void *body, size_t n)
{
	size_t at = pg_atom_begin(b, inst, type);

	pg_bytes(b, body, n);
	pg_end(b, at);
}

void pg_fopt(struct pg_buf *b, const uint32_t *pv, size_t npairs)
{
	size_t at = pg_begin(b, 3, (unsigned)npairs, 0xF00B);

	for (size_t i = 0; i < npairs; i++) {
		pg_u16(b, pv[2 * i]);
		pg_u32(b, pv[2 * i + 1]);
	}
	pg_end(b, at);
}

void pg_shape(struct pg_buf *b, unsigned spt, int l, int t, int r, int bm,
	      const uint32_t *fopt, size_t npairs)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a;

	a = pg_begin(b, 2, spt, 0xF00A);
	pg_u32(b, 1025);
	pg_u32(b, 0xA00);
	pg_end(b, a);
	if (npairs)
		pg_fopt(b, fopt, npairs);
	a = pg_atom_begin(b, 0, 0xF010);
	pg_u16(b, (unsigned)t);
	pg_u16(b, (unsigned)l);
	pg_u16(b, (unsigned)r);
	pg_u16(b, (unsigned)bm);
	pg_end(b, a);
	pg_end(b, sp);
}

/* A TextMasterStyleLevel for levels of title/body: font 0, size, bullet. */
static void style_level(struct pg_buf *b, unsigned size, bool bullet)
{
	/* pf: hasBullet + bulletChar + align */
	pg_u32(b, 0x1 | 0x80 | 0x800);
	pg_u16(b, bullet ? 1 : 0);
	pg_u16(b, 0x2022);
	pg_u16(b, 0);
	/* cf: bold/italic + font + size + colour (scheme 1) */
	pg_u32(b, 0x3 | 0x10000 | 0x20000 | 0x40000);
	pg_u16(b, size >= 40 ? 1 : 0);	/* titles bold */
	pg_u16(b, 0);
	pg_u16(b, size);
	pg_u32(b, 0x01000000);
}

static void patriarch(struct pg_buf *b)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a;

	a = pg_atom_begin(b, 0, 0xF009);
	for (int i = 0; i < 4; i++)
		pg_u32(b, 0);
	pg_end(b, a);
	a = pg_begin(b, 2, 0, 0xF00A);
	pg_u32(b, 1024);
	pg_u32(b, 0x5);			/* group, patriarch */
	pg_end(b, a);
	pg_end(b, sp);
}

/* The master's title placeholder: at (100, 50), 1000 x 200 units. */
static void master_title(struct pg_buf *b)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a, cd;

	a = pg_begin(b, 2, 1, 0xF00A);
	pg_u32(b, 2049);
	pg_u32(b, 0xA00);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0xF010);
	pg_u16(b, 50);
	pg_u16(b, 100);
	pg_u16(b, 1100);
	pg_u16(b, 250);
	pg_end(b, a);
	cd = pg_begin(b, 0xF, 0, 0xF011);
	a = pg_atom_begin(b, 0, 0x0BC3);
	pg_u32(b, 0);
	pg_u8(b, 1);
	pg_u8(b, 0);
	pg_u16(b, 0);
	pg_end(b, a);
	pg_end(b, cd);
	pg_end(b, sp);
}

/*
 * A master placeholder (7 date, 8 slide number, 9 footer) showing one
 * field.
 */
static void master_field(struct pg_buf *b, unsigned ph, unsigned mc)
{
	size_t sp = pg_begin(b, 0xF, 0, 0xF004), a, cd;

	a = pg_begin(b, 2, 1, 0xF00A);
	pg_u32(b, 2050 + ph);
	pg_u32(b, 0xA00);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0xF010);
	pg_u16(b, 4000);
	pg_u16(b, ph * 100);
	pg_u16(b, ph * 100 + 400);
	pg_u16(b, 4200);
	pg_end(b, a);
	cd = pg_begin(b, 0xF, 0, 0xF011);
	a = pg_atom_begin(b, 0, 0x0BC3);
	pg_u32(b, 0);
	pg_u8(b, ph);
	pg_u8(b, 0);
	pg_u16(b, 0);
	pg_end(b, a);
	pg_end(b, cd);
	cd = pg_begin(b, 0xF, 0, 0xF00D);
	a = pg_atom_begin(b, 0, 0x0F9F);
	pg_u32(b, 4);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, 0x0FA8);
	pg_bytes(b, "*", 1);
	pg_end(b, a);
	a = pg_atom_begin(b, 0, mc);
	pg_u32(b, 0);
	pg_end(b, a);
	pg_end(b, cd);
	pg_end(b, sp);
}

static void master(struct pg_buf *b, const struct pg_spec *s)
{
	size_t m = pg_begin(b, 0xF, 0, 0x03F8), a, dr, dg, gr;
	static const uint8_t scheme[32] = {
		255, 255, 255, 0, 0, 0, 0, 0, 128, 128, 128, 0,
		0, 0, 128, 0, 0, 204, 153, 0, 51, 51, 204, 0,
		204, 204, 255, 0, 178, 178, 178, 0,
	};

	a = pg_atom_begin(b, 0, 0x03EF);
	for (int i = 0; i < 24; i++)
		pg_u8(b, 0);
	pg_end(b, a);
	pg_atom(b, 1, 0x07F0, scheme, sizeof(scheme));
	a = pg_atom_begin(b, 0, 0x0FA3);	/* title */
	pg_u16(b, 1);
	style_level(b, 44, false);
	pg_end(b, a);
	a = pg_atom_begin(b, 1, 0x0FA3);	/* body */
	pg_u16(b, 2);
	style_level(b, 32, true);
	style_level(b, 28, true);
	pg_end(b, a);
	dr = pg_begin(b, 0xF, 0, 0x040C);
	dg = pg_begin(b, 0xF, 0, 0xF002);
	gr = pg_begin(b, 0xF, 0, 0xF003);
	patriarch(b);
	master_title(b);
	if (s->footer) {
		master_field(b, 8, 0x0FD8);
		master_field(b, 9, 0x0FFA);
		if (s->today_date)
			master_field(b, 7, 0x0FF8);
	}
	pg_end(b, gr);
	pg_end(b, dg);
	pg_end(b, dr);
	pg_end(b, m);
}

static void slide(struct pg_buf *b, const struct pg_spec *s)
{
	size_t sl = pg_begin(b, 0xF, 0, 0x03EE), a, dr, dg, gr;

	a = pg_atom_begin(b, 0, 0x03EF);
	pg_u32(b, 0);
	for (int i = 0; i < 8; i++)
		pg_u8(b, 0);
	pg_u32(b, 0x80000000u);		/* masterIdRef */
	pg_u32(b, 0);			/* notesIdRef */
	pg_u16(b, 0x7);			/* follow the master */
	pg_u16(b, 0);
	pg_end(b, a);
	dr = pg_begin(b, 0xF, 0, 0x040C);
	dg = pg_begin(b, 0xF, 0, 0xF002);
	gr = pg_begin(b, 0xF, 0, 0xF003);
	patriarch(b);
	if (s->shapes)
		s->shapes(b, s->arg);
	pg_end(b, gr);
	pg_end(b, dg);
	pg_end(b, dr);
	pg_end(b, sl);
}

static void persist_atom(struct pg_buf *b, uint32_t ref, uint32_t id)
{
	size_t a = pg_atom_begin(b, 0, 0x03F3);

	pg_u32(b, ref);
	pg_u32(b, 0);
	pg_u32(b, 0);
	pg_u32(b, id);
	pg_u32(b, 0);
	pg_end(b, a);
}

static void document(struct pg_buf *b, const struct pg_spec *s)
{
	size_t d = pg_begin(b, 0xF, 0, 0x03E8), a, env, fc, l, dgg, bs;

	a = pg_atom_begin(b, 0, 0x03E9);
	pg_u32(b, 5760);
	pg_u32(b, 4320);
	for (int i = 0; i < 32; i++)
		pg_u8(b, 0);
	pg_end(b, a);
	env = pg_begin(b, 0xF, 0, 0x03F2);
	fc = pg_begin(b, 0xF, 0, 0x07D5);
	a = pg_atom_begin(b, 0, 0x0FB7);
	pg_utf16(b, "Arial");
	while (b->len < a + 8 + 68)
		pg_u8(b, 0);
	pg_end(b, a);
	pg_end(b, fc);
	pg_end(b, env);
	if (s->bstore) {
		a = pg_begin(b, 0xF, 0, 0x040B);
		dgg = pg_begin(b, 0xF, 0, 0xF000);
		bs = pg_begin(b, 0xF, 1, 0xF001);
		s->bstore(b, s->arg);
		pg_end(b, bs);
		pg_end(b, dgg);
		pg_end(b, a);
	}
	if (s->footer) {
		size_t hf = pg_begin(b, 0xF, 3, 0x0FD9);

		a = pg_atom_begin(b, 0, 0x0FDA);
		pg_u16(b, s->today_date ? (unsigned)s->today_date - 1 : 0);
		pg_u16(b, s->today_date ? 0x2B : 0x28);
		pg_end(b, a);
		a = pg_atom_begin(b, 2, 0x0FBA);
		pg_utf16(b, s->footer);
		pg_end(b, a);
		pg_end(b, hf);
	}
	l = pg_begin(b, 0xF, 1, 0x0FF0);
	persist_atom(b, 2, 0x80000000u);
	pg_end(b, l);
	l = pg_begin(b, 0xF, 0, 0x0FF0);
	persist_atom(b, 3, 256);
	if (s->list_text)
		s->list_text(b, s->arg);
	pg_end(b, l);
	pg_end(b, d);
}

void pg_build(const struct pg_spec *s, struct pg_buf *doc,
	      struct pg_buf *cu)
{
	uint32_t off[3], dir, edit;
	size_t a;

	memset(doc, 0, sizeof(*doc));
	memset(cu, 0, sizeof(*cu));
	off[0] = (uint32_t)doc->len;
	document(doc, s);
	off[1] = (uint32_t)doc->len;
	master(doc, s);
	off[2] = (uint32_t)doc->len;
	slide(doc, s);
	if (s->damage == PG_SLIDE_IS_DOC)
		off[2] = off[0];

	dir = (uint32_t)doc->len;
	a = pg_atom_begin(doc, 0, 0x1772);
	pg_u32(doc, 1 | 3u << 20);
	for (int i = 0; i < 3; i++)
		pg_u32(doc, off[i]);
	pg_end(doc, a);

	edit = (uint32_t)doc->len;
	a = pg_atom_begin(doc, 0, 0x0FF5);
	pg_u32(doc, 256);
	pg_u16(doc, 0);
	pg_u8(doc, 0);
	pg_u8(doc, 3);
	pg_u32(doc, s->damage == PG_LOOP_EDIT ? edit : 0);
	pg_u32(doc, s->damage == PG_LOOP_DIR ? edit : dir);
	pg_u32(doc, 1);
	pg_u32(doc, 4);
	pg_u16(doc, 1);
	pg_u16(doc, 0);
	if (s->damage == PG_ENCRYPT_EDIT)
		pg_u32(doc, 4);
	pg_end(doc, a);
	if (s->cut && s->cut < doc->len)
		doc->len = s->cut;

	if (s->damage == PG_PP95) {
		pg_bytes(cu, "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", 10);
		return;
	}
	a = pg_atom_begin(cu, 0, 0x0FF6);
	pg_u32(cu, 0x14);
	pg_u32(cu, s->damage == PG_ENCRYPT_TOKEN ? 0xF3D1C4DFu : 0xE391C05Fu);
	pg_u32(cu, edit);
	pg_u16(cu, 4);
	pg_u16(cu, 0x03F4);
	pg_u8(cu, 3);
	pg_u8(cu, 0);
	pg_u16(cu, 0);
	pg_bytes(cu, "test", 4);
	pg_u32(cu, 8);
	pg_end(cu, a);
}

int pg_write_ole(const char *path, const char *const *names,
		 const struct pg_buf *const *bufs, size_t n)
{
	GsfOutput *out = gsf_output_stdio_new(path, NULL);
	GsfOutfile *ole;

	if (!out)
		return -1;
	ole = gsf_outfile_msole_new(out);
	g_object_unref(out);
	if (!ole)
		return -1;
	for (size_t i = 0; i < n; i++) {
		GsfOutput *s;

		if (!bufs[i])
			continue;
		s = gsf_outfile_new_child(ole, names[i], FALSE);
		if (bufs[i]->len)
			gsf_output_write(s, bufs[i]->len, bufs[i]->d);
		gsf_output_close(s);
		g_object_unref(s);
	}
	gsf_output_close(GSF_OUTPUT(ole));
	g_object_unref(ole);
	return 0;
}

int pg_write_deck(const char *path, const struct pg_spec *s)
{
	struct pg_buf doc, cu;
	const char *names[] = { "Current User", "PowerPoint Document",
				"Pictures" };
	const struct pg_buf *bufs[3];
	int rc;

	pg_build(s, &doc, &cu);
	bufs[0] = &cu;
	bufs[1] = &doc;
	bufs[2] = s->pictures;
	rc = pg_write_ole(path, names, bufs, 3);
	pg_free(&doc);
	pg_free(&cu);
	return rc;
}
