/*
 * The legacy binary reader: PowerPoint 97-2003 (.ppt, [MS-PPT]) into the
 * model, the OLE2 container read with libgsf.
 */
#ifndef PPJ_PPT_H
#define PPJ_PPT_H

#include "model/model.h"

/*
 * Reads the file at path into a new deck (*out, freed by the caller with
 * ppj_deck_free). Encrypted files give PPJ_EENCRYPTED, PowerPoint 95 and
 * older PPJ_EUNSUPPORTED. Returns 0 or a negative PPJ_E*.
 */
int ppj__ppt_read(const char *path, const struct ppj_options *opts,
		  struct ppj_deck **out, struct ppj_error *err);

/* Keeps libgsf's GLib log lines off stderr; call before using libgsf. */
void ppj__gsf_quiet(void);

#endif
