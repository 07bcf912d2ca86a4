/*
 * geom-gallery: writes an HTML page showing every preset shape as SVG, for
 * checking the geometry evaluator by eye.
 *
 *   ninja -C BUILD src/lib/geom/geom-gallery
 *   BUILD/src/lib/geom/geom-gallery [W H] > /tmp/presets.html
 *
 * Each shape is drawn in a W by H box (default 150 by 100) with its text
 * rectangle dashed in green; filled paths are painted first, then the
 * stroked ones, as a renderer should.
 */
#include <stdio.h>
#include <stdlib.h>

#include "geom/geom.h"

static const char *shade_color(enum ppj_path_fill shade)
{
	switch (shade) {
	case PPJ_PFILL_DARKEN: return "#468";
	case PPJ_PFILL_DARKEN_LESS: return "#679";
	case PPJ_PFILL_LIGHTEN: return "#cde";
	case PPJ_PFILL_LIGHTEN_LESS: return "#abc";
	default: return "#8ab";
	}
}

static void draw(const struct ppj_geom_result *r)
{
	printf("<rect x='%g' y='%g' width='%g' height='%g' fill='none' "
	       "stroke='#0c0' stroke-dasharray='2'/>", r->text_l, r->text_t,
	       r->text_r - r->text_l, r->text_b - r->text_t);
	for (size_t i = 0; i < r->npaths; i++)
		if (r->paths[i].fill)
			printf("<path d='%s' fill='%s'/>", r->paths[i].d,
			       shade_color(r->paths[i].shade));
	for (size_t i = 0; i < r->npaths; i++)
		if (r->paths[i].stroke)
			printf("<path d='%s' fill='none' stroke='#124'/>",
			       r->paths[i].d);
}

int main(int argc, char **argv)
{
	double w = argc > 2 ? atof(argv[1]) : 150;
	double h = argc > 2 ? atof(argv[2]) : 100;

	printf("<!doctype html><meta charset='utf-8'><title>presets</title>"
	       "<body style='font:12px sans-serif;display:flex;"
	       "flex-wrap:wrap'>\n");
	for (size_t i = 0; i < ppj_geom_preset_count(); i++) {
		struct ppj_geom g = { .preset = ppj_geom_preset_name(i) };
		struct ppj_geom_result r;
		struct ppj_error err = { 0 };

		if (ppj_geom_eval(&g, w, h, &r, &err) != 0) {
			fprintf(stderr, "%s: %s\n", g.preset, err.msg);
			continue;
		}
		printf("<div style='margin:4px'><svg width='%g' height='%g' "
		       "viewBox='%g %g %g %g'>", w + 30, h + 30, -15.0,
		       -15.0, w + 30, h + 30);
		draw(&r);
		printf("</svg><br>%s</div>\n", g.preset);
		ppj_geom_result_release(&r);
	}
	printf("</body>\n");
	return 0;
}
