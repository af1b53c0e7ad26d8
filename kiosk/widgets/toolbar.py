"""The strip under every page: Listen, Large text, Call staff. The window owns one, so a
new page gets it without doing anything."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk import strings
from kiosk.widgets.buttons import TouchButton

# Touch targets at the 1080-px design size (they shrink with the screen, never below 15 mm).
TOOL_BASE = (200, 84)


def _tool() -> TouchButton:
    button = TouchButton("tool")
    button.set_base_minimum(*TOOL_BASE)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return button


class PageToolbar(QWidget):
    """Requests only: `listen_requested`, `large_text_toggled`, `call_staff_requested`."""

    listen_requested = Signal()
    large_text_toggled = Signal()
    call_staff_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolbar")
        self.listen = _tool()
        self.large_text = _tool()
        self.call_staff = _tool()
        self.listen.clicked.connect(self.listen_requested)
        self.large_text.clicked.connect(self.large_text_toggled)
        self.call_staff.clicked.connect(self.call_staff_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 6, 20, 8)
        layout.setSpacing(16)
        for button in (self.listen, self.large_text, self.call_staff):
            layout.addWidget(button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.large = False
        self.called = False
        self.set_language("th")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.listen.setText(strings.LISTEN.pick(lang))
        text = strings.NORMAL_TEXT if self.large else strings.LARGE_TEXT
        self.large_text.setText(text.pick(lang))
        self.call_staff.setText(
            (strings.STAFF_CALLED if self.called else strings.CALL_STAFF).pick(lang)
        )

    def show_staff_called(self) -> None:
        """Told once: the button says staff are coming and takes no more touches."""
        self.called = True
        self.call_staff.setEnabled(False)
        self.set_language(self.lang)

    def show_staff_call_failed(self) -> None:
        self.called = False
        self.call_staff.setEnabled(True)
        self.set_language(self.lang)

    def reset(self) -> None:
        """The next citizen can call staff again."""
        self.show_staff_call_failed()

    def show_large(self, large: bool) -> None:
        self.large = large
        self.large_text.setProperty("on", "true" if large else "false")
        self.large_text.style().unpolish(self.large_text)
        self.large_text.style().polish(self.large_text)
        self.set_language(self.lang)
