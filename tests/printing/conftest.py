"""Printing fixtures: a sample Thai ticket and fake ESC/POS devices built on Dummy."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from escpos.printer import Dummy

from shared.printer_spec import PrinterSpec
from shared.printing.layout import TicketPrintout

BANGKOK = ZoneInfo("Asia/Bangkok")
STATUS_URL = "https://khiu.example.go.th/t/Jx8f3kQ2mZpV9aLwR7tYbNq4"

# One-byte answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (paper sensor);
# bits 1 and 4 are always set in a real answer.
ONLINE, OFFLINE = b"\x12", b"\x1a"
CAUSE_NONE, CAUSE_COVER, CAUSE_PAPER_END = b"\x12", b"\x16", b"\x32"
PAPER_OK, PAPER_NEAR_END, PAPER_OUT = b"\x12", b"\x1e", b"\x72"


@pytest.fixture
def printout() -> TicketPrintout:
    return TicketPrintout(
        site_name_th="ศูนย์บริการร่วม กระทรวงมหาดไทย",
        site_name_en="Government Counter Service",
        service_name_th="ต่ออายุใบอนุญาตขับรถยนต์ส่วนบุคคล",
        service_name_en="Driving licence renewal",
        agency_th="กรมการขนส่งทางบก",
        code="A001",
        priority=True,
        people_ahead=3,
        estimated_wait_range_min=(10, 20),
        issued_at=datetime(2026, 11, 24, 13, 5, tzinfo=BANGKOK),
        status_url=STATUS_URL,
        documents_th=("บัตรประจำตัวประชาชน",),
        footer_th="ขอบคุณที่ใช้บริการ",
        footer_en="Thank you",
    )


class FakePrinter(Dummy):
    """A two-way printer: answers status requests from a table, can fail or hang."""

    def __init__(
        self,
        printer: bytes = ONLINE,
        cause: bytes = CAUSE_NONE,
        paper: bytes = PAPER_OK,
        *,
        fail_after: int | None = None,
        read_delay: float = 0.0,
        open_error: Exception | None = None,
    ) -> None:
        super().__init__()
        self.answers = {b"\x10\x04\x01": printer, b"\x10\x04\x02": cause, b"\x10\x04\x04": paper}
        self.fail_after = fail_after
        self.read_delay = read_delay
        self.open_error = open_error
        self.last = b""
        self.payloads: list[bytes] = []

    def open(self) -> None:
        if self.open_error:
            raise self.open_error

    def _raw(self, msg: bytes) -> None:
        if self.fail_after is not None and len(self.output) + len(msg) > self.fail_after:
            raise OSError("printer went away mid-print")
        self.last = msg
        if msg not in self.answers:
            self.payloads.append(msg)
        super()._raw(msg)

    def _read(self) -> bytes:
        time.sleep(self.read_delay)
        return self.answers.get(self.last, b"")


def opener_for(device: FakePrinter):
    """An `opener` that hands `device` to the printing service whatever the spec."""

    def open_fake(spec: PrinterSpec, width: int, timeout_s: float) -> FakePrinter:
        return device

    return open_fake
