"""Small building blocks: an action button with its key hint, a card frame, the status line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter import strings
from counter.models import Notice
from counter.widgets.theme import Theme
from shared.i18n.bilingual import Bilingual


class ActionButton(QPushButton):
    """Thai over English, with the keyboard shortcut on the button itself.

    Buttons never take focus: the scan box keeps it, so Enter and scans always land there."""

    def __init__(
        self, text: Bilingual, keys: str, primary: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.keys = keys
        self.set_text(text)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(64)
        if primary:
            self.setObjectName("primary")

    def set_text(self, text: Bilingual) -> None:
        self.setText(f"{text.th}\n{text.en}  [{self.keys}]")
        self.setToolTip(f"{text.both} — {self.keys}")


def page_header(title: Bilingual) -> tuple[QFrame, ActionButton]:
    """The navy strip atop an admin's page (Reports, Manage): its title and Back [Esc]."""
    header = QFrame()
    header.setObjectName("header")
    head = QHBoxLayout(header)
    head.setContentsMargins(18, 8, 18, 8)
    label = QLabel(f"{title.th} / {title.en}")
    label.setObjectName("headerTitle")
    head.addWidget(label, 1)
    back = ActionButton(strings.BACK, "Esc")
    back.setObjectName("headerButton")
    back.setMinimumHeight(52)
    head.addWidget(back)
    return header, back


def card(title: Bilingual | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A white rounded panel with an optional bilingual title."""
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    if title is not None:
        heading = QLabel(title.both)
        heading.setObjectName("cardTitle")
        layout.addWidget(heading)
    return frame, layout


class StatusLine(QLabel):
    """The bilingual line at the bottom: what just happened, or what went wrong."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setObjectName("status")
        self.setWordWrap(True)
        self.level = "info"

    def show_notice(self, notice: Notice) -> None:
        self.level = notice.level
        colour = self.theme.level_colour(notice.level)
        self.setStyleSheet(f"color: {colour};")
        mark = {"error": "✖ ", "warn": "⚠ ", "ok": "✔ "}.get(notice.level, "")
        self.setText(f"{mark}{notice.text.th}  ·  {notice.text.en}")
