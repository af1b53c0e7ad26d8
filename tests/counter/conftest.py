"""Fixtures for the counter app: officers in a real database, apps built like `main()` does."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from counter.app import CounterApp, CounterSettings, build
from counter.prefs import CounterPrefs
from shared.storage import parse_location
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.counter_app import OFFICERS, AppFactory


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
