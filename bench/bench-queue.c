/*
 * Queue throughput of a store: how many jobs per second workers claim
 * and finish, with the conversion itself left out. Each job costs what
 * the service does around a conversion: a claim, then the moves to
 * rendering, disting and completed.
 *
 * Usage: bench-queue [-t] STORE JOBS WORKERS
 *   STORE    postgresql://... (the PostgreSQL store) or a file path (the
 *            SQLite store; the file should not exist yet)
 *   -t       workers are threads sharing one store in one process (how
 *            `ppj serve` uses the SQLite store); default: processes, each
 *            with its own connection (how several `ppj worker` nodes use
 *            PostgreSQL)
 * Prints one line: store kind, workers, jobs, seconds, jobs/s, and how
 * many claims were duplicates (must be 0).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "server/store/store-pg.h"
#include "server/store/store.h"

#define MAX_WORKERS 64

static const char *store_arg;

static struct store *open_store(void)
{
	struct store *s = NULL;
	char *cause = NULL;
	int rc = store_pg_is_url(store_arg) ?
		store_pg_open(&s, store_arg, &cause) :
		store_sqlite_open(&s, store_arg, &cause);

	if (rc != STORE_OK) {
		fprintf(stderr, "bench-queue: %s\n", cause ? cause : "?");
		free(cause);
		exit(1);
	}
	return s;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Claims and finishes jobs until the queue is empty; how many. */
static int drain_queue(struct store *s)
{
	static const int steps[] = { JOB_RENDERING, JOB_DISTING,
				     JOB_COMPLETED };
	struct store_job j;
	int done = 0;

	while (s->ops->job_claim(s, &j) == STORE_OK) {
		for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
			if (s->ops->job_set_state(s, j.token, steps[i], NULL,
						  NULL) != STORE_OK)
				break;
		done++;
	}
	return done;
}

static void fill(struct store *s, int jobs)
{
	struct store_job j;
	int64_t t0 = store_now_ms();

	for (int i = 0; i < jobs; i++) {
		memset(&j, 0, sizeof(j));
		snprintf(j.token, sizeof(j.token), "b%015d", i);
		snprintf(j.appid, sizeof(j.appid), "bench");
		snprintf(j.source_filename, sizeof(j.source_filename),
			 "deck.pptx");
		snprintf(j.md5, sizeof(j.md5), "%032d", i);
		j.source_filesize = 1000;
		j.total_pages = -1;
		j.created_ms = j.updated_ms = t0 + i;
		if (s->ops->job_create(s, &j) != STORE_OK) {
			fprintf(stderr, "bench-queue: cannot create jobs\n");
			exit(1);
		}
	}
}

struct worker {
	struct store *s;
	int done;
};

static void *worker_thread(void *arg)
{
	struct worker *w = arg;

	w->done = drain_queue(w->s);
	return NULL;
}

/* Threads on one shared store; the jobs they finished. */
static int run_threads(struct store *s, int n)
{
	pthread_t th[MAX_WORKERS];
	struct worker w[MAX_WORKERS];
	int total = 0;

	for (int i = 0; i < n; i++) {
		w[i] = (struct worker){ s, 0 };
		pthread_create(&th[i], NULL, worker_thread, &w[i]);
	}
	for (int i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		total += w[i].done;
	}
	return total;
}

/*
 * Processes, each with its own store, started together through a pipe
 * (they connect first, then wait for the go); each writes the count of
 * jobs it finished to another pipe. The total.
 */
static int run_procs(int n, double *t0)
{
	int go[2], ready[2], res[2], total = 0, done;
	char c;

	if (pipe(go) != 0 || pipe(ready) != 0 || pipe(res) != 0)
		exit(1);
	for (int i = 0; i < n; i++) {
		fflush(NULL);
		if (fork() == 0) {
			struct store *s = open_store();

			close(go[1]);
			if (write(ready[1], "r", 1) != 1 ||
			    read(go[0], &c, 1) < 0)
				_exit(1);
			done = drain_queue(s);
			s->ops->close(s);
			_exit(write(res[1], &done, sizeof(done)) ==
			      sizeof(done) ? 0 : 1);
		}
	}
	close(res[1]);
	for (int i = 0; i < n; i++)
		if (read(ready[0], &c, 1) != 1)
			exit(1);
	*t0 = now_s();
	close(go[1]);
	while (read(res[0], &done, sizeof(done)) == sizeof(done))
		total += done;
	while (wait(NULL) > 0)
		;
	return total;
}

int main(int argc, char **argv)
{
	bool threads = argc > 1 && strcmp(argv[1], "-t") == 0;
	int jobs, workers, done, counts[JOB_NSTATES], queued;
	struct store *s;
	double t0, t1;

	if (argc != 4 + threads) {
		fprintf(stderr, "usage: bench-queue [-t] STORE JOBS WORKERS\n");
		return 2;
	}
	store_arg = argv[1 + threads];
	jobs = atoi(argv[2 + threads]);
	workers = atoi(argv[3 + threads]);
	if (jobs < 1 || workers < 1 || workers > MAX_WORKERS) {
		fprintf(stderr, "bench-queue: 1..%d workers\n", MAX_WORKERS);
		return 2;
	}

	s = open_store();
	fill(s, jobs);
	t0 = now_s();
	done = threads ? run_threads(s, workers) : run_procs(workers, &t0);
	t1 = now_s();
	if (s->ops->job_count(s, counts, &queued) != STORE_OK)
		return 1;
	printf("%s %s workers=%d jobs=%d seconds=%.3f jobs/s=%.0f "
	       "completed=%d duplicates=%d\n",
	       store_pg_is_url(store_arg) ? "postgresql" : "sqlite",
	       threads ? "threads" : "processes", workers, jobs, t1 - t0,
	       jobs / (t1 - t0), counts[JOB_COMPLETED], done - jobs);
	s->ops->close(s);
	return counts[JOB_COMPLETED] == jobs ? 0 : 1;
}
