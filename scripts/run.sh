#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# First command of the README: install the build dependencies, build a release (build/), then run
# umgate on its built-in defaults. With a display and a built console, that is the console;
# otherwise the engine daemon umgated runs in the foreground (Ctrl+C stops it).
# Extra arguments go to the program started, e.g.  scripts/run.sh --data-dir /tmp/umgate
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="$ROOT/build" # the "default" preset's binaryDir; test.sh reuses it
JOBS="${UMGATE_JOBS:-$(nproc)}"

scripts/install-deps.sh --build

echo "run.sh: configuring and building $BUILD_DIR"
cmake --preset default
# Only the programs: the tests are built (and run) by scripts/test.sh.
targets=(umgated umgatectl)
# (Captured first: grep -q stopping early would make the pipe fail under pipefail.)
target_list="$(cmake --build "$BUILD_DIR" --target help)"
if grep -q '^umgate:' <<<"$target_list"; then
  targets+=(umgate)
fi
cmake --build "$BUILD_DIR" -j "$JOBS" --target "${targets[@]}"

console="$BUILD_DIR/app/umgate/umgate"
daemon="$BUILD_DIR/app/umgated/umgated"
if [ -x "$console" ]; then
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "run.sh: starting the console $console"
    exec "$console" "$@"
  fi
  echo "run.sh: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so no console;" \
    "starting the engine daemon instead"
fi
echo "run.sh: starting the engine daemon $daemon (Ctrl+C stops it; umgatectl is in $BUILD_DIR/app/umgatectl)"
exec "$daemon" "$@"
