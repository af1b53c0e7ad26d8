"""Screenshots of the sign-in page, the main view at two sizes and the mini strip
(saved under khiu-shots/counter/, see tests/support/shots.py, for people to look at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.counter_app import AppFactory, press, shown_code, sign_in, type_login
from tests.support.shots import shots_dir

SHOTS = shots_dir("counter")


def _save(widget: QWidget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    image = widget.grab()
    assert image.save(str(path))
    assert image.width() > 100 and image.height() > 40
    return path


def test_login_screenshot(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    type_login(qtbot, app, "somchai", "0000")
    qtbot.waitUntil(lambda: "PIN" in app.window.login_page.error.text())
    _save(app.window, "login-1366x768.png")


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_main_screenshots(
    qtbot: QtBot,
    make_app: AppFactory,
    store: SqliteStore,
    clock: FakeClock,
    size: tuple[int, int],
) -> None:
    for service, priority in [
        ("DL", False),
        ("SSO", False),
        ("DL", True),
        ("SSO", False),
        ("DL", False),
        ("SSO", True),
        ("DL", False),
    ]:
        store.issue(service, priority=priority)
        clock.advance(minutes=3)
    app = make_app(counter=2, size=size)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    clock.advance(minutes=4, seconds=12)
    press(qtbot, app, Qt.Key.Key_F2)
    assert shown_code(app) != ""
    assert app.window.size().width() == size[0]
    _save(app.window, f"main-{size[0]}x{size[1]}.png")
    qtbot.keyClick(app.window.main_page.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: app.window.picker is not None and app.window.picker.isVisible())
    picker = app.window.picker
    assert picker is not None
    _save(picker, f"transfer-{size[0]}x{size[1]}.png")
    qtbot.keyClick(picker.list, Qt.Key.Key_Escape)


def test_mini_screenshot(qtbot: QtBot, make_app: AppFactory, store: SqliteStore) -> None:
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    qtbot.keyClick(app.window.main_page.scan, Qt.Key.Key_F9)
    qtbot.waitUntil(app.window.mini.isVisible)
    assert app.window.mini.code.text() == "A001"
    _save(app.window.mini, "mini.png")
