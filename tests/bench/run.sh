#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the benchmarks against a Release build and prints their figures.
# Usage: tests/bench/run.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target bench_rpc umgated >/dev/null
"$build/tests/bench/bench_rpc"
