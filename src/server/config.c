/*
 * The options table of `ppj serve` and what reads it: defaults, PPJ_*
 * environment variables and --flags, all from the same rows.
 */
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/config.h"
#include "server/log.h"
#include "server/store/store-pg.h"

enum opt_type {
	OPT_STRING,
	OPT_COUNT,	/* a positive integer */
	OPT_COUNT0,	/* a count that may be 0 */
	OPT_SIZE,	/* bytes, with K/M/G suffixes */
	OPT_DURATION,	/* seconds, with s/m/h/d suffixes */
	OPT_FLAG,	/* no value on the command line; 0 or 1 */
};

struct opt_row {
	const char *name;	/* the flag, without "--" */
	const char *env;
	enum opt_type type;
	const char *def;	/* NULL: computed (workers) */
	size_t off;		/* offset in struct srv_config */
	size_t len;		/* OPT_STRING: room */
	const char *help;
};

#define STR(f) offsetof(struct srv_config, f), \
	sizeof(((struct srv_config *)0)->f)
#define NUM(f) offsetof(struct srv_config, f), 0

static const struct opt_row rows[] = {
	{ "listen", "PPJ_LISTEN", OPT_STRING, "127.0.0.1:8080", STR(listen),
	  "address and port to listen on" },
	{ "data", "PPJ_DATA", OPT_STRING, "./ppj-data", STR(data),
	  "data directory: ppj.db and blobs/ (SQLite store), uploads/ and "
	  "outputs/ (temp files)" },
	{ "workers", "PPJ_WORKERS", OPT_COUNT0, NULL, NUM(workers),
	  "conversions run at once (default: one per core); 0: an API "
	  "node of a PostgreSQL store, converting nothing" },
	{ "max-upload", "PPJ_MAX_UPLOAD", OPT_SIZE, "100M", NUM(max_upload),
	  "largest accepted upload (413 above)" },
	{ "job-timeout", "PPJ_JOB_TIMEOUT", OPT_DURATION, "300",
	  NUM(job_timeout), "wall-clock limit of one conversion" },
	{ "job-memory", "PPJ_JOB_MEMORY", OPT_SIZE, "2G", NUM(job_memory),
	  "address-space limit of one conversion process" },
	{ "job-cpu", "PPJ_JOB_CPU", OPT_DURATION, "600", NUM(job_cpu),
	  "CPU-time limit of one conversion process" },
	{ "ttl", "PPJ_TTL", OPT_DURATION, "7d", NUM(ttl),
	  "age after which a job's files are wiped (state deleted)" },
	{ "sign-window", "PPJ_SIGN_WINDOW", OPT_DURATION, "300",
	  NUM(sign_window), "how far a request timestamp may be off" },
	{ "grace", "PPJ_GRACE", OPT_DURATION, "30", NUM(grace),
	  "at SIGTERM, time running conversions get before requeueing" },
	{ "max-queue", "PPJ_MAX_QUEUE", OPT_SIZE, "1000", NUM(max_queue),
	  "jobs waiting for a worker before a create gets 429" },
	{ "log-level", "PPJ_LOG_LEVEL", OPT_STRING, "info", STR(log_level),
	  "debug, info, warning or error" },
	{ "converter", "PPJ_CONVERTER", OPT_STRING, "", STR(converter),
	  "program run as 'PROGRAM convert DECK --zip OUT --progress-fd 3' "
	  "(default: this ppj; tests use a stand-in)" },
	{ "notify-base-delay", "PPJ_NOTIFY_BASE_DELAY", OPT_DURATION, "15",
	  NUM(notify_base_delay), "callbacks: retry n waits n^4 + this, "
	  "plus up to this x (n + 1) at random" },
	{ "notify-attempts", "PPJ_NOTIFY_ATTEMPTS", OPT_COUNT, "25",
	  NUM(notify_attempts), "callbacks: attempts before giving up" },
	{ "notify-timeout", "PPJ_NOTIFY_TIMEOUT", OPT_DURATION, "10",
	  NUM(notify_timeout), "callbacks: time one attempt may take" },
	{ "notify-allow-private", "PPJ_NOTIFY_ALLOW_PRIVATE", OPT_FLAG, "0",
	  NUM(notify_allow_private), "callbacks may reach loopback, private "
	  "and other non-public addresses (tests)" },
	{ "store", "PPJ_STORE", OPT_STRING, "", STR(store),
	  "postgresql://... : a PostgreSQL database shared by several "
	  "servers and workers (default: DATA/ppj.db)" },
	{ "node-id", "PPJ_NODE_ID", OPT_STRING, "", STR(node_id),
	  "PostgreSQL store: this node's worker id (default: host:pid); "
	  "a stable id gets a restarted node's jobs back at once" },
	{ "lease", "PPJ_LEASE", OPT_DURATION, "60", NUM(lease),
	  "PostgreSQL store: a claimed job whose node stops renewing it "
	  "this long goes back to the queue" },
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

/* Parses a number with a suffix from units (e.g. "KMG"), each x mult. */
static int parse_scaled(const char *s, const char *units,
			const int64_t *mults, int64_t *out)
{
	char *end;
	long long v;
	int64_t m = 1;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || errno || v < 0)
		return -1;
	if (*end) {
		const char *u = strchr(units, *end);

		if (!u || end[1])
			return -1;
		m = mults[u - units];
	}
	if (v > INT64_MAX / m)
		return -1;
	*out = v * m;
	return 0;
}

int srv_parse_size(const char *s, int64_t *out)
{
	static const int64_t m[] = { 1, 1 << 10, 1 << 20, 1 << 30,
				     1 << 10, 1 << 20, 1 << 30 };

	return parse_scaled(s, "BKMGkmg", m, out);
}

int srv_parse_duration(const char *s, int64_t *out)
{
	static const int64_t m[] = { 1, 60, 3600, 86400 };

	return parse_scaled(s, "smhd", m, out);
}

static int set_value(struct srv_config *cfg, const struct opt_row *r,
		     const char *v, char **cause)
{
	char *base = (char *)cfg + r->off;
	int64_t n = 0;
	int bad = 0;

	switch (r->type) {
	case OPT_STRING:
		if (strlen(v) >= r->len)
			bad = 1;
		else
			memcpy(base, v, strlen(v) + 1);
		break;
	case OPT_COUNT:
	case OPT_COUNT0:
		bad = srv_parse_size(v, &n) || n > 1024 ||
			n < (r->type == OPT_COUNT0 ? 0 : 1);
		break;
	case OPT_SIZE:
		bad = srv_parse_size(v, &n) || n < 1;
		break;
	case OPT_DURATION:
		bad = srv_parse_duration(v, &n) || n < 1;
		break;
	case OPT_FLAG:
		n = !v || strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 ||
			strcmp(v, "true") == 0;
		bad = v && !n && strcmp(v, "0") && strcmp(v, "no") &&
			strcmp(v, "false");
		break;
	}
	if (bad) {
		if (asprintf(cause, "bad value '%s' for %s", v, r->name) < 0)
			*cause = NULL;
		return -1;
	}
	if (r->type != OPT_STRING)
		*(int64_t *)(void *)base = n;
	return 0;
}

void srv_config_defaults(struct srv_config *cfg)
{
	char *ignored = NULL;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	memset(cfg, 0, sizeof(*cfg));
	for (size_t i = 0; i < NROWS; i++)
		if (rows[i].def)
			set_value(cfg, &rows[i], rows[i].def, &ignored);
	cfg->workers = cores > 0 ? cores : 1;
	free(ignored);
}

static int load_env(struct srv_config *cfg, char **cause)
{
	for (size_t i = 0; i < NROWS; i++) {
		const char *v = getenv(rows[i].env);

		if (v && *v && set_value(cfg, &rows[i], v, cause))
			return -1;
	}
	return 0;
}

/*
 * Without a shared store nothing else converts: a server with no worker
 * would queue jobs forever.
 */
static int check_store(const struct srv_config *cfg, char **cause)
{
	if (cfg->workers > 0 || store_pg_is_url(cfg->store))
		return 0;
	if (asprintf(cause, "--workers 0 (an API node) needs a shared "
		     "--store postgresql://...") < 0)
		*cause = NULL;
	return -1;
}

int srv_config_load(struct srv_config *cfg, int argc, char **argv,
		    char **cause)
{
	struct option longopts[NROWS + 2];
	int c, idx;

	*cause = NULL;
	if (load_env(cfg, cause))
		return -1;

	for (size_t i = 0; i < NROWS; i++)
		longopts[i] = (struct option){ rows[i].name,
			rows[i].type == OPT_FLAG ? no_argument :
			required_argument, NULL, 0 };
	longopts[NROWS] = (struct option){ "help", no_argument, NULL, 'h' };
	longopts[NROWS + 1] = (struct option){ NULL, 0, NULL, 0 };

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, &idx)) != -1) {
		if (c == 'h')
			return 1;
		if (c != 0) {
			if (asprintf(cause, "unknown option '%s'",
				     argv[optind - 1]) < 0)
				*cause = NULL;
			return -1;
		}
		if (set_value(cfg, &rows[idx], optarg, cause))
			return -1;
	}
	if (optind != argc) {
		if (asprintf(cause, "unexpected argument '%s'",
			     argv[optind]) < 0)
			*cause = NULL;
		return -1;
	}
	if (srv_log_set_level(cfg->log_level)) {
		if (asprintf(cause, "bad log level '%s'", cfg->log_level) < 0)
			*cause = NULL;
		return -1;
	}
	return check_store(cfg, cause);
}

static const char *type_hint(enum opt_type t)
{
	switch (t) {
	case OPT_COUNT: return "N";
	case OPT_COUNT0: return "N";
	case OPT_SIZE: return "SIZE";
	case OPT_DURATION: return "SECONDS";
	case OPT_FLAG: return "";
	default: return "VALUE";
	}
}

void srv_config_help(FILE *f)
{
	fprintf(f, "usage: ppj serve [options]\n\n"
		"Runs the PPJ v1 job service. Every option can also be set "
		"with its\nenvironment variable; flags win. Sizes take K, M, "
		"G; durations s, m, h, d.\n\n");
	for (size_t i = 0; i < NROWS; i++) {
		char flag[64];

		snprintf(flag, sizeof(flag), "--%s %s", rows[i].name,
			 type_hint(rows[i].type));
		fprintf(f, "  %-26s %s\n  %-26s $%s, default %s\n", flag,
			rows[i].help, "", rows[i].env,
			!rows[i].def ? "number of cores" :
			*rows[i].def ? rows[i].def : "(none)");
	}
}

void srv_config_markdown(FILE *f)
{
	fprintf(f, "| option | variable | default | meaning |\n"
		"|---|---|---|---|\n");
	for (size_t i = 0; i < NROWS; i++)
		fprintf(f, "| `--%s` | `%s` | %s | %s |\n", rows[i].name,
			rows[i].env, rows[i].def ? rows[i].def : "cores",
			rows[i].help);
}
