/*
 * Commands of the service, until the service lands in src/server.
 */
#include <stdio.h>

#include "cli.h"

static int not_yet(const char *name)
{
	fprintf(stderr, "ppj %s: not available in this build\n", name);
	return 1;
}

int cmd_serve(int argc, char **argv) { (void)argc; (void)argv;
	return not_yet("serve"); }
int cmd_worker(int argc, char **argv) { (void)argc; (void)argv;
	return not_yet("worker"); }
int cmd_key(int argc, char **argv) { (void)argc; (void)argv;
	return not_yet("key"); }
int cmd_client(int argc, char **argv) { (void)argc; (void)argv;
	return not_yet("client"); }
