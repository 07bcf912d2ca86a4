/*
 * The job service as a whole: the settings, the store, the HTTP daemon,
 * the worker threads and the metrics, in one struct server that every
 * part of src/server receives. Only include/ppj/ppj.h is used from the
 * library; the conversion itself runs in child processes (jobs/).
 */
#ifndef PPJ_SRV_SERVER_H
#define PPJ_SRV_SERVER_H

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "server/config.h"
#include "server/metrics.h"
#include "server/store/store.h"

struct MHD_Daemon;

struct server {
	struct srv_config cfg;
	struct store *store;
	char exe[PATH_MAX];		/* the ppj binary run for jobs */
	char uploads[PATH_MAX];		/* DATA/uploads */
	char outputs[PATH_MAX];		/* DATA/outputs */
	struct MHD_Daemon *mhd;
	unsigned port;			/* the port really bound */
	struct metrics metrics;
	int lock_fd;			/* flock on DATA/ppj.lock */
	unsigned char view_key[32];	/* signs view links (routes/view.c) */

	/* workers (jobs/worker.c) */
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping;			/* no new claims */
	bool killing;			/* grace over: kill and requeue */
	pthread_t *threads;
	int nthreads;
	pthread_t sweeper;
	bool sweeper_started;
	int busy;			/* conversions running */

	struct notifier *notifier;	/* callbacks (notify/dispatch.c) */
};

/*
 * Opens the data directory and the store, requeues interrupted jobs,
 * removes stray temp files and starts the HTTP daemon and the workers.
 * Returns 0, or -1 with *cause allocated (the caller frees it).
 */
int srv_start(struct server *srv, const struct srv_config *cfg,
	      char **cause);

/* Stops accepting, lets jobs finish within cfg.grace, frees it all. */
void srv_stop(struct server *srv);

/* Opens the store of a data directory (creating it), for `ppj key`. */
int srv_open_store(const char *data, struct store **out, char **cause);

/* Paths of a job's files; false when they do not fit. */
bool srv_upload_path(const struct server *srv, const char *token,
		     char *buf, size_t n);
bool srv_output_path(const struct server *srv, const char *token,
		     char *buf, size_t n);

/* Fills out with n characters of [A-Za-z0-9] from RAND_bytes; 0 or -1. */
int srv_random_token(char *out, size_t n);

#endif
