"""The Services tab: each service's names, agency and citizen manual (documents, time,
fee, where, hours, in Thai and English), its active flag, its booking places (per slot,
slot length, days ahead) and its place in the order; add a service. Saved through the site file's rules (`shared.site_edit`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter import strings
from counter.pages.admin import AdminActions, AdminData, AdminTab, button, form_rows
from shared.site import ServiceConfig
from shared.site_edit import add_service, edit_service, hours_from_text, hours_text, move_service

FIELDS = (
    "code", "prefix", "name_th", "name_en", "agency_th", "agency_en", "documents_th",
    "documents_en", "processing_minutes", "fee_th", "fee_en", "where_th", "where_en", "hours",
    "active", "booking_per_slot", "booking_slot_minutes", "booking_days_ahead",
)
_LINES = ("documents_th", "documents_en", "hours")
_NUMBERS = ("processing_minutes", "booking_per_slot", "booking_slot_minutes", "booking_days_ahead")
# The booking boxes take any whole number up to this: the site file's rule (one place)
# says which ones are allowed, and its message explains a refused one.
_BOOKING_BOX_MAX = 9999


class ServicesTab(AdminTab):
    def __init__(self, actions: AdminActions) -> None:
        super().__init__(actions)
        actions.loaded.connect(self.show_data)
        self.services: tuple[ServiceConfig, ...] = ()
        self.editing: str | None = None  # the code being edited; None: a new service
        layout = QHBoxLayout(self)
        side = QVBoxLayout()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._picked)
        side.addWidget(self.list, 1)
        self.new_button = button(strings.NEW_SERVICE)
        self.up_button = button(strings.MOVE_UP)
        self.down_button = button(strings.MOVE_DOWN)
        for push in (self.new_button, self.up_button, self.down_button):
            side.addWidget(push)
        layout.addLayout(side, 2)

        self.edits: dict[str, Any] = {}
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        rows = []
        for name, label in zip(FIELDS, strings.SERVICE_LABELS, strict=True):
            widget: QWidget
            if name in _LINES:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(100)  # three lines at the form's font size
            elif name == "processing_minutes":
                widget = QSpinBox()
                widget.setRange(1, 480)
            elif name in _NUMBERS:
                widget = QSpinBox()
                widget.setRange(0, _BOOKING_BOX_MAX)
            elif name == "active":
                widget = QCheckBox()
                # As tall as a line edit: the row's height is the widget's, and the
                # caption beside it takes two lines.
                widget.setMinimumHeight(44)
            else:
                widget = QLineEdit()
            self.edits[name] = widget
            rows.append((label, widget))
        form_rows(form, rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        self.save_button = button(strings.SAVE, primary=True)
        right.addWidget(self.save_button)
        layout.addLayout(right, 5)
        self.change_buttons = [self.save_button, self.up_button, self.down_button]
        self.new_button.clicked.connect(self.new_service)
        self.save_button.clicked.connect(self.save)
        self.up_button.clicked.connect(lambda: self.move_by(-1))
        self.down_button.clicked.connect(lambda: self.move_by(1))

    def show_data(self, data: AdminData) -> None:
        self.services = data.site.services
        keep = self.editing
        self.list.blockSignals(True)
        self.list.clear()
        for service in self.services:
            mark = "" if service.active else "  ✖"
            self.list.addItem(f"{service.code}  {service.prefix}  {service.name_th}{mark}")
        self.list.blockSignals(False)
        codes = [s.code for s in self.services]
        if keep in codes:
            self.list.setCurrentRow(codes.index(keep))
        elif keep is None and self.edits["code"].text():
            return  # a new service being typed stays on screen
        elif codes:
            self.list.setCurrentRow(0)

    def _picked(self, row: int) -> None:
        if not 0 <= row < len(self.services):
            return
        service = self.services[row]
        self.editing = service.code
        for name in FIELDS:
            widget = self.edits[name]
            value = getattr(service, name)
            if name == "hours":
                widget.setPlainText(hours_text(value))
            elif name in _LINES:
                widget.setPlainText("\n".join(value))
            elif name in _NUMBERS:
                widget.setValue(value)
            elif name == "active":
                widget.setChecked(value)
            else:
                widget.setText(value)
        self.edits["code"].setReadOnly(True)

    def new_service(self) -> None:
        self.editing = None
        self.list.clearSelection()
        for name in FIELDS:
            widget = self.edits[name]
            if name in _LINES:
                widget.clear()
            elif name in _NUMBERS:
                widget.setValue(getattr(ServiceConfig, name))
            elif name == "active":
                widget.setChecked(True)
            elif name in ("fee_th", "fee_en"):
                widget.setText(getattr(ServiceConfig, name))
            else:
                widget.clear()
        self.edits["code"].setReadOnly(False)
        self.edits["code"].setFocus()

    def fields(self) -> dict[str, Any]:
        """The form as the site file's keys and values (validated by the store's edit)."""
        values: dict[str, Any] = {}
        for name in FIELDS:
            widget = self.edits[name]
            if name == "hours":
                values[name] = hours_from_text(widget.toPlainText())
            elif name in _LINES:
                values[name] = widget.toPlainText().splitlines()
            elif name in _NUMBERS:
                values[name] = widget.value()
            elif name == "active":
                values[name] = widget.isChecked()
            else:
                values[name] = widget.text()
        return values

    def save(self) -> None:
        fields, code = self.fields(), self.editing
        edit = add_service(fields) if code is None else edit_service(code, fields)
        saved = str(fields["code"]).strip().upper()

        def edit_the_saved_one() -> None:
            self.editing = saved

        self.runner.change(
            lambda store, admin: store.change_site(edit, by=admin), then=edit_the_saved_one
        )

    def move_by(self, steps: int) -> None:
        code = self.editing
        if code is not None:
            edit = move_service(code, steps)
            self.runner.change(lambda store, admin: store.change_site(edit, by=admin))
