/*
 * The Chinese, Japanese and Korean face: Noto Sans CJK (fonts-noto-cjk)
 * comes before the generic family in every font stack of a deck that
 * writes such text (so that a viewer's own CJK sans-serif does not take
 * its place and break lines elsewhere), and ships cut
 * down to the characters the deck uses, so that a viewer without a CJK
 * font of its own does not draw empty boxes. The deck's own East Asian
 * faces (MS Gothic, SimSun...) are not freely available; this one is.
 *
 * Each face of the collection holds every Han character, kana and
 * Hangul; they differ in the regional forms of some Han characters. The
 * deck's CJK runs choose one by their language (zh-CN, zh-TW, ja, ko),
 * the most frequent winning; Japanese when none says.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <hb.h>

#include "render-int.h"

#define CJK_DIR "/usr/share/fonts/opentype/noto"

/* The regular and bold files, without .ttc. */
static const char *const cjk_stem[2] = { "NotoSansCJK-Regular",
					 "NotoSansCJK-Bold" };

/* The faces of the collection, in its order, and their languages. */
enum { CJK_JP, CJK_KR, CJK_SC, CJK_TC, CJK_HK, CJK_FACES };
static const char *const cjk_region[CJK_FACES] = { "JP", "KR", "SC", "TC",
						    "HK" };

bool render_is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

static bool text_has_cjk(const char *s)
{
	const char *end = s ? s + strlen(s) : NULL;

	while (s && s < end)
		if (render_is_cjk(ppj_utf8_next(&s, end)))
			return true;
	return false;
}

bool render_cjk_in(const struct ppj_text *t)
{
	for (size_t i = 0; t && i < t->nparas; i++)
		for (size_t k = 0; k < t->paras[i].nruns; k++)
			if (text_has_cjk(t->paras[i].runs[k].text))
				return true;
	return false;
}

/* The face a run's language asks for, or -1. */
static int face_of_lang(const char *lang)
{
	if (!lang)
		return -1;
	if (!strncasecmp(lang, "ja", 2))
		return CJK_JP;
	if (!strncasecmp(lang, "ko", 2))
		return CJK_KR;
	if (!strcasecmp(lang, "zh-TW") || !strcasecmp(lang, "zh-MO"))
		return CJK_TC;
	if (!strcasecmp(lang, "zh-HK"))
		return CJK_HK;
	if (!strncasecmp(lang, "zh", 2))
		return CJK_SC;
	return -1;
}

/* Counts, per face, the runs of CJK text that ask for it. */
static void count_body(const struct ppj_text *t, size_t *votes)
{
	for (size_t i = 0; t && i < t->nparas; i++)
		for (size_t k = 0; k < t->paras[i].nruns; k++) {
			const struct ppj_run *r = &t->paras[i].runs[k];
			int f;

			if (!text_has_cjk(r->text))
				continue;
			f = face_of_lang(r->lang);
			votes[f < 0 ? CJK_FACES : f]++;
		}
}

static void count_table(const struct ppj_table *tb, size_t *votes)
{
	size_t n;

	if (!tb || tb->nrows <= 0 || tb->ncols <= 0)
		return;
	n = (size_t)tb->nrows * (size_t)tb->ncols;
	for (size_t i = 0; i < n; i++)
		count_body(tb->cells[i].text, votes);
}

static void count_shapes(const struct ppj_shape *s, size_t n, int depth,
			 size_t *votes)
{
	if (depth > RENDER_MAX_DEPTH)
		return;
	for (size_t i = 0; i < n; i++) {
		count_body(s[i].text, votes);
		count_table(s[i].table, votes);
		count_shapes(s[i].children, s[i].nchildren, depth + 1,
			     votes);
	}
}

/* The path of face k (0 regular, 1 bold) in buf. */
static void cjk_path(const struct rctx *c, int k, char *buf, size_t n)
{
	const char *dir = c->opts && c->opts->font_dir ? c->opts->font_dir :
			  CJK_DIR;

	snprintf(buf, n, "%s/%s.ttc", dir, cjk_stem[k]);
}

int render_cjk_init(struct rctx *c)
{
	size_t votes[CJK_FACES + 1] = { 0 }, all = 0;	/* last: no lang */
	char path[1024];

	for (size_t i = 0; i < c->deck->nslides; i++)
		count_shapes(c->deck->slides[i].shapes,
			     c->deck->slides[i].nshapes, 0, votes);
	for (int f = 0; f <= CJK_FACES; f++)
		all += votes[f];
	if (!all)
		return 0;
	c->cjk = true;
	c->cjk_face = CJK_JP;
	for (int f = 0; f < CJK_FACES; f++)
		if (votes[f] > votes[c->cjk_face])
			c->cjk_face = f;
	c->cjk_cps = hb_set_create();
	if (!hb_set_allocation_successful(c->cjk_cps))
		return ppj__error(c->err, PPJ_ENOMEM, "out of memory");
	cjk_path(c, 0, path, sizeof(path));
	c->cjk_shipped = c->opts && c->opts->embed_fonts &&
			 access(path, R_OK) == 0;
	return 0;
}

void render_cjk_text(struct rctx *c, uint32_t cp)
{
	if (c->cjk_cps && render_is_cjk(cp))
		hb_set_add(c->cjk_cps, cp);
}

void render_cjk_run(struct rctx *c, const char *text, bool bold)
{
	if (c->cjk && bold && !c->cjk_bold)
		c->cjk_bold = text_has_cjk(text);
}

void render_cjk_family(const struct rctx *c, struct ppj_buf *b)
{
	if (c->cjk)
		ppj_buf_printf(b, ",'Noto Sans CJK %s'",
			       cjk_region[c->cjk_face]);
}

/* Collections larger than this are not read. */
#define CJK_FILE_MAX ((size_t)64 << 20)

/*
 * The collection of face k mapped read-only (not read: it is 20 MiB, of
 * which the subset touches a little); NULL when absent or too large.
 */
static void *map_file(const char *path, size_t *len)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	p = fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (size_t)st.st_size <= CJK_FILE_MAX ?
	    mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) :
	    MAP_FAILED;
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

/* Ships face k cut down to the deck's CJK characters; its extension. */
static int ship(struct rctx *c, int k, const char **ext)
{
	char path[1024], rel[128];
	unsigned char *out;
	size_t len = 0, n = 0;
	void *data;
	int rc;

	*ext = NULL;
	cjk_path(c, k, path, sizeof(path));
	data = map_file(path, &len);
	if (!data)
		return 0;
	out = render_font_pack_face(data, len, (unsigned)c->cjk_face,
				    c->cjk_cps, &n, ext);
	munmap(data, len);
	if (!out)
		return ppj__error(c->err, PPJ_ENOMEM, "out of memory");
	if (strcmp(*ext, "woff2") != 0) {	/* not cut: far too large */
		free(out);
		*ext = NULL;
		return 0;
	}
	snprintf(rel, sizeof(rel), "assets/fonts/%s.%s", cjk_stem[k], *ext);
	rc = ppj_sink_write(c->sink, rel, out, n, c->err);
	free(out);
	return rc;
}

int render_cjk_css(struct rctx *c, struct ppj_buf *b)
{
	const char *region = cjk_region[c->cjk_face];

	for (int k = 0; c->cjk && k < 1 + c->cjk_bold; k++) {
		const char *ext = NULL;
		int rc = c->cjk_shipped ? ship(c, k, &ext) : 0;

		if (rc)
			return rc;
		ppj_buf_printf(b, "@font-face{font-family:'Noto Sans CJK %s';"
			       "src:", region);
		if (ext)
			ppj_buf_printf(b, "url(\"fonts/%s.%s\"),", cjk_stem[k],
				       ext);
		/* Its PostScript name: NotoSansCJKjp-Regular... */
		ppj_buf_printf(b, "local(\"NotoSansCJK%c%c-%s\")",
			       tolower((unsigned char)region[0]),
			       tolower((unsigned char)region[1]),
			       k ? "Bold" : "Regular");
		ppj_buf_printf(b, ";font-weight:%s", k ? "bold" : "normal");
		render_font_line_overrides(b);
		ppj_buf_adds(b, "}\n");
	}
	return 0;
}

void render_cjk_release(struct rctx *c)
{
	hb_set_destroy(c->cjk_cps);
	c->cjk_cps = NULL;
}
