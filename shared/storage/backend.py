"""What differs per database kind, as one typed interface: `Backend`.

A backend is one folder (`sqlite/`, `postgres/`) that implements `Backend` for one
location; `shared/storage/__init__.py` holds the one table from a location's kind to
its backend (`backend_for`). Everything else in the storage layer and above speaks to
these interfaces and never asks which kind of database it has.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from shared.clock import Clock
from shared.domain.errors import DatabaseError
from shared.storage.api import Store
from shared.storage.database import Database, DriverError, Row, Tx


class CopyTarget(Database, Protocol):
    """A database being filled by `khiu copy` (or a backup of a server database): the
    backend's fastest way to add rows, and what it must fix up after them."""

    def copy_write(self) -> AbstractContextManager[Tx]:
        """The write transaction the copy runs in (on PostgreSQL not pipelined: COPY
        cannot run in a pipeline)."""
        ...

    def insert_rows(self, table: str, rows: Sequence[Row]) -> None:
        """Add `rows` (dicts, all with the same columns) to `table`, inside the open
        write transaction."""
        ...

    def after_copy(self, tx: Tx) -> None:
        """After every row is in, before the copy commits (PostgreSQL moves its id
        sequences past the copied ids; SQLite has nothing to do)."""
        ...


class Backend(Protocol):
    """One database location's backend: how to open it and what to say about it."""

    def open_store(self, *, create: bool, clock: Clock) -> Store:
        """The store at the location; only `create=True` (khiu init) may create or
        upgrade the database. Raises DatabaseError when it cannot be used."""
        ...

    def copy_target(self) -> AbstractContextManager[CopyTarget]:
        """The location opened as the destination of `khiu copy` (created when new),
        closed on leaving; a new file left half-filled by a failure is removed."""
        ...

    def restore(self, backup: Path, clock: Clock, *, other_site: bool) -> dict[str, int]:
        """`khiu restore`: a backup file's content put back into the database (refused
        with the next step where the backend cannot)."""
        ...

    def explain(self, error: DriverError) -> DatabaseError:
        """What to tell a person when the driver failed under a command or an app: a
        precise diagnosis with the next step."""
        ...

    def missing(self) -> bool:
        """True when nothing is at the location (a SQLite file deleted or moved away); a
        server database is never missing, only unreachable."""
        ...

    def replaced_error(self) -> DatabaseError:
        """The error for a database that is no longer the one opened at the location."""
        ...

    def data_folder(self) -> Path:
        """Where files that belong with the database go by default (the spool folder, a
        relative voice pack)."""
        ...

    def shown(self) -> str:
        """The location as text for every output: never a password."""
        ...

