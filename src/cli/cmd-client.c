/*
 * ppj client: talks to a PPJ v1 service from a shell, signing each
 * request (SPEC §2) with libcurl.
 *
 *   ppj client [--url URL] [--key APPID --secret SECRET] COMMAND
 *     submit FILE [--wait] | status T | download T [-o FILE] |
 *     list [--status S] | delete T
 *
 * URL, APPID and SECRET also come from PPJ_URL, PPJ_APPID, PPJ_SECRET.
 * Without a key the requests go unsigned (a server in protected mode).
 * Answers are printed as the server sent them; exit 1 on an HTTP error.
 */
#include <curl/curl.h>
#include <getopt.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "server/auth/sign.h"

#define ANSWER_CAP (16 << 20)

struct client {
	const char *url;	/* without a trailing slash */
	const char *appid;
	const char *secret;
	const char *out;	/* download: file name */
	const char *status;	/* list: filter */
	bool wait;
};

struct answer {
	struct ppj_buf body;
	FILE *file;		/* download: body goes here when 200 */
	long code;
};

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
	struct answer *a = ctx;

	if (a->file)
		return fwrite(p, size, n, a->file);
	ppj_buf_add(&a->body, p, size * n);
	return a->body.failed ? 0 : size * n;
}

/* The path part of url + route, for the text to sign. */
static void url_path(const char *url, const char *route, char *out,
		     size_t n)
{
	const char *p = strstr(url, "://");
	const char *slash = p ? strchr(p + 3, '/') : NULL;

	snprintf(out, n, "%s%s", slash ? slash : "", route);
}

/* Adds the X-PPJ-* headers for method, route and params. */
static struct curl_slist *sign(const struct client *c, const char *method,
			       const char *route, struct auth_param *ps,
			       size_t nps)
{
	struct curl_slist *h = NULL;
	char path[1024], sig[AUTH_HEX_LEN + 1], line[256];
	struct ppj_buf text;
	int64_t ts = (int64_t)time(NULL);

	if (!c->appid || !c->secret)
		return NULL;
	url_path(c->url, route, path, sizeof(path));
	ppj_buf_init(&text, 1 << 16);
	auth_text(&text, method, path, ps, nps);
	auth_signature(c->secret, ts, text.data, sig);
	ppj_buf_release(&text);
	snprintf(line, sizeof(line), "X-PPJ-Credential: %s", c->appid);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "X-PPJ-Timestamp: %lld",
		 (long long)ts);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "X-PPJ-Signature: %s", sig);
	h = curl_slist_append(h, line);
	return h;
}

/*
 * Sends one request; query is appended to the route ("" for none) and
 * must be URL-safe. Returns the HTTP status, or -1 when the request
 * could not be made.
 */
static long send_req(CURL *curl, const struct client *c, const char *method,
		     const char *route, const char *query,
		     struct curl_slist *headers, struct answer *a)
{
	char url[2048];
	CURLcode rc;

	snprintf(url, sizeof(url), "%s%s%s%s", c->url, route,
		 *query ? "?" : "", query);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, a);
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK) {
		fprintf(stderr, "ppj client: %s: %s\n", url,
			curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a->code);
	return a->code;
}

/*
 * Prints the answer: stdout when 2xx (unless quiet), stderr otherwise.
 * Returns the exit status.
 */
static int print_answer(struct answer *a, long code, bool quiet)
{
	bool ok = code / 100 == 2;

	if (code < 0)
		return 1;
	if (!ok || !quiet)
		fprintf(ok ? stdout : stderr, "%s\n",
			a->body.data ? a->body.data : "");
	return ok ? 0 : 1;
}

/*
 * One request without a body. With keep, a 2xx answer is handed over
 * (the caller releases it) instead of printed.
 */
static int simple(const struct client *c, const char *method,
		  const char *route, const char *query,
		  struct auth_param *ps, size_t nps, struct ppj_buf *keep)
{
	CURL *curl = curl_easy_init();
	struct answer a = { .body = PPJ_BUF_INIT };
	struct curl_slist *h;
	long code;
	int rc;

	if (!curl)
		return 1;
	ppj_buf_init(&a.body, ANSWER_CAP);
	h = sign(c, method, route, ps, nps);
	code = send_req(curl, c, method, route, query, h, &a);
	rc = print_answer(&a, code, keep != NULL);
	if (keep && rc == 0) {
		*keep = a.body;
		a.body = (struct ppj_buf)PPJ_BUF_INIT;
	}
	ppj_buf_release(&a.body);
	curl_slist_free_all(h);
	curl_easy_cleanup(curl);
	return rc;
}

static int md5_file(const char *path, char out[33])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char buf[65536], d[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = -1;

	if (!f || !ctx || !EVP_DigestInit_ex(ctx, EVP_md5(), NULL))
		goto out;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		EVP_DigestUpdate(ctx, buf, n);
	if (ferror(f) || !EVP_DigestFinal_ex(ctx, d, &len) || len != 16)
		goto out;
	for (unsigned i = 0; i < 16; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[32] = '\0';
	rc = 0;
out:
	if (f)
		fclose(f);
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* Pulls "key": "value" out of a small JSON answer (ours: compact). */
static bool json_field(const char *json, const char *key, char *out,
		       size_t n)
{
	char pat[64];
	const char *p;
	size_t len;

	snprintf(pat, sizeof(pat), "\"%s\":\"", key);
	p = json ? strstr(json, pat) : NULL;
	if (!p)
		return false;
	p += strlen(pat);
	len = strcspn(p, "\"");
	if (len >= n)
		return false;
	memcpy(out, p, len);
	out[len] = '\0';
	return true;
}

static int wait_done(const struct client *c, const char *token)
{
	char route[64], state[32] = "";

	snprintf(route, sizeof(route), "/jobs/%s", token);
	for (int i = 0; i < 3600; i++) {
		struct ppj_buf b = PPJ_BUF_INIT;
		int rc = simple(c, "GET", route, "", NULL, 0, &b);

		if (rc || !json_field(b.data, "state", state,
				      sizeof(state))) {
			ppj_buf_release(&b);
			return 1;
		}
		if (!strcmp(state, "completed") || !strcmp(state, "halted") ||
		    !strcmp(state, "deleted")) {
			printf("%s\n", b.data);
			ppj_buf_release(&b);
			return strcmp(state, "completed") != 0;
		}
		ppj_buf_release(&b);
		sleep(1);
	}
	return 1;
}

static int submit(const struct client *c, const char *file)
{
	struct auth_param p = { "file_md5", NULL };
	struct answer a = { .body = PPJ_BUF_INIT };
	char md5[33], token[32];
	CURL *curl = curl_easy_init();
	curl_mime *mime = NULL;
	curl_mimepart *part;
	struct curl_slist *h;
	long code;
	int rc;

	if (!curl || md5_file(file, md5)) {
		fprintf(stderr, "ppj client: cannot read '%s'\n", file);
		curl_easy_cleanup(curl);
		return 1;
	}
	p.value = md5;
	mime = curl_mime_init(curl);
	part = curl_mime_addpart(mime);
	curl_mime_name(part, "file_md5");
	curl_mime_data(part, md5, CURL_ZERO_TERMINATED);
	part = curl_mime_addpart(mime);
	curl_mime_name(part, "file_source");
	curl_mime_filedata(part, file);
	curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);

	ppj_buf_init(&a.body, ANSWER_CAP);
	h = sign(c, "POST", "/jobs", &p, 1);
	code = send_req(curl, c, "POST", "/jobs", "", h, &a);
	rc = print_answer(&a, code, false);
	if (rc == 0 && c->wait && json_field(a.body.data, "token", token,
					     sizeof(token)))
		rc = wait_done(c, token);
	ppj_buf_release(&a.body);
	curl_slist_free_all(h);
	curl_mime_free(mime);
	curl_easy_cleanup(curl);
	return rc;
}

static int download(const struct client *c, const char *token)
{
	struct answer a = { .body = PPJ_BUF_INIT };
	char route[128], out[256], tmp[300];
	CURL *curl = curl_easy_init();
	struct curl_slist *h;
	long code;

	snprintf(route, sizeof(route), "/jobs/%s/download", token);
	snprintf(out, sizeof(out), "%s", c->out ? c->out : token);
	if (!c->out)
		strncat(out, ".zip", sizeof(out) - strlen(out) - 1);
	snprintf(tmp, sizeof(tmp), "%s.part", out);
	a.file = fopen(tmp, "wb");
	if (!curl || !a.file) {
		fprintf(stderr, "ppj client: cannot write '%s'\n", tmp);
		curl_easy_cleanup(curl);
		if (a.file)
			fclose(a.file);
		return 1;
	}
	curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
	h = sign(c, "GET", route, NULL, 0);
	code = send_req(curl, c, "GET", route, "", h, &a);
	fclose(a.file);
	curl_slist_free_all(h);
	curl_easy_cleanup(curl);
	if (code != 200 || rename(tmp, out) != 0) {
		unlink(tmp);
		fprintf(stderr, "ppj client: download of %s failed (%ld)\n",
			token, code);
		return 1;
	}
	printf("%s\n", out);
	return 0;
}

static int list(const struct client *c)
{
	struct auth_param p = { "status", c->status };
	char query[96] = "";

	if (c->status) {
		for (const char *s = c->status; *s; s++)
			if (!((*s >= 'a' && *s <= 'z'))) {
				fprintf(stderr, "ppj client: bad status\n");
				return 2;
			}
		snprintf(query, sizeof(query), "status=%s", c->status);
	}
	return simple(c, "GET", "/jobs", query, &p, c->status ? 1 : 0,
		      NULL);
}

static int dispatch(const struct client *c, int argc, char **argv)
{
	char route[128];

	if (argc == 2 && !strcmp(argv[0], "submit"))
		return submit(c, argv[1]);
	if (argc == 2 && !strcmp(argv[0], "download"))
		return download(c, argv[1]);
	if (argc == 1 && !strcmp(argv[0], "list"))
		return list(c);
	if (argc == 2 && strlen(argv[1]) < 64 &&
	    (!strcmp(argv[0], "status") || !strcmp(argv[0], "delete"))) {
		snprintf(route, sizeof(route), "/jobs/%s", argv[1]);
		return simple(c, argv[0][0] == 's' ? "GET" : "DELETE", route,
			      "", NULL, 0, NULL);
	}
	return cli_usage("client");
}

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

int cmd_client(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "key", required_argument, NULL, 'k' },
		{ "secret", required_argument, NULL, 's' },
		{ "wait", no_argument, NULL, 'w' },
		{ "status", required_argument, NULL, 'S' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct client c = { 0 };
	char url[1024];
	int ch, rc;

	c.url = env_or("PPJ_URL", "http://127.0.0.1:8080");
	c.appid = env_or("PPJ_APPID", NULL);
	c.secret = env_or("PPJ_SECRET", NULL);
	optind = 1;
	/* GNU getopt moves the command and its operands to the end */
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'u': c.url = optarg; break;
		case 'k': c.appid = optarg; break;
		case 's': c.secret = optarg; break;
		case 'w': c.wait = true; break;
		case 'S': c.status = optarg; break;
		case 'o': c.out = optarg; break;
		case 'h':
			printf("usage: ppj client [--url URL] [--key APPID "
			       "--secret SECRET] (submit FILE [--wait] | "
			       "status T | download T [-o FILE] | list "
			       "[--status S] | delete T)\n");
			return 0;
		default: return cli_usage("client");
		}
	}
	snprintf(url, sizeof(url), "%s", c.url);
	while (*url && url[strlen(url) - 1] == '/')
		url[strlen(url) - 1] = '\0';
	c.url = url;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = dispatch(&c, argc - optind, argv + optind);
	curl_global_cleanup();
	return rc;
}
