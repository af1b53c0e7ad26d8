"""The admins' reports page: today's live figures per service with a chart, and an export
of any date range; the reading and writing are the ReportsController's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter import strings
from counter.reports_controller import LiveFigures, ReportsController
from counter.widgets.basics import card, page_header
from shared.domain.errors import KhiuError
from shared.i18n.bilingual import Bilingual

REFRESH_MS = 10_000
FORMATS = (("pdf", "PDF"), ("xlsx", "Excel (XLSX)"), ("csv", "CSV"), ("json", "JSON"))


class ReportsPage(QWidget):
    back_requested = Signal()
    exported = Signal(str)  # the written file
    export_failed = Signal(str)

    def __init__(self, reports: ReportsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.reports = reports
        self.live: LiveFigures | None = None
        self._range_touched = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._header())
        body = QHBoxLayout()
        body.setContentsMargins(16, 14, 16, 10)
        body.setSpacing(14)
        outer.addLayout(body, 1)
        body.addWidget(self._live_card(), 3)
        body.addWidget(self._export_card(), 1)

        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_requested.emit)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        reports.live_read.connect(self._show_live)
        reports.live_failed.connect(self._show_error)
        reports.exported.connect(self._exported)
        reports.export_failed.connect(self._export_error)

    def _header(self) -> QFrame:
        header, self.back_button = page_header(strings.REPORTS)
        self.back_button.clicked.connect(self.back_requested.emit)
        return header

    def _live_card(self) -> QFrame:
        live_frame, live = card(strings.REPORTS_TITLE)
        self.table = QTableWidget(0, len(strings.REPORT_COLUMNS))
        self.table.setHorizontalHeaderLabels([f"{c.th}\n{c.en}" for c in strings.REPORT_COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(strings.REPORT_COLUMNS)):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        live.addWidget(self.table, 2)
        self.chart = QLabel()
        self.chart.setMinimumHeight(220)
        self.chart.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        live.addWidget(self.chart, 3)
        return live_frame

    def _export_card(self) -> QFrame:
        export_frame, export = card(strings.REPORTS_EXPORT)
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addDays(1 - today.day()))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._touch_range)
        self.format_box = QComboBox()
        for key, label in FORMATS:
            self.format_box.addItem(label, key)
        for text, widget in (
            (strings.EXPORT_FROM, self.from_edit),
            (strings.EXPORT_TO, self.to_edit),
            (Bilingual("รูปแบบ", "Format"), self.format_box),
        ):
            caption = QLabel(f"{text.th} / {text.en}")
            caption.setObjectName("muted")
            export.addWidget(caption)
            export.addWidget(widget)
        self.export_button = QPushButton(f"{strings.EXPORT.th} / {strings.EXPORT.en}")
        self.export_button.setObjectName("primary")
        self.export_button.setMinimumHeight(52)
        self.export_button.clicked.connect(self.choose_file)
        export.addSpacing(8)
        export.addWidget(self.export_button)
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        export.addWidget(self.export_status)
        export.addStretch(1)
        return export_frame

    # ------------------------------------------------------------- live view
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()
        self.refresh()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        self.reports.refresh(max(400, self.chart.width()), max(220, self.chart.height()))

    def _show_live(self, live: LiveFigures) -> None:
        if self.live is None and not self._range_touched:
            # Default export range: this month so far, in the site's own calendar.
            today = date.fromisoformat(live.today)
            self.set_range(today.replace(day=1), today)
            self._range_touched = False
        self.live = live
        self.table.setRowCount(len(live.services))
        for row, s in enumerate(live.services):
            pct = s.within_promise_pct
            values = (
                f"{s.name_th}\n{s.name_en} ({s.code})",
                str(s.counts.waiting),
                str(s.counts.served),
                "–" if s.wait.mean is None else f"{s.wait.mean:.1f}",
                "–" if pct is None else f"{pct:.0f}%  (≤ {s.promised_min} นาที/min)",
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        pixmap = QPixmap()
        pixmap.loadFromData(live.chart_png, "PNG")
        self.chart.setPixmap(pixmap)

    def _show_error(self, error: KhiuError) -> None:
        self.export_status.setText(f"{error.message_th}\n{error.message_en}")

    # ---------------------------------------------------------------- export
    def choose_file(self) -> None:
        fmt = self.format_box.currentData()
        start, end = self._range()
        suggested = f"khiu-report-{start}-{end}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(
            self, f"{strings.EXPORT.th} / {strings.EXPORT.en}", suggested, f"{fmt.upper()} (*.{fmt})"
        )
        if path:
            self.export_to(Path(path), fmt)

    def _touch_range(self) -> None:
        self._range_touched = True

    def _range(self) -> tuple[str, str]:
        return (
            self.from_edit.date().toString("yyyy-MM-dd"),
            self.to_edit.date().toString("yyyy-MM-dd"),
        )

    def set_range(self, start: date, end: date) -> None:
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.to_edit.setDate(QDate(end.year, end.month, end.day))

    def export_to(self, path: Path, fmt: str) -> None:
        """Write the chosen range as `fmt` to `path` (on the reports' worker thread)."""
        self.export_button.setEnabled(False)
        self.export_status.setText(f"{strings.EXPORTING.th}\n{strings.EXPORTING.en}")
        self.reports.export(*self._range(), fmt, path)

    def _exported(self, path: str) -> None:
        self.export_button.setEnabled(True)
        self.export_status.setText(f"บันทึกแล้ว / Saved:\n{path}")
        self.exported.emit(path)

    def _export_error(self, error: KhiuError) -> None:
        self.export_button.setEnabled(True)
        self.export_status.setText(f"{error.message_th}\n{error.message_en}")
        self.export_failed.emit(error.message_en)
