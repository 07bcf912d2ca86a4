/*
 * Starting and stopping the service: the store (SQLite in the data
 * directory with blobs/, or a shared PostgreSQL), the data directory's
 * temp areas (uploads/, outputs/), restart safety (interrupted jobs back
 * to the queue, stray temp files removed), then the workers, the lease
 * keeper and, unless this is a `ppj worker`, the HTTP daemon.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/http/http.h"
#include "server/jobs/jobs.h"
#include "server/log.h"
#include "server/notify/notify.h"
#include "server/server.h"
#include "server/store/blob.h"
#include "server/store/store-pg.h"

int srv_random_token(char *out, size_t n)
{
	static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		"abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char b[64];
	size_t o = 0;

	/* rejection sampling: 248 = 4 * 62 keeps every letter equally likely */
	while (o < n) {
		if (RAND_bytes(b, sizeof(b)) != 1)
			return -1;
		for (size_t i = 0; i < sizeof(b) && o < n; i++)
			if (b[i] < 248)
				out[o++] = alnum[b[i] % 62];
	}
	out[n] = '\0';
	return 0;
}

static int make_dir(const char *path, char **cause)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	if (asprintf(cause, "cannot create '%s': %s", path,
		     strerror(errno)) < 0)
		*cause = NULL;
	return -1;
}

int srv_open_store(const char *data, struct store **out, char **cause)
{
	return srv_open_stores("", data, out, NULL, cause);
}

static int open_pg(const char *url, struct store **out, struct blob **blob,
		   char **cause)
{
	if (store_pg_open(out, url, cause))
		return -1;
	if (blob && blob_pg_open(blob, url, cause)) {
		(*out)->ops->close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int srv_open_stores(const char *url, const char *data, struct store **out,
		    struct blob **blob, char **cause)
{
	char db[PATH_MAX], dir[PATH_MAX];

	*cause = NULL;
	*out = NULL;
	if (blob)
		*blob = NULL;
	if (url && store_pg_is_url(url))
		return open_pg(url, out, blob, cause);
	if (make_dir(data, cause))
		return -1;
	if ((size_t)snprintf(db, sizeof(db), "%s/ppj.db", data) >=
	    sizeof(db) || (size_t)snprintf(dir, sizeof(dir), "%s/blobs",
					   data) >= sizeof(dir)) {
		if (asprintf(cause, "data path too long") < 0)
			*cause = NULL;
		return -1;
	}
	if (store_sqlite_open(out, db, cause))
		return -1;
	if (blob && blob_dir_open(blob, dir, cause)) {
		(*out)->ops->close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int srv_blob_fd(struct server *srv, const char *name)
{
	char tmp[PATH_MAX];
	int fd, rc;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/.get-XXXXXX",
			     srv->outputs) >= sizeof(tmp))
		return BLOB_EIO;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return BLOB_EIO;
	rc = srv->blob->ops->get(srv->blob, name, tmp);
	unlink(tmp);
	if (rc == 0 && lseek(fd, 0, SEEK_SET) != 0)
		rc = BLOB_EIO;
	if (rc) {
		close(fd);
		return rc;
	}
	return fd;
}

/* Temp files (".name") of a run that died are of no use now. */
static void remove_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX];
	int n = 0;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] != '.' || !strcmp(e->d_name, ".") ||
		    !strcmp(e->d_name, ".."))
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
				     e->d_name) < sizeof(path) &&
		    unlink(path) == 0)
			n++;
	}
	closedir(d);
	if (n)
		srv_log(SRV_LOG_INFO, "removed %d stray temp file(s) in %s",
			n, dir);
}

/* Whether name is TOKEN followed by suffix. */
static bool token_file(const char *name, const char *suffix)
{
	size_t n = strlen(name);

	if (n != STORE_TOKEN_LEN + strlen(suffix) ||
	    strcmp(name + STORE_TOKEN_LEN, suffix) != 0)
		return false;
	for (size_t i = 0; i < STORE_TOKEN_LEN; i++)
		if (!isalnum((unsigned char)name[i]))
			return false;
	return true;
}

/*
 * Earlier versions kept uploads/TOKEN and outputs/TOKEN.zip; files now
 * live in the blob directory as TOKEN.src and TOKEN.zip. Moves what it
 * finds in dir (from suffix to to) into blobs, once, at start.
 */
static void adopt_old(const char *dir, const char *from, const char *to,
		      const char *blobs)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char a[PATH_MAX], b[PATH_MAX];
	int n = 0;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!token_file(e->d_name, from))
			continue;
		snprintf(a, sizeof(a), "%s/%s", dir, e->d_name);
		if ((size_t)snprintf(b, sizeof(b), "%s/%.*s%s", blobs,
				     STORE_TOKEN_LEN, e->d_name, to) <
		    sizeof(b) && rename(a, b) == 0)
			n++;
	}
	closedir(d);
	if (n)
		srv_log(SRV_LOG_INFO, "moved %d file(s) of %s to %s", n, dir,
			blobs);
}

/*
 * One server per data directory: a second one would requeue the jobs the
 * first is running. The lock goes with the process, even on kill -9.
 */
static int lock_data(struct server *srv, char **cause)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/ppj.lock",
			     srv->cfg.data) >= sizeof(path))
		return -1;
	srv->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (srv->lock_fd >= 0 && flock(srv->lock_fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (asprintf(cause, "'%s' is in use by another ppj serve",
		     srv->cfg.data) < 0)
		*cause = NULL;
	return -1;
}

/* The node id and lease of a shared store (default id: host:pid). */
static int set_worker(struct server *srv, char **cause)
{
	char id[STORE_PG_WORKER_MAX + 1];

	snprintf(id, sizeof(id), "%s", srv->cfg.node_id[0] ?
		 srv->cfg.node_id : store_pg_worker(srv->store));
	if (store_pg_set_worker(srv->store, id, srv->cfg.lease * 1000) == 0)
		return 0;
	if (asprintf(cause, "bad node id '%s'", srv->cfg.node_id) < 0)
		*cause = NULL;
	return -1;
}

static int open_data(struct server *srv, char **cause)
{
	const char *data = srv->cfg.data;
	char blobs[PATH_MAX];
	ssize_t n;
	int requeued = 0;

	if (srv->cfg.converter[0])
		n = realpath(srv->cfg.converter, srv->exe) ?
			(ssize_t)strlen(srv->exe) : -1;
	else
		n = readlink("/proc/self/exe", srv->exe, sizeof(srv->exe) - 1);
	if (n <= 0) {
		if (asprintf(cause, "cannot find the converter program") < 0)
			*cause = NULL;
		return -1;
	}
	srv->exe[n] = '\0';
	if (make_dir(data, cause) ||
	    srv_open_stores(srv->cfg.store, data, &srv->store, &srv->blob,
			    cause) || lock_data(srv, cause))
		return -1;
	srv->shared = store_pg_is_url(srv->cfg.store);
	if (srv->shared && set_worker(srv, cause))
		return -1;
	snprintf(srv->uploads, sizeof(srv->uploads), "%s/uploads", data);
	snprintf(srv->outputs, sizeof(srv->outputs), "%s/outputs", data);
	if (make_dir(srv->uploads, cause) || make_dir(srv->outputs, cause))
		return -1;
	remove_temps(srv->uploads);
	remove_temps(srv->outputs);
	if (!srv->shared && (size_t)snprintf(blobs, sizeof(blobs),
					     "%s/blobs", data) < sizeof(blobs)) {
		remove_temps(blobs);
		adopt_old(srv->uploads, "", ".src", blobs);
		adopt_old(srv->outputs, ".zip", ".zip", blobs);
	}
	if (srv->store->ops->job_requeue_all(srv->store, &requeued) == 0 &&
	    requeued)
		srv_log(SRV_LOG_INFO, "%d interrupted job(s) back in the queue",
			requeued);
	return 0;
}

static void warn_protected(struct server *srv)
{
	int active = 0;

	if (srv->store->ops->key_count(srv->store, &active) == 0 && active)
		return;
	srv_log(SRV_LOG_WARNING, "PROTECTED MODE: no API key in the store; "
		"only unsigned requests from loopback are served. Create a "
		"key with 'ppj key add --data %s'", srv->cfg.data);
}

int srv_start(struct server *srv, const struct srv_config *cfg,
	      char **cause)
{
	memset(srv, 0, sizeof(*srv));
	srv->cfg = *cfg;
	srv->lock_fd = -1;
	*cause = NULL;
	metrics_init(&srv->metrics);
	pthread_mutex_init(&srv->lock, NULL);
	pthread_cond_init(&srv->wake, NULL);

	if (RAND_bytes(srv->view_key, sizeof(srv->view_key)) != 1) {
		if (asprintf(cause, "no random source") < 0)
			*cause = NULL;
		return -1;
	}
	if (open_data(srv, cause) || jobs_start(srv, cause) ||
	    notify_start(srv, cause) ||
	    (!cfg->worker_only && http_start(srv, cause))) {
		srv_stop(srv);
		return -1;
	}
	if (cfg->worker_only) {
		srv_log(SRV_LOG_INFO, "ppj %s worker %s: %lld conversion(s) "
			"at once, data %s", PPJ_VERSION,
			store_pg_worker(srv->store), (long long)cfg->workers,
			cfg->data);
		return 0;
	}
	warn_protected(srv);
	srv_log(SRV_LOG_INFO, "ppj %s listening on http://%s (port %u), "
		"data %s, %lld worker(s)", PPJ_VERSION, srv->cfg.listen,
		srv->port, srv->cfg.data, (long long)srv->cfg.workers);
	return 0;
}

void srv_stop(struct server *srv)
{
	http_quiesce(srv);
	jobs_stop(srv);
	notify_stop(srv);
	http_stop(srv);
	if (srv->blob)
		srv->blob->ops->close(srv->blob);
	srv->blob = NULL;
	if (srv->store)
		srv->store->ops->close(srv->store);
	srv->store = NULL;
	if (srv->lock_fd >= 0)
		close(srv->lock_fd);
	srv->lock_fd = -1;
	metrics_release(&srv->metrics);
	pthread_cond_destroy(&srv->wake);
	pthread_mutex_destroy(&srv->lock);
}
