"""One controlled history (tests/reports/history.py) shared by the report tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.reports.history import build_history


@pytest.fixture(scope="session")
def history_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("history")
    db, _ = build_history(folder)
    return db


@pytest.fixture
def history_db(history_master: Path, tmp_path: Path) -> Path:
    """A private copy (the file is closed: copying the main file is a whole database)."""
    target = tmp_path / "khiu.db"
    shutil.copy(history_master, target)
    return target
