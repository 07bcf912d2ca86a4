/*
 * Text bodies as HTML: a flex column box at the text rectangle (insets as
 * padding) anchors the paragraphs top, middle or bottom; each paragraph
 * is a <p> with its indents, spacing, line height and bullet, each run a
 * <span> with its font, size, colour and decorations. Autofit scales are
 * applied here: sizes times font_scale, line spacing less line_reduction.
 *
 * Text is never clipped: the box lets content overflow the way PowerPoint
 * lets it spill out of a shape.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render-int.h"

#define PT_PX (4.0 / 3.0)

/* What a paragraph's runs inherit from the <p>. */
struct pbase {
	const char *font;
	double size;		/* px, scaled */
	double scale;		/* autofit font scale */
	double line;		/* single line height of font, ems */
	double desc;		/* and the descent in it, ems */
};

static bool url_ok(const char *url)
{
	static const char *schemes[] = { "http:", "https:", "mailto:",
		"ftp:", "tel:" };

	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (url && strncasecmp(url, schemes[i], strlen(schemes[i]))
		    == 0)
			return true;
	return false;
}

static double run_px(const struct ppj_run *r, double scale)
{
	double pt = r->size > 0 && r->size < 4000 ? r->size : 18;

	return pt * scale * PT_PX;
}

/* The first text run, or the paragraph mark when there is none. */
static const struct ppj_run *first_run(const struct ppj_para *p)
{
	for (size_t i = 0; i < p->nruns; i++)
		if (p->runs[i].kind != PPJ_RUN_BREAK)
			return &p->runs[i];
	return &p->end;
}

/* A field the page fills in when it is shown (see date_field). */
static bool is_date_field(const struct ppj_run *r)
{
	return r->kind == PPJ_RUN_FIELD && ppj_startswith(r->field,
							  "datetime");
}

static bool para_has_text(const struct ppj_para *p)
{
	for (size_t i = 0; i < p->nruns; i++)
		if (p->runs[i].kind != PPJ_RUN_BREAK &&
		    ((p->runs[i].text && p->runs[i].text[0]) ||
		     is_date_field(&p->runs[i])))
			return true;
	return false;
}

static bool run_color(const struct ppj_run *r, struct ppj_color *col)
{
	if (r->fill.kind == PPJ_FILL_SOLID) {
		*col = r->fill.color;
		return true;
	}
	if (r->fill.kind == PPJ_FILL_GRADIENT && r->fill.nstops &&
	    r->fill.stops) {
		*col = r->fill.stops[0].color;
		return true;
	}
	if (r->fill.kind == PPJ_FILL_PATTERN) {
		*col = r->fill.fg;
		return true;
	}
	return false;
}

/* ---- runs ---- */

static void decoration(struct ppj_buf *b, const struct ppj_run *r)
{
	static const char *kind[] = { "", "", " double", "", " dotted",
		" dashed", " wavy" };
	bool u = r->underline != PPJ_U_NONE;
	bool s = r->strike != PPJ_STRIKE_NONE;

	if (!u && !s)
		return;
	ppj_buf_printf(b, "text-decoration:%s%s%s;", u ? "underline" : "",
		       u && s ? " " : "", s ? "line-through" : "");
	if (u && (unsigned)r->underline < 7 && kind[r->underline][0])
		ppj_buf_printf(b, "text-decoration-style:%s;",
			       kind[r->underline] + 1);
	if (r->underline == PPJ_U_HEAVY)
		ppj_buf_adds(b, "text-decoration-thickness:0.1em;");
	if (s && r->strike == PPJ_STRIKE_DOUBLE && !u)
		ppj_buf_adds(b, "text-decoration-style:double;");
}

static void run_effects(struct ppj_buf *b, const struct ppj_run *r,
			bool has_color)
{
	struct ppj_color oc;

	if (r->outline.fill.kind == PPJ_FILL_SOLID) {
		oc = r->outline.fill.color;
		ppj_buf_adds(b, "-webkit-text-stroke:");
		render_num(b, r->outline.width > 0 ?
			   (double)r->outline.width / PPJ_EMU_PER_PX : 0.75);
		ppj_buf_adds(b, "px ");
		render_css_color(b, oc);
		ppj_buf_adds(b, ";");
		if (!has_color)
			ppj_buf_adds(b, "color:transparent;");
	}
	if (r->shadow.present && !r->shadow.inner) {
		double a = r->shadow.dir * M_PI / 180;
		double d = (double)r->shadow.dist / PPJ_EMU_PER_PX;

		ppj_buf_adds(b, "text-shadow:");
		render_num(b, d * cos(a));
		ppj_buf_adds(b, "px ");
		render_num(b, d * sin(a));
		ppj_buf_adds(b, "px ");
		render_num(b, (double)r->shadow.blur / PPJ_EMU_PER_PX);
		ppj_buf_adds(b, "px ");
		render_css_color(b, r->shadow.color);
		ppj_buf_adds(b, ";");
	}
}

/* The style of one run, leaving out what the <p> already says. */
static void run_style(struct rctx *c, struct ppj_buf *b,
		      const struct ppj_run *r, const struct pbase *pb)
{
	struct ppj_color col;
	double size = run_px(r, pb->scale);
	bool has_color = run_color(r, &col);

	if (r->font && !ppj_streq(r->font, pb->font)) {
		ppj_buf_adds(b, "font-family:");
		render_font_family(c, r->font, b);
		ppj_buf_adds(b, ";");
	}
	if (r->baseline != 0 && fabs(r->baseline) < 500) {
		ppj_buf_adds(b, "font-size:");
		render_num(b, size * 2 / 3);
		ppj_buf_adds(b, "px;vertical-align:");
		render_num(b, size * r->baseline / 100);
		ppj_buf_adds(b, "px;");
	} else if (fabs(size - pb->size) > 0.005) {
		ppj_buf_adds(b, "font-size:");
		render_num(b, size);
		ppj_buf_adds(b, "px;");
	}
	if (r->bold)
		ppj_buf_adds(b, "font-weight:bold;");
	if (r->italic)
		ppj_buf_adds(b, "font-style:italic;");
	if (has_color) {
		ppj_buf_adds(b, "color:");
		render_css_color(b, col);
		ppj_buf_adds(b, ";");
	}
	decoration(b, r);
	if (r->caps == PPJ_CAPS_ALL)
		ppj_buf_adds(b, "text-transform:uppercase;");
	else if (r->caps == PPJ_CAPS_SMALL)
		ppj_buf_adds(b, "font-variant:small-caps;");
	if (r->spacing != 0 && fabs(r->spacing) < 1000) {
		ppj_buf_adds(b, "letter-spacing:");
		render_num(b, r->spacing * PT_PX * pb->scale);
		ppj_buf_adds(b, "px;");
	}
	if (r->has_highlight) {
		ppj_buf_adds(b, "background:");
		render_css_color(b, r->highlight);
		ppj_buf_adds(b, ";");
	}
	run_effects(b, r, has_color);
}

static void link_open(struct ppj_buf *b, const struct ppj_link *l)
{
	if (l->slide > 0) {
		ppj_buf_printf(b, "<a href=\"%d.html\" data-slide=\"%d\"",
			       l->slide, l->slide);
	} else {
		ppj_buf_adds(b, "<a target=\"_blank\" rel=\"noopener\" "
			     "href=\"");
		ppj_buf_add_html(b, l->url);
		ppj_buf_adds(b, "\"");
	}
	if (l->tooltip && *l->tooltip) {
		ppj_buf_adds(b, " title=\"");
		ppj_buf_add_html(b, l->tooltip);
		ppj_buf_adds(b, "\"");
	}
	ppj_buf_adds(b, ">");
}

/*
 * The characters a date or time the page writes may need, kept in the
 * font subsets: digits, separators and the Latin letters of month and
 * day names and AM/PM.
 */
#define DATE_GLYPHS "0123456789/:-., ABCDEFGHIJKLMNOPQRSTUVWXYZ" \
	"abcdefghijklmnopqrstuvwxyz"

/*
 * A date or time field that updates itself: the slide's script writes
 * the date of the day it is shown in the field's format (1 to 13, as
 * DrawingML's datetime1 to datetime13), in the language of the run; the
 * text the deck cached stays for pages shown without scripts.
 */
static void date_field(struct rctx *c, const struct ppj_run *r)
{
	long f = strtol(r->field + strlen("datetime"), NULL, 10);

	if (f < 1 || f > 13)
		f = 1;
	ppj_buf_printf(c->b, " data-date=\"%ld\"", f);
}

static void run_html(struct rctx *c, const struct ppj_run *r,
		     const struct pbase *pb)
{
	struct ppj_buf *b = c->b;
	bool link = r->link.slide > 0 || url_ok(r->link.url);
	bool date = is_date_field(r);
	size_t mark;

	if (r->kind == PPJ_RUN_BREAK) {
		ppj_buf_adds(b, "<br>");
		return;
	}
	if (!date && (!r->text || !*r->text))
		return;
	if (link)
		link_open(b, &r->link);
	ppj_buf_adds(b, "<span");
	if (r->lang && *r->lang) {
		ppj_buf_adds(b, " lang=\"");
		ppj_buf_add_html(b, r->lang);
		ppj_buf_adds(b, "\"");
	}
	if (date)
		date_field(c, r);
	ppj_buf_adds(b, " style=\"");
	mark = b->len;
	run_style(c, b, r, pb);
	if (b->len == mark && !b->failed)
		b->len -= strlen(" style=\"");
	else
		ppj_buf_adds(b, "\"");
	if (b->data)
		b->data[b->len] = 0;
	ppj_buf_adds(b, ">");
	ppj_buf_add_html(b, r->text ? r->text : "");
	ppj_buf_adds(b, "</span>");
	render_font_text(c, r->font ? r->font : pb->font,
			 date ? DATE_GLYPHS : r->text ? r->text : "",
			 r->caps != PPJ_CAPS_NONE);
	render_cjk_run(c, r->text, r->bold);
	if (link)
		ppj_buf_adds(b, "</a>");
}

/* ---- paragraphs ---- */

static void bullet_html(struct rctx *c, const struct ppj_para *p,
			const struct pbase *pb, double indent)
{
	const struct ppj_bullet *bu = &p->bullet;
	const struct ppj_run *fr = first_run(p);
	struct ppj_buf *b = c->b;
	struct ppj_color col;
	double size = pb->size;
	const char *path;

	if (bu->size_pts > 0 && bu->size_pts < 4000)
		size = bu->size_pts * PT_PX * pb->scale;
	else if (bu->size_pct > 0 && bu->size_pct < 1000)
		size = pb->size * bu->size_pct / 100;
	ppj_buf_adds(b, "<span class=\"bu\" style=\"");
	if (indent < 0) {
		ppj_buf_adds(b, "min-width:");
		render_num(b, -indent);
		ppj_buf_adds(b, "px;");
	}
	if (bu->font && !ppj_streq(bu->font, pb->font)) {
		ppj_buf_adds(b, "font-family:");
		render_font_family(c, bu->font, b);
		ppj_buf_adds(b, ";");
	}
	ppj_buf_adds(b, "font-size:");
	render_num(b, size);
	ppj_buf_adds(b, "px;");
	if (bu->has_color || run_color(fr, &col)) {
		ppj_buf_adds(b, "color:");
		render_css_color(b, bu->has_color ? bu->color : col);
		ppj_buf_adds(b, ";");
	}
	if (fr->bold && bu->kind == PPJ_BULLET_AUTONUM)
		ppj_buf_adds(b, "font-weight:bold;");
	ppj_buf_adds(b, "\">");
	if (bu->kind == PPJ_BULLET_PICTURE && bu->picture &&
	    (path = render_media(c, bu->picture))) {
		ppj_buf_adds(b, "<img alt=\"\" src=\"../assets/");
		ppj_buf_add_html(b, path);
		ppj_buf_adds(b, "\" style=\"height:0.8em\">");
	} else if (bu->text) {
		ppj_buf_add_html(b, bu->text);
		render_font_text(c, bu->font ? bu->font : pb->font, bu->text,
				 false);
	}
	ppj_buf_adds(b, "</span>");
}

/*
 * LibreOffice keeps a line's baseline one descent above the line's
 * bottom whatever the spacing (a shorter line loses ascent, a taller one
 * gains it). Chromium centres the glyphs, whose @font-face metrics are
 * RENDER_LINE_ASCENT up and RENDER_LINE_DESCENT down, in the line: their
 * baseline is half the line plus half their difference below its top. A
 * relative shift of the paragraph by the difference lines them up again.
 */
static void baseline_shift(struct ppj_buf *b, double line_px,
			   const struct pbase *pb)
{
	double css = (RENDER_LINE_ASCENT - RENDER_LINE_DESCENT) / 2;
	double shift = line_px / 2 - (pb->desc + css) * pb->size;

	if (fabs(shift) < 0.05 || fabs(shift) > 10000)
		return;
	ppj_buf_adds(b, "position:relative;top:");
	render_num(b, shift);
	ppj_buf_adds(b, "px;");
}

/* Line height: a CSS number for percentages, px for exact points. */
static void line_height(struct ppj_buf *b, const struct ppj_para *p,
			const struct ppj_text *t, const struct pbase *pb)
{
	double pct = p->line.val > 0 && p->line.val < 10000 ? p->line.val :
		100;
	double red = t->line_reduction > 0 && t->line_reduction < 1 ?
		t->line_reduction : 0;

	if (p->line.is_pts) {
		ppj_buf_adds(b, "line-height:");
		render_num(b, p->line.val * PT_PX * (1 - red));
		ppj_buf_adds(b, "px;");
		baseline_shift(b, p->line.val * PT_PX * (1 - red), pb);
		return;
	}
	pct -= red * 100;
	if (pct < 10)
		pct = 10;
	ppj_buf_adds(b, "line-height:");
	ppj_buf_add_num(b, pct / 100 * pb->line, 4);
	ppj_buf_adds(b, ";");
	baseline_shift(b, pct / 100 * pb->line * pb->size, pb);
}

/*
 * Space before or after: points, or a percentage of the first run's
 * size (as LibreOffice reads spcPct; PowerPoint's is of the line).
 */
static double spacing_px(const struct ppj_spacing *s, double size_px,
			 double scale)
{
	double v = s->val;

	if (!(v > 0) || v > 100000)
		return 0;
	if (s->is_pts)
		return v * PT_PX * scale;
	return v / 100 * size_px;
}

static void para_style(struct rctx *c, const struct ppj_text *t,
		       const struct ppj_para *p, const struct pbase *pb,
		       bool first)
{
	static const char *al[] = { "left", "center", "right", "justify",
		"justify" };
	struct ppj_buf *b = c->b;
	double ml = (double)p->margin_left / PPJ_EMU_PER_PX;
	double ind = (double)p->indent / PPJ_EMU_PER_PX;
	double before = spacing_px(&p->before, pb->size, pb->scale);
	double after = spacing_px(&p->after, pb->size, pb->scale);

	ppj_buf_printf(b, " style=\"text-align:%s;",
		       al[(unsigned)p->align % 5]);
	if (ml > 0 && ml < 100000) {
		ppj_buf_adds(b, p->rtl ? "padding-right:" : "padding-left:");
		render_num(b, ml);
		ppj_buf_adds(b, "px;");
	}
	if (ind != 0 && fabs(ind) < 100000) {
		ppj_buf_adds(b, "text-indent:");
		render_num(b, ind);
		ppj_buf_adds(b, "px;");
	}
	if (before > 0 && !first) {
		ppj_buf_adds(b, "padding-top:");
		render_num(b, before);
		ppj_buf_adds(b, "px;");
	}
	if (after > 0) {
		ppj_buf_adds(b, "padding-bottom:");
		render_num(b, after);
		ppj_buf_adds(b, "px;");
	}
	if (pb->font) {
		ppj_buf_adds(b, "font-family:");
		render_font_family(c, pb->font, b);
		ppj_buf_adds(b, ";");
	}
	ppj_buf_adds(b, "font-size:");
	render_num(b, pb->size);
	ppj_buf_adds(b, "px;");
	line_height(b, p, t, pb);
	ppj_buf_adds(b, "\"");
}

static void para_html(struct rctx *c, const struct ppj_text *t,
		      const struct ppj_para *p, double scale, bool first,
		      bool table)
{
	const struct ppj_run *fr = first_run(p);
	struct pbase pb = { fr->font, run_px(fr, scale), scale, 0, 0 };
	bool text = para_has_text(p);
	struct ppj_buf *b = c->b;

	render_font_lines(c, fr->font, table, &pb.line, &pb.desc);
	ppj_buf_adds(b, "<p");
	if (p->rtl)
		ppj_buf_adds(b, " dir=\"rtl\"");
	para_style(c, t, p, &pb, first);
	ppj_buf_adds(b, ">");
	if (text && p->bullet.kind != PPJ_BULLET_NONE)
		bullet_html(c, p, &pb, (double)p->indent / PPJ_EMU_PER_PX);
	for (size_t i = 0; i < p->nruns; i++)
		run_html(c, &p->runs[i], &pb);
	if (!text || (p->nruns && p->runs[p->nruns - 1].kind ==
		      PPJ_RUN_BREAK))
		ppj_buf_adds(b, "<br>");
	ppj_buf_adds(b, "</p>");
}

/* What the text approximates: the stored autofit scale, CJK glyphs. */
static void text_warnings(struct rctx *c, const struct ppj_text *t,
			  double scale)
{
	if (t->autofit == PPJ_FIT_NORMAL && (scale < 1 ||
					     t->line_reduction > 0))
		render_warn(c, "autofit", "text shrunk by the scale stored in "
			    "the deck (font %.1f%%, line spacing -%.0f%%), "
			    "not fitted again", scale * 100,
			    t->line_reduction * 100);
	if (t->warped)
		render_warn(c, "text-warp", "WordArt text drawn straight: its "
			    "warp (a:prstTxWarp) is not reproduced");
	if (c->cjk && !c->cjk_shipped && render_cjk_in(t))
		render_warn(c, "cjk-font", "no Chinese, Japanese or Korean "
			    "face is shipped: viewers draw such text in a "
			    "font of their own");
}

int render_paras(struct rctx *c, const struct ppj_text *t, bool table)
{
	double scale = t->autofit == PPJ_FIT_NORMAL && t->font_scale > 0.01 &&
		t->font_scale <= 1 ? t->font_scale : 1;

	text_warnings(c, t, scale);
	for (size_t i = 0; i < t->nparas; i++)
		para_html(c, t, &t->paras[i], scale, i == 0, table);
	return 0;
}

/* ---- the box ---- */

static bool text_empty(const struct ppj_text *t)
{
	for (size_t i = 0; i < t->nparas; i++)
		if (para_has_text(&t->paras[i]))
			return false;
	return true;
}

/*
 * The top of the text rectangle, from top and bottom edges (px inside
 * the box). Insets taller than the box turn the rectangle inside out;
 * the text then hangs from the anchor's point of it (its middle for a
 * centred body), as PowerPoint and LibreOffice place it, not from the
 * top inset, where CSS would put an empty content box.
 */
static double text_top(const struct ppj_text *t, double top, double bottom,
		       bool vert)
{
	if (bottom >= top || vert)
		return top;
	if (t->anchor == PPJ_ANCHOR_MIDDLE)
		return (top + bottom) / 2;
	if (t->anchor == PPJ_ANCHOR_BOTTOM)
		return bottom;
	return top;
}

static void box_geometry(struct ppj_buf *b, const struct ppj_text *t,
			 double x, double y, double w, double h)
{
	double il = (double)t->inset_l / PPJ_EMU_PER_PX;
	double it = (double)t->inset_t / PPJ_EMU_PER_PX;
	double ir = (double)t->inset_r / PPJ_EMU_PER_PX;
	double ib = (double)t->inset_b / PPJ_EMU_PER_PX;
	bool vert = t->vert != PPJ_VERT_HORZ;

	/* Vertical text lays out in the box turned by a quarter. */
	if (w < 0)
		w = 0;
	if (h < 0)
		h = 0;
	ppj_buf_adds(b, "left:");
	render_num(b, x + il);
	ppj_buf_adds(b, "px;top:");
	render_num(b, y + text_top(t, it, h - ib, vert));
	ppj_buf_adds(b, "px;width:");
	render_num(b, fmax(w - il - ir, vert ? 0 : 1));
	ppj_buf_adds(b, "px;height:");
	render_num(b, fmax(h - it - ib, 0));
	ppj_buf_adds(b, "px;");
}

static void box_flow(struct ppj_buf *b, const struct ppj_text *t,
		     bool flip_v)
{
	static const char *just[] = { "flex-start", "center", "flex-end" };
	double rot = isfinite(t->rot) ? t->rot : 0;

	ppj_buf_printf(b, "justify-content:%s;",
		       just[(unsigned)t->anchor % 3]);
	/* LibreOffice centres a block that does not wrap in its box. */
	if (t->anchor_center || !t->wrap)
		ppj_buf_adds(b, "align-items:center;");
	if (!t->wrap)
		ppj_buf_adds(b, "white-space:pre;");
	switch (t->vert) {
	case PPJ_VERT_VERT:
		ppj_buf_adds(b, "writing-mode:vertical-rl;");
		break;
	case PPJ_VERT_VERT270:
		ppj_buf_adds(b, "writing-mode:vertical-rl;");
		rot += 180;
		break;
	case PPJ_VERT_EA:
	case PPJ_VERT_STACKED:
		ppj_buf_adds(b, "writing-mode:vertical-rl;"
			     "text-orientation:upright;");
		break;
	default:
		break;
	}
	if (flip_v)
		rot += 180;
	rot = fmod(rot, 360);
	if (fabs(rot) > 0.001) {
		ppj_buf_adds(b, "transform:rotate(");
		render_num(b, rot);
		ppj_buf_adds(b, "deg);");
	}
}

int render_text(struct rctx *c, const struct ppj_text *t, double x,
		double y, double w, double h, bool flip_v)
{
	struct ppj_buf *b = c->b;
	bool cols = t->columns > 1 && t->columns <= 16;

	if (!t->nparas || text_empty(t))
		return 0;
	ppj_buf_adds(b, "<div class=\"t\" style=\"");
	box_geometry(b, t, x, y, w, h);
	box_flow(b, t, flip_v);
	ppj_buf_adds(b, "\">");
	/*
	 * Unwrapped lines take the box's width when they fit (the
	 * paragraphs' alignment holds) and overflow it on both sides when
	 * they do not, as LibreOffice draws them. A block centred by
	 * anchorCtr, or in a shape that grows to its text (spAutoFit,
	 * which LibreOffice grows about its centre), stays as wide as its
	 * longest line, centred.
	 */
	if (!t->wrap && !t->anchor_center && t->autofit != PPJ_FIT_SHAPE)
		ppj_buf_adds(b, "<div class=\"ac\" style=\"max-width:none;"
			     "min-width:100%\">");
	else if (!t->wrap)
		ppj_buf_adds(b, "<div class=\"ac\" style=\"max-width:none\">");
	else if (t->anchor_center)
		ppj_buf_adds(b, "<div class=\"ac\">");
	if (cols) {
		ppj_buf_printf(b, "<div style=\"column-count:%d;column-gap:",
			       t->columns);
		render_px(b, t->column_gap > 0 ? t->column_gap : 0);
		ppj_buf_adds(b, "px;column-fill:auto;height:100%\">");
	}
	render_paras(c, t, false);
	if (cols)
		ppj_buf_adds(b, "</div>");
	if (t->anchor_center || !t->wrap)
		ppj_buf_adds(b, "</div>");
	ppj_buf_adds(b, "</div>");
	return 0;
}
