"""The change feed as a Qt signal: a worker thread polls `PRAGMA data_version` on a short
timer and emits the new events; a lost database is reported and retried by itself."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from shared.clock import to_db, utc_now
from shared.domain.errors import KhiuError
from shared.feed import FeedCursor, id_before
from shared.storage.connection import connect
from shared.storage.identity import (
    FileIdentity,
    FileReplacedError,
    Sidecars,
    clear_stale_sidecars,
    file_identity,
)

log = logging.getLogger("khiu.feed")

POLL_MS = 40  # a commit reaches the screen well under half a second
RETRY_MS = 1000


class _Poller(QObject):
    """Lives in the feed thread with its own read connection."""

    events = Signal(list)
    connection_changed = Signal(bool, str)
    reset = Signal(int)

    def __init__(self, db_path: Path, after_id: int | None) -> None:
        super().__init__()
        self.db_path = db_path
        self.after_id = after_id
        self.cursor: FeedCursor | None = None
        self.healthy = True
        self.timer: QTimer | None = None
        self.opened: FileIdentity | None = None  # the file the feed last followed
        self.old_sidecars: Sidecars | None = None  # those of a file that was replaced
        self.replaced_at: str | None = None

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
            # once (the new file is safe to open only when no app holds the old one),
            # then follow the new file; calls made on it are flashed and announced.
            if self.cursor is not None:
                self.old_sidecars = self.cursor.sidecars
                # Every write on the new file comes after this moment (we held the old).
                self.replaced_at = to_db(utc_now())
            self._lost(exc.message_en)
            self.assert_timer().setInterval(POLL_MS)  # try the new file right away
            return
        except (KhiuError, sqlite3.Error) as exc:
            self._lost(exc.message_en if isinstance(exc, KhiuError) else str(exc))
            return
        reset = self.cursor.take_reset()
        if reset is not None:
            self.reset.emit(reset)
        if not self.healthy:
            self.healthy = True
            self.assert_timer().setInterval(POLL_MS)
            self.connection_changed.emit(True, "")
        if batch:
            self.events.emit(batch)

    def assert_timer(self) -> QTimer:
        assert self.timer is not None
        return self.timer

    def _open(self) -> None:
        if self.old_sidecars is not None:
            clear_stale_sidecars(self.db_path, self.old_sidecars)
            self.old_sidecars = None
        conn = connect(self.db_path)
        now = file_identity(self.db_path)
        if self.opened is not None and now != self.opened:
            # A different file: its event ids say nothing about the old file's. Start at
            # its newest event and tell the readers to re-read their whole state.
            log.warning("database file %s was replaced; following the new file", self.db_path)
            after = id_before(conn, self.replaced_at) if self.replaced_at else None
            cursor = FeedCursor(conn, after, self.db_path)
            cursor.reset_to = cursor.last_id
        else:
            cursor = FeedCursor(conn, self.after_id, self.db_path)
        self.replaced_at = None
        self.opened = cursor.identity
        self.cursor = cursor

    def _close_cursor(self) -> None:
        if self.cursor is not None:
            # Resume after the last event seen, so nothing is skipped on reconnect.
            self.after_id = self.cursor.last_id
            with contextlib.suppress(sqlite3.Error):
                self.cursor.conn.close()
            self.cursor = None

    def _lost(self, message: str) -> None:
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
        if self.cursor is not None:
            self.cursor.conn.close()
            self.cursor = None


class ChangeFeed(QObject):
    """Emits `events(list[EventView])` for every batch of commits by other connections,
    and `connection_changed(ok, message)` when the database goes away or comes back.

    `after_id=None` starts from the newest event (only changes from now on)."""

    events = Signal(list)
    connection_changed = Signal(bool, str)
    # The feed restarted at this event id: the database file was replaced, or its log
    # was put back by a restore. Readers re-read their whole state.
    reset = Signal(int)
    _stop = Signal()

    def __init__(self, db_path: Path, after_id: int | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("khiu-feed")
        self._poller = _Poller(Path(db_path), after_id)
        self._poller.moveToThread(self._thread)
        self._thread.started.connect(self._poller.start)
        # Its timer must be destroyed in its own thread, not by the GUI thread at exit.
        self._thread.finished.connect(self._poller.deleteLater)
        self._poller.events.connect(self.events)
        self._poller.connection_changed.connect(self.connection_changed)
        self._poller.reset.connect(self.reset)
        self._stop.connect(self._poller.stop)

    def start(self, after_id: int | None = None) -> None:
        """Start watching. Pass the event id a snapshot was read at, so that no commit
        between that read and the feed's own first look is missed."""
        if after_id is not None:
            self._poller.after_id = after_id
        self._thread.start()

    def shutdown(self) -> None:
        if self._thread.isRunning():
            self._stop.emit()
            self._thread.quit()
            self._thread.wait(5000)
