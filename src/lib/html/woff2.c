/*
 * A small WOFF2 encoder (W3C WOFF File Format 2.0) over libbrotlienc.
 *
 * Debian's libwoff2enc writes a line on stderr for every font it packs,
 * and the library must not print, so the container is written here. The
 * tables are stored with the null transform (glyf and loca as transform
 * version 3, the others as version 0), which the format allows: only the
 * glyf preprocessing of the reference encoder is left out, which costs a
 * few percent of size. Every table goes through one Brotli stream in
 * font mode, as the format asks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <brotli/encode.h>

#include "render-int.h"

#define WOFF2_HEADER 48
#define SFNT_TABLES_MAX 256
/*
 * Brotli quality: on subset faces 9 costs three times the CPU of 5 for
 * files 1% smaller, and 11 (the reference encoder's) eight times that of
 * 9 for 5% smaller. A conversion is waited for, so 5.
 */
#define WOFF2_QUALITY 5

struct table {
	uint32_t tag, offset, length;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		(uint32_t)p[2] << 8 | p[3];
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/* UIntBase128: 7 bits a byte, most significant first. */
static size_t put_base128(unsigned char *p, uint32_t v)
{
	size_t n = 1;

	for (uint32_t t = v >> 7; t; t >>= 7)
		n++;
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)((v >> (7 * (n - 1 - i))) & 0x7f) |
			(i + 1 < n ? 0x80 : 0);
	return n;
}

/* The table directory of an sfnt; 0 if it is not one we can pack. */
static size_t read_tables(const unsigned char *f, size_t len,
			  struct table *t)
{
	size_t n;

	if (len < 12 || be32(f) == 0x74746366)	/* 'ttcf': collections */
		return 0;
	n = (size_t)(f[4] << 8 | f[5]);
	if (n == 0 || n > SFNT_TABLES_MAX || 12 + 16 * n > len)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *e = f + 12 + 16 * i;

		t[i].tag = be32(e);
		t[i].offset = be32(e + 8);
		t[i].length = be32(e + 12);
		if (t[i].offset > len || t[i].length > len - t[i].offset)
			return 0;
	}
	return n;
}

static bool is_glyf_loca(uint32_t tag)
{
	return tag == 0x676c7966 || tag == 0x6c6f6361;	/* glyf, loca */
}

/* The directory: flags 63 (tag follows), tag, origLength. */
static size_t directory(const struct table *t, size_t n, unsigned char *p)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		p[o++] = 63 | (is_glyf_loca(t[i].tag) ? 3 << 6 : 0);
		put32(p + o, t[i].tag);
		o += 4;
		o += put_base128(p + o, t[i].length);
	}
	return o;
}

/* The tables one after the other, unpadded, as the stream holds them. */
static unsigned char *concat(const unsigned char *f, const struct table *t,
			     size_t n, size_t *total, size_t *sfnt_size)
{
	unsigned char *data;
	size_t o = 0;

	*total = 0;
	*sfnt_size = 12 + 16 * n;
	for (size_t i = 0; i < n; i++) {
		*total += t[i].length;
		*sfnt_size += (t[i].length + 3) & ~(size_t)3;
	}
	data = malloc(*total ? *total : 1);
	for (size_t i = 0; data && i < n; i++) {
		memcpy(data + o, f + t[i].offset, t[i].length);
		o += t[i].length;
	}
	return data;
}

static void header(unsigned char *h, const unsigned char *f, size_t n,
		   size_t length, size_t sfnt_size, size_t compressed)
{
	memset(h, 0, WOFF2_HEADER);
	memcpy(h, "wOF2", 4);
	memcpy(h + 4, f, 4);			/* flavor */
	put32(h + 8, (uint32_t)length);
	put16(h + 12, (uint32_t)n);
	put32(h + 16, (uint32_t)sfnt_size);
	put32(h + 20, (uint32_t)compressed);
	put16(h + 24, 1);			/* majorVersion */
}

int ppj__woff2_encode(const unsigned char *ttf, size_t len,
		      unsigned char **out, size_t *out_len)
{
	struct table t[SFNT_TABLES_MAX];
	size_t n = read_tables(ttf, len, t), total, sfnt_size, dir_len;
	size_t clen, length;
	unsigned char *data, *w;

	if (!n || len > UINT32_MAX / 2)
		return -1;
	data = concat(ttf, t, n, &total, &sfnt_size);
	clen = BrotliEncoderMaxCompressedSize(total);
	w = data && clen ? malloc(WOFF2_HEADER + n * 10 + clen + 3) : NULL;
	if (!w) {
		free(data);
		return -1;
	}

	dir_len = directory(t, n, w + WOFF2_HEADER);
	if (!BrotliEncoderCompress(WOFF2_QUALITY, BROTLI_DEFAULT_WINDOW,
				   BROTLI_MODE_FONT, total, data, &clen,
				   w + WOFF2_HEADER + dir_len)) {
		free(data);
		free(w);
		return -1;
	}
	free(data);

	/* The file ends on a four-byte boundary. */
	length = WOFF2_HEADER + dir_len + clen;
	while (length % 4)
		w[length++] = 0;
	header(w, ttf, n, length, sfnt_size, clen);
	*out = w;
	*out_len = length;
	return 0;
}
