"""The report PDF read back with poppler: Thai names copy out exactly as written, every
page is numbered, and a table that runs onto the next page repeats its heading there."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from shared.cli.main import main
from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from tests.support.backends import Location

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils not installed (make test installs it)",
)


def pdf_text(pdf: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert pages is not None, info
    return int(pages.group(1))


def test_thai_service_names_copy_out_as_written(db_path: Location, tmp_path: Path, qapp: QApplication) -> None:
    out = tmp_path / "today.pdf"
    assert main(["--db", str(db_path), "report", "--format", "pdf", "--out", str(out)]) == 0
    names = [s.name_th for s in load_site_file(DEMO_SITE_FILE).services]
    for options in ((), ("-layout",)):
        text = pdf_text(out, *options)
        # Marks in their written order (not "ทดี่ ิน"), sara am as one letter (not ํ + า).
        for word in ("ที่ดิน", "ไข้หวัดใหญ่", "น้ำตาลในเลือด", "เฉลี่ย", "คู่มือ", "จัดทำเมื่อ"):
            assert word in text, (options, word)
        assert "\u0e4d\u0e32" not in text and "\ufb01" not in text  # no ํา, no ﬁ ligature
        # A long name wraps inside its table cell: compare without the line breaks.
        joined = re.sub(r"\s+", "", text) if not options else ""
        for name in names if not options else ():
            assert re.sub(r"\s+", "", name) in joined, name


def test_every_page_is_numbered_and_tables_repeat_their_heading(
    history_db: Location, tmp_path: Path, qapp: QApplication
) -> None:
    out = tmp_path / "quarter.pdf"
    period = ["--from", "2026-09-01", "--to", "2026-11-30"]  # 91 rows in the daily table
    assert main(["--db", str(history_db), "report", *period, "--format", "pdf",
                 "--out", str(out)]) == 0  # fmt: skip
    pages = page_count(out)
    assert pages >= 3
    day_row = re.compile(r"^\s*\d{1,2} (ก\.ย\.|ต\.ค\.|พ\.ย\.) 2569\s+\d", re.M)
    pages_with_day_rows = 0
    for number in range(1, pages + 1):
        text = pdf_text(out, "-layout", "-f", str(number), "-l", str(number))
        assert f"หน้า {number}/{pages} · Page {number} of {pages}" in text, number
        first_day_row = day_row.search(text)
        if first_day_row:
            pages_with_day_rows += 1
            heading = re.search(r"^\s*วันที่\s+ออกบัตร\s+ให้บริการ\s+ไม่มา", text, re.M)
            assert heading and heading.start() < first_day_row.start(), number
    assert pages_with_day_rows >= 2  # the table did run over a page break
