/*
 * fuzz-multipart: the service's upload parser (src/server/http/upload.c
 * over libmicrohttpd's post processor) on hostile request bodies.
 *
 * A daemon without a listening socket runs in this process; each input
 * becomes one connection, handed to the daemon with MHD_add_connection()
 * as one end of a socketpair. The input's first line is the Content-Type
 * header, the rest the body. The handler feeds the upload as the real
 * create route does and answers 200 or 400; the fuzzer side writes the
 * request, reads the answer to the end, waits until the daemon has
 * closed the connection (its clean-up runs on the daemon's thread, after
 * the client already sees the end) and checks the temp file is gone.
 */
#include <dirent.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <microhttpd.h>

#include "server/http/upload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define LIMIT 4096	/* a small upload limit, so 413 paths run too */

static struct MHD_Daemon *daemon_;
static char dir[300];
static atomic_uint closed;	/* connections the daemon has closed */

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		2, (void *)"{}", MHD_RESPMEM_PERSISTENT);
	enum MHD_Result rc = MHD_queue_response(c, status, r);

	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c,
			       const char *url, const char *method,
			       const char *version, const char *body,
			       size_t *body_size, void **state)
{
	struct upload *u = *state;

	if (!u) {
		u = upload_begin(c, dir, LIMIT);
		if (!u)
			return reply(c, 400);
		*state = u;
		return MHD_YES;
	}
	if (*body_size) {
		bool go_on = upload_feed(u, body, *body_size);

		*body_size = 0;
		return go_on ? MHD_YES : reply(c, u->too_large ? 413 : 400);
	}
	if (!upload_end(u))
		return reply(c, 500);
	(void)upload_field(u, "file_md5");
	(void)upload_field(u, "file_source");
	return reply(c, 200);
}

static void done(void *cls, struct MHD_Connection *c, void **state,
		 enum MHD_RequestTerminationCode why)
{
	if (*state)
		upload_free(*state);
	*state = NULL;
}

static void conn_note(void *cls, struct MHD_Connection *c, void **sock,
		      enum MHD_ConnectionNotificationCode what)
{
	if (what == MHD_CONNECTION_NOTIFY_CLOSED)
		atomic_fetch_add(&closed, 1);
}

/* Waits (10 s at most) until the daemon has closed n connections. */
static void wait_closed(unsigned n)
{
	for (int i = 0; i < 10000 && atomic_load(&closed) < n; i++)
		usleep(1000);
}

static void start(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/ppj-fuzz-up-XXXXXX",
		 base ? base : "/tmp");
	if (!mkdtemp(dir))
		abort();
	daemon_ = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
				   MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL,
				   handler, NULL,
				   MHD_OPTION_NOTIFY_COMPLETED, done, NULL,
				   MHD_OPTION_NOTIFY_CONNECTION, conn_note,
				   NULL,
				   MHD_OPTION_CONNECTION_TIMEOUT, 5U,
				   MHD_OPTION_END);
	if (!daemon_)
		abort();
}

/* Writes all of p (the socket is blocking), ignoring an early close. */
static void send_all(int fd, const void *p, size_t n)
{
	const char *s = p;

	while (n) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void drain(int fd)
{
	char buf[4096];
	struct pollfd p = { .fd = fd, .events = POLLIN };

	while (poll(&p, 1, 10000) > 0 && read(fd, buf, sizeof(buf)) > 0)
		;
}

/* The daemon must have removed every temp file of the upload. */
static void check_no_leftovers(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		abort();
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			abort();
	closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_in addr = { .sin_family = AF_INET,
				    .sin_addr.s_addr = htonl(0x7F000001) };
	const uint8_t *nl = memchr(data, '\n', size);
	size_t ctlen = nl ? (size_t)(nl - data) : 0;
	const uint8_t *body = nl ? nl + 1 : data;
	size_t blen = size - (size_t)(body - data);
	static unsigned added;
	char head[512];
	int sv[2], n;

	if (!daemon_)
		start();
	if (ctlen > 200 || memchr(data, '\r', ctlen))
		return 0;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		abort();
	if (MHD_add_connection(daemon_, sv[1], (struct sockaddr *)&addr,
			       sizeof(addr)) != MHD_YES) {
		close(sv[0]);
		return 0;
	}
	added++;

	n = snprintf(head, sizeof(head), "POST /jobs HTTP/1.1\r\nHost: x\r\n"
		     "Connection: close\r\nContent-Type: %.*s\r\n"
		     "Content-Length: %zu\r\n\r\n", (int)ctlen,
		     (const char *)data, blen);
	send_all(sv[0], head, (size_t)n);
	send_all(sv[0], body, blen);
	shutdown(sv[0], SHUT_WR);
	drain(sv[0]);
	close(sv[0]);
	wait_closed(added);
	check_no_leftovers();
	return 0;
}
