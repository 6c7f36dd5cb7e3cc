#!/usr/bin/env bash
# Durable appeal submissions on both engines, side by side in one run (not
# part of `make test`): the demo district on a SQLite file and on a private
# PostgreSQL (scripts/test-postgres.sh: 127.0.0.1, fsync and
# synchronous_commit on), then 64 clients POST /api/v1/appeals for SECONDS
# each (post-appeal.lua: anonymous, no photo; 201 only once durable).
# Issue #14's target: >= 5,000 submissions/s on PostgreSQL on a 2-core machine.
# warmcity reaches the cluster through its Unix socket, as a PostgreSQL on the
# same machine should be (docs/scaling.md); PG_TCP=1 goes over TCP on 127.0.0.1.
# ROUNDS > 1 alternates the engines that many times, each round on fresh
# databases, and prints every round and the medians (runs on a shared VM
# differ by tens of percent back to back).
# WARMCITY_BIN=PATH runs that binary as it is instead of building BUILD_DIR's
# (a shared checkout builds through its lock, not from a bench script).
# Usage: [WARMCITY_BIN=PATH] bench/appeals/engines.sh [BUILD_DIR] [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=bench/appeals/serve-demo.sh
source bench/appeals/serve-demo.sh
BUILD=${1:-build}
SECS=${2:-10}
ROUNDS=${3:-1}
if [[ -n "${WARMCITY_BIN:-}" ]]; then
  BIN=$(realpath "$WARMCITY_BIN")
else
  BIN=$BUILD/src/app/warmcity
  cmake --build "$BUILD" --target warmcity >/dev/null
fi

DIR=$(mktemp -d /tmp/warmcity-engines-bench.XXXXXX)
chmod 755 "$DIR"
WC_PID=
cleanup() {
  [[ -n "$WC_PID" ]] && kill "$WC_PID" 2>/dev/null
  wait 2>/dev/null || true
  scripts/test-postgres.sh stop "$DIR/pg" >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

bench_cluster "$DIR/pg"
ADMIN_URL=$PG_ADMIN_URL
PG_URL=$PG_SOCKET_URL
PG_VIA='Unix socket'
if [[ -n "${PG_TCP:-}" ]]; then
  PG_URL=$PG_TCP_URL
  PG_VIA='TCP on 127.0.0.1'
fi

# run ENGINE DB: demo district, one server, 64 clients; prints "ENGINE REQ/S NON201 COUNT"
run() {
  local engine=$1 db=$2
  serve_demo "$BIN" "$db" "$DIR/data-$engine" "$DIR/$engine" "on $engine"
  local url=$SERVED_URL
  local via=
  [[ $engine == postgres ]] && via=" over $PG_VIA"
  echo "== $engine$via: wrk -t2 -c64 -d${SECS}s POST /api/v1/appeals (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  wrk -t2 -c64 -d"${SECS}s" -s bench/appeals/post-appeal.lua "$url" >"$DIR/wrk-$engine.txt"
  stop_served
  local rps non201 count
  read -r rps non201 <<<"$(wrk_figures "$DIR/wrk-$engine.txt")"
  if [[ $engine == sqlite ]]; then
    count=$(sqlite3 "$db" 'SELECT count(*) FROM appeals')
  else
    count=$(psql -At "$db" -c 'SELECT count(*) FROM appeals')
  fi
  echo "$engine $rps $non201 $count"
}

rows=()
for round in $(seq "$ROUNDS"); do
  rm -f "$DIR/bench.db" "$DIR/bench.db-wal" "$DIR/bench.db-shm"
  psql -q "$ADMIN_URL" -c 'DROP DATABASE IF EXISTS bench' -c 'CREATE DATABASE bench' >/dev/null
  rows+=("$round $(run sqlite "$DIR/bench.db")")
  rows+=("$round $(run postgres "$PG_URL")")
done
printf '\n%-6s %-10s %14s %8s %16s\n' round engine submissions/s non-201 appeals-stored
for line in "${rows[@]}"; do
  read -r k e r n c <<<"$line"
  printf '%-6s %-10s %14s %8s %16s\n' "$k" "$e" "$r" "$n" "$c"
done
printf '%s\n' "${rows[@]}" | python3 -c '
import statistics, sys
rates = {}
for line in sys.stdin:
    _, engine, rps, *_ = line.split()
    rates.setdefault(engine, []).append(float(rps))
lite, pg = statistics.median(rates["sqlite"]), statistics.median(rates["postgres"])
n = len(rates["sqlite"])
print(f"median of {n}: sqlite {lite:,.0f}/s, postgres {pg:,.0f}/s,"
      f" PostgreSQL / SQLite: {pg / lite:.2f}")
'
