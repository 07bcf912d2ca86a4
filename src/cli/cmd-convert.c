/*
 * ppj convert DECK -o DIR | --zip FILE
 *
 * Exit 0 on success, 1 when the deck cannot be converted (one line on
 * stderr naming the file and the reason), 2 for a usage error.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ppj/ppj.h"

int cmd_convert(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "zip", required_argument, NULL, 'z' },
		{ "no-fonts", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
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
		case 'h':
			printf("usage: ppj convert DECK (-o DIR | --zip FILE)"
			       " [--no-fonts]\n");
			return 0;
		default: return cli_usage("convert");
		}
	}
	if (optind != argc - 1 || (!dir) == (!zip))
		return cli_usage("convert");

	if (ppj_convert_file(argv[optind], dir, zip, &opts, &err) != 0) {
		fprintf(stderr, "ppj: %s: %s\n", argv[optind], err.msg);
		return 1;
	}
	return 0;
}
