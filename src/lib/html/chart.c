/* Charts: placeholder until the SVG charts land. */
#include "render-int.h"

int render_chart(struct rctx *c, const struct ppj_shape *s)
{
	render_warn(c, "chart", "chart of shape %d not drawn", s->id);
	return 0;
}
