#!/usr/bin/env bash
# test-install.sh BUILD_DIR BINDIR DATADIR
#
# Installs the build into a temporary folder (meson install --destdir),
# checks that every file a desktop needs is where it belongs, that the
# desktop database makes Mercato the application for CSV files, that the
# installed schema compiles and is read by the installed app, and that
# launching the installed .desktop file with a CSV file (as a file manager
# does on double-click) opens a Mercato window that loads that file.
#
# BINDIR and DATADIR are the absolute install folders of the build
# (prefix included). Nothing is written outside a temporary folder, except
# meson's own install log inside BUILD_DIR. Exits 77 (skipped) when a
# tool it needs is missing: tests/install-deps.sh installs them all.
set -u

skip () { echo "SKIP: $*"; exit 77; }
fail () { echo "FAIL: $*"; exit 1; }
ok () { echo "ok - $*"; }

app_id=org.mercato.Mercato

# --- second stage: the launch, run on a display and a private bus --------
if [ "${1:-}" = "--launch" ]; then
  shift
  tmp=$1 bin=$2 share=$3 csv=$4
  pid=""
  stop_app () {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null
    fi
  }
  trap stop_app EXIT

  # The app's whole world is in the temporary folder: its home, its
  # recent files, its settings (written to a key file so that they can be
  # read back), the installed schema and, first in line, the installed
  # data files and programs.
  export HOME=$tmp/home
  export XDG_DATA_HOME=$HOME/.local/share XDG_CONFIG_HOME=$HOME/.config
  export XDG_CACHE_HOME=$HOME/.cache XDG_STATE_HOME=$HOME/.local/state
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
  export XDG_DATA_DIRS="$share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
  export PATH="$bin:$PATH"
  export GSETTINGS_SCHEMA_DIR=$share/glib-2.0/schemas
  export GSETTINGS_BACKEND=keyfile
  export GDK_BACKEND=x11
  unset WAYLAND_DISPLAY
  # GTK keeps caches for the life of the process (sanitized builds).
  export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

  gio launch "$share/applications/$app_id.desktop" "$csv" || fail "gio launch of the installed desktop file failed"

  # The window: mapped, named Mercato, and belonging to the installed
  # program (not to some other copy found on the way).
  window=""
  for _ in $(seq 600); do
    window=$(xdotool search --onlyvisible --name '^Mercato$' 2>/dev/null | head -n 1)
    [ -n "$window" ] && break
    sleep 0.1
  done
  [ -n "$window" ] || fail "no Mercato window appeared within 60 s of gio launch"
  pid=$(xdotool getwindowpid "$window")
  [ -n "$pid" ] || fail "the Mercato window has no process id"
  exe=$(readlink -f "/proc/$pid/exe")
  [ "$exe" = "$(readlink -f "$bin/mercato")" ] || fail "the window belongs to $exe, not to the installed $bin/mercato"
  ok "gio launch of the installed desktop file shows a Mercato window of the installed program (pid $pid)"

  # The file: Mercato puts a dataset among the desktop's recent files and
  # its recent-datasets setting only once it has loaded it, so both name
  # the CSV file once the window shows it.
  uri=$(python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).as_uri())' "$csv")
  recent=$XDG_DATA_HOME/recently-used.xbel
  keyfile=$XDG_CONFIG_HOME/glib-2.0/settings/keyfile
  loaded=no
  for _ in $(seq 600); do
    if grep -qF "$uri" "$recent" 2>/dev/null && grep -qF "$csv" "$keyfile" 2>/dev/null; then
      loaded=yes
      break
    fi
    kill -0 "$pid" 2>/dev/null || fail "Mercato exited before loading $csv"
    sleep 0.1
  done
  [ $loaded = yes ] || fail "Mercato did not load $csv within 60 s (not in $recent and $keyfile)"
  grep -q '^recent-datasets=' "$keyfile" || fail "the recent-datasets setting is not in $keyfile"
  ok "Mercato loaded $csv: it is in the recent files and in the installed schema's recent-datasets setting"
  kill -0 "$pid" 2>/dev/null || fail "Mercato exited after loading $csv"
  exit 0
fi

# --- first stage: install and look --------------------------------------
[ $# -eq 3 ] || { echo "usage: $0 BUILD_DIR BINDIR DATADIR" >&2; exit 2; }
build=$1 bindir=$2 datadir=$3

for tool in meson desktop-file-validate update-desktop-database update-mime-database \
            glib-compile-schemas gsettings gio xdotool python3 dbus-run-session; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (tests/install-deps.sh installs it)"
done
if [ -z "${DISPLAY:-}" ] && ! command -v xvfb-run >/dev/null; then
  skip "no display and no xvfb-run to make one (tests/install-deps.sh installs xvfb)"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mercato-install.XXXXXX") || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT

# --no-rebuild: meson test has built everything already, and a rebuild
# from inside a test would race with the other tests.
meson install -C "$build" --destdir "$tmp/root" --no-rebuild >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; fail "meson install --destdir failed"; }
grep -v '^Skipping custom install script because DESTDIR is set' "$tmp/install.log" | grep -qi 'error' \
  && { cat "$tmp/install.log"; fail "meson install reported an error"; }
ok "meson install --destdir $tmp/root"

bin=$tmp/root$bindir
share=$tmp/root$datadir

# Everything landed inside the temporary folder, where it belongs.
for file in \
  "$bin/mercato" "$bin/mercato-cli"; do
  [ -x "$file" ] || fail "$file is not installed or not executable"
done
for file in \
  "$share/applications/$app_id.desktop" \
  "$share/metainfo/$app_id.metainfo.xml" \
  "$share/icons/hicolor/scalable/apps/$app_id.svg" \
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$share/glib-2.0/schemas/$app_id.gschema.xml" \
  "$share/mercato/sample/automotive/sales.csv"; do
  [ -s "$file" ] || fail "$file is not installed"
done
ok "binaries, desktop file, metainfo, icons, schema and sample are installed"

# The files point at each other by the right names.
desktop=$share/applications/$app_id.desktop
desktop-file-validate "$desktop" | grep -E 'error|warning' && fail "the installed desktop file does not validate"
grep -qx "Icon=$app_id" "$desktop" || fail "Icon= in the desktop file is not $app_id"
grep -qx 'Exec=mercato %F' "$desktop" || fail "Exec= in the desktop file is not 'mercato %F'"
grep -q '^MimeType=.*text/csv;' "$desktop" || fail "the desktop file does not declare text/csv"
metainfo=$share/metainfo/$app_id.metainfo.xml
grep -qF "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
  || fail "the metainfo's launchable is not the installed desktop file"
for binary in mercato mercato-cli; do
  grep -qF "<binary>$binary</binary>" "$metainfo" || fail "the metainfo does not provide $binary"
done
grep -q '<svg' "$share/icons/hicolor/scalable/apps/$app_id.svg" || fail "the app icon is not an SVG"
if grep -oiE '(fill|stroke|stop-color)="#[0-9a-f]+"' "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
   | grep -vi '#2e3436'; then
  fail "the symbolic icon uses a colour other than #2e3436"
fi
if command -v rsvg-convert >/dev/null; then
  rsvg-convert -w 128 -h 128 "$share/icons/hicolor/scalable/apps/$app_id.svg" -o "$tmp/icon.png" \
    || fail "the app icon does not render"
  rsvg-convert -w 16 -h 16 "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" -o "$tmp/symbolic.png" \
    || fail "the symbolic icon does not render"
  ok "both icons render"
fi
ok "desktop file, metainfo and icons name each other and the installed programs"

# The installed command line works on the installed sample.
"$bin/mercato-cli" describe "$share/mercato/sample/automotive" >"$tmp/describe.json" \
  || fail "the installed mercato-cli cannot describe the installed sample"
grep -q '"tables"' "$tmp/describe.json" || fail "mercato-cli describe printed no tables"
ok "the installed mercato-cli describes the installed sample"

# The installed schema compiles strictly and has Mercato's keys.
schemas=$share/glib-2.0/schemas
glib-compile-schemas --strict "$schemas" || fail "the installed schema does not compile with --strict"
gsettings --schemadir "$schemas" list-keys $app_id | grep -qx 'recent-datasets' \
  || fail "the compiled schema has no recent-datasets key"
ok "the installed schema compiles with --strict and has its keys"

# The desktop and MIME databases, built only from what was installed (and
# the freedesktop.org MIME types, copied in), make Mercato the
# application for CSV and TSV files. The installed programs come first in
# PATH, for the desktop file's TryExec.
update-desktop-database "$share/applications" || fail "update-desktop-database failed"
grep -q "^text/csv=.*$app_id.desktop" "$share/applications/mimeinfo.cache" \
  || fail "mimeinfo.cache does not list $app_id.desktop for text/csv"
freedesktop_xml=""
for dir in $(echo "${XDG_DATA_DIRS:-/usr/local/share:/usr/share}:/usr/share" | tr : ' '); do
  [ -f "$dir/mime/packages/freedesktop.org.xml" ] && { freedesktop_xml=$dir/mime/packages/freedesktop.org.xml; break; }
done
[ -n "$freedesktop_xml" ] || skip "shared-mime-info's freedesktop.org.xml is not installed"
mkdir -p "$share/mime/packages"
cp "$freedesktop_xml" "$share/mime/packages/"
XDG_DATA_DIRS="$share" update-mime-database "$share/mime" || fail "update-mime-database failed"

mkdir -p "$tmp/mime-home/data" "$tmp/mime-home/config"
only_installed () {
  env LC_ALL=C.UTF-8 HOME="$tmp/mime-home" XDG_DATA_HOME="$tmp/mime-home/data" XDG_CONFIG_HOME="$tmp/mime-home/config" \
      XDG_CONFIG_DIRS="$tmp/mime-home/config" XDG_DATA_DIRS="$share" PATH="$bin:$PATH" "$@"
}
sample_csv=$share/mercato/sample/automotive/sales.csv
type=$(only_installed gio info -a standard::content-type "$sample_csv" | sed -n 's/^ *standard::content-type: //p')
[ "$type" = text/csv ] || fail "the installed MIME database calls $sample_csv '$type', not text/csv"
for mime in text/csv text/tab-separated-values; do
  only_installed gio mime "$mime" >"$tmp/gio-mime.txt" 2>&1
  cat "$tmp/gio-mime.txt"
  grep -q "^Default application for .*$mime.*: $app_id.desktop\$" "$tmp/gio-mime.txt" \
    || fail "gio mime $mime does not name $app_id.desktop as its default application"
  grep -qP "^\t$app_id.desktop\$" "$tmp/gio-mime.txt" \
    || fail "gio mime $mime does not list $app_id.desktop among the registered applications"
done
ok "gio mime names $app_id.desktop for text/csv and text/tab-separated-values"

# Launch the installed desktop file with a CSV file, as a double-click
# does: on a private session bus (so that no other Mercato already
# running takes the file), and on a virtual display when there is none.
mkdir -p "$tmp/data/shop-export"
cp "$sample_csv" "$tmp/data/shop-export/sales.csv"
launch=("$BASH" "$0" --launch "$tmp" "$bin" "$share" "$tmp/data/shop-export/sales.csv")
if [ -z "${DISPLAY:-}" ]; then
  launch=("$(dirname "$0")/../with-display.sh" "${launch[@]}")
fi
dbus-run-session -- "${launch[@]}" || fail "launching the installed desktop file with a CSV file"
echo "PASS: install, desktop integration and launch"
