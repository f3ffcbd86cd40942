#!/usr/bin/env bash
# packaging/build-deb.sh [OUT_DIR]
#
# Builds Mercato's Debian package (dpkg-buildpackage -b -us -uc) from
# this checkout, as it is on disk (uncommitted changes included), and
# puts mercato_<version>_<arch>.deb with its .changes and .buildinfo in
# OUT_DIR: by default _build-deb/ at the top of the checkout. Nothing is
# written outside OUT_DIR: dpkg-buildpackage writes its results beside
# the source tree it builds, so the script copies the tree into
# OUT_DIR/src/ first and builds there (which also keeps debhelper's
# obj-* and debian/tmp folders out of the checkout).
#
# Build dependencies that are missing are installed with apt-get (through
# sudo when not root). The test suite does not run during the build
# (debian/rules overrides dh_auto_test: it needs Xvfb and a session bus);
# tests/packaging/test-deb.sh builds, installs and tries the package.
#
# Then: sudo apt-get install ./_build-deb/mercato_*.deb
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/_build-deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)
case "$root/" in
  "$out"/*) echo "build-deb.sh: OUT_DIR must not contain the checkout" >&2; exit 2 ;;
esac

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_install () {
  echo "build-deb.sh: installing $*" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >&2
}

# dpkg-buildpackage itself, then what debian/control's Build-Depends
# asks for.
command -v dpkg-buildpackage >/dev/null || apt_install dpkg-dev
if ! (cd "$root" && dpkg-checkbuilddeps) 2>/dev/null; then
  (cd "$root" && dpkg-checkbuilddeps) || true
  echo "build-deb.sh: installing the missing build dependencies" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get build-dep -y -qq --no-install-recommends "$root" >&2
fi

# The source tree to build: the checkout's files that git knows or would
# know (so no build folders), or everything but build folders outside git.
version=$(cd "$root" && dpkg-parsechangelog -S Version)
src=$out/src/mercato-$version
rm -rf "$out/src"
mkdir -p "$src"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Not OUT_DIR itself, when it is inside the checkout but not ignored.
  skip=${out#"$root"/}
  (cd "$root" && git ls-files -z --cached --others --exclude-standard \
     | xargs -0 -r sh -c 'skip=$1; shift; for f; do
         case "$f" in "$skip"/*) continue ;; esac
         [ -e "$f" ] && printf "%s\0" "$f"; done' sh "$skip") \
    | tar -C "$root" --null -T - -cf - | tar -C "$src" -xf -
else
  tar -C "$root" --exclude='./_build*' --exclude='./build*' -cf - . | tar -C "$src" -xf -
fi

started=$(date +%s)
(cd "$src" && dpkg-buildpackage -b -us -uc) >"$out/build.log" 2>&1 || {
  tail -n 60 "$out/build.log" >&2
  echo "build-deb.sh: dpkg-buildpackage failed; the whole log is $out/build.log" >&2
  exit 1
}
seconds=$(( $(date +%s) - started ))

arch=$(dpkg-architecture -qDEB_HOST_ARCH)
changes=mercato_${version}_${arch}.changes
# Only this build's results: the files its .changes lists.
files=$(sed -n '/^Files:/,/^[^ ]/s/^ [0-9a-f]\{32\} [0-9]* [^ ]* [^ ]* //p' "$out/src/$changes")
rm -f "$out"/mercato_*.deb "$out"/mercato-dbgsym_*.deb "$out"/mercato_*.changes "$out"/mercato_*.buildinfo
for file in $changes $files; do
  mv "$out/src/$file" "$out/"
done
rm -rf "$out/src"

echo "build-deb.sh: dpkg-buildpackage took ${seconds} s; built in $out:"
for file in $changes $files; do
  echo "  $file"
done

if command -v lintian >/dev/null; then
  echo "build-deb.sh: lintian $changes" >&2
  lintian --info "$out/$changes" | tee "$out/lintian.txt" >&2 || true
fi
