#!/bin/sh
# Queue throughput, jobs claimed and finished per second: the SQLite
# store (worker threads in one process, as `ppj serve` runs it) and the
# PostgreSQL store (worker processes with their own connections, as
# `ppj worker` nodes run it; and threads sharing one store, as one
# `ppj serve` would) with 1, 2 and 4 workers, against a
# throwaway PostgreSQL started for the run (fsync on, as in production,
# and off). Prints a markdown table.
#
# Usage: bench/bench-queue.sh [BUILD_DIR [JOBS]]   (default: build, 2000)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
jobs=${2:-2000}
ninja -C "$build" bench/bench-queue >/dev/null
bq="$build/bench/bench-queue"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ppj-bq.XXXXXX")
pgdir=""

cleanup() {
	[ -n "$pgdir" ] && "$root/tests/pg/pg-stop.sh" "$pgdir"
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# Prints "| label | w | jobs/s |" for one run.
row() {
	label=$1
	shift
	line=$("$bq" "$@")
	rate=$(echo "$line" | sed 's/.*jobs\/s=\([0-9]*\).*/\1/')
	dup=$(echo "$line" | sed 's/.*duplicates=\([0-9-]*\).*/\1/')
	echo "| $label | $(echo "$line" | sed 's/.*workers=\([0-9]*\).*/\1/')" \
		"| $rate | $dup |"
}

echo "| store | workers | jobs/s | duplicate claims |"
echo "|---|---|---|---|"
for w in 1 2 4; do
	row "SQLite, threads" -t "$tmp/t$w.db" "$jobs" "$w"
done
for durable in 1 0; do
	pgdir=$(mktemp -d "${TMPDIR:-/tmp}/ppj-pg.XXXXXX")
	url=$(PPJ_PG_DURABLE=$durable "$root/tests/pg/pg-start.sh" \
		"$pgdir" 2>/dev/null)
	label="PostgreSQL, processes, fsync on"
	[ "$durable" = 0 ] && label="PostgreSQL, processes, fsync off"
	for w in 1 2 4; do
		psql -q "$url" -c "CREATE SCHEMA b$w" >/dev/null
		row "$label" "$url?options=-csearch_path%3Db$w" "$jobs" "$w"
	done
	for w in 1 2 4; do
		psql -q "$url" -c "CREATE SCHEMA t$w" >/dev/null
		row "$(echo "$label" | sed 's/processes/threads/')" -t \
			"$url?options=-csearch_path%3Dt$w" "$jobs" "$w"
	done
	"$root/tests/pg/pg-stop.sh" "$pgdir"
	pgdir=""
done
