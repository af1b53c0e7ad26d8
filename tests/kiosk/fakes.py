"""A fake two-way ESC/POS printer (python-escpos Dummy) that can be put into any fault."""

from __future__ import annotations

import time
from functools import partial
from typing import cast

from escpos.printer import Dummy

from kiosk.controller import PrinterPort
from shared.printer_spec import PrinterSpec
from shared.printing.service import print_ticket, printer_status

# One-byte answers to DLE EOT 1 (printer), 2 (offline cause), 4 (paper sensor).
ONLINE, OFFLINE = b"\x12", b"\x1a"
CAUSE_NONE, CAUSE_COVER, CAUSE_PAPER_END = b"\x12", b"\x16", b"\x32"
PAPER_OK, PAPER_NEAR_END, PAPER_OUT = b"\x12", b"\x1e", b"\x72"

STATES: dict[str, dict[str, object]] = {
    "ok": {},
    "offline": {"printer": OFFLINE},
    "paper_out": {"printer": OFFLINE, "cause": CAUSE_PAPER_END, "paper": PAPER_OUT},
    "paper_near_end": {"paper": PAPER_NEAR_END},
    "cover_open": {"printer": OFFLINE, "cause": CAUSE_COVER},
    "no_answer": {"printer": b""},
    "failed_mid_print": {"fail_after": 2000},
    "unplugged": {"open_error": ConnectionError("no route to printer")},
}


class FakePrinter(Dummy):
    """Answers status requests from a table; can refuse to open or fail part-way."""

    def __init__(self) -> None:
        super().__init__()
        self.set_state("ok")
        self.tickets: list[bytes] = []

    def set_state(self, name: str) -> None:
        state = STATES[name]
        self.answers = {
            b"\x10\x04\x01": state.get("printer", ONLINE),
            b"\x10\x04\x02": state.get("cause", CAUSE_NONE),
            b"\x10\x04\x04": state.get("paper", PAPER_OK),
        }
        self.fail_after = cast("int | None", state.get("fail_after"))
        self.open_error = cast("Exception | None", state.get("open_error"))
        self.last = b""

    def open(self) -> None:
        if self.open_error:
            raise self.open_error
        self.clear()

    def _raw(self, msg: bytes) -> None:
        if self.fail_after is not None and len(self.output) + len(msg) > self.fail_after:
            raise OSError("printer went away mid-print")
        self.last = msg
        super()._raw(msg)

    def _read(self) -> bytes:
        time.sleep(0.001)
        return self.answers.get(self.last, b"")  # type: ignore[return-value]

    def close(self) -> None:
        data = self.output
        if len(data) > 1000:  # a whole ticket arrived (not a status query)
            self.tickets.append(data)
        self.clear()


def port_for(device: FakePrinter) -> PrinterPort:
    """The real printing service with this fake as the device, whatever the spec says."""

    def opener(spec: PrinterSpec, width: int, timeout_s: float) -> FakePrinter:
        return device

    return PrinterPort(
        print_ticket=partial(print_ticket, opener=opener, timeout_s=0.5),
        printer_status=partial(printer_status, opener=opener),
    )
