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
		{ "224.0.0.1", "multicast" }, { "239.255.255.250", "multicast" },
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
		{ "fc00::1", "unique-local" }, { "fdff:ffff::1", "unique-local" },
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
