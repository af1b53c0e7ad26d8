"""Restart safety: a new app on the same database shows the ticket being served."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from shared.domain.model import TicketState
from shared.storage.sqlite import SqliteStore
from tests.support.counter_app import AppFactory, press, shown_code, sign_in


def test_closing_and_reopening_keeps_the_current_ticket(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.issue("DL")
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    press(qtbot, app, Qt.Key.Key_F2)
    assert shown_code(app) == "A001"
    app.shutdown()

    again = make_app()  # the last counter is preselected from the settings file
    sign_in(qtbot, again)
    qtbot.waitUntil(lambda: shown_code(again) == "A001")
    assert "1" in again.window.main_page.current.meta.text()  # recall count survived
    assert again.window.main_page.finish_button.isEnabled()
    press(qtbot, again, Qt.Key.Key_F4)
    assert store.ticket("A001").state is TicketState.DONE


def test_crash_without_sign_out_lets_the_same_officer_back(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.issue("SSO")
    app = make_app(counter=3)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    # A crash: the threads stop but nobody signs out, the hold stays in the database.
    app.feed.shutdown()
    app.worker.shutdown()
    app.window.hide()
    app.controller.session = None  # the dead process remembers nothing (no sign-out at teardown)
    assert store.counter(3).officer_login == "somchai"

    again = make_app(counter=3)
    sign_in(qtbot, again)
    qtbot.waitUntil(lambda: shown_code(again) == "B001")
