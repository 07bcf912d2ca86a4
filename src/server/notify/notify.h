/*
 * Callbacks (SPEC §3): the notify URL of a key is called when a job of
 * that key ends. This header is the whole module:
 * - the SSRF guard (guard.c): which addresses a callback may reach;
 * - one signed GET (deliver.c): URL building, the SPEC §2 signature over
 *   the URL's path and all its query parameters, libcurl pinned to the
 *   address the guard checked;
 * - the verification handshake (verify.c), run when a URL is set;
 * - the retry schedule and the dispatcher threads (dispatch.c), which
 *   take due deliveries from the store, so they survive a restart.
 */
#ifndef PPJ_SRV_NOTIFY_H
#define PPJ_SRV_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "server/auth/sign.h"
#include "server/store/store.h"

struct server;

#define NOTIFY_URL_MAX 2048
#define NOTIFY_BODY_MAX 65536	/* bytes of an answer kept (verify) */

/*
 * Why sa may not be called: "loopback", "private", ... or NULL when it is
 * a public unicast address. IPv4-mapped IPv6 is refused whatever it maps
 * to (a client must not dress up an IPv4 address).
 */
const char *notify_addr_refused(const struct sockaddr *sa);

/*
 * The wait before retry n (n >= 1, after attempt n failed), in
 * milliseconds: n^4 + base seconds plus rnd * base * (n + 1) seconds,
 * rnd in [0, 1). Saturates instead of overflowing.
 */
int64_t notify_delay_ms(int n, int64_t base_s, double rnd);

/* A random number in [0, 1) from RAND_bytes. */
double notify_random(void);

/* One callback request, ready to send. */
struct notify_req {
	char url[NOTIFY_URL_MAX + 512];	/* with our parameters appended */
	char host[256];			/* without IPv6 brackets */
	char port[8];
	char ts[24];
	char sig[AUTH_HEX_LEN + 1];
};

/*
 * Builds the request for url with the parameters params (appended to the
 * URL's own query, values of [A-Za-z0-9] only) signed at ts with secret:
 * SPEC §2 over GET, the URL's path and every query parameter, decoded
 * and sorted. 0, or -1 with *cause allocated (bad URL, not http(s)).
 */
int notify_prepare(struct notify_req *req, const char *url,
		   const struct auth_param *params, size_t n,
		   const char *secret, int64_t ts, char **cause);

/* The text notify_prepare signs, for tests: 0 or -1. */
int notify_sign_text(const char *url, struct ppj_buf *out);

struct notify_result {
	int status;		/* HTTP status, 0 when none came */
	char error[160];	/* "" or why there was no answer */
	int64_t duration_ms;
	char *body;		/* with want_body: the answer, NUL ended */
	size_t body_len;
};

/*
 * Sends req: resolves the host once, refuses (res->error) an address the
 * guard refuses unless allow_private, then GETs with libcurl connected
 * to that very address, no redirects, no proxy, timeout_s in all. Always
 * fills res; returns 0 when a 2xx came, -1 otherwise. The caller frees
 * res->body.
 */
int notify_send(const struct notify_req *req, bool allow_private,
		long timeout_s, bool want_body, struct notify_result *res);

/*
 * The handshake of SPEC §3: GET url?type=verify&nonce=N signed with
 * secret; the answer must be 200 with JSON {"nonce": "N"} within
 * timeout_s. 0, or -1 with *cause allocated (the reason).
 */
int notify_verify(const char *url, const char *secret, bool allow_private,
		  long timeout_s, char **cause);

/* Starts and stops the dispatcher threads of srv (cfg notify-*). */
int notify_start(struct server *srv, char **cause);
void notify_stop(struct server *srv);

/*
 * Called by a worker when job ended (state disting, or halted). When the
 * job's key has a notify URL: a disting job moves to notifying, the
 * delivery is queued in the store and true is returned; otherwise false
 * (the worker completes the job itself).
 */
bool notify_job_ended(struct server *srv, struct store_job *job);

/* The SPEC §3 code of a halted job's error: 2 bad source, 1 internal. */
int notify_error_code(const char *err_code);

#endif
