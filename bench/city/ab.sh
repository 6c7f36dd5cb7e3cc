#!/usr/bin/env bash
# A/B of two warmcity binaries on one city database (bench/city/seed.sh):
# both servers up at once, each on its own copy of DB (DB-copy-a, DB-copy-b,
# made afresh by every run so that runs do not change DB), and each read
# timed with wrk on A then on B, ROUNDS times (B first in even rounds), so
# that both see the same machine. Reads (2026-06): the grids' page the
# dashboard asks for (the worst 50 with at least 5 valid callbacks), the
# sub-districts' page (ranked, 50), the whole grid table as CSV, and
# /api/v1/health (one client) while 16 clients hammer the dashboard's reads
# in turn (as bench/city/reads.sh). Before each wrk run one request alone
# is timed ("first": for a binary that keeps the ranked month, the one that
# computes it). Every row says the load average at its start; the summary
# gives the median of the rounds' p50 and p99 (in ms). READS picks some of
# the reads: "grid subdistrict csv health" (the default).
#
# Usage: [A_ARGS=…] [B_ARGS=…] [READS=…] bench/city/ab.sh BIN_A BIN_B DB [SECONDS] [ROUNDS]
#   A_ARGS / B_ARGS: more `warmcity serve` options for that binary (e.g.
#   B_ARGS="--slow-threads 1"). SQLite only.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# -ge 3 ]] || { echo "usage: $0 BIN_A BIN_B DB [SECONDS] [ROUNDS]" >&2; exit 2; }
BINS=("$(realpath "$1")" "$(realpath "$2")")
DB=$3
SECS=${4:-6}
ROUNDS=${5:-3}
[[ -f "$DB" ]] || { echo "no database $DB" >&2; exit 1; }
# shellcheck source=bench/city/serve.sh
source bench/city/serve.sh
LUA=bench/city/get.lua
MONTH=2026-06
RANKED="limit=50"
WORST="order=worst&min_callbacks=5&limit=50"
DASH="/api/v1/appeals/counts?month=$MONTH&by=state"
DASH+=" /api/v1/rates?month=$MONTH&by=department&$RANKED"
DASH+=" /api/v1/rates?month=$MONTH&by=subdistrict&$RANKED"
DASH+=" /api/v1/rates?month=$MONTH&by=community&$WORST"
DASH+=" /api/v1/rates?month=$MONTH&by=grid&$WORST /api/v1/appeals/supervision?limit=200"
DASH+=" /api/v1/appeal-categories/stranded"

DIR=$(mktemp -d /tmp/warmcity-city-ab.XXXXXX)
PIDS=()
BG_PID=
cleanup() {
  [[ -z "$BG_PID" ]] || kill "$BG_PID" 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$DIR" "$DB-copy-a" "$DB-copy-a"-* "$DB-copy-a".* "$DB-copy-b" "$DB-copy-b"-* "$DB-copy-b".*
}
trap cleanup EXIT

URLS=()
TOKENS=()
for i in 0 1; do
  side=$([[ $i == 0 ]] && echo a || echo b)
  rm -rf "$DB-copy-$side" "$DB-copy-$side"-* "$DB-copy-$side".*
  cp "$DB" "$DB-copy-$side"
  mkdir -p "$DIR/$side"
  extra=$([[ $i == 0 ]] && echo "${A_ARGS:-}" || echo "${B_ARGS:-}")
  # shellcheck disable=SC2086
  start_warmcity "${BINS[$i]}" "$DIR/$side" --db "$DB-copy-$side" $extra
  PIDS+=("$WC_PID")
  URLS+=("$URL")
  TOKENS+=("$(curl -s -H 'content-type: application/json' \
    -d '{"username":"admin","password":"city-admin-pass-1"}' "$URL/api/v1/auth/login" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')")
done

# drain URL: wait until ten health checks in a row answer within 0.5 s.
drain() {
  local ok=0
  for _ in $(seq 1200); do
    if curl -s -o /dev/null -m 0.5 "$1/api/v1/health"; then
      ok=$((ok + 1))
      [[ $ok -ge 10 ]] && return 0
    else
      ok=0
    fi
  done
  echo "the server did not drain" >&2
  exit 1
}
load() { cut -d' ' -f1 /proc/loadavg; }
# record READ SIDE ROUND LOAD OUT: one line "READ|SIDE|ROUND|LOAD|p50 ms|p99 ms|answers|non-200".
RESULTS=$DIR/results.txt
record() {
  python3 - "$@" >>"$RESULTS" <<'EOF2'
import re, sys
read, side, rnd, load, path, first = sys.argv[1:]
t = open(path).read()
def ms(p):
    m = re.search(r"^\s+%s%%\s+([0-9.]+)(us|ms|s)\b" % p, t, re.M)
    if not m: return "-"
    return "%.2f" % (float(m.group(1)) * {"us": 1e-3, "ms": 1, "s": 1e3}[m.group(2)])
non = re.search(r"non-200 responses: (\d+)", t)
done = re.search(r"(\d+) requests in", t)
print("|".join([read, side, rnd, load, ms(50), ms(99), done.group(1) if done else "-",
                non.group(1) if non else "-", first]))
EOF2
  tail -n 1 "$RESULTS" >&2
}
# one READ SIDE ROUND PATH: one request alone (its time is the row's "first"),
# then wrk -c1 on PATH.
one() {
  local i=$([[ $2 == A ]] && echo 0 || echo 1) l
  l=$(load)
  FIRST=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer ${TOKENS[$i]}" \
    "${URLS[$i]}$4")
  WARMCITY_TOKEN=${TOKENS[$i]} WARMCITY_PATH=$4 wrk -t1 -c1 -d"${SECS}s" --timeout 60s --latency \
    -s "$LUA" "${URLS[$i]}" >"$DIR/wrk.txt"
  record "$1" "$2" "$3" "$l" "$DIR/wrk.txt" "$(python3 -c "print('%.1f' % ($FIRST * 1e3))")"
  drain "${URLS[$i]}"
}
# health_under_dash SIDE ROUND: health (1 client) while 16 clients take the dashboard's reads.
health_under_dash() {
  local i=$([[ $1 == A ]] && echo 0 || echo 1) l
  l=$(load)
  WARMCITY_TOKEN=${TOKENS[$i]} WARMCITY_PATHS=$DASH wrk -t1 -c16 -d"$((SECS + 4))s" --timeout 60s \
    --latency -s "$LUA" "${URLS[$i]}" >"$DIR/bg.txt" &
  BG_PID=$!
  sleep 2
  WARMCITY_PATH=/api/v1/health wrk -t1 -c1 -d"${SECS}s" --timeout 60s --latency -s "$LUA" \
    "${URLS[$i]}" >"$DIR/health.txt"
  wait "$BG_PID" || true
  BG_PID=
  record "dashboard mix, 16 clients" "$1" "$2" "$l" "$DIR/bg.txt" -
  record "health under the dashboard mix" "$1" "$2" "$l" "$DIR/health.txt" -
  drain "${URLS[$i]}"
}

READS=${READS:-grid subdistrict csv health}
for r in $(seq "$ROUNDS"); do
  order=(A B)
  [[ $((r % 2)) == 0 ]] && order=(B A)
  for read in $READS; do
    for side in "${order[@]}"; do
      case $read in
        grid) one "grid page (worst 50)" "$side" "$r" "/api/v1/rates?month=$MONTH&by=grid&$WORST" ;;
        subdistrict)
          one "sub-district page (50)" "$side" "$r" \
            "/api/v1/rates?month=$MONTH&by=subdistrict&$RANKED"
          ;;
        csv) one "grid CSV (whole table)" "$side" "$r" "/api/v1/rates?month=$MONTH&by=grid&format=csv" ;;
        health) health_under_dash "$side" "$r" ;;
        *) echo "unknown read $read" >&2; exit 2 ;;
      esac
    done
  done
done

echo
echo "A = ${BINS[0]} ${A_ARGS:-}; B = ${BINS[1]} ${B_ARGS:-}; $ROUNDS rounds of ${SECS} s a read"
python3 - "$RESULTS" <<'EOF2'
import statistics, sys
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1])]
print("| read | round | load | A first, p50 / p99 ms | B first, p50 / p99 ms | A non-200 of answers | B non-200 of answers |")
print("|---|---:|---:|---|---|---:|---:|")
reads = list(dict.fromkeys(r[0] for r in rows))
for read in reads:
    for rnd in sorted({r[2] for r in rows if r[0] == read}, key=int):
        a = next(r for r in rows if r[0] == read and r[1] == "A" and r[2] == rnd)
        b = next(r for r in rows if r[0] == read and r[1] == "B" and r[2] == rnd)
        first = lambda x: "" if x[8] == "-" else x[8] + ", "
        print("| %s | %s | %s–%s | %s%s / %s | %s%s / %s | %s of %s | %s of %s |" % (
            read, rnd, min(a[3], b[3]), max(a[3], b[3]), first(a), a[4], a[5], first(b), b[4],
            b[5], a[7], a[6], b[7], b[6]))
def med(read, side, col):
    v = [float(r[col]) for r in rows if r[0] == read and r[1] == side and r[col] != "-"]
    return "%.2f" % statistics.median(v) if v else "-"
print()
print("| read (median of the rounds) | A p50 | A p99 | B p50 | B p99 |")
print("|---|---:|---:|---:|---:|")
for read in reads:
    print("| %s | %s | %s | %s | %s |" % (read, med(read, "A", 4), med(read, "A", 5),
                                          med(read, "B", 4), med(read, "B", 5)))
EOF2
