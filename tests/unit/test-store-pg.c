/*
 * The PostgreSQL store and the blob stores, through their interfaces
 * (store.h, store-pg.h, blob.h), against a live server named by
 * PPJ_TEST_PG_URL (tests/pg/with-pg.sh starts a throwaway one). Without
 * it the whole program exits 77: skipped.
 *
 * Each test works in its own schema (search_path set in the URL), so
 * tests never see each other's rows. The same behaviours as the SQLite
 * store's tests, plus what several nodes need: concurrent claims, lease
 * expiry, NOTIFY, blobs, migrations.
 */
#include <fcntl.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "server/store/blob.h"
#include "server/store/store-pg-int.h"
#include "server/store/store-pg.h"
#include "unit.h"

__attribute__((constructor)) static void need_server(void)
{
	const char *url = getenv("PPJ_TEST_PG_URL");

	if (!url || !url[0]) {
		printf("PPJ_TEST_PG_URL is not set: skip\n");
		exit(77);
	}
}

/* Runs sql on a fresh connection to the test server; whether it ran. */
static int admin(const char *sql)
{
	PGconn *c = PQconnectdb(getenv("PPJ_TEST_PG_URL"));
	PGresult *r = PQexec(c, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK ||
		PQresultStatus(r) == PGRES_TUPLES_OK;

	if (!ok)
		fprintf(stderr, "admin: %s", PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	return ok;
}

/* A URL whose search_path is schema `tag`, made empty; static buffer. */
static const char *fresh_url(const char *tag)
{
	static char url[1024];
	const char *base = getenv("PPJ_TEST_PG_URL");
	char sql[256];

	snprintf(sql, sizeof(sql), "SET client_min_messages = warning;"
		 "DROP SCHEMA IF EXISTS t_%s CASCADE;"
		 "CREATE SCHEMA t_%s", tag, tag);
	if (!admin(sql))
		return NULL;
	snprintf(url, sizeof(url), "%s%coptions=-csearch_path%%3Dt_%s", base,
		 strchr(base, '?') ? '&' : '?', tag);
	return url;
}

static struct store *open_url(const char *url)
{
	struct store *s = NULL;
	char *cause = NULL;

	if (!url)
		return NULL;
	if (store_pg_open(&s, url, &cause) != STORE_OK) {
		fprintf(stderr, "open: %s\n", cause ? cause : "?");
		free(cause);
		return NULL;
	}
	return s;
}

static struct store *open_store(const char *tag)
{
	return open_url(fresh_url(tag));
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
	struct store *s = open_store("create_get");
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
	CHECK_INT(j.created_ms, 1000);
	CHECK_STR(j.err_code, "");
	CHECK_INT(s->ops->job_get(s, "nope", &j), STORE_ENOTFOUND);
	CHECK_INT(s->ops->ping(s), STORE_OK);
	s->ops->close(s);
}

TEST(hostile_text_is_data)
{
	struct store *s = open_store("hostile_text");
	const char *evil = "x'); DROP TABLE ppj_jobs; --";
	struct store_job j;

	REQUIRE(s);
	make_job(&j, "q000000000000000", "app", 1000);
	snprintf(j.source_filename, sizeof(j.source_filename), "%s", evil);
	REQUIRE(s->ops->job_create(s, &j) == STORE_OK);
	REQUIRE(s->ops->job_get(s, "q000000000000000", &j) == STORE_OK);
	CHECK_STR(j.source_filename, evil);
	CHECK_INT(s->ops->job_get(s, evil, &j), STORE_ENOTFOUND);
	s->ops->close(s);
}

/* Text that is not UTF-8 is stored with '?' and matches nothing. */
TEST(text_not_utf8)
{
	struct store *s = open_store("not_utf8");
	struct store_key k = { "", "s", 1, false };
	struct store_job j;

	REQUIRE(s);
	make_job(&j, "u000000000000000", "app", 1000);
	snprintf(j.source_filename, sizeof(j.source_filename),
		 "caf\xe9 \xed\xa0\x80 \xc3\xa9.pptx");
	REQUIRE(s->ops->job_create(s, &j) == STORE_OK);
	REQUIRE(s->ops->job_get(s, "u000000000000000", &j) == STORE_OK);
	CHECK_STR(j.source_filename, "caf? ??? \xc3\xa9.pptx");
	CHECK_INT(s->ops->job_get(s, "u00000000000000\xff", &j),
		  STORE_ENOTFOUND);
	CHECK_INT(s->ops->job_set_state(s, "u000000000000000", JOB_HALTED,
					"source_invalid", "bad \xff\xfe"),
		  STORE_OK);
	REQUIRE(s->ops->job_get(s, "u000000000000000", &j) == STORE_OK);
	CHECK_STR(j.err_msg, "bad ??");
	snprintf(k.appid, sizeof(k.appid), "\xc0\xaf");
	CHECK_INT(s->ops->key_add(s, &k), STORE_OK);
	CHECK_INT(s->ops->key_get(s, "??", &k), STORE_OK);
	CHECK_INT(s->ops->sig_use(s, "\x80", 1), STORE_OK);
	s->ops->close(s);
}

TEST(claim_oldest_once)
{
	struct store *s = open_store("claim_oldest");
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
	struct store *s = open_store("forward_only");
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
	CHECK_INT(s->ops->job_set_state(s, "nope", JOB_HALTED, NULL, NULL),
		  STORE_ENOTFOUND);
	REQUIRE(s->ops->job_get(s, t, &j) == STORE_OK);
	CHECK_INT(j.state, JOB_DELETED);
	CHECK_INT(j.progress, 2);
	CHECK_INT(j.total_pages, 5);
	s->ops->close(s);
}

TEST(halted_keeps_error)
{
	struct store *s = open_store("halted");
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
	struct store *s = open_store("list_filters");
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
	CHECK_STR(ts.t[0], "a300000000000000");
	s->ops->close(s);
}

/*
 * At start a node gives back its own jobs (a stable worker id) and the
 * jobs of dead workers (expired leases), never those of live workers.
 */
TEST(requeue_all)
{
	const char *url = fresh_url("requeue_all");
	struct store *s = open_url(url), *other = open_url(url);
	struct store_job j;
	int n = 0;

	REQUIRE(s && other);
	REQUIRE(store_pg_set_worker(s, "node-a", 60000) == STORE_OK);
	REQUIRE(store_pg_set_worker(other, "node-b", 60000) == STORE_OK);
	add(s, "a100000000000000", "app", 1000);
	add(s, "a200000000000000", "app", 2000);
	add(s, "a300000000000000", "app", 3000);
	add(s, "a400000000000000", "app", 4000);
	s->ops->job_claim(s, &j);
	s->ops->job_set_state(s, j.token, JOB_DISTING, NULL, NULL);
	s->ops->job_claim(s, &j);
	s->ops->job_set_state(s, j.token, JOB_COMPLETED, NULL, NULL);
	other->ops->job_claim(other, &j);
	CHECK_STR(j.token, "a300000000000000");

	CHECK_INT(s->ops->job_requeue_all(s, &n), STORE_OK);
	CHECK_INT(n, 1);
	REQUIRE(s->ops->job_get(s, "a100000000000000", &j) == STORE_OK);
	CHECK_INT(j.state, JOB_CONVERTING);
	REQUIRE(s->ops->job_get(s, "a200000000000000", &j) == STORE_OK);
	CHECK_INT(j.state, JOB_COMPLETED);
	REQUIRE(s->ops->job_claim(s, &j) == STORE_OK);
	CHECK_STR(j.token, "a100000000000000");
	REQUIRE(s->ops->job_claim(s, &j) == STORE_OK);
	CHECK_STR(j.token, "a400000000000000");
	CHECK_INT(s->ops->job_claim(s, &j), STORE_ENOTFOUND);
	CHECK_INT(other->ops->job_renew_lease(other, "a300000000000000",
					      "node-b", store_now_ms()),
		  STORE_OK);
	s->ops->close(s);
	other->ops->close(other);
}

TEST(counts_and_dedup)
{
	struct store *s = open_store("counts");
	int counts[JOB_NSTATES], queued;
	struct store_job j;

	REQUIRE(s);
	add(s, "a100000000000000", "app", 1000);
	add(s, "a200000000000000", "app", 2000);
	add(s, "a300000000000000", "app", 3000);
	make_job(&j, "x", "app", 0);
	CHECK_INT(s->ops->job_find_done(s, "app", j.md5, &j),
		  STORE_ENOTFOUND);
	s->ops->job_set_state(s, "a100000000000000", JOB_COMPLETED, NULL,
			      NULL);
	s->ops->job_claim(s, &j);
	REQUIRE(s->ops->job_count(s, counts, &queued) == STORE_OK);
	CHECK_INT(counts[JOB_COMPLETED], 1);
	CHECK_INT(counts[JOB_CONVERTING], 2);
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
	struct store *s = open_store("retention");
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
	struct store *s = open_store("replay");

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
	struct store *s = open_store("keys");
	struct store_key k = { "APP1", "secret1", 1000, false }, got, all[4];
	struct store_key k2 = { "APP2", "secret2", 2000, false };
	size_t n = 0;
	int active = -1;

	REQUIRE(s);
	CHECK_INT(s->ops->key_count(s, &active), STORE_OK);
	CHECK_INT(active, 0);
	CHECK_INT(s->ops->key_add(s, &k), STORE_OK);
	CHECK_INT(s->ops->key_add(s, &k), STORE_EEXIST);
	CHECK_INT(s->ops->key_add(s, &k2), STORE_OK);
	REQUIRE(s->ops->key_get(s, "APP1", &got) == STORE_OK);
	CHECK_STR(got.secret, "secret1");
	CHECK_INT(got.created_ms, 1000);
	CHECK(!got.revoked);
	s->ops->key_count(s, &active);
	CHECK_INT(active, 2);
	CHECK_INT(s->ops->key_revoke(s, "APP1"), STORE_OK);
	CHECK_INT(s->ops->key_revoke(s, "nope"), STORE_ENOTFOUND);
	REQUIRE(s->ops->key_get(s, "APP1", &got) == STORE_OK);
	CHECK(got.revoked);
	s->ops->key_count(s, &active);
	CHECK_INT(active, 1);
	CHECK_INT(s->ops->key_list(s, all, 4, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_STR(all[0].appid, "APP1");
	CHECK_INT(s->ops->key_list(s, all, 1, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(s->ops->key_get(s, "nope", &got), STORE_ENOTFOUND);
	s->ops->close(s);
}

#define RACE_JOBS 200
#define RACE_PROCS 4

/* A child: claims until the queue is empty, one token per line. */
static void claim_all(const char *url, const char *out)
{
	struct store *s = open_url(url);
	struct store_job j;
	FILE *f = fopen(out, "w");

	if (!s || !f)
		_exit(2);
	while (s->ops->job_claim(s, &j) == STORE_OK) {
		fprintf(f, "%s\n", j.token);
		if (s->ops->job_set_state(s, j.token, JOB_COMPLETED, NULL,
					  NULL) != STORE_OK)
			_exit(3);
	}
	fclose(f);
	s->ops->close(s);
	_exit(0);
}

/* Reads the tokens children wrote; counts how often each was claimed. */
static int tally(const char *dir, int seen[RACE_JOBS])
{
	char path[600], line[64];
	int total = 0;

	for (int p = 0; p < RACE_PROCS; p++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/claims-%d", dir, p);
		f = fopen(path, "r");
		if (!f)
			return -1;
		while (fgets(line, sizeof(line), f)) {
			int i = atoi(line + 1);

			if (i >= 0 && i < RACE_JOBS)
				seen[i]++;
			total++;
		}
		fclose(f);
	}
	return total;
}

TEST(concurrent_claims_never_share)
{
	const char *url = fresh_url("race");
	const char *dir = unit_tmpdir();
	struct store *s = open_url(url);
	int seen[RACE_JOBS] = { 0 }, status, once = 0, queued = -1;
	int counts[JOB_NSTATES];
	char token[32], path[600];

	REQUIRE(s);
	for (int i = 0; i < RACE_JOBS; i++) {
		snprintf(token, sizeof(token), "j%015d", i);
		REQUIRE(add(s, token, "app", 1000 + i % 7) == STORE_OK);
	}
	for (int p = 0; p < RACE_PROCS; p++) {
		snprintf(path, sizeof(path), "%s/claims-%d", dir, p);
		fflush(NULL);
		if (fork() == 0)
			claim_all(url, path);
	}
	for (int p = 0; p < RACE_PROCS; p++) {
		REQUIRE(wait(&status) > 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	CHECK_INT(tally(dir, seen), RACE_JOBS);
	for (int i = 0; i < RACE_JOBS; i++)
		once += seen[i] == 1;
	CHECK_INT(once, RACE_JOBS);
	REQUIRE(s->ops->job_count(s, counts, &queued) == STORE_OK);
	CHECK_INT(counts[JOB_COMPLETED], RACE_JOBS);
	CHECK_INT(queued, 0);
	s->ops->close(s);
}

struct claimer {
	struct store *s;
	int got;
	char tokens[RACE_JOBS][STORE_TOKEN_LEN + 1];
};

static void *claim_thread(void *arg)
{
	struct claimer *c = arg;
	struct store_job j;

	while (c->got < RACE_JOBS &&
	       c->s->ops->job_claim(c->s, &j) == STORE_OK)
		memcpy(c->tokens[c->got++], j.token, STORE_TOKEN_LEN + 1);
	return NULL;
}

TEST(threads_share_one_store)
{
	struct store *s = open_store("threads");
	static struct claimer c[4];
	pthread_t th[4];
	int seen[RACE_JOBS] = { 0 }, total = 0, once = 0;
	char token[32];

	REQUIRE(s);
	for (int i = 0; i < 100; i++) {
		snprintf(token, sizeof(token), "j%015d", i);
		REQUIRE(add(s, token, "app", 1000 + i) == STORE_OK);
	}
	for (int i = 0; i < 4; i++) {
		c[i].s = s;
		REQUIRE(pthread_create(&th[i], NULL, claim_thread,
				       &c[i]) == 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		for (int k = 0; k < c[i].got; k++)
			seen[atoi(c[i].tokens[k] + 1)]++;
		total += c[i].got;
	}
	CHECK_INT(total, 100);
	for (int i = 0; i < 100; i++)
		once += seen[i] == 1;
	CHECK_INT(once, 100);
	s->ops->close(s);
}

TEST(expired_lease_is_reclaimed)
{
	const char *url = fresh_url("lease");
	struct store *dead = open_url(url), *live = open_url(url);
	const char *t = "lease00000000000";
	struct store_job j;
	int64_t now = store_now_ms();
	int n = -1;

	REQUIRE(dead && live);
	REQUIRE(store_pg_set_worker(dead, "w-dead", 60000) == STORE_OK);
	REQUIRE(store_pg_set_worker(live, "w-live", 60000) == STORE_OK);
	CHECK_STR(store_pg_worker(live), "w-live");
	add(dead, t, "app", 1000);
	REQUIRE(dead->ops->job_claim(dead, &j) == STORE_OK);
	CHECK_INT(dead->ops->job_set_state(dead, t, JOB_RENDERING, NULL,
					   NULL), STORE_OK);
	CHECK_INT(dead->ops->job_progress(dead, t, 1, 3), STORE_OK);

	/* A live lease is not taken. */
	CHECK_INT(live->ops->job_reclaim_expired(live, now, &n), STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(live->ops->job_claim(live, &j), STORE_ENOTFOUND);
	CHECK_INT(live->ops->job_renew_lease(live, t, "w-live", now + 1000),
		  STORE_ENOTFOUND);

	/* Renewed into the past: the worker is as good as dead. */
	CHECK_INT(dead->ops->job_renew_lease(dead, t, "w-dead", now - 1),
		  STORE_OK);
	CHECK_INT(live->ops->job_reclaim_expired(live, now, &n), STORE_OK);
	CHECK_INT(n, 1);
	REQUIRE(live->ops->job_claim(live, &j) == STORE_OK);
	CHECK_STR(j.token, t);
	CHECK_INT(j.state, JOB_CONVERTING);
	CHECK_INT(j.progress, 0);

	/* The old worker has lost it, the new one holds it. */
	CHECK_INT(dead->ops->job_renew_lease(dead, t, "w-dead", now + 9000),
		  STORE_ENOTFOUND);
	CHECK_INT(live->ops->job_renew_lease(live, t, "w-live", now + 9000),
		  STORE_OK);
	CHECK_INT(live->ops->job_reclaim_expired(live, now + 5000, &n),
		  STORE_OK);
	CHECK_INT(n, 0);

	/* A finished job holds no lease. */
	CHECK_INT(live->ops->job_set_state(live, t, JOB_COMPLETED, NULL,
					   NULL), STORE_OK);
	CHECK_INT(live->ops->job_renew_lease(live, t, "w-live", now + 9000),
		  STORE_ENOTFOUND);
	CHECK_INT(live->ops->job_reclaim_expired(live, INT64_MAX, &n),
		  STORE_OK);
	CHECK_INT(n, 0);
	dead->ops->close(dead);
	live->ops->close(live);
}

#define KILL_JOBS 30
#define KILL_WORKERS 3

/* Appends one line to a file with write(2): nothing lost to SIGKILL. */
static void note(int fd, const char *what, const char *token)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "%s %s\n", what, token);

	if (write(fd, line, (size_t)n) != n)
		_exit(4);
}

/*
 * Converts one claimed job: a few short steps, renewing the lease at
 * each; false when the lease was lost (the job is another's now).
 */
static bool fake_convert(struct store *s, const char *token,
			 const char *me)
{
	for (int step = 0; step < 3; step++) {
		usleep(20 * 1000);
		if (s->ops->job_renew_lease(s, token, me, store_now_ms() +
					    400) != STORE_OK)
			return false;
	}
	return s->ops->job_set_state(s, token, JOB_RENDERING, NULL,
				     NULL) == STORE_OK &&
		s->ops->job_set_state(s, token, JOB_DISTING, NULL,
				      NULL) == STORE_OK;
}

static bool all_done(struct store *s)
{
	int counts[JOB_NSTATES], queued;

	return s->ops->job_count(s, counts, &queued) == STORE_OK &&
		counts[JOB_COMPLETED] == KILL_JOBS;
}

/*
 * A worker process: claims, converts, completes, reclaims expired
 * leases while idle, until every job is completed (or 60 s pass). The
 * victim dies by SIGKILL in the middle of its second job.
 */
static void kill_worker(const char *url, int id, int fd)
{
	struct store *s = open_url(url);
	int64_t end = store_now_ms() + 60000;
	struct store_job j;
	char me[16];
	int got = 0, n;

	snprintf(me, sizeof(me), "w%d", id);
	if (!s || store_pg_set_worker(s, me, 400) != STORE_OK)
		_exit(2);
	while (!all_done(s) && store_now_ms() < end) {
		if (s->ops->job_claim(s, &j) != STORE_OK) {
			s->ops->job_reclaim_expired(s, store_now_ms(), &n);
			store_pg_wait(s, 100);
			continue;
		}
		if (id == 0 && ++got == 2) {
			s->ops->job_set_state(s, j.token, JOB_RENDERING,
					      NULL, NULL);
			note(fd, "held", j.token);
			kill(getpid(), SIGKILL);
		}
		if (fake_convert(s, j.token, me) &&
		    s->ops->job_set_state(s, j.token, JOB_COMPLETED, NULL,
					  NULL) == STORE_OK)
			note(fd, "done", j.token);
	}
	n = all_done(s) ? 0 : 3;
	s->ops->close(s);
	_exit(n);
}

TEST(killed_worker_job_done_once)
{
	const char *url = fresh_url("killed");
	char path[600], line[64], held[64] = "";
	int seen[KILL_JOBS] = { 0 }, once = 0, status, fd, killed = 0;
	struct store *s = open_url(url);
	struct store_job j;
	FILE *f;

	REQUIRE(s);
	snprintf(path, sizeof(path), "%s/log", unit_tmpdir());
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	REQUIRE(fd >= 0);
	for (int i = 0; i < KILL_JOBS; i++) {
		snprintf(line, sizeof(line), "k%015d", i);
		REQUIRE(add(s, line, "app", 1000 + i) == STORE_OK);
	}
	for (int w = 0; w < KILL_WORKERS; w++) {
		fflush(NULL);
		if (fork() == 0)
			kill_worker(url, w, fd);
	}
	for (int w = 0; w < KILL_WORKERS; w++) {
		REQUIRE(wait(&status) > 0);
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			killed++;
		else
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	close(fd);
	CHECK_INT(killed, 1);

	f = fopen(path, "r");
	REQUIRE(f);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "held ", 5) == 0)
			snprintf(held, sizeof(held), "%s", line + 5);
		else if (strncmp(line, "done k", 6) == 0)
			seen[atoi(line + 6) % KILL_JOBS]++;
	}
	fclose(f);
	for (int i = 0; i < KILL_JOBS; i++)
		once += seen[i] == 1;
	CHECK_INT(once, KILL_JOBS);
	REQUIRE(held[0]);
	REQUIRE(s->ops->job_get(s, held, &j) == STORE_OK);
	CHECK_INT(j.state, JOB_COMPLETED);
	s->ops->close(s);
}

struct delayed {
	const char *url;
	int rc;
};

/* Creates one job after a short pause, from its own store. */
static void *create_later(void *arg)
{
	struct delayed *d = arg;
	struct store *s = open_url(d->url);

	usleep(200 * 1000);
	d->rc = s ? add(s, "late000000000000", "app", 5000) : -99;
	if (s)
		s->ops->close(s);
	return NULL;
}

TEST(notify_wakes_wait)
{
	const char *url = fresh_url("notify");
	struct store *s = open_url(url), *api = open_url(url);
	struct delayed d = { url, -1 };
	struct store_job j;
	pthread_t th;

	REQUIRE(s && api);
	/* The first call only starts listening and asks for a look. */
	CHECK_INT(store_pg_wait(s, 0), 1);
	CHECK_INT(store_pg_wait(s, 50), 0);

	/* A job created while nobody waits is not lost. */
	add(api, "early00000000000", "app", 1000);
	CHECK_INT(store_pg_wait(s, 30000), 1);
	CHECK_INT(store_pg_wait(s, 0), 0);

	/* A job created while waiting wakes the waiter. */
	REQUIRE(pthread_create(&th, NULL, create_later, &d) == 0);
	CHECK_INT(store_pg_wait(s, 30000), 1);
	pthread_join(th, NULL);
	CHECK_INT(d.rc, STORE_OK);

	/* A requeue is a new job in the queue too. */
	REQUIRE(s->ops->job_claim(s, &j) == STORE_OK);
	CHECK_INT(store_pg_wait(s, 0), 0);
	CHECK_INT(api->ops->job_requeue(api, j.token), STORE_OK);
	CHECK_INT(store_pg_wait(s, 30000), 1);
	s->ops->close(s);
	api->ops->close(api);
}

/* What the keeper's callbacks saw. */
struct seen {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int wakes;
	int lost;
	char lost_token[STORE_TOKEN_LEN + 1];
};

static void on_wake(void *ctx)
{
	struct seen *w = ctx;

	pthread_mutex_lock(&w->lock);
	w->wakes++;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

static void on_lost(void *ctx, const char *token)
{
	struct seen *w = ctx;

	pthread_mutex_lock(&w->lock);
	w->lost++;
	snprintf(w->lost_token, sizeof(w->lost_token), "%s", token);
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

/* Waits (30 s at most) until *counter passes `than`; its value. */
static int wait_above(struct seen *w, int *counter, int than)
{
	int64_t end = store_now_ms() + 30000;
	int v;

	pthread_mutex_lock(&w->lock);
	while (*counter <= than && store_now_ms() < end) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&w->cond, &w->lock, &ts);
	}
	v = *counter;
	pthread_mutex_unlock(&w->lock);
	return v;
}

/*
 * A held job keeps its lease well past the lease's length; a released
 * one is reclaimed by the keeper itself; a NOTIFY wakes; a lease taken
 * away is reported lost.
 */
TEST(keeper)
{
	const char *url = fresh_url("keeper");
	struct store *s = open_url(url), *api = open_url(url);
	struct seen w = { PTHREAD_MUTEX_INITIALIZER,
			  PTHREAD_COND_INITIALIZER, 0, 0, "" };
	struct store_pg_keeper *k = NULL;
	const char *t = "keep000000000000";
	struct store_job j;
	int wakes, n = -1;

	REQUIRE(s && api);
	REQUIRE(store_pg_set_worker(s, "keeper-node", 1500) == STORE_OK);
	add(api, t, "app", 1000);
	REQUIRE(s->ops->job_claim(s, &j) == STORE_OK);
	REQUIRE(store_pg_keeper_start(&k, s, on_wake, on_lost, &w) ==
		STORE_OK);
	CHECK_INT(store_pg_keeper_hold(k, t), STORE_OK);

	/* Past two lease lengths, the lease still holds. */
	usleep(3200 * 1000);
	CHECK_INT(api->ops->job_reclaim_expired(api, store_now_ms(), &n),
		  STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(w.lost, 0);

	/* A new job wakes the node. */
	wakes = wait_above(&w, &w.wakes, -1);
	add(api, "next000000000000", "app", 2000);
	CHECK(wait_above(&w, &w.wakes, wakes) > wakes);

	/* Released and not renewed: the keeper reclaims it and wakes. */
	store_pg_keeper_release(k, t);
	wakes = wait_above(&w, &w.wakes, -1);
	CHECK(wait_above(&w, &w.wakes, wakes) > wakes);
	REQUIRE(api->ops->job_get(api, t, &j) == STORE_OK);

	/* Taken away (as a reclaim by another node would): lost. */
	REQUIRE(s->ops->job_claim(s, &j) == STORE_OK);
	CHECK_STR(j.token, t);
	CHECK_INT(store_pg_keeper_hold(k, j.token), STORE_OK);
	REQUIRE(admin("UPDATE t_keeper.ppj_jobs SET worker_id = 'other'"));
	CHECK_INT(wait_above(&w, &w.lost, 0), 1);
	CHECK_STR(w.lost_token, j.token);
	store_pg_keeper_stop(k);
	s->ops->close(s);
	api->ops->close(api);
}

TEST(keeper_limits)
{
	struct store *s = open_store("keeper_limits");
	struct store_pg_keeper *k = NULL;
	char token[32];

	REQUIRE(s);
	CHECK_INT(store_pg_keeper_start(&k, NULL, NULL, NULL, NULL),
		  STORE_EFAIL);
	REQUIRE(store_pg_keeper_start(&k, s, NULL, NULL, NULL) == STORE_OK);
	for (int i = 0; i < STORE_PG_KEEPER_MAX; i++) {
		snprintf(token, sizeof(token), "h%015d", i);
		CHECK_INT(store_pg_keeper_hold(k, token), STORE_OK);
	}
	CHECK_INT(store_pg_keeper_hold(k, "one0000000000000"), STORE_EFAIL);
	store_pg_keeper_release(k, "h000000000000007");
	CHECK_INT(store_pg_keeper_hold(k, "one0000000000000"), STORE_OK);
	store_pg_keeper_stop(k);
	store_pg_keeper_stop(NULL);
	s->ops->close(s);
}

/* Schema version as stored, or -1. */
static int schema_version(const char *tag)
{
	char sql[128];
	PGconn *c = PQconnectdb(getenv("PPJ_TEST_PG_URL"));
	PGresult *r;
	int v = -1;

	snprintf(sql, sizeof(sql), "SELECT max(version), count(*) FROM "
		 "t_%s.ppj_schema_version", tag);
	r = PQexec(c, sql);
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
	    atoi(PQgetvalue(r, 0, 1)) == 1)
		v = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return v;
}

TEST(migrations_twice_are_no_op)
{
	const char *url = fresh_url("migrate");
	struct store *s = open_url(url), *again;
	struct blob *b = NULL;
	char *cause = NULL;
	struct store_job j;

	REQUIRE(s);
	CHECK(pg_schema_latest() >= 2);
	CHECK_INT(schema_version("migrate"), pg_schema_latest());
	add(s, "keep000000000000", "app", 1000);
	s->ops->close(s);

	again = open_url(url);
	REQUIRE(again);
	CHECK_INT(schema_version("migrate"), pg_schema_latest());
	CHECK_INT(again->ops->job_get(again, "keep000000000000", &j),
		  STORE_OK);
	REQUIRE(blob_pg_open(&b, url, &cause) == BLOB_OK);
	CHECK_INT(schema_version("migrate"), pg_schema_latest());
	b->ops->close(b);
	again->ops->close(again);
}

TEST(migrations_race)
{
	const char *url = fresh_url("migrace");
	int status, ok = 0;

	REQUIRE(url);
	for (int p = 0; p < 6; p++) {
		fflush(NULL);
		if (fork() == 0) {
			struct store *s = open_url(url);

			if (s)
				s->ops->close(s);
			_exit(s ? 0 : 1);
		}
	}
	for (int p = 0; p < 6; p++)
		if (wait(&status) > 0 && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0)
			ok++;
	CHECK_INT(ok, 6);
	CHECK_INT(schema_version("migrace"), pg_schema_latest());
}

TEST(newer_schema_is_refused)
{
	const char *url = fresh_url("newer");
	struct store *s = open_url(url), *t = NULL;
	char *cause = NULL;

	REQUIRE(s);
	s->ops->close(s);
	REQUIRE(admin("UPDATE t_newer.ppj_schema_version SET version = 99"));
	CHECK_INT(store_pg_open(&t, url, &cause), STORE_EFAIL);
	CHECK(t == NULL);
	CHECK(cause && strstr(cause, "newer"));
	free(cause);
}

/* Every connection of this test's stores, closed by the server. */
static int kill_connections(void)
{
	return admin("SELECT pg_terminate_backend(pid, 5000) FROM "
		     "pg_stat_activity WHERE application_name = 'ppj'");
}

TEST(server_drops_connections)
{
	const char *url = fresh_url("dropped");
	struct store *s = open_url(url);
	struct blob *b = NULL;
	char *cause = NULL;
	struct store_job j;

	REQUIRE(s);
	REQUIRE(blob_pg_open(&b, url, &cause) == BLOB_OK);
	add(s, "drop000000000000", "app", 1000);
	CHECK_INT(b->ops->exists(b, "none", NULL), BLOB_ENOTFOUND);
	CHECK_INT(store_pg_wait(s, 0), 1);
	REQUIRE(kill_connections());

	CHECK_INT(s->ops->job_get(s, "drop000000000000", &j), STORE_OK);
	CHECK_INT(s->ops->ping(s), STORE_OK);
	/* Blobs do not retry: one failure, then a fresh connection. */
	b->ops->exists(b, "none", NULL);
	CHECK_INT(b->ops->exists(b, "none", NULL), BLOB_ENOTFOUND);
	/* The listener fails once, then listens again. */
	CHECK_INT(store_pg_wait(s, 0), STORE_EFAIL);
	CHECK_INT(store_pg_wait(s, 0), 1);
	add(s, "drop000000000001", "app", 2000);
	CHECK_INT(store_pg_wait(s, 30000), 1);
	b->ops->close(b);
	s->ops->close(s);
}

TEST(bad_url_gives_cause)
{
	struct store *s = NULL;
	char *cause = NULL;

	CHECK_INT(store_pg_open(&s, "postgresql://127.0.0.1:1/none", &cause),
		  STORE_EFAIL);
	CHECK(s == NULL);
	CHECK(cause && strstr(cause, "cannot connect"));
	free(cause);
	CHECK(store_pg_is_url("postgresql://h/db"));
	CHECK(store_pg_is_url("postgres://h/db"));
	CHECK(!store_pg_is_url("/var/lib/ppj/ppj.db"));
}

/* ---- blobs ---- */

#define BIG (6 * 1024 * 1024 + 12345)

/* Byte i of the test file: a pattern with no short period. */
static unsigned char pattern(size_t i)
{
	return (unsigned char)((i * 2654435761u) >> 13 ^ i >> 20);
}

/* Writes a file of n pattern bytes, 64 KiB at a time. */
static int write_pattern(const char *path, size_t n)
{
	static unsigned char buf[65536];
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	for (size_t off = 0; off < n; off += sizeof(buf)) {
		size_t k = n - off < sizeof(buf) ? n - off : sizeof(buf);

		for (size_t i = 0; i < k; i++)
			buf[i] = pattern(off + i);
		fwrite(buf, 1, k, f);
	}
	return fclose(f);
}

/* Whether the file holds exactly n pattern bytes. */
static int check_pattern(const char *path, size_t n)
{
	static unsigned char buf[65536];
	FILE *f = fopen(path, "rb");
	size_t off = 0, k;
	int ok = f != NULL;

	while (ok && (k = fread(buf, 1, sizeof(buf), f)) > 0) {
		for (size_t i = 0; ok && i < k; i++)
			ok = buf[i] == pattern(off + i);
		off += k;
	}
	if (f)
		fclose(f);
	return ok && off == n;
}

static long max_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* What both blob stores must do; tmp is a scratch directory. */
static void blob_contract(struct blob *b, const char *tmp)
{
	char in[600], out[600], small[600];
	int64_t size = -1;
	long before;

	snprintf(in, sizeof(in), "%s/in.bin", tmp);
	snprintf(out, sizeof(out), "%s/out.bin", tmp);
	snprintf(small, sizeof(small), "%s/small.bin", tmp);
	REQUIRE(write_pattern(in, BIG) == 0);
	REQUIRE(write_pattern(small, 100) == 0);

	CHECK_INT(b->ops->exists(b, "TOKEN.zip", &size), BLOB_ENOTFOUND);
	CHECK_INT(b->ops->get(b, "TOKEN.zip", out), BLOB_ENOTFOUND);
	before = max_rss_kb();
	CHECK_INT(b->ops->put(b, "TOKEN.zip", in), BLOB_OK);
	CHECK_INT(b->ops->get(b, "TOKEN.zip", out), BLOB_OK);
	/* Streamed: the peak grows by far less than the file's size. */
	CHECK(max_rss_kb() - before < BIG / 1024 / 2);
	CHECK(check_pattern(out, BIG));
	CHECK_INT(b->ops->exists(b, "TOKEN.zip", &size), BLOB_OK);
	CHECK_INT(size, BIG);

	/* A second put replaces the first. */
	CHECK_INT(b->ops->put(b, "TOKEN.zip", small), BLOB_OK);
	CHECK_INT(b->ops->get(b, "TOKEN.zip", out), BLOB_OK);
	CHECK(check_pattern(out, 100));
	CHECK_INT(b->ops->exists(b, "TOKEN.zip", NULL), BLOB_OK);

	CHECK_INT(b->ops->del(b, "TOKEN.zip"), BLOB_OK);
	CHECK_INT(b->ops->del(b, "TOKEN.zip"), BLOB_ENOTFOUND);
	CHECK_INT(b->ops->exists(b, "TOKEN.zip", &size), BLOB_ENOTFOUND);
	CHECK_INT(b->ops->put(b, "x", "/nonexistent/file"), BLOB_EIO);
	CHECK_INT(b->ops->exists(b, "x", NULL), BLOB_ENOTFOUND);

	CHECK_INT(b->ops->put(b, "../etc", small), BLOB_EINVAL);
	CHECK_INT(b->ops->put(b, "a/b", small), BLOB_EINVAL);
	CHECK_INT(b->ops->put(b, ".hidden", small), BLOB_EINVAL);
	CHECK_INT(b->ops->put(b, "", small), BLOB_EINVAL);
	CHECK_INT(b->ops->get(b, "a b", out), BLOB_EINVAL);
}

TEST(blob_names)
{
	char longname[BLOB_NAME_MAX + 2];

	CHECK(blob_name_ok("hhNy1Eq6Py2Kjpyt.zip"));
	CHECK(blob_name_ok("a-b_c.d"));
	CHECK(!blob_name_ok(NULL));
	CHECK(!blob_name_ok(".."));
	CHECK(!blob_name_ok("a\\b"));
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK(!blob_name_ok(longname));
	longname[BLOB_NAME_MAX] = '\0';
	CHECK(blob_name_ok(longname));
}

TEST(blob_dir_round_trip)
{
	const char *tmp = unit_tmpdir();
	char dir[600];
	struct blob *b = NULL;
	char *cause = NULL;

	snprintf(dir, sizeof(dir), "%s/blobs", tmp);
	REQUIRE(blob_dir_open(&b, dir, &cause) == BLOB_OK);
	blob_contract(b, tmp);
	b->ops->close(b);
}

TEST(blob_pg_round_trip)
{
	const char *url = fresh_url("blobs");
	const char *tmp = unit_tmpdir();
	struct blob *b = NULL, *other = NULL;
	char *cause = NULL, in[600], out[600];

	REQUIRE(url);
	REQUIRE(blob_pg_open(&b, url, &cause) == BLOB_OK);
	blob_contract(b, tmp);

	/* Another node sees what this one stored. */
	REQUIRE(blob_pg_open(&other, url, &cause) == BLOB_OK);
	snprintf(in, sizeof(in), "%s/in.bin", tmp);
	snprintf(out, sizeof(out), "%s/other.bin", tmp);
	CHECK_INT(b->ops->put(b, "shared.src", in), BLOB_OK);
	CHECK_INT(other->ops->get(other, "shared.src", out), BLOB_OK);
	CHECK(check_pattern(out, BIG));
	CHECK_INT(other->ops->del(other, "shared.src"), BLOB_OK);
	CHECK_INT(b->ops->exists(b, "shared.src", NULL), BLOB_ENOTFOUND);
	other->ops->close(other);
	b->ops->close(b);
}

TEST(wait_refuses_other_stores)
{
	CHECK_INT(store_pg_wait(NULL, 0), STORE_EFAIL);
	CHECK(store_pg_worker(NULL) == NULL);
}
