# A throwaway PostgreSQL server on a Unix socket in a temporary folder,
# for the pg tests and the push-down benchmark. Source it, then:
#   pg_server_installed  whether the server's programs are there (else a TAP skip)
#   pg_server_init TMP   sets bin, socket, data and as_server, and initdb's
#   pg_server_start      starts the server (no TCP, fsync off)
#   pg_server_stop       stops it
# PostgreSQL refuses to run as root: as root (CI), the server runs as
# the postgres user, which owns the data folder; the socket folder stays
# readable for the clients.
pg_server_bin () {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# pg_server_installed: whether initdb and pg_ctl are there; if not, says
# so as TAP's skip line.
pg_server_installed () {
  local bin
  bin=$(pg_server_bin)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && return 0
  echo "1..0 # SKIP PostgreSQL's server programs (initdb, pg_ctl) are missing; install Debian's postgresql package (tests/install-deps.sh does)"
  return 1
}

pg_server_init () {
  bin=$(pg_server_bin) socket=$1/socket data=$1/data
  mkdir -p "$socket" "$data"
  chmod 755 "$1" "$socket"
  as_server=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$data" "$socket"
    as_server=(runuser -u postgres --)
  fi
  "${as_server[@]}" "$bin/initdb" -D "$data" -U mercato --auth=trust -E UTF8 --locale=C.UTF-8
}

pg_server_start () {
  "${as_server[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses= -k $socket -c fsync=off" start
}

pg_server_stop () {
  "${as_server[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1
}

# Some containers replace /dev/null with a plain file that only root may
# write; initdb and the server need the device. As root, the calling
# script (SCRIPT ARGS…) then runs again in a mount namespace of its own
# with a real one bound over it (nothing outside changes); otherwise it
# fails with TAP saying why.
pg_server_null_device () {
  if [ ! -c /dev/null ] && [ -z "${MERCATO_PG_NULL:-}" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null; then
      local null
      null=$(mktemp -u /tmp/mercato-pg-null.XXXXXX)
      mknod -m 666 "$null" c 1 3 &&
        exec env MERCATO_PG_NULL="$null" unshare -m bash -c \
          'mount --bind "$MERCATO_PG_NULL" /dev/null; rm -f "$MERCATO_PG_NULL"; exec bash "$0" "$@"' "$@"
    fi
    echo "1..1"
    echo "not ok 1 - /dev/null is not a device here, and PostgreSQL's initdb needs one; run as root or fix /dev/null"
    exit 1
  fi
}
