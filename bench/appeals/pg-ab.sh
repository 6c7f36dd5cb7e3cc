#!/usr/bin/env bash
# A/B of two warmcity binaries on PostgreSQL alone (not part of `make test`):
# durable appeal submissions/s with 64 clients (post-appeal.lua), the two
# binaries alternating ROUNDS times, each run on a fresh database of the demo
# district in one private cluster (scripts/test-postgres.sh; fsync and
# synchronous_commit on) that loads pg_stat_statements, so every run also
# prints the server's mean time per statement of a submission and the CPU
# time per submission of warmcity and of the cluster's processes (from
# /proc, over the wrk run): those figures hardly depend on what else the
# machine is doing, the rate does.
# PG_SOCKET=B (or A, or AB) connects that binary through the cluster's Unix
# socket instead of TCP on 127.0.0.1 (PostgreSQL on the same machine), so
# one run compares the two transports when BIN_A and BIN_B are the same.
# Usage: [PG_SOCKET=A|B|AB] bench/appeals/pg-ab.sh BIN_A BIN_B [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=bench/appeals/serve-demo.sh
source bench/appeals/serve-demo.sh
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

# pg_stat_statements needs a restart to load; the cluster is ours alone.
bench_cluster "$DIR/pg" "shared_preload_libraries = 'pg_stat_statements'"
ADMIN_URL=$PG_ADMIN_URL
PG_URL=$PG_TCP_URL
SOCKET_URL=$PG_SOCKET_URL
PG_SOCKET=${PG_SOCKET:-}

# cpu_ticks PID…: user + system CPU ticks of the processes still there
cpu_ticks() {
  local t=0 p
  for p in "$@"; do
    [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}
# The cluster's processes: the postmaster and its children (backends, WAL writer, …).
cluster_pids() {
  local pm
  pm=$(head -n 1 "$DIR/pg/data/postmaster.pid")
  echo "$pm" $(pgrep -P "$pm")
}

# run LABEL BIN: prints "LABEL REQ/S NON201 COUNT LOAD INSERT_APPEAL_US INSERT_EVENT_US
# INSERT_TOKEN_US WARMCITY_CPU_US PG_CPU_US" (CPU µs per request)
run() {
  local label=$1 bin=$2 url_db=$PG_URL
  [[ "$PG_SOCKET" == *"$label"* ]] && url_db=$SOCKET_URL
  psql -Xq "$ADMIN_URL" -c 'DROP DATABASE IF EXISTS bench' -c 'CREATE DATABASE bench' >/dev/null
  psql -Xq "$PG_URL" -c 'CREATE EXTENSION pg_stat_statements' >/dev/null
  serve_demo "$bin" "$url_db" "$DIR/data" "$DIR/warmcity" "$label"
  local url=$SERVED_URL
  psql -Xq "$PG_URL" -c 'SELECT pg_stat_statements_reset()' >/dev/null
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  local pids wc0 pg0 wc1 pg1
  pids=$(cluster_pids)
  wc0=$(cpu_ticks "$WC_PID")
  pg0=$(cpu_ticks $pids)
  wrk -t2 -c64 -d"${SECS}s" -s bench/appeals/post-appeal.lua "$url" >"$DIR/wrk.txt"
  wc1=$(cpu_ticks "$WC_PID")
  pg1=$(cpu_ticks $pids)
  stop_served
  local rps non201 count means
  read -r rps non201 <<<"$(wrk_figures "$DIR/wrk.txt")"
  count=$(psql -XAt "$PG_URL" -c 'SELECT count(*) FROM appeals')
  means=$(psql -XAt "$PG_URL" -F' ' -c "
    SELECT coalesce(max(m) FILTER (WHERE t = 'appeals'), 0),
           coalesce(max(m) FILTER (WHERE t = 'appeal_events'), 0),
           coalesce(max(m) FILTER (WHERE t = 'appeal_photo_tokens'), 0)
    FROM (SELECT substring(query FROM '^INSERT INTO (\w+)') AS t,
                 round((sum(total_exec_time) / sum(calls) * 1000)::numeric, 1) AS m
          FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = 'bench' AND query LIKE 'INSERT INTO appeal%' GROUP BY 1) q")
  local n tick_us
  n=$(awk '/requests in/ {print $1}' "$DIR/wrk.txt")
  tick_us=$((1000000 / $(getconf CLK_TCK)))
  echo "$label $rps $non201 $count $load $means" \
    "$(((wc1 - wc0) * tick_us / (n > 0 ? n : 1)))" "$(((pg1 - pg0) * tick_us / (n > 0 ? n : 1)))"
}

rows=()
for round in $(seq "$ROUNDS"); do
  for k in 0 1; do
    label=$([[ $k == 0 ]] && echo A || echo B)
    via=TCP
    [[ "$PG_SOCKET" == *"$label"* ]] && via='Unix socket'
    echo "== round $round, $label: ${BINS[$k]} over $via (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    rows+=("$round $(run "$label" "${BINS[$k]}")")
  done
done
printf '\n%-6s %-4s %14s %8s %10s %6s %18s %16s %16s %12s %12s\n' round bin submissions/s non-201 \
  stored load 'INSERT appeals µs' 'appeal_events µs' 'photo_tokens µs' 'warmcity µs' 'postgres µs'
for line in "${rows[@]}"; do
  read -r k b r n c l ia ie it wc pg <<<"$line"
  printf '%-6s %-4s %14s %8s %10s %6s %18s %16s %16s %12s %12s\n' "$k" "$b" "$r" "$n" "$c" "$l" \
    "$ia" "$ie" "$it" "$wc" "$pg"
done
echo '(warmcity µs, postgres µs: CPU time per request of the server process and of the cluster)'
printf '%s\n' "${rows[@]}" | python3 -c '
import statistics, sys
cols = {}
for line in sys.stdin:
    _, b, rps, _, _, _, ia, ie, it, wc, pg = line.split()
    cols.setdefault(b, []).append([float(x) for x in (rps, ia, ie, it, wc, pg)])
med = {b: [statistics.median(c[i] for c in v) for i in range(6)] for b, v in cols.items()}
for b in ("A", "B"):
    m = med[b]
    print(f"median {b}: {m[0]:,.0f}/s; INSERT µs appeals {m[1]}, events {m[2]}, tokens {m[3]};"
          f" CPU µs a request: warmcity {m[4]:.0f}, postgres {m[5]:.0f}")
ratio = med["B"][0] / med["A"][0]
print(f"B / A: {ratio:.2f}")
'
