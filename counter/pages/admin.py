"""The admins' pages for running the site: officers, today's floor, services, counters
and the display, as tabs under one header.

Every read and change runs on the page's worker thread (the reports' worker); a change
goes through the store (the site file's validation, one transaction, an event naming
the admin), and the kiosk, the display and the other counters follow through the
change feed. On a connection that may not change the site (PostgreSQL as the apps'
role) the pages show what is there, read only, and say which role may change it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter import strings
from counter.widgets.basics import page_header
from shared.domain.errors import AuthError, KhiuError
from shared.domain.model import Officer
from shared.i18n.bilingual import Bilingual
from shared.qt.worker import StoreWorker
from shared.site import SiteConfig
from shared.storage.api import StatusView, Store


@dataclass(frozen=True)
class AdminData:
    """What the admin pages show, read in one background job."""

    site: SiteConfig
    officers: tuple[Officer, ...]
    status: StatusView
    manager: str | None  # None: this connection may change the site


def read_admin_data(store: Store) -> AdminData:
    return AdminData(store.site(), tuple(store.officers()), store.status(), store.site_manager())


def still_admin(store: Store, login: str) -> None:
    """An admin disabled or made an officer (by another admin) while this page stayed
    open changes nothing more."""
    if not any(o.login == login and o.active and o.role == "admin" for o in store.officers()):
        raise AuthError(
            f"บัญชี {login} ไม่ใช่ผู้ดูแลระบบที่ใช้งานได้แล้ว จึงเปลี่ยนแปลงการตั้งค่าไม่ได้",
            f"{login} is no longer an active admin and cannot change the site",
        )


class AdminActions(QObject):
    """Runs the pages' reads and changes on the worker; says how each ended."""

    loaded = Signal(object)  # AdminData
    succeeded = Signal(object)  # Bilingual: what was done
    failed = Signal(object)  # Bilingual: what went wrong

    def __init__(self, worker: StoreWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.admin = ""  # the signed-in admin's login, named in every change's event

    def reload(self) -> None:
        self.worker.submit(read_admin_data, self.loaded.emit, self._failed)

    def change(
        self,
        job: Callable[[Store, str], Any],
        done: Bilingual = strings.SAVED,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Run `job(store, admin_login)`; once it succeeded, `then()`, show the site as it
        is now and say `done`."""
        admin = self.admin

        def run(store: Store) -> AdminData:
            still_admin(store, admin)
            job(store, admin)
            return read_admin_data(store)

        def finished(data: AdminData) -> None:
            if then is not None:
                then()
            self.loaded.emit(data)
            self.succeeded.emit(done)

        self.worker.submit(run, finished, self._failed)

    def refuse(self, reason: Bilingual) -> None:
        self.failed.emit(reason)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, KhiuError):
            self.failed.emit(Bilingual(error.message_th, error.message_en))
        else:
            self.failed.emit(
                Bilingual(f"เกิดข้อผิดพลาด: {error}", f"Something went wrong: {error}")
            )


def caption(text: Bilingual) -> QLabel:
    label = QLabel(f"{text.th} / {text.en}")
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


def form_rows(layout: QFormLayout, rows: Sequence[tuple[Bilingual, QWidget]]) -> None:
    for text, widget in rows:
        layout.addRow(caption(text), widget)


def button(text: Bilingual, primary: bool = False) -> QPushButton:
    """A page button that takes focus (the admin pages are forms, driven by Tab); the
    primary one is also Ctrl+S."""
    push = QPushButton(f"{text.th} / {text.en}" + ("  [Ctrl+S]" if primary else ""))
    push.setMinimumHeight(44)
    if primary:
        push.setObjectName("primary")
    return push


def table(columns: Sequence[Bilingual], stretch: int) -> QTableWidget:
    """A read-only table of whole rows, one chosen at a time; column `stretch` takes the
    room the others leave."""
    grid = QTableWidget(0, len(columns))
    grid.setHorizontalHeaderLabels([c.both for c in columns])
    grid.setObjectName("adminTable")
    grid.verticalHeader().hide()
    grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    grid.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return grid


class AdminTab(QWidget):
    """One tab: each kind connects its own `show_data` to the actions' `loaded` (before
    the page connects its read-only notice); its change buttons rest when the connection
    may not."""

    def __init__(self, actions: AdminActions) -> None:
        super().__init__()
        self.runner = actions
        self.change_buttons: list[QPushButton] = []
        self.save_button: QPushButton | None = None  # what Ctrl+S presses on this tab

    def set_read_only(self, read_only: bool) -> None:
        for push in self.change_buttons:
            push.setEnabled(not read_only)


class AdminPage(QWidget):
    """The header with Back (Esc), the read-only notice and the tabs (outcomes show on
    the window's status line)."""

    back_requested = Signal()

    def __init__(self, worker: StoreWorker, tabs: list[tuple[Bilingual, type[AdminTab]]]) -> None:
        super().__init__()
        self.setObjectName("page")
        self.runner = AdminActions(worker, self)
        self.data: AdminData | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header, self.back_button = page_header(strings.MANAGE_TITLE)
        self.back_button.clicked.connect(self.back_requested.emit)
        outer.addWidget(header)
        self.read_only_notice = QLabel()
        self.read_only_notice.setObjectName("pausedBanner")
        self.read_only_notice.setWordWrap(True)
        self.read_only_notice.hide()
        outer.addWidget(self.read_only_notice)
        self.tabs = QTabWidget()
        self.pages: list[AdminTab] = []
        for text, kind in tabs:
            page = kind(self.runner)
            self.pages.append(page)
            self.tabs.addTab(page, f"{text.th} / {text.en}")
        outer.addWidget(self.tabs, 1)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_requested.emit)
        save = QShortcut(QKeySequence("Ctrl+S"), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_current)
        self.runner.loaded.connect(self._show)

    def open_for(self, admin_login: str) -> None:
        self.runner.admin = admin_login

    def save_current(self) -> None:
        """Ctrl+S: the current tab's save button, when it has one and may be used."""
        tab = self.tabs.currentWidget()
        push = tab.save_button if isinstance(tab, AdminTab) else None
        if push is not None and push.isEnabled():
            push.click()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.runner.reload()

    def _show(self, data: AdminData) -> None:
        self.data = data
        read_only = data.manager is not None
        if read_only:
            notice = strings.READ_ONLY
            self.read_only_notice.setText(
                f"{notice.th.format(role=data.manager)}\n{notice.en.format(role=data.manager)}"
            )
        self.read_only_notice.setVisible(read_only)
        for page in self.pages:
            page.set_read_only(read_only)
