"""Pick the service to transfer to: number keys choose at once, arrows + Enter, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from counter import strings
from counter.models import ServiceOption


class TransferPicker(QDialog):
    """A small modal list of services, numbered 1–9 for one-key choice."""

    chosen = Signal(str)  # service code

    def __init__(
        self,
        services: tuple[ServiceOption, ...],
        current_service: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.TRANSFER_TITLE.both)
        self.setModal(True)
        self.options = [s for s in services if s.code != current_service]
        layout = QVBoxLayout(self)
        title = QLabel(strings.TRANSFER_TITLE.both)
        title.setObjectName("cardTitle")
        hint = QLabel(strings.TRANSFER_HINT.lines())
        hint.setObjectName("muted")
        self.list = QListWidget()
        for number, option in enumerate(self.options, start=1):
            key = str(number) if number <= 9 else " "
            item = QListWidgetItem(
                f"{key}   {option.code}  {option.name_th}\n     {option.name_en}"
            )
            item.setData(Qt.ItemDataRole.UserRole, option.code)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(
            lambda item: self._choose(item.data(Qt.ItemDataRole.UserRole))
        )
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        self.resize(600, 640)
        self.list.setFocus()

        # The list would take digits for its type-ahead search: catch them first.
        self.list.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        """Number keys choose at once; Enter chooses the highlighted row."""
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= min(9, len(self.options)):
            self._choose(self.options[int(text) - 1].code)
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.list.currentItem()
            if item is not None:
                self._choose(item.data(Qt.ItemDataRole.UserRole))
            return True
        return False

    def _choose(self, code: str) -> None:
        if self.result() == QDialog.DialogCode.Accepted:
            return  # one choice per picker, however fast the keys come
        self.accept()
        self.chosen.emit(code)
