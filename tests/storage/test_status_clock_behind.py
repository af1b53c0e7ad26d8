"""The hall's status while the PC clock is behind the tickets (set back after a sync):
no negative waits."""

from __future__ import annotations

from shared.storage.api import Store
from tests.support.clock import FakeClock


def test_longest_wait_is_never_negative_when_the_clock_went_back(
    store: Store, clock: FakeClock
) -> None:
    store.issue("DL")
    clock.advance(minutes=-10)
    line = next(s for s in store.status().services if s.code == "DL")
    assert line.waiting == 1
    assert line.longest_wait_min == 0
    clock.advance(minutes=25)
    line = next(s for s in store.status().services if s.code == "DL")
    assert line.longest_wait_min == 15
