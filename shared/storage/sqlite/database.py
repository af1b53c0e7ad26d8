"""SqliteDatabase: the `Database` adapter on one SQLite connection (WAL, BEGIN IMMEDIATE).

sqlite3 errors are translated here: a UNIQUE failure becomes `UniqueViolation`, any
other driver error `DriverError`; nothing sqlite3 reaches the queue logic or the apps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, cast

from shared.domain.errors import DatabaseError
from shared.storage.api import FeedCursor
from shared.storage.database import DriverError, Params, Row, Tx, UniqueViolation
from shared.storage.sqlite import backup as backup_ops
from shared.storage.sqlite.connection import connect, read_snapshot, write_transaction
from shared.storage.sqlite.identity import (
    file_identity,
    let_go,
    note_replaced,
    replaced_error,
    sidecars,
)


def translate(exc: sqlite3.Error) -> DatabaseError:
    """The Khiu error for a driver error."""
    if isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc):
        return UniqueViolation(str(exc))
    return DriverError(str(exc), getattr(exc, "sqlite_errorcode", None))


class SqliteDialect:
    """SQLite's fragments."""

    def index_hint(self, index: str) -> str:
        return f"INDEXED BY {index}"

    def minutes_between(self, start: str, end: str) -> str:
        return f"((julianday({end}) - julianday({start})) * 1440.0)"

    def json_int(self, column: str, key: str) -> str:
        return f"CAST(json_extract({column}, '$.{key}') AS INTEGER)"

    def analytics_setup(self) -> tuple[str, ...]:
        return ()

    def site_manager_query(self) -> str | None:
        return None


class SqliteTx:
    """Statements on the connection (sqlite3 takes `:name` parameters as they are)."""

    __slots__ = ("conn",)
    dialect = SqliteDialect()

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Params | None = None) -> list[Row]:
        try:
            return cast(list[Row], self.conn.execute(sql, params or {}).fetchall())
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    all = execute

    def one(self, sql: str, params: Params | None = None) -> Row | None:
        try:
            return cast(Row | None, self.conn.execute(sql, params or {}).fetchone())
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        try:
            row = self.conn.execute(sql, params or {}).fetchone()
        except sqlite3.Error as exc:
            raise translate(exc) from exc
        return None if row is None else row[0]


class SqliteDatabase:
    """One Khiu SQLite file through one connection."""

    dialect = SqliteDialect()

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._tx = SqliteTx(conn)
        # The file this connection has open, and its -wal/-shm: writes are refused once
        # another file is at the path (see shared.storage.sqlite.identity).
        self.identity = file_identity(path)
        self.sidecars = sidecars(path)

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> SqliteDatabase:
        return cls(connect(Path(path), create=create), Path(path))

    def replaced(self) -> bool:
        """True when the file at the path is no longer the one this connection has open
        (moved away, deleted or replaced): one stat, about a microsecond."""
        if file_identity(self.path) == self.identity:
            return False
        note_replaced(self.path, self.identity, self.sidecars)
        return True

    @contextmanager
    def write(self) -> Iterator[SqliteTx]:
        # Never write into a file that was moved away, deleted or replaced: the tickets
        # would exist only there, and no counter would ever call them.
        if self.replaced():
            raise replaced_error(self.path, file_identity(self.path))
        try:
            with write_transaction(self.conn):
                yield self._tx
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    @contextmanager
    def read(self) -> Iterator[SqliteTx]:
        if self.conn.in_transaction:  # inside write(): the write is the snapshot
            yield self._tx
            return
        try:
            with read_snapshot(self.conn):
                yield self._tx
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    def direct(self) -> SqliteTx:
        return self._tx

    # ------------------------------------------------------------ khiu copy
    def copy_write(self) -> AbstractContextManager[SqliteTx]:
        return self.write()

    def insert_rows(self, table: str, rows: Sequence[Row]) -> None:
        """Rows into `table` in one call, inside the current write transaction."""
        if not rows:
            return
        columns = list(rows[0])
        self.conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})",
            rows,
        )

    def after_copy(self, tx: Tx) -> None:
        """Nothing to do: the next ids follow the highest copied ones by themselves."""

    def open_feed(self, after_id: int | None) -> FeedCursor:
        from shared.storage.sqlite.feed import SqliteFeedCursor

        return SqliteFeedCursor.open(self.path, after_id)

    def health(self) -> None:
        """A new connection notices a file moved away, replaced or locked; the
        long-lived one goes on reading the old file."""
        probe = SqliteDatabase.open(self.path)
        try:
            probe.direct().scalar("SELECT max(id) FROM events")
        finally:
            probe.close()

    def backup(self, target: Path) -> None:
        backup_ops.backup_to(self.conn, target)

    def schema_version(self) -> int:
        return int(self._tx.scalar("PRAGMA user_version"))

    def describe(self) -> str:
        return str(self.path)

    def close(self) -> None:
        self.conn.close()
        let_go(self.path, self.identity, self.sidecars)
