#!/usr/bin/env bash
# make test (and so CI, .ci/run): two builds, one run of the whole suite.
#
#   1. build/ (RelWithDebInfo, -O2, warnings as errors): the `shipped` target,
#      the server and the benchmarks, so GCC's -O2-only warnings
#      (maybe-uninitialized and kin) stop the run. `make run` serves from this
#      build. The tests are not compiled here: they are compiled, and run, once,
#      in the sanitizer build.
#   2. build-asan/ (ASan+UBSan, scripts/test-sanitize.sh asan): every target and
#      the whole suite (unit, HTTP on both engines, browser, differential, fuzz
#      replays, style), two tests at a time (CTEST_JOBS, default 2: the suite
#      waits on servers and Chromium more than on the CPU); any sanitizer report
#      fails it. Its ctest summary is the last thing printed.
#
#   scripts/test.sh [BUILD]   BUILD: the plain build directory (default build)
#   CTEST_JOBS=1 scripts/test.sh   one test at a time
#   WARMCITY_BUILD_LOCK=/tmp/x.lock scripts/test.sh   each build step holds
#                             that lock (scripts/locked.sh), for shared machines
# Times on a 2-core machine: bench/README.md, "Sanitizers".
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

start=$(date +%s)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
scripts/locked.sh cmake --build "$build" --target shipped
echo "== plain: the server and the benchmarks built in $(($(date +%s) - start)) s"

CTEST_JOBS=${CTEST_JOBS:-2} exec scripts/test-sanitize.sh asan
