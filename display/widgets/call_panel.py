"""The newest call, huge: the ticket number and its counter, flashing for a few seconds."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from display import strings
from display.model import CallState
from display.widgets.fit_label import FitLabel
from display.widgets.theme import Theme

BLINK_MS = 500


class NumberLabel(FitLabel):
    """The ticket number; reports each paint so latency can be measured on the screen."""

    painted = Signal(str)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit(self.text())


class CallPanel(QWidget):
    """ "เชิญหมายเลข A012 ที่ช่องบริการ 3": flashes (inverted colours) when a call arrives."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.flashing = False
        self._inverted = False
        self._blinks_left = 0
        f, bold = theme.family, QFont.Weight.Bold
        self.title_th = FitLabel(strings.NOW_CALLING.th, family=f, color=theme.text, weight=bold)
        self.title_en = FitLabel(strings.NOW_CALLING.en, family=f, color=theme.muted, fill=0.55)
        self.number = NumberLabel(
            "", family=f, color=theme.number, weight=QFont.Weight.ExtraBold, fill=1.2, tight=True
        )
        self.counter_th = FitLabel(strings.AT_COUNTER.th, family=f, color=theme.text, weight=bold)
        self.counter_en = FitLabel(strings.AT_COUNTER.en, family=f, color=theme.muted, fill=0.55)
        self.counter = FitLabel(
            "", family=f, color=theme.number, weight=QFont.Weight.ExtraBold, fill=1.2, tight=True
        )
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

        title = QHBoxLayout()
        title.addWidget(self.title_th, 3)
        title.addWidget(self.title_en, 2)
        counter_words = QVBoxLayout()
        counter_words.setSpacing(0)
        counter_words.addWidget(self.counter_th, 3)
        counter_words.addWidget(self.counter_en, 2)
        counter_row = QHBoxLayout()
        counter_row.addLayout(counter_words, 5)
        counter_row.addWidget(self.counter, 4)
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(0)
        self._layout.addLayout(title, 12)
        self._layout.addWidget(self.number, 50)
        self._layout.addLayout(counter_row, 28)

        self._blink = QTimer(self)
        self._blink.setInterval(BLINK_MS)
        self._blink.timeout.connect(self._toggle)
        self.show_call(None)

    def set_margins(self, px: int) -> None:
        self._layout.setContentsMargins(px, px // 2, px, px // 2)

    def show_call(self, call: CallState | None) -> None:
        """Show a call steadily (a board refresh, or nothing called yet)."""
        if call is None:
            self.number.setText("")
            self.counter.setText("")
            self.title_th.setText(strings.NO_CALL_YET.th)
            self.title_en.setText(strings.NO_CALL_YET.en)
            return
        title = strings.CALLING_AGAIN if call.recall else strings.NOW_CALLING
        self.title_th.setText(title.th)
        self.title_en.setText(title.en)
        self.number.setText(call.code)
        self.counter.setText(str(call.counter))

    def flash(self, call: CallState, seconds: int) -> None:
        """Show a new call and flash it for `seconds` (0: no flashing)."""
        self.show_call(call)
        self._blinks_left = seconds * 1000 // BLINK_MS
        if self._blinks_left > 0:
            self.flashing = True
            self._set_inverted(True)
            self._blink.start()
        else:
            self._stop()

    def _toggle(self) -> None:
        self._blinks_left -= 1
        if self._blinks_left <= 0:
            self._stop()
        else:
            self._set_inverted(not self._inverted)

    def _stop(self) -> None:
        self._blink.stop()
        self.flashing = False
        self._set_inverted(False)

    def _set_inverted(self, inverted: bool) -> None:
        self._inverted = inverted
        t = self.theme
        big = t.flash_text if inverted else t.number
        words = t.flash_text if inverted else t.text
        small = t.flash_text if inverted else t.muted
        for label in (self.number, self.counter):
            label.set_color(big)
        for label in (self.title_th, self.counter_th):
            label.set_color(words)
        for label in (self.title_en, self.counter_en):
            label.set_color(small)
        self.update()

    def background(self) -> QColor:
        return QColor(self.theme.flash_background if self._inverted else self.theme.panel)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.background())
        painter.setBrush(self.background())
        radius = min(self.width(), self.height()) * 0.04
        painter.drawRoundedRect(self.rect(), radius, radius)
        painter.end()
