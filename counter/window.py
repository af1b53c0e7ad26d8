"""The counter window: sign-in and main pages, the status line, shortcuts and mini mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from counter import strings
from counter.controller import CounterController
from counter.models import Notice, Session, Snapshot
from counter.pages.admin import AdminPage
from counter.pages.login import LoginPage
from counter.pages.main import MainPage
from counter.pages.reports import ReportsPage
from counter.reports_controller import ReportsController
from counter.widgets.basics import StatusLine
from counter.widgets.mini_strip import MiniStrip
from counter.widgets.theme import Theme
from counter.widgets.transfer_picker import TransferPicker
from shared.clock import Clock
from shared.domain.model import Counter
from shared.i18n.bilingual import Bilingual


class CounterWindow(QMainWindow):
    """Composes the pages; every button and key hands straight off to the controller."""

    def __init__(
        self,
        controller: CounterController,
        theme: Theme,
        clock: Clock,
        preselect: int | None,
        locked: bool,
        site_name: str = "",
        reports: ReportsController | None = None,
        admin: AdminPage | None = None,
    ) -> None:
        super().__init__()
        self.controller = controller
        self._preselect = preselect
        self._locked = locked
        self.setWindowTitle(strings.APP_TITLE.both)
        self.login_page = LoginPage(theme, site_name)
        self.main_page = MainPage(clock)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login_page)
        self.stack.addWidget(self.main_page)
        # Admins' reports; without a controller for them (some tests) there is no such page.
        self.reports_page = ReportsPage(reports) if reports is not None else None
        if self.reports_page is not None:
            self.stack.addWidget(self.reports_page)
        # The admin pages; without them (some tests) there is no such page.
        self.admin_page = admin
        if self.admin_page is not None:
            self.stack.addWidget(self.admin_page)
        self.status_line = StatusLine(theme)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_line)
        self.setCentralWidget(central)
        self.mini = MiniStrip()
        sheet = theme.stylesheet()
        self.setStyleSheet(sheet)
        self.mini.setStyleSheet(sheet)
        self.picker: TransferPicker | None = None
        self._wire()
        self.stack.setCurrentWidget(self.login_page)
        self._set_shortcuts_enabled(False)

    # --------------------------------------------------------------- wiring
    def _wire(self) -> None:
        c, page, mini = self.controller, self.main_page, self.mini
        self.login_page.sign_in_requested.connect(c.sign_in)
        page.scan_submitted.connect(c.call_ticket)
        page.call_button.clicked.connect(c.call_next)
        page.recall_button.clicked.connect(c.recall)
        page.no_show_button.clicked.connect(c.no_show)
        page.finish_button.clicked.connect(c.finish)
        page.transfer_button.clicked.connect(self.open_transfer)
        page.return_button.clicked.connect(c.return_to_queue)
        page.pause_button.clicked.connect(c.toggle_pause)
        page.mini_button.clicked.connect(self.toggle_mini)
        page.sign_out_button.clicked.connect(c.sign_out)
        page.reports_button.clicked.connect(self.open_reports)
        if self.reports_page is not None:
            self.reports_page.back_requested.connect(self.close_reports)
        page.admin_button.clicked.connect(self.open_admin)
        if self.admin_page is not None:
            self.admin_page.back_requested.connect(self.close_reports)
            self.admin_page.runner.succeeded.connect(
                lambda text: self.status_line.show_notice(Notice(text, "ok"))
            )
            self.admin_page.runner.failed.connect(
                lambda text: self.status_line.show_notice(Notice(text, "error"))
            )
        mini.call_button.clicked.connect(c.call_next)
        mini.recall_button.clicked.connect(c.recall)
        mini.finish_button.clicked.connect(c.finish)
        mini.expand_requested.connect(self.toggle_mini)

        c.counters_loaded.connect(self._counters_loaded)
        c.signed_in.connect(self._signed_in)
        c.signed_out.connect(self._signed_out)
        c.login_failed.connect(self.login_page.show_failure)
        c.snapshot_changed.connect(self._snapshot_changed)
        c.busy_changed.connect(self._busy_changed)
        c.notice.connect(self.status_line.show_notice)

        keys = [
            ("F1", c.call_next),
            ("F2", c.recall),
            ("F3", c.no_show),
            ("F4", c.finish),
            ("F5", self.open_transfer),
            ("F6", c.return_to_queue),
            ("F8", c.toggle_pause),
            ("F9", self.toggle_mini),
            ("Ctrl+L", c.sign_out),
            ("F10", self.open_reports),
            ("F11", self.open_admin),
        ]
        self.shortcuts: list[QShortcut] = []
        for widget in (self, mini):
            for key, slot in keys:
                shortcut = QShortcut(QKeySequence(key), widget)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(slot)
                self.shortcuts.append(shortcut)

    def _set_shortcuts_enabled(self, enabled: bool) -> None:
        for shortcut in self.shortcuts:
            shortcut.setEnabled(enabled)

    # ------------------------------------------------------------ reactions
    def _counters_loaded(self, counters: list[Counter]) -> None:
        self.login_page.set_counters(counters, self._preselect, self._locked)

    def _signed_in(self, session: Session) -> None:
        self._preselect = session.counter
        self.main_page.show_session(session)
        self.mini.show_counter(
            f"{strings.COUNTER.th} {session.counter} / {strings.COUNTER.en} {session.counter}"
        )
        self.stack.setCurrentWidget(self.main_page)
        self._set_shortcuts_enabled(True)
        self.main_page.focus_scan()
        self.status_line.show_notice(
            Notice(
                Bilingual(f"ยินดีต้อนรับ {session.display_name}", f"Welcome, {session.display_name}"), "ok"
            )
        )

    def _signed_out(self, notice: Notice) -> None:
        self._set_shortcuts_enabled(False)
        if self.picker is not None:
            self.picker.reject()
        if self.mini.isVisible():
            self.mini.hide()
            self.show()
        self.stack.setCurrentWidget(self.login_page)
        self.login_page.reset()
        self.login_page.show_notice(notice)
        self.status_line.show_notice(notice)
        self.controller.load_counters()

    def _snapshot_changed(self, snapshot: Snapshot) -> None:
        self.main_page.show_snapshot(snapshot)
        self._render_mini()

    def _busy_changed(self, busy: bool) -> None:
        self.login_page.set_busy(busy)
        self.main_page.set_busy(busy)
        self._render_mini()

    def _render_mini(self) -> None:
        snapshot = self.controller.snapshot
        self.mini.show_ticket(
            snapshot.current if snapshot else None, self.controller.busy, self.main_page.can_call()
        )

    # -------------------------------------------------------------- actions
    def open_transfer(self) -> None:
        session, snapshot = self.controller.session, self.controller.snapshot
        if session is None or snapshot is None or self.controller.busy:
            return
        if snapshot.current is None:
            self.status_line.show_notice(Notice(strings.NEED_TICKET, "warn"))
            return
        self.picker = TransferPicker(session.services, snapshot.current.service, self)
        self.picker.chosen.connect(self.controller.transfer)
        self.picker.finished.connect(self._picker_closed)
        self.picker.open()

    def open_reports(self) -> None:
        """Admins only: the reports page (the counter's keys rest while it shows)."""
        session = self.controller.session
        if self.reports_page is None or session is None or not session.is_admin:
            return
        if self.mini.isVisible():
            self.toggle_mini()
        self._set_shortcuts_enabled(False)
        self.stack.setCurrentWidget(self.reports_page)

    def open_admin(self) -> None:
        """Admins only: the pages that run the site (the counter's keys rest meanwhile)."""
        session = self.controller.session
        if self.admin_page is None or session is None or not session.is_admin:
            return
        if self.mini.isVisible():
            self.toggle_mini()
        self._set_shortcuts_enabled(False)
        self.admin_page.open_for(session.login)
        self.stack.setCurrentWidget(self.admin_page)

    def close_reports(self) -> None:
        """Back from the reports or the admin pages to the counter."""
        if self.stack.currentWidget() not in (self.reports_page, self.admin_page):
            return
        self.stack.setCurrentWidget(self.main_page)
        self._set_shortcuts_enabled(self.controller.session is not None)
        self.main_page.focus_scan()

    def _picker_closed(self) -> None:
        self.picker = None
        self.activateWindow()
        self.main_page.focus_scan()

    def toggle_mini(self) -> None:
        if self.mini.isVisible():
            self.mini.hide()
            self.show()
            self.activateWindow()
            self.main_page.focus_scan()
        else:
            self._render_mini()
            self.mini.place_top_right()
            self.mini.show()
            self.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.mini.close()
        super().closeEvent(event)
