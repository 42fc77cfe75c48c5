#!/usr/bin/env python3
"""Figure 5, cold start: the time from launching hackd on a database to its
`listening on` line (the first line it prints), median of --runs; and the
baseline, a raw sqlite3 scan of the same rows hackd loads (both idea tables),
median of --runs. Launches and scans alternate (launch, scan, launch, scan, …)
so that both see the same conditions: `runs_s[i]` pairs with `scan_runs_s[i]`.
Prints one JSON object.

    measure.py --hackd PATH --db PATH [--runs 3]
"""
import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time

SCAN_IDEAS = "SELECT sum(length(title) + length(pitch) + length(body)) FROM ideas"
SCAN = ("SELECT (SELECT sum(length(title) + length(pitch) + length(body)) FROM ideas)"
        " + (SELECT coalesce(sum(length(title) + length(pitch) + length(body)), 0) FROM idea_revisions)")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def launch(hackd, db):
    """Seconds from launch to `listening on`, and the RSS then."""
    start = time.monotonic()
    proc = subprocess.Popen([hackd, "--listen", "127.0.0.1:0", "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    elapsed = time.monotonic() - start
    rss = rss_kib(proc.pid) if line.startswith("listening on") else -1
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    if not line.startswith("listening on"):
        sys.exit(f"hackd did not start on {db}: {err.strip()[-2000:]}")
    return elapsed, rss


def scan(db, sql=SCAN):
    start = time.monotonic()
    out = subprocess.run(["sqlite3", db, sql], check=True, capture_output=True, text=True).stdout
    return time.monotonic() - start, int(out.strip() or 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hackd", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    counts = subprocess.run(["sqlite3", args.db, "SELECT count(*) FROM ideas; SELECT count(*) FROM teams;"
                             " SELECT count(*) FROM events;"], check=True, capture_output=True,
                            text=True).stdout.split()
    scan(args.db)  # the page cache is warm for both, as after any recent use of the file
    starts, rss, scans = [], [], []
    for _ in range(args.runs):
        elapsed, kib = launch(args.hackd, args.db)
        starts.append(elapsed)
        rss.append(kib)
        elapsed, chars = scan(args.db)
        scans.append(elapsed)
    print(json.dumps({
        "mode": "coldstart",
        "ideas": int(counts[0]), "teams": int(counts[1]), "events": int(counts[2]),
        "db_bytes": os.path.getsize(args.db),
        "runs_s": [round(s, 4) for s in starts],
        "median_s": round(statistics.median(starts), 4),
        "rss_at_listening_kib": rss,
        "scan_runs_s": [round(s, 4) for s in scans],
        "scan_median_s": round(statistics.median(scans), 4),
        "scan_chars": chars,
        "scan_ideas_only_s": round(statistics.median(scan(args.db, SCAN_IDEAS)[0] for _ in range(args.runs)), 4),
        "ok": True,
    }, indent=2))


if __name__ == "__main__":
    main()
