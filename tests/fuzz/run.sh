#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the libFuzzer targets of tests/fuzz (see CMakeLists.txt there).
#   tests/fuzz/run.sh [--no-build] [SECONDS] [TARGET...]
# SECONDS per target (default 60); no TARGET = all. Builds build-fuzz/ (preset "fuzz", clang)
# first unless --no-build. Each target starts from its seed corpus and regressions; what it learns
# goes to build-fuzz/fuzz-corpus/TARGET (kept between runs), a crashing input to
# build-fuzz/fuzz-artifacts/TARGET/. Prints executions and executions/s per target; exits non-zero
# if any target found a crash, a leak, a timeout or ran out of memory.
#   FUZZ_TIMEOUT    seconds one input may take before it counts as a hang (default 20)
#   FUZZ_RSS_MB     memory limit per target in MiB (default 3072)
#   FUZZ_RUNS       also stop a target after this many executions (a long run: FUZZ_RUNS=10000000
#                   with SECONDS as the upper bound)
#   UMGATE_JOBS     parallel compile jobs (default: nproc)
#   ASAN_OPTIONS    default quarantine_size_mb=16:malloc_context_size=2: the full defaults spend most
#                   of fuzz_rpc's time recording allocation stacks (550 against 1,300 executions/s);
#                   a crash report still shows the whole stack of the crash. For a use-after-free,
#                   replay the artifact with ASAN_OPTIONS=malloc_context_size=30 to see where the
#                   memory was allocated and freed.
# A crash found: copy the artifact into tests/fuzz/regressions/TARGET/ (the normal test suite then
# runs it, see CMakeLists.txt), fix the engine, re-run.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT" || exit 1
BUILD="$ROOT/build-fuzz"
build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
SECONDS_PER_TARGET="${1:-60}"
[ $# -gt 0 ] && shift
if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" -lt 1 ]; then
  echo "run.sh: SECONDS must be a positive number, not '$SECONDS_PER_TARGET'" >&2
  exit 2
fi
TIMEOUT="${FUZZ_TIMEOUT:-20}"
RSS_MB="${FUZZ_RSS_MB:-3072}"
RUNS="${FUZZ_RUNS:--1}"
JOBS="${UMGATE_JOBS:-$(nproc)}"

# The one list of targets is tests/fuzz/CMakeLists.txt.
all_targets=$(sed -n '/^set(UMGATE_FUZZ_TARGETS/,/)/p' "$ROOT/tests/fuzz/CMakeLists.txt" |
  sed -e 's/set(UMGATE_FUZZ_TARGETS//' -e 's/)//' | tr -s ' \n' ' ')
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  read -r -a targets <<<"$all_targets"
fi

if [ $build -eq 1 ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake --preset fuzz "${launcher[@]}" >/dev/null || exit 1
  build_targets=()
  for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
  cmake --build "$BUILD" -j "$JOBS" --target "${build_targets[@]}" || exit 1
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16:malloc_context_size=2}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export QT_QPA_PLATFORM=offscreen
failed=0
report=()
for t in "${targets[@]}"; do
  exe="$BUILD/tests/fuzz/fuzz_$t"
  if [ ! -x "$exe" ]; then
    echo "run.sh: no target $t ($exe; targets: $all_targets)" >&2
    failed=$((failed + 1))
    report+=("$(printf '%-18s %s' "$t" "MISSING")")
    continue
  fi
  work="$BUILD/fuzz-corpus/$t"
  artifacts="$BUILD/fuzz-artifacts/$t"
  mkdir -p "$work" "$artifacts"
  seeds=("$ROOT/tests/fuzz/corpus/$t")
  [ -d "$ROOT/tests/fuzz/regressions/$t" ] && seeds+=("$ROOT/tests/fuzz/regressions/$t")
  log="$BUILD/fuzz-artifacts/$t.log"
  echo "==> fuzz $t for ${SECONDS_PER_TARGET} s"
  rc=0
  t0=$(date +%s)
  # New inputs go to the first folder (the work corpus); the seeds are only read.
  "$exe" -max_total_time="$SECONDS_PER_TARGET" -runs="$RUNS" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$work" "${seeds[@]}" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  execs=${execs:-0}
  elapsed=$(($(date +%s) - t0))
  rate=$((execs / (elapsed > 0 ? elapsed : 1)))
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  units=$(find "$work" -type f | wc -l)
  if [ $rc -eq 0 ]; then
    status=clean
  else
    status="FAILED (exit $rc, see $log)"
    failed=$((failed + 1))
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz invariant|.*runtime error)' "$log" | head -5
    find "$artifacts" -type f | head -5 | sed 's|^|  artifact: |'
  fi
  report+=("$(printf '%-18s %12s execs %9s/s  %-10s corpus %5s  %s' "$t" "$execs" "$rate" "${cov:-cov: ?}" "$units" "$status")")
done

echo
echo "==> fuzz results (${SECONDS_PER_TARGET} s per target, timeout ${TIMEOUT} s per input)"
printf '%s\n' "${report[@]}"
if [ $failed -gt 0 ]; then
  echo "run.sh: FAILED: $failed target(s) found a problem"
  exit 1
fi
echo "run.sh: all ${#targets[@]} targets clean"
