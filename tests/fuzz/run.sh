#!/usr/bin/env bash
# run.sh TARGET SECONDS: runs a libFuzzer target for SECONDS, seeded from
# tests/fuzz/corpus and every fixture CSV, under ASan and UBSan. Exits 1
# on a crash, a leak, a hang (20 s for one input) or 2 GB of memory, and
# says where the input is: copy it into tests/fuzz/corpus once fixed, so
# that the replay test keeps it fixed.
set -u
target=$1
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/corpus" "$work/crashes"
cp "$here"/corpus/* "$work/corpus/"
find "$here/../fixtures" -name '*.csv' -size -64k -exec cp --backup=numbered -t "$work/corpus" {} +

# The library's own checks (fatal warnings) count as crashes; leaks are
# found by the replay tests, whose suppressions know the library caches.
export G_DEBUG=fatal-warnings
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

"$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$work/crashes/" "$work/corpus" >"$work/log" 2>&1
status=$?
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$')
echo "$(basename "$target"): ${runs:-0} inputs in ${seconds} s, exit status $status"
if [ $status -ne 0 ] || [ -n "$(ls -A "$work/crashes")" ]; then
  tail -n 60 "$work/log"
  keep=${MERCATO_FUZZ_CRASHES:-$PWD}
  for crash in "$work"/crashes/*; do
    [ -e "$crash" ] || continue
    cp "$crash" "$keep/" && echo "input kept as $keep/$(basename "$crash")"
  done
  exit 1
fi
exit 0
