"""The site's clock never runs backwards in the database: a clock set back does not
reorder the queue or reopen yesterday; a ticket served across midnight is not lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from shared.reports import make_report
from shared.storage.api import Store
from tests.support.clock import FakeClock


def _bangkok(day: int, hh: int, mm: int) -> datetime:
    """`day` Nov 2026, hh:mm in Bangkok (UTC+7)."""
    return datetime(2026, 11, day, hh, mm, tzinfo=UTC) - timedelta(hours=7)


def _clock_backs(q: Store) -> list[dict[str, Any]]:
    return [e.data for e in q.changes(0) if e.kind == "clock_back"]


def _calls(q: Store, counter: int, n: int) -> list[str]:
    codes = []
    for _ in range(n):
        view = q.call_next(counter)
        assert view is not None
        codes.append(view.code)
    return codes


def test_a_clock_set_back_an_hour_keeps_the_queue_in_order(q: Store, clock: FakeClock) -> None:
    for _ in range(3):
        q.issue("DL")
        clock.advance(minutes=1)
    clock.advance(hours=-1)  # mid-morning, the PC's clock is set back an hour
    later = [q.issue("DL"), q.issue("DL")]
    assert [t.code for t in later] == ["A004", "A005"]
    a003 = q.ticket("A003")
    # stamped at the queue's newest time, not an hour earlier
    assert all(t.issued_at == a003.issued_at for t in later)
    assert _calls(q, 1, 5) == ["A001", "A002", "A003", "A004", "A005"]
    (recorded,) = _clock_backs(q)  # once, though every write since found the clock behind
    assert recorded["back_s"] == 3600 - 60  # 10:03 set to 09:03; newest stamp 10:02
    # the wait and service times of the stretch are never negative
    done = q.ticket("A004")
    assert done.called_at is not None and done.called_at >= done.issued_at


def test_priority_tickets_keep_their_order_and_fairness_across_a_clock_set_back(
    q: Store, clock: FakeClock
) -> None:
    q.issue("DL", priority=True)  # A001
    q.issue("DL")  # A002
    clock.advance(minutes=5)
    q.issue("DL", priority=True)  # A003
    clock.advance(minutes=-30)
    q.issue("DL", priority=True)  # A004, after the change
    q.issue("DL")  # A005
    # fairness 3: three priority tickets in their order of issue, then a normal one
    assert _calls(q, 1, 5) == ["A001", "A003", "A004", "A002", "A005"]


def test_a_small_backward_step_keeps_the_order_and_is_not_recorded(
    q: Store, clock: FakeClock
) -> None:
    q.issue("SSO")
    q.issue("SSO")
    clock.advance(seconds=-2)  # an NTP step back
    q.issue("SSO")
    assert _calls(q, 3, 3) == ["B001", "B002", "B003"]
    assert _clock_backs(q) == []


def test_a_clock_on_yesterday_issues_for_today_and_leaves_no_ghost(
    q: Store, clock: FakeClock
) -> None:
    q.issue("SSO")  # today's real B001, 10:00
    clock.now = _bangkok(23, 23, 50)  # the clock briefly on the previous day
    ticket = q.issue("SSO")
    assert (ticket.code, ticket.business_date) == ("B002", "2026-11-24")
    assert q.ticket("B002").token == ticket.token  # found as today's
    assert q.today() == "2026-11-24"
    assert _clock_backs(q) != []
    clock.now = _bangkok(24, 10, 5)  # the clock is right again
    assert _calls(q, 3, 2) == ["B001", "B002"]
    assert q.call_next(3) is None  # no ghost from yesterday
    issued = [q.ticket(e.ticket or "") for e in q.changes(0) if e.kind == "issued"]
    assert [(t.code, t.business_date) for t in issued] == [
        ("B001", "2026-11-24"),
        ("B002", "2026-11-24"),
    ]


def test_a_clock_on_yesterday_after_a_rollover_without_tickets_issues_for_today(
    q: Store, clock: FakeClock
) -> None:
    clock.now = _bangkok(24, 0, 5)
    q.set_counter_open(3, True)  # the day's first write: the rollover, no ticket yet
    clock.now = _bangkok(23, 23, 50)
    ticket = q.issue("SSO")
    assert (ticket.code, ticket.business_date) == ("B001", "2026-11-24")
    assert ticket.issued_at == _bangkok(24, 0, 0)  # the start of the day already reached


@pytest.mark.parametrize(
    ("act", "state"), [("finish", "done"), ("no_show", "no_show"), ("transfer", "waiting")]
)
def test_a_ticket_served_across_midnight_is_ended_by_its_counter(
    q: Store, clock: FakeClock, act: str, state: str
) -> None:
    clock.now = _bangkok(24, 23, 50)
    served = q.issue("DL")
    left = q.issue("DL")
    clock.now = _bangkok(24, 23, 52)
    assert q.call_next(2) is not None  # counter 2 serves DL and SSO
    clock.now = _bangkok(25, 0, 2)
    args = ("SSO",) if act == "transfer" else ()
    ended = getattr(q, act)(2, *args)
    assert (ended.token, ended.state.value) == (served.token, state)
    assert q.ticket(left.token).state.value == "expired"  # waiting tickets still expire
    if act == "transfer":  # it waits at SSO and is called there first
        called = q.call_next(3)
        assert called is not None and called.token == served.token


def test_a_ticket_served_across_midnight_counts_as_served_on_its_own_day(
    q: Store, clock: FakeClock
) -> None:
    clock.now = _bangkok(24, 23, 50)
    q.issue("DL")
    clock.now = _bangkok(24, 23, 52)
    q.call_next(1)
    clock.now = _bangkok(25, 0, 2)
    q.issue("DL")  # the new day's first write
    q.finish(1)
    day = {s.code: s for s in make_report(q, "2026-11-24", "2026-11-24").services}["DL"]
    assert (day.counts.served, day.counts.expired) == (1, 0)
    assert day.service.mean == pytest.approx(10.0)


def test_call_next_finishes_yesterdays_called_ticket_as_done(
    q: Store, clock: FakeClock
) -> None:
    clock.now = _bangkok(24, 23, 55)
    yesterday = q.issue("DL")
    q.call_next(1)
    clock.now = _bangkok(25, 0, 10)
    today = q.issue("DL")
    called = q.call_next(1)
    assert called is not None and called.token == today.token
    assert q.ticket(yesterday.token).state.value == "done"
