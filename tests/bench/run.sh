#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the benchmarks against a Release build and prints their figures.
# Usage: tests/bench/run.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target bench_rpc bench_directory bench_console umgated umgatectl >/dev/null
echo "== RPC (issue 2)"
"$build/tests/bench/bench_rpc"
echo "== Directory (issue 3): slapd with 100,000 users"
"$build/tests/bench/bench_directory"
echo "== Telephony -> e-mail (issue 4): 10,000 messages of 10 KB to smtp-sink, beside Postfix"
"$root/tests/bench/delivery.sh" "$build" 10000 10
echo "== Telephony -> e-mail (issue 11): the same, half of them voice messages with a 10 KB WAV"
"$root/tests/bench/delivery.sh" "$build" 10000 10 mixed
echo "== E-mail -> telephony (issue 12): smtp-source, 10 sessions, 10,000 mails of 10 KB, beside Postfix (hold queue)"
"$root/tests/bench/listener.sh" "$build" 10000 10
echo "== Console (issue 5): user table of 100,000 directory entries"
"$build/tests/bench/bench_console" 2>/dev/null
