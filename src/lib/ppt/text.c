/*
 * Text of a .ppt: the characters of TextCharsAtom (UTF-16LE) and
 * TextBytesAtom (Latin-1), their paragraph and character runs
 * (StyleTextPropAtom), the ruler (TextRulerAtom), the links of character
 * ranges, and the master's text styles (TxMasterStyleAtom) that give every
 * value a run leaves unset. The result is the model's struct ppj_text with
 * all of that resolved.
 *
 * A paragraph ends at '\r' and '\v' is a line break inside it. Style runs
 * count UTF-16 code units; the last run of each kind covers one extra
 * character (the implied final paragraph mark).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"
#include "ppt-int.h"

#define MAX_TEXT_UNITS (1u << 22)

/* ---- reading the exceptions ---- */

/* Reads a TextPFException at *off in r, moving *off past it. */
void ppt_read_pf(const struct ppt_rec *r, size_t *off, struct ppt_pf *pf)
{
	size_t o = *off;
	uint32_t m = ppt_u32(r, o);

	memset(pf, 0, sizeof(*pf));
	pf->mask = m;
	o += 4;
	if (m & 0xF) {
		pf->bullet_flags = ppt_u16(r, o);
		o += 2;
	}
	if (m & 0x80) {
		pf->bullet_char = ppt_u16(r, o);
		o += 2;
	}
	if (m & 0x10) {
		pf->bullet_font = ppt_u16(r, o);
		o += 2;
	}
	if (m & 0x40) {
		pf->bullet_size = ppt_i16(r, o);
		o += 2;
	}
	if (m & 0x20) {
		pf->bullet_color = ppt_u32(r, o);
		o += 4;
	}
	if (m & 0x800) {
		pf->align = ppt_u16(r, o);
		o += 2;
	}
	if (m & 0x1000) {
		pf->line = ppt_i16(r, o);
		o += 2;
	}
	if (m & 0x2000) {
		pf->before = ppt_i16(r, o);
		o += 2;
	}
	if (m & 0x4000) {
		pf->after = ppt_i16(r, o);
		o += 2;
	}
	if (m & 0x100) {
		pf->left = ppt_i16(r, o);
		o += 2;
	}
	if (m & 0x400) {
		pf->indent = ppt_i16(r, o);
		o += 2;
	}
	if (m & 0x8000)
		o += 2;
	if (m & 0x100000)
		o += 2 + 4 * (size_t)ppt_u16(r, o);
	if (m & 0x10000)
		o += 2;
	if (m & 0xE0000)
		o += 2;
	if (m & 0x200000)
		o += 2;
	*off = o;
}

/* Reads a TextCFException at *off in r, moving *off past it. */
void ppt_read_cf(const struct ppt_rec *r, size_t *off, struct ppt_cf *cf)
{
	size_t o = *off;
	uint32_t m = ppt_u32(r, o);

	memset(cf, 0, sizeof(*cf));
	cf->mask = m;
	o += 4;
	if (m & 0x3EB7) {
		cf->style = ppt_u16(r, o);
		o += 2;
	}
	if (m & 0x10000) {
		cf->font = ppt_u16(r, o);
		o += 2;
	}
	if (m & 0x200000) {
		cf->ea_font = ppt_u16(r, o);
		o += 2;
	}
	if (m & 0x400000)
		o += 2;
	if (m & 0x800000) {
		cf->sym_font = ppt_u16(r, o);
		o += 2;
	}
	if (m & 0x20000) {
		cf->size = ppt_u16(r, o);
		o += 2;
	}
	if (m & 0x40000) {
		cf->color = ppt_u32(r, o);
		o += 4;
	}
	if (m & 0x80000) {
		cf->pos = ppt_i16(r, o);
		o += 2;
	}
	if (m & 0x100000)
		o += 4;
	if (m & 0x1000000)
		o += 2;
	if (m & 0x2000000)
		o += 2;
	if (m & 0x4000000)
		o += 4;
	*off = o;
}

/* Reads the levels of a TxMasterStyleAtom into s. */
void ppt_read_master_style(const struct ppt_rec *r, struct ppt_tstyle *s)
{
	unsigned n = ppt_u16(r, 0);
	size_t off = 2;

	memset(s, 0, sizeof(*s));
	s->present = true;
	for (unsigned i = 0; i < n && i < 5 && off < r->len; i++) {
		unsigned lvl = i;

		if (r->inst >= 5) {
			lvl = ppt_u16(r, off);
			off += 2;
			if (lvl > 4)
				lvl = 4;
		}
		ppt_read_pf(r, &off, &s->lvl[lvl].pf);
		ppt_read_cf(r, &off, &s->lvl[lvl].cf);
	}
}

/* ---- merging ---- */

static void pf_apply(struct ppt_pf *d, const struct ppt_pf *s)
{
	uint32_t m = s->mask;

	for (unsigned b = 0; b < 4; b++) {
		uint16_t bit = (uint16_t)(1u << b);

		if (m & bit)
			d->bullet_flags = (uint16_t)((d->bullet_flags & ~bit) |
						     (s->bullet_flags & bit));
	}
	if (m & 0x80)
		d->bullet_char = s->bullet_char;
	if (m & 0x10)
		d->bullet_font = s->bullet_font;
	if (m & 0x40)
		d->bullet_size = s->bullet_size;
	if (m & 0x20)
		d->bullet_color = s->bullet_color;
	if (m & 0x800)
		d->align = s->align;
	if (m & 0x1000)
		d->line = s->line;
	if (m & 0x2000)
		d->before = s->before;
	if (m & 0x4000)
		d->after = s->after;
	if (m & 0x100)
		d->left = s->left;
	if (m & 0x400)
		d->indent = s->indent;
	d->mask |= m;
}

static void cf_apply(struct ppt_cf *d, const struct ppt_cf *s)
{
	uint32_t m = s->mask;
	uint16_t bits = (uint16_t)(m & 0x3EB7);

	d->style = (uint16_t)((d->style & ~bits) | (s->style & bits));
	if (m & 0x10000)
		d->font = s->font;
	if (m & 0x200000)
		d->ea_font = s->ea_font;
	if (m & 0x800000)
		d->sym_font = s->sym_font;
	if (m & 0x20000)
		d->size = s->size;
	if (m & 0x40000)
		d->color = s->color;
	if (m & 0x80000)
		d->pos = s->pos;
	d->mask |= m;
}

static unsigned base_type(unsigned t)
{
	switch (t) {
	case TX_CENTER_BODY:
	case TX_HALF_BODY:
	case TX_QUARTER_BODY:
		return TX_BODY;
	case TX_CENTER_TITLE:
		return TX_TITLE;
	default:
		return t < TX_NTYPES ? t : TX_OTHER;
	}
}

static void apply_style(struct ppt_level *d, const struct ppt_tstyle *s,
			unsigned lvl)
{
	if (!s->present)
		return;
	pf_apply(&d->pf, &s->lvl[0].pf);
	cf_apply(&d->cf, &s->lvl[0].cf);
	if (lvl) {
		pf_apply(&d->pf, &s->lvl[lvl].pf);
		cf_apply(&d->cf, &s->lvl[lvl].cf);
	}
}

/*
 * The inherited properties of text type t at level lvl: the document's
 * defaults, then the master's base type, then the master's own type.
 */
static void inherited(struct ppt_ctx *c, unsigned t, unsigned lvl,
		      struct ppt_level *out)
{
	unsigned b = base_type(t);
	const struct ppt_tstyle *ms = c->master ? c->master->styles : NULL;

	memset(out, 0, sizeof(*out));
	out->cf.size = 18;
	out->cf.color = 0x01000000;	/* scheme text colour */
	out->pf.line = 100;
	apply_style(out, &c->env_styles[TX_OTHER], lvl);
	if (b != TX_OTHER)
		apply_style(out, &c->env_styles[b], lvl);
	if (t != b)
		apply_style(out, &c->env_styles[t < TX_NTYPES ? t : b], lvl);
	if (!ms)
		return;
	if (b != TX_OTHER || ms[TX_OTHER].present)
		apply_style(out, &ms[b], lvl);
	if (t != b && t < TX_NTYPES)
		apply_style(out, &ms[t], lvl);
}

/* ---- collecting texts ---- */

const char *ppt_date_format(unsigned index)
{
	static const char *const names[] = { "datetime1", "datetime2",
		"datetime3", "datetime4", "datetime5", "datetime6",
		"datetime7", "datetime8", "datetime9", "datetime10",
		"datetime11", "datetime12", "datetime13" };

	return index < sizeof(names) / sizeof(*names) ? names[index] :
		"datetime";
}

static void add_field(struct ppt_ctx *c, struct ppt_text *t,
		      const struct ppt_rec *r)
{
	struct ppt_field *f;

	if (t->nfields >= 64)
		return;
	f = ppj_arena_calloc(&c->deck->arena, t->nfields + 1, sizeof(*f));
	if (!f)
		return;
	if (t->nfields)
		memcpy(f, t->fields, t->nfields * sizeof(*f));
	f[t->nfields].pos = ppt_u32(r, 0);
	f[t->nfields].name = r->type == RT_SLIDE_NUMBER_MC_ATOM ? "slidenum" :
		r->type == RT_HEADER_MC_ATOM ? "header" :
		r->type == RT_FOOTER_MC_ATOM ? "footer" :
		r->type == RT_DATE_TIME_MC_ATOM ?
		ppt_date_format(ppt_u8(r, 4)) : "datetime";
	t->fields = f;
	t->nfields++;
}

/*
 * Feeds one record of a slide list or a ClientTextbox: a TextHeaderAtom
 * starts a text, the atoms after it fill it. *pending holds the link of an
 * InteractiveInfo until its TxInteractiveInfoAtom gives the range.
 */
static void feed(struct ppt_ctx *c, struct ppt_text **items, size_t *n,
		 size_t *cap, const struct ppt_rec *r, struct ppj_link *pend)
{
	struct ppj_arena *a = &c->deck->arena;
	struct ppt_text *t = *n ? &(*items)[*n - 1] : NULL;
	struct ppt_span_link *sl;

	switch (r->type) {
	case RT_TEXT_HEADER_ATOM:
		if (*n >= 100000)
			return;
		t = ppj_arena_push(a, items, n, cap, sizeof(**items));
		if (t)
			t->type = ppt_u32(r, 0);
		return;
	case RT_TEXT_CHARS_ATOM:
	case RT_TEXT_BYTES_ATOM:
		if (!t)
			return;
		t->wide = r->type == RT_TEXT_CHARS_ATOM;
		t->chars = r->data;
		t->nchars = t->wide ? r->len / 2 : r->len;
		return;
	case RT_STYLE_TEXT_PROP_ATOM:
		if (t)
			t->style = *r;
		return;
	case RT_TEXT_RULER_ATOM:
		if (t)
			t->ruler = *r;
		return;
	case RT_INTERACTIVE_INFO:
		memset(pend, 0, sizeof(*pend));
		ppt_link_from_info(c, r, pend);
		return;
	case RT_SLIDE_NUMBER_MC_ATOM:
	case RT_DATE_TIME_MC_ATOM:
	case RT_GENERIC_DATE_MC_ATOM:
	case RT_HEADER_MC_ATOM:
	case RT_FOOTER_MC_ATOM:
		if (t)
			add_field(c, t, r);
		return;
	case RT_TX_INTERACTIVE_INFO_ATOM:
		if (!t || (!pend->url && !pend->slide) || t->nlinks >= 64)
			return;
		sl = ppj_arena_calloc(a, t->nlinks + 1, sizeof(*sl));
		if (!sl)
			return;
		if (t->nlinks)
			memcpy(sl, t->links, t->nlinks * sizeof(*sl));
		sl[t->nlinks].begin = ppt_i32(r, 0);
		sl[t->nlinks].end = ppt_i32(r, 4);
		sl[t->nlinks].link = *pend;
		t->links = sl;
		t->nlinks++;
		return;
	default:
		return;
	}
}

/*
 * Collects the texts among the children of parent (a ClientTextbox, or a
 * run of slide-list records when parent is a whole slide list: then only
 * the records between the SlidePersistAtom at start and the next one).
 * Returns the count; *out lives in the deck's arena.
 */
size_t ppt_collect_texts(struct ppt_ctx *c, const struct ppt_rec *parent,
			 bool from_persist, struct ppt_text **out)
{
	struct ppt_iter it;
	struct ppt_rec r;
	struct ppj_link pend;
	size_t n = 0, cap = 0;

	*out = NULL;
	memset(&pend, 0, sizeof(pend));
	ppt_iter_init(&it, parent);
	if (from_persist) {
		/* parent starts at a SlidePersistAtom: skip it */
		if (!ppt_iter_next(&it, &r))
			return 0;
	}
	while (ppt_iter_next(&it, &r)) {
		if (from_persist && r.type == RT_SLIDE_PERSIST_ATOM)
			break;
		feed(c, out, &n, &cap, &r, &pend);
	}
	return n;
}

/* ---- building the model ---- */

struct runs {
	size_t n;
	size_t cur;		/* where run_at looked last */
	uint32_t *end;		/* exclusive end of each run, in units */
	uint16_t *level;	/* paragraph runs only */
	struct ppt_pf *pf;
	struct ppt_cf *cf;
};

/* Parses the paragraph and character runs of a StyleTextPropAtom. */
static void read_runs(struct ppt_ctx *c, const struct ppt_rec *r,
		      size_t units, struct runs *pr, struct runs *cr)
{
	struct ppj_arena *a = &c->deck->arena;
	size_t max = r->len / 6 + 1, off = 0;
	uint64_t at = 0;

	memset(pr, 0, sizeof(*pr));
	memset(cr, 0, sizeof(*cr));
	if (!r->type || !r->len)
		return;
	pr->end = ppj_arena_calloc(a, max, sizeof(uint32_t));
	pr->level = ppj_arena_calloc(a, max, sizeof(uint16_t));
	pr->pf = ppj_arena_calloc(a, max, sizeof(struct ppt_pf));
	cr->end = ppj_arena_calloc(a, max, sizeof(uint32_t));
	cr->cf = ppj_arena_calloc(a, max, sizeof(struct ppt_cf));
	if (!pr->end || !pr->level || !pr->pf || !cr->end || !cr->cf)
		return;

	while (at <= units && off + 6 <= r->len && pr->n < max) {
		at += ppt_u32(r, off);
		pr->level[pr->n] = ppt_u16(r, off + 4);
		off += 6;
		ppt_read_pf(r, &off, &pr->pf[pr->n]);
		pr->end[pr->n++] = (uint32_t)(at < UINT32_MAX ? at :
					      UINT32_MAX);
	}
	at = 0;
	while (at <= units && off + 8 <= r->len && cr->n < max) {
		at += ppt_u32(r, off);
		off += 4;
		ppt_read_cf(r, &off, &cr->cf[cr->n]);
		cr->end[cr->n++] = (uint32_t)(at < UINT32_MAX ? at :
					      UINT32_MAX);
	}
}

/*
 * The run that covers unit i. The characters are visited nearly in order,
 * so a cursor kept in the runs makes this cheap whatever their count.
 */
static size_t run_at(struct runs *rs, size_t i)
{
	size_t k = rs->cur;

	if (!rs->n)
		return 0;
	while (k > 0 && i < rs->end[k - 1])
		k--;
	while (k + 1 < rs->n && i >= rs->end[k])
		k++;
	rs->cur = k;
	return k;
}

/* The ruler's left margin and indent of level lvl, if it sets them. */
static void apply_ruler(const struct ppt_rec *r, unsigned lvl,
			struct ppt_pf *pf)
{
	uint32_t m;
	size_t o = 4;

	if (!r->type)
		return;
	m = ppt_u32(r, 0);
	if (m & 0x2)
		o += 2;
	if (m & 0x1)
		o += 2;
	if (m & 0x4)
		o += 2 + 4 * (size_t)ppt_u16(r, o);
	for (unsigned l = 0; l < 5; l++) {
		if (m & (0x8u << l)) {
			if (l == lvl)
				pf->left = ppt_i16(r, o), pf->mask |= 0x100;
			o += 2;
		}
		if (m & (0x100u << l)) {
			if (l == lvl)
				pf->indent = ppt_i16(r, o), pf->mask |= 0x400;
			o += 2;
		}
	}
}

static void index_color(struct ppt_ctx *c, uint32_t v, struct ppj_color *out)
{
	unsigned idx = v >> 24;

	if (idx == 0xFE)
		*out = ppj_rgb(v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF);
	else
		*out = ppt_scheme_color(c, idx < 8 ? idx : 1);
}

static void set_run(struct ppt_ctx *c, const struct ppt_cf *cf,
		    struct ppj_run *run)
{
	ppj_run_defaults(run);
	run->bold = cf->style & 0x1;
	run->italic = cf->style & 0x2;
	run->underline = (cf->style & 0x4) ? PPJ_U_SINGLE : PPJ_U_NONE;
	run->font = ppt_font(c, cf->font);
	if (cf->mask & 0x200000)
		run->font_ea = ppt_font(c, cf->ea_font);
	if (cf->mask & 0x800000)
		run->font_sym = ppt_font(c, cf->sym_font);
	if (cf->size >= 1 && cf->size <= 4000)
		run->size = cf->size;
	run->fill.kind = PPJ_FILL_SOLID;
	index_color(c, cf->color, &run->fill.color);
	if (cf->pos >= -100 && cf->pos <= 100)
		run->baseline = cf->pos;
}

static void spacing(int16_t v, struct ppj_spacing *s)
{
	if (v >= 0) {
		s->is_pts = false;
		s->val = v;
	} else {
		s->is_pts = true;
		s->val = -v / 8.0;
	}
}

static void set_bullet(struct ppt_ctx *c, const struct ppt_pf *pf,
		       struct ppj_para *p, const char *run_font)
{
	struct ppj_bullet *b = &p->bullet;
	const char *font = run_font;
	uint32_t ch = pf->bullet_char ? pf->bullet_char : 0x2022;
	char utf8[8];
	struct ppj_buf buf = PPJ_BUF_INIT;

	if (!(pf->bullet_flags & 0x1))
		return;
	b->kind = PPJ_BULLET_CHAR;
	if (pf->bullet_flags & 0x2) {
		font = ppt_font(c, pf->bullet_font);
		b->font = font;
	}
	if (font && ppj_is_symbol_font(font))
		ch = ppj_symbol_to_unicode(font, ch);
	/*
	 * A private-use character of another symbol font (Monotype Sorts,
	 * a dingbat font of old decks): the usual bullet shapes sit at the
	 * same codes as in Wingdings.
	 */
	if (ch >= 0xF000 && ch <= 0xF0FF)
		ch = ppj_symbol_to_unicode("Wingdings", ch);
	if (ch >= 0xE000 && ch <= 0xF8FF)
		ch = 0x2022;
	if (ch < 0x20 || (ch >= 0xD800 && ch < 0xE000))
		ch = 0x2022;
	/* a symbol font's character is drawn in the text's font, as Unicode */
	if (font && ppj_is_symbol_font(font))
		b->font = NULL;
	ppj_buf_init(&buf, 16);
	ppj_buf_add_utf8(&buf, ch);
	snprintf(utf8, sizeof(utf8), "%s", buf.data ? buf.data : "");
	ppj_buf_release(&buf);
	b->text = ppj_arena_strdup(&c->deck->arena, utf8);
	if (pf->bullet_flags & 0x4) {
		index_color(c, pf->bullet_color, &b->color);
		b->has_color = true;
	}
	if ((pf->bullet_flags & 0x8) && pf->bullet_size > 0 &&
	    pf->bullet_size <= 400)
		b->size_pct = pf->bullet_size;
	else if ((pf->bullet_flags & 0x8) && pf->bullet_size < 0)
		b->size_pts = -pf->bullet_size;
}

static void set_para(struct ppt_ctx *c, const struct ppt_pf *pf,
		     unsigned lvl, struct ppj_para *p)
{
	static const enum ppj_align al[] = {
		PPJ_ALIGN_LEFT, PPJ_ALIGN_CENTER, PPJ_ALIGN_RIGHT,
		PPJ_ALIGN_JUSTIFY, PPJ_ALIGN_DIST, PPJ_ALIGN_DIST,
		PPJ_ALIGN_JUSTIFY,
	};

	ppj_para_defaults(p);
	p->level = (int)lvl;
	p->align = pf->align < 7 ? al[pf->align] : PPJ_ALIGN_LEFT;
	spacing(pf->line, &p->line);
	if (!p->line.is_pts && p->line.val == 0)
		p->line.val = 100;
	spacing(pf->before, &p->before);
	spacing(pf->after, &p->after);
	p->margin_left = (int64_t)(pf->left * PPT_MASTER_EMU);
	p->indent = (int64_t)((pf->indent - pf->left) * PPT_MASTER_EMU);
	(void)c;
}

/* The text's characters as UTF-16 code units (arena). */
static uint16_t *units_of(struct ppt_ctx *c, const struct ppt_text *t,
			  size_t *n)
{
	size_t len = t->nchars < MAX_TEXT_UNITS ? t->nchars : MAX_TEXT_UNITS;
	uint16_t *u = ppj_arena_calloc(&c->deck->arena, len + 1, 2);

	*n = 0;
	if (!u)
		return NULL;
	for (size_t i = 0; i < len; i++)
		u[i] = t->wide ? ppt_le16(t->chars + 2 * i) : t->chars[i];
	*n = len;
	return u;
}

/* Appends code unit(s) at u[*i] as UTF-8, moving *i past a pair. */
static void add_unit(struct ppj_buf *b, const uint16_t *u, size_t n,
		     size_t *i)
{
	uint32_t cp = u[*i];

	if (cp >= 0xD800 && cp < 0xDC00 && *i + 1 < n &&
	    u[*i + 1] >= 0xDC00 && u[*i + 1] < 0xE000) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + (u[*i + 1] - 0xDC00);
		(*i)++;
	} else if (cp >= 0xD800 && cp < 0xE000) {
		cp = 0xFFFD;
	}
	ppj_buf_add_utf8(b, cp);
}

static const char *field_at(const struct ppt_text *t, size_t i)
{
	for (size_t k = 0; k < t->nfields; k++)
		if (t->fields[k].pos == i)
			return t->fields[k].name;
	return NULL;
}

static const struct ppj_link *link_at(const struct ppt_text *t, size_t i)
{
	for (size_t k = 0; k < t->nlinks; k++)
		if ((int64_t)i >= t->links[k].begin &&
		    (int64_t)i < t->links[k].end)
			return &t->links[k].link;
	return NULL;
}

#define MAX_PF9 64

/* What a TextPFException9 says about automatic numbering. */
struct pf9 {
	bool autonum;
	uint16_t scheme;
	int16_t start;
};

struct builder {
	struct ppt_ctx *c;
	const struct ppt_text *t;
	const uint16_t *u;
	size_t n;
	struct runs pr, cr;
	struct ppj_text *out;
	size_t pcap;
	struct pf9 pf9[MAX_PF9];
	size_t npf9;
	int counter[5];		/* the last number given, per level */
};

/* Skips a TextSIException at *o in r. */
static void skip_si(const struct ppt_rec *r, size_t *o)
{
	uint32_t m = ppt_u32(r, *o);

	*o += 4;
	*o += (m & 0x1 ? 2 : 0) + (m & 0x2 ? 2 : 0) + (m & 0x4 ? 2 : 0) +
		(m & 0x40 ? 2 : 0) + (m & 0x20 ? 4 : 0);
	if (m & 0x200)
		*o += 4 + 4 * (size_t)(ppt_u32(r, *o) & 0xFFFF);
}

/*
 * Reads the StyleTextProp9Atom r (PowerPoint 2000 additions: the
 * automatic numbering of paragraphs) into b->pf9. A paragraph uses the
 * entry its first character run names in pp9rt (CFStyle bits 10-13).
 */
static void read_pf9(struct builder *b, const struct ppt_rec *r)
{
	size_t o = 0;

	while (r->type && o + 12 <= r->len && b->npf9 < MAX_PF9) {
		struct pf9 *e = &b->pf9[b->npf9++];
		uint32_t m = ppt_u32(r, o);

		o += 4;
		if (m & 0x800000)
			o += 2;
		if (m & 0x1000000) {
			e->autonum = ppt_u16(r, o) != 0;
			o += 2;
		}
		if (m & 0x2000000) {
			e->scheme = ppt_u16(r, o);
			e->start = ppt_i16(r, o + 2);
			o += 4;
		}
		m = ppt_u32(r, o);	/* TextCFException9 */
		o += 4 + (m & 0x100000 ? 4 : 0);
		skip_si(r, &o);
	}
}

static const char *scheme_name(unsigned s)
{
	static const char *names[] = {
		"alphaLcPeriod", "alphaUcPeriod", "arabicParenR",
		"arabicPeriod", "romanLcParenBoth", "romanLcParenR",
		"romanLcPeriod", "romanUcPeriod", "alphaLcParenBoth",
		"alphaLcParenR", "alphaUcParenBoth", "alphaUcParenR",
		"arabicParenBoth", "arabicPlain", "romanUcParenBoth",
		"romanUcParenR",
	};

	return s < sizeof(names) / sizeof(names[0]) ? names[s] :
		"arabicPeriod";
}

/*
 * Turns the character bullet of paragraph p into its number when its
 * TextPFException9 asks for automatic numbering. Numbers count on per
 * level; a paragraph at an outer level, or one at this level without a
 * number, starts the count again.
 */
static void autonumber(struct builder *b, struct ppj_para *p,
		       const struct ppt_cf *cf, unsigned lvl)
{
	unsigned idx = (cf->style >> 10) & 0xF;
	const struct pf9 *e = idx < b->npf9 ? &b->pf9[idx] : NULL;
	char label[32];
	int n;

	for (unsigned l = lvl + 1; l < 5; l++)
		b->counter[l] = 0;
	if (p->bullet.kind != PPJ_BULLET_CHAR || !e || !e->autonum) {
		if (p->bullet.kind != PPJ_BULLET_NONE || p->nruns)
			b->counter[lvl] = 0;
		return;
	}
	n = b->counter[lvl] ? b->counter[lvl] + 1 :
		(e->start > 0 ? e->start : 1);
	b->counter[lvl] = n;
	ppj_autonum_label(scheme_name(e->scheme), n, label, sizeof(label));
	p->bullet.kind = PPJ_BULLET_AUTONUM;
	p->bullet.text = ppj_arena_strdup(&b->c->deck->arena, label);
	p->bullet.font = NULL;
}

/* The resolved character properties at unit i of paragraph level lvl. */
static void cf_at(struct builder *b, size_t i, unsigned lvl,
		  struct ppt_cf *cf)
{
	struct ppt_level base;

	inherited(b->c, b->t->type, lvl, &base);
	*cf = base.cf;
	if (b->cr.n)
		cf_apply(cf, &b->cr.cf[run_at(&b->cr, i)]);
}

static struct ppj_run *new_run(struct builder *b, struct ppj_para *p,
			       size_t *cap)
{
	return ppj_arena_push(&b->c->deck->arena, &p->runs, &p->nruns, cap,
			      sizeof(struct ppj_run));
}

/* The text of a run in a symbol font (Symbol, Wingdings) as Unicode. */
static const char *run_text(struct builder *b, const struct ppj_run *run,
			    const struct ppj_buf *text)
{
	struct ppj_arena *a = &b->c->deck->arena;
	const char *s = text->data ? text->data : "", *end = s + text->len;
	struct ppj_buf out = PPJ_BUF_INIT;
	const char *r;

	if (!run->font || !ppj_is_symbol_font(run->font))
		return ppj_arena_strndup(a, s, text->len);
	ppj_buf_init(&out, 0);
	while (s < end)
		ppj_buf_add_utf8(&out, ppj_symbol_to_unicode(run->font,
			ppj_utf8_next(&s, end)));
	r = ppj_arena_strndup(a, out.data ? out.data : "", out.len);
	ppj_buf_release(&out);
	return r;
}

/*
 * A field run: the slide number is known here; a date would make the
 * output depend on the day, so it stays empty here and the page fills
 * it in when it is shown, as PowerPoint does when it opens the deck.
 */
static void add_field_run(struct builder *b, struct ppj_para *p,
			  size_t *cap, const struct ppt_cf *cf,
			  const char *name)
{
	struct ppj_run *r = new_run(b, p, cap);
	struct ppj_slide *s = b->c->slide;

	if (!r)
		return;
	set_run(b->c, cf, r);
	r->kind = PPJ_RUN_FIELD;
	r->field = name;
	if (strcmp(name, "slidenum") == 0 && s)
		r->text = ppj_arena_printf(&b->c->deck->arena, "%d",
					   s->number);
	else
		r->text = "";
}

/*
 * Fills paragraph p from units [start, stop): a new run whenever the
 * character run or the link changes, a break run at '\v'.
 */
static void fill_runs(struct builder *b, struct ppj_para *p, size_t start,
		      size_t stop, unsigned lvl)
{
	struct ppj_buf text = PPJ_BUF_INIT;
	struct ppj_run *run = NULL;
	size_t cap = 0, cur_cr = SIZE_MAX;
	const struct ppj_link *cur_link = NULL;
	const char *fld;
	struct ppt_cf cf;

	ppj_buf_init(&text, 0);
	for (size_t i = start; i < stop; i++) {
		size_t k = b->cr.n ? run_at(&b->cr, i) : 0;
		const struct ppj_link *lk = link_at(b->t, i);
		uint16_t ch = b->u[i];

		if ((ch < 0x20 && ch != 0x09 && ch != 0x0B) || ch == 0x7F)
			continue;
		fld = ch == '*' ? field_at(b->t, i) : NULL;
		if (run && (ch == 0x0B || fld || k != cur_cr ||
			    lk != cur_link)) {
			run->text = run_text(b, run, &text);
			ppj_buf_reset(&text);
			run = NULL;
		}
		cf_at(b, i, lvl, &cf);
		if (ch == 0x0B) {
			struct ppj_run *br = new_run(b, p, &cap);

			if (br) {
				set_run(b->c, &cf, br);
				br->kind = PPJ_RUN_BREAK;
				br->text = "\n";
			}
			continue;
		}
		if (fld) {
			add_field_run(b, p, &cap, &cf, fld);
			continue;
		}
		if (!run) {
			run = new_run(b, p, &cap);
			if (!run)
				break;
			set_run(b->c, &cf, run);
			if (lk) {
				/* links show in the scheme's link colour */
				run->link = *lk;
				run->fill.color = ppt_scheme_color(b->c, 6);
				run->underline = PPJ_U_SINGLE;
			}
			cur_cr = k;
			cur_link = lk;
		}
		add_unit(&text, b->u, stop, &i);
	}
	if (run)
		run->text = run_text(b, run, &text);
	ppj_buf_release(&text);
	cf_at(b, stop, lvl, &cf);
	set_run(b->c, &cf, &p->end);
}

/* Adds the paragraph of units [start, stop). */
static void add_para(struct builder *b, size_t start, size_t stop)
{
	struct ppj_para *p;
	struct ppt_level base;
	struct ppt_pf pf;
	size_t k = b->pr.n ? run_at(&b->pr, start) : 0;
	unsigned lvl = b->pr.n ? b->pr.level[k] : 0;
	struct ppt_cf cf;

	if (lvl > 4)
		lvl = 4;
	p = ppj_arena_push(&b->c->deck->arena, &b->out->paras,
			   &b->out->nparas, &b->pcap, sizeof(*p));
	if (!p)
		return;
	inherited(b->c, b->t->type, lvl, &base);
	pf = base.pf;
	apply_ruler(&b->t->ruler, lvl, &pf);
	if (b->pr.n)
		pf_apply(&pf, &b->pr.pf[k]);
	set_para(b->c, &pf, lvl, p);
	fill_runs(b, p, start, stop, lvl);
	cf_at(b, start, lvl, &cf);
	set_bullet(b->c, &pf, p, ppt_font(b->c, cf.font));
	if (p->nruns == 0 || start == stop)
		p->bullet.kind = PPJ_BULLET_NONE;
	if (b->npf9)
		autonumber(b, p, &cf, lvl);
}

/*
 * Builds the model text of t with the styles of the current master and
 * scheme; prop9 (or NULL) is the shape's StyleTextProp9Atom. Returns NULL
 * only when the arena refuses.
 */
struct ppj_text *ppt_build_text(struct ppt_ctx *c, const struct ppt_text *t,
				const struct ppt_rec *prop9)
{
	struct builder b;
	size_t start = 0;

	memset(&b, 0, sizeof(b));
	b.c = c;
	b.t = t;
	b.out = ppj_arena_alloc(&c->deck->arena, sizeof(*b.out));
	if (!b.out)
		return NULL;
	ppj_text_defaults(b.out);
	b.u = units_of(c, t, &b.n);
	if (!b.u)
		return b.out;
	read_runs(c, &t->style, b.n, &b.pr, &b.cr);
	if (prop9)
		read_pf9(&b, prop9);

	for (size_t i = 0; i <= b.n; i++) {
		if (i < b.n && b.u[i] != 0x0D)
			continue;
		add_para(&b, start, i);
		start = i + 1;
		if (b.out->nparas >= 20000)
			break;
	}
	return b.out;
}

/*
 * The plain text of t in UTF-8 (arena): paragraphs and line breaks as
 * '\n', other control characters dropped.
 */
char *ppt_plain_text(struct ppt_ctx *c, const struct ppt_text *t)
{
	struct ppj_buf b = PPJ_BUF_INIT;
	size_t n;
	const uint16_t *u = units_of(c, t, &n);
	char *s;

	ppj_buf_init(&b, 0);
	for (size_t i = 0; u && i < n; i++) {
		if (u[i] == 0x0D || u[i] == 0x0B)
			ppj_buf_addc(&b, '\n');
		else if ((u[i] >= 0x20 && u[i] != 0x7F) || u[i] == 0x09)
			add_unit(&b, u, n, &i);
	}
	s = ppj_arena_strndup(&c->deck->arena, b.data ? b.data : "", b.len);
	ppj_buf_release(&b);
	return s;
}
