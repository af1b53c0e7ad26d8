"""The working page: the ticket being served, the scan box, the actions, the live panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter import strings
from counter.models import Session, Snapshot
from counter.widgets.basics import ActionButton, card
from counter.widgets.current_ticket import CurrentTicketPanel
from counter.widgets.live_panel import LivePanel
from shared.clock import Clock


class MainPage(QWidget):
    """Layout and rendering only; the window wires the buttons to the controller."""

    scan_submitted = Signal(str)  # typed code, scanned URL, or "" for call next

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._header())

        body = QHBoxLayout()
        body.setContentsMargins(16, 14, 16, 10)
        body.setSpacing(14)
        outer.addLayout(body, 1)
        left = QVBoxLayout()
        left.setSpacing(10)
        self.paused_banner = QLabel(strings.PAUSED_BANNER.both)
        self.paused_banner.setObjectName("pausedBanner")
        self.paused_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_banner.hide()
        left.addWidget(self.paused_banner)
        self.current = CurrentTicketPanel(clock)
        left.addWidget(self.current, 1)
        left.addWidget(self._scan_card())
        left.addLayout(self._action_grid())
        body.addLayout(left, 3)

        self.live = LivePanel()
        body.addWidget(self.live, 2)
        self.ticket_buttons = (
            self.recall_button,
            self.no_show_button,
            self.finish_button,
            self.transfer_button,
            self.return_button,
        )
        self._busy = False
        self._snapshot: Snapshot | None = None

    def _header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        head = QHBoxLayout(header)
        head.setContentsMargins(18, 8, 18, 8)
        titles = QVBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("headerTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("headerSub")
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        self.reports_button = ActionButton(strings.REPORTS, "F10")
        self.reports_button.hide()  # admins only (show_session)
        self.admin_button = ActionButton(strings.MANAGE, "F11")
        self.admin_button.hide()  # admins only (show_session)
        self.mini_button = ActionButton(strings.MINI, "F9")
        self.sign_out_button = ActionButton(strings.SIGN_OUT, "Ctrl+L")
        for button in (
            self.reports_button, self.admin_button, self.mini_button, self.sign_out_button
        ):
            button.setObjectName("headerButton")
            button.setMinimumHeight(52)
            head.addWidget(button)
        return header

    def _scan_card(self) -> QFrame:
        scan_frame, scan_body = card(strings.SCAN_LABEL)
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(strings.SCAN_PLACEHOLDER.both)
        self.scan.returnPressed.connect(self._scan_entered)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        hint = QLabel(strings.SCAN_HINT.lines())
        hint.setObjectName("muted")
        scan_row.addWidget(hint)
        scan_body.addLayout(scan_row)
        return scan_frame

    def _action_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(8)
        self.call_button = ActionButton(strings.CALL_NEXT, "Enter · F1", primary=True)
        self.call_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.recall_button = ActionButton(strings.RECALL, "F2")
        self.no_show_button = ActionButton(strings.NO_SHOW, "F3")
        self.finish_button = ActionButton(strings.FINISH, "F4")
        self.transfer_button = ActionButton(strings.TRANSFER, "F5")
        self.return_button = ActionButton(strings.RETURN, "F6")
        self.pause_button = ActionButton(strings.PAUSE, "F8")
        grid.addWidget(self.call_button, 0, 0, 2, 1)
        grid.addWidget(self.recall_button, 0, 1)
        grid.addWidget(self.no_show_button, 0, 2)
        grid.addWidget(self.finish_button, 0, 3)
        grid.addWidget(self.transfer_button, 1, 1)
        grid.addWidget(self.return_button, 1, 2)
        grid.addWidget(self.pause_button, 1, 3)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        return grid

    def show_session(self, session: Session) -> None:
        services = ", ".join(session.service_codes)
        self.title.setText(f"{session.counter_name_th} / {session.counter_name_en}")
        self.subtitle.setText(f"{session.display_name} ({session.login})  ·  {services}")
        self.reports_button.setVisible(session.is_admin)
        self.admin_button.setVisible(session.is_admin)
        self._snapshot = None
        self.current.show_ticket(None)
        self.scan.clear()
        self._render_buttons()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self.current.show_ticket(snapshot.current)
        self.paused_banner.setVisible(not snapshot.counter_open)
        self.pause_button.set_text(strings.PAUSE if snapshot.counter_open else strings.RESUME)
        self.live.show_snapshot(snapshot)
        self._render_buttons()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._render_buttons()

    def can_call(self) -> bool:
        return self._snapshot is not None and self._snapshot.counter_open

    def _render_buttons(self) -> None:
        ready = self._snapshot is not None and not self._busy
        has_ticket = ready and self._snapshot is not None and self._snapshot.current is not None
        self.call_button.setEnabled(ready and self.can_call())
        for button in self.ticket_buttons:
            button.setEnabled(has_ticket)
        self.pause_button.setEnabled(ready)

    def focus_scan(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def _scan_entered(self) -> None:
        if self._busy:
            return  # keep what was typed or scanned; Enter again once the action is done
        text = self.scan.text().strip()
        self.scan.clear()
        self.scan_submitted.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Focus elsewhere on the page (a click on a label): Enter still calls next.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self._busy:
            self.scan_submitted.emit("")
            self.focus_scan()
            return
        super().keyPressEvent(event)
