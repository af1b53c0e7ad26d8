"""Report benchmark: a month's `khiu report` (JSON and PDF) over a database holding
1,000,000 tickets (about a year of a busy site: 2,800 tickets a day, 8 services), each
with its events (issued, called, finished or no-show; a rating on every fifth).

Prints figures; asserts nothing about time. Aims: JSON <= 2 s, PDF <= 5 s.
`python -m tests.bench reports` (KHIU_BENCH_TICKETS=N for another size).
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from shared.paths import DEMO_SITE_FILE
from shared.reports import make_report
from shared.reports.export import write_report
from shared.site import load_site_file
from shared.storage import open_store
from shared.storage.api import Store
from shared.storage.sqlite import SqliteStore

PER_DAY = 2800
OFFICERS = 8
RUNS = 3


def build(path: Path, tickets: int) -> float:
    """The history by bulk INSERT ... SELECT (no Python loop per ticket)."""
    started = time.perf_counter()
    store = SqliteStore.open(path, create=True)
    store.load_site(load_site_file(DEMO_SITE_FILE))
    for n in range(OFFICERS):
        store.add_officer(f"officer{n + 1}", f"เจ้าหน้าที่ คนที่ {n + 1}", "1234")
    services = len(store.services())
    counters = len(store.counters())
    store.close()
    days = -(-tickets // PER_DAY)
    first = (datetime.now(UTC).date() - timedelta(days=days)).isoformat()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN IMMEDIATE")
    # 08:30 Bangkok = 01:30 UTC; issue within 8 hours; wait 0-60 min; service 1-26 min.
    conn.execute(
        """WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < :total),
           t AS (SELECT i, date(:first, '+' || (i / :per_day) || ' days') AS day,
                   (i * 7919) % 28800 AS s_issue, (i * 104729) % 3600 AS s_wait,
                   60 + (i * 1299709) % 1500 AS s_serve,
                   CASE WHEN i % 20 = 0 THEN 'no_show' WHEN i % 53 = 0 THEN 'expired'
                        WHEN i % 97 = 0 THEN 'cancelled' ELSE 'done' END AS state
                 FROM n)
           INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
             priority, state, counter_id, officer_id, issued_at, called_at, finished_at,
             recall_count, token)
           SELECT day, 1 + i % :services, 1 + i % :services, 1 + i % :per_day, 'R' || i,
                  (i % 7 = 0), state,
                  CASE WHEN state IN ('done', 'no_show') THEN 1 + i % :counters END,
                  CASE WHEN state IN ('done', 'no_show') THEN 1 + i % :officers END,
                  strftime('%Y-%m-%dT%H:%M:%f+00:00', day || 'T01:30:00',
                           '+' || s_issue || ' seconds'),
                  CASE WHEN state IN ('done', 'no_show') THEN
                    strftime('%Y-%m-%dT%H:%M:%f+00:00', day || 'T01:30:00',
                             '+' || (s_issue + s_wait) || ' seconds') END,
                  CASE WHEN state = 'done' THEN
                    strftime('%Y-%m-%dT%H:%M:%f+00:00', day || 'T01:30:00',
                             '+' || (s_issue + s_wait + s_serve) || ' seconds')
                  ELSE strftime('%Y-%m-%dT%H:%M:%f+00:00', day || 'T01:30:00',
                             '+' || (s_issue + s_wait + 120) || ' seconds') END,
                  0, 'r' || i
           FROM t""",
        {
            "total": tickets,
            "first": first,
            "per_day": PER_DAY,
            "services": services,
            "counters": counters,
            "officers": OFFICERS,
        },
    )
    conn.execute(
        """INSERT INTO events (at, kind, ticket_id, service_id, data)
           SELECT issued_at, 'issued', id, service_id, '{}' FROM tickets ORDER BY id"""
    )
    conn.execute(
        """INSERT INTO events (at, kind, ticket_id, service_id, counter_id, officer_id, data)
           SELECT called_at, 'called', id, service_id, counter_id, officer_id, '{}'
           FROM tickets WHERE called_at IS NOT NULL ORDER BY id"""
    )
    conn.execute(
        """INSERT INTO events (at, kind, ticket_id, service_id, counter_id, officer_id, data)
           SELECT finished_at, CASE state WHEN 'done' THEN 'finished' ELSE state END, id,
                  service_id, counter_id, officer_id, '{}'
           FROM tickets ORDER BY id"""
    )
    conn.execute(
        """INSERT INTO events (at, kind, ticket_id, service_id, data)
           SELECT finished_at, 'rated', id, service_id,
                  '{"rating": ' || (1 + (id / 5) % 5) || '}'
           FROM tickets WHERE state = 'done' AND id % 5 = 0 ORDER BY id"""
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    if hasattr(os, "sync"):
        os.sync()
    return time.perf_counter() - started


def _timed(fn: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def _line(label: str, times: list[float]) -> str:
    return (
        f"{label:<46} best={min(times):6.2f} s  median={statistics.median(times):6.2f} s  "
        f"(n={len(times)})"
    )


def measure(label: str, store: Store, start: date, end: date, folder: Path) -> None:
    first, last = start.isoformat(), end.isoformat()

    def rows() -> None:
        store.report_rows(first, last)

    def as_json() -> None:
        json.dumps(make_report(store, first, last).to_json())

    def as_pdf() -> None:
        write_report(make_report(store, first, last), "pdf", folder / f"{label}.pdf")

    def as_xlsx() -> None:
        write_report(make_report(store, first, last), "xlsx", folder / f"{label}.xlsx")

    def today() -> None:
        make_report(store, last, last)

    print(_line(f"{label}: aggregate queries only (month)", _timed(rows)))
    print(_line(f"{label}: report --format json (month)", _timed(as_json)))
    print(_line(f"{label}: report --format pdf (month)", _timed(as_pdf)))
    print(_line(f"{label}: report --format xlsx (month)", _timed(as_xlsx)))
    print(_line(f"{label}: one day (the counter's live view)", _timed(today)))


def postgres_leg(db: Path, start: date, end: date, folder: Path) -> None:
    """The same history copied into PostgreSQL with `khiu copy` (a throwaway server
    started like the tests do), measured the same way; skipped when unavailable."""
    try:
        from tests.support.pg import start_server  # the suite's own PostgreSQL server
    except ImportError:
        print("postgresql: not measured (no PostgreSQL test server support here)")
        return
    try:
        server = start_server(fsync=False)
    except Exception as exc:  # no binaries, not root...: a bench prints, never fails
        print(f"postgresql: not measured ({exc})")
        return
    try:
        url = server.create_database("report_bench")
        started = time.perf_counter()
        copied = subprocess.run(
            [sys.executable, "-m", "shared.cli.main", "--db", str(db), "copy", url],
            capture_output=True,
            text=True,
        )
        if copied.returncode != 0:
            print(f"postgresql: not measured (khiu copy: {copied.stderr.strip()})")
            return
        print(f"postgresql: history copied in {time.perf_counter() - started:.1f} s")
        store = open_store(url)
        try:
            measure("postgresql", store, start, end, folder)
        finally:
            store.close()
    finally:
        server.destroy()


def run() -> None:
    from shared.qt.gui_app import ensure_gui_application

    ensure_gui_application()
    tickets = int(os.environ.get("KHIU_BENCH_TICKETS", "1000000"))
    with tempfile.TemporaryDirectory(prefix="khiu-bench-reports-") as name:
        folder = Path(name)
        db = folder / "khiu.db"
        seconds = build(db, tickets)
        size_mb = db.stat().st_size / 1e6
        print(f"history: {tickets:,} tickets, {size_mb:,.0f} MB, built in {seconds:.1f} s")
        store = SqliteStore.open(db)
        last = store.conn.execute("SELECT max(business_date) FROM tickets").fetchone()[0]
        end = date.fromisoformat(last)
        start = end - timedelta(days=29)
        month = store.conn.execute(
            "SELECT count(*) FROM tickets WHERE business_date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        ).fetchone()[0]
        print(f"period: {start} .. {end} ({month:,} tickets in the month)")
        try:
            measure("sqlite", store, start, end, folder)
        finally:
            store.close()
        print(f"pdf size: {(folder / 'sqlite.pdf').stat().st_size / 1e3:.0f} kB")
        postgres_leg(db, start, end, folder)
