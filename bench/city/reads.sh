#!/usr/bin/env bash
# Times every staff and dashboard read of warmcity on a city-year database
# (bench/city/seed.sh) with wrk --latency: one table of read, clients, req/s,
# p50, p99 and non-200 answers, then the database size.
#
# Usage: bench/city/reads.sh BUILD_DIR DB [SECONDS]
#   DB: the SQLite file or postgresql:// URL seed.sh filled (PostgreSQL's data
#   directory: $CITY_DATA_DIR, or /tmp/warmcity-city-data, as for seed.sh).
#   SECONDS: per read (default 10; the rates rows twice as long). Between
#   runs the script waits for the server to finish what wrk left in flight.
#   The server runs with its defaults for the
#   engine (serve --handler-threads: 0 on SQLite, 16 on PostgreSQL).
# Reads: the health check (idle, and while 16 clients ask for the rates), the
# rates for 2026-06 by each dimension (JSON: the first page of 200) and as
# CSV (the whole table), the grids' page the dashboard asks for (the worst
# 50) and a page of 500, the staff appeals
# list (no filter, by state, by category, as a department, as a worker bound
# to a community, the dashboard's page of 200), one appeal with its events,
# the supervision list (50 and the dashboard's 200), the categories the
# dashboard warns about, the Open311 requests list (all, open, by service),
# /api/v1/appeals/counts by state, category, channel and grid (1 and 16
# clients, and a department's narrowed recount) when the route answers
# anything but 404; the health check while 16 clients hammer the dashboard's
# reads in turn; then one dashboard visit's data for the month as the web app
# asks for it (web/js/dash_appeals.js, dash_rates.js): requests, bytes, time.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# -ge 2 ]] || { echo "usage: $0 BUILD_DIR DB [SECONDS]" >&2; exit 2; }
BUILD=$1
DB=$2
SECS=${3:-10}
BIN=$BUILD/src/app/warmcity
# shellcheck source=bench/city/serve.sh
source bench/city/serve.sh
LUA=bench/city/get.lua
MONTH=2026-06
# The dashboard's asks (web/js/dash_rates.js): a page of 50, ranked for
# departments and sub-districts, the worst first for communities and grids.
RANKED="limit=50"
WORST="order=worst&min_callbacks=5&limit=50"

DBARGS=(--db "$DB")
if [[ "$DB" == postgres* ]]; then
  DBARGS+=(--data-dir "${CITY_DATA_DIR:-/tmp/warmcity-city-data}")
  sql() { psql "$DB" -X -q -t -A -c "$1"; }
  size=$(sql "SELECT pg_database_size(current_database())")
  engine=PostgreSQL
else
  [[ -f "$DB" ]] || { echo "no database $DB" >&2; exit 1; }
  sql() { sqlite3 "$DB" "$1"; }
  size=$(( $(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) ))
  engine=SQLite
fi

DIR=$(mktemp -d /tmp/warmcity-city-reads.XXXXXX)
WC_PID=
BG_PID=
cleanup() {
  # (|| true: a process already gone must not stop the cleanup under set -e)
  [[ -z "$BG_PID" ]] || kill "$BG_PID" 2>/dev/null || true
  [[ -z "$WC_PID" ]] || kill "$WC_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT
start_warmcity "$BIN" "$DIR" "${DBARGS[@]}"

login() {
  curl -s -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" \
    "$URL/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
ADMIN=$(login admin city-admin-pass-1)
DEPT=$(login dept1 city-dept-pass-1)
WORKER=$(login cworker city-worker-pass-1)
# The most and the least used categories, and a closed appeal of June.
COMMON=$(sql "SELECT c.code FROM appeal_categories c JOIN appeals a ON a.category_id = c.id
  GROUP BY c.code ORDER BY count(*) DESC, c.code LIMIT 1")
RARE=$(sql "SELECT c.code FROM appeal_categories c JOIN appeals a ON a.category_id = c.id
  GROUP BY c.code ORDER BY count(*), c.code LIMIT 1")
ONE=$(sql "SELECT id FROM appeals WHERE state = 'closed' AND submitted_at >= 1780243200
  ORDER BY id LIMIT 1")

TABLE=$DIR/table.md
printf '| read | clients | req/s | p50 | p99 | non-200 of answers |\n|---|---:|---:|---:|---:|---:|\n' >"$TABLE"
# drain: the server goes on with what a finished wrk run left in flight (it
# does not drop a request whose client went away): wait until ten health
# checks in a row, each on a new connection, answer within half a second.
drain() {
  local ok=0
  for _ in $(seq 1200); do
    if curl -s -o /dev/null -m 0.5 "$URL/api/v1/health"; then
      ok=$((ok + 1))
      [[ $ok -ge 10 ]] && return 0
    else
      ok=0
    fi
  done
  echo "the server did not drain" >&2
  exit 1
}
# row LABEL CLIENTS OUT: a table row from wrk's output OUT.
row() {
  python3 - "$1" "$2" "$3" >>"$TABLE" <<'EOF'
import re, sys
label, clients, path = sys.argv[1:]
t = open(path).read()
def pct(p):
    m = re.search(r"^\s+%s%%\s+(\S+)" % p, t, re.M)
    return m.group(1) if m else "-"
rps = re.search(r"Requests/sec:\s+(\S+)", t)
non = re.search(r"non-200 responses: (\d+)", t)
done = re.search(r"(\d+) requests in ([0-9.]+[a-z]+)", t)
if done and done.group(1) == "0":  # wrk counts only the answers that came within the run
    p50 = p99 = "none answered in " + done.group(2)
else:
    p50, p99 = pct(50), pct(99)
print("| %s | %s | %s | %s | %s | %s of %s |" % (label, clients, rps.group(1) if rps else "-",
      p50, p99, non.group(1) if non else "-", done.group(1) if done else "-"))
EOF
  tail -n 1 "$TABLE" >&2
}
# wrk_row LABEL CLIENTS TOKEN PATH [SECONDS]: one wrk run, one table row.
wrk_row() {
  local out=$DIR/wrk.txt
  WARMCITY_TOKEN=$3 WARMCITY_PATH=$4 wrk -t1 -c"$2" -d"${5:-$SECS}s" --timeout 120s --latency \
    -s "$LUA" "$URL" >"$out"
  row "$1" "$2" "$out"
  drain
}

wrk_row "\`/api/v1/health\` (idle)" 1 "" /api/v1/health
# The rates take seconds a request at a million appeals: twice as long a run.
for by in department subdistrict community grid; do
  wrk_row "\`/api/v1/rates?month=$MONTH&by=$by\`" 1 "$ADMIN" "/api/v1/rates?month=$MONTH&by=$by" \
    $((SECS * 2))
done
wrk_row "\`/api/v1/rates?month=$MONTH&by=grid&format=csv\`" 1 "$ADMIN" \
  "/api/v1/rates?month=$MONTH&by=grid&format=csv" $((SECS * 2))
# The pages the dashboard asks for (web/js/dash_rates.js): the 50 grids
# that need attention most (the lowest composite of those with at least 5
# valid callbacks), and a page of 500 of the whole ranking (the largest).
wrk_row "\`/api/v1/rates?month=$MONTH&by=grid&$WORST\` (the dashboard's)" 1 "$ADMIN" \
  "/api/v1/rates?month=$MONTH&by=grid&$WORST" $((SECS * 2))
wrk_row "\`/api/v1/rates?month=$MONTH&by=grid&limit=500\`" 1 "$ADMIN" \
  "/api/v1/rates?month=$MONTH&by=grid&limit=500" $((SECS * 2))
# The health check while 16 clients ask for the rates (started first, ended last).
WARMCITY_TOKEN=$ADMIN WARMCITY_PATH="/api/v1/rates?month=$MONTH&by=department" \
  wrk -t1 -c16 -d"$((SECS * 2 + 4))s" --timeout 120s --latency -s "$LUA" "$URL" >"$DIR/bg.txt" &
BG_PID=$!
sleep 2
WARMCITY_PATH=/api/v1/health wrk -t1 -c1 -d"$((SECS * 2))s" --timeout 120s --latency -s "$LUA" \
  "$URL" >"$DIR/health.txt"
wait "$BG_PID" || true
BG_PID=
row "\`/api/v1/rates?month=$MONTH&by=department\`" 16 "$DIR/bg.txt"
row "\`/api/v1/health\` while 16 clients ask for the rates" 1 "$DIR/health.txt"
drain
wrk_row "\`/api/v1/appeals?limit=50\` (admin)" 1 "$ADMIN" "/api/v1/appeals?limit=50"
wrk_row "\`/api/v1/appeals?limit=50\` (admin)" 16 "$ADMIN" "/api/v1/appeals?limit=50"
wrk_row "\`/api/v1/appeals?limit=200\` (the dashboard's page)" 1 "$ADMIN" \
  "/api/v1/appeals?limit=200"
for st in in_progress submitted returned; do
  wrk_row "\`/api/v1/appeals?state=$st&limit=50\`" 1 "$ADMIN" "/api/v1/appeals?state=$st&limit=50"
done
wrk_row "\`/api/v1/appeals?category=$COMMON&limit=50\` (most used)" 1 "$ADMIN" \
  "/api/v1/appeals?category=$COMMON&limit=50"
wrk_row "\`/api/v1/appeals?category=$RARE&limit=50\` (least used)" 1 "$ADMIN" \
  "/api/v1/appeals?category=$RARE&limit=50"
wrk_row "\`/api/v1/appeals?state=in_progress&category=$RARE&limit=50\`" 1 "$ADMIN" \
  "/api/v1/appeals?state=in_progress&category=$RARE&limit=50"
wrk_row "\`/api/v1/appeals?limit=50\` (department 1)" 1 "$DEPT" "/api/v1/appeals?limit=50"
wrk_row "\`/api/v1/appeals?limit=50\` (worker of one community: area filter)" 1 "$WORKER" \
  "/api/v1/appeals?limit=50"
wrk_row "\`/api/v1/appeals/$ONE\` (one appeal with its events)" 1 "$ADMIN" "/api/v1/appeals/$ONE"
wrk_row "\`/api/v1/appeals/supervision?limit=50\`" 1 "$ADMIN" "/api/v1/appeals/supervision?limit=50"
wrk_row "\`/api/v1/appeals/supervision?limit=200\` (the dashboard's page)" 1 "$ADMIN" \
  "/api/v1/appeals/supervision?limit=200"
wrk_row "\`/api/v1/appeals/supervision?limit=50\` (worker of one community)" 1 "$WORKER" \
  "/api/v1/appeals/supervision?limit=50"
wrk_row "\`/api/v1/appeal-categories/stranded\`" 1 "$ADMIN" /api/v1/appeal-categories/stranded
wrk_row "\`/open311/v2/requests.json\`" 1 "" /open311/v2/requests.json
wrk_row "\`/open311/v2/requests.json?status=open\`" 1 "" "/open311/v2/requests.json?status=open"
wrk_row "\`/open311/v2/requests.json?service_code=$RARE\`" 1 "" \
  "/open311/v2/requests.json?service_code=$RARE"
counts=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN" \
  "$URL/api/v1/appeals/counts?month=$MONTH")
if [[ "$counts" != 404 ]]; then
  for by in state category channel grid; do
    wrk_row "\`/api/v1/appeals/counts?month=$MONTH&by=$by\`" 1 "$ADMIN" \
      "/api/v1/appeals/counts?month=$MONTH&by=$by"
  done
  wrk_row "\`/api/v1/appeals/counts?month=$MONTH\`" 16 "$ADMIN" "/api/v1/appeals/counts?month=$MONTH"
  wrk_row "\`/api/v1/appeals/counts?month=$MONTH\` (department 1: narrowed, a recount)" 1 "$DEPT" \
    "/api/v1/appeals/counts?month=$MONTH"
fi

# The health check while 16 clients hammer the dashboard's reads, each client
# taking them in turn: the month's counts by state, the rates by each
# dimension as the dashboard asks for them, the supervision list's page of
# 200, the stranded categories.
DASH="/api/v1/appeals/counts?month=$MONTH&by=state"
DASH+=" /api/v1/rates?month=$MONTH&by=department&$RANKED"
DASH+=" /api/v1/rates?month=$MONTH&by=subdistrict&$RANKED"
DASH+=" /api/v1/rates?month=$MONTH&by=community&$WORST"
DASH+=" /api/v1/rates?month=$MONTH&by=grid&$WORST /api/v1/appeals/supervision?limit=200"
DASH+=" /api/v1/appeal-categories/stranded"
WARMCITY_TOKEN=$ADMIN WARMCITY_PATHS=$DASH \
  wrk -t1 -c16 -d"$((SECS * 2 + 4))s" --timeout 120s --latency -s "$LUA" "$URL" >"$DIR/bg.txt" &
BG_PID=$!
sleep 2
WARMCITY_PATH=/api/v1/health wrk -t1 -c1 -d"$((SECS * 2))s" --timeout 120s --latency -s "$LUA" \
  "$URL" >"$DIR/health.txt"
wait "$BG_PID" || true
BG_PID=
row "the dashboard's reads in turn (counts, rates ×4, supervision 200, stranded)" 16 "$DIR/bg.txt"
row "\`/api/v1/health\` while 16 clients hammer the dashboard's reads" 1 "$DIR/health.txt"
drain

# One dashboard visit's data for the month, as web/js/dash_appeals.js and
# dash_rates.js ask for it: the counts by state, the rates by department,
# the stranded categories, the supervision list in pages of 200 until 200
# overdue ones (or its end); then apart the grids as the dashboard shows
# them, and the whole grid ranking in pages of 500 (next_cursor).
VISIT=$(python3 - "$URL" "$ADMIN" "$MONTH" "$RANKED" "$WORST" <<'EOF'
import sys, time, json, urllib.request
url, token, month, ranked, worst = sys.argv[1:]
requests = size = 0
def get(path):
    global requests, size
    req = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + token})
    body = urllib.request.urlopen(req).read()
    requests += 1
    size += len(body)
    return json.loads(body)
start = time.time()
get("/api/v1/appeals/counts?month=%s&by=state" % month)
get("/api/v1/rates?month=%s&by=department&%s" % (month, ranked))
get("/api/v1/appeal-categories/stranded")
overdue, cursor = 0, None
while True:
    page = get("/api/v1/appeals/supervision?limit=200" + ("&cursor=" + cursor if cursor else ""))
    overdue += sum(1 for a in page["items"] if a.get("urgency") == "overdue")
    cursor = page.get("next_cursor")
    if not cursor or overdue >= 200:
        break
visit = "%d requests, %.1f KB, %.0f ms" % (requests, size / 1e3, (time.time() - start) * 1e3)
requests = size = 0
get("/api/v1/rates?month=%s&by=grid&%s" % (month, worst))
grids = "%.1f KB" % (size / 1e3)
requests = size = rows = 0
start = time.time()
cursor = None
while True:
    page = get("/api/v1/rates?month=%s&by=grid&limit=500" % month +
               ("&cursor=" + cursor if cursor else ""))
    rows += len(page["items"])
    cursor = page.get("next_cursor")
    if not cursor:
        break
print("%s; the grids that need attention (by=grid&%s) %s; the whole grid ranking: %d rows in "
      "%d requests, %.1f KB, %.0f ms" % (visit, worst, grids, rows, requests, size / 1e3,
                                         (time.time() - start) * 1e3))
EOF
)

echo
echo "$engine, $(sql "SELECT count(*) FROM appeals") appeals, $(sql "SELECT count(*) FROM appeal_events") events," \
  "database $(python3 -c "print(f'{$size / 1e6:.0f}')") MB; wrk -t1 --latency, ${SECS} s a read, $((SECS * 2)) s for the rates;" \
  "/api/v1/appeals/counts answered $counts"
cat "$TABLE"
echo
echo "one dashboard visit's data for $MONTH: $VISIT"
