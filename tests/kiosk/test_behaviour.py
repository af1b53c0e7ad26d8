"""Language, idle return, closed services, touch sizes, and the locked-down exit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.widgets.buttons import TouchButton
from kiosk.widgets.theme import MIN_TOUCH_MM, mm_to_px
from shared.i18n import glossary
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.kiosk_app import Factory, tickets_in_db, touch


def test_language_toggle_switches_every_text(qtbot: QtBot, make_kiosk: Factory) -> None:
    w = make_kiosk().window
    assert w.home.title.text() == "เลือกบริการที่ต้องการ"
    assert w.home.buttons["DL"].name_th.text() == "ต่ออายุใบอนุญาตขับรถ"
    touch(qtbot, w.lang_button)
    assert w.home.title.text() == "Choose a service"
    assert w.home.buttons["DL"].name_th.text() == "Driving licence renewal"
    assert w.home.buttons["DL"].status.text() == "No one waiting"
    touch(qtbot, w.home.buttons["DL"])
    assert w.service.take.text() == "Take a ticket"
    assert "Bring only your ID card" in w.service.id_note.text()
    touch(qtbot, w.lang_button)
    assert w.service.take.text() == "รับบัตรคิว"


def test_idle_returns_to_thai_home(qtbot: QtBot, make_kiosk: Factory) -> None:
    w = make_kiosk(idle_ms=300, more_time_ms=300).window
    touch(qtbot, w.lang_button)
    touch(qtbot, w.home.buttons["FLU"])
    assert w.stack.currentWidget() is w.service and w.lang == "en"
    qtbot.waitUntil(w.more_time.asking, timeout=5000)  # "More time?" first
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.home, timeout=5000)
    assert w.lang == "th"
    assert w.home.title.text() == "เลือกบริการที่ต้องการ"


def test_closed_service_shows_hours_and_gives_no_ticket(
    qtbot: QtBot, make_kiosk: Factory, clock: FakeClock, store: SqliteStore
) -> None:
    clock.advance(hours=7)  # 17:00 in Bangkok: flu vaccination closed at 16:00
    w = make_kiosk().window
    flu, dl = w.home.buttons["FLU"], w.home.buttons["DL"]
    assert flu.status.text() == "ปิดให้บริการขณะนี้ · ทุกวัน 10:00–16:00 น."
    assert flu.property("closed") == "true"
    assert dl.status.text() == "ไม่มีคิวรอ"
    touch(qtbot, flu)
    assert w.service.closed.isVisible()
    assert not w.service.take.isEnabled() and not w.service.priority.isEnabled()
    assert "10:00–16:00" in w.service.hours.text()
    w.service.take.click()  # even a click that reaches the disabled button issues nothing
    assert tickets_in_db(store) == []


def test_the_demo_works_at_night(
    qtbot: QtBot, make_kiosk: Factory, clock: FakeClock, store: SqliteStore
) -> None:
    """03:00 in Bangkok: the demo keeps one service with real hours (flu vaccination,
    closed), every other service takes tickets (so `make run` after hours
    still shows a working kiosk)."""
    clock.advance(hours=17)  # 10:00 + 17 h = 03:00 the next day in Bangkok
    w = make_kiosk().window
    closed = {code for code, tile in w.home.buttons.items() if tile.property("closed") == "true"}
    assert closed == {"FLU"}
    for code in ("DL", "SSO", "HC", "SEED", "SOIL", "LAND", "MH"):
        touch(qtbot, w.home.buttons[code])
        assert w.service.take.isEnabled()
        touch(qtbot, w.service.take)
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.issued)
        qtbot.waitUntil(lambda: w.issued.outcome is not None)
        touch(qtbot, w.issued.done)
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.home)
    assert len(tickets_in_db(store)) == 7


def test_touch_targets_are_at_least_15_mm_on_a_small_screen(
    qtbot: QtBot, make_kiosk: Factory
) -> None:
    w = make_kiosk(size=(1024, 768)).window
    minimum = mm_to_px(w, MIN_TOUCH_MM)
    pages: list[QWidget] = [w.home]
    touch(qtbot, w.home.buttons["DL"])
    pages.append(w.service)
    w.ask_pin()
    pages.append(w.pin)
    for page in pages:
        w.stack.setCurrentWidget(page)
        page.grab()
        buttons = [b for b in w.findChildren(TouchButton) if b.isVisible()]
        assert buttons
        for button in buttons:
            assert button.width() >= minimum and button.height() >= minimum, button.text()


def test_close_is_refused_until_the_admin_pin(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore
) -> None:
    store.add_officer("admin", "ผู้ดูแลระบบ", "9999", "admin")
    kiosk = make_kiosk(long_press_ms=100)
    w = kiosk.window
    w.close()  # Alt+F4 or the window manager's close
    assert w.isVisible()

    qtbot.mouseClick(w.admin_corner, qtbot_button())  # a short tap does nothing
    assert w.stack.currentWidget() is w.home
    qtbot.mousePress(w.admin_corner, qtbot_button())
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.pin)
    qtbot.mouseRelease(w.admin_corner, qtbot_button())

    for key in ["1", "2", "3", "4", "ok"]:
        touch(qtbot, w.pin.keys[key])
    qtbot.waitUntil(lambda: w.pin.message.text() == "รหัสไม่ถูกต้อง")
    assert w.pin.dots.text().strip() == ""
    for key in ["9", "9", "9", "9"]:
        touch(qtbot, w.pin.keys[key])
    assert w.pin.dots.text() == "●●●●"
    touch(qtbot, w.pin.keys["ok"])
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.admin)
    touch(qtbot, w.admin.exit)
    assert not w.isVisible()


def qtbot_button() -> Qt.MouseButton:
    return Qt.MouseButton.LeftButton


def test_the_manual_is_labelled_with_the_glossary(qtbot: QtBot, make_kiosk: Factory) -> None:
    w = make_kiosk().window
    touch(qtbot, w.home.buttons["DL"])  # the demo's DL lists no hours of its own
    page = w.service
    for lang in ("th", "en"):
        headings = (page.docs_heading, page.processing_heading, page.fee_heading,
                    page.hours_heading, page.where_heading)  # fmt: skip
        assert [h.text() for h in headings] == [f.pick(lang) for f in glossary.MANUAL_FIELDS]
        assert page.processing.text() == glossary.processing_time(20).pick(lang)
        assert page.hours.text() == glossary.ALWAYS_OPEN.pick(lang)
        touch(qtbot, w.lang_button)
