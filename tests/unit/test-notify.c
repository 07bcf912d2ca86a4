/*
 * Callbacks (src/server/notify): the address classifier of the SSRF
 * guard over every refused range, v4 and v6; the retry schedule's
 * bounds; the callback URL (the client's own query kept) and its
 * signature, checked against SPEC §2's third vector and against an HMAC
 * computed here with libcrypto directly.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>

#include "server/notify/notify.h"
#include "unit.h"

/* The guard's verdict on a textual address: NULL (public) or why. */
static const char *why(const char *text)
{
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

	if (inet_pton(AF_INET, text, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
	} else if (inet_pton(AF_INET6, text, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
	} else {
		fprintf(stderr, "bad test address %s\n", text);
		return "?";
	}
	return notify_addr_refused((struct sockaddr *)&ss);
}

TEST(guard_v4)
{
	static const char *const refused[][2] = {
		{ "0.0.0.0", "unspecified" }, { "0.1.2.3", "unspecified" },
		{ "10.0.0.1", "private" }, { "10.255.255.255", "private" },
		{ "100.64.0.1", "shared (CGNAT)" },
		{ "100.127.255.255", "shared (CGNAT)" },
		{ "127.0.0.1", "loopback" }, { "127.8.9.10", "loopback" },
		{ "169.254.169.254", "link-local" },
		{ "172.16.0.1", "private" }, { "172.31.255.254", "private" },
		{ "192.0.0.8", "reserved" }, { "192.0.2.1", "documentation" },
		{ "192.168.1.1", "private" }, { "198.18.0.1", "benchmarking" },
		{ "198.19.255.1", "benchmarking" },
		{ "198.51.100.7", "documentation" },
		{ "203.0.113.9", "documentation" },
		{ "224.0.0.1", "multicast" },
		{ "239.255.255.250", "multicast" },
		{ "240.0.0.1", "reserved" }, { "255.255.255.255", "reserved" },
	};
	static const char *const public[] = {
		"1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.1",
		"100.63.255.255", "100.128.0.1", "126.255.255.255",
		"128.0.0.1", "169.253.1.1", "172.15.255.255", "172.32.0.1",
		"192.0.3.1", "192.167.1.1", "192.169.0.1", "198.17.1.1",
		"198.20.0.1", "223.255.255.254",
	};

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		CHECK_STR(why(refused[i][0]), refused[i][1]);
	for (size_t i = 0; i < sizeof(public) / sizeof(public[0]); i++)
		if (why(public[i])) {
			fprintf(stderr, "%s refused\n", public[i]);
			unit_failures++;
		}
}

TEST(guard_v6)
{
	static const char *const refused[][2] = {
		{ "::", "unspecified" }, { "::1", "loopback" },
		{ "::ffff:127.0.0.1", "IPv4-mapped" },
		{ "::ffff:8.8.8.8", "IPv4-mapped" },
		{ "::8.8.8.8", "IPv4-compatible" },
		{ "64:ff9b::1.2.3.4", "NAT64" },
		{ "64:ff9b:1::10.0.0.1", "NAT64" },
		{ "100::1", "discard" }, { "2001::1", "Teredo" },
		{ "2001:db8::1", "documentation" }, { "2002:a00:1::1", "6to4" },
		{ "fc00::1", "unique-local" },
		{ "fdff:ffff::1", "unique-local" },
		{ "fe80::1", "link-local" }, { "febf::1", "link-local" },
		{ "fec0::1", "site-local" },
		{ "ff02::1", "multicast" }, { "ff0e::1", "multicast" },
	};
	static const char *const public[] = {
		"2606:4700:4700::1111", "2a00:1450:4001::200e",
		"2001:4860:4860::8888", "fbff::1", "64:ff9a::1",
		"2003::1",
	};

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		CHECK_STR(why(refused[i][0]), refused[i][1]);
	for (size_t i = 0; i < sizeof(public) / sizeof(public[0]); i++)
		if (why(public[i])) {
			fprintf(stderr, "%s refused: %s\n", public[i],
				why(public[i]));
			unit_failures++;
		}
}

TEST(guard_other_family)
{
	struct sockaddr sa = { .sa_family = AF_UNIX };

	CHECK(notify_addr_refused(&sa) != NULL);
}

TEST(schedule_bounds)
{
	/* retry n: n^4 + B seconds, plus up to B * (n + 1) */
	CHECK_INT(notify_delay_ms(1, 15, 0.0), 16000);
	CHECK_INT(notify_delay_ms(2, 15, 0.0), 31000);
	CHECK_INT(notify_delay_ms(3, 1, 0.0), 82000);
	CHECK_INT(notify_delay_ms(1, 15, 0.5), 16000 + 15000);
	CHECK(notify_delay_ms(1, 15, 0.999999) < 16000 + 30000);
	CHECK(notify_delay_ms(24, 15, 0.999999) < (331776 + 15 + 375) *
	      1000LL);
	CHECK_INT(notify_delay_ms(24, 15, 0.0), (331776 + 15) * 1000LL);
	/* out of range arguments are clamped, never overflow */
	CHECK_INT(notify_delay_ms(0, 1, 0.0), 2000);
	CHECK_INT(notify_delay_ms(2, 1, 7.0), 17000);
	CHECK(notify_delay_ms(1 << 30, 1 << 30, 0.9) > 0);
	for (int i = 0; i < 1000; i++) {
		double r = notify_random();

		CHECK(r >= 0.0 && r < 1.0);
	}
}

/* SPEC §2's third vector is a callback: the URL had agent=06875f8b. */
TEST(third_vector)
{
	struct auth_param ps[] = { { "type", "completed" },
				   { "token", "8v9iSKnj" }, { "code", "0" } };
	struct notify_req req;
	char *cause = NULL;

	REQUIRE(notify_prepare(&req, "https://client.example/notify?"
			       "agent=06875f8b", ps, 3,
			       "kKdBnfSJNnBjex9gczp6P9g2", 1490255398,
			       &cause) == 0);
	CHECK_STR(req.sig, "9b566f493c25afa7b57b6e2289f2382c"
		  "32ab2393bdf0b0367ba77bb53dce36db");
	CHECK_STR(req.url, "https://client.example/notify?agent=06875f8b&"
		  "type=completed&token=8v9iSKnj&code=0");
	CHECK_STR(req.host, "client.example");
	CHECK_STR(req.port, "443");
	CHECK_STR(req.ts, "1490255398");
}

static void hex(const unsigned char *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

/* The signature by libcrypto directly, from a text written by hand. */
static void reference(const char *secret, const char *ts, const char *text,
		      char out[65])
{
	unsigned char mac[32];
	unsigned int len = 32;
	char key[65];

	HMAC(EVP_sha256(), ts, (int)strlen(ts), (const unsigned char *)secret,
	     strlen(secret), mac, &len);
	hex(mac, 32, key);
	HMAC(EVP_sha256(), key, 64, (const unsigned char *)text,
	     strlen(text), mac, &len);
	hex(mac, 32, out);
}

TEST(query_kept_and_decoded)
{
	struct auth_param ps[] = { { "type", "complete" },
				   { "token", "AbCdEfGh12345678" },
				   { "code", "0" } };
	struct notify_req req;
	char *cause = NULL, want[65];

	REQUIRE(notify_prepare(&req, "http://[2001:db8::5]:8443/cb/x%20y?"
			       "z=last&a=b%26c&sp=one+two&flag&=&a=a#frag",
			       ps, 3, "s3cret", 1700000000, &cause) == 0);
	CHECK_STR(req.url, "http://[2001:db8::5]:8443/cb/x%20y?z=last&"
		  "a=b%26c&sp=one+two&flag&=&a=a&type=complete&"
		  "token=AbCdEfGh12345678&code=0");
	CHECK_STR(req.host, "2001:db8::5");
	CHECK_STR(req.port, "8443");
	/* sorted by name then value, decoded, the path as sent */
	reference("s3cret", "1700000000", "GET\n/cb/x%20y\n=&a=a&a=b&c&"
		  "code=0&flag=&sp=one two&token=AbCdEfGh12345678&"
		  "type=complete&z=last", want);
	CHECK_STR(req.sig, want);
}

TEST(bad_urls)
{
	struct auth_param ps[] = { { "type", "verify" } };
	const char *bad[] = { "ftp://h/x", "file:///etc/passwd", "nota url",
			      "gopher://h/", "http://h/x?a=%00", "" };
	struct notify_req req;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *cause = NULL;

		CHECK(notify_prepare(&req, bad[i], ps, 1, "s", 1, &cause) ==
		      -1);
		CHECK(cause != NULL);
		free(cause);
	}
}

TEST(too_many_params)
{
	struct auth_param ps[] = { { "type", "verify" } };
	struct notify_req req;
	char url[1024] = "http://h/x?";
	char *cause = NULL;

	for (int i = 0; i < 70; i++)
		snprintf(url + strlen(url), sizeof(url) - strlen(url),
			 "p%d=1&", i);
	CHECK(notify_prepare(&req, url, ps, 1, "s", 1, &cause) == -1);
	free(cause);
}

TEST(error_codes)
{
	CHECK_INT(notify_error_code("source_invalid"), 2);
	CHECK_INT(notify_error_code("password_protected"), 2);
	CHECK_INT(notify_error_code("too_large"), 2);
	CHECK_INT(notify_error_code("internal"), 1);
	CHECK_INT(notify_error_code("timeout"), 1);
	CHECK_INT(notify_error_code(""), 1);
}

/*
 * The store side: the same checks on the SQLite store and, when
 * PPJ_TEST_PG_URL names a server (tests/pg/with-pg.sh), on PostgreSQL.
 */
#include <libpq-fe.h>
#include <pthread.h>

#include "server/store/store-pg.h"

static struct store *sqlite_store(void)
{
	char path[1024], *cause = NULL;
	struct store *s = NULL;

	snprintf(path, sizeof(path), "%s/n.db", unit_tmpdir());
	if (store_sqlite_open(&s, path, &cause))
		fprintf(stderr, "open: %s\n", cause ? cause : "?");
	free(cause);
	return s;
}

/* A PostgreSQL store in a fresh schema, or NULL without a server. */
static struct store *pg_store(const char *tag)
{
	const char *base = getenv("PPJ_TEST_PG_URL");
	char sql[256], url[1024], *cause = NULL;
	struct store *s = NULL;
	PGconn *c;

	if (!base || !*base)
		return NULL;
	c = PQconnectdb(base);
	snprintf(sql, sizeof(sql), "SET client_min_messages = warning;"
		 "DROP SCHEMA IF EXISTS n_%s CASCADE; CREATE SCHEMA n_%s",
		 tag, tag);
	PQclear(PQexec(c, sql));
	PQfinish(c);
	snprintf(url, sizeof(url), "%s%coptions=-csearch_path%%3Dn_%s", base,
		 strchr(base, '?') ? '&' : '?', tag);
	if (store_pg_open(&s, url, &cause))
		fprintf(stderr, "open: %s\n", cause ? cause : "?");
	free(cause);
	return s;
}

static void add_key(struct store *s, const char *appid)
{
	struct store_key k = { .created_ms = 1 };

	snprintf(k.appid, sizeof(k.appid), "%s", appid);
	snprintf(k.secret, sizeof(k.secret), "secret-%s", appid);
	CHECK_INT(s->ops->key_add(s, &k), STORE_OK);
}

static void queue(struct store *s, const char *token, int64_t due)
{
	struct store_notify n = { .code = 2, .due_ms = due };

	snprintf(n.token, sizeof(n.token), "%s", token);
	snprintf(n.appid, sizeof(n.appid), "app");
	snprintf(n.url, sizeof(n.url), "http://h/x?a=%s", token);
	CHECK_INT(s->ops->notify_add(s, &n), STORE_OK);
}

static void key_urls(struct store *s)
{
	char url[STORE_URL_MAX + 1];

	add_key(s, "app");
	CHECK_INT(s->ops->key_notify_get(s, "app", url, sizeof(url)),
		  STORE_ENOTFOUND);
	CHECK_INT(s->ops->key_notify_set(s, "nokey", "http://h/"),
		  STORE_ENOTFOUND);
	CHECK_INT(s->ops->key_notify_set(s, "app", "http://h/1"), STORE_OK);
	CHECK_INT(s->ops->key_notify_set(s, "app", "http://h/2"), STORE_OK);
	CHECK_INT(s->ops->key_notify_get(s, "app", url, sizeof(url)),
		  STORE_OK);
	CHECK_STR(url, "http://h/2");
	CHECK_INT(s->ops->key_notify_set(s, "app", ""), STORE_OK);
	CHECK_INT(s->ops->key_notify_get(s, "app", url, sizeof(url)),
		  STORE_ENOTFOUND);
}

static void deliveries(struct store *s)
{
	struct store_attempt a = { .n = 1, .at_ms = 1000, .status = 500,
				   .duration_ms = 7 }, as[4];
	struct store_notify n;
	int64_t due = 0;
	size_t count = 0;

	CHECK_INT(s->ops->notify_next(s, &due), STORE_ENOTFOUND);
	queue(s, "AAAAAAAAAAAAAAAA", 1000);
	queue(s, "BBBBBBBBBBBBBBBB", 5000);
	CHECK_INT(s->ops->notify_add(s, &(struct store_notify){
		.token = "AAAAAAAAAAAAAAAA", .appid = "app", .url = "u" }),
		  STORE_EEXIST);
	CHECK_INT(s->ops->notify_next(s, &due), STORE_OK);
	CHECK_INT(due, 1000);

	/* only what is due; the claim pushes the due time (a lease) */
	CHECK_INT(s->ops->notify_claim(s, 999, 60000, &n), STORE_ENOTFOUND);
	CHECK_INT(s->ops->notify_claim(s, 1000, 60000, &n), STORE_OK);
	CHECK_STR(n.token, "AAAAAAAAAAAAAAAA");
	CHECK_STR(n.url, "http://h/x?a=AAAAAAAAAAAAAAAA");
	CHECK_INT(n.code, 2);
	CHECK_INT(n.attempts, 0);
	CHECK_INT(s->ops->notify_claim(s, 1000, 60000, &n), STORE_ENOTFOUND);

	/* a failed attempt, the next one due at 3000 */
	CHECK_INT(s->ops->notify_record(s, "AAAAAAAAAAAAAAAA", &a, 3000,
					false), STORE_OK);
	CHECK_INT(s->ops->notify_claim(s, 3000, 60000, &n), STORE_OK);
	CHECK_STR(n.token, "AAAAAAAAAAAAAAAA");
	CHECK_INT(n.attempts, 1);
	a = (struct store_attempt){ .n = 2, .at_ms = 3001, .status = 0,
				    .error = "refused", .duration_ms = 3 };
	CHECK_INT(s->ops->notify_record(s, "AAAAAAAAAAAAAAAA", &a, -1,
					false), STORE_OK);
	CHECK_INT(s->ops->notify_get(s, "AAAAAAAAAAAAAAAA", &n), STORE_OK);
	CHECK(n.done && !n.delivered);
	CHECK_INT(s->ops->notify_attempts(s, "AAAAAAAAAAAAAAAA", as, 4,
					  &count), STORE_OK);
	CHECK_INT(count, 2);
	CHECK_INT(as[0].status, 500);
	CHECK_INT(as[0].duration_ms, 7);
	CHECK_STR(as[0].error, "");
	CHECK_STR(as[1].error, "refused");
	CHECK_INT(s->ops->notify_next(s, &due), STORE_OK);
	CHECK_INT(due, 5000);
	CHECK_INT(s->ops->notify_get(s, "CCCCCCCCCCCCCCCC", &n),
		  STORE_ENOTFOUND);
}

struct race {
	struct store *s;
	int got;
	char tokens[64][STORE_TOKEN_LEN + 1];
};

static void *claimer(void *arg)
{
	struct race *r = arg;
	struct store_notify n;

	while (r->got < 64 &&
	       r->s->ops->notify_claim(r->s, 10, 99999, &n) == STORE_OK)
		snprintf(r->tokens[r->got++], STORE_TOKEN_LEN + 1, "%s",
			 n.token);
	return NULL;
}

/* Claimers racing on one store never take the same delivery. */
static void claims_race(struct store *s)
{
	struct race r[4];
	pthread_t t[4];
	int total = 0;

	memset(r, 0, sizeof(r));
	for (int i = 0; i < 4; i++)
		r[i].s = s;
	for (int i = 0; i < 40; i++) {
		char token[STORE_TOKEN_LEN + 1];

		snprintf(token, sizeof(token), "T%015d", i);
		queue(s, token, 1);
	}
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, claimer, &r[i]);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		total += r[i].got;
	}
	CHECK_INT(total, 40);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < r[i].got; j++)
			for (int k = 0; k < 4; k++)
				for (int l = 0; l < r[k].got; l++)
					CHECK((k == i && l == j) ||
					      strcmp(r[i].tokens[j],
						     r[k].tokens[l]) != 0);
}

static void on_both(void (*fn)(struct store *), const char *tag)
{
	struct store *s = sqlite_store();

	REQUIRE(s);
	fn(s);
	s->ops->close(s);
	s = pg_store(tag);
	if (!s) {
		printf("(PostgreSQL part skipped: no PPJ_TEST_PG_URL)\n");
		return;
	}
	fn(s);
	s->ops->close(s);
}

TEST(store_key_urls)
{
	on_both(key_urls, "keys");
}

TEST(store_deliveries)
{
	on_both(deliveries, "deliveries");
}

TEST(store_claims_race)
{
	on_both(claims_race, "race");
}
