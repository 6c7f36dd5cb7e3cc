#!/usr/bin/env bash
# Durable appeal submissions on both engines, side by side in one run (not
# part of `make test`): the demo district on a SQLite file and on a private
# PostgreSQL (scripts/test-postgres.sh: 127.0.0.1, fsync and
# synchronous_commit on), then 64 clients POST /api/v1/appeals for SECONDS
# each (post-appeal.lua: anonymous, no photo; 201 only once durable).
# Issue #14's target: >= 5,000 submissions/s on PostgreSQL on a 2-core machine.
# Usage: bench/appeals/engines.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SECS=${2:-10}
BIN=$BUILD/src/app/warmcity
cmake --build "$BUILD" --target warmcity >/dev/null

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

ADMIN_URL=$(scripts/test-postgres.sh start "$DIR/pg")
PG_URL=${ADMIN_URL%/*}/bench
psql -q "$ADMIN_URL" -c 'CREATE DATABASE bench' >/dev/null

# run ENGINE DB: demo district, one server, 64 clients; prints "ENGINE REQ/S NON201 COUNT"
run() {
  local engine=$1 db=$2 data=$DIR/data-$1
  mkdir -p "$data"
  "$BIN" demo --db "$db" --data-dir "$data" >/dev/null
  "$BIN" serve --db "$db" --data-dir "$data" --listen 127.0.0.1 --port 0 --access-log off \
    --log-level warn --anonymous-writes-per-minute 0 \
    --anonymous-writes-per-minute-per-network 0 >"$DIR/out-$engine.txt" 2>"$DIR/err-$engine.txt" &
  WC_PID=$!
  local url=
  for _ in $(seq 100); do
    url=$(grep -o 'http://[0-9.:]*' "$DIR/out-$engine.txt" 2>/dev/null || true)
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  [[ -n "$url" ]] || { echo "warmcity on $engine did not start:" >&2; cat "$DIR/err-$engine.txt" >&2; exit 1; }
  echo "== $engine: wrk -t2 -c64 -d${SECS}s POST /api/v1/appeals" >&2
  wrk -t2 -c64 -d"${SECS}s" -s bench/appeals/post-appeal.lua "$url" >"$DIR/wrk-$engine.txt"
  kill "$WC_PID"
  wait "$WC_PID" 2>/dev/null || true
  WC_PID=
  local rps non201 count
  rps=$(awk '/Requests\/sec/ {print $2}' "$DIR/wrk-$engine.txt")
  non201=$(awk -F': ' '/non-201/ {s += $2} END {print s + 0}' "$DIR/wrk-$engine.txt")
  if [[ $engine == sqlite ]]; then
    count=$(sqlite3 "$db" 'SELECT count(*) FROM appeals')
  else
    count=$(psql -At "$db" -c 'SELECT count(*) FROM appeals')
  fi
  echo "$engine $rps $non201 $count"
}

lite=$(run sqlite "$DIR/bench.db")
pg=$(run postgres "$PG_URL")
printf '\n%-10s %14s %8s %16s\n' engine submissions/s non-201 appeals-stored
for line in "$lite" "$pg"; do
  read -r e r n c <<<"$line"
  printf '%-10s %14s %8s %16s\n' "$e" "$r" "$n" "$c"
done
python3 - "$lite" "$pg" <<'PY'
import sys
lite = float(sys.argv[1].split()[1]); pg = float(sys.argv[2].split()[1])
print(f"PostgreSQL / SQLite: {pg / lite:.2f}")
PY
