/*
 * Handwritten ink: the InkML part of a p:contentPart becomes stroked
 * custom geometry, one shape per brush, each trace a polyline.
 *
 * A trace is a list of points separated by commas, each a value per
 * channel of the trace format (X, Y, pressure...). A value may say how
 * it is coded with a prefix that holds for that channel until another
 * one: '!' explicit, '\'' first difference (from the previous value),
 * '"' second difference (from the previous difference).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pptxInt.h"

#define INK_CHANNELS 8

/* Enough for a page of handwriting; the rest of a part is dropped. */
#define INK_MAX_POINTS 100000

/* Values past this (km at Office's resolution) cost their point. */
#define INK_MAX_COORD 1e9

/* The depth of trace groups looked into. */
#define INK_MAX_DEPTH 32

struct brush {
	const char *id;		/* xml:id, or NULL */
	struct ppj_color color;
	double width;		/* EMU */
};

/* One channel's decoding state. */
struct chan {
	char mode;		/* '!', '\'' or '"' */
	double value, delta;
};

/* A point of a trace, in the ink's units. */
struct ipt {
	double x, y;
	int brush;
	bool start;		/* the first of its trace */
};

struct ink {
	struct sctx *sc;
	int nch, cx, cy;	/* channels; those of X and Y */
	double scale;		/* EMU per unit of X and Y */
	struct brush brushes[INK_MAX_BRUSHES];
	size_t nbrushes;
	struct ipt *pts;	/* all points, malloc'd */
	size_t npts, cap;
	bool cut;		/* points past the limit dropped */
	bool oom;
};

/* ---- definitions ---- */

/* EMU in one cm, mm or inch (units, else cm). */
static double emu_of_unit(const char *units)
{
	if (units && !strcmp(units, "mm"))
		return 36000;
	if (units && !strcmp(units, "in"))
		return 914400;
	return 360000;
}

/* EMU per unit of a resolution in units per cm, mm or inch ("1/cm"). */
static double emu_per_unit(double res, const char *units)
{
	if (!(res > 0) || !isfinite(res))
		return 360;
	return emu_of_unit(units && units[0] == '1' && units[1] == '/' ?
			   units + 2 : NULL) / res;
}

/* The channels of the first trace format, and the resolution of X. */
static void read_format(struct ink *k, xmlNode *defs)
{
	xmlNode *ctx = ppj__xml_child(defs, PPJ_NS_INKML, "context");
	xmlNode *src = ppj__xml_child(ctx, PPJ_NS_INKML, "inkSource");
	xmlNode *fmt = ppj__xml_child(src, PPJ_NS_INKML, "traceFormat");
	xmlNode *props = ppj__xml_child(src, PPJ_NS_INKML,
					"channelProperties");

	k->nch = 0;
	k->cx = 0;
	k->cy = 1;
	for (xmlNode *c = ppj__xml_first(fmt); c && k->nch < INK_CHANNELS;
	     c = ppj__xml_next(c)) {
		const char *name = ppj__xml_attr(c, "name");

		if (name && !strcmp(name, "X"))
			k->cx = k->nch;
		else if (name && !strcmp(name, "Y"))
			k->cy = k->nch;
		k->nch++;
	}
	if (k->nch < 2)
		k->nch = 2;
	k->scale = 360;		/* Office's 1000 units to the cm */
	for (xmlNode *p = ppj__xml_first(props); p; p = ppj__xml_next(p)) {
		const char *ch = ppj__xml_attr(p, "channel");
		const char *name = ppj__xml_attr(p, "name");
		const char *v = ppj__xml_attr(p, "value");

		if (ch && name && v && !strcmp(ch, "X") &&
		    !strcmp(name, "resolution"))
			k->scale = emu_per_unit(strtod(v, NULL),
						ppj__xml_attr(p, "units"));
	}
}

/* PowerPoint's pen: black, 3 pt. */
static struct brush pen(void)
{
	return (struct brush){ NULL, ppj_rgb(0, 0, 0), 38100 };
}

/* A brush: its colour (#RRGGBB, else black) and width (cm, mm, in). */
static void read_brush(struct ink *k, xmlNode *b)
{
	struct brush *br = &k->brushes[k->nbrushes];
	xmlChar *id = xmlGetNsProp(b, (const xmlChar *)"id",
				   XML_XML_NAMESPACE);

	*br = pen();
	br->id = id ? pptx_str(k->sc->px, (const char *)id) : NULL;
	xmlFree(id);
	for (xmlNode *p = ppj__xml_first(b); p; p = ppj__xml_next(p)) {
		const char *name = ppj__xml_attr(p, "name");
		const char *v = ppj__xml_attr(p, "value");
		unsigned int rgb;
		double w;

		if (!name || !v)
			continue;
		if (!strcmp(name, "color") && v[0] == '#' &&
		    strlen(v) == 7 && sscanf(v + 1, "%6x", &rgb) == 1)
			br->color = ppj_rgb((rgb >> 16) & 255,
					    (rgb >> 8) & 255, rgb & 255);
		w = strtod(v, NULL) * emu_of_unit(ppj__xml_attr(p, "units"));
		if (!strcmp(name, "width") && w > 0 && w < 1e6)
			br->width = w;
	}
	k->nbrushes++;
}

static void read_definitions(struct ink *k, xmlNode *root)
{
	xmlNode *defs = ppj__xml_child(root, PPJ_NS_INKML, "definitions");

	read_format(k, defs);
	for (xmlNode *b = ppj__xml_first(defs); b; b = ppj__xml_next(b))
		if (ppj__xml_is(b, PPJ_NS_INKML, "brush") &&
		    k->nbrushes < INK_MAX_BRUSHES)
			read_brush(k, b);
	if (k->nbrushes == 0)
		k->brushes[k->nbrushes++] = pen();
}

/* The brush a trace names ("#br0"), else the first. */
static int brush_of(const struct ink *k, xmlNode *trace)
{
	const char *ref = ppj__xml_attr(trace, "brushRef");

	if (ref && ref[0] == '#')
		for (size_t i = 0; i < k->nbrushes; i++)
			if (k->brushes[i].id &&
			    !strcmp(k->brushes[i].id, ref + 1))
				return (int)i;
	return 0;
}

/* ---- traces ---- */

/* One value at *s with its channel's coding; false at a point's end. */
static bool next_value(const char **s, struct chan *ch, double *out)
{
	const char *p = *s;
	char *end;
	double v;

	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p == '!' || *p == '\'' || *p == '"')
		ch->mode = *p++;
	if (*p == '*') {		/* unchanged */
		*s = p + 1;
		*out = ch->value;
		return true;
	}
	if (!(isdigit((unsigned char)*p) || *p == '-' || *p == '+' ||
	      *p == '.'))
		return false;
	v = strtod(p, &end);
	if (end == p || !isfinite(v))
		return false;
	*s = end;
	if (ch->mode == '\'')
		v = ch->value + v;
	else if (ch->mode == '"')
		v = ch->value + ch->delta + v;
	if (fabs(v) > INK_MAX_COORD)
		return false;
	ch->delta = v - ch->value;
	ch->value = v;
	*out = v;
	return true;
}

static bool add_point(struct ink *k, const struct ipt *pt)
{
	struct ipt *grown;

	if (k->npts >= INK_MAX_POINTS) {
		k->cut = true;
		return false;
	}
	if (k->npts == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 64;
		grown = realloc(k->pts, k->cap * sizeof(*grown));
		if (!grown) {
			k->oom = true;
			return false;
		}
		k->pts = grown;
	}
	k->pts[k->npts++] = *pt;
	return true;
}

/* The points of one trace, a value per channel each. */
static void read_trace(struct ink *k, xmlNode *trace)
{
	struct chan ch[INK_CHANNELS] = { 0 };
	xmlChar *text = xmlNodeGetContent(trace);
	const char *s = (const char *)text;
	struct ipt pt = { .brush = brush_of(k, trace), .start = true };

	for (int i = 0; i < INK_CHANNELS; i++)
		ch[i].mode = '!';
	while (s && *s) {
		double v[INK_CHANNELS] = { 0 };
		int got = 0;

		while (got < k->nch && next_value(&s, &ch[got], &v[got]))
			got++;
		if (got > k->cx && got > k->cy) {
			pt.x = v[k->cx];
			pt.y = v[k->cy];
			if (!add_point(k, &pt))
				break;
			pt.start = false;
		}
		/* On to the next point: past the comma, or past junk. */
		while (*s && *s != ',')
			s++;
		if (*s == ',')
			s++;
	}
	xmlFree(text);
}

/* The traces under n, in document order, however grouped. */
static void read_traces(struct ink *k, xmlNode *n, int depth)
{
	if (depth > INK_MAX_DEPTH)
		return;
	for (xmlNode *c = ppj__xml_first(n); c && !k->cut && !k->oom;
	     c = ppj__xml_next(c)) {
		if (ppj__xml_is(c, PPJ_NS_INKML, "trace"))
			read_trace(k, c);
		else if (ppj__xml_is(c, PPJ_NS_INKML, "traceGroup"))
			read_traces(k, c, depth + 1);
	}
}

/* ---- shapes ---- */

/* Where the ink's units land: the origin and the EMU per unit. */
struct ink_map {
	double x0, y0;		/* units at the box's corner */
	double sx, sy;		/* EMU per unit */
};

/*
 * PowerPoint sizes the box one unit past the traces' extent (range + 1
 * units); a box of another size has been stretched, and the ink with it.
 */
static struct ink_map ink_map(const struct ink *k,
			      const struct ppj_xform *box)
{
	double minx = k->pts[0].x, maxx = minx, miny = k->pts[0].y;
	double maxy = miny;
	struct ink_map m;

	for (size_t i = 1; i < k->npts; i++) {
		minx = fmin(minx, k->pts[i].x);
		maxx = fmax(maxx, k->pts[i].x);
		miny = fmin(miny, k->pts[i].y);
		maxy = fmax(maxy, k->pts[i].y);
	}
	m.x0 = minx;
	m.y0 = miny;
	m.sx = m.sy = k->scale;
	if (maxx > minx && box->cx > 0)
		m.sx = (double)box->cx / (maxx - minx + 1);
	if (maxy > miny && box->cy > 0)
		m.sy = (double)box->cy / (maxy - miny + 1);
	return m;
}

static double emu_x(const struct ink_map *m, const struct ppj_xform *box,
		    const struct ipt *p)
{
	return (double)box->x + (p->x - m->x0) * m->sx;
}

static double emu_y(const struct ink_map *m, const struct ppj_xform *box,
		    const struct ipt *p)
{
	return (double)box->y + (p->y - m->y0) * m->sy;
}

/* The box of a brush's points, widened by half its width all round. */
static bool brush_box(const struct ink *k, const struct ink_map *m,
		      const struct ppj_xform *box, int b, struct ppj_xform *out)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
	double half = k->brushes[b].width / 2;

	for (size_t i = 0; i < k->npts; i++) {
		if (k->pts[i].brush != b)
			continue;
		x0 = fmin(x0, emu_x(m, box, &k->pts[i]));
		x1 = fmax(x1, emu_x(m, box, &k->pts[i]));
		y0 = fmin(y0, emu_y(m, box, &k->pts[i]));
		y1 = fmax(y1, emu_y(m, box, &k->pts[i]));
	}
	if (!(x0 <= x1) || fabs(x0) > 1e12 || fabs(y0) > 1e12 ||
	    x1 - x0 > 1e12 || y1 - y0 > 1e12)
		return false;
	*out = (struct ppj_xform){ llround(x0 - half), llround(y0 - half),
				   llround(x1 - x0 + 2 * half) + 1,
				   llround(y1 - y0 + 2 * half) + 1, 0, false,
				   false };
	return true;
}

static bool add_op(struct sctx *sc, struct ppj_path_op **ops, size_t *n,
		   size_t *cap, enum ppj_path_cmd cmd, double x, double y)
{
	struct ppj_arena *a = sc->px->arena;
	struct ppj_path_op *op = ppj_arena_push(a, ops, n, cap, sizeof(*op));

	if (!op)
		return false;
	op->cmd = cmd;
	op->arg[0] = ppj_arena_printf(a, "%lld", (long long)llround(x));
	op->arg[1] = ppj_arena_printf(a, "%lld", (long long)llround(y));
	return op->arg[0] && op->arg[1];
}

/* The path of brush b's traces in its box; a lone point a dot. */
static bool brush_path(struct ink *k, const struct ink_map *m,
		       const struct ppj_xform *box, int b,
		       const struct ppj_xform *bx, struct ppj_path *path)
{
	struct ppj_path_op *ops = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < k->npts; i++) {
		const struct ipt *p = &k->pts[i];
		double x = emu_x(m, box, p) - (double)bx->x;
		double y = emu_y(m, box, p) - (double)bx->y;
		bool alone = p->start && (i + 1 == k->npts ||
					  k->pts[i + 1].start);

		if (p->brush != b)
			continue;
		if (!add_op(k->sc, &ops, &n, &cap, p->start ? PPJ_PATH_MOVE :
			    PPJ_PATH_LINE, x, y))
			return false;
		if (alone && !add_op(k->sc, &ops, &n, &cap, PPJ_PATH_LINE, x,
				     y))
			return false;
	}
	*path = (struct ppj_path){ bx->cx, bx->cy, PPJ_PFILL_NONE, true, n,
				   ops };
	return true;
}

/* A shape drawing brush b's strokes: no fill, a round-capped line. */
static int brush_shape(struct ink *k, const struct ink_map *m,
		       const struct ppj_xform *box, int b,
		       struct ppj_shape *s)
{
	struct ppj_arena *a = k->sc->px->arena;
	struct ppj_geom_def *def = ppj_arena_calloc(a, 1, sizeof(*def));
	struct ppj_path *path = ppj_arena_calloc(a, 1, sizeof(*path));

	if (!brush_box(k, m, box, b, &s->xf))
		return 1;
	if (!def || !path || !brush_path(k, m, box, b, &s->xf, path))
		return pptx_oom(k->sc->px);
	def->npaths = 1;
	def->paths = path;
	s->kind = PPJ_SHAPE_SP;
	s->geom.custom = def;
	s->fill.kind = PPJ_FILL_NONE;
	s->line.fill.kind = PPJ_FILL_SOLID;
	s->line.fill.color = k->brushes[b].color;
	s->line.width = llround(k->brushes[b].width);
	s->line.cap = PPJ_CAP_ROUND;
	s->line.join = PPJ_JOIN_ROUND;
	return 0;
}

/* The shapes of the brushes that drew, in brush order. */
static int ink_shapes(struct ink *k, const struct ppj_xform *box,
		      struct ppj_shape *out, size_t *count)
{
	struct ink_map m = ink_map(k, box);

	for (size_t b = 0; b < k->nbrushes; b++) {
		bool used = false;
		int rc;

		for (size_t i = 0; i < k->npts && !used; i++)
			used = k->pts[i].brush == (int)b;
		if (!used)
			continue;
		memset(&out[*count], 0, sizeof(*out));
		rc = brush_shape(k, &m, box, (int)b, &out[*count]);
		if (rc < 0)
			return rc;
		if (rc == 0)
			(*count)++;
	}
	return 0;
}

static int ink_of(struct sctx *sc, xmlDoc *doc, const struct ppj_xform *box,
		  struct ppj_shape *out, size_t *count)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	struct ink k = { .sc = sc };
	int rc = 0;

	if (!ppj__xml_is(root, PPJ_NS_INKML, "ink"))
		return 0;
	read_definitions(&k, root);
	read_traces(&k, root, 0);
	if (k.oom)
		rc = pptx_oom(sc->px);
	else if (k.npts)
		rc = ink_shapes(&k, box, out, count);
	if (!rc && k.cut)
		ppj_warn(sc->px->deck, sc->slide, "ink", "ink past %d points "
			 "is not drawn", INK_MAX_POINTS);
	free(k.pts);
	return rc;
}

int pptx_ink(struct sctx *sc, xmlNode *part, const struct ppj_xform *box,
	     struct ppj_shape *out, size_t *count)
{
	const char *rid = ppj__xml_attr_ns(part, NS_R, "id");
	const struct ppj_rel *rel = rid ? ppj__rel_by_id(sc->owner->rels,
							 rid) : NULL;
	struct ppj_error why = { 0 };
	xmlDoc *doc;
	int rc;

	*count = 0;
	rc = pptx_optional_xml(sc->px, rel, &doc, &why);
	if (rc)
		return rc;
	if (doc)
		rc = ink_of(sc, doc, box, out, count);
	xmlFreeDoc(doc);
	if (!rc && !*count)
		ppj_warn(sc->px->deck, sc->slide, "ink", "handwritten ink "
			 "(p:contentPart) that cannot be read%s%s",
			 why.msg[0] ? ": " : "", why.msg);
	return rc;
}
