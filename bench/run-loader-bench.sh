#!/usr/bin/env bash
# Loader benchmark: McDatasetLoader (bench/bench-loader, the app's way of
# opening a dataset: reading, types, relations, model and the analysis,
# on a worker thread with the main loop running) against the whole
# `mercato-cli describe` process, on the generated automotive export
# (100k customers, about 1.5 M rows and 200 MB), RUNS times interleaved;
# then how long a cancel takes to end the load, CANCEL_RUNS times for
# each stage and for a point inside it (milliseconds after the stage's
# message was notified).
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-_build-bench}
customers=${CUSTOMERS:-100000}
runs=${RUNS:-3}
cancel_runs=${CANCEL_RUNS:-3}
data=bench/out/automotive-$customers
. bench/bench-common.sh

time_ensure
[ -d "$build" ] || meson setup "$build" >/dev/null
meson compile -C "$build" app/mercato-cli bench/bench-loader bench/mercato-generate >/dev/null
[ -f "$data/visits.csv" ] || "$build/bench/mercato-generate" --out "$data" --customers "$customers" --seed 1

results=$(mktemp)
machine
for i in $(seq "$runs"); do
  "$build/bench/bench-loader" "$data" | cut -d' ' -f1-3 | sed 's/^loader/loader-to-figures/' >> "$results"
  whole describe "$build/app/mercato-cli" describe "$data" >> "$results"
done
echo "dataset: $data, $(du -bL "$data" | cut -f1 | awk '{printf "%.0f MB", $1/1e6}') of CSV; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
summarise "$results" loader-to-figures describe
awk -v l="$(median "$results" loader-to-figures)" -v d="$(median "$results" describe)" \
  'BEGIN { printf "loader to figures / describe (medians): %.2f\n", l / d }'

# STAGE (a prefix of its message) and the points inside it to cancel at.
cancels=$(mktemp)
while IFS='|' read -r stage afters; do
  for after in $afters; do
    for i in $(seq "$cancel_runs"); do
      "$build/bench/bench-loader" --cancel-in "$stage" --after "$after" "$data" >> "$cancels" || true
    done
  done
done <<'EOF'
Reading visits.csv|0 300
Finding types in visits.csv|0
Finding relations|0
Finding the purchases|0
Working out the figures|0 100 300 800 1500
EOF
printf '%-30s %6s %12s %12s %s\n' stage after_ms median_ms max_ms returned
awk '{ stage = $2; for (i = 3; i < NF - 2; i++) stage = stage " " $i; key = stage "|" $(NF - 2)
       n[key]++; v[key, n[key]] = $(NF - 1); how[key] = $NF; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
     END { for (j = 1; j <= k; j++) { key = order[j]; split (key, p, "|")
             m = n[key]; for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (v[key, b] < v[key, a]) { t = v[key, a]; v[key, a] = v[key, b]; v[key, b] = t }
             printf "%-30s %6s %12.0f %12.0f %s\n", p[1], p[2], v[key, int((m + 1) / 2)], v[key, m], how[key] } }' "$cancels"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$results" "$cancels"
