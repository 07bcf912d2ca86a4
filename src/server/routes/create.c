/*
 * POST /jobs and POST /job/create: the upload has been streamed to a temp
 * file (http/upload.c); check the signature, the fields, the MD5 and the
 * kind of file, then queue the job, or reuse the zip of an earlier job of
 * the same key with the same bytes (dedup).
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/http/http.h"
#include "server/jobs/jobs.h"
#include "server/log.h"
#include "server/routes/job-json.h"
#include "server/store/blob.h"

static bool is_md5(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!isxdigit((unsigned char)s[n]))
			return false;
	return n == 32;
}

static bool is_deck(const char *path)
{
	int fmt = ppj_sniff_file(path);

	return fmt == PPJ_FORMAT_OOXML || fmt == PPJ_FORMAT_PPT ||
		fmt == PPJ_FORMAT_OOXML_ENCRYPTED;
}

/* The last path component of a client's file name, control-free. */
static void clean_name(char *dst, size_t n, const char *name)
{
	const char *base = strrchr(name, '/');
	size_t o = 0;

	base = base ? base + 1 : name;
	if (strrchr(base, '\\'))
		base = strrchr(base, '\\') + 1;
	for (; *base && o + 1 < n; base++)
		if ((unsigned char)*base >= 0x20 && *base != 0x7f)
			dst[o++] = *base;
	dst[o] = '\0';
}

/*
 * Copies blob from to blob to through a temp file of DATA/outputs (the
 * blob stores stream; nothing is held whole in memory).
 */
static int copy_blob(struct server *srv, const char *from, const char *to)
{
	char tmp[PATH_MAX];
	int fd, rc;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/.dedup-XXXXXX",
			     srv->outputs) >= sizeof(tmp))
		return BLOB_EIO;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return BLOB_EIO;
	close(fd);
	rc = srv->blob->ops->get(srv->blob, from, tmp);
	if (rc == 0)
		rc = srv->blob->ops->put(srv->blob, to, tmp);
	unlink(tmp);
	return rc;
}

/*
 * Dedup: when this key already converted the same bytes, the new job
 * gets a copy of that zip (its own blob, so wiping either job leaves
 * the other's) and is completed at once.
 */
static bool reuse(struct request *r, struct store_job *job)
{
	struct server *srv = r->srv;
	struct store_job old;
	char from[STORE_TOKEN_LEN + 8], to[STORE_TOKEN_LEN + 8];

	if (srv->store->ops->job_find_done(srv->store, job->appid, job->md5,
					   &old))
		return false;
	snprintf(from, sizeof(from), "%s.zip", old.token);
	snprintf(to, sizeof(to), "%s.zip", job->token);
	if (copy_blob(srv, from, to))
		return false;
	job->state = JOB_COMPLETED;
	job->total_pages = old.total_pages;
	job->progress = old.progress;
	if (srv->store->ops->job_create(srv->store, job)) {
		srv->blob->ops->del(srv->blob, to);
		return false;
	}
	srv_log(SRV_LOG_INFO, "job %s created from %s (same bytes), "
		"completed", job->token, old.token);
	return true;
}

/*
 * The upload goes to the blob store before the job exists, so that no
 * worker on any node claims a job without its file.
 */
static enum MHD_Result queue_job(struct request *r, struct store_job *job)
{
	struct server *srv = r->srv;
	char name[STORE_TOKEN_LEN + 8];

	snprintf(name, sizeof(name), "%s.src", job->token);
	if (srv->blob->ops->put(srv->blob, name, r->up->tmp))
		return http_error(r, 500, "cannot store the upload");
	unlink(r->up->tmp);
	r->up->tmp[0] = '\0';
	if (srv->store->ops->job_create(srv->store, job)) {
		srv->blob->ops->del(srv->blob, name);
		return http_error(r, 500, "cannot create the job");
	}
	srv_log(SRV_LOG_INFO, "job %s created (%lld bytes), converting",
		job->token, (long long)job->source_filesize);
	jobs_wake(srv);
	return http_json(r, 200, job_json(job));
}

enum MHD_Result route_create(struct request *r)
{
	struct upload *u = r->up;
	struct store_job job = { 0 };
	const char *md5;
	char lower[33];

	if (!upload_end(u))
		return http_error(r, 500, "cannot store the upload");
	if (!authn_verify(r, u))
		return MHD_YES;
	md5 = upload_field(u, "file_md5");
	if (!md5 || !*md5)
		return http_validation(r, "file_md5", "missing_field");
	if (u->file_parts == 0 || !u->tmp[0])
		return http_validation(r, "file_source", "missing_field");
	if (!is_md5(md5))
		return http_validation(r, "file_md5", "invalid");
	for (int i = 0; i < 33; i++)
		lower[i] = (char)tolower((unsigned char)md5[i]);
	if (strcmp(lower, u->md5_hex) != 0)
		return http_error(r, 400, "file_md5 does not match the file");
	if (!is_deck(u->tmp))
		return http_error(r, 400, "not a PowerPoint file");

	if (srv_random_token(job.token, STORE_TOKEN_LEN))
		return http_error(r, 500, "no random source");
	memcpy(job.appid, r->appid, sizeof(job.appid));
	job.state = JOB_CONVERTING;
	clean_name(job.source_filename, sizeof(job.source_filename),
		   u->filename);
	job.source_filesize = u->size;
	memcpy(job.md5, u->md5_hex, sizeof(job.md5));
	job.total_pages = -1;
	job.created_ms = job.updated_ms = store_now_ms();

	if (reuse(r, &job))
		return http_json(r, 200, job_json(&job));
	return queue_job(r, &job);
}
