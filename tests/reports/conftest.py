"""The controlled history (tests/reports/history.py) in a fresh database per test, on
each backend (the report's SQL is the same on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reports.history import build_history
from tests.support.backends import Location


@pytest.fixture
def history_db(new_location: Callable[[str], Location], tmp_path: Path) -> Location:
    folder = tmp_path / "history"
    folder.mkdir()
    db, _ = build_history(folder, new_location("history/khiu.db"))
    return db
