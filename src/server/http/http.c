/*
 * The HTTP daemon: libmicrohttpd with its own thread pool. The access
 * handler finds the route, streams an upload or discards a small body,
 * and calls the route's handler once the request is whole. Every request
 * ends in request_done(), which logs one line and counts it.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "server/http/http.h"
#include "server/log.h"
#include "server/web/web.h"

#define MAX_SMALL_BODY (64 * 1024)
#define MULTIPART_SLACK (64 * 1024)
#define MAX_DISCARD (1024 * 1024)

/* Literal patterns first: "/jobs/list" must not be taken for a token. */
static const struct route routes[] = {
	{ "/jobs", "POST", "create", ROUTE_SIGNED, route_create },
	{ "/job/create", "POST", "create", ROUTE_SIGNED, route_create },
	{ "/jobs", "GET", "list", ROUTE_SIGNED, route_list },
	{ "/job/list", "GET", "list", ROUTE_SIGNED, route_list },
	{ "/jobs/list", "GET", "list", ROUTE_SIGNED, route_list },
	{ "/job/status", "GET", "status", ROUTE_SIGNED, route_status },
	{ "/job/download", "GET", "download", ROUTE_SIGNED,
	  route_download },
	{ "/healthz", "GET", "healthz", ROUTE_OPEN, route_healthz },
	{ "/metrics", "GET", "metrics", ROUTE_OPEN, route_metrics },
	{ "/job/:t", "GET", "status", ROUTE_SIGNED, route_status },
	{ "/jobs/:t", "GET", "status", ROUTE_SIGNED, route_status },
	{ "/job/:t", "DELETE", "delete", ROUTE_SIGNED, route_delete },
	{ "/jobs/:t", "DELETE", "delete", ROUTE_SIGNED, route_delete },
	{ "/job/:t/download", "GET", "download", ROUTE_SIGNED,
	  route_download },
	{ "/jobs/:t/download", "GET", "download", ROUTE_SIGNED,
	  route_download },
	{ "/jobs/:t/notifications", "GET", "notifications", ROUTE_SIGNED,
	  route_notifications },
	{ "/job/:t/notifications", "GET", "notifications", ROUTE_SIGNED,
	  route_notifications },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/* A job's files (routes/view.c): signed, or through a capability. */
static const struct route view_signed = {
	"/jobs/:t/view/*", "GET", "view", ROUTE_SIGNED, route_view
};
static const struct route view_cap = {
	"/jobs/:t/view/~*", "GET", "view", ROUTE_OPEN, route_view
};

/*
 * Whether r->path is /jobs/T/view[/REST] or /job/T/view[/REST]; sets
 * r->token, r->view_rest and r->view_prefix when it is.
 */
static bool view_path(struct request *r)
{
	const char *p = r->path, *seg;
	size_t len;

	if (strncmp(p, "/jobs/", 6) == 0)
		p += 6;
	else if (strncmp(p, "/job/", 5) == 0)
		p += 5;
	else
		return false;
	len = strcspn(p, "/");
	if (len == 0 || len >= sizeof(r->token) ||
	    strncmp(p + len, "/view", 5) != 0)
		return false;
	seg = p + len + 5;
	if (*seg && *seg != '/')
		return false;
	memcpy(r->token, p, len);
	r->token[len] = '\0';
	r->view_prefix = (size_t)(seg - r->path);
	r->view_rest = *seg ? seg + 1 : seg;
	return true;
}

/* The upload page's files (web/), open to anyone like /healthz. */
static const struct route web_route = {
	"/web/*", "GET", "web", ROUTE_OPEN, route_web
};

/*
 * Whether path fits pattern segment by segment; ":t" takes one non-empty
 * segment, copied to tok (room n).
 */
static bool match(const char *pattern, const char *path, char *tok,
		  size_t n)
{
	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return false;
		pattern++;
		path++;
		if (strncmp(pattern, ":t", 2) == 0) {
			size_t len = strcspn(path, "/");

			if (len == 0 || len >= n)
				return false;
			memcpy(tok, path, len);
			tok[len] = '\0';
			pattern += 2;
			path += len;
			continue;
		}
		while (*pattern && *pattern != '/' && *pattern == *path) {
			pattern++;
			path++;
		}
		if ((*pattern && *pattern != '/') || (*path && *path != '/'))
			return false;
	}
	return !*pattern && !*path;
}

/*
 * Finds the route of r->method and r->path. Literal routes are tried
 * before routes with a token. Returns the route, or NULL with *known set
 * when the path exists under another method (405).
 */
static const struct route *find_route(struct request *r, bool *known)
{
	char tok[72];

	*known = false;
	if (web_asset_find(r->path)) {
		*known = true;
		return strcmp(r->method, "GET") == 0 ? &web_route : NULL;
	}
	if (view_path(r)) {
		*known = true;
		if (strcmp(r->method, "GET") != 0)
			return NULL;
		return r->view_rest[0] == '~' ? &view_cap : &view_signed;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < NROUTES; i++) {
			bool has_tok = strchr(routes[i].pattern, ':');

			if (has_tok != (pass == 1) ||
			    !match(routes[i].pattern, r->path, tok,
				   sizeof(tok)))
				continue;
			*known = true;
			if (strcmp(routes[i].method, r->method) != 0)
				continue;
			if (has_tok)
				memcpy(r->token, tok, sizeof(tok));
			return &routes[i];
		}
		if (*known)
			return NULL;
	}
	return NULL;
}

/* Copies url to r->path without trailing slashes. */
static void set_path(struct request *r, const char *url)
{
	size_t n;

	snprintf(r->path, sizeof(r->path), "%s", url);
	snprintf(r->sent_path, sizeof(r->sent_path), "%s", url);
	n = strlen(r->path);
	while (n > 1 && r->path[n - 1] == '/')
		r->path[--n] = '\0';
}

static void set_method(struct request *r, const char *method)
{
	const char *o = MHD_lookup_connection_value(r->conn,
						    MHD_GET_ARGUMENT_KIND,
						    "_method");

	snprintf(r->method, sizeof(r->method), "%s",
		 o && *o ? o : method);
	/* HEAD is GET without a body, which MHD leaves out by itself */
	if (strcasecmp(r->method, "HEAD") == 0)
		snprintf(r->method, sizeof(r->method), "GET");
	for (char *p = r->method; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
}

const char *http_query(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
					   name);
}

enum MHD_Result http_queue(struct request *r, int status,
			   struct MHD_Response *resp)
{
	enum MHD_Result ret;

	if (!resp)
		return MHD_NO;
	r->status = status;
	ret = MHD_queue_response(r->conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

enum MHD_Result http_text(struct request *r, int status, const char *ctype,
			  char *body, size_t len)
{
	struct MHD_Response *resp;

	resp = MHD_create_response_from_buffer(len, body,
					       MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	if (status == 405)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW,
					"GET, POST, DELETE");
	if (status == 429)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER,
					"5");
	return http_queue(r, status, resp);
}

enum MHD_Result http_json(struct request *r, int status, json_t *body)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	size_t len = text ? strlen(text) : 0;
	enum MHD_Result ret;

	json_decref(body);
	if (!text)
		return MHD_NO;
	/* json_dumps allocates with malloc, which MHD frees with free */
	ret = http_text(r, status, "application/json; charset=utf-8", text,
			len);
	return ret;
}

static const char *error_type(int status)
{
	switch (status) {
	case 400: return "Error";
	case 401: return "UnauthorizedError";
	case 403: return "AuthenticationError";
	case 404: return "NotFoundError";
	case 405: return "MethodNotAllowedError";
	case 413: return "PayloadTooLarge";
	case 429: return "TooManyRequests";
	case 503: return "ServiceUnavailableError";
	default: return status >= 500 ? "InternalError" : "Error";
	}
}

enum MHD_Result http_error(struct request *r, int status,
			   const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return http_json(r, status, json_pack("{s:s, s:s}", "message", msg,
					      "type", error_type(status)));
}

enum MHD_Result http_validation(struct request *r, const char *field,
				const char *code)
{
	json_t *body = json_pack("{s:s, s:[{s:s, s:s, s:s}]}", "message",
				 "Validation Failed", "errors", "resource",
				 "Job", "field", field, "code", code);

	return http_json(r, 422, body);
}

enum MHD_Result http_zip(struct request *r, int fd, uint64_t size)
{
	struct MHD_Response *resp;
	char disp[128];

	resp = MHD_create_response_from_fd64(size, fd);
	if (!resp) {
		close(fd);
		return http_error(r, 500, "cannot send the zip");
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s.zip\"",
		 r->token);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				"application/zip");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
				disp);
	MHD_add_response_header(resp, "Content-Transfer-Encoding", "binary");
	return http_queue(r, 200, resp);
}

/*
 * GET / and GET /web/NAME: the compiled-in page, with its security
 * headers and a 304 when the client has it already.
 */
enum MHD_Result route_web(struct request *r)
{
	const struct web_asset *a = web_asset_find(r->path);
	const char *inm = MHD_lookup_connection_value(r->conn,
				MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	bool same = a && inm && strcmp(inm, a->etag) == 0;
	struct MHD_Response *resp;

	if (!a)
		return http_error(r, 404, "no page '%s'", r->path);
	resp = MHD_create_response_from_buffer(same ? 0 : a->len,
					       (void *)a->data,
					       MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				a->content_type);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, a->etag);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				"no-cache");
	MHD_add_response_header(resp, "Content-Security-Policy", WEB_CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	return http_queue(r, same ? 304 : 200, resp);
}

bool http_peer_is_loopback(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
				MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	if (!sa)
		return false;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		const uint8_t *b = in6->sin6_addr.s6_addr;

		if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
			return true;
		return IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && b[12] == 127;
	}
	return false;
}

/* Whether the queue is too long to take another job. */
static bool queue_full(struct server *srv)
{
	int counts[JOB_NSTATES], queued = 0;

	if (srv->store->ops->job_count(srv->store, counts, &queued))
		return false;
	return queued >= srv->cfg.max_queue;
}

/* The first call of a request: route it and check who is asking. */
static enum MHD_Result begin(struct request *r, const char *upload_len)
{
	bool known;

	r->route = find_route(r, &known);
	if (!r->route) {
		r->route_name = known ? "method" : "unknown";
		if (known)
			return http_error(r, 405, "method %s not allowed "
					  "on '%s'", r->method, r->path);
		return http_error(r, 404, "no route '%s'", r->path);
	}
	r->route_name = r->route->name;
	if (r->route->auth == ROUTE_SIGNED && !authn_identify(r))
		return MHD_YES;
	if (r->route->fn != route_create)
		return MHD_YES;

	if (queue_full(r->srv))
		return http_error(r, 429, "%lld jobs are waiting; try again "
				  "later", (long long)r->srv->cfg.max_queue);
	if (upload_len && strtoll(upload_len, NULL, 10) >
	    r->srv->cfg.max_upload + MULTIPART_SLACK)
		return http_error(r, 413, "upload over %lld bytes",
				  (long long)r->srv->cfg.max_upload);
	r->up = upload_begin(r->conn, r->srv->uploads,
			     r->srv->cfg.max_upload);
	if (!r->up)
		return http_validation(r, "file_source", "missing_field");
	return MHD_YES;
}

/*
 * Remembers an error found while the body streams in. MHD 0.9 cannot
 * answer in the middle of a body, so the rest is read and dropped, up to
 * MAX_DISCARD bytes, and the error is answered at the end; a client that
 * sends more than that is cut off.
 */
static void fail_late(struct request *r, int status, const char *msg)
{
	r->late = status;
	r->late_msg = msg;
	if (r->up && r->up->tmp[0]) {
		unlink(r->up->tmp);
		r->up->tmp[0] = '\0';
	}
}

/* Body bytes of a request: an upload, or a small body to discard. */
static enum MHD_Result body(struct request *r, const char *data,
			    size_t *size)
{
	size_t n = *size;

	*size = 0;
	if (r->status)
		return MHD_YES;		/* answered already: drop */
	if (r->late || !r->up) {
		r->discarded += n;
		if (!r->late && r->discarded > MAX_SMALL_BODY)
			fail_late(r, 413, "body too large");
		return r->discarded > MAX_DISCARD ? MHD_NO : MHD_YES;
	}
	if (upload_feed(r->up, data, n))
		return MHD_YES;
	if (r->up->too_large)
		fail_late(r, 413, "upload over the size limit");
	else if (r->up->too_many)
		fail_late(r, 400, "too many or too long form fields");
	else
		fail_late(r, 500, "cannot store the upload");
	return MHD_YES;
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *conn,
				 const char *url, const char *method,
				 const char *version, const char *data,
				 size_t *size, void **con_cls)
{
	struct request *r = *con_cls;

	if (!r) {
		r = calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		*con_cls = r;
		r->srv = cls;
		r->conn = conn;
		r->start_ms = store_now_ms();
		r->sent_method = method;
		r->route_name = "unknown";
		set_path(r, url);
		set_method(r, method);
		return begin(r, MHD_lookup_connection_value(conn,
				MHD_HEADER_KIND,
				MHD_HTTP_HEADER_CONTENT_LENGTH));
	}
	if (*size)
		return body(r, data, size);
	if (r->status)
		return MHD_YES;
	if (r->late)
		return http_error(r, r->late, "%s", r->late_msg);
	if (r->route->auth == ROUTE_SIGNED && r->route->fn != route_create &&
	    !authn_verify(r, NULL))
		return MHD_YES;
	return r->route->fn(r);
}

/* The peer's address as text, "?" when unknown. */
static void peer_text(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
				MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	const struct sockaddr_in *in = (const void *)sa;
	const struct sockaddr_in6 *in6 = (const void *)sa;
	const void *addr = NULL;

	if (sa && sa->sa_family == AF_INET)
		addr = &in->sin_addr;
	else if (sa && sa->sa_family == AF_INET6)
		addr = &in6->sin6_addr;
	if (!addr || !inet_ntop(sa->sa_family, addr, out, (socklen_t)n))
		snprintf(out, n, "?");
}

static void request_done(void *cls, struct MHD_Connection *conn,
			 void **con_cls, enum MHD_RequestTerminationCode why)
{
	struct server *srv = cls;
	struct request *r = *con_cls;
	char peer[INET6_ADDRSTRLEN];
	int64_t ms;

	if (!r)
		return;
	peer_text(conn, peer, sizeof(peer));
	ms = store_now_ms() - r->start_ms;
	if (!r->status && r->late)
		r->status = r->late;	/* cut off before it could be sent */
	srv_log(SRV_LOG_INFO, "http %s %s %d %s %lldms %s%s",
		r->sent_method, r->path, r->status, r->route_name,
		(long long)ms, peer,
		why == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" :
		" (connection closed)");
	metrics_request(&srv->metrics, r->route_name, r->status);
	upload_free(r->up);
	free(r);
	*con_cls = NULL;
}

/* MHD's own messages, in our log format. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
	srv_log(SRV_LOG_WARNING, "http: %s", msg);
}

/* Parses "ADDR:PORT" or "[V6]:PORT" into ss; 0 or -1. */
static int parse_listen(const char *s, struct sockaddr_storage *ss)
{
	char host[256];
	const char *colon = strrchr(s, ':');
	long port;
	char *end;

	if (!colon || (size_t)(colon - s) >= sizeof(host))
		return -1;
	port = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || port < 0 || port > 65535)
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';

	memset(ss, 0, sizeof(*ss));
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		struct sockaddr_in6 *in6 = (void *)ss;

		host[strlen(host) - 1] = '\0';
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		return inet_pton(AF_INET6, host + 1, &in6->sin6_addr) == 1 ?
			0 : -1;
	}
	struct sockaddr_in *in = (void *)ss;

	in->sin_family = AF_INET;
	in->sin_port = htons((uint16_t)port);
	if (!host[0] || strcmp(host, "*") == 0)
		return 0;
	return inet_pton(AF_INET, host, &in->sin_addr) == 1 ? 0 : -1;
}

int http_start(struct server *srv, char **cause)
{
	struct sockaddr_storage ss;
	const union MHD_DaemonInfo *info;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
		MHD_USE_ITC | MHD_USE_ERROR_LOG;

	if (parse_listen(srv->cfg.listen, &ss)) {
		if (asprintf(cause, "bad listen address '%s'",
			     srv->cfg.listen) < 0)
			*cause = NULL;
		return -1;
	}
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	srv->mhd = MHD_start_daemon(flags, 0, NULL, NULL, access_cb, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)4,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_NOTIFY_COMPLETED, request_done, srv,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv,
		MHD_OPTION_END);
	if (!srv->mhd) {
		if (asprintf(cause, "cannot listen on %s", srv->cfg.listen) < 0)
			*cause = NULL;
		return -1;
	}
	info = MHD_get_daemon_info(srv->mhd, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info ? info->port : 0;
	return 0;
}

void http_quiesce(struct server *srv)
{
	if (srv->mhd) {
		MHD_socket s = MHD_quiesce_daemon(srv->mhd);

		if (s != MHD_INVALID_SOCKET)
			close(s);
	}
}

void http_stop(struct server *srv)
{
	if (srv->mhd)
		MHD_stop_daemon(srv->mhd);
	srv->mhd = NULL;
}
