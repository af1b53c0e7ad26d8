"""The hidden way out: a long press in a screen corner asks for the admin PIN."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

LONG_PRESS_MS = 3000


class CornerHotspot(QWidget):
    """An invisible square; holding it for `hold_ms` emits `long_pressed`."""

    long_pressed = Signal()

    def __init__(self, hold_ms: int = LONG_PRESS_MS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.long_pressed)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # touch arrives as a mouse press
        self._timer.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._timer.stop()  # a short tap does nothing
        event.accept()
