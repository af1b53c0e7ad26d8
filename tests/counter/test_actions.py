"""Transfer, return, scan box and pause, driven by keys, checked on screen and in the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.app import CounterApp
from shared.domain.model import TicketState
from shared.storage.sqlite import SqliteStore
from tests.support.backends import location_of, raw
from tests.support.counter_app import AppFactory, press, settle, shown_code, sign_in


def _open_picker(qtbot: QtBot, app: CounterApp) -> None:
    qtbot.keyClick(app.window.main_page.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: app.window.picker is not None and app.window.picker.isVisible())


def test_transfer_by_number_key_keeps_code_and_token(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    issued = store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A001"

    _open_picker(qtbot, app)
    picker = app.window.picker
    assert picker is not None
    # DL itself is not offered; SSO is first, so "1" picks it.
    assert [o.code for o in picker.options][:2] == ["SSO", "FLU"]
    qtbot.keyClick(picker.list, Qt.Key.Key_1)
    settle(qtbot, app)
    moved = store.ticket("A001")
    assert (moved.state, moved.service, moved.token) == (TicketState.WAITING, "SSO", issued.token)
    assert "A001" not in shown_code(app)
    assert "SSO" in app.window.status_line.text()
    qtbot.waitUntil(app.window.main_page.scan.hasFocus)
    # Counter 3 serves SSO: the ticket is next there, under the same code.
    assert [t.code for t in store.upcoming(3)] == ["A001"]


def test_transfer_by_arrows_and_enter(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    _open_picker(qtbot, app)
    picker = app.window.picker
    assert picker is not None
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    settle(qtbot, app)
    assert store.ticket("A001").service == "FLU"


def test_transfer_to_vanished_service_is_shown_inline(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    _open_picker(qtbot, app)
    raw(location_of(store)).execute("UPDATE services SET active = 0 WHERE code = 'SSO'")  # gone meanwhile
    picker = app.window.picker
    assert picker is not None
    qtbot.keyClick(picker.list, Qt.Key.Key_1)
    settle(qtbot, app)
    assert "SSO" in app.window.status_line.text()
    assert app.window.status_line.level == "error"
    assert shown_code(app) == "A001"  # still being served here
    assert store.ticket("A001").state is TicketState.CALLED


def test_escape_cancels_transfer(qtbot: QtBot, make_app: AppFactory, store: SqliteStore) -> None:
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    _open_picker(qtbot, app)
    assert app.window.picker is not None
    qtbot.keyClick(app.window.picker.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: app.window.picker is None)
    assert store.ticket("A001").service == "DL"
    press(qtbot, app, Qt.Key.Key_Return)  # Enter works again at once: focus came back
    assert store.ticket("A001").state is TicketState.DONE  # call next finished it first


def test_return_to_queue(qtbot: QtBot, make_app: AppFactory, store: SqliteStore) -> None:
    store.issue("DL")
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    press(qtbot, app, Qt.Key.Key_Return)
    press(qtbot, app, Qt.Key.Key_F6)
    assert store.ticket("A001").state is TicketState.WAITING
    qtbot.waitUntil(lambda: app.window.main_page.live.codes == ["A001", "A002"])
    assert "A001" not in shown_code(app)


def test_scanned_status_url_calls_that_exact_ticket(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.issue("DL")
    wanted = store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    url = store.site().status_url(wanted.token)
    qtbot.keyClicks(app.window.main_page.scan, url)  # a keyboard-wedge scanner types fast
    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A002"
    assert store.ticket("A001").state is TicketState.WAITING
    assert app.window.main_page.scan.text() == ""


def test_typed_code_and_unknown_code(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.issue("DL")
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    scan = app.window.main_page.scan
    qtbot.keyClicks(scan, "a002")
    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A002"
    qtbot.keyClicks(scan, "Z999")
    press(qtbot, app, Qt.Key.Key_Return)
    assert "Z999" in app.window.status_line.text()
    assert app.window.status_line.level == "error"
    assert shown_code(app) == "A002"
    press(qtbot, app, Qt.Key.Key_Return)  # empty box + Enter = call next
    assert shown_code(app) == "A001"


def test_pause_blocks_calls_and_resume(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    store.issue("DL")
    app = make_app(counter=1)
    sign_in(qtbot, app)
    page = app.window.main_page
    press(qtbot, app, Qt.Key.Key_F8)
    assert store.counter(1).open is False
    assert page.paused_banner.isVisible()
    assert not page.call_button.isEnabled()
    assert "Resume" in page.pause_button.text()
    press(qtbot, app, Qt.Key.Key_Return)
    assert store.ticket("A001").state is TicketState.WAITING
    assert "paused" in app.window.status_line.text()
    press(qtbot, app, Qt.Key.Key_F8)
    assert store.counter(1).open is True
    assert not page.paused_banner.isVisible()
    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A001"


def test_ticket_keys_without_a_ticket_only_warn(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    app = make_app(counter=1)
    sign_in(qtbot, app)
    page = app.window.main_page
    assert not page.finish_button.isEnabled()
    press(qtbot, app, Qt.Key.Key_F4)
    assert app.window.status_line.level == "warn"
    press(qtbot, app, Qt.Key.Key_Return)
    assert "Nobody" in app.window.status_line.text()


def test_scanned_booking_qr_checks_in_and_calls(
    qtbot: QtBot, make_app: AppFactory, store: SqliteStore
) -> None:
    from datetime import timedelta

    booking = store.book("DL", store.clock() + timedelta(minutes=30))  # the 10:30 slot
    store.issue("DL")  # a walk-in waits too
    app = make_app(counter=1)
    sign_in(qtbot, app)
    qtbot.keyClicks(app.window.main_page.scan, booking.url)  # the booking's QR, as typed
    press(qtbot, app, Qt.Key.Key_Return)
    assert shown_code(app) == "A002"
    assert store.ticket("A002").booking == booking.code
    assert store.ticket("A001").state is TicketState.WAITING
    current = app.window.main_page.current
    assert current.booked.isVisible() and not current.priority.isVisible()  # booked, not priority
