/*
 * PPJ v1 request signing (src/server/auth/sign.c): the test vectors of
 * SPEC §2, the canonical parameter string, timestamps and the
 * constant-time comparison.
 */
#include <stdlib.h>
#include <string.h>

#include "server/auth/sign.h"
#include "unit.h"

static const char secret[] = "kKdBnfSJNnBjex9gczp6P9g2";

TEST(vectors)
{
	static const struct {
		int64_t ts;
		const char *text, *sig;
	} v[] = {
		{ 1489820220, "GET\n/jobs/list\nstatus=completed",
		  "ecebba8f5ca8965833c05797c1c4cff8"
		  "f48c6346594bad5f2d86bcdef33a7495" },
		{ 1490089532, "POST\n/jobs\n"
		  "file_md5=be92023d515907f5faaac32c3605d7ec",
		  "562ef9fee364f995dc9e0e5b1d57a855"
		  "afd4e4bfed4fa414d4937dd1c7c5547f" },
		{ 1490255398, "GET\n/notify\n"
		  "agent=06875f8b&code=0&token=8v9iSKnj&type=completed",
		  "9b566f493c25afa7b57b6e2289f2382c"
		  "32ab2393bdf0b0367ba77bb53dce36db" },
	};
	char out[AUTH_HEX_LEN + 1];

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		auth_signature(secret, v[i].ts, v[i].text, out);
		CHECK_STR(out, v[i].sig);
	}
}

TEST(sign_key_and_nonce)
{
	static const char key[] = "8f91cf9d54ccb163af07cc05210ecee3"
		"55ce92c95c1dbd5558d0f5b3218fac1f";
	char out[AUTH_HEX_LEN + 1];

	auth_sign_key(secret, 1489820220, out);
	CHECK_STR(out, key);
	auth_hmac_hex(key, 64, "7bzaglsx2y1nmujw", 16, out);
	CHECK_STR(out, "988b7b1bdd05d10a0b21840561097f2d"
		  "bbabeaf7e2bbe0dc960856a5fcdeb84e");
}

/* The third vector, built from unsorted parameters with extras. */
TEST(text_sorted_and_filtered)
{
	struct auth_param ps[] = {
		{ "type", "completed" }, { "_signature", "x" },
		{ "token", "8v9iSKnj" }, { "file_source", "bytes" },
		{ "code", "0" }, { "_timestamp", "1" },
		{ "agent", "06875f8b" },
	};
	struct ppj_buf b;
	char sig[AUTH_HEX_LEN + 1];

	ppj_buf_init(&b, 4096);
	REQUIRE(auth_text(&b, "GET", "/notify", ps, 7) == 0);
	CHECK_STR(b.data, "GET\n/notify\n"
		  "agent=06875f8b&code=0&token=8v9iSKnj&type=completed");
	auth_signature(secret, 1490255398, b.data, sig);
	CHECK_STR(sig, "9b566f493c25afa7b57b6e2289f2382c"
		  "32ab2393bdf0b0367ba77bb53dce36db");
	ppj_buf_release(&b);
}

TEST(text_empty_and_decoded)
{
	struct auth_param ps[] = {
		{ "start_date", "2017-03-16T02:20:39+00:00" },
		{ "b", "" }, { "a", "x y&z" },
	};
	struct ppj_buf b;

	ppj_buf_init(&b, 4096);
	REQUIRE(auth_text(&b, "GET", "/jobs", NULL, 0) == 0);
	CHECK_STR(b.data, "GET\n/jobs\n");
	ppj_buf_reset(&b);
	REQUIRE(auth_text(&b, "GET", "/jobs", ps, 3) == 0);
	CHECK_STR(b.data, "GET\n/jobs\na=x y&z&b=&"
		  "start_date=2017-03-16T02:20:39+00:00");
	ppj_buf_release(&b);
}

TEST(text_over_cap)
{
	char big[300];
	struct auth_param ps[] = { { "a", big } };
	struct ppj_buf b;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ppj_buf_init(&b, 64);
	CHECK(auth_text(&b, "GET", "/jobs", ps, 1) == -1);
	ppj_buf_release(&b);
}

TEST(verify_ok_stale_bad)
{
	const char *text = "GET\n/jobs/list\nstatus=completed";
	const char *sig = "ecebba8f5ca8965833c05797c1c4cff8"
		"f48c6346594bad5f2d86bcdef33a7495";

	CHECK_INT(auth_verify(secret, "1489820220", 1489820220, 300, text,
			      sig), AUTH_OK);
	CHECK_INT(auth_verify(secret, "1489820220", 1489820220 + 299, 300,
			      text, sig), AUTH_OK);
	CHECK_INT(auth_verify(secret, "1489820220", 1489820220 + 301, 300,
			      text, sig), AUTH_STALE);
	CHECK_INT(auth_verify(secret, "1489820220", 1489820220 - 301, 300,
			      text, sig), AUTH_STALE);
	CHECK_INT(auth_verify("other", "1489820220", 1489820220, 300, text,
			      sig), AUTH_BAD);
	CHECK_INT(auth_verify(secret, "1489820220", 1489820220, 300,
			      "GET\n/jobs\nstatus=completed", sig), AUTH_BAD);
	CHECK_INT(auth_verify(secret, "14898x0220", 1489820220, 300, text,
			      sig), AUTH_BAD);
	CHECK_INT(auth_verify(secret, "", 1489820220, 300, text, sig),
		  AUTH_BAD);
	CHECK_INT(auth_verify(secret, "-1", 1489820220, 300, text, sig),
		  AUTH_BAD);
	CHECK_INT(auth_verify(secret, "1489820220", 1489820220, 300, text,
			      NULL), AUTH_BAD);
}

TEST(timestamps)
{
	int64_t t = 0;

	CHECK(auth_parse_ts("1489820220", &t) == 0 && t == 1489820220);
	CHECK(auth_parse_ts("99999999999999999999", &t) == -1);
	CHECK(auth_parse_ts("12 ", &t) == -1);
	CHECK(auth_parse_ts("+12", &t) == -1);
	CHECK(auth_parse_ts(NULL, &t) == -1);
}

TEST(equal)
{
	CHECK(auth_equal("abc", "abc"));
	CHECK(!auth_equal("abc", "abd"));
	CHECK(!auth_equal("abc", "abcd"));
	CHECK(!auth_equal("", "a"));
	CHECK(auth_equal("", ""));
}

TEST(param_signed)
{
	CHECK(auth_param_signed("file_md5"));
	CHECK(auth_param_signed("token"));
	CHECK(!auth_param_signed("file_source"));
	CHECK(!auth_param_signed("_method"));
	CHECK(!auth_param_signed("_credential"));
}
