#!/bin/sh
# Starts a throwaway PostgreSQL cluster for tests and benchmarks: its data
# and its unix socket in one new temporary directory, TCP on 127.0.0.1 at
# a free private port, trust authentication (nothing but this machine can
# reach it). Prints the connection URL on stdout and the directory on
# stderr; pg-stop.sh DIR stops it and removes everything.
#
# Usage: pg-start.sh [DIR]     (DIR: an empty or missing directory)
# Exit 77 (skip) when PostgreSQL's server binaries are not installed.
# initdb refuses to run as root, so as root the cluster belongs to the
# `postgres` system user (or `nobody` when it does not exist).
# PPJ_PG_DURABLE=1 keeps fsync on (benchmarks); tests turn it off.
set -eu

bin=${PPJ_PG_BIN:-}
if [ -z "$bin" ]; then
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && bin=$d
	done
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
	echo "pg-start: no PostgreSQL server binaries" >&2
	exit 77
fi

dir=${1:-$(mktemp -d "${TMPDIR:-/tmp}/ppj-pg.XXXXXX")}
mkdir -p "$dir"

as=""
if [ "$(id -u)" = 0 ]; then
	as=postgres
	id postgres >/dev/null 2>&1 || as=nobody
	chown "$as" "$dir"
	chmod 700 "$dir"
fi

# Runs a command as the cluster's owner.
run() {
	if [ -n "$as" ]; then
		runuser -u "$as" -- "$@"
	else
		"$@"
	fi
}

run "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
	--no-locale >"$dir/initdb.log" 2>&1 || {
	cat "$dir/initdb.log" >&2
	exit 1
}

fsync=off
[ "${PPJ_PG_DURABLE:-0}" = 1 ] && fsync=on

# A port: random in 20000-59999, tried until the server starts.
tries=0
while :; do
	port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
	if run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
	    -o "-p $port -c listen_addresses=127.0.0.1 \
-c unix_socket_directories=$dir -c fsync=$fsync \
-c max_connections=200 -c shared_buffers=64MB" \
	    start >/dev/null 2>&1; then
		break
	fi
	tries=$((tries + 1))
	if [ $tries -ge 8 ]; then
		cat "$dir/server.log" >&2
		exit 1
	fi
done

url="postgresql://postgres@127.0.0.1:$port/postgres"
echo "$url" >"$dir/url"
echo "$dir" >&2
echo "$url"
