/*
 * Life cycle of the model and the defaults the standard gives to text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

struct ppj_deck *ppj_deck_new(size_t max_bytes)
{
	struct ppj_deck *deck = calloc(1, sizeof(*deck));

	if (!deck)
		return NULL;
	ppj_arena_init(&deck->arena, max_bytes);
	return deck;
}

void ppj_deck_free(struct ppj_deck *deck)
{
	if (!deck)
		return;
	ppj_arena_release(&deck->arena);
	free(deck);
}

static bool seen(const struct ppj_warning *w, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w[i].code, code) == 0)
			return true;
	return false;
}

int ppj_warn(struct ppj_deck *deck, struct ppj_slide *slide,
	     const char *code, const char *fmt, ...)
{
	struct ppj_warning **list = slide ? &slide->warnings : &deck->warnings;
	size_t *count = slide ? &slide->nwarnings : &deck->nwarnings;
	struct ppj_warning *w;
	struct ppj_warning *grown;
	char msg[512];
	va_list ap;

	if (seen(*list, *count, code))
		return 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	/* Few warnings per slide: grow one at a time, copying. */
	grown = ppj_arena_calloc(&deck->arena, *count + 1, sizeof(*grown));
	if (!grown)
		return PPJ_ENOMEM;
	if (*count)
		memcpy(grown, *list, *count * sizeof(*grown));
	w = &grown[*count];
	w->code = ppj_arena_strdup(&deck->arena, code);
	w->message = ppj_arena_strdup(&deck->arena, msg);
	*list = grown;
	(*count)++;
	return 0;
}

void ppj_text_defaults(struct ppj_text *t)
{
	memset(t, 0, sizeof(*t));
	t->inset_l = t->inset_r = 91440;
	t->inset_t = t->inset_b = 45720;
	t->wrap = true;
	t->font_scale = 1.0;
	t->columns = 1;
}

void ppj_run_defaults(struct ppj_run *r)
{
	memset(r, 0, sizeof(*r));
	r->size = 18;
	r->fill.kind = PPJ_FILL_SOLID;
	r->fill.color = ppj_rgb(0, 0, 0);
}

void ppj_para_defaults(struct ppj_para *p)
{
	memset(p, 0, sizeof(*p));
	p->line.val = 100;
	p->bullet.size_pct = 100;
	ppj_run_defaults(&p->end);
}
