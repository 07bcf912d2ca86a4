/*
 * Operations routes, open to anyone who can reach the port: GET /healthz
 * (the store answers and a worker can run) and GET /metrics (Prometheus
 * text format).
 */
#include <stdlib.h>
#include <unistd.h>

#include "server/http/http.h"

enum MHD_Result route_healthz(struct request *r)
{
	struct server *srv = r->srv;
	bool store_ok = srv->store->ops->ping(srv->store) == STORE_OK;
	bool worker_ok;
	int busy;

	pthread_mutex_lock(&srv->lock);
	worker_ok = srv->nthreads > 0 && !srv->stopping;
	busy = srv->busy;
	pthread_mutex_unlock(&srv->lock);
	worker_ok = worker_ok && access(srv->exe, X_OK) == 0;

	return http_json(r, store_ok && worker_ok ? 200 : 503,
			 json_pack("{s:s, s:b, s:b, s:i}", "status",
				   store_ok && worker_ok ? "ok" : "failing",
				   "store", store_ok, "workers", worker_ok,
				   "busy", busy));
}

enum MHD_Result route_metrics(struct request *r)
{
	struct ppj_buf b;
	size_t len;
	char *text;

	ppj_buf_init(&b, 1 << 20);
	metrics_render(&r->srv->metrics, r->srv->store, &b);
	if (b.failed) {
		ppj_buf_release(&b);
		return http_error(r, 500, "metrics too large");
	}
	text = ppj_buf_detach(&b, &len);
	if (!text)
		text = calloc(1, 1);
	if (!text)
		return MHD_NO;
	return http_text(r, 200, "text/plain; version=0.0.4", text, len);
}
