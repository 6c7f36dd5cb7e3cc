#!/usr/bin/env bash
# A city-year for warmcity (issue #15): the schema (`warmcity migrate`), then
# city_gen.py's areas (150 sub-districts, 1,500 communities, 15,000 grids),
# organisations, 30 categories and APPEALS appeals of 2026 with their event
# trails, then three users (admin, a department member, a community worker),
# then a check that `warmcity serve` starts on it and lists appeals.
#
# Usage: bench/city/seed.sh BUILD_DIR DB APPEALS
#   DB: a new SQLite file, or a postgresql:// URL of an empty database (the
#   PostgreSQL deployment's data directory is DB's own: $CITY_DATA_DIR, or
#   /tmp/warmcity-city-data).
# Users (passwords for bench/city/reads.sh): admin / city-admin-pass-1,
#   dept1 (member of department 1) / city-dept-pass-1,
#   cworker (member of the organisation of community C0766, area id 916, in the urban core) /
#   city-worker-pass-1.
# Prints a progress line per 50,000 appeals, the time the month aggregates'
# migration (appeal_counts v3) takes over the seeded rows, the counts and the
# database size.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# -eq 3 ]] || { echo "usage: $0 BUILD_DIR DB APPEALS" >&2; exit 2; }
BUILD=$1
DB=$2
N=$3
BIN=$BUILD/src/app/warmcity
# shellcheck source=bench/city/serve.sh
source bench/city/serve.sh
[[ -x "$BIN" ]] || { echo "no $BIN: build the warmcity target first" >&2; exit 1; }
[[ "$N" =~ ^[0-9]+$ && "$N" -ge 1 ]] || { echo "APPEALS must be a positive number" >&2; exit 2; }

DBARGS=(--db "$DB")
if [[ "$DB" == postgres* ]]; then
  PG=1
  DATA=${CITY_DATA_DIR:-/tmp/warmcity-city-data}
  mkdir -p "$DATA"
  DBARGS+=(--data-dir "$DATA")
  sql() { psql "$DB" -X -q -t -A -c "$1"; }
else
  PG=
  [[ ! -e "$DB" ]] || { echo "$DB exists: give a new file" >&2; exit 1; }
  sql() { sqlite3 "$DB" "$1"; }
fi

"$BIN" migrate "${DBARGS[@]}" >/dev/null
[[ "$(sql 'SELECT count(*) FROM appeals')" == 0 ]] || { echo "DB already has appeals" >&2; exit 1; }

start=$(date +%s.%N)
python3 bench/city/city_gen.py --db "$DB" --appeals "$N"
secs=$(python3 -c "print(f'{$(date +%s.%N) - $start:.0f}')")

# The rows came in behind the server's back, so the month aggregates of
# appeal_counts v3 (src/rates/rollup.h) were filled when the tables were
# empty: take that migration back and apply it again, as an existing
# database migrating to v3 would (it fills the aggregates from the rows).
sql "DROP TABLE appeal_month_rates; DROP TABLE appeal_month_counts;
  DROP TABLE appeal_rollup_callbacks; DROP TABLE appeal_rollup; DROP TABLE appeal_rollup_mark;
  DROP INDEX appeals_month_open;
  DELETE FROM schema_migrations WHERE module = 'appeal_counts' AND version = 3" >/dev/null
mstart=$(date +%s.%N)
"$BIN" migrate "${DBARGS[@]}" >/dev/null
echo "appeal_counts v3 (the month aggregates) migrated in" \
  "$(python3 -c "print(f'{$(date +%s.%N) - $mstart:.1f}')") s:" \
  "$(sql "SELECT count(*) FROM appeal_month_counts") count cells," \
  "$(sql "SELECT count(*) FROM appeal_month_rates") rates cells"

add_user() {  # name role password [organisation]
  local org=()
  [[ $# -ge 4 ]] && org=(--organisation "$4")
  echo "$3" | "$BIN" user "${DBARGS[@]}" add --username "$1" --role "$2" \
    --password-cost minimum "${org[@]}" >/dev/null
}
add_user admin admin city-admin-pass-1
add_user dept1 department city-dept-pass-1 1
# The organisation of community C0766 (area id 150 + 766 = 916).
add_user cworker worker city-worker-pass-1 "$(sql "SELECT id FROM organisations WHERE area_id = 916")"

if [[ -n "$PG" ]]; then
  size=$(sql "SELECT pg_database_size(current_database())")
else
  size=$(stat -c %s "$DB")
fi
echo "seeded in $secs s: $(sql "SELECT count(*) FROM areas") areas," \
  "$(sql "SELECT count(*) FROM organisations") organisations," \
  "$(sql "SELECT count(*) FROM appeal_categories") categories," \
  "$(sql "SELECT count(*) FROM appeals") appeals," \
  "$(sql "SELECT count(*) FROM appeal_events") events;" \
  "database $(python3 -c "print(f'{$size / 1e6:.0f}')") MB"
echo "states: $(sql "SELECT state || '=' || count(*) FROM appeals GROUP BY state ORDER BY state" | tr '\n' ' ')"
echo "merged $(sql "SELECT count(*) FROM appeals WHERE merged_into IS NOT NULL")," \
  "reopened $(sql "SELECT count(*) FROM appeals WHERE reopen_count > 0")," \
  "returned $(sql "SELECT count(DISTINCT appeal_id) FROM appeal_events WHERE action = 'return'")," \
  "on the supervision list $(sql "SELECT count(*) FROM appeals WHERE due_at IS NOT NULL AND nearly_at <= $(date +%s)")," \
  "callbacks in 2026-06 $(sql "SELECT count(*) FROM appeal_events WHERE action = 'callback' AND at >= 1780243200 AND at < 1782835200")"

# The server starts on it and answers a staff list.
DIR=$(mktemp -d /tmp/warmcity-city-check.XXXXXX)
WC_PID=
cleanup() {
  # (|| true: a process already gone must not stop the cleanup under set -e)
  [[ -z "$WC_PID" ]] || kill "$WC_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT
start_warmcity "$BIN" "$DIR" "${DBARGS[@]}"
TOKEN=$(curl -s -H 'content-type: application/json' \
  -d '{"username":"admin","password":"city-admin-pass-1"}' "$URL/api/v1/auth/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
code=$(curl -s -o "$DIR/list.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  "$URL/api/v1/appeals?limit=5")
[[ "$code" == 200 ]] || { echo "GET /api/v1/appeals?limit=5 answered $code" >&2; cat "$DIR/list.json" >&2; exit 1; }
echo "check: warmcity serve started; GET /api/v1/appeals?limit=5 -> 200," \
  "$(python3 -c "import json; print(len(json.load(open('$DIR/list.json'))['items']))") items"
