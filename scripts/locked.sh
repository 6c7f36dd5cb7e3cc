#!/usr/bin/env bash
# scripts/locked.sh CMD...: runs CMD, holding the lock file $WARMCITY_BUILD_LOCK
# (flock) when that is set, so that people sharing a machine build one at a
# time. The build steps of scripts/test.sh and scripts/test-sanitize.sh go
# through it. Exit status: CMD's.
set -euo pipefail
if [[ -n "${WARMCITY_BUILD_LOCK:-}" ]]; then
  exec flock "$WARMCITY_BUILD_LOCK" "$@"
fi
exec "$@"
