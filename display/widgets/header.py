"""The top bar: site name (Thai over English), the reconnecting mark, clock and B.E. date."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from display import strings
from display.widgets.fit_label import FitLabel
from display.widgets.panel import Box
from display.widgets.theme import Theme
from shared.clock import Clock
from shared.i18n.dates import english_long_date, thai_long_date

LEFT, RIGHT = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight


class Header(QWidget):
    """Site name left, clock and date right; `set_reconnecting` shows a small red mark."""

    def __init__(self, theme: Theme, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.tz = ZoneInfo("Asia/Bangkok")
        f, bold = theme.family, QFont.Weight.Bold
        self.site_th = FitLabel(
            "", family=f, color=theme.text, weight=bold, align=LEFT, fill=0.8, min_scale=0.6
        )
        self.site_en = FitLabel(
            "", family=f, color=theme.muted, align=LEFT, fill=0.75, min_scale=0.6
        )
        self.time = FitLabel("", family=f, color=theme.text, weight=bold, fill=0.95, tight=True)
        self.date_th = FitLabel("", family=f, color=theme.text, align=RIGHT, fill=0.75)
        self.date_en = FitLabel("", family=f, color=theme.muted, align=RIGHT, fill=0.7)
        self.mark = Box(theme.warning_background)
        self.mark_text = FitLabel(strings.RECONNECTING.both, family=f, color=theme.text, fill=0.6)
        QHBoxLayout(self.mark).addWidget(self.mark_text)
        self.mark.hide()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

        self.mark_box = QVBoxLayout()
        self.mark_box.addStretch(1)
        self.mark_box.addWidget(self.mark, 2)
        self.mark_box.addStretch(1)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(0)
        self.portrait: bool | None = None
        self.set_portrait(False)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.tick()

    def set_portrait(self, portrait: bool) -> None:
        """Landscape: one row, name left, clock right. Portrait: name above, clock below."""
        if portrait == self.portrait:
            return
        self.portrait = portrait
        grid = self._grid
        for widget in (self.site_th, self.site_en, self.date_th, self.date_en, self.time):
            grid.removeWidget(widget)
        grid.removeItem(self.mark_box)
        for index in range(4):
            grid.setRowStretch(index, 0)
            grid.setColumnStretch(index, 0)
        mark: tuple[int, int, int, int]
        rows: tuple[int, ...]
        columns: tuple[int, ...]
        if portrait:
            cells = {
                self.site_th: (0, 0, 1, 3),
                self.site_en: (1, 0, 1, 3),
                self.date_th: (2, 0, 1, 1),
                self.date_en: (3, 0, 1, 1),
                self.time: (2, 2, 2, 1),
            }
            mark, rows, columns = (2, 1, 2, 1), (11, 8, 8, 8), (60, 20, 20)
        else:
            cells = {
                self.site_th: (0, 0, 1, 1),
                self.site_en: (1, 0, 1, 1),
                self.date_th: (0, 2, 1, 1),
                self.date_en: (1, 2, 1, 1),
                self.time: (0, 3, 2, 1),
            }
            mark, rows, columns = (0, 1, 2, 1), (11, 8), (50, 16, 22, 12)
        for widget, (row, column, row_span, column_span) in cells.items():
            self.date_th.align = self.date_en.align = LEFT if portrait else RIGHT
            grid.addWidget(widget, row, column, row_span, column_span)
        grid.addLayout(self.mark_box, *mark)
        for index, stretch in enumerate(rows):
            grid.setRowStretch(index, stretch)
        for index, stretch in enumerate(columns):
            grid.setColumnStretch(index, stretch)

    def set_site(self, name_th: str, name_en: str, tz: ZoneInfo) -> None:
        self.site_th.setText(name_th)
        self.site_en.setText(name_en)
        self.tz = tz
        self.tick()

    def set_reconnecting(self, on: bool) -> None:
        self.mark.setVisible(on)

    def tick(self) -> None:
        now = self.clock().astimezone(self.tz)
        self.time.setText(f"{now:%H:%M}")
        self.date_th.setText(thai_long_date(now.date()))
        self.date_en.setText(english_long_date(now.date()))
