/*
 * The PPTX reader: an OOXML PresentationML package (.pptx, .pptm, .ppsx,
 * .potx, Transitional or Strict) into the model.
 */
#ifndef PPJ_PPTX_H
#define PPJ_PPTX_H

#include "model/model.h"

/*
 * Reads the package at path into a new deck (*out, freed by the caller
 * with ppj_deck_free). A broken part inside a readable package becomes a
 * warning in the model, not a failure. Returns 0 or a negative PPJ_E*.
 */
int ppj__pptx_read(const char *path, const struct ppj_options *opts,
		   struct ppj_deck **out, struct ppj_error *err);

#endif
