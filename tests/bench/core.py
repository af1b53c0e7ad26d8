"""Queue core benchmark: issue and call-next latency with 32 counters and 2 kiosks, on
10,000 and 1,000,000 historical tickets, against a bare-SQL claim loop on the same file."""

from __future__ import annotations

import multiprocessing
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import psutil

from shared.clock import business_date, to_db
from shared.storage.sqlite import SqliteStore
from tests.bench.stats import percentile, summary_ms
from tests.support.clock import ShiftedClock
from tests.support.small_site import make_many_counters_db

COUNTERS = 32
KIOSKS = 2
SECONDS = 6.0
STOCK = 3000  # tickets waiting when the load starts, so calls find someone
COUNTER_THINK = 0.2  # a counter calls every 0–0.2 s: far busier than any real hall
KIOSK_THINK = 0.05
BANGKOK = "Asia/Bangkok"
# A business day at any hour; forked workers inherit it (the same t0 in every process).
CLOCK = ShiftedClock()


@dataclass
class Result:
    """What one worker process measured."""

    kind: str
    latencies: list[float] = field(default_factory=list)
    empty: int = 0
    rss: int = 0
    error: str = ""


# ------------------------------------------------------------------ history
def build_history(path: Path, tickets: int) -> float:
    """Past business days of finished tickets (done / no_show / expired) with one event
    each, written by bulk INSERT … SELECT in one transaction. Returns seconds taken."""
    started = time.perf_counter()
    per_day = 2000
    today = CLOCK().date()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        """WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < :total)
           INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
             priority, state, counter_id, issued_at, called_at, finished_at, recall_count, token)
           SELECT date(:today, '-' || (1 + i / :per_day) || ' days'),
                  1 + i % 2, 1 + i % 2, 1 + (i % :per_day) / 2,
                  CASE i % 2 WHEN 0 THEN 'A' ELSE 'B' END || printf('%03d', 1 + (i % :per_day) / 2),
                  (i % 7 = 0),
                  CASE WHEN i % 20 = 0 THEN 'no_show' WHEN i % 53 = 0 THEN 'expired'
                       ELSE 'done' END,
                  1 + i % :counters,
                  date(:today, '-' || (1 + i / :per_day) || ' days') || 'T0'
                    || (2 + (i % :per_day) * 9 / :per_day) || ':'
                    || printf('%02d', i % 60) || ':00.000+00:00',
                  date(:today, '-' || (1 + i / :per_day) || ' days') || 'T0'
                    || (2 + (i % :per_day) * 9 / :per_day) || ':'
                    || printf('%02d', i % 60) || ':30.000+00:00',
                  date(:today, '-' || (1 + i / :per_day) || ' days') || 'T0'
                    || (2 + (i % :per_day) * 9 / :per_day) || ':'
                    || printf('%02d', i % 60) || ':50.000+00:00',
                  (i % 11 = 0), 'h' || i
           FROM n""",
        {"total": tickets, "today": today.isoformat(), "per_day": per_day, "counters": COUNTERS},
    )
    conn.execute(
        """INSERT INTO events (at, kind, ticket_id, service_id, counter_id, data)
           SELECT finished_at, CASE state WHEN 'done' THEN 'finished' ELSE state END,
                  id, service_id, counter_id, '{}' FROM tickets"""
    )
    conn.execute(
        """INSERT INTO daily_sequences (service_id, business_date, last_seq)
           SELECT origin_service_id, business_date, max(seq) FROM tickets
           GROUP BY origin_service_id, business_date"""
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    # Flush the build's hundreds of MB now, or the kernel's write-back competes with
    # the fsyncs of the measured phase (that alone doubled its p50 in a first run).
    if hasattr(os, "sync"):  # POSIX only
        os.sync()
    return time.perf_counter() - started


def stock_waiting(path: Path, count: int, prefix: str) -> None:
    """Today's waiting tickets, inserted directly (numbers the kiosks would have given)."""
    now = CLOCK()
    today = business_date(now, _tz())
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        """INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
             priority, state, issued_at, token) VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?)""",
        [
            (
                today,
                1 + i % 2,
                1 + i % 2,
                10_000 + i,
                f"{prefix}{i:05d}",
                int(i % 9 == 0),
                to_db(now - timedelta(seconds=count - i)),
                f"{prefix}-stock-{i}-{os.urandom(6).hex()}",
            )
            for i in range(count)
        ],
    )
    conn.execute("COMMIT")
    conn.close()


def _tz() -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(BANGKOK)


# ------------------------------------------------------------------ workers
def _ours(path: str, role: str, number: int) -> tuple[Callable[[], bool], Callable[[], None]]:
    store = SqliteStore.open(Path(path), clock=CLOCK)
    if role == "counter":
        return (lambda: store.call_next(number) is not None), store.close
    rng = random.Random(number)
    return (
        lambda: store.issue(rng.choice(("DL", "SSO")), priority=rng.random() < 0.15) is not None
    ), store.close


def _bare(path: str, role: str, number: int) -> tuple[Callable[[], bool], Callable[[], None]]:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA synchronous = FULL")
    seq = iter(range(10**9))
    today = business_date(CLOCK(), _tz())

    def claim() -> bool:
        now = to_db(CLOCK())
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(  # finish the counter's current ticket, as call-next does
            "UPDATE tickets SET state = 'done', finished_at = ? "
            "WHERE counter_id = ? AND state = 'called'",
            (now, number),
        )
        row = conn.execute(
            """UPDATE tickets SET state = 'called', counter_id = ?, called_at = ?
               WHERE id = (SELECT id FROM tickets WHERE state = 'waiting' AND service_id IN (1, 2)
                           ORDER BY priority DESC, issued_at, id LIMIT 1)
               RETURNING id""",
            (number, now),
        ).fetchone()
        conn.execute("COMMIT")
        return row is not None

    def insert() -> bool:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            """INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
                 state, issued_at, token) VALUES (?, 1, 1, 0, ?, 'waiting', ?, ?)""",
            (today, f"K{number}{next(seq):06d}", to_db(CLOCK()), os.urandom(16).hex()),
        )
        conn.execute("COMMIT")
        return True

    return (claim if role == "counter" else insert), conn.close


def worker(
    mode: str, role: str, number: int, path: str, start_at: float, out: Any
) -> None:  # pragma: no cover - runs in a child process
    try:
        _work(mode, role, number, path, start_at, out)
    except BaseException as exc:
        out.put(Result(role, error=repr(exc)))
        raise


def _work(mode: str, role: str, number: int, path: str, start_at: float, out: Any) -> None:
    act, close = (_ours if mode == "ours" else _bare)(path, role, number)
    out.put(timed_loop(act, close, role, number, start_at))


def timed_loop(
    act: Callable[[], bool], close: Callable[[], None], role: str, number: int, start_at: float
) -> Result:
    """One process's run: act with think time between, from `start_at` for SECONDS."""
    think = COUNTER_THINK if role == "counter" else KIOSK_THINK
    rng = random.Random(number * 7919)
    result = Result(role)
    time.sleep(max(0.0, start_at - time.time()))
    end = start_at + SECONDS
    time.sleep(rng.uniform(0, think))
    while time.time() < end:
        t = time.perf_counter()
        found = act()
        result.latencies.append(time.perf_counter() - t)
        result.empty += not found
        time.sleep(rng.uniform(0, think))
    result.rss = psutil.Process().memory_info().rss
    close()
    return result


def load(path: Path, mode: str) -> dict[str, Result]:
    """32 counter and 2 kiosk processes at once; results merged by role."""
    ctx = (
        multiprocessing.get_context("fork")
        if os.name == "posix"
        else multiprocessing.get_context("spawn")
    )
    out = ctx.Queue()
    start_at = time.time() + 3.0
    procs = [
        ctx.Process(target=worker, args=(mode, "counter", n, str(path), start_at, out))
        for n in range(1, COUNTERS + 1)
    ] + [
        ctx.Process(target=worker, args=(mode, "kiosk", 100 + n, str(path), start_at, out))
        for n in range(KIOSKS)
    ]
    for proc in procs:
        proc.start()
    merged = {"counter": Result("counter"), "kiosk": Result("kiosk")}
    for _ in procs:
        part: Result = out.get(timeout=SECONDS + 120)
        into = merged[part.kind]
        into.latencies += part.latencies
        into.empty += part.empty
        into.rss = max(into.rss, part.rss)
        if part.error:
            raise RuntimeError(f"a {part.kind} worker failed: {part.error}")
    for proc in procs:
        proc.join()
    return merged


# ---------------------------------------------------------------------- run
def _line(label: str, r: Result) -> str:
    return f"{summary_ms(label, r.latencies)}  {len(r.latencies) / SECONDS:7.1f} tx/s"


def run() -> None:
    print(
        f"{COUNTERS} counter + {KIOSK_THINK and KIOSKS} kiosk processes, {SECONDS:.0f} s each, "
        f"think 0–{COUNTER_THINK * 1000:.0f} ms (counter) / 0–{KIOSK_THINK * 1000:.0f} ms (kiosk), "
        f"synchronous=FULL, WAL, {os.cpu_count()} CPUs, SQLite {sqlite3.sqlite_version}"
    )
    figures: dict[tuple[int, str], dict[str, Result]] = {}
    with tempfile.TemporaryDirectory(prefix="khiu-bench-") as tmp:
        for history in (10_000, 1_000_000):
            folder = Path(tmp) / f"h{history}"
            folder.mkdir()
            path = make_many_counters_db(folder, COUNTERS)
            took = build_history(path, history)
            size = path.stat().st_size / 1e6
            print(
                f"\n-- {history:,} historical tickets (+ events): built in {took:.1f} s, {size:.0f} MB"
            )
            store = SqliteStore.open(path, clock=CLOCK)
            t = time.perf_counter()
            store.issue("DL")  # the day's first write expires leftovers (a history scan)
            print(
                f"   first write of the day (rollover check): {(time.perf_counter() - t) * 1000:.1f} ms"
            )
            store.close()
            for mode, prefix in (("ours", "S"), ("bare", "Q")):
                stock_waiting(path, STOCK, prefix)
                result = load(path, mode)
                figures[history, mode] = result
                name = "khiu store" if mode == "ours" else "bare SQL  "
                print("   " + _line(f"{name} call-next", result["counter"]))
                print("   " + _line(f"{name} issue", result["kiosk"]))
                print(
                    f"   {name} calls finding no one: {result['counter'].empty}; "
                    f"max worker RSS {max(r.rss for r in result.values()) / 2**20:.0f} MiB"
                )
            conn = sqlite3.connect(path)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()

    def p(history: int, mode: str, role: str, q: float) -> float:
        return percentile(figures[history, mode][role].latencies, q) * 1000

    print("\n-- ratios")
    for history in (10_000, 1_000_000):
        for role, label in (("counter", "call-next"), ("kiosk", "issue")):
            print(
                f"   {history:>9,} {label:<9} ours ÷ bare SQL: p50 "
                f"{p(history, 'ours', role, 50) / p(history, 'bare', role, 50):5.2f}×  p99 "
                f"{p(history, 'ours', role, 99) / p(history, 'bare', role, 99):5.2f}×"
            )
    for role, label in (("counter", "call-next"), ("kiosk", "issue")):
        print(
            f"   {label:<9} 1M ÷ 10k (ours): p50 "
            f"{p(1_000_000, 'ours', role, 50) / p(10_000, 'ours', role, 50):5.2f}×  p99 "
            f"{p(1_000_000, 'ours', role, 99) / p(10_000, 'ours', role, 99):5.2f}×"
        )
    call_p99 = p(1_000_000, "ours", "counter", 99)
    ratio = p(1_000_000, "ours", "counter", 50) / p(10_000, "ours", "counter", 50)
    print(
        f"\n-- aims: call-next p99 at 1M {call_p99:.1f} ms (aim ≤ 50 ms); "
        f"p50 1M ÷ 10k {ratio:.2f}× (aim ≤ 1.5×); "
        f"bench process RSS {psutil.Process().memory_info().rss / 2**20:.0f} MiB"
    )
