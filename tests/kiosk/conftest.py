"""Kiosk fixtures: the app built as main() builds it, on a real demo database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp, KioskSettings, build
from shared.storage import parse_location
from tests.support.clock import FakeClock
from tests.support.kiosk_app import PORTRAIT, Factory


@pytest.fixture
def make_kiosk(qtbot: QtBot, db_path: Path, clock: FakeClock) -> Iterator[Factory]:
    """Build and show kiosks; each is shut down at the end of the test."""
    built: list[KioskApp] = []

    def factory(size: tuple[int, int] = PORTRAIT, **overrides: Any) -> KioskApp:
        settings = KioskSettings(location=parse_location(db_path), clock=clock, **overrides)
        app = build(settings)
        built.append(app)
        app.start(size=size)
        qtbot.waitUntil(lambda: len(app.window.home.buttons) == 8)
        return app

    yield factory
    for app in built:
        app.shutdown()
