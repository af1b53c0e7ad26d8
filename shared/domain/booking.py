"""Booking ahead, as pure rules: the slots of a day from a service's opening hours, the
check-in window, and the booking code citizens type. No I/O; times are aware datetimes
in the site's time zone."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from shared.domain.model import OpeningHours

# Letters and digits no one confuses when reading a phone screen aloud or typing on a
# kiosk keypad: no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, 6/G.
CODE_ALPHABET = "ACEFHJKMNPRTUVWXY3479"
CODE_LENGTH = 6
# A ticket's code (a prefix of one or two letters, then its number): a booking code is
# never one, so the counter's scan box tells them apart.
_TICKET_CODE = re.compile(r"[A-Z]{1,2}\d{3,}")


class BookingState(StrEnum):
    """A booking's life: booked → checked_in | cancelled | missed."""

    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"
    MISSED = "missed"


@dataclass(frozen=True)
class Slot:
    """One bookable time: its start and end in site time."""

    start: datetime
    end: datetime


def day_slots(
    hours: tuple[OpeningHours, ...], day: date, tz: ZoneInfo, slot_minutes: int
) -> list[Slot]:
    """The slots of `day`: back to back from each opening window's start, each ending by
    the window's close (a service with no hours listed is open all day)."""
    windows = [(h.opens, h.closes) for h in hours if day.weekday() in h.days]
    if not hours:
        windows = [("00:00", "24:00")]
    length = timedelta(minutes=slot_minutes)
    slots: list[Slot] = []
    for opens, closes in sorted(windows):
        start = _at(day, opens, tz)
        end_of_window = _at(day, closes, tz)
        while start + length <= end_of_window:
            if not slots or start >= slots[-1].end:  # overlapping windows: no double slot
                slots.append(Slot(start, start + length))
            start += length
    return slots


def _at(day: date, hhmm: str, tz: ZoneInfo) -> datetime:
    if hhmm == "24:00":
        return datetime.combine(day + timedelta(days=1), time.min, tz)
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tz)


@dataclass(frozen=True)
class CheckinWindow:
    """When a booking may check in: from `opens` (before the slot's start) to `closes`."""

    opens: datetime
    closes: datetime

    @classmethod
    def of(cls, start: datetime, early_minutes: int, late_minutes: int) -> CheckinWindow:
        return cls(start - timedelta(minutes=early_minutes), start + timedelta(minutes=late_minutes))

    def too_early(self, moment: datetime) -> bool:
        return moment < self.opens

    def missed(self, moment: datetime) -> bool:
        return moment > self.closes


def new_booking_code() -> str:
    """A random code of CODE_LENGTH unambiguous characters that is never a ticket's code."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not _TICKET_CODE.fullmatch(code):
            return code


def booking_url(status_base_url: str, token: str) -> str:
    """The booking's page: the site's status_base_url with its last `t/` replaced by `b/`."""
    cut = status_base_url.rfind("t/")
    base = status_base_url[:cut] + "b/" + status_base_url[cut + 2 :] if cut >= 0 else status_base_url
    return base + token


def normal_code(text: str) -> str:
    """A typed code as stored: upper case, without the spaces or dashes people add."""
    return re.sub(r"[\s\-]", "", text).upper()


def looks_like_booking_code(text: str) -> bool:
    code = normal_code(text)
    return len(code) == CODE_LENGTH and all(char in CODE_ALPHABET for char in code)


def is_booking_reference(text: str) -> bool:
    """A booking's code, or its page's URL (what its QR holds: …/b/TOKEN)."""
    stripped = text.strip()
    return looks_like_booking_code(stripped) or "/b/" in stripped
