"""Faults on PostgreSQL: writers killed with SIGKILL, connections dropped mid call-next.

The acknowledged work must stand (no issued ticket lost, no ticket given to two
counters), numbering stays gapless, and a dropped connection leaves the ticket either
called or still waiting, never lost.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import threading
import time
from pathlib import Path

import psycopg
import pytest

from shared.domain.errors import DatabaseError
from shared.site import load_site_file
from shared.storage import open_store
from shared.storage.postgres.connection import SITE_LOCK_KEY
from tests.support import fault_workers
from tests.support.pg import PgServer
from tests.support.small_site import many_counters_site
from tests.support.workers import ShiftedClock

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX only"),
]

CALLERS = 8
ISSUERS = 2


def make_site_db(url: str, folder: Path, counters: int) -> str:
    site = folder / "many.toml"
    site.write_text(many_counters_site(counters), "utf-8")
    store = open_store(url, create=True)
    store.load_site(load_site_file(site))
    store.close()
    return url


def check_intact(url: str) -> dict[str, tuple[str, str | None]]:
    """Gapless numbers, one call event per call, one called ticket per counter; returns
    token -> (state, called_at) for every ticket."""
    with psycopg.connect(url) as conn:
        for service_id, day, last_seq in conn.execute(
            "SELECT service_id, business_date, last_seq FROM daily_sequences"
        ).fetchall():
            seqs = [r[0] for r in conn.execute(
                "SELECT seq FROM tickets WHERE origin_service_id = %s AND business_date = %s "
                "ORDER BY seq", (service_id, day))]
            assert seqs == list(range(1, last_seq + 1))
        orphans = conn.execute(
            """SELECT count(*) FROM tickets t WHERE NOT EXISTS (
                 SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'issued')
               OR (t.called_at IS NOT NULL AND NOT EXISTS (
                 SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'called'))"""
        ).fetchone()
        assert orphans is not None and orphans[0] == 0
        twice = conn.execute(
            "SELECT ticket_id FROM events WHERE kind = 'called' GROUP BY ticket_id "
            "HAVING count(*) > 1").fetchall()
        assert twice == []
        busy = conn.execute(
            "SELECT counter_id FROM tickets WHERE state = 'called' GROUP BY counter_id "
            "HAVING count(*) > 1").fetchall()
        assert busy == []
        return {r[0]: (r[1], r[2]) for r in conn.execute(
            "SELECT token, state, called_at FROM tickets")}


def _lines(folder: Path, prefix: str) -> list[str]:
    lines: list[str] = []
    for path in sorted(folder.glob(f"{prefix}-*.log")):
        lines += [line for line in path.read_text("utf-8").splitlines() if line]
    return lines


def test_callers_and_issuers_killed_lose_and_double_nothing(
    pg_url: str, tmp_path: Path
) -> None:
    url = make_site_db(pg_url, tmp_path, CALLERS)
    t0 = time.time()
    ctx = multiprocessing.get_context("spawn")
    rng = random.Random(2568)
    for round_ in range(3):
        ready = [ctx.Event() for _ in range(CALLERS + ISSUERS)]
        procs = [
            ctx.Process(target=fault_workers.acked_caller,
                        args=(url, t0, n + 1, str(tmp_path / f"call-{n}.log"), ready[n]))
            for n in range(CALLERS)
        ] + [
            ctx.Process(target=fault_workers.acked_issuer,
                        args=(url, t0, round_ * 10 + n, str(tmp_path / f"issue-{n}.log"),
                              ready[CALLERS + n]))
            for n in range(ISSUERS)
        ]
        for proc in procs:
            proc.start()
        for event in ready:
            assert event.wait(120)
        time.sleep(rng.uniform(0.5, 1.2))
        rng.shuffle(procs)
        for proc in procs:
            time.sleep(rng.uniform(0, 0.03))
            assert proc.pid is not None
            os.kill(proc.pid, signal.SIGKILL)
        for proc in procs:
            proc.join(30)
            assert proc.exitcode == -signal.SIGKILL

        tickets = check_intact(url)
        issued, called = _lines(tmp_path, "issue"), _lines(tmp_path, "call")
        assert issued, "the issuers got work done"
        lost = [t for t in issued if t not in tickets]
        assert lost == []  # every acknowledged ticket is in the database
        assert len(called) == len(set(called))  # no ticket given to two counters
        never_called = [t for t in called if tickets[t][1] is None]
        assert never_called == []  # every acknowledged call stands

    # Numbering goes on after the last committed number.
    store = open_store(url, clock=ShiftedClock(t0))
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT last_seq FROM daily_sequences d JOIN services s ON s.id = d.service_id "
            "WHERE s.code = 'DL'").fetchone()
    assert row is not None
    assert store.issue("DL").code == f"A{row[0] + 1:03d}"
    store.close()
    check_intact(url)


def _backend_waiting(admin: psycopg.Connection, dbname: str, kind: str) -> int | None:
    row = admin.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock' "
        "AND wait_event = %s", (dbname, kind)).fetchone()
    return None if row is None else row[0]


@pytest.mark.parametrize("where", ["before the claim", "after the claim"])
def test_connection_dropped_in_the_middle_of_call_next(
    pg_server: PgServer, pg_url: str, tmp_path: Path, where: str
) -> None:
    url = make_site_db(pg_url, tmp_path, 2)
    dbname = url.rsplit("/", 1)[1]
    store = open_store(url)
    waiting = store.issue("DL")
    blocker = psycopg.connect(url, autocommit=True)
    blocker.execute("BEGIN")
    if where == "before the claim":
        blocker.execute("SELECT pg_advisory_xact_lock(%s)", (SITE_LOCK_KEY,))
        kind = "advisory"
    else:
        # The claim's foreign-key check on the counter waits behind this row lock: the
        # ticket row is already updated inside the call's transaction.
        blocker.execute("SELECT * FROM counters WHERE number = 1 FOR UPDATE")
        kind = "tuple"
    outcome: dict[str, object] = {}

    def call() -> None:
        try:
            outcome["ticket"] = store.call_next(1)
        except DatabaseError as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=call)
    thread.start()
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        deadline = time.monotonic() + 10
        pid = None
        while pid is None and time.monotonic() < deadline:
            pid = _backend_waiting(admin, dbname, kind) or _backend_waiting(
                admin, dbname, "transactionid")
            time.sleep(0.02)
        assert pid is not None, "call-next never reached the lock"
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    time.sleep(0.3)
    blocker.execute("ROLLBACK")
    blocker.close()
    thread.join(20)
    assert not thread.is_alive()
    if where == "before the claim":
        # Nothing was done yet: the store reconnects and the call goes through.
        ticket = outcome.get("ticket")
        assert ticket is not None and ticket.code == waiting.code  # type: ignore[attr-defined]
        assert store.ticket(waiting.code).state.value == "called"
    else:
        # The server rolled the half-done call back: the ticket still waits, and the
        # same store (reconnecting by itself) calls it now.
        assert "error" in outcome and "ticket" not in outcome
        assert store.ticket(waiting.code).state.value == "waiting"
        called = store.call_next(1)
        assert called is not None and called.code == waiting.code
    store.close()
    check_intact(url)
