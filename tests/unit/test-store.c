/*
 * The SQLite store, used only through its interface (store.h): jobs and
 * their forward-only states, the queue, list filters, keys, the replay
 * table and the retention selection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/store/store.h"
#include "unit.h"

static struct store *open_store(void)
{
	char path[600];
	struct store *s = NULL;
	char *cause = NULL;

	snprintf(path, sizeof(path), "%s/ppj.db", unit_tmpdir());
	if (store_sqlite_open(&s, path, &cause) != STORE_OK) {
		fprintf(stderr, "open: %s\n", cause ? cause : "?");
		free(cause);
		return NULL;
	}
	return s;
}

static void make_job(struct store_job *j, const char *token,
		     const char *appid, int64_t created)
{
	memset(j, 0, sizeof(*j));
	snprintf(j->token, sizeof(j->token), "%s", token);
	snprintf(j->appid, sizeof(j->appid), "%s", appid);
	snprintf(j->source_filename, sizeof(j->source_filename), "a.pptx");
	snprintf(j->md5, sizeof(j->md5), "%032d", 7);
	j->state = JOB_CONVERTING;
	j->source_filesize = 123;
	j->total_pages = -1;
	j->created_ms = j->updated_ms = created;
}

static int add(struct store *s, const char *token, const char *appid,
	       int64_t created)
{
	struct store_job j;

	make_job(&j, token, appid, created);
	return s->ops->job_create(s, &j);
}

TEST(create_get)
{
	struct store *s = open_store();
	struct store_job j;

	REQUIRE(s);
	CHECK_INT(add(s, "AAAAAAAAAAAAAAA1", "app", 1000), STORE_OK);
	CHECK_INT(add(s, "AAAAAAAAAAAAAAA1", "app", 1000), STORE_EEXIST);
	REQUIRE(s->ops->job_get(s, "AAAAAAAAAAAAAAA1", &j) == STORE_OK);
	CHECK_STR(j.appid, "app");
	CHECK_STR(j.source_filename, "a.pptx");
	CHECK_INT(j.source_filesize, 123);
	CHECK_INT(j.total_pages, -1);
	CHECK_INT(j.state, JOB_CONVERTING);
	CHECK_STR(j.err_code, "");
	CHECK_INT(s->ops->job_get(s, "nope", &j), STORE_ENOTFOUND);
	CHECK_INT(s->ops->ping(s), STORE_OK);
	s->ops->close(s);
}

TEST(claim_oldest_once)
{
	struct store *s = open_store();
	struct store_job j;

	REQUIRE(s);
	add(s, "new0000000000000", "app", 2000);
	add(s, "old0000000000000", "app", 1000);
	REQUIRE(s->ops->job_claim(s, &j) == STORE_OK);
	CHECK_STR(j.token, "old0000000000000");
	REQUIRE(s->ops->job_claim(s, &j) == STORE_OK);
	CHECK_STR(j.token, "new0000000000000");
	CHECK_INT(s->ops->job_claim(s, &j), STORE_ENOTFOUND);

	CHECK_INT(s->ops->job_requeue(s, "old0000000000000"), STORE_OK);
	REQUIRE(s->ops->job_claim(s, &j) == STORE_OK);
	CHECK_STR(j.token, "old0000000000000");
	s->ops->close(s);
}

TEST(forward_only)
{
	struct store *s = open_store();
	const char *t = "tok0000000000000";
	struct store_job j;

	REQUIRE(s);
	add(s, t, "app", 1000);
	CHECK_INT(s->ops->job_set_state(s, t, JOB_RENDERING, NULL, NULL),
		  STORE_OK);
	CHECK_INT(s->ops->job_set_state(s, t, JOB_CONVERTING, NULL, NULL),
		  STORE_EBACKWARD);
	CHECK_INT(s->ops->job_set_state(s, t, JOB_DELETED, NULL, NULL),
		  STORE_EBACKWARD);
	CHECK_INT(s->ops->job_progress(s, t, 2, 5), STORE_OK);
	CHECK_INT(s->ops->job_set_state(s, t, JOB_DISTING, NULL, NULL),
		  STORE_OK);
	CHECK_INT(s->ops->job_set_state(s, t, JOB_COMPLETED, NULL, NULL),
		  STORE_OK);
	CHECK_INT(s->ops->job_set_state(s, t, JOB_HALTED, "internal", "x"),
		  STORE_EBACKWARD);
	CHECK_INT(s->ops->job_requeue(s, t), STORE_EBACKWARD);
	CHECK_INT(s->ops->job_set_state(s, t, JOB_DELETED, NULL, NULL),
		  STORE_OK);
	CHECK_INT(s->ops->job_set_state(s, t, JOB_COMPLETED, NULL, NULL),
		  STORE_EBACKWARD);
	REQUIRE(s->ops->job_get(s, t, &j) == STORE_OK);
	CHECK_INT(j.state, JOB_DELETED);
	CHECK_INT(j.progress, 2);
	CHECK_INT(j.total_pages, 5);
	s->ops->close(s);
}

TEST(halted_keeps_error)
{
	struct store *s = open_store();
	const char *t = "tok0000000000000";
	struct store_job j;

	REQUIRE(s);
	add(s, t, "app", 1000);
	CHECK_INT(s->ops->job_set_state(s, t, JOB_HALTED, "timeout",
					"too long"), STORE_OK);
	REQUIRE(s->ops->job_get(s, t, &j) == STORE_OK);
	CHECK_STR(j.err_code, "timeout");
	CHECK_STR(j.err_msg, "too long");
	CHECK_INT(s->ops->job_set_state(s, t, JOB_DELETED, NULL, NULL),
		  STORE_OK);
	REQUIRE(s->ops->job_get(s, t, &j) == STORE_OK);
	CHECK_STR(j.err_code, "timeout");
	s->ops->close(s);
}

TEST(transition_table)
{
	CHECK(job_transition_ok(JOB_CONVERTING, JOB_COMPLETED));
	CHECK(job_transition_ok(JOB_NOTIFYING, JOB_COMPLETED));
	CHECK(job_transition_ok(JOB_DISTING, JOB_HALTED));
	CHECK(!job_transition_ok(JOB_DISTING, JOB_RENDERING));
	CHECK(!job_transition_ok(JOB_CONVERTING, JOB_CONVERTING));
	CHECK(!job_transition_ok(JOB_CONVERTING, JOB_DELETED));
	CHECK(job_transition_ok(JOB_HALTED, JOB_DELETED));
	CHECK(!job_transition_ok(JOB_HALTED, JOB_COMPLETED));
	CHECK(!job_transition_ok(JOB_DELETED, JOB_DELETED));
	CHECK_INT(job_state_parse("disting"), JOB_DISTING);
	CHECK_INT(job_state_parse("Disting"), -1);
	CHECK_STR(job_state_name(JOB_NOTIFYING), "notifying");
}

struct tokens {
	char t[8][STORE_TOKEN_LEN + 1];
	int n;
};

static void collect(void *ctx, const char *token)
{
	struct tokens *ts = ctx;

	if (ts->n < 8)
		snprintf(ts->t[ts->n++], STORE_TOKEN_LEN + 1, "%s", token);
}

TEST(list_filters)
{
	struct store *s = open_store();
	struct store_filter f = { "app", -1, INT64_MIN, INT64_MAX, 0 };
	struct tokens ts = { 0 };

	REQUIRE(s);
	add(s, "a100000000000000", "app", 1000);
	add(s, "a200000000000000", "app", 2000);
	add(s, "a300000000000000", "app", 3000);
	add(s, "b100000000000000", "other", 2500);
	s->ops->job_set_state(s, "a200000000000000", JOB_HALTED, "internal",
			      "x");

	REQUIRE(s->ops->job_list(s, &f, collect, &ts) == STORE_OK);
	REQUIRE(ts.n == 3);
	CHECK_STR(ts.t[0], "a300000000000000");
	CHECK_STR(ts.t[2], "a100000000000000");

	ts.n = 0;
	f.state = JOB_HALTED;
	s->ops->job_list(s, &f, collect, &ts);
	CHECK_INT(ts.n, 1);
	CHECK_STR(ts.t[0], "a200000000000000");

	ts.n = 0;
	f.state = -1;
	f.since_ms = 2000;
	f.before_ms = 3000;
	s->ops->job_list(s, &f, collect, &ts);
	CHECK_INT(ts.n, 1);
	CHECK_STR(ts.t[0], "a200000000000000");

	ts.n = 0;
	f = (struct store_filter){ "app", -1, INT64_MIN, INT64_MAX, 2 };
	s->ops->job_list(s, &f, collect, &ts);
	CHECK_INT(ts.n, 2);
	s->ops->close(s);
}

TEST(requeue_all)
{
	struct store *s = open_store();
	struct store_job j;
	int n = 0;

	REQUIRE(s);
	add(s, "a100000000000000", "app", 1000);
	add(s, "a200000000000000", "app", 2000);
	add(s, "a300000000000000", "app", 3000);
	s->ops->job_claim(s, &j);
	s->ops->job_set_state(s, j.token, JOB_DISTING, NULL, NULL);
	s->ops->job_claim(s, &j);
	s->ops->job_set_state(s, j.token, JOB_COMPLETED, NULL, NULL);
	CHECK_INT(s->ops->job_requeue_all(s, &n), STORE_OK);
	CHECK_INT(n, 1);
	REQUIRE(s->ops->job_get(s, "a100000000000000", &j) == STORE_OK);
	CHECK_INT(j.state, JOB_CONVERTING);
	REQUIRE(s->ops->job_get(s, "a200000000000000", &j) == STORE_OK);
	CHECK_INT(j.state, JOB_COMPLETED);
	REQUIRE(s->ops->job_claim(s, &j) == STORE_OK);
	CHECK_STR(j.token, "a100000000000000");
	s->ops->close(s);
}

TEST(counts_and_dedup)
{
	struct store *s = open_store();
	int counts[JOB_NSTATES], queued;
	struct store_job j;

	REQUIRE(s);
	add(s, "a100000000000000", "app", 1000);
	add(s, "a200000000000000", "app", 2000);
	CHECK_INT(s->ops->job_find_done(s, "app", j.md5, &j),
		  STORE_ENOTFOUND);
	s->ops->job_set_state(s, "a100000000000000", JOB_COMPLETED, NULL,
			      NULL);
	REQUIRE(s->ops->job_count(s, counts, &queued) == STORE_OK);
	CHECK_INT(counts[JOB_COMPLETED], 1);
	CHECK_INT(counts[JOB_CONVERTING], 1);
	CHECK_INT(queued, 1);

	make_job(&j, "x", "app", 0);
	REQUIRE(s->ops->job_find_done(s, "app", j.md5, &j) == STORE_OK);
	CHECK_STR(j.token, "a100000000000000");
	CHECK_INT(s->ops->job_find_done(s, "other", j.md5, &j),
		  STORE_ENOTFOUND);
	s->ops->close(s);
}

TEST(retention_selection)
{
	struct store *s = open_store();
	struct tokens ts = { 0 };

	REQUIRE(s);
	add(s, "old1000000000000", "app", 1000);
	add(s, "old2000000000000", "app", 1500);
	add(s, "new1000000000000", "app", 9000);
	add(s, "run1000000000000", "app", 1200);
	s->ops->job_set_state(s, "old1000000000000", JOB_COMPLETED, NULL,
			      NULL);
	s->ops->job_set_state(s, "old2000000000000", JOB_HALTED, "timeout",
			      "x");
	s->ops->job_set_state(s, "new1000000000000", JOB_COMPLETED, NULL,
			      NULL);
	REQUIRE(s->ops->job_expired(s, 5000, 10, collect, &ts) == STORE_OK);
	CHECK_INT(ts.n, 2);
	CHECK_STR(ts.t[0], "old1000000000000");
	CHECK_STR(ts.t[1], "old2000000000000");
	ts.n = 0;
	s->ops->job_expired(s, 5000, 1, collect, &ts);
	CHECK_INT(ts.n, 1);
	s->ops->close(s);
}

TEST(replay_table)
{
	struct store *s = open_store();

	REQUIRE(s);
	CHECK_INT(s->ops->sig_use(s, "sig1", 1000), STORE_OK);
	CHECK_INT(s->ops->sig_use(s, "sig1", 1000), STORE_EEXIST);
	CHECK_INT(s->ops->sig_use(s, "sig2", 5000), STORE_OK);
	CHECK_INT(s->ops->sig_prune(s, 2000), STORE_OK);
	CHECK_INT(s->ops->sig_use(s, "sig1", 9000), STORE_OK);
	CHECK_INT(s->ops->sig_use(s, "sig2", 9000), STORE_EEXIST);
	s->ops->close(s);
}

TEST(keys)
{
	struct store *s = open_store();
	struct store_key k = { "APP1", "secret1", 1000, false }, got, all[4];
	size_t n = 0;
	int active = -1;

	REQUIRE(s);
	CHECK_INT(s->ops->key_count(s, &active), STORE_OK);
	CHECK_INT(active, 0);
	CHECK_INT(s->ops->key_add(s, &k), STORE_OK);
	CHECK_INT(s->ops->key_add(s, &k), STORE_EEXIST);
	REQUIRE(s->ops->key_get(s, "APP1", &got) == STORE_OK);
	CHECK_STR(got.secret, "secret1");
	CHECK(!got.revoked);
	s->ops->key_count(s, &active);
	CHECK_INT(active, 1);
	CHECK_INT(s->ops->key_revoke(s, "APP1"), STORE_OK);
	CHECK_INT(s->ops->key_revoke(s, "nope"), STORE_ENOTFOUND);
	REQUIRE(s->ops->key_get(s, "APP1", &got) == STORE_OK);
	CHECK(got.revoked);
	s->ops->key_count(s, &active);
	CHECK_INT(active, 0);
	CHECK_INT(s->ops->key_list(s, all, 4, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(s->ops->key_get(s, "nope", &got), STORE_ENOTFOUND);
	s->ops->close(s);
}
