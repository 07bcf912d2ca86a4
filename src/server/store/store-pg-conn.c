/*
 * Connections to PostgreSQL for the store and the blob store: a small
 * pool of libpq connections with prepared statements, and the schema,
 * which the code creates and migrates itself.
 *
 * The schema is versioned in ppj_schema_version. Each migration N -> N+1
 * runs in its own transaction that first takes a transaction-scoped
 * advisory lock, then re-reads the version: two nodes starting at once
 * queue on the lock and the second finds the work done. Every table
 * lives in the first schema of the connection's search_path, so several
 * deployments (or tests) can share one database.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/store/store-pg-int.h"

/* The advisory lock key of migrations: "ppj" and the digit 1. */
#define MIGRATE_LOCK "7374241"

/* Migration i takes the schema from version i to version i + 1. */
static const char *const migrations[] = {
	/* 0 -> 1: jobs with leases, keys, used signatures, queue NOTIFY */
	"CREATE TABLE ppj_jobs("
	" seq bigint GENERATED ALWAYS AS IDENTITY,"
	" token text PRIMARY KEY, appid text NOT NULL,"
	" state integer NOT NULL,"
	" claimed boolean NOT NULL DEFAULT false,"
	" worker_id text, lease_until bigint,"
	" source_filename text NOT NULL, source_filesize bigint NOT NULL,"
	" md5 text NOT NULL, total_pages integer,"
	" progress integer NOT NULL DEFAULT 0,"
	" err_code text, err_msg text,"
	" created_ms bigint NOT NULL, updated_ms bigint NOT NULL);"
	"CREATE INDEX ppj_jobs_by_app ON ppj_jobs(appid, created_ms);"
	"CREATE INDEX ppj_jobs_queue ON ppj_jobs(created_ms, seq)"
	" WHERE state = 0 AND NOT claimed;"
	"CREATE INDEX ppj_jobs_lease ON ppj_jobs(lease_until)"
	" WHERE claimed;"
	"CREATE INDEX ppj_jobs_md5 ON ppj_jobs(appid, md5, state);"
	"CREATE INDEX ppj_jobs_done ON ppj_jobs(created_ms)"
	" WHERE state IN (4, 5);"
	"CREATE TABLE ppj_keys("
	" appid text PRIMARY KEY, secret text NOT NULL,"
	" created_ms bigint NOT NULL,"
	" revoked boolean NOT NULL DEFAULT false);"
	"CREATE TABLE ppj_used_sigs("
	" sig text PRIMARY KEY, expires_ms bigint NOT NULL);"
	"CREATE FUNCTION ppj_job_queued() RETURNS trigger"
	" LANGUAGE plpgsql AS $f$ BEGIN"
	" PERFORM pg_notify('ppj_jobs', NEW.token); RETURN NULL;"
	" END $f$;"
	"CREATE TRIGGER ppj_jobs_queued AFTER INSERT OR UPDATE ON ppj_jobs"
	" FOR EACH ROW WHEN (NEW.state = 0 AND NOT NEW.claimed)"
	" EXECUTE FUNCTION ppj_job_queued();",

	/* 1 -> 2: shared files (blob-pg.c), one large object each */
	"CREATE TABLE ppj_blobs("
	" name text PRIMARY KEY, loid oid NOT NULL,"
	" size bigint NOT NULL, created_ms bigint NOT NULL);",

	/* 2 -> 3: callbacks (server/notify) */
	"CREATE TABLE ppj_key_notify("
	" appid text PRIMARY KEY, url text NOT NULL);"
	"CREATE TABLE ppj_notifications("
	" token text PRIMARY KEY, appid text NOT NULL, url text NOT NULL,"
	" code integer NOT NULL, attempts integer NOT NULL DEFAULT 0,"
	" due_ms bigint NOT NULL, done boolean NOT NULL DEFAULT false,"
	" delivered boolean NOT NULL DEFAULT false);"
	"CREATE INDEX ppj_notifications_due ON ppj_notifications(due_ms)"
	" WHERE NOT done;"
	"CREATE TABLE ppj_notify_attempts("
	" token text NOT NULL, n integer NOT NULL, at_ms bigint NOT NULL,"
	" status integer NOT NULL, error text, duration_ms bigint NOT NULL,"
	" PRIMARY KEY(token, n));",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int pg_schema_latest(void)
{
	return NMIGRATIONS;
}

bool pg_ok(const PGresult *r)
{
	ExecStatusType st = PQresultStatus(r);

	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

bool pg_unique_violation(const PGresult *r)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	return state && strcmp(state, "23505") == 0;
}

const char *pg_i64(char *buf, int64_t v)
{
	snprintf(buf, 24, "%" PRId64, v);
	return buf;
}

static void set_cause(char **cause, const char *what, const char *msg)
{
	size_t n;

	if (!cause)
		return;
	if (asprintf(cause, "%s: %s", what, msg ? msg : "?") < 0) {
		*cause = NULL;
		return;
	}
	n = strlen(*cause);
	while (n && (*cause)[n - 1] == '\n')
		(*cause)[--n] = '\0';
}

/* Server notices (NOTICE, WARNING) are dropped: the library never prints. */
static void quiet(void *arg, const char *message)
{
}

PGconn *pg_connect(const char *url, char **cause)
{
	const char *keys[] = { "dbname", "application_name",
			       "connect_timeout", NULL };
	const char *vals[] = { url, "ppj", "10", NULL };
	PGconn *c = PQconnectdbParams(keys, vals, 1);

	if (!c) {
		set_cause(cause, "cannot connect", "out of memory");
		return NULL;
	}
	if (PQstatus(c) != CONNECTION_OK) {
		set_cause(cause, "cannot connect", PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, quiet, NULL);
	return c;
}

/* Runs sql (no parameters); false with *cause set when it failed. */
static bool exec_ok(PGconn *c, const char *sql, char **cause)
{
	PGresult *r = PQexec(c, sql);
	bool ok = pg_ok(r);

	if (!ok)
		set_cause(cause, "cannot migrate the schema",
			  PQresultErrorMessage(r));
	PQclear(r);
	return ok;
}

/*
 * The schema version, inside the migration transaction (after the lock
 * is held); -1 on failure.
 */
static int read_version(PGconn *c, char **cause)
{
	PGresult *r;
	int v = -1;

	if (!exec_ok(c, "CREATE TABLE IF NOT EXISTS ppj_schema_version("
		     "version integer NOT NULL)", cause))
		return -1;
	r = PQexec(c, "SELECT coalesce(max(version), 0) "
		   "FROM ppj_schema_version");
	if (pg_ok(r) && PQntuples(r) == 1)
		v = atoi(PQgetvalue(r, 0, 0));
	else
		set_cause(cause, "cannot read the schema version",
			  PQresultErrorMessage(r));
	PQclear(r);
	return v;
}

/*
 * One step: 1 when a migration ran, 0 when the schema was already the
 * newest, -1 on failure (rolled back).
 */
static int migrate_step(PGconn *c, char **cause)
{
	char sql[96];
	int v;

	if (!exec_ok(c, "BEGIN", cause))
		return -1;
	if (!exec_ok(c, "SELECT pg_advisory_xact_lock(" MIGRATE_LOCK ")",
		     cause))
		goto fail;
	v = read_version(c, cause);
	if (v < 0)
		goto fail;
	if (v > NMIGRATIONS) {
		set_cause(cause, "cannot use the database",
			  "its schema is newer than this ppj");
		goto fail;
	}
	if (v == NMIGRATIONS)
		return exec_ok(c, "COMMIT", cause) ? 0 : -1;

	snprintf(sql, sizeof(sql), "DELETE FROM ppj_schema_version;"
		 "INSERT INTO ppj_schema_version VALUES (%d)", v + 1);
	if (!exec_ok(c, migrations[v], cause) || !exec_ok(c, sql, cause))
		goto fail;
	return exec_ok(c, "COMMIT", cause) ? 1 : -1;
fail:
	PQclear(PQexec(c, "ROLLBACK"));
	return -1;
}

int pg_migrate(PGconn *c, char **cause)
{
	/* At most one step per migration, plus the check at the end. */
	for (int i = 0; i <= NMIGRATIONS; i++) {
		int rc = migrate_step(c, cause);

		if (rc <= 0)
			return rc;
	}
	set_cause(cause, "cannot migrate the schema", "no progress");
	return -1;
}

int pg_pool_init(struct pg_pool *p, const char *url, int size,
		 const struct pg_stmt *stmts, int nstmts)
{
	memset(p, 0, sizeof(*p));
	p->url = strdup(url);
	if (!p->url)
		return -1;
	p->size = size < 1 ? 1 : size > PG_POOL_MAX ? PG_POOL_MAX : size;
	p->stmts = stmts;
	p->nstmts = nstmts;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	return 0;
}

void pg_pool_release(struct pg_pool *p)
{
	for (int i = 0; i < PG_POOL_MAX; i++)
		if (p->conns[i])
			PQfinish(p->conns[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
	free(p->url);
	memset(p, 0, sizeof(*p));
}

/*
 * Connects and prepares every statement; NULL on any failure. No
 * statement of the pool may run (or wait for a lock) longer than a
 * minute: a stuck server must not hang a worker forever.
 */
static PGconn *open_prepared(struct pg_pool *p)
{
	PGconn *c = pg_connect(p->url, NULL);
	char name[16];

	if (c) {
		PGresult *r = PQexec(c, "SET statement_timeout = 60000");

		if (!pg_ok(r)) {
			PQfinish(c);
			c = NULL;
		}
		PQclear(r);
	}

	for (int i = 0; c && i < p->nstmts; i++) {
		PGresult *r;

		snprintf(name, sizeof(name), "s%d", i);
		r = PQprepare(c, name, p->stmts[i].sql, p->stmts[i].nparams,
			      NULL);
		if (!pg_ok(r)) {
			PQfinish(c);
			c = NULL;
		}
		PQclear(r);
	}
	return c;
}

/* The index of a free slot, marked busy; waits while all are busy. */
static int take_slot(struct pg_pool *p)
{
	int slot = -1;

	pthread_mutex_lock(&p->lock);
	while (slot < 0) {
		for (int i = 0; i < p->size && slot < 0; i++)
			if (!p->busy[i] && p->conns[i])
				slot = i;
		for (int i = 0; i < p->size && slot < 0; i++)
			if (!p->busy[i])
				slot = i;
		if (slot < 0)
			pthread_cond_wait(&p->freed, &p->lock);
	}
	p->busy[slot] = true;
	pthread_mutex_unlock(&p->lock);
	return slot;
}

static void free_slot(struct pg_pool *p, int slot)
{
	pthread_mutex_lock(&p->lock);
	p->busy[slot] = false;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

PGconn *pg_pool_get(struct pg_pool *p)
{
	int slot = take_slot(p);
	PGconn *c = p->conns[slot];

	/* The slot is ours: connecting needs no lock. */
	if (c && PQstatus(c) != CONNECTION_OK) {
		PQfinish(c);
		c = NULL;
	}
	if (!c)
		c = open_prepared(p);
	pthread_mutex_lock(&p->lock);
	p->conns[slot] = c;
	pthread_mutex_unlock(&p->lock);
	if (!c)
		free_slot(p, slot);
	return c;
}

void pg_pool_put(struct pg_pool *p, PGconn *c)
{
	bool broken = PQstatus(c) != CONNECTION_OK ||
		PQtransactionStatus(c) != PQTRANS_IDLE;
	int slot = -1;

	pthread_mutex_lock(&p->lock);
	for (int i = 0; i < p->size; i++)
		if (p->conns[i] == c)
			slot = i;
	if (slot >= 0 && broken)
		p->conns[slot] = NULL;
	pthread_mutex_unlock(&p->lock);
	if (slot < 0)
		return;
	if (broken)
		PQfinish(c);
	free_slot(p, slot);
}

PGresult *pg_exec(struct pg_pool *p, PGconn *c, int id,
		  const char *const *v)
{
	char name[16];

	snprintf(name, sizeof(name), "s%d", id);
	return PQexecPrepared(c, name, p->stmts[id].nparams, v, NULL, NULL,
			      0);
}
