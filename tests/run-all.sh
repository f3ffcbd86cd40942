#!/usr/bin/env bash
# Builds Mercato and runs every test twice: in a normal build and in one
# with AddressSanitizer and UndefinedBehaviorSanitizer. GUI tests run on
# a virtual display. The last line is "tests: N passed, M failed".
set -u
cd "$(dirname "$0")/.."
root=$PWD

tests/install-deps.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }

logs=()
run_suite () {
  # run_suite BUILD_DIR LOG_NAME [meson test options...]
  local build=$1 name=$2 runtime
  shift 2
  # A runtime folder of its own: the accessibility bus puts its socket
  # there, and one left by another session would not answer.
  runtime=$(mktemp -d)
  XDG_RUNTIME_DIR=$runtime dbus-run-session -- tests/with-display.sh \
    meson test -C "$build" --print-errorlogs --logbase "$name" "$@"
  rm -rf "$runtime"
  logs+=("$root/$build/meson-logs/$name.json")
}

build_and_test () {
  # build_and_test BUILD_DIR [meson setup options...]
  local build=$1
  shift
  if [ -d "$build" ]; then
    meson setup --reconfigure "$build" "$@" >/dev/null || meson setup --wipe "$build" "$@"
  else
    meson setup "$build" "$@"
  fi || { logs+=("$root/$build/meson-logs/missing.json"); return; }
  if ! meson compile -C "$build"; then
    logs+=("$root/$build/meson-logs/missing.json")
    return
  fi
  run_suite "$build" testlog-data --no-suite gui
  # GTK keeps caches for the life of the process; leak reports from it
  # would drown ours, so leaks are checked in the data tests only.
  ASAN_OPTIONS=detect_leaks=0 run_suite "$build" testlog-gui --suite gui
}

# A sanitizer report exits with a status of its own, never 1 (bad data):
# tests/meson.build appends these to whatever is set here, and
# summarize.py names them.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87

# The normal build also builds, installs, opens and purges the Debian
# package (suite deb: as root, with CI=true or MERCATO_TEST_DEB=1 only;
# the sanitized build does not define it).
build_and_test _build
build_and_test _build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

# About two minutes of libFuzzer (one per target) with clang, ASan and
# UBSan; tests/fuzz/fuzz.sh runs longer. Skipped where clang is missing.
fuzz_suite () {
  local build=_build-fuzz
  if ! command -v clang >/dev/null; then
    echo "fuzzing skipped: clang is not installed" >&2
    return
  fi
  if [ -d "$build" ]; then
    CC=clang meson setup --reconfigure "$build" -Dfuzzing=true -Db_lundef=false >/dev/null
  else
    CC=clang meson setup "$build" -Dfuzzing=true -Db_lundef=false >/dev/null
  fi || { logs+=("$root/$build/meson-logs/missing.json"); return; }
  if ! meson compile -C "$build" tests/fuzz-csv-reader-libfuzzer tests/fuzz-pipeline-libfuzzer; then
    logs+=("$root/$build/meson-logs/missing.json")
    return
  fi
  meson test -C "$build" --no-rebuild --suite fuzz --print-errorlogs --logbase testlog-fuzz
  logs+=("$root/$build/meson-logs/testlog-fuzz.json")
}
fuzz_suite

python3 tests/summarize.py "${logs[@]}"
