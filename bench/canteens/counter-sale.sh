#!/usr/bin/env bash
# Canteen counter benchmark (not part of `make test`): a fresh demo district
# (SQLite), its 生态园 canteen's cashier rings up counter lunches by card —
# 16 clients POST …/orders for 36 elders' cards (counter-sale.lua), each a
# durable write job (order, lines, event, audit row) priced by the subsidy
# engine. Reports wrk --latency (p50 / p99). Target: p99 <= 5 ms at 16 clients.
# PACE_MS (default 0: back to back) is each client's wait between an answer
# and its next sale — 16 tills at a lunch rush rather than 16 loops.
# BENCH_DIR (default /tmp) holds the database: /dev/shm to take the disk out.
# FIRST_MEALS=N adds N elders with cards first (more-elders.py) and rings
# them up in turn instead of the demo's 36: while N lasts, every sale is an
# elder's first meal of the slot — subsidised, her month's sums and the
# subsidy rules read — rather than a second one at full price.
# Usage: [PACE_MS=N] [BENCH_DIR=DIR] [FIRST_MEALS=N] bench/canteens/counter-sale.sh [BUILD_DIR] [SECONDS] [CLIENTS (16)]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SECS=${2:-10}
CLIENTS=${3:-16}
THREADS=$((CLIENTS < 2 ? 1 : 2))
BIN=$BUILD/src/app/warmcity
[[ -x "$BIN" ]] || { echo "build $BIN first" >&2; exit 1; }

DIR=$(mktemp -d "${BENCH_DIR:-/tmp}/warmcity-counter-bench.XXXXXX")
WC_PID=
cleanup() { [[ -n "$WC_PID" ]] && kill "$WC_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
DB=$DIR/demo.db
mkdir -p "$DIR/data"
"$BIN" demo --db "$DB" --data-dir "$DIR/data" --password-cost minimum >"$DIR/demo.txt" 2>&1 ||
  { cat "$DIR/demo.txt" >&2; exit 1; }
# The cards file is only ever this run's (an inherited WARMCITY_CARDS_FILE is not used).
export WARMCITY_CARDS_FILE=
if [[ -n "${FIRST_MEALS:-}" ]]; then
  WARMCITY_CARDS_FILE=$DIR/cards.txt
  python3 bench/canteens/more-elders.py "$DB" "$FIRST_MEALS" "$WARMCITY_CARDS_FILE"
fi

"$BIN" serve --db "$DB" --data-dir "$DIR/data" --listen 127.0.0.1 --port 0 --access-log off \
  --log-level warn --password-cost minimum >"$DIR/out.txt" 2>"$DIR/err.txt" &
WC_PID=$!
URL=
for _ in $(seq 100); do
  URL=$(grep -o 'http://[0-9.:]*' "$DIR/out.txt" 2>/dev/null || true)
  [[ -n "$URL" ]] && break
  sleep 0.1
done
[[ -n "$URL" ]] || { echo "warmcity did not start" >&2; cat "$DIR/err.txt" >&2; exit 1; }

export WARMCITY_TOKEN
WARMCITY_TOKEN=$(curl -s -H 'content-type: application/json' \
  -d '{"username":"shitang_shengtaiyuan","password":"demo-keeper-2026"}' \
  "$URL/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export WARMCITY_CANTEEN WARMCITY_TODAY WARMCITY_DISHES WARMCITY_CARDS WARMCITY_PACE_MS=${PACE_MS:-0}
export WARMCITY_THREADS=$THREADS
WARMCITY_CANTEEN=$(sqlite3 "$DB" "SELECT id FROM facilities WHERE kind = 'canteen' AND name = '生态园便民餐厅'")
WARMCITY_TODAY=$(TZ=Asia/Shanghai date +%F)
WARMCITY_DISHES=$(sqlite3 "$DB" "SELECT group_concat(dish_id) FROM canteen_menu_items
  WHERE canteen_id = $WARMCITY_CANTEEN AND served_on = '$WARMCITY_TODAY' AND meal = 'lunch'")
if [[ -n "$WARMCITY_CARDS_FILE" ]]; then
  WARMCITY_CARDS=  # counter-sale.lua reads the file (too long for the environment)
  CARD_COUNT=$(wc -l <"$WARMCITY_CARDS_FILE")
else
  WARMCITY_CARDS=$(sqlite3 "$DB" "SELECT group_concat(number) FROM elder_cards WHERE state = 'active'")
  CARD_COUNT=$(echo "$WARMCITY_CARDS" | tr ',' '\n' | wc -l)
fi
[[ -n "$WARMCITY_DISHES" ]] || { echo "no lunch published today at canteen $WARMCITY_CANTEEN" >&2; exit 1; }

echo "== counter meals: wrk -t$THREADS -c$CLIENTS -d${SECS}s --latency POST /api/v1/canteens/$WARMCITY_CANTEEN/orders" \
  "($CARD_COUNT cards, each client pausing ${WARMCITY_PACE_MS} ms," \
  "load $(cut -d' ' -f1 /proc/loadavg))"
wrk -t"$THREADS" -c"$CLIENTS" -d"${SECS}s" --latency -s bench/canteens/counter-sale.lua "$URL" |
  grep -E 'Requests/sec| 50%| 90%| 99%|non-201|Socket errors'
echo "orders now: $(sqlite3 "$DB" "SELECT count(*) || ' (' || sum(flag = '') || ' first of the slot)' FROM canteen_orders WHERE kind = 'counter'")"
