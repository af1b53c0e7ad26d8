"""The Officers tab: add an officer, set a new PIN (typed twice, never shown), disable
or enable, change the role. The last active admin is kept by the store."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
)

from counter import strings
from counter.pages.admin import AdminActions, AdminData, AdminTab, button, form_rows, table
from shared.domain.model import Officer
from shared.storage.api import Store


class OfficersTab(AdminTab):
    def __init__(self, actions: AdminActions) -> None:
        super().__init__(actions)
        actions.loaded.connect(self.show_data)
        self.officers: tuple[Officer, ...] = ()
        layout = QHBoxLayout(self)
        self.table = table(strings.OFFICER_COLUMNS, stretch=1)
        self.table.itemSelectionChanged.connect(self._picked)
        layout.addWidget(self.table, 3)

        side = QVBoxLayout()
        form = QFormLayout()
        self.login_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.role_box = QComboBox()
        for role, text in (("officer", strings.ROLE_OFFICER), ("admin", strings.ROLE_ADMIN)):
            self.role_box.addItem(text.both, role)
        self.pin_edit = QLineEdit()
        self.pin_again_edit = QLineEdit()
        for edit in (self.pin_edit, self.pin_again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(12)
        form_rows(form, [
            (strings.OFFICER_ID, self.login_edit),
            (strings.OFFICER_NAME, self.name_edit),
            (strings.ROLE, self.role_box),
            (strings.PIN, self.pin_edit),
            (strings.PIN_AGAIN, self.pin_again_edit),
        ])
        side.addLayout(form)
        grid = QGridLayout()
        self.add_button = button(strings.ADD_OFFICER, primary=True)
        self.save_button = self.add_button
        self.pin_button = button(strings.SET_PIN)
        self.toggle_button = button(strings.DISABLE)
        self.role_button = button(strings.CHANGE_ROLE)
        for index, push in enumerate(
            (self.add_button, self.pin_button, self.toggle_button, self.role_button)
        ):
            grid.addWidget(push, index // 2, index % 2)
        self.change_buttons = [self.add_button, self.pin_button, self.toggle_button,
                               self.role_button]
        side.addLayout(grid)
        side.addStretch(1)
        layout.addLayout(side, 2)
        self.add_button.clicked.connect(self.add_officer)
        self.pin_button.clicked.connect(self.set_pin)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.role_button.clicked.connect(self.change_role)

    def show_data(self, data: AdminData) -> None:
        chosen = self.login_edit.text().strip()
        self.officers = data.officers
        self.table.blockSignals(True)
        self.table.setRowCount(len(data.officers))
        for row, officer in enumerate(data.officers):
            role = strings.ROLE_ADMIN if officer.role == "admin" else strings.ROLE_OFFICER
            state = strings.ENABLED if officer.active else strings.DISABLED
            for column, text in enumerate(
                (officer.login, officer.display_name, role.both, state.both)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if officer.login == chosen:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self._show_toggle()

    def _selected(self) -> Officer | None:
        login = self.login_edit.text().strip()
        return next((o for o in self.officers if o.login == login), None)

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        officer = self.officers[rows[0].row()]
        self.login_edit.setText(officer.login)
        self.name_edit.setText(officer.display_name)
        self.role_box.setCurrentIndex(self.role_box.findData(officer.role))
        self._show_toggle()

    def _show_toggle(self) -> None:
        officer = self._selected()
        text = strings.ENABLE if officer is not None and not officer.active else strings.DISABLE
        self.toggle_button.setText(f"{text.th} / {text.en}")

    def _typed_pin(self) -> str | None:
        """The PIN typed twice; the boxes are cleared either way (never kept on screen)."""
        pin, again = self.pin_edit.text(), self.pin_again_edit.text()
        self.pin_edit.clear()
        self.pin_again_edit.clear()
        if pin != again:
            self.runner.refuse(strings.PINS_DIFFER)
            return None
        return pin

    def add_officer(self) -> None:
        login, name = self.login_edit.text(), self.name_edit.text()
        role = self.role_box.currentData()
        pin = self._typed_pin()
        if pin is None:
            return

        def job(store: Store, admin: str) -> None:
            store.add_officer(login, name, pin, role, by=admin)

        self.runner.change(job)

    def set_pin(self) -> None:
        officer = self._selected()
        pin = self._typed_pin()
        if pin is None:
            return
        if officer is None:
            self.runner.refuse(strings.PICK_OFFICER)
            return
        self.runner.change(lambda store, admin: store.set_officer_pin(officer.login, pin, by=admin))

    def toggle_active(self) -> None:
        officer = self._selected()
        if officer is None:
            self.runner.refuse(strings.PICK_OFFICER)
        elif officer.active:
            self.runner.change(lambda store, admin: store.disable_officer(officer.login, by=admin))
        else:
            self.runner.change(lambda store, admin: store.enable_officer(officer.login, by=admin))

    def change_role(self) -> None:
        officer, role = self._selected(), self.role_box.currentData()
        if officer is None:
            self.runner.refuse(strings.PICK_OFFICER)
            return
        self.runner.change(
            lambda store, admin: store.set_officer_role(officer.login, role, by=admin)
        )
