#!/usr/bin/env bash
# Two warmcity servers on one PostgreSQL database (issue #14), in one run (not
# part of `make test`): the demo district on a private PostgreSQL
# (scripts/test-postgres.sh: 127.0.0.1, fsync on), servers A and B on it, and
# nginx in front (bench/http/nginx-instances.conf.in).
#  1. GET /api/v1/facilities/nearby at 4,096 points in turn
#     (nearby-points.lua; wrk -t2 -c64): A direct, A behind nginx, A and B
#     behind nginx (round-robin), ROUNDS rounds side by side; medians.
#  2. Change-to-visible latency: COUNT changes of a facility made on A, each
#     timed from A's answer until B's nearby answer shows it
#     (change-latency.mjs): median, p90, max.
# Usage: [ROUNDS=3] [COUNT=1000] [NO_BUILD=1] bench/http/instances.sh [BUILD_DIR] [SECONDS]
#   NO_BUILD=1: run BUILD_DIR's warmcity as it is (built beforehand)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SECS=${2:-10}
ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-1000}
BIN=$BUILD/src/app/warmcity
scripts/install-deps.sh --bench
[[ -n ${NO_BUILD:-} ]] || cmake --build "$BUILD" --target warmcity >/dev/null

DIR=$(mktemp -d /tmp/warmcity-instances-bench.XXXXXX)
chmod 755 "$DIR"  # nginx's worker (nobody, when run as root) reaches its temp paths
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/test-postgres.sh stop "$DIR/pg" >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

ADMIN_URL=$(scripts/test-postgres.sh start "$DIR/pg")
PG_URL=${ADMIN_URL%/*}/bench
psql -q "$ADMIN_URL" -c 'CREATE DATABASE bench' >/dev/null
mkdir -p "$DIR/data"
"$BIN" demo --db "$PG_URL" --data-dir "$DIR/data" --password-cost minimum >/dev/null 2>"$DIR/demo.txt" ||
  { cat "$DIR/demo.txt" >&2; exit 1; }
"$BIN" user --db "$PG_URL" --data-dir "$DIR/data" add --username bench --role admin \
  --password-cost minimum <<<"bench-pass-1" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_warmcity() {  # $1: name; sets WC_URL (not in a subshell: PIDS must keep its pid)
  local name=$1
  mkdir -p "$DIR/data-$name"
  "$BIN" serve --db "$PG_URL" --data-dir "$DIR/data-$name" --photo-dir "$DIR/data/photos" \
    --listen 127.0.0.1 --port 0 --trusted-proxy 127.0.0.1 --access-log off --log-level warn \
    --password-cost minimum >"$DIR/out-$name.txt" 2>"$DIR/err-$name.txt" &
  PIDS+=($!)
  for _ in $(seq 100); do
    WC_URL=$(grep -o 'http://[0-9.:]*' "$DIR/out-$name.txt" 2>/dev/null || true)
    [[ -n "$WC_URL" ]] && return 0
    sleep 0.1
  done
  echo "warmcity $name did not start:" >&2; cat "$DIR/err-$name.txt" >&2; exit 1
}
start_warmcity a
A=$WC_URL
start_warmcity b
B=$WC_URL

PORT_ONE=$(free_port)
PORT_TWO=$(free_port)
sed -e "s|@DIR@|$DIR|g" -e "s|@WORKERS@|$(nproc)|g" -e "s|@PORT_ONE@|$PORT_ONE|g" \
  -e "s|@PORT_TWO@|$PORT_TWO|g" -e "s|@A@|${A#http://}|g" -e "s|@B@|${B#http://}|g" \
  bench/http/nginx-instances.conf.in >"$DIR/nginx.conf"
nginx -c "$DIR/nginx.conf" -p "$DIR" -e "$DIR/nginx-error.log" &
PIDS+=($!)
ONE=http://127.0.0.1:$PORT_ONE
TWO=http://127.0.0.1:$PORT_TWO

NEARBY="/api/v1/facilities/nearby?lat=37.5251&lon=111.1402&kind=love_station&open_now=true&limit=10"
for _ in $(seq 50); do curl -sf -o /dev/null "$TWO$NEARBY" && break; sleep 0.1; done
for url in "$A" "$ONE" "$TWO"; do
  code=$(curl -s -o "$DIR/probe" -w '%{http_code}' "$url$NEARBY")
  [[ $code == 200 ]] || { echo "$url$NEARBY answered $code, not 200" >&2; exit 1; }
  [[ $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$DIR/probe") -gt 0 ]] ||
    { echo "$url$NEARBY: no facility near the district centre (is the demo district there?)" >&2; exit 1; }
done

rps() { awk '/Requests\/sec/ {print $2}'; }
median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
echo "== 1. GET /api/v1/facilities/nearby at 4,096 points (nearby-points.lua), wrk -t2 -c64 -d${SECS}s, $(nproc) cores"
declare -A runs=()
names=(direct nginx-one nginx-two)
declare -A target=([direct]=$A [nginx-one]=$ONE [nginx-two]=$TWO)
for round in $(seq "$ROUNDS"); do
  line="  round $round:"
  for n in "${names[@]}"; do
    out=$DIR/wrk-$n-$round.txt
    wrk -t2 -c64 -d"${SECS}s" -s bench/http/nearby-points.lua "${target[$n]}" >"$out"
    grep -q 'Non-2xx' "$out" && { echo "$n: non-2xx answers:" >&2; cat "$out" >&2; exit 1; }
    r=$(rps <"$out")
    runs[$n]="${runs[$n]:-} $r"
    line+=" $n $r req/s;"
  done
  echo "$line"
done
for n in "${names[@]}"; do
  # shellcheck disable=SC2086  # the rounds' figures, one word each
  printf '  %-10s median %s req/s\n' "$n" "$(median ${runs[$n]})"
done
echo "  (direct: one server; nginx-one: one server behind nginx; nginx-two: two servers behind nginx, round-robin)"

echo "== 2. change-to-visible latency: $COUNT changes made on A, each polled on B until shown"
TOKEN=$(curl -s -H 'content-type: application/json' -d '{"username":"bench","password":"bench-pass-1"}' \
  "$A/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
node bench/http/change-latency.mjs "$A" "$B" "$TOKEN" "$COUNT"
