/*
 * Unit tests of the geometry evaluator: the formula operators, a few
 * presets checked number by number, custom geometry, every preset of the
 * table at ordinary and degenerate sizes, and hostile definitions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geom/geom.h"
#include "unit.h"

#define CHECK_NEAR(a, b) do {						\
	double a__ = (a), b__ = (b);					\
	if (!(fabs(a__ - b__) < 1e-3)) {				\
		fprintf(stderr, "%s:%d: %s == %g, expected %g\n",	\
			__FILE__, __LINE__, #a, a__, b__);		\
		unit_failures++;					\
	}								\
} while (0)

static double fm(const char *fmla)
{
	return ppj__geom_formula(fmla, 100, 50);
}

/* Evaluates preset name at w by h and returns path i's data (static). */
static const char *preset_d(const char *name, double w, double h, size_t i)
{
	static char d[4096];
	struct ppj_geom g = { .preset = name };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	d[0] = '\0';
	if (ppj_geom_eval(&g, w, h, &r, &err) != 0)
		return "(error)";
	if (i < r.npaths)
		snprintf(d, sizeof(d), "%s", r.paths[i].d);
	ppj_geom_result_release(&r);
	return d;
}

static bool has_bad_number(const char *d)
{
	return strstr(d, "nan") || strstr(d, "inf") || strstr(d, "NAN") ||
	       strstr(d, "INF") || strchr(d, 'e');
}

TEST(formula_arithmetic)
{
	CHECK_NEAR(fm("*/ 10 20 4"), 50);
	CHECK_NEAR(fm("+- 10 20 5"), 25);
	CHECK_NEAR(fm("+/ 10 20 5"), 6);
	CHECK_NEAR(fm("?: 1 2 3"), 2);
	CHECK_NEAR(fm("?: 0 2 3"), 3);
	CHECK_NEAR(fm("?: -1 2 3"), 3);
	CHECK_NEAR(fm("abs -7"), 7);
	CHECK_NEAR(fm("abs 7"), 7);
	CHECK_NEAR(fm("max 3 9"), 9);
	CHECK_NEAR(fm("min 3 9"), 3);
	CHECK_NEAR(fm("mod 3 4 0"), 5);
	CHECK_NEAR(fm("mod 2 3 6"), 7);
	CHECK_NEAR(fm("pin 0 5 10"), 5);
	CHECK_NEAR(fm("pin 0 -5 10"), 0);
	CHECK_NEAR(fm("pin 0 15 10"), 10);
	CHECK_NEAR(fm("sqrt 16"), 4);
	CHECK_NEAR(fm("val 42"), 42);
	CHECK_NEAR(fm("val -8333"), -8333);
	CHECK_NEAR(fm("val 2.5"), 2.5);
}

TEST(formula_angles)
{
	double r2 = sqrt(2) / 2;

	CHECK_NEAR(fm("at2 1 1"), 2700000);
	CHECK_NEAR(fm("at2 0 1"), 5400000);
	CHECK_NEAR(fm("at2 -1 0"), 10800000);
	CHECK_NEAR(fm("cat2 10 1 1"), 10 * r2);
	CHECK_NEAR(fm("sat2 10 1 1"), 10 * r2);
	CHECK_NEAR(fm("sat2 10 0 1"), 10);
	CHECK_NEAR(fm("cos 10 0"), 10);
	CHECK_NEAR(fm("cos 10 cd2"), -10);
	CHECK_NEAR(fm("cos 10 cd4"), 0);
	CHECK_NEAR(fm("sin 10 cd4"), 10);
	CHECK_NEAR(fm("sin 10 3cd4"), -10);
	CHECK_NEAR(fm("sin 10 0"), 0);
	CHECK_NEAR(fm("tan 10 cd8"), 10);
	CHECK_NEAR(fm("tan 10 0"), 0);
}

TEST(formula_builtins)
{
	CHECK_NEAR(fm("val w"), 100);
	CHECK_NEAR(fm("val h"), 50);
	CHECK_NEAR(fm("val r"), 100);
	CHECK_NEAR(fm("val b"), 50);
	CHECK_NEAR(fm("val l"), 0);
	CHECK_NEAR(fm("val hc"), 50);
	CHECK_NEAR(fm("val vc"), 25);
	CHECK_NEAR(fm("val ss"), 50);
	CHECK_NEAR(fm("val ls"), 100);
	CHECK_NEAR(fm("val wd32"), 100.0 / 32);
	CHECK_NEAR(fm("val hd3"), 50.0 / 3);
	CHECK_NEAR(fm("val ssd8"), 50.0 / 8);
	CHECK_NEAR(fm("val cd2"), 10800000);
	CHECK_NEAR(fm("val cd8"), 2700000);
	CHECK_NEAR(fm("val 3cd4"), 16200000);
	CHECK_NEAR(fm("val 3cd8"), 8100000);
	CHECK_NEAR(fm("val 5cd8"), 13500000);
	CHECK_NEAR(fm("val 7cd8"), 18900000);
	CHECK_NEAR(fm("  */   w\t1  4 "), 25);
}

TEST(formula_hostile)
{
	char big[600];

	CHECK_NEAR(fm("*/ 1 1 0"), 0);
	CHECK_NEAR(fm("+/ 1 1 0"), 0);
	CHECK_NEAR(fm("sqrt -4"), 0);
	CHECK_NEAR(fm("val nosuch"), 0);
	CHECK_NEAR(fm("nosuch 1 2 3"), 0);
	CHECK_NEAR(fm(""), 0);
	CHECK_NEAR(fm("   "), 0);
	CHECK_NEAR(fm(NULL), 0);
	CHECK_NEAR(fm("*/"), 0);
	CHECK_NEAR(fm("+- 1"), 1);
	CHECK_NEAR(fm("val 1 2 3 4 5 6"), 1);
	CHECK_NEAR(fm("val 1-2"), 0);
	CHECK_NEAR(fm("val --2"), 0);
	CHECK_NEAR(fm("val ."), 0);

	/* 500 nines overflow a double: that counts as 0, not inf. */
	memcpy(big, "val ", 4);
	memset(big + 4, '9', 500);
	big[504] = '\0';
	CHECK_NEAR(fm(big), 0);
	CHECK(isfinite(fm("tan 1 cd4")));
}

TEST(preset_table)
{
	size_t n = ppj_geom_preset_count();

	CHECK(n >= 180);
	for (size_t i = 1; i < n; i++)
		CHECK(strcmp(ppj_geom_preset_name(i - 1),
			     ppj_geom_preset_name(i)) < 0);
	CHECK(ppj_geom_preset_name(n) == NULL);
	CHECK(ppj_geom_preset("rect") != NULL);
	CHECK(ppj_geom_preset("wedgeRoundRectCallout") != NULL);
	CHECK(ppj_geom_preset("accentBorderCallout1") != NULL);
	CHECK(ppj_geom_preset("nosuch") == NULL);
	CHECK(ppj_geom_preset("") == NULL);
	CHECK(ppj_geom_preset(NULL) == NULL);
}

TEST(rect)
{
	struct ppj_geom g = { .preset = "rect" };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	REQUIRE(ppj_geom_eval(&g, 100, 50, &r, &err) == 0);
	REQUIRE(r.npaths == 1);
	CHECK_STR(r.paths[0].d, "M0 0L100 0L100 50L0 50Z");
	CHECK(r.paths[0].fill);
	CHECK(r.paths[0].stroke);
	CHECK(r.paths[0].closed);
	CHECK_NEAR(r.text_l, 0);
	CHECK_NEAR(r.text_t, 0);
	CHECK_NEAR(r.text_r, 100);
	CHECK_NEAR(r.text_b, 50);
	ppj_geom_result_release(&r);
}

TEST(unknown_preset_is_rect)
{
	struct ppj_geom g = { .preset = "noSuchShape" };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	CHECK_INT(ppj_geom_eval(&g, 10, 20, &r, &err), 1);
	REQUIRE(r.npaths == 1);
	CHECK_STR(r.paths[0].d, "M0 0L10 0L10 20L0 20Z");
	ppj_geom_result_release(&r);

	CHECK_INT(ppj_geom_eval(NULL, 10, 20, &r, &err), 0);
	REQUIRE(r.npaths == 1);
	CHECK_STR(r.paths[0].d, "M0 0L10 0L10 20L0 20Z");
	ppj_geom_result_release(&r);
}

TEST(ellipse)
{
	struct ppj_geom g = { .preset = "ellipse" };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	REQUIRE(ppj_geom_eval(&g, 100, 50, &r, &err) == 0);
	REQUIRE(r.npaths == 1);
	CHECK_STR(r.paths[0].d,
		  "M0 25A50 25 0 0 1 50 0A50 25 0 0 1 100 25"
		  "A50 25 0 0 1 50 50A50 25 0 0 1 0 25Z");

	/* The text box is the square inscribed at 45 degrees. */
	CHECK_NEAR(r.text_l, 50 - 50 * sqrt(2) / 2);
	CHECK_NEAR(r.text_r, 50 + 50 * sqrt(2) / 2);
	CHECK_NEAR(r.text_t, 25 - 25 * sqrt(2) / 2);
	CHECK_NEAR(r.text_b, 25 + 25 * sqrt(2) / 2);
	ppj_geom_result_release(&r);
}

TEST(round_rect_default_and_adjusted)
{
	struct ppj_guide adj = { "adj", "val 50000" };
	struct ppj_geom g = { .preset = "roundRect" };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	/* The corner radius is 16667/100000 of min(w, h) = 8.3335. */
	CHECK_STR(preset_d("roundRect", 100, 50, 0),
		  "M0 8.33A8.33 8.33 0 0 1 8.33 0L91.67 0"
		  "A8.33 8.33 0 0 1 100 8.33L100 41.67"
		  "A8.33 8.33 0 0 1 91.67 50L8.33 50"
		  "A8.33 8.33 0 0 1 0 41.67Z");

	g.nadj = 1;
	g.adj = &adj;
	REQUIRE(ppj_geom_eval(&g, 100, 50, &r, &err) == 0);
	CHECK_STR(r.paths[0].d,
		  "M0 25A25 25 0 0 1 25 0L75 0A25 25 0 0 1 100 25L100 25"
		  "A25 25 0 0 1 75 50L25 50A25 25 0 0 1 0 25Z");
	/* il = x1 * 29289 / 100000 */
	CHECK_NEAR(r.text_l, 25 * 0.29289);
	CHECK_NEAR(r.text_t, 25 * 0.29289);
	CHECK_NEAR(r.text_b, 50 - 25 * 0.29289);
	ppj_geom_result_release(&r);

	/* An override of a name the shape does not have changes nothing. */
	adj.name = "adj9";
	REQUIRE(ppj_geom_eval(&g, 100, 50, &r, &err) == 0);
	CHECK(strncmp(r.paths[0].d, "M0 8.33A", 8) == 0);
	ppj_geom_result_release(&r);
}

TEST(right_arrow)
{
	struct ppj_geom g = { .preset = "rightArrow" };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	REQUIRE(ppj_geom_eval(&g, 100, 50, &r, &err) == 0);
	REQUIRE(r.npaths == 1);
	CHECK_STR(r.paths[0].d,
		  "M0 12.5L75 12.5L75 0L100 25L75 50L75 37.5L0 37.5Z");
	CHECK_NEAR(r.text_l, 0);
	CHECK_NEAR(r.text_t, 12.5);
	CHECK_NEAR(r.text_r, 87.5);
	CHECK_NEAR(r.text_b, 37.5);
	ppj_geom_result_release(&r);
}

TEST(triangle_and_chevron)
{
	struct ppj_geom g = { .preset = "chevron" };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	CHECK_STR(preset_d("triangle", 100, 50, 0), "M0 50L50 0L100 50Z");
	CHECK_STR(preset_d("chevron", 100, 50, 0),
		  "M0 0L75 0L100 25L75 50L0 50L25 25Z");

	REQUIRE(ppj_geom_eval(&g, 100, 50, &r, &err) == 0);
	CHECK_NEAR(r.text_l, 25);
	CHECK_NEAR(r.text_r, 75);
	ppj_geom_result_release(&r);
}

TEST(pie_arcs)
{
	/* 0 to 270 degrees clockwise from 3 o'clock, then to the centre. */
	CHECK_STR(preset_d("pie", 100, 50, 0),
		  "M100 25A50 25 0 0 1 50 50A50 25 0 0 1 0 25"
		  "A50 25 0 0 1 50 0L50 25Z");
}

TEST(arc_shapes_have_arcs)
{
	static const char *const names[] = {
		"arc", "blockArc", "donut", "wedgeRoundRectCallout",
		"chord", "moon", "smileyFace", "cloud",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *d = preset_d(names[i], 100, 50, 0);

		CHECK(d[0] == 'M');
		CHECK(strchr(d, 'A') != NULL);
		CHECK(!has_bad_number(d));
	}

	/* arc: open outline from 270 to 0 degrees, fill path closed. */
	CHECK_STR(preset_d("arc", 100, 50, 1), "M50 0A50 25 0 0 1 100 25");
}

TEST(text_rect_in_order)
{
	static const struct ppj_guide gd[] = { { "x", "*/ w 3 4" } };
	static const struct ppj_geom_def def = {
		.ngd = 1, .gd = gd, .rect = { "x", "b", "10", NULL },
	};
	struct ppj_geom g = { .custom = &def };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	/* Right of left and top below bottom come back swapped. */
	REQUIRE(ppj_geom_eval(&g, 100, 50, &r, &err) == 0);
	CHECK_INT(r.npaths, 0);
	CHECK_NEAR(r.text_l, 10);
	CHECK_NEAR(r.text_r, 75);
	CHECK_NEAR(r.text_t, 50);
	CHECK_NEAR(r.text_b, 50);
	ppj_geom_result_release(&r);

	/* Every preset's text box has a size of zero or more. */
	for (size_t i = 0; i < ppj_geom_preset_count(); i++) {
		struct ppj_geom p = { .preset = ppj_geom_preset_name(i) };

		REQUIRE(ppj_geom_eval(&p, 100, 50, &r, &err) == 0);
		CHECK(r.text_l <= r.text_r && r.text_t <= r.text_b);
		CHECK(r.text_l >= -1e-9 && r.text_r <= 100 + 1e-9);
		ppj_geom_result_release(&r);
	}
}

TEST(custom_quad_cubic_scaled)
{
	static const struct ppj_path_op ops[] = {
		{ PPJ_PATH_MOVE, { "0", "0" } },
		{ PPJ_PATH_QUAD, { "5", "10", "10", "0" } },
		{ PPJ_PATH_CUBIC, { "10", "5", "0", "5", "half" } },
		{ PPJ_PATH_CLOSE, { NULL } },
	};
	static const struct ppj_guide gd[] = { { "half", "*/ 10 1 2" } };
	static const struct ppj_path path = {
		.w = 10, .h = 10, .fill = PPJ_PFILL_DARKEN, .stroke = false,
		.nops = 4, .ops = ops,
	};
	static const struct ppj_geom_def def = {
		.ngd = 1, .gd = gd, .npaths = 1, .paths = &path,
	};
	struct ppj_geom g = { .custom = &def };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	REQUIRE(ppj_geom_eval(&g, 100, 50, &r, &err) == 0);
	REQUIRE(r.npaths == 1);
	/* Path units 10 x 10 scale to 100 x 50; "half" is 5 (unscaled). */
	CHECK_STR(r.paths[0].d, "M0 0Q50 50 100 0C100 25 0 25 50 0Z");
	CHECK(r.paths[0].fill);
	CHECK(!r.paths[0].stroke);
	CHECK_INT(r.paths[0].shade, PPJ_PFILL_DARKEN);
	CHECK(r.paths[0].closed);
	ppj_geom_result_release(&r);
}

/* Evaluates a one-path custom geometry at 100 x 50; returns its data. */
static const char *custom_d(const struct ppj_path_op *ops, size_t nops,
			    const struct ppj_guide *gd, size_t ngd)
{
	static char d[4096];
	struct ppj_path path = { .stroke = true, .nops = nops, .ops = ops };
	struct ppj_geom_def def = {
		.ngd = ngd, .gd = gd, .npaths = 1, .paths = &path,
	};
	struct ppj_geom g = { .custom = &def };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	if (ppj_geom_eval(&g, 100, 50, &r, &err) != 0)
		return "(error)";
	snprintf(d, sizeof(d), "%s", r.npaths ? r.paths[0].d : "(none)");
	ppj_geom_result_release(&r);
	return d;
}

TEST(full_circle_arc)
{
	static const struct ppj_path_op ops[] = {
		{ PPJ_PATH_MOVE, { "r", "vc" } },
		{ PPJ_PATH_ARC, { "wd2", "hd2", "0", "21600000" } },
		{ PPJ_PATH_CLOSE, { NULL } },
	};
	static const struct ppj_path_op ccw[] = {
		{ PPJ_PATH_MOVE, { "hc", "t" } },
		{ PPJ_PATH_ARC, { "wd2", "hd2", "3cd4", "-5400000" } },
	};
	static const struct ppj_path_op huge[] = {
		{ PPJ_PATH_MOVE, { "r", "vc" } },
		{ PPJ_PATH_ARC, { "wd2", "hd2", "0", "999999999999" } },
	};

	CHECK_STR(custom_d(ops, 3, NULL, 0),
		  "M100 25A50 25 0 0 1 50 50A50 25 0 0 1 0 25"
		  "A50 25 0 0 1 50 0A50 25 0 0 1 100 25Z");
	CHECK_STR(custom_d(ccw, 2, NULL, 0), "M50 0A50 25 0 0 0 0 25");
	/* A sweep past a full turn draws one full turn. */
	CHECK_STR(custom_d(huge, 2, NULL, 0),
		  "M100 25A50 25 0 0 1 50 50A50 25 0 0 1 0 25"
		  "A50 25 0 0 1 50 0A50 25 0 0 1 100 25");
}

TEST(arc_start_angle_is_visual)
{
	/*
	 * On a 100 x 50 ellipse, the point at 45 degrees lies on the
	 * diagonal direction from the centre, not at the parameter 45.
	 */
	static const struct ppj_path_op ops[] = {
		{ PPJ_PATH_MOVE, { "px", "py" } },
		{ PPJ_PATH_ARC, { "wd2", "hd2", "cd8", "cd4" } },
	};
	static const struct ppj_guide gd[] = {
		{ "k", "mod 50 25 0" },
		{ "dx", "*/ 1250 1 k" },
		{ "px", "+- 50 dx 0" },
		{ "py", "+- 25 dx 0" },
	};
	double k = 50 * 25 / sqrt(50 * 50 + 25 * 25);
	char want[128];

	/* The end at 135 degrees mirrors the start about x = 50. */
	snprintf(want, sizeof(want), "M%.2f %.2fA50 25 0 0 1 %.2f %.2f",
		 50 + k, 25 + k, 50 - k, 25 + k);
	CHECK_STR(custom_d(ops, 2, gd, 4), want);
}

TEST(paths_start_with_move)
{
	static const struct ppj_path_op ops[] = {
		{ PPJ_PATH_CLOSE, { NULL } },
		{ PPJ_PATH_LINE, { "10", "10" } },
		{ PPJ_PATH_CLOSE, { NULL } },
		{ PPJ_PATH_CLOSE, { NULL } },
		{ PPJ_PATH_LINE, { NULL, NULL } },
		{ (enum ppj_path_cmd)99, { "1", "2" } },
	};

	CHECK_STR(custom_d(ops, 6, NULL, 0), "M0 0L10 10ZL0 0");
	CHECK_STR(custom_d(ops, 0, NULL, 0), "");
}

TEST(hostile_guides)
{
	static const struct ppj_path_op ops[] = {
		{ PPJ_PATH_MOVE, { "a", "b" } },
		{ PPJ_PATH_LINE, { "c", "nosuch" } },
		{ PPJ_PATH_LINE, { "big", "3cd4x" } },
	};
	static const struct ppj_guide gd[] = {
		{ "a", "*/ w 1 0" },
		{ "b", "+- b 1 0" },		/* the built-in b, plus 1 */
		{ "c", "+- c 1 0" },		/* no earlier c: 0 + 1 */
		{ "big", "*/ 1e308 10 1" },
		{ NULL, "val 5" },
		{ "d", NULL },
	};

	CHECK_STR(custom_d(ops, 3, gd, 6), "M0 51L1 0L0 0");
}

TEST(deep_and_many_guides)
{
	struct ppj_guide *gd = calloc(5000, sizeof(*gd));
	static const struct ppj_path_op ops[] = {
		{ PPJ_PATH_MOVE, { "g", "0" } },
	};

	REQUIRE(gd);
	gd[0].name = "g";
	gd[0].fmla = "val 1";
	for (int i = 1; i < 5000; i++) {
		gd[i].name = "g";
		gd[i].fmla = "+- g 1 0";
	}

	/* Each g sees the one before; only the first 1000 are evaluated. */
	CHECK_STR(custom_d(ops, 1, gd, 5000), "M1000 0");
	free(gd);
}

TEST(absurd_boxes)
{
	static const double sizes[][2] = {
		{ 0, 0 }, { 1e300, 1e300 }, { -5, 10 }, { NAN, 5 },
		{ INFINITY, -INFINITY }, { 1e-300, 1e300 },
	};
	struct ppj_geom g = { .preset = "pie" };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		REQUIRE(ppj_geom_eval(&g, sizes[i][0], sizes[i][1], &r,
				      &err) == 0);
		for (size_t j = 0; j < r.npaths; j++)
			CHECK(!has_bad_number(r.paths[j].d));
		CHECK(isfinite(r.text_l) && isfinite(r.text_r));
		CHECK(isfinite(r.text_t) && isfinite(r.text_b));
		ppj_geom_result_release(&r);
	}
}

TEST(every_preset_evaluates)
{
	static const double sizes[][2] = {
		{ 100, 50 }, { 0, 0 }, { 50, 100 }, { 1, 1000 }, { 0, 40 },
	};
	size_t n = ppj_geom_preset_count();

	for (size_t i = 0; i < n; i++) {
		for (size_t s = 0; s < 5; s++) {
			struct ppj_geom g = {
				.preset = ppj_geom_preset_name(i)
			};
			struct ppj_geom_result r;
			struct ppj_error err = { 0 };
			int rc = ppj_geom_eval(&g, sizes[s][0], sizes[s][1],
					       &r, &err);

			CHECK_INT(rc, 0);
			CHECK(r.npaths >= 1);
			for (size_t j = 0; j < r.npaths; j++) {
				const char *d = r.paths[j].d;

				CHECK(d[0] == 'M');
				if (has_bad_number(d) || d[0] != 'M')
					fprintf(stderr, "%s: %s\n",
						g.preset, d);
			}
			CHECK(isfinite(r.text_l) && isfinite(r.text_b));
			ppj_geom_result_release(&r);
		}
	}
}

TEST(limits)
{
	struct ppj_path_op *ops = calloc(100001, sizeof(*ops));
	struct ppj_path path = { .stroke = true, .nops = 100001 };
	struct ppj_geom_def def = { .npaths = 1, .paths = &path };
	struct ppj_geom g = { .custom = &def };
	struct ppj_geom_result r;
	struct ppj_error err = { 0 };
	struct ppj_path *many;

	REQUIRE(ops);
	for (size_t i = 0; i < 100001; i++) {
		ops[i].cmd = PPJ_PATH_LINE;
		ops[i].arg[0] = "123456.789";
		ops[i].arg[1] = "-987654.321";
	}
	path.ops = ops;

	/* Too many operations in one path. */
	CHECK_INT(ppj_geom_eval(&g, 100, 50, &r, &err), PPJ_ETOOLARGE);
	CHECK(r.paths == NULL && r.npaths == 0);

	/* Output over the cap, across several paths. */
	many = calloc(64, sizeof(*many));
	REQUIRE(many);
	for (size_t i = 0; i < 64; i++) {
		many[i] = path;
		many[i].nops = 100000;
	}
	def.npaths = 64;
	def.paths = many;
	ppj__error_clear(&err);
	CHECK_INT(ppj_geom_eval(&g, 100, 50, &r, &err), PPJ_ETOOLARGE);
	CHECK(r.paths == NULL && r.npaths == 0);

	/* Too many paths. */
	def.npaths = 5000;
	CHECK_INT(ppj_geom_eval(&g, 100, 50, &r, &err), PPJ_ETOOLARGE);

	free(many);
	free(ops);
}

/* A small deterministic generator (xorshift) for the random test. */
static unsigned rnd(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

TEST(random_geometries)
{
	static const char *const words[] = {
		"*/", "+-", "+/", "?:", "abs", "at2", "cat2", "cos", "max",
		"min", "mod", "pin", "sat2", "sin", "sqrt", "tan", "val",
		"w", "h", "ss", "cd4", "3cd4", "g0", "g1", "g2", "0", "-1",
		"21600000", "-99999999999", "1.5", "x", "", "nan", "inf",
	};
	const size_t nw = sizeof(words) / sizeof(words[0]);
	static char fmla[8][64];
	struct ppj_guide gd[8];
	struct ppj_path_op ops[12];
	struct ppj_path path = { .stroke = true, .nops = 12, .ops = ops };
	struct ppj_geom_def def = {
		.ngd = 8, .gd = gd, .npaths = 1, .paths = &path,
		.rect = { "g0", "g1", "g2", "x" },
	};
	struct ppj_geom g = { .custom = &def };
	unsigned seed = 12345;

	for (int round = 0; round < 2000; round++) {
		struct ppj_geom_result r;
		struct ppj_error err = { 0 };

		for (size_t i = 0; i < 8; i++) {
			const char *op = words[rnd(&seed) % nw];
			const char *x = words[rnd(&seed) % nw];
			const char *y = words[rnd(&seed) % nw];
			const char *z = words[rnd(&seed) % nw];

			snprintf(fmla[i], sizeof(fmla[i]), "%s %s %s %s",
				 op, x, y, z);
			gd[i].name = words[17 + rnd(&seed) % 14];
			gd[i].fmla = fmla[i];
		}
		for (size_t i = 0; i < 12; i++) {
			ops[i].cmd = (enum ppj_path_cmd)(rnd(&seed) % 7);
			for (size_t k = 0; k < 6; k++)
				ops[i].arg[k] = words[17 + rnd(&seed) % 17];
		}
		path.w = (int64_t)(rnd(&seed) % 3);
		REQUIRE(ppj_geom_eval(&g, rnd(&seed) % 500, rnd(&seed) % 500,
				      &r, &err) == 0);
		REQUIRE(r.npaths == 1);
		CHECK(!has_bad_number(r.paths[0].d));
		CHECK(r.paths[0].d[0] == 'M' || r.paths[0].d[0] == '\0');
		CHECK(isfinite(r.text_l + r.text_t + r.text_r + r.text_b));
		ppj_geom_result_release(&r);
	}
}
