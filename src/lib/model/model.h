/*
 * The format-neutral model of a deck.
 *
 * A reader (PPTX or legacy PPT) fills one struct ppj_deck with every
 * inherited value already resolved: a shape here carries its own final
 * position, geometry, fill, line and text properties, whatever master,
 * layout, theme or style they came from. The renderer reads only this
 * model and never sees XML or records.
 *
 * Units: lengths are EMU (914400 per inch, 12700 per point, 9525 per CSS
 * pixel) in int64_t; angles are degrees, clockwise; font sizes are points;
 * fractions (crops, gradient stops, alpha) are doubles in 0..1.
 *
 * Memory: everything hangs off deck->arena and is freed with the deck.
 */
#ifndef PPJ_MODEL_H
#define PPJ_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

#define PPJ_EMU_PER_PX 9525
#define PPJ_EMU_PER_PT 12700

/* ---- colours, fills, lines ---- */

/* A resolved colour: theme, scheme and transforms already applied. */
struct ppj_color {
	uint8_t r, g, b;
	double alpha;		/* 1 opaque, 0 invisible */
};

enum ppj_fill_kind {
	PPJ_FILL_NONE = 0,	/* not filled (transparent) */
	PPJ_FILL_SOLID,
	PPJ_FILL_GRADIENT,
	PPJ_FILL_PATTERN,
	PPJ_FILL_PICTURE,
};

enum ppj_grad_path {
	PPJ_GRAD_LINEAR = 0,
	PPJ_GRAD_CIRCLE,
	PPJ_GRAD_RECT,
	PPJ_GRAD_SHAPE,
};

struct ppj_grad_stop {
	double pos;		/* 0..1 */
	struct ppj_color color;
};

/* Insets in fractions of the box (srcRect, fillRect, fillToRect). */
struct ppj_rel_rect {
	double l, t, r, b;
};

struct ppj_media;

/* How a picture's colours are changed (blip effects). */
enum ppj_recolor {
	PPJ_RECOLOR_NONE = 0,
	PPJ_RECOLOR_DUOTONE,	/* luminance mapped between two colours */
	PPJ_RECOLOR_GRAY,	/* greyscale */
};

struct ppj_fill {
	enum ppj_fill_kind kind;
	struct ppj_color color;		/* SOLID */

	/* GRADIENT */
	enum ppj_grad_path grad_path;
	double grad_angle;		/* LINEAR: degrees, 0 = left→right */
	bool grad_scaled;
	bool rot_with_shape;
	struct ppj_rel_rect fill_to;	/* CIRCLE/RECT/SHAPE focus */
	size_t nstops;
	struct ppj_grad_stop *stops;

	/* PATTERN: preset name (a:pattFill prst), e.g. "pct50", "dkHorz" */
	const char *pattern;
	struct ppj_color fg, bg;

	/* PICTURE */
	struct ppj_media *media;
	struct ppj_rel_rect crop;	/* srcRect */
	bool tile;			/* false: stretch */
	struct ppj_rel_rect stretch;	/* fillRect */
	int64_t tile_tx, tile_ty;	/* tile offset, EMU */
	double tile_sx, tile_sy;	/* tile scale, 1 = 100% */
	double pic_alpha;		/* alphaModFix, 1 = opaque */
	enum ppj_recolor recolor;	/* a:duotone, a:grayscl */
	struct ppj_color duo[2];	/* DUOTONE: black and white become */
	double bright, contrast;	/* a:lum, -1..1; 0: unchanged */
};

enum ppj_line_end {
	PPJ_END_NONE = 0,
	PPJ_END_TRIANGLE,
	PPJ_END_STEALTH,
	PPJ_END_DIAMOND,
	PPJ_END_OVAL,
	PPJ_END_ARROW,
};

struct ppj_arrow {
	enum ppj_line_end type;
	int w, len;		/* 0 small, 1 medium, 2 large */
};

enum ppj_cap { PPJ_CAP_FLAT = 0, PPJ_CAP_ROUND, PPJ_CAP_SQUARE };
enum ppj_join { PPJ_JOIN_ROUND = 0, PPJ_JOIN_BEVEL, PPJ_JOIN_MITER };
enum ppj_compound {
	PPJ_CMPD_SINGLE = 0, PPJ_CMPD_DOUBLE, PPJ_CMPD_THICK_THIN,
	PPJ_CMPD_THIN_THICK, PPJ_CMPD_TRIPLE,
};

struct ppj_line {
	struct ppj_fill fill;	/* NONE: no line */
	int64_t width;		/* EMU; 0 means hairline (1 px) */
	const char *dash;	/* preset name ("dash", "sysDot"), NULL solid */
	size_t ndash;		/* custom dash: pairs of dash, space */
	double *dashes;		/* in multiples of the line width */
	enum ppj_cap cap;
	enum ppj_join join;
	enum ppj_compound compound;
	struct ppj_arrow head, tail;
};

/* ---- effects ---- */

struct ppj_shadow {
	bool present;
	bool inner;
	struct ppj_color color;
	int64_t blur;		/* EMU */
	int64_t dist;		/* EMU */
	double dir;		/* degrees */
	double sx, sy;		/* scale; 0 means 1 */
	double ox, oy;		/* scale origin in the shape, 0..1 */
};

/* A mirror image below the shape, fading away from it. */
struct ppj_reflection {
	bool present;
	double start_alpha, end_alpha;	/* 0..1, near and far end */
	double start_pos, end_pos;	/* 0..1 of the height, from the edge */
	int64_t dist;			/* gap between shape and image, EMU */
};

struct ppj_effects {
	struct ppj_shadow shadow;
	struct ppj_reflection reflection;
	bool glow;
	struct ppj_color glow_color;
	int64_t glow_rad;
	int64_t soft_edge;
	bool has_3d;		/* drawn flat; a warning says so */
};

/* ---- geometry ---- */

/*
 * Guides and paths of DrawingML geometry, the same shape for preset
 * definitions (generated table) and a:custGeom (read from the deck). The
 * geometry evaluator (src/lib/geom) turns them into SVG path data.
 */
struct ppj_guide {
	const char *name;
	const char *fmla;	/* e.g. "+- w 0 adj" or "val 5000" */
};

enum ppj_path_cmd {
	PPJ_PATH_MOVE = 0,	/* pts[0] */
	PPJ_PATH_LINE,		/* pts[0] */
	PPJ_PATH_ARC,		/* wR, hR, stAng, swAng in arg[0..3] */
	PPJ_PATH_QUAD,		/* pts[0..1] */
	PPJ_PATH_CUBIC,		/* pts[0..2] */
	PPJ_PATH_CLOSE,
};

/* A coordinate is a guide name or a number, kept as text. */
struct ppj_path_op {
	enum ppj_path_cmd cmd;
	const char *arg[6];	/* x0 y0 x1 y1 x2 y2, or wR hR stAng swAng */
};

enum ppj_path_fill {
	PPJ_PFILL_NORM = 0, PPJ_PFILL_NONE, PPJ_PFILL_LIGHTEN,
	PPJ_PFILL_LIGHTEN_LESS, PPJ_PFILL_DARKEN, PPJ_PFILL_DARKEN_LESS,
};

struct ppj_path {
	int64_t w, h;		/* path coordinate space; 0: the shape's */
	enum ppj_path_fill fill;
	bool stroke;		/* default true */
	size_t nops;
	const struct ppj_path_op *ops;
};

struct ppj_geom_def {
	size_t nav;
	const struct ppj_guide *av;	/* adjust values with defaults */
	size_t ngd;
	const struct ppj_guide *gd;
	const char *rect[4];		/* text rectangle l t r b, or NULL */
	size_t npaths;
	const struct ppj_path *paths;
};

struct ppj_geom {
	const char *preset;		/* "rect", "roundRect", ... or NULL */
	size_t nadj;			/* adjust values overriding defaults */
	struct ppj_guide *adj;		/* name + "val N" */
	const struct ppj_geom_def *custom; /* a:custGeom, when no preset */
};

/* ---- media ---- */

/*
 * A picture, sound, video or font from the deck. The bytes are the
 * original ones; the renderer decides how to ship them. The same part used
 * twice is one media entry.
 */
struct ppj_media {
	int id;				/* 1.., unique in the deck */
	const char *name;		/* base name in the package */
	const char *content_type;	/* "image/png", "image/x-emf", ... */
	const unsigned char *data;
	size_t len;
	const char *external;		/* a linked, never fetched, target */
	int64_t px_w, px_h;		/* pixel size when known, else 0 */
};

/* ---- embedded fonts ---- */

/* Faces of a family, in this order: bit 0 bold, bit 1 italic. */
enum { PPJ_FACE_REGULAR = 0, PPJ_FACE_BOLD, PPJ_FACE_ITALIC,
	PPJ_FACE_BOLD_ITALIC, PPJ_NFACES };

/*
 * A font the deck carries, restored to a plain TrueType or OpenType file
 * (EOT headers, MTX compression and obfuscation undone by the reader).
 * A face whose data is NULL is absent or could not be restored.
 */
struct ppj_font {
	const char *family;		/* as text runs name it */
	struct {
		const unsigned char *data;
		size_t len;
	} face[PPJ_NFACES];
};

/* ---- text ---- */

enum ppj_underline { PPJ_U_NONE = 0, PPJ_U_SINGLE, PPJ_U_DOUBLE,
	PPJ_U_HEAVY, PPJ_U_DOTTED, PPJ_U_DASHED, PPJ_U_WAVY };
enum ppj_strike { PPJ_STRIKE_NONE = 0, PPJ_STRIKE_SINGLE, PPJ_STRIKE_DOUBLE };
enum ppj_caps { PPJ_CAPS_NONE = 0, PPJ_CAPS_SMALL, PPJ_CAPS_ALL };

/* A hyperlink: an address, or a slide of this deck (1..). */
struct ppj_link {
	const char *url;
	int slide;
	const char *tooltip;
};

enum ppj_run_kind {
	PPJ_RUN_TEXT = 0,
	PPJ_RUN_BREAK,		/* a:br, a line break inside the paragraph */
	PPJ_RUN_FIELD,		/* text is the value at conversion time */
};

struct ppj_run {
	enum ppj_run_kind kind;
	const char *text;	/* UTF-8 */
	const char *field;	/* "slidenum", "datetime1", ... */

	const char *font;	/* resolved family for latin text */
	const char *font_ea;	/* East Asian */
	const char *font_cs;	/* complex script */
	const char *font_sym;	/* symbol */
	double size;		/* points, autofit scale NOT applied */
	bool bold, italic;
	enum ppj_underline underline;
	enum ppj_strike strike;
	enum ppj_caps caps;
	double baseline;	/* percent of size: 30 super, -25 sub */
	double spacing;		/* letter spacing, points */
	struct ppj_fill fill;	/* the text colour (usually SOLID) */
	bool has_highlight;
	struct ppj_color highlight;
	struct ppj_line outline;
	struct ppj_shadow shadow;
	const char *lang;
	struct ppj_link link;	/* url NULL and slide 0: none */
};

enum ppj_align {
	PPJ_ALIGN_LEFT = 0, PPJ_ALIGN_CENTER, PPJ_ALIGN_RIGHT,
	PPJ_ALIGN_JUSTIFY, PPJ_ALIGN_DIST,
};

/* A spacing is either a percentage of the line or points. */
struct ppj_spacing {
	bool is_pts;
	double val;		/* pts, or percent (100 = single) */
};

enum ppj_bullet_kind {
	PPJ_BULLET_NONE = 0,
	PPJ_BULLET_CHAR,
	PPJ_BULLET_AUTONUM,
	PPJ_BULLET_PICTURE,
};

struct ppj_bullet {
	enum ppj_bullet_kind kind;
	const char *text;	/* CHAR: Unicode text (Symbol/Wingdings
				   already mapped); AUTONUM: the formatted
				   label ("3.", "iv)", "C"). */
	const char *font;	/* NULL: the first run's font */
	struct ppj_color color;
	bool has_color;		/* false: follows the first run */
	double size_pct;	/* 100 = as the first run */
	double size_pts;	/* > 0: absolute size instead */
	struct ppj_media *picture;
};

struct ppj_para {
	enum ppj_align align;
	int level;		/* 0..8 */
	int64_t margin_left;	/* marL, EMU */
	int64_t indent;		/* first line, EMU, usually negative */
	struct ppj_spacing line;	/* lnSpc; percent 100 if unset */
	struct ppj_spacing before, after;
	bool rtl;
	bool east_asian_break;
	struct ppj_bullet bullet;
	struct ppj_run end;	/* properties of the paragraph mark: the
				   height of an empty paragraph */
	size_t nruns;
	struct ppj_run *runs;
};

enum ppj_anchor { PPJ_ANCHOR_TOP = 0, PPJ_ANCHOR_MIDDLE, PPJ_ANCHOR_BOTTOM };

enum ppj_vert {
	PPJ_VERT_HORZ = 0,
	PPJ_VERT_VERT,		/* rotated 90° clockwise */
	PPJ_VERT_VERT270,	/* rotated 270° */
	PPJ_VERT_EA,		/* East Asian vertical (upright glyphs) */
	PPJ_VERT_STACKED,
};

enum ppj_autofit { PPJ_FIT_NONE = 0, PPJ_FIT_NORMAL, PPJ_FIT_SHAPE };

struct ppj_text {
	int64_t inset_l, inset_t, inset_r, inset_b;	/* EMU */
	enum ppj_anchor anchor;
	bool anchor_center;
	bool wrap;		/* false: wrap="none" */
	enum ppj_vert vert;
	double rot;		/* extra text rotation, degrees */
	bool upright;
	enum ppj_autofit autofit;
	double font_scale;	/* normAutofit fontScale, 1 = 100% */
	double line_reduction;	/* lnSpcReduction, 0.2 = 20% */
	int columns;		/* 1 */
	int64_t column_gap;
	bool rtl_columns;
	bool warped;		/* WordArt: a:prstTxWarp other than none */
	size_t nparas;
	struct ppj_para *paras;
};

/* ---- tables ---- */

struct ppj_cell {
	struct ppj_text *text;
	struct ppj_fill fill;
	struct ppj_line border_l, border_t, border_r, border_b;
	struct ppj_line diag_down, diag_up;	/* tl→br, bl→tr */
	int grid_span, row_span;	/* >= 1 */
	bool h_merge, v_merge;		/* covered by another cell */
};

struct ppj_table {
	int ncols, nrows;
	int64_t *col_w;		/* EMU */
	int64_t *row_h;		/* EMU, minimum heights */
	struct ppj_cell *cells;	/* nrows * ncols, row-major */
};

/* ---- charts ---- */

enum ppj_chart_kind {
	PPJ_CHART_BAR = 0,	/* horizontal bars */
	PPJ_CHART_COLUMN,
	PPJ_CHART_LINE,
	PPJ_CHART_PIE,
	PPJ_CHART_DOUGHNUT,
	PPJ_CHART_AREA,
	PPJ_CHART_SCATTER,
	PPJ_CHART_RADAR,
	PPJ_CHART_BUBBLE,
	PPJ_CHART_OTHER,
};

enum ppj_chart_grouping {
	PPJ_GROUP_CLUSTERED = 0, PPJ_GROUP_STACKED, PPJ_GROUP_PERCENT,
	PPJ_GROUP_STANDARD,
};

enum ppj_trend_kind {
	PPJ_TREND_NONE = 0, PPJ_TREND_LINEAR, PPJ_TREND_EXP, PPJ_TREND_LOG,
	PPJ_TREND_POWER, PPJ_TREND_POLY, PPJ_TREND_MOVING_AVG,
};

/* A series' trendline (c:trendline), fitted by the renderer. */
struct ppj_trendline {
	enum ppj_trend_kind kind;
	int order;		/* POLY: 2..6 */
	int period;		/* MOVING_AVG: 2..255 */
	double forward, backward;	/* extended by, in x units */
	bool show_eq, show_r2;	/* label: the equation, R squared */
	struct ppj_line line;	/* fill NONE: the series' colour */
};

struct ppj_series {
	const char *name;
	size_t npts;
	const char **cats;	/* category labels, may be NULL */
	double *vals;
	double *xvals;		/* scatter, bubble; numeric categories */
	double *sizes;		/* bubble sizes, may be NULL */
	bool *has_val;		/* false: a gap */
	struct ppj_fill fill;
	struct ppj_line line;
	struct ppj_fill *pt_fills;	/* per point (pie), may be NULL */
	bool marker;
	bool no_line;		/* scatter: no line joins the points */
	bool smooth;		/* scatter: the line is a smooth curve */
	bool labels;		/* data labels shown */
	struct ppj_trendline trend;	/* the first of its trendlines */
};

/*
 * One plot of the plot area (a c:barChart, c:lineChart...): a kind drawn
 * over some of the chart's series. Several make a combination chart.
 */
struct ppj_plot {
	enum ppj_chart_kind kind;
	enum ppj_chart_grouping grouping;
	size_t first, count;	/* its series: count from series[first] */
	int gap_width;		/* bars: gap between groups, percent of a bar */
	int overlap;		/* bars: overlap within a group, percent */
	bool secondary;		/* scaled on the secondary value axis */
};

/* What a chart axis shows besides its line and ticks. */
/*
 * A chart element placed by hand (c:manualLayout), in fractions of the
 * chart's size: x and y from its top left corner, or, when *_factor, from
 * where the element would be placed automatically; w and h its size.
 */
struct ppj_chart_place {
	bool set;		/* x and y hold */
	bool sized;		/* w and h hold too */
	bool inner;		/* the plot itself, its labels outside */
	bool x_factor, y_factor;
	double x, y, w, h;
};

struct ppj_axis {
	const char *fmt;	/* number format of its labels; NULL: General */
	const char *title;	/* its title (c:title); NULL: none */
	double title_pt;	/* the title's text size; 0: the chart's */
	bool title_level;	/* a side title that reads level (rot 0) */
	bool title_bold;
	struct ppj_chart_place title_place;
};

struct ppj_chart {
	enum ppj_chart_kind kind;	/* of the first plot */
	enum ppj_chart_grouping grouping;
	const char *title;
	bool legend;
	int legend_pos;		/* 'r', 'l', 't', 'b' */
	bool gridlines;		/* of the value (y) axis */
	bool cat_grid;		/* of the category or x axis; radar spokes */
	bool filled;		/* radar: series are filled areas */
	int bubble_scale;	/* bubble: percent of default size; 0: 100 */
	int hole;		/* doughnut hole, percent */
	int gap_width;		/* bars: gap between groups, percent of a bar */
	int overlap;		/* bars: overlap within a group, percent */
	bool cat_labels;	/* category axis labels shown */
	bool val_labels;	/* value axis labels shown */
	bool cat_reversed;	/* category axis runs maxMin */
	bool val2_labels;	/* secondary value axis labels shown */
	struct ppj_axis cat_ax;	/* the category or x axis */
	struct ppj_axis val_ax;	/* the value (y) axis */
	struct ppj_axis val2_ax;	/* the secondary value axis, right */
	char date_base;		/* date axis unit: 'd', 'm', 'y'; 0: no dates */
	char date_unit;		/* its labels' step unit ('d', 'm', 'y') */
	double date_step;	/* their step in that unit; 0: as many as fit */
	struct ppj_chart_place plot_place;	/* the plot area's */
	struct ppj_chart_place title_place;	/* the title's (x, y) */
	struct ppj_chart_place legend_place;
	double text_pt;		/* size of the chart's text, points */
	double legend_pt;	/* its legend's; 0: text_pt */
	double title_pt;	/* its title's; 0: 1.4 times text_pt */
	bool title_bold;
	struct ppj_color text_color;	/* of all its text */
	struct ppj_fill space_fill;	/* the chart area's own fill */
	struct ppj_line space_line;	/* and border (solid ones drawn) */
	size_t nseries;
	struct ppj_series *series;	/* of all the plots, plot by plot */
	size_t nplots;		/* 0: one plot of kind over all the series */
	struct ppj_plot *plots;	/* drawn on one category axis */
	struct ppj_media *fallback;	/* picture to use if we cannot draw */
};

/* ---- shapes ---- */

enum ppj_shape_kind {
	PPJ_SHAPE_SP = 0,	/* geometry with fill, line and text */
	PPJ_SHAPE_PICTURE,
	PPJ_SHAPE_GROUP,
	PPJ_SHAPE_TABLE,
	PPJ_SHAPE_CHART,
	PPJ_SHAPE_MEDIA,	/* audio or video, with a poster picture */
};

/*
 * Placement: x and y are relative to the parent (the slide, or the top
 * left of the enclosing group's box, already scaled out of the group's
 * child coordinate space). Rotation is about the box's centre and comes
 * after the flips.
 */
struct ppj_xform {
	int64_t x, y, cx, cy;
	double rot;
	bool flip_h, flip_v;
};

struct ppj_shape {
	enum ppj_shape_kind kind;
	int id;
	const char *name;
	const char *descr;	/* alt text */
	struct ppj_xform xf;

	struct ppj_geom geom;
	struct ppj_fill fill;
	struct ppj_line line;
	struct ppj_effects effects;
	struct ppj_text *text;	/* NULL: none */
	struct ppj_link link;	/* click action */

	/* PICTURE (and the poster of MEDIA): the picture fill of the box */
	struct ppj_fill picture;

	/* MEDIA */
	struct ppj_media *media;
	bool is_video;

	struct ppj_table *table;
	struct ppj_chart *chart;

	/* GROUP */
	size_t nchildren;
	struct ppj_shape *children;

	/* For reports: placeholder type ("title", "body") or NULL. */
	const char *placeholder;
	bool from_master;	/* drawn from the layout or master */
};

/* ---- slides and the deck ---- */

struct ppj_warning {
	const char *code;	/* short token: "3d-flat", "missing-picture" */
	const char *message;
};

struct ppj_slide {
	int number;		/* 1.. */
	bool hidden;
	const char *title;	/* plain text of the title placeholder */
	const char *notes;	/* plain text of the speaker notes */
	const char *notes_html;	/* notes with paragraphs, or NULL */
	struct ppj_fill background;
	size_t nshapes;
	struct ppj_shape *shapes;	/* back to front, master shapes first */
	size_t nwarnings;
	struct ppj_warning *warnings;
};

struct ppj_deck {
	struct ppj_arena arena;
	int64_t width, height;		/* slide size, EMU */
	const char *source_format;	/* "pptx" or "ppt" */
	const char *title;		/* document title, may be NULL */
	size_t nslides;
	struct ppj_slide *slides;
	size_t nmedia;
	struct ppj_media **media;
	size_t nfonts;			/* embedded fonts, one a family */
	struct ppj_font *fonts;
	size_t nwarnings;		/* deck-wide warnings */
	struct ppj_warning *warnings;
};

/* ---- helpers (model.c) ---- */

/* A new empty deck whose arena is capped at max_bytes (0: no cap). */
struct ppj_deck *ppj_deck_new(size_t max_bytes);
void ppj_deck_free(struct ppj_deck *deck);

/*
 * Adds a warning to slide (or to the deck when slide is NULL). Repeats of
 * the same code on the same slide are dropped. Returns 0 or PPJ_ENOMEM.
 */
int ppj_warn(struct ppj_deck *deck, struct ppj_slide *slide,
	     const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Defaults for a text body, paragraph and run (the spec's defaults). */
void ppj_text_defaults(struct ppj_text *t);
void ppj_para_defaults(struct ppj_para *p);
void ppj_run_defaults(struct ppj_run *r);

static inline struct ppj_color ppj_rgb(uint8_t r, uint8_t g, uint8_t b)
{
	struct ppj_color c = { r, g, b, 1.0 };

	return c;
}

#endif
