/*
 * The OPC package: the zip (libzip), its content types and the
 * relationships of its parts.
 *
 * Every byte comes out through opc_read(), which counts what the inflater
 * really produced against the part and total caps: a zip header may lie
 * about sizes, the inflated stream cannot. Relationship targets are
 * resolved to normalised part names and refused when they climb out of
 * the package; external targets are kept as text and never fetched.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zip.h>

#include "opc.h"

#define RELS_BUCKETS 1024
#define READ_CHUNK (64 * 1024)

struct ct_entry {
	const char *key;	/* extension or part name, no slash */
	const char *type;
};

struct rels_entry {
	const char *part;
	struct ppj_rels rels;
	struct rels_entry *next;
};

struct ppj_opc {
	zip_t *zip;
	struct ppj_limits lim;
	uint64_t total;		/* bytes inflated so far */
	struct ppj_arena arena;	/* names, types, relationships */
	const char *main;
	size_t ndefaults, cdefaults;
	struct ct_entry *defaults;
	size_t noverrides, coverrides;
	struct ct_entry *overrides;
	struct rels_entry *rels[RELS_BUCKETS];
};

static unsigned hash_name(const char *s)
{
	unsigned h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned)tolower((unsigned char)*s);
	return h % RELS_BUCKETS;
}

static zip_int64_t locate(struct ppj_opc *opc, const char *name)
{
	zip_int64_t i = zip_name_locate(opc->zip, name, 0);

	if (i < 0)
		i = zip_name_locate(opc->zip, name, ZIP_FL_NOCASE);
	return i;
}

bool ppj__opc_has(struct ppj_opc *opc, const char *name)
{
	return name && *name && locate(opc, name) >= 0;
}

const char *ppj__opc_main(const struct ppj_opc *opc)
{
	return opc->main;
}

/* Grows *buf (with *alloc bytes) to hold at least need bytes. */
static int grow(unsigned char **buf, size_t *alloc, size_t need)
{
	size_t n = *alloc ? *alloc : READ_CHUNK;
	unsigned char *p;

	while (n < need)
		n *= 2;
	if (n == *alloc)
		return 0;
	p = realloc(*buf, n);
	if (!p)
		return PPJ_ENOMEM;
	*buf = p;
	*alloc = n;
	return 0;
}

/* Reads the open entry f; the caps are checked on inflated bytes. */
static int read_entry(struct ppj_opc *opc, zip_file_t *f, const char *name,
		      unsigned char **data, size_t *len,
		      struct ppj_error *err)
{
	unsigned char *buf = NULL;
	size_t alloc = 0, n = 0;
	int rc = 0;

	for (;;) {
		zip_int64_t got;

		if (grow(&buf, &alloc, n + READ_CHUNK + 1)) {
			rc = ppj__error(err, PPJ_ENOMEM, "out of memory "
					"reading '%s'", name);
			break;
		}
		got = zip_fread(f, buf + n, READ_CHUNK);
		if (got < 0) {
			rc = ppj__error(err, PPJ_EDAMAGED, "part '%s' is "
					"damaged: %s", name,
					zip_file_strerror(f));
			break;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		opc->total += (uint64_t)got;
		if (n > opc->lim.max_part_bytes) {
			rc = ppj__error(err, PPJ_ETOOLARGE, "part '%s' "
					"inflates past %llu bytes", name,
					(unsigned long long)
					opc->lim.max_part_bytes);
			break;
		}
		if (opc->total > opc->lim.max_total_bytes) {
			rc = ppj__error(err, PPJ_ETOOLARGE, "the package "
					"inflates past %llu bytes in all",
					(unsigned long long)
					opc->lim.max_total_bytes);
			break;
		}
	}
	if (rc) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int ppj__opc_read(struct ppj_opc *opc, const char *name,
		  unsigned char **data, size_t *len, struct ppj_error *err)
{
	zip_int64_t idx = name ? locate(opc, name) : -1;
	zip_stat_t st;
	zip_file_t *f;
	int rc;

	*data = NULL;
	*len = 0;
	if (idx < 0)
		return ppj__error(err, PPJ_EDAMAGED, "missing part '%s'",
				  name ? name : "");
	zip_stat_init(&st);
	if (zip_stat_index(opc->zip, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE) && st.size > opc->lim.max_part_bytes)
		return ppj__error(err, PPJ_ETOOLARGE, "part '%s' is %llu "
				  "bytes, over the limit of %llu", name,
				  (unsigned long long)st.size,
				  (unsigned long long)opc->lim.max_part_bytes);

	f = zip_fopen_index(opc->zip, (zip_uint64_t)idx, 0);
	if (!f)
		return ppj__error(err, PPJ_EDAMAGED, "cannot open part '%s': "
				  "%s", name, zip_strerror(opc->zip));
	rc = read_entry(opc, f, name, data, len, err);
	zip_fclose(f);
	return rc;
}

int ppj__opc_xml(struct ppj_opc *opc, const char *name, xmlDoc **doc,
		 struct ppj_error *err)
{
	unsigned char *data;
	size_t len;
	int rc;

	*doc = NULL;
	rc = ppj__opc_read(opc, name, &data, &len, err);
	if (rc)
		return rc;
	rc = ppj__xml_parse(data, len, name, opc->lim.max_depth, doc, err);
	free(data);
	return rc;
}

/* ---- part names ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes %XX in place; false when it would produce a NUL or a slash. */
static bool percent_decode(char *s)
{
	char *o = s;

	for (; *s; s++) {
		int hi, lo;

		if (*s != '%') {
			*o++ = *s == '\\' ? '/' : *s;
			continue;
		}
		hi = hexval((unsigned char)s[1]);
		lo = hi < 0 ? -1 : hexval((unsigned char)s[2]);
		if (hi < 0 || lo < 0) {
			*o++ = *s;
			continue;
		}
		if (hi * 16 + lo == 0)
			return false;
		*o++ = (char)(hi * 16 + lo);
		s += 2;
	}
	*o = '\0';
	return true;
}

/*
 * Normalises a slash-separated path in place: drops "." and empty
 * segments, applies "..". False when ".." climbs above the root.
 */
static bool normalise(char *path)
{
	char *segs[256];
	size_t n = 0;
	char *save = NULL, *tok, *o;

	for (tok = strtok_r(path, "/", &save); tok;
	     tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (n == 0)
				return false;
			n--;
			continue;
		}
		if (n == sizeof(segs) / sizeof(*segs))
			return false;
		segs[n++] = tok;
	}
	if (n == 0)
		return false;

	/* Segments only move left, so the copy may run in place. */
	o = path;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(segs[i]);

		if (i)
			*o++ = '/';
		memmove(o, segs[i], l);
		o += l;
	}
	*o = '\0';
	return true;
}

char *ppj__opc_resolve(const char *part, const char *target)
{
	const char *slash = part ? strrchr(part, '/') : NULL;
	size_t dir = (slash && target[0] != '/') ? (size_t)(slash - part) + 1
						  : 0;
	char *s, *q;

	if (!target || !*target)
		return NULL;
	s = malloc(dir + strlen(target) + 1);
	if (!s)
		return NULL;
	if (dir)
		memcpy(s, part, dir);
	strcpy(s + dir, target);

	/* A fragment or query never names a part. */
	q = strpbrk(s + dir, "#?");
	if (q)
		*q = '\0';
	if (!percent_decode(s) || !normalise(s)) {
		free(s);
		return NULL;
	}
	return s;
}

/* ---- content types ---- */

static int cmp_ct(const void *a, const void *b)
{
	return strcasecmp(((const struct ct_entry *)a)->key,
			  ((const struct ct_entry *)b)->key);
}

/* Entries are sorted (case-insensitively) once loaded. */
static const char *lookup_ct(const struct ct_entry *v, size_t n,
			     const char *key)
{
	struct ct_entry k = { key, NULL };
	const struct ct_entry *hit;

	if (!n)
		return NULL;
	hit = bsearch(&k, v, n, sizeof(*v), cmp_ct);
	return hit ? hit->type : NULL;
}

const char *ppj__opc_content_type(struct ppj_opc *opc, const char *name)
{
	const char *t = lookup_ct(opc->overrides, opc->noverrides, name);
	const char *dot, *slash;

	if (t)
		return t;
	dot = strrchr(name, '.');
	slash = strrchr(name, '/');
	if (!dot || (slash && dot < slash))
		return NULL;
	return lookup_ct(opc->defaults, opc->ndefaults, dot + 1);
}

static int add_ct(struct ppj_opc *opc, bool override, const char *key,
		  const char *type)
{
	struct ct_entry *e;

	while (*key == '/')
		key++;
	if (override)
		e = ppj_arena_push(&opc->arena, &opc->overrides,
				   &opc->noverrides, &opc->coverrides,
				   sizeof(*e));
	else
		e = ppj_arena_push(&opc->arena, &opc->defaults,
				   &opc->ndefaults, &opc->cdefaults,
				   sizeof(*e));
	if (!e)
		return PPJ_ENOMEM;
	e->key = ppj_arena_strdup(&opc->arena, key);
	e->type = ppj_arena_strdup(&opc->arena, type);
	return e->key && e->type ? 0 : PPJ_ENOMEM;
}

/* Reads [Content_Types].xml; a package without one still opens. */
static int load_content_types(struct ppj_opc *opc, struct ppj_error *err)
{
	struct ppj_error ignored = { 0 };
	xmlDoc *doc;
	xmlNode *root;
	int rc = 0;

	if (!ppj__opc_has(opc, "[Content_Types].xml"))
		return 0;
	rc = ppj__opc_xml(opc, "[Content_Types].xml", &doc, &ignored);
	if (rc == PPJ_ETOOLARGE || rc == PPJ_ENOMEM)
		return ppj__error(err, rc, "%s", ignored.msg);
	if (rc)
		return 0;
	root = xmlDocGetRootElement(doc);
	for (xmlNode *c = ppj__xml_first(root); c && !rc;
	     c = ppj__xml_next(c)) {
		const char *type = ppj__xml_attr(c, "ContentType");
		const char *ext = ppj__xml_attr(c, "Extension");
		const char *pn = ppj__xml_attr(c, "PartName");

		if (!type)
			continue;
		if (ppj__xml_is(c, PPJ_NS_PKG_CT, "Default") && ext)
			rc = add_ct(opc, false, ext, type);
		else if (ppj__xml_is(c, PPJ_NS_PKG_CT, "Override") && pn)
			rc = add_ct(opc, true, pn, type);
	}
	xmlFreeDoc(doc);
	if (rc)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	if (opc->noverrides)
		qsort(opc->overrides, opc->noverrides, sizeof(struct ct_entry),
		      cmp_ct);
	if (opc->ndefaults)
		qsort(opc->defaults, opc->ndefaults, sizeof(struct ct_entry),
		      cmp_ct);
	return 0;
}

/* ---- relationships ---- */

/* "ppt/slides/slide1.xml" -> "ppt/slides/_rels/slide1.xml.rels". */
static char *rels_name(const char *part)
{
	const char *slash = strrchr(part, '/');
	size_t dir = slash ? (size_t)(slash - part) + 1 : 0;
	size_t len = strlen(part);
	char *s = malloc(len + 12);

	if (!s)
		return NULL;
	memcpy(s, part, dir);
	strcpy(s + dir, "_rels/");
	strcat(s, part + dir);
	strcat(s, ".rels");
	return s;
}

static int add_rel(struct ppj_opc *opc, struct ppj_rels *rels, size_t *cap,
		   const char *part, xmlNode *n)
{
	const char *id = ppj__xml_attr(n, "Id");
	const char *type = ppj__xml_attr(n, "Type");
	const char *target = ppj__xml_attr(n, "Target");
	const char *mode = ppj__xml_attr(n, "TargetMode");
	struct ppj_rel *r;

	if (!id || !type || !target)
		return 0;
	r = ppj_arena_push(&opc->arena, &rels->v, &rels->n, cap, sizeof(*r));
	if (!r)
		return PPJ_ENOMEM;
	r->id = ppj_arena_strdup(&opc->arena, id);
	r->type = ppj_arena_strdup(&opc->arena, type);
	r->external = mode && strcasecmp(mode, "External") == 0;
	if (r->external) {
		r->target = ppj_arena_strdup(&opc->arena, target);
	} else {
		char *t = ppj__opc_resolve(*part ? part : NULL, target);

		r->target = t ? ppj_arena_strdup(&opc->arena, t) : NULL;
		free(t);
	}
	return r->id && r->type ? 0 : PPJ_ENOMEM;
}

static int cmp_rel(const void *a, const void *b)
{
	const struct ppj_rel *x = *(const struct ppj_rel *const *)a;
	const struct ppj_rel *y = *(const struct ppj_rel *const *)b;
	int c = strcmp(x->id, y->id);

	/* Equal ids keep document order (v is in document order). */
	if (c)
		return c;
	return x < y ? -1 : x > y;
}

/*
 * Sorts pointers to the relationships by id, so that a part with very
 * many relationships does not make each look-up long.
 */
static int index_rels(struct ppj_opc *opc, struct ppj_rels *rels)
{
	const struct ppj_rel **v;

	if (!rels->n)
		return 0;
	v = ppj_arena_calloc(&opc->arena, rels->n, sizeof(*v));
	if (!v)
		return PPJ_ENOMEM;
	for (size_t i = 0; i < rels->n; i++)
		v[i] = &rels->v[i];
	qsort(v, rels->n, sizeof(*v), cmp_rel);
	rels->by_id = v;
	return 0;
}

static int parse_rels(struct ppj_opc *opc, const char *part,
		      struct ppj_rels *rels, struct ppj_error *err)
{
	char *name = *part ? rels_name(part) : strdup("_rels/.rels");
	struct ppj_error local = { 0 };
	size_t cap = 0;
	xmlDoc *doc = NULL;
	int rc;

	if (!name)
		return PPJ_ENOMEM;
	if (!ppj__opc_has(opc, name)) {
		rels->missing = true;
		free(name);
		return 0;
	}
	rc = ppj__opc_xml(opc, name, &doc, &local);
	free(name);
	if (rc == PPJ_ETOOLARGE || rc == PPJ_ENOMEM)
		return ppj__error(err, rc, "%s", local.msg);
	if (rc) {
		rels->missing = true;
		return 0;
	}
	for (xmlNode *c = ppj__xml_first(xmlDocGetRootElement(doc));
	     c && !rc; c = ppj__xml_next(c))
		if (ppj__xml_is(c, PPJ_NS_PKG_RELS, "Relationship"))
			rc = add_rel(opc, rels, &cap, part, c);
	xmlFreeDoc(doc);
	return rc ? rc : index_rels(opc, rels);
}

const struct ppj_rels *ppj__opc_rels(struct ppj_opc *opc, const char *part,
				     struct ppj_error *err)
{
	unsigned h;
	struct rels_entry *e;

	if (!part)
		part = "";
	h = hash_name(part);
	for (e = opc->rels[h]; e; e = e->next)
		if (strcasecmp(e->part, part) == 0)
			return &e->rels;

	e = ppj_arena_alloc(&opc->arena, sizeof(*e));
	if (!e || !(e->part = ppj_arena_strdup(&opc->arena, part))) {
		ppj__error(err, PPJ_ENOMEM, "out of memory");
		return NULL;
	}
	if (parse_rels(opc, part, &e->rels, err)) {
		ppj__error(err, PPJ_ENOMEM, "out of memory");
		return NULL;
	}
	e->next = opc->rels[h];
	opc->rels[h] = e;
	return &e->rels;
}

const struct ppj_rel *ppj__rel_by_id(const struct ppj_rels *rels,
				     const char *id)
{
	size_t lo = 0, hi;

	if (!rels || !id || !rels->by_id)
		return NULL;

	/* The first of equal ids, as a linear scan would find it. */
	hi = rels->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(rels->by_id[mid]->id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < rels->n && strcmp(rels->by_id[lo]->id, id) == 0)
		return rels->by_id[lo];
	return NULL;
}

bool ppj__rel_is(const struct ppj_rel *rel, const char *kind)
{
	const char *slash = rel ? strrchr(rel->type, '/') : NULL;

	return slash && strcmp(slash + 1, kind) == 0;
}

const struct ppj_rel *ppj__rel_by_type(const struct ppj_rels *rels,
				       const char *kind)
{
	if (!rels)
		return NULL;
	for (size_t i = 0; i < rels->n; i++)
		if (ppj__rel_is(&rels->v[i], kind))
			return &rels->v[i];
	return NULL;
}

/* ---- the package ---- */

static int find_main(struct ppj_opc *opc, struct ppj_error *err)
{
	const struct ppj_rels *rels = ppj__opc_rels(opc, "", err);
	const struct ppj_rel *r;

	if (!rels)
		return PPJ_ENOMEM;
	r = ppj__rel_by_type(rels, "officeDocument");
	if (r && !r->external && ppj__opc_has(opc, r->target)) {
		opc->main = r->target;
		return 0;
	}
	/* A package with broken root relationships but the usual name. */
	if (ppj__opc_has(opc, "ppt/presentation.xml")) {
		opc->main = "ppt/presentation.xml";
		return 0;
	}
	return ppj__error(err, PPJ_ENOTDECK, "no presentation part in the "
			  "package");
}

int ppj__opc_open(const char *path, const struct ppj_limits *lim,
		  struct ppj_opc **out, struct ppj_error *err)
{
	struct ppj_opc *opc;
	int zerr = 0;
	int rc;

	*out = NULL;
	opc = calloc(1, sizeof(*opc));
	if (!opc)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	opc->lim = *lim;
	ppj_arena_init(&opc->arena, (size_t)lim->max_model_bytes);

	opc->zip = zip_open(path, ZIP_RDONLY, &zerr);
	if (!opc->zip) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, zerr);
		rc = ppj__error(err, PPJ_EDAMAGED, "damaged zip: %s",
				zip_error_strerror(&ze));
		zip_error_fini(&ze);
		ppj__opc_close(opc);
		return rc;
	}
	rc = load_content_types(opc, err);
	if (!rc)
		rc = find_main(opc, err);
	if (rc) {
		ppj__opc_close(opc);
		return rc;
	}
	*out = opc;
	return 0;
}

void ppj__opc_close(struct ppj_opc *opc)
{
	if (!opc)
		return;
	if (opc->zip)
		zip_discard(opc->zip);
	ppj_arena_release(&opc->arena);
	free(opc);
}
