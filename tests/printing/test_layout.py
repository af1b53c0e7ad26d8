"""The ticket's wording: Thai first, English second, validation of the printout."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from shared.i18n import glossary
from shared.printing.layout import TicketPrintout, ticket_text


def test_lines_thai_before_english(printout: TicketPrintout) -> None:
    lines = ticket_text(printout).lines()
    assert lines[:2] == ["ศูนย์บริการร่วม กระทรวงมหาดไทย", "Government Counter Service"]
    assert "A001" in lines
    assert "ช่องทางพิเศษ / PRIORITY" in lines
    assert "รอก่อนหน้า 3 คิว" in lines and "3 people ahead" in lines
    assert lines.index("รอประมาณ 10–20 นาที") + 1 == lines.index("Estimated wait: about 10–20 min")
    assert "ออกบัตร 24 พ.ย. 2569 13:05 น." in lines
    assert "Issued 24 Nov 2026 13:05" in lines
    assert f"{glossary.DOCUMENTS.th}: บัตรประจำตัวประชาชน" in lines  # the glossary's name
    assert not any("สำเนา" in line for line in lines)  # never ask for photocopies


@pytest.mark.parametrize(
    ("ahead", "wait", "th_ahead", "th_wait", "en_wait"),
    [
        (0, (0, 2), "ไม่มีคิวรอก่อนหน้า", "รอไม่ถึง 5 นาที", "Estimated wait: less than 5 min"),
        (1, (2, 5), "รอก่อนหน้า 1 คิว", "รอไม่ถึง 5 นาที", "Estimated wait: less than 5 min"),
        (2, (3, 9), "รอก่อนหน้า 2 คิว", "รอประมาณ 3–9 นาที", "Estimated wait: about 3–9 min"),
        (20, (70, 110), "รอก่อนหน้า 20 คิว", "รอประมาณ 70–110 นาที", "Estimated wait: about 70–110 min"),
    ],
)
def test_waiting_phrases(
    printout: TicketPrintout,
    ahead: int,
    wait: tuple[int, int],
    th_ahead: str,
    th_wait: str,
    en_wait: str,
) -> None:
    text = ticket_text(replace(printout, people_ahead=ahead, estimated_wait_range_min=wait))
    assert text.people_ahead.th == th_ahead
    assert (text.estimated_wait.th, text.estimated_wait.en) == (th_wait, en_wait)
    assert text.people_ahead.en.startswith("1 person") == (ahead == 1)


def test_optional_parts_are_left_out(printout: TicketPrintout) -> None:
    plain = replace(printout, priority=False, documents_th=(), footer_th=None, footer_en=None)
    text = ticket_text(plain)
    assert text.priority is None and text.documents is None and text.footer is None
    assert plain.documents_th == ()


@pytest.mark.parametrize(
    "change",
    [
        {"code": " "},
        {"status_url": ""},
        {"people_ahead": -1},
        {"issued_at": datetime(2026, 11, 24, 13, 5)},
    ],
)
def test_invalid_printouts_are_refused(printout: TicketPrintout, change: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        replace(printout, **change)
