"""A ticket still being served when its day ended, sent back to a queue on the new day
(transferred or returned): it waits where every screen and count can see it."""

from __future__ import annotations

from shared.storage.api import Store
from tests.support.clock import FakeClock


def _called_yesterday(store: Store, clock: FakeClock) -> str:
    store.issue("DL")
    called = store.call_next(1)
    assert called is not None
    clock.advance(days=1)
    return called.code


def test_a_transfer_after_midnight_counts_in_the_target_queue(
    store: Store, clock: FakeClock
) -> None:
    code = _called_yesterday(store, clock)
    moved = store.transfer(1, "HC")
    assert (moved.code, moved.state.value) == (code, "waiting")
    status = store.status()
    target = status.service("HC")
    assert target is not None and target.waiting == 1
    assert target.longest_wait_min is not None and target.longest_wait_min >= 24 * 60


def test_a_return_after_midnight_counts_in_its_own_queue(store: Store, clock: FakeClock) -> None:
    _called_yesterday(store, clock)
    store.return_to_queue(1)
    line = store.status().service("DL")
    assert line is not None and line.waiting == 1


def test_before_the_days_first_write_yesterdays_waiting_tickets_count_nowhere(
    store: Store, clock: FakeClock
) -> None:
    store.issue("DL")
    clock.advance(days=1)
    line = store.status().service("DL")  # a read: the rollover has not run yet
    assert line is not None and line.waiting == 0 and line.longest_wait_min is None
