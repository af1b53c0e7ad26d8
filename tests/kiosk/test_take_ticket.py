"""A citizen touches a service, reads the manual, takes a ticket: one ticket, one print."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from shared.storage import data_folder
from shared.storage.sqlite import SqliteStore
from tests.support.escpos_decode import decode_raster, has_cut
from tests.support.kiosk_app import Factory, grab_image, read_qr, tickets_in_db, touch

STATUS_BASE = "https://khiu.example.go.th/t/"


def test_touch_service_read_manual_take_ticket_prints_once(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, tmp_path: Path
) -> None:
    out = tmp_path / "printer.bin"
    kiosk = make_kiosk(printer_spec=f"file:{out}")
    w = kiosk.window

    touch(qtbot, w.home.buttons["DL"])
    assert w.stack.currentWidget() is w.service
    assert w.service.name.text() == "ต่ออายุใบอนุญาตขับรถ"
    assert "ใบอนุญาตขับรถฉบับเดิม" in w.service.docs.text()
    assert "ไม่ต้องใช้สำเนา" in w.service.id_note.text()
    assert "20 นาที" in w.service.processing.text()
    assert "505 บาท" in w.service.fee.text()
    assert w.service.hours.text() == "ตลอดเวลาทำการของศูนย์"  # the demo lists no hours

    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.issued)
    assert w.issued.code.text() == "A001"
    assert w.issued.ahead.text() == "ไม่มีคิวรอก่อนหน้า"
    assert not w.issued.band.isVisible()
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    assert w.issued.print_status.text() == "รับบัตรคิวที่ช่องด้านล่าง"
    assert not w.issued.reprint.isVisible()

    rows = tickets_in_db(store)
    assert [(code, state, prio) for code, state, prio, _ in rows] == [("A001", "waiting", 0)]
    token = rows[0][3]

    data = out.read_bytes()
    assert data.count(b"\x1dv0") >= 1 and has_cut(data)
    assert data.count(b"\x1b@") == 1, "exactly one ticket was sent to the printer"
    assert read_qr(decode_raster(data)) == [STATUS_BASE + token]
    # The same QR is on screen, for a citizen who photographs it.
    assert read_qr(grab_image(w.issued.qr)) == [STATUS_BASE + token]


def test_double_touch_issues_one_ticket(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore
) -> None:
    kiosk = make_kiosk()
    w = kiosk.window
    touch(qtbot, w.home.buttons["SSO"])
    touch(qtbot, w.service.take)
    touch(qtbot, w.service.take)  # an impatient second press before the number shows
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    assert [r[0] for r in tickets_in_db(store)] == ["B001"]


def test_priority_ticket_is_marked(qtbot: QtBot, make_kiosk: Factory, store: SqliteStore) -> None:
    store.issue("FLU")
    kiosk = make_kiosk()
    w = kiosk.window
    touch(qtbot, w.home.buttons["FLU"])
    touch(qtbot, w.service.priority)
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    assert w.issued.code.text() == "C002"
    assert w.issued.band.isVisible() and w.issued.band.text() == "ช่องทางพิเศษ"
    # A priority ticket goes before the normal one already waiting.
    assert w.issued.ahead.text() == "ไม่มีคิวรอก่อนหน้า"
    assert [(r[0], r[2]) for r in tickets_in_db(store)] == [("C001", 0), ("C002", 1)]


def test_preview_printer_shows_the_ticket_and_spools_it(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, db_path: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # a server's own spool
    kiosk = make_kiosk()  # the demo site's printer is "preview"
    w = kiosk.window
    touch(qtbot, w.home.buttons["HC"])
    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    assert w.issued.print_status.text() == "บัตรคิวตัวอย่าง (โหมดแสดงผล)"
    pixmap = w.issued.preview.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    spooled = sorted(p.suffix for p in (data_folder(db_path) / "spool").iterdir())
    assert spooled == [".bin", ".png"]


def test_waiting_counts_follow_other_kiosks_and_counters(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore
) -> None:
    kiosk = make_kiosk()
    button = kiosk.window.home.buttons["DL"]
    assert button.status.text() == "ไม่มีคิวรอ"
    store.issue("DL")
    store.issue("DL")
    qtbot.waitUntil(lambda: button.status.text().startswith("รอ 2 คิว"))
    assert "ประมาณ" in button.status.text() and "นาที" in button.status.text()


def test_the_wait_is_said_as_a_range_where_people_plan(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore
) -> None:
    for _ in range(6):
        store.issue("DL")
    kiosk = make_kiosk()
    w = kiosk.window
    line = store.status().service("DL")
    assert line is not None
    low, high = line.estimated_wait_range_min
    assert high > 5 and low < high  # six ahead at the manual's 20 minutes: a real range
    button = w.home.buttons["DL"]
    qtbot.waitUntil(lambda: button.status.text() == f"รอ 6 คิว · ประมาณ {low}–{high} นาที")
    touch(qtbot, button)
    assert w.service.wait_now.text() == f"รอ 6 คิว · รับบัตรตอนนี้ รอประมาณ {low}–{high} นาที"
    touch(qtbot, w.lang_button)
    assert w.service.wait_now.text() == f"6 waiting · a ticket taken now waits about {low}–{high} min"
    touch(qtbot, w.lang_button)
    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.issued)
    ticket = store.ticket(w.issued.code.text())
    assert ticket.estimated_wait_range_min == (low, high)  # what the button said
    assert w.issued.wait.text() == f"รอประมาณ {low}–{high} นาที"


def test_a_short_wait_says_less_than_five_minutes(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore
) -> None:
    w = make_kiosk().window
    touch(qtbot, w.home.buttons["DL"])
    assert w.service.wait_now.text() == "ไม่มีคิวรอ · รับบัตรตอนนี้ รอไม่ถึง 5 นาที"
    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.issued)
    assert w.issued.wait.text() == "รอไม่ถึง 5 นาที"
