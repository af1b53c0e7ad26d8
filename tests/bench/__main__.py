"""Run every benchmark, or the ones named: `python -m tests.bench [core kiosk counter display]`."""

from __future__ import annotations

import importlib
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SUITES = ("core", "kiosk", "counter", "display", "reports", "web", "backends")


def main(argv: list[str]) -> int:
    for name in argv or SUITES:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"tests.bench.{name}").run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
