/*
 * GET /jobs/T/view/PATH (and /job/T/view/PATH): the files of a completed
 * job's zip, so that the upload page can open the viewer in a tab.
 *
 * The viewer's own requests (slides/2.html, assets/...) are relative and
 * carry no signature, so a signed request (or a protected-mode one) is
 * answered with a redirect to a capability path,
 * /jobs/T/view/~EXP.MAC/PATH, where MAC is an HMAC of the token and the
 * expiry under a key made at start; everything below that path is served
 * until EXP without a signature. The files are served in a CSP sandbox
 * (an opaque origin), so a script in a converted deck could not reach the
 * API's origin or the keys the page keeps there.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "server/http/http.h"

#define VIEW_TTL 3600
#define VIEW_MAX_FILE ((zip_uint64_t)64 << 20)

static const char view_csp[] =
	"sandbox allow-scripts allow-popups allow-downloads; "
	"default-src 'self' 'unsafe-inline' data: blob:; "
	"connect-src 'none'; form-action 'none'; base-uri 'none'";

static void mac_of(const struct server *srv, const char *token,
		   int64_t exp, char out[AUTH_HEX_LEN + 1])
{
	char msg[64];
	int n = snprintf(msg, sizeof(msg), "%s\n%" PRId64, token, exp);

	auth_hmac_hex((const char *)srv->view_key, sizeof(srv->view_key),
		      msg, (size_t)n, out);
}

static const char *content_type(const char *name)
{
	static const char *types[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" },
		{ ".webp", "image/webp" },
		{ ".bmp", "image/bmp" },
		{ ".woff2", "font/woff2" },
		{ ".woff", "font/woff" },
		{ ".ttf", "font/ttf" },
		{ ".otf", "font/otf" },
		{ ".mp4", "video/mp4" },
		{ ".webm", "video/webm" },
		{ ".mp3", "audio/mpeg" },
		{ ".wav", "audio/wav" },
	};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (ppj_endswith(name, types[i][0]))
			return types[i][1];
	return "application/octet-stream";
}

/* A name inside the zip that cannot climb out or be absolute. */
static bool safe_name(const char *p)
{
	if (!*p || *p == '/' || strlen(p) > 512 || strchr(p, '\\'))
		return false;
	for (const char *s = p; *s; s = strchr(s, '/') ? strchr(s, '/') + 1 :
	     s + strlen(s))
		if (strncmp(s, "..", 2) == 0 && (s[2] == '/' || !s[2]))
			return false;
	return true;
}

/*
 * Reads entry name of the zip open at fd (which it closes); NULL when
 * absent or too big.
 */
static char *read_entry(int fd, const char *name, size_t *len)
{
	int zerr = 0;
	zip_t *z = zip_fdopen(fd, 0, &zerr);
	zip_stat_t st;
	zip_file_t *f = NULL;
	char *buf = NULL;
	zip_int64_t idx, got = -1;

	if (!z) {
		close(fd);	/* zip_fdopen keeps fd only on success */
		return NULL;
	}
	idx = zip_name_locate(z, name, 0);
	if (idx < 0 || zip_stat_index(z, (zip_uint64_t)idx, 0, &st) ||
	    !(st.valid & ZIP_STAT_SIZE) || st.size > VIEW_MAX_FILE)
		goto out;
	buf = malloc(st.size ? st.size : 1);
	f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (buf && f)
		got = zip_fread(f, buf, st.size);
	if (got != (zip_int64_t)st.size) {
		free(buf);
		buf = NULL;
	}
	*len = (size_t)st.size;
out:
	if (f)
		zip_fclose(f);
	zip_discard(z);
	return buf;
}

static enum MHD_Result send_entry(struct request *r, const char *name)
{
	struct MHD_Response *resp;
	char zname[STORE_TOKEN_LEN + 8];
	size_t len = 0;
	char *body;
	int fd;

	if (!safe_name(name))
		return http_error(r, 404, "no such file");
	snprintf(zname, sizeof(zname), "%.16s.zip", r->token);
	fd = srv_blob_fd(r->srv, zname);
	if (fd < 0)
		return http_error(r, 404, "no such file");
	body = read_entry(fd, name, &len);
	if (!body)
		return http_error(r, 404, "no such file");
	resp = MHD_create_response_from_buffer(len, body,
					       MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				content_type(name));
	MHD_add_response_header(resp, "Content-Security-Policy", view_csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				"private, max-age=300");
	return http_queue(r, 200, resp);
}

/* ~EXP.MAC/NAME: check the capability, then serve NAME. */
static enum MHD_Result serve_cap(struct request *r, const char *cap)
{
	char mac[AUTH_HEX_LEN + 1], given[AUTH_HEX_LEN + 1];
	const char *slash = strchr(cap, '/');
	struct store_job job;
	int64_t exp = 0;
	int n = 0;

	if (!slash || sscanf(cap, "~%18" SCNd64 ".%64[0-9a-f]%n", &exp,
			     given, &n) != 2 || cap + n != slash ||
	    exp < (int64_t)time(NULL))
		return http_error(r, 403, "view link expired or bad");
	mac_of(r->srv, r->token, exp, mac);
	if (!auth_equal(mac, given))
		return http_error(r, 403, "view link expired or bad");
	if (r->srv->store->ops->job_get(r->srv->store, r->token, &job) ||
	    (job.state != JOB_COMPLETED && job.state != JOB_NOTIFYING))
		return http_error(r, 404, "no job '%s' to view", r->token);
	return send_entry(r, slash + 1);
}

enum MHD_Result route_view(struct request *r)
{
	struct MHD_Response *resp;
	struct store_job job;
	char mac[AUTH_HEX_LEN + 1], loc[1200];
	int64_t exp = (int64_t)time(NULL) + VIEW_TTL;
	const char *rest = r->view_rest;

	if (rest[0] == '~')
		return serve_cap(r, rest);
	if (!routes_load_job(r, &job))
		return MHD_YES;
	if (job.state != JOB_COMPLETED && job.state != JOB_NOTIFYING)
		return http_error(r, 404, "job '%s' has nothing to view",
				  job.token);
	mac_of(r->srv, job.token, exp, mac);
	snprintf(loc, sizeof(loc), "%.*s/~%" PRId64 ".%s/%s",
		 (int)r->view_prefix, r->path, exp, mac,
		 *rest ? rest : "index.html");
	resp = MHD_create_response_from_buffer(0, NULL,
					       MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, loc);
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	return http_queue(r, 302, resp);
}
