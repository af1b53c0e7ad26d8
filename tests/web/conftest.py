"""Web fixtures: the demo site on a real SQLite file, a store with a fake clock for
the counters' side, and a real uvicorn server on loopback reading the same file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.storage.sqlite import SqliteStore
from shared.web.app import WebSettings
from tests.support.clock import FakeClock
from tests.support.web import LiveServer


@pytest.fixture
def settings() -> WebSettings:
    return WebSettings(poll_s=0.02)


@pytest.fixture
def server(db_path: Path, clock: FakeClock, settings: WebSettings) -> Iterator[LiveServer]:
    with LiveServer(db_path, settings, clock=clock) as live:
        yield live


@pytest.fixture
def desk(store: SqliteStore) -> SqliteStore:
    """The counters' side of the queue (the same file, its own connection)."""
    return store
