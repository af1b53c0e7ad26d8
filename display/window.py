"""The hall screen: header, the newest call huge, the counter board, recent calls, people
waiting per service and the ticker, arranged for landscape or portrait screens."""

from __future__ import annotations

from typing import TypedDict

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from display import strings
from display.controller import DisplayController
from display.model import Board, CallState
from display.widgets.board import CounterBoard
from display.widgets.call_panel import CallPanel
from display.widgets.header import Header
from display.widgets.recent import RecentStrip
from display.widgets.theme import Theme
from display.widgets.ticker import Ticker
from display.widgets.waiting import WaitingPanel
from shared.clock import Clock


class GridSpec(TypedDict):
    """Where each part sits: (row, column, row span, column span); row/column stretches."""

    cells: dict[str, tuple[int, int, int, int]]
    rows: tuple[int, ...]
    columns: tuple[int, ...]


# (widget, row, column, row span, column span) and row stretches, per orientation.
LANDSCAPE: GridSpec = {
    "cells": {
        "header": (0, 0, 1, 2),
        "call": (1, 0, 1, 1),
        "recent": (2, 0, 1, 1),
        "board": (1, 1, 2, 1),
        "waiting": (3, 0, 1, 2),
        "ticker": (4, 0, 1, 2),
    },
    "rows": (10, 48, 16, 18, 6),
    "columns": (46, 54),
}
PORTRAIT: GridSpec = {
    "cells": {
        "header": (0, 0, 1, 1),
        "call": (1, 0, 1, 1),
        "board": (2, 0, 1, 1),
        "recent": (3, 0, 1, 1),
        "waiting": (4, 0, 1, 1),
        "ticker": (5, 0, 1, 1),
    },
    "rows": (8, 29, 28, 8, 21, 4),
    "columns": (1,),
}


class DisplayWindow(QWidget):
    """Composes the panels; the controller's facts arrive through its slots (`_wire`)."""

    def __init__(
        self,
        controller: DisplayController,
        theme: Theme,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.theme = theme
        self.board: Board | None = None
        self.portrait: bool | None = None
        self.setWindowTitle(strings.WINDOW_TITLE.both)
        self.header = Header(theme, clock)
        self.call = CallPanel(theme)
        self.counters = CounterBoard(theme)
        self.recent = RecentStrip(theme)
        self.waiting = WaitingPanel(theme)
        self.ticker = Ticker(theme)
        self._widgets: dict[str, QWidget] = {
            "header": self.header,
            "call": self.call,
            "board": self.counters,
            "recent": self.recent,
            "waiting": self.waiting,
            "ticker": self.ticker,
        }
        self._grid = QGridLayout(self)
        self._flash_end = QTimer(self)
        self._flash_end.setSingleShot(True)
        self._flash_end.timeout.connect(lambda: self.counters.highlight(None))
        self.resize(1280, 720)
        self._arrange(False)
        self._wire()

    # --------------------------------------------------------------- wiring
    def _wire(self) -> None:
        c = self.controller
        c.board_changed.connect(self.show_board)
        c.call_shown.connect(self.flash_call)
        c.connection_changed.connect(self.set_connected)

    # ------------------------------------------------------------- facts in
    @Slot(object)
    def show_board(self, board: Board) -> None:
        first = self.board is None
        self.board = board
        site = board.site
        self.header.set_site(site.name_th, site.name_en, site.tz)
        ticker = "     •     ".join(
            t for t in (site.display.ticker_th, site.display.ticker_en) if t
        )
        self.ticker.set_text(ticker)
        self.ticker.setVisible(bool(ticker))
        self.counters.set_counters(board.counters)
        self.recent.set_calls(board.recent(), site.display.recent_calls)
        self.waiting.set_services(board.services)
        if first or not self.call.flashing:
            self.call.show_call(board.latest)

    @Slot(object)
    def flash_call(self, call: CallState) -> None:
        seconds = self.board.site.display.flash_seconds if self.board else 6
        self.call.flash(call, seconds)
        self.counters.highlight(call.counter)
        self._flash_end.start(max(1, seconds) * 1000)

    @Slot(bool)
    def set_connected(self, ok: bool) -> None:
        self.header.set_reconnecting(not ok)

    # ---------------------------------------------------------------- layout
    def _arrange(self, portrait: bool) -> None:
        self.portrait = portrait
        spec = PORTRAIT if portrait else LANDSCAPE
        for widget in self._widgets.values():
            self._grid.removeWidget(widget)
        for index in range(self._grid.rowCount()):
            self._grid.setRowStretch(index, 0)
        for index in range(self._grid.columnCount()):
            self._grid.setColumnStretch(index, 0)
        for name, (row, column, rows, columns) in spec["cells"].items():
            self._grid.addWidget(self._widgets[name], row, column, rows, columns)
        for index, stretch in enumerate(spec["rows"]):
            self._grid.setRowStretch(index, stretch)
        for index, stretch in enumerate(spec["columns"]):
            self._grid.setColumnStretch(index, stretch)
        count = len(self.board.counters) if self.board else 8
        self.counters.set_columns(2 if portrait or count > 8 else 1)
        self.recent.set_columns(6 if portrait else 3)
        self.waiting.set_columns(2 if portrait else 4)
        self.header.set_portrait(portrait)

    def resizeEvent(self, event: QResizeEvent) -> None:
        width, height = event.size().width(), event.size().height()
        portrait = height > width
        if portrait != self.portrait:
            self._arrange(portrait)
        # One unit per 1% of the short side: margins and gaps scale with the screen.
        unit = max(2, round(min(width, height) / 100))
        self._grid.setContentsMargins(unit * 2, unit, unit * 2, unit)
        self._grid.setHorizontalSpacing(unit * 2)
        self._grid.setVerticalSpacing(unit)
        self.call.set_margins(unit * 2)
        for panel in (self.counters, self.recent, self.waiting):
            panel.set_margins(unit)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.background))
        painter.end()
