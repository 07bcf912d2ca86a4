/*
 * The Prometheus text format of GET /metrics, kept in memory: counters
 * reset when the server restarts, as Prometheus expects of a process.
 */
#include <string.h>

#include "server/metrics.h"
#include "server/store/store.h"

static const double bounds[METRICS_NBUCKETS] = {
	0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
};

void metrics_init(struct metrics *m)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
}

void metrics_release(struct metrics *m)
{
	pthread_mutex_destroy(&m->lock);
}

void metrics_request(struct metrics *m, const char *route, int status)
{
	int i;

	pthread_mutex_lock(&m->lock);
	for (i = 0; i < m->nseries; i++)
		if (m->series[i].route == route &&
		    m->series[i].status == status)
			break;
	if (i == m->nseries && i < METRICS_MAX_SERIES) {
		m->series[i] = (struct metrics_series){ route, status, 0 };
		m->nseries++;
	}
	if (i < m->nseries)
		m->series[i].count++;
	pthread_mutex_unlock(&m->lock);
}

void metrics_duration(struct metrics *m, double seconds)
{
	int i;

	pthread_mutex_lock(&m->lock);
	for (i = 0; i < METRICS_NBUCKETS; i++)
		if (seconds <= bounds[i])
			break;
	m->buckets[i]++;
	m->duration_sum += seconds;
	m->duration_count++;
	pthread_mutex_unlock(&m->lock);
}

static void render_jobs(struct store *store, struct ppj_buf *b)
{
	int counts[JOB_NSTATES], queued = 0;

	if (store->ops->job_count(store, counts, &queued))
		return;
	ppj_buf_adds(b, "# HELP ppj_jobs Jobs in the store by state.\n"
		     "# TYPE ppj_jobs gauge\n");
	for (int s = 0; s < JOB_NSTATES; s++)
		ppj_buf_printf(b, "ppj_jobs{state=\"%s\"} %d\n",
			       job_state_name(s), counts[s]);
	ppj_buf_printf(b, "# HELP ppj_queue_depth Jobs waiting for a "
		       "worker.\n# TYPE ppj_queue_depth gauge\n"
		       "ppj_queue_depth %d\n", queued);
}

static void render_durations(struct metrics *m, struct ppj_buf *b)
{
	uint64_t cum = 0;

	ppj_buf_adds(b, "# HELP ppj_conversion_seconds Time one conversion "
		     "took.\n# TYPE ppj_conversion_seconds histogram\n");
	for (int i = 0; i < METRICS_NBUCKETS; i++) {
		cum += m->buckets[i];
		ppj_buf_adds(b, "ppj_conversion_seconds_bucket{le=\"");
		ppj_buf_add_num(b, bounds[i], 2);
		ppj_buf_printf(b, "\"} %llu\n", (unsigned long long)cum);
	}
	cum += m->buckets[METRICS_NBUCKETS];
	ppj_buf_printf(b, "ppj_conversion_seconds_bucket{le=\"+Inf\"} %llu\n"
		       "ppj_conversion_seconds_sum ",
		       (unsigned long long)cum);
	ppj_buf_add_num(b, m->duration_sum, 3);
	ppj_buf_printf(b, "\nppj_conversion_seconds_count %llu\n",
		       (unsigned long long)m->duration_count);
}

void metrics_render(struct metrics *m, struct store *store,
		    struct ppj_buf *b)
{
	render_jobs(store, b);

	pthread_mutex_lock(&m->lock);
	render_durations(m, b);
	ppj_buf_adds(b, "# HELP ppj_http_requests_total HTTP requests by "
		     "route and status.\n"
		     "# TYPE ppj_http_requests_total counter\n");
	for (int i = 0; i < m->nseries; i++)
		ppj_buf_printf(b, "ppj_http_requests_total{route=\"%s\","
			       "status=\"%d\"} %llu\n", m->series[i].route,
			       m->series[i].status,
			       (unsigned long long)m->series[i].count);
	pthread_mutex_unlock(&m->lock);
}
