"""Thai text laid out by our own word breaks in Qt: wrapped lines, word-boundary elision,
and a label that wraps with them.

Qt breaks Thai lines with libthai where it is installed (not on Windows) and ignores the
site's word joiners; it split ไข้|หวัดใหญ่ and ขับ|รถ. So lines are cut here, at the
points `shared.i18n.thai_breaks` allows, and Qt is given lines that already fit."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from shared.i18n.thai_breaks import plain, segments

ELLIPSIS = "…"
# Qt's own wrapping measures with integer metrics in places: a hair of room keeps it
# from breaking a line that fits by our float measure.
_SLACK_PX = 1.0


def wrap_lines(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """The text as lines no wider than `width`, broken only where a line may break.

    A single word wider than `width` stays whole on its own line (the caller shrinks the
    font or lets it run): cutting it would make another word."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for piece in segments(paragraph):
            candidate = current + piece
            if current and metrics.horizontalAdvance(candidate.rstrip()) > width:
                lines.append(current.rstrip())
                current = piece
            else:
                current = candidate
        lines.append(current.rstrip())
    return lines


def elide_words(text: str, metrics: QFontMetricsF, width: float) -> str:
    """The text cut to `width` with "…", after a whole word: never "น้ำตา…" for น้ำตาล.

    Only when not even the first word fits is it cut inside (nothing else can be shown)."""
    shown = plain(text)
    if metrics.horizontalAdvance(shown) <= width:
        return shown
    kept = ""
    for piece in segments(text):
        if metrics.horizontalAdvance((kept + piece).rstrip() + ELLIPSIS) > width:
            break
        kept += piece
    if not kept:
        return metrics.elidedText(shown, Qt.TextElideMode.ElideRight, width)
    return kept.rstrip() + ELLIPSIS


class ThaiLabel(QLabel):
    """A word-wrapped plain-text label whose lines break between Thai words.

    `text()` is the text as written (without the site's break marks), which is also what
    assistive technology reads; the label shows it cut into lines that fit its width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = ""
        self._wrapped_for: tuple[float, str] | None = None
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._source = text
        self._wrapped_for = None
        self.setAccessibleName(plain(text))
        self._rewrap()

    def text(self) -> str:
        return plain(self._source)

    def shown_lines(self) -> list[str]:
        """The lines as they are on screen now."""
        return QLabel.text(self).split("\n")

    def heightForWidth(self, width: int) -> int:
        if not self._source:
            return super().heightForWidth(width)
        metrics = QFontMetricsF(self.font())
        margins = self.contentsMargins()
        room = width - margins.left() - margins.right() - 2 * self.margin()
        lines = wrap_lines(self._source, metrics, room - _SLACK_PX)
        # A word wider than the room is wrapped again by Qt where it is shown: count the
        # lines Qt will draw, so the label is never shorter than its text.
        drawn = sum(
            max(1, math.ceil(metrics.horizontalAdvance(line) / max(room, 1.0)))
            for line in lines
        )
        return (
            math.ceil(drawn * metrics.lineSpacing())
            + margins.top()
            + margins.bottom()
            + 2 * self.margin()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rewrap()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._wrapped_for = None
            self._rewrap()

    def _rewrap(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin() - _SLACK_PX
        key = (room, self.font().key())
        if key == self._wrapped_for:
            return
        self._wrapped_for = key
        lines = wrap_lines(self._source, QFontMetricsF(self.font()), room)
        super().setText("\n".join(lines))
