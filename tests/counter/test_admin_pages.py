"""The admin pages in the counter app, driven as a site manager does: hidden from
officers; officers added, disabled, given a new PIN; the floor paused and a crashed
PC's counter signed out; services, counters and the display changed, refused changes
explained; every change an event naming the admin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from counter.app import CounterApp
from counter.pages.admin import AdminPage, AdminTab
from shared.storage.api import Store
from tests.counter.conftest import AppFactory, sign_in


def _open_admin(qtbot: QtBot, make_app: AppFactory, store: Store) -> tuple[CounterApp, AdminPage]:
    store.add_officer("boss", "ผู้จัดการ ศูนย์", "9999", role="admin")
    app = make_app(counter=1)
    sign_in(qtbot, app, "boss", "9999")
    assert app.window.main_page.admin_button.isVisible()
    qtbot.mouseClick(app.window.main_page.admin_button, Qt.MouseButton.LeftButton)
    page = app.window.admin_page
    assert page is not None and app.window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.data is not None)
    return app, page


def _tab(page: AdminPage, kind: type[AdminTab]) -> AdminTab:
    tab = next(p for p in page.pages if isinstance(p, kind))
    page.tabs.setCurrentWidget(tab)
    return tab


def _do(qtbot: QtBot, app: CounterApp, push: QWidget, needle: str = "Saved") -> None:
    """Click a page button and wait for its outcome on the status line."""
    app.window.status_line.clear()
    qtbot.mouseClick(push, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: needle in app.window.status_line.text())


def test_officers_do_not_see_the_admin_pages(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(counter=1)
    sign_in(qtbot, app)
    assert not app.window.main_page.admin_button.isVisible()
    qtbot.keyClick(app.window.main_page.scan, Qt.Key.Key_F11)
    assert app.window.stack.currentWidget() is app.window.main_page


def test_officers_added_disabled_and_given_a_new_pin(
    qtbot: QtBot, make_app: AppFactory, store: Store
) -> None:
    from counter.pages.admin_officers import OfficersTab

    app, page = _open_admin(qtbot, make_app, store)
    tab = _tab(page, OfficersTab)
    assert isinstance(tab, OfficersTab)
    qtbot.keyClicks(tab.login_edit, "malee")
    tab.name_edit.setText("มาลี ศรีสุข")  # Thai comes from an input method, not keys
    qtbot.keyClicks(tab.pin_edit, "3333")
    qtbot.keyClicks(tab.pin_again_edit, "3334")
    _do(qtbot, app, tab.add_button, "The two PINs differ")
    assert tab.pin_edit.text() == ""
    qtbot.keyClicks(tab.pin_edit, "3333")
    qtbot.keyClicks(tab.pin_again_edit, "3333")
    _do(qtbot, app, tab.add_button)
    assert store.authenticate("malee", "3333").display_name == "มาลี ศรีสุข"
    qtbot.waitUntil(lambda: tab.table.rowCount() == 4)

    rows = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    tab.table.selectRow(rows.index("somchai"))
    assert tab.login_edit.text() == "somchai"
    qtbot.keyClicks(tab.pin_edit, "7777")
    qtbot.keyClicks(tab.pin_again_edit, "7777")
    _do(qtbot, app, tab.pin_button)
    assert store.authenticate("somchai", "7777").login == "somchai"
    _do(qtbot, app, tab.toggle_button)
    assert not next(o for o in store.officers() if o.login == "somchai").active
    assert "Enable" in tab.toggle_button.text()

    tab.table.selectRow(rows.index("boss"))
    _do(qtbot, app, tab.toggle_button, "last active admin")
    assert next(o for o in store.officers() if o.login == "boss").active
    saved = [e.data for e in store.changes(0) if e.kind == "officer_saved" and "by" in e.data]
    assert [(d.get("change"), d["by"]) for d in saved] == [
        (None, "boss"), ("pin", "boss"), ("disabled", "boss")
    ]


def test_the_floor_shows_each_counter_and_pauses_or_signs_out_one(
    qtbot: QtBot, make_app: AppFactory, store: Store
) -> None:
    from counter.pages.admin_floor import FloorTab

    store.sign_in(2, "somchai", "1111")  # a PC that then crashed, keeping counter 2
    store.issue("DL")
    store.issue("DL")
    store.call_next(2)
    app, page = _open_admin(qtbot, make_app, store)
    tab = _tab(page, FloorTab)
    assert isinstance(tab, FloorTab)
    numbers = [c.number for c in tab.counters]
    row = numbers.index(2)
    cells = [tab.table.item(row, c).text() for c in range(tab.table.columnCount())]
    assert cells[1:4] == ["somchai", ", ".join(store.counter(2).service_codes), "A001"]
    assert "DL 1" in tab.waiting.text()

    tab.table.selectRow(row)
    _do(qtbot, app, tab.release_button)
    assert store.counter(2).officer_login is None
    assert tab.table.item(row, 1).text() == "—"
    last = store.changes(0)[-1]
    assert (last.kind, last.counter, last.data) == ("officer_logout", 2, {"by": "boss"})

    _do(qtbot, app, tab.pause_button, "Paused")
    assert not store.counter(2).open
    _do(qtbot, app, tab.pause_button, "Open again")
    assert store.counter(2).open
