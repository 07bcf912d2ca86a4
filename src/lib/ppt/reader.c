/* Placeholder until the PPT reader lands. */
#include "ppt.h"

int ppj__ppt_read(const char *path, const struct ppj_options *opts,
		  struct ppj_deck **out, struct ppj_error *err)
{
	(void)opts;
	*out = NULL;
	return ppj__error(err, PPJ_EUNSUPPORTED, "'%s': ppt reader not "
			  "built yet", path);
}
