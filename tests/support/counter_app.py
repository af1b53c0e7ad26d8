"""Driving the counter app in tests as an officer does: the demo officers, signing in,
keys on the scan box, and what the current-ticket panel shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from counter.app import CounterApp

OFFICERS = {"somchai": ("สมชาย ใจดี", "1111"), "somsri": ("สมศรี มีสุข", "2222")}

AppFactory = Callable[..., CounterApp]


def type_login(qtbot: QtBot, app: CounterApp, login: str, pin: str) -> None:
    """Type the officer ID, Enter, the PIN, Enter: as an officer does."""
    page = app.window.login_page
    page.login_edit.setFocus()
    page.login_edit.clear()
    qtbot.keyClicks(page.login_edit, login)
    qtbot.keyClick(page.login_edit, Qt.Key.Key_Return)
    assert page.pin_edit.hasFocus()
    qtbot.keyClicks(page.pin_edit, pin)
    qtbot.keyClick(page.pin_edit, Qt.Key.Key_Return)


def sign_in(qtbot: QtBot, app: CounterApp, login: str = "somchai", pin: str = "1111") -> None:
    type_login(qtbot, app, login, pin)
    qtbot.waitUntil(lambda: app.controller.snapshot is not None)
    assert app.window.stack.currentWidget() is app.window.main_page


def settle(qtbot: QtBot, app: CounterApp) -> None:
    """Wait until no action or refresh is in flight and the worker queue is empty."""
    qtbot.waitUntil(lambda: not app.controller.busy and app.worker.pending() == 0)


def press(
    qtbot: QtBot,
    app: CounterApp,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key press where the officer's focus is (the scan box), then wait for the result."""
    qtbot.keyClick(app.window.main_page.scan, key, modifier)
    settle(qtbot, app)


def shown_code(app: CounterApp) -> str:
    return app.window.main_page.current.code.text()


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text a table shows in one cell (which must exist)."""
    item = table.item(row, column)
    assert item is not None, f"no cell at ({row}, {column})"
    return item.text()
