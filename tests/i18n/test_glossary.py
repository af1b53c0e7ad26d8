"""One name per citizen-manual field: the kiosk, the ticket, the web pages and the
reports take their labels from shared/i18n/glossary.py, and the old synonyms are gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.i18n import glossary
from shared.i18n.bilingual import Bilingual
from shared.reports.tables import DAY_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
# Words that once named the same fields differently in different places.
RETIRED = ("Always open", "เปิดตลอดเวลา", "จุดให้บริการ", "ระยะเวลาให้บริการ", "โปรดเตรียม")
CITIZEN_FACING = ("kiosk", "shared/web/templates", "shared/web/static", "shared/printing",
                  "shared/reports", "counter")  # fmt: skip


@pytest.mark.parametrize("folder", CITIZEN_FACING)
def test_no_place_uses_a_retired_synonym(folder: str) -> None:
    for path in sorted((ROOT / folder).rglob("*")):
        if path.suffix in (".py", ".html", ".js"):
            text = path.read_text("utf-8")
            for word in RETIRED:
                assert word not in text, (path.relative_to(ROOT), word)


def test_every_field_has_one_distinct_name_in_each_language() -> None:
    fields = glossary.MANUAL_FIELDS
    assert len({f.th for f in fields}) == len({f.en for f in fields}) == len(fields)
    # The manual's processing time is not the report's service time (call to finish).
    assert glossary.PROCESSING_TIME.th != "เวลาให้บริการ"


def test_processing_time_reads_the_same_everywhere() -> None:
    assert glossary.processing_time(20) == Bilingual("ประมาณ 20 นาที", "About 20 min")
    assert glossary.processing_time(90).en == "About 1 h 30 min"
    assert glossary.processing_time(120).th == "ประมาณ 2 ชั่วโมง"


def test_the_reports_use_the_glossary() -> None:
    headings = dict(DAY_COLUMNS)
    assert headings["promised_min"].startswith(glossary.PROCESSING_TIME.th)
