#!/usr/bin/env bash
# fuzz.sh [SECONDS]: the long run. Builds Mercato with clang, libFuzzer,
# ASan and UBSan in _build-fuzz and runs each fuzz target for SECONDS
# (default 1800). Inputs that crash are kept in tests/fuzz/crashes/.
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-1800}
if [ -d _build-fuzz ]; then
  CC=clang meson setup --reconfigure _build-fuzz -Dfuzzing=true -Dbuildtype=debugoptimized -Db_lundef=false >/dev/null
else
  CC=clang meson setup _build-fuzz -Dfuzzing=true -Dbuildtype=debugoptimized -Db_lundef=false
fi
meson compile -C _build-fuzz tests/fuzz-csv-reader-libfuzzer tests/fuzz-pipeline-libfuzzer
mkdir -p tests/fuzz/crashes
status=0
for target in fuzz-csv-reader fuzz-pipeline; do
  MERCATO_FUZZ_CRASHES=$PWD/tests/fuzz/crashes tests/fuzz/run.sh "_build-fuzz/tests/$target-libfuzzer" "$seconds" || status=1
done
exit $status
