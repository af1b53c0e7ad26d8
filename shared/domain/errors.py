"""Errors the core raises on bad input: each carries a Thai and an English message, Thai
first, in the same order as `Bilingual(th, en)`."""

from __future__ import annotations


class KhiuError(Exception):
    """A problem the user can act on (bad input, missing thing, refused state).

    Shown without a traceback: the CLI prints it on stderr, the apps show it inline.
    `KhiuError(th, en)`: Thai first. With one text only, both languages show it; str(error)
    is the English text (logs, tracebacks).
    """

    def __init__(self, message_th: str, message_en: str | None = None) -> None:
        super().__init__(message_en or message_th)
        self.message_th = message_th
        self.message_en = message_en or message_th

    def message(self, lang: str = "en") -> str:
        return self.message_th if lang == "th" else self.message_en


class NotFoundError(KhiuError):
    """An unknown service, counter, officer or ticket."""


class InvalidStateError(KhiuError):
    """The action does not fit the ticket's or counter's current state."""


class SiteFileError(KhiuError):
    """The site TOML file is missing, unreadable or invalid."""


class DatabaseError(KhiuError):
    """The database file is damaged, foreign, from a newer version, or unreachable."""


class AuthError(KhiuError):
    """A wrong PIN, a locked officer or a counter held by someone else."""


class PrinterError(KhiuError):
    """The ticket printer is offline, out of paper, or failed mid-print."""


class SlotFullError(InvalidStateError):
    """Every place of the booking slot is taken."""


class BookingRefusedError(KhiuError):
    """No booking can be made there: a past, closed or non-existent slot, a day too far
    ahead, or a service that takes no bookings."""
