/*
 * Unit tests of the renderer: small models built in code are rendered
 * into a directory sink and the output is read back: the files of the
 * tree, the manifest, escaped text, sizes, fonts and determinism.
 */
#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>
#include <png.h>
#include <tiffio.h>

#include "html/render-int.h"
#include "html/render.h"
#include "model/model.h"
#include "pack/sink.h"
#include "unit.h"

#define HOSTILE "</script><img src=x onerror=alert(1)>"

static const unsigned char png1x1[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
	0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
	0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63,
	0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89,
	0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
	0xae, 0x42, 0x60, 0x82,
};

/* ---- building a model ---- */

static struct ppj_text *text_of(struct ppj_deck *d, const char **runs,
				size_t n, bool bullets)
{
	struct ppj_arena *a = &d->arena;
	struct ppj_text *t = ppj_arena_calloc(a, 1, sizeof(*t));

	ppj_text_defaults(t);
	t->nparas = n;
	t->paras = ppj_arena_calloc(a, n, sizeof(*t->paras));
	for (size_t i = 0; i < n; i++) {
		struct ppj_para *p = &t->paras[i];

		ppj_para_defaults(p);
		p->nruns = 1;
		p->runs = ppj_arena_calloc(a, 1, sizeof(*p->runs));
		ppj_run_defaults(&p->runs[0]);
		p->runs[0].text = ppj_arena_strdup(a, runs[i]);
		p->runs[0].font = "Calibri";
		p->runs[0].size = 24;
		if (bullets) {
			p->bullet.kind = PPJ_BULLET_CHAR;
			p->bullet.text = "\xe2\x80\xa2";
			p->margin_left = 342900;
			p->indent = -342900;
		}
	}
	return t;
}

static void shape_box(struct ppj_shape *s, int id, int64_t x, int64_t y,
		      int64_t cx, int64_t cy)
{
	s->id = id;
	s->xf.x = x;
	s->xf.y = y;
	s->xf.cx = cx;
	s->xf.cy = cy;
	s->geom.preset = "rect";
}

static void add_table(struct ppj_deck *d, struct ppj_shape *s)
{
	struct ppj_arena *a = &d->arena;
	struct ppj_table *t = ppj_arena_calloc(a, 1, sizeof(*t));
	const char *words[] = { "cell A1", "cell B1", "cell A2", "cell B2" };

	t->ncols = t->nrows = 2;
	t->col_w = ppj_arena_calloc(a, 2, sizeof(int64_t));
	t->row_h = ppj_arena_calloc(a, 2, sizeof(int64_t));
	t->cells = ppj_arena_calloc(a, 4, sizeof(*t->cells));
	for (int i = 0; i < 2; i++) {
		t->col_w[i] = 952500;
		t->row_h[i] = 381000;
	}
	for (int i = 0; i < 4; i++) {
		t->cells[i].grid_span = t->cells[i].row_span = 1;
		t->cells[i].text = text_of(d, &words[i], 1, false);
		t->cells[i].fill.kind = PPJ_FILL_SOLID;
		t->cells[i].fill.color = ppj_rgb(200, 220, 240);
	}
	s->kind = PPJ_SHAPE_TABLE;
	s->table = t;
}

static void add_chart(struct ppj_deck *d, struct ppj_shape *s)
{
	struct ppj_arena *a = &d->arena;
	struct ppj_chart *ch = ppj_arena_calloc(a, 1, sizeof(*ch));
	struct ppj_series *se;
	static const char *cats[] = { "North", "South", "East" };

	ch->kind = PPJ_CHART_COLUMN;
	ch->title = "Sales by region";
	ch->legend = true;
	ch->legend_pos = 'r';
	ch->gridlines = true;
	ch->nseries = 1;
	ch->series = se = ppj_arena_calloc(a, 1, sizeof(*se));
	se->name = "2024";
	se->npts = 3;
	se->cats = cats;
	se->vals = ppj_arena_calloc(a, 3, sizeof(double));
	se->has_val = ppj_arena_calloc(a, 3, sizeof(bool));
	for (int i = 0; i < 3; i++) {
		se->vals[i] = 10.0 * (i + 1);
		se->has_val[i] = true;
	}
	se->fill.kind = PPJ_FILL_SOLID;
	se->fill.color = ppj_rgb(68, 114, 196);
	s->kind = PPJ_SHAPE_CHART;
	s->chart = ch;
}

static struct ppj_media *add_png(struct ppj_deck *d)
{
	struct ppj_media *m = ppj_arena_calloc(&d->arena, 1, sizeof(*m));

	m->id = 1;
	m->name = "image1.png";
	m->content_type = "image/png";
	m->data = png1x1;
	m->len = sizeof(png1x1);
	m->px_w = m->px_h = 1;
	d->nmedia = 1;
	d->media = ppj_arena_calloc(&d->arena, 1, sizeof(*d->media));
	d->media[0] = m;
	return m;
}

static void slide1_shapes(struct ppj_deck *d, struct ppj_slide *sl)
{
	static const char *title[] = { "A & B <i>" HOSTILE };
	static const char *items[] = { "first point", "second point" };
	struct ppj_arena *a = &d->arena;
	struct ppj_shape *s;

	sl->nshapes = 6;
	sl->shapes = s = ppj_arena_calloc(a, 6, sizeof(*s));

	shape_box(&s[0], 2, 457200, 274638, 8229600, 1143000);
	s[0].text = text_of(d, title, 1, false);
	s[0].text->paras[0].runs[0].link.url = "javascript:alert(1)";

	shape_box(&s[1], 3, 457200, 1600200, 4000000, 2000000);
	s[1].text = text_of(d, items, 2, true);

	shape_box(&s[2], 4, 5000000, 1600200, 1000000, 1000000);
	s[2].xf.rot = 30;
	s[2].fill.kind = PPJ_FILL_SOLID;
	s[2].fill.color = ppj_rgb(255, 0, 0);
	s[2].line.fill.kind = PPJ_FILL_SOLID;
	s[2].line.width = 12700;
	s[2].line.dash = "dash";

	shape_box(&s[3], 5, 6000000, 3000000, 2000000, 1000000);
	s[3].kind = PPJ_SHAPE_GROUP;
	s[3].nchildren = 1;
	s[3].children = ppj_arena_calloc(a, 1, sizeof(struct ppj_shape));
	shape_box(&s[3].children[0], 6, 100000, 100000, 500000, 500000);
	s[3].children[0].fill.kind = PPJ_FILL_SOLID;
	s[3].children[0].fill.color = ppj_rgb(0, 128, 0);

	shape_box(&s[4], 7, 457200, 4000000, 1905000, 762000);
	add_table(d, &s[4]);

	shape_box(&s[5], 8, 3000000, 4000000, 3000000, 2000000);
	add_chart(d, &s[5]);
}

static struct ppj_shape *slide2_picture(struct ppj_deck *d,
					struct ppj_slide *sl)
{
	struct ppj_shape *s = ppj_arena_calloc(&d->arena, 1, sizeof(*s));

	shape_box(s, 2, 952500, 952500, 1905000, 952500);
	s->kind = PPJ_SHAPE_PICTURE;
	s->descr = "a tiny " HOSTILE;
	s->picture.kind = PPJ_FILL_PICTURE;
	s->picture.media = add_png(d);
	s->picture.crop.l = 0.25;
	sl->nshapes = 1;
	sl->shapes = s;
	return s;
}

/* Slide 1: text, bullets, rotation, group, table, chart; 2: hidden. */
static struct ppj_deck *sample_deck(void)
{
	struct ppj_deck *d = ppj_deck_new(0);
	struct ppj_slide *sl;

	d->width = 9144000;
	d->height = 6858000;
	d->source_format = "pptx";
	d->title = "Deck " HOSTILE;
	d->nslides = 2;
	d->slides = sl = ppj_arena_calloc(&d->arena, 2, sizeof(*sl));
	for (int i = 0; i < 2; i++) {
		sl[i].number = i + 1;
		sl[i].background.kind = PPJ_FILL_SOLID;
		sl[i].background.color = ppj_rgb(255, 255, 255);
	}
	sl[0].title = "Title " HOSTILE;
	sl[0].notes = "Say this.\n" HOSTILE;
	slide1_shapes(d, &sl[0]);
	sl[1].hidden = true;
	sl[1].title = "Hidden one";
	slide2_picture(d, &sl[1]);
	return d;
}

/* ---- reading the output ---- */

static int render_to(struct ppj_deck *d, const char *dir,
		     const struct ppj_options *opts)
{
	struct ppj_sink *s;
	struct ppj_error err = { 0 };
	int rc;

	if (ppj_sink_open_dir(&s, dir, &err))
		return -100;
	rc = ppj__render_deck(d, s, opts, &err);
	if (rc) {
		fprintf(stderr, "render: %s\n", err.msg);
		ppj_sink_abort(s);
		return rc;
	}
	return ppj_sink_finish(s, &err);
}

static struct ppj_options no_fonts(void)
{
	struct ppj_options o;

	memset(&o, 0, sizeof(o));
	o.embed_fonts = 0;
	return o;
}

/* ---- tests ---- */

TEST(tree_has_every_file)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("o");
	static const char *files[] = { "index.html", "manifest.json",
		"slides/1.html", "slides/2.html", "assets/ppj.css",
		"assets/ppj-slide.js", "assets/media/1.png" };

	REQUIRE(render_to(d, dir, &o) == 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *s = unit_read(dir, files[i], NULL);

		if (!s)
			fprintf(stderr, "missing %s\n", files[i]);
		CHECK(s != NULL);
		free(s);
	}
	ppj_deck_free(d);
}

TEST(manifest_fields)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("o");
	char *m;

	REQUIRE(render_to(d, dir, &o) == 0);
	m = unit_read(dir, "manifest.json", NULL);
	REQUIRE(m);
	CHECK(strstr(m, "\"width\": 960,"));
	CHECK(strstr(m, "\"height\": 720,"));
	CHECK(strstr(m, "\"number\": 1, \"file\": \"slides/1.html\""));
	CHECK(strstr(m, "\"number\": 2, \"file\": \"slides/2.html\""));
	CHECK(strstr(m, "\"hidden\": true"));
	CHECK(strstr(m, "\"notes\": \"Say this.\\n\\u003c/script\\u003e"));
	CHECK(strstr(m, "\"code\": \"chart\"") || strstr(m, "\"fonts\""));
	CHECK(strstr(m, "\"generator\": \"ppj " PPJ_VERSION "\""));
	CHECK(!strstr(m, "<"));
	free(m);
	ppj_deck_free(d);
}

TEST(text_is_real_and_escaped)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("o");
	char *p;

	REQUIRE(render_to(d, dir, &o) == 0);
	p = unit_read(dir, "slides/1.html", NULL);
	REQUIRE(p);
	CHECK(strstr(p, ">A &amp; B &lt;i&gt;&lt;/script&gt;&lt;img src=x "
		     "onerror=alert(1)&gt;</span>"));
	CHECK(strstr(p, "first point"));
	CHECK(strstr(p, "class=\"bu\""));
	CHECK(strstr(p, "cell B2"));
	CHECK(!strstr(p, "javascript:"));
	CHECK(!strstr(p, "<img src=x"));
	CHECK(strstr(p, "<title>Title &lt;/script&gt;"));
	CHECK(strstr(p, "font-size:32px"));
	CHECK(strstr(p, "'Calibri','Carlito',sans-serif"));
	free(p);
	ppj_deck_free(d);
}

TEST(viewer_escapes_its_json)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("o");
	char *v, *data;

	REQUIRE(render_to(d, dir, &o) == 0);
	v = unit_read(dir, "index.html", NULL);
	REQUIRE(v);
	data = strstr(v, "id=\"ppj-data\">");
	REQUIRE(data);
	/* The data ends at the first </script>: nothing hostile before. */
	CHECK(!strstr(v, "<img src=x"));
	CHECK(strstr(data, "\\u003c/script\\u003e\\u003cimg"));
	CHECK(strstr(data, "\"hidden\": true"));
	CHECK(strstr(v, "<title>Deck &lt;/script&gt;"));
	CHECK(!strstr(v, "http://") && !strstr(v, "https://"));
	free(v);
	ppj_deck_free(d);
}

TEST(slide_geometry)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("o");
	char *p, *q;

	REQUIRE(render_to(d, dir, &o) == 0);
	p = unit_read(dir, "slides/1.html", NULL);
	REQUIRE(p);
	CHECK(strstr(p, "<!doctype html>"));
	CHECK(strstr(p, "href=\"../assets/ppj.css\""));
	CHECK(strstr(p, "width:960px;height:720px"));
	CHECK(strstr(p, "transform:rotate(30deg)"));
	CHECK(strstr(p, "fill=\"#ff0000\""));
	CHECK(strstr(p, "stroke-dasharray=\"5.33 4\""));
	/* The group's child sits inside the group's box. */
	q = strstr(p, "data-id=\"5\"");
	CHECK(q && strstr(q, "data-id=\"6\" style=\"left:10.5px;top:10.5px"));
	CHECK(strstr(p, "<table"));
	free(p);

	p = unit_read(dir, "slides/2.html", NULL);
	REQUIRE(p);
	CHECK(strstr(p, "src=\"../assets/media/1.png\""));
	CHECK(strstr(p, "alt=\"a tiny &lt;/script&gt;"));
	/* 25% cropped on the left: the image is 4/3 wider, shifted. */
	CHECK(strstr(p, "left:-66.67px;top:0px;width:266.67px;height:100px"));
	free(p);
	ppj_deck_free(d);
}

static bool same_file(const char *a, const char *b, const char *rel)
{
	size_t la = 0, lb = 0;
	char *x = unit_read(a, rel, &la), *y = unit_read(b, rel, &lb);
	bool same = x && y && la == lb && memcmp(x, y, la) == 0;

	free(x);
	free(y);
	return same;
}

TEST(same_deck_same_bytes)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_options o = no_fonts();
	const char *a = unit_out_dir("a"), *b = unit_out_dir("b");
	static const char *files[] = { "index.html", "manifest.json",
		"slides/1.html", "slides/2.html", "assets/ppj.css" };

	REQUIRE(render_to(d, a, &o) == 0);
	REQUIRE(render_to(d, b, &o) == 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		CHECK(same_file(a, b, files[i]));
	ppj_deck_free(d);
}

static int cancel_at_1(void *ctx, int stage, int done, int total)
{
	int *calls = ctx;

	(*calls)++;
	if (stage != PPJ_STAGE_RENDERING || total != 2)
		return 1;
	return done >= 1;
}

TEST(progress_can_cancel)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_options o = no_fonts();
	int calls = 0;

	o.progress = cancel_at_1;
	o.progress_ctx = &calls;
	CHECK(render_to(d, unit_out_dir("o"), &o) < 0);
	CHECK_INT(calls, 2);
	ppj_deck_free(d);
}

TEST(fonts_are_embedded_under_both_names)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_options o;
	const char *fonts = unit_out_dir("fonts"), *dir = unit_out_dir("o");
	char path[800], *css, *m;
	FILE *f;

	mkdir(fonts, 0700);
	snprintf(path, sizeof(path), "%s/Carlito-Regular.ttf", fonts);
	f = fopen(path, "wb");
	REQUIRE(f);
	fputs("not really a font", f);
	fclose(f);

	memset(&o, 0, sizeof(o));
	o.embed_fonts = 1;
	o.font_dir = fonts;
	REQUIRE(render_to(d, dir, &o) == 0);
	css = unit_read(dir, "assets/ppj.css", NULL);
	m = unit_read(dir, "manifest.json", NULL);
	REQUIRE(css && m);
	CHECK(strstr(css, "font-family:'Calibri';src:url(\"fonts/Carlito-"
		      "Regular.ttf\")"));
	CHECK(strstr(css, "font-family:'Carlito';src:url(\"fonts/Carlito-"
		      "Regular.ttf\")"));
	CHECK(!strstr(css, "Carlito-Bold.ttf"));
	CHECK(strstr(m, "{\"family\": \"Calibri\", \"file\": \"assets/fonts/"
		     "Carlito-Regular.ttf\", \"substitute\": \"Carlito\"}"));
	free(css);
	free(m);
	css = unit_read(dir, "assets/fonts/Carlito-Regular.ttf", NULL);
	CHECK(css && strcmp(css, "not really a font") == 0);
	free(css);
	ppj_deck_free(d);
}

TEST(hostile_sizes_do_not_break)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_options o = no_fonts();
	struct ppj_shape *s = &d->slides[0].shapes[2];

	s->xf.cx = -5;
	s->xf.rot = 1e300;
	s->line.width = INT64_MAX / 2;
	d->slides[0].shapes[1].text->paras[0].runs[0].size = 1e9;
	d->slides[0].shapes[4].table->ncols = 0;
	CHECK(render_to(d, unit_out_dir("o"), &o) == 0);
	d->width = 0;
	CHECK(render_to(d, unit_out_dir("p"), &o) < 0);
	ppj_deck_free(d);
}

/* ---- chart kinds ---- */

/* A one-slide deck whose only shape is a chart of kind, series empty. */
static struct ppj_deck *chart_deck(enum ppj_chart_kind kind, size_t ns,
				   size_t npts)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_slide *sl = &d->slides[0];
	struct ppj_shape *s = &sl->shapes[5];
	struct ppj_chart *ch;

	sl->shapes = s;
	sl->nshapes = 1;
	d->nslides = 1;
	ch = s->chart;
	ch->kind = kind;
	ch->title = NULL;
	ch->legend = false;
	ch->gridlines = false;
	ch->cat_labels = ch->val_labels = true;
	ch->nseries = ns;
	ch->series = ppj_arena_calloc(&d->arena, ns, sizeof(*ch->series));
	for (size_t i = 0; i < ns; i++) {
		struct ppj_series *se = &ch->series[i];

		se->npts = npts;
		se->vals = ppj_arena_calloc(&d->arena, npts, sizeof(double));
		se->xvals = ppj_arena_calloc(&d->arena, npts, sizeof(double));
		for (size_t k = 0; k < npts; k++) {
			se->vals[k] = (double)((k * 7 + i * 3) % 5 + 1);
			se->xvals[k] = (double)k * 1.5 + 1;
		}
	}
	return d;
}

/* The slide's markup, rendered; the caller frees it. */
static char *chart_html(struct ppj_deck *d, const char *name)
{
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir(name);

	if (render_to(d, dir, &o))
		return NULL;
	return unit_read(dir, "slides/1.html", NULL);
}

/* The d attribute of the n-th series path (stroked or filled), or NULL. */
static char *series_path(const char *h, const char *kind, int n)
{
	static char buf[4096];
	const char *p = h, *e;

	for (int i = 0; p && i <= n; i++) {
		p = strstr(p, kind);
		if (p && i < n)
			p++;
	}
	if (!p || !(p = strstr(p, " d=\"")))
		return NULL;
	p += 4;
	e = strchr(p, '"');
	if (!e || (size_t)(e - p) >= sizeof(buf))
		return NULL;
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = 0;
	return buf;
}

static int count_of(const char *s, char c)
{
	int n = 0;

	for (; s && *s; s++)
		n += *s == c;
	return n;
}

#define LINE_PATH "<path fill=\"none\" stroke-linejoin=\"round\""

TEST(radar_polygon_per_category)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_RADAR, 2, 7);
	char *h = chart_html(d, "radar");
	const char *path;

	REQUIRE(h);
	CHECK(!strstr(h, "kind not drawn"));
	path = series_path(h, LINE_PATH, 1);
	REQUIRE(path);
	CHECK_INT(count_of(path, 'M'), 1);
	CHECK_INT(count_of(path, 'L'), 6);
	CHECK_INT(count_of(path, 'Z'), 1);
	CHECK(strstr(h, ">1</text>"));	/* a category label */
	free(h);

	d->slides[0].shapes[0].chart->filled = true;
	h = chart_html(d, "radar2");
	REQUIRE(h);
	CHECK(!strstr(h, LINE_PATH));
	path = series_path(h, "<path stroke=\"none\" fill=", 0);
	REQUIRE(path);
	CHECK_INT(count_of(path, 'L'), 6);
	free(h);
	ppj_deck_free(d);
}

/* The n-th "x y" pair of a path, the move counted as 0. */
static bool path_point(const char *path, int n, double *x, double *y)
{
	const char *p = path;

	for (int i = 0; p && i <= n; i++) {
		p = strpbrk(p, "ML");
		if (p && i < n)
			p++;
	}
	return p && sscanf(p + 1, "%lf %lf", x, y) == 2;
}

/*
 * A stacked area is a band: the second series' outline goes out along
 * its own top and comes back along the first series' top, not along
 * the axis (which would paint over the first series).
 */
TEST(stacked_area_is_a_band)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_AREA, 2, 4);
	const char *fill = "<path stroke=\"none\" fill=";
	double x1, y1, x2, y2, xb, yb;
	char first[4096];
	const char *path;
	char *h;

	d->slides[0].shapes[0].chart->grouping = PPJ_GROUP_STACKED;
	h = chart_html(d, "area");
	REQUIRE(h);
	path = series_path(h, fill, 0);
	REQUIRE(path);
	snprintf(first, sizeof(first), "%s", path);
	path = series_path(h, fill, 1);
	REQUIRE(path);
	CHECK_INT(count_of(path, 'L'), 3 + 4);
	CHECK_INT(count_of(path, 'Z'), 1);

	/* Point 4 of the band is the first series' last point, 7 its first. */
	REQUIRE(path_point(first, 3, &x1, &y1));
	REQUIRE(path_point(path, 4, &xb, &yb));
	CHECK(fabs(xb - x1) < 0.01 && fabs(yb - y1) < 0.01);
	REQUIRE(path_point(first, 0, &x2, &y2));
	REQUIRE(path_point(path, 7, &xb, &yb));
	CHECK(fabs(xb - x2) < 0.01 && fabs(yb - y2) < 0.01);
	free(h);
	ppj_deck_free(d);
}

/* The n-th <rect> of h: its x, y, width and height in r. */
static bool nth_rect(const char *h, int n, double *r)
{
	const char *p = h;

	for (int i = 0; p; p++) {
		p = strstr(p, "<rect x=\"");
		if (!p || sscanf(p, "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\" "
				 "height=\"%lf\"", &r[0], &r[1], &r[2],
				 &r[3]) != 4)
			return false;
		if (i++ == n)
			return true;
	}
	return false;
}

/*
 * A line plot listed before a column plot: the columns are painted first,
 * the line on top, through the middle of each group at the columns' own
 * scale, in the colour of its place in the chart.
 */
TEST(combination_of_columns_and_a_line)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_LINE, 3, 4);
	struct ppj_chart *ch = d->slides[0].shapes[0].chart;
	const char *line = "<path fill=\"none\" stroke-linejoin=\"round\"";
	double r[4], r2[4], x, y;
	const char *path;
	char *h;

	ch->plots = ppj_arena_calloc(&d->arena, 2, sizeof(*ch->plots));
	ch->nplots = 2;
	ch->plots[0] = (struct ppj_plot){ PPJ_CHART_LINE,
		PPJ_GROUP_STANDARD, 0, 1, 150, 0, false };
	ch->plots[1] = (struct ppj_plot){ PPJ_CHART_COLUMN,
		PPJ_GROUP_CLUSTERED, 1, 2, 150, 0, false };
	for (size_t k = 0; k < 4; k++)
		ch->series[0].vals[k] = ch->series[1].vals[k];
	h = chart_html(d, "combo");
	REQUIRE(h);
	path = series_path(h, line, 0);
	REQUIRE(path);
	CHECK_INT(count_of(path, 'L'), 3);
	CHECK(strstr(h, line) > strstr(h, "<rect x="));
	for (int k = 0; k < 4; k++) {
		REQUIRE(nth_rect(h, 2 * k, r));
		REQUIRE(nth_rect(h, 2 * k + 1, r2));
		REQUIRE(path_point(path, k, &x, &y));
		CHECK(fabs(x - (r[0] + r2[0] + r2[2]) / 2) < 0.02);
		CHECK(fabs(y - r[1]) < 0.02);
	}
	CHECK(!nth_rect(h, 8, r));
	CHECK(strstr(h, "stroke=\"#4472c4\""));	/* palette 0 */
	CHECK(strstr(h, "fill=\"#ed7d31\"") && strstr(h, "fill=\"#a5a5a5\""));
	free(h);
	ppj_deck_free(d);
}

/* The x, y and anchor of the <text> showing exactly t, or false. */
static bool svg_text_at(const char *h, const char *t, double *x, double *y,
		    char *anchor)
{
	char want[128];
	const char *e, *p;

	snprintf(want, sizeof(want), ">%s</text>", t);
	e = strstr(h, want);
	if (!e)
		return false;
	for (p = e; p > h && strncmp(p, "<text ", 6); p--)
		;
	return sscanf(p, "<text x=\"%lf\" y=\"%lf\" text-anchor=\"%15[a-z]\"",
		      x, y, anchor) == 3;
}

/*
 * A line on the secondary axis: its own scale (0 to 4,500 in its number
 * format) labelled right of the plot, the columns keeping theirs.
 */
TEST(secondary_value_axis)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_COLUMN, 2, 4);
	struct ppj_chart *ch = d->slides[0].shapes[0].chart;
	const char *line = "<path fill=\"none\" stroke-linejoin=\"round\"";
	double x, y, x2, y2, px, py, r[4];
	char anchor[16];
	const char *path;
	char *h;

	ch->plots = ppj_arena_calloc(&d->arena, 2, sizeof(*ch->plots));
	ch->nplots = 2;
	ch->plots[0] = (struct ppj_plot){ PPJ_CHART_COLUMN,
		PPJ_GROUP_CLUSTERED, 0, 1, 150, 0, false };
	ch->plots[1] = (struct ppj_plot){ PPJ_CHART_LINE,
		PPJ_GROUP_STANDARD, 1, 1, 150, 0, true };
	ch->val2_labels = true;
	ch->val2_ax.fmt = "#,##0";
	for (size_t k = 0; k < 4; k++) {
		ch->series[0].vals[k] = 4;
		ch->series[1].vals[k] = 1000.0 * (k + 1);
	}
	h = chart_html(d, "sec");
	REQUIRE(h);
	REQUIRE(svg_text_at(h, "4,000", &x, &y, anchor));
	CHECK_STR(anchor, "start");
	REQUIRE(svg_text_at(h, "4,500", &x2, &y2, anchor));
	CHECK(fabs(x2 - x) < 0.01 && y2 < y);
	CHECK(!strstr(h, ">5,000<") && !strstr(h, ">4000<"));
	path = series_path(h, line, 0);
	REQUIRE(path && path_point(path, 3, &px, &py));
	CHECK(x > px);
	CHECK(fabs(py - (y - 13.333 / 3)) < 0.05);	/* 4,000 at its label */

	/* The columns' own scale at the left: a 4 up to "4". */
	REQUIRE(svg_text_at(h, "4", &x2, &y2, anchor));
	CHECK_STR(anchor, "end");
	CHECK(x2 < px);
	REQUIRE(nth_rect(h, 0, r));
	CHECK(fabs(r[1] - (y2 - 13.333 / 3)) < 0.05);
	free(h);
	ppj_deck_free(d);
}

/*
 * Horizontal bars on a second value axis: its labels above the plot,
 * the first axis' below, each plot on its own scale.
 */
TEST(secondary_axis_of_horizontal_bars)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_BAR, 2, 2);
	struct ppj_chart *ch = d->slides[0].shapes[0].chart;
	double x, y, x2, y2;
	char anchor[16];
	char *h;

	ch->plots = ppj_arena_calloc(&d->arena, 2, sizeof(*ch->plots));
	ch->nplots = 2;
	ch->plots[0] = (struct ppj_plot){ PPJ_CHART_BAR,
		PPJ_GROUP_CLUSTERED, 0, 1, 150, 0, false };
	ch->plots[1] = (struct ppj_plot){ PPJ_CHART_BAR,
		PPJ_GROUP_CLUSTERED, 1, 1, 150, 0, true };
	ch->val2_labels = true;
	for (size_t k = 0; k < 2; k++) {
		ch->series[0].vals[k] = 4;
		ch->series[1].vals[k] = 3000;
	}
	h = chart_html(d, "bar2");
	REQUIRE(h);
	REQUIRE(svg_text_at(h, "3000", &x, &y, anchor));
	CHECK_STR(anchor, "middle");
	REQUIRE(svg_text_at(h, "4", &x2, &y2, anchor));
	CHECK(y < y2 - 50);			/* above, the first below */
	CHECK(y > 0);
	free(h);
	ppj_deck_free(d);
}

/*
 * A date axis: points placed by date (30 days apart is 30 times as far
 * as 1 day), labels in the axis' date format every 7 days, as many as fit.
 */
TEST(date_axis_spaces_points_by_date)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_LINE, 1, 3);
	struct ppj_chart *ch = d->slides[0].shapes[0].chart;
	const char *line = "<path fill=\"none\" stroke-linejoin=\"round\"";
	double x0, x1, x2, y, lx, ly, lx2;
	char anchor[16];
	const char *path;
	char *h;

	ch->date_base = 'd';
	ch->cat_ax.fmt = "d-mmm";
	ch->series[0].xvals[0] = 40000;		/* 2009-07-06 */
	ch->series[0].xvals[1] = 40001;
	ch->series[0].xvals[2] = 40031;
	h = chart_html(d, "dates");
	REQUIRE(h);
	path = series_path(h, line, 0);
	REQUIRE(path);
	REQUIRE(path_point(path, 0, &x0, &y) && path_point(path, 1, &x1, &y) &&
		path_point(path, 2, &x2, &y));
	CHECK(x1 > x0);
	CHECK(fabs((x2 - x1) / (x1 - x0) - 30) < 0.05);	/* 2-place px */
	REQUIRE(svg_text_at(h, "6-Jul", &lx, &ly, anchor));
	CHECK(fabs(lx - x0) < 0.02);
	REQUIRE(svg_text_at(h, "13-Jul", &lx2, &ly, anchor));
	CHECK(fabs((lx2 - lx) / (x1 - x0) - 7) < 0.02);
	CHECK(svg_text_at(h, "3-Aug", &lx2, &ly, anchor));
	CHECK(!strstr(h, ">7-Jul<") && !strstr(h, ">10-Aug<"));

	/* Months: a label a month, each at its month's slot. */
	ch->date_base = ch->date_unit = 'm';
	ch->cat_ax.fmt = "mmm-yy";
	ch->series[0].xvals[1] = 40031;		/* 2009-08-06 */
	ch->series[0].xvals[2] = 40123;		/* 2009-11-06 */
	free(h);
	h = chart_html(d, "months");
	REQUIRE(h);
	path = series_path(h, line, 0);
	REQUIRE(path && path_point(path, 0, &x0, &y) &&
		path_point(path, 1, &x1, &y) && path_point(path, 2, &x2, &y));
	CHECK(fabs((x2 - x1) / (x1 - x0) - 3) < 0.01);
	CHECK(svg_text_at(h, "Jul-09", &lx, &ly, anchor));
	CHECK(svg_text_at(h, "Oct-09", &lx, &ly, anchor));
	CHECK(fabs(lx - (x0 + 3 * (x1 - x0))) < 0.05);
	free(h);
	ppj_deck_free(d);
}

/* The d of the category axis line: its start and end. */
static bool axis_line(const char *h, double *x0, double *y0, double *x1)
{
	const char *p = strstr(h, "<path stroke=\"#bfbfbf\" d=\"M");

	return p && sscanf(p, "<path stroke=\"#bfbfbf\" d=\"M%lf %lfH%lf",
			   x0, y0, x1) == 3;
}

/*
 * Axis titles: the value axis' turned at the left of its labels, the
 * category axis' under its labels, the plot shrunk to make room.
 */
TEST(axis_titles_are_text)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_COLUMN, 1, 3);
	struct ppj_chart *ch = d->slides[0].shapes[0].chart;
	double x0, y0, x1, tx0, ty0, tx1, x, y, lx, ly;
	char anchor[16];
	const char *t;
	char *h;

	h = chart_html(d, "notitles");
	REQUIRE(h && axis_line(h, &x0, &y0, &x1));
	free(h);
	ch->val_ax.title = "Sales";
	ch->val_ax.title_pt = 12;
	ch->cat_ax.title = "Year";
	h = chart_html(d, "titles");
	REQUIRE(h && axis_line(h, &tx0, &ty0, &tx1));
	CHECK(fabs(tx0 - (x0 + 16 * 1.5)) < 0.02);	/* 12 pt: 16 px */
	CHECK(fabs(ty0 - (y0 - 13.333 * 1.5)) < 0.02);
	CHECK(fabs(tx1 - x1) < 0.02);

	t = strstr(h, ">Sales</text>");
	REQUIRE(t);
	while (t > h && strncmp(t, "<text ", 6))
		t--;
	REQUIRE(sscanf(t, "<text x=\"%lf\" y=\"%lf\"", &x, &y) == 2);
	CHECK(strstr(t, "transform=\"rotate(-90 ") &&
	      strstr(t, "transform=\"rotate(-90 ") < strstr(t, "Sales"));
	CHECK(strstr(t, "font-size=\"16\"") &&
	      strstr(t, "font-size=\"16\"") < strstr(t, "Sales"));
	REQUIRE(svg_text_at(h, "0", &lx, &ly, anchor));	/* a value label */
	CHECK(x < lx - 20 && x > 0);
	CHECK(fabs(y - (8 + ty0) / 2) < 0.02);	/* the plot's middle */

	REQUIRE(svg_text_at(h, "Year", &x, &y, anchor));
	CHECK_STR(anchor, "middle");
	CHECK(fabs(x - (tx0 + tx1) / 2) < 0.02);
	REQUIRE(svg_text_at(h, "1", &lx, &ly, anchor));	/* a category */
	CHECK(y > ly + 10);
	CHECK(y < 209.97);			/* inside the frame */
	free(h);
	ppj_deck_free(d);
}

/*
 * A side title that reads level (rot 0) is wrapped into level lines
 * beside the plot, which gives it their width; bold titles are bold.
 */
TEST(level_axis_title_wraps)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_COLUMN, 1, 3);
	struct ppj_chart *ch = d->slides[0].shapes[0].chart;
	double x0, y0, x1, lx0, x, y, x2, y2;
	char anchor[16];
	char *h;

	ch->val_ax.title = "Height of the bubbles in cm";
	ch->val_ax.title_pt = 12;
	h = chart_html(d, "turned");
	REQUIRE(h && axis_line(h, &x0, &y0, &x1));
	free(h);

	ch->val_ax.title_level = true;
	ch->val_ax.title_bold = true;
	h = chart_html(d, "level");
	REQUIRE(h && axis_line(h, &lx0, &y0, &x1));
	CHECK(!strstr(h, "rotate(-90"));
	CHECK(strstr(h, "<g font-weight=\"bold\"><text "));
	REQUIRE(svg_text_at(h, "Height", &x, &y, anchor));
	REQUIRE(svg_text_at(h, "of the", &x2, &y2, anchor));
	CHECK(fabs(x - x2) < 0.01 && fabs(y2 - y - 16 * 1.2) < 0.01);
	CHECK(lx0 > x0);	/* wider than a turned line */
	CHECK(x < lx0);
	free(h);
	ppj_deck_free(d);
}

/* The radius of the n-th circle. */
static double circle_r(const char *h, int n)
{
	const char *p = h;

	for (int i = 0; p && i <= n; i++) {
		p = strstr(p, "<circle ");
		if (p && i < n)
			p++;
	}
	p = p ? strstr(p, " r=\"") : NULL;
	return p ? atof(p + 4) : -1;
}

TEST(bubble_area_follows_size)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_BUBBLE, 1, 3);
	struct ppj_series *se = &d->slides[0].shapes[0].chart->series[0];
	char *h;
	double r0, r1, r2;

	se->sizes = ppj_arena_calloc(&d->arena, 3, sizeof(double));
	se->sizes[0] = 1;
	se->sizes[1] = 4;
	se->sizes[2] = 16;
	h = chart_html(d, "bubble");
	REQUIRE(h);
	r0 = circle_r(h, 0);
	r1 = circle_r(h, 1);
	r2 = circle_r(h, 2);
	REQUIRE(r0 > 0 && r1 > 0 && r2 > 0);
	CHECK(fabs(r1 / r0 - 2) < 0.02);
	CHECK(fabs(r2 / r0 - 4) < 0.02);
	CHECK(circle_r(h, 3) < 0);
	/* a quarter of the plot's height, in a box 210 px high */
	CHECK(r2 * 2 < 210 * 0.25 && r2 * 2 > 210 * 0.15);
	free(h);
	ppj_deck_free(d);
}

TEST(scatter_lines_curves_and_markers)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_SCATTER, 1, 4);
	struct ppj_series *se = &d->slides[0].shapes[0].chart->series[0];
	const char *path;
	char *h;

	se->smooth = true;
	h = chart_html(d, "scatter");
	REQUIRE(h);
	path = series_path(h, LINE_PATH, 0);
	REQUIRE(path);
	CHECK_INT(count_of(path, 'C'), 3);
	CHECK(!strstr(h, "fill=\"#4472C4\" d=\"M"));	/* no marker */
	CHECK(strstr(h, ">1.5</text>") || strstr(h, ">2</text>"));
	free(h);

	se->smooth = false;
	se->no_line = true;
	se->marker = true;
	h = chart_html(d, "scatter2");
	REQUIRE(h);
	CHECK(!strstr(h, LINE_PATH));
	CHECK(strstr(h, "l4.5 4.5l-4.5 4.5"));	/* a diamond */
	free(h);
	ppj_deck_free(d);
}

/* ---- raster pictures converted to PNG ---- */

/* A one-slide deck whose only shape shows a picture of these bytes. */
static struct ppj_deck *picture_deck(const void *data, size_t len,
				     const char *type, const char *name)
{
	struct ppj_deck *d = ppj_deck_new(0);
	struct ppj_slide *sl;
	struct ppj_shape *s;

	d->width = 9144000;
	d->height = 6858000;
	d->source_format = "pptx";
	d->nslides = 1;
	d->slides = sl = ppj_arena_calloc(&d->arena, 1, sizeof(*sl));
	sl->number = 1;
	slide2_picture(d, sl);
	s = &sl->shapes[0];
	s->picture.crop.l = 0;
	s->picture.media->name = name;
	s->picture.media->content_type = type;
	s->picture.media->data = data;
	s->picture.media->len = len;
	return d;
}

/* A 3 x 2 RGB TIFF written by libtiff (LZW), read back into memory. */
static unsigned char *rgb_tiff(size_t *len)
{
	const char *dir = unit_tmpdir();
	char path[800];
	unsigned char row[9];
	TIFF *t;

	snprintf(path, sizeof(path), "%s/rgb.tif", dir);
	t = TIFFOpen(path, "w");
	if (!t)
		return NULL;
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, 3);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, 2);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 3);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
	TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 2);
	for (uint32_t y = 0; y < 2; y++) {
		for (int i = 0; i < 9; i++)
			row[i] = (unsigned char)(40 * y + 20 * i);
		TIFFWriteScanline(t, row, y, 0);
	}
	TIFFClose(t);
	return (unsigned char *)unit_read(dir, "rgb.tif", len);
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

/*
 * A grey TIFF laid out by hand, the directory before the pixels, with
 * have bytes of its w x h pixels present: lets a size be absurd and the
 * pixels be cut short. *len gets the whole length; malloc'd.
 */
static unsigned char *grey_tiff(uint32_t w, uint32_t h, size_t have,
				size_t *len)
{
	static const unsigned short tags[9][2] = {
		{ 256, 4 }, { 257, 4 }, { 258, 3 }, { 259, 3 }, { 262, 3 },
		{ 273, 4 }, { 277, 3 }, { 278, 4 }, { 279, 4 } };
	uint32_t vals[9] = { w, h, 8, 1, 1, 122, 1, h, w * h };
	unsigned char *t = calloc(1, 122 + have);

	memcpy(t, "II*\0", 4);
	put32(t + 4, 8);
	put16(t + 8, 9);
	for (int i = 0; i < 9; i++) {
		unsigned char *e = t + 10 + 12 * i;

		put16(e, tags[i][0]);
		put16(e + 2, tags[i][1]);
		put32(e + 4, 1);
		if (tags[i][1] == 3)
			put16(e + 8, vals[i]);
		else
			put32(e + 8, vals[i]);
	}
	memset(t + 122, 0x80, have);
	*len = 122 + have;
	return t;
}

/* A 3 x 2 24-bit BMP, bottom row first, rows padded to 4 bytes. */
static unsigned char *rgb_bmp(size_t *len)
{
	unsigned char *b = calloc(1, 54 + 24);

	memcpy(b, "BM", 2);
	put32(b + 2, 54 + 24);
	put32(b + 10, 54);
	put32(b + 14, 40);
	put32(b + 18, 3);
	put32(b + 22, 2);
	put16(b + 26, 1);
	put16(b + 28, 24);
	put32(b + 34, 24);
	for (int i = 0; i < 24; i++)
		b[54 + i] = (unsigned char)(10 * i);
	*len = 54 + 24;
	return b;
}

static uint32_t get32be(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Renders the picture to dir; checks 1.png is a w x h PNG it shows. */
static void check_png_of(struct ppj_deck *d, const char *dir, uint32_t w,
			 uint32_t h)
{
	struct ppj_options o = no_fonts();
	size_t n = 0;
	unsigned char *png;
	char *page, *m;

	REQUIRE(render_to(d, dir, &o) == 0);
	png = (unsigned char *)unit_read(dir, "assets/media/1.png", &n);
	page = unit_read(dir, "slides/1.html", NULL);
	m = unit_read(dir, "manifest.json", NULL);
	REQUIRE(png && page && m);
	REQUIRE(n > 33);
	CHECK(memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
	CHECK(memcmp(png + 12, "IHDR", 4) == 0);
	CHECK_INT(get32be(png + 16), w);
	CHECK_INT(get32be(png + 20), h);
	CHECK(!memmem(png, n, "tIME", 4) && !memmem(png, n, "tEXt", 4));
	CHECK(strstr(page, "src=\"../assets/media/1.png\""));
	CHECK(!strstr(m, "picture-format"));
	free(png);
	free(page);
	free(m);
}

TEST(tiff_becomes_png)
{
	size_t n = 0;
	unsigned char *tif = rgb_tiff(&n);
	const char *a = unit_out_dir("a"), *b = unit_out_dir("b");
	struct ppj_deck *d;

	REQUIRE(tif && n > 8);
	d = picture_deck(tif, n, "image/tiff", "image1.tiff");
	check_png_of(d, a, 3, 2);
	check_png_of(d, b, 3, 2);
	CHECK(same_file(a, b, "assets/media/1.png"));
	ppj_deck_free(d);
	free(tif);
}

TEST(bmp_becomes_png)
{
	size_t n = 0;
	unsigned char *bmp = rgb_bmp(&n);
	struct ppj_deck *d = picture_deck(bmp, n, "image/bmp", "image1.bmp");
	const char *a = unit_out_dir("a"), *b = unit_out_dir("b");

	check_png_of(d, a, 3, 2);
	check_png_of(d, b, 3, 2);
	CHECK(same_file(a, b, "assets/media/1.png"));

	/* A negative height: rows stored top down. */
	put32(bmp + 22, (uint32_t)-2);
	check_png_of(d, unit_out_dir("c"), 3, 2);
	ppj_deck_free(d);
	free(bmp);
}

/*
 * A 2 x 2 JPEG XR picture (red, green / blue, white), written losslessly
 * by jxrlib's JxrEncApp (-q 1 -l 0) from a PPM of those pixels.
 */
static const unsigned char rgb_wdp[] = {
	0x49, 0x49, 0xbc, 0x01, 0x20, 0x00, 0x00, 0x00, 0x24, 0xc3, 0xdd, 0x6f,
	0x03, 0x4e, 0xfe, 0x4b, 0xb1, 0x85, 0x3d, 0x77, 0x76, 0x8d, 0xc9, 0x0d,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0xbc,
	0x01, 0x00, 0x10, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x02, 0xbc,
	0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0xbc,
	0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x81, 0xbc,
	0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x82, 0xbc,
	0x0b, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x42, 0x83, 0xbc,
	0x0b, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x42, 0xc0, 0xbc,
	0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x86, 0x00, 0x00, 0x00, 0xc1, 0xbc,
	0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x5b, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x57, 0x4d, 0x50, 0x48, 0x4f, 0x54, 0x4f, 0x00, 0x11, 0x44,
	0xc0, 0x71, 0x00, 0x01, 0x00, 0x01, 0x60, 0x00, 0xc0, 0x00, 0x00, 0x0c,
	0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x09, 0x00, 0x42, 0xff, 0xff, 0x00, 0x00, 0x01, 0x01, 0xcb, 0x72, 0x6f,
	0x6f, 0x80, 0x00, 0x00, 0x01, 0x02, 0xfc, 0xe6, 0x02, 0x32, 0x98, 0xa8,
	0xf0, 0x4a, 0x91, 0x63, 0xcb, 0x31, 0xed, 0x04, 0x13, 0x14, 0x4c, 0x10,
	0x01, 0x8b, 0x44, 0x00, 0x67, 0xb4, 0x47, 0x1f, 0x6f, 0xea, 0x56, 0xd9,
	0x06, 0x08, 0xd6, 0x62, 0xbe, 0x88, 0x18, 0xe1, 0xa2, 0x1c, 0x68, 0xda,
	0x23, 0x0d, 0xad, 0xc1, 0x11, 0xf2, 0x3f, 0x03, 0xf7, 0x1f, 0x98, 0x00,
	0x00, 0x01, 0x03, 0x23, 0x3f, 0x47, 0xbf, 0x84, 0xb4, 0x18, 0x4e, 0x10,
	0x82, 0x35, 0x18, 0x49, 0xe1, 0x84, 0xce, 0x88, 0x22, 0xa1, 0x04, 0x54,
	0x30, 0x8e, 0x86, 0x12, 0x84, 0x41, 0x0e, 0x10, 0x41, 0x84, 0x10, 0x61,
	0x02, 0xe0, 0x51, 0xec, 0x26, 0x71, 0x30, 0x97, 0xc4, 0x10, 0x91, 0xc1,
	0x84, 0xf4, 0xd3, 0x09, 0xbd, 0x23, 0x09, 0x6a, 0x05, 0x84, 0xce, 0x26,
	0x12, 0xf8, 0x82, 0x12, 0x3a, 0xc2, 0x67, 0x13, 0x09, 0x7c, 0x41, 0x09,
	0x1c, 0x18, 0x4f, 0x4d, 0x30, 0x9b, 0xd2, 0x30, 0x96, 0xa0, 0x06, 0x13,
	0xd3, 0x4c, 0x26, 0xf4, 0x8c, 0x25, 0xa8, 0x18, 0x27, 0xa8, 0x61, 0x3d,
	0x62, 0x09, 0xbe, 0x18, 0x4a, 0xc1, 0x84, 0xde, 0x8c, 0x24, 0xb0, 0x82,
	0x5a, 0x8c, 0x24, 0xb0, 0xc2, 0x5b, 0x0c, 0x23, 0xd1, 0x84, 0x5c, 0x30,
	0x8b, 0x86, 0x10, 0xdf, 0x08, 0x6e, 0x10, 0x0a, 0x0a, 0x1c, 0xc8, 0x27,
	0xf4, 0x80, 0x13, 0x3a, 0x18, 0x4c, 0xe5, 0x30, 0x97, 0xc4, 0x10, 0x91,
	0xd4, 0x14, 0x39, 0x90, 0x4f, 0xe9, 0x00, 0x26, 0x76, 0x82, 0x87, 0x32,
	0x09, 0xfd, 0x40, 0x13, 0x3a, 0x18, 0x4c, 0xe5, 0x30, 0x97, 0xc4, 0x10,
	0x91, 0xc1, 0x84, 0xce, 0x66, 0x12, 0xf8, 0x82, 0x12, 0x3b, 0x84, 0xcd,
	0x88, 0x26, 0x6c, 0x61, 0x2f, 0x44, 0x12, 0xf8, 0x61, 0x3b, 0x23, 0x09,
	0x1c, 0x30, 0x9a, 0xe1, 0x04, 0x8e, 0x18, 0x4d, 0x68, 0xc2, 0x5e, 0x8c,
	0x24, 0xf0, 0xc2, 0x4f, 0x0c, 0x23, 0xcf, 0x08, 0xef, 0x08, 0x88, 0x20,
	0xa1, 0xce, 0x41, 0x3f, 0xa4, 0x00, 0x99, 0xd0, 0x82, 0x87, 0x39, 0x04,
	0xfe, 0xa0, 0x09, 0x9d, 0x08, 0x28, 0x73, 0x90, 0x4f, 0xea, 0x00, 0x99,
	0xd0
};

/* The RGB pixels of the PNG file at dir/rel; malloc'd, or NULL. */
static unsigned char *png_file_pixels(const char *dir, const char *rel,
				      unsigned *w, unsigned *h)
{
	size_t n = 0;
	char *raw = unit_read(dir, rel, &n);
	unsigned char *px = NULL;
	png_image im = { .version = PNG_IMAGE_VERSION };

	if (raw && png_image_begin_read_from_memory(&im, raw, n)) {
		im.format = PNG_FORMAT_RGB;
		px = malloc(PNG_IMAGE_SIZE(im));
		if (!png_image_finish_read(&im, NULL, px, 0, NULL)) {
			free(px);
			px = NULL;
		}
		*w = im.width;
		*h = im.height;
	}
	free(raw);
	return px;
}

TEST(wdp_becomes_png)
{
	static const unsigned char want[12] = { 255, 0, 0, 0, 255, 0,
						0, 0, 255, 255, 255, 255 };
	struct ppj_deck *d = picture_deck(rgb_wdp, sizeof(rgb_wdp),
					  "image/vnd.ms-photo",
					  "hdphoto1.wdp");
	const char *dir = unit_out_dir("wdp");
	unsigned w = 0, h = 0;
	unsigned char *px;

	check_png_of(d, dir, 2, 2);
	px = png_file_pixels(dir, "assets/media/1.png", &w, &h);
	REQUIRE(px);
	CHECK_INT(w, 2);
	CHECK_INT(h, 2);
	for (int i = 0; i < 12; i++)
		CHECK(abs(px[i] - want[i]) <= 2);
	free(px);

	/* Known by its bytes too, whatever the content type says. */
	d->slides[0].shapes[0].picture.media->content_type = NULL;
	check_png_of(d, unit_out_dir("wdp2"), 2, 2);
	ppj_deck_free(d);
}

/* Renders a picture that must not convert: a warning, no file. */
static void check_refused(const unsigned char *data, size_t n,
			  const char *type, const char *why)
{
	struct ppj_deck *d = picture_deck(data, n, type, "bad");
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("bad");
	char *m, *png;

	REQUIRE(render_to(d, dir, &o) == 0);
	m = unit_read(dir, "manifest.json", NULL);
	png = unit_read(dir, "assets/media/1.png", NULL);
	REQUIRE(m);
	CHECK(strstr(m, "picture-format"));
	if (!strstr(m, why))
		fprintf(stderr, "no \"%s\" in %s\n", why, m);
	CHECK(strstr(m, why));
	CHECK(!png);
	free(m);
	free(png);
	ppj_deck_free(d);
}

/*
 * A deck of more JPEG XR pictures than the renderer decodes in child
 * processes: the first RENDER_MAX_CHILD_DECODES convert, the rest warn.
 */
TEST(wdp_decodes_are_capped)
{
	enum { N = 66 };
	struct ppj_deck *d = picture_deck(rgb_wdp, sizeof(rgb_wdp),
					  "image/vnd.ms-photo", "a.wdp");
	struct ppj_slide *sl = &d->slides[0];
	struct ppj_shape *s = ppj_arena_calloc(&d->arena, N, sizeof(*s));
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("wdpcap");
	char *m, *png, rel[64];

	d->media = ppj_arena_calloc(&d->arena, N, sizeof(*d->media));
	d->nmedia = N;
	for (int i = 0; i < N; i++) {
		s[i] = sl->shapes[0];
		s[i].id = 10 + i;
		s[i].picture.media = ppj_arena_calloc(&d->arena, 1,
						      sizeof(struct ppj_media));
		*s[i].picture.media = *sl->shapes[0].picture.media;
		s[i].picture.media->id = i + 1;
		d->media[i] = s[i].picture.media;
	}
	sl->shapes = s;
	sl->nshapes = N;

	REQUIRE(render_to(d, dir, &o) == 0);
	m = unit_read(dir, "manifest.json", NULL);
	REQUIRE(m);
	CHECK(strstr(m, "not converted: over 64 in the deck"));
	snprintf(rel, sizeof(rel), "assets/media/%d.png", 64);
	png = unit_read(dir, rel, NULL);
	CHECK(png != NULL);
	free(png);
	snprintf(rel, sizeof(rel), "assets/media/%d.png", 65);
	png = unit_read(dir, rel, NULL);
	CHECK(png == NULL);
	free(png);
	free(m);
	ppj_deck_free(d);
}

/* A JPEG XR picture of w x h or a picture-format warning; no crash. */
static void check_png_or_warning(const unsigned char *data, size_t n,
				 unsigned w, unsigned h)
{
	struct ppj_deck *d = picture_deck(data, n, "image/vnd.ms-photo",
					  "cut.wdp");
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("cut");
	unsigned pw = 0, ph = 0;
	unsigned char *px;
	char *m;

	REQUIRE(render_to(d, dir, &o) == 0);
	m = unit_read(dir, "manifest.json", NULL);
	px = png_file_pixels(dir, "assets/media/1.png", &pw, &ph);
	REQUIRE(m);
	CHECK(px ? pw == w && ph == h && !strstr(m, "picture-format") :
	      strstr(m, "picture-format") != NULL);
	free(px);
	free(m);
	ppj_deck_free(d);
}

TEST(bad_rasters_warn)
{
	size_t n = 0, full = 0;
	unsigned char *t = grey_tiff(100000, 100000, 16, &n);
	unsigned char *good = rgb_tiff(&full), *bmp;
	unsigned char junk[sizeof(rgb_wdp)];

	check_refused(t, n, "image/tiff", "too many pixels");
	free(t);
	t = grey_tiff(40000, 2, 16, &n);
	check_refused(t, n, "image/tiff", "too many pixels");
	free(t);
	t = grey_tiff(64, 64, 100, &n);
	check_refused(t, n, "image/tiff", "truncated TIFF");
	free(t);

	/* Cut anywhere, a libtiff-written TIFF never crashes. */
	REQUIRE(good && full > 8);
	for (size_t k = 1; k < full; k += 7)
		check_refused(good, k, "image/tiff", "picture-format");
	check_refused((const unsigned char *)"II*\0\x08", 5, "image/tiff",
		      "not a readable TIFF");
	free(good);

	bmp = rgb_bmp(&n);
	put32(bmp + 18, 40000);
	check_refused(bmp, n, "image/bmp", "picture-format");
	put32(bmp + 18, 3);
	put32(bmp + 22, 0x80000000);
	check_refused(bmp, n, "image/bmp", "picture-format");
	free(bmp);

	/*
	 * jxrlib runs in a child: a cut stream is refused, or decoded as
	 * far as it goes (as browsers show a cut JPEG); never a crash.
	 */
	check_refused(rgb_wdp, 60, "image/vnd.ms-photo",
		      "not a readable JPEG XR picture");
	for (size_t k = 1; k < sizeof(rgb_wdp); k += 37)
		check_png_or_warning(rgb_wdp, k, 2, 2);
	memcpy(junk, rgb_wdp, sizeof(junk));
	for (size_t k = 120; k < sizeof(junk); k += 3)
		junk[k] ^= 0x5a;
	check_png_or_warning(junk, sizeof(junk), 2, 2);
}

/* stb_image reads no RLE BMP: it ships as it was, browsers show it. */
TEST(rle_bmp_ships_as_is)
{
	size_t n = 0, got = 0;
	unsigned char *bmp = rgb_bmp(&n);
	struct ppj_deck *d = picture_deck(bmp, n, "image/bmp", "rle.bmp");
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("rle");
	char *m, *out, *page;

	put16(bmp + 28, 8);
	put32(bmp + 30, 1);	/* BI_RLE8 */
	REQUIRE(render_to(d, dir, &o) == 0);
	m = unit_read(dir, "manifest.json", NULL);
	page = unit_read(dir, "slides/1.html", NULL);
	out = unit_read(dir, "assets/media/1.bmp", &got);
	REQUIRE(m && page && out);
	CHECK(!strstr(m, "picture-format"));
	CHECK(strstr(page, "src=\"../assets/media/1.bmp\""));
	CHECK(got == n && memcmp(out, bmp, n) == 0);
	free(m);
	free(page);
	free(out);
	ppj_deck_free(d);
	free(bmp);
}

/* ---- WMF ---- */

struct wmf_buf {
	unsigned char b[4096];
	size_t n;
};

static void wmf_u16(struct wmf_buf *w, unsigned v)
{
	put16(w->b + w->n, v);
	w->n += 2;
}

/* A record: its size in words, its function, then params words. */
static void wmf_rec(struct wmf_buf *w, unsigned fn, const unsigned *p,
		    size_t np)
{
	put32(w->b + w->n, (uint32_t)(3 + np));
	w->n += 4;
	wmf_u16(w, fn);
	for (size_t i = 0; i < np; i++)
		wmf_u16(w, p[i]);
}

/*
 * A WMF without the placeable header, in a 200 x 100 window: a 4 x 2
 * 8-bit DIB whose header counts 0 colours (so 256 follow) stretched over
 * the window, and the text "Hello" in Arial. libwmf shifts such a DIB
 * and has no bounds for such a file unless ppj fixes both.
 */
static unsigned char *bare_wmf(size_t *len)
{
	static const unsigned org[] = { 0, 0 }, ext[] = { 100, 200 };
	static const unsigned sel[] = { 0 }, eof[] = { 0 };
	static const unsigned text[] = { 5, 'H' | 'e' << 8, 'l' | 'l' << 8,
		'o', 40, 10 };
	struct wmf_buf *w = calloc(1, sizeof(*w));
	static const unsigned font[9 + 3] = { (unsigned)-30 & 0xffff, 0, 0,
		0, 400, 0, 0, 0, 0, 'A' | 'r' << 8, 'i' | 'a' << 8, 'l' };
	unsigned dib[11 + 20 + 512 + 4] = { 0 };
	size_t nd = 0;

	w->n = 18;
	wmf_rec(w, 0x020B, org, 2);
	wmf_rec(w, 0x020C, ext, 2);

	/* StretchDIB: SRCCOPY, DIB_RGB_COLORS, source 4 x 2, dest window. */
	dib[nd++] = 0x0020;
	dib[nd++] = 0x00CC;
	dib[nd++] = 0;
	dib[nd++] = 2, dib[nd++] = 4, dib[nd++] = 0, dib[nd++] = 0;
	dib[nd++] = 100, dib[nd++] = 200, dib[nd++] = 0, dib[nd++] = 0;
	dib[nd++] = 40, nd++, dib[nd++] = 4, nd++, dib[nd++] = 2, nd++;
	dib[nd++] = 1, dib[nd++] = 8;
	nd += 12;			/* compression ... clrImportant: 0 */
	for (int i = 0; i < 256; i++) {	/* grey ramp, entry i = i */
		dib[nd++] = (unsigned)(i | i << 8);
		dib[nd++] = (unsigned)i;
	}
	dib[nd++] = 0 | 255 << 8, dib[nd++] = 0 | 255 << 8;	/* row 1 */
	dib[nd++] = 255, dib[nd++] = 255 << 8;		/* row 2 */
	wmf_rec(w, 0x0F43, dib, nd);

	wmf_rec(w, 0x02FB, font, 12);
	wmf_rec(w, 0x012D, sel, 1);
	wmf_rec(w, 0x0521, text, 6);
	wmf_rec(w, 0x0000, eof, 0);

	put16(w->b, 1);
	put16(w->b + 2, 9);
	put16(w->b + 4, 0x0300);
	put32(w->b + 6, (uint32_t)(w->n / 2));
	put16(w->b + 10, 1);
	put32(w->b + 12, 3 + (uint32_t)nd);
	*len = w->n;
	return (unsigned char *)w;
}

/* The RGB pixels of the first PNG data URI in svg; malloc'd, or NULL. */
static unsigned char *svg_png_pixels(const char *svg, unsigned *w,
				     unsigned *h)
{
	const char *b = strstr(svg, "base64,"), *e;
	unsigned char *raw, *px = NULL;
	char *b64;
	size_t n = 0;
	int len;
	png_image im = { .version = PNG_IMAGE_VERSION };

	if (!b || !(e = strchr(b += 7, '"')))
		return NULL;
	b64 = malloc((size_t)(e - b) + 1);
	raw = malloc((size_t)(e - b));
	for (const char *p = b; p < e; p++)	/* drop the line breaks */
		if (*p != '\n' && *p != ' ' && *p != '\t')
			b64[n++] = *p;
	len = EVP_DecodeBlock(raw, (unsigned char *)b64, (int)n);
	if (len > 0 && png_image_begin_read_from_memory(&im, raw,
							(size_t)len)) {
		im.format = PNG_FORMAT_RGB;
		px = malloc(PNG_IMAGE_SIZE(im));
		if (!png_image_finish_read(&im, NULL, px, 0, NULL)) {
			free(px);
			px = NULL;
		}
		*w = im.width;
		*h = im.height;
	}
	free(b64);
	free(raw);
	return px;
}

TEST(wmf_without_header_becomes_svg)
{
	size_t n = 0;
	unsigned char *wmf = bare_wmf(&n);
	struct ppj_deck *d = picture_deck(wmf, n, "image/x-wmf", "a.wmf");
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("wmf");
	char *svg, *m, *page;
	unsigned char *px;
	unsigned w = 0, h = 0;

	REQUIRE(render_to(d, dir, &o) == 0);
	svg = unit_read(dir, "assets/media/1.svg", NULL);
	m = unit_read(dir, "manifest.json", NULL);
	page = unit_read(dir, "slides/1.html", NULL);
	REQUIRE(svg && m && page);
	CHECK(strstr(page, "src=\"../assets/media/1.svg\""));
	CHECK(!strstr(m, "metafile"));

	/* Browsers need the namespaces; the box is the file's window. */
	CHECK(strstr(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
	CHECK(strstr(svg, "xmlns:xlink=\"http://www.w3.org/1999/xlink\""));
	CHECK(strstr(svg, "viewBox=\"0 0 200.0000 100.0000\""));
	CHECK(strstr(svg, "Hello"));	/* libwmf found a font */
	CHECK(strstr(svg, "<image x=\"0.000000\" y=\"0.000000\" "
			  "width=\"200.000000\" height=\"100.000000\""));

	/* The palette was read: top row 255 0 0 255, bottom 0 255 0 255. */
	px = svg_png_pixels(svg, &w, &h);
	REQUIRE(px);
	CHECK_INT(w, 4);
	CHECK_INT(h, 2);
	for (int i = 0; i < 8; i++)
		CHECK_INT(px[3 * i], (i == 0 || i == 3 || i == 5 || i == 7) ?
			  255 : 0);
	free(px);
	free(svg);
	free(m);
	free(page);
	ppj_deck_free(d);
	free(wmf);
}

/* ---- PICT ---- */

struct pict_buf {
	unsigned char *b;	/* PICT_ROOM bytes */
	size_t n;
};

#define PICT_ROOM ((size_t)3 << 20)

static void pict8(struct pict_buf *p, unsigned v)
{
	p->b[p->n++] = (unsigned char)v;
}

static void pict16(struct pict_buf *p, unsigned v)
{
	pict8(p, v >> 8 & 0xff);
	pict8(p, v & 0xff);
}

static void pict32(struct pict_buf *p, uint32_t v)
{
	pict16(p, v >> 16);
	pict16(p, v & 0xffff);
}

static void pict_rect(struct pict_buf *p, int t, int l, int b, int r)
{
	pict16(p, (unsigned)t & 0xffff);
	pict16(p, (unsigned)l & 0xffff);
	pict16(p, (unsigned)b & 0xffff);
	pict16(p, (unsigned)r & 0xffff);
}

/* Version 2 opcodes start on even offsets. */
static void pict_op(struct pict_buf *p, unsigned op)
{
	if (p->n & 1)
		pict8(p, 0);
	pict16(p, op);
}

static void pict_bytes(struct pict_buf *p, const void *s, size_t n)
{
	memcpy(p->b + p->n, s, n);
	p->n += n;
}

/* The size, a 200 x 100 frame, the version and an extended header. */
static struct pict_buf *pict_v2(void)
{
	struct pict_buf *p = calloc(1, sizeof(*p));

	p->b = calloc(1, PICT_ROOM);
	pict16(p, 0);
	pict_rect(p, 0, 0, 100, 200);
	pict_op(p, 0x0011);
	pict16(p, 0x02ff);
	pict_op(p, 0x0C00);
	pict16(p, 0xfffe);
	pict16(p, 0);
	pict32(p, 72u << 16);
	pict32(p, 72u << 16);
	pict_rect(p, 0, 0, 100, 200);
	pict32(p, 0);
	return p;
}

static void pict_free(struct pict_buf *p)
{
	free(p->b);
	free(p);
}

/* PackBitsRect: an 8 x 2 8-bit map of two colours, rows packed. */
static void pict_packbits(struct pict_buf *p)
{
	static const unsigned char rows[] = { 2, 0xf9, 1,
		9, 7, 0, 1, 0, 1, 0, 1, 0, 1 };

	pict_op(p, 0x0098);
	pict16(p, 0x8008);
	pict_rect(p, 0, 0, 2, 8);
	pict16(p, 0);			/* pmVersion */
	pict16(p, 0);			/* packType */
	pict32(p, 0);
	pict32(p, 72u << 16);
	pict32(p, 72u << 16);
	pict16(p, 0);			/* pixelType */
	pict16(p, 8);
	pict16(p, 1);
	pict16(p, 8);
	pict32(p, 0);
	pict32(p, 0);
	pict32(p, 0);
	pict32(p, 0);			/* ctSeed */
	pict16(p, 0);
	pict16(p, 1);			/* two colours: blue, yellow */
	pict16(p, 0), pict16(p, 0), pict16(p, 0), pict16(p, 0xffff);
	pict16(p, 1), pict16(p, 0xffff), pict16(p, 0xffff), pict16(p, 0);
	pict_rect(p, 0, 0, 2, 8);
	pict_rect(p, 70, 100, 90, 180);
	pict16(p, 0);
	pict_bytes(p, rows, sizeof(rows));
}

/* DirectBitsRect: 8 x 1 pixels of 32 bits, one plane a component. */
static void pict_direct(struct pict_buf *p)
{
	static const unsigned char row[] = { 6, 0xf9, 0xff, 0xf9, 0x00,
		0xf9, 0x80 };

	pict_op(p, 0x009A);
	pict32(p, 0xff);		/* baseAddr */
	pict16(p, 0x8020);
	pict_rect(p, 0, 0, 1, 8);
	pict16(p, 0);
	pict16(p, 4);			/* packType: planes */
	pict32(p, 0);
	pict32(p, 72u << 16);
	pict32(p, 72u << 16);
	pict16(p, 16);			/* RGBDirect */
	pict16(p, 32);
	pict16(p, 3);
	pict16(p, 8);
	pict32(p, 0);
	pict32(p, 0);
	pict32(p, 0);
	pict_rect(p, 0, 0, 1, 8);
	pict_rect(p, 0, 0, 10, 20);
	pict16(p, 0);
	pict_bytes(p, row, sizeof(row));
}

/*
 * A version 2 picture: a red painted rectangle, a black line, bold
 * Helvetica text "Hello" then "Caf\x8E" (Mac Roman) 40 units right, a
 * quarter wedge, a framed triangle and two bitmaps.
 */
static struct pict_buf *sample_pict(void)
{
	struct pict_buf *p = pict_v2();

	pict_op(p, 0x001A);
	pict16(p, 0xffff), pict16(p, 0), pict16(p, 0);
	pict_op(p, 0x0031);
	pict_rect(p, 10, 10, 50, 90);
	pict_op(p, 0x001A);
	pict16(p, 0), pict16(p, 0), pict16(p, 0);
	pict_op(p, 0x0020);
	pict16(p, 60), pict16(p, 10), pict16(p, 60), pict16(p, 190);
	pict_op(p, 0x002C);
	pict16(p, 12);
	pict16(p, 21);
	pict8(p, 9);
	pict_bytes(p, "Helvetica", 9);
	pict_op(p, 0x0003);
	pict16(p, 21);
	pict_op(p, 0x000D);
	pict16(p, 18);
	pict_op(p, 0x0004);
	pict8(p, 1);
	pict_op(p, 0x0028);
	pict16(p, 80), pict16(p, 20);
	pict8(p, 5);
	pict_bytes(p, "Hello", 5);
	pict_op(p, 0x002B);
	pict8(p, 40), pict8(p, 0), pict8(p, 4);
	pict_bytes(p, "Caf\x8e", 4);
	pict_op(p, 0x0061);
	pict_rect(p, 0, 0, 100, 100);
	pict16(p, 0), pict16(p, 90);
	pict_op(p, 0x0070);
	pict16(p, 26);
	pict_rect(p, 10, 10, 40, 50);
	pict16(p, 10), pict16(p, 10), pict16(p, 10), pict16(p, 50);
	pict16(p, 40), pict16(p, 30), pict16(p, 10), pict16(p, 10);
	pict_packbits(p);
	pict_direct(p);
	pict_op(p, 0x00FF);
	return p;
}

/* Renders the PICT of p; returns its SVG (malloc'd) and checks the rest. */
static char *pict_svg(const struct pict_buf *p, const char *dir)
{
	struct ppj_deck *d = picture_deck(p->b, p->n, "image/x-pict",
					  "image1.pict");
	struct ppj_options o = no_fonts();
	char *svg = NULL, *m, *page;

	CHECK(render_to(d, dir, &o) == 0);
	m = unit_read(dir, "manifest.json", NULL);
	page = unit_read(dir, "slides/1.html", NULL);
	if (m && strstr(m, "picture-format"))
		fprintf(stderr, "%s\n", m);
	CHECK(m && !strstr(m, "picture-format"));
	CHECK(page && strstr(page, "src=\"../assets/media/1.svg\""));
	svg = unit_read(dir, "assets/media/1.svg", NULL);
	free(m);
	free(page);
	ppj_deck_free(d);
	return svg;
}

TEST(pict_becomes_svg)
{
	struct pict_buf *p = sample_pict();
	const char *a = unit_out_dir("pa"), *b = unit_out_dir("pb");
	char *svg = pict_svg(p, a), *png2;
	unsigned char *px;
	unsigned w = 0, h = 0;

	REQUIRE(svg);
	CHECK(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		      "width=\"200\" height=\"100\" viewBox=\"0 0 200 100\""));
	CHECK(strstr(svg, "<rect x=\"10\" y=\"10\" width=\"80\" "
		      "height=\"40\" fill=\"#ff0000\"/>"));
	CHECK(strstr(svg, "<path d=\"M10.5 60.5L190.5 60.5\""));
	CHECK(strstr(svg, "<text x=\"20\" y=\"80\" font-family=\"Arial\" "
		      "font-size=\"18\" font-weight=\"bold\" "
		      "fill=\"#000000\" xml:space=\"preserve\">Hello</text>"));
	CHECK(strstr(svg, "<text x=\"60\" y=\"80\""));
	CHECK(strstr(svg, ">Caf\xc3\xa9</text>"));
	CHECK(strstr(svg, "<path d=\"M50 50L50 0A50 50 0 0 1 100 50Z\" "
		      "fill=\"#000000\"/>"));
	CHECK(strstr(svg, "<path d=\"M10.5 10.5L50.5 10.5L30.5 40.5L10.5 "
		      "10.5Z\" stroke-linejoin=\"round\" fill=\"none\" "
		      "stroke=\"#000000\" stroke-width=\"1\"/>"));
	CHECK(strstr(svg, "<image x=\"100\" y=\"70\" width=\"80\" "
		      "height=\"20\" preserveAspectRatio=\"none\" "
		      "href=\"data:image/png;base64,"));

	/* Row 1 yellow; row 2 blue and yellow in turn. */
	px = svg_png_pixels(svg, &w, &h);
	REQUIRE(px);
	CHECK_INT(w, 8);
	CHECK_INT(h, 2);
	for (int i = 0; i < 16; i++) {
		bool yellow = i < 8 || i % 2;

		CHECK_INT(px[3 * i], yellow ? 255 : 0);
		CHECK_INT(px[3 * i + 2], yellow ? 0 : 255);
	}
	free(px);

	/* The 32-bit planes: every pixel 255 0 128. */
	png2 = strstr(strstr(svg, "base64,") + 7, "<image");
	REQUIRE(png2);
	px = svg_png_pixels(png2, &w, &h);
	REQUIRE(px);
	CHECK_INT(w, 8);
	CHECK_INT(h, 1);
	CHECK(px[0] == 255 && px[1] == 0 && px[2] == 128);
	CHECK(px[21] == 255 && px[22] == 0 && px[23] == 128);
	free(px);

	free(pict_svg(p, b));
	CHECK(same_file(a, b, "assets/media/1.svg"));
	free(svg);
	pict_free(p);
}

/*
 * A version 1 picture after a file's 512-byte header: an old-style red
 * oval and a 16 x 2 bitmap drawn with srcOr (its 0 bits left clear).
 */
TEST(pict_v1_with_file_header)
{
	struct pict_buf *p = calloc(1, sizeof(*p));
	char *svg;
	unsigned char *px;
	unsigned w = 0, h = 0;

	p->b = calloc(1, PICT_ROOM);
	p->n = 512;
	pict16(p, 0);
	pict_rect(p, 0, 0, 20, 40);
	pict8(p, 0x11), pict8(p, 0x01);
	pict8(p, 0x0E), pict32(p, 205);
	pict8(p, 0x51), pict_rect(p, 0, 0, 20, 40);
	pict8(p, 0x90), pict16(p, 2), pict_rect(p, 0, 0, 2, 16);
	pict_rect(p, 0, 0, 2, 16), pict_rect(p, 0, 0, 4, 32), pict16(p, 1);
	pict16(p, 0xff00), pict16(p, 0x00ff);
	pict8(p, 0xFF);

	svg = pict_svg(p, unit_out_dir("v1"));
	REQUIRE(svg);
	CHECK(strstr(svg, "viewBox=\"0 0 40 20\""));
	CHECK(strstr(svg, "<ellipse cx=\"20\" cy=\"10\" rx=\"20\" ry=\"10\" "
		      "fill=\"#ff0000\"/>"));
	CHECK(strstr(svg, "<image x=\"0\" y=\"0\" width=\"32\" height=\"4\""));
	px = svg_png_pixels(svg, &w, &h);
	REQUIRE(px);
	CHECK_INT(w, 16);
	CHECK_INT(h, 2);
	CHECK_INT(px[0], 255);		/* fore colour: red */
	free(px);
	free(svg);
	pict_free(p);
}

TEST(bad_picts_warn)
{
	struct pict_buf *good = sample_pict(), *p;

	/* Cut anywhere: refused, never a crash. */
	for (size_t k = 1; k < good->n; k += 3)
		check_refused(good->b, k, "image/x-pict", "picture-format");
	check_refused(good->b, good->n - 1, "image/x-pict", "truncated");
	check_refused((const unsigned char *)"not a picture at all", 20,
		      "image/pict", "not a PICT");

	/* Nothing drawn; an empty frame. */
	p = pict_v2();
	pict_op(p, 0x00FF);
	check_refused(p->b, p->n, "image/x-pict", "nothing ppj can draw");
	p->b[14 + 14] = p->b[14 + 18] = 0;
	p->b[14 + 15] = p->b[14 + 19] = 5;
	check_refused(p->b, p->n, "image/x-pict", "empty picture frame");
	pict_free(p);

	/* A million and one no-ops. */
	p = pict_v2();
	p->n += 2 * 1000001;
	pict_op(p, 0x00FF);
	check_refused(p->b, p->n, "image/x-pict", "too many opcodes");
	pict_free(p);

	/* 40000 x 30000 pixels claimed. */
	p = pict_v2();
	pict_op(p, 0x0090);
	pict16(p, 5000);
	pict_rect(p, -15000, -20000, 15000, 20000);
	pict_rect(p, 0, 0, 10, 10), pict_rect(p, 0, 0, 10, 10);
	pict16(p, 0);
	pict_op(p, 0x00FF);
	check_refused(p->b, p->n, "image/x-pict", "too many pixels");
	pict_free(p);

	/* Lengths past the end: a comment, QuickTime, a polygon. */
	p = pict_v2();
	pict_op(p, 0x00A1), pict16(p, 100), pict16(p, 0xffff);
	check_refused(p->b, p->n, "image/x-pict", "truncated");
	pict_free(p);
	p = pict_v2();
	pict_op(p, 0x8200), pict32(p, 0xfffffff0);
	check_refused(p->b, p->n, "image/x-pict", "truncated");
	pict_free(p);
	p = pict_v2();
	pict_op(p, 0x0071), pict16(p, 4), pict_op(p, 0x00FF);
	check_refused(p->b, p->n, "image/x-pict", "bad polygon size");
	pict_free(p);
	pict_free(good);
}

static int occurrences(const char *h, const char *needle)
{
	int n = 0;

	for (const char *p = h; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/*
 * The outer shadow of a shape with neither fill nor line falls from its
 * text: a scaled, coloured copy under the text, hidden from readers.
 * A filled shape keeps its shadow on the geometry.
 */
TEST(unfilled_shape_casts_text_shadow)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_shape *s = &d->slides[0].shapes[1];
	struct ppj_shadow *sh = &s->effects.shadow;
	char *h;

	sh->present = true;
	sh->color = ppj_rgb(191, 191, 191);
	sh->sx = sh->sy = 1.01;
	sh->ox = sh->oy = 0.5;
	h = chart_html(d, "shd");
	REQUIRE(h);
	CHECK(strstr(h, "<div class=\"shd\" aria-hidden=\"true\" "
		      "style=\"--shc:#bfbfbf;transform-origin:50% 50%;"
		      "transform:translate(0px,0px) scale(1.01,1.01)\">"));
	CHECK_INT(occurrences(h, "first point"), 2);
	CHECK(strstr(h, "class=\"shd\"") < strstr(h, "first point"));
	free(h);

	s->fill.kind = PPJ_FILL_SOLID;
	s->fill.color = ppj_rgb(0, 0, 255);
	h = chart_html(d, "shd2");
	REQUIRE(h);
	CHECK(!strstr(h, "class=\"shd\""));
	CHECK_INT(occurrences(h, "first point"), 1);
	free(h);
	ppj_deck_free(d);
}

/* The chart area's border is drawn inside the frame; its title size. */
TEST(chart_space_border_and_title_size)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_COLUMN, 1, 3);
	struct ppj_chart *ch = d->slides[0].shapes[0].chart;
	char *h;

	h = chart_html(d, "plain");
	REQUIRE(h);
	CHECK(!strstr(h, "stroke-width=\"2\"/>"));
	free(h);

	ch->space_line.fill.kind = PPJ_FILL_SOLID;
	ch->space_line.fill.color = ppj_rgb(0xED, 0x7D, 0x31);
	ch->space_line.width = 19050;		/* 2 px */
	ch->title = "Sales";
	ch->title_pt = 18;
	h = chart_html(d, "border");
	REQUIRE(h);
	CHECK(strstr(h, "<rect x=\"1\" y=\"1\" "));
	CHECK(strstr(h, "fill=\"none\" stroke=\"#ED7D31\" "
		      "stroke-width=\"2\"/>") ||
	      strstr(h, "fill=\"none\" stroke=\"#ed7d31\" "
		      "stroke-width=\"2\"/>"));
	CHECK(strstr(h, "font-size=\"24\"") != NULL);	/* 18 pt */
	free(h);
	ppj_deck_free(d);
}

/* The manifest names what the page approximates, once per kind. */
TEST(approximations_are_warned)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_shape *s = d->slides[0].shapes;
	struct ppj_options o = no_fonts();
	const char *dir = unit_out_dir("warn");
	char *m;

	REQUIRE(render_to(d, dir, &o) == 0);
	m = unit_read(dir, "manifest.json", NULL);
	REQUIRE(m);
	CHECK(!strstr(m, "\"autofit\"") && !strstr(m, "\"cjk-font\""));
	CHECK(!strstr(m, "\"font-fallback\"") && !strstr(m, "text-warp"));
	free(m);

	s[0].text->autofit = PPJ_FIT_NORMAL;
	s[0].text->font_scale = 0.775;
	s[0].text->line_reduction = 0.2;
	s[1].text->paras[0].runs[0].text = "\xe6\x97\xa5\xe6\x9c\xac";
	s[1].text->paras[1].runs[0].font = "Segoe UI";
	s[0].text->paras[0].runs[0].font = "Wingdings";
	s[1].text->warped = true;
	dir = unit_out_dir("warn2");
	REQUIRE(render_to(d, dir, &o) == 0);
	m = unit_read(dir, "manifest.json", NULL);
	REQUIRE(m);
	CHECK(strstr(m, "\"autofit\"") && strstr(m, "font 77.5%, line "
						 "spacing -20%"));
	CHECK(strstr(m, "\"cjk-font\""));
	CHECK(strstr(m, "\"font-fallback\"") && strstr(m, "Segoe UI"));
	CHECK(!strstr(m, "Wingdings\\\" is neither"));
	CHECK(strstr(m, "\"text-warp\""));
	free(m);
	ppj_deck_free(d);
}

/* A legend beside stacked columns lists the top series first. */
TEST(stacked_legend_runs_top_down)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_COLUMN, 2, 3);
	struct ppj_chart *ch = d->slides[0].shapes[0].chart;
	char *h;

	ch->legend = true;
	ch->legend_pos = 'r';
	ch->series[0].name = "Lower";
	ch->series[1].name = "Upper";
	h = chart_html(d, "lg1");
	REQUIRE(h && strstr(h, ">Lower<") && strstr(h, ">Upper<"));
	CHECK(strstr(h, ">Lower<") < strstr(h, ">Upper<"));
	free(h);

	ch->grouping = PPJ_GROUP_STACKED;
	h = chart_html(d, "lg2");
	REQUIRE(h && strstr(h, ">Lower<") && strstr(h, ">Upper<"));
	CHECK(strstr(h, ">Upper<") < strstr(h, ">Lower<"));
	free(h);
	ppj_deck_free(d);
}

/* Inner shadows and soft edges are SVG filters on the geometry. */
TEST(inner_shadow_and_soft_edge_filters)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_shape *s = &d->slides[0].shapes[2];	/* filled */
	char *h;

	s->effects.shadow.present = true;
	s->effects.shadow.inner = true;
	s->effects.shadow.color = ppj_rgb(0, 0, 0);
	s->effects.shadow.blur = 63500;
	s->effects.shadow.dist = 38100;
	s->effects.shadow.dir = 90;
	s->effects.soft_edge = 127000;
	h = chart_html(d, "fx");
	REQUIRE(h);
	CHECK(strstr(h, "<feFuncA type=\"table\" tableValues=\"1 0\"/>"));
	CHECK(strstr(h, "operator=\"erode\" result=\"sm0\" radius=\"6.67\""));
	CHECK(strstr(h, "<feComponentTransfer in=\"src\""));
	CHECK(strstr(h, "<feMergeNode in=\"src\"/><feMergeNode "
		      "in=\"inner\"/>"));
	CHECK(!strstr(h, "feDropShadow"));
	free(h);

	s->effects.shadow.inner = false;
	s->effects.soft_edge = 0;
	h = chart_html(d, "fx2");
	REQUIRE(h);
	CHECK(strstr(h, "<feDropShadow dx=\"0\" dy=\"4\" "));
	CHECK(strstr(h, "<feMergeNode in=\"sh\"/></feMerge>"));
	CHECK(!strstr(h, "feFuncA"));
	free(h);
	ppj_deck_free(d);
}

/*
 * A date field is left to the page, which writes the day it is shown:
 * an empty span that names the format, and a script that fills it.
 */
TEST(date_fields_are_filled_by_the_page)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_run *r = &d->slides[0].shapes[0].text->paras[0].runs[0];
	struct ppj_options o = no_fonts();
	char dir[700], *h, *js;

	r->kind = PPJ_RUN_FIELD;
	r->field = "datetime5";
	r->text = "";
	h = chart_html(d, "dt");
	REQUIRE(h);
	CHECK(strstr(h, "<span data-date=\"5\" style="));
	free(h);

	r->field = "datetime99";
	r->text = "4/1/2000";
	snprintf(dir, sizeof(dir), "%s", unit_out_dir("dt2"));
	REQUIRE(render_to(d, dir, &o) == 0);
	h = unit_read(dir, "slides/1.html", NULL);
	js = unit_read(dir, "assets/ppj-slide.js", NULL);
	REQUIRE(h && js);
	CHECK(strstr(h, "<span data-date=\"1\" style="));
	CHECK(strstr(h, ">4/1/2000</span>"));
	CHECK(strstr(js, "querySelectorAll('[data-date]')"));
	free(h);
	free(js);
	ppj_deck_free(d);
}

/* A reflection mirrors the whole box below it, faded by a mask. */
TEST(reflection_below_the_box)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_shape *s = &d->slides[0].shapes[2];
	struct ppj_reflection *r = &s->effects.reflection;
	char *h;

	r->present = true;
	r->start_alpha = 0.52;
	r->end_alpha = 0;
	r->end_pos = 0.35;
	r->dist = 38100;
	h = chart_html(d, "rf");
	REQUIRE(h);
	CHECK(strstr(h, ";-webkit-box-reflect:below 4px linear-gradient("
		      "to top,rgba(0,0,0,0.52) 0%,rgba(0,0,0,0) 35%)\">"));
	free(h);

	r->present = false;
	h = chart_html(d, "rf2");
	REQUIRE(h);
	CHECK(!strstr(h, "box-reflect"));
	free(h);
	ppj_deck_free(d);
}

/* A cell's diagonal borders: lines across its box, under its text. */
TEST(table_cell_diagonals)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_cell *cell = &d->slides[0].shapes[4].table->cells[3];
	const char *svg, *text;
	char *h;

	h = chart_html(d, "dg0");
	REQUIRE(h);
	CHECK(!strstr(h, "class=\"dg\""));
	free(h);

	cell->diag_down.fill.kind = PPJ_FILL_SOLID;
	cell->diag_down.fill.color = ppj_rgb(255, 0, 0);
	cell->diag_down.width = 19050;
	cell->diag_up.fill.kind = PPJ_FILL_SOLID;
	h = chart_html(d, "dg1");
	REQUIRE(h);
	svg = strstr(h, "<svg class=\"dg\" viewBox=\"0 0 1 1\" "
		     "preserveAspectRatio=\"none\"><line x1=\"0\" y1=\"0\" "
		     "x2=\"1\" y2=\"1\" stroke=\"#");
	text = strstr(h, "cell B2");
	CHECK(svg && text && svg < text);
	CHECK(strstr(h, "stroke-width=\"2\" vector-effect="));
	CHECK(strstr(h, "<line x1=\"0\" y1=\"1\" x2=\"1\" y2=\"0\""));
	CHECK(strstr(h, "position:relative;padding:"));
	free(h);
	ppj_deck_free(d);
}

/* A compound line: its own masked stroke, the gap cut out. */
TEST(compound_line_is_masked)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_shape *s = &d->slides[0].shapes[2];
	char *h;

	s->line.width = 57150;			/* 6 px */
	s->line.compound = PPJ_CMPD_DOUBLE;
	h = chart_html(d, "cmpd");
	REQUIRE(h);
	CHECK(strstr(h, "maskUnits=\"userSpaceOnUse\""));
	CHECK(strstr(h, "stroke=\"#fff\" stroke-width=\"6\"/>"));
	CHECK(strstr(h, "stroke=\"#000\" stroke-width=\"2\"/>"));
	CHECK(strstr(h, "fill=\"none\" mask=\"url(#g"));
	free(h);

	s->line.compound = PPJ_CMPD_TRIPLE;
	h = chart_html(d, "cmpd3");
	REQUIRE(h);
	CHECK(strstr(h, "stroke=\"#000\" stroke-width=\"3.6\"/>"));
	CHECK(strstr(h, "stroke=\"#fff\" stroke-width=\"1.2\"/>"));
	free(h);

	s->line.width = 12700;			/* too thin for a gap */
	h = chart_html(d, "cmpd1");
	REQUIRE(h);
	CHECK(!strstr(h, "<mask"));
	free(h);
	ppj_deck_free(d);
}

/* y1 and y2 of the first linear gradient of the page. */
static bool gradient_ys(const char *h, double *y1, double *y2)
{
	const char *g = strstr(h, "<linearGradient ");

	return g && strstr(g, " y1=\"") && strstr(g, " y2=\"") &&
	       (*y1 = atof(strstr(g, " y1=\"") + 5), true) &&
	       (*y2 = atof(strstr(g, " y2=\"") + 5), true);
}

/* A gradient that does not turn with its shape keeps its page angle. */
TEST(gradient_without_rotation_stays)
{
	static struct ppj_grad_stop st[2];
	struct ppj_deck *d = sample_deck();
	struct ppj_shape *s = &d->slides[0].shapes[2];	/* rot 30 */
	double y1 = 0, y2 = 0;
	char *h;

	st[0].pos = 0;
	st[0].color = ppj_rgb(255, 0, 0);
	st[1].pos = 1;
	st[1].color = ppj_rgb(0, 0, 255);
	s->fill.kind = PPJ_FILL_GRADIENT;
	s->fill.grad_path = PPJ_GRAD_LINEAR;
	s->fill.grad_angle = 0;
	s->fill.stops = st;
	s->fill.nstops = 2;
	s->fill.rot_with_shape = true;
	h = chart_html(d, "gr1");
	REQUIRE(h && gradient_ys(h, &y1, &y2));
	CHECK(fabs(y1 - y2) < 0.01);	/* left to right in the box */
	free(h);

	s->fill.rot_with_shape = false;
	h = chart_html(d, "gr2");
	REQUIRE(h && gradient_ys(h, &y1, &y2));
	CHECK(y1 - y2 > 10);			/* turned back by 30 deg */
	free(h);
	ppj_deck_free(d);
}

/*
 * LibreOffice's lines: 1.2 em for text boxes, the face's own ascent and
 * descent in table cells (Liberation Sans for Arial: 0.9053 + 0.2119).
 */
TEST(table_text_uses_the_faces_metrics)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_table *tb = d->slides[0].shapes[4].table;
	char *h;
	const char *cell;

	tb->cells[0].text->paras[0].runs[0].font = "Arial";
	d->slides[0].shapes[0].text->paras[0].runs[0].font = "Arial";
	h = chart_html(d, "lines");
	REQUIRE(h);
	cell = strstr(h, "<td");
	REQUIRE(cell);
	CHECK(strstr(cell, "line-height:1.1172;position:relative;top:"));
	CHECK(strstr(h, "line-height:1.2;") && strstr(h, "line-height:1.2;") <
	      cell);
	free(h);
	ppj_deck_free(d);
}

/* Duotone, greyscale and brightness: SVG filters on img, fill and page. */
TEST(recoloured_pictures_are_filtered)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_slide *sl = &d->slides[0];
	struct ppj_shape *pic = slide2_picture(d, &d->slides[1]);
	struct ppj_shape *box = &sl->shapes[2];
	char *h;

	sl->shapes[0] = *pic;
	sl->shapes[0].picture.recolor = PPJ_RECOLOR_DUOTONE;
	sl->shapes[0].picture.duo[0] = ppj_rgb(0, 0, 0);
	sl->shapes[0].picture.duo[1] = ppj_rgb(255, 0, 0);
	box->fill = pic->picture;
	box->fill.recolor = PPJ_RECOLOR_GRAY;
	sl->background = pic->picture;
	sl->background.bright = 0.5;
	h = chart_html(d, "recolor");
	REQUIRE(h);

	/* The picture: a filter mapping luminance from black to red. */
	CHECK(strstr(h, "<svg class=\"fx\" width=\"0\" height=\"0\"><defs>"
		      "<filter id=\"g"));
	CHECK(strstr(h, "<feFuncR type=\"table\" tableValues=\"0 1\"/>"
		      "<feFuncG type=\"table\" tableValues=\"0 0\"/>"));
	CHECK(strstr(h, ";filter:url(#g"));

	/* The shape's picture fill: a greyscale filter on its image. */
	CHECK(strstr(h, "<feColorMatrix type=\"saturate\" values=\"0\"/>"));
	CHECK(strstr(h, "\" filter=\"url(#g"));

	/* The background: an SVG layer, brighter by half. */
	CHECK(strstr(h, "<svg class=\"bg\" width=\"960\" height=\"720\">"));
	CHECK(strstr(h, "slope=\"1\" intercept=\"0.5\"/>"));
	free(h);

	/* Without changes, no filter at all. */
	sl->shapes[0].picture.recolor = PPJ_RECOLOR_NONE;
	box->fill.recolor = PPJ_RECOLOR_NONE;
	sl->background.bright = 0;
	h = chart_html(d, "recolor0");
	REQUIRE(h);
	CHECK(!strstr(h, "<filter"));
	CHECK(!strstr(h, "svg class=\"bg\""));
	free(h);
	ppj_deck_free(d);
}

/*
 * Elements placed by hand: an inner plot exactly where the deck puts it
 * (an outer one holds its labels too), the title and an axis title by
 * their boxes' corners, the legend in its rectangle.
 */
TEST(manual_layouts_place_the_parts)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_COLUMN, 1, 3);
	struct ppj_shape *s = &d->slides[0].shapes[0];
	struct ppj_chart *ch = s->chart;
	struct ppj_chart_place inner = { .set = true, .sized = true,
					 .inner = true, .x = 0.1, .y = 0.3,
					 .w = 0.8, .h = 0.5 };
	double x0, y0, x1, x, y;
	char anchor[16];
	char *h;

	s->xf.cx = 300 * PPJ_EMU_PER_PX;
	s->xf.cy = 200 * PPJ_EMU_PER_PX;
	ch->plot_place = inner;
	ch->title = "Sales";
	ch->title_place = (struct ppj_chart_place){ .set = true, .x = 0.2,
						    .y = 0.05 };
	ch->cat_ax.title = "Year";
	ch->cat_ax.title_place = (struct ppj_chart_place){ .set = true,
							   .x = 0.5,
							   .y = 0.9 };
	ch->legend = true;
	ch->legend_pos = 'r';
	ch->legend_place = (struct ppj_chart_place){ .set = true,
		.sized = true, .x = 0.7, .y = 0.05, .w = 0.25, .h = 0.2 };
	h = chart_html(d, "placed");
	REQUIRE(h && axis_line(h, &x0, &y0, &x1));
	CHECK(fabs(x0 - 30) < 0.01 && fabs(y0 - 160) < 0.01);
	CHECK(fabs(x1 - 270) < 0.01);
	REQUIRE(svg_text_at(h, "Sales", &x, &y, anchor));
	CHECK_STR(anchor, "start");
	CHECK(fabs(x - 64) < 0.01 && y > 14 && y < 40);
	REQUIRE(svg_text_at(h, "Year", &x, &y, anchor));
	CHECK(x > 154 && x < 200 && y > 184 && y < 200);
	CHECK(strstr(h, "<rect x=\"210\" y=\""));
	free(h);

	/* An outer rectangle keeps the labels inside it. */
	ch->plot_place.inner = false;
	h = chart_html(d, "placed-outer");
	REQUIRE(h && axis_line(h, &x0, &y0, &x1));
	CHECK(x0 > 30 + 10 && y0 < 160 - 10 && x1 < 270);
	free(h);
	ppj_deck_free(d);
}

/* The top of the first text box of a page in its shape, px, or -1. */
static double text_box_top(const char *h)
{
	const char *t = strstr(h, "<div class=\"t\" style=\"");
	double x, y;

	if (!t || sscanf(t, "<div class=\"t\" style=\"left:%lfpx;top:%lfpx",
			 &x, &y) != 2)
		return -1;
	return y;
}

/*
 * Insets taller than the box: the text hangs from the middle of the
 * inside-out rectangle when centred, from its bottom edge when anchored
 * there, from the top inset when at the top.
 */
TEST(insets_taller_than_the_box)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_text *t = d->slides[0].shapes[0].text;
	char *h;

	/* The box is 120 px high: the rectangle runs from 150 to -30. */
	t->inset_t = t->inset_b = 150 * PPJ_EMU_PER_PX;
	t->anchor = PPJ_ANCHOR_MIDDLE;
	h = chart_html(d, "insets-mid");
	REQUIRE(h);
	CHECK(fabs(text_box_top(h) - 60) < 0.01);
	free(h);

	t->anchor = PPJ_ANCHOR_BOTTOM;
	h = chart_html(d, "insets-b");
	REQUIRE(h);
	CHECK(fabs(text_box_top(h) + 30) < 0.01);
	free(h);

	t->anchor = PPJ_ANCHOR_TOP;
	h = chart_html(d, "insets-top");
	REQUIRE(h);
	CHECK(fabs(text_box_top(h) - 150) < 0.01);
	free(h);
	ppj_deck_free(d);
}

/* A picture's shadow: the shapes' filter, on a layer around its box. */
TEST(picture_shadow_is_a_filter)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_slide *sl = &d->slides[0];
	struct ppj_shadow *sh;
	const char *fx, *layer, *img;
	char *h;

	sl->shapes[0] = *slide2_picture(d, &d->slides[1]);
	sl->shapes[0].geom.preset = "ellipse";
	h = chart_html(d, "picfx0");
	REQUIRE(h);
	CHECK(!strstr(h, "class=\"pfx\""));
	free(h);

	sh = &sl->shapes[0].effects.shadow;
	sh->present = true;
	sh->color = ppj_rgb(0, 0, 0);
	sh->dist = 38100;			/* 4 px, straight down */
	sh->dir = 90;
	sh->blur = 38100;
	h = chart_html(d, "picfx");
	REQUIRE(h);
	fx = strstr(h, "<svg class=\"fx\" width=\"0\" height=\"0\"><defs>"
		    "<filter id=\"g");
	layer = strstr(h, "<div class=\"pfx\" style=\"filter:url(#g");
	img = strstr(h, "<img ");
	CHECK(fx && layer && img && fx < layer && layer < img);
	CHECK(strstr(h, "<feDropShadow dx=\"0\" dy=\"4\" stdDeviation=\"2\""));
	/* The clip of the ellipse stays on the inner box, under the layer. */
	CHECK(layer && strstr(layer, "<div class=\"pic\" style=\"clip-path:"));
	free(h);
	ppj_deck_free(d);
}

/*
 * Unwrapped text: as wide as the box at least, so that a left-aligned
 * line that fits starts at the left inset; centred on its longest line
 * in a shape that grows to its text.
 */
TEST(unwrapped_text_keeps_its_alignment)
{
	struct ppj_deck *d = sample_deck();
	struct ppj_text *t = d->slides[0].shapes[0].text;
	char *h;

	t->wrap = false;
	h = chart_html(d, "nowrap");
	REQUIRE(h);
	CHECK(strstr(h, "<div class=\"ac\" style=\"max-width:none;"
		      "min-width:100%\">"));
	CHECK(strstr(h, "align-items:center;white-space:pre;"));
	free(h);

	t->autofit = PPJ_FIT_SHAPE;
	h = chart_html(d, "nowrap-grow");
	REQUIRE(h);
	CHECK(strstr(h, "<div class=\"ac\" style=\"max-width:none\">"));
	CHECK(!strstr(h, "min-width:100%"));
	free(h);
	ppj_deck_free(d);
}

/*
 * A legend under the plot: entries side by side as wide as their names,
 * in centred rows as many as fit, the plot shrunk for the extra rows.
 */
TEST(legend_rows_wrap)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_COLUMN, 6, 3);
	struct ppj_shape *s = &d->slides[0].shapes[0];
	struct ppj_chart *ch = s->chart;
	static const char *names[] = { "Series one A", "Series two B",
		"Series thr C", "Series fou D", "Series fiv E",
		"Series six F" };
	double x[6], y[6], x0, y0, x1, ya;
	char anchor[16];
	char *h;

	s->xf.cx = 300 * PPJ_EMU_PER_PX;
	s->xf.cy = 300 * PPJ_EMU_PER_PX;
	ch->legend = true;
	ch->legend_pos = 'b';
	for (int i = 0; i < 6; i++)
		ch->series[i].name = names[i];
	h = chart_html(d, "lgrows");
	REQUIRE(h);
	for (int i = 0; i < 6; i++)
		REQUIRE(svg_text_at(h, names[i], &x[i], &y[i], anchor));
	CHECK(y[0] == y[1] && y[1] < y[2] && y[2] == y[3] && y[3] < y[4]);
	CHECK(x[0] < x[1] && x[0] == x[2] && x[1] == x[3]);
	/* Centred: as much room left of the row as right of it. */
	CHECK(x[0] - 12 - 8 > 10);
	REQUIRE(axis_line(h, &x0, &y0, &x1));
	free(h);

	/* Short names fit one row; the plot gets taller. */
	for (int i = 0; i < 6; i++)
		ch->series[i].name = names[i] + 11;
	h = chart_html(d, "lgrow1");
	REQUIRE(h);
	CHECK(svg_text_at(h, "A", &x[0], &y[0], anchor));
	CHECK(svg_text_at(h, "F", &x[5], &y[5], anchor));
	CHECK(y[0] == y[5]);
	REQUIRE(axis_line(h, &x0, &ya, &x1));
	CHECK(ya > y0 + 30);
	free(h);

	/* The legend's own text size (c:legend/c:txPr). */
	ch->legend_pt = 24;
	h = chart_html(d, "lgsize");
	REQUIRE(h);
	CHECK(strstr(h, "text-anchor=\"start\" font-size=\"32\">A</text>"));
	free(h);
	ppj_deck_free(d);
}

/* Least squares as Office fits trendlines: exact data gives it back. */
TEST(trend_fits)
{
	static const double x[] = { 1, 2, 3, 4, 5 };
	double y[5];
	struct ppj_trendline t = { .kind = PPJ_TREND_LINEAR };
	struct trend_fit f;
	struct ppj_buf b;

	for (int i = 0; i < 5; i++)
		y[i] = 3 - 2 * x[i];
	REQUIRE(render_trend_fit(&t, x, y, 5, &f));
	CHECK(fabs(f.c[0] - 3) < 1e-9 && fabs(f.c[1] + 2) < 1e-9);
	CHECK(fabs(render_trend_at(&f, 10) + 17) < 1e-9);

	t.kind = PPJ_TREND_EXP;		/* y = 2 e^(x/2) */
	for (int i = 0; i < 5; i++)
		y[i] = 2 * exp(x[i] / 2);
	REQUIRE(render_trend_fit(&t, x, y, 5, &f));
	CHECK(fabs(render_trend_at(&f, 6) - 2 * exp(3)) < 1e-6);

	t.kind = PPJ_TREND_POWER;	/* y = 3 x^2 */
	for (int i = 0; i < 5; i++)
		y[i] = 3 * x[i] * x[i];
	REQUIRE(render_trend_fit(&t, x, y, 5, &f));
	CHECK(fabs(render_trend_at(&f, 7) - 147) < 1e-6);
	CHECK(isnan(render_trend_at(&f, -1)));

	t.kind = PPJ_TREND_LOG;		/* y = 1 + 2 ln x */
	for (int i = 0; i < 5; i++)
		y[i] = 1 + 2 * log(x[i]);
	REQUIRE(render_trend_fit(&t, x, y, 5, &f));
	CHECK(fabs(render_trend_at(&f, 9) - (1 + 2 * log(9))) < 1e-9);

	t.kind = PPJ_TREND_POLY;	/* y = x^3 - x + 4 */
	t.order = 3;
	for (int i = 0; i < 5; i++)
		y[i] = x[i] * x[i] * x[i] - x[i] + 4;
	REQUIRE(render_trend_fit(&t, x, y, 5, &f));
	CHECK(fabs(render_trend_at(&f, -2) + 2) < 1e-6);
	CHECK(fabs(render_trend_r2(&f, x, y, 5) - 1) < 1e-9);

	/* The equation: no 1 before a variable, no term that rounds to 0. */
	ppj_buf_init(&b, 0);
	render_trend_eq(&b, &f);
	CHECK_STR(b.data, "y = x\xc2\xb3 - x + 4");
	ppj_buf_reset(&b);
	f = (struct trend_fit){ PPJ_TREND_LINEAR, 2, { 0, -1 } };
	render_trend_eq(&b, &f);
	CHECK_STR(b.data, "y = -x");
	ppj_buf_release(&b);

	/* Too few points for the order, or none a log can take: no fit. */
	t.order = 6;
	CHECK(!render_trend_fit(&t, x, y, 5, &f));
	t.kind = PPJ_TREND_EXP;
	for (int i = 0; i < 5; i++)
		y[i] = -1;
	CHECK(!render_trend_fit(&t, x, y, 5, &f));
}

/* The numbers of a path's d attribute after "M", as points; their count. */
static size_t path_points(const char *d, double *xy, size_t max)
{
	size_t n = 0;

	while (d && *d && *d != '"' && n < max) {
		char *end;

		if (*d != 'M' && *d != 'L')
			break;
		xy[2 * n] = strtod(d + 1, &end);
		xy[2 * n + 1] = strtod(end, &end);
		n++;
		d = end;
	}
	return n;
}

/*
 * A scatter's linear trendline: a straight line through the plot, cut
 * to it, in the series' colour; a moving average: a point per period.
 */
TEST(trendlines_are_drawn)
{
	struct ppj_deck *d = chart_deck(PPJ_CHART_SCATTER, 1, 5);
	struct ppj_series *se = &d->slides[0].shapes[0].chart->series[0];
	double xy[2 * 80];
	const char *t;
	size_t n;
	char *h;

	se->trend.kind = PPJ_TREND_LINEAR;
	se->trend.line.width = 19050;
	h = chart_html(d, "trend");
	REQUIRE(h);
	t = strstr(h, "<clipPath id=\"g");
	REQUIRE(t && strstr(t, "<path fill=\"none\" clip-path=\"url(#g"));
	t = strstr(strstr(t, "<path "), " d=\"");
	REQUIRE(t);
	n = path_points(t + 4, xy, 80);
	CHECK_INT(n, 65);
	/* Collinear: the middle sample halfway between the ends. */
	CHECK(fabs(xy[64] - (xy[0] + xy[128]) / 2) < 0.02);
	CHECK(fabs(xy[65] - (xy[1] + xy[129]) / 2) < 0.02);
	CHECK(strstr(h, "stroke-width=\"2\""));
	free(h);

	/* Exact data: the equation and R squared of its label. */
	for (size_t k = 0; k < 5; k++)
		se->vals[k] = 2 * se->xvals[k] - 0.5;
	se->trend.show_eq = se->trend.show_r2 = true;
	h = chart_html(d, "trend-eq");
	REQUIRE(h);
	CHECK(strstr(h, ">y = 2x - 0.5</text>"));
	CHECK(strstr(h, ">R\xc2\xb2 = 1.0000</text>"));
	free(h);
	se->trend.show_eq = se->trend.show_r2 = false;

	se->trend.kind = PPJ_TREND_MOVING_AVG;
	se->trend.period = 2;
	h = chart_html(d, "trend-ma");
	REQUIRE(h);
	t = strstr(strstr(h, "<clipPath id=\"g"), " d=\"");
	REQUIRE(t);
	CHECK_INT(path_points(t + 4, xy, 80), 4);
	free(h);

	se->trend.kind = PPJ_TREND_NONE;
	h = chart_html(d, "trend-none");
	REQUIRE(h);
	CHECK(!strstr(h, "<clipPath"));
	free(h);
	ppj_deck_free(d);
}
