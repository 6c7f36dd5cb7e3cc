#!/usr/bin/env bash
# A/B of two warmcity binaries on PostgreSQL alone (not part of `make test`):
# durable appeal submissions/s with 64 clients (post-appeal.lua), the two
# binaries alternating ROUNDS times, each run on a fresh database of the demo
# district in one private cluster (scripts/test-postgres.sh; fsync and
# synchronous_commit on) that loads pg_stat_statements, so every run also
# prints the server's mean time per statement of a submission: that figure
# hardly depends on what else the machine is doing, the rate does.
# Usage: bench/appeals/pg-ab.sh BIN_A BIN_B [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# -ge 2 ]] || { echo "usage: $0 BIN_A BIN_B [SECONDS] [ROUNDS]" >&2; exit 2; }
BINS=("$(realpath "$1")" "$(realpath "$2")")
SECS=${3:-8}
ROUNDS=${4:-3}

DIR=$(mktemp -d /tmp/warmcity-pg-ab.XXXXXX)
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
# pg_stat_statements needs a restart to load; the cluster is ours alone.
as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
echo "shared_preload_libraries = 'pg_stat_statements'" | as_owner tee -a "$DIR/pg/data/postgresql.conf" >/dev/null
PG_CTL=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl
as_owner "$PG_CTL" -D "$DIR/pg/data" -l "$DIR/pg/server.log" -w -s restart >/dev/null
PG_URL=${ADMIN_URL%/*}/bench

# run LABEL BIN: prints "LABEL REQ/S NON201 COUNT LOAD INSERT_APPEAL_US INSERT_EVENT_US INSERT_TOKEN_US"
run() {
  local label=$1 bin=$2 data=$DIR/data
  psql -Xq "$ADMIN_URL" -c 'DROP DATABASE IF EXISTS bench' -c 'CREATE DATABASE bench' >/dev/null
  psql -Xq "$PG_URL" -c 'CREATE EXTENSION pg_stat_statements' >/dev/null
  rm -rf "$data"
  mkdir -p "$data"
  "$bin" demo --db "$PG_URL" --data-dir "$data" >/dev/null
  "$bin" serve --db "$PG_URL" --data-dir "$data" --listen 127.0.0.1 --port 0 --access-log off \
    --log-level warn --anonymous-writes-per-minute 0 \
    --anonymous-writes-per-minute-per-network 0 >"$DIR/out.txt" 2>"$DIR/err.txt" &
  WC_PID=$!
  local url=
  for _ in $(seq 100); do
    url=$(grep -o 'http://[0-9.:]*' "$DIR/out.txt" 2>/dev/null || true)
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  [[ -n "$url" ]] || { echo "warmcity $label did not start:" >&2; cat "$DIR/err.txt" >&2; exit 1; }
  psql -Xq "$PG_URL" -c 'SELECT pg_stat_statements_reset()' >/dev/null
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  wrk -t2 -c64 -d"${SECS}s" -s bench/appeals/post-appeal.lua "$url" >"$DIR/wrk.txt"
  kill "$WC_PID"
  wait "$WC_PID" 2>/dev/null || true
  WC_PID=
  local rps non201 count means
  rps=$(awk '/Requests\/sec/ {print $2}' "$DIR/wrk.txt")
  non201=$(awk -F': ' '/non-201/ {s += $2} END {print s + 0}' "$DIR/wrk.txt")
  count=$(psql -XAt "$PG_URL" -c 'SELECT count(*) FROM appeals')
  means=$(psql -XAt "$PG_URL" -F' ' -c "
    SELECT coalesce(max(m) FILTER (WHERE t = 'appeals'), 0),
           coalesce(max(m) FILTER (WHERE t = 'appeal_events'), 0),
           coalesce(max(m) FILTER (WHERE t = 'appeal_photo_tokens'), 0)
    FROM (SELECT substring(query FROM '^INSERT INTO (\w+)') AS t,
                 round((sum(total_exec_time) / sum(calls) * 1000)::numeric, 1) AS m
          FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = 'bench' AND query LIKE 'INSERT INTO appeal%' GROUP BY 1) q")
  echo "$label $rps $non201 $count $load $means"
}

rows=()
for round in $(seq "$ROUNDS"); do
  for k in 0 1; do
    label=$([[ $k == 0 ]] && echo A || echo B)
    echo "== round $round, $label: ${BINS[$k]} (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    rows+=("$round $(run "$label" "${BINS[$k]}")")
  done
done
printf '\n%-6s %-4s %14s %8s %10s %6s %18s %16s %16s\n' round bin submissions/s non-201 stored load \
  'INSERT appeals µs' 'appeal_events µs' 'photo_tokens µs'
for line in "${rows[@]}"; do
  read -r k b r n c l ia ie it <<<"$line"
  printf '%-6s %-4s %14s %8s %10s %6s %18s %16s %16s\n' "$k" "$b" "$r" "$n" "$c" "$l" "$ia" "$ie" "$it"
done
printf '%s\n' "${rows[@]}" | python3 -c '
import statistics, sys
cols = {}
for line in sys.stdin:
    _, b, rps, _, _, _, ia, ie, it = line.split()
    cols.setdefault(b, []).append([float(rps), float(ia), float(ie), float(it)])
med = {b: [statistics.median(c[i] for c in v) for i in range(4)] for b, v in cols.items()}
for b in ("A", "B"):
    m = med[b]
    print(f"median {b}: {m[0]:,.0f}/s; INSERT µs appeals {m[1]}, events {m[2]}, tokens {m[3]}")
ratio = med["B"][0] / med["A"][0]
print(f"B / A: {ratio:.2f}")
'
