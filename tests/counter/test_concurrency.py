"""Two counters calling at once (two apps, plus a `khiu call` process) never share a ticket;
a double key press calls one ticket; a locked database is shown inline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import shared.storage.postgres.database as pg_database
import shared.storage.sqlite.connection as connection
from shared.clock import Clock, utc_now
from shared.domain.model import TicketState
from shared.storage.postgres.connection import SITE_LOCK_KEY
from shared.storage.sqlite import SqliteStore
from tests.support.backends import location_of, raw
from tests.support.counter_app import AppFactory, press, settle, shown_code, sign_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clock() -> Clock:
    """The real clock: the `khiu call` process cannot share a fake one, and a fake date
    behind the real one would make it expire every ticket as left over from yesterday."""
    return utc_now


def test_two_apps_calling_at_once_never_get_the_same_ticket(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    for _ in range(20):
        store.issue("DL")
    one = make_app(counter=1)
    sign_in(qtbot, one)
    two = make_app(counter=2)
    sign_in(qtbot, two, "somsri", "2222")
    seen_one: list[str] = []
    seen_two: list[str] = []
    for _ in range(8):
        # Both keys go in before either answer comes back: the jobs race in two threads.
        qtbot.keyClick(one.window.main_page.scan, Qt.Key.Key_Return)
        qtbot.keyClick(two.window.main_page.scan, Qt.Key.Key_Return)
        settle(qtbot, one)
        settle(qtbot, two)
        seen_one.append(shown_code(one))
        seen_two.append(shown_code(two))
    shown = seen_one + seen_two
    assert all(code.startswith("A") for code in shown)
    assert len(set(shown)) == 16
    called = [e.ticket or "" for e in store.changes(0) if e.kind == "called"]
    assert sorted(called) == sorted(shown)


@pytest.mark.slow
def test_app_and_cli_process_never_get_the_same_ticket(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, db_path: Path
) -> None:
    for _ in range(40):
        store.issue("DL")
    one = make_app(counter=1)
    sign_in(qtbot, one)
    two = make_app(counter=2)
    sign_in(qtbot, two, "somsri", "2222")
    script = (
        "import sys\n"
        "from shared.cli.main import main\n"
        "for _ in range(10): main(['--db', sys.argv[1], 'call', '1', '--json'])\n"
    )
    cli = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    seen: list[str] = []
    while cli.poll() is None or len(seen) < 8:
        qtbot.keyClick(two.window.main_page.scan, Qt.Key.Key_Return)
        settle(qtbot, two)
        seen.append(shown_code(two))
    out, _ = cli.communicate(timeout=60)
    assert cli.returncode == 0
    cli_codes = [json.loads(line)["code"] for line in out.splitlines() if line.strip() != "null"]
    two_codes = [c for c in seen if c.startswith("A")]
    assert len(set(two_codes)) == len(two_codes)
    assert not set(two_codes) & set(cli_codes)
    called = [e.ticket or "" for e in store.changes(0) if e.kind == "called"]
    assert len(called) == len(set(called))
    assert set(cli_codes) <= set(called)


def test_double_enter_calls_one_ticket(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.issue("DL")
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    scan = app.window.main_page.scan
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    assert not app.window.main_page.call_button.isEnabled()  # in flight: no second call
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    qtbot.keyClick(scan, Qt.Key.Key_F1)
    settle(qtbot, app)
    assert shown_code(app) == "A001"
    assert store.ticket("A002").state is TicketState.WAITING
    assert app.window.main_page.call_button.isEnabled()


def test_locked_database_is_shown_inline_then_works(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, monkeypatch: pytest.MonkeyPatch,
    backend: str,
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(pg_database, "LOCK_TIMEOUT_MS", 100)
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    holder = raw(location_of(store))
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    if backend == "postgres":
        holder.execute(f"SELECT pg_advisory_xact_lock({SITE_LOCK_KEY})")
    try:
        press(qtbot, app, Qt.Key.Key_Return)
        assert app.window.status_line.level == "error"
        assert "ฐานข้อมูล" in app.window.status_line.text()
        assert "locked" in app.window.status_line.text()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert app.window.main_page.call_button.isEnabled()
    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A001"
