/*
 * ppj serve [options]: runs the PPJ v1 job service until SIGTERM or
 * SIGINT, then stops gracefully (running conversions get the grace
 * period, then go back to the queue) and exits 0. `ppj worker` runs the
 * same service without the HTTP daemon (cmd-worker.c).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "server/config.h"
#include "server/log.h"
#include "server/server.h"
#include "server/store/store-pg.h"

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

/* A worker only converts: it needs a store other nodes can reach. */
static int check_worker(const struct srv_config *cfg)
{
	if (store_pg_is_url(cfg->store))
		return 0;
	fprintf(stderr, "ppj worker: needs --store postgresql://... (or "
		"PPJ_STORE): the embedded SQLite store is not safe across "
		"processes and runs its workers inside 'ppj serve'\n");
	return 2;
}

/*
 * Jobs run the lean `ppj` beside this program, which loads none of the
 * service's libraries (most of a small conversion's start-up); without
 * it the server runs this program itself, which converts too.
 */
static void default_converter(struct srv_config *cfg)
{
	if (cfg->converter[0])
		return;
	if (cli_sibling("ppj", cfg->converter, sizeof(cfg->converter)) != 0 ||
	    access(cfg->converter, X_OK) != 0)
		cfg->converter[0] = '\0';
}

int cli_service(int argc, char **argv, bool worker_only)
{
	static struct server srv;
	const char *name = worker_only ? "worker" : "serve";
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
		if (worker_only)
			printf("usage: ppj worker --store postgresql://... "
			       "[options]\nConverts the jobs of a shared "
			       "store; takes the options below.\n\n");
		srv_config_help(stdout);
		return 0;
	}
	if (rc) {
		fprintf(stderr, "ppj %s: %s\n", name, cause ? cause : "bad "
			"arguments");
		free(cause);
		return 2;
	}
	if (worker_only && check_worker(&cfg))
		return 2;
	cfg.worker_only = worker_only;
	default_converter(&cfg);

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

int cmd_serve(int argc, char **argv)
{
	return cli_service(argc, argv, false);
}
