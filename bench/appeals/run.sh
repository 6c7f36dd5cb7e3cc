#!/usr/bin/env bash
# Appeals benchmark (not part of `make test`):
#  1. seeds 100,000 appeals (seed.sql) into a fresh database,
#  2. durable submissions/s: 64 clients POST /api/v1/appeals (post-appeal.lua),
#  3. the supervision list's latency (get-supervision.lua), 1 and 16 clients,
#     with wrk --latency (p50 / p99).
# Targets: >= 5,000 submissions/s; supervision p99 <= 10 ms.
# Usage: bench/appeals/run.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SECS=${2:-10}
BIN=$BUILD/src/app/warmcity
cmake --build "$BUILD" --target warmcity >/dev/null

DIR=$(mktemp -d /tmp/warmcity-appeals-bench.XXXXXX)
WC_PID=
cleanup() { [[ -n "$WC_PID" ]] && kill "$WC_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
DB=$DIR/appeals.db

echo bench-admin-pass-1 | "$BIN" user --db "$DB" add --username admin --role admin \
  --password-cost minimum >/dev/null
sqlite3 "$DB" "INSERT INTO appeal_categories (code, name_zh, name_en, response_hours,
  resolution_days, attributes, created_at, updated_at) VALUES ('roads', '道路设施', 'Roads', 24, 10,
  '[{\"code\":\"problem\",\"datatype\":\"singlevaluelist\",\"required\":true,\"order\":1,
  \"description\":\"道路问题\",\"values\":[{\"key\":\"pothole\",\"name\":\"坑洼破损\"}]}]', 0, 0);"
start=$(date +%s.%N)
sqlite3 "$DB" <bench/appeals/seed.sql
echo "seeded $(sqlite3 "$DB" 'SELECT count(*) FROM appeals') appeals in" \
  "$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')") s;" \
  "$(sqlite3 "$DB" "SELECT count(*) FROM appeals WHERE due_at IS NOT NULL AND nearly_at <= strftime('%s','now')")" \
  "on the supervision list"

"$BIN" serve --db "$DB" --listen 127.0.0.1 --port 0 --access-log off --log-level warn \
  --password-cost minimum >"$DIR/out.txt" 2>"$DIR/err.txt" &
WC_PID=$!
for _ in $(seq 100); do
  URL=$(grep -o 'http://[0-9.:]*' "$DIR/out.txt" 2>/dev/null || true)
  [[ -n "$URL" ]] && break
  sleep 0.1
done
[[ -n "$URL" ]] || { echo "warmcity did not start" >&2; exit 1; }
TOKEN=$(curl -s -H 'content-type: application/json' -d '{"username":"admin","password":"bench-admin-pass-1"}' \
  "$URL/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

echo "== durable submissions: wrk -t2 -c64 -d${SECS}s POST /api/v1/appeals"
wrk -t2 -c64 -d"${SECS}s" -s bench/appeals/post-appeal.lua "$URL" | tee "$DIR/post.txt" |
  grep -E 'Requests/sec|Latency|non-201'
echo "appeals now: $(sqlite3 "$DB" 'SELECT count(*) FROM appeals')"

for c in 1 16; do
  echo "== supervision list: wrk -t1 -c$c -d${SECS}s --latency GET /api/v1/appeals/supervision?limit=50"
  WARMCITY_TOKEN=$TOKEN wrk -t1 -c"$c" -d"${SECS}s" --latency -s bench/appeals/get-supervision.lua \
    "$URL" | grep -E 'Requests/sec| 50%| 99%|non-200'
done
