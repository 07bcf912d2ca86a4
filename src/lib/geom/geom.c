/*
 * The DrawingML geometry evaluator.
 *
 * A geometry (a preset from the generated table in presets.c, or an
 * a:custGeom read from a deck) is a list of adjust values, a list of
 * guides (formulas over earlier names) and paths whose coordinates are
 * guide names or numbers. Evaluation happens in three steps: the built-in
 * guides of the box (w, h, hc, ss, cd4, ...), the adjust values (the
 * defaults of the definition, overridden by name from the shape), then the
 * guides in order, each one seeing only what was defined before it. The
 * paths are then walked and written as SVG path data.
 *
 * Every input may be hostile: formulas that divide by zero, refer to
 * unknown names or overflow count as 0, and the number of guides, paths,
 * operations and bytes of output are capped. Nothing here recurses.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geom.h"

#define MAX_GUIDES 1000		/* adjust values + guides of one shape */
#define MAX_PATHS 1024		/* paths of one shape */
#define MAX_OPS 100000		/* operations of one path */
#define MAX_OUT ((size_t)4 << 20)	/* SVG path data of one shape */
#define MAX_BOX 1e9		/* larger boxes are clamped */
#define MAX_TOKEN 4		/* an operator and three arguments */

#define DEG 60000.0		/* angle units per degree */
#define NBUILTIN 48

/* A name and its value; the name points into the definition. */
struct var {
	const char *name;
	double val;
};

/* All names known while evaluating one shape, searched from the end. */
struct env {
	size_t n;
	struct var v[NBUILTIN + MAX_GUIDES];
};

/* A piece of a formula: a pointer into the text and its length. */
struct tok {
	const char *s;
	size_t len;
};

enum op {
	OP_MULDIV, OP_ADDSUB, OP_ADDDIV, OP_IF, OP_ABS, OP_AT2, OP_CAT2,
	OP_COS, OP_MAX, OP_MIN, OP_MOD, OP_PIN, OP_SAT2, OP_SIN, OP_SQRT,
	OP_TAN, OP_VAL,
};

static const struct {
	const char *name;
	enum op op;
} ops[] = {
	{ "*/", OP_MULDIV }, { "+-", OP_ADDSUB }, { "+/", OP_ADDDIV },
	{ "?:", OP_IF }, { "abs", OP_ABS }, { "at2", OP_AT2 },
	{ "cat2", OP_CAT2 }, { "cos", OP_COS }, { "max", OP_MAX },
	{ "min", OP_MIN }, { "mod", OP_MOD }, { "pin", OP_PIN },
	{ "sat2", OP_SAT2 }, { "sin", OP_SIN }, { "sqrt", OP_SQRT },
	{ "tan", OP_TAN }, { "val", OP_VAL },
};

/* The definition of "rect", used for unknown presets and no geometry. */
static const struct ppj_path_op rect_ops[] = {
	{ PPJ_PATH_MOVE, { "l", "t" } },
	{ PPJ_PATH_LINE, { "r", "t" } },
	{ PPJ_PATH_LINE, { "r", "b" } },
	{ PPJ_PATH_LINE, { "l", "b" } },
	{ PPJ_PATH_CLOSE, { NULL } },
};

static const struct ppj_path rect_path = {
	.stroke = true, .nops = 5, .ops = rect_ops,
};

static const struct ppj_geom_def rect_def = {
	.npaths = 1, .paths = &rect_path,
};

static double finite_or_zero(double v)
{
	return isfinite(v) ? v : 0;
}

static double rad(double angle)
{
	return angle / DEG * M_PI / 180.0;
}

/* ---- names and numbers ---- */

static void env_set(struct env *e, const char *name, double val)
{
	if (e->n >= sizeof(e->v) / sizeof(e->v[0]))
		return;
	e->v[e->n].name = name;
	e->v[e->n].val = finite_or_zero(val);
	e->n++;
}

/*
 * Parses t as a decimal number ("-8333", "0.5") without the locale;
 * false if it is anything else, such as a guide name ("3cd4").
 */
static bool parse_num(struct tok t, double *out)
{
	double v = 0, scale = 1;
	bool neg = false, dot = false, digits = false;
	size_t i = 0;

	if (i < t.len && (t.s[i] == '-' || t.s[i] == '+'))
		neg = t.s[i++] == '-';
	for (; i < t.len; i++) {
		char c = t.s[i];

		if (c == '.' && !dot) {
			dot = true;
		} else if (c >= '0' && c <= '9') {
			digits = true;
			if (dot)
				scale /= 10;
			v = v * 10 + (c - '0');
		} else {
			return false;
		}
	}
	if (!digits)
		return false;
	*out = finite_or_zero((neg ? -v : v) * scale);
	return true;
}

/* The value of a number or of the latest definition of a name, else 0. */
static double tok_value(const struct env *e, struct tok t)
{
	double v;

	if (t.len == 0)
		return 0;
	if (parse_num(t, &v))
		return v;
	for (size_t i = e->n; i-- > 0;) {
		const char *name = e->v[i].name;

		if (strncmp(name, t.s, t.len) == 0 && name[t.len] == '\0')
			return e->v[i].val;
	}
	return 0;
}

static double name_value(const struct env *e, const char *s)
{
	struct tok t = { s, s ? strlen(s) : 0 };

	return tok_value(e, t);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Splits s at white space into at most max tokens; returns the count. */
static size_t tokenize(const char *s, struct tok *t, size_t max)
{
	size_t n = 0;

	while (s && *s && n < max) {
		while (is_space(*s))
			s++;
		if (!*s)
			break;
		t[n].s = s;
		while (*s && !is_space(*s))
			s++;
		t[n].len = (size_t)(s - t[n].s);
		n++;
	}
	return n;
}

/* ---- formulas (ECMA-376 20.1.9.11) ---- */

static double divide(double a, double b)
{
	return b == 0 ? 0 : a / b;
}

static double apply(enum op op, double x, double y, double z)
{
	switch (op) {
	case OP_MULDIV: return divide(x * y, z);
	case OP_ADDSUB: return x + y - z;
	case OP_ADDDIV: return divide(x + y, z);
	case OP_IF: return x > 0 ? y : z;
	case OP_ABS: return fabs(x);
	case OP_AT2: return atan2(y, x) * 180.0 / M_PI * DEG;
	case OP_CAT2: return x * cos(atan2(z, y));
	case OP_COS: return x * cos(rad(y));
	case OP_MAX: return x > y ? x : y;
	case OP_MIN: return x < y ? x : y;
	case OP_MOD: return sqrt(x * x + y * y + z * z);
	case OP_PIN: return y < x ? x : y > z ? z : y;
	case OP_SAT2: return x * sin(atan2(z, y));
	case OP_SIN: return x * sin(rad(y));
	case OP_SQRT: return x > 0 ? sqrt(x) : 0;
	case OP_TAN: return x * tan(rad(y));
	case OP_VAL: return x;
	}
	return 0;
}

/* Evaluates one formula; an unknown operator or bad text gives 0. */
static double eval_fmla(const struct env *e, const char *fmla)
{
	struct tok t[MAX_TOKEN];
	double a[3] = { 0, 0, 0 };
	size_t n = tokenize(fmla, t, MAX_TOKEN);

	if (n == 0)
		return 0;
	for (size_t i = 1; i < n; i++)
		a[i - 1] = tok_value(e, t[i]);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t len = strlen(ops[i].name);

		if (t[0].len == len && memcmp(t[0].s, ops[i].name, len) == 0)
			return finite_or_zero(apply(ops[i].op, a[0], a[1],
						    a[2]));
	}
	return 0;
}

/* The built-in guides of a w by h box (ECMA-376 20.1.9.11, table). */
static void add_builtins(struct env *e, double w, double h)
{
	static const int div[] = { 2, 3, 4, 5, 6, 8, 10, 12, 16, 32 };
	static const char *const wd[] = { "wd2", "wd3", "wd4", "wd5",
		"wd6", "wd8", "wd10", "wd12", "wd16", "wd32" };
	static const char *const hd[] = { "hd2", "hd3", "hd4", "hd5",
		"hd6", "hd8", "hd10", "hd12", "hd16", "hd32" };
	static const char *const ssd[] = { "ssd2", "ssd3", "ssd4", "ssd5",
		"ssd6", "ssd8", "ssd10", "ssd12", "ssd16", "ssd32" };
	double ss = w < h ? w : h;

	env_set(e, "w", w);
	env_set(e, "h", h);
	env_set(e, "l", 0);
	env_set(e, "t", 0);
	env_set(e, "r", w);
	env_set(e, "b", h);
	env_set(e, "hc", w / 2);
	env_set(e, "vc", h / 2);
	env_set(e, "ss", ss);
	env_set(e, "ls", w > h ? w : h);
	for (size_t i = 0; i < sizeof(div) / sizeof(div[0]); i++) {
		env_set(e, wd[i], w / div[i]);
		env_set(e, hd[i], h / div[i]);
		env_set(e, ssd[i], ss / div[i]);
	}
	env_set(e, "cd2", 180 * DEG);
	env_set(e, "cd4", 90 * DEG);
	env_set(e, "cd8", 45 * DEG);
	env_set(e, "3cd4", 270 * DEG);
	env_set(e, "3cd8", 135 * DEG);
	env_set(e, "5cd8", 225 * DEG);
	env_set(e, "7cd8", 315 * DEG);
}

double ppj__geom_formula(const char *fmla, double w, double h)
{
	struct env *e = calloc(1, sizeof(*e));
	double v;

	if (!e)
		return 0;
	add_builtins(e, w, h);
	v = eval_fmla(e, fmla);
	free(e);
	return v;
}

/* The formula overriding adjust value name, or NULL. */
static const char *adj_override(const struct ppj_geom *g, const char *name)
{
	for (size_t i = 0; g && g->adj && i < g->nadj; i++)
		if (name && ppj_streq(g->adj[i].name, name))
			return g->adj[i].fmla;
	return NULL;
}

/* Evaluates the adjust values and the guides of def, in order. */
static void eval_guides(struct env *e, const struct ppj_geom_def *def,
			const struct ppj_geom *g)
{
	size_t budget = MAX_GUIDES;

	for (size_t i = 0; def->av && i < def->nav && budget; i++, budget--) {
		const struct ppj_guide *av = &def->av[i];
		const char *fmla = adj_override(g, av->name);

		if (av->name)
			env_set(e, av->name, eval_fmla(e, fmla ? fmla
							   : av->fmla));
	}
	for (size_t i = 0; def->gd && i < def->ngd && budget; i++, budget--) {
		const struct ppj_guide *gd = &def->gd[i];

		if (gd->name)
			env_set(e, gd->name, eval_fmla(e, gd->fmla));
	}
}

/* ---- paths ---- */

/* The state of the pen along one path, in the path's own units. */
struct pen {
	struct ppj_buf *b;
	const struct env *e;
	double sx, sy;		/* path units to box units */
	double x, y;		/* the current point */
	double x0, y0;		/* where the subpath started */
	bool started;		/* path data begun with M */
	bool closed;		/* the last command was Z */
};

/* Appends a command letter and n points (x y pairs) in box units. */
static void put(struct pen *p, char cmd, const double *xy, size_t n)
{
	ppj_buf_addc(p->b, cmd);
	for (size_t i = 0; i < n; i++) {
		if (i)
			ppj_buf_addc(p->b, ' ');
		ppj_buf_add_num(p->b, xy[2 * i] * p->sx, 2);
		ppj_buf_addc(p->b, ' ');
		ppj_buf_add_num(p->b, xy[2 * i + 1] * p->sy, 2);
	}
	p->closed = cmd == 'Z';
}

/* SVG path data must begin with M: start at the current point. */
static void begin(struct pen *p)
{
	double xy[2] = { p->x, p->y };

	if (p->started)
		return;
	put(p, 'M', xy, 1);
	p->x0 = p->x;
	p->y0 = p->y;
	p->started = true;
}

/* Reads n points of op into xy (2n values). */
static void op_points(const struct pen *p, const struct ppj_path_op *op,
		      double *xy, size_t n)
{
	for (size_t i = 0; i < 2 * n; i++)
		xy[i] = name_value(p->e, op->arg[i]);
}

/*
 * The point of an ellipse with radii rx, ry (centred at 0, 0) in the
 * direction of angle a (degrees, clockwise from the x axis). DrawingML
 * arc angles are such visual directions, not the parametric angle of the
 * ellipse, so the parameter is found first.
 */
static void ellipse_point(double rx, double ry, double a, double *x,
			  double *y)
{
	double r = a * M_PI / 180.0;
	double t = atan2(rx * sin(r), ry * cos(r));

	*x = rx * cos(t);
	*y = ry * sin(t);
}

/*
 * arcTo: an arc of the ellipse with radii wr, hr that passes through the
 * current point at angle st and sweeps sw (both in 60000ths of a degree,
 * clockwise when positive). Written as SVG arcs of at most 90 degrees each,
 * so the large-arc flag is never needed and a full turn works.
 */
static void arc_to(struct pen *p, double wr, double hr, double st,
		   double sw)
{
	double cx, cy, x, y;
	int n;

	wr = fabs(wr);
	hr = fabs(hr);
	st /= DEG;
	sw /= DEG;
	if (sw > 360)
		sw = 360;
	if (sw < -360)
		sw = -360;
	begin(p);
	if (sw == 0)
		return;

	ellipse_point(wr, hr, st, &x, &y);
	cx = p->x - x;
	cy = p->y - y;
	n = (int)ceil(fabs(sw) / 90.0 - 1e-9);
	for (int i = 1; i <= n; i++) {
		double xy[2];

		ellipse_point(wr, hr, st + sw * i / n, &x, &y);
		xy[0] = cx + x;
		xy[1] = cy + y;
		ppj_buf_addc(p->b, 'A');
		ppj_buf_add_num(p->b, wr * p->sx, 2);
		ppj_buf_addc(p->b, ' ');
		ppj_buf_add_num(p->b, hr * p->sy, 2);
		ppj_buf_adds(p->b, sw > 0 ? " 0 0 1 " : " 0 0 0 ");
		ppj_buf_add_num(p->b, xy[0] * p->sx, 2);
		ppj_buf_addc(p->b, ' ');
		ppj_buf_add_num(p->b, xy[1] * p->sy, 2);
		p->x = xy[0];
		p->y = xy[1];
	}
	p->closed = false;
}

/* Draws one operation; the current point follows. */
static void draw_op(struct pen *p, const struct ppj_path_op *op)
{
	static const size_t npts[] = {
		[PPJ_PATH_MOVE] = 1, [PPJ_PATH_LINE] = 1,
		[PPJ_PATH_QUAD] = 2, [PPJ_PATH_CUBIC] = 3,
	};
	static const char letter[] = {
		[PPJ_PATH_MOVE] = 'M', [PPJ_PATH_LINE] = 'L',
		[PPJ_PATH_QUAD] = 'Q', [PPJ_PATH_CUBIC] = 'C',
	};
	double xy[6] = { 0 };
	size_t n;

	switch (op->cmd) {
	case PPJ_PATH_ARC:
		op_points(p, op, xy, 2);
		arc_to(p, xy[0], xy[1], xy[2], xy[3]);
		return;
	case PPJ_PATH_CLOSE:
		if (p->started && !p->closed)
			put(p, 'Z', NULL, 0);
		p->x = p->x0;
		p->y = p->y0;
		return;
	case PPJ_PATH_MOVE:
	case PPJ_PATH_LINE:
	case PPJ_PATH_QUAD:
	case PPJ_PATH_CUBIC:
		break;
	default:
		return;
	}

	n = npts[op->cmd];
	op_points(p, op, xy, n);
	if (op->cmd == PPJ_PATH_MOVE) {
		p->started = true;
		p->x0 = xy[0];
		p->y0 = xy[1];
	} else {
		begin(p);
	}
	put(p, letter[op->cmd], xy, n);
	p->x = xy[2 * n - 2];
	p->y = xy[2 * n - 1];
}

static int too_long(struct ppj_error *err)
{
	return ppj__error(err, PPJ_ETOOLARGE,
			  "geometry path data over %zu bytes",
			  (size_t)MAX_OUT);
}

/*
 * Writes path into out, taking at most *budget bytes of SVG path data
 * and lowering *budget by what it used. Returns 0 or a negative PPJ_E*.
 */
static int eval_path(const struct env *e, const struct ppj_path *path,
		     double w, double h, struct ppj_svg_path *out,
		     size_t *budget, struct ppj_error *err)
{
	struct ppj_buf b;
	struct pen p = { .b = &b, .e = e, .sx = 1, .sy = 1 };

	if (path->nops > MAX_OPS)
		return ppj__error(err, PPJ_ETOOLARGE,
				  "geometry path has %zu operations",
				  path->nops);
	if (*budget == 0)
		return too_long(err);
	if (path->w > 0)
		p.sx = w / (double)path->w;
	if (path->h > 0)
		p.sy = h / (double)path->h;

	ppj_buf_init(&b, *budget);
	for (size_t i = 0; path->ops && i < path->nops; i++)
		draw_op(&p, &path->ops[i]);
	if (b.failed) {
		ppj_buf_release(&b);
		return too_long(err);
	}

	*budget -= b.len;
	out->d = ppj_buf_detach(&b, NULL);
	if (!out->d)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	out->fill = path->fill != PPJ_PFILL_NONE;
	out->stroke = path->stroke;
	out->shade = path->fill;
	out->closed = p.closed;
	return 0;
}

/* ---- the whole shape ---- */

static int compare_preset(const void *key, const void *elem)
{
	const struct ppj__geom_preset *p = elem;

	return strcmp(key, p->name);
}

const struct ppj_geom_def *ppj_geom_preset(const char *name)
{
	const struct ppj__geom_preset *p;

	if (!name)
		return NULL;
	p = bsearch(name, ppj__geom_presets, ppj__geom_npresets,
		    sizeof(ppj__geom_presets[0]), compare_preset);
	return p ? p->def : NULL;
}

size_t ppj_geom_preset_count(void)
{
	return ppj__geom_npresets;
}

const char *ppj_geom_preset_name(size_t i)
{
	return i < ppj__geom_npresets ? ppj__geom_presets[i].name : NULL;
}

/* The definition to draw for g; *unknown is set for a missing preset. */
static const struct ppj_geom_def *pick_def(const struct ppj_geom *g,
					   bool *unknown)
{
	const struct ppj_geom_def *def;

	*unknown = false;
	if (!g)
		return &rect_def;
	if (g->preset) {
		def = ppj_geom_preset(g->preset);
		if (def)
			return def;
		*unknown = true;
		return &rect_def;
	}
	return g->custom ? g->custom : &rect_def;
}

static double clamp_box(double v)
{
	if (!isfinite(v) || v < 0)
		return 0;
	return v > MAX_BOX ? MAX_BOX : v;
}

static void order(double *lo, double *hi)
{
	double t = *lo;

	if (t > *hi) {
		*lo = *hi;
		*hi = t;
	}
}

/*
 * The text rectangle: the definition's rect, or the whole box. Its edges
 * are put in order so that the caller never sees a negative size.
 */
static void text_rect(const struct env *e, const struct ppj_geom_def *def,
		      double w, double h, struct ppj_geom_result *out)
{
	const char *const *r = def->rect;

	out->text_l = r[0] ? name_value(e, r[0]) : 0;
	out->text_t = r[1] ? name_value(e, r[1]) : 0;
	out->text_r = r[2] ? name_value(e, r[2]) : w;
	out->text_b = r[3] ? name_value(e, r[3]) : h;
	order(&out->text_l, &out->text_r);
	order(&out->text_t, &out->text_b);
}

static int eval_paths(const struct env *e, const struct ppj_geom_def *def,
		      double w, double h, struct ppj_geom_result *out,
		      struct ppj_error *err)
{
	size_t budget = MAX_OUT;

	if (def->npaths == 0 || !def->paths)
		return 0;
	if (def->npaths > MAX_PATHS)
		return ppj__error(err, PPJ_ETOOLARGE,
				  "geometry has %zu paths", def->npaths);
	out->paths = calloc(def->npaths, sizeof(*out->paths));
	if (!out->paths)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	for (size_t i = 0; i < def->npaths; i++) {
		int rc = eval_path(e, &def->paths[i], w, h, &out->paths[i],
				   &budget, err);

		if (rc)
			return rc;
		out->npaths++;
	}
	return 0;
}

int ppj_geom_eval(const struct ppj_geom *g, double w, double h,
		  struct ppj_geom_result *out, struct ppj_error *err)
{
	const struct ppj_geom_def *def;
	struct env *e;
	bool unknown;
	int rc;

	memset(out, 0, sizeof(*out));
	def = pick_def(g, &unknown);
	w = clamp_box(w);
	h = clamp_box(h);
	e = calloc(1, sizeof(*e));
	if (!e)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");

	add_builtins(e, w, h);
	eval_guides(e, def, g);
	text_rect(e, def, w, h, out);
	rc = eval_paths(e, def, w, h, out, err);
	free(e);
	if (rc) {
		ppj_geom_result_release(out);
		return rc;
	}
	return unknown ? 1 : 0;
}

void ppj_geom_result_release(struct ppj_geom_result *r)
{
	for (size_t i = 0; r->paths && i < r->npaths; i++)
		free(r->paths[i].d);
	free(r->paths);
	memset(r, 0, sizeof(*r));
}
