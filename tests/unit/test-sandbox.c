/*
 * Unit tests of the conversion child's sandbox (src/cli/sandbox.c). Each
 * test forks; the child enters the sandbox, tries what it must not be
 * able to do and reports through its exit status, so the test process
 * itself never carries the limits.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/sandbox.h"
#include "unit.h"

/* Exit codes of the children: 0 all as expected, 10+ which check broke. */
enum { OK = 0, ENTER = 10, INET, INET6, NETLINK, UNIX_SOCK, PAIR, ALLOC,
       SMALL_ALLOC, FSIZE, FSIZE_OK, CORE };

/* Runs fn in a child and returns its exit status, or -signal. */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1000;
	if (pid == 0)
		_exit(fn());
	if (waitpid(pid, &status, 0) < 0)
		return -1001;
	if (WIFSIGNALED(status))
		return -WTERMSIG(status);
	return WEXITSTATUS(status);
}

static int enter(const struct sandbox_limits *l)
{
	char *cause = NULL;

	if (sandbox_enter(l, &cause) == 0)
		return 0;
	fprintf(stderr, "%s\n", cause ? cause : "sandbox_enter failed");
	free(cause);
	return -1;
}

static bool refused(int family, int type)
{
	int fd = socket(family, type, 0);

	if (fd >= 0) {
		close(fd);
		return false;
	}
	return errno == EPERM;
}

static int child_network(void)
{
	struct sandbox_limits l = { 0 };
	int fd, sv[2];

	if (enter(&l) < 0)
		return ENTER;
	if (!refused(AF_INET, SOCK_STREAM) || !refused(AF_INET, SOCK_DGRAM))
		return INET;
	if (!refused(AF_INET6, SOCK_STREAM))
		return INET6;
	if (!refused(AF_NETLINK, SOCK_RAW))
		return NETLINK;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return UNIX_SOCK;
	close(fd);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return PAIR;
	close(sv[0]);
	close(sv[1]);
	return OK;
}

TEST(network_sockets_are_refused)
{
	CHECK_INT(in_child(child_network), OK);
}

static int child_network_allowed(void)
{
	struct sandbox_limits l = { .allow_network = true };
	int fd;

	if (enter(&l) < 0)
		return ENTER;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return INET;
	close(fd);
	return OK;
}

TEST(allow_network_leaves_sockets_alone)
{
	CHECK_INT(in_child(child_network_allowed), OK);
}

static int child_memory(void)
{
	struct sandbox_limits l = { .as_bytes = (uint64_t)512 << 20 };
	volatile char *p;

	if (enter(&l) < 0)
		return ENTER;
	p = malloc((size_t)1 << 30);
	if (p) {
		p[0] = 1;
		free((void *)p);
		return ALLOC;
	}
	p = malloc(1 << 20);
	if (!p)
		return SMALL_ALLOC;
	free((void *)p);
	return OK;
}

/*
 * Under AddressSanitizer the sandbox does not set RLIMIT_AS (see
 * sandbox.h), so there the check is only that it says so.
 */
TEST(malloc_past_address_space_limit_fails)
{
	if (!sandbox_limits_address_space()) {
		fprintf(stderr, "ASan build: RLIMIT_AS is not set, "
			"check skipped\n");
		return;
	}
	CHECK_INT(in_child(child_memory), OK);
}

static int child_fsize(void)
{
	struct sandbox_limits l = { .fsize_bytes = 4096 };
	char path[600], block[1024] = { 0 };
	int fd, rc = OK;

	snprintf(path, sizeof(path), "%s/big", unit_tmpdir());
	if (enter(&l) < 0)
		return ENTER;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return FSIZE_OK;

	for (int i = 0; i < 4; i++)
		if (write(fd, block, sizeof(block)) != sizeof(block))
			rc = FSIZE_OK;
	if (rc == OK && (write(fd, block, 1) != -1 || errno != EFBIG))
		rc = FSIZE;
	close(fd);
	unlink(path);
	return rc;
}

TEST(write_past_file_size_limit_fails)
{
	CHECK_INT(in_child(child_fsize), OK);
}

static int child_core(void)
{
	struct sandbox_limits l = { .nofile = 64 };
	struct rlimit rl;

	if (enter(&l) < 0)
		return ENTER;
	if (getrlimit(RLIMIT_CORE, &rl) < 0 || rl.rlim_cur != 0 ||
	    rl.rlim_max != 0)
		return CORE;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur > 64)
		return CORE;
	return OK;
}

TEST(no_core_dumps_and_few_files)
{
	CHECK_INT(in_child(child_core), OK);
}

static int child_cpu(void)
{
	struct sandbox_limits l = { .cpu_seconds = 1 };
	volatile unsigned long n = 0;

	if (enter(&l) < 0)
		return ENTER;
	for (;;)
		n++;
	return OK;
}

TEST(cpu_limit_ends_a_spinning_child)
{
	int rc = in_child(child_cpu);

	CHECK(rc == -SIGXCPU || rc == -SIGKILL);
}
