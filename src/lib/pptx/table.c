/*
 * DrawingML tables (a:tbl) into ppj_table: the grid, merged cells, cell
 * properties and the table style of ppt/tableStyles.xml.
 *
 * A cell's look is built up in layers: the table style's wholeTbl part,
 * then the banding parts, then first/last column and row, then the
 * cell's own tcPr, each layer overwriting what it sets.
 */
#include <string.h>

#include "pptxInt.h"

#define MAX_CELLS 1000000

/* Which table style parts apply to a cell, in order of application. */
struct tflags {
	bool first_row, last_row, first_col, last_col, band_row, band_col;
};

/* A width or height in EMU, kept within 0..2^32. */
static int64_t size_of(const xmlNode *n, const char *attr)
{
	int64_t v = ppj__xml_int(n, attr, 0);

	return v < 0 ? 0 : v > ((int64_t)1 << 32) ? (int64_t)1 << 32 : v;
}

static xmlNode *find_style(struct pptx *px, xmlNode *tblpr)
{
	xmlNode *inl = ppj__xml_child(tblpr, NS_A, "tableStyle");
	const char *id = ppj__xml_text(ppj__xml_child(tblpr, NS_A,
						      "tableStyleId"));
	xmlNode *lst;
	size_t k = 0;

	if (inl)
		return inl;

	/* No id means no style: the list's def is for new tables only. */
	if (!*id)
		return NULL;
	lst = px->table_styles ? xmlDocGetRootElement(px->table_styles)
			       : NULL;
	for (xmlNode *s = ppj__xml_first(lst); s && k++ < 4096;
	     s = ppj__xml_next(s))
		if (ppj_streq(ppj__xml_attr(s, "styleId"), id))
			return s;
	return pptx_builtin_table_style(px, id);
}

static size_t style_parts(xmlNode *style, const struct tflags *f, int r,
			  int c, int nr, int nc, xmlNode **out)
{
	int br = r - (f->first_row ? 1 : 0), bc = c - (f->first_col ? 1 : 0);
	const char *names[8];
	size_t n = 0, k = 0;
	bool top = f->first_row && r == 0, bottom = f->last_row && r == nr - 1;
	bool left = f->first_col && c == 0, right = f->last_col && c == nc - 1;

	names[n++] = "wholeTbl";
	if (f->band_col && bc >= 0)
		names[n++] = bc % 2 ? "band2V" : "band1V";
	if (f->band_row && br >= 0)
		names[n++] = br % 2 ? "band2H" : "band1H";
	if (f->last_col && c == nc - 1)
		names[n++] = "lastCol";
	if (f->first_col && c == 0)
		names[n++] = "firstCol";
	if (f->last_row && r == nr - 1)
		names[n++] = "lastRow";
	if (f->first_row && r == 0)
		names[n++] = "firstRow";
	if ((top || bottom) && (left || right))
		names[n++] = top ? (left ? "nwCell" : "neCell")
				 : (left ? "swCell" : "seCell");
	for (size_t i = 0; i < n && k < 8; i++) {
		xmlNode *p = ppj__xml_child(style, NS_A, names[i]);

		if (p)
			out[k++] = p;
	}
	return k;
}

/* A border of a style part: a:ln or a:lnRef under tcBdr/NAME. */
static int style_border(struct sctx *sc, xmlNode *bdr, const char *name,
			struct ppj_line *out)
{
	xmlNode *b = ppj__xml_child(bdr, NS_A, name);
	xmlNode *ln = ppj__xml_child(b, NS_A, "ln");
	xmlNode *ref = ppj__xml_child(b, NS_A, "lnRef");

	if (ln) {
		memset(out, 0, sizeof(*out));
		return pptx_line(sc, ln, out);
	}
	if (ref && sc->cc.theme) {
		struct ppj_color ph = ppj_rgb(0, 0, 0);
		struct sctx sub = *sc;
		xmlNode *el = pptx_style_entry(sc->cc.theme->line_styles,
					       ppj__xml_int(ref, "idx", 0));

		pptx_color_in(&sc->cc, ref, &ph);
		sub.cc.ph = &ph;
		sub.owner = sc->cc.theme->owner;
		memset(out, 0, sizeof(*out));
		return el ? pptx_line(&sub, el, out) : 0;
	}
	return 0;
}

/*
 * Which of the cell's sides (left, right, top, bottom) are edges of the
 * part's region, whose tcBdr names them left/right/top/bottom and the
 * others insideV/insideH: a row part (first or last row, a band of rows)
 * is one row high, a column part one column wide, a corner one cell.
 */
static void part_edges(const xmlNode *part, int r, int c, int nr, int nc,
		       bool edge[4])
{
	const char *name = (const char *)part->name;
	bool row = strstr(name, "Row") || ppj_endswith(name, "H");
	bool col = strstr(name, "Col") || ppj_endswith(name, "V");
	bool corner = ppj_endswith(name, "Cell");

	edge[0] = col || corner || c == 0;
	edge[1] = col || corner || c == nc - 1;
	edge[2] = row || corner || r == 0;
	edge[3] = row || corner || r == nr - 1;
}

static int apply_part(struct sctx *sc, xmlNode *part, int r, int c, int nr,
		      int nc, struct ppj_cell *cell)
{
	xmlNode *tcs = ppj__xml_child(part, NS_A, "tcStyle");
	xmlNode *bdr = ppj__xml_child(tcs, NS_A, "tcBdr");
	xmlNode *fill = ppj__xml_child(tcs, NS_A, "fill");
	xmlNode *fref = ppj__xml_child(tcs, NS_A, "fillRef");
	bool edge[4];
	int rc = 0;

	if (pptx_find_fill(fill))
		rc = pptx_fill(sc, pptx_find_fill(fill), &cell->fill);
	else if (fref && sc->cc.theme) {
		struct ppj_color ph = ppj_rgb(0, 0, 0);
		struct sctx sub = *sc;
		xmlNode *el = pptx_style_entry(sc->cc.theme->fill_styles,
					       ppj__xml_int(fref, "idx", 0));

		pptx_color_in(&sc->cc, fref, &ph);
		sub.cc.ph = &ph;
		sub.owner = sc->cc.theme->owner;
		if (el)
			rc = pptx_fill(&sub, el, &cell->fill);
	}
	part_edges(part, r, c, nr, nc, edge);
	if (!rc)
		rc = style_border(sc, bdr, edge[0] ? "left" : "insideV",
				  &cell->border_l);
	if (!rc)
		rc = style_border(sc, bdr, edge[1] ? "right" : "insideV",
				  &cell->border_r);
	if (!rc)
		rc = style_border(sc, bdr, edge[2] ? "top" : "insideH",
				  &cell->border_t);
	if (!rc)
		rc = style_border(sc, bdr, edge[3] ? "bottom" : "insideH",
				  &cell->border_b);
	if (!rc)
		rc = style_border(sc, bdr, "tl2br", &cell->diag_down);
	if (!rc)
		rc = style_border(sc, bdr, "tr2bl", &cell->diag_up);
	return rc;
}

static int own_border(struct sctx *sc, xmlNode *tcpr, const char *name,
		      struct ppj_line *out)
{
	xmlNode *ln = ppj__xml_child(tcpr, NS_A, name);

	return ln ? pptx_line(sc, ln, out) : 0;
}

static int cell_props(struct sctx *sc, xmlNode *tcpr, struct ppj_cell *cell)
{
	xmlNode *f = pptx_find_fill(tcpr);
	int rc = 0;

	if (f)
		rc = pptx_fill(sc, f, &cell->fill);
	if (!rc)
		rc = own_border(sc, tcpr, "lnL", &cell->border_l);
	if (!rc)
		rc = own_border(sc, tcpr, "lnR", &cell->border_r);
	if (!rc)
		rc = own_border(sc, tcpr, "lnT", &cell->border_t);
	if (!rc)
		rc = own_border(sc, tcpr, "lnB", &cell->border_b);
	if (!rc)
		rc = own_border(sc, tcpr, "lnTlToBr", &cell->diag_down);
	if (!rc)
		rc = own_border(sc, tcpr, "lnBlToTr", &cell->diag_up);
	return rc;
}

static enum ppj_vert cell_vert(const char *v)
{
	if (ppj_streq(v, "vert"))
		return PPJ_VERT_VERT;
	if (ppj_streq(v, "vert270"))
		return PPJ_VERT_VERT270;
	if (ppj_streq(v, "eaVert") || ppj_streq(v, "mongolianVert"))
		return PPJ_VERT_EA;
	if (v && strncmp(v, "wordArtVert", 11) == 0)
		return PPJ_VERT_STACKED;
	return PPJ_VERT_HORZ;
}

static int cell_text(struct sctx *sc, xmlNode *tc, xmlNode **parts,
		     size_t nparts, struct ppj_cell *cell)
{
	xmlNode *tb = ppj__xml_child(tc, NS_A, "txBody");
	xmlNode *tcpr = ppj__xml_child(tc, NS_A, "tcPr");
	struct text_chain ch;
	const char *anchor = ppj__xml_attr(tcpr, "anchor");
	int rc;

	if (!tb)
		return 0;
	memset(&ch, 0, sizeof(ch));
	ch.lists[ch.nlists++] = sc->px->default_text_style;
	ch.lists[ch.nlists++] = ppj__xml_child(tb, NS_A, "lstStyle");
	for (size_t i = 0; i < nparts; i++) {
		xmlNode *ts = ppj__xml_child(parts[i], NS_A, "tcTxStyle");

		if (ts)
			ch.cell_styles[ch.ncell_styles++] = ts;
	}
	rc = pptx_text(sc, tb, &ch, &cell->text);
	if (rc || !cell->text)
		return rc;
	cell->text->inset_l = ppj__xml_int(tcpr, "marL", 91440);
	cell->text->inset_r = ppj__xml_int(tcpr, "marR", 91440);
	cell->text->inset_t = ppj__xml_int(tcpr, "marT", 45720);
	cell->text->inset_b = ppj__xml_int(tcpr, "marB", 45720);
	if (anchor)
		cell->text->anchor = strcmp(anchor, "ctr") == 0 ?
			PPJ_ANCHOR_MIDDLE : strcmp(anchor, "b") == 0 ?
			PPJ_ANCHOR_BOTTOM : PPJ_ANCHOR_TOP;
	cell->text->anchor_center = ppj__xml_bool(tcpr, "anchorCtr", false);
	cell->text->vert = cell_vert(ppj__xml_attr(tcpr, "vert"));
	return 0;
}

static int read_cell(struct sctx *sc, xmlNode *tc, xmlNode *style,
		     const struct tflags *f, int r, int c,
		     struct ppj_table *t)
{
	struct ppj_cell *cell = &t->cells[(size_t)r * (size_t)t->ncols +
					  (size_t)c];
	xmlNode *parts[8];
	size_t np = style_parts(style, f, r, c, t->nrows, t->ncols, parts);
	int rc = 0;

	cell->grid_span = (int)ppj__xml_int(tc, "gridSpan", 1);
	cell->row_span = (int)ppj__xml_int(tc, "rowSpan", 1);
	if (cell->grid_span < 1 || cell->grid_span > t->ncols - c)
		cell->grid_span = cell->grid_span < 1 ? 1 : t->ncols - c;
	if (cell->row_span < 1 || cell->row_span > t->nrows - r)
		cell->row_span = cell->row_span < 1 ? 1 : t->nrows - r;
	cell->h_merge = ppj__xml_bool(tc, "hMerge", false);
	cell->v_merge = ppj__xml_bool(tc, "vMerge", false);
	for (size_t i = 0; i < np && !rc; i++)
		rc = apply_part(sc, parts[i], r, c, t->nrows, t->ncols, cell);
	if (!rc)
		rc = cell_props(sc, ppj__xml_child(tc, NS_A, "tcPr"), cell);
	return rc ? rc : cell_text(sc, tc, parts, np, cell);
}

static int grid(struct sctx *sc, xmlNode *tbl, struct ppj_table *t)
{
	xmlNode *g = ppj__xml_child(tbl, NS_A, "tblGrid");
	int k = 0;

	for (xmlNode *c = ppj__xml_first(g); c; c = ppj__xml_next(c))
		t->ncols += ppj__xml_is(c, NS_A, "gridCol");
	for (xmlNode *r = ppj__xml_first(tbl); r; r = ppj__xml_next(r))
		t->nrows += ppj__xml_is(r, NS_A, "tr");
	if ((uint64_t)t->ncols * (uint64_t)t->nrows > MAX_CELLS)
		return ppj__error(sc->px->err, PPJ_ETOOLARGE, "a table of "
				  "%d x %d cells", t->ncols, t->nrows);
	t->col_w = ppj_arena_calloc(sc->px->arena, (size_t)t->ncols + 1,
				    sizeof(*t->col_w));
	t->row_h = ppj_arena_calloc(sc->px->arena, (size_t)t->nrows + 1,
				    sizeof(*t->row_h));
	t->cells = ppj_arena_calloc(sc->px->arena, (size_t)t->ncols *
				    (size_t)t->nrows + 1, sizeof(*t->cells));
	if (!t->col_w || !t->row_h || !t->cells)
		return pptx_oom(sc->px);
	for (xmlNode *c = ppj__xml_first(g); c; c = ppj__xml_next(c))
		if (ppj__xml_is(c, NS_A, "gridCol"))
			t->col_w[k++] = size_of(c, "w");
	for (size_t i = 0; i < (size_t)t->ncols * (size_t)t->nrows; i++)
		t->cells[i].grid_span = t->cells[i].row_span = 1;
	return 0;
}

/* Reads an a:tbl into a new table in the arena. */
int pptx_table(struct sctx *sc, xmlNode *tbl, struct ppj_table **out)
{
	struct ppj_table *t = ppj_arena_alloc(sc->px->arena, sizeof(*t));
	xmlNode *pr = ppj__xml_child(tbl, NS_A, "tblPr");
	xmlNode *style = find_style(sc->px, pr);
	struct tflags f = {
		ppj__xml_bool(pr, "firstRow", false),
		ppj__xml_bool(pr, "lastRow", false),
		ppj__xml_bool(pr, "firstCol", false),
		ppj__xml_bool(pr, "lastCol", false),
		ppj__xml_bool(pr, "bandRow", false),
		ppj__xml_bool(pr, "bandCol", false),
	};
	int r = 0, rc;

	if (!t)
		return pptx_oom(sc->px);
	*out = t;
	rc = grid(sc, tbl, t);
	for (xmlNode *tr = ppj__xml_first(tbl); tr && !rc;
	     tr = ppj__xml_next(tr)) {
		int c = 0;

		if (!ppj__xml_is(tr, NS_A, "tr"))
			continue;
		t->row_h[r] = size_of(tr, "h");
		for (xmlNode *tc = ppj__xml_first(tr); tc && !rc &&
		     c < t->ncols; tc = ppj__xml_next(tc))
			if (ppj__xml_is(tc, NS_A, "tc"))
				rc = read_cell(sc, tc, style, &f, r, c++, t);
		r++;
	}
	return rc;
}
