"""A rounded, filled box that holds other widgets (tiles, panels)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class Box(QWidget):
    """Paints a rounded rectangle of `color` behind its children."""

    def __init__(self, color: QColor | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = QColor(color)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_box_color(self, color: QColor | str) -> None:
        if QColor(color) != self._color:
            self._color = QColor(color)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._color)
        painter.setBrush(self._color)
        radius = min(self.width(), self.height()) * 0.12
        painter.drawRoundedRect(self.rect(), radius, radius)
        painter.end()
