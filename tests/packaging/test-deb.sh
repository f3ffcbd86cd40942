#!/usr/bin/env bash
# test-deb.sh SOURCE_DIR BUILD_DIR
#
# Builds Mercato's Debian package with packaging/build-deb.sh (into
# BUILD_DIR/deb), installs it with apt-get, checks what it installed
# (dpkg -L) and that the system's triggers made it the application for
# CSV, TSV and workbook files, opens a CSV file with `gio open` (what a
# file manager's double-click does) on a virtual display and a private
# session bus and sees the Mercato window show that file's data, then
# purges the package and checks that nothing of it is left.
#
# It installs and removes a system package, so it runs only as root and
# only in CI (CI=true) or when asked (MERCATO_TEST_DEB=1); otherwise, and
# when a mercato package is installed already, it exits 77 (skipped)
# saying why.
set -u

skip () { echo "SKIP: $*"; exit 77; }
fail () { echo "FAIL: $*"; exit 1; }
ok () { echo "ok - $*"; }

app_id=org.mercato.Mercato
here=$(cd "$(dirname "$0")" && pwd)

# --- second stage: gio open, run on a display and a private bus ---------
if [ "${1:-}" = "--open" ]; then
  shift
  tmp=$1 csv=$2 shot=$3
  pid=""
  stop_app () {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null
    fi
  }
  trap stop_app EXIT

  # A new user's world, in the temporary folder; the system's data
  # folders, schemas and translations, as installed by the package.
  export HOME=$tmp/home
  export XDG_DATA_HOME=$HOME/.local/share XDG_CONFIG_HOME=$HOME/.config
  export XDG_CACHE_HOME=$HOME/.cache XDG_STATE_HOME=$HOME/.local/state
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
  unset XDG_DATA_DIRS XDG_CONFIG_DIRS GSETTINGS_SCHEMA_DIR MERCATO_LOCALEDIR
  export GSETTINGS_BACKEND=keyfile
  export GDK_BACKEND=x11
  unset WAYLAND_DISPLAY

  # The system's MIME database and desktop files decide, as on a desktop.
  gio mime text/csv >"$tmp/gio-mime.txt" 2>&1
  cat "$tmp/gio-mime.txt"
  grep -qP "^\t$app_id.desktop\$" "$tmp/gio-mime.txt" \
    || fail "gio mime text/csv does not list $app_id.desktop among the registered applications"
  if ! grep -q "^Default application for .*: $app_id.desktop\$" "$tmp/gio-mime.txt"; then
    # Another CSV application installed on this machine came first: make
    # Mercato this (temporary) user's choice, as Open With would.
    echo "# another application is the default for text/csv here; choosing $app_id.desktop for this user"
    gio mime text/csv "$app_id.desktop" || fail "gio mime text/csv $app_id.desktop"
  fi

  gio open "$csv" || fail "gio open $csv failed"

  window=""
  for _ in $(seq 600); do
    window=$(xdotool search --onlyvisible --name '^Mercato$' 2>/dev/null | head -n 1)
    [ -n "$window" ] && break
    sleep 0.1
  done
  [ -n "$window" ] || fail "no Mercato window appeared within 60 s of gio open"
  pid=$(xdotool getwindowpid "$window")
  [ -n "$pid" ] || fail "the Mercato window has no process id"
  exe=$(readlink -f "/proc/$pid/exe")
  [ "$exe" = /usr/bin/mercato ] || fail "the window belongs to $exe, not to the package's /usr/bin/mercato"
  ok "gio open $csv shows a Mercato window of /usr/bin/mercato (pid $pid)"

  # The data: the window's title stays "Mercato" and X11 tools cannot
  # read the header bar's subtitle, so read the window as a screen
  # reader does: the subtitle names the file's folder ("shop-export — 1
  # table") and the Tables page the table with its rows.
  folder=$(basename "$(dirname "$csv")")
  table=$(basename "$csv" .csv)
  rows=$(mercato-cli describe "$csv" | python3 -c 'import json, sys; print(json.load(sys.stdin)["tables"][0]["rows"])') \
    || fail "mercato-cli describe $csv"
  env -u G_DEBUG /usr/bin/python3 "$here/read-window.py" 60 "$folder — 1 table" "$table" "$rows rows" \
    || fail "the Mercato window does not show $csv"
  ok "the window shows the file's data: '$folder — 1 table', the table $table with $rows rows"
  if command -v import >/dev/null; then
    import -window root "$shot" && echo "# screenshot: $shot"
  fi

  # Loaded through the installed schema: the recent-datasets setting
  # names the file.
  keyfile=$XDG_CONFIG_HOME/glib-2.0/settings/keyfile
  for _ in $(seq 100); do
    grep -qF "$csv" "$keyfile" 2>/dev/null && break
    sleep 0.1
  done
  grep -qF "$csv" "$keyfile" 2>/dev/null || fail "the recent-datasets setting does not name $csv"
  ok "the installed schema's recent-datasets setting names $csv"
  kill -0 "$pid" 2>/dev/null || fail "Mercato exited after loading $csv"
  exit 0
fi

# --- first stage ----------------------------------------------------------
[ $# -eq 2 ] || { echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2; exit 2; }
source_dir=$1 build=$2

if [ "${CI:-}" != true ] && [ -z "${MERCATO_TEST_DEB:-}" ]; then
  skip "installs and removes the mercato system package: runs in CI (CI=true) or with MERCATO_TEST_DEB=1"
fi
[ "$(id -u)" -eq 0 ] || skip "installs a system package with apt-get and must run as root"
if dpkg-query -W -f='${Status}' mercato 2>/dev/null | grep -q "installed"; then
  skip "a mercato package is installed on this machine already; the test would replace and remove it"
fi
for file in /usr/bin/mercato /usr/bin/mercato-cli; do
  [ -e "$file" ] && skip "$file exists and belongs to no mercato package; the test would overwrite it"
done
for tool in apt-get dpkg-buildpackage gio xdotool xvfb-run dbus-run-session python3 lintian; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (tests/install-deps.sh installs it)"
done

# Debian's python3 (not another one first on PATH) reads the window.
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null \
  || skip "Debian's python3 has no pyatspi (tests/install-deps.sh installs python3-pyatspi)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mercato-deb.XXXXXX") || fail "mktemp"
chmod 755 "$tmp"
installed=no
cleanup () {
  # Never leave the package behind, whatever failed.
  if [ $installed = yes ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=300 mercato >/dev/null 2>&1
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- build ----------------------------------------------------------------
out=$build/deb
started=$(date +%s)
"$source_dir/packaging/build-deb.sh" "$out" >"$tmp/build-deb.log" 2>&1 \
  || { cat "$tmp/build-deb.log"; fail "packaging/build-deb.sh failed"; }
seconds=$(( $(date +%s) - started ))
grep '^build-deb.sh: dpkg-buildpackage took' "$tmp/build-deb.log"
ok "packaging/build-deb.sh built the package in $seconds s (build, lintian)"
grep -q 'dh_missing --fail-missing' "$out/build.log" || fail "dh_missing --fail-missing did not run"

version=$(cd "$source_dir" && dpkg-parsechangelog -S Version)
arch=$(dpkg --print-architecture)
deb=$out/mercato_${version}_${arch}.deb
[ -f "$deb" ] || fail "$deb was not built"

# lintian at its default level: nothing (see docs/packaging.md).
lintian "$out/mercato_${version}_${arch}.changes" >"$tmp/lintian.txt" 2>&1
if grep -E '^[EW]: ' "$tmp/lintian.txt"; then
  fail "lintian reports errors or warnings"
fi
ok "lintian reports no errors or warnings"

# What the package will put on the system: its files, not its folders.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\./, "", $6); print $6 }' | sort >"$tmp/files.txt"
for file in \
  /usr/bin/mercato /usr/bin/mercato-cli \
  /usr/share/applications/$app_id.desktop \
  /usr/share/metainfo/$app_id.metainfo.xml \
  /usr/share/icons/hicolor/scalable/apps/$app_id.svg \
  /usr/share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg \
  /usr/share/glib-2.0/schemas/$app_id.gschema.xml \
  /usr/share/locale/fr/LC_MESSAGES/mercato.mo \
  /usr/share/locale/de/LC_MESSAGES/mercato.mo \
  /usr/share/man/man1/mercato.1.gz /usr/share/man/man1/mercato-cli.1.gz \
  /usr/share/mercato/sample/automotive/sales.csv \
  /usr/share/doc/mercato/copyright; do
  grep -qx "$file" "$tmp/files.txt" || fail "the package does not contain $file"
done
ok "the package holds the programs, launcher, metainfo, icons, schema, translations, man pages and sample"

# --- install ----------------------------------------------------------------
installed=yes
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  -o DPkg::Lock::Timeout=300 "$deb" >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; fail "apt-get install $deb failed"; }
dpkg-query -W -f='${Status}' mercato | grep -qx 'install ok installed' || fail "mercato is not installed"
ok "apt-get install $deb"

dpkg -L mercato | sort >"$tmp/dpkg-L.txt"
while read -r file; do
  grep -qx "$file" "$tmp/dpkg-L.txt" || fail "dpkg -L mercato does not list $file"
  [ -f "$file" ] || fail "$file is not installed"
done <"$tmp/files.txt"
ok "dpkg -L lists every file of the package and each is in place"

[ "$(command -v mercato)" = /usr/bin/mercato ] || fail "mercato on PATH is $(command -v mercato), not /usr/bin/mercato"
[ "$(command -v mercato-cli)" = /usr/bin/mercato-cli ] || fail "mercato-cli on PATH is not /usr/bin/mercato-cli"
mercato-cli describe /usr/share/mercato/sample/automotive >"$tmp/describe.json" \
  || fail "mercato-cli cannot describe the installed sample"
grep -q '"tables"' "$tmp/describe.json" || fail "mercato-cli describe printed no tables"
ok "mercato and mercato-cli are on PATH; mercato-cli describes the installed sample"

# The system's triggers ran: schemas compiled, desktop database updated.
env -u GSETTINGS_SCHEMA_DIR gsettings list-keys $app_id | grep -qx recent-datasets \
  || fail "the system's compiled schemas have no $app_id (glib's trigger did not run)"
for mime in text/csv text/tab-separated-values \
            application/vnd.openxmlformats-officedocument.spreadsheetml.sheet \
            application/vnd.oasis.opendocument.spreadsheet; do
  grep -q "^$mime=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache \
    || fail "/usr/share/applications/mimeinfo.cache does not list $app_id.desktop for $mime"
done
ok "the schema is compiled and the desktop database lists Mercato for CSV, TSV, XLSX and ODS"
if locale -a 2>/dev/null | grep -qix 'fr_FR.utf8'; then
  french=$(env -u LANGUAGE LC_ALL=fr_FR.UTF-8 gettext -d mercato "Recent")
  [ -n "$french" ] && [ "$french" != Recent ] || fail "the installed French catalog does not translate 'Recent'"
  ok "the installed French translation is found ('Recent' is '$french')"
fi

# --- gio open ------------------------------------------------------------------
mkdir -p "$tmp/shop-export" "$tmp/home"
cp /usr/share/mercato/sample/automotive/sales.csv "$tmp/shop-export/deb-sales.csv"
shot=$build/meson-logs/test-deb-gio-open.png
mkdir -p "$(dirname "$shot")"
runtime=$tmp/runtime
mkdir -p "$runtime" && chmod 700 "$runtime"
XDG_RUNTIME_DIR=$runtime dbus-run-session -- \
  "$here/../with-display.sh" "$BASH" "$0" --open "$tmp" "$tmp/shop-export/deb-sales.csv" "$shot" \
  || fail "gio open of a CSV file did not show it in Mercato"

# --- purge ---------------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=300 mercato >"$tmp/purge.log" 2>&1 \
  || { cat "$tmp/purge.log"; fail "apt-get purge mercato failed"; }
installed=no
if dpkg-query -W -f='${Status}' mercato 2>/dev/null | grep -q installed; then
  fail "mercato is still known to dpkg: $(dpkg-query -W -f='${Status}' mercato)"
fi
while read -r file; do
  [ -e "$file" ] && fail "$file is left after apt-get purge"
  dpkg -S "$file" >/dev/null 2>&1 && fail "dpkg -S still finds an owner of $file"
done <"$tmp/files.txt"
for dir in /usr/share/mercato /usr/share/doc/mercato; do
  [ -e "$dir" ] && fail "$dir is left after apt-get purge"
done
ls /var/lib/dpkg/info/mercato.* >/dev/null 2>&1 && fail "dpkg's records of mercato are left: $(ls /var/lib/dpkg/info/mercato.*)"
grep -q "$app_id" /usr/share/applications/mimeinfo.cache && fail "mimeinfo.cache still names $app_id.desktop"
env -u GSETTINGS_SCHEMA_DIR gsettings list-schemas | grep -qx $app_id && fail "the compiled schemas still have $app_id"
ok "apt-get purge mercato leaves none of its $(wc -l <"$tmp/files.txt") files, no dpkg record, no MIME entry, no schema"
echo "PASS: Debian package built in $seconds s, installed, opened a CSV with gio open, purged"
