/*
 * The sandbox of the conversion child: resource limits and a seccomp
 * filter that a process puts on itself before it reads an untrusted
 * deck. Meant for the child the service forks (`ppj convert ...
 * --progress-fd N`): call sandbox_enter() in the child after fork() and
 * before exec(), or first thing in `ppj convert`. Limits and the filter
 * are inherited across exec() and cannot be lifted again.
 *
 * See docs/security.md for what each limit stops.
 */
#ifndef PPJ_CLI_SANDBOX_H
#define PPJ_CLI_SANDBOX_H

#include <stdbool.h>
#include <stdint.h>

/* What the child may use; a 0 field leaves that limit as it is. */
struct sandbox_limits {
	uint64_t as_bytes;	/* address space (RLIMIT_AS) */
	uint64_t cpu_seconds;	/* CPU time; SIGXCPU, SIGKILL 2 s later */
	uint64_t fsize_bytes;	/* largest file written (RLIMIT_FSIZE) */
	uint64_t nofile;	/* open descriptors (RLIMIT_NOFILE) */
	bool allow_network;	/* false: only AF_UNIX sockets may be made */
};

/*
 * Applies l to the calling process: the rlimits above (never raising a
 * hard limit), no core dumps, SIGXFSZ ignored so that a write past the
 * file size limit fails with EFBIG instead of killing the process, and
 * unless l->allow_network a seccomp filter under which socket() and
 * socketpair() for any family but AF_UNIX, and io_uring_setup(), fail
 * with EPERM. Sets no_new_privs.
 *
 * In a build with AddressSanitizer the address space limit is not set
 * (ASan reserves terabytes of shadow at start, so the child could not
 * even start); use ASAN_OPTIONS=hard_rss_limit_mb there instead.
 *
 * Returns 0, or -1 with *cause set to an allocated message (the caller
 * frees it) naming the step that failed; the process may then be half
 * sandboxed and should exit.
 */
int sandbox_enter(const struct sandbox_limits *l, char **cause);

/* Whether sandbox_enter() sets RLIMIT_AS in this build. */
bool sandbox_limits_address_space(void);

#endif
