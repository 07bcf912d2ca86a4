/*
 * ppj worker --store postgresql://... [options]: a conversion node of a
 * shared store. It claims queued jobs, converts them and stores their
 * zips like the workers inside `ppj serve`, renews its leases and wakes
 * on NOTIFY, but serves no HTTP. It takes the options of `ppj serve`
 * (--workers, --data for its local temp files, --node-id, --lease, ...).
 * Only a PostgreSQL store can be shared between processes; the embedded
 * SQLite store runs its workers inside `ppj serve`.
 */
#include "cli.h"

int cmd_worker(int argc, char **argv)
{
	return cli_service(argc, argv, true);
}
