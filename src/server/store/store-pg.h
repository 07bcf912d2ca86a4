/*
 * The PostgreSQL store: the same interface as the SQLite store
 * (store.h), for several API servers and workers on several machines
 * sharing one database. The queue uses row locks (FOR UPDATE SKIP
 * LOCKED) and leases; LISTEN/NOTIFY wakes idle workers.
 */
#ifndef PPJ_SRV_STORE_PG_H
#define PPJ_SRV_STORE_PG_H

#include <stdbool.h>
#include <stdint.h>

#include "server/store/store.h"

#define STORE_PG_WORKER_MAX 128
#define STORE_PG_LEASE_MS 60000	/* default lease of a claimed job */

/*
 * Opens the store at url (postgresql://... or a libpq conninfo string),
 * creating or migrating the schema. The tables go to the first schema
 * of the search_path (set it with ?options=-csearch_path%3Dname). On
 * failure *cause is an allocated message (the caller frees it).
 */
int store_pg_open(struct store **out, const char *url, char **cause);

/* Whether url names a PostgreSQL database rather than a SQLite file. */
bool store_pg_is_url(const char *url);

/*
 * Sets the worker id that job_claim writes on the jobs it takes and the
 * length of their lease. The default id is "host:pid", the default
 * lease STORE_PG_LEASE_MS. Call before the store is shared by threads.
 * job_requeue_all gives back the jobs held under this id (so a node that
 * restarts with a stable id gets its jobs back at once) and every job
 * whose lease expired, never a job that a live worker holds.
 */
int store_pg_set_worker(struct store *s, const char *worker_id,
			int64_t lease_ms);

/* The worker id job_claim writes; NULL when s is not a PostgreSQL one. */
const char *store_pg_worker(struct store *s);

/*
 * Waits until a job is queued (a NOTIFY from the database) or timeout_ms
 * pass. Returns 1 when woken (claim now), 0 on timeout, STORE_EFAIL when
 * the database cannot be reached (wait a little and call again). The
 * first call only starts listening and returns 1, so no NOTIFY sent
 * before it is lost: the caller looks at the queue again. Waiters of one
 * store take turns; use one waiting thread per store.
 */
int store_pg_wait(struct store *s, int timeout_ms);

#endif
