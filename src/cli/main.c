/*
 * The ppj tool's entry point: finds the subcommand in the table and runs
 * it. Only this tool and the server may print or exit; the library never
 * does.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ppj/ppj.h"

/*
 * Built twice: `ppj` with PPJ_CLI_LEAN holds the converter alone and
 * hands the service's commands to `ppj-service` beside it, so that a
 * conversion (and every job of the service runs one) does not load the
 * thirty-odd libraries of HTTP, the stores and libcurl.
 */
#ifdef PPJ_CLI_LEAN
#define SERVICE(fn) NULL
#else
#define SERVICE(fn) fn
#endif

static const struct cli_command commands[] = {
	{ "convert", "convert DECK (-o DIR | --zip FILE)",
	  "convert a .pptx or .ppt deck to HTML", cmd_convert },
	{ "serve", "serve [--listen ADDR:PORT] [--data DIR] [options]",
	  "run the PPJ v1 job service (see 'ppj serve --help')",
	  SERVICE(cmd_serve) },
	{ "worker", "worker --store URL",
	  "run a conversion worker against a shared store",
	  SERVICE(cmd_worker) },
	{ "key", "key (add | list | revoke APPID | set APPID) [--data DIR]",
	  "manage the service's API keys", SERVICE(cmd_key) },
	{ "client", "client (submit FILE | status T | download T | list)",
	  "talk to a ppj service, signing each request",
	  SERVICE(cmd_client) },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void help(FILE *f)
{
	fprintf(f, "ppj %s: PowerPoint decks to HTML\n\nusage:\n",
		PPJ_VERSION);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  ppj %s\n      %s\n", commands[i].usage,
			commands[i].summary);
	fprintf(f, "  ppj help | --help\n  ppj --version\n");
}

int cli_usage(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			fprintf(stderr, "usage: ppj %s\n", commands[i].usage);
	return 2;
}

int cli_sibling(const char *name, char *out, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n <= 0)
		return -1;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return snprintf(out, size, "%s/%s", self, name) < (int)size ? 0 : -1;
}

/* Replaces this process with ppj-service, same arguments, same pid. */
static int run_service(char **argv)
{
	char path[PATH_MAX];

	if (cli_sibling("ppj-service", path, sizeof(path)) != 0) {
		fprintf(stderr, "ppj: cannot find ppj-service beside this "
			"program\n");
		return 1;
	}
	execv(path, argv);
	fprintf(stderr, "ppj: cannot run %s: %s\n", path, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;

	if (!name) {
		help(stderr);
		return 2;
	}
	if (!strcmp(name, "help") || !strcmp(name, "--help") ||
	    !strcmp(name, "-h")) {
		help(stdout);
		return 0;
	}
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("ppj %s\n", PPJ_VERSION);
		return 0;
	}

	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return commands[i].run ?
				commands[i].run(argc - 1, argv + 1) :
				run_service(argv);

	fprintf(stderr, "ppj: unknown command '%s' (see 'ppj help')\n", name);
	return 2;
}
