"""Percentiles and a one-line summary for benchmark figures."""

from __future__ import annotations

from collections.abc import Sequence


def percentile(samples: Sequence[float], p: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(label: str, seconds: Sequence[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (
        f"{label:<44} n={len(ms):>6}  p50={percentile(ms, 50):8.2f} ms  "
        f"p95={percentile(ms, 95):8.2f} ms  p99={percentile(ms, 99):8.2f} ms  "
        f"max={max(ms) if ms else float('nan'):8.2f} ms"
    )
