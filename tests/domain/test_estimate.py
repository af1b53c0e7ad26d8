"""The wait estimator on hand-made days (pure: no store, no clock)."""

from __future__ import annotations

import pytest

from shared.domain.estimate import (
    Desk,
    Served,
    Today,
    WaitEstimate,
    Waiting,
    estimate_waits,
    learn_pace,
)

A, B = 1, 2  # service ids
MANUAL = {A: 10.0, B: 10.0}


def queue(service: int, n: int, *, start_id: int = 1, priority: bool = False) -> list[Waiting]:
    """n tickets of one service issued a minute apart, the oldest first."""
    return [Waiting(start_id + i, service, priority, -float(n - i)) for i in range(n)]


def minutes(today: Today) -> dict[int, int]:
    return {ticket_id: e.minutes for ticket_id, e in estimate_waits(today)[0].items()}


def test_no_data_yet_uses_the_manual_on_each_counter() -> None:
    today = Today(MANUAL, [Desk(1, (A,), True)], queue(A, 4))
    assert minutes(today) == {1: 0, 2: 10, 3: 20, 4: 30}


def test_learns_todays_pace_recent_times_weighing_more() -> None:
    fast = [Served(A, 1, ended_ago=5.0 * i, minutes=4.0) for i in range(12)]
    pace = learn_pace(MANUAL, fast)
    assert 4.0 < pace.service_mean[A] < 5.0  # the manual's 10 counts as one ticket
    assert pace.service_mean[B] == 10.0  # no data: the manual
    # An old slow stretch weighs less than a recent fast one.
    slow_then_fast = [Served(A, 1, 200.0 + i, 12.0) for i in range(6)] + [
        Served(A, 1, float(i), 4.0) for i in range(6)
    ]
    assert learn_pace(MANUAL, slow_then_fast).service_mean[A] < 8.0
    today = Today(MANUAL, [Desk(1, (A,), True)], queue(A, 4), served=fast)
    assert minutes(today)[4] < 20  # three ahead at about 4.5 minutes, not 30


def test_each_counter_keeps_its_own_pace() -> None:
    history = [Served(A, 1, float(i), 3.0) for i in range(10)] + [
        Served(A, 2, float(i), 9.0) for i in range(10)
    ]
    pace = learn_pace(MANUAL, history)
    assert pace.minutes(1, A) < pace.service_mean[A] < pace.minutes(2, A)


def test_a_no_shows_short_cost_counts_in_the_pace() -> None:
    with_no_shows = [Served(A, 1, float(i), 6.0) for i in range(8)] + [
        Served(A, 1, float(i), 1.0) for i in range(2)
    ]
    assert learn_pace(MANUAL, with_no_shows).service_mean[A] < 6.0


def test_a_shared_counter_gives_its_time_to_the_older_tickets_first() -> None:
    # Counter 1 serves A only; counter 2 serves B then A. Older B tickets hold counter 2.
    desks = [Desk(1, (A,), True), Desk(2, (B, A), True)]
    a_only = Today(MANUAL, desks, queue(A, 4, start_id=10))
    with_b = Today(MANUAL, desks, queue(B, 3, start_id=1) + [
        Waiting(10 + i, A, False, -0.5 + i * 0.1) for i in range(4)
    ])  # fmt: skip
    assert minutes(a_only)[13] == 10  # two counters share A's four
    assert minutes(with_b)[13] == 30  # counter 2 is busy with B: A has one counter


def test_a_paused_counter_gives_no_time() -> None:
    waiting = queue(A, 3)
    both = Today(MANUAL, [Desk(1, (A,), True), Desk(2, (A,), True)], waiting)
    one_paused = Today(MANUAL, [Desk(1, (A,), True), Desk(2, (A,), False)], waiting)
    all_paused = Today(MANUAL, [Desk(1, (A,), False), Desk(2, (A,), False)], waiting)
    assert minutes(both)[3] == 10
    assert minutes(one_paused)[3] == 20
    assert minutes(all_paused)[3] == 20  # counted as one counter, not as never


def test_a_busy_counter_comes_free_when_its_ticket_should_end() -> None:
    fresh = Today(MANUAL, [Desk(1, (A,), True, busy_service=A, busy_for=2.0)], queue(A, 1))
    overrun = Today(MANUAL, [Desk(1, (A,), True, busy_service=A, busy_for=25.0)], queue(A, 1))
    assert minutes(fresh)[1] == 8
    assert 0 < minutes(overrun)[1] < 8  # late already: not now, but sooner


def test_priority_waiting_goes_first_under_the_fairness_rule() -> None:
    desks = [Desk(1, (A,), True)]
    normal = queue(A, 2)
    priority = [Waiting(10 + i, A, True, -0.5) for i in range(4)]
    waits = minutes(Today(MANUAL, desks, normal + priority, fairness=3))
    assert [waits[10], waits[11], waits[12]] == [0, 10, 20]
    assert waits[1] == 30  # after three priority calls, a normal ticket's turn
    assert waits[13] == 40
    assert waits[2] == 50


def test_priority_tickets_arriving_at_todays_rate_go_ahead() -> None:
    desks = [Desk(1, (A,), True)]
    quiet = Today(MANUAL, desks, queue(A, 5))
    busy = Today(MANUAL, desks, queue(A, 5), priority_issued_ago={A: [5.0, 20.0, 35.0, 50.0]})
    old = Today(MANUAL, desks, queue(A, 5), priority_issued_ago={A: [70.0, 90.0]})
    assert minutes(busy)[5] > minutes(quiet)[5] == 40
    assert minutes(old)[5] == 40  # only the last hour counts


def test_a_new_ticket_waits_behind_everyone_and_changes_no_one() -> None:
    today = Today(MANUAL, [Desk(1, (A,), True), Desk(2, (B,), True)], queue(A, 3))
    waits, new = estimate_waits(today, (A, B))
    assert new[A].minutes == 30 and new[B].minutes == 0
    assert {i: e.minutes for i, e in waits.items()} == minutes(today)


@pytest.mark.parametrize("served", [(), tuple(Served(A, 1, float(i), 7.0) for i in range(5))])
def test_range_holds_the_estimate_and_more_ahead_never_shortens_it(
    served: tuple[Served, ...],
) -> None:
    desks = [Desk(1, (A,), True), Desk(2, (A, B), True, busy_service=B, busy_for=3.0)]
    last: WaitEstimate | None = None
    for n in range(0, 40):
        today = Today(MANUAL, desks, queue(A, n), served=served)
        waits, new = estimate_waits(today, (A,))
        for e in [*waits.values(), new[A]]:
            assert 0 <= e.low <= e.minutes <= e.high
        mine = new[A]  # a ticket behind n people
        if last is not None:
            assert mine.low >= last.low and mine.high >= last.high
            assert mine.minutes >= last.minutes
        last = mine
        ordered = [waits[t.id] for t in queue(A, n)]
        assert [e.high for e in ordered] == sorted(e.high for e in ordered)
        assert [e.low for e in ordered] == sorted(e.low for e in ordered)
    assert last is not None and last.high - last.low >= 10  # a long wait is less certain


def test_range_is_wider_when_service_times_vary_more() -> None:
    desks = [Desk(1, (A,), True)]
    steady = [Served(A, 1, float(i), 10.0) for i in range(20)]
    erratic = [Served(A, 1, float(i), 4.0 if i % 2 else 16.0) for i in range(20)]
    width = {}
    for name, served in (("steady", steady), ("erratic", erratic)):
        e = estimate_waits(Today(MANUAL, desks, queue(A, 6), served=served))[0][6]
        width[name] = e.high - e.low
    assert width["erratic"] > width["steady"]
