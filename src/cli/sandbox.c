/*
 * The conversion child's sandbox (see sandbox.h): setrlimit for memory,
 * CPU, file size and descriptors, no core dumps, and a libseccomp filter
 * that refuses to create network sockets.
 *
 * The filter allows everything by default and only turns socket creation
 * into EPERM: the converter needs files, memory and a pipe to its parent,
 * and nothing it does needs a network. A syscall of a foreign ABI (32-bit
 * int 0x80, x32) kills the process, libseccomp's default for a bad
 * architecture, so socketcall() cannot be used to go around the rule.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <seccomp.h>

#include "sandbox.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANDBOX_ASAN 1
#endif
#endif

#ifndef SANDBOX_ASAN
#define SANDBOX_ASAN 0
#endif

bool sandbox_limits_address_space(void)
{
	return !SANDBOX_ASAN;
}

static int fail(char **cause, const char *what, int errnum)
{
	if (cause && asprintf(cause, "sandbox: %s: %s", what,
			      strerror(errnum)) < 0)
		*cause = NULL;
	return -1;
}

/*
 * Lowers one limit to v (soft) and hard (hard), never above the current
 * hard limit: an unprivileged process cannot raise it, and asking would
 * fail the whole call.
 */
static int lower(int resource, uint64_t v, uint64_t hard)
{
	struct rlimit rl;

	if (getrlimit(resource, &rl) < 0)
		return -1;
	if (rl.rlim_max != RLIM_INFINITY && hard > rl.rlim_max)
		hard = rl.rlim_max;
	if (v > hard)
		v = hard;
	rl.rlim_cur = (rlim_t)v;
	rl.rlim_max = (rlim_t)hard;
	return setrlimit(resource, &rl);
}

static int set_limits(const struct sandbox_limits *l, char **cause)
{
	if (l->as_bytes && !SANDBOX_ASAN &&
	    lower(RLIMIT_AS, l->as_bytes, l->as_bytes) < 0)
		return fail(cause, "RLIMIT_AS", errno);
	if (l->cpu_seconds && lower(RLIMIT_CPU, l->cpu_seconds,
				    l->cpu_seconds + 2) < 0)
		return fail(cause, "RLIMIT_CPU", errno);
	if (l->fsize_bytes && lower(RLIMIT_FSIZE, l->fsize_bytes,
				    l->fsize_bytes) < 0)
		return fail(cause, "RLIMIT_FSIZE", errno);
	if (l->nofile && lower(RLIMIT_NOFILE, l->nofile, l->nofile) < 0)
		return fail(cause, "RLIMIT_NOFILE", errno);
	if (lower(RLIMIT_CORE, 0, 0) < 0)
		return fail(cause, "RLIMIT_CORE", errno);

	if (l->fsize_bytes && signal(SIGXFSZ, SIG_IGN) == SIG_ERR)
		return fail(cause, "ignoring SIGXFSZ", errno);
	return 0;
}

/* socket(family, ...) and socketpair(family, ...) for family != AF_UNIX. */
static int deny_family(scmp_filter_ctx ctx, int nr)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 1,
				SCMP_A0(SCMP_CMP_NE, AF_UNIX));
}

/*
 * io_uring can open sockets without the socket() syscall (IORING_OP_
 * SOCKET), so it goes too; nothing in the converter uses it.
 */
static int set_filter(char **cause)
{
	scmp_filter_ctx ctx;
	int rc;

	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return fail(cause, "seccomp_init", ENOMEM);

	rc = deny_family(ctx, SCMP_SYS(socket));
	if (rc == 0)
		rc = deny_family(ctx, SCMP_SYS(socketpair));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				      SCMP_SYS(io_uring_setup), 0);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc < 0)
		return fail(cause, "seccomp filter", -rc);
	return 0;
}

int sandbox_enter(const struct sandbox_limits *l, char **cause)
{
	if (cause)
		*cause = NULL;
	if (set_limits(l, cause) < 0)
		return -1;
	if (!l->allow_network && set_filter(cause) < 0)
		return -1;
	return 0;
}
