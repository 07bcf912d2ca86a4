/*
 * The ppj tool: one entry per subcommand, each in its own cmd-*.c file.
 * A command returns the process exit status: 0 success, 1 failure, 2 a
 * usage error.
 */
#ifndef PPJ_CLI_H
#define PPJ_CLI_H

struct cli_command {
	const char *name;
	const char *usage;	/* one line, after "ppj " */
	const char *summary;
	int (*run)(int argc, char **argv);	/* argv[0] is the name */
};

int cmd_convert(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_worker(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_client(int argc, char **argv);

/* Prints the usage of one command to stderr and returns 2. */
int cli_usage(const char *name);

#endif
