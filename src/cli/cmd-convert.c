/*
 * ppj convert DECK -o DIR | --zip FILE
 *
 * Exit 0 on success, 1 when the deck cannot be converted (one line on
 * stderr naming the file and the reason), 2 for a usage error.
 *
 * Hidden, for the service's worker: --progress-fd N writes one line
 * "STAGE DONE TOTAL" per progress report to fd N and, on failure, a last
 * line "error KIND MESSAGE" (KIND as ppj_error_kind()); it also closes
 * the network to this process (sandbox.h) before the deck is read.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ppj/ppj.h"
#include "sandbox.h"

/* The progress callback of --progress-fd: ctx points to the fd. */
static int report(void *ctx, int stage, int done, int total)
{
	dprintf(*(int *)ctx, "%d %d %d\n", stage, done, total);
	return 0;
}

/* Sets up --progress-fd: the callback and the sandbox; 0 or -1. */
static int progress_setup(struct ppj_options *opts, int *fd)
{
	struct sandbox_limits none = { 0 };
	char *cause = NULL;

	if (sandbox_enter(&none, &cause)) {
		fprintf(stderr, "ppj: sandbox: %s\n", cause ? cause : "?");
		free(cause);
		return -1;
	}
	opts->progress = report;
	opts->progress_ctx = fd;
	return 0;
}

int cmd_convert(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "zip", required_argument, NULL, 'z' },
		{ "no-fonts", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "progress-fd", required_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	int progress_fd = -1;
	struct ppj_options opts;
	struct ppj_error err = { 0 };
	const char *dir = NULL, *zip = NULL;
	int c;

	ppj_options_init(&opts);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': dir = optarg; break;
		case 'z': zip = optarg; break;
		case 'F': opts.embed_fonts = 0; break;
		case 'P': progress_fd = (int)strtol(optarg, NULL, 10); break;
		case 'h':
			printf("usage: ppj convert DECK (-o DIR | --zip FILE)"
			       " [--no-fonts]\n");
			return 0;
		default: return cli_usage("convert");
		}
	}
	if (optind != argc - 1 || (!dir) == (!zip))
		return cli_usage("convert");
	if (progress_fd >= 0 && progress_setup(&opts, &progress_fd))
		return 1;

	if (ppj_convert_file(argv[optind], dir, zip, &opts, &err) != 0) {
		fprintf(stderr, "ppj: %s: %s\n", argv[optind], err.msg);
		if (progress_fd >= 0)
			dprintf(progress_fd, "error %s %s\n",
				ppj_error_kind(err.code), err.msg);
		return 1;
	}
	return 0;
}
