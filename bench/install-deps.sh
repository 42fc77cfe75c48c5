#!/usr/bin/env bash
# Installs what `make bench` needs beyond scripts/install-deps.sh, only when
# missing: Redis (the baseline server and redis-benchmark), the sqlite3 CLI
# (the cold-start database and its scan baseline), a C compiler, make, and
# python3 (the report). The bench starts its own redis-server on a free port.
# Runs as root (CI, fresh machines) or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

packages=(redis-server redis-tools sqlite3 gcc make python3)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
