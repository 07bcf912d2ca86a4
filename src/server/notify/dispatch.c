/*
 * The dispatcher: a few threads, beside the conversion workers, that
 * take due deliveries from the store (so they survive a restart and are
 * shared fairly between nodes of one PostgreSQL store), make one attempt
 * each, record it, and either schedule the next attempt or end the
 * delivery and let the job move on. A slow client holds one dispatcher
 * for at most the timeout, and delays only the deliveries behind it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/jobs/jobs.h"
#include "server/log.h"
#include "server/notify/notify.h"
#include "server/server.h"

#define NOTIFY_THREADS 8
#define IDLE_MAX_MS 1000	/* look again at least this often (nodes) */

struct notifier {
	struct server *srv;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping;
	pthread_t threads[NOTIFY_THREADS];
	int nthreads;
};

/* The delivery ended: a notifying job is completed. */
static void finish_job(struct server *srv, const char *token)
{
	struct store *st = srv->store;
	struct store_job job;

	if (st->ops->job_get(st, token, &job) || job.state != JOB_NOTIFYING)
		return;
	if (st->ops->job_set_state(st, token, JOB_COMPLETED, NULL, NULL) ==
	    0)
		jobs_log_state(token, JOB_COMPLETED, NULL, NULL);
}

/* One attempt at n; fills a. */
static void attempt(struct server *srv, const struct store_notify *n,
		    struct store_attempt *a)
{
	struct store *st = srv->store;
	char code[8], *cause = NULL;
	struct auth_param ps[] = {
		{ "type", n->code ? "error" : "complete" },
		{ "token", n->token }, { "code", code } };
	struct notify_result res = { 0 };
	struct notify_req *req = calloc(1, sizeof(*req));
	struct store_key key;

	snprintf(code, sizeof(code), "%d", n->code);
	a->at_ms = store_now_ms();
	if (!req || st->ops->key_get(st, n->appid, &key)) {
		snprintf(a->error, sizeof(a->error), "the key is gone");
	} else if (notify_prepare(req, n->url, ps, 3, key.secret,
				  a->at_ms / 1000, &cause)) {
		snprintf(a->error, sizeof(a->error), "%s",
			 cause ? cause : "bad URL");
	} else {
		notify_send(req, srv->cfg.notify_allow_private,
			    (long)srv->cfg.notify_timeout, false, &res);
		a->status = res.status;
		snprintf(a->error, sizeof(a->error), "%s", res.error);
		a->duration_ms = res.duration_ms;
	}
	free(cause);
	free(req);
}

/* Makes the next attempt of n and records it. */
static void deliver(struct server *srv, const struct store_notify *n)
{
	struct store *st = srv->store;
	struct store_attempt a = { .n = n->attempts + 1 };
	bool ok;
	int64_t next = -1;

	attempt(srv, n, &a);
	ok = !a.error[0] && a.status >= 200 && a.status < 300;
	srv_log(ok ? SRV_LOG_INFO : SRV_LOG_WARNING, "job %s callback "
		"attempt %d: %s%d %s", n->token, a.n, ok ? "delivered, " :
		"", a.status, a.error);
	if (!ok && a.n < srv->cfg.notify_attempts)
		next = a.at_ms + notify_delay_ms(a.n,
						 srv->cfg.notify_base_delay,
						 notify_random());
	if (next < 0)
		finish_job(srv, n->token);
	if (st->ops->notify_record(st, n->token, &a, next, ok))
		srv_log(SRV_LOG_ERROR, "job %s: cannot record the callback "
			"attempt", n->token);
	if (next < 0 && !ok)
		srv_log(SRV_LOG_WARNING, "job %s: callback not delivered "
			"after %d attempt(s)", n->token, a.n);
}

/* Waits up to ms for a wake-up; the caller holds nf->lock. */
static void wait_ms(struct notifier *nf, int64_t ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_cond_timedwait(&nf->wake, &nf->lock, &ts);
}

static int64_t idle_ms(struct store *st)
{
	int64_t due, ms = IDLE_MAX_MS;

	if (st->ops->notify_next(st, &due) == STORE_OK)
		ms = due - store_now_ms();
	return ms < 10 ? 10 : ms > IDLE_MAX_MS ? IDLE_MAX_MS : ms;
}

static void *dispatcher_main(void *arg)
{
	struct notifier *nf = arg;
	struct server *srv = nf->srv;
	struct store *st = srv->store;
	struct store_notify n;
	int64_t lease = srv->cfg.notify_timeout * 1000 + 30000;

	pthread_mutex_lock(&nf->lock);
	while (!nf->stopping) {
		int64_t now;
		int rc;

		pthread_mutex_unlock(&nf->lock);
		now = store_now_ms();
		rc = st->ops->notify_claim(st, now, now + lease, &n);
		if (rc == STORE_OK)
			deliver(srv, &n);
		pthread_mutex_lock(&nf->lock);
		if (rc != STORE_OK && !nf->stopping) {
			pthread_mutex_unlock(&nf->lock);
			now = idle_ms(st);
			pthread_mutex_lock(&nf->lock);
			if (!nf->stopping)
				wait_ms(nf, now);
		}
	}
	pthread_mutex_unlock(&nf->lock);
	return NULL;
}

int notify_start(struct server *srv, char **cause)
{
	struct notifier *nf = calloc(1, sizeof(*nf));

	if (!nf) {
		*cause = NULL;
		return -1;
	}
	nf->srv = srv;
	pthread_mutex_init(&nf->lock, NULL);
	pthread_cond_init(&nf->wake, NULL);
	srv->notifier = nf;
	for (int i = 0; i < NOTIFY_THREADS; i++) {
		if (pthread_create(&nf->threads[i], NULL, dispatcher_main,
				   nf)) {
			if (asprintf(cause, "cannot start dispatcher %d",
				     i) < 0)
				*cause = NULL;
			return -1;
		}
		nf->nthreads++;
	}
	return 0;
}

void notify_stop(struct server *srv)
{
	struct notifier *nf = srv->notifier;

	if (!nf)
		return;
	pthread_mutex_lock(&nf->lock);
	nf->stopping = true;
	pthread_cond_broadcast(&nf->wake);
	pthread_mutex_unlock(&nf->lock);
	for (int i = 0; i < nf->nthreads; i++)
		pthread_join(nf->threads[i], NULL);
	pthread_cond_destroy(&nf->wake);
	pthread_mutex_destroy(&nf->lock);
	free(nf);
	srv->notifier = NULL;
}

static void wake(struct server *srv)
{
	struct notifier *nf = srv->notifier;

	if (!nf)
		return;
	pthread_mutex_lock(&nf->lock);
	pthread_cond_broadcast(&nf->wake);
	pthread_mutex_unlock(&nf->lock);
}

bool notify_job_ended(struct server *srv, struct store_job *job)
{
	struct store *st = srv->store;
	struct store_notify n = { .due_ms = store_now_ms() };
	struct store_job now;
	int rc;

	if (st->ops->key_notify_get(st, job->appid, n.url, sizeof(n.url)) ||
	    st->ops->job_get(st, job->token, &now))
		return false;
	if (now.state == JOB_HALTED) {
		n.code = notify_error_code(now.err_code);
	} else if (st->ops->job_set_state(st, job->token, JOB_NOTIFYING,
					  NULL, NULL) == 0) {
		job->state = JOB_NOTIFYING;
		jobs_log_state(job->token, JOB_NOTIFYING, NULL, NULL);
	} else {
		return false;
	}
	snprintf(n.token, sizeof(n.token), "%s", job->token);
	snprintf(n.appid, sizeof(n.appid), "%s", job->appid);
	rc = st->ops->notify_add(st, &n);
	if (rc && rc != STORE_EEXIST) {
		srv_log(SRV_LOG_ERROR, "job %s: cannot queue the callback",
			job->token);
		finish_job(srv, job->token);
	}
	wake(srv);
	return true;
}
