"""The hall display after the database file is replaced (`cp`/`mv` over it) or a backup
is put back with `khiu restore`: calls made on the new content are flashed and
announced, and numbers that no longer exist leave the screen."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.app import DisplayApp
from shared.clock import utc_now
from shared.storage.sqlite import SqliteStore
from shared.storage.sqlite.restore import restore
from tests.support.speakers import RecordingSpeaker

# About SQLite files themselves (moved, replaced, restored): not run on PostgreSQL.
pytestmark = pytest.mark.sqlite_only


def _copy(store: SqliteStore, dest: Path) -> Path:
    copy = sqlite3.connect(dest)
    store.conn.backup(copy)
    copy.close()
    return dest


def test_calls_on_a_replacing_file_are_flashed_and_announced(
    qtbot: QtBot, display: DisplayApp, other: SqliteStore, speaker: RecordingSpeaker,
    db_path: Path, tmp_path: Path,
) -> None:
    other.issue("DL")
    early = _copy(other, tmp_path / "early.db")  # its event ids are behind the live file's
    for _ in range(4):
        other.issue("DL")
    for counter in (1, 2):
        other.call_next(counter)
    qtbot.waitUntil(lambda: display.window.call.number.text() == "A002")
    other.close()
    os.replace(early, db_path)  # what the README used to tell people to do
    # The display lets go of the old file, clears its stale WAL and follows the new
    # file: the old calls leave the board.
    qtbot.waitUntil(lambda: display.window.counters.tiles[2].shown_ticket() == "—", timeout=5000)
    fresh = SqliteStore.open(db_path)
    try:
        fresh.issue("SSO")
        fresh.call_next(3)
        # The board may show B001 a moment before the call flashes (two signals).
        call = display.window.call
        qtbot.waitUntil(lambda: call.number.text() == "B001" and call.flashing, timeout=5000)
        qtbot.waitUntil(lambda: speaker.calls[-1] == ("B001", 3, False), timeout=5000)
        assert fresh.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in fresh.conn.execute("SELECT code FROM tickets")] == ["A001", "B001"]
    finally:
        fresh.close()


def test_calls_after_a_restore_are_flashed_and_announced(
    qtbot: QtBot, display: DisplayApp, other: SqliteStore, speaker: RecordingSpeaker,
    db_path: Path, tmp_path: Path,
) -> None:
    other.issue("DL")
    backup = _copy(other, tmp_path / "bk.db")
    other.issue("DL")
    other.call_next(1)
    qtbot.waitUntil(lambda: speaker.calls == [("A001", 1, False)])
    restore(db_path, backup, utc_now)
    # A001 waits again in the restored content: the board no longer shows it called.
    qtbot.waitUntil(lambda: display.window.counters.tiles[1].shown_ticket() == "—", timeout=5000)
    other.call_next(2)
    qtbot.waitUntil(lambda: speaker.calls[-1] == ("A001", 2, False), timeout=5000)
    assert display.window.call.number.text() == "A001"
    assert display.window.call.counter.text() == "2"
    assert other.issue("DL").code == "A003"  # A002 stays with the citizen who holds it
