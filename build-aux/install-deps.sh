#!/bin/sh
# Install what Green Atlas needs to build, run and test on Debian 12 (bookworm).
# Idempotent: when every package is already installed it does nothing, quickly.
# Run as root (or with sudo available).
set -eu

PACKAGES="build-essential meson ninja-build pkg-config libgtk-4-dev libadwaita-1-dev
  libshumate-dev libgdal-dev libproj-dev gdal-bin proj-bin libjson-glib-dev gettext xvfb
  xauth desktop-file-utils appstream-util blueprint-compiler fonts-noto-core fonts-thai-tlwg
  imagemagick appstream jq libsqlite3-dev libsoup-3.0-dev sqlite3 poppler-utils libpng-dev"

missing=""
for p in $PACKAGES; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *" installed") ;;
    *) missing="$missing $p" ;;
  esac
done

if [ -z "$missing" ]; then
  echo "install-deps: all build dependencies are installed"
  exit 0
fi

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "install-deps: run this as root to install:$missing" >&2
  exit 1
fi

$SUDO apt-get update
# shellcheck disable=SC2086 # word splitting of the package list is intended
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y $PACKAGES
