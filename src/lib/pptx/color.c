/*
 * DrawingML colours: the six colour forms and every colour transform,
 * applied in document order, resolved against a theme and colour map.
 *
 * Colours are worked on as sRGB doubles in 0..1. Transforms that the
 * standard defines on linear light (tint, shade, the red/green/blue
 * family, gamma) convert to linear and back; the HSL family works on
 * sRGB through HSL.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pptxInt.h"

struct rgbd {
	double r, g, b, a;
};

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

static double to_linear(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double to_srgb(double c)
{
	c = clamp01(c);
	return c <= 0.0031308 ? c * 12.92 : 1.055 * pow(c, 1 / 2.4) - 0.055;
}

static void to_hsl(const struct rgbd *c, double *h, double *s, double *l)
{
	double mx = fmax(c->r, fmax(c->g, c->b));
	double mn = fmin(c->r, fmin(c->g, c->b));
	double d = mx - mn;

	*l = (mx + mn) / 2;
	if (d < 1e-12) {
		*h = *s = 0;
		return;
	}
	*s = *l > 0.5 ? d / (2 - mx - mn) : d / (mx + mn);
	if (mx == c->r)
		*h = fmod((c->g - c->b) / d + 6, 6);
	else if (mx == c->g)
		*h = (c->b - c->r) / d + 2;
	else
		*h = (c->r - c->g) / d + 4;
	*h *= 60;
}

static double hue_part(double p, double q, double t)
{
	if (t < 0)
		t += 1;
	if (t > 1)
		t -= 1;
	if (t < 1.0 / 6)
		return p + (q - p) * 6 * t;
	if (t < 0.5)
		return q;
	if (t < 2.0 / 3)
		return p + (q - p) * (2.0 / 3 - t) * 6;
	return p;
}

static void from_hsl(struct rgbd *c, double h, double s, double l)
{
	double q, p;

	h = fmod(fmod(h, 360) + 360, 360) / 360;
	s = clamp01(s);
	l = clamp01(l);
	if (s < 1e-12) {
		c->r = c->g = c->b = l;
		return;
	}
	q = l < 0.5 ? l * (1 + s) : l + s - l * s;
	p = 2 * l - q;
	c->r = hue_part(p, q, h + 1.0 / 3);
	c->g = hue_part(p, q, h);
	c->b = hue_part(p, q, h - 1.0 / 3);
}

/* ---- the base colour ---- */

static const char *const slot_names[CLR_COUNT] = {
	"dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3",
	"accent4", "accent5", "accent6", "hlink", "folHlink",
};

/* Colour map keys, in the order of struct part's clrmap. */
static const char *const map_names[CLR_COUNT] = {
	"bg1", "tx1", "bg2", "tx2", "accent1", "accent2", "accent3",
	"accent4", "accent5", "accent6", "hlink", "folHlink",
};

void pptx_clrmap_default(int *clrmap)
{
	for (int i = 0; i < CLR_COUNT; i++)
		clrmap[i] = i;
	clrmap[0] = CLR_LT1;
	clrmap[1] = CLR_DK1;
	clrmap[2] = CLR_LT2;
	clrmap[3] = CLR_DK2;
}

static int slot_of(const char *name)
{
	for (int i = 0; name && i < CLR_COUNT; i++)
		if (strcmp(name, slot_names[i]) == 0)
			return i;
	return -1;
}

/* Applies the attributes of a clrMap (or overrideClrMapping) element. */
void pptx_clrmap_apply(xmlNode *map, int *clrmap)
{
	for (int i = 0; map && i < CLR_COUNT; i++) {
		int s = slot_of(ppj__xml_attr(map, map_names[i]));

		if (s >= 0)
			clrmap[i] = s;
	}
}

static bool hex_rgb(const char *s, struct rgbd *c)
{
	unsigned long v;
	char *end;

	if (!s || strlen(s) != 6)
		return false;
	v = strtoul(s, &end, 16);
	if (*end)
		return false;
	c->r = ((v >> 16) & 255) / 255.0;
	c->g = ((v >> 8) & 255) / 255.0;
	c->b = (v & 255) / 255.0;
	return true;
}

static bool scheme_color(const struct cctx *cc, const char *val,
			 struct rgbd *c)
{
	struct ppj_color pc = { 0, 0, 0, 1 };
	int slot = slot_of(val);

	if (val && strcmp(val, "phClr") == 0) {
		if (cc->ph)
			pc = *cc->ph;
	} else {
		for (int i = 0; slot < 0 && val && i < CLR_COUNT; i++)
			if (strcmp(val, map_names[i]) == 0)
				slot = cc->map ? cc->map[i] : i;
		if (slot < 0)
			return false;
		if (cc->theme)
			pc = cc->theme->scheme[slot];
	}
	c->r = pc.r / 255.0;
	c->g = pc.g / 255.0;
	c->b = pc.b / 255.0;
	c->a = pc.alpha;
	return true;
}

static double pct(const xmlNode *n, const char *attr)
{
	return ppj__xml_int(n, attr, 0) / 100000.0;
}

/* A system colour without lastClr: Windows' default scheme. */
static bool system_color(const char *val, struct rgbd *c)
{
	static const struct { const char *name; const char *rgb; } sys[] = {
		{ "window", "FFFFFF" }, { "windowText", "000000" },
		{ "btnFace", "F0F0F0" }, { "btnText", "000000" },
		{ "btnShadow", "A0A0A0" }, { "btnHighlight", "FFFFFF" },
		{ "highlight", "3399FF" }, { "highlightText", "FFFFFF" },
		{ "grayText", "6D6D6D" }, { "menu", "F0F0F0" },
		{ "menuText", "000000" }, { "infoBk", "FFFFE1" },
		{ "infoText", "000000" }, { "3dDkShadow", "696969" },
		{ "3dLight", "E3E3E3" }, { "windowFrame", "646464" },
		{ "captionText", "000000" }, { "activeCaption", "99B4D1" },
		{ "scrollBar", "C8C8C8" }, { "hotLight", "0066CC" },
	};

	for (size_t i = 0; val && i < sizeof(sys) / sizeof(*sys); i++)
		if (strcmp(val, sys[i].name) == 0)
			return hex_rgb(sys[i].rgb, c);
	c->r = c->g = c->b = 0;
	return true;
}

static bool base_color(const struct cctx *cc, xmlNode *el, struct rgbd *c)
{
	const char *name = (const char *)el->name;

	c->a = 1;
	if (strcmp(name, "srgbClr") == 0)
		return hex_rgb(ppj__xml_attr(el, "val"), c);
	if (strcmp(name, "scrgbClr") == 0) {
		c->r = to_srgb(pct(el, "r"));
		c->g = to_srgb(pct(el, "g"));
		c->b = to_srgb(pct(el, "b"));
		return true;
	}
	if (strcmp(name, "hslClr") == 0) {
		from_hsl(c, ppj__xml_int(el, "hue", 0) / 60000.0,
			 pct(el, "sat"), pct(el, "lum"));
		return true;
	}
	if (strcmp(name, "sysClr") == 0) {
		if (hex_rgb(ppj__xml_attr(el, "lastClr"), c))
			return true;
		return system_color(ppj__xml_attr(el, "val"), c);
	}
	if (strcmp(name, "prstClr") == 0) {
		struct ppj_color pc;

		if (!pptx_prst_color(ppj__xml_attr(el, "val"), &pc))
			pc = ppj_rgb(0, 0, 0);
		c->r = pc.r / 255.0;
		c->g = pc.g / 255.0;
		c->b = pc.b / 255.0;
		return true;
	}
	if (strcmp(name, "schemeClr") == 0)
		return scheme_color(cc, ppj__xml_attr(el, "val"), c);
	return false;
}

/* ---- transforms ---- */

enum hsl_what { HSL_HUE, HSL_SAT, HSL_LUM };

/* Sets (mode 0), multiplies (1) or offsets (2) one HSL component. */
static void hsl_op(struct rgbd *c, enum hsl_what what, int mode, double v)
{
	double hsl[3];

	to_hsl(c, &hsl[0], &hsl[1], &hsl[2]);
	if (what == HSL_HUE && mode != 1)
		v *= 360.0 / 21600000.0 * 100000.0;	/* 60000ths -> deg */
	if (mode == 0)
		hsl[what] = v;
	else if (mode == 1)
		hsl[what] *= v;
	else
		hsl[what] += v;
	if (what != HSL_HUE)
		hsl[what] = clamp01(hsl[what]);
	from_hsl(c, hsl[0], hsl[1], hsl[2]);
}

/* The red, green, blue and their Mod/Off forms, on linear light. */
static bool channel_op(struct rgbd *c, const char *name, double v)
{
	static const char *const ch[3] = { "red", "green", "blue" };
	double *p[3] = { &c->r, &c->g, &c->b };

	for (int i = 0; i < 3; i++) {
		size_t l = strlen(ch[i]);
		double lin;

		if (strncmp(name, ch[i], l) != 0)
			continue;
		lin = to_linear(*p[i]);
		if (!name[l])
			lin = v;
		else if (strcmp(name + l, "Mod") == 0)
			lin *= v;
		else if (strcmp(name + l, "Off") == 0)
			lin += v;
		else
			return false;
		*p[i] = to_srgb(lin);
		return true;
	}
	return false;
}

static void tint_shade(struct rgbd *c, double v, bool tint)
{
	double *p[3] = { &c->r, &c->g, &c->b };

	for (int i = 0; i < 3; i++) {
		double lin = to_linear(*p[i]);

		lin = tint ? lin * v + (1 - v) : lin * v;
		*p[i] = to_srgb(lin);
	}
}

static void transform(struct rgbd *c, xmlNode *t)
{
	const char *n = (const char *)t->name;
	double v = pct(t, "val");

	if (strcmp(n, "alpha") == 0)
		c->a = v;
	else if (strcmp(n, "alphaMod") == 0)
		c->a *= v;
	else if (strcmp(n, "alphaOff") == 0)
		c->a += v;
	else if (strcmp(n, "lum") == 0)
		hsl_op(c, HSL_LUM, 0, v);
	else if (strcmp(n, "lumMod") == 0)
		hsl_op(c, HSL_LUM, 1, v);
	else if (strcmp(n, "lumOff") == 0)
		hsl_op(c, HSL_LUM, 2, v);
	else if (strcmp(n, "sat") == 0)
		hsl_op(c, HSL_SAT, 0, v);
	else if (strcmp(n, "satMod") == 0)
		hsl_op(c, HSL_SAT, 1, v);
	else if (strcmp(n, "satOff") == 0)
		hsl_op(c, HSL_SAT, 2, v);
	else if (strcmp(n, "hue") == 0)
		hsl_op(c, HSL_HUE, 0, v);
	else if (strcmp(n, "hueMod") == 0)
		hsl_op(c, HSL_HUE, 1, v);
	else if (strcmp(n, "hueOff") == 0)
		hsl_op(c, HSL_HUE, 2, v);
	else if (strcmp(n, "tint") == 0)
		tint_shade(c, v, true);
	else if (strcmp(n, "shade") == 0)
		tint_shade(c, v, false);
	else if (strcmp(n, "comp") == 0)
		hsl_op(c, HSL_HUE, 2, 180.0 / 360 * 21600000 / 100000);
	else if (strcmp(n, "inv") == 0) {
		c->r = 1 - c->r;
		c->g = 1 - c->g;
		c->b = 1 - c->b;
	} else if (strcmp(n, "gray") == 0) {
		c->r = c->g = c->b = 0.3 * c->r + 0.59 * c->g + 0.11 * c->b;
	} else if (strcmp(n, "gamma") == 0) {
		c->r = to_srgb(c->r);
		c->g = to_srgb(c->g);
		c->b = to_srgb(c->b);
	} else if (strcmp(n, "invGamma") == 0) {
		c->r = to_linear(c->r);
		c->g = to_linear(c->g);
		c->b = to_linear(c->b);
	} else {
		channel_op(c, n, v);
	}
	c->r = clamp01(c->r);
	c->g = clamp01(c->g);
	c->b = clamp01(c->b);
	c->a = clamp01(c->a);
}

bool pptx_is_color(const xmlNode *el)
{
	static const char *const forms[] = { "srgbClr", "scrgbClr", "hslClr",
		"sysClr", "prstClr", "schemeClr" };

	if (!el || el->type != XML_ELEMENT_NODE || ppj__ns_of(el) != NS_A)
		return false;
	for (size_t i = 0; i < 6; i++)
		if (strcmp((const char *)el->name, forms[i]) == 0)
			return true;
	return false;
}

/*
 * Resolves the colour element el (srgbClr, schemeClr, ...) with its
 * transforms. False when el is not a colour we can read.
 */
bool pptx_color(const struct cctx *cc, xmlNode *el, struct ppj_color *out)
{
	struct rgbd c = { 0, 0, 0, 1 };

	if (!pptx_is_color(el) || !base_color(cc, el, &c))
		return false;
	size_t k = 0;

	for (xmlNode *t = ppj__xml_first(el); t && k < PROPS_MAX;
	     t = ppj__xml_next(t), k++)
		transform(&c, t);
	out->r = (uint8_t)lround(clamp01(c.r) * 255);
	out->g = (uint8_t)lround(clamp01(c.g) * 255);
	out->b = (uint8_t)lround(clamp01(c.b) * 255);
	out->alpha = clamp01(c.a);
	return true;
}

/* The first colour child of parent, resolved. */
bool pptx_color_in(const struct cctx *cc, xmlNode *parent,
		   struct ppj_color *out)
{
	size_t k = 0;

	for (xmlNode *c = ppj__xml_first(parent); c && k < PROPS_MAX;
	     c = ppj__xml_next(c), k++)
		if (pptx_is_color(c))
			return pptx_color(cc, c, out);
	return false;
}

/* ---- preset colours ---- */

struct named {
	const char *name;
	uint32_t rgb;
};

/* The CSS colour names, which ST_PresetColorVal spells in camelCase with
 * dk/lt/med for dark/light/medium. Sorted for bsearch. */
static const struct named css[] = {
	{ "aliceblue", 0xF0F8FF }, { "antiquewhite", 0xFAEBD7 },
	{ "aqua", 0x00FFFF }, { "aquamarine", 0x7FFFD4 },
	{ "azure", 0xF0FFFF }, { "beige", 0xF5F5DC },
	{ "bisque", 0xFFE4C4 }, { "black", 0x000000 },
	{ "blanchedalmond", 0xFFEBCD }, { "blue", 0x0000FF },
	{ "blueviolet", 0x8A2BE2 }, { "brown", 0xA52A2A },
	{ "burlywood", 0xDEB887 }, { "cadetblue", 0x5F9EA0 },
	{ "chartreuse", 0x7FFF00 }, { "chocolate", 0xD2691E },
	{ "coral", 0xFF7F50 }, { "cornflowerblue", 0x6495ED },
	{ "cornsilk", 0xFFF8DC }, { "crimson", 0xDC143C },
	{ "cyan", 0x00FFFF }, { "darkblue", 0x00008B },
	{ "darkcyan", 0x008B8B }, { "darkgoldenrod", 0xB8860B },
	{ "darkgray", 0xA9A9A9 }, { "darkgreen", 0x006400 },
	{ "darkgrey", 0xA9A9A9 }, { "darkkhaki", 0xBDB76B },
	{ "darkmagenta", 0x8B008B }, { "darkolivegreen", 0x556B2F },
	{ "darkorange", 0xFF8C00 }, { "darkorchid", 0x9932CC },
	{ "darkred", 0x8B0000 }, { "darksalmon", 0xE9967A },
	{ "darkseagreen", 0x8FBC8F }, { "darkslateblue", 0x483D8B },
	{ "darkslategray", 0x2F4F4F }, { "darkslategrey", 0x2F4F4F },
	{ "darkturquoise", 0x00CED1 }, { "darkviolet", 0x9400D3 },
	{ "deeppink", 0xFF1493 }, { "deepskyblue", 0x00BFFF },
	{ "dimgray", 0x696969 }, { "dimgrey", 0x696969 },
	{ "dodgerblue", 0x1E90FF }, { "firebrick", 0xB22222 },
	{ "floralwhite", 0xFFFAF0 }, { "forestgreen", 0x228B22 },
	{ "fuchsia", 0xFF00FF }, { "gainsboro", 0xDCDCDC },
	{ "ghostwhite", 0xF8F8FF }, { "gold", 0xFFD700 },
	{ "goldenrod", 0xDAA520 }, { "gray", 0x808080 },
	{ "green", 0x008000 }, { "greenyellow", 0xADFF2F },
	{ "grey", 0x808080 }, { "honeydew", 0xF0FFF0 },
	{ "hotpink", 0xFF69B4 }, { "indianred", 0xCD5C5C },
	{ "indigo", 0x4B0082 }, { "ivory", 0xFFFFF0 },
	{ "khaki", 0xF0E68C }, { "lavender", 0xE6E6FA },
	{ "lavenderblush", 0xFFF0F5 }, { "lawngreen", 0x7CFC00 },
	{ "lemonchiffon", 0xFFFACD }, { "lightblue", 0xADD8E6 },
	{ "lightcoral", 0xF08080 }, { "lightcyan", 0xE0FFFF },
	{ "lightgoldenrodyellow", 0xFAFAD2 }, { "lightgray", 0xD3D3D3 },
	{ "lightgreen", 0x90EE90 }, { "lightgrey", 0xD3D3D3 },
	{ "lightpink", 0xFFB6C1 }, { "lightsalmon", 0xFFA07A },
	{ "lightseagreen", 0x20B2AA }, { "lightskyblue", 0x87CEFA },
	{ "lightslategray", 0x778899 }, { "lightslategrey", 0x778899 },
	{ "lightsteelblue", 0xB0C4DE }, { "lightyellow", 0xFFFFE0 },
	{ "lime", 0x00FF00 }, { "limegreen", 0x32CD32 },
	{ "linen", 0xFAF0E6 }, { "magenta", 0xFF00FF },
	{ "maroon", 0x800000 }, { "mediumaquamarine", 0x66CDAA },
	{ "mediumblue", 0x0000CD }, { "mediumorchid", 0xBA55D3 },
	{ "mediumpurple", 0x9370DB }, { "mediumseagreen", 0x3CB371 },
	{ "mediumslateblue", 0x7B68EE }, { "mediumspringgreen", 0x00FA9A },
	{ "mediumturquoise", 0x48D1CC }, { "mediumvioletred", 0xC71585 },
	{ "midnightblue", 0x191970 }, { "mintcream", 0xF5FFFA },
	{ "mistyrose", 0xFFE4E1 }, { "moccasin", 0xFFE4B5 },
	{ "navajowhite", 0xFFDEAD }, { "navy", 0x000080 },
	{ "oldlace", 0xFDF5E6 }, { "olive", 0x808000 },
	{ "olivedrab", 0x6B8E23 }, { "orange", 0xFFA500 },
	{ "orangered", 0xFF4500 }, { "orchid", 0xDA70D6 },
	{ "palegoldenrod", 0xEEE8AA }, { "palegreen", 0x98FB98 },
	{ "paleturquoise", 0xAFEEEE }, { "palevioletred", 0xDB7093 },
	{ "papayawhip", 0xFFEFD5 }, { "peachpuff", 0xFFDAB9 },
	{ "peru", 0xCD853F }, { "pink", 0xFFC0CB },
	{ "plum", 0xDDA0DD }, { "powderblue", 0xB0E0E6 },
	{ "purple", 0x800080 }, { "red", 0xFF0000 },
	{ "rosybrown", 0xBC8F8F }, { "royalblue", 0x4169E1 },
	{ "saddlebrown", 0x8B4513 }, { "salmon", 0xFA8072 },
	{ "sandybrown", 0xF4A460 }, { "seagreen", 0x2E8B57 },
	{ "seashell", 0xFFF5EE }, { "sienna", 0xA0522D },
	{ "silver", 0xC0C0C0 }, { "skyblue", 0x87CEEB },
	{ "slateblue", 0x6A5ACD }, { "slategray", 0x708090 },
	{ "slategrey", 0x708090 }, { "snow", 0xFFFAFA },
	{ "springgreen", 0x00FF7F }, { "steelblue", 0x4682B4 },
	{ "tan", 0xD2B48C }, { "teal", 0x008080 },
	{ "thistle", 0xD8BFD8 }, { "tomato", 0xFF6347 },
	{ "turquoise", 0x40E0D0 }, { "violet", 0xEE82EE },
	{ "wheat", 0xF5DEB3 }, { "white", 0xFFFFFF },
	{ "whitesmoke", 0xF5F5F5 }, { "yellow", 0xFFFF00 },
	{ "yellowgreen", 0x9ACD32 },
};

static int cmp_named(const void *k, const void *e)
{
	return strcmp(k, ((const struct named *)e)->name);
}

bool pptx_prst_color(const char *name, struct ppj_color *out)
{
	static const char *const pre[][2] = {
		{ "dk", "dark" }, { "lt", "light" }, { "med", "medium" },
	};
	const struct named *hit;
	char key[64];
	size_t o = 0;

	if (!name || strlen(name) > 40)
		return false;
	for (size_t i = 0; i < 3; i++) {
		size_t l = strlen(pre[i][0]);

		if (strncmp(name, pre[i][0], l) == 0 && name[l] >= 'A' &&
		    name[l] <= 'Z') {
			strcpy(key, pre[i][1]);
			o = strlen(key);
			name += l;
			break;
		}
	}
	for (; *name && o < sizeof(key) - 1; name++)
		key[o++] = (char)(*name >= 'A' && *name <= 'Z' ?
				  *name - 'A' + 'a' : *name);
	key[o] = '\0';
	hit = bsearch(key, css, sizeof(css) / sizeof(*css), sizeof(*css),
		      cmp_named);
	if (!hit)
		return false;
	*out = ppj_rgb((uint8_t)(hit->rgb >> 16), (uint8_t)(hit->rgb >> 8),
		       (uint8_t)hit->rgb);
	return true;
}
