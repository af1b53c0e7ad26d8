"""Worker processes for the PostgreSQL fault tests (spawned: importable top level).

Each writes what the store acknowledged to its own log file, one line per ticket, as
soon as the call returns: after a SIGKILL, the logs hold exactly what was promised."""

from __future__ import annotations

import random
import time
from typing import Any

from shared.domain.errors import KhiuError
from shared.storage import open_store
from tests.support.workers import ShiftedClock


def acked_issuer(location: str, t0: float, seed: int, log_path: str, ready: Any) -> None:
    store = open_store(location, clock=ShiftedClock(t0))
    rng = random.Random(seed)
    with open(log_path, "a", encoding="utf-8") as log:
        ready.set()
        while True:
            try:
                view = store.issue(rng.choice(("DL", "SSO")), priority=rng.random() < 0.3)
            except KhiuError:
                continue
            log.write(view.token + "\n")
            log.flush()
            time.sleep(rng.uniform(0, 0.01))


def acked_caller(location: str, t0: float, counter: int, log_path: str, ready: Any) -> None:
    store = open_store(location, clock=ShiftedClock(t0))
    with open(log_path, "a", encoding="utf-8") as log:
        ready.set()
        while True:
            try:
                view = store.call_next(counter)
            except KhiuError:
                continue
            if view is None:
                time.sleep(0.01)
                continue
            log.write(view.token + "\n")
            log.flush()
