/*
 * The document of a .ppt ([MS-PPT] 2.4): the DocumentContainer named by
 * the persist directory gives the slide size, the fonts, the document's
 * text defaults, the BLIP store, the hyperlinks and three slide lists
 * (masters, slides, notes). Each list entry (SlidePersistAtom) names a
 * container by persist id and is followed by the texts of that slide.
 *
 * A slide follows its master for objects, scheme and background unless
 * its SlideAtom says otherwise; the master's shapes (less placeholders)
 * are drawn first, then the slide's own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ppt-int.h"

#define MAX_FONTS 4096
#define MAX_LINKS 65536

/* UTF-16LE bytes as UTF-8 in the arena, stopping at a NUL. */
char *ppt_utf16(struct ppt_ctx *c, const uint8_t *p, size_t n)
{
	struct ppj_buf b = PPJ_BUF_INIT;
	char *s;

	ppj_buf_init(&b, 0);
	for (size_t i = 0; i + 1 < n; i += 2) {
		uint32_t u = ppt_le16(p + i);

		if (u == 0)
			break;
		if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
			uint32_t lo = ppt_le16(p + i + 2);

			if (lo >= 0xDC00 && lo < 0xE000) {
				u = 0x10000 + ((u - 0xD800) << 10) +
					(lo - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u < 0xE000)
			u = 0xFFFD;
		ppj_buf_add_utf8(&b, u);
	}
	s = ppj_arena_strndup(&c->deck->arena, b.data ? b.data : "", b.len);
	ppj_buf_release(&b);
	return s;
}

const char *ppt_font(struct ppt_ctx *c, uint16_t idx)
{
	if (idx < c->nfonts && c->fonts[idx] && c->fonts[idx][0])
		return c->fonts[idx];
	return c->nfonts && c->fonts[0] && c->fonts[0][0] ? c->fonts[0] :
		NULL;
}

/* ---- environment: fonts and text defaults ---- */

static void read_environment(struct ppt_ctx *c, const struct ppt_rec *env)
{
	struct ppt_rec fc, r;
	struct ppt_iter it;

	if (ppt_child(env, RT_FONT_COLLECTION, &fc)) {
		c->fonts = ppj_arena_calloc(&c->deck->arena, MAX_FONTS,
					    sizeof(*c->fonts));
		ppt_iter_init(&it, &fc);
		while (c->fonts && ppt_iter_next(&it, &r)) {
			if (r.type != RT_FONT_ENTITY_ATOM ||
			    r.inst >= MAX_FONTS)
				continue;
			c->fonts[r.inst] = ppt_utf16(c, r.data,
						 r.len < 64 ? r.len : 64);
			if (r.inst >= c->nfonts)
				c->nfonts = r.inst + 1u;
		}
	}
	ppt_iter_init(&it, env);
	while (ppt_iter_next(&it, &r))
		if (r.type == RT_TX_MASTER_STYLE_ATOM && r.inst < TX_NTYPES)
			ppt_read_master_style(&r, &c->env_styles[r.inst]);
}

/* ---- hyperlinks ---- */

static int link_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct ppt_hyperlink *)a)->id;
	uint32_t y = ((const struct ppt_hyperlink *)b)->id;

	return x < y ? -1 : x > y;
}

/* The hyperlink with id (the list is sorted by read_links). */
static const struct ppt_hyperlink *find_link(struct ppt_ctx *c, uint32_t id)
{
	struct ppt_hyperlink key = { .id = id };

	if (!c->nlinks)
		return NULL;
	return bsearch(&key, c->links, c->nlinks, sizeof(key), link_cmp);
}

static void read_links(struct ppt_ctx *c, const struct ppt_rec *list)
{
	struct ppt_iter it, hi;
	struct ppt_rec r, a;
	size_t cap = 0;

	ppt_iter_init(&it, list);
	while (ppt_iter_next(&it, &r) && c->nlinks < MAX_LINKS) {
		struct ppt_hyperlink *h;

		if (r.type != RT_EXHYPERLINK)
			continue;
		h = ppj_arena_push(&c->deck->arena, &c->links, &c->nlinks,
				   &cap, sizeof(*h));
		if (!h)
			return;
		ppt_iter_init(&hi, &r);
		while (ppt_iter_next(&hi, &a)) {
			if (a.type == RT_EXHYPERLINK_ATOM)
				h->id = ppt_u32(&a, 0);
			else if (a.type == RT_CSTRING && a.inst == 1)
				h->target = ppt_utf16(c, a.data, a.len);
			else if (a.type == RT_CSTRING && a.inst == 3)
				h->location = ppt_utf16(c, a.data, a.len);
		}
	}
	if (c->nlinks)
		qsort(c->links, c->nlinks, sizeof(*c->links), link_cmp);
}


static int jump_target(struct ppt_ctx *c, unsigned jump)
{
	int cur = c->slide ? c->slide->number : 1;
	int last = (int)c->nslide_ids;

	switch (jump) {
	case 1:
		return cur < last ? cur + 1 : 0;
	case 2:
		return cur > 1 ? cur - 1 : 0;
	case 3:
		return 1;
	case 4:
		return last;
	default:
		return 0;
	}
}

/* "slideId,number,title" as PowerPoint writes links to its own slides. */
static int slide_of(const char *s)
{
	unsigned id, n;

	if (s && sscanf(s, "%u,%u,", &id, &n) == 2 && n > 0 && n < 100000)
		return (int)n;
	return 0;
}

/*
 * The link of an InteractiveInfo container: a jump to a slide, or a URL.
 * Returns true when out was filled.
 */
bool ppt_link_from_info(struct ppt_ctx *c, const struct ppt_rec *info,
			struct ppj_link *out)
{
	struct ppt_rec a;
	const struct ppt_hyperlink *h;
	unsigned action, jump, type;

	if (!ppt_child(info, RT_INTERACTIVE_INFO_ATOM, &a))
		return false;
	action = ppt_u8(&a, 8);
	jump = ppt_u8(&a, 10);
	type = ppt_u8(&a, 12);
	if (action == 3) {
		out->slide = jump_target(c, jump);
		return out->slide != 0;
	}
	if (action != 4)
		return false;
	if (type <= 3) {
		out->slide = jump_target(c, type + 1);
		return out->slide != 0;
	}
	h = find_link(c, ppt_u32(&a, 4));
	if (!h)
		return false;
	out->slide = slide_of(h->target);
	if (!out->slide)
		out->slide = slide_of(h->location);
	if (!out->slide && h->target && *h->target)
		out->url = h->target;
	return out->slide || out->url;
}

/* ---- slide lists ---- */

struct entry {
	uint32_t ref, id;
	struct ppt_rec from;	/* the list from this entry's atom on */
};

/* The SlidePersistAtoms of a SlideListWithText (arena array). */
static size_t list_entries(struct ppt_ctx *c, const struct ppt_rec *list,
			   struct entry **out)
{
	struct ppt_iter it;
	struct ppt_rec r;
	size_t n = 0, cap = 0;

	*out = NULL;
	ppt_iter_init(&it, list);
	while (ppt_iter_next(&it, &r)) {
		struct entry *e;

		if (r.type != RT_SLIDE_PERSIST_ATOM)
			continue;
		if (n >= c->opts->limits.max_slides)
			break;
		e = ppj_arena_push(&c->deck->arena, out, &n, &cap, sizeof(*e));
		if (!e)
			break;
		e->ref = ppt_u32(&r, 0);
		e->id = ppt_u32(&r, 12);
		e->from = r;
		e->from.data = r.data - 8;
		e->from.len = (uint32_t)(list->data + list->len - e->from.data);
	}
	return n;
}

/* ---- masters ---- */

static void read_scheme(const struct ppt_rec *holder, struct ppj_color *s)
{
	struct ppt_rec r;

	if ((!ppt_child_inst(holder, RT_COLOR_SCHEME_ATOM, 1, &r) &&
	     !ppt_child(holder, RT_COLOR_SCHEME_ATOM, &r)) || r.len < 32)
		return;
	for (int i = 0; i < 8; i++)
		s[i] = ppj_rgb(r.data[4 * i], r.data[4 * i + 1],
			       r.data[4 * i + 2]);
}

static void default_scheme(struct ppj_color *s)
{
	static const uint8_t d[8][3] = {
		{ 255, 255, 255 }, { 0, 0, 0 }, { 128, 128, 128 },
		{ 0, 0, 0 }, { 0, 204, 153 }, { 51, 51, 204 },
		{ 204, 204, 255 }, { 178, 178, 178 },
	};

	for (int i = 0; i < 8; i++)
		s[i] = ppj_rgb(d[i][0], d[i][1], d[i][2]);
}

static struct ppt_master *find_master(struct ppt_ctx *c, uint32_t id)
{
	for (size_t i = 0; i < c->nmasters; i++)
		if (c->masters[i].slide_id == id)
			return &c->masters[i];
	return NULL;
}

static int load_master(struct ppt_ctx *c, struct ppt_master *m);

/* A title master takes styles (and maybe scheme) from its main master. */
static int inherit_main(struct ppt_ctx *c, struct ppt_master *m,
			uint16_t flags)
{
	struct ppt_master *main = find_master(c, m->master_ref);
	int rc;

	/* only a main master: a chain of title masters would recurse */
	if (!main || main == m || main->rec.type != RT_MAIN_MASTER)
		return 0;
	rc = load_master(c, main);
	if (rc)
		return rc;
	memcpy(m->styles, main->styles, sizeof(m->styles));
	if (flags & 0x2)
		memcpy(m->scheme, main->scheme, sizeof(m->scheme));
	if (flags & 0x4)
		m->background = main->background;
	return 0;
}

/*
 * Reads master m once: scheme, text styles, background, and its shapes
 * other than placeholders. A master that refers to itself through title
 * masters is read once; the second visit sees it loading and stops.
 */
static int load_master(struct ppt_ctx *c, struct ppt_master *m)
{
	struct ppt_iter it;
	struct ppt_rec r, atom;
	struct ppj_slide *slide = c->slide;
	bool has_bg = false;
	struct ppj_fill bg;
	uint16_t flags = 0;
	int rc = 0;

	if (m->loaded || m->loading)
		return 0;
	m->loading = true;
	default_scheme(m->scheme);
	m->background.kind = PPJ_FILL_SOLID;
	m->background.color = m->scheme[0];
	read_scheme(&m->rec, m->scheme);
	ppt_iter_init(&it, &m->rec);
	while (ppt_iter_next(&it, &r))
		if (r.type == RT_TX_MASTER_STYLE_ATOM && r.inst < TX_NTYPES)
			ppt_read_master_style(&r, &m->styles[r.inst]);
	if (m->rec.type == RT_SLIDE &&
	    ppt_child(&m->rec, RT_SLIDE_ATOM, &atom)) {
		m->master_ref = ppt_u32(&atom, 12);
		flags = ppt_u16(&atom, 20);
		rc = inherit_main(c, m, flags);
	}

	c->scheme = m->scheme;
	c->master = m;
	c->slide = NULL;
	c->list_texts = NULL;
	c->nlist_texts = 0;
	memset(&bg, 0, sizeof(bg));
	if (!rc)
		rc = ppt_read_drawing(c, &m->rec, true, &m->shapes,
				      &m->nshapes, &bg, &has_bg);
	if (has_bg && !(flags & 0x4))
		m->background = bg;
	else if (!(flags & 0x4))
		m->background.color = m->scheme[0];
	c->slide = slide;
	m->loading = false;
	m->loaded = true;
	return rc;
}

static void read_masters(struct ppt_ctx *c, const struct ppt_rec *list)
{
	struct entry *e;
	size_t n = list_entries(c, list, &e);

	c->masters = ppj_arena_calloc(&c->deck->arena, n ? n : 1,
				      sizeof(*c->masters));
	if (!c->masters)
		return;
	for (size_t i = 0; i < n; i++) {
		struct ppt_master *m = &c->masters[c->nmasters];

		if (!ppt_persist_rec(c, e[i].ref, &m->rec) ||
		    (m->rec.type != RT_MAIN_MASTER &&
		     m->rec.type != RT_SLIDE)) {
			ppj_warn(c->deck, NULL, "ppt-master-missing", "a "
				 "master cannot be found");
			continue;
		}
		m->slide_id = e[i].id;
		c->nmasters++;
	}
}

/* ---- slides ---- */

static char *model_plain(struct ppt_ctx *c, const struct ppj_text *t)
{
	struct ppj_buf b = PPJ_BUF_INIT;
	char *s;

	ppj_buf_init(&b, 0);
	for (size_t i = 0; t && i < t->nparas; i++) {
		if (i)
			ppj_buf_addc(&b, '\n');
		for (size_t k = 0; k < t->paras[i].nruns; k++) {
			const struct ppj_run *r = &t->paras[i].runs[k];

			if (r->kind == PPJ_RUN_BREAK)
				ppj_buf_addc(&b, '\n');
			else if (r->text)
				ppj_buf_adds(&b, r->text);
		}
	}
	s = ppj_arena_strndup(&c->deck->arena, b.data ? b.data : "", b.len);
	ppj_buf_release(&b);
	return s;
}

/* The notes as HTML: one <p> per paragraph, <br> for breaks, escaped. */
static char *model_html(struct ppt_ctx *c, const struct ppj_text *t)
{
	struct ppj_buf b = PPJ_BUF_INIT;
	char *s;

	ppj_buf_init(&b, 0);
	for (size_t i = 0; t && i < t->nparas; i++) {
		ppj_buf_adds(&b, "<p>");
		for (size_t k = 0; k < t->paras[i].nruns; k++) {
			const struct ppj_run *r = &t->paras[i].runs[k];

			if (r->kind == PPJ_RUN_BREAK)
				ppj_buf_adds(&b, "<br>");
			else if (r->text)
				ppj_buf_add_html(&b, r->text);
		}
		ppj_buf_adds(&b, "</p>");
	}
	s = ppj_arena_strndup(&c->deck->arena, b.data && !b.failed ?
			      b.data : "", b.failed ? 0 : b.len);
	ppj_buf_release(&b);
	return s;
}

/* The speaker notes of the slide whose notes have id notes_id. */
static int read_notes(struct ppt_ctx *c, struct ppj_slide *slide,
		      const struct entry *notes, size_t nnotes,
		      uint32_t notes_id)
{
	struct ppt_rec rec;
	struct ppj_shape *shapes;
	struct ppj_fill bg;
	size_t n;
	bool has_bg;
	int rc;

	for (size_t i = 0; i < nnotes; i++) {
		if (notes[i].id != notes_id)
			continue;
		if (!ppt_persist_rec(c, notes[i].ref, &rec) ||
		    rec.type != RT_NOTES)
			return 0;
		c->nlist_texts = ppt_collect_texts(c, &notes[i].from, true,
						   &c->list_texts);
		c->slide = NULL;
		rc = ppt_read_drawing(c, &rec, false, &shapes, &n, &bg,
				      &has_bg);
		c->slide = slide;
		if (rc)
			return rc;
		for (size_t k = 0; k < n; k++)
			if (shapes[k].text &&
			    ppj_streq(shapes[k].placeholder, "body")) {
				slide->notes = model_plain(c, shapes[k].text);
				slide->notes_html = model_html(c,
							       shapes[k].text);
				break;
			}
		return 0;
	}
	return 0;
}

static bool has_slidenum(const struct ppj_shape *s)
{
	const struct ppj_text *t = s->text;

	for (size_t i = 0; t && i < t->nparas; i++)
		for (size_t k = 0; k < t->paras[i].nruns; k++)
			if (ppj_streq(t->paras[i].runs[k].field, "slidenum"))
				return true;
	for (size_t i = 0; i < s->nchildren; i++)
		if (has_slidenum(&s->children[i]))
			return true;
	return false;
}

/*
 * Master shapes are shared by the slides; one that shows the slide
 * number gets its own copy of the text (and of its group's children)
 * with this slide's number. Returns false when the arena refuses.
 */
static bool number_shape(struct ppt_ctx *c, struct ppj_shape *s, int n)
{
	struct ppj_arena *a = &c->deck->arena;
	struct ppj_text *t;
	struct ppj_shape *ch;

	if (!has_slidenum(s))
		return true;
	if (s->nchildren) {
		ch = ppj_arena_calloc(a, s->nchildren, sizeof(*ch));
		if (!ch)
			return false;
		memcpy(ch, s->children, s->nchildren * sizeof(*ch));
		s->children = ch;
		for (size_t i = 0; i < s->nchildren; i++)
			if (!number_shape(c, &ch[i], n))
				return false;
	}
	if (!s->text)
		return true;
	t = ppj_arena_alloc(a, sizeof(*t));
	if (!t)
		return false;
	*t = *s->text;
	t->paras = ppj_arena_calloc(a, t->nparas, sizeof(*t->paras));
	if (!t->paras)
		return false;
	memcpy(t->paras, s->text->paras, t->nparas * sizeof(*t->paras));
	for (size_t i = 0; i < t->nparas; i++) {
		struct ppj_para *p = &t->paras[i];
		struct ppj_run *r = ppj_arena_calloc(a, p->nruns, sizeof(*r));

		if (!r)
			return false;
		memcpy(r, p->runs, p->nruns * sizeof(*r));
		p->runs = r;
		for (size_t k = 0; k < p->nruns; k++)
			if (ppj_streq(r[k].field, "slidenum"))
				r[k].text = ppj_arena_printf(a, "%d", n);
	}
	s->text = t;
	return true;
}

/* What a HeadersFooters container asks for. */
struct hf {
	uint16_t format;	/* of the date, ppt_date_format's index */
	uint16_t flags;		/* date 0x1, today's date 0x2, user date
				   0x4, number 0x8, footer 0x20 */
	const char *date;	/* the user's date text */
	const char *footer;
};

static bool read_hf(struct ppt_ctx *c, const struct ppt_rec *holder,
		    struct hf *hf)
{
	struct ppt_rec r, a;
	struct ppt_iter it;

	if (!ppt_child(holder, RT_HEADERS_FOOTERS, &r) &&
	    !ppt_child_inst(holder, RT_HEADERS_FOOTERS, 3, &r))
		return false;
	if (holder->type == RT_DOCUMENT &&
	    !ppt_child_inst(holder, RT_HEADERS_FOOTERS, 3, &r))
		return false;
	memset(hf, 0, sizeof(*hf));
	ppt_iter_init(&it, &r);
	while (ppt_iter_next(&it, &a)) {
		if (a.type == RT_HEADERS_FOOTERS_ATOM) {
			hf->format = ppt_u16(&a, 0);
			hf->flags = ppt_u16(&a, 2);
		}
		else if (a.type == RT_CSTRING && a.inst == 0)
			hf->date = ppt_utf16(c, a.data, a.len);
		else if (a.type == RT_CSTRING && a.inst == 2)
			hf->footer = ppt_utf16(c, a.data, a.len);
	}
	return true;
}

/*
 * The shape s with its text replaced by one run of text in the style of
 * its first run (arena copies; the master's shape stays as it is).
 */
static struct ppj_shape *with_text(struct ppt_ctx *c,
				   const struct ppj_shape *s, const char *text)
{
	struct ppj_arena *a = &c->deck->arena;
	struct ppj_shape *n = ppj_arena_alloc(a, sizeof(*n));
	struct ppj_text *t = ppj_arena_alloc(a, sizeof(*t));
	struct ppj_para *p = ppj_arena_alloc(a, sizeof(*p));
	struct ppj_run *r = ppj_arena_alloc(a, sizeof(*r));

	if (!n || !t || !p || !r || !s->text || !s->text->nparas)
		return NULL;
	*n = *s;
	*t = *s->text;
	*p = s->text->paras[0];
	*r = p->nruns ? p->runs[0] : p->end;
	r->kind = PPJ_RUN_TEXT;
	r->field = NULL;
	r->text = text;
	p->runs = r;
	p->nruns = 1;
	t->paras = p;
	t->nparas = 1;
	n->text = t;
	return n;
}

/* The shape s showing today's date in format (ppt_date_format). */
static struct ppj_shape *with_date(struct ppt_ctx *c,
				   const struct ppj_shape *s, unsigned format)
{
	struct ppj_shape *n = with_text(c, s, "");

	if (n) {
		n->text->paras[0].runs[0].kind = PPJ_RUN_FIELD;
		n->text->paras[0].runs[0].field = ppt_date_format(format);
	}
	return n;
}

/*
 * The date, slide number and footer of the master, as the slide's own
 * headers and footers (or the document's) ask. Today's date is a field
 * the page fills in when it is shown, so that the output does not
 * change from day to day.
 */
static int add_footers(struct ppt_ctx *c, struct ppj_slide *slide,
		       const struct ppt_rec *rec, const struct ppt_master *m,
		       bool title_slide)
{
	struct ppj_shape *add[3] = { NULL, NULL, NULL }, *grown;
	struct hf hf;
	size_t n = 0;

	if (!m || (!read_hf(c, rec, &hf) && !read_hf(c, &c->docrec, &hf)))
		return 0;
	if (title_slide && c->omit_title_footers)
		return 0;
	if ((hf.flags & 0x1) && (hf.flags & 0x4) && hf.date && m->hf[0])
		add[n++] = with_text(c, m->hf[0], hf.date);
	else if ((hf.flags & 0x3) == 0x3 && m->hf[0])
		add[n++] = with_date(c, m->hf[0], hf.format);
	if ((hf.flags & 0x20) && m->hf[2] && hf.footer && *hf.footer)
		add[n++] = with_text(c, m->hf[2], hf.footer);
	if ((hf.flags & 0x8) && m->hf[1]) {
		struct ppj_shape *num = ppj_arena_alloc(&c->deck->arena,
							sizeof(*num));

		if (num) {
			*num = *m->hf[1];
			if (!number_shape(c, num, slide->number))
				num = NULL;
		}
		add[n++] = num;
	}
	grown = ppj_arena_calloc(&c->deck->arena, slide->nshapes + n + 1,
				 sizeof(*grown));
	if (!grown)
		return ppj__error(c->err, PPJ_ETOOLARGE, "the deck needs more "
				  "memory than allowed");
	if (slide->nshapes)
		memcpy(grown, slide->shapes,
		       slide->nshapes * sizeof(*grown));
	for (size_t i = 0; i < n; i++)
		if (add[i])
			grown[slide->nshapes++] = *add[i];
	slide->shapes = grown;
	return 0;
}

/* Master shapes first (when followed), then the slide's own. */
static int join_shapes(struct ppt_ctx *c, struct ppj_slide *slide,
		       const struct ppt_master *m, struct ppj_shape *own,
		       size_t nown)
{
	size_t nm = m ? m->nshapes : 0;

	if (!nm) {
		slide->shapes = own;
		slide->nshapes = nown;
		return 0;
	}
	slide->shapes = ppj_arena_calloc(&c->deck->arena, nm + nown,
					 sizeof(*own));
	if (!slide->shapes)
		return ppj__error(c->err, PPJ_ETOOLARGE, "the deck needs more "
				  "memory than allowed");
	memcpy(slide->shapes, m->shapes, nm * sizeof(*own));
	for (size_t i = 0; i < nm; i++)
		if (!number_shape(c, &slide->shapes[i], slide->number))
			return ppj__error(c->err, PPJ_ETOOLARGE, "the deck "
					  "needs more memory than allowed");
	if (nown)
		memcpy(slide->shapes + nm, own, nown * sizeof(*own));
	slide->nshapes = nm + nown;
	return 0;
}

static bool is_hidden_slide(const struct ppt_rec *rec)
{
	struct ppt_rec r;

	return ppt_child(rec, 0x03F9, &r) && (ppt_u16(&r, 10) & 0x4);
}

static int read_slide(struct ppt_ctx *c, struct ppj_slide *slide,
		      const struct entry *e, const struct entry *notes,
		      size_t nnotes)
{
	struct ppt_rec rec, atom = { 0 };
	struct ppt_master *m = NULL;
	struct ppj_color scheme[8];
	struct ppj_shape *own = NULL;
	struct ppj_fill bg;
	size_t nown = 0;
	uint16_t flags = 0x7;
	bool has_bg = false;
	int rc;

	c->slide = slide;
	if (!ppt_persist_rec(c, e->ref, &rec) || rec.type != RT_SLIDE) {
		ppj_warn(c->deck, slide, "ppt-slide-missing", "slide %d "
			 "cannot be found; it is left empty", slide->number);
		slide->background.kind = PPJ_FILL_SOLID;
		slide->background.color = ppj_rgb(255, 255, 255);
		return 0;
	}
	if (ppt_child(&rec, RT_SLIDE_ATOM, &atom)) {
		m = find_master(c, ppt_u32(&atom, 12));
		flags = ppt_u16(&atom, 20);
	}
	if (!m && c->nmasters)
		m = &c->masters[0];
	if (m && (rc = load_master(c, m)) != 0)
		return rc;
	c->slide = slide;
	slide->hidden = is_hidden_slide(&rec);

	if (m)
		memcpy(scheme, m->scheme, sizeof(scheme));
	else
		default_scheme(scheme);
	if (!(flags & 0x2))
		read_scheme(&rec, scheme);
	c->scheme = scheme;
	c->master = m;
	c->nlist_texts = ppt_collect_texts(c, &e->from, true, &c->list_texts);

	memset(&bg, 0, sizeof(bg));
	rc = ppt_read_drawing(c, &rec, false, &own, &nown, &bg, &has_bg);
	if (rc)
		return rc;
	slide->background = m ? m->background : (struct ppj_fill){
		.kind = PPJ_FILL_SOLID, .color = scheme[0] };
	if (has_bg && !(flags & 0x4))
		slide->background = bg;
	rc = join_shapes(c, slide, (flags & 0x1) ? m : NULL, own, nown);
	if (!rc)
		rc = add_footers(c, slide, &rec, m, ppt_u32(&atom, 0) == 0);
	if (rc)
		return rc;
	if (ppt_child(&rec, RT_SLIDE_ATOM, &atom) && ppt_u32(&atom, 16))
		rc = read_notes(c, slide, notes, nnotes, ppt_u32(&atom, 16));
	c->scheme = NULL;
	return rc;
}

static int progress(struct ppt_ctx *c, int done, int total)
{
	const struct ppj_options *o = c->opts;

	if (o->progress && o->progress(o->progress_ctx, PPJ_STAGE_READING,
				       done, total))
		return ppj__error(c->err, PPJ_EINTERNAL, "cancelled");
	return 0;
}

static int read_slides(struct ppt_ctx *c, const struct ppt_rec *list,
		       const struct ppt_rec *notes_list)
{
	struct entry *e, *notes = NULL;
	size_t n = list_entries(c, list, &e), nnotes = 0;
	int rc;

	if (notes_list)
		nnotes = list_entries(c, notes_list, &notes);
	c->slide_ids = ppj_arena_calloc(&c->deck->arena, n ? n : 1,
					sizeof(uint32_t));
	c->deck->slides = ppj_arena_calloc(&c->deck->arena, n ? n : 1,
					   sizeof(struct ppj_slide));
	if (!c->slide_ids || !c->deck->slides)
		return ppj__error(c->err, PPJ_ETOOLARGE, "the deck needs more "
				  "memory than allowed");
	for (size_t i = 0; i < n; i++)
		c->slide_ids[i] = e[i].id;
	c->nslide_ids = n;
	for (size_t i = 0; i < n; i++) {
		struct ppj_slide *s = &c->deck->slides[i];

		s->number = (int)i + 1;
		c->deck->nslides = i + 1;
		rc = read_slide(c, s, &e[i], notes, nnotes);
		if (!rc)
			rc = progress(c, (int)i + 1, (int)n);
		if (rc)
			return rc;
	}
	return 0;
}

static void slide_size(struct ppt_ctx *c, const struct ppt_rec *doc)
{
	struct ppt_rec a;
	int32_t w = 5760, h = 4320;

	if (ppt_child(doc, RT_DOCUMENT_ATOM, &a) && a.len >= 8) {
		w = ppt_i32(&a, 0);
		h = ppt_i32(&a, 4);
	}
	if (w <= 0 || h <= 0 || w > 576 * 200 || h > 576 * 200) {
		ppj_warn(c->deck, NULL, "ppt-slide-size", "the slide size is "
			 "out of range; 10 by 7.5 inches is used");
		w = 5760;
		h = 4320;
	}
	c->deck->width = (int64_t)(w * PPT_MASTER_EMU);
	c->deck->height = (int64_t)(h * PPT_MASTER_EMU);
}

/*
 * Reads the document named by the persist directory into c->deck.
 * Returns 0 or a negative PPJ_E*; a deck without any slide list is
 * damaged.
 */
int ppt_read_document(struct ppt_ctx *c)
{
	struct ppt_rec doc, r, slides, notes, masters, dgg;
	bool has_notes;
	int rc;

	if (!ppt_persist_rec(c, c->doc_ref, &doc) || doc.type != RT_DOCUMENT)
		return ppj__error(c->err, PPJ_EDAMAGED, "damaged persist "
				  "directory: the document cannot be found");
	if (doc.ver != 0xF || ppt_child(&doc, RT_CRYPT_SESSION, &r))
		return ppj__error(c->err, doc.ver != 0xF ? PPJ_EUNSUPPORTED :
				  PPJ_EENCRYPTED, doc.ver != 0xF ?
				  "unsupported old PowerPoint format" :
				  "password protected");
	c->docrec = doc;
	slide_size(c, &doc);
	if (ppt_child(&doc, RT_DOCUMENT_ATOM, &r))
		c->omit_title_footers = ppt_u8(&r, 37) != 0;
	if (ppt_child(&doc, RT_ENVIRONMENT, &r))
		read_environment(c, &r);
	if (ppt_child(&doc, RT_DRAWING_GROUP, &r) &&
	    ppt_child(&r, RT_DGG_CONTAINER, &dgg)) {
		rc = ppt_read_bstore(c, &dgg);
		if (rc)
			return rc;
	}
	if (ppt_child(&doc, RT_EXOBJLIST, &r))
		read_links(c, &r);
	if (ppt_child_inst(&doc, RT_SLIDE_LIST_WITH_TEXT, 1, &masters))
		read_masters(c, &masters);
	if (!ppt_child_inst(&doc, RT_SLIDE_LIST_WITH_TEXT, 0, &slides))
		return ppj__error(c->err, PPJ_EDAMAGED, "damaged document: "
				  "it has no list of slides");
	has_notes = ppt_child_inst(&doc, RT_SLIDE_LIST_WITH_TEXT, 2, &notes);
	return read_slides(c, &slides, has_notes ? &notes : NULL);
}
