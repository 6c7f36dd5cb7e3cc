#!/usr/bin/env bash
# make test-sanitize: the whole suite (unit, HTTP, browser, differential, fuzz
# replays, style) under AddressSanitizer + UndefinedBehaviorSanitizer in
# build-asan/, then under ThreadSanitizer in build-tsan/. Each build directory
# is its own configuration (-DWARMCITY_SANITIZE=...): RelWithDebInfo at -O1
# (WARMCITY_SANITIZE_OPT), the unit tests' own files at -O0
# (WARMCITY_SANITIZE_TEST_OPT), without the benchmarks (WARMCITY_BENCHMARKS=OFF),
# compiled through ccache. `make test` (scripts/test.sh) runs the asan one.
#
#   scripts/test-sanitize.sh            both, ASan+UBSan first
#   scripts/test-sanitize.sh asan       ASan+UBSan only (what CI runs)
#   scripts/test-sanitize.sh tsan       TSan only
#   JOBS=4 CTEST_JOBS=2 scripts/test-sanitize.sh   more compile / test processes
#   WARMCITY_BUILD_LOCK=/tmp/x.lock ...  the build step holds that lock
#                                        (scripts/locked.sh), for shared machines
#
# Any report fails the run: the runtime options below stop a process at its first
# report (a unit test fails with it; a CLI run exits non-zero), and an HTTP or
# browser test fails when the server it started wrote one to stderr
# (tests/http/lib/server.mjs). Suppressions are for third-party code only, one
# commented line each, in tests/sanitizers/*.supp.
# Output: "== <name>: built in N s" before each suite; with one suite, ctest's
# own summary is the last thing printed. Exit status: 0 when every chosen suite
# passed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
supp="$root/tests/sanitizers"
jobs=${JOBS:-2}
ctest_jobs=${CTEST_JOBS:-1}
which=${1:-all}

case "$which" in
  all) suites=(asan tsan) ;;
  asan | tsan) suites=("$which") ;;
  *) echo "usage: $0 [all|asan|tsan]" >&2; exit 2 ;;
esac

# Options every process of the run inherits (ctest → node → warmcity, too).
# halt_on_error: the first report ends the process; exitcode=86 (TSan: 66) is
# one no warmcity command uses, so a test that expects a command to fail with
# status 1 does not pass on a report; print_stacktrace: UBSan reports say
# where they came from.
# A suppressions file (tests/sanitizers/<tool>.supp: third-party code only, a
# comment on every line) is passed when it exists; today only tsan.supp (libstdc++ 12's atomic<shared_ptr>).
with_supp() { [[ -f "$supp/$2.supp" ]] && echo "$1:suppressions=$supp/$2.supp" || echo "$1"; }
export ASAN_OPTIONS=$(with_supp "halt_on_error=1:exitcode=86:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:strict_string_checks=1" asan)
export LSAN_OPTIONS=$(with_supp "print_suppressions=0" lsan)
export UBSAN_OPTIONS=$(with_supp "halt_on_error=1:exitcode=86:print_stacktrace=1" ubsan)
export TSAN_OPTIONS=$(with_supp "halt_on_error=1:second_deadlock_stack=1" tsan)

declare -A result
run_suite() {
  local name=$1 sanitize=$2 dir="$root/build-$1"
  local start
  echo "== $name: configure and build $dir (-DWARMCITY_SANITIZE=$sanitize)"
  start=$(date +%s)
  cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DWARMCITY_SANITIZE="$sanitize" -DWARMCITY_SANITIZE_OPT=-O1 -DWARMCITY_SANITIZE_TEST_OPT=-O0 \
    -DWARMCITY_BENCHMARKS=OFF >/dev/null
  scripts/locked.sh nice -n 10 cmake --build "$dir" -j "$jobs"
  echo "== $name: built in $(($(date +%s) - start)) s; the suite's time is ctest's \"Total Test time\""
  local status=0
  (cd "$dir" && ctest --output-on-failure --timeout 600 -j "$ctest_jobs") || status=$?
  result[$name]=$status
}

for s in "${suites[@]}"; do
  case "$s" in
    asan) run_suite asan address,undefined ;;
    tsan) run_suite tsan thread ;;
  esac
done

failed=0
for s in "${suites[@]}"; do
  [[ ${result[$s]} -eq 0 ]] || failed=1
  if ((${#suites[@]} > 1)); then
    if [[ ${result[$s]} -eq 0 ]]; then echo "== $s: passed"; else echo "== $s: FAILED"; fi
  fi
done
exit $failed
