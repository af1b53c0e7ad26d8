"""Day rollover (leftovers expire, history stays) and position / estimated wait."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.domain.model import TicketState
from shared.printing.from_queue import printout_for
from shared.printing.layout import ticket_text
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.small_site import location_of, raw


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
    # DL: manual 20 min, served by counter 1 and counter 2 (which also serves SSO), both
    # free: the first two are called at once, then one of each pair every 20 minutes.
    views = [q.issue("DL") for _ in range(5)]
    assert [v.position for v in views] == [0, 1, 2, 3, 4]
    assert [v.estimated_wait_min for v in views] == [0, 0, 20, 20, 40]
    # SSO: manual 10 min, counter 3 is free; counter 2 is taken by DL for 20 minutes.
    assert q.issue("SSO").estimated_wait_min == 0
    assert q.issue("SSO").estimated_wait_min == 10


def test_wait_learns_todays_pace(q: SqliteStore, clock: FakeClock) -> None:
    for _ in range(8):
        q.issue("DL")
    for _ in range(3):  # counter 1 serves A001–A003 in 3 minutes each
        q.call_next(1)
        clock.advance(minutes=3)
    q.finish(1)
    # Five wait; counters 1 and 2 are free: two now, the rest at today's pace (near 3
    # minutes, the manual's 20 weighing as one ticket), far below 20 a ticket.
    estimates = [q.ticket(f"A00{n}").estimated_wait_min for n in range(4, 9)]
    waits = [wait for wait in estimates if wait is not None]
    assert len(waits) == len(estimates)
    assert waits[:2] == [0, 0]
    assert waits == sorted(waits) and 0 < waits[-1] <= 20
    # Yesterday's figures do not count: a new day starts from the manual again.
    clock.advance(days=1)
    assert [q.issue("DL").estimated_wait_min for _ in range(3)] == [0, 0, 20]


def test_paused_counter_does_not_count_as_open(q: SqliteStore) -> None:
    for _ in range(3):
        q.issue("DL")
    q.set_counter_open(2, False)
    assert q.ticket("A003").estimated_wait_min == 40  # counter 1 alone: 2 × 20
    q.set_counter_open(1, False)
    assert q.ticket("A003").estimated_wait_min == 40  # no counter open: counted as one
    q.set_counter_open(1, True)
    q.set_counter_open(2, True)
    assert q.ticket("A003").estimated_wait_min == 20


def test_range_holds_the_estimate_and_grows_with_the_queue(q: SqliteStore) -> None:
    views = [q.issue("DL") for _ in range(12)]
    ranges = [v.estimated_wait_range_min for v in views]
    assert all(r is not None for r in ranges)
    for view, (low, high) in zip(views, ranges, strict=True):  # type: ignore[misc]
        assert 0 <= low <= (view.estimated_wait_min or 0) <= high
    assert [r[0] for r in ranges] == sorted(r[0] for r in ranges)  # type: ignore[index]
    assert [r[1] for r in ranges] == sorted(r[1] for r in ranges)  # type: ignore[index]
    assert ranges[-1][1] > ranges[-1][0]  # type: ignore[index]
    q.call_next(1)
    called = q.ticket("A001")
    assert called.estimated_wait_min is None and called.estimated_wait_range_min is None


def test_position_counts_priority_ahead(q: SqliteStore, clock: FakeClock) -> None:
    q.issue("DL")
    clock.advance(seconds=1)
    q.issue("DL", priority=True)
    clock.advance(seconds=1)
    q.issue("DL", priority=True)
    assert [q.ticket(c).position for c in ("A001", "A002", "A003")] == [2, 0, 1]
    status = q.status()
    dl = next(s for s in status.services if s.code == "DL")
    # A ticket taken now: counters 1 and 2 take the two priority ones now; at minute 20
    # one takes A001 and the other the priority ticket today's rate (two in the last
    # hour) expects by then; the new one comes up at minute 40.
    assert dl.waiting == 3 and dl.estimated_wait_min == 40
    low, high = dl.estimated_wait_range_min
    assert low <= 40 <= high


def test_the_printed_ticket_says_the_tickets_range(q: SqliteStore) -> None:
    for _ in range(5):
        q.issue("DL")
    view = q.issue("DL")
    assert view.estimated_wait_range_min is not None
    low, high = view.estimated_wait_range_min
    text = ticket_text(printout_for(view, q.service("DL"), q.site()))
    assert (text.estimated_wait.th, text.estimated_wait.en) == (
        f"รอประมาณ {low}–{high} นาที",
        f"Estimated wait: about {low}–{high} min",
    )
