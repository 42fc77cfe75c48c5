#!/usr/bin/env python3
"""Runs a redis-benchmark command line given with --csv and prints its
result as one JSON object: the rate and latencies of the last test it ran
(PING_MBULK for `-t ping`: the real RESP command, not the inline form).

    redis_csv.py redis-benchmark -p PORT -c 50 --csv -n N -t set
"""
import csv
import io
import json
import subprocess
import sys

out = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True).stdout
rows = list(csv.DictReader(io.StringIO(out)))
if not rows:
    sys.exit(f"no result from {' '.join(sys.argv[1:])}: {out!r}")
row = rows[-1]
print(json.dumps({
    "mode": "redis-benchmark",
    "command": " ".join(sys.argv[1:]),
    "test": row["test"],
    "rate": float(row["rps"]),
    "p50_ms": float(row["p50_latency_ms"]),
    "p99_ms": float(row["p99_latency_ms"]),
    "max_ms": float(row["max_latency_ms"]),
    "all": rows,
    "ok": True,
}, indent=2))
