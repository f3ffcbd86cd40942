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
  python3 python3-pyatspi
  libglib2.0-bin shared-mime-info xdotool librsvg2-bin flatpak-builder
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
