"""Core fixtures: a small two-service site on a real SQLite file with a fake clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from shared.storage.api import Store
from tests.core.helpers import make_db, open_store
from tests.support.backends import Location
from tests.support.clock import FakeClock


@pytest.fixture
def small_db(tmp_path: Path, new_location: Callable[[str], Location]) -> Location:
    """The small site on the test's backend (a file path or a URL)."""
    return make_db(tmp_path, at=new_location("khiu.db"))


@pytest.fixture
def q(small_db: Location, clock: FakeClock) -> Iterator[Store]:
    """The store of the small site (fairness 3), clock at 2026-11-24 10:00 Bangkok."""
    store = open_store(small_db, clock)
    yield store
    store.close()
