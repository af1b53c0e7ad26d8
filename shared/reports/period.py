"""The report's period: business dates YYYY-MM-DD, inclusive, checked with a clear message.

One rule for `khiu report` and the counter app's Reports page: Common Era years from
FIRST_YEAR to LAST_YEAR only. A Thai manager often writes the Buddhist-era year
(2569 for 2026); taken as Common Era it would give an empty report centuries away, so a
year from BUDDHIST_ERA_FROM up is refused with the Common Era date suggested.
"""

from __future__ import annotations

import re
from datetime import date

from shared.domain.errors import KhiuError
from shared.i18n.bilingual import Bilingual

FIRST_YEAR = 2000
LAST_YEAR = 2200
BUDDHIST_ERA_FROM = 2400  # B.E. 2400 is 1857 C.E.: no plausible report year reaches it
BUDDHIST_ERA_OFFSET = 543
CLI_FROM = Bilingual("--from", "--from")
CLI_TO = Bilingual("--to", "--to")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class ReportError(KhiuError):
    """Bad report input (dates, format, output file)."""


def parse_date(text: str, label: Bilingual) -> date:
    """A business date typed as YYYY-MM-DD (Common Era, FIRST_YEAR..LAST_YEAR)."""
    match = _ISO_DATE.match(text)
    year = int(match.group(1)) if match else 0
    if match and year >= BUDDHIST_ERA_FROM and _in_range(year - BUDDHIST_ERA_OFFSET):
        suggestion = _common_era(year - BUDDHIST_ERA_OFFSET, match.group(2), match.group(3))
        if suggestion is not None:
            raise ReportError(
                f"{label.th} {text}: {year} ดูเหมือนเป็นปี พ.ศ. กรุณาใช้ปี ค.ศ.: {suggestion}",
                f"{label.en} {text}: {year} looks like a Buddhist-era year: use {suggestion}",
            )
    parsed = _common_era(year, match.group(2), match.group(3)) if match else None
    if parsed is None:
        raise ReportError(
            f"{label.th} {text!r} ไม่ใช่วันที่ กรุณาเขียนแบบ ปปปป-ดด-วว ค.ศ. (เช่น 2026-11-24)",
            f"{label.en} {text!r} is not a date; write it as YYYY-MM-DD (e.g. 2026-11-24)",
        )
    if not _in_range(year):
        raise ReportError(
            f"{label.th} {text}: ปี ค.ศ. ต้องอยู่ระหว่าง {FIRST_YEAR} ถึง {LAST_YEAR}",
            f"{label.en} {text}: the year must be from {FIRST_YEAR} to {LAST_YEAR} (Common Era)",
        )
    return date.fromisoformat(parsed)


def _in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def _common_era(year: int, month: str, day: str) -> str | None:
    """The ISO date if year-month-day exists in the Common Era calendar, else None."""
    try:
        return date(year, int(month), int(day)).isoformat()
    except ValueError:
        return None


def check_period(start: date, end: date, labels: tuple[Bilingual, Bilingual]) -> tuple[str, str]:
    """(start, end) as ISO dates once the end is not before the start and the span is sane."""
    first, last = labels
    if end < start:
        raise ReportError(
            f"{last.th} {end.isoformat()} อยู่ก่อน {first.th} {start.isoformat()}",
            f"{last.en} {end.isoformat()} is before {first.en} {start.isoformat()}",
        )
    if (end - start).days > 366 * 5:
        raise ReportError(
            "ช่วงเวลายาวเกินห้าปี กรุณาเลือกช่วงที่สั้นลง",
            "The period is longer than five years; choose a shorter one",
        )
    return start.isoformat(), end.isoformat()


def parse_range(start: str, end: str, labels: tuple[Bilingual, Bilingual]) -> tuple[str, str]:
    """Two typed dates (a screen's From and To), checked as `khiu report` checks them."""
    return check_period(parse_date(start, labels[0]), parse_date(end, labels[1]), labels)


def parse_period(date_from: str | None, date_to: str | None, today: str) -> tuple[str, str]:
    """(from, to) as ISO dates; both default to today (the site's business date)."""
    start = parse_date(date_from, CLI_FROM) if date_from else date.fromisoformat(today)
    end = parse_date(date_to, CLI_TO) if date_to else date.fromisoformat(today)
    if date_from and not date_to and start > end:
        end = start  # --from alone in the future: a one-day report of that day
    return check_period(start, end, (CLI_FROM, CLI_TO))
