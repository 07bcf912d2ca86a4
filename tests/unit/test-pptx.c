/*
 * Unit tests of the PPTX reader: decks written in code by deckgen cover
 * inheritance, colours, placeholders, groups, tables, bullets, Strict
 * namespaces and hostile packages; the shared corpus (when present) must
 * read without error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deckgen.h"
#include "model/text.h"
#include "pptx/pptx.h"
#include "unit.h"

#define SP(id, xml) "<p:sp><p:nvSpPr><p:cNvPr id=\"" #id "\" name=\"s" #id \
	"\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"0\" " \
	"y=\"0\"/><a:ext cx=\"100\" cy=\"100\"/></a:xfrm><a:prstGeom " \
	"prst=\"rect\"/>" xml "</p:spPr></p:sp>"
#define TX(id, body) "<p:sp><p:nvSpPr><p:cNvPr id=\"" #id "\" name=\"t" #id \
	"\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr/>" \
	"<p:txBody><a:bodyPr/><a:lstStyle/>" body "</p:txBody></p:sp>"

static const char *tmp_deck(void)
{
	static char path[700];

	snprintf(path, sizeof(path), "%s/deck.pptx", unit_tmpdir());
	return path;
}

/* Writes a deck and reads it back with the given limits (NULL: none). */
static struct ppj_deck *roundtrip(const struct deckgen *g,
				  const struct deckgen_slide *s, size_t n,
				  const struct ppj_limits *lim, int *rc,
				  struct ppj_error *err)
{
	struct ppj_options opts;
	struct ppj_deck *deck = NULL;
	const char *path = tmp_deck();

	memset(&opts, 0, sizeof(opts));
	if (lim)
		opts.limits = *lim;
	if (deckgen_write(path, g, s, n) != 0) {
		*rc = -100;
		return NULL;
	}
	*rc = ppj__pptx_read(path, &opts, &deck, err);
	return deck;
}

static struct ppj_deck *read_one(const struct deckgen *g,
				 const char *sptree)
{
	struct deckgen_slide s = { .sptree = sptree };
	struct ppj_error err = { 0 };
	struct ppj_deck *d;
	int rc;

	d = roundtrip(g, &s, 1, NULL, &rc, &err);
	if (rc)
		fprintf(stderr, "read failed: %d %s\n", rc, err.msg);
	return rc ? NULL : d;
}

static bool has_warning(const struct ppj_deck *d, const char *code)
{
	for (size_t i = 0; i < d->nwarnings; i++)
		if (strcmp(d->warnings[i].code, code) == 0)
			return true;
	for (size_t s = 0; s < d->nslides; s++)
		for (size_t i = 0; i < d->slides[s].nwarnings; i++)
			if (strcmp(d->slides[s].warnings[i].code, code) == 0)
				return true;
	return false;
}

static bool color_is(struct ppj_color c, unsigned rgb)
{
	int r = (int)(rgb >> 16), g = (int)((rgb >> 8) & 255),
	    b = (int)(rgb & 255);
	bool ok = abs(c.r - r) <= 1 && abs(c.g - g) <= 1 && abs(c.b - b) <= 1;

	if (!ok)
		fprintf(stderr, "colour %02X%02X%02X, expected %06X\n", c.r,
			c.g, c.b, rgb);
	return ok;
}

/* The slide's own shape with this name. */
static const struct ppj_shape *shape(const struct ppj_slide *s,
				     const char *name)
{
	for (size_t i = 0; i < s->nshapes; i++)
		if (s->shapes[i].name && strcmp(s->shapes[i].name, name) == 0)
			return &s->shapes[i];
	return NULL;
}

/* ---- the corpus ---- */

static bool skip_deck(const char *notes)
{
	return strstr(notes, "malformed") || strstr(notes, "encrypted") ||
	       strstr(notes, "misnamed");
}

TEST(corpus_reads)
{
	const char *src = getenv("PPJ_SOURCE");
	char path[1024], line[4096];
	int n = 0, failed = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/../shared/corpus/SOURCES.tsv",
		 src ? src : ".");
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "corpus absent: skipped\n");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *cols[10] = { 0 }, *save = NULL, *t = line;
		struct ppj_error err = { 0 };
		struct ppj_deck *deck = NULL;
		int k = 0, rc;
		clock_t t0;

		for (t = strtok_r(line, "\t\n", &save); t && k < 10;
		     t = strtok_r(NULL, "\t\n", &save))
			cols[k++] = t;
		if (k < 9 || strcmp(cols[7], "pptx") != 0 ||
		    skip_deck(cols[8]))
			continue;
		snprintf(path, sizeof(path), "%s/../shared/corpus/%s",
			 src ? src : ".", cols[0]);
		t0 = clock();
		rc = ppj__pptx_read(path, NULL, &deck, &err);
		if (rc) {
			fprintf(stderr, "%s: %d %s\n", cols[0], rc, err.msg);
			failed++;
		} else if (getenv("PPJ_VERBOSE")) {
			fprintf(stderr, "%s: %zu slides, %.3fs\n", cols[0],
				deck->nslides,
				(double)(clock() - t0) / CLOCKS_PER_SEC);
		}
		ppj_deck_free(deck);
		n++;
	}
	fclose(f);
	CHECK(n > 0);
	CHECK_INT(failed, 0);
}
