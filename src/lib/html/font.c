/*
 * Fonts: the families a deck names are mapped to metric-compatible ones
 * that a viewer is likely to lack (Calibri -> Carlito, ...). When the
 * options ask for it, the faces each family needs are shipped in
 * assets/fonts/ and declared with @font-face: the deck's own embedded
 * faces under the deck's name, else the four faces of the substitute
 * under both the original and the substitute name, so that the output
 * looks the same on any machine. Each shipped face is cut down to the
 * code points the deck writes in it (fontpack.c). The shared stylesheet
 * assets/ppj.css is written here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hb.h>

#include "model/model.h"
#include "render-int.h"

#define FONT_FILE_MAX ((size_t)32 << 20)

struct font_map {
	const char *family;	/* as decks name it */
	const char *subst;	/* metric-compatible family */
	const char *stem;	/* file stem: stem-Regular.ttf, ... */
	const char *dir;	/* Debian directory under truetype/ */
	const char *generic;
	/* NULL, or the four faces' file stems under opentype/DIR/ */
	const char *const *otf;
};

/* The URW base 35 faces (fonts-urw-base35), named their own way. */
static const char *const nimbus_narrow[4] = { "NimbusSansNarrow-Regular",
	"NimbusSansNarrow-Bold", "NimbusSansNarrow-Oblique",
	"NimbusSansNarrow-BoldOblique" };
static const char *const p052[4] = { "P052-Roman", "P052-Bold",
	"P052-Italic", "P052-BoldItalic" };
static const char *const bookman[4] = { "URWBookman-Light",
	"URWBookman-Demi", "URWBookman-LightItalic", "URWBookman-DemiItalic" };
static const char *const c059[4] = { "C059-Roman", "C059-Bold",
	"C059-Italic", "C059-BdIta" };

#define URW(family, subst, stem, generic, files) \
	{ family, subst, stem, "urw-base35", generic, files }

#define TTF(family, subst, stem, dir, generic) \
	{ family, subst, stem, dir, generic, NULL }

static const struct font_map map[] = {
	TTF("Calibri", "Carlito", "Carlito", "crosextra", "sans-serif"),
	TTF("Calibri Light", "Carlito", "Carlito", "crosextra", "sans-serif"),
	TTF("Carlito", "Carlito", "Carlito", "crosextra", "sans-serif"),
	TTF("Cambria", "Caladea", "Caladea", "crosextra", "serif"),
	TTF("Caladea", "Caladea", "Caladea", "crosextra", "serif"),
	TTF("Arial", "Liberation Sans", "LiberationSans", "liberation2",
	    "sans-serif"),
	TTF("Helvetica", "Liberation Sans", "LiberationSans", "liberation2",
	    "sans-serif"),
	TTF("Liberation Sans", "Liberation Sans", "LiberationSans",
	    "liberation2", "sans-serif"),
	TTF("Times New Roman", "Liberation Serif", "LiberationSerif",
	    "liberation2", "serif"),
	TTF("Times", "Liberation Serif", "LiberationSerif", "liberation2",
	    "serif"),
	TTF("Liberation Serif", "Liberation Serif", "LiberationSerif",
	    "liberation2", "serif"),
	TTF("Courier New", "Liberation Mono", "LiberationMono", "liberation2",
	    "monospace"),
	TTF("Courier", "Liberation Mono", "LiberationMono", "liberation2",
	    "monospace"),
	TTF("Liberation Mono", "Liberation Mono", "LiberationMono",
	    "liberation2", "monospace"),
	/* Where fontconfig (and so LibreOffice) sends these families. */
	URW("Arial Narrow", "Nimbus Sans Narrow", "NimbusSansNarrow",
	    "sans-serif", nimbus_narrow),
	URW("Helvetica Narrow", "Nimbus Sans Narrow", "NimbusSansNarrow",
	    "sans-serif", nimbus_narrow),
	URW("Palatino Linotype", "P052", "P052", "serif", p052),
	URW("Palatino", "P052", "P052", "serif", p052),
	URW("Book Antiqua", "P052", "P052", "serif", p052),
	URW("Bookman Old Style", "URW Bookman", "URWBookman", "serif",
	    bookman),
	URW("Century Schoolbook", "C059", "C059", "serif", c059),
};

/*
 * The substitutes' local() names, and their own ascent and descent
 * (hhea, without the line gap), in ems: LibreOffice lays table text
 * with those (a line of Arial 1.12 em, of Calibri 1.0 em, on its PDFs).
 */
#define FACES(...) ((const char *const[4]){ __VA_ARGS__ })

static const struct {
	const char *subst;
	const char *const *full;
	double asc, desc;
} locals[] = {
	{ "Carlito", FACES("Carlito", "Carlito Bold", "Carlito Italic",
		"Carlito Bold Italic"), 0.75, 0.25 },
	{ "Caladea", FACES("Caladea", "Caladea Bold", "Caladea Italic",
		"Caladea Bold Italic"), 0.9, 0.25 },
	{ "Liberation Sans", FACES("Liberation Sans", "Liberation Sans Bold",
		"Liberation Sans Italic", "Liberation Sans Bold Italic"),
	  0.9053, 0.2119 },
	{ "Liberation Serif", FACES("Liberation Serif",
		"Liberation Serif Bold", "Liberation Serif Italic",
		"Liberation Serif Bold Italic"), 0.8911, 0.2163 },
	{ "Liberation Mono", FACES("Liberation Mono", "Liberation Mono Bold",
		"Liberation Mono Italic", "Liberation Mono Bold Italic"),
	  0.8325, 0.3003 },
	/* The URW faces' full names are their file stems. */
	{ "Nimbus Sans Narrow", nimbus_narrow, 0.718, 0.282 },
	{ "P052", p052, 0.726, 0.274 },
	{ "URW Bookman", bookman, 0.717, 0.283 },
	{ "C059", c059, 0.737, 0.263 },
};

static const char *faces[4] = { "Regular", "Bold", "Italic", "BoldItalic" };

static const struct font_map *map_find(const char *family)
{
	for (size_t i = 0; family && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcasecmp(map[i].family, family) == 0)
			return &map[i];
	return NULL;
}

const char *render_font_subst(const char *family)
{
	const struct font_map *m = map_find(family);

	return m ? m->subst : NULL;
}

static int locals_of(const char *subst)
{
	for (size_t i = 0; subst && i < sizeof(locals) / sizeof(locals[0]);
	     i++)
		if (strcmp(locals[i].subst, subst) == 0)
			return (int)i;
	return -1;
}

static int font_find(const struct rctx *c, const char *family)
{
	for (size_t i = 0; family && i < c->nfonts; i++)
		if (strcasecmp(c->fonts[i].family, family) == 0)
			return (int)i;
	return -1;
}

static const char *generic_of(const char *family);

/* The own metrics of what draws family: its embedded face, its
 * substitute, or the fallback of its generic kind (Noto, DejaVu). */
static void own_metrics(struct rctx *c, const char *family, double *asc,
			double *desc)
{
	int i = render_font_use(c, family);
	const struct font_map *m = map_find(family);
	int k = m ? locals_of(m->subst) : -1;
	struct rfont *rf = i >= 0 ? &c->fonts[i] : NULL;
	const struct ppj_font *e = rf ? rf->embedded : NULL;

	if (rf && rf->own_asc > 0) {		/* read once per family */
		*asc = rf->own_asc;
		*desc = rf->own_desc;
		return;
	}
	for (int f = 0; e && f < PPJ_NFACES; f++)
		if (render_font_metrics(e->face[f].data, e->face[f].len, asc,
					desc)) {
			rf->own_asc = *asc;
			rf->own_desc = *desc;
			return;
		}
	if (k >= 0) {
		*asc = locals[k].asc;
		*desc = locals[k].desc;
	} else if (strcmp(generic_of(family), "monospace") == 0) {
		*asc = 0.9282;
		*desc = 0.2358;
	} else {
		*asc = 1.069;
		*desc = 0.293;
	}
}

void render_font_lines(struct rctx *c, const char *family, bool table,
		       double *line, double *desc)
{
	double asc = RENDER_LINE_ASCENT;

	*desc = RENDER_LINE_DESCENT;
	if (family && table)
		own_metrics(c, family, &asc, desc);
	else if (family)
		render_font_use(c, family);
	*line = asc + *desc;
}

/* A guess of the generic family from the name. */
static const char *generic_of(const char *family)
{
	const struct font_map *m = map_find(family);

	if (m)
		return m->generic;
	if (strcasestr(family, "mono") || strcasestr(family, "courier") ||
	    strcasestr(family, "consolas"))
		return "monospace";
	if (strcasestr(family, "times") || strcasestr(family, "georgia") ||
	    strcasestr(family, "garamond") || strcasestr(family, "serif") ||
	    strcasestr(family, "roman") || strcasestr(family, "book") ||
	    strcasestr(family, "palatino") || strcasestr(family, "century "
							   "schoolbook"))
		return strcasestr(family, "sans") ? "sans-serif" : "serif";
	return "sans-serif";
}

/* A family name as a CSS string: quote-free, bounded. */
static void css_family(struct ppj_buf *b, const char *family)
{
	size_t n = 0;

	ppj_buf_addc(b, '\'');
	for (const char *p = family; *p && n < 64; p++, n++) {
		if (strchr("'\"\\<>;{}&", *p) || (unsigned char)*p < 0x20)
			continue;
		ppj_buf_addc(b, *p);
	}
	ppj_buf_addc(b, '\'');
}

/* The deck's embedded font of that family, or NULL. */
static const struct ppj_font *embedded_of(const struct rctx *c,
					  const char *family)
{
	for (size_t i = 0; i < c->deck->nfonts; i++)
		if (c->deck->fonts[i].family &&
		    strcasecmp(c->deck->fonts[i].family, family) == 0)
			return &c->deck->fonts[i];
	return NULL;
}

int render_font_use(struct rctx *c, const char *family)
{
	int i = font_find(c, family);
	struct rfont *f;

	if (i >= 0)
		return i;
	if (c->nfonts >= RENDER_MAX_FONTS)
		return -1;
	f = &c->fonts[c->nfonts];
	memset(f, 0, sizeof(*f));
	f->family = strdup(family);
	f->cps = hb_set_create();
	if (!f->family || !hb_set_allocation_successful(f->cps)) {
		free(f->family);
		hb_set_destroy(f->cps);
		f->family = NULL;
		f->cps = NULL;
		return -1;
	}
	f->subst = render_font_subst(family);
	f->embedded = embedded_of(c, family);
	return (int)c->nfonts++;
}

/* The next code point of UTF-8 text; bad bytes count as one each. */
static uint32_t utf8_next(const unsigned char **p)
{
	const unsigned char *s = *p;
	int n = s[0] < 0x80 ? 0 : s[0] >= 0xf0 ? 3 : s[0] >= 0xe0 ? 2 :
		s[0] >= 0xc0 ? 1 : -1;
	uint32_t cp;

	if (n <= 0) {
		*p = s + 1;
		return n ? 0xfffd : s[0];
	}
	cp = s[0] & (0x3f >> n);
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p = s + i;
			return 0xfffd;
		}
		cp = cp << 6 | (s[i] & 0x3f);
	}
	*p = s + n + 1;
	return cp;
}

/*
 * Upper case for text-transform, in ASCII and Latin-1 (what decks mostly
 * capitalise); other letters fall back to the next font of the list.
 */
static uint32_t upper_of(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') ||
	    (cp >= 0xe0 && cp <= 0xfe && cp != 0xf7))
		return cp - 0x20;
	return cp == 0xff ? 0x178 : cp;
}

void render_font_text(struct rctx *c, const char *family, const char *text,
		      bool caps)
{
	const unsigned char *p = (const unsigned char *)text;
	int i;

	if (!family || !*family || !text)
		return;
	i = render_font_use(c, family);
	if (i < 0)
		return;
	while (*p) {
		uint32_t cp = utf8_next(&p);

		hb_set_add(c->fonts[i].cps, cp);
		render_cjk_text(c, cp);
		if (caps)
			hb_set_add(c->fonts[i].cps, upper_of(cp));
	}
}

/*
 * The face fontconfig gives a missing family of that generic kind, named
 * so that Chromium picks the same one LibreOffice does (Chromium's own
 * generic sans-serif is Liberation Sans).
 */
static const char *fallback_of(const char *generic)
{
	if (strcmp(generic, "serif") == 0)
		return ",'Noto Serif'";
	if (strcmp(generic, "monospace") == 0)
		return ",'DejaVu Sans Mono'";
	return ",'Noto Sans'";
}

/* Symbol fonts draw bullets, which are mapped to Unicode characters. */
static bool is_symbol_font(const char *family)
{
	return strcasestr(family, "wingdings") || strcasestr(family,
		"webdings") || strcasecmp(family, "Symbol") == 0 ||
		strcasecmp(family, "Marlett") == 0;
}

void render_font_family(struct rctx *c, const char *family,
			struct ppj_buf *b)
{
	const char *subst;

	if (!family || !*family) {
		ppj_buf_adds(b, "sans-serif");
		return;
	}
	render_font_use(c, family);
	css_family(b, family);
	subst = render_font_subst(family);
	if (!subst && !embedded_of(c, family) && !is_symbol_font(family))
		render_warn(c, "font-fallback", "font \"%s\" is neither in "
			    "the deck nor mapped to a metric-compatible face: "
			    "viewers without it draw its text in another font, "
			    "whose lines may break elsewhere", family);
	if (subst && strcasecmp(subst, family) != 0) {
		ppj_buf_addc(b, ',');
		css_family(b, subst);
	}
	if (!subst)
		ppj_buf_adds(b, fallback_of(generic_of(family)));
	render_cjk_family(c, b);
	ppj_buf_addc(b, ',');
	ppj_buf_adds(b, generic_of(family));
}

/* ---- files ---- */

/* Reads a whole font file (capped); NULL if absent. Caller frees. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    (size_t)n <= FONT_FILE_MAX && fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)n);
		if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return data;
}

static unsigned char *find_otf(struct rctx *c, const struct font_map *m,
			       int face, size_t *len)
{
	char path[1024];

	if (c->opts && c->opts->font_dir)
		snprintf(path, sizeof(path), "%s/%s.otf", c->opts->font_dir,
			 m->otf[face]);
	else
		snprintf(path, sizeof(path), "/usr/share/fonts/opentype/%s/"
			 "%s.otf", m->dir, m->otf[face]);
	return slurp(path, len);
}

static unsigned char *find_face(struct rctx *c, const struct font_map *m,
				int k, size_t *len)
{
	static const char *roots[] = { "/usr/share/fonts/truetype",
		"/usr/local/share/fonts" };
	const char *face = faces[k];
	char path[1024];
	unsigned char *d;

	if (m->otf)
		return find_otf(c, m, k, len);
	if (c->opts && c->opts->font_dir) {
		snprintf(path, sizeof(path), "%s/%s-%s.ttf", c->opts->font_dir,
			 m->stem, face);
		return slurp(path, len);
	}
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s/%s-%s.ttf", roots[i],
			 m->dir, m->stem, face);
		if ((d = slurp(path, len)))
			return d;
		if (strcmp(m->dir, "liberation2") == 0) {
			snprintf(path, sizeof(path), "%s/liberation/%s-%s.ttf",
				 roots[i], m->stem, face);
			if ((d = slurp(path, len)))
				return d;
		}
	}
	return NULL;
}

/* Packs one face and writes it as assets/fonts/<stem>.<ext>. */
static int ship_face(struct rctx *c, const unsigned char *data, size_t len,
		     const struct hb_set_t *cps, const char *stem,
		     const char **ext)
{
	char rel[256];
	unsigned char *out;
	size_t n = 0;
	int rc;

	out = render_font_pack(data, len, cps, &n, ext);
	if (!out)
		return ppj__error(c->err, PPJ_ENOMEM, "out of memory");
	snprintf(rel, sizeof(rel), "assets/fonts/%s.%s", stem, *ext);
	rc = ppj_sink_write(c->sink, rel, out, n, c->err);
	free(out);
	return rc;
}

/* The code points of every family the deck maps to subst. */
static hb_set_t *subst_cps(const struct rctx *c, const char *subst)
{
	hb_set_t *u = hb_set_create();

	for (size_t i = 0; i < c->nfonts; i++)
		if (c->fonts[i].subst && strcmp(c->fonts[i].subst, subst) == 0)
			hb_set_union(u, c->fonts[i].cps);
	return u;
}

/*
 * Ships the faces of m's substitute into assets/fonts/, cut down to what
 * every family mapped to it writes, and records them in f.
 */
static int ship_faces(struct rctx *c, const struct font_map *m,
		      struct rfont *f)
{
	hb_set_t *cps = subst_cps(c, m->subst);
	int rc = 0;

	for (int i = 0; i < 4 && !rc; i++) {
		char stem[128];
		unsigned char *data;
		size_t len = 0;

		data = find_face(c, m, i, &len);
		if (!data)
			continue;
		snprintf(stem, sizeof(stem), "%s-%s", m->stem, faces[i]);
		rc = ship_face(c, data, len, cps, stem, &f->ext[i]);
		free(data);
		f->found |= 1 << i;
	}
	hb_set_destroy(cps);
	return rc;
}

/* An earlier family of the deck mapped to the same substitute. */
static const struct rfont *declared(const struct rctx *c, size_t upto,
				    const char *subst)
{
	for (size_t i = 0; i < upto; i++)
		if (c->fonts[i].subst && strcmp(c->fonts[i].subst, subst) == 0)
			return &c->fonts[i];
	return NULL;
}

/* The substitute faces of family i: shipped once per substitute. */
static int subst_faces(struct rctx *c, size_t i, const struct font_map *m)
{
	struct rfont *f = &c->fonts[i];
	const struct rfont *prev = declared(c, i, m->subst);

	if (!c->opts || !c->opts->embed_fonts)
		return 0;
	if (!prev)
		return ship_faces(c, m, f);
	f->found = prev->found;
	memcpy(f->ext, prev->ext, sizeof(f->ext));
	return 0;
}

/* The deck's own faces of family i (index e in deck->fonts). */
static int embedded_faces(struct rctx *c, size_t i, int *shipped,
			  const char **ext)
{
	struct rfont *f = &c->fonts[i];
	size_t e = (size_t)(f->embedded - c->deck->fonts);
	int rc = 0;

	*shipped = 0;
	if (!c->opts || !c->opts->embed_fonts)
		return 0;
	for (int k = 0; k < PPJ_NFACES && !rc; k++) {
		char stem[64];

		if (!f->embedded->face[k].data)
			continue;
		snprintf(stem, sizeof(stem), "embedded%zu-%s", e + 1,
			 faces[k]);
		rc = ship_face(c, f->embedded->face[k].data,
			       f->embedded->face[k].len, f->cps, stem,
			       &ext[k]);
		*shipped |= 1 << k;
	}
	return rc;
}

void render_font_line_overrides(struct ppj_buf *b)
{
	ppj_buf_adds(b, ";ascent-override:");
	ppj_buf_add_num(b, RENDER_LINE_ASCENT * 100, 2);
	ppj_buf_adds(b, "%;descent-override:");
	ppj_buf_add_num(b, RENDER_LINE_DESCENT * 100, 2);
	ppj_buf_adds(b, "%;line-gap-override:0%");
}

/*
 * One @font-face: the shipped file if there is one, else the installed
 * face by name, with the line metrics LibreOffice uses.
 */
static void font_face(struct ppj_buf *b, const char *family,
		      const struct font_map *m, int face, const char *ext)
{
	int k = locals_of(m->subst);

	ppj_buf_adds(b, "@font-face{font-family:");
	css_family(b, family);
	ppj_buf_adds(b, ";src:");
	if (ext)
		ppj_buf_printf(b, "url(\"fonts/%s-%s.%s\")", m->stem,
			       faces[face], ext);
	else if (k >= 0)
		ppj_buf_printf(b, "local(\"%s\"),local(\"%s-%s\")",
			       locals[k].full[face], m->stem, faces[face]);
	ppj_buf_printf(b, ";font-weight:%s;font-style:%s",
		       face & 1 ? "bold" : "normal",
		       face & 2 ? "italic" : "normal");
	render_font_line_overrides(b);
	ppj_buf_adds(b, "}\n");
}

/* One @font-face of an embedded face. */
static void embedded_face(struct rctx *c, struct ppj_buf *b,
			  const struct rfont *f, int face, const char *ext)
{
	size_t e = (size_t)(f->embedded - c->deck->fonts);

	ppj_buf_adds(b, "@font-face{font-family:");
	css_family(b, f->family);
	ppj_buf_printf(b, ";src:url(\"fonts/embedded%zu-%s.%s\")", e + 1,
		       faces[face], ext);
	ppj_buf_printf(b, ";font-weight:%s;font-style:%s",
		       face & 1 ? "bold" : "normal",
		       face & 2 ? "italic" : "normal");
	render_font_line_overrides(b);
	ppj_buf_adds(b, "}\n");
}

static const char base_css[] =
	"/* ppj: shared styles of the slide pages */\n"
	"html,body{margin:0;padding:0}\n"
	"body{overflow:hidden;background:#fff}\n"
	".ppj-slide{position:relative;overflow:hidden;"
	"-webkit-text-size-adjust:none;text-size-adjust:none}\n"
	".ppj-slide div,.ppj-slide p,.ppj-slide td{box-sizing:border-box}\n"
	".s{position:absolute}\n"
	".s>svg.g{position:absolute;left:0;top:0;overflow:visible}\n"
	".ppj-slide>svg.bg{position:absolute;left:0;top:0}\n"
	".t{position:absolute;display:flex;flex-direction:column;"
	"white-space:pre-wrap;overflow-wrap:break-word;tab-size:96px;"
	"font-kerning:none;color:#000}\n"
	".t p,.tc p{margin:0}\n"
	".ac{width:max-content;max-width:100%}\n"
	".bu{display:inline-block;text-indent:0;white-space:pre}\n"
	".lk{position:absolute;left:0;top:0;right:0;bottom:0}\n"
	".shd{position:absolute;left:0;top:0;width:100%;height:100%;"
	"pointer-events:none;user-select:none}\n"
	".shd,.shd *{color:var(--shc)!important;"
	"-webkit-text-fill-color:var(--shc)!important;"
	"text-shadow:none!important;background:none!important;"
	"border-color:transparent!important}\n"
	".shd img,.shd svg{visibility:hidden}\n"
	".dg{position:absolute;left:0;top:0;width:100%;height:100%;"
	"overflow:visible;pointer-events:none}\n"
	".dg~p{position:relative}\n"
	".ppj-slide a{color:inherit}\n"
	".pic{position:absolute;overflow:hidden;left:0;top:0;"
	"width:100%;height:100%}\n"
	".pic img{position:absolute;display:block;max-width:none}\n"
	"svg.fx{position:absolute}\n"
	".pfx{position:absolute;left:0;top:0;width:100%;height:100%}\n"
	".tbl{border-collapse:collapse;table-layout:fixed;position:absolute;"
	"left:0;top:0}\n"
	".tbl td{overflow:visible;white-space:pre-wrap;"
	"overflow-wrap:break-word;tab-size:96px;font-kerning:none;"
	"padding:0}\n"
	".ch{position:absolute;left:0;top:0;overflow:visible}\n"
	".media{position:absolute;left:0;top:0;width:100%;height:100%}\n";

/* The manifest's file of an embedded family: its first shipped face. */
static void manifest_file(const struct rctx *c, struct rfont *f, int emb,
			  const char *const *ext)
{
	for (int k = 0; k < PPJ_NFACES; k++) {
		if (!(emb & (1 << k)))
			continue;
		snprintf(f->file, sizeof(f->file),
			 "assets/fonts/embedded%zu-%s.%s",
			 (size_t)(f->embedded - c->deck->fonts) + 1, faces[k],
			 ext[k]);
		return;
	}
}

/*
 * The rules of family i: each face from the deck's embedded font when it
 * has one, else from the substitute (shipped or local), under the deck's
 * name; the substitute's faces under its own name once.
 */
static int family_css(struct rctx *c, size_t i, struct ppj_buf *b)
{
	struct rfont *f = &c->fonts[i];
	const struct font_map *m = map_find(f->family);
	const char *eext[PPJ_NFACES] = { 0 };
	int emb = 0, rc = 0;

	if (f->embedded)
		rc = embedded_faces(c, i, &emb, eext);
	if (!rc && m)
		rc = subst_faces(c, i, m);
	if (rc)
		return rc;

	for (int k = 0; k < 4; k++) {
		const char *ext = f->found & (1 << k) ? f->ext[k] : NULL;

		if (emb & (1 << k))
			embedded_face(c, b, f, k, eext[k]);
		else if (m)
			font_face(b, f->family, m, k, ext);
		if (m && strcasecmp(f->family, m->subst) != 0 &&
		    !declared(c, i, m->subst))
			font_face(b, m->subst, m, k, ext);
	}

	manifest_file(c, f, emb, eext);
	if (!f->file[0] && m && (f->found & 1))
		snprintf(f->file, sizeof(f->file), "assets/fonts/%s-%s.%s",
			 m->stem, faces[0], f->ext[0]);
	return 0;
}

int render_fonts_css(struct rctx *c)
{
	struct ppj_buf b;
	int rc = 0;

	ppj_buf_init(&b, 0);
	ppj_buf_adds(&b, base_css);
	for (size_t i = 0; i < c->nfonts && !rc; i++)
		rc = family_css(c, i, &b);
	if (!rc)
		rc = render_cjk_css(c, &b);
	if (!rc && b.failed)
		rc = ppj__error(c->err, PPJ_ENOMEM, "stylesheet too large");
	if (!rc)
		rc = ppj_sink_write(c->sink, "assets/ppj.css", b.data, b.len,
				    c->err);
	ppj_buf_release(&b);
	return rc;
}

void render_fonts_json(struct rctx *c, struct ppj_buf *b)
{
	ppj_buf_adds(b, "[");
	for (size_t i = 0; i < c->nfonts; i++) {
		const struct rfont *f = &c->fonts[i];

		ppj_buf_adds(b, i ? ", {\"family\": \"" : "{\"family\": \"");
		render_json_str(b, f->family);
		ppj_buf_adds(b, "\", \"file\": ");
		if (f->file[0]) {
			ppj_buf_adds(b, "\"");
			render_json_str(b, f->file);
			ppj_buf_adds(b, "\"");
		} else {
			ppj_buf_adds(b, "null");
		}
		ppj_buf_adds(b, ", \"substitute\": ");
		if (f->subst) {
			ppj_buf_adds(b, "\"");
			render_json_str(b, f->subst);
			ppj_buf_adds(b, "\"");
		} else {
			ppj_buf_adds(b, "null");
		}
		ppj_buf_adds(b, "}");
	}
	ppj_buf_adds(b, "]");
}
