/*
 * The arena: a list of blocks, bump allocation inside each. Big requests
 * get a block of their own so that small ones do not waste the tail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

struct ppj_arena_block {
	struct ppj_arena_block *next;
	size_t size;
	size_t used;
	_Alignas(ALIGN) unsigned char data[];
};

void ppj_arena_init(struct ppj_arena *a, size_t cap)
{
	memset(a, 0, sizeof(*a));
	a->cap = cap;
}

void ppj_arena_release(struct ppj_arena *a)
{
	struct ppj_arena_block *b = a->head;

	while (b) {
		struct ppj_arena_block *next = b->next;

		free(b);
		b = next;
	}
	ppj_arena_init(a, a->cap);
}

static struct ppj_arena_block *new_block(struct ppj_arena *a, size_t size)
{
	struct ppj_arena_block *b = malloc(sizeof(*b) + size);

	if (!b)
		return NULL;
	b->size = size;
	b->used = 0;
	b->next = a->head;
	a->head = b;
	return b;
}

void *ppj_arena_alloc(struct ppj_arena *a, size_t n)
{
	struct ppj_arena_block *b = a->head;
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	void *p;

	if (need < n || (a->cap && a->used + need > a->cap)) {
		a->failed = true;
		return NULL;
	}

	if (need > BLOCK_SIZE / 4) {
		/* A big request: its own block, kept behind the head. */
		struct ppj_arena_block *big = malloc(sizeof(*big) + need);

		if (!big) {
			a->failed = true;
			return NULL;
		}
		big->size = big->used = need;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			big->next = NULL;
			a->head = big;
		}
		a->used += need;
		memset(big->data, 0, need);
		return big->data;
	}

	if (!b || b->size - b->used < need) {
		b = new_block(a, BLOCK_SIZE);
		if (!b) {
			a->failed = true;
			return NULL;
		}
	}
	p = b->data + b->used;
	b->used += need;
	a->used += need;
	memset(p, 0, need);
	return p;
}

void *ppj_arena_calloc(struct ppj_arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size) {
		a->failed = true;
		return NULL;
	}
	return ppj_arena_alloc(a, count * size);
}

char *ppj_arena_strndup(struct ppj_arena *a, const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	p = ppj_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ppj_arena_strdup(struct ppj_arena *a, const char *s)
{
	return s ? ppj_arena_strndup(a, s, strlen(s)) : NULL;
}

char *ppj_arena_printf(struct ppj_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;

	p = ppj_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *ppj_arena_push(struct ppj_arena *a, void *itemsp, size_t *count,
		     size_t *cap, size_t size)
{
	unsigned char **items = itemsp;
	unsigned char *p;

	if (*count == *cap) {
		size_t n = *cap ? *cap * 2 : 8;

		p = ppj_arena_calloc(a, n, size);
		if (!p)
			return NULL;
		if (*count)
			memcpy(p, *items, *count * size);
		*items = p;
		*cap = n;
	}
	p = *items + *count * size;
	(*count)++;
	return p;
}
