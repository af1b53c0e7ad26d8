"""Composition root: the only place that picks concrete classes (store worker, change feed,
printer functions, window) and wires them together."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QApplication

from kiosk.background import DeviceWorker
from kiosk.card import CardWatcher
from kiosk.controller import KioskController, PrinterPort
from kiosk.widgets.idle import IdleWatcher
from kiosk.widgets.theme import Theme
from kiosk.window import KioskWindow
from shared.clock import Clock, utc_now
from shared.i18n.thai_breaks import warm_up_in_background
from shared.qt.feed import ChangeFeed
from shared.qt.fonts import load_bundled_fonts
from shared.qt.guide_voice import GuideVoice
from shared.qt.worker import StoreWorker
from shared.speech.engines import engine_chain
from shared.storage import Location


def default_printer() -> PrinterPort:
    """shared.printing: the same code path as `khiu issue --print`."""
    from shared.printing.service import print_ticket, printer_status

    return PrinterPort(print_ticket=print_ticket, printer_status=printer_status)


@dataclass
class KioskSettings:
    """How to build one kiosk; tests change the seams (clock, printer, times)."""

    location: Location  # the database: a file or a PostgreSQL server
    windowed: bool = False
    printer_spec: str | None = None  # --printer: overrides the site file's printer
    clock: Clock = utc_now
    printer: PrinterPort = field(default_factory=default_printer)
    idle_ms: int | None = None  # None: the site's kiosk.idle_seconds
    long_press_ms: int = 3000
    more_time_ms: int = 10_000  # how long "More time?" waits for a touch
    status_interval_ms: int = 30_000
    status_timeout_s: float = 3.0
    # What reads pages aloud: None builds the system voice (the hall's engines that read
    # text); tests pass one with their own engines and player.
    voice: GuideVoice | None = None


class KioskApp:
    """The built kiosk: its window, controller and background threads."""

    def __init__(self, settings: KioskSettings) -> None:
        qt_app = QApplication.instance()
        assert isinstance(qt_app, QApplication), "build the kiosk after QApplication"
        self.qt_app = qt_app
        theme = Theme(family=load_bundled_fonts())
        self.worker = StoreWorker(settings.location, clock=settings.clock)
        self.feed = ChangeFeed(settings.location)
        self.device = DeviceWorker()
        self.cards = CardWatcher(settings.clock)
        self.voice = settings.voice or GuideVoice(engine_chain("tts"))
        self.controller = KioskController(
            self.worker,
            self.feed,
            self.device,
            settings.printer,
            self.cards,
            self.voice,
            printer_spec=settings.printer_spec,
            status_interval_ms=settings.status_interval_ms,
            status_timeout_s=settings.status_timeout_s,
        )
        self.idle = IdleWatcher(
            settings.idle_ms if settings.idle_ms is not None else 30_000,
            fixed=settings.idle_ms is not None,
        )
        qt_app.installEventFilter(self.idle)
        self.window = KioskWindow(
            self.controller,
            self.idle,
            theme=theme,
            locked=not settings.windowed,
            long_press_ms=settings.long_press_ms,
            more_time_ms=settings.more_time_ms,
        )
        self.windowed = settings.windowed

    def start(self, size: tuple[int, int] | None = None) -> None:
        """Load the services, start the feed and the printer checks, then show
        (at `size` for tests and screenshots; else full screen, or a window)."""
        self.controller.start()
        self.controller.check_printer()
        self.idle.restart()
        if size is not None or self.windowed:
            width, height = size or (1280, 800)
            self.window.orient(width, height)
            self.window.resize(width, height)
            self.window.show()
        else:
            screen = self.window.screen() or self.qt_app.primaryScreen()
            geometry = screen.geometry()
            self.window.orient(geometry.width(), geometry.height())
            # Without a window manager showFullScreen() alone leaves the window small.
            self.window.setGeometry(geometry)
            self.window.showFullScreen()

    def shutdown(self) -> None:
        self.qt_app.removeEventFilter(self.idle)
        self.window.locked = False
        self.window.close()
        self.cards.shutdown()
        self.voice.shutdown()
        self.feed.shutdown()
        self.worker.shutdown()
        self.device.shutdown()


def build(settings: KioskSettings) -> KioskApp:
    warm_up_in_background()
    return KioskApp(settings)
