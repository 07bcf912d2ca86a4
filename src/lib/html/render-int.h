/*
 * Internals of the renderer, shared by its files only.
 *
 * One struct rctx carries a whole rendering: the deck, the sink, the
 * options, the page being written, the fonts and media already shipped
 * and the warnings the renderer itself raises (the deck is read-only, so
 * these live here and are merged into the manifest).
 */
#ifndef PPJ_HTML_RENDER_INT_H
#define PPJ_HTML_RENDER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "geom/geom.h"
#include "render.h"

#define RENDER_MAX_DEPTH 64	/* group nesting we draw */
#define RENDER_PAGE_CAP ((size_t)64 << 20)	/* one slide page */

/*
 * JPEG XR pictures decoded per deck: each costs a process and may take
 * the decoder's deadline, so a deck of thousands cannot take hours.
 */
#define RENDER_MAX_CHILD_DECODES 64
#define RENDER_MAX_FONTS 64	/* families we track */

struct rwarn {
	char *code;
	char *message;
};

struct hb_set_t;
struct ppj_font;

/* A family the deck uses, with what we ship for it. */
struct rfont {
	char *family;		/* as in the deck */
	const char *subst;	/* metric-compatible family, or NULL */
	const struct ppj_font *embedded; /* the deck's faces, or NULL */
	double own_asc, own_desc; /* own metrics, ems; 0: not read yet */
	struct hb_set_t *cps;	/* code points written in this family */
	int found;		/* substitute faces shipped (bit: face) */
	const char *ext[4];	/* and their file extensions */
	char file[96];		/* manifest's file: "assets/fonts/..." */
};

/* What became of one media entry (index as in deck->media). */
struct rmedia {
	char *path;		/* "media/3.png" relative to assets/, or NULL */
	bool tried;		/* path is final (NULL: cannot show) */
};

struct rctx {
	const struct ppj_deck *deck;
	struct ppj_sink *sink;
	const struct ppj_options *opts;
	struct ppj_error *err;

	struct ppj_buf *b;		/* the page being written */
	size_t slide_index;		/* into deck->slides */
	int uid;			/* ids for SVG defs, per page */
	int depth;			/* group nesting */
	double box_w, box_h;		/* the boxed shape being drawn, px */
	bool box_fh, box_fv;		/* and its flips */

	struct rmedia *media;		/* deck->nmedia entries */
	int child_decodes;		/* pictures decoded in a child */
	char **extra;			/* paths of media not in that list */
	size_t nextra;

	struct rfont fonts[RENDER_MAX_FONTS];
	size_t nfonts;
	bool cjk;			/* the deck writes CJK text */
	bool cjk_shipped;		/* and its face ships (cjk.c) */
	int cjk_face;			/* its face in the collection */
	bool cjk_bold;			/* some of it is bold */
	struct hb_set_t *cjk_cps;	/* the CJK characters written */

	struct rwarn **warns;		/* per slide, nwarns[i] entries */
	size_t *nwarns;
	struct rwarn *deck_warns;
	size_t ndeck_warns;
};

/* ---- render.c ---- */

/* Adds a renderer warning to the current slide (deduplicated by code). */
void render_warn(struct rctx *c, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Appends a length in px (EMU in) or a plain number, locale-free. */
void render_px(struct ppj_buf *b, int64_t emu);
void render_num(struct ppj_buf *b, double v);

/* Appends s as a JSON string body that is also safe inside <script>. */
void render_json_str(struct ppj_buf *b, const char *s);

/* Appends "#rrggbb" of a colour. */
void render_hex(struct ppj_buf *b, struct ppj_color col);

/* Appends a CSS colour with alpha ("#rrggbb" or "rgba(...)"). */
void render_css_color(struct ppj_buf *b, struct ppj_color col);

/* ---- trend.c ---- */

#define TREND_MAX_COEF 7	/* a polynomial of order 6 */

/* A fitted trend: y = c0 + c1 x (on the logs for exp, log, power). */
struct trend_fit {
	enum ppj_trend_kind kind;
	int n;			/* coefficients used */
	double c[TREND_MAX_COEF];
};

/*
 * Fits trendline t (linear, exponential, logarithmic, power, polynomial)
 * to the n points; false when they cannot make one.
 */
bool render_trend_fit(const struct ppj_trendline *t, const double *x,
		      const double *y, size_t n, struct trend_fit *f);

/* The fitted value at x (NAN where the kind has none). */
double render_trend_at(const struct trend_fit *f, double x);

/* R squared of the fit over the points, as Office reports it. */
double render_trend_r2(const struct trend_fit *f, const double *x,
		       const double *y, size_t n);

/* Appends the fit's equation as Office's label writes it: "y = 2x + 1". */
void render_trend_eq(struct ppj_buf *b, const struct trend_fit *f);

/* ---- cjk.c ---- */

/* Whether a code point is Chinese, Japanese or Korean (Han, kana...). */
bool render_is_cjk(uint32_t cp);

/* Whether a text body writes any. */
bool render_cjk_in(const struct ppj_text *t);

/* Looks for CJK text in the deck and whether its face can ship. */
int render_cjk_init(struct rctx *c);
void render_cjk_release(struct rctx *c);

/* Counts a character written; adds the CJK face to a font stack. */
void render_cjk_text(struct rctx *c, uint32_t cp);
void render_cjk_family(const struct rctx *c, struct ppj_buf *b);

/* Notes a run's text: its bold CJK characters ship the bold face. */
void render_cjk_run(struct rctx *c, const char *text, bool bold);

/* Ships the CJK faces cut down and appends their @font-face rules. */
int render_cjk_css(struct rctx *c, struct ppj_buf *b);

/* ---- shape.c ---- */

/*
 * An SVG filter in defs for glow, soft edges and the outer or inner
 * shadow: its id number, or 0 when the shape has none of them.
 */
int render_effect_filter(struct rctx *c, const struct ppj_effects *e,
			 struct ppj_buf *defs);

/* Writes one shape (any kind) and, for groups, its children. */
int render_shape(struct rctx *c, const struct ppj_shape *s);

/* Whether a picture fill's colours change (duotone, grey, a:lum). */
bool render_recolored(const struct ppj_fill *f);

/*
 * An SVG filter in defs for a picture's colour changes (duotone,
 * greyscale, brightness and contrast): its id number, or 0 for none.
 */
int render_recolor_filter(struct rctx *c, const struct ppj_fill *f,
			  struct ppj_buf *defs);

/*
 * Writes an SVG paint server for fill into defs (a gradient, pattern or
 * picture pattern) sized for a w x h box and appends the paint ("url(#..)"
 * or a colour or "none") to paint. opacity receives the fill opacity.
 */
void render_paint(struct rctx *c, const struct ppj_fill *fill,
		  double w, double h, struct ppj_buf *defs,
		  struct ppj_buf *paint, double *opacity);

/* A line's width in px: its own, or 1 px when it has none. */
double render_line_px(const struct ppj_line *l);

/* Appends stroke attributes of line to b (nothing if no line). */
void render_stroke_attrs(struct rctx *c, const struct ppj_line *line,
			 struct ppj_buf *defs, double w, double h,
			 struct ppj_buf *b, bool markers);

/* CSS background for a slide or cell fill ("background:..;"). */
void render_css_fill(struct rctx *c, const struct ppj_fill *fill,
		     struct ppj_buf *b);

/* ---- text.c ---- */

/*
 * Writes the text body t in a box at (x, y, w, h) px (the text rectangle,
 * insets not yet applied) relative to the current positioned element.
 * flip_v turns the text by 180 degrees, as PowerPoint does.
 */
int render_text(struct rctx *c, const struct ppj_text *t, double x,
		double y, double w, double h, bool flip_v);

/*
 * Writes the paragraphs of t alone; table: they are a table cell's, laid
 * with the faces' own line metrics (see render_font_lines).
 */
int render_paras(struct rctx *c, const struct ppj_text *t, bool table);

/* Appends a CSS font-family list for a deck family and records its use. */
void render_font_family(struct rctx *c, const char *family,
			struct ppj_buf *b);

/* ---- table.c, chart.c ---- */

int render_table(struct rctx *c, const struct ppj_shape *s);
int render_chart(struct rctx *c, const struct ppj_shape *s);

/* ---- picture.c ---- */

/*
 * Ships media m once into assets/ and returns its path relative to
 * assets/ ("media/3.png"), converting EMF/WMF to SVG; NULL (with a
 * warning) when a browser cannot show it.
 */
const char *render_media(struct rctx *c, const struct ppj_media *m);

/* Writes a picture shape (or a media poster) in its box. */
int render_picture(struct rctx *c, const struct ppj_shape *s);

/* Writes an audio or video shape. */
int render_media_shape(struct rctx *c, const struct ppj_shape *s);

/* ---- font.c ---- */

/* Index of family in c->fonts, adding it; -1 when the table is full. */
int render_font_use(struct rctx *c, const char *family);

/*
 * LibreOffice lays out the text of imported decks with font-independent
 * line spacing: a single line is 1.2 em whatever the face, its baseline
 * 1.0 em below the line's top (measured with Arial, Calibri, Times New
 * Roman, Courier New, Cambria and an unknown family, from 80% to 150%
 * spacing). Every @font-face gets these as ascent and descent overrides
 * and no line gap, so that Chromium puts lines and baselines there too.
 */
#define RENDER_LINE_ASCENT 1.0
#define RENDER_LINE_DESCENT 0.2

/*
 * A single line of family in ems, and its descent: RENDER_LINE_* for
 * every family, but the face's own ascent and descent in table cells
 * (table). Records the family as used.
 */
void render_font_lines(struct rctx *c, const char *family, bool table,
		       double *line, double *desc);

/*
 * Records the code points of UTF-8 text written in family, so that the
 * shipped faces keep them (caps: the text is shown upper-cased too).
 */
void render_font_text(struct rctx *c, const char *family, const char *text,
		      bool caps);

/* Substitute family for a deck family, or NULL. */
const char *render_font_subst(const char *family);

/* Writes assets/ppj.css and, if asked, assets/fonts/. */
int render_fonts_css(struct rctx *c);

/* LibreOffice's line metrics as @font-face descriptors. */
void render_font_line_overrides(struct ppj_buf *b);

/* Appends the manifest's "fonts" array. */
void render_fonts_json(struct rctx *c, struct ppj_buf *b);

/* ---- fontpack.c ---- */

/*
 * A face ready to ship: subset to the code points cps and packed as WOFF2
 * (*ext "woff2"); when the subset fails, the whole face (*ext "ttf").
 * Returns a malloc'd buffer, NULL when out of memory.
 */
unsigned char *render_font_pack(const unsigned char *data, size_t len,
				const struct hb_set_t *cps, size_t *out_len,
				const char **ext);

/* The same for face index of a collection (.ttc). */
unsigned char *render_font_pack_face(const unsigned char *data, size_t len,
				     unsigned index,
				     const struct hb_set_t *cps,
				     size_t *out_len, const char **ext);

/* A face's ascent and descent (hhea, no line gap) in ems, if readable. */
bool render_font_metrics(const unsigned char *data, size_t len,
			 double *ascent, double *descent);

/* ---- woff2.c ---- */

/* Packs an sfnt as WOFF2 into a malloc'd *out. Returns 0 or -1. */
int ppj__woff2_encode(const unsigned char *ttf, size_t len,
		      unsigned char **out, size_t *out_len);

/* ---- viewer.c ---- */

/* Writes index.html with the deck's data embedded. */
int render_viewer(struct rctx *c);

/* The small script every slide page loads (assets/ppj-slide.js). */
extern const char render_slide_js[];

#endif
