"""Pick the service to transfer to: number keys choose at once, arrows + Enter, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from counter import strings as S
from counter.models import ServiceOption


class TransferPicker(QDialog):
    """A small modal list of services, numbered 1–9 for one-key choice."""

    chosen = Signal(str)  # service code

    def __init__(self, services: tuple[ServiceOption, ...], current_service: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(S.TRANSFER_TITLE.both)
        self.setModal(True)
        self.options = [s for s in services if s.code != current_service]
        layout = QVBoxLayout(self)
        title = QLabel(S.TRANSFER_TITLE.both)
        title.setObjectName("cardTitle")
        hint = QLabel(S.TRANSFER_HINT.lines())
        hint.setObjectName("muted")
        self.list = QListWidget()
        for number, option in enumerate(self.options, start=1):
            key = str(number) if number <= 9 else " "
            item = QListWidgetItem(f"{key}   {option.code}  {option.name_th}\n     {option.name_en}")
            item.setData(Qt.ItemDataRole.UserRole, option.code)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda item: self._choose(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        self.resize(520, 520)
        self.list.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= min(9, len(self.options)):
            self._choose(self.options[int(text) - 1].code)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.list.currentItem()
            if item is not None:
                self._choose(item.data(Qt.ItemDataRole.UserRole))
            return
        super().keyPressEvent(event)

    def _choose(self, code: str) -> None:
        self.accept()
        self.chosen.emit(code)
