"""The Counters tab: each counter's names and the services it serves, in order; add a
counter, or retire one (refused while it serves a ticket, as a reload is)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
)

from counter import strings
from counter.pages.admin import AdminActions, AdminData, AdminTab, button, form_rows
from shared.site import CounterConfig
from shared.site_edit import add_counter, codes_from_text, edit_counter, retire_counter

COUNTER_MAX = 999  # the site file's range


class CountersTab(AdminTab):
    def __init__(self, actions: AdminActions) -> None:
        super().__init__(actions)
        actions.loaded.connect(self.show_data)
        self.counters: tuple[CounterConfig, ...] = ()
        layout = QHBoxLayout(self)
        side = QVBoxLayout()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._picked)
        side.addWidget(self.list, 1)
        self.new_button = button(strings.NEW_COUNTER)
        self.retire_button = button(strings.RETIRE_COUNTER)
        side.addWidget(self.new_button)
        side.addWidget(self.retire_button)
        layout.addLayout(side, 2)

        right = QVBoxLayout()
        form = QFormLayout()
        self.number_box = QSpinBox()
        self.number_box.setRange(1, COUNTER_MAX)
        self.name_th_edit = QLineEdit()
        self.name_en_edit = QLineEdit()
        self.services_edit = QLineEdit()
        form_rows(form, [
            (strings.COUNTER_NUMBER, self.number_box),
            (strings.COUNTER_NAME_TH, self.name_th_edit),
            (strings.COUNTER_NAME_EN, self.name_en_edit),
            (strings.COUNTER_SERVICES, self.services_edit),
        ])
        right.addLayout(form)
        self.known_services = QLabel()
        self.known_services.setObjectName("muted")
        self.known_services.setWordWrap(True)
        right.addWidget(self.known_services)
        self.save_button = button(strings.SAVE, primary=True)
        right.addWidget(self.save_button)
        right.addStretch(1)
        layout.addLayout(right, 5)
        self.change_buttons = [self.save_button, self.retire_button]
        self.new_button.clicked.connect(self.new_counter)
        self.save_button.clicked.connect(self.save)
        self.retire_button.clicked.connect(self.retire)

    def show_data(self, data: AdminData) -> None:
        keep = self.number_box.value()
        self.counters = data.site.counters
        self.known_services.setText(
            "   ".join(f"{s.code} {s.name_th}" for s in data.site.services if s.active)
        )
        self.list.blockSignals(True)
        self.list.clear()
        for counter in self.counters:
            self.list.addItem(
                f"{counter.number}  {counter.name_th}  ·  {', '.join(counter.services)}"
            )
        self.list.blockSignals(False)
        numbers = [c.number for c in self.counters]
        if keep in numbers:
            self.list.setCurrentRow(numbers.index(keep))
        elif not self.number_box.isEnabled():
            self.list.setCurrentRow(0 if numbers else -1)

    def _picked(self, row: int) -> None:
        if not 0 <= row < len(self.counters):
            return
        counter = self.counters[row]
        self.number_box.setValue(counter.number)
        self.number_box.setEnabled(False)  # the number names its history
        self.name_th_edit.setText(counter.name_th)
        self.name_en_edit.setText(counter.name_en)
        self.services_edit.setText(", ".join(counter.services))

    def new_counter(self) -> None:
        self.list.clearSelection()
        self.number_box.setEnabled(True)
        self.number_box.setValue(min(COUNTER_MAX, max((c.number for c in self.counters),
                                                      default=0) + 1))
        number = self.number_box.value()
        self.name_th_edit.setText(f"ช่องบริการ {number}")
        self.name_en_edit.setText(f"Counter {number}")
        self.services_edit.clear()
        self.services_edit.setFocus()

    def save(self) -> None:
        number = self.number_box.value()
        fields = {
            "number": number,
            "name_th": self.name_th_edit.text(),
            "name_en": self.name_en_edit.text(),
            "services": codes_from_text(self.services_edit.text()),
        }
        adding = self.number_box.isEnabled()
        edit = add_counter(fields) if adding else edit_counter(number, fields)

        def edit_the_saved_one() -> None:
            self.number_box.setEnabled(False)

        self.runner.change(
            lambda store, admin: store.change_site(edit, by=admin), then=edit_the_saved_one
        )

    def retire(self) -> None:
        if self.number_box.isEnabled():
            self.runner.refuse(strings.PICK_COUNTER)
            return
        edit = retire_counter(self.number_box.value())
        # Once it is gone, show_data moves the form to the first counter left.
        self.runner.change(lambda store, admin: store.change_site(edit, by=admin))
