/*
 * The embedded store: one SQLite database (WAL mode) holding jobs, keys
 * and used signatures. One connection, guarded by a mutex, serves every
 * thread of the server; other processes (`ppj key add` while the server
 * runs) wait on the busy timeout.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/store/store.h"

struct sq_store {
	struct store base;
	sqlite3 *db;
	pthread_mutex_t lock;
};

static const char schema[] =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=NORMAL;"
	"CREATE TABLE IF NOT EXISTS jobs("
	" token TEXT PRIMARY KEY, appid TEXT NOT NULL,"
	" state INTEGER NOT NULL, claimed INTEGER NOT NULL DEFAULT 0,"
	" source_filename TEXT NOT NULL, source_filesize INTEGER NOT NULL,"
	" md5 TEXT NOT NULL, total_pages INTEGER,"
	" progress INTEGER NOT NULL DEFAULT 0,"
	" err_code TEXT, err_msg TEXT,"
	" created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS jobs_by_app ON jobs(appid, created_ms);"
	"CREATE INDEX IF NOT EXISTS jobs_queue ON jobs(state, claimed,"
	" created_ms);"
	"CREATE INDEX IF NOT EXISTS jobs_md5 ON jobs(appid, md5, state);"
	"CREATE TABLE IF NOT EXISTS keys("
	" appid TEXT PRIMARY KEY, secret TEXT NOT NULL,"
	" created_ms INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE IF NOT EXISTS used_sigs("
	" sig TEXT PRIMARY KEY, expires_ms INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS key_notify("
	" appid TEXT PRIMARY KEY, url TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS notifications("
	" token TEXT PRIMARY KEY, appid TEXT NOT NULL, url TEXT NOT NULL,"
	" code INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
	" due_ms INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0,"
	" delivered INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS notifications_due ON"
	" notifications(done, due_ms);"
	"CREATE TABLE IF NOT EXISTS notify_attempts("
	" token TEXT NOT NULL, n INTEGER NOT NULL, at_ms INTEGER NOT NULL,"
	" status INTEGER NOT NULL, error TEXT, duration_ms INTEGER NOT NULL,"
	" PRIMARY KEY(token, n));";

#define JOB_COLS "token, appid, state, source_filename, source_filesize," \
	" md5, total_pages, progress, err_code, err_msg, created_ms," \
	" updated_ms"

static struct sq_store *sq(struct store *s)
{
	return (struct sq_store *)s;
}

/* Prepares sql; NULL when SQLite refuses it. The caller finalizes. */
static sqlite3_stmt *prep(struct sq_store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	return st;
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static void read_job(sqlite3_stmt *st, struct store_job *j)
{
	memset(j, 0, sizeof(*j));
	copy_col(j->token, sizeof(j->token), st, 0);
	copy_col(j->appid, sizeof(j->appid), st, 1);
	j->state = sqlite3_column_int(st, 2);
	copy_col(j->source_filename, sizeof(j->source_filename), st, 3);
	j->source_filesize = sqlite3_column_int64(st, 4);
	copy_col(j->md5, sizeof(j->md5), st, 5);
	j->total_pages = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 :
		sqlite3_column_int(st, 6);
	j->progress = sqlite3_column_int(st, 7);
	copy_col(j->err_code, sizeof(j->err_code), st, 8);
	copy_col(j->err_msg, sizeof(j->err_msg), st, 9);
	j->created_ms = sqlite3_column_int64(st, 10);
	j->updated_ms = sqlite3_column_int64(st, 11);
}

/* Runs a statement that returns no rows; the result as a STORE_E*. */
static int run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT)
		return STORE_EEXIST;
	return rc == SQLITE_DONE ? STORE_OK : STORE_EFAIL;
}

static void sq_close(struct store *base)
{
	struct sq_store *s = sq(base);

	if (!s)
		return;
	sqlite3_close(s->db);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

static int sq_ping(struct store *base)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT count(*) FROM keys");
	rc = st && sqlite3_step(st) == SQLITE_ROW ? STORE_OK : STORE_EFAIL;
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_job_create(struct store *base, const struct store_job *j)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "INSERT INTO jobs(" JOB_COLS ") VALUES "
		  "(?,?,?,?,?,?,?,?,?,?,?,?)");
	if (st) {
		sqlite3_bind_text(st, 1, j->token, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, j->appid, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, j->state);
		sqlite3_bind_text(st, 4, j->source_filename, -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, j->source_filesize);
		sqlite3_bind_text(st, 6, j->md5, -1, SQLITE_STATIC);
		if (j->total_pages >= 0)
			sqlite3_bind_int(st, 7, j->total_pages);
		sqlite3_bind_int(st, 8, j->progress);
		if (j->err_code[0]) {
			sqlite3_bind_text(st, 9, j->err_code, -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(st, 10, j->err_msg, -1,
					  SQLITE_STATIC);
		}
		sqlite3_bind_int64(st, 11, j->created_ms);
		sqlite3_bind_int64(st, 12, j->updated_ms);
		rc = run(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* The caller holds the lock. */
static int get_locked(struct sq_store *s, const char *token,
		      struct store_job *out)
{
	sqlite3_stmt *st = prep(s, "SELECT " JOB_COLS
				" FROM jobs WHERE token = ?");
	int rc;

	if (!st)
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, token, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_job(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_ENOTFOUND : STORE_EFAIL;
}

static int sq_job_get(struct store *base, const char *token,
		      struct store_job *out)
{
	struct sq_store *s = sq(base);
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = get_locked(s, token, out);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_job_claim(struct store *base, struct store_job *out)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	char token[STORE_TOKEN_LEN + 1] = "";
	int rc;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT token FROM jobs WHERE state = 0 AND "
		  "claimed = 0 ORDER BY created_ms, rowid LIMIT 1");
	if (!st) {
		rc = STORE_EFAIL;
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		copy_col(token, sizeof(token), st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? STORE_ENOTFOUND : STORE_EFAIL;
		goto out;
	}

	st = prep(s, "UPDATE jobs SET claimed = 1, progress = 0, "
		  "updated_ms = ? WHERE token = ?");
	if (!st) {
		rc = STORE_EFAIL;
		goto out;
	}
	sqlite3_bind_int64(st, 1, store_now_ms());
	sqlite3_bind_text(st, 2, token, -1, SQLITE_STATIC);
	rc = run(st);
	if (rc == STORE_OK)
		rc = get_locked(s, token, out);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_job_set_state(struct store *base, const char *token,
			    int state, const char *code, const char *msg)
{
	struct sq_store *s = sq(base);
	struct store_job j;
	sqlite3_stmt *st;
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = get_locked(s, token, &j);
	if (rc)
		goto out;
	if (!job_transition_ok(j.state, state)) {
		rc = STORE_EBACKWARD;
		goto out;
	}
	st = prep(s, "UPDATE jobs SET state = ?, updated_ms = ?, "
		  "err_code = coalesce(?, err_code), "
		  "err_msg = coalesce(?, err_msg), "
		  "claimed = (CASE WHEN ? >= 4 THEN 0 ELSE claimed END) "
		  "WHERE token = ?");
	if (!st) {
		rc = STORE_EFAIL;
		goto out;
	}
	sqlite3_bind_int(st, 1, state);
	sqlite3_bind_int64(st, 2, store_now_ms());
	if (code)
		sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
	if (msg)
		sqlite3_bind_text(st, 4, msg, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, state);
	sqlite3_bind_text(st, 6, token, -1, SQLITE_STATIC);
	rc = run(st);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_job_progress(struct store *base, const char *token,
			   int done, int total)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "UPDATE jobs SET progress = ?, total_pages = ?, "
		  "updated_ms = ? WHERE token = ? AND state < 4");
	if (st) {
		sqlite3_bind_int(st, 1, done);
		if (total >= 0)
			sqlite3_bind_int(st, 2, total);
		sqlite3_bind_int64(st, 3, store_now_ms());
		sqlite3_bind_text(st, 4, token, -1, SQLITE_STATIC);
		rc = run(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/*
 * Back to the queue: the one backward move, allowed only for a job that
 * is still in progress (a worker stopped or the server died under it).
 */
static int sq_job_requeue(struct store *base, const char *token)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "UPDATE jobs SET state = 0, claimed = 0, progress = 0,"
		  " updated_ms = ? WHERE token = ? AND state < 4");
	if (st) {
		sqlite3_bind_int64(st, 1, store_now_ms());
		sqlite3_bind_text(st, 2, token, -1, SQLITE_STATIC);
		rc = run(st);
	}
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_EBACKWARD;
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_job_requeue_all(struct store *base, int *n)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	*n = 0;
	pthread_mutex_lock(&s->lock);
	st = prep(s, "UPDATE jobs SET state = 0, claimed = 0, progress = 0,"
		  " updated_ms = ? WHERE state < 3 AND (state > 0 OR "
		  "claimed = 1)");
	if (st) {
		sqlite3_bind_int64(st, 1, store_now_ms());
		rc = run(st);
		*n = sqlite3_changes(s->db);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* Steps st, handing column 0 of each row to fn. */
static int each_token(sqlite3_stmt *st, store_token_fn fn, void *ctx)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		if (t)
			fn(ctx, (const char *)t);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STORE_OK : STORE_EFAIL;
}

static int sq_job_list(struct store *base, const struct store_filter *f,
		       store_token_fn fn, void *ctx)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT token FROM jobs WHERE appid = ? "
		  "AND (? < 0 OR state = ?) AND created_ms >= ? "
		  "AND created_ms < ? ORDER BY created_ms DESC, rowid DESC "
		  "LIMIT ?");
	if (st) {
		sqlite3_bind_text(st, 1, f->appid ? f->appid : "", -1,
				  SQLITE_STATIC);
		sqlite3_bind_int(st, 2, f->state);
		sqlite3_bind_int(st, 3, f->state);
		sqlite3_bind_int64(st, 4, f->since_ms);
		sqlite3_bind_int64(st, 5, f->before_ms);
		sqlite3_bind_int64(st, 6, f->limit ? (int64_t)f->limit :
				   INT64_MAX);
		rc = each_token(st, fn, ctx);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_job_find_done(struct store *base, const char *appid,
			    const char *md5, struct store_job *out)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT " JOB_COLS " FROM jobs WHERE appid = ? AND "
		  "md5 = ? AND state = 4 ORDER BY created_ms DESC LIMIT 1");
	if (st) {
		sqlite3_bind_text(st, 1, appid, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, md5, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			read_job(st, out);
		rc = rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ?
			STORE_ENOTFOUND : STORE_EFAIL;
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_job_expired(struct store *base, int64_t before_ms,
			  size_t max, store_token_fn fn, void *ctx)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT token FROM jobs WHERE state IN (4, 5) AND "
		  "created_ms < ? ORDER BY created_ms LIMIT ?");
	if (st) {
		sqlite3_bind_int64(st, 1, before_ms);
		sqlite3_bind_int64(st, 2, (int64_t)max);
		rc = each_token(st, fn, ctx);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_job_count(struct store *base, int counts[JOB_NSTATES],
			int *queued)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	memset(counts, 0, sizeof(int) * JOB_NSTATES);
	*queued = 0;
	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT state, claimed, count(*) FROM jobs "
		  "GROUP BY state, claimed");
	if (st) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int state = sqlite3_column_int(st, 0);
			int n = sqlite3_column_int(st, 2);

			if (state < 0 || state >= JOB_NSTATES)
				continue;
			counts[state] += n;
			if (state == JOB_CONVERTING &&
			    sqlite3_column_int(st, 1) == 0)
				*queued += n;
		}
		sqlite3_finalize(st);
		rc = rc == SQLITE_DONE ? STORE_OK : STORE_EFAIL;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_key_add(struct store *base, const struct store_key *k)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "INSERT INTO keys(appid, secret, created_ms, revoked) "
		  "VALUES (?, ?, ?, 0)");
	if (st) {
		sqlite3_bind_text(st, 1, k->appid, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, k->secret, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, k->created_ms);
		rc = run(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static void read_key(sqlite3_stmt *st, struct store_key *k)
{
	copy_col(k->appid, sizeof(k->appid), st, 0);
	copy_col(k->secret, sizeof(k->secret), st, 1);
	k->created_ms = sqlite3_column_int64(st, 2);
	k->revoked = sqlite3_column_int(st, 3) != 0;
}

static int sq_key_get(struct store *base, const char *appid,
		      struct store_key *out)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT appid, secret, created_ms, revoked FROM keys "
		  "WHERE appid = ?");
	if (st) {
		sqlite3_bind_text(st, 1, appid, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			read_key(st, out);
		rc = rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ?
			STORE_ENOTFOUND : STORE_EFAIL;
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_key_revoke(struct store *base, const char *appid)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "UPDATE keys SET revoked = 1 WHERE appid = ?");
	if (st) {
		sqlite3_bind_text(st, 1, appid, -1, SQLITE_STATIC);
		rc = run(st);
		if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
			rc = STORE_ENOTFOUND;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_key_list(struct store *base, struct store_key *keys,
		       size_t max, size_t *n)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	*n = 0;
	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT appid, secret, created_ms, revoked FROM keys "
		  "ORDER BY created_ms, appid");
	if (st) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
			read_key(st, &keys[(*n)++]);
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK :
			STORE_EFAIL;
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_key_count(struct store *base, int *active)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	*active = 0;
	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT count(*) FROM keys WHERE revoked = 0");
	if (st) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			*active = sqlite3_column_int(st, 0);
			rc = STORE_OK;
		}
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_sig_use(struct store *base, const char *sig,
		      int64_t expires_ms)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "INSERT INTO used_sigs(sig, expires_ms) VALUES (?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, sig, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, expires_ms);
		rc = run(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_sig_prune(struct store *base, int64_t now_ms)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "DELETE FROM used_sigs WHERE expires_ms < ?");
	if (st) {
		sqlite3_bind_int64(st, 1, now_ms);
		rc = run(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* Callbacks (server/notify): notify URLs of keys, deliveries, attempts. */

static int sq_key_notify_set(struct store *base, const char *appid,
			     const char *url)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	struct store_key k;
	int rc;

	if (sq_key_get(base, appid, &k))
		return STORE_ENOTFOUND;
	pthread_mutex_lock(&s->lock);
	st = prep(s, *url ? "INSERT OR REPLACE INTO key_notify(appid, url) "
		  "VALUES (?, ?)" : "DELETE FROM key_notify WHERE appid = ?");
	rc = STORE_EFAIL;
	if (st) {
		sqlite3_bind_text(st, 1, appid, -1, SQLITE_STATIC);
		if (*url)
			sqlite3_bind_text(st, 2, url, -1, SQLITE_STATIC);
		rc = run(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_key_notify_get(struct store *base, const char *appid,
			     char *url, size_t n)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT url FROM key_notify WHERE appid = ?");
	if (st) {
		sqlite3_bind_text(st, 1, appid, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			copy_col(url, n, st, 0);
		rc = rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ?
			STORE_ENOTFOUND : STORE_EFAIL;
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

#define NOTIFY_COLS "token, appid, url, code, attempts, due_ms, done," \
	" delivered"

static void read_notify(sqlite3_stmt *st, struct store_notify *n)
{
	memset(n, 0, sizeof(*n));
	copy_col(n->token, sizeof(n->token), st, 0);
	copy_col(n->appid, sizeof(n->appid), st, 1);
	copy_col(n->url, sizeof(n->url), st, 2);
	n->code = sqlite3_column_int(st, 3);
	n->attempts = sqlite3_column_int(st, 4);
	n->due_ms = sqlite3_column_int64(st, 5);
	n->done = sqlite3_column_int(st, 6) != 0;
	n->delivered = sqlite3_column_int(st, 7) != 0;
}

static int sq_notify_add(struct store *base, const struct store_notify *n)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "INSERT INTO notifications(" NOTIFY_COLS ") "
		  "VALUES (?, ?, ?, ?, 0, ?, 0, 0)");
	if (st) {
		sqlite3_bind_text(st, 1, n->token, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, n->appid, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, n->url, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, n->code);
		sqlite3_bind_int64(st, 5, n->due_ms);
		rc = run(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* The caller holds the lock. */
static int notify_get_locked(struct sq_store *s, const char *token,
			     struct store_notify *out)
{
	sqlite3_stmt *st = prep(s, "SELECT " NOTIFY_COLS
				" FROM notifications WHERE token = ?");
	int rc;

	if (!st)
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, token, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_notify(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_ENOTFOUND : STORE_EFAIL;
}

/* One process owns a SQLite store: the mutex makes the claim atomic. */
static int sq_notify_claim(struct store *base, int64_t now_ms,
			   int64_t until_ms, struct store_notify *out)
{
	struct sq_store *s = sq(base);
	char token[STORE_TOKEN_LEN + 1] = "";
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT token FROM notifications WHERE done = 0 AND "
		  "due_ms <= ? ORDER BY due_ms LIMIT 1");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, now_ms);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		copy_col(token, sizeof(token), st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? STORE_ENOTFOUND : STORE_EFAIL;
		goto out;
	}
	st = prep(s, "UPDATE notifications SET due_ms = ? WHERE token = ?");
	rc = STORE_EFAIL;
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, until_ms);
	sqlite3_bind_text(st, 2, token, -1, SQLITE_STATIC);
	rc = run(st);
	if (rc == STORE_OK)
		rc = notify_get_locked(s, token, out);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_notify_record(struct store *base, const char *token,
			    const struct store_attempt *a, int64_t next_ms,
			    bool delivered)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "INSERT OR REPLACE INTO notify_attempts(token, n, "
		  "at_ms, status, error, duration_ms) "
		  "VALUES (?, ?, ?, ?, ?, ?)");
	if (!st)
		goto out;
	sqlite3_bind_text(st, 1, token, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, a->n);
	sqlite3_bind_int64(st, 3, a->at_ms);
	sqlite3_bind_int(st, 4, a->status);
	sqlite3_bind_text(st, 5, a->error, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, a->duration_ms);
	rc = run(st);
	if (rc)
		goto out;
	st = prep(s, "UPDATE notifications SET attempts = ?, due_ms = ?, "
		  "done = ?, delivered = ? WHERE token = ?");
	rc = STORE_EFAIL;
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, a->n);
	sqlite3_bind_int64(st, 2, next_ms < 0 ? a->at_ms : next_ms);
	sqlite3_bind_int(st, 3, next_ms < 0);
	sqlite3_bind_int(st, 4, delivered);
	sqlite3_bind_text(st, 5, token, -1, SQLITE_STATIC);
	rc = run(st);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_notify_next(struct store *base, int64_t *due_ms)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT min(due_ms) FROM notifications WHERE done = 0");
	if (st) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) !=
		    SQLITE_NULL) {
			*due_ms = sqlite3_column_int64(st, 0);
			rc = STORE_OK;
		} else {
			rc = rc == SQLITE_ROW ? STORE_ENOTFOUND : STORE_EFAIL;
		}
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_notify_get(struct store *base, const char *token,
			 struct store_notify *out)
{
	struct sq_store *s = sq(base);
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = notify_get_locked(s, token, out);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int sq_notify_attempts(struct store *base, const char *token,
			      struct store_attempt *out, size_t max,
			      size_t *n)
{
	struct sq_store *s = sq(base);
	sqlite3_stmt *st;
	int rc = STORE_EFAIL;

	*n = 0;
	pthread_mutex_lock(&s->lock);
	st = prep(s, "SELECT n, at_ms, status, error, duration_ms FROM "
		  "notify_attempts WHERE token = ? ORDER BY n LIMIT ?");
	if (st) {
		sqlite3_bind_text(st, 1, token, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (int64_t)max);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
			struct store_attempt *a = &out[(*n)++];

			a->n = sqlite3_column_int(st, 0);
			a->at_ms = sqlite3_column_int64(st, 1);
			a->status = sqlite3_column_int(st, 2);
			copy_col(a->error, sizeof(a->error), st, 3);
			a->duration_ms = sqlite3_column_int64(st, 4);
		}
		rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? STORE_OK :
			STORE_EFAIL;
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static const struct store_ops sq_ops = {
	.close = sq_close,
	.ping = sq_ping,
	.job_create = sq_job_create,
	.job_get = sq_job_get,
	.job_claim = sq_job_claim,
	.job_set_state = sq_job_set_state,
	.job_progress = sq_job_progress,
	.job_requeue = sq_job_requeue,
	.job_requeue_all = sq_job_requeue_all,
	.job_list = sq_job_list,
	.job_find_done = sq_job_find_done,
	.job_expired = sq_job_expired,
	.job_count = sq_job_count,
	.key_add = sq_key_add,
	.key_get = sq_key_get,
	.key_revoke = sq_key_revoke,
	.key_list = sq_key_list,
	.key_count = sq_key_count,
	.sig_use = sq_sig_use,
	.sig_prune = sq_sig_prune,
	.key_notify_set = sq_key_notify_set,
	.key_notify_get = sq_key_notify_get,
	.notify_add = sq_notify_add,
	.notify_claim = sq_notify_claim,
	.notify_record = sq_notify_record,
	.notify_next = sq_notify_next,
	.notify_get = sq_notify_get,
	.notify_attempts = sq_notify_attempts,
};

int store_sqlite_open(struct store **out, const char *path, char **cause)
{
	struct sq_store *s = calloc(1, sizeof(*s));
	char *msg = NULL;

	*out = NULL;
	*cause = NULL;
	if (!s)
		return STORE_EFAIL;
	s->base.ops = &sq_ops;
	pthread_mutex_init(&s->lock, NULL);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		if (asprintf(cause, "cannot open '%s': %s", path,
			     sqlite3_errmsg(s->db)) < 0)
			*cause = NULL;
		sq_close(&s->base);
		return STORE_EFAIL;
	}
	sqlite3_busy_timeout(s->db, 10000);
	if (sqlite3_exec(s->db, schema, NULL, NULL, &msg) != SQLITE_OK) {
		if (asprintf(cause, "cannot set up '%s': %s", path,
			     msg ? msg : "?") < 0)
			*cause = NULL;
		sqlite3_free(msg);
		sq_close(&s->base);
		return STORE_EFAIL;
	}
	*out = &s->base;
	return STORE_OK;
}
