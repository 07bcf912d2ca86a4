/*
 * fuzz-sign: the service's request signing (src/server/auth/sign.h) on
 * hostile text. The input is four lines and a rest:
 *
 *   METHOD \n PATH \n name=value&name=value... \n TIMESTAMP \n SECRET
 *
 * The query is split on '&' and '=' (as decoded values, the way the
 * server hands them to auth_text()); the text to sign is built, signed
 * and verified. Properties checked besides "no crash": a signature made
 * at a parsed timestamp verifies at that time, and never verifies for a
 * different secret.
 */
#include <stdlib.h>
#include <string.h>

#include "server/auth/sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Splits s at the first c: returns the rest (NULL when there is none). */
static char *cut(char *s, char c)
{
	char *p = s ? strchr(s, c) : NULL;

	if (!p)
		return NULL;
	*p = '\0';
	return p + 1;
}

static size_t split_query(char *q, struct auth_param *params)
{
	size_t n = 0;

	while (q && n < AUTH_MAX_PARAMS) {
		char *next = cut(q, '&');
		char *value = cut(q, '=');

		params[n].name = q;
		params[n].value = value ? value : "";
		n++;
		q = next;
	}
	return n;
}

static void check(const char *method, const char *path, char *query,
		  const char *ts_text, const char *secret)
{
	struct auth_param params[AUTH_MAX_PARAMS];
	struct ppj_buf text;
	char sig[AUTH_HEX_LEN + 1];
	size_t n = split_query(query, params);
	int64_t ts;

	for (size_t i = 0; i < n; i++)
		(void)auth_param_signed(params[i].name);
	ppj_buf_init(&text, 1 << 16);
	if (auth_text(&text, method, path, params, n) == 0 &&
	    auth_parse_ts(ts_text, &ts) == 0) {
		const char *t = text.data ? text.data : "";

		auth_signature(secret, ts, t, sig);
		if (auth_verify(secret, ts_text, ts, 300, t, sig) != AUTH_OK)
			abort();
		if (auth_verify("another secret", ts_text, ts, 300, t,
				sig) == AUTH_OK && strcmp(secret,
							 "another secret"))
			abort();
		(void)auth_verify(secret, ts_text, ts + 301, 300, t, sig);
	}
	(void)auth_equal(secret, ts_text);
	ppj_buf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *path, *query, *ts, *secret;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	path = cut(s, '\n');
	query = cut(path, '\n');
	ts = cut(query, '\n');
	secret = cut(ts, '\n');
	if (secret)
		check(s, path, query, ts, secret);
	free(s);
	return 0;
}
