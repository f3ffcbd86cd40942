#!/usr/bin/env bash
# describe benchmark: `mercato-cli describe` on the generated automotive
# export (whole process, the default release build) against DuckDB loading
# the same files with read_csv_auto and running SUMMARIZE on each table
# (the same facts: types, min, max, distinct, nulls), three times each,
# interleaved. CUSTOMERS=1000000 makes the ten-times-larger export.
# DuckDB's time is its own, measured inside node (node's start-up left out).
set -eu
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD:-_build-bench}
customers=${CUSTOMERS:-100000}
runs=${RUNS:-3}
data=bench/out/automotive-$customers
. bench/bench-common.sh

tests/install-deps.sh
time_ensure
[ -d "$build" ] || meson setup "$build" >/dev/null
meson compile -C "$build" app/mercato-cli bench/mercato-generate >/dev/null
[ -f "$data/visits.csv" ] || "$build/bench/mercato-generate" --out "$data" --customers "$customers" --seed 1
contenders=(mercato)
duckdb_ensure && contenders+=(duckdb)

results=$(mktemp)
machine
for i in $(seq "$runs"); do
  whole mercato "$build/app/mercato-cli" describe "$data" >> "$results"
  if [ -d bench/node_modules/@duckdb/node-api ]; then
    node bench/describe-duckdb.mjs "$root/$data" >> "$results"
  fi
done
bytes=$(du -bL "$data" | cut -f1)
echo "dataset: $data, $(awk -v b="$bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }') of CSV; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
summarise "$results" "${contenders[@]}"
if [ ${#contenders[@]} -eq 2 ]; then
  awk -v m="$(median "$results" mercato)" -v d="$(median "$results" duckdb)" \
    'BEGIN { printf "mercato / duckdb (medians): %.2f\n", m / d }'
fi
awk -v b="$bytes" '$1 == "mercato" && $3 > p { p = $3 } END { printf "mercato peak memory / CSV size: %.2f\n", p * 1048576 / b }' "$results"
rm -f "$results"
