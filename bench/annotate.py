#!/usr/bin/env python3
"""Adds the conditions one measurement ran under to its result (RESULT, a
JSON object, rewritten in place): `machine_busy_cores_during`, the cores the
whole machine kept busy from T0 to T1 (BUSY0 and BUSY1: busy jiffies of
/proc/stat's `cpu` line then), and with --fsync, `fsync_before`, the fsync
probe (bench/fsync_probe.py) run right before it.

    annotate.py RESULT BUSY0 BUSY1 T0 T1 [--fsync PROBE.json]
"""
import argparse
import json
import os

ap = argparse.ArgumentParser()
ap.add_argument("result")
ap.add_argument("busy0", type=float)
ap.add_argument("busy1", type=float)
ap.add_argument("t0", type=float)
ap.add_argument("t1", type=float)
ap.add_argument("--fsync")
args = ap.parse_args()

with open(args.result) as f:
    result = json.load(f)
hz = os.sysconf("SC_CLK_TCK")
result["machine_busy_cores_during"] = round((args.busy1 - args.busy0) / hz / (args.t1 - args.t0), 3)
if args.fsync:
    try:
        with open(args.fsync) as f:
            probe = json.load(f)
        result["fsync_before"] = {k: probe.get(k) for k in ("count", "p50_ms", "p99_ms")}
    except (OSError, ValueError) as e:
        result["fsync_before"] = {"failed": str(e)}
with open(args.result, "w") as f:
    json.dump(result, f, indent=2)
