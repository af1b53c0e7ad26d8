"""The kiosk never issues into a database file that was moved away or replaced: the
next ticket goes into the file now at the path (otherwise citizens would hold
tickets that exist only in an unlinked file)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from shared.storage.sqlite import SqliteStore
from tests.support.kiosk_app import Factory, touch

# About SQLite files themselves (moved, replaced, restored): not run on PostgreSQL.
pytestmark = pytest.mark.sqlite_only


def _take(qtbot: QtBot, kiosk: KioskApp, service: str) -> str:
    w = kiosk.window
    touch(qtbot, w.home.buttons[service])
    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.issued, timeout=10_000)
    code = w.issued.code.text()
    touch(qtbot, w.issued.done)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.home)
    return code


def test_a_ticket_after_the_file_was_replaced_goes_into_the_new_file(
    qtbot: QtBot, make_kiosk: Factory, db_path: Path, tmp_path: Path
) -> None:
    kiosk = make_kiosk()
    assert _take(qtbot, kiosk, "DL") == "A001"
    copy = tmp_path / "copy.db"
    source = SqliteStore.open(db_path)
    target = sqlite3.connect(copy)
    source.conn.backup(target)
    target.close()
    source.close()
    assert _take(qtbot, kiosk, "DL") == "A002"  # only in the old file from now on
    os.replace(copy, db_path)  # `mv copy.db khiu.db` while the kiosk runs
    assert _take(qtbot, kiosk, "DL") == "A002"  # the new file's next number
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [r[0] for r in check.execute("SELECT code FROM tickets")] == ["A001", "A002"]
    check.close()
