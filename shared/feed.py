"""Change feed without heavy polling: `PRAGMA data_version` (microseconds) tells whether
another connection committed; only then are the events after the last seen id read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shared.storage.identity import (
    FileIdentity,
    FileReplacedError,
    Sidecars,
    file_identity,
    sidecars,
)
from shared.views import EventView, events_since, last_event_id

BATCH = 1000


class FeedCursor:
    """Yields the events committed by other connections since the last poll.

    Give it its own connection: data_version changes only on other connections' commits.
    When the newest id in the file is below the last one seen (the log was put back by
    a restore that did not keep ids rising), the cursor starts again from the newest
    id and sets `reset_to`: the reader must re-read its whole state.
    """

    def __init__(
        self, conn: sqlite3.Connection, after_id: int | None = None, path: Path | None = None
    ) -> None:
        self.conn = conn
        self.path = path
        # Identity first: a file swapped in between is then noticed on the first poll.
        self.identity: FileIdentity | None = file_identity(path) if path is not None else None
        self.sidecars: Sidecars = sidecars(path) if path is not None else (None, None)
        self.last_id = last_event_id(conn) if after_id is None else after_id
        self._version: int | None = None
        self.reset_to: int | None = None

    def poll(self) -> list[EventView]:
        """New events; FileReplacedError (a DatabaseError) when the file was moved away or
        replaced (an open connection would go on reading the old file and never notice)."""
        if self.path is not None and file_identity(self.path) != self.identity:
            raise FileReplacedError(
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
                break
        if not events and self.last_id > 0:
            newest = last_event_id(self.conn)
            if newest < self.last_id:
                self.last_id = newest
                self.reset_to = newest
        return events

    def take_reset(self) -> int | None:
        """The id the cursor restarted from since the last call, or None."""
        reset, self.reset_to = self.reset_to, None
        return reset


def id_before(conn: sqlite3.Connection, moment: str) -> int:
    """The newest event id committed before `moment` (to_db text), read from the end:
    where a reader starts on a file that replaced the one it followed, so the events
    written on the new file after the switch are all delivered."""
    for event_id, at in conn.execute("SELECT id, at FROM events ORDER BY id DESC"):
        if at < moment:
            return int(event_id)
    return 0
