/*
 * The service's log: one line per event on stderr, with the ISO time to
 * the millisecond, the pid, a level and the message. Control characters
 * in the message are escaped so a hostile path cannot forge a line.
 */
#ifndef PPJ_SRV_LOG_H
#define PPJ_SRV_LOG_H

enum srv_log_level {
	SRV_LOG_DEBUG = 0,
	SRV_LOG_INFO,
	SRV_LOG_WARNING,
	SRV_LOG_ERROR,
};

/* Sets the lowest level written; returns -1 for an unknown name. */
int srv_log_set_level(const char *name);

void srv_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
