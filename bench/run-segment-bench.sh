#!/usr/bin/env bash
# segment benchmark: `mercato-cli segment FILE --k 8 --scale none
# --n-init 10` (whole process, the default release build) against pandas
# read_csv + scikit-learn KMeans(n_init=10) fit on the same CSV of
# 400,000 × 8 values in eight blobs, three times each, interleaved.
# scikit-learn's time is read_csv + fit, measured inside Python
# (interpreter start-up and imports left out). Prints both inertias.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-_build-bench}
n=${N:-400000}
n_init=${N_INIT:-10}
runs=${RUNS:-3}
data=bench/out/blobs-$n.csv
. bench/bench-common.sh

tests/install-deps.sh
time_ensure
[ -d "$build" ] || meson setup "$build" >/dev/null
meson compile -C "$build" app/mercato-cli bench/bench-kmeans >/dev/null
mkdir -p bench/out
[ -f "$data" ] || "$build/bench/bench-kmeans" --make-csv "$data" "$n"
contenders=(mercato)
python_ensure pandas python3-pandas && python_ensure sklearn python3-sklearn && contenders+=(sklearn)

results=$(mktemp)
summary=$(mktemp)
machine
for i in $(seq "$runs"); do
  whole mercato "$build/app/mercato-cli" segment "$data" --k 8 --scale none --n-init "$n_init" --out /dev/null >> "$results"
  if [ ${#contenders[@]} -eq 2 ]; then
    /usr/bin/python3 bench/segment-sklearn.py "$data" "$n_init" >> "$results"
  fi
done
"$build/app/mercato-cli" segment "$data" --k 8 --scale none --n-init "$n_init" --out /dev/null > "$summary"
echo "$n rows × 8, k = 8, n_init = $n_init; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
summarise "$results" "${contenders[@]}"
echo "mercato inertia: $(sed -n 's/^  "inertia": \(.*\),$/\1/p' "$summary")"
if [ ${#contenders[@]} -eq 2 ]; then
  echo "sklearn inertia: $(grep '^sklearn ' "$results" | head -n 1 | cut -d' ' -f4)"
  awk -v m="$(median "$results" mercato)" -v s="$(median "$results" sklearn)" \
    'BEGIN { printf "mercato / sklearn (medians): %.2f\n", m / s }'
fi
rm -f "$results" "$summary"
