#!/usr/bin/env bash
# Load benchmark: Mercato, pandas and DuckDB on the same generated
# automotive dataset (100k customers, about 1.5 M rows and 200 MB), in one
# run, three times each, interleaved so they share the machine's moods.
# Prints min and median time and peak memory per tool.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD:-_build-bench}
customers=${CUSTOMERS:-100000}
runs=${RUNS:-3}
data=bench/out/automotive-$customers

tests/install-deps.sh
[ -d "$build" ] || meson setup "$build" -Dbuildtype=release >/dev/null
meson compile -C "$build" bench/bench-load bench/mercato-generate >/dev/null
[ -f "$data/visits.csv" ] || "$build/bench/mercato-generate" --out "$data" --customers "$customers" --seed 1

contenders=(mercato)
if /usr/bin/python3 -c 'import pandas' 2>/dev/null ||
   { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-pandas >/dev/null 2>&1; }; then
  contenders+=(pandas)
fi
if [ -d bench/node_modules/@duckdb/node-api ] || npm install --prefix bench --no-save --silent @duckdb/node-api >/dev/null 2>&1; then
  contenders+=(duckdb)
fi

run () {
  case $1 in
    mercato) "$build/bench/bench-load" "$data" ;;
    pandas) /usr/bin/python3 bench/load-pandas.py "$data" ;;
    duckdb) node bench/load-duckdb.mjs "$root/$data" ;;
  esac
}

results=$(mktemp)
for i in $(seq "$runs"); do
  for tool in "${contenders[@]}"; do
    run "$tool" >> "$results"
  done
done

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo "dataset: $data, $(du -bL "$data" | cut -f1 | awk '{printf "%.0f MB", $1/1e6}') of CSV"
printf '%-8s %8s %8s %10s %10s\n' tool min_s median_s peak_MB rows
for tool in "${contenders[@]}"; do
  grep "^$tool " "$results" | sort -k2 -n | awk -v tool="$tool" '
    { t[NR] = $2; if ($3 > m) m = $3; rows = $4 }
    END { printf "%-8s %8.3f %8.3f %10d %10d\n", tool, t[1], t[int((NR + 1) / 2)], m, rows }'
done
rm -f "$results"
