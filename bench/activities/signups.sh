#!/usr/bin/env bash
# Activity sign-up benchmark (not part of `make test`): a fresh database
# (SQLite; ENGINE=postgres: a private PostgreSQL, bench/appeals/serve-demo.sh's
# bench_cluster, reached through its Unix socket, fsync and synchronous_commit
# on), one activity occurrence tomorrow with a large capacity, and an
# admin signing up callers by phone — CLIENTS (default 64) clients POST
# /api/v1/activity-occurrences/{id}/signups with distinct phones
# (signups.lua), each one durable write job that holds the occurrence, takes
# a place or joins the line, and writes the sign-up, its event and an audit
# row. Prints wrk's requests/s (= sign-ups/s) and latency, then checks the
# books: taken <= capacity and the confirmed sign-ups = taken (nothing offered
# in this run), waiting only once the capacity is used up.
# Usage: [ENGINE=sqlite|postgres] bench/activities/signups.sh [BUILD_DIR] [SECONDS (10)] [CLIENTS (64)] [CAPACITY (100000)]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=bench/appeals/serve-demo.sh
source bench/appeals/serve-demo.sh
ENGINE=${ENGINE:-sqlite}
[[ $ENGINE == sqlite || $ENGINE == postgres ]] || { echo "ENGINE is sqlite or postgres" >&2; exit 2; }
BUILD=${1:-build}
SECS=${2:-10}
CLIENTS=${3:-64}
CAPACITY=${4:-100000}
THREADS=$((CLIENTS < 2 ? 1 : 2))
BIN=$BUILD/src/app/warmcity
[[ -x "$BIN" ]] || { echo "build $BIN first" >&2; exit 1; }

DIR=$(mktemp -d /tmp/warmcity-signup-bench.XXXXXX)
chmod 755 "$DIR"
WC_PID=
cleanup() {
  [[ -n "$WC_PID" ]] && kill "$WC_PID" 2>/dev/null
  wait 2>/dev/null || true
  [[ $ENGINE == postgres ]] && { scripts/test-postgres.sh stop "$DIR/pg" >/dev/null 2>&1 || true; }
  rm -rf "$DIR"
}
trap cleanup EXIT
DB=$DIR/bench.db
if [[ $ENGINE == postgres ]]; then
  bench_cluster "$DIR/pg"
  psql -q "$PG_ADMIN_URL" -c 'CREATE DATABASE bench' >/dev/null
  DB=$PG_SOCKET_URL
fi
# sql TEXT: runs it on the database under test; rows with fields separated by a space.
sql() {
  if [[ $ENGINE == postgres ]]; then
    psql -q -At -F ' ' -v ON_ERROR_STOP=1 "$DB" -c "$1"
  else
    sqlite3 -cmd '.timeout 5000' -separator ' ' "$DB" "$1"
  fi
}
mkdir -p "$DIR/data"
echo 'bench-admin-pass-1' | "$BIN" user --db "$DB" --data-dir "$DIR/data" add --username admin \
  --role admin --password-cost minimum >"$DIR/user.txt" 2>&1 || { cat "$DIR/user.txt" >&2; exit 1; }

"$BIN" serve --db "$DB" --data-dir "$DIR/data" --listen 127.0.0.1 --port 0 --access-log off \
  --log-level warn --password-cost minimum --max-connections-per-client 1024 \
  >"$DIR/out.txt" 2>"$DIR/err.txt" &
WC_PID=$!
URL=
for _ in $(seq 100); do
  URL=$(grep -o 'http://[0-9.:]*' "$DIR/out.txt" 2>/dev/null || true)
  [[ -n "$URL" ]] && break
  sleep 0.1
done
[[ -n "$URL" ]] || { echo "warmcity did not start" >&2; cat "$DIR/err.txt" >&2; exit 1; }

# One organiser, one activity, one occurrence tomorrow at 09:00 district time.
TOMORROW=$(TZ=Asia/Shanghai date -d tomorrow +%F)
STARTS=$(TZ=Asia/Shanghai date -d "$TOMORROW 09:00" +%s)
sql "
  INSERT INTO organisations (id, kind, name, created_at) VALUES (900, 'community', '凤山社区', 0);
  INSERT INTO activities (id, title, organiser_org_id, address, capacity, first_date, start_minute,
    duration_minutes, created_by, created_at, updated_at)
    VALUES (900, '广场舞', 900, '凤山广场', $CAPACITY, '$TOMORROW', 540, 120, 1, 0, 0);
  INSERT INTO activity_occurrences (id, activity_id, seq, local_date, starts_at, ends_at, capacity,
    updated_at) VALUES (900, 900, 1, '$TOMORROW', $STARTS, $((STARTS + 7200)), $CAPACITY, 0);"

export WARMCITY_TOKEN WARMCITY_OCCURRENCE=900
WARMCITY_TOKEN=$(curl -s -H 'content-type: application/json' \
  -d '{"username":"admin","password":"bench-admin-pass-1"}' \
  "$URL/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

echo "== activity sign-ups on $ENGINE: wrk -t$THREADS -c$CLIENTS -d${SECS}s --latency" \
  "POST /api/v1/activity-occurrences/900/signups (capacity $CAPACITY, load $(cut -d' ' -f1 /proc/loadavg))"
wrk -t"$THREADS" -c"$CLIENTS" -d"${SECS}s" --latency -s bench/activities/signups.lua "$URL" |
  grep -E 'Requests/sec| 50%| 90%| 99%|non-201|Socket errors' | sed 's/Requests\/sec/sign-ups\/s (requests\/s)/'

# The books: never more places held than the capacity, every held place a
# confirmed sign-up (nothing was offered), one active sign-up per phone.
read -r TAKEN CAP CONFIRMED WAITING OFFERED DUPES < <(sql "
  SELECT o.taken, o.capacity,
    (SELECT count(*) FROM activity_signups WHERE occurrence_id = 900 AND status = 'confirmed'),
    (SELECT count(*) FROM activity_signups WHERE occurrence_id = 900 AND status = 'waiting'),
    (SELECT count(*) FROM activity_signups WHERE occurrence_id = 900 AND status = 'offered'),
    (SELECT count(*) - count(DISTINCT phone) FROM activity_signups WHERE occurrence_id = 900)
  FROM activity_occurrences o WHERE o.id = 900")
echo "sign-ups: $CONFIRMED confirmed, $WAITING waiting, $OFFERED offered; taken $TAKEN of $CAP"
FAIL=0
(( TAKEN <= CAP )) || { echo "FAIL: taken $TAKEN > capacity $CAP" >&2; FAIL=1; }
(( CONFIRMED + OFFERED == TAKEN )) || { echo "FAIL: confirmed + offered $((CONFIRMED + OFFERED)) != taken $TAKEN" >&2; FAIL=1; }
(( OFFERED == 0 )) || { echo "FAIL: $OFFERED offered with nobody cancelling" >&2; FAIL=1; }
(( WAITING == 0 || TAKEN == CAP )) || { echo "FAIL: $WAITING waiting beside a free place" >&2; FAIL=1; }
(( DUPES == 0 )) || { echo "FAIL: $DUPES phones twice" >&2; FAIL=1; }
(( CONFIRMED > 0 )) || { echo "FAIL: nothing was signed up" >&2; FAIL=1; }
[[ $FAIL == 0 ]] && echo "books: ok (taken <= capacity, confirmed = taken)"
exit $FAIL
