"""The last calls before the one shown huge: "A011 → 3" tiles in reading order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QWidget

from display import strings
from display.model import CallState
from display.widgets.fit_label import FitLabel
from display.widgets.panel import Box
from display.widgets.theme import Theme


class RecentTile(Box):
    """One earlier call: the ticket number and, after an arrow, the counter."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme.panel, parent)
        f = theme.family
        self.code = FitLabel(
            "", family=f, color=theme.number, weight=QFont.Weight.Bold, fill=0.8, tight=True
        )
        self.counter = FitLabel(
            "", family=f, color=theme.text, weight=QFont.Weight.Bold, fill=0.6, tight=True
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.setSpacing(0)
        row.addWidget(self.code, 5)
        row.addWidget(self.counter, 3)

    def set_call(self, call: CallState | None) -> None:
        self.code.setText(call.code if call else "")
        self.counter.setText(f"→ {call.counter}" if call else "")


class RecentStrip(QWidget):
    """A heading and a grid of the recent calls (`columns` wide)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.columns = 3
        self.tiles: list[RecentTile] = []
        self._calls: tuple[CallState, ...] = ()
        self._slots = 0
        self.heading = FitLabel(
            strings.RECENT.both, family=theme.family, color=theme.muted, align=Qt.AlignmentFlag.AlignLeft
        )
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)

    def set_margins(self, px: int) -> None:
        self._grid.setSpacing(px // 2)

    def set_columns(self, columns: int) -> None:
        if columns != self.columns:
            self.columns = columns
            self._rebuild(self._slots)

    def set_calls(self, calls: tuple[CallState, ...], slots: int) -> None:
        """Show `calls` in `slots` tiles (the site's display.recent_calls)."""
        if slots != self._slots:
            self._rebuild(slots)
        self._calls = calls
        for index, tile in enumerate(self.tiles):
            tile.set_call(calls[index] if index < len(calls) else None)

    def shown_codes(self) -> list[str]:
        return [t.code.text() for t in self.tiles if t.code.text()]

    def _rebuild(self, slots: int) -> None:
        self._slots = slots
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self._grid.removeWidget(self.heading)
        for index in range(self._grid.rowCount()):
            self._grid.setRowStretch(index, 0)
        self.tiles = []
        self.heading.setVisible(slots > 0)
        if slots == 0:
            return
        columns = min(self.columns, slots)
        self._grid.addWidget(self.heading, 0, 0, 1, columns)
        self._grid.setRowStretch(0, 6)
        for index in range(slots):
            tile = RecentTile(self.theme, self)
            self.tiles.append(tile)
            self._grid.addWidget(tile, 1 + index // columns, index % columns)
            self._grid.setRowStretch(1 + index // columns, 10)
            tile.show()
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
        for index, tile in enumerate(self.tiles):
            tile.set_call(self._calls[index] if index < len(self._calls) else None)
