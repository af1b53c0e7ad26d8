"""The SQLite change feed: `PRAGMA data_version` (microseconds) tells whether another
connection committed; only then are the events after the last seen id read. The file's
identity is checked too: an open connection goes on reading a file moved away."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from shared.clock import to_db
from shared.storage.api import EventView
from shared.storage.database import FileReplacedError
from shared.storage.reads import read_changes, read_last_event_id
from shared.storage.sqlite.connection import connect
from shared.storage.sqlite.database import SqliteTx, translate
from shared.storage.sqlite.identity import (
    FileIdentity,
    Sidecars,
    file_identity,
    let_go,
    note_replaced,
    sidecars,
    switched_files,
)

BATCH = 1000


class SqliteFeedCursor:
    """Yields the events committed by other connections since the last poll.

    It has its own connection: data_version changes only on other connections' commits.
    When the ids it reads went back (a different file, or a log put back by a restore
    that did not keep ids rising), `take_reset()` returns the id it starts again from:
    the reader must re-read its whole state."""

    def __init__(
        self, conn: sqlite3.Connection, after_id: int | None = None, path: Path | None = None
    ) -> None:
        self.conn = conn
        self.path = path
        # Identity first: a file swapped in between is then noticed on the first poll.
        self.identity: FileIdentity | None = file_identity(path) if path is not None else None
        self.sidecars: Sidecars = sidecars(path) if path is not None else (None, None)
        self._tx = SqliteTx(conn)
        self.last_id = read_last_event_id(self._tx) if after_id is None else after_id
        self._version: int | None = None
        self.reset_to: int | None = None

    @classmethod
    def open(cls, path: Path, after_id: int | None = None) -> SqliteFeedCursor:
        conn = connect(path)
        try:
            cursor = cls(conn, after_id, path)
            switched = switched_files(path, cursor.identity)
            if switched is not None and after_id is not None:
                # A different file from the one this process followed: its ids say
                # nothing about the old one's. Every write on it came after we noticed
                # the switch (we held the old file until then).
                moment = to_db(datetime.fromtimestamp(switched.noticed_at, UTC))
                cursor.last_id = id_before(conn, moment)
                cursor.reset_to = cursor.last_id
            return cursor
        except BaseException:
            conn.close()
            raise

    def poll(self) -> list[EventView]:
        """New events; FileReplacedError (a DatabaseError) when the file was moved away or
        replaced (an open connection would go on reading the old file and never notice)."""
        if self.path is not None and file_identity(self.path) != self.identity:
            note_replaced(self.path, self.identity, self.sidecars)
            raise FileReplacedError(
                f"ฐานข้อมูล {self.path} ถูกย้ายหรือถูกแทนที่",
                f"The database {self.path} was moved or replaced",
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
                break
        if not events and self.last_id > 0:
            newest = read_last_event_id(self._tx)
            if newest < self.last_id:
                self.last_id = newest
                self.reset_to = newest
        return events

    def take_reset(self) -> int | None:
        """The id the cursor started again from since the last call, or None."""
        reset, self.reset_to = self.reset_to, None
        return reset

    def wait_fd(self) -> int | None:
        return None  # poll on a short timer: data_version costs microseconds

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self.path is not None:
            let_go(self.path, self.identity, self.sidecars)


def id_before(conn: sqlite3.Connection, moment: str) -> int:
    """The newest event id committed before `moment` (to_db text), read from the end."""
    for event_id, at in conn.execute("SELECT id, at FROM events ORDER BY id DESC"):
        if at < moment:
            return int(event_id)
    return 0
