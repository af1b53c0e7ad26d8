"""The kiosk window: a top bar, the pages in a stack, the toolbar under every page (Listen,
Large text, Call staff), the hidden admin corner, idle return to Thai, normal text and home
after asking "More time?", and lockdown (no closing without the admin PIN)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import strings
from kiosk.controller import KioskController
from kiosk.models import IssuedTicket, PrinterState, PrintOutcome, ServiceTile
from kiosk.pages.booking import BookingPage
from kiosk.pages.home import HomePage
from kiosk.pages.issued import IssuedPage
from kiosk.pages.pin import AdminPage, PinPage
from kiosk.pages.service import ServicePage
from kiosk.widgets.buttons import TouchButton
from kiosk.widgets.corner import CornerHotspot
from kiosk.widgets.idle import IdleWatcher
from kiosk.widgets.more_time import ASK_MS, MoreTimeQuestion
from kiosk.widgets.reading import spoken_lines
from kiosk.widgets.theme import Theme, mm_to_px, scale_for, set_role
from kiosk.widgets.toolbar import PageToolbar
from shared.site import SiteConfig

CORNER_MM = 20


class KioskWindow(QMainWindow):
    """Composes the pages and wires them to the controller; holds no queue logic."""

    def __init__(
        self,
        controller: KioskController,
        idle: IdleWatcher,
        *,
        theme: Theme,
        locked: bool = True,
        long_press_ms: int = 3000,
        more_time_ms: int = ASK_MS,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.idle = idle
        self.theme = theme
        self.locked = locked
        self.lang = "th"
        self.large_text = False
        self._scale = 0.0
        self.tiles: tuple[ServiceTile, ...] = ()
        self.setWindowTitle("Khiu kiosk")
        if locked:
            self.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )

        self.site_name = set_role(QLabel(), "site")
        self.site_name.setWordWrap(True)  # a long name in large text takes two lines
        self.lang_button = TouchButton("lang")
        self.lang_button.clicked.connect(self.toggle_language)
        bar = QWidget()
        bar.setObjectName("topbar")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(110, 10, 20, 10)
        bar_layout.addWidget(self.site_name, 1)
        bar_layout.addWidget(self.lang_button)

        # Said on the home and service pages once a senior's ID card is read.
        self.senior_note = set_role(QLabel(), "band")
        self.senior_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.senior_note.setWordWrap(True)
        self.senior_note.hide()

        self.home = HomePage()
        self.service = ServicePage()
        self.issued = IssuedPage()
        self.pin = PinPage()
        self.admin = AdminPage()
        self.booking = BookingPage()
        self.stack = QStackedWidget()
        for page in (self.home, self.service, self.issued, self.pin, self.admin, self.booking):
            self.stack.addWidget(page)
        self.stack.currentChanged.connect(self._size_to_current_page)
        # Reading stops when the page it was reading goes away.
        self.stack.currentChanged.connect(lambda _index: self.controller.stop_speaking())
        self._size_to_current_page(self.stack.currentIndex())

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.senior_note)
        layout.addWidget(self.stack, 1)
        self.toolbar = PageToolbar()
        layout.addWidget(self.toolbar)
        self.setCentralWidget(central)
        self.admin_corner = CornerHotspot(long_press_ms, central)
        self.admin_corner.setObjectName("admin-corner")
        self.more_time = MoreTimeQuestion(central, more_time_ms)

        self._wire()
        self.set_language("th")

    # -------------------------------------------------------------- wiring
    def _wire(self) -> None:
        c = self.controller
        c.site_changed.connect(self.show_site)
        c.tiles_changed.connect(self.show_tiles)
        c.ticket_issued.connect(self.show_issued)
        c.issue_failed.connect(self.service.show_error)
        c.print_started.connect(lambda _code: self.issued.show_printing())
        c.print_finished.connect(self.show_outcome)
        c.printer_changed.connect(self.show_printer)
        c.connection_changed.connect(self.home.show_connection)
        c.pin_checked.connect(self._pin_checked)
        c.pin_refused.connect(self._pin_refused)
        c.senior_card_read.connect(self.show_senior_card)
        self.home.service_chosen.connect(self.open_service)
        self.home.booking_chosen.connect(self.open_booking)
        self.booking.checkin_requested.connect(c.check_in)
        self.booking.walk_in_requested.connect(self.open_service)
        self.booking.back_requested.connect(self.go_home)
        c.checkin_refused.connect(self.booking.show_refusal)
        self.service.back_requested.connect(self.go_home)
        self.service.ticket_requested.connect(c.issue)
        self.issued.done_requested.connect(self.reset_to_start)
        self.issued.reprint_requested.connect(c.reprint)
        self.admin_corner.long_pressed.connect(self.ask_pin)
        self.pin.pin_entered.connect(c.check_pin)
        self.pin.cancelled.connect(self.go_home)
        self.admin.back_requested.connect(self.go_home)
        self.admin.exit_requested.connect(self.unlock_and_close)
        self.admin.check_printer_requested.connect(c.check_printer)
        self.idle.idle.connect(self.on_idle)
        self.more_time.more_time.connect(self.idle.restart)
        self.more_time.timed_out.connect(self.reset_to_start)
        self.toolbar.large_text_toggled.connect(self.toggle_large_text)
        self.toolbar.call_staff_requested.connect(c.call_staff)
        self.toolbar.listen_requested.connect(self.read_page_aloud)
        c.staff_called.connect(self.toolbar.show_staff_called)
        c.staff_call_failed.connect(self.toolbar.show_staff_call_failed)

    # --------------------------------------------------------------- views
    def show_site(self, site: SiteConfig) -> None:
        self.site_name.setText(site.name_th if self.lang == "th" else site.name_en)
        self.idle.set_idle_ms(site.kiosk.idle_seconds * 1000)
        self.home.booking.setVisible(any(s.booking_per_slot > 0 for s in site.services))

    def open_booking(self) -> None:
        self.stack.setCurrentWidget(self.booking)
        self.booking.reset()

    def show_tiles(self, tiles: tuple[ServiceTile, ...]) -> None:
        self.tiles = tiles
        self.home.show_tiles(tiles)
        current = self.service.tile
        if current is not None:
            for tile in tiles:
                if tile.service.code == current.service.code and tile != current:
                    self.service.show_tile(tile)

    def open_service(self, code: str) -> None:
        for tile in self.tiles:
            if tile.service.code == code:
                self.service.show_tile(tile)
                self.stack.setCurrentWidget(self.service)
                return

    def show_senior_card(self) -> None:
        """A senior's card counts where a ticket is being chosen (home, a service)."""
        if self.stack.currentWidget() in (self.home, self.service):
            self.controller.expect_senior()
            self.senior_note.show()
            self.controller.speak([strings.SENIOR_CARD.pick(self.lang)], self.lang)

    def show_issued(self, issued: IssuedTicket) -> None:
        self.senior_note.hide()
        self.issued.show_ticket(issued)
        self.stack.setCurrentWidget(self.issued)
        self.idle.restart()

    def show_outcome(self, outcome: PrintOutcome) -> None:
        self.issued.show_outcome(outcome)

    def show_printer(self, state: PrinterState) -> None:
        self.home.show_printer(state)
        ok = strings.PRINTER_OK.pick(self.lang)
        self.admin.show_printer(
            ok if state.ok else (state.message_th if self.lang == "th" else state.message_en)
        )

    def ask_pin(self) -> None:
        self.pin.reset()
        self.stack.setCurrentWidget(self.pin)

    def _pin_checked(self, ok: bool) -> None:
        if self.stack.currentWidget() is not self.pin:
            return
        if ok:
            self.pin.reset()
            self.stack.setCurrentWidget(self.admin)
        else:
            self.pin.show_wrong()

    def _pin_refused(self, message_th: str, message_en: str) -> None:
        if self.stack.currentWidget() is self.pin:
            self.pin.show_wrong(message_th if self.lang == "th" else message_en)

    def go_home(self) -> None:
        self.stack.setCurrentWidget(self.home)

    def reset_to_start(self) -> None:
        """The next citizen starts in Thai, in normal text, on the home page."""
        self.more_time.dismiss()
        self.pin.reset()
        self.controller.forget_card()
        self.controller.stop_speaking()
        self.senior_note.hide()
        self.toolbar.reset()
        self.go_home()
        self.set_language("th")
        self.set_large_text(False)

    def at_start(self) -> bool:
        """Nothing of a citizen's visit is left on screen."""
        return (
            self.stack.currentWidget() is self.home
            and self.lang == "th"
            and not self.large_text
            and not self.senior_note.isVisible()
            and not self.toolbar.called
        )

    def on_idle(self) -> None:
        # A ticket that did not print stays on screen until someone touches it.
        if self.stack.currentWidget() is self.issued and self.issued.needs_attention:
            return
        if self.at_start():
            return
        # Someone may still be reading: ask before taking the page away.
        self.more_time.ask()

    # ------------------------------------------------------- accessibility
    def toggle_large_text(self) -> None:
        self.set_large_text(not self.large_text)

    def set_large_text(self, large: bool) -> None:
        """Text 1.5x larger in the high-contrast palette, until the visit ends."""
        if large == self.large_text:
            return
        self.large_text = large
        self.toolbar.show_large(large)
        self.home.set_large(large)
        self._restyle()

    def read_page_aloud(self) -> None:
        """The page on screen, read in the chosen language."""
        page = self.stack.currentWidget()
        if page is not None:
            self.controller.speak(spoken_lines(page, self.lang), self.lang)

    # ------------------------------------------------------------ language
    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "th" else "th")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.lang_button.setText(strings.LANGUAGE.pick(lang))
        self.senior_note.setText(strings.SENIOR_CARD.pick(lang))
        self.toolbar.set_language(lang)
        self.more_time.set_language(lang)
        site = self.controller.site
        if site is not None:
            self.site_name.setText(site.name_th if lang == "th" else site.name_en)
        for page in (self.home, self.service, self.issued, self.pin, self.admin, self.booking):
            page.set_language(lang)

    # ------------------------------------------------------------ lockdown
    def unlock_and_close(self) -> None:
        self.locked = False
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked:  # Alt+F4, a window manager's close: only the admin PIN gets out
            event.ignore()
        else:
            event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.locked:
            event.accept()  # no keyboard shortcuts on a kiosk (Esc, F11, …)
        else:
            super().keyPressEvent(event)

    def scale_to(self, width: int, height: int) -> None:
        """Sizes and orientation for a width x height screen. Called before the first
        show too: a window first laid out at full-size minimums, or in portrait on a
        landscape screen, would grow past a small screen."""
        self.orient(width, height)
        scale = scale_for(width, height)
        if abs(scale - self._scale) > 0.01:
            self._scale = scale
            self._restyle()

    def _restyle(self) -> None:
        scale = self._scale
        if not scale:
            return  # not sized yet: the first scale_to styles it
        theme = self.theme.high_contrast() if self.large_text else self.theme
        self.setStyleSheet(theme.stylesheet(scale, large=self.large_text))
        for button in self.findChildren(TouchButton):
            button.apply_scale(scale)
        # Pages not on screen keep layout sizes cached from before the new scale,
        # and the page stack takes its minimum from them: drop those caches.
        for layout in self.findChildren(QLayout):
            layout.invalidate()

    def _size_to_current_page(self, index: int) -> None:
        """Only the page on screen sets the minimum size: a stack otherwise takes the
        largest minimum of all pages, including layouts cached before a rescale."""
        for i in range(self.stack.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page = self.stack.widget(i)
            if page is not None:
                page.setSizePolicy(policy, policy)

    def orient(self, width: int, height: int) -> None:
        landscape = width > height
        self.service.set_landscape(landscape)
        self.issued.set_landscape(landscape)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scale_to(self.width(), self.height())
        side = max(mm_to_px(self, CORNER_MM), 80)
        self.admin_corner.setGeometry(0, 0, side, side)
        self.admin_corner.raise_()
        if self.more_time.asking():
            self.more_time.cover_parent()
