/*
 * fuzz-opc: the zip, content-type, relationship and XML layer alone,
 * without the PPTX reader on top, so that the fuzzer spends its time on
 * the package rather than on slides.
 *
 * An input that starts with "PK" is a package: it is sniffed, opened and
 * walked from the main part along every internal relationship (each part
 * read, parsed as XML, its content type and relationships asked for), a
 * bounded number of parts. Any other input is one XML part for the
 * parser, and its first line is also resolved as a relationship target.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "fuzz-util.h"
#include "opc/opc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_VISIT 64

static struct ppj_limits limits(void)
{
	struct ppj_options o;

	fuzz_options(&o);
	return o.limits;
}

/* Reads, parses and asks about one part; queues its internal targets. */
static void visit(struct ppj_opc *opc, const char *part, const char **queue,
		  size_t *nqueue)
{
	struct ppj_error err = { 0 };
	const struct ppj_rels *rels;
	unsigned char *bytes = NULL;
	xmlDoc *doc = NULL;
	size_t len;

	(void)ppj__opc_has(opc, part);
	(void)ppj__opc_content_type(opc, part);
	if (ppj__opc_read(opc, part, &bytes, &len, &err) == 0)
		free(bytes);
	if (ppj__opc_xml(opc, part, &doc, &err) == 0)
		xmlFreeDoc(doc);

	rels = ppj__opc_rels(opc, part, &err);
	if (!rels)
		return;
	for (size_t i = 0; i < rels->n && *nqueue < MAX_VISIT; i++) {
		const struct ppj_rel *r = &rels->v[i];

		(void)ppj__rel_by_id(rels, r->id);
		if (!r->external && r->target)
			queue[(*nqueue)++] = r->target;
	}
	(void)ppj__rel_by_type(rels, "slide");
}

static void walk_package(void)
{
	struct ppj_limits lim = limits();
	struct ppj_error err = { 0 };
	const char *queue[MAX_VISIT];
	struct ppj_opc *opc;
	size_t n = 0;

	(void)ppj_sniff_file(fuzz_in_path());
	if (ppj__opc_open(fuzz_in_path(), &lim, &opc, &err) != 0)
		return;
	queue[n++] = ppj__opc_main(opc);
	for (size_t i = 0; i < n; i++)
		visit(opc, queue[i], queue, &n);
	ppj__opc_close(opc);
}

static void parse_xml(const uint8_t *data, size_t size)
{
	struct ppj_error err = { 0 };
	const uint8_t *nl = memchr(data, '\n', size);
	xmlDoc *doc = NULL;

	if (ppj__xml_parse(data, size, "fuzz.xml", 32, &doc, &err) == 0)
		xmlFreeDoc(doc);

	if (nl) {
		char *target = strndup((const char *)data,
				       (size_t)(nl - data));
		char *resolved = target ?
			ppj__opc_resolve("ppt/slides/slide1.xml", target) :
			NULL;

		/* The one promise of resolve: never out of the package. */
		if (resolved && (resolved[0] == '/' ||
				 !strncmp(resolved, "../", 3) ||
				 strstr(resolved, "/../") ||
				 !strcmp(resolved, "..")))
			abort();
		free(resolved);
		free(target);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		fuzz_write_input(data, size);
		walk_package();
	} else {
		parse_xml(data, size);
	}
	return 0;
}
