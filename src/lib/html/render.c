/*
 * The renderer's entry point: walks the deck slide by slide, writes each
 * slides/N.html, then the shared stylesheet and fonts, manifest.json and
 * the viewer (index.html). Shapes, text, tables, charts, pictures, fonts
 * and the viewer each have their own file; this one holds the page frame,
 * the manifest and small formatting helpers.
 *
 * Output is deterministic: numbers go through ppj_buf_add_num (no locale),
 * ids are counters, lists keep the deck's order.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "render-int.h"

/* ---- small helpers ---- */

void render_num(struct ppj_buf *b, double v)
{
	ppj_buf_add_num(b, v, 2);
}

void render_px(struct ppj_buf *b, int64_t emu)
{
	ppj_buf_add_num(b, (double)emu / PPJ_EMU_PER_PX, 2);
}

void render_json_str(struct ppj_buf *b, const char *s)
{
	const char *p = s ? s : "";
	const char *end = p + strlen(p);

	while (p < end) {
		const char *q = p;
		uint32_t cp = ppj_utf8_next(&q, end);

		if (cp == '<' || cp == '>' || cp == '&' || cp == '\'' ||
		    cp == 0x2028 || cp == 0x2029) {
			ppj_buf_printf(b, "\\u%04x", (unsigned)cp);
		} else if (cp < 0x80) {
			char one[2] = { (char)cp, 0 };

			ppj_buf_add_json(b, one);
		} else {
			ppj_buf_add_utf8(b, cp);
		}
		p = q;
	}
}

void render_hex(struct ppj_buf *b, struct ppj_color col)
{
	ppj_buf_printf(b, "#%02x%02x%02x", col.r, col.g, col.b);
}

void render_css_color(struct ppj_buf *b, struct ppj_color col)
{
	if (col.alpha >= 0.999) {
		render_hex(b, col);
		return;
	}
	ppj_buf_printf(b, "rgba(%d,%d,%d,", col.r, col.g, col.b);
	ppj_buf_add_num(b, col.alpha < 0 ? 0 : col.alpha, 3);
	ppj_buf_addc(b, ')');
}

static char *xstrdup(const char *s)
{
	return strdup(s ? s : "");
}

static bool warn_add(struct rwarn **list, size_t *n, const char *code,
		     const char *msg)
{
	struct rwarn *nl;

	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i].code, code) == 0)
			return true;
	if (*n >= 256)
		return true;
	nl = realloc(*list, (*n + 1) * sizeof(**list));
	if (!nl)
		return false;
	*list = nl;
	nl[*n].code = xstrdup(code);
	nl[*n].message = xstrdup(msg);
	(*n)++;
	return true;
}

void render_warn(struct rctx *c, const char *code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->slide_index < c->deck->nslides)
		warn_add(&c->warns[c->slide_index], &c->nwarns[c->slide_index],
			 code, msg);
	else
		warn_add(&c->deck_warns, &c->ndeck_warns, code, msg);
}

static void warns_free(struct rwarn *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(w[i].code);
		free(w[i].message);
	}
	free(w);
}

/* ---- the slide page ---- */

static int slide_px_w(const struct ppj_deck *d)
{
	return (int)llround((double)d->width / PPJ_EMU_PER_PX);
}

static int slide_px_h(const struct ppj_deck *d)
{
	return (int)llround((double)d->height / PPJ_EMU_PER_PX);
}

static void page_head(struct rctx *c, const struct ppj_slide *sl)
{
	struct ppj_buf *b = c->b;

	ppj_buf_adds(b, "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
		     "\n<meta name=\"viewport\" content=\"width=");
	ppj_buf_printf(b, "%d\">\n<title>", slide_px_w(c->deck));
	if (sl->title && *sl->title)
		ppj_buf_add_html(b, sl->title);
	else
		ppj_buf_printf(b, "Slide %d", sl->number);
	ppj_buf_adds(b, "</title>\n<link rel=\"stylesheet\" "
		     "href=\"../assets/ppj.css\">\n</head>\n<body>\n");
}

/*
 * A background whose picture changes colour, as an SVG layer under the
 * shapes with its filter: CSS backgrounds cannot be filtered.
 */
static void svg_background(struct rctx *c, const struct ppj_fill *f)
{
	struct ppj_buf defs = PPJ_BUF_INIT, paint = PPJ_BUF_INIT;
	int w = slide_px_w(c->deck), h = slide_px_h(c->deck);
	double op;

	render_paint(c, f, w, h, &defs, &paint, &op);
	ppj_buf_printf(c->b, "<svg class=\"bg\" width=\"%d\" "
		       "height=\"%d\"><defs>", w, h);
	ppj_buf_add(c->b, defs.data ? defs.data : "", defs.len);
	ppj_buf_printf(c->b, "</defs><rect width=\"%d\" height=\"%d\" "
		       "fill=\"", w, h);
	ppj_buf_add(c->b, paint.data ? paint.data : "", paint.len);
	ppj_buf_adds(c->b, "\"/></svg>\n");
	ppj_buf_release(&defs);
	ppj_buf_release(&paint);
}

static void page_slide_open(struct rctx *c, const struct ppj_slide *sl)
{
	struct ppj_buf *b = c->b;

	ppj_buf_printf(b, "<div class=\"ppj-slide\" data-slide=\"%d\" "
		       "style=\"width:%dpx;height:%dpx;", sl->number,
		       slide_px_w(c->deck), slide_px_h(c->deck));
	if (sl->background.kind == PPJ_FILL_NONE)
		ppj_buf_adds(b, "background:#fff;");
	else if (!render_recolored(&sl->background))
		render_css_fill(c, &sl->background, b);
	ppj_buf_adds(b, "\">\n");
	if (render_recolored(&sl->background))
		svg_background(c, &sl->background);
}

/* Renders slide i into a fresh page buffer and writes slides/N.html. */
static int render_slide(struct rctx *c, size_t i)
{
	const struct ppj_slide *sl = &c->deck->slides[i];
	struct ppj_buf page;
	char rel[64];
	int rc = 0;

	ppj_buf_init(&page, RENDER_PAGE_CAP);
	c->b = &page;
	c->slide_index = i;
	c->uid = 0;
	c->depth = 0;

	page_head(c, sl);
	page_slide_open(c, sl);
	for (size_t k = 0; k < sl->nshapes && !rc; k++)
		rc = render_shape(c, &sl->shapes[k]);
	ppj_buf_adds(&page, "</div>\n<script src=\"../assets/ppj-slide.js\">"
		     "</script>\n</body></html>\n");

	if (!rc && page.failed)
		rc = ppj__error(c->err, PPJ_ETOOLARGE,
				"slide %d: page over %zu bytes", sl->number,
				(size_t)RENDER_PAGE_CAP);
	if (!rc) {
		snprintf(rel, sizeof(rel), "slides/%d.html", sl->number);
		rc = ppj_sink_write(c->sink, rel, page.data, page.len, c->err);
	}
	ppj_buf_release(&page);
	c->b = NULL;
	return rc;
}

/* ---- manifest ---- */

static void json_warns(struct ppj_buf *b, const struct ppj_warning *dw,
		       size_t ndw, const struct rwarn *rw, size_t nrw)
{
	bool first = true;

	ppj_buf_adds(b, "[");
	for (size_t i = 0; i < ndw; i++) {
		ppj_buf_adds(b, first ? "{\"code\": \"" : ", {\"code\": \"");
		render_json_str(b, dw[i].code);
		ppj_buf_adds(b, "\", \"message\": \"");
		render_json_str(b, dw[i].message);
		ppj_buf_adds(b, "\"}");
		first = false;
	}
	for (size_t i = 0; i < nrw; i++) {
		ppj_buf_adds(b, first ? "{\"code\": \"" : ", {\"code\": \"");
		render_json_str(b, rw[i].code);
		ppj_buf_adds(b, "\", \"message\": \"");
		render_json_str(b, rw[i].message);
		ppj_buf_adds(b, "\"}");
		first = false;
	}
	ppj_buf_adds(b, "]");
}

static void json_slide(struct rctx *c, struct ppj_buf *b, size_t i)
{
	const struct ppj_slide *sl = &c->deck->slides[i];

	ppj_buf_printf(b, "    {\"number\": %d, \"file\": \"slides/%d.html\", "
		       "\"title\": \"", sl->number, sl->number);
	render_json_str(b, sl->title);
	ppj_buf_adds(b, "\", \"notes\": \"");
	render_json_str(b, sl->notes);
	ppj_buf_printf(b, "\", \"hidden\": %s, \"warnings\": ",
		       sl->hidden ? "true" : "false");
	json_warns(b, sl->warnings, sl->nwarnings, c->warns[i], c->nwarns[i]);
	ppj_buf_adds(b, "}");
}

static int render_manifest(struct rctx *c)
{
	const struct ppj_deck *d = c->deck;
	struct ppj_buf b;
	int rc;

	ppj_buf_init(&b, 0);
	ppj_buf_printf(&b, "{\n  \"width\": %d,\n  \"height\": %d,\n"
		       "  \"title\": \"", slide_px_w(d), slide_px_h(d));
	render_json_str(&b, d->title);
	ppj_buf_adds(&b, "\",\n  \"source_format\": \"");
	render_json_str(&b, d->source_format);
	ppj_buf_adds(&b, "\",\n  \"slides\": [\n");
	for (size_t i = 0; i < d->nslides; i++) {
		json_slide(c, &b, i);
		ppj_buf_adds(&b, i + 1 < d->nslides ? ",\n" : "\n");
	}
	ppj_buf_adds(&b, "  ],\n  \"fonts\": ");
	render_fonts_json(c, &b);
	ppj_buf_adds(&b, ",\n  \"warnings\": ");
	json_warns(&b, d->warnings, d->nwarnings, c->deck_warns,
		   c->ndeck_warns);
	ppj_buf_adds(&b, ",\n  \"generator\": \"ppj " PPJ_VERSION "\"\n}\n");

	if (b.failed)
		rc = ppj__error(c->err, PPJ_ENOMEM, "manifest too large");
	else
		rc = ppj_sink_write(c->sink, "manifest.json", b.data, b.len,
				    c->err);
	ppj_buf_release(&b);
	return rc;
}

/* ---- the whole deck ---- */

static int ctx_init(struct rctx *c, const struct ppj_deck *deck,
		    struct ppj_sink *sink, const struct ppj_options *opts,
		    struct ppj_error *err)
{
	size_t n = deck->nslides ? deck->nslides : 1;

	memset(c, 0, sizeof(*c));
	c->deck = deck;
	c->sink = sink;
	c->opts = opts;
	c->err = err;
	c->slide_index = (size_t)-1;
	c->warns = calloc(n, sizeof(*c->warns));
	c->nwarns = calloc(n, sizeof(*c->nwarns));
	c->media = calloc(deck->nmedia ? deck->nmedia : 1,
			  sizeof(*c->media));
	if (!c->warns || !c->nwarns || !c->media)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	return render_cjk_init(c);
}

static void ctx_release(struct rctx *c)
{
	if (c->warns)
		for (size_t i = 0; i < c->deck->nslides; i++)
			warns_free(c->warns[i], c->nwarns[i]);
	free(c->warns);
	free(c->nwarns);
	warns_free(c->deck_warns, c->ndeck_warns);
	if (c->media)
		for (size_t i = 0; i < c->deck->nmedia; i++)
			free(c->media[i].path);
	free(c->media);
	for (size_t i = 0; i < c->nextra; i++)
		free(c->extra[i]);
	free(c->extra);
	for (size_t i = 0; i < c->nfonts; i++) {
		free(c->fonts[i].family);
		hb_set_destroy(c->fonts[i].cps);
	}
	render_cjk_release(c);
}

static int progress(struct rctx *c, size_t done)
{
	const struct ppj_options *o = c->opts;

	if (!o || !o->progress)
		return 0;
	if (o->progress(o->progress_ctx, PPJ_STAGE_RENDERING, (int)done,
			(int)c->deck->nslides))
		return ppj__error(c->err, PPJ_EINTERNAL, "cancelled");
	return 0;
}

int ppj__render_deck(const struct ppj_deck *deck, struct ppj_sink *sink,
		     const struct ppj_options *opts, struct ppj_error *err)
{
	struct rctx c;
	int rc;

	if (!deck || !sink)
		return ppj__error(err, PPJ_EUSAGE, "no deck or no sink");
	if (deck->width <= 0 || deck->height <= 0 ||
	    deck->width > (int64_t)PPJ_EMU_PER_PX * 100000 ||
	    deck->height > (int64_t)PPJ_EMU_PER_PX * 100000)
		return ppj__error(err, PPJ_EDAMAGED, "bad slide size");

	rc = ctx_init(&c, deck, sink, opts, err);
	for (size_t i = 0; !rc && i < deck->nslides; i++) {
		rc = progress(&c, i);
		if (!rc)
			rc = render_slide(&c, i);
	}
	if (!rc)
		rc = progress(&c, deck->nslides);
	c.slide_index = (size_t)-1;
	if (!rc)
		rc = render_fonts_css(&c);
	if (!rc)
		rc = ppj_sink_write(sink, "assets/ppj-slide.js",
				    render_slide_js, strlen(render_slide_js),
				    err);
	if (!rc)
		rc = render_manifest(&c);
	if (!rc)
		rc = render_viewer(&c);
	ctx_release(&c);
	return rc;
}
