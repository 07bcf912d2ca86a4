/*
 * The ppj tool: one entry per subcommand, each in its own cmd-*.c file.
 * A command returns the process exit status: 0 success, 1 failure, 2 a
 * usage error.
 */
#ifndef PPJ_CLI_H
#define PPJ_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct cli_command {
	const char *name;
	const char *usage;	/* one line, after "ppj " */
	const char *summary;
	int (*run)(int argc, char **argv);	/* argv[0] is the name */
};

int cmd_convert(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_worker(int argc, char **argv);

/* ppj serve, or with worker_only ppj worker: the service's main. */
int cli_service(int argc, char **argv, bool worker_only);
int cmd_key(int argc, char **argv);
int cmd_client(int argc, char **argv);

/*
 * The path of the program name in this program's directory (ppj and
 * ppj-service live side by side); 0, or -1 when it cannot be made.
 */
int cli_sibling(const char *name, char *out, size_t size);

/* Prints the usage of one command to stderr and returns 2. */
int cli_usage(const char *name);

#endif
