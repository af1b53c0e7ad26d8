"""The storage seam: `open_store(location)` gives a `Store` (see `api.py`) on the
database at `location`: a file path (SQLite, the default) or a `postgresql://` URL.

Layers: `api.py` (the interface and read models) ← the queue logic written once
(`queue.py` and its parts, on the `Database` adapter of `database.py`) ← one adapter per
backend (`sqlite/`, `postgres/`). Nothing outside this package imports a driver or holds
SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shared.clock import Clock, utc_now
from shared.domain.errors import DatabaseError
from shared.storage.api import Store


@dataclass(frozen=True)
class SqliteLocation:
    """A Khiu SQLite file."""

    path: Path

    def __str__(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class PostgresLocation:
    """A PostgreSQL database by URL (`postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME`)."""

    url: str

    def __str__(self) -> str:
        """The URL without its password (for messages and logs)."""
        return shown_location(self)


Location = SqliteLocation | PostgresLocation


def parse_location(text: str | Path) -> Location:
    """A postgresql:// or postgres:// URL selects PostgreSQL; anything else is a path
    (a URL is never taken as a file name)."""
    if isinstance(text, Path):
        return SqliteLocation(text)
    from shared.storage.postgres.url import is_postgres_url, is_url, parse_url

    if is_postgres_url(text):
        parse_url(text)  # a mistyped URL is refused here, with the right form shown
        return PostgresLocation(text.strip())
    if is_url(text):  # another scheme, or a misspelt one: never a file name
        parse_url(text)
    return SqliteLocation(Path(text))


def shown_location(location: str | Path | Location) -> str:
    """THE way a database location becomes text, for every output (command output and
    its JSON, messages, logs, window titles, banners): a file path as it is, a URL with
    its password replaced by *** (a mistyped URL too)."""
    if isinstance(location, SqliteLocation | Path):
        return str(location)
    text = location.url if isinstance(location, PostgresLocation) else location
    from shared.storage.postgres.url import is_url, masked, parse_url

    if not is_url(text):
        return text
    try:
        return parse_url(text).shown
    except DatabaseError:
        return masked(text)


def khiu_command(location: str | Path | Location, command: str) -> str:
    """`khiu --db LOCATION COMMAND` as a message suggests it: the same location the user
    gave (a step without --db would act on the default database elsewhere), shown
    without its password, quoted when it holds spaces (the same on Windows and POSIX)."""
    shown = shown_location(location)
    if any(char.isspace() or char in "\"'&|;<>()$`*?[]" for char in shown):
        shown = '"' + shown.replace('"', '\\"') + '"'
    return f"khiu --db {shown} {command}"


def open_store(
    location: str | Path | Location, *, create: bool = False, clock: Clock = utc_now
) -> Store:
    """Open the store at `location`; only `create=True` (khiu init) may create or upgrade
    the database. Raises DatabaseError when it cannot be used."""
    where = location if isinstance(location, SqliteLocation | PostgresLocation) else (
        parse_location(location)
    )
    if isinstance(where, PostgresLocation):
        return _open_postgres(where, create=create, clock=clock)
    from shared.storage.sqlite import SqliteStore

    return SqliteStore.open(where.path, create=create, clock=clock)


def _open_postgres(where: PostgresLocation, *, create: bool, clock: Clock) -> Store:
    from shared.storage.postgres import PgStore

    return PgStore.open(where.url, create=create, clock=clock)


def data_folder(location: str | Path | Location) -> Path:
    """Where files that belong with the database go by default (the spool folder, a
    relative voice pack): beside an SQLite file; the user data folder for a server."""
    where = location if isinstance(location, SqliteLocation | PostgresLocation) else (
        parse_location(location)
    )
    if isinstance(where, SqliteLocation):
        return where.path.parent
    from platformdirs import user_data_dir

    return Path(user_data_dir("khiu", appauthor=False))


__all__ = [
    "Location",
    "PostgresLocation",
    "SqliteLocation",
    "Store",
    "data_folder",
    "khiu_command",
    "open_store",
    "parse_location",
    "shown_location",
]
