"""The kiosk's ID card watcher: a thread of its own waits on the card readers (a status
wait can take a second; the GUI thread never does it) and reports each card read as a
signal on the GUI thread."""

from __future__ import annotations

import threading
from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from shared.card.pcsc import OFF, CardWatch
from shared.clock import Clock

STOP_WAIT_S = 3.0  # a reader stuck in a call is abandoned at shutdown (daemon thread)


class CardWatcher(QObject):
    """Watches the readers a `[kiosk] card_reader` setting names; `card_read(senior)`
    after each card inserted. Missing readers say nothing: the kiosk goes on as before."""

    # True: the holder is 60 or over on the site's date; False: younger; None: the card
    # could not be read (the kiosk shows nothing for it).
    card_read = Signal(object)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._watch: CardWatch | None = None
        self._thread: threading.Thread | None = None
        self._setting: tuple[str, ZoneInfo] | None = None

    def watch(self, setting: str, tz: ZoneInfo) -> None:
        """Watch the readers `setting` names (auto, off, a name); the age counts on the
        calendar day in `tz`. The same setting again changes nothing."""
        if self._setting == (setting, tz):
            return
        self.stop()
        self._setting = (setting, tz)
        if setting == OFF:
            return

        def today() -> date:
            return self._clock().astimezone(tz).date()

        # The signal is queued to this object's (the GUI) thread by Qt.
        self._watch = CardWatch(setting, today, self.card_read.emit)
        self._thread = threading.Thread(target=self._watch.run, name="khiu-card", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._watch is not None:
            self._watch.stop()
        if self._thread is not None:
            self._thread.join(STOP_WAIT_S)
        self._watch = self._thread = None
        self._setting = None
