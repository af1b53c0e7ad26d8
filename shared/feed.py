"""Change feed without heavy polling: `PRAGMA data_version` (microseconds) tells whether
another connection committed; only then are the events after the last seen id read."""

from __future__ import annotations

import sqlite3

from shared.views import EventView, events_since, last_event_id

BATCH = 1000


class FeedCursor:
    """Yields the events committed by other connections since the last poll.

    Give it its own connection: data_version changes only on other connections' commits.
    """

    def __init__(self, conn: sqlite3.Connection, after_id: int | None = None) -> None:
        self.conn = conn
        self.last_id = last_event_id(conn) if after_id is None else after_id
        self._version: int | None = None

    def poll(self) -> list[EventView]:
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
