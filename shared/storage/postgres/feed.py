"""The change feed on PostgreSQL: LISTEN/NOTIFY, with catch-up by id and a slow poll.

A trigger on `events` notifies channel `khiu_events` at each commit that added events.
The cursor LISTENs on its own autocommit connection; `wait_fd()` is that connection's
socket, so a Qt app wakes (QSocketNotifier) the moment a notification arrives, then
`poll()` drains the notifications and reads the events after the last id it saw.
Event ids commit in order (every write holds the site lock), so reading "after the
last id" never skips one. Every FALLBACK_S without a notification it still looks, in
case a notification was lost. After the connection drops, `poll()` raises
DatabaseError; the next `poll()` reconnects, LISTENs again and catches up by id.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

import psycopg

from shared.storage.api import EventView
from shared.storage.postgres.connection import lost_connection
from shared.storage.postgres.database import PgDatabase
from shared.storage.postgres.schema import CHANNEL
from shared.storage.postgres.url import PgUrl
from shared.storage.reads import read_changes, read_last_event_id

BATCH = 1000
FALLBACK_S = 2.0


class PgFeedCursor:
    """FeedCursor over LISTEN/NOTIFY (see the module text)."""

    def __init__(
        self, url: PgUrl, after_id: int | None = None, *, instance: str | None = None
    ) -> None:
        self.db = PgDatabase.open(url)
        if instance is not None and self.db.instance != instance:
            self.db.close()
            raise lost_connection(url)
        self.db.on_connect = self._listen
        assert self.db._conn is not None
        self._listen(self.db._conn)
        self.last_id = self._newest() if after_id is None else after_id
        self._looked = float("-inf")  # the first poll reads at once
        self.lost = False

    @staticmethod
    def _listen(conn: psycopg.Connection[Any]) -> None:
        conn.execute(f"LISTEN {CHANNEL}")

    def _newest(self) -> int:
        return read_last_event_id(self.db.direct())

    def wait_fd(self) -> int | None:
        conn = self.db._conn
        if conn is None or conn.closed or conn.broken:
            return None
        return conn.fileno()

    def _notified(self) -> bool:
        conn = self.db._conn
        if conn is None or conn.closed or conn.broken:
            # Reconnect (re-LISTEN through on_connect) and catch up by id.
            self.db.direct()
            return True
        try:
            return any(True for _ in conn.notifies(timeout=0))
        except psycopg.Error as exc:
            self.db._drop()
            raise lost_connection(self.db.url, exc) from None

    def poll(self) -> list[EventView]:
        """New events since the last poll; DatabaseError while the server is away."""
        woke = self._notified()
        now = time.monotonic()
        if not woke and now - self._looked < FALLBACK_S:
            return []
        self._looked = now
        events: list[EventView] = []
        while True:
            batch = read_changes(self.db.direct(), self.last_id, BATCH)
            events.extend(batch)
            if batch:
                self.last_id = batch[-1].id
            # Notifications that arrived while reading sit in the driver's buffer, where
            # the socket watcher cannot see them: drain them now and read again.
            if len(batch) < BATCH and not self._notified():
                return events

    def take_reset(self) -> int | None:
        """Never: ids on a server only rise (no file is swapped or restored under it)."""
        return None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.db.close()
