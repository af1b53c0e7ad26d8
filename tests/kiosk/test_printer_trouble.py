"""Printer trouble never loses a ticket: it stays on screen with its QR, can be reprinted,
and a printer known to be out of paper is announced on the home page before a touch."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from shared.printing.device import PrinterFault
from shared.storage.sqlite import SqliteStore
from tests.kiosk.fakes import FakePrinter, port_for
from tests.support.escpos_decode import decode_raster
from tests.support.kiosk_app import Factory, grab_image, read_qr, tickets_in_db, touch

FAULTS = ["offline", "paper_out", "cover_open", "no_answer", "failed_mid_print", "unplugged"]
EXPECTED = {
    "offline": PrinterFault.OFFLINE,
    "paper_out": PrinterFault.PAPER_OUT,
    "cover_open": PrinterFault.COVER_OPEN,
    "no_answer": PrinterFault.NO_ANSWER,
    "failed_mid_print": PrinterFault.FAILED_MID_PRINT,
    "unplugged": PrinterFault.OFFLINE,
}


@pytest.mark.parametrize("state", FAULTS)
def test_fault_keeps_ticket_on_screen_and_print_again_works(
    qtbot: QtBot, make_kiosk: Factory, store: SqliteStore, state: str
) -> None:
    device = FakePrinter()
    kiosk = make_kiosk(printer=port_for(device), printer_spec="net:192.0.2.7")
    w = kiosk.window
    device.set_state(state)
    touch(qtbot, w.home.buttons["DL"])
    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.issued.outcome is not None)

    fault = EXPECTED[state]
    assert w.issued.code.text() == "A001"
    assert w.issued.trouble.isVisible()
    assert fault.message_th in w.issued.trouble_th.text()
    assert fault.message_en in w.issued.trouble_en.text()
    assert "QR" in w.issued.trouble_th.text()
    token = tickets_in_db(store)[0][3]
    assert read_qr(grab_image(w.issued.qr)) == [f"https://khiu.example.go.th/t/{token}"]
    assert device.tickets == []

    kiosk.idle.idle.emit()  # nobody touches the screen: the ticket must stay
    assert w.stack.currentWidget() is w.issued

    device.set_state("ok")
    touch(qtbot, w.issued.reprint)
    assert w.issued.needs_attention, "still on screen while the reprint runs"
    qtbot.waitUntil(lambda: not w.issued.needs_attention)
    assert w.issued.print_status.text() == "รับบัตรคิวที่ช่องด้านล่าง"
    assert not w.issued.reprint.isVisible()
    assert len(device.tickets) == 1
    assert read_qr(decode_raster(device.tickets[0])) == [f"https://khiu.example.go.th/t/{token}"]
    assert [r[0] for r in tickets_in_db(store)] == ["A001"], "a reprint issues nothing new"
    touch(qtbot, w.issued.done)
    assert w.stack.currentWidget() is w.home


def test_paper_near_end_prints_with_a_warning(qtbot: QtBot, make_kiosk: Factory) -> None:
    device = FakePrinter()
    device.set_state("paper_near_end")
    kiosk = make_kiosk(printer=port_for(device), printer_spec="net:192.0.2.7")
    w = kiosk.window
    touch(qtbot, w.home.buttons["SOIL"])
    touch(qtbot, w.service.take)
    qtbot.waitUntil(lambda: w.issued.outcome is not None)
    assert len(device.tickets) == 1
    assert not w.issued.trouble.isVisible()
    assert PrinterFault.PAPER_NEAR_END.message_th in w.issued.print_status.text()
    assert not w.home.banner.isVisibleTo(w.home)


def test_known_paper_out_is_announced_before_a_touch(qtbot: QtBot, make_kiosk: Factory) -> None:
    device = FakePrinter()
    device.set_state("paper_out")
    kiosk = make_kiosk(printer=port_for(device), printer_spec="net:192.0.2.7")
    home = kiosk.window.home
    qtbot.waitUntil(lambda: home.banner.isVisible())
    assert "กระดาษหมด" in home.banner.label.text()
    assert "QR" in home.banner.label.text()
    kiosk.window.toggle_language()
    assert "out of paper" in home.banner.label.text()

    device.set_state("ok")  # staff refill the paper; the next periodic check clears it
    kiosk.controller.check_printer()
    qtbot.waitUntil(lambda: not home.banner.isVisible())
