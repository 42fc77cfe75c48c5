#!/usr/bin/env bash
# Instructions per call of a hackd, counted by valgrind's callgrind: the same
# from run to run whatever else the machine is doing, unlike the CPU-time
# samples of perf on a shared VM (docs/BENCHMARKS.md, "Where the time goes").
# MODE read: Events/Get, per call without the Event's encoding (once per
# millisecond: far more often under valgrind's slowness than at full speed);
# MODE write: durable Ideas/Create, both threads (loop and commits). Leaves
# the profile for callgrind_annotate.
# --cserver: the same calls of the same work in C (bench/cserver) counted
# the same way; a hackd runs beside it, not profiled, for its tokens and its
# Events/Get answer.
#
#   bench/callgrind.sh [--cserver] read|write [HACKD] [DEPTH] [SECONDS]
#   (defaults: .build/release/hackd, 1, 4; needs valgrind and `make -C bench`)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
server=hackd
if [ "${1:-}" = --cserver ]; then server=cserver; shift; fi
mode=${1:-}
case "$mode" in
    read) setup=() ;;
    write) setup=(--teams 50) ;;  # few teams: their creation stays out of the count
    *) echo "usage: $0 [--cserver] read|write [HACKD] [DEPTH] [SECONDS]" >&2; exit 2 ;;
esac
hackd=${2:-$repo/.build/release/hackd}
depth=${3:-1}
seconds=${4:-4}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
[ -x "$repo/bench/build/loadgen" ] && [ -x "$repo/bench/build/same_work_server" ] || make -s -C "$repo/bench"
loadgen=$repo/bench/build/loadgen
work=$(mktemp -d "${TMPDIR:-/tmp}/callgrind-$server-$mode.XXXXXX")
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

# listening FILE: the address a server printed first.
listening() {
    local addr=
    for _ in $(seq 1 600); do
        addr=$(sed -n '1s/^listening on //p' "$1")
        [ -n "$addr" ] && break
        sleep 0.2
    done
    [ -n "$addr" ] || { echo "no 'listening on' in $1" >&2; tail -5 "$work/valgrind.err" >&2; exit 1; }
    echo "$addr"
}

hackd_run=(--db "$work/hackd.db" --demo --demo-tokens "$work/tokens.json" --idle-timeout 0)
if [ "$server" = hackd ]; then
    # valgrind 3.19 cannot read Swift 6.3's DWARF: a copy without it keeps the symbols.
    cp "$hackd" "$work/hackd"
    strip -g "$work/hackd"
    profiled=("$work/hackd" --listen 127.0.0.1:0 "${hackd_run[@]}")
    encode_pattern='encodedEvent_2at.*KF '  # HackApplication.encodedEvent(_:at:), by its mangled name
else
    "$hackd" --listen 127.0.0.1:0 "${hackd_run[@]}" >"$work/hackd.out" 2>"$work/hackd.err" &
    pids+=($!)
    "$loadgen" get --tokens "$work/tokens.json" --server "$(listening "$work/hackd.out")" --quiet >"$work/event.pb"
    "$hackd" init --db "$work/cserver.db" >/dev/null
    profiled=("$repo/bench/build/same_work_server" --db "$work/cserver.db" --tokens "$work/tokens.json"
              --event-answer "$work/event.pb")
    encode_pattern=':encode_event '
fi
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "${profiled[@]}" \
    >"$work/server.out" 2>"$work/valgrind.err" &
pid=$!
pids+=("$pid")
addr=$(listening "$work/server.out")
run=("$loadgen" "$mode" "${setup[@]}" --tokens "$work/tokens.json" --server "$addr" --warmup 0
     --conns 50 --depth "$depth" --quiet)
"${run[@]}" --seconds 1 >/dev/null    # warm-up: handshakes, first encodings
callgrind_control -z "$pid" >/dev/null 2>&1
calls=$("${run[@]}" --seconds "$seconds" | python3 -c 'import json, sys; print(json.load(sys.stdin)["calls"])')
callgrind_control -d "$pid" >/dev/null 2>&1
kill "$pid"; wait "$pid" 2>/dev/null || true
profile="$work/callgrind.out.1"
total=$(callgrind_annotate "$profile" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
inclusive=$(callgrind_annotate --inclusive=yes "$profile" 2>/dev/null)
encode=$(awk -v pattern="$encode_pattern" '$0 ~ pattern && !done {gsub(",", "", $1); print $1; done = 1}' <<<"$inclusive")
# Threads other than the loop (the commits, on libuv's threadpool) all start in start_thread.
background=$(awk '/start_thread/ && !done {gsub(",", "", $1); print $1; done = 1}' <<<"$inclusive")
python3 - "$server" "$calls" "$total" "${encode:-0}" "$depth" "$mode" "${background:-0}" <<'PY'
import sys
server, (calls, total, encode), depth, mode, background = sys.argv[1], map(int, sys.argv[2:5]), sys.argv[5], sys.argv[6], int(sys.argv[7])
print(f"{server}, {mode}, depth {depth}: {calls} calls, {total:,} instructions, {encode:,} of them encoding the Event")
print(f"instructions per call without the encoding: {(total - encode) // calls:,}"
      f" (loop thread {(total - background - encode) // calls:,}, threadpool {background // calls:,})")
PY
echo "profile: $profile (callgrind_annotate --inclusive=yes $profile | swift demangle --simplified)"
