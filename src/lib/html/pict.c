/*
 * QuickDraw pictures (PICT) to SVG (see pict.h).
 *
 * A PICT is a recording of QuickDraw calls: a size and a frame, a
 * version opcode, then opcodes with their data up to OpEndPic (0x00FF).
 * Version 1 has 1-byte opcodes; version 2 has 2-byte opcodes and keeps
 * every one on an even offset. They are played into SVG in the picture's
 * own coordinates (the frame, or the source rectangle of an extended
 * version 2 header), and the viewBox maps those to the <img>.
 *
 * Shapes become <rect>, <ellipse> and <path>, text <text> (Mac Roman
 * turned into UTF-8), bitmaps PNG data URIs (raster.c encodes them) and
 * JPEG QuickTime pictures JPEG data URIs. A pattern is drawn as one
 * colour, its fore and back colours mixed as its bits are. Inverting and
 * xor modes, clipping and regions other than rectangles are not drawn.
 *
 * Every byte is untrusted: a read past the end gives 0 and marks the
 * picture truncated, which stops the playback, and the opcodes played,
 * the pixels decoded and the SVG written are capped.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pict.h"
#include "raster.h"
#include "util/util.h"

#define FONTS_MAX 32		/* font names remembered */
#define COORD_MAX 1e6		/* |coordinate| of a QuickTime picture */
#define ORIGIN_MAX (1 << 20)	/* |offset| the Origin opcodes add up to */
#define PI 3.14159265358979323846

enum verb { FRAME, PAINT, ERASE, INVERT, FILL };

struct rgb {
	unsigned char r, g, b;
};

/* A pen, fill or back pattern: 8 x 8 bits, or one colour (PixPat). */
struct pat {
	unsigned char bits[8];
	bool direct;
	struct rgb c;
};

struct rect {
	int t, l, b, r;
};

struct font {
	int id;
	char name[64];
};

/* A BitMap or PixMap record, with its colours. */
struct pixmap {
	unsigned row_bytes;
	bool pixmap;		/* rowBytes' high bit: not a 1-bit BitMap */
	bool clear0;		/* index 0 is transparent (srcOr bitmaps) */
	struct rect bounds;
	unsigned pack, bits, cmp;
	struct rgb ctab[256];
};

struct pict {
	const unsigned char *d;
	size_t n, at;
	bool v2;
	const char *why;	/* the first error; stops the playback */
	struct ppj_buf *b;
	size_t drawn;		/* elements written */
	uint64_t pixels;	/* decoded so far */

	int ox, oy;		/* added to every point (Origin) */
	struct rgb fg, bk;
	struct pat pen_pat, fill_pat, bk_pat;
	int pen_w, pen_h, pen_mode;
	int pen_x, pen_y;	/* pen location, for lines */
	int tx, ty;		/* text location */
	int font, face, size;
	double ratio_x, ratio_y;
	int ov_w, ov_h;		/* corner oval of round rectangles */

	struct rect last;	/* for the "same" opcodes */
	size_t poly_at, poly_n;	/* the last polygon's points */
	struct rect rgn;	/* the last region's box */
	bool rgn_rect;		/* and whether it is that box */
	struct font fonts[FONTS_MAX];
	size_t nfonts;
};

/* Mac Roman 0x80-0xFF as Unicode. */
static const uint16_t mac_roman[128] = {
	0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
	0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
	0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
	0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
	0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
	0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
	0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
	0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
	0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
	0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
	0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
	0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
	0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
	0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
	0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
	0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
};

/* ---- reading ---- */

/* The next k bytes, or NULL (and the picture truncated). */
static const unsigned char *take(struct pict *p, size_t k)
{
	const unsigned char *s;

	if (p->why)
		return NULL;
	if (k > p->n - p->at) {
		p->why = "truncated PICT";
		p->at = p->n;
		return NULL;
	}
	s = p->d + p->at;
	p->at += k;
	return s;
}

static unsigned rd8(struct pict *p)
{
	const unsigned char *s = take(p, 1);

	return s ? s[0] : 0;
}

static unsigned rd16(struct pict *p)
{
	const unsigned char *s = take(p, 2);

	return s ? ppj_be16(s) : 0;
}

static int rds16(struct pict *p)
{
	return (int16_t)rd16(p);
}

static uint32_t rd32(struct pict *p)
{
	const unsigned char *s = take(p, 4);

	return s ? ppj_be32(s) : 0;
}

/* A Rect: top, left, bottom, right. */
static struct rect rd_rect(struct pict *p)
{
	struct rect r;

	r.t = rds16(p);
	r.l = rds16(p);
	r.b = rds16(p);
	r.r = rds16(p);
	return r;
}

/* An RGBColor: three 16-bit components, of which the high bytes count. */
static struct rgb rd_rgb(struct pict *p)
{
	struct rgb c;

	c.r = (unsigned char)(rd16(p) >> 8);
	c.g = (unsigned char)(rd16(p) >> 8);
	c.b = (unsigned char)(rd16(p) >> 8);
	return c;
}

/* A region: its box, and whether it is only that box. */
static void rd_rgn(struct pict *p, struct rect *box, bool *plain)
{
	unsigned size = rd16(p);
	struct rect r = rd_rect(p);

	if (p->why)
		return;
	if (size < 10) {
		p->why = "bad region size";
		return;
	}
	take(p, size - 10);
	if (box)
		*box = r;
	if (plain)
		*plain = size == 10;
}

/* ---- writing ---- */

static void num(struct pict *p, double v)
{
	ppj_buf_add_num(p->b, v, 2);
}

/* A path's command c and its point. */
static void pt(struct pict *p, char c, double x, double y)
{
	ppj_buf_addc(p->b, c);
	num(p, x);
	ppj_buf_addc(p->b, ' ');
	num(p, y);
}

static void attr(struct pict *p, const char *name, double v)
{
	ppj_buf_printf(p->b, " %s=\"", name);
	num(p, v);
	ppj_buf_addc(p->b, '"');
}

static void color(struct pict *p, const char *name, struct rgb c)
{
	ppj_buf_printf(p->b, " %s=\"#%02x%02x%02x\"", name, c.r, c.g, c.b);
}

static void add_base64(struct ppj_buf *b, const unsigned char *s, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
				  "opqrstuvwxyz0123456789+/";
	char chunk[1024];
	size_t k = 0;

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		chunk[k++] = abc[v >> 18 & 63];
		chunk[k++] = abc[v >> 12 & 63];
		chunk[k++] = i + 1 < n ? abc[v >> 6 & 63] : '=';
		chunk[k++] = i + 2 < n ? abc[v & 63] : '=';
		if (k == sizeof(chunk)) {
			ppj_buf_add(b, chunk, k);
			k = 0;
		}
	}
	ppj_buf_add(b, chunk, k);
}

/* ---- colours and patterns ---- */

/* An old-style colour (FgColor, BkColor): one of QuickDraw's eight. */
static struct rgb old_color(uint32_t v, struct rgb keep)
{
	static const struct { uint32_t v; struct rgb c; } t[] = {
		{ 33, { 0, 0, 0 } }, { 30, { 255, 255, 255 } },
		{ 205, { 255, 0, 0 } }, { 341, { 0, 255, 0 } },
		{ 409, { 0, 0, 255 } }, { 273, { 0, 255, 255 } },
		{ 137, { 255, 0, 255 } }, { 69, { 255, 255, 0 } } };

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].v == v)
			return t[i].c;
	return keep;
}

static unsigned char mix(unsigned f, unsigned b, int ones)
{
	return (unsigned char)((f * (unsigned)ones +
				b * (unsigned)(64 - ones) + 32) / 64);
}

/* A pattern as one colour: fore where its bits are 1, back elsewhere. */
static struct rgb pat_color(const struct pict *p, const struct pat *t,
			    bool invert)
{
	struct rgb c;
	int ones = 0;

	if (t->direct)
		return t->c;
	for (int i = 0; i < 8; i++)
		for (int k = 0; k < 8; k++)
			ones += t->bits[i] >> k & 1;
	if (invert)
		ones = 64 - ones;
	c.r = mix(p->fg.r, p->bk.r, ones);
	c.g = mix(p->fg.g, p->bk.g, ones);
	c.b = mix(p->fg.b, p->bk.b, ones);
	return c;
}

static void rd_pat(struct pict *p, struct pat *t)
{
	const unsigned char *s = take(p, 8);

	if (!s)
		return;
	memcpy(t->bits, s, 8);
	t->direct = false;
}

/*
 * The colour a verb draws with; false when it draws nothing we can show
 * (inverting, xor modes, a frame without a pen).
 */
static bool verb_color(const struct pict *p, int verb, struct rgb *c)
{
	int mode = p->pen_mode < 16 ? p->pen_mode & 7 : 0;

	switch (verb) {
	case FRAME:
	case PAINT:
		if (verb == FRAME && (p->pen_w <= 0 || p->pen_h <= 0))
			return false;
		if (mode == 2 || mode == 6)		/* xor */
			return false;
		if (mode == 3 || mode == 7)	/* bic: to the back */
			*c = p->bk;
		else
			*c = pat_color(p, &p->pen_pat, mode >= 4);
		return true;
	case ERASE:
		*c = p->bk_pat.direct ? p->bk_pat.c : p->bk;
		return true;
	case FILL:
		*c = pat_color(p, &p->fill_pat, false);
		return true;
	default:
		return false;
	}
}

static double pen_width(const struct pict *p)
{
	return (p->pen_w + p->pen_h) / 2.0;
}

/* Opens an element for verb; false when it draws nothing. */
static bool begin(struct pict *p, int verb, const char *tag, struct rgb *c)
{
	if (!verb_color(p, verb, c))
		return false;
	ppj_buf_addc(p->b, '<');
	ppj_buf_adds(p->b, tag);
	p->drawn++;
	return true;
}

static void end(struct pict *p, int verb, struct rgb c)
{
	if (verb == FRAME) {
		ppj_buf_adds(p->b, " fill=\"none\"");
		color(p, "stroke", c);
		attr(p, "stroke-width", pen_width(p));
	} else {
		color(p, "fill", c);
	}
	ppj_buf_adds(p->b, "/>");
}

/* ---- shapes ---- */

struct box {
	double x, y, w, h;
};

/*
 * The box of r in output coordinates; for a frame, the line the stroke
 * runs along, since QuickDraw's pen stays inside the shape. A frame
 * whose pen fills the shape becomes a paint.
 */
static struct box shape_box(const struct pict *p, struct rect r, int *verb)
{
	struct box k = { r.l + p->ox, r.t + p->oy, r.r - r.l, r.b - r.t };

	if (*verb != FRAME)
		return k;
	if (2 * p->pen_w >= k.w || 2 * p->pen_h >= k.h) {
		*verb = PAINT;
		return k;
	}
	k.x += p->pen_w / 2.0;
	k.y += p->pen_h / 2.0;
	k.w -= p->pen_w;
	k.h -= p->pen_h;
	return k;
}

static void draw_rect(struct pict *p, int verb, struct rect r, bool round)
{
	struct box k;
	struct rgb c;

	if (r.r <= r.l || r.b <= r.t)
		return;
	k = shape_box(p, r, &verb);
	if (!begin(p, verb, "rect", &c))
		return;
	attr(p, "x", k.x);
	attr(p, "y", k.y);
	attr(p, "width", k.w);
	attr(p, "height", k.h);
	if (round && p->ov_w > 0 && p->ov_h > 0) {
		attr(p, "rx", fmin(p->ov_w / 2.0, k.w / 2));
		attr(p, "ry", fmin(p->ov_h / 2.0, k.h / 2));
	}
	end(p, verb, c);
}

static void draw_oval(struct pict *p, int verb, struct rect r)
{
	struct box k;
	struct rgb c;

	if (r.r <= r.l || r.b <= r.t)
		return;
	k = shape_box(p, r, &verb);
	if (!begin(p, verb, "ellipse", &c))
		return;
	attr(p, "cx", k.x + k.w / 2);
	attr(p, "cy", k.y + k.h / 2);
	attr(p, "rx", k.w / 2);
	attr(p, "ry", k.h / 2);
	end(p, verb, c);
}

/*
 * An arc or a wedge. QuickDraw's angles run clockwise from 12 o'clock
 * and are stretched with the oval (45 degrees meets the box's corner),
 * which is the ellipse's own parameter.
 */
static void draw_arc(struct pict *p, int verb, struct rect r, int start,
		     int angle)
{
	double cx, cy, rx, ry, a0 = start * PI / 180;
	double a1 = (start + angle) * PI / 180;
	struct box k;
	struct rgb c;

	if (angle == 0 || r.r <= r.l || r.b <= r.t)
		return;
	if (angle >= 360 || angle <= -360) {
		draw_oval(p, verb, r);
		return;
	}
	k = shape_box(p, r, &verb);
	rx = k.w / 2;
	ry = k.h / 2;
	cx = k.x + rx;
	cy = k.y + ry;
	if (!begin(p, verb, "path", &c))
		return;

	/* A wedge runs from the centre; a frame is the arc alone. */
	ppj_buf_adds(p->b, " d=\"");
	if (verb != FRAME)
		pt(p, 'M', cx, cy);
	pt(p, verb != FRAME ? 'L' : 'M', cx + rx * sin(a0),
	   cy - ry * cos(a0));
	pt(p, 'A', rx, ry);
	ppj_buf_printf(p->b, " 0 %d %d", abs(angle) > 180, angle > 0);
	pt(p, ' ', cx + rx * sin(a1), cy - ry * cos(a1));
	ppj_buf_adds(p->b, verb != FRAME ? "Z\"" : "\"");
	end(p, verb, c);
}

/* A polygon: its size, box and points; the points are kept for later. */
static void rd_poly(struct pict *p)
{
	unsigned size = rd16(p);

	if (p->why)
		return;
	if (size < 10) {
		p->why = "bad polygon size";
		return;
	}
	if (!take(p, size - 2))
		return;
	p->poly_at = p->at - (size - 10);
	p->poly_n = (size - 10) / 4;
}

static void draw_poly(struct pict *p, int verb)
{
	const unsigned char *s = p->d + p->poly_at;
	double dx = p->ox, dy = p->oy;
	struct rgb c;

	if (p->poly_n < 2)
		return;
	if (verb == FRAME)
		dx += p->pen_w / 2.0, dy += p->pen_h / 2.0;
	if (!begin(p, verb, "path", &c))
		return;

	ppj_buf_adds(p->b, " d=\"");
	for (size_t i = 0; i < p->poly_n; i++, s += 4) {
		pt(p, i ? 'L' : 'M', (int16_t)ppj_be16(s + 2) + dx,
		   (int16_t)ppj_be16(s) + dy);
	}
	/* A frame is closed only when its last point is its first. */
	if (verb != FRAME || memcmp(p->d + p->poly_at, s - 4, 4) == 0)
		ppj_buf_addc(p->b, 'Z');
	ppj_buf_addc(p->b, '"');
	if (verb != FRAME)
		ppj_buf_adds(p->b, " fill-rule=\"evenodd\"");
	else
		ppj_buf_adds(p->b, " stroke-linejoin=\"round\"");
	end(p, verb, c);
}

/*
 * Opcodes 0x30-0x8F: rectangles, round ones, ovals, arcs, polygons and
 * regions, each framed, painted, erased, inverted or filled.
 */
static void op_shape(struct pict *p, unsigned op)
{
	unsigned kind = op >> 4;
	int verb = (int)(op & 7), start = 0, angle = 0;
	bool same = op & 8;

	if (kind <= 6 && !same)
		p->last = rd_rect(p);
	if (kind == 6) {
		start = rds16(p);
		angle = rds16(p);
	} else if (kind == 7 && !same) {
		rd_poly(p);
	} else if (kind == 8 && !same) {
		rd_rgn(p, &p->rgn, &p->rgn_rect);
	}
	if (p->why || verb > FILL)
		return;

	if (kind == 3 || kind == 4)
		draw_rect(p, verb, p->last, kind == 4);
	else if (kind == 5)
		draw_oval(p, verb, p->last);
	else if (kind == 6)
		draw_arc(p, verb, p->last, start, angle);
	else if (kind == 7 && !same)
		draw_poly(p, verb);
	else if (kind == 8 && p->rgn_rect)
		draw_rect(p, verb, p->rgn, false);
}

/* ---- lines ---- */

/* The pen hangs below and right of the point it moves along. */
static void draw_line(struct pict *p, int x0, int y0, int x1, int y1)
{
	double dx = p->ox + p->pen_w / 2.0, dy = p->oy + p->pen_h / 2.0;
	struct rgb c;

	p->pen_x = x1;
	p->pen_y = y1;
	if (!begin(p, FRAME, "path", &c))
		return;
	ppj_buf_adds(p->b, " d=\"");
	pt(p, 'M', x0 + dx, y0 + dy);
	pt(p, 'L', x1 + dx, y1 + dy);
	ppj_buf_adds(p->b, "\" stroke-linecap=\"square\"");
	end(p, FRAME, c);
}

static void op_line(struct pict *p, unsigned op)
{
	int x0 = p->pen_x, y0 = p->pen_y, x1, y1;

	if (op == 0x20 || op == 0x22) {
		y0 = rds16(p);
		x0 = rds16(p);
	}
	if (op == 0x20 || op == 0x21) {
		y1 = rds16(p);
		x1 = rds16(p);
	} else {
		x1 = x0 + (int8_t)rd8(p);
		y1 = y0 + (int8_t)rd8(p);
	}
	if (!p->why)
		draw_line(p, x0, y0, x1, y1);
}

/* ---- text ---- */

/* A family a browser has for a Mac font (by the start of its name). */
static const char *web_family(const char *mac)
{
	static const struct { const char *mac, *web; } map[] = {
		{ "Helvetica", "Arial" }, { "Geneva", "Arial" },
		{ "Chicago", "Arial" }, { "Charcoal", "Arial" },
		{ "Times", "Times New Roman" },
		{ "New York", "Times New Roman" },
		{ "Courier", "Courier New" }, { "Monaco", "Courier New" } };

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strncasecmp(mac, map[i].mac, strlen(map[i].mac)) == 0)
			return map[i].web;
	return mac;
}

/* The current font's name: as the picture named it, else the Mac's. */
static const char *font_name(const struct pict *p)
{
	static const struct { int id; const char *name; } std[] = {
		{ 0, "Chicago" }, { 1, "Geneva" }, { 2, "New York" },
		{ 3, "Geneva" }, { 4, "Monaco" }, { 20, "Times" },
		{ 21, "Helvetica" }, { 22, "Courier" }, { 23, "Symbol" } };

	for (size_t i = 0; i < p->nfonts; i++)
		if (p->fonts[i].id == p->font && p->fonts[i].name[0])
			return p->fonts[i].name;
	for (size_t i = 0; i < sizeof(std) / sizeof(std[0]); i++)
		if (std[i].id == p->font)
			return std[i].name;
	return "Geneva";
}

/* Opcode 0x2C: a font's number and name. */
static void op_font_name(struct pict *p)
{
	size_t len = rd16(p), k, j = 0;
	const unsigned char *s = take(p, len);
	struct font *f = NULL;

	if (!s || len < 3)
		return;
	for (size_t i = 0; i < p->nfonts && !f; i++)
		if (p->fonts[i].id == ppj_be16(s))
			f = &p->fonts[i];
	if (!f && p->nfonts == FONTS_MAX)
		return;
	if (!f)
		f = &p->fonts[p->nfonts++];
	f->id = ppj_be16(s);

	/* Printable ASCII only: the name is written in an attribute. */
	k = s[2] < len - 3 ? s[2] : len - 3;
	for (size_t i = 0; i < k && j + 1 < sizeof(f->name); i++)
		if (s[3 + i] >= 0x20 && s[3 + i] < 0x7F)
			f->name[j++] = (char)s[3 + i];
	f->name[j] = '\0';
}

static void add_text(struct ppj_buf *b, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];

		if (c == '&')
			ppj_buf_adds(b, "&amp;");
		else if (c == '<')
			ppj_buf_adds(b, "&lt;");
		else if (c == '>')
			ppj_buf_adds(b, "&gt;");
		else if (c == '\t')
			ppj_buf_addc(b, ' ');
		else if (c >= 0x80)
			ppj_buf_add_utf8(b, mac_roman[c - 0x80]);
		else if (c >= 0x20 && c != 0x7F)
			ppj_buf_addc(b, (char)c);
	}
}

static void draw_text(struct pict *p, const unsigned char *s, size_t n)
{
	double x = p->tx + p->ox, y = p->ty + p->oy;
	double size = (p->size > 0 ? p->size : 12) * p->ratio_y;
	double sx = p->ratio_x / p->ratio_y;
	size_t ink = 0;

	for (size_t i = 0; i < n; i++)
		ink += s[i] > 0x20 && s[i] != 0x7F;
	if (!ink)
		return;
	ppj_buf_adds(p->b, "<text");
	attr(p, "x", x);
	attr(p, "y", y);
	ppj_buf_adds(p->b, " font-family=\"");
	ppj_buf_add_html(p->b, web_family(font_name(p)));
	ppj_buf_addc(p->b, '"');
	attr(p, "font-size", size);
	if (p->face & 1)
		ppj_buf_adds(p->b, " font-weight=\"bold\"");
	if (p->face & 2)
		ppj_buf_adds(p->b, " font-style=\"italic\"");
	if (p->face & 4)
		ppj_buf_adds(p->b, " text-decoration=\"underline\"");
	if (fabs(sx - 1) > 0.01) {
		ppj_buf_adds(p->b, " transform=\"matrix(");
		num(p, sx);
		ppj_buf_adds(p->b, " 0 0 1 ");
		num(p, x * (1 - sx));
		ppj_buf_adds(p->b, " 0)\"");
	}
	color(p, "fill", p->fg);
	ppj_buf_adds(p->b, " xml:space=\"preserve\">");
	add_text(p->b, s, n);
	ppj_buf_adds(p->b, "</text>");
	p->drawn++;
}

/* Opcodes 0x28-0x2B: text at a point or moved from the last text. */
static void op_text(struct pict *p, unsigned op)
{
	const unsigned char *s;
	unsigned n;

	if (op == 0x28) {
		p->ty = rds16(p);
		p->tx = rds16(p);
	}
	if (op == 0x29 || op == 0x2B)
		p->tx += (int)rd8(p);
	if (op == 0x2A || op == 0x2B)
		p->ty += (int)rd8(p);
	n = rd8(p);
	s = take(p, n);
	if (s)
		draw_text(p, s, n);
}

/* Opcode 0x10: the numerator and denominator points of text scaling. */
static void op_ratio(struct pict *p)
{
	int nv = rds16(p), nh = rds16(p), dv = rds16(p), dh = rds16(p);

	p->ratio_x = p->ratio_y = 1;
	if (nv > 0 && dv > 0 && nv <= 100 * dv)
		p->ratio_y = (double)nv / dv;
	if (nh > 0 && dh > 0 && nh <= 100 * dh)
		p->ratio_x = (double)nh / dh;
}

/* ---- pixels ---- */

static void rd_ctab(struct pict *p, struct pixmap *m)
{
	unsigned flags, count;

	take(p, 4);		/* ctSeed */
	flags = rd16(p);
	count = (rd16(p) + 1) & 0xFFFF;
	for (unsigned i = 0; i < count && !p->why; i++) {
		unsigned v = rd16(p);
		struct rgb c = rd_rgb(p);

		/* A device's table is in order; others say each index. */
		if (flags & 0x8000)
			v = i;
		if (v < 256)
			m->ctab[v] = c;
	}
}

/*
 * A BitMap or a PixMap (without its base address), and the PixMap's
 * colour table if it has one. A BitMap draws its 1 bits in the fore
 * colour and its 0 bits in the back colour.
 */
static void rd_pixmap(struct pict *p, struct pixmap *m, bool direct)
{
	unsigned rb = rd16(p);

	memset(m, 0, sizeof(*m));
	m->pixmap = direct || (rb & 0x8000);
	m->row_bytes = rb & 0x3FFF;
	m->bounds = rd_rect(p);
	m->bits = 1;
	m->cmp = 1;
	if (!m->pixmap) {
		m->ctab[0] = p->bk;
		m->ctab[1] = p->fg;
		return;
	}
	rd16(p);		/* pmVersion */
	m->pack = rd16(p);
	take(p, 14);		/* packSize, hRes, vRes, pixelType */
	m->bits = rd16(p);
	m->cmp = rd16(p);
	take(p, 14);		/* cmpSize, planeBytes, pmTable, reserved */
	if (!direct)
		rd_ctab(p, m);
}

/* Expands PackBits data (runs of unit bytes) into out, at most room. */
static void unpack_bits(const unsigned char *s, size_t n, unsigned char *out,
			size_t room, size_t unit)
{
	size_t i = 0, o = 0;

	while (i < n && o < room) {
		int f = (int8_t)s[i++];
		size_t k;

		if (f >= 0) {
			k = (size_t)(f + 1) * unit;
			k = k > n - i ? n - i : k;
			k = k > room - o ? room - o : k;
			memcpy(out + o, s + i, k);
			i += k;
			o += k;
		} else if (f != -128) {
			if (unit > n - i)
				break;
			for (k = (size_t)(1 - f); k && unit <= room - o; k--) {
				memcpy(out + o, s + i, unit);
				o += unit;
			}
			i += unit;
		}
	}
}

/* Bytes of one unpacked row of a w-pixel-wide map. */
static size_t row_unit(const struct pixmap *m, uint32_t w)
{
	if (m->bits == 32 && m->pack == 2)
		return 3 * (size_t)w;
	if (m->bits == 32 && m->pack != 1 && m->row_bytes >= 8)
		return m->cmp * (size_t)w;	/* one plane a component */
	return m->row_bytes;
}

static bool packed(const struct pixmap *m)
{
	return m->row_bytes >= 8 && m->pack != 1 &&
	       !(m->bits == 32 && m->pack == 2);
}

static void px_32(const struct pixmap *m, const unsigned char *row,
		  uint32_t w, uint32_t x, unsigned char *o)
{
	if (m->pack == 2) {
		memcpy(o, row + 3 * (size_t)x, 3);
	} else if (m->pack != 1 && m->row_bytes >= 8) {
		size_t at = (m->cmp - 3) * (size_t)w + x;

		o[0] = row[at];
		o[1] = row[at + w];
		o[2] = row[at + 2 * (size_t)w];
	} else {
		memcpy(o, row + 4 * (size_t)x + 1, 3);
	}
}

/* One unpacked row into RGBA pixels. */
static void row_rgba(const struct pixmap *m, const unsigned char *row,
		     uint32_t w, unsigned char *out)
{
	for (uint32_t x = 0; x < w; x++, out += 4) {
		out[3] = 255;
		if (m->bits == 32) {
			px_32(m, row, w, x, out);
		} else if (m->bits == 16) {
			unsigned v = ppj_be16(row + 2 * (size_t)x);

			out[0] = (unsigned char)((v >> 10 & 31) * 255 / 31);
			out[1] = (unsigned char)((v >> 5 & 31) * 255 / 31);
			out[2] = (unsigned char)((v & 31) * 255 / 31);
		} else {
			size_t bit = (size_t)x * m->bits;
			unsigned v = row[bit / 8] >> (8 - m->bits - bit % 8) &
				     ((1u << m->bits) - 1);

			out[0] = m->ctab[v].r;
			out[1] = m->ctab[v].g;
			out[2] = m->ctab[v].b;
			if (v == 0 && m->clear0)
				out[3] = 0;
		}
	}
}

/* Why the map's pixels cannot be read, before anything is allocated. */
static const char *pixels_check(const struct pict *p, const struct pixmap *m,
				uint64_t w, uint64_t h)
{
	unsigned b = m->bits;
	uint64_t unit, left = p->n - p->at;

	if (b != 1 && b != 2 && b != 4 && b != 8 && b != 16 && b != 32)
		return "unsupported pixel size";
	if (b == 32 && (m->cmp < 3 || m->cmp > 4))
		return "unsupported pixel components";
	if (w * b > (uint64_t)m->row_bytes * 8)
		return "bad bitmap row size";
	if (w > RASTER_SIDE_MAX || h > RASTER_SIDE_MAX ||
	    p->pixels + w * h > RASTER_PIXELS_MAX)
		return RASTER_TOO_BIG;

	/* A packed row takes a byte or more, and gives 256 at most. */
	unit = row_unit(m, (uint32_t)w);
	if (packed(m) ? h * (1 + unit / 256) > left : h * unit > left)
		return "truncated PICT";
	return NULL;
}

static bool pixels_rows(struct pict *p, const struct pixmap *m, uint32_t w,
			uint32_t h, unsigned char *row, unsigned char *px)
{
	size_t unit = row_unit(m, w), word = m->bits == 16 &&
		(m->pack == 0 || m->pack == 3) ? 2 : 1;
	const unsigned char *s;

	for (uint32_t y = 0; y < h; y++) {
		if (packed(m)) {
			size_t k = m->row_bytes > 250 ? rd16(p) : rd8(p);

			if (!(s = take(p, k)))
				return false;
			memset(row, 0, unit);
			unpack_bits(s, k, row, unit, word);
		} else {
			if (!(s = take(p, unit)))
				return false;
			memcpy(row, s, unit);
		}
		row_rgba(m, row, w, px + (size_t)y * w * 4);
	}
	return true;
}

/* The map's pixel data as RGBA (malloc'd), or NULL and p->why. */
static unsigned char *rd_pixels(struct pict *p, const struct pixmap *m,
				uint32_t *w, uint32_t *h)
{
	int64_t iw = (int64_t)m->bounds.r - m->bounds.l;
	int64_t ih = (int64_t)m->bounds.b - m->bounds.t;
	unsigned char *px, *row;

	if (p->why)
		return NULL;
	if (iw <= 0 || ih <= 0) {
		p->why = "bad bitmap bounds";
		return NULL;
	}
	if ((p->why = pixels_check(p, m, (uint64_t)iw, (uint64_t)ih)))
		return NULL;

	*w = (uint32_t)iw;
	*h = (uint32_t)ih;
	px = malloc((size_t)*w * *h * 4);
	row = malloc(row_unit(m, *w) + 1);
	if (!px || !row || !pixels_rows(p, m, *w, *h, row, px)) {
		if (!p->why)
			p->why = "out of memory";
		free(px);
		free(row);
		return NULL;
	}
	free(row);
	p->pixels += (uint64_t)*w * *h;
	return px;
}

/* ---- bitmaps ---- */

static void data_uri(struct pict *p, const char *type,
		     const unsigned char *s, size_t n, struct box k)
{
	ppj_buf_adds(p->b, "<image");
	attr(p, "x", k.x);
	attr(p, "y", k.y);
	attr(p, "width", k.w);
	attr(p, "height", k.h);
	ppj_buf_printf(p->b, " preserveAspectRatio=\"none\" href=\"data:%s;"
		       "base64,", type);
	add_base64(p->b, s, n);
	ppj_buf_adds(p->b, "\"/>");
	p->drawn++;
}

/*
 * Draws the part src of a w x h map at bounds (pixels px) into dst; the
 * part outside the map is left out, and dst shrinks with it.
 */
static void put_pixels(struct pict *p, unsigned char *px, uint32_t w,
		       struct rect bounds, struct rect src, struct rect dst)
{
	struct rect in = {
		src.t > bounds.t ? src.t : bounds.t,
		src.l > bounds.l ? src.l : bounds.l,
		src.b < bounds.b ? src.b : bounds.b,
		src.r < bounds.r ? src.r : bounds.r };
	double sx, sy;
	uint32_t cw, ch;
	unsigned char *png;
	size_t len = 0;

	if (src.r <= src.l || src.b <= src.t || in.r <= in.l ||
	    in.b <= in.t || dst.r <= dst.l || dst.b <= dst.t)
		return;
	sx = (double)(dst.r - dst.l) / (src.r - src.l);
	sy = (double)(dst.b - dst.t) / (src.b - src.t);
	cw = (uint32_t)(in.r - in.l);
	ch = (uint32_t)(in.b - in.t);

	/* Crops in place: each row moves to an earlier place or stays. */
	for (uint32_t y = 0; y < ch; y++)
		memmove(px + (size_t)y * cw * 4, px + ((size_t)(in.t -
			bounds.t + (int)y) * w + (size_t)(in.l - bounds.l)) * 4,
			(size_t)cw * 4);
	png = raster_rgba_to_png(px, cw, ch, &len);
	if (!png)
		return;
	data_uri(p, "image/png", png, len, (struct box){
		dst.l + (in.l - src.l) * sx + p->ox,
		dst.t + (in.t - src.t) * sy + p->oy, cw * sx, ch * sy });
	free(png);
}

/*
 * Opcodes 0x90, 0x91, 0x98-0x9B: BitsRect, BitsRgn, PackBitsRect,
 * PackBitsRgn, DirectBitsRect, DirectBitsRgn.
 */
static void op_bits(struct pict *p, unsigned op)
{
	bool direct = op == 0x9A || op == 0x9B;
	struct pixmap *m = malloc(sizeof(*m));
	struct rect src, dst;
	unsigned char *px;
	uint32_t w = 0, h = 0;
	unsigned mode;

	if (!m) {
		p->why = "out of memory";
		return;
	}
	if (direct)
		take(p, 4);	/* baseAddr */
	rd_pixmap(p, m, direct);
	src = rd_rect(p);
	dst = rd_rect(p);
	mode = rd16(p) & ~64u;	/* without ditherCopy */
	if (op & 1)
		rd_rgn(p, NULL, NULL);	/* the mask: not applied */

	/* srcOr and transparent leave a bitmap's 0 bits unpainted. */
	m->clear0 = !m->pixmap && (mode == 1 || mode == 36);
	px = rd_pixels(p, m, &w, &h);
	if (px)
		put_pixels(p, px, w, m->bounds, src, dst);
	free(px);
	free(m);
}

/*
 * Opcodes 0x12-0x14: a PixPat. Type 1 has its own pixel map, drawn as
 * the mean of its pixels; type 2 is one colour; type 0 (and the pattern
 * read before either) the 8 x 8 bits.
 */
static void op_pixpat(struct pict *p, struct pat *t)
{
	unsigned type = rd16(p);
	struct pixmap *m;
	unsigned char *px;
	uint32_t w = 0, h = 0;
	uint64_t sum[3] = { 0 };

	rd_pat(p, t);
	if (type == 2) {
		t->c = rd_rgb(p);
		t->direct = true;
	}
	if (type != 1 || !(m = malloc(sizeof(*m))))
		return;
	rd_pixmap(p, m, false);
	px = rd_pixels(p, m, &w, &h);
	for (size_t i = 0; px && i < (size_t)w * h; i++)
		for (int k = 0; k < 3; k++)
			sum[k] += px[4 * i + (size_t)k];
	if (px) {
		t->c.r = (unsigned char)(sum[0] / ((uint64_t)w * h));
		t->c.g = (unsigned char)(sum[1] / ((uint64_t)w * h));
		t->c.b = (unsigned char)(sum[2] / ((uint64_t)w * h));
		t->direct = true;
	}
	free(px);
	free(m);
}

/* ---- QuickTime ---- */

/* Where the matrix m (16.16 fixed) puts the point (x, y). */
static void qt_map(const unsigned char *m, double x, double y, double *ox,
		   double *oy)
{
	double a = (int32_t)ppj_be32(m) / 65536.0;
	double b = (int32_t)ppj_be32(m + 4) / 65536.0;
	double c = (int32_t)ppj_be32(m + 12) / 65536.0;
	double d = (int32_t)ppj_be32(m + 16) / 65536.0;
	double tx = (int32_t)ppj_be32(m + 24) / 65536.0;
	double ty = (int32_t)ppj_be32(m + 28) / 65536.0;

	*ox = a * x + c * y + tx;
	*oy = b * x + d * y + ty;
}

/* The box of the source rectangle at s, as the matrix at m places it. */
static bool qt_box(const unsigned char *m, const unsigned char *s,
		   struct box *k)
{
	double t = (int16_t)ppj_be16(s), l = (int16_t)ppj_be16(s + 2);
	double b = (int16_t)ppj_be16(s + 4), r = (int16_t)ppj_be16(s + 6);
	double x0, y0, x1, y1;

	qt_map(m, l, t, &x0, &y0);
	qt_map(m, r, b, &x1, &y1);
	k->x = fmin(x0, x1);
	k->y = fmin(y0, y1);
	k->w = fabs(x1 - x0);
	k->h = fabs(y1 - y0);
	return k->w > 0 && k->h > 0 && fabs(k->x) + k->w < COORD_MAX &&
	       fabs(k->y) + k->h < COORD_MAX;
}

/*
 * Opcode 0x8200's data (n bytes at q): a header with a matrix, a matte,
 * a mask and an ImageDescription, then the compressed picture. Only
 * JPEG is shown (browsers read it); anything else is left out.
 */
static void qt_image(struct pict *p, const unsigned char *q, size_t n)
{
	size_t at = 68, id, size;
	struct box k;

	if (n < at)
		return;
	if (ppj_be32(q + 38) > n - at)
		return;
	at += ppj_be32(q + 38);			/* matte */
	if (ppj_be32(q + 64) > n - at)
		return;
	at += ppj_be32(q + 64);			/* mask region */
	if (n - at < 86 || memcmp(q + at + 4, "jpeg", 4) != 0)
		return;

	id = ppj_be32(q + at);
	size = ppj_be32(q + at + 44);
	if (id < 86 || id > n - at)
		return;
	at += id;
	if (size == 0 || size > n - at)
		size = n - at;
	if (size < 3 || q[at] != 0xFF || q[at + 1] != 0xD8 ||
	    !qt_box(q + 2, q + 52, &k))
		return;
	k.x += p->ox;
	k.y += p->oy;
	data_uri(p, "image/jpeg", q + at, size, k);
}

/* ---- opcodes ---- */

/* Bounded, so that a million Origin opcodes cannot overflow. */
static int clamp_origin(int v)
{
	return v < -ORIGIN_MAX ? -ORIGIN_MAX : v > ORIGIN_MAX ? ORIGIN_MAX : v;
}

/* Opcodes that change the state only; false for one not among them. */
static bool op_state(struct pict *p, unsigned op)
{
	switch (op) {
	case 0x00: case 0x1C: case 0x1E:	/* NOP, hiliting */
		break;
	case 0x01:				/* Clip: not applied */
		rd_rgn(p, NULL, NULL);
		break;
	case 0x02: case 0x09: case 0x0A:
		rd_pat(p, op == 0x02 ? &p->bk_pat : op == 0x09 ?
		       &p->pen_pat : &p->fill_pat);
		break;
	case 0x03:
		p->font = (int)rd16(p);
		break;
	case 0x04:
		p->face = (int)rd8(p);
		break;
	case 0x05: case 0x15: case 0x16: case 0xA0:
		rd16(p);	/* TxMode, PnLocHFrac, ChExtra, ShortComment */
		break;
	case 0x06:				/* SpExtra */
		rd32(p);
		break;
	case 0x07:
		p->pen_h = rds16(p);
		p->pen_w = rds16(p);
		break;
	case 0x08:
		p->pen_mode = (int)rd16(p);
		break;
	case 0x0B:
		p->ov_h = rds16(p);
		p->ov_w = rds16(p);
		break;
	case 0x0C: {
		int dh = rds16(p), dv = rds16(p);

		/* Local coordinates moved by (dh, dv): points move back. */
		p->ox = clamp_origin(p->ox - dh);
		p->oy = clamp_origin(p->oy - dv);
		break;
	}
	case 0x0D:
		p->size = (int)rd16(p);
		break;
	case 0x0E:
		p->fg = old_color(rd32(p), p->fg);
		break;
	case 0x0F:
		p->bk = old_color(rd32(p), p->bk);
		break;
	case 0x10:
		op_ratio(p);
		break;
	case 0x11:
		take(p, p->v2 ? 2 : 1);
		break;
	case 0x12: case 0x13: case 0x14:
		op_pixpat(p, op == 0x12 ? &p->bk_pat : op == 0x13 ?
			  &p->pen_pat : &p->fill_pat);
		break;
	case 0x1A:
		p->fg = rd_rgb(p);
		break;
	case 0x1B:
		p->bk = rd_rgb(p);
		break;
	case 0x1D: case 0x1F:			/* HiliteColor, OpColor */
		rd_rgb(p);
		break;
	case 0x2C:
		op_font_name(p);
		break;
	case 0xA1:				/* LongComment */
		rd16(p);
		take(p, rd16(p));
		break;
	case 0x0C00:				/* HeaderOp, read before */
		take(p, 24);
		break;
	default:
		return false;
	}
	return true;
}

/* An opcode we do not draw, skipped by Apple's length rules. */
static void op_skip(struct pict *p, unsigned op)
{
	if ((op >= 0x24 && op <= 0x2F) || (op >= 0x92 && op <= 0x9F) ||
	    (op >= 0xA2 && op <= 0xAF))
		take(p, rd16(p));
	else if ((op >= 0xD0 && op <= 0xFE) || op >= 0x8100)
		take(p, rd32(p));
	else if (op >= 0x0100 && op <= 0x7FFF)
		take(p, (op >> 8) * 2u);
	/* 0x17-0x19, 0xB0-0xCF and 0x8000-0x80FF have no data. */
}

static void op_play(struct pict *p, unsigned op)
{
	if (op >= 0x20 && op <= 0x23) {
		op_line(p, op);
	} else if (op >= 0x28 && op <= 0x2B) {
		op_text(p, op);
	} else if (op >= 0x30 && op <= 0x8F) {
		op_shape(p, op);
	} else if (op == 0x90 || op == 0x91 || (op >= 0x98 && op <= 0x9B)) {
		op_bits(p, op);
	} else if (op == 0x8200) {
		uint32_t n = rd32(p);
		const unsigned char *q = take(p, n);

		if (q)
			qt_image(p, q, n);
	} else if (!op_state(p, op)) {
		op_skip(p, op);
	}
}

/* Plays the opcodes up to OpEndPic; p->why says why it stopped short. */
static void play(struct pict *p)
{
	for (uint32_t i = 0; i < PICT_OPS_MAX; i++) {
		unsigned op;

		if (p->v2 && (p->at & 1))
			take(p, 1);
		op = p->v2 ? rd16(p) : rd8(p);
		if (p->why)
			return;
		if (op == 0x00FF)
			return;
		op_play(p, op);
		if (p->b->failed)
			p->why = "SVG over 64 MiB";
		if (p->why)
			return;
	}
	p->why = "too many opcodes";
}

/* ---- the picture ---- */

/*
 * Where the picture starts (0, or 512 after a file's header) and its
 * version, from the version opcode after the size and frame.
 */
static bool find_start(const unsigned char *d, size_t n, size_t *base,
		       bool *v2)
{
	for (size_t b = 0; b <= 512; b += 512) {
		if (n >= b + 14 && memcmp(d + b + 10, "\x00\x11\x02\xff", 4)
		    == 0)
			return *base = b, *v2 = true, true;
		if (n >= b + 12 && d[b + 10] == 0x11 && d[b + 11] == 0x01)
			return *base = b, *v2 = false, true;
	}
	return false;
}

/*
 * The coordinates the picture draws in: an extended version 2 header
 * (version -2) gives them at its own resolution, others use the frame.
 */
static struct rect view_of(const struct pict *p, struct rect frame)
{
	const unsigned char *h = p->d + p->at;
	struct rect r = frame;

	if (p->v2 && p->n - p->at >= 26 && ppj_be16(h) == 0x0C00 &&
	    ppj_be16(h + 2) == 0xFFFE) {
		r.t = (int16_t)ppj_be16(h + 14);
		r.l = (int16_t)ppj_be16(h + 16);
		r.b = (int16_t)ppj_be16(h + 18);
		r.r = (int16_t)ppj_be16(h + 20);
	}
	return r;
}

static void svg_root(struct pict *p, struct rect frame, struct rect view)
{
	double w = frame.r - frame.l, h = frame.b - frame.t;

	if (w <= 0 || h <= 0)
		w = view.r - view.l, h = view.b - view.t;
	ppj_buf_adds(p->b, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	attr(p, "width", w);
	attr(p, "height", h);
	ppj_buf_printf(p->b, " viewBox=\"%d %d %d %d\" "
		       "preserveAspectRatio=\"none\">\n", view.l, view.t,
		       view.r - view.l, view.b - view.t);
}

static void state_init(struct pict *p)
{
	p->fg = (struct rgb){ 0, 0, 0 };
	p->bk = (struct rgb){ 255, 255, 255 };
	memset(p->pen_pat.bits, 0xFF, 8);	/* black */
	memset(p->fill_pat.bits, 0xFF, 8);
	p->pen_w = p->pen_h = 1;
	p->pen_mode = 8;			/* patCopy */
	p->ratio_x = p->ratio_y = 1;
}

char *pict_to_svg(const void *data, size_t n, size_t *len, const char **why)
{
	struct ppj_buf out;
	struct pict p = { 0 };
	struct rect frame, view;
	size_t base = 0;

	*why = NULL;
	if (n > PICT_IN_MAX)
		return *why = "over 32 MiB", NULL;
	if (!find_start(data, n, &base, &p.v2))
		return *why = "not a PICT", NULL;

	ppj_buf_init(&out, PICT_SVG_MAX);
	p.b = &out;
	p.d = (const unsigned char *)data + base;
	p.n = n - base;
	p.at = 2;
	frame = rd_rect(&p);
	p.at = p.v2 ? 14 : 12;
	view = view_of(&p, frame);
	if (view.r <= view.l || view.b <= view.t)
		return *why = "empty picture frame", NULL;

	state_init(&p);
	svg_root(&p, frame, view);
	play(&p);
	ppj_buf_adds(&out, "</svg>\n");
	if (!p.why && out.failed)
		p.why = "SVG over 64 MiB";
	if (!p.why && !p.drawn)
		p.why = "nothing ppj can draw";
	if (p.why) {
		*why = p.why;
		ppj_buf_release(&out);
		return NULL;
	}
	return ppj_buf_detach(&out, len);
}
