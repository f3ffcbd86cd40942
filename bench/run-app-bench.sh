#!/usr/bin/env bash
# The app with its real widgets: bench/bench-app opens the generated
# automotive export (100k customers, about 1.5 M rows and 200 MB; DATA=…
# for another, such as the 1 M-customer one) in a real Mercato window on
# a virtual X display (Xvfb, tests/with-display.sh, with a D-Bus session
# as the tests have), and times it to the Overview's charts drawn, a
# cross-filter click to all charts drawn again, and the frames while the
# pointer moves over charts; the whole `mercato-cli describe` process on
# the same data is run between, RUNS times interleaved. GSettings keep to
# memory, the schema from the build. Prints a small table of medians.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-_build}
customers=${CUSTOMERS:-100000}
runs=${RUNS:-3}
clicks=${CLICKS:-10}
data=${DATA:-bench/out/automotive-$customers}
. bench/bench-common.sh

time_ensure
[ -d "$build" ] || meson setup "$build" >/dev/null
meson compile -C "$build" app/mercato-cli bench/bench-app bench/mercato-generate >/dev/null
[ -f "$data/visits.csv" ] || "$build/bench/mercato-generate" --out "$data" --customers "$customers" --seed 1

export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$PWD/$build/app/desktop LC_ALL=C.UTF-8
runtime=$(mktemp -d)
results=$(mktemp)
trap 'rm -rf "$runtime" "$results"' EXIT
machine
for i in $(seq "$runs"); do
  XDG_RUNTIME_DIR=$runtime dbus-run-session -- tests/with-display.sh \
    "$build/bench/bench-app" --clicks "$clicks" ${VERBOSE:+--verbose} "$data" 2>/dev/null | tee -a "$results" | grep '^#' || true
  whole describe "$build/app/mercato-cli" describe "$data" >> "$results"
done
echo "dataset: $data, $(du -bL "$data" | cut -f1 | awk '{printf "%.0f MB", $1/1e6}') of CSV; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wall times, medians of $runs runs (app lines: each run's median and max, or median, p95 and max):"
# The median over the runs of field F of FIGURE's lines.
field () {
  grep "^$1 " "$results" | awk -v f="$2" '{ print $f }' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
largest () {
  grep "^$1 " "$results" | awk -v f="$2" '$f > m { m = $f } END { print m }'
}
describe_s=$(field describe 2)
describe_mb=$(largest describe 3)
printf '%-44s %12s %12s %s\n' figure app anchor ratio
printf '%-44s %10.2f s %10.2f s %.2f\n' "open to the Overview's charts drawn" "$(field app-to-figures 2)" "$describe_s" \
  "$(awk -v a="$(field app-to-figures 2)" -v d="$describe_s" 'BEGIN { print a / d }')"
printf '%-44s %10.2f s %10.2f s %.2f\n' "open to the figures worked out" "$(field app-to-data 2)" "$describe_s" \
  "$(awk -v a="$(field app-to-data 2)" -v d="$describe_s" 'BEGIN { print a / d }')"
printf '%-44s %9d MB %9d MB %.2f\n' "memory after the load (VmRSS)" "$(field app-memory 2)" "$describe_mb" \
  "$(awk -v a="$(field app-memory 2)" -v d="$describe_mb" 'BEGIN { print a / d }')"
printf '%-44s %9d MB %9d MB %.2f\n' "peak memory to then (VmHWM)" "$(field app-memory 3)" "$describe_mb" \
  "$(awk -v a="$(field app-memory 3)" -v d="$describe_mb" 'BEGIN { print a / d }')"
printf '%-44s %9.1f ms %12s (target < 100 ms at 1.5 M rows)\n' "cross-filter click to charts drawn, median" "$(field app-filter 2)" ""
printf '%-44s %9.1f ms\n' "cross-filter click, max (largest of the runs)" "$(largest app-filter 3)"
printf '%-44s %9.1f ms / %.1f\n' "cross-filter: main thread's processor, med/max" \
  "$(field app-filter-cpu 2)" "$(largest app-filter-cpu 3)"
printf '%-44s %9.1f ms %12s (target < 16 ms)\n' "hover: work per frame, median" "$(field app-hover-frame 2)" ""
printf '%-44s %9.1f ms\n' "hover: work per frame, 95th percentile" "$(field app-hover-frame 3)"
printf '%-44s %9.1f ms\n' "hover: work per frame, max (of the runs)" "$(largest app-hover-frame 4)"
printf '%-44s %9.1f ms / %.1f / %.1f\n' "hover: motion to paint end, median/p95/max" \
  "$(field app-hover-latency 2)" "$(field app-hover-latency 3)" "$(largest app-hover-latency 4)"
printf '%-44s %9.1f ms / %.1f / %.1f\n' "hover: main thread's processor, median/p95/max" \
  "$(field app-hover-cpu 2)" "$(field app-hover-cpu 3)" "$(largest app-hover-cpu 4)"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
