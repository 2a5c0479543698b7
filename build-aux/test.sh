#!/bin/sh
# Install what is missing, build, and run every test (the 'ui' suite under Xvfb).
# Exits with meson test's status. BUILD_DIR overrides the build directory.
set -eu

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}

sh build-aux/install-deps.sh

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  meson setup "$BUILD_DIR"
fi
ninja -C "$BUILD_DIR"

# A private cache: libshumate keeps downloaded tiles and Mesa its shaders there.
cache_dir=$(mktemp -d "${TMPDIR:-/tmp}/green-atlas-test-cache.XXXXXX")
trap 'rm -rf "$cache_dir"' EXIT

status=0
env GTK_A11Y=none GSK_RENDERER=cairo NO_AT_BRIDGE=1 XDG_CACHE_HOME="$cache_dir" \
  xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C "$BUILD_DIR" --print-errorlogs "$@" || status=$?
exit "$status"
