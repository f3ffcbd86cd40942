#!/usr/bin/env bash
# k-means benchmark: Mercato against scikit-learn (lloyd, k-means++, the
# same n_init) on 1,000,000 × 8 values in eight blobs, in one run, three
# times each, interleaved. Prints min and median seconds and the inertia.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-_build-bench}
n=${N:-1000000}
n_init=${N_INIT:-3}
runs=${RUNS:-3}
data=bench/out/blobs-$n.bin

tests/install-deps.sh
[ -d "$build" ] || meson setup "$build" -Dbuildtype=release >/dev/null
meson compile -C "$build" bench/bench-kmeans >/dev/null
mkdir -p bench/out
[ -f "$data" ] || "$build/bench/bench-kmeans" --make "$data" "$n"

contenders=(mercato)
if /usr/bin/python3 -c 'import sklearn' 2>/dev/null ||
   { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-sklearn >/dev/null 2>&1; }; then
  contenders+=(sklearn)
fi
results=$(mktemp)
for i in $(seq "$runs"); do
  for tool in "${contenders[@]}"; do
    case $tool in
      mercato) "$build/bench/bench-kmeans" "$data" "$n_init" ;;
      sklearn) /usr/bin/python3 bench/kmeans-sklearn.py "$data" "$n_init" ;;
    esac >> "$results"
  done
done
echo "$n rows × 8, k = 8, n_init = $n_init, $(nproc) cores"
printf '%-8s %8s %8s %18s\n' tool min median inertia
for tool in "${contenders[@]}"; do
  grep "^$tool " "$results" | sort -k2 -n | awk -v t="$tool" '{ s[NR] = $2; i[NR] = $3 } END { printf "%-8s %8.3f %8.3f %18.3f\n", t, s[1], s[int((NR + 1) / 2)], i[1] }'
done
rm -f "$results"
