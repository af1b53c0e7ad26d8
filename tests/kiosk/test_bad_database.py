"""A damaged database: the kiosk keeps running, says so in Thai and English, touches
nothing; when a good database is back at that path, the services come back."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskSettings, build
from shared.storage import parse_location
from tests.support.kiosk_app import LANDSCAPE


@pytest.mark.sqlite_only  # a damaged file; PostgreSQL refusals: tests/storage/test_pg_*.py
def test_damaged_database_shows_a_bilingual_notice_and_recovers(
    qtbot: QtBot, tmp_path: Path, db_path: Path
) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not a database " * 100)
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    kiosk = build(KioskSettings(location=parse_location(damaged)))
    try:
        kiosk.start(size=LANDSCAPE)
        home = kiosk.window.home
        qtbot.waitUntil(lambda: home.banner.isVisible(), timeout=5000)
        notice = home.banner.label.text()
        assert "ระบบคิวขัดข้อง" in notice and "unavailable" in notice
        assert home.buttons == {}
        assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before

        damaged.unlink()
        shutil.copy(db_path, damaged)  # staff restore a good database
        qtbot.waitUntil(lambda: len(home.buttons) == 8, timeout=10000)
        qtbot.waitUntil(lambda: not home.banner.isVisible(), timeout=5000)
    finally:
        kiosk.shutdown()
