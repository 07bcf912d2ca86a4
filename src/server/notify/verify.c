/*
 * The verification handshake of SPEC §3, run when a key's notify URL is
 * set: GET URL?type=verify&nonce=N, signed like a callback; the client's
 * server proves it wants the callbacks by answering 200 with
 * {"nonce": "N"}.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/notify/notify.h"
#include "server/server.h"

#define NONCE_LEN 16

/* Whether the answer body holds {"nonce": nonce}. */
static bool nonce_echoed(const struct notify_result *res, const char *nonce)
{
	json_t *j, *v;
	bool ok;

	if (!res->body)
		return false;
	j = json_loadb(res->body, res->body_len, JSON_REJECT_DUPLICATES,
		       NULL);
	v = json_is_object(j) ? json_object_get(j, "nonce") : NULL;
	ok = json_is_string(v) && strcmp(json_string_value(v), nonce) == 0;
	json_decref(j);
	return ok;
}

static int refuse(char **cause, const char *url, const char *why)
{
	if (asprintf(cause, "'%s' failed the verification: %s", url,
		     why) < 0)
		*cause = NULL;
	return -1;
}

int notify_verify(const char *url, const char *secret, bool allow_private,
		  long timeout_s, char **cause)
{
	char nonce[NONCE_LEN + 1], why[256];
	struct auth_param ps[] = { { "type", "verify" }, { "nonce", nonce } };
	struct notify_result res;
	struct notify_req *req = calloc(1, sizeof(*req));
	int rc = -1;

	*cause = NULL;
	if (!req || srv_random_token(nonce, NONCE_LEN)) {
		free(req);
		return refuse(cause, url, "no memory or no random source");
	}
	if (notify_prepare(req, url, ps, 2, secret, (int64_t)time(NULL),
			   cause)) {
		free(req);
		return -1;
	}
	notify_send(req, allow_private, timeout_s, true, &res);
	if (res.error[0])
		snprintf(why, sizeof(why), "%s", res.error);
	else if (res.status != 200)
		snprintf(why, sizeof(why), "HTTP status %d, not 200",
			 res.status);
	else if (!nonce_echoed(&res, nonce))
		snprintf(why, sizeof(why), "the answer is not "
			 "{\"nonce\": \"%s\"}", nonce);
	else
		rc = 0;
	if (rc)
		refuse(cause, url, why);
	free(res.body);
	free(req);
	return rc;
}
