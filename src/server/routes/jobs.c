/*
 * The routes that read or remove jobs: status, download, list and
 * DELETE. A job of another key does not exist for the caller (404).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/http/http.h"
#include "server/jobs/jobs.h"
#include "server/routes/job-json.h"
#include "server/store/blob.h"

#define LIST_MAX 10000

static bool is_token(const char *t)
{
	size_t n = 0;

	for (; t[n]; n++)
		if (!((t[n] >= 'a' && t[n] <= 'z') ||
		      (t[n] >= 'A' && t[n] <= 'Z') ||
		      (t[n] >= '0' && t[n] <= '9')))
			return false;
	return n == STORE_TOKEN_LEN;
}

/*
 * The job named by the path or by ?token= (clients send both; they must
 * agree). Answers and returns false when there is no such job for the
 * caller.
 */
bool routes_load_job(struct request *r, struct store_job *job)
{
	struct store *st = r->srv->store;
	const char *q = http_query(r, "token");
	int rc;

	if (r->token[0] && q && strcmp(q, r->token) != 0) {
		http_error(r, 400, "token in the path and the query differ");
		return false;
	}
	if (!r->token[0]) {
		if (!q || !*q) {
			http_error(r, 400, "missing token");
			return false;
		}
		snprintf(r->token, sizeof(r->token), "%s", q);
	}
	if (!is_token(r->token)) {
		http_error(r, 404, "no job '%s'", r->token);
		return false;
	}
	rc = st->ops->job_get(st, r->token, job);
	if (rc == STORE_OK && strcmp(job->appid, r->appid) == 0)
		return true;
	if (rc == STORE_OK || rc == STORE_ENOTFOUND)
		http_error(r, 404, "no job '%s'", r->token);
	else
		http_error(r, 500, "store unavailable");
	return false;
}

enum MHD_Result route_status(struct request *r)
{
	struct store_job job;

	if (!routes_load_job(r, &job))
		return MHD_YES;
	return http_json(r, 200, job_json(&job));
}

enum MHD_Result route_download(struct request *r)
{
	struct store_job job;
	char name[STORE_TOKEN_LEN + 8];
	struct stat sb;
	int fd;

	if (!routes_load_job(r, &job))
		return MHD_YES;
	if (job.state != JOB_COMPLETED && job.state != JOB_NOTIFYING)
		return http_error(r, 404, "job '%s' has nothing to download "
				  "(%s)", job.token,
				  job_state_name(job.state));
	/* the zip may be on another node: a private, unlinked copy */
	snprintf(name, sizeof(name), "%s.zip", job.token);
	fd = srv_blob_fd(r->srv, name);
	if (fd == BLOB_ENOTFOUND)
		return http_error(r, 404, "job '%s' has nothing to download",
				  job.token);
	if (fd < 0)
		return http_error(r, 500, "cannot read the zip");
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return http_error(r, 500, "cannot read the zip");
	}
	return http_zip(r, fd, (uint64_t)sb.st_size);
}

enum MHD_Result route_delete(struct request *r)
{
	struct store_job job;
	int rc;

	if (!routes_load_job(r, &job))
		return MHD_YES;
	if (job.state == JOB_DELETED)
		return http_json(r, 200, job_json(&job));
	rc = jobs_wipe(r->srv, job.token);
	if (r->srv->store->ops->job_get(r->srv->store, job.token, &job))
		return http_error(r, 500, "cannot delete the job");
	if (job.state == JOB_DELETED)	/* by us, or the sweeper just now */
		return http_json(r, 200, job_json(&job));
	if (rc == STORE_EBACKWARD)
		return http_error(r, 400, "job '%s' is still %s; delete it "
				  "once it has finished", job.token,
				  job_state_name(job.state));
	return http_error(r, 500, "cannot delete the job");
}

static void add_token(void *ctx, const char *token)
{
	json_array_append_new(ctx, json_string(token));
}

/* Reads the filters; answers 400 naming a bad one and returns false. */
static bool filters(struct request *r, struct store_filter *f)
{
	const char *state = http_query(r, "status");
	const char *start = http_query(r, "start_date");
	const char *end = http_query(r, "end_date");

	if (!state)
		state = http_query(r, "state");
	*f = (struct store_filter){ r->appid, -1, INT64_MIN, INT64_MAX,
				    LIST_MAX };
	if (state && (f->state = job_state_parse(state)) < 0) {
		http_error(r, 400, "bad status '%s'", state);
		return false;
	}
	if (start && iso_parse(start, &f->since_ms)) {
		http_error(r, 400, "bad start_date '%s'", start);
		return false;
	}
	if (end && iso_parse(end, &f->before_ms)) {
		http_error(r, 400, "bad end_date '%s'", end);
		return false;
	}
	return true;
}

enum MHD_Result route_list(struct request *r)
{
	struct store *st = r->srv->store;
	struct store_filter f;
	json_t *tokens;

	if (!filters(r, &f))
		return MHD_YES;
	tokens = json_array();
	if (!tokens || st->ops->job_list(st, &f, add_token, tokens)) {
		json_decref(tokens);
		return http_error(r, 500, "store unavailable");
	}
	return http_json(r, 200, json_pack("{s:I, s:o}", "count",
					   (json_int_t)json_array_size(tokens),
					   "tokens", tokens));
}
