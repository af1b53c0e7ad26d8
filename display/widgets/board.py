"""The counter board: each counter with the ticket it serves, or closed when paused."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from display import strings
from display.model import CounterState
from display.widgets.fit_label import FitLabel
from display.widgets.panel import Box
from display.widgets.theme import Theme

LEFT = Qt.AlignmentFlag.AlignLeft


class CounterTile(Box):
    """One counter: its number, its name (Thai over English), and its ticket."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme.panel, parent)
        self.theme = theme
        self.state: CounterState | None = None
        self.highlighted = False
        f = theme.family
        bold = QFont.Weight.Bold
        self.number = FitLabel("", family=f, color=theme.text, weight=bold, fill=0.9, tight=True)
        self.name_th = FitLabel(
            "", family=f, color=theme.text, align=LEFT, fill=0.75, min_scale=0.55
        )
        self.name_en = FitLabel(
            "", family=f, color=theme.muted, align=LEFT, fill=0.65, min_scale=0.55
        )
        self.ticket = FitLabel(
            "", family=f, color=theme.number, weight=QFont.Weight.ExtraBold, fill=0.95, tight=True
        )
        self.closed_th = FitLabel(strings.CLOSED.th, family=f, color=theme.closed, weight=bold, fill=0.75)
        self.closed_en = FitLabel(strings.CLOSED.en, family=f, color=theme.closed, fill=0.65)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_th, 5)
        names.addWidget(self.name_en, 4)
        self.closed = QWidget()
        self.closed.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        closed = QVBoxLayout(self.closed)
        closed.setContentsMargins(0, 0, 0, 0)
        closed.setSpacing(0)
        closed.addWidget(self.closed_th, 5)
        closed.addWidget(self.closed_en, 4)
        self._row = QHBoxLayout(self)
        self._row.addWidget(self.number, 10)
        self._row.addLayout(names, 34)
        self._row.addWidget(self.ticket, 34)
        self._row.addWidget(self.closed, 34)

    def set_margins(self, px: int) -> None:
        self._row.setContentsMargins(px, px // 3, px, px // 3)
        self._row.setSpacing(px)

    def set_state(self, state: CounterState) -> None:
        self.state = state
        self.number.setText(str(state.number))
        self.name_th.setText(state.name_th)
        self.name_en.setText(state.name_en)
        self.ticket.setText(state.ticket or strings.IDLE.th)
        self.ticket.setVisible(state.open)
        self.closed.setVisible(not state.open)
        self._paint_state()

    def set_highlighted(self, on: bool) -> None:
        self.highlighted = on
        self._paint_state()

    def shown_ticket(self) -> str:
        """What the tile shows for the counter: the ticket code, "—", or the closed text."""
        if self.state is not None and not self.state.open:
            return f"{self.closed_th.text()} / {self.closed_en.text()}"
        return self.ticket.text()

    def _paint_state(self) -> None:
        t = self.theme
        lit = self.highlighted and self.state is not None and self.state.open
        self.set_box_color(t.flash_background if lit else t.panel)
        self.ticket.set_color(t.flash_text if lit else t.number)
        closed = self.state is not None and not self.state.open
        self.number.set_color(t.flash_text if lit else t.muted if closed else t.text)
        self.name_th.set_color(t.flash_text if lit else t.muted if closed else t.text)
        self.name_en.set_color(t.flash_text if lit else t.muted)


class CounterBoard(QWidget):
    """A grid of counter tiles under a bilingual heading."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.columns = 1
        self.tiles: dict[int, CounterTile] = {}
        self._states: tuple[CounterState, ...] = ()
        self._highlight: int | None = None
        self._margin = 8
        f = theme.family
        self.heading = FitLabel(strings.COUNTERS.both, family=f, color=theme.muted, align=LEFT)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)

    def set_columns(self, columns: int) -> None:
        if columns != self.columns:
            self.columns = columns
            self._rebuild()

    def set_margins(self, px: int) -> None:
        self._margin = px
        self._grid.setSpacing(px // 2)
        for tile in self.tiles.values():
            tile.set_margins(px)

    def set_counters(self, counters: tuple[CounterState, ...]) -> None:
        if [c.number for c in counters] != [c.number for c in self._states]:
            self._states = counters
            self._rebuild()
        self._states = counters
        for state in counters:
            self.tiles[state.number].set_state(state)

    def highlight(self, number: int | None) -> None:
        self._highlight = number
        for tile_number, tile in self.tiles.items():
            tile.set_highlighted(tile_number == number)

    def _rebuild(self) -> None:
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = {}
        self._grid.removeWidget(self.heading)
        for index in range(self._grid.rowCount()):
            self._grid.setRowStretch(index, 0)
        for index in range(self._grid.columnCount()):
            self._grid.setColumnStretch(index, 0)
        rows = max(1, math.ceil(len(self._states) / self.columns))
        self._grid.addWidget(self.heading, 0, 0, 1, self.columns)
        self._grid.setRowStretch(0, 6)
        for index, state in enumerate(self._states):
            tile = CounterTile(self.theme, self)
            tile.set_margins(self._margin)
            self.tiles[state.number] = tile
            # Fill column by column, so counters read top to bottom like a list.
            row, column = index % rows, index // rows
            self._grid.addWidget(tile, row + 1, column)
            self._grid.setRowStretch(row + 1, 10)
            self._grid.setColumnStretch(column, 1)
            tile.show()
        if self._highlight is not None:
            self.highlight(self._highlight)
