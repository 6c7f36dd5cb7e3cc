#!/usr/bin/env bash
# HTTP benchmarks on loopback, side by side in one run:
#  1. GET /api/v1/health from warmcity vs. nginx serving the same bytes.
#  2. Durable writes: 64 clients POSTing feedback, group commit vs. one commit
#     per request (--writer-max-batch 1), both with synchronous=FULL.
#  3. GET /api/v1/facilities/nearby (kind, open now, 10 results) on a server
#     holding NEARBY_COUNT synthetic facilities (default 100000; written by
#     facilities_gen) vs. nginx serving that answer's bytes as a file; once at
#     one point, once at 4,096 points in turn (nearby-points.lua).
# Usage: [ROUNDS=3] [NEARBY_COUNT=100000] bench/http/compare.sh [BUILD_DIR] [SECONDS] [SECTIONS]
#   SECTIONS: comma-separated subset of health,writes,nearby (default: all)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SECS=${2:-10}
SECTIONS=",${3:-health,writes,nearby},"
NEARBY_COUNT=${NEARBY_COUNT:-100000}
ROUNDS=${ROUNDS:-3}  # side-by-side rounds per comparison
BIN=$BUILD/src/app/warmcity
scripts/install-deps.sh --bench
cmake --build "$BUILD" --target warmcity facilities_gen >/dev/null

DIR=$(mktemp -d /tmp/warmcity-bench.XXXXXX)
chmod 755 "$DIR"  # nginx's workers run as another user and must read www/
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_warmcity() {  # $1: db, rest: extra args; sets WC_PID, WC_URL
  local db=$1; shift
  "$BIN" serve --db "$db" --listen 127.0.0.1 --port 0 --access-log "$DIR/access-$(basename "$db").log" \
    --log-level warn "$@" >"$DIR/out-$(basename "$db").txt" 2>"$DIR/err-$(basename "$db").txt" &
  WC_PID=$!
  PIDS+=("$WC_PID")
  for _ in $(seq 100); do
    WC_URL=$(grep -o 'http://[0-9.:]*' "$DIR/out-$(basename "$db").txt" 2>/dev/null || true)
    [[ -n "$WC_URL" ]] && return 0
    sleep 0.1
  done
  echo "warmcity did not start" >&2; exit 1
}

rps() { awk '/Requests\/sec/ {print $2}'; }
ratio() { python3 -c "print(f'{float($1)/float($2):.2f}')"; }

NGINX_PORT=""
start_nginx() {  # once; serves $DIR/www
  [[ -n "$NGINX_PORT" ]] && return 0
  NGINX_PORT=$(free_port)
  sed -e "s|@DIR@|$DIR|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@WORKERS@|$(nproc)|g" \
    bench/http/nginx.conf.in >"$DIR/nginx.conf"
  nginx -c "$DIR/nginx.conf" -p "$DIR" &
  PIDS+=($!)
  sleep 0.5
}

# wrk against warmcity, then nginx, at the same path, ROUNDS times in turn
# (a VM's neighbours come and go: alternating rounds meet the same noise):
# prints every round, the medians and their ratio.
median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
side_by_side() {  # $1: path and query, $2: name, $3: target ratio, $4: optional wrk script
  for url in "$WC_URL$1" "http://127.0.0.1:$NGINX_PORT$1"; do
    code=$(curl -s -o "$DIR/probe" -w '%{http_code}' "$url")
    [[ $code == 200 ]] || { echo "$url answered $code, not 200" >&2; exit 1; }
    echo "$url: 200, $(wc -c <"$DIR/probe") bytes"
  done
  local wcs=() ngs=() script=()
  [[ -n ${4:-} ]] && script=(-s "$4")
  for round in $(seq "$ROUNDS"); do
    WC=$(wrk -t2 -c64 -d"${SECS}s" "${script[@]}" "$WC_URL$1" | tee "$DIR/wrk-wc-$2-$round.txt" | rps)
    NG=$(wrk -t2 -c64 -d"${SECS}s" "${script[@]}" "http://127.0.0.1:$NGINX_PORT$1" | tee "$DIR/wrk-ng-$2-$round.txt" | rps)
    grep -h 'Non-2xx' "$DIR/wrk-wc-$2-$round.txt" "$DIR/wrk-ng-$2-$round.txt" &&
      { echo "non-2xx answers: not comparable" >&2; exit 1; }
    echo "  round $round: warmcity $WC req/s, nginx $NG req/s, ratio $(ratio "$WC" "$NG")"
    wcs+=("$WC"); ngs+=("$NG")
  done
  WC=$(median "${wcs[@]}"); NG=$(median "${ngs[@]}")
  echo "warmcity: $WC req/s   nginx: $NG req/s   ratio of medians: $(ratio "$WC" "$NG") (target >= $3)"
}

if [[ $SECTIONS == *,health,* ]]; then
  echo "== 1. GET /api/v1/health: warmcity vs nginx (wrk -t2 -c64 -d${SECS}s, loopback, 2 cores)"
  start_warmcity "$DIR/health.db"
  mkdir -p "$DIR/www/api/v1"
  curl -s "$WC_URL/api/v1/health" >"$DIR/www/api/v1/health"
  start_nginx
  side_by_side /api/v1/health health 0.8
  kill "$WC_PID"
fi

if [[ $SECTIONS == *,writes,* ]]; then
  echo "== 2. durable writes: 64 clients POST /api/v1/feedback, synchronous=FULL (wrk -t2 -c64 -d${SECS}s)"
  for mode in group single; do
    db="$DIR/writes-$mode.db"
    "$BIN" user --db "$db" add --username bench --role resident --password-cost minimum <<<"bench-pass-1" >/dev/null
    extra=()
    [[ $mode == single ]] && extra=(--writer-max-batch 1)
    start_warmcity "$db" --password-cost minimum "${extra[@]}"
    TOKEN=$(curl -s -H 'content-type: application/json' -d '{"username":"bench","password":"bench-pass-1"}' \
      "$WC_URL/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    R=$(WARMCITY_TOKEN=$TOKEN wrk -t2 -c64 -d"${SECS}s" -s bench/http/post-feedback.lua "$WC_URL" \
      | tee "$DIR/wrk-$mode.txt" | rps)
    grep -h 'non-201' "$DIR/wrk-$mode.txt" | head -1
    echo "$mode commit: $R acknowledged writes/s"
    declare "W_$mode=$R"
    kill "$WC_PID"; sleep 0.3
  done
  echo "group commit / one commit per request: $(ratio "$W_group" "$W_single")x (target >= 10000 writes/s with group commit)"
fi

if [[ $SECTIONS == *,nearby,* ]]; then
  NEARBY="/api/v1/facilities/nearby?lat=37.5251&lon=111.1402&kind=love_station&open_now=true&limit=10"
  echo "== 3. GET $NEARBY"
  echo "   on $NEARBY_COUNT synthetic facilities vs nginx serving the same bytes (wrk -t2 -c64 -d${SECS}s)"
  "$BUILD/bench/facilities/facilities_gen" --count "$NEARBY_COUNT" --db "$DIR/nearby.db"
  start_warmcity "$DIR/nearby.db"
  mkdir -p "$DIR/www/api/v1/facilities"
  curl -s "$WC_URL$NEARBY" >"$DIR/www/api/v1/facilities/nearby"
  grep -q '"items":\[{' "$DIR/www/api/v1/facilities/nearby" || { echo "nearby found nothing" >&2; exit 1; }
  start_nginx
  side_by_side "$NEARBY" nearby 0.7
  echo "== 3b. the same at 4,096 points in turn (bench/http/nearby-points.lua); nginx answers"
  echo "   every point with the one file (it ignores the query), warmcity walks the index anew"
  side_by_side "$NEARBY" nearby-points 0.7 bench/http/nearby-points.lua
  kill "$WC_PID"
fi
echo "machine load: $(uptime | sed 's/.*load average/load average/')"
echo "raw wrk output: $DIR"
trap - EXIT; cleanup
