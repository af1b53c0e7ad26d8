"""Many processes calling next on one file at once: no ticket twice, none lost."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import workers
from tests.support.backends import Location, is_pg
from tests.support.small_site import make_many_counters_db, raw

CALLERS = 8
ISSUERS = 2
PER_ISSUER = 60
PRE_ISSUED = 40


@pytest.mark.slow
def test_concurrent_callers_and_issuers(tmp_path: Path, new_location: Callable[[str], Location]) -> None:
    path = make_many_counters_db(tmp_path, CALLERS, at=new_location("khiu.db"))
    t0 = time.time()
    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    start, issuing_done = manager.Event(), manager.Event()
    with ctx.Pool(CALLERS + ISSUERS) as pool:
        go = threading.Event()
        go.set()
        pre = workers.issuer(str(path), t0, PRE_ISSUED, 0, go)
        callers = [
            pool.apply_async(workers.caller, (str(path), t0, n, start, issuing_done))
            for n in range(1, CALLERS + 1)
        ]
        issuers = [
            pool.apply_async(workers.issuer, (str(path), t0, PER_ISSUER, seed, start))
            for seed in range(1, ISSUERS + 1)
        ]
        start.set()
        issued = pre + [t for job in issuers for t in job.get(timeout=120)]
        issuing_done.set()
        called = [t for job in callers for t in job.get(timeout=120)]
    manager.shutdown()

    assert len(issued) == len(set(issued)) == PRE_ISSUED + ISSUERS * PER_ISSUER
    twice = [t for t, n in Counter(called).items() if n > 1]
    assert twice == []
    assert set(called) == set(issued)  # none lost
    per_caller = [len(job.get()) for job in callers]
    assert sum(per_caller) == len(issued)
    assert sum(1 for n in per_caller if n) >= 2  # the callers really raced

    conn = raw(path)
    if not is_pg(path):
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    states = dict(conn.execute("SELECT state, count(*) FROM tickets GROUP BY state").fetchall())
    assert states.get("waiting", 0) == 0
    assert states["done"] + states.get("called", 0) == len(issued)
    assert states.get("called", 0) <= CALLERS
    # Event log: one issue and one call per ticket, one finish per done ticket.
    per_ticket = conn.execute(
        """SELECT t.state, sum(CASE WHEN e.kind = 'issued' THEN 1 ELSE 0 END),
                  sum(CASE WHEN e.kind = 'called' THEN 1 ELSE 0 END),
                  sum(CASE WHEN e.kind = 'finished' THEN 1 ELSE 0 END)
           FROM tickets t JOIN events e ON e.ticket_id = t.id GROUP BY t.id"""
    ).fetchall()
    assert len(per_ticket) == len(issued)
    for state, issues, calls, finishes in per_ticket:
        assert (issues, calls, finishes) == (1, 1, 1 if state == "done" else 0)
    codes = conn.execute(
        "SELECT count(*), count(DISTINCT business_date || code) FROM tickets"
    ).fetchone()
    assert codes[0] == codes[1]
    seqs = conn.execute(
        """SELECT d.last_seq, count(t.id) FROM daily_sequences d JOIN tickets t
           ON t.origin_service_id = d.service_id AND t.business_date = d.business_date
           GROUP BY d.service_id, d.business_date"""
    ).fetchall()
    assert all(last == count for last, count in seqs)
    conn.close()
