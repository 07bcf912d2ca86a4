/*
 * Charts as SVG drawn from the cached data of the chart part: bar and
 * column (clustered, stacked, percent), line, area, pie, doughnut and
 * scatter, with title, axes, gridlines, legend and data labels. Other
 * kinds show the fallback picture when there is one, else an empty box,
 * with a warning. Labels are SVG <text>, so they stay real text.
 *
 * The layout is PowerPoint's default one, roughly: title on top, legend
 * at its side, the plot area in what is left.
 */
#include <math.h>
#include <stdio.h>
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

struct cdraw {
	struct rctx *c;
	const struct ppj_chart *ch;
	size_t ns, np;		/* series and points drawn */
	struct ppj_buf *b;
	double vmin, vmax, step;
	double lpx, tpx;	/* label and title sizes, px */
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

static bool stacked(const struct ppj_chart *ch)
{
	return ch->grouping == PPJ_GROUP_STACKED ||
		ch->grouping == PPJ_GROUP_PERCENT;
}

static double total_at(struct cdraw *d, size_t k, bool positive)
{
	double t = 0;

	for (size_t i = 0; i < d->ns; i++) {
		double v = val(&d->ch->series[i], k);

		if ((v > 0) == positive)
			t += v;
	}
	return t;
}

/* The data's range, zero included, with Office's headroom above. */
static void data_range(struct cdraw *d, double *lo, double *hi)
{
	bool pct = d->ch->grouping == PPJ_GROUP_PERCENT;

	*lo = *hi = 0;
	for (size_t k = 0; k < d->np && !pct; k++) {
		if (stacked(d->ch)) {
			*hi = fmax(*hi, total_at(d, k, true));
			*lo = fmin(*lo, total_at(d, k, false));
			continue;
		}
		for (size_t i = 0; i < d->ns; i++) {
			*hi = fmax(*hi, val(&d->ch->series[i], k));
			*lo = fmin(*lo, val(&d->ch->series[i], k));
		}
	}
	if (pct)
		*hi = 100;
	else if (*hi > 0)
		*hi += (*hi - *lo) * 0.05;
	if (*hi <= *lo)
		*hi = *lo + 1;
}

/* Characters of the longer end label of a scale, as num_text writes. */
static size_t label_chars(double lo, double hi, bool pct)
{
	struct ppj_buf t = PPJ_BUF_INIT;
	size_t n;

	ppj_buf_init(&t, 64);
	ppj_buf_add_num(&t, lo, fabs(lo) < 10 ? 2 : 1);
	n = t.len;
	t.len = 0;
	ppj_buf_add_num(&t, hi, fabs(hi) < 10 ? 2 : 1);
	n = t.len > n ? t.len : n;
	ppj_buf_release(&t);
	return n + pct;
}

/*
 * Picks min, max and a round step (1, 2, 5 times a power of ten) covering
 * the data, with no more than ten steps and no more labels than fit
 * along an axis of len px without touching.
 */
static void scale(struct cdraw *d, double len, bool horiz)
{
	static const double mult[] = { 1, 2, 5, 10, 20, 50, 100 };
	bool pct = d->ch->grouping == PPJ_GROUP_PERCENT;
	double lo, hi, mag, step = 1;

	data_range(d, &lo, &hi);
	mag = pow(10, floor(log10((hi - lo) / 5)));
	for (size_t i = 0; i < sizeof(mult) / sizeof(*mult); i++) {
		double a, z, room;

		step = mag * mult[i];
		a = floor(lo / step) * step;
		z = ceil(hi / step) * step;
		room = horiz ? (label_chars(a, z, pct) * 0.45 + 0.2) * d->lpx
			     : d->lpx * 1.15;
		if ((z - a) / step <= 10 && len / ((z - a) / step) >= room)
			break;
	}
	d->step = step;
	d->vmin = floor(lo / step) * step;
	d->vmax = ceil(hi / step) * step;
	if (d->vmax <= d->vmin)
		d->vmax = d->vmin + step;
}

/* ---- axes ---- */

static void value_axis(struct cdraw *d, const struct frame *p, bool horiz)
{
	int n = (int)llround((d->vmax - d->vmin) / d->step);
	bool pct = d->ch->grouping == PPJ_GROUP_PERCENT;

	if (n > 50)
		n = 50;
	for (int i = 0; i <= n; i++) {
		double v = d->vmin + d->step * i;
		double f = (v - d->vmin) / (d->vmax - d->vmin);

		if (horiz) {
			double x = p->x + f * p->w;

			if (d->ch->gridlines)
				ppj_buf_printf(d->b, "<path stroke=\"#d9d9d9\" "
					       "d=\"M%.2f %.2fV%.2f\"/>", x,
					       p->y, p->y + p->h);
			if (d->ch->val_labels)
				num_text(d, x, p->y + p->h + d->lpx + 2,
					 "middle", v, pct);
		} else {
			double y = p->y + p->h - f * p->h;

			if (d->ch->gridlines)
				ppj_buf_printf(d->b, "<path stroke=\"#d9d9d9\" "
					       "d=\"M%.2f %.2fH%.2f\"/>", p->x,
					       y, p->x + p->w);
			if (d->ch->val_labels)
				num_text(d, p->x - 4, y + d->lpx / 3, "end", v,
					 pct);
		}
	}
}

static const char *cat_label(const struct cdraw *d, size_t k, char *tmp,
			     size_t n)
{
	const struct ppj_series *s = &d->ch->series[0];

	if (s->cats && k < s->npts && s->cats[k])
		return s->cats[k];
	snprintf(tmp, n, "%zu", k + 1);
	return tmp;
}

/*
 * Where category k's middle lies along its axis, 0..1 from the left or
 * the top. Office puts the first category at the left, or at the bottom
 * of a bar chart, unless the axis runs maxMin.
 */
static double cat_frac(const struct cdraw *d, size_t k, bool horiz)
{
	double f = (k + 0.5) / d->np;

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
	return (v - d->vmin) / (d->vmax - d->vmin);
}

/*
 * Bar width and the offset of the first bar in a band, as Office sizes
 * them: n bars overlapping by o share the band with a gap of g bars.
 */
static void bar_sizes(const struct cdraw *d, double band, double *bw,
		      double *off0, double *step)
{
	bool st = stacked(d->ch);
	double n = st ? 1 : (double)d->ns;
	double o = st ? 1 : fmax(-1, fmin(1, d->ch->overlap / 100.0));
	double g = fmax(0, fmin(5, d->ch->gap_width / 100.0));

	*bw = band / (n - (n - 1) * o + g);
	*step = *bw * (1 - o);
	*off0 = (band - (*bw * n - (n - 1) * *bw * o)) / 2;
}

/* Start of a bar along the category axis (x of a column, y of a bar). */
static double bar_at(const struct cdraw *d, const struct frame *p,
		     size_t k, double off, double bw, bool horiz)
{
	double band = (horiz ? p->h : p->w) / d->np;
	double from = band * k + off;

	if (horiz != d->ch->cat_reversed)
		return (horiz ? p->y + p->h : p->x + p->w) - from - bw;
	return (horiz ? p->y : p->x) + from;
}

static void bars(struct cdraw *d, const struct frame *p, bool horiz)
{
	double band = (horiz ? p->h : p->w) / d->np, bw, off0, step;
	bool st = stacked(d->ch);

	bar_sizes(d, band, &bw, &off0, &step);
	for (size_t k = 0; k < d->np; k++) {
		double up = 0, down = 0;
		double tot = total_at(d, k, true) - total_at(d, k, false);

		for (size_t i = 0; i < d->ns; i++) {
			const struct ppj_series *s = &d->ch->series[i];
			double v = val(s, k), a, z, at;

			if (d->ch->grouping == PPJ_GROUP_PERCENT)
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
				     fabs(z - a) * p->w, bw,
				     series_color(s, i, false));
			else
				rect(d->b, at, p->y + p->h - fmax(a, z) * p->h,
				     bw, fabs(z - a) * p->h,
				     series_color(s, i, false));
			if (s->labels && !horiz)
				num_text(d, at + bw / 2,
					 p->y + p->h - fmax(a, z) * p->h - 3,
					 "middle", val(s, k), false);
		}
	}
}

static double line_x(const struct cdraw *d, const struct frame *p,
		     size_t k, bool area)
{
	if (area)
		return p->x + p->w * k / fmax((double)d->np - 1, 1);
	return p->x + p->w / d->np * (k + 0.5);
}

/* The y of point k, stacked on acc and made a percentage if asked. */
static double line_y(struct cdraw *d, const struct frame *p,
		     const struct ppj_series *s, size_t k, const double *acc)
{
	double v = val(s, k) + (stacked(d->ch) ? acc[k] : 0);

	if (d->ch->grouping == PPJ_GROUP_PERCENT) {
		double tot = total_at(d, k, true) - total_at(d, k, false);

		v = tot != 0 ? v / tot * 100 : 0;
	}
	return p->y + p->h - vpos(d, v) * p->h;
}

static void lines(struct cdraw *d, const struct frame *p, bool area)
{
	double acc[CHART_MAX_POINTS] = { 0 };

	for (size_t i = 0; i < d->ns; i++) {
		const struct ppj_series *s = &d->ch->series[i];
		struct ppj_color col = series_color(s, i, !area);

		double lw = s->line.width > 0 && s->line.width < 254000 ?
			(double)s->line.width / PPJ_EMU_PER_PX : 3;

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
			ppj_buf_printf(d->b, "L%.2f %.2fL%.2f %.2fZ",
				       p->x + p->w, p->y + p->h - vpos(d, 0) *
				       p->h, p->x, p->y + p->h - vpos(d, 0) *
				       p->h);
		ppj_buf_adds(d->b, "\"/>");
		for (size_t k = 0; k < d->np && s->marker && !area; k++) {
			ppj_buf_adds(d->b, "<rect width=\"7\" height=\"7\" "
				     "fill=\"");
			render_css_color(d->b, col);
			ppj_buf_printf(d->b, "\" x=\"%.2f\" y=\"%.2f\"/>",
				       line_x(d, p, k, area) - 3.5,
				       line_y(d, p, s, k, acc) - 3.5);
		}
		for (size_t k = 0; k < d->np && stacked(d->ch); k++)
			acc[k] += val(s, k);
	}
}

static void scatter(struct cdraw *d, const struct frame *p)
{
	double xmin = 0, xmax = 1;

	for (size_t i = 0; i < d->ns; i++)
		for (size_t k = 0; k < d->np && d->ch->series[i].xvals; k++) {
			double x = d->ch->series[i].xvals[k];

			if (isfinite(x)) {
				xmin = fmin(xmin, x);
				xmax = fmax(xmax, x);
			}
		}
	for (size_t i = 0; i < d->ns; i++) {
		const struct ppj_series *s = &d->ch->series[i];
		struct ppj_color col = series_color(s, i, true);

		for (size_t k = 0; k < d->np && k < s->npts; k++) {
			double x = s->xvals && isfinite(s->xvals[k]) ?
				s->xvals[k] : (double)k + 1;

			ppj_buf_adds(d->b, "<circle r=\"3.5\" fill=\"");
			render_css_color(d->b, col);
			ppj_buf_printf(d->b, "\" cx=\"%.2f\" cy=\"%.2f\"/>",
				       p->x + (x - xmin) / (xmax - xmin) * p->w,
				       p->y + p->h - vpos(d, val(s, k)) * p->h);
		}
	}
}

static void pie(struct cdraw *d, const struct frame *p, bool doughnut)
{
	const struct ppj_series *s = &d->ch->series[0];
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

static void legend(struct cdraw *d, const struct frame *lg, bool side)
{
	size_t n = is_pie(d->ch) ? d->np : d->ns;
	double step = d->lpx * 1.6;
	double y = lg->y + (lg->h - step * n) / 2;
	double x = lg->x;
	char tmp[32];

	for (size_t i = 0; i < n && i < 64; i++) {
		const char *name = is_pie(d->ch) ?
			cat_label(d, i, tmp, sizeof(tmp)) :
			d->ch->series[i].name;
		struct ppj_color col = is_pie(d->ch) ?
			point_color(&d->ch->series[0], i) :
			series_color(&d->ch->series[i], i, false);

		if (!side) {
			x = lg->x + lg->w * (i + 0.2) / n;
			y = lg->y + lg->h / 2 - step / 2;
		}
		rect(d->b, x, y + step / 2 - 4, 8, 8, col);
		text_at(d, x + 12, y + step / 2 + d->lpx / 3, "start",
			d->lpx, name ? name : "");
		if (side)
			y += step;
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
			*lg = (struct frame){ 8, ch->legend_pos == 'b' ?
				h - d->lpx * 2.5 : top, w - 16,
				d->lpx * 2 };
			plot->h -= d->lpx * 2.5;
			if (ch->legend_pos == 't')
				plot->y += d->lpx * 2.5;
		} else {
			*lg = (struct frame){ ch->legend_pos == 'l' ? 8 :
				w * 0.8, top, w * 0.2 - 8, plot->h };
			plot->w -= w * 0.2;
			if (ch->legend_pos == 'l')
				plot->x += w * 0.2;
		}
	}
	if (!is_pie(ch))
		axis_room(d, plot);
	plot->w = fmax(plot->w, 1);
	plot->h = fmax(plot->h, 1);
}

static bool drawable(const struct ppj_chart *ch)
{
	if (!ch || !ch->nseries || !ch->series)
		return false;
	switch (ch->kind) {
	case PPJ_CHART_BAR: case PPJ_CHART_COLUMN: case PPJ_CHART_LINE:
	case PPJ_CHART_PIE: case PPJ_CHART_DOUGHNUT: case PPJ_CHART_AREA:
	case PPJ_CHART_SCATTER:
		return true;
	default:
		return false;
	}
}

static void plot(struct cdraw *d, const struct frame *p)
{
	switch (d->ch->kind) {
	case PPJ_CHART_PIE:
	case PPJ_CHART_DOUGHNUT:
		pie(d, p, d->ch->kind == PPJ_CHART_DOUGHNUT);
		return;
	case PPJ_CHART_BAR:
		value_axis(d, p, true);
		bars(d, p, true);
		category_axis(d, p, true);
		return;
	case PPJ_CHART_SCATTER:
		value_axis(d, p, false);
		scatter(d, p);
		return;
	default:
		value_axis(d, p, false);
		if (d->ch->kind == PPJ_CHART_COLUMN)
			bars(d, p, false);
		else
			lines(d, p, d->ch->kind == PPJ_CHART_AREA);
		category_axis(d, p, false);
		return;
	}
}

static void svg_chart(struct rctx *c, const struct ppj_chart *ch)
{
	double pt = ch->text_pt > 0 ? ch->text_pt : 10;
	struct cdraw d = { c, ch, ch->nseries, 0, c->b, 0, 1, 1,
			   pt * PT_PX, pt * 1.4 * PT_PX };
	double w = fmax(c->box_w, 1), h = fmax(c->box_h, 1);
	struct frame p, lg;

	if (d.ns > CHART_MAX_SERIES)
		d.ns = CHART_MAX_SERIES;
	for (size_t i = 0; i < d.ns; i++)
		if (ch->series[i].npts > d.np)
			d.np = ch->series[i].npts;
	if (d.np > CHART_MAX_POINTS)
		d.np = CHART_MAX_POINTS;
	layout(&d, w, h, &p, &lg);
	scale(&d, ch->kind == PPJ_CHART_BAR ? p.w : p.h,
	      ch->kind == PPJ_CHART_BAR);
	ppj_buf_adds(d.b, "<svg class=\"ch\" width=\"");
	render_num(d.b, w);
	ppj_buf_adds(d.b, "\" height=\"");
	render_num(d.b, h);
	ppj_buf_adds(d.b, "\" fill=\"#595959\" style=\"font-family:");
	render_font_family(c, "Calibri", d.b);
	ppj_buf_adds(d.b, "\">");
	if (ch->title)
		text_at(&d, w / 2, d.tpx * 1.3, "middle", d.tpx,
			ch->title);
	if (d.np)
		plot(&d, &p);
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
