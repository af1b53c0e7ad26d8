"""The counter app never calls into a database file that was replaced under it (issue
8): after `mv copy.db khiu.db` the next call goes into the file now at the path."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from shared.storage.sqlite import SqliteStore
from tests.support.counter_app import AppFactory, press, shown_code, sign_in

# About SQLite files themselves (moved, replaced, restored): not run on PostgreSQL.
pytestmark = pytest.mark.sqlite_only


def test_the_next_call_goes_into_the_file_now_at_the_path(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, db_path: Path, tmp_path: Path
) -> None:
    for _ in range(3):
        store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    copy = tmp_path / "copy.db"
    target = sqlite3.connect(copy)
    store.conn.backup(target)  # A001..A003 waiting, somchai at counter 1
    target.close()
    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A001"  # called in the old file only
    store.close()
    os.replace(copy, db_path)
    press(qtbot, app, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown_code(app) == "A001", timeout=10_000)
    check = sqlite3.connect(db_path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = check.execute("SELECT code, state FROM tickets ORDER BY id").fetchall()
    finally:
        check.close()
    assert rows == [("A001", "called"), ("A002", "waiting"), ("A003", "waiting")]
