"""CSV (UTF-8 with BOM, so Excel shows Thai) and XLSX (openpyxl) writers."""

from __future__ import annotations

import csv
from pathlib import Path

from shared.reports import tables as T
from shared.reports.model import Report


def write_csv(report: Report, path: Path) -> None:
    """One row per service per business date, English column keys, Thai in the values."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([key for key, _ in T.DAY_COLUMNS])
        for row in T.day_rows(report):
            writer.writerow(["" if v is None else v for v in row])


def write_xlsx(report: Report, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheets = (
        ("รายวัน Daily", T.DAY_COLUMNS, T.day_rows(report)),
        ("บริการ Services", (("period", "ช่วงวันที่"), *T.DAY_COLUMNS[1:]), T.service_rows(report)),
        ("เจ้าหน้าที่ Officers", T.OFFICER_COLUMNS, T.officer_rows(report)),
        ("ช่องบริการ Counters", T.COUNTER_COLUMNS, T.counter_rows(report)),
        ("รายชั่วโมง Hours", T.HOUR_COLUMNS, T.hour_rows(report)),
    )
    first = True
    for title, columns, rows in sheets:
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = title
        # One heading row (a pivot table takes its field names from it): Thai / key.
        sheet.append([f"{th} / {key}" for key, th in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append(row)
        for index, (key, _th) in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = 14 if index > 4 else 22
            if key.endswith("_min") or key.endswith("_pct") or key == "rating_mean":
                for cell in sheet[letter][1:]:
                    cell.number_format = "0.0"
        sheet.freeze_panes = "A2"
    book.properties.title = f"{report.site_th} {report.date_from} – {report.date_to}"
    book.save(path)
