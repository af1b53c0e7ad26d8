"""The kiosk's ID card watcher: the watch runs on a thread of its own (a status wait can
take a second; the GUI thread never does it) and each card read comes back as a signal
on the GUI thread."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from shared.card.pcsc import OFF, CardWatch
from shared.clock import Clock
from shared.qt.worker import TaskWorker

STOP_WAIT_MS = 3000  # a reader stuck in a call is abandoned at shutdown


class CardWatcher(QObject):
    """Watches the readers a `[kiosk] card_reader` setting names; `card_read(senior)`
    after each card inserted. Missing readers say nothing: the kiosk goes on as before."""

    # True: the holder is 60 or over on the site's date; False: younger; None: the card
    # could not be read (the kiosk shows nothing for it).
    card_read = Signal(object)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        # The watch holds this thread for as long as it runs; a new one queues behind.
        self._worker = TaskWorker("khiu-card", self)
        self._watch: CardWatch | None = None
        self._setting: tuple[str, ZoneInfo] | None = None

    def watch(self, setting: str, tz: ZoneInfo) -> None:
        """Watch the readers `setting` names (auto, off, a name); the age counts on the
        calendar day in `tz`. The same setting again changes nothing."""
        if self._setting == (setting, tz):
            return
        self._setting = (setting, tz)
        if self._watch is not None:
            self._watch.stop()  # ends within a status wait; reports nothing more
            self._watch = None
        if setting == OFF:
            return

        def today() -> date:
            return self._clock().astimezone(tz).date()

        # Called on the watch's thread: Qt queues the signal to this object's thread.
        self._watch = CardWatch(setting, today, self.card_read.emit)
        self._worker.submit(self._watch.run)

    def shutdown(self) -> None:
        if self._watch is not None:
            self._watch.stop()
        self._worker.shutdown(STOP_WAIT_MS)
