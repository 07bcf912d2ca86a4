/* Placeholder until the evaluator lands: every shape is its box. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geom.h"

const struct ppj_geom_def *ppj_geom_preset(const char *name)
{
	(void)name;
	return NULL;
}

int ppj_geom_eval(const struct ppj_geom *g, double w, double h,
		  struct ppj_geom_result *out, struct ppj_error *err)
{
	char d[128];

	(void)g;
	memset(out, 0, sizeof(*out));
	snprintf(d, sizeof(d), "M0 0H%gV%gH0Z", w, h);
	out->paths = calloc(1, sizeof(*out->paths));
	if (!out->paths)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	out->paths[0].d = strdup(d);
	out->paths[0].fill = out->paths[0].stroke = true;
	out->paths[0].closed = true;
	out->npaths = 1;
	out->text_r = w;
	out->text_b = h;
	return 0;
}

void ppj_geom_result_release(struct ppj_geom_result *r)
{
	for (size_t i = 0; i < r->npaths; i++)
		free(r->paths[i].d);
	free(r->paths);
	memset(r, 0, sizeof(*r));
}
