/*
 * PPJ v1 request signing (SPEC §2), shared by the server, which checks
 * signatures, and `ppj client`, which makes them.
 *
 * text to sign = METHOD "\n" PATH "\n" name=value&... (sorted, decoded,
 * without "_*" names and file_source); sign_key = hex HMAC-SHA256 keyed
 * by the timestamp text over the AppSecret; signature = hex HMAC-SHA256
 * keyed by sign_key over the text.
 */
#ifndef PPJ_SRV_SIGN_H
#define PPJ_SRV_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

#define AUTH_HEX_LEN 64
#define AUTH_MAX_PARAMS 64

struct auth_param {
	const char *name;
	const char *value;
};

/* out receives 64 lowercase hex digits and a NUL. */
void auth_hmac_hex(const char *key, size_t klen, const char *msg,
		   size_t mlen, char out[AUTH_HEX_LEN + 1]);
void auth_sign_key(const char *secret, int64_t ts,
		   char out[AUTH_HEX_LEN + 1]);
void auth_signature(const char *secret, int64_t ts, const char *text,
		    char out[AUTH_HEX_LEN + 1]);

/* Whether a parameter takes part in the signature. */
bool auth_param_signed(const char *name);

/*
 * Appends the text to sign to b. Sorts params in place (by name, then
 * value, byte order) and skips those auth_param_signed() refuses.
 * Returns 0 or -1 when b is over its cap.
 */
int auth_text(struct ppj_buf *b, const char *method, const char *path,
	      struct auth_param *params, size_t n);

/* Constant-time comparison of two NUL-terminated strings. */
bool auth_equal(const char *a, const char *b);

/* Parses a Unix-seconds timestamp; -1 when it is not one. */
int auth_parse_ts(const char *s, int64_t *ts);

enum auth_verdict {
	AUTH_OK = 0,
	AUTH_STALE,	/* timestamp outside the window */
	AUTH_BAD,	/* wrong signature or malformed timestamp */
};

/* Checks sig for text, signed with secret at ts_text, against now. */
int auth_verify(const char *secret, const char *ts_text, int64_t now,
		int64_t window, const char *text, const char *sig);

#endif
