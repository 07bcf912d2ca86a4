/*
 * Record headers of [MS-PPT] and [MS-ODRAW]: an 8-byte header (version and
 * instance in 16 bits, type in 16, body length in 32) and a body. A
 * container's body is a sequence of records.
 *
 * The functions here never read outside the buffer they are given: a body
 * that claims to run past its parent is cut, and the record says so.
 */
#include <string.h>

#include "ppt-int.h"

uint16_t ppt_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

uint32_t ppt_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		(uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * Reads the record whose header starts at off in buf (len bytes). Returns
 * 0, or -1 when not even the header fits.
 */
int ppt_rec_at(const uint8_t *buf, size_t len, size_t off,
	       struct ppt_rec *r)
{
	uint16_t vi;
	uint32_t claimed;
	size_t room;

	memset(r, 0, sizeof(*r));
	if (!buf || off > len || len - off < 8)
		return -1;

	vi = ppt_le16(buf + off);
	r->ver = vi & 0xF;
	r->inst = vi >> 4;
	r->type = ppt_le16(buf + off + 2);
	claimed = ppt_le32(buf + off + 4);
	room = len - off - 8;
	r->len = claimed <= room ? claimed : (uint32_t)room;
	r->cut = claimed > room;
	r->data = buf + off + 8;
	r->off = off;
	return 0;
}

void ppt_iter_init(struct ppt_iter *it, const struct ppt_rec *parent)
{
	it->base = parent->data;
	it->p = parent->data;
	it->end = parent->data ? parent->data + parent->len : NULL;
}

/* The next child, or false at the end (or at a header that does not fit). */
bool ppt_iter_next(struct ppt_iter *it, struct ppt_rec *r)
{
	size_t left;

	if (!it->p || it->p >= it->end)
		return false;
	left = (size_t)(it->end - it->p);
	if (ppt_rec_at(it->p, left, 0, r) < 0) {
		it->p = it->end;
		return false;
	}
	r->off = (size_t)(it->p - it->base);
	it->p += 8 + (size_t)r->len;
	return true;
}

bool ppt_child_inst(const struct ppt_rec *parent, uint16_t type,
		    uint16_t inst, struct ppt_rec *out)
{
	struct ppt_iter it;
	struct ppt_rec r;

	ppt_iter_init(&it, parent);
	while (ppt_iter_next(&it, &r)) {
		if (r.type == type && (inst == 0xFFFF || r.inst == inst)) {
			*out = r;
			return true;
		}
	}
	return false;
}

/* The first child of the given type. */
bool ppt_child(const struct ppt_rec *parent, uint16_t type,
	       struct ppt_rec *out)
{
	return ppt_child_inst(parent, type, 0xFFFF, out);
}

/* Fields of a body; 0 when the body is too short for them. */
uint8_t ppt_u8(const struct ppt_rec *r, size_t off)
{
	return off < r->len ? r->data[off] : 0;
}

uint16_t ppt_u16(const struct ppt_rec *r, size_t off)
{
	return off + 2 <= r->len ? ppt_le16(r->data + off) : 0;
}

uint32_t ppt_u32(const struct ppt_rec *r, size_t off)
{
	return off + 4 <= r->len ? ppt_le32(r->data + off) : 0;
}
