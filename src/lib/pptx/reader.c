/* Placeholder until the PPTX reader lands. */
#include "pptx.h"

int ppj__pptx_read(const char *path, const struct ppj_options *opts,
		   struct ppj_deck **out, struct ppj_error *err)
{
	(void)opts;
	*out = NULL;
	return ppj__error(err, PPJ_EUNSUPPORTED, "'%s': pptx reader not "
			  "built yet", path);
}
