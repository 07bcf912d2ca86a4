/*
 * Worker threads and the sweeper. A worker claims the oldest queued job,
 * converts it in a child process (jobs/child.c), moves the job through
 * converting -> rendering -> disting -> completed as progress lines come,
 * or to halted with last_error. The sweeper wipes jobs older than the
 * time to live and forgets used signatures past their window.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/jobs/child.h"
#include "server/jobs/jobs.h"
#include "server/log.h"
#include "server/notify/notify.h"
#include "server/store/blob.h"
#include "server/store/store-pg.h"

struct run {
	struct server *srv;
	struct store_job *job;
	int progress;
	int total;
	struct srv_slot *slot;	/* where a lost lease is flagged */
};

void jobs_log_state(const char *token, int state, const char *code,
		    const char *msg)
{
	if (code && *code)
		srv_log(SRV_LOG_INFO, "job %s %s: %s: %s", token,
			job_state_name(state), code, msg ? msg : "");
	else
		srv_log(SRV_LOG_INFO, "job %s %s", token,
			job_state_name(state));
}

static void move(struct server *srv, struct store_job *job, int state,
		 const char *code, const char *msg)
{
	struct store *st = srv->store;

	if (st->ops->job_set_state(st, job->token, state, code, msg) == 0) {
		job->state = state;
		jobs_log_state(job->token, state, code, msg);
	}
}

/* Progress lines: stage 1 reading, 2 rendering, 3 packaging. */
static void on_progress(void *ctx, int stage, int done, int total)
{
	static const int states[] = { JOB_CONVERTING, JOB_CONVERTING,
				      JOB_RENDERING, JOB_DISTING };
	struct run *run = ctx;
	struct store *st = run->srv->store;

	if (stage < 1 || stage > 3 || done < 0 || total < 0 ||
	    total > 1000000 || done > 1000000)
		return;
	if (states[stage] > run->job->state)
		move(run->srv, run->job, states[stage], NULL, NULL);
	if (stage == 1)
		done = 0;	/* reading: no slide rendered yet */
	if (done != run->progress || total != run->total) {
		run->progress = done;
		run->total = total;
		st->ops->job_progress(st, run->job->token, done,
				      total ? total : -1);
	}
}

static void finish_ok(struct server *srv, struct store_job *job,
		      const char *tmp, struct run *run)
{
	char name[STORE_TOKEN_LEN + 8];
	int rc;

	snprintf(name, sizeof(name), "%s.zip", job->token);
	rc = srv->blob->ops->put(srv->blob, name, tmp);
	unlink(tmp);
	if (rc) {
		move(srv, job, JOB_HALTED, "internal",
		     "cannot store the zip");
		return;
	}
	if (run->total > 0)
		srv->store->ops->job_progress(srv->store, job->token,
					      run->total, run->total);
	if (job->state < JOB_DISTING)
		move(srv, job, JOB_DISTING, NULL, NULL);
	if (!notify_job_ended(srv, job))	/* notifying, when wanted */
		move(srv, job, JOB_COMPLETED, NULL, NULL);
}

static void finish(struct server *srv, struct store_job *job,
		   const char *tmp, struct child_result *res,
		   struct run *run)
{
	switch (res->end) {
	case CHILD_OK:
		finish_ok(srv, job, tmp, run);
		return;
	case CHILD_STOPPED:
		unlink(tmp);
		if (srv->store->ops->job_requeue(srv->store, job->token) ==
		    0)
			srv_log(SRV_LOG_INFO, "job %s requeued (server "
				"stopping)", job->token);
		return;
	case CHILD_TIMEOUT:
		unlink(tmp);
		move(srv, job, JOB_HALTED, "timeout",
		     "the conversion took too long");
		return;
	case CHILD_FAILED:
		unlink(tmp);
		move(srv, job, JOB_HALTED, res->code, res->msg);
		return;
	case CHILD_CRASHED:
		unlink(tmp);
		move(srv, job, JOB_HALTED, "internal", res->msg);
		return;
	}
}

/*
 * The converter names the file it read, which is our upload path; the
 * client knows its deck by its own name.
 */
static void scrub(char *msg, size_t n, const char *deck, const char *name)
{
	char *p = strstr(msg, deck);
	char rest[256];

	if (!p)
		return;
	snprintf(rest, sizeof(rest), "%s", p + strlen(deck));
	*p = '\0';
	snprintf(p, n - (size_t)(p - msg), "%s%s", name[0] ? name : "deck",
		 rest);
}

static bool lost(struct server *srv, struct srv_slot *slot)
{
	bool l;

	pthread_mutex_lock(&srv->lock);
	l = slot->lost;
	pthread_mutex_unlock(&srv->lock);
	return l;
}

/*
 * On a shared store, whether this node still holds the job, asked of the
 * database (renewing the lease) right before the result is stored: a
 * node that was paused past its lease learns here that another node
 * took the job, even before its keeper does. A database that cannot
 * answer leaves the job to us; the moves after it fail the same way.
 */
static bool still_held(struct server *srv, const char *token)
{
	struct store *st = srv->store;
	int rc;

	if (!srv->keeper)
		return true;
	rc = st->ops->job_renew_lease(st, token, store_pg_worker(st),
				      store_now_ms() + store_pg_lease_ms(st));
	return rc != STORE_ENOTFOUND;
}

/*
 * Copies the job's upload (blob TOKEN.src) to deck. False when the job
 * was dealt with: halted when the upload is gone, requeued when the
 * blob store failed.
 */
static bool fetch_deck(struct server *srv, struct store_job *job,
		       const char *deck)
{
	char name[STORE_TOKEN_LEN + 8];
	int rc;

	snprintf(name, sizeof(name), "%s.src", job->token);
	rc = srv->blob->ops->get(srv->blob, name, deck);
	if (rc == 0)
		return true;
	unlink(deck);
	if (rc == BLOB_ENOTFOUND) {
		move(srv, job, JOB_HALTED, "internal", "the upload is gone");
	} else {
		srv_log(SRV_LOG_WARNING, "job %s: cannot read its upload, "
			"requeued", job->token);
		srv->store->ops->job_requeue(srv->store, job->token);
		sleep(1);	/* not a hot loop while the store is down */
	}
	return false;
}

/* The job's upload is of no use once the job ended. */
static void drop_source(struct server *srv, const char *token)
{
	char name[STORE_TOKEN_LEN + 8];

	snprintf(name, sizeof(name), "%s.src", token);
	srv->blob->ops->del(srv->blob, name);
}

static void convert(struct server *srv, struct store_job *job,
		    struct srv_slot *slot)
{
	struct run run = { srv, job, -1, -1, slot };
	struct child_result res;
	char deck[PATH_MAX + 32], tmp[PATH_MAX + 32];
	int64_t t0 = store_now_ms();

	srv_log(SRV_LOG_INFO, "job %s claimed", job->token);
	snprintf(deck, sizeof(deck), "%s/.%s.src", srv->uploads, job->token);
	if (!fetch_deck(srv, job, deck))
		return;
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp.zip", srv->outputs,
		 job->token);
	unlink(tmp);
	child_convert(srv, deck, tmp, on_progress, &run, &slot->lost, &res);
	unlink(deck);
	if (lost(srv, slot) || !still_held(srv, job->token)) {
		unlink(tmp);
		srv_log(SRV_LOG_WARNING, "job %s: lease lost, left to the "
			"node that took it", job->token);
		return;
	}
	scrub(res.msg, sizeof(res.msg), deck, job->source_filename);
	finish(srv, job, tmp, &res, &run);
	if (job->state == JOB_HALTED)
		notify_job_ended(srv, job);	/* type=error, stays halted */
	if (res.end != CHILD_STOPPED) {
		drop_source(srv, job->token);
		metrics_duration(&srv->metrics,
				 (double)(store_now_ms() - t0) / 1000.0);
	}
}

/* A free slot for a claimed job; the caller holds srv->lock. */
static struct srv_slot *take_slot(struct server *srv, const char *token)
{
	for (int i = 0; i < srv->cfg.workers; i++) {
		struct srv_slot *sl = &srv->slots[i];

		if (!sl->token[0]) {
			snprintf(sl->token, sizeof(sl->token), "%s", token);
			sl->lost = false;
			return sl;
		}
	}
	return NULL;
}

/* Waits up to ms for a wake-up; the caller holds srv->lock. */
static void wait_ms(struct server *srv, int64_t ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_cond_timedwait(&srv->wake, &srv->lock, &ts);
}

static void *worker_main(void *arg)
{
	struct server *srv = arg;
	struct store_job job;
	struct srv_slot *slot;

	pthread_mutex_lock(&srv->lock);
	while (!srv->stopping) {
		int rc;

		pthread_mutex_unlock(&srv->lock);
		rc = srv->store->ops->job_claim(srv->store, &job);
		pthread_mutex_lock(&srv->lock);
		if (rc == STORE_ENOTFOUND || rc) {
			/* shared: the keeper wakes us on NOTIFY */
			if (!srv->stopping)
				wait_ms(srv, srv->keeper ? 10000 : 1000);
			continue;
		}
		slot = take_slot(srv, job.token);
		srv->busy++;
		pthread_mutex_unlock(&srv->lock);
		if (srv->keeper)
			store_pg_keeper_hold(srv->keeper, job.token);
		convert(srv, &job, slot);
		if (srv->keeper)
			store_pg_keeper_release(srv->keeper, job.token);
		pthread_mutex_lock(&srv->lock);
		slot->token[0] = '\0';
		srv->busy--;
		pthread_cond_broadcast(&srv->wake);
	}
	pthread_mutex_unlock(&srv->lock);
	return NULL;
}

int jobs_wipe(struct server *srv, const char *token)
{
	struct store *st = srv->store;
	struct store_job job;
	char name[STORE_TOKEN_LEN + 8];
	int rc = st->ops->job_get(st, token, &job);

	if (rc)
		return rc;
	if (!job_transition_ok(job.state, JOB_DELETED))
		return STORE_EBACKWARD;
	/* idempotent: another node may be wiping the same job */
	snprintf(name, sizeof(name), "%s.zip", token);
	srv->blob->ops->del(srv->blob, name);
	drop_source(srv, token);
	rc = st->ops->job_set_state(st, token, JOB_DELETED, NULL, NULL);
	if (rc == 0)
		jobs_log_state(token, JOB_DELETED, NULL, NULL);
	return rc;
}

struct expired {
	char tokens[100][STORE_TOKEN_LEN + 1];
	size_t n;
};

static void add_expired(void *ctx, const char *token)
{
	struct expired *e = ctx;

	if (e->n < 100)
		snprintf(e->tokens[e->n++], STORE_TOKEN_LEN + 1, "%s", token);
}

static void sweep(struct server *srv)
{
	struct store *st = srv->store;
	int64_t now = store_now_ms();
	struct expired e;

	do {
		e.n = 0;
		if (st->ops->job_expired(st, now - srv->cfg.ttl * 1000, 100,
					 add_expired, &e))
			break;
		for (size_t i = 0; i < e.n; i++)
			jobs_wipe(srv, e.tokens[i]);
	} while (e.n == 100);
	st->ops->sig_prune(st, now);
}

static void *sweeper_main(void *arg)
{
	struct server *srv = arg;
	int64_t every = srv->cfg.ttl * 1000 / 4;

	if (every < 250)
		every = 250;
	if (every > 60000)
		every = 60000;
	pthread_mutex_lock(&srv->lock);
	while (!srv->stopping) {
		pthread_mutex_unlock(&srv->lock);
		sweep(srv);
		pthread_mutex_lock(&srv->lock);
		if (!srv->stopping)
			wait_ms(srv, every);
	}
	pthread_mutex_unlock(&srv->lock);
	return NULL;
}

void jobs_wake(struct server *srv)
{
	pthread_mutex_lock(&srv->lock);
	pthread_cond_broadcast(&srv->wake);
	pthread_mutex_unlock(&srv->lock);
}

static void keeper_wake(void *ctx)
{
	jobs_wake(ctx);
}

/*
 * The keeper says another node took a job of ours (our lease ran out):
 * flag the worker converting it, whose child is then killed.
 */
static void keeper_lost(void *ctx, const char *token)
{
	struct server *srv = ctx;

	srv_log(SRV_LOG_WARNING, "job %s: lease lost", token);
	pthread_mutex_lock(&srv->lock);
	for (int i = 0; i < srv->cfg.workers; i++)
		if (!strcmp(srv->slots[i].token, token))
			srv->slots[i].lost = true;
	pthread_mutex_unlock(&srv->lock);
}

/* On a shared store: the keeper renews leases and wakes the workers. */
static int start_keeper(struct server *srv, char **cause)
{
	if (!srv->shared)
		return 0;
	if (store_pg_keeper_start(&srv->keeper, srv->store, keeper_wake,
				  keeper_lost, srv) == 0)
		return 0;
	srv->keeper = NULL;
	if (asprintf(cause, "cannot start the lease keeper") < 0)
		*cause = NULL;
	return -1;
}

int jobs_start(struct server *srv, char **cause)
{
	size_t n = srv->cfg.workers > 0 ? (size_t)srv->cfg.workers : 1;

	srv->threads = calloc(n, sizeof(pthread_t));
	srv->slots = calloc(n, sizeof(*srv->slots));
	if (!srv->threads || !srv->slots || start_keeper(srv, cause))
		return -1;
	for (int i = 0; i < srv->cfg.workers; i++) {
		if (pthread_create(&srv->threads[i], NULL, worker_main, srv)) {
			if (asprintf(cause, "cannot start worker %d", i) < 0)
				*cause = NULL;
			return -1;
		}
		srv->nthreads++;
	}
	if (pthread_create(&srv->sweeper, NULL, sweeper_main, srv)) {
		if (asprintf(cause, "cannot start the sweeper") < 0)
			*cause = NULL;
		return -1;
	}
	srv->sweeper_started = true;
	return 0;
}

/* Waits for running conversions for the grace period, then kills. */
static void drain(struct server *srv)
{
	int64_t end = store_now_ms() + srv->cfg.grace * 1000;

	pthread_mutex_lock(&srv->lock);
	srv->stopping = true;
	pthread_cond_broadcast(&srv->wake);
	if (srv->busy)
		srv_log(SRV_LOG_INFO, "waiting up to %llds for %d running "
			"conversion(s)", (long long)srv->cfg.grace,
			srv->busy);
	while (srv->busy && store_now_ms() < end)
		wait_ms(srv, 200);
	if (srv->busy)
		srv_log(SRV_LOG_WARNING, "grace over: stopping %d "
			"conversion(s), their jobs go back to the queue",
			srv->busy);
	srv->killing = true;
	pthread_mutex_unlock(&srv->lock);
}

void jobs_stop(struct server *srv)
{
	drain(srv);
	for (int i = 0; i < srv->nthreads; i++)
		pthread_join(srv->threads[i], NULL);
	if (srv->sweeper_started)
		pthread_join(srv->sweeper, NULL);
	if (srv->keeper)
		store_pg_keeper_stop(srv->keeper);
	srv->keeper = NULL;
	free(srv->slots);
	srv->slots = NULL;
	free(srv->threads);
	srv->threads = NULL;
	srv->nthreads = 0;
	srv->sweeper_started = false;
}
