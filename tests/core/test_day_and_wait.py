"""Day rollover (leftovers expire, history stays) and position / estimated wait."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.domain.model import TicketState
from shared.storage.sqlite import SqliteStore
from tests.core.helpers import location_of, raw
from tests.support.clock import FakeClock


def test_rollover_expires_leftovers_and_keeps_history(q: SqliteStore, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)  # 23:00 Bangkok
    for _ in range(4):
        q.issue("DL")
    q.issue("SSO")
    q.call_next(1)  # A001 called
    q.call_next(1)  # A001 done, A002 called
    q.cancel("A003")
    yesterday = {t: q.ticket(t).token for t in ("A001", "A002", "A003", "A004", "B001")}
    clock.now = datetime(2026, 11, 24, 17, 1, tzinfo=UTC)  # 00:01 on the 25th
    assert q.status().services[0].waiting == 0  # yesterday's do not count today
    fresh = q.issue("DL")
    assert fresh.code == "A001" and fresh.position == 0
    old = {code: q.ticket(token) for code, token in yesterday.items()}
    assert {c: t.state.value for c, t in old.items()} == {
        "A001": "done", "A002": "called", "A003": "cancelled", "A004": "expired",
        "B001": "expired",
    }  # fmt: skip
    assert old["A004"].finished_at == clock.now and old["A004"].business_date == "2026-11-24"
    # the ticket being served at midnight stays with its counter
    current = q.current_ticket(1)
    assert current is not None and current.token == yesterday["A002"]
    expired = [e for e in q.changes(0) if e.kind == "expired"]
    assert sorted(e.ticket or "" for e in expired) == ["A004", "B001"]
    called = q.call_next(1)  # finishes yesterday's A002, calls today's A001
    assert called is not None and called.token == fresh.token
    assert q.ticket(yesterday["A002"]).state.value == "done"
    assert q.call_next(2) is None
    conn = raw(location_of(q))
    assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 6
    conn.close()


def test_rollover_runs_once_a_day(q: SqliteStore, clock: FakeClock) -> None:
    q.issue("DL")
    clock.advance(days=1)
    q.issue("DL")
    q.issue("DL")
    assert [e.kind for e in q.changes(0)].count("expired") == 1
    assert q.ticket("A001").state is TicketState.WAITING  # today's A001


def test_wait_uses_manual_time_until_there_is_data(q: SqliteStore, clock: FakeClock) -> None:
    # DL: manual 20 min, served by counters 1 and 2 (both open).
    views = [q.issue("DL") for _ in range(5)]
    assert [v.position for v in views] == [0, 1, 2, 3, 4]
    assert [v.estimated_wait_min for v in views] == [0, 10, 20, 30, 40]
    # SSO: manual 10 min, counters 2 and 3.
    assert q.issue("SSO").estimated_wait_min == 0
    assert q.issue("SSO").estimated_wait_min == 5


def test_wait_uses_todays_mean_once_served(q: SqliteStore, clock: FakeClock) -> None:
    for _ in range(6):
        q.issue("DL")
    q.call_next(1)
    clock.advance(minutes=3)
    q.call_next(1)  # A001 served in 3 minutes
    clock.advance(minutes=5)
    q.finish(1)  # A002 in 5: mean 4
    ticket = q.ticket("A006")
    assert ticket.position == 3 and ticket.estimated_wait_min == 6  # 3 × 4 ÷ 2
    # Yesterday's figures do not count: a new day starts from the manual again.
    clock.advance(days=1)
    assert q.issue("DL").estimated_wait_min == 0
    assert q.issue("DL").estimated_wait_min == 10


def test_paused_counter_does_not_count_as_open(q: SqliteStore) -> None:
    for _ in range(3):
        q.issue("DL")
    q.set_counter_open(2, False)
    assert q.ticket("A003").estimated_wait_min == 40  # 2 × 20 ÷ 1
    q.set_counter_open(1, False)
    assert q.ticket("A003").estimated_wait_min == 40  # no counter open: counted as one
    q.set_counter_open(1, True)
    q.set_counter_open(2, True)
    assert q.ticket("A003").estimated_wait_min == 20


def test_position_counts_priority_ahead(q: SqliteStore, clock: FakeClock) -> None:
    q.issue("DL")
    clock.advance(seconds=1)
    q.issue("DL", priority=True)
    clock.advance(seconds=1)
    q.issue("DL", priority=True)
    assert [q.ticket(c).position for c in ("A001", "A002", "A003")] == [2, 0, 1]
    status = q.status()
    dl = next(s for s in status.services if s.code == "DL")
    assert dl.waiting == 3 and dl.estimated_wait_min == 30
