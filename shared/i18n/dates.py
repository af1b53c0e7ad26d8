"""Buddhist-era (พ.ศ.) Thai dates and their English counterparts, pure and locale-free.

Formatting never consults the process locale: a kiosk on an English Windows must still
print Thai months, and `strftime` month names differ between platforms.
"""

from __future__ import annotations

from datetime import date, datetime

#: The Thai solar calendar counts years from the Buddha's death: B.E. = C.E. + 543
#: (since 1941 the Thai year starts on 1 January, so the offset holds all year).
BE_OFFSET = 543

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT: tuple[str, ...] = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
#: Indexed like `date.weekday()`: Monday is 0.
THAI_WEEKDAYS: tuple[str, ...] = (
    "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์",
)  # fmt: skip
ENGLISH_MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ENGLISH_MONTHS_SHORT: tuple[str, ...] = tuple(m[:3] for m in ENGLISH_MONTHS)
ENGLISH_WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip


def buddhist_year(d: date) -> int:
    """The B.E. year of a date (a datetime counts by its own wall-clock date)."""
    return d.year + BE_OFFSET


def thai_short_date(d: date) -> str:
    """`24 พ.ย. 2569`."""
    return f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {buddhist_year(d)}"


def thai_short_datetime(dt: datetime) -> str:
    """`24 พ.ย. 2569 13:05`, in dt's own time zone: convert to the site's zone first."""
    return f"{thai_short_date(dt)} {dt:%H:%M}"


def thai_long_date(d: date) -> str:
    """`วันพุธที่ 25 พฤศจิกายน พ.ศ. 2569`."""
    weekday = THAI_WEEKDAYS[d.weekday()]
    return f"วัน{weekday}ที่ {d.day} {THAI_MONTHS[d.month - 1]} พ.ศ. {buddhist_year(d)}"


def english_short_date(d: date) -> str:
    """`24 Nov 2026` (Common Era year)."""
    return f"{d.day} {ENGLISH_MONTHS_SHORT[d.month - 1]} {d.year}"


def english_short_datetime(dt: datetime) -> str:
    """`24 Nov 2026 13:05`, in dt's own time zone."""
    return f"{english_short_date(dt)} {dt:%H:%M}"


def english_long_date(d: date) -> str:
    """`Wednesday 25 November 2026` (day-month order, as Thai government English uses)."""
    return f"{ENGLISH_WEEKDAYS[d.weekday()]} {d.day} {ENGLISH_MONTHS[d.month - 1]} {d.year}"
