"""A QR code drawn module by module at any size (sharp on every screen, quiet zone kept)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.models import QrMatrix

QUIET_MODULES = 4  # white border the QR standard asks for, so phones read it


class QrView(QWidget):
    """Shows a QR matrix as large as the widget allows (square, centred)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: QrMatrix = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_matrix(self, matrix: QrMatrix) -> None:
        self._matrix = matrix
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 360)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._matrix:
            return
        n = len(self._matrix) + 2 * QUIET_MODULES
        side = min(self.width(), self.height())
        module = max(1, side // n)  # whole pixels per module: crisp edges for cameras
        full = module * n
        x0 = (self.width() - full) // 2
        y0 = (self.height() - full) // 2
        painter = QPainter(self)
        painter.fillRect(x0, y0, full, full, Qt.GlobalColor.white)
        dark = QColor("black")
        for r, row in enumerate(self._matrix):
            for c, cell in enumerate(row):
                if cell:
                    painter.fillRect(
                        QRectF(
                            x0 + (c + QUIET_MODULES) * module,
                            y0 + (r + QUIET_MODULES) * module,
                            module,
                            module,
                        ),
                        dark,
                    )
        painter.end()
