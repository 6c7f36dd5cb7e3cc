#!/usr/bin/env bash
# A private PostgreSQL for the tests (docs/testing.md, "PostgreSQL"): one
# cluster in DIR, listening on 127.0.0.1 only, never on a Unix socket.
#
#   scripts/test-postgres.sh start DIR [PORT]   initdb if needed, start, print the admin URL
#   scripts/test-postgres.sh stop DIR           stop it by its pid, remove DIR/data
#   scripts/test-postgres.sh url DIR            print the admin URL of a started cluster
#
# start: PORT given (ctest passes one derived from the build directory, so the
# URL is known when the tests are configured) is used and must be free; without
# it the cluster keeps the port it had, or takes one the kernel says is free.
# Idempotent and quiet: a running cluster on that port is left as it is; the
# only output is the admin URL (also written to DIR/url); the server's own log
# is DIR/server.log, shown on stderr when it fails to start.
#
# The cluster runs as an unprivileged user: as the caller, or, when the caller
# is root (initdb refuses root), as Debian's `postgres` system user, who then
# owns DIR. Authentication from 127.0.0.1 is `trust` for every role except the
# members of the role `password_auth`, which must give their password
# (scram-sha-256): a test makes such a role to try a wrong password.
# synchronous_commit stays on (a COMMIT returns after its WAL is written, as in
# production); fsync is off: it only matters when the machine itself stops, which
# no test does (a killed server or postmaster leaves its writes in the page
# cache), and with it on every DROP DATABASE waited for a checkpoint's flushes
# (2.4-5.9 s each on the 2-core machine, against 0.06 s) and a fresh database's
# migrations took 2.2 s against 0.9 s. Data checksums are on, so reading a
# table whole checks its pages.
# stop signals the postmaster's pid (from DIR/data/postmaster.pid), never a name.
set -euo pipefail

usage() { echo "usage: $0 start DIR [PORT] | stop DIR | url DIR" >&2; exit 2; }
die() { echo "test-postgres: $*" >&2; exit 1; }

[[ $# -ge 2 ]] || usage
cmd=$1
dir=$(realpath -m -- "$2")
port_arg=${3:-}
data="$dir/data"
log="$dir/server.log"

# The newest installed server's programs (Debian keeps them off PATH).
bindir=${PG_BINDIR:-}
if [[ -z "$bindir" ]]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$bindir" ]] || bindir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
fi
[[ -x "$bindir/initdb" && -x "$bindir/pg_ctl" ]] ||
  die "no PostgreSQL server programs found (scripts/install-deps.sh installs postgresql)"
psql_bin=$(command -v psql || echo "$bindir/psql")

# as_owner CMD...: runs CMD as the cluster's owner.
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user (apt-get install postgresql)"
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

# running: true when DIR/data's postmaster is alive (pid file and process agree).
postmaster_pid() { [[ -f "$data/postmaster.pid" ]] && head -n 1 "$data/postmaster.pid" || true; }
running() {
  local pid
  pid=$(postmaster_pid)
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres || "$(cat "/proc/$pid/comm" 2>/dev/null)" == postmaster ]]
}

configured_port() { sed -n "s/^port = \([0-9]*\).*/\1/p" "$data/postgresql.conf" | tail -n 1; }

free_port() {
  if command -v node >/dev/null; then
    node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
  else
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
  fi
}

admin_url() { echo "postgresql://postgres@127.0.0.1:$(configured_port)/postgres"; }

stop_cluster() {
  local pid deadline
  pid=$(postmaster_pid)
  running || return 0
  # SIGINT: PostgreSQL's "fast" shutdown (roll back open transactions, checkpoint, exit).
  kill -INT "$pid"
  deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || die "postmaster $pid did not stop in 60 s (see $log)"
    sleep 0.1
  done
}

init_cluster() {
  mkdir -p "$dir"
  [[ $(id -u) -ne 0 ]] || chown postgres: "$dir"
  as_owner test -w "$dir" || die "$dir is not writable by $(as_owner id -un) (is a parent directory private?)"
  rm -rf "$data"
  # --no-sync skips initdb's own final flush of the new files.
  as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --data-checksums \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  as_owner tee -a "$data/postgresql.conf" >/dev/null <<'EOF'

# scripts/test-postgres.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = on
full_page_writes = on
max_connections = 400
password_encryption = 'scram-sha-256'
EOF
  as_owner tee "$data/pg_hba.conf" >/dev/null <<'EOF'
# scripts/test-postgres.sh: TCP on 127.0.0.1 only; members of password_auth give a password.
host  all  +password_auth  127.0.0.1/32  scram-sha-256
host  all  all             127.0.0.1/32  trust
EOF
}

set_port() {
  as_owner sed -i '/^port = /d' "$data/postgresql.conf"
  echo "port = $1" | as_owner tee -a "$data/postgresql.conf" >/dev/null
}

start_cluster() {
  [[ -f "$data/PG_VERSION" ]] || init_cluster
  local port=$port_arg
  if running; then
    if [[ -z "$port" || "$port" == "$(configured_port)" ]]; then
      admin_url | tee "$dir/url"
      return
    fi
    stop_cluster
  fi
  [[ -n "$port" ]] || port=$(configured_port)
  [[ -n "$port" ]] || port=$(free_port)
  [[ "$port" =~ ^[0-9]+$ ]] || die "bad port: $port"
  set_port "$port"
  rm -f "$data/postmaster.pid"  # a stale one from a killed cluster (running() said no)
  if ! as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 -s start >/dev/null 2>&1; then
    tail -n 20 "$log" >&2 || true
    die "the cluster in $data did not start on 127.0.0.1:$port (see $log)"
  fi
  local url
  url=$(admin_url)
  "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$url" -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'password_auth') THEN
        CREATE ROLE password_auth NOLOGIN;
      END IF; END \$\$;" >/dev/null
  echo "$url" >"$dir/url"
  echo "$url"
}

case "$cmd" in
  start) start_cluster ;;
  stop)
    stop_cluster
    rm -rf "$data" "$dir/url"
    ;;
  url)
    running || die "no cluster running in $data"
    admin_url
    ;;
  *) usage ;;
esac
