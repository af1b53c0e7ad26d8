"""The report's period: business dates YYYY-MM-DD, inclusive, checked with a clear message."""

from __future__ import annotations

from datetime import date

from shared.domain.errors import KhiuError


class ReportError(KhiuError):
    """Bad report input (dates, format, output file)."""


def _parse(text: str, option: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ReportError(
            f"{option} {text!r} ไม่ใช่วันที่ กรุณาเขียนแบบ ปปปป-ดด-วว ค.ศ. (เช่น 2026-11-24)",
            f"{option} {text!r} is not a date; write it as YYYY-MM-DD (e.g. 2026-11-24)",
        ) from None


def parse_period(date_from: str | None, date_to: str | None, today: str) -> tuple[str, str]:
    """(from, to) as ISO dates; both default to today (the site's business date)."""
    start = _parse(date_from, "--from") if date_from else date.fromisoformat(today)
    end = _parse(date_to, "--to") if date_to else date.fromisoformat(today)
    if date_from and not date_to and start > end:
        end = start  # --from alone in the future: a one-day report of that day
    if end < start:
        raise ReportError(
            f"--to {end.isoformat()} อยู่ก่อน --from {start.isoformat()}",
            f"--to {end.isoformat()} is before --from {start.isoformat()}",
        )
    if (end - start).days > 366 * 5:
        raise ReportError(
            "ช่วงเวลายาวเกินห้าปี กรุณาเลือกช่วงที่สั้นลง",
            "The period is longer than five years; choose a shorter one",
        )
    return start.isoformat(), end.isoformat()
