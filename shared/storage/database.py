"""The small per-backend adapter the queue logic runs on: transactions, statements with
`:name` parameters, rows as mappings, and the few dialect differences.

Each backend (SQLite in `shared.storage.sqlite`, PostgreSQL in `shared.storage.postgres`)
provides one `Database`. The queue logic (`shared.storage.queue` and its modules) is
written once against it, in portable SQL: timestamps are ISO 8601 TEXT and booleans
INTEGER 0/1 in both schemas. Driver exceptions never cross this boundary: an adapter
raises `DatabaseError` (or one of the subclasses below) instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from shared.domain.errors import DatabaseError

if TYPE_CHECKING:
    from shared.storage.api import FeedCursor

# A result row: read columns by name only (`row["id"]`), never by position.
Row = Mapping[str, Any]
Params = Mapping[str, Any]


class UniqueViolation(DatabaseError):
    """A UNIQUE constraint refused an insert or update (the driver's IntegrityError)."""


class DriverError(DatabaseError):
    """The driver failed under a statement (file gone, locked too long, damaged pages,
    connection dropped): the store should be closed and opened again.

    `detail` is the driver's own text, for messages that add their own context."""

    def __init__(self, detail: str, code: int | None = None) -> None:
        super().__init__(f"ฐานข้อมูลขัดข้อง: {detail}", f"Database problem: {detail}")
        self.detail = detail
        self.code = code  # the driver's error code, when it has one (for diagnoses)


class ConnectionLost(DriverError):
    """The connection to a database server broke (the server restarted or is down, the
    network dropped): the message says so; a new connection is made on the next use."""

    def __init__(self, message_th: str, message_en: str, detail: str = "") -> None:
        DatabaseError.__init__(self, message_th, message_en)
        self.detail = detail or message_en


class FileReplacedError(DatabaseError):
    """The location no longer holds the database this connection has open (a SQLite
    file moved away, deleted or replaced under it): let go of it and open it again."""


class Tx(Protocol):
    """Statements on one connection, inside a transaction (or, from `Database.direct`,
    each on its own). SQL uses `:name` placeholders; an adapter rewrites them if its
    driver wants another style."""

    @property
    def dialect(self) -> Dialect: ...

    def execute(self, sql: str, params: Params | None = None) -> list[Row]:
        """Run one statement; its rows (empty for a statement without RETURNING)."""
        ...

    def one(self, sql: str, params: Params | None = None) -> Row | None:
        """The first row, or None."""
        ...

    def all(self, sql: str, params: Params | None = None) -> list[Row]: ...

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        """The first column of the first row (None when there is no row)."""
        ...


class Dialect(Protocol):
    """SQL fragments that differ per backend; everything else is written once."""

    def index_hint(self, index: str) -> str:
        """`INDEXED BY index` on SQLite (its planner needs it where statistics are
        missing); an empty string where the planner chooses well (PostgreSQL)."""
        ...

    def minutes_between(self, start: str, end: str) -> str:
        """An SQL expression: the minutes (a float) from ISO TEXT column `start` to `end`."""
        ...

    def json_int(self, column: str, key: str) -> str:
        """An SQL expression: the integer at top-level `key` of the JSON TEXT `column`
        (SQLite `json_extract`; PostgreSQL `CAST(CAST(col AS json) ->> 'key' AS integer)`)."""
        ...

    def analytics_setup(self) -> tuple[str, ...]:
        """Statements run first in a report's read transaction: none on SQLite; on
        PostgreSQL `SET LOCAL jit = off` (JIT-compiling the report's queries cost more
        than running them: 1.2 s measured) and `SET LOCAL work_mem = '64MB'` (the
        percentile window sorts ~0.5 M rows of a month in memory, not on disk)."""
        ...

    def site_manager_query(self) -> str | None:
        """A query of one row (`manager`: the role that may change the site, `may`: this
        connection's user may): None on SQLite, where whoever opens the file may."""
        ...


class Database(Protocol):
    """One connection to one Khiu database, used from one thread."""

    @property
    def dialect(self) -> Dialect: ...

    def write(self) -> AbstractContextManager[Tx]:
        """A write transaction that holds the site-wide write lock from its start (SQLite
        BEGIN IMMEDIATE; PostgreSQL BEGIN + pg_advisory_xact_lock). Commits on leaving,
        rolls back on an exception. Two counters can never get the same ticket."""
        ...

    def read(self) -> AbstractContextManager[Tx]:
        """A consistent snapshot for several reads (inside `write()` it joins the write)."""
        ...

    def direct(self) -> Tx:
        """Single statements that need no snapshot (each is atomic on its own)."""
        ...

    def open_feed(self, after_id: int | None) -> FeedCursor:
        """A change-feed cursor on its own connection (`None`: from the newest event)."""
        ...

    def health(self) -> None:
        """Reach the database afresh (a new connection), raise DatabaseError if it is
        gone, replaced or locked: the long-lived connection may not notice."""
        ...

    def replaced(self) -> bool:
        """True when the location now holds another database than the one open: a
        SQLite file moved away, deleted or replaced (`cp`, `mv`) under an open connection,
        which would go on reading and writing the old file in silence. Cheap (a stat):
        workers ask before every job. A server database answers False."""
        ...

    def backup(self, target: Path) -> None:
        """A consistent copy of the whole database into the new file `target` while it
        is in use; raises KhiuError when the backend cannot (or the copy fails its check)."""
        ...

    def schema_version(self) -> int:
        """The schema version of the database (after `khiu init`: the newest known)."""
        ...

    def describe(self) -> str:
        """Where the database is, for messages (a path, or a URL without its password)."""
        ...

    def close(self) -> None: ...
