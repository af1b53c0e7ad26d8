"""print_ticket: every printer fault gives a result to show, and the preview is always there."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from escpos.exceptions import DeviceNotFoundError
from PySide6.QtWidgets import QApplication

from shared.printing.device import PrinterFault, fault_from_lpstat, fault_from_win32
from shared.printing.layout import TicketPrintout
from shared.printing.render import render_ticket
from shared.printing.service import encode_escpos, print_ticket, printer_status
from tests.support.escpos_decode import decode_raster, has_cut
from tests.support.printers import (
    CAUSE_COVER,
    CAUSE_PAPER_END,
    OFFLINE,
    PAPER_NEAR_END,
    PAPER_OUT,
    FakePrinter,
    opener_for,
)

USB = "usb:04b8:0202"


def test_preview_writes_png_and_raw_bytes(qapp: QApplication, printout: TicketPrintout, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = print_ticket(printout, "preview", paper_width_dots=384, spool_dir=tmp_path)
    assert result.ok and result.fault is None
    assert result.preview_png and result.preview_png.name.startswith("2026-11-24-A001-")
    assert result.preview_png.read_bytes().startswith(b"\x89PNG")
    assert result.raw_path and result.raw_path.suffix == ".bin"
    raw = result.raw_path.read_bytes()
    assert len(raw) == result.raw_bytes_len and has_cut(raw)
    assert decode_raster(raw).width == 384
    assert capsys.readouterr().out == ""  # `khiu issue --json` prints one JSON value


def test_file_printer_writes_the_escpos_bytes(qapp: QApplication, printout: TicketPrintout, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "printer.bin"
    result = print_ticket(printout, f"file:{target}", spool_dir=tmp_path / "spool")
    assert result.ok and result.message_en == "Ticket printed"
    assert target.read_bytes() == encode_escpos(render_ticket(printout, 576).bitmap)
    assert result.raw_path is None and result.preview_png is not None and result.preview_png.is_file()
    assert capsys.readouterr().out == ""


def test_healthy_two_way_printer_gets_status_then_ticket(qapp: QApplication, printout: TicketPrintout, tmp_path: Path) -> None:
    device = FakePrinter()
    result = print_ticket(printout, USB, spool_dir=tmp_path, opener=opener_for(device))
    assert result.ok and result.fault is None
    assert device.output.startswith(b"\x10\x04\x01")  # asked before printing
    assert has_cut(device.payloads[-1]) and decode_raster(device.payloads[-1]).width == 576


@pytest.mark.parametrize(
    ("device", "fault", "thai"),
    [
        (FakePrinter(OFFLINE), PrinterFault.OFFLINE, "เครื่องพิมพ์ไม่พร้อมใช้งาน"),
        (FakePrinter(paper=PAPER_OUT), PrinterFault.PAPER_OUT, "เครื่องพิมพ์กระดาษหมด"),
        (FakePrinter(OFFLINE, CAUSE_PAPER_END), PrinterFault.PAPER_OUT, "กระดาษหมด"),
        (FakePrinter(OFFLINE, CAUSE_COVER), PrinterFault.COVER_OPEN, "ฝาเครื่องพิมพ์เปิดอยู่"),
        (FakePrinter(b""), PrinterFault.NO_ANSWER, "เครื่องพิมพ์ไม่ตอบสนอง"),
        (FakePrinter(read_delay=5), PrinterFault.NO_ANSWER, "ไม่ตอบสนอง"),
        (FakePrinter(fail_after=20_000), PrinterFault.FAILED_MID_PRINT, "พิมพ์บัตรคิวไม่สำเร็จ"),
        (
            FakePrinter(open_error=DeviceNotFoundError("unplugged")),
            PrinterFault.OFFLINE,
            "ไม่ได้เชื่อมต่อ",
        ),
    ],
    ids=["offline", "paper-out", "stopped-paper-end", "cover", "silent", "hang", "mid", "gone"],
)
def test_faults_are_results_and_the_preview_remains(
    qapp: QApplication, printout: TicketPrintout, tmp_path: Path, capsys: pytest.CaptureFixture[str], device: FakePrinter, fault: PrinterFault, thai: str
) -> None:
    result = print_ticket(
        printout, USB, spool_dir=tmp_path, timeout_s=0.3, opener=opener_for(device)
    )
    assert (result.ok, result.fault) == (False, fault)
    assert thai in result.message_th and result.message_en == fault.message_en
    assert result.preview_png is not None and result.preview_png is not None and result.preview_png.is_file()
    if fault is not PrinterFault.FAILED_MID_PRINT:
        assert device.payloads == []  # nothing half-printed on a printer known to be down
    assert capsys.readouterr().out == ""


def test_paper_near_end_still_prints_with_a_warning(qapp: QApplication, printout: TicketPrintout, tmp_path: Path) -> None:
    device = FakePrinter(paper=PAPER_NEAR_END)
    result = print_ticket(printout, USB, spool_dir=tmp_path, opener=opener_for(device))
    assert result.ok and result.fault is PrinterFault.PAPER_NEAR_END
    assert result.message_th.startswith("กระดาษใกล้หมด")
    assert device.payloads and has_cut(device.payloads[-1])


def test_bad_spec_and_width_are_results_too(qapp: QApplication, printout: TicketPrintout, tmp_path: Path) -> None:
    bad = print_ticket(printout, "usb:nope", spool_dir=tmp_path)
    assert bad.fault is PrinterFault.BAD_SPEC and not bad.ok and "VID:PID" in bad.detail
    assert bad.preview_png and bad.preview_png.is_file()
    wide = print_ticket(printout, "preview", paper_width_dots=640, spool_dir=tmp_path)
    assert wide.fault is PrinterFault.BAD_SPEC and wide.preview_png


def test_unwritable_spool_still_prints(qapp: QApplication, printout: TicketPrintout, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    device = FakePrinter()
    with caplog.at_level(logging.WARNING):
        result = print_ticket(printout, USB, spool_dir=blocker, opener=opener_for(device))
    assert result.ok and result.preview_png is None and device.payloads
    failed = print_ticket(printout, "preview", spool_dir=blocker)
    assert failed.fault is PrinterFault.FAILED_MID_PRINT and "spool" in failed.detail


def test_printer_status_checks_without_printing(qapp: QApplication) -> None:
    assert printer_status("preview") is None
    assert printer_status("nonsense") is PrinterFault.BAD_SPEC
    device = FakePrinter(paper=PAPER_OUT)
    assert printer_status(USB, 0.5, opener=opener_for(device)) is PrinterFault.PAPER_OUT
    assert device.payloads == []
    assert printer_status(USB, 0.5, opener=opener_for(FakePrinter())) is None


# python-escpos 3.1's Network.open() drops the socket whose connect() failed without
# closing it; the printing service closes the printer, but that socket is out of reach.
@pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning")
def test_unreachable_network_printer_is_reported_quickly(qapp: QApplication, printout: TicketPrintout, tmp_path: Path) -> None:
    # Port 9 on localhost: nothing listens, the connection is refused at once.
    result = print_ticket(printout, "net:127.0.0.1:9", spool_dir=tmp_path, timeout_s=2)
    assert result.fault in (PrinterFault.OFFLINE, PrinterFault.NO_ANSWER)
    assert result.preview_png is not None and result.preview_png.is_file()


@pytest.mark.parametrize(
    ("status", "attributes", "fault"),
    [
        (0, 0, None),
        (0x10, 0, PrinterFault.PAPER_OUT),
        (0x80, 0, PrinterFault.OFFLINE),
        (0x400000, 0, PrinterFault.COVER_OPEN),
        (0, 0x400, PrinterFault.OFFLINE),
    ],
)
def test_windows_queue_status(status: int, attributes: int, fault: PrinterFault | None) -> None:
    assert fault_from_win32(status, attributes) is fault


def test_cups_queue_status() -> None:
    assert fault_from_lpstat(0, "printer TM is idle.  enabled since Tue") is None
    assert fault_from_lpstat(0, "printer TM disabled since Tue -\n\tPaused") is PrinterFault.OFFLINE
    assert fault_from_lpstat(1, "lpstat: Invalid destination name") is PrinterFault.OFFLINE


def test_messages_are_bilingual() -> None:
    for fault in PrinterFault:
        assert fault.message_th and fault.message_en and fault.message_th != fault.message_en
    assert PrinterFault.PAPER_NEAR_END.blocks_printing is False


def test_result_json(qapp: QApplication, printout: TicketPrintout, tmp_path: Path) -> None:
    result = print_ticket(printout, "preview", spool_dir=tmp_path)
    data = result.to_json()
    assert data["ok"] is True and data["fault"] is None and data["bytes"] > 10_000
