"""The ticket being served, big: code, service, priority and booked marks and time since
the call."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from counter import strings
from counter.widgets.basics import card
from shared.clock import Clock
from shared.qt.thai_text import ThaiLabel
from shared.storage.api import TicketView


class CurrentTicketPanel(QWidget):
    """Shows one TicketView or the hint that nobody is being served."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.ticket: TicketView | None = None
        frame, layout = card(strings.NOW_SERVING)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

        self.code = QLabel()
        self.code.setObjectName("ticketCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setWordWrap(True)
        self.service = ThaiLabel()
        self.service.setObjectName("ticketService")
        self.service.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.priority = QLabel(strings.PRIORITY.both)
        self.priority.setObjectName("priority")
        self.booked = QLabel(strings.BOOKED.both)
        self.booked.setObjectName("booked")
        self.meta = QLabel()
        self.meta.setObjectName("ticketMeta")
        self.meta.setAlignment(Qt.AlignmentFlag.AlignCenter)

        badge_row = QHBoxLayout()
        badge_row.addStretch()
        badge_row.addWidget(self.priority)
        badge_row.addWidget(self.booked)
        badge_row.addStretch()
        layout.addWidget(self.code, 1)
        layout.addLayout(badge_row)
        layout.addWidget(self.service)
        layout.addWidget(self.meta)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_meta)
        self.show_ticket(None)

    def show_ticket(self, ticket: TicketView | None) -> None:
        self.ticket = ticket
        empty = ticket is None
        self.code.setProperty("empty", "true" if empty else "false")
        self.code.style().unpolish(self.code)
        self.code.style().polish(self.code)
        self._fit_code()
        if ticket is None:
            self.code.setText(strings.NO_TICKET.lines())
            self.service.setText("")
            self.priority.hide()
            self.booked.hide()
            self._tick.stop()
        else:
            self.code.setText(ticket.code)
            self.service.setText(f"{ticket.service_name_th}\n{ticket.service_name_en}")
            self.priority.setVisible(ticket.priority)
            self.booked.setVisible(ticket.booking is not None)
            self._tick.start()
        self._update_meta()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_code()

    def _fit_code(self) -> None:
        """The number grows with the panel: readable at a glance from the desk's side."""
        if self.ticket is None:
            self.code.setStyleSheet("")  # the theme's quiet hint style
            return
        px = round(max(96, min(self.height() * 0.3, self.width() * 0.22, 300)))
        self.code.setStyleSheet(f"font-size: {px}px;")

    def _update_meta(self) -> None:
        ticket = self.ticket
        if ticket is None or ticket.called_at is None:
            self.meta.setText("")
            return
        text = strings.called_ago((self._clock() - ticket.called_at).total_seconds()).both
        if ticket.recall_count:
            text += f"   ·   {strings.RECALLS.th} / {strings.RECALLS.en}: {ticket.recall_count}"
        self.meta.setText(text)
