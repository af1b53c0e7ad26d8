"""Today's floor: every counter, who is signed in, what it serves and its current
ticket, the waiting per service; pause or resume a counter, sign out a counter that a
crashed PC left held."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
)

from counter import strings
from counter.pages.admin import AdminActions, AdminData, AdminTab, button, table
from shared.storage.api import CounterLine

# Officers sign in and tickets move while the admin watches; the tab re-reads this often.
REFRESH_MS = 3_000


class FloorTab(AdminTab):
    def __init__(self, actions: AdminActions) -> None:
        super().__init__(actions)
        actions.loaded.connect(self.show_data)
        self.counters: tuple[CounterLine, ...] = ()
        layout = QVBoxLayout(self)
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.setObjectName("serviceName")
        layout.addWidget(self.waiting)
        self.table = table(strings.FLOOR_COLUMNS, stretch=2)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.pause_button = button(strings.PAUSE_OR_RESUME)
        self.release_button = button(strings.RELEASE_COUNTER)
        row.addWidget(self.pause_button)
        row.addWidget(self.release_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.change_buttons = [self.pause_button, self.release_button]
        self.pause_button.clicked.connect(self.toggle_pause)
        self.release_button.clicked.connect(self.release)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(actions.reload)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def show_data(self, data: AdminData) -> None:
        chosen = self._selected()
        self.waiting.setText(
            f"{strings.WAITING_PER_SERVICE.both}:  "
            + "   ".join(f"{s.code} {s.waiting}" for s in data.status.services)
        )
        self.counters = data.status.counters
        self.table.setRowCount(len(self.counters))
        for row, counter in enumerate(self.counters):
            state = strings.OPEN if counter.open else strings.PAUSED_STATE
            values = (
                f"{counter.number}  {counter.name_th}",
                counter.officer or strings.NOBODY_SIGNED_IN.th,
                ", ".join(counter.services),
                counter.current.code if counter.current is not None else "",
                state.both,
            )
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if chosen is not None and counter.number == chosen.number:
                self.table.selectRow(row)

    def _selected(self) -> CounterLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.counters[rows[0].row()] if rows and rows[0].row() < len(self.counters) else None

    def toggle_pause(self) -> None:
        counter = self._selected()
        if counter is None:
            self.runner.refuse(strings.PICK_COUNTER)
            return
        done = strings.PAUSED if counter.open else strings.RESUMED
        self.runner.change(
            lambda store, admin: store.set_counter_open(
                counter.number, not counter.open, by=admin
            ),
            done,
        )

    def release(self) -> None:
        counter = self._selected()
        if counter is None:
            self.runner.refuse(strings.PICK_COUNTER)
            return
        self.runner.change(lambda store, admin: store.release_counter(counter.number, by=admin))
