"""Worker processes for the concurrency and crash tests (spawned: importable top level)."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from typing import Protocol

from shared.domain.errors import KhiuError
from shared.storage import open_store
from tests.support.clock import ShiftedClock


class Event(Protocol):
    """A threading or multiprocessing (manager) event."""

    def set(self) -> None: ...
    def is_set(self) -> bool: ...
    def wait(self, timeout: float | None = None) -> bool: ...


def issuer(path: str, t0: float, count: int, seed: int, start: Event) -> list[str]:
    store = open_store(path, clock=ShiftedClock(t0))
    rng = random.Random(seed)
    start.wait()
    codes = [
        store.issue(rng.choice(("DL", "SSO")), priority=rng.random() < 0.3).token
        for _ in range(count)
    ]
    store.close()
    return codes


def caller(path: str, t0: float, counter: int, start: Event, issuing_done: Event) -> list[str]:
    """Call next until the issuers are done and nobody waits; the tokens called."""
    store = open_store(path, clock=ShiftedClock(t0))
    start.wait()
    called: list[str] = []
    while True:
        done = issuing_done.is_set()
        view = store.call_next(counter)
        if view is not None:
            called.append(view.token)
        elif done:
            break
    store.close()
    return called


def churn(path: str, t0: float, seed: int, counters: int, ready: Event) -> None:
    """Issue and call in a loop until killed."""
    store = open_store(path, clock=ShiftedClock(t0))
    rng = random.Random(seed)
    ready.set()
    while True:
        try:
            if rng.random() < 0.6:
                store.issue(rng.choice(("DL", "SSO")), priority=rng.random() < 0.3)
            else:
                counter = rng.randint(1, counters)
                store.call_next(counter)
                if rng.random() < 0.2:
                    store.no_show(counter)
        except KhiuError:
            pass


def hold_write_lock(path: str, ready: Event) -> None:
    """Claim a number and insert a ticket in an open transaction, then wait to be killed."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE daily_sequences SET last_seq = last_seq + 1")
    conn.execute(
        """INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
             state, issued_at, token) VALUES ('2026-11-24', 1, 1, 999, 'A999', 'waiting',
             '2026-11-24T03:00:00.000+00:00', 'never-committed')"""
    )
    conn.execute("INSERT INTO events (at, kind) VALUES ('2026-11-24T03:00:00.000+00:00', 'x')")
    ready.set()
    time.sleep(600)


def issuer_codes(path: str, t0: float, count: int, seed: int, start: Event) -> list[str]:
    """Issue `count` tickets; the codes handed out (a citizen holds each one)."""
    store = open_store(path, clock=ShiftedClock(t0))
    rng = random.Random(seed)
    start.wait()
    codes = []
    for _ in range(count):
        # Busy for too long while a restore ran: the kiosk shows it, nothing is issued.
        with contextlib.suppress(KhiuError):
            codes.append(store.issue(rng.choice(("DL", "SSO"))).code)
    store.close()
    return codes
