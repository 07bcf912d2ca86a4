/*
 * The service's store: jobs, keys and used signatures behind a table of
 * function pointers, so that the routes and workers never see SQL and a
 * second store (PostgreSQL) can be dropped in.
 *
 * Every function returns 0 on success or a negative STORE_E* code; a
 * store is safe to call from many threads at once. Times are Unix
 * milliseconds.
 */
#ifndef PPJ_SRV_STORE_H
#define PPJ_SRV_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_TOKEN_LEN 16
#define STORE_APPID_MAX 64
#define STORE_SECRET_MAX 128

enum store_code {
	STORE_OK = 0,
	STORE_ENOTFOUND = -1,
	STORE_EEXIST = -2,
	STORE_EBACKWARD = -3,	/* a transition the state machine refuses */
	STORE_EFAIL = -4,	/* the database failed */
};

/* SPEC §1 states, in their forward order. */
enum job_state {
	JOB_CONVERTING = 0,
	JOB_RENDERING,
	JOB_DISTING,
	JOB_NOTIFYING,
	JOB_COMPLETED,
	JOB_HALTED,
	JOB_DELETED,
	JOB_NSTATES
};

const char *job_state_name(int state);
int job_state_parse(const char *name);	/* -1 when unknown */
bool job_state_in_progress(int state);

/* Whether the state machine allows from -> to (forward moves only). */
bool job_transition_ok(int from, int to);

struct store_job {
	char token[STORE_TOKEN_LEN + 1];
	char appid[STORE_APPID_MAX + 1];
	int state;
	char source_filename[256];
	int64_t source_filesize;
	char md5[33];
	int total_pages;	/* -1: not known yet */
	int progress;
	char err_code[32];	/* "" when no error */
	char err_msg[256];
	int64_t created_ms;
	int64_t updated_ms;
};

struct store_key {
	char appid[STORE_APPID_MAX + 1];
	char secret[STORE_SECRET_MAX + 1];
	int64_t created_ms;
	bool revoked;
};

/* A filter of the job list; zero fields do not filter. */
struct store_filter {
	const char *appid;
	int state;		/* -1: any */
	int64_t since_ms;	/* created at or after; INT64_MIN: no bound */
	int64_t before_ms;	/* created before; INT64_MAX: no bound */
	size_t limit;
};

#define STORE_URL_MAX 2048

/* The callback of one finished job (server/notify). */
struct store_notify {
	char token[STORE_TOKEN_LEN + 1];
	char appid[STORE_APPID_MAX + 1];
	char url[STORE_URL_MAX + 1];
	int code;		/* 0 complete, 1 internal error, 2 bad source */
	int attempts;		/* made so far */
	int64_t due_ms;		/* of the next attempt */
	bool done;		/* no attempt left to make */
	bool delivered;		/* a 2xx came */
};

/* One attempt of a callback. */
struct store_attempt {
	int n;			/* from 1 */
	int64_t at_ms;
	int status;		/* HTTP status, 0 when none came */
	char error[160];	/* "" or why there was no answer */
	int64_t duration_ms;
};

/* Called once per token of a list, newest first. */
typedef void (*store_token_fn)(void *ctx, const char *token);

struct store;

struct store_ops {
	void (*close)(struct store *s);
	int (*ping)(struct store *s);

	/* jobs */
	int (*job_create)(struct store *s, const struct store_job *job);
	int (*job_get)(struct store *s, const char *token,
		       struct store_job *out);
	/* Takes the oldest queued job for this worker; ENOTFOUND if none. */
	int (*job_claim)(struct store *s, struct store_job *out);
	/* Moves a job; refused (EBACKWARD) unless job_transition_ok. */
	int (*job_set_state)(struct store *s, const char *token, int state,
			     const char *err_code, const char *err_msg);
	int (*job_progress)(struct store *s, const char *token, int done,
			    int total);
	/* Puts a claimed job back in the queue at converting. */
	int (*job_requeue)(struct store *s, const char *token);
	/* At start: every in-progress job back to the queue; *n of them. */
	int (*job_requeue_all)(struct store *s, int *n);
	int (*job_list)(struct store *s, const struct store_filter *f,
			store_token_fn fn, void *ctx);
	/* A completed job of appid with this md5 (for dedup). */
	int (*job_find_done)(struct store *s, const char *appid,
			     const char *md5, struct store_job *out);
	/* Completed or halted jobs created before ms, up to max of them. */
	int (*job_expired)(struct store *s, int64_t before_ms, size_t max,
			   store_token_fn fn, void *ctx);
	int (*job_count)(struct store *s, int counts[JOB_NSTATES],
			 int *queued);

	/* keys */
	int (*key_add)(struct store *s, const struct store_key *key);
	int (*key_get)(struct store *s, const char *appid,
		       struct store_key *out);
	int (*key_revoke)(struct store *s, const char *appid);
	int (*key_list)(struct store *s, struct store_key *keys, size_t max,
			size_t *n);
	int (*key_count)(struct store *s, int *active);

	/*
	 * Remembers a used signature until expires_ms. STORE_EEXIST when it
	 * was already used (a replay).
	 */
	int (*sig_use)(struct store *s, const char *sig, int64_t expires_ms);
	int (*sig_prune)(struct store *s, int64_t now_ms);

	/*
	 * Leases, for stores shared by several machines (NULL where one
	 * process owns the queue). job_renew_lease extends the lease of a
	 * job worker_id holds to until_ms; ENOTFOUND when it no longer holds
	 * it (the job was reclaimed: stop working on it).
	 * job_reclaim_expired puts back in the queue every job whose lease
	 * ran out before now_ms (its worker died); *n of them.
	 */
	int (*job_renew_lease)(struct store *s, const char *token,
			       const char *worker_id, int64_t until_ms);
	int (*job_reclaim_expired)(struct store *s, int64_t now_ms, int *n);

	/*
	 * Callbacks (server/notify). key_notify_set sets the notify URL of
	 * a key ("" removes it; ENOTFOUND for an unknown key);
	 * key_notify_get copies it to url (room n), ENOTFOUND when none.
	 * notify_add queues the delivery of one job (EEXIST when it has
	 * one). notify_claim takes one undone delivery due at now_ms and
	 * pushes its due time to until_ms, atomically, so that no two
	 * dispatchers (or nodes) send the same attempt; ENOTFOUND when
	 * none is due. notify_record stores attempt a and either the next
	 * due time (next_ms >= 0) or the end (next_ms < 0, delivered or
	 * not). notify_next gives the earliest due time of the undone
	 * ones (ENOTFOUND when none). notify_get and notify_attempts read
	 * one job's delivery and its attempts (up to max, oldest first).
	 */
	int (*key_notify_set)(struct store *s, const char *appid,
			      const char *url);
	int (*key_notify_get)(struct store *s, const char *appid, char *url,
			      size_t n);
	int (*notify_add)(struct store *s, const struct store_notify *n);
	int (*notify_claim)(struct store *s, int64_t now_ms,
			    int64_t until_ms, struct store_notify *out);
	int (*notify_record)(struct store *s, const char *token,
			     const struct store_attempt *a, int64_t next_ms,
			     bool delivered);
	int (*notify_next)(struct store *s, int64_t *due_ms);
	int (*notify_get)(struct store *s, const char *token,
			  struct store_notify *out);
	int (*notify_attempts)(struct store *s, const char *token,
			       struct store_attempt *out, size_t max,
			       size_t *n);
};

struct store {
	const struct store_ops *ops;
};

/* Opens (creating) the SQLite store at path, in WAL mode. */
int store_sqlite_open(struct store **out, const char *path, char **cause);

/* The current time in Unix milliseconds. */
int64_t store_now_ms(void);

#endif
