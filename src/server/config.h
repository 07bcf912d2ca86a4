/*
 * The service's settings: one table (config.c) gives each setting its
 * name, its PPJ_* environment variable, its type, default and help. The
 * defaults are applied first, then the environment, then the flags; the
 * --help text and docs/config.md come from the same table.
 */
#ifndef PPJ_SRV_CONFIG_H
#define PPJ_SRV_CONFIG_H

#include <stdint.h>
#include <stdio.h>

struct srv_config {
	char listen[256];	/* ADDR:PORT */
	char data[1024];	/* data directory */
	int64_t workers;	/* conversions at once */
	int64_t max_upload;	/* bytes */
	int64_t job_timeout;	/* seconds of wall clock per conversion */
	int64_t job_memory;	/* bytes of address space per conversion */
	int64_t job_cpu;	/* CPU seconds per conversion */
	int64_t ttl;		/* seconds a job is kept */
	int64_t sign_window;	/* seconds a timestamp may be off */
	int64_t grace;		/* seconds running jobs get at SIGTERM */
	int64_t max_queue;	/* queued jobs before creates get 429 */
	char log_level[16];	/* debug, info, warning, error */
	char converter[1024];	/* program run for a job; "": this ppj */
	int64_t notify_base_delay;	/* seconds: B of the retry schedule */
	int64_t notify_attempts;	/* callback attempts per job */
	int64_t notify_timeout;		/* seconds one callback may take */
	int64_t notify_allow_private;	/* 1: callbacks may reach private */
	char store[2048];	/* "": DATA/ppj.db; or postgresql://... */
	char node_id[128];	/* worker id in a shared store; "": host:pid */
	int64_t lease;		/* seconds a claimed job is held unrenewed */
	int64_t worker_only;	/* set by `ppj worker`: no HTTP daemon */
};

/* Fills cfg with the table's defaults (workers: the number of cores). */
void srv_config_defaults(struct srv_config *cfg);

/*
 * Applies the PPJ_* environment variables, then the flags in argv (argv[0]
 * is the command name). Returns 0, 1 when --help was printed, or -1 with
 * *cause set to an allocated message (the caller frees it).
 */
int srv_config_load(struct srv_config *cfg, int argc, char **argv,
		    char **cause);

/* Prints every setting with its variable, default and help. */
void srv_config_help(FILE *f);

/* The table as markdown, for docs/config.md. */
void srv_config_markdown(FILE *f);

/* Parses "100M", "2G", "300", "5m", "7d" into bytes or seconds. */
int srv_parse_size(const char *s, int64_t *out);
int srv_parse_duration(const char *s, int64_t *out);

#endif
