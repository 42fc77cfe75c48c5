#!/usr/bin/env bash
# Checks that the committed generated code is what Proto/ generates today:
# regenerates into a temp dir and compares. Prints each drifted file and
# exits 1 on drift, 0 when everything is fresh. Runs from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."   # repo root
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

scripts/generate.sh "$tmp" >/dev/null

drift=0
for dir in Sources/HackProtocol/Generated Clients/c/generated; do
  # Every file on either side: generated, committed, or both.
  { (cd "$tmp" && find "$dir" -type f); if [[ -d $dir ]]; then find "$dir" -type f; fi; } |
    sort -u > "$tmp/files"
  while read -r f; do
    if [[ ! -f $f ]]; then
      echo "missing (not committed): $f"; drift=1
    elif [[ ! -f $tmp/$f ]]; then
      echo "stale (no longer generated): $f"; drift=1
    elif ! cmp -s "$tmp/$f" "$f"; then
      echo "out of date: $f"; drift=1
    fi
  done < "$tmp/files"
done

if (( drift )); then
  echo "generated code has drifted from Proto/: run scripts/generate.sh" >&2
  exit 1
fi
echo "generated code is fresh"
