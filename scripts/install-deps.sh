#!/usr/bin/env bash
# Installs the system packages hackd builds against, only when missing,
# plus any package named as an argument (bench/install-deps.sh adds its own).
# Runs as root (CI, fresh machines) or through sudo.
set -euo pipefail

packages=(pkg-config libuv1-dev libsqlite3-dev libprotobuf-c-dev protobuf-compiler protobuf-c-compiler tzdata "$@")
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
