"""Core fixtures: a small two-service site on a real SQLite file with a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.storage.sqlite import SqliteStore
from tests.core.helpers import make_db, open_store
from tests.support.clock import FakeClock


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    return make_db(tmp_path)


@pytest.fixture
def q(small_db: Path, clock: FakeClock) -> Iterator[SqliteStore]:
    """The store of the small site (fairness 3), clock at 2026-11-24 10:00 Bangkok."""
    store = open_store(small_db, clock)
    yield store
    store.close()
