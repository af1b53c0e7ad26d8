"""The change feed as a Qt signal: a worker thread asks the store's feed cursor for new
events and emits them; a lost database is reported and retried by itself.

SQLite's cursor is polled on a short timer (its change check costs microseconds);
a cursor with a socket to watch (PostgreSQL's LISTEN connection) is polled when the
socket is readable, with a slow timer as the fallback."""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, QSocketNotifier, QThread, QTimer, Signal, Slot

from shared.domain.errors import KhiuError
from shared.qt.worker import store_factory
from shared.storage import Location
from shared.storage.api import FeedCursor, StoreFactory
from shared.storage.database import FileReplacedError

log = logging.getLogger("khiu.feed")

POLL_MS = 40  # a commit reaches the screen well under half a second
SOCKET_FALLBACK_MS = 2000  # with a socket to watch, the timer is only a safety net
RETRY_MS = 1000


class _Poller(QObject):
    """Lives in the feed thread with its own cursor (its own connection)."""

    events = Signal(list)
    connection_changed = Signal(bool, str)
    reset = Signal(int)

    def __init__(self, factory: StoreFactory, after_id: int | None) -> None:
        super().__init__()
        self.factory = factory
        self.after_id = after_id
        self.cursor: FeedCursor | None = None
        self.notifier: QSocketNotifier | None = None
        self.healthy = True
        self.timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)
        self.timer.start(POLL_MS)
        self.poll()

    @Slot()
    def poll(self) -> None:
        try:
            if self.cursor is None:
                self._open()
            assert self.cursor is not None
            batch = self.cursor.poll()
        except FileReplacedError as exc:
            # Another file at the path (`cp`, `mv`), or none: let go of the old one at
            # once; the next poll opens the new file (its old log cleared first) and
            # starts where the switch was noticed, so calls on it are flashed and said.
            self._lost(exc.message_en)
            assert self.timer is not None
            self.timer.setInterval(POLL_MS)
            return
        except KhiuError as exc:
            self._lost(exc.message_en)
            return
        reset = self.cursor.take_reset()
        if reset is not None:
            log.warning("the database was replaced or restored; the feed starts at %s", reset)
            self.reset.emit(reset)
        if not self.healthy:
            self.healthy = True
            self.connection_changed.emit(True, "")
        assert self.timer is not None
        interval = POLL_MS if self.notifier is None else SOCKET_FALLBACK_MS
        if self.timer.interval() != interval:
            self.timer.setInterval(interval)
        if batch:
            self.events.emit(batch)

    def _open(self) -> None:
        store = self.factory()
        try:
            self.cursor = store.open_feed(self.after_id)
        finally:
            store.close()  # the cursor has its own connection
        fd = self.cursor.wait_fd()
        if fd is not None:
            self.notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(self.poll)

    def _close_cursor(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.cursor is not None:
            with contextlib.suppress(KhiuError):
                self.cursor.close()
            self.cursor = None

    def _lost(self, message: str) -> None:
        if self.cursor is not None:
            # Resume after the last event seen, so nothing is skipped on reconnect.
            self.after_id = self.cursor.last_id
            self._close_cursor()
        if self.healthy:
            log.warning("change feed lost the database: %s", message)
            self.healthy = False
            self.connection_changed.emit(False, message)
        assert self.timer is not None
        self.timer.setInterval(RETRY_MS)

    @Slot()
    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self._close_cursor()


class ChangeFeed(QObject):
    """Emits `events(list[EventView])` for every batch of commits by other connections,
    and `connection_changed(ok, message)` when the database goes away or comes back.

    `source` is the database location (path or URL) or a store factory;
    `after_id=None` starts from the newest event (only changes from now on)."""

    events = Signal(list)
    connection_changed = Signal(bool, str)
    # The feed started again at this event id: the database file was replaced, or its
    # log was put back by a restore. Readers re-read their whole state.
    reset = Signal(int)

    def __init__(self, source: Location | StoreFactory, after_id: int | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("khiu-feed")
        self._poller = _Poller(store_factory(source), after_id)
        self._poller.moveToThread(self._thread)
        self._thread.started.connect(self._poller.start)
        # `finished` is emitted in the feed thread as its loop ends: the poller closes its
        # cursor there (a stop queued before `quit()` may never be delivered), and its
        # timer is destroyed in its own thread, not by the GUI thread at exit.
        self._thread.finished.connect(self._poller.stop)
        self._thread.finished.connect(self._poller.deleteLater)
        self._poller.events.connect(self.events)
        self._poller.connection_changed.connect(self.connection_changed)
        self._poller.reset.connect(self.reset)

    def start(self, after_id: int | None = None) -> None:
        """Start watching. Pass the event id a snapshot was read at, so that no commit
        between that read and the feed's own first look is missed."""
        if after_id is not None:
            self._poller.after_id = after_id
        self._thread.start()

    def shutdown(self) -> None:
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(5000)
