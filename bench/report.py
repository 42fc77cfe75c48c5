#!/usr/bin/env python3
"""Turns the raw results of one `make bench` run (RUN/results/*.json) into
the table (stdout, and RUN/table.txt), the JSON array of figures (--json,
i.e. $BENCH_JSON) and RUN/results.json (every raw result, the machine, the
figures).

Each figure has one or more checks: a baseline measured in the same run and
a target, either a ratio to the baseline (≥ 0.8 × the echo ceiling) or an
absolute bound (p99 ≤ 50 ms), in which case the baseline is shown for scale.
Figures and baselines are measured in interleaved rounds (bench/rounds.py):
a value is the median of its rounds, a ratio the median of the per-round
ratios, and the table shows each one's spread and what each round ran under.
"""
import argparse
import json
import os
import platform
import subprocess
import sys

from rounds import NOISE, conditions, describe, noisy, ratios, rounds, series, summary, usable


def load(run):
    results = {}
    folder = os.path.join(run, "results")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            try:
                with open(os.path.join(folder, name)) as f:
                    results[name[:-5]] = json.load(f)
            except (OSError, ValueError) as e:
                results[name[:-5]] = {"failed": True, "stderr": f"unreadable result: {e}"}
    for r in results.values():
        # The server's CPU time (user + system, all threads) per call answered.
        if isinstance(r, dict) and number(r.get("server_cpu")) and r["server_cpu"] >= 0 and number(r.get("rate")) \
                and r["rate"] > 0:
            r["cpu_us_per_call"] = round(r["server_cpu"] * 1e6 / r["rate"], 2)
    return results


def broadcast_times(run):
    """The echo server's own time to write each broadcast (its stderr)."""
    times = []
    try:
        with open(os.path.join(run, "echo.err")) as f:
            for line in f:
                if line.startswith("broadcast: "):
                    times.append(float(line.split()[-2]))
    except OSError:
        pass
    return times


def number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def extra(results, name, key, scale):
    """An extra of a figure: the median of its rounds when it is a number, else the first round's."""
    values = [r.get(key) for r in rounds(results, name) if usable(r)]
    if values and all(number(v) for v in values):
        return summary([v * scale for v in values])["median"]
    return values[0] if values else None


def machine(run):
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    cpu = sh("sed -n 's/^model name\\s*: //p' /proc/cpuinfo | head -1")
    mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2 / 1048576}' /proc/meminfo")
    fs = sh(f"df -T '{run}' | awk 'NR==2 {{print $2\" on \"$1}}'")
    if os.path.exists(os.path.join(run, "results", "fsync.json")):
        with open(os.path.join(run, "results", "fsync.json")) as f:
            probe = json.load(f)
        if "p50_ms" in probe:
            fs += f" (fsync of a 4 KiB append: p50 {probe['p50_ms']} ms, p99 {probe['p99_ms']} ms)"
    loads = {}
    for when in ("start", "end"):
        path = os.path.join(run, f"loadavg-{when}")
        if os.path.exists(path):
            with open(path) as f:
                loads[when] = " ".join(f.read().split()[:3])
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "kernel": platform.release(),
            "db_filesystem": fs, "loadavg": loads}


# figure, unit, (result, key, scale), extras, checks.
# A check: (label, result, key, scale, kind, bound); kind "ratio_min": value / baseline ≥ bound;
# "max": value ≤ bound (the baseline is for scale); "scale": no target, a baseline for scale only.
FIGURES = [
    ("read_c50", "calls/s", ("read_c50", "rate", 1),
     {"p50_ms": ("read_c50", "p50_us", 1e-3), "p99_ms": ("read_c50", "p99_us", 1e-3),
      "server_cpu": ("read_c50", "server_cpu", 1), "loadgen_cpu": ("read_c50", "loadgen_cpu", 1),
      "server_runq_wait": ("read_c50", "server_runq_wait", 1), "others_cpu": ("read_c50", "others_cpu", 1)},
     [("echo c50 d1 (raw libuv)", "echo_c50", "rate", 1, "ratio_min", 0.8),
      ("redis PING c50", "redis_ping", "rate", 1, "ratio_min", 1.0),
      ("same work in C (libuv, protobuf-c, SQLite)", "cserver_c50", "rate", 1, "scale", None)]),
    ("read_c50_d16", "calls/s", ("read_c50_d16", "rate", 1),
     {"p50_ms": ("read_c50_d16", "p50_us", 1e-3), "p99_ms": ("read_c50_d16", "p99_us", 1e-3),
      "server_cpu": ("read_c50_d16", "server_cpu", 1), "loadgen_cpu": ("read_c50_d16", "loadgen_cpu", 1),
      "server_runq_wait": ("read_c50_d16", "server_runq_wait", 1),
      "others_cpu": ("read_c50_d16", "others_cpu", 1)},
     [("echo c50 d16 (raw libuv)", "echo_c50_d16", "rate", 1, "ratio_min", 0.8),
      ("redis PING c50 -P 16", "redis_ping_p16", "rate", 1, "ratio_min", 1.0),
      ("same work in C (libuv, protobuf-c, SQLite)", "cserver_c50_d16", "rate", 1, "scale", None)]),
    ("write_durable_c50", "writes/s", ("write_c50", "rate", 1),
     {"p50_ms": ("write_c50", "p50_us", 1e-3), "p99_ms": ("write_c50", "p99_us", 1e-3),
      "writes_per_commit": ("write_c50", "writes_per_commit", 1), "commits": ("write_c50", "commits", 1),
      "server_cpu": ("write_c50", "server_cpu", 1), "server_runq_wait": ("write_c50", "server_runq_wait", 1),
      "others_cpu": ("write_c50", "others_cpu", 1),
      "cpu_us_per_write": ("write_c50", "cpu_us_per_call", 1),
      "redis_cpu_us_per_set": ("redis_set", "cpu_us_per_call", 1),
      "sqlite_alone_cpu_us_per_write": ("sqlite_writes", "cpu_us_per_call", 1),
      "cserver_cpu_us_per_write": ("cserver_write_c50", "cpu_us_per_call", 1),
      "cserver_writes_per_commit": ("cserver_write_c50", "writes_per_commit", 1)},
     [("redis SET c50 appendfsync always", "redis_set", "rate", 1, "ratio_min", 1.0),
      ("SQLite alone: the same rows, 50 a commit", "sqlite_writes", "rate", 1, "scale", None),
      ("same work in C (libuv, protobuf-c, SQLite)", "cserver_write_c50", "rate", 1, "scale", None)]),
    ("fanout_10k_p99_ms", "ms", ("fanout", "p99_ms", 1),
     {"p50_ms": ("fanout", "p50_ms", 1), "max_ms": ("fanout", "max_ms", 1),
      "watchers": ("fanout", "watchers", 1), "samples": ("fanout", "samples", 1),
      "echo_server_write_loop_ms": ("echo_broadcasts", "server_write_loop_ms", 1)},
     [("echo broadcast to as many (raw libuv)", "echo_fanout", "p99_ms", 1, "max", 50.0)]),
    ("idle_conn_bytes", "bytes", ("idle", "bytes_per_conn", 1),
     {"conns": ("idle", "conns", 1), "rss_before_kib": ("idle", "rss_before_kib", 1),
      "rss_after_kib": ("idle", "rss_after_kib", 1)},
     [("echo server (raw libuv)", "echo_idle", "bytes_per_conn", 1, "max", 4096.0)]),
    ("cold_start_1m_s", "s", ("coldstart", "runs_s", 1),
     {"runs_s": ("coldstart", "runs_s", 1), "ideas": ("coldstart", "ideas", 1),
      "db_bytes": ("coldstart", "db_bytes", 1)},
     [("sqlite3 scan of the same rows", "coldstart", "scan_runs_s", 1, "max", 2.0)]),
    ("transition_late_p99_ms", "ms", ("transitions_load", "p99_ms", 1),
     {"p50_ms": ("transitions_load", "p50_ms", 1), "max_ms": ("transitions_load", "max_ms", 1),
      "samples": ("transitions_load", "samples", 1)},
     [("the same without the read load", "transitions_idle", "p99_ms", 1, "max", 5.0)]),
]


def fmt(v, unit=""):
    if v is None:
        return "-"
    if isinstance(v, list):
        return "/".join(fmt(x) for x in v)
    if float(v).is_integer():
        return f"{int(v):,}"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.3g}" if v else "0"


def spread(s):
    return [s["min"], s["max"]] if s["n"] else None


def evaluate(results):
    figures = []
    for name, unit, (src, key, scale), extras, checks in FIGURES:
        values = series(results, src, key, scale)
        mine = summary(values)
        value = mine["median"]
        runs = rounds(results, src)
        # Measured, but some calls failed or went unanswered: shown, never met.
        errors = any(usable(r) and r.get("ok") is False for r in runs)
        out_checks = []
        for label, bsrc, bkey, bscale, kind, bound in checks:
            bvalues = series(results, bsrc, bkey, bscale)
            theirs = summary(bvalues)
            pairs = ratios(values, bvalues)
            ratio = summary(pairs)
            if kind == "ratio_min":
                target = f">= {bound:g} x baseline"
                met = ratio["median"] is not None and ratio["median"] >= bound
            elif kind == "scale":
                target, met = "none (for scale)", None
            else:
                target = f"<= {bound:g} {unit}"
                met = value is not None and value <= bound
            noise = [side for side, s in (("hackd", mine), ("baseline", theirs), ("ratio", ratio)) if noisy(s)]
            out_checks.append({
                "baseline": label, "baseline_value": theirs["median"], "ratio": ratio["median"],
                "rounds": min(mine["n"], theirs["n"]),
                "spread": {"value": spread(mine), "baseline_value": spread(theirs), "ratio": spread(ratio)},
                "deviation": {"value": mine["deviation"], "baseline_value": theirs["deviation"],
                              "ratio": ratio["deviation"]},
                "noisy": noise,
                "round_values": values, "baseline_round_values": bvalues, "round_ratios": pairs,
                "baseline_conditions": [conditions(r) for r in rounds(results, bsrc)],
                "target": target, "met": None if met is None else bool(met and not errors)})
        # A baseline for scale that does hackd's work (the same work in C), held to the
        # figure's targets as hackd is: does it meet them where hackd does not?
        scale_sides = []
        for label, bsrc, bkey, bscale, kind, bound in checks:
            if kind != "scale" or not bsrc.startswith("cserver"):
                continue
            cvalues = series(results, bsrc, bkey, bscale)
            for tlabel, tsrc, tkey, tscale, tkind, tbound in checks:
                if tkind == "ratio_min":
                    r = summary(ratios(cvalues, series(results, tsrc, tkey, tscale)))
                    scale_sides.append({"side": label, "baseline": tlabel, "ratio": r["median"],
                                        "spread": spread(r), "target": f">= {tbound:g} x baseline",
                                        "met": None if r["median"] is None else r["median"] >= tbound})
        first = out_checks[0]
        fig = {"figure": name, "value": value, "unit": unit,
               "baseline": first["baseline"], "baseline_value": first["baseline_value"], "ratio": first["ratio"],
               "rounds": first["rounds"], "spread": first["spread"],
               "noisy": sorted({n for c in out_checks for n in c["noisy"]}),
               "target": " and ".join(f"{c['target']} ({c['baseline']})" if c["target"].startswith(">=")
                                      else c["target"] for c in out_checks if c["met"] is not None),
               "met": all(c["met"] for c in out_checks if c["met"] is not None), "checks": out_checks,
               "conditions": [conditions(r) for r in runs]}
        if scale_sides:
            fig["scale_against_targets"] = scale_sides
        if errors:
            fig["errors"] = True
        failed = sum(1 for r in runs if isinstance(r, dict) and r.get("failed"))
        if failed:
            fig["failed"] = value is None
            fig["failed_rounds"] = failed
        for k, (esrc, ekey, escale) in extras.items():
            fig[k] = extra(results, esrc, ekey, escale)
        figures.append(fig)
    return figures


def ratio_text(v):
    return f"{v:.2f}" if v is not None else "-"


def span(pair, show=fmt):
    return f"{show(pair[0])}–{show(pair[1])}" if pair and pair[0] != pair[1] else "-"


def noise_text(c):
    labels = {"hackd": "value", "baseline": "baseline_value", "ratio": "ratio"}
    sides = ", ".join(f"{side} ±{c['deviation'][labels[side]]:.0%}" for side in c["noisy"])
    return f"noisy: {sides}" if sides else ""


def round_lines(f):
    """Each round of each check: both sides' values and conditions, and their ratio."""
    lines = []
    for c in f["checks"]:
        n = len(c["round_values"])
        mine = f["conditions"] if len(f["conditions"]) == n else [{}] * n
        theirs = c["baseline_conditions"] if len(c["baseline_conditions"]) == n else [{}] * n
        lines.append(f"{f['figure']} ({f['unit']}) against {c['baseline']}:")
        for i, (a, b, r) in enumerate(zip(c["round_values"], c["baseline_round_values"], c["round_ratios"])):
            ca, cb = describe(mine[i]), describe(theirs[i])
            lines.append(f"  {i + 1}: {fmt(a)}" + (f" ({ca})" if ca else "") + f"  vs  {fmt(b)}"
                         + (f" ({cb})" if cb else "") + f"  ratio {ratio_text(r)}")
    return lines


def table(figures, info, smoke):
    head = ("figure", "value", "rounds' range", "unit", "baseline", "baseline value", "rounds' range",
            "ratio", "ratios' range", "target", "met?", "noise")
    rows = []
    for f in figures:
        for i, c in enumerate(f["checks"]):
            shown = fmt(f["value"]) if f["value"] is not None else "FAILED" if f.get("failed") else "not measured"
            rows.append((f["figure"] if i == 0 else "", shown if i == 0 else "",
                         span(c["spread"]["value"]) if i == 0 else "", f["unit"] if i == 0 else "",
                         c["baseline"], fmt(c["baseline_value"]), span(c["spread"]["baseline_value"]),
                         ratio_text(c["ratio"]), span(c["spread"]["ratio"], ratio_text), c["target"],
                         ("-" if c["met"] is None else "yes" if c["met"] else "NO")
                         + (" (errors)" if f.get("errors") else ""),
                         noise_text(c)))
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    lines = []
    title = "hackd benchmarks" + (" — SMOKE RUN: tiny counts, figures mean nothing" if smoke else "")
    lines.append(title)
    lines.append(f"machine: {info['nproc']} cores, {info['cpu']}, {info['memory']}, kernel {info['kernel']}; "
                 f"databases on {info['db_filesystem']}; load average at start/end: "
                 f"{info['loadavg'].get('start', '?')} / {info['loadavg'].get('end', '?')}")
    rounds_n = max((c["rounds"] for f in figures for c in f["checks"]), default=0)
    lines.append(f"each value is the median of its rounds (up to {rounds_n}), each ratio the median of the "
                 f"per-round ratios, hackd and its baselines measured in alternating rounds; noisy: a side's "
                 f"rounds (or the ratios) stray more than ±{NOISE:.0%} from their median")
    lines.append("")
    lines.append("  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    lines.append("")
    for f in figures:
        if f["value"] is not None and (f["figure"].startswith("read") or f["figure"].startswith("write")):
            lines.append(f"{f['figure']}: p50 {fmt(f.get('p50_ms'))} ms, p99 {fmt(f.get('p99_ms'))} ms"
                         + (f", {fmt(f.get('writes_per_commit'))} writes per commit"
                            if f.get("writes_per_commit") is not None else "")
                         + (f"; hackd used {f['server_cpu']:.0%} of a core" if f.get("server_cpu") is not None
                            and f["server_cpu"] >= 0 else "")
                         + (f", waited {f['server_runq_wait']:.0%} of the time for one"
                            if f.get("server_runq_wait") is not None and f["server_runq_wait"] >= 0 else "")
                         + (f"; CPU per write: hackd {fmt(f['cpu_us_per_write'])} µs, Redis "
                            f"{fmt(f.get('redis_cpu_us_per_set'))} µs, SQLite alone "
                            f"{fmt(f.get('sqlite_alone_cpu_us_per_write'))} µs, the same work in C "
                            f"{fmt(f.get('cserver_cpu_us_per_write'))} µs"
                            f" ({fmt(f.get('cserver_writes_per_commit'))} writes per commit)"
                            if f.get("cpu_us_per_write") is not None else "")
                         + " (medians of the rounds)")
    for f in figures:
        sides = [c for c in f.get("scale_against_targets", []) if c["ratio"] is not None]
        if sides:
            lines.append(f"{f['figure']}, {sides[0]['side']} held to the same targets: " + "; ".join(
                f"{ratio_text(c['ratio'])} x {c['baseline']}"
                + (f" (rounds {span(c['spread'], ratio_text)})" if span(c['spread'], ratio_text) != "-" else "")
                + f", {c['target']}: {'met' if c['met'] else 'missed'}" for c in sides))
    for f in figures:
        loops = f.get("echo_server_write_loop_ms")
        if f["figure"] == "fanout_10k_p99_ms" and loops:
            lines.append(f"fan-out: p50 {fmt(f.get('p50_ms'))} ms, max {fmt(f.get('max_ms'))} ms; the echo server alone "
                         f"spent {fmt(sorted(loops)[len(loops) // 2])} ms (median of {len(loops)}) writing one frame "
                         f"to the {fmt(f.get('watchers'))} connections, before any client read it")
    for f in figures:
        if f["figure"].startswith("read_c50") and f["value"] is not None:
            e = f["checks"][0]["baseline_value"]
            if e is not None:
                verdict = "the load generator is not the bottleneck" if e > f["value"] else \
                    "WARNING: the load generator may be the bottleneck"
                lines.append(f"load generator: drove the echo server at {fmt(e)} calls/s and hackd at "
                             f"{fmt(f['value'])} ({f['figure']}): {verdict}")
    per_round = [line for f in figures for line in round_lines(f)]
    if per_round:
        lines.append("")
        lines.append("round by round, hackd's value vs the baseline's (odd rounds measured hackd first, even rounds "
                     "the baseline first); in brackets, the fsync probe right before a durable-write round and the "
                     "cores busy with neither the server nor its load generator ('machine': the whole machine, "
                     "where those are not known)")
        lines.extend(per_round)
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True)
    ap.add_argument("--json")
    ap.add_argument("--config", default="release")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--partial", action="store_true", help="some results were skipped on purpose (BENCH_ONLY)")
    args = ap.parse_args()

    with open(os.path.join(args.run, "loadavg-end"), "w") as f:
        with open("/proc/loadavg") as src:
            f.write(src.read())
    results = load(args.run)
    times = broadcast_times(args.run)
    if times:
        results["echo_broadcasts"] = {"server_write_loop_ms": times}
    info = machine(args.run)
    figures = evaluate(results)
    text = table(figures, info, args.smoke)
    print(text)
    with open(os.path.join(args.run, "table.txt"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(args.run, "results.json"), "w") as f:
        json.dump({"machine": info, "hackd_build": args.config, "smoke": args.smoke, "figures": figures,
                   "raw": results}, f, indent=2)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)
            f.write("\n")
    missing = [f["figure"] for f in figures if f["value"] is None]
    if missing and not args.partial:
        print(f"not measured: {', '.join(missing)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
