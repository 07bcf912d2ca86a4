/*
 * Charts as SVG drawn from the cached data of the chart part: bar and
 * column (clustered, stacked, percent), line, area, pie, doughnut,
 * scatter, bubble and radar, with title, axes, gridlines, legend and
 * data labels. Other kinds show the fallback picture when there is one,
 * else an empty box, with a warning. Labels are SVG <text>, so they stay
 * real text.
 *
 * The layout is PowerPoint's default one, roughly: title on top, legend
 * at its side, the plot area in what is left.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render-int.h"

#define CHART_MAX_SERIES 64
#define CHART_MAX_POINTS 4096
#define PT_PX (4.0 / 3.0)

static const struct ppj_color palette[] = {
	{ 0x44, 0x72, 0xc4, 1 }, { 0xed, 0x7d, 0x31, 1 },
	{ 0xa5, 0xa5, 0xa5, 1 }, { 0xff, 0xc0, 0x00, 1 },
	{ 0x5b, 0x9b, 0xd5, 1 }, { 0x70, 0xad, 0x47, 1 },
};

struct frame {
	double x, y, w, h;
};

struct scale {
	double min, max, step;
	bool pct;		/* labels are percentages */
	bool labels;		/* labels shown */
	const char *fmt;	/* their number format; NULL: General */
};

struct cdraw {
	struct rctx *c;
	const struct ppj_chart *ch;
	const struct ppj_plot *plots;	/* the chart's, or one made up */
	size_t nplots;
	const struct ppj_plot *pl;	/* the plot being drawn */
	const struct ppj_series *ser;	/* its series, ns of them */
	size_t s0;		/* the place of its first in the chart */
	size_t ns, np;		/* series of the plot, points drawn */
	size_t nall;		/* series of the chart drawn */
	bool has_bars;		/* a plot of the chart is bars */
	bool has_v2;		/* a plot is on the secondary value axis */
	bool dates;		/* categories are placed by date */
	double dmin, dmax;	/* the first and last dates, serials */
	double nslots;		/* base units from the first to the last */
	struct frame area;	/* the plot with its labels and axis titles */
	double w, h;		/* the chart's size, px */
	struct ppj_buf *b;
	struct scale v;		/* the value axis */
	struct scale v2;	/* the secondary value axis, right */
	const struct scale *vs;	/* the value axis of the plot drawn */
	struct scale x;		/* the x axis of scatter and bubble charts */
	double lpx, tpx;	/* label and title sizes, px */
	double gpx;		/* the legend's text size, px */
};

/* A point of a polyline, px. */
struct pt {
	double x, y;
};

static struct ppj_color series_color(const struct ppj_series *s, size_t i,
				     bool line)
{
	if (line && s->line.fill.kind == PPJ_FILL_SOLID)
		return s->line.fill.color;
	if (s->fill.kind == PPJ_FILL_SOLID)
		return s->fill.color;
	if (s->fill.kind == PPJ_FILL_GRADIENT && s->fill.nstops)
		return s->fill.stops[0].color;
	return palette[i % 6];
}

static struct ppj_color point_color(const struct ppj_series *s, size_t k)
{
	if (s->pt_fills && s->pt_fills[k].kind == PPJ_FILL_SOLID)
		return s->pt_fills[k].color;
	return palette[k % 6];
}

static double val(const struct ppj_series *s, size_t k)
{
	if (k >= s->npts || !s->vals || (s->has_val && !s->has_val[k]) ||
	    !isfinite(s->vals[k]))
		return 0;
	return s->vals[k];
}

static void text_at(struct cdraw *d, double x, double y, const char *anchor,
		    double size, const char *s)
{
	ppj_buf_adds(d->b, "<text x=\"");
	render_num(d->b, x);
	ppj_buf_adds(d->b, "\" y=\"");
	render_num(d->b, y);
	ppj_buf_printf(d->b, "\" text-anchor=\"%s\" font-size=\"", anchor);
	render_num(d->b, size);
	ppj_buf_adds(d->b, "\">");
	ppj_buf_add_html(d->b, s ? s : "");
	ppj_buf_adds(d->b, "</text>");
	render_font_text(d->c, "Calibri", s, false);
}

/* A group of bold text, when bold. */
static void bold_open(struct cdraw *d, bool bold)
{
	if (bold)
		ppj_buf_adds(d->b, "<g font-weight=\"bold\">");
}

static void bold_close(struct cdraw *d, bool bold)
{
	if (bold)
		ppj_buf_adds(d->b, "</g>");
}

static void num_text(struct cdraw *d, double x, double y, const char *anch,
		     double v, bool pct)
{
	struct ppj_buf t = PPJ_BUF_INIT;

	ppj_buf_init(&t, 64);
	ppj_buf_add_num(&t, v, fabs(v) < 10 ? 2 : 1);
	if (pct)
		ppj_buf_addc(&t, '%');
	text_at(d, x, y, anch, d->lpx, t.data);
	ppj_buf_release(&t);
}

static void rect(struct ppj_buf *b, double x, double y, double w, double h,
		 struct ppj_color col)
{
	ppj_buf_adds(b, "<rect x=\"");
	render_num(b, x);
	ppj_buf_adds(b, "\" y=\"");
	render_num(b, y);
	ppj_buf_adds(b, "\" width=\"");
	render_num(b, fmax(w, 0));
	ppj_buf_adds(b, "\" height=\"");
	render_num(b, fmax(h, 0));
	ppj_buf_adds(b, "\" fill=\"");
	render_css_color(b, col);
	ppj_buf_adds(b, "\"/>");
}

/* ---- value scale ---- */

static bool stacked_group(enum ppj_chart_grouping g)
{
	return g == PPJ_GROUP_STACKED || g == PPJ_GROUP_PERCENT;
}

static bool stacked(const struct cdraw *d)
{
	return stacked_group(d->pl->grouping);
}

static bool percent(const struct cdraw *d)
{
	return d->pl->grouping == PPJ_GROUP_PERCENT;
}

/* Makes plot pl the one drawn, its series bounded by the chart's. */
static void use_plot(struct cdraw *d, const struct ppj_plot *pl)
{
	d->pl = pl;
	d->s0 = pl->first < d->nall ? pl->first : d->nall;
	d->ser = d->ch->series + d->s0;
	d->ns = pl->count < d->nall - d->s0 ? pl->count : d->nall - d->s0;
	d->vs = pl->secondary ? &d->v2 : &d->v;
}

static double total_at(struct cdraw *d, size_t k, bool positive)
{
	double t = 0;

	for (size_t i = 0; i < d->ns; i++) {
		double v = val(&d->ser[i], k);

		if ((v > 0) == positive)
			t += v;
	}
	return t;
}

/* Widens lo..hi to the values of the plot drawn. */
static void plot_range(struct cdraw *d, double *lo, double *hi)
{
	if (percent(d)) {
		*hi = fmax(*hi, 100);
		return;
	}
	for (size_t k = 0; k < d->np; k++) {
		if (stacked(d)) {
			*hi = fmax(*hi, total_at(d, k, true));
			*lo = fmin(*lo, total_at(d, k, false));
			continue;
		}
		for (size_t i = 0; i < d->ns; i++) {
			*hi = fmax(*hi, val(&d->ser[i], k));
			*lo = fmin(*lo, val(&d->ser[i], k));
		}
	}
}

/*
 * The range of the data of the plots on the secondary axis or not (sec),
 * zero included, with Office's headroom above unless all are
 * percentages; *pct tells that.
 */
static void data_range(struct cdraw *d, bool sec, double *lo, double *hi,
		       bool *pct)
{
	const struct ppj_plot *was = d->pl;

	*lo = *hi = 0;
	*pct = true;
	for (size_t j = 0; j < d->nplots; j++) {
		if (d->plots[j].secondary != sec)
			continue;
		use_plot(d, &d->plots[j]);
		plot_range(d, lo, hi);
		*pct &= percent(d);
	}
	use_plot(d, was);
	if (!*pct && *hi > 0)
		*hi += (*hi - *lo) * 0.05;
	if (*hi <= *lo)
		*hi = *lo + 1;
}

/* Appends the label of v on scale sc: its number format, else ours. */
static void scale_label(struct ppj_buf *t, const struct scale *sc, double v)
{
	if (fabs(v) < 1e-12 * (sc->max - sc->min))
		v = 0;		/* not 2.8e-17 from adding steps */
	if (!sc->pct && ppj_numfmt(t, v, sc->fmt))
		return;
	ppj_buf_add_num(t, v, fabs(v) < 10 ? 2 : 1);
	if (sc->pct)
		ppj_buf_addc(t, '%');
}

/* Characters (bytes) of the label of v on scale sc. */
static size_t label_chars(const struct scale *sc, double v)
{
	struct ppj_buf t = PPJ_BUF_INIT;
	size_t n;

	ppj_buf_init(&t, 256);
	scale_label(&t, sc, v);
	n = t.len;
	ppj_buf_release(&t);
	return n;
}

static void scale_text(struct cdraw *d, double x, double y,
		       const char *anchor, const struct scale *sc, double v)
{
	struct ppj_buf t = PPJ_BUF_INIT;

	ppj_buf_init(&t, 256);
	scale_label(&t, sc, v);
	text_at(d, x, y, anchor, d->lpx, t.data);
	ppj_buf_release(&t);
}

/*
 * Picks min, max and a round step (1, 2, 5 times a power of ten) covering
 * lo..hi, with no more than ten steps and no more labels than fit along
 * an axis of len px without touching. The labels are like those of sc.
 */
static struct scale round_scale(const struct cdraw *d, double lo, double hi,
				double len, bool horiz, struct scale sc)
{
	static const double mult[] = { 1, 2, 5, 10, 20, 50, 100 };
	double mag, step = 1;

	mag = pow(10, floor(log10((hi - lo) / 5)));
	for (size_t i = 0; i < sizeof(mult) / sizeof(*mult); i++) {
		double a, z, room;

		step = mag * mult[i];
		a = floor(lo / step) * step;
		z = ceil(hi / step) * step;
		sc.min = a;
		sc.max = z;
		room = horiz ? (fmax(label_chars(&sc, a), label_chars(&sc, z))
				* 0.45 + 0.2) * d->lpx : d->lpx * 1.15;
		if ((z - a) / step <= 10 && len / ((z - a) / step) >= room)
			break;
	}
	sc.step = step;
	sc.min = floor(lo / step) * step;
	sc.max = ceil(hi / step) * step;
	if (sc.max <= sc.min)
		sc.max = sc.min + step;
	return sc;
}

/* The value axes' scales, along len px, across the plot when horiz. */
static void scale(struct cdraw *d, double len, bool horiz)
{
	struct scale like = { 0, 1, 1, false, d->ch->val_labels,
			      d->ch->val_ax.fmt };
	double lo, hi;

	data_range(d, false, &lo, &hi, &like.pct);
	d->v = round_scale(d, lo, hi, len, horiz, like);
	if (!d->has_v2)
		return;
	like.labels = d->ch->val2_labels;
	like.fmt = d->ch->val2_ax.fmt;
	data_range(d, true, &lo, &hi, &like.pct);
	d->v2 = round_scale(d, lo, hi, len, horiz, like);
}

static bool is_xy(const struct ppj_chart *ch)
{
	return ch->kind == PPJ_CHART_SCATTER || ch->kind == PPJ_CHART_BUBBLE;
}

/* The x value of point k: its own, else its number (1, 2...). */
static double xval(const struct ppj_series *s, size_t k)
{
	return s->xvals ? s->xvals[k] : (double)k + 1;
}

/*
 * The x axis of a scatter or bubble chart. LibreOffice neither stretches
 * it to zero nor adds headroom, as it does for the y axis.
 */
static void x_scale(struct cdraw *d, double len)
{
	double lo = INFINITY, hi = -INFINITY;

	for (size_t i = 0; i < d->ns; i++) {
		const struct ppj_series *s = &d->ser[i];

		for (size_t k = 0; k < s->npts && k < d->np; k++)
			if (isfinite(xval(s, k))) {
				lo = fmin(lo, xval(s, k));
				hi = fmax(hi, xval(s, k));
			}
	}
	if (!isfinite(lo))
		lo = 0, hi = 1;
	if (hi <= lo)
		hi = lo + 1;
	d->x = round_scale(d, lo, hi, len, true, (struct scale){ 0, 1, 1,
				false, d->ch->cat_labels, d->ch->cat_ax.fmt });
}

/* ---- axes ---- */

/* Steps of a scale, at most 50. */
static int steps(const struct scale *sc)
{
	int n = (int)llround((sc->max - sc->min) / sc->step);

	return n > 50 ? 50 : n < 1 ? 1 : n;
}

/*
 * Labels and gridlines of a value axis: under the plot when horiz (bars,
 * the x axis of a scatter), else at its left, or its right when right.
 */
static void value_axis(struct cdraw *d, const struct frame *p,
		       const struct scale *sc, bool horiz, bool grid)
{
	bool right = sc == &d->v2;
	int n = steps(sc);

	for (int i = 0; i <= n; i++) {
		double v = sc->min + sc->step * i;
		double f = (v - sc->min) / (sc->max - sc->min);

		if (horiz) {
			double x = p->x + f * p->w;

			if (grid)
				ppj_buf_printf(d->b, "<path stroke=\"#d9d9d9\" "
					       "d=\"M%.2f %.2fV%.2f\"/>", x,
					       p->y, p->y + p->h);
			if (sc->labels)
				scale_text(d, x, right ? p->y - 6 : p->y +
					   p->h + d->lpx + 2, "middle", sc, v);
		} else {
			double y = p->y + p->h - f * p->h;

			if (grid)
				ppj_buf_printf(d->b, "<path stroke=\"#d9d9d9\" "
					       "d=\"M%.2f %.2fH%.2f\"/>", p->x,
					       y, p->x + p->w);
			if (sc->labels)
				scale_text(d, right ? p->x + p->w + 4 :
					   p->x - 4, y + d->lpx / 3,
					   right ? "start" : "end", sc, v);
		}
	}
}

static const char *cat_label(const struct cdraw *d, size_t k, char *tmp,
			     size_t n)
{
	for (size_t i = 0; i < d->nall; i++) {
		const struct ppj_series *s = &d->ch->series[i];

		if (s->cats && k < s->npts && s->cats[k])
			return s->cats[k];
	}
	snprintf(tmp, n, "%zu", k + 1);
	return tmp;
}

/* ---- date axes ---- */

static bool good_serial(double s)
{
	return isfinite(s) && s >= 1 && s <= PPJ_SERIAL_MAX;
}

/* The dates of the categories: the first numeric ones of a series. */
static const double *dates_of(const struct cdraw *d, size_t *n)
{
	for (size_t i = 0; i < d->nall; i++)
		if (d->ch->series[i].xvals) {
			*n = d->ch->series[i].npts;
			return d->ch->series[i].xvals;
		}
	*n = 0;
	return NULL;
}

/* Base units (days, months, years) from the first date to s. */
static double date_slot(const struct cdraw *d, double s)
{
	int y, m, dd, y0, m0, d0;

	if (d->ch->date_base == 'd')
		return floor(s) - floor(d->dmin);
	ppj_serial_date(s, &y, &m, &dd);
	ppj_serial_date(d->dmin, &y0, &m0, &d0);
	if (d->ch->date_base == 'm')
		return (y - y0) * 12.0 + (m - m0);
	return y - y0;
}

/* Finds the dates' range when the category axis is a date axis. */
static void date_setup(struct cdraw *d)
{
	size_t n;
	const double *v = dates_of(d, &n);

	d->dmin = INFINITY;
	d->dmax = -INFINITY;
	if (!d->ch->date_base || !v || is_xy(d->ch))
		return;
	for (size_t k = 0; k < n && k < d->np; k++)
		if (good_serial(v[k])) {
			d->dmin = fmin(d->dmin, v[k]);
			d->dmax = fmax(d->dmax, v[k]);
		}
	d->dates = isfinite(d->dmin);
	if (d->dates)
		d->nslots = date_slot(d, d->dmax) + 1;
}

/* Categories along the axis: one per point, or per base unit of time. */
static double cat_count(const struct cdraw *d)
{
	return d->dates ? d->nslots : (double)d->np;
}

/* The place of category k along the axis: k, or its date's slot. */
static double cat_slot(const struct cdraw *d, size_t k)
{
	size_t n;
	const double *v = d->dates ? dates_of(d, &n) : NULL;

	if (!v)
		return (double)k;
	return k < n && good_serial(v[k]) ? date_slot(d, v[k]) : 0;
}

/* The serial of date s moved on by n units u (a month's end kept). */
static double date_add(double s, char u, double n)
{
	int y, m, dd;
	double first, next;

	if (u == 'd')
		return s + n;
	ppj_serial_date(s, &y, &m, &dd);
	if (u == 'm') {
		long mm = (long)m - 1 + (long)n;

		y += (int)(mm / 12);
		m = (int)(mm % 12) + 1;
	} else {
		y += (int)n;
	}
	if (y > 9999)
		return INFINITY;
	first = ppj_date_serial(y, m, 1);
	next = m == 12 ? ppj_date_serial(y + 1, 1, 1) :
		ppj_date_serial(y, m + 1, 1);
	return fmin(first + dd - 1, next - 1);
}

/* Base units in one unit u: a month is 30.44 days, a year 12 months. */
static double units_per(const struct cdraw *d, char u)
{
	char b = d->ch->date_base;

	if (u == b || u == 'd')
		return 1;
	if (u == 'm')
		return 30.44;
	return b == 'm' ? 12 : 365.25;
}

/* The label of date s: the axis' own date format, else one by unit. */
static void date_text(const struct cdraw *d, double s, char u,
		      struct ppj_buf *t)
{
	const char *f = d->ch->cat_ax.fmt;

	if (!ppj_numfmt_is_date(f))
		f = u == 'd' ? "m/d/yyyy" : u == 'm' ? "mmm-yy" : "yyyy";
	ppj_numfmt_date(t, s, f);
}

/* Where a slot of the date axis lies across the plot, 0..1. */
static double date_frac(const struct cdraw *d, double slot)
{
	if (d->ch->kind == PPJ_CHART_AREA && !d->has_bars)
		return slot / fmax(d->nslots - 1, 1);
	return (slot + 0.5) / d->nslots;
}

/*
 * The labels' step in units u: the axis' own, or the first of Office's
 * usual steps; either is widened until the labels, of width lw px, do
 * not touch (Office skips labels that would; LibreOffice turns them).
 */
static double date_step(const struct cdraw *d, char u, double len,
			double lw)
{
	static const double auto_steps[] = { 1, 2, 3, 4, 5, 7, 10, 14, 15,
		20, 30, 50, 60, 90, 100, 120, 180, 365 };
	double per = len * (date_frac(d, 1) - date_frac(d, 0)) *
		units_per(d, u);
	double step = d->ch->date_step;

	if (step > 0)
		return step * per >= lw ? step : step * ceil(lw / (step * per));
	for (size_t i = 0; i < sizeof(auto_steps) / sizeof(*auto_steps); i++)
		if (auto_steps[i] * per >= lw)
			return auto_steps[i];
	return fmax(365, ceil(lw / per));
}

/* The labels of a date axis under the plot, at every step from the first. */
static void date_labels(struct cdraw *d, const struct frame *p)
{
	char u = d->ch->date_unit ? d->ch->date_unit : d->ch->date_base;
	struct ppj_buf t = PPJ_BUF_INIT;
	double lw, step, at = d->dmin;

	ppj_buf_init(&t, 256);
	lw = 0;
	for (int i = 0; i < 400 && at <= d->dmax; i++) {
		ppj_buf_reset(&t);
		date_text(d, at, u, &t);
		lw = fmax(lw, ((double)t.len * 0.48 + 0.3) * d->lpx);
		at = date_add(at, u, 1);	/* the widest label shown */
	}
	at = d->dmin;
	step = date_step(d, u, p->w, lw);
	for (int i = 0; i < 1000 && at <= d->dmax; i++) {
		double x = p->x + date_frac(d, date_slot(d, at)) * p->w;

		ppj_buf_reset(&t);
		date_text(d, at, u, &t);
		text_at(d, x, p->y + p->h + d->lpx + 2, "middle", d->lpx,
			t.data);
		at = date_add(at, u, step);
	}
	ppj_buf_release(&t);
}

/* ---- category axis ---- */

/*
 * Where category k's middle lies along its axis, 0..1 from the left or
 * the top. Office puts the first category at the left, or at the bottom
 * of a bar chart, unless the axis runs maxMin.
 */
static double cat_frac(const struct cdraw *d, size_t k, bool horiz)
{
	double f = (cat_slot(d, k) + 0.5) / cat_count(d);

	return horiz != d->ch->cat_reversed ? 1 - f : f;
}

static void category_axis(struct cdraw *d, const struct frame *p,
			  bool horiz)
{
	char tmp[32];

	ppj_buf_printf(d->b, "<path stroke=\"#bfbfbf\" "
		       "d=\"M%.2f %.2f%c%.2f\"/>",
		       p->x, horiz ? p->y : p->y + p->h, horiz ? 'V' : 'H',
		       horiz ? p->y + p->h : p->x + p->w);
	if (d->dates && !horiz) {
		if (d->ch->cat_labels)
			date_labels(d, p);
		return;
	}
	for (size_t k = 0; k < d->np && d->ch->cat_labels; k++) {
		const char *l = cat_label(d, k, tmp, sizeof(tmp));
		double f = cat_frac(d, k, horiz);

		if (horiz)
			text_at(d, p->x - 4, p->y + f * p->h + d->lpx / 3,
				"end", d->lpx, l);
		else
			text_at(d, p->x + f * p->w, p->y + p->h + d->lpx + 2,
				"middle", d->lpx, l);
	}
}

/* ---- kinds ---- */

static double vpos(const struct cdraw *d, double v)
{
	return (v - d->vs->min) / (d->vs->max - d->vs->min);
}

/*
 * Bar width and the offset of the first bar in a band, as Office sizes
 * them: n bars overlapping by o share the band with a gap of g bars.
 */
static void bar_sizes(const struct cdraw *d, double band, double *bw,
		      double *off0, double *step)
{
	bool st = stacked(d);
	double n = st ? 1 : (double)d->ns;
	double o = st ? 1 : fmax(-1, fmin(1, d->pl->overlap / 100.0));
	double g = fmax(0, fmin(5, d->pl->gap_width / 100.0));

	*bw = band / (n - (n - 1) * o + g);
	*step = *bw * (1 - o);
	*off0 = (band - (*bw * n - (n - 1) * *bw * o)) / 2;
}

/* Start of a bar along the category axis (x of a column, y of a bar). */
static double bar_at(const struct cdraw *d, const struct frame *p,
		     size_t k, double off, double bw, bool horiz)
{
	double band = (horiz ? p->h : p->w) / cat_count(d);
	double from = band * cat_slot(d, k) + off;

	if (horiz != d->ch->cat_reversed)
		return (horiz ? p->y + p->h : p->x + p->w) - from - bw;
	return (horiz ? p->y : p->x) + from;
}

static void bars(struct cdraw *d, const struct frame *p, bool horiz)
{
	double band = (horiz ? p->h : p->w) / cat_count(d), bw, off0, step;
	bool st = stacked(d);

	bar_sizes(d, band, &bw, &off0, &step);
	for (size_t k = 0; k < d->np; k++) {
		double up = 0, down = 0;
		double tot = total_at(d, k, true) - total_at(d, k, false);

		for (size_t i = 0; i < d->ns; i++) {
			const struct ppj_series *s = &d->ser[i];
			struct ppj_color col = series_color(s, d->s0 + i,
							    false);
			double v = val(s, k), a, z, at;

			if (percent(d))
				v = tot > 0 ? v / tot * 100 : 0;
			a = st ? (v >= 0 ? up : down) : 0;
			z = a + v;
			if (st && v >= 0)
				up = z;
			else if (st)
				down = z;
			at = bar_at(d, p, k, off0 + (st ? 0 : step * i), bw,
				    horiz);
			a = vpos(d, a);
			z = vpos(d, z);
			if (horiz)
				rect(d->b, p->x + fmin(a, z) * p->w, at,
				     fabs(z - a) * p->w, bw, col);
			else
				rect(d->b, at, p->y + p->h - fmax(a, z) * p->h,
				     bw, fabs(z - a) * p->h, col);
			if (s->labels && !horiz)
				num_text(d, at + bw / 2,
					 p->y + p->h - fmax(a, z) * p->h - 3,
					 "middle", val(s, k), false);
		}
	}
}

/*
 * Where point k lies across: areas reach the plot's sides (Office's
 * midCat), unless bars share the axis; lines sit mid-category.
 */
static double line_x(const struct cdraw *d, const struct frame *p,
		     size_t k, bool area)
{
	if (area && !d->has_bars)
		return p->x + p->w * cat_slot(d, k) / fmax(cat_count(d) - 1, 1);
	return p->x + p->w / cat_count(d) * (cat_slot(d, k) + 0.5);
}

/* The y of value v at point k, made a percentage if asked. */
static double value_y(struct cdraw *d, const struct frame *p, size_t k,
		      double v)
{
	if (percent(d)) {
		double tot = total_at(d, k, true) - total_at(d, k, false);

		v = tot != 0 ? v / tot * 100 : 0;
	}
	return p->y + p->h - vpos(d, v) * p->h;
}

/* The y of point k, stacked on acc and made a percentage if asked. */
static double line_y(struct cdraw *d, const struct frame *p,
		     const struct ppj_series *s, size_t k, const double *acc)
{
	return value_y(d, p, k, val(s, k) + (stacked(d) ? acc[k] : 0));
}

/*
 * Closes an area: down to the axis, or for stacked areas back along the
 * top of the series below, so that each series is a band of its own.
 */
static void area_close(struct cdraw *d, const struct frame *p,
		       const double *acc)
{
	if (!stacked(d)) {
		double y0 = p->y + p->h - vpos(d, 0) * p->h;

		ppj_buf_printf(d->b, "L%.2f %.2fL%.2f %.2fZ",
			       line_x(d, p, d->np - 1, true), y0,
			       line_x(d, p, 0, true), y0);
		return;
	}
	for (size_t k = d->np; k-- > 0;)
		ppj_buf_printf(d->b, "L%.2f %.2f", line_x(d, p, k, true),
			       value_y(d, p, k, acc[k]));
	ppj_buf_adds(d->b, "Z");
}

/* A series' line width, px: its own up to 20 pt, else 3 px. */
static double line_px(const struct ppj_series *s)
{
	if (s->line.width > 0 && s->line.width < 254000)
		return (double)s->line.width / PPJ_EMU_PER_PX;
	return 3;
}

static void lines(struct cdraw *d, const struct frame *p, bool area)
{
	double acc[CHART_MAX_POINTS] = { 0 };

	for (size_t i = 0; i < d->ns; i++) {
		const struct ppj_series *s = &d->ser[i];
		struct ppj_color col = series_color(s, d->s0 + i, !area);
		double lw = line_px(s);

		ppj_buf_adds(d->b, area ? "<path stroke=\"none\" fill=\"" :
			     "<path fill=\"none\" stroke-linejoin=\"round\" "
			     "stroke=\"");
		render_css_color(d->b, col);
		if (!area)
			ppj_buf_printf(d->b, "\" stroke-width=\"%.2f", lw);
		ppj_buf_adds(d->b, "\" d=\"");
		for (size_t k = 0; k < d->np; k++)
			ppj_buf_printf(d->b, "%c%.2f %.2f", k ? 'L' : 'M',
				       line_x(d, p, k, area),
				       line_y(d, p, s, k, acc));

		if (area)
			area_close(d, p, acc);
		ppj_buf_adds(d->b, "\"/>");
		for (size_t k = 0; k < d->np && s->marker && !area; k++) {
			ppj_buf_adds(d->b, "<rect width=\"7\" height=\"7\" "
				     "fill=\"");
			render_css_color(d->b, col);
			ppj_buf_printf(d->b, "\" x=\"%.2f\" y=\"%.2f\"/>",
				       line_x(d, p, k, area) - 3.5,
				       line_y(d, p, s, k, acc) - 3.5);
		}
		for (size_t k = 0; k < d->np && stacked(d); k++)
			acc[k] += val(s, k);
	}
}

/* ---- scatter and bubble ---- */

/* Where point k of s lies, px; false for a gap. */
static bool xy_at(const struct cdraw *d, const struct frame *p,
		  const struct ppj_series *s, size_t k, struct pt *at)
{
	double x = k < s->npts ? xval(s, k) : NAN;

	if (!isfinite(x) || !s->vals || !isfinite(s->vals[k]) ||
	    (s->has_val && !s->has_val[k]))
		return false;
	at->x = p->x + (x - d->x.min) / (d->x.max - d->x.min) * p->w;
	at->y = p->y + p->h - vpos(d, s->vals[k]) * p->h;
	return true;
}

/*
 * Path commands through the n points: straight segments, or a smooth
 * curve, Catmull-Rom turned into cubic Béziers (each control point a
 * sixth of the chord between the neighbours away from its end).
 */
static void polyline(struct ppj_buf *b, const struct pt *v, size_t n,
		     bool smooth)
{
	for (size_t k = 0; k < n; k++) {
		const struct pt *a, *z;

		if (!k || !smooth) {
			ppj_buf_printf(b, "%c%.2f %.2f", k ? 'L' : 'M', v[k].x,
				       v[k].y);
			continue;
		}
		a = &v[k > 1 ? k - 2 : 0];
		z = &v[k + 1 < n ? k + 1 : k];
		ppj_buf_printf(b, "C%.2f %.2f %.2f %.2f %.2f %.2f",
			       v[k - 1].x + (v[k].x - a->x) / 6,
			       v[k - 1].y + (v[k].y - a->y) / 6,
			       v[k].x - (z->x - v[k - 1].x) / 6,
			       v[k].y - (z->y - v[k - 1].y) / 6, v[k].x,
			       v[k].y);
	}
}

/* A marker: LibreOffice's first automatic symbols, square and diamond. */
static void marker(struct cdraw *d, struct pt at, struct ppj_color col,
		   bool diamond)
{
	ppj_buf_adds(d->b, "<path fill=\"");
	render_css_color(d->b, col);
	if (diamond)
		ppj_buf_printf(d->b, "\" d=\"M%.2f %.2fl4.5 4.5l-4.5 4.5"
			       "l-4.5 -4.5Z\"/>", at.x, at.y - 4.5);
	else
		ppj_buf_printf(d->b, "\" d=\"M%.2f %.2fh7v7h-7Z\"/>",
			       at.x - 3.5, at.y - 3.5);
}

/* The line of a scatter series, broken at gaps. */
static void scatter_line(struct cdraw *d, const struct frame *p,
			 const struct ppj_series *s, struct ppj_color col)
{
	struct pt v[CHART_MAX_POINTS];
	size_t n = 0;

	ppj_buf_adds(d->b, "<path fill=\"none\" stroke-linejoin=\"round\" "
		     "stroke=\"");
	render_css_color(d->b, col);
	ppj_buf_printf(d->b, "\" stroke-width=\"%.2f\" d=\"", line_px(s));
	for (size_t k = 0; k <= d->np; k++) {
		if (k < d->np && xy_at(d, p, s, k, &v[n])) {
			n++;
			continue;
		}
		if (n > 1)
			polyline(d->b, v, n, s->smooth);
		n = 0;
	}
	ppj_buf_adds(d->b, "\"/>");
}

static void scatter(struct cdraw *d, const struct frame *p)
{
	for (size_t i = 0; i < d->ns; i++) {
		const struct ppj_series *s = &d->ser[i];
		struct ppj_color col = series_color(s, i, true);
		struct pt at;

		if (!s->no_line)
			scatter_line(d, p, s, col);
		for (size_t k = 0; k < d->np && s->marker; k++)
			if (xy_at(d, p, s, k, &at))
				marker(d, at, series_color(s, i, false), true);
	}
}

static double bubble_size(const struct ppj_series *s, size_t k)
{
	double v = s->sizes ? s->sizes[k] : 1;

	return isfinite(v) ? v : 0;
}

/*
 * Bubbles: circles whose area follows the size, the biggest as wide as a
 * quarter of the plot's smaller side at c:bubbleScale 100, as LibreOffice
 * draws them. Sizes of zero or less are not drawn.
 */
static void bubbles(struct cdraw *d, const struct frame *p)
{
	double big = 0, rmax;

	for (size_t i = 0; i < d->ns; i++)
		for (size_t k = 0; k < d->ser[i].npts; k++)
			big = fmax(big, bubble_size(&d->ser[i], k));
	rmax = fmin(p->w, p->h) / 8 * (d->ch->bubble_scale > 0 ?
					d->ch->bubble_scale : 100) / 100;
	for (size_t i = 0; i < d->ns && big > 0; i++) {
		const struct ppj_series *s = &d->ser[i];
		struct pt at;

		for (size_t k = 0; k < d->np; k++) {
			double sz = k < s->npts ? bubble_size(s, k) : 0;

			if (sz <= 0 || !xy_at(d, p, s, k, &at))
				continue;
			ppj_buf_adds(d->b, "<circle fill=\"");
			render_css_color(d->b, series_color(s, i, false));
			ppj_buf_printf(d->b, "\" cx=\"%.2f\" cy=\"%.2f\" "
				       "r=\"%.2f\"/>", at.x, at.y,
				       rmax * sqrt(sz / big));
		}
	}
}

/* The axis lines of a scatter, crossing at zero when it is in range. */
static void xy_axes(struct cdraw *d, const struct frame *p)
{
	double fx = -d->x.min / (d->x.max - d->x.min), fy = vpos(d, 0);

	fx = fx >= 0 && fx <= 1 ? fx : 0;
	fy = fy >= 0 && fy <= 1 ? fy : 0;
	ppj_buf_printf(d->b, "<path stroke=\"#bfbfbf\" fill=\"none\" "
		       "d=\"M%.2f %.2fV%.2fM%.2f %.2fH%.2f\"/>",
		       p->x + fx * p->w, p->y, p->y + p->h, p->x,
		       p->y + p->h - fy * p->h, p->x + p->w);
}

/* ---- radar ---- */

struct radar {
	double cx, cy, r;
};

/* Direction of spoke k: the first points up, the others clockwise. */
static struct pt spoke(const struct cdraw *d, size_t k)
{
	double a = -M_PI / 2 + 2 * M_PI * (double)k / (double)d->np;

	return (struct pt){ cos(a), sin(a) };
}

static struct pt radar_at(const struct cdraw *d, const struct radar *rd,
			  size_t k, double f)
{
	struct pt u = spoke(d, k);

	return (struct pt){ rd->cx + u.x * rd->r * f,
			    rd->cy + u.y * rd->r * f };
}

/* Room for the category labels around the polygon, px. */
static void radar_room(const struct cdraw *d, double *lw, double *lh)
{
	char tmp[32];
	size_t most = 0;

	for (size_t k = 0; k < d->np && d->ch->cat_labels; k++) {
		size_t n = strlen(cat_label(d, k, tmp, sizeof(tmp)));

		most = n > most ? n : most;
	}
	*lw = d->ch->cat_labels ? (most * 0.5 + 0.8) * d->lpx : 4;
	*lh = d->ch->cat_labels ? d->lpx * 1.7 : 4;
}

/*
 * Centre and radius: the polygon and its labels as big as the frame
 * allows, the polygon's bounding box centred, as LibreOffice does.
 */
static struct radar radar_fit(const struct cdraw *d, const struct frame *p)
{
	double l = 0, r = 0, t = 0, b = 0, lw, lh, rw, rh;
	struct radar rd;

	for (size_t k = 0; k < d->np; k++) {
		struct pt u = spoke(d, k);

		l = fmin(l, u.x);
		r = fmax(r, u.x);
		t = fmin(t, u.y);
		b = fmax(b, u.y);
	}
	radar_room(d, &lw, &lh);
	rw = r - l > 1e-9 ? (p->w - 2 * lw) / (r - l) : INFINITY;
	rh = (p->h - 2 * lh) / (b - t);
	rd.r = fmax(1, fmin(rw, rh));
	rd.cx = p->x + p->w / 2 - rd.r * (l + r) / 2;
	rd.cy = p->y + p->h / 2 - rd.r * (t + b) / 2;
	return rd;
}

/* Rings at each step, spokes, and the values up the first spoke. */
static void radar_grid(struct cdraw *d, const struct radar *rd)
{
	int n = steps(&d->v);

	ppj_buf_adds(d->b, "<path stroke=\"#bfbfbf\" fill=\"none\" d=\"");
	for (int i = 1; i <= n && d->ch->gridlines; i++)
		for (size_t k = 0; k <= d->np; k++) {
			struct pt at = radar_at(d, rd, k % d->np,
						(double)i / n);

			ppj_buf_printf(d->b, "%c%.2f %.2f", k ? 'L' : 'M',
				       at.x, at.y);
		}
	for (size_t k = 0; k < d->np; k++) {
		struct pt at = radar_at(d, rd, k, 1);

		if (k && !d->ch->cat_grid)
			break;
		ppj_buf_printf(d->b, "M%.2f %.2fL%.2f %.2f", rd->cx, rd->cy,
			       at.x, at.y);
	}
	ppj_buf_adds(d->b, "\"/>");
	for (int i = 0; i <= n && d->ch->val_labels; i++)
		num_text(d, rd->cx + 4, rd->cy - rd->r * i / n + d->lpx / 3,
			 "start", d->v.min + d->v.step * i, false);
}

/* The category names outside the spokes' ends. */
static void radar_labels(struct cdraw *d, const struct radar *rd)
{
	char tmp[32];

	for (size_t k = 0; k < d->np && d->ch->cat_labels; k++) {
		struct pt u = spoke(d, k);
		struct pt at = radar_at(d, rd, k, 1);
		const char *anchor = fabs(u.x) < 0.3 ? "middle" :
			u.x > 0 ? "start" : "end";

		text_at(d, at.x + u.x * d->lpx * 0.7,
			at.y + u.y * d->lpx * 1.2 + d->lpx / 3, anchor,
			d->lpx, cat_label(d, k, tmp, sizeof(tmp)));
	}
}

/*
 * The series as closed polylines, or areas for radarStyle filled, which
 * LibreOffice paints last series first so that the first stays in front.
 */
static void radar_series(struct cdraw *d, const struct radar *rd)
{
	bool fill = d->ch->filled;

	for (size_t j = 0; j < d->ns; j++) {
		size_t i = fill ? d->ns - 1 - j : j;
		const struct ppj_series *s = &d->ser[i];
		struct ppj_color col = series_color(s, i, !fill);

		ppj_buf_adds(d->b, fill ? "<path stroke=\"none\" fill=\"" :
			     "<path fill=\"none\" stroke-linejoin=\"round\" "
			     "stroke=\"");
		render_css_color(d->b, col);
		if (!fill)
			ppj_buf_printf(d->b, "\" stroke-width=\"%.2f",
				       line_px(s));
		ppj_buf_adds(d->b, "\" d=\"");
		for (size_t k = 0; k < d->np; k++) {
			struct pt at = radar_at(d, rd, k, vpos(d, val(s, k)));

			ppj_buf_printf(d->b, "%c%.2f %.2f", k ? 'L' : 'M',
				       at.x, at.y);
		}
		ppj_buf_adds(d->b, "Z\"/>");
		for (size_t k = 0; k < d->np && s->marker && !fill; k++)
			marker(d, radar_at(d, rd, k, vpos(d, val(s, k))), col,
			       false);
	}
}

/*
 * LibreOffice keeps the rings of a radar further apart than the labels
 * of a straight axis: the scale is picked for half the radius.
 */
static void radar(struct cdraw *d, const struct frame *p)
{
	struct radar rd = radar_fit(d, p);

	scale(d, rd.r / 2, false);
	radar_grid(d, &rd);
	radar_series(d, &rd);
	radar_labels(d, &rd);
}

static void pie(struct cdraw *d, const struct frame *p, bool doughnut)
{
	const struct ppj_series *s = &d->ser[0];
	double cx = p->x + p->w / 2, cy = p->y + p->h / 2;
	double r = fmin(p->w, p->h) / 2, tot = 0, a = -M_PI / 2;
	double hole = doughnut ? (d->ch->hole > 0 && d->ch->hole < 95 ?
				  d->ch->hole : 50) / 100.0 * r : 0;

	for (size_t k = 0; k < d->np; k++)
		tot += fabs(val(s, k));
	for (size_t k = 0; k < d->np && tot > 0; k++) {
		double sw = fabs(val(s, k)) / tot * 2 * M_PI, e = a + sw;
		int large = sw > M_PI;

		if (sw >= 2 * M_PI - 1e-6)
			e = a + 2 * M_PI - 1e-4;
		ppj_buf_adds(d->b, "<path stroke=\"#fff\" fill=\"");
		render_css_color(d->b, point_color(s, k));
		ppj_buf_printf(d->b, "\" d=\"M%.2f %.2fA%.2f %.2f 0 %d 1 %.2f "
			       "%.2f", cx + r * cos(a), cy + r * sin(a), r, r,
			       large, cx + r * cos(e), cy + r * sin(e));
		if (hole > 0)
			ppj_buf_printf(d->b, "L%.2f %.2fA%.2f %.2f 0 %d 0 "
				       "%.2f %.2fZ\"/>", cx + hole * cos(e),
				       cy + hole * sin(e), hole, hole, large,
				       cx + hole * cos(a), cy + hole * sin(a));
		else
			ppj_buf_printf(d->b, "L%.2f %.2fZ\"/>", cx, cy);
		if (s->labels)
			num_text(d, cx + r * 0.7 * cos(a + sw / 2),
				 cy + r * 0.7 * sin(a + sw / 2), "middle",
				 val(s, k), false);
		a = e;
	}
}

/* ---- legend and layout ---- */

static bool is_pie(const struct ppj_chart *ch)
{
	return ch->kind == PPJ_CHART_PIE || ch->kind == PPJ_CHART_DOUGHNUT;
}

/*
 * The renderer has no measure of text here: a character is taken as
 * 0.55 of the text size, a fair mean for sans-serif faces.
 */
#define CHAR_EM 0.55

/* The width of one line of title text, px, by the mean character. */
static double line_width(const char *s, double size)
{
	const char *end = s + strlen(s);
	size_t n = 0;

	while (s < end) {
		ppj_utf8_next(&s, end);
		n++;
	}
	return (double)n * size * CHAR_EM;
}

/*
 * The series shown k-th in the legend: a legend beside a stacked column
 * or area chart lists them top down as they are stacked, the last first
 * (as Office and LibreOffice do).
 */
static size_t legend_item(const struct cdraw *d, size_t n, bool side,
			  size_t k)
{
	bool upward = d->ch->kind == PPJ_CHART_COLUMN ||
		      d->ch->kind == PPJ_CHART_AREA;

	if (side && upward && stacked_group(d->ch->grouping) &&
	    d->nplots == 1 && !is_pie(d->ch))
		return n - 1 - k;
	return k;
}

/* Legend entries drawn at most; the rest of a long list is left out. */
#define LEGEND_MAX 64

/* The name and colour of legend entry k of n. */
static const char *legend_entry(const struct cdraw *d, size_t n, bool side,
				size_t k, char *tmp, size_t len,
				struct ppj_color *col)
{
	size_t i = legend_item(d, n, side, k);

	*col = is_pie(d->ch) ? point_color(&d->ch->series[0], i) :
	       series_color(&d->ch->series[i], i, false);
	return is_pie(d->ch) ? cat_label(d, i, tmp, len) :
	       d->ch->series[i].name;
}

static size_t legend_count(const struct cdraw *d)
{
	size_t n = is_pie(d->ch) ? d->np : d->nall;

	return n < LEGEND_MAX ? n : LEGEND_MAX;
}

/* The width of entry k in a row: swatch, gap, name, space after. */
static double entry_width(const struct cdraw *d, size_t n, size_t k)
{
	struct ppj_color col;
	char tmp[32];
	const char *name = legend_entry(d, n, false, k, tmp, sizeof(tmp),
					&col);

	return 12 + line_width(name ? name : "", d->gpx) + d->gpx;
}

/*
 * Entries of a legend above or under the plot fill rows of width w, as
 * many as fit, each row centred: the first entry of each row in first[].
 * Returns the number of rows.
 */
static size_t legend_rows(const struct cdraw *d, double w,
			  size_t first[LEGEND_MAX + 1])
{
	size_t n = legend_count(d), rows = 0;
	double used = 0;

	for (size_t k = 0; k < n; k++) {
		double ew = entry_width(d, n, k);

		if (k == 0 || used + ew > w) {
			first[rows++] = k;
			used = 0;
		}
		used += ew;
	}
	first[rows] = n;
	return rows;
}

static void legend_entry_at(struct cdraw *d, size_t n, bool side, size_t k,
			    double x, double y)
{
	struct ppj_color col;
	char tmp[32];
	const char *name = legend_entry(d, n, side, k, tmp, sizeof(tmp),
					&col);

	rect(d->b, x, y - 4, 8, 8, col);
	text_at(d, x + 12, y + d->gpx / 3, "start", d->gpx,
		name ? name : "");
}

static void legend(struct cdraw *d, const struct frame *lg, bool side)
{
	size_t n = legend_count(d), first[LEGEND_MAX + 1], rows;
	double step = d->gpx * 1.6;

	if (side) {
		double y = lg->y + (lg->h - step * n) / 2 + step / 2;

		for (size_t k = 0; k < n; k++, y += step)
			legend_entry_at(d, n, true, k, lg->x, y);
		return;
	}
	rows = legend_rows(d, lg->w, first);
	for (size_t r = 0; r < rows; r++) {
		double y = lg->y + (lg->h - step * rows) / 2 + step * r +
			   step / 2;
		double row = 0, x;

		for (size_t k = first[r]; k < first[r + 1]; k++)
			row += entry_width(d, n, k);
		x = lg->x + (lg->w - row) / 2;
		for (size_t k = first[r]; k < first[r + 1]; k++) {
			legend_entry_at(d, n, false, k, x, y);
			x += entry_width(d, n, k);
		}
	}
}

/* Room for the axis labels left of and under the plot. */
static void axis_room(const struct cdraw *d, struct frame *plot)
{
	bool horiz = d->ch->kind == PPJ_CHART_BAR;
	bool left = horiz ? d->ch->cat_labels : d->ch->val_labels;
	bool under = horiz ? d->ch->val_labels : d->ch->cat_labels;
	double lw = left ? d->lpx * (horiz ? 4.5 : 3) : 4;

	plot->x += lw;
	plot->w -= lw + 8;
	plot->h -= under ? d->lpx + 8 : 4;
}

/* ---- axis titles ---- */

/* The text size of an axis' title, px; 0 without a title. */
static double title_px(const struct cdraw *d, const struct ppj_axis *a)
{
	if (!a->title)
		return 0;
	return a->title_pt > 0 ? a->title_pt * PT_PX : d->lpx;
}

/* The axes whose titles go left of, under and right of the plot. */
static void title_axes(const struct cdraw *d, const struct ppj_axis **l,
		       const struct ppj_axis **u, const struct ppj_axis **r)
{
	bool horiz = d->ch->kind == PPJ_CHART_BAR;
	static const struct ppj_axis none;

	*l = horiz ? &d->ch->cat_ax : &d->ch->val_ax;
	*u = horiz ? &d->ch->val_ax : &d->ch->cat_ax;
	*r = d->has_v2 && !horiz ? &d->ch->val2_ax : &none;
}

/*
 * A level side title is wrapped into lines at most a fifth of the
 * chart wide, its characters counted CHAR_EM wide each.
 */
#define LEVEL_TITLE_LINES 8

struct tline {
	const char *s;
	size_t n;		/* bytes */
	size_t chars;
};

/* Greedy lines of whole words, each at most max_chars when it can be. */
static size_t wrap_title(const char *s, size_t max_chars,
			 struct tline *out)
{
	const char *end = s + strlen(s);
	size_t k = 0;

	while (*s == ' ')
		s++;
	while (*s && k < LEVEL_TITLE_LINES) {
		const char *p = s, *cut = NULL;
		size_t chars = 0, cut_chars = 0;

		while (p < end) {
			if (*p == ' ') {
				cut = p;
				cut_chars = chars;
			}
			if (chars >= max_chars && cut)
				break;
			ppj_utf8_next(&p, end);
			chars++;
		}
		if (p >= end)
			cut = end, cut_chars = chars;
		out[k++] = (struct tline){ s, (size_t)(cut - s), cut_chars };
		s = cut;
		while (*s == ' ')
			s++;
	}
	return k;
}

/* The lines of a's level title and their width, px. */
static size_t level_lines(const struct cdraw *d, const struct ppj_axis *a,
			  struct tline *out, double *width)
{
	double size = title_px(d, a), max = d->area.w / 5;
	size_t n, widest = 1;

	n = wrap_title(a->title, max > size ? (size_t)(max / (size *
					CHAR_EM)) : 1, out);
	for (size_t i = 0; i < n; i++)
		widest = out[i].chars > widest ? out[i].chars : widest;
	*width = widest * size * CHAR_EM;
	return n;
}

/* The room a side title takes beside the plot, px. */
static double side_room(const struct cdraw *d, const struct ppj_axis *a)
{
	struct tline lines[LEVEL_TITLE_LINES];
	double w;

	if (!a->title)
		return 0;
	if (!a->title_level)
		return title_px(d, a) * 1.5;
	level_lines(d, a, lines, &w);
	return w + title_px(d, a) * 0.5;
}

/* Shrinks the plot for its axis titles, a line and a half each. */
static void title_room(const struct cdraw *d, struct frame *plot)
{
	const struct ppj_axis *l, *u, *r;

	title_axes(d, &l, &u, &r);
	plot->x += side_room(d, l);
	plot->w -= side_room(d, l) + side_room(d, r);
	plot->h -= title_px(d, u) * 1.5;
}

static void title_at(struct cdraw *d, double x, double y, double size,
		     bool turned, const char *s)
{
	ppj_buf_adds(d->b, "<text x=\"");
	render_num(d->b, x);
	ppj_buf_adds(d->b, "\" y=\"");
	render_num(d->b, y);
	if (turned) {
		ppj_buf_adds(d->b, "\" transform=\"rotate(-90 ");
		render_num(d->b, x);
		ppj_buf_addc(d->b, ' ');
		render_num(d->b, y);
		ppj_buf_addc(d->b, ')');
	}
	ppj_buf_adds(d->b, "\" text-anchor=\"middle\" font-size=\"");
	render_num(d->b, size);
	ppj_buf_adds(d->b, "\">");
	ppj_buf_add_html(d->b, s);
	ppj_buf_adds(d->b, "</text>");
	render_font_text(d->c, "Calibri", s, false);
}

/* A level side title from x, its lines centred on each other and on y. */
static void level_title(struct cdraw *d, const struct ppj_axis *a,
			double x, double y)
{
	struct tline lines[LEVEL_TITLE_LINES];
	double w, size = title_px(d, a), lh = size * 1.2;
	size_t n = level_lines(d, a, lines, &w);
	double top = y - lh * (double)n / 2 + size * 0.9;

	for (size_t i = 0; i < n; i++) {
		char *one = strndup(lines[i].s, lines[i].n);

		if (!one)
			return;
		title_at(d, x + w / 2, top + lh * (double)i, size, false,
			 one);
		free(one);
	}
}

/* A layout that gives an element's corner (Office writes edges). */
static bool by_edges(const struct ppj_chart_place *pl)
{
	return pl->set && !pl->x_factor && !pl->y_factor;
}

/* Moves a point by a layout's factors, fractions of the chart. */
static void by_factors(const struct cdraw *d,
		       const struct ppj_chart_place *pl, double *x, double *y)
{
	if (!pl->set)
		return;
	*x += pl->x_factor ? pl->x * d->w : 0;
	*y += pl->y_factor ? pl->y * d->h : 0;
}

/*
 * An axis title at its default place: a level side title's left edge
 * and middle, a turned one's baseline and middle, the one under the
 * plot its middle and baseline. side is 'l', 'u' or 'r'.
 */
static struct pt title_default(const struct cdraw *d,
			       const struct ppj_axis *a,
			       const struct frame *p, int side)
{
	const struct frame *ar = &d->area;
	double size = title_px(d, a);

	if (side == 'u')
		return (struct pt){ p->x + p->w / 2, ar->y + ar->h -
				    size * 0.3 };
	if (side == 'l')
		return (struct pt){ ar->x + (a->title_level ? 0 :
				    size * 0.95), p->y + p->h / 2 };
	return (struct pt){ a->title_level ? ar->x + ar->w -
			    side_room(d, a) : ar->x + ar->w - size * 0.3,
			    p->y + p->h / 2 };
}

/*
 * The same point of a title placed by hand: its box's corner is at x
 * and y, its text 4 px inside (the box's inset).
 */
static struct pt title_placed(const struct cdraw *d,
			      const struct ppj_axis *a, int side)
{
	struct tline lines[LEVEL_TITLE_LINES];
	double x = a->title_place.x * d->w + 4;
	double y = a->title_place.y * d->h + 4, size = title_px(d, a), w;
	size_t n;

	if (side == 'u')
		return (struct pt){ x + line_width(a->title, size) / 2,
				    y + size * 0.9 };
	if (!a->title_level)
		return (struct pt){ x + size * 0.95,
				    y + line_width(a->title, size) / 2 };
	n = level_lines(d, a, lines, &w);
	return (struct pt){ x, y + size * 1.2 * (double)n / 2 };
}

/* One axis title, where the deck puts it or where Office would. */
static void axis_title(struct cdraw *d, const struct ppj_axis *a,
		       const struct frame *p, int side)
{
	const struct ppj_chart_place *pl = &a->title_place;
	struct pt at = title_default(d, a, p, side);

	if (!a->title)
		return;
	if (by_edges(pl))
		at = title_placed(d, a, side);
	else
		by_factors(d, pl, &at.x, &at.y);
	bold_open(d, a->title_bold);
	if (side != 'u' && a->title_level)
		level_title(d, a, at.x, at.y);
	else
		title_at(d, at.x, at.y, title_px(d, a), side != 'u',
			 a->title);
	bold_close(d, a->title_bold);
}

/*
 * The axis titles at the edges of the plot's area: the left and right
 * ones turned to read upwards, the one under the plot level, each
 * centred on the plot, as Office places them by default.
 */
static void axis_titles(struct cdraw *d, const struct frame *p)
{
	const struct ppj_axis *l, *u, *r;

	title_axes(d, &l, &u, &r);
	axis_title(d, l, p, 'l');
	axis_title(d, u, p, 'u');
	axis_title(d, r, p, 'r');
}

/* The rectangle of a sized manual layout, px. */
static struct frame placed(const struct cdraw *d,
			   const struct ppj_chart_place *pl)
{
	return (struct frame){ pl->x * d->w, pl->y * d->h, pl->w * d->w,
			       pl->h * d->h };
}

/*
 * Moves an element placed by hand: to its rectangle when the layout has
 * a size, else its corner to x and y (or by them, as factors).
 */
static void place(const struct cdraw *d, const struct ppj_chart_place *pl,
		  struct frame *f)
{
	if (!pl->set)
		return;
	if (pl->sized) {
		*f = placed(d, pl);
		return;
	}
	f->x = pl->x * d->w + (pl->x_factor ? f->x : 0);
	f->y = pl->y * d->h + (pl->y_factor ? f->y : 0);
}

/* The room the axis labels and titles take around an inner plot. */
static struct frame rooms(const struct cdraw *d)
{
	struct frame z = { 0, 0, 0, 0 };

	title_room(d, &z);
	axis_room(d, &z);
	return z;
}

/*
 * The plot's frame inside the area: an inner manual layout gives the
 * plot itself, and the area grows round it by the room of its labels.
 */
static void plot_frame(struct cdraw *d, struct frame *plot)
{
	const struct ppj_chart_place *pl = &d->ch->plot_place;
	bool axes = !is_pie(d->ch) && d->ch->kind != PPJ_CHART_RADAR;
	struct frame z;

	if (pl->sized && pl->inner && axes) {
		z = rooms(d);
		*plot = placed(d, pl);
		d->area = (struct frame){ plot->x - z.x, plot->y,
					  plot->w - z.w, plot->h - z.h };
		return;
	}
	place(d, pl, plot);
	d->area = *plot;
	if (axes) {
		title_room(d, plot);
		axis_room(d, plot);
	}
}

/* Splits the box into title, legend and plot frames. */
static void layout(struct cdraw *d, double w, double h, struct frame *plot,
		   struct frame *lg)
{
	const struct ppj_chart *ch = d->ch;
	double top = ch->title ? d->tpx * 2 : 8;

	*plot = (struct frame){ 8, top, w - 16, h - top - 8 };
	*lg = (struct frame){ 0, 0, 0, 0 };
	if (ch->legend) {
		if (ch->legend_pos == 'b' || ch->legend_pos == 't') {
			size_t first[LEGEND_MAX + 1];
			size_t rows = legend_rows(d, w - 16, first);
			double more = rows > 1 ? d->gpx * 1.6 *
				(double)(rows - 1) : 0;

			*lg = (struct frame){ 8, ch->legend_pos == 'b' ?
				h - d->gpx * 2.5 - more : top, w - 16,
				d->gpx * 2 + more };
			plot->h -= d->gpx * 2.5 + more;
			if (ch->legend_pos == 't')
				plot->y += d->gpx * 2.5 + more;
		} else {
			*lg = (struct frame){ ch->legend_pos == 'l' ? 8 :
				w * 0.8, top, w * 0.2 - 8, plot->h };
			plot->w -= w * 0.2;
			if (ch->legend_pos == 'l')
				plot->x += w * 0.2;
		}
		place(d, &ch->legend_place, lg);
	}
	plot_frame(d, plot);
	plot->w = fmax(plot->w, 1);
	plot->h = fmax(plot->h, 1);
}

/* Characters of the longest label of a value scale. */
static size_t widest_label(const struct cdraw *d, const struct scale *sc)
{
	size_t most = 0;

	for (int i = 0; i <= steps(sc); i++) {
		double v = sc->min + sc->step * i;
		size_t n = label_chars(sc, v);

		most = n > most ? n : most;
	}
	return most;
}

/*
 * Once the scale is known, narrows the room left of a scatter or bubble
 * plot to its value labels' width: LibreOffice starts the plot right
 * after them. (Column and line charts would gain too on python-pptx
 * decks, but lose on PHPPresentation's, where LibreOffice keeps more.)
 */
static void fit_left(const struct cdraw *d, struct frame *p)
{
	double lw = d->lpx * 3, want;

	if (!is_xy(d->ch) || !d->ch->val_labels)
		return;
	want = widest_label(d, &d->v) * 0.55 * d->lpx + 6;
	if (want < lw) {
		p->x -= lw - want;
		p->w += lw - want;
	}
}

/*
 * Room for the secondary axis' labels: right of the plot, or above it
 * for horizontal bars (the scale is already made: only the width counts
 * there).
 */
static void fit_right(const struct cdraw *d, struct frame *p)
{
	double want;

	if (!d->has_v2 || !d->v2.labels)
		return;
	if (d->ch->kind == PPJ_CHART_BAR) {
		p->y += d->lpx + 6;
		p->h = fmax(p->h - d->lpx - 6, 1);
		return;
	}
	want = widest_label(d, &d->v2) * 0.55 * d->lpx + 4;
	p->w = fmax(p->w - want, 1);
}

static bool drawable(const struct ppj_chart *ch)
{
	if (!ch || !ch->nseries || !ch->series)
		return false;
	switch (ch->kind) {
	case PPJ_CHART_BAR: case PPJ_CHART_COLUMN: case PPJ_CHART_LINE:
	case PPJ_CHART_PIE: case PPJ_CHART_DOUGHNUT: case PPJ_CHART_AREA:
	case PPJ_CHART_SCATTER: case PPJ_CHART_RADAR: case PPJ_CHART_BUBBLE:
		return true;
	default:
		return false;
	}
}

/* Office's painting order in a combination: areas, bars, then lines. */
static int layer_of(enum ppj_chart_kind k)
{
	return k == PPJ_CHART_AREA ? 0 : k == PPJ_CHART_LINE ? 2 : 1;
}

/* ---- trendlines ---- */

#define TREND_SAMPLES 64

/* Point k's x as a fit sees it: its x value, or its place 1, 2, ... */
static double trend_x(const struct cdraw *d, const struct ppj_series *s,
		      size_t k)
{
	return is_xy(d->ch) ? xval(s, k) : (double)(k + 1);
}

/* The px of such an x: on the scatter's scale, or along the categories. */
static double trend_px(const struct cdraw *d, const struct frame *p,
		       double x)
{
	if (is_xy(d->ch))
		return p->x + (x - d->x.min) / (d->x.max - d->x.min) * p->w;
	return p->x + p->w / cat_count(d) * (x - 0.5);
}

/* The series' points with a value, as x and y; their count. */
static size_t trend_points(const struct cdraw *d, const struct ppj_series *s,
			   double *x, double *y)
{
	size_t n = 0;

	for (size_t k = 0; k < d->np && k < s->npts; k++) {
		if (!s->vals || (s->has_val && !s->has_val[k]) ||
		    !isfinite(s->vals[k]) || !isfinite(trend_x(d, s, k)))
			continue;
		x[n] = trend_x(d, s, k);
		y[n++] = s->vals[k];
	}
	return n;
}

/* Appends a point of the path, starting a new piece after a gap. */
static void trend_step(struct cdraw *d, const struct frame *p, double x,
		       double y, bool *pen)
{
	double py = p->y + p->h - vpos(d, y) * p->h;

	if (!isfinite(y) || !isfinite(py) || fabs(py) > 1e6) {
		*pen = false;
		return;
	}
	ppj_buf_printf(d->b, "%c%.2f %.2f", *pen ? 'L' : 'M',
		       trend_px(d, p, x), py);
	*pen = true;
}

/* A moving average: the mean of each period points, from the period-th. */
static void moving_avg(struct cdraw *d, const struct frame *p, int period,
		       const double *x, const double *y, size_t n)
{
	bool pen = false;

	for (size_t i = (size_t)period - 1; i < n; i++) {
		double sum = 0;

		for (size_t j = i + 1 - (size_t)period; j <= i; j++)
			sum += y[j];
		trend_step(d, p, x[i], sum / period, &pen);
	}
}

/*
 * A fitted trend f sampled from the first x (less backward) to the last
 * (plus forward, which *end receives); false when there is none.
 */
static bool fitted(struct cdraw *d, const struct frame *p,
		   const struct ppj_trendline *t, const double *x,
		   const double *y, size_t n, struct trend_fit *f,
		   double *end)
{
	double lo = x[0], hi = x[0];
	bool pen = false;

	if (!render_trend_fit(t, x, y, n, f))
		return false;
	for (size_t i = 1; i < n; i++) {
		lo = fmin(lo, x[i]);
		hi = fmax(hi, x[i]);
	}
	lo -= t->backward;
	hi += t->forward;
	for (int i = 0; i <= TREND_SAMPLES; i++) {
		double at = lo + (hi - lo) * i / TREND_SAMPLES;

		trend_step(d, p, at, render_trend_at(f, at), &pen);
	}
	*end = hi;
	return true;
}

/*
 * The trendline's label, its equation and R squared on two lines, near
 * the end of the line and inside the plot, as Office places it.
 */
static void trend_label(struct cdraw *d, const struct frame *p,
			const struct ppj_trendline *t,
			const struct trend_fit *f, const double *x,
			const double *y, size_t n, double end)
{
	struct ppj_buf b = PPJ_BUF_INIT;
	double r2 = render_trend_r2(f, x, y, n);
	double lx = fmin(trend_px(d, p, end), p->x + p->w) - 4;
	double ly = p->y + p->h - vpos(d, render_trend_at(f, end)) * p->h;
	double lines = (t->show_eq ? 1 : 0) + (t->show_r2 ? 1 : 0);

	if (!isfinite(ly))
		ly = p->y;
	ly = fmax(p->y + d->lpx, fmin(ly - d->lpx * 1.2 * lines,
				      p->y + p->h - d->lpx * 1.2 * lines));
	if (t->show_eq) {
		render_trend_eq(&b, f);
		text_at(d, lx, ly, "end", d->lpx, b.data);
		ly += d->lpx * 1.2;
	}
	if (t->show_r2 && isfinite(r2)) {
		ppj_buf_reset(&b);
		ppj_buf_adds(&b, "R\xc2\xb2 = ");
		ppj_buf_printf(&b, "%.4f", r2);
		text_at(d, lx, ly, "end", d->lpx, b.data);
	}
	ppj_buf_release(&b);
}

/* Series s's trendline, cut to the plot. */
static void trendline(struct cdraw *d, const struct frame *p,
		      const struct ppj_series *s, size_t idx)
{
	const struct ppj_trendline *t = &s->trend;
	double x[CHART_MAX_POINTS], y[CHART_MAX_POINTS];
	struct ppj_buf scratch = PPJ_BUF_INIT;
	struct ppj_line ln = t->line;
	size_t n = trend_points(d, s, x, y);
	struct trend_fit f;
	bool have = false;
	double end = 0;
	int clip;

	if (n < 2 || (t->kind == PPJ_TREND_MOVING_AVG &&
		      n < (size_t)t->period))
		return;
	clip = ++d->c->uid;
	if (ln.fill.kind == PPJ_FILL_NONE) {
		ln.fill.kind = PPJ_FILL_SOLID;
		ln.fill.color = series_color(s, idx, true);
	}
	ppj_buf_printf(d->b, "<clipPath id=\"g%d\"><rect x=\"%.2f\" "
		       "y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>"
		       "</clipPath><path fill=\"none\" clip-path=\"url(#g%d)"
		       "\"", clip, p->x, p->y, p->w, p->h, clip);
	render_stroke_attrs(d->c, &ln, &scratch, p->w, p->h, d->b, false);
	ppj_buf_release(&scratch);
	ppj_buf_adds(d->b, " d=\"");
	if (t->kind == PPJ_TREND_MOVING_AVG)
		moving_avg(d, p, t->period, x, y, n);
	else
		have = fitted(d, p, t, x, y, n, &f, &end);
	ppj_buf_adds(d->b, "\"/>");
	if (have && (t->show_eq || t->show_r2))
		trend_label(d, p, t, &f, x, y, n, end);
}

/* The trendlines of the plot's series (not of horizontal bars, dates). */
static void trendlines(struct cdraw *d, const struct frame *p)
{
	if (d->dates)
		return;
	for (size_t i = 0; i < d->ns; i++)
		if (d->ser[i].trend.kind != PPJ_TREND_NONE)
			trendline(d, p, &d->ser[i], d->s0 + i);
}

/* The plots on the category axis, layer by layer. */
static void cat_plots(struct cdraw *d, const struct frame *p, bool horiz)
{
	for (int layer = 0; layer < 3; layer++)
		for (size_t j = 0; j < d->nplots; j++) {
			enum ppj_chart_kind k = d->plots[j].kind;

			if (layer_of(k) != layer)
				continue;
			use_plot(d, &d->plots[j]);
			if (k == PPJ_CHART_BAR || k == PPJ_CHART_COLUMN)
				bars(d, p, horiz);
			else
				lines(d, p, k == PPJ_CHART_AREA);
			if (!horiz)
				trendlines(d, p);
		}
	use_plot(d, &d->plots[0]);
}

static void plot(struct cdraw *d, const struct frame *p)
{
	switch (d->ch->kind) {
	case PPJ_CHART_PIE:
	case PPJ_CHART_DOUGHNUT:
		pie(d, p, d->ch->kind == PPJ_CHART_DOUGHNUT);
		return;
	case PPJ_CHART_BAR:
		value_axis(d, p, &d->v, true, d->ch->gridlines);
		if (d->has_v2)
			value_axis(d, p, &d->v2, true, false);
		cat_plots(d, p, true);
		category_axis(d, p, true);
		return;
	case PPJ_CHART_RADAR:
		radar(d, p);
		return;
	case PPJ_CHART_SCATTER:
	case PPJ_CHART_BUBBLE:
		value_axis(d, p, &d->v, false, d->ch->gridlines);
		value_axis(d, p, &d->x, true, d->ch->cat_grid);
		xy_axes(d, p);
		if (d->ch->kind == PPJ_CHART_BUBBLE)
			bubbles(d, p);
		else
			scatter(d, p);
		trendlines(d, p);
		return;
	default:
		value_axis(d, p, &d->v, false, d->ch->gridlines);
		if (d->has_v2)
			value_axis(d, p, &d->v2, false, false);
		cat_plots(d, p, false);
		category_axis(d, p, false);
		return;
	}
}

/* The chart area's solid fill and border, the line inside the box. */
static void chart_space(struct cdraw *d, double w, double h)
{
	const struct ppj_line *ln = &d->ch->space_line;
	bool fill = d->ch->space_fill.kind == PPJ_FILL_SOLID;
	bool line = ln->fill.kind == PPJ_FILL_SOLID && ln->width > 0;
	double lw = line ? (double)ln->width / PPJ_EMU_PER_PX : 0;

	if (!fill && !line)
		return;
	ppj_buf_adds(d->b, "<rect x=\"");
	render_num(d->b, lw / 2);
	ppj_buf_adds(d->b, "\" y=\"");
	render_num(d->b, lw / 2);
	ppj_buf_adds(d->b, "\" width=\"");
	render_num(d->b, fmax(w - lw, 0));
	ppj_buf_adds(d->b, "\" height=\"");
	render_num(d->b, fmax(h - lw, 0));
	ppj_buf_adds(d->b, "\" fill=\"");
	if (fill)
		render_css_color(d->b, d->ch->space_fill.color);
	else
		ppj_buf_adds(d->b, "none");
	if (line) {
		ppj_buf_adds(d->b, "\" stroke=\"");
		render_css_color(d->b, ln->fill.color);
		ppj_buf_adds(d->b, "\" stroke-width=\"");
		render_num(d->b, lw);
	}
	ppj_buf_adds(d->b, "\"/>");
}

/* The chart's plots, or one of its kind over all the series. */
static void use_plots(struct cdraw *d, const struct ppj_plot *one)
{
	bool own = d->ch->nplots && d->ch->plots;

	d->plots = own ? d->ch->plots : one;
	d->nplots = own ? d->ch->nplots : 1;
	for (size_t j = 0; j < d->nplots; j++) {
		d->has_bars |= d->plots[j].kind == PPJ_CHART_COLUMN ||
			       d->plots[j].kind == PPJ_CHART_BAR;
		d->has_v2 |= d->plots[j].secondary;
	}
	use_plot(d, &d->plots[0]);
}

/*
 * The chart's title: centred at the top, or its box's corner where the
 * deck places it (the text 4 px inside), or moved by factors.
 */
static void chart_title(struct cdraw *d)
{
	const struct ppj_chart_place *pl = &d->ch->title_place;
	double x = d->w / 2, y = d->tpx * 1.3;
	const char *anchor = "middle";

	if (by_edges(pl)) {
		x = pl->x * d->w + 4;
		y = pl->y * d->h + 4 + d->tpx * 0.9;
		anchor = "start";
	} else {
		by_factors(d, pl, &x, &y);
	}
	bold_open(d, d->ch->title_bold);
	text_at(d, x, y, anchor, d->tpx, d->ch->title);
	bold_close(d, d->ch->title_bold);
}

static void svg_chart(struct rctx *c, const struct ppj_chart *ch)
{
	double pt = ch->text_pt > 0 ? ch->text_pt : 10;
	struct ppj_plot one = { .kind = ch->kind, .grouping = ch->grouping,
				.count = ch->nseries,
				.gap_width = ch->gap_width,
				.overlap = ch->overlap };
	struct cdraw d = { .c = c, .ch = ch, .nall = ch->nseries, .b = c->b,
			   .v = { 0, 1, 1, false }, .x = { 0, 1, 1, false },
			   .lpx = pt * PT_PX,
			   .gpx = (ch->legend_pt > 0 ? ch->legend_pt : pt) *
				  PT_PX,
			   .tpx = (ch->title_pt > 0 ? ch->title_pt : pt * 1.4) *
				  PT_PX };
	double w = fmax(c->box_w, 1), h = fmax(c->box_h, 1);
	struct frame p, lg;

	d.w = w;
	d.h = h;

	if (d.nall > CHART_MAX_SERIES)
		d.nall = CHART_MAX_SERIES;
	for (size_t i = 0; i < d.nall; i++)
		if (ch->series[i].npts > d.np)
			d.np = ch->series[i].npts;
	if (d.np > CHART_MAX_POINTS)
		d.np = CHART_MAX_POINTS;
	use_plots(&d, &one);
	date_setup(&d);
	layout(&d, w, h, &p, &lg);
	scale(&d, ch->kind == PPJ_CHART_BAR ? p.w : p.h,
	      ch->kind == PPJ_CHART_BAR);
	fit_left(&d, &p);
	fit_right(&d, &p);
	if (is_xy(ch))
		x_scale(&d, p.w);
	ppj_buf_adds(d.b, "<svg class=\"ch\" width=\"");
	render_num(d.b, w);
	ppj_buf_adds(d.b, "\" height=\"");
	render_num(d.b, h);
	ppj_buf_adds(d.b, "\" fill=\"");
	render_hex(d.b, ch->text_color);
	ppj_buf_adds(d.b, "\" style=\"font-family:");
	render_font_family(c, "Calibri", d.b);
	ppj_buf_adds(d.b, "\">");
	chart_space(&d, w, h);
	if (ch->title)
		chart_title(&d);
	if (d.np)
		plot(&d, &p);
	if (d.np && !is_pie(ch) && ch->kind != PPJ_CHART_RADAR)
		axis_titles(&d, &p);
	if (ch->legend && lg.w > 0)
		legend(&d, &lg, ch->legend_pos != 'b' && ch->legend_pos != 't');
	ppj_buf_adds(d.b, "</svg>");
}

int render_chart(struct rctx *c, const struct ppj_shape *s)
{
	const struct ppj_chart *ch = s->chart;
	struct ppj_shape fb;

	if (drawable(ch)) {
		svg_chart(c, ch);
		return 0;
	}
	render_warn(c, "chart", "chart of shape %d: kind not drawn%s", s->id,
		    ch && ch->fallback ? "; its picture is shown" : "");
	if (!ch || !ch->fallback)
		return 0;
	memset(&fb, 0, sizeof(fb));
	fb.id = s->id;
	fb.descr = s->descr;
	fb.picture.kind = PPJ_FILL_PICTURE;
	fb.picture.media = ch->fallback;
	return render_picture(c, &fb);
}
