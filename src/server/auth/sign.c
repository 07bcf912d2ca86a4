/*
 * HMAC-SHA256 signing of PPJ v1 requests with OpenSSL's libcrypto, and the
 * canonical parameter string. Nothing here knows about HTTP.
 */
#include <errno.h>
#include <inttypes.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/auth/sign.h"

void auth_hmac_hex(const char *key, size_t klen, const char *msg,
		   size_t mlen, char out[AUTH_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;

	if (!HMAC(EVP_sha256(), key, (int)klen, (const unsigned char *)msg,
		  mlen, mac, &maclen) || maclen != 32) {
		memset(out, '0', AUTH_HEX_LEN);
		out[AUTH_HEX_LEN] = '\0';
		return;
	}
	for (unsigned int i = 0; i < 32; i++) {
		out[2 * i] = hex[mac[i] >> 4];
		out[2 * i + 1] = hex[mac[i] & 15];
	}
	out[AUTH_HEX_LEN] = '\0';
}

void auth_sign_key(const char *secret, int64_t ts,
		   char out[AUTH_HEX_LEN + 1])
{
	char tstext[32];
	int n = snprintf(tstext, sizeof(tstext), "%" PRId64, ts);

	auth_hmac_hex(tstext, (size_t)n, secret, strlen(secret), out);
}

void auth_signature(const char *secret, int64_t ts, const char *text,
		    char out[AUTH_HEX_LEN + 1])
{
	char key[AUTH_HEX_LEN + 1];

	auth_sign_key(secret, ts, key);
	auth_hmac_hex(key, AUTH_HEX_LEN, text, strlen(text), out);
	OPENSSL_cleanse(key, sizeof(key));
}

bool auth_param_signed(const char *name)
{
	return name[0] != '_' && strcmp(name, "file_source") != 0;
}

static int cmp_param(const void *a, const void *b)
{
	const struct auth_param *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->value, y->value);
}

int auth_text(struct ppj_buf *b, const char *method, const char *path,
	      struct auth_param *params, size_t n)
{
	bool first = true;

	if (n)
		qsort(params, n, sizeof(*params), cmp_param);
	ppj_buf_printf(b, "%s\n%s\n", method, path);
	for (size_t i = 0; i < n; i++) {
		if (!auth_param_signed(params[i].name))
			continue;
		if (!first)
			ppj_buf_addc(b, '&');
		first = false;
		ppj_buf_printf(b, "%s=%s", params[i].name,
			       params[i].value ? params[i].value : "");
	}
	return b->failed ? -1 : 0;
}

/*
 * Compares in time that depends only on the lengths, never on where the
 * first difference is (CRYPTO_memcmp), so a caller cannot find a valid
 * signature byte by byte.
 */
bool auth_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return false;
	return CRYPTO_memcmp(a, b, la) == 0;
}

int auth_parse_ts(const char *s, int64_t *ts)
{
	char *end;
	long long v;

	if (!s || !*s || strlen(s) > 18)
		return -1;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*ts = v;
	return 0;
}

int auth_verify(const char *secret, const char *ts_text, int64_t now,
		int64_t window, const char *text, const char *sig)
{
	char want[AUTH_HEX_LEN + 1];
	int64_t ts;
	bool ok;

	if (auth_parse_ts(ts_text, &ts))
		return AUTH_BAD;
	if (ts > now + window || ts < now - window)
		return AUTH_STALE;
	auth_signature(secret, ts, text, want);
	ok = sig && auth_equal(want, sig);
	OPENSSL_cleanse(want, sizeof(want));
	return ok ? AUTH_OK : AUTH_BAD;
}
