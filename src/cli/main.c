/*
 * The ppj tool's entry point: finds the subcommand in the table and runs
 * it. Only this tool and the server may print or exit; the library never
 * does.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ppj/ppj.h"

static const struct cli_command commands[] = {
	{ "convert", "convert DECK (-o DIR | --zip FILE)",
	  "convert a .pptx or .ppt deck to HTML", cmd_convert },
	{ "serve", "serve [--listen ADDR:PORT] [--data DIR] [options]",
	  "run the PPJ v1 job service (see 'ppj serve --help')", cmd_serve },
	{ "worker", "worker --store URL",
	  "run a conversion worker against a shared store", cmd_worker },
	{ "key", "key (add | list | revoke APPID | set APPID) [--data DIR]",
	  "manage the service's API keys", cmd_key },
	{ "client", "client (submit FILE | status T | download T | list)",
	  "talk to a ppj service, signing each request", cmd_client },
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
			return commands[i].run(argc - 1, argv + 1);

	fprintf(stderr, "ppj: unknown command '%s' (see 'ppj help')\n", name);
	return 2;
}
