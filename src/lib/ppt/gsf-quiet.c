/*
 * libgsf reports broken OLE2 files through GLib's log (g_return_if_fail
 * "CRITICAL" lines on stderr). The library never prints: those reports
 * are dropped here, and the caller learns of the damage from the NULL or
 * the error that libgsf returns anyway. libgsf's OLE2 reader also warns
 * without a domain ("Unable to get child[...]"), so the default domain is
 * quietened too: a program that embeds the library and logs through
 * GLib's default domain loses its own messages of that domain.
 */
#include <glib.h>
#include <pthread.h>

#include "ppt.h"

static void drop(const gchar *domain, GLogLevelFlags level,
		 const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

static void install(void)
{
	static const char *domains[] = {
		"libgsf", "libgsf:msole", "libgsf:zip", "libgsf:utils", NULL
	};
	GLogLevelFlags all = G_LOG_LEVEL_MASK | G_LOG_FLAG_RECURSION;

	for (int i = 0; domains[i]; i++)
		g_log_set_handler(domains[i], all, drop, NULL);
	g_log_set_handler(NULL, all, drop, NULL);
}

void ppj__gsf_quiet(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, install);
}
