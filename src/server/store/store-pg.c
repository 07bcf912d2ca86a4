/*
 * The shared store: jobs, keys and used signatures in PostgreSQL, for
 * several API servers and workers on several machines.
 *
 * Every operation is one prepared statement run in autocommit on a
 * pooled connection (store-pg-conn.c), parameters passed as text, never
 * spliced into SQL. The queue:
 * - job_claim takes the oldest queued job with FOR UPDATE SKIP LOCKED,
 *   so concurrent workers never wait on each other nor take the same
 *   job, and writes the worker id and the end of its lease;
 * - job_renew_lease pushes the lease on while the worker converts;
 * - job_reclaim_expired puts jobs of dead workers back in the queue;
 * - a trigger sends NOTIFY ppj_jobs whenever a job is queued (created,
 *   requeued, reclaimed); store_pg_wait listens on its own connection.
 * State moves compare and set: the new state is written only if the
 * row still holds the state the forward-only check was made on.
 */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/store/store-pg-int.h"
#include "server/store/store-pg.h"

#define POOL_SIZE 8
#define CAS_TRIES 16

struct pg_store {
	struct store base;
	struct pg_pool pool;
	char worker[STORE_PG_WORKER_MAX + 1];
	int64_t lease_ms;
	pthread_mutex_t listen_lock;
	PGconn *listen;		/* LISTEN ppj_jobs; under listen_lock */
};

#define JOB_COLS "token, appid, state, source_filename, source_filesize," \
	" md5, total_pages, progress, err_code, err_msg, created_ms," \
	" updated_ms"

enum {
	Q_PING, Q_CREATE, Q_GET, Q_CLAIM, Q_STATE_CAS, Q_PROGRESS,
	Q_REQUEUE, Q_REQUEUE_ALL, Q_LIST, Q_FIND_DONE, Q_EXPIRED, Q_COUNT,
	Q_KEY_ADD, Q_KEY_GET, Q_KEY_REVOKE, Q_KEY_LIST, Q_KEY_COUNT,
	Q_SIG_USE, Q_SIG_PRUNE, Q_RENEW, Q_RECLAIM,
	Q_KN_SET, Q_KN_DEL, Q_KN_GET, Q_N_ADD, Q_N_CLAIM, Q_N_RECORD,
	Q_N_NEXT, Q_N_GET, Q_N_ATTEMPTS, NQ
};

#define NOTIFY_COLS "token, appid, url, code, attempts, due_ms, done," \
	" delivered"

/* What a job goes back to the queue with. */
#define REQUEUE_SET "SET state = 0, claimed = false, worker_id = NULL," \
	" lease_until = NULL, progress = 0, updated_ms = $1::bigint"

static const struct pg_stmt stmts[NQ] = {
	[Q_PING] = { "SELECT count(*) FROM ppj_keys", 0 },
	[Q_CREATE] = { "INSERT INTO ppj_jobs(" JOB_COLS ") VALUES ($1, $2,"
		" $3::int, $4, $5::bigint, $6, $7::int, $8::int, $9, $10,"
		" $11::bigint, $12::bigint) ON CONFLICT DO NOTHING", 12 },
	[Q_GET] = { "SELECT " JOB_COLS " FROM ppj_jobs WHERE token = $1",
		1 },
	[Q_CLAIM] = { "UPDATE ppj_jobs SET claimed = true, progress = 0,"
		" worker_id = $1, lease_until = $2::bigint,"
		" updated_ms = $3::bigint WHERE token = (SELECT token FROM"
		" ppj_jobs WHERE state = 0 AND NOT claimed"
		" ORDER BY created_ms, seq LIMIT 1 FOR UPDATE SKIP LOCKED)"
		" AND state = 0 AND NOT claimed RETURNING " JOB_COLS, 3 },
	[Q_STATE_CAS] = { "UPDATE ppj_jobs SET state = $2::int,"
		" updated_ms = $3::bigint,"
		" err_code = coalesce($4, err_code),"
		" err_msg = coalesce($5, err_msg),"
		" claimed = claimed AND $2::int < 4,"
		" worker_id = CASE WHEN $2::int < 4 THEN worker_id END,"
		" lease_until = CASE WHEN $2::int < 4 THEN lease_until END"
		" WHERE token = $1 AND state = $6::int", 6 },
	[Q_PROGRESS] = { "UPDATE ppj_jobs SET progress = $2::int,"
		" total_pages = $3::int, updated_ms = $4::bigint"
		" WHERE token = $1 AND state < 4", 4 },
	[Q_REQUEUE] = { "UPDATE ppj_jobs " REQUEUE_SET
		" WHERE token = $2 AND state < 4", 2 },
	[Q_REQUEUE_ALL] = { "UPDATE ppj_jobs " REQUEUE_SET
		" WHERE state < 3 AND (state > 0 OR claimed) AND"
		" (lease_until IS NULL OR lease_until < $1::bigint OR"
		" worker_id = $2)", 2 },
	[Q_LIST] = { "SELECT token FROM ppj_jobs WHERE appid = $1"
		" AND ($2::int < 0 OR state = $2::int)"
		" AND created_ms >= $3::bigint AND created_ms < $4::bigint"
		" ORDER BY created_ms DESC, seq DESC LIMIT $5::bigint", 5 },
	[Q_FIND_DONE] = { "SELECT " JOB_COLS " FROM ppj_jobs"
		" WHERE appid = $1 AND md5 = $2 AND state = 4"
		" ORDER BY created_ms DESC, seq DESC LIMIT 1", 2 },
	[Q_EXPIRED] = { "SELECT token FROM ppj_jobs WHERE state IN (4, 5)"
		" AND created_ms < $1::bigint ORDER BY created_ms, seq"
		" LIMIT $2::bigint", 2 },
	[Q_COUNT] = { "SELECT state, claimed, count(*) FROM ppj_jobs"
		" GROUP BY state, claimed", 0 },
	[Q_KEY_ADD] = { "INSERT INTO ppj_keys(appid, secret, created_ms,"
		" revoked) VALUES ($1, $2, $3::bigint, false)"
		" ON CONFLICT DO NOTHING", 3 },
	[Q_KEY_GET] = { "SELECT appid, secret, created_ms, revoked"
		" FROM ppj_keys WHERE appid = $1", 1 },
	[Q_KEY_REVOKE] = { "UPDATE ppj_keys SET revoked = true"
		" WHERE appid = $1", 1 },
	[Q_KEY_LIST] = { "SELECT appid, secret, created_ms, revoked"
		" FROM ppj_keys ORDER BY created_ms, appid"
		" LIMIT $1::bigint", 1 },
	[Q_KEY_COUNT] = { "SELECT count(*) FROM ppj_keys"
		" WHERE NOT revoked", 0 },
	[Q_SIG_USE] = { "INSERT INTO ppj_used_sigs(sig, expires_ms)"
		" VALUES ($1, $2::bigint) ON CONFLICT DO NOTHING", 2 },
	[Q_SIG_PRUNE] = { "DELETE FROM ppj_used_sigs"
		" WHERE expires_ms < $1::bigint", 1 },
	[Q_RENEW] = { "UPDATE ppj_jobs SET lease_until = $3::bigint"
		" WHERE token = $1 AND worker_id = $2 AND claimed"
		" AND state < 4", 3 },
	[Q_RECLAIM] = { "UPDATE ppj_jobs " REQUEUE_SET
		" WHERE claimed AND state < 3"
		" AND lease_until < $1::bigint", 1 },
	[Q_KN_SET] = { "INSERT INTO ppj_key_notify(appid, url)"
		" VALUES ($1, $2) ON CONFLICT (appid)"
		" DO UPDATE SET url = EXCLUDED.url", 2 },
	[Q_KN_DEL] = { "DELETE FROM ppj_key_notify WHERE appid = $1", 1 },
	[Q_KN_GET] = { "SELECT url FROM ppj_key_notify WHERE appid = $1",
		1 },
	[Q_N_ADD] = { "INSERT INTO ppj_notifications(" NOTIFY_COLS ")"
		" VALUES ($1, $2, $3, $4::int, 0, $5::bigint, false, false)"
		" ON CONFLICT DO NOTHING", 5 },
	[Q_N_CLAIM] = { "UPDATE ppj_notifications SET due_ms = $2::bigint"
		" WHERE token = (SELECT token FROM ppj_notifications"
		" WHERE NOT done AND due_ms <= $1::bigint ORDER BY due_ms"
		" LIMIT 1 FOR UPDATE SKIP LOCKED) AND NOT done"
		" AND due_ms <= $1::bigint RETURNING " NOTIFY_COLS, 2 },
	[Q_N_RECORD] = { "WITH a AS (INSERT INTO ppj_notify_attempts(token,"
		" n, at_ms, status, error, duration_ms) VALUES ($1, $2::int,"
		" $3::bigint, $4::int, $5, $6::bigint)"
		" ON CONFLICT (token, n) DO NOTHING)"
		" UPDATE ppj_notifications SET attempts = $2::int,"
		" due_ms = $7::bigint, done = $8::boolean,"
		" delivered = $9::boolean WHERE token = $1", 9 },
	[Q_N_NEXT] = { "SELECT min(due_ms) FROM ppj_notifications"
		" WHERE NOT done", 0 },
	[Q_N_GET] = { "SELECT " NOTIFY_COLS " FROM ppj_notifications"
		" WHERE token = $1", 1 },
	[Q_N_ATTEMPTS] = { "SELECT n, at_ms, status, error, duration_ms"
		" FROM ppj_notify_attempts WHERE token = $1 ORDER BY n"
		" LIMIT $2::bigint", 2 },
};

static struct pg_store *pg(struct store *s)
{
	return (struct pg_store *)s;
}

/* The length of the UTF-8 sequence at p, or 0 when it is not valid. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned c = p[0];
	size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 :
		c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;

	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) ||
	    (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
		return 0;	/* overlong, surrogate, over U+10FFFF */
	return n;
}

/*
 * PostgreSQL refuses text that is not UTF-8, and names and messages may
 * come from a client or a deck. NULL when v is valid; else an allocated
 * copy with each bad byte replaced by '?' (a token or an appid that is
 * not UTF-8 then simply matches nothing).
 */
static char *utf8_fixed(const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	char *out;
	size_t n;

	while (*p && (n = utf8_len(p)) > 0)
		p += n;
	if (!*p || !(out = strdup(v)))
		return NULL;
	for (size_t i = 0; out[i];) {
		n = utf8_len((const unsigned char *)out + i);
		if (n == 0)
			out[i++] = '?';
		else
			i += n;
	}
	return out;
}

static PGresult *query_once(struct pg_store *s, int id,
			    const char *const *v);

/*
 * Runs statement id with parameters v on a pooled connection. The
 * result (the caller PQclear()s it) is independent of the connection,
 * which is back in the pool on return; NULL when none could be had.
 *
 * A connection the server dropped (a restart, an idle timeout) is found
 * out only when used: then the statement runs once more on a fresh one.
 * If the first run had committed just before the drop, the second sees
 * its effect (a create answers EEXIST, a claim takes a second job whose
 * first one comes back when its lease ends).
 */
static PGresult *query(struct pg_store *s, int id, const char *const *v)
{
	int n = v ? stmts[id].nparams : 0;
	const char *use[16];
	char *fixed[16] = { NULL };
	PGresult *r;

	assert(n <= 16);
	for (int i = 0; i < n; i++) {
		fixed[i] = v[i] ? utf8_fixed(v[i]) : NULL;
		use[i] = fixed[i] ? fixed[i] : v[i];
	}
	r = query_once(s, id, n ? use : NULL);
	for (int i = 0; i < n; i++)
		free(fixed[i]);
	return r;
}

static PGresult *query_once(struct pg_store *s, int id,
			    const char *const *v)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		PGconn *c = pg_pool_get(&s->pool);
		PGresult *r;
		bool broken;

		if (!c)
			return NULL;
		r = pg_exec(&s->pool, c, id, v);
		broken = PQstatus(c) != CONNECTION_OK;
		pg_pool_put(&s->pool, c);
		if (!broken)
			return r;
		PQclear(r);
	}
	return NULL;
}

/* The STORE_E* code of a statement that returns no rows. */
static int run(struct pg_store *s, int id, const char *const *v,
	       int64_t *changed)
{
	PGresult *r = query(s, id, v);
	int rc = STORE_OK;

	if (!pg_ok(r))
		rc = r && pg_unique_violation(r) ? STORE_EEXIST :
			STORE_EFAIL;
	else if (changed)
		*changed = strtoll(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	return rc;
}

static void copy_val(char *dst, size_t n, const PGresult *r, int row,
		     int col)
{
	snprintf(dst, n, "%s", PQgetvalue(r, row, col));
}

static int64_t i64_val(const PGresult *r, int row, int col)
{
	return strtoll(PQgetvalue(r, row, col), NULL, 10);
}

static void read_job(const PGresult *r, int row, struct store_job *j)
{
	memset(j, 0, sizeof(*j));
	copy_val(j->token, sizeof(j->token), r, row, 0);
	copy_val(j->appid, sizeof(j->appid), r, row, 1);
	j->state = (int)i64_val(r, row, 2);
	copy_val(j->source_filename, sizeof(j->source_filename), r, row, 3);
	j->source_filesize = i64_val(r, row, 4);
	copy_val(j->md5, sizeof(j->md5), r, row, 5);
	j->total_pages = PQgetisnull(r, row, 6) ? -1 :
		(int)i64_val(r, row, 6);
	j->progress = (int)i64_val(r, row, 7);
	copy_val(j->err_code, sizeof(j->err_code), r, row, 8);
	copy_val(j->err_msg, sizeof(j->err_msg), r, row, 9);
	j->created_ms = i64_val(r, row, 10);
	j->updated_ms = i64_val(r, row, 11);
}

/* Runs a statement returning at most one job into *out. */
static int one_job(struct pg_store *s, int id, const char *const *v,
		   struct store_job *out)
{
	PGresult *r = query(s, id, v);
	int rc = STORE_EFAIL;

	if (pg_ok(r)) {
		rc = PQntuples(r) > 0 && PQnfields(r) >= 12 ?
			STORE_OK : STORE_ENOTFOUND;
		if (rc == STORE_OK)
			read_job(r, 0, out);
	}
	PQclear(r);
	return rc;
}

/* Runs a statement returning tokens, handing each to fn. */
static int each_token(struct pg_store *s, int id, const char *const *v,
		      store_token_fn fn, void *ctx)
{
	PGresult *r = query(s, id, v);
	int rc = pg_ok(r) ? STORE_OK : STORE_EFAIL;

	for (int i = 0; rc == STORE_OK && i < PQntuples(r); i++)
		fn(ctx, PQgetvalue(r, i, 0));
	PQclear(r);
	return rc;
}

static void pg_close(struct store *base)
{
	struct pg_store *s = pg(base);

	if (!s)
		return;
	if (s->listen)
		PQfinish(s->listen);
	pthread_mutex_destroy(&s->listen_lock);
	pg_pool_release(&s->pool);
	free(s);
}

static int pg_ping(struct store *base)
{
	return run(pg(base), Q_PING, NULL, NULL);
}

static int pg_job_create(struct store *base, const struct store_job *j)
{
	char st[24], size[24], pages[24], done[24], cre[24], upd[24];
	const char *v[] = {
		j->token, j->appid, pg_i64(st, j->state), j->source_filename,
		pg_i64(size, j->source_filesize), j->md5,
		j->total_pages >= 0 ? pg_i64(pages, j->total_pages) : NULL,
		pg_i64(done, j->progress),
		j->err_code[0] ? j->err_code : NULL,
		j->err_code[0] ? j->err_msg : NULL,
		pg_i64(cre, j->created_ms), pg_i64(upd, j->updated_ms),
	};
	int64_t n = 0;
	int rc = run(pg(base), Q_CREATE, v, &n);

	return rc == STORE_OK && n == 0 ? STORE_EEXIST : rc;
}

static int pg_job_get(struct store *base, const char *token,
		      struct store_job *out)
{
	const char *v[] = { token };

	return one_job(pg(base), Q_GET, v, out);
}

static int pg_job_claim(struct store *base, struct store_job *out)
{
	struct pg_store *s = pg(base);
	int64_t now = store_now_ms();
	char until[24], upd[24];
	const char *v[] = { s->worker, pg_i64(until, now + s->lease_ms),
			    pg_i64(upd, now) };

	return one_job(s, Q_CLAIM, v, out);
}

/*
 * Compare and set: reads the state, checks the move, writes it only if
 * the row still has the state read. Another node moving the job between
 * the two makes the write miss; then read again (a few times at most).
 */
static int pg_job_set_state(struct store *base, const char *token,
			    int state, const char *code, const char *msg)
{
	struct pg_store *s = pg(base);
	char to[24], now[24], from[24];
	struct store_job j;
	int64_t n = 0;
	int rc;

	for (int i = 0; i < CAS_TRIES; i++) {
		rc = pg_job_get(base, token, &j);
		if (rc)
			return rc;
		if (!job_transition_ok(j.state, state))
			return STORE_EBACKWARD;

		const char *v[] = { token, pg_i64(to, state),
				    pg_i64(now, store_now_ms()), code, msg,
				    pg_i64(from, j.state) };

		rc = run(s, Q_STATE_CAS, v, &n);
		if (rc || n == 1)
			return rc;
	}
	return STORE_EFAIL;
}

static int pg_job_progress(struct store *base, const char *token,
			   int done, int total)
{
	char d[24], t[24], now[24];
	const char *v[] = { token, pg_i64(d, done),
			    total >= 0 ? pg_i64(t, total) : NULL,
			    pg_i64(now, store_now_ms()) };

	return run(pg(base), Q_PROGRESS, v, NULL);
}

static int pg_job_requeue(struct store *base, const char *token)
{
	char now[24];
	const char *v[] = { pg_i64(now, store_now_ms()), token };
	int64_t n = 0;
	int rc = run(pg(base), Q_REQUEUE, v, &n);

	return rc == STORE_OK && n == 0 ? STORE_EBACKWARD : rc;
}

static int pg_job_requeue_all(struct store *base, int *n)
{
	struct pg_store *s = pg(base);
	char now[24];
	const char *v[] = { pg_i64(now, store_now_ms()), s->worker };
	int64_t changed = 0;
	int rc = run(s, Q_REQUEUE_ALL, v, &changed);

	*n = (int)changed;
	return rc;
}

static int pg_job_list(struct store *base, const struct store_filter *f,
		       store_token_fn fn, void *ctx)
{
	char st[24], since[24], before[24], lim[24];
	const char *v[] = { f->appid ? f->appid : "", pg_i64(st, f->state),
			    pg_i64(since, f->since_ms),
			    pg_i64(before, f->before_ms),
			    f->limit ? pg_i64(lim, (int64_t)f->limit) : NULL };

	return each_token(pg(base), Q_LIST, v, fn, ctx);
}

static int pg_job_find_done(struct store *base, const char *appid,
			    const char *md5, struct store_job *out)
{
	const char *v[] = { appid, md5 };

	return one_job(pg(base), Q_FIND_DONE, v, out);
}

static int pg_job_expired(struct store *base, int64_t before_ms,
			  size_t max, store_token_fn fn, void *ctx)
{
	char before[24], lim[24];
	const char *v[] = { pg_i64(before, before_ms),
			    pg_i64(lim, (int64_t)max) };

	return each_token(pg(base), Q_EXPIRED, v, fn, ctx);
}

static int pg_job_count(struct store *base, int counts[JOB_NSTATES],
			int *queued)
{
	PGresult *r = query(pg(base), Q_COUNT, NULL);
	int rc = pg_ok(r) ? STORE_OK : STORE_EFAIL;

	memset(counts, 0, sizeof(int) * JOB_NSTATES);
	*queued = 0;
	for (int i = 0; rc == STORE_OK && i < PQntuples(r); i++) {
		int64_t state = i64_val(r, i, 0), n = i64_val(r, i, 2);

		if (state < 0 || state >= JOB_NSTATES)
			continue;
		counts[state] += (int)n;
		if (state == JOB_CONVERTING && PQgetvalue(r, i, 1)[0] == 'f')
			*queued += (int)n;
	}
	PQclear(r);
	return rc;
}

static int pg_key_add(struct store *base, const struct store_key *k)
{
	char cre[24];
	const char *v[] = { k->appid, k->secret, pg_i64(cre, k->created_ms) };
	int64_t n = 0;
	int rc = run(pg(base), Q_KEY_ADD, v, &n);

	return rc == STORE_OK && n == 0 ? STORE_EEXIST : rc;
}

static void read_key(const PGresult *r, int row, struct store_key *k)
{
	memset(k, 0, sizeof(*k));
	copy_val(k->appid, sizeof(k->appid), r, row, 0);
	copy_val(k->secret, sizeof(k->secret), r, row, 1);
	k->created_ms = i64_val(r, row, 2);
	k->revoked = PQgetvalue(r, row, 3)[0] == 't';
}

static int pg_key_get(struct store *base, const char *appid,
		      struct store_key *out)
{
	const char *v[] = { appid };
	PGresult *r = query(pg(base), Q_KEY_GET, v);
	int rc = STORE_EFAIL;

	if (pg_ok(r)) {
		rc = PQntuples(r) > 0 ? STORE_OK : STORE_ENOTFOUND;
		if (rc == STORE_OK)
			read_key(r, 0, out);
	}
	PQclear(r);
	return rc;
}

static int pg_key_revoke(struct store *base, const char *appid)
{
	const char *v[] = { appid };
	int64_t n = 0;
	int rc = run(pg(base), Q_KEY_REVOKE, v, &n);

	return rc == STORE_OK && n == 0 ? STORE_ENOTFOUND : rc;
}

static int pg_key_list(struct store *base, struct store_key *keys,
		       size_t max, size_t *n)
{
	char lim[24];
	const char *v[] = { pg_i64(lim, (int64_t)max) };
	PGresult *r = query(pg(base), Q_KEY_LIST, v);
	int rc = pg_ok(r) ? STORE_OK : STORE_EFAIL;

	*n = 0;
	for (int i = 0; rc == STORE_OK && i < PQntuples(r) && *n < max; i++)
		read_key(r, i, &keys[(*n)++]);
	PQclear(r);
	return rc;
}

static int pg_key_count(struct store *base, int *active)
{
	PGresult *r = query(pg(base), Q_KEY_COUNT, NULL);
	int rc = pg_ok(r) && PQntuples(r) == 1 ? STORE_OK : STORE_EFAIL;

	*active = rc == STORE_OK ? (int)i64_val(r, 0, 0) : 0;
	PQclear(r);
	return rc;
}

static int pg_sig_use(struct store *base, const char *sig,
		      int64_t expires_ms)
{
	char exp[24];
	const char *v[] = { sig, pg_i64(exp, expires_ms) };
	int64_t n = 0;
	int rc = run(pg(base), Q_SIG_USE, v, &n);

	return rc == STORE_OK && n == 0 ? STORE_EEXIST : rc;
}

static int pg_sig_prune(struct store *base, int64_t now_ms)
{
	char now[24];
	const char *v[] = { pg_i64(now, now_ms) };

	return run(pg(base), Q_SIG_PRUNE, v, NULL);
}

static int pg_job_renew_lease(struct store *base, const char *token,
			      const char *worker_id, int64_t until_ms)
{
	char until[24];
	const char *v[] = { token, worker_id, pg_i64(until, until_ms) };
	int64_t n = 0;
	int rc = run(pg(base), Q_RENEW, v, &n);

	return rc == STORE_OK && n == 0 ? STORE_ENOTFOUND : rc;
}

static int pg_job_reclaim_expired(struct store *base, int64_t now_ms,
				  int *n)
{
	char now[24];
	const char *v[] = { pg_i64(now, now_ms) };
	int64_t changed = 0;
	int rc = run(pg(base), Q_RECLAIM, v, &changed);

	*n = (int)changed;
	return rc;
}

/*
 * Callbacks (server/notify). The claim takes one due delivery with
 * FOR UPDATE SKIP LOCKED and pushes its due time in the same statement,
 * so with several nodes each attempt is sent by one of them.
 */

static int pg_key_notify_set(struct store *base, const char *appid,
			     const char *url)
{
	struct store_key k;
	const char *v[] = { appid, url };
	int rc = pg_key_get(base, appid, &k);

	if (rc)
		return rc;
	return run(pg(base), *url ? Q_KN_SET : Q_KN_DEL, v, NULL);
}

static int pg_key_notify_get(struct store *base, const char *appid,
			     char *url, size_t n)
{
	const char *v[] = { appid };
	PGresult *r = query(pg(base), Q_KN_GET, v);
	int rc = STORE_EFAIL;

	if (pg_ok(r)) {
		rc = PQntuples(r) > 0 ? STORE_OK : STORE_ENOTFOUND;
		if (rc == STORE_OK)
			copy_val(url, n, r, 0, 0);
	}
	PQclear(r);
	return rc;
}

static void read_notify(const PGresult *r, struct store_notify *n)
{
	memset(n, 0, sizeof(*n));
	copy_val(n->token, sizeof(n->token), r, 0, 0);
	copy_val(n->appid, sizeof(n->appid), r, 0, 1);
	copy_val(n->url, sizeof(n->url), r, 0, 2);
	n->code = (int)i64_val(r, 0, 3);
	n->attempts = (int)i64_val(r, 0, 4);
	n->due_ms = i64_val(r, 0, 5);
	n->done = PQgetvalue(r, 0, 6)[0] == 't';
	n->delivered = PQgetvalue(r, 0, 7)[0] == 't';
}

/* Runs a statement that returns at most one delivery. */
static int one_notify(struct pg_store *s, int id, const char *const *v,
		      struct store_notify *out)
{
	PGresult *r = query(s, id, v);
	int rc = STORE_EFAIL;

	if (pg_ok(r)) {
		rc = PQntuples(r) > 0 ? STORE_OK : STORE_ENOTFOUND;
		if (rc == STORE_OK)
			read_notify(r, out);
	}
	PQclear(r);
	return rc;
}

static int pg_notify_add(struct store *base, const struct store_notify *n)
{
	char code[24], due[24];
	const char *v[] = { n->token, n->appid, n->url,
			    pg_i64(code, n->code), pg_i64(due, n->due_ms) };
	int64_t changed = 0;
	int rc = run(pg(base), Q_N_ADD, v, &changed);

	return rc == STORE_OK && changed == 0 ? STORE_EEXIST : rc;
}

static int pg_notify_claim(struct store *base, int64_t now_ms,
			   int64_t until_ms, struct store_notify *out)
{
	char now[24], until[24];
	const char *v[] = { pg_i64(now, now_ms), pg_i64(until, until_ms) };

	return one_notify(pg(base), Q_N_CLAIM, v, out);
}

static int pg_notify_record(struct store *base, const char *token,
			    const struct store_attempt *a, int64_t next_ms,
			    bool delivered)
{
	char n[24], at[24], status[24], dur[24], next[24];
	const char *v[] = { token, pg_i64(n, a->n), pg_i64(at, a->at_ms),
			    pg_i64(status, a->status), a->error,
			    pg_i64(dur, a->duration_ms),
			    pg_i64(next, next_ms < 0 ? a->at_ms : next_ms),
			    next_ms < 0 ? "true" : "false",
			    delivered ? "true" : "false" };

	return run(pg(base), Q_N_RECORD, v, NULL);
}

static int pg_notify_next(struct store *base, int64_t *due_ms)
{
	PGresult *r = query(pg(base), Q_N_NEXT, NULL);
	int rc = STORE_EFAIL;

	if (pg_ok(r)) {
		rc = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? STORE_OK :
			STORE_ENOTFOUND;
		if (rc == STORE_OK)
			*due_ms = i64_val(r, 0, 0);
	}
	PQclear(r);
	return rc;
}

static int pg_notify_get(struct store *base, const char *token,
			 struct store_notify *out)
{
	const char *v[] = { token };

	return one_notify(pg(base), Q_N_GET, v, out);
}

static int pg_notify_attempts(struct store *base, const char *token,
			      struct store_attempt *out, size_t max,
			      size_t *n)
{
	char lim[24];
	const char *v[] = { token, pg_i64(lim, (int64_t)max) };
	PGresult *r = query(pg(base), Q_N_ATTEMPTS, v);
	int rc = STORE_EFAIL;

	*n = 0;
	if (pg_ok(r)) {
		for (int i = 0; i < PQntuples(r) && *n < max; i++) {
			struct store_attempt *a = &out[(*n)++];

			a->n = (int)i64_val(r, i, 0);
			a->at_ms = i64_val(r, i, 1);
			a->status = (int)i64_val(r, i, 2);
			copy_val(a->error, sizeof(a->error), r, i, 3);
			a->duration_ms = i64_val(r, i, 4);
		}
		rc = STORE_OK;
	}
	PQclear(r);
	return rc;
}

static const struct store_ops pg_ops = {
	.close = pg_close,
	.ping = pg_ping,
	.job_create = pg_job_create,
	.job_get = pg_job_get,
	.job_claim = pg_job_claim,
	.job_set_state = pg_job_set_state,
	.job_progress = pg_job_progress,
	.job_requeue = pg_job_requeue,
	.job_requeue_all = pg_job_requeue_all,
	.job_list = pg_job_list,
	.job_find_done = pg_job_find_done,
	.job_expired = pg_job_expired,
	.job_count = pg_job_count,
	.key_add = pg_key_add,
	.key_get = pg_key_get,
	.key_revoke = pg_key_revoke,
	.key_list = pg_key_list,
	.key_count = pg_key_count,
	.sig_use = pg_sig_use,
	.sig_prune = pg_sig_prune,
	.job_renew_lease = pg_job_renew_lease,
	.job_reclaim_expired = pg_job_reclaim_expired,
	.key_notify_set = pg_key_notify_set,
	.key_notify_get = pg_key_notify_get,
	.notify_add = pg_notify_add,
	.notify_claim = pg_notify_claim,
	.notify_record = pg_notify_record,
	.notify_next = pg_notify_next,
	.notify_get = pg_notify_get,
	.notify_attempts = pg_notify_attempts,
};

bool store_pg_is_url(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 ||
		strncmp(url, "postgres://", 11) == 0;
}

int store_pg_set_worker(struct store *base, const char *worker_id,
			int64_t lease_ms)
{
	struct pg_store *s = pg(base);

	if (!base || base->ops != &pg_ops || !worker_id || !worker_id[0] ||
	    strlen(worker_id) > STORE_PG_WORKER_MAX || lease_ms <= 0)
		return STORE_EFAIL;
	snprintf(s->worker, sizeof(s->worker), "%s", worker_id);
	s->lease_ms = lease_ms;
	return STORE_OK;
}

const char *store_pg_worker(struct store *base)
{
	return base && base->ops == &pg_ops ? pg(base)->worker : NULL;
}

int64_t store_pg_lease_ms(struct store *base)
{
	return base && base->ops == &pg_ops ? pg(base)->lease_ms : 0;
}

static void default_worker(char *buf, size_t n)
{
	char host[64] = "";

	if (gethostname(host, sizeof(host) - 1) != 0 || !host[0])
		snprintf(host, sizeof(host), "host");
	snprintf(buf, n, "%s:%ld", host, (long)getpid());
}

int store_pg_open(struct store **out, const char *url, char **cause)
{
	struct pg_store *s = calloc(1, sizeof(*s));
	PGconn *c;

	*out = NULL;
	*cause = NULL;
	if (!s || pg_pool_init(&s->pool, url, POOL_SIZE, stmts, NQ) != 0) {
		free(s);
		return STORE_EFAIL;
	}
	s->base.ops = &pg_ops;
	s->lease_ms = STORE_PG_LEASE_MS;
	default_worker(s->worker, sizeof(s->worker));
	pthread_mutex_init(&s->listen_lock, NULL);

	c = pg_connect(url, cause);
	if (!c || pg_migrate(c, cause) != 0) {
		if (c)
			PQfinish(c);
		pg_close(&s->base);
		return STORE_EFAIL;
	}
	PQfinish(c);
	*out = &s->base;
	return STORE_OK;
}

/* Takes every pending notification; whether there was one. */
static bool drain(PGconn *c)
{
	PGnotify *n;
	bool any = false;

	while ((n = PQnotifies(c)) != NULL) {
		any = true;
		PQfreemem(n);
	}
	return any;
}

/* Opens the listening connection; the caller holds listen_lock. */
static int start_listening(struct pg_store *s)
{
	PGresult *r;

	s->listen = pg_connect(s->pool.url, NULL);
	if (!s->listen)
		return STORE_EFAIL;
	r = PQexec(s->listen, "LISTEN ppj_jobs");
	if (!pg_ok(r)) {
		PQclear(r);
		PQfinish(s->listen);
		s->listen = NULL;
		return STORE_EFAIL;
	}
	PQclear(r);
	return 1;
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Polls the listening connection until a NOTIFY or the deadline. Past
 * the deadline it still reads what is already there, so that a dropped
 * connection shows up even with a zero timeout.
 */
static int wait_notify(PGconn *c, int64_t deadline)
{
	struct pollfd pfd = { .fd = PQsocket(c), .events = POLLIN };

	if (pfd.fd < 0)
		return STORE_EFAIL;
	for (int spins = 0;; spins++) {
		int64_t left = deadline - mono_ms();
		int n;

		if (PQconsumeInput(c) == 0 || PQstatus(c) != CONNECTION_OK)
			return STORE_EFAIL;
		if (drain(c))
			return 1;
		n = poll(&pfd, 1, left <= 0 ? 0 : left > 60000 ? 60000 :
			 (int)left);
		if (n < 0 && errno != EINTR)
			return STORE_EFAIL;
		if (left <= 0 && (n == 0 || spins > 100))
			return 0;
	}
}

int store_pg_wait(struct store *base, int timeout_ms)
{
	struct pg_store *s = pg(base);
	int rc;

	if (!base || base->ops != &pg_ops)
		return STORE_EFAIL;
	pthread_mutex_lock(&s->listen_lock);
	if (!s->listen) {
		rc = start_listening(s);
	} else {
		rc = wait_notify(s->listen, mono_ms() +
				 (timeout_ms > 0 ? timeout_ms : 0));
		if (rc < 0) {
			PQfinish(s->listen);
			s->listen = NULL;
		}
	}
	pthread_mutex_unlock(&s->listen_lock);
	return rc;
}
