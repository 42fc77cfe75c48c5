#!/usr/bin/env python3
"""One round of a redis-benchmark test, printed as one JSON object: a
warm-up pass of about --warmup seconds, then a measured pass of about
--seconds. redis-benchmark counts requests, not time, so each pass gets
`-n` from the rate of the pass before it (the warm-up's from a first pass of
2,000 requests, which its connection setup makes look slow). A rate that
changes midway (the disk's, for SET) makes a pass shorter or longer. The
result is the measured pass's last CSV row (PING_MBULK for `-t ping`: the
real RESP command, not the inline form), with the CPU shares during it, as
the load generator reports them for hackd: the server's (--server-pid),
redis-benchmark's, and everything else's.

    redis_csv.py [--seconds 4] [--warmup 1] [--server-pid PID] redis-benchmark -p PORT -c 50 --csv -t set
"""
import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import time

FIRST_PASS = 2000
MAX_REQUESTS = 5_000_000
HZ = os.sysconf("SC_CLK_TCK")


def machine_busy_s():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / HZ  # user nice system irq softirq steal


def process_cpu_s(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / HZ  # utime, stime
    except (OSError, IndexError, ValueError):
        return None


def children_cpu_s():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_pass(command, n):
    """redis-benchmark with -n N (options go before the command it sends): its CSV rows."""
    out = subprocess.run(command[:1] + ["-n", str(n)] + command[1:], check=True, capture_output=True,
                         text=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    if not rows:
        sys.exit(f"no result from {' '.join(command)}: {out!r}")
    return rows


def requests_for(rows, seconds):
    return int(min(MAX_REQUESTS, max(FIRST_PASS, float(rows[-1]["rps"]) * seconds)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--warmup", type=float, default=1.0)
    ap.add_argument("--server-pid", type=int)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()

    rows = run_pass(args.command, FIRST_PASS)
    if args.warmup > 0:
        rows = run_pass(args.command, requests_for(rows, args.warmup))
    n = requests_for(rows, args.seconds)
    server0, self0, busy0 = process_cpu_s(args.server_pid), children_cpu_s(), machine_busy_s()
    t0 = time.monotonic()
    rows = run_pass(args.command, n)
    secs = time.monotonic() - t0
    server1, self1, busy1 = process_cpu_s(args.server_pid), children_cpu_s(), machine_busy_s()

    server = (server1 - server0) / secs if server0 is not None and server1 is not None else -1
    bench = (self1 - self0) / secs
    busy = (busy1 - busy0) / secs
    row = rows[-1]
    print(json.dumps({
        "mode": "redis-benchmark",
        "command": " ".join(args.command[:1] + ["-n", str(n)] + args.command[1:]),
        "test": row["test"],
        "requests": n,
        "seconds": round(secs, 3),
        "rate": float(row["rps"]),
        "p50_ms": float(row["p50_latency_ms"]),
        "p99_ms": float(row["p99_latency_ms"]),
        "max_ms": float(row["max_latency_ms"]),
        "server_cpu": round(server, 3),
        "loadgen_cpu": round(bench, 3),
        "machine_busy_cores": round(busy, 3),
        # Cores busy with anything but the server and redis-benchmark: the noise of a shared machine.
        "others_cpu": round(max(0.0, busy - bench - max(server, 0.0)), 3),
        "all": rows,
        "ok": True,
    }, indent=2))


if __name__ == "__main__":
    main()
