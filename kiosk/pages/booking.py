""""I have a booking": the booking's QR through the kiosk's scanner (a USB scanner types
like a keyboard, then Enter) or its code on a large on-screen keypad."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk import strings
from kiosk.widgets.buttons import TouchButton
from kiosk.widgets.theme import set_role
from shared.domain.booking import CODE_ALPHABET, CODE_LENGTH

# A scanned URL is long; a typed code is CODE_LENGTH. Anything longer is not a booking.
MAX_SCAN = 300
KEYS_PER_ROW = 7


class BookingPage(QWidget):
    """Emits `checkin_requested(reference)`, `walk_in_requested(service)`, `back_requested`."""

    checkin_requested = Signal(str)
    walk_in_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.lang = "th"
        self.typed = ""  # what the keypad or the scanner entered
        self.walk_in_service = ""
        self.message_pair = ("", "")
        self.title = set_role(QLabel(), "title")
        self.hint = set_role(QLabel(), "subtitle")
        self.hint.setWordWrap(True)
        self.code = set_role(QLabel(), "pin")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = set_role(QLabel(), "warn")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[str, TouchButton] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, key in enumerate([*CODE_ALPHABET, "clear", "ok"]):
            button = TouchButton("key" if len(key) == 1 else "")
            button.set_base_minimum(110, 90)
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            self.keys[key] = button
            if len(key) == 1:
                button.setText(key)
                grid.addWidget(button, i // KEYS_PER_ROW, i % KEYS_PER_ROW)
        # Clear and OK on a row of their own, each three keys wide: easy to find.
        last_row = len(CODE_ALPHABET) // KEYS_PER_ROW + 1
        grid.addWidget(self.keys["clear"], last_row, 0, 1, 3)
        grid.addWidget(self.keys["ok"], last_row, KEYS_PER_ROW - 3, 1, 3)
        pad = QWidget()
        pad.setLayout(grid)
        self.walk_in = TouchButton()
        self.walk_in.set_base_minimum(0, 110)
        self.walk_in.clicked.connect(lambda: self.walk_in_requested.emit(self.walk_in_service))
        self.walk_in.hide()
        self.back = TouchButton("secondary")
        self.back.clicked.connect(self.back_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 28)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.code)
        layout.addWidget(self.message)
        layout.addWidget(self.walk_in)
        layout.addWidget(pad, 1, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignHCenter)
        self.set_language("th")

    def reset(self) -> None:
        self.typed = ""
        self.walk_in_service = ""
        self.message_pair = ("", "")
        self.walk_in.hide()
        self._show()
        self.setFocus()  # the scanner's keystrokes come here

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(strings.HAVE_BOOKING.pick(lang))
        self.hint.setText(strings.BOOKING_HINT.pick(lang))
        self.keys["clear"].setText(strings.PIN_CLEAR.pick(lang))
        self.keys["ok"].setText(strings.PIN_OK.pick(lang))
        self.back.setText(strings.BACK.pick(lang))
        self.walk_in.setText(strings.TAKE_WALK_IN.pick(lang))
        self._show()

    def show_refusal(self, message_th: str, message_en: str, walk_in_service: str) -> None:
        """Check-in refused: why (when it opens, or missed), and for a missed booking the
        offer of a walk-in ticket of its service."""
        self.typed = ""
        self.message_pair = (message_th, message_en)
        self.walk_in_service = walk_in_service
        self.walk_in.setVisible(bool(walk_in_service))
        self._show()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A USB scanner types the QR's URL like a keyboard, then Enter."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._press("ok")
        elif event.key() == Qt.Key.Key_Backspace:
            self.typed = self.typed[:-1]
            self._show()
        elif event.text() and event.text().isprintable() and len(self.typed) < MAX_SCAN:
            self.typed += event.text()
            self.message_pair = ("", "")
            self._show()
        else:
            super().keyPressEvent(event)

    def _press(self, key: str) -> None:
        if key == "clear":
            self.typed = ""
        elif key == "ok":
            if self.typed.strip():
                self.checkin_requested.emit(self.typed.strip())
            return
        elif len(self.typed) < CODE_LENGTH:
            self.typed += key
        self.message_pair = ("", "")
        self._show()

    def _show(self) -> None:
        shown = self.typed if len(self.typed) <= CODE_LENGTH else "QR ✓"
        self.code.setText(shown or "·" * CODE_LENGTH)
        th, en = self.message_pair
        self.message.setText(th if self.lang == "th" else en)
