/*
 * mkdeck: writes a plain test deck for the service tests and benchmarks.
 *
 *   mkdeck OUT.pptx [--slides N] [--text WORD]
 *
 * Slide K has the title "Slide K" and a body paragraph with WORD (default
 * "Hello") and K.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deckgen.h"

#define MAX_SLIDES 100000

static int usage(void)
{
	fprintf(stderr, "usage: mkdeck OUT.pptx [--slides N] "
		"[--text WORD]\n");
	return 2;
}

static int parse_args(int argc, char **argv, const char **out, long *n,
		      const char **word)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--slides") == 0 && i + 1 < argc) {
			char *end;

			*n = strtol(argv[++i], &end, 10);
			if (*end || *n < 1 || *n > MAX_SLIDES)
				return -1;
		} else if (strcmp(argv[i], "--text") == 0 && i + 1 < argc) {
			*word = argv[++i];
		} else if (argv[i][0] != '-' && !*out) {
			*out = argv[i];
		} else {
			return -1;
		}
	}
	return *out ? 0 : -1;
}

/* Escapes &, < and > so that any WORD makes valid XML. */
static char *xml_escape(const char *s)
{
	char *out = malloc(strlen(s) * 5 + 1), *o = out;

	if (!out)
		return NULL;
	for (; *s; s++) {
		const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" :
			*s == '>' ? "&gt;" : NULL;

		if (rep) {
			strcpy(o, rep);
			o += strlen(rep);
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *word = "Hello";
	struct deckgen_slide *slides;
	char *esc;
	long n = 1;
	int rc;

	if (parse_args(argc, argv, &out, &n, &word))
		return usage();
	esc = xml_escape(word);
	slides = calloc((size_t)n, sizeof(*slides));
	if (!slides || !esc)
		return 1;
	for (long k = 0; k < n; k++) {
		char title[64], body[600];
		char *t, *b, *tree;

		snprintf(title, sizeof(title), "Slide %ld", k + 1);
		snprintf(body, sizeof(body), "%.500s %ld", esc, k + 1);
		t = deckgen_title_sp(2, title);
		b = deckgen_body_sp(3, body);
		tree = malloc(strlen(t) + strlen(b) + 1);
		if (!tree)
			return 1;
		strcpy(tree, t);
		strcat(tree, b);
		free(t);
		free(b);
		slides[k].sptree = tree;
	}
	rc = deckgen_write(out, NULL, slides, (size_t)n);
	for (long k = 0; k < n; k++)
		free((char *)slides[k].sptree);
	free(slides);
	free(esc);
	return rc ? 1 : 0;
}
