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
struct blob;
struct store_pg_keeper;

/* What one worker thread converts, so a lost lease can stop it. */
struct srv_slot {
	char token[STORE_TOKEN_LEN + 1];	/* "" when idle */
	bool lost;			/* its lease went to another node */
};

struct server {
	struct srv_config cfg;
	struct store *store;
	struct blob *blob;		/* TOKEN.src, TOKEN.zip (blob.h) */
	bool shared;			/* a PostgreSQL store: many nodes */
	struct store_pg_keeper *keeper;	/* leases; NULL unless shared */
	struct srv_slot *slots;		/* one per worker thread */
	char exe[PATH_MAX];		/* the ppj binary run for jobs */
	char uploads[PATH_MAX];		/* DATA/uploads: temp files */
	char outputs[PATH_MAX];		/* DATA/outputs: temp files */
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
 * removes stray temp files and starts the workers and (unless
 * cfg->worker_only) the HTTP daemon. Returns 0, or -1 with *cause
 * allocated (the caller frees it).
 */
int srv_start(struct server *srv, const struct srv_config *cfg,
	      char **cause);

/* Stops accepting, lets jobs finish within cfg.grace, frees it all. */
void srv_stop(struct server *srv);

/* Opens the store of a data directory (creating it), for `ppj key`. */
int srv_open_store(const char *data, struct store **out, char **cause);

/*
 * The store choice of `ppj serve`, `ppj worker` and `ppj key`: a url
 * for which store_pg_is_url() holds opens the PostgreSQL store (and, when
 * blob is not NULL, the PostgreSQL blob store); anything else the SQLite
 * store DATA/ppj.db and the blob directory DATA/blobs. Returns 0, or -1
 * with *cause allocated (the caller frees it). The caller closes both.
 */
int srv_open_stores(const char *url, const char *data, struct store **out,
		    struct blob **blob, char **cause);

/*
 * Fetches blob name into an unlinked temp file of DATA/outputs and
 * returns its descriptor (at offset 0; the caller closes it), or a
 * negative BLOB_E* code.
 */
int srv_blob_fd(struct server *srv, const char *name);

/* Fills out with n characters of [A-Za-z0-9] from RAND_bytes; 0 or -1. */
int srv_random_token(char *out, size_t n);

#endif
