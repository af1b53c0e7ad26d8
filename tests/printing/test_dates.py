"""Buddhist-era dates: B.E. = C.E. + 543, Thai and English names, year boundaries."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from shared.i18n import dates

BKK = ZoneInfo("Asia/Bangkok")


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        (datetime(2026, 11, 24, 13, 5, tzinfo=BKK), "24 พ.ย. 2569 13:05"),
        (datetime(2026, 12, 31, 23, 59, tzinfo=BKK), "31 ธ.ค. 2569 23:59"),
        (datetime(2027, 1, 1, 0, 0, tzinfo=BKK), "1 ม.ค. 2570 00:00"),
        (datetime(2024, 2, 29, 8, 30, tzinfo=BKK), "29 ก.พ. 2567 08:30"),
        (datetime(2025, 5, 1, 7, 0), "1 พ.ค. 2568 07:00"),
    ],
)
def test_thai_short_datetime(dt: datetime, expected: str) -> None:
    assert dates.thai_short_datetime(dt) == expected


@pytest.mark.parametrize(
    ("d", "thai", "english"),
    [
        (date(2026, 11, 25), "วันพุธที่ 25 พฤศจิกายน พ.ศ. 2569", "Wednesday 25 November 2026"),
        (date(2026, 12, 31), "วันพฤหัสบดีที่ 31 ธันวาคม พ.ศ. 2569", "Thursday 31 December 2026"),
        (date(2027, 1, 1), "วันศุกร์ที่ 1 มกราคม พ.ศ. 2570", "Friday 1 January 2027"),
        (date(2026, 6, 7), "วันอาทิตย์ที่ 7 มิถุนายน พ.ศ. 2569", "Sunday 7 June 2026"),
        (date(2026, 3, 2), "วันจันทร์ที่ 2 มีนาคม พ.ศ. 2569", "Monday 2 March 2026"),
    ],
)
def test_long_dates(d: date, thai: str, english: str) -> None:
    assert dates.thai_long_date(d) == thai
    assert dates.english_long_date(d) == english


def test_the_day_of_an_aware_datetime_is_its_own_wall_clock_day() -> None:
    # 17:30 UTC on 31 Dec is already 1 Jan in Bangkok: callers convert first.
    utc = datetime(2026, 12, 31, 17, 30, tzinfo=ZoneInfo("UTC"))
    assert dates.thai_short_datetime(utc) == "31 ธ.ค. 2569 17:30"
    assert dates.thai_short_datetime(utc.astimezone(BKK)) == "1 ม.ค. 2570 00:30"


def test_tables_are_complete() -> None:
    assert len(dates.THAI_MONTHS) == len(dates.THAI_MONTHS_SHORT) == 12
    assert len(dates.THAI_WEEKDAYS) == len(dates.ENGLISH_WEEKDAYS) == 7
    assert dates.english_short_datetime(datetime(2026, 11, 24, 9, 5)) == "24 Nov 2026 09:05"
    assert dates.buddhist_year(date(1999, 1, 1)) == 2542
