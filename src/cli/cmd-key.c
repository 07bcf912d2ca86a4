/*
 * ppj key add | list | revoke APPID [--data DIR | --store URL]: the
 * service's API keys, kept in the data directory's store or the shared
 * PostgreSQL one (PPJ_STORE; the server need not be stopped).
 * `add` prints "APPID APPSECRET" on one line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "server/notify/notify.h"
#include "server/server.h"

#define APPID_LEN 16
#define SECRET_LEN 24
#define VERIFY_TIMEOUT 10	/* seconds, SPEC §3 */

/* The notify URL options: NULL url when not given. */
struct notify_opts {
	const char *url;
	bool allow_private;
};

/* Runs the SPEC §3 handshake on a URL about to be set; 0 or 1. */
static int verify_url(const struct notify_opts *no, const char *secret)
{
	char *cause = NULL;

	if (!no->url || !*no->url)
		return 0;
	if (notify_verify(no->url, secret, no->allow_private,
			  VERIFY_TIMEOUT, &cause) == 0)
		return 0;
	fprintf(stderr, "ppj key: notify URL refused: %s\n",
		cause ? cause : "?");
	free(cause);
	return 1;
}

static int key_add(struct store *st, const struct notify_opts *no)
{
	struct store_key k = { 0 };

	if (srv_random_token(k.appid, APPID_LEN) ||
	    srv_random_token(k.secret, SECRET_LEN)) {
		fprintf(stderr, "ppj key: no random source\n");
		return 1;
	}
	k.created_ms = store_now_ms();
	if (verify_url(no, k.secret))
		return 1;
	if (st->ops->key_add(st, &k) || (no->url && *no->url &&
	    st->ops->key_notify_set(st, k.appid, no->url))) {
		fprintf(stderr, "ppj key: cannot store the key\n");
		return 1;
	}
	printf("%s %s\n", k.appid, k.secret);
	return 0;
}

/* ppj key set APPID --notify-url URL ("" removes the URL). */
static int key_set(struct store *st, const char *appid,
		   const struct notify_opts *no)
{
	struct store_key k;
	int rc = st->ops->key_get(st, appid, &k);

	if (rc == STORE_ENOTFOUND || (rc == 0 && k.revoked)) {
		fprintf(stderr, "ppj key: no active key '%s'\n", appid);
		return 1;
	}
	if (rc || !no->url) {
		fprintf(stderr, rc ? "ppj key: cannot read the keys\n" :
			"ppj key: set needs --notify-url URL\n");
		return 1;
	}
	if (verify_url(no, k.secret))
		return 1;
	if (st->ops->key_notify_set(st, appid, no->url)) {
		fprintf(stderr, "ppj key: cannot store the notify URL\n");
		return 1;
	}
	return 0;
}

static int key_list(struct store *st)
{
	struct store_key *keys = calloc(10000, sizeof(*keys));
	size_t n = 0;

	if (!keys || st->ops->key_list(st, keys, 10000, &n)) {
		free(keys);
		fprintf(stderr, "ppj key: cannot read the keys\n");
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		printf("%s %s\n", keys[i].appid,
		       keys[i].revoked ? "revoked" : "active");
	free(keys);
	return 0;
}

static int key_revoke(struct store *st, const char *appid)
{
	int rc = st->ops->key_revoke(st, appid);

	if (rc == STORE_ENOTFOUND) {
		fprintf(stderr, "ppj key: no key '%s'\n", appid);
		return 1;
	}
	if (rc) {
		fprintf(stderr, "ppj key: cannot revoke '%s'\n", appid);
		return 1;
	}
	return 0;
}

static int run(const char *store, const char *data, int argc, char **argv,
	       const struct notify_opts *no)
{
	struct store *st = NULL;
	char *cause = NULL;
	int rc = 2;

	if (srv_open_stores(store, data, &st, NULL, &cause)) {
		fprintf(stderr, "ppj key: %s\n", cause ? cause : data);
		free(cause);
		return 1;
	}
	if (argc == 1 && strcmp(argv[0], "add") == 0)
		rc = key_add(st, no);
	else if (argc == 2 && strcmp(argv[0], "set") == 0)
		rc = key_set(st, argv[1], no);
	else if (argc == 1 && strcmp(argv[0], "list") == 0)
		rc = key_list(st);
	else if (argc == 2 && strcmp(argv[0], "revoke") == 0)
		rc = key_revoke(st, argv[1]);
	else
		cli_usage("key");
	st->ops->close(st);
	return rc;
}

int cmd_key(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data", required_argument, NULL, 'd' },
		{ "store", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "notify-url", required_argument, NULL, 'u' },
		{ "notify-allow-private", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *data = getenv("PPJ_DATA");
	const char *store = getenv("PPJ_STORE");
	struct notify_opts no = { NULL, false };
	int c;

	if (!data || !*data)
		data = "./ppj-data";
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': data = optarg; break;
		case 's': store = optarg; break;
		case 'u': no.url = optarg; break;
		case 'p': no.allow_private = true; break;
		case 'h':
			printf("usage: ppj key (add | list | revoke APPID | "
			       "set APPID) [--data DIR | --store URL]\n"
			       "  add, set: [--notify-url URL] "
			       "[--notify-allow-private]\n");
			return 0;
		default: return cli_usage("key");
		}
	}
	if (optind >= argc)
		return cli_usage("key");
	return run(store ? store : "", data, argc - optind, argv + optind, &no);
}
