#!/usr/bin/env bash
# Installs what `make bench` needs beyond scripts/install-deps.sh, only when
# missing: Redis (the baseline server and redis-benchmark), the sqlite3 CLI
# (the cold-start database and its scan baseline), a C compiler, make,
# python3 (the report), and libssl-dev (the C server's SHA-256 of tokens). The bench starts its own redis-server on a free port.
# Runs as root (CI, fresh machines) or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh redis-server redis-tools sqlite3 gcc make python3 libssl-dev
