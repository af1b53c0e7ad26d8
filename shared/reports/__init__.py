"""Reports for the site manager: figures from the event log, written as JSON, CSV, XLSX
or PDF. Pure apart from the writers' file output; the SQL lives in shared/storage."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from shared.reports.assemble import build_report
from shared.reports.model import Report
from shared.reports.rows import AggregateRows
from shared.site import SiteConfig


class ReportSource(Protocol):
    """What a report needs from a store."""

    def report_rows(self, date_from: str, date_to: str) -> AggregateRows: ...
    def site(self) -> SiteConfig: ...


def make_report(
    store: ReportSource, date_from: str, date_to: str, now: datetime | None = None
) -> Report:
    site = store.site()
    return build_report(
        store.report_rows(date_from, date_to),
        tz=site.tz,
        site_th=site.name_th,
        site_en=site.name_en,
        now=now,
    )


__all__ = ["Report", "build_report", "make_report"]
