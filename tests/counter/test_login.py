"""Sign-in: typed by keyboard, lockout after 5 wrong PINs, one officer per counter,
the last counter remembered, every login, failure and logout in the event log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.app import CounterApp
from counter.prefs import CounterPrefs
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.counter_app import AppFactory, settle, sign_in, type_login


def _error(app: CounterApp) -> str:
    return app.window.login_page.error.text()


def test_lockout_after_five_wrong_pins(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, clock: FakeClock
) -> None:
    app = make_app(counter=1)
    for attempt in range(1, 6):
        type_login(qtbot, app, "somchai", "0000")
        settle(qtbot, app)
        assert app.window.stack.currentWidget() is app.window.login_page
        assert app.window.login_page.pin_edit.text() == ""  # cleared for the next try
        if attempt < 5:
            assert "wrong PIN" in _error(app)
    assert "locked" in _error(app) and "ล็อก" in _error(app)

    type_login(qtbot, app, "somchai", "1111")  # the right PIN, but locked
    settle(qtbot, app)
    assert "locked" in _error(app)
    assert app.window.stack.currentWidget() is app.window.login_page

    failures = [e for e in store.changes(0) if e.kind == "officer_login_failed"]
    assert len(failures) == 5 and failures[-1].data["locked"] is True

    clock.advance(minutes=5, seconds=1)
    sign_in(qtbot, app)


def test_second_officer_is_refused_with_the_holders_name(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    first = make_app(counter=2)
    sign_in(qtbot, first)
    second = make_app(counter=2)
    type_login(qtbot, second, "somsri", "2222")
    settle(qtbot, second)
    assert second.window.stack.currentWidget() is second.window.login_page
    assert "สมชาย ใจดี" in _error(second) and "in use" in _error(second)


def test_hold_lost_to_another_officer_returns_to_login(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore, clock: FakeClock
) -> None:
    app = make_app(counter=3)
    sign_in(qtbot, app)
    clock.advance(minutes=3)  # our hold went stale (a hung PC), another officer takes over
    store.sign_in(3, "somsri", "2222")
    app.controller.check_hold()  # what the 30-second timer does
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.login_page)
    assert "Another officer" in _error(app)


def test_last_counter_is_remembered(
    qtbot: QtBot, make_app: AppFactory, settings_path: Path
) -> None:
    app = make_app()
    box = app.window.login_page.counter_box
    assert box.isEnabled()
    box.setFocus()
    for _ in range(3):  # choose counter 4 with the keyboard
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == 4
    sign_in(qtbot, app)
    assert CounterPrefs.at(settings_path).last_counter() == 4
    assert "4" in app.window.main_page.title.text()

    qtbot.keyClick(app.window.main_page.scan, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, app)
    again = make_app()
    assert again.window.login_page.counter_box.currentData() == 4


def test_counter_from_command_line_is_fixed(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(counter=5)
    box = app.window.login_page.counter_box
    assert box.currentData() == 5
    assert not box.isEnabled()


def test_login_and_logout_are_events(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    app = make_app(counter=1)
    sign_in(qtbot, app)
    assert store.counter(1).officer_login == "somchai"
    app.window.main_page.sign_out_button.click()
    settle(qtbot, app)
    assert store.counter(1).officer_login is None
    assert [e.kind for e in store.changes(0) if e.kind.startswith("officer_log")] == [
        "officer_login",
        "officer_logout",
    ]
    assert app.window.stack.currentWidget() is app.window.login_page
    assert app.window.login_page.login_edit.text() == "somchai"
    assert app.window.login_page.pin_edit.hasFocus()
