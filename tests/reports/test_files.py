"""`khiu report` files read back: CSV (csv module), XLSX (openpyxl), PDF (poppler);
bad input gives one clear line, exit != 0 and leaves nothing half-written."""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from shared.cli.main import main
from shared.reports.model import Report
from tests.support.backends import Location

PERIOD = ["--from", "2026-11-24", "--to", "2026-11-27"]


def run(db: Location, *args: str) -> int:
    return main(["--db", str(db), "report", *args])


def test_json_to_stdout(history_db: Location, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(history_db, *PERIOD) == 0
    report = json.loads(capsys.readouterr().out)
    assert [s["code"] for s in report["services"]] == ["DL", "SSO", "VAX"]


def test_csv_is_utf8_with_bom_one_row_per_service_day(history_db: Location, tmp_path: Path) -> None:
    out = tmp_path / "month.csv"
    assert run(history_db, *PERIOD, "--format", "csv", "--out", str(out)) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 12
    first = rows[0]
    assert (first["date"], first["service_code"], first["service_th"]) == (
        "2026-11-24", "DL", "ใบขับขี่",
    )  # fmt: skip
    assert (first["issued"], first["served"], first["expired"]) == ("4", "1", "1")
    assert float(first["wait_p90_min"]) == 18.0
    assert float(first["within_promise_pct"]) == 100.0
    quiet = next(r for r in rows if r["date"] == "2026-11-26" and r["service_code"] == "SSO")
    assert quiet["issued"] == "0" and quiet["wait_mean_min"] == ""


def test_xlsx_sheets(history_db: Location, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "month.xlsx"
    assert run(history_db, *PERIOD, "--format", "xlsx", "--out", str(out)) == 0
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[:2] == ["รายวัน Daily", "บริการ Services"]
    daily = list(book["รายวัน Daily"].iter_rows(values_only=True))
    assert daily[0][0] == "วันที่ / date"
    assert len(daily) == 1 + 12
    assert daily[1][:3] == ("2026-11-24", "DL", "ใบขับขี่")
    services = list(book["บริการ Services"].iter_rows(values_only=True))
    sso = next(r for r in services if r[1] == "SSO")
    assert sso[5:10] == (4, 3, 0, 1, 1)
    assert sso[10] == 274.75
    officers = list(book["เจ้าหน้าที่ Officers"].iter_rows(values_only=True))
    assert officers[2][:3] == ("suda", "สุดา รักงาน", 3)


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils not installed (make test installs it)",
)


@needs_poppler
def test_pdf_has_searchable_thai_and_pages_that_are_not_blank(
    history_db: Location, tmp_path: Path, qapp: QApplication
) -> None:
    from PIL import Image

    out = tmp_path / "month.pdf"
    assert run(history_db, *PERIOD, "--format", "pdf", "--out", str(out)) == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "595 x 842 pts (A4)" in info
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for needle in (
        "รายงานผลการให้บริการ",
        "ศูนย์ทดสอบ",  # the site
        "ใบขับขี่",  # a tone mark above an upper vowel: a variant glyph, still text
        "ประกันสังคม",
        "เวลารอเฉลี่ย",
        "เจ้าหน้าที่",
        "ฉีดวัคซีนไข้หวัดใหญ่",  # the service added on the 27th
        "24 พ.ย. 2569",  # Buddhist-era dates
        "27 พ.ย. 2569",
        "สมชาย",  # officers
        "274.8",  # SSO mean wait
        "486.6",  # SSO p90 wait
        "67%",  # SSO within promise
    ):
        assert needle in text, needle
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(prefix)], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2
    for page in pages:
        gray = Image.open(page).convert("L")
        dark = sum(gray.histogram()[:200])
        assert dark > 0.01 * gray.width * gray.height, page


BAD = [
    (["--from", "2026-13-01"], "--from", "ไม่ใช่วันที่"),
    (["--from", "24/11/2026"], "YYYY-MM-DD", "ไม่ใช่วันที่"),
    (["--from", "2026-11-25", "--to", "2026-11-24"], "before", "อยู่ก่อน"),
    (["--from", "2569-11-01"], "use 2026-11-01", "ใช้ปี ค.ศ.: 2026-11-01"),  # Buddhist era
    (["--to", "2569-02-29"], "not a date", "ไม่ใช่วันที่"),  # 2026 has no 29 February
    (["--from", "0001-01-01"], "from 2000 to 2200", "ระหว่าง 2000 ถึง 2200"),
    (["--from", "2026-11-01", "--to", "9999-12-31"], "from 2000 to 2200", "ระหว่าง 2000 ถึง 2200"),
    (["--format", "pdf"], "--out", "--out"),
    (["--format", "xlsx"], "--out", "--out"),
    (["--format", "docx", "--out", "x.docx"], "docx", "docx"),
]


@pytest.mark.parametrize(("args", "en", "th"), BAD)
@pytest.mark.parametrize("lang", ["C.UTF-8", "th_TH.UTF-8"])
def test_bad_input_one_clear_line(
    db_path: Location,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    en: str,
    th: str,
    lang: str,
) -> None:
    monkeypatch.setenv("LANG", lang)
    monkeypatch.chdir(tmp_path)
    assert run(db_path, *args) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("khiu: ")
    assert (th if lang.startswith("th") else en) in lines[0]
    assert not list(tmp_path.glob("*.docx"))


def test_unwritable_out_leaves_nothing(
    history_db: Location, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for out in (tmp_path / "missing" / "r.csv", blocker / "r.csv", tmp_path):
        assert run(history_db, *PERIOD, "--format", "csv", "--out", str(out)) != 0
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and str(out) in err[0]
    assert not (tmp_path / "missing").exists()
    assert blocker.read_text() == "x"
    assert not list(tmp_path.rglob("*.part"))


def test_failure_mid_write_keeps_the_previous_file(
    history_db: Location, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "month.xlsx"
    out.write_bytes(b"previous report")

    def broken(report: Report, path: Path) -> None:
        path.write_bytes(b"half a spreadsheet")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("shared.reports.spreadsheet.write_xlsx", broken)
    assert run(history_db, *PERIOD, "--format", "xlsx", "--out", str(out)) != 0
    assert out.read_bytes() == b"previous report"
    assert not list(tmp_path.rglob("*.part"))


def test_tounicode_rewrite_gives_variant_glyphs_their_text() -> None:
    from shared.reports.pdffont import fixed_cmap

    qt_cmap = (
        b"begincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        b"2 beginbfrange\n<0001> <0003> [<0E17> <0E35> <E005> ]\n<0004> <0005> <0041>\n"
        b"endbfrange\nendcmap\n"
    )
    fixed = fixed_cmap(qt_cmap, {0xE005: "\u0e48"})
    assert fixed is not None
    assert b"<0003> <0E48>" in fixed and b"<0001> <0E17>" in fixed
    assert b"<0005> <0042>" in fixed
    assert fixed_cmap(qt_cmap, {0xE777: "x"}) is None


@pytest.fixture
def umask_002() -> Iterator[None]:
    previous = os.umask(0o002)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_report_gets_the_umask_mode(db_path: Location, tmp_path: Path, umask_002: None) -> None:
    out = tmp_path / "shared-folder" / "today.csv"
    out.parent.mkdir()
    assert run(db_path, "--format", "csv", "--out", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o664  # 0666 less the umask, not 0600
    assert [p.name for p in out.parent.iterdir()] == ["today.csv"]


def test_overwriting_keeps_the_files_mode_and_owner(
    db_path: Location, tmp_path: Path, umask_002: None
) -> None:
    out = tmp_path / "today.csv"
    out.write_text("previous report")
    out.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(out, 12345, 23456)  # a colleague's file
    before = out.stat()
    assert run(db_path, "--format", "csv", "--out", str(out)) == 0
    after = out.stat()
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_file_whose_owner_a_rename_would_change_is_rewritten_in_place(
    db_path: Location, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "today.json"
    out.write_text("a much longer previous report " * 1000)
    out.chmod(0o660)
    os.chown(out, 12345, 23456)  # a colleague's file in a group-writable folder
    inode = out.stat().st_ino

    def refuse_chown(path: object, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")  # as for any user but root

    monkeypatch.setattr(os, "chown", refuse_chown)
    assert run(db_path, "--format", "json", "--out", str(out)) == 0
    after = out.stat()
    assert after.st_ino == inode and (after.st_uid, after.st_gid) == (12345, 23456)
    assert stat.S_IMODE(after.st_mode) == 0o660
    assert "services" in json.loads(out.read_text("utf-8"))
    assert not list(tmp_path.glob("*.part"))


def test_a_symlink_is_written_through(db_path: Location, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "latest.csv"
    target.parent.mkdir()
    target.write_text("previous report")
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    assert run(db_path, "--format", "csv", "--out", str(link)) == 0
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not list(tmp_path.rglob("*.part"))


def _special_files(folder: Path) -> list[Path]:
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    link = folder / "link-to-pipe"
    link.symlink_to(fifo)
    special = [fifo, link]
    if os.geteuid() == 0:  # a device node as root: where /dev/full used to be replaced
        device = folder / "full"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        special.append(device)
    return special


def test_a_device_or_fifo_is_refused_and_left_alone(
    db_path: Location, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for out in _special_files(tmp_path):
        before = os.stat(out)
        assert run(db_path, "--format", "csv", "--out", str(out)) != 0
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "not a regular file" in err[0] and str(out) in err[0]
        after = os.stat(out)
        assert (after.st_mode, after.st_ino, after.st_rdev) == (
            before.st_mode, before.st_ino, before.st_rdev,
        )  # fmt: skip
    assert not list(tmp_path.glob("*.part"))


def test_a_words_text_recomposes_sara_am_and_latin_ligatures() -> None:
    from shared.reports.pdffont import word_text

    # Sarabun draws sara am as nikhahit + sara aa, a tone mark between them.
    assert word_text("น\u0e4d\u0e49\u0e32ตาลในเลือด") == "น้ำตาลในเลือด"
    assert word_text("จัดท\u0e4d\u0e32") == "จัดทำ"
    assert word_text("bene\ufb01ts") == "benefits"
    assert word_text("ที่ดิน") == "ที่ดิน"
