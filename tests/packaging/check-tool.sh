#!/usr/bin/env bash
# check-tool.sh [--fail-on REGEX] TOOL ARGS...
#
# Runs a packaging validator. Fails with the tool, and also when its
# output matches REGEX (to make warnings fatal where the tool only fails
# on errors); exits 77 (skipped) when the tool is not installed:
# tests/install-deps.sh installs it.
set -u
fail_on=""
if [ "${1:-}" = "--fail-on" ]; then
  fail_on=$2
  shift 2
fi
tool=$1
command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (tests/install-deps.sh installs it)"; exit 77; }
echo "\$ $*"
output=$("$@" 2>&1)
status=$?
printf '%s\n' "$output"
[ $status -eq 0 ] || { echo "FAIL: $tool exited with $status"; exit 1; }
if [ -n "$fail_on" ] && printf '%s\n' "$output" | grep -qE "$fail_on"; then
  echo "FAIL: $tool reported problems"
  exit 1
fi
echo "PASS"
