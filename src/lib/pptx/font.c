/*
 * Embedded fonts (p:embeddedFontLst of the presentation part).
 *
 * Each p:embeddedFont names a typeface and up to four faces (regular,
 * bold, italic, boldItalic), each the r:id of a font part. PowerPoint
 * writes these parts (ppt/fonts/fontN.fntdata, application/x-fontdata)
 * as Embedded OpenType: an EOT header, then the font data, usually
 * compressed with MicroType Express (MTX) and sometimes XOR-encrypted.
 * Other writers store a plain TrueType/OpenType file, or one obfuscated
 * as Word does (ECMA-376 Part 1, 17.8.1): the first 32 bytes XORed with
 * a GUID, which PresentationML has no fontKey attribute for, so the GUID
 * is the part's base name (as XPS does).
 *
 * Each face is restored here to a plain sfnt file in the arena; the
 * renderer decides what to ship. A face that cannot be restored is a
 * deck warning (`embedded-font`), never an error.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libeot/libeot.h>

#include "pptxInt.h"

#define FONTS_MAX 64		/* embedded families we read */
#define EOT_HEADER_MIN 82	/* fixed fields up to the first name */
#define EOT_MAGIC 0x504c
#define EOT_COMPRESSED 0x4	/* TTEMBED_TTCOMPRESSED: MTX */
#define EOT_DEADLINE_MS 10000	/* the longest silence of a decoder */

static const char *const face_elems[PPJ_NFACES] = { "regular", "bold",
	"italic", "boldItalic" };

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		(uint32_t)p[3] << 24;
}

/* TrueType (1.0 or 'true') or CFF OpenType ('OTTO'). */
static bool is_sfnt(const unsigned char *p, size_t len)
{
	return len >= 12 && (memcmp(p, "\0\1\0\0", 4) == 0 ||
			     memcmp(p, "OTTO", 4) == 0 ||
			     memcmp(p, "true", 4) == 0);
}

/*
 * An EOT header the way the W3C submission lays it out: EOTSize,
 * FontDataSize, Version, Flags, ..., MagicNumber 0x504C at offset 34.
 * The font data is the last field in every version.
 */
static bool is_eot(const unsigned char *p, size_t len)
{
	uint32_t size, data, ver;

	if (len < EOT_HEADER_MIN)
		return false;
	size = le32(p);
	data = le32(p + 4);
	ver = le32(p + 8);
	return size <= len && data > 0 && data < size &&
		(ver == 0x00010000 || ver == 0x00020001 ||
		 ver == 0x00020002) &&
		(p[34] | p[35] << 8) == EOT_MAGIC;
}

struct eot_job {
	const unsigned char *p;
	size_t len;
};

/* The child's side: decode, write the sfnt to fd. */
static int eot_child(void *arg, int fd)
{
	struct eot_job *job = arg;
	struct EOTMetadata meta;
	uint8_t *out = NULL;
	unsigned n = 0;
	enum EOTError e;

	memset(&meta, 0, sizeof(meta));
	e = EOT2ttf_buffer(job->p, (unsigned)job->len, &meta, &out, &n);
	if ((e != EOT_SUCCESS && e < EOT_WARN) || !out || !is_sfnt(out, n))
		return -1;
	return ppj_child_write(fd, out, n);
}

/*
 * Undoes an EOT with libeot (which knows MTX). Its MTX decoder longjmps
 * through an unset jmp_buf on malformed data (a crash, seen on corrupted
 * parts), so the decode runs in a child process: a crash or a hang there
 * costs that face only. The result is malloc'd; NULL when it failed.
 */
static unsigned char *from_eot(const unsigned char *p, size_t len,
			       size_t cap, size_t *out_len, const char **why)
{
	struct eot_job job = { p, len };
	unsigned char *out = NULL;

	if (len <= 0xffffffffu)
		out = ppj_child_run(eot_child, &job, cap, EOT_DEADLINE_MS,
				    out_len);
	if (!out || !is_sfnt(out, *out_len)) {
		free(out);
		*why = le32(p + 12) & EOT_COMPRESSED ?
			"MTX-compressed data that libeot cannot decode" :
			"damaged EOT data";
		return NULL;
	}
	return out;
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/*
 * The obfuscation key from a part name such as
 * ppt/fonts/{0B1C2D3E-...}.odttf: the 32 hex digits of the base name,
 * read as bytes and reversed. False if the name holds no GUID.
 */
static bool guid_key(const char *name, unsigned char key[16])
{
	const char *base = strrchr(name, '/');
	int digits[32], n = 0;

	for (const char *s = base ? base + 1 : name; *s && *s != '.'; s++) {
		if (*s == '{' || *s == '}' || *s == '-')
			continue;
		if (n == 32 || hexval(*s) < 0)
			return false;
		digits[n++] = hexval(*s);
	}
	if (n != 32)
		return false;
	for (int i = 0; i < 16; i++)
		key[15 - i] = (unsigned char)(digits[2 * i] << 4 |
					      digits[2 * i + 1]);
	return true;
}

/* XORs the first 32 bytes in place; true if an sfnt comes out. */
static bool deobfuscate(const char *name, unsigned char *p, size_t len)
{
	unsigned char key[16];

	if (len < 32 || !guid_key(name, key))
		return false;
	for (int i = 0; i < 32; i++)
		p[i] ^= key[i % 16];
	if (is_sfnt(p, len))
		return true;
	for (int i = 0; i < 32; i++)
		p[i] ^= key[i % 16];
	return false;
}

/* Copies a restored face into the arena, within the part cap. */
static int keep_face(struct pptx *px, struct ppj_font *f, int k,
		     const unsigned char *p, size_t len)
{
	unsigned char *copy;

	if (len > px->lim->max_part_bytes) {
		ppj_warn(px->deck, NULL, "embedded-font", "face of embedded "
			 "font '%.100s' is over the part size limit",
			 f->family);
		return 0;
	}
	copy = ppj_arena_alloc(px->arena, len);
	if (!copy)
		return pptx_oom(px);
	memcpy(copy, p, len);
	f->face[k].data = copy;
	f->face[k].len = len;
	return 0;
}

/* Reads and restores one face; a face that cannot be is a warning. */
static int read_face(struct pptx *px, struct ppj_font *f, int k,
		     const char *part)
{
	struct ppj_error local = { 0 };
	const char *why = "not a font";
	unsigned char *data, *eot;
	size_t len, n = 0;
	int rc;

	rc = ppj__opc_read(px->opc, part, &data, &len, &local);
	if (rc == PPJ_ETOOLARGE || rc == PPJ_ENOMEM)
		return ppj__error(px->err, rc, "%s", local.msg);
	if (rc) {
		ppj_warn(px->deck, NULL, "embedded-font", "%s", local.msg);
		return 0;
	}

	if (is_sfnt(data, len) || deobfuscate(part, data, len)) {
		rc = keep_face(px, f, k, data, len);
	} else if (is_eot(data, len) &&
		   (eot = from_eot(data, len, px->lim->max_part_bytes, &n,
				   &why))) {
		rc = keep_face(px, f, k, eot, n);
		free(eot);
	} else {
		ppj_warn(px->deck, NULL, "embedded-font", "%s face of "
			 "embedded font '%.100s' not restored: %s",
			 face_elems[k], f->family, why);
	}
	free(data);
	return rc;
}

/* The faces of one p:embeddedFont. */
static int read_font(struct pptx *px, xmlNode *ef,
		     const struct ppj_rels *rels, struct ppj_font *f)
{
	int rc = 0;

	for (int k = 0; k < PPJ_NFACES && !rc; k++) {
		xmlNode *el = ppj__xml_child(ef, NS_P, face_elems[k]);
		const struct ppj_rel *rel = ppj__rel_by_id(rels,
			ppj__xml_attr_ns(el, NS_R, "id"));

		if (!el)
			continue;
		if (!rel || rel->external || !rel->target ||
		    !ppj__opc_has(px->opc, rel->target)) {
			ppj_warn(px->deck, NULL, "embedded-font", "%s face of "
				 "embedded font '%.100s' is missing",
				 face_elems[k], f->family);
			continue;
		}
		rc = read_face(px, f, k, rel->target);
	}
	return rc;
}

/* ---- which families the slides use ---- */

static bool names(const char *a, const char *family)
{
	return a && strcasecmp(a, family) == 0;
}

static bool run_uses(const struct ppj_run *r, const char *family)
{
	return names(r->font, family) || names(r->font_ea, family) ||
	       names(r->font_cs, family) || names(r->font_sym, family);
}

static bool text_uses(const struct ppj_text *t, const char *family)
{
	for (size_t i = 0; t && i < t->nparas; i++) {
		const struct ppj_para *p = &t->paras[i];

		if (names(p->bullet.font, family) || run_uses(&p->end, family))
			return true;
		for (size_t k = 0; k < p->nruns; k++)
			if (run_uses(&p->runs[k], family))
				return true;
	}
	return false;
}

static bool shape_uses(const struct ppj_shape *s, const char *family,
		       int depth)
{
	const struct ppj_table *t = s->table;

	if (text_uses(s->text, family))
		return true;
	for (int i = 0; t && i < t->nrows * t->ncols; i++)
		if (text_uses(t->cells[i].text, family))
			return true;
	for (size_t i = 0; depth < 64 && i < s->nchildren; i++)
		if (shape_uses(&s->children[i], family, depth + 1))
			return true;
	return false;
}

/*
 * Whether any text of the slides is set in family: a face nobody uses
 * is not restored (decoding an EOT face costs a child process).
 */
static bool deck_uses(const struct ppj_deck *d, const char *family)
{
	for (size_t i = 0; i < d->nslides; i++)
		for (size_t k = 0; k < d->slides[i].nshapes; k++)
			if (shape_uses(&d->slides[i].shapes[k], family, 0))
				return true;
	return false;
}

static bool listed(const struct ppj_deck *d, const char *family)
{
	for (size_t i = 0; i < d->nfonts; i++)
		if (strcasecmp(d->fonts[i].family, family) == 0)
			return true;
	return false;
}

int pptx_embedded_fonts(struct pptx *px, xmlNode *root,
			const struct ppj_rels *rels)
{
	xmlNode *lst = ppj__xml_child(root, NS_P, "embeddedFontLst");
	struct ppj_deck *d = px->deck;
	int rc = 0;

	if (!lst)
		return 0;
	d->fonts = ppj_arena_calloc(px->arena, FONTS_MAX, sizeof(*d->fonts));
	if (!d->fonts)
		return pptx_oom(px);
	for (xmlNode *ef = ppj__xml_first(lst); ef && !rc;
	     ef = ppj__xml_next(ef)) {
		const char *family = ppj__xml_attr(ppj__xml_child(ef, NS_P,
							"font"), "typeface");
		struct ppj_font *f = &d->fonts[d->nfonts];

		/* PowerPoint wants typefaces unique; the first wins. */
		if (!ppj__xml_is(ef, NS_P, "embeddedFont") || !family ||
		    !*family || listed(d, family) || !deck_uses(d, family))
			continue;
		if (d->nfonts == FONTS_MAX) {
			ppj_warn(d, NULL, "embedded-font", "more than %d "
				 "embedded fonts; the rest are not read",
				 FONTS_MAX);
			break;
		}
		f->family = pptx_str(px, family);
		if (!f->family)
			return pptx_oom(px);
		d->nfonts++;
		rc = read_font(px, ef, rels, f);
	}
	return rc;
}
