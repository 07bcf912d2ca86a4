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

/* The lease job_claim gives; 0 when s is not a PostgreSQL one. */
int64_t store_pg_lease_ms(struct store *s);

/*
 * Waits until a job is queued (a NOTIFY from the database) or timeout_ms
 * pass. Returns 1 when woken (claim now), 0 on timeout, STORE_EFAIL when
 * the database cannot be reached (wait a little and call again). The
 * first call only starts listening and returns 1, so no NOTIFY sent
 * before it is lost: the caller looks at the queue again. Waiters of one
 * store take turns; use one waiting thread per store.
 */
int store_pg_wait(struct store *s, int timeout_ms);

/*
 * The keeper: one thread per node that does, for the node's workers,
 * what a shared queue needs besides claiming:
 * - renews, every third of the lease, the lease of each job held with
 *   store_pg_keeper_hold(); when a renewal says the lease is gone (the
 *   job was reclaimed by another node), calls lost(ctx, token) on the
 *   keeper's thread and forgets the token: the worker must stop
 *   converting that job and leave it alone;
 * - reclaims, on the same rounds, the jobs of dead workers
 *   (job_reclaim_expired);
 * - listens (store_pg_wait) and calls wake(ctx) when a job is queued or
 *   reclaimed, so idle workers sleep on their own condition variable
 *   instead of polling.
 * wake and lost may be NULL. The store must outlive the keeper.
 */
struct store_pg_keeper;

#define STORE_PG_KEEPER_MAX 256		/* jobs held at once */

int store_pg_keeper_start(struct store_pg_keeper **out, struct store *s,
			  void (*wake)(void *ctx),
			  void (*lost)(void *ctx, const char *token),
			  void *ctx);
/* After a claim; STORE_EFAIL when STORE_PG_KEEPER_MAX are held. */
int store_pg_keeper_hold(struct store_pg_keeper *k, const char *token);
/* When the worker is done with the job (finished, halted, requeued). */
void store_pg_keeper_release(struct store_pg_keeper *k, const char *token);
/* Stops the thread (within half a second) and frees the keeper. */
void store_pg_keeper_stop(struct store_pg_keeper *k);

#endif
