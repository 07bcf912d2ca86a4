/*
 * The job runner: worker threads that claim queued jobs from the store
 * and convert each in a child process (`ppj convert ... --progress-fd`),
 * under resource limits and a wall-clock timeout; and the sweeper that
 * applies the time to live.
 */
#ifndef PPJ_SRV_JOBS_H
#define PPJ_SRV_JOBS_H

#include "server/server.h"

/* Starts cfg.workers workers and the sweeper; 0 or -1 with *cause. */
int jobs_start(struct server *srv, char **cause);

/* Tells an idle worker that a job was queued. */
void jobs_wake(struct server *srv);

/*
 * Stops claiming, gives running conversions cfg.grace seconds, then
 * kills the rest and puts their jobs back in the queue; joins threads.
 */
void jobs_stop(struct server *srv);

/*
 * Wipes a finished job's files (upload, zip) and moves it to deleted.
 * Returns a STORE_* code (EBACKWARD for a job still in progress).
 */
int jobs_wipe(struct server *srv, const char *token);

/* Logs a job's move to a state, with the error when there is one. */
void jobs_log_state(const char *token, int state, const char *code,
		    const char *msg);

#endif
