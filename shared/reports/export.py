"""One way to write a report file, used by `khiu report` and the counter app's export."""

from __future__ import annotations

import json
from pathlib import Path

from shared.reports.files import write_atomically
from shared.reports.model import Report
from shared.reports.period import ReportError

FORMATS = ("json", "csv", "xlsx", "pdf")
BINARY_FORMATS = ("csv", "xlsx", "pdf")  # never to stdout: they need --out


def check_format(fmt: str, out: str | None) -> None:
    if fmt not in FORMATS:
        raise ReportError(
            f"ไม่รู้จักรูปแบบ {fmt!r} ใช้ได้: {', '.join(FORMATS)}",
            f"Unknown format {fmt!r}; use one of: {', '.join(FORMATS)}",
        )
    if fmt in BINARY_FORMATS and not out:
        raise ReportError(
            f"--format {fmt} ต้องบันทึกเป็นไฟล์ กรุณาระบุ --out ชื่อไฟล์",
            f"--format {fmt} writes a file: give it with --out PATH",
        )


def write_report(report: Report, fmt: str, out: Path) -> int:
    """Write `report` as `fmt` to `out` (whole or not at all); returns the file's size.
    PDF needs a QGuiApplication (any thread may call this once one exists)."""
    check_format(fmt, str(out))
    if fmt == "json":

        def writer(path: Path) -> None:
            path.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2), "utf-8")

    elif fmt == "csv":
        from shared.reports.spreadsheet import write_csv

        def writer(path: Path) -> None:
            write_csv(report, path)

    elif fmt == "xlsx":
        from shared.reports.spreadsheet import write_xlsx

        def writer(path: Path) -> None:
            write_xlsx(report, path)

    else:
        from shared.reports.pdf import write_pdf

        def writer(path: Path) -> None:
            write_pdf(report, path)

    return write_atomically(out, writer)
