#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/README.md) in their own build directory
# with clang, then runs each for SECONDS (default 60), one at a time, and
# prints per target: seconds, execs, exec/s, coverage (cov/ft) and crashes.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 600 photos
# Environment:
#   FUZZ_BUILD       build directory (default build-fuzz)
#   FUZZ_BUILD_LOCK  a lock file the build step holds (flock), for machines
#                    where several people build at once
#   FUZZ_NICE        nice level of the fuzzers (default 10)
#   FUZZ_RUNS        stop a target after this many inputs, if that comes
#                    before SECONDS (e.g. 10000000 for the 10-million target)
# A target's growing corpus is kept in $FUZZ_BUILD/corpus/<target> (the
# committed seeds under fuzz/corpus/ are read, never written). A crash stops
# that target, leaves its input in $FUZZ_BUILD/crashes/<target>/, and makes
# the script exit 1 after the others ran; fix it, then copy the input into
# fuzz/regressions/<target>/ so that `make test` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-build-fuzz}
nice_level=${FUZZ_NICE:-10}
all_targets=(http_request json_bodies opening_hours import_files photos open311_form)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")

scripts/install-deps.sh --fuzz

# Every library instrumented for coverage (fuzzer-no-link) and checked by
# ASan and UBSan (WARMCITY_SANITIZE also makes UBSan findings fatal); only
# the targets link libFuzzer's main (fuzz/CMakeLists.txt). Warnings stay
# warnings: clang has its own, and this build is for finding crashes.
if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DWARMCITY_FUZZ=ON -DWARMCITY_SANITIZE=fuzzer-no-link,address,undefined \
    -DWARMCITY_WERROR=OFF >/dev/null
fi
build_cmd=(cmake --build "$build" -j 2 --target)
for t in "${targets[@]}"; do build_cmd+=("${t}_fuzz"); done
if [[ -n "${FUZZ_BUILD_LOCK:-}" ]]; then
  flock "$FUZZ_BUILD_LOCK" "${build_cmd[@]}"
else
  "${build_cmd[@]}"
fi

status=0
report=()
for t in "${targets[@]}"; do
  work="$build/corpus/$t"
  crashes="$build/crashes/$t"
  log="$build/logs/$t.log"
  mkdir -p "$work" "$crashes" "$(dirname "$log")"
  args=(-max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
    -artifact_prefix="$crashes/")
  [[ -n "${FUZZ_RUNS:-}" ]] && args+=(-runs="$FUZZ_RUNS")
  dict="fuzz/dict/$t.dict"
  [[ $t == json_bodies || $t == import_files ]] && dict=fuzz/dict/json.dict
  [[ -f "$dict" ]] && args+=(-dict="$dict")
  dirs=("$work" "fuzz/corpus/$t")
  [[ -d "fuzz/regressions/$t" ]] && dirs+=("fuzz/regressions/$t")
  echo "fuzz: $t for ${seconds}s (log: $log)"
  stamp="$build/logs/$t.start"
  touch "$stamp"
  rc=0
  nice -n "$nice_level" "$build/fuzz/${t}_fuzz" "${args[@]}" "${dirs[@]}" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  found=$(find "$crashes" -type f -newer "$stamp" | wc -l)
  if ((rc != 0)); then
    status=1
    echo "fuzz: $t FAILED (exit $rc); inputs in $crashes:"
    find "$crashes" -type f -newer "$stamp" | sed 's/^/  /'
    grep -m 3 -E 'ERROR: |invariant failed|runtime error' "$log" | sed 's/^/  /' || true
  fi
  report+=("$(printf '%-14s %8s %12s %9s %7s %8s %8s' "$t" "$seconds" "${execs:--}" \
    "${rate:--}" "${cov:--}" "${ft:--}" "$found")")
done

printf '\n%-14s %8s %12s %9s %7s %8s %8s\n' target seconds execs exec/s cov ft crashes
printf '%s\n' "${report[@]}"
exit "$status"
