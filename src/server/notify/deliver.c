/*
 * One callback request before it is sent: the URL (the client's own
 * query kept, ours appended, parsed by libcurl's URL API), its SPEC §2
 * signature over GET, the path and every query parameter decoded and
 * sorted; and the retry schedule. send.c sends it.
 */
#include <curl/curl.h>
#include <openssl/rand.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/notify/notify.h"

#define TEXT_MAX 16384

static void __attribute__((format(printf, 2, 3)))
set_cause(char **cause, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) < 0)
		*cause = NULL;
	va_end(ap);
}

int64_t notify_delay_ms(int n, int64_t base_s, double rnd)
{
	const double cap = 1e15;
	double s, ms;

	if (n < 1)
		n = 1;
	if (base_s < 0)
		base_s = 0;
	if (rnd < 0 || rnd >= 1)
		rnd = 0;
	s = (double)n * n * n * n + (double)base_s +
		rnd * (double)base_s * (n + 1);
	ms = s * 1000.0;
	return ms > cap ? (int64_t)cap : (int64_t)ms;
}

int notify_error_code(const char *err_code)
{
	static const char *const bad_source[] = { "source_invalid",
		"password_protected", "too_large" };

	for (size_t i = 0; i < 3; i++)
		if (strcmp(err_code, bad_source[i]) == 0)
			return 2;
	return 1;
}

double notify_random(void)
{
	uint32_t v = 0;

	if (RAND_bytes((unsigned char *)&v, sizeof(v)) != 1)
		return 0.5;
	return (double)v / 4294967296.0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes s[0..n) into out (room n + 1): %XX and '+' for a
 * space, as a form decoder does. -1 for a NUL byte, which no text to
 * sign can hold.
 */
static int decode(const char *s, size_t n, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%' && i + 2 < n &&
			   (hi = hexval(s[i + 1])) >= 0 &&
			   (lo = hexval(s[i + 2])) >= 0) {
			out[o] = (char)(hi * 16 + lo);
			if (!out[o++])
				return -1;
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return 0;
}

/*
 * Splits query (may be NULL) into decoded parameters kept in store (room
 * strlen(query) * 2 + 2 bytes). Returns the count or -1 when there are
 * too many or one does not decode.
 */
static int split_query(const char *query, char *store,
		       struct auth_param *ps)
{
	const char *p = query;
	int n = 0;

	while (p && *p) {
		const char *end = strchr(p, '&'), *eq;
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len) {
			if (n == AUTH_MAX_PARAMS)
				return -1;
			eq = memchr(p, '=', len);
			ps[n].name = store;
			if (decode(p, eq ? (size_t)(eq - p) : len, store))
				return -1;
			store += strlen(store) + 1;
			ps[n].value = store;
			if (decode(eq ? eq + 1 : p + len,
				   eq ? len - (size_t)(eq - p) - 1 : 0, store))
				return -1;
			store += strlen(store) + 1;
			n++;
		}
		p = end ? end + 1 : NULL;
	}
	return n;
}

/* The text to sign of a parsed URL h. 0 or -1. */
static int text_of(CURLU *h, struct ppj_buf *out)
{
	struct auth_param ps[AUTH_MAX_PARAMS];
	char *path = NULL, *query = NULL, *store = NULL;
	int n, rc = -1;

	if (curl_url_get(h, CURLUPART_PATH, &path, 0) != CURLUE_OK)
		goto out;
	if (curl_url_get(h, CURLUPART_QUERY, &query, 0) != CURLUE_OK)
		query = NULL;
	store = malloc((query ? strlen(query) * 2 : 0) + 2);
	if (!store)
		goto out;
	n = split_query(query, store, ps);
	if (n < 0)
		goto out;
	rc = auth_text(out, "GET", path, ps, (size_t)n);
out:
	free(store);
	curl_free(path);
	curl_free(query);
	return rc;
}

/* Parses url: http or https only, no fragment. NULL with *cause. */
static CURLU *parse(const char *url, char **cause)
{
	CURLU *h = curl_url();
	char *scheme = NULL;

	if (!h) {
		set_cause(cause, "%s", "out of memory");
		return NULL;
	}
	if (strlen(url) > NOTIFY_URL_MAX ||
	    curl_url_set(h, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		set_cause(cause, "'%s' is not a URL", url);
		curl_url_cleanup(h);
		return NULL;
	}
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		set_cause(cause, "'%s': only http and https URLs", url);
		curl_free(scheme);
		curl_url_cleanup(h);
		return NULL;
	}
	curl_free(scheme);
	curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0);
	return h;
}

int notify_sign_text(const char *url, struct ppj_buf *out)
{
	char *cause = NULL;
	CURLU *h = parse(url, &cause);
	int rc;

	free(cause);
	if (!h)
		return -1;
	rc = text_of(h, out);
	curl_url_cleanup(h);
	return rc;
}

/* Copies host, port and the final URL of h into req. 0 or -1. */
static int fill_parts(struct notify_req *req, CURLU *h)
{
	char *host = NULL, *port = NULL, *url = NULL;
	size_t len;
	int rc = -1;

	if (curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) !=
	    CURLUE_OK || curl_url_get(h, CURLUPART_URL, &url, 0) !=
	    CURLUE_OK)
		goto out;
	len = strlen(host);
	if (host[0] == '[' && len > 2 && host[len - 1] == ']') {
		memmove(host, host + 1, len - 2);
		host[len - 2] = '\0';
	}
	if (strlen(host) >= sizeof(req->host) ||
	    strlen(port) >= sizeof(req->port) ||
	    strlen(url) >= sizeof(req->url))
		goto out;
	strcpy(req->host, host);
	strcpy(req->port, port);
	strcpy(req->url, url);
	rc = 0;
out:
	curl_free(host);
	curl_free(port);
	curl_free(url);
	return rc;
}

int notify_prepare(struct notify_req *req, const char *url,
		   const struct auth_param *params, size_t n,
		   const char *secret, int64_t ts, char **cause)
{
	struct ppj_buf text;
	CURLU *h;
	int rc = -1;

	*cause = NULL;
	memset(req, 0, sizeof(*req));
	h = parse(url, cause);
	if (!h)
		return -1;
	ppj_buf_init(&text, TEXT_MAX);
	for (size_t i = 0; i < n; i++) {
		char q[160];

		snprintf(q, sizeof(q), "%s=%s", params[i].name,
			 params[i].value);
		if (curl_url_set(h, CURLUPART_QUERY, q, CURLU_APPENDQUERY) !=
		    CURLUE_OK)
			goto out;
	}
	if (text_of(h, &text) || ppj_buf_addc(&text, '\0') ||
	    fill_parts(req, h)) {
		set_cause(cause, "'%s': cannot sign this URL (too long, too "
			  "many parameters or a NUL byte)", url);
		goto out;
	}
	snprintf(req->ts, sizeof(req->ts), "%lld", (long long)ts);
	auth_signature(secret, ts, text.data, req->sig);
	rc = 0;
out:
	ppj_buf_release(&text);
	curl_url_cleanup(h);
	return rc;
}
