"""Test-side access to either backend: locations, and plain SQL behind the store's back."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg

Location = Path | str  # a SQLite file path, or a postgresql:// URL


def is_pg(location: Location) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql:", "postgres:"))


class Row(tuple):  # type: ignore[type-arg]
    """A result row readable by position and by column name, like sqlite3.Row."""

    names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _rows(cursor: psycopg.Cursor[Any]) -> Any:
    names = tuple(c.name for c in cursor.description or ())

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row.names = names
        return row

    return make


class PgRaw:
    """A plain autocommit connection to a PostgreSQL test database that takes the same
    `?` placeholders as sqlite3 (tests' checks only: no `?` inside string literals)."""

    def __init__(self, url: str) -> None:
        self.conn = psycopg.connect(url, autocommit=True, row_factory=_rows)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            sql = "BEGIN"
        return self.conn.execute(sql.replace("?", "%s"), tuple(params) or None)

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), seq)

    def close(self) -> None:
        self.conn.close()

    def __del__(self) -> None:
        # `raw(url).execute(...).fetchone()` drops this object before the fetch: the
        # rows are already on the client, so the connection can close here rather than
        # be left to the garbage collector (a ResourceWarning, an error in the tests).
        self.conn.close()

    def __enter__(self) -> PgRaw:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# What a refused statement raises on either backend.
DB_ERRORS = (sqlite3.DatabaseError, psycopg.Error)


def poll_until(feed: Any, count: int = 1, timeout: float = 3.0) -> list[Any]:
    """Poll a feed cursor until `count` events came (a PostgreSQL notification reaches
    the listener a moment after the writer's commit returns)."""
    import time

    events: list[Any] = []
    deadline = time.monotonic() + timeout
    while len(events) < count and time.monotonic() < deadline:
        events += feed.poll()
        if len(events) < count:
            time.sleep(0.01)
    return events


def raw(location: Location) -> Any:
    """A plain connection for checks behind the store's back (sqlite3 or PgRaw)."""
    if is_pg(location):
        return PgRaw(str(location))
    conn = sqlite3.connect(location, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def location_of(store: Any) -> Location:
    """Where a store's database is (its file path, or its URL with the password)."""
    db = store.db
    if hasattr(db, "path"):
        return Path(db.path)
    url = db.url
    auth = f"{url.user}:{url.password}" if url.password else url.user
    return f"postgresql://{auth}@{url.host}:{url.port}/{url.dbname}"
