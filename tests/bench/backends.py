"""SQLite and PostgreSQL side by side: 32 counter processes + 2 kiosks calling and issuing
on 10,000 and 1,000,000 historical tickets, our store against a bare-SQL floor on each
backend; then commit → hall display painted over LISTEN/NOTIFY.

The PostgreSQL server runs on loopback with durable settings (fsync on, synchronous
commit on), as SQLite runs with synchronous=FULL. Figures only; nothing is asserted
about time. KHIU_BENCH_HISTORY=10000,100000 picks other history sizes.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg

from shared.clock import business_date, to_db
from shared.site import load_site_file
from shared.storage import open_store
from tests.bench import core as sqlite_bench
from tests.bench.core import CLOCK, COUNTERS, KIOSKS, SECONDS, STOCK, Result, _tz
from tests.bench.stats import percentile, summary_ms
from tests.support.pg import PgServer
from tests.support.small_site import many_counters_site

LOCK = 0x4B484955


def histories() -> tuple[int, ...]:
    text = os.environ.get("KHIU_BENCH_HISTORY", "10000,1000000")
    return tuple(int(part) for part in text.split(",") if part.strip())


# ------------------------------------------------------------ PostgreSQL data
def pg_build_history(url: str, tickets: int) -> float:
    """As tests.bench.core.build_history, on the server (one INSERT … SELECT each)."""
    started = time.perf_counter()
    per_day = 2000
    today = CLOCK().date()
    day = "to_char(%(today)s::date - (1 + i / %(per_day)s), 'YYYY-MM-DD')"
    seq = "(1 + (i %% %(per_day)s) / 2)"
    clock = "'T0' || (2 + (i %% %(per_day)s) * 9 / %(per_day)s) || ':' || lpad((i %% 60)::text, 2, '0')"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET synchronous_commit = off")
        with conn.transaction():
            conn.execute(
                f"""INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
                      priority, state, counter_id, issued_at, called_at, finished_at,
                      recall_count, token)
                    SELECT {day}, 1 + i %% 2, 1 + i %% 2, {seq},
                      CASE i %% 2 WHEN 0 THEN 'A' ELSE 'B' END
                        || CASE WHEN {seq} < 1000 THEN lpad({seq}::text, 3, '0')
                                ELSE {seq}::text END,
                      (i %% 7 = 0)::int,
                      CASE WHEN i %% 20 = 0 THEN 'no_show' WHEN i %% 53 = 0 THEN 'expired'
                           ELSE 'done' END,
                      1 + i %% %(counters)s,
                      {day} || {clock} || ':00.000+00:00',
                      {day} || {clock} || ':30.000+00:00',
                      {day} || {clock} || ':50.000+00:00',
                      (i %% 11 = 0)::int, 'h' || i
                    FROM generate_series(0, %(total)s - 1) AS i""",
                {"today": today.isoformat(), "per_day": per_day, "counters": COUNTERS,
                 "total": tickets},
            )
            conn.execute(
                """INSERT INTO events (at, kind, ticket_id, service_id, counter_id, data)
                   SELECT finished_at, CASE state WHEN 'done' THEN 'finished' ELSE state END,
                          id, service_id, counter_id, '{}' FROM tickets ORDER BY id"""
            )
            conn.execute(
                """INSERT INTO daily_sequences (service_id, business_date, last_seq)
                   SELECT origin_service_id, business_date, max(seq) FROM tickets
                   GROUP BY origin_service_id, business_date"""
            )
        conn.execute("VACUUM ANALYZE")
        conn.execute("CHECKPOINT")
    return time.perf_counter() - started


def pg_stock_waiting(url: str, count: int, prefix: str) -> None:
    now = CLOCK()
    today = business_date(now, _tz())
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
                 priority, state, issued_at, token)
               VALUES (%s, %s, %s, %s, %s, %s, 'waiting', %s, %s)""",
            [
                (today, 1 + i % 2, 1 + i % 2, 10_000 + i, f"{prefix}{i:05d}", int(i % 9 == 0),
                 to_db(now - timedelta(seconds=count - i)),
                 f"{prefix}-stock-{i}-{os.urandom(6).hex()}")
                for i in range(count)
            ],
        )


def _pg_bare(url: str, role: str, number: int) -> tuple[Callable[[], bool], Callable[[], None]]:
    """The least SQL doing the job safely on PostgreSQL: the same statements as the
    SQLite floor, under the same site lock (BEGIN IMMEDIATE's counterpart)."""
    conn = psycopg.connect(url, autocommit=True)
    seq = iter(range(10**9))
    today = business_date(CLOCK(), _tz())

    def claim() -> bool:
        now = to_db(CLOCK())
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
            conn.execute(
                "UPDATE tickets SET state = 'done', finished_at = %s "
                "WHERE counter_id = %s AND state = 'called'", (now, number))
            row = conn.execute(
                """UPDATE tickets SET state = 'called', counter_id = %s, called_at = %s
                   WHERE id = (SELECT id FROM tickets WHERE state = 'waiting'
                               AND service_id IN (1, 2)
                               ORDER BY priority DESC, issued_at, id LIMIT 1)
                   RETURNING id""", (number, now)).fetchone()
        return row is not None

    def insert() -> bool:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
            conn.execute(
                """INSERT INTO tickets (business_date, service_id, origin_service_id, seq,
                     code, state, issued_at, token)
                   VALUES (%s, 1, 1, 0, %s, 'waiting', %s, %s)""",
                (today, f"K{number}{next(seq):06d}", to_db(CLOCK()),
                 os.urandom(16).hex()))
        return True

    return (claim if role == "counter" else insert), conn.close


def _ours(location: str, role: str, number: int) -> tuple[Callable[[], bool], Callable[[], None]]:
    store = open_store(location, clock=CLOCK)
    if role == "counter":
        return (lambda: store.call_next(number) is not None), store.close
    rng = random.Random(number)
    return (
        lambda: store.issue(rng.choice(("DL", "SSO")), priority=rng.random() < 0.15) is not None
    ), store.close


def _sqlite_bare(location: str, role: str, number: int) -> tuple[Callable[[], bool],
                                                                   Callable[[], None]]:
    return sqlite_bench._bare(location, role, number)


MAKERS = {
    ("sqlite", "ours"): _ours,
    ("postgres", "ours"): _ours,
    ("sqlite", "bare"): _sqlite_bare,
    ("postgres", "bare"): _pg_bare,
}


def worker(backend: str, mode: str, role: str, number: int, location: str, start_at: float,
           out: Any) -> None:  # pragma: no cover - runs in a child process
    try:
        act, close = MAKERS[backend, mode](location, role, number)
        out.put(sqlite_bench.timed_loop(act, close, role, number, start_at))
    except BaseException as exc:
        out.put(Result(role, error=repr(exc)))
        raise


def load(backend: str, mode: str, location: str) -> dict[str, Result]:
    ctx = (
        multiprocessing.get_context("fork")
        if os.name == "posix"
        else multiprocessing.get_context("spawn")
    )
    out = ctx.Queue()
    start_at = time.time() + 3.0
    procs = [
        ctx.Process(target=worker, args=(backend, mode, "counter", n, location, start_at, out))
        for n in range(1, COUNTERS + 1)
    ] + [
        ctx.Process(target=worker, args=(backend, mode, "kiosk", 100 + n, location, start_at, out))
        for n in range(KIOSKS)
    ]
    for proc in procs:
        proc.start()
    merged = {"counter": Result("counter"), "kiosk": Result("kiosk")}
    for _ in procs:
        part: Result = out.get(timeout=SECONDS + 180)
        if part.error:
            raise RuntimeError(f"a {part.kind} worker failed: {part.error}")
        into = merged[part.kind]
        into.latencies += part.latencies
        into.empty += part.empty
        into.rss = max(into.rss, part.rss)
    for proc in procs:
        proc.join()
    return merged


# ------------------------------------------------------------------- run
def _site(folder: Path) -> Path:
    site = folder / "many.toml"
    site.write_text(many_counters_site(COUNTERS), "utf-8")
    return site


def _prepare(backend: str, folder: Path, server: PgServer, history: int) -> tuple[str, float]:
    site = load_site_file(_site(folder))
    if backend == "sqlite":
        location = str(folder / "khiu.db")
    else:
        location = server.create_database(f"bench{history}")
    store = open_store(location, create=True, clock=CLOCK)
    store.load_site(site)
    store.close()
    if backend == "sqlite":
        took = sqlite_bench.build_history(Path(location), history)
    else:
        took = pg_build_history(location, history)
    return location, took


def _stock(backend: str, location: str, prefix: str) -> None:
    if backend == "sqlite":
        sqlite_bench.stock_waiting(Path(location), STOCK, prefix)
    else:
        pg_stock_waiting(location, STOCK, prefix)


def run() -> None:
    server = PgServer(fsync=True).init()
    server.start()
    version = psycopg.connect(server.url(), autocommit=True).execute("SHOW server_version")
    version_row = version.fetchone()
    assert version_row is not None
    print(
        f"{COUNTERS} counter + {KIOSKS} kiosk processes, {SECONDS:.0f} s per run, "
        f"{os.cpu_count()} CPUs; SQLite {sqlite3.sqlite_version} (WAL, synchronous=FULL); "
        f"PostgreSQL {version_row[0]} on loopback (fsync on, synchronous_commit on)"
    )
    figures: dict[tuple[str, int, str], dict[str, Result]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="khiu-bench-backends-") as tmp:
            for history in histories():
                for backend in ("sqlite", "postgres"):
                    folder = Path(tmp) / f"{backend}{history}"
                    folder.mkdir()
                    location, took = _prepare(backend, folder, server, history)
                    print(f"\n-- {backend}, {history:,} historical tickets (+ events): "
                          f"built in {took:.1f} s")
                    store = open_store(location, clock=CLOCK)
                    t = time.perf_counter()
                    store.issue("DL")  # the day's first write expires leftovers
                    print(f"   first write of the day: {(time.perf_counter() - t) * 1000:.1f} ms")
                    store.close()
                    for mode, prefix in (("ours", "S"), ("bare", "Q")):
                        _stock(backend, location, prefix)
                        result = load(backend, mode, location)
                        figures[backend, history, mode] = result
                        name = "khiu store" if mode == "ours" else "bare SQL  "
                        for role, label in (("counter", "call-next"), ("kiosk", "issue")):
                            r = result[role]
                            print(f"   {summary_ms(f'{name} {label}', r.latencies)}  "
                                  f"{len(r.latencies) / SECONDS:7.1f} tx/s")
                        print(f"   {name} calls finding no one: {result['counter'].empty}")
                    if backend == "postgres":
                        server.drop_database(location)
            _ratios(figures)
            _display_latency(server, Path(tmp))
    finally:
        server.destroy()


def _ratios(figures: dict[tuple[str, int, str], dict[str, Result]]) -> None:
    def p(backend: str, history: int, mode: str, role: str, q: float) -> float:
        return percentile(figures[backend, history, mode][role].latencies, q) * 1000

    sizes = sorted({h for _, h, _ in figures})
    print("\n-- side by side (ms)            sqlite p50/p99     postgres p50/p99")
    for history in sizes:
        for role, label in (("counter", "call-next"), ("kiosk", "issue")):
            for mode in ("ours", "bare"):
                cells = [
                    f"{p(b, history, mode, role, 50):7.2f} /{p(b, history, mode, role, 99):7.2f}"
                    for b in ("sqlite", "postgres")
                ]
                print(f"   {history:>9,} {label:<9} {mode:<4}  {cells[0]}   {cells[1]}")
    print("\n-- ratios")
    for backend in ("sqlite", "postgres"):
        for history in sizes:
            for role, label in (("counter", "call-next"), ("kiosk", "issue")):
                ours = p(backend, history, "ours", role, 50)
                bare = p(backend, history, "bare", role, 50)
                print(f"   {backend:<8} {history:>9,} {label:<9} ours ÷ bare p50 {ours / bare:5.2f}×")
        if len(sizes) > 1:
            for role, label in (("counter", "call-next"), ("kiosk", "issue")):
                big = p(backend, sizes[-1], "ours", role, 50)
                small = p(backend, sizes[0], "ours", role, 50)
                print(f"   {backend:<8} {label:<9} {sizes[-1]:,} ÷ {sizes[0]:,} p50 "
                      f"{big / small:5.2f}×")
    top = sizes[-1]
    print(f"\n-- aims: PostgreSQL call-next p99 at {top:,}: "
          f"{p('postgres', top, 'ours', 'counter', 99):.1f} ms (aim ≤ 20 ms)")


def _display_latency(server: PgServer, folder: Path) -> None:
    from tests.bench import display as display_bench

    print("\n-- commit → hall display painted")
    for backend in ("sqlite", "postgres"):
        location = (str(folder / "display.db") if backend == "sqlite"
                    else server.create_database("display"))
        print(f"   {backend}:")
        display_bench.measure(location, indent="     ")
