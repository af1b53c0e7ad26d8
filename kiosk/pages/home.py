"""Home: one large button per service, with its queue now; a banner for printer trouble."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import strings
from kiosk.models import PrinterState, ServiceTile
from kiosk.widgets.buttons import ServiceButton, TouchButton
from kiosk.widgets.theme import set_role


class Banner(QFrame):
    """A red strip with one bilingual message (printer trouble, database lost)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.hide()


def columns_for(width: int, height: int, large: bool = False) -> int:
    """Two columns in portrait; four in landscape, so eight services fit in two rows
    even on a 1024 x 768 screen (three columns needed a third row that fell off).
    Large text takes two in landscape too (the tiles scroll): a quarter of the screen
    is narrower than a long Thai word such as ใบอนุญาตขับรถ at that size."""
    return 2 if height > width or large else 4


class HomePage(QWidget):
    """The services to choose from; emits `service_chosen(code)`."""

    service_chosen = Signal(str)
    booking_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.lang = "th"
        self.tiles: tuple[ServiceTile, ...] = ()
        self.buttons: dict[str, ServiceButton] = {}
        self.printer = PrinterState(None, False, "", "")
        self.db_ok = True
        self.title = set_role(QLabel(), "title")
        self.hint = set_role(QLabel(), "subtitle")
        self.hint.setWordWrap(True)
        self.banner = Banner()
        self.booking = TouchButton()
        self.booking.set_base_minimum(0, 110)
        self.booking.clicked.connect(self.booking_chosen)
        self.booking.hide()  # shown when a service takes bookings
        # The tiles scroll when they need more room than the screen has (large text on a
        # small screen); at normal size they fill the page as before.
        tiles = QWidget()
        tiles.setObjectName("page")
        self.grid = QGridLayout(tiles)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(18)
        self.tiles_view = QScrollArea()
        self.tiles_view.setWidget(tiles)
        self.tiles_view.setWidgetResizable(True)
        self.tiles_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A finger drags the tiles; a mouse click still chooses one.
        QScroller.grabGesture(self.tiles_view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self._columns = 0
        self.large = False  # large text: fewer, wider tiles
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 28)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.banner)
        layout.addWidget(self.tiles_view, 1)
        layout.addWidget(self.booking)
        # With no services to show (database unreachable) the space stays below, so the
        # title and the banner keep their size instead of spreading over the screen.
        layout.addStretch(0)
        for widget in (self.title, self.hint, self.banner):
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.set_language("th")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(strings.HOME_TITLE.pick(lang))
        self.hint.setText(strings.HOME_HINT.pick(lang))
        self.booking.setText(strings.HAVE_BOOKING.pick(lang))
        for tile in self.tiles:
            self.buttons[tile.service.code].show_tile(tile, lang)
        self._show_banner()

    def show_tiles(self, tiles: tuple[ServiceTile, ...]) -> None:
        codes_changed = [t.service.code for t in tiles] != [t.service.code for t in self.tiles]
        self.tiles = tiles
        if codes_changed:
            for button in self.buttons.values():
                button.deleteLater()
            self.buttons = {}
            for tile in tiles:
                button = ServiceButton()
                button.clicked.connect(
                    lambda _=False, c=tile.service.code: self.service_chosen.emit(c)
                )
                self.buttons[tile.service.code] = button
            self._columns = 0
            self._layout_grid()
        for tile in tiles:
            self.buttons[tile.service.code].show_tile(tile, self.lang)

    def set_large(self, large: bool) -> None:
        self.large = large
        self._columns = 0
        self._layout_grid()

    def show_printer(self, state: PrinterState) -> None:
        self.printer = state
        self._show_banner()

    def show_connection(self, ok: bool) -> None:
        self.db_ok = ok
        self._show_banner()

    def _show_banner(self) -> None:
        lang = self.lang
        if not self.db_ok:
            # A fault notice is always in both languages: whoever reads it fetches staff.
            self.banner.label.setText(
                f"{strings.DB_LOST.th}\n{strings.DB_LOST.en}"
            )
        elif self.printer.blocks:
            problem = self.printer.message_th if lang == "th" else self.printer.message_en
            self.banner.label.setText(f"{problem}\n{strings.BANNER_STILL.pick(lang)}")
        else:
            self.banner.hide()
            return
        self.banner.show()

    def _layout_grid(self) -> None:
        columns = columns_for(self.width(), self.height(), self.large)
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons.values():
            self.grid.removeWidget(button)
        for i, tile in enumerate(self.tiles):
            button = self.buttons[tile.service.code]
            self.grid.addWidget(button, i // columns, i % columns)
            button.show()  # widgets added to a shown page stay hidden until told
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_grid()
