/*
 * The legacy binary reader's entry point: a PowerPoint 97-2003 file
 * ([MS-PPT]) into the model. The work is split by layer: container.c
 * (OLE2 streams), persist.c (edits and persist directory), document.c
 * (document, masters, slides, notes), text.c (text and styles),
 * drawing.c (shapes, [MS-ODRAW]) and blip.c (pictures).
 */
#include <string.h>

#include "ppt-int.h"
#include "ppt.h"

int ppj__ppt_read(const char *path, const struct ppj_options *opts,
		  struct ppj_deck **out, struct ppj_error *err)
{
	struct ppt_ctx c;
	int rc;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.opts = opts;
	c.err = err;
	c.deck = ppj_deck_new(opts->limits.max_model_bytes);
	if (!c.deck)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	c.deck->source_format = "ppt";

	rc = ppt_load_streams(&c, path);
	if (!rc)
		rc = ppt_read_document(&c);
	if (!rc && c.deck->nslides == 0)
		rc = ppj__error(err, PPJ_EDAMAGED, "'%s': no slide can be "
				"read", path);
	if (!rc && c.deck->arena.failed)
		rc = ppj__error(err, PPJ_ETOOLARGE, "the deck needs more "
				"memory than allowed");
	ppt_free_streams(&c);
	if (rc) {
		ppj_deck_free(c.deck);
		return rc;
	}
	*out = c.deck;
	return 0;
}
