"""Run every benchmark, or the ones named:
`python -m tests.bench [--quick] [core kiosk card counter display soak estimate]` (--quick: shorter soak)."""

from __future__ import annotations

import importlib
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SUITES = (
    "core", "kiosk", "card", "counter", "display", "reports", "web", "bookings", "soak",
    "backends", "estimate",
)


def main(argv: list[str]) -> int:
    if "--quick" in argv:
        os.environ["KHIU_BENCH_QUICK"] = "1"
        argv = [a for a in argv if a != "--quick"]
    for name in argv or SUITES:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"tests.bench.{name}").run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
