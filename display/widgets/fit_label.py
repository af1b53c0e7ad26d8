"""A one-line label whose font size follows its own height and shrinks to fit its width."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from shared.i18n.thai_breaks import after, plain
from shared.qt.thai_text import elide_words, wrap_lines

# Two lines may be this much smaller than one line at its floor, tried in steps.
_TWO_LINE_FLOOR = 0.8
_TWO_LINE_STEP = 0.95


class FitLabel(QWidget):
    """Text painted as large as its box allows: `fill` of the height, never clipped.

    `tight=True` fits the glyphs' ink (for ticket numbers: no room kept for Thai marks).
    Text too long to fit on one line at `min_scale` of the full size goes on two lines,
    broken between words (Thai has no spaces: see shared.i18n.thai_breaks); only what
    still does not fit is cut with "…", after a whole word: a long name half read beats
    a whole name nobody can read, and a cut word must not read as another word."""

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
        self._fitted: tuple[tuple[str, int, int], QFont, list[str]] | None = None
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

    def shown_lines(self) -> list[str]:
        """The text as painted: one line, or two broken between words, maybe elided."""
        return self._fit()[1]

    def _fit(self) -> tuple[QFont, list[str]]:
        key = (self._text, self.width(), self.height())
        if self._fitted is not None and self._fitted[0] == key:
            return self._fitted[1], self._fitted[2]
        font = QFont(self._font)
        size = max(1.0, self.height() * self.fill)
        font.setPixelSize(round(size))
        lines = [plain(self._text)]
        if self._text:
            metrics = QFontMetricsF(font)
            if self.tight:
                ink = metrics.tightBoundingRect(self._text)
                width, height = ink.width(), ink.height()
            else:
                width, height = metrics.horizontalAdvance(lines[0]), metrics.height()
            room = self.width() * 0.97
            scale = min(1.0, room / max(width, 1.0), self.height() / max(height, 1.0))
            if scale < self.min_scale:
                return self._fit_two_lines(key, font, size, room)
            font.setPixelSize(max(1, int(size * scale)))
        self._fitted = (key, font, lines)
        return font, lines

    def _fit_two_lines(
        self, key: tuple[str, int, int], font: QFont, size: float, room: float
    ) -> tuple[QFont, list[str]]:
        """Too long for one line at `min_scale`: two lines broken between words, when the
        box is tall enough for two at nearly that size; else (or when two are not enough)
        elided after a whole word. A cut word can read as another (น้ำตาล cut to น้ำตา, tears)."""
        smallest = size * self.min_scale
        unit = QFontMetricsF(font).height() / font.pixelSize()
        pixels = min(smallest, self.height() / (2 * unit))
        floor = smallest * _TWO_LINE_FLOOR
        lines: list[str] = []
        while pixels >= floor:
            font.setPixelSize(max(1, int(pixels)))
            metrics = QFontMetricsF(font)
            lines = wrap_lines(self._text, metrics, room)
            if len(lines) <= 2 and all(metrics.horizontalAdvance(x) <= room for x in lines):
                self._fitted = (key, font, lines)
                return font, lines
            pixels *= _TWO_LINE_STEP
        if len(lines) > 2:  # two lines fit the height, not the text: elide the second
            metrics = QFontMetricsF(font)
            lines = [lines[0], elide_words(after(self._text, len(lines[0])), metrics, room)]
        else:
            font.setPixelSize(max(1, int(min(smallest, self.height() / unit))))
            lines = [elide_words(self._text, QFontMetricsF(font), room)]
        self._fitted = (key, font, lines)
        return font, lines

    def ink_height(self) -> float:
        """How tall the painted glyphs are, in pixels (for "readable from 10 m" checks)."""
        return QFontMetricsF(self.fitted_font()).tightBoundingRect(plain(self._text)).height()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font, lines = self._fit()
        painter.setFont(font)
        painter.setPen(self._color)
        rect = QRectF(self.rect())
        if self.tight:
            # Centre the ink, not the line box: digits sit high in a Thai font's line.
            text = lines[0]
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
            line_height = QFontMetricsF(font).height()
            top = rect.y() + (rect.height() - line_height * len(lines)) / 2
            flags = int(self.align | Qt.AlignmentFlag.AlignVCenter)
            for row, line in enumerate(lines):
                box = QRectF(rect.x(), top + row * line_height, rect.width(), line_height)
                painter.drawText(box, flags, line)
        painter.end()
