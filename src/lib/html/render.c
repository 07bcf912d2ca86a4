/* Placeholder until the renderer lands. */
#include "render.h"

int ppj__render_deck(const struct ppj_deck *deck, struct ppj_sink *sink,
		     const struct ppj_options *opts, struct ppj_error *err)
{
	(void)deck;
	(void)sink;
	(void)opts;
	return ppj__error(err, PPJ_EINTERNAL, "renderer not built yet");
}
