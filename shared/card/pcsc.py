"""The PC/SC adapter (pyscard): list readers, read one card, watch readers for cards.

Thin on purpose: what is sent to the card is decided in thai_id.py. pyscard is imported
when a reader is first needed, so a machine without the PC/SC library (libpcsclite on
Linux) still runs everything else; to the kiosk that is the same as having no reader.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from types import ModuleType
from typing import Any

from shared.card.thai_id import CardError, read_senior, unreadable_card

log = logging.getLogger("khiu.card")

AUTO, OFF = "auto", "off"
WAIT_MS = 1000  # one status wait; the watcher re-lists readers between waits
RETRY_S = 2.0  # after "no PC/SC service" or "no reader": look again this often
CONNECT_TRIES = 3  # some readers report the card gone for a moment right after insertion
CONNECT_PAUSE_S = 0.1


def _scard() -> ModuleType:
    """pyscard's PC/SC binding; CardError when the PC/SC library is missing."""
    try:
        from smartcard import scard
    except ImportError as exc:
        log.info("no PC/SC library: %s", exc)
        raise no_reader() from None
    return scard


def no_reader() -> CardError:
    return CardError("ไม่พบเครื่องอ่านบัตร", "No card reader found")


def no_card(reader: str) -> CardError:
    return CardError(f"ไม่มีบัตรในเครื่องอ่าน {reader}", f"No card in the reader {reader}")


def choose_readers(names: list[str], setting: str) -> list[str]:
    """The readers a setting means: `auto` every reader, `off` none, else the reader of
    that name (PC/SC adds a slot number: "Virtual PCD" means "Virtual PCD 00 00")."""
    if setting == OFF:
        return []
    if setting == AUTO:
        return list(names)
    exact = [n for n in names if n == setting]
    return exact or [n for n in names if n.startswith(setting)]


class _CardTransport:
    """One connected card: `transmit` as thai_id.Transport wants it."""

    def __init__(self, scard: ModuleType, card: Any, protocol: int) -> None:
        self._scard, self._card, self._protocol = scard, card, protocol

    def transmit(self, apdu: list[int]) -> tuple[list[int], int, int]:
        result, response = self._scard.SCardTransmit(self._card, self._protocol, apdu)
        if result != self._scard.SCARD_S_SUCCESS or len(response) < 2:
            raise unreadable_card()
        return list(response[:-2]), response[-2], response[-1]


class PcscContext:
    """A PC/SC context: list readers, read a card in one. Close it when done."""

    def __init__(self) -> None:
        self.scard = _scard()
        result, self.handle = self.scard.SCardEstablishContext(self.scard.SCARD_SCOPE_USER)
        if result != self.scard.SCARD_S_SUCCESS:  # no PC/SC service (pcscd not running)
            log.info("no PC/SC service: %s", self.scard.SCardGetErrorMessage(result))
            raise no_reader()

    def __enter__(self) -> PcscContext:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.scard.SCardReleaseContext(self.handle)

    def cancel(self) -> None:
        """Wake a status wait now (from another thread)."""
        self.scard.SCardCancel(self.handle)

    def readers(self) -> list[str]:
        result, names = self.scard.SCardListReaders(self.handle, [])
        return list(names) if result == self.scard.SCARD_S_SUCCESS else []

    def read_senior(self, reader: str, day: date) -> bool:
        """Whether the card in `reader` belongs to someone 60 or over on `day`."""
        s = self.scard
        for attempt in range(CONNECT_TRIES):
            result, card, protocol = s.SCardConnect(
                self.handle, reader, s.SCARD_SHARE_SHARED, s.SCARD_PROTOCOL_T0 | s.SCARD_PROTOCOL_T1
            )
            if result == s.SCARD_S_SUCCESS:
                break
            if result in (s.SCARD_E_UNKNOWN_READER, s.SCARD_E_READER_UNAVAILABLE):
                raise no_reader()
            if attempt + 1 == CONNECT_TRIES:
                if result in (s.SCARD_E_NO_SMARTCARD, s.SCARD_W_REMOVED_CARD):
                    raise no_card(reader)
                raise unreadable_card()
            # Not time.sleep: under libfaketime (the CLI's moved-clock tests) it fails
            # with EINVAL; a timed wait on an event does not.
            threading.Event().wait(CONNECT_PAUSE_S)
        try:
            result, _name, _state, _protocol, atr = s.SCardStatus(card)
            if result != s.SCARD_S_SUCCESS:
                raise unreadable_card()
            return read_senior(_CardTransport(s, card, protocol), bytes(atr), day)
        finally:
            s.SCardDisconnect(card, s.SCARD_LEAVE_CARD)


def read_card(reader: str | None, day: date) -> tuple[str, bool]:
    """`khiu card`: (the reader's name, senior) for the card in `reader` (a name, or
    None: the first reader). CardError when there is no reader, no card or no answer."""
    with PcscContext() as context:
        names = choose_readers(context.readers(), reader or AUTO)
        if not names:
            raise no_reader()
        return names[0], context.read_senior(names[0], day)


def _inserted(before: int, now: int, scard: ModuleType) -> bool:
    """A card came in: none was present, or the reader's event count (the upper 16 bits)
    moved: taken out and another put in between two waits. Our own connection changes
    only the in-use bits."""
    return not before & scard.SCARD_STATE_PRESENT or (before >> 16) != (now >> 16)


class CardWatch:
    """Watches the chosen readers and reports each card inserted as `on_card(senior)`:
    True or False, or None for a card that could not be read.

    `run()` blocks (call it on a thread of its own) until `stop()`. No reader, a reader
    unplugged, no PC/SC service or an unreadable card are logged and waited out: the
    kiosk goes on as if there were no reader."""

    def __init__(
        self, setting: str, today: Callable[[], date], on_card: Callable[[bool | None], None]
    ) -> None:
        self._setting = setting
        self._today = today
        self._on_card = on_card
        self._stopping = threading.Event()
        self._context: PcscContext | None = None
        self._lock = threading.Lock()

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:
            if self._context is not None:
                self._context.cancel()

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                context = PcscContext()
            except CardError:  # no PC/SC library or service: look again later
                self._stopping.wait(RETRY_S)
                continue
            with self._lock:
                self._context = context
            try:
                self._watch(context)
            finally:
                with self._lock:
                    self._context = None
                context.close()
            self._stopping.wait(RETRY_S)

    def _watch(self, context: PcscContext) -> None:
        """Status waits until the service goes away or the watch stops."""
        s = context.scard
        known: dict[str, int] = {}  # reader -> last event state
        while not self._stopping.is_set():
            names = choose_readers(context.readers(), self._setting)
            if not names:
                known.clear()
                if self._stopping.wait(RETRY_S):
                    return
                continue
            states = [(n, known.get(n, s.SCARD_STATE_UNAWARE)) for n in names]
            result, changed = s.SCardGetStatusChange(context.handle, WAIT_MS, states)
            if result in (s.SCARD_E_TIMEOUT, s.SCARD_E_CANCELLED):
                continue
            if result in (s.SCARD_E_UNKNOWN_READER, s.SCARD_E_READER_UNAVAILABLE):
                known.clear()  # unplugged between listing and waiting: list again
                continue
            if result != s.SCARD_S_SUCCESS:  # the service went away: a new context
                log.info("card reader watch: %s", s.SCardGetErrorMessage(result))
                return
            for name, state, _atr in changed:
                before = known.get(name, 0)
                known[name] = state & ~s.SCARD_STATE_CHANGED
                if state & s.SCARD_STATE_PRESENT and _inserted(before, state, s):
                    self._read(context, name)

    def _read(self, context: PcscContext, reader: str) -> None:
        senior: bool | None = None
        try:
            senior = context.read_senior(reader, self._today())
        except CardError as exc:  # not a Thai ID card, pulled out mid-read, …
            log.info("card in %s not read: %s", reader, exc.message_en)
        if not self._stopping.is_set():  # the kiosk may be closing
            self._on_card(senior)
