"""The scrolling message line: one pre-laid-out text, moved by a precise timer."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPointF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QStaticText,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from display.widgets.theme import Theme

FRAME_MS = 16  # ~60 frames a second: smooth on a TV, a few % of one core
SPEED_HEIGHTS_PER_S = 2.2  # scroll speed relative to the line height: the same on every screen
SEPARATOR = "     •     "


class Ticker(QWidget):
    """Scrolls `text` right to left forever; only this strip is repainted each frame."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._text = ""
        self._static = QStaticText()
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._cycle = 0.0  # width of one copy of the text plus the separator
        self._font = QFont(theme.family)
        self._font.setWeight(QFont.Weight.Medium)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.update)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self._layout_text()
        if text and self.isVisible():
            self._timer.start()
        elif not text:
            self._timer.stop()

    def offset(self) -> float:
        """How far the text has scrolled, from the elapsed time (not the frame count)."""
        if self._cycle <= 0:
            return 0.0
        speed = self.height() * SPEED_HEIGHTS_PER_S / 1000  # px per ms
        return (self._clock.elapsed() * speed) % self._cycle

    def _layout_text(self) -> None:
        self._font.setPixelSize(max(1, round(self.height() * 0.55)))
        self._static.setText(self._text + SEPARATOR if self._text else "")
        self._static.prepare(font=self._font)
        self._cycle = QFontMetricsF(self._font).horizontalAdvance(self._static.text())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout_text()
        super().resizeEvent(event)

    def showEvent(self, event: object) -> None:
        if self._text:
            self._timer.start()

    def hideEvent(self, event: object) -> None:
        self._timer.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.ticker_background))
        if self._cycle > 0:
            painter.setFont(self._font)
            painter.setPen(QColor(self.theme.ticker_text))
            y = (self.height() - self._static.size().height()) / 2
            x = -self.offset()
            while x < self.width():
                painter.drawStaticText(QPointF(x, y), self._static)
                x += self._cycle
        painter.end()
