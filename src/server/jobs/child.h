/*
 * One conversion in a child process: `ppj convert DECK --zip OUT
 * --progress-fd 3` in its own process group, under setrlimit limits,
 * watched by the calling worker thread until it ends, is killed by the
 * wall-clock timeout, or the server stops.
 */
#ifndef PPJ_SRV_CHILD_H
#define PPJ_SRV_CHILD_H

#include <stdbool.h>
#include <stdint.h>

struct server;

enum child_end {
	CHILD_OK = 0,		/* exit 0 */
	CHILD_FAILED,		/* exit non-zero: code/msg say why */
	CHILD_TIMEOUT,		/* killed at the wall-clock limit */
	CHILD_CRASHED,		/* killed by another signal */
	CHILD_STOPPED,		/* killed because the server stops */
};

struct child_result {
	enum child_end end;
	char code[32];		/* last_error.code */
	char msg[256];
};

/*
 * Called with each progress line: stage (1 reading, 2 rendering, 3
 * packaging), slides done and the slide count (0 while unknown).
 */
typedef void (*child_progress_fn)(void *ctx, int stage, int done,
				  int total);

/*
 * Runs the conversion of deck into zip; fills res. The child is killed
 * (CHILD_STOPPED) when the server's grace is over or, when lost is not
 * NULL, once *lost (read under srv->lock) becomes true.
 */
void child_convert(struct server *srv, const char *deck, const char *zip,
		   child_progress_fn fn, void *ctx, const bool *lost,
		   struct child_result *res);

/* Maps a converter message to a last_error code (exit status 1). */
const char *child_classify(const char *msg);

#endif
