/*
 * Running the converter in a child process. The parent reads two pipes,
 * progress lines on fd 3 of the child and its stderr, until both close,
 * and kills the child's process group at the deadline. Between fork and
 * exec only async-signal-safe calls are made.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "server/jobs/child.h"
#include "server/server.h"

#define LINE_MAX_LEN 1024

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* A line reader over a pipe with a capped line (longer is cut). */
struct lines {
	int fd;
	char buf[LINE_MAX_LEN];
	size_t len;
	char last[LINE_MAX_LEN];	/* last complete line */
};

/* soft limit v; the hard one a little above, so SIGXCPU comes first */
static void set_limit(int what, rlim_t v, rlim_t slack)
{
	struct rlimit rl = { v, v + slack };

	setrlimit(what, &rl);
}

/* In the child: limits, fds, then exec. Never returns. */
static void exec_child(struct server *srv, char **argv, int progress_w,
		       int err_w)
{
	sigset_t none;
	int devnull = open("/dev/null", O_RDWR);

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);

#ifndef UNDER_ASAN
	set_limit(RLIMIT_AS, (rlim_t)srv->cfg.job_memory, 0);
#endif
	set_limit(RLIMIT_CPU, (rlim_t)srv->cfg.job_cpu, 2);
	set_limit(RLIMIT_FSIZE, (rlim_t)srv->cfg.max_upload * 16 +
		  ((rlim_t)256 << 20), 0);
	set_limit(RLIMIT_CORE, 0, 0);

	if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(devnull, 1) < 0 ||
	    dup2(err_w, 2) < 0)
		_exit(127);
	if (progress_w == 3)
		fcntl(3, F_SETFD, 0);
	else if (dup2(progress_w, 3) < 0)
		_exit(127);
	syscall(SYS_close_range, 4U, ~0U, 0U);
	execv(srv->exe, argv);
	_exit(127);
}

/*
 * "KIND MESSAGE" after "error ": the kind is kept only when it is one of
 * SPEC §1's codes, so a converter cannot invent one.
 */
static void error_line(const char *line, struct child_result *res)
{
	static const char *kinds[] = { "source_invalid", "password_protected",
				       "too_large", "timeout", "internal" };
	size_t klen = strcspn(line, " ");
	const char *msg = line[klen] ? line + klen + 1 : "";

	snprintf(res->code, sizeof(res->code), "internal");
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i]) == klen &&
		    strncmp(line, kinds[i], klen) == 0)
			snprintf(res->code, sizeof(res->code), "%s", kinds[i]);
	snprintf(res->msg, sizeof(res->msg), "%.200s", msg);
}

/* Reads what is there; calls fn for progress lines. 0 at EOF. */
static int pump(struct lines *l, bool progress, child_progress_fn fn,
		void *ctx, struct child_result *res)
{
	char chunk[4096];
	ssize_t n = read(l->fd, chunk, sizeof(chunk));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : 0;
	for (ssize_t i = 0; i < n; i++) {
		int stage, done, total;

		if (chunk[i] != '\n') {
			if (l->len + 1 < sizeof(l->buf))
				l->buf[l->len++] = chunk[i];
			continue;
		}
		l->buf[l->len] = '\0';
		l->len = 0;
		memcpy(l->last, l->buf, sizeof(l->last));
		if (!progress)
			continue;
		if (strncmp(l->buf, "error ", 6) == 0)
			error_line(l->buf + 6, res);
		else if (sscanf(l->buf, "%d %d %d", &stage, &done,
				&total) == 3)
			fn(ctx, stage, done, total);
	}
	return n > 0;
}

static bool should_kill(struct server *srv, const bool *lost)
{
	bool k;

	pthread_mutex_lock(&srv->lock);
	k = srv->killing || (lost && *lost);
	pthread_mutex_unlock(&srv->lock);
	return k;
}

/*
 * Watches the child until both pipes close; kills the group at the
 * deadline or when the server's grace is over. Returns what killed it.
 */
static enum child_end watch(struct server *srv, pid_t pid,
			    struct lines *prog, struct lines *err,
			    child_progress_fn fn, void *ctx, const bool *lost,
			    struct child_result *res)
{
	int64_t deadline = store_now_ms() + srv->cfg.job_timeout * 1000;
	enum child_end killed = CHILD_OK;
	bool prog_open = true, err_open = true;

	while (prog_open || err_open) {
		struct pollfd p[2] = {
			{ prog_open ? prog->fd : -1, POLLIN, 0 },
			{ err_open ? err->fd : -1, POLLIN, 0 },
		};

		if (killed == CHILD_OK && store_now_ms() > deadline)
			killed = CHILD_TIMEOUT;
		if (killed == CHILD_OK && should_kill(srv, lost))
			killed = CHILD_STOPPED;
		if (killed != CHILD_OK)
			kill(-pid, SIGKILL);
		if (poll(p, 2, 200) < 0 && errno != EINTR)
			break;
		if (p[0].revents && !pump(prog, true, fn, ctx, res))
			prog_open = false;
		if (p[1].revents && !pump(err, false, fn, ctx, res))
			err_open = false;
	}
	return killed;
}

const char *child_classify(const char *msg)
{
	if (strstr(msg, "password"))
		return "password_protected";
	if (strstr(msg, "limit") || strstr(msg, "too large") ||
	    strstr(msg, "too many"))
		return "too_large";
	if (strstr(msg, "out of memory") || strstr(msg, "internal"))
		return "internal";
	return "source_invalid";
}

static void outcome(pid_t pid, enum child_end killed, struct lines *err,
		    struct child_result *res)
{
	int status = 0;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (killed != CHILD_OK) {
		res->end = killed;
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		res->end = CHILD_OK;
	} else if (WIFEXITED(status)) {
		res->end = CHILD_FAILED;
		if (!res->msg[0])
			snprintf(res->msg, sizeof(res->msg), "%.200s",
				 err->last[0] ? err->last :
				 "the converter failed");
		if (!res->code[0])
			snprintf(res->code, sizeof(res->code), "%s",
				 WEXITSTATUS(status) == 1 ?
				 child_classify(res->msg) : "internal");
	} else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
		res->end = CHILD_TIMEOUT;
	} else {
		res->end = CHILD_CRASHED;
		snprintf(res->msg, sizeof(res->msg), "the converter died "
			 "(signal %d)", WIFSIGNALED(status) ?
			 WTERMSIG(status) : 0);
	}
}

void child_convert(struct server *srv, const char *deck, const char *zip,
		   child_progress_fn fn, void *ctx, const bool *lost,
		   struct child_result *res)
{
	char *argv[] = { "ppj", "convert", (char *)deck, "--zip",
			 (char *)zip, "--progress-fd", "3", NULL };
	struct lines *prog = calloc(1, sizeof(*prog));
	struct lines *err = calloc(1, sizeof(*err));
	int pp[2] = { -1, -1 }, ep[2] = { -1, -1 };
	pid_t pid;

	memset(res, 0, sizeof(*res));
	res->end = CHILD_CRASHED;
	snprintf(res->msg, sizeof(res->msg), "cannot start the converter");
	if (!prog || !err || pipe2(pp, O_CLOEXEC) || pipe2(ep, O_CLOEXEC))
		goto out;
	pid = fork();
	if (pid == 0)
		exec_child(srv, argv, pp[1], ep[1]);
	if (pid < 0)
		goto out;
	setpgid(pid, pid);
	close(pp[1]);
	close(ep[1]);
	pp[1] = ep[1] = -1;
	prog->fd = pp[0];
	err->fd = ep[0];
	res->msg[0] = '\0';
	outcome(pid, watch(srv, pid, prog, err, fn, ctx, lost, res), err, res);
out:
	for (int i = 0; i < 2; i++) {
		if (pp[i] >= 0)
			close(pp[i]);
		if (ep[i] >= 0)
			close(ep[i]);
	}
	free(prog);
	free(err);
}
