"""The rounds of a `make bench` run, for report.py.

A measurement interleaved with its baselines leaves one result per round,
RUN/results/NAME.1.json, NAME.2.json, …; the cold start leaves one result
whose lists (runs_s, scan_runs_s) are its rounds; the others leave NAME.json,
one round. A side's figure is the median of its rounds; a ratio is the median
of the per-round ratios A_i / B_i, round i of each side having run next to
the other, under the same conditions.
"""
import statistics

# A series whose rounds stray further than this from their median is noisy.
NOISE = 0.25


def rounds(results, name):
    """The results of NAME's rounds, in order (failed ones included)."""
    numbered = []
    for key, r in results.items():
        base, _, n = key.rpartition(".")
        if base == name and n.isdigit():
            numbered.append((int(n), r))
    if numbered:
        return [r for _, r in sorted(numbered, key=lambda x: x[0])]
    return [results[name]] if name in results else []


def usable(r):
    return isinstance(r, dict) and not r.get("failed")


def series(results, name, key, scale=1.0):
    """KEY over NAME's rounds, None where a round failed or lacks it; a list-valued KEY is itself the rounds."""
    values = []
    for r in rounds(results, name):
        v = r.get(key) if usable(r) else None
        if isinstance(v, list):
            values.extend(x * scale if isinstance(x, (int, float)) else None for x in v)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            values.append(v * scale)
        else:
            values.append(None)
    return values


def ratios(a, b):
    """A_i / B_i for each round both sides measured (None where either is missing or B is 0)."""
    return [x / y if x is not None and y else None for x, y in zip(a, b)]


def summary(values):
    """median, min, max, the largest deviation from the median as a fraction of it, and the count."""
    v = [x for x in values if x is not None]
    if not v:
        return {"median": None, "min": None, "max": None, "deviation": None, "n": 0}
    med = statistics.median(v)
    dev = max(abs(x - med) for x in v) / abs(med) if med else None
    return {"median": med, "min": min(v), "max": max(v), "deviation": dev, "n": len(v)}


def noisy(s):
    return s["n"] > 1 and s["deviation"] is not None and s["deviation"] > NOISE


def conditions(r):
    """What one round ran under: the fsync probe before it, the cores others kept busy (or the whole machine)."""
    if not usable(r):
        return {"failed": True}
    c = {}
    probe = r.get("fsync_before")
    if isinstance(probe, dict) and probe.get("p50_ms") is not None:
        c["fsync_p50_ms"] = probe["p50_ms"]
    if isinstance(r.get("others_cpu"), (int, float)):
        c["others_cpu"] = r["others_cpu"]
    if isinstance(r.get("server_cpu"), (int, float)) and r["server_cpu"] >= 0:
        c["server_cpu"] = r["server_cpu"]
    if isinstance(r.get("machine_busy_cores_during"), (int, float)):
        c["machine_busy_cores"] = r["machine_busy_cores_during"]
    return c


def describe(c):
    if c.get("failed"):
        return "failed"
    parts = []
    if "fsync_p50_ms" in c:
        parts.append(f"fsync p50 {c['fsync_p50_ms']:.2f} ms")
    if "others_cpu" in c:
        parts.append(f"others {c['others_cpu']:.2f} cores")
    elif "machine_busy_cores" in c:
        parts.append(f"machine {c['machine_busy_cores']:.2f} cores busy")
    return ", ".join(parts)
