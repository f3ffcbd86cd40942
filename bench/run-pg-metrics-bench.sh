#!/usr/bin/env bash
# The Overview's sales figures pushed down to PostgreSQL against the same
# figures in memory, on the generated automotive export (CUSTOMERS,
# 100k by default) loaded with COPY into a throwaway server on a Unix
# socket (as tests/pg/run-pg-tests.sh starts one). Prints the times.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-_build}
customers=${CUSTOMERS:-100000}
runs=${RUNS:-3}
export_dir=bench/out/automotive-$customers

ninja -C "$build" bench/bench-pg-metrics bench/mercato-generate >/dev/null
[ -f "$export_dir/visits.csv" ] || "$build/bench/mercato-generate" --out "$export_dir" --customers "$customers" --seed 1

. tests/pg/pg-server.sh
tmp=$(mktemp -d /tmp/mercato-pg-bench.XXXXXX)
trap 'pg_server_stop; rm -rf "$tmp"' EXIT
pg_server_init "$tmp" >/dev/null
pg_server_start >/dev/null

export PGHOST=$socket PGUSER=mercato
psql () { "$bin/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE shop"
psql -d shop -f tests/pg/automotive.sql
for table in cars users sales visits; do
  psql -d shop -c "COPY \"$table\" FROM STDIN (FORMAT csv, HEADER true)" <"$export_dir/$table.csv"
done
psql -d shop -f tests/pg/automotive-keys.sql
psql -d shop -c "ANALYZE"
"$build/bench/bench-pg-metrics" "postgresql:///shop?host=$socket" "$runs"
