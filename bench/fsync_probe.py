#!/usr/bin/env python3
"""The disk's floor for durable writes: appends 4 KiB to a file in DIR and
fsyncs it, --count times; prints the latency (p50, p99, max in ms) as JSON.
Every acknowledged write of hackd (and of Redis with appendfsync always)
waits for at least one such sync, so this bounds commits per second and the
lateness of anything that is pushed only once durable (run transitions).
With --seconds it stops after that long even short of --count: `make bench`
probes for 0.5 s right before each durable-write round, as the disk's speed
changes within minutes on a shared machine.

    fsync_probe.py DIR [--count 300] [--seconds S]
"""
import argparse
import json
import os
import time

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--count", type=int, default=300)
ap.add_argument("--seconds", type=float, default=0.0, help="stop after this long (0: only --count)")
args = ap.parse_args()

path = os.path.join(args.dir, "fsync-probe.tmp")
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
block = b"\0" * 4096
latencies = []
deadline = time.perf_counter() + args.seconds if args.seconds > 0 else float("inf")
try:
    while len(latencies) < args.count and (len(latencies) < 5 or time.perf_counter() < deadline):
        os.write(fd, block)
        start = time.perf_counter()
        os.fsync(fd)
        latencies.append((time.perf_counter() - start) * 1000.0)
finally:
    os.close(fd)
    os.unlink(path)
latencies.sort()


def quantile(q):
    return round(latencies[min(len(latencies) - 1, max(0, int(q * len(latencies) + 0.999999) - 1))], 3)


print(json.dumps({"mode": "fsync", "count": len(latencies), "p50_ms": quantile(0.5), "p99_ms": quantile(0.99),
                  "max_ms": round(latencies[-1], 3), "syncs_per_s_one_at_a_time": round(1000.0 / quantile(0.5), 1),
                  "ok": True}, indent=2))
