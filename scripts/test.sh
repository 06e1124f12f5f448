#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Second command of the README: install the test dependencies (the real servers the fixtures
# start), build and run the whole suite in build/, then build the engine tests (label "engine",
# target umgate_engine_tests) with AddressSanitizer and UndefinedBehaviorSanitizer in build-asan/
# and run them there, then the engine unit tests labelled "tsan" with ThreadSanitizer in
# build-tsan/, then build the libFuzzer targets with clang in build-fuzz/ and fuzz each for
# FUZZ_SECONDS (default 15).
# Every step runs even if an earlier one failed, so one run shows everything that is broken; the
# exit status is non-zero if any step failed. The last line is a one-line summary.
#   CTEST_PARALLEL_LEVEL  parallel tests (default 2)      UMGATE_JOBS  parallel compile jobs (default: nproc)
#   FUZZ_SECONDS          seconds per fuzz target (default 15)
set -uo pipefail # no -e: a failed step is recorded, not fatal

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
JOBS="${UMGATE_JOBS:-$(nproc)}"
export CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-2}"

t_start=$(date +%s)
results=()
failed=0
skipped=0

# step NAME COMMAND...  runs COMMAND, records "ok"/"FAILED" with the time it took, returns its status.
step() {
  local name=$1 rc=0 t0
  shift
  t0=$(date +%s)
  echo
  echo "==> test.sh: $name"
  "$@" || rc=$?
  local dt=$(($(date +%s) - t0))
  if [ $rc -eq 0 ]; then
    results+=("  ok       $name (${dt} s)")
  else
    results+=("  FAILED   $name (exit $rc, ${dt} s)")
    failed=$((failed + 1))
  fi
  return $rc
}
skip() {
  results+=("  skipped  $1 (an earlier step failed)")
  skipped=$((skipped + 1))
}

# sanitizer_build DIR PRESET TARGET LABEL WHAT  configures PRESET with the tests on, builds TARGET
# in DIR and runs the tests labelled LABEL there; each part is a step, skipped after a failure.
sanitizer_build() {
  local dir=$1 preset=$2 target=$3 label=$4 what=$5
  local run="ctest $dir/ (label $label, $what)"
  if ! step "configure $dir/" cmake --preset "$preset" -DUMGATE_BUILD_TESTS=ON; then
    skip "build $dir/"
    skip "$run"
    return
  fi
  if ! step "build $dir/" cmake --build "$dir" -j "$JOBS" --target "$target"; then
    skip "$run"
    return
  fi
  step "$run" ctest --test-dir "$dir" -L "$label" --output-on-failure --no-tests=error -j "$CTEST_PARALLEL_LEVEL"
}

# LeakSanitizer stops the world with ptrace; where that is not allowed (some containers, running
# under a debugger) every instrumented program would die at exit. Detect it once, up front.
lsan_works() {
  local d rc=0
  d=$(mktemp -d) || return 1
  printf 'int main() { return 0; }\n' >"$d/probe.cpp"
  if "${CXX:-c++}" -fsanitize=address "$d/probe.cpp" -o "$d/probe" 2>/dev/null; then
    ASAN_OPTIONS=detect_leaks=1 "$d/probe" >/dev/null 2>&1 || rc=1
  else
    rc=1
  fi
  rm -rf "$d"
  return $rc
}

echo "test.sh: $(cmake --version | head -1), $("${CXX:-c++}" --version 2>/dev/null | head -1), $(nproc) cores," \
  "compile jobs $JOBS, test jobs $CTEST_PARALLEL_LEVEL${CI:+, CI}"

step "install test dependencies" scripts/install-deps.sh --test

# Normal build: the same build/ as scripts/run.sh, with the tests switched on.
if step "configure build/" cmake --preset default -DUMGATE_BUILD_TESTS=ON; then
  if step "build build/" cmake --build build -j "$JOBS"; then
    step "ctest build/ (all tests)" \
      ctest --test-dir build --output-on-failure --no-tests=error -j "$CTEST_PARALLEL_LEVEL"
  else
    skip "ctest build/ (all tests)"
  fi
else
  skip "build build/"
  skip "ctest build/ (all tests)"
fi

# Sanitizer build: engine tests only (the console is off in this preset).
leaks=1
if ! lsan_works; then
  leaks=0
  echo "test.sh: WARNING: LeakSanitizer cannot run here (ptrace not permitted?); leak checks are off"
  results+=("  note     LeakSanitizer unavailable here, ran with detect_leaks=0")
fi
# Values the caller already set come last and so win.
export ASAN_OPTIONS="detect_leaks=$leaks${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
sanitizer_build build-asan asan umgate_engine_tests engine "ASan+UBSan"

# ThreadSanitizer build: the engine unit tests labelled "tsan" (target umgate_unit_tests, the
# console is off in this preset), with tests/tsan.supp for the reports that are Qt's own (the
# tests' TSAN_OPTIONS are set in tests/CMakeLists.txt). Not together with ASan (one sanitizer per
# binary), so a build of its own in build-tsan/.
sanitizer_build build-tsan tsan umgate_unit_tests tsan ThreadSanitizer

# Fuzzing: the libFuzzer targets of tests/fuzz (clang, ASan/UBSan, build-fuzz/), FUZZ_SECONDS each
# (default 15: ten targets keep the step under 3 minutes, which leaves the ThreadSanitizer step room
# in CI's 45 minutes). Any crash, leak or hang fails the step;
# the input is in build-fuzz/fuzz-artifacts/. Long runs: tests/fuzz/run.sh SECONDS.
FUZZ_SECONDS="${FUZZ_SECONDS:-15}"
if step "configure build-fuzz/" cmake --preset fuzz; then
  if step "build build-fuzz/" cmake --build build-fuzz -j "$JOBS" --target fuzz_all; then
    step "fuzz targets (${FUZZ_SECONDS} s each)" tests/fuzz/run.sh --no-build "$FUZZ_SECONDS"
  else
    skip "fuzz targets (${FUZZ_SECONDS} s each)"
  fi
else
  skip "build build-fuzz/"
  skip "fuzz targets (${FUZZ_SECONDS} s each)"
fi

total=$(($(date +%s) - t_start))
echo
echo "==> test.sh: results"
printf '%s\n' "${results[@]}"
if [ $failed -eq 0 ] && [ $skipped -eq 0 ]; then
  echo "test.sh: PASSED: all steps succeeded in ${total} s"
  exit 0
fi
echo "test.sh: FAILED: $failed step(s) failed, $skipped skipped, in ${total} s"
exit 1
