"""The hall display follows commits made by another connection, and says the calls."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.app import DisplayApp
from shared.site import VoiceConfig
from shared.storage import open_store
from shared.storage.sqlite import SqliteStore
from tests.support.speakers import RecordingSpeaker


def number_shown(app: DisplayApp) -> str:
    return app.window.call.number.text()


def test_a_call_committed_elsewhere_is_shown_huge_and_announced(
    qtbot: QtBot, display: DisplayApp, other: SqliteStore, speaker: RecordingSpeaker
) -> None:
    assert number_shown(display) == ""
    other.issue("DL")
    other.call_next(1)

    window = display.window
    # The snapshot may show the number a moment before the feed's event makes it flash.
    qtbot.waitUntil(lambda: number_shown(display) == "A001" and window.call.flashing)
    assert window.call.counter.text() == "1"
    assert window.counters.tiles[1].shown_ticket() == "A001"
    assert window.counters.tiles[1].highlighted
    qtbot.waitUntil(lambda: speaker.calls == [("A001", 1, False)])


def test_recall_is_announced_again_and_marked_on_screen(
    qtbot: QtBot, display: DisplayApp, other: SqliteStore, speaker: RecordingSpeaker
) -> None:
    other.issue("SSO")
    other.call_next(3)
    qtbot.waitUntil(lambda: speaker.calls == [("B001", 3, False)])
    other.recall(3)
    qtbot.waitUntil(lambda: len(speaker.calls) == 2)
    assert speaker.calls[1] == ("B001", 3, True)
    assert display.window.call.title_th.text() == "เรียกซ้ำ หมายเลข"
    assert number_shown(display) == "B001"


def test_newer_calls_push_older_ones_to_the_recent_list(
    qtbot: QtBot, display: DisplayApp, other: SqliteStore
) -> None:
    for _ in range(3):
        other.issue("DL")
    other.call_next(1)
    other.call_next(2)
    other.call_next(1)  # finishes A001, calls A003
    qtbot.waitUntil(lambda: number_shown(display) == "A003")
    qtbot.waitUntil(lambda: display.window.recent.shown_codes() == ["A002", "A001"])
    tiles = display.window.counters.tiles
    assert tiles[1].shown_ticket() == "A003"
    assert tiles[2].shown_ticket() == "A002"
    other.finish(2)
    qtbot.waitUntil(lambda: tiles[2].shown_ticket() == "—")


def test_a_paused_counter_shows_closed(qtbot: QtBot, display: DisplayApp, other: SqliteStore) -> None:
    tile = display.window.counters.tiles[4]
    assert tile.shown_ticket() == "—"
    other.set_counter_open(4, False)
    qtbot.waitUntil(lambda: tile.shown_ticket() == "ปิดให้บริการชั่วคราว / Closed")
    assert tile.closed.isVisible() and not tile.ticket.isVisible()
    other.set_counter_open(4, True)
    qtbot.waitUntil(lambda: tile.shown_ticket() == "—")


def test_people_waiting_per_service(qtbot: QtBot, display: DisplayApp, other: SqliteStore) -> None:
    for _ in range(3):
        other.issue("FLU")
    other.issue("DL", priority=True)
    counts = display.window.waiting.shown_counts
    qtbot.waitUntil(lambda: counts()["FLU"] == "3" and counts()["DL"] == "1")
    other.call_next(4)  # serves FLU
    qtbot.waitUntil(lambda: counts()["FLU"] == "2")


def test_the_site_voice_settings_choose_the_speaker(display: DisplayApp, voices: list[VoiceConfig]) -> None:
    assert [v.engine for v in voices] == ["auto"]


@pytest.mark.sqlite_only  # PostgreSQL: test_pg_server_restart.py stops the server instead
def test_reconnecting_mark_while_the_database_is_away(
    qtbot: QtBot, display: DisplayApp, db_path: Path, speaker: RecordingSpeaker
) -> None:
    mark = display.window.header.mark
    assert not mark.isVisible()
    away = db_path.with_name("moved-away.db")
    os.rename(db_path, away)
    try:
        qtbot.waitUntil(mark.isVisible, timeout=5000)
        assert display.window.header.mark_text.text() == "กำลังเชื่อมต่อใหม่… / Reconnecting…"
        assert display.window.counters.tiles[1].shown_ticket() == "—"  # last good screen kept
    finally:
        os.rename(away, db_path)
    qtbot.waitUntil(lambda: not mark.isVisible(), timeout=5000)
    store = open_store(db_path)
    try:
        store.issue("DL")
        store.call_next(2)
    finally:
        store.close()
    qtbot.waitUntil(lambda: number_shown(display) == "A001")
