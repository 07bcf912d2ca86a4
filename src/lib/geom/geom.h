/*
 * DrawingML geometry: one evaluator of the guide formulas for the preset
 * shapes (a table generated from the standard's definitions) and for
 * a:custGeom, producing SVG path data and the text rectangle.
 */
#ifndef PPJ_GEOM_H
#define PPJ_GEOM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

/* One evaluated path of a shape, in the units of the w and h given. */
struct ppj_svg_path {
	char *d;		/* SVG path data, malloc'd */
	bool fill;		/* false: fill="none" */
	bool stroke;
	enum ppj_path_fill shade;	/* lighten/darken of the fill */
	bool closed;		/* ends with Z (no arrowheads) */
};

struct ppj_geom_result {
	size_t npaths;
	struct ppj_svg_path *paths;
	/* The text rectangle (left, top, right, bottom) in the same units. */
	double text_l, text_t, text_r, text_b;
};

/* The definition of a preset by name ("rect", "rightArrow"), or NULL. */
const struct ppj_geom_def *ppj_geom_preset(const char *name);

/*
 * Evaluates g for a box of w by h (any unit; the renderer passes CSS
 * pixels). An unknown preset evaluates as "rect" and returns 1 so that
 * the caller can warn; errors return a negative PPJ_E*. Release the
 * result with ppj_geom_result_release.
 */
int ppj_geom_eval(const struct ppj_geom *g, double w, double h,
		  struct ppj_geom_result *out, struct ppj_error *err);

void ppj_geom_result_release(struct ppj_geom_result *r);

/*
 * The number of presets, and the name of the i-th in byte order (NULL
 * when i is out of range): for listing and testing every shape.
 */
size_t ppj_geom_preset_count(void);
const char *ppj_geom_preset_name(size_t i);

/*
 * Evaluates one guide formula ("+/ w 0 2") against the built-in guides of
 * a w by h box only; an unknown name counts as 0. For tests and tools.
 */
double ppj__geom_formula(const char *fmla, double w, double h);

/* The generated table of presets (presets.c), sorted by name. */
struct ppj__geom_preset {
	const char *name;
	const struct ppj_geom_def *def;
};

extern const struct ppj__geom_preset ppj__geom_presets[];
extern const size_t ppj__geom_npresets;

#endif
