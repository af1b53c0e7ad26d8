"""A full working cycle by keyboard only: sign in, call, recall, finish, no-show, sign out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from shared.domain.model import TicketState
from shared.storage.sqlite import SqliteStore
from tests.support.counter_app import AppFactory, press, settle, shown_code, sign_in


def test_keyboard_only_day(qtbot: QtBot, make_app: AppFactory, store: SqliteStore) -> None:
    for _ in range(3):
        store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    page = app.window.main_page
    assert "สมชาย" in page.subtitle.text()
    assert page.scan.hasFocus()

    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A001"
    assert store.ticket("A001").state is TicketState.CALLED

    press(qtbot, app, Qt.Key.Key_F2)
    press(qtbot, app, Qt.Key.Key_F2)
    assert store.ticket("A001").recall_count == 2
    assert "2" in page.current.meta.text()

    press(qtbot, app, Qt.Key.Key_F4)
    assert store.ticket("A001").state is TicketState.DONE
    assert "A001" not in shown_code(app)

    press(qtbot, app, Qt.Key.Key_F1)
    assert shown_code(app) == "A002"
    press(qtbot, app, Qt.Key.Key_F3)
    assert store.ticket("A002").state is TicketState.NO_SHOW
    qtbot.waitUntil(lambda: page.live.no_shows.text() == "1")
    assert page.live.served.text() == "1"

    qtbot.keyClick(page.scan, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, app)
    assert app.window.stack.currentWidget() is app.window.login_page
    kinds = [e.kind for e in store.changes(0)]
    assert "officer_login" in kinds and "officer_logout" in kinds
