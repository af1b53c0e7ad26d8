"""Booking ahead on the phone: what the booking pages (`pages.py`: "Book a time" at
`/book/{code}`, the booking's own page at `/b/{token}`) and the booking API (`api.py`)
share: the per-address limits, reading a slot's start, the QR and the day labels.

Per-address limits keep one client from emptying a day: past them, 429. Addresses are
counted in memory only and never stored."""

from __future__ import annotations

import base64
import time
from collections import deque
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import qrcode
import qrcode.image.svg
from starlette.requests import Request

from shared.i18n.dates import (
    ENGLISH_WEEKDAYS,
    english_long_date,
    english_short_date,
    thai_long_date,
    thai_short_date,
)
from shared.web.errors import Refusal
from shared.web.security import client_key
from shared.web.templates import lang_of

# (seconds, bookings): at most 3 bookings in 10 minutes and 10 in a day per address.
BOOKING_LIMITS: tuple[tuple[float, int], ...] = ((600.0, 3), (86_400.0, 10))
THAI_WEEKDAYS_SHORT = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")
_OVER_LIMIT = (
    "จองจากที่อยู่นี้หลายครั้งเกินไป กรุณาลองใหม่ภายหลัง หรือรับบัตรคิวที่ตู้บัตรคิว",
    "Too many bookings from this address; try again later, or take a ticket at the kiosk",
)


class BookingQuota:
    """Bookings made per client address in rolling windows (memory only)."""

    def __init__(
        self,
        limits: tuple[tuple[float, int], ...] = BOOKING_LIMITS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.clock = clock
        self.longest = max(seconds for seconds, _ in limits)
        self._made: dict[str, deque[float]] = {}

    def allows(self, client: str) -> bool:
        now = self.clock()
        made = self._recent(client, now)
        return all(
            sum(1 for t in made if now - t < seconds) < most for seconds, most in self.limits
        )

    def record(self, client: str) -> None:
        now = self.clock()
        self._recent(client, now).append(now)
        if len(self._made) > 10_000:  # forget addresses whose bookings are all old
            for key in [k for k, v in self._made.items() if not v or now - v[-1] >= self.longest]:
                del self._made[key]

    def _recent(self, client: str, now: float) -> deque[float]:
        made = self._made.setdefault(client, deque())
        while made and now - made[0] >= self.longest:
            made.popleft()
        return made


def qr_data_uri(text: str) -> str:
    """The QR of `text` as an SVG data URI (the CSP allows data: images only)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def parse_start(text: Any, tz: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def admitted(request: Request, quota: BookingQuota) -> str:
    """The client's address, or a 429 Refusal when it has made its share of bookings."""
    client = client_key(request.scope)
    if not quota.allows(client):
        raise Refusal(429, *_OVER_LIMIT, {"retry-after": "600"})
    return client


def lang_suffix(request: Request) -> str:
    """The query that keeps the page's language across a redirect."""
    return "?lang=en" if lang_of(request) == "en" else ""


def day_label(day: date) -> dict[str, str]:
    """A day as the page shows it: Thai with the Buddhist-era year first, then English;
    long in headings, short on the day buttons (14 of them fit a phone's screen)."""
    return {
        "iso": day.isoformat(),
        "th": thai_long_date(day),
        "en": english_long_date(day),
        "th_short": f"{THAI_WEEKDAYS_SHORT[day.weekday()]} {thai_short_date(day)}",
        "en_short": f"{ENGLISH_WEEKDAYS[day.weekday()][:3]} {english_short_date(day)}",
    }
