/*
 * The GET of a callback with libcurl: the host resolved once, every
 * address put to the guard, the connection pinned to the addresses that
 * were checked (CURLOPT_RESOLVE, so TLS still sees the host name, and an
 * open-socket callback that refuses any other address), no redirects,
 * no proxy, one timeout for it all.
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ppj/ppj.h"
#include "server/notify/notify.h"
#include "server/store/store.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

#define PIN_MAX 8	/* addresses of a host kept (checked, pinned) */

/* What the callbacks of one transfer share. */
struct xfer {
	struct sockaddr_storage pinned[PIN_MAX];
	int npinned;
	char addrs[PIN_MAX * (INET6_ADDRSTRLEN + 3)];	/* "a,[b],..." */
	struct notify_result *res;
	bool want_body;
};

static size_t on_body(char *p, size_t size, size_t nmemb, void *ctx)
{
	struct xfer *x = ctx;
	struct notify_result *res = x->res;
	size_t n = size * nmemb, room;
	char *b;

	if (!x->want_body)
		return n;
	room = NOTIFY_BODY_MAX - res->body_len;
	if (n > room)
		return 0;	/* too long an answer: abort */
	b = realloc(res->body, res->body_len + n + 1);
	if (!b)
		return 0;
	memcpy(b + res->body_len, p, n);
	res->body = b;
	res->body_len += n;
	b[res->body_len] = '\0';
	return n;
}

/* The address bytes of an IPv4 or IPv6 sockaddr, and their count. */
static const void *addr_bytes(const struct sockaddr *sa, size_t *n)
{
	if (sa->sa_family == AF_INET) {
		*n = 4;
		return &((const struct sockaddr_in *)(const void *)sa)
			->sin_addr;
	}
	*n = 16;
	return ((const struct sockaddr_in6 *)(const void *)sa)
		->sin6_addr.s6_addr;
}

static bool same_addr(const struct sockaddr *a, const struct sockaddr *b)
{
	size_t na, nb;
	const void *pa, *pb;

	if (a->sa_family != b->sa_family ||
	    (a->sa_family != AF_INET && a->sa_family != AF_INET6))
		return false;
	pa = addr_bytes(a, &na);
	pb = addr_bytes(b, &nb);
	return na == nb && memcmp(pa, pb, na) == 0;
}

/* libcurl opens its sockets here: only to the address we checked. */
static curl_socket_t open_socket(void *ctx, curlsocktype purpose,
				 struct curl_sockaddr *a)
{
	struct xfer *x = ctx;
	bool checked = false;

	for (int i = 0; i < x->npinned && !checked; i++)
		checked = same_addr(&a->addr,
				    (struct sockaddr *)&x->pinned[i]);
	if (purpose != CURLSOCKTYPE_IPCXN || !checked)
		return CURL_SOCKET_BAD;
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* Keeps sa (checked) in x: its bytes and its text. false: unusable. */
static bool pin(struct xfer *x, const struct sockaddr *sa, socklen_t salen)
{
	char text[INET6_ADDRSTRLEN];
	size_t len, used = strlen(x->addrs);
	bool v6 = sa->sa_family == AF_INET6;

	if ((sa->sa_family != AF_INET && !v6) ||
	    salen > sizeof(x->pinned[0]) ||
	    !inet_ntop(sa->sa_family, addr_bytes(sa, &len), text,
		       sizeof(text)))
		return false;
	memcpy(&x->pinned[x->npinned++], sa, salen);
	snprintf(x->addrs + used, sizeof(x->addrs) - used, v6 ? "%s[%s]" :
		 "%s%s", used ? "," : "", text);
	return true;
}

/*
 * Resolves req->host once and checks every address it gives; keeps up
 * to PIN_MAX of them in x, the only ones libcurl may then connect to.
 * -1 with res->error set.
 */
static int resolve(const struct notify_req *req, bool allow_private,
		   struct xfer *x)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *ai, *p;
	const char *why = NULL;
	int rc, count = 0;

	rc = getaddrinfo(req->host, req->port, &hints, &ai);
	if (rc) {
		snprintf(x->res->error, sizeof(x->res->error),
			 "cannot resolve '%.80s': %s", req->host,
			 gai_strerror(rc));
		return -1;
	}
	for (p = ai; p && count < 64 && !why; p = p->ai_next, count++) {
		if (!allow_private)
			why = notify_addr_refused(p->ai_addr);
		if (!why && x->npinned < PIN_MAX &&
		    !pin(x, p->ai_addr, p->ai_addrlen))
			why = "non-IP";
	}
	freeaddrinfo(ai);
	if (!why && x->npinned)
		return 0;
	snprintf(x->res->error, sizeof(x->res->error),
		 "refused: '%.80s' resolves to a %s address", req->host,
		 why ? why : "non-IP");
	return -1;
}

static bool is_literal(const char *host)
{
	unsigned char buf[16];

	return inet_pton(AF_INET, host, buf) == 1 ||
		inet_pton(AF_INET6, host, buf) == 1;
}

static void set_options(CURL *c, const struct notify_req *req,
			struct xfer *x, long timeout_s, char *errbuf)
{
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "ppj/" PPJ_VERSION);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, x);
}

/* Runs the transfer; fills res. */
static void perform(const struct notify_req *req, struct xfer *x,
		    long timeout_s)
{
	char errbuf[CURL_ERROR_SIZE] = "", entry[700], h1[64], h2[96];
	struct curl_slist *resolve = NULL, *hdrs = NULL;
	CURL *c = curl_easy_init();
	CURLcode rc;
	long status = 0;

	if (!c) {
		snprintf(x->res->error, sizeof(x->res->error), "no curl");
		return;
	}
	set_options(c, req, x, timeout_s, errbuf);
	snprintf(entry, sizeof(entry), "%s:%s:%s", req->host, req->port,
		 x->addrs);
	if (!is_literal(req->host)) {
		resolve = curl_slist_append(NULL, entry);
		curl_easy_setopt(c, CURLOPT_RESOLVE, resolve);
	}
	snprintf(h1, sizeof(h1), "X-PPJ-Timestamp: %s", req->ts);
	snprintf(h2, sizeof(h2), "X-PPJ-Signature: %s", req->sig);
	hdrs = curl_slist_append(hdrs, h1);
	hdrs = curl_slist_append(hdrs, h2);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);

	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	x->res->status = (int)status;
	if (rc != CURLE_OK)
		snprintf(x->res->error, sizeof(x->res->error), "%.*s",
			 (int)sizeof(x->res->error) - 1,
			 errbuf[0] ? errbuf : curl_easy_strerror(rc));
	curl_slist_free_all(resolve);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
}

int notify_send(const struct notify_req *req, bool allow_private,
		long timeout_s, bool want_body, struct notify_result *res)
{
	struct xfer *x = calloc(1, sizeof(*x));
	int64_t t0 = store_now_ms();

	pthread_once(&curl_once, curl_init);
	memset(res, 0, sizeof(*res));
	if (!x) {
		snprintf(res->error, sizeof(res->error), "out of memory");
		return -1;
	}
	x->res = res;
	x->want_body = want_body;
	if (resolve(req, allow_private, x) == 0)
		perform(req, x, timeout_s);
	free(x);
	res->duration_ms = store_now_ms() - t0;
	return res->status >= 200 && res->status < 300 && !res->error[0] ?
		0 : -1;
}
