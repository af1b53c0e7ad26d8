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
