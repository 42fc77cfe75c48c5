#!/usr/bin/env bash
# `make bench`: builds release binaries, runs every figure of issue 7 against
# hackd and its baselines (the raw echo server, Redis, sqlite3, and the same
# calls in plain C: bench/cserver) in one run,
# prints one table and writes the JSON to $BENCH_JSON (when set).
# docs/BENCHMARKS.md says what each figure measures.
#
# Each figure and its baselines are measured in alternating rounds (hackd,
# baseline, baseline, hackd, hackd, baseline, …), with the servers kept
# running, so that both sides see the same drifting conditions of a shared
# machine; report.py gives the median of each side's rounds and the median of
# the per-round ratios.
#
# Environment (defaults in brackets):
#   BENCH_SCRATCH   SwiftPM scratch path [.build]
#   BENCH_CONFIG    hackd build: release or debug [release; debug for the smoke run]
#   BENCH_HACKD     a hackd binary to measure instead of building one
#   BENCH_JSON      where to write the JSON array of figures [none]
#   BENCH_WORK      databases, logs, results and the cold-start cache [.bench]
#   BENCH_SMOKE=1   one round of every mode for about a second, small counts: checks the harness
#   BENCH_ONLY      measure only these results (prefixes, e.g. "write redis_set"); the
#                   others are left "not measured"
#   BENCH_ROUNDS_AB rounds of each side of each compared figure [3; 1 for the smoke run]
#   BENCH_SECONDS, BENCH_WARMUP (of each round), BENCH_WATCHERS, BENCH_IDLE_CONNS, BENCH_PHASES,
#   BENCH_PHASE_MS, BENCH_ROUNDS (fan-out: Skips per round), BENCH_COLD_EVENTS (×500 teams ×100 ideas)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

smoke=${BENCH_SMOKE:-0}
if [ "$smoke" = 1 ]; then
    config=${BENCH_CONFIG:-debug}
    rounds_ab=${BENCH_ROUNDS_AB:-1}
    seconds=${BENCH_SECONDS:-1}; warmup=${BENCH_WARMUP:-0.3}
    watchers=${BENCH_WATCHERS:-200}; idle_conns=${BENCH_IDLE_CONNS:-200}; skips=${BENCH_ROUNDS:-2}
    phases=${BENCH_PHASES:-5}; phase_ms=${BENCH_PHASE_MS:-100}
    cold_events=${BENCH_COLD_EVENTS:-1}; cold_teams=20; cold_ideas=10
    cold_runs=1
else
    config=${BENCH_CONFIG:-release}
    rounds_ab=${BENCH_ROUNDS_AB:-3}
    seconds=${BENCH_SECONDS:-4}; warmup=${BENCH_WARMUP:-1}
    watchers=${BENCH_WATCHERS:-10000}; idle_conns=${BENCH_IDLE_CONNS:-10000}; skips=${BENCH_ROUNDS:-5}
    phases=${BENCH_PHASES:-50}; phase_ms=${BENCH_PHASE_MS:-200}
    cold_events=${BENCH_COLD_EVENTS:-20}; cold_teams=500; cold_ideas=100
    cold_runs=3
fi
scratch=${BENCH_SCRATCH:-.build}
work=${BENCH_WORK:-$repo/.bench}
run=$work/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$run/results" "$work/cache"
ln -sfn "$(basename "$run")" "$work/latest"
cat /proc/loadavg >"$run/loadavg-start"

say() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ------------------------------------------------------------------- processes
# Every process this script starts is stopped by its pid on the way out.
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

# start NAME CMD... : runs CMD in the background, waits for `listening on
# HOST:PORT` on its stdout; sets PID and ADDR.
start() {
    local name=$1; shift
    : >"$run/$name.out"
    "$@" >"$run/$name.out" 2>"$run/$name.err" &
    PID=$!
    pids+=("$PID")
    local i
    for i in $(seq 1 600); do
        if ADDR=$(sed -n '1s/^listening on //p' "$run/$name.out") && [ -n "$ADDR" ]; then
            return 0
        fi
        if ! kill -0 "$PID" 2>/dev/null; then
            say "$name exited before listening:"; tail -5 "$run/$name.err" >&2; return 1
        fi
        sleep 0.1
    done
    say "$name did not listen within 60 s"; return 1
}

# stop PID NAME: SIGTERM, then SIGKILL after 30 s. A server that was already
# gone, or that exits with an error, is reported: a crash under load is a finding.
stop() {
    local pid=$1 name=${2:-pid $1} i status=0
    if ! kill "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || status=$?
        say "$name had exited during the run (status $status): see its log in $run"
        failures=$((failures + 1))
        return 0
    fi
    for i in $(seq 1 300); do
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null || status=$?
            [ "$status" -eq 0 ] || say "$name exited with status $status after SIGTERM: see its log in $run"
            return 0
        fi
        sleep 0.1
    done
    say "$name still running 30 s after SIGTERM: killing it"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# measure [--fsync] NAME CMD... : runs one measurement, its JSON into
# results/NAME.json; a failure is recorded (and reported in the table), the run
# goes on. Each result also gets the conditions it ran under (bench/annotate.py):
# the cores the whole machine kept busy meanwhile (from /proc/stat: on a shared
# machine, what the other tenants used is noise) and, with --fsync, a 0.5 s fsync
# probe of the disk run right before it.
failures=0
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
want() {
    [ -z "${BENCH_ONLY:-}" ] && return 0
    local p
    for p in ${BENCH_ONLY//,/ }; do
        case "$1" in "$p"*) return 0 ;; esac
    done
    return 1
}
measure() {
    local probe=()
    if [ "$1" = --fsync ]; then
        shift
        probe=(--fsync "$run/results/$1.fsync")
    fi
    local name=$1; shift
    want "$name" || return 0
    say "$name"
    if [ ${#probe[@]} -gt 0 ]; then
        python3 bench/fsync_probe.py "$run" --seconds 0.5 --count 2000 >"${probe[1]}" || true
    fi
    local b0 t0 rc=0
    b0=$(busy); t0=$(date +%s.%N)
    "$@" >"$run/results/$name.json" 2>"$run/results/$name.err" || rc=$?
    if [ "$rc" -eq 0 ]; then
        python3 bench/annotate.py "$run/results/$name.json" "$b0" "$(busy)" "$t0" "$(date +%s.%N)" "${probe[@]}"
        rm -f "$run/results/$name.fsync"
        return 0
    fi
    failures=$((failures + 1))
    say "$name FAILED:"; tail -5 "$run/results/$name.err" >&2
    python3 -c 'import json,sys; print(json.dumps({"failed": True, "stderr": open(sys.argv[1]).read()[-2000:]}))' \
        "$run/results/$name.err" >"$run/results/$name.json"
}

# interleave SIDE... : SIDE is a function that measures one round of one side
# of a figure, given the round number. Runs every side once per round, for
# $rounds_ab rounds, every other round in reverse order (A B, B A, A B): a
# drift of the machine's conditions weighs on both sides alike.
interleave() {
    local i j
    for i in $(seq 1 "$rounds_ab"); do
        if [ $((i % 2)) = 1 ]; then
            for ((j = 1; j <= $#; j++)); do "${!j}" "$i"; done
        else
            for ((j = $#; j >= 1; j--)); do "${!j}" "$i"; done
        fi
    done
}

# field NAME KEY: a number from results/NAME.json (empty when missing).
field() {
    python3 -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print("" if v is None else v)' \
        "$run/results/$1.json" "$2" 2>/dev/null || true
}

# ----------------------------------------------------------------------- build
say "dependencies"
bench/install-deps.sh
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [ -n "${BENCH_HACKD:-}" ]; then
    hackd=$(cd "$(dirname "$BENCH_HACKD")" && pwd)/$(basename "$BENCH_HACKD")
    config="given: $hackd"
    say "building bench/ (loadgen, echo_server, sqlite_writes, same_work_server); hackd is $hackd"
else
    say "building hackd ($config, scratch path $scratch) and bench/ (loadgen, echo_server, sqlite_writes, same_work_server)"
    swift build -c "$config" --product hackd --scratch-path "$scratch" >"$run/build.log" 2>&1 \
        || { tail -20 "$run/build.log" >&2; exit 1; }
    hackd=$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)/hackd
fi
make -s -C bench >>"$run/build.log" 2>&1 || { tail -20 "$run/build.log" >&2; exit 1; }
loadgen=$repo/bench/build/loadgen
echo_server=$repo/bench/build/echo_server
sqlite_writes=$repo/bench/build/sqlite_writes
same_work_server=$repo/bench/build/same_work_server

calls=(--seconds "$seconds" --warmup "$warmup" --quiet)
hackd_limits=(--idle-timeout 0 --max-connections 20000)

# The disk under both databases: how long one fsync takes (each durable-write round probes it again).
measure fsync python3 bench/fsync_probe.py "$run"

# ------------------------------------------------------- figure 4: idle memory
# Fresh servers, before anything else runs: nothing allocated before but their start.
rm -f "$run"/idle.db*
start hackd-idle "$hackd" --listen 127.0.0.1:0 --db "$run/idle.db" --demo --demo-tokens "$run/tokens-idle.json" \
    "${hackd_limits[@]}"
measure idle "$loadgen" idle --tokens "$run/tokens-idle.json" --server "$ADDR" --server-pid "$PID" --quiet \
    --watchers "$idle_conns"
stop "$PID" hackd-idle
start echo-idle "$echo_server"
measure echo_idle "$loadgen" idle --raw --server "$ADDR" --server-pid "$PID" --quiet --watchers "$idle_conns"
stop "$PID" echo-idle

# --------------------------------------------------------------------- servers
# hackd, Redis and the echo server stay up across the rounds of every figure.
rm -f "$run"/hackd.db*
start hackd "$hackd" --listen 127.0.0.1:0 --db "$run/hackd.db" --demo --demo-tokens "$run/tokens.json" \
    "${hackd_limits[@]}"
hackd_pid=$PID; hackd_addr=$ADDR
say "hackd $config on $hackd_addr (pid $hackd_pid), database $run/hackd.db"
tok=(--tokens "$run/tokens.json" --server "$hackd_addr" --server-pid "$hackd_pid")

# On the same filesystem as hackd's database; appendfsync always: every SET is on disk before its answer.
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$run/redis"
redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$run/redis" --appendonly yes --appendfsync always \
    --save '' --daemonize no --logfile "$run/redis/redis.log" &
redis_pid=$!
pids+=("$redis_pid")
for _ in $(seq 1 100); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
done
say "redis-server $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p') on 127.0.0.1:$redis_port (pid $redis_pid)"
# One round of a test: a warm-up pass of $warmup s, then about $seconds s measured.
redis=(python3 bench/redis_csv.py --seconds "$seconds" --warmup "$warmup" --server-pid "$redis_pid"
       redis-benchmark -h 127.0.0.1 -p "$redis_port" -c 50 --csv)

# The echo server answers with frames as large as hackd's (its reply to
# Events/Get), known once hackd has answered: it starts on the first echo round.
echo_pid=
echo_up() {
    [ -n "$echo_pid" ] && return 0
    local resp
    resp=$(field read_c50.1 resp_frame_bytes); resp=${resp:-569}
    start echo "$echo_server" --reply-body $((resp - 9)) --broadcast-kind 42
    echo_pid=$PID; echo_addr=$ADDR
    say "echo server on $echo_addr (pid $echo_pid), replies of $resp bytes"
}

# The same calls as hackd, doing the same work, in plain C (bench/cserver), for
# scale, measured right next to hackd in each round (in a first run, the rounds
# right after SQLite alone's ~1 GB of writes ran slower): hackd's tokens, its answer to Events/Get (fetched once: the C server
# serves it as an event of its state), and a database of its own made by
# `hackd init`. Started on its first round, if any.
cserver_pid=
cserver_up() {
    [ -n "$cserver_pid" ] && return 0
    "$loadgen" get --tokens "$run/tokens.json" --server "$hackd_addr" --quiet >"$run/event-answer.pb"
    rm -f "$run"/cserver.db*
    "$hackd" init --db "$run/cserver.db" >/dev/null
    # shellcheck disable=SC2086 # BENCH_CSERVER_FLAGS: its options, words apart
    start cserver "$same_work_server" --db "$run/cserver.db" --tokens "$run/tokens.json" \
        --event-answer "$run/event-answer.pb" ${BENCH_CSERVER_FLAGS:-}
    cserver_pid=$PID; cserver_addr=$ADDR
    say "same_work_server on $cserver_addr (pid $cserver_pid), database $run/cserver.db"
}
# cserver_calls NAME MODE ARGS...: one round of loadgen MODE against it.
cserver_calls() {
    local name=$1 mode=$2 probe=(); shift 2
    want "$name" || return 0
    cserver_up
    [ "$mode" = write ] && probe=(--fsync)
    measure "${probe[@]}" "$name" "$loadgen" "$mode" --tokens "$run/tokens.json" --server "$cserver_addr" \
        --server-pid "$cserver_pid" "${calls[@]}" --conns 50 "$@"
}

# ------------------------------------------------------------- figure 1: reads
read_hackd() { measure "read_c50.$1" "$loadgen" read "${tok[@]}" "${calls[@]}" --conns 50 --depth 1; }
read_echo() {
    echo_up
    measure "echo_c50.$1" "$loadgen" echo --server "$echo_addr" --server-pid "$echo_pid" "${calls[@]}" --conns 50 --depth 1
}
# PING as a command (RESP, like -t ping's PING_MBULK), without the inline variant.
read_redis() { measure "redis_ping.$1" "${redis[@]}" ping; }
read_cserver() { cserver_calls "cserver_c50.$1" read --depth 1; }
interleave read_hackd read_cserver read_echo read_redis

read16_hackd() { measure "read_c50_d16.$1" "$loadgen" read "${tok[@]}" "${calls[@]}" --conns 50 --depth 16; }
read16_echo() {
    echo_up
    measure "echo_c50_d16.$1" "$loadgen" echo --server "$echo_addr" --server-pid "$echo_pid" "${calls[@]}" \
        --conns 50 --depth 16
}
read16_redis() { measure "redis_ping_p16.$1" "${redis[@]}" -P 16 ping; }
read16_cserver() { cserver_calls "cserver_c50_d16.$1" read --depth 16; }
interleave read16_hackd read16_cserver read16_echo read16_redis

# --------------------------------------------------------- figure 6: the clock
clock_load() {
    measure "transitions_load.$1" "$loadgen" transitions "${tok[@]}" --warmup "$warmup" --quiet --conns 50 \
        --phases "$phases" --phase-ms "$phase_ms"
}
clock_idle() {
    measure "transitions_idle.$1" "$loadgen" transitions "${tok[@]}" --quiet --conns 0 --phases "$phases" \
        --phase-ms "$phase_ms"
}
interleave clock_load clock_idle

# ---------------------------------------------------- figure 2: durable writes
# Each hackd round creates its own events and teams; each round of either side
# is right after a 0.5 s fsync probe.
write_hackd() { measure --fsync "write_c50.$1" "$loadgen" write "${tok[@]}" "${calls[@]}" --conns 50 --depth 1; }
write_redis() { measure --fsync "redis_set.$1" "${redis[@]}" -t set; }
# The storage's own ceiling: hackd's rows and statements straight into SQLite on
# one thread, 50 writes a commit, no network (bench/storage/sqlite_writes.c).
write_storage() {
    [ -f "$run/storage.db" ] || "$hackd" init --db "$run/storage.db" >/dev/null
    measure --fsync "sqlite_writes.$1" "$sqlite_writes" --db "$run/storage.db" --seconds "$seconds" --warmup "$warmup"
}
write_cserver() { cserver_calls "cserver_write_c50.$1" write --depth 1; }
interleave write_hackd write_cserver write_redis write_storage
rm -f "$run"/storage.db*  # ~1 GB of ideas written for the rate alone: nothing to look at afterwards

# ----------------------------------------------------------- figure 3: fan-out
# Each hackd round watches an event of its own; the echo server broadcasts a
# frame as large as hackd's `run` item.
fanout_hackd() { measure "fanout.$1" "$loadgen" watch "${tok[@]}" --quiet --watchers "$watchers" --rounds "$skips"; }
fanout_echo() {
    echo_up
    local item
    item=$(field fanout.1 item_frame_bytes); item=${item:-580}
    measure "echo_fanout.$1" "$loadgen" watch --raw --server "$echo_addr" --quiet --watchers "$watchers" \
        --rounds "$skips" --request-bytes $((item - 9))
}
interleave fanout_hackd fanout_echo

stop "$hackd_pid" hackd
stop "$redis_pid" redis
[ -z "$echo_pid" ] || stop "$echo_pid" echo
if [ -n "$cserver_pid" ]; then
    stop "$cserver_pid" cserver
    rm -f "$run"/cserver.db*  # its ideas were written for the rate alone, like SQLite alone's
fi

# ------------------------------------------------------------------ cold start
# The database is made once per schema and generator, then cached in $work/cache.
rm -f "$run"/schema.db*
"$hackd" init --db "$run/schema.db" >/dev/null
key=$( { sqlite3 "$run/schema.db" .schema; cat bench/coldstart/generate.sql;
         echo "$cold_events $cold_teams $cold_ideas"; } | sha256sum | cut -c1-16)
scale=$((cold_events * cold_teams * cold_ideas))
cold_db=$work/cache/cold-$scale-$key.db
if want coldstart && [ ! -f "$cold_db" ]; then
    say "generating the cold-start database ($scale ideas) into $cold_db"
    rm -f "$work/cache/cold-$scale-"*  # an older schema's
    cp "$run/schema.db" "$cold_db.tmp"
    sqlite3 "$cold_db.tmp" -cmd ".parameter set @events $cold_events" -cmd ".parameter set @teams $cold_teams" \
        -cmd ".parameter set @ideas $cold_ideas" <bench/coldstart/generate.sql >/dev/null
    mv "$cold_db.tmp" "$cold_db"
fi
measure coldstart python3 bench/coldstart/measure.py --hackd "$hackd" --db "$cold_db" --runs "$cold_runs"

# ---------------------------------------------------------------------- report
say "done; raw results in $run/results"
python3 bench/report.py --run "$run" --config "$config" ${BENCH_JSON:+--json "$BENCH_JSON"} \
    $([ "$smoke" = 1 ] && echo --smoke) $([ -n "${BENCH_ONLY:-}" ] && echo --partial)
if [ "$failures" -gt 0 ]; then
    say "$failures measurement(s) failed"
    exit 1
fi
