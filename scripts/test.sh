#!/usr/bin/env bash
# make test (and so CI, .ci/run): two builds, one run of the whole suite.
#
#   1. build/ (RelWithDebInfo, -O2, warnings as errors): every target, the
#      benchmarks too, so GCC's -O2-only warnings (maybe-uninitialized and kin)
#      stop the run; then its unit tests and fuzz replays (ctest -L unit).
#      `make run` serves from this build.
#   2. build-asan/ (ASan+UBSan, scripts/test-sanitize.sh asan): the whole suite
#      (unit, HTTP, browser, differential, fuzz replays, style); any sanitizer
#      report fails it. Its ctest summary is the last thing printed.
#
#   scripts/test.sh [BUILD]   BUILD: the plain build directory (default build)
#   WARMCITY_BUILD_LOCK=/tmp/x.lock scripts/test.sh   each build step holds
#                             that lock (scripts/locked.sh), for shared machines
# Times on a 2-core machine: bench/README.md, "Sanitizers".
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

start=$(date +%s)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
scripts/locked.sh cmake --build "$build"
echo "== plain: built in $(($(date +%s) - start)) s"
(cd "$build" && ctest -L unit --output-on-failure --timeout 600 -j1) || {
  echo "== plain: unit tests FAILED (above); the sanitizer run is skipped" >&2
  exit 1
}

exec scripts/test-sanitize.sh asan
