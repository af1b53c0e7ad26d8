"""The storage seam: `open_store(location)` gives a `Store` (see `api.py`) on the
database at `location`: a file path (SQLite, the default) or a `postgresql://` URL.

Layers: `api.py` (the interface and read models) ← the queue logic written once
(`queue.py` and its parts, on the `Database` adapter of `database.py`) ← one folder per
backend (`sqlite/`, `postgres/`), each implementing `Backend` (`backend.py`). This module
is their registry: the location kinds and `backend_for`, the one table from a kind to its
backend. Nothing outside this package imports a driver or holds SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shared.clock import Clock, utc_now
from shared.storage.api import Store
from shared.storage.backend import Backend


@dataclass(frozen=True)
class SqliteLocation:
    """A Khiu SQLite file."""

    path: Path

    def __str__(self) -> str:
        return str(self.path)

    @property
    def given(self) -> str:
        """The location as the user gave it, for a child process's environment."""
        return str(self.path)


@dataclass(frozen=True)
class PostgresLocation:
    """A PostgreSQL database by URL (`postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME`)."""

    url: str

    def __str__(self) -> str:
        """The URL without its password (for messages and logs)."""
        return shown_location(self)

    @property
    def given(self) -> str:
        """The URL as the user gave it, password included: only for a child process's
        environment (never a command line, a message or a log)."""
        return self.url


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


def backend_for(location: Location) -> Backend:
    """THE table from a location's kind to its backend (the one place that asks which
    kind it is); a backend's modules load when first used (psycopg only for a server)."""
    match location:
        case SqliteLocation(path=path):
            from shared.storage.sqlite.backend import SqliteBackend

            return SqliteBackend(path)
        case PostgresLocation(url=url):
            from shared.storage.postgres.backend import PostgresBackend

            return PostgresBackend(url)


def backend_at(location: str | Path | Location) -> Backend:
    """The backend of a location given as a Location, a path or a command-line text."""
    if isinstance(location, str | Path):
        return backend_for(parse_location(location))
    return backend_for(location)


def shown_location(location: str | Path | Location) -> str:
    """THE way a database location becomes text, for every output (command output and
    its JSON, messages, logs, window titles, banners): a file path as it is, a URL with
    its password replaced by *** (a mistyped URL too)."""
    if isinstance(location, str):
        from shared.storage.postgres.url import is_url, shown_url

        return shown_url(location) if is_url(location) else location
    return backend_at(location).shown()


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
    return backend_at(location).open_store(create=create, clock=clock)


def data_folder(location: str | Path | Location) -> Path:
    """Where files that belong with the database go by default (the spool folder, a
    relative voice pack): beside an SQLite file; the user data folder for a server."""
    return backend_at(location).data_folder()


def driver_loggers() -> tuple[str, ...]:
    """The names of the drivers' own loggers (KHIU_DEBUG shows their records)."""
    from shared.storage.postgres import DRIVER_LOGGER

    return (DRIVER_LOGGER,)


__all__ = [
    "Backend",
    "Location",
    "PostgresLocation",
    "SqliteLocation",
    "Store",
    "backend_at",
    "backend_for",
    "data_folder",
    "driver_loggers",
    "khiu_command",
    "open_store",
    "parse_location",
    "shown_location",
]
