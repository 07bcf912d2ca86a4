/*
 * Little-endian fields and the placeable header of a WMF, which both
 * the .ppt reader (PowerPoint strips it) and the renderer (libwmf needs
 * it) write; big-endian fields for the renderer's PICT reader.
 */
#include <string.h>

#include "util.h"

uint16_t ppj_le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

void ppj_put_le16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

uint16_t ppj_be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t ppj_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

void ppj_wmf_placeable(unsigned char *h, int left, int top, int right,
		       int bottom, unsigned inch)
{
	uint16_t sum = 0;

	memset(h, 0, PPJ_WMF_PLACEABLE);
	memcpy(h, PPJ_WMF_KEY, 4);
	ppj_put_le16(h + 6, (uint16_t)left);
	ppj_put_le16(h + 8, (uint16_t)top);
	ppj_put_le16(h + 10, (uint16_t)right);
	ppj_put_le16(h + 12, (uint16_t)bottom);
	ppj_put_le16(h + 14, (uint16_t)inch);
	for (int i = 0; i < 10; i++)
		sum ^= ppj_le16(h + 2 * i);
	ppj_put_le16(h + 20, sum);
}
