/*
 * Who is asking: the PPJ v1 signature of SPEC §2 from the X-PPJ-* headers
 * or the _credential/_timestamp/_signature query parameters, or, while
 * the store holds no key, an unsigned request from loopback (protected
 * mode).
 */
#include <string.h>
#include <time.h>

#include "server/http/http.h"
#include "server/log.h"

struct params {
	struct auth_param p[AUTH_MAX_PARAMS];
	size_t n;
	bool overflow;
};

/* Header first, then the query parameter of the same meaning. */
static const char *cred(struct request *r, const char *header,
			const char *query)
{
	const char *v = MHD_lookup_connection_value(r->conn,
						    MHD_HEADER_KIND, header);

	return v && *v ? v : http_query(r, query);
}

bool authn_identify(struct request *r)
{
	struct store *st = r->srv->store;
	const char *appid = cred(r, "X-PPJ-Credential", "_credential");
	const char *ts = cred(r, "X-PPJ-Timestamp", "_timestamp");
	struct store_key key;
	int64_t t, now = (int64_t)time(NULL);
	int active = 0;

	if (st->ops->key_count(st, &active)) {
		http_error(r, 500, "store unavailable");
		return false;
	}
	if (active == 0) {
		if (http_peer_is_loopback(r->conn))
			return true;
		http_error(r, 401, "no key configured: unsigned requests are "
			   "served to loopback only");
		return false;
	}
	if (!appid || !*appid) {
		http_error(r, 401, "missing credential");
		return false;
	}
	if (strlen(appid) > STORE_APPID_MAX ||
	    st->ops->key_get(st, appid, &key) || key.revoked) {
		http_error(r, 401, "unknown AppID");
		return false;
	}
	if (auth_parse_ts(ts, &t)) {
		http_error(r, 403, "missing or bad timestamp");
		return false;
	}
	if (t > now + r->srv->cfg.sign_window ||
	    t < now - r->srv->cfg.sign_window) {
		http_error(r, 403, "stale timestamp");
		return false;
	}
	memcpy(r->appid, key.appid, sizeof(r->appid));
	memcpy(r->secret, key.secret, sizeof(r->secret));
	r->keyed = true;
	return true;
}

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind,
				 const char *key, const char *value)
{
	struct params *ps = cls;

	if (ps->n == AUTH_MAX_PARAMS) {
		ps->overflow = true;
		return MHD_NO;
	}
	ps->p[ps->n++] = (struct auth_param){ key, value ? value : "" };
	return MHD_YES;
}

static bool gather(struct request *r, const struct upload *form,
		   struct params *ps)
{
	memset(ps, 0, sizeof(*ps));
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_query,
				  ps);
	for (size_t i = 0; form && i < form->nfields; i++) {
		if (ps->n == AUTH_MAX_PARAMS)
			ps->overflow = true;
		else
			ps->p[ps->n++] = (struct auth_param){
				form->names[i], form->values[i] };
	}
	return !ps->overflow;
}

/* Checks sig for one method; the params are sorted in place. */
static int check(struct request *r, const char *method, struct params *ps,
		 const char *sig)
{
	struct ppj_buf text;
	int v;

	ppj_buf_init(&text, 64 * 1024 + 4096);
	if (auth_text(&text, method, r->sent_path, ps->p, ps->n)) {
		ppj_buf_release(&text);
		return AUTH_BAD;
	}
	v = auth_verify(r->secret, cred(r, "X-PPJ-Timestamp", "_timestamp"),
			(int64_t)time(NULL), r->srv->cfg.sign_window,
			text.data, sig);
	ppj_buf_release(&text);
	return v;
}

/*
 * A POST or DELETE may be sent once: its signature is remembered for
 * twice the window (the timestamp may be off by the window either way).
 */
static bool not_replayed(struct request *r, const char *sig)
{
	struct store *st = r->srv->store;
	int64_t keep = 2 * r->srv->cfg.sign_window * 1000;
	int rc;

	if (strcmp(r->method, "POST") != 0 &&
	    strcmp(r->method, "DELETE") != 0)
		return true;
	rc = st->ops->sig_use(st, sig, store_now_ms() + keep);
	if (rc == STORE_EEXIST) {
		http_error(r, 403, "signature already used (replay)");
		return false;
	}
	if (rc) {
		http_error(r, 500, "store unavailable");
		return false;
	}
	return true;
}

bool authn_verify(struct request *r, const struct upload *form)
{
	const char *sig = cred(r, "X-PPJ-Signature", "_signature");
	struct params ps;
	int v;

	if (!r->keyed)
		return true;	/* protected mode, checked at identify */
	if (!sig || strlen(sig) != AUTH_HEX_LEN) {
		http_error(r, 403, "missing or malformed signature");
		return false;
	}
	if (!gather(r, form, &ps)) {
		http_error(r, 400, "too many parameters");
		return false;
	}
	/* _method clients may have signed either verb: accept both */
	v = check(r, r->sent_method, &ps, sig);
	if (v == AUTH_BAD && strcmp(r->sent_method, r->method) != 0)
		v = check(r, r->method, &ps, sig);
	if (v != AUTH_OK) {
		http_error(r, 403, v == AUTH_STALE ? "stale timestamp" :
			   "bad signature");
		return false;
	}
	return not_replayed(r, sig);
}
