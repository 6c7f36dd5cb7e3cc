#!/usr/bin/env bash
# Installs what warmcity needs to build, run and test, and nothing that is
# already there: quiet and fast when all is present. Idempotent.
#   scripts/install-deps.sh          build + test dependencies
#   scripts/install-deps.sh --bench  also the benchmark peers (wrk, PostGIS 3)
#   scripts/install-deps.sh --fuzz   also clang and its libFuzzer runtime
#                                    (make fuzz, scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

# g++ brings what make test's sanitizer build links (libasan8, libubsan1; for
# make test-sanitize's TSan, libtsan2: all through libgcc-12-dev) and
# binutils' readelf (tests/http/lib/slow.mjs).
packages=(
  g++ cmake ninja-build ccache pkg-config make
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libspdlog-dev libfmt-dev
  libcli11-dev libsodium-dev libgtest-dev libgmock-dev libbenchmark-dev clang-format
  nodejs npm chromium fonts-wqy-microhei curl ca-certificates
  systemd  # systemd-analyze checks the shipped units (tests/http/install.test.mjs)
  # The PostgreSQL engine (libpqxx 6.4) and the tests' private PostgreSQL 15
  # (scripts/test-postgres.sh runs it as the `postgres` user the package creates).
  libpqxx-dev postgresql
  # nginx in front of two servers on one database (tests/http/lib/cluster.mjs),
  # also the HTTP benchmarks' peer (bench/http/compare.sh).
  nginx-light
  # The red proxy cards' QR codes (src/eldercare/card_qr.cpp).
  libqrencode-dev
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(wrk postgresql-15-postgis-3)
fi
if [[ "${1:-}" == "--fuzz" ]]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  # node may come from elsewhere (e.g. a NodeSource or image install): accept it.
  if [[ "$p" == nodejs || "$p" == npm ]] && command -v "${p/nodejs/node}" >/dev/null 2>&1; then
    continue
  fi
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  # policy-rc.d keeps package scripts from starting services (nginx, the
  # PostgreSQL cluster) on install; the benchmarks start private ones.
  if [[ -z "$SUDO" && ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# Browser-side and test-only npm packages, pinned in package-lock.json.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  touch node_modules/.package-lock.json
fi

# The browser libraries (Leaflet, ECharts) from node_modules into the gitignored
# web/vendor/<package>@<version>/ the server serves (scripts/vendor-web.mjs).
node scripts/vendor-web.mjs
