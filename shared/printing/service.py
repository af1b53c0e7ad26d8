"""Print a ticket: the one entry point for the kiosk and `khiu issue --print`.

The ticket is already issued when this runs, so printer trouble is a result to show,
never an exception: the number stays valid and its preview PNG is always written
so the kiosk can put the ticket (with its QR) on screen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.domain.errors import PrinterError
from shared.printer_spec import (
    DEFAULT_WIDTH_DOTS,
    PrinterKind,
    PrinterSpec,
    parse_printer_spec,
)
from shared.printing.device import (
    Opener,
    PrinterFault,
    encode_escpos,
    open_printer,
    run_device_job,
)
from shared.printing.layout import TicketPrintout
from shared.printing.preview import SpoolFiles, spool_stem, write_spool
from shared.printing.render import SUPPORTED_WIDTHS, render_ticket
from shared.qt.gui_app import ensure_gui_application

__all__ = ["PrintResult", "PrinterFault", "encode_escpos", "print_ticket", "printer_status"]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class PrintResult:
    """What happened to one ticket's printout, ready to show (Thai first) or log."""

    ok: bool  # printed (possibly with a paper-near-end warning) or previewed
    fault: PrinterFault | None
    message_th: str
    message_en: str
    preview_png: Path | None  # None only if the spool folder itself failed
    raw_path: Path | None  # the .bin of the preview printer
    raw_bytes_len: int
    detail: str = ""  # technical cause, for logs

    def to_json(self) -> dict[str, Any]:
        """For `khiu issue --print --json`."""
        return {
            "ok": self.ok,
            "fault": self.fault.value if self.fault else None,
            "message_th": self.message_th,
            "message_en": self.message_en,
            "preview_png": str(self.preview_png) if self.preview_png else None,
            "raw_path": str(self.raw_path) if self.raw_path else None,
            "bytes": self.raw_bytes_len,
        }


def _resolve(spec: PrinterSpec | str, width: int) -> tuple[PrinterSpec | None, str]:
    if width not in SUPPORTED_WIDTHS:
        return None, f"paper width {width} dots is not one of {SUPPORTED_WIDTHS}"
    if isinstance(spec, PrinterSpec):
        return spec, ""
    try:
        return parse_printer_spec(spec), ""
    except PrinterError as exc:
        return None, exc.message_en


def print_ticket(
    printout: TicketPrintout,
    spec: PrinterSpec | str,
    *,
    paper_width_dots: int = DEFAULT_WIDTH_DOTS,
    spool_dir: Path,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    opener: Opener = open_printer,
) -> PrintResult:
    """Render, spool a preview, and send the ticket to `spec`; never raises for printer trouble.

    Blocks up to about `timeout_s` (plus the send time) on a real printer: a GUI calls
    it from a worker thread. Needs a QGuiApplication, or the main thread to create one.
    """
    ensure_gui_application()
    parsed, problem = _resolve(spec, paper_width_dots)
    width = paper_width_dots if paper_width_dots in SUPPORTED_WIDTHS else DEFAULT_WIDTH_DOTS
    rendered = render_ticket(printout, width)
    payload = encode_escpos(rendered.bitmap)

    stem = spool_stem(printout.issued_at, printout.code, printout.status_url)
    is_preview = parsed is not None and parsed.kind is PrinterKind.PREVIEW
    files: SpoolFiles | None = None
    spool_error = ""
    try:
        files = write_spool(spool_dir, stem, rendered.png_bytes(), payload if is_preview else None)
    except OSError as exc:
        spool_error = f"spool folder {spool_dir}: {exc}"
        log.warning("could not write the ticket preview: %s", spool_error)

    fault: PrinterFault | None
    if parsed is None:
        fault, detail = PrinterFault.BAD_SPEC, problem
    elif is_preview:
        fault, detail = (PrinterFault.FAILED_MID_PRINT, spool_error) if spool_error else (None, "")
    else:
        fault, detail = run_device_job(
            parsed, payload, width_dots=width, timeout_s=timeout_s, opener=opener
        )
    if fault is not None:
        log.warning("ticket %s not printed cleanly: %s %s", printout.code, fault, detail)
        message_th, message_en = fault.message_th, fault.message_en
    elif is_preview:
        message_th, message_en = "บันทึกตัวอย่างบัตรคิวแล้ว", "Ticket preview saved"
    else:
        message_th, message_en = "พิมพ์บัตรคิวแล้ว", "Ticket printed"
    return PrintResult(
        ok=fault is None or not fault.blocks_printing,
        fault=fault,
        message_th=message_th,
        message_en=message_en,
        preview_png=files.png if files else None,
        raw_path=files.raw if files else None,
        raw_bytes_len=len(payload),
        detail=detail,
    )


def printer_status(
    spec: PrinterSpec | str,
    timeout_s: float = 3.0,
    *,
    paper_width_dots: int = DEFAULT_WIDTH_DOTS,
    opener: Opener = open_printer,
) -> PrinterFault | None:
    """Check a printer without printing (a kiosk asks before offering tickets).

    None means ready, or that the printer cannot tell (preview, file).
    """
    parsed, _problem = _resolve(spec, paper_width_dots)
    if parsed is None:
        return PrinterFault.BAD_SPEC
    if parsed.kind in (PrinterKind.PREVIEW, PrinterKind.FILE):
        return None
    fault, detail = run_device_job(
        parsed, None, width_dots=paper_width_dots, timeout_s=timeout_s, opener=opener
    )
    if fault is not None:
        log.info("printer %s: %s %s", parsed, fault, detail)
    return fault
