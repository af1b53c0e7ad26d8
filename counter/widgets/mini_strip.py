"""Mini mode: a small always-on-top strip with the current number and Call / Recall / Finish,
for officers who work in another program at the same time."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from counter import strings
from counter.widgets.basics import ActionButton
from shared.storage.api import TicketView


class MiniStrip(QWidget):
    """A frameless tool window that stays on top; drag it anywhere by its number."""

    expand_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setObjectName("mini")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(strings.MINI.both)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        labels = QVBoxLayout()
        self.counter_label = QLabel()
        self.counter_label.setStyleSheet("font-size: 13px;")
        self.code = QLabel("—")
        self.code.setObjectName("miniCode")
        labels.addWidget(self.counter_label)
        labels.addWidget(self.code)
        layout.addLayout(labels)
        self.call_button = ActionButton(strings.CALL_NEXT, "F1", primary=True)
        self.recall_button = ActionButton(strings.RECALL, "F2")
        self.finish_button = ActionButton(strings.FINISH, "F4")
        self.expand_button = ActionButton(strings.FULL, "F9")
        for button in (
            self.call_button,
            self.recall_button,
            self.finish_button,
            self.expand_button,
        ):
            button.setMinimumHeight(52)
            layout.addWidget(button)
        self.expand_button.clicked.connect(self.expand_requested)
        self._drag_from: QPoint | None = None

    def show_counter(self, text: str) -> None:
        self.counter_label.setText(text)

    def show_ticket(self, ticket: TicketView | None, busy: bool, can_call: bool) -> None:
        self.code.setText("—" if ticket is None else ticket.code)
        self.call_button.setEnabled(can_call and not busy)
        self.recall_button.setEnabled(ticket is not None and not busy)
        self.finish_button.setEnabled(ticket is not None and not busy)

    def place_top_right(self) -> None:
        screen = self.screen().availableGeometry()
        self.adjustSize()
        self.move(screen.right() - self.width() - 16, screen.top() + 16)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._drag_from = event.globalPosition().toPoint() - self.frameGeometry().topLeft()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self.move(event.globalPosition().toPoint() - self._drag_from)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
