/*
 * The drawings of a .ppt ([MS-ODRAW]): each slide, master and notes page
 * holds an OfficeArtDgContainer whose group container (SpgrContainer)
 * lists the shapes back to front. A shape (SpContainer) is an FSP (type
 * and flags), an anchor, property tables (FOPT) and PowerPoint's client
 * records: its text (ClientTextbox) and placeholder and click action
 * (ClientData).
 *
 * Anchors of top-level shapes are in master units (576 per inch); those of
 * a group's children are in the group's own coordinate space (FSPGR),
 * which is mapped here onto the group's box so that every model shape has
 * EMU relative to its parent, as the model wants.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ppt-int.h"

#define MAX_PROPS 192

struct prop {
	uint16_t pid;
	bool complex;
	uint32_t val;
	const uint8_t *cdata;
	uint32_t clen;
};

struct props {
	size_t n;
	struct prop p[MAX_PROPS];
};

/* What one SpContainer says, before it becomes a model shape. */
struct spinfo {
	uint32_t spt, spid, flags;
	bool has_anchor;
	int32_t l, t, r, b;
	bool has_group_rect;
	int32_t gl, gt, gr, gb;
	struct props props;
	struct ppt_rec textbox, clientdata;
};

/* How anchors of one level map to EMU: emu = (v - o) * s. */
struct cmap {
	double ox, oy, sx, sy;
};

enum {
	FSP_GROUP = 0x1, FSP_PATRIARCH = 0x4, FSP_DELETED = 0x8,
	FSP_OLE = 0x10, FSP_FLIPH = 0x40, FSP_FLIPV = 0x80,
	FSP_BACKGROUND = 0x400,
};

/* ---- property tables ---- */

static void read_fopt(const struct ppt_rec *r, struct props *ps)
{
	size_t n = r->inst;
	size_t cpos = n * 6;

	for (size_t i = 0; i < n && i * 6 + 6 <= r->len; i++) {
		uint16_t opid = ppt_u16(r, i * 6);
		struct prop *p;

		if (ps->n >= MAX_PROPS)
			return;
		p = &ps->p[ps->n++];
		p->pid = opid & 0x3FFF;
		p->complex = opid & 0x8000;
		p->val = ppt_u32(r, i * 6 + 2);
		p->cdata = NULL;
		p->clen = 0;
		if (!p->complex)
			continue;
		if (cpos < r->len) {
			size_t room = r->len - cpos;

			p->cdata = r->data + cpos;
			p->clen = p->val <= room ? p->val : (uint32_t)room;
		}
		cpos += p->val;
	}
}

static const struct prop *prop(const struct props *ps, uint16_t pid)
{
	for (size_t i = ps->n; i-- > 0;)
		if (ps->p[i].pid == pid)
			return &ps->p[i];
	return NULL;
}

static uint32_t pval(const struct props *ps, uint16_t pid, uint32_t def)
{
	const struct prop *p = prop(ps, pid);

	return p ? p->val : def;
}

/*
 * A flag of a boolean property set: bit b is the value, bit b + 16 says
 * whether it is set. Writers older than the "use" bits set only the
 * value, so a set without any use bit counts as all set.
 */
static bool pbool(const struct props *ps, uint16_t pid, unsigned bit,
		  bool def)
{
	const struct prop *p = prop(ps, pid);

	if (!p)
		return def;
	if ((p->val >> 16) && !(p->val & (1u << (bit + 16))))
		return def;
	return p->val & (1u << bit);
}

/* ---- colours ---- */

struct ppj_color ppt_scheme_color(struct ppt_ctx *c, unsigned idx)
{
	if (!c->scheme || idx > 7)
		return idx == 0 ? ppj_rgb(255, 255, 255) : ppj_rgb(0, 0, 0);
	return c->scheme[idx];
}

static uint8_t shade(uint8_t v, unsigned fn, unsigned param)
{
	switch (fn) {
	case 1:
		return (uint8_t)(v * param / 255);
	case 2:
		return (uint8_t)(255 - (255 - v) * param / 255);
	case 3:
		return (uint8_t)(v + param > 255 ? 255 : v + param);
	case 4:
		return (uint8_t)(v > param ? v - param : 0);
	case 5:
		return (uint8_t)(param > v ? param - v : v - param);
	default:
		return v;
	}
}

/* An OfficeArtCOLORREF; sys colours refer to others of the shape. */
static void color_ref(struct ppt_ctx *c, const struct props *ps,
		      uint32_t ref, int depth, struct ppj_color *out)
{
	uint8_t r = ref & 0xFF, g = (ref >> 8) & 0xFF, b = (ref >> 16) & 0xFF;
	uint8_t fl = ref >> 24;

	if (fl & 0x08) {
		*out = ppt_scheme_color(c, r);
		return;
	}
	if ((fl & 0x10) && ps && depth < 2) {
		uint16_t idx = (uint16_t)(r | g << 8);
		unsigned base = idx & 0xFF, fn = (idx >> 8) & 0xF;
		uint32_t src;

		switch (base) {
		case 0xF0: case 0xF4: case 0xF7:
			src = pval(ps, 0x181, 0xFFFFFF);
			break;
		case 0xF1: case 0xF2:
			src = pval(ps, 0x1C0, 0);
			break;
		case 0xF3:
			src = pval(ps, 0x201, 0x808080);
			break;
		case 0xF5:
			src = pval(ps, 0x183, 0xFFFFFF);
			break;
		case 0xF6:
			src = pval(ps, 0x1C2, 0xFFFFFF);
			break;
		default:
			*out = ppj_rgb(0, 0, 0);
			return;
		}
		color_ref(c, ps, src, depth + 1, out);
		out->r = shade(out->r, fn, b);
		out->g = shade(out->g, fn, b);
		out->b = shade(out->b, fn, b);
		return;
	}
	if (fl & 0x10) {
		*out = ppj_rgb(0, 0, 0);
		return;
	}
	*out = ppj_rgb(r, g, b);
}

static struct ppj_color pcolor(struct ppt_ctx *c, const struct props *ps,
			       uint16_t pid, uint32_t def)
{
	struct ppj_color col;

	color_ref(c, ps, pval(ps, pid, def), 0, &col);
	return col;
}

static double fixed(uint32_t v)
{
	return (int32_t)v / 65536.0;
}

static double unit_opacity(uint32_t v)
{
	double o = v / 65536.0;

	return o < 0 ? 0 : o > 1 ? 1 : o;
}

/* ---- fills, lines, effects ---- */

static void gradient(struct ppt_ctx *c, const struct props *ps,
		     unsigned type, struct ppj_fill *f)
{
	struct ppj_arena *a = &c->deck->arena;
	struct ppj_color fore = pcolor(c, ps, 0x181, 0xFFFFFF);
	struct ppj_color back = pcolor(c, ps, 0x183, 0xFFFFFF);
	int focus = (int32_t)pval(ps, 0x18C, 0);
	double ang = fixed(pval(ps, 0x18B, 0));

	fore.alpha = unit_opacity(pval(ps, 0x182, 0x10000));
	back.alpha = unit_opacity(pval(ps, 0x184, 0x10000));
	f->kind = PPJ_FILL_GRADIENT;
	f->rot_with_shape = true;	/* a .ppt fill turns with its shape */
	f->grad_path = type == 5 ? PPJ_GRAD_RECT : type == 6 ?
		PPJ_GRAD_SHAPE : PPJ_GRAD_LINEAR;
	f->grad_angle = fmod(270.0 - ang + 720.0, 360.0);
	f->fill_to = (struct ppj_rel_rect){ 0.5, 0.5, 0.5, 0.5 };
	if (focus < 0) {
		struct ppj_color t = fore;

		fore = back;
		back = t;
		focus = -focus;
	}
	f->stops = ppj_arena_calloc(a, 3, sizeof(*f->stops));
	if (!f->stops) {
		f->kind = PPJ_FILL_SOLID;
		f->color = fore;
		return;
	}
	if (focus > 25 && focus < 75) {
		f->nstops = 3;
		f->stops[0] = (struct ppj_grad_stop){ 0, back };
		f->stops[1] = (struct ppj_grad_stop){ 0.5, fore };
		f->stops[2] = (struct ppj_grad_stop){ 1, back };
		return;
	}
	f->nstops = 2;
	f->stops[0] = (struct ppj_grad_stop){ 0, focus >= 75 ? fore : back };
	f->stops[1] = (struct ppj_grad_stop){ 1, focus >= 75 ? back : fore };
}

static void read_fill(struct ppt_ctx *c, const struct props *ps,
		      bool def_filled, struct ppj_fill *f)
{
	unsigned type = pval(ps, 0x180, 0);
	struct ppj_media *m;

	memset(f, 0, sizeof(*f));
	if (!pbool(ps, 0x1BF, 4, def_filled))
		return;
	switch (type) {
	case 1:
		f->kind = PPJ_FILL_PATTERN;
		f->pattern = "pct50";
		f->fg = pcolor(c, ps, 0x181, 0xFFFFFF);
		f->bg = pcolor(c, ps, 0x183, 0xFFFFFF);
		return;
	case 2:
	case 3:
		m = ppt_blip_media(c, pval(ps, 0x186, 0));
		if (m) {
			f->kind = PPJ_FILL_PICTURE;
			f->media = m;
			f->tile = type == 2;
			f->tile_sx = f->tile_sy = 1;
			f->pic_alpha = 1;
			return;
		}
		break;
	case 4: case 5: case 6: case 7: case 8:
		gradient(c, ps, type, f);
		return;
	default:
		break;
	}
	f->kind = PPJ_FILL_SOLID;
	f->color = pcolor(c, ps, 0x181, 0xFFFFFF);
	f->color.alpha = unit_opacity(pval(ps, 0x182, 0x10000));
}

static void arrow(const struct props *ps, uint16_t base,
		  struct ppj_arrow *a)
{
	static const enum ppj_line_end ends[] = {
		PPJ_END_NONE, PPJ_END_TRIANGLE, PPJ_END_STEALTH,
		PPJ_END_DIAMOND, PPJ_END_OVAL, PPJ_END_ARROW,
	};
	unsigned t = pval(ps, base, 0);

	a->type = t < 6 ? ends[t] : PPJ_END_TRIANGLE;
	a->w = (int)(pval(ps, (uint16_t)(base + 2), 1) % 3);
	a->len = (int)(pval(ps, (uint16_t)(base + 3), 1) % 3);
}

static void read_line(struct ppt_ctx *c, const struct props *ps,
		      bool def_on, struct ppj_line *l)
{
	static const char *dashes[] = {
		NULL, "sysDash", "sysDot", "sysDashDot", "sysDashDotDot",
		"dot", "dash", "lgDash", "dashDot", "lgDashDot",
		"lgDashDotDot",
	};
	static const enum ppj_compound cmpd[] = {
		PPJ_CMPD_SINGLE, PPJ_CMPD_DOUBLE, PPJ_CMPD_THICK_THIN,
		PPJ_CMPD_THIN_THICK, PPJ_CMPD_TRIPLE,
	};
	unsigned dash = pval(ps, 0x1CE, 0), style = pval(ps, 0x1CD, 0);
	unsigned join = pval(ps, 0x1D6, 2), cap = pval(ps, 0x1D7, 2);

	memset(l, 0, sizeof(*l));
	if (!pbool(ps, 0x1FF, 3, def_on))
		return;
	l->fill.kind = PPJ_FILL_SOLID;
	l->fill.color = pcolor(c, ps, 0x1C0, 0);
	l->fill.color.alpha = unit_opacity(pval(ps, 0x1C1, 0x10000));
	l->width = pval(ps, 0x1CB, 9525);
	if (l->width > 20 * 914400)
		l->width = 20 * 914400;
	l->dash = dash < 11 ? dashes[dash] : NULL;
	l->compound = style < 5 ? cmpd[style] : PPJ_CMPD_SINGLE;
	l->join = join == 0 ? PPJ_JOIN_BEVEL : join == 1 ? PPJ_JOIN_MITER :
		PPJ_JOIN_ROUND;
	l->cap = cap == 0 ? PPJ_CAP_ROUND : cap == 1 ? PPJ_CAP_SQUARE :
		PPJ_CAP_FLAT;
	arrow(ps, 0x1D0, &l->head);
	arrow(ps, 0x1D1, &l->tail);
	l->tail.w = (int)(pval(ps, 0x1D4, 1) % 3);
	l->tail.len = (int)(pval(ps, 0x1D5, 1) % 3);
}

static void read_shadow(struct ppt_ctx *c, const struct props *ps,
			struct ppj_shadow *s)
{
	double dx, dy;

	memset(s, 0, sizeof(*s));
	if (!pbool(ps, 0x23F, 1, false))
		return;
	s->present = true;
	s->color = pcolor(c, ps, 0x201, 0x808080);
	s->color.alpha = unit_opacity(pval(ps, 0x204, 0x10000));
	dx = (int32_t)pval(ps, 0x205, 25400);
	dy = (int32_t)pval(ps, 0x206, 25400);
	s->dist = (int64_t)hypot(dx, dy);
	s->dir = fmod(atan2(dy, dx) * 180.0 / M_PI + 360.0, 360.0);
}

/* ---- geometry ---- */

static const char *num(struct ppt_ctx *c, int64_t v)
{
	return ppj_arena_printf(&c->deck->arena, "%lld", (long long)v);
}

/* Vertex i of an IMsoArray of points, relative to (ox, oy). */
static bool vertex(const struct prop *vp, size_t i, int64_t ox, int64_t oy,
		   int64_t *x, int64_t *y)
{
	struct ppt_rec r = { .data = vp->cdata, .len = vp->clen };
	unsigned n = ppt_u16(&r, 0), cb = ppt_u16(&r, 4);

	if (i >= n)
		return false;
	if (cb == 8) {
		*x = ppt_i32(&r, 6 + i * 8);
		*y = ppt_i32(&r, 10 + i * 8);
	} else {
		*x = ppt_i16(&r, 6 + i * 4);
		*y = ppt_i16(&r, 8 + i * 4);
	}
	*x -= ox;
	*y -= oy;
	return 6 + (i + 1) * (cb == 8 ? 8 : 4) <= vp->clen;
}

struct pathb {
	struct ppt_ctx *c;
	const struct prop *vp;
	int64_t ox, oy;
	size_t next;		/* next vertex */
	struct ppj_path_op *ops;
	size_t nops, cap;
};

/* Appends an op with the next npts vertices; false when they run out. */
static bool add_op(struct pathb *pb, enum ppj_path_cmd cmd, size_t npts)
{
	struct ppj_path_op *op;
	int64_t x, y;

	if (pb->nops >= 100000)
		return false;
	op = ppj_arena_push(&pb->c->deck->arena, &pb->ops, &pb->nops,
			    &pb->cap, sizeof(*op));
	if (!op)
		return false;
	op->cmd = cmd;
	for (size_t k = 0; k < npts; k++) {
		if (!vertex(pb->vp, pb->next, pb->ox, pb->oy, &x, &y)) {
			pb->nops--;
			return false;
		}
		pb->next++;
		op->arg[2 * k] = num(pb->c, x);
		op->arg[2 * k + 1] = num(pb->c, y);
	}
	return true;
}

/* Walks pSegmentInfo; without it the vertices are one open polyline. */
static void segments(struct pathb *pb, const struct prop *sp,
		     struct ppj_path *path)
{
	struct ppt_rec r = { .data = sp ? sp->cdata : NULL,
			     .len = sp ? sp->clen : 0 };
	unsigned n = ppt_u16(&r, 0), cb = ppt_u16(&r, 4);
	bool open = true;

	if (!sp || cb != 2) {
		add_op(pb, PPJ_PATH_MOVE, 1);
		while (add_op(pb, PPJ_PATH_LINE, 1))
			;
		return;
	}
	for (unsigned i = 0; i < n && 6 + 2 * i + 2 <= r.len; i++) {
		uint16_t v = ppt_u16(&r, 6 + 2 * i);
		unsigned type = v >> 13, cnt = v & 0x1FFF, esc;

		switch (type) {
		case 0:
			for (unsigned k = 0; k < (cnt ? cnt : 1); k++)
				if (!add_op(pb, PPJ_PATH_LINE, 1))
					return;
			break;
		case 1:
			for (unsigned k = 0; k < (cnt ? cnt : 1); k++)
				if (!add_op(pb, PPJ_PATH_CUBIC, 3))
					return;
			break;
		case 2:
			if (!add_op(pb, PPJ_PATH_MOVE, 1))
				return;
			open = true;
			break;
		case 3:
			if (open)
				add_op(pb, PPJ_PATH_CLOSE, 0);
			open = false;
			break;
		case 5:
			esc = (v >> 8) & 0x1F;
			if (esc == 0xA)
				path->fill = PPJ_PFILL_NONE;
			else if (esc == 0xB)
				path->stroke = false;
			pb->next += v & 0xFF;
			break;
		case 6:
			pb->next += cnt;
			break;
		default:
			break;
		}
	}
}

/* Custom geometry from pVertices and pSegmentInfo, or NULL. */
static const struct ppj_geom_def *custom_geom(struct ppt_ctx *c,
					      const struct props *ps)
{
	const struct prop *vp = prop(ps, 0x145);
	struct ppj_geom_def *def;
	struct ppj_path *path;
	struct pathb pb;
	int32_t l = (int32_t)pval(ps, 0x140, 0);
	int32_t t = (int32_t)pval(ps, 0x141, 0);
	int32_t r = (int32_t)pval(ps, 0x142, 21600);
	int32_t b = (int32_t)pval(ps, 0x143, 21600);

	if (!vp || !vp->complex || vp->clen < 6)
		return NULL;
	def = ppj_arena_alloc(&c->deck->arena, sizeof(*def));
	path = ppj_arena_alloc(&c->deck->arena, sizeof(*path));
	if (!def || !path)
		return NULL;
	memset(&pb, 0, sizeof(pb));
	pb.c = c;
	pb.vp = vp;
	pb.ox = l;
	pb.oy = t;
	path->w = r > l ? (int64_t)r - l : 1;
	path->h = b > t ? (int64_t)b - t : 1;
	path->stroke = true;
	segments(&pb, prop(ps, 0x146), path);
	if (!pb.nops)
		return NULL;
	path->nops = pb.nops;
	path->ops = pb.ops;
	def->npaths = 1;
	def->paths = path;
	return def;
}

static void set_geom(struct ppt_ctx *c, const struct spinfo *si,
		     struct ppj_shape *s)
{
	int adj = 0;
	const char *name = ppt_preset_name(si->spt, &adj);
	const struct prop *a1;

	if (si->spt == 0) {
		s->geom.custom = custom_geom(c, &si->props);
		if (!s->geom.custom)
			s->geom.preset = "rect";
		return;
	}
	if (!name && si->spt >= 136 && si->spt <= 175) {
		s->geom.preset = "rect";
		return;
	}
	if (!name) {
		ppj_warn(c->deck, c->slide, "ppt-shape-type", "shape type %u "
			 "is drawn as a rectangle", si->spt);
		name = "rect";
	}
	s->geom.preset = name;
	a1 = prop(&si->props, 0x147);
	if (adj && a1 && !a1->complex) {
		s->geom.adj = ppj_arena_calloc(&c->deck->arena, 1,
					       sizeof(*s->geom.adj));
		if (!s->geom.adj)
			return;
		s->geom.nadj = 1;
		s->geom.adj[0].name = "adj";
		s->geom.adj[0].fmla = ppj_arena_printf(&c->deck->arena,
			"val %lld", (long long)(int32_t)a1->val * 100000 /
			21600);
	}
}

/* ---- gathering one SpContainer ---- */

static void read_anchor(const struct ppt_rec *r, bool client,
			struct spinfo *si)
{
	if (client && r->len >= 16) {
		si->t = ppt_i32(r, 0);
		si->l = ppt_i32(r, 4);
		si->r = ppt_i32(r, 8);
		si->b = ppt_i32(r, 12);
	} else if (client && r->len >= 8) {
		si->t = ppt_i16(r, 0);
		si->l = ppt_i16(r, 2);
		si->r = ppt_i16(r, 4);
		si->b = ppt_i16(r, 6);
	} else if (!client && r->len >= 16) {
		si->l = ppt_i32(r, 0);
		si->t = ppt_i32(r, 4);
		si->r = ppt_i32(r, 8);
		si->b = ppt_i32(r, 12);
	} else {
		return;
	}
	si->has_anchor = true;
}

/*
 * Collects what the SpContainer sp says. The drawing group's default
 * properties are for new shapes drawn in PowerPoint: they do not apply
 * (applying them draws frames around pictures that have none).
 */
static void gather(struct ppt_ctx *c, const struct ppt_rec *sp,
		   struct spinfo *si)
{
	struct ppt_iter it;
	struct ppt_rec r;

	memset(si, 0, sizeof(*si));
	(void)c;
	ppt_iter_init(&it, sp);
	while (ppt_iter_next(&it, &r)) {
		switch (r.type) {
		case RT_FSP:
			si->spt = r.inst;
			si->spid = ppt_u32(&r, 0);
			si->flags = ppt_u32(&r, 4);
			break;
		case RT_FSPGR:
			si->has_group_rect = r.len >= 16;
			si->gl = ppt_i32(&r, 0);
			si->gt = ppt_i32(&r, 4);
			si->gr = ppt_i32(&r, 8);
			si->gb = ppt_i32(&r, 12);
			break;
		case RT_FOPT:
		case RT_FOPT2:
		case RT_FOPT3:
			read_fopt(&r, &si->props);
			break;
		case RT_CHILD_ANCHOR:
			read_anchor(&r, false, si);
			break;
		case RT_CLIENT_ANCHOR:
			if (!si->has_anchor)
				read_anchor(&r, true, si);
			break;
		case RT_CLIENT_TEXTBOX:
			si->textbox = r;
			break;
		case RT_CLIENT_DATA:
			si->clientdata = r;
			break;
		default:
			break;
		}
	}
}

/* ---- placement ---- */

/* Group scales of a hostile file can make any number: keep it sane. */
static int64_t clamp_emu(double v)
{
	const double lim = 1e12;	/* about 17 miles */

	if (!(v > -lim))
		return v != v ? 0 : (int64_t)-lim;
	if (v > lim)
		return (int64_t)lim;
	return (int64_t)llround(v);
}

static void place(const struct spinfo *si, const struct cmap *m,
		  struct ppj_xform *xf)
{
	double rot = fmod(fixed(pval(&si->props, 0x4, 0)), 360.0);
	double x = (si->l - m->ox) * m->sx, y = (si->t - m->oy) * m->sy;
	double w = ((double)si->r - si->l) * m->sx;
	double h = ((double)si->b - si->t) * m->sy;

	if (rot < 0)
		rot += 360.0;
	memset(xf, 0, sizeof(*xf));
	if ((rot >= 45 && rot < 135) || (rot >= 225 && rot < 315)) {
		/* the anchor is the rotated box: turn it back */
		double cx = x + w / 2, cy = y + h / 2, t = w;

		w = h;
		h = t;
		x = cx - w / 2;
		y = cy - h / 2;
	}
	xf->x = clamp_emu(x);
	xf->y = clamp_emu(y);
	xf->cx = clamp_emu(w < 0 ? 0 : w);
	xf->cy = clamp_emu(h < 0 ? 0 : h);
	xf->rot = rot;
	xf->flip_h = si->flags & FSP_FLIPH;
	xf->flip_v = si->flags & FSP_FLIPV;
}

/* ---- text and client data ---- */

static const char *placeholder_name(unsigned id)
{
	switch (id) {
	case 1: case 13: case 17:
		return "title";
	case 3: case 15:
		return "ctrTitle";
	case 2: case 6: case 12: case 14: case 18:
		return "body";
	case 4: case 16:
		return "subTitle";
	case 5: case 11:
		return "sldImg";
	case 7:
		return "dt";
	case 8:
		return "sldNum";
	case 9:
		return "ftr";
	case 10:
		return "hdr";
	case 20:
		return "chart";
	case 21:
		return "tbl";
	case 23:
		return "dgm";
	case 24:
		return "media";
	case 26:
		return "pic";
	case 0:
		return NULL;
	default:
		return "obj";
	}
}

static unsigned client_data(struct ppt_ctx *c, const struct spinfo *si,
			    struct ppj_shape *s)
{
	struct ppt_rec r;
	unsigned ph = 0;

	if (!si->clientdata.type)
		return 0;
	if (ppt_child(&si->clientdata, RT_OE_PLACEHOLDER_ATOM, &r)) {
		ph = ppt_u8(&r, 4);
		s->placeholder = placeholder_name(ph);
	}
	if (ppt_child_inst(&si->clientdata, RT_INTERACTIVE_INFO, 0, &r))
		ppt_link_from_info(c, &r, &s->link);
	return ph;
}

static void text_body(struct ppt_ctx *c, const struct spinfo *si,
		      struct ppj_text *t)
{
	const struct props *ps = &si->props;
	unsigned anchor = pval(ps, 0x87, 0), flow = pval(ps, 0x88, 0);

	t->inset_l = (int32_t)pval(ps, 0x81, 91440);
	t->inset_t = (int32_t)pval(ps, 0x82, 45720);
	t->inset_r = (int32_t)pval(ps, 0x83, 91440);
	t->inset_b = (int32_t)pval(ps, 0x84, 45720);
	t->wrap = pval(ps, 0x85, 0) != 2;
	switch (anchor % 10) {
	case 1: case 4: case 7:
		t->anchor = PPJ_ANCHOR_MIDDLE;
		break;
	case 2: case 5: case 8:
		t->anchor = PPJ_ANCHOR_BOTTOM;
		break;
	default:
		t->anchor = PPJ_ANCHOR_TOP;
	}
	t->anchor_center = anchor >= 3 && anchor <= 5;
	t->vert = flow == 1 ? PPJ_VERT_VERT : flow == 2 ?
		PPJ_VERT_VERT270 : flow == 5 ? PPJ_VERT_EA : PPJ_VERT_HORZ;
}

/* The text of the shape: its own, or the slide list's by reference. */
static const struct ppt_text *shape_text(struct ppt_ctx *c,
					 const struct spinfo *si)
{
	struct ppt_text *texts;
	struct ppt_rec r;
	size_t n;

	if (!si->textbox.type)
		return NULL;
	if (ppt_child(&si->textbox, RT_OUTLINE_TEXT_REF_ATOM, &r)) {
		uint32_t idx = ppt_u32(&r, 0);

		if (idx < c->nlist_texts)
			return &c->list_texts[idx];
		ppj_warn(c->deck, c->slide, "ppt-text-ref", "a text "
			 "reference points past the slide's texts");
		return NULL;
	}
	n = ppt_collect_texts(c, &si->textbox, false, &texts);
	return n ? &texts[0] : NULL;
}

/*
 * The StyleTextProp9Atom of the shape: in its ClientData, a ProgTags
 * container holds a binary tag "___PPT9" whose data blob holds it.
 */
static bool prop9(const struct spinfo *si, struct ppt_rec *out)
{
	struct ppt_rec tags, tag, name, blob;
	struct ppt_iter it;
	static const uint8_t want[] = "_\0_\0_\0P\0P\0T\09\0";

	if (!si->clientdata.type ||
	    !ppt_child(&si->clientdata, RT_PROG_TAGS, &tags))
		return false;
	ppt_iter_init(&it, &tags);
	while (ppt_iter_next(&it, &tag)) {
		if (tag.type != RT_PROG_BINARY_TAG ||
		    !ppt_child(&tag, RT_CSTRING, &name) || name.len != 14 ||
		    memcmp(name.data, want, 14) != 0 ||
		    !ppt_child(&tag, RT_BINARY_TAG_DATA, &blob))
			continue;
		return ppt_child(&blob, RT_STYLE_TEXT_PROP9_ATOM, out);
	}
	return false;
}

static void set_text(struct ppt_ctx *c, const struct spinfo *si,
		     struct ppj_shape *s)
{
	const struct ppt_text *t = shape_text(c, si);
	struct ppt_rec p9;
	char *plain;

	if (!t)
		return;
	s->text = ppt_build_text(c, t, prop9(si, &p9) ? &p9 : NULL);
	if (!s->text)
		return;
	text_body(c, si, s->text);
	if (c->slide && !c->slide->title &&
	    (t->type == TX_TITLE || t->type == TX_CENTER_TITLE)) {
		plain = ppt_plain_text(c, t);
		for (char *p = plain; p && *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		while (plain && *plain == ' ')
			plain++;
		for (size_t n = plain ? strlen(plain) : 0;
		     n && plain[n - 1] == ' '; n--)
			plain[n - 1] = 0;
		c->slide->title = plain;
	}
}

/*
 * PowerPoint stretches WordArt over its box: the size whose line of text
 * about fills the box (a glyph taken as 0.55 em wide), in points.
 */
static double wordart_size(const struct ppj_shape *s, const char *text)
{
	double w = (double)s->xf.cx / PPJ_EMU_PER_PT;
	double h = (double)s->xf.cy / PPJ_EMU_PER_PT;
	size_t n = 0;
	double pt;

	for (const char *p = text; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			n++;
	pt = h * 0.75;
	if (n && w / (0.55 * (double)n) < pt)
		pt = w / (0.55 * (double)n);
	return pt < 4 ? 4 : pt > 400 ? 400 : pt;
}

/*
 * WordArt (shape types 136 to 175) keeps its text in geometry text
 * properties, drawn along a path by PowerPoint. We show it as plain,
 * centred text in the fill colour, so that it stays real text.
 */
static void wordart(struct ppt_ctx *c, const struct spinfo *si,
		    struct ppj_shape *s)
{
	const struct prop *tp = prop(&si->props, 0xC0);
	const struct prop *fp = prop(&si->props, 0xC5);
	struct ppj_arena *a = &c->deck->arena;
	struct ppj_text *t;
	struct ppj_para *p;
	struct ppj_run *r;
	char *text;
	size_t n;

	if (!tp || !tp->cdata)
		return;
	text = ppt_utf16(c, tp->cdata, tp->clen);
	t = ppj_arena_alloc(a, sizeof(*t));
	p = ppj_arena_alloc(a, sizeof(*p));
	r = ppj_arena_alloc(a, sizeof(*r));
	if (!text || !t || !p || !r)
		return;
	n = strlen(text);
	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		text[--n] = 0;
	for (char *q = text; *q; q++)
		if (*q == '\r' || *q == '\n')
			*q = ' ';
	ppj_text_defaults(t);
	t->anchor = PPJ_ANCHOR_MIDDLE;
	t->wrap = false;
	t->warped = si->spt != 136;	/* 136: plain text, no warp */
	ppj_para_defaults(p);
	p->align = PPJ_ALIGN_CENTER;
	ppj_run_defaults(r);
	r->text = text;
	r->size = wordart_size(s, text);
	if (fp && fp->cdata)
		r->font = ppt_utf16(c, fp->cdata, fp->clen);
	if (s->fill.kind == PPJ_FILL_SOLID)
		r->fill = s->fill;
	else if (s->fill.kind == PPJ_FILL_GRADIENT && s->fill.nstops)
		r->fill.color = s->fill.stops[0].color;
	p->runs = r;
	p->nruns = 1;
	p->end = *r;
	t->paras = p;
	t->nparas = 1;
	s->text = t;
	s->geom.preset = "rect";
	s->geom.custom = NULL;
	s->fill.kind = PPJ_FILL_NONE;
	s->line.fill.kind = PPJ_FILL_NONE;
}

/* ---- shapes ---- */

static int build(struct ppt_ctx *c, const struct ppt_rec *rec,
		 const struct cmap *m, unsigned depth, bool master,
		 struct ppj_shape *s);

static bool is_hidden(const struct spinfo *si)
{
	return pbool(&si->props, 0x3BF, 1, false);
}

static int count_shape(struct ppt_ctx *c)
{
	if (++c->nshapes > c->opts->limits.max_shapes)
		return ppj__error(c->err, PPJ_ETOOLARGE, "more than %u shapes",
				  c->opts->limits.max_shapes);
	return 0;
}

static int fill_shape(struct ppt_ctx *c, struct spinfo *si,
		      const struct cmap *m, bool master, struct ppj_shape *s);

/*
 * The master's date, slide number and footer placeholders are drawn only
 * on the slides whose headers and footers ask for them: they are kept
 * aside on the master (a copy in the arena) and left out of its shapes.
 */
static int keep_footer(struct ppt_ctx *c, struct spinfo *si,
		       const struct cmap *m, unsigned ph, struct ppj_shape *s)
{
	struct ppj_shape *copy;
	int rc;

	if (!c->master || c->master->hf[ph - 7] || !si->has_anchor)
		return 1;
	copy = ppj_arena_alloc(&c->deck->arena, sizeof(*copy));
	if (!copy)
		return 1;
	rc = fill_shape(c, si, m, false, copy);
	if (rc < 0)
		return rc;
	copy->from_master = true;
	if (rc == 0)
		c->master->hf[ph - 7] = copy;
	memset(s, 0, sizeof(*s));
	return 1;
}

/* The master's placeholder type for a slide's placeholder type. */
static unsigned master_type(unsigned ph)
{
	switch (ph) {
	case 13: case 17:
		return 1;
	case 15:
		return 3;
	case 16:
		return 4;
	case 11:
		return 5;
	case 12:
		return 6;
	default:
		return ph >= 14 ? 2 : ph;
	}
}

/*
 * A placeholder without an anchor takes the box of the master's
 * placeholder of its type. Returns false when there is none.
 */
static bool master_box(struct ppt_ctx *c, unsigned ph, struct ppj_xform *xf)
{
	const struct ppt_master *m = c->master;
	unsigned want = master_type(ph);

	for (int pass = 0; m && ph && pass < 2; pass++) {
		for (size_t i = 0; i < m->nph; i++) {
			if (m->ph[i].type == want) {
				*xf = m->ph[i].xf;
				return true;
			}
		}
		want = want == 3 ? 1 : want == 4 ? 2 : want;
	}
	return false;
}

/* The model fields of an ordinary shape or picture. */
static int fill_shape(struct ppt_ctx *c, struct spinfo *si,
		      const struct cmap *m, bool master, struct ppj_shape *s)
{
	uint32_t pib = pval(&si->props, 0x104, 0);
	bool line_shape = si->spt == 20 || (si->spt >= 32 && si->spt <= 40);
	unsigned ph;

	s->id = (int)(si->spid & 0x7FFFFFFF);
	place(si, m, &s->xf);
	ph = client_data(c, si, s);
	if (master && ph && si->has_anchor && c->master &&
	    c->master->nph < 16) {
		c->master->ph[c->master->nph].type = ph;
		c->master->ph[c->master->nph++].xf = s->xf;
	}
	if (master && ph >= 7 && ph <= 9)
		return keep_footer(c, si, m, ph, s);
	if (master && ph)
		return 1;
	if (!si->has_anchor && !master_box(c, ph, &s->xf))
		return 1;
	set_geom(c, si, s);
	if (pib && (si->spt == 75 || (si->flags & FSP_OLE) || ph)) {
		struct ppj_media *media = ppt_blip_media(c, pib);

		if (media) {
			s->kind = PPJ_SHAPE_PICTURE;
			s->picture.kind = PPJ_FILL_PICTURE;
			s->picture.media = media;
			s->picture.pic_alpha = 1;
			s->picture.crop.t = fixed(pval(&si->props, 0x100, 0));
			s->picture.crop.b = fixed(pval(&si->props, 0x101, 0));
			s->picture.crop.l = fixed(pval(&si->props, 0x102, 0));
			s->picture.crop.r = fixed(pval(&si->props, 0x103, 0));
		}
	}
	read_fill(c, &si->props, !line_shape && si->spt != 75 && !ph,
		  &s->fill);
	read_line(c, &si->props, si->spt != 75 && si->spt != 202 &&
		  (!ph || prop(&si->props, 0x1C0) || prop(&si->props, 0x1CB)),
		  &s->line);
	read_shadow(c, &si->props, &s->effects.shadow);
	s->from_master = master;
	if (si->spt >= 136 && si->spt <= 175)
		wordart(c, si, s);
	else
		set_text(c, si, s);
	return 0;
}

/* A group: the first SpContainer is the group itself. */
static int build_group(struct ppt_ctx *c, const struct ppt_rec *rec,
		       const struct cmap *m, unsigned depth, bool master,
		       struct ppj_shape *s)
{
	struct ppt_iter it;
	struct ppt_rec r;
	struct spinfo si;
	struct cmap cm;
	size_t cap = 0;
	int rc;

	ppt_iter_init(&it, rec);
	if (!ppt_iter_next(&it, &r) || r.type != RT_SP_CONTAINER)
		return 1;
	gather(c, &r, &si);
	if ((si.flags & FSP_DELETED) || is_hidden(&si))
		return 1;
	s->kind = PPJ_SHAPE_GROUP;
	s->id = (int)(si.spid & 0x7FFFFFFF);
	place(&si, m, &s->xf);
	client_data(c, &si, s);
	s->from_master = master;

	cm.ox = si.gl;
	cm.oy = si.gt;
	cm.sx = si.gr != si.gl ? (double)s->xf.cx / ((double)si.gr - si.gl) : 1;
	cm.sy = si.gb != si.gt ? (double)s->xf.cy / ((double)si.gb - si.gt) : 1;
	while (ppt_iter_next(&it, &r)) {
		struct ppj_shape *ch;

		if (r.type != RT_SP_CONTAINER && r.type != RT_SPGR_CONTAINER)
			continue;
		ch = ppj_arena_push(&c->deck->arena, &s->children,
				    &s->nchildren, &cap, sizeof(*ch));
		if (!ch)
			return ppj__error(c->err, PPJ_ETOOLARGE, "the deck "
					  "needs more memory than allowed");
		rc = build(c, &r, &cm, depth + 1, master, ch);
		if (rc < 0)
			return rc;
		if (rc > 0)
			s->nchildren--;
	}
	return 0;
}

/*
 * Builds the shape of rec (SpContainer or SpgrContainer) into s. Returns
 * 0, 1 when the shape is not drawn (deleted, hidden, a master placeholder,
 * too deep), or a negative PPJ_E*.
 */
static int build(struct ppt_ctx *c, const struct ppt_rec *rec,
		 const struct cmap *m, unsigned depth, bool master,
		 struct ppj_shape *s)
{
	struct spinfo *si;
	int rc;

	memset(s, 0, sizeof(*s));
	if (depth >= PPT_MAX_DEPTH || depth >= c->opts->limits.max_depth) {
		ppj_warn(c->deck, c->slide, "ppt-deep", "groups nested too "
			 "deep are left out");
		return 1;
	}
	rc = count_shape(c);
	if (rc)
		return rc;
	if (rec->type == RT_SPGR_CONTAINER)
		return build_group(c, rec, m, depth, master, s);

	si = malloc(sizeof(*si));
	if (!si)
		return ppj__error(c->err, PPJ_ENOMEM, "out of memory");
	gather(c, rec, si);
	if ((si->flags & (FSP_DELETED | FSP_BACKGROUND | FSP_PATRIARCH)) ||
	    (si->flags & FSP_GROUP) || is_hidden(si) ||
	    (!si->has_anchor && !si->clientdata.type))
		rc = 1;
	else
		rc = fill_shape(c, si, m, master, s);
	free(si);
	return rc;
}

static void background(struct ppt_ctx *c, const struct ppt_rec *sp,
		       struct ppj_fill *bg, bool *has_bg)
{
	struct spinfo *si = malloc(sizeof(*si));

	if (!si)
		return;
	gather(c, sp, si);
	if (si->flags & FSP_BACKGROUND) {
		read_fill(c, &si->props, true, bg);
		*has_bg = true;
	}
	free(si);
}

/*
 * Reads the drawing of holder (a Slide, MainMaster or Notes container)
 * into a new shape array (*shapes, *n, in the arena) and its background.
 * On a master, placeholders are left out. Returns 0 or a negative PPJ_E*.
 */
int ppt_read_drawing(struct ppt_ctx *c, const struct ppt_rec *holder,
		     bool master, struct ppj_shape **shapes, size_t *n,
		     struct ppj_fill *bg, bool *has_bg)
{
	struct ppt_rec drawing, dg, r, sp;
	struct ppt_iter it, gi;
	struct cmap m = { 0, 0, PPT_MASTER_EMU, PPT_MASTER_EMU };
	size_t cap = 0;
	int rc;

	*shapes = NULL;
	*n = 0;
	*has_bg = false;
	if (!ppt_child(holder, RT_DRAWING, &drawing) ||
	    !ppt_child(&drawing, RT_DG_CONTAINER, &dg))
		return 0;
	ppt_iter_init(&it, &dg);
	while (ppt_iter_next(&it, &r)) {
		if (r.type == RT_SP_CONTAINER) {
			background(c, &r, bg, has_bg);
			continue;
		}
		if (r.type != RT_SPGR_CONTAINER)
			continue;
		ppt_iter_init(&gi, &r);
		ppt_iter_next(&gi, &sp);	/* the patriarch */
		while (ppt_iter_next(&gi, &sp)) {
			struct ppj_shape *s;

			if (sp.type != RT_SP_CONTAINER &&
			    sp.type != RT_SPGR_CONTAINER)
				continue;
			s = ppj_arena_push(&c->deck->arena, shapes, n, &cap,
					   sizeof(*s));
			if (!s)
				return ppj__error(c->err, PPJ_ETOOLARGE, "the "
						  "deck needs more memory "
						  "than allowed");
			rc = build(c, &sp, &m, 0, master, s);
			if (rc < 0)
				return rc;
			if (rc > 0)
				(*n)--;
		}
	}
	return 0;
}
