# shellcheck shell=bash
# Sourced by engines.sh and pg-ab.sh (not run alone): their private PostgreSQL,
# one warmcity on a fresh demo district for a wrk run of POST /api/v1/appeals,
# and wrk's figures. The caller keeps WC_PID for its cleanup trap.

# bench_cluster DIR [EXTRA_CONF_LINE…]: starts a private cluster in DIR
# (scripts/test-postgres.sh: 127.0.0.1, fsync and synchronous_commit on) that
# also listens on a Unix socket in DIR, with the extra postgresql.conf lines
# given (e.g. shared_preload_libraries), and sets PG_TCP_URL and
# PG_SOCKET_URL to its database `bench` (not created here) over TCP and over
# the socket, and PG_ADMIN_URL to its admin database.
bench_cluster() {
  local dir=$1
  shift
  PG_ADMIN_URL=$(scripts/test-postgres.sh start "$dir")
  local as_owner=()
  [[ $(id -u) -eq 0 ]] && as_owner=(runuser -u postgres --)
  {
    echo "unix_socket_directories = '$dir'"
    local line
    for line in "$@"; do echo "$line"; done
  } | "${as_owner[@]}" tee -a "$dir/data/postgresql.conf" >/dev/null
  echo "local all all trust" | "${as_owner[@]}" tee -a "$dir/data/pg_hba.conf" >/dev/null
  local pg_ctl
  pg_ctl=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl
  "${as_owner[@]}" "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s restart >/dev/null
  # shellcheck disable=SC2034 # the caller's
  PG_TCP_URL=${PG_ADMIN_URL%/*}/bench
  local port=${PG_ADMIN_URL##*:}
  port=${port%%/*}
  # shellcheck disable=SC2034 # the caller's
  PG_SOCKET_URL="postgresql://postgres@/bench?host=$dir&port=$port"
}

# serve_demo BIN DB DATA_DIR LOG_PREFIX LABEL: records the demo district in DB,
# starts warmcity with anonymous writes unthrottled (WC_PID) and sets SERVED_URL;
# exits the script with warmcity's errors when it does not start.
serve_demo() {
  local bin=$1 db=$2 data=$3 log=$4 label=$5
  rm -rf "$data"
  mkdir -p "$data"
  "$bin" demo --db "$db" --data-dir "$data" >/dev/null
  "$bin" serve --db "$db" --data-dir "$data" --listen 127.0.0.1 --port 0 --access-log off \
    --log-level warn --anonymous-writes-per-minute 0 \
    --anonymous-writes-per-minute-per-network 0 >"$log.out" 2>"$log.err" &
  WC_PID=$!
  SERVED_URL=
  for _ in $(seq 100); do
    SERVED_URL=$(grep -o 'http://[0-9.:]*' "$log.out" 2>/dev/null || true)
    [[ -n "$SERVED_URL" ]] && return 0
    sleep 0.1
  done
  echo "warmcity $label did not start:" >&2
  cat "$log.err" >&2
  exit 1
}

# stop_served: stops the warmcity serve_demo started.
stop_served() {
  kill "$WC_PID"
  wait "$WC_PID" 2>/dev/null || true
  WC_PID=
}

# wrk_figures WRK_OUTPUT: prints "REQ/S NON201" of one wrk run (post-appeal.lua's non-201 lines).
wrk_figures() {
  echo "$(awk '/Requests\/sec/ {print $2}' "$1") $(awk -F': ' '/non-201/ {s += $2} END {print s + 0}' "$1")"
}
