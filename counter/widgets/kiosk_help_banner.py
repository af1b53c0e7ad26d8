"""The banner a signed-in counter shows while the kiosk calls for staff, with the answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from counter import strings


class KioskHelpBanner(QFrame):
    """Visible while a call is open and an officer is signed in here; `answer_requested`."""

    answer_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskHelp")
        self.message = QLabel(strings.KIOSK_NEEDS_HELP.both)
        self.message.setObjectName("kioskHelpText")
        self.message.setWordWrap(True)
        self.answer_button = QPushButton(strings.KIOSK_HELP_ANSWER.both)
        self.answer_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan box keeps focus
        self.answer_button.setMinimumHeight(48)
        self.answer_button.clicked.connect(self.answer_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.answer_button)
        self.setStyleSheet(
            "QFrame#kioskHelp { background: #b42318; }"
            "QLabel#kioskHelpText { color: white; font-size: 20px; font-weight: 700; }"
        )
        self._pending = False
        self._signed_in = False
        self.hide()

    def set_pending(self, pending: bool) -> None:
        self._pending = pending
        self._update()

    def set_signed_in(self, signed_in: bool) -> None:
        self._signed_in = signed_in
        self._update()

    def _update(self) -> None:
        self.setVisible(self._pending and self._signed_in)
