/*
 * Counters for GET /metrics: HTTP requests by route and status and a
 * histogram of conversion durations. Jobs by state and the queue depth
 * are read from the store when the page is rendered.
 */
#ifndef PPJ_SRV_METRICS_H
#define PPJ_SRV_METRICS_H

#include <pthread.h>
#include <stdint.h>

#include "util/util.h"

#define METRICS_MAX_SERIES 128
#define METRICS_NBUCKETS 11

struct metrics_series {
	const char *route;	/* a static string */
	int status;
	uint64_t count;
};

struct metrics {
	pthread_mutex_t lock;
	struct metrics_series series[METRICS_MAX_SERIES];
	int nseries;
	uint64_t buckets[METRICS_NBUCKETS + 1];	/* last: +Inf */
	double duration_sum;
	uint64_t duration_count;
};

struct store;

void metrics_init(struct metrics *m);
void metrics_release(struct metrics *m);
void metrics_request(struct metrics *m, const char *route, int status);
void metrics_duration(struct metrics *m, double seconds);

/* Appends the Prometheus text exposition to b. */
void metrics_render(struct metrics *m, struct store *store,
		    struct ppj_buf *b);

#endif
