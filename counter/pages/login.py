"""The sign-in page: counter, officer ID, PIN. Enter moves on; Enter in the PIN signs in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter import strings
from counter.models import Notice
from counter.widgets.basics import ActionButton, card
from counter.widgets.theme import Theme
from shared.domain.model import Counter


class LoginPage(QWidget):
    """Asks who signs in where; emits the request, shows the answer inline."""

    sign_in_requested = Signal(int, str, str)  # counter, login, pin

    def __init__(self, theme: Theme, site_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setObjectName("page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        header = QFrame()
        header.setObjectName("header")
        head = QVBoxLayout(header)
        head.setContentsMargins(18, 10, 18, 10)
        brand = QLabel(strings.APP_TITLE.both)
        brand.setObjectName("headerTitle")
        head.addWidget(brand)
        outer.addWidget(header)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        frame, body = card()
        frame.setMinimumWidth(560)
        row.addWidget(frame)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        title = QLabel(strings.LOGIN_TITLE.lines())
        title.setObjectName("cardTitle")
        title.setStyleSheet("font-size: 26px;")
        body.addWidget(title)
        self.site = QLabel(site_name)
        self.site.setObjectName("muted")
        body.addWidget(self.site)

        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.counter_box = QComboBox()
        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText("somchai")
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText("••••")
        for text, field in (
            (strings.COUNTER, self.counter_box),
            (strings.OFFICER_ID, self.login_edit),
            (strings.PIN, self.pin_edit),
        ):
            label = QLabel(text.lines())
            label.setStyleSheet("font-size: 16px;")
            form.addRow(label, field)
        body.addLayout(form)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("font-size: 16px;")
        body.addWidget(self.error)
        self.button = ActionButton(strings.SIGN_IN, "Enter", primary=True)
        body.addWidget(self.button)

        self.login_edit.returnPressed.connect(self.pin_edit.setFocus)
        self.pin_edit.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.setTabOrder(self.counter_box, self.login_edit)
        self.setTabOrder(self.login_edit, self.pin_edit)

    def set_counters(self, counters: list[Counter], preselect: int | None, locked: bool) -> None:
        """Fill the counter choice; `locked` when started with --counter N."""
        self.counter_box.clear()
        for counter in counters:
            services = ", ".join(counter.service_codes)
            self.counter_box.addItem(
                f"{counter.number} · {counter.name_th} / {counter.name_en} ({services})",
                counter.number,
            )
        index = self.counter_box.findData(preselect) if preselect is not None else -1
        self.counter_box.setCurrentIndex(max(index, 0))
        self.counter_box.setEnabled(not (locked and index >= 0))

    def selected_counter(self) -> int | None:
        data = self.counter_box.currentData()
        return int(data) if data is not None else None

    def reset(self) -> None:
        self.pin_edit.clear()
        self.set_busy(False)
        (self.pin_edit if self.login_edit.text() else self.login_edit).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def show_notice(self, notice: Notice) -> None:
        colour = self.theme.level_colour(notice.level)
        self.error.setStyleSheet(f"font-size: 16px; color: {colour};")
        self.error.setText(notice.text.lines())

    def show_failure(self, notice: Notice) -> None:
        self.show_notice(notice)
        self.pin_edit.clear()
        self.pin_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.button.set_text(strings.SIGNING_IN if busy else strings.SIGN_IN)

    def _submit(self) -> None:
        counter = self.selected_counter()
        if counter is None:
            self.show_notice(Notice(strings.LOADING_COUNTERS, "warn"))
            return
        if not self.button.isEnabled():
            return
        self.sign_in_requested.emit(counter, self.login_edit.text().strip(), self.pin_edit.text())
