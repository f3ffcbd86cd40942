#!/usr/bin/env bash
# Cross-filter benchmark: on the generated automotive export (100,000
# customers: 1.5 M rows, mostly visits; CUSTOMERS=1000000 for ten times
# that), what the app's filter job does for a channel, a product type, a
# month and the three together, before (a dataset of the filtered rows
# analysed from scratch) and after (the one analysis filtered to a
# selection of rows), and the Tables page's rows taking part; medians of
# RUNS runs each, in milliseconds, release build; after_cpu_ms is the
# processor time of "after" on both threads (less inflated than the wall
# time when the machine is shared). BENCH_NO_BEFORE=1 skips "before"
# (seconds a run), as the app no longer does it.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-_build-bench}
customers=${CUSTOMERS:-100000}
runs=${RUNS:-5}
data=bench/out/automotive-$customers
. bench/bench-common.sh

[ -d "$build" ] || meson setup "$build" >/dev/null
meson compile -C "$build" bench/bench-filter bench/mercato-generate >/dev/null
[ -f "$data/visits.csv" ] || "$build/bench/mercato-generate" --out "$data" --customers "$customers" --seed 1
machine
echo "command: ${BENCH_NO_BEFORE:+BENCH_NO_BEFORE=1 }BUILD=$build CUSTOMERS=$customers RUNS=$runs bench/run-filter-bench.sh"
echo "dataset: $data, $(cat "$data"/*.csv | wc -l) lines of CSV"
printf '%-20s %10s %10s %12s %10s %13s\n' filter before_ms after_ms after_cpu_ms tables_ms tables_cpu_ms
"$build/bench/bench-filter" "$runs" "$data"/*.csv
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
