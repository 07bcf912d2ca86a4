/*
 * ppj serve [options]: runs the PPJ v1 job service until SIGTERM or
 * SIGINT, then stops gracefully (running conversions get the grace
 * period, then go back to the queue) and exits 0.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "server/config.h"
#include "server/log.h"
#include "server/server.h"

/*
 * Blocks the stop signals in every thread (the threads made later
 * inherit the mask) so that only sigwait() below sees them.
 */
static void block_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	pthread_sigmask(SIG_BLOCK, set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int cmd_serve(int argc, char **argv)
{
	static struct server srv;
	struct srv_config cfg;
	char *cause = NULL;
	sigset_t set;
	int rc, sig = 0;

	srv_config_defaults(&cfg);
	if (argc == 2 && strcmp(argv[1], "--config-markdown") == 0) {
		srv_config_markdown(stdout);
		return 0;
	}
	rc = srv_config_load(&cfg, argc, argv, &cause);
	if (rc == 1) {
		srv_config_help(stdout);
		return 0;
	}
	if (rc) {
		fprintf(stderr, "ppj serve: %s\n", cause ? cause : "bad "
			"arguments");
		free(cause);
		return 2;
	}

	block_signals(&set);
	if (srv_start(&srv, &cfg, &cause)) {
		srv_log(SRV_LOG_ERROR, "cannot start: %s",
			cause ? cause : "?");
		free(cause);
		return 1;
	}
	while (sigwait(&set, &sig) != 0)
		;
	srv_log(SRV_LOG_INFO, "signal %d: stopping", sig);
	srv_stop(&srv);
	srv_log(SRV_LOG_INFO, "stopped");
	return 0;
}
