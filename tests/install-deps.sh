#!/usr/bin/env bash
# Installs what building, running and testing Mercato needs on Debian
# bookworm. Does nothing when everything is already there.
set -eu

packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libcsv-dev libgtk-4-dev libadwaita-1-dev
  libcairo2-dev libpango1.0-dev libjson-glib-dev
  xvfb xauth dbus dbus-x11 at-spi2-core
  desktop-file-utils appstream poppler-utils imagemagick
  python3 python3-pyatspi locales
  libglib2.0-bin shared-mime-info xdotool librsvg2-bin flatpak-builder
  libgsf-1-dev libxml2-dev libxlsxwriter-dev libreoffice-calc-nogui
  libpq-dev postgresql
  # Database passwords in the keyring; the Connect dialog's test runs a keyring.
  libsecret-1-dev gnome-keyring
  debhelper dpkg-dev fakeroot lintian
  # The fuzz suite: clang with libFuzzer and the sanitizers' runtimes,
  # and llvm-symbolizer for readable reports.
  clang libclang-rt-14-dev llvm
)

# The translation tests run the app in French and German, the screenshots
# in English: those locales must exist.
ensure_locales () {
  local wanted=(en_US.UTF-8 fr_FR.UTF-8 de_DE.UTF-8) added=0
  for name in "${wanted[@]}"; do
    locale -a 2>/dev/null | grep -qix "${name/UTF-8/utf8}" && continue
    $sudo sed -i "s/^# *\($name UTF-8\)/\1/" /etc/locale.gen
    grep -q "^$name UTF-8" /etc/locale.gen || echo "$name UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
    added=1
  done
  [ $added -eq 0 ] || $sudo locale-gen >&2
}

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  ensure_locales
  exit 0
fi

echo "Installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
ensure_locales
