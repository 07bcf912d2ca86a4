/*
 * Tables as a fixed-layout HTML <table> in the frame's box: column widths
 * and minimum row heights from the model, spans, cell fills, borders and
 * cell text with its insets and anchor. The browser grows a row when its
 * text needs more room, as PowerPoint does.
 */
#include <math.h>
#include <string.h>

#include "render-int.h"

#define TABLE_MAX_CELLS 100000

static void border(struct ppj_buf *b, const char *side,
		   const struct ppj_line *l)
{
	struct ppj_color col;
	double w;
	const char *style = "solid";

	if (l->fill.kind != PPJ_FILL_SOLID)
		return;
	col = l->fill.color;
	w = render_line_px(l);
	if (l->dash && !ppj_streq(l->dash, "solid"))
		style = strstr(l->dash, "ot") && !strstr(l->dash, "ash") ?
			"dotted" : "dashed";
	if (l->compound == PPJ_CMPD_DOUBLE && w >= 3)
		style = "double";
	ppj_buf_printf(b, "border-%s:", side);
	render_num(b, w);
	ppj_buf_printf(b, "px %s ", style);
	render_css_color(b, col);
	ppj_buf_adds(b, ";");
}

static double inset(int64_t emu, const struct ppj_line *l)
{
	double v = (double)emu / PPJ_EMU_PER_PX;

	if (l->fill.kind == PPJ_FILL_SOLID)
		v -= render_line_px(l) / 2;
	return v > 0 ? v : 0;
}

static bool has_diagonal(const struct ppj_cell *cell)
{
	return cell->diag_down.fill.kind == PPJ_FILL_SOLID ||
	       cell->diag_up.fill.kind == PPJ_FILL_SOLID;
}

/* One diagonal of the unit square the cell's <svg> is stretched to. */
static void diagonal(struct ppj_buf *b, const struct ppj_line *l, bool up)
{
	if (l->fill.kind != PPJ_FILL_SOLID)
		return;
	ppj_buf_printf(b, "<line x1=\"0\" y1=\"%d\" x2=\"1\" y2=\"%d\" "
		       "stroke=\"", up ? 1 : 0, up ? 0 : 1);
	render_css_color(b, l->fill.color);
	ppj_buf_adds(b, "\" stroke-width=\"");
	render_num(b, render_line_px(l));
	ppj_buf_adds(b, "\" vector-effect=\"non-scaling-stroke\"/>");
}

/* Diagonal borders over the cell's box, under its text. */
static void diagonals(struct ppj_buf *b, const struct ppj_cell *cell)
{
	if (!has_diagonal(cell))
		return;
	ppj_buf_adds(b, "<svg class=\"dg\" viewBox=\"0 0 1 1\" "
		     "preserveAspectRatio=\"none\">");
	diagonal(b, &cell->diag_down, false);
	diagonal(b, &cell->diag_up, true);
	ppj_buf_adds(b, "</svg>");
}

static void cell_style(struct rctx *c, const struct ppj_cell *cell)
{
	static const char *va[] = { "top", "middle", "bottom" };
	struct ppj_buf *b = c->b;
	const struct ppj_text *t = cell->text;

	ppj_buf_adds(b, " style=\"");
	render_css_fill(c, &cell->fill, b);
	border(b, "left", &cell->border_l);
	border(b, "top", &cell->border_t);
	border(b, "right", &cell->border_r);
	border(b, "bottom", &cell->border_b);
	if (has_diagonal(cell))
		ppj_buf_adds(b, "position:relative;");
	if (t) {
		/* Collapsed borders take half their width from the row. */
		ppj_buf_adds(b, "padding:");
		render_num(b, inset(t->inset_t, &cell->border_t));
		ppj_buf_adds(b, "px ");
		render_num(b, inset(t->inset_r, &cell->border_r));
		ppj_buf_adds(b, "px ");
		render_num(b, inset(t->inset_b, &cell->border_b));
		ppj_buf_adds(b, "px ");
		render_num(b, inset(t->inset_l, &cell->border_l));
		ppj_buf_printf(b, "px;vertical-align:%s;",
			       va[(unsigned)t->anchor % 3]);
		if (t->vert == PPJ_VERT_VERT || t->vert == PPJ_VERT_VERT270)
			ppj_buf_adds(b, "writing-mode:vertical-rl;");
	}
	ppj_buf_adds(b, "\"");
}

static void cell_html(struct rctx *c, const struct ppj_table *tb, int r,
		      int k)
{
	const struct ppj_cell *cell = &tb->cells[(size_t)r * tb->ncols + k];
	struct ppj_buf *b = c->b;
	int cs = cell->grid_span, rs = cell->row_span;

	if (cell->h_merge || cell->v_merge)
		return;
	if (cs < 1 || cs > tb->ncols - k)
		cs = cs < 1 ? 1 : tb->ncols - k;
	if (rs < 1 || rs > tb->nrows - r)
		rs = rs < 1 ? 1 : tb->nrows - r;
	ppj_buf_adds(b, "<td");
	if (cs > 1)
		ppj_buf_printf(b, " colspan=\"%d\"", cs);
	if (rs > 1)
		ppj_buf_printf(b, " rowspan=\"%d\"", rs);
	cell_style(c, cell);
	ppj_buf_adds(b, ">");
	diagonals(b, cell);
	if (cell->text)
		render_paras(c, cell->text, true);
	ppj_buf_adds(b, "</td>");
}

int render_table(struct rctx *c, const struct ppj_shape *s)
{
	const struct ppj_table *tb = s->table;
	struct ppj_buf *b = c->b;
	double total = 0;

	if (!tb || tb->ncols <= 0 || tb->nrows <= 0 || !tb->cells ||
	    !tb->col_w || !tb->row_h ||
	    (size_t)tb->ncols * (size_t)tb->nrows > TABLE_MAX_CELLS) {
		render_warn(c, "table", "table of shape %d is empty or too "
			    "large to draw", s->id);
		return 0;
	}
	for (int k = 0; k < tb->ncols; k++)
		total += fmax((double)tb->col_w[k] / PPJ_EMU_PER_PX, 0);
	ppj_buf_adds(b, "<table class=\"tbl tc\" style=\"width:");
	render_num(b, total);
	ppj_buf_adds(b, "px\"><colgroup>");
	for (int k = 0; k < tb->ncols; k++) {
		ppj_buf_adds(b, "<col style=\"width:");
		render_num(b, fmax((double)tb->col_w[k] / PPJ_EMU_PER_PX, 0));
		ppj_buf_adds(b, "px\">");
	}
	ppj_buf_adds(b, "</colgroup>\n");
	for (int r = 0; r < tb->nrows; r++) {
		ppj_buf_adds(b, "<tr style=\"height:");
		render_num(b, fmax((double)tb->row_h[r] / PPJ_EMU_PER_PX, 0));
		ppj_buf_adds(b, "px\">");
		for (int k = 0; k < tb->ncols; k++)
			cell_html(c, tb, r, k);
		ppj_buf_adds(b, "</tr>\n");
	}
	ppj_buf_adds(b, "</table>");
	return 0;
}
