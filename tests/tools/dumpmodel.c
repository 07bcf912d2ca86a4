/*
 * dumpmodel DECK.pptx [SLIDE]: prints the model the PPTX reader fills, one
 * line a shape, paragraph and run, to find why a slide looks wrong.
 * A debugging aid only; the output format is not stable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ppj/ppj.h"
#include "pptx/pptx.h"

static void pfill(const char *what, const struct ppj_fill *f)
{
	printf(" %s=", what);
	switch (f->kind) {
	case PPJ_FILL_NONE:
		printf("none");
		break;
	case PPJ_FILL_SOLID:
		printf("#%02x%02x%02x/%.2f", f->color.r, f->color.g,
		       f->color.b, f->color.alpha);
		break;
	case PPJ_FILL_GRADIENT:
		printf("grad(%zu)", f->nstops);
		break;
	case PPJ_FILL_PATTERN:
		printf("patt(%s)", f->pattern ? f->pattern : "?");
		break;
	case PPJ_FILL_PICTURE:
		printf("pic(%s)", f->media && f->media->name ?
		       f->media->name : "?");
		break;
	}
}

static void prun(const struct ppj_run *r)
{
	printf("      run k%d '%s' %s %.1fpt%s%s", r->kind,
	       r->text ? r->text : "", r->font ? r->font : "-", r->size,
	       r->bold ? " b" : "", r->italic ? " i" : "");
	pfill("c", &r->fill);
	printf("\n");
}

static void ptext(const struct ppj_text *t)
{
	printf("    text ins %ld %ld %ld %ld anchor %d wrap %d fit %d "
	       "scale %.3f lnred %.3f cols %d vert %d\n",
	       (long)t->inset_l, (long)t->inset_t, (long)t->inset_r,
	       (long)t->inset_b, t->anchor, t->wrap, t->autofit,
	       t->font_scale, t->line_reduction, t->columns, t->vert);
	for (size_t i = 0; i < t->nparas; i++) {
		const struct ppj_para *p = &t->paras[i];

		printf("     para lvl %d al %d marL %ld ind %ld ln %s%.1f "
		       "bef %s%.1f aft %s%.1f bu %d '%s' endsz %.1f\n",
		       p->level, p->align, (long)p->margin_left,
		       (long)p->indent, p->line.is_pts ? "pt" : "%",
		       p->line.val, p->before.is_pts ? "pt" : "%",
		       p->before.val, p->after.is_pts ? "pt" : "%",
		       p->after.val, p->bullet.kind,
		       p->bullet.text ? p->bullet.text : "",
		       p->end.size);
		for (size_t j = 0; j < p->nruns; j++)
			prun(&p->runs[j]);
	}
}

static void pshape(const struct ppj_shape *s, int depth)
{
	printf("%*sshape k%d id %d '%s' ph %s%s xf %ld %ld %ld %ld r%.1f "
	       "geom %s", depth * 2, "", s->kind, s->id,
	       s->name ? s->name : "", s->placeholder ? s->placeholder : "-",
	       s->from_master ? " M" : "", (long)s->xf.x, (long)s->xf.y,
	       (long)s->xf.cx, (long)s->xf.cy, s->xf.rot,
	       s->geom.preset ? s->geom.preset :
	       s->geom.custom ? "cust" : "-");
	pfill("fill", &s->fill);
	pfill("ln", &s->line.fill);
	printf(" w%ld\n", (long)s->line.width);
	if (s->kind == PPJ_SHAPE_PICTURE)
		pfill("  pic", &s->picture), printf("\n");
	if (s->text)
		ptext(s->text);
	for (size_t i = 0; i < s->nchildren; i++)
		pshape(&s->children[i], depth + 1);
}

int main(int argc, char **argv)
{
	struct ppj_options opts;
	struct ppj_error err = { 0 };
	struct ppj_deck *deck;
	int only = argc > 2 ? atoi(argv[2]) : 0;

	if (argc < 2) {
		fprintf(stderr, "usage: dumpmodel DECK [SLIDE]\n");
		return 2;
	}
	memset(&opts, 0, sizeof(opts));
	opts.limits.max_part_bytes = (uint64_t)64 << 20;
	opts.limits.max_total_bytes = (uint64_t)512 << 20;
	opts.limits.max_slides = 5000;
	opts.limits.max_shapes = 500000;
	opts.limits.max_depth = 64;
	opts.limits.max_model_bytes = (uint64_t)1 << 30;
	if (ppj__pptx_read(argv[1], &opts, &deck, &err) < 0) {
		fprintf(stderr, "dumpmodel: %s\n", err.msg);
		return 1;
	}
	printf("deck %ld x %ld, %zu slides\n", (long)deck->width,
	       (long)deck->height, deck->nslides);
	for (size_t i = 0; i < deck->nslides; i++) {
		const struct ppj_slide *sl = &deck->slides[i];

		if (only && sl->number != only)
			continue;
		printf("slide %d", sl->number);
		pfill("bg", &sl->background);
		printf("\n");
		for (size_t j = 0; j < sl->nwarnings; j++)
			printf("  warn %s: %s\n", sl->warnings[j].code,
			       sl->warnings[j].message);
		for (size_t j = 0; j < sl->nshapes; j++)
			pshape(&sl->shapes[j], 1);
	}
	ppj_deck_free(deck);
	return 0;
}
