/*
 * Pictures of a .ppt: the BLIP store (OfficeArtBStoreContainer in the
 * drawing group) lists one FBSE per picture; the picture itself (a BLIP
 * record) sits in the "Pictures" stream at the FBSE's offset, or inside
 * the FBSE. A picture becomes a model media entry on its first use.
 *
 * JPEG and PNG keep their bytes; a DIB gets a BITMAPFILEHEADER in front to
 * make a .bmp; EMF, WMF and PICT are stored deflated and are inflated here
 * (bounded by the part limit) for the renderer's metafile converter. A WMF
 * gets back the placeable header that PowerPoint strips.
 */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "ppt-int.h"

#define MAX_BLIPS 65536

/* Reads the FBSEs of the BLIP store in dgg (a DggContainer). */
int ppt_read_bstore(struct ppt_ctx *c, const struct ppt_rec *dgg)
{
	struct ppt_rec bs, r;
	struct ppt_iter it;
	size_t n = 0;

	if (!ppt_child(dgg, RT_BSTORE_CONTAINER, &bs))
		return 0;
	ppt_iter_init(&it, &bs);
	while (ppt_iter_next(&it, &r))
		n++;
	if (n > MAX_BLIPS)
		n = MAX_BLIPS;
	c->blips = ppj_arena_calloc(&c->deck->arena, n + 1,
				    sizeof(*c->blips));
	if (!c->blips)
		return ppj__error(c->err, PPJ_ETOOLARGE, "the deck needs more "
				  "memory than allowed");
	ppt_iter_init(&it, &bs);
	while (c->nblips < n && ppt_iter_next(&it, &r)) {
		struct ppt_blip *b = &c->blips[c->nblips++];
		uint32_t off = ppt_u32(&r, 28);
		uint8_t name = ppt_u8(&r, 33);
		struct ppt_rec br;

		if (r.type != RT_FBSE)
			continue;
		if (r.len >= 36 + (size_t)name + 8) {
			ppt_rec_at(r.data, r.len, 36 + name, &br);
			b->rec = r.data + 36 + name;
			b->reclen = 8 + br.len;
		} else if (c->pics && off < c->picslen) {
			b->rec = c->pics + off;
			b->reclen = c->picslen - off;
		}
	}
	return 0;
}

/* Inflates n bytes at p into at most cap bytes (malloc'd), or NULL. */
static uint8_t *inflate_bounded(const uint8_t *p, size_t n, size_t cap,
				size_t *outlen)
{
	z_stream z;
	uint8_t *out = malloc(cap ? cap : 1);
	int zr;

	*outlen = 0;
	if (!out)
		return NULL;
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = (Bytef *)p;
	z.avail_in = (uInt)(n < UINT32_MAX ? n : UINT32_MAX);
	z.next_out = out;
	z.avail_out = (uInt)cap;
	zr = inflate(&z, Z_FINISH);
	*outlen = z.total_out;
	inflateEnd(&z);
	if ((zr != Z_STREAM_END && zr != Z_BUF_ERROR && zr != Z_OK) ||
	    !*outlen) {
		free(out);
		return NULL;
	}
	return out;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xFF;
	p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}

/* The placeable header of a WMF for the bounds the BLIP gives. */
static void wmf_header(uint8_t *h, const struct ppt_rec *r, size_t hdr)
{
	int32_t l = ppt_i32(r, hdr + 4), t = ppt_i32(r, hdr + 8);
	int32_t rt = ppt_i32(r, hdr + 12), b = ppt_i32(r, hdr + 16);
	int32_t emu_w = ppt_i32(r, hdr + 20);
	int64_t inch = 1440;

	if (emu_w > 0 && rt > l)
		inch = ((int64_t)rt - l) * 914400 / emu_w;
	if (inch < 1 || inch > 65535)
		inch = 1440;
	ppj_wmf_placeable(h, l, t, rt, b, (unsigned)inch);
}

struct blipdata {
	const char *type;
	const char *ext;
	uint8_t *data;
	size_t len;
};

/* A metafile BLIP: a 34-byte header, then the (deflated) data. */
static int metafile(struct ppt_ctx *c, const struct ppt_rec *r, size_t hdr,
		    bool wmf, struct blipdata *d)
{
	size_t cap = c->opts->limits.max_part_bytes;
	uint32_t full = ppt_u32(r, hdr);
	uint32_t saved = ppt_u32(r, hdr + 28);
	uint8_t comp = ppt_u8(r, hdr + 32);
	const uint8_t *p = r->data + hdr + 34;
	size_t n = r->len > hdr + 34 ? r->len - hdr - 34 : 0;
	size_t pre = wmf ? PPJ_WMF_PLACEABLE : 0, got = 0;
	uint8_t *raw;

	if (saved < n)
		n = saved;
	if (full && full < cap)
		cap = full;
	if (comp == 0) {
		raw = inflate_bounded(p, n, cap, &got);
	} else {
		raw = n ? malloc(n) : NULL;
		if (raw)
			memcpy(raw, p, got = n);
	}
	if (!raw)
		return -1;
	if (wmf && got >= 4 && memcmp(raw, PPJ_WMF_KEY, 4) == 0)
		pre = 0;
	d->data = ppj_arena_alloc(&c->deck->arena, got + pre);
	if (d->data) {
		if (pre)
			wmf_header(d->data, r, hdr);
		memcpy(d->data + pre, raw, got);
		d->len = got + pre;
	}
	free(raw);
	return d->data ? 0 : -1;
}

/* A DIB: prefix a BITMAPFILEHEADER. */
static int dib(struct ppt_ctx *c, const uint8_t *p, size_t n,
	       struct blipdata *d)
{
	struct ppt_rec r = { .data = p, .len = (uint32_t)n };
	uint32_t hsize = ppt_u32(&r, 0), bits = ppt_u16(&r, 14);
	uint32_t used = ppt_u32(&r, 32), comp = ppt_u32(&r, 16);
	uint64_t pal;

	if (n < 40 || hsize < 12 || hsize > n)
		return -1;
	pal = used ? used : bits <= 8 ? 1u << bits : 0;
	pal *= hsize == 12 ? 3 : 4;
	if (comp == 3 && hsize == 40)
		pal += 12;
	d->data = ppj_arena_alloc(&c->deck->arena, n + 14);
	if (!d->data)
		return -1;
	d->data[0] = 'B';
	d->data[1] = 'M';
	put32(d->data + 2, (uint32_t)(n + 14));
	put32(d->data + 6, 0);
	put32(d->data + 10, (uint32_t)(14 + hsize + pal));
	memcpy(d->data + 14, p, n);
	d->len = n + 14;
	return 0;
}

/* The second UID is there when the instance is odd for these types. */
static size_t uid_len(uint16_t inst, uint16_t one, uint16_t two)
{
	return inst == two ? 32 : inst == one ? 16 : (inst & 1) ? 32 : 16;
}

static int decode(struct ppt_ctx *c, const struct ppt_rec *r,
		  struct blipdata *d)
{
	size_t u;

	switch (r->type) {
	case RT_BLIP_EMF:
		d->type = "image/x-emf", d->ext = "emf";
		return metafile(c, r, uid_len(r->inst, 0x3D4, 0x3D5), false, d);
	case RT_BLIP_WMF:
		d->type = "image/x-wmf", d->ext = "wmf";
		return metafile(c, r, uid_len(r->inst, 0x216, 0x217), true, d);
	case RT_BLIP_PICT:
		d->type = "image/x-pict", d->ext = "pict";
		return metafile(c, r, uid_len(r->inst, 0x542, 0x543), false, d);
	case RT_BLIP_DIB:
		u = uid_len(r->inst, 0x7A8, 0x7A9) + 1;
		d->type = "image/bmp", d->ext = "bmp";
		return r->len > u ? dib(c, r->data + u, r->len - u, d) : -1;
	case RT_BLIP_JPEG:
	case RT_BLIP_JPEG_CMYK:
		u = uid_len(r->inst, 0x46A, 0x46B) + 1;
		d->type = "image/jpeg", d->ext = "jpg";
		break;
	case RT_BLIP_PNG:
		u = uid_len(r->inst, 0x6E0, 0x6E1) + 1;
		d->type = "image/png", d->ext = "png";
		break;
	case RT_BLIP_TIFF:
		u = uid_len(r->inst, 0x6E4, 0x6E5) + 1;
		d->type = "image/tiff", d->ext = "tiff";
		break;
	default:
		return -1;
	}
	if (r->len <= u)
		return -1;
	d->len = r->len - u;
	d->data = ppj_arena_alloc(&c->deck->arena, d->len);
	if (!d->data)
		return -1;
	memcpy(d->data, r->data + u, d->len);
	return 0;
}

static void pixel_size(struct ppj_media *m)
{
	const uint8_t *p = m->data;

	if (strcmp(m->content_type, "image/png") == 0 && m->len >= 24) {
		m->px_w = (int64_t)((uint32_t)p[16] << 24 | p[17] << 16 |
				    p[18] << 8 | p[19]);
		m->px_h = (int64_t)((uint32_t)p[20] << 24 | p[21] << 16 |
				    p[22] << 8 | p[23]);
	} else if (strcmp(m->content_type, "image/bmp") == 0 && m->len >= 26) {
		m->px_w = (int32_t)ppt_le32(p + 18);
		m->px_h = (int32_t)ppt_le32(p + 22);
		if (m->px_h < 0)
			m->px_h = -m->px_h;
	}
}

static struct ppj_media *add_media(struct ppt_ctx *c, struct blipdata *d)
{
	struct ppj_deck *deck = c->deck;
	struct ppj_media *m = ppj_arena_alloc(&deck->arena, sizeof(*m));
	struct ppj_media **list;

	if (!m)
		return NULL;
	list = ppj_arena_calloc(&deck->arena, deck->nmedia + 1,
				sizeof(*list));
	if (!list)
		return NULL;
	if (deck->nmedia)
		memcpy(list, deck->media, deck->nmedia * sizeof(*list));
	m->id = (int)deck->nmedia + 1;
	m->name = ppj_arena_printf(&deck->arena, "image%d.%s", m->id, d->ext);
	m->content_type = d->type;
	m->data = d->data;
	m->len = d->len;
	pixel_size(m);
	list[deck->nmedia++] = m;
	deck->media = list;
	return m;
}

/*
 * The media of picture pib (1.. into the BLIP store), made on first use;
 * NULL (with a warning) when it is missing or cannot be decoded.
 */
struct ppj_media *ppt_blip_media(struct ppt_ctx *c, uint32_t pib)
{
	struct ppt_blip *b;
	struct ppt_rec r;
	struct blipdata d = { 0 };

	if (pib == 0 || pib > c->nblips)
		return NULL;
	b = &c->blips[pib - 1];
	if (b->tried)
		return b->media;
	b->tried = true;
	if (!b->rec || ppt_rec_at(b->rec, b->reclen, 0, &r) < 0 ||
	    r.type < RT_BLIP_FIRST || r.type > RT_BLIP_LAST ||
	    decode(c, &r, &d) < 0) {
		ppj_warn(c->deck, c->slide, "missing-picture", "picture %u "
			 "is missing or cannot be read", pib);
		return NULL;
	}
	b->media = add_media(c, &d);
	return b->media;
}
