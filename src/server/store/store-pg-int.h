/*
 * What the PostgreSQL store (store-pg.c) and the PostgreSQL blob store
 * (blob-pg.c) share: a small pool of libpq connections, each with the
 * caller's statements prepared on it, and the versioned schema.
 *
 * Only these files include libpq; the rest of the service sees store.h
 * and blob.h.
 */
#ifndef PPJ_SRV_STORE_PG_INT_H
#define PPJ_SRV_STORE_PG_INT_H

#include <libpq-fe.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define PG_POOL_MAX 8

/* One prepared statement: its SQL with $n parameters, and their count. */
struct pg_stmt {
	const char *sql;
	int nparams;
};

/*
 * A pool of up to `size` connections to one URL, opened when first
 * needed and opened again when the server dropped them. A connection is
 * used by one thread at a time: pg_pool_get() waits for a free one.
 */
struct pg_pool {
	char *url;
	const struct pg_stmt *stmts;
	int nstmts;
	int size;
	PGconn *conns[PG_POOL_MAX];
	bool busy[PG_POOL_MAX];
	pthread_mutex_t lock;
	pthread_cond_t freed;
};

/* Copies url; connects nothing yet. 0 or -1 (out of memory). */
int pg_pool_init(struct pg_pool *p, const char *url, int size,
		 const struct pg_stmt *stmts, int nstmts);
void pg_pool_release(struct pg_pool *p);

/*
 * A connection with every statement prepared (as "s0", "s1", ...), or
 * NULL when the server cannot be reached. Give it back with
 * pg_pool_put(), which closes it if it broke meanwhile.
 */
PGconn *pg_pool_get(struct pg_pool *p);
void pg_pool_put(struct pg_pool *p, PGconn *c);

/* Runs prepared statement `id` of the pool with text parameters v. */
PGresult *pg_exec(struct pg_pool *p, PGconn *c, int id,
		  const char *const *v);

/*
 * Opens one connection to url (a postgresql:// URL or a conninfo
 * string). NULL with *cause set (allocated) on failure.
 */
PGconn *pg_connect(const char *url, char **cause);

/*
 * Brings the schema to the newest version, one migration per
 * transaction, under an advisory lock so that nodes starting together
 * take turns. 0, or -1 with *cause set (allocated).
 */
int pg_migrate(PGconn *c, char **cause);

/* The schema version this code writes (and the newest it knows). */
int pg_schema_latest(void);

/* Whether r is a success (a command, or rows). */
bool pg_ok(const PGresult *r);

/* Whether r failed on a unique constraint (SQLSTATE 23505). */
bool pg_unique_violation(const PGresult *r);

/* Formats v in buf (at least 24 bytes) and returns buf. */
const char *pg_i64(char *buf, int64_t v);

#endif
