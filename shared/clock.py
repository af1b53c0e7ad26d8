"""Time: one clock for the core (injectable in tests), database timestamps, business dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_db(moment: datetime) -> str:
    """UTC, fixed width, millisecond precision: sorts as text and julianday() reads it."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_db(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def business_date(moment: datetime, tz: ZoneInfo) -> str:
    """The site's calendar day (numbers restart at 001 every day in the site's zone)."""
    return moment.astimezone(tz).date().isoformat()
