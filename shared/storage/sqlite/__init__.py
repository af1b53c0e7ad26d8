"""SQLite behind the storage seam: the connection (pragmas, identity, migrations), the
`Database` adapter, the change feed and the online backup. Nothing outside
`shared.storage` imports sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shared.clock import Clock, utc_now
from shared.storage.queue import QueueStore
from shared.storage.sqlite.database import SqliteDatabase


class SqliteStore(QueueStore):
    """The queue on one SQLite file (WAL, synchronous=FULL)."""

    db: SqliteDatabase

    def __init__(self, db: SqliteDatabase, clock: Clock = utc_now) -> None:
        super().__init__(db, clock)

    @classmethod
    def open(cls, path: Path, *, create: bool = False, clock: Clock = utc_now) -> SqliteStore:
        return cls(SqliteDatabase.open(Path(path), create=create), clock)

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection (tests and tools only; the queue logic never uses it)."""
        return self.db.conn
