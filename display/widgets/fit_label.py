"""A one-line label whose font size follows its own height and shrinks to fit its width."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class FitLabel(QWidget):
    """Text painted as large as its box allows: `fill` of the height, never clipped.

    `tight=True` fits the glyphs' ink (for ticket numbers: no room kept for Thai marks).
    Text too long to fit at `min_scale` of the full size is cut with "…" instead of
    shrinking further: a long name half read beats a whole name nobody can read."""

    def __init__(
        self,
        text: str = "",
        *,
        family: str,
        color: QColor | str,
        fill: float = 0.7,
        weight: QFont.Weight = QFont.Weight.Normal,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        tight: bool = False,
        min_scale: float = 0.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._text = text
        self._color = QColor(color)
        self.fill = fill
        self.tight = tight
        self.min_scale = min_scale
        self.align = align
        self._font = QFont(family)
        self._font.setWeight(weight)
        self._fitted: tuple[tuple[str, int, int], QFont, str] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update()

    def color(self) -> QColor:
        return QColor(self._color)

    def set_color(self, color: QColor | str) -> None:
        if QColor(color) != self._color:
            self._color = QColor(color)
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(10, 10)

    def fitted_font(self) -> QFont:
        """The font the text is painted with at the current size."""
        return self._fit()[0]

    def _fit(self) -> tuple[QFont, str]:
        key = (self._text, self.width(), self.height())
        if self._fitted is not None and self._fitted[0] == key:
            return self._fitted[1], self._fitted[2]
        font = QFont(self._font)
        size = max(1.0, self.height() * self.fill)
        font.setPixelSize(round(size))
        shown = self._text
        if self._text:
            metrics = QFontMetricsF(font)
            if self.tight:
                ink = metrics.tightBoundingRect(self._text)
                width, height = ink.width(), ink.height()
            else:
                width, height = metrics.horizontalAdvance(self._text), metrics.height()
            room = self.width() * 0.97
            scale = min(1.0, room / max(width, 1.0), self.height() / max(height, 1.0))
            if scale < self.min_scale:
                scale = min(self.min_scale, self.height() / max(height, 1.0))
                font.setPixelSize(max(1, int(size * scale)))
                shown = QFontMetricsF(font).elidedText(
                    self._text, Qt.TextElideMode.ElideRight, room
                )
            font.setPixelSize(max(1, int(size * scale)))
        self._fitted = (key, font, shown)
        return font, shown

    def ink_height(self) -> float:
        """How tall the painted glyphs are, in pixels (for "readable from 10 m" checks)."""
        return QFontMetricsF(self.fitted_font()).tightBoundingRect(self._text).height()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font, text = self._fit()
        painter.setFont(font)
        painter.setPen(self._color)
        rect = QRectF(self.rect())
        if self.tight:
            # Centre the ink, not the line box: digits sit high in a Thai font's line.
            metrics = QFontMetricsF(font)
            ink = metrics.tightBoundingRect(text)
            x = rect.x() + (rect.width() - ink.width()) / 2 - ink.x()
            if self.align & Qt.AlignmentFlag.AlignLeft:
                x = rect.x() - ink.x()
            elif self.align & Qt.AlignmentFlag.AlignRight:
                x = rect.right() - ink.width() - ink.x()
            y = rect.y() + (rect.height() - ink.height()) / 2 - ink.y()
            painter.drawText(QPointF(x, y), text)
        else:
            painter.drawText(rect, int(self.align | Qt.AlignmentFlag.AlignVCenter), text)
        painter.end()
