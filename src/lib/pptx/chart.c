/*
 * Charts (c:chartSpace parts) into ppj_chart, from the values the chart
 * part caches (c:strCache, c:numCache). The embedded workbook is never
 * opened. Every plot of the plot area is read when they can share it
 * (columns, lines and areas); other combinations keep their first plot.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pptxInt.h"

#define MAX_POINTS 100000
#define MAX_SERIES 1000
#define MAX_PLOTS 16

struct kind_name {
	const char *name;
	enum ppj_chart_kind kind;
};

static const struct kind_name kinds[] = {
	{ "barChart", PPJ_CHART_COLUMN }, { "bar3DChart", PPJ_CHART_COLUMN },
	{ "lineChart", PPJ_CHART_LINE }, { "line3DChart", PPJ_CHART_LINE },
	{ "stockChart", PPJ_CHART_LINE },
	{ "pieChart", PPJ_CHART_PIE }, { "pie3DChart", PPJ_CHART_PIE },
	{ "ofPieChart", PPJ_CHART_PIE },
	{ "doughnutChart", PPJ_CHART_DOUGHNUT },
	{ "areaChart", PPJ_CHART_AREA }, { "area3DChart", PPJ_CHART_AREA },
	{ "scatterChart", PPJ_CHART_SCATTER },
	{ "radarChart", PPJ_CHART_RADAR },
	{ "bubbleChart", PPJ_CHART_BUBBLE },
	{ "surfaceChart", PPJ_CHART_OTHER },
	{ "surface3DChart", PPJ_CHART_OTHER },
};

static xmlNode *cache_of(xmlNode *ref_parent)
{
	static const char *const refs[] = { "strRef", "numRef",
		"multiLvlStrRef" };
	static const char *const caches[] = { "strCache", "numCache",
		"multiLvlStrCache" };

	for (int i = 0; i < 3; i++) {
		xmlNode *r = ppj__xml_child(ref_parent, NS_C, refs[i]);

		if (r)
			return ppj__xml_child(r, NS_C, caches[i]);
	}
	for (int i = 0; i < 2; i++) {
		xmlNode *lit = ppj__xml_child(ref_parent, NS_C,
					      i ? "numLit" : "strLit");

		if (lit)
			return lit;
	}
	return NULL;
}

static size_t pt_count(xmlNode *cache)
{
	int64_t n = ppj__xml_int(ppj__xml_child(cache, NS_C, "ptCount"),
				 "val", 0);

	return n < 0 ? 0 : n > MAX_POINTS ? MAX_POINTS : (size_t)n;
}

/*
 * The multi-level cache keeps its labels in c:lvl groups; the first
 * level (the innermost) names the points.
 */
static xmlNode *pt_parent(xmlNode *cache)
{
	xmlNode *lvl = ppj__xml_child(cache, NS_C, "lvl");

	return lvl ? lvl : cache;
}

/* ---- date categories ---- */

/* The label of a category point: its text, or a formatted date. */
static const char *category(struct sctx *sc, const char *fmt, const char *v)
{
	struct ppj_buf b;
	const char *out;
	double serial;
	char *end;

	if (!fmt)
		return pptx_str(sc->px, v);
	serial = strtod(v, &end);
	if (end == v || *end || serial < 1 || serial > PPJ_SERIAL_MAX)
		return pptx_str(sc->px, v);
	ppj_buf_init(&b, 256);
	ppj_numfmt_date(&b, serial, fmt);
	out = pptx_str(sc->px, b.data && !b.failed ? b.data : "");
	ppj_buf_release(&b);
	return out;
}

static int read_strs(struct sctx *sc, xmlNode *cache, size_t n,
		     const char ***out)
{
	const char *fmt = ppj__xml_text(ppj__xml_child(cache, NS_C,
						       "formatCode"));
	const char **v;

	if (!cache || !n)
		return 0;
	v = ppj_arena_calloc(sc->px->arena, n, sizeof(*v));
	if (!v)
		return pptx_oom(sc->px);
	for (xmlNode *p = ppj__xml_first(pt_parent(cache)); p;
	     p = ppj__xml_next(p)) {
		int64_t i = ppj__xml_int(p, "idx", -1);

		if (!ppj__xml_is(p, NS_C, "pt") || i < 0 || (size_t)i >= n)
			continue;
		v[i] = category(sc, ppj_numfmt_is_date(fmt) ? fmt : NULL,
				ppj__xml_text(ppj__xml_child(p, NS_C, "v")));
	}
	*out = v;
	return 0;
}

static int read_nums(struct sctx *sc, xmlNode *cache, size_t n,
		     double **vals, bool **has)
{
	if (!n)
		return 0;
	*vals = ppj_arena_calloc(sc->px->arena, n, sizeof(**vals));
	if (has)
		*has = ppj_arena_calloc(sc->px->arena, n, sizeof(**has));
	if (!*vals || (has && !*has))
		return pptx_oom(sc->px);
	for (xmlNode *p = ppj__xml_first(cache); p; p = ppj__xml_next(p)) {
		int64_t i = ppj__xml_int(p, "idx", -1);
		const char *t;
		char *end;
		double d;

		if (!ppj__xml_is(p, NS_C, "pt") || i < 0 || (size_t)i >= n)
			continue;
		t = ppj__xml_text(ppj__xml_child(p, NS_C, "v"));
		d = strtod(t, &end);
		if (end == t)
			continue;
		(*vals)[i] = d;
		if (has)
			(*has)[i] = true;
	}
	return 0;
}

static const char *series_name(struct sctx *sc, xmlNode *ser)
{
	xmlNode *tx = ppj__xml_child_any(ser, NS_C, "tx");
	xmlNode *cache = cache_of(tx);
	xmlNode *v = ppj__xml_child(tx, NS_C, "v");

	if (cache) {
		xmlNode *pt = ppj__xml_child(pt_parent(cache), NS_C, "pt");

		return pptx_str(sc->px, ppj__xml_text(ppj__xml_child(pt, NS_C,
								     "v")));
	}
	return v ? pptx_str(sc->px, ppj__xml_text(v)) : NULL;
}

static struct ppj_color accent(struct sctx *sc, size_t i)
{
	const struct theme *th = sc->cc.theme;

	if (!th)
		return ppj_rgb(0x4F, 0x81, 0xBD);
	return th->scheme[CLR_ACCENT1 + (int)(i % 6)];
}

static int series_look(struct sctx *sc, xmlNode *ser, size_t idx,
		       struct ppj_series *s)
{
	xmlNode *sppr = ppj__xml_child_any(ser, NS_C, "spPr");
	xmlNode *f = pptx_find_fill(sppr);
	xmlNode *marker = ppj__xml_child_any(ser, NS_C, "marker");
	xmlNode *sym = ppj__xml_child(marker, NS_C, "symbol");
	xmlNode *dl = ppj__xml_child_any(ser, NS_C, "dLbls");
	int rc = 0;

	s->fill.kind = PPJ_FILL_SOLID;
	s->fill.color = accent(sc, idx);
	s->line.fill = s->fill;
	s->line.width = 28575;
	if (f)
		rc = pptx_fill(sc, f, &s->fill);
	if (!rc)
		rc = pptx_line(sc, ppj__xml_child(sppr, NS_A, "ln"),
			       &s->line);
	s->marker = !ppj_streq(ppj__xml_attr(sym, "val"), "none");
	s->labels = ppj__xml_bool(ppj__xml_child(dl, NS_C, "showVal"), "val",
				  false) ||
		    ppj__xml_bool(ppj__xml_child(dl, NS_C, "showPercent"),
				  "val", false);
	return rc;
}

/* Per-point fills of a pie: c:dPt, else theme accents in turn. */
static int point_fills(struct sctx *sc, xmlNode *ser, bool vary,
		       struct ppj_series *s)
{
	if (!vary || !s->npts)
		return 0;
	s->pt_fills = ppj_arena_calloc(sc->px->arena, s->npts,
				       sizeof(*s->pt_fills));
	if (!s->pt_fills)
		return pptx_oom(sc->px);
	for (size_t i = 0; i < s->npts; i++) {
		s->pt_fills[i].kind = PPJ_FILL_SOLID;
		s->pt_fills[i].color = accent(sc, i);
	}
	for (xmlNode *d = ppj__xml_first(ser); d; d = ppj__xml_next(d)) {
		int64_t i = ppj__xml_int(ppj__xml_child(d, NS_C, "idx"), "val",
					 -1);
		xmlNode *f = pptx_find_fill(ppj__xml_child(d, NS_C, "spPr"));
		int rc;

		if (!ppj__xml_is(d, NS_C, "dPt") || i < 0 ||
		    (size_t)i >= s->npts || !f)
			continue;
		rc = pptx_fill(sc, f, &s->pt_fills[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static enum ppj_trend_kind trend_kind(const char *v)
{
	static const struct {
		const char *name;
		enum ppj_trend_kind kind;
	} types[] = {
		{ "linear", PPJ_TREND_LINEAR }, { "exp", PPJ_TREND_EXP },
		{ "log", PPJ_TREND_LOG }, { "power", PPJ_TREND_POWER },
		{ "poly", PPJ_TREND_POLY },
		{ "movingAvg", PPJ_TREND_MOVING_AVG },
	};

	for (size_t i = 0; v && i < sizeof(types) / sizeof(*types); i++)
		if (!strcmp(v, types[i].name))
			return types[i].kind;
	return PPJ_TREND_NONE;
}

/* The finite number in the val of el's child name, if it holds one. */
static bool child_num(xmlNode *el, const char *name, double *out)
{
	const char *v = ppj__xml_attr(ppj__xml_child(el, NS_C, name), "val");
	char *end;

	if (!v)
		return false;
	*out = strtod(v, &end);
	return end != v && !*end && isfinite(*out);
}

/* A value of a trendline's child, within lo..hi, else def. */
static double trend_num(xmlNode *t, const char *name, double lo, double hi,
			double def)
{
	double d;

	return child_num(t, name, &d) && d >= lo && d <= hi ? d : def;
}

/*
 * The series' first trendline: its kind and parameters, and its line
 * (none given: the series' colour, 1.5 pt). One without a line is not
 * drawn, so none is kept.
 */
static int read_trend(struct sctx *sc, xmlNode *ser, struct ppj_series *s)
{
	xmlNode *t = ppj__xml_child_any(ser, NS_C, "trendline");
	xmlNode *ln = ppj__xml_child(ppj__xml_child(t, NS_C, "spPr"), NS_A,
				     "ln");
	struct ppj_trendline *tr = &s->trend;

	tr->kind = trend_kind(ppj__xml_attr(ppj__xml_child(t, NS_C,
					    "trendlineType"), "val"));
	if (tr->kind == PPJ_TREND_NONE)
		return 0;
	tr->order = (int)trend_num(t, "order", 2, 6, 2);
	tr->period = (int)trend_num(t, "period", 2, 255, 2);
	tr->forward = trend_num(t, "forward", 0, 1e9, 0);
	tr->backward = trend_num(t, "backward", 0, 1e9, 0);
	tr->show_eq = ppj__xml_bool(ppj__xml_child(t, NS_C, "dispEq"), "val",
				    false);
	tr->show_r2 = ppj__xml_bool(ppj__xml_child(t, NS_C, "dispRSqr"),
				    "val", false);
	tr->line.width = 19050;
	tr->line.cap = PPJ_CAP_ROUND;
	if (ppj__xml_child(ln, NS_A, "noFill")) {	/* drawn invisible */
		tr->kind = PPJ_TREND_NONE;
		return 0;
	}
	return pptx_line(sc, ln, &tr->line);
}

static int read_series(struct sctx *sc, xmlNode *ser, size_t idx,
		       bool vary, struct ppj_series *s)
{
	xmlNode *cat = cache_of(ppj__xml_child_any(ser, NS_C, "cat"));
	xmlNode *val = cache_of(ppj__xml_child_any(ser, NS_C, "val"));
	xmlNode *xv = cache_of(ppj__xml_child_any(ser, NS_C, "xVal"));
	xmlNode *bs = cache_of(ppj__xml_child_any(ser, NS_C, "bubbleSize"));
	int rc;

	if (!val)
		val = cache_of(ppj__xml_child_any(ser, NS_C, "yVal"));
	s->name = series_name(sc, ser);
	s->npts = pt_count(val);
	rc = read_nums(sc, val, s->npts, &s->vals, &s->has_val);
	if (!rc && cat)
		rc = read_strs(sc, cat, s->npts, &s->cats);
	if (!rc && cat && !xv && ppj__xml_is(cat, NS_C, "numCache"))
		rc = read_nums(sc, cat, s->npts, &s->xvals, NULL);
	if (!rc && xv)
		rc = read_nums(sc, xv, s->npts, &s->xvals, NULL);
	if (!rc && xv && !s->cats)
		rc = read_strs(sc, xv, s->npts, &s->cats);
	if (!rc && bs)
		rc = read_nums(sc, bs, s->npts, &s->sizes, NULL);
	if (!rc)
		rc = series_look(sc, ser, idx, s);
	if (!rc)
		rc = read_trend(sc, ser, s);
	return rc ? rc : point_fills(sc, ser, vary, s);
}

/*
 * Line, curve and markers of a scatter or radar series. The plot's style
 * gives the defaults: scatterStyle lineMarker draws both, marker only
 * markers, line and smooth only the line; radarStyle marker draws
 * markers, standard and filled none. The series' own c:marker, c:smooth
 * and a:ln (noFill: no line, as LibreOffice shows it) win.
 */
static void series_style(xmlNode *pl, xmlNode *ser, enum ppj_chart_kind kind,
			 struct ppj_series *s)
{
	bool radar = kind == PPJ_CHART_RADAR;
	const char *st = ppj__xml_attr(ppj__xml_child(pl, NS_C, radar ?
					"radarStyle" : "scatterStyle"), "val");
	xmlNode *sym = ppj__xml_child(ppj__xml_child_any(ser, NS_C, "marker"),
				      NS_C, "symbol");
	xmlNode *sm = ppj__xml_child_any(ser, NS_C, "smooth");
	xmlNode *ln = ppj__xml_child(ppj__xml_child_any(ser, NS_C, "spPr"),
				     NS_A, "ln");
	xmlNode *lf = pptx_find_fill(ln);

	if (kind != PPJ_CHART_SCATTER && !radar)
		return;
	if (!st)
		st = radar ? "standard" : "marker";
	s->marker = radar ? ppj_streq(st, "marker") :
		strstr(st, "arker") != NULL;
	if (sym)
		s->marker = !ppj_streq(ppj__xml_attr(sym, "val"), "none");
	s->no_line = !radar && (ppj_streq(st, "marker") ||
				ppj_streq(st, "none"));
	if (lf)
		s->no_line = ppj__xml_is(lf, NS_A, "noFill");
	s->smooth = !radar && ppj__xml_bool(sm, "val", sm ||
					    !strncmp(st, "smooth", 6));
}

static enum ppj_chart_grouping grouping(const char *g)
{
	if (ppj_streq(g, "stacked"))
		return PPJ_GROUP_STACKED;
	if (ppj_streq(g, "percentStacked"))
		return PPJ_GROUP_PERCENT;
	if (ppj_streq(g, "standard"))
		return PPJ_GROUP_STANDARD;
	return PPJ_GROUP_CLUSTERED;
}

static bool is_plot(xmlNode *p, size_t *kind)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++)
		if (ppj__xml_is(p, NS_C, kinds[i].name)) {
			*kind = i;
			return true;
		}
	return false;
}

/* A plot element's kind, a barChart made BAR by its c:barDir. */
static enum ppj_chart_kind plot_kind(xmlNode *pl, size_t k)
{
	const char *dir = ppj__xml_attr(ppj__xml_child(pl, NS_C, "barDir"),
					"val");

	if (kinds[k].kind == PPJ_CHART_COLUMN && ppj_streq(dir, "bar"))
		return PPJ_CHART_BAR;
	return kinds[k].kind;
}

/*
 * Whether plots of kinds a and b can share one plot area: columns, lines
 * and areas on one category axis, or horizontal bars with each other.
 */
static bool combinable(enum ppj_chart_kind a, enum ppj_chart_kind b)
{
	bool ca = a == PPJ_CHART_COLUMN || a == PPJ_CHART_LINE ||
		  a == PPJ_CHART_AREA;
	bool cb = b == PPJ_CHART_COLUMN || b == PPJ_CHART_LINE ||
		  b == PPJ_CHART_AREA;

	return (ca && cb) || (a == PPJ_CHART_BAR && b == PPJ_CHART_BAR);
}

/*
 * The plots of the plot area, at most MAX_PLOTS; a combination we cannot
 * draw keeps its first plot only (*dropped counts the others).
 */
static size_t find_plots(xmlNode *plot, xmlNode **pls, int *dropped)
{
	size_t n = 0, k;

	*dropped = 0;
	for (xmlNode *p = ppj__xml_first(plot); p; p = ppj__xml_next(p)) {
		if (!is_plot(p, &k))
			continue;
		if (n < MAX_PLOTS)
			pls[n++] = p;
		else
			(*dropped)++;
	}
	for (size_t i = 1; i < n; i++) {
		size_t k0 = 0, ki = 0;

		is_plot(pls[0], &k0);
		is_plot(pls[i], &ki);
		if (!combinable(plot_kind(pls[0], k0), plot_kind(pls[i], ki))) {
			*dropped += (int)(n - 1);
			return 1;
		}
	}
	return n;
}

static char *title_text(struct sctx *sc, xmlNode *chart)
{
	xmlNode *t = ppj__xml_child(chart, NS_C, "title");
	xmlNode *rich = ppj__xml_path(t, NS_C, "tx", "rich");
	xmlNode *cache = cache_of(ppj__xml_child(t, NS_C, "tx"));

	if (rich)
		return pptx_plain_text(sc->px, rich, " ");
	if (cache)
		return pptx_str(sc->px, ppj__xml_text(ppj__xml_path(
			pt_parent(cache), NS_C, "pt", "v")));
	return NULL;
}

/* A size in hundredths of a point, if sane, in points; else 0. */
static double size_pt(xmlNode *rpr)
{
	int64_t sz = ppj__xml_int(rpr, "sz", 0);

	return sz >= 100 && sz <= 40000 ? sz / 100.0 : 0;
}

/*
 * Whether a title (c:title) is bold: its first run's b, else its
 * paragraph default's, else its c:txPr's; bold when none says, as
 * Office draws titles of charts that do not say (its 2013 and later
 * charts write b="0" when they are not).
 */
static bool title_bold(xmlNode *t)
{
	xmlNode *bodies[2] = { ppj__xml_path(t, NS_C, "tx", "rich"),
			       ppj__xml_child(t, NS_C, "txPr") };

	for (int i = 0; i < 2; i++) {
		xmlNode *p = ppj__xml_child(bodies[i], NS_A, "p");
		xmlNode *rpr[2] = { ppj__xml_path(p, NS_A, "r", "rPr"),
				    ppj__xml_path(p, NS_A, "pPr",
						  "defRPr") };

		for (int k = 0; k < 2; k++)
			if (ppj__xml_has(rpr[k], "b"))
				return ppj__xml_bool(rpr[k], "b", true);
	}
	return true;
}

/* The title's text size: its first run's, else its paragraph default. */
static double title_size(xmlNode *chart)
{
	xmlNode *t = ppj__xml_child(chart, NS_C, "title");
	xmlNode *bodies[2] = { ppj__xml_path(t, NS_C, "tx", "rich"),
			       ppj__xml_child(t, NS_C, "txPr") };

	for (int i = 0; i < 2; i++) {
		xmlNode *p = ppj__xml_child(bodies[i], NS_A, "p");
		double pt = size_pt(ppj__xml_path(p, NS_A, "r", "rPr"));

		if (pt == 0)
			pt = size_pt(ppj__xml_path(p, NS_A, "pPr", "defRPr"));
		if (pt > 0)
			return pt;
	}
	return 0;
}

/* The turn a title's text asks for (a:bodyPr rot, 60000ths); -1: none. */
static long title_rot(xmlNode *t)
{
	xmlNode *bodies[2] = { ppj__xml_path(t, NS_C, "tx", "rich"),
			       ppj__xml_child(t, NS_C, "txPr") };

	for (int i = 0; i < 2; i++) {
		xmlNode *bp = ppj__xml_child(bodies[i], NS_A, "bodyPr");

		if (ppj__xml_has(bp, "rot"))
			return (long)ppj__xml_int(bp, "rot", -1);
	}
	return -1;
}

/* A c:title without text shows the name of the only series. */
static void auto_title(xmlNode *chart, struct ppj_chart *ch)
{
	xmlNode *t = ppj__xml_child(chart, NS_C, "title");

	if (t && !ch->title && !ppj__xml_child(t, NS_C, "tx") &&
	    ch->nseries == 1 &&
	    !ppj__xml_bool(ppj__xml_child(chart, NS_C, "autoTitleDeleted"),
			   "val", false))
		ch->title = ch->series[0].name;
}

/* Kind-specific settings of the chart, from its first plot. */
static void first_plot(xmlNode *pl, struct ppj_chart *ch)
{
	ch->hole = (int)ppj__xml_int(ppj__xml_child(pl, NS_C, "holeSize"),
				     "val", ch->kind == PPJ_CHART_DOUGHNUT ?
				     50 : 0);
	ch->filled = ch->kind == PPJ_CHART_RADAR &&
		ppj_streq(ppj__xml_attr(ppj__xml_child(pl, NS_C, "radarStyle"),
					"val"), "filled");
	ch->bubble_scale = (int)ppj__xml_int(ppj__xml_child(pl, NS_C,
						"bubbleScale"), "val", 100);
	if (ch->bubble_scale < 0 || ch->bubble_scale > 300)
		ch->bubble_scale = 100;
}

/* The colour index of a series: its c:idx when sane, else its place. */
static size_t series_idx(xmlNode *ser, size_t place)
{
	int64_t i = ppj__xml_int(ppj__xml_child(ser, NS_C, "idx"), "val", -1);

	return i >= 0 && i < MAX_SERIES ? (size_t)i : place;
}

static int read_plot_series(struct sctx *sc, xmlNode *pl,
			    struct ppj_chart *ch, struct ppj_plot *p,
			    size_t *cap)
{
	bool vary = ppj__xml_bool(ppj__xml_child(pl, NS_C, "varyColors"),
				  "val", false) ||
		    p->kind == PPJ_CHART_PIE || p->kind == PPJ_CHART_DOUGHNUT;

	p->first = ch->nseries;
	for (xmlNode *s = ppj__xml_first(pl); s; s = ppj__xml_next(s)) {
		struct ppj_series *ser;
		int rc;

		if (!ppj__xml_is(s, NS_C, "ser") || ch->nseries >= MAX_SERIES)
			continue;
		ser = ppj_arena_push(sc->px->arena, &ch->series, &ch->nseries,
				     cap, sizeof(*ser));
		if (!ser)
			return pptx_oom(sc->px);
		rc = read_series(sc, s, series_idx(s, ch->nseries - 1),
				 vary && p->kind != PPJ_CHART_LINE, ser);
		if (rc)
			return rc;
		series_style(pl, s, p->kind, ser);
	}
	p->count = ch->nseries - p->first;
	return 0;
}

/* Reads the n plots into ch->plots; the first sets the chart's kind. */
static int read_plots(struct sctx *sc, xmlNode **pls, size_t n,
		      struct ppj_chart *ch)
{
	size_t cap = 0;

	ch->plots = ppj_arena_calloc(sc->px->arena, n, sizeof(*ch->plots));
	if (!ch->plots)
		return pptx_oom(sc->px);
	for (size_t i = 0; i < n; i++) {
		struct ppj_plot *p = &ch->plots[i];
		size_t k = 0;
		int rc;

		is_plot(pls[i], &k);
		p->kind = plot_kind(pls[i], k);
		p->grouping = grouping(ppj__xml_attr(ppj__xml_child(pls[i],
						NS_C, "grouping"), "val"));
		p->gap_width = (int)ppj__xml_int(ppj__xml_child(pls[i], NS_C,
						"gapWidth"), "val", 150);
		p->overlap = (int)ppj__xml_int(ppj__xml_child(pls[i], NS_C,
						"overlap"), "val", 0);
		if (i == 0) {
			ch->kind = p->kind;
			first_plot(pls[i], ch);
		}
		ch->nplots++;
		rc = read_plot_series(sc, pls[i], ch, p, &cap);
		if (rc)
			return rc;
	}
	ch->grouping = ch->plots[0].grouping;
	ch->gap_width = ch->plots[0].gap_width;
	ch->overlap = ch->plots[0].overlap;
	return 0;
}

/* Whether an axis element shows its tick labels. */
static bool axis_labels(xmlNode *ax)
{
	const char *pos = ppj__xml_attr(ppj__xml_child(ax, NS_C,
						       "tickLblPos"), "val");

	if (!ax)
		return true;
	if (ppj__xml_bool(ppj__xml_child(ax, NS_C, "delete"), "val", false))
		return false;
	return !ppj_streq(pos, "none");
}

/* The x axis of a scatter or bubble chart: the c:valAx along an edge. */
static bool x_axis(xmlNode *ax, const struct ppj_chart *ch)
{
	const char *pos = ppj__xml_attr(ppj__xml_child(ax, NS_C, "axPos"),
					"val");

	if (ch->kind != PPJ_CHART_SCATTER && ch->kind != PPJ_CHART_BUBBLE)
		return false;
	return ppj__xml_is(ax, NS_C, "valAx") &&
		(ppj_streq(pos, "b") || ppj_streq(pos, "t"));
}

static bool is_axis(xmlNode *a)
{
	return ppj__xml_is(a, NS_C, "catAx") || ppj__xml_is(a, NS_C, "valAx") ||
		ppj__xml_is(a, NS_C, "dateAx") || ppj__xml_is(a, NS_C, "serAx");
}

/* Whether axis a carries values (a scatter's x axis counts as categories). */
static bool is_value_axis(xmlNode *a, const struct ppj_chart *ch)
{
	return ppj__xml_is(a, NS_C, "valAx") && !x_axis(a, ch);
}

/*
 * The axis of the plot area that one of plot pl's c:axId names, a value
 * axis or not as val asks; ids that name no axis are ignored.
 */
static xmlNode *axis_of(xmlNode *plot, xmlNode *pl, const struct ppj_chart *ch,
			bool val)
{
	int ids = 0;

	for (xmlNode *id = ppj__xml_first(pl); id && ids < 4;
	     id = ppj__xml_next(id)) {
		const char *v = ppj__xml_attr(id, "val");

		if (!ppj__xml_is(id, NS_C, "axId") || !v)
			continue;
		ids++;
		for (xmlNode *a = ppj__xml_first(plot); a; a = ppj__xml_next(a))
			if (is_axis(a) && is_value_axis(a, ch) == val &&
			    ppj_streq(ppj__xml_attr(ppj__xml_child(a, NS_C,
						"axId"), "val"), v))
				return a;
	}
	return NULL;
}

/* The first axis of the plot area, a value axis or not as val asks. */
static xmlNode *first_axis(xmlNode *plot, const struct ppj_chart *ch,
			   bool val)
{
	for (xmlNode *a = ppj__xml_first(plot); a; a = ppj__xml_next(a))
		if ((ppj__xml_is(a, NS_C, "catAx") ||
		     ppj__xml_is(a, NS_C, "dateAx") ||
		     ppj__xml_is(a, NS_C, "valAx")) &&
		    is_value_axis(a, ch) == val)
			return a;
	return NULL;
}

/*
 * A value axis on the far side: c:axPos r (t for horizontal bars), or
 * crossing its axis at max.
 */
static bool right_side(xmlNode *ax)
{
	const char *pos = ppj__xml_attr(ppj__xml_child(ax, NS_C, "axPos"),
					"val");

	return ppj_streq(pos, "r") || ppj_streq(pos, "t") ||
		ppj_streq(ppj__xml_attr(ppj__xml_child(ax, NS_C, "crosses"),
					"val"), "max");
}

/*
 * The value axes: the primary one is the first plot's not on the far
 * side; a column, line, area or horizontal bar plot whose own value axis
 * is another one on the far side is scaled on that secondary axis.
 */
static xmlNode *value_axes(xmlNode *plot, xmlNode **pls,
			   struct ppj_chart *ch, xmlNode **val2)
{
	xmlNode *prim = NULL;

	*val2 = NULL;
	for (size_t i = 0; i < ch->nplots && !prim; i++) {
		xmlNode *a = axis_of(plot, pls[i], ch, true);

		if (a && !right_side(a))
			prim = a;
	}
	if (!prim && ch->nplots)
		prim = axis_of(plot, pls[0], ch, true);
	for (size_t i = 0; i < ch->nplots; i++) {
		xmlNode *a = axis_of(plot, pls[i], ch, true);

		if (!a || a == prim || !right_side(a) ||
		    (!combinable(ch->plots[i].kind, PPJ_CHART_LINE) &&
		     ch->plots[i].kind != PPJ_CHART_BAR))
			continue;
		if (!*val2)
			*val2 = a;
		ch->plots[i].secondary = a == *val2;
	}
	return prim ? prim : first_axis(plot, ch, true);
}

/* The number format of a plot's first series' data (val, cat...). */
static const char *data_format(xmlNode *pl, const char *what)
{
	xmlNode *ser = ppj__xml_child(pl, NS_C, "ser");
	xmlNode *cache = cache_of(ppj__xml_child_any(ser, NS_C, what));

	if (!cache && ppj_streq(what, "val"))
		cache = cache_of(ppj__xml_child_any(ser, NS_C, "yVal"));
	return ppj__xml_text(ppj__xml_child(cache, NS_C, "formatCode"));
}

/*
 * An axis' number format: its c:numFmt, or when that is linked to the
 * source (or absent) the data's, src. NULL for General.
 */
static const char *axis_format(struct sctx *sc, xmlNode *ax, const char *src)
{
	xmlNode *nf = ppj__xml_child(ax, NS_C, "numFmt");
	const char *f = ppj__xml_attr(nf, "formatCode");

	if (!nf || ppj__xml_bool(nf, "sourceLinked", false))
		f = src && *src ? src : f;
	if (!f || !*f || ppj_streq(f, "General"))
		return NULL;
	return pptx_str(sc->px, f);
}

/* The first plot scaled on the secondary axis or not, as sec asks. */
static xmlNode *plot_on(xmlNode **pls, const struct ppj_chart *ch, bool sec)
{
	for (size_t i = 0; i < ch->nplots; i++)
		if (ch->plots[i].secondary == sec)
			return pls[i];
	return NULL;
}

/* A time unit's letter: 'd'ays, 'm'onths, 'y'ears; 0 if none. */
static char time_unit(xmlNode *el)
{
	const char *u = ppj__xml_attr(el, "val");

	if (ppj_streq(u, "days"))
		return 'd';
	if (ppj_streq(u, "months"))
		return 'm';
	if (ppj_streq(u, "years"))
		return 'y';
	return 0;
}

/*
 * A c:dateAx over numeric categories places its points by date: when
 * their format is a date one, or the axis is not automatic (c:auto 0).
 * Otherwise it stays a text axis, as Office shows it.
 */
static void date_axis(xmlNode *ax, struct ppj_chart *ch)
{
	const char *mu = ppj__xml_attr(ppj__xml_child(ax, NS_C, "majorUnit"),
				       "val");
	double step = mu ? strtod(mu, NULL) : 0;

	if (!ppj__xml_is(ax, NS_C, "dateAx") || !ch->nseries ||
	    !ch->series[0].xvals)
		return;
	if (!ppj_numfmt_is_date(ch->cat_ax.fmt) &&
	    ppj__xml_bool(ppj__xml_child(ax, NS_C, "auto"), "val", true))
		return;
	ch->date_base = time_unit(ppj__xml_child(ax, NS_C, "baseTimeUnit"));
	if (!ch->date_base)
		ch->date_base = 'd';
	ch->date_unit = time_unit(ppj__xml_child(ax, NS_C, "majorTimeUnit"));
	if (!ch->date_unit)
		ch->date_unit = ch->date_base;
	ch->date_step = step >= 1 && step <= 1e5 ? (double)(long)step : 0;
}

/* One value of a manual layout, finite and within -1..2 of the chart. */
static bool place_value(xmlNode *ml, const char *name, double *out)
{
	return child_num(ml, name, out) && *out >= -1 && *out <= 2;
}

static bool mode_is(xmlNode *ml, const char *name, const char *mode)
{
	const char *v = ppj__xml_attr(ppj__xml_child(ml, NS_C, name), "val");

	return v && !strcmp(v, mode);
}

/*
 * The manual layout under el's c:layout. x and y are edges unless their
 * mode says factor (Office writes edge); w and h are sizes unless their
 * mode says edge, when they are the far edges and become sizes here.
 * A size only holds with x and y as edges.
 */
static void read_place(xmlNode *el, struct ppj_chart_place *pl)
{
	xmlNode *ml = ppj__xml_path(el, NS_C, "layout", "manualLayout");
	struct ppj_chart_place p = { 0 };

	if (!ml || !place_value(ml, "x", &p.x) || !place_value(ml, "y", &p.y))
		return;
	p.set = true;
	p.x_factor = !mode_is(ml, "xMode", "edge");
	p.y_factor = !mode_is(ml, "yMode", "edge");
	p.inner = mode_is(ml, "layoutTarget", "inner");
	p.sized = place_value(ml, "w", &p.w) && place_value(ml, "h", &p.h);
	if (p.sized && mode_is(ml, "wMode", "edge"))
		p.w -= p.x;
	if (p.sized && mode_is(ml, "hMode", "edge"))
		p.h -= p.y;
	p.sized = p.sized && !p.x_factor && !p.y_factor && p.w > 0.01 &&
		  p.h > 0.01;
	*pl = p;
}

/*
 * The title of an axis: its text, or PowerPoint's "Axis Title" for a
 * c:title without any; none for a deleted axis.
 */
static void axis_title(struct sctx *sc, xmlNode *ax, struct ppj_axis *a)
{
	xmlNode *t = ppj__xml_child(ax, NS_C, "title");

	if (!t || ppj__xml_bool(ppj__xml_child(ax, NS_C, "delete"), "val",
				false))
		return;
	a->title = title_text(sc, ax);
	if (!a->title && !ppj__xml_child(t, NS_C, "tx"))
		a->title = "Axis Title";
	a->title_pt = title_size(ax);
	a->title_level = title_rot(t) == 0;
	a->title_bold = title_bold(t);
	read_place(t, &a->title_place);
}

/* The default run properties of an element's c:txPr, or NULL. */
static xmlNode *txpr_rpr(xmlNode *el)
{
	xmlNode *p = ppj__xml_path(ppj__xml_child(el, NS_C, "txPr"), NS_A,
				   "p", "pPr");

	return ppj__xml_child(p, NS_A, "defRPr");
}

/* The solid fill of an element's c:txPr default run, or NULL. */
static xmlNode *txpr_fill(xmlNode *el)
{
	return ppj__xml_child(txpr_rpr(el), NS_A, "solidFill");
}

/*
 * The colour of the chart's text: the chart space's c:txPr fill, else
 * the one its value axis, category axis, legend or title gives (Office
 * 2013 and later write their grey there), else black (tx1), as Office
 * draws charts that do not say.
 */
static void text_color(struct sctx *sc, xmlNode *space, xmlNode *valax,
		       xmlNode *cat, struct ppj_chart *ch)
{
	xmlNode *chart = ppj__xml_child(space, NS_C, "chart");
	xmlNode *from[5] = { space, valax, cat,
			     ppj__xml_child(chart, NS_C, "legend"),
			     ppj__xml_child(chart, NS_C, "title") };

	ch->text_color = ppj_rgb(0, 0, 0);
	for (int i = 0; i < 5; i++)
		if (txpr_fill(from[i])) {
			pptx_color_in(&sc->cc, txpr_fill(from[i]),
				      &ch->text_color);
			return;
		}
}

/*
 * Axes and sizes: which axes show labels and gridlines, their number
 * formats, the category order, and the text size of the chart space
 * (c:txPr). A scatter's x axis counts as the category axis.
 */
static void axes_and_sizes(struct sctx *sc, xmlNode *space, xmlNode *plot,
			   xmlNode **pls, struct ppj_chart *ch)
{
	xmlNode *valax2, *valax = value_axes(plot, pls, ch, &valax2);
	xmlNode *cat = ch->nplots ? axis_of(plot, pls[0], ch, false) : NULL;
	xmlNode *pl = plot_on(pls, ch, false);
	bool xy = ch->kind == PPJ_CHART_SCATTER || ch->kind == PPJ_CHART_BUBBLE;

	if (!cat)
		cat = first_axis(plot, ch, false);
	ch->cat_labels = axis_labels(cat);
	ch->val_labels = axis_labels(valax);
	ch->val2_labels = valax2 && axis_labels(valax2);
	ch->gridlines = ppj__xml_child(valax, NS_C, "majorGridlines") != NULL;
	ch->cat_grid = ppj__xml_child(cat, NS_C, "majorGridlines") != NULL;
	ch->cat_reversed = ppj_streq(ppj__xml_attr(ppj__xml_path(cat, NS_C,
				"scaling", "orientation"), "val"), "maxMin");
	ch->val_ax.fmt = axis_format(sc, valax, data_format(pl, "val"));
	ch->val2_ax.fmt = axis_format(sc, valax2, data_format(plot_on(pls,
						ch, true), "val"));
	ch->cat_ax.fmt = axis_format(sc, cat, data_format(ch->nplots ?
					pls[0] : NULL, xy ? "xVal" : "cat"));
	date_axis(cat, ch);
	axis_title(sc, cat, &ch->cat_ax);
	axis_title(sc, valax, &ch->val_ax);
	axis_title(sc, valax2, &ch->val2_ax);
	ch->text_pt = size_pt(txpr_rpr(space));
	if (ch->text_pt == 0)
		ch->text_pt = 10;
	text_color(sc, space, valax, cat, ch);
}

/* The chart area's fill and border (c:chartSpace/c:spPr); none when absent. */
static int space_look(struct sctx *sc, xmlNode *space, struct ppj_chart *ch)
{
	xmlNode *sppr = ppj__xml_child(space, NS_C, "spPr");
	xmlNode *f = pptx_find_fill(sppr);
	xmlNode *ln = ppj__xml_child(sppr, NS_A, "ln");
	int rc = 0;

	ch->space_fill.kind = PPJ_FILL_NONE;
	ch->space_line.fill.kind = PPJ_FILL_NONE;
	if (f)
		rc = pptx_fill(sc, f, &ch->space_fill);
	if (!rc && ln) {
		ch->space_line.width = 9525;
		rc = pptx_line(sc, ln, &ch->space_line);
	}
	return rc;
}

static void legend_of(xmlNode *chart, struct ppj_chart *ch)
{
	xmlNode *lg = ppj__xml_child(chart, NS_C, "legend");
	const char *pos = ppj__xml_attr(ppj__xml_child(lg, NS_C, "legendPos"),
					"val");

	ch->legend = lg != NULL;
	read_place(lg, &ch->legend_place);
	ch->legend_pt = size_pt(txpr_rpr(lg));
	ch->legend_pos = pos && strchr("rltb", pos[0]) && pos[0] ? pos[0]
								 : 'r';
}

/*
 * Reads the chart part that relationship rid of the current part points
 * to. Returns 0 with *out set, 1 when the chart cannot be read (warned),
 * or a fatal negative error.
 */
int pptx_chart(struct sctx *sc, const char *rid, struct ppj_chart **out)
{
	const struct ppj_rel *rel = ppj__rel_by_id(sc->owner->rels, rid);
	struct ppj_error local = { 0 };
	struct sctx sub;
	struct ppj_chart *ch;
	xmlNode *chart, *plot, *pls[MAX_PLOTS];
	xmlDoc *doc;
	size_t npl = 0;
	int rc, dropped;

	*out = NULL;
	if (!rel || rel->external || !rel->target) {
		ppj_warn(sc->px->deck, sc->slide, "missing-chart", "a chart "
			 "without its part");
		return 1;
	}
	rc = ppj__opc_xml(sc->px->opc, rel->target, &doc, &local);
	if (rc == PPJ_ETOOLARGE || rc == PPJ_ENOMEM)
		return ppj__error(sc->px->err, rc, "%s", local.msg);
	if (rc) {
		ppj_warn(sc->px->deck, sc->slide, "bad-chart", "%s",
			 local.msg);
		return 1;
	}
	sub = *sc;
	sc = &sub;
	rc = pptx_theme_override(sc->px, sc->cc.theme, rel->target,
				 &sc->cc.theme);
	if (rc) {
		xmlFreeDoc(doc);
		return rc;
	}
	ch = ppj_arena_alloc(sc->px->arena, sizeof(*ch));
	chart = ppj__xml_child(xmlDocGetRootElement(doc), NS_C, "chart");
	plot = ppj__xml_child(chart, NS_C, "plotArea");
	rc = ch ? 0 : pptx_oom(sc->px);
	if (!rc) {
		ch->kind = PPJ_CHART_OTHER;
		npl = find_plots(plot, pls, &dropped);
		if (dropped)
			ppj_warn(sc->px->deck, sc->slide, "chart-combined",
				 "a chart of %zu plots: %d of them not "
				 "drawn", npl + (size_t)dropped, dropped);
		if (!ppj__xml_bool(ppj__xml_child(chart, NS_C,
				   "autoTitleDeleted"), "val", false))
			ch->title = title_text(sc, chart);
		ch->title_pt = title_size(chart);
		ch->title_bold = title_bold(ppj__xml_child(chart, NS_C,
							   "title"));
		read_place(plot, &ch->plot_place);
		read_place(ppj__xml_child(chart, NS_C, "title"),
			   &ch->title_place);
		legend_of(chart, ch);
		rc = space_look(sc, xmlDocGetRootElement(doc), ch);
		if (!rc && npl)
			rc = read_plots(sc, pls, npl, ch);
		axes_and_sizes(sc, xmlDocGetRootElement(doc), plot, pls, ch);
		auto_title(chart, ch);
		*out = ch;
	}
	xmlFreeDoc(doc);
	return rc;
}
