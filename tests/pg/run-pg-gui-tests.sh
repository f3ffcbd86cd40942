#!/usr/bin/env bash
# The app's "Connect to Database…" against a throwaway server: a role
# that must give a password (scram-sha-256 on the Unix socket), the
# shipped sample loaded with COPY, a keyring (gnome-keyring-daemon on a
# D-Bus session bus of its own) and the GUI test test-connect-dialog on
# the display the caller set up (tests/with-display.sh). Prints TAP.
# Usage: run-pg-gui-tests.sh TEST_CONNECT_DIALOG SOURCE_ROOT
set -u
test_exe=$1 root=$2
here=$root/tests/pg
. "$here/pg-server.sh"

bin=$(pg_server_bin)
pg_server_installed || exit 0
pg_server_null_device "$0" "$@"
psql_bin=$bin/psql
[ -x "$psql_bin" ] || psql_bin=psql

tmp=$(mktemp -d /tmp/mercato-pg-gui.XXXXXX)
stop_server () {
  pg_server_stop
  rm -rf "$tmp"
}
trap stop_server EXIT

fail () { echo "1..1"; echo "not ok 1 - $1"; shift; printf '%s\n' "$@" | sed 's/^/# /'; exit 1; }

pg_server_init "$tmp" >"$tmp/initdb.log" 2>&1 || fail "initdb" "$(cat "$tmp/initdb.log")"
# The role shop logs in with a password; the test's own role stays trusted.
{ echo "local all shop scram-sha-256"; cat "$data/pg_hba.conf"; } >"$tmp/pg_hba.conf" &&
  cat "$tmp/pg_hba.conf" >"$data/pg_hba.conf"
pg_server_start >"$tmp/pg_ctl.log" 2>&1 || fail "the server starts" "$(cat "$tmp/pg_ctl.log")" "$(cat "$data/server.log" 2>/dev/null)"

export PGHOST=$socket PGUSER=mercato
unset PGPASSWORD PGDATABASE PGSERVICE PGOPTIONS
psql () { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$@"; }
password=shop-$RANDOM-secret
sample=$root/app/sample/automotive
{
  psql -d postgres -c "CREATE ROLE shop LOGIN PASSWORD '$password'" -c "CREATE DATABASE shop OWNER shop" &&
  psql -d shop -c "SET ROLE shop" -f "$here/automotive.sql" &&
  for table in cars users sales visits; do
    psql -d shop -c "SET datestyle = 'ISO, MDY'" \
         -c "COPY \"$table\" FROM STDIN (FORMAT csv, HEADER true)" <"$sample/$table.csv" || exit 1
  done &&
  psql -d shop -f "$here/automotive-keys.sql" &&
  # Rows for the Tables page's pages: score (g × 37 mod 1000) / 10 and
  # kind k0…k2, missing on every fifth row (test-connect-dialog.c
  # counts on both).
  psql -d shop -c "SET ROLE shop" \
       -c "CREATE TABLE events (event_id int8 PRIMARY KEY, label text, score numeric(10, 2), kind text)" \
       -c "INSERT INTO events SELECT g, 'event ' || g, (g * 37 % 1000) / 10.0,
             CASE WHEN g % 5 = 0 THEN NULL ELSE 'k' || (g % 3) END FROM generate_series (1, 5000) g" &&
  psql -d shop -c "ANALYZE"
} >"$tmp/load.log" 2>&1 || fail "the sample loads with COPY" "$(cat "$tmp/load.log")"

# A keyring of its own, made and unlocked with a password, in a home of
# its own: nothing of the user's is read or written.
mkdir -p "$tmp/home" "$tmp/runtime"
chmod 700 "$tmp/runtime"
export HOME=$tmp/home XDG_DATA_HOME=$tmp/home/data XDG_RUNTIME_DIR=$tmp/runtime
export MERCATO_PG_SOCKET=$socket MERCATO_PG_PASSWORD=$password
# No accessibility bus on the session bus of its own: its registry would
# print on the test's output, which is TAP.
export GTK_A11Y=none
if command -v gnome-keyring-daemon >/dev/null; then
  dbus-run-session -- bash -c '
    eval "$(printf "mercato-test" | gnome-keyring-daemon --unlock --components=secrets --daemonize 2>/dev/null)"
    export MERCATO_TEST_KEYRING=1
    "$0" --tap
    status=$?
    [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null
    exit $status' "$test_exe"
else
  echo "# gnome-keyring-daemon is missing (Debian's gnome-keyring): the keyring checks are skipped"
  dbus-run-session -- "$test_exe" --tap
fi
