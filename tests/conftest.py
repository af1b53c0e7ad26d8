"""Shared fixtures: real SQLite files in temporary folders, the demo site, a fake clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock
from tests.support.pg import PgServer, start_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file initialised with the demo site (no officers)."""
    path = tmp_path / "khiu.db"
    store = SqliteStore.open(path, create=True)
    store.load_site(load_site_file(DEMO_SITE_FILE))
    store.close()
    return path


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[SqliteStore]:
    opened = SqliteStore.open(db_path, clock=clock)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One real PostgreSQL server for the whole session (started on first use)."""
    server = start_server()
    yield server
    server.destroy()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh, empty database on the session's server."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)
