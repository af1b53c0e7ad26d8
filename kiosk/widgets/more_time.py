"""Before the idle return to the home page: "More time?" for 10 seconds over the page.
A touch on it (or its button) gives the citizen the time back; no answer ends the visit."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk import strings
from kiosk.widgets.buttons import TouchButton
from kiosk.widgets.theme import set_role

ASK_MS = 10_000


class MoreTimeQuestion(QFrame):
    """Covers its parent while asking; `more_time` on a touch, `timed_out` after ASK_MS."""

    more_time = Signal()
    timed_out = Signal()

    def __init__(self, parent: QWidget, ask_ms: int = ASK_MS) -> None:
        super().__init__(parent)
        self.setObjectName("more-time")
        self.setStyleSheet("QFrame#more-time { background: rgba(0, 0, 0, 150); }")
        self.box = set_role(QFrame(), "ask")
        self.question = set_role(QLabel(), "title")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setWordWrap(True)
        self.yes = TouchButton()
        self.yes.set_base_minimum(420, 120)
        self.yes.clicked.connect(self._answered)
        inner = QVBoxLayout(self.box)
        inner.setContentsMargins(40, 30, 40, 30)
        inner.setSpacing(24)
        inner.addWidget(self.question)
        inner.addWidget(self.yes, 0, Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(ask_ms)
        self.timer.timeout.connect(self._timed_out)
        self.hide()

    def set_language(self, lang: str) -> None:
        self.question.setText(strings.MORE_TIME.pick(lang))
        self.yes.setText(strings.MORE_TIME_YES.pick(lang))

    def cover_parent(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def ask(self) -> None:
        self.cover_parent()
        self.show()
        self.raise_()
        self.timer.start()

    def asking(self) -> bool:
        return self.isVisible()

    def dismiss(self) -> None:
        self.timer.stop()
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._answered()  # a touch anywhere on the question says "I am still here"

    def _answered(self) -> None:
        if self.asking():
            self.dismiss()
            self.more_time.emit()

    def _timed_out(self) -> None:
        self.hide()
        self.timed_out.emit()
