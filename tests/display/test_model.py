"""The board model: events on top of a snapshot, applied once or twice, give the same board."""

from __future__ import annotations

from display.__main__ import main
from display.model import apply_events, load_board
from shared.storage.store import SqliteStore


def test_events_applied_again_on_a_newer_snapshot_change_nothing(store: SqliteStore) -> None:
    for _ in range(3):
        store.issue("DL")
    board = load_board(store)
    store.call_next(1)
    store.call_next(2)
    store.recall(1)
    store.set_counter_open(5, False)
    events = store.events_since(board.last_event_id)
    live, calls = apply_events(board, events)
    assert [(c.code, c.counter, c.recall) for c in calls] == [
        ("A001", 1, False),
        ("A002", 2, False),
        ("A001", 1, True),
    ]
    assert live.latest is not None and live.latest.code == "A001"
    assert [c.code for c in live.recent()] == ["A002"]
    assert live.counter(1).ticket == "A001" and live.counter(2).ticket == "A002"
    assert not live.counter(5).open
    # A snapshot read after the events, with them applied again (as the controller does).
    fresh = load_board(store)
    again, calls_again = apply_events(fresh, events)
    assert calls_again == []  # already in the snapshot: not flashed or announced twice
    assert again.counters == live.counters


def test_display_refuses_a_missing_database(tmp_path, capsys) -> None:
    code = main(["--db", str(tmp_path / "none.db"), "--windowed"])
    assert code == 2
    assert "khiu init" in capsys.readouterr().err
