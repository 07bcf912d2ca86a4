/*
 * ppj worker --store URL: a conversion worker against a shared store.
 * Only a PostgreSQL store can be shared between machines; the embedded
 * SQLite store runs its workers inside `ppj serve`.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_worker(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			printf("usage: ppj worker --store "
			       "postgresql://...\n");
			return 0;
		}
	fprintf(stderr, "ppj worker: needs --store postgresql://... (a "
		"shared PostgreSQL store, not in this build); the embedded "
		"store runs its workers inside 'ppj serve'\n");
	return 2;
}
