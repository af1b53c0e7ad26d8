"""The Qt change feed can start from the event id a snapshot was read at, so commits
made between the snapshot and the feed's first look are delivered, not skipped."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from shared.qt.feed import ChangeFeed
from shared.storage import open_store, parse_location


def test_commits_after_the_snapshot_id_are_delivered(qtbot: QtBot, db_path: Path) -> None:
    store = open_store(db_path)
    store.issue("DL")
    snapshot_id = store.last_event_id()
    store.call_next(1)  # committed after the snapshot, before the feed starts
    feed = ChangeFeed(parse_location(db_path))
    received: list[str] = []
    feed.events.connect(lambda events: received.extend(e.kind for e in events))
    try:
        feed.start(after_id=snapshot_id)
        qtbot.waitUntil(lambda: received == ["called"], timeout=5000)
        store.finish(1)
        qtbot.waitUntil(lambda: received == ["called", "finished"], timeout=5000)
    finally:
        feed.shutdown()
        store.close()

