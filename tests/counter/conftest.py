"""Fixtures for the counter app: officers in a real database, apps built like `main()` does."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from counter.app import CounterApp, CounterSettings, build
from counter.prefs import CounterPrefs
from shared.storage import parse_location
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock

OFFICERS = {"somchai": ("สมชาย ใจดี", "1111"), "somsri": ("สมศรี มีสุข", "2222")}

AppFactory = Callable[..., CounterApp]


@pytest.fixture
def officers(store: SqliteStore) -> SqliteStore:
    for login, (name, pin) in OFFICERS.items():
        store.add_officer(login, name, pin)
    return store


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "counter.ini"


@pytest.fixture
def make_app(
    qtbot: QtBot, db_path: Path, clock: FakeClock, settings_path: Path, officers: SqliteStore
) -> Iterator[AppFactory]:
    """Build counter apps on the shared test database; all are shut down at the end."""
    built: list[CounterApp] = []

    def factory(counter: int | None = None, size: tuple[int, int] = (1366, 768)) -> CounterApp:
        app = build(
            CounterSettings(parse_location(db_path), counter, clock, prefs=CounterPrefs.at(settings_path))
        )
        app.window.resize(*size)
        app.window.show()
        qtbot.waitUntil(lambda: app.window.login_page.counter_box.count() > 0)
        built.append(app)
        return app

    yield factory
    for app in built:
        app.shutdown()
    # Delete the Qt side now, while no worker thread runs: a failed test's traceback keeps
    # the Python wrappers alive, and their late collection must not touch live C++ objects.
    for app in built:
        for obj in (app.window.mini, app.window, app.controller, app.feed, app.worker):
            obj.deleteLater()
        if app.report_worker is not None:
            app.report_worker.deleteLater()
    built.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


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
