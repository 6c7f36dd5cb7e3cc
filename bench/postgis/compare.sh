#!/usr/bin/env bash
# The nearby query in warmcity next to the same query in PostgreSQL + PostGIS,
# on the same synthetic district (bench/facilities/synthetic.h: same
# generator, same seed), for 100,000 and 1,000,000 facilities.
#
# PostGIS: a private cluster (initdb in a temp dir as user postgres, listening
# on 127.0.0.1 at a free port, stopped by its pid at the end), the CSV from
# facilities_gen loaded into a table with a geography(Point) column and a GiST
# index, then pgbench (one client, prepared statements, -T SECONDS) runs
#   SELECT id FROM facilities WHERE kind = 'love_station'
#   ORDER BY geog <-> ST_MakePoint(lon, lat)::geography LIMIT 10
# at random points in the same area; pgbench reports the mean latency per
# query, measured at the client. warmcity: facilities_bench's BM_NearbyKind
# (the same kind filter, 10 nearest, in process) and BM_NearbyKindOpenNow.
# Usage: bench/postgis/compare.sh [BUILD_DIR] [SECONDS] [COUNTS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SECS=${2:-10}
shift $(( $# > 2 ? 2 : $# ))
COUNTS=("$@")
((${#COUNTS[@]})) || COUNTS=(100000 1000000)
scripts/install-deps.sh --bench
cmake --build "$BUILD" --target facilities_gen facilities_bench >/dev/null
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

DIR=$(mktemp -d /tmp/warmcity-postgis.XXXXXX)
chmod 755 "$DIR"
PG_PID=""
# Stops the server by the postmaster's own pid (runuser, whose pid $! is,
# does not pass SIGINT on), then waits for runuser to end with it.
cleanup() {
  local pm="$DIR/pg/data/postmaster.pid"
  [[ -f "$pm" ]] && kill -INT "$(head -1 "$pm")" 2>/dev/null
  [[ -n "$PG_PID" ]] && while kill -0 "$PG_PID" 2>/dev/null; do sleep 0.1; done
  rm -rf "$DIR"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$DIR/pg" && chown postgres: "$DIR/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/pg/data" -A trust -U postgres -E UTF8 >/dev/null
runuser -u postgres -- "$PGBIN/postgres" -D "$DIR/pg/data" -h 127.0.0.1 -p "$PORT" -k "$DIR/pg" \
  -c shared_buffers=256MB -c work_mem=16MB -c maintenance_work_mem=512MB -c fsync=off \
  -c synchronous_commit=off -c max_wal_size=4GB >"$DIR/pg/log.txt" 2>&1 &
PG_PID=$!
for _ in $(seq 100); do "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break; sleep 0.1; done
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
"${PSQL[@]}" -c "CREATE EXTENSION postgis" >/dev/null
echo "PostgreSQL $("${PSQL[@]}" -Atc 'SHOW server_version'), PostGIS $("${PSQL[@]}" -Atc 'SELECT postgis_lib_version()'), port $PORT"

# Random points over the synthetic area (37.500-37.550 N, 111.110-111.170 E).
cat >"$DIR/nearby.sql" <<'SQL'
\set lat 37.5 + random(0, 1000000) * 0.00000005
\set lon 111.11 + random(0, 1000000) * 0.00000006
SELECT id FROM facilities WHERE kind = 'love_station'
ORDER BY geog <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography LIMIT 10;
SQL

ratio() { python3 -c "print(f'{float($1)/float($2):.1f}')"; }
# warmcity: the mean time per query (ns) of one facilities_bench case
# ($2: its arguments; the last 1 makes every query a second later than the one
# before, so no opening-hours state is reused: the conservative number).
wc_ns() {
  "$BUILD/bench/facilities/facilities_bench" --benchmark_filter="^$1/$2\$" \
    --benchmark_min_time=2 --benchmark_format=csv 2>/dev/null | awk -F, 'NR>1 {print $3}'
}

for n in "${COUNTS[@]}"; do
  echo "== $n facilities"
  "$BUILD/bench/facilities/facilities_gen" --count "$n" --csv "$DIR/f.csv" >/dev/null
  "${PSQL[@]}" <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS facilities;
CREATE TABLE facilities (id bigint PRIMARY KEY, kind text NOT NULL, lat float8, lon float8,
                         geog geography(Point, 4326));
\copy facilities (id, kind, lat, lon) FROM '$DIR/f.csv' WITH (FORMAT csv)
UPDATE facilities SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography;
CREATE INDEX facilities_geog ON facilities USING gist (geog);
VACUUM ANALYZE facilities;
SQL
  "${PSQL[@]}" -c "EXPLAIN (COSTS OFF) SELECT id FROM facilities WHERE kind = 'love_station'
    ORDER BY geog <-> ST_SetSRID(ST_MakePoint(111.14, 37.52), 4326)::geography LIMIT 10" \
    | sed 's/^/  plan: /'
  PG_MS=$("$PGBIN/pgbench" -n -M prepared -c 1 -j 1 -T "$SECS" -h 127.0.0.1 -p "$PORT" -U postgres \
    -f "$DIR/nearby.sql" postgres 2>/dev/null | awk '/latency average/ {print $4}')
  PG_NS=$(python3 -c "print(float('$PG_MS') * 1e6)")
  WC_NS=$(wc_ns BM_NearbyKind "$n/0/1")
  WC_OPEN_NS=$(wc_ns BM_NearbyKindOpenNow "$n/1/1")
  printf '  PostGIS  kind + 10 nearest:             %10.1f µs per query (pgbench, client side)\n' \
    "$(python3 -c "print($PG_NS/1000)")"
  printf '  warmcity kind + 10 nearest:             %10.2f µs per query   %sx faster\n' \
    "$(python3 -c "print($WC_NS/1000)")" "$(ratio "$PG_NS" "$WC_NS")"
  printf '  warmcity kind + open at 22:00 + 10:      %10.2f µs per query   %sx faster\n' \
    "$(python3 -c "print($WC_OPEN_NS/1000)")" "$(ratio "$PG_NS" "$WC_OPEN_NS")"
done
echo "(target: warmcity >= 20x faster per query; machine load: $(uptime | sed 's/.*load average/load average/'))"
