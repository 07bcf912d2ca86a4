/*
 * A decoder in a child process (see util.h).
 *
 * Some decoders we link (libeot's MTX, jxrlib) print on odd input, and
 * crash or hang on damaged data. The child runs the decoder and writes
 * its result to a pipe; the parent reads at most cap bytes, waits at
 * most deadline_ms for each of them, then kills and reaps the child. A
 * crash, a hang or a lie costs the one picture or face being decoded.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

/*
 * The library never prints, and a crash in the child would print a
 * sanitizer's report: the child's output goes nowhere, and a fatal
 * signal ends it without a handler's words.
 */
static void quiet_child(void)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE,
				     SIGABRT };
	int nul = open("/dev/null", O_WRONLY);

	if (nul >= 0) {
		dup2(nul, STDERR_FILENO);
		dup2(nul, STDOUT_FILENO);
		close(nul);
	}
	for (size_t i = 0; i < sizeof(fatal) / sizeof(*fatal); i++)
		signal(fatal[i], SIG_DFL);
}

int ppj_child_write(int fd, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t o = 0; o < n;) {
		ssize_t w = write(fd, p + o, n - o);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		o += (size_t)w;
	}
	return 0;
}

/* Reads what the child writes: at most cap bytes, none late. */
static unsigned char *read_child(int fd, size_t cap, int deadline_ms,
				 size_t *len)
{
	struct ppj_buf b = PPJ_BUF_INIT;
	char chunk[65536];

	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		int r = poll(&pfd, 1, deadline_ms);
		ssize_t n;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0) {
			*len = b.len;
			return b.failed ? NULL : (unsigned char *)b.data;
		}
		if (n < 0 || b.len + (size_t)n > cap)
			break;
		ppj_buf_add(&b, chunk, (size_t)n);
	}
	ppj_buf_release(&b);
	return NULL;
}

/* True if the child ended well; a child still running is killed. */
static bool reap(pid_t pid)
{
	int st = 0;

	kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

unsigned char *ppj_child_run(ppj_child_fn fn, void *arg, size_t cap,
			     int deadline_ms, size_t *len)
{
	unsigned char *out;
	int fd[2];
	pid_t pid;

	if (pipe(fd) != 0)
		return NULL;
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		quiet_child();
		_exit(fn(arg, fd[1]) == 0 ? 0 : 1);
	}
	close(fd[1]);
	if (pid < 0) {
		close(fd[0]);
		return NULL;
	}

	out = read_child(fd[0], cap, deadline_ms, len);
	close(fd[0]);
	if (!reap(pid)) {
		free(out);
		return NULL;
	}
	return out;
}
