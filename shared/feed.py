"""Change feed without heavy polling: `PRAGMA data_version` (microseconds) tells whether
another connection committed; only then are the events after the last seen id read."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from shared.domain.errors import DatabaseError
from shared.views import EventView, events_since, last_event_id

BATCH = 1000


class FeedCursor:
    """Yields the events committed by other connections since the last poll.

    Give it its own connection: data_version changes only on other connections' commits.
    """

    def __init__(
        self, conn: sqlite3.Connection, after_id: int | None = None, path: Path | None = None
    ) -> None:
        self.conn = conn
        self.last_id = last_event_id(conn) if after_id is None else after_id
        self._version: int | None = None
        self.path = path
        self._identity = _identity(path) if path is not None else None

    def poll(self) -> list[EventView]:
        """New events; DatabaseError when the file was moved away or replaced (an open
        connection would go on reading the old file and never notice)."""
        if self.path is not None and _identity(self.path) != self._identity:
            raise DatabaseError(
                f"The database {self.path} was moved or replaced",
                f"ฐานข้อมูล {self.path} ถูกย้ายหรือถูกแทนที่",
            )
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version == self._version:
            return []
        self._version = version
        events: list[EventView] = []
        while True:
            batch = events_since(self.conn, self.last_id, BATCH)
            events.extend(batch)
            if batch:
                self.last_id = batch[-1].id
            if len(batch) < BATCH:
                return events


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device, inode / Windows file index), None if absent."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
