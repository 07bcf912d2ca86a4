/*
 * GET /jobs/:token/notifications (and /job/:token/notifications): the
 * callback of a job and every attempt made, for the job's owner (404
 * for anyone else, as every job route).
 *
 * {"token": T, "url": U, "type": "complete", "code": 0,
 *  "delivered": false, "done": false, "next_attempt_at": ISO | null,
 *  "attempts": [{"n": 1, "at": ISO, "at_ms": ..., "status": 500,
 *                "error": null, "duration_ms": 12}]}
 * A job without a callback answers "url": null and no attempts.
 */
#include <stdlib.h>

#include "server/http/http.h"
#include "server/routes/job-json.h"

#define ATTEMPTS_MAX 1100	/* above the most --notify-attempts allows */

static json_t *attempt_json(const struct store_attempt *a)
{
	char at[32];

	iso_date(a->at_ms, at);
	return json_pack("{s:i, s:s, s:I, s:i, s:o, s:I}", "n", a->n,
			 "at", at, "at_ms", (json_int_t)a->at_ms,
			 "status", a->status, "error", a->error[0] ?
			 json_string(a->error) : json_null(),
			 "duration_ms", (json_int_t)a->duration_ms);
}

static json_t *notify_json(const struct store_notify *n,
			   const struct store_attempt *as, size_t count)
{
	json_t *list = json_array();
	char due[32];

	iso_date(n->due_ms, due);
	for (size_t i = 0; list && i < count; i++)
		json_array_append_new(list, attempt_json(&as[i]));
	return json_pack("{s:s, s:s, s:s, s:i, s:b, s:b, s:o, s:o}",
			 "token", n->token, "url", n->url,
			 "type", n->code ? "error" : "complete",
			 "code", n->code, "delivered", n->delivered,
			 "done", n->done, "next_attempt_at", n->done ?
			 json_null() : json_string(due),
			 "attempts", list ? list : json_array());
}

enum MHD_Result route_notifications(struct request *r)
{
	struct store *st = r->srv->store;
	struct store_job job;
	struct store_notify n;
	struct store_attempt *as;
	size_t count = 0;
	int rc;

	if (!routes_load_job(r, &job))
		return MHD_YES;
	rc = st->ops->notify_get(st, job.token, &n);
	if (rc == STORE_ENOTFOUND)
		return http_json(r, 200, json_pack("{s:s, s:n, s:[]}",
						   "token", job.token, "url",
						   "attempts"));
	if (rc)
		return http_error(r, 500, "store unavailable");
	as = calloc(ATTEMPTS_MAX, sizeof(*as));
	if (!as || st->ops->notify_attempts(st, job.token, as, ATTEMPTS_MAX,
					    &count)) {
		free(as);
		return http_error(r, 500, "store unavailable");
	}
	rc = http_json(r, 200, notify_json(&n, as, count));
	free(as);
	return rc;
}
