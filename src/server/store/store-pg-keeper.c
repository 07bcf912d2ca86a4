/*
 * The keeper of a node's place in the shared queue (store-pg.h): one
 * thread that renews the leases of the jobs the node's workers hold,
 * reclaims the jobs of dead workers and turns NOTIFYs into wake-ups.
 *
 * The thread sleeps in store_pg_wait() in slices of at most half a
 * second, so that it notices a stop quickly, and does a round of
 * renewals and reclaims every third of the lease: a lease is renewed at
 * least twice before it could run out.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/store/store-pg.h"

#define SLICE_MS 500

struct store_pg_keeper {
	struct store *s;
	void (*wake)(void *ctx);
	void (*lost)(void *ctx, const char *token);
	void *ctx;
	pthread_t thread;
	pthread_mutex_t lock;		/* guards what follows */
	bool stop;
	int n;
	char held[STORE_PG_KEEPER_MAX][STORE_TOKEN_LEN + 1];

	/* the keeper thread's own */
	char copy[STORE_PG_KEEPER_MAX][STORE_TOKEN_LEN + 1];
};

int store_pg_keeper_hold(struct store_pg_keeper *k, const char *token)
{
	int rc = STORE_EFAIL;

	pthread_mutex_lock(&k->lock);
	if (k->n < STORE_PG_KEEPER_MAX) {
		snprintf(k->held[k->n++], STORE_TOKEN_LEN + 1, "%s", token);
		rc = STORE_OK;
	}
	pthread_mutex_unlock(&k->lock);
	return rc;
}

/* The caller holds the lock. */
static void forget(struct store_pg_keeper *k, const char *token)
{
	for (int i = 0; i < k->n; i++)
		if (strcmp(k->held[i], token) == 0) {
			memcpy(k->held[i], k->held[--k->n],
			       STORE_TOKEN_LEN + 1);
			return;
		}
}

void store_pg_keeper_release(struct store_pg_keeper *k, const char *token)
{
	pthread_mutex_lock(&k->lock);
	forget(k, token);
	pthread_mutex_unlock(&k->lock);
}

/*
 * Renews every held lease (from a copy, so that workers are not kept
 * waiting on the lock while the database answers). A renewal that
 * fails for want of a database proves nothing; only ENOTFOUND means
 * the lease is gone.
 */
static void renew_all(struct store_pg_keeper *k)
{
	char (*copy)[STORE_TOKEN_LEN + 1] = k->copy;
	const char *me = store_pg_worker(k->s);
	int64_t until = store_now_ms() + store_pg_lease_ms(k->s);
	int n;

	pthread_mutex_lock(&k->lock);
	n = k->n;
	memcpy(copy, k->held, sizeof(k->held[0]) * (size_t)n);
	pthread_mutex_unlock(&k->lock);

	for (int i = 0; i < n; i++) {
		if (k->s->ops->job_renew_lease(k->s, copy[i], me, until) !=
		    STORE_ENOTFOUND)
			continue;
		pthread_mutex_lock(&k->lock);
		forget(k, copy[i]);
		pthread_mutex_unlock(&k->lock);
		if (k->lost)
			k->lost(k->ctx, copy[i]);
	}
}

static bool stopping(struct store_pg_keeper *k)
{
	bool stop;

	pthread_mutex_lock(&k->lock);
	stop = k->stop;
	pthread_mutex_unlock(&k->lock);
	return stop;
}

static void *keeper_main(void *arg)
{
	struct store_pg_keeper *k = arg;
	int64_t period = store_pg_lease_ms(k->s) / 3, next = 0;

	while (!stopping(k)) {
		int64_t now = store_now_ms();
		int rc, n = 0;

		if (now >= next) {
			renew_all(k);
			if (k->s->ops->job_reclaim_expired(k->s, now, &n) ==
			    STORE_OK && n > 0 && k->wake)
				k->wake(k->ctx);
			next = now + (period > 0 ? period : 1);
		}
		now = store_now_ms();
		rc = store_pg_wait(k->s, next - now < SLICE_MS ?
				   (int)(next - now) : SLICE_MS);
		if (rc == 1 && k->wake)
			k->wake(k->ctx);
		else if (rc < 0)
			usleep(SLICE_MS * 1000);
	}
	return NULL;
}

int store_pg_keeper_start(struct store_pg_keeper **out, struct store *s,
			  void (*wake)(void *ctx),
			  void (*lost)(void *ctx, const char *token),
			  void *ctx)
{
	struct store_pg_keeper *k;

	*out = NULL;
	if (!store_pg_worker(s))
		return STORE_EFAIL;
	k = calloc(1, sizeof(*k));
	if (!k)
		return STORE_EFAIL;
	*k = (struct store_pg_keeper){ .s = s, .wake = wake, .lost = lost,
				       .ctx = ctx };
	pthread_mutex_init(&k->lock, NULL);
	if (pthread_create(&k->thread, NULL, keeper_main, k) != 0) {
		pthread_mutex_destroy(&k->lock);
		free(k);
		return STORE_EFAIL;
	}
	*out = k;
	return STORE_OK;
}

void store_pg_keeper_stop(struct store_pg_keeper *k)
{
	if (!k)
		return;
	pthread_mutex_lock(&k->lock);
	k->stop = true;
	pthread_mutex_unlock(&k->lock);
	pthread_join(k->thread, NULL);
	pthread_mutex_destroy(&k->lock);
	free(k);
}
