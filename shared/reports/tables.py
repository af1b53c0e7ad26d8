"""The report as flat tables (header + rows) shared by the CSV and XLSX writers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from shared.i18n import glossary
from shared.reports.model import Report, ServiceFigures

#: Service time (call → finish) as mean, median and 90th percentile, in every table.
SERVICE_TIME_COLUMNS: tuple[tuple[str, str], ...] = (
    ("service_mean_min", "ให้บริการเฉลี่ย (นาที)"),
    ("service_p50_min", "ให้บริการมัธยฐาน (นาที)"),
    ("service_p90_min", "ให้บริการ P90 (นาที)"),
)

#: One row per service per business date: what a pivot table wants.
DAY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("date", "วันที่"),
    ("service_code", "รหัสบริการ"),
    ("service_th", "บริการ"),
    ("service_en", "service"),
    ("promised_min", f"{glossary.PROCESSING_TIME.th}ตามคู่มือ (นาที)"),
    ("issued", "ออกบัตรคิว"),
    ("served", "ให้บริการแล้ว"),
    ("no_show", "ไม่มาตามเรียก"),
    ("cancelled", "ยกเลิก"),
    ("expired", "หมดอายุ"),
    ("wait_mean_min", "รอเฉลี่ย (นาที)"),
    ("wait_p50_min", "รอมัธยฐาน (นาที)"),
    ("wait_p90_min", "รอ P90 (นาที)"),
    *SERVICE_TIME_COLUMNS,
    ("within_promise_pct", "ทันตามคู่มือ (%)"),
    ("rating_mean", "คะแนนความพึงพอใจเฉลี่ย"),
    ("ratings", "จำนวนผู้ให้คะแนน"),
    ("bookings_made", "จองล่วงหน้า"),
    ("bookings_checked_in", "จองแล้วเช็กอิน"),
    ("bookings_missed", "จองแล้วไม่มาตามนัด"),
    ("bookings_cancelled", "ยกเลิกการจอง"),
)


def service_values(f: ServiceFigures) -> list[Any]:
    c = f.counts
    return [
        f.code, f.name_th, f.name_en, f.promised_min,
        c.issued, c.served, c.no_show, c.cancelled, c.expired,
        f.wait.mean, f.wait.p50, f.wait.p90,
        f.service.mean, f.service.p50, f.service.p90,
        f.within_promise_pct, f.rating_mean, f.ratings,
        f.bookings.made, f.bookings.checked_in, f.bookings.missed, f.bookings.cancelled,
    ]  # fmt: skip


def day_rows(report: Report) -> Iterator[list[Any]]:
    for d in report.days:
        yield [d.date, *service_values(d.figures)]


def service_rows(report: Report) -> Iterator[list[Any]]:
    for s in report.services:
        yield [f"{report.date_from}..{report.date_to}", *service_values(s)]


OFFICER_COLUMNS = (
    ("login", "รหัสผู้ใช้"),
    ("name", "ชื่อเจ้าหน้าที่"),
    ("served", "ให้บริการแล้ว"),
    ("no_show", "ไม่มาตามเรียก"),
    *SERVICE_TIME_COLUMNS,
)


def officer_rows(report: Report) -> Iterator[list[Any]]:
    for o in report.officers:
        s = o.service
        yield [o.login, o.name, o.served, o.no_show, s.mean, s.p50, s.p90]


COUNTER_COLUMNS = (
    ("counter", "ช่องบริการ"),
    ("name_th", "ชื่อช่อง"),
    ("served", "ให้บริการแล้ว"),
    ("no_show", "ไม่มาตามเรียก"),
    *SERVICE_TIME_COLUMNS,
)


def counter_rows(report: Report) -> Iterator[list[Any]]:
    for c in report.counters:
        s = c.service
        yield [c.number, c.name_th, c.served, c.no_show, s.mean, s.p50, s.p90]


HOUR_COLUMNS = (
    ("hour", "ชั่วโมง"),
    ("issued", "ออกบัตรคิว"),
    ("wait_mean_min", "รอเฉลี่ย (นาที)"),
)


def hour_rows(report: Report) -> Iterator[list[Any]]:
    for h in report.hours:
        yield [h.hour, h.issued, h.wait_mean]
