"""The SQLite change feed: `PRAGMA data_version` (microseconds) tells whether another
connection committed; only then are the events after the last seen id read. The file's
identity is checked too: an open connection goes on reading a file moved away."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from shared.domain.errors import DatabaseError
from shared.storage.api import EventView
from shared.storage.reads import read_changes, read_last_event_id
from shared.storage.sqlite.connection import connect
from shared.storage.sqlite.database import SqliteTx, translate

BATCH = 1000


class SqliteFeedCursor:
    """Yields the events committed by other connections since the last poll.

    It has its own connection: data_version changes only on other connections' commits."""

    def __init__(
        self, conn: sqlite3.Connection, after_id: int | None = None, path: Path | None = None
    ) -> None:
        self.conn = conn
        self._tx = SqliteTx(conn)
        self.last_id = read_last_event_id(self._tx) if after_id is None else after_id
        self._version: int | None = None
        self.path = path
        self._identity = _identity(path) if path is not None else None

    @classmethod
    def open(cls, path: Path, after_id: int | None = None) -> SqliteFeedCursor:
        conn = connect(path)
        try:
            return cls(conn, after_id, path)
        except BaseException:
            conn.close()
            raise

    def poll(self) -> list[EventView]:
        """New events; DatabaseError when the file was moved away or replaced (an open
        connection would go on reading the old file and never notice)."""
        if self.path is not None and _identity(self.path) != self._identity:
            raise DatabaseError(
                f"The database {self.path} was moved or replaced",
                f"ฐานข้อมูล {self.path} ถูกย้ายหรือถูกแทนที่",
            )
        try:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise translate(exc) from exc
        if version == self._version:
            return []
        self._version = version
        events: list[EventView] = []
        while True:
            batch = read_changes(self._tx, self.last_id, BATCH)
            events.extend(batch)
            if batch:
                self.last_id = batch[-1].id
            if len(batch) < BATCH:
                return events

    def wait_fd(self) -> int | None:
        return None  # poll on a short timer: data_version costs microseconds

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device, inode / Windows file index), None if absent."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
