/*
 * One log line per event on stderr: "2026-12-03T19:12:03.123Z 4242 INFO
 * message". Lines are built whole and written with one write() so that
 * threads do not interleave inside a line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "server/log.h"

static const char *names[] = { "DEBUG", "INFO", "WARNING", "ERROR" };
static int min_level = SRV_LOG_INFO;

int srv_log_set_level(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (strcasecmp(name, names[i]) == 0 ||
		    (i == SRV_LOG_WARNING && strcasecmp(name, "warn") == 0)) {
			min_level = i;
			return 0;
		}
	return -1;
}

/* Copies src into dst (room n), escaping control characters as \xHH. */
static size_t escape(char *dst, size_t n, const char *src)
{
	size_t o = 0;

	for (; *src && o + 5 < n; src++) {
		unsigned char c = (unsigned char)*src;

		if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(dst + o, n - o, "\\x%02x", c);
		else
			dst[o++] = (char)c;
	}
	dst[o] = '\0';
	return o;
}

void srv_log(int level, const char *fmt, ...)
{
	char msg[2048], line[4200];
	struct timeval tv;
	struct tm tm;
	va_list ap;
	size_t n;

	if (level < min_level || level < 0 || level > SRV_LOG_ERROR)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%S", &tm);
	n += (size_t)snprintf(line + n, sizeof(line) - n, ".%03dZ %d %s ",
			      (int)(tv.tv_usec / 1000), (int)getpid(),
			      names[level]);
	n += escape(line + n, sizeof(line) - n - 1, msg);
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}
