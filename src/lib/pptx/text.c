/*
 * Text bodies: bodyPr, paragraphs, runs and bullets, with every property
 * resolved through the inheritance chain of the shape.
 *
 * For a paragraph of level L the properties are applied in this order,
 * each overwriting what it sets: the standard's defaults, then the list
 * styles of the chain (presentation defaultTextStyle, master txStyles,
 * master placeholder lstStyle, layout placeholder lstStyle), the shape's
 * p:style fontRef, the shape's own lstStyle, the paragraph's pPr and, for
 * each run, its rPr. Theme fonts (+mj-lt, ...) are resolved at the end.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"
#include "pptxInt.h"

#define MAX_LEVELS 9

/* A paragraph being resolved, with what the model does not keep. */
struct pstate {
	struct ppj_para p;	/* p.end holds the resolved run defaults */
	const char *bu_char;
	const char *bu_font;	/* NULL: follows the first run */
	const char *an_scheme;	/* buAutoNum type */
	int an_start;
	xmlNode *bu_blip;
};

/* Numbering state per level, across the paragraphs of one body. */
struct numbering {
	const char *scheme[MAX_LEVELS];
	int start[MAX_LEVELS];
	int next[MAX_LEVELS];
};

/* An inset or gap in EMU, kept within 0..2^32. */
static int64_t inset(const xmlNode *n, const char *attr, int64_t def)
{
	int64_t v = ppj__xml_int(n, attr, def);

	return v < 0 ? 0 : v > ((int64_t)1 << 32) ? (int64_t)1 << 32 : v;
}

static int64_t clamp_signed(int64_t v)
{
	int64_t m = (int64_t)1 << 32;

	return v < -m ? -m : v > m ? m : v;
}

/* ---- run properties ---- */

static enum ppj_underline underline(const char *u)
{
	if (!u || strcmp(u, "none") == 0)
		return PPJ_U_NONE;
	if (strcmp(u, "dbl") == 0)
		return PPJ_U_DOUBLE;
	if (strcmp(u, "heavy") == 0)
		return PPJ_U_HEAVY;
	if (strncmp(u, "wavy", 4) == 0)
		return PPJ_U_WAVY;
	if (strncmp(u, "dotted", 6) == 0)
		return PPJ_U_DOTTED;
	if (strncmp(u, "dash", 4) == 0 || strncmp(u, "dot", 3) == 0)
		return PPJ_U_DASHED;
	return PPJ_U_SINGLE;
}

static void run_attrs(struct sctx *sc, xmlNode *n, struct ppj_run *r)
{
	const char *v;

	if (ppj__xml_has(n, "sz"))
		r->size = fmin(4000, fmax(0.5, ppj__xml_int(n, "sz", 1800) /
					  100.0));
	r->bold = ppj__xml_bool(n, "b", r->bold);
	r->italic = ppj__xml_bool(n, "i", r->italic);
	if ((v = ppj__xml_attr(n, "u")))
		r->underline = underline(v);
	if ((v = ppj__xml_attr(n, "strike")))
		r->strike = strcmp(v, "sngStrike") == 0 ? PPJ_STRIKE_SINGLE :
			strcmp(v, "dblStrike") == 0 ? PPJ_STRIKE_DOUBLE :
			PPJ_STRIKE_NONE;
	if ((v = ppj__xml_attr(n, "cap")))
		r->caps = strcmp(v, "small") == 0 ? PPJ_CAPS_SMALL :
			strcmp(v, "all") == 0 ? PPJ_CAPS_ALL : PPJ_CAPS_NONE;
	if (ppj__xml_has(n, "baseline"))
		r->baseline = ppj__xml_int(n, "baseline", 0) / 1000.0;
	if (ppj__xml_has(n, "spc"))
		r->spacing = ppj__xml_int(n, "spc", 0) / 100.0;
	if ((v = ppj__xml_attr(n, "lang")) && *v)
		r->lang = pptx_str(sc->px, v);
}

static void typeface(struct sctx *sc, xmlNode *f, const char **out)
{
	const char *t = ppj__xml_attr(f, "typeface");

	if (t && *t)
		*out = pptx_str(sc->px, t);
}

/*
 * Applies an rPr, defRPr or endParaRPr node over r. Only what the node
 * sets changes.
 */
static int apply_rpr(struct sctx *sc, xmlNode *n, struct ppj_run *r)
{
	int rc = 0;

	if (!n)
		return 0;
	run_attrs(sc, n, r);
	size_t k = 0;

	for (xmlNode *c = ppj__xml_first(n); c && !rc && k++ < PROPS_MAX;
	     c = ppj__xml_next(c)) {
		const char *name = (const char *)c->name;

		if (ppj__ns_of(c) != NS_A)
			continue;
		if (strcmp(name, "solidFill") == 0 ||
		    strcmp(name, "gradFill") == 0 ||
		    strcmp(name, "noFill") == 0 ||
		    strcmp(name, "pattFill") == 0 ||
		    strcmp(name, "blipFill") == 0)
			rc = pptx_fill(sc, c, &r->fill);
		else if (strcmp(name, "highlight") == 0)
			r->has_highlight = pptx_color_in(&sc->cc, c,
							 &r->highlight);
		else if (strcmp(name, "ln") == 0)
			rc = pptx_line(sc, c, &r->outline);
		else if (strcmp(name, "effectLst") == 0) {
			struct ppj_effects e = { 0 };

			pptx_effects(sc, c, &e);
			r->shadow = e.shadow;
		} else if (strcmp(name, "latin") == 0)
			typeface(sc, c, &r->font);
		else if (strcmp(name, "ea") == 0)
			typeface(sc, c, &r->font_ea);
		else if (strcmp(name, "cs") == 0)
			typeface(sc, c, &r->font_cs);
		else if (strcmp(name, "sym") == 0)
			typeface(sc, c, &r->font_sym);
		else if (strcmp(name, "hlinkClick") == 0)
			pptx_link(sc, c, &r->link);
	}
	return rc;
}

/* "+mj-lt" and friends to the theme's font; other names unchanged. */
static const char *theme_font(const struct theme *th, const char *f)
{
	const char *const *set;
	int k;

	if (!f || f[0] != '+' || strlen(f) != 6)
		return f;
	if (!th)
		return NULL;
	set = strncmp(f, "+mj-", 4) == 0 ? th->major :
	      strncmp(f, "+mn-", 4) == 0 ? th->minor : NULL;
	k = strcmp(f + 4, "lt") == 0 ? 0 : strcmp(f + 4, "ea") == 0 ? 1 :
	    strcmp(f + 4, "cs") == 0 ? 2 : -1;
	if (!set || k < 0)
		return NULL;
	return set[k];
}

static void finish_run(struct sctx *sc, struct ppj_run *r)
{
	const struct theme *th = sc->cc.theme;

	r->font = theme_font(th, r->font);
	r->font_ea = theme_font(th, r->font_ea);
	r->font_cs = theme_font(th, r->font_cs);
	r->font_sym = theme_font(th, r->font_sym);
	if (!r->font && th)
		r->font = th->minor[0];
}

/* ---- paragraph properties ---- */

static void spacing(xmlNode *n, struct ppj_spacing *s)
{
	xmlNode *pct = ppj__xml_child(n, NS_A, "spcPct");
	xmlNode *pts = ppj__xml_child(n, NS_A, "spcPts");

	if (pct) {
		s->is_pts = false;
		s->val = ppj__xml_int(pct, "val", 100000) / 1000.0;
	} else if (pts) {
		s->is_pts = true;
		s->val = ppj__xml_int(pts, "val", 0) / 100.0;
	}
}

static enum ppj_align align(const char *a, enum ppj_align def)
{
	if (!a)
		return def;
	if (strcmp(a, "ctr") == 0)
		return PPJ_ALIGN_CENTER;
	if (strcmp(a, "r") == 0)
		return PPJ_ALIGN_RIGHT;
	if (strcmp(a, "just") == 0 || strcmp(a, "justLow") == 0)
		return PPJ_ALIGN_JUSTIFY;
	if (strcmp(a, "dist") == 0 || strcmp(a, "thaiDist") == 0)
		return PPJ_ALIGN_DIST;
	return PPJ_ALIGN_LEFT;
}

static void bullet_prop(struct sctx *sc, xmlNode *c, struct pstate *ps)
{
	struct ppj_bullet *b = &ps->p.bullet;
	const char *n = (const char *)c->name;

	if (strcmp(n, "buClrTx") == 0)
		b->has_color = false;
	else if (strcmp(n, "buClr") == 0)
		b->has_color = pptx_color_in(&sc->cc, c, &b->color);
	else if (strcmp(n, "buSzTx") == 0) {
		b->size_pct = 100;
		b->size_pts = 0;
	} else if (strcmp(n, "buSzPct") == 0) {
		b->size_pct = ppj__xml_int(c, "val", 100000) / 1000.0;
		b->size_pts = 0;
	} else if (strcmp(n, "buSzPts") == 0)
		b->size_pts = ppj__xml_int(c, "val", 0) / 100.0;
	else if (strcmp(n, "buFontTx") == 0)
		ps->bu_font = NULL;
	else if (strcmp(n, "buFont") == 0)
		ps->bu_font = ppj__xml_attr(c, "typeface");
	else if (strcmp(n, "buNone") == 0)
		b->kind = PPJ_BULLET_NONE;
	else if (strcmp(n, "buChar") == 0) {
		b->kind = PPJ_BULLET_CHAR;
		ps->bu_char = ppj__xml_attr(c, "char");
	} else if (strcmp(n, "buAutoNum") == 0) {
		b->kind = PPJ_BULLET_AUTONUM;
		ps->an_scheme = ppj__xml_attr(c, "type");
		ps->an_start = (int)ppj__xml_int(c, "startAt", 1);
	} else if (strcmp(n, "buBlip") == 0) {
		b->kind = PPJ_BULLET_PICTURE;
		ps->bu_blip = ppj__xml_child(c, NS_A, "blip");
	}
}

/* Applies a pPr or lvlNpPr node over the paragraph state. */
static int apply_ppr(struct sctx *sc, xmlNode *n, struct pstate *ps)
{
	struct ppj_para *p = &ps->p;
	size_t k = 0;

	if (!n)
		return 0;
	if (ppj__xml_has(n, "marL"))
		p->margin_left = inset(n, "marL", 0);
	if (ppj__xml_has(n, "indent"))
		p->indent = clamp_signed(ppj__xml_int(n, "indent", 0));
	p->align = align(ppj__xml_attr(n, "algn"), p->align);
	p->rtl = ppj__xml_bool(n, "rtl", p->rtl);
	p->east_asian_break = ppj__xml_bool(n, "eaLnBrk",
					    p->east_asian_break);
	for (xmlNode *c = ppj__xml_first(n); c && k++ < PROPS_MAX;
	     c = ppj__xml_next(c)) {
		if (ppj__ns_of(c) != NS_A)
			continue;
		if (ppj__xml_is(c, NS_A, "lnSpc"))
			spacing(c, &p->line);
		else if (ppj__xml_is(c, NS_A, "spcBef"))
			spacing(c, &p->before);
		else if (ppj__xml_is(c, NS_A, "spcAft"))
			spacing(c, &p->after);
		else if (strncmp((const char *)c->name, "bu", 2) == 0)
			bullet_prop(sc, c, ps);
	}
	return apply_rpr(sc, ppj__xml_child(n, NS_A, "defRPr"), &p->end);
}

static int apply_list(struct sctx *sc, xmlNode *list, int level,
		      struct pstate *ps)
{
	char name[32];
	int rc;

	if (!list)
		return 0;
	rc = apply_ppr(sc, ppj__xml_child(list, NS_A, "defPPr"), ps);
	snprintf(name, sizeof(name), "lvl%dpPr", level + 1);
	return rc ? rc : apply_ppr(sc, ppj__xml_child(list, NS_A, name), ps);
}

static int apply_font_ref(struct sctx *sc, xmlNode *fr, struct ppj_run *r)
{
	const char *idx = ppj__xml_attr(fr, "idx");
	struct ppj_color c;

	if (!fr)
		return 0;
	if (ppj_streq(idx, "major"))
		r->font = "+mj-lt";
	else if (ppj_streq(idx, "minor"))
		r->font = "+mn-lt";
	if (pptx_color_in(&sc->cc, fr, &c)) {
		memset(&r->fill, 0, sizeof(r->fill));
		r->fill.kind = PPJ_FILL_SOLID;
		r->fill.color = c;
	}
	return 0;
}

/* The text part of a table style (a:tcTxStyle) over the run defaults. */
static void apply_cell_style(struct sctx *sc, xmlNode *ts, struct ppj_run *r)
{
	struct ppj_color c;
	const char *b = ppj__xml_attr(ts, "b"), *i = ppj__xml_attr(ts, "i");

	apply_font_ref(sc, ppj__xml_child(ts, NS_A, "fontRef"), r);
	if (b && strcmp(b, "def") != 0)
		r->bold = strcmp(b, "on") == 0;
	if (i && strcmp(i, "def") != 0)
		r->italic = strcmp(i, "on") == 0;
	if (pptx_color_in(&sc->cc, ts, &c)) {
		memset(&r->fill, 0, sizeof(r->fill));
		r->fill.kind = PPJ_FILL_SOLID;
		r->fill.color = c;
	}
}

/* Resolves the paragraph properties of a:p at its level. */
static int resolve_para(struct sctx *sc, xmlNode *ap,
			const struct text_chain *ch, struct pstate *ps)
{
	xmlNode *ppr = ppj__xml_child(ap, NS_A, "pPr");
	int level = (int)ppj__xml_int(ppr, "lvl", 0);
	int rc = 0;

	if (level < 0 || level >= MAX_LEVELS)
		level = 0;
	memset(ps, 0, sizeof(*ps));
	ppj_para_defaults(&ps->p);
	ps->p.level = level;
	for (size_t i = 0; i < ch->nlists && !rc; i++) {
		if (i + 1 == ch->nlists)
			rc = apply_font_ref(sc, ch->font_ref, &ps->p.end);
		if (!rc)
			rc = apply_list(sc, ch->lists[i], level, ps);
	}
	if (!ch->nlists)
		rc = apply_font_ref(sc, ch->font_ref, &ps->p.end);
	for (size_t i = 0; i < ch->ncell_styles; i++)
		apply_cell_style(sc, ch->cell_styles[i], &ps->p.end);
	return rc ? rc : apply_ppr(sc, ppr, ps);
}

/* ---- runs ---- */

static struct ppj_run *new_run(struct sctx *sc, struct ppj_para *p,
			       size_t *cap, const struct ppj_run *base)
{
	struct ppj_run *r = ppj_arena_push(sc->px->arena, &p->runs,
					   &p->nruns, cap, sizeof(*r));

	if (r)
		*r = *base;
	return r;
}

/* Text in a symbol font (Symbol, Wingdings...) as Unicode. */
static const char *symbol_text(struct sctx *sc, const char *font,
			       const char *s)
{
	const char *end = s + strlen(s);
	struct ppj_buf b;
	const char *out;

	ppj_buf_init(&b, 16 << 20);
	while (s < end)
		ppj_buf_add_utf8(&b, ppj_symbol_to_unicode(font,
			ppj_utf8_next(&s, end)));
	out = pptx_str(sc->px, b.data && !b.failed ? b.data : "");
	ppj_buf_release(&b);
	return out;
}

static const char *field_text(struct sctx *sc, const char *type,
			      const char *t)
{
	/* The slide number as of now: a cached one may predate a move. */
	if (ppj_streq(type, "slidenum") && sc->slide)
		return ppj_arena_printf(sc->px->arena, "%d",
					sc->slide->number);
	return pptx_str(sc->px, t);
}

/* True when a:hlinkClick asks to keep the text colour (ahyp:hlinkClr). */
static bool link_keeps_color(xmlNode *rpr)
{
	xmlNode *h = ppj__xml_child(rpr, NS_A, "hlinkClick");
	xmlNode *ext = ppj__xml_child(h, NS_A, "extLst");

	for (xmlNode *e = ppj__xml_first(ext); e; e = ppj__xml_next(e))
		for (xmlNode *c = ppj__xml_first(e); c; c = ppj__xml_next(c))
			if (strcmp((const char *)c->name, "hlinkClr") == 0 &&
			    ppj_streq(ppj__xml_attr(c, "val"), "tx"))
				return true;
	return false;
}

/*
 * PowerPoint shows hyperlinked text in the theme's hyperlink colour,
 * underlined, whatever colour the run asks for.
 */
static void link_look(struct sctx *sc, xmlNode *rpr, struct ppj_run *r)
{
	const struct theme *th = sc->cc.theme;

	if ((!r->link.url && !r->link.slide) || link_keeps_color(rpr))
		return;
	if (th) {
		memset(&r->fill, 0, sizeof(r->fill));
		r->fill.kind = PPJ_FILL_SOLID;
		r->fill.color = th->scheme[sc->cc.map ? sc->cc.map[CLR_HLINK]
						      : CLR_HLINK];
	}
	if (r->underline == PPJ_U_NONE)
		r->underline = PPJ_U_SINGLE;
}

static int read_runs(struct sctx *sc, xmlNode *ap, struct ppj_para *p)
{
	const struct ppj_run base = p->end;
	size_t cap = 0;
	int rc = 0;

	for (xmlNode *c = ppj__xml_first(ap); c && !rc; c = ppj__xml_next(c)) {
		bool is_r = ppj__xml_is(c, NS_A, "r");
		bool is_f = ppj__xml_is(c, NS_A, "fld");
		bool is_br = ppj__xml_is(c, NS_A, "br");
		struct ppj_run *r;

		if (!is_r && !is_f && !is_br)
			continue;
		r = new_run(sc, p, &cap, &base);
		if (!r)
			return pptx_oom(sc->px);
		rc = apply_rpr(sc, ppj__xml_child(c, NS_A, "rPr"), r);
		link_look(sc, ppj__xml_child(c, NS_A, "rPr"), r);
		finish_run(sc, r);
		if (is_br) {
			r->kind = PPJ_RUN_BREAK;
			r->text = "\n";
			continue;
		}
		r->text = ppj__xml_text(ppj__xml_child(c, NS_A, "t"));
		if (is_f) {
			r->kind = PPJ_RUN_FIELD;
			r->field = pptx_str(sc->px, ppj__xml_attr(c, "type"));
			r->text = field_text(sc, r->field, r->text);
		} else if (ppj_is_symbol_font(r->font)) {
			r->text = symbol_text(sc, r->font, r->text);
		} else {
			r->text = pptx_str(sc->px, r->text);
		}
		if (!r->text)
			return pptx_oom(sc->px);
	}
	return rc;
}

/* ---- bullets ---- */

static bool has_text(const struct ppj_para *p)
{
	for (size_t i = 0; i < p->nruns; i++)
		if (p->runs[i].kind != PPJ_RUN_BREAK && p->runs[i].text &&
		    p->runs[i].text[0])
			return true;
	return false;
}

/* The bullet character in Unicode, symbol fonts mapped. */
static int bullet_char(struct sctx *sc, struct pstate *ps)
{
	struct ppj_bullet *b = &ps->p.bullet;
	const char *font = ps->bu_font ? theme_font(sc->cc.theme, ps->bu_font)
		: (ps->p.nruns ? ps->p.runs[0].font : ps->p.end.font);
	const char *s = ps->bu_char ? ps->bu_char : "\xe2\x80\xa2";
	const char *end = s + strlen(s);
	struct ppj_buf buf = PPJ_BUF_INIT;

	ppj_buf_init(&buf, 64);
	while (s < end)
		ppj_buf_add_utf8(&buf, ppj_symbol_to_unicode(font,
			ppj_utf8_next(&s, end)));
	b->text = pptx_str(sc->px, buf.failed || !buf.data ? "\xe2\x80\xa2"
						 : buf.data);
	ppj_buf_release(&buf);
	b->font = ppj_is_symbol_font(font) ? NULL : pptx_str(sc->px, font);
	return b->text ? 0 : pptx_oom(sc->px);
}

/*
 * The number of an auto-numbered paragraph: consecutive paragraphs of
 * the same level and scheme count up from startAt; a paragraph of a
 * lower level, or an unnumbered one at this level, restarts the count.
 */
static int next_number(struct numbering *nb, const struct pstate *ps)
{
	int l = ps->p.level;
	int n;

	for (int k = l + 1; k < MAX_LEVELS; k++)
		nb->scheme[k] = NULL;
	if (!nb->scheme[l] || !ppj_streq(nb->scheme[l], ps->an_scheme) ||
	    nb->start[l] != ps->an_start) {
		nb->scheme[l] = ps->an_scheme ? ps->an_scheme : "arabicPeriod";
		nb->start[l] = ps->an_start;
		nb->next[l] = ps->an_start;
	}
	n = nb->next[l];
	if (nb->next[l] < 1000000)
		nb->next[l]++;
	return n;
}

static int finish_bullet(struct sctx *sc, struct pstate *ps,
			 struct numbering *nb)
{
	struct ppj_bullet *b = &ps->p.bullet;
	char label[64];

	if (!has_text(&ps->p)) {
		b->kind = PPJ_BULLET_NONE;
		return 0;
	}
	if (b->kind != PPJ_BULLET_AUTONUM) {
		for (int k = ps->p.level; k < MAX_LEVELS; k++)
			nb->scheme[k] = NULL;
	}
	if (b->kind == PPJ_BULLET_CHAR)
		return bullet_char(sc, ps);
	if (b->kind == PPJ_BULLET_AUTONUM) {
		ppj_autonum_label(ps->an_scheme, next_number(nb, ps), label,
				  sizeof(label));
		b->text = pptx_str(sc->px, label);
		if (ps->bu_font)
			b->font = pptx_str(sc->px, theme_font(sc->cc.theme,
							      ps->bu_font));
		return b->text ? 0 : pptx_oom(sc->px);
	}
	if (b->kind == PPJ_BULLET_PICTURE) {
		int rc = pptx_blip_media(sc, ps->bu_blip, &b->picture);

		if (!rc && !b->picture)
			b->kind = PPJ_BULLET_NONE;
		return rc;
	}
	return 0;
}

/* ---- the body ---- */

static void body_attrs(xmlNode *n, struct ppj_text *t)
{
	const char *v;

	t->inset_l = inset(n, "lIns", t->inset_l);
	t->inset_t = inset(n, "tIns", t->inset_t);
	t->inset_r = inset(n, "rIns", t->inset_r);
	t->inset_b = inset(n, "bIns", t->inset_b);
	if ((v = ppj__xml_attr(n, "anchor")))
		t->anchor = strcmp(v, "ctr") == 0 ? PPJ_ANCHOR_MIDDLE :
			strcmp(v, "b") == 0 ? PPJ_ANCHOR_BOTTOM :
			PPJ_ANCHOR_TOP;
	t->anchor_center = ppj__xml_bool(n, "anchorCtr", t->anchor_center);
	if ((v = ppj__xml_attr(n, "wrap")))
		t->wrap = strcmp(v, "none") != 0;
	if ((v = ppj__xml_attr(n, "vert")))
		t->vert = strcmp(v, "vert") == 0 ? PPJ_VERT_VERT :
			strcmp(v, "vert270") == 0 ? PPJ_VERT_VERT270 :
			strcmp(v, "eaVert") == 0 ||
			strcmp(v, "mongolianVert") == 0 ? PPJ_VERT_EA :
			strncmp(v, "wordArtVert", 11) == 0 ?
			PPJ_VERT_STACKED : PPJ_VERT_HORZ;
	if (ppj__xml_has(n, "rot"))
		t->rot = ppj__xml_int(n, "rot", 0) / 60000.0;
	t->upright = ppj__xml_bool(n, "upright", t->upright);
	if (ppj__xml_has(n, "numCol"))
		t->columns = (int)ppj__xml_int(n, "numCol", 1);
	if (t->columns < 1 || t->columns > 16)
		t->columns = 1;
	t->column_gap = inset(n, "spcCol", t->column_gap);
	t->rtl_columns = ppj__xml_bool(n, "rtlCol", t->rtl_columns);
}

static void apply_body(xmlNode *n, struct ppj_text *t)
{
	xmlNode *fit, *warp;

	if (!n)
		return;
	body_attrs(n, t);
	if ((warp = ppj__xml_child(n, NS_A, "prstTxWarp")))
		t->warped = !ppj_streq(ppj__xml_attr(warp, "prst"),
				       "textNoShape");
	if ((fit = ppj__xml_child(n, NS_A, "normAutofit"))) {
		t->autofit = PPJ_FIT_NORMAL;
		t->font_scale = ppj__xml_int(fit, "fontScale", 100000) /
				100000.0;
		t->line_reduction = ppj__xml_int(fit, "lnSpcReduction", 0) /
				    100000.0;
	} else if (ppj__xml_child(n, NS_A, "spAutoFit")) {
		t->autofit = PPJ_FIT_SHAPE;
		t->font_scale = 1;
		t->line_reduction = 0;
	} else if (ppj__xml_child(n, NS_A, "noAutofit")) {
		t->autofit = PPJ_FIT_NONE;
		t->font_scale = 1;
		t->line_reduction = 0;
	}
}

static int read_para(struct sctx *sc, xmlNode *ap,
		     const struct text_chain *ch, struct numbering *nb,
		     struct ppj_para *out)
{
	struct pstate ps;
	int rc = resolve_para(sc, ap, ch, &ps);

	if (!rc)
		rc = read_runs(sc, ap, &ps.p);
	if (!rc)
		rc = apply_rpr(sc, ppj__xml_child_any(ap, NS_A, "endParaRPr"),
			       &ps.p.end);
	finish_run(sc, &ps.p.end);
	if (!rc)
		rc = finish_bullet(sc, &ps, nb);
	*out = ps.p;
	return rc;
}

/*
 * Reads a txBody (p:txBody, a:txBody) into a new ppj_text in the arena,
 * resolved through ch. Returns 0 or a fatal negative error.
 */
int pptx_text(struct sctx *sc, xmlNode *txbody, const struct text_chain *ch,
	      struct ppj_text **out)
{
	struct ppj_text *t = ppj_arena_alloc(sc->px->arena, sizeof(*t));
	struct numbering nb;
	size_t cap = 0;
	int rc = 0;

	*out = NULL;
	if (!t)
		return pptx_oom(sc->px);
	memset(&nb, 0, sizeof(nb));
	ppj_text_defaults(t);
	for (size_t i = 0; i < ch->nbodies; i++)
		apply_body(ch->bodies[i], t);
	apply_body(ppj__xml_child(txbody, NS_A, "bodyPr"), t);

	for (xmlNode *ap = ppj__xml_first(txbody); ap && !rc;
	     ap = ppj__xml_next(ap)) {
		struct ppj_para *p;

		if (!ppj__xml_is(ap, NS_A, "p"))
			continue;
		p = ppj_arena_push(sc->px->arena, &t->paras, &t->nparas, &cap,
				   sizeof(*p));
		if (!p)
			return pptx_oom(sc->px);
		rc = read_para(sc, ap, ch, &nb, p);
	}
	*out = t;
	return rc;
}

/* ---- plain text ---- */

static void plain_para(xmlNode *ap, struct ppj_buf *b, const char *sep)
{
	for (xmlNode *c = ppj__xml_first(ap); c; c = ppj__xml_next(c)) {
		if (ppj__xml_is(c, NS_A, "br"))
			ppj_buf_adds(b, sep);
		else if (ppj__xml_is(c, NS_A, "r") ||
			 ppj__xml_is(c, NS_A, "fld"))
			ppj_buf_adds(b, ppj__xml_text(ppj__xml_child(c, NS_A,
								     "t")));
	}
}

/*
 * The plain text of a txBody: paragraphs (and line breaks) joined by
 * sep, trailing separators cut. In the arena; NULL when out of memory.
 */
char *pptx_plain_text(struct pptx *px, xmlNode *txbody, const char *sep)
{
	struct ppj_buf b;
	size_t sl = strlen(sep);
	bool first = true;
	char *s;

	ppj_buf_init(&b, 16 << 20);
	for (xmlNode *ap = ppj__xml_first(txbody); ap; ap = ppj__xml_next(ap)) {
		if (!ppj__xml_is(ap, NS_A, "p"))
			continue;
		if (!first)
			ppj_buf_adds(&b, sep);
		first = false;
		plain_para(ap, &b, sep);
	}
	while (sl && b.len >= sl && memcmp(b.data + b.len - sl, sep, sl) == 0)
		b.len -= sl;
	if (b.data)
		b.data[b.len] = '\0';
	s = pptx_str(px, b.data ? b.data : "");
	ppj_buf_release(&b);
	return s;
}

/*
 * The notes as HTML: one <p> per paragraph, <br> for line breaks, text
 * escaped. In the arena; NULL when out of memory.
 */
char *pptx_notes_html(struct pptx *px, xmlNode *txbody)
{
	struct ppj_buf b;
	char *s;

	ppj_buf_init(&b, 16 << 20);
	for (xmlNode *ap = ppj__xml_first(txbody); ap; ap = ppj__xml_next(ap)) {
		if (!ppj__xml_is(ap, NS_A, "p"))
			continue;
		ppj_buf_adds(&b, "<p>");
		for (xmlNode *c = ppj__xml_first(ap); c; c = ppj__xml_next(c)) {
			if (ppj__xml_is(c, NS_A, "br"))
				ppj_buf_adds(&b, "<br>");
			else if (ppj__xml_is(c, NS_A, "r") ||
				 ppj__xml_is(c, NS_A, "fld"))
				ppj_buf_add_html(&b, ppj__xml_text(
					ppj__xml_child(c, NS_A, "t")));
		}
		ppj_buf_adds(&b, "</p>");
	}
	s = pptx_str(px, b.data && !b.failed ? b.data : "");
	ppj_buf_release(&b);
	return s;
}
