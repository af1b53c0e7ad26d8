"""The admin PIN pad (big keys, digits hidden) and the admin page behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk import strings
from kiosk.widgets.buttons import TouchButton
from kiosk.widgets.theme import set_role

MAX_PIN = 12


class PinPage(QWidget):
    """Collects a PIN by touch; emits `pin_entered(pin)` on OK and `cancelled`."""

    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.lang = "th"
        self.pin = ""
        # A heading, not a page title: the pad needs the height in large text.
        self.title = set_role(QLabel(), "heading")
        self.dots = set_role(QLabel(), "pin")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = set_role(QLabel(), "warn")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[str, TouchButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]):
            button = TouchButton("key" if key.isdigit() else "")
            button.set_base_minimum(140, 84)
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            self.keys[key] = button
            grid.addWidget(button, i // 3, i % 3)
        for digit in "0123456789":
            self.keys[digit].setText(digit)
        self.cancel = TouchButton("secondary")
        self.cancel.clicked.connect(self._cancel)
        pad = QWidget()
        pad.setLayout(grid)
        pad.setMaximumWidth(720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 28, 28, 28)
        # Cancel beside the title, as Back is on a service page: the pad keeps its height
        # for large text on a short screen.
        header = QHBoxLayout()
        header.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.title, 1, Qt.AlignmentFlag.AlignCenter)
        layout.addLayout(header)
        layout.addWidget(self.dots)
        layout.addWidget(self.message)
        layout.addWidget(pad, 1, Qt.AlignmentFlag.AlignHCenter)
        self.set_language("th")

    def reset(self) -> None:
        self.pin = ""
        self.message.setText("")
        self._show()

    def show_wrong(self, message: str | None = None) -> None:
        self.pin = ""
        self.message.setText(message or strings.PIN_WRONG.pick(self.lang))
        self._show()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(strings.PIN_TITLE.pick(lang))
        self.keys["clear"].setText(strings.PIN_CLEAR.pick(lang))
        self.keys["ok"].setText(strings.PIN_OK.pick(lang))
        self.cancel.setText(strings.CANCEL.pick(lang))

    def _press(self, key: str) -> None:
        if key == "clear":
            self.pin = ""
        elif key == "ok":
            if self.pin:
                self.pin_entered.emit(self.pin)
            return
        elif len(self.pin) < MAX_PIN:
            self.pin += key
        self.message.setText("")
        self._show()

    def _show(self) -> None:
        self.dots.setText("●" * len(self.pin) or " ")

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()


class AdminPage(QWidget):
    """Behind the PIN: leave the kiosk, check the printer, or go back."""

    exit_requested = Signal()
    check_printer_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.title = set_role(QLabel(), "title")
        self.printer = set_role(QLabel(), "body")
        self.printer.setWordWrap(True)
        self.exit = TouchButton("danger")
        self.exit.clicked.connect(self.exit_requested)
        self.check = TouchButton("secondary")
        self.check.clicked.connect(self.check_printer_requested)
        self.back = TouchButton()
        self.back.clicked.connect(self.back_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 60)
        layout.addWidget(self.title)
        layout.addWidget(self.printer)
        layout.addStretch(1)
        for button in (self.check, self.exit, self.back):
            button.set_base_minimum(0, 120)
            layout.addWidget(button)
        self.set_language("th")

    def set_language(self, lang: str) -> None:
        self.title.setText(strings.ADMIN_TITLE.pick(lang))
        self.exit.setText(strings.EXIT_KIOSK.pick(lang))
        self.check.setText(strings.CHECK_PRINTER.pick(lang))
        self.back.setText(strings.BACK.pick(lang))

    def show_printer(self, text: str) -> None:
        self.printer.setText(text)
