"""Frozen facts the controller hands to the views (through signals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.domain.model import Service
from shared.printing.layout import TicketPrintout
from shared.storage.api import TicketView

QrMatrix = tuple[tuple[bool, ...], ...]


@dataclass(frozen=True)
class ServiceTile:
    """A service as the home page shows it: its manual, its queue, open or closed now."""

    service: Service
    waiting: int
    estimated_wait_range_min: tuple[int, int]  # for a ticket taken now
    open_now: bool


@dataclass(frozen=True)
class IssuedTicket:
    """A ticket just issued, with what the screen needs to stand in for the paper."""

    ticket: TicketView
    service: Service
    printout: TicketPrintout
    status_url: str
    qr: QrMatrix


@dataclass(frozen=True)
class CheckinRefusal:
    """A booking that cannot check in now: why, and for a missed one its service."""

    message_th: str
    message_en: str
    walk_in: str  # the service to offer a walk-in ticket of; "" when none


@dataclass(frozen=True)
class PrintOutcome:
    """How printing one ticket went (never raises: trouble is a fault with a message)."""

    code: str
    ok: bool
    fault: str | None  # shared.printing PrinterFault value
    blocks: bool  # the ticket did not come out of the printer
    message_th: str
    message_en: str
    preview_png: str | None  # the PNG written to the spool (every printer kind)
    previewed: bool = False  # the preview printer: the screen is the only "paper"


@dataclass(frozen=True)
class PrinterState:
    """The last background status check of the ticket printer."""

    fault: str | None
    blocks: bool
    message_th: str
    message_en: str

    @property
    def ok(self) -> bool:
        return self.fault is None


def outcome_from_result(code: str, result: Any) -> PrintOutcome:
    """Convert shared.printing's PrintResult into the kiosk's fact."""
    fault = getattr(result, "fault", None)
    preview = getattr(result, "preview_png", None)
    return PrintOutcome(
        code=code,
        ok=bool(result.ok),
        fault=None if fault is None else str(fault.value if hasattr(fault, "value") else fault),
        blocks=not result.ok,
        message_th=result.message_th or "",
        message_en=result.message_en or "",
        preview_png=None if preview is None else str(preview),
        previewed=getattr(result, "raw_path", None) is not None,
    )


def state_from_fault(fault: Any) -> PrinterState:
    """Convert a PrinterFault (or None) from a status check."""
    if fault is None:
        return PrinterState(None, False, "", "")
    return PrinterState(
        fault=str(fault.value),
        blocks=bool(fault.blocks_printing),
        message_th=fault.message_th,
        message_en=fault.message_en,
    )
