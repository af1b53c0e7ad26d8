"""The admins' reports, without widgets: today's live figures with their chart, and an
export of a date range in the CLI's formats (the same code as `khiu report`).

Every read, chart and file write runs on the reports' own worker thread (a second
StoreWorker), so neither the GUI thread nor the counter's queue actions wait on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from counter import strings
from shared.domain.errors import KhiuError
from shared.qt.worker import CoalescingReader, StoreWorker
from shared.reports import make_report
from shared.reports.charts import live_chart
from shared.reports.export import write_report
from shared.reports.model import ServiceFigures
from shared.reports.period import parse_range
from shared.storage.api import Store


@dataclass(frozen=True)
class LiveFigures:
    """Today's figures per service and their chart as PNG bytes."""

    today: str
    services: tuple[ServiceFigures, ...]
    chart_png: bytes


class ReportsController(QObject):
    """Reads the live figures and writes exports; says what came of it through signals."""

    live_read = Signal(object)  # LiveFigures
    live_failed = Signal(object)  # KhiuError
    exported = Signal(str)  # the written file
    export_failed = Signal(object)  # KhiuError

    def __init__(self, worker: StoreWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._reader: CoalescingReader[LiveFigures] = CoalescingReader(
            worker, self.live_read.emit, self.live_failed.emit
        )

    @Slot(int, int)
    def refresh(self, chart_width: int, chart_height: int) -> None:
        """Read today's figures and draw the chart at this size (in pixels)."""

        def job(store: Store) -> LiveFigures:
            today = store.today()
            report = make_report(store, today, today, now=store.clock())
            png = live_chart(report.services, width_px=chart_width, height_px=chart_height)
            return LiveFigures(today, report.services, png)

        self._reader.request(job)

    @Slot(str, str, str, object)
    def export(self, date_from: str, date_to: str, fmt: str, path: Path) -> None:
        """Write the range as `fmt` to `path`; a range that does not parse (a Buddhist-era
        year, an end before the start) is refused at once, without touching the store."""
        try:
            start, end = parse_range(date_from, date_to, (strings.EXPORT_FROM, strings.EXPORT_TO))
        except KhiuError as error:
            self.export_failed.emit(error)
            return

        def job(store: Store) -> str:
            report = make_report(store, start, end, now=store.clock())
            write_report(report, fmt, path)
            return str(path)

        self._worker.submit(job, self.exported.emit, self.export_failed.emit)
