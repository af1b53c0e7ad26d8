"""The event log: append-only, the change feed across connections, hot queries on indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.storage.sqlite import SqliteStore
from tests.support.backends import DB_ERRORS, poll_until
from tests.support.clock import FakeClock
from tests.support.small_site import location_of, raw


def test_events_refuse_update_and_delete(q: SqliteStore) -> None:
    q.issue("DL")
    conn = raw(location_of(q))
    count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    for sql in ("UPDATE events SET kind = 'forged'", "DELETE FROM events", "DELETE FROM events WHERE id = 1"):  # fmt: skip
        with pytest.raises(DB_ERRORS, match="append-only"):
            conn.execute(sql)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == count
    assert conn.execute("SELECT count(*) FROM events WHERE kind = 'forged'").fetchone()[0] == 0
    conn.close()


def test_event_rows_name_ticket_service_counter(q: SqliteStore, clock: FakeClock) -> None:
    start = q.last_event_id()
    q.issue("SSO", priority=True)
    clock.advance(minutes=1)
    q.call_next(3)
    issued, called = q.changes(start)
    assert (issued.kind, issued.ticket, issued.service, issued.counter) == (
        "issued",
        "B001",
        "SSO",
        None,
    )
    assert issued.data == {"priority": True}
    assert (called.kind, called.ticket, called.counter, called.at) == (
        "called",
        "B001",
        3,
        clock.now,
    )
    assert called.id > issued.id
    assert q.last_event_id() == called.id
    assert q.changes(called.id) == []
    assert len(q.changes(start, limit=1)) == 1


def test_feed_sees_other_connections_only_after_commit(q: SqliteStore) -> None:
    feed = q.open_feed()
    assert feed.poll() == []
    q.issue("DL")
    assert [(e.kind, e.ticket) for e in poll_until(feed)] == [("issued", "A001")]
    assert feed.poll() == []
    writer = raw(location_of(q))
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO events (at, kind) VALUES ('2026-11-24T03:00:00.000+00:00', 'x')")
    assert feed.poll() == []  # not committed yet
    writer.execute("COMMIT")
    assert [e.kind for e in poll_until(feed)] == ["x"]
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO events (at, kind) VALUES ('2026-11-24T03:00:00.000+00:00', 'y')")
    writer.execute("ROLLBACK")
    assert feed.poll() == []  # rolled back: never seen
    q.issue("DL")
    assert [e.ticket for e in poll_until(feed)] == ["A002"]
    writer.close()
    feed.close()


def test_feed_reads_in_batches_and_from_a_given_id(q: SqliteStore) -> None:
    writer = raw(location_of(q))
    start = q.last_event_id()
    feed = q.open_feed(start)
    writer.execute("BEGIN IMMEDIATE")
    writer.executemany(
        "INSERT INTO events (at, kind, data) VALUES ('2026-11-24T03:00:00.000+00:00', 'bulk', ?)",
        [(f'{{"n": {i}}}',) for i in range(2500)],
    )
    writer.execute("COMMIT")
    events = poll_until(feed, 2500)
    assert [e.data["n"] for e in events] == list(range(2500))
    assert feed.last_id == start + 2500
    writer.close()
    feed.close()


def _plans(store: SqliteStore, act: str, *args: object) -> dict[str, str]:
    """The query plans of every statement the store runs for one act (as really run)."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        getattr(store, act)(*args)
    finally:
        store.conn.set_trace_callback(None)
    plans = {}
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "UPDATE")):
            rows = store.conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
            plans[sql] = " | ".join(r[3] for r in rows)
    return plans


def _sorted_sources(store: SqliteStore, sql: str) -> list[list[str]]:
    """For each temporary sort in the plan of `sql` (run with the last act's values, as
    traced), the steps it sorts the rows of (the other steps of its subquery)."""
    rows = store.conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
    return [
        [r[3] for r in rows if r[1] == parent and r[0] != node]
        for node, parent, _, detail in rows
        if detail.startswith("USE TEMP B-TREE")
    ]


def _add_history(path: Path, days: int = 30, per_day: int = 400) -> None:
    conn = raw(path)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        """INSERT INTO tickets (business_date, service_id, origin_service_id, seq, code,
             priority, state, issued_at, called_at, finished_at, token)
           VALUES (?, 1, 1, ?, ?, 0, ?, ?, ?, ?, ?)""",
        [
            (
                f"2026-10-{d + 1:02d}",
                n + 1,
                f"A{n + 1:03d}",
                ("done", "no_show", "expired")[n % 3],
                f"2026-10-{d + 1:02d}T03:00:00.000+00:00",
                f"2026-10-{d + 1:02d}T03:10:00.000+00:00",
                f"2026-10-{d + 1:02d}T03:20:00.000+00:00",
                f"h{d}-{n}",
            )
            for d in range(days)
            for n in range(per_day)
        ],
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


@pytest.mark.sqlite_only
def test_call_next_uses_the_partial_waiting_index(small_db: Path, clock: FakeClock) -> None:
    _add_history(small_db)
    store = SqliteStore.open(small_db, clock=clock)
    store.issue("DL")
    store.issue("SSO", priority=True)
    plans = _plans(store, "call_next", 2)
    waiting = {
        sql: plan
        for sql, plan in plans.items()
        if sql.lstrip().startswith("SELECT") and "ORDER BY w.issued_at, w.id LIMIT 1" in sql
    }
    # One statement reads the heads of both queues (oldest priority, oldest normal) of
    # each of the counter's services (id and issue time), each on the partial index of
    # waiting tickets.
    assert len(waiting) == 1, plans
    (plan,) = waiting.values()
    assert plan.count("SEARCH w USING INDEX ix_tickets_waiting") == 4, plan
    # The only sorts are of the booked line: today's checked-in bookings of one service
    # (read on the day index), ordered by when each joins the ahead line; never a queue.
    (sql,) = waiting
    sorted_sources = _sorted_sources(store, sql)
    assert len(sorted_sources) == 2, plan
    for sources in sorted_sources:
        assert any(s.startswith("SEARCH b USING INDEX ix_bookings_day") for s in sources), plan
    for sql, plan in plans.items():
        assert "SCAN tickets" not in plan, (sql, plan)
    for act, args in (("issue", ("DL",)), ("recall", (2,)), ("finish", (2,))):
        for sql, plan in _plans(store, act, *args).items():
            assert _history_scans(plan) == [], (act, sql, plan)
    store.close()


# Partial indexes that hold only live tickets (waiting; called at a counter): walking one
# costs the size of today's queue, never months of history. The wait estimate after an
# issue walks both to replay the queue.
LIVE_TICKET_INDEXES = ("USING INDEX ix_tickets_waiting", "USING INDEX ux_tickets_called_counter")


def _history_scans(plan: str) -> list[str]:
    """The steps of a plan that scan the tickets table other than through a live-ticket
    partial index."""
    return [
        step
        for step in plan.split(" | ")
        if step.split()[:2] in (["SCAN", "t"], ["SCAN", "tickets"])
        and not step.endswith(LIVE_TICKET_INDEXES)
    ]
