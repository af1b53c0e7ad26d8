"""The admin pages in the counter app, driven as a site manager does: hidden from
officers; officers added, disabled, given a new PIN; the floor paused and a crashed
PC's counter signed out; services (their booking places too), counters, the display and
the booking check-in times changed, refused changes explained; every change an event
naming the admin."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from counter.app import CounterApp
from counter.pages.admin import AdminPage, AdminTab
from shared.site import ServiceConfig
from shared.site_edit import edit_counter, edit_service
from shared.storage.api import Store
from tests.support.counter_app import AppFactory, cell_text, sign_in
from tests.support.shots import shots_dir


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


def _do(qtbot: QtBot, app: CounterApp, push: QWidget | None, needle: str = "Saved") -> None:
    """Click a page button and wait for its outcome on the status line."""
    assert push is not None
    app.window.status_line.clear()
    qtbot.mouseClick(push, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: needle in app.window.status_line.text())



def _waiting_services(app: CounterApp) -> list[str]:
    """The services whose waiting counts the counter shows, in its calling order."""
    snapshot = app.controller.snapshot
    assert snapshot is not None
    return [w.code for w in snapshot.waiting]

def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


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

    rows = [cell_text(tab.table, r, 0) for r in range(tab.table.rowCount())]
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
    cells = [cell_text(tab.table, row, c) for c in range(tab.table.columnCount())]
    assert cells[1:4] == ["somchai", ", ".join(store.counter(2).service_codes), "A001"]
    assert "DL 1" in tab.waiting.text()

    tab.table.selectRow(row)
    _do(qtbot, app, tab.release_button)
    assert store.counter(2).officer_login is None
    assert cell_text(tab.table, row, 1) == "—"
    last = store.changes(0)[-1]
    assert (last.kind, last.counter, last.data) == ("officer_logout", 2, {"by": "boss"})

    _do(qtbot, app, tab.pause_button, "Paused")
    assert not store.counter(2).open
    last = store.changes(0)[-1]
    assert (last.kind, last.counter, last.data) == ("counter_paused", 2, {"by": "boss"})
    _do(qtbot, app, tab.pause_button, "Open again")
    assert store.counter(2).open


def test_a_service_manual_edited_and_a_service_added(
    qtbot: QtBot, make_app: AppFactory, store: Store
) -> None:
    from counter.pages.admin_services import ServicesTab

    store.issue("SSO")  # letter B used today, then SSO given another letter
    store.change_site(edit_service("SSO", {"prefix": "S"}), by="boss")
    app, page = _open_admin(qtbot, make_app, store)
    tab = _tab(page, ServicesTab)
    assert isinstance(tab, ServicesTab)
    assert tab.editing == "DL" and tab.edits["code"].isReadOnly()
    tab.edits["documents_th"].setPlainText("บัตรประจำตัวประชาชน\nใบอนุญาตขับรถฉบับเดิม")
    tab.edits["hours"].setPlainText("mon-fri 08:30-16:30\nsat 09:00-12:00")
    tab.edits["processing_minutes"].setValue(25)
    _do(qtbot, app, tab.save_button)
    dl = store.service("DL")
    assert dl.documents_th == ("บัตรประจำตัวประชาชน", "ใบอนุญาตขับรถฉบับเดิม")
    assert dl.processing_minutes == 25 and [h.days for h in dl.hours] == [(0, 1, 2, 3, 4), (5,)]

    tab.edits["documents_th"].setPlainText("สำเนาทะเบียนบ้าน")
    _do(qtbot, app, tab.save_button, "asks for a photocopy")
    assert store.service("DL").documents_th == dl.documents_th

    _click(qtbot, tab.new_button)
    assert not tab.edits["code"].isReadOnly() and tab.edits["code"].hasFocus()
    qtbot.keyClicks(tab.edits["code"], "pp")
    qtbot.keyClicks(tab.edits["prefix"], "B")
    tab.edits["name_th"].setText("หนังสือเดินทาง")
    qtbot.keyClicks(tab.edits["name_en"], "Passport")
    _do(qtbot, app, tab.save_button, "Ticket letter B was already used today by SSO")
    assert "PP" not in [s.code for s in store.services()]
    tab.edits["prefix"].setText("P")
    _do(qtbot, app, tab.save_button)
    assert store.service("PP").prefix == "P" and tab.editing == "PP"
    _do(qtbot, app, tab.up_button)
    codes = [s.code for s in store.services()]
    assert codes.index("PP") == len(codes) - 2
    assert {e.data.get("by") for e in store.changes(0) if e.kind == "site_loaded"} >= {"boss"}


def _dl_config(store: Store) -> ServiceConfig:
    return next(s for s in store.site().services if s.code == "DL")


def test_a_service_opened_for_booking_and_a_slot_length_refused(
    qtbot: QtBot, make_app: AppFactory, store: Store
) -> None:
    from counter.pages.admin_services import ServicesTab

    app, page = _open_admin(qtbot, make_app, store)
    tab = _tab(page, ServicesTab)
    assert isinstance(tab, ServicesTab)
    stored = _dl_config(store)
    assert tab.editing == "DL"
    assert tab.edits["booking_per_slot"].value() == stored.booking_per_slot != 4
    tab.edits["booking_per_slot"].setValue(4)
    tab.edits["booking_slot_minutes"].setValue(20)
    tab.edits["booking_days_ahead"].setValue(7)
    _do(qtbot, app, tab.save_button)
    dl = _dl_config(store)
    assert (dl.booking_per_slot, dl.booking_slot_minutes, dl.booking_days_ahead) == (4, 20, 7)
    assert [e.data.get("by") for e in store.changes(0) if e.kind == "site_loaded"][-1] == "boss"

    tab.edits["booking_per_slot"].setValue(0)
    tab.edits["booking_slot_minutes"].setValue(3)
    _do(qtbot, app, tab.save_button, "booking_slot_minutes: must be a whole number from 5 to 480, got 3")
    dl = _dl_config(store)
    assert (dl.booking_per_slot, dl.booking_slot_minutes) == (4, 20)

    tab.list.setCurrentRow(1)
    tab.list.setCurrentRow(0)  # the form shows the stored values again
    assert tab.edits["booking_slot_minutes"].value() == 20


def test_counters_added_changed_and_one_serving_a_ticket_not_retired(
    qtbot: QtBot, make_app: AppFactory, store: Store
) -> None:
    from counter.pages.admin_counters import CountersTab

    app, page = _open_admin(qtbot, make_app, store)
    tab = _tab(page, CountersTab)
    assert isinstance(tab, CountersTab)
    _click(qtbot, tab.new_button)
    number = tab.number_box.value()
    qtbot.keyClicks(tab.services_edit, "sso, dl")
    _do(qtbot, app, tab.save_button)
    assert store.counter(number).service_codes == ("SSO", "DL")
    assert not tab.number_box.isEnabled()
    tab.services_edit.setText("DL")
    _do(qtbot, app, tab.save_button)
    assert store.counter(number).service_codes == ("DL",)

    store.issue("DL")
    store.call_next(number)
    _do(qtbot, app, tab.retire_button, f"Counter {number} is not in the file, but it is serving")
    assert number in [c.number for c in store.counters()]
    store.finish(number)
    _do(qtbot, app, tab.retire_button)
    assert number not in [c.number for c in store.counters()]


def test_the_display_settings(qtbot: QtBot, make_app: AppFactory, store: Store) -> None:
    from counter.pages.admin_display import DisplayTab

    app, page = _open_admin(qtbot, make_app, store)
    tab = _tab(page, DisplayTab)
    assert isinstance(tab, DisplayTab)
    tab.ticker_th_edit.setText("วันนี้ปิดรับบัตรคิว 15:30 น.")
    tab.ticker_en_edit.setText("Tickets until 15:30 today")
    tab.recent_box.setValue(4)
    tab.engine_box.setCurrentIndex(tab.engine_box.findData("chime"))
    tab.checkin_early_box.setValue(45)
    tab.near_turn_box.setValue(5)
    tab.ticker_en_edit.setFocus()
    app.window.status_line.clear()
    qtbot.keyClick(tab.ticker_en_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Saved" in app.window.status_line.text())
    site = store.site()
    assert (site.display.ticker_en, site.display.recent_calls, site.voice.engine) == (
        "Tickets until 15:30 today", 4, "chime"
    )
    assert (site.checkin_early_minutes, site.checkin_late_minutes, site.web.near_turn_ahead) == (
        45, 15, 5
    )


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_screenshots_of_every_tab(
    qtbot: QtBot, make_app: AppFactory, store: Store, size: tuple[int, int]
) -> None:
    store.sign_in(2, "somchai", "1111")
    store.issue("DL")
    store.call_next(2)
    app, page = _open_admin(qtbot, make_app, store)
    app.window.resize(*size)
    folder = shots_dir("counter")
    folder.mkdir(parents=True, exist_ok=True)
    for index, tab in enumerate(page.pages):
        page.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda: page.tabs.currentWidget().isVisible())
        image = app.window.grab()
        assert (image.width(), image.height()) == size
        image.save(str(folder / f"admin-{index}-{type(tab).__name__}-{size[0]}.png"))


def test_a_signed_in_counter_follows_a_change_of_its_services(
    qtbot: QtBot, make_app: AppFactory, store: Store
) -> None:
    app = make_app(counter=1)
    sign_in(qtbot, app)
    assert _waiting_services(app) == ["DL"]
    store.issue("SSO")
    store.change_site(edit_counter(1, {"services": ["SSO", "DL"]}), by="boss")
    qtbot.waitUntil(lambda: _waiting_services(app) == ["SSO", "DL"])
    qtbot.keyClick(app.window.main_page.scan, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: store.current_ticket(1) is not None)
    current = store.current_ticket(1)
    assert current is not None and current.code == "B001"


def test_an_admin_demoted_meanwhile_changes_nothing_more(
    qtbot: QtBot, make_app: AppFactory, store: Store
) -> None:
    from counter.pages.admin_display import DisplayTab

    app, page = _open_admin(qtbot, make_app, store)
    tab = _tab(page, DisplayTab)
    assert isinstance(tab, DisplayTab)
    store.add_officer("chief", "หัวหน้าใหม่", "8888", role="admin")
    store.set_officer_role("boss", "officer", by="chief")
    tab.recent_box.setValue(3)
    _do(qtbot, app, tab.save_button, "boss is no longer an active admin")
    assert store.site().display.recent_calls != 3
