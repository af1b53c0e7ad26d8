"""The board model: events on top of a snapshot, applied once or twice, give the same board."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from display.__main__ import main
from display.model import apply_events, calls_in, feed_start_id, load_board, with_latest
from shared.clock import utc_now
from shared.storage import open_store
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock


def test_events_applied_again_on_a_newer_snapshot_change_nothing(store: SqliteStore) -> None:
    for _ in range(3):
        store.issue("DL")
    board = load_board(store)
    store.call_next(1)
    store.call_next(2)
    store.recall(1)
    store.set_counter_open(5, False)
    events = store.changes(board.last_event_id)
    live, calls = apply_events(board, events)
    assert [(c.code, c.counter, c.recall) for c in calls] == [
        ("A001", 1, False),
        ("A002", 2, False),
        ("A001", 1, True),
    ]
    assert live.latest is not None and live.latest.code == "A001"
    assert [c.code for c in live.recent()] == ["A002"]
    one, two, five = live.counter(1), live.counter(2), live.counter(5)
    assert one is not None and two is not None and five is not None
    assert one.ticket == "A001" and two.ticket == "A002"
    assert not five.open
    # A snapshot read after the events, with them applied again (as the controller does).
    fresh = load_board(store)
    again, calls_again = apply_events(fresh, events)
    assert calls_again == []  # already in the snapshot: not flashed or announced twice
    assert again.counters == live.counters


def test_display_refuses_a_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", str(tmp_path / "none.db"), "--windowed"])
    assert code == 2
    thai, english = capsys.readouterr().err.splitlines()
    assert thai.startswith("khiu-display: ไม่พบฐานข้อมูล") and english.startswith("khiu-display: no database")
    assert "init" in thai and "init" in english


def test_a_call_already_in_the_snapshot_is_still_taken_from_the_feed(
    store: SqliteStore,
) -> None:
    """The snapshot is read after a recall is committed but before the feed delivers it:
    the board state must not change twice, yet the recall is still a call to flash,
    announce and show huge (it was once skipped, leaving the old number on screen)."""
    store.issue("DL")
    store.issue("SSO")
    store.call_next(1)
    store.call_next(3)
    seen_until = store.last_event_id()
    store.recall(1)
    snapshot = load_board(store)  # already holds the recall's state
    assert snapshot.latest is not None and snapshot.latest.code == "B001"  # by call time
    late = store.changes(seen_until)
    board, applied = apply_events(snapshot, late)
    assert applied == []  # no state applied twice
    calls = calls_in(late, seen_until)
    assert [(c.code, c.counter, c.recall) for c in calls] == [("A001", 1, True)]
    shown = with_latest(board, calls)
    assert shown.latest == calls[0]
    assert [c.code for c in shown.calls][:2] == ["A001", "B001"]
    # A newer call already on the board is not replaced by an older one.
    assert with_latest(shown, [replace(calls[0], code="X", event_id=1)]).latest == calls[0]


def test_the_feed_starts_a_few_seconds_back(db_path: Path) -> None:
    """Events of the last seconds before start-up are delivered (and their calls said);
    older ones are not."""
    clock = FakeClock(utc_now() + timedelta(minutes=1))  # after the fixture's own events
    store = open_store(db_path, clock=clock)
    store.issue("DL")
    store.call_next(1)
    old_last = store.last_event_id()
    clock.advance(minutes=5)
    start = clock() - timedelta(seconds=1)  # stored times keep milliseconds only
    store.issue("SSO")
    store.call_next(3)
    assert feed_start_id(store, start) == old_last
    assert feed_start_id(store, start + timedelta(days=1)) == store.last_event_id()
    store.close()
