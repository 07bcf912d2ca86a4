#!/bin/sh
# Runs a command beside a throwaway PostgreSQL: starts one (pg-start.sh),
# exports its URL as PPJ_TEST_PG_URL, runs the command, stops the server
# whatever happens, and exits with the command's status (77: skipped
# when PostgreSQL is not installed).
# Usage: with-pg.sh COMMAND [ARG...]
set -u

here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/ppj-pg.XXXXXX")
trap '"$here/pg-stop.sh" "$dir"' EXIT INT TERM

url=$("$here/pg-start.sh" "$dir" 2>/dev/null)
rc=$?
if [ $rc -ne 0 ]; then
	[ $rc -eq 77 ] && echo "with-pg: PostgreSQL not installed, skip"
	[ $rc -ne 77 ] && cat "$dir/initdb.log" "$dir/server.log" \
		2>/dev/null >&2
	exit $rc
fi

PPJ_TEST_PG_URL=$url
export PPJ_TEST_PG_URL
"$@"
