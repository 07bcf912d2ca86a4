/*
 * The renderer: the model into the output tree of SPEC §4 (index.html,
 * slides/N.html, manifest.json, assets/). It reads only the model.
 */
#ifndef PPJ_RENDER_H
#define PPJ_RENDER_H

#include "model/model.h"
#include "pack/sink.h"

/*
 * Renders every slide of deck into sink. Reports progress through
 * opts->progress (stage PPJ_STAGE_RENDERING). The output depends only on
 * the deck and the options: the same input gives the same bytes.
 */
int ppj__render_deck(const struct ppj_deck *deck, struct ppj_sink *sink,
		     const struct ppj_options *opts, struct ppj_error *err);

#endif
