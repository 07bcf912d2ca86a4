#!/bin/sh
# Stops the cluster pg-start.sh made in DIR and removes DIR.
# Usage: pg-stop.sh DIR
set -u

dir=${1:?usage: pg-stop.sh DIR}
[ -f "$dir/data/PG_VERSION" ] || exit 0

bin=${PPJ_PG_BIN:-}
if [ -z "$bin" ]; then
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/pg_ctl" ] && bin=$d
	done
fi

owner=$(stat -c %U "$dir/data")
if [ "$(id -u)" = 0 ] && [ "$owner" != root ]; then
	runuser -u "$owner" -- "$bin/pg_ctl" -D "$dir/data" -m immediate \
		-w stop >/dev/null 2>&1
else
	"$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
fi
rm -rf "$dir"
