"""The wait estimator with bookings (pure: no store, no clock): bookings still to check
in and booked tickets checked in early join the ahead line at their slot's start."""

from __future__ import annotations

from shared.domain.estimate import Desk, Today, Waiting, estimate_waits

A = 1  # the service
MANUAL = {A: 10.0}  # ten minutes a ticket, one counter: the n-th walk-in's turn is 10(n-1)
DESKS = [Desk(1, (A,), True)]


def walk_ins(n: int) -> list[Waiting]:
    """n walk-in tickets issued a minute apart, the oldest first (ids 1..n)."""
    return [Waiting(1 + i, A, False, -float(n - i)) for i in range(n)]


def minutes(today: Today, new_ticket: bool = False) -> dict[int, int]:
    waits, new = estimate_waits(today, (A,) if new_ticket else ())
    found = {ticket_id: e.minutes for ticket_id, e in waits.items()}
    if new_ticket:
        found[0] = new[A].minutes  # a walk-in ticket taken now
    return found


def test_a_booking_whose_slot_starts_before_a_turn_goes_first() -> None:
    plain = minutes(Today(MANUAL, DESKS, walk_ins(5)), new_ticket=True)
    assert [plain[i] for i in (1, 2, 3, 4, 5, 0)] == [0, 10, 20, 30, 40, 50]
    booked = minutes(
        Today(MANUAL, DESKS, walk_ins(5), bookings_due={A: [15.0]}), new_ticket=True
    )
    # Arrives at 15 and is called when the counter next comes free (20): everyone
    # from that turn on waits one ticket longer; those called before it do not.
    assert [booked[i] for i in (1, 2, 3, 4, 5, 0)] == [0, 10, 30, 40, 50, 60]


def test_a_booking_whose_slot_starts_after_a_turn_changes_nothing_before_it() -> None:
    later = minutes(
        Today(MANUAL, DESKS, walk_ins(5), bookings_due={A: [45.0]}), new_ticket=True
    )
    assert [later[i] for i in (1, 2, 3, 4, 5)] == [0, 10, 20, 30, 40]
    assert later[0] == 60  # the new ticket's turn (50) comes after the slot's start


def test_a_booking_whose_slot_has_begun_is_expected_now() -> None:
    late = minutes(Today(MANUAL, DESKS, walk_ins(3), bookings_due={A: [-5.0]}))
    assert [late[i] for i in (1, 2, 3)] == [10, 20, 30]  # the first free turn is its own


def test_a_booked_ticket_checked_in_early_moves_ahead_at_its_slot() -> None:
    # Ticket 3 checked in early (issued third) for a slot starting in 15 minutes.
    waiting = walk_ins(5)
    waiting[2] = Waiting(3, A, False, waiting[2].issued, slot_at=15.0)
    early = minutes(Today(MANUAL, DESKS, waiting))
    # As a walk-in it would be third (20); its slot starts at 15, so it stays third,
    # but a slot at 5 would put it second.
    assert [early[i] for i in (1, 2, 3, 4, 5)] == [0, 10, 20, 30, 40]
    waiting[2] = Waiting(3, A, False, waiting[2].issued, slot_at=5.0)
    sooner = minutes(Today(MANUAL, DESKS, waiting))
    assert [sooner[i] for i in (1, 3, 2, 4, 5)] == [0, 10, 20, 30, 40]
    waiting[4] = Waiting(5, A, False, waiting[4].issued, slot_at=5.0)  # the last one too
    both = minutes(Today(MANUAL, DESKS, waiting))
    assert [both[i] for i in (1, 3, 5, 2, 4)] == [0, 10, 20, 30, 40]


def test_a_booked_ticket_whose_slot_started_is_in_the_ahead_line_now() -> None:
    waiting = [*walk_ins(3), Waiting(4, A, False, -0.5, slot_at=-1.0)]
    waits = minutes(Today(MANUAL, DESKS, waiting))
    assert [waits[i] for i in (4, 1, 2, 3)] == [0, 10, 20, 30]


def test_booked_arrivals_and_priority_tickets_share_the_fairness_rule() -> None:
    # Fairness 3: a walk-in after every three calls from the ahead line, where two
    # priority tickets (issued before now) come before three bookings due now.
    priority = [Waiting(10 + i, A, True, -0.5) for i in range(2)]
    today = Today(MANUAL, DESKS, walk_ins(2) + priority, bookings_due={A: [0.0] * 3})
    waits = minutes(today)
    assert [waits[10], waits[11], waits[1], waits[2]] == [0, 10, 30, 60]
