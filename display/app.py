"""Composition root of the hall display: the only place that picks concrete classes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from display.controller import PROBE_MS, DisplayController
from display.speakers import site_speaker_factory
from display.voice import HallVoice, SpeakerFactory
from display.widgets.theme import Theme
from display.window import DisplayWindow
from shared.clock import Clock, utc_now
from shared.i18n.thai_breaks import warm_up_in_background
from shared.qt.feed import ChangeFeed
from shared.qt.fonts import load_bundled_fonts
from shared.qt.worker import StoreWorker
from shared.storage import Location


@dataclass(frozen=True)
class DisplaySettings:
    """How to build one hall display (what main() parsed; tests change the seams)."""

    location: Location  # the database: a file or a PostgreSQL server
    muted: bool = False
    windowed: bool = False
    screen: int | None = None
    clock: Clock = utc_now
    speaker_factory: SpeakerFactory | None = None  # None: from the site file's voice
    probe_ms: int = PROBE_MS


class DisplayApp(QObject):
    """Owns the worker, feed, controller, voice and window; `shutdown()` stops them."""

    def __init__(self, settings: DisplaySettings) -> None:
        super().__init__()
        clock, speaker_factory = settings.clock, settings.speaker_factory
        theme = Theme(family=load_bundled_fonts())
        self.settings = settings
        self.worker = StoreWorker(settings.location, clock=clock)
        self.feed = ChangeFeed(settings.location)
        self.controller = DisplayController(
            self.worker, self.feed, clock=clock, probe_ms=settings.probe_ms
        )
        self.voice = HallVoice(
            speaker_factory or site_speaker_factory(settings.location, muted=settings.muted)
        )
        self.window = DisplayWindow(self.controller, theme, clock)
        # The window wires itself to the controller; what is not on screen is wired here.
        c = self.controller
        c.site_changed.connect(lambda site: self.voice.configure(site.voice))
        c.call_announced.connect(self.voice.announce)
        # Voice warnings are logged by the Announcer itself; the signal is there for a
        # future status line, so nothing is logged twice here.

    def start(self) -> None:
        self.controller.start()

    def shutdown(self) -> None:
        self.controller.shutdown()
        self.voice.shutdown()
        self.worker.shutdown()


def build(settings: DisplaySettings) -> DisplayApp:
    """The display, wired and started (show its window with show_on_screen)."""
    warm_up_in_background()
    app = DisplayApp(settings)
    app.start()
    return app
