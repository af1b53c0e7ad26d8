"""The kiosk's controller: command slots (issue, reprint, check PIN) and fact signals; no
widgets. Database work goes through the StoreWorker, printing through the DeviceWorker,
ID cards through the CardWatcher."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qrcode
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.background import DeviceWorker
from kiosk.card import CardWatcher
from kiosk.models import (
    CheckinRefusal,
    IssuedTicket,
    PrinterState,
    PrintOutcome,
    QrMatrix,
    ServiceTile,
    outcome_from_result,
    state_from_fault,
)
from shared.domain.booking import BookingState
from shared.domain.errors import AuthError, InvalidStateError, KhiuError
from shared.domain.model import EventKind, PriorityReason
from shared.printing.from_queue import printout_for, spool_dir_for
from shared.printing.layout import TicketPrintout
from shared.printing.preview import prune_spool
from shared.qt.feed import ChangeFeed
from shared.qt.guide_voice import GuideVoice
from shared.qt.worker import CoalescingReader, StoreWorker
from shared.site import SiteConfig
from shared.storage import data_folder
from shared.storage.api import Store, TicketView

SPOOL_KEEP_DAYS = 7
log = logging.getLogger("khiu.kiosk")

# Events that change what the home page shows (waiting counts, open counters, services).
_REFRESH_KINDS = frozenset(
    {
        EventKind.ISSUE,
        EventKind.CALL,
        EventKind.FINISH,
        EventKind.NO_SHOW,
        EventKind.TRANSFER,
        EventKind.RETURN,
        EventKind.CANCEL,
        EventKind.EXPIRE,
        EventKind.COUNTER_OPENED,
        EventKind.COUNTER_PAUSED,
        EventKind.SITE_LOADED,
        EventKind.RESTORED,
        EventKind.OFFICER_LOGIN,
        EventKind.OFFICER_LOGOUT,
    }
)


@dataclass(frozen=True)
class PrinterPort:
    """The two printing calls the kiosk needs (shared.printing.service in production)."""

    print_ticket: Callable[
        ..., Any
    ]  # (printout, spec, *, paper_width_dots, spool_dir) -> PrintResult
    printer_status: Callable[[str, float], Any]  # (spec, timeout_s) -> PrinterFault | None


def _log_pruned(removed: int) -> None:
    if removed:
        log.info("removed %d old spool files", removed)


def qr_matrix(data: str) -> QrMatrix:
    """The QR modules (True = dark) without quiet zone; the widget draws the margin."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def _snapshot(store: Store) -> tuple[SiteConfig, tuple[ServiceTile, ...]]:
    status = store.status()
    tiles = []
    for service in store.services():
        line = status.service(service.code)
        tiles.append(
            ServiceTile(
                service=service,
                waiting=line.waiting if line else 0,
                estimated_wait_range_min=line.estimated_wait_range_min if line else (0, 0),
                open_now=line.open_now if line else True,
            )
        )
    return store.site(), tuple(tiles)


def _issue_job(
    code: str, priority: bool, reason: PriorityReason | None
) -> Callable[[Store], IssuedTicket]:
    def job(store: Store) -> IssuedTicket:
        return _issued(store, store.issue(code, priority=priority, priority_reason=reason))

    return job


def _issued(store: Store, ticket: TicketView) -> IssuedTicket:
    service = store.service(ticket.service)
    site = store.site()
    url = site.status_url(ticket.token)
    return IssuedTicket(ticket, service, printout_for(ticket, service, site), url, qr_matrix(url))


def _checkin_job(reference: str) -> Callable[[Store], IssuedTicket | CheckinRefusal]:
    def job(store: Store) -> IssuedTicket | CheckinRefusal:
        try:
            return _issued(store, store.check_in(reference))
        except InvalidStateError as refused:
            booking = store.booking(reference)
            missed = booking.state is BookingState.MISSED
            return CheckinRefusal(
                refused.message_th, refused.message_en, booking.service if missed else ""
            )

    return job


class KioskController(QObject):
    """Issues tickets, prints them in the background, keeps the service list live."""

    site_changed = Signal(object)  # SiteConfig
    tiles_changed = Signal(object)  # tuple[ServiceTile, ...]
    ticket_issued = Signal(object)  # IssuedTicket
    issue_failed = Signal(str, str)  # message th, en
    print_started = Signal(str)  # ticket code
    print_finished = Signal(object)  # PrintOutcome
    printer_changed = Signal(object)  # PrinterState
    connection_changed = Signal(bool)
    pin_checked = Signal(bool)
    pin_refused = Signal(str, str)  # th, en: the PIN pad is locked for a while
    senior_card_read = Signal()  # an ID card of someone 60 or over was inserted
    staff_called = Signal()  # the counters were told the kiosk needs help
    staff_call_failed = Signal(str, str)  # th, en
    # th, en, and for a missed booking its service (a walk-in ticket is offered), else ""
    checkin_refused = Signal(str, str, str)

    def __init__(
        self,
        worker: StoreWorker,
        feed: ChangeFeed,
        device: DeviceWorker,
        printer: PrinterPort,
        cards: CardWatcher,
        voice: GuideVoice | None = None,
        *,
        printer_spec: str | None = None,
        status_interval_ms: int = 30_000,
        status_timeout_s: float = 3.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        # Where preview tickets are spooled: beside the database file.
        self._data_folder = data_folder(worker.location)
        self._feed = feed
        self._device = device
        self._printer = printer
        self._spec_override = printer_spec
        self._status_timeout_s = status_timeout_s
        self._site: SiteConfig | None = None
        self._issuing = False
        self._cards = cards
        self._voice = voice
        self._senior = False  # the next ticket is a senior's priority ticket
        self._reader = CoalescingReader(worker, self._on_snapshot, self._on_refresh_error)
        self._status_pending = False
        self._last: IssuedTicket | None = None
        self._printer_state = PrinterState(None, False, "", "")
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(status_interval_ms)
        self._status_timer.timeout.connect(self.check_printer)
        # Opening hours change with the clock, not with events: re-read now and then.
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(60_000)
        self._clock_timer.timeout.connect(self.refresh)
        feed.events.connect(self._on_events)
        feed.connection_changed.connect(self._on_connection)
        feed.reset.connect(lambda _last_id: self.refresh())
        cards.card_read.connect(self._on_card)

    # --------------------------------------------------------------- state
    @property
    def site(self) -> SiteConfig | None:
        return self._site

    @property
    def printer_spec(self) -> str:
        if self._spec_override:
            return self._spec_override
        return self._site.printer.spec if self._site else "preview"

    def start(self) -> None:
        self._feed.start()
        self.refresh()
        self._status_timer.start()
        self._clock_timer.start()

    # ------------------------------------------------------------ commands
    @Slot()
    def refresh(self) -> None:
        """Re-read services and queues; calls that pile up while one runs become one."""
        self._reader.request(_snapshot)

    @Slot(str, bool)
    def issue(self, service_code: str, priority: bool = False) -> None:
        """Issue one ticket; touches that arrive while it is being issued are ignored."""
        if self._issuing:
            return
        self._issuing = True
        reason = PriorityReason.SENIOR if self._senior else None
        self._worker.submit(
            _issue_job(service_code, priority, reason), self._on_issued, self._on_issue_error
        )

    @Slot(str)
    def check_in(self, reference: str) -> None:
        """Check a booking in (a scanned QR or a typed code): its ticket is issued and
        printed as any other; a refusal says when check-in opens, or that it was missed."""
        if self._issuing:
            return
        self._issuing = True
        self._worker.submit(_checkin_job(reference), self._on_checked_in, self._on_checkin_error)

    def _on_checked_in(self, result: IssuedTicket | CheckinRefusal) -> None:
        if isinstance(result, CheckinRefusal):
            self._issuing = False
            self.checkin_refused.emit(result.message_th, result.message_en, result.walk_in)
        else:
            self._on_issued(result)

    def _on_checkin_error(self, error: KhiuError) -> None:
        self._issuing = False
        self.checkin_refused.emit(error.message_th, error.message_en, "")

    @Slot()
    def expect_senior(self) -> None:
        """The senior's card was read where a ticket is being chosen: the next ticket
        issued is a priority ticket (`senior`), whichever button is touched."""
        self._senior = True

    @Slot()
    def forget_card(self) -> None:
        """The next citizen starts afresh."""
        self._senior = False

    @Slot()
    def call_staff(self) -> None:
        """Tell every signed-in counter that the kiosk needs an officer."""
        self._worker.submit(
            lambda store: store.call_staff(),
            lambda _none: self.staff_called.emit(),
            lambda error: self.staff_call_failed.emit(error.message_th, error.message_en),
        )

    @Slot(list, str)
    def speak(self, lines: list[str], lang: str) -> None:
        """Read lines aloud (in the background; silent when the kiosk has no voice)."""
        if self._voice is not None:
            self._voice.say(lines, lang)

    @Slot()
    def stop_speaking(self) -> None:
        if self._voice is not None:
            self._voice.stop()

    @Slot()
    def reprint(self) -> None:
        """Print the last issued ticket again (after printer trouble)."""
        if self._last is not None:
            self._print(self._last)

    @Slot()
    def check_printer(self) -> None:
        if self._status_pending:
            return
        self._status_pending = True
        spec, timeout = self.printer_spec, self._status_timeout_s
        self._device.submit(
            lambda: self._printer.printer_status(spec, timeout),
            self._on_status,
            self._on_status_error,
        )

    @Slot(str)
    def check_pin(self, pin: str) -> None:
        self._worker.submit(
            lambda store: store.is_admin_pin(pin),
            lambda ok: self.pin_checked.emit(bool(ok)),
            self._on_pin_error,
        )

    def _on_pin_error(self, error: KhiuError) -> None:
        if isinstance(error, AuthError):  # too many wrong PINs: the pad is locked
            self.pin_refused.emit(error.message_th, error.message_en)
        else:
            self.pin_checked.emit(False)

    # ------------------------------------------------------------- results
    def _on_snapshot(self, result: tuple[SiteConfig, tuple[ServiceTile, ...]]) -> None:
        site, tiles = result
        if site != self._site:
            self._site = site
            self._cards.watch(site.kiosk.card_reader, site.tz)
            if self._voice is not None:
                self._voice.set_volume(site.kiosk.guidance_volume)
            self.site_changed.emit(site)
            self._prune_spool(site)
        self.tiles_changed.emit(tiles)

    def _on_refresh_error(self, error: KhiuError) -> None:
        log.warning("kiosk refresh failed: %s", error.message_en)
        self.connection_changed.emit(False)

    def _on_events(self, events: list[Any]) -> None:
        if any(e.kind in _REFRESH_KINDS for e in events):
            self.refresh()

    def _on_connection(self, ok: bool, _message: str) -> None:
        self.connection_changed.emit(ok)
        if ok:
            self.refresh()

    def _on_card(self, senior: bool | None) -> None:
        if senior:
            self.senior_card_read.emit()

    def _on_issued(self, issued: IssuedTicket) -> None:
        self._issuing = False
        self._senior = False
        self._last = issued
        self.ticket_issued.emit(issued)
        self._print(issued)

    def _on_issue_error(self, error: KhiuError) -> None:
        self._issuing = False
        self.issue_failed.emit(error.message_th, error.message_en)

    def _prune_spool(self, site: SiteConfig) -> None:
        """Preview tickets older than a week go: the spool folder must not fill the disk."""
        spool = spool_dir_for(site, self._data_folder)
        self._device.submit(
            lambda: prune_spool(spool, keep_days=SPOOL_KEEP_DAYS),
            _log_pruned,
            lambda exc: log.warning("could not clean the spool folder %s: %s", spool, exc),
        )

    def _print(self, issued: IssuedTicket) -> None:
        site = self._site
        if site is None:
            return
        printout: TicketPrintout = issued.printout
        spec = self.printer_spec
        width = site.printer.width_dots
        spool: Path = spool_dir_for(site, self._data_folder)
        code = issued.ticket.code
        self.print_started.emit(code)
        self._device.submit(
            lambda: self._printer.print_ticket(
                printout, spec, paper_width_dots=width, spool_dir=spool
            ),
            lambda result: self._on_printed(outcome_from_result(code, result)),
            lambda exc: self._on_printed(
                PrintOutcome(
                    code,
                    False,
                    "failed_mid_print",
                    True,
                    "พิมพ์บัตรคิวไม่สำเร็จ",
                    f"Printing failed: {exc}",
                    None,
                )
            ),
        )

    def _on_printed(self, outcome: PrintOutcome) -> None:
        self.print_finished.emit(outcome)
        if outcome.fault is None:
            self._set_printer_state(PrinterState(None, False, "", ""))
        else:  # a failed print tells us about the printer as much as a status check
            self._set_printer_state(
                PrinterState(outcome.fault, outcome.blocks, outcome.message_th, outcome.message_en)
            )

    def _on_status(self, fault: Any) -> None:
        self._status_pending = False
        self._set_printer_state(state_from_fault(fault))

    def _on_status_error(self, exc: Exception) -> None:
        self._status_pending = False
        self._set_printer_state(
            PrinterState("no_answer", True, "เครื่องพิมพ์ไม่ตอบสนอง", f"Printer check failed: {exc}")
        )

    def _set_printer_state(self, state: PrinterState) -> None:
        if state != self._printer_state:
            self._printer_state = state
            self.printer_changed.emit(state)
