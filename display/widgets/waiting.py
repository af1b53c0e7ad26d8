"""People waiting per service: the ticket letter, the service name, and the count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from display import strings
from display.model import ServiceState
from display.widgets.fit_label import FitLabel
from display.widgets.panel import Box
from display.widgets.theme import Theme

LEFT = Qt.AlignmentFlag.AlignLeft


class ServiceTile(Box):
    """ "A  ต่ออายุใบอนุญาตขับรถ / Driving licence renewal  5 คิว"."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme.panel, parent)
        f = theme.family
        bold = QFont.Weight.Bold
        self.prefix = FitLabel("", family=f, color=theme.number, weight=bold, fill=0.8, tight=True)
        self.name_th = FitLabel(
            "", family=f, color=theme.text, align=LEFT, fill=0.75, min_scale=0.75
        )
        self.name_en = FitLabel(
            "", family=f, color=theme.muted, align=LEFT, fill=0.65, min_scale=0.75
        )
        self.count = FitLabel("", family=f, color=theme.number, weight=bold, fill=0.8, tight=True)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_th, 1)
        names.addWidget(self.name_en, 1)
        self._row = QHBoxLayout(self)
        self._row.addWidget(self.prefix, 8)
        self._row.addLayout(names, 60)
        self._row.addWidget(self.count, 12)

    def set_margins(self, px: int) -> None:
        self._row.setContentsMargins(px, px // 4, px, px // 4)
        self._row.setSpacing(px // 2)

    def set_service(self, service: ServiceState) -> None:
        self.prefix.setText(service.prefix)
        self.name_th.setText(service.name_th)
        self.name_en.setText(service.name_en)
        self.count.setText(str(service.waiting))


class WaitingPanel(QWidget):
    """A heading and one tile per service, `columns` wide."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.columns = 4
        self.tiles: dict[str, ServiceTile] = {}
        self._services: tuple[ServiceState, ...] = ()
        self._margin = 8
        self.heading = FitLabel(strings.WAITING.both, family=theme.family, color=theme.muted, align=LEFT)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)

    def set_margins(self, px: int) -> None:
        self._margin = px
        self._grid.setSpacing(px // 2)
        for tile in self.tiles.values():
            tile.set_margins(px)

    def set_columns(self, columns: int) -> None:
        if columns != self.columns:
            self.columns = columns
            self._rebuild()

    def set_services(self, services: tuple[ServiceState, ...]) -> None:
        if [x.code for x in services] != [x.code for x in self._services]:
            self._services = services
            self._rebuild()
        self._services = services
        for service in services:
            self.tiles[service.code].set_service(service)

    def shown_counts(self) -> dict[str, str]:
        return {code: tile.count.text() for code, tile in self.tiles.items()}

    def _rebuild(self) -> None:
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self._grid.removeWidget(self.heading)
        for index in range(self._grid.rowCount()):
            self._grid.setRowStretch(index, 0)
        for index in range(self._grid.columnCount()):
            self._grid.setColumnStretch(index, 0)
        self.tiles = {}
        columns = max(1, min(self.columns, len(self._services)))
        self._grid.addWidget(self.heading, 0, 0, 1, columns)
        self._grid.setRowStretch(0, 4)
        for index, service in enumerate(self._services):
            tile = ServiceTile(self.theme, self)
            tile.set_margins(self._margin)
            self.tiles[service.code] = tile
            row = 1 + index // columns
            self._grid.addWidget(tile, row, index % columns)
            self._grid.setRowStretch(row, 10)
            tile.show()
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
