""""มีนัดหมาย / I have a booking" at the kiosk: the booking's QR through a keyboard-wedge
scanner (key events) or its code on the on-screen keypad issues and prints its ticket,
marked as booked; too early says when check-in opens; missed offers a walk-in ticket."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.escpos_decode import decode_raster
from tests.support.kiosk_app import Factory, touch
from tests.support.shots import shots_dir


def test_scanned_qr_issues_a_booked_ticket_and_prints_it(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, tmp_path: Path
) -> None:
    booking = store.book("DL", store.clock() + timedelta(minutes=30))  # 10:30; now 10:00
    out = tmp_path / "printer.bin"
    kiosk = make_kiosk(printer_spec=f"file:{out}")
    w = kiosk.window
    assert w.home.booking.text() == "มีนัดหมาย"
    touch(qtbot, w.home.booking)
    assert w.stack.currentWidget() is w.booking
    folder = shots_dir("kiosk")
    folder.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(folder / "booking-checkin.png"))
    qtbot.keyClicks(w.booking, booking.url)  # the scanner types the QR's URL...
    qtbot.keyClick(w.booking, Qt.Key.Key_Return)  # ...then Enter
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.issued)
    assert w.issued.code.text() == "A001"
    assert w.issued.band.isVisible() and w.issued.band.text() == "นัดหมาย"
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    assert store.ticket("A001").booking == booking.code
    assert out.read_bytes().count(b"\x1b@") == 1  # printed once
    assert decode_raster(out.read_bytes()).height > 0
    w.grab().save(str(folder / "booking-checked-in.png"))


def test_typed_code_too_early_then_missed_offers_a_walk_in(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, clock: FakeClock
) -> None:
    later = store.book("HC", store.clock() + timedelta(hours=2))  # 12:00
    kiosk = make_kiosk()
    w = kiosk.window
    touch(qtbot, w.home.booking)
    for key in later.code:
        touch(qtbot, w.booking.keys[key])
    assert w.booking.code.text() == later.code
    touch(qtbot, w.booking.keys["ok"])
    qtbot.waitUntil(lambda: "11:30" in w.booking.message.text())
    assert "เช็กอินได้ตั้งแต่" in w.booking.message.text()
    assert not w.booking.walk_in.isVisible()

    clock.advance(hours=2, minutes=16)  # 12:16: its window closed at 12:15
    for key in later.code:
        touch(qtbot, w.booking.keys[key])
    touch(qtbot, w.booking.keys["ok"])
    qtbot.waitUntil(w.booking.walk_in.isVisible)
    assert "ไม่ได้มาตามนัด" in w.booking.message.text()
    w.grab().save(str(shots_dir("kiosk") / "booking-missed.png"))
    touch(qtbot, w.booking.walk_in)
    assert w.stack.currentWidget() is w.service
    assert w.service.tile is not None and w.service.tile.service.code == "HC"
    assert store.bookings()[0].state.value == "missed"
