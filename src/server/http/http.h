/*
 * The HTTP side of the service on libmicrohttpd: one struct request per
 * request, the route table, authentication (SPEC §2) and the JSON
 * answers. The route handlers live in routes/, one file per family.
 */
#ifndef PPJ_SRV_HTTP_H
#define PPJ_SRV_HTTP_H

#include <microhttpd.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "server/server.h"
#include "server/http/upload.h"

struct request;

typedef enum MHD_Result (*route_fn)(struct request *r);

enum route_auth {
	ROUTE_OPEN = 0,		/* no key needed (health, metrics) */
	ROUTE_SIGNED,		/* a key, or loopback in protected mode */
};

struct route {
	const char *pattern;	/* segments; ":t" stands for a token */
	const char *method;
	const char *name;	/* for the log and the metrics */
	enum route_auth auth;
	route_fn fn;
};

struct request {
	struct server *srv;
	struct MHD_Connection *conn;
	char method[16];		/* after a _method override */
	const char *sent_method;	/* as sent on the wire */
	char path[512];			/* without trailing slashes */
	char sent_path[512];		/* as requested: what was signed */
	const struct route *route;
	const char *route_name;
	char token[72];			/* from the path or ?token= */
	const char *view_rest;		/* view: the path after "view/" */
	size_t view_prefix;		/* view: length of ".../T/view" */
	char appid[STORE_APPID_MAX + 1];	/* "" in protected mode */
	char secret[STORE_SECRET_MAX + 1];
	bool keyed;			/* a key signed this request */
	struct upload *up;
	uint64_t discarded;		/* body bytes read and dropped */
	int late;			/* an error to answer once read */
	const char *late_msg;
	int64_t start_ms;
	int status;			/* 0 until answered */
};

/* Starts the daemon on cfg.listen; 0, or -1 with *cause allocated. */
int http_start(struct server *srv, char **cause);
/* Stops accepting new connections (the running ones go on). */
void http_quiesce(struct server *srv);
void http_stop(struct server *srv);

/* Answers; each returns what the access handler should return. */
enum MHD_Result http_json(struct request *r, int status, json_t *body);
enum MHD_Result http_error(struct request *r, int status,
			   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum MHD_Result http_validation(struct request *r, const char *field,
				const char *code);
enum MHD_Result http_text(struct request *r, int status, const char *ctype,
			  char *body, size_t len);
/* Sends a file of size bytes from fd (consumed) as the zip of token. */
enum MHD_Result http_zip(struct request *r, int fd, uint64_t size);

/* Queues resp (consumed) with status. */
enum MHD_Result http_queue(struct request *r, int status,
			   struct MHD_Response *resp);

/*
 * The job named by the path or ?token= for the caller; answers (400, 404
 * or 500) and returns false when there is none.
 */
bool routes_load_job(struct request *r, struct store_job *job);

/* The value of a query parameter, or NULL. */
const char *http_query(struct request *r, const char *name);

/*
 * Authentication (http/authn.c). authn_identify() finds the key from the
 * credential and checks the timestamp; authn_verify() checks the
 * signature over the method, path, query and the given form fields, and
 * that a POST or DELETE is not a replay. Each answers the request itself
 * and returns false when it is refused.
 */
bool authn_identify(struct request *r);
bool authn_verify(struct request *r, const struct upload *form);

/* Whether the peer of conn is a loopback address. */
bool http_peer_is_loopback(struct MHD_Connection *conn);

/* Route handlers (routes/). */
enum MHD_Result route_create(struct request *r);
enum MHD_Result route_status(struct request *r);
enum MHD_Result route_download(struct request *r);
enum MHD_Result route_list(struct request *r);
enum MHD_Result route_delete(struct request *r);
enum MHD_Result route_healthz(struct request *r);
enum MHD_Result route_metrics(struct request *r);
enum MHD_Result route_web(struct request *r);
enum MHD_Result route_view(struct request *r);
enum MHD_Result route_notifications(struct request *r);

#endif
