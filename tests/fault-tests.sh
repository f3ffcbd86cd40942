#!/usr/bin/env bash
# fault-tests.sh GENERATOR: mercato-cli under faults (issue 17): a full
# disk, read-only and missing folders, an --out that is a source or a link
# to one, SIGKILL and SIGTERM during clean of a big export, a file cut
# short or replaced while it is read. Each case checks that the command
# ends with a message (no signal, no sanitizer report), that the sources
# and the previous output are intact, and that nothing is left behind.
# TAP on stdout.
set -u
cli=${MERCATO_CLI:?MERCATO_CLI names mercato-cli}
generate=$1
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
n=0
failed=0

ok () {
  # ok DESCRIPTION COMMAND...: one TAP case
  local description=$1
  shift
  n=$((n + 1))
  if "$@" >"$work/case.log" 2>&1; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description"
    sed 's/^/# /' "$work/case.log"
    failed=$((failed + 1))
  fi
}

skip () {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

digest () {
  (cd "$1" && find . -type f ! -name '.*' -print0 | sort -z | xargs -0 sha256sum) | sha256sum
}

leftovers () {
  # Temporaries or staging folders of Mercato in the folders given.
  find "$@" -name '*.mercato-*' 2>/dev/null | grep -q .
}

# A status that is a message (1: bad data or a failed write; 2: usage),
# not a signal (128 + n) nor a sanitizer report (86, 87).
refused () {
  local expected=$1 status
  shift
  "$@" >"$work/out" 2>"$work/err"
  status=$?
  cat "$work/err"
  [ "$status" -eq "$expected" ] && [ -s "$work/err" ]
}

small=$work/small
"$generate" -n 300 -o "$small" >/dev/null
small_digest=$(digest "$small")

# Full disk: the file size limit stands in for a small tmpfs, which needs
# a mount this test may not make. Every writer must say so and leave the
# previous file whole.
full_disk () {
  local what=$1
  shift
  (ulimit -f 8; refused 1 "$cli" "$@") || return 1
  grep -q "size allowed" "$work/err" || return 1
  ! leftovers "$work"
}
"$cli" rfm "$small" --out "$work/rfm.csv" >/dev/null
rfm_before=$(sha256sum <"$work/rfm.csv")
ok "full disk: rfm keeps the previous file" full_disk rfm rfm "$small" --out "$work/rfm.csv"
ok "full disk: rfm's previous file is unchanged" test "$(sha256sum <"$work/rfm.csv")" = "$rfm_before"
ok "full disk: segment" full_disk segment segment "$small" --out "$work/segments.csv"
ok "full disk: chart png" full_disk chart chart "$small" --chart amounts --out "$work/a.png" --size 1600x1200
ok "full disk: chart svg" full_disk chart chart "$small" --chart amounts --out "$work/a.svg"
ok "full disk: report" full_disk report report "$small" --out "$work/report.pdf"
"$cli" clean "$small" --out "$work/cleaned" >/dev/null
cleaned_before=$(digest "$work/cleaned")
ok "full disk: clean keeps the previous run whole" full_disk clean clean "$small" --out "$work/cleaned"
ok "full disk: clean's previous run is unchanged" test "$(digest "$work/cleaned")" = "$cleaned_before"

# Read-only and missing folders.
mkdir "$work/locked"
chmod 555 "$work/locked"
if [ -w "$work/locked" ]; then
  # As root permissions do not stop writes; /proc refuses new files to all.
  locked=/proc
else
  locked=$work/locked
fi
ok "read-only folder: rfm names the folder" refused 1 "$cli" rfm "$small" --out "$locked/rfm.csv"
ok "read-only folder: chart names the folder" \
  sh -c "'$cli' chart '$small' --chart amounts --out '$locked/a.png' 2>&1 | grep -q 'Cannot write in $locked'"
ok "missing folder: rfm says it does not exist" \
  sh -c "'$cli' rfm '$small' --out '$work/no/such/rfm.csv' 2>&1 | grep -q 'does not exist'"
ok "missing source folder: a message" refused 1 "$cli" describe "$work/no/such"

# An --out that is a source, by its name, a link or "..".
ln -s "$small/sales.csv" "$work/link.csv"
ok "--out a source: rfm refuses" refused 2 "$cli" rfm "$small" --out "$small/sales.csv"
ok "--out a link to a source: segment refuses" refused 2 "$cli" segment "$small" --out "$work/link.csv"
ok "--out ../ to a source: chart refuses" refused 2 "$cli" chart "$small" --chart amounts \
  --out "$small/../small/users.csv"
ok "sources unchanged after every refusal and fault" test "$(digest "$small")" = "$small_digest"

# Killed during clean of a big export: the previous output stays whole,
# the sources too, and the next run removes what the killed one left.
big=$work/big
"$generate" -n 100000 -o "$big" >/dev/null
big_digest=$(digest "$big")
killed_clean () {
  local signal=$1 out=$work/big-out pid status
  rm -rf "$out"
  mkdir "$out"
  echo "previous run" >"$out/cleaning-log.txt"
  "$cli" clean "$big" --out "$out" >/dev/null 2>&1 &
  pid=$!
  # Kill it once it has started writing.
  for _ in $(seq 1 300); do
    leftovers "$out" && break
    sleep 0.02
  done
  kill "-$signal" "$pid"
  wait "$pid"
  status=$?
  echo "clean ended with status $status after SIG$signal"
  [ "$status" -ne 0 ] || { echo "clean finished before the signal: no fault tried"; return 1; }
  grep -qx "previous run" "$out/cleaning-log.txt" || return 1
  [ "$(digest "$big")" = "$big_digest" ] || return 1
  "$cli" clean "$big" --out "$out" >/dev/null || return 1
  ! leftovers "$out" "$work"
}
ok "SIGKILL during clean: previous output and sources whole, next run tidies" killed_clean KILL
ok "SIGTERM during clean: previous output and sources whole, next run tidies" killed_clean TERM

# A file cut short or replaced while it is read: a message or a whole
# reading of one version, never a crash (SIGBUS from a mapping).
changed_while_read () {
  local how=$1 file=$work/changing.csv pid status
  cp "$big/visits.csv" "$file"
  "$cli" describe "$file" >/dev/null 2>"$work/err" &
  pid=$!
  sleep 0.3
  case $how in
    truncate) truncate -s 1000000 "$file" ;;
    replace) cp "$small/visits.csv" "$file.new" && mv "$file.new" "$file" ;;
  esac
  wait "$pid"
  status=$?
  cat "$work/err"
  [ "$status" -eq 0 ] || { [ "$status" -eq 1 ] && [ -s "$work/err" ]; }
}
ok "file truncated while read: a message, not a crash" changed_while_read truncate
ok "file replaced while read: the old version read whole" changed_while_read replace

echo "1..$n"
[ $failed -eq 0 ]
