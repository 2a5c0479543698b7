#!/bin/sh
# Install what is missing, build, and open Green Atlas on the bundled sample city.
#   build-aux/run.sh [FILE…]     (with files, opens those instead)
# BUILD_DIR overrides the build directory (default: build).
set -eu

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}

sh build-aux/install-deps.sh

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  meson setup "$BUILD_DIR"
fi
ninja -C "$BUILD_DIR"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run.sh: built $BUILD_DIR/app/ui/green-atlas, but there is no display to open it on" >&2
  echo "run.sh: run this from a desktop session (or wrap it in xvfb-run -a)" >&2
  exit 1
fi

# Use the schema compiled in the build tree, so nothing has to be installed.
GSETTINGS_SCHEMA_DIR="$BUILD_DIR/data"
export GSETTINGS_SCHEMA_DIR
exec "$BUILD_DIR/app/ui/green-atlas" "$@"
