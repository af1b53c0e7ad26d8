"""Writers killed with SIGKILL mid-transaction: the file stays intact, numbering gapless."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.storage import open_store
from tests.support import workers
from tests.support.backends import Location, is_pg
from tests.support.small_site import make_many_counters_db, raw

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX only"),
]

COUNTERS = 4


def check_intact(path: Path) -> int:
    """Integrity, gapless unique numbers, matching events; the number of tickets."""
    conn = raw(path)
    try:
        if not is_pg(path):
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for service_id, day, last_seq in conn.execute(
            "SELECT service_id, business_date, last_seq FROM daily_sequences"
        ).fetchall():
            seqs = [
                r[0]
                for r in conn.execute(
                    """SELECT seq FROM tickets WHERE origin_service_id = ? AND business_date = ?
                       ORDER BY seq""",
                    (service_id, day),
                )
            ]
            assert seqs == list(range(1, last_seq + 1))  # no gap, no duplicate
        assert conn.execute("SELECT count(*) FROM tickets WHERE token = 'never-committed'").fetchone()[0] == 0  # fmt: skip
        # Every committed ticket has its issue event; every call its call event.
        orphans = conn.execute(
            """SELECT count(*) FROM tickets t WHERE NOT EXISTS (
                 SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'issued')
               OR (t.called_at IS NOT NULL AND NOT EXISTS (
                 SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'called'))"""
        ).fetchone()[0]
        assert orphans == 0
        called = conn.execute(
            "SELECT counter_id, count(*) FROM tickets WHERE state = 'called' GROUP BY counter_id"
        ).fetchall()
        assert all(n == 1 for _, n in called)
        return conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
    finally:
        conn.close()


def test_kill_writers_mid_transaction(tmp_path: Path, new_location: Callable[[str], Location]) -> None:
    path = make_many_counters_db(tmp_path, COUNTERS, at=new_location("khiu.db"))
    t0 = time.time()
    ctx = multiprocessing.get_context("spawn")
    rng = random.Random(2558)
    total = 0
    for round_ in range(4):
        ready = [ctx.Event() for _ in range(3)]
        procs = [
            ctx.Process(
                target=workers.churn, args=(str(path), t0, round_ * 10 + n, COUNTERS, ready[n])
            )
            for n in range(3)
        ]
        for proc in procs:
            proc.start()
        for event in ready:
            assert event.wait(60)
        time.sleep(rng.uniform(0.15, 0.5))
        for proc in procs:
            time.sleep(rng.uniform(0, 0.05))
            assert proc.pid is not None
            os.kill(proc.pid, signal.SIGKILL)
        for proc in procs:
            proc.join(30)
            assert proc.exitcode == -signal.SIGKILL
        count = check_intact(path)
        assert count > total  # the writers got work done this round
        total = count

    # Numbering goes on where the committed tickets end.
    store = open_store(path, clock=workers.ShiftedClock(t0))
    conn = raw(path)
    last = conn.execute(
        "SELECT last_seq FROM daily_sequences d JOIN services s ON s.id = d.service_id "
        "WHERE s.code = 'DL'"
    ).fetchone()[0]
    conn.close()
    assert store.issue("DL").code == f"A{last + 1:03d}"
    store.close()
    check_intact(path)


@pytest.mark.sqlite_only  # PostgreSQL: tests/storage/test_pg_faults.py
def test_kill_while_holding_the_write_lock(tmp_path: Path) -> None:
    path = make_many_counters_db(tmp_path, COUNTERS)
    t0 = time.time()
    store = open_store(path, clock=workers.ShiftedClock(t0))
    store.issue("DL")
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    proc = ctx.Process(target=workers.hold_write_lock, args=(str(path), ready))
    proc.start()
    assert ready.wait(60)
    probe = sqlite3.connect(path, isolation_level=None, timeout=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        probe.execute("BEGIN IMMEDIATE")  # the dying process really holds the lock
    probe.close()
    assert proc.pid is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(30)
    # The lock dies with the process: the next writer goes on at once, nothing half-written.
    started = time.monotonic()
    assert store.issue("DL").code == "A002"
    assert time.monotonic() - started < 2
    assert [e.kind for e in store.changes(0)].count("x") == 0
    store.close()
    assert check_intact(path) == 2
